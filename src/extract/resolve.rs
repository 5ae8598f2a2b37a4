//! Linking candidate mentions into entities across the corpus: full names
//! and their short forms, spelling variants, roles, gazetteer stand-ins and
//! the user's aliases. Every merge records the rule that made it.
//!
//! Guards: countries and organizations merge only through the gazetteer,
//! never by string similarity (Austria and Australia stay apart).

use std::collections::{BTreeMap, HashMap};

use rustc_hash::FxHashMap;

use super::gazetteer::{FormRole, Gazetteer};
use super::names::{Candidate, Found};
use super::{Alias, Category, MergeRule};

/// A candidate with the article it was found in.
#[derive(Debug, Clone)]
pub struct Located {
    pub article: u32,
    pub candidate: Candidate,
}

/// Identity of an entity while linking.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityId {
    Gazetteer(u32),
    Person(u32),
    Other(String),
    User(String),
}

/// A linked mention: which entity, and by what rule.
#[derive(Debug, Clone)]
pub struct Linked {
    pub article: u32,
    pub block: u32,
    pub start: usize,
    pub end: usize,
    pub surface: String,
    pub entity: EntityId,
    pub rule: Option<MergeRule>,
}

/// What linking produced: entity descriptions and linked mentions.
#[derive(Debug, Default)]
pub struct Resolved {
    pub entities: BTreeMap<EntityId, ResolvedEntity>,
    pub mentions: Vec<Linked>,
}

#[derive(Debug, Clone)]
pub struct ResolvedEntity {
    pub label: String,
    pub category: Category,
    pub aliases: Vec<Alias>,
}

/// A person's name split for matching.
#[derive(Debug, Clone)]
struct PersonName {
    first: String,
    last: String,
}

/// A transliteration-tolerant key for people's names: Zelenskiy, Zelenskyy
/// and Zelensky give the same key.
pub fn phonetic(word: &str) -> String {
    let folded: String = word
        .chars()
        .flat_map(char::to_lowercase)
        .map(fold_accent)
        .filter(|c| c.is_alphanumeric())
        .collect();
    let replaced = folded
        .replace("kh", "h")
        .replace("ph", "f")
        .replace("ck", "k")
        .replace("ou", "u")
        .replace('w', "v")
        .replace(['y', 'j'], "i");
    let mut out = String::with_capacity(replaced.len());
    for c in replaced.chars() {
        if out.ends_with(c) {
            continue;
        }
        out.push(c);
    }
    while out.len() > 4 && out.ends_with('i') {
        out.pop();
    }
    out
}

fn fold_accent(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' => 'a',
        'é' | 'è' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' => 'e',
        'í' | 'ì' | 'î' | 'ï' | 'ī' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ō' => 'o',
        'ú' | 'ù' | 'û' | 'ü' | 'ū' => 'u',
        'ç' | 'č' | 'ć' => 'c',
        'ñ' | 'ń' => 'n',
        'š' | 'ś' | 'ş' => 's',
        'ž' | 'ź' | 'ż' => 'z',
        'ł' => 'l',
        'ř' => 'r',
        'ğ' => 'g',
        'ı' => 'i',
        other => other,
    }
}

/// The key of a non-person name: folded case and accents, no leading "the".
fn other_key(surface: &str) -> String {
    let lower: String = surface
        .chars()
        .flat_map(char::to_lowercase)
        .map(fold_accent)
        .collect();
    let lower = lower.replace(['’', '\''], "").replace('-', " ");
    let trimmed = lower.strip_prefix("the ").unwrap_or(&lower);
    trimmed.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn person_name(surface: &str) -> Option<PersonName> {
    let words: Vec<&str> = surface.split_whitespace().collect();
    if words.len() < 2 {
        return None;
    }
    Some(PersonName {
        first: phonetic(words[0]),
        last: phonetic(words[words.len() - 1]),
    })
}

/// A user's alias line: a surface form mapped to a label, or ignored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserAlias {
    To(String),
    Ignore,
}

