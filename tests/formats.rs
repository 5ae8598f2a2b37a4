//! Every format knowmap reads gives the same map as plain text, keeps the
//! story and drops the page furniture, carries the file's metadata, and a
//! broken file of any format is skipped with a warning that names it.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::path::Path;

use knowmap::corpus::{Corpus, DateSource, ReadSettings, read_folder};
use knowmap::graph::{Model, ModelSettings};

const FORMATS: [&str; 8] = ["html", "docx", "odt", "rtf", "email", "mbox", "feed", "csv"];

fn fixtures(format: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(format)
}

fn nodes(model: &Model) -> BTreeSet<(String, String, u32)> {
    model
        .graph
        .node_data()
        .map(|n| {
            let entity = &model.extraction.entities[n.entity as usize];
            (format!("{:?}", n.kind), entity.label.clone(), n.mentions)
        })
        .collect()
}

#[test]
fn each_format_gives_the_same_actors_and_topics_as_the_plain_text() {
    let plain = Model::build(Corpus::sample(), &ModelSettings::default());
    let expected = nodes(&plain);
    assert!(
        expected.len() > 40,
        "positive control: the sample has a map"
    );
    for format in FORMATS {
        let corpus = read_folder(&fixtures(format), &ReadSettings::default()).unwrap();
        assert_eq!(corpus.articles.len(), 5, "{format}");
        let model = Model::build(corpus, &ModelSettings::default());
        let found = nodes(&model);
        let missing: Vec<_> = expected.difference(&found).collect();
        let extra: Vec<_> = found.difference(&expected).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{format}: missing {missing:?}, extra {extra:?}"
        );
        assert_eq!(
            model.graph.edge_count(),
            plain.graph.edge_count(),
            "{format}"
        );
    }
}

/// The sample printed to PDF by LibreOffice (`make.py`): the text layer
/// read in order, paragraphs rebuilt from the layout. The actors are those
/// of the plain text; the topics differ at the margin, because one pair of
/// paragraphs whose first ends on a full line cannot be told apart in print
/// and reads as one (so co-occurrences shift).
#[test]
fn pdfs_give_the_actors_of_the_plain_text_and_nearly_its_topics() {
    let plain = Model::build(Corpus::sample(), &ModelSettings::default());
    let corpus = read_folder(&fixtures("pdf"), &ReadSettings::default()).unwrap();
    assert_eq!(corpus.articles.len(), 5);
    assert!(corpus.warnings.is_empty(), "{:?}", corpus.warnings);
    let kept: usize = corpus.articles.iter().map(|a| a.paragraphs.len()).sum();
    let expected: usize = plain
        .corpus
        .articles
        .iter()
        .map(|a| a.paragraphs.len())
        .sum();
    assert!(
        kept.abs_diff(expected) <= 2,
        "{kept} paragraphs, plain text {expected}"
    );
    let model = Model::build(corpus, &ModelSettings::default());
    let labels = |m: &Model, kind: &str| -> BTreeSet<String> {
        nodes(m)
            .into_iter()
            .filter(|(k, _, _)| k == kind)
            .map(|(_, l, _)| l)
            .collect()
    };
    assert_eq!(labels(&model, "Actor"), labels(&plain, "Actor"));
    let (topics, expected) = (labels(&model, "Topic"), labels(&plain, "Topic"));
    let shared = topics.intersection(&expected).count();
    assert!(
        shared * 10 >= expected.len() * 9,
        "{shared} of {} topics; missing {:?}, extra {:?}",
        expected.len(),
        expected.difference(&topics).collect::<Vec<_>>(),
        topics.difference(&expected).collect::<Vec<_>>()
    );
    // Every word of the first article's text is there, in order.
    let article = &model.corpus.articles[0];
    assert!(article.text.contains(
        "Discussions involving the United States, Ukraine, Russia, and key European partners"
    ));
}

