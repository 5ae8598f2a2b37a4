//! The application state, the `Action` enum and the one place actions apply.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};

use crate::corpus::{self, BlockKind, Corpus, ReadSettings};
use crate::graph::{Model, ModelSettings};

/// Small settings kept by eframe between runs (never data).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Settings {
    pub last_folder: Option<PathBuf>,
    pub recent_folders: Vec<PathBuf>,
}

/// Everything a user can ask for; applied after drawing, in [`KnowmapApp::apply`].
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Read this folder (or the bundled sample with `None`) in the background.
    OpenFolder(Option<PathBuf>),
    /// Show this article in the reader.
    SelectArticle(u32),
}

enum LoadResult {
    Done(Box<Model>),
    Failed(String),
}

/// The knowmap window.
pub struct KnowmapApp {
    pub settings: Settings,
    pub model: Option<Arc<Model>>,
    pub selected_article: Option<u32>,
    pub status: String,
    loading: Option<(Option<PathBuf>, Receiver<LoadResult>)>,
}

impl KnowmapApp {
    /// Creates the app, restoring settings and starting to read the first corpus.
    pub fn new(cc: &eframe::CreationContext<'_>, folder: Option<PathBuf>) -> Self {
        let settings: Settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
            .unwrap_or_default();
        let start = folder.or_else(|| settings.last_folder.clone().filter(|p| p.is_dir()));
        let mut app = Self::with_settings(settings);
        app.apply(Action::OpenFolder(start));
        app
    }

    /// An app with no window behind it, for tests.
    pub fn with_settings(settings: Settings) -> Self {
        Self {
            settings,
            model: None,
            selected_article: None,
            status: String::new(),
            loading: None,
        }
    }

    /// Applies one action: the only place state changes.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::OpenFolder(folder) => {
                let (tx, rx) = channel();
                let target = folder.clone();
                std::thread::spawn(move || {
                    let result = match &target {
                        None => Ok(Corpus::sample()),
                        Some(path) => corpus::read_folder(path, &ReadSettings::default()),
                    };
                    let message = match result {
                        Ok(corpus) => LoadResult::Done(Box::new(Model::build(
                            corpus,
                            &ModelSettings::default(),
                        ))),
                        Err(error) => LoadResult::Failed(error.to_string()),
                    };
                    let _ = tx.send(message);
                });
                self.status = match &folder {
                    Some(path) => format!("Reading {}…", path.display()),
                    None => "Reading the bundled sample…".into(),
                };
                self.loading = Some((folder, rx));
            }
            Action::SelectArticle(id) => self.selected_article = Some(id),
        }
    }

    /// Takes a finished load, if any. A failed load keeps the open map.
    pub fn poll_loading(&mut self) -> bool {
        let Some((folder, rx)) = &self.loading else {
            return false;
        };
        let Ok(result) = rx.try_recv() else {
            return false;
        };
        let folder = folder.clone();
        self.loading = None;
        match result {
            LoadResult::Done(model) => {
                self.status = format!(
                    "{} articles, {} paragraphs, {} warnings",
                    model.corpus.articles.len(),
                    model.corpus.paragraph_count(),
                    model.corpus.warnings.len()
                );
                if let Some(path) = folder {
                    self.settings.recent_folders.retain(|p| *p != path);
                    self.settings.recent_folders.insert(0, path.clone());
                    self.settings.recent_folders.truncate(10);
                    self.settings.last_folder = Some(path);
                }
                self.selected_article = model.corpus.articles.first().map(|a| a.id);
                self.model = Some(Arc::from(model));
            }
            LoadResult::Failed(message) => {
                log::warn!("{message}");
                self.status = message;
            }
        }
        true
    }

    /// True while a corpus is being read.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    fn articles_ui(&self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        let Some(model) = &self.model else {
            ui.spinner();
            return;
        };
        ui.heading("Articles");
        ui.label(format!(
            "{} articles · {} paragraphs",
            model.corpus.articles.len(),
            model.corpus.paragraph_count()
        ));
        ui.separator();
        egui::ScrollArea::vertical().show(ui, |ui| {
            for article in &model.corpus.articles {
                let selected = self.selected_article == Some(article.id);
                let text = format!("{}  ({} ¶)", article.title, article.paragraphs.len());
                if ui
                    .selectable_label(selected, text)
                    .on_hover_text(&article.path)
                    .clicked()
                {
                    actions.push(Action::SelectArticle(article.id));
                }
            }
        });
    }

    /// Actors and places found, most mentioned first.
    fn nodes_ui(&self, ui: &mut egui::Ui) {
        let Some(model) = &self.model else { return };
        ui.heading("Actors and places");
        ui.label(format!(
            "{} nodes · {} links",
            model.graph.graph.node_count(),
            model.graph.graph.edge_count()
        ));
        ui.separator();
        let mut nodes: Vec<&crate::graph::NodeData> = model.graph.graph.node_weights().collect();
        nodes.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.entity.cmp(&b.entity)));
        egui::ScrollArea::vertical().show(ui, |ui| {
            for node in nodes.iter().filter(|n| n.mentions > 0) {
                let Some(entity) = model.extraction.entities.get(node.entity as usize) else {
                    continue;
                };
                let aliases: Vec<&str> = entity.aliases.iter().map(|a| a.form.as_str()).collect();
                ui.horizontal(|ui| {
                    ui.label(
                        egui::RichText::new(format!("{:>3}", node.mentions))
                            .monospace()
                            .weak(),
                    );
                    ui.label(&entity.label).on_hover_text(format!(
                        "{} · aliases: {}",
                        entity.category.name(),
                        aliases.join(", ")
                    ));
                });
            }
        });
    }

    /// The selected article with its mentions highlighted.
    fn reader_ui(&self, ui: &mut egui::Ui) {
        let Some(model) = &self.model else { return };
        let Some(article) = self
            .selected_article
            .and_then(|id| model.corpus.articles.get(id as usize))
        else {
            return;
        };
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.heading(&article.title);
            ui.weak(&article.path);
            ui.add_space(8.0);
            let mentions: Vec<&crate::extract::Mention> = model
                .extraction
                .mentions
                .iter()
                .filter(|m| m.article == article.id)
                .collect();
            for (index, block) in article.blocks.iter().enumerate() {
                let text = article
                    .block_text(block)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                match block.kind {
                    BlockKind::Paragraph => {
                        let spans: Vec<(usize, usize)> = mentions
                            .iter()
                            .filter(|m| m.block as usize == index)
                            .map(|m| (m.start - block.start, m.end - block.start))
                            .collect();
                        ui.label(highlighted(article.block_text(block), &spans, ui.visuals()));
                    }
                    BlockKind::Heading => {
                        ui.strong(text);
                    }
                    BlockKind::Title => {}
                    BlockKind::Boilerplate | BlockKind::Duplicate => {
                        ui.weak(text);
                    }
                }
                ui.add_space(6.0);
            }
        });
    }
}

