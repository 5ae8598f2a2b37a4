//! Reading a folder in the background: the stages, their progress, the
//! cancel switch, and a typed result.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::mpsc::{Receiver, channel};

use crate::corpus::{self, Corpus, CorpusError, ReadSettings};
use crate::graph::{Metrics, Model, ModelSettings};

/// What a load is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Reading,
    Extracting,
    Building,
}

impl Stage {
    pub const ALL: [Self; 3] = [Self::Reading, Self::Extracting, Self::Building];

    pub fn describe(self) -> &'static str {
        match self {
            Self::Reading => "Reading files",
            Self::Extracting => "Finding actors and topics",
            Self::Building => "Building the graph",
        }
    }

    fn from_u8(v: u8) -> Self {
        Self::ALL[usize::from(v).min(2)]
    }
}

/// Why a folder could not be opened (the open map stays).
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error(transparent)]
    Corpus(#[from] CorpusError),
}

/// Where a load is, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub stage: Stage,
    /// Files read and found, while reading.
    pub files: (usize, usize),
}

impl Progress {
    /// The share of the whole load done, 0 to 1: reading counts files, the
    /// later stages share the rest.
    pub fn fraction(&self) -> f32 {
        let (done, total) = self.files;
        match self.stage {
            Stage::Reading if total > 0 => done as f32 / total as f32 / 3.0,
            stage => (stage as u8 as f32 + 0.5) / 3.0,
        }
    }

    pub fn describe(&self) -> String {
        let (done, total) = self.files;
        match self.stage {
            Stage::Reading if total > 0 => {
                format!("{}: {done}/{total} files", Stage::Reading.describe())
            }
            stage => stage.describe().to_owned(),
        }
    }
}

/// A folder read to the end: what the window may want to remember.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Loaded {
    /// The folder (or the sample, `None`) is the map now.
    Opened(Option<PathBuf>),
    /// It could not be read; the map open before stays.
    Failed(Option<PathBuf>),
}

/// What the loading thread sends: the first map, then (unless it failed)
/// its betweenness and communities, which the first map does not wait for.
enum Message {
    Model(Result<Arc<Model>, LoadError>),
    Metrics(Metrics),
}

/// A corpus being read in the background.
pub(crate) struct Loading {
    pub(crate) folder: Option<PathBuf>,
    results: Receiver<Message>,
    stage: Arc<AtomicU8>,
    cancel: Arc<AtomicBool>,
    files: Arc<corpus::Progress>,
    /// Set once the session has made the map its own: the metrics wait
    /// for it, so the first frame does not share the cores with them.
    adopted: Arc<AtomicBool>,
    /// The folder's listing as it was read (for the watch), made on a
    /// thread of its own while the files are read.
    listing: Option<Receiver<Option<u64>>>,
}