/// A second producer: the first ~420 words of each article typeset on one
/// page by groff (`make.py`, justified lines, another font encoding). Every
/// paragraph read back is, word for word, a paragraph of the plain text.
#[test]
fn one_page_pdfs_from_groff_give_the_plain_texts_paragraphs() {
    let plain = Corpus::sample();
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let known: BTreeSet<String> = plain
        .articles
        .iter()
        .flat_map(|a| {
            a.paragraphs
                .iter()
                .map(|&b| words(a.block_text(&a.blocks[b as usize])))
        })
        .collect();
    let corpus = read_folder(&fixtures("pdf-onepage"), &ReadSettings::default()).unwrap();
    assert_eq!(corpus.articles.len(), 5);
    assert!(corpus.warnings.is_empty(), "{:?}", corpus.warnings);
    let mut kept = 0;
    for article in &corpus.articles {
        assert!(article.paragraphs.len() >= 4, "{}", article.path);
        for &b in &article.paragraphs {
            let text = words(article.block_text(&article.blocks[b as usize]));
            assert!(known.contains(&text), "{}: {text:?}", article.path);
            kept += 1;
        }
    }
    assert!(kept >= 25, "{kept} paragraphs");
}

#[test]
fn saved_web_pages_keep_every_story_paragraph_and_no_furniture() {
    let corpus = read_folder(&fixtures("html"), &ReadSettings::default()).unwrap();
    let plain = Corpus::sample();
    for (page, text) in corpus.articles.iter().zip(&plain.articles) {
        for line in text.text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            assert!(page.text.contains(line), "{}: lost {line:?}", page.path);
        }
        for furniture in [
            "cookies",
            "Share on",
            "Related stories",
            "Comments (42)",
            "Great reporting",
            "Subscribe",
            "morning briefing",
            "All rights reserved",
            "Privacy policy",
            "Home",
            "Advertisement",
        ] {
            assert!(
                !page.text.contains(furniture),
                "{}: kept {furniture:?}",
                page.path
            );
        }
    }
}

#[test]
fn metadata_is_carried_from_each_format() {
    for format in FORMATS {
        let corpus = read_folder(&fixtures(format), &ReadSettings::default()).unwrap();
        let first = &corpus.articles[0];
        let (date, source) = first.meta.date.unwrap();
        assert_eq!(source, DateSource::Metadata, "{format}");
        assert!(date.to_iso().starts_with("2025-11-2"), "{format}: {date}");
        if matches!(format, "html" | "email" | "feed" | "csv") {
            assert!(
                first
                    .meta
                    .outlet
                    .as_deref()
                    .unwrap()
                    .contains("Daily Ledger"),
                "{format}"
            );
        }
        if matches!(format, "html" | "feed" | "csv") {
            assert!(
                first.meta.url.as_deref().unwrap().starts_with("https://"),
                "{format}"
            );
        }
        if format == "feed" || format == "csv" {
            assert_eq!(first.item, Some(0));
            assert!(first.path.ends_with("#1"), "{}", first.path);
            assert_ne!(first.path, corpus.articles[1].path);
        }
    }
    // The attachment of each e-mail is noted.
    let corpus = read_folder(&fixtures("email"), &ReadSettings::default()).unwrap();
    assert_eq!(
        corpus
            .warnings
            .iter()
            .filter(|w| w.message.contains("attachment"))
            .count(),
        5
    );
}

