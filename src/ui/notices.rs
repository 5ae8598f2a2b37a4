//! The window's notices: the status line, the load error, the confirmation
//! of a write that no dialog could place, and the F1 help. Methods of
//! [`KnowmapApp`], drawn from its session.

use super::action::{self, UiAction};
use super::app::KnowmapApp;
use crate::session::Command;

impl KnowmapApp {
    pub(super) fn help_ui(&mut self, ctx: &egui::Context) {
        let mut open = self.show_help;
        egui::Window::new("Keyboard and mouse")
            .open(&mut open)
            .show(ctx, |ui| {
                egui::Grid::new("help").striped(true).show(ui, |ui| {
                    for (key, what) in [
                        ("Drag background", "pan"),
                        ("Wheel / pinch", "zoom at the cursor"),
                        ("Double-click", "fit the map to the window"),
                        ("Click node or link", "select and read its evidence"),
                        ("Drag node", "move and pin it"),
                        ("Shift+drag onto a node", "merge the dragged node into it"),
                        (
                            "Right-click a node",
                            "pin, hide, focus, rename, merge, change category, ignore",
                        ),
                        ("Ctrl+F", "search; Enter selects and centres"),
                    ] {
                        ui.strong(key);
                        ui.label(what);
                        ui.end_row();
                    }
                    for command in action::UiCommand::ALL {
                        if let Some(keys) = command.shortcut_text() {
                            ui.strong(keys);
                            ui.label(command.tooltip());
                            ui.end_row();
                        }
                    }
                });
            });
        self.show_help = open;
    }

    /// Takes what the background work published: a finished load, layout
    /// positions, the autosave.
    /// Where an export will go when no dialog could ask: confirm or cancel.
    pub(super) fn pending_write_ui(&mut self, ctx: &egui::Context, actions: &mut Vec<UiAction>) {
        let Some((what, path)) = self.pending_write.clone() else {
            return;
        };
        let mut done = ctx.input(|i| i.key_pressed(egui::Key::Escape));
        egui::Modal::new(egui::Id::NULL.with("export-confirm")).show(ctx, |ui| {
            ui.heading(what.describe());
            ui.label("No file dialog is available here. The export will be written to:");
            ui.strong(path.display().to_string());
            ui.horizontal(|ui| {
                if ui.button("Export there").clicked() {
                    actions.push(what.clone().command(path.clone()).into());
                    done = true;
                }
                if ui.button("Cancel").clicked() {
                    done = true;
                }
            });
        });
        if done {
            self.pending_write = None;
        }
    }

    /// A folder that could not be opened: where, why, and what now.
    pub(super) fn load_error_ui(&mut self, ctx: &egui::Context, actions: &mut Vec<UiAction>) {
        let Some((path, reason)) = &self.load_error else {
            return;
        };
        let mut dismissed = false;
        egui::Window::new("Cannot open the folder")
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_TOP, [0.0, 60.0])
            .show(ctx, |ui| {
                ui.strong(path.as_str());
                ui.add(egui::Label::new(reason.as_str()).wrap());
                if self.session.model.is_some() {
                    ui.weak("The map that was open stays.");
                }
                ui.horizontal(|ui| {
                    if ui.button("Dismiss").clicked() {
                        dismissed = true;
                    }
                    if ui.button("Choose another folder…").clicked() {
                        actions.push(UiAction::ChooseFolder);
                        dismissed = true;
                    }
                    if self.session.model.is_none()
                        && ui.button("Open the bundled sample").clicked()
                    {
                        actions.push(Command::OpenFolder(None).into());
                        dismissed = true;
                    }
                });
            });
        if dismissed {
            self.load_error = None;
        }
    }

    pub(super) fn status_ui(
        &mut self,
        ui: &mut egui::Ui,
        shown: Option<&(Vec<bool>, Vec<bool>)>,
        actions: &mut Vec<UiAction>,
    ) {
        ui.horizontal(|ui| {
            ui.label(&self.session.status.text);
            if let Some(file) = &self.session.status.file
                && ui
                    .small_button("Show in folder")
                    .on_hover_text(format!("Open the folder that holds {}", file.display()))
                    .clicked()
            {
                actions.push(UiAction::ShowInFolder(file.clone()));
            }
            if let (Some(model), Some((nodes, edges))) = (&self.session.model, shown) {
                ui.separator();
                ui.label(format!(
                    "nodes {}/{} · links {}/{}",
                    nodes.iter().filter(|v| **v).count(),
                    model.graph.node_count(),
                    edges.iter().filter(|v| **v).count(),
                    model.graph.edge_count()
                ));
                // Filters re-fit the view unless the user placed the camera:
                // then fitting is one click away.
                if self.session.camera.user_moved
                    && ui
                        .small_button("Fit (F)")
                        .on_hover_text("Fit the shown nodes to the window")
                        .clicked()
                {
                    actions.push(Command::FitView.into());
                }
            }
            if let Some(progress) = self.session.load_progress() {
                ui.separator();
                // No spinner: it repaints every frame, and with a software
                // renderer that takes a core from the load.
                ui.add(
                    egui::ProgressBar::new(progress.fraction())
                        .desired_width(220.0)
                        .text(progress.describe()),
                );
                if ui.button("Cancel").clicked() {
                    actions.push(Command::CancelLoading.into());
                }
            }
        });
    }
}
