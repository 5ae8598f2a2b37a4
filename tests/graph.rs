//! The co-occurrence graph: evidence, weights, determinism and exports.
#![allow(clippy::unwrap_used)]

use knowmap::corpus::{BlockKind, Corpus};
use knowmap::graph::{EdgeId, NodeId};
use knowmap::graph::{EdgeKind, Model, ModelSettings};

fn sample() -> Model {
    Model::build(Corpus::sample(), &ModelSettings::default())
}

fn label(model: &Model, node: usize) -> &str {
    &model.extraction.entities[model.graph[NodeId::new(node)].entity as usize].label
}

fn edge_between(model: &Model, a: &str, b: &str) -> Option<u32> {
    model.graph.edge_ids().find_map(|e| {
        let (x, y) = model.graph.endpoints(e)?;
        let (lx, ly) = (label(model, x.index()), label(model, y.index()));
        ((lx == a && ly == b) || (lx == b && ly == a)).then(|| model.graph[e].count)
    })
}

#[test]
fn sample_has_the_expected_evidence_backed_edges() {
    let model = sample();
    for (a, b) in [
        ("Volodymyr Zelenskyy", "security guarantees"),
        ("Donald Trump", "Donbas"),
        ("Russia", "ceasefire"),
    ] {
        let count = edge_between(&model, a, b).unwrap_or(0);
        assert!(count >= 2, "{a} – {b}: {count} paragraphs");
    }
}

#[test]
fn sample_topics_include_the_key_issues_and_no_furniture() {
    let model = sample();
    let mut topics: Vec<(&str, u32)> = model
        .graph
        .node_data()
        .filter(|n| n.kind == knowmap::extract::NodeKind::Topic)
        .map(|n| {
            (
                model.extraction.entities[n.entity as usize].label.as_str(),
                n.mentions,
            )
        })
        .collect();
    topics.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let labels: Vec<&str> = topics.iter().map(|t| t.0).collect();
    let top: Vec<&str> = labels.iter().take(25).copied().collect();
    for wanted in [
        "security guarantees",
        "ceasefire",
        "Donbas",
        "Crimea",
        "sanctions",
        "peace talks",
        // Named twice, then "the plant" right after in 001.
        "Zaporizhzhia nuclear power plant",
    ] {
        assert!(top.contains(&wanted), "{wanted} not in the top 25: {top:?}");
    }
    // In two kept paragraphs: a topic, tied with a dozen others at the edge
    // of the top 25.
    assert!(labels.contains(&"national referendum"), "{labels:?}");
    // Qualified forms count for their subject.
    for variant in [
        "negotiated ceasefire",
        "localized ceasefires",
        "ongoing negotiations",
    ] {
        assert!(!labels.contains(&variant), "{variant} in {labels:?}");
    }
    // Shell nouns label text rather than a subject: never topics alone.
    for shell in [
        "willingness",
        "obstacles",
        "arrangements",
        "urgency",
        "optimism",
    ] {
        assert!(!labels.contains(&shell), "{shell} in {labels:?}");
    }
    for junk in [
        "back to top",
        "pro tip",
        "issue",
        "way",
        "time",
        "said",
        "looking ahead",
    ] {
        assert!(
            !labels.iter().any(|l| l.eq_ignore_ascii_case(junk)),
            "{junk}"
        );
    }
}

#[test]
fn every_edge_paragraph_mentions_both_ends_and_is_kept() {
    let model = sample();
    for e in model.graph.edge_ids() {
        let (a, b) = model.graph.endpoints(e).unwrap();
        let data = &model.graph[e];
        assert_eq!(data.count as usize, data.paragraphs.len());
        for p in &data.paragraphs {
            let article = &model.corpus.articles[p.article.index()];
            let block = article.paragraph(p.paragraph).unwrap();
            assert_eq!(block.kind, BlockKind::Paragraph);
            for node in [a, b] {
                assert!(
                    model
                        .extraction
                        .mentions
                        .iter()
                        .any(|m| m.article == p.article
                            && m.paragraph == Some(p.paragraph)
                            && m.node as usize == node.index()),
                    "paragraph {p:?} lacks {}",
                    label(&model, node.index())
                );
            }
        }
    }
}

