//! Words of a block with byte offsets, sentence starts and case features.
//!
//! Abbreviations with dots ("U.S.", "J.") stay one token; a possessive
//! ("Trump’s") is cut off the word and flagged; dashes split words, hyphens
//! do not ("Mar-a-Lago").

/// Case and shape of a word token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offsets into the article text.
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
    /// First letter is a capital.
    pub capitalized: bool,
    /// No lower-case letter and at least one capital ("NATO", "U.S.").
    pub all_caps: bool,
    /// First word of a sentence (or after an opening quote or a colon).
    pub sentence_start: bool,
    /// Followed by a possessive "’s" / "'s" (not part of the token).
    pub possessive: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    /// Punctuation that ends a sentence: . ! ? …
    SentenceEnd,
    /// Other punctuation: , ; : ( ) " – and so on.
    Punct,
}

impl Token {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }

    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }
}

/// `word` in lower case into a reused buffer (ASCII without decoding).
pub fn lower_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
    } else {
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
}

/// Words that a full stop does not end a sentence after.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "sgt", "capt", "cmdr", "adm", "sen", "rep",
    "gov", "prof", "jr", "sr", "inc", "ltd", "co", "corp", "vs", "v", "no", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "fr", "rev", "hon",
    "messrs", "approx", "est", "dept", "univ", "assn", "bros", "etc",
];

/// Tokenizes `text[start..end]`. O(n).
pub fn tokenize(text: &str, start: usize, end: usize) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut tokens: Vec<Token> = Vec::new();
    let mut i = start;
    let mut next_starts_sentence = true;
    while i < end {
        let Some(c) = text[i..end].chars().next() else {
            break;
        };
        let len = c.len_utf8();
        if c.is_whitespace() {
            i += len;
            continue;
        }
        if c.is_alphanumeric() {
            let word_start = i;
            let mut j = i;
            let mut has_letter = false;
            // Letters, digits and inner joiners: ' ’ - . & (the last three only
            // between letters or in dotted abbreviations).
            while j < end {
                let Some(d) = text[j..end].chars().next() else {
                    break;
                };
                if d.is_alphanumeric() || d == '\u{301}' || d == '\u{308}' {
                    has_letter |= d.is_alphabetic();
                    j += d.len_utf8();
                    continue;
                }
                let after = text[j + d.len_utf8()..end].chars().next();
                let joiner = match d {
                    '-' | '&' => after.is_some_and(char::is_alphanumeric),
                    '\'' | '’' => {
                        // Inner apostrophe (O'Brien, N'Djamena) but not the possessive 's.
                        after.is_some_and(char::is_alphabetic)
                            && !is_possessive_tail(&text[j + d.len_utf8()..end])
                    }
                    '.' => {
                        // U.S. / J. / a.m.: single letters separated by dots.
                        let prev_run = text[word_start..j].rsplit('.').next().unwrap_or("");
                        // "St. Louis", "Mt. Vernon", "Ft. Worth": the place
                        // prefix's dot joins it to the name that follows.
                        let place_prefix = matches!(&text[word_start..j], "St" | "Mt" | "Ft")
                            && text[j + d.len_utf8()..end]
                                .trim_start_matches(' ')
                                .starts_with(char::is_uppercase);
                        place_prefix
                            || (prev_run.chars().count() == 1
                                && prev_run.chars().all(char::is_alphabetic))
                    }
                    _ => false,
                };
                if !joiner {
                    break;
                }
                j += d.len_utf8();
                if d == '.' && !after.is_some_and(char::is_alphabetic) {
                    // The final dot of an abbreviation belongs to it.
                    break;
                }
            }
            let word = &text[word_start..j];
            let mut possessive = false;
            let mut k = j;
            if let Some(rest) = text.get(j..end)
                && is_possessive_tail_at(rest)
            {
                possessive = true;
                let apostrophe = rest.chars().next().map_or(1, char::len_utf8);
                k = j + apostrophe + 1;
            } else if word.ends_with('s')
                && bytes.get(j).is_some_and(|&b| b == b'\'')
                && !bytes.get(j + 1).is_some_and(u8::is_ascii_alphanumeric)
            {
                // Plural possessive "Allies'".
                k = j + 1;
            }
            let first = word.chars().next().unwrap_or(' ');
            let has_lower = word.chars().any(char::is_lowercase);
            let upper_count = word.chars().filter(|c| c.is_uppercase()).count();
            // "in Washington D.C. The team": the abbreviation kept its dot,
            // and a function word after it opens the next sentence.
            let after_abbreviation = tokens
                .last()
                .is_some_and(|t| t.is_word() && t.text(text).ends_with('.') && t.end < word_start);
            if after_abbreviation
                && first.is_uppercase()
                && super::words::NEVER_NAME.contains(word.to_lowercase().as_str())
            {
                next_starts_sentence = true;
            }
            tokens.push(Token {
                start: word_start,
                end: j,
                kind: if has_letter {
                    TokenKind::Word
                } else {
                    TokenKind::Number
                },
                capitalized: first.is_uppercase(),
                all_caps: !has_lower && upper_count >= 1,
                sentence_start: next_starts_sentence,
                possessive,
            });
            next_starts_sentence = false;
            i = k.max(j);
            continue;
        }
        // Punctuation.
        let kind = match c {
            '.' | '!' | '?' | '…' => TokenKind::SentenceEnd,
            _ => TokenKind::Punct,
        };
        let mut ends_sentence = kind == TokenKind::SentenceEnd;
        if c == '.'
            && let Some(prev) = tokens.last()
            && prev.end == i
        {
            let prev_text = text[prev.start..prev.end].to_lowercase();
            if ABBREVIATIONS.contains(&prev_text.as_str())
                || (prev_text.chars().count() == 1 && prev.capitalized)
                || prev_text.ends_with('.')
            {
                ends_sentence = false;
            }
        }
        tokens.push(Token {
            start: i,
            end: i + len,
            kind: if ends_sentence {
                TokenKind::SentenceEnd
            } else {
                TokenKind::Punct
            },
            capitalized: false,
            all_caps: false,
            sentence_start: false,
            possessive: false,
        });
        if ends_sentence || matches!(c, ':' | '“' | '"' | '(' | '•' | '*' | '—' | '|' | '>' | '[')
        {
            // A capital after these carries no signal of a name.
            next_starts_sentence = true;
        }
        i += len;
    }
    drop_furniture(text, &mut tokens);
    tokens
}

