//! WARC (`.warc`, `.warc.gz`): every `response` record whose HTTP payload is HTML is a
//! document. `WarcRecords` streams a file record by record (a `.warc.gz` gzip member by gzip
//! member, as crawlers write one record per member), holding one record at a time and never
//! more than `input.max_record_bytes` of it. Other records (request, metadata, warcinfo, a
//! response that is not HTML or not a success) are skipped and counted. A broken record (no
//! version line, no Content-Length, fewer bytes than it says, no CRLF CRLF where its length
//! ends) is a reject with the reason; reading goes on at the next gzip member, or in a plain
//! `.warc` at the next line that starts a record.
//!
//! The `warc` crate (0.4) was evaluated and not used: its readers grow a buffer until they
//! find a line end (a 1 GB body without one is read whole), decompress a `.warc.gz` as one
//! stream so a record with a wrong length swallows the next ones, and cannot read on after an
//! error. The framing is a version line, header lines and Content-Length bytes; HTTP is parsed
//! with `httparse`.

use super::records::{Record, RecordContent};
use super::{InputFile, RejectReason};
use crate::config::InputConfig;
use flate2::bufread::GzDecoder;
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};

/// Bytes read from the file at a time.
const READ_BUFFER: usize = 256 * 1024;
/// A WARC header block (or an HTTP header block) larger than this is a broken record.
const MAX_HEADER_BYTES: usize = 64 * 1024;
/// HTTP headers parsed per response; more is a broken response.
const MAX_HTTP_HEADERS: usize = 128;

/// An HTML response of a WARC file: what the build needs of the record.
#[derive(Debug)]
pub struct WarcResponse {
    /// `WARC-Target-URI`.
    pub target_uri: Option<String>,
    /// `WARC-Date`: when the page was fetched.
    pub date: Option<String>,
    /// The HTTP `Content-Type`, with its charset if the server gave one.
    pub content_type: String,
    /// The HTTP `Content-Encoding` and `Transfer-Encoding`, undone by `payload`.
    content_encoding: Option<String>,
    chunked: bool,
    /// The HTTP body as stored.
    body: Vec<u8>,
}

impl WarcResponse {
    /// The charset the HTTP `Content-Type` names, if any.
    pub fn charset(&self) -> Option<&str> {
        self.content_type.split(';').skip(1).find_map(|param| {
            let (name, value) = param.split_once('=')?;
            name.trim()
                .eq_ignore_ascii_case("charset")
                .then(|| value.trim().trim_matches('"'))
        })
    }

    /// The HTTP body with its transfer and content encodings undone, never more than
    /// `max_bytes`.
    pub fn payload(&self, max_bytes: u64) -> Result<Vec<u8>, (RejectReason, String)> {
        let body = if self.chunked {
            dechunk(&self.body).ok_or_else(|| {
                invalid("the HTTP body says Transfer-Encoding: chunked but its chunks are broken")
            })?
        } else {
            self.body.clone()
        };
        let decoder: Box<dyn Read> = match self.content_encoding.as_deref() {
            None | Some("identity") => return Ok(body),
            Some("gzip" | "x-gzip") => Box::new(flate2::read::MultiGzDecoder::new(&body[..])),
            Some("deflate") => Box::new(flate2::read::ZlibDecoder::new(&body[..])),
            Some(other) => {
                return Err(invalid(&format!(
                    "the HTTP body is in Content-Encoding {other}, which is not read (gzip and deflate are)"
                )))
            }
        };
        let mut payload = Vec::new();
        decoder
            .take(max_bytes + 1)
            .read_to_end(&mut payload)
            .map_err(|e| invalid(&format!("the HTTP body cannot be decompressed: {e}")))?;
        if payload.len() as u64 > max_bytes {
            return Err((
                RejectReason::TooLarge,
                format!("the decompressed HTTP body is over input.max_record_bytes = {max_bytes}"),
            ));
        }
        Ok(payload)
    }
}

fn invalid(message: &str) -> (RejectReason, String) {
    (RejectReason::InvalidRecord, message.to_string())
}

/// Where the records come from: the plain file, or the gzip member being read.
enum Segment {
    Plain(BufReader<File>),
    Member(BufReader<GzDecoder<BufReader<File>>>),
}

impl Segment {
    fn reader(&mut self) -> &mut dyn BufRead {
        match self {
            Segment::Plain(reader) => reader,
            Segment::Member(reader) => reader,
        }
    }
}

