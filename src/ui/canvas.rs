//! The map canvas: draws nodes, edges and labels from the current positions
//! and turns mouse gestures into actions. Pan and zoom change the camera
//! directly (continuous view state, never undone); everything else is an
//! [`UiAction`].

use egui::{Color32, Pos2, Rect, Sense, Vec2, vec2};

use super::action::UiAction;
use crate::extract::Category;
use crate::graph::Model;
use crate::graph::view::Selection;
use crate::graph::{EdgeId, NodeId};
use crate::io::picture::{Camera, MapView, Palette};
use crate::io::raster::{MeshBuffers, picture_shapes};
use crate::session::{CameraState, Command};

/// Screen conversions of a [`Camera`] inside a canvas rectangle.
pub trait ScreenCamera {
    fn screen_from_graph(&self, rect: Rect, p: [f32; 2]) -> Pos2;
    fn graph_from_screen(&self, rect: Rect, p: Pos2) -> [f32; 2];
}

impl ScreenCamera for Camera {
    fn screen_from_graph(&self, rect: Rect, p: [f32; 2]) -> Pos2 {
        rect.center()
            + vec2(
                (p[0] - self.center[0]) * self.zoom,
                (p[1] - self.center[1]) * self.zoom,
            )
    }

    fn graph_from_screen(&self, rect: Rect, p: Pos2) -> [f32; 2] {
        let d = (p - rect.center()) / self.zoom;
        [self.center[0] + d.x, self.center[1] + d.y]
    }
}

/// Everything the canvas needs to draw one frame.
pub struct Scene<'a> {
    pub model: &'a Model,
    pub positions: &'a [[f32; 2]],
    pub node_visible: &'a [bool],
    pub edge_visible: &'a [bool],
    pub pinned: &'a [bool],
    /// Nodes new in the time window since the last play step.
    pub new_nodes: &'a [bool],
    /// Nodes that left the time window with the last play step (faint).
    pub gone_nodes: &'a [bool],
    /// Links that left the time window with the last play step (faint).
    pub gone_edges: &'a [u32],
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
    /// Where each node's links are drawn from (collapsed communities; empty:
    /// each at its own place).
    pub drawn_at: &'a [u32],
    pub collapsed: &'a [crate::graph::view::Collapsed],
}

