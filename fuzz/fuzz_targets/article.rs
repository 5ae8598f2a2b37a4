//! Bytes → decoded article → paragraphs → mentions, checking the offsets.
#![no_main]

use libfuzzer_sys::fuzz_target;

use knowmap::corpus::{BlockKind, Corpus, Furniture, SourceFile};
use knowmap::extract::gazetteer::Gazetteer;

fuzz_target!(|data: &[u8]| {
    let corpus = Corpus::from_sources(
        vec![
            SourceFile {
                path: "a.txt".into(),
                bytes: data.to_vec(),
                modified: None,
            },
            SourceFile {
                path: "b.txt".into(),
                bytes: data.iter().rev().copied().collect(),
                modified: None,
            },
        ],
        &Furniture::builtin(),
        Vec::new(),
    );
    for article in &corpus.articles {
        for block in &article.blocks {
            assert!(block.start <= block.end && block.end <= article.text.len());
            assert!(
                article.text.is_char_boundary(block.start)
                    && article.text.is_char_boundary(block.end)
            );
        }
        for (id, &b) in article.paragraphs.iter().enumerate() {
            assert_eq!(
                article.blocks[b as usize].kind,
                BlockKind::Paragraph,
                "paragraph {id}"
            );
        }
    }
    let extraction = knowmap::extract::extract_with(
        &corpus,
        Gazetteer::bundled(),
        &Default::default(),
        Vec::new(),
    );
    for m in &extraction.mentions {
        let text = &corpus.articles[m.article.index()].text;
        assert!(m.start < m.end && m.end <= text.len());
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        assert!((m.node as usize) < extraction.entities.len());
    }
    let graph = knowmap::graph::KnowledgeGraph::build(&corpus, &extraction, &Default::default());
    for e in graph.edge_data() {
        assert!(e.weight.is_finite());
    }
});