/// The records of one WARC file.
pub struct WarcRecords {
    segment: Option<Segment>,
    /// A `.warc.gz` file after the members read so far, while no member is open.
    rest: Option<BufReader<File>>,
    file: String,
    path_warning: Option<String>,
    max_record_bytes: u64,
    /// Records seen so far (1-based number of the last).
    seen: u64,
    /// In a plain file, after a broken record: look for the next record's version line.
    resync: bool,
    /// Records yielded (skipped ones included).
    yielded: u64,
}

impl std::fmt::Debug for WarcRecords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "WarcRecords({} at record {})", self.file, self.seen)
    }
}

/// One record as read from the stream.
enum Parsed {
    End,
    Record {
        id: Option<String>,
        content: Result<RecordContent, (RejectReason, String)>,
    },
    /// The record cannot be framed: the stream is not where a record starts any more.
    Broken {
        id: Option<String>,
        reason: RejectReason,
        message: String,
        /// Its length is wrong: the next records may lie inside what was read as its block.
        wrong_length: bool,
    },
}

impl WarcRecords {
    pub fn open(
        file: &InputFile,
        config: &InputConfig,
    ) -> Result<WarcRecords, (RejectReason, String)> {
        let opened = File::open(&file.path)
            .map_err(|e| (RejectReason::Unreadable, format!("cannot read: {e}")))?;
        let reader = BufReader::with_capacity(READ_BUFFER, opened);
        let gzip = file
            .path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("gz"));
        let (segment, rest) = match gzip {
            true => (None, Some(reader)),
            false => (Some(Segment::Plain(reader)), None),
        };
        Ok(WarcRecords {
            segment,
            rest,
            file: file.rel_path.clone(),
            path_warning: file.path_warning.clone(),
            max_record_bytes: config.max_record_bytes,
            seen: 0,
            resync: false,
            yielded: 0,
        })
    }

    fn record(
        &mut self,
        id: Option<&str>,
        content: Result<RecordContent, (RejectReason, String)>,
    ) -> Record {
        self.yielded += 1;
        let locator = match id {
            Some(id) if id.starts_with('<') => id.to_string(),
            Some(id) => format!("<{id}>"),
            None => format!("record{}", self.seen),
        };
        Record {
            file: self.file.clone(),
            source_path: format!("{}#{locator}", self.file),
            path_warning: self.path_warning.clone(),
            content,
        }
    }

    /// Open the next gzip member; `None` at the end of the file.
    fn next_member(&mut self) -> Option<Result<(), String>> {
        let mut rest = self.rest.take()?;
        match rest.fill_buf() {
            Ok([]) => None,
            Ok(_) => {
                let member = GzDecoder::new(rest);
                self.segment = Some(Segment::Member(BufReader::with_capacity(
                    READ_BUFFER,
                    member,
                )));
                Some(Ok(()))
            }
            Err(e) => Some(Err(e.to_string())),
        }
    }

    /// Close the open segment; a gzip member is read to its end first, so the next one can
    /// start.
    fn close_segment(&mut self) -> Result<(), String> {
        match self.segment.take() {
            Some(Segment::Member(mut reader)) => {
                std::io::copy(&mut reader, &mut std::io::sink()).map_err(|e| e.to_string())?;
                self.rest = Some(reader.into_inner().into_inner());
                Ok(())
            }
            Some(Segment::Plain(_)) | None => Ok(()),
        }
    }
}

