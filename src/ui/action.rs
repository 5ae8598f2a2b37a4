//! What the window can be asked to do: a [`UiAction`] is either a session
//! [`Command`] or something only the window does (a file dialog, a small
//! modal, the theme, a panel). [`UiCommand`] is the one table of the named
//! commands, their labels, tooltips and shortcuts, used by the menus, the
//! keyboard handler and the help window alike (as rerun's `UICommand`).

use crate::session::{Command, ExportFormat};

/// One thing the user asked the window for; applied after drawing, in
/// [`super::KnowmapApp::apply`].
#[derive(Debug, Clone, PartialEq)]
pub enum UiAction {
    /// A change of the work, applied by the session.
    Session(Command),
    /// Ask for a folder with the native dialog (or, without one, the
    /// typed-path window).
    ChooseFolder,
    /// The window where a folder path is typed, with completion.
    AskFolderPath,
    /// Ctrl+S: into the folder's layout file, or "save as" for the sample.
    SaveLayout,
    /// Save the layout file where the user chooses.
    SaveLayoutAs,
    /// Save, and close the window once saved (the closing prompt's Save).
    SaveAndClose,
    /// Apply a layout file the user chooses.
    OpenLayout,
    /// The window where a layout file path is typed (no dialog needed).
    AskLayoutPath,
    /// The window where a new view's name is typed.
    AskViewName,
    /// Export the map where the user chooses (or into `.knowmap/export/`).
    Export(ExportFormat),
    /// Ask the user to confirm an export to this path (when no dialog could
    /// ask where).
    ConfirmExport(ExportFormat, std::path::PathBuf),
    /// The same for a chart's numbers.
    ConfirmTable(crate::graph::charts::Table, std::path::PathBuf),
    /// Save a chart's numbers as CSV where the user chooses.
    SaveTable {
        name: String,
        table: crate::graph::charts::Table,
    },
    /// Show a file the app wrote in the system's file manager.
    ShowInFolder(std::path::PathBuf),
    /// Open a file (an article's original) in the system's program for it.
    OpenFile(std::path::PathBuf),
    /// Ask for an article's date.
    AskArticleDate(u32),
    /// Ask for a new name or a merge target for a node.
    AskRename(u32),
    AskMerge(u32),
    /// `None` follows the system theme.
    SetDarkMode(Option<bool>),
    ToggleHelp,
    ToggleStatistics,
    ZoomBy(f32),
    /// Start or stop playing the timeline.
    TogglePlay,
    /// Show only this community (again: show all).
    ShowCommunity(u32),
    /// Draw this community as one node (again: expand it).
    ToggleCollapse(u32),
    /// Escape: closes the open dialog, else clears the selection.
    Escape,
}

impl From<Command> for UiAction {
    fn from(command: Command) -> Self {
        Self::Session(command)
    }
}

/// A named command with a label and, maybe, a shortcut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UiCommand {
    OpenFolder,
    TypeFolderPath,
    SaveLayout,
    SaveLayoutAs,
    OpenLayout,
    TypeLayoutPath,
    SaveViewAs,
    Undo,
    Redo,
    ToggleLayout,
    Reheat,
    FitView,
    ZoomIn,
    ZoomOut,
    PlayTimeline,
    Statistics,
    Help,
    Escape,
}

impl UiCommand {
    /// Every command, in the order the help lists them.
    pub const ALL: [Self; 18] = [
        Self::OpenFolder,
        Self::TypeFolderPath,
        Self::SaveLayout,
        Self::SaveLayoutAs,
        Self::OpenLayout,
        Self::TypeLayoutPath,
        Self::SaveViewAs,
        Self::Undo,
        Self::Redo,
        Self::ToggleLayout,
        Self::Reheat,
        Self::FitView,
        Self::ZoomIn,
        Self::ZoomOut,
        Self::PlayTimeline,
        Self::Statistics,
        Self::Help,
        Self::Escape,
    ];

