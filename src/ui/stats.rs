//! The statistics window: egui_plot charts of what the filters show, each
//! linked to the map (a click selects, shows evidence or restricts the
//! map), a sortable metrics table and the communities. The numbers come
//! from [`crate::graph::charts`], computed once per change of the filters.
//!
//! Longer than 700 lines: one function per tab (six tabs), each small; the
//! numbers themselves are in `graph/charts.rs`.

use egui_plot::{Bar, BarChart, Heatmap, Plot, PlotPoint, Points};

use super::action::UiAction;
use super::canvas::category_color;
use crate::corpus::ArticleId;
use crate::extract::{Category, NodeKind};
use crate::graph::charts::{self, Column, Shown, Table};
use crate::graph::view::Selection;
use crate::graph::{EdgeId, Model, NodeId};
use crate::session::{Command, Filter};

/// The tabs of the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    Top,
    Heatmap,
    Articles,
    Distributions,
    Metrics,
    Communities,
}

impl Tab {
    const ALL: [Self; 6] = [
        Self::Top,
        Self::Heatmap,
        Self::Articles,
        Self::Distributions,
        Self::Metrics,
        Self::Communities,
    ];

    fn name(self) -> &'static str {
        match self {
            Self::Top => "Top nodes",
            Self::Heatmap => "Actor × topic",
            Self::Articles => "Articles",
            Self::Distributions => "Distributions",
            Self::Metrics => "Metrics table",
            Self::Communities => "Communities",
        }
    }
}

/// The numbers of every chart, for one model and one state of the filters.
#[derive(Debug, Clone, Default)]
pub struct ChartData {
    pub top_actors: Vec<(u32, u32)>,
    pub top_topics: Vec<(u32, u32)>,
    pub heatmap: charts::Heatmap,
    pub articles: Vec<charts::ArticleRow>,
    /// Mentions by outlet (empty when no article names one).
    pub outlets: Vec<charts::OutletRow>,
    pub degrees: Vec<(u32, u32)>,
    pub histogram: Vec<(f64, f64, u32)>,
    pub metrics: Vec<charts::MetricsRow>,
    pub communities: Vec<charts::CommunitySummary>,
}

/// What the window remembers between frames.
#[derive(Debug, Clone, Default)]
pub struct StatsState {
    pub tab: Tab,
    pub sort: Column,
    pub ascending: bool,
    /// The data and what it was computed for.
    cache: Option<((u64, Column, bool), ChartData)>,
    /// The side panel's community list and what it was computed for.
    communities: Option<(u64, Vec<charts::CommunitySummary>)>,
    /// How each chart drawn last frame maps data to the screen, by chart
    /// name ("top actors", "heatmap"…), so tests can point at a bar or cell.
    pub transforms: Vec<(&'static str, egui_plot::PlotTransform)>,
}

impl StatsState {
    /// A window opening on `tab`.
    pub fn on(tab: Tab) -> Self {
        Self {
            tab,
            ..Self::default()
        }
    }

    /// The screen position of a data point in the chart `name`, as drawn last.
    pub fn screen_pos(&self, name: &str, x: f64, y: f64) -> Option<egui::Pos2> {
        self.transforms
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| t.position_from_point(&PlotPoint::new(x, y)))
    }
}

impl StatsState {
    /// The chart data for this model and filter state, recomputed only when
    /// either (or the sort order) changed. `shown_generation` names the
    /// model and what is shown (it changes whenever the window computes
    /// what the filters show again).
    pub fn data(&mut self, model: &Model, shown_generation: u64, shown: Shown<'_>) -> &ChartData {
        let key = (shown_generation, self.sort, self.ascending);
        if self.cache.as_ref().is_none_or(|(k, _)| *k != key) {
            let articles = charts::article_breakdown(model, shown);
            let data = ChartData {
                top_actors: charts::top_nodes(model, shown, NodeKind::Actor, 15),
                top_topics: charts::top_nodes(model, shown, NodeKind::Topic, 15),
                heatmap: charts::heatmap(model, shown, 12, 12),
                outlets: charts::outlet_breakdown(model, shown, &articles, 3),
                articles,
                degrees: charts::degree_distribution(model, shown),
                histogram: charts::weight_histogram(model, shown, 20),
                metrics: charts::metrics_rows(model, shown, self.sort, self.ascending),
                communities: charts::communities(model, shown, 4),
            };
            self.cache = Some((key, data));
        }
        &self.cache.as_ref().expect("just filled").1
    }

