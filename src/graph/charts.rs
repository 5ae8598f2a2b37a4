//! The numbers behind the statistics charts, computed from the graph and
//! what the filters show. Plain data: the window draws it, and every chart
//! can be written as a table.

use super::{EdgeId, Model, NodeId};
use crate::extract::{Category, NodeKind};

/// What the filters show: nodes and edges by index.
#[derive(Debug, Clone, Copy)]
pub struct Shown<'a> {
    pub nodes: &'a [bool],
    pub edges: &'a [bool],
}

impl Shown<'_> {
    fn node(&self, i: usize) -> bool {
        self.nodes.get(i).copied().unwrap_or(false)
    }

    fn edge(&self, e: usize) -> bool {
        self.edges.get(e).copied().unwrap_or(false)
    }
}

/// A chart's data as a table (header and rows of text), for CSV.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    fn new(header: &[&str]) -> Self {
        Self {
            header: header.iter().map(|h| (*h).to_owned()).collect(),
            rows: Vec::new(),
        }
    }
}

/// The label of a node ("" if it has none).
pub fn label(model: &Model, node: u32) -> &str {
    model
        .graph
        .node(NodeId::from_raw(node))
        .and_then(|d| model.extraction.entities.get(d.entity as usize))
        .map_or("", |e| e.label.as_str())
}

/// The `n` most mentioned shown nodes of a kind: (node, mentions), most first.
pub fn top_nodes(model: &Model, shown: Shown<'_>, kind: NodeKind, n: usize) -> Vec<(u32, u32)> {
    let graph = &model.graph;
    let mut nodes: Vec<(u32, u32)> = graph
        .node_ids()
        .filter(|i| shown.node(i.index()) && graph[*i].kind == kind)
        .map(|i| (i.index() as u32, graph[i].mentions))
        .collect();
    nodes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    nodes.truncate(n);
    nodes
}

pub fn top_nodes_table(model: &Model, top: &[(u32, u32)]) -> Table {
    let mut table = Table::new(&["rank", "label", "mentions"]);
    for (rank, &(node, mentions)) in top.iter().enumerate() {
        table.rows.push(vec![
            (rank + 1).to_string(),
            label(model, node).to_owned(),
            mentions.to_string(),
        ]);
    }
    table
}

/// The strongest actors (rows) and topics (columns) and the edge between
/// each pair, if shown.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Heatmap {
    pub actors: Vec<u32>,
    pub topics: Vec<u32>,
    /// Row by row: the edge index, its paragraph count and weight.
    pub cells: Vec<Option<(u32, u32, f64)>>,
}

impl Heatmap {
    pub fn cell(&self, row: usize, col: usize) -> Option<(u32, u32, f64)> {
        if row < self.actors.len() && col < self.topics.len() {
            self.cells[row * self.topics.len() + col]
        } else {
            None
        }
    }

    pub fn table(&self, model: &Model) -> Table {
        let mut table = Table::new(&["actor", "topic", "paragraphs", "weight"]);
        for (r, &a) in self.actors.iter().enumerate() {
            for (c, &t) in self.topics.iter().enumerate() {
                let (count, weight) = self.cell(r, c).map_or((0, 0.0), |(_, n, w)| (n, w));
                table.rows.push(vec![
                    label(model, a).to_owned(),
                    label(model, t).to_owned(),
                    count.to_string(),
                    format!("{weight:.4}"),
                ]);
            }
        }
        table
    }
}

/// The actor × topic matrix of the `rows` most mentioned actors and `cols`
/// most mentioned topics among the shown nodes.
pub fn heatmap(model: &Model, shown: Shown<'_>, rows: usize, cols: usize) -> Heatmap {
    let graph = &model.graph;
    let actors: Vec<u32> = top_nodes(model, shown, NodeKind::Actor, rows)
        .into_iter()
        .map(|x| x.0)
        .collect();
    let topics: Vec<u32> = top_nodes(model, shown, NodeKind::Topic, cols)
        .into_iter()
        .map(|x| x.0)
        .collect();
    let mut cells = vec![None; actors.len() * topics.len()];
    for (r, &a) in actors.iter().enumerate() {
        for (c, &t) in topics.iter().enumerate() {
            if let Some(e) = graph.find_edge(NodeId::from_raw(a), NodeId::from_raw(t))
                && shown.edge(e.index())
            {
                let d = &graph[e];
                cells[r * topics.len() + c] = Some((e.index() as u32, d.count, d.weight));
            }
        }
    }
    Heatmap {
        actors,
        topics,
        cells,
    }
}

/// Mentions of shown nodes in one article's kept paragraphs, by category.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleRow {
    pub article: u32,
    /// In the order of [`Category::ALL`].
    pub by_category: [u32; 5],
}

