//! The statistics: chart numbers from the graph, and the window's charts
//! linked to the map.
#![allow(clippy::unwrap_used)]

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use knowmap::corpus::Corpus;
use knowmap::extract::NodeKind;
use knowmap::graph::charts::{self, Column, Shown};
use knowmap::graph::{EdgeId, NodeId};
use knowmap::graph::{Model, ModelSettings};
use knowmap::session::Selection;
use knowmap::ui::KnowmapApp;

mod common;
mod fixture;

fn everything(model: &Model) -> (Vec<bool>, Vec<bool>) {
    let g = &model.graph;
    (vec![true; g.node_count()], vec![true; g.edge_count()])
}

#[test]
fn chart_numbers_agree_with_the_graph() {
    let model = Model::build(Corpus::sample(), &ModelSettings::default());
    let (nodes, edges) = everything(&model);
    let shown = Shown {
        nodes: &nodes,
        edges: &edges,
    };
    let g = &model.graph;
    // Top nodes: sorted, of the kind asked.
    let top = charts::top_nodes(&model, shown, NodeKind::Actor, 10);
    assert_eq!(top.len(), 10);
    assert!(top.windows(2).all(|w| w[0].1 >= w[1].1));
    for (n, m) in &top {
        let d = &g[NodeId::from_raw(*n)];
        assert_eq!(d.kind, NodeKind::Actor);
        assert_eq!(d.mentions, *m);
    }
    // The heatmap's cells are the edges between its rows and columns.
    let heat = charts::heatmap(&model, shown, 8, 8);
    assert_eq!((heat.actors.len(), heat.topics.len()), (8, 8));
    let filled = (0..8)
        .flat_map(|r| (0..8).map(move |c| (r, c)))
        .filter(|&(r, c)| heat.cell(r, c).is_some())
        .count();
    assert!(filled > 8, "the sample's heatmap has cells: {filled}");
    for (r, &a) in heat.actors.iter().enumerate() {
        for (c, &t) in heat.topics.iter().enumerate() {
            let edge = charts::edge_between(&model, a, t);
            assert_eq!(
                heat.cell(r, c).map(|x| x.0 as usize),
                edge.map(|e| e.index())
            );
            if let Some((e, count, _)) = heat.cell(r, c) {
                assert_eq!(g[EdgeId::from_raw(e)].count, count);
            }
        }
    }
    // Per-article counts add up to the mentions in kept paragraphs.
    let articles = charts::article_breakdown(&model, shown);
    let total: u32 = articles.iter().flat_map(|r| r.by_category).sum();
    let mentions: u32 = g.node_data().map(|d| d.mentions).sum();
    assert_eq!(total, mentions);
    // Every shown node is counted once in the degree distribution.
    let degrees = charts::degree_distribution(&model, shown);
    let counted: u32 = degrees.iter().map(|d| d.1).sum();
    assert_eq!(counted as usize, g.node_count());
    let links: u32 = degrees.iter().map(|(d, n)| d * n).sum();
    assert_eq!(links as usize, 2 * g.edge_count());
    // Every shown edge falls in one bin.
    let histogram = charts::weight_histogram(&model, shown, 20);
    assert_eq!(histogram.len(), 20);
    assert_eq!(
        histogram.iter().map(|h| h.2).sum::<u32>() as usize,
        g.edge_count()
    );
    // Communities partition the shown nodes.
    let communities = charts::communities(&model, shown, 3);
    assert_eq!(
        communities.iter().map(|c| c.size).sum::<u32>() as usize,
        g.node_count()
    );
}

#[test]
fn degrees_in_the_metrics_table_follow_the_shown_links() {
    let model = Model::build(Corpus::sample(), &ModelSettings::default());
    let g = &model.graph;
    let (nodes, all) = everything(&model);
    // Show only actor–actor links.
    let edges: Vec<bool> = (0..all.len())
        .map(|e| {
            g.edge(EdgeId::new(e))
                .is_some_and(|w| w.kind == knowmap::graph::EdgeKind::ActorActor)
        })
        .collect();
    let shown = Shown {
        nodes: &nodes,
        edges: &edges,
    };
    let rows = charts::metrics_rows(&model, shown, Column::Label, true);
    let ukraine = rows.iter().find(|r| r.label == "Ukraine").unwrap();
    let index = NodeId::from_raw(ukraine.node);
    let actor_links = g
        .links_of(index)
        .filter(|e| e.data.kind == knowmap::graph::EdgeKind::ActorActor)
        .count() as u32;
    assert_eq!(ukraine.degree, actor_links);
    // Positive control: the whole map gives Ukraine more links than that.
    assert!(g[index].degree > actor_links && actor_links > 0);
    // With every link shown, the whole-map degree is back.
    let shown = Shown {
        nodes: &nodes,
        edges: &all,
    };
    let rows = charts::metrics_rows(&model, shown, Column::Label, true);
    let ukraine = rows.iter().find(|r| r.label == "Ukraine").unwrap();
    assert_eq!(ukraine.degree, g[index].degree);
}

