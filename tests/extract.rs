//! Actor extraction: the sample corpus and each alias rule and guard on small
//! texts written for these tests.
#![allow(clippy::unwrap_used)]

use std::collections::HashMap;

use knowmap::corpus::{Corpus, Furniture, SourceFile};
use knowmap::extract::gazetteer::Gazetteer;
use knowmap::extract::{
    Category, Extraction, MergeRule, extract, extract_with, parse_user_aliases,
};

fn corpus(texts: &[&str]) -> Corpus {
    let files = texts
        .iter()
        .enumerate()
        .map(|(i, t)| SourceFile {
            path: format!("{i:03}.txt"),
            bytes: t.as_bytes().to_vec(),
            modified: None,
        })
        .collect();
    Corpus::from_sources(files, &Furniture::builtin(), Vec::new())
}

fn run(texts: &[&str]) -> (Corpus, Extraction) {
    let c = corpus(texts);
    let e = extract_with(&c, Gazetteer::bundled(), &HashMap::new(), Vec::new());
    (c, e)
}

/// Label → (category, mention count).
fn nodes(e: &Extraction) -> HashMap<String, (Category, usize)> {
    let mut out = HashMap::new();
    for (i, entity) in e.entities.iter().enumerate() {
        let n = e.mentions.iter().filter(|m| m.node as usize == i).count();
        out.insert(entity.label.clone(), (entity.category, n));
    }
    out
}

fn surfaces_of<'a>(c: &'a Corpus, e: &Extraction, label: &str) -> Vec<&'a str> {
    let node = e.entities.iter().position(|x| x.label == label).unwrap() as u32;
    e.mentions
        .iter()
        .filter(|m| m.node == node)
        .map(|m| &c.articles[m.article.index()].text[m.start..m.end])
        .collect()
}

#[test]
fn sample_has_the_expected_actors() {
    let c = Corpus::sample();
    let e = extract(&c, &Default::default());
    let n = nodes(&e);
    for (label, category) in [
        ("Donald Trump", Category::Person),
        ("Volodymyr Zelenskyy", Category::Person),
        ("Vladimir Putin", Category::Person),
        ("Emmanuel Macron", Category::Person),
        ("Ursula von der Leyen", Category::Person),
        ("Marco Rubio", Category::Person),
        ("Steve Witkoff", Category::Person),
        ("Russia", Category::Country),
        ("Ukraine", Category::Country),
        ("United States", Category::Country),
        ("France", Category::Country),
        ("China", Category::Country),
        ("Iran", Category::Country),
        ("NATO", Category::Organization),
        ("European Union", Category::Organization),
    ] {
        let Some((got, count)) = n.get(label) else {
            panic!("no node for {label}: {:?}", n.keys().collect::<Vec<_>>());
        };
        assert_eq!(*got, category, "{label}");
        assert!(*count > 0, "{label}");
    }
    // One node per person, whatever the spelling.
    let zelensky: Vec<&String> = n.keys().filter(|l| l.contains("Zelensk")).collect();
    assert_eq!(zelensky.len(), 1, "{zelensky:?}");
    let z = surfaces_of(&c, &e, "Volodymyr Zelenskyy");
    assert!(
        z.contains(&"Zelenskiy") && z.contains(&"Zelenskyy"),
        "{z:?}"
    );
    // Russia speaks through the Kremlin and Moscow; the US through Washington.
    let russia = surfaces_of(&c, &e, "Russia");
    assert!(
        russia.contains(&"Kremlin") && russia.contains(&"Moscow"),
        "{russia:?}"
    );
    let us = surfaces_of(&c, &e, "United States");
    assert!(
        us.contains(&"U.S.") && us.contains(&"US") && us.contains(&"Washington"),
        "{us:?}"
    );
    // No junk: furniture, headings, places typed as people.
    for junk in [
        "Back",
        "WhatsApp Group",
        "Pro Tip",
        "Chief Editor",
        "Looking Ahead",
        "Did",
        "Furthermore",
    ] {
        assert!(!n.contains_key(junk), "junk node {junk}");
    }
    for place in ["Donbas", "Crimea"] {
        assert_eq!(n.get(place).map(|x| x.0), Some(Category::Place), "{place}");
    }
    // "Zaporizhzhia" is a place to the actor pass; in the full extraction it
    // is only ever read inside the topic "Zaporizhzhia nuclear power plant".
    let actors = extract_with(&c, Gazetteer::bundled(), &HashMap::new(), Vec::new());
    assert_eq!(
        nodes(&actors).get("Zaporizhzhia").map(|x| x.0),
        Some(Category::Place)
    );
    assert!(!n.contains_key("Zaporizhzhia"));
}

