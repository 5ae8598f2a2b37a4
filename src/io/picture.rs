//! A drawing of the map as plain shapes: what the canvas paints on screen,
//! what SVG export writes and what PNG export rasterizes. One composition,
//! so all three look the same.
//!
//! Knows nothing of egui: text is measured through a callback.
//!
//! Longer than 700 lines: composing (links, nodes, community names,
//! labels) and the SVG writer share the shape types and must stay in step;
//! rasterizing is in `raster.rs`.

use std::fmt::Write as _;

use crate::extract::NodeKind;
use crate::graph::Model;
use crate::graph::{EdgeId, NodeId};

/// sRGB colour with straight (not premultiplied) alpha.
pub type Rgba = [u8; 4];

/// Twelve distinguishable colours for communities.
pub const COMMUNITY_RGB: [(u8, u8, u8); 12] = [
    (31, 119, 180),
    (255, 127, 14),
    (44, 160, 44),
    (214, 39, 40),
    (148, 103, 189),
    (140, 86, 75),
    (227, 119, 194),
    (127, 127, 127),
    (188, 189, 34),
    (23, 190, 207),
    (174, 199, 232),
    (255, 187, 120),
];

/// Where the map is looked at from.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Camera {
    /// Graph coordinates shown at the centre of the canvas.
    pub center: [f32; 2],
    /// Screen points per graph unit.
    pub zoom: f32,
}

impl Default for Camera {
    fn default() -> Self {
        Self {
            center: [0.0, 0.0],
            zoom: 1.0,
        }
    }
}

impl Camera {
    /// A camera showing `points` inside a canvas of `size` points with a margin. Above 20
    /// points, the outer 4% on each side are left out (and the rest widened
    /// by 10%), so a few far-flung nodes do not shrink the map to a dot.
    pub fn fit(size: [f32; 2], points: impl Iterator<Item = [f32; 2]>) -> Self {
        let mut xs = Vec::new();
        let mut ys = Vec::new();
        for p in points {
            xs.push(p[0]);
            ys.push(p[1]);
        }
        if xs.is_empty() {
            return Self::default();
        }
        xs.sort_by(f32::total_cmp);
        ys.sort_by(f32::total_cmp);
        // Small far-flung components (two organizations only linked to each
        // other) should not shrink the map: leave out 4% on each side and
        // widen the rest by 10%.
        let cut = if xs.len() > 20 {
            (xs.len() * 4).div_ceil(100)
        } else {
            0
        };
        let last = xs.len() - 1 - cut;
        let (w0, h0) = ((xs[last] - xs[cut]) * 0.1, (ys[last] - ys[cut]) * 0.1);
        let (w0, h0) = if cut > 0 { (w0, h0) } else { (0.0, 0.0) };
        let min = [xs[cut] - w0, ys[cut] - h0];
        let max = [xs[last] + w0, ys[last] + h0];
        let w = (max[0] - min[0]).max(1.0);
        let h = (max[1] - min[1]).max(1.0);
        let zoom = ((size[0] - 120.0).max(50.0) / w).min((size[1] - 80.0).max(50.0) / h);
        Self {
            center: [(min[0] + max[0]) / 2.0, (min[1] + max[1]) / 2.0],
            zoom: zoom.clamp(1e-4, 1e4),
        }
    }
}

/// How many of the largest nodes always get a label in the window's view.
pub const LABEL_BUDGET: usize = 30;
/// At most this many labels, however far the user zooms in.
pub const MAX_LABELS: usize = 400;
/// At most this many links are drawn per frame (plus the focused ones).
pub const EDGE_BUDGET: usize = 20_000;

/// Theme colours of a drawing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Palette {
    pub background: Rgba,
    pub edge: Rgba,
    pub selected_edge: Rgba,
    pub text: Rgba,
    pub weak_text: Rgba,
    pub strong_text: Rgba,
}

impl Palette {
    /// The dark theme's colours (egui's dark visuals: a test in `ui`
    /// keeps them equal).
    pub fn dark() -> Self {
        Self {
            background: [10, 10, 10, 255],
            edge: [170, 170, 170, 255],
            selected_edge: [192, 222, 255, 255],
            text: [140, 140, 140, 255],
            weak_text: [140, 140, 140, 153],
            strong_text: [255, 255, 255, 255],
        }
    }

