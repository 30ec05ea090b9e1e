//! English words as spaCy 3.8's blank English tokenizer splits them (what datatrove 0.10.1
//! counts for English), and its `sentencizer`'s sentence count.
//!
//! The algorithm is spaCy's: split at whitespace; a chunk that is a tokenizer exception
//! (`don't`, `U.S.`, `:)`) splits as listed; otherwise prefixes and suffixes are peeled off
//! (stopping as soon as what is left is an exception), and what is left is a URL, or is cut
//! at infixes. The rules are spaCy's `punctuation.py` lists written as code; the exceptions are
//! spaCy's, in `en_exceptions.tsv`. Differences: character classes approximated by Unicode
//! properties, spaCy's second pass that re-joins exceptions spanning several tokens (`(:)`) is
//! left out, and the URL pattern has no private-IP exclusions (docs/quality.md).

use super::{CharSet, FastMap};
use crate::text::is_alphabetic;
use regex::Regex;
use std::sync::LazyLock;

/// spaCy's English tokenizer exceptions: a chunk, and its tokens when it splits.
const EXCEPTIONS: &str = include_str!("en_exceptions.tsv");

/// spaCy's `URL_PATTERN` (spacy/lang/tokenizer_exceptions.py) without its IP exclusions.
const URL_PATTERN: &str = r"^(?:(?:[\w+\-.]{2,})://)?(?:\S+(?::\S*)?@)?(?:(?:[1-9]\d?|1\d\d|2[01]\d|22[0-3])(?:\.(?:1?\d{1,2}|2[0-4]\d|25[0-5])){2}(?:\.(?:[1-9]\d?|1\d\d|2[0-4]\d|25[0-4]))|(?:(?:[A-Za-z0-9\x{a1}-\x{ffff}][A-Za-z0-9\x{a1}-\x{ffff}_-]{0,62})?[A-Za-z0-9\x{a1}-\x{ffff}]\.)+(?:[\p{Ll}\p{Lo}]{2,63}))(?::\d{2,5})?(?:[/?#]\S*)?$";

/// spaCy's `LIST_PUNCT` single characters (`……` is handled apart).
const PUNCT: &str = "…,:;!?¿؟¡()[]{}<>_#*&。？！，、；：～·।،۔؛٪";

/// spaCy's `LIST_QUOTES` (also `CONCAT_QUOTES`).
const QUOTES: &str = "'\"”“`‘´’‚,„»«「」『』（）〔〕【】《》〈〉〈〉⟦⟧";

/// spaCy's `CURRENCY` symbols (`US$`, `C$`, `A$` are handled apart).
const CURRENCY: &str = "$£€¥฿₽﷼₴₠₡₢₣₤₥₦₧₨₩₪₫₭₮₯₰₱₲₳₵₶₷₸₹₺₻₼₾₿";

/// spaCy's `UNITS`, longest first so the longest unit after a digit is found first.
const UNITS: &[&str] = &[
    "km/h", "mbar", "km²", "km³", "dm²", "dm³", "cm²", "cm³", "mm²", "mm³", "kmh", "mph", "hPa",
    "m/s", "км²", "км³", "дм²", "дм³", "см²", "см³", "мм²", "мм³", "м/с", "км/ч", "кПа", "мбар",
    "km", "m²", "m³", "dm", "cm", "mm", "ha", "µm", "nm", "yd", "in", "ft", "kg", "mg", "µg", "lb",
    "oz", "Pa", "mb", "MB", "kb", "KB", "gb", "GB", "tb", "TB", "км", "м²", "м³", "дм", "см", "мм",
    "нм", "кг", "мг", "Па", "Кб", "КБ", "кб", "Мб", "МБ", "мб", "Гб", "ГБ", "гб", "Тб", "ТБ", "m",
    "g", "t", "T", "G", "M", "K", "%", "м", "г",
];

/// spaCy's `HYPHENS`, in its order (the first that is followed by a letter wins).
const HYPHENS: &[&str] = &["-", "–", "—", "--", "---", "——", "~"];

