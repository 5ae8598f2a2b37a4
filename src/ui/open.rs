//! Files to and from the desktop: where to save (the native dialog, or an
//! answer that there is none), "Show in folder" after an export and "Open
//! original" in the reader. The only place the window starts another
//! program, and it never waits for it.

use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What the window asks the desktop to do with a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenRequest {
    /// Show the folder that holds this file.
    ShowInFolder(PathBuf),
    /// Open the file with the program the desktop uses for it.
    Open(PathBuf),
}

/// Carries out an [`OpenRequest`]; tests put a recorder here.
pub type Opener = Arc<dyn Fn(&OpenRequest) -> std::io::Result<()> + Send + Sync>;

/// What a native dialog answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveAnswer {
    Chosen(PathBuf),
    /// The user closed the dialog.
    Cancelled,
    /// No dialog could be shown (no portal, no desktop): the window asks in
    /// its own way instead.
    Unavailable,
}

/// What a save dialog is asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveRequest {
    pub title: String,
    /// The filter's name and extension, e.g. ("CSV", "csv").
    pub filter: (String, String),
    pub file_name: String,
}

/// Shows a save dialog; tests put a scripted answer here.
pub type SaveDialog = Arc<dyn Fn(&SaveRequest) -> SaveAnswer + Send + Sync>;

/// The native save dialog (rfd over the XDG portal on Linux). An answer
/// that comes back at once means no dialog was shown: a person takes longer
/// than 300 ms to cancel one.
pub fn system_save_dialog() -> SaveDialog {
    Arc::new(|request: &SaveRequest| {
        let asked = std::time::Instant::now();
        let chosen = rfd::FileDialog::new()
            .set_title(&request.title)
            .add_filter(&request.filter.0, &[request.filter.1.as_str()])
            .set_file_name(&request.file_name)
            .save_file();
        answer(asked, chosen)
    })
}

/// What a native dialog asked at `asked` answered with `chosen`: nothing,
/// at once, means no dialog was shown (a person takes longer than 300 ms
/// to cancel one).
pub fn answer(asked: std::time::Instant, chosen: Option<PathBuf>) -> SaveAnswer {
    match chosen {
        Some(path) => SaveAnswer::Chosen(path),
        None if asked.elapsed() < std::time::Duration::from_millis(300) => SaveAnswer::Unavailable,
        None => SaveAnswer::Cancelled,
    }
}

/// The desktop's own opener: `xdg-open` on Linux and the BSDs, `open` on
/// macOS, Explorer on Windows. The program is started and left to run.
pub fn system_opener() -> Opener {
    Arc::new(|request: &OpenRequest| {
        let mut command = command_for(request);
        command
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        let mut child = command.spawn()?;
        // Reap it off the window's thread so no zombie is left behind.
        std::thread::spawn(move || child.wait());
        Ok(())
    })
}

fn command_for(request: &OpenRequest) -> std::process::Command {
    let (path, reveal) = match request {
        OpenRequest::ShowInFolder(path) => (path.as_path(), true),
        OpenRequest::Open(path) => (path.as_path(), false),
    };
    if cfg!(target_os = "macos") {
        let mut command = std::process::Command::new("open");
        if reveal {
            command.arg("-R");
        }
        command.arg(path);
        command
    } else if cfg!(windows) {
        let mut command = std::process::Command::new("explorer");
        if reveal {
            let mut arg = std::ffi::OsString::from("/select,");
            arg.push(path);
            command.arg(arg);
        } else {
            command.arg(path);
        }
        command
    } else {
        // xdg-open cannot select a file in its folder: it opens the folder.
        let target = if reveal { folder_of(path) } else { path };
        let mut command = std::process::Command::new("xdg-open");
        command.arg(target);
        command
    }
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn showing_a_file_opens_its_folder_and_opening_opens_the_file() {
        let file = Path::new("/data/news/.knowmap/export/map.svg");
        let reveal = command_for(&OpenRequest::ShowInFolder(file.to_owned()));
        let open = command_for(&OpenRequest::Open(file.to_owned()));
        let args = |c: &std::process::Command| {
            c.get_args()
                .map(|a| a.to_string_lossy().into_owned())
                .collect::<Vec<_>>()
        };
        if cfg!(all(unix, not(target_os = "macos"))) {
            assert_eq!(reveal.get_program(), "xdg-open");
            assert_eq!(args(&reveal), ["/data/news/.knowmap/export"]);
            assert_eq!(args(&open), ["/data/news/.knowmap/export/map.svg"]);
        }
        assert_eq!(folder_of(Path::new("map.svg")), Path::new("."));
    }
}