    /// The communities of what is shown, with their strongest members
    /// (the side panel's list), recomputed only when what is shown
    /// changed; far cheaper than all of [`Self::data`].
    pub fn communities(
        &mut self,
        model: &Model,
        shown_generation: u64,
        shown: Shown<'_>,
    ) -> &[charts::CommunitySummary] {
        if self
            .communities
            .as_ref()
            .is_none_or(|(k, _)| *k != shown_generation)
        {
            self.communities = Some((shown_generation, charts::communities(model, shown, 4)));
        }
        &self.communities.as_ref().expect("just filled").1
    }
}

fn label(model: &Model, node: u32) -> String {
    charts::label(model, node).to_owned()
}

fn short(text: &str, n: usize) -> String {
    if text.chars().count() <= n {
        text.to_owned()
    } else {
        let mut s: String = text.chars().take(n.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

/// A "Save as CSV" button for a chart's table.
fn csv_button(
    ui: &mut egui::Ui,
    name: &str,
    table: impl FnOnce() -> Table,
    actions: &mut Vec<UiAction>,
) {
    if ui
        .button("Save as CSV…")
        .on_hover_text("The numbers behind this chart")
        .clicked()
    {
        actions.push(UiAction::SaveTable {
            name: name.to_owned(),
            table: table(),
        });
    }
}

/// The whole window's contents.
pub fn stats_ui(
    ui: &mut egui::Ui,
    state: &mut StatsState,
    model: &Model,
    revision: u64,
    shown: Shown<'_>,
    filter: &Filter,
    actions: &mut Vec<UiAction>,
) {
    ui.horizontal(|ui| {
        for tab in Tab::ALL {
            ui.selectable_value(&mut state.tab, tab, tab.name());
        }
    });
    ui.separator();
    let tab = state.tab;
    let (sort, ascending) = (state.sort, state.ascending);
    let data = state.data(model, revision, shown).clone();
    let mut transforms = Vec::new();
    match tab {
        Tab::Top => {
            ui.columns(2, |columns| {
                for (column, (title, top, kind)) in columns.iter_mut().zip([
                    ("Top actors", &data.top_actors, NodeKind::Actor),
                    ("Top topics", &data.top_topics, NodeKind::Topic),
                ]) {
                    column.horizontal(|ui| {
                        ui.heading(title);
                        csv_button(
                            ui,
                            &format!("top-{}", title.split(' ').nth(1).unwrap_or("nodes")),
                            || charts::top_nodes_table(model, top),
                            actions,
                        );
                    });
                    let t = top_bars_ui(column, model, top, kind, actions);
                    transforms.push((
                        if kind == NodeKind::Actor {
                            "top actors"
                        } else {
                            "top topics"
                        },
                        t,
                    ));
                }
            });
        }
        Tab::Heatmap => {
            transforms.extend(heatmap_ui(ui, model, &data.heatmap, actions).map(|t| ("heatmap", t)))
        }
        Tab::Articles => {
            outlets_ui(ui, model, &data.outlets, actions);
            transforms.push((
                "articles",
                articles_ui(ui, model, &data.articles, filter, actions),
            ));
        }
        Tab::Distributions => distributions_ui(ui, &data, actions),
        Tab::Metrics => {
            if let Some((column, asc)) = metrics_ui(ui, &data.metrics, sort, ascending, actions) {
                state.sort = column;
                state.ascending = asc;
            }
        }
        Tab::Communities => communities_ui(ui, model, &data.communities, filter, actions),
    }
    state.transforms = transforms;
}

fn top_bars_ui(
    ui: &mut egui::Ui,
    model: &Model,
    nodes: &[(u32, u32)],
    kind: NodeKind,
    actions: &mut Vec<UiAction>,
) -> egui_plot::PlotTransform {
    let graph = &model.graph;
    let labels: Vec<String> = nodes.iter().map(|&(n, _)| label(model, n)).collect();
    // Rank 0 at the top: bars go downwards from y = 0.
    let bars: Vec<Bar> = nodes
        .iter()
        .zip(&labels)
        .enumerate()
        .map(|(rank, (&(n, mentions), label))| {
            let category = graph[NodeId::from_raw(n)].category;
            Bar::new(-(rank as f64), f64::from(mentions))
                .name(label)
                .fill(category_color(category))
                .width(0.7)
        })
        .collect();
    let names = labels.clone();
    let response = Plot::new(("top", kind == NodeKind::Actor))
        .height(ui.available_height().clamp(200.0, 420.0))
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .show_axes([true, true])
        .x_axis_label("mentions")
        .x_grid_spacer(egui_plot::uniform_grid_spacer(|input| count_steps(&input)))
        .y_axis_formatter(move |mark, _| {
            let rank = (-mark.value).round();
            if (mark.value + rank).abs() < 1e-6 && rank >= 0.0 {
                short(names.get(rank as usize).map_or("", String::as_str), 22)
            } else {
                String::new()
            }
        })
        .show(ui, |plot| {
            plot.bar_chart(BarChart::new("mentions", bars).horizontal());
            plot.pointer_coordinate()
        });
    response.response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::accesskit::Role::Figure,
            true,
            if kind == NodeKind::Actor {
                "Top actors chart"
            } else {
                "Top topics chart"
            },
        )
    });
    if response.response.clicked()
        && let Some(point) = response.inner
    {
        let rank = (-point.y).round();
        if rank >= 0.0
            && let Some(&(node, _)) = nodes.get(rank as usize)
        {
            actions.push(Command::Select(Selection::Node(NodeId::from_raw(node))).into());
        }
    }
    response.transform
}