impl eframe::App for KnowmapApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        if self.poll_loading() {
            ui.ctx().request_repaint();
        }
        if self.is_loading() {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(50));
        }
        let mut actions = Vec::new();
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.label(&self.status);
        });
        egui::Panel::left("articles")
            .default_size(320.0)
            .min_size(240.0)
            .show(ui, |ui| self.articles_ui(ui, &mut actions));
        egui::Panel::right("nodes")
            .default_size(260.0)
            .min_size(200.0)
            .show(ui, |ui| self.nodes_ui(ui));
        egui::CentralPanel::default().show(ui, |ui| self.reader_ui(ui));
        for action in actions {
            self.apply(action);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.settings);
    }
}

/// A paragraph as a layout job with the byte ranges in `spans` highlighted.
fn highlighted(
    text: &str,
    spans: &[(usize, usize)],
    visuals: &egui::Visuals,
) -> egui::text::LayoutJob {
    let mut job = egui::text::LayoutJob::default();
    let normal = egui::TextFormat {
        color: visuals.text_color(),
        ..Default::default()
    };
    let marked = egui::TextFormat {
        color: visuals.strong_text_color(),
        background: visuals.selection.bg_fill.gamma_multiply(0.6),
        ..Default::default()
    };
    let mut at = 0;
    for &(start, end) in spans {
        if start < at
            || end > text.len()
            || !text.is_char_boundary(start)
            || !text.is_char_boundary(end)
        {
            continue;
        }
        job.append(&text[at..start].replace('\n', " "), 0.0, normal.clone());
        job.append(&text[start..end], 0.0, marked.clone());
        at = end;
    }
    job.append(&text[at..].replace('\n', " "), 0.0, normal);
    job.wrap.max_width = f32::INFINITY;
    job
}
