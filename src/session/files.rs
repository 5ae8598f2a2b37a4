//! The files that keep the work: the folder's layout file with its named
//! views and corrections, layout files opened or saved by hand, the
//! autosave, and `aliases.tsv`. Every path under `FOLDER/.knowmap/` comes
//! from [`KnowmapDir`].

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::layout::Places;
use super::{Selection, Session, SessionError, StatusKind};
use crate::corpus::knowmap_dir::{KnowmapDir, SidecarFile};
use crate::extract::curate::Report;
use crate::graph::{Model, ModelSettings, NodeId};
use crate::io::layout_file::{self, Fingerprint, LayoutFile, NodeState, View, ViewUi};
use crate::io::picture::Camera;

/// Seconds between autosaves of unsaved changes.
const AUTOSAVE_EVERY: std::time::Duration = std::time::Duration::from_secs(30);

impl Session {
    /// Re-applies the edits to the extracted model; returns the new model.
    pub(crate) fn rebuild_curated(&mut self) -> Option<(Arc<Model>, Report)> {
        let mut base = self.base.clone()?;
        let measure = self.filter.measure;
        if base.graph.measure != measure {
            // Weights in the chosen measure; everything else is unchanged.
            let mut reweighted = (*base).clone();
            reweighted.graph.reweight(measure);
            base = Arc::new(reweighted);
            self.base = Some(Arc::clone(&base));
        }
        let (model, report) = if self.edits.is_empty() {
            (base, Report::default())
        } else {
            let mut settings = ModelSettings::default();
            settings.graph.measure = measure;
            let (model, report) = base.curated(&self.edits, &settings);
            (Arc::new(model), report)
        };
        // The user's dates on top of those the articles gave.
        let model = if self.dates.is_empty() {
            model
        } else {
            let mut dated = (*model).clone();
            Arc::make_mut(&mut dated.corpus).correct_dates(&self.dates);
            Arc::new(dated)
        };
        self.whole = Some(model);
        let model = self.apply_window()?;
        Some((model, report))
    }

    /// The map inside the filter's time window (the whole model without
    /// one), made the current model. Nothing is extracted or linked again.
    pub(crate) fn apply_window(&mut self) -> Option<Arc<Model>> {
        let whole = self.whole.clone()?;
        let window = self.filter.time_window;
        let model = match window {
            Some(window) => Arc::new(whole.windowed(window)),
            None => whole,
        };
        self.model_window = window;
        (self.edge_order, self.max_weight) = crate::graph::view::edge_order(&model);
        self.model = Some(Arc::clone(&model));
        self.revision += 1;
        Some(model)
    }

