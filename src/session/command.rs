//! Everything a user can do to the work, as values: [`Command`], and
//! [`Session::apply`], the one place the session changes.

use std::path::PathBuf;

use super::{ExportFormat, Filter, Selection, Session, StatusKind};
use crate::corpus::ArticleId;
use crate::extract::curate::Edit;
use crate::graph::NodeId;
use crate::graph::window::TimeWindow;
use crate::io::layout_file::LayoutFileError;
use crate::layout::{Fa2Settings, LayoutState, runner::Command as Step};

/// A change the user asks of the session. Commands that change the map
/// (moves, pins, filters, hiding, corrections, views, layout files taken in)
/// are one undo step each, and only when they changed something.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Read this folder (or the bundled sample with `None`) in the background.
    OpenFolder(Option<PathBuf>),
    /// Stop reading the corpus being loaded (the open map stays).
    CancelLoading,
    /// Save positions, pins, hidden nodes, filters, corrections and camera
    /// to `FOLDER/.knowmap/layout.json`.
    SaveLayout,
    /// Save the layout file at this path.
    SaveLayoutAs(PathBuf),
    /// Apply a layout file from this path (one undo step).
    OpenLayout(PathBuf),
    /// Show another named view of the folder's layout file.
    SwitchView(String),
    /// Save the current arrangement as a new named view and switch to it.
    SaveViewAs(String),
    /// Write the curation as `FOLDER/.knowmap/aliases.tsv`.
    ExportAliases,
    /// Export the map to this path.
    Export(ExportFormat, PathBuf),
    /// Save a chart's numbers as CSV at this path.
    SaveTable {
        table: crate::graph::charts::Table,
        path: PathBuf,
    },
    /// Take back (true) or throw away (false) the autosave found on opening.
    RestoreAutosave(bool),
    /// Show this article in the reader.
    SelectArticle(ArticleId),
    Select(Selection),
    /// Select a node and centre the camera on it.
    FocusNode(NodeId),
    /// Show only this node's neighbourhood (focus depth 1 if it was off).
    Focus(NodeId),
    /// Take back the last change to the map.
    Undo,
    /// Apply again what was undone.
    Redo,
    /// Drag a node to a place (it becomes pinned); a drag is one step.
    MoveNode(NodeId, [f32; 2]),
    Pin(NodeId, bool),
    Hide(NodeId),
    SetFilter(Filter),
    SetLayoutSettings(Fa2Settings),
    ToggleLayout,
    Reheat,
    /// Frame the shown nodes on the next frame.
    FitView,
    SetColorByCommunity(bool),
    /// Apply corrections to the extraction (one undo step).
    Curate(Vec<Edit>),
    /// Merge the first node into the second.
    MergeNodes(NodeId, NodeId),
    /// Set an article's date (`None`: the article has no date), or with
    /// `Some` of the date it already has from its text or file, nothing.
    SetArticleDate {
        article: ArticleId,
        date: Option<crate::corpus::Date>,
    },
    /// Take back the user's date of an article: it gets its own again.
    ClearArticleDate(ArticleId),
    /// Count only the articles dated inside this window (`None`: all).
    SetTimeWindow(Option<TimeWindow>),
    /// Move the time window forward by this many days (playing the story):
    /// the steps of one run of play are one undo step, and the nodes and
    /// links that were not in the window before are marked new.
    StepTimeWindow(i64),
}

/// The history's gesture key of a run of play steps (a node drag's key is
/// its node index).
const PLAY_GESTURE: u32 = u32::MAX;

impl Command {
    /// Commands that change the map state undo keeps.
    fn changes_map(&self) -> bool {
        matches!(
            self,
            Self::MoveNode(..)
                | Self::Pin(..)
                | Self::Hide(_)
                | Self::SetFilter(_)
                | Self::Focus(_)
                | Self::Curate(_)
                | Self::MergeNodes(..)
                | Self::SwitchView(_)
                | Self::OpenLayout(_)
                | Self::RestoreAutosave(true)
                | Self::SetArticleDate { .. }
                | Self::ClearArticleDate(_)
                | Self::SetTimeWindow(_)
                | Self::StepTimeWindow(_)
        )
    }
}

