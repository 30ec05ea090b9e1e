//! The page's visible text as blocks (one per paragraph, heading, list item, cell ...), to list
//! the blocks the article extractor left out.

use dom_query::{Document, NodeRef};

/// Elements whose text is never shown as page text.
const HIDDEN: &[&str] = &[
    "head", "script", "style", "noscript", "template", "svg", "iframe", "object", "canvas",
    "select",
];

/// Elements that start and end a block of text. HTML facts, not tuning.
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
    "body",
    "html",
    "button",
    "option",
    "label",
    "caption",
];

/// The blocks of visible text in document order, whitespace collapsed, empty ones left out.
pub fn text_blocks(doc: &Document) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current = String::new();
    walk(&doc.root(), &mut current, &mut blocks);
    flush(&mut current, &mut blocks);
    blocks
}

fn walk(node: &NodeRef, current: &mut String, blocks: &mut Vec<String>) {
    for child in node.children_it(false) {
        if child.is_text() {
            current.push_str(&child.text());
        } else if child.is_element() {
            let name = child.node_name().unwrap_or_default().to_ascii_lowercase();
            if HIDDEN.contains(&name.as_str()) {
                continue;
            }
            let is_block = BLOCK.contains(&name.as_str());
            if is_block {
                flush(current, blocks);
            } else {
                // Inline elements still separate words ("<span>a</span><span>b</span>").
                current.push(' ');
            }
            walk(&child, current, blocks);
            if is_block {
                flush(current, blocks);
            }
        } else if child.is_document() || child.is_fragment() {
            walk(&child, current, blocks);
        }
    }
}

fn flush(current: &mut String, blocks: &mut Vec<String>) {
    let text = current.split_whitespace().collect::<Vec<_>>().join(" ");
    if !text.is_empty() {
        blocks.push(text);
    }
    current.clear();
}

/// Lower-case words joined by single spaces, to compare texts whatever their markup and
/// punctuation.
pub fn word_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(word.chars().flat_map(char::to_lowercase));
    }
    key
}

/// The blocks whose words do not appear in the extracted article.
pub fn outside_article(blocks: Vec<String>, article: &str) -> Vec<String> {
    let article_key = format!(" {} ", word_key(article));
    blocks
        .into_iter()
        .filter(|block| {
            let key = word_key(block);
            !key.is_empty() && !article_key.contains(&format!(" {key} "))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_follow_block_elements_and_skip_hidden_ones() {
        let doc = Document::from(
            "<html><head><title>T</title></head><body><nav><a>Home</a><a>News</a></nav>\
             <script>var x = 1;</script><p>First <b>bold</b> line.</p><ul><li>One</li><li>Two</li></ul>\
             Tail<span>word</span></body></html>",
        );
        assert_eq!(
            text_blocks(&doc),
            ["Home News", "First bold line.", "One", "Two", "Tail word"]
        );
    }

    #[test]
    fn only_blocks_missing_from_the_article_are_outside() {
        let blocks = vec![
            "Subscribe now".to_string(),
            "First bold line.".to_string(),
            "One".to_string(),
        ];
        assert_eq!(
            outside_article(blocks, "First bold line!\nOne two three."),
            ["Subscribe now"]
        );
    }
}