    /// The light theme's colours (egui's light visuals).
    pub fn light() -> Self {
        Self {
            background: [255, 255, 255, 255],
            edge: [90, 90, 90, 255],
            selected_edge: [0, 83, 125, 255],
            text: [80, 80, 80, 255],
            weak_text: [80, 80, 80, 153],
            strong_text: [0, 0, 0, 255],
        }
    }
}

/// What to draw and how.
pub struct MapView<'a> {
    pub model: &'a Model,
    /// Graph coordinates of every node.
    pub positions: &'a [[f32; 2]],
    pub node_visible: &'a [bool],
    pub edge_visible: &'a [bool],
    pub pinned: &'a [bool],
    /// Nodes new in the time window (a ring marks them); may be empty.
    pub new_nodes: &'a [bool],
    /// Nodes gone from the time window with the last step: drawn faint
    /// where they were, without a label; may be empty.
    pub gone_nodes: &'a [bool],
    /// Links gone from the time window with the last step, strongest first:
    /// drawn faint and thin under everything; may be empty.
    pub gone_edges: &'a [u32],
    /// Edge indices, strongest first, and the strongest weight.
    pub edge_order: &'a [u32],
    pub max_weight: f64,
    /// Picture size in points; the camera centre and zoom (points per unit).
    pub size: [f32; 2],
    pub center: [f32; 2],
    pub zoom: f32,
    /// Node sizes grow gently when zoomed in past the fitted zoom.
    pub base_zoom: f32,
    pub selected_node: Option<u32>,
    pub selected_edge: Option<u32>,
    pub hovered: Option<u32>,
    pub color_by_community: bool,
    /// How many of the largest nodes get a label (plus the focused ones).
    pub label_budget: usize,
    /// At most this many links are drawn (plus the focused ones).
    pub edge_budget: usize,
    pub palette: Palette,
    pub font_size: f32,
    /// The node at whose place each node's links are drawn (collapsed
    /// communities); empty: each at its own.
    pub drawn_at: &'a [u32],
    /// Collapsed communities: drawn larger, ringed, with their label.
    pub collapsed: &'a [crate::graph::view::Collapsed],
}

/// A collapsed community's node is drawn this much larger.
const COLLAPSED_SCALE: f32 = 1.6;

/// A link as a straight stroke.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    pub a: [f32; 2],
    pub b: [f32; 2],
    pub width: f32,
    pub color: Rgba,
}

/// A node: a disc (actor) or rounded square (topic).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mark {
    pub node: u32,
    pub center: [f32; 2],
    pub radius: f32,
    pub kind: NodeKind,
    pub fill: Rgba,
    pub stroke_width: f32,
    pub stroke: Rgba,
    pub pinned: bool,
    /// New in the time window: a ring in [`NEW_RING`] around it.
    pub new: bool,
}

/// The opacity of a node gone from the time window with the last step.
pub const GONE_ALPHA: u8 = 48;

/// The width in points of a link gone from the time window with the last
/// step (drawn at [`GONE_ALPHA`]); no link still in the window is this thin.
pub const GONE_LINK_WIDTH: f32 = 0.5;

/// The ring around nodes new in the time window (amber: apart from the
/// community palette's hues by its brightness and from selection's blue).
pub const NEW_RING: Rgba = [240, 160, 20, 255];

/// A label with its backdrop.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub node: u32,
    pub text: String,
    /// Top-left corner and size of the text.
    pub pos: [f32; 2],
    pub size: [f32; 2],
    pub color: Rgba,
}

/// The name of a community, written over its region of the map: its two or
/// three most mentioned members, in its colour.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionLabel {
    pub community: u32,
    pub text: String,
    /// Top-left corner and size of the text (at [`REGION_FONT_SCALE`]).
    pub pos: [f32; 2],
    pub size: [f32; 2],
    pub color: Rgba,
}

/// Region labels are this much larger than node labels.
pub const REGION_FONT_SCALE: f32 = 1.35;

