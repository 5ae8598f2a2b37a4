//! Mentions → the weighted actor–topic co-occurrence graph, where every node
//! and edge carries the paragraphs that support it.
//!
//! Knows the corpus and the extraction; knows nothing of layout or UI.

mod access;
pub mod charts;
pub mod metrics;
mod radix;
pub mod search;
pub mod timeline;
pub mod view;
pub mod window;

use rayon::iter::{IntoParallelIterator as _, ParallelIterator as _};

use petgraph::Undirected;
use petgraph::stable_graph::{NodeIndex, StableGraph};
use serde::{Deserialize, Serialize};

use crate::corpus::{ArticleId, Corpus, ParagraphId, Warning};
use crate::extract::{Category, Extraction, NodeKind};
pub use access::{EdgeId, Link, NodeId};

/// A kept paragraph of the corpus: `(article id, paragraph id)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct EvidenceRef {
    pub article: ArticleId,
    pub paragraph: ParagraphId,
}

/// The paragraphs behind a node or link, in date order (undated articles
/// last), then by article and paragraph: a slice of a list shared with the
/// graph of every date, so that a time window is a sub-range found by two
/// binary searches, with nothing copied (see [`window`]).
#[derive(Clone, Default)]
pub struct Evidence {
    all: std::sync::Arc<[EvidenceRef]>,
    start: u32,
    end: u32,
}

impl Evidence {
    /// The paragraphs as a slice.
    pub fn as_slice(&self) -> &[EvidenceRef] {
        self
    }

    /// The part of this list from `start` to `end` (indices into it).
    fn sub(&self, range: std::ops::Range<usize>) -> Self {
        let start = self.start as usize + range.start.min(self.len());
        let end = (self.start as usize + range.end.min(self.len())).max(start);
        Self {
            all: std::sync::Arc::clone(&self.all),
            start: u32::try_from(start).unwrap_or(u32::MAX),
            end: u32::try_from(end).unwrap_or(u32::MAX),
        }
    }
}

impl Evidence {
    /// Lists laid end to end in one store, and each one's place in it.
    fn stored(
        lists: impl IntoIterator<Item = Vec<EvidenceRef>>,
    ) -> (std::sync::Arc<[EvidenceRef]>, Vec<std::ops::Range<u32>>) {
        Self::stored_with_capacity(lists, 0)
    }

    /// [`Self::stored`] with room for `total` references made at once (a
    /// large corpus's store is tens of MB: growing it by doubling copies
    /// it again and again).
    fn stored_with_capacity(
        lists: impl IntoIterator<Item = Vec<EvidenceRef>>,
        total: usize,
    ) -> (std::sync::Arc<[EvidenceRef]>, Vec<std::ops::Range<u32>>) {
        let mut store = Vec::with_capacity(total);
        let mut spans = Vec::new();
        for list in lists {
            let start = u32::try_from(store.len()).unwrap_or(u32::MAX);
            store.extend(list);
            spans.push(start..u32::try_from(store.len()).unwrap_or(u32::MAX));
        }
        (store.into(), spans)
    }

    /// The list at `span` of `store`.
    fn of(store: &std::sync::Arc<[EvidenceRef]>, span: std::ops::Range<u32>) -> Self {
        Self {
            all: std::sync::Arc::clone(store),
            start: span.start,
            end: span.end,
        }
    }
}

impl From<Vec<EvidenceRef>> for Evidence {
    fn from(list: Vec<EvidenceRef>) -> Self {
        let end = u32::try_from(list.len()).unwrap_or(u32::MAX);
        Self {
            all: list.into(),
            start: 0,
            end,
        }
    }
}

impl std::ops::Deref for Evidence {
    type Target = [EvidenceRef];

    fn deref(&self) -> &[EvidenceRef] {
        self.all
            .get(self.start as usize..self.end as usize)
            .unwrap_or(&[])
    }
}

