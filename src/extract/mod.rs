//! Paragraphs → actor and topic mentions: gazetteer, name rules, aliases.
//!
//! Knows the corpus; knows nothing of graphs, layout or the UI.
//!
//! Longer than 700 lines: the types every extraction phase shares
//! (entities, mentions, aliases, merge rules) and the pipeline that runs
//! the phases in order; the phases themselves are their own modules.

pub mod acronym;
pub mod curate;
pub mod gazetteer;
pub mod names;
pub mod resolve;
pub mod token;
pub mod topics;
pub mod words;

use std::collections::HashMap;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::corpus::{Article, ArticleId, BlockKind, Corpus, ParagraphId, Warning};
use gazetteer::Gazetteer;
use names::{CaseMode, CaseStats, Finder};
use resolve::{EntityId, Located, UserAlias};

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
/// Files write it as `actor:Donald Trump` (so keys sort as their text
/// does); a string without `actor:` or `topic:` is no key.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
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
    /// An acronym the text spells out ("the National Hurricane Center
    /// (NHC)").
    Acronym,
    /// The gazetteer lists it as a name or stand-in (the Kremlin → Russia).
    Gazetteer,
    /// A demonym in actor position (Russian officials → Russia).
    Demonym,
    /// An inflection or case variant of a topic phrase.
    Inflection,
    /// A topic phrase inside its more specific form.
    SpecificForm,
    /// A topic qualified by a participle ("negotiated ceasefire") when the
    /// bare subject is far more common.
    Qualified,
    /// A definite description ("the plant") referring back to a topic named
    /// earlier in the article ("the Zaporizhzhia nuclear power plant").
    DefiniteDescription,
    /// The user's `.knowmap/aliases.tsv`.
    UserAlias,
    /// The user merged or renamed the node in the viewer.
    Curated,
}

impl MergeRule {
    /// "merged because …" for people.
    pub fn explain(self) -> &'static str {
        match self {
            Self::SameName => "the same name written differently",
            Self::ShortName => "a short form of the full name used earlier in the article",
            Self::SpellingVariant => "a spelling variant of the same person's name",
            Self::Role => "a role the corpus names this person in",
            Self::Acronym => "an acronym the text spells out: \"Long Name (LN)\"",
            Self::Gazetteer => "the gazetteer lists it as a name or stand-in",
            Self::Demonym => "the adjective of the country, used for its people or officials",
            Self::Inflection => "an inflected or differently capitalised form",
            Self::SpecificForm => "a shorter form of the same phrase",
            Self::Qualified => "the same subject with a qualifying word",
            Self::DefiniteDescription => {
                "\"the\" and the phrase's last word, referring back to it in the same article"
            }
            Self::UserAlias => "your aliases file",
            Self::Curated => "you merged or renamed it (saved with the layout)",
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
    /// Set when the user merged this entity into another (see
    /// [`curate`]): it keeps its index but has no mentions left.
    pub merged_into: Option<u32>,
}

impl NodeKey {
    /// The written form used in layout files: `actor:Donald Trump`.
    pub fn to_key_string(&self) -> String {
        let kind = match self.kind {
            NodeKind::Actor => "actor",
            NodeKind::Topic => "topic",
        };
        format!("{kind}:{}", self.label)
    }

    /// Reads the written form back.
    pub fn parse(text: &str) -> Option<Self> {
        let (kind, label) = text.split_once(':')?;
        let kind = match kind {
            "actor" => NodeKind::Actor,
            "topic" => NodeKind::Topic,
            _ => return None,
        };
        Some(Self {
            kind,
            label: label.to_owned(),
        })
    }

    pub fn actor(label: impl Into<String>) -> Self {
        Self {
            kind: NodeKind::Actor,
            label: label.into(),
        }
    }

    pub fn topic(label: impl Into<String>) -> Self {
        Self {
            kind: NodeKind::Topic,
            label: label.into(),
        }
    }
}

impl std::fmt::Display for NodeKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_key_string())
    }
}

