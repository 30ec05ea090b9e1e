//! Markup to plain text: HTML comments, tags and entities, Markdown headings, emphasis, links,
//! images, list markers and escaped line breaks. Words are kept; link targets, images and
//! comments are reported as removals. Pure formatting characters are dropped silently.

use crate::document::Removal;
use regex::Regex;
use std::sync::LazyLock;

/// A line after markup removal, with what its markup said about it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlainLine {
    pub text: String,
    /// A Markdown or HTML heading.
    pub heading: bool,
    /// The line held nothing but links (a list of related articles, a menu).
    pub link_only: bool,
    /// The line was a list item behind a bullet ("• ", "- ").
    pub bullet: bool,
}

static HTML_COMMENT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?s)<!--.*?-->").unwrap());
static SCRIPT_OR_STYLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?is)<(script|style|noscript)\b[^>]*>.*?</(script|style|noscript)\s*>").unwrap()
});
static BREAK_TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)<br\s*/?>|</p\s*>|<p\b[^>]*>").unwrap());
static HEADING_TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^\s*<h[1-6]\b").unwrap());
static HTML_TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"</?[a-zA-Z][a-zA-Z0-9-]*(\s[^<>]*)?/?>").unwrap());
static IMAGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"!\[([^\]]*)\]\(([^)\s]*)(\s+[^)]*)?\)").unwrap());
static LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[([^\]]*)\]\(([^)\s]*)(\s+[^)]*)?\)").unwrap());
static REFERENCE_LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[([^\]]+)\]\[[^\]]*\]").unwrap());
static LINK_DEFINITION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s{0,3}\[[^\]]+\]:\s*\S+").unwrap());
static AUTOLINK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<(https?://[^>\s]+)>").unwrap());
static HEADING: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s{0,3}(#{1,6})\s+").unwrap());
static CLOSING_HASHES: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s+#+\s*$").unwrap());
static BULLET: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*[-*+•]\s+").unwrap());
static ORDERED_ITEM: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*\d{1,3}[.)]\s+").unwrap());
static BLOCKQUOTE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*(>\s?)+").unwrap());
static RULE_LINE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*([-*_=]\s*){3,}$").unwrap());
static STRONG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\*\*|__)([^\s*_](?:.*?[^\s*_])?)(\*\*|__)").unwrap());
static EMPHASIS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(^|[\s(«“\x22])[*_]([^\s*_](?:[^*_]*?[^\s*_])?)[*_]").unwrap());
static ESCAPE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\\([\\`*_{}\[\]()#+\-.!|<>~])").unwrap());
static ENTITY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});").unwrap());

fn record(removed: &mut Vec<Removal>, rule_id: &str, text: &str) {
    let text = text.trim();
    if !text.is_empty() {
        removed.push(Removal {
            rule_id: rule_id.to_string(),
            text: text.to_string(),
            category: "markup".to_string(),
            field: None,
            score: None,
        });
    }
}

/// Turn a document body into plain lines, recording the removed link targets, images and comments.
/// `markdown` enables the Markdown-only rules (ordered list markers, which in plain text could
/// be a date such as "12. Juni").
pub fn to_plain_lines(body: &str, markdown: bool, removed: &mut Vec<Removal>) -> Vec<PlainLine> {
    let mut text = body.to_string();
    for (regex, rule_id) in [
        (&*HTML_COMMENT, "markup.html_comment"),
        (&*SCRIPT_OR_STYLE, "markup.html_script"),
    ] {
        if regex.is_match(&text) {
            for m in regex.find_iter(&text) {
                record(removed, rule_id, m.as_str());
            }
            text = regex.replace_all(&text, "").into_owned();
        }
    }
    if text.contains('<') {
        text = BREAK_TAG.replace_all(&text, "\n").into_owned();
    }
    let mut lines = Vec::new();
    for raw in text.split('\n') {
        lines.push(plain_line(raw, markdown, removed));
    }
    lines
}

fn plain_line(raw: &str, markdown: bool, removed: &mut Vec<Removal>) -> PlainLine {
    let mut heading = false;
    let mut line = raw.trim_end().to_string();
    // A trailing backslash is a Markdown hard line break.
    while line.ends_with('\\') && !line.ends_with("\\\\") {
        line.pop();
        line.truncate(line.trim_end().len());
    }
    if RULE_LINE.is_match(&line) {
        return PlainLine::default();
    }
    if LINK_DEFINITION.is_match(&line) {
        record(removed, "markup.link_definition", &line);
        return PlainLine::default();
    }
    if line.contains('<') {
        heading |= HEADING_TAG.is_match(&line);
        line = AUTOLINK.replace_all(&line, "$1").into_owned();
        line = HTML_TAG.replace_all(&line, "").into_owned();
    }
    if let Some(m) = BLOCKQUOTE.find(&line) {
        line = line[m.end()..].to_string();
    }
    if let Some(caps) = HEADING.captures(&line) {
        heading = true;
        line = line[caps.get(0).unwrap().end()..].to_string();
        line = CLOSING_HASHES.replace(&line, "").into_owned();
    }
    let bullet = BULLET.find(&line).map(|m| m.end());
    if let Some(end) = bullet {
        line = line[end..].to_string();
    } else if markdown {
        if let Some(m) = ORDERED_ITEM.find(&line) {
            line = line[m.end()..].to_string();
        }
    }
    let mut link_only = false;
    if line.contains("](") || line.contains("][") {
        for caps in IMAGE.captures_iter(&line) {
            record(removed, "markup.image", caps.get(0).unwrap().as_str());
        }
        line = IMAGE.replace_all(&line, "").into_owned();
        let without_links = LINK.replace_all(&line, "");
        link_only = LINK.is_match(&line) && !without_links.chars().any(|c| c.is_alphanumeric());
        for caps in LINK.captures_iter(&line) {
            record(removed, "markup.link_target", caps.get(2).unwrap().as_str());
        }
        line = LINK.replace_all(&line, "$1").into_owned();
        line = REFERENCE_LINK.replace_all(&line, "$1").into_owned();
    }
    if line.contains('*') || line.contains('_') {
        line = STRONG.replace_all(&line, "$2").into_owned();
        line = EMPHASIS.replace_all(&line, "$1$2").into_owned();
    }
    if line.contains('\\') {
        line = ESCAPE.replace_all(&line, "$1").into_owned();
    }
    if line.contains('&') {
        line = decode_entities(&line);
    }
    PlainLine {
        text: line.trim().to_string(),
        heading,
        link_only,
        bullet: bullet.is_some(),
    }
}

fn decode_entities(line: &str) -> String {
    ENTITY
        .replace_all(line, |caps: &regex::Captures| {
            let name = &caps[1];
            let decoded = if let Some(hex) = name.strip_prefix("#x").or(name.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
            } else if let Some(dec) = name.strip_prefix('#') {
                dec.parse::<u32>().ok().and_then(char::from_u32)
            } else {
                named_entity(name)
            };
            decoded.map_or_else(|| caps[0].to_string(), |c| c.to_string())
        })
        .into_owned()
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{00A0}',
        "laquo" => '«',
        "raquo" => '»',
        "rsquo" => '’',
        "lsquo" => '‘',
        "ldquo" => '“',
        "rdquo" => '”',
        "hellip" => '…',
        "mdash" => '—',
        "ndash" => '–',
        "eacute" => 'é',
        "egrave" => 'è',
        "agrave" => 'à',
        "ccedil" => 'ç',
        "euro" => '€',
        "copy" => '©',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(body: &str) -> (Vec<PlainLine>, Vec<Removal>) {
        let mut removed = Vec::new();
        (to_plain_lines(body, true, &mut removed), removed)
    }

    #[test]
    fn links_keep_their_text_and_report_the_target() {
        let (lines, removed) =
            plain("qui regroupe [la Russie](https://www.lesechos.fr/monde/x-2028217) , l'Arménie");
        assert_eq!(lines[0].text, "qui regroupe la Russie , l'Arménie");
        assert!(!lines[0].link_only);
        assert_eq!(removed[0].rule_id, "markup.link_target");
        assert_eq!(removed[0].text, "https://www.lesechos.fr/monde/x-2028217");
    }

    #[test]
    fn link_only_lines_and_headings() {
        let (lines, _) = plain("### LIRE AUSSI :\n\n[Le Haut-Karabakh se vide](https://x.fr/a)");
        assert!(lines[0].heading);
        assert_eq!(lines[0].text, "LIRE AUSSI :");
        assert!(lines[2].link_only);
        assert_eq!(lines[2].text, "Le Haut-Karabakh se vide");
    }

    #[test]
    fn comments_and_escaped_breaks_are_removed() {
        let (lines, removed) = plain("<!--EndFragment-->\\\n\\\nSerge **Tateossian**");
        assert_eq!(lines[0].text, "");
        assert_eq!(lines[1].text, "");
        assert_eq!(lines[2].text, "Serge Tateossian");
        assert_eq!(removed[0].rule_id, "markup.html_comment");
    }

    #[test]
    fn images_tags_and_entities() {
        let (lines, removed) = plain("![Poutine](assets/img/p.jpg)<b>Texte</b> &amp; suite&nbsp;!");
        assert_eq!(lines[0].text, "Texte & suite\u{a0}!");
        assert_eq!(removed[0].rule_id, "markup.image");
    }

    #[test]
    fn plain_text_keeps_numbered_dates() {
        let mut removed = Vec::new();
        let lines = to_plain_lines("12. Juni 2024 war ein Tag.", false, &mut removed);
        assert_eq!(lines[0].text, "12. Juni 2024 war ein Tag.");
    }
}
