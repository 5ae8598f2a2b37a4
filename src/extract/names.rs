//! Finding names in tokens: gazetteer matches, capitalized runs, titles and
//! roles, and a first guess of each name's category.
//!
//! Works on one article at a time with read-only corpus statistics, so
//! articles are processed in parallel; linking names across the corpus is
//! `resolve.rs`'s job.
//!
//! Longer than 700 lines because of its unit tests (the code is ~910
//! lines): the rules of one capitalized run read each other's results and
//! are clearest side by side; the word lists live in `assets/lexicon/`.

use super::words::{
    ACTOR_HEADS, CONNECTORS, DAYS_MONTHS, LOCATIVE, NAME_OPENERS, NEVER_NAME, ORG_FIRST, ORG_LAST,
    PLACE_LAST, PLAY, PRODUCT_LAST, ROLE_HEADS, SPEECH, STORM_WORDS, TITLES,
};
use rustc_hash::{FxHashMap as HashMap, FxHashSet};

use super::Category;
use super::gazetteer::{FormRole, Gazetteer, key};
use super::token::{Token, TokenKind};

/// How far capitals can be trusted in a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseMode {
    /// Running text: a capital means a name (except at a sentence start).
    Normal,
    /// Title-case headline or heading: only known names are matched.
    TitleCase,
    /// ALL-CAPS line: only known names, matched without regard to case.
    AllCaps,
}

/// Corpus-wide counts of how each word is written in running text.
#[derive(Debug, Default, Clone)]
pub struct CaseStats {
    /// Lower-cased word → (capitalized mid-sentence, written in lower case).
    pub counts: HashMap<String, (u32, u32)>,
}

impl CaseStats {
    pub fn add(&mut self, text: &str, tokens: &[Token]) {
        // One reused buffer: a word already counted costs no allocation.
        let mut lower = String::new();
        // Acronyms ("US") say nothing about the word ("us").
        for t in tokens
            .iter()
            .filter(|t| t.is_word() && !t.sentence_start && !(t.all_caps && t.end - t.start > 1))
        {
            let word = t.text(text);
            super::token::lower_into(word, &mut lower);
            let entry = match self.counts.get_mut(lower.as_str()) {
                Some(entry) => entry,
                None => self.counts.entry(lower.clone()).or_default(),
            };
            if t.capitalized {
                entry.0 += 1;
            } else if !word.chars().any(char::is_uppercase) {
                entry.1 += 1;
            }
        }
    }

    pub fn merge(&mut self, mut other: Self) {
        // Counts add up whatever the order: the smaller table goes into the larger.
        if other.counts.len() > self.counts.len() {
            std::mem::swap(self, &mut other);
        }
        for (word, (cap, low)) in other.counts {
            let entry = self.counts.entry(word).or_default();
            entry.0 += cap;
            entry.1 += low;
        }
    }
}

/// What a candidate mention names, as far as one article can tell.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    /// A gazetteer entry, by one of its forms.
    Known { entry: u32, role: FormRole },
    /// A name not in the gazetteer, with a category guess (None: no evidence).
    Name {
        guess: Option<Category>,
        person_cue: bool,
    },
    /// A role without a name ("the US President"): (country entry, role).
    Role { country: Option<u32>, role: String },
}

/// A mention before linking.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub block: u32,
    pub start: usize,
    pub end: usize,
    /// The words as written, joined by single spaces (a storm's name alone
    /// is given its full name: see [`link_storm_names`]).
    pub surface: String,
    pub found: Found,
    /// The role written before a name ("Russian President" Vladimir Putin).
    pub role: Option<(Option<u32>, String)>,
    /// Preceded by a locative preposition ("in Paris").
    pub locative: bool,
    /// Followed by a speech verb ("Putin said").
    pub speaks: bool,
    /// Used like a sports team ("Chicago 5 Boston 3", "Kent beat Surrey").
    pub team: bool,
    /// Written as a thing talked about, not an actor: an illness ("tested
    /// positive for X", "the X pandemic") or a product ("X Linux").
    pub thing: bool,
}

/// In "X … H of Y" the head word H ("Eastern Ministry of Finance").
fn head_before_of(words: &[String]) -> Option<&str> {
    let of = words.iter().position(|w| w == "of")?;
    words.get(of.checked_sub(1)?).map(String::as_str)
}

/// One block's text and tokens, as the rules of a run read them.
#[derive(Clone, Copy)]
struct Block<'t> {
    text: &'t str,
    block: u32,
    tokens: &'t [Token],
}

/// Read-only context for finding names in one article.
pub struct Finder<'a> {
    pub gazetteer: &'a Gazetteer,
    pub stats: &'a CaseStats,
}

/// The word an English agent noun is made from: "forecasters" ->
/// "forecast", "campaigners" -> "campaign", "lobbyists" -> "lobby". Used
/// only for a sentence-initial word nothing else knows, so that a plural
/// of people ("Forecasters at the office said") is no name.
fn agent_noun_stem(lower: &str) -> Option<&str> {
    ["ers", "ors", "ists", "ians"]
        .iter()
        .find_map(|suffix| lower.strip_suffix(suffix))
        .filter(|stem| stem.chars().count() >= 4)
}

