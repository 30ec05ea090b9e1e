//! What a page says about itself: `<title>` and its `<h1>`, Open Graph and `article:*` meta
//! tags, JSON-LD (`NewsArticle`, `Article`, ... also inside `@graph`), `<meta name=author>`,
//! `<html lang>` and the canonical link. Each value keeps the name of the place it came from.

use crate::document::{GivenValue, PageMetadata};
use dom_query::Document;
use serde_json::Value;
use std::collections::HashMap;

/// schema.org types of an article, whose fields come before those of other objects. Format
/// facts from schema.org, not tuning.
const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "AskPublicNewsArticle",
    "BlogPosting",
    "LiveBlogPosting",
    "SocialMediaPosting",
    "TechArticle",
    "ScholarlyArticle",
    "Report",
];

/// Meta tags (`name`, `property` or `itemprop`, lower case) for each field, in order of
/// preference.
const AUTHOR_TAGS: &[&str] = &[
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
];
const PUBLISHED_TAGS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "og:published_time",
    "parsely-pub-date",
    "sailthru.date",
    "publish-date",
    "pubdate",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
];
const UPDATED_TAGS: &[&str] = &[
    "article:modified_time",
    "og:article:modified_time",
    "datemodified",
    "og:updated_time",
    "dcterms.modified",
];

/// An `<h1>` is the title when it holds at least this share of the words of the page's
/// `og:title` or `<title>` (a logo or section name in an `<h1>` holds few of them).
const H1_TITLE_MIN_SHARE: f64 = 0.3;

/// Separators between a headline and the site's name in a `<title>` ("Headline | Site").
const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " · ", " :: ", " » ", " / "];

/// Blocks this far before and after the title's are where a page shows its byline and date.
const BLOCKS_BEFORE_TITLE: usize = 3;
const BLOCKS_AFTER_TITLE: usize = 8;
/// A byline or date stamp block has at most this many words.
const MAX_STAMP_WORDS: usize = 12;
/// An author's name has at most this many words.
const MAX_NAME_WORDS: usize = 6;
/// Words that introduce a byline ("By Jane Roe", "Written by: Jane Roe"), lower case.
const BYLINE_PREFIXES: &[&str] = &["written by", "posted by", "published by", "words by", "by"];
/// Link previews label their data fields `twitter:label1` .. `twitter:label4`.
const TWITTER_LABELS: usize = 4;
/// Elements that show the author's name on the page.
const AUTHOR_ELEMENTS: &str =
    r#"[itemprop="author"], a[rel="author"], [class*="author"], [class*="byline"]"#;

/// Elements whose class says they hold the page's date.
const DATE_ELEMENTS: &str = r#"[class*="date"], [class*="posted"], [class*="published"]"#;

/// A short block that reads as a full date ("Apr 17, 2025", "03/01/2017 by Agatha Caleo").
fn is_stamp(block: &str) -> bool {
    block.split_whitespace().count() <= MAX_STAMP_WORDS && crate::text::has_date(block)
}

