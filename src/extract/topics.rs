//! Topics: key phrases of the corpus ("security guarantees", "ceasefire",
//! "Zaporizhzhia nuclear power plant"), scored against general English.
//!
//! Candidates are runs of content words inside a sentence (never crossing
//! punctuation, never starting or ending with a stop word, never inside an
//! actor's name). A phrase scores by the paragraphs it occurs in times how
//! rare its words are in general English (the bundled lexicon), so generic
//! words never make it. Inflections and case variants merge under a stemmed
//! key, and a phrase merges into its more specific form when it almost only
//! occurs inside it. O(words · max phrase length).

use super::words::STOP;
use std::hash::{Hash, Hasher};

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet, FxHasher};

use super::gazetteer::Gazetteer;
use super::token::{self, TokenKind};
use super::{Alias, Category, Entity, Mention, MergeRule, NodeKind};
use crate::corpus::{BlockKind, Corpus};

/// Longest phrase, in words.
const MAX_WORDS: usize = 4;

/// Settings of topic extraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct TopicSettings {
    /// How many topics at most; `None` adapts to the corpus size.
    pub max_topics: Option<usize>,
    /// A topic must occur in at least this many paragraphs.
    pub min_paragraphs: usize,
}

impl Default for TopicSettings {
    fn default() -> Self {
        Self {
            max_topics: None,
            min_paragraphs: 2,
        }
    }
}

impl TopicSettings {
    /// The number of topics for a corpus of `paragraphs` kept paragraphs:
    /// grows with the square root of its size, between 20 and 400.
    pub fn topic_count(&self, paragraphs: usize) -> usize {
        match self.max_topics {
            Some(n) => n.max(1),
            None => ((3.5 * (paragraphs as f64).sqrt()).round() as usize).clamp(20, 400),
        }
    }
}

/// A plural-folding stem: "guarantees" → "guarantee", "parties" → "party".
fn stem(word: &str) -> String {
    stem_lower(
        &word
            .chars()
            .flat_map(char::to_lowercase)
            .collect::<String>(),
    )
}

/// [`stem`] of a word already in lower case.
fn stem_lower(lower: &str) -> String {
    let mut out = String::new();
    stem_into(lower, &mut out);
    out
}

/// [`stem_lower`] into a reused buffer.
fn stem_into(lower: &str, out: &mut String) {
    out.clear();
    if lower.contains('’') {
        out.extend(lower.chars().map(|c| if c == '’' { '\'' } else { c }));
    } else {
        out.push_str(lower);
    }
    let n = out.len();
    if n > 4 && out.ends_with("ies") {
        out.truncate(n - 3);
        out.push('y');
    } else if n > 4
        && (out.ends_with("sses")
            || out.ends_with("ches")
            || out.ends_with("shes")
            || out.ends_with("xes"))
    {
        out.truncate(n - 2);
    } else if n > 3
        && out.ends_with('s')
        && !out.ends_with("ss")
        && !out.ends_with("us")
        && !out.ends_with("is")
    {
        out.truncate(n - 1);
    }
}

/// Whether a (stemmed, lower-case) word can end a noun phrase, judged by its
/// ending: adjectives (-al, -ic, -ive, -ous…), adverbs (-ly), participles
/// (-ed, -ing) and contractions cannot. Some nouns are lost ("fighting");
/// many more adjectives and verbs are kept out.
fn noun_like(word: &str) -> bool {
    if word.contains(['\'', '’']) {
        return false;
    }
    const ENDINGS: &[&str] = &[
        "al", "ic", "ive", "ous", "ful", "less", "able", "ible", "ly", "ed", "ing", "ish", "ern",
        "ary", "ian", "ean", "est", "ier",
    ];
    const NOUNS: &[&str] = &[
        "deal",
        "proposal",
        "approval",
        "referendal",
        "withdrawal",
        "official",
        "ally",
        "military",
        "summit",
        "secretary",
        "boundary",
        "territory",
        "ceasefire",
    ];
    if NOUNS.contains(&word) {
        return true;
    }
    if let Some((_, tail)) = word.rsplit_once('-') {
        // "large-scale", "high-level", "post-war": compound adjectives.
        if tail.len() <= 5 {
            return false;
        }
    }
    !ENDINGS.iter().any(|e| word.ends_with(e))
}

