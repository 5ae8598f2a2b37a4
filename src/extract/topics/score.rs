//! Scoring candidates: paragraphs × rarity in general English (counted
//! twice, so specific terms beat abstract ones), longer phrases and known
//! news subjects favoured; lone generic words, shell nouns, modifiers and
//! phrases that repeat an actor's name left out.

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::stem::{news_topics, noun_like, shell_nouns, stems_of};
use super::{PhraseStats, TopicSettings};
use crate::corpus::Corpus;
use crate::extract::gazetteer::Gazetteer;

/// Candidates best first, with their stems.
pub(super) struct Ranked {
    /// (score, key, rarity), best first (ties broken by the key).
    pub scored: Vec<(f64, u64, f64)>,
    /// The stems of phrases seen often enough, read back from their first
    /// occurrence.
    pub stems: FxHashMap<u64, Vec<String>>,
}

/// Ranks the phrases seen in at least `settings.min_paragraphs` paragraphs.
pub(super) fn rank(
    corpus: &Corpus,
    gazetteer: &Gazetteer,
    stats: &FxHashMap<u64, PhraseStats>,
    settings: &TopicSettings,
    actor_keys: &FxHashSet<String>,
) -> Ranked {
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
    Ranked { scored, stems }
}
