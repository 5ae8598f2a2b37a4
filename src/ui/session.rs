//! Layout files, named views, curation, the autosave and closing with
//! unsaved changes: everything that keeps a person's work.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::app::{Filter, KnowmapApp};
use super::canvas::{self, Camera, Selection};
use crate::extract::curate::{Edit, Report};
use crate::graph::{Model, ModelSettings};
use crate::io::layout_file::{self, Fingerprint, LayoutFile, NodeState, View, key_string};

/// Seconds between autosaves of unsaved changes.
const AUTOSAVE_EVERY: f64 = 30.0;

/// Saved places by node index, for [`KnowmapApp`]'s layout restart.
pub(super) type Places = Vec<Option<[f32; 2]>>;

impl KnowmapApp {
    /// The label of a node.
    pub fn node_label(&self, node: u32) -> Option<String> {
        let model = self.model.as_ref()?;
        let data = model
            .graph
            .graph
            .node_weight(petgraph::graph::NodeIndex::new(node as usize))?;
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
    pub fn node_key(&self, node: u32) -> Option<String> {
        let model = self.model.as_ref()?;
        let data = model
            .graph
            .graph
            .node_weight(petgraph::graph::NodeIndex::new(node as usize))?;
        Some(key_string(
            &model.extraction.entities.get(data.entity as usize)?.key(),
        ))
    }

    /// Re-applies the edits to the extracted model; returns the new model.
    pub(super) fn rebuild_curated(&mut self) -> Option<(Arc<Model>, Report)> {
        let base = self.base.clone()?;
        let (model, report) = if self.edits.is_empty() {
            (base, Report::default())
        } else {
            let (model, report) = base.curated(&self.edits, &ModelSettings::default());
            (Arc::new(model), report)
        };
        (self.edge_order, self.max_weight) = canvas::edge_order(&model);
        // Labels changed: the search runs again.
        self.search_cache = ("\u{0}".into(), Vec::new());
        self.model = Some(Arc::clone(&model));
        Some((model, report))
    }

    /// Applies corrections; the layout continues from where nodes are.
    pub(super) fn curate(&mut self, edits: Vec<Edit>) {
        if edits.is_empty() {
            return;
        }
        let described: Vec<String> = edits.iter().map(Edit::describe).collect();
        let before = self.edits.len();
        self.edits.extend(edits);
        let Some((model, report)) = self.rebuild_curated() else {
            return;
        };
        // Edits that did nothing (a node merged into itself) are dropped.
        let new = self.edits.len() - before;
        let skipped = report.skipped.len().min(new);
        if skipped == new {
            self.edits.truncate(before);
            self.undo.pop();
            self.status = format!("Nothing to do: {}", report.skipped.join("; "));
            self.rebuild_curated();
            return;
        }
        // A selected node merged away passes the selection to its target.
        if let Selection::Node(n) = self.selection
            && let Some(into) = model
                .extraction
                .entities
                .get(n as usize)
                .and_then(|e| e.merged_into)
        {
            self.selection = Selection::Node(into);
        }
        self.status = format!("Done: {} (Ctrl+Z undoes it)", described.join("; "));
        self.restart_layout_keeping(&model);
        // Let the map adjust to the new links.
        if let Some(runner) = &self.runner {
            runner.send(crate::layout::runner::Command::Reheat);
            self.layout_state = crate::layout::LayoutState::Running;
        }
    }

    /// The layout file of the open folder (the bundled sample has none).
    pub fn layout_path(&self) -> Option<PathBuf> {
        let model = self.model.as_ref()?;
        model.corpus.root.as_deref().map(layout_file::default_path)
    }

    /// The current arrangement as a view.
    fn current_view(&self, model: &Model) -> View {
        let index = layout_file::node_index(model);
        let mut key_of = vec![None; self.positions.len()];
        for (key, &i) in &index {
            if let Some(slot) = key_of.get_mut(i) {
                *slot = Some(key.clone());
            }
        }
        let mut view = View {
            camera: Some([
                self.camera.center[0],
                self.camera.center[1],
                self.camera.zoom,
            ]),
            layout_settings: Some(self.layout_settings),
            selection: match self.selection {
                Selection::Node(n) => key_of.get(n as usize).cloned().flatten(),
                _ => None,
            },
            ..View::default()
        };
        for (i, p) in self.positions.iter().enumerate() {
            let Some(Some(key)) = key_of.get(i) else {
                continue;
            };
            if !(p[0].is_finite() && p[1].is_finite()) {
                continue;
            }
            view.nodes.insert(
                key.clone(),
                NodeState {
                    x: p[0],
                    y: p[1],
                    pinned: self.pinned.get(i).copied().unwrap_or(false),
                    hidden: self.filter.hidden.contains(&(i as u32)),
                },
            );
        }
        let mut filter = self.filter.clone();
        filter.hidden.clear(); // saved per node, by key
        let excluded: Vec<&str> = filter
            .excluded_articles
            .iter()
            .filter_map(|&a| model.corpus.articles.get(a as usize))
            .map(|a| a.path.as_str())
            .collect();
        view.ui = serde_json::json!({
            "filter": filter,
            "excluded_article_paths": excluded,
            "color_by_community": self.settings.color_by_community,
        });
        view
    }

    /// The current map as a layout file: the curation and the current view,
    /// plus the other views already saved in the folder's file.
    pub fn layout_file(&self) -> Option<LayoutFile> {
        let model = self.model.as_ref()?;
        let mut file = LayoutFile {
            fingerprint: Fingerprint::of(&model.corpus),
            current: self.view_name.clone(),
            curation: self.edits.clone(),
            ..LayoutFile::default()
        };
        file.views
            .insert(self.view_name.clone(), self.current_view(model));
        if let Some(path) = self.layout_path()
            && let Ok(existing) = layout_file::load(&path)
        {
            for (name, view) in existing.views {
                file.views.entry(name).or_insert(view);
            }
        }
        Some(file)
    }

    /// Ctrl+S: into `FOLDER/.knowmap/layout.json` (the sample asks where).
    pub(super) fn save_layout(&mut self) {
        match self.layout_path() {
            Some(path) => {
                if self.write_layout(&path) {
                    self.dirty = false;
                    self.remove_autosave();
                }
            }
            None => {
                if self.model.is_some() {
                    self.save_layout_as(None);
                }
            }
        }
    }

    /// Writes the layout file to `path`; true when it was written.
    fn write_layout(&mut self, path: &Path) -> bool {
        let Some(file) = self.layout_file() else {
            return false;
        };
        match layout_file::save(path, &file) {
            Ok(()) => {
                self.status = format!("Layout saved to {}", path.display());
                self.view_names = file.views.keys().cloned().collect();
                true
            }
            Err(error) => {
                log::warn!("{error}");
                self.status = error.to_string();
                false
            }
        }
    }

    pub(super) fn save_layout_as(&mut self, path: Option<PathBuf>) {
        let path = path.or_else(|| {
            let mut dialog = rfd::FileDialog::new()
                .set_title("Save the layout as")
                .add_filter("knowmap layout", &["json"])
                .set_file_name("layout.json");
            if let Some(dir) = self.layout_path().as_deref().and_then(Path::parent) {
                dialog = dialog.set_directory(dir);
            }
            dialog.save_file()
        });
        let Some(path) = path else {
            self.status = "No file chosen (or no file dialog is available: type a path under File → Layout file path).".into();
            return;
        };
        if self.write_layout(&path) && Some(&path) == self.layout_path().as_ref() {
            self.dirty = false;
            self.remove_autosave();
        }
    }

    /// Applies a layout file chosen by the user to the open corpus.
    pub(super) fn open_layout(&mut self, path: Option<PathBuf>) {
        if self.model.is_none() {
            return;
        }
        let path = path.or_else(|| {
            rfd::FileDialog::new()
                .set_title("Open a layout")
                .add_filter("knowmap layout", &["json"])
                .pick_file()
        });
        let Some(path) = path else {
            self.status = "No file chosen (or no file dialog is available: type a path under File → Layout file path).".into();
            return;
        };
        match layout_file::load(&path) {
            Ok(file) => {
                self.adopt(&file);
                self.status = format!("{} (from {})", self.status, path.display());
            }
            Err(error) => {
                log::warn!("{error}");
                self.status = error.to_string();
            }
        }
    }

    /// Takes a layout file that is not the folder's own (opened by hand, or
    /// an autosave) as an undoable, unsaved change of the map.
    fn adopt(&mut self, file: &LayoutFile) {
        self.push_undo();
        let view = file.current.clone();
        self.apply_file_and_restart(file, &view);
        self.dirty = true;
    }

    /// Puts the current state on the undo stack.
    fn push_undo(&mut self) {
        let state = self.snapshot();
        self.undo.push(state);
        self.redo.clear();
    }

    /// Applies a file's curation and one of its views, and lays out from there.
    fn apply_file_and_restart(&mut self, file: &LayoutFile, view: &str) {
        let places = self.apply_layout_file(file, view, true);
        if let Some(model) = self.model.clone() {
            self.restart_layout(&model, places.is_none(), places.as_ref());
        }
    }

    /// Reads the open folder's layout file, if any, and applies it: returns
    /// saved positions by node index. A damaged or newer file is reported
    /// and left untouched; the map opens without it.
    pub(super) fn restore_layout(&mut self) -> Option<Places> {
        let path = self.layout_path()?;
        // A link, FIFO or device there is reported (by `load`), not skipped.
        std::fs::symlink_metadata(&path).ok()?;
        let file = match layout_file::load(&path) {
            Ok(file) => file,
            Err(error) => {
                log::warn!("{error}");
                self.status = error.to_string();
                return None;
            }
        };
        self.view_names = file.views.keys().cloned().collect();
        let view = file.current.clone();
        self.apply_layout_file(&file, &view, true)
    }

    /// Applies `file`'s curation (if `with_curation`) and its view `name`.
    pub(super) fn apply_layout_file(
        &mut self,
        file: &LayoutFile,
        name: &str,
        with_curation: bool,
    ) -> Option<Places> {
        let mut skipped = Vec::new();
        if with_curation && file.curation != self.edits {
            self.edits = file.curation.clone();
            if let Some((_, report)) = self.rebuild_curated() {
                skipped = report.skipped;
            }
        }
        let model = self.model.clone()?;
        let (name, view) = match file.views.get(name) {
            Some(view) => (name.to_owned(), view.clone()),
            None => {
                let (name, view) = file.views.iter().next()?;
                (name.clone(), view.clone())
            }
        };
        self.view_name = name;
        let n = petgraph::visit::NodeIndexable::node_bound(&model.graph.graph);
        let mut positions = vec![None; n];
        self.pinned = vec![false; n];
        let mut hidden = Vec::new();
        let mut placed = 0;
        let index = layout_file::node_index(&model);
        for (key, state) in &view.nodes {
            let Some(&i) = index.get(key) else {
                continue;
            };
            positions[i] = Some([state.x, state.y]);
            self.pinned[i] = state.pinned;
            if state.hidden {
                hidden.push(i as u32);
            }
            placed += 1;
        }
        let vanished = view.nodes.len() - placed;
        if let Some(filter) = view
            .ui
            .get("filter")
            .and_then(|f| serde_json::from_value::<Filter>(f.clone()).ok())
        {
            self.filter = filter;
        }
        // Articles left out are kept by path: indices change with the corpus.
        if let Some(paths) = view
            .ui
            .get("excluded_article_paths")
            .and_then(serde_json::Value::as_array)
        {
            self.filter.excluded_articles = model
                .corpus
                .articles
                .iter()
                .filter(|a| paths.iter().any(|p| p.as_str() == Some(a.path.as_str())))
                .map(|a| a.id)
                .collect();
        }
        self.filter.hidden = hidden;
        if let Some(on) = view
            .ui
            .get("color_by_community")
            .and_then(serde_json::Value::as_bool)
        {
            self.settings.color_by_community = on;
        }
        if let Some(settings) = view.layout_settings {
            self.layout_settings = settings.sanitized();
        }
        if let Some([x, y, zoom]) = view.camera {
            self.camera = Camera {
                center: [x, y],
                zoom: zoom.clamp(1e-4, 1e4),
            };
            self.canvas.user_moved = true;
            self.fit_pending = false;
        }
        self.selection = view
            .selection
            .as_ref()
            .and_then(|k| index.get(k))
            .map_or(Selection::None, |&i| Selection::Node(i as u32));
        let (added, removed, changed) = file.fingerprint.compare(&Fingerprint::of(&model.corpus));
        let mut notice = format!(
            "View “{}” restored: {placed} of {} nodes in their saved places",
            self.view_name,
            index.len()
        );
        if vanished > 0 {
            notice.push_str(&format!(", {vanished} saved nodes no longer in the corpus"));
        }
        if added + removed + changed > 0 {
            notice.push_str(&format!(
                " (since the save: {added} articles added, {removed} removed, {changed} changed)"
            ));
        }
        if !skipped.is_empty() {
            notice.push_str(&format!(
                "; {} corrections no longer apply: {}",
                skipped.len(),
                skipped.join("; ")
            ));
        }
        self.status = notice;
        Some(positions)
    }

    /// Shows another named view of the folder's file (the current one is
    /// kept in memory as the undo step).
    pub(super) fn switch_view(&mut self, name: &str) {
        let Some(path) = self.layout_path() else {
            return;
        };
        match layout_file::load(&path) {
            Ok(file) if file.views.contains_key(name) => {
                // The view only: the curation in memory stays as it is.
                let places = self.apply_layout_file(&file, name, false);
                if let Some(model) = self.model.clone() {
                    self.restart_layout(&model, places.is_none(), places.as_ref());
                }
            }
            Ok(_) => self.status = format!("There is no view “{name}” in {}", path.display()),
            Err(error) => self.status = error.to_string(),
        }
    }

    /// Saves the current arrangement under a new name and shows it.
    pub(super) fn save_view_as(&mut self, name: &str) {
        let name = name.trim();
        if name.is_empty() {
            return;
        }
        let previous = std::mem::replace(&mut self.view_name, name.to_owned());
        if self.layout_path().is_some() {
            self.save_layout();
            if !self.view_names.iter().any(|v| v == name) {
                // The save failed: stay on the view that exists.
                self.view_name = previous;
            }
        } else {
            self.status = "Views are saved in the folder's layout file; the bundled sample has none (use Save layout as…).".into();
            self.view_name = previous;
        }
    }

    /// Writes the curation as `FOLDER/.knowmap/aliases.tsv` (the previous
    /// file is kept as `.bak`).
    pub(super) fn export_aliases(&mut self) {
        let (Some(model), Some(root)) = (
            self.model.clone(),
            self.model.as_ref().and_then(|m| m.corpus.root.clone()),
        ) else {
            self.status = "The bundled sample has no folder to write aliases.tsv into.".into();
            return;
        };
        let knowmap = crate::corpus::knowmap_dir::KnowmapDir::of(&root);
        let path = knowmap.file(crate::corpus::knowmap_dir::SidecarFile::Aliases);
        let text = crate::extract::curate::aliases_tsv(&model.extraction, &self.edits);
        let result = (|| {
            crate::io::create_output_dir(knowmap.path())?;
            crate::io::check_replaceable(&path)?;
            if std::fs::symlink_metadata(&path).is_ok() {
                crate::io::keep_copy(&path, &path.with_extension("tsv.bak"), true)?;
            }
            crate::io::write_atomic(&path, text.as_bytes())
        })();
        self.status = match result {
            Ok(()) => format!(
                "Wrote {} ({} lines); it applies the next time the folder is read",
                path.display(),
                text.lines().filter(|l| !l.starts_with('#')).count()
            ),
            Err(error) => format!("Cannot write {}: {error}", path.display()),
        };
    }

    /// Where unsaved changes are autosaved: next to the folder's layout
    /// file, or in the app's own directory for the bundled sample.
    pub fn autosave_path(&self) -> Option<PathBuf> {
        let model = self.model.as_ref()?;
        match &model.corpus.root {
            Some(root) => Some(layout_file::autosave_path(root)),
            None => eframe::storage_dir("knowmap").map(|d| d.join("sample-autosave.json")),
        }
    }

    /// Saves unsaved changes now and then, without touching the layout file.
    pub(super) fn autosave_tick(&mut self, now: f64) {
        if !self.options.autosave || !self.dirty || now - self.last_autosave < AUTOSAVE_EVERY {
            return;
        }
        self.last_autosave = now;
        self.write_autosave();
    }

    /// Writes the autosave file; errors are logged (the map stays in memory).
    pub fn write_autosave(&mut self) {
        let (Some(path), Some(file)) = (self.autosave_path(), self.layout_file()) else {
            return;
        };
        let result = (|| {
            if let Some(dir) = path.parent() {
                crate::io::create_output_dir(dir)?;
            }
            let json = serde_json::to_string(&file).map_err(std::io::Error::other)?;
            crate::io::write_atomic(&path, json.as_bytes())
        })();
        if let Err(error) = result {
            log::warn!("autosave to {} failed: {error}", path.display());
        }
    }

    pub(super) fn remove_autosave(&mut self) {
        if let Some(path) = self.autosave_path() {
            let _ = std::fs::remove_file(path);
        }
        self.pending_autosave = None;
    }

    /// After a load: an autosave newer than the layout file means the last
    /// session did not end cleanly; offer it back.
    pub(super) fn check_autosave(&mut self) {
        self.pending_autosave = None;
        let Some(path) = self
            .autosave_path()
            .filter(|p| std::fs::symlink_metadata(p).is_ok_and(|m| m.is_file()))
        else {
            return;
        };
        let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
        let saved = self.layout_path().as_deref().and_then(modified);
        if saved.is_none() || modified(&path) > saved {
            self.pending_autosave = Some(path);
        }
    }

    pub(super) fn restore_autosave(&mut self, keep: bool) {
        let Some(path) = self.pending_autosave.take() else {
            return;
        };
        if !keep {
            let _ = std::fs::remove_file(&path);
            self.status = "The unsaved changes of the last session were discarded.".into();
            return;
        }
        match layout_file::load(&path) {
            Ok(file) => {
                self.adopt(&file);
                self.status =
                    "Unsaved changes of the last session restored; Ctrl+S keeps them.".into();
            }
            Err(error) => self.status = error.to_string(),
        }
    }

    /// Restarts the layout on what is visible, keeping every known place.
    pub(super) fn restart_layout_keeping(&mut self, model: &Model) {
        let places: Places = self.positions.iter().copied().map(Some).collect();
        self.restart_layout(model, false, Some(&places));
    }

    /// The dialog shown when the window is closed with unsaved changes;
    /// returns true when the window may close.
    pub(super) fn close_ui(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.close_confirmed {
            if self.dirty && self.model.is_some() {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.close_prompt = true;
            } else {
                self.remove_autosave_on_exit();
            }
        }
        if !self.close_prompt {
            return;
        }
        let mut choice = None;
        egui::Modal::new(egui::Id::NULL.with("close-prompt")).show(ctx, |ui| {
            ui.heading("Save the changes to this map?");
            ui.label(
                "Moves, pins, hidden nodes, filters and corrections since the last save will be lost otherwise.",
            );
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    choice = Some(0);
                }
                if ui.button("Discard").clicked() {
                    choice = Some(1);
                }
                if ui.button("Cancel").clicked() {
                    choice = Some(2);
                }
            });
        });
        match choice {
            Some(0) => {
                self.save_layout();
                if !self.dirty {
                    self.close_prompt = false;
                    self.close_confirmed = true;
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
            Some(1) => {
                self.close_prompt = false;
                self.close_confirmed = true;
                self.remove_autosave_on_exit();
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Some(_) => self.close_prompt = false,
            None => {}
        }
    }

    fn remove_autosave_on_exit(&mut self) {
        if self.options.autosave {
            self.remove_autosave();
        }
    }

    /// The view menu part of the File menu.
    pub(super) fn views_menu_ui(&mut self, ui: &mut egui::Ui, actions: &mut Vec<super::Action>) {
        use super::Action;
        ui.menu_button("Views", |ui| {
            if self.view_names.is_empty() {
                ui.weak("No saved views yet: Ctrl+S saves this one as “default”.");
            }
            for name in self.view_names.clone() {
                let current = name == self.view_name;
                if ui.radio(current, &name).clicked() && !current {
                    actions.push(Action::SwitchView(name));
                    ui.close();
                }
            }
            ui.separator();
            ui.horizontal(|ui| {
                let field = ui.add(
                    egui::TextEdit::singleline(&mut self.view_name_input)
                        .hint_text("new view name")
                        .desired_width(160.0),
                );
                field.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::accesskit::Role::TextInput, true, "View name")
                });
                let ok = !self.view_name_input.trim().is_empty();
                if ui
                    .add_enabled(ok, egui::Button::new("Save as view"))
                    .clicked()
                {
                    actions.push(Action::SaveViewAs(self.view_name_input.trim().to_owned()));
                    self.view_name_input.clear();
                    ui.close();
                }
            });
        });
    }
}