/// `Sentencizer.default_punct_chars` (spaCy 3.8.18): a token made of one of these ends a
/// sentence.
const SENTENCE_PUNCT: &str = "!.?։؟۔܀܁܂߹।॥၊။።፧፨᙮᜵᜶᠃᠉᥄᥅᪨᪩᪪᪫᭚᭛᭞᭟᰻᰼᱾᱿\u{203c}\u{203d}\u{2047}\u{2048}\u{2049}\u{2e2e}\u{2e3c}\u{a4ff}\u{a60e}\u{a60f}\u{a6f3}\u{a6f7}\u{a876}\u{a877}\u{a8ce}\u{a8cf}\u{a92f}\u{a9c8}\u{a9c9}\u{aa5d}\u{aa5e}\u{aa5f}\u{aaf0}\u{aaf1}\u{abeb}\u{fe52}\u{fe56}\u{fe57}\u{ff01}\u{ff0e}\u{ff1f}\u{10a56}\u{10a57}\u{11047}\u{11048}\u{110be}\u{110bf}\u{110c0}\u{110c1}\u{11141}\u{11142}\u{11143}\u{111c5}\u{111c6}\u{111cd}\u{111de}\u{111df}\u{11238}\u{11239}\u{1123b}\u{1123c}\u{112a9}\u{1144b}\u{1144c}\u{115c2}\u{115c3}\u{115c9}\u{115ca}\u{115cb}\u{115cc}\u{115cd}\u{115ce}\u{115cf}\u{115d0}\u{115d1}\u{115d2}\u{115d3}\u{115d4}\u{115d5}\u{115d6}\u{115d7}\u{11641}\u{11642}\u{1173c}\u{1173d}\u{1173e}\u{11a42}\u{11a43}\u{11a9b}\u{11a9c}\u{11c41}\u{11c42}\u{16a6e}\u{16a6f}\u{16af5}\u{16b37}\u{16b38}\u{16b44}\u{1bc9f}\u{1da88}\u{ff61}\u{3002}";

pub struct EnglishTokenizer {
    /// Each exception and the byte offsets where it splits (empty: it stays whole).
    exceptions: FastMap<&'static str, Vec<usize>>,
    /// Bytes of the longest exception: a longer string is not looked up, so a long chunk
    /// costs linear time, not quadratic.
    longest_exception: usize,
    url: Regex,
}

impl EnglishTokenizer {
    pub fn new() -> EnglishTokenizer {
        let exceptions = EXCEPTIONS
            .lines()
            .map(|line| match line.split_once('\t') {
                None => (line, Vec::new()),
                Some((chunk, tokens)) => {
                    let mut cuts = Vec::new();
                    let mut at = 0;
                    for token in tokens.split(' ') {
                        at += token.len();
                        cuts.push(at);
                    }
                    cuts.pop();
                    (chunk, cuts)
                }
            })
            .collect();
        let longest_exception = EXCEPTIONS
            .lines()
            .map(|line| line.split('\t').next().map_or(0, str::len))
            .max()
            .unwrap_or(0);
        EnglishTokenizer {
            exceptions,
            longest_exception,
            url: Regex::new(URL_PATTERN).expect("the URL pattern compiles"),
        }
    }

