//! HTML pages: decode them (byte order mark, charset hint, meta charset, detection), find the
//! article with rs-trafilatura (the best of the extractors measured: docs/input-formats.md),
//! read the metadata the page declares, and list the blocks left outside the article.

mod blocks;
mod charset;
mod page_meta;

use std::panic::{self, AssertUnwindSafe};

use crate::document::PageMetadata;

use crate::read::RejectReason;

/// A text block dropped by the extractor is kept in `removed` up to this many characters.
const MAX_OUTSIDE_BLOCK_CHARS: usize = 200;
/// At most this many dropped blocks are listed per page (menus can have thousands).
const MAX_OUTSIDE_BLOCKS: usize = 200;

/// An HTML page read into the article text and the page's own metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlPage {
    /// The article's text, one block per line.
    pub text: String,
    /// WHATWG name of the encoding the page was decoded from, lower case.
    pub encoding: String,
    pub meta: PageMetadata,
    /// The visible text blocks the extractor left out (bounded, each truncated).
    pub outside_article: Vec<String>,
    pub warnings: Vec<String>,
}

/// Why a page could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlReject {
    pub reason: RejectReason,
    pub message: String,
}

/// Read an HTML page from its (uncompressed) bytes. `charset_hint` is the charset a transport
/// declared (an HTTP `Content-Type`), `url` where the page was fetched from. Never panics.
pub fn read_html(
    bytes: &[u8],
    charset_hint: Option<&str>,
    url: Option<&str>,
) -> Result<HtmlPage, HtmlReject> {
    let decoded = charset::decode_html(bytes, charset_hint)
        .map_err(|(reason, message)| HtmlReject { reason, message })?;
    let mut warnings = decoded.warnings;
    let doc = dom_query::Document::from(decoded.text.as_str());
    let blocks = blocks::text_blocks(&doc);
    let meta = page_meta::page_metadata(&doc, url, &blocks);
    let options = rs_trafilatura::Options {
        url: url.map(str::to_string),
        include_images: false,
        ..rs_trafilatura::Options::default()
    };
    // rs-trafilatura can panic on some pages (it slices a string at a byte offset inside a
    // character); one page must not stop the run, so the cleaner then reads every text block.
    let extracted = panic::catch_unwind(AssertUnwindSafe(|| {
        rs_trafilatura::extract_with_options(&decoded.text, &options)
    }));
    let text = match extracted {
        Ok(Ok(result)) => article_lines(&result.content_text),
        Ok(Err(e)) => {
            warnings.push(format!("html: no article found ({e})"));
            String::new()
        }
        Err(_) => {
            warnings.push(
                "html: the article extractor failed on this page; all its text blocks are kept"
                    .to_string(),
            );
            article_lines(&blocks.join("\n"))
        }
    };
    let outside = blocks::outside_article(blocks, &text);
    let dropped = outside.len();
    let mut outside_article: Vec<String> = outside
        .into_iter()
        .take(MAX_OUTSIDE_BLOCKS)
        .map(|block| truncate_chars(&block, MAX_OUTSIDE_BLOCK_CHARS))
        .collect();
    if dropped > MAX_OUTSIDE_BLOCKS {
        outside_article.push(format!("... {} more blocks", dropped - MAX_OUTSIDE_BLOCKS));
    }
    Ok(HtmlPage {
        text,
        encoding: decoded.encoding,
        meta,
        outside_article,
        warnings,
    })
}

/// The extractor's text with blank lines dropped and each line trimmed: one block per line, as
/// the cleaner reads a text dump. rs-trafilatura joins a table row's cells with " | "; tabs keep
/// the row without making it look like a menu line ("Home | News | Sport") to the cleaner.
fn article_lines(text: &str) -> String {
    text.lines()
        .map(|l| l.trim().replace(" | ", "\t"))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

fn truncate_chars(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_page_gives_text_metadata_and_dropped_blocks() {
        let para = "The council voted on Tuesday to delay the budget until the spring, after a long debate about the cost of the new bridge and the schools.";
        let html = format!(
            r#"<html lang="en"><head><meta charset="utf-8"><title>Budget delayed | Gazette</title></head>
            <body><nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
            <article><h1>Budget delayed</h1><p>{para}</p><p>{para}</p><p>{para}</p></article>
            <footer><p>Copyright 2025 Gazette Media. All rights reserved.</p></footer></body></html>"#
        );
        let page = read_html(
            html.as_bytes(),
            None,
            Some("https://gazette.example/budget"),
        )
        .unwrap();
        assert!(page.text.contains("The council voted"), "{}", page.text);
        assert!(!page.text.contains("All rights reserved"), "{}", page.text);
        assert!(
            page.outside_article
                .iter()
                .any(|b| b.contains("All rights reserved")),
            "{:?}",
            page.outside_article
        );
        assert_eq!(page.meta.title.unwrap().value, "Budget delayed");
        assert_eq!(page.encoding, "utf-8");
    }

    #[test]
    fn hostile_bytes_never_panic() {
        for bytes in [
            &b""[..],
            b"<",
            b"<html><body><p>\xFF\xFE\xFD</p>",
            b"<meta charset=\"\">",
            b"\xEF\xBB\xBF",
        ] {
            let _ = read_html(bytes, Some("bogus"), None);
        }
        assert_eq!(truncate_chars("abcdé", 4), "abcd…");
        assert_eq!(truncate_chars("abc", 4), "abc");
    }

    #[test]
    fn a_page_the_extractor_fails_on_keeps_its_text_and_says_so() {
        // rs-trafilatura 0.2.2 panics on "By" after two-byte signs (found by fuzzing).
        let page = read_html("<p>££££By Ann Lee</p>".as_bytes(), None, None).unwrap();
        assert_eq!(page.text, "££££By Ann Lee");
        assert!(
            page.warnings.iter().any(|w| w.contains("extractor failed")),
            "{:?}",
            page.warnings
        );
    }
}
