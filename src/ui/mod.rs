//! The eframe application: a thin view over a [`crate::session::Session`].
//! The only module that touches egui, eframe or rfd.
//!
//! `app.rs` holds the window's own state and applies [`UiAction`]s;
//! `action.rs` the actions and the one table of commands, labels and
//! shortcuts; `top_bar.rs`, `side.rs`, `canvas.rs`, `evidence.rs`,
//! `timeline.rs` and `stats.rs` draw their part of the window (`overview.rs`
//! the canvas's corner map); `dialogs.rs`,
//! `curation.rs` and `close.rs` the small windows; `open.rs` the native
//! dialogs' answers and the desktop opener.

pub mod action;
mod app;
pub mod canvas;
mod close;
mod curation;
mod dialogs;
mod evidence;
mod notices;
mod open;
mod overview;
mod settings;
mod side;
pub mod stats;
mod timeline;
mod top_bar;

pub use action::{UiAction, UiCommand};
pub use app::{Closing, KnowmapApp, Settings};
pub use dialogs::complete_path;
pub use open::{OpenRequest, Opener, SaveAnswer, SaveDialog, SaveRequest};

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
