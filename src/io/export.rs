//! Graph exports for other tools: GEXF 1.3 (Gephi), GraphML (Gephi, yEd,
//! networkx) and CSV node and edge tables. Positions are written when a
//! layout is given, with y pointing up as Gephi expects.

use std::fmt::Write as _;

use crate::extract::Category;
use crate::graph::Model;

/// Colour of a category as (r, g, b): actors warm, topics cool.
pub fn category_rgb(category: Category) -> (u8, u8, u8) {
    match category {
        Category::Person => (230, 97, 76),
        Category::Organization => (240, 168, 48),
        Category::Country => (196, 64, 140),
        Category::Place => (64, 160, 112),
        Category::Concept => (72, 128, 216),
    }
}

/// A chart's table as CSV.
pub fn table_csv(table: &crate::graph::charts::Table) -> String {
    let mut out = String::new();
    let line = |cells: &[String]| {
        cells
            .iter()
            .map(|c| csv_field(c))
            .collect::<Vec<_>>()
            .join(",")
    };
    out.push_str(&line(&table.header));
    out.push('\n');
    for row in &table.rows {
        out.push_str(&line(row));
        out.push('\n');
    }
    out
}

/// Node size for drawings: grows with the square root of mentions.
pub fn node_size(mentions: u32) -> f32 {
    4.0 + 3.0 * (mentions as f32).sqrt()
}

/// Text as XML 1.0 character data or attribute value: markup escaped,
/// characters XML cannot carry dropped.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

struct NodeRow<'a> {
    id: usize,
    label: &'a str,
    kind: &'static str,
    category: Category,
    mentions: u32,
    degree: u32,
    weighted_degree: f64,
    betweenness: f64,
    community: u32,
    /// When it was in the news (dated articles only).
    seen: Option<crate::graph::timeline::Seen>,
}

/// `start="…" end="…"` of a GEXF element seen from `seen.first` to
/// `seen.last` (nothing when undated).
fn spell(seen: Option<&crate::graph::timeline::Seen>) -> String {
    seen.map_or_else(String::new, |s| {
        format!(
            " start=\"{}\" end=\"{}\"",
            s.first.day_iso(),
            s.last.day_iso()
        )
    })
}

/// `first,last` CSV fields of a node or link (empty when undated).
fn seen_fields(seen: Option<&crate::graph::timeline::Seen>) -> String {
    seen.map_or_else(
        || ",".to_owned(),
        |s| format!("{},{}", s.first.day_iso(), s.last.day_iso()),
    )
}

/// Which nodes and edges an export holds: everything, or what the window's
/// filters show. Nodes merged away by curation are never exported.
#[derive(Debug, Clone, Copy, Default)]
pub struct Subset<'a> {
    pub nodes: Option<&'a [bool]>,
    pub edges: Option<&'a [bool]>,
}

impl Subset<'_> {
    fn node(&self, i: usize) -> bool {
        self.nodes
            .is_none_or(|n| n.get(i).copied().unwrap_or(false))
    }

    fn edge(&self, e: usize) -> bool {
        self.edges
            .is_none_or(|n| n.get(e).copied().unwrap_or(false))
    }
}

fn rows<'a>(model: &'a Model, subset: &Subset<'_>) -> Vec<NodeRow<'a>> {
    model
        .graph
        .node_ids()
        .filter(|i| subset.node(i.index()))
        .filter_map(|i| {
            let data = &model.graph[i];
            let entity = model
                .extraction
                .entities
                .get(data.entity as usize)
                .filter(|e| e.merged_into.is_none())?;
            Some(NodeRow {
                id: i.index(),
                label: &entity.label,
                kind: match entity.kind {
                    crate::extract::NodeKind::Actor => "actor",
                    crate::extract::NodeKind::Topic => "topic",
                },
                category: entity.category,
                mentions: data.mentions,
                degree: data.degree,
                weighted_degree: data.weighted_degree,
                betweenness: data.betweenness,
                community: data.community,
                seen: crate::graph::timeline::Seen::of(&model.corpus, &data.paragraphs),
            })
        })
        .collect()
}

fn edge_rows<'a>(
    model: &'a Model,
    subset: &Subset<'_>,
) -> Vec<(usize, usize, &'a crate::graph::EdgeData)> {
    model
        .graph
        .edge_ids()
        .filter(|e| subset.edge(e.index()))
        .filter_map(|e| {
            let (a, b) = model.graph.endpoints(e)?;
            if !(subset.node(a.index()) && subset.node(b.index())) {
                return None;
            }
            Some((a.index(), b.index(), &model.graph[e]))
        })
        .collect()
}

