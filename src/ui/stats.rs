//! The statistics window: the most mentioned actors and topics as bar
//! charts (egui_plot); clicking a bar selects that node on the map.

use egui_plot::{Bar, BarChart, Plot};

use super::app::Action;
use super::canvas::{Selection, category_color};
use crate::extract::NodeKind;
use crate::graph::Model;

/// Top actors and top topics by mentions among the visible nodes.
pub fn stats_ui(ui: &mut egui::Ui, model: &Model, visible: &[bool], actions: &mut Vec<Action>) {
    ui.columns(2, |columns| {
        for (column, (kind, title)) in columns.iter_mut().zip([
            (NodeKind::Actor, "Top actors"),
            (NodeKind::Topic, "Top topics"),
        ]) {
            column.heading(title);
            top_bars_ui(column, model, visible, kind, actions);
        }
    });
}

fn top_bars_ui(
    ui: &mut egui::Ui,
    model: &Model,
    visible: &[bool],
    kind: NodeKind,
    actions: &mut Vec<Action>,
) {
    let graph = &model.graph.graph;
    let mut nodes: Vec<(u32, u32)> = graph
        .node_indices()
        .filter(|i| visible.get(i.index()).copied().unwrap_or(false) && graph[*i].kind == kind)
        .map(|i| (graph[i].mentions, i.index() as u32))
        .collect();
    nodes.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    nodes.truncate(15);
    let labels: Vec<String> = nodes
        .iter()
        .map(|&(_, n)| {
            let entity = graph[petgraph::graph::NodeIndex::new(n as usize)].entity;
            model
                .extraction
                .entities
                .get(entity as usize)
                .map_or_else(String::new, |e| e.label.clone())
        })
        .collect();
    // Rank 0 at the top: bars go downwards from y = 0.
    let bars: Vec<Bar> = nodes
        .iter()
        .zip(&labels)
        .enumerate()
        .map(|(rank, (&(mentions, n), label))| {
            let category = graph[petgraph::graph::NodeIndex::new(n as usize)].category;
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
        .y_axis_formatter(move |mark, _| {
            let rank = (-mark.value).round();
            if (mark.value + rank).abs() < 1e-6 && rank >= 0.0 {
                names.get(rank as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .show(ui, |plot| {
            plot.bar_chart(BarChart::new("mentions", bars).horizontal());
            plot.pointer_coordinate()
        });
    if response.response.clicked()
        && let Some(point) = response.inner
    {
        let rank = (-point.y).round();
        if rank >= 0.0
            && let Some(&(_, node)) = nodes.get(rank as usize)
        {
            actions.push(Action::Select(Selection::Node(node)));
        }
    }
}
