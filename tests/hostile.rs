//! Hostile folders: every one is read headless and through the window's load
//! path; each gives a clear warning or message, never a crash, and never
//! loses the map that is open.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use knowmap::corpus::{Corpus, ReadSettings, read_folder};
use knowmap::extract::NodeKey;
use knowmap::graph::{Model, ModelSettings};

mod common;

fn write(dir: &Path, rel: &str, bytes: &[u8]) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

fn warning<'a>(corpus: &'a Corpus, path: &str) -> Option<&'a str> {
    corpus
        .warnings
        .iter()
        .find(|w| w.path == path)
        .map(|w| w.message.as_str())
}

/// Every mention lies on char boundaries of its article and inside its block.
fn offsets_hold(model: &Model) {
    for m in &model.extraction.mentions {
        let article = &model.corpus.articles[m.article.index()];
        assert!(article.text.is_char_boundary(m.start) && article.text.is_char_boundary(m.end));
        assert!(m.start < m.end && m.end <= article.text.len());
        let block = &article.blocks[m.block as usize];
        assert!(block.start <= m.start && m.end <= block.end);
    }
    for a in &model.corpus.articles {
        for b in &a.blocks {
            assert!(a.text.is_char_boundary(b.start) && a.text.is_char_boundary(b.end));
        }
    }
}

/// Reads headless, checks the invariants, then opens the same folder in the
/// window and checks it shows the same articles.
fn both_ways(dir: &Path, settings: &ReadSettings) -> Model {
    let corpus = read_folder(dir, settings).unwrap();
    let model = Model::build(corpus, &ModelSettings::default());
    offsets_hold(&model);
    if settings == &ReadSettings::default() {
        let harness =
            common::loaded_app_with(egui::vec2(1200.0, 800.0), Some(dir.to_path_buf()), true);
        let app = harness.state();
        let shown = app.session.model.as_ref().unwrap();
        assert_eq!(shown.corpus.articles.len(), model.corpus.articles.len());
        assert!(
            app.session
                .positions
                .iter()
                .all(|p| p[0].is_finite() && p[1].is_finite())
        );
    }
    model
}

#[test]
fn broken_encodings_and_odd_characters_load_with_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    // Invalid UTF-8 in the middle of an otherwise UTF-8 file.
    let mut bad =
        b"Talks in Kyiv\n\nOfficials in Kyiv said \xE2\x80\x9Cprogress\xE2\x80\x9D was made. "
            .to_vec();
    bad.extend(b"\xFF\xFE\xC3 broken bytes here. ");
    bad.extend("Volodymyr Zelenskyy met Emmanuel Macron in Paris.\n".as_bytes());
    write(root, "invalid_utf8.txt", &bad);
    // UTF-16 without a byte-order mark.
    let mut utf16 = Vec::new();
    for unit in
        "Geneva meeting\n\nAntonio Guterres spoke in Geneva about the ceasefire.\n".encode_utf16()
    {
        utf16.extend(unit.to_le_bytes());
    }
    write(root, "utf16_no_bom.txt", &utf16);
    // Mixed line ends.
    write(
        root,
        "mixed_endings.txt",
        b"Mixed endings\r\n\r\nFirst paragraph about NATO.\r\rSecond paragraph about Berlin.\n\nThird one, in London.\r\n",
    );
    // NUL bytes late in a text file.
    let mut late_nul = "Late NUL\n\n".to_string();
    for _ in 0..400 {
        late_nul.push_str("Olaf Scholz spoke in Berlin about the talks. ");
    }
    let mut late = late_nul.into_bytes();
    late.extend(b"\0\0\0 and then the text goes on about Rome.\n");
    write(root, "late_nul.txt", &late);
    // Control characters, right-to-left text, emoji, combining accents,
    // zero-width characters.
    write(
        root,
        "odd_characters.txt",
        "Odd characters\n\nThe \u{7}bell and \u{1b}[31mescape\u{1b}[0m rang in Prague. \
         \u{202E}Reversed text\u{202C} was quoted: \u{5e9}\u{5dc}\u{5d5}\u{5dd} and \
         \u{627}\u{644}\u{633}\u{644}\u{627}\u{645}. Emoji 🇺🇦🕊️👍🏽 followed. Cafe\u{301} \
         owner Jose\u{301} Marti\u{301}nez met Ange\u{300}la in Zu\u{308}rich. \
         Zero\u{200B}width\u{200D}joiners and\u{FEFF}BOMs inside Donald\u{200B} Trump's words.\n"
            .as_bytes(),
    );
    let model = both_ways(root, &ReadSettings::default());
    let paths: Vec<&str> = model
        .corpus
        .articles
        .iter()
        .map(|a| a.path.as_str())
        .collect();
    assert_eq!(
        paths,
        [
            "invalid_utf8.txt",
            "late_nul.txt",
            "mixed_endings.txt",
            "odd_characters.txt",
            "utf16_no_bom.txt"
        ]
    );
    let corpus = &model.corpus;
    assert!(
        warning(corpus, "invalid_utf8.txt").is_some(),
        "{:?}",
        corpus.warnings
    );
    assert!(warning(corpus, "utf16_no_bom.txt").is_some());
    let utf16 = &corpus.articles[4];
    assert!(utf16.text.contains("Antonio Guterres"));
    let mixed = &corpus.articles[2];
    assert_eq!(mixed.paragraphs.len(), 3, "{:?}", mixed.text);
    // The invalid bytes cost at most that sentence, never the file.
    assert!(corpus.articles[0].text.contains("Emmanuel Macron"));
    // No control character survives into the text.
    for a in &corpus.articles {
        assert!(
            !a.text
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t'),
            "{}",
            a.path
        );
    }
}

