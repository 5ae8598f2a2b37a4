//! How the cost of a build grows with the corpus: the calibrated news
//! corpus ([`SyntheticSettings::news`], 2,200 articles like a real general
//! news corpus) at 1×, 4× and 16×, read from disk and built stage by stage,
//! with the median time of each stage and the peak resident memory.
//!
//! `cargo bench --bench growth` (about two minutes); `KNOWMAP_GROWTH=1,4`
//! picks the factors, `KNOWMAP_GROWTH_RUNS=5` the runs per factor (the 16×
//! corpus gets at most 3). The table goes into docs/PERFORMANCE.md.
#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use knowmap::corpus::synthetic::{SyntheticSettings, generate, write_to};
use knowmap::corpus::{ReadSettings, read_folder};
use knowmap::graph::KnowledgeGraph;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const STAGES: [&str; 5] = ["read", "extract", "graph", "metrics", "total"];

fn main() {
    // `cargo test --benches` runs bench binaries too: nothing to do then.
    if std::env::args().any(|a| a == "--test") {
        return;
    }
    let factors: Vec<usize> = std::env::var("KNOWMAP_GROWTH")
        .unwrap_or_else(|_| "1,4,16".into())
        .split(',')
        .filter_map(|f| f.trim().parse().ok())
        .collect();
    let runs: usize = std::env::var("KNOWMAP_GROWTH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    println!(
        "| corpus | articles | paragraphs | nodes | links | read | extract | graph | metrics | total | per 1,000 articles | peak RSS |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|");
    for factor in factors {
        let dir = tempfile::tempdir().unwrap();
        let settings = SyntheticSettings {
            articles: SyntheticSettings::news().articles * factor,
            ..SyntheticSettings::news()
        };
        write_to(dir.path(), &generate(&settings)).unwrap();
        let runs = if factor >= 16 { runs.min(3) } else { runs };
        let mut times: Vec<[Duration; 5]> = Vec::new();
        let mut peak = 0;
        let mut shape = (0, 0, 0);
        for _ in 0..runs.max(1) {
            let base = reset_peak();
            let mut lap = [Duration::ZERO; 5];
            let start = Instant::now();
            let corpus = read_folder(dir.path(), &ReadSettings::default()).unwrap();
            lap[0] = start.elapsed();
            let t = Instant::now();
            let extraction = knowmap::extract::extract(&corpus, &Default::default());
            lap[1] = t.elapsed();
            let t = Instant::now();
            let mut graph =
                KnowledgeGraph::build_without_metrics(&corpus, &extraction, &Default::default());
            lap[2] = t.elapsed();
            let t = Instant::now();
            let metrics = graph.metrics();
            graph.apply_metrics(&metrics);
            lap[3] = t.elapsed();
            lap[4] = start.elapsed();
            shape = (
                corpus.paragraph_count(),
                graph.node_count(),
                graph.edge_count(),
            );
            drop((corpus, extraction, graph));
            peak = peak.max(peak_rss().saturating_sub(base));
            times.push(lap);
        }
        let median = |i: usize| {
            let mut v: Vec<Duration> = times.iter().map(|t| t[i]).collect();
            v.sort();
            v[v.len() / 2]
        };
        let cells: Vec<String> = (0..STAGES.len())
            .map(|i| format!("{:.0} ms", median(i).as_secs_f64() * 1000.0))
            .collect();
        let per_thousand = median(4).as_secs_f64() * 1000.0 / (settings.articles as f64 / 1000.0);
        println!(
            "| news() × {factor} | {} | {} | {} | {} | {} | {per_thousand:.0} ms | {} MB |",
            settings.articles,
            shape.0,
            shape.1,
            shape.2,
            cells.join(" | "),
            peak / 1024,
        );
    }
}

/// Resets the peak resident set (Linux: `clear_refs` 5) and returns the
/// resident set now, in KB, so the peak of what follows can be told apart.
fn reset_peak() -> u64 {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    status_kb("VmRSS:")
}

/// The peak resident set since the last reset, in KB.
fn peak_rss() -> u64 {
    status_kb("VmHWM:")
}

fn status_kb(key: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(key))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}