#[test]
fn the_us_president_in_article_002_is_donald_trump() {
    let c = Corpus::sample();
    let e = extract(&c, &Default::default());
    let trump = e
        .entities
        .iter()
        .position(|x| x.label == "Donald Trump")
        .unwrap() as u32;
    let article = c
        .articles
        .iter()
        .find(|a| a.path.starts_with("002_"))
        .unwrap();
    let roles: Vec<&str> = e
        .mentions
        .iter()
        .filter(|m| m.article == article.id && m.node == trump)
        .map(|m| &article.text[m.start..m.end])
        .filter(|s| s.eq_ignore_ascii_case("president"))
        .collect();
    assert!(roles.len() >= 3, "{roles:?}");
}

#[test]
fn a_surname_alone_is_the_full_name_seen_earlier() {
    let (c, e) = run(&[
        "Senator Jane Okafor visited the plant on Monday.\n\nLater, Okafor said the talks would resume.\n",
    ]);
    let n = nodes(&e);
    assert_eq!(n.get("Jane Okafor"), Some(&(Category::Person, 2)), "{n:?}");
    assert!(!n.contains_key("Okafor"));
    let entity = e
        .entities
        .iter()
        .find(|x| x.label == "Jane Okafor")
        .unwrap();
    assert!(
        entity
            .aliases
            .iter()
            .any(|a| a.form == "Okafor" && a.rule == MergeRule::ShortName)
    );
    let _ = c;
}

#[test]
fn spelling_variants_of_a_person_merge_across_articles() {
    let (_, e) = run(&[
        "Ukrainian President Volodymyr Zelenskiy spoke in Kyiv on Monday.\n",
        "Volodymyr Zelenskyy met donors on Tuesday.\n",
        "Officials said Zelensky would travel soon.\n",
    ]);
    let n = nodes(&e);
    let people: Vec<&String> = n.keys().filter(|l| l.contains("Zelensk")).collect();
    assert_eq!(people.len(), 1, "{people:?}");
    assert_eq!(n[people[0]].1, 3);
}

#[test]
fn countries_never_merge_by_spelling() {
    let (_, e) = run(&[
        "Austria and Australia signed a deal. Russia praised it, and historians recalled Prussia.\n",
    ]);
    let n = nodes(&e);
    assert!(n.contains_key("Austria") && n.contains_key("Australia") && n.contains_key("Russia"));
    assert!(n.contains_key("Prussia"), "{n:?}");
}

#[test]
fn a_role_resolves_to_the_person_named_in_it_elsewhere() {
    let (c, e) = run(&[
        "Russian President Vladimir Putin spoke to reporters on Monday.\n",
        "The talks were confirmed later. The Russian President said he was ready.\n",
    ]);
    let putin = surfaces_of(&c, &e, "Vladimir Putin");
    assert_eq!(putin.len(), 2, "{putin:?}");
}

#[test]
fn an_unresolvable_role_is_left_out() {
    let (_, e) = run(&[
        "Officials met Marta Okonkwo on Monday. The Brazilian President said he was ready to talk.\n",
    ]);
    // Positive control: the person named is found; the role names nobody.
    let people: Vec<&str> = e
        .entities
        .iter()
        .filter(|x| x.category == Category::Person)
        .map(|x| x.label.as_str())
        .collect();
    assert_eq!(people, ["Marta Okonkwo"], "{:?}", e.entities);
}

#[test]
fn stand_ins_speak_for_their_state_and_capitals_can_be_places() {
    let (c, e) = run(&[
        "The Kremlin rejected the offer on Monday. Paris insisted that talks continue.\n\nA coalition will meet in Paris next week.\n",
    ]);
    assert_eq!(surfaces_of(&c, &e, "Russia"), ["Kremlin"]);
    assert_eq!(surfaces_of(&c, &e, "France"), ["Paris"]);
    let n = nodes(&e);
    assert_eq!(n.get("Paris").map(|x| x.0), Some(Category::Place));
}

#[test]
fn demonyms_count_only_in_actor_position() {
    let (c, e) =
        run(&["Russian officials denied it. Critics said Russian caviar prices were rising.\n"]);
    assert_eq!(surfaces_of(&c, &e, "Russia"), ["Russian"]);
}

