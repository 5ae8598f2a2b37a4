//! CPU time to build and tessellate one frame of the map canvas, headless
//! (no window): the bundled sample, and a large generated map.
//!
//! Targets: ≤ 1 ms for the sample; ≤ 8 ms for 10,000 nodes / 100,000 edges.
#![allow(clippy::unwrap_used)]

use std::sync::OnceLock;

use knowmap::corpus::synthetic::{SyntheticSettings, generate};
use knowmap::corpus::{Corpus, Furniture};
use knowmap::graph::NodeId;
use knowmap::graph::view::{Selection, edge_order};
use knowmap::graph::{Model, ModelSettings};
use knowmap::io::picture::Camera;
use knowmap::layout::{Fa2Settings, ForceAtlas2, LayoutGraph};
use knowmap::session::CameraState;
use knowmap::ui::canvas::{CanvasState, Scene, canvas_ui};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

struct Map {
    model: Model,
    positions: Vec<[f32; 2]>,
}

fn map_of(model: Model) -> Map {
    let graph = LayoutGraph::from_knowledge(&model.graph);
    let mut layout = ForceAtlas2::new(&graph, Fa2Settings::default(), 1);
    layout.run(30);
    let positions = layout.positions().to_vec();
    Map { model, positions }
}

fn sample() -> &'static Map {
    static MAP: OnceLock<Map> = OnceLock::new();
    MAP.get_or_init(|| map_of(Model::build(Corpus::sample(), &ModelSettings::default())))
}

/// A generated corpus with many distinct names: about 10,000 nodes.
fn large() -> &'static Map {
    static MAP: OnceLock<Map> = OnceLock::new();
    MAP.get_or_init(|| {
        let settings = SyntheticSettings {
            articles: 4000,
            people: 9000,
            organizations: 2500,
            ..SyntheticSettings::default()
        };
        let corpus = Corpus::from_sources(generate(&settings), &Furniture::builtin(), Vec::new());
        let model = Model::build(corpus, &ModelSettings::default());
        eprintln!(
            "large map: {} nodes, {} edges",
            model.graph.node_count(),
            model.graph.edge_count()
        );
        map_of(model)
    })
}

fn frame(bencher: divan::Bencher, map: &Map) {
    let visible = vec![true; map.positions.len()];
    let edges = vec![true; map.model.graph.edge_count()];
    let view = View {
        visible: &visible,
        edges: &edges,
        color_by_community: false,
        label_budget: 30,
        edge_budget: 20_000,
        pan: false,
    };
    frame_of(bencher, map, &view);
}

/// What one frame shows of a map, and whether the camera moves every frame
/// (panning: nothing drawn can be reused from the last).
struct View<'a> {
    visible: &'a [bool],
    edges: &'a [bool],
    color_by_community: bool,
    label_budget: usize,
    edge_budget: usize,
    pan: bool,
}

fn frame_of(bencher: divan::Bencher, map: &Map, view: &View<'_>) {
    let ctx = egui::Context::default();
    let pinned = vec![false; map.positions.len()];
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1400.0, 900.0));
    let shown = map
        .positions
        .iter()
        .zip(view.visible)
        .filter(|(_, v)| **v)
        .map(|(p, _)| *p);
    let fit = Camera::fit([screen.width(), screen.height()], shown);
    let base_zoom = fit.zoom;
    let mut camera = CameraState {
        camera: fit,
        base_zoom,
        ..CameraState::default()
    };
    let mut state = CanvasState::default();
    let (order, max_weight) = edge_order(&map.model);
    let mut step = 0u32;
    let mut run = || {
        if view.pan {
            step += 1;
            camera.camera.center[0] += (step % 7) as f32 - 3.0;
            camera.camera.center[1] += (step % 5) as f32 - 2.0;
        }
        let input = egui::RawInput {
            screen_rect: Some(screen),
            ..Default::default()
        };
        let output = ctx.run_ui(input, |ui| {
            let scene = Scene {
                model: &map.model,
                positions: &map.positions,
                node_visible: view.visible,
                edge_visible: view.edges,
                pinned: &pinned,
                new_nodes: &[],
                gone_nodes: &[],
                gone_edges: &[],
                drawn_at: &[],
                collapsed: &[],
                selection: Selection::None,
                color_by_community: view.color_by_community,
                label_budget: view.label_budget,
                base_zoom,
                edge_order: &order,
                max_weight,
                edge_budget: view.edge_budget,
            };
            canvas_ui(ui, &mut camera, &mut state, &scene);
        });
        ctx.tessellate(output.shapes, output.pixels_per_point)
    };
    // Warm up fonts and caches.
    run();
    run();
    bencher.bench_local(run);
}

