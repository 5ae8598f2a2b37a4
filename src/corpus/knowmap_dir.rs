//! The folder's own `.knowmap/` directory, and the rules for every file
//! knowmap reads beside the articles.
//!
//! A folder a user downloads or unzips can carry a `.knowmap/` of its own, so
//! it is as untrusted as the articles: [`KnowmapDir`] owns every path under
//! it, and [`read_regular`] applies the reader's rules to each file (regular
//! files only, symbolic links never followed, a size cap per kind that holds
//! even when the file grows while it is read, no blocking on a FIFO). Writes
//! live in [`crate::io`]; this module only names paths and reads.

use std::io::Read as _;
use std::path::{Path, PathBuf};

/// The kinds of file kept in `.knowmap/`, each with its size cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SidecarFile {
    /// `layout.json`: positions, views, corrections.
    Layout,
    /// `autosave.json`: unsaved changes of the last session.
    Autosave,
    /// `aliases.tsv`: the user's thesaurus.
    Aliases,
    /// `boilerplate.txt`: extra furniture phrases.
    Boilerplate,
}

/// Layout and autosave files larger than this are refused (a real layout of
/// 35,000 nodes is about 10 MB; parsing one costs about 2.5× its size).
pub const LAYOUT_CAP: u64 = 256 * 1024 * 1024;
/// Word lists (`aliases.tsv`, `boilerplate.txt`) larger than this are refused.
pub const LIST_CAP: u64 = 4 * 1024 * 1024;

impl SidecarFile {
    /// The file's name inside `.knowmap/`.
    pub fn file_name(self) -> &'static str {
        match self {
            Self::Layout => "layout.json",
            Self::Autosave => "autosave.json",
            Self::Aliases => "aliases.tsv",
            Self::Boilerplate => "boilerplate.txt",
        }
    }

    /// The most bytes knowmap reads from such a file.
    pub fn cap(self) -> u64 {
        match self {
            Self::Layout | Self::Autosave => LAYOUT_CAP,
            Self::Aliases | Self::Boilerplate => LIST_CAP,
        }
    }
}

/// Why a file was not read (or not written) as asked.
#[derive(Debug, thiserror::Error)]
pub enum SafeFileError {
    #[error("{path} is a symbolic link; knowmap does not follow links here")]
    Symlink { path: PathBuf },
    #[error("{path} is {what}, not a regular file")]
    NotRegular { path: PathBuf, what: &'static str },
    #[error("{path} is {}, over the limit of {}", super::read::human_size(*.size), super::read::human_size(*.cap))]
    TooLarge { path: PathBuf, size: u64, cap: u64 },
    #[error("{path} grew over the limit of {} while being read", super::read::human_size(*.cap))]
    Grew { path: PathBuf, cap: u64 },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl SafeFileError {
    /// The path the error is about.
    pub fn path(&self) -> &Path {
        match self {
            Self::Symlink { path }
            | Self::NotRegular { path, .. }
            | Self::TooLarge { path, .. }
            | Self::Grew { path, .. }
            | Self::Io { path, .. } => path,
        }
    }

    /// True when the file simply is not there.
    pub fn is_not_found(&self) -> bool {
        matches!(self, Self::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound)
    }
}

/// What a directory entry is, in words, for messages; `None` for a regular
/// file.
pub fn describe_non_regular(file_type: std::fs::FileType) -> Option<&'static str> {
    if file_type.is_file() {
        return None;
    }
    if file_type.is_symlink() {
        return Some("a symbolic link");
    }
    if file_type.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if file_type.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return Some("a device");
        }
        if file_type.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a regular file")
}