#[test]
fn title_case_headings_only_match_known_names() {
    let (_, e) = run(&[
        "Looking Ahead To Difficult Peace Negotiations\n\nThe Kremlin said Dmitry Peskov would brief reporters.\n\nA Difficult Road For Peskov\n\nPeskov spoke at length.\n",
    ]);
    let n = nodes(&e);
    assert!(!n.contains_key("Looking Ahead") && !n.contains_key("Difficult Road"));
    assert_eq!(n.get("Dmitry Peskov").map(|x| x.1), Some(3), "{n:?}");
}

#[test]
fn sentence_initial_capitals_are_not_names() {
    let (_, e) = run(&[
        "Furthermore, the ministry said so. Despite this, talks stalled. Negotiators continued. However, nothing changed.\n\nthe negotiators left. Dmitry Peskov said so.\n",
    ]);
    // Positive control: a real name in the same text is found, and only it.
    let labels: Vec<&str> = e.entities.iter().map(|x| x.label.as_str()).collect();
    assert_eq!(labels, ["Dmitry Peskov"], "{:?}", e.entities);
}

#[test]
fn user_aliases_rename_and_ignore_forms() {
    let (aliases, warnings) = parse_user_aliases(
        "# comment\nKremlin\t-\nPeskov\tDmitry Peskov (spokesman)\nbroken line\n",
        "aliases.tsv",
    );
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0].message.contains("line 4"),
        "{}",
        warnings[0].message
    );
    let c = corpus(&["The Kremlin said Peskov would speak. Peskov did.\n"]);
    let e = extract_with(&c, Gazetteer::bundled(), &aliases, warnings);
    let n = nodes(&e);
    assert!(!n.contains_key("Russia"), "{n:?}");
    assert_eq!(
        n.get("Dmitry Peskov (spokesman)").map(|x| x.1),
        Some(2),
        "{n:?}"
    );
    assert_eq!(e.warnings.len(), 1);
}

#[test]
fn every_mention_span_is_the_matched_words() {
    let c = Corpus::sample();
    let e = extract(&c, &Default::default());
    for m in &e.mentions {
        let text = &c.articles[m.article.index()].text;
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end) && m.start < m.end);
        let words = &text[m.start..m.end];
        assert_eq!(words, words.trim());
        assert!(words.chars().next().unwrap().is_alphanumeric(), "{words:?}");
    }
}

/// Actors and topics.
fn run_all(texts: &[&str]) -> (Corpus, Extraction) {
    let c = corpus(texts);
    let e = extract(&c, &Default::default());
    (c, e)
}

/// The topic node a mention at `text[start..end]` belongs to, by label.
fn topic_mentions_of<'a>(c: &'a Corpus, e: &'a Extraction, label: &str) -> Vec<&'a str> {
    let node = e
        .entities
        .iter()
        .position(|x| x.label == label)
        .unwrap_or_else(|| {
            let labels: Vec<&str> = e.entities.iter().map(|x| x.label.as_str()).collect();
            panic!("no topic {label} in {labels:?}")
        });
    e.mentions
        .iter()
        .filter(|m| m.node as usize == node)
        .map(|m| &c.articles[m.article.index()].text[m.start..m.end])
        .collect()
}

#[test]
fn the_head_alone_refers_back_to_a_topic_named_just_before() {
    let (c, e) = run_all(&[
        "Water supply\n\nEngineers inspected the desalination plant after the storm.\n\n\
         Officials said the plant would reopen within weeks.\n\n\
         The plant manager declined to comment.\n\n\
         Farmers waited.\n\nTraders waited.\n\nBankers waited.\n\nPilots waited.\n\n\
         Nobody could say when the plant would be repaired.",
        "Water\n\nThe desalination plant supplies water to coastal towns.\n\n\
         Repairs to the desalination plant began in spring.",
    ]);
    let forms = topic_mentions_of(&c, &e, "desalination plant");
    // The description right after the name counts; "the plant manager" is
    // someone else, and five paragraphs on the antecedent is too far back.
    assert_eq!(
        forms
            .iter()
            .filter(|f| f.eq_ignore_ascii_case("the plant"))
            .count(),
        1,
        "{forms:?}"
    );
    assert_eq!(forms.len(), 4, "{forms:?}");
    let entity = e
        .entities
        .iter()
        .find(|x| x.label == "desalination plant")
        .unwrap();
    assert!(
        entity
            .aliases
            .iter()
            .any(|a| a.form == "the plant" && a.rule == MergeRule::DefiniteDescription),
        "{:?}",
        entity.aliases
    );
}

