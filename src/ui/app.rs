//! The application state, the `Action` enum and the one place actions apply.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};

use super::canvas::{self, Camera, CanvasState, Selection};
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};

use crate::corpus::{self, Corpus, ReadSettings};
use crate::extract::curate::Edit;
use crate::extract::{Category, NodeKind};
use crate::graph::{EdgeKind, Model, ModelSettings};
use crate::layout::{
    Fa2Settings, ForceAtlas2, LayoutGraph, LayoutRunner, LayoutState, runner::Command,
};

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

/// What is shown of the graph.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Filter {
    pub actors: bool,
    pub topics: bool,
    pub categories: [bool; 5],
    pub min_mentions: u32,
    /// Edges below this fraction of the strongest weight are hidden.
    pub min_weight: f32,
    pub actor_topic: bool,
    pub actor_actor: bool,
    pub topic_topic: bool,
    /// Hidden nodes (by node index).
    pub hidden: Vec<u32>,
    /// Show only the selected node's neighbourhood to this depth (0: off).
    pub focus_depth: u8,
    /// Show at most this many nodes, the most mentioned first (0: all).
    pub max_nodes: usize,
    /// Hide nodes none of whose links is shown.
    pub hide_unlinked: bool,
    /// Articles left out of the map (their paragraphs do not count).
    pub excluded_articles: Vec<u32>,
    /// Show only this community.
    pub community: Option<u32>,
}

impl Default for Filter {
    fn default() -> Self {
        Self {
            actors: true,
            topics: true,
            categories: [true; 5],
            min_mentions: 1,
            min_weight: 0.0,
            actor_topic: true,
            actor_actor: true,
            topic_topic: true,
            hidden: Vec::new(),
            focus_depth: 0,
            max_nodes: 0,
            hide_unlinked: true,
            excluded_articles: Vec::new(),
            community: None,
        }
    }
}

/// Everything a user can ask for; applied after drawing, in [`KnowmapApp::apply`].
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Read this folder (or the bundled sample with `None`) in the background.
    OpenFolder(Option<PathBuf>),
    /// Ask for a folder with the native dialog.
    ChooseFolder,
    /// Stop reading the corpus being loaded (the open map stays).
    CancelLoading,
    /// Save positions, pins, hidden nodes, filters and camera to
    /// `FOLDER/.knowmap/layout.json`.
    SaveLayout,
    /// Show this article in the reader.
    SelectArticle(u32),
    Select(Selection),
    /// Select a node and centre the map on it.
    FocusNode(u32),
    /// Show only this node's neighbourhood (focus depth 1 if it was off).
    Focus(u32),
    /// Take back the last change to the map (moves, pins, filters, hiding).
    Undo,
    /// Apply again what was undone.
    Redo,
    /// Drag a node to a place (it becomes pinned).
    MoveNode(u32, [f32; 2]),
    Pin(u32, bool),
    Hide(u32),
    SetFilter(Filter),
    SetLayoutSettings(Fa2Settings),
    ToggleLayout,
    Reheat,
    FitView,
    SetColorByCommunity(bool),
    SetDarkMode(Option<bool>),
    /// Apply corrections to the extraction (one undo step).
    Curate(Vec<Edit>),
    /// Merge the first node into the second.
    MergeNodes(u32, u32),
    /// Ask for a new name or a merge target for a node.
    AskRename(u32),
    AskMerge(u32),
    /// Save the layout file at this path (`None`: ask with the dialog).
    SaveLayoutAs(Option<PathBuf>),
    /// Apply a layout file from this path (`None`: ask with the dialog).
    OpenLayout(Option<PathBuf>),
    /// Show another named view of the folder's layout file.
    SwitchView(String),
    /// Save the current arrangement as a new named view and switch to it.
    SaveViewAs(String),
    /// Write the curation as `FOLDER/.knowmap/aliases.tsv`.
    ExportAliases,
    /// Export the map (`None`: ask where with the dialog).
    Export(super::export::Format, Option<PathBuf>),
    /// Take back (true) or throw away (false) the autosave found on opening.
    RestoreAutosave(bool),
    /// Save a chart's numbers as CSV (`None`: ask where).
    SaveTable {
        name: String,
        table: crate::graph::charts::Table,
        path: Option<PathBuf>,
    },
}

enum LoadResult {
    Done(Box<Model>),
    Failed(String),
}

/// A corpus being read in the background.
pub(super) struct Loading {
    folder: Option<PathBuf>,
    results: Receiver<LoadResult>,
    /// 0 reading files, 1 finding actors and topics, 2 building the graph.
    stage: Arc<AtomicU8>,
    cancel: Arc<AtomicBool>,
    files: Arc<corpus::Progress>,
}

const STAGES: [&str; 3] = [
    "Reading files",
    "Finding actors and topics",
    "Building the graph",
];

/// The knowmap window.
pub struct KnowmapApp {
    pub settings: Settings,
    pub model: Option<Arc<Model>>,
    pub selected_article: Option<u32>,
    pub selection: Selection,
    pub filter: Filter,
    pub layout_settings: Fa2Settings,
    pub camera: Camera,
    pub positions: Vec<[f32; 2]>,
    pub pinned: Vec<bool>,
    pub layout_state: LayoutState,
    pub status: String,
    pub search: String,
    pub(super) canvas: CanvasState,
    pub(super) runner: Option<LayoutRunner>,
    pub(super) generation: u64,
    pub(super) fit_pending: bool,
    pub(super) loading: Option<Loading>,
    pub(super) repaint: Option<egui::Context>,
    pub(super) show_help: bool,
    /// The side panel shows the selected article rather than evidence.
    pub(super) reading: bool,
    pub(super) base_zoom: f32,
    /// The user paused the layout.
    pub(super) paused: bool,
    /// The statistics window is open.
    pub(super) show_stats: bool,
    /// The timeline under the map (when the articles have dates).
    pub(super) show_timeline: bool,
    /// The last search query and its matches.
    pub(super) search_cache: (String, Vec<u32>),
    /// Map states before each undoable change, and those undone.
    pub(super) undo: Vec<MapState>,
    pub(super) redo: Vec<MapState>,
    /// The node the last action moved (a drag is one undo step).
    pub(super) last_move: Option<u32>,
    /// Edges strongest first, and the strongest weight, for drawing.
    pub(super) edge_order: Vec<u32>,
    pub(super) max_weight: f64,
    /// Graph node of each layout node: the layout runs on what is visible.
    pub(super) layout_nodes: Vec<u32>,
    /// Layout node of each graph node, if it takes part in the layout.
    pub(super) layout_index: Vec<Option<u32>>,
    /// The folder path typed in the File menu.
    pub(super) path_input: String,
    pub(super) options: AppOptions,
    /// The model as extracted, before the user's curation.
    pub(super) base: Option<Arc<Model>>,
    /// The user's corrections, in order (saved in the layout file).
    pub edits: Vec<Edit>,
    /// The named view being shown (and saved by Ctrl+S).
    pub view_name: String,
    /// Names of the views in the folder's layout file.
    pub view_names: Vec<String>,
    /// Changes since the last save or load.
    pub dirty: bool,
    /// Seconds (egui time) of the last autosave.
    pub(super) last_autosave: f64,
    /// An autosave from a session that did not end cleanly, to offer back.
    pub pending_autosave: Option<PathBuf>,
    /// The window was asked to close with unsaved changes.
    pub(super) close_prompt: bool,
    /// Closing was confirmed (saved or discarded).
    pub(super) close_confirmed: bool,
    /// A rename or merge being asked for.
    pub(super) curate_dialog: Option<super::curation::Dialog>,
    /// The layout file path typed in the File menu (no-dialog fallback).
    pub(super) layout_path_input: String,
    /// The name typed for a new view.
    pub(super) view_name_input: String,
    /// Scale of PNG exports.
    pub(super) png_scale: f32,
    /// The statistics window's tab, sort order and cached numbers.
    pub stats: super::stats::StatsState,
    /// When the app was created, for the launch-to-map time in the log.
    pub(super) started: std::time::Instant,
    /// The first map has been drawn (and its time logged).
    pub(super) first_map_drawn: bool,
}

