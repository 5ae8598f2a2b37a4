//! The user's corrections: merge, rename, change category, ignore a form;
//! replayed on a changed corpus; exported as aliases.tsv.
#![allow(clippy::unwrap_used)]

use knowmap::corpus::Corpus;
use knowmap::extract::Category;
use knowmap::extract::NodeKey;
use knowmap::extract::curate::{Edit, aliases_tsv};
use knowmap::graph::NodeId;
use knowmap::graph::{Model, ModelSettings};

fn sample() -> Model {
    Model::build(Corpus::sample(), &ModelSettings::default())
}

fn node(model: &Model, key: &str) -> usize {
    let index = knowmap::io::layout_file::node_index(model);
    *index.get(&NodeKey::parse(key).unwrap()).unwrap_or_else(|| {
        panic!(
            "no node {key} in {:?}",
            index.keys().take(20).collect::<Vec<_>>()
        )
    })
}

fn mentions(model: &Model, i: usize) -> u32 {
    model.graph[NodeId::new(i)].mentions
}

/// Every edge's evidence paragraphs mention both of its ends.
fn evidence_holds(model: &Model) {
    let graph = &model.graph;
    for e in graph.edge_ids() {
        let (a, b) = graph.endpoints(e).unwrap();
        for p in &graph[e].paragraphs {
            let here: Vec<u32> = model
                .extraction
                .mentions_in_article(p.article)
                .iter()
                .filter(|m| m.paragraph == Some(p.paragraph))
                .map(|m| m.node)
                .collect();
            assert!(
                here.contains(&(a.index() as u32)) && here.contains(&(b.index() as u32)),
                "edge {e:?} has evidence {p:?} without both ends"
            );
        }
    }
}

#[test]
fn merging_moves_every_mention_and_link_to_the_target() {
    let model = sample();
    let putin = node(&model, "actor:Vladimir Putin");
    let russia = node(&model, "actor:Russia");
    let (before_putin, before_russia) = (mentions(&model, putin), mentions(&model, russia));
    assert!(before_putin > 0 && before_russia > 0);
    let (curated, report) = model.curated(
        &[Edit::Merge {
            from: NodeKey::actor("Vladimir Putin"),
            into: NodeKey::actor("Russia"),
        }],
        &ModelSettings::default(),
    );
    assert_eq!(report.applied, 1);
    assert!(report.skipped.is_empty());
    // Indices are stable; the merged node has nothing left.
    assert_eq!(
        curated.extraction.entities.len(),
        model.extraction.entities.len()
    );
    assert_eq!(mentions(&curated, putin), 0);
    assert_eq!(
        curated.extraction.entities[putin].merged_into,
        Some(russia as u32)
    );
    // Mentions in the same paragraph stay separate mentions.
    assert_eq!(mentions(&curated, russia), before_putin + before_russia);
    assert!(
        curated.extraction.entities[russia]
            .aliases
            .iter()
            .any(|a| a.form == "Vladimir Putin")
    );
    assert!(
        curated
            .graph
            .neighbours(NodeId::new(putin))
            .next()
            .is_none()
    );
    assert!(
        !knowmap::io::layout_file::node_index(&curated)
            .contains_key(&NodeKey::actor("Vladimir Putin"))
    );
    evidence_holds(&curated);
}

#[test]
fn renaming_changes_the_key_and_keeps_the_old_name_as_a_form() {
    let model = sample();
    let trump = node(&model, "actor:Donald Trump");
    let edits = [
        Edit::Rename {
            node: NodeKey::actor("Donald Trump"),
            label: "  President   Trump ".into(),
        },
        // Later edits name the node by its new key.
        Edit::SetCategory {
            node: NodeKey::actor("President Trump"),
            category: Category::Person,
        },
    ];
    let (curated, report) = model.curated(&edits, &ModelSettings::default());
    assert_eq!(report.applied, 2, "{report:?}");
    let entity = &curated.extraction.entities[trump];
    assert_eq!(entity.label, "President Trump");
    assert!(entity.aliases.iter().any(|a| a.form == "Donald Trump"));
    assert_eq!(node(&curated, "actor:President Trump"), trump);
    assert_eq!(mentions(&curated, trump), mentions(&model, trump));
}

#[test]
fn renaming_onto_an_existing_name_merges() {
    let model = sample();
    let putin = node(&model, "actor:Vladimir Putin");
    let russia = node(&model, "actor:Russia");
    let (curated, _) = model.curated(
        &[Edit::Rename {
            node: NodeKey::actor("Vladimir Putin"),
            label: "Russia".into(),
        }],
        &ModelSettings::default(),
    );
    assert_eq!(mentions(&curated, putin), 0);
    assert_eq!(
        mentions(&curated, russia),
        mentions(&model, putin) + mentions(&model, russia)
    );
}

