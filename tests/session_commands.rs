//! `session::command`: every command that changes the map is one undo step
//! that undo takes back exactly and redo applies again; commands that change
//! nothing leave history and the dirty mark alone. No window involved.
#![allow(clippy::unwrap_used)]

use knowmap::extract::Category;
use knowmap::extract::NodeKey;
use knowmap::extract::curate::Edit;
use knowmap::graph::NodeId;
use knowmap::layout::LayoutState;
use knowmap::session::{Command, Filter, Selection, Session, SessionError, StatusKind};

fn sample() -> Session {
    Session::open_blocking(None)
}

fn node(session: &Session, key: &str) -> NodeId {
    session.find_node(key).unwrap_or_else(|| panic!("no {key}"))
}

/// Applies `command`, checks it changed the map as one step, and that undo
/// and redo go exactly back and forth.
fn one_step(session: &mut Session, command: Command) {
    let what = format!("{command:?}");
    let before = session.snapshot();
    let steps = session.can_undo();
    session.apply(command).unwrap();
    let after = session.snapshot();
    assert_ne!(before, after, "{what} changed nothing");
    assert!(session.dirty, "{what} leaves the session clean");
    assert_eq!(session.can_undo(), (true, false), "{what}");
    session.apply(Command::Undo).unwrap();
    assert_eq!(session.snapshot(), before, "undo of {what}");
    assert_eq!(session.status.kind, StatusKind::Undone);
    // One step: what could be undone before can be undone now, no more.
    assert_eq!(
        session.can_undo().0,
        steps.0,
        "{what} took more than one step"
    );
    session.apply(Command::Redo).unwrap();
    assert_eq!(session.snapshot(), after, "redo of {what}");
}

#[test]
fn every_map_command_is_one_undoable_step() {
    let mut s = sample();
    let trump = node(&s, "actor:Donald Trump");
    let ukraine = node(&s, "actor:Ukraine");
    let russia = node(&s, "actor:Russia");
    let putin = node(&s, "actor:Vladimir Putin");
    let trump_key = s.node_key(trump).unwrap();
    one_step(&mut s, Command::MoveNode(trump, [3.0, 4.0]));
    one_step(&mut s, Command::Pin(ukraine, true));
    one_step(&mut s, Command::Hide(ukraine));
    let topics_off = Filter {
        topics: false,
        ..s.filter.clone()
    };
    one_step(&mut s, Command::SetFilter(topics_off));
    one_step(&mut s, Command::Focus(russia));
    one_step(&mut s, Command::MergeNodes(putin, russia));
    one_step(
        &mut s,
        Command::Curate(vec![Edit::Rename {
            node: trump_key.clone(),
            label: "President Trump".into(),
        }]),
    );
    // Renamed, the node has a new key.
    let renamed = s.node_key(trump).unwrap();
    assert_ne!(renamed, trump_key);
    one_step(
        &mut s,
        Command::Curate(vec![Edit::SetCategory {
            node: renamed,
            category: Category::Organization,
        }]),
    );
    one_step(
        &mut s,
        Command::Curate(vec![Edit::Ignore {
            form: "Kremlin".into(),
        }]),
    );
}

#[test]
fn hiding_from_the_node_menu_is_undone_by_the_first_undo() {
    // The phantom step: Hide used to record itself and the filter change it
    // made, so the first Ctrl+Z did nothing visible.
    let mut s = sample();
    let ukraine = node(&s, "actor:Ukraine");
    let before = s.snapshot();
    s.apply(Command::Hide(ukraine)).unwrap();
    assert!(s.filter.hidden.contains(&ukraine));
    s.apply(Command::Undo).unwrap();
    assert_eq!(s.snapshot(), before);
    assert!(!s.can_undo().0);
}

#[test]
fn a_drag_is_one_step_and_another_command_ends_it() {
    let mut s = sample();
    let trump = node(&s, "actor:Donald Trump");
    let before = s.snapshot();
    for k in 0..5 {
        s.apply(Command::MoveNode(trump, [k as f32, 1.0])).unwrap();
    }
    s.apply(Command::Undo).unwrap();
    assert_eq!(s.snapshot(), before, "the whole drag is one step");
    s.apply(Command::MoveNode(trump, [9.0, 9.0])).unwrap();
    s.apply(Command::Select(Selection::Node(trump))).unwrap();
    s.apply(Command::MoveNode(trump, [10.0, 10.0])).unwrap();
    s.apply(Command::Undo).unwrap();
    assert_eq!(s.positions[trump.index()], [9.0, 9.0]);
}

