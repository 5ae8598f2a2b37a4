//! The map canvas: draws nodes, edges and labels from the current positions
//! and turns mouse gestures into actions. Pan and zoom change the camera
//! directly (continuous view state, never undone); everything else is an
//! [`Action`].

use egui::{Color32, Pos2, Rect, Sense, Shape, Vec2, vec2};

use super::app::Action;
use crate::extract::{Category, NodeKind};
use crate::graph::Model;
use crate::io::picture::{MapView, Palette, Picture};

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
    pub fn screen_from_graph(&self, rect: Rect, p: [f32; 2]) -> Pos2 {
        rect.center()
            + vec2(
                (p[0] - self.center[0]) * self.zoom,
                (p[1] - self.center[1]) * self.zoom,
            )
    }

    pub fn graph_from_screen(&self, rect: Rect, p: Pos2) -> [f32; 2] {
        let d = (p - rect.center()) / self.zoom;
        [self.center[0] + d.x, self.center[1] + d.y]
    }

    /// A camera showing `points` inside `rect` with a margin. Above 20
    /// points, the outer 4% on each side are left out (and the rest widened
    /// by 10%), so a few far-flung nodes do not shrink the map to a dot.
    pub fn fit(rect: Rect, points: impl Iterator<Item = [f32; 2]>) -> Self {
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
        let zoom = ((rect.width() - 120.0).max(50.0) / w).min((rect.height() - 80.0).max(50.0) / h);
        Self {
            center: [(min[0] + max[0]) / 2.0, (min[1] + max[1]) / 2.0],
            zoom: zoom.clamp(1e-4, 1e4),
        }
    }
}

/// What is selected on the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Selection {
    #[default]
    None,
    Node(u32),
    Edge(u32),
}

/// Everything the canvas needs to draw one frame.
pub struct Scene<'a> {
    pub model: &'a Model,
    pub positions: &'a [[f32; 2]],
    pub node_visible: &'a [bool],
    pub edge_visible: &'a [bool],
    pub pinned: &'a [bool],
    pub selection: Selection,
    pub color_by_community: bool,
    /// How many of the largest nodes always get a label.
    pub label_budget: usize,
    /// The zoom at which the whole map fits (node sizes grow past it).
    pub base_zoom: f32,
    /// Edge indices, strongest first (computed once per model).
    pub edge_order: &'a [u32],
    /// The strongest edge weight.
    pub max_weight: f64,
    /// At most this many links are drawn per frame (plus the focused ones).
    pub edge_budget: usize,
}

/// Edge indices of a graph, strongest first, and the strongest weight.
pub fn edge_order(model: &Model) -> (Vec<u32>, f64) {
    let graph = &model.graph.graph;
    let mut order: Vec<u32> = graph.edge_indices().map(|e| e.index() as u32).collect();
    order.sort_by(|a, b| {
        let wa = graph[petgraph::graph::EdgeIndex::new(*a as usize)].weight;
        let wb = graph[petgraph::graph::EdgeIndex::new(*b as usize)].weight;
        wb.total_cmp(&wa).then(a.cmp(b))
    });
    let max = graph
        .edge_weights()
        .map(|e| e.weight)
        .fold(0.0f64, f64::max);
    (order, max)
}

/// Gesture state kept between frames.
#[derive(Debug, Default, Clone)]
pub struct CanvasState {
    pub hovered: Option<u32>,
    pub dragging: Option<u32>,
    /// The canvas rectangle of the last frame (for fit-to-view from the keyboard).
    pub rect: Option<Rect>,
    /// The user has panned or zoomed since the map was loaded or fitted.
    pub user_moved: bool,
    /// The node whose context menu is open.
    pub menu_node: Option<u32>,
    /// Mesh buffers reused from frame to frame.
    pub buffers: MeshBuffers,
}

pub fn category_color(category: Category) -> Color32 {
    let (r, g, b) = crate::io::export::category_rgb(category);
    Color32::from_rgb(r, g, b)
}

/// The theme's colours for drawings.
pub fn palette(visuals: &egui::Visuals) -> Palette {
    let rgba = |c: Color32| c.to_srgba_unmultiplied();
    Palette {
        background: rgba(visuals.extreme_bg_color),
        edge: if visuals.dark_mode {
            [170, 170, 170, 255]
        } else {
            [90, 90, 90, 255]
        },
        selected_edge: rgba(visuals.selection.stroke.color),
        text: rgba(visuals.text_color()),
        weak_text: rgba(visuals.weak_text_color()),
        strong_text: rgba(visuals.strong_text_color()),
    }
}

