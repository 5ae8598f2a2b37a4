//! Acronyms the text spells out: "the National Hurricane Center (NHC)"
//! makes NHC a name of that centre, and "severe acute respiratory syndrome
//! (SARS)" makes SARS the short form of a lower-case phrase: a concept, not
//! an actor. So is an acronym of capitalized common words the finder took
//! for no name ("Internet Relay Chat (IRC)").
//!
//! A definition is a long form followed by an acronym in brackets whose
//! letters appear in the long form in order, the first at the start of its
//! first word (Schwartz and Hearst 2003, "A simple algorithm for identifying
//! abbreviation definitions in biomedical text"). The article's own
//! definition counts first; elsewhere an acronym takes the corpus's
//! definition when every article that spells it out agrees.

use rustc_hash::{FxHashMap, FxHashSet};

use super::names::{Candidate, Found};
use super::resolve::{EntityId, Linked, Located};
use super::{MergeRule, gazetteer};
use crate::corpus::Corpus;

/// What an acronym stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expansion {
    /// A name found in the text (as written, without a leading "the").
    Name(String),
    /// Lower-case words: a concept ("exclusive economic zone").
    Concept,
}

/// The acronyms spelled out in a corpus.
#[derive(Debug, Default)]
pub struct Definitions {
    /// (article, acronym as written) to its expansion there.
    local: FxHashMap<(u32, String), Expansion>,
    /// Acronym to the one expansion every defining article agrees on.
    global: FxHashMap<String, Expansion>,
}

impl Definitions {
    /// Scans every article's candidates (the finder's output, per article)
    /// for definitions.
    pub fn find(corpus: &Corpus, per_article: &[Vec<Located>]) -> Self {
        let mut local = FxHashMap::default();
        // Acronym to its distinct expansions (by lower-case long form).
        let mut seen: FxHashMap<String, Vec<(String, Expansion)>> = FxHashMap::default();
        for located in per_article {
            let Some(first) = located.first() else {
                continue;
            };
            let Some(article) = corpus.articles.get(first.article as usize) else {
                continue;
            };
            let candidates: Vec<&Candidate> = located.iter().map(|l| &l.candidate).collect();
            for (acronym, expansion) in in_article(&article.text, article, &candidates) {
                let key = match &expansion {
                    Expansion::Name(long) => gazetteer::key(long),
                    Expansion::Concept => String::new(),
                };
                let list = seen.entry(acronym.clone()).or_default();
                if !list.iter().any(|(k, _)| *k == key) {
                    list.push((key, expansion.clone()));
                }
                local.entry((first.article, acronym)).or_insert(expansion);
            }
        }
        let global = seen
            .into_iter()
            .filter_map(|(acronym, mut list)| {
                (list.len() == 1).then(|| (acronym, list.swap_remove(0).1))
            })
            .collect();
        Self { local, global }
    }

    pub fn is_empty(&self) -> bool {
        self.local.is_empty()
    }

    /// Links the mentions of defined acronyms: to the entity of their long
    /// form (rule [`MergeRule::Acronym`]), or, for a concept, marks them in
    /// `drop`. Only names the gazetteer does not know and not yet merged by
    /// another rule are touched.
    pub fn apply(&self, linked: &mut [Linked], drop: &mut [bool]) {
        if self.is_empty() {
            return;
        }
        let wanted: FxHashSet<&str> = self
            .local
            .values()
            .chain(self.global.values())
            .filter_map(|e| match e {
                Expansion::Name(long) => Some(long.as_str()),
                Expansion::Concept => None,
            })
            .collect();
        // The entity of each long form: in its article, and anywhere.
        let mut in_article: FxHashMap<(u32, String), EntityId> = FxHashMap::default();
        let mut anywhere: FxHashMap<String, EntityId> = FxHashMap::default();
        for m in linked.iter() {
            if wanted.contains(bare(&m.surface))
                && !matches!(&m.entity, EntityId::Other(k) if k.is_empty())
            {
                in_article
                    .entry((m.article, bare(&m.surface).to_owned()))
                    .or_insert_with(|| m.entity.clone());
                anywhere
                    .entry(bare(&m.surface).to_owned())
                    .or_insert_with(|| m.entity.clone());
            }
        }
        for (m, drop) in linked.iter_mut().zip(drop.iter_mut()) {
            if !matches!(m.entity, EntityId::Other(_)) || m.rule.is_some() {
                continue;
            }
            let key = (m.article, bare(&m.surface).to_owned());
            let Some(expansion) = self.local.get(&key).or_else(|| self.global.get(&key.1)) else {
                continue;
            };
            match expansion {
                Expansion::Concept => *drop = true,
                Expansion::Name(long) => {
                    let target = in_article
                        .get(&(m.article, long.clone()))
                        .or_else(|| anywhere.get(long));
                    if let Some(target) = target
                        && *target != m.entity
                    {
                        m.entity = target.clone();
                        m.rule = Some(MergeRule::Acronym);
                    }
                }
            }
        }
    }
}