fn edge_kind(kind: crate::graph::EdgeKind) -> &'static str {
    match kind {
        crate::graph::EdgeKind::ActorTopic => "actor_topic",
        crate::graph::EdgeKind::ActorActor => "actor_actor",
        crate::graph::EdgeKind::TopicTopic => "topic_topic",
    }
}

/// GEXF 1.3 with attributes and viz size, colour and (optionally) position.
pub fn gexf(model: &Model, positions: Option<&[[f32; 2]]>) -> String {
    gexf_of(model, positions, &Subset::default())
}

/// [`gexf`] of a subset of the graph.
pub fn gexf_of(model: &Model, positions: Option<&[[f32; 2]]>, subset: &Subset<'_>) -> String {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" version=\"1.3\">\n");
    out.push_str("  <meta><creator>knowmap</creator><description>actor-topic co-occurrence graph</description></meta>\n");
    let nodes = rows(model, subset);
    let edges = edge_rows(model, subset);
    let edge_seen: Vec<Option<crate::graph::timeline::Seen>> = edges
        .iter()
        .map(|(_, _, e)| crate::graph::timeline::Seen::of(&model.corpus, &e.paragraphs))
        .collect();
    // Dated articles make a dynamic graph: each node and link lives from its
    // first to its last dated paragraph (Gephi's timeline plays it).
    if nodes.iter().any(|n| n.seen.is_some()) {
        out.push_str(
            "  <graph defaultedgetype=\"undirected\" mode=\"dynamic\" timeformat=\"date\">\n",
        );
    } else {
        out.push_str("  <graph defaultedgetype=\"undirected\" mode=\"static\">\n");
    }
    out.push_str("    <attributes class=\"node\">\n");
    for (i, (name, ty)) in [
        ("kind", "string"),
        ("category", "string"),
        ("mentions", "integer"),
        ("degree", "integer"),
        ("weighted_degree", "double"),
        ("betweenness", "double"),
        ("community", "integer"),
    ]
    .iter()
    .enumerate()
    {
        let _ = writeln!(
            out,
            "      <attribute id=\"{i}\" title=\"{name}\" type=\"{ty}\"/>"
        );
    }
    out.push_str("    </attributes>\n    <attributes class=\"edge\">\n");
    out.push_str("      <attribute id=\"0\" title=\"kind\" type=\"string\"/>\n");
    out.push_str("      <attribute id=\"1\" title=\"count\" type=\"integer\"/>\n");
    out.push_str("    </attributes>\n    <nodes>\n");
    for n in nodes {
        let (r, g, b) = category_rgb(n.category);
        let _ = writeln!(
            out,
            "      <node id=\"{}\" label=\"{}\"{}>",
            n.id,
            escape(n.label),
            spell(n.seen.as_ref())
        );
        let _ = writeln!(
            out,
            "        <attvalues><attvalue for=\"0\" value=\"{}\"/><attvalue for=\"1\" value=\"{}\"/><attvalue for=\"2\" value=\"{}\"/><attvalue for=\"3\" value=\"{}\"/><attvalue for=\"4\" value=\"{}\"/><attvalue for=\"5\" value=\"{}\"/><attvalue for=\"6\" value=\"{}\"/></attvalues>",
            n.kind,
            n.category.name(),
            n.mentions,
            n.degree,
            n.weighted_degree,
            n.betweenness,
            n.community
        );
        let _ = writeln!(
            out,
            "        <viz:size value=\"{}\"/>",
            node_size(n.mentions)
        );
        let _ = writeln!(out, "        <viz:color r=\"{r}\" g=\"{g}\" b=\"{b}\"/>");
        if let Some(p) = positions.and_then(|p| p.get(n.id)) {
            // Screen y grows downwards; Gephi's grows upwards.
            let _ = writeln!(
                out,
                "        <viz:position x=\"{}\" y=\"{}\" z=\"0\"/>",
                p[0], -p[1]
            );
        }
        out.push_str("      </node>\n");
    }
    out.push_str("    </nodes>\n    <edges>\n");
    for (i, ((a, b, e), seen)) in edges.into_iter().zip(&edge_seen).enumerate() {
        let _ = writeln!(
            out,
            "      <edge id=\"{i}\" source=\"{a}\" target=\"{b}\" weight=\"{}\"{}><attvalues><attvalue for=\"0\" value=\"{}\"/><attvalue for=\"1\" value=\"{}\"/></attvalues></edge>",
            e.weight,
            spell(seen.as_ref()),
            edge_kind(e.kind),
            e.count
        );
    }
    out.push_str("    </edges>\n  </graph>\n</gexf>\n");
    out
}

/// GraphML with keys that Gephi, yEd and networkx read.
pub fn graphml(model: &Model, positions: Option<&[[f32; 2]]>) -> String {
    graphml_of(model, positions, &Subset::default())
}