impl Loading {
    /// Starts reading `folder` (the bundled sample with `None`).
    pub(crate) fn start(folder: Option<PathBuf>, waker: Option<super::Waker>) -> Self {
        let (tx, rx) = channel();
        let stage = Arc::new(AtomicU8::new(0));
        let cancel = Arc::new(AtomicBool::new(false));
        let files = Arc::new(corpus::Progress::default());
        let adopted = Arc::new(AtomicBool::new(false));
        let (stage_w, cancel_r, files_w, adopted_r) = (
            Arc::clone(&stage),
            Arc::clone(&cancel),
            Arc::clone(&files),
            Arc::clone(&adopted),
        );
        let target = folder.clone();
        let listing = folder.clone().and_then(|root| {
            let (send, receive) = channel();
            std::thread::Builder::new()
                .name("knowmap-listing".into())
                .spawn(move || {
                    let _ = send.send(super::watch::listing(&root));
                })
                .ok()
                .map(|_| receive)
        });
        std::thread::spawn(move || {
            let poke = |stage: Stage| {
                stage_w.store(stage as u8, Ordering::Relaxed);
                if let Some(wake) = &waker {
                    wake();
                }
            };
            let result = match &target {
                None => Ok(Corpus::sample()),
                Some(path) => {
                    corpus::read_folder_with_progress(path, &ReadSettings::default(), &files_w)
                }
            };
            let model = match result {
                Ok(corpus) if !cancel_r.load(Ordering::Relaxed) => {
                    poke(Stage::Extracting);
                    Arc::new(Model::build_without_metrics(
                        corpus,
                        &ModelSettings::default(),
                        &mut |_| poke(Stage::Building),
                    ))
                }
                Ok(_) => return,
                Err(error) => {
                    if !cancel_r.load(Ordering::Relaxed) {
                        let _ = tx.send(Message::Model(Err(LoadError::from(error))));
                    }
                    poke(Stage::Building);
                    return;
                }
            };
            if cancel_r.load(Ordering::Relaxed)
                || tx.send(Message::Model(Ok(Arc::clone(&model)))).is_err()
            {
                return;
            }
            poke(Stage::Building);
            // The metrics start once the map is the session's, and work on a
            // copy of the links (a few MB), so the model is not held here
            // and the session may complete it in place when they come.
            while !adopted_r.load(Ordering::Relaxed) {
                if cancel_r.load(Ordering::Relaxed) {
                    return;
                }
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
            let adjacency = model.graph.adjacency();
            drop(model);
            // On threads of their own: in the shared pool, their long jobs
            // would hold up the window's sorts and the layout behind them.
            let metrics = match rayon::ThreadPoolBuilder::new()
                .num_threads(std::thread::available_parallelism().map_or(2, |n| n.get()))
                .thread_name(|i| format!("knowmap-metrics-{i}"))
                .build()
            {
                Ok(pool) => pool.install(|| Metrics::of_until(&adjacency, &cancel_r)),
                Err(_) => Metrics::of_until(&adjacency, &cancel_r),
            };
            if let Some(metrics) = metrics
                && !cancel_r.load(Ordering::Relaxed)
                && tx.send(Message::Metrics(metrics)).is_ok()
            {
                poke(Stage::Building);
            }
        });
        Self {
            folder,
            results: rx,
            stage,
            cancel,
            files,
            adopted,
            listing,
        }
    }

    /// The first map (or why there is none), if it has arrived.
    fn try_take(&self) -> Option<Result<Arc<Model>, LoadError>> {
        match self.results.try_recv().ok()? {
            Message::Model(result) => Some(result),
            Message::Metrics(_) => None,
        }
    }

    /// The map's betweenness and communities, once computed; `Err` when
    /// they will never come (the thread ended).
    fn try_take_metrics(&self) -> Result<Option<Metrics>, ()> {
        match self.results.try_recv() {
            Ok(Message::Metrics(metrics)) => Ok(Some(metrics)),
            Ok(Message::Model(_)) | Err(std::sync::mpsc::TryRecvError::Disconnected) => Err(()),
            Err(std::sync::mpsc::TryRecvError::Empty) => Ok(None),
        }
    }

    pub(crate) fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
        self.files.cancelled.store(true, Ordering::Relaxed);
    }

    pub(crate) fn progress(&self) -> Progress {
        Progress {
            stage: Stage::from_u8(self.stage.load(Ordering::Relaxed)),
            files: (
                self.files.done.load(Ordering::Relaxed),
                self.files.total.load(Ordering::Relaxed),
            ),
        }
    }
}

/// A load that is let go (another folder opened, the session closed) tells
/// its thread to stop: a replaced map's betweenness and communities no
/// longer take a core from the next load.
impl Drop for Loading {
    fn drop(&mut self) {
        self.cancel();
    }
}

impl super::Session {
    /// Where the load under way is.
    pub fn load_progress(&self) -> Option<Progress> {
        self.loading.as_ref().map(Loading::progress)
    }

    /// Takes a finished load, if any: the new map replaces the old one
    /// (with the folder's saved layout applied), or a failure is reported
    /// and the open map stays.
    pub fn poll_loading(&mut self) -> Option<Loaded> {
        self.poll_metrics();
        let result = self.loading.as_ref()?.try_take()?;
        let mut loading = self.loading.take()?;
        let folder = loading.folder.clone();
        match result {
            Ok(model) => {
                // Listed while the files were read: long done by now.
                let listing = loading.listing.take().and_then(|r| r.recv().ok().flatten());
                self.adopt_model(model, listing);
                loading.adopted.store(true, Ordering::Relaxed);
                // Its betweenness and communities follow.
                self.finishing = Some(loading);
                Some(Loaded::Opened(folder))
            }
            Err(error) => {
                log::warn!("{error}");
                self.set_status(super::StatusKind::Error, error.to_string());
                Some(Loaded::Failed(folder))
            }
        }
    }