#[test]
fn no_description_without_an_antecedent_in_the_same_article() {
    let (c, e) = run_all(&[
        "Water\n\nRepairs to the desalination plant began in spring.",
        "Water\n\nThe desalination plant supplies water to coastal towns.",
        "Water\n\nOfficials said the plant would reopen within weeks.",
    ]);
    let forms = topic_mentions_of(&c, &e, "desalination plant");
    assert_eq!(forms.len(), 2, "{forms:?}");
}

#[test]
fn a_participle_qualifying_a_common_subject_is_that_subject() {
    let (c, e) = run_all(&[
        "Truce\n\nBoth armies respected the ceasefire.\n\nA negotiated ceasefire held in the south.",
        "Truce\n\nThe ceasefire collapsed overnight.\n\nMonitors reported a negotiated ceasefire near the river.",
        "Truce\n\nDiplomats praised the ceasefire.",
        "Truce\n\nThe ceasefire was extended.",
        "Truce\n\nVillagers doubted the ceasefire would last.",
    ]);
    assert!(
        !e.entities.iter().any(|x| x.label == "negotiated ceasefire"),
        "a topic of its own"
    );
    let forms = topic_mentions_of(&c, &e, "ceasefire");
    assert_eq!(forms.len(), 7, "{forms:?}");
    let entity = e.entities.iter().find(|x| x.label == "ceasefire").unwrap();
    assert!(
        entity
            .aliases
            .iter()
            .any(|a| a.form == "negotiated ceasefire" && a.rule == MergeRule::Qualified),
        "{:?}",
        entity.aliases
    );
}

#[test]
fn a_word_after_a_modal_is_a_verb_and_starts_no_topic() {
    let texts = [
        "Trade\n\nMinisters will review grain exports on Monday.",
        "Trade\n\nThe council would not review grain exports before June.",
        "Trade\n\nGrain exports rose in March, traders said.",
        "Trade\n\nFarmers blamed the port for falling grain exports.",
        "Trade\n\nThey could review grain exports again, if not sanctions.",
        "Trade\n\nBanks fear sanctions more than tariffs.",
    ];
    let (c, e) = run_all(&texts);
    let labels: Vec<&str> = e.entities.iter().map(|x| x.label.as_str()).collect();
    assert!(
        !labels.iter().any(|l| l.starts_with("review")),
        "{labels:?}"
    );
    assert_eq!(topic_mentions_of(&c, &e, "grain exports").len(), 5);
    // "not" alone negates a noun: "if not sanctions" is still a mention.
    assert_eq!(topic_mentions_of(&c, &e, "sanctions").len(), 2);
}

#[test]
fn the_head_before_of_makes_an_organization() {
    let (_, e) = run(&[
        "Budget\n\nDelegates from the Northern Ministry of Finance met in Vienna on Monday.",
        "Budget\n\nThe Northern Ministry of Finance said the talks went well.",
    ]);
    let nodes = nodes(&e);
    assert_eq!(
        nodes.get("Northern Ministry of Finance").map(|n| n.0),
        Some(Category::Organization),
        "{nodes:?}"
    );
}

#[test]
fn every_node_has_a_mention() {
    // "Zaporizhzhia" is only ever read inside "Zaporizhzhia nuclear power
    // plant" in the sample: no place node is left behind for it.
    let c = Corpus::sample();
    let e = extract(&c, &Default::default());
    for (i, entity) in e.entities.iter().enumerate() {
        assert!(
            e.mentions.iter().any(|m| m.node as usize == i),
            "{} has no mention",
            entity.label
        );
    }
}

#[test]
fn interview_speaker_labels_and_uncased_scripts_make_no_nodes() {
    let interview = "Ants that heal themselves\n\n\
        Wikinews spoke with the researcher Ivan Petrenko about the colony and the fungus.\n\n\
        ((WN)) How did the colony react to the fungus infection?\n\n\
        ((Ivan Petrenko)) The colony moved the infected workers away from the nest.\n\n\
        ((WN)) Did the fungus infection spread through the colony?\n\n\
        ((Ivan Petrenko)) The fungus infection stayed small. मेरा नाम अकरम है। मेरा नाम अकरम है।\n\n\
        ((WN)) What will the colony study show next?\n\n\
        मेरा नाम अकरम है। कोरोना भारत में।\n";
    let c = corpus(&[interview, interview]);
    let e = extract(&c, &knowmap::extract::ExtractSettings::default());
    let labels: Vec<&str> = e.entities.iter().map(|x| x.label.as_str()).collect();
    // The positive control: the story's actor and topic are there.
    assert!(labels.contains(&"Ivan Petrenko"), "{labels:?}");
    assert!(
        labels
            .iter()
            .any(|l| l.contains("fungus") || l.contains("colony")),
        "{labels:?}"
    );
    assert!(
        !labels.contains(&"WN"),
        "a speaker label is no actor: {labels:?}"
    );
    assert!(
        labels
            .iter()
            .all(|l| l.chars().any(|c| c.is_ascii_alphabetic())),
        "no topic in a script without case: {labels:?}"
    );
}