impl<'a> IntoIterator for &'a Evidence {
    type Item = &'a EvidenceRef;
    type IntoIter = std::slice::Iter<'a, EvidenceRef>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl std::fmt::Debug for Evidence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl PartialEq for Evidence {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

/// How the strength of a link is measured (its `weight`).
///
/// The default is the co-occurrence count: a reader takes a thicker link for
/// "mentioned together more often", and the layout pulls such pairs
/// together, so the most-mentioned actors sit among what they are linked
/// to. The normalized measures (association strength, Jaccard, NPMI) divide
/// by how often each end occurs and so favour rare pairs: a pair seen
/// together once can outweigh one seen together in 34 paragraphs. Which
/// links matter for a node is answered separately, measure-independently,
/// by the backbone (see [`EdgeData::alpha`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WeightMeasure {
    /// Paragraphs where both ends occur, `c_ij`.
    #[default]
    Count,
    /// VOSviewer's association strength: observed over expected co-occurrence,
    /// `c_ij · N / (n_i · n_j)`.
    Association,
    /// `c_ij / (n_i + n_j − c_ij)`.
    Jaccard,
    /// Normalized pointwise mutual information, in [−1, 1].
    Npmi,
}

impl WeightMeasure {
    pub const ALL: [Self; 4] = [Self::Count, Self::Association, Self::Jaccard, Self::Npmi];

    pub fn name(self) -> &'static str {
        match self {
            Self::Count => "co-occurrences",
            Self::Association => "association strength",
            Self::Jaccard => "Jaccard",
            Self::Npmi => "NPMI",
        }
    }
}

/// Which pair of node kinds an edge joins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EdgeKind {
    ActorTopic,
    ActorActor,
    TopicTopic,
}

impl EdgeKind {
    pub fn of(a: NodeKind, b: NodeKind) -> Self {
        match (a, b) {
            (NodeKind::Actor, NodeKind::Actor) => Self::ActorActor,
            (NodeKind::Topic, NodeKind::Topic) => Self::TopicTopic,
            _ => Self::ActorTopic,
        }
    }
}

/// A node: one entity of the extraction, with its evidence and metrics.
#[derive(Debug, Clone)]
pub struct NodeData {
    /// Index into [`Extraction::entities`] (equal to the node index).
    pub entity: u32,
    pub kind: NodeKind,
    pub category: Category,
    /// Number of mentions in kept paragraphs.
    pub mentions: u32,
    /// Kept paragraphs that mention the node, in date order.
    pub paragraphs: Evidence,
    pub degree: u32,
    pub weighted_degree: f64,
    pub betweenness: f64,
    pub community: u32,
}

/// An edge: two nodes mentioned in the same kept paragraphs.
#[derive(Debug, Clone)]
pub struct EdgeData {
    pub kind: EdgeKind,
    /// Number of paragraphs where both ends occur.
    pub count: u32,
    /// Strength of the link in the graph's [`WeightMeasure`].
    pub weight: f64,
    /// The disparity filter's p-value (Serrano, Boguñá and Vespignani 2009),
    /// the smaller of its two ends': how unlikely a share this large of an
    /// end's co-occurrences is if they were spread evenly over its links.
    /// Small is significant; the backbone keeps the smallest. A node's only
    /// link has 0, so no node is cut off.
    pub alpha: f32,
    /// The paragraphs where both ends occur, in date order.
    pub paragraphs: Evidence,
}

/// The co-occurrence graph. Node `i` is entity `i` of the extraction.
#[derive(Debug, Clone, Default)]
pub struct KnowledgeGraph {
    /// Reached through the methods below, which speak [`NodeId`] and
    /// [`EdgeId`]; nodes and links are never removed, so ids are dense.
    graph: StableGraph<NodeData, EdgeData, Undirected>,
    /// Number of kept paragraphs in the corpus (N in the weight formulas).
    pub paragraph_total: u32,
    /// The most mentions of any node: node sizes are relative to it.
    pub max_mentions: u32,
    /// How `weight` is measured.
    pub measure: WeightMeasure,
    /// Edge indices, most significant first (smallest [`EdgeData::alpha`],
    /// then most co-occurrences): the order the backbone keeps links in.
    pub backbone: Vec<u32>,
    /// One per article with paragraphs naming more than
    /// [`MAX_LINKED_PER_PARAGRAPH`] nodes (their links were made among the
    /// most mentioned).
    pub warnings: Vec<Warning>,
}

/// At most this many nodes of one paragraph are linked to each other (the
/// most mentioned in the corpus, ties by node order): a paragraph that is
/// a list of 5,000 names would otherwise make 12.5 million links. Every
/// node still keeps the paragraph as its own evidence. Real news paragraphs
/// name far fewer (the most in 2,000 articles of general news: 31).
pub const MAX_LINKED_PER_PARAGRAPH: usize = 64;

