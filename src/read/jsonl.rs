//! JSON Lines (`.jsonl`, `.jsonl.gz`, `.json.gz`): one document per line. `LineRecords` streams
//! the lines of a file (gzip decompressed on the fly), holding one line at a time and never
//! more than `input.max_record_bytes` of it; `parse_record` turns a line into a text and the
//! metadata its keys state. A bad line is a reject naming its line; the lines after it are
//! still read. Only a stream that cannot be read on (a truncated gzip) ends the file early, and
//! that is a reject too.

use super::records::{Record, RecordContent};
use super::{InputFile, RejectReason};
use crate::config::InputConfig;
use crate::document::{GivenMetadata, GivenValue};
use serde_json::{Map, Value};
use std::io::{BufRead, BufReader};

/// Bytes read from the file at a time.
const READ_BUFFER: usize = 256 * 1024;

/// The lines of one JSON Lines file, as records.
pub struct LineRecords {
    reader: Box<dyn BufRead + Send>,
    file: String,
    path_warning: Option<String>,
    max_record_bytes: u64,
    /// Number of the line read last (1-based).
    line: u64,
    records: u64,
    ended: bool,
}

impl std::fmt::Debug for LineRecords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "LineRecords({} at line {})", self.file, self.line)
    }
}

impl LineRecords {
    /// Open a file for reading its lines; a `.gz` file is decompressed as it is read (every
    /// gzip member, one after the other).
    pub fn open(
        file: &InputFile,
        config: &InputConfig,
    ) -> Result<LineRecords, (RejectReason, String)> {
        let opened = std::fs::File::open(&file.path)
            .map_err(|e| (RejectReason::Unreadable, format!("cannot read: {e}")))?;
        let gzip = file
            .path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("gz"));
        let reader: Box<dyn BufRead + Send> = if gzip {
            let decoder = flate2::read::MultiGzDecoder::new(BufReader::new(opened));
            Box::new(BufReader::with_capacity(READ_BUFFER, decoder))
        } else {
            Box::new(BufReader::with_capacity(READ_BUFFER, opened))
        };
        Ok(LineRecords {
            reader,
            file: file.rel_path.clone(),
            path_warning: file.path_warning.clone(),
            max_record_bytes: config.max_record_bytes,
            line: 0,
            records: 0,
            ended: false,
        })
    }

    fn record(&mut self, content: Result<RecordContent, (RejectReason, String)>) -> Record {
        self.records += 1;
        Record {
            file: self.file.clone(),
            source_path: format!("{}#L{}", self.file, self.line),
            path_warning: self.path_warning.clone(),
            content,
        }
    }
}

impl Iterator for LineRecords {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        while !self.ended {
            self.line += 1;
            let line = self.line;
            match read_line(&mut self.reader, self.max_record_bytes) {
                Ok(Line::Text(bytes)) if bytes.trim_ascii().is_empty() => continue,
                Ok(Line::Text(bytes)) => {
                    return Some(self.record(Ok(RecordContent::JsonLine(bytes))))
                }
                Ok(Line::TooLong(size)) => {
                    let message = format!(
                        "line {line} is {size} bytes, over input.max_record_bytes = {}",
                        self.max_record_bytes
                    );
                    return Some(self.record(Err((RejectReason::TooLarge, message))));
                }
                Ok(Line::End) => self.ended = true,
                Err(e) => {
                    self.ended = true;
                    let message = format!(
                        "cannot read on from line {line}: {e} (a truncated or corrupt gzip stream?); \
                         the lines before it were read"
                    );
                    return Some(self.record(Err((RejectReason::Truncated, message))));
                }
            }
        }
        if self.records == 0 {
            // A file without records still counts as an input, so it is not lost silently.
            self.records = 1;
            return Some(Record {
                file: self.file.clone(),
                source_path: self.file.clone(),
                path_warning: self.path_warning.clone(),
                content: Err((
                    RejectReason::Empty,
                    "the JSON Lines file holds no record".into(),
                )),
            });
        }
        None
    }
}

enum Line {
    /// The line's bytes, without its line break.
    Text(Vec<u8>),
    /// A line over the limit: its size; its bytes were skipped, not kept.
    TooLong(u64),
    End,
}

