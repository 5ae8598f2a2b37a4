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
