//! The top bar: File and View menus, help, search, layout controls, undo.
//! Menus hold buttons only: anything typed (a path, a view name) is asked
//! in a small window, since a click in a menu's text field closes the menu.

use super::action::{UiAction, UiCommand};
use super::settings::Settings;
use crate::graph::NodeId;
use crate::graph::search::Hit;
use crate::layout::LayoutState;
use crate::session::{Command, ExportFormat, Session};

/// The search field's text and the hits of the last query.
#[derive(Debug, Default)]
pub struct Search {
    pub text: String,
    /// (query, model revision, hits) of the last search.
    last: Option<(String, u64, Vec<Hit>)>,
}

impl Search {
    /// Hits of the current text, searched again only when the text or the
    /// model changed.
    pub fn hits(&mut self, session: &Session) -> &[Hit] {
        let stale = self
            .last
            .as_ref()
            .is_none_or(|(q, r, _)| *q != self.text || *r != session.revision);
        if stale {
            self.last = Some((
                self.text.clone(),
                session.revision,
                session.search_hits(&self.text),
            ));
        }
        self.last
            .as_ref()
            .map_or(&[], |(_, _, hits)| hits.as_slice())
    }
}

/// What the top bar reads and changes.
pub(super) struct TopBar<'a> {
    pub session: &'a mut Session,
    pub settings: &'a Settings,
    pub show_timeline: &'a mut bool,
    pub search: &'a mut Search,
}

impl TopBar<'_> {
    pub(super) fn ui(&mut self, ui: &mut egui::Ui, actions: &mut Vec<UiAction>) {
        top_bar_ui(self, ui, actions);
    }
}

fn top_bar_ui(app: &mut TopBar<'_>, ui: &mut egui::Ui, actions: &mut Vec<UiAction>) {
    ui.horizontal(|ui| {
        ui.menu_button("File", |ui| file_menu_ui(app, ui, actions));
        ui.menu_button("View", |ui| view_menu_ui(app, ui, actions));
        if ui
            .button(UiCommand::Help.menu_text())
            .on_hover_text(UiCommand::Help.tooltip())
            .clicked()
        {
            actions.push(UiAction::ToggleHelp);
        }
        ui.separator();
        search_ui(app, ui, actions);
        ui.separator();
        let session = &app.session;
        let label = if session.layout.state == LayoutState::Paused {
            "Resume layout"
        } else {
            "Pause layout"
        };
        if ui.button(label).on_hover_text("Space").clicked() {
            actions.push(Command::ToggleLayout.into());
        }
        if ui.button("Reheat").clicked() {
            actions.push(Command::Reheat.into());
        }
        let (can_undo, can_redo) = session.can_undo();
        for (enabled, command) in [(can_undo, UiCommand::Undo), (can_redo, UiCommand::Redo)] {
            let hover = command.shortcut_text().unwrap_or_default();
            if ui
                .add_enabled(enabled, egui::Button::new(command.text()))
                .on_hover_text(hover)
                .clicked()
            {
                actions.push(command.action());
            }
        }
        ui.weak(match session.layout.state {
            LayoutState::Running => "layout running",
            LayoutState::Settled => "layout settled",
            LayoutState::Paused => "layout paused",
        });
    });
}

