//! One article's text → blocks: paragraphs, the title, headings and site
//! furniture, each a byte range into the text.
//!
//! Only looks at one article; corpus-wide decisions (duplicates, lines that
//! repeat across articles) are made in `corpus/mod.rs`.

use super::boilerplate::Furniture;

/// What a block of an article is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    /// Body text: counted, searched for mentions, used as evidence.
    Paragraph,
    /// The article's headline (shown, searched, not counted).
    Title,
    /// A section heading (shown, searched, not counted).
    Heading,
    /// Site furniture: navigation, share buttons, bylines (not searched).
    Boilerplate,
    /// A repeat of an earlier paragraph or line (shown greyed, not counted).
    Duplicate,
}

impl BlockKind {
    /// True for the blocks that are read for mentions (everything but furniture).
    pub fn is_searched(self) -> bool {
        self != Self::Boilerplate
    }
}

/// A contiguous part of an article's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    /// Byte offset of the first character (leading spaces excluded).
    pub start: usize,
    /// Byte offset one past the last character (trailing spaces excluded).
    pub end: usize,
    /// What the block is.
    pub kind: BlockKind,
    /// Its shape, measured once when splitting (later layers reuse it).
    pub shape: Shape,
}

/// A line of text with its byte range, trimmed of surrounding white space.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
}

/// Shape measurements of a unit of text, used by every classification rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    pub words: usize,
    pub chars: usize,
    /// Ends with sentence punctuation (. ! ? …), possibly inside quotes.
    pub terminal: bool,
    /// Most letters are capitals ("US TRENDING NEWS").
    pub all_caps: bool,
    pub has_digit: bool,
    /// Most content words start with a capital ("Security Guarantees and Support").
    pub title_case: bool,
}

/// Words that stay lower case in English title case.
const TITLE_SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "nor", "for", "to", "in", "on", "at", "by", "with", "as",
    "but", "from", "vs", "v", "into", "over", "via", "per", "de", "la", "le", "von", "van",
];

impl Shape {
    /// Measures `text` in one pass over its words.
    pub fn of(text: &str) -> Self {
        let trimmed = text.trim_end_matches(|c: char| {
            matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»' | '*' | '_') || c.is_whitespace()
        });
        let terminal = trimmed.ends_with(['.', '!', '?', '…', ';']);
        let (mut upper, mut lower, mut chars, mut words) = (0usize, 0usize, 0usize, 0usize);
        let (mut content, mut capitalized) = (0usize, 0usize);
        let mut has_digit = false;
        for word in text.split_whitespace() {
            words += 1;
            // Whether the first alphanumeric character is a capital.
            let mut first_letter: Option<bool> = None;
            if word.is_ascii() {
                // Most words: bytes, no decoding.
                for b in word.bytes() {
                    chars += 1;
                    let is_upper = b.is_ascii_uppercase();
                    upper += usize::from(is_upper);
                    lower += usize::from(b.is_ascii_lowercase());
                    has_digit |= b.is_ascii_digit();
                    if first_letter.is_none() && b.is_ascii_alphanumeric() {
                        first_letter = Some(is_upper);
                    }
                }
            } else {
                for c in word.chars() {
                    chars += 1;
                    let (is_upper, is_lower) = if c.is_ascii() {
                        (c.is_ascii_uppercase(), c.is_ascii_lowercase())
                    } else {
                        (c.is_uppercase(), c.is_lowercase())
                    };
                    upper += usize::from(is_upper);
                    lower += usize::from(is_lower);
                    has_digit |= c.is_ascii_digit();
                    if first_letter.is_none() && c.is_alphanumeric() {
                        first_letter = Some(is_upper);
                    }
                }
            }
            chars += 1;
            if let Some(is_upper) = first_letter {
                let core = word.trim_matches(|c: char| !c.is_alphanumeric());
                let starts_alpha = core.chars().next().is_some_and(char::is_alphabetic);
                // Small words have at most four letters: most words skip the list.
                if starts_alpha
                    && !(core.len() <= 4
                        && TITLE_SMALL_WORDS
                            .iter()
                            .any(|w| w.eq_ignore_ascii_case(core)))
                {
                    content += 1;
                    capitalized += usize::from(is_upper);
                }
            }
        }
        Self {
            words,
            chars: chars.saturating_sub(1),
            terminal,
            all_caps: upper >= 2 && lower * 5 <= upper,
            has_digit,
            title_case: content > 0 && capitalized * 10 >= content * 6,
        }
    }

