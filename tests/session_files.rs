//! `session::files`: every field of a view survives a save and a fresh
//! open of the folder; views stay side by side; bad files are reported and
//! left untouched. No window involved.
#![allow(clippy::unwrap_used)]

use knowmap::corpus::ArticleId;
use knowmap::extract::NodeKey;
use knowmap::extract::curate::Edit;
use knowmap::io::layout_file;
use knowmap::io::picture::Camera;
use knowmap::layout::Fa2Settings;
use knowmap::session::{Command, Filter, Selection, Session, SessionError, StatusKind};

mod fixture;
use fixture::sample_folder;
use knowmap::graph::NodeId;

fn open(dir: &std::path::Path) -> Session {
    Session::open_blocking(Some(dir.to_path_buf()))
}

#[test]
fn every_view_field_comes_back_when_the_folder_opens_again() {
    let dir = sample_folder();
    let mut s = open(dir.path());
    let trump = s.find_node("actor:Donald Trump").unwrap();
    let ukraine = s.find_node("actor:Ukraine").unwrap();
    let russia = s.find_node("actor:Russia").unwrap();
    let first_article = s.model.as_ref().unwrap().corpus.articles[0].path.clone();
    s.apply(Command::MoveNode(trump, [12.5, -7.25])).unwrap();
    s.apply(Command::Hide(ukraine)).unwrap();
    let filter = Filter {
        min_mentions: 2,
        min_weight: 0.125,
        topic_topic: false,
        categories: [true, true, false, true, true],
        max_nodes: 40,
        hide_unlinked: false,
        excluded_articles: vec![ArticleId::new(0)],
        ..s.filter.clone()
    };
    s.apply(Command::SetFilter(filter.clone())).unwrap();
    s.apply(Command::SetColorByCommunity(true)).unwrap();
    let settings = Fa2Settings {
        gravity: 3.5,
        lin_log: true,
        scaling: 7.0,
        ..s.layout.settings
    };
    s.apply(Command::SetLayoutSettings(settings)).unwrap();
    s.apply(Command::Select(Selection::Node(russia))).unwrap();
    s.camera.camera = Camera {
        center: [4.0, 5.0],
        zoom: 2.5,
    };
    s.apply(Command::Curate(vec![Edit::Rename {
        node: NodeKey::actor("Donald Trump"),
        label: "President Trump".into(),
    }]))
    .unwrap();
    s.apply(Command::SaveLayout).unwrap();
    assert!(!s.dirty);
    assert_eq!(s.status.kind, StatusKind::Done);

    let again = open(dir.path());
    // Entity indices never change, so node numbers hold across a rename.
    assert!(again.find_node("actor:Donald Trump").is_none());
    assert_eq!(again.positions[trump.index()], [12.5, -7.25]);
    assert!(again.pinned[trump.index()], "a moved node is pinned");
    assert_eq!(again.filter.hidden, vec![ukraine]);
    let mut expected = filter;
    expected.hidden = vec![ukraine];
    assert_eq!(again.filter, expected);
    assert_eq!(
        again.model.as_ref().unwrap().corpus.articles[0].path,
        first_article
    );
    assert!(again.color_by_community);
    assert_eq!(again.layout.settings, settings);
    assert_eq!(again.selection, Selection::Node(russia));
    assert_eq!(
        again.camera.camera,
        Camera {
            center: [4.0, 5.0],
            zoom: 2.5
        }
    );
    assert!(again.camera.user_moved, "a saved camera is not re-fitted");
    assert_eq!(again.node_label(trump).unwrap(), "President Trump");
    assert_eq!(again.view_name, "default");
    assert!(!again.dirty);
    assert!(!again.can_undo().0, "opening is not an undo step");
}

#[test]
fn named_views_are_side_by_side_and_switching_is_undoable() {
    let dir = sample_folder();
    let mut s = open(dir.path());
    let trump = s.find_node("actor:Donald Trump").unwrap();
    s.apply(Command::MoveNode(trump, [1.0, 2.0])).unwrap();
    s.apply(Command::SaveLayout).unwrap();
    s.apply(Command::MoveNode(trump, [300.0, 400.0])).unwrap();
    s.apply(Command::SaveViewAs("wide".into())).unwrap();
    assert_eq!(s.view_names, vec!["default".to_owned(), "wide".to_owned()]);
    s.apply(Command::SwitchView("default".into())).unwrap();
    assert_eq!(s.positions[trump.index()], [1.0, 2.0]);
    s.apply(Command::Undo).unwrap();
    assert_eq!(s.view_name, "wide");
    assert_eq!(s.positions[trump.index()], [300.0, 400.0]);
    let error = s.apply(Command::SwitchView("nowhere".into())).unwrap_err();
    assert!(matches!(error, SessionError::NoSuchView { .. }), "{error}");
    assert!(s.status.text.contains("no view “nowhere”"), "{}", s.status);
    // An empty name is refused, the view stays.
    assert!(s.apply(Command::SaveViewAs("  ".into())).is_err());
    assert_eq!(s.view_name, "wide");
}

