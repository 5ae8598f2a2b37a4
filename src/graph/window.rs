//! The map inside a time window: the same graph (same node and edge
//! indices, so positions, pins, hidden nodes and the selection carry over)
//! counting only the paragraphs of articles dated inside the window.
//!
//! Nothing is extracted or linked again: every node and edge already holds
//! its paragraphs, so a window keeps those of the articles inside it and
//! recounts. Mentions, co-occurrence counts, weights, degrees and the
//! backbone follow the window; betweenness and communities stay those of
//! the whole corpus, so colours and region names do not change while a
//! reader steps through time. O(nodes + edges + evidence); a node or link
//! with nothing inside the window keeps its index with zero counts (the
//! filters hide it).

use std::sync::Arc;

use rayon::iter::{IntoParallelRefIterator as _, ParallelIterator as _};

use crate::corpus::{Corpus, Date, DateSource};

use super::{EdgeData, KnowledgeGraph, Model, NodeData, weight};

/// A span of days, both ends included (times of day are ignored).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TimeWindow {
    pub from: Date,
    pub to: Date,
}

impl TimeWindow {
    /// The window from `a` to `b` in either order.
    pub fn new(a: Date, b: Date) -> Self {
        let (a, b) = (day(a), day(b));
        if a <= b {
            Self { from: a, to: b }
        } else {
            Self { from: b, to: a }
        }
    }

    /// Whether `date`'s day lies inside.
    pub fn contains(self, date: Date) -> bool {
        let d = date.days_since_epoch();
        self.from.days_since_epoch() <= d && d <= self.to.days_since_epoch()
    }

    /// Days in the window.
    pub fn days(self) -> i64 {
        self.to.days_since_epoch() - self.from.days_since_epoch() + 1
    }

    /// The same length moved by `days`.
    pub fn shifted(self, days: i64) -> Option<Self> {
        Some(Self {
            from: Date::from_days_since_epoch(self.from.days_since_epoch() + days)?,
            to: Date::from_days_since_epoch(self.to.days_since_epoch() + days)?,
        })
    }

    /// "2019-01-04 to 2019-02-03".
    pub fn label(self) -> String {
        format!("{} to {}", self.from, self.to)
    }
}

fn day(date: Date) -> Date {
    Date { time: None, ..date }
}

/// The publication date a timeline uses: dates known only from a file's
/// modification time are left out (a copied folder would put every article
/// on one day).
pub fn timeline_date(corpus: &Corpus, article: u32) -> Option<Date> {
    match corpus.articles.get(article as usize)?.meta.date {
        Some((date, source)) if source != DateSource::Modified => Some(date),
        _ => None,
    }
}

/// Which articles lie inside `window`, by article id. Undated articles
/// (and those dated only by modification time) are outside every window.
pub fn articles_inside(corpus: &Corpus, window: TimeWindow) -> Vec<bool> {
    (0..corpus.articles.len())
        .map(|a| {
            u32::try_from(a)
                .ok()
                .and_then(|a| timeline_date(corpus, a))
                .is_some_and(|d| window.contains(d))
        })
        .collect()
}

impl Model {
    /// This model counting only the articles dated inside `window`; see the
    /// module documentation.
    pub fn windowed(&self, window: TimeWindow) -> Self {
        let inside = articles_inside(&self.corpus, window);
        Self {
            corpus: Arc::clone(&self.corpus),
            extraction: Arc::clone(&self.extraction),
            graph: self
                .graph
                .restricted(&self.corpus, &self.extraction, &inside),
        }
    }
}

impl KnowledgeGraph {
    /// The graph counting only the paragraphs of articles with
    /// `inside[article]`.
    pub fn restricted(
        &self,
        corpus: &Corpus,
        extraction: &crate::extract::Extraction,
        inside: &[bool],
    ) -> Self {
        let keep = |article: u32| inside.get(article as usize).copied().unwrap_or(false);
        let mut mentions = vec![0u32; self.node_count()];
        for m in &extraction.mentions {
            if m.paragraph.is_some()
                && keep(m.article.raw())
                && let Some(count) = mentions.get_mut(m.node as usize)
            {
                *count += 1;
            }
        }
        let paragraph_total: usize = corpus
            .articles
            .iter()
            .filter(|a| keep(a.id.raw()))
            .map(|a| a.paragraphs.len())
            .sum();
        let paragraph_total = u32::try_from(paragraph_total).unwrap_or(u32::MAX);
        let filtered = |list: &[super::EvidenceRef]| -> Vec<super::EvidenceRef> {
            if list.iter().all(|p| keep(p.article.raw())) {
                list.to_vec()
            } else {
                list.iter()
                    .copied()
                    .filter(|p| keep(p.article.raw()))
                    .collect()
            }
        };
        // The evidence filtered in parallel, then moved into the graph.
        let node_list: Vec<&NodeData> = self.node_data().collect();
        let edge_list: Vec<&EdgeData> = self.edge_data().collect();
        let (mut node_evidence, mut edge_evidence): (Vec<_>, Vec<_>) = rayon::join(
            || {
                node_list
                    .par_iter()
                    .map(|n| filtered(&n.paragraphs))
                    .collect()
            },
            || {
                edge_list
                    .par_iter()
                    .map(|e| filtered(&e.paragraphs))
                    .collect()
            },
        );
        // `node_weights` and `edge_weights` go in index order, as `map` does.
        let (mut next_node, mut next_edge) = (0usize, 0usize);
        let mut graph = self.graph.map(
            |index, node| {
                let paragraphs = node_evidence
                    .get_mut(next_node)
                    .map(std::mem::take)
                    .unwrap_or_default();
                next_node += 1;
                NodeData {
                    mentions: mentions.get(index.index()).copied().unwrap_or(0),
                    paragraphs,
                    ..node.clone_without_evidence()
                }
            },
            |_, edge| {
                let paragraphs = edge_evidence
                    .get_mut(next_edge)
                    .map(std::mem::take)
                    .unwrap_or_default();
                next_edge += 1;
                EdgeData {
                    kind: edge.kind,
                    count: u32::try_from(paragraphs.len()).unwrap_or(u32::MAX),
                    weight: 0.0,
                    alpha: 1.0,
                    paragraphs,
                }
            },
        );
        let total = f64::from(paragraph_total);
        let edges: Vec<_> = graph.edge_indices().collect();
        for e in edges {
            let Some((a, b)) = graph.edge_endpoints(e) else {
                continue;
            };
            let na = graph[a].paragraphs.len() as f64;
            let nb = graph[b].paragraphs.len() as f64;
            let count = f64::from(graph[e].count);
            graph[e].weight = weight(self.measure, count, na, nb, total);
        }
        let max_mentions = graph.node_weights().map(|n| n.mentions).max().unwrap_or(0);
        let mut out = Self {
            graph,
            paragraph_total,
            max_mentions,
            measure: self.measure,
            backbone: Vec::new(),
            warnings: self.warnings.clone(),
        };
        out.compute_degrees();
        out.compute_backbone();
        out
    }
}