#[test]
fn a_new_category_can_change_the_kind() {
    let model = sample();
    let donbas = node(&model, "topic:Donbas");
    let (curated, report) = model.curated(
        &[Edit::SetCategory {
            node: NodeKey::topic("Donbas"),
            category: Category::Country,
        }],
        &ModelSettings::default(),
    );
    assert_eq!(report.applied, 1);
    assert_eq!(node(&curated, "actor:Donbas"), donbas);
    let data = &curated.graph[NodeId::new(donbas)];
    assert_eq!(data.kind, knowmap::extract::NodeKind::Actor);
    assert_eq!(data.category, Category::Country);
    // Its links to other actors are actor–actor now.
    for e in curated.graph.links_of(NodeId::new(donbas)) {
        let expected = knowmap::graph::EdgeKind::of(
            knowmap::extract::NodeKind::Actor,
            curated.graph[e.to].kind,
        );
        assert_eq!(e.data.kind, expected);
    }
}

#[test]
fn an_ignored_form_is_no_mention_in_any_case() {
    let model = sample();
    let text_of = |m: &Model, mention: &knowmap::extract::Mention| {
        m.corpus.articles[mention.article.index()].text[mention.start..mention.end].to_lowercase()
    };
    assert!(
        model
            .extraction
            .mentions
            .iter()
            .any(|m| text_of(&model, m).contains("kremlin"))
    );
    let (curated, _) = model.curated(
        &[Edit::Ignore {
            form: "the KREMLIN".into(),
        }],
        &ModelSettings::default(),
    );
    let (curated2, _) = model.curated(
        &[Edit::Ignore {
            form: "Kremlin".into(),
        }],
        &ModelSettings::default(),
    );
    // The form is matched as written (case aside), not as a substring.
    for m in &curated2.extraction.mentions {
        assert_ne!(text_of(&curated2, m), "kremlin");
    }
    assert!(curated2.extraction.mentions.len() < model.extraction.mentions.len());
    assert!(curated.extraction.mentions.len() <= model.extraction.mentions.len());
    evidence_holds(&curated2);
}

#[test]
fn edits_about_vanished_nodes_are_skipped_and_the_rest_applies() {
    let model = sample();
    let edits = [
        Edit::Merge {
            from: NodeKey::actor("Nobody Atall"),
            into: NodeKey::actor("Russia"),
        },
        Edit::Rename {
            node: NodeKey::actor("Donald Trump"),
            label: "Trump".into(),
        },
        Edit::Merge {
            from: NodeKey::actor("Russia"),
            into: NodeKey::actor("Russia"),
        },
    ];
    let (curated, report) = model.curated(&edits, &ModelSettings::default());
    assert_eq!(report.applied, 1);
    assert_eq!(report.skipped.len(), 2, "{report:?}");
    assert!(knowmap::io::layout_file::node_index(&curated).contains_key(&NodeKey::actor("Trump")));
}

#[test]
fn merge_chains_end_at_the_last_target() {
    let model = sample();
    let edits = [
        Edit::Merge {
            from: NodeKey::actor("Vladimir Putin"),
            into: NodeKey::actor("Russia"),
        },
        Edit::Merge {
            from: NodeKey::actor("Russia"),
            into: NodeKey::actor("Ukraine"),
        },
    ];
    let putin = node(&model, "actor:Vladimir Putin");
    let ukraine = node(&model, "actor:Ukraine");
    let (curated, report) = model.curated(&edits, &ModelSettings::default());
    assert_eq!(report.applied, 2);
    assert_eq!(
        curated.extraction.entities[putin].merged_into,
        Some(ukraine as u32)
    );
    let total: u32 = ["actor:Vladimir Putin", "actor:Russia", "actor:Ukraine"]
        .iter()
        .map(|k| mentions(&model, node(&model, k)))
        .sum();
    assert_eq!(mentions(&curated, ukraine), total);
    evidence_holds(&curated);
}

#[test]
fn curation_written_as_aliases_tsv_is_read_back_by_the_next_extraction() {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/sample")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    let read = || {
        let corpus =
            knowmap::corpus::read_folder(dir.path(), &knowmap::corpus::ReadSettings::default())
                .unwrap();
        Model::build(corpus, &ModelSettings::default())
    };
    let model = read();
    let edits = [
        Edit::Rename {
            node: NodeKey::actor("Donald Trump"),
            label: "President Trump".into(),
        },
        Edit::Ignore {
            form: "Kremlin".into(),
        },
    ];
    let (curated, _) = model.curated(&edits, &ModelSettings::default());
    let tsv = aliases_tsv(&curated.extraction, &edits);
    let (aliases, warnings) = knowmap::extract::parse_user_aliases(&tsv, "aliases.tsv");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(!aliases.is_empty());
    std::fs::create_dir_all(dir.path().join(".knowmap")).unwrap();
    std::fs::write(dir.path().join(".knowmap/aliases.tsv"), tsv).unwrap();
    let again = read();
    let index = knowmap::io::layout_file::node_index(&again);
    assert!(
        index.contains_key(&NodeKey::actor("President Trump")),
        "{:?}",
        index
            .keys()
            .filter(|k| k.label.contains("Trump"))
            .collect::<Vec<_>>()
    );
    assert!(!index.contains_key(&NodeKey::actor("Donald Trump")));
    for m in &again.extraction.mentions {
        let text = &again.corpus.articles[m.article.index()].text[m.start..m.end];
        assert_ne!(text.to_lowercase(), "kremlin");
    }
}
