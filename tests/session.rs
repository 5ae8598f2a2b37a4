//! Keeping a person's work: curation saved with the layout, named views,
//! layout files elsewhere, the autosave, closing with unsaved changes, and
//! exports from the window.
#![allow(clippy::unwrap_used)]

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use knowmap::extract::NodeKey;
use knowmap::extract::curate::Edit;
use knowmap::graph::NodeId;
use knowmap::session::Command;
use knowmap::session::ExportFormat as Format;
use knowmap::ui::{KnowmapApp, UiAction};

mod common;

mod fixture;
use fixture::sample_folder;

fn open(dir: &std::path::Path) -> Harness<'static, KnowmapApp> {
    common::loaded_app(egui::vec2(1400.0, 900.0), Some(dir.to_path_buf()))
}

fn node(app: &KnowmapApp, key: &str) -> NodeId {
    let model = app.session.model.as_ref().unwrap();
    NodeId::new(
        *knowmap::io::layout_file::node_index(model)
            .get(&knowmap::extract::NodeKey::parse(key).unwrap())
            .unwrap_or_else(|| panic!("no {key}")),
    )
}

#[test]
fn curation_is_saved_with_the_layout_and_reapplied_when_the_folder_opens() {
    let dir = sample_folder();
    let mut first = open(dir.path());
    let putin = node(first.state(), "actor:Vladimir Putin");
    let russia = node(first.state(), "actor:Russia");
    first.state_mut().apply(Command::MergeNodes(putin, russia));
    first.state_mut().apply(Command::Curate(vec![Edit::Rename {
        node: NodeKey::actor("Donald Trump"),
        label: "President Trump".into(),
    }]));
    assert!(first.state().session.dirty);
    let russia_at = first.state().session.positions[russia.index()];
    first.state_mut().apply(Command::SaveLayout);
    assert!(
        !first.state().session.dirty,
        "{}",
        first.state().session.status
    );

    let second = open(dir.path());
    let app = second.state();
    assert_eq!(app.session.edits.len(), 2);
    let model = app.session.model.as_ref().unwrap();
    let index = knowmap::io::layout_file::node_index(model);
    assert!(index.contains_key(&NodeKey::actor("President Trump")));
    assert!(!index.contains_key(&NodeKey::actor("Vladimir Putin")));
    assert_eq!(app.session.positions[russia.index()], russia_at);
    // The map shows the corrected names.
    second.get_by_label("President Trump");
    assert!(!app.session.dirty);
}

#[test]
fn named_views_are_kept_side_by_side_and_switched() {
    let dir = sample_folder();
    let mut h = open(dir.path());
    let trump = node(h.state(), "actor:Donald Trump");
    h.state_mut().apply(Command::MoveNode(trump, [1.0, 2.0]));
    h.state_mut().apply(Command::SaveLayout);
    h.state_mut()
        .apply(Command::MoveNode(trump, [300.0, 400.0]));
    h.state_mut().apply(Command::SaveViewAs("wide".into()));
    assert_eq!(h.state().session.view_name, "wide");
    assert_eq!(h.state().session.view_names, vec!["default", "wide"]);
    h.state_mut().apply(Command::SwitchView("default".into()));
    assert_eq!(h.state().session.positions[trump.index()], [1.0, 2.0]);
    h.state_mut().apply(Command::SwitchView("wide".into()));
    assert_eq!(h.state().session.positions[trump.index()], [300.0, 400.0]);
    // Switching is undoable like any other change of the map, and the view
    // saved into is the one shown again.
    h.state_mut().apply(Command::Undo);
    assert_eq!(h.state().session.positions[trump.index()], [1.0, 2.0]);
    assert_eq!(h.state().session.view_name, "default");
    h.state_mut().apply(Command::Redo);
    assert_eq!(h.state().session.view_name, "wide");
    // The file opens on the view saved last.
    let again = open(dir.path());
    assert_eq!(again.state().session.view_name, "wide");
}

