//! The user's corrections to an extraction: merge two nodes, rename one,
//! change its category (and so its kind), ignore a surface form.
//!
//! Curation is an ordered list of [`Edit`]s naming nodes by their stable
//! key (`actor:Donald Trump`) as it was when the edit was made. Replaying
//! the list on a fresh extraction of the same (or a changed) corpus gives the
//! same corrections; an edit whose node no longer exists is skipped and
//! reported, never failing the rest.
//!
//! Entity indices never change: a node merged away keeps its index with no
//! mentions (and [`Entity::merged_into`] set), so positions kept by index
//! stay valid across curation.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::{Alias, Category, Extraction, MergeRule, NodeKey, gazetteer};
use crate::corpus::Corpus;

/// One correction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "edit", rename_all = "snake_case")]
pub enum Edit {
    /// Every mention of `from` becomes a mention of `into`.
    Merge { from: NodeKey, into: NodeKey },
    /// The node is called `label` from now on.
    Rename { node: NodeKey, label: String },
    /// The node is of this category (the kind follows the category).
    SetCategory { node: NodeKey, category: Category },
    /// Text written like this (case-insensitively) is no mention at all.
    Ignore { form: String },
}

impl Edit {
    /// True unless the edit leaves every link as it was: a new name does;
    /// a category changes the node's kind and so its links' kinds.
    pub fn changes_links(&self) -> bool {
        match self {
            Self::Rename { .. } => false,
            Self::Merge { .. } | Self::SetCategory { .. } | Self::Ignore { .. } => true,
        }
    }

    /// A short description for menus and notices.
    pub fn describe(&self) -> String {
        match self {
            Self::Merge { from, into } => format!("merge {from} into {into}"),
            Self::Rename { node, label } => format!("rename {node} to “{label}”"),
            Self::SetCategory { node, category } => {
                format!("make {node} a {}", category.name())
            }
            Self::Ignore { form } => format!("ignore “{form}”"),
        }
    }
}

/// What replaying edits did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub applied: usize,
    /// Edits naming nodes the extraction no longer has, described.
    pub skipped: Vec<String>,
}

/// Applies `edits` in order to `extraction` (found in `corpus`).
pub fn apply(corpus: &Corpus, extraction: &mut Extraction, edits: &[Edit]) -> Report {
    let mut report = Report::default();
    if edits.is_empty() {
        return report;
    }
    let mut index: HashMap<NodeKey, u32> = HashMap::new();
    for (i, e) in extraction.entities.iter().enumerate() {
        if e.merged_into.is_none() {
            index
                .entry(e.key())
                .or_insert(u32::try_from(i).unwrap_or(u32::MAX));
        }
    }
    // Final target of every entity (union by redirection).
    let mut target: Vec<u32> =
        (0..u32::try_from(extraction.entities.len()).unwrap_or(u32::MAX)).collect();
    let mut ignored: Vec<String> = Vec::new();
    for edit in edits {
        let ok = match edit {
            Edit::Merge { from, into } => match (index.get(from), index.get(into)) {
                (Some(&a), Some(&b)) if a != b => {
                    merge(extraction, &mut index, &mut target, a, b);
                    true
                }
                _ => false,
            },
            Edit::Rename { node, label } => {
                let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
                match index.get(node) {
                    Some(&a) if !label.is_empty() => {
                        let entity = &mut extraction.entities[a as usize];
                        let old = std::mem::replace(&mut entity.label, label.clone());
                        if !entity.aliases.iter().any(|x| x.form == old) {
                            entity.aliases.push(Alias {
                                form: old,
                                rule: MergeRule::Curated,
                            });
                        }
                        reindex(extraction, &mut index, &mut target, node, a);
                        true
                    }
                    _ => false,
                }
            }
            Edit::SetCategory { node, category } => match index.get(node) {
                Some(&a) => {
                    let entity = &mut extraction.entities[a as usize];
                    entity.category = *category;
                    entity.kind = category.kind();
                    reindex(extraction, &mut index, &mut target, node, a);
                    true
                }
                None => false,
            },
            Edit::Ignore { form } => {
                let key = gazetteer::key(form);
                if key.is_empty() {
                    false
                } else {
                    ignored.push(key);
                    true
                }
            }
        };
        if ok {
            report.applied += 1;
        } else {
            report.skipped.push(edit.describe());
        }
    }
    let find = |mut i: u32| {
        while target[i as usize] != i {
            i = target[i as usize];
        }
        i
    };
    let finals: Vec<u32> = (0..target.len() as u32).map(find).collect();
    extraction.mentions.retain_mut(|m| {
        m.node = finals[m.node as usize];
        if ignored.is_empty() {
            return true;
        }
        let surface = corpus
            .articles
            .get(m.article.index())
            .and_then(|a| a.text.get(m.start..m.end))
            .unwrap_or("");
        !ignored.contains(&gazetteer::key(surface))
    });
    extraction.mentions.sort_unstable();
    extraction.mentions.dedup_by(|a, b| {
        (a.article, a.start, a.end, a.node) == (b.article, b.start, b.end, b.node)
    });
    report
}