#[test]
fn a_layout_opened_by_hand_is_one_undoable_unsaved_change() {
    let dir = sample_folder();
    let elsewhere = tempfile::tempdir().unwrap();
    let path = elsewhere.path().join("mine.json");
    let mut s = open(dir.path());
    let trump = s.find_node("actor:Donald Trump").unwrap();
    s.apply(Command::MoveNode(trump, [7.0, 8.0])).unwrap();
    s.apply(Command::SaveLayoutAs(path.clone())).unwrap();
    assert!(s.dirty, "saved elsewhere, the folder's own file is not");
    let mut fresh = open(dir.path());
    let before = fresh.snapshot();
    fresh.apply(Command::OpenLayout(path)).unwrap();
    assert_eq!(fresh.positions[trump.index()], [7.0, 8.0]);
    assert!(fresh.dirty);
    fresh.apply(Command::Undo).unwrap();
    assert_eq!(fresh.snapshot(), before);
}

#[test]
fn a_corrupt_layout_file_is_reported_and_left_untouched() {
    let dir = sample_folder();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, b"{\"version\": 1, \"views\": [").unwrap();
    let mut s = open(dir.path());
    let before = s.snapshot();
    let error = s.apply(Command::OpenLayout(bad.clone())).unwrap_err();
    assert!(matches!(error, SessionError::Layout(_)), "{error}");
    assert_eq!(s.status.kind, StatusKind::Error);
    assert!(s.status.text.contains("damaged"), "{}", s.status);
    assert_eq!(s.snapshot(), before);
    assert!(!s.dirty);
    assert_eq!(
        std::fs::read(&bad).unwrap(),
        b"{\"version\": 1, \"views\": [".to_vec()
    );
}

#[test]
fn the_sample_has_no_folder_for_views_or_aliases() {
    let mut s = Session::open_blocking(None);
    for command in [
        Command::SaveLayout,
        Command::SaveViewAs("x".into()),
        Command::ExportAliases,
    ] {
        let error = s.apply(command.clone()).unwrap_err();
        assert!(
            matches!(error, SessionError::NoFolder { .. }),
            "{command:?}: {error}"
        );
        assert_eq!(s.status.kind, StatusKind::Notice);
    }
}

#[test]
fn aliases_are_written_with_a_backup_of_the_previous_file() {
    let dir = sample_folder();
    let mut s = open(dir.path());
    let putin = s.find_node("actor:Vladimir Putin").unwrap();
    let russia = s.find_node("actor:Russia").unwrap();
    s.apply(Command::MergeNodes(putin, russia)).unwrap();
    s.apply(Command::ExportAliases).unwrap();
    let path = dir.path().join(".knowmap/aliases.tsv");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("Vladimir Putin"), "{text}");
    s.apply(Command::ExportAliases).unwrap();
    assert!(dir.path().join(".knowmap/aliases.tsv.bak").is_file());
}

#[test]
fn an_autosave_is_offered_back_and_restoring_it_is_undoable() {
    let dir = sample_folder();
    let mut s = Session::open_blocking_with(
        Some(dir.path().to_path_buf()),
        knowmap::session::Options {
            background_layout: false,
            autosave: true,
            ..knowmap::session::Options::default()
        },
    );
    let trump = s.find_node("actor:Donald Trump").unwrap();
    s.apply(Command::MoveNode(trump, [21.0, 22.0])).unwrap();
    s.write_autosave();
    drop(s);
    let mut again = open(dir.path());
    assert_eq!(
        again.pending_autosave.as_deref(),
        Some(layout_file::autosave_path(dir.path()).as_path())
    );
    let before = again.snapshot();
    again.apply(Command::RestoreAutosave(true)).unwrap();
    assert_eq!(again.positions[trump.index()], [21.0, 22.0]);
    assert!(again.dirty);
    again.apply(Command::Undo).unwrap();
    assert_eq!(again.snapshot(), before);
}

#[test]
fn pictures_show_the_whole_map_unless_asked_for_the_view() {
    let mut s = Session::open_blocking(None);
    // A camera far into a corner: the view shows next to nothing.
    s.camera.camera = Camera {
        center: [1e5, 1e5],
        zoom: 5.0,
    };
    let view = s.view_picture().unwrap();
    let map = s.map_picture().unwrap();
    let model = s.model.clone().unwrap();
    let shown = s.visibility(&model).0.iter().filter(|v| **v).count();
    assert!(view.marks.len() < 5, "{}", view.marks.len());
    assert_eq!(map.marks.len(), shown);
    assert_eq!(s.export_picture().unwrap().marks.len(), shown);
    s.picture.view_only = true;
    assert_eq!(s.export_picture().unwrap().marks.len(), view.marks.len());
}