/// Why a command did not do what was asked. The message goes to the status
/// line; the map in memory is unchanged.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error("Open a folder first.")]
    NoMap,
    #[error("The bundled sample has no folder for {what}.")]
    NoFolder { what: &'static str },
    #[error(transparent)]
    Layout(#[from] LayoutFileError),
    #[error("Cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("There is no view “{name}” in {path}")]
    NoSuchView { name: String, path: PathBuf },
    #[error("Nothing to do: {}", .0.join("; "))]
    NothingToDo(Vec<String>),
}

impl Session {
    /// Applies one command: the only place the session changes. A command
    /// that changed the map is one undo step and makes the session dirty;
    /// one that changed nothing leaves both alone. An error is also put on
    /// the status line.
    pub fn apply(&mut self, command: Command) -> Result<(), SessionError> {
        let before = (command.changes_map() && self.model.is_some()).then(|| self.snapshot());
        let drag = match &command {
            Command::MoveNode(node, _) => Some(node.raw()),
            Command::StepTimeWindow(_) => Some(PLAY_GESTURE),
            _ => None,
        };
        let result = self.run(command);
        if let Some(before) = before {
            let after = self.snapshot();
            if self.history.record(before, &after, drag) {
                self.dirty = true;
            }
        } else if drag.is_none() {
            self.history.end_gesture();
        }
        if let Err(error) = &result {
            log::warn!("{error}");
            let kind = match error {
                SessionError::NothingToDo(_) | SessionError::NoFolder { .. } => StatusKind::Notice,
                _ => StatusKind::Error,
            };
            self.set_status(kind, error.to_string());
        }
        result
    }

    fn run(&mut self, command: Command) -> Result<(), SessionError> {
        match command {
            Command::Undo => return self.undo(),
            Command::Redo => return self.redo(),
            Command::OpenFolder(folder) => {
                if let Some(previous) = self.loading.take() {
                    previous.cancel();
                }
                // A folder the user opens is read afresh (a reload of the
                // watched folder sets what to keep after this).
                self.refresh = None;
                self.set_status(
                    StatusKind::Progress,
                    match &folder {
                        Some(path) => format!("Reading {}…", path.display()),
                        None => "Reading the bundled sample…".into(),
                    },
                );
                // The open map's metrics no longer matter.
                self.finishing = None;
                self.loading = Some(super::loader::Loading::start(
                    folder,
                    self.options.waker.clone(),
                ));
            }
            Command::CancelLoading => {
                if let Some(loading) = self.loading.take() {
                    loading.cancel();
                    self.set_status(StatusKind::Notice, "Loading cancelled; the open map stays.");
                }
            }
            Command::SaveLayout => return self.save_layout(),
            Command::SaveLayoutAs(path) => return self.save_layout_as(&path),
            Command::OpenLayout(path) => return self.open_layout(&path),
            Command::SwitchView(name) => return self.switch_view(&name),
            Command::SaveViewAs(name) => return self.save_view_as(&name),
            Command::ExportAliases => return self.export_aliases(),
            Command::Export(format, path) => return self.export(format, &path),
            Command::SaveTable { table, path } => return self.save_table(&table, &path),
            Command::RestoreAutosave(keep) => return self.restore_autosave(keep),
            Command::SelectArticle(id) => {
                self.selected_article = Some(id);
                self.selection = Selection::None;
                self.reading = true;
            }
            Command::Select(selection) => {
                self.selection = selection;
                self.reading = false;
                if self.filter.focus_depth > 0 {
                    self.relayout_if_needed();
                }
            }
            Command::FocusNode(node) => {
                self.selection = Selection::Node(node);
                self.reading = false;
                if let Some(p) = self.positions.get(node.index()) {
                    self.camera.camera.center = *p;
                }
            }
            Command::Focus(node) => {
                let mut filter = self.filter.clone();
                filter.focus_depth = filter.focus_depth.max(1);
                self.selection = Selection::Node(node);
                self.reading = false;
                self.set_filter(filter, false);
                self.camera.request_fit();
            }
            Command::MoveNode(node, p) => {
                if let Some(slot) = self.positions.get_mut(node.index()) {
                    *slot = p;
                }
                if let Some(pin) = self.pinned.get_mut(node.index()) {
                    *pin = true;
                }
                self.layout.send_node(node, |k| Step::Move(k, p));
                self.layout.send_node(node, |k| Step::Pin(k, true));
            }
            Command::Pin(node, pinned) => {
                if let Some(pin) = self.pinned.get_mut(node.index()) {
                    *pin = pinned;
                }
                self.layout.send_node(node, |k| Step::Pin(k, pinned));
            }
            Command::Hide(node) => {
                let mut filter = self.filter.clone();
                if !filter.hidden.contains(&node) {
                    filter.hidden.push(node);
                }
                if self.selection == Selection::Node(node) {
                    self.selection = Selection::None;
                }
                // Hiding one node keeps the camera where it is.
                self.set_filter(filter, false);
            }
            Command::SetFilter(filter) => self.set_filter(filter, true),
            Command::SetLayoutSettings(settings) => {
                self.layout.settings = settings;
                self.layout.send(Step::Settings(settings));
            }
            Command::ToggleLayout => {
                self.layout.paused = !self.layout.paused;
                self.layout.send(if self.layout.paused {
                    Step::Pause
                } else {
                    Step::Resume
                });
                self.layout.state = if self.layout.paused {
                    LayoutState::Paused
                } else if self.layout.is_running_in_background() {
                    LayoutState::Running
                } else {
                    LayoutState::Settled
                };
            }
            Command::Reheat => {
                self.layout.paused = false;
                if self.layout.is_running_in_background() {
                    self.layout.send(Step::Reheat);
                    self.layout.state = LayoutState::Running;
                }
            }
            Command::FitView => self.camera.request_fit(),
            Command::SetColorByCommunity(on) => self.color_by_community = on,
            Command::Curate(edits) => return self.curate(edits),
            Command::SetArticleDate { article, date } => {
                let path = self.article_path(article.raw())?;
                let text = date.map(crate::corpus::Date::to_iso).unwrap_or_default();
                self.dates.insert(path.clone(), text);
                self.rebuild_curated();
                self.set_status(
                    StatusKind::Done,
                    match date {
                        Some(date) => format!("Done: {path} dated {date} (Ctrl+Z undoes it)"),
                        None => format!("Done: {path} has no date (Ctrl+Z undoes it)"),
                    },
                );
            }
            Command::SetTimeWindow(window) => {
                let filter = Filter {
                    time_window: window,
                    ..self.filter.clone()
                };
                self.new_in_window.clear();
                self.gone_from_window.clear();
                self.gone_links_from_window.clear();
                self.set_filter(filter, false);
            }
            Command::StepTimeWindow(days) => return self.step_time_window(days),
            Command::ClearArticleDate(article) => {
                let path = self.article_path(article.raw())?;
                if self.dates.remove(&path).is_some() {
                    self.rebuild_curated();
                    self.set_status(
                        StatusKind::Done,
                        format!("Done: {path} has its own date again"),
                    );
                }
            }
            Command::MergeNodes(from, into) => {
                let (Some(from), Some(into)) = (self.node_key(from), self.node_key(into)) else {
                    return Err(SessionError::NothingToDo(vec![
                        "no such node to merge".into(),
                    ]));
                };
                return self.curate(vec![Edit::Merge { from, into }]);
            }
        }
        Ok(())
    }

    /// Moves the window by `days`, marking what is new in it.
    fn step_time_window(&mut self, days: i64) -> Result<(), SessionError> {
        let model = self.model.clone().ok_or(SessionError::NoMap)?;
        let window = self
            .filter
            .time_window
            .ok_or_else(|| SessionError::NothingToDo(vec!["no time window to move".into()]))?;
        let next = window.shifted(days).ok_or_else(|| {
            SessionError::NothingToDo(vec!["the window cannot move further".into()])
        })?;
        let before: Vec<bool> = node_presence(&model);
        let (_, links_before) = self.visibility(&model);
        let filter = Filter {
            time_window: Some(next),
            ..self.filter.clone()
        };
        self.set_filter(filter, false);
        if let Some(now) = &self.model {
            let now = node_presence(now);
            let was = |i: usize| before.get(i).copied().unwrap_or(false);
            self.new_in_window = now.iter().enumerate().map(|(i, n)| *n && !was(i)).collect();
            self.gone_from_window = now.iter().enumerate().map(|(i, n)| !*n && was(i)).collect();
            self.gone_links_from_window = gone_links(&model, &links_before, &self.model);
        }
        Ok(())
    }

    /// The path of an article of the open map.
    fn article_path(&self, article: u32) -> Result<String, SessionError> {
        let model = self.model.as_ref().ok_or(SessionError::NoMap)?;
        model
            .corpus
            .articles
            .get(article as usize)
            .map(|a| a.path.clone())
            .ok_or_else(|| SessionError::NothingToDo(vec![format!("no article {article}")]))
    }

    /// Shows what `filter` lets through, laying out again if that changed;
    /// with `refit`, the camera frames the result unless the user placed it.
    fn set_filter(&mut self, filter: Filter, refit: bool) {
        if filter == self.filter {
            return;
        }
        self.filter = filter;
        if self.sync_model()
            && let Some(model) = self.model.clone()
        {
            // New weights (or those of another time window) pull
            // differently: lay out again from here.
            self.restart_layout_keeping(&model);
        } else {
            self.relayout_if_needed();
        }
        // A filter changes what is shown: frame it, unless the user placed
        // the camera himself.
        if refit && !self.camera.user_moved {
            self.camera.fit_pending = true;
        }
    }

    fn undo(&mut self) -> Result<(), SessionError> {
        let current = self.snapshot();
        let Some(previous) = self.history.undo(current.clone()) else {
            return Err(SessionError::NothingToDo(vec!["nothing to undo".into()]));
        };
        // The status says what was undone, never the undone command's own
        // "Done: …".
        self.set_status(
            StatusKind::Undone,
            format!(
                "Undone: {} (Ctrl+Shift+Z redoes it)",
                super::MapState::change(&previous, &current)
            ),
        );
        self.restore(previous);
        Ok(())
    }

    fn redo(&mut self) -> Result<(), SessionError> {
        let current = self.snapshot();
        let Some(next) = self.history.redo(current.clone()) else {
            return Err(SessionError::NothingToDo(vec!["nothing to redo".into()]));
        };
        self.set_status(
            StatusKind::Undone,
            format!(
                "Redone: {} (Ctrl+Z undoes it)",
                super::MapState::change(&current, &next)
            ),
        );
        self.restore(next);
        Ok(())
    }

    /// Puts a map state back and lets the layout continue from it.
    fn restore(&mut self, state: super::MapState) {
        let Some(model) = self.model.clone() else {
            return;
        };
        let model = if state.edits == self.edits
            && state.filter.measure == self.filter.measure
            && state.filter.time_window == self.filter.time_window
            && state.dates == self.dates
        {
            model
        } else {
            self.edits = state.edits;
            self.dates = state.dates;
            self.filter.measure = state.filter.measure;
            self.filter.time_window = state.filter.time_window;
            match self.rebuild_curated() {
                Some((model, _)) => model,
                None => return,
            }
        };
        if let Selection::Node(n) = self.selection
            && n.index() >= state.positions.len()
        {
            self.selection = Selection::None;
        }
        self.positions = state.positions;
        self.pinned = state.pinned;
        self.filter = state.filter;
        self.view_name = state.view_name;
        self.dirty = true;
        let places: Vec<Option<[f32; 2]>> = self.positions.iter().copied().map(Some).collect();
        self.restart_layout(&model, false, Some(&places));
    }

    /// Applies corrections; the layout continues from where nodes are.
    fn curate(&mut self, edits: Vec<Edit>) -> Result<(), SessionError> {
        if edits.is_empty() {
            return Ok(());
        }
        let described: Vec<String> = edits.iter().map(Edit::describe).collect();
        let before = self.edits.len();
        self.edits.extend(edits);
        let Some((model, report)) = self.rebuild_curated() else {
            self.edits.truncate(before);
            return Err(SessionError::NoMap);
        };
        // Edits that did nothing (a node merged into itself) are dropped.
        let new = self.edits.len() - before;
        let skipped = report.skipped.len().min(new);
        if skipped == new {
            self.edits.truncate(before);
            self.rebuild_curated();
            return Err(SessionError::NothingToDo(report.skipped));
        }
        // A selected node merged away passes the selection to its target.
        if let Selection::Node(n) = self.selection
            && let Some(into) = model
                .extraction
                .entities
                .get(n.index())
                .and_then(|e| e.merged_into)
        {
            self.selection = Selection::Node(NodeId::from_raw(into));
        }
        self.set_status(
            StatusKind::Done,
            format!("Done: {} (Ctrl+Z undoes it)", described.join("; ")),
        );
        // A new name moves no link: the map stays as it is.
        if !self.edits[before..].iter().any(Edit::changes_links) {
            return Ok(());
        }
        self.restart_layout_keeping(&model);
        // Let the map adjust to the new links.
        if self.layout.is_running_in_background() {
            self.layout.send(Step::Reheat);
            self.layout.state = LayoutState::Running;
        }
        Ok(())
    }
}

/// Which nodes have mentions in a model (by node index).
/// The links `shown` before a step that `after` no longer holds, strongest
/// in `before` first.
fn gone_links(
    before: &crate::graph::Model,
    shown: &[bool],
    after: &Option<std::sync::Arc<crate::graph::Model>>,
) -> Vec<u32> {
    let Some(after) = after else {
        return Vec::new();
    };
    let mut gone: Vec<crate::graph::EdgeId> = after
        .graph
        .edge_ids()
        .filter(|&e| {
            shown.get(e.index()).copied().unwrap_or(false)
                && after.graph.edge(e).is_some_and(|d| d.count == 0)
        })
        .collect();
    gone.sort_by(|&a, &b| {
        let w = |e| before.graph.edge(e).map_or(0.0, |d| d.weight);
        w(b).total_cmp(&w(a)).then(a.cmp(&b))
    });
    gone.into_iter().map(crate::graph::EdgeId::raw).collect()
}

fn node_presence(model: &crate::graph::Model) -> Vec<bool> {
    let graph = &model.graph;
    let mut present = vec![false; graph.node_count()];
    for i in graph.node_ids() {
        present[i.index()] = !graph[i].paragraphs.is_empty();
    }
    present
}
