//! Pictures as pixels, in software: a [`Picture`] becomes epaint shapes
//! (the same ones the window paints), epaint's tessellator turns them into
//! triangles with its own fonts, and a small rasterizer fills them. No GPU,
//! any scale, the same result headless (`knowmap build --png`) and in the
//! window's exports.
//!
//! This is the one module below the window that uses egui's painting
//! crate, `epaint` (shapes, fonts, tessellation): never egui's widgets,
//! context or windowing.

use epaint::{Color32, Pos2, Primitive, Rect, Shape, Vec2, vec2};

use crate::extract::NodeKind;
use crate::io::picture::{MapView, Picture};

/// The link and node meshes of the last frame, kept so the next frame can
/// refill their buffers instead of allocating (and page-faulting) new ones.
#[derive(Debug, Default, Clone)]
pub struct MeshBuffers {
    meshes: [std::sync::Arc<epaint::Mesh>; 2],
}

impl MeshBuffers {
    /// Mesh `k` emptied with its capacity, once egui has let go of it.
    fn take(&mut self, k: usize) -> epaint::Mesh {
        match std::sync::Arc::get_mut(&mut self.meshes[k]) {
            Some(mesh) => {
                let mut mesh = std::mem::take(mesh);
                mesh.clear();
                mesh
            }
            None => epaint::Mesh::default(),
        }
    }
}

