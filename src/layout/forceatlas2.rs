//! ForceAtlas2 (Jacomy, Venturini, Heymann & Bastian, PLoS ONE 2014) with
//! Barnes–Hut repulsion and the adaptive global/local speed of the paper.
//!
//! One iteration costs O(n log n + m). Every node's force is computed on its
//! own (repulsion from the tree, attraction from its adjacency list in a fixed
//! order), so results are identical whatever the number of threads.
//!
//! Longer than 700 lines because of its tests (the algorithm is ~665
//! lines, the Barnes–Hut tree is in `quadtree.rs`).

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::quadtree::{Body, QuadTree};

/// An undirected weighted graph as the layout sees it.
#[derive(Debug, Clone, Default)]
pub struct LayoutGraph {
    pub node_count: usize,
    /// `(a, b, weight)`; self-loops and duplicates are allowed and harmless.
    pub edges: Vec<(u32, u32, f32)>,
    /// Node radii in layout units, for prevent-overlap (1 when empty).
    pub sizes: Vec<f32>,
}

/// The parameters of ForceAtlas2, as in Gephi.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Fa2Settings {
    /// Repulsion strength (kr).
    pub scaling: f32,
    /// Attraction to the centre (kg).
    pub gravity: f32,
    /// Gravity grows with distance, keeping far components close.
    pub strong_gravity: bool,
    /// Logarithmic attraction: tighter clusters.
    pub lin_log: bool,
    /// Hubs attract less, pushing them to the periphery (outbound attraction distribution).
    pub dissuade_hubs: bool,
    /// Nodes repel by their borders rather than their centres.
    pub prevent_overlap: bool,
    /// Exponent δ on edge weights in the attraction (0 ignores weights).
    pub edge_weight_influence: f32,
    /// How much swinging is tolerated; higher is faster and less precise.
    pub jitter_tolerance: f32,
    /// Barnes–Hut accuracy: larger is faster and coarser.
    pub theta: f32,
    /// Use exact repulsion below this many nodes.
    pub exact_below: usize,
}

impl Default for Fa2Settings {
    fn default() -> Self {
        Self {
            scaling: 2.0,
            gravity: 1.0,
            strong_gravity: false,
            lin_log: false,
            dissuade_hubs: false,
            prevent_overlap: false,
            edge_weight_influence: 1.0,
            jitter_tolerance: 1.0,
            theta: 1.2,
            exact_below: 64,
        }
    }
}

impl Fa2Settings {
    /// How much a link's weight counts in the maps knowmap draws (window and
    /// `knowmap build`): links pull with the square root of their strength,
    /// since with co-occurrence counts as weights full influence packs the
    /// most-mentioned nodes on top of each other.
    pub const MAP_EDGE_WEIGHT_INFLUENCE: f32 = 0.5;

    /// The settings of the maps knowmap draws (window and `knowmap build`)
    /// for a first layout of `node_count` nodes: LinLog attraction, which
    /// separates clusters (Noack 2007), links pulling with the square root
    /// of their strength, and [`Self::scaling_for`]. Chosen by measurement:
    /// on the generated five-section news corpus, LinLog raises the
    /// silhouette of the 300 nodes shown by section from 0.45 to 0.50
    /// (`examples/map_quality.rs --compare`, docs/PERFORMANCE.md).
    pub fn for_maps(node_count: usize) -> Self {
        Self {
            scaling: Self::scaling_for(node_count),
            lin_log: true,
            edge_weight_influence: Self::MAP_EDGE_WEIGHT_INFLUENCE,
            ..Self::default()
        }
    }

    /// The scaling a first layout of `node_count` nodes uses: more repulsion
    /// for small graphs, as Gephi advises (the window and `knowmap build`
    /// share this rule).
    pub fn scaling_for(node_count: usize) -> f32 {
        if node_count < 100 { 10.0 } else { 2.0 }
    }