/// Links all candidates. `candidates` are in article order.
pub fn resolve(
    gazetteer: &Gazetteer,
    candidates: &[Located],
    user: &HashMap<String, UserAlias>,
) -> Resolved {
    // 1. People with full names form clusters keyed by (first, last) phonetic keys.
    let mut clusters: Vec<PersonName> = Vec::new();
    let mut cluster_of: FxHashMap<(String, String), u32> = FxHashMap::default();
    let mut by_last: FxHashMap<String, Vec<u32>> = FxHashMap::default();
    let is_person_name = |c: &Candidate| {
        matches!(
            c.found,
            Found::Name {
                guess: Some(Category::Person),
                ..
            }
        ) && c.surface.split_whitespace().count() >= 2
    };
    for located in candidates {
        let c = &located.candidate;
        if !is_person_name(c) {
            continue;
        }
        let Some(name) = person_name(&c.surface) else {
            continue;
        };
        let key = (name.first.clone(), name.last.clone());
        if let std::collections::hash_map::Entry::Vacant(slot) = cluster_of.entry(key) {
            let id = u32::try_from(clusters.len()).unwrap_or(u32::MAX);
            slot.insert(id);
            by_last.entry(name.last.clone()).or_default().push(id);
            clusters.push(name);
        }
    }
    // Mentions per cluster, for choosing among namesakes.
    let mut cluster_weight = vec![0u32; clusters.len()];
    for located in candidates {
        if is_person_name(&located.candidate)
            && let Some(name) = person_name(&located.candidate.surface)
            && let Some(&id) = cluster_of.get(&(name.first, name.last))
        {
            cluster_weight[id as usize] += 1;
        }
    }

    // 2. Link every candidate.
    let mut linked: Vec<Linked> = Vec::with_capacity(candidates.len());
    let mut roles_global: FxHashMap<(Option<u32>, String), BTreeMap<u32, u32>> =
        FxHashMap::default();
    let mut other_votes: FxHashMap<String, [u32; 5]> = FxHashMap::default();
    let mut pending_roles: Vec<(usize, Option<u32>, String)> = Vec::new();
    let mut article_roles: FxHashMap<(u32, Option<u32>, String), u32> = FxHashMap::default();
    let mut article_people: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
    for located in candidates {
        let c = &located.candidate;
        let article = located.article;
        let base = Linked {
            article,
            block: c.block,
            start: c.start,
            end: c.end,
            surface: c.surface.clone(),
            entity: EntityId::Other(String::new()),
            rule: None,
        };
        match &c.found {
            Found::Known { entry, .. }
                if c.team && gazetteer.entries[*entry as usize].category == Category::Place =>
            {
                // A city or region playing sport is its team: a node of its own.
                let key = format!(
                    "{} (team)",
                    other_key(&gazetteer.entries[*entry as usize].label)
                );
                other_votes.entry(key.clone()).or_default()[1] += 1;
                linked.push(Linked {
                    entity: EntityId::Other(key),
                    rule: None,
                    ..base
                });
            }
            Found::Known { entry, role } => {
                let rule = match role {
                    FormRole::Name => None,
                    FormRole::Demonym => Some(MergeRule::Demonym),
                    FormRole::StandIn | FormRole::Capital => Some(MergeRule::Gazetteer),
                };
                linked.push(Linked {
                    entity: EntityId::Gazetteer(*entry),
                    rule,
                    ..base
                });
            }
            Found::Role { country, role } => {
                pending_roles.push((linked.len(), *country, role.clone()));
                linked.push(Linked {
                    entity: EntityId::Other(String::new()),
                    rule: Some(MergeRule::Role),
                    ..base
                });
            }
            Found::Name { guess, person_cue } => {
                let words: Vec<&str> = c.surface.split_whitespace().collect();
                let people = article_people.entry(article).or_default();
                let mut person = None;
                let mut rule = None;
                if is_person_name(c) {
                    if let Some(name) = person_name(&c.surface) {
                        person = cluster_of.get(&(name.first, name.last)).copied();
                    }
                } else if words.len() <= 2
                    && *guess != Some(Category::Organization)
                    && *guess != Some(Category::Place)
                {
                    // A short form: the surname (or first name) of a person named in full.
                    let key_last = phonetic(words[words.len() - 1]);
                    let key_first = phonetic(words[0]);
                    let local = people.iter().rev().copied().find(|&p| {
                        let n = &clusters[p as usize];
                        n.last == key_last || (words.len() == 1 && n.first == key_first)
                    });
                    person = local.or_else(|| {
                        let options = by_last.get(&key_last)?;
                        let total: u32 = options.iter().map(|&o| cluster_weight[o as usize]).sum();
                        options
                            .iter()
                            .copied()
                            .max_by_key(|&o| (cluster_weight[o as usize], std::cmp::Reverse(o)))
                            .filter(|&o| cluster_weight[o as usize] * 3 >= total * 2)
                    });
                    if person.is_some() {
                        rule = Some(MergeRule::ShortName);
                    }
                }
                if let Some(p) = person {
                    if !people.contains(&p) {
                        people.push(p);
                    }
                    if let Some((country, role)) = &c.role {
                        *roles_global
                            .entry((*country, role.clone()))
                            .or_default()
                            .entry(p)
                            .or_default() += 1;
                        article_roles.insert((article, *country, role.clone()), p);
                    }
                    linked.push(Linked {
                        entity: EntityId::Person(p),
                        rule,
                        ..base
                    });
                } else {
                    let key = other_key(&c.surface);
                    let votes = other_votes.entry(key.clone()).or_default();
                    let vote = match guess {
                        Some(Category::Person) => 0,
                        Some(Category::Organization) => 1,
                        Some(Category::Place) => 3,
                        _ if *person_cue || c.speaks => 0,
                        _ if c.locative => 3,
                        _ => 4,
                    };
                    votes[vote] += 1;
                    linked.push(Linked {
                        entity: EntityId::Other(key),
                        rule: None,
                        ..base
                    });
                }
            }
        }
    }
    // 3. Roles: the person named in that role in the article, else in the corpus.
    let mut drop = vec![false; linked.len()];
    for (index, country, role) in pending_roles {
        let article = linked[index].article;
        let local = article_roles
            .get(&(article, country, role.clone()))
            .copied();
        let global = || {
            roles_global.get(&(country, role.clone())).and_then(|m| {
                m.iter()
                    .max_by_key(|(p, n)| (**n, std::cmp::Reverse(**p)))
                    .map(|(p, _)| *p)
            })
        };
        match local.or_else(global) {
            Some(p) if country.is_some() => linked[index].entity = EntityId::Person(p),
            _ => drop[index] = true,
        }
    }
    // 4. User aliases override everything.
    for (i, m) in linked.iter_mut().enumerate() {
        match user.get(&super::gazetteer::key(&m.surface)) {
            Some(UserAlias::Ignore) => drop[i] = true,
            Some(UserAlias::To(label)) => {
                m.entity = EntityId::User(label.clone());
                m.rule = Some(MergeRule::UserAlias);
            }
            None => {}
        }
    }
    let mentions: Vec<Linked> = linked
        .into_iter()
        .zip(drop)
        .filter_map(|(m, d)| (!d).then_some(m))
        .collect();
    // Single-word "others" that are also a person's surname elsewhere: already
    // linked above when unambiguous; the rest keep their own node.
    let entities = describe(gazetteer, &mentions, &other_votes);
    Resolved { entities, mentions }
}

