//! Fuzzy search over node labels and aliases: exact, prefix, substring,
//! then one or two typos; case and accents ignored.
//!
//! ```
//! use knowmap::graph::search::{edit_distance, fold};
//! assert_eq!(fold("Élysée"), "elysee");
//! assert_eq!(edit_distance("zelenskiy", "zelenskyy"), 1);
//! ```

use crate::graph::Model;

/// Nodes whose label or aliases match `query`, best first: exact, prefix,
/// substring, then one or two typos; case and accents ignored.
pub fn search(model: &Model, query: &str) -> Vec<u32> {
    let q = fold(query.trim());
    if q.is_empty() {
        return Vec::new();
    }
    let mut scored: Vec<(u32, u32, u32)> = Vec::new(); // (score, -mentions, node)
    for i in model.graph.graph.node_indices() {
        let d = &model.graph.graph[i];
        let Some(entity) = model
            .extraction
            .entities
            .get(d.entity as usize)
            .filter(|e| e.merged_into.is_none() && d.mentions > 0)
        else {
            continue;
        };
        let best = std::iter::once(entity.label.as_str())
            .chain(entity.aliases.iter().map(|a| a.form.as_str()))
            .map(|form| {
                let f = fold(form);
                if f == q {
                    0
                } else if f.starts_with(&q) {
                    1
                } else if f.contains(&q) {
                    2
                } else {
                    let budget = if q.chars().count() >= 7 { 2 } else { 1 };
                    let d = f
                        .split(' ')
                        .map(|w| edit_distance(w, &q))
                        .chain(std::iter::once(edit_distance(&f, &q)))
                        .min()
                        .unwrap_or(usize::MAX);
                    if d <= budget { 3 + d as u32 } else { u32::MAX }
                }
            })
            .min()
            .unwrap_or(u32::MAX);
        if best != u32::MAX {
            scored.push((best, u32::MAX - d.mentions, i.index() as u32));
        }
    }
    scored.sort_unstable();
    scored.into_iter().map(|(_, _, n)| n).collect()
}

/// Lower case without accents, for forgiving search.
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            '’' => '\'',
            c => c,
        })
        .collect()
}

/// Levenshtein distance, O(|a|·|b|).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > 2 {
        return 3;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_typos() {
        assert_eq!(edit_distance("zelenskiy", "zelenskyy"), 1);
        assert_eq!(edit_distance("putin", "putin"), 0);
        assert_eq!(edit_distance("kremlin", "kremlim"), 1);
    }

    #[test]
    fn fold_ignores_case_and_accents() {
        assert_eq!(fold("Élysée"), "elysee");
    }

    #[test]
    fn search_ranks_exact_before_prefix_and_finds_typos() {
        let model = Model::build(
            crate::corpus::Corpus::sample(),
            &crate::graph::ModelSettings::default(),
        );
        let label = |n: u32| {
            let d = &model.graph.graph[petgraph::graph::NodeIndex::new(n as usize)];
            model.extraction.entities[d.entity as usize].label.clone()
        };
        let hits = search(&model, "russia");
        assert_eq!(label(hits[0]), "Russia");
        let typo = search(&model, "Zelenskiyy");
        assert!(
            typo.iter().any(|&n| label(n).contains("Zelensk")),
            "a typo still finds Zelensky: {:?}",
            typo.iter().map(|&n| label(n)).collect::<Vec<_>>()
        );
        assert!(search(&model, "   ").is_empty());
        assert!(search(&model, "qqqqqqqq").is_empty());
    }
}
