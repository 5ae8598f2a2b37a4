//! The knowmap window: a thin view over a [`Session`]. It keeps only what
//! belongs to the window (panels open, text being typed, dialogs, the
//! canvas gesture state, settings kept between runs), draws from the
//! session, and turns what the user does into [`UiAction`]s, applied after
//! drawing in [`KnowmapApp::apply`], the only place a file dialog opens.

use std::path::PathBuf;
use std::sync::Arc;

use super::action::{self, UiAction};
use super::canvas::{self, CanvasState};
pub use super::close::Closing;
use super::dialogs::{PathDialog, PathKind};
pub use super::settings::Settings;
use crate::corpus::ArticleId;
use crate::graph::Model;
use crate::graph::view::Selection;
use crate::layout::LayoutState;
use crate::session::loader::Loaded;
use crate::session::{Command, ExportFormat, Options, Session};

/// The knowmap window.
pub struct KnowmapApp {
    /// The user's work: everything the window shows comes from here.
    pub session: Session,
    pub settings: Settings,
    /// The search field and its last results.
    pub search: super::top_bar::Search,
    /// The statistics window's tab, sort order and cached numbers.
    pub stats: super::stats::StatsState,
    pub(super) canvas: CanvasState,
    pub(super) show_help: bool,
    pub(super) show_stats: bool,
    /// The timeline under the map (when the articles have dates).
    pub(super) show_timeline: bool,
    /// The timeline's brush and play.
    pub timeline: super::timeline::TimelineState,
    /// The timeline's bins and the session revision they were made at.
    timeline_cache: Option<(u64, Option<Arc<crate::graph::timeline::Timeline>>)>,
    /// A rename or merge being asked for.
    pub(super) curate_dialog: Option<super::curation::Dialog>,
    /// A folder or layout path being typed.
    pub(super) path_dialog: Option<PathDialog>,
    /// The name of a new view being typed.
    pub(super) view_dialog: Option<String>,
    /// An article's date being typed: (article, text).
    pub(super) date_dialog: Option<(crate::corpus::ArticleId, String)>,
    /// Where closing the window stands.
    pub closing: Closing,
    /// The close command was sent for a confirmed close.
    close_sent: bool,
    /// An export waiting for the user to confirm where it goes (no file
    /// dialog could ask).
    pub(super) pending_write: Option<(PendingWrite, PathBuf)>,
    /// A folder that could not be opened: its path and why, until dismissed.
    pub(super) load_error: Option<(String, String)>,
    pub(super) ctx: Option<egui::Context>,
    /// When the app was created, for the launch-to-map time in the log.
    started: std::time::Instant,
    first_map_drawn: bool,
    /// Hands files to the desktop ("Show in folder", "Open original").
    pub opener: super::open::Opener,
    /// Asks where to save an export or a table.
    pub save_dialog: super::open::SaveDialog,
}

/// A file waiting for the user to confirm where it goes.
#[derive(Debug, Clone)]
pub(super) enum PendingWrite {
    Export(ExportFormat),
    Table(crate::graph::charts::Table),
}

impl PendingWrite {
    pub(super) fn describe(&self) -> String {
        match self {
            Self::Export(format) => format!("Export {}", format.describe()),
            Self::Table(_) => "Save the chart's numbers".to_owned(),
        }
    }

    pub(super) fn command(self, path: PathBuf) -> Command {
        match self {
            Self::Export(format) => Command::Export(format, path),
            Self::Table(table) => Command::SaveTable { table, path },
        }
    }
}

impl KnowmapApp {
    /// The timeline of the open corpus (all its dates, whatever the
    /// window), made again only when the model changes, not every frame.
    fn whole_timeline(&mut self) -> Option<Arc<crate::graph::timeline::Timeline>> {
        let revision = self.session.revision;
        if let Some((at, timeline)) = &self.timeline_cache
            && *at == revision
        {
            return timeline.clone();
        }
        let timeline = self
            .session
            .whole
            .as_ref()
            .and_then(|whole| crate::graph::timeline::Timeline::of(&whole.corpus))
            .map(Arc::new);
        self.timeline_cache = Some((revision, timeline.clone()));
        timeline
    }

