//! E-mails (`.eml`, RFC 5322 with MIME) → one article: the subject is the
//! headline, the `Date` header the date, the sender the outlet; the first
//! plain-text part is the text (an HTML part goes through the HTML path
//! when there is no plain one); attachments are ignored with a note.
//! Mailboxes (`.mbox`, as Thunderbird and Gmail's Takeout export them) are
//! split at their `From ` lines into messages, one article each.

use super::{Extracted, Metadata, html};
use crate::corpus::date::{Date, DateSource};

/// MIME parts nested deeper than this are not read.
const MAX_DEPTH: usize = 6;

struct Part {
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Part {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// `text/plain; charset=utf-8` → ("text/plain", params).
    fn content_type(&self) -> (String, Vec<(String, String)>) {
        let value = self.header("content-type").unwrap_or("text/plain");
        let mut pieces = value.split(';');
        let kind = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
        let params = pieces
            .filter_map(|p| {
                let (k, v) = p.split_once('=')?;
                Some((
                    k.trim().to_ascii_lowercase(),
                    v.trim().trim_matches('"').to_owned(),
                ))
            })
            .collect();
        (kind, params)
    }

    fn is_attachment(&self) -> bool {
        let disposition = self
            .header("content-disposition")
            .unwrap_or("")
            .to_ascii_lowercase();
        disposition.starts_with("attachment")
            || (disposition.contains("filename") && !disposition.starts_with("inline"))
    }

    /// The body with its transfer encoding undone.
    fn decoded_body(&self) -> Vec<u8> {
        match self
            .header("content-transfer-encoding")
            .map(|e| e.trim().to_ascii_lowercase())
            .as_deref()
        {
            Some("base64") => base64(&self.body),
            Some("quoted-printable") => quoted_printable(&self.body),
            _ => self.body.clone(),
        }
    }

    /// The body as text, decoded from its charset.
    fn text(&self) -> String {
        let (_, params) = self.content_type();
        let charset = params
            .iter()
            .find(|(k, _)| k == "charset")
            .map_or("utf-8", |(_, v)| v.as_str());
        decode_charset(&self.decoded_body(), charset)
    }
}

fn decode_charset(bytes: &[u8], charset: &str) -> String {
    let encoding =
        encoding_rs::Encoding::for_label(charset.as_bytes()).unwrap_or(encoding_rs::UTF_8);
    encoding.decode(bytes).0.into_owned()
}

/// Splits headers from the body and unfolds continued header lines.
fn parse_part(bytes: &[u8]) -> Part {
    let (head, body) = find_blank_line(bytes).map_or((bytes, &[][..]), |(end, start)| {
        (&bytes[..end], &bytes[start..])
    });
    let head = String::from_utf8_lossy(head);
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in head.lines() {
        if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = headers.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_owned(), value.trim().to_owned()));
        }
    }
    Part {
        headers,
        body: body.to_vec(),
    }
}

/// Where the header block ends and the body starts.
fn find_blank_line(bytes: &[u8]) -> Option<(usize, usize)> {
    let crlf = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| (i, i + 4));
    let lf = bytes
        .windows(2)
        .position(|w| w == b"\n\n")
        .map(|i| (i, i + 2));
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(if a.0 < b.0 { a } else { b }),
        (a, b) => a.or(b),
    }
}

/// The leaf parts of a message, attachments counted apart.
fn leaves(part: Part, depth: usize, out: &mut Vec<Part>, attachments: &mut usize) {
    let (kind, params) = part.content_type();
    if kind.starts_with("multipart/") && depth < MAX_DEPTH {
        let Some(boundary) = params
            .iter()
            .find(|(k, _)| k == "boundary")
            .map(|(_, v)| v.clone())
        else {
            return;
        };
        let marker = format!("--{boundary}");
        let body = String::from_utf8_lossy(&part.body).into_owned();
        let mut sections = body.split(&marker);
        sections.next(); // the preamble
        for section in sections {
            if section.starts_with("--") {
                break; // the closing marker
            }
            let section = section.trim_start_matches(['\r', '\n']);
            leaves(parse_part(section.as_bytes()), depth + 1, out, attachments);
        }
    } else if part.is_attachment() || !(kind.is_empty() || kind.starts_with("text/")) {
        *attachments += 1;
    } else {
        out.push(part);
    }
}