impl Finder<'_> {
    /// True when a capitalized `word` is probably an ordinary word here.
    ///
    /// The corpus speaks first (how the word is written mid-sentence), then
    /// general English: at a sentence start, a word English writes in lower
    /// case about as often as capitalized is ordinary ("Furthermore").
    /// A country's demonym ("French", "Dane", "Kenyan").
    fn is_demonym(&self, word: &str) -> bool {
        self.gazetteer
            .lookup(&key(word))
            .is_some_and(|forms| forms.iter().any(|f| f.role == FormRole::Demonym))
    }

    /// A word that is never (part of) a name, wherever it stands: "The",
    /// weekdays and months, contractions ("I'm", "We've", "Don't").
    fn is_never_name(&self, word: &str) -> bool {
        static NEVER: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> =
            std::sync::OnceLock::new();
        let never = NEVER.get_or_init(|| NEVER_NAME.iter().chain(DAYS_MONTHS.iter()).collect());
        let lower = word.to_lowercase().replace('’', "'");
        never.contains(lower.as_str())
            || ["'m", "'ve", "'ll", "'d", "'re", "n't"]
                .iter()
                .any(|t| lower.ends_with(t))
    }

    /// Whether `tokens[a]`, a word that is never a name alone ("New",
    /// "First"), opens the longer name `tokens[a..b]`: "the New Zealand
    /// Herald", "First Nations", "New People Party". Inside a sentence
    /// any capitalized word after it will do; at a sentence start ("New
    /// York Press reported") the next word must be one the corpus writes
    /// capitalized mid-sentence more often than not, so that a headline-like
    /// "New Rules" or "First Reports" opens nothing.
    fn opens_name(
        &self,
        text: &str,
        tokens: &[Token],
        (a, b): (usize, usize),
        start: bool,
    ) -> bool {
        if b - a < 2 || !NAME_OPENERS.contains(tokens[a].text(text).to_lowercase().as_str()) {
            return false;
        }
        let next = &tokens[a + 1];
        if !next.capitalized || next.all_caps {
            return false;
        }
        if !start {
            return true;
        }
        let lower = next.text(text).to_lowercase();
        let (cap, low) = self.stats.counts.get(&lower).copied().unwrap_or((0, 0));
        cap > low && !self.is_never_name(&lower)
    }

    /// "Cheng Chung-tai", "Kwok Ka-ki", "Kim Jong-un": `tokens[i]` is a
    /// hyphenated given name right after a family name, its parts short
    /// syllables English does not write (not "Kremlin-backed", "Ltd-run").
    fn is_hyphenated_given_name(&self, text: &str, tokens: &[Token], i: usize) -> bool {
        let after_family_name = i > 0
            && tokens[i - 1].is_word()
            && tokens[i - 1].capitalized
            && !tokens[i - 1].possessive
            && !self.is_never_name(tokens[i - 1].text(text))
            && !tokens[i].sentence_start
            && tokens[i - 1].end + 1 == tokens[i].start;
        let mut parts = tokens[i].text(text).split('-');
        after_family_name
            && parts.next().is_some_and(|first| {
                self.gazetteer.lookup(&key(first)).is_none()
                    && self.gazetteer.word_logprob(&first.to_lowercase()) < -11.5
            })
            && parts.all(|p| {
                let n = p.chars().count();
                p.chars().all(char::is_lowercase)
                    && (1..=6).contains(&n)
                    && !(n >= 4 && p.ends_with("ed"))
                    && !(n >= 6 && p.ends_with("ing"))
                    && (n <= 2 || self.gazetteer.word_logprob(p) < -11.0)
            })
    }

    fn is_ordinary(&self, word: &str, sentence_start: bool) -> bool {
        if self.is_never_name(word) {
            return true;
        }
        let lower = word.to_lowercase().replace('’', "'");
        let all_caps = !word.chars().any(char::is_lowercase);
        if self
            .gazetteer
            .lookup(&key(word))
            .is_some_and(|forms| forms.iter().any(|f| !f.acronym || all_caps))
            || self.gazetteer.first_names.contains(&lower)
        {
            return false;
        }
        let (cap, low) = self.stats.counts.get(&lower).copied().unwrap_or((0, 0));
        let lexicon = self.gazetteer.lexicon.get(&lower);
        if sentence_start {
            if low > cap {
                return true;
            }
            if cap > 0 {
                return false;
            }
            let known_lower = |w: &str| {
                self.gazetteer
                    .lexicon
                    .get(w)
                    .is_some_and(|s| s.lower > -17.0 && s.lower + 2.5 > s.capitalized)
            };
            return lexicon.is_some() && known_lower(&lower)
                || lower.strip_suffix('s').is_some_and(known_lower)
                || (lexicon.is_none()
                    && !self.gazetteer.surnames.contains(&lower)
                    && agent_noun_stem(&lower).is_some_and(known_lower));
        }
        // Mid-sentence: a capital is a strong signal unless the corpus and
        // general English both say this is a lower-case word.
        low > cap * 2 && self.gazetteer.is_common_word(word)
    }

    /// Finds candidates in one block.
    pub fn find(
        &self,
        text: &str,
        block: u32,
        tokens: &[Token],
        mode: CaseMode,
        out: &mut Vec<Candidate>,
    ) {
        let n = tokens.len();
        let mut consumed = vec![false; n];
        // In running text, a gazetteer form inside a longer capitalized run
        // counts only where the run is not one name: "Manchester United" and
        // "New York Stock Exchange" are names of their own, while "U.S.
        // President Donald Trump" and "Zaporizhzhia Nuclear Power Plant"
        // begin with a known name.
        let allowed: Option<FxHashSet<(usize, usize)>> =
            (mode == CaseMode::Normal).then(|| self.allowed_spans(text, tokens));
        let mut first = String::new();
        // 1. Gazetteer forms, longest first.
        let mut i = 0;
        let mut known_at: Vec<Option<(u32, FormRole)>> = vec![None; n];
        while i < n {
            if !tokens[i].is_word() || !(tokens[i].capitalized || mode == CaseMode::AllCaps) {
                i += 1;
                continue;
            }
            let mut matched = None;
            first.clear();
            super::gazetteer::push_key(&mut first, tokens[i].text(text));
            let max = self.gazetteer.longest_form_from(&first).min(n - i);
            for len in (1..=max).rev() {
                let span = &tokens[i..i + len];
                if span.iter().any(|t| t.kind == TokenKind::SentenceEnd) {
                    continue;
                }
                if allowed.as_ref().is_some_and(|a| !a.contains(&(i, len))) {
                    continue;
                }
                // Inner possessives end a name: "Russia’s Foreign Ministry" is two.
                if span[..len - 1]
                    .iter()
                    .any(|t| t.possessive && !possessive_inside_name(t.text(text)))
                {
                    continue;
                }
                let last = &span[len - 1];
                if mode == CaseMode::Normal && !(last.capitalized || last.kind == TokenKind::Number)
                {
                    continue;
                }
                let k = join_key(text, span);
                if let Some(forms) = self.gazetteer.lookup(&k) {
                    let caps = span.iter().all(|t| t.all_caps);
                    let forms: Vec<super::gazetteer::Form> = forms
                        .iter()
                        .copied()
                        .filter(|f| !f.acronym || caps)
                        .collect();
                    if forms.is_empty() {
                        continue;
                    }
                    let forms = &forms[..];
                    // "Vladimir Putin" is a person, not the city of Vladimir.
                    let next_capitalized = tokens
                        .get(i + len)
                        .is_some_and(|t| t.is_word() && t.capitalized);
                    if len == 1
                        && next_capitalized
                        && mode == CaseMode::Normal
                        && self.gazetteer.first_names.contains(&k)
                        && forms.iter().all(|f| {
                            self.gazetteer.entries[f.entry as usize].category == Category::Place
                        })
                    {
                        continue;
                    }
                    if len == 1
                        && mode == CaseMode::Normal
                        && tokens[i].sentence_start
                        && self.gazetteer.is_common_word(tokens[i].text(text))
                        && forms.iter().all(|f| f.role != FormRole::Name)
                    {
                        continue;
                    }
                    // "Queensland University of Technology", "Ohio State
                    // University", "Texas Department of Transportation": a
                    // place opening an organization's name is part of it.
                    if mode == CaseMode::Normal
                        && forms.iter().all(|f| {
                            self.gazetteer.entries[f.entry as usize].category == Category::Place
                        })
                        && opens_an_organization(text, tokens, i + len)
                    {
                        continue;
                    }
                    let at = Block {
                        text,
                        block,
                        tokens,
                    };
                    if let Some(form) = choose_form(self.gazetteer, forms, at, (i, i + len), mode) {
                        matched = Some((len, form));
                        break;
                    }
                }
            }
            let Some((len, (entry, role))) = matched else {
                if self.split_compound(text, block, &tokens[i], mode, out) {
                    consumed[i] = true;
                } else if tokens[i].text(text).contains('-')
                    && tokens[i].text(text).chars().any(char::is_lowercase)
                {
                    // "US-led", "Kremlin-backed": never a name of its own.
                    let parts_lower = tokens[i]
                        .text(text)
                        .split('-')
                        .skip(1)
                        .any(|p| p.starts_with(char::is_lowercase));
                    if parts_lower && !self.is_hyphenated_given_name(text, tokens, i) {
                        consumed[i] = true;
                    }
                }
                i += 1;
                continue;
            };
            // A demonym counts only in actor position ("Russian officials") or before a role.
            if role == FormRole::Demonym {
                let next = tokens
                    .get(i + len)
                    .filter(|t| t.is_word())
                    .map(|t| t.text(text).to_lowercase());
                if !next.is_some_and(|w| ACTOR_HEADS.contains(w.as_str())) {
                    for t in consumed.iter_mut().skip(i).take(len) {
                        *t = true;
                    }
                    i += len;
                    continue;
                }
            }
            for t in consumed.iter_mut().skip(i).take(len) {
                *t = true;
            }
            known_at[i] = Some((entry, role));
            // "the Russian leader", "Ukraine’s president": a role in lower case.
            if mode == CaseMode::Normal
                && matches!(role, FormRole::Demonym | FormRole::Name)
                && self.gazetteer.entries[entry as usize].category == Category::Country
                && let Some((role_len, role_name)) = lower_role_after(text, tokens, i + len)
            {
                out.push(Candidate {
                    block,
                    start: tokens[i + len].start,
                    end: tokens[i + len + role_len - 1].end,
                    surface: surface(text, &tokens[i + len..i + len + role_len]),
                    found: Found::Role {
                        country: Some(entry),
                        role: role_name,
                    },
                    role: None,
                    locative: false,
                    speaks: speaks(text, tokens, i + len + role_len),
                    team: false,
                    thing: false,
                });
            }
            // "The New York Times": the article is part of the form, not
            // of the name as a reader marks it.
            let lead = usize::from(len >= 2 && tokens[i].text(text).eq_ignore_ascii_case("the"));
            out.push(Candidate {
                block,
                start: tokens[i + lead].start,
                end: tokens[i + len - 1].end,
                surface: surface(text, &tokens[i + lead..i + len]),
                found: Found::Known { entry, role },
                role: None,
                locative: is_locative(text, tokens, i),
                speaks: speaks(text, tokens, i + len),
                team: plays(text, tokens, i, i + len),
                thing: false,
            });
            i += len;
        }
        if mode != CaseMode::Normal {
            return;
        }
        // 2. Capitalized runs among the rest.
        for (a, b) in runs(text, tokens, &consumed) {
            let at = Block {
                text,
                block,
                tokens,
            };
            self.take_run(at, (a, b), &known_at, out);
        }
    }

    /// True when every word but connectors is written in lower case more
    /// often than capitalized in general English ("Nuclear Power Plant").
    fn all_lower_case_words(&self, words: &[String]) -> bool {
        words
            .iter()
            .filter(|w| !CONNECTORS.contains(w.as_str()))
            .all(|w| {
                self.gazetteer
                    .lexicon
                    .get(w.as_str())
                    .is_some_and(|s| s.lower > s.capitalized)
            })
    }

    /// The (start, length) token spans where a gazetteer form may match in
    /// running text: whole capitalized runs, and known prefixes followed by
    /// a title or by ordinary words.
    fn allowed_spans(&self, text: &str, tokens: &[Token]) -> FxHashSet<(usize, usize)> {
        let mut allowed = FxHashSet::default();
        let none = vec![false; tokens.len()];
        for (a, b) in runs(text, tokens, &none) {
            allowed.insert((a, b - a));
            // Known names with lower-case words inside: "Council on Foreign Relations".
            let max = self.gazetteer.max_form_tokens.min(tokens.len() - a);
            for len in (b - a + 1)..=max {
                let span = &tokens[a..a + len];
                let inner_ok = span.iter().all(|t| {
                    t.is_word()
                        && (t.capitalized
                            || matches!(
                                t.text(text),
                                "on" | "for" | "and" | "of" | "the" | "de" | "in"
                            ))
                });
                if inner_ok
                    && span[len - 1].capitalized
                    && self.gazetteer.lookup(&join_key(text, span)).is_some()
                {
                    allowed.insert((a, len));
                }
            }
            let mut start = a;
            while start < b
                && !self.opens_name(
                    text,
                    tokens,
                    (start, b),
                    tokens[start].sentence_start || start == 0,
                )
                && self.is_ordinary(
                    tokens[start].text(text),
                    tokens[start].sentence_start || start == 0,
                )
            {
                start += 1;
            }
            if start >= b {
                continue;
            }
            allowed.insert((start, b - start));
            // "Amy Klobuchar of Minnesota": a person, then where they are
            // from; the place may be matched on its own.
            if let Some(of) =
                (start + 2..b.saturating_sub(1)).find(|&j| tokens[j].text(text) == "of")
                && self.names_a_person(text, &tokens[start..of])
            {
                let mut place = of + 1;
                if tokens[place].text(text).eq_ignore_ascii_case("the") {
                    place += 1;
                }
                if place < b {
                    allowed.insert((place, b - place));
                }
            }
            // Hyphenated words are looked at part by part elsewhere; single
            // tokens of a run may always be tried when the run is split below.
            // Only prefixes as long as a gazetteer form can be (a run of
            // 10,000 capitals must not cost 10,000² work).
            for k in 1..(b - start).min(self.gazetteer.max_form_tokens + 1) {
                let key = join_key(text, &tokens[start..start + k]);
                if self.gazetteer.lookup(&key).is_none() {
                    continue;
                }
                let next = tokens[start + k].text(text).to_lowercase();
                let rest = lower_words(text, &tokens[start + k..b]);
                let last = rest.last().map_or("", String::as_str);
                let ordinary_rest = !ORG_LAST.contains(last)
                    && !PLACE_LAST.contains(last)
                    && self.all_lower_case_words(&rest);
                if TITLES.contains(next.trim_end_matches('.'))
                    || ordinary_rest
                    || self.person_after_place(&key, &rest)
                {
                    allowed.insert((start, k));
                }
            }
        }
        allowed
    }

    /// Whether `span` (titles at its front aside) is a person's full name:
    /// two or more capitalized words, none a connector, the last no
    /// organization or place word and a surname or no common word
    /// ("Elizabeth Warren", not "Mahan Air"), and either the first a given
    /// name or two or three words none of them common ("Eliud Kipchoge",
    /// whose given name the list lacks; not "Islamic State").
    fn names_a_person(&self, text: &str, span: &[Token]) -> bool {
        let words = lower_words(text, span);
        let titles = words
            .iter()
            .take_while(|w| TITLES.contains(w.trim_end_matches('.')))
            .count();
        let name = &words[titles..];
        let Some(last) = name.last() else {
            return false;
        };
        name.len() >= 2
            && span[titles..].iter().all(|t| t.capitalized)
            && (self.gazetteer.first_names.contains(name[0].as_str())
                || (name.len() <= 3
                    && span[titles..].iter().all(|t| !t.all_caps)
                    && !name.iter().any(|w| self.gazetteer.is_common_word(w))))
            && !name.iter().any(|w| CONNECTORS.contains(w.as_str()))
            && !ORG_LAST.contains(last.as_str())
            && !ORG_FIRST.contains(name[0].as_str())
            && !PLACE_LAST.contains(last.as_str())
            && (self.gazetteer.surnames.contains(last.as_str())
                || !self.gazetteer.is_common_word(last))
    }

    /// A place glued to the person named after it ("Senator from Vermont
    /// Bernie Sanders"): `place` is the name of a place or country and no
    /// given name itself (so "Chad Michael Murray" and "Jordan Henderson"
    /// stay whole), no longer known name begins with it ("San Francisco
    /// Bay Area"), and `rest` is two or more words beginning with a given
    /// name and ending in no organization or place word.
    fn person_after_place(&self, place: &str, rest: &[String]) -> bool {
        let is_place_name = |forms: &[super::gazetteer::Form]| {
            forms.iter().all(|f| {
                f.role == FormRole::Name
                    && matches!(
                        self.gazetteer.entries[f.entry as usize].category,
                        Category::Place | Category::Country
                    )
            })
        };
        let mut longer = place.to_owned();
        rest.len() >= 2
            && !self.gazetteer.first_names.contains(place)
            // A given name, or two or three words English never writes
            // ("the United States Hamdullah Mohib").
            && (self.gazetteer.first_names.contains(rest[0].as_str())
                || (rest.len() <= 3
                    && rest.iter().all(|w| {
                        !self.gazetteer.is_common_word(w) && !ORG_FIRST.contains(w.as_str())
                    })))
            && rest
                .last()
                .is_some_and(|l| !ORG_LAST.contains(l) && !PLACE_LAST.contains(l))
            && self.gazetteer.lookup(place).is_some_and(is_place_name)
            && rest.iter().all(|w| {
                longer.push(' ');
                longer.push_str(w);
                self.gazetteer.lookup(&key(&longer)).is_none()
            })
    }

    /// Classifies the run `tokens[a..b]` of `at` and pushes what it names;
    /// `known_at` marks the gazetteer forms already matched in the block.
    fn take_run(
        &self,
        at: Block<'_>,
        (mut a, mut b): (usize, usize),
        known_at: &[Option<(u32, FormRole)>],
        out: &mut Vec<Candidate>,
    ) {
        let Block {
            text,
            block,
            tokens,
        } = at;
        // "if I am in Iran I should get out": the pronoun ends no name;
        // "Elizabeth I" and "World War I" keep their number.
        if b - a >= 2 && tokens[b - 1].text(text) == "I" {
            let before = tokens[b - 2].text(text).to_lowercase();
            if before != "war" && !self.gazetteer.first_names.contains(&before) {
                b -= 1;
            }
        }
        // "at Washington State University Simon Ličen": an organization's or
        // place's last word, then a person's full name, is two names.
        // So is an acronym before a given name ("NASA Bill Ingalls"), but
        // not a ship's prefix ("USS John McCain").
        if let Some(k) = (a + 1..b.saturating_sub(1)).find(|&k| {
            let before = tokens[k - 1].text(text);
            let last = before.to_lowercase();
            let acronym = tokens[k - 1].all_caps
                && (2..=6).contains(&before.chars().count())
                && before.chars().all(char::is_alphabetic)
                && !matches!(
                    before,
                    "USS" | "HMS" | "RMS" | "HMAS" | "HMCS" | "MV" | "SS"
                )
                && self
                    .gazetteer
                    .first_names
                    .contains(&tokens[k].text(text).to_lowercase());
            (ORG_LAST.contains(last.as_str()) || PLACE_LAST.contains(last.as_str()) || acronym)
                && (2..=3).contains(&(b - k))
                && self.names_a_person(text, &tokens[k..b])
                && (self
                    .gazetteer
                    .first_names
                    .contains(&tokens[k].text(text).to_lowercase())
                    || self
                        .gazetteer
                        .surnames
                        .contains(&tokens[b - 1].text(text).to_lowercase()))
                // "Secretary of State John Kerry": a role, read below.
                && !tokens[a..=k].iter().any(|t| {
                    is_title_word(t.text(text))
                })
        }) {
            self.take_run(at, (a, k), known_at, out);
            self.take_run(at, (k, b), known_at, out);
            return;
        }
        // Ordinary words at the front ("However", "The", "Despite"). Inside
        // a sentence a capitalized common word before more of the name is
        // part of it ("during World War II", "the Supreme Court"): only
        // words that are never names are dropped there.
        while a < b && {
            let word = tokens[a].text(text);
            let start = tokens[a].sentence_start || a == 0;
            let storm = || {
                STORM_WORDS.contains(word.to_lowercase().as_str()) && {
                    storm_name(&lower_words(text, &tokens[a..b])).is_some()
                }
            };
            if self.opens_name(text, tokens, (a, b), start) || storm() {
                false
            } else if start || b - a < 2 {
                self.is_ordinary(word, start)
            } else {
                self.is_never_name(word)
            }
        } {
            a += 1;
        }
        if a >= b {
            return;
        }
        // Titles and roles at the front.
        let mut title_end = a;
        let is_title = |i: usize| is_title_word(tokens[i].text(text));
        while title_end < b
            && is_title(title_end)
            // "First Lady", "First Minister" are titles; "First Nations" is a name.
            && !(NAME_OPENERS.contains(tokens[title_end].text(text).to_lowercase().as_str())
                && !(title_end + 1 < b && is_title(title_end + 1)))
        {
            title_end += 1;
        }
        // "Transport Secretary Anna Keller", "Green MP Tom Ashby": a title
        // word inside the run, then a given name and a surname or two, is a
        // role glued on (the words before the title qualify it).
        if title_end == a
            && let Some(k) = (a + 1..b.saturating_sub(2)).rev().find(|&k| {
                let word = |i: usize| tokens[i].text(text).to_lowercase();
                TITLES.contains(word(k).trim_end_matches('.'))
                    && (2..=3).contains(&(b - k - 1))
                    && self.gazetteer.first_names.contains(&word(k + 1))
                    && !TITLES.contains(word(k + 1).as_str())
            })
        {
            title_end = k + 1;
        }
        // "Secretary of State": a connector inside the title.
        while title_end + 1 < b
            && tokens[title_end].text(text) == "of"
            && TITLES.contains(tokens[title_end + 1].text(text).to_lowercase().as_str())
        {
            title_end += 2;
        }
        // "Governor of Washington Chris Gregoire", "Minister of Education
        // Stefania Giannini": what the title is of, then the person, whose
        // name it is.
        let person_after_role =
            (title_end > a && title_end + 2 < b && tokens[title_end].text(text) == "of")
                .then(|| {
                    let known = |i: usize, list: &FxHashSet<String>| {
                        list.contains(&tokens[i].text(text).to_lowercase())
                    };
                    let given = |k: usize| known(k, &self.gazetteer.first_names);
                    let starts: Vec<usize> = (title_end + 2..b - 1)
                        .filter(|&k| {
                            (2..=3).contains(&(b - k))
                            // A qualifier of ordinary words ("of Education",
                            // "of Homeland Security") needs no known name after it.
                            && (self.all_lower_case_words(&lower_words(text, &tokens[title_end + 1..k]))
                                || given(k)
                                || known(b - 1, &self.gazetteer.surnames))
                            && !CONNECTORS.contains(tokens[k].text(text))
                            && self.names_a_person(text, &tokens[k..b])
                        })
                        .collect();
                    // The latest start that makes a person's name, unless an
                    // earlier one is a given name ("Mary Jo White").
                    starts
                        .iter()
                        .copied()
                        .find(|&k| given(k))
                        .or(starts.last().copied())
                })
                .flatten();
        // "National Hurricane Center", "Health Department": title words
        // that open an organization's name belong to it (not "Chief
        // Executive of Acme Corp", where a connector follows the title).
        if title_end > a
            && title_end < b
            && !CONNECTORS.contains(tokens[title_end].text(text))
            && ORG_LAST.contains(tokens[b - 1].text(text).to_lowercase().as_str())
        {
            title_end = a;
        }
        let role_words = if title_end > a {
            Some(lower_words(text, &tokens[a..title_end]).join(" "))
        } else {
            None
        };
        // The country before the role: "Russian President", "Ukraine’s President", "U.S. President".
        let role_country = (a > 0)
            .then(|| known_at[..a].iter().rev().take(2).find_map(|k| *k))
            .flatten()
            .and_then(|(entry, role)| {
                (self.gazetteer.entries[entry as usize].category == Category::Country
                    && matches!(role, FormRole::Demonym | FormRole::Name))
                .then_some(entry)
            });
        let role = role_words.map(|words| (role_country, normalize_role(&words)));
        // "Minister of State for Trade Policy", "Secretary for Foreign
        // Affairs": a title and what it is for, in ordinary words, is a
        // role alone.
        let qualifier_only = person_after_role.is_none()
            && title_end > a
            && title_end + 1 < b
            && matches!(tokens[title_end].text(text), "of" | "for")
            && self.all_lower_case_words(&lower_words(text, &tokens[title_end + 1..b]));
        let mut name_start = if qualifier_only {
            b
        } else {
            person_after_role.unwrap_or(title_end)
        };
        // Trailing connectors never end a name.
        let mut name_end = b;
        while name_end > name_start && CONNECTORS.contains(tokens[name_end - 1].text(text)) {
            name_end -= 1;
        }
        while name_start < name_end && CONNECTORS.contains(tokens[name_start].text(text)) {
            name_start += 1;
        }
        // "Trade Policy", "Foreign Affairs": a portfolio that is also a
        // title ("Trade Minister") before one ordinary word is a phrase,
        // not a role and a person's name ("President Trump", "Prime
        // Minister May" keep theirs).
        if title_end > a && name_end == name_start + 1 && {
            const PORTFOLIOS: [&str; 11] = [
                "trade",
                "foreign",
                "health",
                "finance",
                "defence",
                "defense",
                "interior",
                "energy",
                "justice",
                "home",
                "transport",
            ];
            let portfolio = tokens[title_end - 1].text(text).to_lowercase();
            let word = tokens[name_start].text(text);
            let lower = word.to_lowercase();
            PORTFOLIOS.contains(&portfolio.as_str())
                && self.gazetteer.is_common_word(word)
                && !self.gazetteer.first_names.contains(&lower)
        } {
            return;
        }
        // "King", "Major": a title word alone that is also a surname is a name.
        if name_start >= name_end
            && b - a == 1
            && role_country.is_none()
            && self
                .gazetteer
                .surnames
                .contains(&tokens[a].text(text).to_lowercase())
        {
            name_start = a;
            name_end = b;
        }
        if name_start >= name_end {
            // "the President of the United States".
            let role = role.map(|(country, words)| {
                (
                    country.or_else(|| self.country_after_of(text, tokens, title_end)),
                    words,
                )
            });
            // A role alone: resolvable later ("the US President").
            if let Some((country, role)) = role
                && ROLE_HEADS.contains(role.as_str())
                && title_end > a
            {
                out.push(Candidate {
                    block,
                    start: tokens[a].start,
                    end: tokens[title_end - 1].end,
                    surface: surface(text, &tokens[a..title_end]),
                    found: Found::Role { country, role },
                    role: None,
                    locative: false,
                    speaks: speaks(text, tokens, title_end),
                    team: false,
                    thing: false,
                });
            }
            return;
        }
        // "Dane Mikkel Holm", "Kenyan Amara Diallo": a nationality glued
        // before a person's name is not part of it.
        if name_end - name_start >= 3
            && self.is_demonym(tokens[name_start].text(text))
            && self.names_a_person(text, &tokens[name_start + 1..name_end])
        {
            self.take_run(at, (name_start + 1, b), known_at, out);
            return;
        }
        // "Bill Gerstenmaier of NASA", "Amara Diallo of Senegal": a person,
        // then where they work or come from, are two names.
        if let Some(of) =
            (name_start + 2..name_end.saturating_sub(1)).find(|&j| tokens[j].text(text) == "of")
            && self.names_a_person(text, &tokens[name_start..of])
        {
            // The person with any title before it, so its role is read.
            self.take_run(at, (a, of), known_at, out);
            let mut rest = of + 1;
            if rest < b && tokens[rest].text(text).eq_ignore_ascii_case("the") {
                rest += 1;
            }
            if rest < b {
                // "of Vermont": a known place or organization is that entry.
                let caps = tokens[rest..b].iter().all(|t| t.all_caps);
                let known = self
                    .gazetteer
                    .lookup(&join_key(text, &tokens[rest..b]))
                    .and_then(|forms| {
                        let forms: Vec<super::gazetteer::Form> = forms
                            .iter()
                            .copied()
                            .filter(|f| !f.acronym || caps)
                            .collect();
                        choose_form(self.gazetteer, &forms, at, (rest, b), CaseMode::Normal)
                    });
                match known {
                    Some((entry, role)) => out.push(Candidate {
                        block,
                        start: tokens[rest].start,
                        end: tokens[b - 1].end,
                        surface: surface(text, &tokens[rest..b]),
                        found: Found::Known { entry, role },
                        role: None,
                        locative: false,
                        speaks: false,
                        team: false,
                        thing: false,
                    }),
                    None => self.take_run(at, (rest, b), known_at, out),
                }
            }
            return;
        }
        let span = &tokens[name_start..name_end];
        // "E. coli": an initial alone names nobody.
        if span.len() == 1 && {
            let word = span[0].text(text);
            word.ends_with('.') && word.chars().count() == 2
        } {
            return;
        }
        // "the Hindi language", "Hindi language:": a language, not an actor.
        if !span[span.len() - 1].possessive
            && tokens
                .get(name_end)
                .is_some_and(|t| matches!(t.text(text), "language" | "languages"))
        {
            return;
        }
        let words = lower_words(text, span);
        let first = words[0].as_str();
        let last = words[words.len() - 1].as_str();
        // A single ordinary adjective before a lower-case noun ("Western capitals").
        if span.len() == 1 && role.is_none() {
            let next_lower = tokens
                .get(name_end)
                .is_some_and(|t| t.is_word() && !t.capitalized);
            let word = span[0].text(text);
            let (cap, low) = self.stats.counts.get(first).copied().unwrap_or((0, 0));
            let adjective = is_adjective_like(first) && !speaks(text, tokens, name_end);
            if next_lower && (adjective || (low * 2 >= cap && self.gazetteer.is_common_word(word)))
            {
                return;
            }
            if word.chars().count() < 2 {
                return;
            }
            // The ordinary remainder of a run that began with a known name ("U.S. Open").
            let split_off = name_start > 0
                && known_at[name_start - 1].is_some()
                && tokens[name_start - 1].end + 1 >= span[0].start;
            if split_off && self.gazetteer.is_common_word(word) {
                return;
            }
        }
        let person_cue = (role.is_some() || aged(text, tokens, name_end))
            && !words.iter().any(|w| ORG_LAST.contains(w.as_str()));
        // A capitalized common-noun phrase ("Nuclear Power Plant", "Western
        // Support") is a topic, not a name.
        if span.len() >= 2
            && !person_cue
            && !ORG_LAST.contains(last)
            && !PLACE_LAST.contains(last)
            && !self.gazetteer.first_names.contains(first)
            && span
                .iter()
                .all(|t| t.capitalized || CONNECTORS.contains(t.text(text)))
            && self.all_lower_case_words(&words)
        {
            return;
        }
        let initials = span.len() >= 2
            && span[0].text(text).ends_with('.')
            && span[0].text(text).chars().count() <= 4;
        // "French Wikinews", "Australian Open": a name opening with a
        // nationality is no person's by its shape.
        let demonym_first = span.len() >= 2 && self.is_demonym(span[0].text(text));
        let guess = if person_cue {
            Some(Category::Person)
        } else if demonym_first
            && !self.gazetteer.first_names.contains(first)
            && speaks(text, tokens, name_end)
        {
            // "English Wikinews said", "Russian Railways said": what
            // speaks under a name opening with a nationality is an
            // organization (no person's name has that shape).
            Some(Category::Organization)
        } else if tokens.get(name_end).is_some_and(|t| {
            t.is_word()
                && matches!(
                    t.text(text).to_lowercase().as_str(),
                    "newspaper" | "tabloid" | "magazine" | "broadsheet" | "broadcaster" | "daily"
                )
        }) {
            // "Britain's Sun newspaper", "the Bild tabloid": a paper.
            Some(Category::Organization)
        } else if tokens
            .get(name_end)
            .is_some_and(|t| t.kind == TokenKind::Number && is_iso_date(t.text(text)))
        {
            // A dateline: "ESCHEN 1996-08-28" (not a bowler's figures,
            // "Vaas 9-0-49-1").
            Some(Category::Place)
        } else if ORG_LAST.contains(last)
            || ORG_FIRST.contains(first)
            || head_before_of(&words).is_some_and(|h| ORG_LAST.contains(h) || ORG_FIRST.contains(h))
            || (span.len() == 1 && span[0].all_caps && (2..=5).contains(&last.chars().count()))
        {
            Some(Category::Organization)
        } else if PLACE_LAST.contains(last) && span.len() >= 2 {
            Some(Category::Place)
        } else if span.len() >= 2
            && !demonym_first
            && (self.gazetteer.first_names.contains(first)
                || initials
                || self.gazetteer.surnames.contains(last))
        {
            Some(Category::Person)
        } else if (span.len() == 1 && self.gazetteer.surnames.contains(first))
            || ((2..=3).contains(&span.len())
                && !demonym_first
                && span.iter().all(|t| t.capitalized && !t.all_caps)
                && !words.iter().any(|w| self.gazetteer.is_common_word(w)))
        {
            // Two or three uncommon capitalized words with no other cue: most
            // often a person's full name ("Waqar Younis"), unless they play
            // ("Deportivo Coruna 2", "Ruch Chorzow beat"): a club, whose
            // name has no given name to make it a person's.
            if span.len() >= 2 && plays(text, tokens, name_start, name_end) {
                Some(Category::Organization)
            } else {
                Some(Category::Person)
            }
        } else {
            None
        };
        out.push(Candidate {
            block,
            start: span[0].start,
            end: span[span.len() - 1].end,
            surface: surface(text, span),
            found: Found::Name { guess, person_cue },
            role,
            locative: title_end == a && is_locative_unknown(text, tokens, name_start),
            speaks: speaks(text, tokens, name_end),
            team: plays(text, tokens, name_start, name_end),
            thing: ill(text, tokens, name_start, name_end)
                || (span.len() >= 2 && PRODUCT_LAST.contains(last))
                || storm_name(&words).is_some(),
        });
    }
}

