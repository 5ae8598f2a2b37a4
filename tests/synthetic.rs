//! The generated news corpus stays calibrated to real news (issue 17):
//! for 2,200 articles about 10,000 kept paragraphs, 12,000 nodes of which
//! about half are mentioned once, and 180,000 links. The ranges are those
//! of a real 2,225-article general news corpus (12,243 nodes, 51% once,
//! 177,604 links) with room for the extraction to change.
#![allow(clippy::unwrap_used)]

use knowmap::corpus::synthetic::{SyntheticSettings, generate};
use knowmap::corpus::{Corpus, Furniture};
use knowmap::graph::{Model, ModelSettings};

#[test]
fn the_news_corpus_has_the_statistics_of_real_news() {
    let files = generate(&SyntheticSettings::news());
    let bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
    assert_eq!(files.len(), 2200);
    assert!((3_500_000..6_500_000).contains(&bytes), "{bytes} bytes");
    let corpus = Corpus::from_sources(files, &Furniture::builtin(), Vec::new());
    let paragraphs = corpus.paragraph_count();
    assert!(
        (8_500..11_500).contains(&paragraphs),
        "{paragraphs} paragraphs"
    );
    let model = Model::build(corpus, &ModelSettings::default());
    let graph = &model.graph;
    let nodes = graph.node_count();
    let once = graph.node_data().filter(|n| n.mentions == 1).count();
    let links = graph.edge_count();
    assert!((10_000..16_000).contains(&nodes), "{nodes} nodes");
    let share = once as f64 / nodes as f64;
    assert!(
        (0.42..0.62).contains(&share),
        "{share:.2} of nodes mentioned once"
    );
    assert!((140_000..230_000).contains(&links), "{links} links");
    // The long tail is of names, not of a few hubs: the most mentioned node
    // holds a small share of all mentions, and people, organizations and
    // places each make thousands of nodes.
    let mentions: u32 = graph.node_data().map(|n| n.mentions).sum();
    let top = graph.node_data().map(|n| n.mentions).max().unwrap();
    assert!(
        f64::from(top) / f64::from(mentions) < 0.05,
        "{top} of {mentions}"
    );
    for category in ["person", "organization", "place"] {
        let n = graph
            .node_data()
            .filter(|n| format!("{:?}", n.category).to_lowercase() == category)
            .count();
        assert!(n > 1_500, "{n} {category} nodes");
    }
}
