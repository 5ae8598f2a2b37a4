//! Bytes in every format knowmap reads (the first byte picks the format:
//! HTML, DOCX, ODT, PDF, e-mail, feed, CSV, TSV, JSON Lines, JSON) → articles →
//! paragraphs, checking that nothing panics and every offset is valid.
#![no_main]

use libfuzzer_sys::fuzz_target;

use knowmap::corpus::{BlockKind, Corpus, Furniture, SourceFile};

const ENDINGS: [&str; 13] = ["html", "docx", "odt", "pdf", "rtf", "eml", "mbox", "zip", "rss", "csv", "tsv", "jsonl", "json"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let ending = ENDINGS[pick as usize % ENDINGS.len()];
    let corpus = Corpus::from_sources(
        vec![SourceFile {
            path: format!("input.{ending}"),
            bytes: bytes.to_vec(),
            modified: None,
        }],
        &Furniture::builtin(),
        Vec::new(),
    );
    for article in &corpus.articles {
        for block in &article.blocks {
            assert!(block.start <= block.end && block.end <= article.text.len());
            assert!(article.text.is_char_boundary(block.start) && article.text.is_char_boundary(block.end));
        }
        for &b in &article.paragraphs {
            assert_eq!(article.blocks[b as usize].kind, BlockKind::Paragraph);
        }
    }
});
