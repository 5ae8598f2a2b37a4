//! The evidence panel: the paragraphs behind the selected node or edge, with
//! mentions highlighted and clickable, and the node's aliases with why they
//! were merged.

use egui::{Color32, RichText};

use super::app::Action;
use super::canvas::Selection;
use crate::graph::{EvidenceRef, Model};

/// Draws the evidence for `selection`; clicking a mention selects its node.
pub fn evidence_ui(
    ui: &mut egui::Ui,
    model: &Model,
    selection: Selection,
    actions: &mut Vec<Action>,
) {
    let graph = &model.graph.graph;
    let (title, focus, paragraphs): (String, Vec<u32>, Vec<EvidenceRef>) = match selection {
        Selection::None => {
            ui.heading("Evidence");
            ui.label("Click a node or a link on the map to read the paragraphs behind it.");
            return;
        }
        Selection::Node(n) => {
            let Some(data) = graph.node_weight(petgraph::graph::NodeIndex::new(n as usize)) else {
                return;
            };
            let Some(entity) = model.extraction.entities.get(data.entity as usize) else {
                return;
            };
            ui.heading(&entity.label);
            ui.label(format!(
                "{} · {} · {} mentions in {} paragraphs · {} links",
                match entity.kind {
                    crate::extract::NodeKind::Actor => "actor",
                    crate::extract::NodeKind::Topic => "topic",
                },
                entity.category.name(),
                data.mentions,
                data.paragraphs.len(),
                data.degree
            ));
            if !entity.aliases.is_empty() {
                egui::CollapsingHeader::new(format!("Also written as ({})", entity.aliases.len()))
                    .id_salt(("aliases", n))
                    .show(ui, |ui| {
                        for alias in &entity.aliases {
                            ui.label(format!(
                                "“{}” — merged because: {}",
                                alias.form,
                                alias.rule.explain()
                            ));
                        }
                    });
            }
            (entity.label.clone(), vec![n], data.paragraphs.clone())
        }
        Selection::Edge(e) => {
            let index = petgraph::graph::EdgeIndex::new(e as usize);
            let Some((a, b)) = graph.edge_endpoints(index) else {
                return;
            };
            let data = &graph[index];
            let name = |i: petgraph::graph::NodeIndex| {
                model
                    .extraction
                    .entities
                    .get(graph[i].entity as usize)
                    .map_or("?", |x| x.label.as_str())
            };
            let title = format!("{} — {}", name(a), name(b));
            ui.heading(&title);
            ui.label(format!(
                "together in {} paragraphs · weight {:.2}",
                data.count, data.weight
            ));
            (
                title,
                vec![a.index() as u32, b.index() as u32],
                data.paragraphs.clone(),
            )
        }
    };
    let _ = title;
    ui.separator();
    let strong = ui.visuals().selection.bg_fill;
    let other = if ui.visuals().dark_mode {
        Color32::from_rgb(70, 70, 40)
    } else {
        Color32::from_rgb(250, 240, 190)
    };
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let mut last_article = None;
            for p in paragraphs.iter().take(300) {
                let Some(article) = model.corpus.articles.get(p.article as usize) else {
                    continue;
                };
                let Some(block) = article.paragraph(p.paragraph) else {
                    continue;
                };
                if last_article != Some(p.article) {
                    ui.add_space(6.0);
                    ui.label(RichText::new(&article.title).strong());
                    ui.weak(&article.path);
                    last_article = Some(p.article);
                }
                let mentions: Vec<&crate::extract::Mention> = model
                    .extraction
                    .mentions
                    .iter()
                    .filter(|m| m.article == p.article && m.paragraph == Some(p.paragraph))
                    .collect();
                ui.horizontal_wrapped(|ui| {
                    ui.spacing_mut().item_spacing.x = 0.0;
                    ui.weak(format!("¶{} ", p.paragraph + 1));
                    let text = &article.text;
                    let mut at = block.start;
                    for m in mentions {
                        if m.start < at || m.end > block.end {
                            continue;
                        }
                        ui.label(text[at..m.start].replace('\n', " "));
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
                                egui::Button::new(
                                    RichText::new(&text[m.start..m.end]).background_color(color),
                                )
                                .frame(false),
                            )
                            .on_hover_text(format!("{name} — click to select"));
                        if response.clicked() {
                            actions.push(Action::Select(Selection::Node(m.node)));
                        }
                        at = m.end;
                    }
                    ui.label(text[at..block.end].replace('\n', " "));
                });
                ui.add_space(4.0);
            }
            if paragraphs.len() > 300 {
                ui.weak(format!("… and {} more paragraphs", paragraphs.len() - 300));
            }
        });
}