    /// True while the open map's betweenness and communities are still
    /// being computed (nodes have 0 and one community until then).
    pub fn metrics_pending(&self) -> bool {
        self.finishing.is_some()
    }

    /// Takes the open map's betweenness and communities if they have come:
    /// colours, sizes and tables follow, and a community filter shows its
    /// nodes. True when they came.
    pub fn poll_metrics(&mut self) -> bool {
        let Some(finishing) = &self.finishing else {
            return false;
        };
        let metrics = match finishing.try_take_metrics() {
            Ok(Some(metrics)) => metrics,
            Ok(None) => return false,
            Err(()) => {
                self.finishing = None;
                return false;
            }
        };
        self.finishing = None;
        let Some(mut base) = self.base.take() else {
            return false;
        };
        // A curated map computed its own with its links; an uncurated one
        // is made again from the base.
        let remake = self.edits.is_empty();
        if remake {
            self.whole = None;
            self.model = None;
        }
        // In place when nothing else holds the base (dropped just above).
        Arc::make_mut(&mut base).graph.apply_metrics(&metrics);
        self.base = Some(base);
        if remake {
            self.rebuild_curated();
            self.relayout_if_needed();
        }
        true
    }

    /// Waits for the open map's betweenness and communities, if they are
    /// still being computed.
    pub(crate) fn finish_metrics(&mut self) {
        while self.finishing.is_some() {
            if self.poll_metrics() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
    }

    /// Makes a freshly read model the map.
    fn adopt_model(&mut self, model: Arc<Model>, listing: Option<u64>) {
        let clock = std::time::Instant::now();
        let lap = |what: &str| log::debug!("adopt: {what} at {:?}", clock.elapsed());
        let warnings = model.warnings().count();
        self.set_status(
            super::StatusKind::Info,
            format!(
                "{} articles, {} paragraphs{}",
                model.corpus.articles.len(),
                model.corpus.paragraph_count(),
                if warnings > 0 {
                    format!(", {warnings} warnings")
                } else {
                    String::new()
                }
            ),
        );
        self.selected_article = model.corpus.articles.first().map(|a| a.id);
        self.selection = super::Selection::None;
        self.filter = super::Filter::default();
        if model.graph.node_count() > 300 {
            // Large maps open on their 300 most mentioned, linked nodes.
            self.filter.max_nodes = 300;
        }
        // Maps over 200 nodes draw their backbone (about three of the most
        // significant links per node, not a grey ball of all of them) and
        // open coloured by community, each named over its region; a saved
        // view may say otherwise.
        let large = model.graph.node_count() > 200;
        if large {
            self.filter.link_density = 3.0;
        }
        self.color_by_community = large;
        self.history.clear();
        let base = model;
        self.base = Some(Arc::clone(&base));
        self.edits.clear();
        self.dates.clear();
        self.view_name = crate::io::layout_file::DEFAULT_VIEW.into();
        self.view_names.clear();
        self.dirty = false;
        self.new_in_window.clear();
        self.gone_from_window.clear();
        self.gone_links_from_window.clear();
        self.rebuild_curated();
        lap("curated");
        let refresh = self.refresh.take();
        let restored = match &refresh {
            // A reload of the watched folder: the work as it was, by key.
            Some(refresh) => {
                let name = refresh.file.current.clone();
                let places = self.apply_layout_file(&refresh.file, &name, true);
                self.view_names = refresh.file.views.keys().cloned().collect();
                self.dirty = refresh.dirty;
                places
            }
            None => self.restore_layout(),
        };
        lap("layout file");
        let model = self.model.clone().unwrap_or(base);
        self.restart_layout(&model, true, restored.as_ref());
        lap("layout started");
        match &refresh {
            Some(refresh) => self.report_refresh(&refresh.before),
            None => self.check_autosave(),
        }
        self.watch_reset(listing);
        lap("watch");
    }
}