#[test]
fn all_three_edge_kinds_exist() {
    let model = sample();
    for kind in [
        EdgeKind::ActorTopic,
        EdgeKind::ActorActor,
        EdgeKind::TopicTopic,
    ] {
        assert!(model.graph.edge_data().any(|e| e.kind == kind), "{kind:?}");
    }
}

#[test]
fn json_is_byte_identical_whatever_the_thread_count() {
    let run = |threads| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| knowmap::io::json::to_json(&sample(), None).unwrap())
    };
    let one = run(1);
    assert_eq!(one, run(2));
    assert_eq!(one, run(2));
}

#[test]
fn exports_parse_back() {
    let model = sample();
    let n = model.graph.node_count();
    let m = model.graph.edge_count();
    let count = |xml: &str, tag: &[u8]| {
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut found = 0;
        loop {
            match reader.read_event().unwrap() {
                quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)
                    if e.local_name().as_ref() == tag =>
                {
                    found += 1
                }
                quick_xml::events::Event::Eof => break,
                _ => {}
            }
        }
        found
    };
    let positions = vec![[1.0f32, 2.0]; n];
    let gexf = knowmap::io::export::gexf(&model, Some(&positions));
    assert_eq!(count(&gexf, b"node"), n);
    assert_eq!(count(&gexf, b"edge"), m);
    assert_eq!(count(&gexf, b"position"), n);
    let graphml = knowmap::io::export::graphml(&model, None);
    assert_eq!(count(&graphml, b"node"), n);
    assert_eq!(count(&graphml, b"edge"), m);
    let (nodes, edges) = knowmap::io::export::csv(&model, None);
    assert_eq!(nodes.lines().count(), n + 1);
    assert_eq!(edges.lines().count(), m + 1);
    assert!(nodes.starts_with("id,label,kind,category,mentions"));
}

#[test]
fn node_sizes_follow_mentions_within_bounds() {
    use knowmap::io::picture::node_radius;
    let mut model = sample();
    let r = |model: &Model, i: usize| node_radius(model, i, 1.0, 1.0);
    let mentions = |model: &Model, i: usize| model.graph[NodeId::new(i)].mentions as f32;
    let n = model.graph.node_count();
    // A small corpus: 1.6 points per root mention, as ever.
    for i in 0..n {
        let expected = 3.0 + 1.6 * mentions(&model, i).sqrt();
        assert!((r(&model, i) - expected).abs() < 1e-4, "{i}");
    }
    // A large one: thousands of mentions no longer all hit the cap; the
    // biggest node is 24 points and the rest keep their order.
    for node in model.graph.node_data_mut() {
        node.mentions *= 400;
    }
    model.graph.max_mentions *= 400;
    let radii: Vec<f32> = (0..n).map(|i| r(&model, i)).collect();
    let biggest = radii.iter().copied().fold(0.0, f32::max);
    assert!((biggest - 24.0).abs() < 1e-3, "{biggest}");
    for i in 0..n {
        for j in 0..n {
            if mentions(&model, i) < mentions(&model, j) {
                assert!(radii[i] < radii[j]);
            }
        }
    }
}

#[test]
fn link_weights_are_co_occurrence_counts_by_default_and_can_be_reweighted() {
    use knowmap::graph::{WeightMeasure, weight};
    let mut model = Model::build(Corpus::sample(), &ModelSettings::default());
    assert_eq!(model.graph.measure, WeightMeasure::Count);
    for e in model.graph.edge_data() {
        assert_eq!(e.weight, f64::from(e.count));
    }
    // Russia–Ukraine, mentioned together often, outweighs any one-off pair.
    let strongest = model
        .graph
        .edge_data()
        .map(|e| e.weight)
        .fold(0.0, f64::max);
    assert!(strongest >= 10.0, "{strongest}");
    model.graph.reweight(WeightMeasure::Association);
    let total = f64::from(model.graph.paragraph_total);
    for e in model.graph.edge_ids() {
        let (a, b) = model.graph.endpoints(e).unwrap();
        let g = &model.graph;
        let expected = weight(
            WeightMeasure::Association,
            f64::from(g[e].count),
            g[a].paragraphs.len() as f64,
            g[b].paragraphs.len() as f64,
            total,
        );
        assert!((g[e].weight - expected).abs() < 1e-9);
    }
}