impl Iterator for WarcRecords {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        loop {
            if self.segment.is_none() {
                match self.next_member() {
                    None => break,
                    Some(Ok(())) => {}
                    Some(Err(e)) => {
                        self.seen += 1;
                        let message = format!("cannot read on after record {}: {e}", self.seen - 1);
                        return Some(self.record(None, Err((RejectReason::Unreadable, message))));
                    }
                }
            }
            let max_bytes = self.max_record_bytes;
            let segment = self.segment.as_mut().expect("a segment is open");
            if self.resync {
                self.resync = false;
                if let Err(e) = skip_to_version_line(segment.reader()) {
                    self.segment = None;
                    self.seen += 1;
                    let message = format!("cannot read on: {e}");
                    return Some(self.record(None, Err((RejectReason::Truncated, message))));
                }
            }
            // In a plain file a record with a wrong length is read again from its start.
            let start = match segment {
                Segment::Plain(reader) => reader.stream_position().ok(),
                Segment::Member(_) => None,
            };
            let parsed = read_record(segment.reader(), max_bytes);
            match parsed {
                Ok(Parsed::End) => {
                    if let Err(e) = self.close_segment() {
                        self.seen += 1;
                        let message = format!(
                            "the gzip member after record {} is broken: {e}",
                            self.seen - 1
                        );
                        return Some(self.record(None, Err((RejectReason::Truncated, message))));
                    }
                }
                Ok(Parsed::Record { id, content }) => {
                    self.seen += 1;
                    return Some(self.record(id.as_deref(), content));
                }
                Ok(Parsed::Broken {
                    id,
                    reason,
                    message,
                    wrong_length,
                }) => {
                    self.seen += 1;
                    let record = self.record(id.as_deref(), Err((reason, message)));
                    match &mut self.segment {
                        // The rest of this member is dropped; the next member starts clean.
                        Some(Segment::Member(_)) => {
                            if let Err(e) = self.close_segment() {
                                self.rest = None;
                                tracing::debug!(
                                    "{}: gzip member after a broken record: {e}",
                                    self.file
                                );
                            }
                        }
                        Some(Segment::Plain(reader)) => {
                            if let (true, Some(start)) = (wrong_length, start) {
                                // Past the broken record's own version line, the next one is
                                // looked for in what its wrong length swallowed.
                                let rewound = reader
                                    .seek(SeekFrom::Start(start))
                                    .and_then(|_| skip_past_version_line(reader));
                                if rewound.is_err() {
                                    self.segment = None;
                                }
                            }
                            self.resync = true;
                        }
                        None => {}
                    }
                    return Some(record);
                }
                Err(e) => {
                    // The stream itself fails (a truncated or corrupt gzip member).
                    self.seen += 1;
                    self.segment = None;
                    self.rest = None;
                    let message = format!(
                        "cannot read on from record {}: {e} (a truncated or corrupt gzip stream?); \
                         the records before it were read",
                        self.seen
                    );
                    return Some(self.record(None, Err((RejectReason::Truncated, message))));
                }
            }
        }
        if self.yielded == 0 {
            self.yielded = 1;
            return Some(Record {
                file: self.file.clone(),
                source_path: self.file.clone(),
                path_warning: self.path_warning.clone(),
                content: Err((RejectReason::Empty, "the WARC file holds no record".into())),
            });
        }
        None
    }
}

/// Skip lines up to and including the next one that starts with `WARC/`.
fn skip_past_version_line(reader: &mut dyn BufRead) -> std::io::Result<()> {
    loop {
        let mut line = Vec::new();
        if reader.read_until(b'\n', &mut line)? == 0 || line.starts_with(b"WARC/") {
            return Ok(());
        }
    }
}

/// Skip to the next line that starts with `WARC/` (left unread).
fn skip_to_version_line(reader: &mut dyn BufRead) -> std::io::Result<()> {
    loop {
        let buffer = reader.fill_buf()?;
        if buffer.is_empty() || buffer.starts_with(b"WARC/") {
            return Ok(());
        }
        let line_end = memchr::memchr(b'\n', buffer).map(|i| i + 1);
        let consumed = line_end.unwrap_or(buffer.len());
        reader.consume(consumed);
    }
}

/// Read one line of at most `max_bytes` (with its line break); `None` when longer.
fn read_header_line(
    reader: &mut dyn BufRead,
    max_bytes: usize,
) -> std::io::Result<Option<Vec<u8>>> {
    let mut line = Vec::new();
    reader
        .take(max_bytes as u64 + 1)
        .read_until(b'\n', &mut line)?;
    Ok((line.len() <= max_bytes).then_some(line))
}

