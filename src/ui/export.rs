//! Exports from the window: graph files for other tools, and the current
//! view as SVG or PNG (rasterized here, in software, with egui's own
//! tessellator and fonts, so it works without a GPU and at any scale).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::epaint::{self, Color32, Pos2, Primitive};

use super::app::KnowmapApp;
use crate::io::picture::Picture;

/// What to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The knowmap.graph/1 JSON document.
    Json,
    Gexf,
    GraphMl,
    /// `nodes.csv` and `edges.csv` (the chosen path names the nodes file).
    Csv,
    /// The current view as vector graphics.
    Svg,
    /// The current view as a bitmap at the app's PNG scale.
    Png,
}

impl Format {
    pub const ALL: [Self; 6] = [
        Self::Gexf,
        Self::GraphMl,
        Self::Csv,
        Self::Json,
        Self::Svg,
        Self::Png,
    ];

    pub fn extension(self) -> &'static str {
        match self {
            Self::Json => "json",
            Self::Gexf => "gexf",
            Self::GraphMl => "graphml",
            Self::Csv => "csv",
            Self::Svg => "svg",
            Self::Png => "png",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Self::Json => "Graph document (JSON, with evidence)",
            Self::Gexf => "GEXF (Gephi)",
            Self::GraphMl => "GraphML (yEd, networkx)",
            Self::Csv => "CSV node and edge tables",
            Self::Svg => "SVG picture of the view",
            Self::Png => "PNG picture of the view",
        }
    }

    fn file_name(self) -> String {
        match self {
            Self::Csv => "nodes.csv".into(),
            other => format!("knowmap.{}", other.extension()),
        }
    }
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
        super::canvas::picture_shapes(
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

/// A picture of the whole map (nodes with links), fitted into `size`, for
/// headless exports (`knowmap build --svg/--png`).
pub fn whole_map_picture(
    model: &crate::graph::Model,
    positions: &[[f32; 2]],
    size: [f32; 2],
    dark: bool,
) -> Picture {
    let graph = &model.graph.graph;
    let n = positions.len();
    let mut nodes = vec![false; n];
    let mut edges = vec![false; petgraph::visit::EdgeIndexable::edge_bound(graph)];
    for e in graph.edge_indices() {
        if let Some((a, b)) = graph.edge_endpoints(e)
            && a.index() < n
            && b.index() < n
        {
            edges[e.index()] = true;
            nodes[a.index()] = true;
            nodes[b.index()] = true;
        }
    }
    let rect = egui::Rect::from_min_size(Pos2::ZERO, egui::vec2(size[0], size[1]));
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
        super::canvas::Camera::fit(rect, [lo, hi].into_iter())
    } else {
        super::canvas::Camera::default()
    };
    let (order, max_weight) = super::canvas::edge_order(model);
    let pinned = vec![false; n];
    let visuals = if dark {
        egui::Visuals::dark()
    } else {
        egui::Visuals::light()
    };
    let scene = super::canvas::Scene {
        model,
        positions,
        node_visible: &nodes,
        edge_visible: &edges,
        pinned: &pinned,
        selection: super::canvas::Selection::None,
        color_by_community: false,
        label_budget: 40,
        base_zoom: camera.zoom,
        edge_order: &order,
        max_weight,
        edge_budget: 20_000,
    };
    let view = scene.map_view(&camera, rect, None, &visuals);
    compose_measured(&view)
}

/// Composes a view, measuring labels with egui's default fonts.
fn compose_measured(view: &crate::io::picture::MapView<'_>) -> Picture {
    let mut fonts = epaint::text::Fonts::new(
        epaint::text::TextOptions::default(),
        epaint::text::FontDefinitions::default(),
    );
    let mut fonts = fonts.with_pixels_per_point(1.0);
    let font = egui::FontId::proportional(view.font_size);
    view.compose(&mut |text| {
        let size = fonts
            .layout_no_wrap(text.to_owned(), font.clone(), Color32::WHITE)
            .size();
        [size.x, size.y]
    })
}

