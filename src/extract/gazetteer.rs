//! The bundled gazetteer and lexicon: countries (names, demonyms, stand-ins),
//! organizations, places, given names, surnames and English word
//! probabilities. Embedded in the binary and parsed once.
//!
//! Sources and licences: `assets/gazetteer/build.py` and `SOURCES.md`.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

use super::Category;

const COUNTRIES: &str = include_str!("../../assets/gazetteer/countries.tsv");
const ORGANIZATIONS: &str = include_str!("../../assets/gazetteer/organizations.tsv");
const PLACES: &str = include_str!("../../assets/gazetteer/places.tsv");
const REGIONS: &str = include_str!("../../assets/gazetteer/regions.tsv");
const FIRST_NAMES: &str = include_str!("../../assets/gazetteer/first_names.txt");
const WORLD_FIRST_NAMES: &str = include_str!("../../assets/gazetteer/given_names_world.txt");
const SURNAMES: &str = include_str!("../../assets/gazetteer/surnames.txt");
const MINOR_PLACES: &str = include_str!("../../assets/gazetteer/minor_places.txt");
const LEXICON: &str = include_str!("../../assets/lexicon/english.tsv");

/// How a gazetteer form relates to its entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormRole {
    /// A name of the entry ("Russia", "Russian Federation").
    Name,
    /// An adjective or demonym ("Russian").
    Demonym,
    /// A seat of government or institution speaking for it ("the Kremlin").
    StandIn,
    /// The capital city: the state when it acts, a place when it is a location.
    Capital,
}

/// One canonical gazetteer entry.
#[derive(Debug, Clone)]
pub struct Entry {
    pub label: String,
    pub category: Category,
}

/// A form that points to an entry.
#[derive(Debug, Clone, Copy)]
pub struct Form {
    pub entry: u32,
    pub role: FormRole,
    /// Written in capitals ("UN", "IS"): matches only words in capitals.
    pub acronym: bool,
}

/// Probabilities of a word in general English (log scale, higher is commoner).
#[derive(Debug, Clone, Copy)]
pub struct WordStats {
    pub lower: f32,
    pub capitalized: f32,
}

/// All the bundled knowledge.
#[derive(Debug, Default)]
pub struct Gazetteer {
    pub entries: Vec<Entry>,
    /// Lower-cased form (tokens joined by single spaces) → entries.
    pub forms: HashMap<String, Vec<Form>>,
    /// Longest form, in tokens.
    pub max_form_tokens: usize,
    /// Key of a form's first word → the longest form starting with it, in
    /// tokens: most capitalized words start no form at all.
    pub form_starts: HashMap<String, usize>,
    pub first_names: HashSet<String>,
    pub surnames: HashSet<String>,
    /// Towns too small or too ambiguous to be entries (lower case): only
    /// evidence that an unknown name with no other cue is a place.
    pub minor_places: WordSet,
    pub lexicon: HashMap<String, WordStats>,
    /// Entry index of each capital's city place entry, keyed by country entry.
    pub capital_place: HashMap<u32, u32>,
}

/// A large, read-only set of lower-case words in one allocation: sorted
/// offsets into one string, searched by halves (a 63,000-name list costs
/// under 1 MB, where a hash set of strings costs about 4).
#[derive(Debug, Default)]
pub struct WordSet {
    text: String,
    /// (start, end) of each word in `text`, in word order.
    spans: Vec<(u32, u32)>,
}

impl WordSet {
    pub fn new<'a>(words: impl Iterator<Item = &'a str>) -> Self {
        let mut lower: Vec<String> = words.map(str::to_lowercase).collect();
        lower.sort_unstable();
        lower.dedup();
        let mut set = WordSet {
            text: String::with_capacity(lower.iter().map(String::len).sum()),
            spans: Vec::with_capacity(lower.len()),
        };
        for w in &lower {
            let start = set.text.len() as u32;
            set.text.push_str(w);
            set.spans.push((start, set.text.len() as u32));
        }
        set
    }

    /// Whether `word` (already in lower case) is in the set.
    pub fn contains(&self, word: &str) -> bool {
        self.spans
            .binary_search_by(|&(a, b)| self.text[a as usize..b as usize].cmp(word))
            .is_ok()
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }
}