/// Drops words that are labels, not text: the speaker labels of interview
/// transcripts ("((WN)) Why …": the label in double brackets, once per
/// turn, says who speaks; it is not a mention) and the language markers
/// written the same way ("((it))"), with the label some transcripts add
/// after them ("((hi))Hindi language:"). The word after starts a sentence.
fn drop_furniture(text: &str, tokens: &mut Vec<Token>) {
    let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else {
        return;
    };
    if !text[first.start..last.end].contains("((") {
        return;
    }
    let is = |t: &Token, c: &str| t.text(text) == c;
    let adjacent = |a: &Token, b: &Token, c: &str| is(a, c) && is(b, c) && b.start == a.end;
    let mut keep = vec![true; tokens.len()];
    let mut i = 0;
    while i + 1 < tokens.len() {
        if adjacent(&tokens[i], &tokens[i + 1], "(")
            && let Some(k) = (i + 3..tokens.len().min(i + 9))
                .find(|&k| k + 1 < tokens.len() && adjacent(&tokens[k], &tokens[k + 1], ")"))
        {
            let mut end = k + 2;
            // "((hi))Hindi language: …": a language marker's own label.
            let code = k == i + 3 && {
                let w = tokens[i + 2].text(text);
                (2..=3).contains(&w.len()) && w.chars().all(|c| c.is_ascii_lowercase())
            };
            if code
                && let [name, word, colon, ..] = &tokens[end..]
                && name.capitalized
                && word.text(text) == "language"
                && colon.text(text) == ":"
            {
                end += 3;
            }
            keep[i..end].iter_mut().for_each(|x| *x = false);
            if let Some(next) = tokens.get_mut(end) {
                next.sentence_start = true;
            }
            i = end;
        } else {
            i += 1;
        }
    }
    let mut index = 0;
    tokens.retain(|_| {
        index += 1;
        keep[index - 1]
    });
}