/// The words of `span` in lower case.
fn lower_words(text: &str, span: &[Token]) -> Vec<String> {
    span.iter().map(|t| t.text(text).to_lowercase()).collect()
}

/// A title word as written ("President", "Sen.").
fn is_title_word(word: &str) -> bool {
    TITLES.contains(word.to_lowercase().trim_end_matches('.'))
}

/// In a storm's name ("Hurricane Lorenzo", "Tropical Storm Barry"), the
/// storm's own name; `words` are lower case.
fn storm_name(words: &[String]) -> Option<&str> {
    let (name, before) = words.split_last()?;
    // "Super" or "Tropical" alone opens no storm ("Super Bowl").
    let core = |w: &String| !matches!(w.as_str(), "tropical" | "subtropical" | "super" | "severe");
    (before.iter().all(|w| STORM_WORDS.contains(w.as_str())) && before.iter().any(core))
        .then_some(name.as_str())
}

/// Within one article's candidates, a storm's name alone ("Lorenzo
/// weakened" after "Hurricane Lorenzo") or with another rank ("Tropical
/// Storm Lorenzo") is that storm: a thing, under the article's first full
/// name for it so that all are one topic.
pub fn link_storm_names(found: &mut [Candidate]) {
    let mut storms: HashMap<String, String> = HashMap::default();
    for c in found
        .iter()
        .filter(|c| matches!(c.found, Found::Name { .. }))
    {
        let words: Vec<String> = c.surface.split(' ').map(str::to_lowercase).collect();
        if let Some(name) = storm_name(&words) {
            storms
                .entry(name.to_owned())
                .or_insert_with(|| c.surface.clone());
        }
    }
    if storms.is_empty() {
        return;
    }
    // "Tropical Storm Humberto … Hurricane Humberto": one storm, under the
    // article's first name for it.
    for c in found.iter_mut() {
        if !matches!(c.found, Found::Name { .. }) {
            continue;
        }
        let words: Vec<String> = c.surface.split(' ').map(str::to_lowercase).collect();
        let name = match storm_name(&words) {
            Some(name) => name,
            None if words.len() == 1 => words[0].as_str(),
            None => continue,
        };
        if let Some(full) = storms.get(name) {
            c.surface.clone_from(full);
            c.thing = true;
        }
    }
}