/// The node metrics that may follow the first map: betweenness centrality
/// and Louvain communities, by node index.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metrics {
    pub betweenness: Vec<f64>,
    pub communities: Vec<u32>,
}

impl Metrics {
    /// Both metrics of the graph `adj` describes (see
    /// [`KnowledgeGraph::adjacency`]); Louvain runs beside the parallel
    /// betweenness.
    pub fn of(adj: &metrics::Adjacency) -> Self {
        let never = std::sync::atomic::AtomicBool::new(false);
        Self::of_until(adj, &never).unwrap_or_default()
    }

    /// [`Self::of`], given up (`None`) soon after `stop` is set: a loading
    /// the user replaced stops spending a core on a map nobody will see.
    pub fn of_until(
        adj: &metrics::Adjacency,
        stop: &std::sync::atomic::AtomicBool,
    ) -> Option<Self> {
        let all = std::time::Instant::now();
        let timed = |what: &str, start: std::time::Instant| {
            log::debug!("metrics: {what} in {:?}", start.elapsed());
        };
        let (betweenness, communities) = rayon::join(
            || {
                let start = std::time::Instant::now();
                let b = metrics::betweenness_until(adj, stop);
                timed("betweenness", start);
                b
            },
            || {
                let start = std::time::Instant::now();
                let c = metrics::louvain(adj);
                timed("communities", start);
                c
            },
        );
        log::info!("betweenness and communities: {:?}", all.elapsed());
        Some(Self {
            betweenness: betweenness?,
            communities,
        })
    }
}

/// Settings of graph construction.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GraphSettings {
    pub measure: WeightMeasure,
}

impl KnowledgeGraph {
    /// Builds the graph from the mentions in kept paragraphs, with its
    /// betweenness and communities.
    ///
    /// Paragraph by paragraph, every pair of distinct nodes mentioned in it
    /// gains that paragraph as evidence. O(Σ k²) for k nodes per paragraph.
    pub fn build(corpus: &Corpus, extraction: &Extraction, settings: &GraphSettings) -> Self {
        let mut built = Self::build_without_metrics(corpus, extraction, settings);
        built.apply_metrics(&built.metrics());
        built
    }