    /// Reads like running text rather than a label: ends like a sentence,
    /// or is long, or is a lower-case clause ("… hinges on several factors:").
    pub fn sentence_like(&self) -> bool {
        (self.terminal && !self.all_caps)
            || self.words > 25
            || (self.words >= 6 && !self.title_case && !self.all_caps)
    }

    /// Could be a headline or heading.
    pub fn headline_like(&self) -> bool {
        self.chars <= 250 && self.words <= 30 && (!self.sentence_like() || self.all_caps)
    }
}

/// Splits `text` into classified blocks, in text order.
///
/// Blocks are separated by blank lines. Inside a block, lines are one
/// hard-wrapped paragraph when they look wrapped (widths between 60 and 150
/// characters); otherwise every line is its own unit, which is how many web
/// exports write one paragraph per line. O(n) in the text length.
pub fn split(text: &str, furniture: &Furniture) -> Vec<Block> {
    let units = units(text);
    let mut blocks: Vec<Block> = Vec::with_capacity(units.len());
    let shapes: Vec<Shape> = units
        .iter()
        .map(|u| Shape::of(&text[u.start..u.end]))
        .collect();

    // Kicker ("US TRENDING NEWS") and title at the top.
    let mut title_at = None;
    let mut kicker_until = 0;
    for (i, shape) in shapes.iter().enumerate().take(3) {
        let next = shapes.get(i + 1);
        let kicker = shape.words <= 4
            && !shape.sentence_like()
            && next.is_some_and(|n| n.headline_like() && n.words > shape.words && n.words >= 3);
        if kicker {
            kicker_until = i + 1;
            continue;
        }
        if shape.headline_like() && shape.words >= 2 {
            title_at = Some(i);
        }
        break;
    }

    let mut earlier_norms: Vec<String> = Vec::new();
    for (i, (unit, &shape)) in units.iter().zip(&shapes).enumerate() {
        let unit_text = &text[unit.start..unit.end];
        // Echoes are short labels: a bounded prefix of each unit is enough.
        let norm = super::normalize(prefix(unit_text, 300));
        let kind = if i < kicker_until || furniture.is_furniture(unit_text, &shape) {
            BlockKind::Boilerplate
        } else if Some(i) == title_at {
            BlockKind::Title
        } else if !shape.sentence_like()
            && !norm.is_empty()
            && earlier_norms.iter().any(|e| e.starts_with(norm.as_str()))
        {
            // A label repeating an earlier line ("Toward a fragile peace"
            // under the headline "Toward a Fragile Peace: …"): image captions,
            // share blocks and other echoes.
            BlockKind::Duplicate
        } else if shape.sentence_like() || shape.words > 20 {
            BlockKind::Paragraph
        } else if norm.is_empty() {
            BlockKind::Boilerplate
        } else {
            BlockKind::Heading
        };
        // Echoes repeat lines near the top: a bounded list keeps a file of
        // a million short lines linear.
        if kind != BlockKind::Boilerplate && earlier_norms.len() < 64 {
            earlier_norms.push(norm);
        }
        blocks.push(Block {
            start: unit.start,
            end: unit.end,
            kind,
            shape,
        });
    }
    blocks
}

