//! Invariants that must hold for any input: offsets, evidence, layout
//! positions, layout-file round trips, undo.
#![allow(clippy::unwrap_used)]

use knowmap::corpus::read::SourceFile;
use knowmap::corpus::{Corpus, Furniture};
use knowmap::extract::curate::Edit;
use knowmap::extract::{Category, NodeKey};
use knowmap::graph::NodeId;
use knowmap::graph::{Model, ModelSettings};
use knowmap::io::layout_file::{self, LayoutFile, NodeState, View};
use knowmap::session::{Command, Session};
use proptest::prelude::*;

/// Pieces articles are made of: names, topics, function words, punctuation,
/// line breaks and awkward characters.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "Donald Trump", "Trump", "Volodymyr Zelenskyy", "Zelenskiy", "the Kremlin",
            "Russia", "Ukraine", "NATO", "Kyiv", "Geneva", "the European Union",
            "Emmanuel Macron", "Macron", "U.S.", "Vladimir Putin's",
        ]).prop_map(str::to_owned),
        4 => prop::sample::select(vec![
            "security guarantees", "ceasefire", "the ceasefire talks", "sanctions",
            "a peace deal", "territorial concessions", "the nuclear plant", "negotiations",
        ]).prop_map(str::to_owned),
        6 => prop::sample::select(vec![
            "said", "met", "on", "with", "and", "the", "in", "about", "that", "would",
            "discussed", "officials", "reported", "a", "of",
        ]).prop_map(str::to_owned),
        3 => prop::sample::select(vec![".", ",", ";", ":", "\"", "’s", "—", "(", ")", "!", "?"])
            .prop_map(str::to_owned),
        2 => prop::sample::select(vec!["\n", "\n\n", "\r\n", "\r", "\t"]).prop_map(str::to_owned),
        1 => "\\PC{1,3}",
        1 => prop::sample::select(vec!["é", "ü", "\u{301}", "\u{200B}", "🙂", "שלום", "ß", "İ", "\u{0}"])
            .prop_map(str::to_owned),
    ]
}

fn article() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..120).prop_map(|pieces| pieces.join(" "))
}