#[test]
fn the_graph_document_carries_dates_and_outlets() {
    let corpus = read_folder(&fixtures("feed"), &ReadSettings::default()).unwrap();
    let model = Model::build(corpus, &ModelSettings::default());
    let json = knowmap::io::json::to_json(&model, None).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let article = &doc["articles"][0];
    assert_eq!(article["date"], "2025-11-24");
    assert_eq!(article["date_source"], "metadata");
    assert_eq!(article["outlet"], "The Daily Ledger: World");
    assert_eq!(article["source"], "ledger.rss");
    assert_eq!(article["item"], 0);
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

/// A zip archive with the given entries, stored deflated.
fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write as _;
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    for (name, bytes) in entries {
        zip.start_file(
            *name,
            zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated),
        )
        .unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

#[test]
fn broken_files_of_every_format_are_skipped_with_their_reason() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "good.txt",
        b"Talks\n\nVladimir Putin spoke about Russia and Ukraine in Moscow.\n",
    );
    let docx = std::fs::read(fixtures("docx").join("000_520e1962ceb0d452.docx")).unwrap();
    write(d, "truncated.docx", &docx[..docx.len() / 2]);
    write(d, "garbage.docx", b"\x00\x01\x02 not a zip at all");
    write(
        d,
        "empty.odt",
        &zip_of(&[("mimetype", b"application/vnd.oasis.opendocument.text")]),
    );
    // 100 MB of spaces compress to a few hundred kilobytes: a zip bomb.
    let bomb = vec![b' '; 100 << 20];
    write(d, "bomb.docx", &zip_of(&[("word/document.xml", &bomb)]));
    write(
        d,
        "laughs.rss",
        br#"<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><rss><channel><title>T</title><item><title>&c;</title><description>Voters went to the polls in Lisbon.</description></item></channel></rss>"#,
    );
    write(d, "not-a-feed.xml", b"<svg><g/></svg>");
    write(d, "numbers.csv", b"id,score\n1,2\n");
    write(d, "broken.html", b"<html><body><p>Unclosed <b>markup about Brussels and the European Union<div><table><tr><td>");
    write(d, "list.json", b"[1, 2, 3]");
    let pdf = std::fs::read(fixtures("pdf").join("000_520e1962ceb0d452.pdf")).unwrap();
    write(d, "truncated.pdf", &pdf[..pdf.len() / 2]);
    write(d, "garbage.pdf", b"%PDF-1.7\n\x00\x01 nothing else");
    // dangling-reference.pdf (found by the `pdf` fuzz target) makes
    // pdf-extract panic on an object that is not there.
    for name in [
        "password.pdf",
        "no-text-layer.pdf",
        "dangling-reference.pdf",
    ] {
        let bytes = std::fs::read(fixtures("pdf-broken").join(name)).unwrap();
        write(d, name, &bytes);
    }
    write(
        d,
        "half.jsonl",
        b"{\"body\": \"A line about Berlin.\"}\n{\"body\": \n",
    );
    let corpus = read_folder(d, &ReadSettings::default()).unwrap();
    let reason = |name: &str| {
        corpus
            .warnings
            .iter()
            .find(|w| w.path == name)
            .map(|w| w.message.clone())
            .unwrap_or_else(|| panic!("no warning for {name}: {:?}", corpus.warnings))
    };
    assert!(
        reason("truncated.docx").contains("zip"),
        "{}",
        reason("truncated.docx")
    );
    assert!(reason("garbage.docx").contains("zip"));
    assert!(reason("empty.odt").contains("content.xml"));
    assert!(
        reason("bomb.docx").contains("zip bomb"),
        "{}",
        reason("bomb.docx")
    );
    assert!(reason("not-a-feed.xml").contains("<svg>"));
    assert!(reason("numbers.csv").contains("id, score"));
    assert!(
        reason("list.json").contains("no array of objects")
            || reason("list.json").contains("objects")
    );
    assert!(reason("half.jsonl").contains("1 line"));
    assert!(
        reason("truncated.pdf").contains("not a readable PDF"),
        "{}",
        reason("truncated.pdf")
    );
    assert!(
        reason("garbage.pdf").contains("PDF"),
        "{}",
        reason("garbage.pdf")
    );
    assert!(
        reason("password.pdf").contains("encrypted"),
        "{}",
        reason("password.pdf")
    );
    assert!(
        reason("dangling-reference.pdf").contains("parser failed"),
        "{}",
        reason("dangling-reference.pdf")
    );
    assert!(
        reason("no-text-layer.pdf").contains("no text layer"),
        "{}",
        reason("no-text-layer.pdf")
    );
    let paths: Vec<&str> = corpus.articles.iter().map(|a| a.path.as_str()).collect();
    // The readable ones load; entities of the feed were not expanded.
    assert!(paths.contains(&"good.txt"));
    assert!(paths.contains(&"broken.html"));
    assert!(paths.contains(&"half.jsonl#1"));
    let laughs = corpus
        .articles
        .iter()
        .find(|a| a.path == "laughs.rss#1")
        .unwrap();
    assert!(laughs.text.contains("Lisbon") && !laughs.text.contains("aaaa"));
}

