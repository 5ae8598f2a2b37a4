//! Folder → source files: a deterministic, symlink-safe walk and parallel,
//! size-capped reads. Every problem becomes a [`Warning`], never an abort.

use std::collections::HashSet;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;

use super::{CorpusError, Warning};

/// How a folder is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadSettings {
    /// Files larger than this many bytes are skipped with a warning.
    pub max_file_size: u64,
    /// Follow symbolic links that stay inside the folder (never outside it).
    pub follow_links: bool,
    /// Folders nested deeper than this are not entered.
    pub max_depth: usize,
}

impl Default for ReadSettings {
    fn default() -> Self {
        Self {
            max_file_size: 20 * 1024 * 1024,
            follow_links: false,
            max_depth: 4096,
        }
    }
}

/// Files read so far, for progress bars; setting `cancelled` stops reading.
#[derive(Debug, Default)]
pub struct Progress {
    pub done: AtomicUsize,
    pub total: AtomicUsize,
    pub cancelled: AtomicBool,
}

/// One file found in the folder, before decoding.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the folder, with `/` separators.
    pub path: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// When the file was last changed: an article's date of last resort.
    pub modified: Option<std::time::SystemTime>,
}

/// Lists the article files below `root` in the order of their relative paths.
///
/// Hidden entries (names starting with `.`) are ignored; symbolic links are
/// skipped with a warning unless `settings.follow_links` is set, and even then
/// a link that leads outside `root` or back into a folder already walked is
/// skipped. Runs in O(entries · log entries).
///
/// # Errors
/// [`CorpusError::NotAFolder`] when `root` is missing or is not a directory.
pub fn list_files(
    root: &Path,
    settings: &ReadSettings,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<(String, PathBuf)>, CorpusError> {
    let meta = std::fs::metadata(root).map_err(|source| CorpusError::NotAFolder {
        path: root.to_path_buf(),
        reason: source.to_string(),
    })?;
    if !meta.is_dir() {
        return Err(CorpusError::NotAFolder {
            path: root.to_path_buf(),
            reason: "it is a file, not a folder".into(),
        });
    }
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut visited: HashSet<PathBuf> = HashSet::from([canonical_root.clone()]);
    let mut files = Vec::new();
    // An explicit stack, not recursion: a folder may be nested thousands deep.
    let mut stack: Vec<(PathBuf, usize)> = vec![(root.to_path_buf(), 0)];
    while let Some((dir, depth)) = stack.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(error) => {
                warnings.push(Warning::new(
                    relative(root, &dir),
                    format!("folder skipped: {error}"),
                ));
                continue;
            }
        };
        for entry in entries {
            let Ok(entry) = entry else { continue };
            let name = entry.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            let path = entry.path();
            let Ok(file_type) = entry.file_type() else {
                continue;
            };
            let (is_dir, is_file, open_at) = if file_type.is_symlink() {
                let rel = relative(root, &path);
                if !settings.follow_links {
                    if has_article_extension(&path) || path.is_dir() {
                        warnings.push(Warning::new(rel, "symbolic link not followed"));
                    }
                    continue;
                }
                let Ok(target) = path.canonicalize() else {
                    warnings.push(Warning::new(rel, "broken symbolic link skipped"));
                    continue;
                };
                if !target.starts_with(&canonical_root) {
                    warnings.push(Warning::new(
                        rel,
                        "symbolic link leads outside the folder; not followed",
                    ));
                    continue;
                }
                (target.is_dir(), target.is_file(), target)
            } else {
                (file_type.is_dir(), file_type.is_file(), path.clone())
            };
            if is_dir {
                if is_saved_page_assets(&path) {
                    continue;
                }
                if depth + 1 > settings.max_depth {
                    warnings.push(Warning::new(
                        relative(root, &path),
                        format!(
                            "folder nested deeper than {} levels; not read",
                            settings.max_depth
                        ),
                    ));
                    continue;
                }
                let key = path.canonicalize().unwrap_or_else(|_| path.clone());
                if visited.insert(key) {
                    stack.push((path, depth + 1));
                } else {
                    warnings.push(Warning::new(
                        relative(root, &path),
                        "folder already read through another link; skipped",
                    ));
                }
            } else if is_file && has_article_extension(&path) {
                if is_folder_documentation(&path) {
                    warnings.push(Warning::new(
                        relative(root, &path),
                        "not read: by its name the folder's own documentation (README, \
                         LICENSE, SOURCE…), not an article; rename it to read it",
                    ));
                } else {
                    // A followed link is opened at its (checked) target, so
                    // the open itself never follows a link: see `read_one`.
                    files.push((relative(root, &path), open_at));
                }
            }
        }
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(files)
}