#[test]
fn commands_that_change_nothing_keep_history_and_the_clean_mark() {
    let mut s = sample();
    let trump = node(&s, "actor:Donald Trump");
    s.apply(Command::Pin(trump, true)).unwrap();
    s.apply(Command::Undo).unwrap();
    s.dirty = false;
    let redo = s.can_undo();
    assert_eq!(redo, (false, true));
    // The same filter, unpinning an unpinned node, hiding nothing new.
    s.apply(Command::SetFilter(s.filter.clone())).unwrap();
    s.apply(Command::Pin(trump, false)).unwrap();
    s.apply(Command::Curate(Vec::new())).unwrap();
    // A merge into itself does nothing and says so.
    let error = s.apply(Command::MergeNodes(trump, trump)).unwrap_err();
    assert!(matches!(error, SessionError::NothingToDo(_)), "{error}");
    assert_eq!(s.status.kind, StatusKind::Notice);
    assert_eq!(s.can_undo(), redo, "the redo stack survives no-ops");
    assert!(!s.dirty, "no-ops leave the session clean");
    // Selecting and framing are not map changes either.
    s.apply(Command::Select(Selection::Node(trump))).unwrap();
    s.apply(Command::FitView).unwrap();
    assert_eq!(s.can_undo(), redo);
    assert!(!s.dirty);
}

#[test]
fn the_status_says_what_undo_took_back_never_the_undone_result() {
    let mut s = sample();
    let putin = node(&s, "actor:Vladimir Putin");
    let russia = node(&s, "actor:Russia");
    s.apply(Command::MergeNodes(putin, russia)).unwrap();
    assert_eq!(s.status.kind, StatusKind::Done);
    assert!(s.status.text.starts_with("Done: merge"), "{}", s.status);
    s.apply(Command::Undo).unwrap();
    assert!(s.status.text.starts_with("Undone: merge"), "{}", s.status);
    assert!(!s.status.text.contains("Done: merge"));
    s.apply(Command::Redo).unwrap();
    assert!(s.status.text.starts_with("Redone: merge"), "{}", s.status);
}

#[test]
fn a_merged_away_selection_passes_to_the_target() {
    let mut s = sample();
    let putin = node(&s, "actor:Vladimir Putin");
    let russia = node(&s, "actor:Russia");
    s.apply(Command::Select(Selection::Node(putin))).unwrap();
    s.apply(Command::MergeNodes(putin, russia)).unwrap();
    assert_eq!(s.selection, Selection::Node(russia));
    assert!(s.find_node("actor:Vladimir Putin").is_none());
}

#[test]
fn focus_shows_only_the_neighbourhood_and_asks_for_a_fit() {
    let mut s = sample();
    let russia = node(&s, "actor:Russia");
    let model = s.model.clone().unwrap();
    let all = s.visibility(&model).0.iter().filter(|v| **v).count();
    s.camera.fit_pending = false;
    s.apply(Command::Focus(russia)).unwrap();
    let (nodes, _) = s.visibility(&model);
    let shown = nodes.iter().filter(|v| **v).count();
    assert!(nodes[russia.index()]);
    assert!(shown < all, "{shown} < {all}");
    assert!(s.camera.fit_pending);
    assert_eq!(s.filter.focus_depth, 1);
}

#[test]
fn a_filter_change_refits_unless_the_user_placed_the_camera() {
    let mut s = sample();
    s.camera.fit_pending = false;
    s.camera.user_moved = false;
    let filter = Filter {
        min_mentions: 2,
        ..s.filter.clone()
    };
    s.apply(Command::SetFilter(filter)).unwrap();
    assert!(s.camera.fit_pending, "the result is framed");
    s.camera.fit_pending = false;
    s.camera.user_moved = true;
    let filter = Filter {
        min_mentions: 3,
        ..s.filter.clone()
    };
    s.apply(Command::SetFilter(filter)).unwrap();
    assert!(!s.camera.fit_pending, "the user's camera stays");
}

#[test]
fn commands_without_a_map_are_refused_not_panicking() {
    let mut s = Session::new(knowmap::session::Options::headless());
    assert!(matches!(
        s.apply(Command::SaveLayout),
        Err(SessionError::NoFolder { .. })
    ));
    assert!(s.apply(Command::Undo).is_err());
    s.apply(Command::MoveNode(NodeId::new(3), [1.0, 1.0]))
        .unwrap();
    s.apply(Command::Hide(NodeId::new(3))).unwrap();
    assert!(!s.dirty);
}