    /// Replaces values no force can use (NaN, infinities, negatives).
    pub fn sanitized(mut self) -> Self {
        let fix = |v: f32, default: f32, min: f32, max: f32| {
            if v.is_finite() {
                v.clamp(min, max)
            } else {
                default
            }
        };
        let d = Self::default();
        self.scaling = fix(self.scaling, d.scaling, 1e-4, 1e6);
        self.gravity = fix(self.gravity, d.gravity, 0.0, 1e6);
        self.edge_weight_influence = fix(
            self.edge_weight_influence,
            d.edge_weight_influence,
            0.0,
            4.0,
        );
        self.jitter_tolerance = fix(self.jitter_tolerance, d.jitter_tolerance, 1e-3, 100.0);
        self.theta = fix(self.theta, d.theta, 0.0, 10.0);
        self
    }
}

/// Whether the layout is moving.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LayoutState {
    /// Iterating.
    Running,
    /// Converged: nodes barely move; stepping does nothing until woken.
    Settled,
    /// Stopped by the user.
    Paused,
}

/// What one iteration did.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct StepReport {
    /// Σ mass · |F(t) − F(t−1)|: how much nodes oscillate.
    pub swing: f64,
    /// Σ mass · |F(t) + F(t−1)| / 2: how much nodes move consistently.
    pub traction: f64,
    /// Global speed after the iteration.
    pub speed: f64,
    /// Mean displacement per node relative to the layout's extent.
    pub movement: f64,
}

/// Relative movement below which an iteration counts as calm.
const SETTLE_MOVEMENT: f64 = 2e-4;
/// Calm iterations in a row that settle the layout.
const SETTLE_STREAK: u32 = 20;

/// A steppable ForceAtlas2 layout.
#[derive(Debug, Clone)]
pub struct ForceAtlas2 {
    settings: Fa2Settings,
    positions: Vec<[f32; 2]>,
    pinned: Vec<bool>,
    /// During a local reheat (a node dropped on a settled map): the nodes
    /// that stay where they are, everything but the dropped node's
    /// neighbourhood. Empty otherwise.
    frozen: Vec<bool>,
    mass: Vec<f32>,
    sizes: Vec<f32>,
    /// Nodes outside the largest connected component (small groups and
    /// lone nodes): gravity pulls them in proportionally to their distance,
    /// as strong gravity does, so they sit at the main map's rim instead of
    /// being pushed out to where the repulsion of the whole map balances a
    /// constant gravity (far enough that a fitted view squeezes the map
    /// into a corner). Empty when the graph is connected.
    satellite: Vec<bool>,
    /// CSR adjacency: neighbours of node i are `adj[offsets[i]..offsets[i+1]]`.
    offsets: Vec<u32>,
    adj: Vec<(u32, f32)>,
    forces: Vec<[f32; 2]>,
    old_forces: Vec<[f32; 2]>,
    speed: f64,
    speed_efficiency: f64,
    outbound_compensation: f32,
    state: LayoutState,
    calm_streak: u32,
    iterations: u64,
}

impl ForceAtlas2 {
    /// A layout with deterministic initial positions drawn from `seed`.
    pub fn new(graph: &LayoutGraph, settings: Fa2Settings, seed: u64) -> Self {
        Self::with_positions(graph, settings, &[], seed)
    }

