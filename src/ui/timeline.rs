//! The timeline under the map: dated articles per day, week or month, and
//! the selected node's or link's paragraphs in the same bins as a line.
//! Draws state only; the numbers come from [`crate::graph::timeline`].

use egui_plot::{Bar, BarChart, Line, Plot, PlotPoints, Span};

use super::action::UiAction;
use crate::graph::Model;
use crate::graph::NodeId;
use crate::graph::timeline::Timeline;
use crate::graph::view::Selection;
use crate::graph::window::TimeWindow;
use crate::session::Command;

/// What the timeline remembers between frames: a brush being dragged and
/// whether the story is playing.
#[derive(Debug, Default)]
pub struct TimelineState {
    /// The brush being dragged, and the bins it covers now.
    drag: Option<(Brush, (f64, f64))>,
    /// Playing: when the window last moved.
    playing: Option<std::time::Instant>,
    /// Seconds between two steps of play.
    pub seconds_per_step: f32,
    /// Each step moves the window by one bin (true) or by its own length.
    pub step_by_bin: bool,
    /// Nodes and links kept on the chart as lines beside the selection's,
    /// to compare them.
    pub compared: Vec<Selection>,
}

/// At most this many lines are compared.
const MAX_COMPARED: usize = 8;

/// What a drag on the timeline does.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Brush {
    /// A new window from this bin position.
    New(f64),
    /// Moves the window's start or end.
    From,
    To,
    /// Moves the whole window; the pointer grabbed it this far from its start.
    Move(f64),
}

impl TimelineState {
    pub fn new() -> Self {
        Self {
            seconds_per_step: 1.0,
            ..Self::default()
        }
    }

    pub fn is_playing(&self) -> bool {
        self.playing.is_some()
    }

    /// Starts or stops playing. Starting without a window opens one on the
    /// first bins (a sixth of the span, at least one bin).
    pub fn toggle_play(
        &mut self,
        timeline: Option<&Timeline>,
        window: Option<TimeWindow>,
    ) -> Option<Command> {
        if self.playing.take().is_some() {
            return None;
        }
        let timeline = timeline?;
        self.playing = Some(std::time::Instant::now());
        let at_end = window.is_some_and(|w| {
            timeline
                .window_of_bins(0, timeline.bins.len())
                .is_some_and(|all| w.to.days_since_epoch() >= all.to.days_since_epoch())
        });
        if window.is_none() || at_end {
            let bins = (timeline.bins.len() / 6).max(1);
            return timeline
                .window_of_bins(0, bins - 1)
                .map(|w| Command::SetTimeWindow(Some(w)));
        }
        None
    }

    /// The next step of play, when it is due; stops at the end of the
    /// timeline.
    pub fn tick(
        &mut self,
        timeline: Option<&Timeline>,
        window: Option<TimeWindow>,
    ) -> Option<Command> {
        let last = self.playing?;
        let (Some(timeline), Some(window)) = (timeline, window) else {
            self.playing = None;
            return None;
        };
        if last.elapsed().as_secs_f32() < self.seconds_per_step {
            return None;
        }
        let end = timeline.window_of_bins(0, timeline.bins.len())?.to;
        if window.to.days_since_epoch() >= end.days_since_epoch() {
            self.playing = None;
            return None;
        }
        let days = if self.step_by_bin {
            let first = timeline.position_of(window.from).round().max(0.0) as usize;
            timeline
                .window_of_bins(first, first)
                .map_or(1, TimeWindow::days)
        } else {
            window.days()
        };
        self.playing = Some(std::time::Instant::now());
        Some(Command::StepTimeWindow(days))
    }

    /// How long until the next step is due, for a repaint request.
    pub fn next_step_in(&self) -> Option<std::time::Duration> {
        let last = self.playing?;
        Some(
            std::time::Duration::from_secs_f32(self.seconds_per_step)
                .saturating_sub(last.elapsed()),
        )
    }
}

/// What the timeline shows.
pub struct TimelineView<'a> {
    /// The model of every date (the selected node's line comes from it).
    pub whole: &'a Model,
    pub timeline: &'a Timeline,
    pub selection: Selection,
    pub window: Option<TimeWindow>,
    /// Shown nodes new in the window since the last step of play.
    pub new_nodes: usize,
    /// Nodes and links that left the window with the last step of play.
    pub gone: (usize, usize),
}

