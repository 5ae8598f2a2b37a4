//! The window, driven through AccessKit labels as a person would use it.
#![allow(clippy::unwrap_used)]

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use knowmap::corpus::ArticleId;
use knowmap::extract::NodeKey;
use knowmap::graph::NodeId;
use knowmap::layout::LayoutState;
use knowmap::session::{Command, Selection};
use knowmap::ui::KnowmapApp;

mod common;
mod fixture;

/// The app on the bundled sample, loaded and drawn.
fn harness() -> Harness<'static, KnowmapApp> {
    common::loaded_app(egui::vec2(1400.0, 900.0), None)
}

fn node_of(app: &KnowmapApp, label: &str) -> NodeId {
    let model = app.session.model.as_ref().unwrap();
    NodeId::new(
        model
            .extraction
            .entities
            .iter()
            .position(|e| e.label == label)
            .unwrap(),
    )
}

#[test]
fn the_sample_map_shows_the_main_actors() {
    let harness = harness();
    for label in ["Donald Trump", "Volodymyr Zelenskyy", "Russia", "Ukraine"] {
        harness.get_by_label(label);
    }
}

#[test]
fn searching_zelenskiy_selects_him_and_shows_security_guarantees() {
    let mut harness = harness();
    harness.get_by_label("Search").focus();
    harness.run_steps(1);
    harness.get_by_label("Search").type_text("Zelenskiy");
    harness.run_steps(2);
    // The suggestion names the form that matched.
    harness.get_by_label_contains("Volodymyr Zelenskyy (as “Zelenskiy”)");
    harness.key_press(egui::Key::Enter);
    harness.run_steps(3);
    let zelenskyy = node_of(harness.state(), "Volodymyr Zelenskyy");
    assert_eq!(
        harness.state().session.selection,
        Selection::Node(zelenskyy)
    );
    assert!(
        !harness
            .get_all_by_label("security guarantees")
            .collect::<Vec<_>>()
            .is_empty()
    );
}

#[test]
fn clicking_a_highlighted_mention_selects_its_node() {
    let mut harness = harness();
    harness.get_by_label("Donald Trump").click();
    harness.run_steps(3);
    let trump = node_of(harness.state(), "Donald Trump");
    assert_eq!(harness.state().session.selection, Selection::Node(trump));
    // Evidence paragraphs of Trump mention Ukraine; click one of those mentions.
    let panel = harness.get_by_label("Knowledge map").rect();
    let mention = harness
        .get_all_by_label("Ukraine")
        .find(|n| n.rect().min.x > panel.max.x && n.rect().max.y < 880.0)
        .expect("a visible Ukraine mention in the evidence panel");
    mention.click();
    harness.run_steps(3);
    let ukraine = node_of(harness.state(), "Ukraine");
    assert_eq!(harness.state().session.selection, Selection::Node(ukraine));
}

#[test]
fn a_filter_change_changes_the_visible_counts() {
    let mut harness = harness();
    let visible = |app: &KnowmapApp| {
        let model = app.session.model.clone().unwrap();
        app.session
            .visibility(&model)
            .0
            .iter()
            .filter(|v| **v)
            .count()
    };
    let before = visible(harness.state());
    harness.get_by_label_contains(&format!("nodes {before}/"));
    harness.get_by_label("Topics").click();
    harness.run_steps(3);
    let after = visible(harness.state());
    assert!(after < before, "{after} < {before}");
    assert!(!harness.state().session.filter.topics);
    // The status bar says so.
    harness.get_by_label_contains(&format!("nodes {after}/"));
}

