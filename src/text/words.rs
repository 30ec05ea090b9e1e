//! Words by UAX #29 word boundaries, the same as `unicode_words()` but without its table
//! lookups for the characters most text is written in.
//!
//! Why splitting is exact: every UAX #29 state breaks before ASCII whitespace, and a run of
//! ASCII whitespace breaks before any character that is not Extend, Format, ZWJ (rule WB4
//! glues those to the character before) or WSegSpace (rule WB3d). So where ASCII whitespace is
//! followed by a character of a known class, the words before and the words after can be found
//! apart. Text of known classes is segmented here; a stretch with any other character goes, from
//! the start of its unfinished segment to the next such split, to `unicode_words()`.

use unicode_segmentation::{UnicodeSegmentation, UnicodeWords};

/// The UAX #29 word break class of a character, for the characters handled here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    /// ALetter, and a letter (so a word).
    Letter,
    /// Numeric, and a number (so a word).
    Digit,
    /// Katakana, and a letter.
    Katakana,
    /// ExtendNumLet: `_` and the narrow no-break space join letters, digits and katakana.
    Joiner,
    /// MidLetter: `:` joins letters.
    MidLetter,
    /// MidNumLet and Single_Quote: `.` and `'` join letters, or digits.
    MidNumLet,
    /// MidNum: `,` and `;` join digits.
    MidNum,
    /// Any other character that is not a letter: a segment of its own.
    Symbol,
    /// Any other character that is a letter (Han, Hiragana): a word of its own.
    Ideograph,
    /// ASCII whitespace.
    Blank,
}

const CLASSES: usize = Class::Blank as usize + 1;

/// How the segment read so far ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// ASCII whitespace, or nothing yet.
    Blank,
    /// One character that joins nothing and is no word.
    Symbol,
    /// One character that joins nothing and is a word.
    Ideograph,
    Letter,
    Digit,
    Katakana,
    /// ExtendNumLet, with no letter or digit before it in the segment.
    Joiner,
    /// ExtendNumLet after letters, digits or katakana.
    WordJoiner,
    /// Letters, then a MidLetter or MidNumLet that joins only if a letter follows.
    LetterMid,
    /// Digits, then a MidNum or MidNumLet that joins only if a digit follows.
    DigitMid,
}

const STATES: usize = State::DigitMid as usize + 1;

impl State {
    /// The segment a character of `class` starts.
    const fn first(class: Class) -> State {
        match class {
            Class::Letter => State::Letter,
            Class::Digit => State::Digit,
            Class::Katakana => State::Katakana,
            Class::Joiner => State::Joiner,
            Class::Ideograph => State::Ideograph,
            Class::Blank => State::Blank,
            Class::MidLetter | Class::MidNumLet | Class::MidNum | Class::Symbol => State::Symbol,
        }
    }

    /// The segment once a character of `class` joins it, or `None` when there is a boundary
    /// before that character (rules WB3d, WB5 to WB13b).
    const fn join(self, class: Class) -> Option<State> {
        use State::*;
        Some(match (self, class) {
            (Letter | Digit | Joiner | WordJoiner | LetterMid, Class::Letter) => Letter,
            (Letter | Digit | Joiner | WordJoiner | DigitMid, Class::Digit) => Digit,
            (Katakana | Joiner | WordJoiner, Class::Katakana) => Katakana,
            (Letter | Digit | Katakana | WordJoiner, Class::Joiner) => WordJoiner,
            (Joiner, Class::Joiner) => Joiner,
            (Letter, Class::MidLetter | Class::MidNumLet) => LetterMid,
            (Digit, Class::MidNum | Class::MidNumLet) => DigitMid,
            (Blank, Class::Blank) => Blank,
            _ => return None,
        })
    }

    /// The segment from `start`, ended before the character at `at`, when it has a letter or
    /// digit (which makes it a word); a waiting Mid character at `last` is not part of it.
    fn word(self, start: usize, last: usize, at: usize) -> Option<(usize, usize)> {
        match self {
            State::Blank | State::Symbol | State::Joiner => None,
            State::LetterMid | State::DigitMid => Some((start, last)),
            _ => Some((start, at)),
        }
    }
}