impl Finder<'_> {
    /// Names inside a hyphenated word: "Russia-Ukraine" → Russia, Ukraine.
    fn split_compound(
        &self,
        text: &str,
        block: u32,
        token: &Token,
        mode: CaseMode,
        out: &mut Vec<Candidate>,
    ) -> bool {
        let word = token.text(text);
        if !word.contains('-') {
            return false;
        }
        let before = out.len();
        let mut offset = token.start;
        for part in word.split('-') {
            let start = offset;
            offset += part.len() + 1;
            let capitalized = part.chars().next().is_some_and(char::is_uppercase);
            if !capitalized && mode != CaseMode::AllCaps {
                continue;
            }
            let all_caps = !part.chars().any(char::is_lowercase);
            let Some(forms) = self.gazetteer.lookup(&key(part)) else {
                continue;
            };
            let Some(form) = forms.iter().find(|f| {
                (!f.acronym || all_caps)
                    && matches!(
                        f.role,
                        FormRole::Name | FormRole::StandIn | FormRole::Capital
                    )
            }) else {
                continue;
            };
            let role = if form.role == FormRole::Capital {
                FormRole::Capital
            } else {
                form.role
            };
            out.push(Candidate {
                block,
                start,
                end: start + part.len(),
                surface: part.to_owned(),
                found: Found::Known {
                    entry: form.entry,
                    role,
                },
                role: None,
                locative: false,
                speaks: false,
                team: false,
                thing: false,
            });
        }
        out.len() > before
    }

    /// The country in "of [the] Country" starting at `i`.
    fn country_after_of(&self, text: &str, tokens: &[Token], mut i: usize) -> Option<u32> {
        if tokens.get(i).is_none_or(|t| t.text(text) != "of") {
            return None;
        }
        i += 1;
        if tokens
            .get(i)
            .is_some_and(|t| t.text(text).eq_ignore_ascii_case("the"))
        {
            i += 1;
        }
        for len in (1..=3).rev() {
            let Some(span) = tokens.get(i..i + len) else {
                continue;
            };
            if let Some(forms) = self.gazetteer.lookup(&join_key(text, span))
                && let Some(f) = forms.iter().find(|f| {
                    f.role == FormRole::Name
                        && self.gazetteer.entries[f.entry as usize].category == Category::Country
                })
            {
                return Some(f.entry);
            }
        }
        None
    }
}

