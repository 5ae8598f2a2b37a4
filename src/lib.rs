//! knowmap: a knowledge-map viewer for folders of news articles.
//!
//! The pipeline runs in this order, each layer knowing only the ones before it:
//! [`corpus`] (folder → articles → paragraphs), [`extract`] (paragraphs →
//! actor and topic mentions), [`graph`] (mentions → weighted co-occurrence
//! graph with evidence), [`layout`] (graph → positions), with [`io`] beside
//! them for files and [`ui`] on top, the only module that touches egui.

pub mod corpus;
pub mod extract;
pub mod graph;
pub mod io;
pub mod layout;
pub mod session;
pub mod ui;