/// Wraps a mesh for painting, keeping a handle to reuse its buffers.
fn keep(
    buffers: &mut Option<&mut MeshBuffers>,
    k: usize,
    mesh: epaint::Mesh,
) -> std::sync::Arc<epaint::Mesh> {
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
    layout: &mut dyn FnMut(String, epaint::FontId, Color32) -> std::sync::Arc<epaint::Galley>,
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
        .map_or_else(epaint::Mesh::default, |b| b.take(0));
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
        .map_or_else(epaint::Mesh::default, |b| b.take(1));
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
        if m.new {
            add_ring(
                &mut nodes,
                p,
                m.radius + 2.0,
                m.radius + 4.0,
                color(crate::io::picture::NEW_RING),
            );
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
    let region_font =
        epaint::FontId::proportional(picture.font_size * crate::io::picture::REGION_FONT_SCALE);
    let region_backdrop = color(picture.background).gamma_multiply(0.55);
    for r in &picture.regions {
        shapes.push(Shape::rect_filled(
            Rect::from_min_size(at(r.pos), vec2(r.size[0], r.size[1])).expand(2.0),
            4.0,
            region_backdrop,
        ));
        let galley = layout(r.text.clone(), region_font.clone(), color(r.color));
        shapes.push(Shape::galley(at(r.pos), galley, color(r.color)));
    }
    let font = epaint::FontId::proportional(picture.font_size);
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

/// A convex polygon (`points` around `center`) filled with `color`, with a
/// feathered edge half a point wide on each side, as egui anti-aliases.
fn add_convex(mesh: &mut epaint::Mesh, center: Pos2, points: &[Pos2], color: Color32) {
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
fn rim_triangles(mesh: &mut epaint::Mesh, base: u32, n: u32) {
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
fn add_disc(mesh: &mut epaint::Mesh, center: Pos2, radius: f32, color: Color32) {
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

/// A band between radii `inner` and `outer`.
fn add_ring(mesh: &mut epaint::Mesh, center: Pos2, inner: f32, outer: f32, color: Color32) {
    let unit = &unit_circles()[disc_sides(outer)];
    let n = unit.len() as u32;
    let base = mesh.vertices.len() as u32;
    for &u in unit {
        mesh.colored_vertex(center + u * inner, color);
        mesh.colored_vertex(center + u * outer, color);
    }
    for k in 0..n {
        let (a, b) = (base + 2 * k, base + 2 * ((k + 1) % n));
        mesh.add_triangle(a, a + 1, b + 1);
        mesh.add_triangle(a, b + 1, b);
    }
}

/// Sides of a disc's polygon: enough that its edge looks round.
fn disc_sides(radius: f32) -> usize {
    (radius * 1.3).clamp(7.0, 48.0) as usize
}

/// An axis-aligned square of half-side `half`.
fn add_square(mesh: &mut epaint::Mesh, center: Pos2, half: f32, color: Color32) {
    let points = [
        center + vec2(-half, -half),
        center + vec2(half, -half),
        center + vec2(half, half),
        center + vec2(-half, half),
    ];
    add_convex(mesh, center, &points, color);
}

/// Two triangles for a segment from `a` to `b`.
fn add_segment(mesh: &mut epaint::Mesh, a: Pos2, b: Pos2, width: f32, color: Color32) {
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

/// Rasterizes a picture at `scale` pixels per point: straight-alpha RGBA.
pub fn render_rgba(picture: &Picture, scale: f32) -> (u32, u32, Vec<u8>) {
    let scale = scale.clamp(0.25, 8.0);
    let width = (picture.size[0] * scale).round().max(1.0) as u32;
    let height = (picture.size[1] * scale).round().max(1.0) as u32;
    let mut fonts = epaint::text::Fonts::new(
        epaint::text::TextOptions::default(),
        epaint::text::FontDefinitions::default(),
    );
    let shapes = {
        let mut view = fonts.with_pixels_per_point(scale);
        picture_shapes(
            picture,
            Pos2::ZERO,
            &mut |text, font, color| view.layout_no_wrap(text, font, color),
            None,
        )
    };
    let atlas = fonts.texture_atlas();
    let mut tessellator = epaint::Tessellator::new(
        scale,
        epaint::TessellationOptions::default(),
        atlas.size(),
        atlas.prepared_discs(),
    );
    let clip =
        epaint::Rect::from_min_size(Pos2::ZERO, epaint::vec2(picture.size[0], picture.size[1]));
    let primitives = tessellator.tessellate_shapes(
        shapes
            .into_iter()
            .map(|shape| epaint::ClippedShape {
                clip_rect: clip,
                shape,
                transform_after_tessellation: epaint::emath::TSTransform::IDENTITY,
            })
            .collect(),
    );
    let texture = fonts.image();
    // Premultiplied accumulation, as egui blends.
    let mut target = vec![[0.0f32; 4]; width as usize * height as usize];
    for primitive in primitives {
        if let Primitive::Mesh(mesh) = primitive.primitive {
            let font_texture = mesh.texture_id == epaint::TextureId::default();
            rasterize(
                &mesh,
                scale,
                font_texture.then_some(&texture),
                width,
                height,
                &mut target,
            );
        }
    }
    let mut rgba = Vec::with_capacity(target.len() * 4);
    for [r, g, b, a] in target {
        let un = |c: f32| {
            if a > 0.0 {
                (c / a * 255.0).round().clamp(0.0, 255.0) as u8
            } else {
                0
            }
        };
        rgba.extend([
            un(r),
            un(g),
            un(b),
            (a * 255.0).round().clamp(0.0, 255.0) as u8,
        ]);
    }
    (width, height, rgba)
}

/// Draws a mesh's triangles into `target` (premultiplied, 0..1), sampling
/// the font texture where given. Pixel centres are sampled; egui's
/// feathering already supplies anti-aliasing.
fn rasterize(
    mesh: &epaint::Mesh,
    scale: f32,
    texture: Option<&epaint::ColorImage>,
    width: u32,
    height: u32,
    target: &mut [[f32; 4]],
) {
    let texel = |uv: epaint::Pos2| -> [f32; 4] {
        let Some(tex) = texture else {
            return [1.0; 4];
        };
        let [tw, th] = tex.size;
        let x = ((uv.x * tw as f32) as usize).min(tw.saturating_sub(1));
        let y = ((uv.y * th as f32) as usize).min(th.saturating_sub(1));
        let c: Color32 = tex.pixels[y * tw + x];
        let [r, g, b, a] = c.to_array();
        [
            f32::from(r) / 255.0,
            f32::from(g) / 255.0,
            f32::from(b) / 255.0,
            f32::from(a) / 255.0,
        ]
    };
    for tri in mesh.indices.chunks_exact(3) {
        let v: [&epaint::Vertex; 3] = [
            &mesh.vertices[tri[0] as usize],
            &mesh.vertices[tri[1] as usize],
            &mesh.vertices[tri[2] as usize],
        ];
        let p: [[f32; 2]; 3] = [0, 1, 2].map(|k| [v[k].pos.x * scale, v[k].pos.y * scale]);
        let area =
            (p[1][0] - p[0][0]) * (p[2][1] - p[0][1]) - (p[2][0] - p[0][0]) * (p[1][1] - p[0][1]);
        if area.abs() < 1e-12 {
            continue;
        }
        let min_x = p
            .iter()
            .map(|q| q[0])
            .fold(f32::MAX, f32::min)
            .floor()
            .max(0.0) as i64;
        let max_x = p
            .iter()
            .map(|q| q[0])
            .fold(f32::MIN, f32::max)
            .ceil()
            .min(width as f32) as i64;
        let min_y = p
            .iter()
            .map(|q| q[1])
            .fold(f32::MAX, f32::min)
            .floor()
            .max(0.0) as i64;
        let max_y = p
            .iter()
            .map(|q| q[1])
            .fold(f32::MIN, f32::max)
            .ceil()
            .min(height as f32) as i64;
        let colors: [[f32; 4]; 3] = [0, 1, 2].map(|k| {
            let [r, g, b, a] = v[k].color.to_array();
            [
                f32::from(r) / 255.0,
                f32::from(g) / 255.0,
                f32::from(b) / 255.0,
                f32::from(a) / 255.0,
            ]
        });
        for y in min_y..max_y {
            for x in min_x..max_x {
                let (px, py) = (x as f32 + 0.5, y as f32 + 0.5);
                let w0 = ((p[1][0] - px) * (p[2][1] - py) - (p[2][0] - px) * (p[1][1] - py)) / area;
                let w1 = ((p[2][0] - px) * (p[0][1] - py) - (p[0][0] - px) * (p[2][1] - py)) / area;
                let w2 = 1.0 - w0 - w1;
                if w0 < 0.0 || w1 < 0.0 || w2 < 0.0 {
                    continue;
                }
                let uv = epaint::pos2(
                    w0 * v[0].uv.x + w1 * v[1].uv.x + w2 * v[2].uv.x,
                    w0 * v[0].uv.y + w1 * v[1].uv.y + w2 * v[2].uv.y,
                );
                let t = texel(uv);
                let mut src = [0.0f32; 4];
                for (c, s) in src.iter_mut().enumerate() {
                    *s = (w0 * colors[0][c] + w1 * colors[1][c] + w2 * colors[2][c]) * t[c];
                }
                let dst = &mut target[y as usize * width as usize + x as usize];
                for c in 0..4 {
                    dst[c] = src[c] + dst[c] * (1.0 - src[3]);
                }
            }
        }
    }
}

/// Measures label text with the window's default fonts (proportional, at
/// `font_size` points), for composing pictures headless exactly as on screen.
pub fn text_measurer(font_size: f32) -> impl FnMut(&str) -> [f32; 2] {
    let mut fonts = epaint::text::Fonts::new(
        epaint::text::TextOptions::default(),
        epaint::text::FontDefinitions::default(),
    );
    let font = epaint::FontId::proportional(font_size);
    move |text: &str| {
        let size = fonts
            .with_pixels_per_point(1.0)
            .layout_no_wrap(text.to_owned(), font.clone(), Color32::WHITE)
            .size();
        [size.x, size.y]
    }
}

/// Composes a view, measuring labels with the window's default fonts.
pub fn compose_measured(view: &MapView<'_>) -> Picture {
    let mut measure = text_measurer(view.font_size);
    view.compose(&mut measure)
}

/// [`crate::io::picture::whole_map_picture`] with labels measured by the
/// window's fonts.
pub fn whole_map_picture(
    model: &crate::graph::Model,
    positions: &[[f32; 2]],
    size: [f32; 2],
    dark: bool,
) -> Picture {
    let mut measure = text_measurer(13.0);
    crate::io::picture::whole_map_picture(model, positions, size, dark, &mut measure)
}