/// Opens `path` for reading without following a symbolic link in its last
/// component and without blocking on a FIFO, and checks what was opened is
/// a regular file (checked on the open file, so a swap after the check
/// changes nothing).
///
/// # Errors
/// [`SafeFileError::Symlink`], [`SafeFileError::NotRegular`] or
/// [`SafeFileError::Io`].
pub fn open_regular(path: &Path) -> Result<(std::fs::File, std::fs::Metadata), SafeFileError> {
    let io = |source| SafeFileError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC);
    }
    #[cfg(not(unix))]
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(SafeFileError::Symlink {
            path: path.to_path_buf(),
        });
    }
    let file = match options.open(path) {
        Ok(file) => file,
        Err(error) => {
            // O_NOFOLLOW on a link fails with ELOOP: say what it was.
            if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
                return Err(SafeFileError::Symlink {
                    path: path.to_path_buf(),
                });
            }
            return Err(io(error));
        }
    };
    let meta = file.metadata().map_err(io)?;
    if let Some(what) = describe_non_regular(meta.file_type()) {
        return Err(SafeFileError::NotRegular {
            path: path.to_path_buf(),
            what,
        });
    }
    Ok((file, meta))
}

/// Reads a regular file of at most `cap` bytes (see [`open_regular`]).
/// At most `cap + 1` bytes are ever read, so a file that grows, or a device
/// swapped in, stays bounded.
///
/// # Errors
/// As [`open_regular`], plus [`SafeFileError::TooLarge`] and
/// [`SafeFileError::Grew`].
pub fn read_regular(path: &Path, cap: u64) -> Result<Vec<u8>, SafeFileError> {
    let (file, meta) = open_regular(path)?;
    if meta.len() > cap {
        return Err(SafeFileError::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
            cap,
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| SafeFileError::Io {
            path: path.to_path_buf(),
            source,
        })?;
    if bytes.len() as u64 > cap {
        return Err(SafeFileError::Grew {
            path: path.to_path_buf(),
            cap,
        });
    }
    Ok(bytes)
}

/// The state of a folder's `.knowmap/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DirState {
    /// Not there yet; it is created on the first save.
    Missing,
    /// A real directory: read from and written into.
    Usable,
    /// A link or something else: neither read from nor written into.
    Refused(&'static str),
}

/// Every path knowmap keeps under `FOLDER/.knowmap/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnowmapDir {
    dir: PathBuf,
}

impl KnowmapDir {
    /// The `.knowmap/` of `folder`.
    pub fn of(folder: &Path) -> Self {
        Self {
            dir: folder.join(".knowmap"),
        }
    }

    /// The directory itself.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// The path of one of its files.
    pub fn file(&self, kind: SidecarFile) -> PathBuf {
        self.dir.join(kind.file_name())
    }

    /// Where exports go when no file dialog can ask.
    pub fn export_dir(&self) -> PathBuf {
        self.dir.join("export")
    }

    /// Whether the directory may be used (never follows a link).
    pub fn state(&self) -> DirState {
        match std::fs::symlink_metadata(&self.dir) {
            Err(_) => DirState::Missing,
            Ok(meta) if meta.file_type().is_dir() => DirState::Usable,
            Ok(meta) => {
                DirState::Refused(describe_non_regular(meta.file_type()).unwrap_or("a file"))
            }
        }
    }

    /// The refusal as an error, when the directory is not usable.
    fn refusal(&self) -> Option<SafeFileError> {
        match self.state() {
            DirState::Refused("a symbolic link") => Some(SafeFileError::Symlink {
                path: self.dir.clone(),
            }),
            DirState::Refused(what) => Some(SafeFileError::NotRegular {
                path: self.dir.clone(),
                what,
            }),
            _ => None,
        }
    }

