//! PDF → text and metadata.
//!
//! The text layer is read page by page with `pdf-extract` (chosen over
//! `lopdf`'s own `extract_text` after comparing both on the sample's
//! articles printed to PDF by LibreOffice and by groff: `pdf-extract`
//! keeps reading order and marks paragraph gaps with blank lines, `lopdf`
//! runs paragraphs together). Then, here:
//! - lines repeated at the top or bottom of most pages (running heads,
//!   footers, "Page 3 of 9") and lone page numbers are furniture and go;
//! - lines are joined into paragraphs at the blank lines, words hyphenated
//!   across a line break are joined again, ligatures (ﬁ, ﬂ) are spelled out,
//!   and a paragraph cut by a page break continues on the next page;
//! - the document's Info dictionary gives title and author; the date is a
//!   dateline in the text if there is one, else the creation date.
//!
//! A PDF with no text layer (a scan), an encrypted one that opens with no
//! empty password, or one the parser cannot read is an `Err` with that
//! reason. The parser is third-party code on untrusted input: a panic in it
//! is caught and reported as an unreadable file.

use super::{Extracted, Metadata};
use crate::corpus::date::{self, Date, DateSource};

/// At most this many pages are read.
const MAX_PAGES: usize = 2_000;

/// The article of a PDF file.
///
/// # Errors
/// Why the file gives no text: unreadable, encrypted, no text layer.
pub fn pdf(bytes: &[u8]) -> Result<Extracted, String> {
    let read = std::panic::catch_unwind(|| pages(bytes))
        .map_err(|_| "the PDF parser failed on this file".to_owned())??;
    let (pages, mut meta) = read;
    let text = rebuild(&pages);
    let letters = text.chars().filter(|c| c.is_alphanumeric()).count();
    if letters < 20 {
        return Err("the PDF has no text layer (a scanned document?); knowmap does no OCR".into());
    }
    if let Some(d) = date::from_text_head(text.lines()) {
        meta.date = Some((d, DateSource::Text));
    }
    Ok(Extracted {
        text,
        meta,
        item: None,
    })
}

/// Whether a panic at `file` (a panic's location) happened inside the
/// third-party PDF parser (`lopdf`, `pdf-extract` and its `adobe-cmap-parser`), which [`pdf`] isolates
/// and reports as an unreadable file: the command line keeps such a panic's
/// message off the terminal, and the fuzz targets do not count it as a crash.
pub fn is_isolated_parser_panic(file: &str) -> bool {
    file.split(['/', '\\']).any(|part| {
        ["pdf-extract-", "lopdf-", "adobe-cmap-parser-"]
            .iter()
            .any(|c| part.starts_with(c))
    })
}

/// Each page's text as `pdf-extract` lays it out, and the Info metadata.
fn pages(bytes: &[u8]) -> Result<(Vec<String>, Metadata), String> {
    let mut doc =
        lopdf::Document::load_mem(bytes).map_err(|e| format!("not a readable PDF ({e})"))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err("the PDF is encrypted with a password".into());
    }
    let meta = info(&doc);
    let numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
    if numbers.len() > MAX_PAGES {
        log::warn!(
            "PDF with {} pages: the first {MAX_PAGES} are read",
            numbers.len()
        );
    }
    // The whole document in one pass (fonts are decoded once)…
    if numbers.len() <= MAX_PAGES {
        let mut lines = Lines::default();
        if pdf_extract::output_doc(&doc, &mut lines).is_ok() {
            return Ok((lines.pages, meta));
        }
    }
    // …or, when that fails or the document is huge, page by page: a page
    // that cannot be read is left out and the others still count.
    let mut pages = Vec::new();
    for n in numbers.into_iter().take(MAX_PAGES) {
        let mut lines = Lines::default();
        if pdf_extract::output_doc_page(&doc, &mut lines, n).is_ok() {
            pages.append(&mut lines.pages);
        }
    }
    Ok((pages, meta))
}

/// One line of a page as laid out: its baseline (growing downwards), left
/// edge, font size and text.
#[derive(Debug, Clone, Default)]
struct Line {
    y: f64,
    x: f64,
    /// Where its last character ends.
    right: f64,
    size: f64,
    text: String,
}

impl Line {
    /// The average width of its characters.
    fn char_width(&self) -> f64 {
        let n = self.text.chars().count().max(1) as f64;
        ((self.right - self.x) / n).max(0.0)
    }
}

/// Collects a page's characters into lines, with a space wherever the gap
/// to the previous character is wider than a sixth of the font size (PDFs
/// often position words without any space character; `pdf-extract`'s own
/// plain-text output only looks at the gaps the file marks as words).
#[derive(Debug, Default)]
struct Lines {
    /// The text of every page finished so far.
    pages: Vec<String>,
    done: Vec<Line>,
    current: Option<Line>,
    /// Where the last character ended.
    end: f64,
}