    /// The tokens of `text`, whitespace dropped (datatrove's `split_into_words`).
    pub fn words<'t>(&self, text: &'t str, out: &mut Vec<&'t str>) {
        for chunk in text.split(is_python_space).filter(|c| !c.is_empty()) {
            self.tokenize_chunk(chunk, out);
        }
    }

    fn is_exception(&self, s: &str) -> bool {
        s.len() <= self.longest_exception && self.exceptions.contains_key(s)
    }

    fn push_exception<'t>(&self, chunk: &'t str, out: &mut Vec<&'t str>) -> bool {
        if chunk.len() > self.longest_exception {
            return false;
        }
        let Some(cuts) = self.exceptions.get(chunk) else {
            return false;
        };
        let mut start = 0;
        for &cut in cuts {
            out.push(&chunk[start..cut]);
            start = cut;
        }
        out.push(&chunk[start..]);
        true
    }

    fn tokenize_chunk<'t>(&self, chunk: &'t str, out: &mut Vec<&'t str>) {
        if self.push_exception(chunk, out) {
            return;
        }
        // Plain words (most chunks): no prefix, suffix or infix can match letters alone.
        if chunk.bytes().all(|b| b.is_ascii_alphabetic()) {
            out.push(chunk);
            return;
        }
        let mut string = chunk;
        let mut suffixes: Vec<&'t str> = Vec::new();
        let mut last_len = usize::MAX;
        while !string.is_empty() && string.len() != last_len {
            if self.is_exception(string) {
                break;
            }
            last_len = string.len();
            let pre = prefix_len(string);
            if pre > 0 && pre < string.len() && self.is_exception(&string[pre..]) {
                out.push(&string[..pre]);
                string = &string[pre..];
                break;
            }
            let suf = suffix_len(&string[pre..]);
            let minus_suf = &string[..string.len() - suf];
            if suf > 0 && !minus_suf.is_empty() && self.is_exception(minus_suf) {
                suffixes.push(&string[string.len() - suf..]);
                string = minus_suf;
                break;
            }
            if pre > 0 && suf > 0 && pre + suf <= string.len() {
                out.push(&string[..pre]);
                suffixes.push(&string[string.len() - suf..]);
                string = &string[pre..string.len() - suf];
            } else if pre > 0 {
                out.push(&string[..pre]);
                string = &string[pre..];
            } else if suf > 0 {
                suffixes.push(&string[string.len() - suf..]);
                string = minus_suf;
            }
            if !string.is_empty() && self.is_exception(string) {
                break;
            }
        }
        if !string.is_empty() && !self.push_exception(string, out) {
            if may_be_url(string) && self.url.is_match(string) {
                out.push(string);
            } else {
                split_infixes(string, out);
            }
        }
        out.extend(suffixes.into_iter().rev());
    }

    /// Sentences of one line as `sentencizer` counts them (at least 1 for a non-empty line).
    pub fn sentences(&self, line: &str) -> usize {
        let mut words = Vec::new();
        self.words(line, &mut words);
        sentences_of_tokens(line, &words)
    }
}

/// Sentences of a line of a language other than English: a sentence-final mark followed by
/// closing punctuation, whitespace and then a character that is not punctuation starts a new
/// one (what the sentencizer does with spaCy's tokens, without tokenizing).
pub fn rough_sentences(line: &str) -> usize {
    let mut sentences = usize::from(!line.is_empty());
    let mut chars = line.chars().peekable();
    let mut seen_end = false;
    let mut after_space = false;
    while let Some(c) = chars.next() {
        if is_sentence_punct(c) {
            let alone = chars
                .peek()
                .is_none_or(|&n| is_python_space(n) || is_punctuation(n));
            seen_end |= alone;
            after_space = false;
        } else if is_python_space(c) {
            after_space = true;
        } else if seen_end && after_space && !is_punctuation(c) {
            sentences += 1;
            seen_end = false;
        } else if !is_punctuation(c) {
            seen_end = false;
        }
    }
    sentences
}

/// The sentences spaCy's `sentencizer` finds in `tokens`, the tokens of `text` (slices of it,
/// in order, whitespace dropped): a sentence starts at the first token after a sentence-final
/// mark that is not punctuation.
pub fn sentences_of_tokens(text: &str, tokens: &[&str]) -> usize {
    let mut sentences = usize::from(!tokens.is_empty());
    let mut seen_period = false;
    let mut end = None;
    for token in tokens {
        let start = token.as_ptr() as usize - text.as_ptr() as usize;
        // spaCy keeps whitespace other than one space between tokens as a whitespace token,
        // which is not punctuation: it can start a sentence as a word would.
        let gap = end.map(|end| &text[end..start]);
        if seen_period && gap.is_some_and(|g| !g.is_empty() && g != " ") {
            sentences += 1;
            seen_period = false;
        }
        end = Some(start + token.len());
        let kind = token_kind(token);
        if seen_period && kind == TokenKind::Other {
            sentences += 1;
            seen_period = false;
        } else if kind == TokenKind::SentenceEnd {
            seen_period = true;
        }
    }
    sentences
}

