//! The closed word lists of the extraction, kept as data in
//! `assets/lexicon/*.txt` (one word or phrase per line, `#` comments) and
//! compiled in: titles, role heads, the words that make a name an
//! organization or a place, speech and sport verbs, words that are never
//! names, and the stop words of topics. Rules read them through
//! [`WordList::contains`].

use rustc_hash::FxHashSet as HashSet;
use std::sync::LazyLock;

/// A set of lower-case words (or phrases) read from a lexicon file.
#[derive(Debug)]
pub struct WordList {
    words: HashSet<&'static str>,
}

impl WordList {
    /// Reads a list: one entry per line, blank lines and `#` comments skipped.
    pub fn parse(text: &'static str) -> Self {
        Self {
            words: text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .collect(),
        }
    }

    pub fn contains(&self, word: &str) -> bool {
        self.words.contains(word)
    }

    pub fn iter(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.words.iter().copied()
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

macro_rules! word_list {
    ($(#[$doc:meta])* $name:ident, $file:literal) => {
        $(#[$doc])*
        pub static $name: LazyLock<WordList> = LazyLock::new(|| {
            WordList::parse(include_str!(concat!("../../assets/lexicon/", $file, ".txt")))
        });
    };
}

word_list!(
    /// Lower-case words allowed inside a name when a capitalized word follows.
    CONNECTORS,
    "name_connectors"
);
word_list!(
    /// Titles and roles stripped from the front of a name; they are evidence of a person.
    TITLES,
    "titles"
);
word_list!(
    /// Role words that name a position on their own ("the US President").
    ROLE_HEADS,
    "role_heads"
);
word_list!(
    /// The last word of an organization's name.
    ORG_LAST,
    "organization_last_words"
);
word_list!(
    /// The first word of an organization's name ("Ministry of Defence").
    ORG_FIRST,
    "organization_first_words"
);
word_list!(
    /// The last word of a place name.
    PLACE_LAST,
    "place_last_words"
);
word_list!(
    /// Words after a name that mark a person speaking.
    SPEECH,
    "speech_verbs"
);
word_list!(
    /// Prepositions that make a following name a location.
    LOCATIVE,
    "locative_words"
);
word_list!(
    /// Nouns after a demonym that make it an actor ("Russian officials").
    ACTOR_HEADS,
    "actor_heads"
);
word_list!(
    /// Days of the week and months: capitalized, never names.
    DAYS_MONTHS,
    "days_and_months"
);
word_list!(
    /// Sentence-initial and other capitalized words that never begin a name.
    NEVER_NAME,
    "never_names"
);
word_list!(
    /// Never-name words that open a longer name before more capitals ("New", "First").
    NAME_OPENERS,
    "name_openers"
);
word_list!(
    /// Words before a storm's given name ("Hurricane", "Tropical Storm"): a weather event, a topic.
    STORM_WORDS,
    "storm_words"
);
word_list!(
    /// Religions, their followers and adjectives: topics, never actors.
    FAITHS,
    "faiths"
);
word_list!(
    /// Illnesses and their agents known by name: topics, never actors.
    ILLNESSES,
    "illnesses"
);
word_list!(
    /// Last words of products' names ("Rocky Linux", "Windows Phone"): topics, not actors.
    PRODUCT_LAST,
    "product_last_words"
);
word_list!(
    /// Words around a name that make a place a sports team.
    PLAY,
    "sport_verbs"
);
word_list!(
    /// Words that never begin, end or make a topic: function words, reporting verbs, auxiliaries and generic nouns.
    STOP,
    "topic_stop_words"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_read_without_comments() {
        assert!(TITLES.contains("president"));
        assert!(CONNECTORS.contains("of"));
        assert!(STOP.contains("the"));
        assert!(NAME_OPENERS.contains("new") && NEVER_NAME.contains("new"));
        assert!(STORM_WORDS.contains("hurricane") && !STORM_WORDS.contains("# words"));
        assert!(
            !STOP.contains(
                "# Words that never begin, end or make a topic: function words, reporting"
            )
        );
        for list in [
            &*CONNECTORS,
            &*TITLES,
            &*ROLE_HEADS,
            &*ORG_LAST,
            &*ORG_FIRST,
            &*PLACE_LAST,
            &*SPEECH,
            &*LOCATIVE,
            &*ACTOR_HEADS,
            &*DAYS_MONTHS,
            &*NEVER_NAME,
            &*PLAY,
            &*PRODUCT_LAST,
            &*ILLNESSES,
            &*STOP,
        ] {
            assert!(list.len() > 10, "{list:?}");
            assert!(list.iter().all(|w| w == w.trim() && !w.starts_with('#')));
        }
    }
}
