//! Correcting the map: rename, merge, change category, ignore a name.
//! Every correction is an [`Edit`] sent as [`Command::Curate`], so it can be
//! undone and is saved with the layout.

use super::action::UiAction;
use crate::extract::Category;
use crate::extract::NodeKey;
use crate::extract::curate::Edit;
use crate::graph::{Model, NodeId};
use crate::session::{Command, Session};

/// What the curation dialog asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Mode {
    Rename,
    Merge,
}

/// A rename or merge being typed.
#[derive(Debug, Clone, PartialEq)]
pub struct Dialog {
    pub node: u32,
    pub key: NodeKey,
    pub label: String,
    pub mode: Mode,
    /// The new name, or the search for the merge target.
    pub text: String,
}

impl Dialog {
    fn new(app: &Session, node: u32, mode: Mode) -> Option<Self> {
        let model = app.model.as_ref()?;
        let entity = model.extraction.entities.get(node as usize)?;
        Some(Self {
            node,
            key: entity.key(),
            label: entity.label.clone(),
            text: if mode == Mode::Rename {
                entity.label.clone()
            } else {
                String::new()
            },
            mode,
        })
    }

    pub fn rename(app: &Session, node: u32) -> Option<Self> {
        Self::new(app, node, Mode::Rename)
    }

    pub fn merge(app: &Session, node: u32) -> Option<Self> {
        Self::new(app, node, Mode::Merge)
    }
}

/// The corrections offered for a node (context menu and evidence panel).
pub fn node_menu_ui(ui: &mut egui::Ui, model: &Model, node: u32, actions: &mut Vec<UiAction>) {
    let Some(entity) = model.extraction.entities.get(node as usize) else {
        return;
    };
    let key = entity.key();
    if ui.button("Rename…").clicked() {
        actions.push(UiAction::AskRename(node));
        ui.close();
    }
    if ui.button("Merge into…").clicked() {
        actions.push(UiAction::AskMerge(node));
        ui.close();
    }
    ui.menu_button("Category", |ui| {
        for category in Category::ALL {
            let kind = match category.kind() {
                crate::extract::NodeKind::Actor => "actor",
                crate::extract::NodeKind::Topic => "topic",
            };
            if ui
                .radio(
                    entity.category == category,
                    format!("{} ({kind})", category.name()),
                )
                .clicked()
                && entity.category != category
            {
                actions.push(
                    Command::Curate(vec![Edit::SetCategory {
                        node: key.clone(),
                        category,
                    }])
                    .into(),
                );
                ui.close();
            }
        }
    });
    if ui
        .button("Ignore its names")
        .on_hover_text("Remove the node: none of its written forms counts as a mention")
        .clicked()
    {
        let edits = std::iter::once(entity.label.clone())
            .chain(entity.aliases.iter().map(|a| a.form.clone()))
            .map(|form| Edit::Ignore { form })
            .collect();
        actions.push(Command::Curate(edits).into());
        ui.close();
    }
}

/// The rename / merge window, while one is open.
pub fn dialog_ui(
    slot: &mut Option<Dialog>,
    app: &Session,
    ctx: &egui::Context,
    actions: &mut Vec<UiAction>,
) {
    let Some(mut dialog) = slot.take() else {
        return;
    };
    // Escape cancels, as in every dialog (checked before the text field,
    // which would take the key).
    if ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
        return;
    }
    let mut open = true;
    let mut done = false;
    let title = match dialog.mode {
        Mode::Rename => format!("Rename “{}”", dialog.label),
        Mode::Merge => format!("Merge “{}” into…", dialog.label),
    };
    egui::Window::new(title)
        .id(egui::Id::NULL.with("curate-dialog"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 80.0])
        .show(ctx, |ui| match dialog.mode {
            Mode::Rename => {
                let field = ui.add(egui::TextEdit::singleline(&mut dialog.text).desired_width(280.0));
                field.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::accesskit::Role::TextInput, true, "New name")
                });
                field.request_focus();
                let name = dialog.text.trim().to_owned();
                let ok = !name.is_empty() && name != dialog.label;
                // The field keeps the focus it is given each frame, so Enter
                // may arrive with it focused or just released.
                let enter = super::dialogs::entered(ui, &field);
                if ui.add_enabled(ok, egui::Button::new("Rename")).clicked() || (enter && ok) {
                    actions.push(Command::Curate(vec![Edit::Rename {
                        node: dialog.key.clone(),
                        label: name,
                    }]).into());
                    done = true;
                }
                ui.weak("The old name stays a known form of the node.");
            }
            Mode::Merge => {
                let field = ui.add(
                    egui::TextEdit::singleline(&mut dialog.text)
                        .hint_text("type a name")
                        .desired_width(280.0),
                );
                field.widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::accesskit::Role::SearchInput,
                        true,
                        "Merge target",
                    )
                });
                field.request_focus();
                let hits: Vec<u32> = app
                    .search_nodes(&dialog.text)
                    .into_iter()
                    .filter(|&n| n != dialog.node)
                    .take(8)
                    .collect();
                let enter = super::dialogs::entered(ui, &field);
                for (rank, n) in hits.into_iter().enumerate() {
                    let (Some(key), Some(label)) = (app.node_key(NodeId::from_raw(n)), app.node_label(NodeId::from_raw(n))) else {
                        continue;
                    };
                    // Enter takes the first match.
                    if ui.button(format!("into {label}")).clicked() || (enter && rank == 0) {
                        actions.push(Command::Curate(vec![Edit::Merge {
                            from: dialog.key.clone(),
                            into: key,
                        }]).into());
                        done = true;
                    }
                }
                ui.weak("All its mentions become mentions of the chosen node; Ctrl+Z undoes it. On the map, Shift+drag a node onto another does the same.");
            }
        });
    if open && !done {
        *slot = Some(dialog);
    }
}
