//! What every format target checks: the bytes, read as a file with the given
//! ending through the whole reader (decoding, the format's extraction, the
//! paragraph splitter), never panic and every article's offsets are valid.

use knowmap::corpus::formats::pdf::is_isolated_parser_panic;
use knowmap::corpus::{BlockKind, Corpus, Furniture, SourceFile};

/// libFuzzer's hook aborts on every panic, even one the reader catches. The
/// PDF parser's panics are caught (the file becomes a warning), so they are
/// not crashes; any other panic still aborts and is reported.
#[allow(dead_code)] // the targets that never reach the PDF reader
pub fn tolerate_isolated_parser_panics() {
    let libfuzzer = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !info
            .location()
            .is_some_and(|l| is_isolated_parser_panic(l.file()))
        {
            libfuzzer(info);
        }
    }));
}

pub fn read_as(ending: &str, bytes: &[u8]) {
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
            assert!(
                article.text.is_char_boundary(block.start)
                    && article.text.is_char_boundary(block.end)
            );
        }
        for &b in &article.paragraphs {
            assert_eq!(article.blocks[b as usize].kind, BlockKind::Paragraph);
        }
    }
}

/// For the targets whose parser serves two endings: the first byte picks one.
#[allow(dead_code)] // not every target uses it
pub fn read_as_one_of(endings: &[&str], data: &[u8]) {
    if let Some((&pick, bytes)) = data.split_first() {
        read_as(endings[pick as usize % endings.len()], bytes);
    }
}