#[derive(PartialEq)]
enum TokenKind {
    Other,
    Punctuation,
    SentenceEnd,
}

fn token_kind(token: &str) -> TokenKind {
    let mut chars = token.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if is_sentence_punct(c) => TokenKind::SentenceEnd,
        _ if token.chars().all(is_punctuation) => TokenKind::Punctuation,
        _ => TokenKind::Other,
    }
}

fn is_sentence_punct(c: char) -> bool {
    static SET: LazyLock<CharSet> = LazyLock::new(|| CharSet::new(SENTENCE_PUNCT));
    if c.is_ascii() {
        return matches!(c, '.' | '!' | '?');
    }
    SET.contains(c)
}

/// Cheap test before the URL pattern: a host needs a dot before a letter (its top-level
/// domain), or the string names a scheme.
fn may_be_url(s: &str) -> bool {
    s.contains("://")
        || s.as_bytes()
            .windows(2)
            .any(|w| w[0] == b'.' && (w[1] >= 0x80 || w[1].is_ascii_lowercase()))
}

/// Python's `str.isspace()`: Unicode White_Space plus the separators U+001C to U+001F.
pub fn is_python_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Unicode general category P* (what spaCy's `is_punct` tests), for the common characters.
fn is_punctuation(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_punctuation() && !"$+<=>^`|~".contains(c);
    }
    matches!(c,
        '¡' | '§' | '«' | '¶' | '·' | '»' | '¿' | '\u{37e}' | '\u{387}' | '՚'..='՟' | '։' | '֊' | '־' | '׀'
        | '׃' | '׆' | '׳' | '״' | '؉' | '؊' | '،' | '؍' | '؛' | '؝'..='؟' | '٪'..='٭' | '۔'
        | '।' | '॥' | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{2043}' | '\u{2045}'..='\u{2051}'
        | '\u{2053}'..='\u{205e}' | '\u{207d}' | '\u{207e}' | '\u{208d}' | '\u{208e}'
        | '\u{2308}'..='\u{230b}' | '\u{2329}' | '\u{232a}' | '\u{2768}'..='\u{2775}'
        | '\u{27c5}' | '\u{27c6}' | '\u{27e6}'..='\u{27ef}' | '\u{2983}'..='\u{2998}'
        | '\u{29d8}'..='\u{29db}' | '\u{29fc}' | '\u{29fd}' | '\u{2e00}'..='\u{2e2e}'
        | '\u{2e30}'..='\u{2e4f}' | '\u{3001}'..='\u{3003}' | '\u{3008}'..='\u{3011}'
        | '\u{3014}'..='\u{301f}' | '\u{3030}' | '\u{303d}' | '\u{30a0}' | '\u{30fb}'
        | '\u{fe10}'..='\u{fe19}' | '\u{fe30}'..='\u{fe52}' | '\u{fe54}'..='\u{fe61}'
        | '\u{fe63}' | '\u{fe68}' | '\u{fe6a}' | '\u{fe6b}' | '\u{ff01}'..='\u{ff03}'
        | '\u{ff05}'..='\u{ff0a}' | '\u{ff0c}'..='\u{ff0f}' | '\u{ff1a}' | '\u{ff1b}'
        | '\u{ff1f}' | '\u{ff20}' | '\u{ff3b}'..='\u{ff3d}' | '\u{ff3f}' | '\u{ff5b}'
        | '\u{ff5d}' | '\u{ff5f}'..='\u{ff65}')
}

fn is_punct(c: char) -> bool {
    static SET: LazyLock<CharSet> = LazyLock::new(|| CharSet::new(PUNCT));
    if c.is_ascii() {
        return matches!(
            c,
            ',' | ':'
                | ';'
                | '!'
                | '?'
                | '('
                | ')'
                | '['
                | ']'
                | '{'
                | '}'
                | '<'
                | '>'
                | '_'
                | '#'
                | '*'
                | '&'
        );
    }
    SET.contains(c)
}

fn is_quote(c: char) -> bool {
    static SET: LazyLock<CharSet> = LazyLock::new(|| CharSet::new(QUOTES));
    if c.is_ascii() {
        return matches!(c, '\'' | '"' | '`' | ',');
    }
    SET.contains(c)
}