#[test]
fn the_metrics_table_sorts_by_any_column_both_ways() {
    let model = Model::build(Corpus::sample(), &ModelSettings::default());
    let (nodes, edges) = everything(&model);
    let shown = Shown {
        nodes: &nodes,
        edges: &edges,
    };
    for column in Column::ALL {
        for ascending in [false, true] {
            let rows = charts::metrics_rows(&model, shown, column, ascending);
            assert_eq!(rows.len(), model.graph.node_count());
            let key = |r: &charts::MetricsRow| match column {
                Column::Betweenness => r.betweenness,
                Column::WeightedDegree => r.weighted_degree,
                Column::Mentions => f64::from(r.mentions),
                Column::Degree => f64::from(r.degree),
                Column::Community => f64::from(r.community),
                _ => 0.0,
            };
            for w in rows.windows(2) {
                let (a, b) = (key(&w[0]), key(&w[1]));
                assert!(if ascending { a <= b } else { a >= b }, "{column:?}");
            }
        }
    }
    let table = charts::metrics_table(&charts::metrics_rows(&model, shown, Column::Label, true));
    let csv = knowmap::io::export::table_csv(&table);
    assert!(csv.starts_with(
        "label,kind,category,mentions,degree,weighted degree,betweenness,community,first seen,last seen\n"
    ));
    assert_eq!(csv.lines().count(), table.rows.len() + 1);
}

#[test]
fn charts_follow_the_filters() {
    let model = Model::build(Corpus::sample(), &ModelSettings::default());
    let (mut nodes, edges) = everything(&model);
    // Positive control: with everything shown there are topics to chart.
    let all = Shown {
        nodes: &nodes,
        edges: &edges,
    };
    assert!(!charts::top_nodes(&model, all, NodeKind::Topic, 10).is_empty());
    assert!(!charts::heatmap(&model, all, 8, 8).topics.is_empty());
    // Hide every topic.
    for i in model.graph.node_ids() {
        if model.graph[i].kind == NodeKind::Topic {
            nodes[i.index()] = false;
        }
    }
    let shown = Shown {
        nodes: &nodes,
        edges: &edges,
    };
    assert!(charts::top_nodes(&model, shown, NodeKind::Topic, 10).is_empty());
    assert!(charts::heatmap(&model, shown, 8, 8).topics.is_empty());
}

fn with_stats() -> Harness<'static, KnowmapApp> {
    let mut h = common::loaded_app(egui::vec2(1400.0, 900.0), None);
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label("Statistics").click();
    // The window opens after the frame of the click, and egui places and
    // sizes a new window over its first frames.
    h.run_steps(6);
    h
}

#[test]
fn clicking_a_bar_selects_its_node() {
    let mut h = with_stats();
    let top = h.state().stats.clone();
    // The second bar of the top actors (rank 1 is drawn at y = -1).
    let at = top.screen_pos("top actors", 1.0, -1.0).unwrap();
    common::click_at(&mut h, at);
    h.run_steps(3);
    let model = h.state().session.model.clone().unwrap();
    let (nodes, edges) = h.state().session.visibility(&model);
    let expected = charts::top_nodes(
        &model,
        Shown {
            nodes: &nodes,
            edges: &edges,
        },
        NodeKind::Actor,
        15,
    )[1]
    .0;
    assert_eq!(
        h.state().session.selection,
        Selection::Node(NodeId::from_raw(expected))
    );
}

#[test]
fn clicking_a_heatmap_cell_shows_that_links_evidence() {
    let mut h = with_stats();
    h.get_by_label("Actor × topic").click();
    h.run_steps(3);
    let model = h.state().session.model.clone().unwrap();
    let (nodes, edges) = h.state().session.visibility(&model);
    let heat = charts::heatmap(
        &model,
        Shown {
            nodes: &nodes,
            edges: &edges,
        },
        12,
        12,
    );
    // The strongest filled cell.
    let (r, c, edge) = (0..heat.actors.len())
        .flat_map(|r| (0..heat.topics.len()).map(move |c| (r, c)))
        .filter_map(|(r, c)| heat.cell(r, c).map(|x| (r, c, x)))
        .max_by(|a, b| a.2.2.total_cmp(&b.2.2))
        .map(|(r, c, x)| (r, c, x.0))
        .unwrap();
    let rows = heat.actors.len() as f64;
    let at = h
        .state()
        .stats
        .screen_pos("heatmap", c as f64 + 0.5, rows - 1.0 - r as f64 + 0.5)
        .unwrap();
    common::click_at(&mut h, at);
    h.run_steps(3);
    assert_eq!(
        h.state().session.selection,
        Selection::Edge(EdgeId::from_raw(edge))
    );
    // The evidence panel names both ends.
    let label = |n: u32| model.extraction.entities[n as usize].label.clone();
    h.get_by_label_contains(&format!(
        "{} — {}",
        label(heat.actors[r]),
        label(heat.topics[c])
    ));
}

