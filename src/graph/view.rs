//! What the user chose to see of the graph: the [`Filter`] (saved in views),
//! the [`Selection`], and [`visibility`], which nodes and edges pass both.
//! Plain data: the session keeps them, the window draws from them.

use crate::corpus::ArticleId;
use crate::extract::{Category, NodeKind};
use crate::graph::{EdgeId, NodeId};
use crate::graph::{EdgeKind, Evidence, EvidenceRef, Model, WeightMeasure};

/// What is selected on the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Selection {
    #[default]
    None,
    Node(NodeId),
    Edge(EdgeId),
}

/// What is shown of the graph.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Filter {
    pub actors: bool,
    pub topics: bool,
    pub categories: [bool; 5],
    pub min_mentions: u32,
    /// Links weaker than this, in the units of `measure`, are hidden.
    pub min_weight: f32,
    /// How link strength is measured (weights, widths, the heatmap, the
    /// layout and `min_weight` all follow it).
    pub measure: WeightMeasure,
    /// At most this many links per shown node, the most significant first
    /// (the backbone); 0 shows every link. The selected node's links are
    /// always shown.
    pub link_density: f32,
    pub actor_topic: bool,
    pub actor_actor: bool,
    pub topic_topic: bool,
    /// Hidden nodes.
    pub hidden: Vec<NodeId>,
    /// Show only the selected node's neighbourhood to this depth (0: off).
    pub focus_depth: u8,
    /// Show at most this many nodes, the most mentioned first (0: all).
    pub max_nodes: usize,
    /// Hide nodes none of whose links is shown.
    pub hide_unlinked: bool,
    /// Articles left out of the map (their paragraphs do not count).
    pub excluded_articles: Vec<ArticleId>,
    /// Show only this community.
    pub community: Option<u32>,
    /// Communities drawn as one node each: their most-mentioned shown
    /// member stands for them and carries their links (see [`collapse`]).
    pub collapsed: Vec<u32>,
    /// Count only the paragraphs of articles dated inside this window (the
    /// session shows the model of the window: sizes, weights, statistics
    /// and exports follow).
    pub time_window: Option<crate::graph::window::TimeWindow>,
}

impl Default for Filter {
    fn default() -> Self {
        Self {
            actors: true,
            topics: true,
            categories: [true; 5],
            min_mentions: 1,
            min_weight: 0.0,
            measure: WeightMeasure::default(),
            link_density: 0.0,
            actor_topic: true,
            actor_actor: true,
            topic_topic: true,
            hidden: Vec::new(),
            focus_depth: 0,
            max_nodes: 0,
            hide_unlinked: true,
            excluded_articles: Vec::new(),
            community: None,
            collapsed: Vec::new(),
            time_window: None,
        }
    }
}

/// Which nodes and edges `filter` shows (with `selection` for the focus
/// filter), by node and edge index.
pub fn visibility(model: &Model, filter: &Filter, selection: Selection) -> (Vec<bool>, Vec<bool>) {
    let (nodes, edges, _) = visibility_parts(model, filter, selection, false);
    (nodes, edges)
}

/// [`visibility`], and the links shown before the backbone is taken (every
/// link between shown nodes that the other filters let through, what the
/// layout pulls along): one pass over the links for both.
pub fn visibility_and_all_links(
    model: &Model,
    filter: &Filter,
    selection: Selection,
) -> (Vec<bool>, Vec<bool>, Vec<bool>) {
    visibility_parts(model, filter, selection, true)
}