/// What undo restores: where nodes are, which are pinned, what is shown.
#[derive(Debug, Clone, PartialEq)]
pub struct MapState {
    pub positions: Vec<[f32; 2]>,
    pub pinned: Vec<bool>,
    pub filter: Filter,
    pub edits: Vec<Edit>,
    /// The named view shown (Ctrl+S saves into it).
    pub view_name: String,
}

impl MapState {
    /// What changed from `before` to `after`, for the status line: the
    /// corrections made (or taken back), else the kind of change.
    pub fn change(before: &Self, after: &Self) -> String {
        let (shorter, longer) = if before.edits.len() <= after.edits.len() {
            (&before.edits, &after.edits)
        } else {
            (&after.edits, &before.edits)
        };
        if before.edits != after.edits {
            let common = shorter
                .iter()
                .zip(longer.iter())
                .take_while(|(a, b)| a == b)
                .count();
            let described: Vec<String> = longer[common..].iter().map(Edit::describe).collect();
            if !described.is_empty() {
                return described.join("; ");
            }
            return "corrections".into();
        }
        if before.view_name != after.view_name {
            return format!("switch to the view “{}”", after.view_name);
        }
        if before.filter.hidden != after.filter.hidden {
            return "hiding nodes".into();
        }
        if before.filter != after.filter {
            return "a filter change".into();
        }
        if before.pinned != after.pinned {
            return "pinning".into();
        }
        "a move".into()
    }
}

/// How the app runs; tests use a synchronous layout for reproducible frames.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AppOptions {
    /// Run the layout in a background thread (otherwise it is run to rest
    /// when a corpus loads, on the calling thread).
    pub background_layout: bool,
    /// Keep an autosave of unsaved changes (in `FOLDER/.knowmap/`).
    pub autosave: bool,
}

impl Default for AppOptions {
    fn default() -> Self {
        Self {
            background_layout: true,
            autosave: true,
        }
    }
}

impl KnowmapApp {
    /// Creates the app, restoring settings and starting to read the first corpus.
    pub fn new(cc: &eframe::CreationContext<'_>, folder: Option<PathBuf>) -> Self {
        Self::with_options(cc, folder, AppOptions::default())
    }

    /// [`Self::new`] with explicit options.
    pub fn with_options(
        cc: &eframe::CreationContext<'_>,
        folder: Option<PathBuf>,
        options: AppOptions,
    ) -> Self {
        let settings: Settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
            .unwrap_or_default();
        let start = folder.or_else(|| settings.last_folder.clone().filter(|p| p.is_dir()));
        let mut app = Self::with_settings(settings);
        app.options = options;
        app.repaint = Some(cc.egui_ctx.clone());
        app.apply(Action::OpenFolder(start));
        app
    }