/// Decodes RFC 2047 encoded words: `=?utf-8?B?...?=`, `=?iso-8859-1?Q?...?=`.
fn decode_words(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    let mut last_was_word = false;
    while let Some(start) = rest.find("=?") {
        let before = &rest[..start];
        if !(last_was_word && before.trim().is_empty()) {
            out.push_str(before);
        }
        let tail = &rest[start + 2..];
        let mut fields = tail.splitn(3, '?');
        let (Some(charset), Some(encoding), Some(after)) =
            (fields.next(), fields.next(), fields.next())
        else {
            out.push_str(&rest[start..]);
            return out;
        };
        let Some(end) = after.find("?=") else {
            out.push_str(&rest[start..]);
            return out;
        };
        let payload = &after[..end];
        let bytes = match encoding {
            "B" | "b" => base64(payload.as_bytes()),
            _ => quoted_printable(payload.replace('_', " ").as_bytes()),
        };
        out.push_str(&decode_charset(&bytes, charset));
        last_was_word = true;
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

fn base64(input: &[u8]) -> Vec<u8> {
    let value = |c: u8| -> Option<u32> {
        Some(u32::from(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        }))
    };
    let mut out = Vec::with_capacity(input.len() * 3 / 4);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &c in input {
        let Some(v) = value(c) else { continue };
        buffer = (buffer << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(u8::try_from((buffer >> bits) & 0xFF).unwrap_or(0));
        }
    }
    out
}

fn quoted_printable(input: &[u8]) -> Vec<u8> {
    let hex = |c: u8| (c as char).to_digit(16);
    let mut out = Vec::with_capacity(input.len());
    let mut i = 0;
    while i < input.len() {
        if input[i] == b'=' {
            match (input.get(i + 1), input.get(i + 2)) {
                (Some(b'\r'), Some(b'\n')) => i += 3,
                (Some(b'\n'), _) => i += 2,
                (Some(&a), Some(&b)) if hex(a).is_some() && hex(b).is_some() => {
                    out.push(
                        u8::try_from(hex(a).unwrap_or(0) * 16 + hex(b).unwrap_or(0)).unwrap_or(0),
                    );
                    i += 3;
                }
                _ => {
                    out.push(b'=');
                    i += 1;
                }
            }
        } else {
            out.push(input[i]);
            i += 1;
        }
    }
    out
}

/// "The Daily Ledger <news@ledger.example>" → "The Daily Ledger".
fn sender_name(from: &str) -> String {
    let from = decode_words(from);
    match from.split_once('<') {
        Some((name, address)) if !name.trim().is_empty() => {
            let _ = address;
            name.trim().trim_matches('"').to_owned()
        }
        Some((_, address)) => address.trim_end_matches('>').trim().to_owned(),
        None => from.trim().to_owned(),
    }
}

/// An e-mail, with a note when attachments were ignored.
///
/// # Errors
/// A message when the file has no headers of a message.
pub fn eml(bytes: &[u8]) -> Result<(Extracted, Option<String>), String> {
    let message = parse_part(bytes);
    if message.header("from").is_none() && message.header("subject").is_none() {
        return Err("no From or Subject header: not an e-mail message".into());
    }
    let title = message
        .header("subject")
        .map(decode_words)
        .filter(|s| !s.trim().is_empty());
    let date = message.header("date").and_then(Date::parse);
    let outlet = message.header("from").map(sender_name);
    let mut parts = Vec::new();
    let mut attachments = 0;
    leaves(message, 0, &mut parts, &mut attachments);
    let plain = parts
        .iter()
        .find(|p| matches!(p.content_type().0.as_str(), "text/plain" | ""));
    let body = match plain {
        Some(part) => part.text(),
        None => parts
            .iter()
            .find(|p| p.content_type().0 == "text/html")
            .map(|p| html::fragment_text(&p.text()))
            .unwrap_or_default(),
    };
    let mut text = String::new();
    if let Some(title) = &title {
        text.push_str(title);
        text.push_str("\n\n");
    }
    text.push_str(&body);
    let note = (attachments > 0).then(|| format!("{attachments} attachment(s) ignored"));
    Ok((
        Extracted {
            text,
            meta: Metadata {
                title,
                date: date.map(|d| (d, DateSource::Metadata)),
                outlet,
                author: None,
                url: None,
            },
            item: None,
        },
        note,
    ))
}

/// At most this many messages of one mailbox are read.
const MAX_MESSAGES: usize = 100_000;

/// The messages of an mbox file, each an article with its position; a
/// message that is no e-mail (no headers) is counted in the note, not
/// fatal, and so are ignored attachments.
///
/// # Errors
/// When no message of the file can be read.
pub fn mbox(bytes: &[u8]) -> Result<(Vec<Extracted>, Option<String>), String> {
    let mut out = Vec::new();
    let (mut broken, mut attachments) = (0usize, 0usize);
    let messages = split_mbox(bytes);
    let total = messages.len();
    for (i, message) in messages.into_iter().take(MAX_MESSAGES).enumerate() {
        match eml(&message) {
            Ok((mut article, note)) => {
                article.item = u32::try_from(i).ok();
                attachments += usize::from(note.is_some());
                out.push(article);
            }
            Err(_) => broken += 1,
        }
    }
    if out.is_empty() {
        return Err(if total == 0 {
            "no message found (an mbox starts each message with a \"From \" line)".into()
        } else {
            format!("none of its {total} messages could be read")
        });
    }
    let mut notes = Vec::new();
    if broken > 0 {
        notes.push(format!("{broken} message(s) without headers skipped"));
    }
    if attachments > 0 {
        notes.push(format!("attachments ignored in {attachments} message(s)"));
    }
    if total > MAX_MESSAGES {
        notes.push(format!(
            "only the first {MAX_MESSAGES} of {total} messages read"
        ));
    }
    Ok((out, (!notes.is_empty()).then(|| notes.join("; "))))
}

/// An mbox split into messages: each starts at a line beginning with
/// `From ` (at the start of the file or after a blank line), which is not
/// part of it; `>From ` lines inside are unquoted.
fn split_mbox(bytes: &[u8]) -> Vec<Vec<u8>> {
    let mut messages: Vec<Vec<u8>> = Vec::new();
    let mut current: Option<Vec<u8>> = None;
    let mut previous_blank = true;
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        let bare = line.strip_suffix(b"\n").unwrap_or(line);
        let bare = bare.strip_suffix(b"\r").unwrap_or(bare);
        if previous_blank && bare.starts_with(b"From ") {
            if let Some(done) = current.take() {
                messages.push(done);
            }
            current = Some(Vec::new());
            previous_blank = false;
            continue;
        }
        previous_blank = bare.is_empty();
        if let Some(message) = &mut current {
            let unquoted = line.strip_prefix(b">").filter(|rest| {
                let quotes = rest.iter().take_while(|&&b| b == b'>').count();
                rest[quotes..].starts_with(b"From ")
            });
            message.extend_from_slice(unquoted.unwrap_or(line));
        }
    }
    messages.extend(current);
    messages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mailbox_splits_into_its_messages() {
        let mbox_text = b"From news@ledger.example Sun Nov 30 09:15:00 2025\nFrom: The Daily Ledger <news@ledger.example>\nSubject: Talks in Geneva\nDate: Sun, 30 Nov 2025 09:15:00 +0000\n\nNegotiators met in Geneva.\n>From the start, officials said, the talks were hard.\n\nFrom news@ledger.example Mon Dec  1 09:15:00 2025\nFrom: The Daily Ledger <news@ledger.example>\nSubject: Talks in Vienna\nDate: Mon, 1 Dec 2025 09:15:00 +0000\n\nThe talks moved to Vienna.\n\nFrom broken Tue Dec  2 00:00:00 2025\nno headers here at all\n";
        let (articles, note) = mbox(mbox_text).unwrap();
        assert_eq!(articles.len(), 2);
        assert_eq!(articles[0].meta.title.as_deref(), Some("Talks in Geneva"));
        assert!(
            articles[0].text.contains("\nFrom the start"),
            "{}",
            articles[0].text
        );
        assert_eq!(
            articles[1].meta.date.unwrap().0.to_iso(),
            "2025-12-01T09:15"
        );
        assert_eq!(articles[1].item, Some(1));
        assert_eq!(
            note.as_deref(),
            Some("1 message(s) without headers skipped")
        );
        assert!(mbox(b"just text\n").is_err());
    }

    #[test]
    fn a_multipart_newsletter_gives_its_text_and_headers() {
        let message = b"From: \"The Daily Ledger\" <news@ledger.example>\r\nSubject: =?utf-8?B?VGFsa3MgaW4gR2VuZXZh?=\r\nDate: Sun, 30 Nov 2025 09:15:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"XX\"\r\n\r\npreamble\r\n--XX\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nNegotiators met in Gen=E8ve on Sunday, officials said.\r\n--XX\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=a.pdf\r\n\r\nJVBERi0=\r\n--XX--\r\n";
        let (doc, note) = eml(message).unwrap();
        assert_eq!(doc.meta.title.as_deref(), Some("Talks in Geneva"));
        assert_eq!(doc.meta.outlet.as_deref(), Some("The Daily Ledger"));
        assert_eq!(doc.meta.date.unwrap().0.to_iso(), "2025-11-30T09:15");
        assert!(doc.text.contains("Genève on Sunday"), "{}", doc.text);
        assert_eq!(note.as_deref(), Some("1 attachment(s) ignored"));
    }

    #[test]
    fn an_html_only_message_goes_through_the_html_path() {
        let message = b"From: a@b.example\nSubject: Hi\nContent-Type: text/html\n\n<p>Voters went to the polls.</p><p>Turnout was high.</p>";
        let (doc, _) = eml(message).unwrap();
        assert!(
            doc.text
                .contains("Voters went to the polls.\n\nTurnout was high."),
            "{}",
            doc.text
        );
    }

    #[test]
    fn text_without_headers_is_not_a_message() {
        assert!(eml(b"Just some words.\n").is_err());
    }
}
