//! The timeline: dated articles per bin under the map, the selected node's
//! paragraphs as a second series; absent when nothing is dated.
#![allow(clippy::unwrap_used)]

use knowmap::corpus::{ReadSettings, read_folder};
use knowmap::graph::timeline::Timeline;
use knowmap::graph::{Model, ModelSettings};

use egui_kittest::kittest::Queryable as _;

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
        .graph
        .node_weights()
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