    /// [`Self::build`] without betweenness and communities (every node 0):
    /// what the first map needs. [`Self::metrics`] computes them later,
    /// from a copy of the links, and [`Self::apply_metrics`] sets them.
    pub fn build_without_metrics(
        corpus: &Corpus,
        extraction: &Extraction,
        settings: &GraphSettings,
    ) -> Self {
        let clock = std::time::Instant::now();
        let lap = |what: &str| log::debug!("graph: {what} at {:?}", clock.elapsed());
        let mut graph = StableGraph::with_capacity(extraction.entities.len(), 0);
        for (i, entity) in extraction.entities.iter().enumerate() {
            graph.add_node(NodeData {
                entity: u32::try_from(i).unwrap_or(u32::MAX),
                kind: entity.kind,
                category: entity.category,
                mentions: 0,
                paragraphs: Evidence::default(),
                degree: 0,
                weighted_degree: 0.0,
                betweenness: 0.0,
                community: 0,
            });
        }
        // Group mentions by paragraph; mentions are sorted by article and offset.
        let mut by_paragraph: Vec<(EvidenceRef, Vec<u32>)> = Vec::new();
        for mention in &extraction.mentions {
            let Some(paragraph) = mention.paragraph else {
                continue;
            };
            let key = EvidenceRef {
                article: mention.article,
                paragraph,
            };
            if let Some(node) = graph.node_weight_mut(NodeIndex::new(mention.node as usize)) {
                node.mentions += 1;
            }
            match by_paragraph.last_mut() {
                Some((last, nodes)) if *last == key => nodes.push(mention.node),
                _ => by_paragraph.push((key, vec![mention.node])),
            }
        }
        // Paragraphs in date order (a stable sort: by article and paragraph
        // within a day), so every list below is too, and a time window is
        // a sub-range of each.
        let keys = window::date_keys(corpus);
        let key_of = |e: &EvidenceRef| keys.get(e.article.index()).copied().unwrap_or(i64::MAX);
        by_paragraph.sort_by_key(|(key, _)| key_of(key));
        // Node by node (in parallel), the later nodes sharing its paragraphs:
        // memory stays that of the evidence itself, not of every (pair,
        // paragraph) record at once. Paragraphs come in date order, so
        // each pair's evidence is already sorted, and edges are added in
        // (a, b) order: the output is deterministic.
        let n = extraction.entities.len();
        let mut node_evidence: Vec<Vec<EvidenceRef>> = vec![Vec::new(); n];
        let mut node_paragraphs: Vec<Vec<u32>> = vec![Vec::new(); n];
        let mut capped = Vec::new();
        for (p, (key, nodes)) in by_paragraph.iter_mut().enumerate() {
            nodes.sort_unstable();
            nodes.dedup();
            for &node in nodes.iter() {
                if let Some(list) = node_evidence.get_mut(node as usize) {
                    list.push(*key);
                }
            }
            if nodes.len() > MAX_LINKED_PER_PARAGRAPH {
                capped.push((*key, u32::try_from(nodes.len()).unwrap_or(u32::MAX)));
                let mentions = |node: u32| {
                    graph
                        .node_weight(NodeIndex::new(node as usize))
                        .map_or(0, |d| d.mentions)
                };
                nodes.sort_by_key(|&node| (std::cmp::Reverse(mentions(node)), node));
                nodes.truncate(MAX_LINKED_PER_PARAGRAPH);
                nodes.sort_unstable();
            }
            for &node in nodes.iter() {
                if let Some(list) = node_paragraphs.get_mut(node as usize) {
                    list.push(u32::try_from(p).unwrap_or(u32::MAX));
                }
            }
        }
        let (store, spans) = Evidence::stored(node_evidence);
        for (node, span) in spans.into_iter().enumerate() {
            if let Some(data) = graph.node_weight_mut(NodeIndex::new(node)) {
                data.paragraphs = Evidence::of(&store, span);
            }
        }
        lap("mentions grouped");
        // Each later node b gets its evidence list in the order paragraphs
        // come; `slot[b]` is b's place in this node's list (a table per
        // thread, reset after each node): no sorting of (pair, paragraph)
        // records.
        let per_node: Vec<Vec<(u32, Vec<EvidenceRef>)>> = (0..n)
            .into_par_iter()
            .map_init(
                || vec![u32::MAX; n],
                |slot, a| {
                    let mut edges: Vec<(u32, Vec<EvidenceRef>)> = Vec::new();
                    for &p in &node_paragraphs[a] {
                        let (key, nodes) = &by_paragraph[p as usize];
                        let later = nodes.partition_point(|&x| x as usize <= a);
                        for &b in &nodes[later..] {
                            let at = &mut slot[b as usize];
                            if *at == u32::MAX {
                                *at = u32::try_from(edges.len()).unwrap_or(u32::MAX);
                                edges.push((b, Vec::new()));
                            }
                            edges[*at as usize].1.push(*key);
                        }
                    }
                    for (b, _) in &edges {
                        slot[*b as usize] = u32::MAX;
                    }
                    edges.sort_unstable_by_key(|(b, _)| *b);
                    edges
                },
            )
            .collect();
        drop(node_paragraphs);
        lap("pairs");
        let paragraph_total = u32::try_from(corpus.paragraph_count()).unwrap_or(u32::MAX);
        // One store for every link's evidence, in the order links are added:
        // a time window reads it front to back.
        let ends: Vec<(usize, u32)> = per_node
            .iter()
            .enumerate()
            .flat_map(|(a, edges)| edges.iter().map(move |(b, _)| (a, *b)))
            .collect();
        let total = per_node.iter().flatten().map(|(_, list)| list.len()).sum();
        let (store, spans) = Evidence::stored_with_capacity(
            per_node
                .into_iter()
                .flat_map(|edges| edges.into_iter().map(|(_, list)| list)),
            total,
        );
        graph.reserve_exact_edges(ends.len());
        for ((a, b), span) in ends.into_iter().zip(spans) {
            let paragraphs = Evidence::of(&store, span);
            {
                let (ia, ib) = (NodeIndex::new(a), NodeIndex::new(b as usize));
                let na = graph[ia].paragraphs.len() as f64;
                let nb = graph[ib].paragraphs.len() as f64;
                let count = paragraphs.len() as f64;
                let weight = weight(settings.measure, count, na, nb, f64::from(paragraph_total));
                let kind = EdgeKind::of(graph[ia].kind, graph[ib].kind);
                graph.add_edge(
                    ia,
                    ib,
                    EdgeData {
                        kind,
                        count: u32::try_from(paragraphs.len()).unwrap_or(u32::MAX),
                        weight,
                        alpha: 1.0,
                        paragraphs,
                    },
                );
            }
        }
        let max_mentions = graph.node_weights().map(|n| n.mentions).max().unwrap_or(0);
        let mut built = Self {
            graph,
            paragraph_total,
            max_mentions,
            measure: settings.measure,
            backbone: Vec::new(),
            warnings: capped_warnings(corpus, &capped),
        };
        lap("edges added");
        built.compute_degrees();
        lap("degrees");
        built.compute_backbone();
        lap("backbone");
        built
    }

