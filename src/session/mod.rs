//! The user's work, without a window: the open map, its corrections, where
//! the nodes are, what is shown and selected, the named views, undo and redo,
//! the layout in the background, and the files that keep it all.
//!
//! The window (`ui`) is a thin view over a [`Session`]: it draws from the
//! session's fields and sends what the user asks for as a [`Command`], the
//! only way the session changes. Everything here runs and is tested without
//! egui.
//!
//! ```
//! use knowmap::session::{Command, Session};
//! let mut session = Session::open_blocking(None); // the bundled sample
//! let russia = session.find_node("actor:Russia").unwrap();
//! session.apply(Command::Pin(russia, true)).unwrap();
//! assert!(session.pinned[russia.index()]);
//! session.apply(Command::Undo).unwrap();
//! assert!(!session.pinned[russia.index()]);
//! ```

pub mod command;
pub mod export;
pub mod files;
pub mod history;
pub mod layout;
pub mod loader;
pub mod watch;

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use command::{Command, SessionError};
pub use export::ExportFormat;
pub use history::MapState;
pub use loader::{LoadError, Stage};

use crate::extract::NodeKey;
use crate::extract::curate::Edit;
use crate::graph::Model;
use crate::graph::NodeId;
pub use crate::graph::view::{Filter, Selection};
use crate::io::picture::{Camera, Palette};

/// Something to call when the session changed in the background (a load
/// finished, the layout moved): the window asks for a repaint.
pub type Waker = Arc<dyn Fn() + Send + Sync>;

/// How a session runs.
#[derive(Clone)]
pub struct Options {
    /// Run the layout in a background thread (otherwise it is run to rest
    /// on the calling thread, as tests and headless tools want).
    pub background_layout: bool,
    /// Keep an autosave of unsaved changes (in `FOLDER/.knowmap/`).
    pub autosave: bool,
    /// Where the bundled sample's autosave goes (it has no folder).
    pub sample_autosave: Option<PathBuf>,
    /// Called when a load or the layout published something new.
    pub waker: Option<Waker>,
    /// Check the open folder for changed articles this often (`None`: not
    /// watched; [`Session::watch_now`] still checks on demand).
    pub watch_interval: Option<std::time::Duration>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            background_layout: true,
            autosave: true,
            sample_autosave: None,
            waker: None,
            watch_interval: Some(watch::WATCH_INTERVAL),
        }
    }
}

impl Options {
    /// Synchronous layout, no autosave: for tests and tools.
    pub fn headless() -> Self {
        Self {
            background_layout: false,
            autosave: false,
            watch_interval: None,
            ..Self::default()
        }
    }
}

impl std::fmt::Debug for Options {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options")
            .field("background_layout", &self.background_layout)
            .field("autosave", &self.autosave)
            .field("sample_autosave", &self.sample_autosave)
            .finish_non_exhaustive()
    }
}

/// What the status line says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatusKind {
    /// A description of the current state (what was loaded or restored).
    #[default]
    Info,
    /// Work under way (reading a folder).
    Progress,
    /// The last command did this.
    Done,
    /// Undo or redo took this back or applied it again.
    Undone,
    /// Something did not happen, and why (nothing to do, no dialog).
    Notice,
    /// Something failed; the map in memory is unchanged.
    Error,
}

/// The status line: what the last command did, or the current state; never
/// an undone command's result.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Status {
    pub kind: StatusKind,
    pub text: String,
    /// The file the last command wrote (an export, a table, the layout), so
    /// the window can offer to show it in its folder.
    pub file: Option<PathBuf>,
}

impl Status {
    pub fn new(kind: StatusKind, text: impl Into<String>) -> Self {
        Self {
            kind,
            text: text.into(),
            file: None,
        }
    }

    /// The same status, naming the file it wrote.
    #[must_use]
    pub fn with_file(mut self, file: &Path) -> Self {
        self.file = Some(file.to_owned());
        self
    }

