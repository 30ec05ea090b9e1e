//! Read stage: find the input files, decode them, split off front matter.

mod decode;
mod discover;
mod front_matter;
pub mod html;
pub mod select;
mod structure;

pub use decode::{decode, normalize_line_endings, Decoded};
pub use discover::{escape_path, Discovery, InputFile};
pub use front_matter::{split_front_matter, Split};

use crate::config::{EmptyDocuments, InputConfig, LongLines};
use crate::document::{Document, Format, Removal};
use serde::{Deserialize, Serialize};
use std::io::Read;

/// Why an input did not become a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RejectReason {
    UnsupportedExtension,
    Unreadable,
    TooLarge,
    Binary,
    InvalidEncoding,
    Empty,
    NoContent,
    LineTooLong,
    NotAFile,
    BrokenSymlink,
    SymlinkLoop,
    SymlinkOutsideInput,
}

impl RejectReason {
    pub fn code(self) -> &'static str {
        match self {
            RejectReason::UnsupportedExtension => "unsupported_extension",
            RejectReason::Unreadable => "unreadable",
            RejectReason::TooLarge => "too_large",
            RejectReason::Binary => "binary",
            RejectReason::InvalidEncoding => "invalid_encoding",
            RejectReason::Empty => "empty",
            RejectReason::NoContent => "no_content",
            RejectReason::LineTooLong => "line_too_long",
            RejectReason::NotAFile => "not_a_file",
            RejectReason::BrokenSymlink => "broken_symlink",
            RejectReason::SymlinkLoop => "symlink_loop",
            RejectReason::SymlinkOutsideInput => "symlink_outside_input",
        }
    }
}

/// An input that was not turned into a document, with the reason.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Reject {
    pub source_path: String,
    pub reason: RejectReason,
    pub message: String,
    pub bytes_read: u64,
}

/// An input decoded and split from its front matter: all a pass over the corpus's lines needs,
/// without the content hash and markup checks that only a document gets.
pub struct InputText {
    /// The file as read, for the content hash.
    bytes: Vec<u8>,
    pub format: Format,
    encoding: String,
    front_matter: Option<serde_json::Map<String, serde_json::Value>>,
    /// What an HTML page declares about itself.
    page_meta: Option<html::PageMetadata>,
    /// The text blocks of an HTML page outside its article.
    outside_article: Vec<String>,
    pub body: String,
    warnings: Vec<String>,
}

/// The rule id of a block an HTML page shows outside its article.
pub const OUTSIDE_ARTICLE_RULE: &str = "html.outside_article";

/// Read one input file into a `Document`, or say why it cannot be one.
pub fn read_document(file: &InputFile, config: &InputConfig) -> Result<Document, Reject> {
    let input = read_text(file, config)?;
    let mut doc = Document::new(
        file.rel_path.clone(),
        crate::text::sha256_hex(&input.bytes),
        input.bytes.len() as u64,
        input.format,
        String::new(),
    );
    doc.encoding = input.encoding;
    doc.front_matter = input.front_matter;
    doc.page_meta = input.page_meta;
    doc.removed = input
        .outside_article
        .into_iter()
        .map(|text| Removal {
            rule_id: OUTSIDE_ARTICLE_RULE.into(),
            text,
            category: "html".into(),
            field: None,
            score: None,
        })
        .collect();
    doc.warnings = input.warnings;
    doc.warnings.extend(structure::markup_warnings(&input.body));
    doc.body = input.body;
    Ok(doc)
}

