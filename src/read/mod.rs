//! Read stage: find the input files, decode them, split off front matter.

mod front_matter;
pub mod select;

pub use front_matter::{split_front_matter, Split};

use crate::config::InputConfig;
use crate::document::{Document, Format};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// A file found under the input folder.
#[derive(Debug, Clone)]
pub struct InputFile {
    pub path: PathBuf,
    /// Path relative to the input folder, `/`-separated.
    pub rel_path: String,
}

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

/// Every regular file under `root`, sorted by relative path so runs are deterministic.
pub fn discover(root: &Path) -> std::io::Result<Vec<InputFile>> {
    let mut files = Vec::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let entry = entry?;
            let path = entry.path();
            let file_type = entry.file_type()?;
            if file_type.is_dir() {
                pending.push(path);
            } else if file_type.is_file() {
                let rel_path = relative_path(root, &path);
                files.push(InputFile { path, rel_path });
            }
        }
    }
    files.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
    Ok(files)
}

fn relative_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Read one input file into a `Document`, or say why it cannot be one.
pub fn read_document(file: &InputFile, config: &InputConfig) -> Result<Document, Reject> {
    let reject = |reason: RejectReason, message: String, bytes_read: u64| Reject {
        source_path: file.rel_path.clone(),
        reason,
        message,
        bytes_read,
    };
    let extension = file
        .path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
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
                "extension '.{extension}' is not read (input.extensions lists {:?})",
                config.extensions
            ),
            0,
        ));
    };
    let size = std::fs::metadata(&file.path)
        .map_err(|e| reject(RejectReason::Unreadable, e.to_string(), 0))?
        .len();
    if size > config.max_file_bytes {
        return Err(reject(
            RejectReason::TooLarge,
            format!(
                "{size} bytes is over input.max_file_bytes = {}",
                config.max_file_bytes
            ),
            0,
        ));
    }
    let bytes = std::fs::read(&file.path)
        .map_err(|e| reject(RejectReason::Unreadable, e.to_string(), 0))?;
    let bytes_read = bytes.len() as u64;
    let text = decode(&bytes).map_err(|(reason, message)| reject(reason, message, bytes_read))?;
    if text.trim().is_empty() {
        return Err(reject(
            RejectReason::Empty,
            "the file holds no text".into(),
            bytes_read,
        ));
    }
    let source_sha256 = crate::text::sha256_hex(&bytes);
    let mut doc = Document::new(
        file.rel_path.clone(),
        source_sha256,
        bytes_read,
        format,
        String::new(),
    );
    let split = if format == Format::Md {
        split_front_matter(&text)
    } else {
        Split {
            front_matter: None,
            body: text,
            warning: None,
        }
    };
    doc.front_matter = split.front_matter;
    doc.body = split.body;
    doc.warnings.extend(split.warning);
    Ok(doc)
}

/// Decode bytes as UTF-8 text with LF line endings; refuse binary content.
pub fn decode(bytes: &[u8]) -> Result<String, (RejectReason, String)> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        return Err((
            RejectReason::Binary,
            format!("NUL byte at offset {pos}: binary content, not text"),
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        (
            RejectReason::InvalidEncoding,
            format!("not valid UTF-8 ({e})"),
        )
    })?;
    Ok(normalize_line_endings(text))
}

/// CRLF and lone CR become LF.
pub fn normalize_line_endings(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_string();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_strips_bom_and_crlf() {
        assert_eq!(decode(b"\xEF\xBB\xBFa\r\nb\rc").unwrap(), "a\nb\nc");
    }

    #[test]
    fn decode_rejects_binary_and_bad_utf8() {
        assert_eq!(
            decode(b"PK\x03\x04\x00").unwrap_err().0,
            RejectReason::Binary
        );
        assert_eq!(
            decode(b"caf\xe9").unwrap_err().0,
            RejectReason::InvalidEncoding
        );
    }
}
