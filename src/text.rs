//! Text helpers shared by several stages: hashing, folding for matching, word counts.

mod dates;
mod words;

use sha2::{Digest, Sha256};
use unicode_normalization::char::decompose_canonical;

pub use dates::{
    has_date, is_day_and_month, parse_date, parse_stamp, parse_stamp_in, time_after, NumericOrder,
    Stamp,
};
pub use words::{words, Words};

/// A set of folded words (stop words, function words) looked up once per word of a text:
/// foldhash instead of SipHash, as the keys are not attacker-chosen table sizes.
pub type WordSet = std::collections::HashSet<String, foldhash::fast::RandomState>;

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// Stable document id: the first 16 bytes of sha256(path NUL content-sha256), in hex.
pub fn doc_id(source_path: &str, source_sha256: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(source_path.as_bytes());
    hasher.update([0u8]);
    hasher.update(source_sha256.as_bytes());
    hex(&hasher.finalize()[..16])
}

/// Number of words by UAX #29 word boundaries (CJK characters count one each).
pub fn count_words(text: &str) -> usize {
    words(text).count()
}

/// `char::is_alphabetic`, answered without its Unicode table (hundreds of instructions a
/// lookup) for the letters of the common alphabets.
#[inline]
pub fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    matches!(c,
        // Latin-1 letters, Latin Extended-A and -B, IPA, modifier letters.
        'À'..='Ö' | 'Ø'..='ö' | 'ø'..='ˁ'
        // Greek and Coptic, Cyrillic, Armenian, Hebrew, Arabic.
        | 'Ά' | 'Έ'..='Ί' | 'Ό' | 'Ύ'..='Ρ' | 'Σ'..='ϵ' | 'Ϸ'..='ҁ' | 'Ҋ'..='ԯ'
        | 'Ա'..='Ֆ' | 'ՠ'..='ֈ' | 'א'..='ת' | '\u{0620}'..='\u{064A}'
        // Latin Extended Additional (Vietnamese), kana, CJK ideographs, Hangul syllables.
        | '\u{1E00}'..='\u{1EFF}' | '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}'
        | '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7A3}'
    ) || c.is_alphabetic()
}

/// Text folded for case- and accent-insensitive matching, with a map back to the original.
pub struct Folded {
    pub text: String,
    /// For each byte of `text`, the byte offset in the original of the char it came from.
    origin: Vec<usize>,
    original_len: usize,
}

impl Folded {
    /// Byte offset in the original text of folded byte offset `i` (`i` may be `text.len()`).
    pub fn original_offset(&self, i: usize) -> usize {
        if i >= self.origin.len() {
            self.original_len
        } else {
            self.origin[i]
        }
    }
}

/// Lowercase, strip diacritics, and unify apostrophes, quotes, dashes and spaces.
pub fn fold(original: &str) -> Folded {
    let mut text = String::with_capacity(original.len());
    let mut origin = Vec::with_capacity(original.len());
    for (offset, c) in original.char_indices() {
        let start = text.len();
        fold_char(c, &mut text);
        origin.resize(origin.len() + (text.len() - start), offset);
    }
    Folded {
        text,
        origin,
        original_len: original.len(),
    }
}

/// Fold a short string, without the offset map (for rule phrases).
pub fn fold_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// Append the folded `s` to `out` (reuse one buffer for many short strings).
pub fn fold_into(s: &str, out: &mut String) {
    for c in s.chars() {
        fold_char(c, out);
    }
}

fn fold_char(c: char, out: &mut String) {
    // ASCII first: most text of most corpora is ASCII.
    if c.is_ascii() {
        out.push(match c {
            '`' => '\'',
            '\t' => ' ',
            c => c.to_ascii_lowercase(),
        });
        return;
    }
    // Two-byte characters (Latin, Greek, Cyrillic, ...) from a table: decomposing and
    // lowercasing each one costs hundreds of instructions.
    if let Some(folded) = TWO_BYTE_FOLDS.get(c as usize - 0x80) {
        out.push_str(folded);
        return;
    }
    fold_char_slow(c, out);
}

