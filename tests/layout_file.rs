//! Layout files: round trips, damaged and future files, failed writes.
#![allow(clippy::unwrap_used)]

use knowmap::extract::NodeKey;
use knowmap::io::layout_file::{self, LayoutFile, LayoutFileError, NodeState, View};

fn sample_file() -> LayoutFile {
    let mut view = View {
        camera: Some([1.5, -2.0, 3.0]),
        selection: Some(NodeKey::actor("Donald Trump")),
        ..View::default()
    };
    view.nodes.insert(
        NodeKey::actor("Donald Trump"),
        NodeState {
            x: 10.0,
            y: -4.5,
            pinned: true,
            hidden: false,
        },
    );
    view.nodes.insert(
        NodeKey::topic("ceasefire"),
        NodeState {
            x: -3.0,
            y: 7.25,
            pinned: false,
            hidden: true,
        },
    );
    view.ui.filter = Some(knowmap::session::Filter {
        min_mentions: 2,
        ..knowmap::session::Filter::default()
    });
    let mut file = LayoutFile::default();
    file.fingerprint
        .articles
        .insert("a.txt".into(), "0123456789abcdef".into());
    file.views.insert("default".into(), view.clone());
    file.views.insert("actors only".into(), view);
    file
}

#[test]
fn save_then_load_is_the_identity() {
    let dir = tempfile::tempdir().unwrap();
    let path = layout_file::default_path(dir.path());
    let file = sample_file();
    layout_file::save(&path, &file).unwrap();
    assert_eq!(layout_file::load(&path).unwrap(), file);
}

#[test]
fn saving_again_keeps_the_previous_version_as_bak() {
    let dir = tempfile::tempdir().unwrap();
    let path = layout_file::default_path(dir.path());
    let first = sample_file();
    layout_file::save(&path, &first).unwrap();
    let mut second = sample_file();
    second.current = "actors only".into();
    layout_file::save(&path, &second).unwrap();
    let backup = path.with_extension("json.bak");
    assert_eq!(layout_file::load(&backup).unwrap(), first);
    assert_eq!(layout_file::load(&path).unwrap(), second);
}

#[test]
fn damaged_and_future_files_are_reported_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("layout.json");
    let good = serde_json::to_string(&sample_file()).unwrap();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("truncated", good.as_bytes()[..good.len() / 2].to_vec()),
        (
            "wrong types",
            br#"{"version":1,"views":{"default":{"nodes":[1,2,3]}}}"#.to_vec(),
        ),
        (
            "huge numbers",
            br#"{"version":1,"views":{"default":{"nodes":{"actor:X":{"x":1e300,"y":0}}}}}"#
                .to_vec(),
        ),
        (
            "NaN as a string",
            br#"{"version":1,"views":{"default":{"nodes":{"actor:X":{"x":"NaN","y":0}}}}}"#
                .to_vec(),
        ),
        (
            "a node key without its kind",
            br#"{"version":1,"views":{"default":{"nodes":{"Russia":{"x":1,"y":0}}}}}"#.to_vec(),
        ),
        ("future version", br#"{"version":7,"views":{}}"#.to_vec()),
    ];
    for (name, bytes) in cases {
        std::fs::write(&path, &bytes).unwrap();
        let error = layout_file::load(&path).unwrap_err();
        match (name, &error) {
            ("future version", LayoutFileError::FutureVersion { found: 7, .. }) => {}
            ("future version", other) => panic!("{name}: {other}"),
            (_, LayoutFileError::Corrupt { .. }) => {}
            (_, other) => panic!("{name}: {other}"),
        }
        assert!(error.to_string().contains("layout.json"), "{error}");
        assert_eq!(
            std::fs::read(&path).unwrap(),
            bytes,
            "{name}: the file was changed"
        );
    }
}

/// Node keys are typed in memory and written as `kind:label` text, in the
/// order that text sorts: files keep the shape they had as strings.
#[test]
fn node_keys_are_written_as_their_text() {
    let text = serde_json::to_string(&sample_file()).unwrap();
    assert!(
        text.contains(r#""nodes":{"actor:Donald Trump":{"#),
        "{text}"
    );
    assert!(
        text.contains(r#""selection":"actor:Donald Trump""#),
        "{text}"
    );
    let edit = knowmap::extract::curate::Edit::Merge {
        from: NodeKey::actor("Vladimir Putin"),
        into: NodeKey::actor("Russia"),
    };
    let written = serde_json::to_string(&edit).unwrap();
    assert!(
        written.contains(r#""from":"actor:Vladimir Putin""#),
        "{written}"
    );
    assert_eq!(
        serde_json::from_str::<knowmap::extract::curate::Edit>(&written).unwrap(),
        edit
    );
    // A label may hold colons; only the first one ends the kind.
    let odd = NodeKey::topic("ratio 3:1");
    assert_eq!(NodeKey::parse(&odd.to_key_string()), Some(odd));
    assert_eq!(NodeKey::parse("Russia"), None);
    assert_eq!(NodeKey::parse("place:Russia"), None);
}

#[test]
fn unknown_fields_and_vanished_keys_still_load() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("layout.json");
    std::fs::write(
        &path,
        br#"{"version":1,"from_the_future":{"x":1},"views":{"default":{"nodes":{"actor:Nobody Anymore":{"x":1,"y":2}}}}}"#,
    )
    .unwrap();
    let file = layout_file::load(&path).unwrap();
    assert_eq!(file.views["default"].nodes.len(), 1);
}

#[test]
fn a_failed_write_leaves_the_old_file_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = layout_file::default_path(dir.path());
    let first = sample_file();
    layout_file::save(&path, &first).unwrap();
    // Block the backup the save makes first with a folder of that name
    // (temporary names are random, so they cannot be blocked).
    let blocker = layout_file::backup_path(&path);
    std::fs::create_dir_all(blocker.join("inside")).unwrap();
    let mut second = sample_file();
    second.current = "other".into();
    let error = layout_file::save(&path, &second).unwrap_err();
    assert!(matches!(error, LayoutFileError::Write { .. }), "{error}");
    assert_eq!(layout_file::load(&path).unwrap(), first);
}

/// Found by `cargo fuzz` (layout_file target): a huge integer in the view's
/// front-end state came back one unit in the last place different after a
/// save, because JSON numbers were not parsed exactly.
#[test]
fn numbers_survive_a_save_and_load_exactly() {
    let bytes = include_bytes!("fixtures/layout-float-roundtrip.json");
    let file = layout_file::parse(bytes).unwrap();
    let again = layout_file::parse(&serde_json::to_vec(&file).unwrap()).unwrap();
    assert_eq!(again, file);
}