impl Scene<'_> {
    /// The scene as seen through `camera` in `rect`.
    pub fn map_view(
        &self,
        camera: &Camera,
        rect: Rect,
        hovered: Option<u32>,
        visuals: &egui::Visuals,
    ) -> MapView<'_> {
        MapView {
            model: self.model,
            positions: self.positions,
            node_visible: self.node_visible,
            edge_visible: self.edge_visible,
            pinned: self.pinned,
            edge_order: self.edge_order,
            max_weight: self.max_weight,
            size: [rect.width(), rect.height()],
            center: camera.center,
            zoom: camera.zoom,
            base_zoom: self.base_zoom,
            selected_node: match self.selection {
                Selection::Node(n) => Some(n),
                _ => None,
            },
            selected_edge: match self.selection {
                Selection::Edge(e) => Some(e),
                _ => None,
            },
            hovered,
            color_by_community: self.color_by_community,
            label_budget: self.label_budget,
            edge_budget: self.edge_budget,
            palette: palette(visuals),
            font_size: 13.0,
        }
    }
}

/// The link and node meshes of the last frame, kept so the next frame can
/// refill their buffers instead of allocating (and page-faulting) new ones.
#[derive(Debug, Default, Clone)]
pub struct MeshBuffers {
    meshes: [std::sync::Arc<egui::Mesh>; 2],
}

impl MeshBuffers {
    /// Mesh `k` emptied with its capacity, once egui has let go of it.
    fn take(&mut self, k: usize) -> egui::Mesh {
        match std::sync::Arc::get_mut(&mut self.meshes[k]) {
            Some(mesh) => {
                let mut mesh = std::mem::take(mesh);
                mesh.clear();
                mesh
            }
            None => egui::Mesh::default(),
        }
    }
}

/// Wraps a mesh for painting, keeping a handle to reuse its buffers.
fn keep(
    buffers: &mut Option<&mut MeshBuffers>,
    k: usize,
    mesh: egui::Mesh,
) -> std::sync::Arc<egui::Mesh> {
    let mesh = std::sync::Arc::new(mesh);
    if let Some(b) = buffers.as_deref_mut() {
        b.meshes[k] = std::sync::Arc::clone(&mesh);
    }
    mesh
}

/// A picture as egui shapes, its top-left corner at `origin`; `layout`
/// turns label text into galleys (a painter's or a font engine's).
pub fn picture_shapes(
    picture: &Picture,
    origin: Pos2,
    layout: &mut dyn FnMut(String, egui::FontId, Color32) -> std::sync::Arc<egui::Galley>,
    mut buffers: Option<&mut MeshBuffers>,
) -> Vec<Shape> {
    let color = |c: [u8; 4]| Color32::from_rgba_unmultiplied(c[0], c[1], c[2], c[3]);
    let at = |p: [f32; 2]| origin + vec2(p[0], p[1]);
    let mut shapes = Vec::with_capacity(picture.marks.len() * 2 + picture.labels.len() * 2 + 2);
    shapes.push(Shape::rect_filled(
        Rect::from_min_size(origin, vec2(picture.size[0], picture.size[1])),
        0.0,
        color(picture.background),
    ));
    let mut mesh = buffers
        .as_deref_mut()
        .map_or_else(egui::Mesh::default, |b| b.take(0));
    mesh.vertices.reserve(picture.segments.len() * 4);
    mesh.indices.reserve(picture.segments.len() * 6);
    for s in &picture.segments {
        add_segment(&mut mesh, at(s.a), at(s.b), s.width, color(s.color));
    }
    shapes.push(Shape::Mesh(keep(&mut buffers, 0, mesh)));
    // Nodes as one mesh (an outline shape under a fill shape, each with a
    // one-pixel feathered edge): thousands of nodes cost one shape, not
    // thousands of tessellated circles.
    let mut nodes = buffers
        .as_deref_mut()
        .map_or_else(egui::Mesh::default, |b| b.take(1));
    let sides: usize = picture
        .marks
        .iter()
        .map(|m| 2 * disc_sides(m.radius) + 4)
        .sum();
    nodes.vertices.reserve(sides * 2 + picture.marks.len() * 2);
    nodes.indices.reserve(sides * 9);
    for m in &picture.marks {
        let p = at(m.center);
        let (inner, outer) = (
            (m.radius - m.stroke_width / 2.0).max(0.5),
            m.radius + m.stroke_width / 2.0,
        );
        let outline = color(m.stroke);
        let fill = color(m.fill);
        // A thin outline in the background colour only separates nodes
        // big enough to overlap visibly; small ones skip it.
        let plain = m.stroke == picture.background && m.radius < 5.0;
        match m.kind {
            NodeKind::Actor if plain => add_disc(&mut nodes, p, m.radius, fill),
            NodeKind::Actor => {
                add_disc(&mut nodes, p, outer, outline);
                add_disc(&mut nodes, p, inner, fill);
            }
            NodeKind::Topic => {
                let half = m.radius * 0.85;
                add_square(&mut nodes, p, half + m.stroke_width / 2.0, outline);
                add_square(&mut nodes, p, (half - m.stroke_width / 2.0).max(0.5), fill);
            }
        }
        if m.pinned {
            add_disc(
                &mut nodes,
                p + vec2(m.radius * 0.7, -m.radius * 0.7),
                3.0,
                color(picture.pin),
            );
        }
    }
    shapes.push(Shape::Mesh(keep(&mut buffers, 1, nodes)));
    let font = egui::FontId::proportional(picture.font_size);
    let backdrop = color(picture.background).gamma_multiply(0.7);
    for l in &picture.labels {
        let pos = at(l.pos);
        shapes.push(Shape::rect_filled(
            Rect::from_min_size(pos, vec2(l.size[0], l.size[1])).expand(1.0),
            2.0,
            backdrop,
        ));
        let galley = layout(l.text.clone(), font.clone(), color(l.color));
        shapes.push(Shape::galley(pos, galley, color(l.color)));
    }
    shapes
}