/// `fold_char` of every two-byte UTF-8 character (U+0080 to U+07FF), built on first use.
static TWO_BYTE_FOLDS: std::sync::LazyLock<Vec<Box<str>>> = std::sync::LazyLock::new(|| {
    ('\u{80}'..='\u{7FF}')
        .map(|c| {
            let mut folded = String::new();
            fold_char_slow(c, &mut folded);
            folded.into_boxed_str()
        })
        .collect()
});

/// `fold_char` of a non-ASCII character.
fn fold_char_slow(c: char, out: &mut String) {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{00B4}' => out.push('\''),
        '\u{00AB}' | '\u{00BB}' | '\u{201C}' | '\u{201D}' | '\u{201E}' => out.push('"'),
        '\u{2010}'..='\u{2015}' | '\u{2212}' => out.push('-'),
        '\u{00A0}' | '\u{202F}' | '\u{2007}' | '\u{2009}' => out.push(' '),
        // Same length in UTF-8: the offsets of the folded text stay the original's.
        'ß' => out.push_str("ss"),
        'ё' | 'Ё' | 'й' | 'Й' => {
            // Keep the letters whose diacritic makes a different letter in Russian.
            out.extend(c.to_lowercase());
        }
        c => decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                out.extend(d.to_lowercase());
            }
        }),
    }
}

fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Whether `text` writes one of the capitalised words of `name` in lower case, as a word of
/// its own: a label made of ordinary words ("Cookie Choices", "Travel Tips") meets them in the
/// page's text; a person's name seldom does.
pub fn writes_in_lower_case(text: &str, name: &str) -> bool {
    // A particle ("Le Bihan", "De Luca", "Van Dyke") is a word of the text in any name; other
    // short words are not ("On January", "Our Partners", "Follow Us").
    let words: Vec<&str> = name.split_whitespace().collect();
    let all_short = words.iter().all(|w| is_particle(w));
    words
        .iter()
        .filter(|w| all_short || !is_particle(w))
        .any(|word| writes_word_in_lower_case(text, word))
}

/// Whether `text` writes every capitalised word of `name` but its particles in lower case, as
/// words of their own: a menu's facet ("Use Case", "Wine Region") is made of the page's
/// ordinary words; a person's name, even one with an ordinary word ("Rose Potter"), is not.
///
/// The whole name in lower case is still the name (a tag cloud's "dennis najjar (4)").
pub fn writes_every_word_in_lower_case(text: &str, name: &str) -> bool {
    let mut words = name
        .split_whitespace()
        .filter(|w| !is_particle(w))
        .peekable();
    if words.peek().is_none() {
        return false;
    }
    let lower_name = name.to_lowercase();
    let text = match lower_name.contains(' ') && text.contains(&lower_name) {
        true => std::borrow::Cow::Owned(text.replace(&lower_name, " ")),
        false => std::borrow::Cow::Borrowed(text),
    };
    words.all(|word| writes_word_in_lower_case(&text, word))
}

/// A name particle ("de", "Le", "van"), in any case.
fn is_particle(word: &str) -> bool {
    NAME_PARTICLES.contains(&word.to_lowercase().as_str())
}

/// Whether `word`, capitalised in a name, stands in `text` in lower case as a word of its own.
fn writes_word_in_lower_case(text: &str, word: &str) -> bool {
    let lower = word.to_lowercase();
    lower != word && contains_word(text, &lower)
}

/// A name without the place in brackets after it: "Iago Pereira (Pamplona)" is Iago Pereira;
/// "Blank Space (Taylor's Version)" keeps its brackets.
pub fn without_place(name: &str) -> &str {
    name.strip_suffix(')')
        .and_then(|rest| rest.rsplit_once(" ("))
        .filter(|(_, place)| {
            (1..=PLACE_MAX_WORDS).contains(&place.split_whitespace().count())
                && place.split_whitespace().all(|w| {
                    w.starts_with(char::is_uppercase)
                        && w.chars().all(|c| c.is_alphabetic() || c == '-')
                })
        })
        .map_or(name, |(name, _)| name.trim_end())
}

/// A place in brackets after a name has at most this many words ("Las Palmas").
const PLACE_MAX_WORDS: usize = 4;