/// Grid steps for an axis of counts: 1, 2 or 5 times a power of ten, about
/// five labelled marks across (egui_plot's default, powers of ten only, left
/// a 0–70 axis with a single label).
fn count_steps(input: &egui_plot::GridInput) -> [f64; 3] {
    let span = (input.bounds.1 - input.bounds.0).abs().max(1.0);
    let raw = span / 5.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude)
        .max(1.0);
    [(step / 5.0).max(1.0), step, step * 10.0]
}

/// Cell (row, column) of the heatmap under a plot point.
pub fn heatmap_cell(heatmap: &charts::Heatmap, point: PlotPoint) -> Option<(usize, usize)> {
    let rows = heatmap.actors.len();
    let (x, y) = (point.x.floor(), point.y.floor());
    if x < 0.0 || y < 0.0 || x as usize >= heatmap.topics.len() || y as usize >= rows {
        return None;
    }
    // Row 0 (the most mentioned actor) is drawn at the top.
    Some((rows - 1 - y as usize, x as usize))
}

fn heatmap_ui(
    ui: &mut egui::Ui,
    model: &Model,
    heatmap: &charts::Heatmap,
    actions: &mut Vec<UiAction>,
) -> Option<egui_plot::PlotTransform> {
    ui.horizontal(|ui| {
        ui.label("Links between the most mentioned actors and topics: the stronger the colour, the stronger the link. Click a cell to read its evidence.");
        csv_button(ui, "actor-topic", || heatmap.table(model), actions);
    });
    let (rows, cols) = (heatmap.actors.len(), heatmap.topics.len());
    if rows == 0 || cols == 0 {
        ui.weak("No actors and topics are shown.");
        return None;
    }
    let max = heatmap
        .cells
        .iter()
        .flatten()
        .map(|c| c.2)
        .fold(0.0f64, f64::max)
        .max(1e-9);
    // egui_plot fills row by row from the bottom.
    let mut values = Vec::with_capacity(rows * cols);
    for y in 0..rows {
        for x in 0..cols {
            let v = heatmap
                .cell(rows - 1 - y, x)
                .map_or(0.0, |c| (c.2 / max).sqrt());
            values.push(v);
        }
    }
    let dark = ui.visuals().dark_mode;
    let low = ui.visuals().extreme_bg_color;
    let high = if dark {
        egui::Color32::from_rgb(255, 170, 60)
    } else {
        egui::Color32::from_rgb(180, 40, 20)
    };
    let actor_names: Vec<String> = heatmap.actors.iter().map(|&n| label(model, n)).collect();
    let topic_names: Vec<String> = heatmap.topics.iter().map(|&n| label(model, n)).collect();
    let an = actor_names.clone();
    // Column names, slanted, in a strip above the plot.
    let (strip, _) =
        ui.allocate_exact_size(egui::vec2(ui.available_width(), 96.0), egui::Sense::hover());
    let response = Plot::new("heatmap")
        .height(ui.available_height().clamp(260.0, 520.0))
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .show_grid(false)
        .label_formatter(|_| None)
        .x_axis_formatter(|_, _| String::new())
        .y_axis_formatter(move |mark, _| {
            let y = mark.value - 0.5;
            if (y - y.round()).abs() < 1e-6 && y >= 0.0 {
                let row = (an.len() as f64 - 1.0 - y.round()) as usize;
                short(an.get(row).map_or("", String::as_str), 18)
            } else {
                String::new()
            }
        })
        .x_grid_spacer(move |_| {
            (0..cols)
                .map(|x| egui_plot::GridMark {
                    value: x as f64 + 0.5,
                    step_size: 1.0,
                })
                .collect()
        })
        .y_grid_spacer(move |_| {
            (0..rows)
                .map(|y| egui_plot::GridMark {
                    value: y as f64 + 0.5,
                    step_size: 1.0,
                })
                .collect()
        })
        .show(ui, |plot| {
            plot.heatmap(
                Heatmap::new(values, cols)
                    .palette(&[low, high])
                    .range(0.0, 1.0)
                    .show_labels(false)
                    .name("weight"),
            );
            plot.pointer_coordinate()
        });
    response.response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::accesskit::Role::Figure, true, "Actor topic heatmap")
    });
    let transform = response.transform;
    let painter = ui.painter_at(strip.expand2(egui::vec2(0.0, 4.0)));
    let font = egui::FontId::proportional(12.0);
    for (x, name) in topic_names.iter().enumerate() {
        let at = transform.position_from_point(&PlotPoint::new(x as f64 + 0.5, 0.0));
        let galley =
            painter.layout_no_wrap(short(name, 22), font.clone(), ui.visuals().text_color());
        let angle = -std::f32::consts::FRAC_PI_4;
        // The text ends just above its column, rising to the right.
        let start = egui::pos2(at.x - 4.0, strip.bottom() - 4.0);
        painter.add(
            egui::epaint::TextShape::new(start, galley, ui.visuals().text_color())
                .with_angle(angle),
        );
    }
    let cell = response.inner.and_then(|p| heatmap_cell(heatmap, p));
    if let Some((r, c)) = cell {
        let text = match heatmap.cell(r, c) {
            Some((_, count, weight)) => format!(
                "{} — {}\ntogether in {count} paragraphs · weight {weight:.2}",
                actor_names[r], topic_names[c]
            ),
            None => format!("{} — {}\nnever together", actor_names[r], topic_names[c]),
        };
        let clicked = response.response.clicked();
        response.response.on_hover_text_at_pointer(text);
        if clicked && let Some((edge, _, _)) = heatmap.cell(r, c) {
            actions.push(Command::Select(Selection::Edge(EdgeId::from_raw(edge))).into());
        }
    }
    Some(transform)
}