fn file_menu_ui(app: &mut TopBar<'_>, ui: &mut egui::Ui, actions: &mut Vec<UiAction>) {
    UiCommand::OpenFolder.menu_button(ui, actions);
    UiCommand::TypeFolderPath.menu_button(ui, actions);
    if ui.button("Open the bundled sample").clicked() {
        actions.push(Command::OpenFolder(None).into());
        ui.close();
    }
    if !app.settings.recent_folders.is_empty() {
        ui.menu_button("Recent folders", |ui| {
            for folder in app.settings.recent_folders.clone() {
                if ui.button(folder.display().to_string()).clicked() {
                    actions.push(Command::OpenFolder(Some(folder)).into());
                    ui.close();
                }
            }
        });
    }
    ui.separator();
    UiCommand::SaveLayout.menu_button(ui, actions);
    UiCommand::SaveLayoutAs.menu_button(ui, actions);
    UiCommand::OpenLayout.menu_button(ui, actions);
    UiCommand::TypeLayoutPath.menu_button(ui, actions);
    ui.menu_button("Views", |ui| {
        let session = &app.session;
        if session.view_names.is_empty() {
            ui.weak("No saved views yet: Ctrl+S saves this one as “default”.");
        }
        for name in session.view_names.clone() {
            let current = name == session.view_name;
            if ui.radio(current, &name).clicked() && !current {
                actions.push(Command::SwitchView(name).into());
                ui.close();
            }
        }
        ui.separator();
        UiCommand::SaveViewAs.menu_button(ui, actions);
    });
    ui.menu_button("Export", |ui| {
        for format in ExportFormat::ALL {
            if ui.button(format!("{}…", format.describe())).clicked() {
                actions.push(UiAction::Export(format));
                ui.close();
            }
        }
        ui.add(
            egui::Slider::new(&mut app.session.picture.png_scale, 1.0..=4.0)
                .step_by(0.5)
                .text("PNG scale"),
        );
        ui.checkbox(
            &mut app.session.picture.view_only,
            "Pictures show only the current view",
        )
        .on_hover_text("Otherwise SVG and PNG show the whole map the filters show, framed to fit");
        ui.separator();
        if ui
            .button("Write corrections as aliases.tsv")
            .on_hover_text(
                "FOLDER/.knowmap/aliases.tsv: read by every later extraction of this folder",
            )
            .clicked()
        {
            actions.push(Command::ExportAliases.into());
            ui.close();
        }
    });
}

fn view_menu_ui(app: &mut TopBar<'_>, ui: &mut egui::Ui, actions: &mut Vec<UiAction>) {
    let mut community = app.session.color_by_community;
    if ui.checkbox(&mut community, "Colour by community").changed() {
        actions.push(Command::SetColorByCommunity(community).into());
    }
    ui.separator();
    for (label, mode) in [
        ("Follow the system theme", None),
        ("Dark", Some(true)),
        ("Light", Some(false)),
    ] {
        if ui.radio(app.settings.dark_mode == mode, label).clicked() {
            actions.push(UiAction::SetDarkMode(mode));
        }
    }
    ui.separator();
    ui.checkbox(app.show_timeline, "Timeline")
        .on_hover_text("Dated articles per day, week or month, under the map");
    if ui.button(UiCommand::Statistics.text()).clicked() {
        actions.push(UiAction::ToggleStatistics);
        ui.close();
    }
    UiCommand::FitView.menu_button(ui, actions);
}

fn search_ui(app: &mut TopBar<'_>, ui: &mut egui::Ui, actions: &mut Vec<UiAction>) {
    let search = ui.add(
        egui::TextEdit::singleline(&mut app.search.text)
            .hint_text("Search actors and topics (Ctrl+F)")
            .desired_width(260.0),
    );
    search.widget_info(|| {
        egui::WidgetInfo::labeled(egui::accesskit::Role::SearchInput, true, "Search")
    });
    if ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::F)) {
        search.request_focus();
    }
    // Matching runs only when the query or the model changes.
    let hits = app.search.hits(app.session).to_vec();
    if search.lost_focus()
        && ui.input(|i| i.key_pressed(egui::Key::Enter))
        && let Some(best) = hits.first()
    {
        actions.push(Command::FocusNode(NodeId::from_raw(best.node)).into());
    }
    if search.has_focus() && !hits.is_empty() {
        // Each suggestion says which of its names matched.
        let names: Vec<String> = hits
            .iter()
            .take(3)
            .filter_map(|hit| {
                let label = app.session.node_label(NodeId::from_raw(hit.node))?;
                Some(match &hit.alias {
                    Some(alias) => format!("{label} (as “{alias}”)"),
                    None => label,
                })
            })
            .collect();
        ui.weak(format!("Enter: {}", names.join(" · ")));
    }
}
