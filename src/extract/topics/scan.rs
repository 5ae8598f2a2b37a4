//! Candidate phrases: runs of content words inside a sentence (never
//! crossing punctuation, never starting or ending with a stop word, never
//! inside an actor's name; a place's name may open a run), every sub-run of
//! up to [`MAX_WORDS`] words a candidate. Two passes keep memory bounded:
//! the first counts every candidate, the second keeps the occurrences and
//! written forms of the chosen few. No allocation per word: words are
//! lower-cased and stemmed into reused buffers and kept as hashes; each
//! pass folds articles into one accumulator per thread.

use std::hash::Hasher;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet, FxHasher};

use super::stem::{is_modal, is_stop, stem_into, word_key};
use super::{MAX_WORDS, Occurrence, PhraseStats, RunWord, Surfaces};
use crate::corpus::{BlockKind, Corpus, ParagraphId};
use crate::extract::gazetteer::Gazetteer;
use crate::extract::token::{self, TokenKind};
use crate::extract::{ArticleTokens, Category, Entity, Mention};

/// What a scan of articles reads besides their text.
#[derive(Clone, Copy)]
pub(super) struct Scan<'a> {
    pub gazetteer: &'a Gazetteer,
    /// Actor mentions, sorted: their spans split phrases.
    pub actors: &'a [Mention],
    pub actor_entities: &'a [Entity],
    pub tokens: Option<&'a [ArticleTokens]>,
}

impl Scan<'_> {
    /// Statistics of every candidate phrase of the corpus (articles are
    /// disjoint, so paragraph counts add).
    pub(super) fn statistics(&self, corpus: &Corpus) -> FxHashMap<u64, PhraseStats> {
        corpus
            .articles
            .par_iter()
            .fold(FxHashMap::default, |mut stats, article| {
                self.article(article, None, &mut stats, &mut Surfaces::default());
                stats
            })
            .reduce(FxHashMap::default, merge_stats)
    }

    /// Occurrences of the `candidates` by article, in block order, and
    /// their written forms.
    pub(super) fn occurrences(
        &self,
        corpus: &Corpus,
        candidates: &FxHashSet<u64>,
    ) -> (Vec<Vec<Occurrence>>, Surfaces) {
        corpus
            .articles
            .par_iter()
            .fold(
                || (Vec::new(), Surfaces::default()),
                |(mut occurrences, mut surfaces), article| {
                    let keep = Some(candidates);
                    occurrences.push(self.article(
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
            )
    }

    /// One article: with `keep` None, counts every candidate into `stats`;
    /// with `keep`, returns the occurrences of those candidates and counts
    /// their written forms into `surfaces`.
    fn article(
        &self,
        article: &crate::corpus::Article,
        keep: Option<&FxHashSet<u64>>,
        stats: &mut FxHashMap<u64, PhraseStats>,
        surfaces: &mut Surfaces,
    ) -> Vec<Occurrence> {
        let Scan {
            gazetteer,
            actors,
            actor_entities,
            tokens,
        } = *self;
        let text = article.text.as_str();
        let mut occurrences = Vec::new();
        let article_actors = crate::extract::mentions_in_article(actors, article.id);
        let mut lower = String::new();
        let mut stemmed = String::new();
        let mut run: Vec<RunWord> = Vec::new();
        let mut surface = String::new();
        let mut flush = |run: &mut Vec<RunWord>, b: u32, paragraph: Option<ParagraphId>| {
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
                                article.id.raw(),
                                u32::try_from(words[0].start).unwrap_or(u32::MAX),
                                u32::try_from(words[n - 1].end).unwrap_or(u32::MAX),
                            );
                        }
                        entry.seen += 1;
                        if i + n == run.len() {
                            entry.heads += 1;
                        }
                        if let Some(p) = paragraph
                            && entry.last != (article.id.raw(), p.raw())
                        {
                            entry.last = (article.id.raw(), p.raw());
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
            let tokens = crate::extract::block_tokens(tokens, article, b);
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
                    // Scripts without letter case (Devanagari, Arabic, CJK):
                    // the stop words and case cues topics rely on are
                    // English, so their function words would rank as topics.
                    || !word.chars().any(|c| c.is_lowercase() || c.is_uppercase())
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
    }
}

/// Statistics of two runs of articles, `left` before `right`: counts add,
/// the first occurrence is the left one.
pub(super) fn merge_stats(
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
