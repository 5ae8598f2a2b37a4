//! The watched folder: articles added, changed and removed are read again
//! and merged into the map, keeping places, pins, corrections and the
//! selection; a change is acted on once it holds still.
#![allow(clippy::unwrap_used)]

mod fixture;

use knowmap::extract::curate::Edit;
use knowmap::session::{Command, Selection, Session};

/// Checks the folder until a reload starts (a change must be seen the same
/// at two checks), then waits for it; bounded.
fn follow(s: &mut Session) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !s.watch_now() {
        assert!(std::time::Instant::now() < deadline, "no reload started");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    s.finish_loading();
}

#[test]
fn added_changed_and_removed_articles_are_merged_into_the_map() {
    let dir = fixture::sample_folder();
    let mut s = Session::open_blocking(Some(dir.path().to_path_buf()));
    let russia = s.find_node("actor:Russia").unwrap();
    s.apply(Command::MoveNode(russia, [123.0, -45.0])).unwrap();
    s.apply(Command::Pin(russia, true)).unwrap();
    let trump = s.find_node("actor:Donald Trump").unwrap();
    s.apply(Command::Curate(vec![Edit::Rename {
        node: s.node_key(trump).unwrap(),
        label: "President Trump".into(),
    }]))
    .unwrap();
    s.apply(Command::Select(Selection::Node(russia))).unwrap();
    // Nothing changed: no reload.
    assert!(!s.watch_now());
    assert!(!s.watch_now());
    let articles = s.model.as_ref().unwrap().corpus.articles.len();

    std::fs::write(
        dir.path().join("zz-new.txt"),
        "Talks in Oslo\n\nJens Stoltenberg met Angela Merkel in Oslo to discuss the ceasefire.\n",
    )
    .unwrap();
    follow(&mut s);
    let model = s.model.clone().unwrap();
    assert_eq!(model.corpus.articles.len(), articles + 1);
    assert!(
        s.find_node("actor:Jens Stoltenberg").is_some(),
        "the new article is mapped"
    );
    // The work is kept, by key.
    let russia = s.find_node("actor:Russia").unwrap();
    assert_eq!(s.positions[russia.index()], [123.0, -45.0]);
    assert!(s.pinned[russia.index()]);
    assert_eq!(s.selection, Selection::Node(russia));
    assert!(
        s.find_node("actor:President Trump").is_some(),
        "the rename is kept"
    );
    assert!(
        s.status.text.contains("1 article added"),
        "{}",
        s.status.text
    );

    // A change and a removal.
    std::fs::write(
        dir.path().join("zz-new.txt"),
        "Talks in Oslo\n\nJens Stoltenberg met Emmanuel Macron in Oslo.\n",
    )
    .unwrap();
    let first = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .min()
        .unwrap();
    std::fs::remove_file(first).unwrap();
    follow(&mut s);
    assert_eq!(s.model.as_ref().unwrap().corpus.articles.len(), articles);
    assert!(
        s.status.text.contains("1 changed, 1 removed"),
        "{}",
        s.status.text
    );
    let russia = s.find_node("actor:Russia").unwrap();
    assert_eq!(s.positions[russia.index()], [123.0, -45.0]);
}

/// The window's way: `watch_tick` lists the folder on a background thread
/// and starts the reload at a later tick.
#[test]
fn the_ticking_watch_lists_in_the_background_and_follows() {
    let dir = fixture::sample_folder();
    let options = knowmap::session::Options {
        watch_interval: Some(std::time::Duration::ZERO),
        ..knowmap::session::Options::headless()
    };
    let mut s = Session::open_blocking_with(Some(dir.path().to_path_buf()), options);
    let articles = s.model.as_ref().unwrap().corpus.articles.len();
    std::fs::write(
        dir.path().join("zz-new.txt"),
        "Talks in Oslo\n\nJens Stoltenberg met Angela Merkel in Oslo.\n",
    )
    .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !s.is_loading() {
        assert!(std::time::Instant::now() < deadline, "no reload started");
        s.watch_tick();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    s.finish_loading();
    assert_eq!(
        s.model.as_ref().unwrap().corpus.articles.len(),
        articles + 1
    );
}
