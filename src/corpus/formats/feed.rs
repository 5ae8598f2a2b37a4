//! RSS and Atom feeds → one article per item: title, date, link, author,
//! and the full content where the feed carries it (else the summary). The
//! channel's title is each item's outlet.

use super::xml::{self, Step};
use super::{Extracted, Metadata, html};
use crate::corpus::date::{Date, DateSource};

#[derive(Default)]
struct Item {
    title: Option<String>,
    link: Option<String>,
    date: Option<String>,
    author: Option<String>,
    summary: Option<String>,
    content: Option<String>,
}

/// Every item of a feed.
///
/// # Errors
/// A message when the file is not an RSS or Atom feed.
pub fn items(text: &str) -> Result<Vec<Extracted>, String> {
    let mut root: Option<String> = None;
    let mut outlet: Option<String> = None;
    let mut items: Vec<Item> = Vec::new();
    let mut current: Option<Item> = None;
    let mut path: Vec<String> = Vec::new();
    let mut text_buffer = String::new();
    xml::walk(text, |step| match step {
        Step::Start {
            name,
            element,
            empty,
        } => {
            if root.is_none() {
                root = Some(name.to_owned());
            }
            if matches!(name, "item" | "entry") {
                current = Some(Item::default());
            }
            if name == "link"
                && let Some(item) = current.as_mut()
                && let Some(href) = xml::attr(element, "href")
            {
                let rel = xml::attr(element, "rel").unwrap_or_else(|| "alternate".into());
                if rel == "alternate" && item.link.is_none() {
                    item.link = Some(href);
                }
            }
            text_buffer.clear();
            if !empty {
                path.push(name.to_owned());
            }
        }
        Step::Text(t) => text_buffer.push_str(&t),
        Step::End { name } => {
            if path.last().is_some_and(|p| p == name) {
                path.pop();
            }
            let value = text_buffer.trim().to_owned();
            text_buffer.clear();
            if matches!(name, "item" | "entry") {
                items.extend(current.take());
                return;
            }
            let parent = path.last().map(String::as_str);
            match current.as_mut() {
                Some(item) => {
                    if value.is_empty() {
                        return;
                    }
                    match name {
                        "title" if item.title.is_none() => item.title = Some(value),
                        "link" if item.link.is_none() => item.link = Some(value),
                        "pubDate" | "published" | "date" | "issued" => {
                            item.date.get_or_insert(value);
                        }
                        "updated" | "modified" if item.date.is_none() => item.date = Some(value),
                        "creator" if item.author.is_none() => item.author = Some(value),
                        "name" if parent == Some("author") && item.author.is_none() => {
                            item.author = Some(value);
                        }
                        "author" if item.author.is_none() && !value.contains('<') => {
                            item.author = Some(value);
                        }
                        "encoded" | "content" => item.content = Some(value),
                        "description" | "summary" => item.summary = Some(value),
                        _ => {}
                    }
                }
                None => {
                    if name == "title"
                        && outlet.is_none()
                        && matches!(parent, Some("channel" | "feed"))
                        && !value.is_empty()
                    {
                        outlet = Some(value);
                    }
                }
            }
        }
    })?;
    if !matches!(root.as_deref(), Some("rss" | "feed" | "RDF")) {
        return Err(format!(
            "not an RSS or Atom feed (its root element is <{}>)",
            root.unwrap_or_default()
        ));
    }
    Ok(items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let body = item.content.or(item.summary).unwrap_or_default();
            let body = if body.contains('<') {
                html::fragment_text(&body)
            } else {
                body
            };
            let title = item
                .title
                .map(|t| html::fragment_text(&t).trim().to_owned());
            let mut text = String::new();
            if let Some(title) = &title {
                text.push_str(title);
                text.push_str("\n\n");
            }
            text.push_str(&body);
            Extracted {
                text,
                meta: Metadata {
                    title,
                    date: item
                        .date
                        .as_deref()
                        .and_then(Date::parse)
                        .map(|d| (d, DateSource::Metadata)),
                    outlet: outlet.clone(),
                    author: item.author,
                    url: item.link,
                },
                item: u32::try_from(i).ok(),
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_items_become_articles() {
        let feed = r#"<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>The Daily Ledger</title>
<item><title>Talks resume</title><link>https://ledger.example/1</link><pubDate>Sun, 30 Nov 2025 09:15:00 GMT</pubDate>
<description>Short summary.</description><content:encoded><![CDATA[<p>Negotiators met in Geneva.</p><p>They agreed to meet again.</p>]]></content:encoded></item>
<item><title>Second &amp; last</title><description>&lt;p&gt;Escaped &lt;b&gt;HTML&lt;/b&gt; summary.&lt;/p&gt;</description></item>
</channel></rss>"#;
        let items = items(feed).unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].meta.title.as_deref(), Some("Talks resume"));
        assert_eq!(items[0].meta.outlet.as_deref(), Some("The Daily Ledger"));
        assert_eq!(
            items[0].meta.url.as_deref(),
            Some("https://ledger.example/1")
        );
        assert_eq!(items[0].meta.date.unwrap().0.to_iso(), "2025-11-30T09:15");
        assert!(
            items[0]
                .text
                .contains("Negotiators met in Geneva.\n\nThey agreed")
        );
        assert!(!items[0].text.contains("Short summary"));
        assert_eq!(items[1].meta.title.as_deref(), Some("Second & last"));
        assert!(
            items[1].text.contains("Escaped HTML summary."),
            "{}",
            items[1].text
        );
    }

    #[test]
    fn atom_entries_become_articles() {
        let feed = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>
<entry><title>Storm hits coast</title><link rel="alternate" href="https://wire.example/s"/><published>2024-02-03T10:00:00Z</published>
<author><name>Sam Poe</name></author><content type="html">&lt;p&gt;The storm reached the coast.&lt;/p&gt;</content></entry></feed>"#;
        let items = items(feed).unwrap();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].meta.author.as_deref(), Some("Sam Poe"));
        assert_eq!(items[0].meta.outlet.as_deref(), Some("Wire"));
        assert_eq!(items[0].meta.url.as_deref(), Some("https://wire.example/s"));
        assert!(items[0].text.contains("The storm reached the coast."));
    }

    #[test]
    fn other_xml_is_refused_with_its_root() {
        let error = items("<svg><g/></svg>").unwrap_err();
        assert!(error.contains("<svg>"), "{error}");
    }
}
