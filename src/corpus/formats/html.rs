//! Web pages → the story's text and metadata.
//!
//! A readability-style extraction: the page is walked once into text blocks
//! (one per paragraph, heading, list item…), blocks inside page furniture
//! (navigation, headers and footers, forms, share bars, cookie banners,
//! "related stories", comments: known by tag, ARIA role, `hidden`, and by
//! class or id words) are dropped, and the container whose paragraphs carry
//! the most prose (length, commas, few links) is the story. Headline, date,
//! site, author and canonical address come from the page's meta tags,
//! JSON-LD and `<time>`. O(nodes).
//!
//! Longer than 700 lines because of its tests (the extractor is ~610 lines).

use ego_tree::NodeRef;
use scraper::{Html, Node};

use super::{Extracted, Metadata};
use crate::corpus::date::{Date, DateSource};

/// Elements whose whole subtree is never story text.
const FURNITURE_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "nav", "aside", "footer", "form", "button",
    "select", "textarea", "iframe", "object", "embed", "canvas", "dialog", "menu", "header",
    "figure", "picture", "video", "audio", "map", "head", "title",
];

/// Elements that start a block of their own.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "body",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "figcaption",
    "address",
    "hr",
    "br",
    "center",
    "details",
    "summary",
    "caption",
    "tbody",
    "thead",
];

/// Words of class names and ids that mark furniture.
const FURNITURE_WORDS: &[&str] = &[
    "comment",
    "comments",
    "share",
    "sharing",
    "social",
    "related",
    "promo",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "banner",
    "newsletter",
    "subscribe",
    "subscription",
    "signup",
    "sidebar",
    "widget",
    "advert",
    "advertisement",
    "ad",
    "ads",
    "sponsor",
    "sponsored",
    "footer",
    "masthead",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "popup",
    "modal",
    "recommended",
    "recommendations",
    "trending",
    "outbrain",
    "taboola",
    "toolbar",
    "skip",
    "hidden",
    "print",
    "popular",
    "most",
    "more",
    "tags",
    "login",
    "paywall",
    "disclaimer",
    "byline",
    "author",
    "credit",
    "caption",
    "rail",
    "teaser",
    "teasers",
    "overlay",
];

/// Words that mark the story's container.
const STORY_WORDS: &[&str] = &[
    "article", "story", "content", "entry", "post", "body", "text", "main", "prose",
];

struct TextBlock {
    text: String,
    /// The innermost block element holding the text.
    tag: &'static str,
    /// Characters inside links.
    link_chars: usize,
    /// Block-level ancestors, innermost first (node ids).
    ancestors: Vec<ego_tree::NodeId>,
}

#[derive(Default)]
struct Walk {
    blocks: Vec<TextBlock>,
    buffer: String,
    link_chars: usize,
}

fn element_tag(name: &str) -> &'static str {
    BLOCK_TAGS
        .iter()
        .find(|t| **t == name)
        .copied()
        .unwrap_or("div")
}

fn is_furniture(element: &scraper::node::Element) -> bool {
    let name = element.name();
    if FURNITURE_TAGS.contains(&name) {
        return true;
    }
    if element.attr("hidden").is_some()
        || element.attr("aria-hidden") == Some("true")
        || element
            .attr("style")
            .is_some_and(|s| s.replace(' ', "").contains("display:none"))
    {
        return true;
    }
    if let Some(role) = element.attr("role")
        && matches!(
            role,
            "navigation"
                | "banner"
                | "contentinfo"
                | "complementary"
                | "search"
                | "dialog"
                | "alert"
                | "menu"
        )
    {
        return true;
    }
    let words = class_words(element);
    let story = words.iter().any(|w| STORY_WORDS.contains(&w.as_str()));
    !story && words.iter().any(|w| FURNITURE_WORDS.contains(&w.as_str()))
}

/// Lower-case words of an element's class and id ("story-body__inner" →
/// story, body, inner).
fn class_words(element: &scraper::node::Element) -> Vec<String> {
    let mut words = Vec::new();
    for value in [element.attr("class"), element.attr("id")]
        .into_iter()
        .flatten()
    {
        for word in value.split(|c: char| !c.is_ascii_alphanumeric()) {
            if !word.is_empty() {
                words.push(word.to_ascii_lowercase());
            }
        }
    }
    words
}