    /// Creates the app, restoring settings and starting to read the first corpus.
    pub fn new(cc: &eframe::CreationContext<'_>, folder: Option<PathBuf>) -> Self {
        Self::with_options(cc, folder, Options::default())
    }

    /// [`Self::new`] with explicit session options (tests run the layout
    /// synchronously).
    pub fn with_options(
        cc: &eframe::CreationContext<'_>,
        folder: Option<PathBuf>,
        mut options: Options,
    ) -> Self {
        let settings: Settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
            .unwrap_or_default();
        let start = folder.or_else(|| settings.last_folder.clone().filter(|p| p.is_dir()));
        let ctx = cc.egui_ctx.clone();
        let waker = ctx.clone();
        options.waker = Some(Arc::new(move || waker.request_repaint()));
        if options.sample_autosave.is_none() {
            options.sample_autosave =
                eframe::storage_dir("knowmap").map(|d| d.join("sample-autosave.json"));
        }
        let mut app = Self::with_session(settings, Session::new(options));
        app.ctx = Some(ctx);
        app.apply(Command::OpenFolder(start));
        app
    }

    /// An app with no window behind it that has read `folder` (the bundled
    /// sample with `None`) and laid it out, on the calling thread.
    pub fn headless(folder: Option<PathBuf>) -> Self {
        Self::with_session(Settings::default(), Session::open_blocking(folder))
    }

    /// An app over a session, with no window behind it yet.
    pub fn with_session(settings: Settings, mut session: Session) -> Self {
        session.color_by_community = settings.color_by_community;
        Self {
            session,
            settings,
            search: super::top_bar::Search::default(),
            stats: super::stats::StatsState::default(),
            canvas: CanvasState::default(),
            show_help: false,
            show_stats: false,
            show_timeline: true,
            timeline: super::timeline::TimelineState::new(),
            timeline_cache: None,
            curate_dialog: None,
            path_dialog: None,
            view_dialog: None,
            date_dialog: None,
            closing: Closing::default(),
            close_sent: false,
            load_error: None,
            pending_write: None,
            ctx: None,
            started: std::time::Instant::now(),
            first_map_drawn: false,
            opener: super::open::system_opener(),
            save_dialog: super::open::system_save_dialog(),
        }
    }

