//! File formats → article texts with metadata.
//!
//! Plain text and Markdown go straight to decoding; web pages, Word and
//! OpenDocument files, e-mails, feeds and tables are turned here into one
//! or more plain texts (headline, blank line, paragraphs separated by blank
//! lines) with what the file says of each article. Every later layer sees
//! only that text: offsets are byte offsets into it, so evidence
//! highlighting works the same for every format. A file that cannot be
//! read is an `Err` with the reason, never a panic.

pub mod archive;
pub mod feed;
pub mod html;
pub mod mail;
pub mod office;
pub mod pdf;
pub mod rtf;
pub mod table;
pub mod xml;

use serde::Serialize;

use super::date::{Date, DateSource};

/// What a file says about one article, besides its text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Metadata {
    pub title: Option<String>,
    /// The publication date and where it came from.
    pub date: Option<(Date, DateSource)>,
    /// The outlet: site name, feed title, sender, table column.
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
}

/// One article's text out of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extracted {
    pub text: String,
    pub meta: Metadata,
    /// The article's position in a file holding many (feed items, rows).
    pub item: Option<u32>,
}

/// The formats knowmap reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    Docx,
    Odt,
    Pdf,
    Rtf,
    Email,
    Mailbox,
    Feed,
    Csv,
    Tsv,
    JsonLines,
    Json,
}

/// Every file ending read, with its format.
pub const EXTENSIONS: &[(&str, Format)] = &[
    ("txt", Format::Text),
    ("text", Format::Text),
    ("md", Format::Text),
    ("markdown", Format::Text),
    ("html", Format::Html),
    ("htm", Format::Html),
    ("xhtml", Format::Html),
    ("docx", Format::Docx),
    ("odt", Format::Odt),
    ("pdf", Format::Pdf),
    ("rtf", Format::Rtf),
    ("eml", Format::Email),
    ("mbox", Format::Mailbox),
    ("rss", Format::Feed),
    ("atom", Format::Feed),
    ("xml", Format::Feed),
    ("csv", Format::Csv),
    ("tsv", Format::Tsv),
    ("jsonl", Format::JsonLines),
    ("ndjson", Format::JsonLines),
    ("json", Format::Json),
];

impl Format {
    /// The format of a path, by its ending.
    pub fn of(path: &str) -> Option<Self> {
        Self::of_extension(path.rsplit_once('.')?.1)
    }

    /// The format of a file ending (without the dot).
    pub fn of_extension(extension: &str) -> Option<Self> {
        EXTENSIONS
            .iter()
            .find(|(e, _)| e.eq_ignore_ascii_case(extension))
            .map(|(_, f)| *f)
    }

    /// Zip-based formats and PDF: binary by nature, never sniffed as text.
    pub fn is_binary(self) -> bool {
        matches!(self, Self::Docx | Self::Odt | Self::Pdf)
    }

    /// Mailboxes, feeds, tables and RTF (Nexis exports) hold many articles.
    pub fn holds_many(self) -> bool {
        matches!(
            self,
            Self::Rtf
                | Self::Mailbox
                | Self::Feed
                | Self::Csv
                | Self::Tsv
                | Self::JsonLines
                | Self::Json
        )
    }
}

/// Articles out of a file that is not plain text, with a note for the
/// warning list (attachments ignored, rows skipped). `text` is the file
/// decoded to text, for the text-based formats.
///
/// # Errors
/// The reason the file cannot be read.
pub fn extract(
    format: Format,
    bytes: &[u8],
    text: impl FnOnce() -> String,
) -> Result<(Vec<Extracted>, Option<String>), String> {
    match format {
        Format::Text => Ok((
            vec![Extracted {
                text: text(),
                meta: Metadata::default(),
                item: None,
            }],
            None,
        )),
        Format::Html => Ok((vec![html::extract(&text())], None)),
        Format::Docx => office::docx(bytes).map(|e| (vec![e], None)),
        Format::Odt => office::odt(bytes).map(|e| (vec![e], None)),
        Format::Pdf => pdf::pdf(bytes).map(|e| (vec![e], None)),
        Format::Rtf => rtf::rtf(bytes).map(|a| (a, None)),
        Format::Email => mail::eml(bytes).map(|(e, note)| (vec![e], note)),
        Format::Mailbox => mail::mbox(bytes),
        Format::Feed => feed::items(&text()).map(|items| (items, None)),
        Format::Csv => table::delimited(bytes, false),
        Format::Tsv => table::delimited(bytes, true),
        Format::JsonLines => table::json_lines(&text()),
        Format::Json => table::json(&text()),
    }
}
