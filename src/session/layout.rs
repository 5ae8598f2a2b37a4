//! The layout of the visible map: which nodes take part, seeding from known
//! places, the runner in the background (or run to rest for tests), and the
//! [`LayoutRequest`] that decides, by equality, when to lay out again.

use crate::graph::{Model, NodeId};
use crate::layout::{
    Fa2Settings, ForceAtlas2, LayoutGraph, LayoutRunner, LayoutState, runner::Command as Step,
};

/// Saved places by node index.
pub type Places = Vec<Option<[f32; 2]>>;

/// What a layout is computed for: the nodes shown. When the filters or the
/// focus change what is shown, the request differs and the layout restarts
/// from the current places; when they do not, nothing is recomputed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LayoutRequest {
    pub nodes: Vec<bool>,
}

/// The layout's side of the session.
pub struct MapLayout {
    pub settings: Fa2Settings,
    pub state: LayoutState,
    /// The user paused the layout.
    pub paused: bool,
    /// Nodes held by the pointer (the one dragged, the drop target of a
    /// Shift-drag): they stay where the user sees them, not where the
    /// layout would move them.
    pub held: Vec<u32>,
    pub(crate) runner: Option<LayoutRunner>,
    pub(crate) generation: u64,
    /// Graph node of each layout node: the layout runs on what is visible.
    pub(crate) nodes: Vec<u32>,
    /// Layout node of each graph node, if it takes part in the layout.
    pub(crate) index: Vec<Option<u32>>,
    /// What the running layout was computed for.
    pub(crate) request: LayoutRequest,
}

impl MapLayout {
    /// The graph nodes the layout runs on (those visible when it started).
    pub fn laid_out(&self) -> &[u32] {
        &self.nodes
    }
}

impl Default for MapLayout {
    fn default() -> Self {
        Self {
            settings: Fa2Settings::for_maps(0),
            state: LayoutState::Settled,
            paused: false,
            held: Vec::new(),
            runner: None,
            generation: 0,
            nodes: Vec::new(),
            index: Vec::new(),
            request: LayoutRequest::default(),
        }
    }
}

impl MapLayout {
    /// Sends a step command about a graph node, if it is being laid out.
    pub(crate) fn send_node(&self, node: NodeId, command: impl FnOnce(usize) -> Step) {
        if let (Some(runner), Some(Some(k))) = (&self.runner, self.index.get(node.index())) {
            runner.send(command(*k as usize));
        }
    }

    pub(crate) fn send(&self, command: Step) {
        if let Some(runner) = &self.runner {
            runner.send(command);
        }
    }

    /// True when a layout runs in the background.
    pub fn is_running_in_background(&self) -> bool {
        self.runner.is_some()
    }
}

impl super::Session {
    /// Lays out again when what is shown changed since the last layout.
    pub(crate) fn relayout_if_needed(&mut self) {
        let Some(model) = self.model.clone() else {
            return;
        };
        if self.layout.request.nodes != self.visibility(&model).0 {
            self.restart_layout(&model, false, None);
        }
    }

    /// Restarts the layout on what is visible, keeping every known place.
    pub(crate) fn restart_layout_keeping(&mut self, model: &Model) {
        let places: Places = self.positions.iter().copied().map(Some).collect();
        self.restart_layout(model, false, Some(&places));
    }