/// A host name as a masthead or a logo writes it: "etn.it", "www.lavoz.com.ar",
/// "davidbau.com".
pub fn is_domain_name(text: &str) -> bool {
    let labels: Vec<&str> = text.split('.').collect();
    let tld = labels.last().copied().unwrap_or_default();
    labels.len() >= 2
        && (2..=6).contains(&tld.len())
        && tld.chars().all(|c| c.is_ascii_alphabetic())
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-'))
}

/// Words that join the parts of a person's name ("Anne-Sophie de La Tour", "Van Dyke").
pub const NAME_PARTICLES: [&str; 14] = [
    "de", "du", "des", "von", "van", "der", "da", "di", "del", "la", "le", "y", "bin", "al",
];

/// Two to four words of capitals, two letters at least each: "STELLA OKONKWO-ADEYEMI".
pub fn is_name_in_capitals(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && w.chars()
                    .all(|c| c.is_uppercase() || matches!(c, '-' | '\'' | '’' | '.'))
        })
}

/// Conjunctions and separators between the names of a byline.
pub const NAME_SEPARATORS: &[&str] = &[
    " et ", " and ", " und ", " y ", " e ", " и ", ", ", " & ", ";", " / ",
];

/// Whether `word` occurs in `text` between characters that are not letters or digits, outside
/// an e-mail address, handle or link: "russell@example.com" is no use of the word "russell".
fn contains_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let end = at + word.len();
        let before = text[..at].chars().next_back();
        let after = text[end..].chars().next();
        let token_start = text[..at]
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let token_end = text[end..]
            .find(char::is_whitespace)
            .map_or(text.len(), |i| end + i);
        let in_address = text[token_start..token_end].contains(['@', '/']);
        !before.is_some_and(char::is_alphanumeric)
            && !after.is_some_and(char::is_alphanumeric)
            && !in_address
    })
}

/// Characters that end a sentence.
pub fn is_terminal_punct(c: char) -> bool {
    matches!(
        c,
        '.' | '!'
            | '?'
            | '…'
            | '。'
            | '！'
            | '？'
            | '։'
            | '।'
            | '؟'
            | '۔'
            | '‼'
            | '⁇'
            | '⁈'
            | '⁉'
    )
}

/// Closing quotes and brackets that may follow a sentence end.
pub fn is_closing(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | ')' | ']' | '}' | '»' | '”' | '’' | '」' | '』' | '）' | '›'
    )
}

/// True when a line reads as a finished sentence (terminal punctuation, maybe inside quotes).
pub fn ends_like_sentence(line: &str) -> bool {
    let trimmed = line.trim_end();
    let last = trimmed
        .chars()
        .rev()
        .find(|c| !is_closing(*c) && !c.is_whitespace());
    matches!(last, Some(c) if is_terminal_punct(c) || c == ':' || c == ';')
}

/// The parts of `text` between any of `separators`, trimmed, empty ones left out:
/// "Headline | Site" gives "Headline" and "Site".
pub fn parts_between<'t>(text: &'t str, separators: &[&str]) -> Vec<&'t str> {
    let mut parts = vec![text];
    for sep in separators {
        parts = parts.iter().flat_map(|p| p.split(sep)).collect();
    }
    parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// Letters and digits only, lowercased and folded: for comparing lines that differ in punctuation.
pub fn alnum_key(s: &str) -> String {
    alnum_key_chars(s).collect()
}

/// The characters of `alnum_key(s)`, folded one at a time: two keys compared with `eq` stop at
/// the first difference.
pub fn alnum_key_chars(s: &str) -> AlnumKeyChars<'_> {
    AlnumKeyChars {
        rest: s.chars(),
        folded: String::new(),
        at: 0,
    }
}

pub struct AlnumKeyChars<'a> {
    rest: std::str::Chars<'a>,
    /// The folding of the last character taken from `rest`, read up to `at`.
    folded: String,
    at: usize,
}

impl Iterator for AlnumKeyChars<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        loop {
            if let Some(c) = self.folded[self.at..].chars().next() {
                self.at += c.len_utf8();
                if is_alphabetic(c) || c.is_numeric() {
                    return Some(c);
                }
                continue;
            }
            let c = self.rest.next()?;
            // ASCII folds to its lower case ('`' and tab fold to characters that are no
            // letters or digits either).
            if c.is_ascii() {
                if c.is_ascii_alphanumeric() {
                    return Some(c.to_ascii_lowercase());
                }
                continue;
            }
            self.folded.clear();
            self.at = 0;
            fold_char(c, &mut self.folded);
        }
    }
}