#[test]
fn a_corrected_article_date_is_undoable_saved_and_reapplied() {
    use knowmap::corpus::{Date, DateSource};
    let dir = sample_folder();
    let mut s = open(dir.path());
    let path = s.model.as_ref().unwrap().corpus.articles[1].path.clone();
    let day = Date::new(2025, 3, 14).unwrap();
    s.apply(Command::SetArticleDate {
        article: ArticleId::new(1),
        date: Some(day),
    })
    .unwrap();
    let dated = |s: &Session| s.model.as_ref().unwrap().corpus.articles[1].meta.date;
    assert_eq!(dated(&s), Some((day, DateSource::Corrected)));
    assert!(s.dirty);
    s.apply(Command::Undo).unwrap();
    assert_ne!(dated(&s).map(|d| d.1), Some(DateSource::Corrected));
    s.apply(Command::Redo).unwrap();
    assert_eq!(dated(&s), Some((day, DateSource::Corrected)));
    s.apply(Command::SaveLayout).unwrap();
    let again = open(dir.path());
    assert_eq!(dated(&again), Some((day, DateSource::Corrected)));
    assert_eq!(
        again.dates.get(&path).map(String::as_str),
        Some("2025-03-14")
    );
    // "No date" is a correction too, and taking it back restores the own date.
    let mut again = again;
    again
        .apply(Command::SetArticleDate {
            article: ArticleId::new(1),
            date: None,
        })
        .unwrap();
    assert_eq!(dated(&again), None);
    again
        .apply(Command::ClearArticleDate(ArticleId::new(1)))
        .unwrap();
    assert_ne!(dated(&again).map(|d| d.1), Some(DateSource::Corrected));
}

#[test]
fn the_original_of_an_archive_entry_is_the_archive() {
    use std::io::Write as _;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("plain.txt"),
        "Talks\n\nVladimir Putin spoke about Ukraine in Moscow.\n",
    )
    .unwrap();
    let file = std::fs::File::create(dir.path().join("news.zip")).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    zip.start_file("inner/story.txt", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(b"More talks\n\nEmmanuel Macron met Olaf Scholz in Berlin.\n")
        .unwrap();
    zip.finish().unwrap();
    let s = Session::open_blocking(Some(dir.path().to_path_buf()));
    let model = s.model.clone().unwrap();
    let originals: Vec<_> = (0..model.corpus.articles.len() as u32)
        .map(|a| s.original_file(a).unwrap())
        .collect();
    assert_eq!(
        originals,
        [dir.path().join("news.zip"), dir.path().join("plain.txt")]
    );
    assert!(Session::open_blocking(None).original_file(0).is_none());
}

#[test]
fn the_first_map_comes_before_its_communities_and_a_saved_community_filter_waits_for_them() {
    let dir = sample_folder();
    let mut s = open(dir.path());
    let russia = NodeId::from_raw(s.find_node("actor:Russia").unwrap().raw());
    let model = s.model.clone().unwrap();
    let community = model.graph[russia].community;
    let members = model
        .graph
        .node_ids()
        .filter(|&i| model.graph[i].community == community)
        .count();
    assert!(
        members < model.graph.node_count(),
        "one community is no test"
    );
    let filter = Filter {
        community: Some(community),
        ..s.filter.clone()
    };
    s.apply(Command::SetFilter(filter)).unwrap();
    s.apply(Command::SaveLayout).unwrap();

    let mut again = Session::new(knowmap::session::Options::headless());
    again
        .apply(Command::OpenFolder(Some(dir.path().to_path_buf())))
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while again.poll_loading().is_none() {
        assert!(
            std::time::Instant::now() < deadline,
            "the folder did not load"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    // The map is there; its metrics are not yet.
    assert!(again.metrics_pending());
    let first = again.model.clone().unwrap();
    assert!(first.graph.node_data().all(|n| n.community == 0));
    assert!(first.graph.node_data().all(|n| n.betweenness == 0.0));
    assert_eq!(again.filter.community, Some(community));

    again.finish_loading();
    assert!(!again.metrics_pending());
    let model = again.model.clone().unwrap();
    assert_eq!(model.graph[russia].community, community);
    assert!(model.graph.node_data().any(|n| n.betweenness > 0.0));
    let (visible, _) = again.visibility(&model);
    let shown: Vec<usize> = (0..visible.len()).filter(|&i| visible[i]).collect();
    assert!(
        !shown.is_empty(),
        "the community's nodes are shown once it is known"
    );
    assert!(
        shown
            .iter()
            .all(|&i| { model.graph[NodeId::new(i)].community == community })
    );
    let laid_out: Vec<usize> = again
        .layout
        .laid_out()
        .iter()
        .map(|&i| i as usize)
        .collect();
    assert_eq!(laid_out, shown, "and laid out");
}