#[test]
fn an_acronym_the_text_spells_out_is_its_long_form_and_a_lower_case_one_no_actor() {
    let (c, e) = run(&[
        "Forecasters at the Coastal Storm Warning Office (CSWO) said the storm would turn.\n\nThe CSWO expects landfall on Friday, a CSWO spokesman said.\n",
        "Later the CSWO raised its warning for the coast.\n",
        "Doctors tracked cases of acute river fever syndrome (ARFS) in the valley.\n\nARFS spreads in warm water, officials said.\n",
    ]);
    let n = nodes(&e);
    // One node, named by its long form, holding every CSWO (in the other
    // article too: every article that spells it out agrees); the bracket
    // itself is a mention, highlighted in the evidence.
    assert_eq!(
        n.get("Coastal Storm Warning Office").map(|x| x.1),
        Some(5),
        "{n:?}"
    );
    assert!(!n.contains_key("CSWO"), "{n:?}");
    let office = e
        .entities
        .iter()
        .find(|x| x.label == "Coastal Storm Warning Office")
        .unwrap();
    assert!(
        office
            .aliases
            .iter()
            .any(|a| a.form == "CSWO" && a.rule == MergeRule::Acronym),
        "{:?}",
        office.aliases
    );
    assert!(surfaces_of(&c, &e, "Coastal Storm Warning Office").contains(&"CSWO"));
    // A disease spelled out in lower-case words is no actor.
    assert!(!n.contains_key("ARFS"), "{n:?}");
}

#[test]
fn brackets_that_do_not_spell_the_name_before_them_merge_nothing() {
    let (_, e) = run(&[
        "Members of the Northern Rail Union (NRU) and the Harbour Workers League (HMX) met on Monday.\n\nThe HMX walked out.\n",
    ]);
    let n = nodes(&e);
    assert!(n.contains_key("Northern Rail Union"), "{n:?}");
    assert!(!n.contains_key("NRU"), "{n:?}");
    // HMX does not spell the league's name: both stay.
    assert!(n.contains_key("Harbour Workers League"), "{n:?}");
    assert!(n.contains_key("HMX"), "{n:?}");
}

#[test]
fn a_name_written_as_an_illness_is_a_topic_but_an_organization_near_patients_an_actor() {
    let (_, e) = run(&[
        "Two nurses tested positive for KRV on Monday, the Harlow Trust said.\n\nKRV infections rose in the valley, and the KRV pandemic closed schools.\n",
        "The Harlow Trust said its patients were safe. Doctors said KRV spreads fast.\n",
    ]);
    let n = nodes(&e);
    // The positive control: the organization stays, its patients and all.
    assert!(n.contains_key("Harlow Trust"), "{n:?}");
    // An illness is what the news is about: a topic, never an actor.
    assert_eq!(
        n.get("KRV").map(|x| x.0),
        Some(Category::Concept),
        "an illness is no actor: {n:?}"
    );
    let krv = e.entities.iter().find(|x| x.label == "KRV").unwrap();
    assert_eq!(krv.kind, knowmap::extract::NodeKind::Topic);
}

#[test]
fn a_religion_or_its_followers_is_a_topic_not_an_actor() {
    let (_, e) = run(&[
        "Riots\n\nMoslem leaders in Dhaka said the Catholics of the north had been attacked. Anna Keller of the Relief Council visited Dhaka.\n",
        "Riots\n\nPolice said Moslem and Hindu groups met on Monday. Officials said Moslem clerics called for calm.\n",
    ]);
    let n = nodes(&e);
    let moslem = n.get("Moslem").unwrap_or_else(|| panic!("{n:?}"));
    assert_eq!(moslem.0, Category::Concept, "{n:?}");
    assert!(
        n.get("Catholics").is_none_or(|c| c.0 == Category::Concept),
        "{n:?}"
    );
    assert_eq!(
        n.get("Anna Keller").map(|x| x.0),
        Some(Category::Person),
        "{n:?}"
    );
}