fn is_currency(c: char) -> bool {
    static SET: LazyLock<CharSet> = LazyLock::new(|| CharSet::new(CURRENCY));
    if c.is_ascii() {
        return c == '$';
    }
    SET.contains(c)
}

/// spaCy's `LIST_ICONS`: Unicode symbols of category So, for the common blocks.
fn is_icon(c: char) -> bool {
    // Outside the blocks below: letters of most scripts.
    if c < '\u{a6}' || ('\u{b1}'..'\u{2100}').contains(&c) || ('\u{2c00}'..'\u{1f000}').contains(&c)
    {
        return false;
    }
    matches!(c,
        '¦' | '©' | '®' | '°' | '\u{2100}' | '\u{2101}' | '\u{2103}'..='\u{2106}' | '\u{2108}'
        | '\u{2109}' | '\u{2114}' | '\u{2116}' | '\u{2117}' | '\u{211e}'..='\u{2123}'
        | '\u{2125}' | '\u{2127}' | '\u{2129}' | '\u{212e}' | '\u{2195}'..='\u{2199}'
        | '\u{219c}'..='\u{219f}' | '\u{21a1}' | '\u{21a2}' | '\u{21a4}' | '\u{21a5}'
        | '\u{21a7}'..='\u{21ad}' | '\u{21af}'..='\u{21cd}' | '\u{21d0}' | '\u{21d1}' | '\u{21d3}'
        | '\u{21d5}'..='\u{21f3}' | '\u{2300}'..='\u{2307}' | '\u{230c}'..='\u{231f}'
        | '\u{2322}'..='\u{2328}' | '\u{232b}'..='\u{237b}' | '\u{237d}'..='\u{239a}'
        | '\u{23b4}'..='\u{23db}' | '\u{23e2}'..='\u{2426}' | '\u{2440}'..='\u{244a}'
        | '\u{249c}'..='\u{24e9}' | '\u{2500}'..='\u{25b6}' | '\u{25b8}'..='\u{25c0}'
        | '\u{25c2}'..='\u{25f7}' | '\u{2600}'..='\u{266e}' | '\u{2670}'..='\u{2767}'
        | '\u{2794}'..='\u{27bf}' | '\u{2800}'..='\u{28ff}' | '\u{2b00}'..='\u{2b2f}'
        | '\u{2b45}' | '\u{2b46}' | '\u{2b4d}'..='\u{2b73}' | '\u{2b76}'..='\u{2b95}'
        | '\u{2b98}'..='\u{2bc8}' | '\u{2bca}'..='\u{2bfe}' | '\u{1f000}'..='\u{1f02b}'
        | '\u{1f030}'..='\u{1f093}' | '\u{1f0a0}'..='\u{1f0f5}' | '\u{1f110}'..='\u{1f16b}'
        | '\u{1f170}'..='\u{1f1ac}' | '\u{1f1e6}'..='\u{1f202}' | '\u{1f210}'..='\u{1f23b}'
        | '\u{1f300}'..='\u{1f3fa}' | '\u{1f400}'..='\u{1f6d4}' | '\u{1f6e0}'..='\u{1f6ec}'
        | '\u{1f6f0}'..='\u{1f6f9}' | '\u{1f700}'..='\u{1f773}' | '\u{1f780}'..='\u{1f7d8}'
        | '\u{1f800}'..='\u{1f8ad}' | '\u{1f900}'..='\u{1f9ff}' | '\u{1fa70}'..='\u{1faff}')
}

/// spaCy's `ALPHA_LOWER`: lower-case letters and letters of scripts without case.
fn is_lower(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_lowercase();
    }
    is_alphabetic(c) && !c.is_uppercase()
}

/// spaCy's `ALPHA_UPPER`: upper-case letters and letters of scripts without case.
fn is_upper(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_uppercase();
    }
    is_alphabetic(c) && !c.is_lowercase()
}