/// The composed drawing, in points from the top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    pub size: [f32; 2],
    pub background: Rgba,
    pub segments: Vec<Segment>,
    pub marks: Vec<Mark>,
    pub labels: Vec<Label>,
    /// Community names over their regions (maps coloured by community,
    /// until zoomed in far enough to read the nodes themselves).
    pub regions: Vec<RegionLabel>,
    pub font_size: f32,
    /// Colour of the pin dot and of label backdrops.
    pub pin: Rgba,
}

/// Radius in points of node `i` at `zoom`: it grows with the square root
/// of its mentions, 3 to 24 points, and gently when zoomed in past
/// `base_zoom` (the fitted zoom), so a map stays readable at any zoom. In a
/// large corpus the most mentioned node gets the largest size and the rest
/// scale with it, so sizes still differ when thousands of mentions are
/// common; a small corpus keeps an absolute scale (1.6 points per root
/// mention).
pub fn node_radius(model: &Model, i: usize, zoom: f32, base_zoom: f32) -> f32 {
    let zoom_factor = (zoom / base_zoom.max(1e-6)).sqrt().clamp(0.6, 3.0);
    let mentions = model.graph.node(NodeId::new(i)).map_or(1, |d| d.mentions);
    let largest = (model.graph.max_mentions.max(mentions).max(1) as f32).sqrt();
    let per_root = (21.0 / largest).min(1.6);
    (3.0 + per_root * (mentions as f32).sqrt()) * zoom_factor
}

/// Radius in points of node `i` as drawn: [`node_radius`], larger for a
/// node standing for a collapsed community.
pub fn drawn_radius(
    model: &Model,
    i: usize,
    zoom: f32,
    base_zoom: f32,
    collapsed: &[crate::graph::view::Collapsed],
) -> f32 {
    let r = node_radius(model, i, zoom, base_zoom);
    if collapsed.iter().any(|g| g.node.index() == i) {
        r * COLLAPSED_SCALE
    } else {
        r
    }
}

/// Labels are cut to this many characters.
pub const LABEL_CHARS: usize = 48;

fn fade(c: Rgba, alpha: f32) -> Rgba {
    [c[0], c[1], c[2], (f32::from(c[3]) * alpha).round() as u8]
}

/// Node colour by category or community.
pub fn node_rgb(model: &Model, node: u32, by_community: bool) -> (u8, u8, u8) {
    let Some(d) = model.graph.node(NodeId::from_raw(node)) else {
        return (128, 128, 128);
    };
    if by_community {
        COMMUNITY_RGB[d.community as usize % COMMUNITY_RGB.len()]
    } else {
        super::export::category_rgb(d.category)
    }
}