#[test]
fn a_saved_pages_files_folder_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "Story.html",
        b"<html><body><p>Negotiators from Ukraine met in Geneva, officials said on Sunday.</p></body></html>",
    );
    std::fs::create_dir(d.join("Story_files")).unwrap();
    write(
        &d.join("Story_files"),
        "ad-frame.html",
        b"<html><body><p>Buy the best mattress in Oslo today, experts say, with free delivery.</p></body></html>",
    );
    // A folder ending in _files without its page is an ordinary folder.
    std::fs::create_dir(d.join("court_files")).unwrap();
    write(
        &d.join("court_files"),
        "ruling.txt",
        b"Ruling\n\nThe court in Berlin ruled.\n",
    );
    let corpus = read_folder(d, &ReadSettings::default()).unwrap();
    let paths: Vec<&str> = corpus.articles.iter().map(|a| a.path.as_str()).collect();
    assert_eq!(paths, vec!["Story.html", "court_files/ruling.txt"]);
}

/// A zip of the sample is read as a folder: the same map as the plain
/// text, each article named below the archive; what cannot be read inside
/// is a warning that names the archive.
#[test]
fn a_zip_of_articles_is_read_as_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample");
    let mut entries: Vec<(String, Vec<u8>)> = std::fs::read_dir(&sample)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                format!("reports/{}", e.file_name().to_string_lossy()),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    entries.push((
        "../outside.txt".into(),
        b"Talks\n\nOut of bounds.\n".to_vec(),
    ));
    let borrowed: Vec<(&str, &[u8])> = entries
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    write(dir.path(), "sample.zip", &zip_of(&borrowed));
    let corpus = read_folder(dir.path(), &ReadSettings::default()).unwrap();
    assert_eq!(corpus.articles.len(), 5);
    assert!(corpus.articles[0].path.starts_with("sample.zip/reports/"));
    assert!(
        corpus
            .warnings
            .iter()
            .any(|w| w.path == "sample.zip" && w.message.contains("leaves the archive")),
        "{:?}",
        corpus.warnings
    );
    let plain = Model::build(Corpus::sample(), &ModelSettings::default());
    let model = Model::build(corpus, &ModelSettings::default());
    assert_eq!(nodes(&model), nodes(&plain));
}

/// An RTF written by LibreOffice (style sheets, revision tables, fields):
/// the text of the plain-text article, paragraph for paragraph.
#[test]
fn a_libreoffice_rtf_gives_the_plain_text() {
    let corpus = read_folder(&fixtures("rtf-libreoffice"), &ReadSettings::default()).unwrap();
    assert_eq!(corpus.articles.len(), 1);
    let plain = Corpus::sample();
    let source = &plain.articles[1];
    let article = &corpus.articles[0];
    let paragraphs = |a: &knowmap::corpus::Article| -> Vec<String> {
        a.paragraphs
            .iter()
            .map(|&p| a.text[a.blocks[p as usize].start..a.blocks[p as usize].end].to_owned())
            .collect()
    };
    assert_eq!(paragraphs(article), paragraphs(source));
}

/// The reader's per-file size limit holds for the entries of a zip too.
#[test]
fn the_size_limit_applies_to_zip_entries() {
    let dir = tempfile::tempdir().unwrap();
    let big = format!(
        "Talks\n\n{}\n",
        "Vladimir Putin spoke in Moscow. ".repeat(2_000)
    );
    let zip = zip_of(&[
        ("big.txt", big.as_bytes()),
        ("small.txt", b"Talks\n\nEmmanuel Macron spoke in Paris.\n"),
    ]);
    write(dir.path(), "news.zip", &zip);
    let settings = ReadSettings {
        max_file_size: 10_000,
        ..ReadSettings::default()
    };
    let corpus = read_folder(dir.path(), &settings).unwrap();
    let paths: Vec<&str> = corpus.articles.iter().map(|a| a.path.as_str()).collect();
    assert_eq!(paths, ["news.zip/small.txt"]);
    assert!(
        corpus
            .warnings
            .iter()
            .any(|w| w.path == "news.zip" && w.message.contains("big.txt")),
        "{:?}",
        corpus.warnings
    );
}