    /// A graph of these nodes (node `i` is `nodes[i]`) and links, with
    /// degrees and the backbone computed and betweenness and communities
    /// as given: for graphs not made from a corpus (benchmarks, tests).
    pub fn from_parts(
        nodes: Vec<NodeData>,
        links: Vec<(NodeId, NodeId, EdgeData)>,
        paragraph_total: u32,
        measure: WeightMeasure,
    ) -> Self {
        let mut graph = StableGraph::with_capacity(nodes.len(), links.len());
        for node in nodes {
            graph.add_node(node);
        }
        for (a, b, data) in links {
            graph.add_edge(a.into(), b.into(), data);
        }
        let max_mentions = graph.node_weights().map(|n| n.mentions).max().unwrap_or(0);
        let mut built = Self {
            graph,
            paragraph_total,
            max_mentions,
            measure,
            backbone: Vec::new(),
            warnings: Vec::new(),
        };
        built.compute_degrees();
        built.compute_backbone();
        built
    }

    /// Adjacency lists with co-occurrence counts as weights.
    pub fn adjacency(&self) -> metrics::Adjacency {
        let n = petgraph::visit::NodeIndexable::node_bound(&self.graph);
        let mut adj = vec![Vec::new(); n];
        for e in self.graph.edge_indices() {
            let Some((a, b)) = self.graph.edge_endpoints(e) else {
                continue;
            };
            let w = f64::from(self.graph[e].count);
            adj[a.index()].push((u32::try_from(b.index()).unwrap_or(u32::MAX), w));
            adj[b.index()].push((u32::try_from(a.index()).unwrap_or(u32::MAX), w));
        }
        for list in &mut adj {
            list.sort_by_key(|(j, _)| *j);
        }
        adj
    }

    /// Betweenness and communities of this graph.
    pub fn metrics(&self) -> Metrics {
        Metrics::of(&self.adjacency())
    }

    /// Sets every node's betweenness and community.
    pub fn apply_metrics(&mut self, metrics: &Metrics) {
        let indices: Vec<NodeIndex> = self.graph.node_indices().collect();
        for index in indices {
            let node = &mut self.graph[index];
            node.betweenness = metrics
                .betweenness
                .get(index.index())
                .copied()
                .unwrap_or(0.0);
            node.community = metrics.communities.get(index.index()).copied().unwrap_or(0);
        }
    }

    /// The same graph with weights in another measure (counts, evidence,
    /// backbone, betweenness and communities do not depend on it).
    pub fn reweight(&mut self, measure: WeightMeasure) {
        if measure == self.measure {
            return;
        }
        let total = f64::from(self.paragraph_total);
        let edges: Vec<_> = self.graph.edge_indices().collect();
        for e in edges {
            let Some((a, b)) = self.graph.edge_endpoints(e) else {
                continue;
            };
            let na = self.graph[a].paragraphs.len() as f64;
            let nb = self.graph[b].paragraphs.len() as f64;
            let count = f64::from(self.graph[e].count);
            self.graph[e].weight = weight(measure, count, na, nb, total);
        }
        self.measure = measure;
        self.compute_degrees();
    }

