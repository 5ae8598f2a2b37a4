//! The evidence panel: the paragraphs behind the selected node or edge, with
//! mentions highlighted and clickable, and the node's aliases with why they
//! were merged.

use egui::{Color32, RichText};

use super::action::UiAction;
use crate::corpus::ArticleId;
use crate::graph::NodeId;
use crate::graph::view::{Collapsed, Selection};
use crate::graph::{Evidence, Model};
use crate::session::Command;

/// When the selected node or link was in the news, over every date
/// (`windowed`: the counts above are those of a time window).
fn seen_ui(ui: &mut egui::Ui, whole: &Model, selection: Selection, windowed: bool) {
    let graph = &whole.graph;
    let evidence = match selection {
        Selection::Node(n) => graph.node(n).map(|d| d.paragraphs.as_slice()),
        Selection::Edge(e) => graph.edge(e).map(|d| d.paragraphs.as_slice()),
        Selection::None => None,
    };
    if let Some(evidence) = evidence {
        seen_of_ui(ui, whole, evidence, windowed);
    }
}

/// When the paragraphs of `evidence` (of `whole`, every date) were in the news.
fn seen_of_ui(
    ui: &mut egui::Ui,
    whole: &Model,
    evidence: &[crate::graph::EvidenceRef],
    windowed: bool,
) {
    let Some(seen) = crate::graph::timeline::Seen::of(&whole.corpus, evidence) else {
        return;
    };
    let text = if windowed {
        format!("all dates: {}", seen.describe())
    } else {
        seen.describe()
    };
    ui.weak(text);
}

/// Draws the evidence for `selection`; clicking a mention selects its node.
/// A node standing for a collapsed community (`collapsed`) shows the whole
/// community's evidence, kept between frames for the model's `revision`.
pub fn evidence_ui(
    ui: &mut egui::Ui,
    model: &Model,
    whole: &Model,
    selection: Selection,
    (collapsed, revision): (&[Collapsed], u64),
    actions: &mut Vec<UiAction>,
) {
    let graph = &model.graph;
    if let Selection::Node(n) = selection
        && let Some(group) = collapsed.iter().find(|g| g.node == n)
    {
        let (focus, paragraphs) = community_header_ui(ui, model, whole, (group, revision), actions);
        paragraphs_ui(ui, model, &focus, &paragraphs, actions);
        return;
    }
    let (focus, paragraphs): (Vec<u32>, Evidence) = match selection {
        Selection::None => {
            ui.heading("Evidence");
            ui.label("Click a node or a link on the map to read the paragraphs behind it.");
            return;
        }
        Selection::Node(n) => {
            let Some(data) = graph.node(n) else {
                return;
            };
            let Some(entity) = model.extraction.entities.get(data.entity as usize) else {
                return;
            };
            ui.heading(&entity.label);
            ui.label(format!(
                "{} · {} · {} in {} · {}",
                match entity.kind {
                    crate::extract::NodeKind::Actor => "actor",
                    crate::extract::NodeKind::Topic => "topic",
                },
                entity.category.name(),
                plural(data.mentions as usize, "mention"),
                plural(data.paragraphs.len(), "paragraph"),
                plural(data.degree as usize, "link")
            ));
            seen_ui(
                ui,
                whole,
                selection,
                model.graph.paragraph_total != whole.graph.paragraph_total,
            );
            ui.horizontal(|ui| {
                ui.menu_button("Correct…", |ui| {
                    super::curation::node_menu_ui(ui, model, n.raw(), actions);
                });
                if ui.button("Hide").clicked() {
                    actions.push(Command::Hide(n).into());
                }
            });
            if !entity.aliases.is_empty() {
                egui::CollapsingHeader::new(format!("Also written as ({})", entity.aliases.len()))
                    .id_salt(("aliases", n))
                    .show(ui, |ui| {
                        for alias in &entity.aliases {
                            ui.horizontal_wrapped(|ui| {
                                ui.label(format!(
                                    "“{}” — merged because: {}",
                                    alias.form,
                                    alias.rule.explain()
                                ));
                                if ui
                                    .small_button("ignore")
                                    .on_hover_text(
                                        "Text written like this is no mention of anything",
                                    )
                                    .clicked()
                                {
                                    actions.push(
                                        Command::Curate(vec![
                                            crate::extract::curate::Edit::Ignore {
                                                form: alias.form.clone(),
                                            },
                                        ])
                                        .into(),
                                    );
                                }
                            });
                        }
                    });
            }
            (vec![n.raw()], data.paragraphs.clone())
        }
        Selection::Edge(e) => {
            let index = e;
            let Some((a, b)) = graph.endpoints(index) else {
                return;
            };
            let data = &graph[index];
            let name = |i: NodeId| {
                model
                    .extraction
                    .entities
                    .get(graph[i].entity as usize)
                    .map_or("?", |x| x.label.as_str())
            };
            ui.heading(format!("{} — {}", name(a), name(b)));
            ui.label(format!(
                "together in {} · weight {:.2}",
                plural(data.count as usize, "paragraph"),
                data.weight
            ));
            seen_ui(
                ui,
                whole,
                selection,
                model.graph.paragraph_total != whole.graph.paragraph_total,
            );
            (
                vec![a.index() as u32, b.index() as u32],
                data.paragraphs.clone(),
            )
        }
    };
    paragraphs_ui(ui, model, &focus, &paragraphs, actions);
}