/// `State::join` for every state and class, looked up in the loop that reads every character.
static JOINS: [[Option<State>; CLASSES]; STATES] = {
    const ALL_CLASSES: [Class; CLASSES] = [
        Class::Letter,
        Class::Digit,
        Class::Katakana,
        Class::Joiner,
        Class::MidLetter,
        Class::MidNumLet,
        Class::MidNum,
        Class::Symbol,
        Class::Ideograph,
        Class::Blank,
    ];
    const ALL_STATES: [State; STATES] = [
        State::Blank,
        State::Symbol,
        State::Ideograph,
        State::Letter,
        State::Digit,
        State::Katakana,
        State::Joiner,
        State::WordJoiner,
        State::LetterMid,
        State::DigitMid,
    ];
    let mut joins = [[None; CLASSES]; STATES];
    let mut s = 0;
    while s < STATES {
        let mut c = 0;
        while c < CLASSES {
            joins[ALL_STATES[s] as usize][ALL_CLASSES[c] as usize] =
                ALL_STATES[s].join(ALL_CLASSES[c]);
            c += 1;
        }
        s += 1;
    }
    joins
};

/// `ascii_class` of every ASCII byte.
static ASCII_CLASSES: [Class; 128] = {
    let mut classes = [Class::Symbol; 128];
    let mut b = 0;
    while b < 128 {
        classes[b] = ascii_class(b as u8);
        b += 1;
    }
    classes
};

/// `non_ascii_class` of every two-byte UTF-8 character (U+0080 to U+07FF: Latin, Greek,
/// Cyrillic, Armenian, Hebrew, Arabic).
static TWO_BYTE_CLASSES: [Option<Class>; 0x800] = {
    let mut classes = [None; 0x800];
    let mut c = 0x80;
    while c < 0x800 {
        classes[c] = match char::from_u32(c as u32) {
            Some(c) => non_ascii_class(c),
            None => None,
        };
        c += 1;
    }
    classes
};

/// The words of `text` by UAX #29 word boundaries: exactly `text.unicode_words()`.
pub fn words(text: &str) -> Words<'_> {
    Words {
        text,
        at: 0,
        state: State::Blank,
        start: 0,
        last: 0,
        fallback: None,
    }
}

/// The iterator of `words`.
pub struct Words<'a> {
    text: &'a str,
    /// The next byte to read.
    at: usize,
    /// The segment being read, from byte `start`; everything before it is settled.
    state: State,
    start: usize,
    /// Where the last character read starts: a waiting Mid character, in `LetterMid` and
    /// `DigitMid`.
    last: usize,
    /// The words of a stretch with characters of no known class.
    fallback: Option<UnicodeWords<'a>>,
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let text = self.text;
        let bytes = text.as_bytes();
        'stretch: loop {
            if let Some(words) = &mut self.fallback {
                if let Some(word) = words.next() {
                    return Some(word);
                }
                self.fallback = None;
            }
            // Locals, not fields, in the loop that reads every character.
            let (mut at, mut state, mut start, mut last) =
                (self.at, self.state, self.start, self.last);
            let word = loop {
                let Some(&b) = bytes.get(at) else {
                    let word = state.word(start, last, at);
                    (state, start) = (State::Blank, at);
                    break word;
                };
                let (class, len) = if b.is_ascii() {
                    (Some(ASCII_CLASSES[b as usize]), 1)
                } else if b < 0xE0 {
                    // A two-byte character: 110xxxxx 10xxxxxx.
                    let c = (usize::from(b & 0x1F) << 6) | usize::from(bytes[at + 1] & 0x3F);
                    (TWO_BYTE_CLASSES[c], 2)
                } else {
                    let c = text[at..].chars().next().expect("at is a char boundary");
                    (non_ascii_class(c), c.len_utf8())
                };
                let Some(class) = class else {
                    let end = next_safe_split(text, at + len);
                    self.fallback = Some(text[start..end].unicode_words());
                    (self.at, self.state, self.start) = (end, State::Blank, end);
                    continue 'stretch;
                };
                let word = match JOINS[state as usize][class as usize] {
                    Some(joined) => {
                        state = joined;
                        None
                    }
                    None => {
                        let word = state.word(start, last, at);
                        (state, start) = (State::first(class), at);
                        word
                    }
                };
                last = at;
                at += len;
                if word.is_some() {
                    break word;
                }
            };
            (self.at, self.state, self.start, self.last) = (at, state, start, last);
            return word.map(|(start, end)| &text[start..end]);
        }
    }
}