impl From<NodeKey> for String {
    fn from(key: NodeKey) -> Self {
        key.to_key_string()
    }
}

impl TryFrom<String> for NodeKey {
    type Error = String;
    fn try_from(text: String) -> Result<Self, String> {
        Self::parse(&text)
            .ok_or_else(|| format!("“{text}” is no node key (keys read actor:NAME or topic:NAME)"))
    }
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
    pub article: ArticleId,
    /// Byte offsets into the article's text.
    pub start: usize,
    pub end: usize,
    /// Index into [`Extraction::entities`].
    pub node: u32,
    /// Index into the article's blocks.
    pub block: u32,
    /// The kept paragraph, or `None` in titles, headings and duplicates.
    pub paragraph: Option<ParagraphId>,
}

/// Everything the extraction found. Mentions are sorted by article and offset.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    pub entities: Vec<Entity>,
    pub mentions: Vec<Mention>,
    /// Problems with user files (aliases.tsv), for the warnings list.
    pub warnings: Vec<crate::corpus::Warning>,
}

impl Extraction {
    /// The mentions in one article, in text order. O(log n): mentions are
    /// sorted by article and offset.
    pub fn mentions_in_article(&self, article: ArticleId) -> &[Mention] {
        mentions_in_article(&self.mentions, article)
    }
}

/// The slice of `mentions` (sorted by article) that lies in `article`.
pub fn mentions_in_article(mentions: &[Mention], article: ArticleId) -> &[Mention] {
    let start = mentions.partition_point(|m| m.article < article);
    let end = mentions.partition_point(|m| m.article <= article);
    &mentions[start..end]
}

/// Settings of the extraction.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExtractSettings {
    pub topics: topics::TopicSettings,
}

/// How far capitals can be trusted in a block of an article.
fn case_mode(article: &Article, block: &crate::corpus::Block) -> CaseMode {
    let text = article.block_text(block);
    let shape = block.shape;
    // Result tables ("Wycombe 2 Wrexham 1"): capitals mark names as in prose.
    let numbers = text
        .split_whitespace()
        .filter(|w| w.starts_with(|c: char| c.is_ascii_digit()))
        .count();
    if shape.has_digit && numbers * 3 >= shape.words && !shape.all_caps {
        return CaseMode::Normal;
    }
    if shape.all_caps {
        CaseMode::AllCaps
    } else if shape.title_case
        && (!shape.sentence_like() || matches!(block.kind, BlockKind::Title | BlockKind::Heading))
    {
        CaseMode::TitleCase
    } else {
        CaseMode::Normal
    }
}

/// Length in tokens of a title-case lead-in ending in a colon ("Sustained
/// Western Support for Ukraine: …"), which is read like a heading; 0 if none.
fn lead_in(text: &str, tokens: &[token::Token], mode: CaseMode) -> usize {
    if mode != CaseMode::Normal {
        return 0;
    }
    let Some(colon) = tokens.iter().take(12).position(|t| t.text(text) == ":") else {
        return 0;
    };
    const SMALL: &[&str] = &[
        "the", "of", "and", "for", "with", "within", "on", "in", "to", "a", "an", "at", "by",
        "from", "as", "vs", "both", "between",
    ];
    let words: Vec<&token::Token> = tokens[..colon]
        .iter()
        .filter(|t| t.is_word() && !SMALL.contains(&t.text(text).to_lowercase().as_str()))
        .collect();
    let capitalized = words.iter().filter(|t| t.capitalized).count();
    if words.len() >= 2 && capitalized * 10 >= words.len() * 7 {
        colon
    } else {
        0
    }
}

