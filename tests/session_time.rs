//! The time window: the session's map counts only the articles dated inside
//! it (the same numbers as a headless window of the whole model), windows
//! are undoable and saved in views, and playing steps the window forward
//! keeping nodes where they were.
#![allow(clippy::unwrap_used)]

mod fixture;

use knowmap::corpus::ArticleId;
use knowmap::corpus::Date;
use knowmap::graph::window::TimeWindow;
use knowmap::graph::{EdgeId, NodeId};
use knowmap::session::{Command, Session};

fn day(d: u8) -> Date {
    Date::new(2025, 11, d).unwrap()
}

fn open(dir: &std::path::Path) -> Session {
    Session::open_blocking(Some(dir.to_path_buf()))
}

/// Mentions per node of a model, by node index.
fn mentions(model: &knowmap::graph::Model) -> Vec<u32> {
    model.graph.node_data().map(|n| n.mentions).collect()
}

#[test]
fn a_window_shows_the_counts_of_its_articles_and_undo_takes_it_back() {
    let dir = fixture::dated_sample_folder();
    let mut s = open(dir.path());
    assert_eq!(s.time_span(), Some(TimeWindow::new(day(1), day(20))));
    let whole = s.whole.clone().unwrap();
    let window = TimeWindow::new(day(1), day(5));
    s.apply(Command::SetTimeWindow(Some(window))).unwrap();
    let model = s.model.clone().unwrap();
    // The same numbers as a headless window of the whole model.
    assert_eq!(mentions(&model), mentions(&whole.windowed(window)));
    assert!(mentions(&model).iter().sum::<u32>() < mentions(&whole).iter().sum::<u32>());
    // Only the first two articles count.
    for node in model.graph.node_data() {
        assert!(
            node.paragraphs
                .iter()
                .all(|p| p.article < ArticleId::new(2))
        );
    }
    for edge in model.graph.edge_data() {
        assert!(
            edge.paragraphs
                .iter()
                .all(|p| p.article < ArticleId::new(2))
        );
        assert_eq!(edge.count as usize, edge.paragraphs.len());
    }
    // Nothing shown that the window does not hold.
    let (nodes, edges) = s.visibility(&model);
    for (i, shown) in nodes.iter().enumerate() {
        if *shown {
            assert!(model.graph[NodeId::new(i)].mentions > 0);
        }
    }
    for (i, shown) in edges.iter().enumerate() {
        if *shown {
            assert!(model.graph[EdgeId::new(i)].count > 0);
        }
    }
    assert!(s.dirty);
    s.apply(Command::Undo).unwrap();
    assert_eq!(s.filter.time_window, None);
    assert_eq!(mentions(s.model.as_ref().unwrap()), mentions(&whole));
    s.apply(Command::Redo).unwrap();
    assert_eq!(s.filter.time_window, Some(window));
    assert_eq!(
        mentions(s.model.as_ref().unwrap()),
        mentions(&whole.windowed(window))
    );
}

