//! What the window remembers between runs (never data: the work is in the
//! folder's `.knowmap/`).

use std::path::PathBuf;

/// Small settings kept by eframe between runs (never data).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Settings {
    pub last_folder: Option<PathBuf>,
    pub recent_folders: Vec<PathBuf>,
    pub color_by_community: bool,
    /// `None` follows the system theme.
    pub dark_mode: Option<bool>,
}