/// Reads `.knowmap/aliases.tsv`: `surface<TAB>label` or `surface<TAB>-`.
/// Malformed lines are reported with their line number; the rest applies.
pub fn parse_user_aliases(text: &str, path: &str) -> (HashMap<String, UserAlias>, Vec<Warning>) {
    let mut aliases = HashMap::new();
    let mut warnings = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((form, target)) = line.split_once('\t') else {
            warnings.push(Warning::new(
                path,
                format!(
                    "line {}: expected 'surface form<TAB>label' (or '-' to ignore)",
                    n + 1
                ),
            ));
            continue;
        };
        let (form, target) = (form.trim(), target.trim());
        if form.is_empty() || target.is_empty() || target.contains('\t') {
            warnings.push(Warning::new(
                path,
                format!("line {}: empty form or label", n + 1),
            ));
            continue;
        }
        let alias = if target == "-" {
            UserAlias::Ignore
        } else {
            UserAlias::To(target.to_owned())
        };
        aliases.insert(gazetteer::key(form), alias);
    }
    (aliases, warnings)
}

/// Labels and surface forms longer than this are cut (with "…"): a
/// 100,000-character "name" must not reach labels, files or the screen whole.
pub const MAX_LABEL_CHARS: usize = 120;

/// `text` cut to [`MAX_LABEL_CHARS`] characters.
pub fn cap_label(text: &str) -> String {
    if text.chars().count() <= MAX_LABEL_CHARS {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(MAX_LABEL_CHARS - 1).collect();
    out.push('…');
    out
}

/// Finds actors and topics in the corpus.
///
/// Articles are tokenized and searched in parallel; linking runs once over
/// all candidates. Deterministic: the output depends only on the corpus.
pub fn extract(corpus: &Corpus, settings: &ExtractSettings) -> Extraction {
    let gazetteer = Gazetteer::bundled();
    let mut warnings = Vec::new();
    let user = match corpus.root.as_deref() {
        Some(root) => {
            let (text, warning) = crate::corpus::knowmap_dir::read_list(
                root,
                crate::corpus::knowmap_dir::SidecarFile::Aliases,
            );
            warnings.extend(warning);
            text.map_or_else(HashMap::new, |text| {
                let (aliases, w) = parse_user_aliases(&text, ".knowmap/aliases.tsv");
                warnings.extend(w);
                aliases
            })
        }
        None => HashMap::new(),
    };
    let start = std::time::Instant::now();
    let (mut extraction, tokens) = extract_actors(corpus, gazetteer, &user, warnings);
    log::info!("actors: {:?}", start.elapsed());
    let start = std::time::Instant::now();
    add_topics(
        corpus,
        gazetteer,
        &mut extraction,
        &settings.topics,
        Some(&tokens),
    );
    drop(tokens);
    log::info!("topics: {:?}", start.elapsed());
    for entity in &mut extraction.entities {
        if entity.label.len() > MAX_LABEL_CHARS {
            entity.label = cap_label(&entity.label);
        }
        for alias in &mut entity.aliases {
            if alias.form.len() > MAX_LABEL_CHARS {
                alias.form = cap_label(&alias.form);
            }
        }
    }
    extraction
}

/// Removes entities left without any mention (a place only ever read as
/// part of a topic phrase, "Zaporizhzhia" in "Zaporizhzhia nuclear power
/// plant"): a node with nothing behind it is junk. Mentions are renumbered.
fn drop_unmentioned(extraction: &mut Extraction) {
    let mut used = vec![false; extraction.entities.len()];
    for m in &extraction.mentions {
        if let Some(u) = used.get_mut(m.node as usize) {
            *u = true;
        }
    }
    if used.iter().all(|&u| u) {
        return;
    }
    let mut renumber = vec![u32::MAX; used.len()];
    let mut next = 0u32;
    for (i, &u) in used.iter().enumerate() {
        if u {
            renumber[i] = next;
            next += 1;
        }
    }
    let mut index = 0;
    extraction.entities.retain(|_| {
        index += 1;
        used[index - 1]
    });
    for m in &mut extraction.mentions {
        m.node = renumber[m.node as usize];
    }
}

/// Adds topic nodes and mentions to an extraction of actors, reusing the
/// tokens of the actor pass.
fn add_topics(
    corpus: &Corpus,
    gazetteer: &Gazetteer,
    extraction: &mut Extraction,
    settings: &topics::TopicSettings,
    tokens: Option<&[ArticleTokens]>,
) {
    let (entities, mentions) = topics::extract_topics(
        corpus,
        gazetteer,
        &extraction.mentions,
        &extraction.entities,
        settings,
        tokens,
    );
    let offset = u32::try_from(extraction.entities.len()).unwrap_or(u32::MAX);
    // A place inside a topic phrase that begins with it ("Zaporizhzhia" in
    // "Zaporizhzhia nuclear power plant") is read as part of the phrase.
    // Topic mentions are sorted: a binary search finds one starting there.
    let starts_topic = |m: &Mention| {
        let i = mentions.partition_point(|t| (t.article, t.start) < (m.article, m.start));
        mentions
            .get(i)
            .is_some_and(|t| (t.article, t.start) == (m.article, m.start))
    };
    let entities_before = &extraction.entities;
    extraction.mentions.retain(|m| {
        !(entities_before
            .get(m.node as usize)
            .is_some_and(|e| e.category == Category::Place)
            && starts_topic(m))
    });
    extraction.entities.extend(entities);
    extraction
        .mentions
        .extend(mentions.into_iter().map(|m| Mention {
            node: m.node + offset,
            ..m
        }));
    // Two sorted runs: the stable sort merges them in linear time.
    extraction.mentions.sort();
    drop_unmentioned(extraction);
}

/// Names already known from running text ([`known`], by key) found in an
/// article's headings and ALL-CAPS lines, longest first, never over a
/// mention already there (`taken`: block, start and end): "YORK" is not
/// taken again inside "NEW YORK".
fn heading_names(
    article: &Article,
    blocks: &ArticleTokens,
    known: &FxHashMap<String, EntityId>,
    taken: &mut Vec<(u32, usize, usize)>,
    linked: &mut Vec<resolve::Linked>,
) {
    // Sorted by block and start: a binary search finds the mention that
    // may overlap a span (the last one starting before the span ends;
    // mentions do not overlap one another).
    taken.sort_unstable();
    let overlaps = |taken: &[(u32, usize, usize)], block: u32, start: usize, end: usize| {
        let i = taken.partition_point(|&(b, s, _)| (b, s) < (block, end));
        i > 0 && {
            let (b, _, e) = taken[i - 1];
            b == block && e > start
        }
    };
    for (block, mode, tokens) in blocks {
        if *mode == CaseMode::Normal {
            continue;
        }
        let mut i = 0;
        while i < tokens.len() {
            let mut advanced = false;
            for len in (1..=6.min(tokens.len() - i)).rev() {
                let span = &tokens[i..i + len];
                if !span.iter().all(token::Token::is_word)
                    || (*mode == CaseMode::TitleCase && !span[0].capitalized)
                {
                    continue;
                }
                if overlaps(taken, *block, span[0].start, span[0].end) {
                    break;
                }
                if overlaps(taken, *block, span[0].start, span[len - 1].end) {
                    // "Unity Party of America" around the "America" already
                    // taken: a shorter span may still fit.
                    continue;
                }
                let key = names::join_key(&article.text, span);
                if let Some(entity) = known.get(&key) {
                    let found = (*block, span[0].start, span[len - 1].end);
                    let at = taken.partition_point(|t| *t < found);
                    taken.insert(at, found);
                    linked.push(resolve::Linked {
                        article: article.id.raw(),
                        block: *block,
                        start: span[0].start,
                        end: span[len - 1].end,
                        surface: names::surface(&article.text, span),
                        entity: entity.clone(),
                        rule: None,
                    });
                    i += len;
                    advanced = true;
                    break;
                }
            }
            if !advanced {
                i += 1;
            }
        }
    }
}

/// The tokens of block `b` of `article`: the actor pass's when given (same
/// blocks, same order), else tokenized now.
pub(crate) fn block_tokens<'a>(
    tokens: Option<&'a [ArticleTokens]>,
    article: &Article,
    b: u32,
) -> std::borrow::Cow<'a, [token::Token]> {
    let shared = tokens
        .and_then(|t| t.get(article.id.index()))
        .and_then(|blocks| {
            blocks
                .binary_search_by_key(&b, |(i, _, _)| *i)
                .ok()
                .map(|k| blocks[k].2.as_slice())
        });
    match shared {
        Some(t) => std::borrow::Cow::Borrowed(t),
        None => {
            let block = &article.blocks[b as usize];
            std::borrow::Cow::Owned(token::tokenize(&article.text, block.start, block.end))
        }
    }
}