#[test]
fn the_layout_pauses_and_resumes() {
    // A real background layout: paused, nothing moves; resumed and
    // reheated, the nodes move again.
    let mut harness =
        common::app_with_options(egui::vec2(1200.0, 760.0), None, common::background());
    harness.get_by_label("Pause layout").click();
    harness.run_steps(2);
    assert_eq!(harness.state().session.layout.state, LayoutState::Paused);
    // Steps the runner made before it read the pause may still arrive.
    std::thread::sleep(std::time::Duration::from_millis(100));
    harness.run_steps(2);
    let paused = harness.state().session.positions.clone();
    for _ in 0..10 {
        std::thread::sleep(std::time::Duration::from_millis(20));
        harness.step();
    }
    assert_eq!(
        harness.state().session.positions,
        paused,
        "paused, nothing moves"
    );
    harness.get_by_label("Resume layout").click();
    harness.run_steps(1);
    harness.get_by_label("Reheat").click();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while harness.state().session.positions == paused {
        assert!(
            std::time::Instant::now() < deadline,
            "resumed, the layout moves"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
        harness.step();
    }
    assert_ne!(harness.state().session.layout.state, LayoutState::Paused);
}

#[test]
fn dragging_a_node_pins_it() {
    let mut harness = harness();
    let trump = node_of(harness.state(), "Donald Trump");
    let at = harness.get_by_label("Donald Trump").rect().center();
    common::drag(&mut harness, at, at + egui::vec2(60.0, 40.0));
    assert!(
        harness.state().session.pinned[trump.index()],
        "the dragged node is pinned"
    );
}

#[test]
fn a_click_on_a_hub_selects_the_hub_not_a_small_node_hidden_under_it() {
    let mut harness = harness();
    let ukraine = node_of(harness.state(), "Ukraine");
    // The least-mentioned node with a label on the map.
    let (small, small_label) = {
        let model = harness.state().session.model.clone().unwrap();
        let mut nodes: Vec<(u32, u32, String)> = model
            .graph
            .node_ids()
            .map(|n| {
                let data = &model.graph[n];
                let label = model.extraction.entities[data.entity as usize]
                    .label
                    .clone();
                (data.mentions, n.index() as u32, label)
            })
            .collect();
        nodes.sort();
        nodes
            .into_iter()
            .find(|(_, i, label)| *i != ukraine.raw() && harness.query_by_label(label).is_some())
            .map(|(_, i, label)| (i, label))
            .unwrap()
    };
    let hub = harness.get_by_label("Ukraine").rect();
    let r = (hub.width() - 4.0) / 2.0;
    // Put the small node under the hub's rim, then click the hub between
    // its centre and the small node's (nearer the small node's centre).
    let from = harness.get_by_label(&small_label).rect().center();
    // Below and to the right: both labels stay on the map, so both have
    // their clickable handles where the discs overlap.
    let under = hub.center() + egui::vec2(0.6 * r, 0.6 * r);
    common::drag(&mut harness, from, under);
    harness.state_mut().apply(Command::ToggleLayout);
    harness.run_steps(2);
    // The dragged node stays where it was dropped (pinned); its label gives
    // way to the hub's.
    assert!(harness.state().session.pinned[small as usize]);
    let hub = harness.get_by_label("Ukraine").rect().center();
    let click = hub + (under - hub) * 0.7;
    assert!(click.distance(under) < click.distance(hub));
    harness.hover_at(click);
    harness.run_steps(2);
    assert_eq!(
        harness.state().hovered_node(),
        Some(ukraine.raw()),
        "the hub is highlighted, not {small_label}"
    );
    harness.event(egui::Event::PointerButton {
        pos: click,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    harness.run_steps(1);
    harness.event(egui::Event::PointerButton {
        pos: click,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    harness.run_steps(2);
    assert_eq!(
        harness.state().session.selection,
        knowmap::session::Selection::Node(ukraine),
        "not {small} ({small_label})"
    );
}

#[test]
fn a_saved_layout_comes_back_when_the_folder_is_opened_again() {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/sample")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    let open = |dir: std::path::PathBuf| common::loaded_app(egui::vec2(1400.0, 900.0), Some(dir));
    let mut first = open(dir.path().to_path_buf());
    let trump = node_of(first.state(), "Donald Trump");
    first
        .state_mut()
        .apply(knowmap::session::Command::MoveNode(trump, [123.0, -45.0]));
    first
        .state_mut()
        .apply(knowmap::session::Command::SaveLayout);
    assert!(
        first.state().session.status.contains("saved"),
        "{}",
        first.state().session.status
    );
    let second = open(dir.path().to_path_buf());
    let app = second.state();
    assert_eq!(app.session.positions[trump.index()], [123.0, -45.0]);
    assert!(app.session.pinned[trump.index()]);
    assert!(
        app.session.status.contains("restored"),
        "{}",
        app.session.status
    );
}

#[test]
fn leaving_out_articles_shrinks_the_map() {
    let mut harness = harness();
    let visible = |app: &KnowmapApp| {
        let model = app.session.model.clone().unwrap();
        app.session
            .visibility(&model)
            .0
            .iter()
            .filter(|v| **v)
            .count()
    };
    let before = visible(harness.state());
    harness.get_by_label_contains("Articles (").click();
    harness.run_steps(3);
    for path in [
        "000_520e1962ceb0d452.txt",
        "001_6dd33d24f0bc7813.txt",
        "002_22cd30e20247ea75.txt",
    ] {
        harness.get_by_label(&format!("Include {path}")).click();
        harness.run_steps(2);
    }
    let after = visible(harness.state());
    assert!(after < before, "{after} < {before}");
    assert_eq!(harness.state().session.filter.excluded_articles.len(), 3);
}

#[test]
fn undo_after_each_kind_of_edit_restores_the_exact_state_and_redo_reapplies_it() {
    use knowmap::extract::curate::Edit;
    use knowmap::session::Command;
    let mut harness = harness();
    let trump = node_of(harness.state(), "Donald Trump");
    let ukraine = node_of(harness.state(), "Ukraine");
    let mut topics_off = harness.state().session.filter.clone();
    topics_off.topics = false;
    let edits = vec![
        vec![
            Command::MoveNode(trump, [50.0, 60.0]),
            Command::MoveNode(trump, [55.0, 65.0]),
        ],
        vec![Command::Pin(ukraine, true)],
        vec![Command::Hide(ukraine)],
        vec![Command::SetFilter(topics_off)],
        vec![Command::MergeNodes(
            node_of(harness.state(), "Vladimir Putin"),
            node_of(harness.state(), "Russia"),
        )],
        vec![Command::Curate(vec![Edit::Rename {
            node: NodeKey::actor("Donald Trump"),
            label: "President Trump".into(),
        }])],
        vec![Command::Curate(vec![Edit::SetCategory {
            node: NodeKey::topic("Donbas"),
            category: knowmap::extract::Category::Country,
        }])],
        vec![Command::Curate(vec![Edit::Ignore {
            form: "Kremlin".into(),
        }])],
    ];
    for edit in edits {
        let before = harness.state().session.snapshot();
        for action in edit.clone() {
            harness.state_mut().apply(action);
        }
        let after = harness.state().session.snapshot();
        assert_ne!(before, after, "{edit:?} changed nothing");
        harness.state_mut().apply(Command::Undo);
        assert_eq!(
            harness.state().session.snapshot(),
            before,
            "undo of {edit:?}"
        );
        harness.state_mut().apply(Command::Redo);
        assert_eq!(
            harness.state().session.snapshot(),
            after,
            "redo of {edit:?}"
        );
        harness.state_mut().apply(Command::Undo);
    }
}

#[test]
fn the_camera_frames_the_layout_where_it_comes_to_rest() {
    // A background layout starts running when the corpus has loaded; once
    // the model is there, Settled means it came to rest.
    let mut harness =
        common::app_with_options(egui::vec2(1200.0, 760.0), None, common::background());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while harness.state().session.layout.state != LayoutState::Settled {
        assert!(std::time::Instant::now() < deadline, "no rest in 60 s");
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.step();
    }
    harness.run_steps(2);
    let app = harness.state();
    let model = app.session.model.clone().unwrap();
    let (nodes, _) = app.session.visibility(&model);
    let rect = app.map_rect().unwrap();
    // The user never touched the camera: it is the fit of the final places.
    let fit = knowmap::io::picture::Camera::fit(
        [rect.width(), rect.height()],
        app.session
            .positions
            .iter()
            .zip(&nodes)
            .filter(|(_, v)| **v)
            .map(|(p, _)| *p),
    );
    assert_eq!(app.session.camera.camera.center, fit.center);
    assert_eq!(app.session.camera.camera.zoom, fit.zoom);
}

#[test]
fn a_long_headline_does_not_widen_the_side_panel() {
    let dir = tempfile::tempdir().unwrap();
    let headline = "A very long headline about the negotiations ".repeat(10);
    // A page's og:title is taken whole as the headline.
    std::fs::write(
        dir.path().join("long.html"),
        format!("<html><head><meta property=\"og:title\" content=\"{headline}\"></head><body><p>Vladimir Putin spoke about Ukraine and Russia in Moscow, officials said.</p></body></html>"),
    )
    .unwrap();
    let mut h = common::loaded_app(egui::vec2(1200.0, 800.0), Some(dir.path().to_path_buf()));
    let before = h.get_by_label("Knowledge map").rect().width();
    h.get_by_label("Articles (1)").click();
    h.run_steps(4);
    let after = h.get_by_label("Knowledge map").rect().width();
    assert!(after > 400.0, "the map was squeezed to {after} px");
    assert!((before - after).abs() < 40.0, "{before} → {after}");
}

#[test]
fn a_typed_folder_path_opens_the_folder_with_enter() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "Talks\n\nVladimir Putin spoke about Ukraine in Moscow.\n\nVolodymyr Zelenskyy met Donald Trump.\n",
    )
    .unwrap();
    let mut h = harness();
    // Where no native dialog opens, Ctrl+O opens this window directly.
    h.state_mut().apply(knowmap::ui::UiAction::AskFolderPath);
    h.run_steps(2);
    let field = h.get_by_label("Folder path");
    field.type_text(&dir.path().display().to_string());
    h.run_steps(1);
    h.key_press(egui::Key::Enter);
    h.run_steps(1);
    assert!(
        h.query_by_label("Folder path").is_none(),
        "the window closes"
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while h
        .state()
        .session
        .model
        .as_ref()
        .unwrap()
        .corpus
        .articles
        .len()
        != 1
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the folder did not open"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
}

#[test]
fn escape_closes_the_folder_path_window_without_opening_anything() {
    let mut h = harness();
    h.state_mut().apply(knowmap::ui::UiAction::AskFolderPath);
    h.run_steps(2);
    h.get_by_label("Folder path").type_text("/tmp");
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert!(h.query_by_label("Folder path").is_none());
    assert!(!h.state().session.is_loading());
}

#[test]
fn a_new_view_is_named_in_its_own_window_from_the_menu() {
    let dir = fixture::sample_folder();
    let mut h = common::loaded_app(egui::vec2(1400.0, 900.0), Some(dir.path().to_path_buf()));
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("Views").click();
    h.run_steps(2);
    h.get_by_label("Save as a new view…").click();
    // The menu closes, the window opens after the frame of the click.
    h.run_steps(4);
    // The field is in a window of its own: typing into it keeps it open.
    h.get_by_label("View name").type_text("overview");
    h.run_steps(1);
    h.key_press(egui::Key::Enter);
    h.run_steps(2);
    assert!(h.query_by_label("View name").is_none());
    assert_eq!(h.state().session.view_name, "overview");
    assert!(
        h.state()
            .session
            .view_names
            .contains(&"overview".to_owned())
    );
    assert!(dir.path().join(".knowmap/layout.json").is_file());
}

#[test]
fn shift_dragging_a_node_onto_another_holds_the_target_and_merges() {
    let mut h = harness();
    let putin = node_of(h.state(), "Vladimir Putin");
    let russia = node_of(h.state(), "Russia");
    let from = h.get_by_label("Vladimir Putin").rect().center();
    let to = h.get_by_label("Russia").rect().center();
    h.event(egui::Event::ModifiersChanged(egui::Modifiers::SHIFT));
    h.event(egui::Event::PointerMoved(from));
    h.run_steps(2);
    h.event(egui::Event::PointerButton {
        pos: from,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::SHIFT,
    });
    h.run_steps(1);
    for k in 1..=12 {
        h.event(egui::Event::PointerMoved(
            from + (to - from) * (k as f32 / 12.0),
        ));
        h.run_steps(1);
    }
    // Over the target: from the next frame on it is held where it is, so
    // it cannot drift away.
    h.run_steps(1);
    assert!(
        h.state().session.layout.held.contains(&russia.raw()),
        "{:?}",
        h.state().session.layout.held
    );
    let russia_at = h.state().session.positions[russia.index()];
    h.run_steps(3);
    assert_eq!(h.state().session.positions[russia.index()], russia_at);
    h.event(egui::Event::PointerButton {
        pos: to,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::SHIFT,
    });
    h.run_steps(2);
    h.event(egui::Event::ModifiersChanged(egui::Modifiers::NONE));
    h.run_steps(1);
    let session = &h.state().session;
    assert!(
        session.find_node("actor:Vladimir Putin").is_none(),
        "merged"
    );
    assert!(session.status.text.contains("merge"), "{}", session.status);
    assert!(!session.layout.held.contains(&russia.raw()));
    assert!(session.layout.held.is_empty());
    let _ = putin;
}

#[test]
fn a_reopened_layout_shows_nodes_at_their_saved_size() {
    let dir = fixture::sample_folder();
    let size = egui::vec2(1400.0, 900.0);
    let mut first = common::loaded_app(size, Some(dir.path().to_path_buf()));
    first.run_steps(2);
    let saved = first.state().session.camera;
    first.state_mut().apply(Command::SaveLayout);
    assert!(!first.state().session.dirty);
    let mut again = common::loaded_app(size, Some(dir.path().to_path_buf()));
    again.run_steps(2);
    let restored = again.state().session.camera;
    assert_eq!(
        restored.camera, saved.camera,
        "the saved camera is restored"
    );
    // Node sizes are relative to the fitting zoom: it must be the same one,
    // or every node is drawn larger (or smaller) than when it was saved.
    assert!(
        (restored.base_zoom - saved.base_zoom).abs() <= saved.base_zoom * 1e-3,
        "{} vs {}",
        restored.base_zoom,
        saved.base_zoom
    );
}

#[test]
fn dragging_a_node_stops_the_camera_following_the_layout() {
    let mut h = harness();
    h.state_mut().session.camera.user_moved = false;
    let at = h.get_by_label("Donald Trump").rect().center();
    h.event(egui::Event::PointerMoved(at));
    h.run_steps(2);
    h.event(egui::Event::PointerButton {
        pos: at,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    h.run_steps(1);
    for k in 1..=5 {
        h.event(egui::Event::PointerMoved(
            at + egui::vec2(8.0 * k as f32, 0.0),
        ));
        h.run_steps(1);
    }
    h.event(egui::Event::PointerButton {
        pos: at + egui::vec2(40.0, 0.0),
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    h.run_steps(2);
    assert!(h.state().session.camera.user_moved);
}

#[test]
fn a_folder_that_cannot_be_read_says_why_and_keeps_the_map() {
    let mut h = harness();
    let missing = std::env::temp_dir().join("knowmap-missing-folder-3f2a");
    h.state_mut()
        .apply(Command::OpenFolder(Some(missing.clone())));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while h.state().session.is_loading() {
        assert!(std::time::Instant::now() < deadline);
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    h.run_steps(2);
    h.get_by_label("Cannot open the folder");
    h.get_by_label(&missing.display().to_string());
    h.get_by_label("The map that was open stays.");
    assert!(
        h.state().session.load_progress().is_none(),
        "no progress left turning"
    );
    h.get_by_label("Dismiss").click();
    h.run_steps(2);
    assert!(h.query_by_label("Cannot open the folder").is_none());
    assert_eq!(
        h.state()
            .session
            .model
            .as_ref()
            .unwrap()
            .corpus
            .articles
            .len(),
        5
    );
}

#[test]
fn starting_on_a_missing_folder_offers_a_way_out_instead_of_a_spinner() {
    let missing = std::env::temp_dir().join("knowmap-missing-folder-9c1e");
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1200.0, 760.0))
        .build_eframe(move |cc| {
            KnowmapApp::with_options(cc, Some(missing), knowmap::session::Options::headless())
        });
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while h.state().session.is_loading() {
        assert!(std::time::Instant::now() < deadline);
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    h.run_steps(2);
    h.get_by_label("Cannot open the folder");
    h.get_by_label_contains("No map is open");
    h.get_by_label("Open the bundled sample").click();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while h.state().session.model.is_none() {
        assert!(std::time::Instant::now() < deadline);
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
}

#[test]
fn community_names_are_labelled_buttons_that_show_the_community_alone() {
    let mut h = harness();
    h.state_mut().apply(Command::SetColorByCommunity(true));
    h.run_steps(3);
    let region = h
        .get_all_by_label_contains("Community: ")
        .next()
        .expect("a community named on the map")
        .rect()
        .center();
    common::click_at(&mut h, region);
    h.run_steps(2);
    assert!(h.state().session.filter.community.is_some());
    // The link controls are labelled too.
    h.get_by_label("all links");
    h.get_by_label_contains("link strength");
}

#[test]
fn an_export_without_a_dialog_says_where_it_goes_before_writing() {
    use knowmap::session::ExportFormat;
    let dir = fixture::sample_folder();
    let mut h = common::loaded_app(egui::vec2(1400.0, 900.0), Some(dir.path().to_path_buf()));
    let path = h
        .state()
        .session
        .default_export_path(&ExportFormat::Svg.file_name())
        .unwrap();
    // No dialog can open here (no portal): the window proposes the
    // folder's export directory and writes nothing until confirmed.
    h.state_mut().save_dialog =
        std::sync::Arc::new(|_: &knowmap::ui::SaveRequest| knowmap::ui::SaveAnswer::Unavailable);
    h.state_mut()
        .apply(knowmap::ui::UiAction::Export(ExportFormat::Svg));
    h.run_steps(2);
    h.get_by_label(&path.display().to_string());
    assert!(!path.exists(), "nothing written before the user says so");
    h.get_by_label("Export there").click();
    h.run_steps(2);
    assert!(path.is_file());
    let svg = std::fs::read_to_string(&path).unwrap();
    // The whole map by default: every labelled node of the map is in it.
    assert!(
        svg.contains(">Ukraine<") && svg.contains(">Russia<"),
        "{}",
        &svg[..200]
    );
}

/// Records what the window asked the desktop to open, instead of opening it.
fn recording_opener(
    h: &mut egui_kittest::Harness<'_, knowmap::ui::KnowmapApp>,
) -> std::sync::Arc<std::sync::Mutex<Vec<knowmap::ui::OpenRequest>>> {
    let asked = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = asked.clone();
    h.state_mut().opener = std::sync::Arc::new(move |request: &knowmap::ui::OpenRequest| {
        sink.lock().unwrap().push(request.clone());
        Ok(())
    });
    asked
}

#[test]
fn a_chart_table_without_a_dialog_is_confirmed_and_a_chosen_path_is_written_at_once() {
    let dir = fixture::sample_folder();
    let mut h = common::loaded_app(egui::vec2(1400.0, 900.0), Some(dir.path().to_path_buf()));
    let table = knowmap::graph::charts::Table {
        header: vec!["a".into()],
        rows: vec![vec!["1".into()]],
    };
    h.state_mut().save_dialog =
        std::sync::Arc::new(|_: &knowmap::ui::SaveRequest| knowmap::ui::SaveAnswer::Unavailable);
    h.state_mut().apply(knowmap::ui::UiAction::SaveTable {
        name: "degrees".into(),
        table: table.clone(),
    });
    h.run_steps(2);
    let proposed = h
        .state()
        .session
        .default_export_path("degrees.csv")
        .unwrap();
    h.get_by_label(&proposed.display().to_string());
    assert!(!proposed.exists());
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert!(!proposed.exists(), "Escape writes nothing");
    // A path chosen in a dialog is written without asking again.
    let chosen = dir.path().join("chosen.csv");
    let answer = chosen.clone();
    h.state_mut().save_dialog = std::sync::Arc::new(move |_: &knowmap::ui::SaveRequest| {
        knowmap::ui::SaveAnswer::Chosen(answer.clone())
    });
    h.state_mut().apply(knowmap::ui::UiAction::SaveTable {
        name: "degrees".into(),
        table,
    });
    h.run_steps(2);
    assert_eq!(std::fs::read_to_string(&chosen).unwrap(), "a\n1\n");
}

#[test]
fn an_export_offers_to_show_the_file_in_its_folder() {
    use knowmap::session::ExportFormat;
    let dir = fixture::sample_folder();
    let mut h = common::loaded_app(egui::vec2(1400.0, 900.0), Some(dir.path().to_path_buf()));
    let asked = recording_opener(&mut h);
    assert!(h.query_by_label("Show in folder").is_none());
    let path = h
        .state()
        .session
        .default_export_path(&ExportFormat::Gexf.file_name())
        .unwrap();
    h.state_mut()
        .apply(Command::Export(ExportFormat::Gexf, path.clone()));
    h.run_steps(2);
    h.get_by_label("Show in folder").click();
    h.run_steps(2);
    assert_eq!(
        *asked.lock().unwrap(),
        [knowmap::ui::OpenRequest::ShowInFolder(path)]
    );
    // The next command's status is not about a file: the button goes.
    h.state_mut().apply(Command::Hide(NodeId::new(0)));
    h.state_mut().apply(Command::Undo);
    h.run_steps(2);
    assert!(h.query_by_label("Show in folder").is_none());
}

#[test]
fn the_reader_opens_the_original_file() {
    let dir = fixture::sample_folder();
    let mut h = common::loaded_app(egui::vec2(1400.0, 900.0), Some(dir.path().to_path_buf()));
    let asked = recording_opener(&mut h);
    h.state_mut()
        .apply(Command::SelectArticle(ArticleId::new(1)));
    h.run_steps(2);
    h.get_by_label("Open original").click();
    h.run_steps(2);
    let source = h.state().session.model.as_ref().unwrap().corpus.articles[1]
        .source
        .clone();
    assert_eq!(
        *asked.lock().unwrap(),
        [knowmap::ui::OpenRequest::Open(dir.path().join(source))]
    );
}

#[test]
fn the_bundled_sample_has_no_original_to_open() {
    let mut h = harness();
    h.state_mut()
        .apply(Command::SelectArticle(ArticleId::new(0)));
    h.run_steps(2);
    h.get_by_label("Date…");
    assert!(h.query_by_label("Open original").is_none());
}

#[test]
fn an_article_date_is_corrected_from_the_reader() {
    let mut h = harness();
    h.state_mut()
        .apply(Command::SelectArticle(ArticleId::new(0)));
    h.run_steps(2);
    h.get_by_label("Date…").click();
    h.run_steps(4);
    h.get_by_label("Article date");
    // Replace whatever date is there (the field has the focus).
    for _ in 0..12 {
        h.key_press(egui::Key::Backspace);
    }
    h.get_by_label("Article date").type_text("4 January 2019");
    h.run_steps(1);
    h.key_press(egui::Key::Enter);
    h.run_steps(2);
    assert!(h.query_by_label("Article date").is_none());
    let date = h.state().session.model.as_ref().unwrap().corpus.articles[0]
        .meta
        .date;
    assert_eq!(
        date,
        Some((
            knowmap::corpus::Date::new(2019, 1, 4).unwrap(),
            knowmap::corpus::DateSource::Corrected
        ))
    );
}

/// The Articles section's outlet menu maps one outlet's articles alone (the
/// others are left out as with their ticks), in one undoable step.
#[test]
fn the_outlet_menu_maps_one_outlet_alone() {
    let dir = tempfile::tempdir().unwrap();
    let mail = |from: &str, subject: &str, body: &str| {
        format!(
            "From: {from}\nSubject: {subject}\nDate: Mon, 1 Dec 2025 09:00:00 +0000\n\n{body}\n"
        )
    };
    for (name, from, subject, body) in [
        (
            "a.eml",
            "The Daily Ledger <news@ledger.example>",
            "Talks in Geneva",
            "Vladimir Putin spoke about Ukraine in Moscow.",
        ),
        (
            "b.eml",
            "The Daily Ledger <news@ledger.example>",
            "Talks in Vienna",
            "Emmanuel Macron met Olaf Scholz in Berlin.",
        ),
        (
            "c.eml",
            "Evening Post <desk@post.example>",
            "Markets",
            "Shares rose in Frankfurt as Germany cut taxes.",
        ),
    ] {
        std::fs::write(dir.path().join(name), mail(from, subject, body)).unwrap();
    }
    let mut harness = common::loaded_app(egui::vec2(1400.0, 900.0), Some(dir.path().to_path_buf()));
    let outlets = harness
        .state()
        .session
        .model
        .as_ref()
        .unwrap()
        .corpus
        .outlets();
    assert_eq!(
        outlets[0],
        (
            "The Daily Ledger".to_owned(),
            vec![ArticleId::new(0), ArticleId::new(1)]
        )
    );
    assert_eq!(
        outlets[1],
        ("Evening Post".to_owned(), vec![ArticleId::new(2)])
    );
    harness.get_by_label("Articles (3)").click();
    harness.run_steps(2);
    harness.get_by_label("outlet").click();
    harness.run_steps(2);
    harness.get_by_label("Evening Post (1)").click();
    harness.run_steps(3);
    assert_eq!(
        harness.state().session.filter.excluded_articles,
        vec![ArticleId::new(0), ArticleId::new(1)]
    );
    harness.state_mut().apply(Command::Undo);
    harness.run_steps(2);
    assert!(harness.state().session.filter.excluded_articles.is_empty());
}

#[test]
fn zoomed_in_the_overview_shows_the_whole_map_and_a_click_on_it_moves_the_view() {
    let mut h = harness();
    assert!(
        h.query_by_label("Overview map").is_none(),
        "the whole map is in view: no overview"
    );
    {
        let view = &mut h.state_mut().session.camera;
        view.user_moved = true;
        view.camera.zoom *= 6.0;
    }
    h.run_steps(2);
    let overview = h.get_by_label("Overview map").rect();
    let before = h.state().session.camera.camera.center;
    // Towards the overview's top-left corner: the view moves up and left.
    let at = overview.min + (overview.max - overview.min) * 0.2;
    common::click_at(&mut h, at);
    let after = h.state().session.camera.camera.center;
    assert!(
        after[0] < before[0] && after[1] < before[1],
        "{before:?} -> {after:?}"
    );
    // A click there selects nothing under the overview.
    assert_eq!(h.state().session.selection, Selection::None);
    // Zoomed out again, the overview goes.
    h.state_mut().session.camera.camera.zoom /= 12.0;
    h.run_steps(2);
    assert!(h.query_by_label("Overview map").is_none());
}

#[test]
fn a_community_collapses_to_one_node_from_the_legend_and_expands_again() {
    use egui_kittest::kittest::NodeT as _;
    let mut h = harness();
    h.state_mut().session.color_by_community = true;
    h.run_steps(3);
    let shown = |h: &Harness<'static, KnowmapApp>| {
        let s = &h.state().session;
        let model = s.model.clone().unwrap();
        s.visibility(&model).0.iter().filter(|v| **v).count()
    };
    let before = shown(&h);
    // The legend lists the largest community first.
    let label = h
        .get_all_by_label_contains("Collapse community ")
        .next()
        .unwrap()
        .accesskit_node()
        .label()
        .unwrap();
    let community: u32 = label
        .trim_start_matches("Collapse community ")
        .parse()
        .unwrap();
    h.get_by_label(&label).click();
    h.run_steps(3);
    assert_eq!(h.state().session.filter.collapsed, vec![community]);
    let after = shown(&h);
    assert!(after < before, "{before} nodes before, {after} collapsed");
    // The node standing for it is on the map under the community's label.
    let group = {
        let s = &h.state().session;
        let model = s.model.clone().unwrap();
        let (nodes, _) = s.visibility(&model);
        s.collapse(&model, &nodes).groups[0].clone()
    };
    assert!(group.members >= 2);
    assert!(
        h.query_by_label(&group.label).is_some(),
        "{} on the map",
        group.label
    );
    // Selected, it shows the whole community's evidence: every member's
    // paragraphs, not only its representative's.
    h.state_mut()
        .apply(Command::Select(Selection::Node(group.node)));
    h.run_steps(3);
    assert!(
        h.query_by_label(&format!("Community {community}"))
            .is_some()
    );
    let (members, evidence) = {
        let model = h.state().session.model.clone().unwrap();
        let (members, evidence) = knowmap::graph::view::community_evidence(&model, community);
        let own = model.graph[group.node].paragraphs.len();
        assert!(evidence.len() > own, "{} vs {own}", evidence.len());
        (members.len(), evidence.len())
    };
    assert!(
        h.query_by_label_contains(&format!("{members} nodes · {evidence} paragraphs in all"))
            .is_some()
    );
    assert!(h.query_by_label(&format!("Members ({members})")).is_some());
    // Expanded from the legend: the map as it was; undo folds it again.
    h.get_by_label(&format!("Expand community {community}"))
        .click();
    h.run_steps(3);
    assert!(h.state().session.filter.collapsed.is_empty());
    assert_eq!(shown(&h), before);
    h.state_mut().apply(Command::Undo);
    h.run_steps(2);
    assert_eq!(h.state().session.filter.collapsed, vec![community]);
}