/// At most `max` bytes of `text`, cut at a character boundary.
fn prefix(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Lines → units (paragraph candidates) following the wrapping rule.
fn units(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut block: Vec<Line> = Vec::new();
    for line in lines(text) {
        if line.start == line.end {
            flush_block(text, &mut block, &mut out);
        } else {
            block.push(line);
        }
    }
    flush_block(text, &mut block, &mut out);
    if out.iter().any(|u| u.end - u.start > MAX_PARAGRAPH_BYTES) {
        let long = std::mem::take(&mut out);
        for unit in long {
            split_long(text, unit, &mut out);
        }
    }
    out
}

/// Paragraphs longer than this are cut at sentence ends: a "paragraph" of
/// megabytes (a text with no line breaks) would make everything in it
/// co-occur, and cost memory to no purpose.
pub const MAX_PARAGRAPH_BYTES: usize = 8_000;

/// Cuts a long unit into pieces of at most [`MAX_PARAGRAPH_BYTES`], at the
/// last sentence end in each window (else the last space, else anywhere on a
/// character boundary).
fn split_long(text: &str, unit: Line, out: &mut Vec<Line>) {
    let mut start = unit.start;
    while unit.end - start > MAX_PARAGRAPH_BYTES {
        let mut limit = start + MAX_PARAGRAPH_BYTES;
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        let window = &text[start..limit];
        let sentence = [". ", "? ", "! ", ".\u{201D} ", "; "]
            .iter()
            .filter_map(|p| window.rfind(p).map(|i| i + p.len() - 1))
            .max()
            .filter(|&i| i > MAX_PARAGRAPH_BYTES / 4);
        let cut = sentence
            .or_else(|| window.rfind(' ').filter(|&i| i > 0))
            .unwrap_or(window.len());
        let end = start + cut;
        let piece = text[start..end].trim_end();
        if !piece.is_empty() {
            out.push(Line {
                start,
                end: start + piece.len(),
            });
        }
        start = end;
        while start < unit.end && text[start..].starts_with(char::is_whitespace) {
            start += text[start..].chars().next().map_or(1, char::len_utf8);
        }
    }
    if start < unit.end {
        out.push(Line {
            start,
            end: unit.end,
        });
    }
}

fn flush_block(text: &str, block: &mut Vec<Line>, out: &mut Vec<Line>) {
    if block.is_empty() {
        return;
    }
    let widths: Vec<usize> = block
        .iter()
        .map(|l| text[l.start..l.end].chars().count())
        .collect();
    let max = widths.iter().copied().max().unwrap_or(0);
    let wrapped = block.len() > 1 && (60..=150).contains(&max);
    if !wrapped {
        out.append(block);
        return;
    }
    let mut current: Option<Line> = None;
    let mut previous_terminal = false;
    for (line, width) in block.iter().zip(&widths) {
        let line_text = &text[line.start..line.end];
        let shape = Shape::of(line_text);
        let short = *width * 10 < max * 6;
        let starts_item =
            line_text.starts_with(['-', '*', '•', '#']) || line_text.starts_with("> ");
        // A short label after a finished sentence is a heading, not a continuation.
        let heading = short && !shape.terminal && previous_terminal;
        previous_terminal = shape.terminal;
        if (starts_item || heading)
            && let Some(done) = current.take()
        {
            out.push(done);
        }
        let merged = match current {
            Some(c) => Line {
                start: c.start,
                end: line.end,
            },
            None => *line,
        };
        // A line well short of the wrap width ends its paragraph (or is a heading).
        if short {
            out.push(merged);
            current = None;
        } else {
            current = Some(merged);
        }
    }
    if let Some(done) = current {
        out.push(done);
    }
    block.clear();
}

/// Lines with their byte ranges, trimmed; blank lines come out empty.
fn lines(text: &str) -> impl Iterator<Item = Line> + '_ {
    let mut offset = 0;
    text.split_inclusive('\n').map(move |raw| {
        let start = offset;
        offset += raw.len();
        let lead = raw.len() - raw.trim_start().len();
        let content = raw.trim();
        if content.is_empty() {
            Line {
                start: start + raw.len(),
                end: start + raw.len(),
            }
        } else {
            Line {
                start: start + lead,
                end: start + lead + content.len(),
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(BlockKind, &str)> {
        split(text, &Furniture::builtin())
            .into_iter()
            .map(|b| (b.kind, &text[b.start..b.end]))
            .collect()
    }

    #[test]
    fn blank_lines_separate_paragraphs_and_wrapped_lines_join() {
        let text = "A headline about talks\n\nThe first paragraph is wrapped at a fixed width of about seventy\ncharacters, like old newswire copy, and continues on this line.\n\nSecond paragraph here, short.\n";
        let got = kinds(text);
        assert_eq!(got[0], (BlockKind::Title, "A headline about talks"));
        assert_eq!(got[1].0, BlockKind::Paragraph);
        assert!(got[1].1.ends_with("continues on this line."));
        assert_eq!(
            got[2],
            (BlockKind::Paragraph, "Second paragraph here, short.")
        );
    }

    #[test]
    fn long_lines_without_blank_lines_are_separate_paragraphs() {
        let long = "x".repeat(20);
        let a = format!(
            "The first paragraph is long enough to be a whole paragraph on its own line and it ends here {long}."
        );
        let b = format!(
            "The second paragraph is also long enough to be a whole paragraph on its own line too {long}."
        );
        let text = format!("{a}\nA Heading In Between\n{b}\n");
        let got = kinds(&text);
        assert_eq!(got.len(), 3);
        assert_eq!(got[0].0, BlockKind::Paragraph);
        assert_eq!(got[1], (BlockKind::Heading, "A Heading In Between"));
        assert_eq!(got[2].0, BlockKind::Paragraph);
    }

    #[test]
    fn an_endless_paragraph_is_cut_at_sentence_ends() {
        let sentence = "Talks went on in Geneva and nobody left the room. ";
        let text = format!("A title here\n\n{}", sentence.repeat(2000));
        let blocks = split(&text, &Furniture::builtin());
        let paragraphs: Vec<&Block> = blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Paragraph)
            .collect();
        assert!(paragraphs.len() > 10);
        for b in &paragraphs {
            assert!(b.end - b.start <= MAX_PARAGRAPH_BYTES);
            assert!(
                text[b.start..b.end].ends_with('.'),
                "{:?}",
                &text[b.end - 10..b.end]
            );
        }
        // Nothing is lost but the spaces between pieces.
        let kept: usize = paragraphs.iter().map(|b| b.end - b.start).sum();
        assert!(kept + paragraphs.len() >= sentence.trim_end().len() * 2000);
        // No sentence end at all: cut at spaces, then anywhere.
        let words = "wordwordword ".repeat(3000);
        for b in split(&format!("T t\n\n{words}"), &Furniture::builtin()) {
            assert!(b.end - b.start <= MAX_PARAGRAPH_BYTES);
        }
        let blob = "é".repeat(20_000);
        for b in split(&blob, &Furniture::builtin()) {
            assert!(b.end - b.start <= MAX_PARAGRAPH_BYTES);
            assert!(blob.is_char_boundary(b.start) && blob.is_char_boundary(b.end));
        }
    }

    #[test]
    fn crlf_line_ends_are_not_part_of_blocks() {
        let text = "Title Of The Story\r\n\r\nBody text of the article.\r\n";
        let got = kinds(text);
        assert_eq!(got[1], (BlockKind::Paragraph, "Body text of the article."));
    }

    #[test]
    fn kicker_and_byline_are_furniture() {
        let text = "WORLD NEWS\n\nPeace Talks Planned After Summit Meeting\n\nby Chief Editor\n\nLeaders met on Monday.\n\nBack to top button\n";
        let got = kinds(text);
        assert_eq!(got[0], (BlockKind::Boilerplate, "WORLD NEWS"));
        assert_eq!(got[1].0, BlockKind::Title);
        assert_eq!(got[2], (BlockKind::Boilerplate, "by Chief Editor"));
        assert_eq!(got[3].0, BlockKind::Paragraph);
        assert_eq!(got[4], (BlockKind::Boilerplate, "Back to top button"));
    }

    #[test]
    fn a_line_echoing_the_headline_is_a_duplicate() {
        let text = "Toward a Fragile Peace: Inside the Talks\n\nToward a fragile peace\n\nBody text follows here.\n";
        let got = kinds(text);
        assert_eq!(got[1], (BlockKind::Duplicate, "Toward a fragile peace"));
    }

    #[test]
    fn all_caps_headline_with_a_full_stop_is_a_title() {
        let got = kinds(
            "SOCCER - LATE GOAL GIVES HOSTS A WIN.\n\nLONDON 1996-08-30\n\nThe hosts won 1-0.\n",
        );
        assert_eq!(got[0].0, BlockKind::Title);
        assert_eq!(got[1], (BlockKind::Heading, "LONDON 1996-08-30"));
        assert_eq!(got[2].0, BlockKind::Paragraph);
    }
}
