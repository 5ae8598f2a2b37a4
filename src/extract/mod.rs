//! Paragraphs → actor and topic mentions: gazetteer, name rules, aliases.
//!
//! Knows the corpus; knows nothing of graphs, layout or the UI.

use serde::{Deserialize, Serialize};

use crate::corpus::Corpus;

/// Actors act; topics are what they act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NodeKind {
    Actor,
    Topic,
}

/// What sort of actor or topic a node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Person,
    Organization,
    Country,
    Place,
    Concept,
}

impl Category {
    pub const ALL: [Self; 5] = [
        Self::Person,
        Self::Organization,
        Self::Country,
        Self::Place,
        Self::Concept,
    ];

    /// The kind of node a category belongs to by default.
    pub fn kind(self) -> NodeKind {
        match self {
            Self::Person | Self::Organization | Self::Country => NodeKind::Actor,
            Self::Place | Self::Concept => NodeKind::Topic,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Organization => "organization",
            Self::Country => "country",
            Self::Place => "place",
            Self::Concept => "concept",
        }
    }
}

/// A stable identity for a node across runs: kind plus canonical label.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct NodeKey {
    pub kind: NodeKind,
    pub label: String,
}

/// Why a surface form was merged into a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MergeRule {
    /// The same words seen before in another case or with a possessive.
    SameName,
    /// A surname or first name alone, after the full name in the same article.
    ShortName,
    /// A spelling variant of a person's name (Zelenskiy / Zelenskyy).
    SpellingVariant,
    /// A role description resolved to the person named in that role.
    Role,
    /// The gazetteer lists it as a name or stand-in (the Kremlin → Russia).
    Gazetteer,
    /// A demonym in actor position (Russian officials → Russia).
    Demonym,
    /// An inflection or case variant of a topic phrase.
    Inflection,
    /// A topic phrase inside its more specific form.
    SpecificForm,
    /// The user's `.knowmap/aliases.tsv`.
    UserAlias,
}

impl MergeRule {
    /// "merged because …" for people.
    pub fn explain(self) -> &'static str {
        match self {
            Self::SameName => "the same name written differently",
            Self::ShortName => "a short form of the full name used earlier in the article",
            Self::SpellingVariant => "a spelling variant of the same person's name",
            Self::Role => "a role the corpus names this person in",
            Self::Gazetteer => "the gazetteer lists it as a name or stand-in",
            Self::Demonym => "the adjective of the country, used for its people or officials",
            Self::Inflection => "an inflected or differently capitalised form",
            Self::SpecificForm => "a shorter form of the same phrase",
            Self::UserAlias => "your aliases file",
        }
    }
}

/// One surface form of a node and the rule that merged it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alias {
    pub form: String,
    pub rule: MergeRule,
}

/// An actor or topic found in the corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// The canonical label: the fullest well-formed name.
    pub label: String,
    pub kind: NodeKind,
    pub category: Category,
    /// Every surface form seen, with why it belongs here.
    pub aliases: Vec<Alias>,
}

impl Entity {
    pub fn key(&self) -> NodeKey {
        NodeKey {
            kind: self.kind,
            label: self.label.clone(),
        }
    }
}

/// A span of an article's text that names an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Mention {
    pub article: u32,
    /// Byte offsets into the article's text.
    pub start: usize,
    pub end: usize,
    /// Index into [`Extraction::entities`].
    pub node: u32,
    /// Index into the article's blocks.
    pub block: u32,
    /// The kept paragraph, or `None` in titles, headings and duplicates.
    pub paragraph: Option<u32>,
}

/// Everything the extraction found. Mentions are sorted by article and offset.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    pub entities: Vec<Entity>,
    pub mentions: Vec<Mention>,
    /// Problems with user files (aliases.tsv), for the warnings list.
    pub warnings: Vec<crate::corpus::Warning>,
}

/// Settings of the extraction.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExtractSettings {}

/// Finds actors and topics in the corpus.
pub fn extract(_corpus: &Corpus, _settings: &ExtractSettings) -> Extraction {
    Extraction::default()
}
