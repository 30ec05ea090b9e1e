//! An HTML page's bytes to text: the byte order mark, then the charset the transport gave (an
//! HTTP `Content-Type`), then the page's own `<meta charset>` or `http-equiv` declaration, then
//! detection. A declaration the bytes contradict is overruled with a warning, never a panic.

use super::super::decode::{
    check_binary_signature, check_no_nul, decode_strict, guess_legacy, normalize_line_endings,
    DecodeError,
};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

/// Where a page declares its charset: the HTML standard's prescan reads this many bytes.
const PRESCAN_BYTES: usize = 1024;

/// A page decoded to text, the encoding used, and a warning when a declaration was overruled or
/// the encoding was guessed.
#[derive(Debug)]
pub struct DecodedHtml {
    pub text: String,
    /// WHATWG name, lower case.
    pub encoding: String,
    pub warnings: Vec<String>,
}

/// Decode an HTML page. `charset_hint` is the charset a transport declared (an HTTP header).
pub fn decode_html(bytes: &[u8], charset_hint: Option<&str>) -> Result<DecodedHtml, DecodeError> {
    check_binary_signature(bytes)?;
    let mut warnings = Vec::new();
    let (text, encoding) = if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        (decode_strict(encoding, &bytes[bom_len..])?, encoding)
    } else {
        check_no_nul(bytes)?;
        let declared = charset_hint
            .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
            .map(|e| (e, "the charset hint"))
            .or_else(|| meta_charset(bytes).map(|e| (e, "the page's meta charset")));
        match declared {
            Some((declared, from)) => decode_declared(bytes, declared, from, &mut warnings)?,
            None => match std::str::from_utf8(bytes) {
                Ok(text) => (text.to_string(), UTF_8),
                Err(_) => {
                    let (text, encoding, warning) = guess_legacy(bytes)?;
                    warnings.extend(warning);
                    (text, encoding)
                }
            },
        }
    };
    Ok(DecodedHtml {
        text: normalize_line_endings(&text),
        encoding: encoding.name().to_ascii_lowercase(),
        warnings,
    })
}

/// Decode with the declared encoding unless the bytes say otherwise: UTF-8 bytes under a legacy
/// label are UTF-8 (legacy text is almost never valid UTF-8), and bytes the label cannot decode
/// are guessed.
fn decode_declared(
    bytes: &[u8],
    declared: &'static Encoding,
    from: &str,
    warnings: &mut Vec<String>,
) -> Result<(String, &'static Encoding), DecodeError> {
    // A page cannot declare UTF-16 in ASCII-compatible bytes: the standard reads it as UTF-8.
    let declared = if declared == UTF_16LE || declared == UTF_16BE {
        UTF_8
    } else {
        declared
    };
    let utf8 = std::str::from_utf8(bytes).ok();
    if declared != UTF_8 {
        if let Some(text) = utf8.filter(|t| !t.is_ascii()) {
            warnings.push(format!(
                "{from} says {} but the bytes are UTF-8; decoded as UTF-8",
                declared.name()
            ));
            return Ok((text.to_string(), UTF_8));
        }
    }
    if let Ok(text) = decode_strict(declared, bytes) {
        return Ok((text, declared));
    }
    let (text, encoding, _) = guess_legacy(bytes)?;
    warnings.push(format!(
        "{from} says {} but the bytes are not valid {}; decoded as {}, a guess",
        declared.name(),
        declared.name(),
        encoding.name()
    ));
    Ok((text, encoding))
}

/// The charset of the first `<meta charset=...>` or `<meta http-equiv content="...; charset=...">`
/// in the page's first bytes.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut rest = head.as_str();
    while let Some(start) = rest.find("<meta") {
        let tag = &rest[start..];
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        if let Some(at) = tag.find("charset") {
            let value = tag[at + "charset".len()..].trim_start();
            if let Some(value) = value.strip_prefix('=') {
                let label: String = value
                    .trim_start()
                    .trim_start_matches(['"', '\''])
                    .chars()
                    .take_while(|c| {
                        !matches!(c, '"' | '\'' | ';' | '/' | '>') && !c.is_whitespace()
                    })
                    .collect();
                if let Some(encoding) = Encoding::for_label(label.as_bytes()) {
                    return Some(encoding);
                }
            }
        }
        rest = &rest[start + "<meta".len()..];
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::RejectReason;

    fn page(head: &str, body: &str, encoding: &'static Encoding) -> Vec<u8> {
        let html = format!("<html><head>{head}</head><body><p>{body}</p></body></html>");
        encoding.encode(&html).0.into_owned()
    }

    const FRENCH: &str = "Le député a présenté un projet de loi très détaillé à l'Assemblée.";

    #[test]
    fn meta_charset_windows_1252_is_honoured() {
        let bytes = page(
            r#"<meta charset="windows-1252">"#,
            FRENCH,
            encoding_rs::WINDOWS_1252,
        );
        let d = decode_html(&bytes, None).unwrap();
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.text.contains(FRENCH));
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn http_equiv_content_type_is_read() {
        let head = r#"<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=KOI8-R">"#;
        let bytes = page(head, "Правительство объявило о мерах.", encoding_rs::KOI8_R);
        let d = decode_html(&bytes, None).unwrap();
        assert_eq!(d.encoding, "koi8-r");
        assert!(d.text.contains("Правительство"));
    }

    #[test]
    fn hint_comes_before_meta() {
        let bytes = page(
            r#"<meta charset="utf-8">"#,
            FRENCH,
            encoding_rs::WINDOWS_1252,
        );
        let d = decode_html(&bytes, Some("ISO-8859-1")).unwrap();
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn utf8_bytes_under_a_legacy_label_are_utf8() {
        let bytes = page(r#"<meta charset="iso-8859-1">"#, FRENCH, UTF_8);
        let d = decode_html(&bytes, None).unwrap();
        assert_eq!(d.encoding, "utf-8");
        assert!(d.text.contains(FRENCH));
        assert!(
            d.warnings[0].contains("bytes are UTF-8"),
            "{:?}",
            d.warnings
        );
    }

    #[test]
    fn legacy_bytes_under_a_utf8_label_are_guessed() {
        let bytes = page(
            r#"<meta charset="utf-8">"#,
            FRENCH,
            encoding_rs::WINDOWS_1252,
        );
        let d = decode_html(&bytes, None).unwrap();
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.text.contains(FRENCH));
        assert!(
            d.warnings[0].contains("not valid UTF-8"),
            "{:?}",
            d.warnings
        );
    }

    #[test]
    fn bom_wins_and_binary_is_refused() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend(page(r#"<meta charset="windows-1251">"#, FRENCH, UTF_8));
        assert_eq!(decode_html(&bytes, None).unwrap().encoding, "utf-8");
        assert_eq!(
            decode_html(b"\x1F\x8B\x08\x00", None).unwrap_err().0,
            RejectReason::Binary
        );
        assert_eq!(
            decode_html(b"<p>a\x00b</p>", None).unwrap_err().0,
            RejectReason::Binary
        );
    }

    #[test]
    fn unknown_label_falls_back_to_detection() {
        let bytes = page(r#"<meta charset="no-such-charset">"#, FRENCH, UTF_8);
        assert_eq!(decode_html(&bytes, None).unwrap().encoding, "utf-8");
    }
}