fn is_possessive_tail(rest: &str) -> bool {
    let mut chars = rest.chars();
    matches!(chars.next(), Some('s')) && !chars.next().is_some_and(char::is_alphanumeric)
}

fn is_possessive_tail_at(rest: &str) -> bool {
    let mut chars = rest.chars();
    matches!(chars.next(), Some('\'' | '’')) && is_possessive_tail(chars.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speaker_labels_are_not_words_of_the_story() {
        let text = "((WN)) Why did Anna Smith leave? ((Anna Smith)) Because.";
        let kept: Vec<(&str, bool, bool)> = words(text);
        assert_eq!(kept[0], ("Why", true, false));
        assert_eq!(
            kept.iter().map(|w| w.0).collect::<Vec<_>>(),
            ["Why", "did", "Anna", "Smith", "leave", "Because"]
        );
        // A language marker's label goes with it.
        let text = "((hi))Hindi language: Namaste. ((WN)) Thank you.";
        assert_eq!(
            words(text).iter().map(|w| w.0).collect::<Vec<_>>(),
            ["Namaste", "Thank", "you"]
        );
        // A plain bracket stays.
        let text = "A tank (seen in Kyiv).";
        assert_eq!(words(text).len(), 5);
    }

    fn words(text: &str) -> Vec<(&str, bool, bool)> {
        tokenize(text, 0, text.len())
            .into_iter()
            .filter(Token::is_word)
            .map(|t| (t.text(text), t.sentence_start, t.possessive))
            .collect()
    }

    #[test]
    fn possessives_are_cut_and_flagged() {
        let w = words("Trump’s envoy met Zelenskyy's team.");
        assert_eq!(w[0], ("Trump", true, true));
        assert_eq!(w[3], ("Zelenskyy", false, true));
    }

    #[test]
    fn a_place_prefix_keeps_its_dot_before_a_name() {
        let w = words("He moved to St. Louis, then Mt. Vernon; the st. was closed.");
        let texts: Vec<&str> = w.iter().map(|x| x.0).collect();
        assert_eq!(
            texts,
            [
                "He", "moved", "to", "St.", "Louis", "then", "Mt.", "Vernon", "the", "st", "was",
                "closed"
            ]
        );
    }

    #[test]
    fn dotted_abbreviations_stay_whole_and_do_not_end_sentences() {
        let w = words("The U.S. President met Mr. Smith. He left.");
        let texts: Vec<&str> = w.iter().map(|x| x.0).collect();
        assert_eq!(
            texts,
            [
                "The",
                "U.S.",
                "President",
                "met",
                "Mr",
                "Smith",
                "He",
                "left"
            ]
        );
        assert!(
            !w[2].1,
            "President follows an abbreviation, not a sentence end"
        );
        assert!(!w[5].1, "Smith follows Mr.");
        assert!(w[6].1, "He starts a sentence");
    }

    #[test]
    fn hyphens_join_and_dashes_split() {
        let w = words("Mar-a-Lago talks on US–Russia ties");
        let texts: Vec<&str> = w.iter().map(|x| x.0).collect();
        assert_eq!(texts, ["Mar-a-Lago", "talks", "on", "US", "Russia", "ties"]);
    }

    #[test]
    fn offsets_point_into_the_text() {
        let text = "Ça va? Élysée officials said “non.”";
        for t in tokenize(text, 0, text.len()) {
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        }
    }
}