impl Walk {
    fn flush(&mut self, tag: &'static str, ancestors: &[ego_tree::NodeId]) {
        let text = collapse(&self.buffer);
        if !text.is_empty() {
            self.blocks.push(TextBlock {
                text,
                tag,
                link_chars: self.link_chars,
                ancestors: ancestors.iter().rev().take(48).copied().collect(),
            });
        }
        self.buffer.clear();
        self.link_chars = 0;
    }

    /// Depth-first over the tree with an explicit stack (pages nest
    /// thousands deep at worst).
    fn run(&mut self, root: NodeRef<'_, Node>) {
        enum Step<'a> {
            Enter(NodeRef<'a, Node>),
            Leave(&'static str, bool),
        }
        let mut stack = vec![Step::Enter(root)];
        // Block ancestors of the current position, outermost first.
        let mut blocks: Vec<ego_tree::NodeId> = Vec::new();
        let mut tags: Vec<&'static str> = vec!["body"];
        let mut in_link = 0usize;
        while let Some(step) = stack.pop() {
            match step {
                Step::Enter(node) => match node.value() {
                    Node::Text(text) => {
                        self.buffer.push_str(text);
                        if in_link > 0 {
                            self.link_chars += text.trim().chars().count();
                        }
                    }
                    Node::Element(element) => {
                        if is_furniture(element) {
                            // A furniture element still ends the block before it.
                            continue;
                        }
                        let name = element.name();
                        let block = BLOCK_TAGS.contains(&name);
                        let link = name == "a";
                        if block {
                            let tag = tags.last().copied().unwrap_or("div");
                            self.flush(tag, &blocks);
                            blocks.push(node.id());
                            tags.push(element_tag(name));
                        } else if matches!(name, "img" | "input") {
                            continue;
                        }
                        if link {
                            in_link += 1;
                        }
                        stack.push(Step::Leave(
                            if block { element_tag(name) } else { "" },
                            link,
                        ));
                        for child in node.children().rev() {
                            stack.push(Step::Enter(child));
                        }
                    }
                    Node::Document | Node::Fragment => {
                        for child in node.children().rev() {
                            stack.push(Step::Enter(child));
                        }
                    }
                    _ => {}
                },
                Step::Leave(tag, link) => {
                    if link {
                        in_link = in_link.saturating_sub(1);
                    }
                    if !tag.is_empty() {
                        self.flush(tag, &blocks);
                        blocks.pop();
                        tags.pop();
                    }
                }
            }
        }
        self.flush("div", &blocks);
    }
}

/// Whitespace runs folded to one space, trimmed.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn is_heading(tag: &str) -> bool {
    matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// The story's blocks: the best-scoring container's, in page order.
fn story_blocks(html: &Html, blocks: &[TextBlock]) -> Vec<usize> {
    use std::collections::HashMap;
    let mut score: HashMap<ego_tree::NodeId, f64> = HashMap::new();
    for block in blocks {
        let chars = block.text.chars().count();
        if is_heading(block.tag) || chars < 25 {
            continue;
        }
        let link_density = block.link_chars as f64 / chars as f64;
        let commas = block.text.matches([',', '，', '、']).count() as f64;
        let points = (1.0 + commas + (chars as f64 / 100.0).min(3.0)) * (1.0 - link_density);
        // The paragraph's container gets its score, the next ones less.
        // `ancestors[0]` is the paragraph's own element when it is one.
        let skip = usize::from(matches!(
            block.tag,
            "p" | "pre" | "blockquote" | "li" | "td"
        ));
        for (level, id) in block.ancestors.iter().skip(skip).take(3).enumerate() {
            *score.entry(*id).or_default() += points / (1.0 + level as f64);
        }
    }
    // Containers named like a story, or <article>/<main>, weigh more.
    for (id, value) in &mut score {
        if let Some(element) = html.tree.get(*id).and_then(|n| n.value().as_element()) {
            let words = class_words(element);
            if matches!(element.name(), "article" | "main")
                || words.iter().any(|w| STORY_WORDS.contains(&w.as_str()))
            {
                *value *= 1.25;
            }
        }
    }
    let best = score
        .iter()
        .max_by(|a, b| a.1.total_cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(id, s)| (*id, *s));
    let Some((top, top_score)) = best else {
        // No prose at all: every block that is not mostly links.
        return (0..blocks.len())
            .filter(|&i| blocks[i].link_chars * 2 < blocks[i].text.chars().count().max(1))
            .collect();
    };
    // Siblings of the top container that score well belong to the story
    // too (stories split into several <div>s).
    let parent = html.tree.get(top).and_then(|n| n.parent()).map(|p| p.id());
    let mut chosen: Vec<ego_tree::NodeId> = vec![top];
    if let Some(parent) = parent.and_then(|p| html.tree.get(p)) {
        for sibling in parent.children() {
            let id = sibling.id();
            if id != top
                && score
                    .get(&id)
                    .is_some_and(|s| *s >= (top_score * 0.2).max(3.0))
            {
                chosen.push(id);
            }
        }
    }
    (0..blocks.len())
        .filter(|&i| {
            let block = &blocks[i];
            let chars = block.text.chars().count().max(1);
            block.ancestors.iter().any(|a| chosen.contains(a))
                && (is_heading(block.tag) || block.link_chars * 2 < chars)
        })
        .collect()
}

/// The value of the first `<meta>` whose `property` or `name` is one of `keys`.
fn meta(html: &Html, keys: &[&str]) -> Option<String> {
    for key in keys {
        for node in html.tree.nodes() {
            let Some(element) = node.value().as_element() else {
                continue;
            };
            if element.name() != "meta" {
                continue;
            }
            let named = [
                element.attr("property"),
                element.attr("name"),
                element.attr("itemprop"),
            ]
            .into_iter()
            .flatten()
            .any(|n| n.eq_ignore_ascii_case(key));
            if named
                && let Some(content) = element
                    .attr("content")
                    .map(collapse)
                    .filter(|c| !c.is_empty())
            {
                return Some(content);
            }
        }
    }
    None
}

/// What the page's JSON-LD says (`headline`, `datePublished`, author and
/// publisher names).
#[derive(Default)]
struct LinkedData {
    headline: Option<String>,
    published: Option<String>,
    author: Option<String>,
    publisher: Option<String>,
}

fn linked_data(html: &Html) -> LinkedData {
    let mut found = LinkedData::default();
    for node in html.tree.nodes() {
        let Some(element) = node.value().as_element() else {
            continue;
        };
        if element.name() != "script" || element.attr("type") != Some("application/ld+json") {
            continue;
        }
        let text: String = node
            .children()
            .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
            .collect();
        let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) else {
            continue;
        };
        visit_linked(&value, &mut found, 0);
    }
    found
}