    /// The disparity filter on co-occurrence counts: each edge's p-value at
    /// both ends, and the edges in order of significance.
    fn compute_backbone(&mut self) {
        use rayon::prelude::*;
        // One pass over the graph's storage into a compact table by edge
        // index, (end, end, count), read by index in parallel (a hole, which
        // a built graph never has, reads as a link with no evidence).
        let graph = &self.graph;
        let links: Vec<[u32; 3]> = (0..petgraph::visit::EdgeIndexable::edge_bound(graph))
            .into_par_iter()
            .with_min_len(4096)
            .map(|i| {
                let e = petgraph::stable_graph::EdgeIndex::new(i);
                match (graph.edge_endpoints(e), graph.edge_weight(e)) {
                    (Some((a, b)), Some(data)) => [a.index() as u32, b.index() as u32, data.count],
                    _ => [0; 3],
                }
            })
            .collect();
        let n = petgraph::visit::NodeIndexable::node_bound(&self.graph);
        let ends = strength_and_degree(links.len(), n, |e| links[e]);
        let (alphas, backbone) = disparity(links.len(), &ends, |e| links[e]);
        let indices: Vec<_> = self.graph.edge_indices().collect();
        for (index, data) in indices.into_iter().zip(self.graph.edge_weights_mut()) {
            data.alpha = alphas[index.index()];
        }
        self.backbone = backbone;
    }

    fn compute_degrees(&mut self) {
        // One pass over the edges (walking each node's edge list in a
        // stable graph jumps around memory).
        let n = petgraph::visit::NodeIndexable::node_bound(&self.graph);
        let mut degree = vec![(0u32, 0.0f64); n];
        for edge in petgraph::visit::IntoEdgeReferences::edge_references(&self.graph) {
            use petgraph::visit::EdgeRef as _;
            let data = edge.weight();
            // Links with nothing in a time window are not links there.
            if data.count == 0 {
                continue;
            }
            for end in [edge.source(), edge.target()] {
                let d = &mut degree[end.index()];
                d.0 += 1;
                d.1 += data.weight;
            }
        }
        let indices: Vec<NodeIndex> = self.graph.node_indices().collect();
        for index in indices {
            let (d, w) = degree[index.index()];
            let data = &mut self.graph[index];
            data.degree = d;
            data.weighted_degree = w;
        }
    }
}

/// Per-node sums over `len` items, in parallel: `add(i, sums)` adds item
/// `i`'s share to the sums of its nodes, and `merge` joins two threads'
/// sums of one node.
pub(crate) fn sum_per_node<S: Copy + Default + Send + Sync>(
    len: usize,
    n: usize,
    add: impl Fn(usize, &mut [S]) + Sync,
    merge: impl Fn(&mut S, S) + Sync,
) -> Vec<S> {
    use rayon::iter::{IndexedParallelIterator as _, IntoParallelIterator as _};
    (0..len)
        .into_par_iter()
        .with_min_len(16_384)
        .fold(
            || vec![S::default(); n],
            |mut sums, i| {
                add(i, &mut sums);
                sums
            },
        )
        .reduce(
            || vec![S::default(); n],
            |mut a, b| {
                for (x, y) in a.iter_mut().zip(b) {
                    merge(x, y);
                }
                a
            },
        )
}

/// Each node's strength (co-occurrences over its links) and degree (links
/// with evidence) for [`disparity`]: `link(e)` is `[end, end, count]`.
pub(crate) fn strength_and_degree(
    len: usize,
    n: usize,
    link: impl Fn(usize) -> [u32; 3] + Sync,
) -> Vec<(f64, u32)> {
    sum_per_node(
        len,
        n,
        |e, sums: &mut [(f64, u32)]| {
            let [a, b, count] = link(e);
            if count > 0 {
                for i in [a as usize, b as usize] {
                    sums[i].0 += f64::from(count);
                    sums[i].1 += 1;
                }
            }
        },
        |x, y| {
            x.0 += y.0;
            x.1 += y.1;
        },
    )
}

