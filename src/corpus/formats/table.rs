//! Tables of articles (CSV, TSV, JSON Lines, a JSON array of objects), as
//! news databases export them (Media Cloud, GDELT, Nexis, Factiva
//! spreadsheets): one article per row. The text column is found by name
//! (`text`, `body`, `content`, `article`, `full_text`…), and title, date,
//! URL, source and author columns likewise. A table without a text column
//! is refused with the columns it has.

use super::{Extracted, Metadata};
use crate::corpus::date::{Date, DateSource};

/// Rows whose text is longer than this are skipped.
pub const MAX_ROW_TEXT: usize = 2 * 1024 * 1024;

const TEXT: &[&str] = &[
    "text",
    "body",
    "content",
    "article",
    "full_text",
    "fulltext",
    "article_text",
    "articletext",
    "story",
    "maintext",
    "main_text",
    "body_text",
    "bodytext",
    "text_body",
    "document",
];
const FALLBACK_TEXT: &[&str] = &["description", "summary", "abstract", "snippet", "lead"];
const TITLE: &[&str] = &["title", "headline", "heading", "head", "article_title"];
const DATE: &[&str] = &[
    "date",
    "published",
    "publish_date",
    "published_at",
    "publication_date",
    "pubdate",
    "date_published",
    "datetime",
    "publish_date_time",
    "seendate",
    "created_at",
    "timestamp",
    "time",
    "day",
];
const URL: &[&str] = &[
    "url",
    "link",
    "permalink",
    "source_url",
    "article_url",
    "uri",
];
const SOURCE: &[&str] = &[
    "source",
    "outlet",
    "publisher",
    "publication",
    "media",
    "media_name",
    "medium",
    "site",
    "domain",
    "sourcecountry_name",
    "newspaper",
    "source_name",
];
const AUTHOR: &[&str] = &["author", "authors", "byline", "creator", "writer"];

/// Column positions found by name.
struct Columns {
    text: usize,
    title: Option<usize>,
    date: Option<usize>,
    url: Option<usize>,
    source: Option<usize>,
    author: Option<usize>,
}

fn normalize(name: &str) -> String {
    name.trim()
        .trim_start_matches('\u{feff}')
        .to_ascii_lowercase()
        .replace([' ', '-', '.'], "_")
}

fn find(names: &[String], wanted: &[&str]) -> Option<usize> {
    wanted
        .iter()
        .find_map(|w| names.iter().position(|n| n == w))
}

fn columns(names: &[String]) -> Result<Columns, String> {
    let text = find(names, TEXT).or_else(|| find(names, FALLBACK_TEXT)).ok_or_else(|| {
        format!(
            "no text column (looked for text, body, content, article, full_text…); its columns are: {}",
            names.join(", ")
        )
    })?;
    Ok(Columns {
        text,
        title: find(names, TITLE),
        date: find(names, DATE),
        url: find(names, URL),
        source: find(names, SOURCE),
        author: find(names, AUTHOR),
    })
}

/// A row as an article; `None` when its text is empty.
fn row(cells: &[String], columns: &Columns, item: usize, skipped: &mut usize) -> Option<Extracted> {
    let cell = |i: Option<usize>| {
        i.and_then(|i| cells.get(i))
            .map(|c| c.trim().to_owned())
            .filter(|c| !c.is_empty())
    };
    let body = cell(Some(columns.text))?;
    if body.len() > MAX_ROW_TEXT {
        *skipped += 1;
        return None;
    }
    let title = cell(columns.title).map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "));
    let mut text = String::new();
    if let Some(title) = &title {
        text.push_str(title);
        text.push_str("\n\n");
    }
    text.push_str(&body);
    text.push('\n');
    Some(Extracted {
        text,
        meta: Metadata {
            title,
            date: cell(columns.date)
                .as_deref()
                .and_then(Date::parse)
                .map(|d| (d, DateSource::Metadata)),
            outlet: cell(columns.source),
            author: cell(columns.author),
            url: cell(columns.url),
        },
        item: u32::try_from(item).ok(),
    })
}

/// A note on rows left out, if any.
fn skipped_note(skipped: usize) -> Option<String> {
    (skipped > 0).then(|| {
        format!(
            "{skipped} row(s) skipped: text over {} MiB or unreadable",
            MAX_ROW_TEXT >> 20
        )
    })
}

/// The rows of a CSV or TSV table.
///
/// # Errors
/// A message when there is no header row or no text column.
pub fn delimited(bytes: &[u8], tab: bool) -> Result<(Vec<Extracted>, Option<String>), String> {
    // A CSV written with semicolons (as spreadsheets in many locales do).
    let first_line = bytes.split(|&b| b == b'\n').next().unwrap_or(&[]);
    let count = |c: u8| first_line.iter().filter(|&&b| b == c).count();
    let delimiter = if tab {
        b'\t'
    } else if count(b';') > count(b',') {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(bytes);
    let names: Vec<String> = reader
        .byte_headers()
        .map_err(|e| format!("no header row ({e})"))?
        .iter()
        .map(|h| normalize(&String::from_utf8_lossy(h)))
        .collect();
    let columns = columns(&names)?;
    let mut out = Vec::new();
    let mut skipped = 0;
    for (i, record) in reader.byte_records().enumerate() {
        let Ok(record) = record else {
            skipped += 1;
            continue;
        };
        let cells: Vec<String> = record
            .iter()
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect();
        out.extend(row(&cells, &columns, i, &mut skipped));
    }
    Ok((out, skipped_note(skipped)))
}

fn json_cell(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        serde_json::Value::Array(items) => {
            items.iter().map(json_cell).collect::<Vec<_>>().join(", ")
        }
        serde_json::Value::Object(o) => o.get("name").map(json_cell).unwrap_or_default(),
        other => other.to_string(),
    }
}