    pub fn contains(&self, needle: &str) -> bool {
        self.text.contains(needle)
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

/// Where the map is looked at from, and whether the window should fit it.
/// The camera is part of a saved view but not of undo: pan and zoom are
/// continuous, and undo takes back changes to the map, not to the eye.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CameraState {
    pub camera: Camera,
    /// The window fits the shown nodes on its next frame.
    pub fit_pending: bool,
    /// The user panned or zoomed since the last fit (then filters do not
    /// re-fit and the camera stops following the growing layout).
    pub user_moved: bool,
    /// The zoom at which the whole map fits (node sizes grow past it).
    pub base_zoom: f32,
    /// A saved camera was restored: the fitting zoom (which node sizes are
    /// relative to) is measured again on the next frame, without moving the
    /// camera, so a reopened map shows its nodes at their saved size.
    pub rebase: bool,
}

impl Default for CameraState {
    fn default() -> Self {
        Self {
            camera: Camera::default(),
            fit_pending: false,
            user_moved: false,
            base_zoom: 1.0,
            rebase: false,
        }
    }
}

impl CameraState {
    /// Frames `points` in a canvas of `size`; the fitted zoom becomes the base.
    pub fn fit(&mut self, size: [f32; 2], points: impl Iterator<Item = [f32; 2]>) {
        self.camera = Camera::fit(size, points);
        self.base_zoom = self.camera.zoom;
        self.fit_pending = false;
        self.rebase = false;
    }

    /// Measures the fitting zoom of `points` in `size` as the base of node
    /// sizes, leaving the camera where it is.
    pub fn rebase_on(&mut self, size: [f32; 2], points: impl Iterator<Item = [f32; 2]>) {
        self.base_zoom = Camera::fit(size, points).zoom;
        self.rebase = false;
    }

    /// Asks for a fit on the next frame, as after F.
    pub fn request_fit(&mut self) {
        self.fit_pending = true;
        self.user_moved = false;
    }
}

/// How pictures of the current view are made: the canvas size and theme
/// the window last drew with, and the PNG scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PictureFrame {
    pub size: [f32; 2],
    pub palette: Palette,
    pub png_scale: f32,
    /// SVG and PNG exports show the current view (as the canvas frames it)
    /// rather than the whole shown map.
    pub view_only: bool,
}

impl Default for PictureFrame {
    fn default() -> Self {
        Self {
            size: [1200.0, 800.0],
            palette: Palette::dark(),
            png_scale: 2.0,
            view_only: false,
        }
    }
}

/// The user's work on one folder (or the bundled sample).
pub struct Session {
    /// The map shown: the extraction with the user's corrections applied.
    pub model: Option<Arc<Model>>,
    /// The model as extracted, before the corrections.
    pub(crate) base: Option<Arc<Model>>,
    /// The model with the corrections and dates, before any time window.
    pub whole: Option<Arc<Model>>,
    /// The time window `model` counts (see [`Filter::time_window`]).
    pub(crate) model_window: Option<crate::graph::window::TimeWindow>,
    /// Nodes that came into the time window with the last play step (by
    /// node index; empty when the window was not stepped).
    pub new_in_window: Vec<bool>,
    /// Nodes that left the time window with the last play step (drawn
    /// faint where they were).
    pub gone_from_window: Vec<bool>,
    /// Links shown before the last play step that the new window does not
    /// hold, by edge index, strongest (before the step) first: drawn faint
    /// where they were.
    pub gone_links_from_window: Vec<u32>,
    /// The watch of the open folder.
    pub(crate) watch: watch::FolderWatch,
    /// The work to keep through the reload under way, if it is one.
    pub(crate) refresh: Option<watch::Refresh>,
    /// The user's corrections, in order (saved in the layout file).
    pub edits: Vec<Edit>,
    /// Article dates the user set: path → ISO date, empty for "no date"
    /// (saved in the layout file).
    pub dates: std::collections::BTreeMap<String, String>,
    /// Where each node is, by node index.
    pub positions: Vec<[f32; 2]>,
    pub pinned: Vec<bool>,
    pub filter: Filter,
    pub selection: Selection,
    /// The article shown in the reader.
    pub selected_article: Option<crate::corpus::ArticleId>,
    /// The side panel shows the selected article rather than evidence.
    pub reading: bool,
    pub camera: CameraState,
    pub color_by_community: bool,
    /// The named view being shown (and saved by Ctrl+S).
    pub view_name: String,
    /// Names of the views in the folder's layout file.
    pub view_names: Vec<String>,
    /// Changes since the last save or load.
    pub dirty: bool,
    pub status: Status,
    /// An autosave from a session that did not end cleanly, to offer back.
    pub pending_autosave: Option<PathBuf>,
    /// How pictures of the view are exported.
    pub picture: PictureFrame,
    /// The layout: runner, its state and settings, what it lays out.
    pub layout: layout::MapLayout,
    /// Changes each time `model` is replaced (a load, a correction, undo):
    /// caches of numbers about the model key on it.
    pub revision: u64,
    /// Edges strongest first, and the strongest weight, for drawing.
    pub edge_order: Vec<u32>,
    pub max_weight: f64,
    pub(crate) history: history::History,
    pub(crate) loading: Option<loader::Loading>,
    /// The load whose map is open, while its betweenness and communities
    /// are still being computed.
    pub(crate) finishing: Option<loader::Loading>,
    pub(crate) options: Options,
    /// When the last autosave was written.
    pub(crate) last_autosave: Option<std::time::Instant>,
    /// What the filters show, kept until the model, the filter or the
    /// selection changes: on a 35,000-article map computing it reads
    /// 1.8 M links, more than a frame can afford.
    shown: Option<ShownCache>,
}

