//! The open folder, watched: articles added, changed or removed are read
//! again in the background and merged into the map without losing places,
//! pins, corrections, dates, filters or the selection.
//!
//! Polling, not file-system events: every [`Options::watch_interval`] the
//! folder's article files are listed (the same walk the reader does, so
//! `.knowmap/` and hidden files never count) with their sizes and
//! modification times. A change is acted on only once the listing is the
//! same at two checks in a row, so a burst of changes is one reload and a
//! file still being written is read once it stops growing. A listing of a
//! few thousand files costs milliseconds, and [`Session::watch_tick`] (the
//! window's) makes it on a background thread all the same.
//!
//! The reload keeps the work as the layout file would: the current
//! arrangement is taken as an in-memory layout file before reading and
//! applied by node key afterwards (new nodes start beside their placed
//! neighbours; nodes whose articles are gone disappear). Undo history is
//! cleared, as node indices change.

use std::hash::{Hash as _, Hasher as _};
use std::time::{Duration, Instant};

use crate::io::layout_file::{Fingerprint, LayoutFile};

use super::{Command, Session, StatusKind};

/// Where the watch of the open folder stands.
#[derive(Debug, Default)]
pub struct FolderWatch {
    /// The listing the map was read from.
    read: Option<u64>,
    /// A different listing seen at the last check, waiting to be the same
    /// at the next one.
    pending: Option<u64>,
    last_check: Option<Instant>,
    /// A listing being made in the background (the window never walks
    /// the folder on its own thread).
    listing: Option<std::sync::mpsc::Receiver<Option<u64>>>,
}

/// What a reload keeps: the arrangement before it and the articles then.
#[derive(Debug, Clone)]
pub(crate) struct Refresh {
    pub(crate) file: LayoutFile,
    pub(crate) before: Fingerprint,
    pub(crate) dirty: bool,
}

/// The default time between two checks in the window.
pub const WATCH_INTERVAL: Duration = Duration::from_secs(2);

impl Session {
    /// Checks the open folder if the interval has passed (the window calls
    /// this every frame); starts a reload when a change has settled.
    /// The listing is made on a background thread; its result is taken
    /// at a later tick.
    pub fn watch_tick(&mut self) {
        let Some(interval) = self.options.watch_interval else {
            return;
        };
        if let Some(receiver) = &self.watch.listing {
            match receiver.try_recv() {
                Ok(listing) => {
                    self.watch.listing = None;
                    if let (Some(listing), Some(root)) = (listing, self.watched_root()) {
                        self.consider(root, listing);
                    }
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => {}
                Err(std::sync::mpsc::TryRecvError::Disconnected) => self.watch.listing = None,
            }
            return;
        }
        if self
            .watch
            .last_check
            .is_some_and(|t| t.elapsed() < interval)
        {
            return;
        }
        self.watch.last_check = Some(Instant::now());
        let Some(root) = self.watched_root() else {
            return;
        };
        let (send, receive) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("knowmap-watch".into())
            .spawn(move || {
                let _ = send.send(listing(&root));
            });
        if spawned.is_ok() {
            self.watch.listing = Some(receive);
        }
    }

    /// Checks the open folder now, on this thread: true when a reload was
    /// started.
    pub fn watch_now(&mut self) -> bool {
        self.watch.last_check = Some(Instant::now());
        let Some(root) = self.watched_root() else {
            return false;
        };
        let Some(listing) = listing(&root) else {
            return false;
        };
        self.consider(root, listing)
    }

    /// The folder to watch: the open one, unless a load is under way.
    fn watched_root(&self) -> Option<std::path::PathBuf> {
        if self.loading.is_some() {
            return None;
        }
        self.model.as_ref().and_then(|m| m.corpus.root.clone())
    }

    /// Acts on a listing of `root`: true when a reload was started.
    fn consider(&mut self, root: std::path::PathBuf, listing: u64) -> bool {
        if self.watch.read.is_none() {
            self.watch.read = Some(listing);
            return false;
        }
        if self.watch.read == Some(listing) {
            self.watch.pending = None;
            return false;
        }
        if self.watch.pending != Some(listing) {
            // Changed since the last check: wait until it holds still.
            self.watch.pending = Some(listing);
            return false;
        }
        self.watch.pending = None;
        self.watch.read = Some(listing);
        self.reload(root);
        true
    }

    /// Reads the open folder again, keeping the current work.
    fn reload(&mut self, root: std::path::PathBuf) {
        let Some(file) = self.layout_file() else {
            return;
        };
        let before = self
            .model
            .as_ref()
            .map(|m| Fingerprint::of(&m.corpus))
            .unwrap_or_default();
        let dirty = self.dirty;
        let _ = self.apply(Command::OpenFolder(Some(root)));
        self.refresh = Some(Refresh {
            file,
            before,
            dirty,
        });
    }

    /// After a load: the listing it was read from becomes the watched one.
    pub(crate) fn watch_reset(&mut self, listing: Option<u64>) {
        self.watch = FolderWatch::default();
        self.watch.read = listing;
    }

    /// The status line after a reload: what changed.
    pub(crate) fn report_refresh(&mut self, before: &Fingerprint) {
        let Some(model) = &self.model else { return };
        let (added, removed, changed) = before.compare(&Fingerprint::of(&model.corpus));
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        self.set_status(
            StatusKind::Info,
            format!(
                "The folder changed: {added} article{} added, {changed} changed, {removed} removed; places, pins and corrections kept",
                plural(added)
            ),
        );
    }
}

/// A hash of the folder's article files with their sizes and modification
/// times; `None` when the folder cannot be listed.
pub(crate) fn listing(root: &std::path::Path) -> Option<u64> {
    let mut warnings = Vec::new();
    let files = crate::corpus::read::list_files(
        root,
        &crate::corpus::ReadSettings::default(),
        &mut warnings,
    )
    .ok()?;
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for (rel, path) in files {
        rel.hash(&mut hasher);
        if let Ok(meta) = std::fs::symlink_metadata(&path) {
            meta.len().hash(&mut hasher);
            meta.modified().ok().hash(&mut hasher);
        }
    }
    Some(hasher.finish())
}