fn visit_linked(value: &serde_json::Value, found: &mut LinkedData, depth: usize) {
    use serde_json::Value;
    if depth > 8 {
        return;
    }
    let name_of = |v: &Value| match v {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => o.get("name").and_then(Value::as_str).map(str::to_owned),
        Value::Array(a) => a
            .first()
            .and_then(|x| x.get("name").and_then(Value::as_str).or(x.as_str()))
            .map(str::to_owned),
        _ => None,
    };
    match value {
        Value::Array(items) => {
            for item in items {
                visit_linked(item, found, depth + 1);
            }
        }
        Value::Object(object) => {
            if found.published.is_none() {
                found.published = object
                    .get("datePublished")
                    .and_then(Value::as_str)
                    .map(str::to_owned);
            }
            if found.headline.is_none() {
                found.headline = object.get("headline").and_then(Value::as_str).map(collapse);
            }
            if found.author.is_none() {
                found.author = object.get("author").and_then(name_of);
            }
            if found.publisher.is_none() {
                found.publisher = object.get("publisher").and_then(name_of);
            }
            if let Some(graph) = object.get("@graph") {
                visit_linked(graph, found, depth + 1);
            }
        }
        _ => {}
    }
}

fn first_element<'a>(html: &'a Html, name: &str) -> Option<NodeRef<'a, Node>> {
    html.tree
        .nodes()
        .find(|n| n.value().as_element().is_some_and(|e| e.name() == name))
}

