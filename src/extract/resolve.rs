//! Linking candidate mentions into entities across the corpus: full names
//! and their short forms, spelling variants, roles, gazetteer stand-ins and
//! the user's aliases. Every merge records the rule that made it.
//!
//! Guards: countries and organizations merge only through the gazetteer,
//! never by string similarity (Austria and Australia stay apart).

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

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
    /// The name ends in a regnal number ("Elizabeth II"): it has no
    /// surname to be found by.
    numbered: bool,
}

/// A transliteration-tolerant key for people's names: Zelenskiy, Zelenskyy
/// and Zelensky give the same key. Lower case without accents or
/// punctuation; kh → h, ph → f, ck → k, ou → u, w → v, y and j → i; doubled
/// letters once; trailing i's dropped past four letters.
pub fn phonetic(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut letters = word
        .chars()
        .flat_map(char::to_lowercase)
        .map(fold_accent)
        .filter(|c| c.is_alphanumeric())
        .peekable();
    while let Some(c) = letters.next() {
        let next = letters.peek().copied();
        let mapped = match (c, next) {
            ('k', Some('h')) => {
                letters.next();
                'h'
            }
            ('p', Some('h')) => {
                letters.next();
                'f'
            }
            ('c', Some('k')) => {
                letters.next();
                'k'
            }
            ('o', Some('u')) => {
                letters.next();
                'u'
            }
            ('w', _) => 'v',
            ('y' | 'j', _) => 'i',
            (c, _) => c,
        };
        if !out.ends_with(mapped) {
            out.push(mapped);
        }
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

/// The key of a non-person name: folded case and accents, no apostrophes,
/// hyphens as spaces, single spaces, no leading "the".
fn other_key(surface: &str) -> String {
    let mut out = String::with_capacity(surface.len());
    let mut space = false;
    // An inner possessive is no part of the key (see `name_words`).
    let plain = super::gazetteer::name_words(surface)
        .collect::<Vec<_>>()
        .join(" ");
    for c in plain.chars().flat_map(char::to_lowercase).map(fold_accent) {
        match c {
            '’' | '\'' => {}
            '-' => space = true,
            c if c.is_whitespace() => space = true,
            c => {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.push(c);
            }
        }
    }
    if out.starts_with("the ") {
        out.drain(..4);
    }
    out
}

/// A regnal or generational number or suffix after a name ("II", "IV",
/// "Jr."): never a surname.
fn is_name_suffix(word: &str) -> bool {
    let w = word.trim_end_matches(['.', ',']);
    matches!(w, "Jr" | "Sr" | "jr" | "sr")
        || (!w.is_empty() && w.len() <= 5 && w.chars().all(|c| matches!(c, 'I' | 'V' | 'X')))
}

fn person_name(surface: &str) -> Option<PersonName> {
    let mut words: Vec<&str> = surface.split_whitespace().collect();
    // "Martin Luther King Jr." is matched as King; "Elizabeth II" keeps
    // its number (a regnal name has no surname to drop it for).
    while words.len() > 2 && words.last().is_some_and(|w| is_name_suffix(w)) {
        words.pop();
    }
    if words.len() < 2 {
        return None;
    }
    Some(PersonName {
        first: phonetic(words[0]),
        last: phonetic(words[words.len() - 1]),
        numbered: is_name_suffix(words[words.len() - 1]),
    })
}

/// A user's alias line: a surface form mapped to a label, or ignored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserAlias {
    To(String),
    Ignore,
}

/// The matching keys of a name candidate, computed in parallel before the
/// (sequential) linking.
#[derive(Debug, Default)]
struct NameKeys {
    /// Phonetic first and last name of a full person's name.
    person: Option<PersonName>,
    /// Phonetic first and last word of a short name (≤ 2 words) that may be
    /// a person's surname or first name.
    short: Option<PersonName>,
    /// [`other_key`] of anything else.
    other: String,
}

fn is_person_name(c: &Candidate) -> bool {
    matches!(
        c.found,
        Found::Name {
            guess: Some(Category::Person),
            ..
        }
    ) && c.surface.split_whitespace().nth(1).is_some()
        // "the Coronavirus Pandemic ongoing": written as an illness, not a
        // person whatever its shape.
        && !c.thing
}

/// What [`name_keys`] depends on besides the surface.
fn name_class(c: &Candidate) -> u8 {
    match &c.found {
        Found::Name { guess, .. } => match guess {
            Some(Category::Person) => 1,
            Some(Category::Organization) => 2,
            Some(Category::Place) => 3,
            _ => 4,
        },
        _ => 0,
    }
}

fn name_keys(c: &Candidate) -> NameKeys {
    let Found::Name { guess, .. } = &c.found else {
        return NameKeys::default();
    };
    if is_person_name(c)
        && let Some(name) = person_name(&c.surface)
    {
        return NameKeys {
            person: Some(name),
            ..NameKeys::default()
        };
    }
    let words: Vec<&str> = c.surface.split_whitespace().collect();
    // A short form ends in a surname or is a first name: "War II" or
    // "Iran I" is never one.
    let short = (!words.is_empty()
        && words.len() <= 2
        && !words.last().is_some_and(|w| is_name_suffix(w))
        && *guess != Some(Category::Organization)
        && *guess != Some(Category::Place))
    .then(|| PersonName {
        first: phonetic(words[0]),
        last: phonetic(words[words.len() - 1]),
        numbered: false,
    });
    NameKeys {
        person: None,
        short,
        other: other_key(&c.surface),
    }
}

/// Links all candidates, given by article in article order.
pub fn resolve(
    gazetteer: &Gazetteer,
    candidates: &[Vec<Located>],
    user: &HashMap<String, UserAlias>,
    acronyms: &super::acronym::Definitions,
) -> Resolved {
    let clock = std::time::Instant::now();
    let lap = |what: &str| log::debug!("linking: {what} at {:?}", clock.elapsed());
    // Keys per distinct (surface, kind of name): names recur (Zipf), so
    // there are far fewer of them than candidates.
    let mut distinct: FxHashMap<(&str, u8), u32> = FxHashMap::default();
    let mut firsts: Vec<&Candidate> = Vec::new();
    let key_index: Vec<u32> = candidates
        .iter()
        .flatten()
        .map(|l| {
            let c = &l.candidate;
            *distinct
                .entry((&c.surface, name_class(c)))
                .or_insert_with(|| {
                    firsts.push(c);
                    u32::try_from(firsts.len() - 1).unwrap_or(u32::MAX)
                })
        })
        .collect();
    let distinct_keys: Vec<NameKeys> = firsts.par_iter().map(|c| name_keys(c)).collect();
    let keys: Vec<&NameKeys> = key_index
        .iter()
        .map(|&i| &distinct_keys[i as usize])
        .collect();
    lap(&format!(
        "keys of {} candidates, {} distinct",
        keys.len(),
        distinct_keys.len()
    ));
    // 1. People with full names form clusters keyed by (first, last) phonetic keys.
    let mut clusters: Vec<PersonName> = Vec::new();
    let mut cluster_of: FxHashMap<(&str, &str), u32> = FxHashMap::default();
    let mut by_last: FxHashMap<&str, Vec<u32>> = FxHashMap::default();
    // Mentions per cluster, for choosing among namesakes.
    let mut cluster_weight: Vec<u32> = Vec::new();
    for k in &keys {
        let Some(name) = &k.person else {
            continue;
        };
        let id = *cluster_of
            .entry((name.first.as_str(), name.last.as_str()))
            .or_insert_with(|| {
                let id = u32::try_from(clusters.len()).unwrap_or(u32::MAX);
                // A regnal number is no surname to find the person by.
                if !name.numbered {
                    by_last.entry(name.last.as_str()).or_default().push(id);
                }
                clusters.push(name.clone());
                cluster_weight.push(0);
                id
            });
        cluster_weight[id as usize] += 1;
    }

    lap("clusters");
    // 2. Link every candidate.
    let mut linked: Vec<Linked> = Vec::with_capacity(keys.len());
    let mut roles_global: FxHashMap<(Option<u32>, String), BTreeMap<u32, u32>> =
        FxHashMap::default();
    let mut other_votes: FxHashMap<String, [u32; 6]> = FxHashMap::default();
    let mut pending_roles: Vec<(usize, Option<u32>, String)> = Vec::new();
    let mut article_roles: FxHashMap<(u32, Option<u32>, String), u32> = FxHashMap::default();
    let mut article_people: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
    // A place that plays in a third of its mentions in an article at least
    // is its team throughout it ("Leicestershire 345 for 6 …
    // Leicestershire's captain"), where no mention puts it somewhere ("in
    // Leicestershire"); one number after a city ("Melbourne 2020") is not
    // enough.
    let mut plays_in: FxHashMap<(u32, u32), (u32, u32)> = FxHashMap::default();
    for l in candidates.iter().flatten() {
        if let Found::Known { entry, .. } = &l.candidate.found
            && gazetteer.entries[*entry as usize].category == Category::Place
        {
            let (team, all) = plays_in.entry((l.article, *entry)).or_default();
            *team += u32::from(l.candidate.team);
            *all += 1;
        }
    }
    let teams: FxHashSet<(u32, u32)> = plays_in
        .into_iter()
        .filter(|(_, (team, all))| 3 * team >= *all)
        .map(|(key, _)| key)
        .collect();
    for (located, &k) in candidates.iter().flatten().zip(&keys) {
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
            Found::Known { entry, role }
                if gazetteer.entries[*entry as usize].category == Category::Place
                    && (c.team
                        || (*role == FormRole::Name
                            && !c.locative
                            && teams.contains(&(article, *entry)))) =>
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
                let people = article_people.entry(article).or_default();
                let mut person = None;
                let mut rule = None;
                if let Some(name) = &k.person {
                    person = cluster_of
                        .get(&(name.first.as_str(), name.last.as_str()))
                        .copied();
                } else if let Some(short) = &k.short {
                    // A short form: the surname (or first name) of a person named in full.
                    let one_word = c.surface.split_whitespace().nth(1).is_none();
                    let local = people.iter().rev().copied().find(|&p| {
                        let n = &clusters[p as usize];
                        (!n.numbered && n.last == short.last)
                            || (one_word && n.first == short.first)
                    });
                    person = local.or_else(|| {
                        let options = by_last.get(short.last.as_str())?;
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
                    let key = k.other.clone();
                    let votes = other_votes.entry(key.clone()).or_default();
                    let vote = match guess {
                        Some(Category::Person) => 0,
                        Some(Category::Organization) => 1,
                        Some(Category::Place) => 3,
                        _ if *person_cue || c.speaks => 0,
                        // "Orrell 13 Bath 56", "Wasps beat Sale": a team.
                        _ if c.team => 2,
                        _ if c.locative => 3,
                        _ => 4,
                    };
                    votes[vote] += 1;
                    if c.thing {
                        votes[THING] += 1;
                    }
                    linked.push(Linked {
                        entity: EntityId::Other(key),
                        rule: None,
                        ..base
                    });
                }
            }
        }
    }
    lap("linked");
    // 3. Acronyms the text spells out join their long form's entity.
    let mut drop = vec![false; linked.len()];
    acronyms.apply(&mut linked, &mut drop);
    lap("acronyms");
    // 4. Roles: the person named in that role in the article, else in the corpus.
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
    // 5. User aliases override everything.
    for (i, m) in linked.iter_mut().enumerate().filter(|_| !user.is_empty()) {
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
    lap("roles and user aliases");
    let entities = describe(gazetteer, &mentions, &other_votes);
    lap("described");
    Resolved { entities, mentions }
}

/// Where [`resolve`]'s votes for an unknown name count the mentions written as
/// a thing's, an illness or a product (the others: person, organization,
/// team, place, none).
const THING: usize = 5;

/// A quarter or more of the mentions read as a thing's (the cues are words
/// an organization's or a person's name is not written with).
fn is_thing(votes: &[u32; 6]) -> bool {
    let mentions: u32 = votes[..THING].iter().sum();
    votes[THING] > 0 && 4 * votes[THING] >= mentions
}

/// An unknown name with no cue in any context that is the name of a town
/// (GeoNames' towns of 5,000 people and more, given names and surnames
/// aside) and not shaped like a person's: a place ("Tavildara").
fn minor_place(gazetteer: &Gazetteer, bare: &str, no_evidence: bool, label: &str) -> bool {
    no_evidence && gazetteer.minor_places.contains(bare) && !shaped_like_a_person(gazetteer, label)
}

/// An unknown single word that English writes in lower case ("Biology",
/// "Hegemony", "Survival"), capitalized in no context that says who or
/// where: a subject or a heading's word, no actor. Words that head
/// organizations ("the Council", "the Army") stay names.
fn plain_word(gazetteer: &Gazetteer, bare: &str, no_evidence: bool) -> bool {
    use super::words::{ORG_FIRST, ORG_LAST};
    no_evidence
        && !bare.contains(char::is_whitespace)
        && !ORG_LAST.contains(bare)
        && !ORG_FIRST.contains(bare)
        && gazetteer
            .lexicon
            .get(bare)
            .is_some_and(|s| s.lower > -16.0 && s.lower > s.capitalized + 1.0)
}

/// With no evidence from its contexts, whether an unknown name reads as a
/// person's by its words alone: a given name ("Gloria") or a surname the
/// list knows ("Gorbachev"); or two to four capitalized words, particles
/// inside aside ("Joaquin del Olmo"), none an ordinary English word, a
/// known name or a word that ends or opens organizations or places, with a
/// given name first or a known surname last. (Any uncommon word was tried
/// in place of the lists: it made persons of "Marvel Studios" and "Mahan
/// Air".)
fn shaped_like_a_person(gazetteer: &Gazetteer, name: &str) -> bool {
    use super::words::{CONNECTORS, ORG_FIRST, ORG_LAST, PLACE_LAST};
    let words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return false;
    };
    let particle = |w: &String| CONNECTORS.contains(w.as_str()) && w != "of";
    let plain = |w: &String| {
        !CONNECTORS.contains(w.as_str())
            && !ORG_LAST.contains(w.as_str())
            && !ORG_FIRST.contains(w.as_str())
            && !PLACE_LAST.contains(w.as_str())
            && gazetteer.lookup(w).is_none()
    };
    let capitalized = name.split_whitespace().all(|w| {
        w.chars().any(char::is_lowercase)
            && (w.chars().next().is_some_and(char::is_uppercase) || CONNECTORS.contains(w))
    });
    if !capitalized || words.len() > 4 {
        return false;
    }
    // One word is its own first and last.
    let inner = words.get(1..words.len() - 1).unwrap_or_default();
    let uncommon = |w: &String| plain(w) && !gazetteer.is_common_word(w);
    uncommon(first)
        && uncommon(last)
        && inner.iter().all(|w| uncommon(w) || particle(w))
        && (gazetteer.first_names.contains(first.as_str())
            || gazetteer.surnames.contains(last.as_str()))
}

/// Labels, categories and aliases of the linked entities.
fn describe(
    gazetteer: &Gazetteer,
    mentions: &[Linked],
    votes: &FxHashMap<String, [u32; 6]>,
) -> BTreeMap<EntityId, ResolvedEntity> {
    // Mentions per entity and surface, and the rule of the first mention
    // of each. Nothing is copied: keys borrow from the mentions.
    let mut surfaces: FxHashMap<&EntityId, BTreeMap<&str, (u32, Option<MergeRule>)>> =
        FxHashMap::default();
    // Spelling of each word across all people's mentions: (articles using
    // it, the last of them). Mentions come in article order.
    let mut word_articles: FxHashMap<&str, (usize, u32)> = FxHashMap::default();
    for m in mentions.iter() {
        let clean = m.surface.trim_start_matches("the ");
        let entry = surfaces
            .entry(&m.entity)
            .or_default()
            .entry(clean)
            .or_insert((0, m.rule));
        entry.0 += 1;
        if matches!(m.entity, EntityId::Person(_)) {
            for w in m.surface.split_whitespace() {
                let seen = word_articles.entry(w).or_insert((0, u32::MAX));
                if seen.1 != m.article {
                    *seen = (seen.0 + 1, m.article);
                }
            }
        }
    }
    let mut out = BTreeMap::new();
    for (&id, forms) in &surfaces {
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
                        .map(|w| word_articles.get(*w).map_or(0, |s| s.0))
                        .sum();
                    // Capitalized words, and the lower-case particles of
                    // names inside ("Hamza bin Laden", "Ludwig van
                    // Beethoven"): the connectors names may hold, but "of".
                    let well_formed = words.iter().enumerate().all(|(i, w)| {
                        w.chars().next().is_some_and(char::is_uppercase)
                            || (i > 0
                                && i + 1 < words.len()
                                && *w != "of"
                                && super::words::CONNECTORS.contains(w))
                    });
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
                    .map(|s| (*s).to_owned())
                    .unwrap_or_default();
                (best, Category::Person)
            }
            EntityId::Other(key) => {
                let best = forms
                    .iter()
                    .max_by(|a, b| {
                        let well = |s: &str| s.chars().next().is_some_and(char::is_uppercase);
                        // A long form names better than its acronym.
                        let long = |rule: Option<MergeRule>| rule != Some(MergeRule::Acronym);
                        // As running text writes it, not as a table or a
                        // heading shouts it ("New York", not "NEW YORK");
                        // an acronym is written in capitals either way.
                        let shouted = |s: &str| {
                            !s.chars().any(char::is_lowercase)
                                && (s.contains(' ') || s.chars().count() > 5)
                        };
                        (long(a.1.1), well(a.0), !shouted(a.0), a.1.0, a.0.len())
                            .cmp(&(long(b.1.1), well(b.0), !shouted(b.0), b.1.0, b.0.len()))
                            .then_with(|| b.0.cmp(a.0))
                    })
                    .map(|(s, _)| (*s).to_owned())
                    .unwrap_or_default();
                let v = votes.get(key).copied().unwrap_or_default();
                // An unknown name written as a thing in a quarter of its
                // mentions ("tested positive for X", "the X pandemic", "X
                // Linux") is no actor: a topic. So is, by its name, a
                // religion or its followers ("Moslem", "the Catholics") or an
                // illness ("COVID", "Ebola"): what a story is about, not who
                // acts in it.
                let bare = best
                    .to_lowercase()
                    .trim_start_matches("the ")
                    .replace('’', "'");
                let named_thing = super::words::FAITHS.contains(bare.as_str())
                    || super::words::ILLNESSES.contains(bare.as_str());
                // "the West", "the South" alone: a region, whatever speaks
                // for it ("the West said").
                let compass = matches!(
                    bare.as_str(),
                    "north"
                        | "south"
                        | "east"
                        | "west"
                        | "northeast"
                        | "northwest"
                        | "southeast"
                        | "southwest"
                        | "north-east"
                        | "north-west"
                        | "south-east"
                        | "south-west"
                );
                // No context says who or where: no vote but "none".
                let no_evidence = v[..4] == [0, 0, 0, 0];
                let an_eighth = |n: u32| 8 * n >= v[..THING].iter().sum::<u32>();
                let person = || {
                    let leads = v[0] > v[1] && v[0] >= v[3];
                    // One "X said" among dozens of plain mentions ("GitHub")
                    // makes no person of a name that is not shaped like one.
                    let speaks_most = leads && an_eighth(v[0]);
                    speaks_most
                        || ((no_evidence || leads) && shaped_like_a_person(gazetteer, &best))
                };
                let acronym = !best.chars().any(char::is_lowercase);
                let category = if is_thing(&v)
                    || named_thing
                    || (!acronym
                        && !forms.keys().any(|f| f.ends_with('.'))
                        && plain_word(gazetteer, &bare, no_evidence))
                {
                    Category::Concept
                } else if compass || minor_place(gazetteer, &bare, no_evidence, &best) {
                    Category::Place
                } else if person() {
                    Category::Person
                } else if v[3] > v[1] && v[3] > v[0] && an_eighth(v[3]) {
                    // Somewhere in an eighth of its mentions at least: "on
                    // Twitter" twice among 69 mentions makes no place.
                    Category::Place
                } else {
                    Category::Organization
                };
                (best, category)
            }
            EntityId::User(label) => (label.clone(), Category::Organization),
        };
        let mut aliases: Vec<Alias> = Vec::new();
        for (form, (_, first_rule)) in forms {
            if *form == label {
                continue;
            }
            let rule = first_rule.unwrap_or_else(|| {
                if super::gazetteer::key(form) == super::gazetteer::key(&label) {
                    MergeRule::SameName
                } else if matches!(id, EntityId::Person(_)) {
                    MergeRule::SpellingVariant
                } else {
                    MergeRule::SameName
                }
            });
            aliases.push(Alias {
                form: (*form).to_owned(),
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
    fn numbers_and_suffixes_after_a_name_are_no_surnames() {
        for w in ["II", "III", "IV", "Jr.", "Sr", "XIV"] {
            assert!(is_name_suffix(w), "{w}");
        }
        for w in ["Ivy", "Xi", "Vance", "Li", "I've"] {
            assert!(!is_name_suffix(w), "{w}");
        }
        let king = person_name("Martin Luther King Jr.").unwrap();
        assert_eq!(king.last, phonetic("King"));
        let queen = person_name("Elizabeth II").unwrap();
        assert!(queen.numbered && !king.numbered);
    }

    #[test]
    fn other_keys_ignore_case_and_articles() {
        assert_eq!(other_key("the Kremlin"), other_key("KREMLIN"));
    }
}
