//! The left panel (filters, layout settings, communities, legend, the
//! article list, warnings) and the article reader.

use super::action::UiAction;
use super::canvas;
use crate::corpus::ArticleId;
use crate::extract::{Category, NodeKind};
use crate::session::{Command, Filter, Session};

pub(super) fn side_ui(
    session: &Session,
    stats: &mut super::stats::StatsState,
    ui: &mut egui::Ui,
    shown: Option<&(Vec<bool>, Vec<bool>)>,
    shown_generation: u64,
    actions: &mut Vec<UiAction>,
) {
    // While the first map loads, the map and the status bar say how far.
    let Some(model) = session.model.clone() else {
        return;
    };
    egui::ScrollArea::vertical().show(ui, |ui| {
        egui::CollapsingHeader::new("Filters").default_open(true).show(ui, |ui| {
            let mut f = session.filter.clone();
            ui.horizontal(|ui| {
                ui.checkbox(&mut f.actors, "Actors");
                ui.checkbox(&mut f.topics, "Topics");
            });
            ui.horizontal_wrapped(|ui| {
                for (k, c) in Category::ALL.iter().enumerate() {
                    ui.checkbox(&mut f.categories[k], c.name());
                }
            });
            let max_mentions = model.graph.node_data().map(|n| n.mentions).max().unwrap_or(1).max(1);
            ui.add(egui::Slider::new(&mut f.min_mentions, 1..=max_mentions).text("min. mentions").logarithmic(true));
            link_strength_ui(ui, session.max_weight, &mut f);
            ui.label("Links:");
            ui.horizontal_wrapped(|ui| {
                ui.checkbox(&mut f.actor_topic, "actor–topic");
                ui.checkbox(&mut f.actor_actor, "actor–actor");
                ui.checkbox(&mut f.topic_topic, "topic–topic");
            });
            let total = model.graph.node_count().max(1);
            let mut top = if f.max_nodes == 0 { total } else { f.max_nodes.min(total) };
            if ui.add(egui::Slider::new(&mut top, 1..=total).logarithmic(true).text("top nodes")).changed() {
                f.max_nodes = if top >= total { 0 } else { top };
            }
            ui.add(egui::Slider::new(&mut f.focus_depth, 0..=3).text("focus depth"))
                .on_hover_text("0 shows the whole map; 1–3 only the selected node and its neighbours that many links away");
            ui.checkbox(&mut f.hide_unlinked, "Hide nodes without shown links");
            if !f.hidden.is_empty() && ui.button(format!("Show {} hidden", f.hidden.len())).clicked() {
                f.hidden.clear();
            }
            if f != session.filter {
                actions.push(Command::SetFilter(f).into());
            }
        });
        egui::CollapsingHeader::new("Layout").default_open(false).show(ui, |ui| {
            let mut s = session.layout.settings;
            ui.add(egui::Slider::new(&mut s.gravity, 0.0..=10.0).text("gravity"));
            ui.add(egui::Slider::new(&mut s.scaling, 0.1..=50.0).logarithmic(true).text("scaling"));
            ui.add(egui::Slider::new(&mut s.edge_weight_influence, 0.0..=2.0).text("edge weight influence"));
            ui.checkbox(&mut s.lin_log, "LinLog mode");
            ui.checkbox(&mut s.prevent_overlap, "Prevent overlap");
            ui.checkbox(&mut s.strong_gravity, "Strong gravity");
            ui.checkbox(&mut s.dissuade_hubs, "Dissuade hubs");
            if s != session.layout.settings {
                actions.push(Command::SetLayoutSettings(s).into());
            }
        });
        if session.color_by_community
            && let Some((nodes, edges)) = shown
        {
            // Until the communities are found there is nothing to list (and
            // the statistics of a large map are not worth a frame).
            let pending = session.metrics_pending();
            let communities = if pending {
                Vec::new()
            } else {
                stats
                    .communities(&model, shown_generation, crate::graph::charts::Shown { nodes, edges })
                    .to_vec()
            };
            egui::CollapsingHeader::new(if pending {
                "Communities".to_owned()
            } else {
                format!("Communities ({})", communities.len())
            })
                .id_salt("communities")
                .default_open(true)
                .show(ui, |ui| {
                    if pending {
                        ui.weak("Finding communities…");
                        return;
                    }
                    super::stats::community_legend_ui(ui, &model, &communities, &session.filter, 10, actions);
                    if communities.len() > 10 {
                        ui.weak(format!("and {} smaller ones (see the Communities tab of Statistics)", communities.len() - 10));
                    }
                });
        }
        egui::CollapsingHeader::new("Legend").default_open(true).show(ui, |ui| {
            for c in Category::ALL {
                ui.horizontal(|ui| {
                    let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
                    if c.kind() == NodeKind::Actor {
                        ui.painter().circle_filled(rect.center(), 6.0, canvas::category_color(c));
                    } else {
                        ui.painter().rect_filled(rect, 2.0, canvas::category_color(c));
                    }
                    ui.label(format!("{} ({})", c.name(), if c.kind() == NodeKind::Actor { "actor" } else { "topic" }));
                });
            }
            ui.weak("Circles are actors, squares topics; size follows mentions, link width and opacity follow significance. A dot marks a pinned node.");
        });
        egui::CollapsingHeader::new(format!("Articles ({})", model.corpus.articles.len()))
            .default_open(false)
            .show(ui, |ui| {
                ui.weak("Tick the articles the map is made of; click a title to read it.");
                let mut filter = session.filter.clone();
                ui.horizontal(|ui| {
                    if ui.small_button("All").clicked() {
                        filter.excluded_articles.clear();
                    }
                    if ui.small_button("None").clicked() {
                        filter.excluded_articles = model.corpus.articles.iter().map(|a| a.id).collect();
                    }
                });
                outlet_filter_ui(ui, &model.corpus, &mut filter);
                for article in &model.corpus.articles {
                    ui.horizontal(|ui| {
                        let mut included = !filter.excluded_articles.contains(&article.id);
                        let response = ui
                            .add(egui::Checkbox::without_text(&mut included))
                            .on_hover_text("Include this article in the map");
                        let name = format!("Include {}", article.path);
                        response.widget_info(|| {
                            egui::WidgetInfo::selected(egui::Role::CheckBox, true, included, &name)
                        });
                        if response.changed() {
                            if included {
                                filter.excluded_articles.retain(|a| *a != article.id);
                            } else {
                                filter.excluded_articles.push(article.id);
                            }
                        }
                        let selected = session.selected_article == Some(article.id);
                        let text = format!("{}  ({} ¶)", article.title, article.paragraphs.len());
                        let hover = match article.byline() {
                            Some(byline) => format!("{}\n{byline}", article.path),
                            None => article.path.clone(),
                        };
                        // Truncated to the panel, the whole title in the tooltip: a
                        // long headline must not widen the panel.
                        let hover = format!("{}\n{hover}", article.title);
                        if ui
                            .add(egui::Button::selectable(selected, text).truncate())
                            .on_hover_text(hover)
                            .clicked()
                        {
                            actions.push(Command::SelectArticle(article.id).into());
                        }
                    });
                }
                if filter != session.filter {
                    actions.push(Command::SetFilter(filter).into());
                }
            });
        let warnings: Vec<&crate::corpus::Warning> = model.warnings().collect();
        if !warnings.is_empty() {
            egui::CollapsingHeader::new(format!("Warnings ({})", warnings.len())).show(ui, |ui| {
                for w in warnings {
                    ui.add(egui::Label::new(format!("{}: {}", w.path, w.message)).wrap());
                }
            });
        }
    });
}

