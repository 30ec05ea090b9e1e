//! Read stage: find the input files, decode them, split off front matter.

mod decode;
mod discover;
mod front_matter;
mod jsonl;
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
use crate::document::{Document, Format, GivenMetadata};
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
    /// An HTML page of a WARC file, in a build without the HTML reader.
    HtmlNotRead,
    /// A compressed stream that ends or breaks before its end.
    Truncated,
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
            RejectReason::HtmlNotRead => "html_not_read",
            RejectReason::Truncated => "truncated",
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
    pub body: String,
    warnings: Vec<String>,
    given: GivenMetadata,
}

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

/// The extension that names a file's format, lower case: the last one, or two for a
/// compressed format (`jsonl.gz`).
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
        None => path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default(),
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
    let extension = format_extension(&file.path);
    let format = format_of(&file.path, config).filter(|f| !f.holds_records());
    let Some(format) = format else {
        return Err(reject(
            RejectReason::UnsupportedExtension,
            format!(
                "extension '.{extension}' is not read (input.extensions lists {:?})",
                config.extensions
            ),
            0,
        ));
    };
    let bytes = read_bounded(&file.path, config.max_file_bytes)
        .map_err(|(reason, message)| reject(reason, message, 0))?;
    let bytes_read = bytes.len() as u64;
    let decoded = decode(&bytes, config.max_control_ratio)
        .map_err(|(reason, message)| reject(reason, message, bytes_read))?;
    let mut warnings: Vec<String> = file.path_warning.iter().cloned().collect();
    warnings.extend(decoded.warning);
    let text = shaped_text(decoded.text, config, &mut warnings)
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
        encoding: decoded.encoding,
        front_matter: split.front_matter,
        body: split.body,
        warnings,
        given: GivenMetadata::default(),
    })
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
                body,
                warnings,
                given: parsed.given,
            })
        }
        RecordContent::WarcResponse(response) => {
            let payload = response
                .payload(config.max_record_bytes)
                .map_err(|e| reject(e, 0))?;
            // The article is found by the HTML reader (branch html), not merged here yet.
            Err(reject(
                (
                    RejectReason::HtmlNotRead,
                    format!(
                        "an HTML page of {} bytes ({}, charset {}) from {}, fetched {}: this build has no HTML reader to extract its article",
                        payload.len(),
                        response.content_type,
                        response.charset().unwrap_or("not given"),
                        response.target_uri.as_deref().unwrap_or("an unknown url"),
                        response.date.as_deref().unwrap_or("at an unknown date"),
                    ),
                ),
                payload.len() as u64,
            ))
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

/// Checks and fixes every decoded text gets: empty text, overlong lines.
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
    if text.trim().is_empty() {
        warnings.push("empty: the input holds no text".into());
    }
    Ok(text)
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