fn text_of(node: NodeRef<'_, Node>) -> String {
    let mut out = String::new();
    for d in node.descendants() {
        if let Some(t) = d.value().as_text() {
            out.push_str(t);
        }
    }
    collapse(&out)
}

/// Extracts the story and its metadata from a page.
pub fn extract(text: &str) -> Extracted {
    let html = Html::parse_document(text);
    let mut walk = Walk::default();
    walk.run(html.tree.root());
    let ld = linked_data(&html);
    let site = meta(&html, &["og:site_name", "application-name", "publisher"]).or(ld.publisher);
    let page_title = first_element(&html, "title").map(text_of);
    let h1 = walk
        .blocks
        .iter()
        .find(|b| b.tag == "h1")
        .map(|b| b.text.clone());
    let title = meta(&html, &["og:title", "twitter:title", "headline"])
        .or(ld.headline)
        .or(h1)
        .or_else(|| page_title.map(|t| strip_site_suffix(&t, site.as_deref())))
        .filter(|t| !t.is_empty());
    let date_text = meta(
        &html,
        &[
            "article:published_time",
            "datePublished",
            "og:published_time",
            "pubdate",
            "publishdate",
            "publish-date",
            "date",
            "dc.date",
            "dc.date.issued",
            "dcterms.date",
            "sailthru.date",
            "parsely-pub-date",
        ],
    )
    .or(ld.published)
    .or_else(|| {
        html.tree.nodes().find_map(|n| {
            let e = n.value().as_element()?;
            (e.name() == "time").then(|| e.attr("datetime").map(str::to_owned))?
        })
    });
    let date = date_text.as_deref().and_then(Date::parse);
    let author = meta(
        &html,
        &["author", "article:author", "byl", "parsely-author"],
    )
    .or(ld.author)
    .filter(|a| !a.starts_with("http"));
    let url = html
        .tree
        .nodes()
        .find_map(|n| {
            let e = n.value().as_element()?;
            (e.name() == "link"
                && e.attr("rel")
                    .is_some_and(|r| r.eq_ignore_ascii_case("canonical")))
            .then(|| e.attr("href").map(str::to_owned))?
        })
        .or_else(|| meta(&html, &["og:url"]));
    let chosen = story_blocks(&html, &walk.blocks);
    let mut body = String::new();
    if let Some(title) = &title {
        body.push_str(title);
        body.push_str("\n\n");
    }
    for (n, i) in chosen.iter().enumerate() {
        let block = &walk.blocks[*i];
        // The page's own headline repeated at the top of the story.
        if n == 0 && title.as_deref() == Some(block.text.as_str()) {
            continue;
        }
        body.push_str(&block.text);
        body.push_str("\n\n");
    }
    Extracted {
        text: body,
        meta: Metadata {
            title,
            date: date.map(|d| (d, DateSource::Metadata)),
            outlet: site,
            author,
            url,
        },
        item: None,
    }
}

/// The text of an HTML fragment (a feed item's content, an e-mail's HTML
/// part), paragraphs separated by blank lines, furniture dropped.
pub fn fragment_text(fragment: &str) -> String {
    let html = Html::parse_fragment(fragment);
    let mut walk = Walk::default();
    walk.run(html.tree.root());
    let mut out = String::new();
    for block in &walk.blocks {
        out.push_str(&block.text);
        out.push_str("\n\n");
    }
    out
}

/// "Talks resume | The Daily Ledger" → "Talks resume".
fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    for separator in [" | ", " - ", " – ", " — ", " :: "] {
        if let Some((head, tail)) = title.rsplit_once(separator) {
            let is_site = site.is_some_and(|s| tail.trim().eq_ignore_ascii_case(s.trim()))
                || tail.split_whitespace().count() <= 4;
            if is_site && head.split_whitespace().count() >= 3 {
                return head.trim().to_owned();
            }
        }
    }
    title.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r##"<!doctype html><html><head>
