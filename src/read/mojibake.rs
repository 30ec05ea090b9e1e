//! Mojibake: UTF-8 text that was once decoded as Windows-1252 (or Latin-1) and saved again,
//! so "you’re" reads "youâ€™re" and "café" reads "cafÃ©". Scrapers and CMS exports leave it
//! in pages; the bytes it stands for are still there, one character per byte, so each run is
//! read back as the UTF-8 it was.

use std::sync::LazyLock;

/// The byte Windows-1252 decodes to each character it gives, for the characters of bytes
/// 0x80-0xFF (the undefined 0x81, 0x8D, 0x8F, 0x90 and 0x9D come out as the C1 control of
/// the same number, as WHATWG decoders and Latin-1 read them).
static BYTE_OF: LazyLock<Vec<(char, u8)>> = LazyLock::new(|| {
    let mut pairs: Vec<(char, u8)> = (0x80..=0xFFu8)
        .map(|b| {
            let byte = [b];
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
            (text.chars().next().expect("one character per byte"), b)
        })
        .collect();
    // Latin-1's reading of 0x80-0x9F (C1 controls), for text decoded that way.
    pairs.extend((0x80..=0x9Fu8).map(|b| (char::from(b), b)));
    pairs.sort_unstable();
    pairs.dedup_by_key(|p| p.0);
    pairs
});

fn byte_of(c: char) -> Option<u8> {
    if c.is_ascii() {
        return None;
    }
    let table = &*BYTE_OF;
    table
        .binary_search_by_key(&c, |p| p.0)
        .ok()
        .map(|i| table[i].1)
}

/// Continuation bytes a UTF-8 lead byte announces; `None` for a byte that leads nothing.
fn continuations(lead: u8) -> Option<usize> {
    match lead {
        0xC2..=0xDF => Some(1),
        0xE0..=0xEF => Some(2),
        0xF0..=0xF4 => Some(3),
        _ => None,
    }
}

/// `text` with every mojibake sequence read back as the character it encodes, and how many
/// were; `None` when there is none. A sequence is a lead character and exactly the
/// continuation characters its byte announces, whose bytes are valid UTF-8. Results in
/// U+0700-U+07FF (Syriac, Thaana, N'Ko) and U+0250-U+02AF (IPA) are left alone: real text
/// writes their sequences as a capital letter before a quote, a dash or a mark ("Tschüß“",
/// "NESCAFÉ®").
pub fn repair(text: &str) -> Option<(String, usize)> {
    // Most texts hold no sequence: nothing is copied until one is found.
    let mut out: Option<String> = None;
    let mut repaired = 0;
    let mut copied = 0;
    let mut rest = text.char_indices();
    while let Some((at, c)) = rest.next() {
        // Every sequence starts with a character from U+00C2 to U+00F4.
        if !('\u{c2}'..='\u{f4}').contains(&c) {
            continue;
        }
        // A sequence is at most four characters.
        let mut window = ['\0'; 4];
        let mut len = 0;
        for (slot, c) in window.iter_mut().zip(text[at..].chars()) {
            *slot = c;
            len += 1;
        }
        let Some((decoded, width)) = sequence_at(&window[..len]) else {
            continue;
        };
        let out = out.get_or_insert_with(|| String::with_capacity(text.len()));
        out.push_str(&text[copied..at]);
        out.push(decoded);
        repaired += 1;
        // Skip the sequence's other characters.
        copied = at + window[..width].iter().map(|c| c.len_utf8()).sum::<usize>();
        for _ in 1..width {
            rest.next();
        }
    }
    out.map(|mut out| {
        out.push_str(&text[copied..]);
        (out, repaired)
    })
}

/// The character the mojibake sequence starting `chars` encodes, and its length in characters.
fn sequence_at(chars: &[char]) -> Option<(char, usize)> {
    let lead = byte_of(chars[0])?;
    let n = continuations(lead)?;
    // French writes a lower-case accented letter before a no-break space and a guillemet
    // ("réformée »"): those bytes would spell a character of three.
    if (0xE0..=0xEF).contains(&lead) && chars.get(1) == Some(&'\u{a0}') {
        return None;
    }
    let mut bytes = [lead, 0, 0, 0];
    for (byte, &c) in bytes[1..=n].iter_mut().zip(chars.get(1..=n)?) {
        *byte = byte_of(c).filter(|b| (0x80..=0xBF).contains(b))?;
    }
    let decoded = std::str::from_utf8(&bytes[..=n]).ok()?.chars().next()?;
    let unlikely =
        ('\u{700}'..='\u{7ff}').contains(&decoded) || ('\u{250}'..='\u{2af}').contains(&decoded);
    (!unlikely).then_some((decoded, n + 1))
}

#[cfg(test)]
mod tests {
    use super::repair;

    /// `text` encoded as UTF-8 and read back as Windows-1252: mojibake made on purpose.
    fn garble(text: &str) -> String {
        let (garbled, _, _) = encoding_rs::WINDOWS_1252.decode(text.as_bytes());
        garbled.into_owned()
    }

    #[test]
    fn utf8_read_as_windows_1252_is_read_back() {
        for original in [
            "you’re — “quoted” … 20 €",
            "café, naïve, Ñandú, Łódź",
            "Привет, мир",
            "日本語のテキスト",
            "emoji 🎉 too",
        ] {
            let garbled = garble(original);
            assert_ne!(garbled, original);
            let (fixed, n) = repair(&garbled).expect("mojibake found");
            assert_eq!(fixed, original);
            assert!(n > 0);
        }
    }

    #[test]
    fn latin1_reading_of_the_c1_bytes_is_read_back() {
        // "’" is E2 80 99; Latin-1 reads 80 and 99 as C1 controls.
        assert_eq!(
            repair("itâ\u{80}\u{99}s").map(|r| r.0).as_deref(),
            Some("it’s")
        );
    }

    #[test]
    fn real_text_in_latin_scripts_is_left_alone() {
        for text in [
            "Déjà vu à Noël, où l’été est chaud",
            "„Tschüß“, sagte der Bäcker — Grüße aus Köln",
            "NESCAFÉ® and CAFÉ™ are brands",
            "Ça, c’est « génial » !",
            "une loi « équilibrée » et « réformée\u{a0}»",
            "Ångström, Øresund, Þingvellir",
            "São Paulo e Conceição",
            "plain ASCII text",
        ] {
            assert_eq!(repair(text), None, "{text}");
        }
    }
}