/// Per-article mention counts, in corpus order.
pub fn article_breakdown(model: &Model, shown: Shown<'_>) -> Vec<ArticleRow> {
    let mut rows: Vec<ArticleRow> = model
        .corpus
        .articles
        .iter()
        .map(|a| ArticleRow {
            article: a.id.raw(),
            by_category: [0; 5],
        })
        .collect();
    for m in &model.extraction.mentions {
        if m.paragraph.is_none() || !shown.node(m.node as usize) {
            continue;
        }
        let Some(d) = model.graph.node(NodeId::from_raw(m.node)) else {
            continue;
        };
        let k = Category::ALL
            .iter()
            .position(|c| *c == d.category)
            .unwrap_or(0);
        if let Some(row) = rows.get_mut(m.article.index()) {
            row.by_category[k] += 1;
        }
    }
    rows
}

pub fn article_table(model: &Model, rows: &[ArticleRow]) -> Table {
    let mut header = vec!["article", "title"];
    header.extend(Category::ALL.iter().map(|c| c.name()));
    let mut table = Table::new(&header);
    for row in rows {
        let article = &model.corpus.articles[row.article as usize];
        let mut cells = vec![article.path.clone(), article.title.clone()];
        cells.extend(row.by_category.iter().map(u32::to_string));
        table.rows.push(cells);
    }
    table
}

/// Mentions of shown nodes in one outlet's articles.
#[derive(Debug, Clone, PartialEq)]
pub struct OutletRow {
    /// The outlet, or `None` for articles that name none.
    pub outlet: Option<String>,
    pub articles: u32,
    /// In the order of [`Category::ALL`].
    pub by_category: [u32; 5],
    /// Its most mentioned shown actors, most first: (node, mentions).
    pub top_actors: Vec<(u32, u32)>,
}

/// Mentions by outlet (site, feed, sender, table column), the outlets
/// with most mentions first and the articles naming none last; empty when
/// no article names an outlet.
pub fn outlet_breakdown(
    model: &Model,
    shown: Shown<'_>,
    rows: &[ArticleRow],
    actors: usize,
) -> Vec<OutletRow> {
    let articles = &model.corpus.articles;
    if articles.iter().all(|a| a.meta.outlet.is_none()) {
        return Vec::new();
    }
    let mut index: std::collections::BTreeMap<Option<&str>, usize> = Default::default();
    let outlet_of: Vec<usize> = articles
        .iter()
        .map(|a| {
            let n = index.len();
            *index.entry(a.meta.outlet.as_deref()).or_insert(n)
        })
        .collect();
    let mut out: Vec<OutletRow> = vec![
        OutletRow {
            outlet: None,
            articles: 0,
            by_category: [0; 5],
            top_actors: Vec::new(),
        };
        index.len()
    ];
    for (name, &i) in &index {
        out[i].outlet = name.map(str::to_owned);
    }
    for (a, &o) in outlet_of.iter().enumerate() {
        out[o].articles += 1;
        if let Some(row) = rows.get(a) {
            for (k, n) in row.by_category.iter().enumerate() {
                out[o].by_category[k] += n;
            }
        }
    }
    let mut per_actor: Vec<std::collections::HashMap<u32, u32>> =
        vec![Default::default(); out.len()];
    for m in &model.extraction.mentions {
        if m.paragraph.is_none() || !shown.node(m.node as usize) {
            continue;
        }
        let is_actor = model
            .graph
            .node(NodeId::from_raw(m.node))
            .is_some_and(|d| d.kind == crate::extract::NodeKind::Actor);
        if let (true, Some(&o)) = (is_actor, outlet_of.get(m.article.index())) {
            *per_actor[o].entry(m.node).or_default() += 1;
        }
    }
    for (row, counts) in out.iter_mut().zip(per_actor) {
        let mut top: Vec<(u32, u32)> = counts.into_iter().collect();
        top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        top.truncate(actors);
        row.top_actors = top;
    }
    out.sort_by(|a, b| {
        let total = |r: &OutletRow| r.by_category.iter().sum::<u32>();
        a.outlet
            .is_none()
            .cmp(&b.outlet.is_none())
            .then(total(b).cmp(&total(a)))
            .then(a.outlet.cmp(&b.outlet))
    });
    out
}

pub fn outlet_table(model: &Model, rows: &[OutletRow]) -> Table {
    let mut header = vec!["outlet", "articles"];
    header.extend(Category::ALL.iter().map(|c| c.name()));
    header.push("most mentioned actors");
    let mut table = Table::new(&header);
    for row in rows {
        let mut cells = vec![
            row.outlet.clone().unwrap_or_default(),
            row.articles.to_string(),
        ];
        cells.extend(row.by_category.iter().map(u32::to_string));
        cells.push(
            row.top_actors
                .iter()
                .map(|&(n, c)| format!("{} ({c})", label(model, n)))
                .collect::<Vec<_>>()
                .join("; "),
        );
        table.rows.push(cells);
    }
    table
}