/// Stem keys ("security guarantee") of a bundled word list, one entry per
/// line, `#` comments.
fn stem_set(text: &str) -> FxHashSet<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split_whitespace().map(stem).collect::<Vec<_>>().join(" "))
        .collect()
}

/// General subjects of news reporting (`assets/lexicon/news_topics.txt`).
fn news_topics() -> &'static FxHashSet<String> {
    static SET: std::sync::OnceLock<FxHashSet<String>> = std::sync::OnceLock::new();
    SET.get_or_init(|| stem_set(include_str!("../../assets/lexicon/news_topics.txt")))
}

/// Shell and discourse nouns, never topics alone
/// (`assets/lexicon/shell_nouns.txt`).
fn shell_nouns() -> &'static FxHashSet<String> {
    static SET: std::sync::OnceLock<FxHashSet<String>> = std::sync::OnceLock::new();
    SET.get_or_init(|| stem_set(include_str!("../../assets/lexicon/shell_nouns.txt")))
}

/// The key of a stemmed word.
fn word_key(stem: &str) -> u64 {
    let mut hasher = FxHasher::default();
    stem.hash(&mut hasher);
    hasher.finish()
}

/// The key of a phrase: a hash of its words' keys in order.
fn phrase_key<S: AsRef<str>>(stems: &[S]) -> u64 {
    let mut hasher = FxHasher::default();
    for w in stems {
        hasher.write_u64(word_key(w.as_ref()));
    }
    hasher.finish()
}

/// Modals and do-support: the word after one (or after one and "not") is
/// a verb.
fn is_modal(lower: &str) -> bool {
    matches!(
        lower,
        "will"
            | "would"
            | "shall"
            | "should"
            | "can"
            | "could"
            | "may"
            | "might"
            | "must"
            | "cannot"
            | "did"
            | "does"
            | "do"
            | "won't"
            | "won’t"
            | "don't"
            | "don’t"
            | "didn't"
            | "didn’t"
            | "doesn't"
            | "doesn’t"
            | "wouldn't"
            | "wouldn’t"
            | "can't"
            | "can’t"
    )
}

fn is_stop(lower: &str) -> bool {
    static SET: std::sync::OnceLock<FxHashSet<&'static str>> = std::sync::OnceLock::new();
    SET.get_or_init(|| STOP.iter().collect()).contains(lower)
}

/// One occurrence of a candidate phrase.
#[derive(Debug, Clone, Copy)]
struct Occurrence {
    key: u64,
    article: u32,
    block: u32,
    start: usize,
    end: usize,
    paragraph: Option<u32>,
    words: u8,
}

/// Corpus statistics of one phrase, 28 bytes: every distinct phrase of the
/// corpus has one during the first pass.
#[derive(Debug, Clone, Copy)]
struct PhraseStats {
    /// Kept paragraphs it occurs in, each counted once.
    paragraphs: u32,
    /// The last kept paragraph counted, as (article, paragraph).
    last: (u32, u32),
    /// Its first occurrence in corpus order (article, start, end), from
    /// which the stems of its words are read back when it is scored.
    first: (u32, u32, u32),
    /// Occurrences, and those ending their run: a word that is nearly
    /// always followed by another ("military" in "military aid") modifies
    /// rather than names a subject.
    seen: u32,
    heads: u32,
}

impl Default for PhraseStats {
    fn default() -> Self {
        Self {
            paragraphs: 0,
            last: (u32::MAX, u32::MAX),
            first: (0, 0, 0),
            seen: 0,
            heads: 0,
        }
    }
}

/// A word of a content run.
#[derive(Debug, Clone, Copy)]
struct RunWord {
    start: usize,
    end: usize,
    /// [`word_key`] of its stem.
    stem: u64,
    /// An actor's place name opening the run.
    place: bool,
    /// Ends like a participle or an adverb: never ends a phrase.
    bad_end: bool,
    /// Written in lower case in the label (a capital only from its place
    /// in the sentence).
    fold_case: bool,
}

/// Written forms of phrases and how often each was seen.
type Surfaces = FxHashMap<u64, FxHashMap<String, u32>>;

