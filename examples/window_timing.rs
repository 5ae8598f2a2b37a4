//! Times time-window changes on a folder: the whole corpus is built once,
//! then windows of a month are moved across its dated span, as the
//! timeline's brush and Play do. Run with
//! `cargo run --release --example window_timing -- FOLDER`.
#![allow(clippy::unwrap_used)]

use knowmap::corpus::{Date, ReadSettings, read_folder};
use knowmap::graph::window::TimeWindow;
use knowmap::graph::{Model, ModelSettings};

fn main() {
    let folder = std::env::args().nth(1).expect("a folder of articles");
    let corpus = read_folder(std::path::Path::new(&folder), &ReadSettings::default()).unwrap();
    let model = Model::build(corpus, &ModelSettings::default());
    let days: Vec<i64> = (0..model.corpus.articles.len() as u32)
        .filter_map(|a| knowmap::graph::window::timeline_date(&model.corpus, a))
        .map(Date::days_since_epoch)
        .collect();
    let (Some(&first), Some(&last)) = (days.iter().min(), days.iter().max()) else {
        eprintln!("no dated articles");
        return;
    };
    let mut times = Vec::new();
    let mut start = first;
    while start <= last {
        let window = TimeWindow::new(
            Date::from_days_since_epoch(start).unwrap(),
            Date::from_days_since_epoch(start + 29).unwrap(),
        );
        let clock = std::time::Instant::now();
        let windowed = model.windowed(window);
        let order = knowmap::graph::view::edge_order(&windowed);
        times.push(clock.elapsed().as_secs_f64() * 1000.0);
        std::hint::black_box((windowed, order));
        start += 30;
    }
    times.sort_by(f64::total_cmp);
    println!(
        "{} articles, {} nodes, {} links; {} windows of 30 days: median {:.2} ms, max {:.2} ms",
        model.corpus.articles.len(),
        model.graph.node_count(),
        model.graph.edge_count(),
        times.len(),
        times[times.len() / 2],
        times[times.len() - 1]
    );
}
