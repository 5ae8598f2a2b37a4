//! Reading the graph by id: [`NodeId`] and [`EdgeId`], indexing, a node's
//! links, the link between two nodes. The petgraph inside
//! [`KnowledgeGraph`] stays private to the `graph` module.

use petgraph::stable_graph::{EdgeIndex, NodeIndex};

use super::{EdgeData, KnowledgeGraph, NodeData};

crate::corpus::id_type!(
    /// A node of the [`KnowledgeGraph`]; node `i` is entity `i` of the
    /// extraction.
    NodeId
);
crate::corpus::id_type!(
    /// A link of the [`KnowledgeGraph`]. Every model of one corpus (curated,
    /// time-windowed) numbers its links alike only when built from the same
    /// extraction: a time window keeps them, a correction does not.
    EdgeId
);

impl From<NodeId> for NodeIndex {
    fn from(id: NodeId) -> Self {
        NodeIndex::new(id.index())
    }
}

impl From<EdgeId> for EdgeIndex {
    fn from(id: EdgeId) -> Self {
        EdgeIndex::new(id.index())
    }
}

fn node_id(index: NodeIndex) -> NodeId {
    NodeId::new(index.index())
}

fn edge_id(index: EdgeIndex) -> EdgeId {
    EdgeId::new(index.index())
}

/// A link seen from one of its ends: `from` is that end (or the lower
/// index, when walking all links), `to` the other.
#[derive(Debug, Clone, Copy)]
pub struct Link<'a> {
    pub id: EdgeId,
    pub from: NodeId,
    pub to: NodeId,
    pub data: &'a EdgeData,
}

impl std::ops::Index<NodeId> for KnowledgeGraph {
    type Output = NodeData;
    fn index(&self, id: NodeId) -> &NodeData {
        &self.graph[NodeIndex::from(id)]
    }
}

impl std::ops::IndexMut<NodeId> for KnowledgeGraph {
    fn index_mut(&mut self, id: NodeId) -> &mut NodeData {
        &mut self.graph[NodeIndex::from(id)]
    }
}

impl std::ops::Index<EdgeId> for KnowledgeGraph {
    type Output = EdgeData;
    fn index(&self, id: EdgeId) -> &EdgeData {
        &self.graph[EdgeIndex::from(id)]
    }
}

impl std::ops::IndexMut<EdgeId> for KnowledgeGraph {
    fn index_mut(&mut self, id: EdgeId) -> &mut EdgeData {
        &mut self.graph[EdgeIndex::from(id)]
    }
}

/// Reading the graph: nodes and links by id, a node's links, the link
/// between two nodes. Ids run from 0 to the count.
impl KnowledgeGraph {
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    pub fn node(&self, id: NodeId) -> Option<&NodeData> {
        self.graph.node_weight(id.into())
    }

    pub fn edge(&self, id: EdgeId) -> Option<&EdgeData> {
        self.graph.edge_weight(id.into())
    }

    pub fn node_ids(&self) -> impl Iterator<Item = NodeId> + '_ {
        self.graph.node_indices().map(node_id)
    }

    pub fn edge_ids(&self) -> impl Iterator<Item = EdgeId> + '_ {
        self.graph.edge_indices().map(edge_id)
    }

    /// Every node's data, in id order.
    pub fn node_data(&self) -> impl Iterator<Item = &NodeData> + '_ {
        self.graph.node_weights()
    }

    /// Every link's data, in id order.
    pub fn edge_data(&self) -> impl Iterator<Item = &EdgeData> + '_ {
        self.graph.edge_weights()
    }

    /// Every node, by id.
    pub fn nodes(&self) -> impl Iterator<Item = (NodeId, &NodeData)> + '_ {
        self.graph
            .node_indices()
            .map(move |i| (node_id(i), &self.graph[i]))
    }

    /// Every node's data, mutably (tests and what-if weights).
    pub fn node_data_mut(&mut self) -> impl Iterator<Item = &mut NodeData> + '_ {
        self.graph.node_weights_mut()
    }

    /// Every link, by id, `from` its lower end.
    pub fn edges(&self) -> impl Iterator<Item = Link<'_>> + '_ {
        use petgraph::visit::EdgeRef as _;
        petgraph::visit::IntoEdgeReferences::edge_references(&self.graph).map(|e| {
            let (a, b) = (node_id(e.source()), node_id(e.target()));
            Link {
                id: edge_id(e.id()),
                from: a.min(b),
                to: a.max(b),
                data: e.weight(),
            }
        })
    }

    /// The two ends of a link, lower first.
    pub fn endpoints(&self, id: EdgeId) -> Option<(NodeId, NodeId)> {
        let (a, b) = self.graph.edge_endpoints(id.into())?;
        let (a, b) = (node_id(a), node_id(b));
        Some((a.min(b), a.max(b)))
    }

    /// The links of one node, `from` it.
    pub fn links_of(&self, node: NodeId) -> impl Iterator<Item = Link<'_>> + '_ {
        use petgraph::visit::EdgeRef as _;
        self.graph.edges(node.into()).map(move |e| {
            let (a, b) = (node_id(e.source()), node_id(e.target()));
            Link {
                id: edge_id(e.id()),
                from: node,
                to: if a == node { b } else { a },
                data: e.weight(),
            }
        })
    }

    /// The nodes linked to `node` (each once).
    pub fn neighbours(&self, node: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        self.graph.neighbors(node.into()).map(node_id)
    }

    /// The link between two nodes, if they share a paragraph.
    pub fn find_edge(&self, a: NodeId, b: NodeId) -> Option<EdgeId> {
        self.graph.find_edge(a.into(), b.into()).map(edge_id)
    }
}
