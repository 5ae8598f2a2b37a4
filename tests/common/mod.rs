//! Shared helpers of the window tests.
#![allow(dead_code, clippy::unwrap_used)]

use egui_kittest::Harness;
use knowmap::session::Options;
use knowmap::ui::KnowmapApp;

/// The app on `folder` (the bundled sample with `None`), loaded and drawn,
/// with the layout run to rest synchronously so frames are reproducible.
pub fn loaded_app(
    size: egui::Vec2,
    folder: Option<std::path::PathBuf>,
) -> Harness<'static, KnowmapApp> {
    loaded_app_with(size, folder, false)
}

/// [`loaded_app`]; with `tofu`, characters no bundled font has (emoji,
/// Arabic) are drawn as boxes, as in the real window, instead of failing.
pub fn loaded_app_with(
    size: egui::Vec2,
    folder: Option<std::path::PathBuf>,
    tofu: bool,
) -> Harness<'static, KnowmapApp> {
    let mut builder = Harness::builder()
        .with_size(size)
        .with_theme(egui::Theme::Dark);
    if tofu {
        builder = builder.allow_missing_glyphs();
    }
    let mut harness =
        builder.build_eframe(move |cc| KnowmapApp::with_options(cc, folder, Options::headless()));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while harness.state().session.model.is_none() || harness.state().session.metrics_pending() {
        assert!(
            std::time::Instant::now() < deadline,
            "the corpus did not load"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
        harness.step();
    }
    harness.run_steps(4);
    harness
}

/// The app on `folder` with explicit session options, once its corpus has
/// loaded (the layout may still run, in the background with those options).
pub fn app_with_options(
    size: egui::Vec2,
    folder: Option<std::path::PathBuf>,
    options: Options,
) -> Harness<'static, KnowmapApp> {
    let mut harness = Harness::builder()
        .with_size(size)
        .build_eframe(move |cc| KnowmapApp::with_options(cc, folder, options));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while harness.state().session.model.is_none() || harness.state().session.metrics_pending() {
        assert!(
            std::time::Instant::now() < deadline,
            "the corpus did not load"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.step();
    }
    harness.run_steps(2);
    harness
}

/// Session options with the layout in a background thread, no autosave.
pub fn background() -> Options {
    Options {
        background_layout: true,
        autosave: false,
        watch_interval: None,
        ..Options::default()
    }
}

/// A left click at a screen position: move there, press, release.
pub fn click_at(harness: &mut Harness<'static, KnowmapApp>, pos: egui::Pos2) {
    harness.hover_at(pos);
    harness.run_steps(1);
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    harness.run_steps(1);
}

/// Presses and releases the secondary button at `at` (a context menu).
pub fn right_click(harness: &mut Harness<'static, KnowmapApp>, at: egui::Pos2) {
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Secondary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
}

/// Drags the primary button from `from` to `to` in small steps, a frame each.
pub fn drag(harness: &mut Harness<'static, KnowmapApp>, from: egui::Pos2, to: egui::Pos2) {
    harness.event(egui::Event::PointerMoved(from));
    harness.run_steps(2);
    harness.event(egui::Event::PointerButton {
        pos: from,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    harness.run_steps(1);
    for k in 1..=10 {
        harness.event(egui::Event::PointerMoved(
            from + (to - from) * (k as f32 / 10.0),
        ));
        harness.run_steps(1);
    }
    harness.event(egui::Event::PointerButton {
        pos: to,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    harness.run_steps(3);
}
