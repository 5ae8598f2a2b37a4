//! Words as topic keys: plural-folding stems, hashed keys of words and
//! phrases, and the word classes candidates are cut by (stop words,
//! modals, noun-like endings, news subjects and shell nouns).

use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashSet, FxHasher};

use crate::extract::token;
use crate::extract::words::STOP;

/// A plural-folding stem: "guarantees" → "guarantee", "parties" → "party".
pub(super) fn stem(word: &str) -> String {
    stem_lower(
        &word
            .chars()
            .flat_map(char::to_lowercase)
            .collect::<String>(),
    )
}

/// [`stem`] of a word already in lower case.
pub(super) fn stem_lower(lower: &str) -> String {
    let mut out = String::new();
    stem_into(lower, &mut out);
    out
}

/// [`stem_lower`] into a reused buffer.
pub(super) fn stem_into(lower: &str, out: &mut String) {
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
pub(super) fn noun_like(word: &str) -> bool {
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
pub(super) fn stem_set(text: &str) -> FxHashSet<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split_whitespace().map(stem).collect::<Vec<_>>().join(" "))
        .collect()
}

/// General subjects of news reporting (`assets/lexicon/news_topics.txt`).
pub(super) fn news_topics() -> &'static FxHashSet<String> {
    static SET: std::sync::OnceLock<FxHashSet<String>> = std::sync::OnceLock::new();
    SET.get_or_init(|| stem_set(include_str!("../../../assets/lexicon/news_topics.txt")))
}

/// Shell and discourse nouns, never topics alone
/// (`assets/lexicon/shell_nouns.txt`).
pub(super) fn shell_nouns() -> &'static FxHashSet<String> {
    static SET: std::sync::OnceLock<FxHashSet<String>> = std::sync::OnceLock::new();
    SET.get_or_init(|| stem_set(include_str!("../../../assets/lexicon/shell_nouns.txt")))
}

/// The key of a stemmed word.
pub(super) fn word_key(stem: &str) -> u64 {
    let mut hasher = FxHasher::default();
    stem.hash(&mut hasher);
    hasher.finish()
}

/// The key of a phrase: a hash of its words' keys in order.
pub(super) fn phrase_key<S: AsRef<str>>(stems: &[S]) -> u64 {
    let mut hasher = FxHasher::default();
    for w in stems {
        hasher.write_u64(word_key(w.as_ref()));
    }
    hasher.finish()
}

/// Modals and do-support: the word after one (or after one and "not") is
/// a verb.
pub(super) fn is_modal(lower: &str) -> bool {
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

pub(super) fn is_stop(lower: &str) -> bool {
    static SET: std::sync::OnceLock<FxHashSet<&'static str>> = std::sync::OnceLock::new();
    SET.get_or_init(|| STOP.iter().collect()).contains(lower)
}

/// The stems of the words of `text[start..end]`, a phrase's occurrence.
pub(super) fn stems_of(text: &str, start: usize, end: usize) -> Vec<String> {
    token::tokenize(text, start, end)
        .iter()
        .filter(|t| t.is_word())
        .map(|t| stem(t.text(text)))
        .collect()
}
