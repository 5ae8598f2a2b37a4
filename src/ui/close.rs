//! Closing with unsaved changes (save, discard or cancel), and the offer to
//! take back the autosave a session that did not end cleanly left.

use super::action::UiAction;
use super::app::{Closing, KnowmapApp};
use crate::session::{Command, Session};

/// What the user chose in the closing prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Choice {
    Save,
    Discard,
    Cancel,
}

/// Holds a close request while there are unsaved changes, and asks.
pub(super) fn close_ui(app: &mut KnowmapApp, ctx: &egui::Context) {
    if ctx.input(|i| i.viewport().close_requested()) && app.closing != Closing::Confirmed {
        if app.session.dirty && app.session.model.is_some() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            app.closing = Closing::Asking;
        } else {
            app.session.close();
        }
    }
    if app.closing != Closing::Asking {
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
                choice = Some(Choice::Save);
            }
            if ui.button("Discard").clicked() {
                choice = Some(Choice::Discard);
            }
            if ui.button("Cancel").clicked() {
                choice = Some(Choice::Cancel);
            }
        });
    });
    match choice {
        Some(Choice::Save) => {
            app.apply(UiAction::SaveLayout);
            if !app.session.dirty {
                app.closing = Closing::Confirmed;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
        Some(Choice::Discard) => {
            app.closing = Closing::Confirmed;
            app.session.close();
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        Some(Choice::Cancel) => app.closing = Closing::No,
        None => {}
    }
}

/// Offers back the autosave found when the folder was opened.
pub(super) fn autosave_ui(session: &Session, ctx: &egui::Context, actions: &mut Vec<UiAction>) {
    let Some(path) = &session.pending_autosave else {
        return;
    };
    egui::Window::new("Unsaved changes found")
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 60.0])
        .show(ctx, |ui| {
            ui.label(format!(
                "knowmap did not close normally last time; changes to this map were kept in {}.",
                path.display()
            ));
            ui.horizontal(|ui| {
                if ui.button("Restore them").clicked() {
                    actions.push(Command::RestoreAutosave(true).into());
                }
                if ui.button("Discard them").clicked() {
                    actions.push(Command::RestoreAutosave(false).into());
                }
            });
        });
}