#[test]
fn clicking_an_article_restricts_the_map_to_it() {
    let mut h = with_stats();
    h.get_by_label("Articles").click();
    h.run_steps(3);
    let at = h.state().stats.screen_pos("articles", 2.0, -2.0).unwrap();
    common::click_at(&mut h, at);
    h.run_steps(3);
    let app = h.state();
    let model = app.session.model.as_ref().unwrap();
    assert_eq!(
        app.session.filter.excluded_articles.len(),
        model.corpus.articles.len() - 1
    );
    assert!(
        !app.session
            .filter
            .excluded_articles
            .contains(&knowmap::corpus::ArticleId::new(2))
    );
}

#[test]
fn a_community_can_be_shown_alone() {
    let mut h = with_stats();
    h.get_by_label("Communities").click();
    h.run_steps(3);
    let model = h.state().session.model.clone().unwrap();
    let (nodes, edges) = h.state().session.visibility(&model);
    let biggest = charts::communities(
        &model,
        Shown {
            nodes: &nodes,
            edges: &edges,
        },
        3,
    )[0]
    .id;
    h.get_by_label(&format!("Community {biggest} alone"))
        .click();
    h.run_steps(3);
    let app = h.state();
    assert_eq!(app.session.filter.community, Some(biggest));
    let (nodes, _) = app.session.visibility(&model);
    for i in model.graph.node_ids() {
        if nodes[i.index()] {
            assert_eq!(model.graph[i].community, biggest);
        }
    }
}

#[test]
fn the_metrics_table_selects_the_clicked_row() {
    let mut h = with_stats();
    h.get_by_label("Metrics table").click();
    h.run_steps(3);
    h.get_by_label("Row Donald Trump").click();
    h.run_steps(3);
    let model = h.state().session.model.clone().unwrap();
    let trump = model
        .extraction
        .entities
        .iter()
        .position(|e| e.label == "Donald Trump")
        .unwrap() as u32;
    assert_eq!(
        h.state().session.selection,
        Selection::Node(NodeId::from_raw(trump))
    );
}

#[test]
fn the_articles_chart_of_a_large_corpus_shows_the_most_mentioned_articles() {
    let dir = fixture::synthetic_folder(150);
    let mut h = common::loaded_app(egui::vec2(1400.0, 900.0), Some(dir.path().to_path_buf()));
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label("Statistics").click();
    h.run_steps(6);
    h.get_by_label("Articles").click();
    h.run_steps(3);
    h.get_by_label_contains("The 40 of 150 articles with the most mentions");
}

#[test]
fn mentions_by_outlet_add_up_to_the_articles_and_name_their_actors() {
    use knowmap::corpus::{Furniture, SourceFile};
    let table = "title,text,source\n\
        Talks,\"Vladimir Putin met Emmanuel Macron in Moscow on Monday.\",The Ledger\n\
        More talks,\"Vladimir Putin spoke with Olaf Scholz in Berlin.\",The Ledger\n\
        Summit,\"Emmanuel Macron met Olaf Scholz in Paris on Friday.\",Coast Post\n\
        Notes,\"Vladimir Putin said nothing in Moscow.\",\n";
    let corpus = Corpus::from_sources(
        vec![SourceFile {
            path: "export.csv".into(),
            bytes: table.as_bytes().to_vec(),
            modified: None,
        }],
        &Furniture::builtin(),
        Vec::new(),
    );
    let model = Model::build(corpus, &ModelSettings::default());
    let (nodes, edges) = everything(&model);
    let shown = Shown {
        nodes: &nodes,
        edges: &edges,
    };
    let articles = charts::article_breakdown(&model, shown);
    let outlets = charts::outlet_breakdown(&model, shown, &articles, 3);
    let names: Vec<Option<&str>> = outlets.iter().map(|o| o.outlet.as_deref()).collect();
    assert_eq!(
        names,
        [Some("The Ledger"), Some("Coast Post"), None],
        "{outlets:?}"
    );
    assert_eq!(outlets.iter().map(|o| o.articles).sum::<u32>(), 4);
    // The outlets' mentions are the articles' mentions, shared out.
    let total = |rows: &mut dyn Iterator<Item = [u32; 5]>| -> u32 {
        rows.map(|c| c.iter().sum::<u32>()).sum()
    };
    assert_eq!(
        total(&mut outlets.iter().map(|o| o.by_category)),
        total(&mut articles.iter().map(|a| a.by_category))
    );
    let ledger = &outlets[0];
    let putin = charts::label(&model, ledger.top_actors[0].0);
    assert_eq!(
        (putin, ledger.top_actors[0].1),
        ("Vladimir Putin", 2),
        "{ledger:?}"
    );
    let table = charts::outlet_table(&model, &outlets);
    assert_eq!(table.rows.len(), 3);
    assert!(
        table.rows[0]
            .last()
            .unwrap()
            .starts_with("Vladimir Putin (2)")
    );
}
