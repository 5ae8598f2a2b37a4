//! The overview: a small picture of the whole map in a corner of the
//! canvas, with the part the view shows outlined on it. It appears once the
//! map is larger than the view (a share of its nodes lies outside), and a
//! click or drag on it moves the view there.

use egui::{Pos2, Rect, vec2};

use crate::io::picture::Camera;

/// The overview's largest size in points, and its margin from the canvas's
/// corner.
const MAX_SIZE: [f32; 2] = [200.0, 150.0];
const MARGIN: f32 = 10.0;
/// Padding inside the overview's frame.
const PAD: f32 = 6.0;

/// Where the overview sits and how graph coordinates map onto it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Overview {
    /// The overview's frame on screen.
    pub rect: Rect,
    /// Graph point drawn at the frame's inner top-left corner.
    min: [f32; 2],
    /// Overview points per graph unit.
    scale: f32,
    /// Offset that centres the drawing inside the frame.
    offset: egui::Vec2,
}

/// The part of graph space `camera` shows in a canvas of `canvas` size.
pub fn view_bounds(camera: &Camera, canvas: Rect) -> [[f32; 2]; 2] {
    let half = [
        canvas.width() / 2.0 / camera.zoom,
        canvas.height() / 2.0 / camera.zoom,
    ];
    [
        [camera.center[0] - half[0], camera.center[1] - half[1]],
        [camera.center[0] + half[0], camera.center[1] + half[1]],
    ]
}

/// Whether the map is larger than the view: more than 5% of `points` (at
/// least one of a small map) lie outside the part of graph space shown.
pub fn needed(camera: &Camera, canvas: Rect, points: &[[f32; 2]]) -> bool {
    let [min, max] = view_bounds(camera, canvas);
    let outside = points
        .iter()
        .filter(|p| p[0] < min[0] || p[0] > max[0] || p[1] < min[1] || p[1] > max[1])
        .count();
    outside > points.len() / 20
}

impl Overview {
    /// The overview of `points` and of the part `camera` shows, in the
    /// bottom-right corner of `canvas`; `None` for an empty map or a canvas
    /// too small to hold one.
    pub fn new(canvas: Rect, camera: &Camera, points: &[[f32; 2]]) -> Option<Self> {
        let first = points.first()?;
        let (mut min, mut max) = (*first, *first);
        // The view is part of the picture, so one panned away from the map
        // still sees where it is.
        let view = view_bounds(camera, canvas);
        for p in points.iter().chain(&view) {
            for k in 0..2 {
                min[k] = min[k].min(p[k]);
                max[k] = max[k].max(p[k]);
            }
        }
        let span = [(max[0] - min[0]).max(1e-3), (max[1] - min[1]).max(1e-3)];
        // Never more than 30% of the canvas either way.
        let limit = [
            MAX_SIZE[0].min(canvas.width() * 0.3) - 2.0 * PAD,
            MAX_SIZE[1].min(canvas.height() * 0.3) - 2.0 * PAD,
        ];
        if limit[0] < 30.0 || limit[1] < 30.0 {
            return None;
        }
        let scale = (limit[0] / span[0]).min(limit[1] / span[1]);
        // The frame takes the drawing's shape, but not thinner than a third
        // of its longer side (a long thin map would give a sliver).
        let drawn = [span[0] * scale, span[1] * scale];
        let inner = [
            drawn[0].max(limit[0].min(drawn[1]) / 3.0).max(30.0),
            drawn[1].max(limit[1].min(drawn[0]) / 3.0).max(30.0),
        ];
        let size = vec2(inner[0] + 2.0 * PAD, inner[1] + 2.0 * PAD);
        let rect = Rect::from_min_size(canvas.max - size - vec2(MARGIN, MARGIN), size);
        let offset = vec2(
            PAD + (inner[0] - drawn[0]) / 2.0,
            PAD + (inner[1] - drawn[1]) / 2.0,
        );
        Some(Self {
            rect,
            min,
            scale,
            offset,
        })
    }

    /// Where graph point `p` is drawn on the overview.
    pub fn to_overview(self, p: [f32; 2]) -> Pos2 {
        self.rect.min
            + self.offset
            + vec2(
                (p[0] - self.min[0]) * self.scale,
                (p[1] - self.min[1]) * self.scale,
            )
    }

    /// The graph point drawn at `p` on the overview.
    pub fn to_graph(self, p: Pos2) -> [f32; 2] {
        let d = p - self.rect.min - self.offset;
        [
            self.min[0] + d.x / self.scale,
            self.min[1] + d.y / self.scale,
        ]
    }

    /// The view's outline on the overview, kept inside its frame.
    pub fn view_rect(&self, camera: &Camera, canvas: Rect) -> Rect {
        let [min, max] = view_bounds(camera, canvas);
        Rect::from_min_max(self.to_overview(min), self.to_overview(max))
            .intersect(self.rect.shrink(1.0))
    }
}