#[test]
fn to_and_via_make_no_unknown_name_a_place() {
    // "Chirpline" (a made-up service) is only ever "posted to", "via" or
    // "on" Chirpline: an organization. "Velmora" (a made-up town) is "in
    // Velmora": a place.
    let mut texts = Vec::new();
    for i in 0..4 {
        texts.push(format!(
            "Report {i}\n\nThe mayor posted to Chirpline that the vote in Velmora was fair. Officials replied via Chirpline, and users on Chirpline shared it.\n"
        ));
    }
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    let (_, e) = run(&texts);
    let n = nodes(&e);
    assert_eq!(
        n.get("Chirpline").map(|x| x.0),
        Some(Category::Organization),
        "{n:?}"
    );
    assert_eq!(
        n.get("Velmora").map(|x| x.0),
        Some(Category::Place),
        "{n:?}"
    );
}

#[test]
fn an_illness_known_by_name_is_a_topic_not_an_actor() {
    // Written without any cue of an illness ("during COVID", "COVID
    // safe"), in capitals an acronym's shape would make an organization.
    let (_, e) = run(&[
        "Reopening\n\nShops in Velmora reopened after COVID. Anna Keller of the Traders Council said premises are COVID safe.\n",
        "Lessons\n\nA hard COVID lesson, said Mara Lind of the Traders Council.\n",
    ]);
    let n = nodes(&e);
    assert_eq!(
        n.get("COVID").map(|x| x.0),
        Some(Category::Concept),
        "{n:?}"
    );
    assert_eq!(
        n.get("Traders Council").map(|x| x.0),
        Some(Category::Organization),
        "{n:?}"
    );
}

#[test]
fn a_storm_is_a_topic_under_one_name() {
    let (_, e) = run(&[
        "Weather\n\nTropical Storm Velda grew into Hurricane Velda on Monday, forecasters at the Marsby Weather Office said. Velda weakened near the coast, said Anna Keller of the Marsby Weather Office.\n",
    ]);
    let n = nodes(&e);
    assert_eq!(
        n.get("Tropical Storm Velda").map(|x| x.0),
        Some(Category::Concept),
        "{n:?}"
    );
    assert!(
        !n.contains_key("Hurricane Velda") && !n.contains_key("Velda"),
        "{n:?}"
    );
    assert_eq!(
        n.get("Anna Keller").map(|x| x.0),
        Some(Category::Person),
        "{n:?}"
    );
}

#[test]
fn a_given_name_alone_with_no_other_evidence_is_a_person() {
    // "Gloria" has no title, verb or preposition to type it: her name does.
    let (_, e) = run(&[
        "Interview\n\nWe met Gloria at the Traders Council. The songs Gloria wrote were sad, and Gloria, unlike the Traders Council, has no office.\n",
    ]);
    let n = nodes(&e);
    assert_eq!(
        n.get("Gloria").map(|x| x.0),
        Some(Category::Person),
        "{n:?}"
    );
    assert_eq!(
        n.get("Traders Council").map(|x| x.0),
        Some(Category::Organization),
        "{n:?}"
    );
}

#[test]
fn a_compass_point_alone_is_a_region_even_when_it_speaks() {
    let (_, e) = run(&[
        "Sanctions\n\nThe West said the sanctions on Velmora would stay, Anna Keller of the Traders Council said. The West wants talks.\n",
    ]);
    let n = nodes(&e);
    assert_ne!(n.get("West").map(|x| x.0), Some(Category::Person), "{n:?}");
    assert_ne!(
        n.get("West").map(|x| x.0),
        Some(Category::Organization),
        "{n:?}"
    );
}

#[test]
fn an_ordinary_word_capitalized_alone_is_no_actor() {
    let (_, e) = run(&[
        "Harbour study\n\nAnna Keller spent her third year of Marine Biology study on the Velmora coast, where she wrote Survival, a book on tide pools. The Harbour Council said the study would go on.\n",
    ]);
    let n = nodes(&e);
    for word in ["Survival", "Biology"] {
        assert!(
            n.get(word).is_none_or(|x| !matches!(
                x.0,
                Category::Person | Category::Organization | Category::Country
            )),
            "{word}: {n:?}"
        );
    }
    assert_eq!(
        n.get("Harbour Council").map(|x| x.0),
        Some(Category::Organization),
        "{n:?}"
    );
}

#[test]
fn a_side_in_a_score_line_is_a_team_and_a_name_with_a_number_is_not() {
    let (_, e) = run(&[
        "Results\n\nOn Saturday the league's results were read out in Velmora, where the season ended.\nOrrell 13 Bath 56\nSale 31 Wasps 33\nThe band played at Studio 54 with the Velmora Singers.\n",
    ]);
    let n = nodes(&e);
    for team in ["Bath", "Wasps"] {
        assert_eq!(
            n.get(team).map(|x| x.0),
            Some(Category::Organization),
            "{team}: {n:?}"
        );
    }
    assert_ne!(
        n.get("Studio").map(|x| x.0),
        Some(Category::Organization),
        "{n:?}"
    );
}

