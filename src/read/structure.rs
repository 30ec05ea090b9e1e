//! Shape checks on decoded text: overlong lines (split in linear time so no later stage does
//! quadratic work on a 10 MB line) and broken markup, which is kept as text and reported as a
//! warning on the document.

use regex::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// The byte length of the longest line, when it is over `max_bytes`.
pub fn longest_line_over(text: &str, max_bytes: usize) -> Option<usize> {
    let longest = text.split('\n').map(str::len).max().unwrap_or(0);
    (longest > max_bytes).then_some(longest)
}

/// Split every line longer than `max_bytes` at its last whitespace within the limit (or at the
/// limit, on a character boundary, when there is none). Returns the text and the number of
/// line breaks added.
pub fn split_long_lines(text: &str, max_bytes: usize) -> (String, usize) {
    let max_bytes = max_bytes.max(4);
    let mut out = String::with_capacity(text.len() + text.len() / max_bytes + 1);
    let mut added = 0;
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut rest = line;
        while rest.len() > max_bytes {
            let mut cut = max_bytes;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            let head = &rest[..cut];
            let (piece, next) = match head.rfind(char::is_whitespace) {
                Some(space) if space > 0 => {
                    let space_len = head[space..].chars().next().map_or(1, char::len_utf8);
                    (&rest[..space], &rest[space + space_len..])
                }
                _ => (head, &rest[cut..]),
            };
            out.push_str(piece);
            out.push('\n');
            added += 1;
            rest = next;
        }
        out.push_str(rest);
    }
    (out, added)
}

/// HTML elements that need a closing tag; other `<word>` spans are not taken for HTML.
const CLOSED_HTML_ELEMENTS: &[&str] = &[
    "a",
    "article",
    "aside",
    "b",
    "blockquote",
    "body",
    "code",
    "div",
    "em",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "html",
    "i",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "script",
    "section",
    "span",
    "strong",
    "style",
    "table",
    "td",
    "th",
    "tr",
    "u",
    "ul",
];

static HTML_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^<>]*?(/?)>").expect("valid tag pattern")
});

/// Warnings for markup that does not balance: an unclosed code fence or HTML comment, and
/// HTML elements opened and closed a different number of times. The text is left as it is.
pub fn markup_warnings(body: &str) -> Vec<String> {
    let mut warnings = Vec::new();
    let fences = body
        .lines()
        .filter(|line| {
            let line = line.trim_start();
            line.starts_with("```") || line.starts_with("~~~")
        })
        .count();
    if fences % 2 == 1 {
        warnings.push("unbalanced Markdown: a code fence (``` or ~~~) is never closed".into());
    }
    if let Some(open) = body.rfind("<!--") {
        if !body[open..].contains("-->") {
            warnings.push("unbalanced HTML: a comment <!-- is never closed".into());
        }
    }
    let mut balance: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for tag in HTML_TAG.captures_iter(body) {
        let name = tag[2].to_ascii_lowercase();
        if !CLOSED_HTML_ELEMENTS.contains(&name.as_str()) || !tag[3].is_empty() {
            continue;
        }
        let counts = balance.entry(name).or_default();
        if tag[1].is_empty() {
            counts.0 += 1;
        } else {
            counts.1 += 1;
        }
    }
    for (name, (opened, closed)) in balance {
        if opened != closed {
            warnings.push(format!(
                "unbalanced HTML: <{name}> opened {opened} times, closed {closed} times"
            ));
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_split_at_spaces_and_keep_every_word() {
        let line = "word ".repeat(1000);
        let (split, added) = split_long_lines(&format!("short\n{line}\nend"), 100);
        assert!(added >= 49);
        assert!(split.lines().all(|l| l.len() <= 100));
        let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(words(&split), words(&format!("short\n{line}\nend")));
    }

    #[test]
    fn a_line_without_spaces_is_cut_on_char_boundaries() {
        let line = "é".repeat(1000);
        let (split, added) = split_long_lines(&line, 101);
        assert_eq!(added, 19);
        assert_eq!(split.replace('\n', ""), line);
    }

    #[test]
    fn broken_markup_is_reported() {
        let w = markup_warnings("<div><p>text</p>\n```\ncode\n<!-- open");
        assert_eq!(w.len(), 3, "{w:?}");
        assert!(w
            .iter()
            .any(|w| w.contains("<div> opened 1 times, closed 0")));
        assert!(markup_warnings("<p>a <br> b</p> x <y> z").is_empty());
    }
}
