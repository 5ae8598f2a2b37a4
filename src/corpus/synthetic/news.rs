//! A generated corpus calibrated to real general news: five sections
//! (politics, business, technology, sport, entertainment), each with its
//! own long tail of people, organizations, places and subjects, drawn with
//! Zipf-like skew from pools of tens of thousands of made-up names, so
//! about half of the names are met once, as in real reporting.
//!
//! The calibration (about 2,200 articles, 10,000 kept paragraphs, 14,000
//! distinct name candidates, 12,000 nodes and 180,000 links) is checked by
//! `tests/synthetic.rs`.
//!
//! Longer than 700 lines: two thirds of it are the word pools (given
//! names, syllables, suffixes, subjects, prose parts); the generator is
//! ~300 lines.

use super::{FILLER, HEADINGS, Repeats, Rng, SyntheticSettings, VERBS, finish_article};
use crate::corpus::SourceFile;

/// Given names from many languages; most are in the gazetteer, some not.
const GIVEN: &[&str] = &[
    "Anna",
    "Boris",
    "Carlos",
    "Diana",
    "Elena",
    "Farid",
    "Greta",
    "Hassan",
    "Ingrid",
    "Jamal",
    "Katrin",
    "Lars",
    "Maria",
    "Nikolai",
    "Olga",
    "Pedro",
    "Rosa",
    "Stefan",
    "Tamara",
    "Umar",
    "Vera",
    "Walter",
    "Xavier",
    "Yusuf",
    "Zofia",
    "Andrei",
    "Beatriz",
    "Chen",
    "Dmitri",
    "James",
    "John",
    "David",
    "Michael",
    "Sarah",
    "Emma",
    "Laura",
    "Peter",
    "Paul",
    "Mark",
    "Simon",
    "Rachel",
    "Helen",
    "Thomas",
    "Robert",
    "Claire",
    "Sophie",
    "Ahmed",
    "Fatima",
    "Priya",
    "Rahul",
    "Kenji",
    "Yuki",
    "Wei",
    "Li",
    "Ana",
    "Jorge",
    "Lucia",
    "Marco",
    "Giulia",
    "Hans",
    "Ulrike",
    "Pierre",
    "Camille",
    "Olu",
    "Amara",
    "Kwame",
    "Nadia",
    "Igor",
    "Svetlana",
    "Tomasz",
    "Agnieszka",
    "Mehmet",
    "Ayse",
    "Kofi",
    "Thabo",
    "Liam",
    "Niamh",
    "Sean",
    "Graham",
    "Tessa",
];
const SYLLABLES: &[&str] = &[
    "bar", "cel", "dor", "fen", "gal", "hov", "kir", "lum", "mar", "nes", "oth", "pra", "quin",
    "ros", "sul", "tev", "ulm", "var", "wen", "yor", "zed", "bri", "cov", "dal", "ev", "fin",
    "gor", "hal", "is", "jor", "kes", "lin", "mor", "nor", "ol", "pel", "rin", "sten", "tor",
    "und", "vel", "wil", "ash", "bel", "cra", "del", "ern", "fal",
];
const ORG_SUFFIX: &[&[&str]] = &[
    &[
        "Party",
        "Council",
        "Commission",
        "Ministry",
        "Committee",
        "Union",
        "Alliance",
        "Agency",
    ],
    &[
        "Group",
        "Holdings",
        "Bank",
        "Motors",
        "Airlines",
        "Energy",
        "Capital",
        "Corporation",
        "Insurance",
    ],
    &[
        "Systems",
        "Technologies",
        "Networks",
        "Software",
        "Labs",
        "Telecom",
        "Electronics",
        "Games",
    ],
    &[
        "United",
        "Rovers",
        "City",
        "Athletic",
        "Wanderers",
        "Football Club",
        "Rugby Club",
    ],
    &[
        "Pictures",
        "Records",
        "Studios",
        "Theatre",
        "Orchestra",
        "Films",
        "Festival",
        "Academy",
    ],
];
const COUNTRIES: &[&str] = &[
    "the United States",
    "Britain",
    "China",
    "France",
    "Germany",
    "Russia",
    "Japan",
    "India",
    "Iraq",
    "Italy",
    "Spain",
    "Ireland",
    "Brazil",
    "Canada",
    "Australia",
    "Iran",
    "Ukraine",
    "Poland",
    "Turkey",
    "South Africa",
    "Mexico",
    "Nigeria",
    "Egypt",
    "Israel",
    "Sweden",
    "Norway",
    "Kenya",
    "Argentina",
    "Pakistan",
    "Indonesia",
];
/// The sections' names, in the order of [`SUBJECTS`].
pub(super) const SECTION_NAMES: &[&str] =
    &["politics", "business", "tech", "sport", "entertainment"];
