//! Invariants that must hold for any input: offsets, evidence, layout
//! positions, layout-file round trips, undo.
#![allow(clippy::unwrap_used)]

use knowmap::corpus::read::SourceFile;
use knowmap::corpus::{Corpus, Furniture};
use knowmap::extract::Category;
use knowmap::extract::curate::Edit;
use knowmap::graph::{Model, ModelSettings};
use knowmap::io::layout_file::{self, LayoutFile, NodeState, View};
use knowmap::ui::{Action, KnowmapApp};
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
            let a = &model.corpus.articles[m.article as usize];
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
        let g = &model.graph.graph;
        for e in g.edge_indices() {
            let (a, b) = g.edge_endpoints(e).unwrap();
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
        prop::option::of("\\PC{0,12}"),
    )
        .prop_map(|(nodes, camera, selection)| View {
            nodes: nodes
                .into_iter()
                .map(|(k, (x, y, pinned, hidden))| {
                    (
                        k,
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

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        ("\\PC{1,12}", "\\PC{1,12}").prop_map(|(from, into)| Edit::Merge { from, into }),
        ("\\PC{1,12}", "\\PC{1,12}").prop_map(|(node, label)| Edit::Rename { node, label }),
        ("\\PC{1,12}", prop::sample::select(Category::ALL.to_vec()))
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
fn action(nodes: u32) -> impl Strategy<Value = Action> {
    prop_oneof![
        (0..nodes, finite(), finite())
            .prop_map(|(n, x, y)| Action::MoveNode(n, [x.clamp(-1e4, 1e4), y.clamp(-1e4, 1e4)])),
        (0..nodes, any::<bool>()).prop_map(|(n, p)| Action::Pin(n, p)),
        (0..nodes).prop_map(Action::Hide),
        (0..nodes).prop_map(Action::Focus),
        (0..nodes, 0..nodes).prop_map(|(a, b)| Action::MergeNodes(a, b)),
        (1u32..6, 0.0f32..0.6, any::<bool>(), any::<bool>()).prop_map(
            |(m, w, actors, unlinked)| {
                Action::SetFilter(knowmap::ui::Filter {
                    min_mentions: m,
                    min_weight: w,
                    actors,
                    hide_unlinked: unlinked,
                    ..knowmap::ui::Filter::default()
                })
            }
        ),
        (0..nodes, "[A-Za-z ]{1,12}").prop_map(|(n, label)| Action::Curate(vec![Edit::Rename {
            node: format!("actor:{n}"),
            label,
        }])),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn undo_restores_the_exact_prior_state_and_redo_the_next(
        actions in prop::collection::vec(action(69), 1..6)
    ) {
        let mut app = KnowmapApp::headless(None);
        let n = app.positions.len() as u32;
        for action in actions {
            // Node numbers past the sample's size are simply skipped.
            let in_range = match &action {
                Action::MoveNode(a, _) | Action::Pin(a, _) | Action::Hide(a) | Action::Focus(a) => *a < n,
                Action::MergeNodes(a, b) => *a < n && *b < n,
                _ => true,
            };
            if !in_range {
                continue;
            }
            let before = app.snapshot();
            let (undo_before, _) = app.can_undo();
            app.apply(action.clone());
            let after = app.snapshot();
            if after == before {
                continue;
            }
            prop_assert!(app.can_undo().0 || !undo_before);
            app.apply(Action::Undo);
            prop_assert_eq!(&app.snapshot(), &before, "undo of {:?}", action);
            app.apply(Action::Redo);
            prop_assert_eq!(&app.snapshot(), &after, "redo of {:?}", action);
            prop_assert!(app.positions.iter().all(|p| p[0].is_finite() && p[1].is_finite()));
        }
    }
}