/// The first offset from `from` where ASCII whitespace ends and a character of a known class
/// follows, or the end of `text`.
fn next_safe_split(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    let mut at = from;
    loop {
        let Some(blank) = bytes[at..].iter().position(|&b| is_blank(b)) else {
            return text.len();
        };
        at += blank;
        while at < bytes.len() && is_blank(bytes[at]) {
            at += 1;
        }
        if text[at..].chars().next().is_none_or(has_known_class) {
            return at;
        }
    }
}

const fn is_blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0B' | b'\x0C')
}

fn has_known_class(c: char) -> bool {
    c.is_ascii() || non_ascii_class(c).is_some()
}

const fn ascii_class(b: u8) -> Class {
    match b {
        b'a'..=b'z' | b'A'..=b'Z' => Class::Letter,
        b'0'..=b'9' => Class::Digit,
        b'_' => Class::Joiner,
        b':' => Class::MidLetter,
        b'.' | b'\'' => Class::MidNumLet,
        b',' | b';' => Class::MidNum,
        b if is_blank(b) => Class::Blank,
        _ => Class::Symbol,
    }
}

/// Classes from the Unicode word break property, for the letters of the scripts and the
/// punctuation that most text uses; `None` for everything else (and for every Extend, Format,
/// ZWJ, WSegSpace, Hebrew_Letter and Regional_Indicator character).
const fn non_ascii_class(c: char) -> Option<Class> {
    use Class::*;
    Some(match c {
        // Latin-1 letters, Latin Extended-A and -B, Latin Extended Additional (Vietnamese).
        'À'..='Ö' | 'Ø'..='ö' | 'ø'..='ɏ' | '\u{1E00}'..='\u{1EFF}' => Letter,
        // Greek and Coptic, Cyrillic, Armenian.
        'Ά' | 'Έ'..='Ί' | 'Ό' | 'Ύ'..='Ρ' | 'Σ'..='ϵ' | 'Ϸ'..='ҁ' | 'Ҋ'..='ԯ' => Letter,
        'Ա'..='Ֆ' | 'ՠ'..='ֈ' => Letter,
        // Arabic and Persian letters, Hangul syllables.
        '\u{0620}'..='\u{064A}'
        | '\u{066E}'..='\u{066F}'
        | '\u{0671}'..='\u{06D3}'
        | '\u{06D5}' => Letter,
        '\u{AC00}'..='\u{D7A3}' => Letter,
        // Arabic-Indic, Persian and fullwidth digits.
        '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}' | '\u{FF10}'..='\u{FF19}' => Digit,
        '\u{30A1}'..='\u{30FA}' | '\u{30FC}'..='\u{30FF}' | '\u{FF66}'..='\u{FF9D}' => Katakana,
        // Hiragana and CJK ideographs have no word break class: each is a word.
        '\u{3041}'..='\u{3096}' | '\u{309D}'..='\u{309F}' | '\u{4E00}'..='\u{9FFF}' => Ideograph,
        '\u{202F}' => Joiner,
        '·' | '：' => MidLetter,
        '‘' | '’' | '．' => MidNumLet,
        '\u{037E}' | '։' | '،' | '，' | '；' => MidNum,
        '\u{00A0}' | '«' | '»' | '–' | '—' | '“' | '”' | '„' | '…' | '•' | '°' | '€' | '؟'
        | '۔' => Symbol,
        '、' | '。' | '「' | '」' | '『' | '』' | '（' | '）' | '！' | '？' | '・' => {
            Symbol
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::count_words;
    use proptest::prelude::*;

    fn assert_same_words(text: &str) {
        let fast: Vec<&str> = words(text).collect();
        let reference: Vec<&str> = text.unicode_words().collect();
        assert_eq!(fast, reference, "words of {text:?}");
        assert_eq!(count_words(text), reference.len(), "word count of {text:?}");
    }

    #[test]
    fn words_of_examples_are_those_of_unicode_words() {
        for text in [
            "",
            "   ",
            "Hello, world! can't e.g. var1 123,456 foo_bar example.com 127.0.0.1:9090",
            "L’Assemblée a voté 312 voix contre 201 ; « non » dit-il…",
            "Stand: 12.03.2024, 14:30 Uhr",
            "a\u{301}b e\u{301} \u{301}x \u{301}",
            "x \u{93E}y \t\u{93E} \u{200D}\u{1F600}a",
            "שלום \"עולם\" צה\"ל ג'ירפה",
            "東京タワーは、とても高い。カタカナ_テスト",
            "🇫🇷🇩🇪 flag\r\nline\u{AD}break",
            "Москва, 12 марта — «Известия»",
            "a.1 1.a a..b 1,,2 _ __a a_ :a a: 'a a' .5",
        ] {
            assert_same_words(text);
        }
    }

    /// Each character with a known class, in contexts that tell every class apart, has the
    /// words `unicode_words()` finds: the class table matches the Unicode data.
    #[test]
    fn every_known_character_segments_like_unicode_words() {
        let templates = "{}|a{}|{}a|a{}a|1{}|{}1|1{}1|_{}|{}_|ア{}|{}ア|{}{}|a.{}|1.{}|{}.a|{}.1|\
            {}'{}|{},{}|{}:{}| {} |x {}|{} x| {}\u{93E}|{}\u{301}|\u{200D}{}|{}\u{200D}a|ש{}ש|{}\"";
        let mut checked = 0;
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if !has_known_class(c) {
                continue;
            }
            for template in templates.split('|') {
                assert_same_words(&template.replace("{}", c.encode_utf8(&mut [0; 4])));
            }
            checked += 1;
        }
        assert!(checked > 30_000, "{checked}");
    }

    /// ASCII punctuation and whitespace, and the non-ASCII characters the word rules treat
    /// specially: marks, joiners, spaces, quotes, letters of other classes, emoji, flags.
    fn tricky_piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "a",
            "Z",
            "é",
            "Ж",
            "7",
            "0",
            "٣",
            "'",
            ".",
            ",",
            ";",
            ":",
            "_",
            "-",
            "\"",
            "!",
            " ",
            " ",
            "\t",
            "\n",
            "\r",
            "\r\n",
            "\x0B",
            "\u{301}",
            "\u{93E}",
            "\u{200D}",
            "\u{200C}",
            "\u{AD}",
            "\u{A0}",
            "\u{202F}",
            "\u{3000}",
            "\u{2003}",
            "ש",
            "א",
            "צה\"ל",
            "ג'",
            "ア",
            "ー",
            "の",
            "東",
            "한",
            "😀",
            "👍",
            "\u{1F3FB}",
            "🇫",
            "🇷",
            "’",
            "·",
            "«",
            "…",
            "，",
            "。",
            "\u{85}",
            "\u{2028}",
            "\u{FEFF}",
        ])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(5000))]

        #[test]
        fn words_of_any_string_are_those_of_unicode_words(text in any::<String>()) {
            assert_same_words(&text);
        }

        #[test]
        fn words_of_tricky_strings_are_those_of_unicode_words(
            text in prop::collection::vec(tricky_piece(), 0..40).prop_map(|pieces| pieces.concat())
        ) {
            assert_same_words(&text);
        }

        #[test]
        fn words_of_ascii_strings_are_those_of_unicode_words(text in "[ -~\t\n\r]{0,60}") {
            assert_same_words(&text);
        }
    }
}
