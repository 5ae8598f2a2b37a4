//! Realistic generated news corpora for benchmarks and scale tests.
//!
//! Articles have headlines, kickers, headings, bylines, share-button
//! furniture and repeated paragraphs; names (people, organizations,
//! countries, places) and key phrases follow a Zipf distribution, so the
//! extraction and graph stages see the skew of real news. Deterministic for a
//! given seed.

mod news;

use super::SourceFile;

const FIRST: &[&str] = &[
    "Anna", "Boris", "Carlos", "Diana", "Elena", "Farid", "Greta", "Hassan", "Ingrid", "Jamal",
    "Katrin", "Lars", "Maria", "Nikolai", "Olga", "Pedro", "Quentin", "Rosa", "Stefan", "Tamara",
    "Umar", "Vera", "Walter", "Xavier", "Yusuf", "Zofia", "Andrei", "Beatriz", "Chen", "Dmitri",
];
const SYLLABLES: &[&str] = &[
    "bar", "cel", "dor", "fen", "gal", "hov", "kir", "lum", "mar", "nes", "oth", "pra", "quin",
    "ros", "sul", "tev", "ulm", "var", "wen", "xan", "yor", "zed", "bri", "cov",
];
const LAST: &[&str] = &[
    "Albrecht",
    "Barkov",
    "Castell",
    "Drummond",
    "Eriksen",
    "Falcone",
    "Grigoryan",
    "Halvorsen",
    "Ibarra",
    "Jansen",
    "Kowalczyk",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "Okonkwo",
    "Petrov",
    "Quiroga",
    "Rasmussen",
    "Santoro",
    "Tkachenko",
    "Ulrich",
    "Valdez",
    "Wojcik",
    "Yamada",
    "Zeller",
    "Abernathy",
    "Brandt",
    "Cavanagh",
    "Delacroix",
    "Esposito",
    "Fitzgerald",
    "Gallo",
];
const ORG_HEAD: &[&str] = &[
    "Northern",
    "Atlantic",
    "Central",
    "National",
    "United",
    "Eastern",
    "Global",
    "Federal",
    "Pacific",
    "Southern",
    "Western",
    "Baltic",
    "Continental",
    "Royal",
    "Independent",
];
const ORG_TAIL: &[&str] = &[
    "Energy Agency",
    "Bank",
    "Council",
    "Union",
    "Party",
    "Ministry of Finance",
    "Forum",
    "Institute",
    "Committee",
    "Alliance",
    "Commission",
    "Development Fund",
];
const COUNTRIES: &[&str] = &[
    "Russia",
    "Ukraine",
    "the United States",
    "France",
    "Germany",
    "China",
    "Iran",
    "Turkey",
    "Poland",
    "Japan",
    "India",
    "Brazil",
    "Canada",
    "Italy",
    "Spain",
    "Egypt",
    "Israel",
    "Saudi Arabia",
    "Hungary",
    "Finland",
];
const PLACES: &[&str] = &[
    "Geneva",
    "Istanbul",
    "Crimea",
    "Donbas",
    "the Black Sea",
    "Odesa",
    "Kharkiv",
    "Vienna",
    "Riyadh",
    "Helsinki",
    "Warsaw",
    "Brussels",
    "Doha",
    "Abu Dhabi",
    "Minsk",
];
const PHRASES: &[&str] = &[
    "security guarantees",
    "a ceasefire",
    "sanctions relief",
    "the peace plan",
    "energy prices",
    "the nuclear power plant",
    "prisoner exchanges",
    "grain exports",
    "air defence systems",
    "reconstruction funds",
    "the frozen assets",
    "a referendum",
    "humanitarian corridors",
    "the trade agreement",
    "interest rates",
    "military aid",
    "territorial concessions",
    "the drone attacks",
    "inflation figures",
    "the gas pipeline",
    "election monitoring",
];
const VERBS: &[&str] = &[
    "said",
    "warned",
    "argued",
    "announced",
    "insisted",
    "suggested",
    "confirmed",
    "denied",
    "told reporters",
    "wrote",
];
const FILLER: &[&str] = &[
    "on Monday",
    "after talks that lasted late into the night",
    "according to officials familiar with the matter",
    "in a statement",
    "during a visit",
    "before the meeting",
    "as negotiations continued",
    "despite growing pressure",
    "in an interview",
    "at a press conference",
];
const HEADINGS: &[&str] = &[
    "What Comes Next",
    "Background",
    "The Sticking Points",
    "Reactions Abroad",
    "Market Impact",
    "A Difficult Compromise",
    "Looking Ahead",
    "Key Questions",
    "The Regional Picture",
];
const FURNITURE: &[&str] = &[
    "Share this article",
    "Back to top button",
    "You may also like",
    "Leave a Comment",
    "WhatsApp Group Join Now",
    "Follow us on Google News",
];

