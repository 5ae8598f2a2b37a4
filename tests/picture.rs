//! The map as a picture: labels by importance that zooming in reveals.
#![allow(clippy::unwrap_used)]

use knowmap::corpus::Corpus;
use knowmap::graph::{Model, ModelSettings};
use knowmap::io::picture::{Camera, MapView, Palette, estimate_text_size};
use knowmap::layout::{Fa2Settings, ForceAtlas2, LayoutGraph};

mod fixture;

/// The whole map composed at `zoom_in` times the fit (labels measured by
/// estimate), with every node and link shown.
fn compose(
    model: &Model,
    positions: &[[f32; 2]],
    by_community: bool,
    label_budget: usize,
    zoom_in: f32,
) -> knowmap::io::picture::Picture {
    let nodes = vec![true; positions.len()];
    let edges = vec![true; model.graph.edge_count()];
    let pinned = vec![false; positions.len()];
    let (order, max_weight) = knowmap::graph::view::edge_order(model);
    let size = [1200.0, 800.0];
    let fit = Camera::fit(size, positions.iter().copied());
    MapView {
        model,
        positions,
        node_visible: &nodes,
        edge_visible: &edges,
        pinned: &pinned,
        new_nodes: &[],
        gone_nodes: &[],
        gone_edges: &[],
        drawn_at: &[],
        collapsed: &[],
        edge_order: &order,
        max_weight,
        size,
        center: fit.center,
        zoom: fit.zoom * zoom_in,
        base_zoom: fit.zoom,
        selected_node: None,
        selected_edge: None,
        hovered: None,
        color_by_community: by_community,
        label_budget,
        edge_budget: 20_000,
        palette: Palette::dark(),
        font_size: 13.0,
    }
    .compose(&mut |t| estimate_text_size(t, 13.0))
}

fn labels_at(model: &Model, positions: &[[f32; 2]], zoom_in: f32) -> Vec<u32> {
    let picture = compose(model, positions, false, 10, zoom_in);
    picture.labels.iter().map(|l| l.node).collect()
}

#[test]
fn zooming_in_reveals_more_labels_and_keeps_the_important_ones() {
    let model = Model::build(Corpus::sample(), &ModelSettings::default());
    let graph = LayoutGraph::from_knowledge(&model.graph);
    let mut fa2 = ForceAtlas2::with_positions(&graph, Fa2Settings::default(), &[], 1);
    fa2.run(400);
    let positions = fa2.positions().to_vec();
    let overview = labels_at(&model, &positions, 1.0);
    let closer = labels_at(&model, &positions, 2.5);
    assert!(!overview.is_empty());
    assert!(
        closer.len() > overview.len(),
        "{} labels zoomed in, {} at the overview",
        closer.len(),
        overview.len()
    );
    // The most mentioned node is labelled at the overview.
    let top = model
        .graph
        .node_ids()
        .max_by_key(|i| model.graph[*i].mentions)
        .unwrap()
        .index() as u32;
    assert!(overview.contains(&top));
}

fn regions_at(model: &Model, positions: &[[f32; 2]], by_community: bool, zoom_in: f32) -> usize {
    let picture = compose(model, positions, by_community, 30, zoom_in);
    // Node labels never cover a community's name.
    for r in &picture.regions {
        let a = [
            r.pos[0],
            r.pos[1],
            r.pos[0] + r.size[0],
            r.pos[1] + r.size[1],
        ];
        for l in &picture.labels {
            let b = [
                l.pos[0],
                l.pos[1],
                l.pos[0] + l.size[0],
                l.pos[1] + l.size[1],
            ];
            assert!(
                !(a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]),
                "{r:?} under {l:?}"
            );
        }
        assert!(r.text.contains(" · "), "named by its members: {}", r.text);
    }
    picture.regions.len()
}

#[test]
fn communities_are_named_over_their_regions_when_coloured_and_zoomed_out() {
    let dir = fixture::synthetic_folder(150);
    let corpus =
        knowmap::corpus::read_folder(dir.path(), &knowmap::corpus::ReadSettings::default())
            .unwrap();
    let model = Model::build(corpus, &ModelSettings::default());
    let graph = LayoutGraph::from_knowledge(&model.graph);
    let mut fa2 = ForceAtlas2::with_positions(&graph, Fa2Settings::default(), &[], 1);
    fa2.run(300);
    let positions = fa2.positions().to_vec();
    assert!(regions_at(&model, &positions, true, 1.0) >= 2);
    assert_eq!(
        regions_at(&model, &positions, false, 1.0),
        0,
        "only when coloured by community"
    );
    assert_eq!(
        regions_at(&model, &positions, true, 4.0),
        0,
        "zoomed in, the nodes speak"
    );
}
