//! Speed of the pipeline stages on a generated corpus of 2,000 articles
//! (~5 MB) and of the layout on generated scale-free graphs.
//!
//! Run with `cargo bench`; figures are recorded in docs/PERFORMANCE.md.
#![allow(clippy::unwrap_used)]

use std::sync::OnceLock;

use knowmap::corpus::synthetic::{SyntheticSettings, generate, write_to};
use knowmap::corpus::{Corpus, Furniture, ReadSettings, read_folder};

// The allocator of the `knowmap` binary, so the figures are the product's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

/// The generated corpus, written once to a temporary folder.
fn corpus_dir() -> &'static std::path::Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        write_to(dir.path(), &generate(&SyntheticSettings::default())).unwrap();
        dir
    })
    .path()
}

/// Reading, decoding and splitting 2,000 articles from disk (target ≤ 100 ms).
#[divan::bench(sample_count = 20)]
fn read_2000_articles(bencher: divan::Bencher) {
    let dir = corpus_dir();
    bencher.bench(|| read_folder(dir, &ReadSettings::default()).unwrap());
}

/// The generated articles as saved web pages of about 60 KB each: page
/// furniture (navigation, cookie banner, share bar, related links,
/// comments, footer) and scripts around the story.
fn html_dir() -> &'static std::path::Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let script: String = (0..7000).map(|i| format!("{},", i * 7)).collect();
        let related: String = (0..150)
            .map(|i| format!("<li><a href=\"/r{i}\">Another headline number {i} on the economy</a></li>"))
            .collect();
        for (i, file) in generate(&SyntheticSettings::default()).iter().enumerate() {
            let text = String::from_utf8_lossy(&file.bytes);
            let body: String = text
                .split("\n\n")
                .map(|p| format!("<p>{}</p>\n", p.replace('&', "&amp;").replace('<', "&lt;")))
                .collect();
            let page = format!(
                "<!doctype html><html><head><title>Story {i} | The Ledger</title><meta property=\"og:site_name\" content=\"The Ledger\"><meta property=\"article:published_time\" content=\"2025-11-30T08:00:00Z\"><script>var a=[{script}];</script></head><body><div class=\"cookie-banner\"><p>We use cookies.</p></div><header><nav><ul><li><a href=\"/\">Home</a></li></ul></nav></header><main><article><div class=\"share\"><a href=\"#\">Share</a></div>{body}</article><aside class=\"related\"><ul>{related}</ul></aside><section class=\"comments\"><p>First!</p></section></main><footer><p>All rights reserved.</p></footer><script>var b=[{script}];</script></body></html>"
            );
            std::fs::write(dir.path().join(format!("page{i:04}.html")), page).unwrap();
        }
        dir
    })
    .path()
}

/// Reading 2,000 saved web pages of ~60 KB (120 MB) and extracting their
/// stories into paragraphs (target ≤ 1.5 s).
#[divan::bench(sample_count = 5)]
fn read_2000_html_pages(bencher: divan::Bencher) {
    let dir = html_dir();
    bencher.bench(|| read_folder(dir, &ReadSettings::default()).unwrap());
}

/// 2,000 PDFs copied from one fixture folder of the sample's articles.
fn pdf_dir(fixtures: &'static str) -> &'static std::path::Path {
    static DIRS: OnceLock<std::sync::Mutex<Vec<(&'static str, &'static tempfile::TempDir)>>> =
        OnceLock::new();
    let mut dirs = DIRS.get_or_init(Default::default).lock().unwrap();
    if let Some((_, dir)) = dirs.iter().find(|(name, _)| *name == fixtures) {
        return dir.path();
    }
    let dir: &'static tempfile::TempDir = Box::leak(Box::new(tempfile::tempdir().unwrap()));
    let folder = format!(
        "{}/tests/fixtures/formats/{fixtures}",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut sources: Vec<_> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    sources.sort();
    for i in 0..2000 {
        let source = &sources[i % sources.len()];
        std::fs::copy(source, dir.path().join(format!("doc{i:04}.pdf"))).unwrap();
    }
    dirs.push((fixtures, dir));
    dir.path()
}

/// Reading 2,000 one-page PDFs typeset by groff
/// (`tests/fixtures/formats/pdf-onepage/`) into paragraphs (target ≤ 5 s).
#[divan::bench(sample_count = 5)]
fn read_2000_onepage_pdfs(bencher: divan::Bencher) {
    let dir = pdf_dir("pdf-onepage");
    bencher.bench(|| read_folder(dir, &ReadSettings::default()).unwrap());
}

/// Reading 2,000 PDFs printed by LibreOffice (`tests/fixtures/formats/pdf/`,
/// 2.4 pages each, 4,800 pages in all) into paragraphs.
#[divan::bench(sample_count = 3)]
fn read_2000_pdfs(bencher: divan::Bencher) {
    let dir = pdf_dir("pdf");
    bencher.bench(|| read_folder(dir, &ReadSettings::default()).unwrap());
}

/// Decoding and splitting only, from memory.
#[divan::bench(sample_count = 20)]
fn split_2000_articles(bencher: divan::Bencher) {
    let files = generate(&SyntheticSettings::default());
    let furniture = Furniture::builtin();
    bencher
        .with_inputs(|| files.clone())
        .bench_values(|files| Corpus::from_sources(files, &furniture, Vec::new()));
}

/// The generated corpus, read and split once.
fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| {
        Corpus::from_sources(
            generate(&SyntheticSettings::default()),
            &Furniture::builtin(),
            Vec::new(),
        )
    })
}