/// A lower-case role right after `i` not followed by a name: (tokens, role).
fn lower_role_after(text: &str, tokens: &[Token], i: usize) -> Option<(usize, String)> {
    for len in (1..=3).rev() {
        let span = tokens.get(i..i + len)?;
        if span.iter().any(|t| !t.is_word() || t.capitalized) {
            continue;
        }
        let words = normalize_role(&surface(text, span).to_lowercase());
        if ROLE_HEADS.contains(words.as_str()) {
            let named = tokens
                .get(i + len)
                .is_some_and(|t| t.is_word() && t.capitalized);
            return (!named).then_some((len, words));
        }
    }
    None
}

/// Maximal runs of capitalized words (with inner connectors such as "of",
/// "von der"), ended by punctuation, a lower-case word or a possessive.
fn runs(text: &str, tokens: &[Token], consumed: &[bool]) -> Vec<(usize, usize)> {
    let n = tokens.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        let t = &tokens[i];
        if consumed[i] || !t.is_word() || !t.capitalized {
            i += 1;
            continue;
        }
        let run_start = i;
        let mut j = i + 1;
        let mut stop_after = t.possessive && !possessive_inside_name(t.text(text));
        while j < n && !stop_after {
            let u = &tokens[j];
            if consumed[j] || !u.is_word() || u.sentence_start {
                break;
            }
            if u.capitalized && !DAYS_MONTHS.contains(u.text(text).to_lowercase().as_str()) {
                stop_after = u.possessive && !possessive_inside_name(u.text(text));
                j += 1;
                continue;
            }
            let lower = u.text(text);
            // "von der Leyen": connectors may chain before the next capital.
            let mut k = j + 1;
            while k < n
                && k < j + 3
                && tokens[k].is_word()
                && CONNECTORS.contains(tokens[k].text(text))
            {
                k += 1;
            }
            let next_cap = tokens
                .get(k)
                .is_some_and(|v| v.is_word() && v.capitalized && !consumed[k]);
            if CONNECTORS.contains(lower) && next_cap {
                j += 1;
                continue;
            }
            break;
        }
        out.push((run_start, j));
        i = j.max(i + 1);
    }
    out
}