    /// An app with no window behind it that has read `folder` (the bundled
    /// sample with `None`) and laid it out, on the calling thread: for
    /// tests and tools that drive the app through actions alone.
    pub fn headless(folder: Option<PathBuf>) -> Self {
        let mut app = Self::with_settings(Settings::default());
        app.options = AppOptions {
            background_layout: false,
            autosave: false,
        };
        app.apply(Action::OpenFolder(folder));
        while app.is_loading() {
            if !app.poll_loading() {
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
        }
        app
    }

    /// An app with no window behind it, for tests.
    pub fn with_settings(settings: Settings) -> Self {
        Self {
            settings,
            model: None,
            selected_article: None,
            selection: Selection::None,
            filter: Filter::default(),
            layout_settings: Fa2Settings {
                prevent_overlap: false,
                ..Fa2Settings::default()
            },
            camera: Camera::default(),
            positions: Vec::new(),
            pinned: Vec::new(),
            layout_state: LayoutState::Settled,
            status: String::new(),
            search: String::new(),
            canvas: CanvasState::default(),
            runner: None,
            generation: 0,
            fit_pending: false,
            loading: None,
            repaint: None,
            show_help: false,
            reading: false,
            base_zoom: 1.0,
            paused: false,
            show_stats: false,
            show_timeline: true,
            search_cache: (String::new(), Vec::new()),
            undo: Vec::new(),
            redo: Vec::new(),
            last_move: None,
            edge_order: Vec::new(),
            max_weight: 0.0,
            layout_nodes: Vec::new(),
            layout_index: Vec::new(),
            path_input: String::new(),
            options: AppOptions::default(),
            base: None,
            edits: Vec::new(),
            view_name: crate::io::layout_file::DEFAULT_VIEW.into(),
            view_names: Vec::new(),
            dirty: false,
            last_autosave: 0.0,
            pending_autosave: None,
            close_prompt: false,
            close_confirmed: false,
            curate_dialog: None,
            layout_path_input: String::new(),
            view_name_input: String::new(),
            png_scale: 2.0,
            stats: super::stats::StatsState::default(),
            started: std::time::Instant::now(),
            first_map_drawn: false,
        }
    }

    /// Applies one action: the only place state changes.
    pub fn apply(&mut self, action: Action) {
        // One undo step per gesture: a drag is many moves of one node.
        let undoable = match &action {
            Action::MoveNode(node, _) => self.last_move != Some(*node),
            Action::Pin(..)
            | Action::Hide(_)
            | Action::SetFilter(_)
            | Action::Focus(_)
            | Action::Curate(_)
            | Action::SwitchView(_) => true,
            _ => false,
        };
        if undoable && self.model.is_some() {
            self.dirty = true;
            self.undo.push(self.snapshot());
            self.redo.clear();
            if self.undo.len() > 200 {
                self.undo.remove(0);
            }
        }
        self.last_move = match &action {
            Action::MoveNode(node, _) => Some(*node),
            _ => None,
        };
        match action {
            Action::Undo => {
                if let Some(previous) = self.undo.pop() {
                    let current = self.snapshot();
                    // The status says what was undone, never the undone
                    // action's own "Done: …".
                    self.status = format!(
                        "Undone: {} (Ctrl+Shift+Z redoes it)",
                        MapState::change(&previous, &current)
                    );
                    self.redo.push(current);
                    self.restore(previous);
                }
            }
            Action::Redo => {
                if let Some(next) = self.redo.pop() {
                    let current = self.snapshot();
                    self.status = format!(
                        "Redone: {} (Ctrl+Z undoes it)",
                        MapState::change(&current, &next)
                    );
                    self.undo.push(current);
                    self.restore(next);
                }
            }
            Action::OpenFolder(folder) => {
                if let Some(previous) = &self.loading {
                    previous.cancel.store(true, Ordering::Relaxed);
                }
                let (tx, rx) = channel();
                let target = folder.clone();
                let repaint = self.repaint.clone();
                let stage = Arc::new(AtomicU8::new(0));
                let cancel = Arc::new(AtomicBool::new(false));
                let (stage_w, cancel_r) = (Arc::clone(&stage), Arc::clone(&cancel));
                let files = Arc::new(corpus::Progress::default());
                let files_w = Arc::clone(&files);
                std::thread::spawn(move || {
                    let poke = |stage: u8| {
                        stage_w.store(stage, Ordering::Relaxed);
                        if let Some(ctx) = &repaint {
                            ctx.request_repaint();
                        }
                    };
                    let result = match &target {
                        None => Ok(Corpus::sample()),
                        Some(path) => corpus::read_folder_with_progress(
                            path,
                            &ReadSettings::default(),
                            &files_w,
                        ),
                    };
                    let message = match result {
                        Ok(corpus) if !cancel_r.load(Ordering::Relaxed) => {
                            poke(1);
                            LoadResult::Done(Box::new(Model::build_reporting(
                                corpus,
                                &ModelSettings::default(),
                                &mut |_| poke(2),
                            )))
                        }
                        Ok(_) => return,
                        Err(error) => LoadResult::Failed(error.to_string()),
                    };
                    if !cancel_r.load(Ordering::Relaxed) {
                        let _ = tx.send(message);
                    }
                    poke(2);
                });
                self.status = match &folder {
                    Some(path) => format!("Reading {}…", path.display()),
                    None => "Reading the bundled sample…".into(),
                };
                self.loading = Some(Loading {
                    folder,
                    results: rx,
                    stage,
                    cancel,
                    files,
                });
            }
            Action::SaveLayout => self.save_layout(),
            Action::CancelLoading => {
                if let Some(loading) = self.loading.take() {
                    loading.cancel.store(true, Ordering::Relaxed);
                    loading.files.cancelled.store(true, Ordering::Relaxed);
                    self.status = "Loading cancelled; the open map stays.".into();
                }
            }
            Action::ChooseFolder => {
                // The only place a dialog opens; tests never send this action.
                if let Some(folder) = rfd::FileDialog::new()
                    .set_title("Open a folder of articles")
                    .pick_folder()
                {
                    self.apply(Action::OpenFolder(Some(folder)));
                } else {
                    self.status = "No folder chosen (or no file dialog is available: give the folder on the command line, `knowmap FOLDER`).".into();
                }
            }
            Action::SelectArticle(id) => {
                self.selected_article = Some(id);
                self.selection = Selection::None;
                self.reading = true;
            }
            Action::Select(selection) => {
                let before = self.model.as_ref().map(|m| self.visibility(m).0);
                self.selection = selection;
                self.reading = false;
                if self.filter.focus_depth > 0 {
                    self.relayout_if_visible_changed(before.as_deref());
                }
            }
            Action::FocusNode(node) => {
                self.selection = Selection::Node(node);
                if let Some(p) = self.positions.get(node as usize) {
                    self.camera.center = *p;
                }
            }
            Action::Focus(node) => {
                let mut filter = self.filter.clone();
                filter.focus_depth = filter.focus_depth.max(1);
                self.selection = Selection::Node(node);
                self.apply(Action::SetFilter(filter));
                self.apply(Action::FitView);
            }
            Action::MoveNode(node, p) => {
                if let Some(slot) = self.positions.get_mut(node as usize) {
                    *slot = p;
                }
                if let Some(pin) = self.pinned.get_mut(node as usize) {
                    *pin = true;
                }
                self.send_node(node, |k| Command::Move(k, p));
                self.send_node(node, |k| Command::Pin(k, true));
            }
            Action::Pin(node, pinned) => {
                if let Some(pin) = self.pinned.get_mut(node as usize) {
                    *pin = pinned;
                }
                self.send_node(node, |k| Command::Pin(k, pinned));
            }
            Action::Hide(node) => {
                let mut filter = self.filter.clone();
                if !filter.hidden.contains(&node) {
                    filter.hidden.push(node);
                }
                if self.selection == Selection::Node(node) {
                    self.selection = Selection::None;
                }
                self.apply(Action::SetFilter(filter));
            }
            Action::SetFilter(filter) => {
                let before = self.model.as_ref().map(|m| self.visibility(m).0);
                self.filter = filter;
                self.relayout_if_visible_changed(before.as_deref());
            }
            Action::SetLayoutSettings(settings) => {
                self.layout_settings = settings;
                if let Some(runner) = &self.runner {
                    runner.send(Command::Settings(settings));
                }
            }
            Action::ToggleLayout => {
                self.paused = !self.paused;
                if let Some(runner) = &self.runner {
                    runner.send(if self.paused {
                        Command::Pause
                    } else {
                        Command::Resume
                    });
                }
                self.layout_state = if self.paused {
                    LayoutState::Paused
                } else {
                    LayoutState::Running
                };
            }
            Action::Reheat => {
                self.paused = false;
                if let Some(runner) = &self.runner {
                    runner.send(Command::Reheat);
                    self.layout_state = LayoutState::Running;
                }
            }
            Action::FitView => {
                self.fit_pending = true;
                self.canvas.user_moved = false;
            }
            Action::SetColorByCommunity(on) => self.settings.color_by_community = on,
            Action::SetDarkMode(mode) => self.settings.dark_mode = mode,
            Action::Curate(edits) => self.curate(edits),
            Action::MergeNodes(from, into) => {
                if let (Some(from), Some(into)) = (self.node_key(from), self.node_key(into)) {
                    self.apply(Action::Curate(vec![Edit::Merge { from, into }]));
                }
            }
            Action::AskRename(node) => {
                self.curate_dialog = super::curation::Dialog::rename(self, node);
            }
            Action::AskMerge(node) => {
                self.curate_dialog = super::curation::Dialog::merge(self, node);
            }
            Action::SaveLayoutAs(path) => self.save_layout_as(path),
            Action::OpenLayout(path) => self.open_layout(path),
            Action::SwitchView(name) => self.switch_view(&name),
            Action::SaveViewAs(name) => self.save_view_as(&name),
            Action::ExportAliases => self.export_aliases(),
            Action::Export(format, path) => self.export(format, path),
            Action::RestoreAutosave(keep) => self.restore_autosave(keep),
            Action::SaveTable { name, table, path } => self.save_table(&name, &table, path),
        }
    }

    /// The current map state, as undo keeps it.
    pub fn snapshot(&self) -> MapState {
        MapState {
            positions: self.positions.clone(),
            pinned: self.pinned.clone(),
            filter: self.filter.clone(),
            edits: self.edits.clone(),
            view_name: self.view_name.clone(),
        }
    }

    /// Puts a map state back and lets the layout continue from it.
    fn restore(&mut self, state: MapState) {
        let Some(model) = self.model.clone() else {
            return;
        };
        let model = if state.edits == self.edits {
            model
        } else {
            self.edits = state.edits;
            match self.rebuild_curated() {
                Some((model, _)) => model,
                None => return,
            }
        };
        self.positions = state.positions;
        self.pinned = state.pinned;
        self.filter = state.filter;
        self.view_name = state.view_name;
        self.dirty = true;
        let places: Vec<Option<[f32; 2]>> = self.positions.iter().copied().map(Some).collect();
        self.restart_layout(&model, false, Some(&places));
    }

    /// What the canvas (and the picture exports) draw of `model`.
    pub(super) fn scene<'a>(
        &'a self,
        model: &'a Model,
        nodes: &'a [bool],
        edges: &'a [bool],
    ) -> canvas::Scene<'a> {
        canvas::Scene {
            model,
            positions: &self.positions,
            node_visible: nodes,
            edge_visible: edges,
            pinned: &self.pinned,
            selection: self.selection,
            color_by_community: self.settings.color_by_community,
            label_budget: 30,
            base_zoom: self.base_zoom,
            edge_order: &self.edge_order,
            max_weight: self.max_weight,
            edge_budget: 20_000,
        }
    }

    /// True when there is something to undo or redo.
    pub fn can_undo(&self) -> (bool, bool) {
        (!self.undo.is_empty(), !self.redo.is_empty())
    }

    /// Restarts the layout on the visible nodes when they changed.
    fn relayout_if_visible_changed(&mut self, before: Option<&[bool]>) {
        let Some(model) = self.model.clone() else {
            return;
        };
        if before != Some(&self.visibility(&model).0[..]) {
            self.restart_layout(&model, false, None);
        }
    }

    /// Takes a finished load, if any. A failed load keeps the open map.
    pub fn poll_loading(&mut self) -> bool {
        let Some(loading) = &self.loading else {
            return false;
        };
        let Ok(result) = loading.results.try_recv() else {
            return false;
        };
        let folder = loading.folder.clone();
        self.loading = None;
        match result {
            LoadResult::Done(model) => {
                let warnings = model.warnings().count();
                self.status = format!(
                    "{} articles, {} paragraphs{}",
                    model.corpus.articles.len(),
                    model.corpus.paragraph_count(),
                    if warnings > 0 {
                        format!(", {warnings} warnings")
                    } else {
                        String::new()
                    }
                );
                if let Some(path) = folder {
                    self.settings.recent_folders.retain(|p| *p != path);
                    self.settings.recent_folders.insert(0, path.clone());
                    self.settings.recent_folders.truncate(10);
                    self.settings.last_folder = Some(path);
                }
                self.selected_article = model.corpus.articles.first().map(|a| a.id);
                self.selection = Selection::None;
                self.filter = Filter::default();
                if model.graph.graph.node_count() > 300 {
                    // Large maps open on their 300 most mentioned, linked nodes.
                    self.filter.max_nodes = 300;
                }
                self.undo.clear();
                self.redo.clear();
                let base: Arc<Model> = Arc::from(model);
                self.base = Some(Arc::clone(&base));
                self.edits.clear();
                self.view_name = crate::io::layout_file::DEFAULT_VIEW.into();
                self.view_names.clear();
                self.dirty = false;
                self.rebuild_curated();
                let restored = self.restore_layout();
                let model = self.model.clone().unwrap_or(base);
                self.restart_layout(&model, true, restored.as_ref());
                self.check_autosave();
            }
            LoadResult::Failed(message) => {
                log::warn!("{message}");
                self.status = message;
            }
        }
        true
    }

    /// Starts ForceAtlas2 on the visible part of the graph, keeping the
    /// places of nodes already laid out (new ones start near their placed
    /// neighbours), in a background thread or, in tests, to rest at once.
    pub(super) fn restart_layout(
        &mut self,
        model: &Model,
        first: bool,
        restored: Option<&Vec<Option<[f32; 2]>>>,
    ) {
        let (visible, edge_visible) = self.visibility(model);
        let full = LayoutGraph::from_knowledge(&model.graph);
        let n = full.node_count;
        self.layout_nodes = (0..n as u32).filter(|&i| visible[i as usize]).collect();
        self.layout_index = vec![None; n];
        for (k, &node) in self.layout_nodes.iter().enumerate() {
            self.layout_index[node as usize] = Some(k as u32);
        }
        let edges: Vec<(u32, u32, f32)> = model
            .graph
            .graph
            .edge_indices()
            .filter(|e| edge_visible.get(e.index()).copied().unwrap_or(false))
            .filter_map(|e| {
                let (a, b) = model.graph.graph.edge_endpoints(e)?;
                Some((
                    self.layout_index[a.index()]?,
                    self.layout_index[b.index()]?,
                    model.graph.graph[e].weight as f32,
                ))
            })
            .collect();
        let sub = LayoutGraph {
            node_count: self.layout_nodes.len(),
            edges,
            sizes: self
                .layout_nodes
                .iter()
                .map(|&i| full.sizes[i as usize])
                .collect(),
        };
        if first {
            if restored.is_none() {
                // Gephi's advice: more repulsion for small graphs.
                self.layout_settings.scaling = if sub.node_count < 100 { 10.0 } else { 2.0 };
                self.pinned = vec![false; n];
            }
            self.positions = vec![[0.0, 0.0]; n];
        }
        let known: Vec<Option<[f32; 2]>> = if let Some(restored) = restored {
            self.layout_nodes
                .iter()
                .map(|&i| restored.get(i as usize).copied().flatten())
                .collect()
        } else if first {
            Vec::new()
        } else {
            self.layout_nodes
                .iter()
                .map(|&i| self.positions.get(i as usize).copied())
                .collect()
        };
        let mut layout = ForceAtlas2::with_positions(&sub, self.layout_settings, &known, 1);
        for (k, &node) in self.layout_nodes.iter().enumerate() {
            if self.pinned.get(node as usize).copied().unwrap_or(false) {
                layout.set_pinned(k, true);
            }
        }
        if restored.is_some() {
            // Saved places are shown as saved, until something changes.
            layout.settle();
        }
        if first && restored.is_none() {
            // A head start so the first frame already shows structure.
            layout.run(50.min(20_000 / sub.node_count.max(1)).max(5));
            self.fit_pending = true;
            self.canvas.user_moved = false;
        }
        self.generation = 0;
        self.paused = false;
        self.runner = None;
        if !self.options.background_layout {
            let mut steps = 0;
            while layout.step().is_some() && steps < 5000 {
                steps += 1;
            }
            self.copy_layout_positions(layout.positions());
            self.layout_state = LayoutState::Settled;
            return;
        }
        self.copy_layout_positions(layout.positions());
        self.layout_state = layout.state();
        let repaint = self.repaint.clone();
        self.runner = Some(LayoutRunner::spawn(
            layout,
            Box::new(move || {
                if let Some(ctx) = &repaint {
                    ctx.request_repaint();
                }
            }),
        ));
    }

    fn copy_layout_positions(&mut self, layout: &[[f32; 2]]) {
        for (k, p) in layout.iter().enumerate() {
            let Some(&node) = self.layout_nodes.get(k) else {
                continue;
            };
            // A node being dragged follows the mouse, not the layout.
            if self.canvas.dragging != Some(node)
                && let Some(slot) = self.positions.get_mut(node as usize)
            {
                *slot = *p;
            }
        }
    }

    /// Sends a layout command about a graph node, if it is being laid out.
    fn send_node(&self, node: u32, command: impl FnOnce(usize) -> Command) {
        if let (Some(runner), Some(Some(k))) = (&self.runner, self.layout_index.get(node as usize))
        {
            runner.send(command(*k as usize));
        }
    }

    /// Takes the newest layout snapshot; true while the layout moves.
    pub fn poll_layout(&mut self) -> bool {
        let Some(runner) = &self.runner else {
            return false;
        };
        if let Some(snapshot) = runner.snapshot_after(self.generation) {
            self.generation = snapshot.generation;
            if snapshot.positions.len() == self.layout_nodes.len() {
                self.copy_layout_positions(&snapshot.positions);
            }
            let was = self.layout_state;
            self.layout_state = if self.paused {
                LayoutState::Paused
            } else {
                snapshot.state
            };
            // The camera followed the layout: it frames its final places too.
            if was == LayoutState::Running
                && self.layout_state == LayoutState::Settled
                && !self.canvas.user_moved
            {
                self.fit_pending = true;
            }
        }
        self.layout_state == LayoutState::Running
    }

    /// Where the map was last drawn, in screen points.
    pub fn map_rect(&self) -> Option<egui::Rect> {
        self.canvas.rect
    }

    /// True while a corpus is being read.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// Which nodes and edges pass the filter.
    pub fn visibility(&self, model: &Model) -> (Vec<bool>, Vec<bool>) {
        let graph = &model.graph.graph;
        // Articles left out, as a lookup table (empty when none is).
        let mut excluded = Vec::new();
        if !self.filter.excluded_articles.is_empty() {
            excluded = vec![false; model.corpus.articles.len()];
            for &a in &self.filter.excluded_articles {
                if let Some(x) = excluded.get_mut(a as usize) {
                    *x = true;
                }
            }
        }
        let n = petgraph::visit::NodeIndexable::node_bound(graph);
        let mut nodes = vec![false; n];
        for i in graph.node_indices() {
            let d = &graph[i];
            let kind_ok = match d.kind {
                NodeKind::Actor => self.filter.actors,
                NodeKind::Topic => self.filter.topics,
            };
            let category_ok = Category::ALL
                .iter()
                .position(|c| *c == d.category)
                .is_some_and(|k| self.filter.categories[k]);
            let in_articles =
                excluded.is_empty() || d.paragraphs.iter().any(|p| !excluded[p.article as usize]);
            let community_ok = self.filter.community.is_none_or(|c| d.community == c);
            nodes[i.index()] = kind_ok
                && community_ok
                && in_articles
                && category_ok
                && d.mentions >= self.filter.min_mentions.max(1)
                && !self.filter.hidden.contains(&(i.index() as u32));
        }
        if self.filter.focus_depth > 0
            && let Selection::Node(center) = self.selection
        {
            // The ego network: nodes within `focus_depth` links of the selection.
            let mut depth = vec![u8::MAX; n];
            let mut frontier = vec![center as usize];
            if let Some(d) = depth.get_mut(center as usize) {
                *d = 0;
            }
            for level in 1..=self.filter.focus_depth {
                let mut next = Vec::new();
                for v in frontier {
                    for w in graph.neighbors(petgraph::graph::NodeIndex::new(v)) {
                        if depth[w.index()] == u8::MAX {
                            depth[w.index()] = level;
                            next.push(w.index());
                        }
                    }
                }
                frontier = next;
            }
            for (visible, d) in nodes.iter_mut().zip(&depth) {
                *visible &= *d != u8::MAX;
            }
            if let Some(v) = nodes.get_mut(center as usize) {
                *v = true;
            }
        }
        if self.filter.max_nodes > 0 && nodes.iter().filter(|v| **v).count() > self.filter.max_nodes
        {
            let mut ranked: Vec<(u32, usize)> = graph
                .node_indices()
                .filter(|i| nodes[i.index()])
                .map(|i| (graph[i].mentions, i.index()))
                .collect();
            ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            for &(_, i) in &ranked[self.filter.max_nodes..] {
                nodes[i] = false;
            }
        }
        let max_weight = graph
            .edge_weights()
            .map(|e| e.weight)
            .fold(0.0f64, f64::max)
            .max(1e-9);
        let mut edges = vec![false; petgraph::visit::EdgeIndexable::edge_bound(graph)];
        for e in graph.edge_indices() {
            let Some((a, b)) = graph.edge_endpoints(e) else {
                continue;
            };
            let d = &graph[e];
            let kind_ok = match d.kind {
                EdgeKind::ActorTopic => self.filter.actor_topic,
                EdgeKind::ActorActor => self.filter.actor_actor,
                EdgeKind::TopicTopic => self.filter.topic_topic,
            };
            let in_articles =
                excluded.is_empty() || d.paragraphs.iter().any(|p| !excluded[p.article as usize]);
            edges[e.index()] = kind_ok
                && in_articles
                && nodes[a.index()]
                && nodes[b.index()]
                && (d.weight / max_weight) as f32 >= self.filter.min_weight;
        }
        if self.filter.hide_unlinked {
            let mut linked = vec![false; n];
            for e in graph.edge_indices() {
                if edges[e.index()]
                    && let Some((a, b)) = graph.edge_endpoints(e)
                {
                    linked[a.index()] = true;
                    linked[b.index()] = true;
                }
            }
            for (visible, l) in nodes.iter_mut().zip(&linked) {
                *visible &= *l;
            }
        }
        (nodes, edges)
    }

    /// Nodes whose label or aliases match `query`, best first: exact, prefix,
    /// substring, then one or two typos; case and accents ignored.
    pub fn search_nodes(&self, query: &str) -> Vec<u32> {
        let Some(model) = &self.model else {
            return Vec::new();
        };
        let q = fold(query.trim());
        if q.is_empty() {
            return Vec::new();
        }
        let mut scored: Vec<(u32, u32, u32)> = Vec::new(); // (score, -mentions, node)
        for i in model.graph.graph.node_indices() {
            let d = &model.graph.graph[i];
            let Some(entity) = model
                .extraction
                .entities
                .get(d.entity as usize)
                .filter(|e| e.merged_into.is_none() && d.mentions > 0)
            else {
                continue;
            };
            let best = std::iter::once(entity.label.as_str())
                .chain(entity.aliases.iter().map(|a| a.form.as_str()))
                .map(|form| {
                    let f = fold(form);
                    if f == q {
                        0
                    } else if f.starts_with(&q) {
                        1
                    } else if f.contains(&q) {
                        2
                    } else {
                        let budget = if q.chars().count() >= 7 { 2 } else { 1 };
                        let d = f
                            .split(' ')
                            .map(|w| edit_distance(w, &q))
                            .chain(std::iter::once(edit_distance(&f, &q)))
                            .min()
                            .unwrap_or(usize::MAX);
                        if d <= budget { 3 + d as u32 } else { u32::MAX }
                    }
                })
                .min()
                .unwrap_or(u32::MAX);
            if best != u32::MAX {
                scored.push((best, u32::MAX - d.mentions, i.index() as u32));
            }
        }
        scored.sort_unstable();
        scored.into_iter().map(|(_, _, n)| n).collect()
    }

    fn top_bar_ui(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        ui.horizontal(|ui| {
            ui.menu_button("File", |ui| {
                if ui.button("Open folder… (Ctrl+O)").clicked() {
                    actions.push(Action::ChooseFolder);
                    ui.close();
                }
                ui.label("…or type a folder path:");
                let field = ui.add(
                    egui::TextEdit::singleline(&mut self.path_input)
                        .hint_text("/path/to/articles")
                        .desired_width(320.0),
                );
                field.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::accesskit::Role::TextInput, true, "Folder path")
                });
                let path = PathBuf::from(self.path_input.trim());
                let valid = !self.path_input.trim().is_empty() && path.is_dir();
                if !self.path_input.trim().is_empty() {
                    if valid {
                        ui.weak("a folder: press Open");
                    } else {
                        ui.colored_label(ui.visuals().warn_fg_color, "not a folder");
                    }
                    // Completion: sub-folders that start with what was typed.
                    for suggestion in complete_path(self.path_input.trim()).into_iter().take(6) {
                        if ui.small_button(suggestion.display().to_string()).clicked() {
                            self.path_input = format!("{}/", suggestion.display());
                        }
                    }
                }
                let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if ui.add_enabled(valid, egui::Button::new("Open")).clicked() || (enter && valid) {
                    actions.push(Action::OpenFolder(Some(path)));
                    ui.close();
                }
                ui.separator();
                if ui.button("Save layout (Ctrl+S)").clicked() {
                    actions.push(Action::SaveLayout);
                    ui.close();
                }
                if ui.button("Save layout as…").clicked() {
                    actions.push(Action::SaveLayoutAs(None));
                    ui.close();
                }
                if ui.button("Open layout…").clicked() {
                    actions.push(Action::OpenLayout(None));
                    ui.close();
                }
                ui.horizontal(|ui| {
                    let field = ui.add(
                        egui::TextEdit::singleline(&mut self.layout_path_input)
                            .hint_text("/path/to/layout.json")
                            .desired_width(220.0),
                    );
                    field.widget_info(|| {
                        egui::WidgetInfo::labeled(
                            egui::accesskit::Role::TextInput,
                            true,
                            "Layout file path",
                        )
                    });
                    let typed = PathBuf::from(self.layout_path_input.trim());
                    let some = !self.layout_path_input.trim().is_empty();
                    if ui.add_enabled(some, egui::Button::new("Save to")).clicked() {
                        actions.push(Action::SaveLayoutAs(Some(typed.clone())));
                        ui.close();
                    }
                    if ui
                        .add_enabled(some && typed.is_file(), egui::Button::new("Open"))
                        .clicked()
                    {
                        actions.push(Action::OpenLayout(Some(typed)));
                        ui.close();
                    }
                });
                self.views_menu_ui(ui, actions);
                ui.menu_button("Export", |ui| {
                    for format in super::export::Format::ALL {
                        if ui.button(format!("{}…", format.describe())).clicked() {
                            actions.push(Action::Export(format, None));
                            ui.close();
                        }
                    }
                    ui.add(
                        egui::Slider::new(&mut self.png_scale, 1.0..=4.0)
                            .step_by(0.5)
                            .text("PNG scale"),
                    );
                    ui.separator();
                    if ui
                        .button("Write corrections as aliases.tsv")
                        .on_hover_text("FOLDER/.knowmap/aliases.tsv: read by every later extraction of this folder")
                        .clicked()
                    {
                        actions.push(Action::ExportAliases);
                        ui.close();
                    }
                });
                if ui.button("Open the bundled sample").clicked() {
                    actions.push(Action::OpenFolder(None));
                    ui.close();
                }
                if !self.settings.recent_folders.is_empty() {
                    ui.separator();
                    ui.label("Recent folders");
                    for folder in self.settings.recent_folders.clone() {
                        if ui.button(folder.display().to_string()).clicked() {
                            actions.push(Action::OpenFolder(Some(folder)));
                            ui.close();
                        }
                    }
                }
            });
            ui.menu_button("View", |ui| {
                let mut community = self.settings.color_by_community;
                if ui.checkbox(&mut community, "Colour by community").changed() {
                    actions.push(Action::SetColorByCommunity(community));
                }
                ui.separator();
                for (label, mode) in [
                    ("Follow the system theme", None),
                    ("Dark", Some(true)),
                    ("Light", Some(false)),
                ] {
                    if ui.radio(self.settings.dark_mode == mode, label).clicked() {
                        actions.push(Action::SetDarkMode(mode));
                    }
                }
                ui.separator();
                ui.checkbox(&mut self.show_timeline, "Timeline")
                    .on_hover_text("Dated articles per day, week or month, under the map");
                if ui.button("Statistics").clicked() {
                    self.show_stats = !self.show_stats;
                    ui.close();
                }
                if ui.button("Fit to view (F)").clicked() {
                    actions.push(Action::FitView);
                    ui.close();
                }
            });
            if ui.button("Help (F1)").clicked() {
                self.show_help = !self.show_help;
            }
            ui.separator();
            let search = ui.add(
                egui::TextEdit::singleline(&mut self.search)
                    .hint_text("Search actors and topics (Ctrl+F)")
                    .desired_width(260.0),
            );
            search.widget_info(|| {
                egui::WidgetInfo::labeled(egui::accesskit::Role::SearchInput, true, "Search")
            });
            if ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::F)) {
                search.request_focus();
            }
            // Matching runs only when the query changes, not every frame.
            if self.search_cache.0 != self.search {
                self.search_cache = (self.search.clone(), self.search_nodes(&self.search));
            }
            let hits = self.search_cache.1.clone();
            if search.lost_focus()
                && ui.input(|i| i.key_pressed(egui::Key::Enter))
                && let Some(&best) = hits.first()
            {
                actions.push(Action::FocusNode(best));
            }
            if search.has_focus() && !hits.is_empty() {
                let names: Vec<String> = hits
                    .iter()
                    .take(3)
                    .filter_map(|&n| {
                        let model = self.model.as_ref()?;
                        let d = model
                            .graph
                            .graph
                            .node_weight(petgraph::graph::NodeIndex::new(n as usize))?;
                        Some(
                            model
                                .extraction
                                .entities
                                .get(d.entity as usize)?
                                .label
                                .clone(),
                        )
                    })
                    .collect();
                ui.weak(format!("Enter: {}", names.join(" · ")));
            }
            ui.separator();
            let label = if self.layout_state == LayoutState::Paused {
                "Resume layout"
            } else {
                "Pause layout"
            };
            if ui.button(label).on_hover_text("Space").clicked() {
                actions.push(Action::ToggleLayout);
            }
            if ui.button("Reheat").clicked() {
                actions.push(Action::Reheat);
            }
            let (can_undo, can_redo) = self.can_undo();
            if ui
                .add_enabled(can_undo, egui::Button::new("Undo"))
                .on_hover_text("Ctrl+Z")
                .clicked()
            {
                actions.push(Action::Undo);
            }
            if ui
                .add_enabled(can_redo, egui::Button::new("Redo"))
                .on_hover_text("Ctrl+Shift+Z")
                .clicked()
            {
                actions.push(Action::Redo);
            }
            ui.weak(match self.layout_state {
                LayoutState::Running => "layout running",
                LayoutState::Settled => "layout settled",
                LayoutState::Paused => "layout paused",
            });
        });
    }

    fn side_ui(
        &mut self,
        ui: &mut egui::Ui,
        shown: Option<&(Vec<bool>, Vec<bool>)>,
        actions: &mut Vec<Action>,
    ) {
        let Some(model) = self.model.clone() else {
            ui.spinner();
            return;
        };
        egui::ScrollArea::vertical().show(ui, |ui| {
            egui::CollapsingHeader::new("Filters").default_open(true).show(ui, |ui| {
                let mut f = self.filter.clone();
                ui.horizontal(|ui| {
                    ui.checkbox(&mut f.actors, "Actors");
                    ui.checkbox(&mut f.topics, "Topics");
                });
                ui.horizontal_wrapped(|ui| {
                    for (k, c) in Category::ALL.iter().enumerate() {
                        ui.checkbox(&mut f.categories[k], c.name());
                    }
                });
                let max_mentions = model.graph.graph.node_weights().map(|n| n.mentions).max().unwrap_or(1).max(1);
                ui.add(egui::Slider::new(&mut f.min_mentions, 1..=max_mentions).text("min. mentions").logarithmic(true));
                ui.add(egui::Slider::new(&mut f.min_weight, 0.0..=1.0).text("min. link weight"));
                ui.label("Links:");
                ui.horizontal_wrapped(|ui| {
                    ui.checkbox(&mut f.actor_topic, "actor–topic");
                    ui.checkbox(&mut f.actor_actor, "actor–actor");
                    ui.checkbox(&mut f.topic_topic, "topic–topic");
                });
                let total = model.graph.graph.node_count().max(1);
                let mut top = if f.max_nodes == 0 { total } else { f.max_nodes.min(total) };
                if ui.add(egui::Slider::new(&mut top, 1..=total).logarithmic(true).text("top nodes")).changed() {
                    f.max_nodes = if top >= total { 0 } else { top };
                }
                ui.add(egui::Slider::new(&mut f.focus_depth, 0..=3).text("focus depth"))
                    .on_hover_text("0 shows the whole map; 1–3 only the selected node and its neighbours that many links away");
                ui.checkbox(&mut f.hide_unlinked, "Hide nodes without shown links");
                if !f.hidden.is_empty() && ui.button(format!("Show {} hidden", f.hidden.len())).clicked() {
                    f.hidden.clear();
                }
                if f != self.filter {
                    actions.push(Action::SetFilter(f));
                }
            });
            egui::CollapsingHeader::new("Layout").default_open(false).show(ui, |ui| {
                let mut s = self.layout_settings;
                ui.add(egui::Slider::new(&mut s.gravity, 0.0..=10.0).text("gravity"));
                ui.add(egui::Slider::new(&mut s.scaling, 0.1..=50.0).logarithmic(true).text("scaling"));
                ui.add(egui::Slider::new(&mut s.edge_weight_influence, 0.0..=2.0).text("edge weight influence"));
                ui.checkbox(&mut s.lin_log, "LinLog mode");
                ui.checkbox(&mut s.prevent_overlap, "Prevent overlap");
                ui.checkbox(&mut s.strong_gravity, "Strong gravity");
                ui.checkbox(&mut s.dissuade_hubs, "Dissuade hubs");
                if s != self.layout_settings {
                    actions.push(Action::SetLayoutSettings(s));
                }
            });
            if self.settings.color_by_community
                && let Some((nodes, edges)) = shown
            {
                let communities = self
                    .stats
                    .data(&model, crate::graph::charts::Shown { nodes, edges })
                    .communities
                    .clone();
                egui::CollapsingHeader::new(format!("Communities ({})", communities.len()))
                    .default_open(true)
                    .show(ui, |ui| {
                        super::stats::community_legend_ui(ui, &model, &communities, &self.filter, 10, actions);
                        if communities.len() > 10 {
                            ui.weak(format!("and {} smaller ones (Statistics → Communities)", communities.len() - 10));
                        }
                    });
            }
            egui::CollapsingHeader::new("Legend").default_open(true).show(ui, |ui| {
                for c in Category::ALL {
                    ui.horizontal(|ui| {
                        let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
                        if c.kind() == NodeKind::Actor {
                            ui.painter().circle_filled(rect.center(), 6.0, canvas::category_color(c));
                        } else {
                            ui.painter().rect_filled(rect, 2.0, canvas::category_color(c));
                        }
                        ui.label(format!("{} ({})", c.name(), if c.kind() == NodeKind::Actor { "actor" } else { "topic" }));
                    });
                }
                ui.weak("Circles are actors, squares topics; size follows mentions, link width and opacity follow significance. A dot marks a pinned node.");
            });
            egui::CollapsingHeader::new(format!("Articles ({})", model.corpus.articles.len()))
                .default_open(false)
                .show(ui, |ui| {
                    ui.weak("Tick the articles the map is made of; click a title to read it.");
                    let mut filter = self.filter.clone();
                    ui.horizontal(|ui| {
                        if ui.small_button("All").clicked() {
                            filter.excluded_articles.clear();
                        }
                        if ui.small_button("None").clicked() {
                            filter.excluded_articles = model.corpus.articles.iter().map(|a| a.id).collect();
                        }
                    });
                    for article in &model.corpus.articles {
                        ui.horizontal(|ui| {
                            let mut included = !filter.excluded_articles.contains(&article.id);
                            let response = ui
                                .add(egui::Checkbox::without_text(&mut included))
                                .on_hover_text("Include this article in the map");
                            let name = format!("Include {}", article.path);
                            response.widget_info(|| {
                                egui::WidgetInfo::selected(egui::Role::CheckBox, true, included, &name)
                            });
                            if response.changed() {
                                if included {
                                    filter.excluded_articles.retain(|a| *a != article.id);
                                } else {
                                    filter.excluded_articles.push(article.id);
                                }
                            }
                            let selected = self.selected_article == Some(article.id);
                            let text = format!("{}  ({} ¶)", article.title, article.paragraphs.len());
                            let hover = match article.byline() {
                                Some(byline) => format!("{}\n{byline}", article.path),
                                None => article.path.clone(),
                            };
                            // Truncated to the panel, the whole title in the tooltip: a
                            // long headline must not widen the panel.
                            let hover = format!("{}\n{hover}", article.title);
                            if ui
                                .add(egui::Button::selectable(selected, text).truncate())
                                .on_hover_text(hover)
                                .clicked()
                            {
                                actions.push(Action::SelectArticle(article.id));
                            }
                        });
                    }
                    if filter != self.filter {
                        actions.push(Action::SetFilter(filter));
                    }
                });
            let warnings: Vec<&crate::corpus::Warning> = model.warnings().collect();
            if !warnings.is_empty() {
                egui::CollapsingHeader::new(format!("Warnings ({})", warnings.len())).show(ui, |ui| {
                    for w in warnings {
                        ui.add(egui::Label::new(format!("{}: {}", w.path, w.message)).wrap());
                    }
                });
            }
        });
    }

    fn help_ui(&mut self, ctx: &egui::Context) {
        let mut open = self.show_help;
        egui::Window::new("Keyboard and mouse")
            .open(&mut open)
            .show(ctx, |ui| {
                egui::Grid::new("help").striped(true).show(ui, |ui| {
                    for (key, what) in [
                        ("Drag background", "pan"),
                        ("Wheel / pinch / + −", "zoom at the cursor"),
                        ("F or double-click", "fit the map to the window"),
                        ("Click node or link", "select and read its evidence"),
                        ("Drag node", "move and pin it"),
                        ("Right-click", "pin, unpin, hide"),
                        ("Space", "pause or resume the layout"),
                        ("Ctrl+F", "search; Enter selects and centres"),
                        ("Ctrl+O", "open a folder"),
                        ("Ctrl+S", "save the layout into the folder"),
                        ("Shift+drag onto a node", "merge the dragged node into it"),
                        (
                            "Right-click a node",
                            "rename, merge, change category, ignore",
                        ),
                        (
                            "Ctrl+Z / Ctrl+Shift+Z",
                            "undo / redo moves, pins, hiding and filters",
                        ),
                        ("Esc", "clear the selection"),
                        ("F1", "this help"),
                    ] {
                        ui.strong(key);
                        ui.label(what);
                        ui.end_row();
                    }
                });
            });
        self.show_help = open;
    }

    fn keyboard(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        if ctx.egui_wants_keyboard_input() {
            return;
        }
        ctx.input_mut(|i| {
            if i.consume_key(egui::Modifiers::NONE, egui::Key::Space) {
                actions.push(Action::ToggleLayout);
            }
            if i.consume_key(egui::Modifiers::NONE, egui::Key::F) {
                actions.push(Action::FitView);
            }
            if i.consume_key(egui::Modifiers::NONE, egui::Key::F1) {
                self.show_help = !self.show_help;
            }
            if i.consume_key(egui::Modifiers::NONE, egui::Key::Escape) {
                // Escape cancels an open dialog first (its field gave up the
                // focus on the same key), else clears the selection.
                if self.curate_dialog.is_some() {
                    self.curate_dialog = None;
                } else {
                    actions.push(Action::Select(Selection::None));
                }
            }
            if i.consume_key(
                egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
                egui::Key::Z,
            ) {
                actions.push(Action::Redo);
            }
            if i.consume_key(egui::Modifiers::COMMAND, egui::Key::Z) {
                actions.push(Action::Undo);
            }
            if i.consume_key(egui::Modifiers::COMMAND, egui::Key::S) {
                actions.push(Action::SaveLayout);
            }
            if i.consume_key(egui::Modifiers::COMMAND, egui::Key::O) {
                actions.push(Action::ChooseFolder);
            }
            if i.consume_key(egui::Modifiers::NONE, egui::Key::Plus)
                || i.consume_key(egui::Modifiers::NONE, egui::Key::Equals)
            {
                self.camera.zoom *= 1.25;
            }
            if i.consume_key(egui::Modifiers::NONE, egui::Key::Minus) {
                self.camera.zoom /= 1.25;
            }
        });
    }

    /// The whole selected article, every mention highlighted and clickable;
    /// furniture and duplicates greyed.
    fn reader_ui(&self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        let Some(model) = &self.model else { return };
        let Some(article) = self
            .selected_article
            .and_then(|id| model.corpus.articles.get(id as usize))
        else {
            return;
        };
        ui.heading(&article.title);
        if let Some(byline) = article.byline() {
            ui.label(byline);
        }
        if let Some(url) = &article.meta.url {
            ui.weak(url);
        }
        ui.weak(format!(
            "{} · {} paragraphs · {}",
            article.path,
            article.paragraphs.len(),
            article.encoding
        ));
        ui.separator();
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for index in 0..article.blocks.len() {
                    super::evidence::block_ui(
                        ui,
                        model,
                        article.id,
                        index as u32,
                        &[],
                        None,
                        actions,
                    );
                    ui.add_space(4.0);
                }
            });
    }
}