/// Redirects `a` into `b`: forms, label and mentions move over.
fn merge(
    extraction: &mut Extraction,
    index: &mut HashMap<NodeKey, u32>,
    target: &mut [u32],
    a: u32,
    b: u32,
) {
    let moved = std::mem::take(&mut extraction.entities[a as usize].aliases);
    let label = extraction.entities[a as usize].label.clone();
    let into = &mut extraction.entities[b as usize];
    for form in std::iter::once(Alias {
        form: label,
        rule: MergeRule::Curated,
    })
    .chain(moved)
    {
        if form.form != into.label && !into.aliases.iter().any(|x| x.form == form.form) {
            into.aliases.push(form);
        }
    }
    extraction.entities[a as usize].merged_into = Some(b);
    target[a as usize] = b;
    index.retain(|_, v| *v != a);
    // Entities merged into `a` earlier now point through it to `b`.
    for e in &mut extraction.entities {
        if e.merged_into == Some(a) {
            e.merged_into = Some(b);
        }
    }
}

/// Files entity `a` under its new key; if another node already has that key,
/// the two become one.
fn reindex(
    extraction: &mut Extraction,
    index: &mut HashMap<NodeKey, u32>,
    target: &mut [u32],
    old_key: &NodeKey,
    a: u32,
) {
    index.remove(old_key);
    let key = extraction.entities[a as usize].key();
    match index.get(&key) {
        Some(&b) if b != a => merge(extraction, index, target, a, b),
        _ => {
            index.insert(key, a);
        }
    }
}

/// The edits as `.knowmap/aliases.tsv` lines (`surface<TAB>label`, or
/// `surface<TAB>-` for ignored forms), read by the next extraction. Merges
/// and renames map every surface form of the node to its final label.
pub fn aliases_tsv(extraction: &Extraction, edits: &[Edit]) -> String {
    let mut out = String::from(
        "# knowmap aliases: surface form<TAB>label, or surface form<TAB>- to ignore it.\n# Written from the curation in the layout file.\n",
    );
    let mut touched: Vec<u32> = Vec::new();
    for edit in edits {
        if let Edit::Ignore { form } = edit {
            out.push_str(&format!("{}\t-\n", clean(form)));
        }
    }
    for (i, e) in extraction.entities.iter().enumerate() {
        let curated = e.aliases.iter().any(|a| a.rule == MergeRule::Curated);
        if curated && e.merged_into.is_none() {
            touched.push(i as u32);
        }
    }
    for i in touched {
        let e = &extraction.entities[i as usize];
        for alias in &e.aliases {
            if alias.form != e.label {
                out.push_str(&format!("{}\t{}\n", clean(&alias.form), clean(&e.label)));
            }
        }
    }
    out
}

fn clean(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}