/// A possessive that names who an institution is for, inside its name:
/// "the Korean People's Army", "the Workers' Party", "Children's
/// Hospital", "King's College". Any other possessive ends a name:
/// "Russia's Foreign Ministry" is two.
fn possessive_inside_name(word: &str) -> bool {
    const FOR_WHOM: [&str; 14] = [
        "people", "peoples", "workers", "women", "children", "farmers", "citizens", "veterans",
        "men", "teachers", "nurses", "miners", "king", "queen",
    ];
    FOR_WHOM.iter().any(|w| word.eq_ignore_ascii_case(w))
}

fn is_adjective_like(word: &str) -> bool {
    ["ern", "ean", "ian", "ese", "ish", "ic", "ist", "ive", "al"]
        .iter()
        .any(|s| word.ends_with(s))
}

/// Picks the form to use when a span matches several entries: a capital is a
/// place after a locative preposition and in datelines, the state elsewhere.
/// Which of the gazetteer `forms` matched at `tokens[i..end]` is meant: a
/// capital that is also a place is the place after a locative or in a
/// dateline, else the state it stands in for; otherwise a name before a
/// stand-in.
fn choose_form(
    g: &Gazetteer,
    forms: &[super::gazetteer::Form],
    at: Block<'_>,
    (i, end): (usize, usize),
    mode: CaseMode,
) -> Option<(u32, FormRole)> {
    let Block { text, tokens, .. } = at;
    let len = end - i;
    let capital = forms.iter().find(|f| f.role == FormRole::Capital);
    let place = forms.iter().find(|f| {
        f.role == FormRole::Name && g.entries[f.entry as usize].category == Category::Place
    });
    if let (Some(capital), Some(place)) = (capital, place) {
        let locative = is_locative(text, tokens, i);
        let dateline = mode != CaseMode::Normal
            || tokens
                .get(i + len)
                .is_some_and(|t| t.kind == TokenKind::Number);
        return Some(if locative || dateline {
            (place.entry, FormRole::Name)
        } else {
            (capital.entry, FormRole::Capital)
        });
    }
    let best = forms
        .iter()
        .find(|f| f.role == FormRole::Name)
        .or_else(|| forms.iter().find(|f| f.role == FormRole::StandIn))
        .or_else(|| forms.first())?;
    Some((best.entry, best.role))
}

fn is_locative(text: &str, tokens: &[Token], i: usize) -> bool {
    locative_word(text, tokens, i).is_some()
}

/// Like [`is_locative`] for a name the gazetteer does not know: "to" and
/// "via" say where a known place is ("flew to Kyiv") but are as often the
/// way to an organization or a service ("according to Reuters", "posted
/// to Twitter", "via Skype"), so they are no evidence of an unknown place.
fn is_locative_unknown(text: &str, tokens: &[Token], i: usize) -> bool {
    locative_word(text, tokens, i).is_some_and(|w| w != "to" && w != "via")
}

fn locative_word(text: &str, tokens: &[Token], i: usize) -> Option<String> {
    let mut k = i;
    // Skip a determiner: "in the Donbas".
    if k > 0 && tokens[k - 1].is_word() && tokens[k - 1].text(text).eq_ignore_ascii_case("the") {
        k -= 1;
    }
    let word =
        (k > 0 && tokens[k - 1].is_word()).then(|| tokens[k - 1].text(text).to_lowercase())?;
    LOCATIVE.contains(word.as_str()).then_some(word)
}

/// A name used like a team: next to a score, or to a verb of sport.
fn plays(text: &str, tokens: &[Token], start: usize, end: usize) -> bool {
    let before = start.checked_sub(1).and_then(|i| tokens.get(i));
    let after = tokens.get(end);
    let score = |t: Option<&Token>| {
        t.is_some_and(|t| t.kind == TokenKind::Number && t.text(text).len() <= 4)
    };
    let sport = |t: Option<&Token>| {
        t.is_some_and(|t| t.is_word() && PLAY.contains(t.text(text).to_lowercase().as_str()))
    };
    // A score is a result ("5-3", "429-7"), a number between two sides
    // ("Orrell 13 Bath 56"), before more figures (a table's row) or ending
    // a clause ("Warwickshire 195, Surrey 429-7"): "Studio 54 with",
    // "Category 4 hurricane", "Wild 2 (pronounced" are names with a number.
    let score_line = score(after)
        && (after.is_some_and(|t| t.text(text).contains('-'))
            || score(before)
            || tokens.get(end + 1).is_none_or(|t| {
                t.kind == TokenKind::Number
                    || t.kind == TokenKind::SentenceEnd
                    || (t.is_word() && t.capitalized)
                    || matches!(t.text(text), "," | ";")
            })
            // "Durham 114 (S. Watkin 4-28) and 81-3", "Glamorgan 259 and
            // 207": a score card.
            || tokens.get(end + 1).zip(tokens.get(end + 2)).is_some_and(|(t, u)| {
                (t.text(text) == "(" && u.is_word() && u.capitalized)
                    || (matches!(t.text(text), "and" | "for") && u.kind == TokenKind::Number)
            }));
    score_line || sport(after) || sport(before)
}

/// A name written as an illness is: "tested positive for X", "died of X",
/// "contracted X", "the X pandemic", "X infections", "X positive", "the X
/// outbreak", "X disease". Only words that say illness on their
/// own: not "patients" (NHS patients) nor "vaccine" (the Pfizer vaccine).
fn ill(text: &str, tokens: &[Token], start: usize, end: usize) -> bool {
    const AFTER: [&str; 10] = [
        "pandemic",
        "epidemic",
        "outbreak",
        "disease",
        "infection",
        "infections",
        "symptoms",
        "virus",
        "positive",
        "negative",
    ];
    const JUST_BEFORE: [&str; 3] = ["contracted", "contracting", "contract"];
    const BEFORE: [(&str, &str); 13] = [
        ("living", "with"),
        ("tested", "for"),
        ("outbreak", "of"),
        ("positive", "for"),
        ("negative", "for"),
        ("infected", "with"),
        ("diagnosed", "with"),
        ("died", "of"),
        ("died", "from"),
        ("deaths", "from"),
        ("suffering", "from"),
        ("cases", "of"),
        ("vaccinated", "against"),
    ];
    let word = |i: usize| {
        tokens
            .get(i)
            .filter(|t| t.is_word())
            .map(|t| t.text(text).to_lowercase())
    };
    let after = word(end).is_some_and(|w| AFTER.contains(&w.as_str()));
    let before = start >= 2
        && word(start - 2)
            .zip(word(start - 1))
            .is_some_and(|(a, b)| BEFORE.iter().any(|(x, y)| *x == a && *y == b));
    let just_before =
        start >= 1 && word(start - 1).is_some_and(|w| JUST_BEFORE.contains(&w.as_str()));
    // "the COVID-19 Pandemic" in a title: the illness word inside the name.
    let last_word = end > start
        && word(end - 1).is_some_and(|w| {
            matches!(w.as_str(), "pandemic" | "epidemic" | "outbreak" | "disease")
        });
    after || before || just_before || last_word
}

/// The capitalized words from `from` on (joined by "of", "for", "and",
/// "&") have a word that ends organizations' names ("University",
/// "Department", "Police") last or before a connector ("University of
/// Technology", "Department of Transportation"): what goes before them
/// opens that name. Not "Police Chief Anna Keller": a title follows.
fn opens_an_organization(text: &str, tokens: &[Token], from: usize) -> bool {
    let mut org_before = false;
    for t in tokens.iter().skip(from).take(6) {
        let word = t.text(text);
        if t.is_word() && t.capitalized && !t.all_caps {
            org_before = ORG_LAST.contains(word.to_lowercase().as_str());
        } else if t.is_word() && matches!(word, "of" | "for" | "and" | "&") {
            if org_before {
                return true;
            }
        } else {
            break;
        }
    }
    org_before
}

/// A date written year-month-day: "1996-08-28".
fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
        && s[5..7]
            .parse::<u8>()
            .is_ok_and(|month| (1..=12).contains(&month))
}