    /// Makes the model follow the filter's measure and time window; true
    /// when the model was replaced (the layout then continues from where
    /// nodes are).
    pub(crate) fn sync_model(&mut self) -> bool {
        let Some(model) = &self.model else {
            return false;
        };
        if model.graph.measure != self.filter.measure {
            self.rebuild_curated();
            true
        } else if self.model_window != self.filter.time_window {
            self.apply_window();
            true
        } else {
            false
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
        let camera = self.camera.camera;
        let mut view = View {
            camera: Some([camera.center[0], camera.center[1], camera.zoom]),
            layout_settings: Some(self.layout.settings),
            selection: match self.selection {
                Selection::Node(n) => key_of.get(n.index()).cloned().flatten(),
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
                    hidden: self.filter.hidden.contains(&NodeId::new(i)),
                },
            );
        }
        let mut filter = self.filter.clone();
        filter.hidden.clear(); // saved per node, by key
        let excluded = filter
            .excluded_articles
            .iter()
            .filter_map(|&a| model.corpus.articles.get(a.index()))
            .map(|a| a.path.clone())
            .collect();
        view.ui = ViewUi {
            filter: Some(filter),
            excluded_article_paths: excluded,
            color_by_community: Some(self.color_by_community),
        };
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
            dates: self.dates.clone(),
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

    /// Ctrl+S: into `FOLDER/.knowmap/layout.json`.
    pub(crate) fn save_layout(&mut self) -> Result<(), SessionError> {
        let path = self.layout_path().ok_or(SessionError::NoFolder {
            what: "a layout file (use Save layout as…)",
        })?;
        self.write_layout(&path)?;
        self.dirty = false;
        self.remove_autosave();
        Ok(())
    }

    /// Writes the layout file to `path`.
    fn write_layout(&mut self, path: &Path) -> Result<(), SessionError> {
        let file = self.layout_file().ok_or(SessionError::NoMap)?;
        layout_file::save(path, &file)?;
        self.set_written(format!("Layout saved to {}", path.display()), path);
        self.view_names = file.views.keys().cloned().collect();
        Ok(())
    }

    /// Saves the layout at a path of the user's choosing.
    pub(crate) fn save_layout_as(&mut self, path: &Path) -> Result<(), SessionError> {
        self.write_layout(path)?;
        if Some(path) == self.layout_path().as_deref() {
            self.dirty = false;
            self.remove_autosave();
        }
        Ok(())
    }

    /// Applies a layout file chosen by the user to the open corpus.
    pub(crate) fn open_layout(&mut self, path: &Path) -> Result<(), SessionError> {
        if self.model.is_none() {
            return Err(SessionError::NoMap);
        }
        let file = layout_file::load(path)?;
        self.adopt(&file);
        let text = format!("{} (from {})", self.status, path.display());
        self.set_status(StatusKind::Done, text);
        Ok(())
    }

    /// Takes a layout file that is not the folder's own (opened by hand, or
    /// an autosave) as an unsaved change of the map (undoable: the command
    /// records it).
    fn adopt(&mut self, file: &LayoutFile) {
        let view = file.current.clone();
        let places = self.apply_layout_file(file, &view, true);
        if let Some(model) = self.model.clone() {
            self.restart_layout(&model, places.is_none(), places.as_ref());
        }
    }

    /// Reads the open folder's layout file, if any, and applies it: returns
    /// saved positions by node index. A damaged or newer file is reported
    /// and left untouched; the map opens without it.
    pub(crate) fn restore_layout(&mut self) -> Option<Places> {
        let path = self.layout_path()?;
        // A link, FIFO or device there is reported (by `load`), not skipped.
        std::fs::symlink_metadata(&path).ok()?;
        let file = match layout_file::load(&path) {
            Ok(file) => file,
            Err(error) => {
                log::warn!("{error}");
                self.set_status(StatusKind::Error, error.to_string());
                return None;
            }
        };
        self.view_names = file.views.keys().cloned().collect();
        let view = file.current.clone();
        self.apply_layout_file(&file, &view, true)
    }

    /// Applies `file`'s curation (if `with_curation`) and its view `name`.
    pub(crate) fn apply_layout_file(
        &mut self,
        file: &LayoutFile,
        name: &str,
        with_curation: bool,
    ) -> Option<Places> {
        let mut skipped = Vec::new();
        if with_curation && (file.curation != self.edits || file.dates != self.dates) {
            self.edits = file.curation.clone();
            self.dates = file.dates.clone();
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
        let n = model.graph.node_count();
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
                hidden.push(NodeId::new(i));
            }
            placed += 1;
        }
        let vanished = view.nodes.len() - placed;
        if let Some(filter) = &view.ui.filter {
            self.filter = filter.clone();
            self.sync_model();
        }
        // Articles left out are kept by path: indices change with the corpus.
        if view.ui.filter.is_some() || !view.ui.excluded_article_paths.is_empty() {
            let paths = &view.ui.excluded_article_paths;
            self.filter.excluded_articles = model
                .corpus
                .articles
                .iter()
                .filter(|a| paths.contains(&a.path))
                .map(|a| a.id)
                .collect();
        }
        self.filter.hidden = hidden;
        if let Some(on) = view.ui.color_by_community {
            self.color_by_community = on;
        }
        if let Some(settings) = view.layout_settings {
            self.layout.settings = settings.sanitized();
        }
        if let Some([x, y, zoom]) = view.camera {
            self.camera.camera = Camera {
                center: [x, y],
                zoom: zoom.clamp(1e-4, 1e4),
            };
            self.camera.user_moved = true;
            self.camera.fit_pending = false;
            self.camera.rebase = true;
        }
        self.selection = view
            .selection
            .as_ref()
            .and_then(|k| index.get(k))
            .map_or(Selection::None, |&i| Selection::Node(NodeId::new(i)));
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
        self.set_status(StatusKind::Info, notice);
        Some(positions)
    }