#[test]
fn a_huge_file_is_skipped_with_its_size_and_a_long_paragraph_loads() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    // 50 MB in one line: over the default limit, skipped by its size alone.
    let big = std::fs::File::create(root.join("fifty_mb.txt")).unwrap();
    big.set_len(50 * 1024 * 1024).unwrap();
    // A 2 MB paragraph without a line break loads and is searched.
    let mut long = String::from("A long one\n\n");
    while long.len() < 2 * 1024 * 1024 {
        long.push_str("Negotiators from Ukraine and Russia met in Istanbul on the ceasefire, ");
    }
    long.push('\n');
    write(root, "long_paragraph.txt", long.as_bytes());
    let model = both_ways(root, &ReadSettings::default());
    assert!(
        warning(&model.corpus, "fifty_mb.txt")
            .unwrap()
            .contains("over the size limit")
    );
    assert_eq!(model.corpus.articles.len(), 1);
    let index = knowmap::io::layout_file::node_index(&model);
    assert!(
        index.contains_key(&NodeKey::actor("Ukraine")),
        "{:?}",
        index.keys().collect::<Vec<_>>()
    );
}

#[test]
fn endless_capitals_and_giant_names_stay_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    // 10,000 capitalized words in one run.
    let mut run = String::from("Capitals\n\nThe meeting heard ");
    for i in 0..10_000 {
        run.push_str(&format!("Word{} ", i % 97));
    }
    run.push_str("and then Angela Merkel spoke in Berlin.\n");
    write(root, "capitals.txt", run.as_bytes());
    // A "name" 100,000 characters long.
    let mut giant = String::from("Giant\n\nThe envoy ");
    giant.push('Z');
    giant.push_str(&"a".repeat(100_000));
    giant.push_str(" met Recep Tayyip Erdogan in Ankara.\n");
    write(root, "giant_name.txt", giant.as_bytes());
    let model = both_ways(root, &ReadSettings::default());
    for e in &model.extraction.entities {
        assert!(
            e.label.chars().count() <= knowmap::extract::MAX_LABEL_CHARS,
            "a label of {} characters",
            e.label.chars().count()
        );
        for a in &e.aliases {
            assert!(a.form.chars().count() <= knowmap::extract::MAX_LABEL_CHARS);
        }
    }
    let index = knowmap::io::layout_file::node_index(&model);
    assert!(index.contains_key(&NodeKey::actor("Angela Merkel")));
}