/// Labels, categories and aliases of the linked entities.
fn describe(
    gazetteer: &Gazetteer,
    mentions: &[Linked],
    votes: &FxHashMap<String, [u32; 5]>,
) -> BTreeMap<EntityId, ResolvedEntity> {
    // Surface statistics per entity: surface → (mentions, articles).
    let mut surfaces: BTreeMap<EntityId, BTreeMap<String, (u32, std::collections::BTreeSet<u32>)>> =
        BTreeMap::new();
    // Spelling of each word across all people's mentions, by articles using it.
    let mut word_articles: FxHashMap<String, std::collections::BTreeSet<u32>> =
        FxHashMap::default();
    // The rule of the first mention of each (entity, form).
    let mut first_rule: FxHashMap<(&EntityId, &str), Option<MergeRule>> = FxHashMap::default();
    for m in mentions.iter() {
        first_rule
            .entry((&m.entity, m.surface.trim_start_matches("the ")))
            .or_insert(m.rule);
    }
    for m in mentions.iter() {
        let clean = m.surface.trim_start_matches("the ").to_owned();
        let entry = surfaces
            .entry(m.entity.clone())
            .or_default()
            .entry(clean)
            .or_default();
        entry.0 += 1;
        entry.1.insert(m.article);
        if matches!(m.entity, EntityId::Person(_)) {
            for w in m.surface.split_whitespace() {
                word_articles
                    .entry(w.to_owned())
                    .or_default()
                    .insert(m.article);
            }
        }
    }
    let mut out = BTreeMap::new();
    for (id, forms) in &surfaces {
        let (label, category) = match id {
            EntityId::Gazetteer(entry) => {
                let e = &gazetteer.entries[*entry as usize];
                (e.label.clone(), e.category)
            }
            EntityId::Person(_) => {
                // The fullest name, spelled as most articles spell its words.
                let score = |form: &str| {
                    let words: Vec<&str> = form.split_whitespace().collect();
                    let spelling: usize = words
                        .iter()
                        .map(|w| word_articles.get(*w).map_or(0, |s| s.len()))
                        .sum();
                    let well_formed = words
                        .iter()
                        .all(|w| w.chars().next().is_some_and(char::is_uppercase));
                    (
                        well_formed,
                        words.len().min(4),
                        spelling,
                        forms.get(form).map_or(0, |f| f.0),
                    )
                };
                let best = forms
                    .keys()
                    .max_by(|a, b| score(a).cmp(&score(b)).then_with(|| b.cmp(a)))
                    .cloned()
                    .unwrap_or_default();
                (best, Category::Person)
            }
            EntityId::Other(key) => {
                let best = forms
                    .iter()
                    .max_by(|a, b| {
                        let well = |s: &str| s.chars().next().is_some_and(char::is_uppercase);
                        (well(a.0), a.1.0, a.0.len())
                            .cmp(&(well(b.0), b.1.0, b.0.len()))
                            .then_with(|| b.0.cmp(a.0))
                    })
                    .map(|(s, _)| s.clone())
                    .unwrap_or_default();
                let v = votes.get(key).copied().unwrap_or_default();
                let category = if v[0] > v[1] && v[0] >= v[3] {
                    Category::Person
                } else if v[3] > v[1] && v[3] > v[0] {
                    Category::Place
                } else {
                    Category::Organization
                };
                (best, category)
            }
            EntityId::User(label) => (label.clone(), Category::Organization),
        };
        let mut aliases: Vec<Alias> = Vec::new();
        for form in forms.keys() {
            if *form == label {
                continue;
            }
            let rule = first_rule
                .get(&(id, form.as_str()))
                .copied()
                .flatten()
                .unwrap_or_else(|| {
                    if super::gazetteer::key(form) == super::gazetteer::key(&label) {
                        MergeRule::SameName
                    } else if matches!(id, EntityId::Person(_)) {
                        MergeRule::SpellingVariant
                    } else {
                        MergeRule::SameName
                    }
                });
            aliases.push(Alias {
                form: form.clone(),
                rule,
            });
        }
        out.insert(
            id.clone(),
            ResolvedEntity {
                label,
                category,
                aliases,
            },
        );
    }
    // User-relabelled entities take the category of what they were before, if known.
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterations_share_a_key() {
        assert_eq!(phonetic("Zelenskiy"), phonetic("Zelenskyy"));
        assert_eq!(phonetic("Zelensky"), phonetic("Zelenskyy"));
        assert_eq!(phonetic("Volodymyr"), phonetic("Wolodymyr"));
        assert_ne!(phonetic("Putin"), phonetic("Rutin"));
    }

    #[test]
    fn other_keys_ignore_case_and_articles() {
        assert_eq!(other_key("the Kremlin"), other_key("KREMLIN"));
    }
}