fn json_rows(
    objects: &[serde_json::Map<String, serde_json::Value>],
) -> Result<(Vec<Extracted>, Option<String>), String> {
    // Columns are the keys of the first objects (exports are uniform).
    let mut names: Vec<String> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    for object in objects.iter().take(100) {
        for key in object.keys() {
            let name = normalize(key);
            if !names.contains(&name) {
                names.push(name);
                keys.push(key.clone());
            }
        }
    }
    let columns = columns(&names)?;
    let mut out = Vec::new();
    let mut skipped = 0;
    for (i, object) in objects.iter().enumerate() {
        let cells: Vec<String> = keys
            .iter()
            .map(|k| object.get(k).map(json_cell).unwrap_or_default())
            .collect();
        out.extend(row(&cells, &columns, i, &mut skipped));
    }
    Ok((out, skipped_note(skipped)))
}

/// The objects of a JSON Lines file.
///
/// # Errors
/// A message when no line holds an object with a text field.
pub fn json_lines(text: &str) -> Result<(Vec<Extracted>, Option<String>), String> {
    let mut objects = Vec::new();
    let mut broken = 0usize;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        match serde_json::from_str::<serde_json::Value>(line) {
            Ok(serde_json::Value::Object(object)) => objects.push(object),
            _ => broken += 1,
        }
    }
    if objects.is_empty() {
        return Err("no line is a JSON object".into());
    }
    let (rows, note) = json_rows(&objects)?;
    let note = match (note, broken) {
        (note, 0) => note,
        (Some(note), n) => Some(format!("{note}; {n} line(s) are not JSON objects")),
        (None, n) => Some(format!("{n} line(s) are not JSON objects and were skipped")),
    };
    Ok((rows, note))
}

/// A JSON array of objects, or an object holding one (`{"articles": […]}`).
///
/// # Errors
/// A message when the document holds no array of article objects.
pub fn json(text: &str) -> Result<(Vec<Extracted>, Option<String>), String> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("not valid JSON ({e})"))?;
    let array = match &value {
        serde_json::Value::Array(items) => Some(items),
        serde_json::Value::Object(object) => object.values().find_map(|v| match v {
            serde_json::Value::Array(items)
                if items.first().is_some_and(serde_json::Value::is_object) =>
            {
                Some(items)
            }
            _ => None,
        }),
        _ => None,
    }
    .ok_or("not a table of articles (no array of objects)")?;
    let objects: Vec<serde_json::Map<String, serde_json::Value>> = array
        .iter()
        .filter_map(|v| v.as_object().cloned())
        .collect();
    if objects.is_empty() {
        return Err("the array holds no objects".into());
    }
    json_rows(&objects)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_become_articles_with_their_columns() {
        let csv = "Title,Publish Date,URL,media_name,text\n\"Talks resume\",2025-11-30,https://x.example/1,Ledger,\"Negotiators met, officials said.\"\nEmpty,2025-11-30,,,\n";
        let (rows, note) = delimited(csv.as_bytes(), false).unwrap();
        assert_eq!(rows.len(), 1);
        assert!(note.is_none());
        let row = &rows[0];
        assert_eq!(row.meta.title.as_deref(), Some("Talks resume"));
        assert_eq!(row.meta.outlet.as_deref(), Some("Ledger"));
        assert_eq!(row.meta.date.unwrap().0.to_iso(), "2025-11-30");
        assert_eq!(row.item, Some(0));
        assert_eq!(
            row.text,
            "Talks resume\n\nNegotiators met, officials said.\n"
        );
    }

    #[test]
    fn a_table_without_a_text_column_names_its_columns() {
        let error = delimited(b"id;name;score\n1;a;2\n", false).err().unwrap();
        assert!(error.contains("id, name, score"), "{error}");
    }

    #[test]
    fn json_lines_and_arrays_are_read() {
        let (rows, note) =
            json_lines("{\"headline\":\"A\",\"body\":\"First text.\"}\nnot json\n{\"headline\":\"B\",\"body\":\"Second.\"}\n")
                .unwrap();
        assert_eq!(rows.len(), 2);
        assert!(note.unwrap().contains("1 line"));
        let (rows, _) = json(
            "{\"articles\":[{\"title\":\"A\",\"content\":\"Text.\",\"authors\":[\"X\",\"Y\"]}]}",
        )
        .unwrap();
        assert_eq!(rows[0].meta.author.as_deref(), Some("X, Y"));
    }
}