#[test]
fn a_possessive_inside_an_institutions_name_is_part_of_it() {
    let (c, e) = run(&[
        "Parade\n\nThe Velmoran People's Army [VPA] marched past, and the VPA band played. Members of New People Party's youth wing joined the New People's Party delegation. Velmora's Foreign Ministry said nothing.\n",
    ]);
    let n = nodes(&e);
    assert_eq!(
        n.get("Velmoran People's Army").map(|x| x.0),
        Some(Category::Organization),
        "{n:?}"
    );
    assert!(
        surfaces_of(&c, &e, "Velmoran People's Army").contains(&"VPA"),
        "{n:?}"
    );
    // Written with and without the possessive: one party.
    let party: Vec<&String> = n
        .keys()
        .filter(|k| k.contains("People") && k.contains("Party"))
        .collect();
    assert_eq!(party.len(), 1, "{n:?}");
    // Any other possessive still ends a name.
    assert!(!n.keys().any(|k| k.contains("Velmora's")), "{n:?}");
}

#[test]
fn the_person_after_a_role_of_something_is_the_name() {
    let (_, e) = run(&[
        "Harbour\n\nIn a statement, Governor of Velmora Province Chris Tandberg said the harbour would open. The Minister of Education Marta Okonkwo agreed, and the photograph was taken by NASA Bill Ingalls. The Minister of State for Trade Policy said nothing.\n",
    ]);
    let n = nodes(&e);
    for person in ["Chris Tandberg", "Marta Okonkwo", "Bill Ingalls"] {
        assert_eq!(
            n.get(person).map(|x| x.0),
            Some(Category::Person),
            "{person}: {n:?}"
        );
    }
    assert!(
        !n.keys()
            .any(|k| k.ends_with("Policy") || k.contains("Education M")),
        "{n:?}"
    );
}

#[test]
fn a_town_with_no_other_cue_is_a_place() {
    // Both towns are in GeoNames' towns of 5,000+ (assets/gazetteer/minor_places.txt).
    let (_, e) = run(&[
        "Mayors\n\nKecskemet has a new mayor, and Bistrita wants one too, Anna Keller said.\n",
    ]);
    let n = nodes(&e);
    for town in ["Kecskemet", "Bistrita"] {
        assert_eq!(
            n.get(town).map(|x| x.0),
            Some(Category::Place),
            "{town}: {n:?}"
        );
    }
}

#[test]
fn a_name_somewhere_in_few_of_its_mentions_is_no_place() {
    // "from Zorbix" twice, and two dozen plain mentions: a service, not a place.
    let mut text = String::from(
        "Zorbix\n\nA message from Zorbix came, and one more from Zorbix, Anna Keller said.\n",
    );
    for i in 0..12 {
        text.push_str(&format!(
            "\nZorbix suspended account number {i} after Zorbix moderators reviewed it.\n"
        ));
    }
    let (_, e) = run(&[&text]);
    let n = nodes(&e);
    assert_ne!(n.get("Zorbix").map(|x| x.0), Some(Category::Place), "{n:?}");
}

#[test]
fn a_name_given_with_an_age_is_a_person() {
    // Invented given names that no list knows, each once, with surnames
    // that are also common words: nothing else says these are people.
    let (_, e) = run(&[
        "Accident\n\nOn Thursday, Ysolde Hedge, 19, had gone shopping. The driver (Osric Kettle, 71) was unhurt.\n",
    ]);
    let n = nodes(&e);
    for person in ["Ysolde Hedge", "Osric Kettle"] {
        assert_eq!(
            n.get(person).map(|x| x.0),
            Some(Category::Person),
            "{person}: {n:?}"
        );
    }
    // A table's next column is no age.
    let (_, e) =
        run(&["Table\n\nThe standings: Wexcombe Rovers, 10, 6, 2 and Dunmore, 9, 5, 3.\n"]);
    let n = nodes(&e);
    assert_ne!(
        n.get("Wexcombe Rovers").map(|x| x.0),
        Some(Category::Person),
        "{n:?}"
    );
}