#[test]
fn a_layout_saved_elsewhere_opens_on_the_same_corpus() {
    let dir = sample_folder();
    let elsewhere = tempfile::tempdir().unwrap();
    let path = elsewhere.path().join("mine.json");
    let mut h = open(dir.path());
    let trump = node(h.state(), "actor:Donald Trump");
    h.state_mut().apply(Command::MoveNode(trump, [7.0, 8.0]));
    h.state_mut().apply(Command::Curate(vec![Edit::Ignore {
        form: "Kremlin".into(),
    }]));
    h.state_mut().apply(Command::SaveLayoutAs(path.clone()));
    assert!(path.is_file(), "{}", h.state().session.status);
    // Saving elsewhere does not count as saving the folder's layout.
    assert!(h.state().session.dirty);
    assert!(!knowmap::io::layout_file::default_path(dir.path()).exists());

    let mut fresh = open(dir.path());
    assert!(fresh.state().session.edits.is_empty());
    fresh.state_mut().apply(Command::OpenLayout(path));
    let app = fresh.state();
    assert_eq!(app.session.positions[trump.index()], [7.0, 8.0]);
    assert_eq!(app.session.edits.len(), 1);
    assert!(app.session.can_undo().0, "opening a layout can be undone");
}

#[test]
fn a_corrupt_layout_file_chosen_by_hand_is_reported_and_changes_nothing() {
    let dir = sample_folder();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, b"{\"version\": 1, \"views\": ").unwrap();
    let mut h = open(dir.path());
    let before = h.state().session.snapshot();
    h.state_mut().apply(Command::OpenLayout(bad.clone()));
    assert_eq!(h.state().session.snapshot(), before);
    assert!(
        h.state().session.status.contains("damaged"),
        "{}",
        h.state().session.status
    );
    assert_eq!(
        std::fs::read(&bad).unwrap(),
        b"{\"version\": 1, \"views\": "
    );
}

#[test]
fn an_autosave_left_by_a_crash_is_offered_back() {
    let dir = sample_folder();
    let mut h = open(dir.path());
    let trump = node(h.state(), "actor:Donald Trump");
    h.state_mut().apply(Command::MoveNode(trump, [11.0, 12.0]));
    h.state_mut().session.write_autosave();
    let autosave = knowmap::io::layout_file::autosave_path(dir.path());
    assert!(autosave.is_file());
    drop(h); // the "crash": no save, no clean exit

    let mut again = open(dir.path());
    assert_eq!(
        again.state().session.pending_autosave.as_deref(),
        Some(&*autosave)
    );
    again.get_by_label("Restore them").click();
    again.run_steps(3);
    let app = again.state();
    assert_eq!(app.session.positions[trump.index()], [11.0, 12.0]);
    assert!(app.session.dirty, "restored changes are still unsaved");
    assert!(app.session.pending_autosave.is_none());
}

#[test]
fn discarding_the_autosave_removes_it() {
    let dir = sample_folder();
    let mut h = open(dir.path());
    let trump = node(h.state(), "actor:Donald Trump");
    h.state_mut().apply(Command::MoveNode(trump, [11.0, 12.0]));
    h.state_mut().session.write_autosave();
    drop(h);
    let mut again = open(dir.path());
    again.get_by_label("Discard them").click();
    again.run_steps(2);
    assert!(!knowmap::io::layout_file::autosave_path(dir.path()).exists());
    assert_ne!(again.state().session.positions[trump.index()], [11.0, 12.0]);
}

/// Asks the window to close, as the window manager does.
fn request_close(h: &mut Harness<'static, KnowmapApp>) {
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.run_steps(2);
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let dir = sample_folder();
    let mut h = open(dir.path());
    let trump = node(h.state(), "actor:Donald Trump");
    h.state_mut().apply(Command::MoveNode(trump, [5.0, 5.0]));
    request_close(&mut h);
    h.get_by_label("Save the changes to this map?");
    // Cancel keeps everything as it is.
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert!(h.query_by_label("Save the changes to this map?").is_none());
    assert!(h.state().session.dirty);
    // Save writes the layout file.
    request_close(&mut h);
    h.get_by_label("Save").click();
    h.run_steps(2);
    assert!(!h.state().session.dirty);
    assert!(knowmap::io::layout_file::default_path(dir.path()).is_file());
}