impl MapView<'_> {
    /// Screen point of graph position `p`.
    pub fn to_screen(&self, p: [f32; 2]) -> [f32; 2] {
        [
            self.size[0] / 2.0 + (p[0] - self.center[0]) * self.zoom,
            self.size[1] / 2.0 + (p[1] - self.center[1]) * self.zoom,
        ]
    }

    /// Radius in points of node `i`.
    pub fn radius(&self, i: usize) -> f32 {
        drawn_radius(self.model, i, self.zoom, self.base_zoom, self.collapsed)
    }

    /// The collapsed community node `i` stands for, if any.
    fn group(&self, i: usize) -> Option<&crate::graph::view::Collapsed> {
        self.collapsed.iter().find(|g| g.node.index() == i)
    }

    /// Where node `i`'s links are drawn from.
    fn drawn_at(&self, i: usize) -> usize {
        self.drawn_at.get(i).map_or(i, |&d| d as usize)
    }

    /// Composes the drawing; `measure` gives the size of a label's text.
    /// Names of the communities of at least four shown nodes, largest first
    /// (at most twelve), each centred on its members; their boxes go into
    /// `placed` so node labels keep clear of them. None once zoomed in past
    /// two and a half times the fit, or when not coloured by community.
    fn region_labels(
        &self,
        screen: &[[f32; 2]],
        measure: &mut dyn FnMut(&str) -> [f32; 2],
        placed: &mut Vec<[f32; 4]>,
    ) -> Vec<RegionLabel> {
        let gain = self.zoom / self.base_zoom.max(1e-6);
        if !self.color_by_community || gain > 2.5 {
            return Vec::new();
        }
        let graph = &self.model.graph;
        /// A community's shown members as (mentions, node), and the sums of
        /// their screen x and y.
        type Group = (Vec<(u32, usize)>, f32, f32);
        let mut groups: std::collections::BTreeMap<u32, Group> = std::collections::BTreeMap::new();
        for (i, p) in screen.iter().enumerate() {
            if !self.node_visible.get(i).copied().unwrap_or(false) {
                continue;
            }
            let Some(d) = graph.node(NodeId::new(i)) else {
                continue;
            };
            let g = groups.entry(d.community).or_default();
            g.0.push((d.mentions, i));
            g.1 += p[0];
            g.2 += p[1];
        }
        let mut groups: Vec<_> = groups.into_iter().filter(|(_, g)| g.0.len() >= 4).collect();
        groups.sort_by(|a, b| b.1.0.len().cmp(&a.1.0.len()).then(a.0.cmp(&b.0)));
        let mut regions = Vec::new();
        for (community, (mut members, sx, sy)) in groups.into_iter().take(12) {
            let n = members.len() as f32;
            let centre = [sx / n, sy / n];
            members.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            let names: Vec<String> = members
                .iter()
                .take(3)
                .filter_map(|&(_, i)| {
                    let d = graph.node(NodeId::new(i))?;
                    let label = &self.model.extraction.entities.get(d.entity as usize)?.label;
                    Some(label.chars().take(20).collect())
                })
                .collect();
            let text = names.join(" · ");
            let base = measure(&text);
            let size = [base[0] * REGION_FONT_SCALE, base[1] * REGION_FONT_SCALE];
            let pos = [centre[0] - size[0] / 2.0, centre[1] - size[1] / 2.0];
            let boxed = [pos[0], pos[1], pos[0] + size[0], pos[1] + size[1]];
            let inside = boxed[0] >= 0.0
                && boxed[1] >= 0.0
                && boxed[2] <= self.size[0]
                && boxed[3] <= self.size[1];
            let clear = !placed
                .iter()
                .any(|q| q[0] < boxed[2] && boxed[0] < q[2] && q[1] < boxed[3] && boxed[1] < q[3]);
            if !(inside && clear) {
                continue;
            }
            placed.push(boxed);
            let (r, g, b) = COMMUNITY_RGB[community as usize % COMMUNITY_RGB.len()];
            regions.push(RegionLabel {
                community,
                text,
                pos,
                size,
                color: [r, g, b, 235],
            });
        }
        regions
    }

    pub fn compose(&self, measure: &mut dyn FnMut(&str) -> [f32; 2]) -> Picture {
        let graph = &self.model.graph;
        let n = self.positions.len();
        // A collapsed community's members are drawn at the node standing
        // for it, so their links end there.
        let screen: Vec<[f32; 2]> = (0..n)
            .map(|i| {
                let at = self.positions.get(self.drawn_at(i)).copied();
                self.to_screen(at.unwrap_or(self.positions[i]))
            })
            .collect();
        let inside = |p: [f32; 2], margin: f32| {
            p[0] >= -margin
                && p[1] >= -margin
                && p[0] <= self.size[0] + margin
                && p[1] <= self.size[1] + margin
        };
        let pal = self.palette;
        // Emphasis: the hovered or selected node and its neighbours.
        let focus = self.hovered.or(self.selected_node);
        let mut neighbour = vec![false; n];
        let mut focus_edges: Vec<u32> = Vec::new();
        if let Some(f) = focus.filter(|&f| (f as usize) < n) {
            neighbour[f as usize] = true;
            // A collapsed community's links are those of all its members.
            let members: Vec<NodeId> = if self.group(f as usize).is_some() {
                (0..n)
                    .filter(|&i| self.drawn_at(i) == f as usize)
                    .map(NodeId::new)
                    .collect()
            } else {
                vec![NodeId::from_raw(f)]
            };
            for m in members {
                for e in graph.links_of(m) {
                    if let Some(x) = neighbour.get_mut(self.drawn_at(e.to.index())) {
                        *x = true;
                    }
                    focus_edges.push(e.id.raw());
                }
            }
        }
        focus_edges.extend(self.selected_edge);

        // Links: the strongest first, up to the budget, then the focused ones.
        let max_weight = self.max_weight.max(1e-9);
        let mut segments = Vec::new();
        // Ghost links first, under everything: what left the window fades
        // where it was, between ends still drawn (shown or ghosts), at most
        // half the link budget.
        let drawn_end = |i: usize| {
            self.node_visible.get(i).copied().unwrap_or(false)
                || self.gone_nodes.get(i).copied().unwrap_or(false)
        };
        let ghost_color = [pal.edge[0], pal.edge[1], pal.edge[2], GONE_ALPHA];
        for &e in self.gone_edges.iter().take(self.edge_budget / 2 + 1) {
            let Some((a, b)) = graph.endpoints(EdgeId::from_raw(e)) else {
                continue;
            };
            if !drawn_end(a.index()) || !drawn_end(b.index()) {
                continue;
            }
            let (Some(&pa), Some(&pb)) = (screen.get(a.index()), screen.get(b.index())) else {
                continue;
            };
            if pa[0].max(pb[0]) < 0.0
                || pa[1].max(pb[1]) < 0.0
                || pa[0].min(pb[0]) > self.size[0]
                || pa[1].min(pb[1]) > self.size[1]
            {
                continue;
            }
            segments.push(Segment {
                a: pa,
                b: pb,
                width: GONE_LINK_WIDTH,
                color: ghost_color,
            });
        }
        // Edges already drawn, as a bit set (a hash set was 3% of a frame).
        let mut drawn_edges = vec![0u64; graph.edge_count().div_ceil(64)];
        let mut draw = |e: u32, segments: &mut Vec<Segment>| -> bool {
            let ei = EdgeId::from_raw(e);
            if !self.edge_visible.get(ei.index()).copied().unwrap_or(false) {
                return false;
            }
            let Some((a, b)) = graph.endpoints(ei) else {
                return false;
            };
            let (Some(&pa), Some(&pb)) = (screen.get(a.index()), screen.get(b.index())) else {
                return false;
            };
            let (lo, hi) = (
                [pa[0].min(pb[0]), pa[1].min(pb[1])],
                [pa[0].max(pb[0]), pa[1].max(pb[1])],
            );
            if hi[0] < 0.0 || hi[1] < 0.0 || lo[0] > self.size[0] || lo[1] > self.size[1] {
                return false;
            }
            let (word, bit) = (e as usize / 64, 1u64 << (e % 64));
            match drawn_edges.get_mut(word) {
                Some(w) if *w & bit == 0 => *w |= bit,
                _ => return false,
            }
            let strength = (graph[ei].weight / max_weight).sqrt() as f32;
            let touches = focus.is_some_and(|f| {
                f as usize == self.drawn_at(a.index()) || f as usize == self.drawn_at(b.index())
            });
            let selected = self.selected_edge == Some(e);
            let width = if selected { 4.0 } else { 0.6 + 2.4 * strength };
            let alpha = if selected || touches {
                0.9
            } else if focus.is_some() {
                0.05
            } else {
                0.12 + 0.5 * strength
            };
            let color = if selected {
                pal.selected_edge
            } else {
                fade(pal.edge, alpha)
            };
            segments.push(Segment {
                a: pa,
                b: pb,
                width,
                color,
            });
            true
        };
        let mut drawn = 0usize;
        for &e in self.edge_order {
            if drawn >= self.edge_budget {
                break;
            }
            if draw(e, &mut segments) {
                drawn += 1;
            }
        }
        for e in focus_edges {
            draw(e, &mut segments);
        }

        // Nodes, smallest first so large ones stay on top.
        let mut order: Vec<usize> = (0..n)
            .filter(|&i| self.node_visible.get(i).copied().unwrap_or(false))
            .collect();
        order.sort_by_key(|&i| graph.node(NodeId::new(i)).map_or(0, |d| d.mentions));
        let mut marks = Vec::new();
        // Ghosts first, under everything: what left the window fades.
        for (i, _) in self.gone_nodes.iter().enumerate().filter(|(_, g)| **g) {
            if self.node_visible.get(i).copied().unwrap_or(false) {
                continue;
            }
            let Some(data) = graph.node(NodeId::new(i)) else {
                continue;
            };
            let (p, r) = (screen[i], self.radius(i));
            if !inside(p, r) {
                continue;
            }
            let (red, green, blue) = node_rgb(self.model, i as u32, self.color_by_community);
            marks.push(Mark {
                node: i as u32,
                center: p,
                radius: r,
                kind: data.kind,
                fill: [red, green, blue, GONE_ALPHA],
                stroke_width: 0.0,
                stroke: [0, 0, 0, 0],
                pinned: false,
                new: false,
            });
        }
        for &i in &order {
            let Some(data) = graph.node(NodeId::new(i)) else {
                continue;
            };
            let p = screen[i];
            let r = self.radius(i);
            if !inside(p, r) {
                continue;
            }
            let (red, green, blue) = node_rgb(self.model, i as u32, self.color_by_community);
            let dim = focus.is_some() && !neighbour[i];
            let fill = [red, green, blue, if dim { 64 } else { 255 }];
            let (stroke_width, stroke) = if self.selected_node == Some(i as u32) {
                (3.0, pal.strong_text)
            } else if self.hovered == Some(i as u32) {
                (2.0, pal.text)
            } else if self.group(i).is_some() {
                (2.5, pal.strong_text)
            } else {
                (1.0, pal.background)
            };
            marks.push(Mark {
                node: i as u32,
                center: p,
                radius: r,
                kind: data.kind,
                fill,
                stroke_width,
                stroke,
                pinned: self.pinned.get(i).copied().unwrap_or(false),
                new: self.new_nodes.get(i).copied().unwrap_or(false),
            });
        }

        // Labels: focus first, then the largest nodes; never on top of each other.
        let mut candidates: Vec<(u8, usize)> = order
            .iter()
            .rev()
            .map(|&i| {
                let priority =
                    if self.selected_node == Some(i as u32) || self.hovered == Some(i as u32) {
                        0
                    } else if (focus.is_some() && neighbour[i]) || self.group(i).is_some() {
                        1
                    } else {
                        2
                    };
                (priority, i)
            })
            .collect();
        candidates.sort_by_key(|&(p, _)| p);
        let mut placed: Vec<[f32; 4]> = Vec::new();
        let regions = self.region_labels(&screen, measure, &mut placed);
        let mut labels = Vec::new();
        // The budget counts labels placed on screen, the most important
        // nodes first, and grows as the user zooms in (with the area a node
        // group takes on screen), so zooming in reveals more names; nodes
        // off screen or whose label would overlap spend none of it.
        let gain = (self.zoom / self.base_zoom.max(1e-6)).clamp(1.0, 8.0);
        let mut budget = ((self.label_budget as f32) * gain * gain).min(MAX_LABELS as f32) as usize;
        let overlaps =
            |a: [f32; 4], b: [f32; 4]| a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
        for (priority, i) in candidates {
            if priority == 2 && budget == 0 {
                break;
            }
            let p = screen[i];
            if !inside(p, 0.0) {
                continue;
            }
            let Some(entity) = graph
                .node(NodeId::new(i))
                .and_then(|d| self.model.extraction.entities.get(d.entity as usize))
            else {
                continue;
            };
            let text: String = match self.group(i) {
                Some(g) => g.label.chars().take(2 * LABEL_CHARS).collect(),
                None => entity.label.chars().take(LABEL_CHARS).collect(),
            };
            let size = measure(&text);
            let r = self.radius(i);
            // Right of the node first, then left, above and below.
            let options = [
                [p[0] + r + 3.0, p[1] - size[1] / 2.0],
                [p[0] - r - 3.0 - size[0], p[1] - size[1] / 2.0],
                [p[0] - size[0] / 2.0, p[1] - r - 2.0 - size[1]],
                [p[0] - size[0] / 2.0, p[1] + r + 2.0],
            ];
            let boxed = |at: [f32; 2]| {
                [
                    at[0] - 1.0,
                    at[1] - 1.0,
                    at[0] + size[0] + 1.0,
                    at[1] + size[1] + 1.0,
                ]
            };
            let free = |at: [f32; 2]| {
                let b = boxed(at);
                b[0] >= 0.0
                    && b[1] >= 0.0
                    && b[2] <= self.size[0]
                    && b[3] <= self.size[1]
                    && !placed.iter().any(|q| overlaps(*q, b))
            };
            let pos = match options.iter().copied().find(|&at| free(at)) {
                Some(at) => at,
                None if priority == 0 => options[0],
                None => continue,
            };
            placed.push(boxed(pos));
            if priority == 2 {
                budget -= 1;
            }
            let color = if focus.is_some() && !neighbour[i] {
                pal.weak_text
            } else {
                pal.text
            };
            labels.push(Label {
                node: i as u32,
                text,
                pos,
                size,
                color,
            });
        }
        Picture {
            size: self.size,
            background: pal.background,
            segments,
            marks,
            labels,
            regions,
            font_size: self.font_size,
            pin: pal.strong_text,
        }
    }
}

