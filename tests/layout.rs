//! The ForceAtlas2 layout: quality on planted communities and finite
//! positions on any graph.
#![allow(clippy::unwrap_used)]

use knowmap::layout::{Fa2Settings, ForceAtlas2, LayoutGraph, splitmix};
use proptest::prelude::*;

/// A stochastic block model: `k` blocks of `size` nodes, dense inside, sparse between.
fn sbm(k: usize, size: usize, p_in: f64, p_out: f64, seed: u64) -> (LayoutGraph, Vec<usize>) {
    let n = k * size;
    let mut edges = Vec::new();
    let mut state = seed;
    for a in 0..n {
        for b in a + 1..n {
            state = splitmix(state);
            let u = (state >> 11) as f64 / (1u64 << 53) as f64;
            let p = if a / size == b / size { p_in } else { p_out };
            if u < p {
                edges.push((a as u32, b as u32, 1.0));
            }
        }
    }
    (
        LayoutGraph {
            node_count: n,
            edges,
            sizes: Vec::new(),
        },
        (0..n).map(|i| i / size).collect(),
    )
}

#[test]
fn planted_communities_end_up_apart() {
    let (graph, block) = sbm(4, 50, 0.3, 0.01, 7);
    let mut layout = ForceAtlas2::new(&graph, Fa2Settings::default(), 3);
    layout.run(600);
    let p = layout.positions();
    let (mut within, mut nw, mut between, mut nb) = (0.0f64, 0usize, 0.0f64, 0usize);
    for a in 0..p.len() {
        for b in a + 1..p.len() {
            let d = f64::from((p[a][0] - p[b][0]).hypot(p[a][1] - p[b][1]));
            if block[a] == block[b] {
                within += d;
                nw += 1;
            } else {
                between += d;
                nb += 1;
            }
        }
    }
    let (within, between) = (within / nw as f64, between / nb as f64);
    assert!(
        within <= between / 2.0,
        "within {within:.1}, between {between:.1}"
    );
}

fn any_graph() -> impl Strategy<Value = (LayoutGraph, Vec<bool>, bool)> {
    (0usize..40).prop_flat_map(|n| {
        let edge = (
            0..n.max(1) as u32,
            0..n.max(1) as u32,
            prop_oneof![Just(0.0f32), Just(1e30), 0.0f32..100.0, Just(f32::NAN)],
        );
        (
            proptest::collection::vec(edge, 0..120),
            proptest::collection::vec(any::<bool>(), n),
            any::<bool>(),
        )
            .prop_map(move |(edges, pinned, same_point)| {
                let edges = if n == 0 { Vec::new() } else { edges };
                (
                    LayoutGraph {
                        node_count: n,
                        edges,
                        sizes: Vec::new(),
                    },
                    pinned,
                    same_point,
                )
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn positions_stay_finite_on_any_graph((graph, pinned, same_point) in any_graph(), overlap in any::<bool>(), lin_log in any::<bool>()) {
        let settings = Fa2Settings { prevent_overlap: overlap, lin_log, exact_below: 8, ..Fa2Settings::default() };
        let known: Vec<Option<[f32; 2]>> = if same_point { vec![Some([5.0, 5.0]); graph.node_count] } else { Vec::new() };
        let mut layout = ForceAtlas2::with_positions(&graph, settings, &known, 9);
        for (i, p) in pinned.iter().enumerate() {
            layout.set_pinned(i, *p);
        }
        layout.run(30);
        for p in layout.positions() {
            prop_assert!(p[0].is_finite() && p[1].is_finite(), "{p:?}");
        }
    }
}

#[test]
fn a_drop_on_a_settled_map_moves_only_the_neighbourhood() {
    // Two chains joined at node 0: 0-1-2-3-4-5 and 0-6-7-8-9-10.
    let mut edges: Vec<(u32, u32, f32)> = (0..5u32).map(|i| (i, i + 1, 1.0)).collect();
    edges.push((0, 6, 1.0));
    edges.extend((6..10u32).map(|i| (i, i + 1, 1.0)));
    let graph = LayoutGraph {
        node_count: 11,
        edges,
        sizes: vec![1.0; 11],
    };
    let mut fa2 = ForceAtlas2::with_positions(&graph, Fa2Settings::default(), &[], 1);
    for _ in 0..20_000 {
        if fa2.step().is_none() {
            break;
        }
    }
    assert_eq!(fa2.state(), knowmap::layout::LayoutState::Settled);
    let before = fa2.positions().to_vec();
    // Drop node 5 (an end of the first chain) far away, pinned.
    fa2.set_position(5, [before[5][0] + 80.0, before[5][1] + 80.0]);
    fa2.set_pinned(5, true);
    for _ in 0..20_000 {
        if fa2.step().is_none() {
            break;
        }
    }
    let after = fa2.positions();
    let moved = |i: usize| (after[i][0] - before[i][0]).hypot(after[i][1] - before[i][1]) > 1e-3;
    assert!(moved(4), "the neighbour follows the drop");
    for i in [0, 1, 2, 3, 6, 7, 8, 9, 10] {
        assert!(!moved(i), "node {i}, far from the drop, moved");
    }
    // A reheat afterwards moves the whole map again.
    fa2.reheat();
    assert!(fa2.step().is_some());
}
