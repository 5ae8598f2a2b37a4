//! Reading folders: the bundled sample and a folder of bad inputs.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use knowmap::corpus::ParagraphId;
use knowmap::corpus::{BlockKind, Corpus, ReadSettings, read_folder};

fn write(dir: &Path, rel: &str, bytes: &[u8]) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

fn warning_for<'a>(corpus: &'a Corpus, path: &str) -> Option<&'a str> {
    corpus
        .warnings
        .iter()
        .find(|w| w.path == path)
        .map(|w| w.message.as_str())
}

#[test]
fn sample_has_five_articles_in_path_order() {
    let corpus = Corpus::sample();
    assert_eq!(corpus.articles.len(), 5);
    let paths: Vec<&str> = corpus.articles.iter().map(|a| a.path.as_str()).collect();
    let mut sorted = paths.clone();
    sorted.sort_unstable();
    assert_eq!(paths, sorted);
    assert!(corpus.warnings.is_empty(), "{:?}", corpus.warnings);
}

#[test]
fn sample_article_001_repeats_count_once() {
    let corpus = Corpus::sample();
    let article = &corpus.articles[1];
    assert!(article.path.starts_with("001_"));
    let duplicates = article
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Duplicate)
        .count();
    assert!(duplicates >= 10, "only {duplicates} duplicates marked");
    // No two kept paragraphs in the whole corpus are the same text.
    let mut seen = std::collections::HashSet::new();
    for a in &corpus.articles {
        for &b in &a.paragraphs {
            let text = knowmap::corpus::normalize(a.block_text(&a.blocks[b as usize]));
            assert!(seen.insert(text.clone()), "counted twice: {text}");
        }
    }
}

#[test]
fn sample_keeps_no_site_furniture_as_paragraphs() {
    let corpus = Corpus::sample();
    for article in &corpus.articles {
        for &b in &article.paragraphs {
            let text = article
                .block_text(&article.blocks[b as usize])
                .to_lowercase();
            for furniture in [
                "back to top",
                "whatsapp group",
                "leave a comment",
                "you may also like",
                "chief editor",
                "us trending news",
            ] {
                assert!(
                    !text.contains(furniture),
                    "{} kept furniture: {text}",
                    article.path
                );
            }
        }
    }
    let titles: Vec<&str> = corpus.articles.iter().map(|a| a.title.as_str()).collect();
    assert!(
        titles[0].starts_with("Toward a Fragile Peace"),
        "{titles:?}"
    );
    assert!(
        titles[2].starts_with("US President Donald Trump"),
        "{titles:?}"
    );
}

#[test]
fn paragraph_offsets_are_char_boundaries_inside_the_text() {
    for article in &Corpus::sample().articles {
        for block in &article.blocks {
            assert!(block.start < block.end && block.end <= article.text.len());
            assert!(article.text.is_char_boundary(block.start));
            assert!(article.text.is_char_boundary(block.end));
            let text = &article.text[block.start..block.end];
            assert_eq!(text, text.trim());
        }
    }
}

