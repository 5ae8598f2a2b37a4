//! Speed of the pipeline stages on a generated corpus of 2,000 articles
//! (~5 MB) and of the layout on generated scale-free graphs.
//!
//! Run with `cargo bench`; figures are recorded in docs/PERFORMANCE.md.
#![allow(clippy::unwrap_used)]

use std::sync::OnceLock;

use knowmap::corpus::synthetic::{SyntheticSettings, generate, write_to};
use knowmap::corpus::{Corpus, Furniture, ReadSettings, read_folder};

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

/// Decoding and splitting only, from memory.
#[divan::bench(sample_count = 20)]
fn split_2000_articles(bencher: divan::Bencher) {
    let files = generate(&SyntheticSettings::default());
    let furniture = Furniture::builtin();
    bencher
        .with_inputs(|| files.clone())
        .bench_values(|files| Corpus::from_sources(files, &furniture, Vec::new()));
}