    /// A layout starting from `known` positions where given (by node index);
    /// other nodes start near the centroid of their placed neighbours, or at
    /// a seeded random place when they have none.
    pub fn with_positions(
        graph: &LayoutGraph,
        settings: Fa2Settings,
        known: &[Option<[f32; 2]>],
        seed: u64,
    ) -> Self {
        let n = graph.node_count;
        let mut degree = vec![0u32; n];
        let mut clean_edges = Vec::with_capacity(graph.edges.len());
        for &(a, b, w) in &graph.edges {
            let (ai, bi) = (a as usize, b as usize);
            if a == b || ai >= n || bi >= n {
                continue;
            }
            let w = if w.is_finite() && w > 0.0 {
                w.min(1e6)
            } else {
                0.0
            };
            degree[ai] += 1;
            degree[bi] += 1;
            clean_edges.push((a, b, w));
        }
        let mut offsets = vec![0u32; n + 1];
        for i in 0..n {
            offsets[i + 1] = offsets[i] + degree[i];
        }
        let mut fill = offsets.clone();
        let mut adj = vec![(0u32, 0.0f32); offsets[n] as usize];
        for &(a, b, w) in &clean_edges {
            adj[fill[a as usize] as usize] = (b, w);
            fill[a as usize] += 1;
            adj[fill[b as usize] as usize] = (a, w);
            fill[b as usize] += 1;
        }
        let mass: Vec<f32> = degree.iter().map(|&d| d as f32 + 1.0).collect();
        let sizes: Vec<f32> = (0..n)
            .map(|i| {
                graph
                    .sizes
                    .get(i)
                    .copied()
                    .filter(|s| s.is_finite() && *s >= 0.0)
                    .unwrap_or(1.0)
            })
            .collect();
        let outbound_compensation = if n > 0 {
            mass.iter().sum::<f32>() / n as f32
        } else {
            1.0
        };
        let positions = initial_positions(n, &offsets, &adj, known, seed);
        let satellite = satellites(&offsets, &adj);
        Self {
            settings: settings.sanitized(),
            positions,
            pinned: vec![false; n],
            frozen: Vec::new(),
            mass,
            sizes,
            satellite,
            offsets,
            adj,
            forces: vec![[0.0; 2]; n],
            old_forces: vec![[0.0; 2]; n],
            speed: 1.0,
            speed_efficiency: 1.0,
            outbound_compensation,
            state: if n == 0 {
                LayoutState::Settled
            } else {
                LayoutState::Running
            },
            calm_streak: 0,
            iterations: 0,
        }
    }

    pub fn positions(&self) -> &[[f32; 2]] {
        &self.positions
    }

    pub fn settings(&self) -> &Fa2Settings {
        &self.settings
    }

    pub fn state(&self) -> LayoutState {
        self.state
    }

    pub fn iterations(&self) -> u64 {
        self.iterations
    }

    pub fn is_pinned(&self, node: usize) -> bool {
        self.pinned.get(node).copied().unwrap_or(false)
    }

    /// Changes the parameters and wakes the layout.
    pub fn set_settings(&mut self, settings: Fa2Settings) {
        self.settings = settings.sanitized();
        self.frozen.clear();
        self.wake();
    }

    /// Moves a node (ignored for non-finite positions) and wakes the layout.
    /// On a settled map the reheat is local: only the node's own neighbours
    /// adjust to where it was put, the rest of the map stays, so one drop
    /// never sends the whole map drifting (two links away already reach
    /// nearly every node of a dense news map: 64 of the sample's 68).
    pub fn set_position(&mut self, node: usize, position: [f32; 2]) {
        if position.iter().all(|v| v.is_finite())
            && let Some(p) = self.positions.get_mut(node)
        {
            *p = position;
            if self.state == LayoutState::Settled {
                self.frozen = self.outside_neighbourhood(node, 1);
            }
            if self.state == LayoutState::Settled && !self.positions.is_empty() {
                self.state = LayoutState::Running;
            }
            self.calm_streak = 0;
        }
    }

    /// True for every node further than `depth` links from `node`.
    fn outside_neighbourhood(&self, node: usize, depth: u32) -> Vec<bool> {
        let n = self.positions.len();
        let mut outside = vec![true; n];
        let mut frontier = vec![node];
        outside[node] = false;
        for _ in 0..depth {
            let mut next = Vec::new();
            for v in frontier {
                let (a, b) = (self.offsets[v] as usize, self.offsets[v + 1] as usize);
                for &(w, _) in &self.adj[a..b] {
                    let w = w as usize;
                    if outside[w] {
                        outside[w] = false;
                        next.push(w);
                    }
                }
            }
            frontier = next;
        }
        outside
    }

    /// Pinned, or frozen during a local reheat.
    fn held(&self, i: usize) -> bool {
        self.pinned[i] || self.frozen.get(i).copied().unwrap_or(false)
    }