/// Which nodes and which links the filters show, by index.
pub type Shown = Arc<(Vec<bool>, Vec<bool>)>;

/// The nodes and links the filters show, and what they were computed for.
#[derive(Debug)]
struct ShownCache {
    revision: u64,
    model: usize,
    filter: Filter,
    selection: Selection,
    /// Counts up with every computation: names what is shown, for caches
    /// of things made from it (the statistics).
    generation: u64,
    shown: Shown,
    /// The shown links in drawing order (strongest first): the frame
    /// walks these, not every link of the map.
    order: Vec<u32>,
}

impl Session {
    /// An empty session (no map yet).
    pub fn new(options: Options) -> Self {
        Self {
            model: None,
            base: None,
            whole: None,
            model_window: None,
            new_in_window: Vec::new(),
            gone_from_window: Vec::new(),
            gone_links_from_window: Vec::new(),
            watch: watch::FolderWatch::default(),
            refresh: None,
            edits: Vec::new(),
            dates: std::collections::BTreeMap::new(),
            positions: Vec::new(),
            pinned: Vec::new(),
            filter: Filter::default(),
            selection: Selection::None,
            selected_article: None,
            reading: false,
            camera: CameraState::default(),
            color_by_community: false,
            view_name: crate::io::layout_file::DEFAULT_VIEW.into(),
            view_names: Vec::new(),
            dirty: false,
            status: Status::default(),
            pending_autosave: None,
            picture: PictureFrame::default(),
            layout: layout::MapLayout::default(),
            revision: 0,
            edge_order: Vec::new(),
            max_weight: 0.0,
            history: history::History::default(),
            loading: None,
            finishing: None,
            options,
            last_autosave: None,
            shown: None,
        }
    }

    /// A session that has read `folder` (the bundled sample with `None`) and
    /// laid it out, on the calling thread.
    pub fn open_blocking(folder: Option<PathBuf>) -> Self {
        Self::open_blocking_with(folder, Options::headless())
    }

    /// [`Self::open_blocking`] with options.
    pub fn open_blocking_with(folder: Option<PathBuf>, options: Options) -> Self {
        let mut session = Self::new(options);
        // Opening only fails without a model, which is not the case here.
        let _ = session.apply(Command::OpenFolder(folder));
        session.finish_loading();
        session
    }