/// A name given with an age, as news writes people: "Rachel Legeard, 18,
/// and …", "Tom Ashby, 34, of Leeds", "(Ana Ruiz, 71)". The number is a
/// plausible age and what follows it goes on with the sentence (a lower-case
/// word or a closing bracket), not a table's next column ("Arsenal, 10, 6").
fn aged(text: &str, tokens: &[Token], after: usize) -> bool {
    let is = |i: usize, s: &str| tokens.get(i).is_some_and(|t| t.text(text) == s);
    let age = tokens.get(after + 1).is_some_and(|t| {
        t.kind == TokenKind::Number
            && t.text(text)
                .parse::<u32>()
                .is_ok_and(|n| (1..120).contains(&n))
    });
    let goes_on = is(after + 2, ")")
        || (is(after + 2, ",")
            && tokens.get(after + 3).is_some_and(|t| {
                t.is_word() && t.text(text).chars().next().is_some_and(char::is_lowercase)
            }));
    is(after, ",") && age && goes_on
}

fn speaks(text: &str, tokens: &[Token], after: usize) -> bool {
    tokens
        .get(after)
        .is_some_and(|t| t.is_word() && SPEECH.contains(t.text(text).to_lowercase().as_str()))
}

/// Words of a span joined by single spaces, as written.
pub fn surface(text: &str, span: &[Token]) -> String {
    (0..span.len())
        .map(|i| word_with_inner_possessive(text, span, i))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The word at `span[i]`, with its possessive ending when the span goes on
/// after it ("People's" in "Korean People's Army").
fn word_with_inner_possessive<'t>(text: &'t str, span: &[Token], i: usize) -> &'t str {
    let t = &span[i];
    match span.get(i + 1) {
        Some(next) if matches!(text[t.end..next.start].trim_end(), "'s" | "’s" | "'" | "’") => {
            text[t.start..next.start].trim_end()
        }
        _ => t.text(text),
    }
}

/// The lookup key of a span (lower case, single spaces).
pub fn join_key(text: &str, span: &[Token]) -> String {
    // As `key(&surface(text, span))`, without the intermediate string.
    let mut out = String::with_capacity(span.iter().map(|t| t.end - t.start + 1).sum());
    for (i, t) in span.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        // An inner possessive's ending is no part of the key: "New People
        // Party's" and "New People's Party" are one name (see `key`).
        let word = t.text(text);
        if word.contains(char::is_whitespace) {
            // Not expected of a token; keep the exact semantics anyway.
            let k = key(word);
            out.push_str(&k);
        } else {
            super::gazetteer::push_key(&mut out, word);
        }
    }
    out
}