/// Tokens of every searched block of an article, with their case mode.
pub type ArticleTokens = Vec<(u32, CaseMode, Vec<token::Token>)>;

/// Actors only ([`extract`] without topics), with explicit user aliases.
pub fn extract_with(
    corpus: &Corpus,
    gazetteer: &Gazetteer,
    user: &HashMap<String, UserAlias>,
    warnings: Vec<Warning>,
) -> Extraction {
    extract_actors(corpus, gazetteer, user, warnings).0
}

/// [`extract_with`], also returning every searched block's tokens (block
/// index, case mode, tokens) by article, for the topic pass to reuse.
fn extract_actors(
    corpus: &Corpus,
    gazetteer: &Gazetteer,
    user: &HashMap<String, UserAlias>,
    warnings: Vec<Warning>,
) -> (Extraction, Vec<ArticleTokens>) {
    let clock = std::time::Instant::now();
    let lap = |what: &str| log::debug!("actors: {what} at {:?}", clock.elapsed());
    let tokenized: Vec<ArticleTokens> = corpus
        .articles
        .par_iter()
        .map(|article| {
            article
                .blocks
                .iter()
                .enumerate()
                .filter(|(_, b)| b.kind.is_searched())
                .map(|(i, b)| {
                    let mode = case_mode(article, b);
                    (
                        u32::try_from(i).unwrap_or(u32::MAX),
                        mode,
                        token::tokenize(&article.text, b.start, b.end),
                    )
                })
                .collect()
        })
        .collect();
    lap("tokens");
    let stats = corpus
        .articles
        .par_iter()
        .zip(&tokenized)
        .fold(CaseStats::default, |mut stats, (article, blocks)| {
            for (_, mode, tokens) in blocks {
                if *mode == CaseMode::Normal {
                    stats.add(&article.text, tokens);
                }
            }
            stats
        })
        .reduce(CaseStats::default, |mut a, b| {
            a.merge(b);
            a
        });
    lap("case statistics");
    let finder = Finder {
        gazetteer,
        stats: &stats,
    };
    let per_article: Vec<Vec<Located>> = corpus
        .articles
        .par_iter()
        .zip(&tokenized)
        .map(|(article, blocks)| {
            let mut found = Vec::new();
            for (block, mode, tokens) in blocks {
                let lead = lead_in(&article.text, tokens, *mode);
                if lead > 0 {
                    finder.find(
                        &article.text,
                        *block,
                        &tokens[..lead],
                        CaseMode::TitleCase,
                        &mut found,
                    );
                }
                finder.find(&article.text, *block, &tokens[lead..], *mode, &mut found);
            }
            names::link_storm_names(&mut found);
            found
                .into_iter()
                .map(|candidate| Located {
                    article: article.id.raw(),
                    candidate,
                })
                .collect()
        })
        .collect();
    lap("names found");
    let acronyms = acronym::Definitions::find(corpus, &per_article);
    let resolved = resolve::resolve(gazetteer, &per_article, user, &acronyms);
    drop(per_article);
    let mut linked = resolved.mentions;
    lap("names linked");

    // Headings and ALL-CAPS lines: only names already known from running text.
    // A key is known when all its mentions name one entity (`None`: names
    // several). Folded per thread and merged: the answer does not depend
    // on the order.
    type Seen<'a> = FxHashMap<String, Option<&'a EntityId>>;
    fn merge<'a>(mut a: Seen<'a>, mut b: Seen<'a>) -> Seen<'a> {
        if a.len() < b.len() {
            std::mem::swap(&mut a, &mut b);
        }
        for (key, entity) in b {
            match a.get_mut(&key) {
                Some(e) => {
                    if *e != entity {
                        *e = None;
                    }
                }
                None => {
                    a.insert(key, entity);
                }
            }
        }
        a
    }
    let seen: Seen<'_> = linked
        .par_iter()
        .filter(|m| !matches!(m.entity, EntityId::Gazetteer(_)) && m.rule != Some(MergeRule::Role))
        .fold(Seen::default, |mut seen, m| {
            let key = gazetteer::key(&m.surface);
            if key.contains(' ') || !gazetteer.is_common_word(&key) {
                match seen.get_mut(&key) {
                    Some(e) => {
                        if *e != Some(&m.entity) {
                            *e = None;
                        }
                    }
                    None => {
                        seen.insert(key, Some(&m.entity));
                    }
                }
            }
            seen
        })
        .reduce(Seen::default, merge);
    let known: FxHashMap<String, EntityId> = seen
        .into_iter()
        .filter_map(|(key, entity)| Some((key, entity?.clone())))
        .collect();
    lap("known names");
    // Linked mentions come in article order: each article's are a range.
    let from_headings: Vec<resolve::Linked> = corpus
        .articles
        .par_iter()
        .zip(&tokenized)
        .flat_map_iter(|(article, blocks)| {
            let mut found = Vec::new();
            if blocks.iter().all(|(_, mode, _)| *mode == CaseMode::Normal) {
                return found;
            }
            let first = linked.partition_point(|m| m.article < article.id.raw());
            let last = linked.partition_point(|m| m.article <= article.id.raw());
            let mut taken: Vec<(u32, usize, usize)> = linked[first..last]
                .iter()
                .map(|m| (m.block, m.start, m.end))
                .collect();
            heading_names(article, blocks, &known, &mut taken, &mut found);
            found
        })
        .collect();
    linked.extend(from_headings);

    lap("headings");
    // Entities in a stable order: kind, then label.
    let mut order: Vec<(&EntityId, &resolve::ResolvedEntity)> = resolved.entities.iter().collect();
    order.sort_by(|a, b| {
        (a.1.category.kind(), &a.1.label, a.0).cmp(&(b.1.category.kind(), &b.1.label, b.0))
    });
    // Entities with the same kind and label (a user alias onto a known name) merge.
    let mut index: FxHashMap<&EntityId, u32> = FxHashMap::default();
    let mut by_label: FxHashMap<(NodeKind, &str), u32> = FxHashMap::default();
    let mut entities: Vec<Entity> = Vec::new();
    for (id, e) in order {
        let kind = e.category.kind();
        if let Some(&existing) = by_label.get(&(kind, e.label.as_str())) {
            index.insert(id, existing);
            let target = &mut entities[existing as usize];
            for alias in &e.aliases {
                if !target.aliases.iter().any(|a| a.form == alias.form) {
                    target.aliases.push(alias.clone());
                }
            }
            continue;
        }
        let n = u32::try_from(entities.len()).unwrap_or(u32::MAX);
        index.insert(id, n);
        by_label.insert((kind, e.label.as_str()), n);
        entities.push(Entity {
            label: e.label.clone(),
            kind,
            category: e.category,
            aliases: e.aliases.clone(),
            merged_into: None,
        });
    }
    let mut mentions: Vec<Mention> = linked
        .par_iter()
        .filter_map(|m| {
            let node = *index.get(&m.entity)?;
            let article = corpus.articles.get(m.article as usize)?;
            let paragraph = article.kept_paragraph_of(m.block);
            Some(Mention {
                article: ArticleId::from_raw(m.article),
                start: m.start,
                end: m.end,
                node,
                block: m.block,
                paragraph,
            })
        })
        .collect();
    mentions.par_sort_unstable();
    mentions.dedup_by(|a, b| a.article == b.article && a.start == b.start && a.end == b.end);
    (
        Extraction {
            entities,
            mentions,
            warnings,
        },
        tokenized,
    )
}