/// The disparity filter (Serrano, Boguñá and Vespignani 2009) on the
/// `len` links by edge index, `link(e)` being `[end, end, count]` and
/// `ends` each node's [`strength_and_degree`]: each link's p-value, the
/// smaller of its two ends' (1 for links with count 0: links with nothing
/// in a time window are not links there), and the links with evidence in
/// order of significance (then by count, then by index).
pub(crate) fn disparity(
    len: usize,
    ends: &[(f64, u32)],
    link: impl Fn(usize) -> [u32; 3] + Sync,
) -> (Vec<f32>, Vec<u32>) {
    use rayon::iter::{
        IndexedParallelIterator as _, IntoParallelIterator as _, ParallelIterator as _,
    };
    let n = ends.len();
    // p = (1 − share)^(k − 1): the chance that an even split of the node's
    // strength over k links gives this one at least its share. Taken
    // through its logarithm: below f32's smallest normal number it is 0 (a
    // hub's powers otherwise run through subnormal numbers). A link's
    // p-value is the smaller of its ends' (exp is monotone, so that is the
    // p of the smaller logarithm).
    let smallest = f64::from(f32::MIN_POSITIVE.ln());
    let end_alpha = |i: usize, count: u32| -> f32 {
        let (strength, degree) = ends[i];
        if degree <= 1 || strength <= 0.0 {
            return 0.0;
        }
        let share = (f64::from(count) / strength).min(1.0);
        let log = f64::from(degree - 1) * (-share).ln_1p();
        if log < smallest {
            0.0
        } else {
            log.exp() as f32
        }
    };
    // Most links are seen in a few paragraphs: each end's p-value for
    // those counts is worked out once per node, not once per link.
    const FEW: usize = 4;
    let few: Vec<[f32; FEW]> = (0..n)
        .into_par_iter()
        .map(|i| std::array::from_fn(|c| end_alpha(i, c as u32 + 1)))
        .collect();
    let alpha_at = |i: usize, count: u32| -> f32 {
        match few
            .get(i)
            .and_then(|row| row.get((count as usize).wrapping_sub(1)))
        {
            Some(&alpha) => alpha,
            None => end_alpha(i, count),
        }
    };
    let alphas: Vec<f32> = (0..len)
        .into_par_iter()
        .with_min_len(4096)
        .map(|e| {
            let [a, b, count] = link(e);
            if count == 0 {
                1.0
            } else {
                alpha_at(a as usize, count).min(alpha_at(b as usize, count))
            }
        })
        .collect();
    // (alpha, −count, edge) packed into one integer, made in edge order and
    // sorted as such (the edge bytes need no pass).
    let mut keyed: Vec<u128> = (0..len)
        .into_par_iter()
        .with_min_len(4096)
        .filter_map(|e| {
            let count = link(e)[2];
            (count > 0).then(|| {
                u128::from(ordered_bits(alphas[e])) << 64
                    | u128::from(u32::MAX - count) << 32
                    | e as u128
            })
        })
        .collect();
    radix::sort_above(&mut keyed, 4);
    (alphas, keyed.into_iter().map(|k| k as u32).collect())
}

/// `x`'s bits, ordered as [`f32::total_cmp`] orders the numbers.
pub(crate) fn ordered_bits(x: f32) -> u32 {
    let bits = x.to_bits();
    if bits >> 31 == 1 {
        !bits
    } else {
        bits | 1 << 31
    }
}

/// The stages of [`Model::build_reporting`] after reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BuildStage {
    Graph,
}

/// Everything the model layers know about a corpus.
#[derive(Debug, Clone, Default)]
pub struct Model {
    /// Shared: a curated or time-windowed model reuses the same corpus.
    pub corpus: std::sync::Arc<Corpus>,
    pub extraction: std::sync::Arc<Extraction>,
    pub graph: KnowledgeGraph,
}

/// One warning per article for the paragraphs whose links were capped
/// (`capped` is in corpus order), naming the largest.
fn capped_warnings(corpus: &Corpus, capped: &[(EvidenceRef, u32)]) -> Vec<Warning> {
    let mut out = Vec::new();
    let mut capped = capped.iter().peekable();
    while let Some(&(first, count)) = capped.next() {
        let (mut paragraphs, mut largest) = (1, (count, first.paragraph));
        while let Some(&&(next, count)) = capped.peek().filter(|(n, _)| n.article == first.article)
        {
            paragraphs += 1;
            largest = largest.max((count, next.paragraph));
            capped.next();
        }
        let path = corpus
            .articles
            .get(first.article.index())
            .map_or_else(String::new, |a| a.path.clone());
        let which = if paragraphs == 1 {
            format!(
                "paragraph {} names {} actors and topics",
                largest.1.raw() + 1,
                largest.0
            )
        } else {
            format!(
                "{paragraphs} paragraphs name more than {MAX_LINKED_PER_PARAGRAPH} actors and topics (paragraph {} names {})",
                largest.1.raw() + 1,
                largest.0
            )
        };
        out.push(Warning::new(
            path,
            format!("{which}; links were made among the {MAX_LINKED_PER_PARAGRAPH} most mentioned of each only"),
        ));
    }
    out
}

/// Settings of the whole model pipeline.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ModelSettings {
    pub extract: crate::extract::ExtractSettings,
    pub graph: GraphSettings,
}

