//! Topics: key phrases of the corpus ("security guarantees", "ceasefire",
//! "Zaporizhzhia nuclear power plant"), scored against general English.
//!
//! Candidates are runs of content words inside a sentence (never crossing
//! punctuation, never starting or ending with a stop word, never inside an
//! actor's name). A phrase scores by the paragraphs it occurs in times how
//! rare its words are in general English (the bundled lexicon), so generic
//! words never make it. Inflections and case variants merge under a stemmed
//! key, and a phrase merges into its more specific form when it almost only
//! occurs inside it. O(words · max phrase length).

//!
//! The phases, one file each: `scan` (candidate runs, two passes), `score`
//! (ranking), `merge` (specific forms and qualified subjects, the choice),
//! `mentions` (entities and non-overlapping mentions), `anaphora`
//! (definite descriptions); `stem` holds the word keys they share.

mod anaphora;
mod mentions;
mod merge;
mod scan;
mod score;
mod stem;

use rustc_hash::{FxHashMap, FxHashSet};

use super::gazetteer::Gazetteer;
use super::{Entity, Mention};
use crate::corpus::Corpus;

/// Longest phrase, in words.
const MAX_WORDS: usize = 4;

/// Settings of topic extraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct TopicSettings {
    /// How many topics at most; `None` adapts to the corpus size.
    pub max_topics: Option<usize>,
    /// A topic must occur in at least this many paragraphs.
    pub min_paragraphs: usize,
}

impl Default for TopicSettings {
    fn default() -> Self {
        Self {
            max_topics: None,
            min_paragraphs: 2,
        }
    }
}

impl TopicSettings {
    /// The number of topics for a corpus of `paragraphs` kept paragraphs:
    /// grows with the square root of its size, between 20 and 400.
    pub fn topic_count(&self, paragraphs: usize) -> usize {
        match self.max_topics {
            Some(n) => n.max(1),
            None => ((3.5 * (paragraphs as f64).sqrt()).round() as usize).clamp(20, 400),
        }
    }
}

/// One occurrence of a candidate phrase.
#[derive(Debug, Clone, Copy)]
pub(super) struct Occurrence {
    pub(super) key: u64,
    pub(super) article: crate::corpus::ArticleId,
    pub(super) block: u32,
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) paragraph: Option<crate::corpus::ParagraphId>,
    pub(super) words: u8,
}

/// Corpus statistics of one phrase, 28 bytes: every distinct phrase of the
/// corpus has one during the first pass.
#[derive(Debug, Clone, Copy)]
pub(super) struct PhraseStats {
    /// Kept paragraphs it occurs in, each counted once.
    pub(super) paragraphs: u32,
    /// The last kept paragraph counted, as (article, paragraph).
    pub(super) last: (u32, u32),
    /// Its first occurrence in corpus order (article, start, end), from
    /// which the stems of its words are read back when it is scored.
    pub(super) first: (u32, u32, u32),
    /// Occurrences, and those ending their run: a word that is nearly
    /// always followed by another ("military" in "military aid") modifies
    /// rather than names a subject.
    pub(super) seen: u32,
    pub(super) heads: u32,
}

impl Default for PhraseStats {
    fn default() -> Self {
        Self {
            paragraphs: 0,
            last: (u32::MAX, u32::MAX),
            first: (0, 0, 0),
            seen: 0,
            heads: 0,
        }
    }
}

/// A word of a content run.
#[derive(Debug, Clone, Copy)]
pub(super) struct RunWord {
    pub(super) start: usize,
    pub(super) end: usize,
    /// The word key of its stem.
    pub(super) stem: u64,
    /// An actor's place name opening the run.
    pub(super) place: bool,
    /// Ends like a participle or an adverb: never ends a phrase.
    pub(super) bad_end: bool,
    /// Written in lower case in the label (a capital only from its place
    /// in the sentence).
    pub(super) fold_case: bool,
}

/// Written forms of phrases and how often each was seen.
pub(super) type Surfaces = FxHashMap<u64, FxHashMap<String, u32>>;

/// Extracts topics. `actors` are the mentions already found (their spans
/// split phrases); `actor_entities` their entities, whose labels and
/// aliases no topic may duplicate.
pub fn extract_topics(
    corpus: &Corpus,
    gazetteer: &Gazetteer,
    actors: &[Mention],
    actor_entities: &[Entity],
    settings: &TopicSettings,
    tokens: Option<&[super::ArticleTokens]>,
) -> (Vec<Entity>, Vec<Mention>) {
    let actor_keys: FxHashSet<String> = actor_entities
        .iter()
        .flat_map(|e| {
            std::iter::once(e.label.as_str()).chain(e.aliases.iter().map(|a| a.form.as_str()))
        })
        .map(|s| {
            s.split_whitespace()
                .map(stem::stem)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let scan = scan::Scan {
        gazetteer,
        actors,
        actor_entities,
        tokens,
    };
    let clock = std::time::Instant::now();
    let lap = |what: &str| log::debug!("topics: {what} at {:?}", clock.elapsed());
    // 1. Statistics of every candidate phrase.
    let stats = scan.statistics(corpus);
    lap("first scan");
    // 2. Ranked by score.
    let ranked = score::rank(corpus, gazetteer, &stats, settings, &actor_keys);
    lap("scored");
    let wanted = settings.topic_count(corpus.paragraph_count());
    if log::log_enabled!(log::Level::Debug) {
        for (score, key, rarity) in ranked.scored.iter().take(80) {
            log::debug!(
                "topic candidate {score:8.2} {:3} {rarity:.2} {}",
                stats[key].paragraphs,
                ranked.stems[key].join(" ")
            );
        }
    }
    // 3. Occurrences of the best candidates; merges into specific forms.
    let candidates: Vec<u64> = ranked
        .scored
        .iter()
        .take(wanted * 3)
        .map(|(_, k, _)| *k)
        .collect();
    let candidate_set: FxHashSet<u64> = candidates.iter().copied().collect();
    let (occurrences, surfaces) = scan.occurrences(corpus, &candidate_set);
    lap("second scan");
    let merges = merge::merges(
        &occurrences,
        &stats,
        &ranked.stems,
        &candidates,
        &candidate_set,
    );
    lap("merges");
    let chosen = merges.choose(&candidates, wanted);
    // 4. Entities and mentions.
    let (mut entities, index) = mentions::entities(&chosen, &surfaces, &merges);
    let mut mentions = mentions::mentions(&occurrences, &index, &merges);
    lap("mentions");
    // 5. Definite descriptions refer back to topics named before.
    anaphora::add(
        corpus,
        &chosen,
        &ranked.stems,
        &index,
        &actor_keys,
        actors,
        tokens,
        &mut entities,
        &mut mentions,
    );
    lap("definite descriptions");
    (entities, mentions)
}

#[cfg(test)]
mod tests {
    use super::stem::stem;
    use super::*;

    #[test]
    fn plurals_fold() {
        assert_eq!(stem("guarantees"), "guarantee");
        assert_eq!(stem("Parties"), "party");
        assert_eq!(stem("sanctions"), "sanction");
        assert_eq!(stem("process"), "process");
    }

    #[test]
    fn topic_count_adapts_to_size() {
        let s = TopicSettings::default();
        assert!(s.topic_count(78) >= 20 && s.topic_count(78) < 60);
        assert!(s.topic_count(12_000) > s.topic_count(78));
        assert_eq!(
            TopicSettings {
                max_topics: Some(7),
                ..s
            }
            .topic_count(10_000),
            7
        );
    }
}