/// The definitions in one article: (acronym, expansion), in text order.
/// Brackets are read from the text itself (the finder may have passed over
/// a bracketed acronym before a lower-case word: "(ACC) region").
fn in_article(
    text: &str,
    article: &crate::corpus::Article,
    candidates: &[&Candidate],
) -> Vec<(String, Expansion)> {
    let ending_at: FxHashMap<usize, &Candidate> = candidates.iter().map(|c| (c.end, *c)).collect();
    let known_at: FxHashSet<usize> = candidates
        .iter()
        .filter(|c| matches!(c.found, Found::Known { .. }))
        .map(|c| c.start)
        .collect();
    let mut out = Vec::new();
    for block in article.blocks.iter().filter(|b| b.kind.is_searched()) {
        let Some(body) = text.get(block.start..block.end) else {
            continue;
        };
        // "(KPA)", and the editor's "[KPA]" inside a quotation.
        for (at, open) in body.match_indices(['(', '[']) {
            let inner_start = block.start + at + 1;
            let Some(rest) = text.get(inner_start..block.end) else {
                continue;
            };
            let closing = if open == "(" { ')' } else { ']' };
            let Some(close) = rest.find(closing).filter(|&c| c <= 10) else {
                continue;
            };
            let acronym = &rest[..close];
            if !is_acronym(acronym) || known_at.contains(&inner_start) {
                continue;
            }
            let long_end = text
                .get(block.start..block.start + at)
                .map_or(block.start, |t| block.start + t.trim_end().len());
            // A name ending just before the bracket.
            if let Some(x) = ending_at.get(&long_end) {
                let long = bare(&x.surface);
                if long.contains(' ') && spells(acronym, long) {
                    out.push((acronym.to_owned(), Expansion::Name(long.to_owned())));
                }
                continue;
            }
            // Words before the bracket that the finder took for no name:
            // lower-case ones, or capitalized common words ("Digital
            // Millennium Copyright Act", "Internet Relay Chat").
            if let Some(words) = text.get(block.start..long_end)
                && unnamed_long_form(acronym, words)
            {
                out.push((acronym.to_owned(), Expansion::Concept));
            }
        }
    }
    out
}

/// A surface without a leading article ("the NHC").
fn bare(surface: &str) -> &str {
    surface
        .strip_prefix("the ")
        .or_else(|| surface.strip_prefix("The "))
        .unwrap_or(surface)
}

/// Written like an acronym: 2 to 10 letters or digits, starting with a
/// letter, at least two capitals and more capitals than small letters
/// ("NHC", "AfCFTA", "SIGs").
pub fn is_acronym(word: &str) -> bool {
    let n = word.chars().count();
    let upper = word.chars().filter(|c| c.is_uppercase()).count();
    let lower = word.chars().filter(|c| c.is_lowercase()).count();
    (2..=10).contains(&n)
        && word.chars().next().is_some_and(char::is_alphabetic)
        && word.chars().all(char::is_alphanumeric)
        && upper >= 2
        && upper > lower
}

/// Whether `short`'s letters and digits appear in `long` in order (matched
/// right to left, as Schwartz and Hearst do), its first letter being
/// `long`'s first; a plural "s" at its end is optional.
fn spells(short: &str, long: &str) -> bool {
    let s: Vec<char> = short
        .strip_suffix('s')
        .filter(|rest| rest.chars().any(char::is_uppercase))
        .unwrap_or(short)
        .chars()
        .flat_map(char::to_lowercase)
        .collect();
    let l: Vec<char> = long.chars().flat_map(char::to_lowercase).collect();
    if s.first() != l.first() {
        return false;
    }
    // Right to left, each letter at or before the previous one's place;
    // the first letter is the long form's first (checked above), so the
    // others must all lie after it.
    let mut li = l.len();
    for &c in s.iter().skip(1).rev() {
        loop {
            let Some(next) = li.checked_sub(1) else {
                return false;
            };
            li = next;
            if l[li] == c {
                break;
            }
        }
    }
    li > 0
}

/// Whether the words at the end of `before` are a long form of `short`:
/// the fewest words (at least two, at most the acronym's length plus five)
/// that `short` spells, within one clause.
fn unnamed_long_form(short: &str, before: &str) -> bool {
    let letters = short.chars().filter(|c| c.is_alphanumeric()).count();
    let most = (letters + 5).min(2 * letters);
    let words: Vec<&str> = before.split_whitespace().collect();
    for k in 2..=most.min(words.len()) {
        let tail = &words[words.len() - k..];
        // A clause boundary ends the search.
        if tail[..k - 1]
            .iter()
            .any(|w| w.ends_with([',', ';', ':', '.', ')']))
        {
            return false;
        }
        if spells(short, &tail.join(" ")) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms_look_like_acronyms() {
        for yes in ["NHC", "AfCFTA", "SIGs", "RHEL", "F1TV"] {
            assert!(is_acronym(yes), "{yes}");
        }
        for no in ["Chin", "Cates", "A", "Stardom", "U.S.", "7G", "NHC-1"] {
            assert!(!is_acronym(no), "{no}");
        }
    }

    #[test]
    fn an_acronym_spells_its_long_form() {
        assert!(spells("NHC", "National Hurricane Center"));
        assert!(spells("RIAA", "Recording Industry Association of America"));
        assert!(spells("RHEL", "Red Hat Enterprise Linux"));
        assert!(spells("SIGs", "Special Interest Groups"));
        assert!(spells("AfCFTA", "African Continental Free Trade Area"));
        // Not the same letters, or not from the first word on.
        assert!(!spells("DLR", "German Aerospace Center"));
        assert!(!spells("GT", "the Georgia Tech"));
        assert!(!spells("NHC", "Hurricane Center"));
        assert!(!spells("AB", "Alpha"));
    }

    #[test]
    fn a_long_form_is_the_fewest_words_that_spell_the_acronym() {
        assert!(unnamed_long_form(
            "SARS",
            "rather than severe acute respiratory syndrome"
        ));
        assert!(unnamed_long_form(
            "EEZ",
            "resulted in overlapping exclusive economic zone"
        ));
        assert!(unnamed_long_form(
            "IRC",
            "their anger on Internet Relay Chat"
        ));
        // No match, or a clause boundary in between.
        assert!(!unnamed_long_form("XYZ", "some words that do not match"));
        assert!(!unnamed_long_form("EZ", "economic, zone"));
        assert!(!unnamed_long_form("AB", "alpha"));
    }
}