    /// Pins or unpins a node: pinned nodes never move but still push and pull.
    pub fn set_pinned(&mut self, node: usize, pinned: bool) {
        if let Some(p) = self.pinned.get_mut(node) {
            let was = std::mem::replace(p, pinned);
            // Holding a node still changes no force: only a release can
            // set anything moving. (A drop sends its move, then its pin; the
            // pin may come after the local reheat of the move has settled,
            // and must not wake the whole map then.)
            if was && !pinned {
                self.wake();
            }
        }
    }

    /// Restarts a settled layout (not a paused one). A local reheat under
    /// way stays local (pinning the dropped node is part of the drop).
    pub fn wake(&mut self) {
        if self.state == LayoutState::Settled && !self.positions.is_empty() {
            self.state = LayoutState::Running;
        }
        self.calm_streak = 0;
    }

    /// Restarts with a higher speed, shaking a stuck layout.
    pub fn reheat(&mut self) {
        self.frozen.clear();
        self.speed = 1.0;
        self.speed_efficiency = 1.0;
        if self.state != LayoutState::Paused {
            self.state = LayoutState::Running;
        }
        self.calm_streak = 0;
    }

    /// Marks the layout as at rest (for positions restored from a file):
    /// it stays put until woken by a change.
    pub fn settle(&mut self) {
        self.state = LayoutState::Settled;
        self.calm_streak = 0;
    }

    pub fn pause(&mut self) {
        self.state = LayoutState::Paused;
    }

    pub fn resume(&mut self) {
        if !self.positions.is_empty() {
            self.state = LayoutState::Running;
            self.calm_streak = 0;
        }
    }

    /// Runs `n` iterations regardless of state changes in between (headless use).
    pub fn run(&mut self, n: usize) {
        for _ in 0..n {
            self.iterate();
        }
    }

    /// One iteration if running; nothing otherwise.
    pub fn step(&mut self) -> Option<StepReport> {
        (self.state == LayoutState::Running).then(|| self.iterate())
    }

    /// One iteration, whatever the state.
    pub fn iterate(&mut self) -> StepReport {
        let n = self.positions.len();
        if n == 0 {
            return StepReport::default();
        }
        std::mem::swap(&mut self.forces, &mut self.old_forces);
        self.compute_forces();
        let report = self.apply_forces();
        self.iterations += 1;
        if report.movement < SETTLE_MOVEMENT {
            self.calm_streak += 1;
            if self.calm_streak >= SETTLE_STREAK && self.state == LayoutState::Running {
                self.state = LayoutState::Settled;
                self.frozen.clear();
            }
        } else {
            self.calm_streak = 0;
        }
        report
    }

