//! The graph document `knowmap.graph/1`: articles, nodes, edges, mentions and
//! warnings as one JSON object, byte-identical for the same input.

use serde::Serialize;

use crate::corpus::{BlockKind, Warning};
use crate::extract::{Category, NodeKind};
use crate::graph::{EdgeId, EdgeKind, Model, NodeId};

pub const SCHEMA: &str = "knowmap.graph/1.2";

#[derive(Serialize)]
pub struct Document<'a> {
    pub schema: &'static str,
    /// What each edge's `weight` is (since 1.2; before, association strength).
    pub weight_measure: crate::graph::WeightMeasure,
    pub articles: Vec<ArticleDoc<'a>>,
    pub nodes: Vec<NodeDoc<'a>>,
    pub edges: Vec<EdgeDoc>,
    pub mentions: Vec<MentionDoc>,
    pub warnings: Vec<&'a Warning>,
}

#[derive(Serialize)]
pub struct ArticleDoc<'a> {
    pub id: u32,
    pub path: &'a str,
    pub title: &'a str,
    /// The file, when the article is one of many in it (`path` is `file#N`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<u32>,
    /// ISO 8601 (`2019-01-04` or `2019-01-04T12:30`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_source: Option<crate::corpus::DateSource>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
    pub paragraphs: Vec<ParagraphDoc>,
    pub skipped: Vec<SkippedDoc>,
}

#[derive(Serialize)]
pub struct ParagraphDoc {
    pub id: u32,
    pub start: usize,
    pub end: usize,
}

#[derive(Serialize)]
pub struct SkippedDoc {
    pub start: usize,
    pub end: usize,
    pub reason: &'static str,
}

#[derive(Serialize)]
pub struct NodeDoc<'a> {
    pub id: u32,
    pub label: &'a str,
    pub kind: NodeKind,
    pub category: Category,
    pub aliases: Vec<&'a str>,
    pub mentions: u32,
    pub degree: u32,
    pub weighted_degree: f64,
    pub betweenness: f64,
    pub community: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub x: Option<f32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub y: Option<f32>,
}

#[derive(Serialize)]
pub struct EdgeDoc {
    pub source: u32,
    pub target: u32,
    pub kind: EdgeKind,
    pub count: u32,
    pub weight: f64,
    /// The disparity filter's p-value (since 1.2): small is a backbone link.
    pub alpha: f32,
    pub paragraphs: Vec<[u32; 2]>,
}

#[derive(Serialize)]
pub struct MentionDoc {
    pub node: u32,
    pub article: u32,
    /// `None` for mentions in titles, headings and duplicates.
    pub paragraph: Option<u32>,
    pub start: usize,
    pub end: usize,
}

fn reason(kind: BlockKind) -> &'static str {
    match kind {
        BlockKind::Title | BlockKind::Heading => "heading",
        BlockKind::Boilerplate => "boilerplate",
        BlockKind::Duplicate => "duplicate",
        BlockKind::Paragraph => "paragraph",
    }
}

/// Builds the document for `model`; `positions[i]` is node i's place, if laid out.
pub fn document<'a>(model: &'a Model, positions: Option<&[[f32; 2]]>) -> Document<'a> {
    Document {
        schema: SCHEMA,
        weight_measure: model.graph.measure,
        articles: model.corpus.articles.iter().map(article_doc).collect(),
        nodes: model
            .graph
            .node_ids()
            .filter_map(|id| node_doc(model, positions, id))
            .collect(),
        edges: model
            .graph
            .edge_ids()
            .filter_map(|id| edge_doc(model, id))
            .collect(),
        mentions: model.extraction.mentions.iter().map(mention_doc).collect(),
        warnings: model.warnings().collect(),
    }
}