/// Draws the overview and moves the camera when it is clicked or dragged;
/// returns whether the camera moved.
pub fn overview_ui(
    ui: &mut egui::Ui,
    overview: &Overview,
    camera: &mut Camera,
    canvas: Rect,
    dots: &[(Pos2, f32, egui::Color32)],
) -> bool {
    let visuals = ui.visuals().clone();
    let painter = ui.painter_at(overview.rect);
    let fill = visuals.window_fill.gamma_multiply(0.92);
    painter.rect(
        overview.rect,
        4.0,
        fill,
        visuals.window_stroke,
        egui::StrokeKind::Inside,
    );
    for &(at, radius, color) in dots {
        painter.circle_filled(at, radius, color);
    }
    let view = overview.view_rect(camera, canvas);
    let accent = visuals.selection.stroke.color;
    painter.rect(
        view,
        1.0,
        accent.gamma_multiply(0.12),
        egui::Stroke::new(1.5, accent),
        egui::StrokeKind::Inside,
    );
    let id = ui.scope_id().with("overview");
    let response = ui.interact(overview.rect, id, egui::Sense::click_and_drag());
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::accesskit::Role::Image, true, "Overview map")
    });
    let response = response.on_hover_text("The whole map: click or drag to move the view there");
    if (response.clicked() || response.dragged())
        && let Some(p) = response.interact_pointer_pos()
    {
        camera.center = overview.to_graph(p);
        return true;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canvas() -> Rect {
        Rect::from_min_size(Pos2::new(300.0, 40.0), vec2(1000.0, 700.0))
    }

    #[test]
    fn graph_points_round_trip_through_the_overview() {
        let camera = Camera {
            center: [10.0, -5.0],
            zoom: 4.0,
        };
        let points = [[-300.0, -100.0], [250.0, 180.0], [0.0, 0.0]];
        let o = Overview::new(canvas(), &camera, &points).unwrap();
        for p in points {
            let back = o.to_graph(o.to_overview(p));
            assert!((back[0] - p[0]).abs() < 1e-3 && (back[1] - p[1]).abs() < 1e-3);
            assert!(o.rect.contains(o.to_overview(p)), "{p:?} is drawn inside");
        }
    }

    #[test]
    fn the_overview_sits_in_the_bottom_right_corner_and_keeps_the_map_shape() {
        let camera = Camera {
            center: [0.0, 0.0],
            zoom: 10.0,
        };
        // A map twice as wide as it is high.
        let points = [[-200.0, -50.0], [200.0, 150.0]];
        let o = Overview::new(canvas(), &camera, &points).unwrap();
        assert!(canvas().contains_rect(o.rect));
        assert!((o.rect.max.x - (canvas().max.x - MARGIN)).abs() < 1e-3);
        assert!((o.rect.max.y - (canvas().max.y - MARGIN)).abs() < 1e-3);
        assert!(o.rect.width() <= MAX_SIZE[0] + 1e-3 && o.rect.height() <= MAX_SIZE[1] + 1e-3);
        let a = o.to_overview([-200.0, -50.0]);
        let b = o.to_overview([200.0, 150.0]);
        let ratio = (b.x - a.x) / (b.y - a.y);
        assert!((ratio - 2.0).abs() < 1e-3, "aspect ratio {ratio}");
    }

    #[test]
    fn the_view_outline_shrinks_as_the_view_zooms_in() {
        let points: Vec<[f32; 2]> = (0..100)
            .map(|i| {
                [
                    (i % 10) as f32 * 50.0 - 250.0,
                    (i / 10) as f32 * 40.0 - 200.0,
                ]
            })
            .collect();
        let wide = Camera {
            center: [0.0, 0.0],
            zoom: 1.0,
        };
        let close = Camera {
            center: [0.0, 0.0],
            zoom: 8.0,
        };
        let o = Overview::new(canvas(), &close, &points).unwrap();
        let near = o.view_rect(&close, canvas());
        assert!(near.width() > 0.0 && near.width() < o.rect.width() / 3.0);
        assert!(o.rect.contains(near.center()));
        // The outline is centred where the camera looks.
        let c = o.to_graph(near.center());
        assert!(c[0].abs() < 1.0 && c[1].abs() < 1.0, "{c:?}");
        // The whole map in view: no overview needed; zoomed in, it is.
        assert!(!needed(&wide, canvas(), &points));
        assert!(needed(&close, canvas(), &points));
    }

    #[test]
    fn a_view_panned_away_from_the_map_is_still_on_the_overview() {
        let camera = Camera {
            center: [5000.0, 0.0],
            zoom: 2.0,
        };
        let points = [[-100.0, -100.0], [100.0, 100.0]];
        let o = Overview::new(canvas(), &camera, &points).unwrap();
        let view = o.view_rect(&camera, canvas());
        assert!(view.width() > 0.0);
        assert!(o.rect.contains(o.to_overview([0.0, 0.0])));
        assert!(view.min.x > o.to_overview([100.0, 0.0]).x);
    }

    #[test]
    fn no_overview_on_a_tiny_canvas_or_an_empty_map() {
        let camera = Camera::default();
        let tiny = Rect::from_min_size(Pos2::ZERO, vec2(90.0, 90.0));
        assert!(Overview::new(tiny, &camera, &[[0.0, 0.0], [10.0, 10.0]]).is_none());
        assert!(Overview::new(canvas(), &camera, &[]).is_none());
    }
}