/// Draws the timeline panel's contents: the articles per bin, the selected
/// node's or link's line (from `whole`, the model of every date), and the
/// time window, which a drag on the chart sets (drag its edges to resize,
/// inside it to move; double-click clears it).
pub fn timeline_ui(
    ui: &mut egui::Ui,
    view: &TimelineView<'_>,
    state: &mut TimelineState,
    actions: &mut Vec<UiAction>,
) {
    let &TimelineView {
        whole,
        timeline,
        selection,
        window,
        new_nodes,
        gone,
    } = view;
    let per = timeline.bin.name();
    let series = selected_series(whole, timeline, selection);
    // The compared lines, then the selection's unless it is one of them.
    let mut lines: Vec<(String, Vec<[f64; 2]>)> = state
        .compared
        .iter()
        .filter_map(|&c| selected_series(whole, timeline, c))
        .collect();
    if !state.compared.contains(&selection)
        && let Some(line) = series.clone()
    {
        lines.push(line);
    }
    // Wraps rather than clipping Compare off the right edge when a long
    // node name is shown.
    ui.horizontal_wrapped(|ui| {
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
        ui.separator();
        let play = if state.is_playing() { "Pause" } else { "Play" };
        if ui
            .button(play)
            .on_hover_text("Step the time window through the story (P)")
            .clicked()
        {
            actions.push(UiAction::TogglePlay);
        }
        egui::ComboBox::from_id_salt("play speed")
            .width(70.0)
            .selected_text(format!("{} s", state.seconds_per_step))
            .show_ui(ui, |ui| {
                for s in [0.25, 0.5, 1.0, 2.0, 4.0] {
                    ui.selectable_value(&mut state.seconds_per_step, s, format!("{s} s per step"));
                }
            })
            .response
            .on_hover_text("Time between two steps of play");
        ui.checkbox(&mut state.step_by_bin, format!("step one {per}"))
            .on_hover_text("Each step moves the window by one bin; otherwise by its own length");
        match window {
            Some(w) => {
                ui.label(format!("window: {}", w.label()));
                if new_nodes > 0 {
                    let [r, g, b, _] = crate::io::picture::NEW_RING;
                    ui.label(
                        egui::RichText::new(format!("{new_nodes} new (ringed)"))
                            .color(egui::Color32::from_rgb(r, g, b)),
                    )
                    .on_hover_text("Ringed on the map: not in the window before the last step of play");
                }
                if gone != (0, 0) {
                    ui.weak(gone_text(gone)).on_hover_text(
                        "Drawn faint where they were: in the window before the last step of play, not in this one",
                    );
                }
                if ui
                    .button("All dates")
                    .on_hover_text("Show every article again (double-click the chart)")
                    .clicked()
                {
                    actions.push(Command::SetTimeWindow(None).into());
                }
            }
            None if series.is_none() => {
                ui.weak("drag on the chart to show a time window");
            }
            None => {}
        }
        if let Some((name, _)) = &series {
            ui.separator();
            ui.label(format!("line: {name}, paragraphs per {per}"));
            if !state.compared.contains(&selection)
                && state.compared.len() < MAX_COMPARED
                && ui
                    .small_button("Compare")
                    .on_hover_text("Keep this line on the chart and select another node or link to compare with it")
                    .clicked()
            {
                state.compared.push(selection);
            }
        }
        if !state.compared.is_empty()
            && ui
                .small_button(format!("Clear {} compared", state.compared.len()))
                .clicked()
        {
            state.compared.clear();
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
    let shown = state
        .drag
        .map(|(_, span)| span)
        .or_else(|| window.map(|w| timeline.span_of(w)));
    let accent = ui.visuals().selection.bg_fill;
    let last_bin = timeline.bins.len().saturating_sub(1) as f64;
    let many = lines.len() > 1;
    let plot = Plot::new("timeline")
        .height(ui.available_height().max(60.0))
        .allow_scroll(false)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .include_x(-0.5)
        .include_x(last_bin + 0.5)
        .include_y(0.0)
        .show_grid(egui::Vec2b::new(false, true))
        .x_axis_formatter(move |mark, _| {
            let i = mark.value.round();
            if (mark.value - i).abs() < 1e-6 && i >= 0.0 {
                labels.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        });
    // Names beside the lines when several are compared.
    let plot = if many {
        plot.legend(egui_plot::Legend::default())
    } else {
        plot
    };
    let response = plot.show(ui, |plot| {
        plot.bar_chart(BarChart::new("articles", bars));
        for (name, points) in lines {
            plot.line(Line::new(name, PlotPoints::from(points)).width(2.0));
        }
        if let Some((a, b)) = shown {
            plot.span(
                Span::new("time window", a..=b)
                    .fill(accent.gamma_multiply(0.25))
                    .border_color(accent)
                    .border_width(2.0),
            );
        }
        plot.pointer_coordinate().map(|p| p.x)
    });
    let pointer = response.inner;
    let plot = response.response;
    brush(
        timeline,
        window,
        state,
        &plot,
        pointer,
        &response.transform,
        actions,
    );
    plot.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::accesskit::Role::Figure,
            true,
            format!("Timeline, articles per {per}"),
        )
    });
}

/// Turns drags on the chart into a time window: a new one, an edge moved or
/// the window moved; applied when the drag ends (one undo step).
fn brush(
    timeline: &Timeline,
    window: Option<TimeWindow>,
    state: &mut TimelineState,
    plot: &egui::Response,
    pointer: Option<f64>,
    transform: &egui_plot::PlotTransform,
    actions: &mut Vec<UiAction>,
) {
    let last = timeline.bins.len().saturating_sub(1) as f64;
    let clamp = |x: f64| x.clamp(-0.5, last + 0.5);
    // Bins per screen point, so edges can be grabbed a few points wide.
    let per_point = transform.dvalue_dpos()[0].abs();
    if plot.double_clicked() && window.is_some() {
        state.drag = None;
        actions.push(Command::SetTimeWindow(None).into());
        return;
    }
    if plot.drag_started()
        && let Some(x) = pointer
    {
        let x = clamp(x);
        let grab = (6.0 * per_point).max(0.15);
        let kind = match window.map(|w| timeline.span_of(w)) {
            Some((a, _)) if (x - a).abs() <= grab => Brush::From,
            Some((_, b)) if (x - b).abs() <= grab => Brush::To,
            Some((a, b)) if a < x && x < b => Brush::Move(x - a),
            _ => Brush::New(x),
        };
        let span = window.map_or((x, x), |w| timeline.span_of(w));
        state.drag = Some((kind, span));
    }
    if let Some((kind, span)) = &mut state.drag
        && let Some(x) = pointer
    {
        let x = clamp(x);
        *span = match *kind {
            Brush::New(anchor) => (anchor.min(x), anchor.max(x)),
            Brush::From => (x.min(span.1), span.1),
            Brush::To => (span.0, x.max(span.0)),
            Brush::Move(offset) => {
                let width = span.1 - span.0;
                let from = (x - offset).clamp(-0.5, last + 0.5 - width);
                (from, from + width)
            }
        };
    }
    if plot.drag_stopped()
        && let Some((_, (a, b))) = state.drag.take()
    {
        // Whole bins: the window starts at the bin the brush starts in and
        // ends with the bin it ends in.
        let first = (a + 0.5).floor().max(0.0) as usize;
        let last_bin = ((b - 0.5).ceil().max(0.0) as usize).max(first);
        if let Some(w) = timeline.window_of_bins(first, last_bin)
            && Some(w) != window
        {
            actions.push(Command::SetTimeWindow(Some(w)).into());
        }
    }
}

/// The selected node's (or link's) paragraphs per bin, with its name.
fn selected_series(
    model: &Model,
    timeline: &Timeline,
    selection: Selection,
) -> Option<(String, Vec<[f64; 2]>)> {
    let graph = &model.graph;
    let (name, counts) = match selection {
        Selection::None => return None,
        Selection::Node(node) => {
            let data = graph.node(node)?;
            let entity = model.extraction.entities.get(data.entity as usize)?;
            (entity.label.clone(), timeline.node_series(data))
        }
        Selection::Edge(edge) => {
            let index = edge;
            let data = graph.edge(index)?;
            let (a, b) = graph.endpoints(index)?;
            let label = |n: NodeId| {
                graph
                    .node(n)
                    .and_then(|d| model.extraction.entities.get(d.entity as usize))
                    .map_or_else(String::new, |e| e.label.clone())
            };
            let mut counts = vec![0u32; timeline.bins.len()];
            for evidence in &data.paragraphs {
                if let Some(bin) = timeline.bin_of(evidence.article.raw()) {
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

/// "3 nodes, 12 links gone (faint)".
fn gone_text((nodes, links): (usize, usize)) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let parts: Vec<String> = [(nodes, "node", "nodes"), (links, "link", "links")]
        .into_iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, one, many)| plural(n, one, many))
        .collect();
    format!("{} gone (faint)", parts.join(", "))
}