const SUBJECTS: &[&[&str]] = &[
    &[
        "election",
        "budget",
        "reform",
        "referendum",
        "coalition",
        "tax",
        "immigration",
        "pension",
        "bill",
        "inquiry",
        "ballot",
        "sanctions",
        "treaty",
        "constitution",
        "policy",
        "welfare",
        "healthcare",
        "spending",
        "manifesto",
        "asylum",
        "council tax",
        "identity cards",
    ],
    &[
        "merger",
        "profits",
        "shares",
        "inflation",
        "interest rates",
        "tariffs",
        "exports",
        "takeover",
        "earnings",
        "dividend",
        "bonds",
        "oil prices",
        "growth",
        "investment",
        "debt",
        "revenue",
        "job cuts",
        "bankruptcy",
        "stake",
        "pension fund",
        "trade deficit",
        "house prices",
    ],
    &[
        "software",
        "broadband",
        "smartphones",
        "data",
        "privacy",
        "chips",
        "network",
        "encryption",
        "apps",
        "cloud storage",
        "security",
        "viruses",
        "search engine",
        "robots",
        "satellite",
        "games console",
        "downloads",
        "platform",
        "batteries",
        "cameras",
        "spam",
        "file sharing",
    ],
    &[
        "final",
        "championship",
        "transfer",
        "injury",
        "match",
        "title",
        "league",
        "tournament",
        "goal",
        "contract",
        "squad",
        "semi-final",
        "cup",
        "season",
        "penalty",
        "record",
        "medal",
        "coach",
        "fixture",
        "doping",
        "world ranking",
        "relegation",
    ],
    &[
        "film",
        "album",
        "award",
        "box office",
        "concert",
        "festival",
        "show",
        "series",
        "novel",
        "nomination",
        "premiere",
        "soundtrack",
        "tour",
        "musical",
        "sequel",
        "drama",
        "comedy",
        "ratings",
        "studio",
        "documentary",
        "ceremony",
        "screenplay",
    ],
];
const MODIFIERS: &[&str] = &[
    "new",
    "proposed",
    "national",
    "local",
    "global",
    "digital",
    "annual",
    "final",
    "legal",
    "public",
    "private",
    "foreign",
    "domestic",
    "controversial",
    "major",
    "planned",
    "emergency",
    "european",
    "regional",
    "record",
    "online",
    "independent",
    "official",
    "federal",
    "joint",
    "international",
    "rural",
    "urban",
    "mobile",
    "wireless",
    "commercial",
    "cultural",
    "historic",
    "surprise",
    "disputed",
    "secret",
    "long-term",
    "short-term",
    "multi-million",
    "live",
];
/// Sentence patterns: %P person, %O organization, %C country, %L place,
/// %T subject, %V speech verb, %F filler.
const PATTERNS: &[&str] = &[
    "%P %V that %C was ready to discuss %T with %O %F.",
    "Officials from %O met in %L to review %T and %T, %P %V.",
    "The %T remained a central concern for %C %F, and analysts expect %T to dominate the agenda.",
    "\u{201c}We will not accept %T without %T,\u{201d} %P %V %F.",
    "%P, who heads %O, %V the %T would be settled by the end of the year.",
    "Investors in %O were unsettled after %P %V the company faced questions over %T.",
    "%P of %O %V the talks in %L had made progress on %T.",
    "%O and %O are expected to reach an agreement on %T in %L next month.",
    "Speaking in %L, %P %V that %T and %T would top the agenda.",
    "According to %P, the %T in %C has changed since %P took over at %O.",
    "%P joined %O in %L last year, having worked on %T for a decade.",
    "The decision on %T was welcomed by %P and criticised by %P, who %V it came too late.",
];

