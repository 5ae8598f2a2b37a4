//! Files in and out: the JSON graph document, graph exports, layout files.
//!
//! Knows the model layers; knows nothing of egui.

pub mod edges;
pub mod export;
pub mod json;
pub mod layout_file;
pub mod picture;
pub mod raster;

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::corpus::knowmap_dir::{describe_non_regular, read_regular};

/// Writes `bytes` to `path` atomically (see [`write_atomic_with`]).
///
/// # Errors
/// Any I/O error, or a refusal when `path` is not a regular file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, |w| w.write_all(bytes))
}

/// Writes what `write` produces to `path` atomically: a temporary file
/// created new in the same folder (never opened through a link: a random
/// name, `O_EXCL`), flushed and synced, then renamed over the target and
/// the folder synced. A failure leaves any existing file untouched. Only a
/// regular file or a new path is ever replaced: a symbolic link, device,
/// FIFO or folder at `path` is refused, so `--json /dev/full` cannot turn a
/// device into a file and nothing is written through a link.
///
/// # Errors
/// Any I/O error from `write` or from the file system, or the refusal.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    check_replaceable(path)?;
    let dir = parent_of(path);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "knowmap".into());
    let (file, tmp) = create_temporary(dir, &name)?;
    let result = (|| {
        let mut buffered = std::io::BufWriter::with_capacity(1 << 16, file);
        write(&mut buffered)?;
        buffered.flush()?;
        let file = buffered
            .into_inner()
            .map_err(std::io::IntoInnerError::into_error)?;
        file.sync_all()?;
        drop(file);
        // Checked again just before the rename: the window is as small as
        // the platform allows (renaming never follows a link anyway).
        check_replaceable(path)?;
        std::fs::rename(&tmp, path)?;
        sync_dir(dir);
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Refuses a target that is neither missing nor a regular file.
///
/// # Errors
/// [`std::io::ErrorKind::InvalidInput`] naming what the path is.
pub fn check_replaceable(path: &Path) -> std::io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(error) => Err(error),
        Ok(meta) => match describe_non_regular(meta.file_type()) {
            None => Ok(()),
            Some(what) => Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!(
                    "{} is {what}; knowmap only replaces regular files (give a new path or a regular file)",
                    path.display()
                ),
            )),
        },
    }
}

/// Refuses an output path that is one of `corpus`'s articles, and anything
/// [`check_replaceable`] refuses.
///
/// # Errors
/// [`std::io::ErrorKind::InvalidInput`] saying why.
pub fn check_output(path: &Path, corpus: &crate::corpus::Corpus) -> std::io::Result<()> {
    check_replaceable(path)?;
    let (Some(root), Ok(target)) = (corpus.root.as_deref(), std::fs::metadata(path)) else {
        return Ok(());
    };
    let same = |other: &std::fs::Metadata| {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt as _;
            other.dev() == target.dev() && other.ino() == target.ino()
        }
        #[cfg(not(unix))]
        {
            let _ = other;
            false
        }
    };
    let canonical = path.canonicalize().ok();
    for article in &corpus.articles {
        let article_path = root.join(&article.path);
        let is_it = std::fs::metadata(&article_path).is_ok_and(|m| same(&m))
            || (canonical.is_some() && article_path.canonicalize().ok() == canonical);
        if is_it {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!(
                    "{} is the article {} of the corpus; knowmap never overwrites an article",
                    path.display(),
                    article.path
                ),
            ));
        }
    }
    Ok(())
}