#[test]
fn closing_without_changes_does_not_ask() {
    let dir = sample_folder();
    // With autosave on: closing cleanly also removes the autosave, which
    // shows the close request was handled (not merely ignored).
    let mut h = common::app_with_options(
        egui::vec2(1400.0, 900.0),
        Some(dir.path().to_path_buf()),
        knowmap::session::Options {
            background_layout: false,
            autosave: true,
            ..knowmap::session::Options::default()
        },
    );
    h.state_mut().session.write_autosave();
    let autosave = h.state().session.autosave_path().unwrap();
    assert!(autosave.is_file());
    assert!(!h.state().session.dirty);
    request_close(&mut h);
    assert!(h.query_by_label("Save the changes to this map?").is_none());
    assert_eq!(h.state().closing, knowmap::ui::Closing::No);
    assert!(!autosave.exists(), "a clean close removes the autosave");
    // And with a change, the same request asks instead.
    let trump = node(h.state(), "actor:Donald Trump");
    h.state_mut().apply(Command::MoveNode(trump, [1.0, 1.0]));
    request_close(&mut h);
    h.get_by_label("Save the changes to this map?");
}

#[test]
fn exports_from_the_window_are_well_formed() {
    let dir = sample_folder();
    let out = tempfile::tempdir().unwrap();
    let mut h = open(dir.path());
    for format in Format::ALL {
        let path = out.path().join(format!("map.{}", format.extension()));
        h.state_mut().apply(Command::Export(format, path.clone()));
        assert!(path.is_file(), "{format:?}: {}", h.state().session.status);
        let bytes = std::fs::read(&path).unwrap();
        match format {
            Format::Svg | Format::Gexf | Format::GraphMl => {
                let mut reader = quick_xml::Reader::from_reader(&bytes[..]);
                let mut buf = Vec::new();
                let mut elements = 0;
                loop {
                    match reader.read_event_into(&mut buf).unwrap() {
                        quick_xml::events::Event::Eof => break,
                        quick_xml::events::Event::Start(_) | quick_xml::events::Event::Empty(_) => {
                            elements += 1;
                        }
                        _ => {}
                    }
                    buf.clear();
                }
                assert!(elements > 50, "{format:?} has {elements} elements");
            }
            Format::Png => {
                assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
                let decoder = png::Decoder::new(std::io::Cursor::new(&bytes));
                let reader = decoder.read_info().unwrap();
                let info = reader.info();
                // The canvas at the chosen scale (2 by default).
                let rect = h.state().map_rect().unwrap();
                assert_eq!(info.width, (rect.width() * 2.0).round() as u32);
                assert_eq!(info.height, (rect.height() * 2.0).round() as u32);
            }
            Format::Json => {
                let doc: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
                assert_eq!(doc["schema"], "knowmap.graph/1.2");
            }
            Format::Csv => {
                let text = String::from_utf8(bytes).unwrap();
                assert!(text.starts_with("id,label,kind"));
                assert!(out.path().join("map.csv").is_file());
            }
        }
    }
}

#[test]
fn the_svg_shows_what_the_canvas_shows() {
    let dir = sample_folder();
    let h = open(dir.path());
    let picture = h.state().session.view_picture().unwrap();
    let svg = picture.to_svg();
    // Every label drawn on the canvas is in the SVG, escaped.
    for label in ["Donald Trump", "Russia", "Ukraine"] {
        assert!(svg.contains(&format!(">{label}</text>")), "{label}");
    }
    assert_eq!(
        svg.matches("<circle").count() + svg.matches("<rect x=").count(),
        picture.marks.len()
            + picture.marks.iter().filter(|m| m.pinned).count()
            + picture.labels.len()
    );
}

#[test]
fn a_curation_dialog_renames_through_the_window() {
    let mut h = common::loaded_app(egui::vec2(1400.0, 900.0), None);
    let trump = node(h.state(), "actor:Donald Trump");
    h.state_mut().apply(UiAction::AskRename(trump.raw()));
    h.run_steps(2);
    let field = h.get_by_label("New name");
    field.type_text(" Sr");
    h.run_steps(2);
    h.get_by_label("Rename").click();
    h.run_steps(3);
    let app = h.state();
    assert_eq!(app.session.node_label(trump).unwrap(), "Donald Trump Sr");
    assert!(app.session.can_undo().0);
}