/// The running prose between the names: sentences that name no one,
/// put together from parts (about 150,000 combinations), so that no
/// sentence repeats often enough to look like boilerplate.
const OPENERS: &[&str] = &[
    "",
    "",
    "Earlier this month, ",
    "On Tuesday, ",
    "Last year, ",
    "In recent weeks, ",
    "For now, ",
    "Even so, ",
    "At the same time, ",
    "Since then, ",
    "Privately, ",
];
const SUBJECTS_OF_PROSE: &[&str] = &[
    "officials",
    "residents",
    "analysts",
    "critics",
    "supporters",
    "the company",
    "the government",
    "campaigners",
    "local people",
    "the organisers",
    "several members",
    "the authorities",
    "observers",
    "staff",
    "the unions",
    "experts",
];
const PROSE_VERBS: &[&str] = &[
    "have raised concerns about",
    "have called for changes to",
    "are still waiting for",
    "remain divided over",
    "have welcomed",
    "have questioned",
    "want more clarity on",
    "expect a decision on",
    "are pressing for a review of",
    "have long opposed",
    "have been studying",
    "say little is known about",
    "were briefed on",
    "plan to challenge",
];
const PROSE_OBJECTS: &[&str] = &[
    "the timing",
    "the cost",
    "the details",
    "the plans",
    "the proposals",
    "the new rules",
    "the figures",
    "the decision",
    "the next steps",
    "the process",
    "the outcome",
    "the scale of the problem",
    "the deadline",
    "the wording",
];
const PROSE_TAILS: &[&str] = &[
    "",
    " of the changes",
    ", which could take months",
    " before the end of the year",
    ", according to people familiar with the matter",
    " despite repeated assurances",
    ", and more talks are planned",
    " after weeks of speculation",
    ", a point made repeatedly in recent days",
];

/// A sentence of prose, capitalized, added to `out`.
fn prose(rng: &mut Rng, out: &mut String) {
    let mut sentence = String::new();
    sentence.push_str(rng.pick(OPENERS));
    sentence.push_str(rng.pick(SUBJECTS_OF_PROSE));
    sentence.push(' ');
    sentence.push_str(rng.pick(PROSE_VERBS));
    sentence.push(' ');
    sentence.push_str(rng.pick(PROSE_OBJECTS));
    sentence.push_str(rng.pick(PROSE_TAILS));
    if rng.below(2) == 0 {
        sentence.push_str(", and ");
        sentence.push_str(rng.pick(SUBJECTS_OF_PROSE));
        sentence.push(' ');
        sentence.push_str(rng.pick(PROSE_VERBS));
        sentence.push(' ');
        sentence.push_str(rng.pick(PROSE_OBJECTS));
    }
    sentence.push('.');
    out.push_str(&capitalize_first(&sentence));
}

/// A table for drawing ranks 0..n with probability ∝ 1/(rank+1)^s.
struct Zipf(Vec<f64>);

impl Zipf {
    fn new(n: usize, s: f64) -> Self {
        let mut total = 0.0;
        Self(
            (1..=n.max(1))
                .map(|k| {
                    total += 1.0 / (k as f64).powf(s);
                    total
                })
                .collect(),
        )
    }

    fn draw(&self, rng: &mut Rng) -> usize {
        let total = self.0.last().copied().unwrap_or(1.0);
        let u = (rng.next() >> 11) as f64 / (1u64 << 53) as f64 * total;
        self.0.partition_point(|&c| c < u).min(self.0.len() - 1)
    }
}

/// A made-up word of syllables, the `k`-th of its length, capitalized.
fn word(mut k: usize, syllables: usize) -> String {
    let n = SYLLABLES.len();
    let mut out = String::new();
    for d in 0..syllables {
        let syllable = SYLLABLES[k % n];
        k /= n;
        if d == 0 {
            let mut c = syllable.chars();
            if let Some(f) = c.next() {
                out.extend(f.to_uppercase());
                out.push_str(c.as_str());
            }
        } else {
            out.push_str(syllable);
        }
    }
    out
}