#[test]
fn deep_folders_odd_names_and_special_files_are_handled() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    // 1,000 levels of nested folders with an article at the bottom.
    let mut deep = root.to_path_buf();
    for _ in 0..1000 {
        deep.push("d");
    }
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::write(
        deep.join("bottom.txt"),
        "Bottom\n\nJens Stoltenberg spoke in Oslo.\n",
    )
    .unwrap();
    write(
        root,
        "plain.txt",
        b"Plain\n\nKeir Starmer met Donald Tusk in Warsaw.\n",
    );
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt as _;
        // A file name that is not valid UTF-8.
        let name = std::ffi::OsStr::from_bytes(b"caf\xE9_report.txt");
        std::fs::write(
            root.join(name),
            "Latin-1 name\n\nPedro Sanchez spoke in Madrid.\n",
        )
        .unwrap();
        // A named pipe: reading it would block forever; it is not a file.
        let fifo = root.join("pipe.txt");
        let status = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(status.is_ok_and(|s| s.success()) || !fifo.exists());
        // Links: a loop and one pointing outside.
        std::os::unix::fs::symlink(root, root.join("loop")).unwrap();
        std::os::unix::fs::symlink("/etc", root.join("outside")).unwrap();
    }
    let model = both_ways(root, &ReadSettings::default());
    let paths: Vec<&str> = model
        .corpus
        .articles
        .iter()
        .map(|a| a.path.as_str())
        .collect();
    assert!(paths.contains(&"plain.txt"));
    assert!(
        paths.iter().any(|p| p.ends_with("/d/bottom.txt")),
        "{paths:?}"
    );
    #[cfg(unix)]
    {
        assert!(paths.contains(&"caf\u{FFFD}_report.txt"), "{paths:?}");
        assert!(!paths.contains(&"pipe.txt"));
        assert!(warning(&model.corpus, "loop").is_some());
        assert!(warning(&model.corpus, "outside").is_some());
    }
}

#[test]
fn a_file_that_vanishes_or_grows_while_loading_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "stays.txt",
        b"Stays\n\nMark Rutte spoke in The Hague.\n",
    );
    write(root, "vanishes.txt", b"Vanishes\n\nSoon gone.\n");
    write(root, "grows.txt", b"Grows\n\nSmall now.\n");
    let settings = ReadSettings {
        max_file_size: 64,
        ..ReadSettings::default()
    };
    let mut warnings = Vec::new();
    let files = knowmap::corpus::read::list_files(root, &settings, &mut warnings).unwrap();
    assert_eq!(files.len(), 3);
    // Between listing and reading, one file goes and another grows.
    std::fs::remove_file(root.join("vanishes.txt")).unwrap();
    std::fs::write(root.join("grows.txt"), vec![b'x'; 4096]).unwrap();
    let read = knowmap::corpus::read::read_files(
        &files,
        &settings,
        &mut warnings,
        &knowmap::corpus::Progress::default(),
    );
    assert_eq!(read.len(), 1);
    assert_eq!(read[0].path, "stays.txt");
    let message = |path: &str| {
        warnings
            .iter()
            .find(|w| w.path == path)
            .map(|w| w.message.clone())
            .unwrap_or_default()
    };
    assert!(message("vanishes.txt").contains("cannot be read"));
    assert!(message("grows.txt").contains("size limit"));
}

#[cfg(unix)]
#[test]
fn an_unreadable_subfolder_is_skipped_with_a_warning() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "open.txt",
        b"Open\n\nUrsula von der Leyen spoke in Brussels.\n",
    );
    write(root, "locked/inside.txt", b"Locked\n\nHidden text.\n");
    std::fs::set_permissions(root.join("locked"), std::fs::Permissions::from_mode(0o000)).unwrap();
    // Root reads everything: the case only exists for other users.
    let unreadable = std::fs::read_dir(root.join("locked")).is_err();
    let corpus = read_folder(root, &ReadSettings::default()).unwrap();
    std::fs::set_permissions(root.join("locked"), std::fs::Permissions::from_mode(0o755)).unwrap();
    if unreadable {
        assert_eq!(corpus.articles.len(), 1);
        assert!(warning(&corpus, "locked").unwrap().contains("skipped"));
    } else {
        assert_eq!(corpus.articles.len(), 2);
    }
}

#[test]
fn many_tiny_files_load() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    // 200,000 in release builds; a tenth in debug builds, which are ~20× slower.
    let n = if cfg!(debug_assertions) {
        20_000
    } else {
        200_000
    };
    for i in 0..n {
        let sub = format!("{:03}", i % 500);
        if i < 500 {
            std::fs::create_dir_all(root.join(&sub)).unwrap();
        }
        std::fs::write(
            root.join(&sub).join(format!("{i}.txt")),
            format!("Note {i}\n\nMinister {} met officials in Vienna.\n", i % 7),
        )
        .unwrap();
    }
    let corpus = read_folder(root, &ReadSettings::default()).unwrap();
    assert_eq!(corpus.articles.len(), n);
    let model = Model::build(corpus, &ModelSettings::default());
    assert!(model.graph.node_count() > 0);
}

