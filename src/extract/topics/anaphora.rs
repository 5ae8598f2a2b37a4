//! Definite descriptions: "the plant" after "the Zaporizhzhia nuclear power
//! plant" in the same article refers back to it (same-head definite
//! descriptions, three blocks back at most).

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::stem::{is_stop, phrase_key, shell_nouns, stem_into};
use crate::corpus::Corpus;
use crate::extract::token;
use crate::extract::{Alias, ArticleTokens, Entity, Mention, MergeRule};

/// Adds the definite descriptions of the `chosen` topics to `mentions` (kept
/// sorted) and their written forms to the topics' aliases.
#[allow(clippy::too_many_arguments)] // the phase's inputs, named as in `extract_topics`
pub(super) fn add(
    corpus: &Corpus,
    chosen: &[u64],
    stems: &FxHashMap<u64, Vec<String>>,
    index: &FxHashMap<u64, u32>,
    actor_keys: &FxHashSet<String>,
    actors: &[Mention],
    tokens: Option<&[ArticleTokens]>,
    entities: &mut [Entity],
    mentions: &mut Vec<Mention>,
) {
    // 6. Definite descriptions: "the plant" after "the Zaporizhzhia nuclear
    // power plant" in the same article refers back to it.
    let heads: Vec<Option<String>> = chosen
        .iter()
        .map(|key| {
            let stems = &stems[key];
            let head = stems.last()?;
            let eligible = stems.len() >= 2
                && head.len() >= 3
                && !index.contains_key(&phrase_key(std::slice::from_ref(head)))
                && !shell_nouns().contains(head)
                && !is_stop(head)
                && !actor_keys.contains(head);
            eligible.then(|| head.clone())
        })
        .collect();
    let anaphors = definite_descriptions(corpus, &heads, mentions, actors, tokens);
    if !anaphors.is_empty() {
        for (m, form) in &anaphors {
            let e = &mut entities[m.node as usize];
            if !e.aliases.iter().any(|a| a.form == *form) {
                e.aliases.push(Alias {
                    form: form.clone(),
                    rule: MergeRule::DefiniteDescription,
                });
                e.aliases.sort_by(|a, b| a.form.cmp(&b.form));
            }
        }
        mentions.extend(anaphors.into_iter().map(|(m, _)| m));
        mentions.sort_unstable();
    }
}

/// Blocks back a definite description may look for its antecedent.
const ANAPHOR_WINDOW: u32 = 3;

/// "the plant", "these guarantees": a determiner and the last word of a
/// multi-word topic mentioned shortly before in the same article, ending the
/// noun phrase, refer back to that topic (same-head definite descriptions,
/// after Vieira and Poesio). `heads` holds each topic's head stem when the
/// head is not a topic of its own. Returns the mentions with their written
/// forms. `topic_mentions` and `actors` are sorted; none is overlapped.
fn definite_descriptions(
    corpus: &Corpus,
    heads: &[Option<String>],
    topic_mentions: &[Mention],
    actors: &[Mention],
    tokens: Option<&[ArticleTokens]>,
) -> Vec<(Mention, String)> {
    if heads.iter().all(Option::is_none) {
        return Vec::new();
    }
    let head_of = |m: &Mention| heads.get(m.node as usize).and_then(Option::as_deref);
    let overlaps = |ms: &[Mention], start: usize, end: usize| {
        let i = ms.partition_point(|m| m.end <= start);
        ms.get(i).is_some_and(|m| m.start < end)
    };
    let mut found: Vec<(Mention, String)> = corpus
        .articles
        .par_iter()
        .flat_map_iter(|article| {
            let mine = crate::extract::mentions_in_article(topic_mentions, article.id);
            let mut found = Vec::new();
            if !mine.iter().any(|m| head_of(m).is_some()) {
                return found;
            }
            let theirs = crate::extract::mentions_in_article(actors, article.id);
            // (head, node, block) of topics seen, most recent last.
            let mut recent: Vec<(&str, u32, u32)> = Vec::new();
            let mut lower = String::new();
            let mut stemmed = String::new();
            let mut next = 0usize;
            for (b, block) in article.blocks.iter().enumerate() {
                if !block.kind.is_searched() {
                    continue;
                }
                let b = u32::try_from(b).unwrap_or(u32::MAX);
                let toks = crate::extract::block_tokens(tokens, article, b);
                for (i, t) in toks.iter().enumerate() {
                    while let Some(m) = mine.get(next)
                        && m.start < t.start
                    {
                        if let Some(h) = head_of(m) {
                            recent.retain(|r| r.1 != m.node);
                            recent.push((h, m.node, m.block));
                        }
                        next += 1;
                    }
                    if recent.is_empty() || !t.is_word() {
                        continue;
                    }
                    let det = t.text(&article.text);
                    if !["the", "this", "these"]
                        .iter()
                        .any(|d| det.eq_ignore_ascii_case(d))
                    {
                        continue;
                    }
                    let Some(w) = toks.get(i + 1).filter(|w| w.is_word()) else {
                        continue;
                    };
                    token::lower_into(w.text(&article.text), &mut lower);
                    stem_into(&lower, &mut stemmed);
                    let Some(&(_, node, _)) = recent
                        .iter()
                        .rev()
                        .take_while(|r| b.saturating_sub(r.2) <= ANAPHOR_WINDOW)
                        .find(|r| r.0 == stemmed)
                    else {
                        continue;
                    };
                    // The head ends the noun phrase: "the plant operator" is
                    // something else.
                    if let Some(n) = toks.get(i + 2).filter(|n| n.is_word()) {
                        token::lower_into(n.text(&article.text), &mut lower);
                        if !is_stop(&lower) {
                            continue;
                        }
                    }
                    if overlaps(mine, t.start, w.end) || overlaps(theirs, t.start, w.end) {
                        continue;
                    }
                    // The description keeps its antecedent current.
                    if let Some(k) = recent.iter().position(|r| r.1 == node) {
                        let mut r = recent.remove(k);
                        r.2 = b;
                        recent.push(r);
                    }
                    let paragraph = article.kept_paragraph_of(b);
                    let form = article.text[t.start..w.end].to_lowercase();
                    found.push((
                        Mention {
                            article: article.id,
                            start: t.start,
                            end: w.end,
                            node,
                            block: b,
                            paragraph,
                        },
                        form,
                    ));
                }
            }
            found
        })
        .collect();
    found.sort_by_key(|a| a.0);
    found
}