impl NodeData {
    /// The node's data without its paragraphs (which a window filters).
    fn clone_without_evidence(&self) -> Self {
        Self {
            entity: self.entity,
            kind: self.kind,
            category: self.category,
            mentions: self.mentions,
            paragraphs: Vec::new(),
            degree: self.degree,
            weighted_degree: self.weighted_degree,
            betweenness: self.betweenness,
            community: self.community,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{ArticleId, Furniture, SourceFile};
    use crate::graph::{ModelSettings, NodeId};

    fn model() -> Model {
        let texts = [
            (
                "2019-01-04-a.txt",
                "Talks\n\nVladimir Putin met Emmanuel Macron in Moscow on the ceasefire.\n",
            ),
            (
                "2019-01-20-b.txt",
                "Talks\n\nVladimir Putin met Emmanuel Macron in Paris.\n\nVladimir Putin spoke of the ceasefire.\n",
            ),
            (
                "undated.txt",
                "Talks\n\nVladimir Putin met Emmanuel Macron again.\n",
            ),
        ];
        let files = texts
            .iter()
            .map(|(path, text)| SourceFile {
                path: (*path).to_owned(),
                bytes: text.as_bytes().to_vec(),
                modified: None,
            })
            .collect();
        let corpus = Corpus::from_sources(files, &Furniture::builtin(), Vec::new());
        Model::build(corpus, &ModelSettings::default())
    }

    fn node(model: &Model, label: &str) -> NodeId {
        let i = model
            .extraction
            .entities
            .iter()
            .position(|e| e.label == label)
            .unwrap_or_else(|| panic!("no {label}"));
        NodeId::new(i)
    }

    #[test]
    fn a_window_counts_only_the_articles_inside_it() {
        let full = model();
        let (putin, macron) = (
            node(&full, "Vladimir Putin"),
            node(&full, "Emmanuel Macron"),
        );
        let window = TimeWindow::new(
            Date::new(2019, 1, 10).unwrap(),
            Date::new(2019, 1, 31).unwrap(),
        );
        let part = full.windowed(window);
        // Same indices, so positions and the selection carry over.
        assert_eq!(part.graph.node_count(), full.graph.node_count());
        assert_eq!(part.graph.edge_count(), full.graph.edge_count());
        assert_eq!(full.graph[putin].paragraphs.len(), 4);
        let p = &part.graph[putin];
        assert_eq!(p.paragraphs.len(), 2);
        assert_eq!(p.mentions, 2);
        assert!(p.paragraphs.iter().all(|e| e.article == ArticleId::new(1)));
        assert_eq!(part.graph.paragraph_total, 2);
        let edge = part.graph.find_edge(putin, macron).unwrap();
        assert_eq!(part.graph[edge].count, 1);
        assert_eq!(
            full.graph[full.graph.find_edge(putin, macron).unwrap()].count,
            3
        );
        // Communities stay those of the whole corpus.
        assert_eq!(p.community, full.graph[putin].community);
    }

    #[test]
    fn undated_articles_are_outside_every_window() {
        let full = model();
        let everything = TimeWindow::new(
            Date::new(1900, 1, 1).unwrap(),
            Date::new(2100, 1, 1).unwrap(),
        );
        let part = full.windowed(everything);
        let putin = node(&full, "Vladimir Putin");
        assert_eq!(part.graph[putin].paragraphs.len(), 3);
        assert!(
            part.graph[putin]
                .paragraphs
                .iter()
                .all(|e| e.article != ArticleId::new(2))
        );
    }

    #[test]
    fn windows_order_their_ends_and_shift() {
        let w = TimeWindow::new(
            Date::new(2019, 2, 1).unwrap().with_time(10, 0),
            Date::new(2019, 1, 30).unwrap(),
        );
        assert_eq!(w.from, Date::new(2019, 1, 30).unwrap());
        assert_eq!(w.days(), 3);
        assert_eq!(w.label(), "2019-01-30 to 2019-02-01");
        let next = w.shifted(3).unwrap();
        assert_eq!(next.label(), "2019-02-02 to 2019-02-04");
        assert!(next.contains(Date::new(2019, 2, 4).unwrap().with_time(23, 59)));
        assert!(!next.contains(Date::new(2019, 2, 5).unwrap()));
    }
}
