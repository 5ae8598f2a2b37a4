//! Graph → positions: ForceAtlas2 with Barnes–Hut, steppable per frame or in
//! a background thread. Knows nothing of egui.

mod forceatlas2;
mod quadtree;
pub mod quality;
pub mod runner;

pub use forceatlas2::{Fa2Settings, ForceAtlas2, LayoutGraph, LayoutState, StepReport, splitmix};
pub use quadtree::{Body, QuadTree};
pub use runner::LayoutRunner;

impl LayoutGraph {
    /// The layout input for a co-occurrence graph: node i is graph node i,
    /// edge weights are the significance weights, sizes follow mentions.
    pub fn from_knowledge(graph: &crate::graph::KnowledgeGraph) -> Self {
        let node_count = graph.node_count();
        let sizes = Self::node_sizes(graph);
        let edges = graph
            .edges()
            .map(|link| (link.from.raw(), link.to.raw(), link.data.weight as f32))
            .collect();
        Self {
            node_count,
            edges,
            sizes,
        }
    }

    /// Each node's size for the layout (its overlap radius grows with the
    /// square root of its mentions), by node index.
    pub fn node_sizes(graph: &crate::graph::KnowledgeGraph) -> Vec<f32> {
        let mut sizes = vec![1.0; graph.node_count()];
        for i in graph.node_ids() {
            sizes[i.index()] = 1.0 + (graph[i].mentions as f32).sqrt();
        }
        sizes
    }
}
