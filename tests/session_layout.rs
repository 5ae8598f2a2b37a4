//! `session::layout` and `session::loader`: the layout runs on what is
//! shown and restarts only when that changes (the request compared by
//! value); pinned nodes stay; a background load reports its stages, a
//! failed one keeps the open map. No window involved.
#![allow(clippy::unwrap_used)]

use knowmap::graph::NodeId;
use knowmap::layout::LayoutState;
use knowmap::session::loader::Loaded;
use knowmap::session::{Command, Filter, Options, Session, StatusKind};

mod fixture;

#[test]
fn the_layout_restarts_only_when_the_shown_nodes_change() {
    let mut s = Session::open_blocking(None);
    let model = s.model.clone().unwrap();
    // Nodes without shown links stay shown from here on.
    s.apply(Command::SetFilter(Filter {
        hide_unlinked: false,
        ..s.filter.clone()
    }))
    .unwrap();
    let shown = s.visibility(&model).0;
    let places = s.positions.clone();
    // Links of one kind hidden, the same nodes shown: the request is equal,
    // nothing is laid out again.
    s.apply(Command::SetFilter(Filter {
        topic_topic: false,
        ..s.filter.clone()
    }))
    .unwrap();
    assert_eq!(s.visibility(&model).0, shown);
    assert_eq!(s.positions, places, "the same nodes shown: no new layout");
    // Fewer nodes: laid out again; the hidden ones keep their last place.
    s.apply(Command::SetFilter(Filter {
        min_mentions: 3,
        ..s.filter.clone()
    }))
    .unwrap();
    let fewer = s.visibility(&model).0;
    assert_ne!(fewer, shown);
    assert_ne!(s.positions, places, "a new layout ran");
    for (i, visible) in fewer.iter().enumerate() {
        if !visible {
            assert_eq!(s.positions[i], places[i], "node {i} moved while hidden");
        }
    }
}

#[test]
fn pinned_nodes_stay_where_they_were_put_through_relayouts() {
    let mut s = Session::open_blocking(None);
    let trump = s.find_node("actor:Donald Trump").unwrap();
    s.apply(Command::MoveNode(trump, [123.0, -45.0])).unwrap();
    let fewer = Filter {
        min_mentions: 2,
        ..s.filter.clone()
    };
    s.apply(Command::SetFilter(fewer)).unwrap();
    assert_eq!(s.positions[trump.index()], [123.0, -45.0]);
    s.apply(Command::Reheat).unwrap();
    assert_eq!(s.positions[trump.index()], [123.0, -45.0]);
}

