//! Exports of the open map: graph files for other tools (what the filters
//! show, as Gephi exports its filtered view; the JSON document stays the
//! whole evidence), pictures of the current view, and a chart's numbers.

use std::path::{Path, PathBuf};

use super::{Session, SessionError};
use crate::corpus::knowmap_dir::KnowmapDir;
use crate::io::picture::{MapView, Picture};

/// What to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// The knowmap.graph/1 JSON document.
    Json,
    Gexf,
    GraphMl,
    /// `nodes.csv` and `edges.csv` (the chosen path names the nodes file).
    Csv,
    /// The shown map (or the current view) as vector graphics.
    Svg,
    /// The shown map (or the current view) as a bitmap at the PNG scale.
    Png,
}

impl ExportFormat {
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
            Self::Svg => "SVG picture of the map",
            Self::Png => "PNG picture of the map",
        }
    }

    /// The file name proposed for this export.
    pub fn file_name(self) -> String {
        match self {
            Self::Csv => "nodes.csv".into(),
            other => format!("knowmap.{}", other.extension()),
        }
    }
}

impl Session {
    /// Where an export goes when no path was chosen: the folder's
    /// `.knowmap/export/` (the bundled sample has none).
    pub fn default_export_path(&self, file_name: &str) -> Option<PathBuf> {
        let root = self.model.as_ref()?.corpus.root.clone()?;
        Some(KnowmapDir::of(&root).export_dir().join(file_name))
    }

    /// The current view as it is drawn: the shown nodes through the camera,
    /// in the last canvas size and theme.
    pub fn view_picture(&self) -> Option<Picture> {
        self.picture_through(self.camera.camera, self.camera.base_zoom)
    }

    /// The whole shown map, framed to fit the canvas size (what SVG and PNG
    /// exports show unless [`crate::session::PictureFrame::view_only`]).
    pub fn map_picture(&self) -> Option<Picture> {
        let model = self.model.as_ref()?;
        let (nodes, _) = self.visibility(model);
        // Every shown node, far ones included: the corners of their box.
        let (mut lo, mut hi) = ([f32::MAX; 2], [f32::MIN; 2]);
        for (p, _) in self.positions.iter().zip(&nodes).filter(|(_, v)| **v) {
            for k in 0..2 {
                lo[k] = lo[k].min(p[k]);
                hi[k] = hi[k].max(p[k]);
            }
        }
        let corners = if lo[0] <= hi[0] {
            vec![lo, hi]
        } else {
            Vec::new()
        };
        let fit = crate::io::picture::Camera::fit(self.picture.size, corners.into_iter());
        self.picture_through(fit, fit.zoom)
    }

    /// The export's picture: the view or the whole map.
    pub fn export_picture(&self) -> Option<Picture> {
        if self.picture.view_only {
            self.view_picture()
        } else {
            self.map_picture()
        }
    }

    fn picture_through(
        &self,
        camera: crate::io::picture::Camera,
        base_zoom: f32,
    ) -> Option<Picture> {
        let model = self.model.as_ref()?;
        let (nodes, edges) = self.visibility(model);
        let collapse = self.collapse(model, &nodes);
        let view = MapView {
            model,
            positions: &self.positions,
            node_visible: &nodes,
            edge_visible: &edges,
            pinned: &self.pinned,
            new_nodes: &self.new_in_window,
            gone_nodes: &self.gone_from_window,
            gone_edges: &self.gone_links_from_window,
            drawn_at: &collapse.drawn_at,
            collapsed: &collapse.groups,
            edge_order: &self.edge_order,
            max_weight: self.max_weight,
            size: self.picture.size,
            center: camera.center,
            zoom: camera.zoom,
            base_zoom,
            selected_node: match self.selection {
                super::Selection::Node(n) => Some(n.raw()),
                _ => None,
            },
            selected_edge: match self.selection {
                super::Selection::Edge(e) => Some(e.raw()),
                _ => None,
            },
            hovered: None,
            color_by_community: self.color_by_community,
            label_budget: crate::io::picture::LABEL_BUDGET,
            edge_budget: crate::io::picture::EDGE_BUDGET,
            palette: self.picture.palette,
            font_size: 13.0,
        };
        Some(crate::io::raster::compose_measured(&view))
    }

    /// Writes an export to `path`.
    pub(crate) fn export(&mut self, format: ExportFormat, path: &Path) -> Result<(), SessionError> {
        // Exports carry betweenness and communities: never the zeros of a
        // map whose metrics are still coming.
        self.finish_metrics();
        let written = self
            .write_export(format, path)
            .map_err(|source| SessionError::Write {
                path: path.to_owned(),
                source,
            })?;
        self.set_written(format!("Exported {written}"), path);
        Ok(())
    }

    fn write_export(&self, format: ExportFormat, path: &Path) -> std::io::Result<String> {
        use crate::io::{export, json, write_atomic};
        let model = self
            .model
            .clone()
            .ok_or_else(|| std::io::Error::other("no map is open"))?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            crate::io::create_output_dir(dir)?;
        }
        let positions = Some(&self.positions[..]);
        let (nodes, edges) = self.visibility(&model);
        let subset = export::Subset {
            nodes: Some(&nodes),
            edges: Some(&edges),
        };
        match format {
            ExportFormat::Json => {
                crate::io::write_atomic_with(path, |w| json::write_json(&model, positions, w))?;
            }
            ExportFormat::Gexf => {
                write_atomic(path, export::gexf_of(&model, positions, &subset).as_bytes())?;
            }
            ExportFormat::GraphMl => {
                write_atomic(
                    path,
                    export::graphml_of(&model, positions, &subset).as_bytes(),
                )?;
            }
            ExportFormat::Csv => {
                let (nodes, edges) = export::csv_of(&model, positions, &subset);
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
            ExportFormat::Svg => {
                let picture = self
                    .export_picture()
                    .ok_or_else(|| std::io::Error::other("no map"))?;
                write_atomic(path, picture.to_svg().as_bytes())?;
            }
            ExportFormat::Png => {
                let picture = self
                    .export_picture()
                    .ok_or_else(|| std::io::Error::other("no map"))?;
                let (w, h, rgba) = crate::io::raster::render_rgba(&picture, self.picture.png_scale);
                let png = crate::io::picture::encode_png(w, h, &rgba)?;
                write_atomic(path, &png)?;
                return Ok(format!("{} ({w}×{h} pixels)", path.display()));
            }
        }
        Ok(path.display().to_string())
    }

    /// Writes a chart's table as CSV.
    pub(crate) fn save_table(
        &mut self,
        table: &crate::graph::charts::Table,
        path: &Path,
    ) -> Result<(), SessionError> {
        let result = (|| {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                crate::io::create_output_dir(dir)?;
            }
            crate::io::write_atomic(path, crate::io::export::table_csv(table).as_bytes())
        })();
        result.map_err(|source| SessionError::Write {
            path: path.to_owned(),
            source,
        })?;
        self.set_written(
            format!("Saved {} rows to {}", table.rows.len(), path.display()),
            path,
        );
        Ok(())
    }
}