/// Spreads consecutive ranks over the name space, so that frequent names
/// do not share their first syllables.
fn scatter(i: usize, space: usize) -> usize {
    (i.wrapping_mul(2_654_435_761) ^ (i >> 7)) % space.max(1)
}

/// The pools of one section.
struct Section {
    people: Vec<(String, String)>,
    organizations: Vec<String>,
    places: Vec<String>,
    subjects: Vec<String>,
}

/// Every section's pools and the skew of draws from them.
struct Pools {
    sections: Vec<Section>,
    people: Zipf,
    organizations: Zipf,
    places: Zipf,
    subjects: Zipf,
    countries: Zipf,
}

impl Pools {
    fn new(settings: &SyntheticSettings) -> Self {
        let per = |n: usize| (n / SUBJECTS.len()).max(8);
        let (people, organizations, places) = (
            per(settings.people),
            per(settings.organizations),
            per(settings.people / 4),
        );
        let sections = (0..SUBJECTS.len())
            .map(|s| {
                let people = (0..people)
                    .map(|i| {
                        let k = s * people + i;
                        let given = GIVEN[scatter(k, GIVEN.len() * 7) % GIVEN.len()];
                        let syllables = if k % 3 == 0 { 2 } else { 3 };
                        let last = word(scatter(k, 48usize.pow(syllables as u32)), syllables);
                        (format!("{given} {last}"), last)
                    })
                    .collect();
                let suffixes = ORG_SUFFIX[s];
                let organizations = (0..organizations)
                    .map(|i| {
                        let k = s * organizations + i + 7_919;
                        let stem = word(scatter(k, 48 * 48), 2);
                        let suffix = suffixes[k % suffixes.len()];
                        match k % 5 {
                            0 if s < 2 => {
                                format!("{suffix} of {}", word(scatter(k + 1, 48 * 48), 2))
                            }
                            _ => format!("{stem} {suffix}"),
                        }
                    })
                    .collect();
                let places = (0..places)
                    .map(|i| word(scatter(s * places + i + 104_729, 48 * 48 * 48), 3))
                    .collect();
                let nouns = SUBJECTS[s];
                let subjects = (0..nouns.len() * (MODIFIERS.len() + 1))
                    .map(|i| {
                        let noun = nouns[i % nouns.len()];
                        match i / nouns.len() {
                            0 => noun.to_owned(),
                            m => format!("{} {noun}", MODIFIERS[scatter(i + m, MODIFIERS.len())]),
                        }
                    })
                    .collect();
                Section {
                    people,
                    organizations,
                    places,
                    subjects,
                }
            })
            .collect::<Vec<_>>();
        let first = &sections[0];
        Self {
            people: Zipf::new(first.people.len(), 0.9),
            organizations: Zipf::new(first.organizations.len(), 0.9),
            places: Zipf::new(first.places.len(), 0.9),
            subjects: Zipf::new(first.subjects.len(), 1.0),
            countries: Zipf::new(COUNTRIES.len(), 1.1),
            sections,
        }
    }
}

/// What an article is about: its section and its cast.
struct Story<'a> {
    section: &'a Section,
    /// Which of the sections it is.
    section_index: usize,
    people: Vec<&'a (String, String)>,
    organizations: Vec<&'a str>,
    places: Vec<&'a str>,
    subjects: Vec<&'a str>,
    countries: Vec<&'a str>,
    /// People already named in full in this article.
    named: Vec<&'a str>,
}

impl<'a> Story<'a> {
    fn new(pools: &'a Pools, rng: &mut Rng) -> Self {
        let section_index = rng.below(pools.sections.len());
        let section = &pools.sections[section_index];
        let mut draw = |n: usize, f: &mut dyn FnMut(&mut Rng) -> usize| -> Vec<usize> {
            (0..n).map(|_| f(rng)).collect()
        };
        let people = draw(2 + 2, &mut |r| pools.people.draw(r));
        let organizations = draw(2, &mut |r| pools.organizations.draw(r));
        let places = draw(2, &mut |r| pools.places.draw(r));
        let subjects = draw(4, &mut |r| pools.subjects.draw(r));
        let countries = draw(2, &mut |r| pools.countries.draw(r));
        Self {
            section,
            section_index,
            people: people.into_iter().map(|i| &section.people[i]).collect(),
            organizations: organizations
                .into_iter()
                .map(|i| section.organizations[i].as_str())
                .collect(),
            places: places
                .into_iter()
                .map(|i| section.places[i].as_str())
                .collect(),
            subjects: subjects
                .into_iter()
                .map(|i| section.subjects[i].as_str())
                .collect(),
            countries: countries.into_iter().map(|i| COUNTRIES[i]).collect(),
            named: Vec::new(),
        }
    }