/// The most articles the Articles chart draws.
const ARTICLE_BARS: usize = 40;

/// Mentions by outlet, as a table, when the articles name outlets.
fn outlets_ui(
    ui: &mut egui::Ui,
    model: &Model,
    rows: &[charts::OutletRow],
    actions: &mut Vec<UiAction>,
) {
    if rows.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(format!("Mentions by outlet ({})", rows.len()))
        .default_open(true)
        .show(ui, |ui| {
            csv_button(ui, "outlets", || charts::outlet_table(model, rows), actions);
            egui::ScrollArea::vertical()
                .id_salt("outlets")
                .max_height(160.0)
                .show(ui, |ui| {
                    egui::Grid::new("outlet grid").striped(true).show(ui, |ui| {
                        ui.strong("outlet");
                        ui.strong("articles");
                        ui.strong("mentions");
                        ui.strong("most mentioned actors");
                        ui.end_row();
                        for row in rows {
                            ui.label(row.outlet.as_deref().unwrap_or("(none named)"));
                            ui.label(row.articles.to_string());
                            ui.label(row.by_category.iter().sum::<u32>().to_string());
                            let actors: Vec<String> = row
                                .top_actors
                                .iter()
                                .map(|&(n, c)| format!("{} ({c})", label(model, n)))
                                .collect();
                            ui.label(actors.join(", "));
                            ui.end_row();
                        }
                    });
                });
        });
}