    /// Applies one action after drawing: session commands go to the
    /// session; dialogs, panels and the theme are the window's own.
    pub fn apply(&mut self, action: impl Into<UiAction>) {
        match action.into() {
            UiAction::Session(command) => {
                // The session reports failures on its status line.
                let _ = self.session.apply(command);
            }
            UiAction::ChooseFolder => {
                use super::open::SaveAnswer;
                let asked = std::time::Instant::now();
                let chosen = rfd::FileDialog::new()
                    .set_title("Open a folder of articles")
                    .pick_folder();
                match super::open::answer(asked, chosen) {
                    SaveAnswer::Chosen(folder) => self.apply(Command::OpenFolder(Some(folder))),
                    // No dialog to show: the typed-path window instead.
                    SaveAnswer::Unavailable => {
                        self.path_dialog = Some(PathDialog::new(PathKind::Folder));
                    }
                    SaveAnswer::Cancelled => {}
                }
            }
            UiAction::ShowInFolder(path) => {
                self.open_with_desktop(&super::open::OpenRequest::ShowInFolder(path));
            }
            UiAction::OpenFile(path) if !path.is_file() => {
                self.session.status = crate::session::Status::new(
                    crate::session::StatusKind::Error,
                    format!("{} is no longer there", path.display()),
                );
            }
            UiAction::OpenFile(path) => {
                self.open_with_desktop(&super::open::OpenRequest::Open(path));
            }
            UiAction::AskFolderPath => self.path_dialog = Some(PathDialog::new(PathKind::Folder)),
            UiAction::AskLayoutPath => self.path_dialog = Some(PathDialog::new(PathKind::Layout)),
            UiAction::SaveAndClose => {
                self.apply(UiAction::SaveLayout);
                // Closes only once saved; a failed save keeps the window
                // and the prompt, and says why on the status line.
                self.closing = if self.session.dirty {
                    Closing::Asking
                } else {
                    Closing::Confirmed
                };
            }
            UiAction::SaveLayout => {
                if self.session.layout_path().is_some() {
                    self.apply(Command::SaveLayout);
                } else if self.session.model.is_some() {
                    self.apply(UiAction::SaveLayoutAs);
                }
            }
            UiAction::SaveLayoutAs => {
                let mut dialog = rfd::FileDialog::new()
                    .set_title("Save the layout as")
                    .add_filter("knowmap layout", &["json"])
                    .set_file_name("layout.json");
                if let Some(dir) = self
                    .session
                    .layout_path()
                    .as_deref()
                    .and_then(std::path::Path::parent)
                {
                    dialog = dialog.set_directory(dir);
                }
                match dialog.save_file() {
                    Some(path) => self.apply(Command::SaveLayoutAs(path)),
                    None => self.path_dialog = Some(PathDialog::new(PathKind::Layout)),
                }
            }
            UiAction::OpenLayout => {
                if self.session.model.is_none() {
                    return;
                }
                match rfd::FileDialog::new()
                    .set_title("Open a layout")
                    .add_filter("knowmap layout", &["json"])
                    .pick_file()
                {
                    Some(path) => self.apply(Command::OpenLayout(path)),
                    None => self.path_dialog = Some(PathDialog::new(PathKind::Layout)),
                }
            }
            UiAction::AskViewName => self.view_dialog = Some(String::new()),
            UiAction::AskArticleDate(article) => {
                let current = self
                    .session
                    .model
                    .as_ref()
                    .and_then(|m| m.corpus.articles.get(article as usize))
                    .and_then(|a| a.meta.date)
                    .map(|(d, _)| d.to_iso())
                    .unwrap_or_default();
                self.date_dialog = Some((ArticleId::from_raw(article), current));
            }
            UiAction::ConfirmExport(format, path) => {
                self.pending_write = Some((PendingWrite::Export(format), path));
            }
            UiAction::ConfirmTable(table, path) => {
                self.pending_write = Some((PendingWrite::Table(table), path));
            }
            UiAction::Export(format) => {
                let request = super::open::SaveRequest {
                    title: format!("Export {}", format.describe()),
                    filter: (format.describe().to_owned(), format.extension().to_owned()),
                    file_name: format.file_name(),
                };
                self.save_where_asked(&request, PendingWrite::Export(format));
            }
            UiAction::SaveTable { name, table } => {
                let request = super::open::SaveRequest {
                    title: "Save the chart's numbers".to_owned(),
                    filter: ("CSV".to_owned(), "csv".to_owned()),
                    file_name: format!("{name}.csv"),
                };
                self.save_where_asked(&request, PendingWrite::Table(table));
            }
            UiAction::AskRename(node) => {
                self.curate_dialog = super::curation::Dialog::rename(&self.session, node);
            }
            UiAction::AskMerge(node) => {
                self.curate_dialog = super::curation::Dialog::merge(&self.session, node);
            }
            UiAction::SetDarkMode(mode) => self.settings.dark_mode = mode,
            UiAction::ToggleHelp => self.show_help = !self.show_help,
            UiAction::ToggleStatistics => self.show_stats = !self.show_stats,
            UiAction::ZoomBy(factor) => {
                let camera = &mut self.session.camera.camera;
                camera.zoom = (camera.zoom * factor).clamp(1e-4, 1e4);
            }
            UiAction::TogglePlay => {
                let timeline = self.whole_timeline();
                if let Some(command) = self
                    .timeline
                    .toggle_play(timeline.as_deref(), self.session.filter.time_window)
                {
                    self.apply(command);
                }
            }
            UiAction::ShowCommunity(community) => {
                let mut filter = self.session.filter.clone();
                filter.community = if filter.community == Some(community) {
                    None
                } else {
                    Some(community)
                };
                self.apply(Command::SetFilter(filter));
            }
            UiAction::ToggleCollapse(community) => {
                let mut filter = self.session.filter.clone();
                if let Some(k) = filter.collapsed.iter().position(|&c| c == community) {
                    filter.collapsed.remove(k);
                } else {
                    filter.collapsed.push(community);
                }
                self.apply(Command::SetFilter(filter));
            }
            UiAction::Escape => {
                // Escape cancels an open dialog first, else clears the selection.
                if self.curate_dialog.is_some() {
                    self.curate_dialog = None;
                } else if self.path_dialog.is_some() {
                    self.path_dialog = None;
                } else if self.view_dialog.is_some() {
                    self.view_dialog = None;
                } else if self.date_dialog.is_some() {
                    self.date_dialog = None;
                } else {
                    self.apply(Command::Select(Selection::None));
                }
            }
        }
    }