impl Model {
    /// Every warning of the pipeline: files skipped or repaired, lists that
    /// could not be used, paragraphs whose links were capped.
    pub fn warnings(&self) -> impl Iterator<Item = &Warning> {
        self.corpus
            .warnings
            .iter()
            .chain(&self.extraction.warnings)
            .chain(&self.graph.warnings)
    }

    /// Runs extraction and graph building on a read corpus.
    pub fn build(corpus: Corpus, settings: &ModelSettings) -> Self {
        Self::build_reporting(corpus, settings, &mut |_| {})
    }

    /// [`Self::build`], calling `stage` with [`BuildStage::Graph`] once
    /// extraction is done, for progress displays.
    pub fn build_reporting(
        corpus: Corpus,
        settings: &ModelSettings,
        stage: &mut dyn FnMut(BuildStage),
    ) -> Self {
        let mut model = Self::build_without_metrics(corpus, settings, stage);
        model.graph.apply_metrics(&model.graph.metrics());
        model
    }

    /// [`Self::build_reporting`] without betweenness and communities: the
    /// first map, which [`KnowledgeGraph::apply_metrics`] completes.
    pub fn build_without_metrics(
        corpus: Corpus,
        settings: &ModelSettings,
        stage: &mut dyn FnMut(BuildStage),
    ) -> Self {
        let start = std::time::Instant::now();
        let extraction = crate::extract::extract(&corpus, &settings.extract);
        log::info!("extraction: {:?}", start.elapsed());
        stage(BuildStage::Graph);
        let start = std::time::Instant::now();
        let graph = KnowledgeGraph::build_without_metrics(&corpus, &extraction, &settings.graph);
        log::info!("graph: {:?}", start.elapsed());
        Self {
            corpus: std::sync::Arc::new(corpus),
            extraction: std::sync::Arc::new(extraction),
            graph,
        }
    }
}

impl Model {
    /// This model with the user's corrections applied: the extraction is
    /// curated and the graph rebuilt. Node indices stay those of `self`.
    pub fn curated(
        &self,
        edits: &[crate::extract::curate::Edit],
        settings: &ModelSettings,
    ) -> (Self, crate::extract::curate::Report) {
        let mut extraction = (*self.extraction).clone();
        let report = crate::extract::curate::apply(&self.corpus, &mut extraction, edits);
        let graph = KnowledgeGraph::build(&self.corpus, &extraction, &settings.graph);
        (
            Self {
                corpus: std::sync::Arc::clone(&self.corpus),
                extraction: std::sync::Arc::new(extraction),
                graph,
            },
            report,
        )
    }
}

/// The significance of `count` co-occurrences of nodes seen in `na` and `nb`
/// of `total` paragraphs.
pub fn weight(measure: WeightMeasure, count: f64, na: f64, nb: f64, total: f64) -> f64 {
    if count <= 0.0 || na <= 0.0 || nb <= 0.0 || total <= 0.0 {
        return 0.0;
    }
    match measure {
        WeightMeasure::Count => count,
        WeightMeasure::Association => count * total / (na * nb),
        WeightMeasure::Jaccard => count / (na + nb - count),
        WeightMeasure::Npmi => {
            let p_ab = count / total;
            if p_ab >= 1.0 {
                return 1.0;
            }
            let pmi = (p_ab / ((na / total) * (nb / total))).ln();
            (pmi / -p_ab.ln()).clamp(-1.0, 1.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn association_strength_is_observed_over_expected() {
        // Independent nodes: expected co-occurrence 10·10/100 = 1.
        assert!((weight(WeightMeasure::Association, 1.0, 10.0, 10.0, 100.0) - 1.0).abs() < 1e-12);
        assert!(weight(WeightMeasure::Association, 5.0, 10.0, 10.0, 100.0) > 1.0);
    }

    #[test]
    fn jaccard_of_identical_sets_is_one() {
        assert!((weight(WeightMeasure::Jaccard, 4.0, 4.0, 4.0, 50.0) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn npmi_stays_in_range() {
        for (c, a, b) in [(1.0, 1.0, 1.0), (1.0, 50.0, 50.0), (3.0, 3.0, 40.0)] {
            let v = weight(WeightMeasure::Npmi, c, a, b, 100.0);
            assert!((-1.0..=1.0).contains(&v), "{v}");
        }
    }
}
