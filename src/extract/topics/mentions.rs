//! The chosen topics as entities (label: the most frequent written form;
//! aliases: the other forms and the merged candidates) and their mentions
//! (in each block, the longest chosen occurrences, without overlap).

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::merge::Merges;
use super::{Occurrence, Surfaces};
use crate::extract::{Alias, Category, Entity, Mention, MergeRule, NodeKind};

/// The most frequent written form of a phrase (ties: the first in order).
pub(super) fn label_of(surfaces: &Surfaces, key: u64) -> String {
    surfaces
        .get(&key)
        .into_iter()
        .flatten()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(s, _)| s.clone())
        .unwrap_or_default()
}

/// The topics in the order chosen, and the index of each topic's key.
pub(super) fn entities(
    chosen: &[u64],
    surfaces: &Surfaces,
    merges: &Merges,
) -> (Vec<Entity>, FxHashMap<u64, u32>) {
    // Ids in order of score (deterministic: scores tie-break on the key),
    // so among topics mentioned equally often the more specific come first.
    let label_of = |key: u64| label_of(surfaces, key);
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
    for (&from, _) in merges.merged_into.iter() {
        let target = merges.resolve(from);
        if let Some(&i) = index.get(&target)
            && !index.contains_key(&from)
        {
            let form = label_of(from);
            let e = &mut entities[i as usize];
            if !e.aliases.iter().any(|a| a.form == form) {
                e.aliases.push(Alias {
                    form,
                    rule: if merges.qualified.contains(&from) {
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
    (entities, index)
}

/// Mentions of the chosen topics, sorted.
pub(super) fn mentions(
    occurrences: &[Vec<Occurrence>],
    index: &FxHashMap<u64, u32>,
    merges: &Merges,
) -> Vec<Mention> {
    let mut mentions: Vec<Mention> = occurrences
        .par_iter()
        .flat_map_iter(|occ| {
            let mut mentions = Vec::new();
            let mut picks: Vec<&Occurrence> = Vec::new();
            let mut taken: std::collections::BTreeMap<usize, usize> = Default::default();
            for block in occ.chunk_by(|a, b| a.block == b.block) {
                picks.clear();
                picks.extend(
                    block
                        .iter()
                        .filter(|o| index.contains_key(&merges.resolve(o.key))),
                );
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
                    let Some(&node) = index.get(&merges.resolve(o.key)) else {
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
    mentions
}