/// A small deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// Index in 0..n drawn with probability ∝ 1/(rank+1) (Zipf, s = 1).
    fn zipf(&mut self, n: usize) -> usize {
        let h: f64 = (1..=n).map(|k| 1.0 / k as f64).sum();
        let mut u = (self.next() >> 11) as f64 / (1u64 << 53) as f64 * h;
        for k in 1..=n {
            u -= 1.0 / k as f64;
            if u <= 0.0 {
                return k - 1;
            }
        }
        n - 1
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Paragraphs already written, of which some come back as copies (the
/// same wire paragraph in several stories), as in real corpora.
#[derive(Default)]
struct Repeats(Vec<String>);

impl Repeats {
    /// An earlier paragraph, one time in `one_in`.
    fn copy(&self, rng: &mut Rng, one_in: usize) -> Option<&str> {
        if !self.0.is_empty() && rng.below(one_in) == 0 {
            Some(&self.0[rng.below(self.0.len())])
        } else {
            None
        }
    }

    /// Keeps `paragraph` among the last 64 (a random one replaced when full).
    fn remember(&mut self, rng: &mut Rng, paragraph: &str) {
        if self.0.len() < 64 {
            self.0.push(paragraph.to_owned());
        } else {
            let slot = rng.below(64);
            self.0[slot] = paragraph.to_owned();
        }
    }
}

/// The article `a` as a file: `text` with a line of page furniture after it.
fn finish_article(rng: &mut Rng, a: usize, mut text: String) -> SourceFile {
    text.push_str(rng.pick(FURNITURE));
    text.push('\n');
    SourceFile {
        path: format!("{:02}/{a:05}.txt", a / 100),
        bytes: text.into_bytes(),
        modified: None,
    }
}

/// Generated general news ([`Style::News`], whatever `settings.style`
/// says), each article in a folder named after its section
/// (`politics/00/00012.txt`), as a real corpus sorted by desk is: the
/// sections are the structure a map should show.
pub fn generate_sectioned(settings: &SyntheticSettings) -> Vec<SourceFile> {
    news::generate(settings)
        .into_iter()
        .map(|(mut file, section)| {
            let name = news::SECTION_NAMES.get(section).copied().unwrap_or("other");
            file.path = format!("{name}/{}", file.path);
            file
        })
        .collect()
}

/// Settings of a generated corpus.
#[derive(Debug, Clone, Copy)]
pub struct SyntheticSettings {
    pub articles: usize,
    /// Paragraphs per article (on average).
    pub paragraphs: usize,
    /// Distinct people and organizations to draw from.
    pub people: usize,
    pub organizations: usize,
    pub seed: u64,
    pub style: Style,
}

/// Which kind of corpus is generated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Style {
    /// Peace-talk reports drawing on fixed pools of names and phrases: a
    /// dense map of about 1,700 nodes for 2,000 articles (the benchmarks of
    /// sessions 1 to 7).
    #[default]
    Pooled,
    /// General news in five sections with long tails of names, calibrated
    /// to a real 2,225-article corpus (see [`SyntheticSettings::news`]).
    News,
}

impl Default for SyntheticSettings {
    /// About 2,000 articles, 5 MB, 12,000 paragraphs, 850,000 words.
    fn default() -> Self {
        Self {
            articles: 2000,
            paragraphs: 6,
            people: 1500,
            organizations: 300,
            seed: 42,
            style: Style::Pooled,
        }
    }
}

impl SyntheticSettings {
    /// General news calibrated to a real corpus of 2,225 articles (5 MB):
    /// about 10,000 kept paragraphs, 14,000 distinct name candidates,
    /// 12,000 nodes of which about half are mentioned once, and 180,000
    /// links; five sections, so the map has structure to find.
    pub fn news() -> Self {
        Self {
            articles: 2200,
            paragraphs: 5,
            people: 26_000,
            organizations: 6_000,
            seed: 42,
            style: Style::News,
        }
    }
}

/// Generates the articles as files in memory.
pub fn generate(settings: &SyntheticSettings) -> Vec<SourceFile> {
    if settings.style == Style::News {
        return news::generate(settings)
            .into_iter()
            .map(|(file, _)| file)
            .collect();
    }
    let mut rng = Rng(settings.seed);
    let people: Vec<(String, String)> = (0..settings.people)
        .map(|i| {
            let first = FIRST[i % FIRST.len()];
            let last = LAST[(i / FIRST.len() + i * 7) % LAST.len()];
            if i >= FIRST.len() * LAST.len() {
                // Past the fixed pool, surnames are made of three syllables:
                // 24³ distinct names for maps of many thousand people.
                let k = i - FIRST.len() * LAST.len();
                let n = SYLLABLES.len();
                let mut last = String::new();
                for (d, s) in [k % n, (k / n) % n, (k / n / n) % n].iter().enumerate() {
                    let syllable = SYLLABLES[*s];
                    if d == 0 {
                        let mut c = syllable.chars();
                        if let Some(f) = c.next() {
                            last.extend(f.to_uppercase());
                            last.push_str(c.as_str());
                        }
                    } else {
                        last.push_str(syllable);
                    }
                }
                return (format!("{first} {last}"), last);
            }
            (format!("{first} {last}"), last.to_owned())
        })
        .collect();
    let orgs: Vec<String> = (0..settings.organizations)
        .map(|i| {
            let head = ORG_HEAD[i % ORG_HEAD.len()];
            let tail = ORG_TAIL[(i / ORG_HEAD.len() + i) % ORG_TAIL.len()];
            let country = COUNTRIES[i % COUNTRIES.len()].trim_start_matches("the ");
            if i < ORG_HEAD.len() * ORG_TAIL.len() {
                format!("{head} {tail}")
            } else {
                format!("{head} {tail} of {country}")
            }
        })
        .collect();
    let mut recent = Repeats::default();
    (0..settings.articles)
        .map(|a| {
            let mut text = String::new();
            if rng.below(3) == 0 {
                text.push_str("WORLD NEWS\n\n");
            }
            let lead = &people[rng.zipf(people.len())];
            let country = rng.pick(COUNTRIES);
            text.push_str(&format!(
                "{} Says {} Talks Will Resume\n\n",
                lead.0,
                country.trim_start_matches("the ").replace("United States", "US")
            ));
            if rng.below(2) == 0 {
                text.push_str(&format!("By {}\n\n", people[rng.below(people.len())].0));
            }
            let count = settings.paragraphs / 2 + rng.below(settings.paragraphs + 1);
            for p in 0..count {
                if p > 0 && rng.below(4) == 0 {
                    text.push_str(rng.pick(HEADINGS));
                    text.push_str("\n\n");
                }
                if let Some(copy) = recent.copy(&mut rng, 25) {
                    text.push_str(copy);
                    text.push_str("\n\n");
                    continue;
                }
                let mut paragraph = String::new();
                let sentences = 3 + rng.below(3);
                for s in 0..sentences {
                    let person = &people[rng.zipf(people.len())];
                    let name = if s == 0 || p == 0 { &person.0 } else { &person.1 };
                    let org = &orgs[rng.zipf(orgs.len())];
                    let sentence = match rng.below(4) {
                        0 => format!(
                            "{name} {} that {} was ready to discuss {} with {} {}.",
                            rng.pick(VERBS),
                            rng.pick(COUNTRIES),
                            rng.pick(PHRASES),
                            org,
                            rng.pick(FILLER)
                        ),
                        1 => format!(
                            "Officials from the {org} met in {} to review {} and {}, {} {}.",
                            rng.pick(PLACES),
                            rng.pick(PHRASES),
                            rng.pick(PHRASES),
                            name,
                            rng.pick(VERBS)
                        ),
                        2 => format!(
                            "The {} between {} and {} remained a central concern {}, and analysts expect {} to dominate the agenda.",
                            rng.pick(PHRASES).trim_start_matches("the ").trim_start_matches("a "),
                            rng.pick(COUNTRIES),
                            rng.pick(COUNTRIES),
                            rng.pick(FILLER),
                            rng.pick(PHRASES)
                        ),
                        _ => format!(
                            "\u{201c}We will not accept {} without {},\u{201d} {} {} {}.",
                            rng.pick(PHRASES),
                            rng.pick(PHRASES),
                            name,
                            rng.pick(VERBS),
                            rng.pick(FILLER)
                        ),
                    };
                    if !paragraph.is_empty() {
                        paragraph.push(' ');
                    }
                    paragraph.push_str(&sentence);
                }
                recent.remember(&mut rng, &paragraph);
                text.push_str(&paragraph);
                text.push_str("\n\n");
            }
            finish_article(&mut rng, a, text)
        })
        .collect()
}

/// Writes a generated corpus below `dir`.
///
/// # Errors
/// Any I/O error.
pub fn write_to(dir: &std::path::Path, files: &[SourceFile]) -> std::io::Result<()> {
    for file in files {
        let path = dir.join(&file.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, &file.bytes)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_corpus_has_the_documented_size() {
        let files = generate(&SyntheticSettings::default());
        let bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
        let words: usize = files
            .iter()
            .map(|f| String::from_utf8_lossy(&f.bytes).split_whitespace().count())
            .sum();
        assert_eq!(files.len(), 2000);
        assert!((4_000_000..7_000_000).contains(&bytes), "{bytes} bytes");
        assert!((650_000..1_100_000).contains(&words), "{words} words");
    }

    #[test]
    fn generation_is_deterministic() {
        for base in [SyntheticSettings::default(), SyntheticSettings::news()] {
            let s = SyntheticSettings {
                articles: 300,
                ..base
            };
            let a: Vec<Vec<u8>> = generate(&s).into_iter().map(|f| f.bytes).collect();
            let b: Vec<Vec<u8>> = generate(&s).into_iter().map(|f| f.bytes).collect();
            assert_eq!(a, b, "{:?}", s.style);
        }
    }
}