/// The whole selected article, every mention highlighted and clickable;
/// furniture and duplicates greyed.
pub(super) fn reader_ui(session: &Session, ui: &mut egui::Ui, actions: &mut Vec<UiAction>) {
    let Some(model) = &session.model else { return };
    let Some(article) = session
        .selected_article
        .and_then(|id| model.corpus.articles.get(id.index()))
    else {
        return;
    };
    ui.heading(&article.title);
    ui.horizontal_wrapped(|ui| {
        if let Some(byline) = article.byline() {
            ui.label(byline);
        } else {
            ui.weak("no date");
        }
        if ui
            .small_button("Date…")
            .on_hover_text("Correct this article's date (saved with the layout, undoable)")
            .clicked()
        {
            actions.push(UiAction::AskArticleDate(article.id.raw()));
        }
        if session.dates.contains_key(&article.path)
            && ui
                .small_button("Its own date")
                .on_hover_text("Take back your date: the article's own applies again")
                .clicked()
        {
            actions.push(Command::ClearArticleDate(article.id).into());
        }
        if let Some(file) = session.original_file(article.id.raw())
            && ui
                .small_button("Open original")
                .on_hover_text(format!(
                    "Open {} with the program your desktop uses for it",
                    file.display()
                ))
                .clicked()
        {
            actions.push(UiAction::OpenFile(file));
        }
    });
    if let Some(url) = &article.meta.url {
        ui.weak(url);
    }
    ui.weak(format!(
        "{} · {} paragraphs · {}",
        article.path,
        article.paragraphs.len(),
        article.encoding
    ));
    ui.separator();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for index in 0..article.blocks.len() {
                super::evidence::block_ui(
                    ui,
                    model,
                    article.id.raw(),
                    index as u32,
                    &[],
                    None,
                    actions,
                );
                ui.add_space(4.0);
            }
        });
}