    /// Shows another named view of the folder's file (the current one is
    /// kept in memory as the undo step).
    pub(crate) fn switch_view(&mut self, name: &str) -> Result<(), SessionError> {
        let path = self.layout_path().ok_or(SessionError::NoFolder {
            what: "named views",
        })?;
        let file = layout_file::load(&path)?;
        if !file.views.contains_key(name) {
            return Err(SessionError::NoSuchView {
                name: name.to_owned(),
                path,
            });
        }
        // The view only: the curation in memory stays as it is.
        let places = self.apply_layout_file(&file, name, false);
        if let Some(model) = self.model.clone() {
            self.restart_layout(&model, places.is_none(), places.as_ref());
        }
        Ok(())
    }

    /// Saves the current arrangement under a new name and shows it.
    pub(crate) fn save_view_as(&mut self, name: &str) -> Result<(), SessionError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(SessionError::NothingToDo(vec![
                "a view needs a name".into(),
            ]));
        }
        if self.layout_path().is_none() {
            return Err(SessionError::NoFolder {
                what: "named views (use Save layout as…)",
            });
        }
        let previous = std::mem::replace(&mut self.view_name, name.to_owned());
        if let Err(error) = self.save_layout() {
            // The save failed: stay on the view that exists.
            self.view_name = previous;
            return Err(error);
        }
        Ok(())
    }

    /// Writes the curation as `FOLDER/.knowmap/aliases.tsv` (the previous
    /// file is kept as `.bak`).
    pub(crate) fn export_aliases(&mut self) -> Result<(), SessionError> {
        let model = self.model.clone().ok_or(SessionError::NoMap)?;
        let root = model.corpus.root.clone().ok_or(SessionError::NoFolder {
            what: "a folder to write aliases.tsv into",
        })?;
        let knowmap = KnowmapDir::of(&root);
        let path = knowmap.file(SidecarFile::Aliases);
        let text = crate::extract::curate::aliases_tsv(&model.extraction, &self.edits);
        let result = (|| {
            crate::io::create_output_dir(knowmap.path())?;
            crate::io::check_replaceable(&path)?;
            if std::fs::symlink_metadata(&path).is_ok() {
                crate::io::keep_copy(&path, &path.with_extension("tsv.bak"), true)?;
            }
            crate::io::write_atomic(&path, text.as_bytes())
        })();
        result.map_err(|source| SessionError::Write {
            path: path.clone(),
            source,
        })?;
        self.set_written(
            format!(
                "Wrote {} ({} lines); it applies the next time the folder is read",
                path.display(),
                text.lines().filter(|l| !l.starts_with('#')).count()
            ),
            &path,
        );
        Ok(())
    }

    /// Where unsaved changes are autosaved: next to the folder's layout
    /// file, or where the options say for the bundled sample.
    pub fn autosave_path(&self) -> Option<PathBuf> {
        let model = self.model.as_ref()?;
        match &model.corpus.root {
            Some(root) => Some(layout_file::autosave_path(root)),
            None => self.options.sample_autosave.clone(),
        }
    }

    /// Saves unsaved changes now and then, without touching the layout file.
    pub fn autosave_tick(&mut self) {
        if !self.options.autosave || !self.dirty {
            return;
        }
        let now = std::time::Instant::now();
        match self.last_autosave {
            Some(last) if now.duration_since(last) < AUTOSAVE_EVERY => {}
            None => self.last_autosave = Some(now),
            Some(_) => {
                self.last_autosave = Some(now);
                self.write_autosave();
            }
        }
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

    pub(crate) fn remove_autosave(&mut self) {
        if let Some(path) = self.autosave_path() {
            let _ = std::fs::remove_file(path);
        }
        self.pending_autosave = None;
    }

    /// Closing for good (saved or discarded): the autosave is not needed.
    pub fn close(&mut self) {
        if self.options.autosave {
            self.remove_autosave();
        }
    }

    /// After a load: an autosave newer than the layout file means the last
    /// session did not end cleanly; offer it back.
    pub(crate) fn check_autosave(&mut self) {
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

    pub(crate) fn restore_autosave(&mut self, keep: bool) -> Result<(), SessionError> {
        let Some(path) = self.pending_autosave.take() else {
            return Ok(());
        };
        if !keep {
            let _ = std::fs::remove_file(&path);
            self.set_status(
                StatusKind::Done,
                "The unsaved changes of the last session were discarded.",
            );
            return Ok(());
        }
        let file = layout_file::load(&path)?;
        self.adopt(&file);
        self.set_status(
            StatusKind::Done,
            "Unsaved changes of the last session restored; Ctrl+S keeps them.",
        );
        Ok(())
    }
}