/// Reads the listed files in parallel, keeping their order. Files that
/// cannot be read, are too large or look binary are left out with a warning.
pub fn read_files(
    files: &[(String, PathBuf)],
    settings: &ReadSettings,
    warnings: &mut Vec<Warning>,
    progress: &Progress,
) -> Vec<SourceFile> {
    progress.total.store(files.len(), Ordering::Relaxed);
    let results: Vec<Result<SourceFile, Warning>> = files
        .par_iter()
        .map(|(rel, path)| {
            let result = if progress.cancelled.load(Ordering::Relaxed) {
                Err(Warning::new(rel.clone(), "not read: loading was cancelled"))
            } else {
                read_one(rel, path, settings.max_file_size)
            };
            progress.done.fetch_add(1, Ordering::Relaxed);
            result
        })
        .collect();
    let mut out = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(file) => out.push(file),
            Err(warning) => warnings.push(warning),
        }
    }
    out
}

fn read_one(rel: &str, path: &Path, cap: u64) -> Result<SourceFile, Warning> {
    let skip = |message: String| Warning::new(rel.to_owned(), message);
    // Opened without following a link and checked on the open file: an
    // article swapped for a link (or a FIFO) after the walk is not read.
    let (file, meta) = super::knowmap_dir::open_regular(path).map_err(|e| match e {
        super::knowmap_dir::SafeFileError::Symlink { .. } => skip(
            "symbolic link not followed (it replaced the file while the folder was read)".into(),
        ),
        super::knowmap_dir::SafeFileError::NotRegular { what, .. } => {
            skip(format!("skipped: it is {what}"))
        }
        super::knowmap_dir::SafeFileError::Io { source, .. } => {
            skip(format!("cannot be read: {source}"))
        }
        other => skip(other.to_string()),
    })?;
    let len = meta.len();
    // A zip archive holds many articles: its own limit is larger (each
    // entry still has the per-file one).
    let cap = if super::formats::archive::is_zip(rel) {
        cap.saturating_mul(ARCHIVE_CAP_FACTOR)
    } else {
        cap
    };
    if len > cap {
        return Err(skip(format!(
            "file skipped: {} is over the size limit of {}",
            human_size(len),
            human_size(cap)
        )));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    // Read at most cap + 1 bytes: a file that grows while we read stays bounded.
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| skip(format!("cannot be read: {e}")))?;
    if bytes.len() as u64 > cap {
        return Err(skip(format!(
            "file skipped: it grew over the size limit of {} while being read",
            human_size(cap)
        )));
    }
    let binary_format = super::formats::Format::of(rel)
        .is_some_and(super::formats::Format::is_binary)
        || super::formats::archive::is_zip(rel);
    if !binary_format && super::decode::looks_binary(&bytes) {
        return Err(skip(
            "binary file skipped (NUL bytes near the start)".into(),
        ));
    }
    Ok(SourceFile {
        path: rel.to_owned(),
        bytes,
        modified: meta.modified().ok(),
    })
}

fn has_article_extension(path: &Path) -> bool {
    // By the ending alone: the rest of the name need not be UTF-8.
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        super::formats::Format::of_extension(e).is_some() || e.eq_ignore_ascii_case("zip")
    })
}

/// A corpus folder's own documentation ("README.md", "LICENSE.txt",
/// "SOURCE.txt"): what the collection is and where it comes from, not a
/// story. Read as one, it brings the collector's and the licence's names
/// onto the map.
fn is_folder_documentation(path: &Path) -> bool {
    let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
        return false;
    };
    [
        "readme",
        "license",
        "licence",
        "copying",
        "source",
        "sources",
        "changelog",
        "authors",
        "contributing",
        "notice",
    ]
    .iter()
    .any(|d| stem.eq_ignore_ascii_case(d))
}

/// A zip archive may be this many times the per-file size limit.
const ARCHIVE_CAP_FACTOR: u64 = 10;

/// A browser's "save page, complete" keeps `Page_files/` beside
/// `Page.html`: images, scripts and frames, never the story.
fn is_saved_page_assets(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let Some(stem) = name.strip_suffix("_files") else {
        return false;
    };
    ["html", "htm", "xhtml"]
        .iter()
        .any(|e| path.with_file_name(format!("{stem}.{e}")).is_file())
}

/// `path` relative to `root`, with `/` separators; names that are not valid
/// UTF-8 are shown lossily.
fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.is_empty() {
        ".".into()
    } else {
        parts.join("/")
    }
}

/// A byte count for people: "20.0 MiB".
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["B", "KiB", "MiB", "GiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}