/// Draws the map into the remaining space and returns what the user asked for.
pub fn canvas_ui(
    ui: &mut egui::Ui,
    camera: &mut Camera,
    state: &mut CanvasState,
    scene: &Scene<'_>,
) -> Vec<Action> {
    let mut actions = Vec::new();
    let (response, painter) = ui.allocate_painter(ui.available_size(), Sense::click_and_drag());
    let rect = response.rect;
    state.rect = Some(rect);
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::accesskit::Role::Canvas, true, "Knowledge map")
    });
    let graph = &scene.model.graph.graph;
    let n = scene.positions.len();
    let visuals = ui.visuals().clone();
    let dragged_before = state.dragging;
    painter.rect_filled(rect, 0.0, visuals.extreme_bg_color);

    // Zoom at the cursor: wheel, pinch and ctrl-scroll.
    if response.hovered() {
        let (scroll, pinch, pointer) = ui.input(|i| {
            (
                i.smooth_scroll_delta().y,
                i.zoom_delta(),
                i.pointer.hover_pos(),
            )
        });
        let factor = (scroll * 0.002).exp() * pinch;
        if (factor - 1.0).abs() > 1e-4
            && let Some(pointer) = pointer
        {
            let before = camera.graph_from_screen(rect, pointer);
            state.user_moved = true;
            camera.zoom = (camera.zoom * factor).clamp(1e-4, 1e4);
            let after = camera.graph_from_screen(rect, pointer);
            camera.center[0] += before[0] - after[0];
            camera.center[1] += before[1] - after[1];
        }
    }

    // Node geometry on screen (sizes in points, as the picture draws them).
    let radius =
        |i: usize| crate::io::picture::node_radius(scene.model, i, camera.zoom, scene.base_zoom);
    let screen: Vec<Pos2> = scene
        .positions
        .iter()
        .map(|&p| camera.screen_from_graph(rect, p))
        .collect();

    // Hover: the nearest visible node under the pointer.
    let pointer = response
        .hover_pos()
        .or_else(|| ui.input(|i| i.pointer.hover_pos()));
    let mut hovered = None;
    if let Some(p) = pointer.filter(|p| rect.contains(*p)) {
        let mut best = f32::MAX;
        for (i, at) in screen.iter().enumerate() {
            if !scene.node_visible.get(i).copied().unwrap_or(false) {
                continue;
            }
            let d = at.distance(p);
            if d <= radius(i) + 3.0 && d < best {
                best = d;
                hovered = Some(i as u32);
            }
        }
    }
    if state.dragging.is_none() {
        state.hovered = hovered;
    }

    // Gestures.
    if response.drag_started() {
        state.dragging = hovered;
    }
    if response.dragged() {
        match state.dragging {
            Some(node) => {
                if let Some(p) = response.interact_pointer_pos() {
                    actions.push(Action::MoveNode(node, camera.graph_from_screen(rect, p)));
                }
            }
            None => {
                state.user_moved = true;
                let d = response.drag_delta() / camera.zoom;
                camera.center[0] -= d.x;
                camera.center[1] -= d.y;
            }
        }
    }
    if response.drag_stopped() {
        state.dragging = None;
    }
    if response.double_clicked() && hovered.is_none() {
        actions.push(Action::FitView);
    } else if response.clicked() {
        match hovered {
            Some(node) => actions.push(Action::Select(Selection::Node(node))),
            None => {
                let edge = pointer.and_then(|p| nearest_edge(scene, &screen, p, 4.0));
                actions.push(Action::Select(
                    edge.map_or(Selection::None, Selection::Edge),
                ));
            }
        }
    }
    // The menu belongs to the node right-clicked, wherever the mouse goes next.
    if response.secondary_clicked() {
        state.menu_node = hovered;
    }
    response.context_menu(|ui| {
        if let Some(node) = state.menu_node {
            node_menu(ui, scene, node, &mut actions);
            ui.separator();
        }
        if ui.button("Fit to view").clicked() {
            actions.push(Action::FitView);
            ui.close();
        }
    });

    // The drawing: one composition for the screen, SVG and PNG.
    let view = scene.map_view(camera, rect, state.hovered, &visuals);
    let font = egui::FontId::proportional(view.font_size);
    let picture = view.compose(&mut |text| {
        let size = painter
            .layout_no_wrap(text.to_owned(), font.clone(), visuals.text_color())
            .size();
        [size.x, size.y]
    });
    let shapes = picture_shapes(
        &picture,
        rect.min,
        &mut |text, font, color| painter.layout_no_wrap(text, font, color),
        Some(&mut state.buffers),
    );
    painter.extend(shapes);
    for label in &picture.labels {
        let i = label.node as usize;
        let p = screen[i];
        let r = view.radius(i);
        let label = label.text.clone();
        // An accessible, clickable handle for the labelled node.
        let id = ui.scope_id().with(("node", i));
        // The node's disc only: a label-wide area would cover its neighbours.
        let hit = Rect::from_center_size(p, Vec2::splat(2.0 * r + 4.0));
        let node_response = ui.interact(hit, id, Sense::click_and_drag());
        node_response
            .widget_info(|| egui::WidgetInfo::labeled(egui::accesskit::Role::Button, true, &label));
        if node_response.clicked() {
            actions.push(Action::Select(Selection::Node(i as u32)));
        }
        node_response.context_menu(|ui| node_menu(ui, scene, i as u32, &mut actions));
        if node_response.drag_started() {
            state.dragging = Some(i as u32);
        }
        if node_response.dragged()
            && let Some(p) = node_response.interact_pointer_pos()
        {
            actions.push(Action::MoveNode(
                i as u32,
                camera.graph_from_screen(rect, p),
            ));
        }
        if node_response.drag_stopped() {
            state.dragging = None;
        }
    }

    // Shift+drop onto another node merges the dragged node into it.
    if let Some(from) = dragged_before
        && state.dragging.is_none()
        && ui.input(|i| i.modifiers.shift)
        && let Some(p) = pointer
    {
        let target = (0..n)
            .filter(|&i| i != from as usize && scene.node_visible.get(i).copied().unwrap_or(false))
            .map(|i| (screen[i].distance(p), i))
            .filter(|&(d, i)| d <= view.radius(i) + 4.0)
            .min_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((_, into)) = target {
            actions.push(Action::MergeNodes(from, into as u32));
        }
    }

    // Tooltip for the hovered node.
    if let Some(h) = state.hovered
        && state.dragging.is_none()
        && let Some(data) = graph.node_weight(petgraph::graph::NodeIndex::new(h as usize))
        && let Some(entity) = scene.model.extraction.entities.get(data.entity as usize)
        && let Some(p) = pointer
    {
        let mut links: Vec<(f64, String)> = graph
            .edges(petgraph::graph::NodeIndex::new(h as usize))
            .filter_map(|e| {
                use petgraph::visit::EdgeRef as _;
                let other = if e.source().index() == h as usize {
                    e.target()
                } else {
                    e.source()
                };
                let o = scene
                    .model
                    .extraction
                    .entities
                    .get(graph[other].entity as usize)?;
                Some((
                    e.weight().count as f64 + e.weight().weight * 1e-6,
                    format!("{} ({})", o.label, e.weight().count),
                ))
            })
            .collect();
        links.sort_by(|a, b| b.0.total_cmp(&a.0));
        let text = format!(
            "{}\n{} · {} mentions · {} links\nStrongest: {}",
            entity.label,
            entity.category.name(),
            data.mentions,
            data.degree,
            links
                .iter()
                .take(4)
                .map(|l| l.1.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
        let galley = painter.layout(
            text,
            egui::FontId::proportional(12.5),
            visuals.text_color(),
            320.0,
        );
        // Below right of the pointer, flipped to stay inside the canvas.
        let size = galley.size();
        let mut at = p + vec2(14.0, 14.0);
        if at.x + size.x + 6.0 > rect.right() {
            at.x = (p.x - 14.0 - size.x).max(rect.left() + 6.0);
        }
        if at.y + size.y + 6.0 > rect.bottom() {
            at.y = (p.y - 14.0 - size.y).max(rect.top() + 6.0);
        }
        let bg = Rect::from_min_size(at, size).expand(6.0);
        painter.rect(
            bg,
            4.0,
            visuals.window_fill,
            visuals.window_stroke,
            egui::StrokeKind::Outside,
        );
        painter.galley(at, galley, visuals.text_color());
    }
    actions
}

/// What can be done to a node: its context menu.
fn node_menu(ui: &mut egui::Ui, scene: &Scene<'_>, node: u32, actions: &mut Vec<Action>) {
    if let Some(label) = scene
        .model
        .extraction
        .entities
        .get(node as usize)
        .map(|e| e.label.chars().take(40).collect::<String>())
    {
        ui.strong(label);
    }
    let pinned = scene.pinned.get(node as usize).copied().unwrap_or(false);
    if ui.button(if pinned { "Unpin" } else { "Pin" }).clicked() {
        actions.push(Action::Pin(node, !pinned));
        ui.close();
    }
    if ui.button("Hide").clicked() {
        actions.push(Action::Hide(node));
        ui.close();
    }
    if ui.button("Focus (its neighbourhood only)").clicked() {
        actions.push(Action::Focus(node));
        ui.close();
    }
    ui.separator();
    super::curation::node_menu_ui(ui, scene.model, node, actions);
}

/// A convex polygon (`points` around `center`) filled with `color`, with a
/// feathered edge half a point wide on each side, as egui anti-aliases.
fn add_convex(mesh: &mut egui::Mesh, center: Pos2, points: &[Pos2], color: Color32) {
    let n = points.len() as u32;
    if n < 3 || color == Color32::TRANSPARENT {
        return;
    }
    let base = mesh.vertices.len() as u32;
    mesh.colored_vertex(center, color);
    for &q in points {
        let d = q - center;
        let len = d.length().max(1e-6);
        let out = d / len * 0.5;
        mesh.colored_vertex(q - out, color);
        mesh.colored_vertex(q + out, Color32::TRANSPARENT);
    }
    rim_triangles(mesh, base, n);
}

/// Triangles of a polygon laid out as a centre vertex at `base` followed by
/// `n` (inner, outer) rim pairs: a fan inside, a feathered band outside.
fn rim_triangles(mesh: &mut egui::Mesh, base: u32, n: u32) {
    for k in 0..n {
        let (i, j) = (k, (k + 1) % n);
        let (ii, io) = (base + 1 + 2 * i, base + 2 + 2 * i);
        let (ji, jo) = (base + 1 + 2 * j, base + 2 + 2 * j);
        mesh.add_triangle(base, ii, ji);
        mesh.add_triangle(ii, io, jo);
        mesh.add_triangle(ii, jo, ji);
    }
}

/// Unit circles with 0..=48 sides, computed once.
fn unit_circles() -> &'static [Vec<Vec2>] {
    static CIRCLES: std::sync::OnceLock<Vec<Vec<Vec2>>> = std::sync::OnceLock::new();
    CIRCLES.get_or_init(|| {
        (0..=48usize)
            .map(|sides| {
                (0..sides)
                    .map(|k| {
                        let a = k as f32 / sides as f32 * std::f32::consts::TAU;
                        vec2(a.cos(), a.sin())
                    })
                    .collect()
            })
            .collect()
    })
}