    fn compute_forces(&mut self) {
        let s = self.settings;
        let n = self.positions.len();
        let positions = &self.positions;
        let mass = &self.mass;
        let sizes = &self.sizes;
        let bodies: Vec<Body> = (0..n)
            .map(|i| Body {
                x: positions[i][0],
                y: positions[i][1],
                mass: mass[i],
                size: sizes[i],
                index: i as u32,
            })
            .collect();
        // Barnes–Hut above a small size; below it, every pair exactly.
        let (tree, all_bodies) = if n >= s.exact_below.max(2) {
            (Some(QuadTree::build(bodies)), Vec::new())
        } else {
            (None, bodies)
        };
        let offsets = &self.offsets;
        let adj = &self.adj;
        let att_coef = if s.dissuade_hubs {
            self.outbound_compensation
        } else {
            1.0
        };
        let kr = s.scaling;
        let satellite = &self.satellite;
        let compute = |i: usize, stack: &mut Vec<u32>| -> [f32; 2] {
            let [x, y] = positions[i];
            let (mi, si) = (mass[i], sizes[i]);
            let (mut fx, mut fy) = (0.0f32, 0.0f32);
            // Repulsion.
            let mut exact = |b: &Body| {
                if b.index as usize == i {
                    return;
                }
                let (dx, dy) = separation(x - b.x, y - b.y, i, b.index as usize);
                let d2 = dx * dx + dy * dy;
                let d = d2.sqrt();
                let f = if s.prevent_overlap {
                    let gap = d - si - b.size;
                    if gap > 0.0 {
                        kr * mi * b.mass / gap
                    } else {
                        100.0 * kr * mi * b.mass
                    }
                } else {
                    kr * mi * b.mass / d
                };
                fx += dx / d * f;
                fy += dy / d * f;
            };
            let far = |cx: f32, cy: f32, m: f32, fx: &mut f32, fy: &mut f32| {
                let (dx, dy) = (x - cx, y - cy);
                let d2 = (dx * dx + dy * dy).max(1e-12);
                // F/d · (dx, dy) with F = kr·mi·m/d.
                let factor = kr * mi * m / d2;
                *fx += dx * factor;
                *fy += dy * factor;
            };
            match &tree {
                Some(tree) => {
                    let (mut gx, mut gy) = (0.0f32, 0.0f32);
                    tree.visit(x, y, s.theta, stack, &mut exact, |cx, cy, m| {
                        far(cx, cy, m, &mut gx, &mut gy)
                    });
                    fx += gx;
                    fy += gy;
                }
                None => all_bodies.iter().for_each(&mut exact),
            }
            // Gravity towards the origin.
            let d = (x * x + y * y).sqrt();
            if d > 0.0 && s.gravity > 0.0 {
                let factor = if s.strong_gravity || satellite.get(i).copied().unwrap_or(false) {
                    s.gravity * mi
                } else {
                    s.gravity * mi / d
                };
                fx -= x * factor;
                fy -= y * factor;
            }
            // Attraction along edges.
            for &(j, w) in &adj[offsets[i] as usize..offsets[i + 1] as usize] {
                let [xj, yj] = positions[j as usize];
                let (dx, dy) = (x - xj, y - yj);
                let ew = if s.edge_weight_influence == 0.0 {
                    1.0
                } else if s.edge_weight_influence == 1.0 {
                    w
                } else {
                    w.powf(s.edge_weight_influence)
                };
                let mut coef = att_coef * ew;
                if s.dissuade_hubs {
                    coef /= mi;
                }
                let d = (dx * dx + dy * dy).sqrt();
                let dist = if s.prevent_overlap {
                    d - si - sizes[j as usize]
                } else {
                    d
                };
                if dist <= 0.0 || d <= 0.0 {
                    continue;
                }
                let factor = if s.lin_log {
                    -coef * (1.0 + dist).ln() / dist
                } else {
                    -coef
                };
                let factor = if s.prevent_overlap {
                    factor * dist / d
                } else {
                    factor
                };
                fx += dx * factor;
                fy += dy * factor;
            }
            if fx.is_finite() && fy.is_finite() {
                [fx, fy]
            } else {
                [0.0, 0.0]
            }
        };
        if n >= 256 {
            self.forces.par_chunks_mut(128).enumerate().for_each_init(
                Vec::new,
                |stack, (chunk, out)| {
                    for (k, f) in out.iter_mut().enumerate() {
                        *f = compute(chunk * 128 + k, stack);
                    }
                },
            );
        } else {
            let mut stack = Vec::new();
            for (i, f) in self.forces.iter_mut().enumerate() {
                *f = compute(i, &mut stack);
            }
        }
    }

