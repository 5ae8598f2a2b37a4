//! RTF → text and metadata, and Nexis exports split into their articles.
//!
//! A small reader of the RTF 1.9 syntax: groups, control words and
//! symbols, `\'hh` bytes in the document's code page (`\ansicpg`, 1252 by
//! default), `\uN` characters with their `\ucN` fallbacks skipped, and
//! `\par`/`\line` as line ends. Font, colour and style tables, pictures,
//! objects, headers, footers, field instructions and every `\*`
//! destination are skipped; `\info` gives title, author and creation date.
//!
//! LexisNexis exports many documents to one file, each ending with an
//! "End of Document" line: each is an article. A Nexis document's head
//! (headline, outlet, date line, "Length:", "Byline:") comes before a
//! "Body" line; the head gives title, outlet, author and date, the body the
//! text, and the "Classification"/"Load-Date" tail is left out.

use super::{Extracted, Metadata};
use crate::corpus::date::{self, Date, DateSource};

/// Groups nested deeper than this are skipped (a hostile file).
const MAX_DEPTH: usize = 256;

/// The articles of an RTF file.
///
/// # Errors
/// When the file is not RTF or holds no text.
pub fn rtf(bytes: &[u8]) -> Result<Vec<Extracted>, String> {
    if !bytes.trim_ascii_start().starts_with(b"{\\rtf") {
        return Err("not an RTF document (it does not start with {\\rtf)".into());
    }
    let (text, info) = parse(bytes);
    let documents = split_documents(&text);
    let many = documents.len() > 1;
    let mut out = Vec::new();
    for (i, doc) in documents.into_iter().enumerate() {
        let mut article = nexis(&doc).unwrap_or_else(|| Extracted {
            text: doc.clone(),
            meta: info.clone(),
            item: None,
        });
        if article.meta.date.is_none()
            && let Some(d) = date::from_text_head(article.text.lines())
        {
            article.meta.date = Some((d, DateSource::Text));
        }
        if many {
            article.item = u32::try_from(i).ok();
        }
        if article.text.chars().any(char::is_alphanumeric) {
            out.push(article);
        }
    }
    if out.is_empty() {
        return Err("the RTF document holds no text".into());
    }
    Ok(out)
}

/// Per-group state.
#[derive(Debug, Clone, Copy)]
struct Group {
    /// Text in this group is not part of the document.
    skip: bool,
    /// Fallback characters after `\uN`.
    uc: usize,
    /// The `\info` field this group fills, if any.
    field: Option<Field>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Title,
    Author,
    Created,
}

/// Destinations whose text is not the document's.
const SKIPPED: &[&str] = &[
    "fonttbl",
    "colortbl",
    "stylesheet",
    "listtable",
    "listoverridetable",
    "pict",
    "object",
    "header",
    "headerl",
    "headerr",
    "headerf",
    "footer",
    "footerl",
    "footerr",
    "footerf",
    "fldinst",
    "themedata",
    "colorschememapping",
    "latentstyles",
    "datastore",
    "xmlnstbl",
    "rsidtbl",
    "generator",
    "info",
    "filetbl",
    "revtbl",
    "pgdsctbl",
    "bkmkstart",
    "bkmkend",
    "footnote",
    "annotation",
    "atnid",
    "atnauthor",
    "shppict",
    "nonshppict",
    "mmathPr",
];