fn articles_ui(
    ui: &mut egui::Ui,
    model: &Model,
    rows: &[charts::ArticleRow],
    filter: &Filter,
    actions: &mut Vec<UiAction>,
) -> egui_plot::PlotTransform {
    ui.horizontal(|ui| {
        ui.label("Mentions of shown nodes per article, by category. Click an article to show only it on the map.");
        csv_button(ui, "articles", || charts::article_table(model, rows), actions);
        if !filter.excluded_articles.is_empty() && ui.button("Show all articles").clicked() {
            let mut f = filter.clone();
            f.excluded_articles.clear();
            actions.push(Command::SetFilter(f).into());
        }
    });
    // A readable chart: at most the 40 articles with the most mentions
    // (the CSV keeps every article).
    let all = rows.len();
    let top: Vec<charts::ArticleRow> = if all > ARTICLE_BARS {
        let mut sorted = rows.to_vec();
        sorted.sort_by(|a, b| {
            let total = |r: &charts::ArticleRow| r.by_category.iter().sum::<u32>();
            total(b).cmp(&total(a)).then(a.article.cmp(&b.article))
        });
        sorted.truncate(ARTICLE_BARS);
        sorted
    } else {
        rows.to_vec()
    };
    let rows = &top[..];
    if all > ARTICLE_BARS {
        ui.weak(format!(
            "The {ARTICLE_BARS} of {all} articles with the most mentions; Save as CSV… has them all."
        ));
    }
    let titles: Vec<String> = rows
        .iter()
        .map(|r| model.corpus.articles[r.article as usize].title.clone())
        .collect();
    let mut charts_by_category: Vec<BarChart> = Vec::new();
    for (k, category) in Category::ALL.iter().enumerate() {
        let bars: Vec<Bar> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                Bar::new(-(i as f64), f64::from(r.by_category[k]))
                    .width(0.7)
                    .fill(category_color(*category))
            })
            .collect();
        let refs: Vec<&BarChart> = charts_by_category.iter().collect();
        let chart = BarChart::new(category.name(), bars)
            .horizontal()
            .color(category_color(*category))
            .stack_on(&refs);
        charts_by_category.push(chart);
    }
    let names = titles.clone();
    let height = (rows.len() as f32 * 22.0).clamp(220.0, 2000.0);
    egui::ScrollArea::vertical()
        .show(ui, |ui| {
            let response = Plot::new("articles")
                .height(height)
                .allow_drag(false)
                .allow_zoom(false)
                .allow_scroll(false)
                .legend(egui_plot::Legend::default().position(egui_plot::Corner::RightBottom))
                .x_axis_label("mentions")
                .x_grid_spacer(egui_plot::uniform_grid_spacer(|input| count_steps(&input)))
                .y_axis_formatter(move |mark, _| {
                    let i = (-mark.value).round();
                    if (mark.value + i).abs() < 1e-6 && i >= 0.0 {
                        short(names.get(i as usize).map_or("", String::as_str), 26)
                    } else {
                        String::new()
                    }
                })
                .show(ui, |plot| {
                    for chart in charts_by_category {
                        plot.bar_chart(chart);
                    }
                    plot.pointer_coordinate()
                });
            response.response.widget_info(|| {
                egui::WidgetInfo::labeled(egui::accesskit::Role::Figure, true, "Articles chart")
            });
            if response.response.clicked()
                && let Some(point) = response.inner
            {
                let i = (-point.y).round();
                if i >= 0.0
                    && let Some(row) = rows.get(i as usize)
                {
                    let mut f = filter.clone();
                    f.excluded_articles = model
                        .corpus
                        .articles
                        .iter()
                        .map(|a| a.id)
                        .filter(|&a| a != ArticleId::from_raw(row.article))
                        .collect();
                    actions.push(Command::SetFilter(f).into());
                    actions.push(Command::SelectArticle(ArticleId::from_raw(row.article)).into());
                }
            }
            response.transform
        })
        .inner
}

