//! Image snapshots of the window, rendered by a software Vulkan driver
//! (Mesa's lavapipe). Run with `cargo test --features snapshots --test
//! snapshots`; regenerate with `UPDATE_SNAPSHOTS=1` and look at the PNGs in
//! `tests/snapshots/` before committing.
#![cfg(feature = "snapshots")]
#![allow(clippy::unwrap_used)]

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use knowmap::ui::{AppOptions, KnowmapApp};

fn harness() -> Harness<'static, KnowmapApp> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1200.0, 760.0))
        .with_theme(egui::Theme::Dark)
        .build_eframe(|cc| {
            KnowmapApp::with_options(
                cc,
                None,
                AppOptions {
                    background_layout: false,
                },
            )
        });
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while harness.state().model.is_none() {
        assert!(
            std::time::Instant::now() < deadline,
            "the sample did not load"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
        harness.step();
    }
    harness.run_steps(4);
    harness
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
