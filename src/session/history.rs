//! Undo and redo: one step per command that changed the map, a drag of one
//! node being one step. A command that changes nothing leaves the history
//! (and the redo stack) alone.

use crate::extract::curate::Edit;
use crate::graph::view::Filter;

/// At most this many steps are kept.
const DEPTH: usize = 200;

/// What undo restores: where nodes are, which are pinned, what is shown, the
/// corrections and the view. Not the camera (see [`super::CameraState`]).
#[derive(Debug, Clone, PartialEq)]
pub struct MapState {
    pub positions: Vec<[f32; 2]>,
    pub pinned: Vec<bool>,
    pub filter: Filter,
    pub edits: Vec<Edit>,
    /// Article dates set by the user (path → ISO date, empty: none).
    pub dates: std::collections::BTreeMap<String, String>,
    /// The named view shown (Ctrl+S saves into it).
    pub view_name: String,
}

impl MapState {
    /// What changed from `before` to `after`, for the status line: the
    /// corrections made (or taken back), else the kind of change.
    pub fn change(before: &Self, after: &Self) -> String {
        let (shorter, longer) = if before.edits.len() <= after.edits.len() {
            (&before.edits, &after.edits)
        } else {
            (&after.edits, &before.edits)
        };
        if before.edits != after.edits {
            let common = shorter
                .iter()
                .zip(longer.iter())
                .take_while(|(a, b)| a == b)
                .count();
            let described: Vec<String> = longer[common..].iter().map(Edit::describe).collect();
            if !described.is_empty() {
                return described.join("; ");
            }
            return "corrections".into();
        }
        if before.dates != after.dates {
            return "a date correction".into();
        }
        if before.view_name != after.view_name {
            return format!("switch to the view “{}”", after.view_name);
        }
        if before.filter.hidden != after.filter.hidden {
            return "hiding nodes".into();
        }
        if before.filter != after.filter {
            return "a filter change".into();
        }
        if before.pinned != after.pinned {
            return "pinning".into();
        }
        "a move".into()
    }
}

/// The undo and redo stacks.
#[derive(Debug, Default)]
pub struct History {
    undo: Vec<MapState>,
    redo: Vec<MapState>,
    /// The node whose drag is the open step: its later moves join it.
    gesture: Option<u32>,
}

impl History {
    /// True when there is something to undo, and to redo.
    pub fn can(&self) -> (bool, bool) {
        (!self.undo.is_empty(), !self.redo.is_empty())
    }

    /// Records that the map went from `before` to `after`; `drag` names the
    /// node a move command moved. Nothing is recorded when nothing changed,
    /// or when the move continues the open drag step. Returns true when the
    /// map changed.
    pub fn record(&mut self, before: MapState, after: &MapState, drag: Option<u32>) -> bool {
        if before == *after {
            return false;
        }
        if drag.is_none() || drag != self.gesture {
            self.undo.push(before);
            if self.undo.len() > DEPTH {
                self.undo.remove(0);
            }
            self.redo.clear();
        }
        self.gesture = drag;
        true
    }

    /// Any command but a move ends the open drag step.
    pub fn end_gesture(&mut self) {
        self.gesture = None;
    }

    /// The state to go back to from `current` (which becomes redoable).
    pub fn undo(&mut self, current: MapState) -> Option<MapState> {
        self.gesture = None;
        let previous = self.undo.pop()?;
        self.redo.push(current);
        Some(previous)
    }

    /// The state undone last (`current` becomes undoable again).
    pub fn redo(&mut self, current: MapState) -> Option<MapState> {
        self.gesture = None;
        let next = self.redo.pop()?;
        self.undo.push(current);
        Some(next)
    }

    /// Forgets everything (a new folder was opened).
    pub fn clear(&mut self) {
        *self = Self::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(x: f32) -> MapState {
        MapState {
            positions: vec![[x, 0.0]],
            pinned: vec![false],
            filter: Filter::default(),
            edits: Vec::new(),
            dates: Default::default(),
            view_name: "default".into(),
        }
    }

    #[test]
    fn unchanged_records_nothing_and_keeps_redo() {
        let mut h = History::default();
        assert!(h.record(state(0.0), &state(1.0), None));
        let back = h.undo(state(1.0)).unwrap();
        assert_eq!(back, state(0.0));
        assert_eq!(h.can(), (false, true));
        assert!(!h.record(state(0.0), &state(0.0), None));
        assert_eq!(h.can(), (false, true), "a no-op keeps the redo stack");
    }

    #[test]
    fn a_drag_is_one_step() {
        let mut h = History::default();
        h.record(state(0.0), &state(1.0), Some(3));
        h.record(state(1.0), &state(2.0), Some(3));
        h.record(state(2.0), &state(3.0), Some(3));
        assert_eq!(h.undo(state(3.0)), Some(state(0.0)));
        assert_eq!(h.undo(state(0.0)), None);
        // Another node's drag, or the same node after another command, is new.
        let mut h = History::default();
        h.record(state(0.0), &state(1.0), Some(3));
        h.end_gesture();
        h.record(state(1.0), &state(2.0), Some(3));
        assert_eq!(h.undo(state(2.0)), Some(state(1.0)));
    }

    #[test]
    fn change_names_what_changed() {
        let mut after = state(0.0);
        after.pinned = vec![true];
        assert_eq!(MapState::change(&state(0.0), &after), "pinning");
        after.filter.hidden = vec![crate::graph::NodeId::new(0)];
        assert_eq!(MapState::change(&state(0.0), &after), "hiding nodes");
    }
}