    /// Starts ForceAtlas2 on the visible part of the graph, keeping the
    /// places of nodes already laid out (new ones start near their placed
    /// neighbours), in a background thread or, headless, to rest at once.
    pub(crate) fn restart_layout(&mut self, model: &Model, first: bool, restored: Option<&Places>) {
        // The layout pulls along every link the filters show, not only the
        // backbone drawn: the sections of a corpus separate far better so
        // (silhouette 0.50 against 0.25 on the generated five-section
        // corpus; `examples/map_quality.rs --compare`).
        let (visible, edges_shown, edge_visible) =
            crate::graph::view::visibility_and_all_links(model, &self.filter, self.selection);
        // What the filters show is what the window draws next: kept for it.
        if let Some(current) = self
            .model
            .clone()
            .filter(|m| std::ptr::eq(std::sync::Arc::as_ptr(m), model))
        {
            self.keep_shown(&current, (visible.clone(), edges_shown));
        }
        // A collapsed community pulls as one node: its members' links end
        // at the node standing for it.
        let drawn_at = self.collapse(model, &visible).drawn_at;
        let at = |i: usize| drawn_at.get(i).map_or(i, |&d| d as usize);
        let sizes = LayoutGraph::node_sizes(&model.graph);
        let n = sizes.len();
        let layout = &mut self.layout;
        layout.nodes = (0..n as u32).filter(|&i| visible[i as usize]).collect();
        layout.index = vec![None; n];
        for (k, &node) in layout.nodes.iter().enumerate() {
            layout.index[node as usize] = Some(k as u32);
        }
        let edges: Vec<(u32, u32, f32)> = model
            .graph
            .edge_ids()
            .filter(|e| edge_visible.get(e.index()).copied().unwrap_or(false))
            .filter_map(|e| {
                let (a, b) = model.graph.endpoints(e)?;
                let (a, b) = (at(a.index()), at(b.index()));
                (a != b).then_some(())?;
                Some((
                    layout.index[a]?,
                    layout.index[b]?,
                    model.graph[e].weight as f32,
                ))
            })
            .collect();
        let sub = LayoutGraph {
            node_count: layout.nodes.len(),
            edges,
            sizes: layout.nodes.iter().map(|&i| sizes[i as usize]).collect(),
        };
        layout.request = LayoutRequest { nodes: visible };
        if first {
            if restored.is_none() {
                layout.settings.scaling = Fa2Settings::scaling_for(sub.node_count);
                self.pinned = vec![false; n];
            }
            self.positions = vec![[0.0, 0.0]; n];
        }
        let known: Places = if let Some(restored) = restored {
            layout
                .nodes
                .iter()
                .map(|&i| restored.get(i as usize).copied().flatten())
                .collect()
        } else if first {
            Vec::new()
        } else {
            layout
                .nodes
                .iter()
                .map(|&i| self.positions.get(i as usize).copied())
                .collect()
        };
        let mut fa2 = ForceAtlas2::with_positions(&sub, layout.settings, &known, 1);
        for (k, &node) in layout.nodes.iter().enumerate() {
            if self.pinned.get(node as usize).copied().unwrap_or(false) {
                fa2.set_pinned(k, true);
            }
        }
        if restored.is_some() {
            // Saved places are shown as saved, until something changes.
            fa2.settle();
        }
        if first && restored.is_none() {
            // A head start so the first frame already shows structure.
            fa2.run(50.min(20_000 / sub.node_count.max(1)).max(5));
            self.camera.request_fit();
        }
        self.layout.generation = 0;
        self.layout.paused = false;
        self.layout.runner = None;
        if !self.options.background_layout {
            let mut steps = 0;
            while fa2.step().is_some() && steps < 5000 {
                steps += 1;
            }
            self.copy_layout_positions(fa2.positions());
            self.layout.state = LayoutState::Settled;
            return;
        }
        self.copy_layout_positions(fa2.positions());
        self.layout.state = fa2.state();
        let waker = self.options.waker.clone();
        self.layout.runner = Some(LayoutRunner::spawn(
            fa2,
            Box::new(move || {
                if let Some(wake) = &waker {
                    wake();
                }
            }),
        ));
    }

    fn copy_layout_positions(&mut self, layout: &[[f32; 2]]) {
        for (k, p) in layout.iter().enumerate() {
            let Some(&node) = self.layout.nodes.get(k) else {
                continue;
            };
            if !self.layout.held.contains(&node)
                && let Some(slot) = self.positions.get_mut(node as usize)
            {
                *slot = *p;
            }
        }
    }

    /// Takes the newest layout snapshot; true while the layout moves.
    pub fn poll_layout(&mut self) -> bool {
        let Some(runner) = &self.layout.runner else {
            return false;
        };
        if let Some(snapshot) = runner.snapshot_after(self.layout.generation) {
            self.layout.generation = snapshot.generation;
            if snapshot.positions.len() == self.layout.nodes.len() {
                self.copy_layout_positions(&snapshot.positions);
            }
            let was = self.layout.state;
            self.layout.state = if self.layout.paused {
                LayoutState::Paused
            } else {
                snapshot.state
            };
            // The camera followed the layout: it frames its final places too.
            if was == LayoutState::Running
                && self.layout.state == LayoutState::Settled
                && !self.camera.user_moved
            {
                self.camera.fit_pending = true;
            }
        }
        self.layout.state == LayoutState::Running
    }
}