/// The paragraphs of `paragraphs` under their articles' titles, the
/// mentions of `focus` highlighted (the first 300).
fn paragraphs_ui(
    ui: &mut egui::Ui,
    model: &Model,
    focus: &[u32],
    paragraphs: &Evidence,
    actions: &mut Vec<UiAction>,
) {
    ui.separator();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let mut last_article = None;
            for p in paragraphs.iter().take(300) {
                let Some(article) = model.corpus.articles.get(p.article.index()) else {
                    continue;
                };
                if article.paragraph(p.paragraph).is_none() {
                    continue;
                }
                if last_article != Some(p.article) {
                    ui.add_space(6.0);
                    ui.label(RichText::new(&article.title).strong());
                    match article.byline() {
                        Some(byline) => ui.weak(format!("{} · {byline}", article.path)),
                        None => ui.weak(&article.path),
                    };
                    last_article = Some(p.article);
                }
                let index = article
                    .paragraphs
                    .get(p.paragraph.index())
                    .copied()
                    .unwrap_or(u32::MAX);
                block_ui(
                    ui,
                    model,
                    p.article.raw(),
                    index,
                    focus,
                    Some(format!("¶{} ", p.paragraph.raw() + 1)),
                    actions,
                );
                ui.add_space(4.0);
            }
            if paragraphs.len() > 300 {
                ui.weak(format!("… and {} more paragraphs", paragraphs.len() - 300));
            }
        });
}

/// How many of a collapsed community's members the evidence panel names
/// (most-mentioned first), leaving room for the paragraphs.
const MEMBERS_LISTED: usize = 24;

