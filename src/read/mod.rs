//! Read stage: find the input files, decode them, split off front matter.

mod decode;
mod discover;
mod front_matter;
pub mod html;
mod jsonl;
mod mojibake;
mod records;
pub mod select;
mod structure;
mod warc;

pub use decode::{decode, normalize_line_endings, Decoded};
pub use discover::{escape_path, Discovery, InputFile};
pub use front_matter::{split_front_matter, Split};
pub use jsonl::parse_record as parse_json_record;
pub use records::{holds_records, Input, Inputs, Record, RecordContent};
pub use warc::WarcResponse;

use crate::config::{EmptyDocuments, InputConfig, LongLines};
use crate::document::{Document, Format, GivenMetadata, GivenValue, PageMetadata, Removal};
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
    /// A record of a JSON Lines or WARC file that cannot be read as one (not an object with a
    /// text, a WARC record without its framing or HTTP response).
    InvalidRecord,
    /// A compressed stream that ends or breaks before its end.
    Truncated,
    /// corpusmill failed on this document (a panic: a bug to report); the run went on.
    InternalError,
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
            RejectReason::InvalidRecord => "invalid_record",
            RejectReason::Truncated => "truncated",
            RejectReason::InternalError => "internal_error",
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
    page_meta: Option<PageMetadata>,
    /// The text blocks of an HTML page outside its article.
    outside_article: Vec<String>,
    pub body: String,
    warnings: Vec<String>,
    given: GivenMetadata,
}

/// The rule id of a block an HTML page shows outside its article.
pub const OUTSIDE_ARTICLE_RULE: &str = "html.outside_article";

/// Read one input into a `Document`, or say why it cannot be one.
pub fn read_document(source: &Input, config: &InputConfig) -> Result<Document, Reject> {
    let input = read_text(source, config)?;
    let mut doc = Document::new(
        source.source_path().to_string(),
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
    doc.given = input.given;
    doc.warnings.extend(structure::markup_warnings(&input.body));
    doc.body = input.body;
    Ok(doc)
}

/// Read and decode one input and split off its front matter, or say why it cannot be a
/// document.
pub fn read_text(input: &Input, config: &InputConfig) -> Result<InputText, Reject> {
    match input {
        Input::File(file) => read_file_text(file, config),
        Input::Record(record) => read_record_text(record, config),
    }
}

/// The extension that names a file's format, lower case: two for a file of records that names
/// its compression (`jsonl.gz`), else the one before any `.gz` (`page.html.gz` -> `html`).
fn format_extension(path: &std::path::Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let compound = Format::COMPOUND_EXTENSIONS
        .iter()
        .find(|ext| name.ends_with(&format!(".{ext}")));
    match compound {
        Some(ext) => ext.to_string(),
        None => input_extension(path).0,
    }
}

/// The format of a file, when `input.extensions` selects its extension.
fn format_of(path: &std::path::Path, config: &InputConfig) -> Option<Format> {
    let extension = format_extension(path);
    Format::from_extension(&extension).filter(|_| {
        config
            .extensions
            .iter()
            .any(|e| e.eq_ignore_ascii_case(&extension))
    })
}

fn read_file_text(file: &InputFile, config: &InputConfig) -> Result<InputText, Reject> {
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
    let format = format_of(&file.path, config).filter(|f| !f.holds_records());
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
    let (text, encoding) = if format == Format::Html {
        let page = html::read_html(&content, None, None)
            .map_err(|r| reject(r.reason, r.message, bytes_read))?;
        warnings.extend(page.warnings);
        page_meta = Some(repaired_page_meta(page.meta, config));
        outside_article = page.outside_article;
        (page.text, page.encoding)
    } else {
        let decoded = decode(&content, config.max_control_ratio)
            .map_err(|(reason, message)| reject(reason, message, bytes_read))?;
        warnings.extend(decoded.warning);
        (decoded.text, decoded.encoding)
    };
    let text = shaped_text(text, config, &mut warnings)
        .map_err(|(reason, message)| reject(reason, message, bytes_read))?;
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
        given: GivenMetadata::default(),
    })
}

/// Whether an input is an HTML page (`.html`, `.htm`, either gzipped, or a WARC record), by
/// its file's name.
pub fn is_html_page(input: &Input) -> bool {
    Format::from_extension(&format_extension(std::path::Path::new(input.file_path())))
        .is_some_and(Format::is_html_page)
}