impl eframe::App for KnowmapApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        if let Some(dark) = self.settings.dark_mode {
            ctx.set_theme(if dark {
                egui::Theme::Dark
            } else {
                egui::Theme::Light
            });
        }
        self.poll_loading();
        self.close_ui(&ctx);
        self.autosave_tick(ctx.input(|i| i.time));
        // The layout thread and the loader request repaints when they publish.
        self.poll_layout();
        if self.is_loading() {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
        let mut actions = Vec::new();
        self.keyboard(&ctx, &mut actions);
        // A folder (or files, meaning their folder) dropped on the window.
        let dropped: Option<PathBuf> =
            ctx.input(|i| i.raw.dropped_files.first().map(|f| f.path().to_path_buf()));
        if let Some(path) = dropped {
            let folder = if path.is_dir() {
                Some(path)
            } else {
                path.parent().map(std::path::Path::to_path_buf)
            };
            if let Some(folder) = folder {
                actions.push(Action::OpenFolder(Some(folder)));
            }
        }
        // What the filters show, computed once per frame (filters only change
        // in `apply`, after drawing).
        let shown = self.model.clone().map(|m| self.visibility(&m));
        egui::Panel::top("top").show(ui, |ui| self.top_bar_ui(ui, &mut actions));
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(&self.status);
                if let (Some(model), Some((nodes, edges))) = (&self.model, &shown) {
                    ui.separator();
                    ui.label(format!(
                        "nodes {}/{} · links {}/{}",
                        nodes.iter().filter(|v| **v).count(),
                        model.graph.graph.node_count(),
                        edges.iter().filter(|v| **v).count(),
                        model.graph.graph.edge_count()
                    ));
                }
                if let Some(loading) = &self.loading {
                    ui.separator();
                    ui.spinner();
                    let stage =
                        usize::from(loading.stage.load(Ordering::Relaxed)).min(STAGES.len() - 1);
                    let (done, total) = (
                        loading.files.done.load(Ordering::Relaxed),
                        loading.files.total.load(Ordering::Relaxed),
                    );
                    // Reading counts files; later stages share the rest of the bar.
                    let (fraction, text) = if stage == 0 && total > 0 {
                        (
                            done as f32 / total as f32 / 3.0,
                            format!("{}: {done}/{total} files", STAGES[0]),
                        )
                    } else {
                        (
                            (stage as f32 + 0.5) / STAGES.len() as f32,
                            STAGES[stage].to_owned(),
                        )
                    };
                    ui.add(
                        egui::ProgressBar::new(fraction)
                            .desired_width(220.0)
                            .text(text),
                    );
                    if ui.button("Cancel").clicked() {
                        actions.push(Action::CancelLoading);
                    }
                }
            });
        });
        if self.show_timeline
            && let Some(model) = self.model.clone()
            && let Some(timeline) = crate::graph::timeline::Timeline::of(&model.corpus)
        {
            let selection = self.selection;
            egui::Panel::bottom("timeline")
                .resizable(true)
                .default_size(150.0)
                .min_size(90.0)
                .show(ui, |ui| {
                    super::timeline::timeline_ui(ui, &model, &timeline, selection);
                });
        }
        egui::Panel::left("side")
            .default_size(260.0)
            .min_size(220.0)
            .show(ui, |ui| self.side_ui(ui, shown.as_ref(), &mut actions));
        egui::Panel::right("evidence")
            .default_size(380.0)
            .min_size(260.0)
            .show(ui, |ui| {
                if let Some(model) = self.model.clone() {
                    if self.selection == Selection::None && self.reading {
                        self.reader_ui(ui, &mut actions);
                    } else {
                        super::evidence::evidence_ui(ui, &model, self.selection, &mut actions);
                    }
                }
            });
        egui::CentralPanel::no_frame().show(ui, |ui| {
            let Some(model) = self.model.clone() else {
                ui.centered_and_justified(|ui| ui.spinner());
                return;
            };
            let Some((nodes, edges)) = &shown else { return };
            // Follow the growing layout until the user takes the camera.
            let follow = self.layout_state == LayoutState::Running && !self.canvas.user_moved;
            if (self.fit_pending || follow)
                && let Some(rect) = self
                    .canvas
                    .rect
                    .or_else(|| Some(ui.available_rect_before_wrap()))
            {
                self.camera = Camera::fit(
                    rect,
                    self.positions
                        .iter()
                        .zip(nodes.iter())
                        .filter(|(_, v)| **v)
                        .map(|(p, _)| *p),
                );
                self.base_zoom = self.camera.zoom;
                self.fit_pending = false;
            }
            // The camera and gesture state change while the scene is read.
            let mut camera = self.camera;
            let mut canvas_state = std::mem::take(&mut self.canvas);
            let scene = self.scene(&model, nodes, edges);
            actions.extend(canvas::canvas_ui(
                ui,
                &mut camera,
                &mut canvas_state,
                &scene,
            ));
            self.camera = camera;
            self.canvas = canvas_state;
            if !self.first_map_drawn {
                self.first_map_drawn = true;
                log::info!(
                    "first map drawn {:?} after launch ({} nodes)",
                    self.started.elapsed(),
                    model.graph.graph.node_count()
                );
            }
        });
        if self.show_help {
            self.help_ui(&ctx);
        }
        super::curation::dialog_ui(self, &ctx, &mut actions);
        if let Some(path) = &self.pending_autosave {
            egui::Window::new("Unsaved changes found")
                .collapsible(false)
                .resizable(false)
                .anchor(egui::Align2::CENTER_TOP, [0.0, 60.0])
                .show(&ctx, |ui| {
                    ui.label(format!(
                        "knowmap did not close normally last time; changes to this map were kept in {}.",
                        path.display()
                    ));
                    ui.horizontal(|ui| {
                        if ui.button("Restore them").clicked() {
                            actions.push(Action::RestoreAutosave(true));
                        }
                        if ui.button("Discard them").clicked() {
                            actions.push(Action::RestoreAutosave(false));
                        }
                    });
                });
        }
        if self.show_stats
            && let Some(model) = self.model.clone()
        {
            let empty = (Vec::new(), Vec::new());
            let (nodes, edges) = shown.as_ref().unwrap_or(&empty);
            let shown = crate::graph::charts::Shown { nodes, edges };
            let mut open = self.show_stats;
            let mut stats = std::mem::take(&mut self.stats);
            egui::Window::new("Statistics")
                .open(&mut open)
                .default_size([860.0, 520.0])
                .show(&ctx, |ui| {
                    super::stats::stats_ui(
                        ui,
                        &mut stats,
                        &model,
                        shown,
                        &self.filter,
                        &mut actions,
                    )
                });
            self.stats = stats;
            self.show_stats = open;
        }
        for action in actions {
            self.apply(action);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.settings);
    }
}

/// Sub-folders of the typed path's folder whose names start with its last part.
fn complete_path(typed: &str) -> Vec<PathBuf> {
    let path = std::path::Path::new(typed);
    let (dir, prefix) = if typed.ends_with('/') {
        (path.to_path_buf(), String::new())
    } else {
        (
            path.parent()
                .map(std::path::Path::to_path_buf)
                .unwrap_or_default(),
            path.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        )
    };
    let dir = if dir.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        dir
    };
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            !name.starts_with('.') && name.starts_with(&prefix)
        })
        .map(|e| e.path())
        .collect();
    out.sort();
    out
}

/// Lower case without accents, for forgiving search.
fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            '’' => '\'',
            c => c,
        })
        .collect()
}

/// Levenshtein distance, O(|a|·|b|).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > 2 {
        return 3;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_typos() {
        assert_eq!(edit_distance("zelenskiy", "zelenskyy"), 1);
        assert_eq!(edit_distance("putin", "putin"), 0);
    }

    #[test]
    fn fold_ignores_case_and_accents() {
        assert_eq!(fold("Élysée"), "elysee");
    }
}