fn article_doc(a: &crate::corpus::Article) -> ArticleDoc<'_> {
    ArticleDoc {
        id: a.id.raw(),
        path: &a.path,
        title: &a.title,
        source: a.item.map(|_| a.source.as_str()),
        item: a.item,
        date: a.meta.date.map(|(d, _)| d.to_iso()),
        date_source: a.meta.date.map(|(_, s)| s),
        outlet: a.meta.outlet.as_deref(),
        author: a.meta.author.as_deref(),
        url: a.meta.url.as_deref(),
        paragraphs: a
            .paragraphs
            .iter()
            .enumerate()
            .filter_map(|(id, &b)| {
                let block = a.blocks.get(b as usize)?;
                Some(ParagraphDoc {
                    id: u32::try_from(id).unwrap_or(u32::MAX),
                    start: block.start,
                    end: block.end,
                })
            })
            .collect(),
        skipped: a
            .blocks
            .iter()
            .filter(|b| b.kind != BlockKind::Paragraph)
            .map(|b| SkippedDoc {
                start: b.start,
                end: b.end,
                reason: reason(b.kind),
            })
            .collect(),
    }
}

fn node_doc<'a>(
    model: &'a Model,
    positions: Option<&[[f32; 2]]>,
    index: NodeId,
) -> Option<NodeDoc<'a>> {
    let data = &model.graph[index];
    let entity = model.extraction.entities.get(data.entity as usize)?;
    let position = positions.and_then(|p| p.get(index.index()));
    Some(NodeDoc {
        id: index.raw(),
        label: &entity.label,
        kind: entity.kind,
        category: entity.category,
        aliases: entity.aliases.iter().map(|a| a.form.as_str()).collect(),
        mentions: data.mentions,
        degree: data.degree,
        weighted_degree: data.weighted_degree,
        betweenness: data.betweenness,
        community: data.community,
        x: position.map(|p| p[0]),
        y: position.map(|p| p[1]),
    })
}

fn edge_doc(model: &Model, e: EdgeId) -> Option<EdgeDoc> {
    let (a, b) = model.graph.endpoints(e)?;
    let data = &model.graph[e];
    Some(EdgeDoc {
        source: a.raw(),
        target: b.raw(),
        kind: data.kind,
        count: data.count,
        weight: data.weight,
        alpha: data.alpha,
        paragraphs: data
            .paragraphs
            .iter()
            .map(|p| [p.article.raw(), p.paragraph.raw()])
            .collect(),
    })
}

fn mention_doc(m: &crate::extract::Mention) -> MentionDoc {
    MentionDoc {
        node: m.node,
        article: m.article.raw(),
        paragraph: m.paragraph.map(crate::corpus::ParagraphId::raw),
        start: m.start,
        end: m.end,
    }
}

/// Streams the document as JSON into `out`, one record per line block:
/// see [`Readable`]. The same bytes as serializing [`document`] with
/// [`Readable`], made faster: records are rendered in parallel, a batch at
/// a time (so the text of a large corpus is never held whole), straight
/// from the model.
///
/// # Errors
/// I/O errors of `out`.
pub fn write_json(
    model: &Model,
    positions: Option<&[[f32; 2]]>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    out.write_all(b"{\n  \"schema\": ")?;
    serde_json::to_writer(&mut *out, SCHEMA)?;
    out.write_all(b",\n  \"weight_measure\": ")?;
    serde_json::to_writer(&mut *out, &model.graph.measure)?;
    let articles = &model.corpus.articles;
    write_list(out, "articles", articles.len(), |i| {
        Some(article_doc(&articles[i]))
    })?;
    write_list(out, "nodes", model.graph.node_count(), |i| {
        node_doc(model, positions, NodeId::new(i))
    })?;
    write_list(out, "edges", model.graph.edge_count(), |i| {
        edge_doc(model, EdgeId::new(i))
    })?;
    let mentions = &model.extraction.mentions;
    write_list(out, "mentions", mentions.len(), |i| {
        Some(mention_doc(&mentions[i]))
    })?;
    let warnings: Vec<&Warning> = model.warnings().collect();
    write_list(out, "warnings", warnings.len(), |i| Some(warnings[i]))?;
    out.write_all(b"\n}\n")
}