/// Read one record; `Err` only when the stream cannot be read.
fn read_record(reader: &mut dyn BufRead, max_bytes: u64) -> std::io::Result<Parsed> {
    let broken = |id: Option<&str>, reason: RejectReason, message: String| Parsed::Broken {
        id: id.map(str::to_string),
        reason,
        message,
        wrong_length: false,
    };
    // Blank lines between records are tolerated.
    let version = loop {
        let Some(line) = read_header_line(reader, MAX_HEADER_BYTES)? else {
            return Ok(broken(
                None,
                RejectReason::InvalidRecord,
                "a line of over 64 KiB where a record should start".into(),
            ));
        };
        if line.is_empty() {
            return Ok(Parsed::End);
        }
        if !line.trim_ascii().is_empty() {
            break line;
        }
    };
    if !version.starts_with(b"WARC/") {
        return Ok(broken(
            None,
            RejectReason::InvalidRecord,
            "no WARC/ version line where a record should start".into(),
        ));
    }
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut header_bytes = version.len();
    loop {
        let Some(line) = read_header_line(reader, MAX_HEADER_BYTES)? else {
            return Ok(broken(
                None,
                RejectReason::InvalidRecord,
                "a header line of over 64 KiB".into(),
            ));
        };
        header_bytes += line.len();
        if line.is_empty() {
            let id = header(&headers, "WARC-Record-ID");
            return Ok(broken(
                id,
                RejectReason::Truncated,
                "the file ends inside the record's headers".into(),
            ));
        }
        if header_bytes > MAX_HEADER_BYTES {
            let id = header(&headers, "WARC-Record-ID");
            return Ok(broken(
                id,
                RejectReason::InvalidRecord,
                "the record's headers are over 64 KiB".into(),
            ));
        }
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            break;
        }
        match line.split_once(':') {
            Some((name, value)) => {
                headers.push((name.trim().to_string(), value.trim().to_string()))
            }
            // A folded header line continues the one before.
            None if line.starts_with([' ', '\t']) && !headers.is_empty() => {
                let last = headers.last_mut().expect("a header");
                last.1.push(' ');
                last.1.push_str(line.trim());
            }
            None => {
                let id = header(&headers, "WARC-Record-ID");
                return Ok(broken(
                    id,
                    RejectReason::InvalidRecord,
                    format!("a header line without a colon: {line:?}"),
                ));
            }
        }
    }
    let id = header(&headers, "WARC-Record-ID").map(str::to_string);
    let id = id.as_deref();
    let Some(length) = header(&headers, "Content-Length").and_then(|v| v.parse::<u64>().ok())
    else {
        return Ok(broken(
            id,
            RejectReason::InvalidRecord,
            "no valid Content-Length: the record's end cannot be found".into(),
        ));
    };
    let kind = header(&headers, "WARC-Type")
        .unwrap_or("")
        .to_ascii_lowercase();
    let keep = kind == "response" && length <= max_bytes;
    let mut block = Vec::new();
    let read = if keep {
        reader.take(length).read_to_end(&mut block)? as u64
    } else {
        std::io::copy(&mut reader.take(length), &mut std::io::sink())?
    };
    let wrong_length = |reason: RejectReason, message: String| Parsed::Broken {
        id: id.map(str::to_string),
        reason,
        message,
        wrong_length: true,
    };
    if read < length {
        return Ok(wrong_length(
            RejectReason::Truncated,
            format!("the record ends after {read} of its Content-Length = {length} bytes"),
        ));
    }
    let mut end = [0u8; 4];
    let ended = read_up_to(reader, &mut end)?;
    if &end[..ended] != b"\r\n\r\n" {
        return Ok(wrong_length(
            RejectReason::InvalidRecord,
            format!("wrong Content-Length = {length}: the record does not end (CRLF CRLF) after its block"),
        ));
    }
    let content = if kind != "response" {
        Ok(RecordContent::Skipped(format!(
            "warc_type.{}",
            if kind.is_empty() { "missing" } else { &kind }
        )))
    } else if !keep {
        Err((
            RejectReason::TooLarge,
            format!("the record is {length} bytes, over input.max_record_bytes = {max_bytes}"),
        ))
    } else if id.is_none() {
        Err(invalid("the response record has no WARC-Record-ID"))
    } else {
        http_response(&headers, block)
    };
    Ok(Parsed::Record {
        id: id.map(str::to_string),
        content,
    })
}