/// A disc with a feathered rim; the number of sides grows with the radius.
fn add_disc(mesh: &mut egui::Mesh, center: Pos2, radius: f32, color: Color32) {
    if color == Color32::TRANSPARENT {
        return;
    }
    let unit = &unit_circles()[disc_sides(radius)];
    let n = unit.len() as u32;
    let base = mesh.vertices.len() as u32;
    mesh.colored_vertex(center, color);
    for &u in unit {
        mesh.colored_vertex(center + u * (radius - 0.5), color);
        mesh.colored_vertex(center + u * (radius + 0.5), Color32::TRANSPARENT);
    }
    rim_triangles(mesh, base, n);
}

/// Sides of a disc's polygon: enough that its edge looks round.
fn disc_sides(radius: f32) -> usize {
    (radius * 1.3).clamp(7.0, 48.0) as usize
}

/// An axis-aligned square of half-side `half`.
fn add_square(mesh: &mut egui::Mesh, center: Pos2, half: f32, color: Color32) {
    let points = [
        center + vec2(-half, -half),
        center + vec2(half, -half),
        center + vec2(half, half),
        center + vec2(-half, half),
    ];
    add_convex(mesh, center, &points, color);
}

/// Two triangles for a segment from `a` to `b`.
fn add_segment(mesh: &mut egui::Mesh, a: Pos2, b: Pos2, width: f32, color: Color32) {
    let d = b - a;
    let len = d.length();
    if len < 0.5 {
        return;
    }
    let n = vec2(-d.y, d.x) / len * (width / 2.0);
    let base = mesh.vertices.len() as u32;
    mesh.colored_vertex(a + n, color);
    mesh.colored_vertex(a - n, color);
    mesh.colored_vertex(b + n, color);
    mesh.colored_vertex(b - n, color);
    mesh.add_triangle(base, base + 1, base + 2);
    mesh.add_triangle(base + 1, base + 3, base + 2);
}