/// The head of a collapsed community's evidence: what it holds, a way to
/// expand it and to read any one member; returns its members (the mentions
/// to highlight) and their paragraphs, each once.
fn community_header_ui(
    ui: &mut egui::Ui,
    model: &Model,
    whole: &Model,
    (group, revision): (&Collapsed, u64),
    actions: &mut Vec<UiAction>,
) -> (Vec<u32>, Evidence) {
    let graph = &model.graph;
    // Kept between frames: a large community's union is worth computing once.
    // (revision, the model's address, community): the revision changes with
    // every new model, the address tells a time window's from the whole.
    type Cached = std::sync::Arc<((u64, usize, u32), Vec<NodeId>, Evidence)>;
    let id = egui::Id::unique("collapsed community evidence");
    let key = (
        revision,
        std::ptr::from_ref(model) as usize,
        group.community,
    );
    let cached = ui.data(|d| d.get_temp::<Cached>(id)).filter(|c| c.0 == key);
    let cached = cached.unwrap_or_else(|| {
        let (members, paragraphs) = crate::graph::view::community_evidence(model, group.community);
        let fresh: Cached = std::sync::Arc::new((key, members, paragraphs));
        ui.data_mut(|d| d.insert_temp(id, fresh.clone()));
        fresh
    });
    let (members, paragraphs) = (&cached.1, cached.2.clone());
    ui.heading(format!("Community {}", group.community));
    ui.label(format!(
        "collapsed · {} · {} in all",
        plural(members.len(), "node"),
        plural(paragraphs.len(), "paragraph")
    ));
    let windowed = model.graph.paragraph_total != whole.graph.paragraph_total;
    if !windowed {
        seen_of_ui(ui, whole, &paragraphs, false);
    }
    ui.horizontal(|ui| {
        if ui
            .button("Expand")
            .on_hover_text("Draw the community's members again")
            .clicked()
        {
            actions.push(UiAction::ToggleCollapse(group.community));
        }
    });
    egui::CollapsingHeader::new(format!("Members ({})", members.len()))
        .id_salt(("community members", group.community))
        .default_open(true)
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                for &m in members.iter().take(MEMBERS_LISTED) {
                    let Some(entity) = model.extraction.entities.get(graph[m].entity as usize)
                    else {
                        continue;
                    };
                    let text = format!("{} ({})", entity.label, graph[m].mentions);
                    if ui
                        .link(text)
                        .on_hover_text("Read this member's own evidence")
                        .clicked()
                    {
                        actions.push(Command::Select(Selection::Node(m)).into());
                    }
                }
                if members.len() > MEMBERS_LISTED {
                    ui.weak(format!("… and {} more", members.len() - MEMBERS_LISTED));
                }
            });
        });
    (members.iter().map(|m| m.raw()).collect(), paragraphs)
}

/// One block of an article with its mentions highlighted: `focus` nodes in
/// the selection colour, others in a second colour; clicking a mention
/// selects its node. Blocks that do not count (headings, furniture,
/// duplicates) are drawn weak or strong rather than plain.
pub fn block_ui(
    ui: &mut egui::Ui,
    model: &Model,
    article_id: u32,
    block_index: u32,
    focus: &[u32],
    prefix: Option<String>,
    actions: &mut Vec<UiAction>,
) {
    let Some(article) = model.corpus.articles.get(article_id as usize) else {
        return;
    };
    let Some(block) = article.blocks.get(block_index as usize) else {
        return;
    };
    let strong = ui.visuals().selection.bg_fill;
    let other = if ui.visuals().dark_mode {
        Color32::from_rgb(70, 70, 40)
    } else {
        Color32::from_rgb(250, 240, 190)
    };
    let counted = block.kind == crate::corpus::BlockKind::Paragraph;
    let heading = matches!(
        block.kind,
        crate::corpus::BlockKind::Heading | crate::corpus::BlockKind::Title
    );
    let plain = |text: String| {
        let t = RichText::new(text);
        if heading {
            t.strong()
        } else if counted {
            t
        } else {
            t.weak()
        }
    };
    let mentions: Vec<&crate::extract::Mention> = if block.kind.is_searched() {
        model
            .extraction
            .mentions_in_article(ArticleId::from_raw(article_id))
            .iter()
            .filter(|m| m.block == block_index)
            .collect()
    } else {
        Vec::new()
    };
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 0.0;
        if let Some(prefix) = prefix {
            ui.weak(prefix);
        }
        let text = &article.text;
        let mut at = block.start;
        for m in mentions {
            if m.start < at || m.end > block.end {
                continue;
            }
            ui.label(plain(text[at..m.start].replace('\n', " ")));
            let color = if focus.contains(&m.node) {
                strong
            } else {
                other
            };
            let name = model
                .extraction
                .entities
                .get(m.node as usize)
                .map_or("", |e| e.label.as_str());
            let response = ui
                .add(
                    egui::Button::new(RichText::new(&text[m.start..m.end]).background_color(color))
                        .frame(false),
                )
                .on_hover_text(format!("{name} — click to select"));
            if response.clicked() {
                actions.push(Command::Select(Selection::Node(NodeId::from_raw(m.node))).into());
            }
            at = m.end;
        }
        ui.label(plain(text[at..block.end].replace('\n', " ")));
    });
}

/// "1 paragraph", "3 paragraphs".
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
