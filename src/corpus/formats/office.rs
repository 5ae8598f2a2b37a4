//! Word (DOCX) and OpenDocument (ODT) files → text and metadata.
//!
//! Both are zip archives of XML: the paragraphs (`w:p`, `text:p`/`text:h`)
//! become blocks, headings and a "Title" style are kept as such, and the
//! core properties give title, author and date. The archive is read with
//! bounds: entry count, the uncompressed size of the entries read, and
//! their compression ratio.

use super::xml::{self, Step};
use super::{Extracted, Metadata};
use crate::corpus::date::{Date, DateSource};

/// Archives with more entries than this are refused.
const MAX_ENTRIES: usize = 20_000;
/// An entry read may expand to at most this many bytes (and at most
/// [`super::archive::MAX_RATIO`] times its compressed size).
const MAX_ENTRY_SIZE: u64 = 64 * 1024 * 1024;

type Archive<'a> = zip::ZipArchive<std::io::Cursor<&'a [u8]>>;

fn open(bytes: &[u8]) -> Result<Archive<'_>, String> {
    let archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("not a readable zip archive ({e})"))?;
    if archive.len() > MAX_ENTRIES {
        return Err(format!(
            "the archive has {} entries; at most {MAX_ENTRIES} are read",
            archive.len()
        ));
    }
    Ok(archive)
}

/// One entry as text, bounded; `Ok(None)` when it is missing.
fn entry(archive: &mut Archive<'_>, name: &str) -> Result<Option<String>, String> {
    let mut file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("{name} cannot be read ({e})")),
    };
    let bytes = super::archive::read_entry(&mut file, MAX_ENTRY_SIZE).map_err(|e| match e {
        super::archive::EntryError::Encrypted => "the document is encrypted".to_owned(),
        other => format!("{name} {other}"),
    })?;
    Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
}

/// Title, author and date from Dublin Core properties (`docProps/core.xml`
/// of DOCX, `meta.xml` of ODT).
fn properties(xml_text: &str) -> Metadata {
    let mut meta = Metadata::default();
    let mut current: Option<String> = None;
    let mut created = None;
    let mut dated = None;
    let _ = xml::walk(xml_text, |step| match step {
        Step::Start { name, .. } => current = Some(name.to_owned()),
        Step::End { .. } => current = None,
        Step::Text(text) => {
            let text = text.trim();
            if text.is_empty() {
                return;
            }
            match current.as_deref() {
                Some("title") => meta.title = Some(text.to_owned()),
                Some("creator" | "initial-creator") if meta.author.is_none() => {
                    meta.author = Some(text.to_owned());
                }
                Some("created" | "creation-date") => created = Date::parse(text),
                Some("date") => dated = Date::parse(text),
                _ => {}
            }
        }
    });
    meta.date = created.or(dated).map(|d| (d, DateSource::Metadata));
    meta
}

/// Paragraph texts of a body, with a flag for headings (and the title).
/// `text_in_runs`: text counts only inside `t` elements (DOCX `w:t`); in
/// ODT it sits directly in the paragraph and its spans.
fn paragraphs(
    body: &str,
    paragraph: &[&str],
    heading: &[&str],
    text_in_runs: bool,
) -> Result<Vec<(String, bool)>, String> {
    let mut out: Vec<(String, bool)> = Vec::new();
    let mut current = String::new();
    let mut depth = 0usize;
    let mut is_heading = false;
    let mut in_text = false;
    xml::walk(body, |step| match step {
        Step::Start {
            name,
            element,
            empty,
        } => {
            if paragraph.contains(&name) || heading.contains(&name) {
                if !empty {
                    depth += 1;
                }
                is_heading |= heading.contains(&name);
            } else if name == "pStyle" {
                let style = xml::attr(element, "val")
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                is_heading |=
                    style.starts_with("heading") || style == "title" || style == "subtitle";
            } else if matches!(name, "tab") {
                current.push('\t');
            } else if matches!(name, "br" | "cr" | "line-break") {
                current.push(' ');
            } else if name == "s" && depth > 0 {
                // ODT: text:s is one or more spaces.
                let n: usize = xml::attr(element, "c")
                    .and_then(|c| c.parse().ok())
                    .unwrap_or(1);
                current.extend(std::iter::repeat_n(' ', n.min(64)));
            } else if name == "t" {
                in_text = true;
            }
        }
        Step::End { name } => {
            if name == "t" {
                in_text = false;
            }
            if paragraph.contains(&name) || heading.contains(&name) {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    let text = current.split_whitespace().collect::<Vec<_>>().join(" ");
                    if !text.is_empty() {
                        out.push((text, is_heading));
                    }
                    current.clear();
                    is_heading = false;
                }
            }
        }
        Step::Text(text) => {
            // DOCX keeps text only in w:t; ODT directly in text:p.
            if depth > 0 && (in_text || !text_in_runs) {
                current.push_str(&text);
            }
        }
    })?;
    Ok(out)
}

fn compose(blocks: Vec<(String, bool)>, mut meta: Metadata) -> Extracted {
    let mut text = String::new();
    let mut blocks = blocks.into_iter().peekable();
    // The document's first heading is its headline when no title is set.
    if meta.title.is_none() && blocks.peek().is_some_and(|(_, heading)| *heading) {
        meta.title = blocks.peek().map(|(t, _)| t.clone());
    }
    if let Some(title) = &meta.title {
        text.push_str(title);
        text.push_str("\n\n");
        if blocks.peek().is_some_and(|(t, _)| t == title) {
            blocks.next();
        }
    }
    for (block, _) in blocks {
        text.push_str(&block);
        text.push_str("\n\n");
    }
    Extracted {
        text,
        meta,
        item: None,
    }
}

/// A Word document.
///
/// # Errors
/// A message when the file is not a readable DOCX.
pub fn docx(bytes: &[u8]) -> Result<Extracted, String> {
    let mut archive = open(bytes)?;
    let body = entry(&mut archive, "word/document.xml")?
        .ok_or("no word/document.xml: not a Word document")?;
    let meta = entry(&mut archive, "docProps/core.xml")?
        .map(|core| properties(&core))
        .unwrap_or_default();
    // w:p paragraphs; text sits in w:t runs.
    let blocks = paragraphs_docx(&body)?;
    Ok(compose(blocks, meta))
}

fn paragraphs_docx(body: &str) -> Result<Vec<(String, bool)>, String> {
    paragraphs(body, &["p"], &[], true)
}

/// An OpenDocument text.
///
/// # Errors
/// A message when the file is not a readable ODT.
pub fn odt(bytes: &[u8]) -> Result<Extracted, String> {
    let mut archive = open(bytes)?;
    let body =
        entry(&mut archive, "content.xml")?.ok_or("no content.xml: not an OpenDocument file")?;
    let meta = entry(&mut archive, "meta.xml")?
        .map(|m| properties(&m))
        .unwrap_or_default();
    let blocks = paragraphs(&body, &["p", "h"], &["h"], false)?;
    Ok(compose(blocks, meta))
}