<title>Talks resume in Geneva | The Daily Ledger</title>
<meta property="og:site_name" content="The Daily Ledger">
<meta property="article:published_time" content="2025-11-30T09:15:00Z">
<meta name="author" content="Jane Roe">
<link rel="canonical" href="https://ledger.example/talks">
</head><body>
<div id="cookie-banner"><p>We use cookies to improve your experience. Accept all cookies?</p></div>
<header class="site-header"><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav></header>
<main><article class="story">
<h1>Talks resume in Geneva</h1>
<div class="share-bar"><a href="#">Share on Facebook</a><a href="#">Share on X</a></div>
<p>Negotiators from Ukraine and Russia met in Geneva on Sunday, the first round since the summer, officials said.</p>
<p>The talks, brokered by Switzerland, focused on a ceasefire, prisoner exchanges and the Zaporizhzhia nuclear power plant.</p>
<h2>What comes next</h2>
<p>A second round is planned for December, according to a statement from the Swiss foreign ministry.</p>
</article>
<aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Earlier talks collapsed after three days of wrangling</a></li></ul></aside>
<section class="comments"><p>Great article, thanks, I have been following this story for months now!</p></section>
</main>
<footer><p>© 2025 The Daily Ledger. All rights reserved. Terms, privacy and cookies.</p></footer>
</body></html>"##;

    #[test]
    fn the_story_is_kept_and_the_furniture_dropped() {
        let page = extract(PAGE);
        let text = &page.text;
        assert!(text.starts_with("Talks resume in Geneva\n\n"), "{text}");
        for kept in [
            "Negotiators from Ukraine",
            "brokered by Switzerland",
            "What comes next",
            "A second round",
        ] {
            assert!(text.contains(kept), "{kept} lost: {text}");
        }
        for dropped in [
            "cookies",
            "Home",
            "Share on",
            "Related stories",
            "Great article",
            "All rights reserved",
        ] {
            assert!(!text.contains(dropped), "{dropped} kept: {text}");
        }
        // The headline is not repeated as a paragraph.
        assert_eq!(text.matches("Talks resume in Geneva").count(), 1);
    }

    #[test]
    fn metadata_comes_from_meta_tags() {
        let page = extract(PAGE);
        assert_eq!(page.meta.title.as_deref(), Some("Talks resume in Geneva"));
        assert_eq!(page.meta.outlet.as_deref(), Some("The Daily Ledger"));
        assert_eq!(page.meta.author.as_deref(), Some("Jane Roe"));
        assert_eq!(
            page.meta.url.as_deref(),
            Some("https://ledger.example/talks")
        );
        let (date, source) = page.meta.date.unwrap();
        assert_eq!(date.to_iso(), "2025-11-30T09:15");
        assert_eq!(source, DateSource::Metadata);
    }

    #[test]
    fn json_ld_and_time_elements_give_dates_and_titles() {
        let page = extract(
            r#"<html><head><title>x</title><script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Storm hits coast","datePublished":"2024-02-03","author":{"@type":"Person","name":"Sam Poe"}}</script></head>
            <body><p>The storm, which formed on Monday, reached the coast late on Tuesday, forecasters said.</p></body></html>"#,
        );
        assert_eq!(page.meta.title.as_deref(), Some("Storm hits coast"));
        assert_eq!(page.meta.date.unwrap().0.to_iso(), "2024-02-03");
        assert_eq!(page.meta.author.as_deref(), Some("Sam Poe"));
        let page = extract(
            r#"<html><body><article><time datetime="2023-05-06">6 May</time><p>Voters went to the polls in large numbers, turnout figures showed.</p></article></body></html>"#,
        );
        assert_eq!(page.meta.date.unwrap().0.to_iso(), "2023-05-06");
    }

    #[test]
    fn deeply_nested_and_broken_pages_do_not_crash() {
        let deep = "<div>".repeat(50_000) + "Deep text, with commas, here." + &"</div>".repeat(10);
        let page = extract(&deep);
        assert!(page.text.contains("Deep text"));
        let broken = extract("<p>Unclosed <b>bold <i>and <a href='x'>link");
        assert!(broken.text.contains("Unclosed"));
        assert!(extract("").text.is_empty());
    }

    #[test]
    fn site_names_are_cut_from_page_titles() {
        assert_eq!(
            strip_site_suffix(
                "Talks resume in Geneva | The Daily Ledger",
                Some("The Daily Ledger")
            ),
            "Talks resume in Geneva"
        );
        assert_eq!(strip_site_suffix("Left - Right", None), "Left - Right");
    }
}
