//! Closing with unsaved changes (save, discard or cancel), and the offer to
//! take back the autosave a session that did not end cleanly left.

use super::action::UiAction;
use crate::session::{Command, Session};

/// Where closing the window stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Closing {
    /// Not asked to close.
    #[default]
    No,
    /// Asked to close with unsaved changes: the prompt is shown.
    Asking,
    /// Saved or discarded: the window may close.
    Confirmed,
}

/// What the user chose in the closing prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Choice {
    Save,
    Discard,
    Cancel,
}

/// Holds a close request while there are unsaved changes, and asks.
pub(super) fn close_ui(
    closing: &mut Closing,
    session: &mut Session,
    ctx: &egui::Context,
    actions: &mut Vec<UiAction>,
) {
    if ctx.input(|i| i.viewport().close_requested()) && *closing != Closing::Confirmed {
        if session.dirty && session.model.is_some() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            *closing = Closing::Asking;
        } else {
            session.close();
        }
    }
    if *closing != Closing::Asking {
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
        // The window closes once `closing` is Confirmed, after this frame's
        // actions.
        Some(Choice::Save) => actions.push(UiAction::SaveAndClose),
        Some(Choice::Discard) => {
            *closing = Closing::Confirmed;
            session.close();
        }
        Some(Choice::Cancel) => *closing = Closing::No,
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