    /// Reads one of its files, bounded by the kind's cap. `Ok(None)` when the
    /// file (or the directory) does not exist.
    ///
    /// # Errors
    /// A [`SafeFileError`] when `.knowmap` or the file is a link or not a
    /// regular file, is over the cap, or cannot be read.
    pub fn read(&self, kind: SidecarFile) -> Result<Option<Vec<u8>>, SafeFileError> {
        match self.state() {
            DirState::Missing => return Ok(None),
            DirState::Usable => {}
            DirState::Refused(_) => {
                return Err(self.refusal().unwrap_or(SafeFileError::Symlink {
                    path: self.dir.clone(),
                }));
            }
        }
        match read_regular(&self.file(kind), kind.cap()) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(error) if error.is_not_found() => Ok(None),
            Err(error) => Err(error),
        }
    }

    /// Creates the directory if it is missing.
    ///
    /// # Errors
    /// When `.knowmap` is a link or not a directory, or cannot be created.
    pub fn ensure(&self) -> Result<(), SafeFileError> {
        if let Some(error) = self.refusal() {
            return Err(error);
        }
        match std::fs::create_dir(&self.dir) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                // Something appeared meanwhile: check it again.
                self.refusal().map_or(Ok(()), Err)
            }
            Err(source) => Err(SafeFileError::Io {
                path: self.dir.clone(),
                source,
            }),
        }
    }

    /// Whether `path` lies inside this `.knowmap/` (by its parent folder).
    pub fn contains(&self, path: &Path) -> bool {
        path.parent().is_some_and(|p| p == self.dir)
    }
}

/// Reads a `.knowmap/` word list as text, with a warning for the folder's
/// warning list when it cannot be used.
pub fn read_list(folder: &Path, kind: SidecarFile) -> (Option<String>, Option<super::Warning>) {
    let label = format!(".knowmap/{}", kind.file_name());
    match KnowmapDir::of(folder).read(kind) {
        Ok(None) => (None, None),
        Ok(Some(bytes)) => match String::from_utf8(bytes) {
            Ok(text) => (Some(text), None),
            Err(e) => (
                Some(String::from_utf8_lossy(e.as_bytes()).into_owned()),
                Some(super::Warning::new(
                    label,
                    "not valid UTF-8; unreadable characters were replaced",
                )),
            ),
        },
        Err(error) => (
            None,
            Some(super::Warning::new(label, format!("not read: {error}"))),
        ),
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn links_fifos_and_devices_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside.txt");
        std::fs::write(&outside, "secret").unwrap();
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&outside, &link).unwrap();
        assert!(matches!(
            read_regular(&link, 100),
            Err(SafeFileError::Symlink { .. })
        ));
        assert!(matches!(
            read_regular(Path::new("/dev/zero"), 100),
            Err(SafeFileError::NotRegular { .. })
        ));
        assert!(matches!(
            read_regular(dir.path(), 100),
            Err(SafeFileError::NotRegular { .. })
        ));
        assert_eq!(read_regular(&outside, 100).unwrap(), b"secret");
        assert!(matches!(
            read_regular(&outside, 3),
            Err(SafeFileError::TooLarge { size: 6, .. })
        ));
    }

    #[test]
    fn a_linked_knowmap_folder_is_neither_read_nor_created() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = dir.path().join("elsewhere");
        std::fs::create_dir(&elsewhere).unwrap();
        std::fs::write(elsewhere.join("aliases.tsv"), "a\tb\n").unwrap();
        let folder = dir.path().join("corpus");
        std::fs::create_dir(&folder).unwrap();
        std::os::unix::fs::symlink(&elsewhere, folder.join(".knowmap")).unwrap();
        let knowmap = KnowmapDir::of(&folder);
        assert_eq!(knowmap.state(), DirState::Refused("a symbolic link"));
        assert!(knowmap.read(SidecarFile::Aliases).is_err());
        assert!(knowmap.ensure().is_err());
        let (text, warning) = read_list(&folder, SidecarFile::Aliases);
        assert!(text.is_none());
        assert!(warning.unwrap().message.contains("symbolic link"));
    }

    #[test]
    fn a_missing_folder_reads_as_nothing_and_is_created() {
        let dir = tempfile::tempdir().unwrap();
        let knowmap = KnowmapDir::of(dir.path());
        assert_eq!(knowmap.read(SidecarFile::Layout).unwrap(), None);
        knowmap.ensure().unwrap();
        assert_eq!(knowmap.state(), DirState::Usable);
        assert_eq!(knowmap.read(SidecarFile::Layout).unwrap(), None);
    }
}