/// The document's text (lines at `\par`) and its `\info` metadata.
fn parse(bytes: &[u8]) -> (String, Metadata) {
    let mut text = String::new();
    let mut meta = Metadata::default();
    let (mut title, mut author) = (String::new(), String::new());
    let mut created: [Option<i64>; 5] = [None; 5];
    let mut stack: Vec<Group> = vec![Group {
        skip: false,
        uc: 1,
        field: None,
    }];
    let mut codepage = encoding_rs::WINDOWS_1252;
    // Bytes of `\'hh` escapes waiting to be decoded together (multi-byte
    // code pages).
    let mut pending: Vec<u8> = Vec::new();
    // Fallback characters still to skip after a `\uN`.
    let mut skip_chars = 0usize;
    // The next control word opens an ignorable destination (`\*`).
    let mut starred = false;
    let mut i = 0;
    let n = bytes.len();
    let flush =
        |pending: &mut Vec<u8>, out: &mut String, codepage: &'static encoding_rs::Encoding| {
            if !pending.is_empty() {
                let (decoded, _, _) = codepage.decode(pending);
                out.push_str(&decoded);
                pending.clear();
            }
        };
    while i < n {
        let top = *stack.last().unwrap_or(&Group {
            skip: true,
            uc: 1,
            field: None,
        });
        let sink: Option<&mut String> = match (top.skip, top.field) {
            (_, Some(Field::Title)) => Some(&mut title),
            (_, Some(Field::Author)) => Some(&mut author),
            (true, _) | (_, Some(Field::Created)) => None,
            (false, None) => Some(&mut text),
        };
        let b = bytes[i];
        match b {
            b'{' => {
                if let Some(out) = sink {
                    flush(&mut pending, out, codepage);
                }
                if stack.len() >= MAX_DEPTH {
                    stack.push(Group { skip: true, ..top });
                } else {
                    stack.push(top);
                }
                i += 1;
            }
            b'}' => {
                if let Some(out) = sink {
                    flush(&mut pending, out, codepage);
                }
                if stack.len() > 1 {
                    stack.pop();
                }
                starred = false;
                i += 1;
            }
            b'\\' => {
                let Some(&next) = bytes.get(i + 1) else { break };
                if next == b'\'' {
                    // \'hh: a byte in the code page.
                    let hex = bytes
                        .get(i + 2..i + 4)
                        .and_then(|h| std::str::from_utf8(h).ok());
                    if let Some(byte) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                        if skip_chars > 0 {
                            skip_chars -= 1;
                        } else if sink.is_some() {
                            pending.push(byte);
                        }
                    }
                    i += 4;
                    continue;
                }
                if !next.is_ascii_alphabetic() {
                    // A control symbol.
                    i += 2;
                    let symbol = match next {
                        b'\\' | b'{' | b'}' => Some(char::from(next)),
                        b'~' => Some('\u{a0}'),
                        b'_' => Some('-'),
                        b'*' => {
                            starred = true;
                            None
                        }
                        b'\n' | b'\r' => Some('\n'),
                        _ => None,
                    };
                    if let (Some(c), Some(out)) = (symbol, sink) {
                        flush(&mut pending, out, codepage);
                        if skip_chars > 0 {
                            skip_chars -= 1;
                        } else {
                            out.push(c);
                        }
                    }
                    continue;
                }
                // A control word: letters, an optional signed number, and
                // one space that belongs to it.
                let start = i + 1;
                let mut j = start;
                while j < n && bytes[j].is_ascii_alphabetic() && j - start < 32 {
                    j += 1;
                }
                let word = std::str::from_utf8(&bytes[start..j]).unwrap_or("");
                let num_start = j;
                if j < n && bytes[j] == b'-' {
                    j += 1;
                }
                while j < n && bytes[j].is_ascii_digit() && j - num_start < 10 {
                    j += 1;
                }
                let param: Option<i64> = std::str::from_utf8(&bytes[num_start..j])
                    .ok()
                    .and_then(|p| p.parse().ok());
                if j < n && bytes[j] == b' ' {
                    j += 1;
                }
                i = j;
                let group = stack.last_mut();
                let Some(group) = group else { continue };
                if starred || SKIPPED.contains(&word) {
                    starred = false;
                    if word == "info" {
                        // Its own fields are read; the rest of it is not text.
                        group.skip = true;
                    } else {
                        group.skip = true;
                        group.field = None;
                    }
                    continue;
                }
                match word {
                    "title" if group.skip => group.field = Some(Field::Title),
                    "author" if group.skip => group.field = Some(Field::Author),
                    "creatim" => group.field = Some(Field::Created),
                    "yr" | "mo" | "dy" | "hr" | "min" if group.field == Some(Field::Created) => {
                        let k = ["yr", "mo", "dy", "hr", "min"]
                            .iter()
                            .position(|w| *w == word)
                            .unwrap_or(0);
                        created[k] = param;
                    }
                    "ansicpg" => {
                        if let Some(cp) = param
                            .and_then(|p| u16::try_from(p).ok())
                            .and_then(codepage_encoding)
                        {
                            codepage = cp;
                        }
                    }
                    "uc" => group.uc = param.and_then(|p| usize::try_from(p).ok()).unwrap_or(1),
                    "u" => {
                        if let (Some(p), Some(out)) = (param, sink) {
                            flush(&mut pending, out, codepage);
                            let code = if p < 0 { p + 65_536 } else { p };
                            if let Some(c) = u32::try_from(code).ok().and_then(char::from_u32) {
                                out.push(c);
                            }
                            skip_chars = top.uc;
                        }
                    }
                    "par" | "line" | "sect" | "page" | "row" => {
                        if let Some(out) = sink {
                            flush(&mut pending, out, codepage);
                            out.push('\n');
                        }
                    }
                    "tab" | "cell" => {
                        if let Some(out) = sink {
                            flush(&mut pending, out, codepage);
                            out.push(if word == "tab" { '\t' } else { ' ' });
                        }
                    }
                    "emdash" | "endash" | "lquote" | "rquote" | "ldblquote" | "rdblquote"
                    | "bullet" => {
                        if let Some(out) = sink {
                            flush(&mut pending, out, codepage);
                            out.push(match word {
                                "emdash" => '—',
                                "endash" => '–',
                                "lquote" => '‘',
                                "rquote" => '’',
                                "ldblquote" => '“',
                                "rdblquote" => '”',
                                _ => '•',
                            });
                        }
                    }
                    _ => {}
                }
            }
            b'\r' | b'\n' => i += 1,
            _ => {
                // Plain text up to the next special byte.
                let start = i;
                while i < n && !matches!(bytes[i], b'{' | b'}' | b'\\' | b'\r' | b'\n') {
                    i += 1;
                }
                let mut chunk = &bytes[start..i];
                while skip_chars > 0 && !chunk.is_empty() {
                    chunk = &chunk[1..];
                    skip_chars -= 1;
                }
                if let Some(out) = sink
                    && !chunk.is_empty()
                {
                    pending.extend_from_slice(chunk);
                    flush(&mut pending, out, codepage);
                }
            }
        }
    }
    flush(&mut pending, &mut text, codepage);
    let title = title.trim();
    if !title.is_empty() {
        meta.title = Some(title.to_owned());
    }
    let author = author.trim();
    if !author.is_empty() {
        meta.author = Some(author.to_owned());
    }
    if let [Some(y), Some(m), Some(d), h, min] = created {
        let date = Date::new(
            i32::try_from(y).unwrap_or(0),
            u8::try_from(m).unwrap_or(0),
            u8::try_from(d).unwrap_or(0),
        );
        meta.date = date
            .map(|date| match (h, min) {
                (Some(h), Some(mi)) if (0..24).contains(&h) && (0..60).contains(&mi) => {
                    date.with_time(h as u8, mi as u8)
                }
                _ => date,
            })
            .map(|d| (d, DateSource::Metadata));
    }
    (tidy(&text), meta)
}