fn corpus() -> impl Strategy<Value = Corpus> {
    prop::collection::vec(article(), 1..5).prop_map(|texts| {
        let files = texts
            .into_iter()
            .enumerate()
            .map(|(i, text)| SourceFile {
                path: format!("{i}.txt"),
                bytes: text.into_bytes(),
                modified: None,
            })
            .collect();
        Corpus::from_sources(files, &Furniture::builtin(), Vec::new())
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn offsets_are_char_boundaries_and_evidence_holds(corpus in corpus()) {
        let model = Model::build(corpus, &ModelSettings::default());
        for a in &model.corpus.articles {
            for b in &a.blocks {
                prop_assert!(b.start <= b.end && b.end <= a.text.len());
                prop_assert!(a.text.is_char_boundary(b.start) && a.text.is_char_boundary(b.end));
            }
        }
        for m in &model.extraction.mentions {
            let a = &model.corpus.articles[m.article.index()];
            prop_assert!(m.start < m.end && m.end <= a.text.len());
            prop_assert!(a.text.is_char_boundary(m.start) && a.text.is_char_boundary(m.end));
            let block = &a.blocks[m.block as usize];
            prop_assert!(block.start <= m.start && m.end <= block.end);
            // The mention's text is one of its node's written forms.
            let e = &model.extraction.entities[m.node as usize];
            let text = &a.text[m.start..m.end];
            let key = knowmap::extract::gazetteer::key(text);
            prop_assert!(
                knowmap::extract::gazetteer::key(&e.label) == key
                    || e.aliases.iter().any(|x| knowmap::extract::gazetteer::key(&x.form) == key)
                    || e.kind == knowmap::extract::NodeKind::Topic,
                "{text:?} is not a form of {:?}", e.label
            );
        }
        let g = &model.graph;
        for e in g.edge_ids() {
            let (a, b) = g.endpoints(e).unwrap();
            prop_assert_eq!(g[e].count as usize, g[e].paragraphs.len());
            for p in &g[e].paragraphs {
                let here: Vec<u32> = model
                    .extraction
                    .mentions_in_article(p.article)
                    .iter()
                    .filter(|m| m.paragraph == Some(p.paragraph))
                    .map(|m| m.node)
                    .collect();
                prop_assert!(here.contains(&(a.index() as u32)) && here.contains(&(b.index() as u32)));
            }
        }
    }
}

fn finite() -> impl Strategy<Value = f32> {
    prop_oneof![
        -1e6f32..1e6f32,
        Just(0.0),
        Just(-0.0),
        Just(f32::MIN_POSITIVE),
        Just(f32::MAX),
        Just(f32::MIN)
    ]
}

fn view() -> impl Strategy<Value = View> {
    (
        prop::collection::btree_map(
            "(actor|topic):\\PC{0,20}",
            (finite(), finite(), any::<bool>(), any::<bool>()),
            0..12,
        ),
        prop::option::of((finite(), finite(), 1e-4f32..1e4)),
        prop::option::of(key()),
    )
        .prop_map(|(nodes, camera, selection)| View {
            nodes: nodes
                .into_iter()
                .map(|(k, (x, y, pinned, hidden))| {
                    (
                        NodeKey::parse(&k).expect("the pattern makes keys"),
                        NodeState {
                            x,
                            y,
                            pinned,
                            hidden,
                        },
                    )
                })
                .collect(),
            camera: camera.map(|(x, y, z)| [x, y, z]),
            selection,
            ..View::default()
        })
}

/// A node key of either kind with any label.
fn key() -> impl Strategy<Value = NodeKey> {
    (any::<bool>(), "\\PC{0,12}").prop_map(|(actor, label)| {
        if actor {
            NodeKey::actor(label)
        } else {
            NodeKey::topic(label)
        }
    })
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (key(), key()).prop_map(|(from, into)| Edit::Merge { from, into }),
        (key(), "\\PC{1,12}").prop_map(|(node, label)| Edit::Rename { node, label }),
        (key(), prop::sample::select(Category::ALL.to_vec()))
            .prop_map(|(node, category)| Edit::SetCategory { node, category }),
        "\\PC{1,12}".prop_map(|form| Edit::Ignore { form }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn saving_then_loading_a_layout_file_is_the_identity(
        views in prop::collection::btree_map("\\PC{1,10}", view(), 1..4),
        curation in prop::collection::vec(edit(), 0..6),
        articles in prop::collection::btree_map("\\PC{1,16}", "[0-9a-f]{16}", 0..5),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("layout.json");
        let mut file = LayoutFile {
            current: views.keys().next().unwrap().clone(),
            views,
            curation,
            ..LayoutFile::default()
        };
        file.fingerprint.articles = articles;
        layout_file::save(&path, &file).unwrap();
        let loaded = layout_file::load(&path).unwrap();
        prop_assert_eq!(loaded, file);
    }
}

/// An action a person could take on the sample map, by node number.
#[derive(Debug, Clone)]
enum Step {
    Command(Command),
    /// Rename the node with this number (its real key is looked up).
    Rename(u32, String),
    /// Give the node with this number another category.
    Recategorize(u32, Category),
}

fn action(nodes: u32) -> impl Strategy<Value = Step> {
    prop_oneof![
        (0..nodes, finite(), finite()).prop_map(|(n, x, y)| Step::Command(Command::MoveNode(
            NodeId::from_raw(n),
            [x.clamp(-1e4, 1e4), y.clamp(-1e4, 1e4)]
        ))),
        (0..nodes, any::<bool>())
            .prop_map(|(n, p)| Step::Command(Command::Pin(NodeId::from_raw(n), p))),
        (0..nodes).prop_map(|n| Step::Command(Command::Hide(NodeId::from_raw(n)))),
        (0..nodes).prop_map(|n| Step::Command(Command::Focus(NodeId::from_raw(n)))),
        (0..nodes, 0..nodes).prop_map(|(a, b)| Step::Command(Command::MergeNodes(
            NodeId::from_raw(a),
            NodeId::from_raw(b)
        ))),
        (1u32..6, 0.0f32..0.6, any::<bool>(), any::<bool>()).prop_map(
            |(m, w, actors, unlinked)| {
                Step::Command(Command::SetFilter(knowmap::session::Filter {
                    min_mentions: m,
                    min_weight: w,
                    actors,
                    hide_unlinked: unlinked,
                    ..knowmap::session::Filter::default()
                }))
            }
        ),
        (0..nodes, "[A-Za-z ]{1,12}").prop_map(|(n, label)| Step::Rename(n, label)),
        (0..nodes, prop::sample::select(Category::ALL.to_vec()))
            .prop_map(|(n, c)| Step::Recategorize(n, c)),
    ]
}

/// The command a step stands for on this session, if its nodes exist.
fn resolve(session: &Session, step: &Step) -> Option<Command> {
    let n = session.positions.len() as u32;
    match step {
        Step::Command(command) => {
            let in_range = match command {
                Command::MoveNode(a, _)
                | Command::Pin(a, _)
                | Command::Hide(a)
                | Command::Focus(a) => a.raw() < n,
                Command::MergeNodes(a, b) => a.raw() < n && b.raw() < n,
                _ => true,
            };
            in_range.then(|| command.clone())
        }
        Step::Rename(node, label) => Some(Command::Curate(vec![Edit::Rename {
            node: session.node_key(NodeId::from_raw(*node))?,
            label: label.clone(),
        }])),
        Step::Recategorize(node, category) => Some(Command::Curate(vec![Edit::SetCategory {
            node: session.node_key(NodeId::from_raw(*node))?,
            category: *category,
        }])),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn undo_restores_the_exact_prior_state_and_redo_the_next(
        steps in prop::collection::vec(action(69), 1..6)
    ) {
        let mut session = Session::open_blocking(None);
        for step in steps {
            let Some(command) = resolve(&session, &step) else {
                continue;
            };
            let before = session.snapshot();
            let history_before = session.can_undo();
            let dirty_before = session.dirty;
            let _ = session.apply(command.clone());
            let after = session.snapshot();
            if after == before {
                // A command that changed nothing leaves history and dirty alone.
                prop_assert_eq!(session.can_undo(), history_before, "{:?}", command);
                prop_assert_eq!(session.dirty, dirty_before, "{:?}", command);
                continue;
            }
            prop_assert!(session.dirty);
            prop_assert_eq!(session.can_undo(), (true, false), "{:?}", command);
            session.apply(Command::Undo).unwrap();
            prop_assert_eq!(&session.snapshot(), &before, "undo of {:?}", command);
            session.apply(Command::Redo).unwrap();
            prop_assert_eq!(&session.snapshot(), &after, "redo of {:?}", command);
            prop_assert!(session.positions.iter().all(|p| p[0].is_finite() && p[1].is_finite()));
        }
    }
}

/// The curation arm of the property above reaches real nodes: a rename of
/// node 0 changes the map and undo takes it back.
#[test]
fn curations_are_exercised() {
    let mut session = Session::open_blocking(None);
    let command = resolve(&session, &Step::Rename(0, "Somebody Else".into())).unwrap();
    let before = session.snapshot();
    session.apply(command).unwrap();
    assert_ne!(session.snapshot(), before);
    assert!(
        session
            .node_label(NodeId::new(0))
            .is_some_and(|l| l == "Somebody Else")
    );
    session.apply(Command::Undo).unwrap();
    assert_eq!(session.snapshot(), before);
}
