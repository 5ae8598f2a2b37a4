//! Specific forms: a candidate that (nearly) only occurs inside a longer
//! candidate merges into it, and a participle before a subject far more
//! common alone ("negotiated ceasefire") qualifies that subject; then the
//! topics are chosen in order of score, merged candidates counting for
//! their target.

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::stem::phrase_key;
use super::{Occurrence, PhraseStats};

/// Which candidate merges into which.
pub(super) struct Merges {
    pub merged_into: FxHashMap<u64, u64>,
    /// Merged because a participle qualifies the target.
    pub qualified: FxHashSet<u64>,
}

impl Merges {
    /// The candidate `k` ends up as, following merges (at most 8 steps).
    pub(super) fn resolve(&self, mut k: u64) -> u64 {
        for _ in 0..8 {
            match self.merged_into.get(&k) {
                Some(&c) => k = c,
                None => break,
            }
        }
        k
    }

    /// At most `wanted` topics: the candidates in order, each as what it
    /// resolves to, once.
    pub(super) fn choose(&self, candidates: &[u64], wanted: usize) -> Vec<u64> {
        let mut chosen: Vec<u64> = Vec::new();
        let mut chosen_set: FxHashSet<u64> = FxHashSet::default();
        for &key in candidates {
            let target = self.resolve(key);
            if chosen.len() >= wanted {
                break;
            }
            if chosen_set.insert(target) {
                chosen.push(target);
            }
        }
        chosen
    }
}

/// Finds the merges among `candidates` from where their occurrences sit.
pub(super) fn merges(
    occurrences: &[Vec<Occurrence>],
    stats: &FxHashMap<u64, PhraseStats>,
    stems: &FxHashMap<u64, Vec<String>>,
    candidates: &[u64],
    candidate_set: &FxHashSet<u64>,
) -> Merges {
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
    // The container each phrase is most often inside.
    let mut best_container: FxHashMap<u64, (u32, std::cmp::Reverse<u64>)> = FxHashMap::default();
    for (&(key, container), &n) in &inside {
        let best = best_container
            .entry(key)
            .or_insert((0, std::cmp::Reverse(u64::MAX)));
        *best = (*best).max((n, std::cmp::Reverse(container)));
    }
    let mut merged_into: FxHashMap<u64, u64> = FxHashMap::default();
    for &key in candidates {
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
    for &key in candidates {
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
    Merges {
        merged_into,
        qualified,
    }
}