/// A Windows code page's encoding.
fn codepage_encoding(cp: u16) -> Option<&'static encoding_rs::Encoding> {
    let label = match cp {
        65001 => "utf-8".to_owned(),
        932 => "shift_jis".to_owned(),
        936 => "gbk".to_owned(),
        949 => "euc-kr".to_owned(),
        950 => "big5".to_owned(),
        cp => format!("windows-{cp}"),
    };
    encoding_rs::Encoding::for_label(label.as_bytes())
}

/// Lines trimmed, runs of blank lines cut to one, and a blank line between
/// lines (each RTF paragraph is a paragraph).
fn tidy(text: &str) -> String {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    lines.join("\n\n") + "\n"
}

/// The documents of a file: split at "End of Document" lines (Nexis).
fn split_documents(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        if line.trim().eq_ignore_ascii_case("end of document") {
            if current.trim().chars().any(char::is_alphanumeric) {
                out.push(std::mem::take(&mut current));
            }
            current.clear();
            continue;
        }
        current.push_str(line);
        current.push('\n');
    }
    if current.trim().chars().any(char::is_alphanumeric) {
        out.push(current);
    }
    out
}

/// A Nexis document: a head, a "Body" line, the body, and a tail of
/// "Classification", "Load-Date" and similar lines. `None` when the
/// document has no "Body" line.
fn nexis(doc: &str) -> Option<Extracted> {
    let lines: Vec<&str> = doc
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let body_at = lines.iter().position(|l| *l == "Body")?;
    let head = &lines[..body_at];
    let tail_at = lines[body_at + 1..]
        .iter()
        .position(|l| {
            [
                "Classification",
                "Load-Date:",
                "Graphic",
                "Notes",
                "Language:",
            ]
            .iter()
            .any(|t| l.starts_with(t))
        })
        .map_or(lines.len(), |p| body_at + 1 + p);
    let body = &lines[body_at + 1..tail_at];
    let field = |name: &str| {
        head.iter()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    let title = head.first().map(|t| (*t).to_owned());
    // The outlet is the line after the headline, unless it is a field.
    let outlet = head
        .get(1)
        .filter(|l| !l.contains(':') && date::from_text_head([**l]).is_none())
        .map(|l| (*l).to_owned());
    let dated = head
        .iter()
        .find_map(|l| date::from_text_head([*l]))
        .or_else(|| {
            lines[tail_at..].iter().find_map(|l| {
                l.strip_prefix("Load-Date:")
                    .and_then(|d| Date::parse(d.trim()))
            })
        });
    let mut text = String::new();
    if let Some(t) = &title {
        text.push_str(t);
        text.push_str("\n\n");
    }
    text.push_str(&body.join("\n\n"));
    text.push('\n');
    Some(Extracted {
        text,
        meta: Metadata {
            title,
            date: dated.map(|d| (d, DateSource::Metadata)),
            outlet,
            author: field("Byline:"),
            url: None,
        },
        item: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_escapes_unicode_and_skipped_destinations() {
        let doc = br"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Times New Roman;}}{\colortbl;\red0\green0\blue0;}{\info{\title Talks in Gen\'e8ve}{\author Jane Roe}{\creatim\yr2019\mo1\dy4\hr12\min30}}{\*\generator Word;}
\pard Negotiators met in Gen\'e8ve on Sunday.\par
Officials said \u8220?progress\u8221? was made{\*\fldinst HYPERLINK x}{\fldrslt  here}.\par
{\header Page header}\page Kyiv \endash  Moscow\par}";
        let articles = rtf(doc).unwrap();
        assert_eq!(articles.len(), 1);
        let a = &articles[0];
        assert_eq!(
            a.text,
            "Negotiators met in Genève on Sunday.\n\nOfficials said “progress” was made here.\n\nKyiv – Moscow\n"
        );
        assert_eq!(a.meta.title.as_deref(), Some("Talks in Genève"));
        assert_eq!(a.meta.author.as_deref(), Some("Jane Roe"));
        assert_eq!(a.meta.date.unwrap().0.to_iso(), "2019-01-04T12:30");
    }

    #[test]
    fn a_nexis_export_splits_into_its_documents() {
        let doc = br"{\rtf1\ansi
Talks resume in Geneva\par The Daily Ledger\par January 4, 2019 Friday\par Copyright 2019 Ledger Ltd\par Length: 320 words\par Byline: Jane Roe\par Body\par Negotiators met in Geneva on Friday.\par Officials said progress was made.\par Classification\par Language: ENGLISH\par Load-Date: January 5, 2019\par End of Document\par
Markets steady\par The Evening Post\par January 7, 2019 Monday\par Body\par Shares in Frankfurt rose.\par Load-Date: January 8, 2019\par End of Document\par}";
        let articles = rtf(doc).unwrap();
        assert_eq!(articles.len(), 2);
        let a = &articles[0];
        assert_eq!(a.meta.title.as_deref(), Some("Talks resume in Geneva"));
        assert_eq!(a.meta.outlet.as_deref(), Some("The Daily Ledger"));
        assert_eq!(a.meta.author.as_deref(), Some("Jane Roe"));
        assert_eq!(a.meta.date.unwrap().0.to_iso(), "2019-01-04");
        assert_eq!(
            a.text,
            "Talks resume in Geneva\n\nNegotiators met in Geneva on Friday.\n\nOfficials said progress was made.\n"
        );
        assert_eq!(a.item, Some(0));
        assert_eq!(articles[1].meta.outlet.as_deref(), Some("The Evening Post"));
        assert_eq!(articles[1].item, Some(1));
    }

    #[test]
    fn hostile_input_is_bounded() {
        assert!(rtf(b"plain text").is_err());
        assert!(rtf(b"{\\rtf1 }").is_err());
        let deep: Vec<u8> = b"{\\rtf1 "
            .iter()
            .copied()
            .chain(std::iter::repeat_n(b'{', 100_000))
            .chain(b"Deep text".iter().copied())
            .collect();
        // Too deep to be text: skipped, and no stack overflow.
        assert!(rtf(&deep).is_err());
        let truncated = b"{\\rtf1\\ansi Kyiv and Moscow\\'e";
        assert!(rtf(truncated).unwrap()[0].text.contains("Kyiv and Moscow"));
    }
}