    /// The label in menus and buttons.
    pub fn text(self) -> &'static str {
        match self {
            Self::OpenFolder => "Open folder…",
            Self::TypeFolderPath => "Type a folder path…",
            Self::SaveLayout => "Save layout",
            Self::SaveLayoutAs => "Save layout as…",
            Self::OpenLayout => "Open layout…",
            Self::TypeLayoutPath => "Layout file by path…",
            Self::SaveViewAs => "Save as a new view…",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::ToggleLayout => "Pause or resume the layout",
            Self::Reheat => "Reheat",
            Self::FitView => "Fit to view",
            Self::ZoomIn => "Zoom in",
            Self::ZoomOut => "Zoom out",
            Self::PlayTimeline => "Play or pause the timeline",
            Self::Statistics => "Statistics",
            Self::Help => "Help",
            Self::Escape => "Close the dialog or clear the selection",
        }
    }

    /// What it does, for tooltips and the help.
    pub fn tooltip(self) -> &'static str {
        match self {
            Self::OpenFolder => "open a folder of articles",
            Self::TypeFolderPath => "type the folder's path, with completion",
            Self::SaveLayout => "save places, pins, filters, corrections into the folder",
            Self::SaveLayoutAs => "save the layout file somewhere else",
            Self::OpenLayout => "apply a layout file to this corpus (undoable)",
            Self::TypeLayoutPath => "save or open a layout file by typing its path",
            Self::SaveViewAs => "keep this arrangement as a named view beside the others",
            Self::Undo => "take back moves, pins, hiding, filters and corrections",
            Self::Redo => "apply again what was undone",
            Self::ToggleLayout => "pause or resume the force layout",
            Self::Reheat => "let the layout move again",
            Self::FitView => "fit the map to the window",
            Self::ZoomIn => "zoom in at the centre",
            Self::ZoomOut => "zoom out at the centre",
            Self::PlayTimeline => {
                "step the time window through the story, nodes keeping their places"
            }
            Self::Statistics => "charts and tables of the map",
            Self::Help => "this help",
            Self::Escape => "close the open dialog, else clear the selection",
        }
    }

    /// The keyboard shortcut, if any.
    pub fn shortcut(self) -> Option<egui::KeyboardShortcut> {
        use egui::{Key, KeyboardShortcut as K, Modifiers as M};
        Some(match self {
            Self::OpenFolder => K::new(M::COMMAND, Key::O),
            Self::SaveLayout => K::new(M::COMMAND, Key::S),
            Self::Undo => K::new(M::COMMAND, Key::Z),
            Self::Redo => K::new(M::COMMAND | M::SHIFT, Key::Z),
            Self::ToggleLayout => K::new(M::NONE, Key::Space),
            Self::FitView => K::new(M::NONE, Key::F),
            Self::ZoomIn => K::new(M::NONE, Key::Plus),
            Self::ZoomOut => K::new(M::NONE, Key::Minus),
            Self::PlayTimeline => K::new(M::NONE, Key::P),
            Self::Help => K::new(M::NONE, Key::F1),
            Self::Escape => K::new(M::NONE, Key::Escape),
            _ => return None,
        })
    }

    /// The shortcut as the help and menus print it.
    pub fn shortcut_text(self) -> Option<String> {
        let shortcut = self.shortcut()?;
        let key = match shortcut.logical_key {
            egui::Key::Space => "Space".to_owned(),
            egui::Key::Escape => "Esc".to_owned(),
            egui::Key::Plus => "+".to_owned(),
            egui::Key::Minus => "−".to_owned(),
            k => k.name().to_owned(),
        };
        let mut text = String::new();
        if shortcut.modifiers.command {
            text.push_str("Ctrl+");
        }
        if shortcut.modifiers.shift {
            text.push_str("Shift+");
        }
        text.push_str(&key);
        Some(text)
    }

    /// The label with its shortcut, for a menu entry.
    pub fn menu_text(self) -> String {
        match self.shortcut_text() {
            Some(keys) => format!("{} ({keys})", self.text()),
            None => self.text().to_owned(),
        }
    }

    /// What the command does when chosen.
    pub fn action(self) -> UiAction {
        match self {
            Self::OpenFolder => UiAction::ChooseFolder,
            Self::TypeFolderPath => UiAction::AskFolderPath,
            Self::SaveLayout => UiAction::SaveLayout,
            Self::SaveLayoutAs => UiAction::SaveLayoutAs,
            Self::OpenLayout => UiAction::OpenLayout,
            Self::TypeLayoutPath => UiAction::AskLayoutPath,
            Self::SaveViewAs => UiAction::AskViewName,
            Self::Undo => Command::Undo.into(),
            Self::Redo => Command::Redo.into(),
            Self::ToggleLayout => Command::ToggleLayout.into(),
            Self::Reheat => Command::Reheat.into(),
            Self::FitView => Command::FitView.into(),
            Self::ZoomIn => UiAction::ZoomBy(1.25),
            Self::ZoomOut => UiAction::ZoomBy(1.0 / 1.25),
            Self::PlayTimeline => UiAction::TogglePlay,
            Self::Statistics => UiAction::ToggleStatistics,
            Self::Help => UiAction::ToggleHelp,
            Self::Escape => UiAction::Escape,
        }
    }

    /// A menu button for the command; pushes its action when clicked.
    pub fn menu_button(self, ui: &mut egui::Ui, actions: &mut Vec<UiAction>) {
        if ui
            .button(self.menu_text())
            .on_hover_text(self.tooltip())
            .clicked()
        {
            actions.push(self.action());
            ui.close();
        }
    }
}

/// Turns the pressed shortcuts into actions (none while a text field has
/// the keyboard: the field takes the keys, and dialogs handle their own
/// Enter and Escape).
pub fn keyboard(ctx: &egui::Context, actions: &mut Vec<UiAction>) {
    if ctx.egui_wants_keyboard_input() {
        return;
    }
    ctx.input_mut(|i| {
        // Ctrl+Shift+Z before Ctrl+Z: consuming the shorter one first
        // would take both.
        let mut order = UiCommand::ALL;
        order.sort_by_key(|c| {
            std::cmp::Reverse(c.shortcut().map_or(0, |s| {
                u8::from(s.modifiers.command) + u8::from(s.modifiers.shift)
            }))
        });
        for command in order {
            let Some(shortcut) = command.shortcut() else {
                continue;
            };
            if i.consume_shortcut(&shortcut)
                || (command == UiCommand::ZoomIn
                    && i.consume_key(egui::Modifiers::NONE, egui::Key::Equals))
            {
                actions.push(command.action());
            }
        }
    });
}