/// [`graphml`] of a subset of the graph.
pub fn graphml_of(model: &Model, positions: Option<&[[f32; 2]]>, subset: &Subset<'_>) -> String {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n");
    for (id, name, ty) in [
        ("label", "label", "string"),
        ("kind", "kind", "string"),
        ("category", "category", "string"),
        ("mentions", "mentions", "int"),
        ("degree", "degree", "int"),
        ("weighted_degree", "weighted_degree", "double"),
        ("betweenness", "betweenness", "double"),
        ("community", "community", "int"),
        ("size", "size", "double"),
        ("r", "r", "int"),
        ("g", "g", "int"),
        ("b", "b", "int"),
        ("x", "x", "double"),
        ("y", "y", "double"),
    ] {
        let _ = writeln!(
            out,
            "  <key id=\"{id}\" for=\"node\" attr.name=\"{name}\" attr.type=\"{ty}\"/>"
        );
    }
    out.push_str("  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n");
    out.push_str("  <key id=\"count\" for=\"edge\" attr.name=\"count\" attr.type=\"int\"/>\n");
    out.push_str(
        "  <key id=\"edge_kind\" for=\"edge\" attr.name=\"kind\" attr.type=\"string\"/>\n",
    );
    out.push_str("  <graph id=\"knowmap\" edgedefault=\"undirected\">\n");
    for n in rows(model, subset) {
        let (r, g, b) = category_rgb(n.category);
        let _ = write!(
            out,
            "    <node id=\"n{}\"><data key=\"label\">{}</data><data key=\"kind\">{}</data><data key=\"category\">{}</data><data key=\"mentions\">{}</data><data key=\"degree\">{}</data><data key=\"weighted_degree\">{}</data><data key=\"betweenness\">{}</data><data key=\"community\">{}</data><data key=\"size\">{}</data><data key=\"r\">{r}</data><data key=\"g\">{g}</data><data key=\"b\">{b}</data>",
            n.id,
            escape(n.label),
            n.kind,
            n.category.name(),
            n.mentions,
            n.degree,
            n.weighted_degree,
            n.betweenness,
            n.community,
            node_size(n.mentions)
        );
        if let Some(p) = positions.and_then(|p| p.get(n.id)) {
            let _ = write!(
                out,
                "<data key=\"x\">{}</data><data key=\"y\">{}</data>",
                p[0], -p[1]
            );
        }
        out.push_str("</node>\n");
    }
    for (i, (a, b, e)) in edge_rows(model, subset).into_iter().enumerate() {
        let _ = writeln!(
            out,
            "    <edge id=\"e{i}\" source=\"n{a}\" target=\"n{b}\"><data key=\"weight\">{}</data><data key=\"count\">{}</data><data key=\"edge_kind\">{}</data></edge>",
            e.weight,
            e.count,
            edge_kind(e.kind)
        );
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

/// A CSV field, quoted when it needs to be.
pub fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// `nodes.csv` and `edges.csv` contents (with headers).
pub fn csv(model: &Model, positions: Option<&[[f32; 2]]>) -> (String, String) {
    csv_of(model, positions, &Subset::default())
}

/// [`csv`] of a subset of the graph.
pub fn csv_of(
    model: &Model,
    positions: Option<&[[f32; 2]]>,
    subset: &Subset<'_>,
) -> (String, String) {
    let mut nodes = String::from(
        "id,label,kind,category,mentions,degree,weighted_degree,betweenness,community,x,y,first_seen,last_seen\n",
    );
    for n in rows(model, subset) {
        let (x, y) = positions
            .and_then(|p| p.get(n.id))
            .map_or((String::new(), String::new()), |p| {
                (p[0].to_string(), (-p[1]).to_string())
            });
        let _ = writeln!(
            nodes,
            "{},{},{},{},{},{},{},{},{},{x},{y},{}",
            n.id,
            csv_field(n.label),
            n.kind,
            n.category.name(),
            n.mentions,
            n.degree,
            n.weighted_degree,
            n.betweenness,
            n.community,
            seen_fields(n.seen.as_ref())
        );
    }
    let mut edges =
        String::from("source,target,kind,count,weight,paragraphs,first_seen,last_seen\n");
    for (a, b, e) in edge_rows(model, subset) {
        let evidence: Vec<String> = e
            .paragraphs
            .iter()
            .map(|p| format!("{}:{}", p.article, p.paragraph))
            .collect();
        let seen = crate::graph::timeline::Seen::of(&model.corpus, &e.paragraphs);
        let _ = writeln!(
            edges,
            "{a},{b},{},{},{},{},{}",
            edge_kind(e.kind),
            e.count,
            e.weight,
            evidence.join(" "),
            seen_fields(seen.as_ref())
        );
    }
    (nodes, edges)
}