/// Han (with its iteration marks), Hiragana, Katakana and Thai: scripts written without spaces
/// between words. Whole blocks, so that folded voicing marks (`ガ` is `カ` and U+3099) count too.
pub fn is_unspaced_script(c: char) -> bool {
    matches!(c,
        '\u{0E00}'..='\u{0E7F}'
        | '\u{3005}'..='\u{3007}'
        | '\u{3040}'..='\u{30FF}'
        | '\u{31F0}'..='\u{31FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF66}'..='\u{FF9F}'
        | '\u{20000}'..='\u{3134F}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_facet_is_made_of_words_the_text_writes_in_lower_case_and_a_name_is_not() {
        let text = "Pick a use case first: the case for each use is in the guide. \
                    Rose gold frames sell well; dennis najjar (4)";
        assert!(writes_every_word_in_lower_case(text, "Use Case"));
        // One ordinary word is not enough, nor a particle.
        assert!(!writes_every_word_in_lower_case(text, "Rose Potter"));
        assert!(!writes_every_word_in_lower_case(text, "De La"));
        // A tag that writes the whole name in lower case is still the name.
        assert!(!writes_every_word_in_lower_case(text, "Dennis Najjar"));
    }

    #[test]
    fn is_alphabetic_is_that_of_char() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
        }
    }

    #[test]
    fn fold_strips_accents_and_maps_back() {
        let original = "Déjà abonné ? L’Offre";
        let folded = fold(original);
        assert_eq!(folded.text, "deja abonne ? l'offre");
        let i = folded.text.find("l'offre").unwrap();
        assert_eq!(&original[folded.original_offset(i)..], "L’Offre");
    }

    /// Rules are written as "schriftgrosse" and "strasse": a page's "ß" reads the same.
    #[test]
    fn fold_spells_sharp_s_as_double_s() {
        let original = "Schriftgröße A A";
        let folded = fold(original);
        assert_eq!(folded.text, "schriftgrosse a a");
        let i = folded.text.find("a a").unwrap();
        assert_eq!(&original[folded.original_offset(i)..], "A A");
    }

    #[test]
    fn fold_keeps_russian_short_i() {
        assert_eq!(fold_str("Читайте также: Новый"), "читайте также: новый");
    }

    #[test]
    fn sentence_like_lines() {
        assert!(ends_like_sentence("Il a dit « non ! »"));
        assert!(ends_like_sentence("C'est fini."));
        assert!(!ends_like_sentence("Boycott arménien"));
    }

    #[test]
    fn alnum_key_is_the_folding_s_letters_and_digits() {
        let text: String = ('\u{0}'..='\u{7FF}').chain(['ё', 'İ', 'ǅ', 'Ⅻ']).collect();
        let expected: String = fold_str(&text)
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect();
        assert_eq!(alnum_key(&text), expected);
    }

    #[test]
    fn alnum_key_ignores_punctuation() {
        assert_eq!(
            alnum_key("Haut-Karabagh : le dilemme d’une"),
            alnum_key("Haut-Karabagh\nLe dilemme d'une")
        );
    }

    #[test]
    fn a_name_particle_is_no_word_of_the_text() {
        let text = "le chantier de la gare accuse six mois de retard, les choix restent";
        assert!(!writes_in_lower_case(text, "Gwenaëlle Le Bihan"));
        assert!(writes_in_lower_case(text, "Cookie Choix Restent"));
        assert!(writes_in_lower_case(text, "Le"));
        // A short word that is no particle is a word of the text like any other.
        assert!(writes_in_lower_case("the vote on the budget", "On January"));
        let signature = "Find him at @russellm or russell@zavient.com and zavient.com/russell.";
        assert!(!writes_in_lower_case(signature, "Russell Miller"));
        assert!(writes_in_lower_case("ask russell.", "Russell Miller"));
        // A no-break space is two bytes wide.
        assert!(writes_in_lower_case(
            "grateful to\u{a0}serpentine",
            "The Serpentine"
        ));
    }
}
