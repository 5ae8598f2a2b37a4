//! Small modal windows for what is typed: a folder path (with completion),
//! a layout file path, a new view's name. The field has the focus, Enter
//! confirms and Escape cancels, as in every dialog.

use std::path::{Path, PathBuf};

use super::action::UiAction;
use crate::session::Command;

/// What a typed path is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathKind {
    /// A folder of articles to open.
    Folder,
    /// A layout file to save to or open.
    Layout,
}

/// A path being typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathDialog {
    pub kind: PathKind,
    pub text: String,
}

impl PathDialog {
    pub fn new(kind: PathKind) -> Self {
        Self {
            kind,
            text: String::new(),
        }
    }
}

/// Enter pressed in (or just leaving) `field`: a field given the focus
/// each frame may see Enter with the focus or just released.
pub(super) fn entered(ui: &egui::Ui, field: &egui::Response) -> bool {
    (field.has_focus() || field.lost_focus()) && ui.input(|i| i.key_pressed(egui::Key::Enter))
}

/// The typed-path window, while one is open.
pub fn path_dialog_ui(
    slot: &mut Option<PathDialog>,
    ctx: &egui::Context,
    actions: &mut Vec<UiAction>,
) {
    let Some(mut dialog) = slot.take() else {
        return;
    };
    if ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
        return;
    }
    let mut done = false;
    let (title, field_label, hint) = match dialog.kind {
        PathKind::Folder => ("Open a folder", "Folder path", "/path/to/articles"),
        PathKind::Layout => ("Layout file", "Layout file path", "/path/to/layout.json"),
    };
    let response = egui::Modal::new(egui::Id::NULL.with("path-dialog")).show(ctx, |ui| {
        ui.heading(title);
        let field = ui.add(
            egui::TextEdit::singleline(&mut dialog.text)
                .hint_text(hint)
                .desired_width(420.0),
        );
        field.widget_info(|| {
            egui::WidgetInfo::labeled(egui::accesskit::Role::TextInput, true, field_label)
        });
        field.request_focus();
        let typed = dialog.text.trim().to_owned();
        let path = PathBuf::from(&typed);
        let enter = entered(ui, &field);
        match dialog.kind {
            PathKind::Folder => {
                let valid = !typed.is_empty() && path.is_dir();
                if !typed.is_empty() {
                    if valid {
                        ui.weak("a folder: Enter opens it");
                    } else {
                        ui.colored_label(ui.visuals().warn_fg_color, "not a folder");
                    }
                    // Completion: sub-folders that start with what was typed.
                    for suggestion in complete_path(&typed).into_iter().take(6) {
                        if ui.small_button(suggestion.display().to_string()).clicked() {
                            dialog.text = format!("{}/", suggestion.display());
                        }
                    }
                }
                ui.horizontal(|ui| {
                    if ui.add_enabled(valid, egui::Button::new("Open")).clicked()
                        || (enter && valid)
                    {
                        actions.push(Command::OpenFolder(Some(path.clone())).into());
                        done = true;
                    }
                    if ui.button("Cancel").clicked() {
                        done = true;
                    }
                });
            }
            PathKind::Layout => {
                let some = !typed.is_empty();
                ui.horizontal(|ui| {
                    if ui.add_enabled(some, egui::Button::new("Save to")).clicked() {
                        actions.push(Command::SaveLayoutAs(path.clone()).into());
                        done = true;
                    }
                    let exists = some && path.is_file();
                    if ui.add_enabled(exists, egui::Button::new("Open")).clicked()
                        || (enter && exists)
                    {
                        actions.push(Command::OpenLayout(path.clone()).into());
                        done = true;
                    }
                    if ui.button("Cancel").clicked() {
                        done = true;
                    }
                });
                ui.weak("Enter opens an existing file; Save to writes the current layout there.");
            }
        }
    });
    if !done && !response.should_close() {
        *slot = Some(dialog);
    }
}

/// The new-view window, while one is open.
pub fn view_dialog_ui(slot: &mut Option<String>, ctx: &egui::Context, actions: &mut Vec<UiAction>) {
    let Some(mut name) = slot.take() else {
        return;
    };
    if ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
        return;
    }
    let mut done = false;
    let response = egui::Modal::new(egui::Id::NULL.with("view-dialog")).show(ctx, |ui| {
        ui.heading("Save as a new view");
        let field = ui.add(
            egui::TextEdit::singleline(&mut name)
                .hint_text("new view name")
                .desired_width(260.0),
        );
        field.widget_info(|| {
            egui::WidgetInfo::labeled(egui::accesskit::Role::TextInput, true, "View name")
        });
        field.request_focus();
        let ok = !name.trim().is_empty();
        let enter = entered(ui, &field);
        ui.horizontal(|ui| {
            if ui.add_enabled(ok, egui::Button::new("Save view")).clicked() || (enter && ok) {
                actions.push(Command::SaveViewAs(name.trim().to_owned()).into());
                done = true;
            }
            if ui.button("Cancel").clicked() {
                done = true;
            }
        });
        ui.weak("The view keeps places, pins, filters and the camera beside the other views.");
    });
    if !done && !response.should_close() {
        *slot = Some(name);
    }
}

/// The article-date window, while one is open: a date in any form the
/// reader knows ("2019-01-04", "4 January 2019"), or empty for "no date".
pub fn date_dialog_ui(
    slot: &mut Option<(crate::corpus::ArticleId, String)>,
    ctx: &egui::Context,
    actions: &mut Vec<UiAction>,
) {
    let Some((article, mut text)) = slot.take() else {
        return;
    };
    if ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
        return;
    }
    let mut done = false;
    let response = egui::Modal::new(egui::Id::NULL.with("date-dialog")).show(ctx, |ui| {
        ui.heading("The article's date");
        let field = ui.add(
            egui::TextEdit::singleline(&mut text)
                .hint_text("2019-01-04, or empty: no date")
                .desired_width(260.0),
        );
        field.widget_info(|| {
            egui::WidgetInfo::labeled(egui::accesskit::Role::TextInput, true, "Article date")
        });
        field.request_focus();
        let parsed = crate::corpus::Date::parse(&text);
        let ok = text.trim().is_empty() || parsed.is_some();
        match parsed {
            Some(date) => ui.weak(format!("{date}")),
            None if text.trim().is_empty() => ui.weak("no date: the article leaves the timeline"),
            None => ui.colored_label(ui.visuals().warn_fg_color, "not a date"),
        };
        let enter = entered(ui, &field);
        ui.horizontal(|ui| {
            if ui.add_enabled(ok, egui::Button::new("Set date")).clicked() || (enter && ok) {
                actions.push(
                    Command::SetArticleDate {
                        article,
                        date: parsed,
                    }
                    .into(),
                );
                done = true;
            }
            if ui.button("Cancel").clicked() {
                done = true;
            }
        });
    });
    if !done && !response.should_close() {
        *slot = Some((article, text));
    }
}

/// Sub-folders of the typed path's folder whose names start with its last part.
pub fn complete_path(typed: &str) -> Vec<PathBuf> {
    let path = Path::new(typed);
    let (dir, prefix) = if typed.ends_with('/') {
        (path.to_path_buf(), String::new())
    } else {
        (
            path.parent().map(Path::to_path_buf).unwrap_or_default(),
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