/// Bytes of the prefix spaCy's `prefix_search` finds (its alternatives in order), 0 if none.
fn prefix_len(s: &str) -> usize {
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return 0;
    };
    let second = chars.next();
    match first {
        '§' | '%' | '=' | '—' | '–' => first.len_utf8(),
        '+' if !second.is_some_and(|c| c.is_ascii_digit()) => 1,
        '.' if second == Some('.') => s.len() - s.trim_start_matches('.').len(),
        'U' if s.starts_with("US$") => 3,
        'C' | 'A' if second == Some('$') => 2,
        c if is_punct(c) || is_quote(c) || is_currency(c) || is_icon(c) => c.len_utf8(),
        _ => 0,
    }
}

/// Bytes of the suffix spaCy's `suffix_search` finds: the match that starts first, so the
/// longest of its alternatives that ends the string; 0 if none.
fn suffix_len(s: &str) -> usize {
    let Some(last) = s.chars().next_back() else {
        return 0;
    };
    let before_last = &s[..s.len() - last.len_utf8()];
    let mut best = final_period(last, before_last);
    // Ellipses: a run of two dots or more, "…", "……".
    if last == '.' {
        let dots = s.len() - s.trim_end_matches('.').len();
        if dots >= 2 {
            best = best.max(dots);
        }
    }
    if s.ends_with("……") {
        best = best.max("……".len());
    }
    if is_punct(last) || is_quote(last) || is_icon(last) || matches!(last, '—' | '–') {
        best = best.max(last.len_utf8());
    }
    if s.ends_with(['s', 'S']) {
        for ending in ["'s", "'S", "’s", "’S"] {
            if s.ends_with(ending) {
                best = best.max(ending.len());
            }
        }
    }
    // The rest need a digit before the suffix: `+`, a currency or a unit, at most 8 bytes
    // (only the end is searched, so a long chunk costs linear time).
    let window = s.len().saturating_sub(9);
    let Some(digit) = s.as_bytes()[window..].iter().rposition(u8::is_ascii_digit) else {
        return best;
    };
    let digit = window + digit;
    let tail = &s[digit + 1..];
    let after_digit = tail == "+"
        || tail.chars().count() == 1 && tail.chars().all(is_currency)
        || ["US$", "C$", "A$"].contains(&tail)
        || UNITS.contains(&tail);
    if after_digit {
        best = best.max(tail.len());
    }
    best
}

/// spaCy's suffixes `(?<=°[FfCcKk])\.`, `(?<=[0-9{al}{e}{p}{q}])\.` and
/// `(?<=[{au}][{au}])\.`: 1 when `last` is such a period after `before`, else 0.
fn final_period(last: char, before: &str) -> usize {
    if last != '.' {
        return 0;
    }
    let mut previous = before.chars().rev();
    let Some(p) = previous.next() else {
        return 0;
    };
    let p2 = previous.next();
    let degree = matches!(p, 'F' | 'f' | 'C' | 'c' | 'K' | 'k') && p2 == Some('°');
    let lower_like =
        p.is_ascii_digit() || is_lower(p) || "%²-+|(?:".contains(p) || is_punct(p) || is_quote(p);
    let two_upper = is_upper(p) && p2.is_some_and(is_upper);
    usize::from(degree || lower_like || two_upper)
}

/// Cut `s` at spaCy's English infixes (an infix at the very start is not cut).
fn split_infixes<'t>(s: &'t str, out: &mut Vec<&'t str>) {
    // No infix starts with an ASCII letter or digit (most words, once their affixes are off).
    if s.bytes().all(|b| b.is_ascii_alphanumeric()) {
        out.push(s);
        return;
    }
    let mut start = 0;
    let mut i = 0;
    let mut prev: Option<char> = None;
    while i < s.len() {
        let c = s[i..].chars().next().expect("i is on a char boundary");
        let infix = infix_len(s, i, c, prev);
        if infix > 0 {
            if i > 0 {
                if i != start {
                    out.push(&s[start..i]);
                }
                out.push(&s[i..i + infix]);
                start = i + infix;
            }
            i += infix;
            prev = s[..i].chars().next_back();
            continue;
        }
        prev = Some(c);
        i += c.len_utf8();
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
}