    fn apply_forces(&mut self) -> StepReport {
        let n = self.positions.len();
        let (mut swing, mut traction) = (0.0f64, 0.0f64);
        for i in 0..n {
            if self.held(i) {
                continue;
            }
            let [fx, fy] = self.forces[i];
            let [ox, oy] = self.old_forces[i];
            let m = f64::from(self.mass[i]);
            swing += m * f64::from(((fx - ox).powi(2) + (fy - oy).powi(2)).sqrt());
            traction += m * 0.5 * f64::from(((fx + ox).powi(2) + (fy + oy).powi(2)).sqrt());
        }
        let nf = n as f64;
        let estimated_jt = 0.05 * nf.sqrt();
        let min_jt = estimated_jt.sqrt();
        let max_jt: f64 = 10.0;
        let mut jt = f64::from(self.settings.jitter_tolerance)
            * min_jt.max(max_jt.min(estimated_jt * traction / (nf * nf)));
        let min_efficiency = 0.05;
        if traction > 0.0 && swing / traction > 2.0 {
            if self.speed_efficiency > min_efficiency {
                self.speed_efficiency *= 0.5;
            }
            jt = jt.max(f64::from(self.settings.jitter_tolerance));
        }
        let target_speed = if swing > 0.0 {
            jt * self.speed_efficiency * traction / swing
        } else {
            self.speed * 1.5
        };
        if swing > jt * traction {
            if self.speed_efficiency > min_efficiency {
                self.speed_efficiency *= 0.7;
            }
        } else if self.speed < 1000.0 {
            self.speed_efficiency *= 1.3;
        }
        let max_rise = 0.5;
        self.speed += (target_speed - self.speed).min(max_rise * self.speed);
        if !self.speed.is_finite() || self.speed <= 0.0 {
            self.speed = 1e-3;
        }
        let (mut min_x, mut min_y, mut max_x, mut max_y) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        let mut moved = 0.0f64;
        let speed = self.speed as f32;
        for i in 0..n {
            let [x, y] = self.positions[i];
            min_x = min_x.min(x);
            max_x = max_x.max(x);
            min_y = min_y.min(y);
            max_y = max_y.max(y);
            if self.held(i) {
                continue;
            }
            let [fx, fy] = self.forces[i];
            let [ox, oy] = self.old_forces[i];
            let node_swing = self.mass[i] * ((fx - ox).powi(2) + (fy - oy).powi(2)).sqrt();
            let mut factor = speed / (1.0 + (speed * node_swing).sqrt());
            let df = (fx * fx + fy * fy).sqrt();
            if self.settings.prevent_overlap {
                factor *= 0.1;
                if df > 0.0 {
                    factor = (factor * df).min(10.0) / df;
                }
            }
            // A hard cap on one step keeps a wild force from throwing a node away.
            let step = (factor * df).min(1e5);
            if df > 0.0 && step.is_finite() {
                let (nx, ny) = (x + fx / df * step, y + fy / df * step);
                if nx.is_finite() && ny.is_finite() {
                    self.positions[i] = [nx, ny];
                    moved += f64::from(step);
                }
            }
        }
        let extent = f64::from((max_x - min_x).max(max_y - min_y)).max(1e-6);
        StepReport {
            swing,
            traction,
            speed: self.speed,
            movement: moved / nf / extent,
        }
    }
}

/// The vector from j to i, nudged apart deterministically when they coincide.
#[inline]
fn separation(dx: f32, dy: f32, i: usize, j: usize) -> (f32, f32) {
    if dx * dx + dy * dy > 1e-12 {
        return (dx, dy);
    }
    let h = splitmix((i as u64) << 32 ^ j as u64);
    let angle = (h % 6283) as f32 / 1000.0;
    let sign = if i < j { 1.0 } else { -1.0 };
    (sign * angle.cos() * 1e-3, sign * angle.sin() * 1e-3)
}

/// A fast deterministic hash (SplitMix64 finaliser).
pub fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn unit(seed: u64, i: u64) -> f32 {
    (splitmix(seed ^ splitmix(i)) >> 40) as f32 / (1u64 << 24) as f32
}