/// Read as many bytes as fit in `buffer`, fewer only at the end of the stream.
fn read_up_to(reader: &mut dyn BufRead, buffer: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match reader.read(&mut buffer[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// The HTTP response in a response record's block: an HTML page, or why it is skipped.
fn http_response(
    warc_headers: &[(String, String)],
    mut block: Vec<u8>,
) -> Result<RecordContent, (RejectReason, String)> {
    let mut parsed_headers = [httparse::EMPTY_HEADER; MAX_HTTP_HEADERS];
    let mut response = httparse::Response::new(&mut parsed_headers);
    let body_start = match response.parse(&block) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => {
            return Err(invalid("the response block ends inside its HTTP headers"))
        }
        Err(e) => {
            return Err(invalid(&format!(
                "the response block is not an HTTP response: {e}"
            )))
        }
    };
    let status = response.code.unwrap_or(0);
    let http_header = |name: &str| {
        response
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_string())
    };
    let content_type = http_header("Content-Type").unwrap_or_default();
    let content_encoding = http_header("Content-Encoding").map(|v| v.to_ascii_lowercase());
    let chunked = http_header("Transfer-Encoding")
        .is_some_and(|v| v.to_ascii_lowercase().contains("chunked"));
    if !(200..300).contains(&status) {
        return Ok(RecordContent::Skipped("response.not_success".into()));
    }
    let media_type = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if !matches!(media_type.as_str(), "text/html" | "application/xhtml+xml") {
        return Ok(RecordContent::Skipped("response.not_html".into()));
    }
    let body = block.split_off(body_start);
    Ok(RecordContent::WarcResponse(Box::new(WarcResponse {
        target_uri: header(warc_headers, "WARC-Target-URI").map(str::to_string),
        date: header(warc_headers, "WARC-Date").map(str::to_string),
        content_type,
        content_encoding,
        chunked,
        body,
    })))
}

/// The body of a chunked HTTP transfer, or `None` when the chunks are broken.
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let line_end = memchr::memchr(b'\n', body)?;
        let size_text = std::str::from_utf8(&body[..line_end]).ok()?;
        let size_text = size_text.split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        body = &body[line_end + 1..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = body.get(size..)?;
        body = body
            .strip_prefix(b"\r\n")
            .or_else(|| body.strip_prefix(b"\n"))?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn warc_record(kind: &str, id: &str, block: &[u8], length: usize) -> Vec<u8> {
        let mut record = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{id}>\r\nWARC-Date: 2024-05-01T10:00:00Z\r\nWARC-Target-URI: https://news.example/{id}\r\nContent-Length: {length}\r\n\r\n"
        )
        .into_bytes();
        record.extend_from_slice(block);
        record.extend_from_slice(b"\r\n\r\n");
        record
    }

    fn read_all(bytes: &[u8]) -> Vec<String> {
        let mut reader = BufReader::new(bytes);
        let mut out = Vec::new();
        let mut resync = false;
        loop {
            if resync {
                skip_to_version_line(&mut reader).unwrap();
            }
            resync = false;
            match read_record(&mut reader, 1 << 20).unwrap() {
                Parsed::End => return out,
                Parsed::Record { id, content } => out.push(match content {
                    Ok(RecordContent::Skipped(kind)) => format!("{} skipped {kind}", id.unwrap()),
                    Ok(RecordContent::WarcResponse(r)) => {
                        format!("{} html {}", id.unwrap(), r.charset().unwrap_or("-"))
                    }
                    Ok(RecordContent::JsonLine(_)) => unreachable!(),
                    Err((reason, _)) => format!("{} {}", id.unwrap_or_default(), reason.code()),
                }),
                Parsed::Broken { id, reason, .. } => {
                    resync = true;
                    out.push(format!(
                        "{} broken {}",
                        id.unwrap_or_default(),
                        reason.code()
                    ));
                }
            }
        }
    }

    #[test]
    fn responses_skips_and_a_wrong_length_read_on() {
        let html = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=ISO-8859-1\r\n\r\n<html><p>Hi</p></html>";
        let image = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG";
        let moved = b"HTTP/1.1 301 Moved\r\nLocation: /b\r\nContent-Type: text/html\r\n\r\n";
        let mut file = Vec::new();
        file.extend(warc_record("warcinfo", "info", b"software: test", 14));
        file.extend(warc_record("response", "a", html, html.len()));
        file.extend(warc_record("request", "q", b"GET / HTTP/1.1\r\n\r\n", 18));
        file.extend(warc_record("response", "broken", html, html.len() - 5));
        file.extend(warc_record("response", "img", image, image.len()));
        file.extend(warc_record("response", "moved", moved, moved.len()));
        assert_eq!(
            read_all(&file),
            [
                "<urn:uuid:info> skipped warc_type.warcinfo",
                "<urn:uuid:a> html ISO-8859-1",
                "<urn:uuid:q> skipped warc_type.request",
                "<urn:uuid:broken> broken invalid_record",
                "<urn:uuid:img> skipped response.not_html",
                "<urn:uuid:moved> skipped response.not_success",
            ]
        );
    }

    #[test]
    fn chunked_and_gzip_payloads_are_undone() {
        assert_eq!(
            dechunk(b"4\r\nWiki\r\n5;x=y\r\npedia\r\n0\r\n\r\n").unwrap(),
            b"Wikipedia"
        );
        assert!(dechunk(b"9\r\nWiki\r\n").is_none());
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut encoder, b"<html>gz</html>").unwrap();
        let response = WarcResponse {
            target_uri: None,
            date: None,
            content_type: "text/html".into(),
            content_encoding: Some("gzip".into()),
            chunked: false,
            body: encoder.finish().unwrap(),
        };
        assert_eq!(response.payload(1 << 20).unwrap(), b"<html>gz</html>");
        assert_eq!(response.payload(4).unwrap_err().0, RejectReason::TooLarge);
    }
}