/// Bytes of the infix starting at byte `i` (character `c`, after `prev`), 0 if none.
fn infix_len(s: &str, i: usize, c: char, prev: Option<char>) -> usize {
    // Every infix below starts with one of these (most characters start none).
    let may_start = matches!(
        c,
        '.' | ',' | '+' | '-' | '*' | '^' | '~' | ':' | '<' | '>' | '=' | '/'
    ) || matches!(c, '…' | '–' | '—')
        || is_icon(c);
    if !may_start {
        return 0;
    }
    let next_at = |len: usize| s[i + len..].chars().next();
    if c == '.' && next_at(1) == Some('.') {
        return s[i..].len() - s[i..].trim_start_matches('.').len();
    }
    if c == '…' || is_icon(c) {
        return c.len_utf8();
    }
    let Some(p) = prev else {
        return 0;
    };
    let next = next_at(c.len_utf8());
    if p.is_ascii_digit()
        && matches!(c, '+' | '-' | '*' | '^')
        && next.is_some_and(|n| n.is_ascii_digit() || n == '-')
    {
        return 1;
    }
    if c == '.' && (is_lower(p) || is_quote(p)) && next.is_some_and(|n| is_upper(n) || is_quote(n))
    {
        return 1;
    }
    if c == ',' && is_alphabetic(p) && next.is_some_and(is_alphabetic) {
        return 1;
    }
    if is_alphabetic(p) || p.is_ascii_digit() {
        for hyphen in HYPHENS {
            if s[i..].starts_with(hyphen) && next_at(hyphen.len()).is_some_and(is_alphabetic) {
                return hyphen.len();
            }
        }
        if matches!(c, ':' | '<' | '>' | '=' | '/') && next.is_some_and(is_alphabetic) {
            return 1;
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        EnglishTokenizer::new().words(text, &mut out);
        out
    }

    #[test]
    fn splits_as_spacy_does() {
        let cases: &[(&str, &[&str])] = &[
            ("don't", &["do", "n't"]),
            ("can't", &["ca", "n't"]),
            ("gonna", &["gon", "na"]),
            ("I'm", &["I", "'m"]),
            (
                "U.S. e.g. a.m. Nov. Mr.",
                &["U.S.", "e.g.", "a.m.", "Nov.", "Mr."],
            ),
            ("far-flung", &["far", "-", "flung"]),
            ("3-2", &["3", "-", "2"]),
            (
                "COVID-19 U.K.-based rock'n'roll O'Neill 1990s :)",
                &[
                    "COVID-19",
                    "U.K.-based",
                    "rock'n'roll",
                    "O'Neill",
                    "1990s",
                    ":)",
                ],
            ),
            ("$1,299.99", &["$", "1,299.99"]),
            ("4.5% -0.4%", &["4.5", "%", "-0.4", "%"]),
            ("10km 5pm", &["10", "km", "5", "pm"]),
            ("wait... wait…", &["wait", "...", "wait", "…"]),
            ("#news •Apple", &["#", "news", "•Apple"]),
            ("“end,”", &["“", "end", ",", "”"]),
            ("(AP) —", &["(", "AP", ")", "—"]),
            (
                "https://www.example.com/a-b?x=1",
                &["https://www.example.com/a-b?x=1"],
            ),
            ("John's car.", &["John", "'s", "car", "."]),
        ];
        for (text, expected) in cases {
            assert_eq!(&words(text), expected, "{text}");
        }
    }

    #[test]
    fn long_chunks_take_linear_time() {
        let text = "(".repeat(200_000) + "word" + &")".repeat(200_000);
        let started = std::time::Instant::now();
        assert_eq!(words(&text).len(), 400_001);
        assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
    }

    #[test]
    fn counts_sentences_as_the_sentencizer() {
        let tokenizer = EnglishTokenizer::new();
        let count = |line: &str| tokenizer.sentences(line);
        assert_eq!(count("It rained. We stayed in!"), 2);
        assert_eq!(count("He lives in the U.S. now."), 1);
        assert_eq!(count("Wait... what?"), 1);
        assert_eq!(count("“Stop.” He left."), 2);
    }
}