    /// A person: mostly of the cast, otherwise from the section's long
    /// tail; named in full the first time, by surname after.
    fn person(&mut self, pools: &'a Pools, rng: &mut Rng) -> &'a str {
        let person = if rng.below(100) < 55 {
            self.people[rng.below(self.people.len())]
        } else {
            &self.section.people[pools.people.draw(rng)]
        };
        if self.named.contains(&person.0.as_str()) {
            &person.1
        } else {
            self.named.push(&person.0);
            &person.0
        }
    }

    fn fill(&mut self, slot: char, pools: &'a Pools, rng: &mut Rng) -> Option<&'a str> {
        let cast = rng.below(100) < 60;
        Some(match slot {
            'P' => self.person(pools, rng),
            'O' if cast => self.organizations[rng.below(self.organizations.len())],
            'O' => &self.section.organizations[pools.organizations.draw(rng)],
            'L' if cast => self.places[rng.below(self.places.len())],
            'L' => &self.section.places[pools.places.draw(rng)],
            'T' if cast => self.subjects[rng.below(self.subjects.len())],
            'T' => &self.section.subjects[pools.subjects.draw(rng)],
            'C' if cast => self.countries[rng.below(self.countries.len())],
            'C' => COUNTRIES[pools.countries.draw(rng)],
            'V' => rng.pick(VERBS),
            'F' => rng.pick(FILLER),
            _ => return None,
        })
    }
}

/// Generates `settings.articles` articles of general news, each with the
/// index of its section.
pub(super) fn generate(settings: &SyntheticSettings) -> Vec<(SourceFile, usize)> {
    let pools = Pools::new(settings);
    let mut rng = Rng(settings.seed);
    let mut recent = Repeats::default();
    (0..settings.articles)
        .map(|a| {
            let mut story = Story::new(&pools, &mut rng);
            let mut text = String::new();
            let lead = story.person(&pools, &mut rng).to_owned();
            let subject = story.subjects[0];
            text.push_str(&format!(
                "{lead} Faces Questions Over {}\n\n",
                title_case(subject)
            ));
            if rng.below(3) == 0 {
                let author = &story.section.people[rng.below(story.section.people.len())].0;
                text.push_str(&format!("By {author}\n\n"));
            }
            let count = settings.paragraphs / 2 + rng.below(settings.paragraphs + 1);
            for p in 0..count {
                if p > 0 && rng.below(5) == 0 {
                    text.push_str(rng.pick(HEADINGS));
                    text.push_str("\n\n");
                }
                if let Some(copy) = recent.copy(&mut rng, 40) {
                    text.push_str(copy);
                    text.push_str("\n\n");
                    continue;
                }
                let mut paragraph = String::new();
                for _ in 0..3 + rng.below(3) {
                    if !paragraph.is_empty() {
                        paragraph.push(' ');
                    }
                    if rng.below(100) < 45 {
                        prose(&mut rng, &mut paragraph);
                        continue;
                    }
                    let pattern = rng.pick(PATTERNS);
                    let mut chars = pattern.chars();
                    while let Some(c) = chars.next() {
                        let slot = if c == '%' { chars.next() } else { None };
                        match slot.and_then(|slot| story.fill(slot, &pools, &mut rng)) {
                            Some(value) => paragraph.push_str(value),
                            None => paragraph.push(c),
                        }
                    }
                }
                recent.remember(&mut rng, &paragraph);
                text.push_str(&paragraph);
                text.push_str("\n\n");
            }
            (finish_article(&mut rng, a, text), story.section_index)
        })
        .collect()
}

fn title_case(phrase: &str) -> String {
    phrase
        .split(' ')
        .map(capitalize_first)
        .collect::<Vec<_>>()
        .join(" ")
}

fn capitalize_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