impl KnowmapApp {
    /// Writes a chart's table as CSV where the user chooses (or into
    /// `FOLDER/.knowmap/export/` when no dialog is available).
    pub(super) fn save_table(
        &mut self,
        name: &str,
        table: &crate::graph::charts::Table,
        path: Option<PathBuf>,
    ) {
        let file = format!("{name}.csv");
        let path = path
            .or_else(|| {
                rfd::FileDialog::new()
                    .set_title("Save the chart's numbers")
                    .add_filter("CSV", &["csv"])
                    .set_file_name(&file)
                    .save_file()
            })
            .or_else(|| {
                let root = self.model.as_ref()?.corpus.root.clone()?;
                Some(
                    crate::corpus::knowmap_dir::KnowmapDir::of(&root)
                        .export_dir()
                        .join(&file),
                )
            });
        let Some(path) = path else {
            self.status =
                "No file chosen (or no file dialog is available); nothing was saved.".into();
            return;
        };
        let result = (|| {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                crate::io::create_output_dir(dir)?;
            }
            crate::io::write_atomic(&path, crate::io::export::table_csv(table).as_bytes())
        })();
        self.status = match result {
            Ok(()) => format!("Saved {} rows to {}", table.rows.len(), path.display()),
            Err(error) => format!("Cannot save {}: {error}", path.display()),
        };
    }

    /// Where the canvas was drawn last frame.
    pub fn canvas_rect(&self) -> Option<egui::Rect> {
        self.canvas.rect
    }

    /// The current view as a picture, drawn as on screen.
    pub fn view_picture(&self, visuals: &egui::Visuals) -> Option<Picture> {
        let model = self.model.as_ref()?;
        let rect = self.canvas.rect.unwrap_or(egui::Rect::from_min_size(
            Pos2::ZERO,
            egui::vec2(1200.0, 800.0),
        ));
        let (nodes, edges) = self.visibility(model);
        let scene = self.scene(model, &nodes, &edges);
        let view = scene.map_view(&self.camera, rect, None, visuals);
        Some(compose_measured(&view))
    }

    /// Writes an export to `path` (`None`: asks with the dialog, or writes
    /// into `FOLDER/.knowmap/export/` when no dialog is available).
    pub(super) fn export(&mut self, format: Format, path: Option<PathBuf>) {
        let Some(model) = self.model.clone() else {
            return;
        };
        let path = path.or_else(|| {
            rfd::FileDialog::new()
                .set_title(format!("Export {}", format.describe()))
                .add_filter(format.describe(), &[format.extension()])
                .set_file_name(format.file_name())
                .save_file()
        });
        let path = match path {
            Some(path) => path,
            None => {
                match &model.corpus.root {
                    Some(root) => crate::corpus::knowmap_dir::KnowmapDir::of(root)
                        .export_dir()
                        .join(format.file_name()),
                    None => {
                        self.status = "No file chosen (or no file dialog is available); nothing was exported.".into();
                        return;
                    }
                }
            }
        };
        let visuals = if self.settings.dark_mode == Some(false) {
            egui::Visuals::light()
        } else {
            egui::Visuals::dark()
        };
        let visuals = self
            .repaint
            .as_ref()
            .map_or(visuals, |ctx| ctx.global_style().visuals.clone());
        let result = self.write_export(&model, format, &path, &visuals);
        self.status = match result {
            Ok(written) => format!("Exported {written}"),
            Err(error) => format!("Cannot export to {}: {error}", path.display()),
        };
    }

    fn write_export(
        &self,
        model: &Arc<crate::graph::Model>,
        format: Format,
        path: &Path,
        visuals: &egui::Visuals,
    ) -> std::io::Result<String> {
        use crate::io::{export, json, write_atomic};
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let positions = Some(&self.positions[..]);
        // Graph files hold what the filters show, as Gephi exports its
        // filtered view; the JSON document stays the whole evidence.
        let (nodes, edges) = self.visibility(model);
        let subset = export::Subset {
            nodes: Some(&nodes),
            edges: Some(&edges),
        };
        match format {
            Format::Json => {
                crate::io::write_atomic_with(path, |w| json::write_json(model, positions, w))?;
            }
            Format::Gexf => {
                write_atomic(path, export::gexf_of(model, positions, &subset).as_bytes())?;
            }
            Format::GraphMl => {
                write_atomic(
                    path,
                    export::graphml_of(model, positions, &subset).as_bytes(),
                )?;
            }
            Format::Csv => {
                let (nodes, edges) = export::csv_of(model, positions, &subset);
                write_atomic(path, nodes.as_bytes())?;
                let edges_path = path.with_file_name(
                    path.file_name()
                        .map(|n| n.to_string_lossy().replace("nodes", "edges"))
                        .filter(|n| Some(n.as_str()) != path.file_name().and_then(|x| x.to_str()))
                        .unwrap_or_else(|| "edges.csv".into()),
                );
                write_atomic(&edges_path, edges.as_bytes())?;
                return Ok(format!("{} and {}", path.display(), edges_path.display()));
            }
            Format::Svg => {
                let picture = self
                    .view_picture(visuals)
                    .ok_or_else(|| std::io::Error::other("no map"))?;
                write_atomic(path, picture.to_svg().as_bytes())?;
            }
            Format::Png => {
                let picture = self
                    .view_picture(visuals)
                    .ok_or_else(|| std::io::Error::other("no map"))?;
                let (w, h, rgba) = render_rgba(&picture, self.png_scale);
                let png = crate::io::picture::encode_png(w, h, &rgba)?;
                write_atomic(path, &png)?;
                return Ok(format!("{} ({w}×{h} pixels)", path.display()));
            }
        }
        Ok(path.display().to_string())
    }
}