#[test]
fn bad_files_are_skipped_with_warnings_and_good_ones_load() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "a_good.txt",
        b"Talks in Geneva\n\nLeaders met in Geneva on Monday.\n",
    );
    write(
        root,
        "binary.txt",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10",
    );
    write(
        root,
        "latin1.txt",
        b"Prix du caf\xE9\n\nLe caf\xE9 co\xFBte \xA35 \xE0 Londres, a dit le minist\xE8re.\n",
    );
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in "Kyiv talks\n\nOfficials in Kyiv said the talks would resume.\n".encode_utf16() {
        utf16.extend(unit.to_le_bytes());
    }
    write(root, "utf16.txt", &utf16);
    write(root, "empty.txt", b"");
    write(root, "big.txt", &vec![b'a'; 2048]);
    write(
        root,
        "crlf.txt",
        b"Headline Here\r\n\r\nFirst paragraph, with CRLF.\r\n\r\nSecond one.\r\n",
    );
    write(
        root,
        "nested/deeper/inner.md",
        b"# Inner heading\n\nA nested article about talks.\n",
    );
    write(root, ".hidden/secret.txt", b"Should never be read.\n");
    write(root, "image.png", b"\x89PNG not an article");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(root, root.join("loop")).unwrap();
        std::os::unix::fs::symlink(root.join("missing.txt"), root.join("broken.txt")).unwrap();
    }
    let settings = ReadSettings {
        max_file_size: 1024,
        ..ReadSettings::default()
    };
    let corpus = read_folder(root, &settings).unwrap();
    let paths: Vec<&str> = corpus.articles.iter().map(|a| a.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "a_good.txt",
            "crlf.txt",
            "latin1.txt",
            "nested/deeper/inner.md",
            "utf16.txt"
        ]
    );
    assert!(
        warning_for(&corpus, "binary.txt")
            .unwrap()
            .contains("binary")
    );
    assert!(
        warning_for(&corpus, "big.txt")
            .unwrap()
            .contains("size limit")
    );
    assert!(warning_for(&corpus, "empty.txt").unwrap().contains("empty"));
    assert!(
        warning_for(&corpus, "latin1.txt")
            .unwrap()
            .contains("windows-1252")
    );
    #[cfg(unix)]
    {
        assert!(
            warning_for(&corpus, "loop")
                .unwrap()
                .contains("symbolic link")
        );
        assert!(
            warning_for(&corpus, "broken.txt")
                .unwrap()
                .contains("symbolic link")
        );
    }
    let latin1 = &corpus.articles[2];
    assert!(latin1.text.contains("café") && latin1.text.contains("£5"));
    let utf16 = &corpus.articles[4];
    assert_eq!(utf16.title, "Kyiv talks");
    let crlf = &corpus.articles[1];
    assert_eq!(crlf.paragraphs.len(), 2);
    let first = crlf.paragraph(ParagraphId::new(0)).unwrap();
    assert_eq!(crlf.block_text(first), "First paragraph, with CRLF.");
}

#[test]
fn a_folder_without_articles_names_the_folder_and_what_was_looked_for() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "photo.jpg", b"\xFF\xD8\xFF");
    let error = read_folder(dir.path(), &ReadSettings::default())
        .unwrap_err()
        .to_string();
    assert!(error.contains(&dir.path().display().to_string()), "{error}");
    assert!(error.contains(".txt"), "{error}");
}

#[test]
fn a_missing_folder_is_an_error() {
    let error = read_folder(
        Path::new("/no/such/folder/anywhere"),
        &ReadSettings::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(error.contains("/no/such/folder/anywhere"), "{error}");
}

#[cfg(unix)]
#[test]
fn following_links_never_leaves_the_folder() {
    let outside = tempfile::tempdir().unwrap();
    write(
        outside.path(),
        "outside.txt",
        b"Secret text outside the corpus.\n",
    );
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "inside.txt", b"Text inside the corpus.\n");
    std::os::unix::fs::symlink(outside.path(), dir.path().join("out")).unwrap();
    std::os::unix::fs::symlink(dir.path(), dir.path().join("self")).unwrap();
    let settings = ReadSettings {
        follow_links: true,
        ..ReadSettings::default()
    };
    let corpus = read_folder(dir.path(), &settings).unwrap();
    let paths: Vec<&str> = corpus.articles.iter().map(|a| a.path.as_str()).collect();
    assert_eq!(paths, ["inside.txt"]);
    assert!(warning_for(&corpus, "out").unwrap().contains("outside"));
}

#[test]
fn a_folders_own_readme_licence_and_source_notes_are_no_articles() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "talks.txt",
        b"Talks in Geneva\n\nLeaders met in Geneva on Monday.\n",
    );
    write(
        root,
        "SOURCE.txt",
        b"Collected by Anna Keller from the Marsby Archive, licensed CC BY.\n",
    );
    write(
        root,
        "README.md",
        b"# My clippings\n\nSaved by Mara Lind.\n",
    );
    write(root, "notes/LICENSE", b"Permission is hereby granted.\n");
    // A story whose name only begins like one is read.
    write(
        root,
        "sources-say.txt",
        b"Sources say\n\nSources in Kyiv said the talks would resume.\n",
    );
    let corpus = read_folder(root, &ReadSettings::default()).unwrap();
    let paths: Vec<&str> = corpus.articles.iter().map(|a| a.path.as_str()).collect();
    assert_eq!(paths, ["sources-say.txt", "talks.txt"]);
    for doc in ["SOURCE.txt", "README.md"] {
        let message = warning_for(&corpus, doc).unwrap_or_default();
        assert!(message.contains("documentation"), "{doc}: {message:?}");
    }
}
