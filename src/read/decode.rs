//! Bytes to text: refuse binary formats by magic number, honour byte order marks, take strict
//! UTF-8 as is, and guess legacy encodings (windows-1252, KOI8-R, Shift_JIS ...) with chardetng.
//! Nothing is ever decoded lossily: bytes the chosen encoding cannot map are a reject.

use super::RejectReason;
use encoding_rs::{Encoding, UTF_8};

/// Text decoded from a file, and how.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// LF line endings, no byte order mark.
    pub text: String,
    /// WHATWG name of the encoding, lower case (`utf-8`, `utf-16le`, `windows-1252`, ...).
    pub encoding: String,
    /// Set when the encoding was guessed with low confidence.
    pub warning: Option<String>,
}

/// File signatures of formats that are never article text. Format facts, not tuning.
const BINARY_SIGNATURES: &[(&[u8], &str)] = &[
    (b"%PDF-", "PDF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xFF\xD8\xFF", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"RIFF", "RIFF container (WebP, WAV, AVI)"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"PK\x03\x04", "ZIP archive (or docx/xlsx/epub)"),
    (b"PK\x05\x06", "empty ZIP archive"),
    (b"\x1F\x8B", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xFD7zXZ\x00", "xz archive"),
    (b"7z\xBC\xAF\x27\x1C", "7-Zip archive"),
    (b"Rar!\x1A\x07", "RAR archive"),
    (b"\x28\xB5\x2F\xFD", "zstd archive"),
    (
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
        "OLE2 document (doc/xls)",
    ),
    (b"\x7FELF", "ELF executable"),
    (b"\x00asm", "WebAssembly module"),
    (b"\xFF\xFE\x00\x00", "UTF-32 text (not supported)"),
    (b"\x00\x00\xFE\xFF", "UTF-32 text (not supported)"),
];

pub(super) type DecodeError = (RejectReason, String);

/// Without a byte order mark, a NUL byte means binary data or BOM-less UTF-16.
pub(super) fn check_no_nul(bytes: &[u8]) -> Result<(), DecodeError> {
    match bytes.iter().position(|&b| b == 0) {
        Some(pos) => Err((
            RejectReason::Binary,
            format!(
                "NUL byte at offset {pos}: binary content, or UTF-16 without a byte order mark"
            ),
        )),
        None => Ok(()),
    }
}

/// Decode a file's bytes. `max_control_ratio` is the share of control characters (other than
/// tab, LF, CR and form feed) above which decoded text is taken for binary data.
pub fn decode(bytes: &[u8], max_control_ratio: f64) -> Result<Decoded, DecodeError> {
    check_binary_signature(bytes)?;
    let (text, encoding, warning) = if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let text = decode_strict(encoding, &bytes[bom_len..])?;
        (text, encoding, None)
    } else {
        check_no_nul(bytes)?;
        match std::str::from_utf8(bytes) {
            Ok(text) => (text.to_string(), UTF_8, None),
            Err(_) => guess_legacy(bytes)?,
        }
    };
    check_control_chars(&text, max_control_ratio)?;
    Ok(Decoded {
        text: normalize_line_endings(&text),
        encoding: encoding.name().to_ascii_lowercase(),
        warning,
    })
}

/// Refuse a file that starts with the signature of a binary format.
pub(super) fn check_binary_signature(bytes: &[u8]) -> Result<(), DecodeError> {
    match BINARY_SIGNATURES
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
    {
        Some((_, format)) => Err((
            RejectReason::Binary,
            format!("starts with the signature of a {format}, not text"),
        )),
        None => Ok(()),
    }
}

/// Not UTF-8 and no BOM: let chardetng pick the legacy encoding, then decode strictly.
pub(super) fn guess_legacy(
    bytes: &[u8],
) -> Result<(String, &'static Encoding, Option<String>), DecodeError> {
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let (encoding, confident) = detector.guess_assess(None, false);
    let text = decode_strict(encoding, bytes)?;
    let warning = (!confident).then(|| {
        format!(
            "not UTF-8; decoded as {}, a low-confidence guess",
            encoding.name()
        )
    });
    Ok((text, encoding, warning))
}

pub(super) fn decode_strict(
    encoding: &'static Encoding,
    bytes: &[u8],
) -> Result<String, DecodeError> {
    encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|text| text.into_owned()).ok_or_else(|| {
        (
            RejectReason::InvalidEncoding,
            format!(
                "bytes that are not valid {} (the encoding its byte order mark or chardetng chose): \
                 truncated or mixed-encoding file; re-encode it as UTF-8",
                encoding.name()
            ),
        )
    })
}

