//! Fuzzy search over node labels and aliases: exact, prefix, substring,
//! then one or two typos; case and accents ignored.
//!
//! ```
//! use knowmap::graph::search::{edit_distance, fold};
//! assert_eq!(fold("Élysée"), "elysee");
//! assert_eq!(edit_distance("zelenskiy", "zelenskyy"), 1);
//! ```

use crate::graph::Model;

/// How well a form matches a query, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rank {
    /// The whole form.
    Exact,
    /// The start of the form.
    Prefix,
    /// The start of one of its words ("trump" in "Donald Trump").
    WordPrefix,
    /// Inside a word (queries of three letters or more).
    Substring,
    /// One typo (queries of four letters or more).
    OneTypo,
    /// Two typos (queries of seven letters or more).
    TwoTypos,
}

/// A search hit: the node, how well it matched, and the alias that matched
/// when it was not the label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub node: u32,
    pub rank: Rank,
    pub alias: Option<String>,
}

/// How `form` (folded) matches the folded query `q`, if it does.
fn rank(form: &str, q: &str) -> Option<Rank> {
    let letters = q.chars().count();
    if form == q {
        Some(Rank::Exact)
    } else if form.starts_with(q) {
        Some(Rank::Prefix)
    } else if form.split([' ', '-']).any(|w| w.starts_with(q)) {
        Some(Rank::WordPrefix)
    } else if letters >= 3 && form.contains(q) {
        Some(Rank::Substring)
    } else if letters >= 4 {
        let d = form
            .split(' ')
            .map(|w| edit_distance(w, q))
            .chain(std::iter::once(edit_distance(form, q)))
            .min()
            .unwrap_or(usize::MAX);
        match d {
            1 => Some(Rank::OneTypo),
            2 if letters >= 7 => Some(Rank::TwoTypos),
            _ => None,
        }
    } else {
        None
    }
}

/// Nodes whose label or aliases match `query`, best first: exact, prefix,
/// word prefix, substring, then one or two typos (more mentions first among
/// equals); case and accents ignored. Each hit says which alias matched.
pub fn search_hits(model: &Model, query: &str) -> Vec<Hit> {
    let q = fold(query.trim());
    if q.is_empty() {
        return Vec::new();
    }
    let mut scored: Vec<(Rank, u32, u32, Option<String>)> = Vec::new(); // (rank, -mentions, node, alias)
    for i in model.graph.node_ids() {
        let d = &model.graph[i];
        let Some(entity) = model
            .extraction
            .entities
            .get(d.entity as usize)
            .filter(|e| e.merged_into.is_none() && d.mentions > 0)
        else {
            continue;
        };
        // The label wins ties with its aliases.
        let best = std::iter::once((entity.label.as_str(), false))
            .chain(entity.aliases.iter().map(|a| (a.form.as_str(), true)))
            .filter_map(|(form, alias)| Some((rank(&fold(form), &q)?, alias, form)))
            .min_by_key(|&(rank, alias, _)| (rank, alias));
        if let Some((rank, alias, form)) = best {
            scored.push((
                rank,
                u32::MAX - d.mentions,
                i.index() as u32,
                alias.then(|| form.to_owned()),
            ));
        }
    }
    scored.sort_unstable();
    scored
        .into_iter()
        .map(|(rank, _, node, alias)| Hit { node, rank, alias })
        .collect()
}

/// The nodes of [`search_hits`], best first.
pub fn search(model: &Model, query: &str) -> Vec<u32> {
    search_hits(model, query)
        .into_iter()
        .map(|h| h.node)
        .collect()
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
            let d = &model.graph[crate::graph::NodeId::from_raw(n)];
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
        // A word of the label ranks before a match inside a word.
        let trump = search_hits(&model, "trump");
        assert_eq!(label(trump[0].node), "Donald Trump");
        assert!(trump[0].rank <= Rank::WordPrefix);
        // Two letters match word starts only, never the inside of words.
        for hit in search_hits(&model, "us") {
            assert!(hit.rank <= Rank::WordPrefix, "{hit:?} {}", label(hit.node));
        }
        // The alias that matched is named.
        let kremlin = search_hits(&model, "Kremlin");
        assert_eq!(label(kremlin[0].node), "Russia");
        assert_eq!(kremlin[0].alias.as_deref(), Some("Kremlin"));
        assert_eq!(kremlin[0].rank, Rank::Exact);
    }
}