/// Degrees within the shown graph: (degree, number of nodes), by degree.
pub fn degree_distribution(model: &Model, shown: Shown<'_>) -> Vec<(u32, u32)> {
    let graph = &model.graph;
    let mut degree = vec![0u32; shown.nodes.len()];
    for e in graph.edge_ids() {
        if !shown.edge(e.index()) {
            continue;
        }
        if let Some((a, b)) = graph.endpoints(e) {
            for x in [a, b] {
                if let Some(d) = degree.get_mut(x.index()) {
                    *d += 1;
                }
            }
        }
    }
    let mut counts = std::collections::BTreeMap::new();
    for (i, d) in degree.iter().enumerate() {
        if shown.node(i) {
            *counts.entry(*d).or_insert(0u32) += 1;
        }
    }
    counts.into_iter().collect()
}

pub fn degree_table(distribution: &[(u32, u32)]) -> Table {
    let mut table = Table::new(&["degree", "nodes"]);
    for (d, n) in distribution {
        table.rows.push(vec![d.to_string(), n.to_string()]);
    }
    table
}

/// A histogram of shown edge weights in `bins` equal bins:
/// (lower bound, upper bound, edges).
pub fn weight_histogram(model: &Model, shown: Shown<'_>, bins: usize) -> Vec<(f64, f64, u32)> {
    let graph = &model.graph;
    let weights: Vec<f64> = graph
        .edge_ids()
        .filter(|e| shown.edge(e.index()))
        .map(|e| graph[e].weight)
        .filter(|w| w.is_finite())
        .collect();
    let bins = bins.max(1);
    let (Some(lo), Some(hi)) = (
        weights.iter().copied().reduce(f64::min),
        weights.iter().copied().reduce(f64::max),
    ) else {
        return Vec::new();
    };
    let width = ((hi - lo) / bins as f64).max(1e-12);
    let mut counts = vec![0u32; bins];
    for w in weights {
        let k = (((w - lo) / width) as usize).min(bins - 1);
        counts[k] += 1;
    }
    counts
        .into_iter()
        .enumerate()
        .map(|(k, n)| (lo + k as f64 * width, lo + (k + 1) as f64 * width, n))
        .collect()
}

pub fn histogram_table(histogram: &[(f64, f64, u32)]) -> Table {
    let mut table = Table::new(&["from", "to", "links"]);
    for (a, b, n) in histogram {
        table
            .rows
            .push(vec![format!("{a:.4}"), format!("{b:.4}"), n.to_string()]);
    }
    table
}

/// One row of the metrics table.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricsRow {
    pub node: u32,
    pub label: String,
    pub kind: NodeKind,
    pub category: Category,
    pub mentions: u32,
    pub degree: u32,
    pub weighted_degree: f64,
    pub betweenness: f64,
    pub community: u32,
    /// The first and last day of its dated paragraphs (of the time window
    /// when one is set), `None` when none is dated.
    pub first_seen: Option<crate::corpus::Date>,
    pub last_seen: Option<crate::corpus::Date>,
}

/// Columns of the metrics table, for sorting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Column {
    Label,
    Kind,
    Category,
    #[default]
    Mentions,
    Degree,
    WeightedDegree,
    Betweenness,
    Community,
    FirstSeen,
    LastSeen,
}

impl Column {
    pub const ALL: [Self; 10] = [
        Self::Label,
        Self::Kind,
        Self::Category,
        Self::Mentions,
        Self::Degree,
        Self::WeightedDegree,
        Self::Betweenness,
        Self::Community,
        Self::FirstSeen,
        Self::LastSeen,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::Label => "label",
            Self::Kind => "kind",
            Self::Category => "category",
            Self::Mentions => "mentions",
            Self::Degree => "degree",
            Self::WeightedDegree => "weighted degree",
            Self::Betweenness => "betweenness",
            Self::Community => "community",
            Self::FirstSeen => "first seen",
            Self::LastSeen => "last seen",
        }
    }
}