/// A C1 control right after a Latin-1 character ("â\u{80}\u{99}") is mojibake of UTF-8 read as
/// Latin-1, which the reader repairs, not a sign of binary data.
pub(super) fn check_control_chars(text: &str, max_ratio: f64) -> Result<(), DecodeError> {
    let (total, control) = control_chars(text);
    if total > 0 && control as f64 > max_ratio * total as f64 {
        return Err((
            RejectReason::Binary,
            format!(
                "{control} of {total} characters are control characters (over input.max_control_ratio = {max_ratio}): binary content, not text"
            ),
        ));
    }
    Ok(())
}

/// The characters of `text` and the control characters among them (tab, line breaks and form
/// feed are no controls, nor is a C1 control of mojibake).
fn control_chars(text: &str) -> (usize, usize) {
    // Read as UTF-8 bytes: a character starts at every byte that is no continuation byte, a C1
    // control U+0080-U+009F is C2 80-9F, and a character of U+0080-U+00FF starts with C2 or C3.
    let bytes = text.as_bytes();
    let mut total = 0usize;
    let mut control = 0usize;
    let mut previous_latin1 = false;
    for (i, &b) in bytes.iter().enumerate() {
        if b & 0xC0 == 0x80 {
            continue;
        }
        total += 1;
        let is_control = match b {
            b'\t' | b'\n' | b'\r' | 0x0C => false,
            0x00..=0x1F | 0x7F => true,
            0xC2 => bytes.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n)) && !previous_latin1,
            _ => false,
        };
        control += usize::from(is_control);
        previous_latin1 = matches!(b, 0xC2 | 0xC3);
    }
    (total, control)
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
    fn control_chars_are_counted_as_by_character() {
        // The definition, one character at a time.
        let by_char = |text: &str| {
            let mut previous = '\0';
            let mut control = 0;
            for c in text.chars() {
                let mojibake =
                    ('\u{80}'..='\u{9f}').contains(&c) && ('\u{80}'..='\u{ff}').contains(&previous);
                if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0C') && !mojibake {
                    control += 1;
                }
                previous = c;
            }
            (text.chars().count(), control)
        };
        for text in [
            "",
            "plain text\twith\r\nbreaks\x0C",
            "\x00\x01\x7f binary \x1b[0m",
            "â\u{80}\u{99} mojibake, \u{85} alone, é\u{9f}, \u{9f}\u{9f}",
            "Ā\u{80} after U+0100, 😀\u{81} after an emoji, \u{ff}\u{80}",
            "Ünïcödé Кириллица 中文",
        ] {
            assert_eq!(control_chars(text), by_char(text), "{text:?}");
        }
    }

    fn ok(bytes: &[u8]) -> Decoded {
        decode(bytes, 0.01).unwrap()
    }

    fn reason(bytes: &[u8]) -> RejectReason {
        decode(bytes, 0.01).unwrap_err().0
    }

    #[test]
    fn utf8_with_bom_and_crlf() {
        let d = ok(b"\xEF\xBB\xBFa\r\nb\rc");
        assert_eq!((d.text.as_str(), d.encoding.as_str()), ("a\nb\nc", "utf-8"));
    }

    #[test]
    fn utf16_with_bom_both_orders() {
        let text = "Élection à Zürich.\r\nЁж";
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(ok(&le).text, "Élection à Zürich.\nЁж");
        assert_eq!(ok(&le).encoding, "utf-16le");
        assert_eq!(ok(&be).text, "Élection à Zürich.\nЁж");
        assert_eq!(ok(&be).encoding, "utf-16be");
    }

    #[test]
    fn latin1_french_is_detected_not_garbled() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252
            .encode("Le député a présenté un projet de loi très détaillé à l'Assemblée, déjà.");
        let d = ok(&bytes);
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.text.contains("député a présenté"), "{}", d.text);
    }

    #[test]
    fn cyrillic_legacy_encoding_is_detected() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251
            .encode("Правительство объявило о новых мерах поддержки для жителей города.");
        let d = ok(&bytes);
        assert_eq!(d.encoding, "windows-1251");
        assert!(d.text.starts_with("Правительство"));
    }

    #[test]
    fn binary_is_rejected() {
        assert_eq!(reason(b"PK\x03\x04\x14\x00"), RejectReason::Binary);
        assert_eq!(reason(b"%PDF-1.7\n"), RejectReason::Binary);
        assert_eq!(reason(b"text\x00more"), RejectReason::Binary);
        assert_eq!(
            reason(b"\x01\x02\x03\x04\x05abc\x06\x07"),
            RejectReason::Binary
        );
    }

    #[test]
    fn broken_utf16_is_rejected() {
        // A lone high surrogate cannot be decoded without replacement.
        assert_eq!(
            reason(b"\xFF\xFEa\x00\x00\xD8"),
            RejectReason::InvalidEncoding
        );
    }
}