fn visibility_parts(
    model: &Model,
    filter: &Filter,
    selection: Selection,
    keep_all_links: bool,
) -> (Vec<bool>, Vec<bool>, Vec<bool>) {
    use rayon::prelude::*;
    let graph = &model.graph;
    // Articles left out, as a lookup table (empty when none is).
    let mut excluded = Vec::new();
    if !filter.excluded_articles.is_empty() {
        excluded = vec![false; model.corpus.articles.len()];
        for &a in &filter.excluded_articles {
            if let Some(x) = excluded.get_mut(a.index()) {
                *x = true;
            }
        }
    }
    let n = graph.node_count();
    let mut nodes = vec![false; n];
    for i in graph.node_ids() {
        let d = &graph[i];
        let kind_ok = match d.kind {
            NodeKind::Actor => filter.actors,
            NodeKind::Topic => filter.topics,
        };
        let category_ok = Category::ALL
            .iter()
            .position(|c| *c == d.category)
            .is_some_and(|k| filter.categories[k]);
        let in_articles =
            excluded.is_empty() || d.paragraphs.iter().any(|p| !excluded[p.article.index()]);
        let community_ok = filter.community.is_none_or(|c| d.community == c);
        nodes[i.index()] = kind_ok
            && community_ok
            && in_articles
            && category_ok
            && d.mentions >= filter.min_mentions.max(1)
            && !filter.hidden.contains(&i);
    }
    if filter.focus_depth > 0
        && let Selection::Node(center) = selection
    {
        // The ego network: nodes within `focus_depth` links of the selection.
        let mut depth = vec![u8::MAX; n];
        let mut frontier = vec![center.index()];
        if let Some(d) = depth.get_mut(center.index()) {
            *d = 0;
        }
        for level in 1..=filter.focus_depth {
            let mut next = Vec::new();
            for v in frontier {
                for w in graph.neighbours(NodeId::new(v)) {
                    if depth[w.index()] == u8::MAX {
                        depth[w.index()] = level;
                        next.push(w.index());
                    }
                }
            }
            frontier = next;
        }
        for (visible, d) in nodes.iter_mut().zip(&depth) {
            *visible &= *d != u8::MAX;
        }
        if let Some(v) = nodes.get_mut(center.index()) {
            *v = true;
        }
    }
    // Collapsed communities: the most-mentioned member shown stands for
    // the others (their links end at it), and ranks by all their mentions.
    let passed = nodes.clone();
    let mut rep: Vec<usize> = (0..n).collect();
    let mut rank: Vec<u32> = graph.node_ids().map(|i| graph[i].mentions).collect();
    if !filter.collapsed.is_empty() {
        let mut best: std::collections::HashMap<u32, usize> = Default::default();
        for i in graph.node_ids().filter(|i| nodes[i.index()]) {
            let d = &graph[i];
            if filter.collapsed.contains(&d.community) {
                let b = best.entry(d.community).or_insert(i.index());
                if (d.mentions, std::cmp::Reverse(i.index()))
                    > (graph[NodeId::new(*b)].mentions, std::cmp::Reverse(*b))
                {
                    *b = i.index();
                }
            }
        }
        for i in graph.node_ids().filter(|i| passed[i.index()]) {
            if let Some(&b) = best.get(&graph[i].community) {
                rep[i.index()] = b;
                if b != i.index() {
                    nodes[i.index()] = false;
                    rank[b] = rank[b].saturating_add(graph[i].mentions);
                }
            }
        }
    }
    if filter.max_nodes > 0 && nodes.iter().filter(|v| **v).count() > filter.max_nodes {
        let mut ranked: Vec<(u32, usize)> = graph
            .node_ids()
            .filter(|i| nodes[i.index()])
            .map(|i| (rank[i.index()], i.index()))
            .collect();
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        for &(_, i) in &ranked[filter.max_nodes..] {
            nodes[i] = false;
        }
    }
    // By edge index, in parallel: a large map has millions of links.
    let mut edges = vec![false; graph.edge_count()];
    edges
        .par_iter_mut()
        .enumerate()
        .with_min_len(4096)
        .for_each(|(index, shown)| {
            let e = EdgeId::new(index);
            let (Some((a, b)), Some(d)) = (graph.endpoints(e), graph.edge(e)) else {
                return;
            };
            let kind_ok = match d.kind {
                EdgeKind::ActorTopic => filter.actor_topic,
                EdgeKind::ActorActor => filter.actor_actor,
                EdgeKind::TopicTopic => filter.topic_topic,
            };
            let (ra, rb) = (rep[a.index()], rep[b.index()]);
            *shown = kind_ok
                && d.count > 0
                && passed[a.index()]
                && passed[b.index()]
                && nodes[ra]
                && nodes[rb]
                && ra != rb
                && d.weight >= f64::from(filter.min_weight)
                && (excluded.is_empty()
                    || d.paragraphs.iter().any(|p| !excluded[p.article.index()]));
        });
    let all_links = if keep_all_links {
        edges.clone()
    } else {
        Vec::new()
    };
    if filter.link_density > 0.0 {
        // The backbone: the most significant links, about `link_density`
        // per shown node. First each node's own most significant link (so
        // no node loses all its links to the hubs' stronger ones), then the
        // most significant of the rest up to the budget; every link of the
        // selected node stays.
        let shown = nodes.iter().filter(|v| **v).count();
        let budget = (f64::from(filter.link_density) * shown as f64).ceil() as usize;
        let selected = match selection {
            Selection::Node(n) => Some(n.index()),
            _ => None,
        };
        // A link's ends as drawn (a collapsed community's links end at the
        // node standing for it).
        let ends = |index: usize| {
            graph
                .endpoints(EdgeId::new(index))
                .map(|(a, b)| (NodeId::new(rep[a.index()]), NodeId::new(rep[b.index()])))
        };
        let mut keep = vec![false; edges.len()];
        let mut covered = vec![false; n];
        let mut kept = 0usize;
        for &e in &model.graph.backbone {
            let index = e as usize;
            if !edges.get(index).copied().unwrap_or(false) {
                continue;
            }
            let Some((a, b)) = ends(index) else { continue };
            if !covered[a.index()] || !covered[b.index()] {
                covered[a.index()] = true;
                covered[b.index()] = true;
                keep[index] = true;
                kept += 1;
            }
        }
        for &e in &model.graph.backbone {
            let index = e as usize;
            if kept >= budget {
                break;
            }
            if edges.get(index).copied().unwrap_or(false) && !keep[index] {
                keep[index] = true;
                kept += 1;
            }
        }
        for (index, visible) in edges.iter_mut().enumerate() {
            let touches_selection = *visible
                && selected.is_some_and(|s| {
                    ends(index).is_some_and(|(a, b)| a.index() == s || b.index() == s)
                });
            *visible &= keep[index] || touches_selection;
        }
    }
    if filter.hide_unlinked {
        let mut linked = vec![false; n];
        for e in graph.edge_ids() {
            if edges[e.index()]
                && let Some((a, b)) = graph.endpoints(e)
            {
                linked[rep[a.index()]] = true;
                linked[rep[b.index()]] = true;
            }
        }
        for (visible, l) in nodes.iter_mut().zip(&linked) {
            *visible &= *l;
        }
    }
    (nodes, edges, all_links)
}