/// The link controls: how strength is measured, the weakest link shown (in
/// that measure's units), and how many links per node the backbone keeps.
/// `max`: the strongest link's weight (the session's, not read from every
/// link each frame).
fn link_strength_ui(ui: &mut egui::Ui, max: f64, f: &mut crate::session::Filter) {
    use crate::graph::WeightMeasure;
    let combo = egui::ComboBox::from_label("link strength")
        .selected_text(f.measure.name())
        .show_ui(ui, |ui| {
            for measure in WeightMeasure::ALL {
                ui.selectable_value(&mut f.measure, measure, measure.name());
            }
        });
    combo.response.on_hover_text(
        "Co-occurrences: paragraphs that mention both ends (the default). Association strength, Jaccard and NPMI divide by how often each end occurs, so they favour rare pairs.",
    );
    let max = max as f32;
    if f.measure == WeightMeasure::Count {
        // Whole paragraphs: "at least N paragraphs together".
        let mut n = f.min_weight.max(1.0).round() as u32;
        let top = (max.round() as u32).max(1);
        let slider = egui::Slider::new(&mut n, 1..=top)
            .logarithmic(top > 20)
            .text("min. shared paragraphs");
        if ui.add(slider).changed() {
            f.min_weight = if n <= 1 { 0.0 } else { n as f32 };
        }
    } else {
        ui.add(
            egui::Slider::new(&mut f.min_weight, 0.0..=max.max(1e-3))
                .text(format!("min. {}", f.measure.name())),
        );
    }
    let mut all = f.link_density <= 0.0;
    ui.horizontal(|ui| {
        ui.checkbox(&mut all, "all links");
        if !all {
            if f.link_density <= 0.0 {
                f.link_density = 3.0;
            }
            ui.add(
                egui::Slider::new(&mut f.link_density, 0.5..=10.0)
                    .step_by(0.5)
                    .text("links per node"),
            )
            .on_hover_text(
                "The backbone: the most significant links (disparity filter), about this many per shown node; a selected node shows all its links",
            );
        }
    });
    if all {
        f.link_density = 0.0;
    } else if f.link_density <= 0.0 {
        f.link_density = 3.0;
    }
}

/// "Outlet: [all ▾]": the map made of one outlet's articles (the others
/// left out, as with the article ticks), when the articles name outlets.
fn outlet_filter_ui(ui: &mut egui::Ui, corpus: &crate::corpus::Corpus, filter: &mut Filter) {
    let outlets = corpus.outlets();
    if outlets.is_empty() {
        return;
    }
    let only = |ids: &[ArticleId]| -> Vec<ArticleId> {
        corpus
            .articles
            .iter()
            .map(|a| a.id)
            .filter(|id| !ids.contains(id))
            .collect()
    };
    let mut excluded = filter.excluded_articles.clone();
    excluded.sort_unstable();
    let current = outlets
        .iter()
        .find(|(_, ids)| only(ids) == excluded)
        .map(|(name, _)| name.clone());
    ui.horizontal(|ui| {
        let shown = current.clone().unwrap_or_else(|| {
            if excluded.is_empty() {
                "all outlets".to_owned()
            } else {
                "some articles".to_owned()
            }
        });
        egui::ComboBox::from_label("outlet")
            .selected_text(shown)
            .truncate()
            .show_ui(ui, |ui| {
                if ui
                    .selectable_label(excluded.is_empty(), "all outlets")
                    .clicked()
                {
                    filter.excluded_articles.clear();
                }
                for (name, ids) in &outlets {
                    let label = format!("{name} ({})", ids.len());
                    if ui
                        .selectable_label(current.as_deref() == Some(name.as_str()), label)
                        .clicked()
                    {
                        filter.excluded_articles = only(ids);
                    }
                }
            })
            .response
            .on_hover_text(
                "Map only the articles of one outlet (site, feed, sender or source column)",
            );
    });
}
