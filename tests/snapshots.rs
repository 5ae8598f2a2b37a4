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