/// One record of a file of records: its text, checked like a file's.
fn read_record_text(record: &Record, config: &InputConfig) -> Result<InputText, Reject> {
    let reject = |(reason, message): (RejectReason, String), bytes_read: u64| Reject {
        source_path: record.source_path.clone(),
        reason,
        message,
        bytes_read,
    };
    let content = record.content.as_ref().map_err(|e| reject(e.clone(), 0))?;
    match content {
        RecordContent::JsonLine(line) => {
            let bytes_read = line.len() as u64;
            let parsed = jsonl::parse_record(line, config).map_err(|e| reject(e, bytes_read))?;
            decode::check_control_chars(&parsed.text, config.max_control_ratio)
                .map_err(|e| reject(e, bytes_read))?;
            let mut warnings: Vec<String> = record.path_warning.iter().cloned().collect();
            let text = normalize_line_endings(&parsed.text);
            let body =
                shaped_text(text, config, &mut warnings).map_err(|e| reject(e, bytes_read))?;
            Ok(InputText {
                bytes: line.clone(),
                format: Format::Jsonl,
                encoding: "utf-8".into(),
                front_matter: parsed.front_matter,
                page_meta: None,
                outside_article: Vec::new(),
                body,
                warnings,
                given: parsed.given,
            })
        }
        RecordContent::WarcResponse(response) => {
            let payload = response
                .payload(config.max_record_bytes)
                .map_err(|e| reject(e, 0))?;
            let bytes_read = payload.len() as u64;
            let url = response.target_uri.as_deref();
            let page = html::read_html(&payload, response.charset(), url)
                .map_err(|r| reject((r.reason, r.message), bytes_read))?;
            let mut warnings: Vec<String> = record.path_warning.iter().cloned().collect();
            warnings.extend(page.warnings);
            let body =
                shaped_text(page.text, config, &mut warnings).map_err(|e| reject(e, bytes_read))?;
            let record_id = record.source_path[record.file.len()..].trim_start_matches('#');
            let mut front_matter = serde_json::Map::new();
            front_matter.insert("warc_record_id".into(), record_id.into());
            for (key, value) in [
                ("warc_target_uri", url),
                ("fetched_at", response.date.as_deref()),
            ] {
                if let Some(value) = value {
                    front_matter.insert(key.into(), value.into());
                }
            }
            Ok(InputText {
                bytes: payload,
                format: Format::Warc,
                encoding: page.encoding,
                front_matter: Some(front_matter),
                page_meta: Some(repaired_page_meta(page.meta, config)),
                outside_article: page.outside_article,
                body,
                warnings,
                given: GivenMetadata {
                    url: url.map(|value| GivenValue {
                        value: value.to_string(),
                        source: "warc.WARC-Target-URI".into(),
                    }),
                    ..GivenMetadata::default()
                },
            })
        }
        RecordContent::Skipped(kind) => Err(reject(
            (
                RejectReason::InvalidRecord,
                format!("a {kind} record holds no document"),
            ),
            0,
        )),
    }
}

/// A page's declared title, authors and publisher, with their mojibake read back as the text's.
fn repaired_page_meta(mut meta: PageMetadata, config: &InputConfig) -> PageMetadata {
    if !config.repair_mojibake {
        return meta;
    }
    let repair = |value: &mut String| {
        if let Some((repaired, _)) = mojibake::repair(value) {
            *value = repaired;
        }
    };
    for given in [&mut meta.title, &mut meta.publisher].into_iter().flatten() {
        repair(&mut given.value);
    }
    if let Some((names, _)) = &mut meta.authors {
        names.iter_mut().for_each(repair);
    }
    meta
}

/// Checks and fixes every decoded text gets: empty text, overlong lines, mojibake.
fn shaped_text(
    mut text: String,
    config: &InputConfig,
    warnings: &mut Vec<String>,
) -> Result<String, (RejectReason, String)> {
    if text.trim().is_empty() && config.empty_documents == EmptyDocuments::Reject {
        return Err((
            RejectReason::Empty,
            "the input holds no text (input.empty_documents = \"reject\")".into(),
        ));
    }
    if let Some(longest) = structure::longest_line_over(&text, config.max_line_bytes) {
        match config.long_lines {
            LongLines::Reject => {
                return Err((
                    RejectReason::LineTooLong,
                    format!(
                        "a line of {longest} bytes is over input.max_line_bytes = {} (input.long_lines = \"reject\")",
                        config.max_line_bytes
                    ),
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
    if config.repair_mojibake {
        if let Some((repaired, count)) = mojibake::repair(&text) {
            text = repaired;
            warnings.push(format!(
                "mojibake: {count} characters were UTF-8 once read as Windows-1252 and were read back (input.repair_mojibake)"
            ));
        }
    }
    if text.trim().is_empty() {
        warnings.push("empty: the input holds no text".into());
    }
    Ok(text)
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
