//! A small, safe walk over XML for the formats built on it (DOCX, ODT,
//! feeds): element starts and ends by local name, and text with character
//! and the five predefined entity references resolved. Entities declared
//! in a DOCTYPE are never expanded (so "billion laughs" expands to
//! nothing), and the walk stops after a bounded number of events.

use std::borrow::Cow;

use quick_xml::events::{BytesStart, Event};

/// One step of the walk.
pub enum Step<'a, 'e> {
    /// An element opens (`empty`: it also closes at once).
    Start {
        name: &'e str,
        element: &'e BytesStart<'a>,
        empty: bool,
    },
    End {
        name: &'e str,
    },
    Text(Cow<'e, str>),
}

/// At most this many events are read from one document.
const MAX_EVENTS: usize = 20_000_000;

/// The local name of a qualified name: `w:p` → `p`.
fn local(name: &[u8]) -> &str {
    let name = std::str::from_utf8(name).unwrap_or("");
    name.rsplit(':').next().unwrap_or(name)
}

/// An attribute's value by local name (`w:val` or `val`), unescaped.
pub fn attr(element: &BytesStart<'_>, name: &str) -> Option<String> {
    element
        .attributes()
        .flatten()
        .find(|a| local(a.key.as_ref()) == name)
        .map(|a| {
            a.unescape_value().map_or_else(
                |_| String::from_utf8_lossy(&a.value).into_owned(),
                Cow::into_owned,
            )
        })
}

/// Walks `text`, calling `on` for each step.
///
/// # Errors
/// A message when the XML is malformed or too long.
pub fn walk(text: &str, mut on: impl FnMut(Step<'_, '_>)) -> Result<(), String> {
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = false;
    let mut events = 0usize;
    loop {
        events += 1;
        if events > MAX_EVENTS {
            return Err("too many XML elements; the rest was not read".into());
        }
        let event = reader
            .read_event()
            .map_err(|e| format!("malformed XML at byte {}: {e}", reader.buffer_position()))?;
        match event {
            Event::Start(element) => {
                let qname = element.name();
                let name = local(qname.as_ref()).to_owned();
                on(Step::Start {
                    name: &name,
                    element: &element,
                    empty: false,
                });
            }
            Event::Empty(element) => {
                let qname = element.name();
                let name = local(qname.as_ref()).to_owned();
                on(Step::Start {
                    name: &name,
                    element: &element,
                    empty: true,
                });
                on(Step::End { name: &name });
            }
            Event::End(element) => {
                let qname = element.name();
                on(Step::End {
                    name: local(qname.as_ref()),
                });
            }
            Event::Text(text) => {
                let decoded = text
                    .decode()
                    .unwrap_or_else(|_| String::from_utf8_lossy(&text).into_owned().into());
                on(Step::Text(decoded));
            }
            Event::CData(data) => {
                let decoded = data
                    .decode()
                    .unwrap_or_else(|_| String::from_utf8_lossy(&data).into_owned().into());
                on(Step::Text(decoded));
            }
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => match &*reference as &[u8] {
                        b"amp" => Some("&".into()),
                        b"lt" => Some("<".into()),
                        b"gt" => Some(">".into()),
                        b"quot" => Some("\"".into()),
                        b"apos" => Some("'".into()),
                        b"nbsp" => Some(" ".into()),
                        b"mdash" => Some("\u{2014}".into()),
                        b"ndash" => Some("\u{2013}".into()),
                        b"rsquo" => Some("\u{2019}".into()),
                        b"lsquo" => Some("\u{2018}".into()),
                        b"rdquo" => Some("\u{201d}".into()),
                        b"ldquo" => Some("\u{201c}".into()),
                        b"hellip" => Some("\u{2026}".into()),
                        // Entities declared in a DOCTYPE are not expanded.
                        _ => None,
                    },
                };
                if let Some(text) = resolved {
                    on(Step::Text(Cow::Owned(text)));
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(xml: &str) -> Result<String, String> {
        let mut out = String::new();
        walk(xml, |step| {
            if let Step::Text(t) = step {
                out.push_str(&t);
            }
        })?;
        Ok(out)
    }

    #[test]
    fn references_resolve_and_declared_entities_do_not_expand() {
        assert_eq!(
            text_of("<a>Tom &amp; Jerry &#233;t&#xE9;</a>").unwrap(),
            "Tom & Jerry été"
        );
        let laughs = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>"#;
        assert_eq!(text_of(laughs).unwrap(), "");
    }

    #[test]
    fn malformed_xml_is_an_error_not_a_panic() {
        assert!(text_of("<a attr='unclosed>text").is_err());
    }
}