/// Statistics of two runs of articles, `left` before `right`: counts add,
/// the first occurrence is the left one.
fn merge_stats(
    left: FxHashMap<u64, PhraseStats>,
    right: FxHashMap<u64, PhraseStats>,
) -> FxHashMap<u64, PhraseStats> {
    let small_is_left = left.len() < right.len();
    let (mut big, small) = if small_is_left {
        (right, left)
    } else {
        (left, right)
    };
    for (key, s) in small {
        let entry = big.entry(key).or_default();
        if entry.seen == 0 || small_is_left {
            entry.first = s.first;
        }
        entry.paragraphs += s.paragraphs;
        entry.seen += s.seen;
        entry.heads += s.heads;
    }
    big
}

/// The stems of the words of `text[start..end]`, a phrase's occurrence.
fn stems_of(text: &str, start: usize, end: usize) -> Vec<String> {
    token::tokenize(text, start, end)
        .iter()
        .filter(|t| t.is_word())
        .map(|t| stem(t.text(text)))
        .collect()
}

/// Extracts topics. `actors` are the mentions already found (their spans
/// split phrases); `actor_keys` are lower-cased actor labels and aliases,
/// which no topic may duplicate.
pub fn extract_topics(
    corpus: &Corpus,
    gazetteer: &Gazetteer,
    actors: &[Mention],
    actor_entities: &[Entity],
    settings: &TopicSettings,
    tokens: Option<&[super::ArticleTokens]>,
) -> (Vec<Entity>, Vec<Mention>) {
    let actor_keys: FxHashSet<String> = actor_entities
        .iter()
        .flat_map(|e| {
            std::iter::once(e.label.as_str()).chain(e.aliases.iter().map(|a| a.form.as_str()))
        })
        .map(|s| s.split_whitespace().map(stem).collect::<Vec<_>>().join(" "))
        .collect();
    // 1. Statistics of every candidate phrase (pass 1: `keep` is None), or
    // occurrences and written forms of the chosen candidates (pass 2).
    // Two passes keep memory bounded: only candidates' occurrences are stored.
    // No allocation per word: words are lower-cased and stemmed into reused
    // buffers and kept as hashes.
    // Each pass folds articles into one accumulator per thread, so only a
    // few statistics tables are ever alive, never one per article.
    let scan_article = |article: &crate::corpus::Article,
                        keep: Option<&FxHashSet<u64>>,
                        stats: &mut FxHashMap<u64, PhraseStats>,
                        surfaces: &mut Surfaces|
     -> Vec<Occurrence> {
        let text = article.text.as_str();
        let mut occurrences = Vec::new();
        let article_actors = super::mentions_in_article(actors, article.id);
        let mut lower = String::new();
        let mut stemmed = String::new();
        let mut run: Vec<RunWord> = Vec::new();
        let mut surface = String::new();
        let mut flush = |run: &mut Vec<RunWord>, b: u32, paragraph: Option<u32>| {
            for i in 0..run.len() {
                let mut hasher = FxHasher::default();
                for n in 1..=MAX_WORDS.min(run.len() - i) {
                    let words = &run[i..i + n];
                    hasher.write_u64(words[n - 1].stem);
                    // A place opens a phrase only before two or more words.
                    if words.iter().skip(1).any(|w| w.place) || (words[0].place && n < 3) {
                        continue;
                    }
                    if words[n - 1].bad_end {
                        continue;
                    }
                    let key = hasher.finish();
                    let Some(keep) = keep else {
                        let entry = stats.entry(key).or_default();
                        if entry.seen == 0 {
                            entry.first = (
                                article.id,
                                u32::try_from(words[0].start).unwrap_or(u32::MAX),
                                u32::try_from(words[n - 1].end).unwrap_or(u32::MAX),
                            );
                        }
                        entry.seen += 1;
                        if i + n == run.len() {
                            entry.heads += 1;
                        }
                        if let Some(p) = paragraph
                            && entry.last != (article.id, p)
                        {
                            entry.last = (article.id, p);
                            entry.paragraphs += 1;
                        }
                        continue;
                    };
                    if !keep.contains(&key) {
                        continue;
                    }
                    surface.clear();
                    for (k, w) in words.iter().enumerate() {
                        if k > 0 {
                            surface.push(' ');
                        }
                        let written = &text[w.start..w.end];
                        if w.fold_case && written.is_ascii() {
                            let from = surface.len();
                            surface.push_str(written);
                            surface[from..].make_ascii_lowercase();
                        } else if w.fold_case {
                            surface.extend(written.chars().flat_map(char::to_lowercase));
                        } else {
                            surface.push_str(written);
                        }
                    }
                    let forms = surfaces.entry(key).or_default();
                    match forms.get_mut(surface.as_str()) {
                        Some(n) => *n += 1,
                        None => {
                            forms.insert(surface.clone(), 1);
                        }
                    }
                    occurrences.push(Occurrence {
                        key,
                        article: article.id,
                        block: b,
                        start: words[0].start,
                        end: words[n - 1].end,
                        paragraph,
                        words: n as u8,
                    });
                }
            }
            run.clear();
        };
        for (b, block) in article.blocks.iter().enumerate() {
            if !block.kind.is_searched() {
                continue;
            }
            let b = u32::try_from(b).unwrap_or(u32::MAX);
            let paragraph = article.kept_paragraph_of(b);
            // Actor mentions are sorted by offset: the block's are a range.
            let from = article_actors.partition_point(|m| m.start < block.start);
            let to = article_actors.partition_point(|m| m.start < block.end);
            let in_block = &article_actors[from..to];
            // Tokens come in order: a cursor finds the actor around each.
            let mut cursor = 0usize;
            let tokens = super::block_tokens(tokens, article, b);
            // Content runs: words that are not stop words and not inside an
            // actor's name; a place's name may open a run. A word right after
            // a modal is a verb ("will not accept …").
            let mut after_modal = false;
            for t in tokens.iter() {
                if t.kind != TokenKind::Word {
                    after_modal = false;
                    flush(&mut run, b, paragraph);
                    continue;
                }
                while cursor < in_block.len() && in_block[cursor].end <= t.start {
                    cursor += 1;
                }
                let actor = in_block[cursor..]
                    .iter()
                    .take_while(|m| m.start <= t.start)
                    .find(|m| m.block == b && t.end <= m.end);
                let word = t.text(text);
                token::lower_into(word, &mut lower);
                // ("May" with a capital is the month; "not" alone may
                // negate a noun: "if not diplomacy".)
                let modal = (is_modal(&lower) && !(t.capitalized && lower == "may"))
                    || (after_modal && lower == "not");
                let verb = std::mem::replace(&mut after_modal, modal);
                if let Some(actor) = actor {
                    // Only a place at the head of a run joins it.
                    let place = actor_entities
                        .get(actor.node as usize)
                        .is_some_and(|e| e.category == Category::Place);
                    if place && run.is_empty() && actor.start == t.start && actor.end == t.end {
                        stem_into(&lower, &mut stemmed);
                        run.push(RunWord {
                            start: t.start,
                            end: t.end,
                            stem: word_key(&stemmed),
                            place: true,
                            bad_end: lower.ends_with("ed") || lower.ends_with("ly"),
                            fold_case: false,
                        });
                        continue;
                    }
                    flush(&mut run, b, paragraph);
                    continue;
                }
                if verb
                    || is_stop(&lower)
                    || word.chars().count() < 3
                    || !word.starts_with(char::is_alphabetic)
                    || t.possessive && lower.len() < 3
                {
                    flush(&mut run, b, paragraph);
                    continue;
                }
                // A capital mid-sentence that is not a common word is a
                // name we did not recognise: not topic material.
                if t.capitalized
                    && !t.sentence_start
                    && !gazetteer.is_common_word(word)
                    && block.kind == BlockKind::Paragraph
                {
                    flush(&mut run, b, paragraph);
                    continue;
                }
                stem_into(&lower, &mut stemmed);
                run.push(RunWord {
                    start: t.start,
                    end: t.end,
                    stem: word_key(&stemmed),
                    place: false,
                    bad_end: lower.ends_with("ed") || lower.ends_with("ly"),
                    fold_case: t.capitalized && !t.all_caps,
                });
                if t.possessive {
                    flush(&mut run, b, paragraph);
                }
            }
            flush(&mut run, b, paragraph);
        }
        occurrences
    };
    let clock = std::time::Instant::now();
    let lap = |what: &str| log::debug!("topics: {what} at {:?}", clock.elapsed());
    // 2. Merge statistics (articles are disjoint, so paragraph counts add).
    let stats: FxHashMap<u64, PhraseStats> = corpus
        .articles
        .par_iter()
        .fold(FxHashMap::default, |mut stats, article| {
            scan_article(article, None, &mut stats, &mut Surfaces::default());
            stats
        })
        .reduce(FxHashMap::default, merge_stats);
    lap("first scan");
    // 3. Score: paragraphs × rarity, longer phrases favoured. The stems of
    // phrases seen often enough are read back from their first occurrence.
    let min_paragraphs = u32::try_from(settings.min_paragraphs.max(1)).unwrap_or(u32::MAX);
    let frequent: Vec<(u64, PhraseStats)> = stats
        .iter()
        .filter(|(_, s)| s.paragraphs >= min_paragraphs)
        .map(|(k, s)| (*k, *s))
        .collect();
    let stems: FxHashMap<u64, Vec<String>> = frequent
        .par_iter()
        .map(|(key, s)| {
            let (article, start, end) = s.first;
            let text = &corpus.articles[article as usize].text;
            (*key, stems_of(text, start as usize, end as usize))
        })
        .collect();
    // (score, key, rarity)
    let mut scored: Vec<(f64, u64, f64)> = Vec::new();
    for (key, s) in &frequent {
        let count = s.paragraphs;
        let stems = &stems[key];
        if stems.is_empty() {
            continue;
        }
        let rarity: f64 = stems
            .iter()
            .map(|w| {
                let lp = gazetteer
                    .word_logprob(w)
                    .max(gazetteer.word_logprob(&format!("{w}s")));
                f64::from((-lp - 9.5).clamp(0.0, 8.0))
            })
            .sum::<f64>()
            / stems.len() as f64;
        // Phrases end in a noun: no adjective, adverb, participle or contraction.
        let Some(last) = stems.last() else { continue };
        if !noun_like(last) {
            continue;
        }
        let rarity = if stems.len() == 1 {
            rarity
        } else {
            rarity + 1.0
        };
        let joined = stems.join(" ");
        // A known subject of news ("sanctions", "referendum") is a topic even
        // when common in general English; a shell noun ("willingness",
        // "obstacles") labels text rather than a subject and never is alone.
        let subject = news_topics().contains(&joined);
        if stems.len() == 1 && s.heads * 3 < s.seen {
            continue; // mostly a modifier of other words
        }
        if !subject {
            if stems.len() == 1 && (rarity < 2.5 || shell_nouns().contains(&joined)) {
                continue; // a lone generic word
            }
            if rarity < 1.0 {
                continue;
            }
        }
        if actor_keys.contains(&joined) {
            continue;
        }
        // Rarity counts twice: specific terms ("referendum") beat abstract
        // ones ("willingness") seen as often.
        let score = f64::from(count)
            * rarity.max(2.5)
            * rarity.max(2.5)
            * (1.0 + 0.6 * (stems.len() as f64 - 1.0))
            * match (subject, stems.len()) {
                // Broad one-word subjects ("war", "energy") are admitted,
                // named subjects ("peace talks") preferred.
                (true, _) => 3.0,
                _ => 1.0,
            };
        scored.push((score, *key, rarity));
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    lap("scored");
    let wanted = settings.topic_count(corpus.paragraph_count());
    if log::log_enabled!(log::Level::Debug) {
        for (score, key, rarity) in scored.iter().take(80) {
            log::debug!(
                "topic candidate {score:8.2} {:3} {rarity:.2} {}",
                stats[key].paragraphs,
                stems[key].join(" ")
            );
        }
    }
    // 4. Specific forms: a phrase that (nearly) only occurs inside a longer
    // selected phrase merges into it; overlapping picks are resolved below.
    let candidates: Vec<u64> = scored.iter().take(wanted * 3).map(|(_, k, _)| *k).collect();
    let candidate_set: FxHashSet<u64> = candidates.iter().copied().collect();
    // Occurrences of candidates by article, in block order, and written forms.
    let (occurrences, surfaces): (Vec<Vec<Occurrence>>, Surfaces) = corpus
        .articles
        .par_iter()
        .fold(
            || (Vec::new(), Surfaces::default()),
            |(mut occurrences, mut surfaces), article| {
                let keep = Some(&candidate_set);
                occurrences.push(scan_article(
                    article,
                    keep,
                    &mut FxHashMap::default(),
                    &mut surfaces,
                ));
                (occurrences, surfaces)
            },
        )
        .reduce(
            || (Vec::new(), Surfaces::default()),
            |(mut left, mut forms), (right, other)| {
                // Left before right: articles stay in order.
                left.extend(right);
                for (key, written) in other {
                    let entry = forms.entry(key).or_default();
                    for (surface, n) in written {
                        *entry.entry(surface).or_default() += n;
                    }
                }
                (left, forms)
            },
        );
    lap("second scan");
    // Count how often each candidate occurs on its own (not inside a longer
    // candidate), and inside which.
    type Counts = (FxHashMap<u64, u32>, FxHashMap<(u64, u64), u32>);
    let (alone, inside): Counts = occurrences
        .par_iter()
        .map(|occ| {
            let mut counts = Counts::default();
            for block in occ.chunk_by(|a, b| a.block == b.block) {
                for o in block {
                    let container = block
                        .iter()
                        .filter(|c| c.words > o.words && c.start <= o.start && o.end <= c.end)
                        .max_by_key(|c| (stats[&c.key].paragraphs, c.words));
                    match container {
                        Some(c) => *counts.1.entry((o.key, c.key)).or_default() += 1,
                        None => *counts.0.entry(o.key).or_default() += 1,
                    }
                }
            }
            counts
        })
        .reduce(Counts::default, |mut a, b| {
            for (k, n) in b.0 {
                *a.0.entry(k).or_default() += n;
            }
            for (k, n) in b.1 {
                *a.1.entry(k).or_default() += n;
            }
            a
        });
    lap("inside counts");
    // The container each phrase is most often inside.
    let mut best_container: FxHashMap<u64, (u32, std::cmp::Reverse<u64>)> = FxHashMap::default();
    for (&(key, container), &n) in &inside {
        let best = best_container
            .entry(key)
            .or_insert((0, std::cmp::Reverse(u64::MAX)));
        *best = (*best).max((n, std::cmp::Reverse(container)));
    }
    let mut merged_into: FxHashMap<u64, u64> = FxHashMap::default();
    for &key in &candidates {
        let own = alone.get(&key).copied().unwrap_or(0);
        if let Some(&(n, std::cmp::Reverse(container))) = best_container.get(&key)
            && n >= own * 2
            && n >= 2
        {
            merged_into.insert(key, container);
        }
    }
    // A participle before a subject far more common alone ("negotiated
    // ceasefire", "localized ceasefires") qualifies that subject rather than
    // naming another one.
    let mut qualified: FxHashSet<u64> = FxHashSet::default();
    for &key in &candidates {
        let s = &stats[&key];
        let [modifier, head] = stems[&key].as_slice() else {
            continue;
        };
        if merged_into.contains_key(&key)
            || modifier.len() <= 4
            || !modifier.ends_with("ed")
            || modifier.ends_with("eed")
        {
            continue;
        }
        let head = phrase_key(std::slice::from_ref(head));
        if candidate_set.contains(&head)
            && !merged_into.contains_key(&head)
            && stats[&head].paragraphs >= 2 * s.paragraphs
        {
            merged_into.insert(key, head);
            qualified.insert(key);
        }
    }
    lap("merges");
    let resolve = |mut k: u64| {
        for _ in 0..8 {
            match merged_into.get(&k) {
                Some(&c) => k = c,
                None => break,
            }
        }
        k
    };
    let mut chosen: Vec<u64> = Vec::new();
    let mut chosen_set: FxHashSet<u64> = FxHashSet::default();
    for &key in &candidates {
        let target = resolve(key);
        if chosen.len() >= wanted {
            break;
        }
        if chosen_set.insert(target) {
            chosen.push(target);
        }
    }
    // Ids in order of score (deterministic: scores tie-break on the key),
    // so among topics mentioned equally often the more specific come first.
    let label_of = |key: u64| {
        surfaces
            .get(&key)
            .into_iter()
            .flatten()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(s, _)| s.clone())
            .unwrap_or_default()
    };
    let topics: Vec<(String, u64)> = chosen.iter().map(|&k| (label_of(k), k)).collect();
    let index: FxHashMap<u64, u32> = topics
        .iter()
        .enumerate()
        .map(|(i, (_, k))| (*k, u32::try_from(i).unwrap_or(u32::MAX)))
        .collect();
    let mut entities: Vec<Entity> = topics
        .iter()
        .map(|(label, key)| {
            let mut aliases: Vec<Alias> = surfaces
                .get(key)
                .into_iter()
                .flat_map(|forms| forms.keys())
                .filter(|s| *s != label)
                .map(|s| Alias {
                    form: s.clone(),
                    rule: MergeRule::Inflection,
                })
                .collect();
            aliases.sort_by(|a, b| a.form.cmp(&b.form));
            Entity {
                label: label.clone(),
                kind: NodeKind::Topic,
                category: Category::Concept,
                aliases,
                merged_into: None,
            }
        })
        .collect();
    for (&from, _) in merged_into.iter() {
        let target = resolve(from);
        if let Some(&i) = index.get(&target)
            && !index.contains_key(&from)
        {
            let form = label_of(from);
            let e = &mut entities[i as usize];
            if !e.aliases.iter().any(|a| a.form == form) {
                e.aliases.push(Alias {
                    form,
                    rule: if qualified.contains(&from) {
                        MergeRule::Qualified
                    } else {
                        MergeRule::SpecificForm
                    },
                });
            }
        }
    }
    for e in &mut entities {
        e.aliases.sort_by(|a, b| a.form.cmp(&b.form));
    }
    // 5. Mentions: in each block, the longest chosen occurrences, without overlap.
    let mut mentions: Vec<Mention> = occurrences
        .par_iter()
        .flat_map_iter(|occ| {
            let mut mentions = Vec::new();
            let mut picks: Vec<&Occurrence> = Vec::new();
            let mut taken: std::collections::BTreeMap<usize, usize> = Default::default();
            for block in occ.chunk_by(|a, b| a.block == b.block) {
                picks.clear();
                picks.extend(block.iter().filter(|o| index.contains_key(&resolve(o.key))));
                picks.sort_by_key(|o| (std::cmp::Reverse(o.words), o.start));
                // Chosen spans by start; they never overlap, so the one
                // starting last before `o` ends is the only one that can
                // overlap it.
                taken.clear();
                for o in &picks {
                    if taken
                        .range(..o.end)
                        .next_back()
                        .is_some_and(|(_, &e)| o.start < e)
                    {
                        continue;
                    }
                    // A shorter phrase is a mention only where it is itself a topic.
                    let Some(&node) = index.get(&resolve(o.key)) else {
                        continue;
                    };
                    taken.insert(o.start, o.end);
                    mentions.push(Mention {
                        article: o.article,
                        start: o.start,
                        end: o.end,
                        node,
                        block: o.block,
                        paragraph: o.paragraph,
                    });
                }
            }
            mentions
        })
        .collect();
    mentions.sort_unstable();
    lap("mentions");
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
    let anaphors = definite_descriptions(corpus, &heads, &mentions, actors, tokens);
    lap("definite descriptions");
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
    (entities, mentions)
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
    tokens: Option<&[super::ArticleTokens]>,
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
            let mine = super::mentions_in_article(topic_mentions, article.id);
            let mut found = Vec::new();
            if !mine.iter().any(|m| head_of(m).is_some()) {
                return found;
            }
            let theirs = super::mentions_in_article(actors, article.id);
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
                let toks = super::block_tokens(tokens, article, b);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_fold() {
        assert_eq!(stem("guarantees"), "guarantee");
        assert_eq!(stem("Parties"), "party");
        assert_eq!(stem("sanctions"), "sanction");
        assert_eq!(stem("process"), "process");
    }

    #[test]
    fn topic_count_adapts_to_size() {
        let s = TopicSettings::default();
        assert!(s.topic_count(78) >= 20 && s.topic_count(78) < 60);
        assert!(s.topic_count(12_000) > s.topic_count(78));
        assert_eq!(
            TopicSettings {
                max_topics: Some(7),
                ..s
            }
            .topic_count(10_000),
            7
        );
    }
}
