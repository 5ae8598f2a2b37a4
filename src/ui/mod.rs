//! The eframe application: canvas, panels and plots. The only module that
//! touches egui, eframe or rfd.

mod app;
pub mod canvas;
mod curation;
mod evidence;
pub mod export;
mod session;
pub mod stats;
mod timeline;

pub use app::{Action, AppOptions, Filter, KnowmapApp, Settings};
pub use canvas::{Camera, Selection};

/// Opens the main window on `folder`, or on the last folder opened, or on
/// the bundled sample.
///
/// # Errors
/// When no window can be created (no display, no OpenGL).
pub fn run(folder: Option<std::path::PathBuf>) -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("knowmap")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "knowmap",
        options,
        Box::new(move |cc| Ok(Box::new(KnowmapApp::new(cc, folder)))),
    )
}