/// Keeps the current content of the regular file `path` under the name
/// `to`, without ever writing to `to` (which may be a link): a hard link
/// (or, where the file system has none, a copy into a new file) under a
/// temporary name, renamed over `to`. With `replace` false an existing `to`
/// is an error instead.
///
/// # Errors
/// Any I/O error; `path` is never changed.
pub fn keep_copy(path: &Path, to: &Path, replace: bool) -> std::io::Result<()> {
    let dir = parent_of(to);
    let name = to
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "knowmap".into());
    if !replace {
        // A link made straight under the final name fails if it exists.
        return match std::fs::hard_link(path, to) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
            Err(_) => {
                let bytes = read_regular(path, u64::MAX)
                    .map_err(|e| std::io::Error::other(e.to_string()))?;
                let mut file = new_file(to)?;
                file.write_all(&bytes)?;
                file.sync_all()
            }
        };
    }
    let tmp = loop_names(dir, &name, |tmp| std::fs::hard_link(path, tmp)).or_else(|_| {
        let bytes =
            read_regular(path, u64::MAX).map_err(|e| std::io::Error::other(e.to_string()))?;
        let (mut file, tmp) = create_temporary(dir, &name)?;
        let written = file.write_all(&bytes).and_then(|()| file.sync_all());
        if let Err(error) = written {
            let _ = std::fs::remove_file(&tmp);
            return Err(error);
        }
        Ok(tmp)
    })?;
    if let Err(error) = std::fs::rename(&tmp, to) {
        let _ = std::fs::remove_file(&tmp);
        return Err(error);
    }
    sync_dir(dir);
    Ok(())
}

/// Removes temporary files left by saves that were killed (names
/// `.NAME.XXXX.tmp` in `dir`, older than ten minutes). Links are removed,
/// never followed.
pub fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let now = std::time::SystemTime::now();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with('.') && name.ends_with(".tmp")) {
            continue;
        }
        let Ok(meta) = std::fs::symlink_metadata(entry.path()) else {
            continue;
        };
        let old = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|age| age.as_secs() > 600);
        if old && !meta.is_dir() {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Creates the folder an output goes into. Below a `.knowmap/`, that folder
/// and every one down to `dir` must be real directories (no link is
/// followed); elsewhere the folders are created as needed.
///
/// # Errors
/// When a folder cannot be created or one below `.knowmap/` is a link.
pub fn create_output_dir(dir: &Path) -> std::io::Result<()> {
    let Some(knowmap) = dir
        .ancestors()
        .find(|a| a.file_name().is_some_and(|n| n == ".knowmap"))
    else {
        return std::fs::create_dir_all(dir);
    };
    let folder = knowmap.parent().unwrap_or_else(|| Path::new("."));
    crate::corpus::knowmap_dir::KnowmapDir::of(folder)
        .ensure()
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e.to_string()))?;
    let below: Vec<&Path> = dir.ancestors().take_while(|a| *a != knowmap).collect();
    for sub in below.into_iter().rev() {
        match std::fs::symlink_metadata(sub) {
            Ok(meta) if meta.file_type().is_dir() => {}
            Ok(meta) => {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    format!(
                        "{} is {}; knowmap writes only into real folders here",
                        sub.display(),
                        describe_non_regular(meta.file_type()).unwrap_or("a file")
                    ),
                ));
            }
            Err(_) => std::fs::create_dir(sub)?,
        }
    }
    Ok(())
}

fn parent_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."))
}

/// A new file that did not exist before (never a link followed).
fn new_file(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC);
        options.mode(0o644);
    }
    options.open(path)
}

/// Tries `make` on fresh random temporary names in `dir` until one does
/// not exist yet.
fn loop_names(
    dir: &Path,
    name: &str,
    mut make: impl FnMut(&Path) -> std::io::Result<()>,
) -> std::io::Result<PathBuf> {
    let mut last = None;
    for _ in 0..16 {
        let tmp = dir.join(format!(".{name}.{:016x}.tmp", random_u64()));
        match make(&tmp) {
            Ok(()) => return Ok(tmp),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no free temporary name")))
}

fn create_temporary(dir: &Path, name: &str) -> std::io::Result<(std::fs::File, PathBuf)> {
    let mut file = None;
    let tmp = loop_names(dir, name, |tmp| {
        file = Some(new_file(tmp)?);
        Ok(())
    })?;
    let file = file.ok_or_else(|| std::io::Error::other("temporary file lost"))?;
    Ok((file, tmp))
}

/// Unpredictable enough that a planted file cannot claim the name: the
/// standard library's randomly keyed hasher over the time, the process and
/// a counter.
fn random_u64() -> u64 {
    use std::hash::{BuildHasher as _, Hasher as _};
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
    hasher.write_u32(std::process::id());
    if let Ok(now) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        hasher.write_u128(now.as_nanos());
    }
    hasher.finish()
}

/// Makes a rename durable where the platform allows it.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(handle) = std::fs::File::open(dir) {
        let _ = handle.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}