    /// Where the map was last drawn, in screen points.
    pub fn map_rect(&self) -> Option<egui::Rect> {
        self.canvas.rect
    }

    /// The node under the pointer (highlighted, with its tooltip).
    pub fn hovered_node(&self) -> Option<u32> {
        self.canvas.hovered
    }

    /// The node whose tooltip the map shows.
    pub fn tooltip_node(&self) -> Option<u32> {
        self.canvas.tooltip
    }

    /// What the canvas draws of `model`.
    pub(super) fn scene<'a>(
        &'a self,
        model: &'a Model,
        nodes: &'a [bool],
        edges: &'a [bool],
        collapse: &'a crate::graph::view::Collapse,
    ) -> canvas::Scene<'a> {
        let s = &self.session;
        canvas::Scene {
            model,
            positions: &s.positions,
            node_visible: nodes,
            edge_visible: edges,
            pinned: &s.pinned,
            new_nodes: &s.new_in_window,
            gone_nodes: &s.gone_from_window,
            gone_edges: &s.gone_links_from_window,
            selection: s.selection,
            color_by_community: s.color_by_community,
            label_budget: crate::io::picture::LABEL_BUDGET,
            base_zoom: s.camera.base_zoom,
            edge_order: s.drawing_order(),
            max_weight: s.max_weight,
            edge_budget: crate::io::picture::EDGE_BUDGET,
            drawn_at: &collapse.drawn_at,
            collapsed: &collapse.groups,
        }
    }

    fn poll(&mut self) {
        self.session.layout.held.clear();
        self.session.layout.held.extend(
            self.canvas
                .dragging
                .into_iter()
                .chain(self.canvas.drop_target),
        );
        match self.session.poll_loading() {
            Some(Loaded::Opened(folder)) => {
                self.load_error = None;
                if let Some(path) = folder {
                    self.settings.recent_folders.retain(|p| *p != path);
                    self.settings.recent_folders.insert(0, path.clone());
                    self.settings.recent_folders.truncate(10);
                    self.settings.last_folder = Some(path);
                }
            }
            Some(Loaded::Failed(folder)) => {
                let path = folder.map_or_else(
                    || "the bundled sample".to_owned(),
                    |p| p.display().to_string(),
                );
                self.load_error = Some((path, self.session.status.text.clone()));
            }
            None => {}
        }
        self.session.autosave_tick();
        // The open folder is checked for changed articles now and then; a
        // repaint is asked for so an idle window checks too.
        self.session.watch_tick();
        if let (Some(interval), Some(ctx)) = (self.session.options().watch_interval, &self.ctx) {
            ctx.request_repaint_after(interval);
        }
        // The layout thread and the loader request repaints when they publish.
        self.session.poll_layout();
    }

    /// Asks the desktop to show or open a file; a failure (no file manager,
    /// no `xdg-open`) is said on the status line with the path, so the user
    /// can go there by hand.
    fn open_with_desktop(&mut self, request: &super::open::OpenRequest) {
        let (super::open::OpenRequest::ShowInFolder(path) | super::open::OpenRequest::Open(path)) =
            request;
        if let Err(err) = (self.opener)(request) {
            self.session.status = crate::session::Status::new(
                crate::session::StatusKind::Error,
                format!("Could not open {}: {err}", path.display()),
            );
        }
    }

    /// Asks where to write `what`: the dialog's choice is written at once;
    /// without a dialog, the folder's `.knowmap/export/` is proposed and
    /// nothing is written until the user confirms it.
    fn save_where_asked(&mut self, request: &super::open::SaveRequest, what: PendingWrite) {
        use super::open::SaveAnswer;
        match (self.save_dialog)(request) {
            SaveAnswer::Chosen(path) => self.apply(what.command(path)),
            SaveAnswer::Unavailable => match self.session.default_export_path(&request.file_name) {
                Some(path) => self.pending_write = Some((what, path)),
                None => {
                    self.session.status = crate::session::Status::new(
                        crate::session::StatusKind::Notice,
                        "No file dialog is available and no folder is open to write into; nothing was written.",
                    );
                }
            },
            SaveAnswer::Cancelled => {
                self.session.status = crate::session::Status::new(
                    crate::session::StatusKind::Notice,
                    "No file chosen; nothing was written.",
                );
            }
        }
    }

    fn map_ui(
        &mut self,
        ui: &mut egui::Ui,
        shown: Option<&(Vec<bool>, Vec<bool>)>,
        actions: &mut Vec<UiAction>,
    ) {
        let Some(model) = self.session.model.clone() else {
            ui.centered_and_justified(|ui| {
                if let Some(progress) = self.session.load_progress() {
                    ui.weak(format!("{}…", progress.describe()));
                } else {
                    ui.label("No map is open: choose Open folder… (Ctrl+O) in the File menu, or drop a folder here.");
                }
            });
            return;
        };
        let Some((nodes, edges)) = shown else { return };
        let rect = self
            .canvas
            .rect
            .unwrap_or_else(|| ui.available_rect_before_wrap());
        // Follow the growing layout until the user takes the camera.
        let camera = &mut self.session.camera;
        let follow = self.session.layout.state == LayoutState::Running && !camera.user_moved;
        let shown_places = || {
            self.session
                .positions
                .iter()
                .zip(nodes.iter())
                .filter(|(_, v)| **v)
                .map(|(p, _)| *p)
        };
        if camera.fit_pending || follow {
            camera.fit([rect.width(), rect.height()], shown_places());
        } else if camera.rebase {
            camera.rebase_on([rect.width(), rect.height()], shown_places());
        }
        // The camera and gesture state change while the scene is read.
        let mut camera = self.session.camera;
        let mut canvas_state = std::mem::take(&mut self.canvas);
        let collapse = self.session.collapse(&model, nodes);
        let scene = self.scene(&model, nodes, edges, &collapse);
        actions.extend(canvas::canvas_ui(
            ui,
            &mut camera,
            &mut canvas_state,
            &scene,
        ));
        self.session.camera = camera;
        self.canvas = canvas_state;
        if let Some(rect) = self.canvas.rect {
            self.session.picture.size = [rect.width(), rect.height()];
        }
        if !self.first_map_drawn {
            self.first_map_drawn = true;
            log::info!(
                "first map drawn {:?} after launch ({} nodes)",
                self.started.elapsed(),
                model.graph.node_count()
            );
        }
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
        self.session.picture.palette = canvas::palette(&ctx.global_style().visuals);
        self.poll();
        if self.session.is_loading() {
            // The progress bar's file count; stages wake the window anyway.
            ctx.request_repaint_after(std::time::Duration::from_millis(250));
        }
        let mut actions = Vec::new();
        super::close::close_ui(&mut self.closing, &mut self.session, &ctx, &mut actions);
        action::keyboard(&ctx, &mut actions);
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
                actions.push(Command::OpenFolder(Some(folder)).into());
            }
        }
        // What the filters show (filters only change in `apply`, after
        // drawing).
        let (shown, shown_generation) = match self.session.shown() {
            Some((shown, generation)) => (Some(shown), generation),
            None => (None, 0),
        };
        egui::Panel::top("top").show(ui, |ui| {
            let mut bar = super::top_bar::TopBar {
                session: &mut self.session,
                settings: &self.settings,
                show_timeline: &mut self.show_timeline,
                search: &mut self.search,
            };
            bar.ui(ui, &mut actions);
        });
        egui::Panel::bottom("status")
            .show(ui, |ui| self.status_ui(ui, shown.as_deref(), &mut actions));
        let timeline = self.whole_timeline();
        if let Some(command) = self
            .timeline
            .tick(timeline.as_deref(), self.session.filter.time_window)
        {
            actions.push(command.into());
        }
        if let Some(wait) = self.timeline.next_step_in() {
            ui.ctx().request_repaint_after(wait);
        }
        if self.show_timeline
            && let Some(whole) = self.session.whole.clone()
            && let Some(timeline) = &timeline
        {
            let selection = self.session.selection;
            let window = self.session.filter.time_window;
            let new_nodes = match shown.as_deref() {
                Some((nodes, _)) => self
                    .session
                    .new_in_window
                    .iter()
                    .zip(nodes)
                    .filter(|(new, shown)| **new && **shown)
                    .count(),
                None => 0,
            };
            let gone = (
                self.session.gone_from_window.iter().filter(|g| **g).count(),
                self.session.gone_links_from_window.len(),
            );
            egui::Panel::bottom("timeline")
                .resizable(true)
                .default_size(150.0)
                .min_size(90.0)
                .show(ui, |ui| {
                    let view = super::timeline::TimelineView {
                        whole: &whole,
                        timeline,
                        selection,
                        window,
                        new_nodes,
                        gone,
                    };
                    super::timeline::timeline_ui(ui, &view, &mut self.timeline, &mut actions);
                });
        }
        egui::Panel::left("side")
            .default_size(260.0)
            .min_size(220.0)
            .max_size(480.0)
            .show(ui, |ui| {
                super::side::side_ui(
                    &self.session,
                    &mut self.stats,
                    ui,
                    shown.as_deref(),
                    shown_generation,
                    &mut actions,
                )
            });
        egui::Panel::right("evidence")
            .default_size(380.0)
            .min_size(260.0)
            .show(ui, |ui| {
                if let Some(model) = self.session.model.clone() {
                    if self.session.selection == Selection::None && self.session.reading {
                        super::side::reader_ui(&self.session, ui, &mut actions);
                    } else {
                        let whole = self.session.whole.clone().unwrap_or_else(|| model.clone());
                        let collapse = match shown.as_deref() {
                            Some((nodes, _)) => self.session.collapse(&model, nodes),
                            None => Default::default(),
                        };
                        super::evidence::evidence_ui(
                            ui,
                            &model,
                            &whole,
                            self.session.selection,
                            (&collapse.groups, self.session.revision),
                            &mut actions,
                        );
                    }
                }
            });
        egui::CentralPanel::no_frame()
            .show(ui, |ui| self.map_ui(ui, shown.as_deref(), &mut actions));
        if self.show_help {
            self.help_ui(&ctx);
        }
        super::curation::dialog_ui(&mut self.curate_dialog, &self.session, &ctx, &mut actions);
        super::dialogs::path_dialog_ui(&mut self.path_dialog, &ctx, &mut actions);
        super::dialogs::view_dialog_ui(&mut self.view_dialog, &ctx, &mut actions);
        super::dialogs::date_dialog_ui(&mut self.date_dialog, &ctx, &mut actions);
        super::close::autosave_ui(&self.session, &ctx, &mut actions);
        self.load_error_ui(&ctx, &mut actions);
        self.pending_write_ui(&ctx, &mut actions);
        if self.show_stats
            && let Some(model) = self.session.model.clone()
        {
            let empty = (Vec::new(), Vec::new());
            let (nodes, edges) = shown.as_deref().unwrap_or(&empty);
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
                        shown_generation,
                        shown,
                        &self.session.filter,
                        &mut actions,
                    )
                });
            self.stats = stats;
            self.show_stats = open;
        }
        for action in actions {
            self.apply(action);
        }
        if self.closing == Closing::Confirmed && !self.close_sent {
            self.close_sent = true;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.settings.color_by_community = self.session.color_by_community;
        eframe::set_value(storage, eframe::APP_KEY, &self.settings);
    }
}