/// Gesture state kept between frames.
#[derive(Debug, Default, Clone)]
pub struct CanvasState {
    pub hovered: Option<u32>,
    /// The node whose tooltip was drawn last frame.
    pub tooltip: Option<u32>,
    pub dragging: Option<u32>,
    /// While a node is Shift-dragged: the node it would merge into, held in
    /// place and ringed.
    pub drop_target: Option<u32>,
    /// The canvas rectangle of the last frame (for fit-to-view from the keyboard).
    pub rect: Option<Rect>,
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
            new_nodes: self.new_nodes,
            gone_nodes: self.gone_nodes,
            gone_edges: self.gone_edges,
            drawn_at: self.drawn_at,
            collapsed: self.collapsed,
            edge_order: self.edge_order,
            max_weight: self.max_weight,
            size: [rect.width(), rect.height()],
            center: camera.center,
            zoom: camera.zoom,
            base_zoom: self.base_zoom,
            selected_node: match self.selection {
                Selection::Node(n) => Some(n.raw()),
                _ => None,
            },
            selected_edge: match self.selection {
                Selection::Edge(e) => Some(e.raw()),
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

/// Draws the map into the remaining space and returns what the user asked for.
pub fn canvas_ui(
    ui: &mut egui::Ui,
    view: &mut CameraState,
    state: &mut CanvasState,
    scene: &Scene<'_>,
) -> Vec<UiAction> {
    let mut actions = Vec::new();
    let camera = &mut view.camera;
    let (response, painter) = ui.allocate_painter(ui.available_size(), Sense::click_and_drag());
    let rect = response.rect;
    state.rect = Some(rect);
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::accesskit::Role::Canvas, true, "Knowledge map")
    });
    let graph = &scene.model.graph;
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
            view.user_moved = true;
            camera.zoom = (camera.zoom * factor).clamp(1e-4, 1e4);
            let after = camera.graph_from_screen(rect, pointer);
            camera.center[0] += before[0] - after[0];
            camera.center[1] += before[1] - after[1];
        }
    }

    // Node geometry on screen (sizes in points, as the picture draws them).
    let radius = |i: usize| {
        crate::io::picture::drawn_radius(
            scene.model,
            i,
            camera.zoom,
            scene.base_zoom,
            scene.collapsed,
        )
    };
    // A collapsed community's members sit at the node standing for it, so
    // their links are picked where they are drawn.
    let screen: Vec<Pos2> = (0..scene.positions.len())
        .map(|i| {
            let at = scene.drawn_at.get(i).map_or(i, |&d| d as usize);
            let p = scene.positions.get(at).unwrap_or(&scene.positions[i]);
            camera.screen_from_graph(rect, *p)
        })
        .collect();

    // The overview, once the map is larger than the view.
    let visible_points: Vec<[f32; 2]> = scene
        .positions
        .iter()
        .zip(scene.node_visible)
        .filter_map(|(p, &shown)| shown.then_some(*p))
        .collect();
    let overview = super::overview::needed(camera, rect, &visible_points)
        .then(|| super::overview::Overview::new(rect, camera, &visible_points))
        .flatten();
    let on_overview = |p: Pos2| overview.is_some_and(|o| o.rect.contains(p));

    // Hover: the node drawn on top under the pointer, else the nearest one
    // within a few points of it.
    let pointer = response
        .hover_pos()
        .or_else(|| ui.input(|i| i.pointer.hover_pos()));
    let hovered = pointer
        .filter(|p| rect.contains(*p) && !on_overview(*p))
        .and_then(|p| {
            pick_node(&screen, p, |i| {
                scene
                    .node_visible
                    .get(i)
                    .copied()
                    .unwrap_or(false)
                    .then(|| {
                        let mentions = graph.node(NodeId::new(i)).map_or(0, |d| d.mentions);
                        (radius(i), mentions)
                    })
            })
        });
    if state.dragging.is_none() {
        state.hovered = hovered;
    }

    // Gestures.
    if response.drag_started() {
        state.dragging = hovered;
        // The user placed something: the camera stops following the layout,
        // so a drop never sends the view after a drifting map.
        if hovered.is_some() {
            view.user_moved = true;
        }
    }
    if response.dragged() {
        match state.dragging {
            Some(node) => {
                if let Some(p) = response.interact_pointer_pos() {
                    actions.push(
                        Command::MoveNode(
                            NodeId::from_raw(node),
                            camera.graph_from_screen(rect, p),
                        )
                        .into(),
                    );
                }
            }
            None => {
                view.user_moved = true;
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
        actions.push(Command::FitView.into());
    } else if response.clicked() {
        match hovered {
            Some(node) => {
                actions.push(Command::Select(Selection::Node(NodeId::from_raw(node))).into())
            }
            None => {
                let edge = pointer.and_then(|p| nearest_edge(scene, &screen, p, 4.0));
                actions.push(
                    Command::Select(
                        edge.map_or(Selection::None, |e| Selection::Edge(EdgeId::from_raw(e))),
                    )
                    .into(),
                );
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
            actions.push(Command::FitView.into());
            ui.close();
        }
    });

    // The drawing: one composition for the screen, SVG and PNG.
    let map = scene.map_view(camera, rect, state.hovered, &visuals);
    let font = egui::FontId::proportional(map.font_size);
    let picture = map.compose(&mut |text| {
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
    // Handles are made in drawing order (fewest mentions first), so where
    // two overlap the one drawn on top takes the click, as on the canvas.
    let mut handles: Vec<(u32, String)> = picture
        .labels
        .iter()
        .map(|label| (label.node, label.text.clone()))
        .collect();
    // The node being dragged keeps its handle even when its label gives way
    // to another's, or the drag would be dropped halfway.
    if let Some(d) = state.dragging
        && !handles.iter().any(|(node, _)| *node == d)
        && (d as usize) < screen.len()
        && let Some(text) = graph_label(scene, d)
    {
        handles.push((d, text));
    }
    handles.sort_by_key(|(node, _)| {
        graph
            .node(NodeId::from_raw(*node))
            .map_or(0, |d| d.mentions)
    });
    for (node, label) in handles {
        let i = node as usize;
        let p = screen[i];
        let r = map.radius(i);
        // An accessible, clickable handle for the labelled node.
        let id = ui.scope_id().with(("node", i));
        // The node's disc only: a label-wide area would cover its neighbours.
        let hit = Rect::from_center_size(p, Vec2::splat(2.0 * r + 4.0));
        let node_response = ui.interact(hit, id, Sense::click_and_drag());
        node_response
            .widget_info(|| egui::WidgetInfo::labeled(egui::accesskit::Role::Button, true, &label));
        if node_response.clicked() {
            actions.push(Command::Select(Selection::Node(NodeId::new(i))).into());
        }
        node_response.context_menu(|ui| node_menu(ui, scene, i as u32, &mut actions));
        if node_response.drag_started() {
            state.dragging = Some(i as u32);
            view.user_moved = true;
        }
        if node_response.dragged()
            && let Some(p) = node_response.interact_pointer_pos()
        {
            actions
                .push(Command::MoveNode(NodeId::new(i), camera.graph_from_screen(rect, p)).into());
        }
        if node_response.drag_stopped() {
            state.dragging = None;
        }
    }
    // A released button ends any drag, whatever became of its handle.
    if state.dragging.is_some() && !ui.input(|i| i.pointer.any_down()) {
        state.dragging = None;
    }

    // Community names: accessible, and a click shows that community alone.
    for region in &picture.regions {
        let rect = Rect::from_min_size(
            rect.min + vec2(region.pos[0], region.pos[1]),
            vec2(region.size[0], region.size[1]),
        );
        let id = ui.scope_id().with(("region", region.community));
        let response = ui.interact(rect, id, Sense::click());
        let name = format!("Community: {}", region.text);
        response
            .widget_info(|| egui::WidgetInfo::labeled(egui::accesskit::Role::Button, true, &name));
        if response
            .on_hover_text("Click to show this community alone (Filters, or the Communities legend, shows all again)")
            .clicked()
        {
            actions.push(UiAction::ShowCommunity(region.community));
        }
    }

    if let Some(o) = &overview {
        let largest = (graph.max_mentions.max(1) as f32).sqrt();
        let dots: Vec<(Pos2, f32, Color32)> = (0..n)
            .filter(|&i| scene.node_visible.get(i).copied().unwrap_or(false))
            .map(|i| {
                let mentions = graph.node(NodeId::new(i)).map_or(1, |d| d.mentions);
                let (r, g, b) =
                    crate::io::picture::node_rgb(scene.model, i as u32, scene.color_by_community);
                (
                    o.to_overview(scene.positions[i]),
                    1.2 + 2.3 * (mentions as f32).sqrt() / largest,
                    Color32::from_rgb(r, g, b),
                )
            })
            .collect();
        if super::overview::overview_ui(ui, o, camera, rect, &dots) {
            view.user_moved = true;
        }
    }

    // Shift+drag: the node under the pointer is the drop target. It is held
    // where it is (the layout does not move it away from the pointer) and
    // ringed; dropping there merges the dragged node into it.
    let shift = ui.input(|i| i.modifiers.shift);
    let target_at = |from: u32, p: Pos2| {
        (0..n)
            .filter(|&i| i != from as usize && scene.node_visible.get(i).copied().unwrap_or(false))
            .map(|i| (screen[i].distance(p), i))
            .filter(|&(d, i)| d <= map.radius(i) + 4.0)
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, i)| i as u32)
    };
    let previous_target = state.drop_target;
    state.drop_target = match (state.dragging, pointer) {
        (Some(from), Some(p)) if shift => target_at(from, p),
        _ => None,
    };
    if let Some(t) = state.drop_target {
        let at = screen[t as usize];
        let stroke = egui::Stroke::new(2.5, visuals.selection.stroke.color);
        painter.circle_stroke(at, map.radius(t as usize) + 5.0, stroke);
        if let (Some(from), Some(into)) = (state.dragging, graph_label(scene, t)) {
            let what = graph_label(scene, from).unwrap_or_default();
            painter.text(
                at + vec2(0.0, -map.radius(t as usize) - 10.0),
                egui::Align2::CENTER_BOTTOM,
                format!("merge {what} into {into}"),
                egui::FontId::proportional(13.0),
                visuals.strong_text_color(),
            );
        }
    }
    if let Some(from) = dragged_before
        && state.dragging.is_none()
        && shift
        && let Some(into) = previous_target.or_else(|| pointer.and_then(|p| target_at(from, p)))
    {
        actions.push(Command::MergeNodes(NodeId::from_raw(from), NodeId::from_raw(into)).into());
    }

    // Tooltip for the hovered node, unless a menu is open over the map.
    state.tooltip = None;
    if let Some(h) = state.hovered
        && state.dragging.is_none()
        && !egui::Popup::is_any_open(ui.ctx())
        && let Some(data) = graph.node(NodeId::from_raw(h))
        && let Some(entity) = scene.model.extraction.entities.get(data.entity as usize)
        && let Some(p) = pointer
    {
        let mut links: Vec<(f64, String)> = graph
            .links_of(NodeId::from_raw(h))
            .filter(|e| e.data.count > 0)
            .filter_map(|e| {
                let other = e.to;
                let o = scene
                    .model
                    .extraction
                    .entities
                    .get(graph[other].entity as usize)?;
                Some((
                    f64::from(e.data.count) + e.data.weight * 1e-6,
                    format!("{} ({})", o.label, e.data.count),
                ))
            })
            .collect();
        links.sort_by(|a, b| b.0.total_cmp(&a.0));
        let seen = crate::graph::timeline::Seen::of(&scene.model.corpus, &data.paragraphs)
            .map_or_else(String::new, |s| format!("\n{}", s.describe()));
        let text = format!(
            "{}\n{} · {} mentions · {} links\nStrongest: {}{seen}",
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
        // A collapsed community says so first: what the node stands for.
        let text = match scene.collapsed.iter().find(|g| g.node.raw() == h) {
            Some(g) => format!(
                "Collapsed community of {} nodes, the strongest {}\nRight-click to expand it; its links are drawn from here.\n\nStanding for it: {text}",
                g.members,
                g.label.split(" (+").next().unwrap_or(&g.label)
            ),
            None => text,
        };
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
        state.tooltip = Some(h);
    }
    actions
}

/// What can be done to a node: its context menu.
fn node_menu(ui: &mut egui::Ui, scene: &Scene<'_>, node: u32, actions: &mut Vec<UiAction>) {
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
        actions.push(Command::Pin(NodeId::from_raw(node), !pinned).into());
        ui.close();
    }
    if ui.button("Hide").clicked() {
        actions.push(Command::Hide(NodeId::from_raw(node)).into());
        ui.close();
    }
    if ui.button("Focus (its neighbourhood only)").clicked() {
        actions.push(Command::Focus(NodeId::from_raw(node)).into());
        ui.close();
    }
    if let Some(group) = scene.collapsed.iter().find(|g| g.node.raw() == node) {
        if ui
            .button(format!("Expand community ({} nodes)", group.members))
            .clicked()
        {
            actions.push(UiAction::ToggleCollapse(group.community));
            ui.close();
        }
    } else if let Some(d) = scene.model.graph.node(NodeId::from_raw(node))
        && ui
            .button("Collapse its community into one node")
            .on_hover_text("Its most-mentioned member stands for the community and carries its links; Expand shows them again")
            .clicked()
    {
        actions.push(UiAction::ToggleCollapse(d.community));
        ui.close();
    }
    ui.separator();
    super::curation::node_menu_ui(ui, scene.model, node, actions);
}

/// The label of a node.
fn graph_label(scene: &Scene<'_>, node: u32) -> Option<String> {
    let data = scene.model.graph.node(NodeId::from_raw(node))?;
    Some(
        scene
            .model
            .extraction
            .entities
            .get(data.entity as usize)?
            .label
            .clone(),
    )
}

/// The visible edge nearest to `p` within `max` screen points.
fn nearest_edge(scene: &Scene<'_>, screen: &[Pos2], p: Pos2, max: f32) -> Option<u32> {
    let graph = &scene.model.graph;
    let mut best: Option<(f32, u32)> = None;
    for e in graph.edge_ids() {
        if !scene.edge_visible.get(e.index()).copied().unwrap_or(false) {
            continue;
        }
        let Some((a, b)) = graph.endpoints(e) else {
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

/// The node a pointer at `p` points at. `node(i)` gives a shown node's
/// radius and mentions (`None`: not shown). Nodes are drawn smallest first,
/// so of the discs under the pointer the one with the most mentions is the
/// one the user sees there (a small node under a hub's disc is hidden by
/// it); when no disc holds the pointer, the nearest within 3 points.
pub fn pick_node(
    screen: &[Pos2],
    p: Pos2,
    node: impl Fn(usize) -> Option<(f32, u32)>,
) -> Option<u32> {
    let mut on_top: Option<(u32, usize)> = None;
    let mut nearest: Option<(f32, usize)> = None;
    for (i, at) in screen.iter().enumerate() {
        let Some((r, mentions)) = node(i) else {
            continue;
        };
        let d = at.distance(p);
        if d <= r {
            // Later wins ties, as the later node is drawn over the earlier.
            if on_top.is_none_or(|(m, _)| mentions >= m) {
                on_top = Some((mentions, i));
            }
        } else if d <= r + 3.0 && nearest.is_none_or(|(best, _)| d < best) {
            nearest = Some((d, i));
        }
    }
    on_top
        .map(|(_, i)| i)
        .or(nearest.map(|(_, i)| i))
        .map(|i| i as u32)
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
        let camera = Camera::fit([rect.width(), rect.height()], points.into_iter());
        for p in points {
            assert!(rect.contains(camera.screen_from_graph(rect, p)));
        }
    }

    #[test]
    fn the_headless_palettes_are_the_window_themes() {
        assert_eq!(palette(&egui::Visuals::light()), Palette::light());
        assert_eq!(palette(&egui::Visuals::dark()), Palette::dark());
    }

    #[test]
    fn segment_distance() {
        let d = distance_to_segment(pos2(5.0, 3.0), pos2(0.0, 0.0), pos2(10.0, 0.0));
        assert!((d - 3.0).abs() < 1e-6);
    }

    #[test]
    fn the_disc_drawn_on_top_is_picked_not_the_nearest_centre() {
        // A hub of radius 12 at the origin and a small node under its edge,
        // whose centre is nearer the pointer.
        let screen = [Pos2::new(0.0, 0.0), Pos2::new(8.0, 0.0)];
        let node = |i: usize| Some(if i == 0 { (12.0, 36) } else { (3.0, 13) });
        assert_eq!(pick_node(&screen, Pos2::new(6.0, 0.0), node), Some(0));
        // Outside the hub, on the small node: the small one.
        let screen = [Pos2::new(0.0, 0.0), Pos2::new(14.0, 0.0)];
        assert_eq!(pick_node(&screen, Pos2::new(15.0, 0.0), node), Some(1));
        // Near no disc but within 3 points of one: that one.
        assert_eq!(pick_node(&screen, Pos2::new(0.0, 14.0), node), Some(0));
        assert_eq!(pick_node(&screen, Pos2::new(40.0, 40.0), node), None);
        // Hidden nodes are never picked.
        assert_eq!(pick_node(&screen, Pos2::new(6.0, 0.0), |_| None), None);
    }
}