fn distributions_ui(ui: &mut egui::Ui, data: &ChartData, actions: &mut Vec<UiAction>) {
    ui.columns(2, |columns| {
        let ui = &mut columns[0];
        ui.horizontal(|ui| {
            ui.heading("Degree distribution");
            csv_button(
                ui,
                "degrees",
                || charts::degree_table(&data.degrees),
                actions,
            );
        });
        ui.weak("Nodes per number of shown links, both axes logarithmic.");
        let points: Vec<[f64; 2]> = data
            .degrees
            .iter()
            .filter(|(d, n)| *d > 0 && *n > 0)
            .map(|&(d, n)| [f64::from(d).log10(), f64::from(n).log10()])
            .collect();
        let pow = |mark: egui_plot::GridMark, _: &std::ops::RangeInclusive<f64>| {
            if (mark.value - mark.value.round()).abs() < 1e-6 {
                format!("{}", 10f64.powf(mark.value).round())
            } else {
                String::new()
            }
        };
        Plot::new("degrees")
            .height(ui.available_height().clamp(200.0, 380.0))
            .x_axis_label("links (log)")
            .y_axis_label("nodes (log)")
            .x_axis_formatter(pow)
            .y_axis_formatter(pow)
            .label_formatter(|hover| match hover {
                egui_plot::HoverPosition::NearDataPoint { position, .. } => Some(format!(
                    "{:.0} links: {:.0} nodes",
                    10f64.powf(position.x),
                    10f64.powf(position.y)
                )),
                egui_plot::HoverPosition::Elsewhere { .. } => None,
            })
            .include_x(0.0)
            .include_y(0.0)
            .show(ui, |plot| {
                plot.points(Points::new("degree", points).radius(3.5));
            });
        let ui = &mut columns[1];
        ui.horizontal(|ui| {
            ui.heading("Link weights");
            csv_button(
                ui,
                "weights",
                || charts::histogram_table(&data.histogram),
                actions,
            );
        });
        ui.weak("Shown links per weight interval.");
        let bars: Vec<Bar> = data
            .histogram
            .iter()
            .map(|&(a, b, n)| Bar::new((a + b) / 2.0, f64::from(n)).width((b - a) * 0.9))
            .collect();
        Plot::new("weights")
            .height(ui.available_height().clamp(200.0, 380.0))
            .x_axis_label("weight")
            .y_axis_label("links")
            .show(ui, |plot| {
                plot.bar_chart(BarChart::new("links", bars));
            });
    });
}

/// The sortable table; returns a new sort order when a header was clicked.
fn metrics_ui(
    ui: &mut egui::Ui,
    rows: &[charts::MetricsRow],
    sort: Column,
    ascending: bool,
    actions: &mut Vec<UiAction>,
) -> Option<(Column, bool)> {
    let mut new_sort = None;
    ui.horizontal(|ui| {
        ui.label(format!(
            "{} shown nodes; click a header to sort, a row to select the node.",
            rows.len()
        ));
        csv_button(ui, "metrics", || charts::metrics_table(rows), actions);
    });
    let widths = [180.0, 50.0, 90.0, 70.0, 55.0, 95.0, 90.0, 75.0, 85.0, 85.0];
    ui.horizontal(|ui| {
        for (column, width) in Column::ALL.iter().zip(widths) {
            let arrow = if *column == sort {
                if ascending { " (asc)" } else { " (desc)" }
            } else {
                ""
            };
            let button = ui.add_sized(
                [width, 20.0],
                egui::Button::new(format!("{}{arrow}", column.name())).frame(false),
            );
            if button.clicked() {
                new_sort = Some(if *column == sort {
                    (sort, !ascending)
                } else {
                    // Text columns read best A→Z, numbers largest first.
                    (
                        *column,
                        matches!(column, Column::Label | Column::Kind | Column::Category),
                    )
                });
            }
        }
    });
    ui.separator();
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show_rows(ui, row_height, rows.len(), |ui, range| {
            for r in &rows[range] {
                let mut cells = r.cells(2, 4);
                cells[0] = short(&r.label, 28);
                let response = ui
                    .horizontal(|ui| {
                        for (cell, width) in cells.iter().zip(widths) {
                            ui.add_sized(
                                [width, row_height - 4.0],
                                egui::Label::new(cell.as_str()).truncate().selectable(false),
                            );
                        }
                    })
                    .response
                    .interact(egui::Sense::click());
                let name = format!("Row {}", r.label);
                response.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::accesskit::Role::Row, true, &name)
                });
                if response.hovered() {
                    ui.painter().rect_filled(
                        response.rect,
                        2.0,
                        ui.visuals()
                            .widgets
                            .hovered
                            .weak_bg_fill
                            .gamma_multiply(0.4),
                    );
                }
                if response.clicked() {
                    actions.push(Command::Select(Selection::Node(NodeId::from_raw(r.node))).into());
                }
            }
        });
    new_sort
}