/// Read one line, keeping at most `max_bytes` of it.
fn read_line(reader: &mut dyn BufRead, max_bytes: u64) -> std::io::Result<Line> {
    let mut bytes = Vec::new();
    let mut size = 0u64;
    let mut seen_any = false;
    loop {
        let buffer = match reader.fill_buf() {
            Ok(buffer) => buffer,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buffer.is_empty() {
            break;
        }
        seen_any = true;
        let (chunk, found_end) = match memchr::memchr(b'\n', buffer) {
            Some(i) => (&buffer[..i], Some(i + 1)),
            None => (buffer, None),
        };
        size += chunk.len() as u64;
        if size <= max_bytes {
            bytes.extend_from_slice(chunk);
        } else if !bytes.is_empty() {
            bytes = Vec::new();
        }
        let consumed = found_end.unwrap_or(chunk.len());
        reader.consume(consumed);
        if found_end.is_some() {
            break;
        }
    }
    if !seen_any {
        return Ok(Line::End);
    }
    if size > max_bytes {
        return Ok(Line::TooLong(size));
    }
    if bytes.last() == Some(&b'\r') {
        bytes.pop();
    }
    Ok(Line::Text(bytes))
}

/// A JSON Lines record as a text and the values its keys state.
#[derive(Debug)]
pub struct JsonRecord {
    pub text: String,
    /// Every key but the text's.
    pub front_matter: Option<Map<String, Value>>,
    pub given: GivenMetadata,
}

/// Parse one line: a JSON object with a string under one of `input.jsonl_text_keys`.
pub fn parse_record(
    line: &[u8],
    config: &InputConfig,
) -> Result<JsonRecord, (RejectReason, String)> {
    let invalid = |message: String| (RejectReason::InvalidRecord, message);
    let text = std::str::from_utf8(line).map_err(|e| {
        (
            RejectReason::InvalidEncoding,
            format!(
                "the line is not valid UTF-8 (byte {}), as JSON must be",
                e.valid_up_to()
            ),
        )
    })?;
    let value: Value =
        serde_json::from_str(text).map_err(|e| invalid(format!("the line is not JSON: {e}")))?;
    let Value::Object(mut object) = value else {
        return Err(invalid(format!(
            "the line is a JSON {}, not an object",
            kind_of(&value)
        )));
    };
    let Some(text_key) = first_key(&object, &config.jsonl_text_keys) else {
        return Err(invalid(format!(
            "the record has none of the text keys {:?} (input.jsonl_text_keys)",
            config.jsonl_text_keys
        )));
    };
    let text = match object.remove(&text_key) {
        Some(Value::String(text)) => text,
        Some(other) => {
            return Err(invalid(format!(
                "the text key '{text_key}' holds a JSON {}, not a string",
                kind_of(&other)
            )))
        }
        None => unreachable!("first_key found the key"),
    };
    let given_value = |keys: &[String]| {
        let key = keys.iter().find(|key| {
            object
                .get(key.as_str())
                .and_then(Value::as_str)
                .is_some_and(|v| !v.trim().is_empty())
        })?;
        Some(GivenValue {
            value: object[key.as_str()].as_str()?.trim().to_string(),
            source: format!("jsonl.{key}"),
        })
    };
    let given = GivenMetadata {
        title: given_value(&config.jsonl_title_keys),
        url: given_value(&config.jsonl_url_keys),
        published: given_value(&config.jsonl_date_keys),
    };
    Ok(JsonRecord {
        text,
        front_matter: (!object.is_empty()).then_some(object),
        given,
    })
}

fn first_key(object: &Map<String, Value>, keys: &[String]) -> Option<String> {
    keys.iter()
        .find(|key| object.contains_key(key.as_str()))
        .cloned()
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Read everything a reader gives, for tests of the line reader.
#[cfg(test)]
fn lines_of(bytes: &[u8], max_bytes: u64) -> Vec<String> {
    let mut reader = BufReader::with_capacity(7, bytes);
    let mut out = Vec::new();
    loop {
        match read_line(&mut reader, max_bytes).unwrap() {
            Line::Text(b) => out.push(String::from_utf8(b).unwrap()),
            Line::TooLong(n) => out.push(format!("<{n} bytes>")),
            Line::End => return out,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_over_the_limit_are_skipped_whole_and_reading_goes_on() {
        let text = b"{\"a\":1}\r\n0123456789abcdef\nshort\n\nlast without newline";
        assert_eq!(
            lines_of(text, 12),
            ["{\"a\":1}", "<16 bytes>", "short", "", "<20 bytes>"]
        );
        assert_eq!(lines_of(b"", 12), Vec::<String>::new());
        assert_eq!(lines_of(b"x\n", 12), ["x"]);
    }

    #[test]
    fn a_record_gives_its_text_keys_and_metadata() {
        let config = InputConfig::default();
        let line = br#"{"id": 7, "text": "Body.", "title": "A title", "published_at": "2024-03-01", "tags": ["a"]}"#;
        let record = parse_record(line, &config).unwrap();
        assert_eq!(record.text, "Body.");
        assert_eq!(record.given.title.unwrap().source, "jsonl.title");
        let published = record.given.published.unwrap();
        assert_eq!(
            (published.value.as_str(), published.source.as_str()),
            ("2024-03-01", "jsonl.published_at")
        );
        let front_matter = record.front_matter.unwrap();
        assert!(front_matter.contains_key("id") && front_matter.contains_key("tags"));
        assert!(!front_matter.contains_key("text"));
    }

    #[test]
    fn bad_records_say_what_is_wrong() {
        let config = InputConfig::default();
        let reason = |line: &[u8]| parse_record(line, &config).unwrap_err();
        assert_eq!(reason(b"[1, 2]").0, RejectReason::InvalidRecord);
        assert!(reason(b"[1, 2]").1.contains("array"));
        assert_eq!(reason(b"{\"text\": ").0, RejectReason::InvalidRecord);
        assert!(reason(br#"{"body": "x"}"#).1.contains("jsonl_text_keys"));
        assert!(reason(br#"{"text": 3}"#).1.contains("number"));
        assert_eq!(
            reason(b"{\"text\": \"caf\xE9\"}").0,
            RejectReason::InvalidEncoding
        );
    }
}