#[test]
fn playing_steps_the_window_keeps_places_and_marks_what_is_new() {
    let dir = fixture::dated_sample_folder();
    let mut s = open(dir.path());
    s.apply(Command::SetTimeWindow(Some(TimeWindow::new(
        day(1),
        day(9),
    ))))
    .unwrap();
    let undo_before_play = s.can_undo();
    let before = s.positions.clone();
    let (shown_before, links_before) = s.visibility(s.model.as_ref().unwrap());
    s.apply(Command::StepTimeWindow(9)).unwrap();
    assert_eq!(
        s.filter.time_window,
        Some(TimeWindow::new(day(10), day(18)))
    );
    let model = s.model.clone().unwrap();
    let (shown_after, _) = s.visibility(&model);
    // Nodes shown in both windows stay near their places: the mean move is
    // small beside the map's extent.
    let both: Vec<usize> = (0..shown_after.len())
        .filter(|&i| shown_before[i] && shown_after[i])
        .collect();
    assert!(!both.is_empty());
    let extent = both
        .iter()
        .map(|&i| before[i][0].abs().max(before[i][1].abs()))
        .fold(0.0f32, f32::max);
    let mean_move = both
        .iter()
        .map(|&i| {
            let (a, b) = (before[i], s.positions[i]);
            ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt()
        })
        .sum::<f32>()
        / both.len() as f32;
    assert!(
        mean_move < 0.25 * extent,
        "nodes moved {mean_move} on a map of extent {extent}"
    );
    // What came into the window is marked new, and only that.
    assert_eq!(s.new_in_window.len(), model.graph.node_count());
    assert!(s.new_in_window.iter().any(|n| *n));
    let first = s
        .whole
        .as_ref()
        .unwrap()
        .windowed(TimeWindow::new(day(1), day(9)));
    for (i, new) in s.new_in_window.iter().enumerate() {
        let index = NodeId::new(i);
        let was = !first.graph[index].paragraphs.is_empty();
        let is = !model.graph[index].paragraphs.is_empty();
        assert_eq!(*new, is && !was, "node {i}");
        assert_eq!(s.gone_from_window[i], was && !is, "node {i}");
    }
    // What left the window is drawn faint where it was, and nothing else
    // hidden is drawn.
    let gone: Vec<u32> = (0..s.gone_from_window.len() as u32)
        .filter(|&i| s.gone_from_window[i as usize])
        .collect();
    assert!(!gone.is_empty());
    let picture = s.map_picture().unwrap();
    for &g in &gone {
        let mark = picture.marks.iter().find(|m| m.node == g);
        if let Some(mark) = mark {
            assert_eq!(mark.fill[3], knowmap::io::picture::GONE_ALPHA);
        }
    }
    assert!(
        picture
            .marks
            .iter()
            .any(|m| m.fill[3] == knowmap::io::picture::GONE_ALPHA),
        "a ghost is drawn"
    );
    // Links shown before the step and not in the new window fade too, and
    // only those.
    let gone_links = s.gone_links_from_window.clone();
    assert!(!gone_links.is_empty());
    for &e in &gone_links {
        let e = EdgeId::from_raw(e);
        assert!(links_before[e.index()], "link {e:?} was shown");
        assert_eq!(model.graph[e].count, 0, "link {e:?} is gone");
    }
    for e in model.graph.edge_ids() {
        if links_before[e.index()] && model.graph[e].count == 0 {
            assert!(gone_links.contains(&e.raw()), "{e:?} is listed");
        }
    }
    let faint: Vec<_> = picture
        .segments
        .iter()
        .filter(|g| g.width == knowmap::io::picture::GONE_LINK_WIDTH)
        .collect();
    assert!(!faint.is_empty(), "a gone link is drawn");
    assert!(faint.len() <= gone_links.len());
    for g in &faint {
        assert_eq!(g.color[3], knowmap::io::picture::GONE_ALPHA);
    }
    // A run of play is one undo step.
    s.apply(Command::StepTimeWindow(9)).unwrap();
    assert_eq!(s.can_undo(), undo_before_play);
    s.apply(Command::Undo).unwrap();
    assert_eq!(s.filter.time_window, Some(TimeWindow::new(day(1), day(9))));
}

#[test]
fn the_window_is_saved_in_a_view() {
    let dir = fixture::dated_sample_folder();
    let mut s = open(dir.path());
    let window = TimeWindow::new(day(10), day(20));
    s.apply(Command::SetTimeWindow(Some(window))).unwrap();
    s.apply(Command::SaveViewAs("late".into())).unwrap();
    s.apply(Command::SetTimeWindow(None)).unwrap();
    s.apply(Command::SaveViewAs("all".into())).unwrap();
    let mut again = open(dir.path());
    assert_eq!(again.filter.time_window, None);
    again.apply(Command::SwitchView("late".into())).unwrap();
    assert_eq!(again.filter.time_window, Some(window));
    let whole = again.whole.clone().unwrap();
    assert_eq!(
        mentions(again.model.as_ref().unwrap()),
        mentions(&whole.windowed(window))
    );
}

#[test]
fn the_metrics_table_says_when_each_node_was_seen_in_the_window() {
    use knowmap::graph::charts::{self, Column, Shown};
    let dir = fixture::dated_sample_folder();
    let mut s = open(dir.path());
    let ukraine = s.find_node("actor:Ukraine").unwrap();
    let row = |s: &Session| {
        let model = s.model.clone().unwrap();
        let (nodes, edges) = s.visibility(&model);
        let shown = Shown {
            nodes: &nodes,
            edges: &edges,
        };
        charts::metrics_rows(&model, shown, Column::FirstSeen, true)
            .into_iter()
            .find(|r| r.node == ukraine.raw())
            .unwrap()
    };
    let all = row(&s);
    assert_eq!(all.first_seen, Some(day(1)));
    assert_eq!(all.last_seen, Some(day(20)));
    assert_eq!(all.cells(2, 4)[8], "2025-11-01");
    s.apply(Command::SetTimeWindow(Some(TimeWindow::new(
        day(5),
        day(15),
    ))))
    .unwrap();
    let inside = row(&s);
    assert_eq!(inside.first_seen, Some(day(10)));
    assert_eq!(inside.last_seen, Some(day(12)));
}