fn communities_ui(
    ui: &mut egui::Ui,
    model: &Model,
    communities: &[charts::CommunitySummary],
    filter: &Filter,
    actions: &mut Vec<UiAction>,
) {
    ui.horizontal(|ui| {
        ui.label("Groups of nodes more linked with each other than with the rest (Louvain).");
        csv_button(
            ui,
            "communities",
            || charts::communities_table(model, communities),
            actions,
        );
        if filter.community.is_some() && ui.button("Show all communities").clicked() {
            let mut f = filter.clone();
            f.community = None;
            actions.push(Command::SetFilter(f).into());
        }
    });
    ui.horizontal(|ui| {
        if ui.button("Colour the map by community").clicked() {
            actions.push(Command::SetColorByCommunity(true).into());
        }
        if ui.button("Colour by category").clicked() {
            actions.push(Command::SetColorByCommunity(false).into());
        }
    });
    egui::ScrollArea::vertical().show(ui, |ui| {
        community_legend_ui(ui, model, communities, filter, usize::MAX, actions);
    });
}

/// Swatch, strongest members and a "show alone" button per community.
pub fn community_legend_ui(
    ui: &mut egui::Ui,
    model: &Model,
    communities: &[charts::CommunitySummary],
    filter: &Filter,
    limit: usize,
    actions: &mut Vec<UiAction>,
) {
    for c in communities.iter().take(limit) {
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
            let (r, g, b) = crate::io::picture::COMMUNITY_RGB
                [c.id as usize % crate::io::picture::COMMUNITY_RGB.len()];
            ui.painter()
                .circle_filled(rect.center(), 6.0, egui::Color32::from_rgb(r, g, b));
            let alone = filter.community == Some(c.id);
            let text = if alone { "all" } else { "only" };
            let button = ui.small_button(text).on_hover_text(if alone {
                "Show every community again"
            } else {
                "Show this community alone"
            });
            let name = format!("Community {} alone", c.id);
            button.widget_info(|| {
                egui::WidgetInfo::labeled(egui::accesskit::Role::Button, true, &name)
            });
            if button.clicked() {
                let mut f = filter.clone();
                f.community = if alone { None } else { Some(c.id) };
                actions.push(Command::SetFilter(f).into());
            }
            let collapsed = filter.collapsed.contains(&c.id);
            let button = ui
                .small_button(if collapsed { "expand" } else { "collapse" })
                .on_hover_text(if collapsed {
                    "Show this community's nodes again"
                } else {
                    "Draw this community as one node (its most-mentioned member stands for it)"
                });
            let name = format!(
                "{} community {}",
                if collapsed { "Expand" } else { "Collapse" },
                c.id
            );
            button.widget_info(|| {
                egui::WidgetInfo::labeled(egui::accesskit::Role::Button, true, &name)
            });
            if button.clicked() {
                actions.push(UiAction::ToggleCollapse(c.id));
            }
            let members: Vec<String> = c.members.iter().map(|&n| label(model, n)).collect();
            // Truncated to the panel (the whole list in the tooltip): a
            // community of long names must not widen the side panel.
            let text = if collapsed {
                format!("{} (collapsed)", members.join(", "))
            } else {
                format!("{} ({} nodes)", members.join(", "), c.size)
            };
            ui.add(egui::Label::new(text.as_str()).truncate())
                .on_hover_text(text);
        });
    }
}