#[test]
fn a_name_in_a_capitals_line_is_never_taken_inside_another() {
    // "York" is known from running text; in the standings line it is part
    // of "NEW YORK", never a second mention inside it.
    // Nor is a longer known name taken around one already in a title.
    let (c, e) = run(&[
        "STANDINGS\n\nYork beat Leeds 2-1 on Saturday, and New York beat Boston 5-3.\n\nNEW YORK 74 59 .556\n\nBOSTON 69 65 .515\n",
        "Wikinews Interviews Bill Hammons Of The Unity Party Of America\n\nBill Hammons leads the Unity Party of America, which wants reform in America, he said.\n",
    ]);
    let mut spans: Vec<(usize, usize, usize)> = e
        .mentions
        .iter()
        .map(|m| (m.article.index(), m.start, m.end))
        .collect();
    spans.sort_unstable();
    for pair in spans.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        assert!(
            a.0 != b.0 || a.2 <= b.1,
            "{:?} and {:?} overlap",
            &c.articles[a.0].text[a.1..a.2],
            &c.articles[b.0].text[b.1..b.2]
        );
    }
    let surfaces = surfaces_of(&c, &e, "New York");
    assert!(surfaces.contains(&"NEW YORK"), "{surfaces:?}");
}

#[test]
fn a_bowlers_figures_are_no_dateline() {
    // "Name 9-0-49-1" is a bowling analysis; "NAME 1996-08-28" a dateline.
    let (_, e) = run(&[
        "CRICKET - SCORES\n\nLEEDSBY 1996-08-28\n\nBowling: Quarrow 9-0-49-1, Tembrill 10-0-41-2, Oskaru 10-0-43-2.\n\nDid not bat: Quarrow, Tembrill.\n",
    ]);
    let n = nodes(&e);
    for bowler in ["Quarrow", "Tembrill", "Oskaru"] {
        assert_ne!(
            n.get(bowler).map(|x| x.0),
            Some(Category::Place),
            "{bowler}: {n:?}"
        );
    }
}

#[test]
fn a_countrys_regions_are_places_and_a_place_opening_an_organizations_name_is_part_of_it() {
    let (c, e) = run(&[
        "States\n\nVoters in Tamil Nadu and Western Australia went to the polls, officials said.\n\nResearchers at the Queensland University of Technology and the Texas Department of Transportation agreed.\n",
    ]);
    let n = nodes(&e);
    for region in ["Tamil Nadu", "Western Australia"] {
        assert_eq!(
            n.get(region).map(|x| x.0),
            Some(Category::Place),
            "{region}: {n:?}"
        );
    }
    for org in [
        "Queensland University of Technology",
        "Texas Department of Transportation",
    ] {
        assert_eq!(
            n.get(org).map(|x| x.0),
            Some(Category::Organization),
            "{org}: {n:?}"
        );
        assert_eq!(surfaces_of(&c, &e, org), [org]);
    }
    assert!(
        !n.contains_key("Queensland") && !n.contains_key("Texas"),
        "{n:?}"
    );
}

#[test]
fn a_place_that_plays_in_much_of_an_article_is_its_team_throughout() {
    let (_, e) = run(&[
        "County cricket\n\nLeicestershire 345 for 6 against Essex 120 on the first day. Leicestershire declared, and the crowd cheered.\n",
        "Travel\n\nThe trains to Leicestershire run late. Leicestershire is green, and Leicestershire 2020 plans were shown.\n",
    ]);
    let teams: Vec<_> = e
        .entities
        .iter()
        .filter(|x| x.label == "Leicestershire")
        .map(|x| x.category)
        .collect();
    assert!(teams.contains(&Category::Organization), "{teams:?}");
    assert!(teams.contains(&Category::Place), "{teams:?}");
    // The team article's two mentions are both the team.
    let team = e
        .entities
        .iter()
        .position(|x| x.label == "Leicestershire" && x.category == Category::Organization)
        .unwrap() as u32;
    let in_first = e
        .mentions
        .iter()
        .filter(|m| m.node == team && m.article.index() == 0)
        .count();
    assert_eq!(in_first, 2);
}

#[test]
fn given_names_of_many_countries_make_people_and_particles_stay_in_the_label() {
    // "Mikael" and "Hamza" are given names of the world list
    // (given_names_world.txt); the surnames are invented.
    let (_, e) = run(&[
        "Results\n\nMikael Torvundsen (Sweden) beat a qualifier. Hamza bin Qaleth met reporters, and Hamza said the talks went well.\n",
    ]);
    let n = nodes(&e);
    assert_eq!(
        n.get("Mikael Torvundsen").map(|x| x.0),
        Some(Category::Person),
        "{n:?}"
    );
    assert_eq!(
        n.get("Hamza bin Qaleth").map(|x| x.0),
        Some(Category::Person),
        "{n:?}"
    );
}