#[test]
fn enter_confirms_the_rename_dialog_and_escape_cancels_it() {
    let mut h = common::loaded_app(egui::vec2(1400.0, 900.0), None);
    let trump = node(h.state(), "actor:Donald Trump");
    h.state_mut().apply(UiAction::AskRename(trump.raw()));
    h.run_steps(2);
    h.get_by_label("New name").type_text(" Jr");
    h.run_steps(2);
    h.key_press(egui::Key::Escape);
    h.run_steps(3);
    assert_eq!(h.state().session.node_label(trump).unwrap(), "Donald Trump");
    assert!(
        h.query_by_label("New name").is_none(),
        "Escape closes the dialog"
    );
    h.state_mut().apply(UiAction::AskRename(trump.raw()));
    h.run_steps(2);
    h.get_by_label("New name").type_text(" Sr");
    h.run_steps(2);
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
    assert_eq!(
        h.state().session.node_label(trump).unwrap(),
        "Donald Trump Sr"
    );
    assert!(h.query_by_label("New name").is_none());
}

#[test]
fn the_status_line_says_what_was_undone_never_the_undone_action() {
    let mut h = common::loaded_app(egui::vec2(1400.0, 900.0), None);
    h.state_mut().apply(Command::Curate(vec![Edit::Merge {
        from: NodeKey::actor("Vladimir Putin"),
        into: NodeKey::actor("Russia"),
    }]));
    h.run_steps(2);
    assert!(
        h.state().session.status.text.starts_with("Done: merge"),
        "{}",
        h.state().session.status
    );
    h.state_mut().apply(Command::Undo);
    h.run_steps(2);
    let status = h.state().session.status.clone();
    assert!(!status.contains("Done"), "{status}");
    assert!(status.text.starts_with("Undone: merge"), "{status}");
    h.state_mut().apply(Command::Redo);
    h.run_steps(2);
    assert!(
        h.state().session.status.text.starts_with("Redone: merge"),
        "{}",
        h.state().session.status
    );
}

#[test]
fn labels_never_cover_each_other() {
    let h = common::loaded_app(egui::vec2(1400.0, 900.0), None);
    let picture = h.state().session.view_picture().unwrap();
    assert!(picture.labels.len() > 10);
    for (i, a) in picture.labels.iter().enumerate() {
        for b in &picture.labels[i + 1..] {
            let apart = a.pos[0] + a.size[0] <= b.pos[0]
                || b.pos[0] + b.size[0] <= a.pos[0]
                || a.pos[1] + a.size[1] <= b.pos[1]
                || b.pos[1] + b.size[1] <= a.pos[1];
            assert!(apart, "{:?} and {:?} overlap", a.text, b.text);
        }
    }
}

#[test]
fn right_clicking_a_node_offers_corrections() {
    let mut h = common::loaded_app(egui::vec2(1400.0, 900.0), None);
    let trump = node(h.state(), "actor:Donald Trump");
    let at = h.get_by_label("Donald Trump").rect().center();
    h.hover_at(at);
    h.run_steps(2);
    common::right_click(&mut h, at);
    h.run_steps(3);
    h.get_by_label("Merge into…").click();
    h.run_steps(3);
    h.get_by_label("Merge target").type_text("Russia");
    h.run_steps(3);
    h.get_by_label("into Russia").click();
    h.run_steps(3);
    let app = h.state();
    let model = app.session.model.as_ref().unwrap();
    assert_eq!(
        model.extraction.entities[trump.index()].merged_into,
        Some(node(app, "actor:Russia").raw())
    );
}