impl Lines {
    fn close(&mut self) {
        if let Some(mut line) = self.current.take() {
            line.text = line.text.trim().to_owned();
            if !line.text.is_empty() {
                self.done.push(line);
            }
        }
    }

    /// The page as text: a line per line, and a blank line where the gap
    /// between two lines is clearly wider than the page's usual line
    /// spacing or the font size changes (a heading), so paragraphs come
    /// from the layout itself.
    fn page_text(&self) -> String {
        let mut gaps: Vec<f64> = self
            .done
            .windows(2)
            .map(|w| w[1].y - w[0].y)
            .filter(|g| *g > 0.0)
            .collect();
        gaps.sort_by(f64::total_cmp);
        let usual = gaps.get(gaps.len() / 2).copied().unwrap_or(0.0);
        // The right margin: where most full lines end.
        let mut rights: Vec<f64> = self.done.iter().map(|l| l.right).collect();
        rights.sort_by(f64::total_cmp);
        let margin = rights.get(rights.len() * 9 / 10).copied().unwrap_or(0.0);
        // A line ends its paragraph when the next line's first word would
        // have fitted on it (ragged-right text wraps only when it must).
        let ends_short = |line: &Line, next: &Line| {
            let word = next
                .text
                .split_whitespace()
                .next()
                .map_or(0, |w| w.chars().count());
            let needed = (word + 1) as f64 * next.char_width();
            line.right + needed < margin - 0.25 * line.size
        };
        let mut out = String::new();
        for (i, line) in self.done.iter().enumerate() {
            if i > 0 {
                let before = &self.done[i - 1];
                let gap = line.y - before.y;
                let resized = (line.size - before.size).abs() > 0.12 * before.size.max(1.0);
                let apart = usual > 0.0 && gap > usual * 1.35;
                // Upwards (a new column) or far down: a new block.
                out.push('\n');
                if resized || apart || gap < 0.0 || ends_short(before, line) {
                    out.push('\n');
                }
            }
            out.push_str(&line.text);
        }
        out.push('\n');
        out
    }
}