/// A community drawn as one node.
#[derive(Debug, Clone, PartialEq)]
pub struct Collapsed {
    pub community: u32,
    /// The member that stands for the community on the map.
    pub node: NodeId,
    /// How many nodes the community has.
    pub members: usize,
    /// Its label on the map: its three most-mentioned members and how many
    /// more there are.
    pub label: String,
}

/// How collapsed communities are drawn, given what [`visibility`] shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Collapse {
    /// The node at whose place each node's links are drawn (itself, or the
    /// member standing for its collapsed community); empty when nothing is
    /// collapsed.
    pub drawn_at: Vec<u32>,
    pub groups: Vec<Collapsed>,
}

/// The collapsed communities of `filter` as drawn: each one's shown member
/// (there is one at most, `nodes` being [`visibility`]'s) and the place its
/// other members' links are drawn from.
pub fn collapse(model: &Model, filter: &Filter, nodes: &[bool]) -> Collapse {
    if filter.collapsed.is_empty() {
        return Collapse::default();
    }
    let graph = &model.graph;
    let mut drawn_at: Vec<u32> = (0..graph.node_count() as u32).collect();
    let mut groups = Vec::new();
    for &community in &filter.collapsed {
        let mut members: Vec<NodeId> = graph
            .node_ids()
            .filter(|&i| graph[i].community == community)
            .collect();
        let Some(&node) = members
            .iter()
            .find(|i| nodes.get(i.index()).copied().unwrap_or(false))
        else {
            continue;
        };
        for m in &members {
            drawn_at[m.index()] = node.raw();
        }
        members.sort_by_key(|&i| (std::cmp::Reverse(graph[i].mentions), i.index()));
        let names: Vec<&str> = members
            .iter()
            .take(3)
            .filter_map(|&i| model.extraction.entities.get(graph[i].entity as usize))
            .map(|e| e.label.as_str())
            .collect();
        let more = members.len().saturating_sub(names.len());
        let mut label = names.join(" · ");
        if more > 0 {
            label.push_str(&format!(" (+{more})"));
        }
        groups.push(Collapsed {
            community,
            node,
            members: members.len(),
            label,
        });
    }
    Collapse { drawn_at, groups }
}