    /// Waits for the load under way, if any, and takes its result, with
    /// the map's betweenness and communities.
    pub fn finish_loading(&mut self) -> Option<loader::Loaded> {
        let mut loaded = None;
        while self.is_loading() {
            if let Some(done) = self.poll_loading() {
                loaded = Some(done);
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        self.finish_metrics();
        loaded
    }

    /// The options the session runs with.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// True while a corpus is being read.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// True when there is something to undo or redo.
    pub fn can_undo(&self) -> (bool, bool) {
        self.history.can()
    }

    /// The current map state, as undo keeps it.
    pub fn snapshot(&self) -> MapState {
        MapState {
            positions: self.positions.clone(),
            pinned: self.pinned.clone(),
            filter: self.filter.clone(),
            edits: self.edits.clone(),
            dates: self.dates.clone(),
            view_name: self.view_name.clone(),
        }
    }

    /// Which nodes and edges the filters show.
    pub fn visibility(&self, model: &Model) -> (Vec<bool>, Vec<bool>) {
        crate::graph::view::visibility(model, &self.filter, self.selection)
    }

    /// Which nodes and edges the filters show on the current model, and a
    /// number that changes whenever that is computed again: kept until the
    /// model, the filter or the selection changes (the window asks every
    /// frame).
    pub fn shown(&mut self) -> Option<(Shown, u64)> {
        let model = self.model.clone()?;
        if let Some(cache) = self.shown_cache_for(&model) {
            return Some((Arc::clone(&cache.shown), cache.generation));
        }
        let shown = self.visibility(&model);
        Some(self.keep_shown(&model, shown))
    }

    /// The links to draw, strongest first: those [`Self::shown`] gave,
    /// or every link when it was not asked for the current state.
    pub fn drawing_order(&self) -> &[u32] {
        match &self.model {
            Some(model) => self
                .shown_cache_for(model)
                .map_or(&self.edge_order, |c| &c.order),
            None => &self.edge_order,
        }
    }

    fn shown_cache_for(&self, model: &Arc<Model>) -> Option<&ShownCache> {
        self.shown.as_ref().filter(|c| {
            c.revision == self.revision
                && c.model == Arc::as_ptr(model) as usize
                && c.selection == self.selection
                && c.filter == self.filter
        })
    }

    /// Keeps `shown`, computed for the current model, filter and selection.
    fn keep_shown(&mut self, model: &Arc<Model>, shown: (Vec<bool>, Vec<bool>)) -> (Shown, u64) {
        let order = self
            .edge_order
            .iter()
            .copied()
            .filter(|&e| shown.1.get(e as usize).copied().unwrap_or(false))
            .collect();
        let shown = Arc::new(shown);
        let generation = self.shown.as_ref().map_or(0, |c| c.generation) + 1;
        self.shown = Some(ShownCache {
            order,
            revision: self.revision,
            model: Arc::as_ptr(model) as usize,
            filter: self.filter.clone(),
            selection: self.selection,
            generation,
            shown: Arc::clone(&shown),
        });
        (shown, generation)
    }

    /// How the collapsed communities are drawn, given what is shown.
    pub fn collapse(&self, model: &Model, nodes: &[bool]) -> crate::graph::view::Collapse {
        crate::graph::view::collapse(model, &self.filter, nodes)
    }

    /// Search hits, best first, each with the alias that matched.
    pub fn search_hits(&self, query: &str) -> Vec<crate::graph::search::Hit> {
        match &self.model {
            Some(model) => crate::graph::search::search_hits(model, query),
            None => Vec::new(),
        }
    }

    /// Nodes matching a search, best first.
    pub fn search_nodes(&self, query: &str) -> Vec<u32> {
        match &self.model {
            Some(model) => crate::graph::search::search(model, query),
            None => Vec::new(),
        }
    }

    /// The label of a node.
    pub fn node_label(&self, node: NodeId) -> Option<String> {
        let model = self.model.as_ref()?;
        let data = model.graph.node(node)?;
        Some(
            model
                .extraction
                .entities
                .get(data.entity as usize)?
                .label
                .clone(),
        )
    }

    /// The stable key of a node (`actor:Donald Trump`).
    pub fn node_key(&self, node: NodeId) -> Option<NodeKey> {
        let model = self.model.as_ref()?;
        let data = model.graph.node(node)?;
        Some(model.extraction.entities.get(data.entity as usize)?.key())
    }

    /// The first and last publication day of the open corpus (dates from
    /// modification times left out), if two days differ.
    pub fn time_span(&self) -> Option<crate::graph::window::TimeWindow> {
        let model = self.whole.as_ref().or(self.model.as_ref())?;
        let corpus = &model.corpus;
        let days = (0..corpus.articles.len() as u32)
            .filter_map(|a| crate::graph::window::timeline_date(corpus, a));
        let (first, last) = days.clone().min().zip(days.max())?;
        (first.days_since_epoch() != last.days_since_epoch())
            .then(|| crate::graph::window::TimeWindow::new(first, last))
    }

    /// The node with this stable key, if it is on the map (merged-away
    /// entities are not).
    /// The node with this key (`actor:Russia`), if the map has it.
    pub fn find_node(&self, key: &str) -> Option<NodeId> {
        let model = self.model.as_ref()?;
        let key = NodeKey::parse(key)?;
        crate::io::layout_file::node_index(model)
            .get(&key)
            .map(|&i| NodeId::new(i))
    }

    pub(crate) fn set_status(&mut self, kind: StatusKind, text: impl Into<String>) {
        self.status = Status::new(kind, text);
    }

    /// Says that the last command wrote `file`.
    pub(crate) fn set_written(&mut self, text: impl Into<String>, file: &Path) {
        self.status = Status::new(StatusKind::Done, text).with_file(file);
    }

    /// The file an article was read from: the article's own file, or the
    /// archive that holds it (entries are named `archive.zip/inner/path`;
    /// a mailbox's messages share its file as their source). `None` for the
    /// bundled sample (it has no folder). Reads nothing from disk, so the
    /// reader can ask every frame; the file may have gone since.
    pub fn original_file(&self, article: u32) -> Option<PathBuf> {
        let model = self.model.as_ref()?;
        let root = model.corpus.root.as_deref()?;
        let source = &model.corpus.articles.get(article as usize)?.source;
        if source.is_empty() {
            return None;
        }
        let mut end = source.len();
        for (at, _) in source.match_indices('/') {
            if crate::corpus::formats::archive::is_zip(&source[..at]) {
                end = at;
                break;
            }
        }
        Some(root.join(&source[..end]))
    }
}