#[test]
fn the_backbone_orders_links_by_significance_and_keeps_leaves_attached() {
    let model = Model::build(Corpus::sample(), &ModelSettings::default());
    let g = &model.graph;
    assert_eq!(model.graph.backbone.len(), g.edge_count());
    let alphas: Vec<f32> = model
        .graph
        .backbone
        .iter()
        .map(|&e| g[EdgeId::from_raw(e)].alpha)
        .collect();
    assert!(alphas.windows(2).all(|w| w[0] <= w[1]));
    assert!(alphas.iter().all(|a| (0.0..=1.0).contains(a)));
    // Some links are significant, some are not: the filter discriminates.
    assert!(
        alphas[0] < 0.05 && *alphas.last().unwrap() > 0.5,
        "{alphas:?}"
    );
    for i in g.node_ids() {
        if g.links_of(i).count() == 1 {
            let e = g.links_of(i).next().unwrap();
            assert_eq!(e.data.alpha, 0.0, "a leaf's only link is kept first");
        }
    }
}

#[test]
fn link_density_draws_the_backbone_and_all_links_of_the_selection() {
    use knowmap::graph::view::{Filter, Selection, visibility};
    let model = Model::build(Corpus::sample(), &ModelSettings::default());
    let all = Filter {
        hide_unlinked: false,
        ..Filter::default()
    };
    let (nodes, every) = visibility(&model, &all, Selection::None);
    let shown = nodes.iter().filter(|v| **v).count();
    let total = every.iter().filter(|v| **v).count();
    let backbone = Filter {
        link_density: 2.0,
        ..all.clone()
    };
    let (_, kept) = visibility(&model, &backbone, Selection::None);
    let drawn = kept.iter().filter(|v| **v).count();
    assert!(
        drawn <= 2 * shown && drawn < total,
        "{drawn} of {total}, {shown} nodes"
    );
    assert!(drawn > 0);
    // The selected node shows every one of its links.
    let ukraine = model
        .extraction
        .entities
        .iter()
        .position(|e| e.label == "Ukraine")
        .unwrap();
    let (_, with_selection) = visibility(&model, &backbone, Selection::Node(NodeId::new(ukraine)));
    for e in model.graph.links_of(NodeId::new(ukraine)) {
        assert!(with_selection[e.id.index()]);
    }
}

#[test]
fn one_pass_gives_the_backbone_and_every_link_the_layout_pulls() {
    use knowmap::graph::view::{Filter, Selection, visibility, visibility_and_all_links};
    let model = Model::build(Corpus::sample(), &ModelSettings::default());
    for hide_unlinked in [false, true] {
        let backbone = Filter {
            link_density: 1.0,
            max_nodes: 12,
            hide_unlinked,
            ..Filter::default()
        };
        let every = Filter {
            link_density: 0.0,
            ..backbone.clone()
        };
        let (nodes, drawn, all) = visibility_and_all_links(&model, &backbone, Selection::None);
        assert_eq!(
            (nodes, drawn.clone()),
            visibility(&model, &backbone, Selection::None)
        );
        assert_eq!(all, visibility(&model, &every, Selection::None).1);
        let count = |v: &[bool]| v.iter().filter(|x| **x).count();
        assert!(count(&drawn) < count(&all), "the backbone is thinner");
    }
}