/// Read and decode one input file and split off its front matter, or say why it cannot be a
/// document.
pub fn read_text(file: &InputFile, config: &InputConfig) -> Result<InputText, Reject> {
    let reject = |reason: RejectReason, message: String, bytes_read: u64| Reject {
        source_path: file.rel_path.clone(),
        reason,
        message,
        bytes_read,
    };
    if let Some((reason, message)) = &file.problem {
        return Err(reject(*reason, message.clone(), 0));
    }
    let (extension, gzipped) = input_extension(&file.path);
    let format = Format::from_extension(&extension).filter(|_| {
        config
            .extensions
            .iter()
            .any(|e| e.eq_ignore_ascii_case(&extension))
    });
    let Some(format) = format else {
        return Err(reject(
            RejectReason::UnsupportedExtension,
            format!(
                "extension '.{extension}{}' is not read (input.extensions lists {:?})",
                if gzipped { ".gz" } else { "" },
                config.extensions
            ),
            0,
        ));
    };
    let bytes = read_bounded(&file.path, config.max_file_bytes)
        .map_err(|(reason, message)| reject(reason, message, 0))?;
    let bytes_read = bytes.len() as u64;
    let content: std::borrow::Cow<[u8]> = if gzipped {
        gunzip_bounded(&bytes, config.max_file_bytes)
            .map_err(|(reason, message)| reject(reason, message, bytes_read))?
            .into()
    } else {
        bytes.as_slice().into()
    };
    let mut warnings: Vec<String> = file.path_warning.iter().cloned().collect();
    let mut page_meta = None;
    let mut outside_article = Vec::new();
    let (mut text, encoding) = if format == Format::Html {
        let page = html::read_html(&content, None, None)
            .map_err(|r| reject(r.reason, r.message, bytes_read))?;
        warnings.extend(page.warnings);
        page_meta = Some(page.meta);
        outside_article = page.outside_article;
        (page.text, page.encoding)
    } else {
        let decoded = decode(&content, config.max_control_ratio)
            .map_err(|(reason, message)| reject(reason, message, bytes_read))?;
        warnings.extend(decoded.warning);
        (decoded.text, decoded.encoding)
    };
    if text.trim().is_empty() && config.empty_documents == EmptyDocuments::Reject {
        return Err(reject(
            RejectReason::Empty,
            if format == Format::Html {
                "the page holds no article text (input.empty_documents = \"reject\")".into()
            } else {
                "the file holds no text (input.empty_documents = \"reject\")".into()
            },
            bytes_read,
        ));
    }
    if let Some(longest) = structure::longest_line_over(&text, config.max_line_bytes) {
        match config.long_lines {
            LongLines::Reject => {
                return Err(reject(
                    RejectReason::LineTooLong,
                    format!(
                        "a line of {longest} bytes is over input.max_line_bytes = {} (input.long_lines = \"reject\")",
                        config.max_line_bytes
                    ),
                    bytes_read,
                ))
            }
            LongLines::Split => {
                let (split, pieces) = structure::split_long_lines(&text, config.max_line_bytes);
                text = split;
                warnings.push(format!(
                    "lines over input.max_line_bytes = {} were split into {pieces} lines at spaces",
                    config.max_line_bytes
                ));
            }
        }
    }
    if text.trim().is_empty() {
        warnings.push("empty: the file holds no text".into());
    }
    let split = if format == Format::Md {
        split_front_matter(&text)
    } else {
        Split {
            front_matter: None,
            body: text,
            warning: None,
        }
    };
    warnings.extend(split.warning);
    Ok(InputText {
        bytes,
        format,
        encoding,
        front_matter: split.front_matter,
        page_meta,
        outside_article,
        body: split.body,
        warnings,
    })
}

/// Whether an input is an HTML page (`.html`, `.htm`, or either gzipped), by its name.
pub fn is_html(file: &InputFile) -> bool {
    Format::from_extension(&input_extension(&file.path).0) == Some(Format::Html)
}

/// The extension that names the format, lower case, and whether a `.gz` follows it
/// (`page.html.gz` -> `("html", true)`).
fn input_extension(path: &std::path::Path) -> (String, bool) {
    let lower = |p: &std::path::Path| {
        p.extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default()
    };
    let extension = lower(path);
    if extension == "gz" {
        if let Some(stem) = path.file_stem() {
            let inner = lower(std::path::Path::new(stem));
            if !inner.is_empty() {
                return (inner, true);
            }
        }
    }
    (extension, false)
}

/// Decompress a gzip file, never to more than `max_bytes`; a truncated or corrupt stream is
/// unreadable.
fn gunzip_bounded(bytes: &[u8], max_bytes: u64) -> Result<Vec<u8>, (RejectReason, String)> {
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes)
        .take(max_bytes + 1)
        .read_to_end(&mut out)
        .map_err(|e| {
            (
                RejectReason::Unreadable,
                format!("gzip stream is truncated or corrupt: {e}"),
            )
        })?;
    if out.len() as u64 > max_bytes {
        return Err((
            RejectReason::TooLarge,
            format!("decompresses to more than input.max_file_bytes = {max_bytes}"),
        ));
    }
    Ok(out)
}

/// Read a whole file, never more than `max_bytes`, even if it grows while being read.
fn read_bounded(path: &std::path::Path, max_bytes: u64) -> Result<Vec<u8>, (RejectReason, String)> {
    let unreadable = |e: std::io::Error| (RejectReason::Unreadable, format!("cannot read: {e}"));
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let size = file.metadata().map_err(unreadable)?.len();
    let too_large = |size: u64| {
        (
            RejectReason::TooLarge,
            format!("{size} bytes is over input.max_file_bytes = {max_bytes}"),
        )
    };
    if size > max_bytes {
        return Err(too_large(size));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}