impl Gazetteer {
    /// The bundled gazetteer, parsed on first use (a few milliseconds).
    pub fn bundled() -> &'static Self {
        static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
        GAZETTEER.get_or_init(Self::parse_bundled)
    }

    fn parse_bundled() -> Self {
        let mut g = Self::default();
        for line in data_lines(COUNTRIES) {
            let cols: Vec<&str> = line.split('\t').collect();
            let Some(&label) = cols.first() else { continue };
            let entry = g.add_entry(label, Category::Country);
            g.add_form(label, entry, FormRole::Name);
            for alias in list(cols.get(1)) {
                g.add_form(alias, entry, FormRole::Name);
            }
            for demonym in list(cols.get(2)) {
                g.add_form(demonym, entry, FormRole::Demonym);
            }
            for stand_in in list(cols.get(3)) {
                let is_city = stand_in.split_whitespace().count() <= 2
                    && ![
                        "Kremlin",
                        "White House",
                        "Downing Street",
                        "Whitehall",
                        "Élysée",
                        "Elysee",
                        "Capitol Hill",
                        "Oval Office",
                        "Bankova",
                        "Chancellery",
                        "Zhongnanhai",
                        "Knesset",
                        "Westminster",
                        "Moncloa",
                        "Casa Rosada",
                        "Quai d'Orsay",
                        "Palazzo Chigi",
                        "Malacanang",
                        "Élysée Palace",
                        "Elysee Palace",
                    ]
                    .contains(&stand_in);
                if is_city {
                    let place = g.add_entry(stand_in, Category::Place);
                    g.add_form(stand_in, place, FormRole::Name);
                    g.add_form(stand_in, entry, FormRole::Capital);
                    g.capital_place.entry(entry).or_insert(place);
                } else {
                    g.add_form(stand_in, entry, FormRole::StandIn);
                }
            }
        }
        for line in data_lines(ORGANIZATIONS) {
            let cols: Vec<&str> = line.split('\t').collect();
            let Some(&label) = cols.first() else { continue };
            let entry = g.add_entry(label, Category::Organization);
            g.add_form(label, entry, FormRole::Name);
            for alias in list(cols.get(1)) {
                g.add_form(alias, entry, FormRole::Name);
            }
        }
        // Places, then the first-level regions of every country ("Western
        // Australia", "Lombardia"), neither over a name already known.
        for line in data_lines(PLACES).chain(data_lines(REGIONS)) {
            let cols: Vec<&str> = line.split('\t').collect();
            let Some(&label) = cols.first() else { continue };
            if g.forms.contains_key(&key(label)) {
                continue;
            }
            let entry = g.add_entry(label, Category::Place);
            g.add_form(label, entry, FormRole::Name);
            for alias in list(cols.get(1)) {
                if !g.forms.contains_key(&key(alias)) {
                    g.add_form(alias, entry, FormRole::Name);
                }
            }
        }
        g.first_names = data_lines(FIRST_NAMES)
            .chain(data_lines(WORLD_FIRST_NAMES))
            .map(str::to_lowercase)
            .collect();
        g.surnames = data_lines(SURNAMES).map(str::to_lowercase).collect();
        g.minor_places = WordSet::new(data_lines(MINOR_PLACES));
        for line in data_lines(LEXICON) {
            let mut cols = line.split('\t');
            let (Some(word), Some(lower), Some(cap)) = (cols.next(), cols.next(), cols.next())
            else {
                continue;
            };
            let (Ok(lower), Ok(capitalized)) = (lower.parse(), cap.parse()) else {
                continue;
            };
            g.lexicon
                .insert(word.to_owned(), WordStats { lower, capitalized });
        }
        g
    }

    fn add_entry(&mut self, label: &str, category: Category) -> u32 {
        self.entries.push(Entry {
            label: label.to_owned(),
            category,
        });
        u32::try_from(self.entries.len() - 1).unwrap_or(u32::MAX)
    }

    fn add_form(&mut self, form: &str, entry: u32, role: FormRole) {
        let k = key(form);
        if k.is_empty() {
            return;
        }
        let tokens = k.split(' ').count();
        self.max_form_tokens = self.max_form_tokens.max(tokens);
        let first = k.split(' ').next().unwrap_or_default();
        match self.form_starts.get_mut(first) {
            Some(longest) => *longest = (*longest).max(tokens),
            None => {
                self.form_starts.insert(first.to_owned(), tokens);
            }
        }
        let acronym = form.chars().filter(|c| c.is_alphabetic()).count() <= 5
            && !form.chars().any(char::is_lowercase);
        let forms = self.forms.entry(k).or_default();
        if !forms.iter().any(|f| f.entry == entry && f.role == role) {
            forms.push(Form {
                entry,
                role,
                acronym,
            });
        }
    }

    /// The longest form, in tokens, whose first word has the key `first`
    /// (0 when none begins with it).
    pub fn longest_form_from(&self, first: &str) -> usize {
        self.form_starts.get(first).copied().unwrap_or(0)
    }

    /// The forms matching `words` (already lower-cased, joined by spaces).
    pub fn lookup(&self, key: &str) -> Option<&[Form]> {
        self.forms.get(key).map(Vec::as_slice)
    }

    /// True when `word` (any case) is mostly a lower-case English word.
    pub fn is_common_word(&self, word: &str) -> bool {
        self.lexicon
            .get(&word.to_lowercase())
            .is_some_and(|s| s.lower > s.capitalized && s.lower > -14.5)
    }

    /// Log-probability of `word` in lower case (−99 when unknown).
    pub fn word_logprob(&self, lower: &str) -> f32 {
        self.lexicon.get(lower).map_or(-99.0, |s| s.lower)
    }
}