/// Known positions first; then, in rounds, nodes with placed neighbours go
/// near their centroid; the rest go to seeded random places.
/// The nodes outside the largest connected component of the CSR graph
/// (`offsets`, `adj`), or nothing when it is connected.
fn satellites(offsets: &[u32], adj: &[(u32, f32)]) -> Vec<bool> {
    let n = offsets.len().saturating_sub(1);
    let mut component = vec![u32::MAX; n];
    let mut sizes: Vec<usize> = Vec::new();
    let mut stack = Vec::new();
    for start in 0..n {
        if component[start] != u32::MAX {
            continue;
        }
        let id = u32::try_from(sizes.len()).unwrap_or(u32::MAX);
        component[start] = id;
        stack.push(start);
        let mut size = 0;
        while let Some(v) = stack.pop() {
            size += 1;
            for &(w, _) in &adj[offsets[v] as usize..offsets[v + 1] as usize] {
                let w = w as usize;
                if component[w] == u32::MAX {
                    component[w] = id;
                    stack.push(w);
                }
            }
        }
        sizes.push(size);
    }
    if sizes.len() <= 1 {
        return Vec::new();
    }
    // The largest component; the first of equal ones.
    let largest = sizes
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(&a.0)))
        .map_or(0, |(c, _)| c as u32);
    component.iter().map(|&c| c != largest).collect()
}