impl pdf_extract::OutputDev for Lines {
    fn begin_page(
        &mut self,
        _page: u32,
        _media_box: &pdf_extract::MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), pdf_extract::OutputError> {
        self.close();
        let text = self.page_text();
        self.pages.push(text);
        self.done.clear();
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &pdf_extract::Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), pdf_extract::OutputError> {
        let (x, y) = (trm.m31, -trm.m32);
        let fx = font_size * trm.m11 + font_size * trm.m21;
        let fy = font_size * trm.m12 + font_size * trm.m22;
        let size = (fx * fy).abs().sqrt().max(0.1);
        let same_line = self
            .current
            .as_ref()
            .is_some_and(|l| (y - l.y).abs() <= 0.5 * l.size.max(size) && x >= self.end - size);
        if !same_line {
            self.close();
            self.current = Some(Line {
                y,
                x,
                right: x,
                size,
                text: String::new(),
            });
        } else if x > self.end + size / 5.0
            && let Some(line) = &mut self.current
            && !line.text.ends_with(' ')
        {
            line.text.push(' ');
        }
        if let Some(line) = &mut self.current {
            if text.trim().is_empty() {
                if !line.text.ends_with(' ') {
                    line.text.push(' ');
                }
            } else {
                line.text.push_str(text);
            }
            line.size = line.size.max(size);
        }
        self.end = x + width * size;
        if let Some(line) = &mut self.current {
            line.right = line.right.max(self.end);
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
}

/// Title, author and creation date from the document's Info dictionary.
fn info(doc: &lopdf::Document) -> Metadata {
    let mut meta = Metadata::default();
    let Some(dict) = doc.trailer.get(b"Info").ok().and_then(|o| match o {
        lopdf::Object::Reference(id) => doc.get_dictionary(*id).ok(),
        lopdf::Object::Dictionary(d) => Some(d),
        _ => None,
    }) else {
        return meta;
    };
    let text = |key: &[u8]| -> Option<String> {
        let object = dict.get(key).ok()?;
        let bytes = object.as_str().ok()?;
        let s = decode_pdf_string(bytes);
        let s = s.trim();
        (!s.is_empty()).then(|| s.to_owned())
    };
    meta.title = text(b"Title").filter(|t| !is_generic_title(t));
    meta.author = text(b"Author");
    meta.date = text(b"CreationDate")
        .as_deref()
        .and_then(pdf_date)
        .map(|d| (d, DateSource::Metadata));
    meta
}

/// A PDF text string: UTF-16 with a byte-order mark, else PDFDocEncoding
/// (Latin-1 for the characters that matter here).
fn decode_pdf_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_owned();
    }
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// Titles that name the program or the file rather than the article.
fn is_generic_title(title: &str) -> bool {
    let lower = title.to_lowercase();
    lower == "untitled"
        || lower.starts_with("microsoft word - ")
        || [".doc", ".docx", ".odt", ".txt", ".pdf", ".rtf"]
            .iter()
            .any(|e| lower.ends_with(e))
}

/// `D:20190104123000+01'00'` → 2019-01-04 12:30.
fn pdf_date(text: &str) -> Option<Date> {
    let digits = text.strip_prefix("D:").unwrap_or(text);
    let num = |range: std::ops::Range<usize>| digits.get(range)?.parse::<u32>().ok();
    let date = Date::new(
        i32::try_from(num(0..4)?).ok()?,
        u8::try_from(num(4..6).unwrap_or(1)).ok()?,
        u8::try_from(num(6..8).unwrap_or(1)).ok()?,
    )?;
    match (num(8..10), num(10..12)) {
        (Some(h), Some(m)) if h < 24 && m < 60 => Some(date.with_time(h as u8, m as u8)),
        _ => Some(date),
    }
}

/// The pages' text as one article: furniture removed, paragraphs rebuilt.
fn rebuild(pages: &[String]) -> String {
    let furniture = repeated_lines(pages);
    let mut paragraphs: Vec<String> = Vec::new();
    // Whether the last paragraph was cut by the end of a page.
    let mut open = false;
    for page in pages {
        let mut first_block = true;
        for block in blocks(page) {
            let lines: Vec<&str> = block
                .iter()
                .copied()
                .filter(|l| !furniture.contains(&shape(l)) && !is_page_number(l))
                .collect();
            let Some(text) = join_lines(&lines) else {
                continue;
            };
            let continues =
                first_block && open && text.chars().next().is_some_and(char::is_lowercase);
            match paragraphs.last_mut() {
                Some(last) if continues => {
                    join_onto(last, &text);
                }
                _ => paragraphs.push(text),
            }
            first_block = false;
        }
        open = paragraphs
            .last()
            .is_some_and(|p| !p.trim_end().ends_with(['.', '!', '?', '"', '”', ':']));
    }
    paragraphs.join("\n\n") + "\n"
}

/// The blocks of a page: runs of non-blank lines.
fn blocks(page: &str) -> Vec<Vec<&str>> {
    let mut out: Vec<Vec<&str>> = Vec::new();
    let mut current = Vec::new();
    for line in page.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            current.push(line.trim());
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// A line with its digits blanked, so "Page 3" and "Page 4" compare equal.
fn shape(line: &str) -> String {
    line.trim()
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// "12", "- 12 -", "Page 3", "3 of 9", "Page 3 of 9", "3/9".
fn is_page_number(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    let words: Vec<&str> = lower
        .trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace())
        .split(|c: char| c.is_whitespace() || c == '/')
        .filter(|w| !w.is_empty())
        .collect();
    let number = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit()) && w.len() <= 4;
    match words.as_slice() {
        [n] => number(n),
        ["page", n] => number(n),
        [a, b] => number(a) && number(b),
        [a, "of", b] => number(a) && number(b),
        ["page", a, "of", b] => number(a) && number(b),
        _ => false,
    }
}

/// Line shapes at the top or bottom (first or last two lines) of at least
/// half the pages, when there are three or more: running heads and footers.
fn repeated_lines(pages: &[String]) -> std::collections::HashSet<String> {
    let mut out = std::collections::HashSet::new();
    if pages.len() < 3 {
        return out;
    }
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for page in pages {
        let lines: Vec<&str> = page
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        // Two lines at each edge (a head may be two lines), one on a page
        // too short for that to leave the story alone.
        let k = if lines.len() >= 6 { 2 } else { 1 };
        let mut edge: Vec<String> = lines
            .iter()
            .take(k)
            .chain(lines.iter().rev().take(k))
            .map(|l| shape(l))
            .collect();
        edge.sort();
        edge.dedup();
        for shape in edge {
            *seen.entry(shape).or_default() += 1;
        }
    }
    for (shape, count) in seen {
        if count * 2 >= pages.len() {
            out.insert(shape);
        }
    }
    out
}

/// The lines of one block as one paragraph: words hyphenated at a line end
/// joined, ligatures spelled out. `None` when nothing is left.
fn join_lines(lines: &[&str]) -> Option<String> {
    let mut out = String::new();
    for line in lines {
        let line = ligatures(line.trim());
        if line.is_empty() {
            continue;
        }
        join_onto(&mut out, &line);
    }
    (!out.is_empty()).then_some(out)
}

/// Appends `next` to `text` with a space, or, after a word hyphenated at
/// the line end ("negoti-" + "ations"), without the hyphen.
fn join_onto(text: &mut String, next: &str) {
    if text.is_empty() {
        text.push_str(next);
        return;
    }
    let hyphenated = text.ends_with('-')
        && text[..text.len() - 1]
            .chars()
            .next_back()
            .is_some_and(char::is_lowercase)
        && next.chars().next().is_some_and(char::is_lowercase);
    if hyphenated {
        text.pop();
    } else {
        text.push(' ');
    }
    text.push_str(next);
}

/// Typographic ligatures as their letters.
fn ligatures(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            'ﬀ' => out.push_str("ff"),
            'ﬁ' => out.push_str("fi"),
            'ﬂ' => out.push_str("fl"),
            'ﬃ' => out.push_str("ffi"),
            'ﬄ' => out.push_str("ffl"),
            'ﬅ' | 'ﬆ' => out.push_str("st"),
            '\u{00AD}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn running_heads_footers_and_page_numbers_go() {
        let story = [
            "Negotiators met in Geneva on Monday.",
            "Officials said progress was made.",
            "The talks resume in Vienna next week.",
            "Markets rose on the news.",
        ];
        let pages: Vec<String> = story
            .iter()
            .enumerate()
            .map(|(n, line)| {
                format!(
                    "The Daily Courier — Politics\n\n{line}\n\nPage {} of 4\n",
                    n + 1
                )
            })
            .collect();
        let text = rebuild(&pages);
        assert!(!text.contains("Courier"), "{text}");
        assert!(!text.contains("Page"), "{text}");
        for line in story {
            assert!(text.contains(line), "{text}");
        }
    }

