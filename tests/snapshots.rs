//! Image snapshots of the window, rendered by a software Vulkan driver
//! (Mesa's lavapipe). Run with `cargo test --features snapshots --test
//! snapshots`; regenerate with `UPDATE_SNAPSHOTS=1` and look at the PNGs in
//! `tests/snapshots/` before committing.
#![cfg(feature = "snapshots")]
#![allow(clippy::unwrap_used)]

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use knowmap::ui::KnowmapApp;

mod common;

fn harness() -> Harness<'static, KnowmapApp> {
    common::loaded_app(egui::vec2(1200.0, 760.0), None)
}

#[test]
fn main_view_of_the_sample() {
    let mut harness = harness();
    harness.snapshot("main_view");
}

#[test]
fn evidence_panel_for_zelenskyy() {
    let mut harness = harness();
    harness.get_by_label("Volodymyr Zelenskyy").click();
    harness.run_steps(4);
    harness.snapshot("evidence_panel");
}

#[test]
fn statistics_heatmap_of_the_sample() {
    let mut harness = common::loaded_app(egui::vec2(1400.0, 900.0), None);
    harness.get_by_label("View").click();
    harness.run_steps(2);
    harness.get_by_label("Statistics").click();
    harness.run_steps(3);
    harness.get_by_label("Actor × topic").click();
    harness.run_steps(4);
    harness.snapshot("statistics_heatmap");
}

#[test]
fn statistics_top_nodes_of_the_sample() {
    let mut harness = common::loaded_app(egui::vec2(1400.0, 900.0), None);
    harness.get_by_label("View").click();
    harness.run_steps(2);
    harness.get_by_label("Statistics").click();
    harness.run_steps(4);
    harness.snapshot("statistics_top");
}

mod fixture;

#[test]
fn a_time_window_after_a_play_step() {
    use knowmap::corpus::Date;
    use knowmap::graph::window::TimeWindow;
    use knowmap::session::{Command, Selection};
    let dir = fixture::dated_sample_folder();
    // KNOWMAP_SNAPSHOT_FOLDER: the same picture of another folder, to look
    // at (not compared: its snapshot is not committed).
    let local = std::env::var_os("KNOWMAP_SNAPSHOT_FOLDER");
    let folder = local
        .clone()
        .map_or_else(|| dir.path().to_path_buf(), std::path::PathBuf::from);
    let mut harness =
        common::loaded_app_with(egui::vec2(1400.0, 900.0), Some(folder), local.is_some());
    let span = harness.state().session.time_span().unwrap();
    let days = (span.days() / 3).max(1);
    let first = TimeWindow::new(
        span.from,
        Date::from_days_since_epoch(span.from.days_since_epoch() + days - 1).unwrap(),
    );
    let app = harness.state_mut();
    app.apply(Command::SetTimeWindow(Some(first)));
    app.apply(Command::StepTimeWindow(days));
    let busiest = app
        .session
        .model
        .as_ref()
        .and_then(|m| m.graph.node_ids().max_by_key(|&i| m.graph[i].mentions));
    if let Some(node) = busiest {
        app.apply(Command::Select(Selection::Node(node)));
    }
    harness.run_steps(6);
    let name = if local.is_some() {
        "local_time_window"
    } else {
        "time_window"
    };
    harness.snapshot(name);
}

/// A generated corpus of five desks (politics, business, tech, sport,
/// entertainment) as the window opens it: coloured by community, each
/// community named over its region, the backbone drawn.
#[test]
fn five_sections_of_a_generated_corpus() {
    use knowmap::corpus::synthetic::{SyntheticSettings, generate_sectioned, write_to};
    let dir = tempfile::tempdir().unwrap();
    let settings = SyntheticSettings {
        articles: 700,
        ..SyntheticSettings::news()
    };
    write_to(dir.path(), &generate_sectioned(&settings)).unwrap();
    let mut harness = common::loaded_app(egui::vec2(1400.0, 900.0), Some(dir.path().to_path_buf()));
    harness.run_steps(6);
    // Over 200 nodes: coloured by community, the communities named on the
    // map (labelled buttons), the link density a labelled control.
    assert!(harness.state().session.color_by_community);
    let regions = harness.get_all_by_label_contains("Community: ").count();
    assert!(regions >= 4, "{regions} community names on the map");
    let _ = harness.get_by_label("all links");
    harness.snapshot("five_sections");
}
