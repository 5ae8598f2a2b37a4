//! The timeline: dated articles per bin under the map, the selected node's
//! paragraphs as a second series; absent when nothing is dated.
#![allow(clippy::unwrap_used)]

use knowmap::corpus::{ReadSettings, read_folder};
use knowmap::graph::timeline::Timeline;
use knowmap::graph::{Model, ModelSettings};

use egui_kittest::kittest::Queryable as _;
use knowmap::graph::NodeId;

mod common;

fn dated_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let articles = [
        (
            "2019-01-04-first.txt",
            "Talks open\n\nVladimir Putin spoke about Ukraine in Moscow.\n",
        ),
        (
            "b.txt",
            "Talks go on\n\nMonday, January 7, 2019\n\nVladimir Putin met Emmanuel Macron in Paris.\n",
        ),
        (
            "c.html",
            "<html><head><meta property=\"article:published_time\" content=\"2019-01-09\"></head><body><p>Emmanuel Macron flew to Berlin, officials said.</p></body></html>",
        ),
        ("undated.txt", "No date\n\nAngela Merkel spoke in Berlin.\n"),
    ];
    for (name, text) in articles {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

#[test]
fn dates_from_names_text_and_metadata_make_day_bins() {
    let dir = dated_folder();
    let corpus = read_folder(dir.path(), &ReadSettings::default()).unwrap();
    let timeline = Timeline::of(&corpus).unwrap();
    let counts: Vec<u32> = timeline.bins.iter().map(|b| b.articles).collect();
    // 4, 7 and 9 January; the file without a date has its modification
    // time, which the timeline leaves out.
    assert_eq!(counts, vec![1, 0, 0, 1, 0, 1]);
    assert_eq!(timeline.undated, 1);
    let model = Model::build(corpus, &ModelSettings::default());
    let putin = model
        .graph
        .node_data()
        .find(|n| model.extraction.entities[n.entity as usize].label == "Vladimir Putin")
        .unwrap();
    assert_eq!(timeline.node_series(putin), vec![1, 0, 0, 1, 0, 0]);
}

#[test]
fn the_window_shows_the_timeline_for_dated_articles_only() {
    let dir = dated_folder();
    let harness = common::loaded_app(egui::vec2(1200.0, 800.0), Some(dir.path().to_path_buf()));
    harness.get_by_label("Timeline, articles per day");
    let sample = common::loaded_app(egui::vec2(1200.0, 800.0), None);
    assert!(
        sample
            .query_by_label("Timeline, articles per day")
            .is_none()
    );
}

mod fixture;

#[test]
fn brushing_the_timeline_shows_the_map_of_that_window() {
    let dir = fixture::dated_sample_folder();
    let mut harness = common::loaded_app(egui::vec2(1400.0, 900.0), Some(dir.path().to_path_buf()));
    let rect = harness.get_by_label("Timeline, articles per day").rect();
    // The sample's five articles fall on 2025-11-01, -03, -10, -12 and -20:
    // 20 day bins across the chart. Brush over the first half.
    let y = rect.center().y;
    common::drag(
        &mut harness,
        egui::pos2(rect.left() + rect.width() * 0.04, y),
        egui::pos2(rect.left() + rect.width() * 0.40, y),
    );
    let session = &harness.state().session;
    let window = session.filter.time_window.expect("the brush set a window");
    assert_eq!(window.from.to_iso(), "2025-11-01");
    assert!(
        window.to.day >= 5 && window.to.day < 10,
        "{}",
        window.label()
    );
    // The map's counts are those of a headless window of the whole model.
    let whole = session.whole.clone().unwrap();
    let expected = whole.windowed(window);
    let counts = |m: &Model| -> Vec<u32> { m.graph.node_data().map(|n| n.mentions).collect() };
    assert_eq!(counts(session.model.as_ref().unwrap()), counts(&expected));
    let shown = session.visibility(session.model.as_ref().unwrap()).0;
    assert!(shown.iter().any(|v| *v));
    for (i, v) in shown.iter().enumerate() {
        if *v {
            assert!(expected.graph[NodeId::new(i)].mentions > 0);
        }
    }
    harness.get_by_label("All dates").click();
    harness.run_steps(2);
    assert_eq!(harness.state().session.filter.time_window, None);
}

#[test]
fn play_steps_the_window_through_the_story() {
    let dir = fixture::dated_sample_folder();
    let mut harness = common::loaded_app(egui::vec2(1400.0, 900.0), Some(dir.path().to_path_buf()));
    harness.state_mut().timeline.seconds_per_step = 0.0;
    harness.get_by_label("Play").click();
    harness.run_steps(1);
    let first = harness
        .state()
        .session
        .filter
        .time_window
        .expect("play opened a window");
    assert_eq!(first.from.to_iso(), "2025-11-01");
    let positions = harness.state().session.positions.clone();
    harness.run_steps(2);
    let later = harness.state().session.filter.time_window.unwrap();
    assert!(
        later.from > first.from,
        "{} then {}",
        first.label(),
        later.label()
    );
    assert_eq!(later.days(), first.days());
    // Play ends at the last article and can be undone in one step.
    for _ in 0..40 {
        harness.run_steps(1);
    }
    let end = harness.state().session.filter.time_window.unwrap();
    assert!(end.to.to_iso().as_str() >= "2025-11-20", "{}", end.label());
    assert!(
        harness.query_by_label("Play").is_some(),
        "play stopped at the end"
    );
    assert_eq!(harness.state().session.positions.len(), positions.len());
}

#[test]
fn several_nodes_compare_as_lines() {
    let dir = fixture::dated_sample_folder();
    let mut harness = common::loaded_app(egui::vec2(1400.0, 900.0), Some(dir.path().to_path_buf()));
    let node = |h: &egui_kittest::Harness<'static, knowmap::ui::KnowmapApp>, key: &str| {
        h.state().session.find_node(key).unwrap()
    };
    let russia = node(&harness, "actor:Russia");
    let ukraine = node(&harness, "actor:Ukraine");
    harness.state_mut().apply(knowmap::session::Command::Select(
        knowmap::session::Selection::Node(russia),
    ));
    harness.run_steps(2);
    harness.get_by_label("Compare").click();
    harness.run_steps(2);
    harness.state_mut().apply(knowmap::session::Command::Select(
        knowmap::session::Selection::Node(ukraine),
    ));
    harness.run_steps(2);
    assert_eq!(
        harness.state().timeline.compared,
        vec![knowmap::session::Selection::Node(russia)]
    );
    harness.get_by_label("Clear 1 compared").click();
    harness.run_steps(2);
    assert!(harness.state().timeline.compared.is_empty());
}

#[test]
fn the_timeline_controls_stay_inside_a_narrow_window() {
    // A long node name in the header once pushed Compare off the right edge.
    let dir = fixture::dated_sample_folder();
    let width = 1000.0;
    let mut harness = common::loaded_app(egui::vec2(width, 800.0), Some(dir.path().to_path_buf()));
    let node = harness
        .state()
        .session
        .find_node("topic:Zaporizhzhia nuclear power plant")
        .unwrap();
    harness.state_mut().apply(knowmap::session::Command::Select(
        knowmap::session::Selection::Node(node),
    ));
    harness.run_steps(3);
    let compare = harness.get_by_label("Compare").rect();
    assert!(
        compare.right() <= width,
        "Compare ends at {} of {width}",
        compare.right()
    );
}
