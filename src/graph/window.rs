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

/// A link inside a window: its ends, the start of its part of the link's
/// evidence and the length of that part (its count), and its weight.
#[derive(Debug, Clone, Copy, Default)]
struct WindowLink {
    ends: [u32; 2],
    from: u32,
    count: u32,
    weight: f64,
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
        use rayon::prelude::*;
        let (first, last) = (window.from.days_since_epoch(), window.to.days_since_epoch());
        let keys = date_keys(corpus);
        let key_of = |article: usize| keys.get(article).copied().unwrap_or(i64::MAX);
        let keep = |article: usize| (first..=last).contains(&key_of(article));
        let node_bound = petgraph::visit::NodeIndexable::node_bound(&self.graph);
        let mentions = super::sum_per_node(
            extraction.mentions.len(),
            node_bound,
            |i, counts: &mut [u32]| {
                let m = &extraction.mentions[i];
                if m.paragraph.is_some()
                    && keep(m.article.index())
                    && let Some(count) = counts.get_mut(m.node as usize)
                {
                    *count += 1;
                }
            },
            |x, y| *x += y,
        );
        let paragraph_total: usize = corpus
            .articles
            .iter()
            .filter(|a| keep(a.id.index()))
            .map(|a| a.paragraphs.len())
            .sum();
        let paragraph_total = u32::try_from(paragraph_total).unwrap_or(u32::MAX);
        // The part of a list inside the window, as indices into it.
        let inside = |list: &Evidence| -> (u32, u32) {
            let from = list.partition_point(|e| key_of(e.article.index()) < first);
            let to = list.partition_point(|e| key_of(e.article.index()) <= last);
            (from as u32, to as u32)
        };
        // Nodes first (their counts weigh the links).
        let mut node_spans = vec![(0u32, 0u32); node_bound];
        for index in self.graph.node_indices() {
            node_spans[index.index()] = inside(&self.graph[index].paragraphs);
        }
        let total = f64::from(paragraph_total);
        let count_of = |i: usize| {
            let (from, to) = node_spans[i];
            f64::from(to - from)
        };
        // Then the links by index, in parallel: each one's part inside the
        // window, count and weight (indices only: the evidence's one
        // reference count is touched once per link, on one thread, by `map`
        // below).
        let edge_bound = petgraph::visit::EdgeIndexable::edge_bound(&self.graph);
        let links: Vec<WindowLink> = (0..edge_bound)
            .into_par_iter()
            .with_min_len(4096)
            .map(|i| {
                let e = petgraph::graph::EdgeIndex::new(i);
                let (Some((a, b)), Some(data)) =
                    (self.graph.edge_endpoints(e), self.graph.edge_weight(e))
                else {
                    return WindowLink::default();
                };
                let (a, b) = (a.index(), b.index());
                let (from, to) = inside(&data.paragraphs);
                let count = to - from;
                WindowLink {
                    ends: [a as u32, b as u32],
                    from,
                    count,
                    weight: weight(
                        self.measure,
                        f64::from(count),
                        count_of(a),
                        count_of(b),
                        total,
                    ),
                }
            })
            .collect();
        // What the links with evidence give their ends: degree, weighted
        // degree and strength (co-occurrences), in one pass.
        let sums = super::sum_per_node(
            links.len(),
            node_bound,
            |e, sums: &mut [(u32, f64, f64)]| {
                let link = &links[e];
                if link.count > 0 {
                    for end in link.ends {
                        let s = &mut sums[end as usize];
                        s.0 += 1;
                        s.1 += link.weight;
                        s.2 += f64::from(link.count);
                    }
                }
            },
            |x, y| {
                x.0 += y.0;
                x.1 += y.1;
                x.2 += y.2;
            },
        );
        let ends: Vec<(f64, u32)> = sums.iter().map(|s| (s.2, s.0)).collect();
        let (alphas, backbone) = super::disparity(links.len(), &ends, |e| {
            let link = &links[e];
            [link.ends[0], link.ends[1], link.count]
        });
        let graph = self.graph.map(
            |index, node| {
                let (degree, weighted_degree, _) = sums[index.index()];
                let (from, to) = node_spans[index.index()];
                NodeData {
                    mentions: mentions.get(index.index()).copied().unwrap_or(0),
                    paragraphs: node.paragraphs.sub(from as usize..to as usize),
                    degree,
                    weighted_degree,
                    ..node.clone()
                }
            },
            |index, edge| {
                let link = links.get(index.index()).copied().unwrap_or_default();
                let (from, to) = (link.from as usize, (link.from + link.count) as usize);
                EdgeData {
                    kind: edge.kind,
                    count: link.count,
                    weight: link.weight,
                    alpha: alphas.get(index.index()).copied().unwrap_or(1.0),
                    paragraphs: edge.paragraphs.sub(from..to),
                }
            },
        );
        let max_mentions = graph.node_weights().map(|n| n.mentions).max().unwrap_or(0);
        Self {
            graph,
            paragraph_total,
            max_mentions,
            measure: self.measure,
            backbone,
            warnings: self.warnings.clone(),
        }
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

    /// The window's degrees, weights, p-values and backbone are worked out
    /// in one parallel pass; the graph made from the same nodes and links
    /// by the plain path (`from_parts`) must agree.
    #[test]
    fn a_window_agrees_with_its_links_counted_the_plain_way() {
        use crate::graph::{KnowledgeGraph, WeightMeasure};
        let mut full = dated_generated();
        let start = Date::new(2019, 1, 1).unwrap().days_since_epoch();
        let day = |d: i64| Date::from_days_since_epoch(start + d).unwrap();
        for measure in [WeightMeasure::Count, WeightMeasure::Npmi] {
            full.graph.reweight(measure);
            for (from, to) in [(0, 0), (2, 8), (0, 30)] {
                let part = full.windowed(TimeWindow::new(day(from), day(to)));
                let g = &part.graph;
                let nodes = g.node_ids().map(|n| g[n].clone()).collect();
                let links = g
                    .edge_ids()
                    .map(|e| {
                        let (a, b) = g.endpoints(e).unwrap();
                        (a, b, g[e].clone())
                    })
                    .collect();
                let plain = KnowledgeGraph::from_parts(nodes, links, g.paragraph_total, measure);
                assert!(
                    g.edge_ids().any(|e| g[e].count > 0),
                    "links inside {from}..{to}"
                );
                for n in g.node_ids() {
                    assert_eq!(g[n].degree, plain[n].degree);
                    let (w, p) = (g[n].weighted_degree, plain[n].weighted_degree);
                    assert!((w - p).abs() <= 1e-9 * p.abs().max(1.0), "{w} vs {p}");
                }
                for e in g.edge_ids() {
                    let (a, b) = g.endpoints(e).unwrap();
                    let expected = crate::graph::weight(
                        measure,
                        f64::from(g[e].count),
                        g[a].paragraphs.len() as f64,
                        g[b].paragraphs.len() as f64,
                        f64::from(g.paragraph_total),
                    );
                    assert_eq!(g[e].weight, expected);
                    assert_eq!(g[e].alpha, plain[e].alpha);
                }
                assert_eq!(g.backbone, plain.backbone);
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