/// `,\n  "name": [` and the records `record(0..count)` (those that are
/// `Some`), each on its own line, then `\n  ]` (or `[]` for none): what
/// [`Readable`] writes for a list of the document. Records are compact
/// JSON, which is how [`Readable`] writes anything nested that deep.
fn write_list<T: Serialize>(
    out: &mut dyn std::io::Write,
    name: &str,
    count: usize,
    record: impl Fn(usize) -> Option<T> + Sync,
) -> std::io::Result<()> {
    use rayon::prelude::*;
    /// Records rendered per batch, and per task within it.
    const BATCH: usize = 1 << 16;
    const TASK: usize = 1 << 11;
    out.write_all(b",\n  ")?;
    serde_json::to_writer(&mut *out, name)?;
    out.write_all(b": [")?;
    let mut any = false;
    for batch in (0..count).step_by(BATCH) {
        let end = (batch + BATCH).min(count);
        let tasks = (end - batch).div_ceil(TASK);
        let rendered: Vec<(bool, Vec<u8>)> = (0..tasks)
            .into_par_iter()
            .map(|t| {
                let mut text = Vec::new();
                let mut first = true;
                for i in (batch + t * TASK)..(batch + (t + 1) * TASK).min(end) {
                    let Some(r) = record(i) else {
                        continue;
                    };
                    if !first {
                        text.push(b',');
                    }
                    first = false;
                    text.extend_from_slice(b"\n    ");
                    serde_json::to_writer(&mut text, &r).map_err(std::io::Error::other)?;
                }
                Ok((!first, text))
            })
            .collect::<std::io::Result<_>>()?;
        for (some, text) in rendered {
            if !some {
                continue;
            }
            if any {
                out.write_all(b",")?;
            }
            any = true;
            out.write_all(&text)?;
        }
    }
    out.write_all(if any { b"\n  ]" } else { b"]" })
}

/// The document as JSON text, as [`write_json`] writes it.
///
/// # Errors
/// Only if serialization itself fails, which the types here rule out.
pub fn to_json(model: &Model, positions: Option<&[[f32; 2]]>) -> serde_json::Result<String> {
    let mut out = Vec::new();
    write_json(model, positions, &mut out).map_err(serde_json::Error::io)?;
    out.pop();
    String::from_utf8(out).map_err(|e| serde_json::Error::io(std::io::Error::other(e)))
}

/// One record per line: the document's fields and lists are pretty-printed
/// (indented by two spaces), each record in them (an article, a node, an
/// edge, a mention, a warning) is written compactly on its own line, so
/// the file reads, greps and diffs by record. The same values as pretty
/// printing throughout, in about 60% of the bytes.
#[derive(Debug, Default)]
pub struct Readable {
    depth: usize,
    has_value: bool,
}

impl Readable {
    /// Containers nested deeper than this are written compactly: the
    /// document (1) and its lists (2) are pretty.
    const PRETTY_DEPTH: usize = 2;

    fn pretty(&self) -> bool {
        self.depth <= Self::PRETTY_DEPTH
    }

    fn open<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        bracket: &[u8],
    ) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        bracket: &[u8],
    ) -> std::io::Result<()> {
        let was_pretty = self.pretty();
        self.depth -= 1;
        if was_pretty && self.has_value {
            self.newline(w)?;
        }
        w.write_all(bracket)
    }

    fn newline<W: ?Sized + std::io::Write>(&self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b"\n")?;
        for _ in 0..self.depth {
            w.write_all(b"  ")?;
        }
        Ok(())
    }

    fn item<W: ?Sized + std::io::Write>(&self, w: &mut W, first: bool) -> std::io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        if self.pretty() {
            self.newline(w)
        } else {
            Ok(())
        }
    }
}

impl serde_json::ser::Formatter for Readable {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.item(w, first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.item(w, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(if self.pretty() { b": " } else { b":" })
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}