#[test]
fn empty_and_article_free_folders_get_a_clear_message_and_keep_the_open_map() {
    let empty = tempfile::tempdir().unwrap();
    let pictures = tempfile::tempdir().unwrap();
    write(pictures.path(), "photo.jpg", b"\xFF\xD8\xFF\xE0");
    write(pictures.path(), "report.pdf", b"%PDF-1.7\n");
    write(pictures.path(), "sub/scan.png", b"\x89PNG\r\n\x1a\n");
    for dir in [empty.path(), pictures.path()] {
        let error = read_folder(dir, &ReadSettings::default())
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("no articles") || error.contains(".txt"),
            "{error}"
        );
    }
    // In the window: the sample stays, the message is shown.
    let mut h = common::loaded_app(egui::vec2(1200.0, 800.0), None);
    let before = h
        .state()
        .session
        .model
        .as_ref()
        .unwrap()
        .corpus
        .articles
        .len();
    for dir in [empty.path(), pictures.path()] {
        h.state_mut()
            .apply(knowmap::session::Command::OpenFolder(Some(
                dir.to_path_buf(),
            )));
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while h.state().session.is_loading() {
            assert!(std::time::Instant::now() < deadline);
            std::thread::sleep(std::time::Duration::from_millis(10));
            h.step();
        }
        h.run_steps(2);
        let app = h.state();
        assert_eq!(
            app.session.model.as_ref().unwrap().corpus.articles.len(),
            before
        );
        assert!(
            app.session.status.contains(&dir.display().to_string()),
            "{}",
            app.session.status
        );
    }
}

#[test]
fn damaged_layout_files_never_stop_the_folder_from_opening() {
    let variants: [(&str, &[u8]); 8] = [
        ("empty", b""),
        ("truncated", b"{\"version\": 1, \"views\": {\"default\": {\"nodes\": {"),
        ("wrong types", b"{\"version\": 1, \"views\": [1, 2, 3]}"),
        (
            "huge numbers",
            b"{\"version\": 1, \"views\": {\"default\": {\"nodes\": {\"actor:Russia\": {\"x\": 1e300, \"y\": 0}}}}}",
        ),
        (
            "NaN as a string",
            b"{\"version\": 1, \"views\": {\"default\": {\"nodes\": {\"actor:Russia\": {\"x\": \"NaN\", \"y\": 0}}}}}",
        ),
        ("future version", b"{\"version\": 999, \"views\": {}}"),
        (
            "unknown fields",
            b"{\"version\": 1, \"colour\": \"blue\", \"views\": {\"default\": {\"mood\": 3, \"nodes\": {}}}}",
        ),
        (
            "vanished keys",
            b"{\"version\": 1, \"views\": {\"default\": {\"nodes\": {\"actor:Nobody Atall\": {\"x\": 1, \"y\": 2}}}}, \"curation\": [{\"edit\": \"merge\", \"from\": \"actor:Nobody\", \"into\": \"actor:Russia\"}]}",
        ),
    ];
    for (name, bytes) in variants {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "a.txt",
            b"Talks\n\nVladimir Putin spoke about Russia and Ukraine in Moscow.\n",
        );
        write(dir.path(), ".knowmap/layout.json", bytes);
        let h = common::loaded_app(egui::vec2(1000.0, 700.0), Some(dir.path().to_path_buf()));
        let app = h.state();
        assert!(app.session.model.is_some(), "{name}");
        assert!(
            app.session
                .positions
                .iter()
                .all(|p| p[0].is_finite() && p[1].is_finite()),
            "{name}"
        );
        // Loading never changes the file.
        assert_eq!(
            std::fs::read(dir.path().join(".knowmap/layout.json")).unwrap(),
            bytes,
            "{name}"
        );
        let readable = matches!(name, "unknown fields" | "vanished keys");
        assert_eq!(
            app.session.status.contains("restored"),
            readable,
            "{name}: {}",
            app.session.status
        );
        if name == "vanished keys" {
            assert!(
                app.session.status.contains("no longer"),
                "{}",
                app.session.status
            );
        }
    }
}