#[divan::bench(sample_count = 50)]
fn frame_sample(bencher: divan::Bencher) {
    frame(bencher, sample());
}

#[divan::bench(sample_count = 10)]
fn frame_large(bencher: divan::Bencher) {
    frame(bencher, large());
}

/// The 216 Reuters articles of the evaluation set, when present (research
/// data, never shipped): the statistics window's frame on a real folder.
fn conll() -> Option<&'static Map> {
    static MAP: OnceLock<Option<Map>> = OnceLock::new();
    MAP.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/corpus/conll2003-testa/articles");
        let corpus =
            knowmap::corpus::read_folder(&dir, &knowmap::corpus::ReadSettings::default()).ok()?;
        Some(map_of(Model::build(corpus, &ModelSettings::default())))
    })
    .as_ref()
}

fn stats_frame(bencher: divan::Bencher, map: &Map, tab: knowmap::ui::stats::Tab) {
    use knowmap::graph::charts::Shown;
    let ctx = egui::Context::default();
    let n = map.positions.len();
    let nodes = vec![true; n];
    let edges = vec![true; map.model.graph.edge_count()];
    let filter = knowmap::session::Filter::default();
    let mut state = knowmap::ui::stats::StatsState::on(tab);
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1400.0, 900.0));
    let mut run = || {
        let output = ctx.run_ui(
            egui::RawInput {
                screen_rect: Some(screen),
                ..Default::default()
            },
            |ui| {
                let mut actions = Vec::new();
                knowmap::ui::stats::stats_ui(
                    ui,
                    &mut state,
                    &map.model,
                    0,
                    Shown {
                        nodes: &nodes,
                        edges: &edges,
                    },
                    &filter,
                    &mut actions,
                );
            },
        );
        ctx.tessellate(output.shapes, output.pixels_per_point)
    };
    run();
    run();
    bencher.bench_local(run);
}

#[divan::bench(sample_count = 20, args = ["top", "heatmap", "articles", "distributions", "metrics", "communities"])]
fn stats_conll(bencher: divan::Bencher, tab: &str) {
    use knowmap::ui::stats::Tab;
    let Some(map) = conll() else {
        eprintln!("conll2003-testa not found; skipped");
        return;
    };
    let tab = match tab {
        "top" => Tab::Top,
        "heatmap" => Tab::Heatmap,
        "articles" => Tab::Articles,
        "distributions" => Tab::Distributions,
        "metrics" => Tab::Metrics,
        _ => Tab::Communities,
    };
    stats_frame(bencher, map, tab);
}