/// What a collapsed community stands for in the evidence panel: its members,
/// most-mentioned first, and every paragraph that mentions any of them, each
/// once and in the order of a node's own evidence (date, then article and
/// paragraph). O(P log P) for the P paragraph records of the members.
pub fn community_evidence(model: &Model, community: u32) -> (Vec<NodeId>, Evidence) {
    let graph = &model.graph;
    let mut members: Vec<NodeId> = graph
        .node_ids()
        .filter(|&i| graph[i].community == community)
        .collect();
    members.sort_by_key(|&i| (std::cmp::Reverse(graph[i].mentions), i.index()));
    let keys = crate::graph::window::date_keys(&model.corpus);
    let mut all: Vec<EvidenceRef> = members
        .iter()
        .flat_map(|&i| graph[i].paragraphs.iter().copied())
        .collect();
    all.sort_unstable_by_key(|e| {
        let day = keys.get(e.article.index()).copied().unwrap_or(i64::MAX);
        (day, e.article.raw(), e.paragraph.raw())
    });
    all.dedup();
    (members, all.into())
}

/// Edge indices of a graph, strongest first, and the strongest weight: the
/// order links are drawn in (the weakest are dropped first when a frame's
/// budget is reached).
pub fn edge_order(model: &Model) -> (Vec<u32>, f64) {
    use rayon::prelude::*;
    let graph = &model.graph.graph;
    let bound = petgraph::visit::EdgeIndexable::edge_bound(graph);
    let weight_of = |i: usize| graph.edge_weight(petgraph::graph::EdgeIndex::new(i));
    // (−weight, index) packed into one integer, sorted as such (the weight
    // as f32: links whose weights agree to seven digits are drawn in index
    // order); links with nothing in a time window are never drawn. Read
    // by index, in parallel.
    let mut keyed: Vec<u64> = (0..bound)
        .into_par_iter()
        .with_min_len(4096)
        .filter_map(|i| {
            let data = weight_of(i)?;
            (data.count > 0)
                .then(|| u64::from(!super::ordered_bits(data.weight as f32)) << 32 | i as u64)
        })
        .collect();
    // Made in index order, so the index bytes need no pass.
    super::radix::sort_above(&mut keyed, 4);
    let order = keyed.into_iter().map(|k| k as u32).collect();
    let max = (0..bound)
        .into_par_iter()
        .with_min_len(4096)
        .filter_map(|i| weight_of(i).map(|e| e.weight))
        .reduce(|| 0.0f64, f64::max);
    (order, max)
}