/// A rough text size for drawings made without a font engine (headless
/// SVG): 0.56 em per character.
pub fn estimate_text_size(text: &str, font_size: f32) -> [f32; 2] {
    [
        text.chars().count() as f32 * font_size * 0.56,
        font_size * 1.25,
    ]
}

fn hex(c: Rgba) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

fn opacity(c: Rgba) -> String {
    if c[3] == 255 {
        String::new()
    } else {
        format!(" opacity=\"{:.3}\"", f32::from(c[3]) / 255.0)
    }
}

impl Picture {
    /// The drawing as a standalone SVG document.
    pub fn to_svg(&self) -> String {
        let [w, h] = self.size;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w:.0}\" height=\"{h:.0}\" viewBox=\"0 0 {w:.1} {h:.1}\" font-family=\"Ubuntu, 'DejaVu Sans', Arial, sans-serif\" font-size=\"{:.1}\">",
            self.font_size
        );
        let _ = writeln!(
            out,
            "<rect width=\"100%\" height=\"100%\" fill=\"{}\"/>",
            hex(self.background)
        );
        let _ = writeln!(out, "<g id=\"links\" stroke-linecap=\"butt\">");
        for s in &self.segments {
            let _ = writeln!(
                out,
                "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{}\" stroke-width=\"{:.2}\"{}/>",
                s.a[0],
                s.a[1],
                s.b[0],
                s.b[1],
                hex(s.color),
                s.width,
                opacity(s.color)
            );
        }
        let _ = writeln!(out, "</g>\n<g id=\"nodes\">");
        for m in &self.marks {
            let style = format!(
                "fill=\"{}\"{} stroke=\"{}\" stroke-width=\"{:.1}\"",
                hex(m.fill),
                if m.fill[3] == 255 {
                    String::new()
                } else {
                    format!(" fill-opacity=\"{:.3}\"", f32::from(m.fill[3]) / 255.0)
                },
                hex(m.stroke),
                m.stroke_width
            );
            match m.kind {
                NodeKind::Actor => {
                    let _ = writeln!(
                        out,
                        "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"{:.1}\" {style}/>",
                        m.center[0], m.center[1], m.radius
                    );
                }
                NodeKind::Topic => {
                    let side = m.radius * 1.7;
                    let _ = writeln!(
                        out,
                        "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{side:.1}\" height=\"{side:.1}\" rx=\"3\" {style}/>",
                        m.center[0] - side / 2.0,
                        m.center[1] - side / 2.0
                    );
                }
            }
            if m.new {
                let _ = writeln!(
                    out,
                    "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"{:.1}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"><title>new in this window</title></circle>",
                    m.center[0],
                    m.center[1],
                    m.radius + 3.0,
                    hex(NEW_RING)
                );
            }
            if m.pinned {
                let _ = writeln!(
                    out,
                    "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\" fill=\"{}\"/>",
                    m.center[0] + m.radius * 0.7,
                    m.center[1] - m.radius * 0.7,
                    hex(self.pin)
                );
            }
        }
        let _ = writeln!(out, "</g>\n<g id=\"regions\">");
        for r in &self.regions {
            let _ = writeln!(
                out,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"4\" fill=\"{}\" fill-opacity=\"0.55\"/><text x=\"{:.1}\" y=\"{:.1}\" fill=\"{}\" fill-opacity=\"{:.3}\" font-size=\"{:.1}\" font-weight=\"bold\">{}</text>",
                r.pos[0] - 2.0,
                r.pos[1] - 2.0,
                r.size[0] + 4.0,
                r.size[1] + 4.0,
                hex(self.background),
                r.pos[0],
                r.pos[1] + r.size[1] * 0.8,
                hex(r.color),
                f32::from(r.color[3]) / 255.0,
                self.font_size * REGION_FONT_SCALE,
                super::export::escape(&r.text)
            );
        }
        let _ = writeln!(out, "</g>\n<g id=\"labels\">");
        for l in &self.labels {
            let _ = writeln!(
                out,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"2\" fill=\"{}\" fill-opacity=\"0.7\"/><text x=\"{:.1}\" y=\"{:.1}\" fill=\"{}\"{}>{}</text>",
                l.pos[0] - 1.0,
                l.pos[1] - 1.0,
                l.size[0] + 2.0,
                l.size[1] + 2.0,
                hex(self.background),
                l.pos[0],
                l.pos[1] + l.size[1] * 0.8,
                hex(l.color),
                opacity(l.color),
                super::export::escape(&l.text)
            );
        }
        out.push_str("</g>\n</svg>\n");
        out
    }
}