#[test]
fn a_background_layout_moves_pauses_and_settles() {
    let mut s = Session::open_blocking_with(
        None,
        Options {
            background_layout: true,
            autosave: false,
            ..Options::default()
        },
    );
    assert!(s.layout.is_running_in_background());
    s.apply(Command::ToggleLayout).unwrap();
    assert_eq!(s.layout.state, LayoutState::Paused);
    // Steps the runner made before it read the pause may still arrive.
    std::thread::sleep(std::time::Duration::from_millis(100));
    s.poll_layout();
    let paused = s.positions.clone();
    std::thread::sleep(std::time::Duration::from_millis(100));
    s.poll_layout();
    assert_eq!(s.positions, paused);
    assert_eq!(s.layout.state, LayoutState::Paused);
    s.apply(Command::ToggleLayout).unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        assert!(std::time::Instant::now() < deadline, "no rest in 60 s");
        if !s.poll_layout() && s.layout.state == LayoutState::Settled {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(
        s.positions
            .iter()
            .all(|p| p[0].is_finite() && p[1].is_finite())
    );
}

#[test]
fn a_folder_that_cannot_be_read_keeps_the_open_map() {
    let mut s = Session::open_blocking(None);
    let before = s.snapshot();
    let revision = s.revision;
    let missing = std::env::temp_dir().join("knowmap-no-such-folder-8a1d");
    s.apply(Command::OpenFolder(Some(missing.clone()))).unwrap();
    assert!(s.is_loading());
    assert_eq!(s.status.kind, StatusKind::Progress);
    let loaded = s.finish_loading();
    assert_eq!(loaded, Some(Loaded::Failed(Some(missing))));
    assert_eq!(s.status.kind, StatusKind::Error);
    assert_eq!(s.snapshot(), before);
    assert_eq!(s.revision, revision, "the model was not replaced");
}

#[test]
fn a_cancelled_load_keeps_the_open_map_and_a_new_load_replaces_it() {
    let mut s = Session::open_blocking(None);
    let revision = s.revision;
    s.apply(Command::OpenFolder(None)).unwrap();
    assert!(s.load_progress().is_some());
    s.apply(Command::CancelLoading).unwrap();
    assert!(!s.is_loading());
    assert!(s.status.text.contains("cancelled"), "{}", s.status);
    assert_eq!(s.revision, revision);
    s.apply(Command::OpenFolder(None)).unwrap();
    assert_eq!(s.finish_loading(), Some(Loaded::Opened(None)));
    assert!(s.revision > revision);
    assert!(!s.can_undo().0, "a new map starts a new history");
}

#[test]
fn held_nodes_stay_put_while_the_layout_moves_the_rest() {
    let mut s = Session::open_blocking_with(
        None,
        Options {
            background_layout: true,
            autosave: false,
            ..Options::default()
        },
    );
    let russia = s.find_node("actor:Russia").unwrap();
    s.layout.held = vec![russia.raw()];
    let held_at = s.positions[russia.index()];
    let before = s.positions.clone();
    s.apply(Command::Reheat).unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while s.positions == before {
        assert!(
            std::time::Instant::now() < deadline,
            "the layout never moved"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
        s.poll_layout();
    }
    for _ in 0..10 {
        std::thread::sleep(std::time::Duration::from_millis(10));
        s.poll_layout();
        assert_eq!(s.positions[russia.index()], held_at, "a held node moved");
    }
}

#[test]
fn a_large_map_opens_on_its_backbone_coloured_by_community() {
    let dir = fixture::synthetic_folder(150);
    let s = Session::open_blocking(Some(dir.path().to_path_buf()));
    let model = s.model.clone().unwrap();
    assert!(
        model.graph.node_count() > 200,
        "{}",
        model.graph.node_count()
    );
    assert!(s.color_by_community);
    assert_eq!(s.filter.link_density, 3.0);
    let (nodes, edges) = s.visibility(&model);
    let shown = nodes.iter().filter(|v| **v).count();
    let drawn = edges.iter().filter(|v| **v).count();
    assert!(drawn <= 3 * shown, "{drawn} links for {shown} nodes");
    // The sample, small, shows every link in its categories' colours.
    let small = Session::open_blocking(None);
    assert!(!small.color_by_community);
    assert_eq!(small.filter.link_density, 0.0);
}

#[test]
fn a_drop_on_a_settled_map_keeps_the_far_nodes_in_place() {
    let mut s = Session::open_blocking_with(
        None,
        Options {
            background_layout: true,
            autosave: false,
            ..Options::default()
        },
    );
    let settle = |s: &mut Session| {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        loop {
            assert!(std::time::Instant::now() < deadline, "no rest in 60 s");
            if !s.poll_layout() && s.layout.state == LayoutState::Settled {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
    };
    settle(&mut s);
    let before = s.positions.clone();
    let putin = s.find_node("actor:Vladimir Putin").unwrap().index();
    for k in 1..=10 {
        let p = [
            before[putin][0] - 10.0 * k as f32,
            before[putin][1] + 15.0 * k as f32,
        ];
        s.apply(Command::MoveNode(NodeId::new(putin), p)).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(15));
        s.poll_layout();
    }
    std::thread::sleep(std::time::Duration::from_millis(50));
    settle(&mut s);
    let moved = (0..before.len())
        .filter(|&i| i != putin)
        .filter(|&i| {
            (s.positions[i][0] - before[i][0]).hypot(s.positions[i][1] - before[i][1]) > 1e-3
        })
        .count();
    let model = s.model.clone().unwrap();
    let near = model.graph.neighbours(NodeId::new(putin)).count();
    // Only the dropped node's neighbours adjust (with 64 of 68 nodes moving
    // when two links away were allowed to).
    assert!(
        moved <= near,
        "{moved} nodes moved, Putin has {near} neighbours"
    );
}