/// Exactly the target map: 10,000 nodes and 100,000 links, built
/// directly (a corpus generator does not reach that many distinct names),
/// with scale-free degrees and mentions, laid out by ForceAtlas2.
fn target_map() -> &'static Map {
    static MAP: OnceLock<Map> = OnceLock::new();
    MAP.get_or_init(|| {
        use knowmap::extract::{Category, Entity, Extraction, NodeKind};
        use knowmap::graph::{EdgeData, EdgeKind, KnowledgeGraph, NodeData};
        let (n, m) = (10_000usize, 100_000usize);
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let entities: Vec<Entity> = (0..n)
            .map(|i| {
                let category = Category::ALL[i % 5];
                Entity {
                    label: format!("Node {i}"),
                    kind: category.kind(),
                    category,
                    aliases: Vec::new(),
                    merged_into: None,
                }
            })
            .collect();
        let mut nodes = Vec::with_capacity(n);
        let mut links = Vec::with_capacity(m);
        for (i, e) in entities.iter().enumerate() {
            nodes.push(NodeData {
                entity: i as u32,
                kind: e.kind,
                category: e.category,
                // Zipf-like mentions: a few big nodes, many small.
                mentions: (2000 / (i + 1)).max(1) as u32,
                paragraphs: Default::default(),
                degree: 0,
                weighted_degree: 0.0,
                betweenness: 0.0,
                community: (i % 12) as u32,
            });
        }
        let mut seen = std::collections::HashSet::new();
        while seen.len() < m {
            // Preferential ends: the square of a uniform number favours low ids.
            let pick = |r: u64| {
                let u = (r % 1_000_000) as f64 / 1_000_000.0;
                ((u * u) * n as f64) as usize
            };
            let (a, b) = (pick(next()), pick(next()));
            if a == b || !seen.insert((a.min(b), a.max(b))) {
                continue;
            }
            let kind = EdgeKind::of(entities[a].kind, entities[b].kind);
            links.push((
                NodeId::new(a),
                NodeId::new(b),
                EdgeData {
                    kind,
                    count: 1,
                    weight: 1.0 + (next() % 100) as f64 / 10.0,
                    alpha: 1.0,
                    paragraphs: Default::default(),
                },
            ));
        }
        let _ = NodeKind::Actor;
        let model = Model {
            corpus: Corpus::default().into(),
            extraction: Extraction {
                entities,
                mentions: Vec::new(),
                warnings: Vec::new(),
            }
            .into(),
            graph: KnowledgeGraph::from_parts(
                nodes,
                links,
                1,
                knowmap::graph::WeightMeasure::Association,
            ),
        };
        map_of(model)
    })
}

#[divan::bench(sample_count = 10)]
fn frame_10k_nodes_100k_links(bencher: divan::Bencher) {
    frame(bencher, target_map());
}

/// A map with the nodes and links it shows.
type Shown = (Map, Vec<bool>, Vec<bool>);

/// The map of a folder (`KNOWMAP_FRAME_FOLDER`, e.g. the 35,200-article
/// generated corpus) as the window opens it: the 300 most mentioned nodes,
/// the backbone of three links per node, coloured by community, laid out.
/// Skipped when the variable is not set.
fn folder() -> Option<&'static Shown> {
    static MAP: OnceLock<Option<Shown>> = OnceLock::new();
    MAP.get_or_init(|| {
        let dir = std::env::var_os("KNOWMAP_FRAME_FOLDER")?;
        let corpus = knowmap::corpus::read_folder(
            std::path::Path::new(&dir),
            &knowmap::corpus::ReadSettings::default(),
        )
        .ok()?;
        let model = Model::build(corpus, &ModelSettings::default());
        let filter = knowmap::graph::view::Filter {
            max_nodes: 300,
            link_density: 3.0,
            ..knowmap::graph::view::Filter::default()
        };
        let (nodes, edges) = knowmap::graph::view::visibility(&model, &filter, Selection::None);
        eprintln!(
            "folder map: {} nodes ({} shown), {} links ({} drawn)",
            model.graph.node_count(),
            nodes.iter().filter(|v| **v).count(),
            model.graph.edge_count(),
            edges.iter().filter(|v| **v).count()
        );
        Some((map_of(model), nodes, edges))
    })
    .as_ref()
}

/// One frame of the folder's map while panning.
#[divan::bench(sample_count = 20)]
fn frame_folder_panning(bencher: divan::Bencher) {
    let Some((map, visible, edges)) = folder() else {
        return;
    };
    let view = View {
        visible,
        edges,
        color_by_community: true,
        label_budget: knowmap::io::picture::LABEL_BUDGET,
        edge_budget: knowmap::io::picture::EDGE_BUDGET,
        pan: true,
    };
    frame_of(bencher, map, &view);
}