/// Read the page's metadata. `base_url` fills the url when the page names none; `blocks` are
/// the page's visible text blocks, where a byline and date near the title are looked for.
pub fn page_metadata(doc: &Document, base_url: Option<&str>, blocks: &[String]) -> PageMetadata {
    let tags = meta_tags(doc);
    let tag = |names: &[&str]| -> Option<(String, String)> {
        names.iter().find_map(|n| {
            tags.get(*n)
                .filter(|v| !v.is_empty())
                .map(|v| (format!("html.meta.{n}"), v.clone()))
        })
    };
    let json_ld = JsonLd::read(doc);
    let mut meta = PageMetadata {
        title: title(doc, &tags),
        ..PageMetadata::default()
    };
    let title_at = meta
        .title
        .as_ref()
        .and_then(|t| blocks.iter().position(|b| *b == t.value));
    // Indices of the blocks around the title, in page order.
    let near_title: Vec<usize> = title_at
        .map(|at| {
            (at.saturating_sub(BLOCKS_BEFORE_TITLE)
                ..(at + BLOCKS_AFTER_TITLE + 1).min(blocks.len()))
                .collect()
        })
        .unwrap_or_default();
    // The article's own stamp follows its headline; the dates above it are more often a
    // sidebar's or a menu's. So: the blocks after the title nearest first, then those before.
    let mut stamp_order = near_title.clone();
    if let Some(at) = title_at {
        stamp_order.sort_by_key(|&i| (i < at, i.abs_diff(at)));
    }

    meta.authors = json_ld
        .authors()
        .map(|names| (names, "html.json_ld.author".to_string()))
        .or_else(|| {
            let (source, value) = tag(AUTHOR_TAGS).filter(|(_, v)| !looks_like_url(v))?;
            Some((vec![value], source))
        })
        .or_else(|| {
            // A link preview's "Written by" label with the name as its data (Yoast and others).
            (1..=TWITTER_LABELS).find_map(|n| {
                let label = tags
                    .get(&format!("twitter:label{n}"))?
                    .trim()
                    .to_lowercase();
                if !BYLINE_PREFIXES.contains(&label.as_str()) {
                    return None;
                }
                let name = byline_name(tags.get(&format!("twitter:data{n}"))?)?;
                Some((vec![name], format!("html.meta.twitter:data{n}")))
            })
        })
        .or_else(|| {
            let name = doc
                .select(AUTHOR_ELEMENTS)
                .nodes()
                .iter()
                .find_map(|node| {
                    byline_name(&node.attr("content").unwrap_or_else(|| node.text()))
                })?;
            Some((vec![name], "html.author_element".to_string()))
        })
        .or_else(|| {
            let name = near_title.iter().find_map(|&i| {
                let lower = blocks[i].to_lowercase();
                // "By" alone in its block: the name is in the next one.
                if BYLINE_PREFIXES.contains(&lower.trim_end_matches(':')) {
                    return byline_name(blocks.get(i + 1)?);
                }
                let is_byline = BYLINE_PREFIXES.iter().any(|p| {
                    lower.starts_with(&format!("{p} ")) || lower.starts_with(&format!("{p}:"))
                });
                is_byline.then(|| byline_name(&blocks[i]))?
            })?;
            Some((vec![name], "html.byline_near_title".to_string()))
        });

    let value = |(source, value): (String, String)| GivenValue { value, source };
    meta.published = json_ld
        .field("datePublished")
        .or_else(|| tag(PUBLISHED_TAGS))
        .or_else(|| {
            let node = doc.select_single(r#"[itemprop="datePublished"]"#);
            let date = node
                .attr("datetime")
                .or_else(|| node.attr("title"))
                .or_else(|| node.attr("content"))?;
            Some((
                "html.itemprop.datePublished".into(),
                date.trim().to_string(),
            ))
        })
        .or_else(|| {
            let stamp = &blocks[*stamp_order.iter().find(|&&i| is_stamp(&blocks[i]))?];
            // Its `<time>` element says the same unambiguously ("03/01/2017" is which day?).
            let time = doc
                .select("time[datetime]")
                .nodes()
                .iter()
                .find_map(|node| {
                    let shown = clean_text(&node.text());
                    (!shown.is_empty() && stamp.contains(shown.as_str()))
                        .then(|| node.attr("datetime"))
                        .flatten()
                });
            meta.published_shown = Some(stamp.clone());
            Some(match time {
                Some(time) => ("html.time_near_title".into(), time.trim().to_string()),
                None => ("html.date_near_title".into(), stamp.clone()),
            })
        })
        .or_else(|| {
            let time = doc.select_single("time[datetime]").attr("datetime")?;
            Some(("html.time".into(), time.trim().to_string()))
        })
        .or_else(|| {
            // A blog's date heading or "posted" line, marked by its class.
            let stamp = doc.select(DATE_ELEMENTS).nodes().iter().find_map(|node| {
                let class = node.attr("class").unwrap_or_default().to_lowercase();
                if class.contains("updat") || class.contains("modif") {
                    return None;
                }
                let text = clean_text(&node.text());
                is_stamp(&text).then_some(text)
            })?;
            Some(("html.date_element".into(), stamp))
        })
        .map(value);
    meta.updated = json_ld
        .field("dateModified")
        .or_else(|| tag(UPDATED_TAGS))
        .map(value);
    meta.publisher = json_ld
        .publisher()
        .or_else(|| tag(&["og:site_name"]))
        .map(value);

    let canonical = doc
        .select_single(r#"link[rel="canonical"]"#)
        .attr("href")
        .map(|h| ("html.link.canonical".to_string(), h.trim().to_string()));
    meta.url = canonical
        .into_iter()
        .chain(tag(&["og:url"]))
        .chain(json_ld.field("url"))
        .find(|(_, u)| looks_like_url(u))
        .or_else(|| base_url.map(|u| ("input.url".to_string(), u.to_string())))
        .map(value);

    let html_lang = doc
        .select_single("html")
        .attr("lang")
        .map(|l| ("html.lang".to_string(), l.trim().to_string()));
    meta.lang = html_lang
        .into_iter()
        .chain(json_ld.field("inLanguage"))
        .chain(tag(&["content-language", "og:locale"]))
        .find(|(_, l)| !l.is_empty())
        .map(value);
    meta
}

/// Every `<meta>` tag's content by its lower-case `name`, `property`, `itemprop` or
/// `http-equiv`; the first of each name wins.
fn meta_tags(doc: &Document) -> HashMap<String, String> {
    let mut tags = HashMap::new();
    for node in doc.select("meta").nodes() {
        let Some(content) = node.attr("content") else {
            continue;
        };
        for key in ["name", "property", "itemprop", "http-equiv"] {
            if let Some(name) = node.attr(key) {
                tags.entry(meta_name(&name))
                    .or_insert_with(|| clean_text(&content));
            }
        }
    }
    tags
}

/// A `<meta>` name as looked up: lower case, with the colon some themes write as a character
/// reference (`og:article&#x3A;published_time`), which HTML parsers leave alone in names.
fn meta_name(name: &str) -> String {
    name.trim()
        .to_ascii_lowercase()
        .replace("&#x3a;", ":")
        .replace("&#58;", ":")
}

/// The `<h1>` that shares most words with the page's `og:title` or `<title>`, else that title
/// without the site's name, else the first `<h1>`. An `<h1>` that is the site's name (a logo)
/// is never the title.
fn title(doc: &Document, tags: &HashMap<String, String>) -> Option<GivenValue> {
    let head_title = clean_text(&doc.select_single("title").text());
    // An `og:title` that only names the site says nothing of the page.
    let site_name = tags.get("og:site_name").map(|s| s.to_lowercase());
    let og_title = tags
        .get("og:title")
        .filter(|t| !t.is_empty() && site_name.as_deref() != Some(&t.to_lowercase()));
    let (reference_source, reference) = match og_title {
        Some(og) => ("html.meta.og:title", og.clone()),
        None => ("html.title", head_title),
    };
    let reference_words = words(&reference);
    let headline = without_site_name(&reference, site_name.as_deref());
    let site_names: Vec<String> = title_parts(&reference)
        .into_iter()
        .filter(|p| *p != headline)
        .chain(tags.get("og:site_name").cloned())
        .map(|p| p.to_lowercase())
        .collect();
    let h1s: Vec<String> = doc
        .select("h1")
        .nodes()
        .iter()
        .map(|h| clean_text(&h.text()))
        .filter(|h| !h.is_empty() && !site_names.contains(&h.to_lowercase()))
        .filter(|h| !crate::text::is_domain_name(h))
        .collect();
    let best_h1 = h1s
        .iter()
        .map(|h| {
            let shared = words(h).intersection(&reference_words).count();
            (h, shared as f64 / reference_words.len().max(1) as f64)
        })
        .fold(
            None,
            |best: Option<(&String, f64)>, (h, share)| match best {
                Some((_, s)) if s >= share => best,
                _ => Some((h, share)),
            },
        );
    let found = |source: &str, value: String| {
        Some(GivenValue {
            value,
            source: source.to_string(),
        })
    };
    match best_h1 {
        Some((h1, share)) if share >= H1_TITLE_MIN_SHARE || reference.is_empty() => {
            found("html.h1", without_site_suffix(h1, &site_names))
        }
        _ if !reference.is_empty() => found(reference_source, headline),
        _ => None,
    }
}

/// "Headline | Site" -> "Headline": the longest part between title separators that is not
/// the site's name (lower case), when another part is left.
fn without_site_name(title: &str, site_name: Option<&str>) -> String {
    let parts = title_parts(title);
    let not_site = |p: &&String| parts.len() == 1 || site_name != Some(&p.to_lowercase());
    parts
        .iter()
        .filter(not_site)
        .max_by_key(|p| p.chars().count())
        .cloned()
        .unwrap_or_default()
}

/// A heading that ends with the site's name ("Best UK Art Exhibitions 2025 – Artlyst") without
/// it; `site_names` are lower case.
fn without_site_suffix(heading: &str, site_names: &[String]) -> String {
    TITLE_SEPARATORS
        .iter()
        .find_map(|sep| {
            let (head, tail) = heading.rsplit_once(sep)?;
            let head = head.trim();
            (!head.is_empty() && site_names.contains(&tail.trim().to_lowercase()))
                .then(|| head.to_string())
        })
        .unwrap_or_else(|| heading.to_string())
}

/// The parts of a title between separators, trimmed.
fn title_parts(title: &str) -> Vec<String> {
    let mut parts = vec![title];
    for sep in TITLE_SEPARATORS {
        parts = parts.iter().flat_map(|p| p.split(sep)).collect();
    }
    parts.into_iter().map(|p| p.trim().to_string()).collect()
}

fn words(text: &str) -> std::collections::HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whitespace collapsed to single spaces, ends trimmed.
fn clean_text(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The name in a byline ("By Jane Roe", "Written By: Jane Roe"), if it reads like one: a few
/// words, no digits, no url.
fn byline_name(text: &str) -> Option<String> {
    let mut name = clean_text(text);
    let lower = name.to_lowercase();
    if let Some(prefix) = BYLINE_PREFIXES.iter().find(|p| lower.starts_with(*p)) {
        name = name[prefix.len()..]
            .trim_start_matches([':', ' '])
            .to_string();
    }
    let name = name.trim_end_matches([' ', '-', '|', ',']).to_string();
    let words = name.split_whitespace().count();
    let reads_like_name = (1..=MAX_NAME_WORDS).contains(&words)
        && !name.chars().any(|c| c.is_ascii_digit())
        && !looks_like_url(&name)
        && !name.contains('@')
        && name.chars().next().is_some_and(char::is_alphabetic)
        && name.chars().any(char::is_uppercase);
    reads_like_name.then_some(name)
}

fn looks_like_url(text: &str) -> bool {
    text.starts_with("http://") || text.starts_with("https://")
}

/// The JSON-LD objects of a page, articles first, with an index of the objects by `@id` to
/// follow references (`"author": {"@id": "#/schema/person/1"}`).
struct JsonLd {
    objects: Vec<serde_json::Map<String, Value>>,
    by_id: HashMap<String, usize>,
}

impl JsonLd {
    fn read(doc: &Document) -> JsonLd {
        let mut objects = Vec::new();
        for script in doc.select(r#"script[type="application/ld+json"]"#).nodes() {
            // A broken block is skipped: the page's other metadata still counts.
            if let Ok(value) = serde_json::from_str::<Value>(script.text().trim()) {
                collect_objects(value, &mut objects, 0);
            }
        }
        objects.sort_by_key(|o| !is_article(o));
        let by_id = objects
            .iter()
            .enumerate()
            .filter_map(|(i, o)| Some((o.get("@id")?.as_str()?.to_string(), i)))
            .collect();
        JsonLd { objects, by_id }
    }

    /// The first string value of `key`, articles first.
    fn field(&self, key: &str) -> Option<(String, String)> {
        self.objects.iter().find_map(|o| {
            let value = string_of(o.get(key)?)?;
            Some((format!("html.json_ld.{key}"), value))
        })
    }

    /// The names of the first article's authors (people or organisations, by name or `@id`).
    fn authors(&self) -> Option<Vec<String>> {
        self.objects.iter().find_map(|o| {
            let names: Vec<String> = as_list(o.get("author")?)
                .filter_map(|a| self.name_of(a))
                .collect();
            (!names.is_empty()).then_some(names)
        })
    }

    fn publisher(&self) -> Option<(String, String)> {
        self.objects.iter().find_map(|o| {
            let name = as_list(o.get("publisher")?).find_map(|p| self.name_of(p))?;
            Some(("html.json_ld.publisher".to_string(), name))
        })
    }

    /// A person's or organisation's name: a string, an object's `name`, or the `name` of the
    /// object its `@id` points to.
    fn name_of(&self, value: &Value) -> Option<String> {
        let name = match value {
            Value::String(s) => Some(s.clone()),
            Value::Object(o) => o.get("name").and_then(string_of).or_else(|| {
                let target = &self.objects[*self.by_id.get(o.get("@id")?.as_str()?)?];
                target.get("name").and_then(string_of)
            }),
            _ => None,
        }?;
        let name = clean_text(&name);
        (!name.is_empty() && !looks_like_url(&name)).then_some(name)
    }
}

/// JSON-LD nests objects in arrays and `@graph`; this deep is enough for any real page.
const MAX_JSON_LD_DEPTH: usize = 8;

fn collect_objects(value: Value, out: &mut Vec<serde_json::Map<String, Value>>, depth: usize) {
    if depth > MAX_JSON_LD_DEPTH {
        return;
    }
    match value {
        Value::Array(items) => {
            for item in items {
                collect_objects(item, out, depth + 1);
            }
        }
        Value::Object(mut object) => {
            if let Some(graph) = object.remove("@graph") {
                collect_objects(graph, out, depth + 1);
            }
            out.push(object);
        }
        _ => {}
    }
}

fn is_article(object: &serde_json::Map<String, Value>) -> bool {
    object
        .get("@type")
        .is_some_and(|t| as_list(t).any(|t| t.as_str().is_some_and(|t| ARTICLE_TYPES.contains(&t))))
}

fn as_list(value: &Value) -> Box<dyn Iterator<Item = &Value> + '_> {
    match value {
        Value::Array(items) => Box::new(items.iter()),
        other => Box::new(std::iter::once(other)),
    }
}

/// A string, or the first string of a list, trimmed; `None` when empty.
fn string_of(value: &Value) -> Option<String> {
    let text = match value {
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().find_map(|i| i.as_str())?.to_string(),
        _ => return None,
    };
    let text = clean_text(&text);
    (!text.is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(html: &str) -> PageMetadata {
        let doc = Document::from(html);
        let blocks = super::super::blocks::text_blocks(&doc);
        page_metadata(&doc, None, &blocks)
    }

    #[test]
    fn json_ld_graph_with_author_reference() {
        let html = r##"<html lang="fr"><head><script type="application/ld+json">
        {"@context":"https://schema.org","@graph":[
          {"@type":"WebPage","@id":"https://x.fr/a#page","datePublished":"2020-01-01"},
          {"@type":"NewsArticle","headline":"Grève à Paris","datePublished":"2025-03-04T08:00:00+01:00",
           "dateModified":"2025-03-05","author":{"@id":"#/person/1"},
           "publisher":{"@type":"Organization","name":"Le Quotidien"}},
          {"@type":"Person","@id":"#/person/1","name":"Marie Dupont"}]}
        </script></head><body><h1>Grève à Paris</h1></body></html>"##;
        let m = meta(html);
        assert_eq!(
            m.authors,
            Some((vec!["Marie Dupont".into()], "html.json_ld.author".into()))
        );
        let published = m.published.unwrap();
        assert_eq!(
            (published.value.as_str(), published.source.as_str()),
            ("2025-03-04T08:00:00+01:00", "html.json_ld.datePublished")
        );
        assert_eq!(m.updated.unwrap().value, "2025-03-05");
        assert_eq!(m.publisher.unwrap().value, "Le Quotidien");
        assert_eq!(m.lang.unwrap().value, "fr");
        assert_eq!(m.title.unwrap().source, "html.h1");
    }

    #[test]
    fn an_og_title_or_h1_that_only_names_the_site_is_no_title() {
        let html = r#"<html><head><title>Industry News | Consulting Point</title>
        <meta property="og:title" content="Consulting Point">
        <meta property="og:site_name" content="Consulting Point"></head>
        <body><h1>consultingpoint.com</h1><p>Text.</p></body></html>"#;
        let title = meta(html).title.unwrap();
        assert_eq!(
            (title.value.as_str(), title.source.as_str()),
            ("Industry News", "html.title")
        );
    }

    #[test]
    fn an_h1_that_ends_with_the_site_name_gives_the_title_without_it() {
        let html = r#"<html><head><title>Best UK Art Exhibitions 2025 - Artlyst</title></head>
        <body><h1>Best UK Art Exhibitions 2025 – Artlyst</h1><p>Text.</p></body></html>"#;
        let title = meta(html).title.unwrap();
        assert_eq!(
            (title.value.as_str(), title.source.as_str()),
            ("Best UK Art Exhibitions 2025", "html.h1")
        );
        // A subtitle is no site name.
        let html = r#"<html><head><title>Week 5 - The Test | Blog</title></head>
        <body><h1>Week 5 – The Test</h1><p>Text.</p></body></html>"#;
        assert_eq!(meta(html).title.unwrap().value, "Week 5 – The Test");
    }

    #[test]
    fn a_link_previews_written_by_label_gives_the_author() {
        let html = r#"<html><head><title>Query plans</title>
        <meta name="twitter:label1" content="Est. reading time"><meta name="twitter:data1" content="9 minutes">
        <meta name="twitter:label2" content="Written by"><meta name="twitter:data2" content="Jane Roe">
        </head><body><p>Text.</p></body></html>"#;
        let (names, source) = meta(html).authors.unwrap();
        assert_eq!(
            (names, source.as_str()),
            (vec!["Jane Roe".to_string()], "html.meta.twitter:data2")
        );
    }

    #[test]
    fn meta_tags_when_there_is_no_json_ld() {
        let html = r#"<html><head><title>Budget vote delayed | The Daily Planet</title>
        <meta property="og:site_name" content="The Daily Planet">
        <meta property="article:published_time" content="2024-06-04T09:45:00Z">
        <meta property="article:author" content="https://facebook.com/someone">
        <meta name="author" content="Jane Roe">
        <link rel="canonical" href="https://planet.example/budget"></head>
        <body><h1>The Daily Planet</h1><p>Text.</p></body></html>"#;
        let m = meta(html);
        let title = m.title.unwrap();
        assert_eq!(
            (title.value.as_str(), title.source.as_str()),
            ("Budget vote delayed", "html.title")
        );
        assert_eq!(
            m.authors,
            Some((vec!["Jane Roe".into()], "html.meta.author".into()))
        );
        assert_eq!(
            m.published.unwrap().source,
            "html.meta.article:published_time"
        );
        assert_eq!(m.publisher.unwrap().source, "html.meta.og:site_name");
        let url = m.url.unwrap();
        assert_eq!(
            (url.value.as_str(), url.source.as_str()),
            ("https://planet.example/budget", "html.link.canonical")
        );
    }

    #[test]
    fn visible_byline_and_date_near_the_title() {
        let html = r#"<html><head><title>Best cheap laptops</title></head><body>
        <nav>Home</nav><h1>Best cheap laptops</h1><div>By</div><div>Kimber Streams</div>
        <p>January 16, 2026</p><p>Lots of laptops cost less than $500, but few are good.</p></body></html>"#;
        let m = meta(html);
        assert_eq!(
            m.authors,
            Some((
                vec!["Kimber Streams".into()],
                "html.byline_near_title".into()
            ))
        );
        let published = m.published.unwrap();
        assert_eq!(
            (published.value.as_str(), published.source.as_str()),
            ("January 16, 2026", "html.date_near_title")
        );
        let by_class = meta(r#"<h1>T</h1><span class="author-name">Written by: Jane Roe</span>"#);
        assert_eq!(
            by_class.authors,
            Some((vec!["Jane Roe".into()], "html.author_element".into()))
        );
    }

    #[test]
    fn the_stamp_after_the_title_and_its_time_element_give_the_date() {
        // A sidebar's dates stand above the headline; the article's own stamp follows it, and
        // its `<time>` element says which day "03/01/2017" is.
        let html = r#"<html><head><title>Candidate experience</title></head><body>
        <p>12/16/2025</p><p>A colleague passes away</p><p>12/04/2025</p>
        <h1>Candidate experience</h1>
        <p><time datetime="2017-03-01T12:00:00Z">03/01/2017</time> by Agatha Caleo</p>
        <p>A common question asked by candidates is which employer to choose first.</p></body></html>"#;
        let m = meta(html);
        let published = m.published.unwrap();
        assert_eq!(
            (published.value.as_str(), published.source.as_str()),
            ("2017-03-01T12:00:00Z", "html.time_near_title")
        );
        assert_eq!(
            m.published_shown.as_deref(),
            Some("03/01/2017 by Agatha Caleo")
        );
    }

    #[test]
    fn a_date_element_or_an_escaped_meta_name_gives_the_date() {
        let blog = meta(
            r#"<div><span class="date-updated">January 5, 2026</span>
            <h2 class="date">December 16, 2025</h2><p>Vibe coding.</p></div>"#,
        );
        assert_eq!(
            blog.published.map(|p| (p.value, p.source)),
            Some(("December 16, 2025".into(), "html.date_element".into()))
        );
        let shop = meta(
            r#"<meta property="og:article&#x3A;published_time" content="2026-01-14T18:50:43+00:00">"#,
        );
        assert_eq!(
            shop.published.map(|p| p.source),
            Some("html.meta.og:article:published_time".into())
        );
    }

    #[test]
    fn broken_json_ld_and_empty_page_give_nothing_and_no_panic() {
        let m = meta(r#"<script type="application/ld+json">{"@type": "NewsArticle", </script>"#);
        assert_eq!(m, PageMetadata::default());
        assert_eq!(
            page_metadata(&Document::from(""), Some("https://a.example/x"), &[])
                .url
                .unwrap()
                .source,
            "input.url"
        );
    }
}