#[test]
fn changing_the_link_strength_reweights_the_map_and_is_undoable() {
    use knowmap::graph::WeightMeasure;
    let mut s = sample();
    let counts: Vec<f64> = s
        .model
        .as_ref()
        .unwrap()
        .graph
        .edge_data()
        .map(|e| e.weight)
        .collect();
    let npmi = Filter {
        measure: WeightMeasure::Npmi,
        ..s.filter.clone()
    };
    s.apply(Command::SetFilter(npmi)).unwrap();
    let model = s.model.clone().unwrap();
    assert_eq!(model.graph.measure, WeightMeasure::Npmi);
    assert!(model.graph.edge_data().all(|e| e.weight <= 1.0));
    s.apply(Command::Undo).unwrap();
    let model = s.model.clone().unwrap();
    assert_eq!(model.graph.measure, WeightMeasure::Count);
    let back: Vec<f64> = model.graph.edge_data().map(|e| e.weight).collect();
    assert_eq!(back, counts);
}

#[test]
fn a_rename_moves_no_node_and_leaves_the_camera_alone() {
    let options = knowmap::session::Options {
        background_layout: true,
        ..knowmap::session::Options::headless()
    };
    let mut s = Session::open_blocking_with(None, options);
    let settle = |s: &mut Session| {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while s.poll_layout() {
            assert!(
                std::time::Instant::now() < deadline,
                "the layout did not settle"
            );
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    };
    settle(&mut s);
    s.camera.fit_pending = false;
    let before = s.positions.clone();
    let trump = node(&s, "actor:Donald Trump");
    s.apply(Command::Curate(vec![Edit::Rename {
        node: NodeKey::actor("Donald Trump"),
        label: "President Trump".into(),
    }]))
    .unwrap();
    assert_eq!(
        s.node_key(trump).unwrap(),
        NodeKey::actor("President Trump")
    );
    assert_ne!(
        s.layout.state,
        LayoutState::Running,
        "a new name starts no layout"
    );
    settle(&mut s);
    assert_eq!(s.positions, before, "moves nothing");
    assert!(!s.camera.fit_pending, "and does not reframe the map");
    // A merge changes links: the map adjusts to them.
    let putin = node(&s, "actor:Vladimir Putin");
    let russia = node(&s, "actor:Russia");
    s.apply(Command::MergeNodes(putin, russia)).unwrap();
    assert_eq!(s.layout.state, LayoutState::Running);
}

#[test]
fn what_is_shown_is_kept_until_the_filter_the_selection_or_the_model_changes() {
    let mut s = sample();
    let (first, generation) = s.shown().unwrap();
    let model = s.model.clone().unwrap();
    assert_eq!(*first, s.visibility(&model));
    // Asked again with nothing changed: the same sets, not computed again.
    let (again, same) = s.shown().unwrap();
    assert_eq!(same, generation);
    assert!(std::sync::Arc::ptr_eq(&first, &again));
    // The frame draws the shown links, strongest first, and no others.
    let shown_in_order: Vec<u32> = s
        .edge_order
        .iter()
        .copied()
        .filter(|&e| first.1[e as usize])
        .collect();
    assert_eq!(s.drawing_order(), shown_in_order.as_slice());
    assert!(!shown_in_order.is_empty());
    // A filter change: computed again, and right.
    let mut filter = s.filter.clone();
    filter.topics = false;
    s.apply(Command::SetFilter(filter)).unwrap();
    let (after_filter, next) = s.shown().unwrap();
    assert_ne!(next, generation);
    let model = s.model.clone().unwrap();
    assert_eq!(*after_filter, s.visibility(&model));
    assert_ne!(*after_filter, *first);
    // A selection with a focus depth shows the ego network only.
    let mut focus = s.filter.clone();
    focus.focus_depth = 1;
    s.apply(Command::SetFilter(focus)).unwrap();
    let before_selection = s.shown().unwrap();
    let putin = node(&s, "actor:Vladimir Putin");
    s.apply(Command::Select(Selection::Node(putin))).unwrap();
    let (selected, later) = s.shown().unwrap();
    assert_ne!(later, before_selection.1);
    assert_eq!(*selected, s.visibility(&s.model.clone().unwrap()));
    // Undo replaces the model: computed again for it.
    s.apply(Command::Undo).unwrap();
    let model = s.model.clone().unwrap();
    assert_eq!(*s.shown().unwrap().0, s.visibility(&model));
}