/// A role in a canonical form: "president" for "President", "US President";
/// "leader" counts as the head of state or government.
fn normalize_role(words: &str) -> String {
    let cleaned: Vec<&str> = words
        .split(' ')
        .filter(|w| {
            !matches!(
                *w,
                "former" | "acting" | "ex" | "then" | "mr" | "mrs" | "ms" | "dr" | "sir"
            )
        })
        .collect();
    let joined = cleaned.join(" ");
    match joined.as_str() {
        "leader" | "head of state" => "president".into(),
        "pm" => "prime minister".into(),
        _ => joined,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::token::tokenize;

    fn finder_candidates(text: &str) -> Vec<Candidate> {
        let stats = CaseStats::default();
        let finder = Finder {
            gazetteer: Gazetteer::bundled(),
            stats: &stats,
        };
        let tokens = tokenize(text, 0, text.len());
        let mut out = Vec::new();
        finder.find(text, 0, &tokens, CaseMode::Normal, &mut out);
        out
    }

    fn surfaces(out: &[Candidate]) -> Vec<&str> {
        out.iter().map(|c| c.surface.as_str()).collect()
    }

    #[test]
    fn runs_join_capitals_and_connectors_before_a_capital() {
        let text = "talks in New York with the Ministry of Defence and of course officials";
        let tokens = tokenize(text, 0, text.len());
        let consumed = vec![false; tokens.len()];
        let found: Vec<String> = runs(text, &tokens, &consumed)
            .into_iter()
            .map(|(a, b)| surface(text, &tokens[a..b]))
            .collect();
        assert_eq!(found, ["New York", "Ministry of Defence"]);
    }

    #[test]
    fn a_name_stops_at_a_possessive_and_a_month_opens_none() {
        let text = "after Marta Okonkwo's visit in March Ivan Petrenko spoke";
        let tokens = tokenize(text, 0, text.len());
        let consumed = vec![false; tokens.len()];
        let found: Vec<String> = runs(text, &tokens, &consumed)
            .into_iter()
            .map(|(a, b)| surface(text, &tokens[a..b]))
            .collect();
        // The run ends at the possessive; a month at its front is taken
        // off by `take_run`, not by `runs`.
        assert_eq!(found, ["Marta Okonkwo", "March Ivan Petrenko"]);
        let out = finder_candidates(text);
        assert_eq!(surfaces(&out), ["Marta Okonkwo", "Ivan Petrenko"]);
    }

    #[test]
    fn a_place_glued_to_a_full_name_is_cut_off_unless_the_whole_is_one_name() {
        let out = finder_candidates("the senator from Vermont Bernie Sanders spoke");
        assert_eq!(surfaces(&out), ["Vermont", "Bernie Sanders"]);
        // Positive control of the guard: the place is also a given name.
        let out = finder_candidates("the actor Chad Michael Murray spoke");
        assert_eq!(surfaces(&out), ["Chad Michael Murray"]);
        // A longer known name begins with the place.
        let out = finder_candidates("he moved to the San Francisco Bay Area last year");
        assert!(!surfaces(&out).contains(&"San"), "{:?}", surfaces(&out));
    }

    #[test]
    fn a_function_word_after_an_abbreviation_opens_a_sentence() {
        let out =
            finder_candidates("the final was held in Washington D.C. The team of Mara Lind won");
        assert_eq!(surfaces(&out), ["Washington D.C.", "Mara Lind"]);
        // Positive control: a name after the abbreviation stays one name.
        let out = finder_candidates("the visit of U.S. President Tom Ashby ended");
        assert!(
            surfaces(&out).contains(&"Tom Ashby"),
            "{:?}",
            surfaces(&out)
        );
    }

    #[test]
    fn an_organization_then_a_full_name_is_two_names() {
        let out = finder_candidates("a lecturer at the Halden Business School Peter Moss said");
        assert_eq!(surfaces(&out), ["Halden Business School", "Peter Moss"]);
        // A role before the name is read as a role, not split here.
        let out = finder_candidates("the Secretary of State Anna Keller said");
        assert_eq!(surfaces(&out), ["Anna Keller"]);
        // A country glued to a name whose given name the list lacks.
        let out =
            finder_candidates("the ambassador of Kenya to the United States Wanjiru Otieno said");
        assert!(
            surfaces(&out).contains(&"Wanjiru Otieno"),
            "{:?}",
            surfaces(&out)
        );
    }

    #[test]
    fn a_person_of_a_known_place_is_two_names() {
        let out = finder_candidates("Senator Amy Klobuchar of Minnesota spoke");
        assert_eq!(surfaces(&out), ["Minnesota", "Amy Klobuchar"]);
        // Not a person before "of": one name, as before.
        let out = finder_candidates("he studied at the University of Texas in 1990");
        assert_eq!(surfaces(&out), ["University of Texas"]);
        // A name whose given name the list lacks.
        let out = finder_candidates("the runner Eliud Kipchoge of Kenya won");
        assert_eq!(surfaces(&out), ["Kenya", "Eliud Kipchoge"]);
        let out = finder_candidates("a flight of Mahan Air of Iran landed");
        assert!(
            surfaces(&out).iter().any(|s| s.contains("Air of Iran")),
            "{:?}",
            surfaces(&out)
        );
    }

    #[test]
    fn a_lower_case_role_without_a_name_is_a_role() {
        let text = "the foreign minister said the prime minister Okonkwo agreed";
        let tokens = tokenize(text, 0, text.len());
        let at = |w: &str| tokens.iter().position(|t| t.text(text) == w).unwrap();
        assert_eq!(
            lower_role_after(text, &tokens, at("foreign")),
            Some((2, "foreign minister".into()))
        );
        // Followed by a name, the role belongs to the name.
        assert_eq!(lower_role_after(text, &tokens, at("prime")), None);
    }

    #[test]
    fn a_numbered_illness_and_an_outbreak_read_as_illness() {
        for text in [
            "Officials said the COVID-19 pandemic closed schools.",
            "The Ebola outbreak spread to the capital.",
            "Doctors said COVID-19 disease can be mild.",
            "Schools closed during the COVID-19 Pandemic, officials said.",
        ] {
            let out = finder_candidates(text);
            let ill: Vec<(&str, bool)> =
                out.iter().map(|c| (c.surface.as_str(), c.thing)).collect();
            assert!(
                ill.iter()
                    .any(|(s, ill)| (s.starts_with("COVID") || *s == "Ebola") && *ill),
                "{text}: {ill:?}"
            );
        }
    }

    #[test]
    fn two_unknown_words_that_play_are_a_club_and_a_given_name_keeps_a_person() {
        let out = finder_candidates(
            "Results: Deportivo Coruna 2 Real Oviedo 1. Later Waqar Younis took five wickets and Stefan Edberg 6 3 won.",
        );
        let guess = |name: &str| {
            out.iter()
                .find(|c| c.surface == name)
                .map(|c| match &c.found {
                    Found::Name { guess, .. } => *guess,
                    _ => None,
                })
                .unwrap_or_else(|| panic!("{name}: {:?}", surfaces(&out)))
        };
        assert_eq!(guess("Deportivo Coruna"), Some(Category::Organization));
        assert_eq!(guess("Waqar Younis"), Some(Category::Person));
        assert_eq!(guess("Stefan Edberg"), Some(Category::Person));
    }

    #[test]
    fn a_nationality_before_a_name_is_cut_off_and_makes_no_person() {
        let out = finder_candidates(
            "The goal came from Dane Mikkel Holm in the second half. Editors at French Wikinews wrote the report.",
        );
        let names = surfaces(&out);
        assert!(names.contains(&"Mikkel Holm"), "{names:?}");
        let wikinews = out
            .iter()
            .find(|c| c.surface == "French Wikinews")
            .unwrap_or_else(|| panic!("{names:?}"));
        assert!(
            !matches!(
                wikinews.found,
                Found::Name {
                    guess: Some(Category::Person),
                    ..
                }
            ),
            "{wikinews:?}"
        );
    }

    #[test]
    fn a_person_of_an_organization_or_place_is_two_names() {
        let out = finder_candidates(
            "The plan was praised by Bill Gerstenmaier of NASA and by Amara Diallo of the Senegal Cotton Board. Lawrence of Arabia was not there.",
        );
        let names = surfaces(&out);
        for name in [
            "Bill Gerstenmaier",
            "NASA",
            "Amara Diallo",
            "Senegal Cotton Board",
            "Lawrence of Arabia",
        ] {
            assert!(names.contains(&name), "{name}: {names:?}");
        }
        assert!(
            !names.iter().any(|n| n.contains("Gerstenmaier of")),
            "{names:?}"
        );
    }

    #[test]
    fn the_pronoun_i_ends_a_name_and_a_common_word_inside_a_sentence_begins_one() {
        // A corpus that writes "world" in lower case, as news does.
        let text = "He said that if he were in Iran I should leave. Veterans of World War II met Elizabeth I scholars. The world watched the world change across the world.";
        let tokens = tokenize(text, 0, text.len());
        let mut stats = CaseStats::default();
        stats.add(text, &tokens);
        let finder = Finder {
            gazetteer: Gazetteer::bundled(),
            stats: &stats,
        };
        assert!(finder.is_ordinary("World", false));
        let mut out = Vec::new();
        finder.find(text, 0, &tokens, CaseMode::Normal, &mut out);
        let names = surfaces(&out);
        assert!(names.contains(&"Iran"), "{names:?}");
        assert!(
            !names
                .iter()
                .any(|s| s.ends_with(" I") && s.starts_with("Iran")),
            "{names:?}"
        );
        assert!(names.contains(&"World War II"), "{names:?}");
        assert!(names.contains(&"Elizabeth I"), "{names:?}");
    }

    #[test]
    fn take_run_strips_titles_and_sees_a_person() {
        let out = finder_candidates("On Monday, President Marta Okonkwo said talks would go on.");
        let okonkwo = out
            .iter()
            .find(|c| c.surface == "Marta Okonkwo")
            .unwrap_or_else(|| panic!("{:?}", surfaces(&out)));
        assert!(
            matches!(
                okonkwo.found,
                Found::Name {
                    person_cue: true,
                    ..
                }
            ),
            "{okonkwo:?}"
        );
        assert!(okonkwo.speaks);
        assert!(!surfaces(&out).contains(&"On Monday"));
    }

    #[test]
    fn take_run_reads_organizations_and_places_by_their_last_word() {
        let out =
            finder_candidates("Delegates met at the Halden Exhibition Centre in the Varne Valley.");
        let guess = |s: &str| {
            out.iter().find(|c| c.surface == s).map(|c| match &c.found {
                Found::Name { guess, .. } => *guess,
                _ => None,
            })
        };
        assert_eq!(
            guess("Halden Exhibition Centre"),
            Some(Some(Category::Organization)),
            "{:?}",
            surfaces(&out)
        );
        assert_eq!(
            guess("Varne Valley"),
            Some(Some(Category::Place)),
            "{:?}",
            surfaces(&out)
        );
    }

    #[test]
    fn sentence_initial_ordinary_words_are_dropped_from_a_run() {
        let out = finder_candidates("However Ivan Petrenko disagreed.");
        assert_eq!(surfaces(&out), ["Ivan Petrenko"]);
    }

    #[test]
    fn a_sentence_initial_plural_of_people_is_no_name_but_a_surname_is() {
        let out = finder_candidates("Forecasters at the office said the storm would turn.");
        assert!(surfaces(&out).is_empty(), "{:?}", surfaces(&out));
        let out = finder_candidates("Stowers said the storm would turn.");
        assert_eq!(surfaces(&out), ["Stowers"]);
    }

    #[test]
    fn a_role_glued_before_a_given_name_is_cut_off() {
        let out = finder_candidates("Officials said Transport Secretary Anna Keller had resigned.");
        assert_eq!(surfaces(&out), ["Anna Keller"]);
        let out = finder_candidates("He met Green MP Tom Ashby on Monday.");
        assert_eq!(surfaces(&out), ["Tom Ashby"]);
        // No given name after the title word: the name is whole.
        let out = finder_candidates("He visited the Halden Secretary Office on Monday.");
        assert_eq!(surfaces(&out), ["Halden Secretary Office"]);
    }

    #[test]
    fn interjections_and_time_zones_are_never_names() {
        let out = finder_candidates("Yeah. Okay, we met at 12:30 UTC, Ivan Petrenko said. Yes.");
        assert_eq!(surfaces(&out), ["Ivan Petrenko"]);
        let out = finder_candidates("Thank you. Thanks, Ivan Petrenko said. Sorry.");
        assert_eq!(surfaces(&out), ["Ivan Petrenko"]);
        let out = finder_candidates("A deer in the park. Image: Jane Roe.");
        assert_eq!(surfaces(&out), ["Jane Roe"]);
    }

    #[test]
    fn an_initial_alone_names_nobody() {
        let out = finder_candidates("strains of E. coli were found by Mara Lind");
        assert_eq!(surfaces(&out), ["Mara Lind"]);
        let out = finder_candidates("the poet T. S. Eliot wrote");
        assert_eq!(surfaces(&out), ["T. S. Eliot"]);
    }

    #[test]
    fn new_and_first_open_a_longer_name_inside_a_sentence() {
        let out = finder_candidates(
            "according to the New Marsby Ledger, the First Velan Bank and New Tarrow Party",
        );
        assert_eq!(
            surfaces(&out),
            ["New Marsby Ledger", "First Velan Bank", "New Tarrow Party"]
        );
        // Alone, or before a title, they are still no name.
        let out = finder_candidates("the New report and First Minister Mara Lind spoke");
        assert_eq!(surfaces(&out), ["Mara Lind"]);
        assert_eq!(
            out[0].role.as_ref().map(|r| r.1.as_str()),
            Some("first minister")
        );
    }

    #[test]
    fn a_hyphenated_given_name_after_a_family_name_is_part_of_it() {
        let out =
            finder_candidates("voters chose Tsang Wai-ping over Ngau Kwok-fung and Pak Jae-in");
        assert_eq!(
            surfaces(&out),
            ["Tsang Wai-ping", "Ngau Kwok-fung", "Pak Jae-in"]
        );
        // Compounds of English words stay no name: "Kremlin-backed", "Acme-owned".
        let out = finder_candidates("the Velan Kremlin-backed group and Marsby Acme-owned shops");
        assert!(out.iter().all(|c| !c.surface.contains('-')), "{out:?}");
    }

    #[test]
    fn a_product_is_a_thing_not_an_actor() {
        let out = finder_candidates("users of Rocky Linux met Mara Lind");
        let things: Vec<(&str, bool)> = out.iter().map(|c| (c.surface.as_str(), c.thing)).collect();
        assert_eq!(things, [("Rocky Linux", true), ("Mara Lind", false)]);
    }

    #[test]
    fn a_language_is_not_an_actor() {
        let out = finder_candidates(
            "Tamsin wrote in the Kalvani language. Ivan Petrenko spoke Kalvani language: yes.",
        );
        assert_eq!(surfaces(&out), ["Tamsin", "Ivan Petrenko"]);
    }

    #[test]
    fn a_capital_after_a_locative_is_the_place() {
        let text = "officials in Paris said";
        let tokens = tokenize(text, 0, text.len());
        assert!(is_locative(text, &tokens, 2));
        assert!(!is_locative(text, &tokens, 0));
        let text = "posted to Chirpline and flew to Velmora";
        let tokens = tokenize(text, 0, text.len());
        assert!(is_locative(text, &tokens, 2) && !is_locative_unknown(text, &tokens, 2));
    }

    #[test]
    fn helpers_of_categories() {
        assert!(is_adjective_like("eastern") && is_adjective_like("ukrainian"));
        assert!(!is_adjective_like("ministry"));
        let words: Vec<String> = ["eastern", "ministry", "of", "finance"]
            .map(String::from)
            .to_vec();
        assert_eq!(head_before_of(&words), Some("ministry"));
        assert_eq!(head_before_of(&words[1..2]), None);
    }
}