/// A dated corpus exports a dynamic GEXF whose node and link spells run from
/// the first to the last date of their paragraphs' articles, as the JSON
/// document's article dates say; the CSV tables carry the same dates.
#[test]
fn dated_corpora_export_a_dynamic_gexf_that_agrees_with_the_json_dates() {
    let dir = tempfile::tempdir().unwrap();
    let texts = [
        (
            "2019-01-04-a.txt",
            "Talks\n\nVladimir Putin met Emmanuel Macron in Moscow.\n",
        ),
        (
            "2019-01-20-b.txt",
            "Talks\n\nVladimir Putin met Emmanuel Macron in Paris.\n",
        ),
        (
            "2019-02-02-c.txt",
            "Talks\n\nAngela Merkel spoke in Berlin.\n",
        ),
        ("undated.txt", "Talks\n\nVladimir Putin spoke in Sochi.\n"),
    ];
    for (name, text) in texts {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let corpus =
        knowmap::corpus::read_folder(dir.path(), &knowmap::corpus::ReadSettings::default())
            .unwrap();
    let model = Model::build(corpus, &Default::default());
    let json: serde_json::Value =
        serde_json::from_str(&knowmap::io::json::to_json(&model, None).unwrap()).unwrap();
    let article_date: Vec<Option<String>> = json["articles"]
        .as_array()
        .unwrap()
        .iter()
        // A modification time is no publication date (the timeline's rule).
        .map(|a| {
            (a["date_source"] != "modified")
                .then(|| a["date"].as_str().map(|d| d[..10].to_owned()))
                .flatten()
        })
        .collect();
    // Expected spells from the JSON: min and max date of the evidence.
    let span = |articles: Vec<u64>| -> Option<(String, String)> {
        let dates: Vec<String> = articles
            .iter()
            .filter_map(|&a| article_date[a as usize].clone())
            .collect();
        Some((dates.iter().min()?.clone(), dates.iter().max()?.clone()))
    };
    // A node's articles: those of its mentions in kept paragraphs.
    let node_articles = |id: &serde_json::Value| -> Vec<u64> {
        json["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["node"] == *id && !m["paragraph"].is_null())
            .map(|m| m["article"].as_u64().unwrap())
            .collect()
    };
    let gexf = knowmap::io::export::gexf(&model, None);
    let mut reader = quick_xml::Reader::from_str(&gexf);
    let mut spells = std::collections::HashMap::new();
    let mut dynamic = false;
    loop {
        match reader.read_event().unwrap() {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                let attr = |name: &[u8]| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == name)
                        .map(|a| String::from_utf8(a.value.to_vec()).unwrap())
                };
                match e.local_name().as_ref() {
                    b"graph" => dynamic = attr(b"mode").as_deref() == Some("dynamic"),
                    b"node" => {
                        let key = format!("n{}", attr(b"id").unwrap());
                        spells.insert(key, attr(b"start").zip(attr(b"end")));
                    }
                    b"edge" => {
                        let key =
                            format!("{}-{}", attr(b"source").unwrap(), attr(b"target").unwrap());
                        spells.insert(key, attr(b"start").zip(attr(b"end")));
                    }
                    _ => {}
                }
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert!(dynamic);
    let mut checked = 0;
    for node in json["nodes"].as_array().unwrap() {
        let key = format!("n{}", node["id"]);
        assert_eq!(
            spells[&key],
            span(node_articles(&node["id"])),
            "{}",
            node["label"]
        );
        checked += 1;
    }
    for edge in json["edges"].as_array().unwrap() {
        let key = format!("{}-{}", edge["source"], edge["target"]);
        let articles = edge["paragraphs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p[0].as_u64().unwrap())
            .collect();
        assert_eq!(spells[&key], span(articles), "{key}");
        checked += 1;
    }
    assert!(checked > 3);
    // Putin: 2019-01-04 to 2019-01-20 (the undated article does not count).
    let putin = json["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["label"] == "Vladimir Putin")
        .unwrap();
    assert_eq!(
        spells[&format!("n{}", putin["id"])],
        Some(("2019-01-04".to_owned(), "2019-01-20".to_owned()))
    );
    let (nodes, edges) = knowmap::io::export::csv(&model, None);
    assert!(
        nodes
            .lines()
            .next()
            .unwrap()
            .ends_with(",first_seen,last_seen")
    );
    assert!(
        edges
            .lines()
            .next()
            .unwrap()
            .ends_with(",first_seen,last_seen")
    );
    assert!(
        nodes
            .lines()
            .any(|l| l.contains("Vladimir Putin") && l.ends_with(",2019-01-04,2019-01-20"))
    );
}

#[test]
fn the_json_document_has_one_record_per_line_and_the_values_of_pretty_printing() {
    let model = sample();
    let text = knowmap::io::json::to_json(&model, None).unwrap();
    let document = knowmap::io::json::document(&model, None);
    let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
    // The same values as serde's own pretty printer writes.
    let pretty: serde_json::Value =
        serde_json::from_str(&serde_json::to_string_pretty(&document).unwrap()).unwrap();
    assert!(parsed == pretty, "the values differ from pretty printing");
    let records = document.articles.len()
        + document.nodes.len()
        + document.edges.len()
        + document.mentions.len()
        + document.warnings.len();
    let record_lines = text
        .lines()
        .filter(|l| l.starts_with("    {"))
        .inspect(|l| assert!(l.ends_with('}') || l.ends_with("},"), "{l}"))
        .count();
    assert_eq!(record_lines, records);
    assert!(text.starts_with("{\n  \"schema\": "));
    assert!(text.len() < serde_json::to_string_pretty(&document).unwrap().len() * 2 / 3);
}

/// The streamed writer renders records in parallel batches straight from
/// the model; its bytes are those of serializing the whole document with
/// the `Readable` formatter, on a map with thousands of records per list
/// (several batches of tasks), with positions, and on one with warnings.
#[test]
fn the_streamed_json_is_the_document_serialized_byte_for_byte() {
    use knowmap::corpus::synthetic::{SyntheticSettings, generate};
    use serde::Serialize as _;
    let whole = |model: &Model, positions: Option<&[[f32; 2]]>| {
        let mut out = Vec::new();
        let mut serializer = serde_json::Serializer::with_formatter(
            &mut out,
            knowmap::io::json::Readable::default(),
        );
        knowmap::io::json::document(model, positions)
            .serialize(&mut serializer)
            .unwrap();
        String::from_utf8(out).unwrap()
    };
    let files = generate(&SyntheticSettings {
        articles: 150,
        ..SyntheticSettings::news()
    });
    let corpus = Corpus::from_sources(files, &knowmap::corpus::Furniture::builtin(), Vec::new());
    let large = Model::build(corpus, &ModelSettings::default());
    assert!(large.extraction.mentions.len() > 5_000 && large.graph.edge_count() > 5_000);
    let places: Vec<[f32; 2]> = (0..large.graph.node_count())
        .map(|i| [i as f32 * 0.5, -(i as f32)])
        .collect();
    for positions in [None, Some(places.as_slice())] {
        let streamed = knowmap::io::json::to_json(&large, positions).unwrap();
        assert!(
            streamed == whole(&large, positions),
            "the streamed text differs"
        );
    }
    // Warnings (a file that could not be read) and lists with one record.
    let mut small = sample();
    let mut corpus = (*small.corpus).clone();
    corpus.warnings.push(knowmap::corpus::Warning::new(
        "bad.pdf",
        "not a readable PDF",
    ));
    small.corpus = corpus.into();
    let streamed = knowmap::io::json::to_json(&small, None).unwrap();
    assert!(streamed.contains("not a readable PDF"));
    assert_eq!(streamed, whole(&small, None));
}

#[test]
fn a_collapsed_community_is_one_node_carrying_its_links_and_expanding_restores_the_map() {
    use knowmap::graph::view::{Filter, Selection, collapse, visibility};
    let model = sample();
    let graph = &model.graph;
    let all = Filter::default();
    let (nodes, edges) = visibility(&model, &all, Selection::None);
    // The largest community shown.
    let mut sizes = std::collections::BTreeMap::<u32, usize>::new();
    for i in graph.node_ids().filter(|i| nodes[i.index()]) {
        *sizes.entry(graph[i].community).or_default() += 1;
    }
    let (&community, &size) = sizes.iter().max_by_key(|(_, s)| **s).unwrap();
    assert!(size >= 3, "a community of {size} is no test");
    let members: Vec<usize> = graph
        .node_ids()
        .filter(|i| nodes[i.index()] && graph[*i].community == community)
        .map(|i| i.index())
        .collect();
    let top = *members
        .iter()
        .max_by_key(|&&i| (graph[NodeId::new(i)].mentions, std::cmp::Reverse(i)))
        .unwrap();

    let folded = Filter {
        collapsed: vec![community],
        ..Filter::default()
    };
    let (fnodes, fedges) = visibility(&model, &folded, Selection::None);
    // One node stands for the community: its most-mentioned member.
    let shown: Vec<usize> = members.iter().copied().filter(|&i| fnodes[i]).collect();
    assert_eq!(shown, vec![top]);
    // Everything outside it is shown as before.
    for i in graph
        .node_ids()
        .filter(|i| graph[*i].community != community)
    {
        assert_eq!(
            fnodes[i.index()],
            nodes[i.index()],
            "{}",
            label(&model, i.index())
        );
    }
    let drawn = collapse(&model, &folded, &fnodes);
    assert_eq!(drawn.groups.len(), 1);
    let group = &drawn.groups[0];
    assert_eq!(group.node.index(), top);
    assert_eq!(
        group.members,
        graph
            .node_ids()
            .filter(|i| graph[*i].community == community)
            .count()
    );
    assert!(
        group.label.starts_with(label(&model, top)),
        "{}",
        group.label
    );
    // Links inside the community are gone; a link from another member to
    // the outside stays, drawn from the node standing for the community.
    let mut outside_links = 0;
    for e in graph.edge_ids() {
        let (a, b) = graph.endpoints(e).unwrap();
        let inside = |x: NodeId| graph[x].community == community;
        if inside(a) && inside(b) {
            assert!(
                !fedges[e.index()],
                "a link inside a collapsed community is not drawn"
            );
        } else if (inside(a) || inside(b)) && edges[e.index()] {
            assert!(fedges[e.index()], "a link to the outside stays");
            let member = if inside(a) { a } else { b };
            assert_eq!(drawn.drawn_at[member.index()] as usize, top);
            outside_links += 1;
        } else if !inside(a) && !inside(b) {
            assert_eq!(fedges[e.index()], edges[e.index()]);
        }
    }
    assert!(outside_links > 0);
    // Expanded again: exactly the map before.
    let (back_nodes, back_edges) = visibility(&model, &all, Selection::None);
    assert_eq!((back_nodes, back_edges), (nodes, edges));
    assert_eq!(collapse(&model, &all, &fnodes), Default::default());
}

/// A collapsed community's evidence is every paragraph of every member, each
/// once, in the order of a node's own evidence: not its representative's.
#[test]
fn a_collapsed_communitys_evidence_is_the_union_of_its_members() {
    use knowmap::graph::view::community_evidence;
    let model = sample();
    let graph = &model.graph;
    let mut sizes = std::collections::BTreeMap::<u32, usize>::new();
    for i in graph.node_ids() {
        *sizes.entry(graph[i].community).or_default() += 1;
    }
    let (&community, _) = sizes.iter().max_by_key(|(_, s)| **s).unwrap();
    let (members, evidence) = community_evidence(&model, community);
    assert_eq!(members.len(), sizes[&community]);
    assert!(members.iter().all(|&m| graph[m].community == community));
    assert!(
        members
            .windows(2)
            .all(|w| graph[w[0]].mentions >= graph[w[1]].mentions),
        "most-mentioned first"
    );
    let union: std::collections::BTreeSet<_> = members
        .iter()
        .flat_map(|&m| graph[m].paragraphs.iter().copied())
        .collect();
    let listed: std::collections::BTreeSet<_> = evidence.iter().copied().collect();
    assert_eq!(listed, union);
    assert_eq!(evidence.len(), union.len(), "each paragraph once");
    let top = graph[members[0]].paragraphs.len();
    assert!(
        evidence.len() > top,
        "{} paragraphs for the community, {top} for its representative",
        evidence.len()
    );
    // In the order of a node's own list (date, then article and paragraph):
    // each member's evidence is a subsequence of the community's.
    let place: std::collections::HashMap<_, usize> =
        evidence.iter().enumerate().map(|(i, e)| (*e, i)).collect();
    for &m in &members {
        let at: Vec<usize> = graph[m].paragraphs.iter().map(|e| place[e]).collect();
        assert!(
            at.windows(2).all(|w| w[0] < w[1]),
            "{}",
            label(&model, m.index())
        );
    }
}
