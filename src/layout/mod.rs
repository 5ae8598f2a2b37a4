//! Graph → positions: ForceAtlas2 with Barnes–Hut, steppable per frame or in
//! a background thread. Knows nothing of egui.

mod forceatlas2;
mod quadtree;
pub mod runner;

pub use forceatlas2::{Fa2Settings, ForceAtlas2, LayoutGraph, LayoutState, StepReport, splitmix};
pub use quadtree::{Body, QuadTree};
pub use runner::LayoutRunner;