/// The lookup key of a form: lower case, tokens joined by single spaces,
/// curly apostrophes straightened.
pub fn key(form: &str) -> String {
    let mut out = String::with_capacity(form.len());
    for (i, word) in name_words(form).enumerate() {
        if i > 0 {
            out.push(' ');
        }
        push_key(&mut out, word);
    }
    out
}

/// The words of a name as keys see them: an inner possessive's ending is
/// no part of them, as tokens leave it out ("People's Republic of China",
/// "Workers' Party", "New People Party's" and "New People's Party").
pub fn name_words(form: &str) -> impl Iterator<Item = &str> {
    let mut words = form.split_whitespace().peekable();
    std::iter::from_fn(move || {
        let word = words.next()?;
        Some(if words.peek().is_some() {
            ["'s", "’s", "'", "’"]
                .iter()
                .find_map(|tail| word.strip_suffix(tail))
                .filter(|w| !w.is_empty())
                .unwrap_or(word)
        } else {
            word
        })
    })
}

/// Appends the key of one word (no whitespace inside) to `out`.
pub fn push_key(out: &mut String, word: &str) {
    if word.is_ascii() {
        out.extend(
            word.bytes()
                .filter(|&b| b != b'.')
                .map(|b| char::from(b.to_ascii_lowercase())),
        );
        return;
    }
    for c in word.chars() {
        match c {
            '’' | '‘' => out.push('\''),
            // "St. Louis" and "ST LOUIS", "U.S." and "US" share a key.
            '.' => {}
            _ => out.extend(c.to_lowercase()),
        }
    }
}

fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn list<'a>(cell: Option<&&'a str>) -> impl Iterator<Item = &'a str> {
    cell.copied()
        .unwrap_or("")
        .split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_set_finds_its_words_in_any_order_given() {
        let set = WordSet::new(["Tavildara", "kecskemet", "Bistrița", "kecskemet"].into_iter());
        assert_eq!(set.len(), 3);
        for w in ["tavildara", "kecskemet", "bistrița"] {
            assert!(set.contains(w), "{w}");
        }
        assert!(!set.contains("tavil"));
        assert!(!set.contains("Tavildara"), "callers give lower case");
        assert!(!WordSet::default().contains("x"));
        assert!(Gazetteer::bundled().minor_places.len() > 10_000);
    }

    #[test]
    fn countries_have_demonyms_and_stand_ins() {
        let g = Gazetteer::bundled();
        let russia = g.lookup("russia").unwrap()[0].entry;
        assert_eq!(g.entries[russia as usize].category, Category::Country);
        let kremlin = g.lookup("kremlin").unwrap();
        assert!(
            kremlin
                .iter()
                .any(|f| f.entry == russia && f.role == FormRole::StandIn)
        );
        let russian = g.lookup("russian").unwrap();
        assert!(
            russian
                .iter()
                .any(|f| f.entry == russia && f.role == FormRole::Demonym)
        );
        let moscow = g.lookup("moscow").unwrap();
        assert!(
            moscow
                .iter()
                .any(|f| f.entry == russia && f.role == FormRole::Capital)
        );
        assert!(
            moscow
                .iter()
                .any(|f| g.entries[f.entry as usize].category == Category::Place)
        );
    }

    #[test]
    fn similar_country_names_stay_apart() {
        let g = Gazetteer::bundled();
        let austria = g.lookup("austria").unwrap()[0].entry;
        let australia = g.lookup("australia").unwrap()[0].entry;
        assert_ne!(austria, australia);
    }

    #[test]
    fn lexicon_knows_common_words() {
        let g = Gazetteer::bundled();
        assert!(g.is_common_word("Security"));
        assert!(g.is_common_word("despite"));
        assert!(!g.is_common_word("Paris"));
    }
}