/// Everything `knowmap build` does before writing: reading 2,000 articles
/// from disk, actors, topics, graph, betweenness and communities
/// (target ≤ 0.5 s).
#[divan::bench(sample_count = 10)]
fn build_2000_articles(bencher: divan::Bencher) {
    let dir = corpus_dir();
    bencher.bench(|| {
        let corpus = read_folder(dir, &ReadSettings::default()).unwrap();
        knowmap::graph::Model::build(corpus, &Default::default())
    });
}

/// Actor extraction alone on ~850,000 words.
#[divan::bench(sample_count = 10)]
fn extract_2000_articles(bencher: divan::Bencher) {
    let corpus = corpus();
    let gazetteer = knowmap::extract::gazetteer::Gazetteer::bundled();
    let user = std::collections::HashMap::new();
    bencher.bench(|| knowmap::extract::extract_with(corpus, gazetteer, &user, Vec::new()));
}

/// Graph building on top of extraction (target ≤ 100 ms).
#[divan::bench(sample_count = 10)]
fn graph_2000_articles(bencher: divan::Bencher) {
    let corpus = corpus();
    let extraction = knowmap::extract::extract(corpus, &Default::default());
    bencher
        .bench(|| knowmap::graph::KnowledgeGraph::build(corpus, &extraction, &Default::default()));
}

/// The generated corpus's model with its 2,000 articles spread over 92
/// days (the generator writes no dates).
fn dated_model() -> &'static knowmap::graph::Model {
    static MODEL: OnceLock<knowmap::graph::Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        let mut corpus = corpus().clone();
        let start = knowmap::corpus::Date::new(2019, 1, 1)
            .unwrap()
            .days_since_epoch();
        for (i, article) in corpus.articles.iter_mut().enumerate() {
            let date = knowmap::corpus::Date::from_days_since_epoch(start + (i % 92) as i64);
            article.meta.date = date.map(|d| (d, knowmap::corpus::DateSource::FileName));
        }
        knowmap::graph::Model::build(corpus, &Default::default())
    })
}

/// One change of the time window on 2,000 articles: a month of 92 days,
/// counts, weights, degrees, backbone and the drawing order again, as the
/// session does (target ≤ 16 ms).
#[divan::bench(sample_count = 20)]
fn time_window_change_2000_articles(bencher: divan::Bencher) {
    let model = dated_model();
    let from = knowmap::corpus::Date::new(2019, 2, 1).unwrap();
    let to = knowmap::corpus::Date::new(2019, 2, 28).unwrap();
    let window = knowmap::graph::window::TimeWindow::new(from, to);
    bencher.bench(|| {
        let windowed = model.windowed(window);
        // What the session does next: the order links are drawn in.
        let order = knowmap::graph::view::edge_order(&windowed);
        (windowed, order)
    });
}

/// A scale-free graph (preferential attachment) with average degree ~10.
fn scale_free(n: usize, seed: u64) -> knowmap::layout::LayoutGraph {
    let m = 5;
    let mut edges: Vec<(u32, u32, f32)> = Vec::with_capacity(n * m);
    let mut ends: Vec<u32> = Vec::with_capacity(2 * n * m);
    let mut state = seed;
    for i in 0..n as u32 {
        if i == 0 {
            continue;
        }
        for k in 0..m.min(i as usize) {
            state = knowmap::layout::splitmix(state ^ u64::from(i) << 8 ^ k as u64);
            let target = if ends.is_empty() {
                0
            } else {
                ends[(state % ends.len() as u64) as usize]
            };
            edges.push((i, target, 1.0));
            ends.push(i);
            ends.push(target);
        }
    }
    knowmap::layout::LayoutGraph {
        node_count: n,
        edges,
        sizes: Vec::new(),
    }
}

/// One ForceAtlas2 iteration (Barnes–Hut) on scale-free graphs
/// (targets: 1 ms at 1,000 nodes, 10 ms at 10,000, 150 ms at 100,000).
#[divan::bench(args = [1_000, 10_000, 100_000], sample_count = 10)]
fn forceatlas2_iteration(bencher: divan::Bencher, n: usize) {
    let graph = scale_free(n, 1);
    let mut layout = knowmap::layout::ForceAtlas2::new(&graph, Default::default(), 1);
    layout.run(5);
    bencher.bench_local(|| layout.iterate());
}