/// The visible edge nearest to `p` within `max` screen points.
fn nearest_edge(scene: &Scene<'_>, screen: &[Pos2], p: Pos2, max: f32) -> Option<u32> {
    let graph = &scene.model.graph.graph;
    let mut best: Option<(f32, u32)> = None;
    for e in graph.edge_indices() {
        if !scene.edge_visible.get(e.index()).copied().unwrap_or(false) {
            continue;
        }
        let Some((a, b)) = graph.edge_endpoints(e) else {
            continue;
        };
        let d = distance_to_segment(p, screen[a.index()], screen[b.index()]);
        if d <= max && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, e.index() as u32));
        }
    }
    best.map(|(_, e)| e)
}

fn distance_to_segment(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let t = if ab.length_sq() > 0.0 {
        ((p - a).dot(ab) / ab.length_sq()).clamp(0.0, 1.0)
    } else {
        0.0
    };
    p.distance(a + ab * t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::pos2;

    #[test]
    fn camera_round_trips_between_spaces() {
        let rect = Rect::from_min_size(pos2(10.0, 20.0), vec2(800.0, 600.0));
        let camera = Camera {
            center: [5.0, -3.0],
            zoom: 2.5,
        };
        let p = [12.0, 7.5];
        let back = camera.graph_from_screen(rect, camera.screen_from_graph(rect, p));
        assert!((back[0] - p[0]).abs() < 1e-4 && (back[1] - p[1]).abs() < 1e-4);
    }

    #[test]
    fn fit_shows_every_point() {
        let rect = Rect::from_min_size(pos2(0.0, 0.0), vec2(800.0, 600.0));
        let points = [[-100.0, 50.0], [300.0, -20.0], [0.0, 0.0]];
        let camera = Camera::fit(rect, points.into_iter());
        for p in points {
            assert!(rect.contains(camera.screen_from_graph(rect, p)));
        }
    }

    #[test]
    fn segment_distance() {
        let d = distance_to_segment(pos2(5.0, 3.0), pos2(0.0, 0.0), pos2(10.0, 0.0));
        assert!((d - 3.0).abs() < 1e-6);
    }
}