/// Metrics of the shown nodes, sorted by `column` (descending unless
/// `ascending`), ties by label.
pub fn metrics_rows(
    model: &Model,
    shown: Shown<'_>,
    column: Column,
    ascending: bool,
) -> Vec<MetricsRow> {
    let graph = &model.graph;
    let mut rows: Vec<MetricsRow> = graph
        .node_ids()
        .filter(|i| shown.node(i.index()))
        .map(|i| {
            let d = &graph[i];
            // Degrees count the links the filters show, like the other
            // columns; betweenness and communities are of the whole map.
            let (mut degree, mut weighted_degree) = (0u32, 0.0);
            for edge in graph.links_of(i) {
                if shown.edge(edge.id.index()) {
                    degree += 1;
                    weighted_degree += edge.data.weight;
                }
            }
            let seen = super::timeline::Seen::of(&model.corpus, &d.paragraphs);
            MetricsRow {
                node: i.index() as u32,
                label: label(model, i.index() as u32).to_owned(),
                kind: d.kind,
                category: d.category,
                mentions: d.mentions,
                degree,
                weighted_degree,
                betweenness: d.betweenness,
                community: d.community,
                first_seen: seen.map(|s| s.first),
                last_seen: seen.map(|s| s.last),
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        let order = match column {
            Column::Label => a.label.to_lowercase().cmp(&b.label.to_lowercase()),
            Column::Kind => a.kind.cmp(&b.kind),
            Column::Category => a.category.cmp(&b.category),
            Column::Mentions => a.mentions.cmp(&b.mentions),
            Column::Degree => a.degree.cmp(&b.degree),
            Column::WeightedDegree => a.weighted_degree.total_cmp(&b.weighted_degree),
            Column::Betweenness => a.betweenness.total_cmp(&b.betweenness),
            Column::Community => a.community.cmp(&b.community),
            Column::FirstSeen => a.first_seen.cmp(&b.first_seen),
            Column::LastSeen => a.last_seen.cmp(&b.last_seen),
        };
        let order = if ascending { order } else { order.reverse() };
        order.then_with(|| a.label.cmp(&b.label))
    });
    rows
}

impl MetricsRow {
    /// The row as text, in the order of [`Column::ALL`], with this many
    /// decimals for weighted degree and betweenness.
    pub fn cells(&self, weighted: usize, betweenness: usize) -> [String; 10] {
        let day = |d: Option<crate::corpus::Date>| d.map_or_else(String::new, |d| d.day_iso());
        [
            self.label.clone(),
            match self.kind {
                NodeKind::Actor => "actor".into(),
                NodeKind::Topic => "topic".into(),
            },
            self.category.name().into(),
            self.mentions.to_string(),
            self.degree.to_string(),
            format!("{:.weighted$}", self.weighted_degree),
            format!("{:.betweenness$}", self.betweenness),
            self.community.to_string(),
            day(self.first_seen),
            day(self.last_seen),
        ]
    }
}

pub fn metrics_table(rows: &[MetricsRow]) -> Table {
    let mut table = Table::new(&Column::ALL.map(Column::name));
    for r in rows {
        table.rows.push(r.cells(4, 6).to_vec());
    }
    table
}

/// A community as the legend shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct CommunitySummary {
    pub id: u32,
    /// Shown nodes in it.
    pub size: u32,
    pub mentions: u32,
    /// Its most mentioned shown nodes, most first.
    pub members: Vec<u32>,
}

/// Communities of the shown nodes, largest (by mentions) first.
pub fn communities(model: &Model, shown: Shown<'_>, members: usize) -> Vec<CommunitySummary> {
    let graph = &model.graph;
    let mut by_id: std::collections::BTreeMap<u32, Vec<(u32, u32)>> = Default::default();
    for i in graph.node_ids() {
        if shown.node(i.index()) {
            by_id
                .entry(graph[i].community)
                .or_default()
                .push((graph[i].mentions, i.index() as u32));
        }
    }
    let mut out: Vec<CommunitySummary> = by_id
        .into_iter()
        .map(|(id, mut nodes)| {
            nodes.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            CommunitySummary {
                id,
                size: nodes.len() as u32,
                mentions: nodes.iter().map(|n| n.0).sum(),
                members: nodes.iter().take(members).map(|n| n.1).collect(),
            }
        })
        .collect();
    out.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.id.cmp(&b.id)));
    out
}

pub fn communities_table(model: &Model, summaries: &[CommunitySummary]) -> Table {
    let mut table = Table::new(&["community", "nodes", "mentions", "strongest members"]);
    for c in summaries {
        table.rows.push(vec![
            c.id.to_string(),
            c.size.to_string(),
            c.mentions.to_string(),
            c.members
                .iter()
                .map(|&n| label(model, n))
                .collect::<Vec<_>>()
                .join("; "),
        ]);
    }
    table
}

/// Edge index of the link between two nodes, if any.
pub fn edge_between(model: &Model, a: u32, b: u32) -> Option<EdgeId> {
    model
        .graph
        .find_edge(NodeId::from_raw(a), NodeId::from_raw(b))
}