#[test]
fn a_changed_corpus_keeps_the_places_of_nodes_still_there() {
    let dir = sample_folder();
    let mut h = open(dir.path());
    let trump = node(h.state(), "actor:Donald Trump");
    h.state_mut().apply(Command::MoveNode(trump, [21.0, 22.0]));
    h.state_mut().apply(Command::SaveLayout);
    drop(h);
    // Remove one article, edit another, add a new one.
    let mut names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    names.sort();
    std::fs::remove_file(&names[4]).unwrap();
    let edited = std::fs::read_to_string(&names[3]).unwrap();
    std::fs::write(
        &names[3],
        format!("{edited}\n\nAngela Merkel met Donald Trump in Berlin to discuss the ceasefire.\n"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("new.txt"),
        "Talks in Geneva\n\nEmmanuel Macron told Donald Trump that security guarantees for Ukraine need European troops.\n",
    )
    .unwrap();
    let again = open(dir.path());
    let app = again.state();
    let trump = node(app, "actor:Donald Trump");
    assert_eq!(app.session.positions[trump.index()], [21.0, 22.0]);
    assert!(app.session.pinned[trump.index()]);
    assert!(
        app.session
            .status
            .contains("1 articles added, 1 removed, 1 changed"),
        "{}",
        app.session.status
    );
    assert!(
        app.session
            .positions
            .iter()
            .all(|p| p[0].is_finite() && p[1].is_finite())
    );
    // A new node starts among its placed neighbours, not at a corner.
    let macron = node(app, "actor:Emmanuel Macron").index();
    let model = app.session.model.as_ref().unwrap();
    let (visible, _) = app.session.visibility(model);
    let others: Vec<[f32; 2]> = (0..app.session.positions.len())
        .filter(|&i| i != macron && visible[i])
        .map(|i| app.session.positions[i])
        .collect();
    let (lo, hi) = others
        .iter()
        .fold(([f32::MAX; 2], [f32::MIN; 2]), |(lo, hi), p| {
            (
                [lo[0].min(p[0]), lo[1].min(p[1])],
                [hi[0].max(p[0]), hi[1].max(p[1])],
            )
        });
    let p = app.session.positions[macron];
    // A node with three links settles at the map's edge: allow a tenth of
    // the map's size around it, far from a corner of the plane.
    let margin = [(hi[0] - lo[0]) * 0.1, (hi[1] - lo[1]) * 0.1];
    assert!(
        (lo[0] - margin[0]..=hi[0] + margin[0]).contains(&p[0])
            && (lo[1] - margin[1]..=hi[1] + margin[1]).contains(&p[1]),
        "{p:?} outside {lo:?}..{hi:?}"
    );
}

#[test]
fn a_save_that_cannot_be_written_keeps_the_map_and_says_why() {
    let dir = sample_folder();
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, b"x").unwrap();
    let mut h = open(dir.path());
    let trump = node(h.state(), "actor:Donald Trump");
    h.state_mut().apply(Command::MoveNode(trump, [3.0, 4.0]));
    let before = h.state().session.snapshot();
    h.state_mut()
        .apply(Command::SaveLayoutAs(blocker.join("layout.json")));
    assert!(
        h.state().session.status.contains("cannot save"),
        "{}",
        h.state().session.status
    );
    assert!(h.state().session.dirty);
    assert_eq!(h.state().session.snapshot(), before);
    assert_eq!(std::fs::read(&blocker).unwrap(), b"x");
}

#[test]
fn graph_exports_hold_what_the_filters_show_and_no_merged_node() {
    let dir = sample_folder();
    let out = tempfile::tempdir().unwrap();
    let mut h = open(dir.path());
    let putin = node(h.state(), "actor:Vladimir Putin");
    let russia = node(h.state(), "actor:Russia");
    h.state_mut().apply(Command::MergeNodes(putin, russia));
    let mut filter = h.state().session.filter.clone();
    filter.topics = false;
    h.state_mut().apply(Command::SetFilter(filter));
    let path = out.path().join("actors.csv");
    h.state_mut()
        .apply(Command::Export(Format::Csv, path.clone()));
    let nodes = std::fs::read_to_string(&path).unwrap();
    let app = h.state();
    let model = app.session.model.as_ref().unwrap();
    let (visible, _) = app.session.visibility(model);
    assert_eq!(
        nodes.lines().count() - 1,
        visible.iter().filter(|v| **v).count()
    );
    assert!(
        nodes.lines().skip(1).all(|l| l.contains(",actor,")),
        "{nodes}"
    );
    assert!(!nodes.contains("Vladimir Putin"));
    let edges = std::fs::read_to_string(out.path().join("edges.csv")).unwrap();
    assert!(!edges.contains("topic"), "{edges}");
}

#[test]
fn a_node_menu_hides_the_hover_tooltip() {
    let mut h = common::loaded_app(egui::vec2(1400.0, 900.0), None);
    let trump = node(h.state(), "actor:Donald Trump");
    let at = h.get_by_label("Donald Trump").rect().center();
    h.hover_at(at);
    h.run_steps(2);
    assert_eq!(h.state().tooltip_node(), Some(trump.raw()));
    common::right_click(&mut h, at);
    h.run_steps(3);
    h.get_by_label("Merge into…");
    assert_eq!(
        h.state().tooltip_node(),
        None,
        "the menu is not drawn under a tooltip"
    );
}