/// Encodes straight-alpha RGBA pixels as PNG.
///
/// # Errors
/// When the size does not match the pixels or encoding fails.
pub fn encode_png(width: u32, height: u32, rgba: &[u8]) -> std::io::Result<Vec<u8>> {
    if rgba.len() != width as usize * height as usize * 4 {
        return Err(std::io::Error::other(
            "pixel buffer does not match the size",
        ));
    }
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().map_err(std::io::Error::other)?;
        writer
            .write_image_data(rgba)
            .map_err(std::io::Error::other)?;
    }
    Ok(out)
}

/// A picture of the whole map (nodes with links), fitted into `size`, for
/// headless exports (`knowmap build --svg/--png`); `measure` gives a label's
/// size in points ([`crate::io::raster::text_measurer`] measures with the
/// window's fonts).
pub fn whole_map_picture(
    model: &crate::graph::Model,
    positions: &[[f32; 2]],
    size: [f32; 2],
    dark: bool,
    measure: &mut dyn FnMut(&str) -> [f32; 2],
) -> Picture {
    let graph = &model.graph;
    let n = positions.len();
    let mut nodes = vec![false; n];
    let mut edges = vec![false; graph.edge_count()];
    for e in graph.edge_ids() {
        if let Some((a, b)) = graph.endpoints(e)
            && a.index() < n
            && b.index() < n
        {
            edges[e.index()] = true;
            nodes[a.index()] = true;
            nodes[b.index()] = true;
        }
    }
    // Fit the bounding box of the nodes, leaving out only far outliers (a
    // pair of nodes linked to nothing else can drift far from the map).
    let shown: Vec<[f32; 2]> = positions
        .iter()
        .zip(&nodes)
        .filter(|(_, v)| **v)
        .map(|(p, _)| *p)
        .collect();
    let median = |k: usize| {
        let mut xs: Vec<f32> = shown.iter().map(|p| p[k]).collect();
        xs.sort_by(f32::total_cmp);
        xs.get(xs.len() / 2).copied().unwrap_or(0.0)
    };
    let centre = [median(0), median(1)];
    let dist = |p: &[f32; 2]| (p[0] - centre[0]).hypot(p[1] - centre[1]);
    let mut ds: Vec<f32> = shown.iter().map(dist).collect();
    ds.sort_by(f32::total_cmp);
    let reach = ds.get(ds.len() * 9 / 10).copied().unwrap_or(0.0) * 2.0;
    let mut lo = [f32::MAX; 2];
    let mut hi = [f32::MIN; 2];
    for p in shown.iter().filter(|p| dist(p) <= reach.max(1e-3)) {
        for k in 0..2 {
            lo[k] = lo[k].min(p[k]);
            hi[k] = hi[k].max(p[k]);
        }
    }
    let camera = if lo[0] <= hi[0] {
        Camera::fit(size, [lo, hi].into_iter())
    } else {
        Camera::default()
    };
    let (order, max_weight) = crate::graph::view::edge_order(model);
    let pinned = vec![false; n];
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
        center: camera.center,
        zoom: camera.zoom,
        base_zoom: camera.zoom,
        selected_node: None,
        selected_edge: None,
        hovered: None,
        color_by_community: false,
        label_budget: 40,
        edge_budget: EDGE_BUDGET,
        palette: if dark {
            Palette::dark()
        } else {
            Palette::light()
        },
        font_size: 13.0,
    }
    .compose(measure)
}
