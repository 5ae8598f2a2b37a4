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

use petgraph::visit::{EdgeRef as _, IntoEdgeReferences as _};

use crate::corpus::{Corpus, Date, DateSource};

use super::{EdgeData, Evidence, KnowledgeGraph, Model, NodeData, weight};

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

impl Model {
    /// This model counting only the articles dated inside `window`; see the
    /// module documentation.
    pub fn windowed(&self, window: TimeWindow) -> Self {
        Self {
            corpus: Arc::clone(&self.corpus),
            extraction: Arc::clone(&self.extraction),
            graph: self
                .graph
                .restricted(&self.corpus, &self.extraction, window),
        }
    }
}

/// Each article's day for the timeline (days since the epoch), `i64::MAX`
/// for one without: the order evidence lists are kept in.
pub(crate) fn date_keys(corpus: &Corpus) -> Vec<i64> {
    (0..corpus.articles.len())
        .map(|a| {
            u32::try_from(a)
                .ok()
                .and_then(|a| timeline_date(corpus, a))
                .map_or(i64::MAX, |d| day(d).days_since_epoch())
        })
        .collect()
}

impl KnowledgeGraph {
    /// The graph counting only the paragraphs of articles dated inside
    /// `window` (see [`timeline_date`]).
    ///
    /// Evidence lists are in date order, so each list keeps one sub-range
    /// of itself, shared with this graph: O(log n) per list and nothing
    /// copied.
    pub fn restricted(
        &self,
        corpus: &Corpus,
        extraction: &crate::extract::Extraction,
        window: TimeWindow,
    ) -> Self {
        let (first, last) = (window.from.days_since_epoch(), window.to.days_since_epoch());
        let keys = date_keys(corpus);
        let key_of = |article: usize| keys.get(article).copied().unwrap_or(i64::MAX);
        let keep = |article: usize| (first..=last).contains(&key_of(article));
        let mut mentions = vec![0u32; self.node_count()];
        for m in &extraction.mentions {
            if m.paragraph.is_some()
                && keep(m.article.index())
                && let Some(count) = mentions.get_mut(m.node as usize)
            {
                *count += 1;
            }
        }
        let paragraph_total: usize = corpus
            .articles
            .iter()
            .filter(|a| keep(a.id.index()))
            .map(|a| a.paragraphs.len())
            .sum();
        let paragraph_total = u32::try_from(paragraph_total).unwrap_or(u32::MAX);
        let filtered = |list: &Evidence| -> Evidence {
            let from = list.partition_point(|e| key_of(e.article.index()) < first);
            let to = list.partition_point(|e| key_of(e.article.index()) <= last);
            list.sub(from..to)
        };
        // Nodes first (their counts weigh the links), then the links in
        // storage order, moved into the graph by `map` (which visits them in
        // that order).
        let node_evidence: Vec<Evidence> = self
            .graph
            .node_weights()
            .map(|n| filtered(&n.paragraphs))
            .collect();
        let mut counts = vec![0usize; petgraph::visit::NodeIndexable::node_bound(&self.graph)];
        for (index, evidence) in self.graph.node_indices().zip(&node_evidence) {
            counts[index.index()] = evidence.len();
        }
        let total = f64::from(paragraph_total);
        // Each link's ends by index; then one pass, on one thread: the
        // links' evidence is one store, read front to back (and its one
        // reference count is not fought over).
        let mut ends = vec![[0u32; 2]; petgraph::visit::EdgeIndexable::edge_bound(&self.graph)];
        for edge in self.graph.edge_references() {
            ends[edge.id().index()] = [edge.source().index() as u32, edge.target().index() as u32];
        }
        let mut node_evidence = node_evidence.into_iter();
        let graph = self.graph.map(
            |index, node| NodeData {
                mentions: mentions.get(index.index()).copied().unwrap_or(0),
                paragraphs: node_evidence.next().unwrap_or_default(),
                ..node.clone()
            },
            |index, edge| {
                let paragraphs = filtered(&edge.paragraphs);
                let count = paragraphs.len() as f64;
                let [a, b] = ends.get(index.index()).copied().unwrap_or_default();
                let (na, nb) = (counts[a as usize] as f64, counts[b as usize] as f64);
                EdgeData {
                    kind: edge.kind,
                    count: u32::try_from(paragraphs.len()).unwrap_or(u32::MAX),
                    weight: weight(self.measure, count, na, nb, total),
                    alpha: 1.0,
                    paragraphs,
                }
            },
        );
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{ArticleId, Furniture, SourceFile};
    use crate::graph::{EvidenceRef, ModelSettings, NodeId};

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

    /// A generated corpus, dated over 30 days with every fifth article
    /// undated, in file order unlike date order.
    fn dated_generated() -> Model {
        let settings = crate::corpus::synthetic::SyntheticSettings {
            articles: 120,
            ..Default::default()
        };
        let files = crate::corpus::synthetic::generate(&settings);
        let mut corpus = Corpus::from_sources(files, &Furniture::builtin(), Vec::new());
        let start = Date::new(2019, 1, 1).unwrap().days_since_epoch();
        for (i, article) in corpus.articles.iter_mut().enumerate() {
            article.meta.date = (i % 5 != 4)
                .then(|| Date::from_days_since_epoch(start + (i * 7 % 30) as i64))
                .flatten()
                .map(|d| (d, DateSource::FileName));
        }
        Model::build(corpus, &ModelSettings::default())
    }

    #[test]
    fn a_window_keeps_exactly_the_paragraphs_dated_inside_it() {
        let full = dated_generated();
        let g = &full.graph;
        assert!(g.edge_count() > 100, "a corpus to test on");
        // Days after 2019-01-01: one day, a week, most, all, none.
        let start = Date::new(2019, 1, 1).unwrap().days_since_epoch();
        let day = |d: i64| Date::from_days_since_epoch(start + d).unwrap();
        for (from, to) in [(0, 0), (2, 8), (9, 29), (0, 30), (40, 50)] {
            let window = TimeWindow::new(day(from), day(to));
            let part = full.windowed(window);
            let inside = |e: &&EvidenceRef| {
                timeline_date(&full.corpus, e.article.raw()).is_some_and(|d| window.contains(d))
            };
            for n in g.node_ids() {
                let naive: Vec<EvidenceRef> =
                    g[n].paragraphs.iter().filter(inside).copied().collect();
                assert_eq!(part.graph[n].paragraphs.as_slice(), naive.as_slice());
            }
            for e in g.edge_ids() {
                let naive: Vec<EvidenceRef> =
                    g[e].paragraphs.iter().filter(inside).copied().collect();
                assert_eq!(part.graph[e].paragraphs.as_slice(), naive.as_slice());
                assert_eq!(part.graph[e].count as usize, naive.len());
            }
        }
    }

    #[test]
    fn evidence_is_in_date_order_with_undated_articles_last() {
        let full = dated_generated();
        let key = |e: &EvidenceRef| {
            timeline_date(&full.corpus, e.article.raw()).map_or(i64::MAX, |d| d.days_since_epoch())
        };
        let g = &full.graph;
        let lists = g
            .node_ids()
            .map(|n| g[n].paragraphs.clone())
            .chain(g.edge_ids().map(|e| g[e].paragraphs.clone()));
        for list in lists {
            assert!(
                list.windows(2)
                    .all(|w| (key(&w[0]), w[0]) < (key(&w[1]), w[1])),
                "{list:?}"
            );
        }
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
