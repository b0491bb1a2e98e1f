//! Main-text extraction from HTML pages (with `scraper`, an html5ever-based parser).
//!
//! The body is the page's `<article>`, else `<main>` / `[role=main]`, else `<body>`. Inside it,
//! scripts, styles, navigation, asides, footers, forms, figures and any element whose class or
//! id marks it as an ad, share bar, cookie notice, newsletter box, related-links list or comment
//! section are dropped. Every block element (paragraph, heading, list item, quote, cell …)
//! becomes one paragraph of the text; paragraphs are joined with a blank line. The page title
//! (`og:title`, else `<h1>`, else `<title>`) opens the text when the body does not already
//! start with it, so the segmenter sees it as the headline.
use std::sync::OnceLock;

use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node, Selector};

use crate::error::{Error, ErrorKind};

pub(crate) struct Page {
    pub title: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub site: Option<String>,
    pub text: String,
}

struct Selectors {
    og_title: Selector,
    h1: Selector,
    title: Selector,
    published: Vec<(Selector, &'static str)>,
    url: Vec<(Selector, &'static str)>,
    site: Selector,
    roots: Vec<Selector>,
}

fn selectors() -> &'static Selectors {
    static S: OnceLock<Selectors> = OnceLock::new();
    S.get_or_init(|| {
        let sel = |s: &str| Selector::parse(s).expect("static selector");
        Selectors {
            og_title: sel(r#"meta[property="og:title"]"#),
            h1: sel("h1"),
            title: sel("title"),
            published: vec![
                (sel(r#"meta[property="article:published_time"]"#), "content"),
                (sel(r#"meta[itemprop="datePublished"]"#), "content"),
                (sel(r#"meta[name="pubdate"]"#), "content"),
                (sel(r#"meta[name="publishdate"]"#), "content"),
                (sel(r#"meta[name="date"]"#), "content"),
                (sel(r#"meta[name="dc.date"]"#), "content"),
                (sel(r#"meta[name="DC.date.issued"]"#), "content"),
                (sel("time[datetime]"), "datetime"),
            ],
            url: vec![
                (sel(r#"link[rel="canonical"]"#), "href"),
                (sel(r#"meta[property="og:url"]"#), "content"),
            ],
            site: sel(r#"meta[property="og:site_name"]"#),
            roots: vec![
                sel("article"),
                sel("main"),
                sel(r#"[role="main"]"#),
                sel("body"),
            ],
        }
    })
}

const SKIP_TAGS: &[&str] = &[
    "script", "style", "noscript", "nav", "aside", "footer", "form", "iframe", "svg", "button",
    "figure", "template", "select", "input", "textarea", "canvas", "video", "audio", "object",
    "embed", "menu", "dialog", "head", "label",
];

const BLOCK_TAGS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "div",
    "section",
    "article",
    "td",
    "th",
    "pre",
    "dd",
    "dt",
    "figcaption",
    "br",
    "hr",
    "tr",
    "ul",
    "ol",
    "table",
    "header",
    "main",
    "address",
    "summary",
    "details",
];

/// Class or id words that mark page chrome.
fn chrome_attr(value: &str) -> bool {
    value
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .any(|w| {
            let w = w.to_ascii_lowercase();
            matches!(
                w.as_str(),
                "ad" | "ads"
                    | "advert"
                    | "advertisement"
                    | "adsbygoogle"
                    | "sponsored"
                    | "promo"
                    | "share"
                    | "sharing"
                    | "social"
                    | "cookie"
                    | "cookies"
                    | "consent"
                    | "subscribe"
                    | "newsletter"
                    | "related"
                    | "comments"
                    | "comment"
                    | "sidebar"
                    | "menu"
                    | "breadcrumb"
                    | "breadcrumbs"
                    | "popup"
                    | "modal"
                    | "nav"
                    | "navbar"
                    | "footer"
                    | "banner"
                    | "outbrain"
                    | "taboola"
                    | "paywall"
                    | "recommended"
                    | "trending"
                    | "toolbar"
                    | "masthead"
            )
        })
}

fn attr(doc: &Html, sel: &Selector, name: &str) -> Option<String> {
    doc.select(sel).find_map(|e| {
        e.value()
            .attr(name)
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    })
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

struct Walker {
    paragraphs: Vec<String>,
    current: String,
}

impl Walker {
    fn flush(&mut self) {
        let p = collapse(&self.current);
        if !p.is_empty() {
            self.paragraphs.push(p);
        }
        self.current.clear();
    }

    /// Depth-first over the element's subtree without recursion: pages nest deeply.
    fn walk(&mut self, root: ElementRef) {
        let mut skipping: Option<ego_tree::NodeId> = None;
        for edge in root.traverse() {
            match edge {
                Edge::Open(node) => {
                    if skipping.is_some() {
                        continue;
                    }
                    match node.value() {
                        Node::Text(t) => self.current.push_str(t),
                        Node::Element(v) => {
                            let tag = v.name();
                            if SKIP_TAGS.contains(&tag)
                                || v.attr("class").is_some_and(chrome_attr)
                                || v.attr("id").is_some_and(chrome_attr)
                                || v.attr("hidden").is_some()
                                || v.attr("aria-hidden") == Some("true")
                            {
                                skipping = Some(node.id());
                            } else if BLOCK_TAGS.contains(&tag) {
                                self.flush();
                            }
                        }
                        _ => {}
                    }
                }
                Edge::Close(node) => {
                    if skipping.is_some() {
                        if skipping == Some(node.id()) {
                            skipping = None;
                        }
                        continue;
                    }
                    if let Node::Element(v) = node.value() {
                        if BLOCK_TAGS.contains(&v.name()) {
                            self.flush();
                        }
                    }
                }
            }
        }
    }
}

/// Deepest element nesting the extractor accepts. Real pages stay under a few hundred levels;
/// the HTML parser's work grows with depth × elements, so a hostile page nesting a million
/// `<div>`s would take hours: it is refused instead.
const MAX_NESTING: usize = 5000;

/// An upper estimate of the element nesting depth, from the tags alone: void, self-closing and
/// implicitly closed elements (`<p>`, `<li>` …) do not count.
fn nesting_depth(html: &str) -> usize {
    let b = html.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        i += off + 1;
        let closing = b.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let end = b[start..]
            .iter()
            .position(|c| !c.is_ascii_alphanumeric())
            .map_or(b.len(), |p| start + p);
        if end == start {
            continue;
        }
        let name = html[start..end].to_ascii_lowercase();
        let implicit = matches!(
            name.as_str(),
            "p" | "li"
                | "td"
                | "th"
                | "tr"
                | "dd"
                | "dt"
                | "option"
                | "br"
                | "img"
                | "meta"
                | "link"
                | "input"
                | "hr"
                | "area"
                | "base"
                | "col"
                | "embed"
                | "source"
                | "track"
                | "wbr"
                | "param"
        );
        if implicit {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            let self_closing = b[end..]
                .iter()
                .position(|&c| c == b'>')
                .is_some_and(|p| p > 0 && b[end + p - 1] == b'/');
            if !self_closing {
                depth += 1;
                max = max.max(depth);
            }
        }
    }
    max
}

pub(crate) fn extract(origin: &str, html: &str) -> Result<Page, Error> {
    let depth = nesting_depth(html);
    if depth > MAX_NESTING {
        return Err(Error::new(
            ErrorKind::TooLarge,
            origin,
            None,
            format!("HTML nested too deeply: {depth} levels (the limit is {MAX_NESTING})"),
        ));
    }
    let doc = Html::parse_document(html);
    let s = selectors();
    let text_of = |sel: &Selector| {
        doc.select(sel)
            .map(|e| collapse(&e.text().collect::<String>()))
            .find(|t| !t.is_empty())
    };
    let title = attr(&doc, &s.og_title, "content")
        .map(|t| collapse(&t))
        .or_else(|| text_of(&s.h1))
        .or_else(|| text_of(&s.title));
    let published = s.published.iter().find_map(|(sel, a)| attr(&doc, sel, a));
    let url = s.url.iter().find_map(|(sel, a)| attr(&doc, sel, a));
    let site = attr(&doc, &s.site, "content");

    let mut walker = Walker {
        paragraphs: Vec::new(),
        current: String::new(),
    };
    let root = s.roots.iter().find_map(|sel| {
        doc.select(sel)
            .max_by_key(|e| e.text().map(str::len).sum::<usize>())
    });
    match root {
        Some(r) => walker.walk(r),
        None => walker.walk(doc.root_element()),
    }
    walker.flush();
    let body_chars: usize = walker
        .paragraphs
        .iter()
        .filter(|p| !crate::lexicon::chrome_line(p))
        .map(|p| p.len())
        .sum();
    if body_chars == 0 {
        return Err(Error::new(
            ErrorKind::NoBodyText,
            origin,
            None,
            "no body text: the page has no paragraphs outside navigation, scripts and ads",
        ));
    }
    let mut text = String::new();
    if let Some(t) = &title {
        if walker.paragraphs.first() != Some(t) {
            text.push_str(t);
            text.push_str("\n\n");
        }
    }
    text.push_str(&walker.paragraphs.join("\n\n"));
    Ok(Page {
        title,
        published,
        url,
        site,
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_bounded() {
        assert_eq!(
            nesting_depth("<html><body><p>a<p>b<br><img src=x/><div>c</div></body></html>"),
            3
        );
        let deep = format!(
            "<body>{}x{}</body>",
            "<div>".repeat(6000),
            "</div>".repeat(6000)
        );
        let e = extract("deep.html", &deep).err().expect("refused");
        assert_eq!(e.kind(), ErrorKind::TooLarge);
        assert!(e.to_string().contains("nested too deeply"), "{e}");
    }

    #[test]
    fn extracts_main_text_title_and_date() {
        let html = r#"<html><head><title>Putin ready | Site</title>
            <meta property="og:title" content="Putin Ready To Negotiate">
            <meta property="article:published_time" content="2025-01-02T10:00:00Z">
            <link rel="canonical" href="https://www.example.com/a/1"></head>
            <body><nav><a href="/">Home</a> <a>World</a></nav>
            <div class="share-bar">Share on Facebook</div>
            <article><h1>Putin Ready To Negotiate</h1>
            <p>Russia is ready to talk, Lavrov said.</p>
            <div class="ad-slot">Advertisement</div>
            <p>Kyiv was hit by <b>70 missiles</b> overnight.</p>
            <script>var x = "not text";</script></article>
            <footer>© 2025 Example</footer></body></html>"#;
        let page = extract("p.html", html).unwrap();
        assert_eq!(page.title.as_deref(), Some("Putin Ready To Negotiate"));
        assert_eq!(page.published.as_deref(), Some("2025-01-02T10:00:00Z"));
        assert_eq!(page.url.as_deref(), Some("https://www.example.com/a/1"));
        assert_eq!(
            page.text,
            "Putin Ready To Negotiate\n\nRussia is ready to talk, Lavrov said.\n\nKyiv was hit by 70 missiles overnight."
        );
    }
}