fn initial_positions(
    n: usize,
    offsets: &[u32],
    adj: &[(u32, f32)],
    known: &[Option<[f32; 2]>],
    seed: u64,
) -> Vec<[f32; 2]> {
    let mut placed: Vec<Option<[f32; 2]>> = (0..n)
        .map(|i| {
            known
                .get(i)
                .copied()
                .flatten()
                .filter(|p| p.iter().all(|v| v.is_finite()))
        })
        .collect();
    let any_known = placed.iter().any(Option::is_some);
    let spread = (n as f32).sqrt() * 10.0 + 10.0;
    if any_known {
        // Grow outwards from the placed nodes, a layer at a time.
        loop {
            let mut next = Vec::new();
            for i in 0..n {
                if placed[i].is_some() {
                    continue;
                }
                let (mut sx, mut sy, mut k) = (0.0f32, 0.0f32, 0u32);
                for &(j, _) in &adj[offsets[i] as usize..offsets[i + 1] as usize] {
                    if let Some([x, y]) = placed[j as usize] {
                        sx += x;
                        sy += y;
                        k += 1;
                    }
                }
                if k > 0 {
                    let jx = (unit(seed, i as u64 * 2) - 0.5) * 2.0;
                    let jy = (unit(seed, i as u64 * 2 + 1) - 0.5) * 2.0;
                    next.push((i, [sx / k as f32 + jx, sy / k as f32 + jy]));
                }
            }
            if next.is_empty() {
                break;
            }
            for (i, p) in next {
                placed[i] = Some(p);
            }
        }
    }
    (0..n)
        .map(|i| {
            placed[i].unwrap_or_else(|| {
                [
                    (unit(seed, i as u64 * 2) - 0.5) * spread,
                    (unit(seed, i as u64 * 2 + 1) - 0.5) * spread,
                ]
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(n: usize) -> LayoutGraph {
        LayoutGraph {
            node_count: n,
            edges: (1..n as u32).map(|i| (i - 1, i, 1.0)).collect(),
            sizes: Vec::new(),
        }
    }

    /// Small groups apart from the main map stay near its rim instead of
    /// drifting out to where constant gravity balances the whole map's
    /// repulsion.
    #[test]
    fn small_components_stay_near_the_main_map() {
        // A main component of 200 nodes (a ring with chords), five pairs
        // and two lone nodes.
        let mut edges: Vec<(u32, u32, f32)> =
            (0..200u32).map(|i| (i, (i + 1) % 200, 1.0)).collect();
        edges.extend((0..200u32).step_by(3).map(|i| (i, (i * 7 + 11) % 200, 1.0)));
        edges.extend((0..5u32).map(|k| (200 + 2 * k, 201 + 2 * k, 1.0)));
        let g = LayoutGraph {
            node_count: 212,
            edges,
            sizes: Vec::new(),
        };
        let mut l = ForceAtlas2::new(&g, Fa2Settings::default(), 5);
        l.run(600);
        let p = l.positions();
        let main = &p[..200];
        let (cx, cy) = (
            main.iter().map(|q| q[0]).sum::<f32>() / 200.0,
            main.iter().map(|q| q[1]).sum::<f32>() / 200.0,
        );
        let dist = |q: &[f32; 2]| ((q[0] - cx).powi(2) + (q[1] - cy).powi(2)).sqrt();
        let radius = main.iter().map(dist).fold(0.0f32, f32::max);
        let farthest = p[200..].iter().map(dist).fold(0.0f32, f32::max);
        assert!(
            farthest < 2.0 * radius,
            "satellites up to {farthest} from the centre of a map of radius {radius}"
        );
        assert_eq!(
            satellites(&l.offsets, &l.adj)
                .iter()
                .filter(|s| **s)
                .count(),
            12
        );
    }

    #[test]
    fn same_seed_same_layout() {
        let g = path(300);
        let mut a = ForceAtlas2::new(&g, Fa2Settings::default(), 7);
        let mut b = ForceAtlas2::new(&g, Fa2Settings::default(), 7);
        a.run(50);
        b.run(50);
        assert_eq!(a.positions(), b.positions());
    }

    #[test]
    fn thread_count_does_not_change_the_layout() {
        let g = path(1000);
        let run = |threads| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            pool.install(|| {
                let mut l = ForceAtlas2::new(&g, Fa2Settings::default(), 3);
                l.run(20);
                l.positions().to_vec()
            })
        };
        assert_eq!(run(1), run(2));
    }

    #[test]
    fn pinned_nodes_stay_put() {
        let g = path(50);
        let mut l = ForceAtlas2::new(&g, Fa2Settings::default(), 1);
        l.set_position(0, [500.0, 500.0]);
        l.set_pinned(0, true);
        l.run(100);
        assert_eq!(l.positions()[0], [500.0, 500.0]);
        // Its neighbour was pulled towards it.
        let [x, y] = l.positions()[1];
        assert!(x > 50.0 && y > 50.0, "{x} {y}");
    }

    #[test]
    fn a_pin_arriving_after_a_local_reheat_settled_wakes_nothing() {
        let g = path(30);
        let mut l = ForceAtlas2::new(&g, Fa2Settings::default(), 1);
        let settle = |l: &mut ForceAtlas2| {
            let mut steps = 0;
            while l.step().is_some() {
                steps += 1;
                assert!(steps < 20_000, "never settled");
            }
        };
        settle(&mut l);
        let [x, y] = l.positions()[0];
        l.set_position(0, [x + 40.0, y]);
        settle(&mut l);
        let rested = l.positions().to_vec();
        // The drop's pin, late: the map stays at rest.
        l.set_pinned(0, true);
        assert_eq!(l.state(), LayoutState::Settled);
        assert!(l.step().is_none());
        assert_eq!(l.positions(), &rested[..]);
        // Letting go of it may set things moving again.
        l.set_pinned(0, false);
        assert_eq!(l.state(), LayoutState::Running);
    }

    #[test]
    fn a_small_graph_settles_and_stops() {
        let g = path(10);
        let mut l = ForceAtlas2::new(&g, Fa2Settings::default(), 1);
        let mut steps = 0;
        while l.step().is_some() {
            steps += 1;
            assert!(steps < 20_000, "never settled");
        }
        assert_eq!(l.state(), LayoutState::Settled);
        l.set_settings(Fa2Settings {
            gravity: 5.0,
            ..Fa2Settings::default()
        });
        assert_eq!(l.state(), LayoutState::Running);
    }

    #[test]
    fn new_nodes_start_near_their_placed_neighbours() {
        let g = LayoutGraph {
            node_count: 3,
            edges: vec![(0, 2, 1.0), (1, 2, 1.0)],
            sizes: Vec::new(),
        };
        let l = ForceAtlas2::with_positions(
            &g,
            Fa2Settings::default(),
            &[Some([100.0, 0.0]), Some([120.0, 0.0])],
            1,
        );
        let [x, y] = l.positions()[2];
        assert!((x - 110.0).abs() <= 1.0 && y.abs() <= 1.0, "{x} {y}");
    }
}
