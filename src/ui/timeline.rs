//! The timeline under the map: dated articles per day, week or month, and
//! the selected node's or link's paragraphs in the same bins as a line.
//! Draws state only; the numbers come from [`crate::graph::timeline`].

use egui_plot::{Bar, BarChart, Line, Plot, PlotPoints};

use crate::graph::Model;
use crate::graph::timeline::Timeline;
use crate::graph::view::Selection;

/// Draws the timeline panel's contents.
pub fn timeline_ui(ui: &mut egui::Ui, model: &Model, timeline: &Timeline, selection: Selection) {
    let per = timeline.bin.name();
    let series = selected_series(model, timeline, selection);
    ui.horizontal(|ui| {
        ui.strong(format!("Timeline · articles per {per}"));
        let dated: u32 = timeline.bins.iter().map(|b| b.articles).sum();
        ui.weak(format!(
            "{dated} dated, {} to {}",
            timeline.label(0),
            timeline.label(timeline.bins.len().saturating_sub(1))
        ));
        if timeline.undated > 0 {
            ui.weak(format!("· {} undated", timeline.undated))
                .on_hover_text("No date in the file's metadata, its text or its name (modification times are not used here).");
        }
        if let Some((name, _)) = &series {
            ui.separator();
            ui.label(format!("line: {name}, paragraphs per {per}"));
        }
    });
    let bars: Vec<Bar> = timeline
        .bins
        .iter()
        .enumerate()
        .map(|(i, b)| {
            Bar::new(i as f64, f64::from(b.articles))
                .width(0.85)
                .name(timeline.label(i))
        })
        .collect();
    let labels: Vec<String> = (0..timeline.bins.len())
        .map(|i| timeline.label(i))
        .collect();
    let response = Plot::new("timeline")
        .height(ui.available_height().max(60.0))
        .allow_scroll(false)
        .allow_zoom(egui::Vec2b::new(true, false))
        .allow_drag(egui::Vec2b::new(true, false))
        .include_y(0.0)
        .show_grid(egui::Vec2b::new(false, true))
        .x_axis_formatter(move |mark, _| {
            let i = mark.value.round();
            if (mark.value - i).abs() < 1e-6 && i >= 0.0 {
                labels.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .show(ui, |plot| {
            plot.bar_chart(BarChart::new("articles", bars));
            if let Some((name, points)) = series {
                plot.line(Line::new(name, PlotPoints::from(points)).width(2.0));
            }
        })
        .response;
    response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::accesskit::Role::Figure,
            true,
            format!("Timeline, articles per {per}"),
        )
    });
}

/// The selected node's (or link's) paragraphs per bin, with its name.
fn selected_series(
    model: &Model,
    timeline: &Timeline,
    selection: Selection,
) -> Option<(String, Vec<[f64; 2]>)> {
    let graph = &model.graph.graph;
    let (name, counts) = match selection {
        Selection::None => return None,
        Selection::Node(node) => {
            let data = graph.node_weight(petgraph::graph::NodeIndex::new(node as usize))?;
            let entity = model.extraction.entities.get(data.entity as usize)?;
            (entity.label.clone(), timeline.node_series(data))
        }
        Selection::Edge(edge) => {
            let index = petgraph::graph::EdgeIndex::new(edge as usize);
            let data = graph.edge_weight(index)?;
            let (a, b) = graph.edge_endpoints(index)?;
            let label = |n: petgraph::graph::NodeIndex| {
                graph
                    .node_weight(n)
                    .and_then(|d| model.extraction.entities.get(d.entity as usize))
                    .map_or_else(String::new, |e| e.label.clone())
            };
            let mut counts = vec![0u32; timeline.bins.len()];
            for evidence in &data.paragraphs {
                if let Some(bin) = timeline.bin_of(evidence.article) {
                    counts[bin] += 1;
                }
            }
            (format!("{} – {}", label(a), label(b)), counts)
        }
    };
    let points = counts
        .iter()
        .enumerate()
        .map(|(i, c)| [i as f64, f64::from(*c)])
        .collect();
    Some((name, points))
}