    #[test]
    fn lines_join_into_paragraphs_across_hyphens_and_pages() {
        let pages = vec![
            "Talks between the negoti-\nators went on late into the\n\nnight in the city of"
                .to_owned(),
            "geneva, officials said.\n\n12\n".to_owned(),
        ];
        let text = rebuild(&pages);
        assert_eq!(
            text,
            "Talks between the negotiators went on late into the\n\nnight in the city of geneva, officials said.\n"
        );
        // A hyphen before a capital (a compound name) stays.
        let mut s = "US-".to_owned();
        join_onto(&mut s, "Russia");
        assert_eq!(s, "US- Russia");
        assert_eq!(ligatures("signiﬁcant ﬂows"), "significant flows");
    }

    #[test]
    fn page_numbers_are_recognized() {
        for yes in ["12", "- 3 -", "Page 3", "3 of 9", "Page 3 of 9", "3/9"] {
            assert!(is_page_number(yes), "{yes}");
        }
        for no in ["1989 was a year", "Page one", "Article 5 of the treaty"] {
            assert!(!is_page_number(no), "{no}");
        }
    }

    #[test]
    fn info_dates_and_strings_decode() {
        assert_eq!(
            pdf_date("D:20190104123000+01'00'"),
            Some(Date::new(2019, 1, 4).unwrap().with_time(12, 30))
        );
        assert_eq!(pdf_date("D:2019"), Date::new(2019, 1, 1));
        assert_eq!(pdf_date("yesterday"), None);
        assert_eq!(
            decode_pdf_string(&[0xFE, 0xFF, 0, b'K', 0, b'y', 0x04, 0x16]),
            "KyЖ"
        );
        assert_eq!(decode_pdf_string(b"Caf\xe9"), "Café");
        assert!(is_generic_title("Microsoft Word - draft.docx"));
        assert!(!is_generic_title("Talks resume in Geneva"));
    }

    #[test]
    fn only_the_parsers_own_panics_count_as_isolated() {
        let registry = "/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f";
        assert!(is_isolated_parser_panic(&format!(
            "{registry}/pdf-extract-0.10.0/src/lib.rs"
        )));
        assert!(is_isolated_parser_panic(&format!(
            "{registry}/lopdf-0.38.0/src/reader.rs"
        )));
        assert!(is_isolated_parser_panic(
            r"C:\cargo\registry\src\x\lopdf-0.38.0\src\parser.rs"
        ));
        assert!(is_isolated_parser_panic(&format!(
            "{registry}/adobe-cmap-parser-0.4.1/src/lib.rs"
        )));
        assert!(!is_isolated_parser_panic("src/corpus/formats/pdf.rs"));
        assert!(!is_isolated_parser_panic(&format!(
            "{registry}/quick-xml-0.37.0/src/reader.rs"
        )));
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(pdf(b"not a pdf at all").is_err());
        assert!(
            pdf(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF")
                .is_err()
        );
    }
}
