//! Quality signals of a cleaned text: the numbers the Gopher, C4 and FineWeb heuristics test,
//! defined as datatrove 0.10.1 computes them for English (docs/quality.md), and the decision
//! each of the three filters would take with its default arguments.
//!
//! English words are split as spaCy's blank English tokenizer splits them (`english`); other
//! languages use the project's word splitter (UAX #29) and the first eight words of the
//! language's list in `config/lang/function_words.toml` as Gopher's stop words.

mod english;
mod filters;

use crate::document::{Quality, QualitySignals, Verdicts};

use crate::config::Config;
use aho_corasick::{AhoCorasick, AhoCorasickKind};
use anyhow::{Context, Result};
use english::{is_python_space, sentences_of_tokens, EnglishTokenizer};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// A hash map with `WordHasher`: the signals hash every word and n-gram of a document.
type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;
type FastSet<K> = HashSet<K, BuildHasherDefault<WordHasher>>;

/// FxHash (rustc's hasher): a multiply and a rotate per 8 bytes, several times faster than
/// the default SipHash on short keys; the keys are never chosen by an attacker who profits
/// from collisions (a document can only slow its own scoring).
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().expect("8 bytes")));
        }
        // The tail byte by byte: a copy of a slice of unknown length is a call to memcpy.
        let tail = chunks.remainder();
        let rest = tail
            .iter()
            .rev()
            .fold(0, |rest, &b| rest << 8 | u64::from(b));
        self.add(rest ^ tail.len() as u64);
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl WordHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// Gopher's stop words (datatrove `STOP_WORDS`), for English.
const ENGLISH_STOP_WORDS: [&str; 8] = ["the", "be", "to", "of", "and", "that", "have", "with"];

/// Stop words per language taken from the function-word lists: as many as Gopher's.
const STOP_WORDS_PER_LANGUAGE: usize = 8;

/// datatrove's `PUNCTUATION` (which includes the C0 and C1 control characters but tab and
/// newline); `PUNCTUATION_SET` is these plus `TERMINAL_PUNCTUATION`.
const PUNCTUATION: &str = "!/\u{2014}\u{201d}:\u{ff05}\u{ff11}\u{3008}&(\u{3001}\u{2501}\\\u{3010}#%\u{300c}\u{300d}\u{ff0c}\u{3011}\u{ff1b}+^]~\u{201c}\u{300a}\u{201e}';\u{2019}{|\u{2236}´[=-`*\u{ff0e}\u{ff08}\u{2013}\u{ff1f}\u{ff01}\u{ff1a}$\u{ff5e}«\u{3009},><\u{300b})?\u{ff09}\u{3002}\u{2026}@_.\"}\u{25ba}»\u{0}\u{1}\u{2}\u{3}\u{4}\u{5}\u{6}\u{7}\u{8}\u{b}\u{c}\u{d}\u{e}\u{f}\u{10}\u{11}\u{12}\u{13}\u{14}\u{15}\u{16}\u{17}\u{18}\u{19}\u{1a}\u{1b}\u{1c}\u{1d}\u{1e}\u{1f}\u{7f}\u{80}\u{81}\u{82}\u{83}\u{84}\u{85}\u{86}\u{87}\u{88}\u{89}\u{8a}\u{8b}\u{8c}\u{8d}\u{8e}\u{8f}\u{90}\u{91}\u{92}\u{93}\u{94}\u{95}\u{96}\u{97}\u{98}\u{99}\u{9a}\u{9b}\u{9c}\u{9d}\u{9e}\u{9f}";

/// datatrove's `TERMINAL_PUNCTUATION`: sentence-final marks of many scripts.
const TERMINAL_PUNCTUATION: &str = "!.?։؝؞؟۔܀܁܂߹࠷࠹࠽࠾।॥၊။።፧፨᙮᜵᜶។៕៖៙៚᠃᠉᥄᥅᪨᪩᪪᪫᭚᭛᭞᭟᭽᭾᰻᰼᱾᱿\u{203c}\u{203d}\u{2047}\u{2048}\u{2049}\u{2e2e}\u{2e3c}\u{2e53}\u{2e54}\u{3002}\u{a4ff}\u{a60e}\u{a60f}\u{a6f3}\u{a6f7}\u{a876}\u{a877}\u{a8ce}\u{a8cf}\u{a92f}\u{a9c8}\u{a9c9}\u{aa5d}\u{aa5e}\u{aa5f}\u{aaf0}\u{aaf1}\u{abeb}\u{fe52}\u{fe56}\u{fe57}\u{ff01}\u{ff0e}\u{ff1f}\u{ff61}\u{10a56}\u{10a57}\u{10f55}\u{10f56}\u{10f57}\u{10f58}\u{10f59}\u{10f86}\u{10f87}\u{10f88}\u{10f89}\u{11047}\u{11048}\u{110be}\u{110bf}\u{110c0}\u{110c1}\u{11141}\u{11142}\u{11143}\u{111c5}\u{111c6}\u{111cd}\u{111de}\u{111df}\u{11238}\u{11239}\u{1123b}\u{1123c}\u{112a9}\u{1144b}\u{1144c}\u{115c2}\u{115c3}\u{115c9}\u{115ca}\u{115cb}\u{115cc}\u{115cd}\u{115ce}\u{115cf}\u{115d0}\u{115d1}\u{115d2}\u{115d3}\u{115d4}\u{115d5}\u{115d6}\u{115d7}\u{11641}\u{11642}\u{1173c}\u{1173d}\u{1173e}\u{11944}\u{11946}\u{11a42}\u{11a43}\u{11a9b}\u{11a9c}\u{11c41}\u{11c42}\u{11ef7}\u{11ef8}\u{11f43}\u{11f44}\u{16a6e}\u{16a6f}\u{16af5}\u{16b37}\u{16b38}\u{16b44}\u{16e98}\u{1bc9f}\u{1da88}";

fn is_terminal_punctuation(c: char) -> bool {
    static SET: LazyLock<CharSet> = LazyLock::new(|| CharSet::new(TERMINAL_PUNCTUATION));
    if c.is_ascii() {
        return matches!(c, '!' | '.' | '?');
    }
    SET.contains(c)
}

/// A character of datatrove's `PUNCTUATION_SET`.
fn is_punctuation_set(c: char) -> bool {
    static SET: LazyLock<CharSet> = LazyLock::new(|| CharSet::new(PUNCTUATION));
    if c.is_ascii() {
        return c.is_ascii_punctuation() || (c.is_ascii_control() && c != '\t' && c != '\n');
    }
    SET.contains(c) || is_terminal_punctuation(c)
}

/// The characters of a list, looked up by binary search: the lists are long, and scanning
/// one for every character of a text is slow.
struct CharSet(Vec<char>);

impl CharSet {
    fn new(list: &str) -> CharSet {
        let mut chars: Vec<char> = list.chars().collect();
        chars.sort_unstable();
        CharSet(chars)
    }

    fn contains(&self, c: char) -> bool {
        self.0.binary_search(&c).is_ok()
    }
}

/// The quality stage: built once from the config, shared by the worker threads.
pub struct QualityScorer {
    english: EnglishTokenizer,
    /// C4's lower-cased phrases, matched ignoring ASCII case (`filters::C4_PHRASES` order).
    c4_phrases: AhoCorasick,
    /// Stop words of the languages other than English with a function-word list.
    stop_words: HashMap<String, Vec<String>>,
}

#[derive(Deserialize)]
struct FunctionWordFile {
    language: Vec<FunctionWordList>,
}

#[derive(Deserialize)]
struct FunctionWordList {
    lang: String,
    words: Vec<String>,
}

impl QualityScorer {
    pub fn new(config: &Config) -> Result<QualityScorer> {
        let path = config.function_words_path();
        let source = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read function words {}", path.display()))?;
        let file: FunctionWordFile = toml::from_str(&source)
            .with_context(|| format!("invalid function words {}", path.display()))?;
        let stop_words = file
            .language
            .into_iter()
            .map(|list| {
                let words = list.words.into_iter().take(STOP_WORDS_PER_LANGUAGE);
                (list.lang, words.collect())
            })
            .collect();
        Ok(QualityScorer {
            english: EnglishTokenizer::new(),
            c4_phrases: AhoCorasick::builder()
                .ascii_case_insensitive(true)
                // Searched on every line that ends a sentence: the fastest automaton.
                .kind(Some(AhoCorasickKind::DFA))
                .build(filters::C4_PHRASES)
                .expect("the C4 phrases compile"),
            stop_words,
        })
    }

    /// The signals and decisions for `text` written in `lang` (English rules unless another
    /// language has a function-word list).
    pub fn score(&self, text: &str, lang: &str) -> Quality {
        let mut words = Vec::new();
        let (stop_words, english): (Vec<&str>, bool) =
            match self.stop_words.get(lang).filter(|_| lang != "en") {
                Some(list) => {
                    words.extend(crate::text::words(text));
                    (list.iter().map(String::as_str).collect(), false)
                }
                None => {
                    self.english.words(text, &mut words);
                    (ENGLISH_STOP_WORDS.to_vec(), true)
                }
            };
        let counts = Counts::new(text, &words, &stop_words);
        // C4 counts the sentences of a line in spaCy's English tokens: those of the document
        // when it has them and the line is part of its text, else the line's own; other
        // languages by their sentence-final marks.
        let sentences = |line: &str| {
            if !english {
                return english::rough_sentences(line);
            }
            let start = (line.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
            if start.saturating_add(line.len()) > text.len() {
                return self.english.sentences(line);
            }
            let end = start + line.len();
            let offset = |w: &&str| w.as_ptr() as usize - text.as_ptr() as usize;
            let first = words.partition_point(|w| offset(w) < start);
            let last = words.partition_point(|w| offset(w) < end);
            sentences_of_tokens(text, &words[first..last])
        };
        let verdicts = Verdicts::new(&counts, &self.c4_phrases, sentences);
        Quality {
            signals: counts.signals,
            verdicts,
        }
    }
}

/// The signals, and the few counts the decisions need beside them.
pub(crate) struct Counts<'t> {
    text: &'t str,
    /// The lines of the text as Python's `str.splitlines()` gives them (C4 tests each).
    lines: Vec<&'t str>,
    signals: QualitySignals,
    /// Words with a character outside datatrove's `PUNCTUATION_SET` (Gopher's length rule).
    non_symbol_words: usize,
    /// `#` per word and ellipses per word, apart (Gopher tests each).
    hash_ratio: f64,
    ellipsis_ratio: f64,
    /// FineWeb: characters of repeated non-blank lines / characters that are not `\n`.
    fineweb_dup_chars_ratio: f64,
    /// FineWeb: non-blank lines (`text.split("\n")`).
    fineweb_lines: usize,
    /// FineWeb: `\n` per word.
    newlines_per_word: f64,
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

fn chars(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// Elements seen before, and their characters (datatrove's `find_duplicates`).
fn find_duplicates<'t>(elements: impl Iterator<Item = &'t str>) -> (usize, usize) {
    let mut seen = FastSet::default();
    let (mut repeats, mut repeated_chars) = (0, 0);
    for element in elements {
        if !seen.insert(element) {
            repeats += 1;
            repeated_chars += chars(element);
        }
    }
    (repeats, repeated_chars)
}

/// Python's `str.splitlines()`. Scans bytes: every line break Python knows is ASCII or
/// starts with 0xC2 (U+0085) or 0xE2 0x80 (U+2028, U+2029), never inside another character.
fn python_lines(text: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let bytes = text.as_bytes();
    let (mut start, mut i) = (0, 0);
    // Skips to the next byte that may start a break.
    while let Some(skip) = bytes[i..]
        .iter()
        .position(|&b| b <= 0x1e || b == 0xc2 || b == 0xe2)
    {
        i += skip;
        let width = match bytes[i] {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => 2,
            b'\n' | b'\r' | 0x0b | 0x0c | 0x1c | 0x1d | 0x1e => 1,
            0xc2 if bytes.get(i + 1) == Some(&0x85) => 2,
            0xe2 if bytes.get(i + 1) == Some(&0x80)
                && matches!(bytes.get(i + 2), Some(0xa8 | 0xa9)) =>
            {
                3
            }
            _ => 0,
        };
        if width == 0 {
            i += 1;
            continue;
        }
        lines.push(&text[start..i]);
        i += width;
        start = i;
    }
    if start < text.len() {
        lines.push(&text[start..]);
    }
    lines
}

/// `text.count("...")`: a run of n dots holds n / 3 that do not overlap.
fn triple_dots(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut count, mut from) = (0, 0);
    while let Some(found) = memchr::memchr(b'.', &bytes[from..]) {
        let at = from + found;
        let run = bytes[at..].iter().take_while(|&&b| b == b'.').count();
        count += run / 3;
        from = at + run;
    }
    count
}

/// `re.split(pattern, text)` for a pattern matching runs of at least `min` newlines.
fn split_newline_runs(text: &str, min: usize) -> Vec<&str> {
    let mut parts = Vec::new();
    let bytes = text.as_bytes();
    let (mut start, mut from) = (0, 0);
    while let Some(found) = memchr::memchr(b'\n', &bytes[from..]) {
        let at = from + found;
        let run = bytes[at..].iter().take_while(|&&b| b == b'\n').count();
        if run >= min {
            parts.push(&text[start..at]);
            start = at + run;
        }
        from = at + run;
    }
    parts.push(&text[start..]);
    parts
}

impl<'t> Counts<'t> {
    pub(crate) fn new(text: &'t str, words: &[&str], stop_words: &[&str]) -> Counts<'t> {
        let n_chars = chars(text);
        let n_words = words.len();
        let vocabulary = Vocabulary::new(words, stop_words);
        let mut non_symbol_words = 0;
        let mut non_symbol_chars = 0;
        let mut alpha_words = 0;
        let mut stop_words_seen = 0u32;
        for &id in &vocabulary.ids {
            let word = &vocabulary.words[id as usize];
            if word.non_symbol {
                non_symbol_words += 1;
                non_symbol_chars += word.chars;
            }
            alpha_words += usize::from(word.alphabetic);
            stop_words_seen |= word.stop_word;
        }
        let hash_ratio = ratio(text.matches('#').count(), n_words);
        let ellipses = triple_dots(text) + text.matches('…').count();
        let ellipsis_ratio = ratio(ellipses, n_words);

        let lines = python_lines(text);
        let bullet_lines = lines
            .iter()
            .filter(|l| {
                let l = l.trim_start_matches(is_python_space);
                l.starts_with('•') || l.starts_with('-')
            })
            .count();
        let ellipsis_lines = lines
            .iter()
            .filter(|l| {
                let l = l.trim_end_matches(is_python_space);
                l.ends_with("...") || l.ends_with('…')
            })
            .count();

        let repetition_lines = split_newline_runs(text, 1);
        let (dup_lines, dup_line_chars) = find_duplicates(repetition_lines.iter().copied());
        let paragraphs = split_newline_runs(text.trim_matches(is_python_space), 2);
        let (dup_paras, dup_para_chars) = find_duplicates(paragraphs.iter().copied());

        let (top, dup) = NGrams::new(&vocabulary).char_counts();
        let top_ngram_char_frac = top.map(|chars| ratio(chars, n_chars));
        let dup_ngram_char_frac = dup.map(|chars| ratio(chars, n_chars));

        let fineweb_lines: Vec<&str> = text
            .split('\n')
            .filter(|l| !l.trim_matches(is_python_space).is_empty())
            .collect();
        let punct_lines = fineweb_lines
            .iter()
            .filter(|l| l.chars().next_back().is_some_and(is_terminal_punctuation))
            .count();
        let short_lines = fineweb_lines.iter().filter(|l| chars(l) <= 30).count();
        let (_, fineweb_dup_chars) = find_duplicates(fineweb_lines.iter().copied());
        let newlines = text.matches('\n').count();

        let signals = QualitySignals {
            n_words: n_words as i64,
            mean_word_length: ratio(non_symbol_chars, non_symbol_words),
            symbol_word_ratio: hash_ratio.max(ellipsis_ratio),
            bullet_lines_ratio: ratio(bullet_lines, lines.len()),
            ellipsis_lines_ratio: ratio(ellipsis_lines, lines.len()),
            alpha_words_ratio: ratio(alpha_words, n_words),
            stop_words: i64::from(stop_words_seen.count_ones()),
            dup_line_frac: ratio(dup_lines, repetition_lines.len()),
            dup_line_char_frac: ratio(dup_line_chars, n_chars),
            dup_para_frac: ratio(dup_paras, paragraphs.len()),
            dup_para_char_frac: ratio(dup_para_chars, n_chars),
            top_ngram_char_frac,
            dup_ngram_char_frac,
            terminal_punct_lines_ratio: ratio(punct_lines, fineweb_lines.len()),
            short_lines_ratio: ratio(short_lines, fineweb_lines.len()),
        };
        Counts {
            text,
            lines,
            signals,
            non_symbol_words,
            hash_ratio,
            ellipsis_ratio,
            fineweb_dup_chars_ratio: ratio(fineweb_dup_chars, n_chars - newlines),
            fineweb_lines: fineweb_lines.len(),
            newlines_per_word: ratio(newlines, n_words),
        }
    }
}

/// The words of a document as ids (equal words, equal ids), each distinct word examined once.
struct Vocabulary {
    ids: Vec<u32>,
    /// The distinct words, in order of first occurrence.
    words: Vec<WordFacts>,
}

/// What the signals need to know of one distinct word.
struct WordFacts {
    occurrences: u32,
    chars: usize,
    /// It has a character outside datatrove's `PUNCTUATION_SET`.
    non_symbol: bool,
    /// It has a letter.
    alphabetic: bool,
    /// The bit of its index among the stop words, 0 when it is none.
    stop_word: u32,
}

impl Vocabulary {
    fn new(words: &[&str], stop_words: &[&str]) -> Vocabulary {
        let mut interned: FastMap<&str, u32> =
            FastMap::with_capacity_and_hasher(words.len(), Default::default());
        let mut ids = Vec::with_capacity(words.len());
        let mut distinct: Vec<WordFacts> = Vec::new();
        for &word in words {
            let next = distinct.len() as u32;
            let id = *interned.entry(word).or_insert_with(|| {
                distinct.push(WordFacts {
                    occurrences: 0,
                    chars: chars(word),
                    non_symbol: word.chars().any(|c| !is_punctuation_set(c)),
                    alphabetic: word.chars().any(crate::text::is_alphabetic),
                    stop_word: stop_words
                        .iter()
                        .position(|s| *s == word)
                        .map_or(0, |i| 1 << i),
                });
                next
            });
            distinct[id as usize].occurrences += 1;
            ids.push(id);
        }
        Vocabulary {
            ids,
            words: distinct,
        }
    }
}

/// The word ids of a document and the code points before each word, so an n-gram's
/// characters are one subtraction.
struct NGrams<'v> {
    vocabulary: &'v Vocabulary,
    chars_before: Vec<usize>,
}

/// The longest n-grams the signals look at.
const MAX_N: usize = 10;

/// No group: the n-gram at this position occurs once.
const ONCE: u32 = u32::MAX;

impl<'v> NGrams<'v> {
    fn new(vocabulary: &'v Vocabulary) -> NGrams<'v> {
        let mut chars_before = Vec::with_capacity(vocabulary.ids.len() + 1);
        let mut total = 0;
        chars_before.push(total);
        for &id in &vocabulary.ids {
            total += vocabulary.words[id as usize].chars;
            chars_before.push(total);
        }
        NGrams {
            vocabulary,
            chars_before,
        }
    }

    /// Code points of the n words from position `first` (without separators).
    fn gram_chars(&self, first: usize, n: usize) -> usize {
        self.chars_before[first + n] - self.chars_before[first]
    }

    /// The characters behind `top_{2,3,4}gram_char_frac` (datatrove's `find_top_duplicate`)
    /// and `dup_{5..10}gram_char_frac` (`find_all_duplicate`), from the groups of positions of
    /// the n-grams that occur more than once (`RepeatedGrams`).
    fn char_counts(&self) -> ([usize; 3], [usize; 6]) {
        let len = self.vocabulary.ids.len();
        let (mut top, mut dup) = ([0; 3], [0; 6]);
        let mut repeated = RepeatedGrams::new(self.vocabulary);
        // The last n each group was met at in `duplicate_chars`.
        let mut seen_at = Vec::new();
        for n in 2..=MAX_N {
            if len < n {
                break;
            }
            repeated.split_at(n);
            if n <= 4 {
                top[n - 2] = self.top_chars(n, &repeated);
            } else {
                seen_at.resize(repeated.groups.len(), 0);
                dup[n - 5] = self.duplicate_chars(n, &repeated.group_of, &mut seen_at);
                // No repeated n-gram, no longer one either (its first n words would repeat).
                if dup[n - 5] == 0 {
                    break;
                }
            }
        }
        (top, dup)
    }

    /// Counter.most_common(1)'s characters times its count: the largest group, the first
    /// seen on a tie; an n-gram in no group occurs once, and position 0 is the first of those.
    fn top_chars(&self, n: usize, repeated: &RepeatedGrams) -> usize {
        let (count, first) = repeated
            .groups
            .iter()
            .filter(|group| group.last_n >= n)
            .map(|group| {
                (
                    group.end - group.start,
                    repeated.members[group.start] as usize,
                )
            })
            .fold((1, 0), |best, (count, first)| {
                if count > best.0 || (count == best.0 && first < best.1) {
                    (count, first)
                } else {
                    best
                }
            });
        (self.gram_chars(first, n) + n - 1) * count
    }

    /// datatrove's `find_all_duplicate`: the characters of every n-gram seen before, skipping
    /// past each repeat; `group_of` numbers the n-grams that occur more than once, the others
    /// are new wherever the walk meets them. n-grams are compared word by word (datatrove
    /// compares them joined without spaces, which also equates different splits of the same
    /// characters).
    fn duplicate_chars(&self, n: usize, group_of: &[u32], seen_at: &mut [u8]) -> usize {
        let (mut chars, mut i) = (0, 0);
        while i + n <= group_of.len() {
            let group = group_of[i];
            if group == ONCE || std::mem::replace(&mut seen_at[group as usize], n as u8) != n as u8
            {
                i += 1;
            } else {
                chars += self.gram_chars(i, n);
                i += n;
            }
        }
        chars
    }
}

/// The n-grams of a document that occur more than once, as groups of positions, grown from
/// n = 1 to `MAX_N`.
///
/// An n-gram whose first n - 1 words occur once occurs once itself, so a group of n-grams is
/// part of a group of (n - 1)-grams, split by the n-th word (a counting sort by word id: no
/// n-gram is hashed or compared). Repeated text repeats long n-grams, so a group first runs
/// on while all its positions go on with the same words, and splits only then.
struct RepeatedGrams<'v> {
    ids: &'v [u32],
    /// The positions of every group, each group's in increasing order.
    members: Vec<u32>,
    groups: Vec<Group>,
    /// The groups that split at each n.
    splits: [Vec<u32>; MAX_N + 1],
    /// The group of the n-gram at each position, `ONCE` where it occurs once.
    group_of: Vec<u32>,
    /// Per word id: the last split that met it, and its subgroup there.
    met_in: Vec<u32>,
    subgroup_of: Vec<u32>,
    /// Per subgroup of the current split: its size, then where its next position goes.
    slots: Vec<usize>,
}

/// The positions of an n-gram that occurs more than once, the same for every n up to `last_n`.
struct Group {
    /// Its positions are `members[start..end]`.
    start: usize,
    end: usize,
    last_n: usize,
}

impl<'v> RepeatedGrams<'v> {
    /// The groups of single words.
    fn new(vocabulary: &'v Vocabulary) -> RepeatedGrams<'v> {
        let ids = &vocabulary.ids;
        let mut repeated = RepeatedGrams {
            ids,
            members: Vec::with_capacity(2 * ids.len()),
            groups: Vec::new(),
            splits: Default::default(),
            group_of: vec![ONCE; ids.len()],
            met_in: vec![ONCE; vocabulary.words.len()],
            subgroup_of: vec![0; vocabulary.words.len()],
            slots: Vec::new(),
        };
        // Each repeated word's place in `members`, by a counting sort of the positions.
        let mut next = Vec::with_capacity(vocabulary.words.len());
        let mut end = 0;
        for word in &vocabulary.words {
            next.push(end);
            if word.occurrences > 1 {
                end += word.occurrences as usize;
            }
        }
        repeated.members.resize(end, 0);
        for (position, &id) in ids.iter().enumerate() {
            if vocabulary.words[id as usize].occurrences > 1 {
                repeated.members[next[id as usize]] = position as u32;
                next[id as usize] += 1;
            }
        }
        let mut start = 0;
        for word in &vocabulary.words {
            if word.occurrences > 1 {
                let end = start + word.occurrences as usize;
                repeated.add(start, end, 1);
                start = end;
            }
        }
        repeated
    }

    /// Makes `members[start..end]`, the positions of one n-gram, a group: numbered in
    /// `group_of`, and due to split at the first word where a position differs from the
    /// first (or has none).
    fn add(&mut self, start: usize, end: usize, n: usize) {
        let positions = &self.members[start..end];
        let (first, last) = (positions[0] as usize, positions[end - start - 1] as usize);
        let mut last_n = MAX_N.min(self.ids.len() - last);
        let lead = &self.ids[first..];
        for &position in &positions[1..] {
            let other = &self.ids[position as usize..];
            last_n = n + (n..last_n).take_while(|&i| lead[i] == other[i]).count();
            if last_n == n {
                break;
            }
        }
        let number = self.groups.len() as u32;
        for &position in positions {
            self.group_of[position as usize] = number;
        }
        if last_n < MAX_N {
            self.splits[last_n + 1].push(number);
        }
        self.groups.push(Group { start, end, last_n });
    }

    /// Splits the groups due at n by their n-th word, into the groups of n-grams.
    fn split_at(&mut self, n: usize) {
        for parent in std::mem::take(&mut self.splits[n]) {
            let Group { start, end, .. } = self.groups[parent as usize];
            // Two positions that run on no further differ at the n-th word.
            if end - start > 2 {
                self.split(parent, start, end, n);
            }
            for position in start..end {
                let position = self.members[position] as usize;
                if self.group_of[position] == parent {
                    self.group_of[position] = ONCE;
                }
            }
        }
    }

    /// Splits the group numbered `parent`, `members[start..end]`, by the n-th word: the
    /// subgroups of two or more positions become groups.
    fn split(&mut self, parent: u32, start: usize, end: usize, n: usize) {
        self.slots.clear();
        for i in start..end {
            let Some(&word) = self.ids.get(self.members[i] as usize + n - 1) else {
                continue;
            };
            let word = word as usize;
            if self.met_in[word] != parent {
                self.met_in[word] = parent;
                self.subgroup_of[word] = self.slots.len() as u32;
                self.slots.push(0);
            }
            self.slots[self.subgroup_of[word] as usize] += 1;
        }
        // Subgroups of two or more get room at the end of `members`, one after another.
        let first = self.members.len();
        let mut next = first;
        for slot in &mut self.slots {
            let size = *slot;
            *slot = if size > 1 { next } else { usize::MAX };
            next += if size > 1 { size } else { 0 };
        }
        self.members.resize(next, 0);
        for i in start..end {
            let position = self.members[i];
            let Some(&word) = self.ids.get(position as usize + n - 1) else {
                continue;
            };
            let slot = &mut self.slots[self.subgroup_of[word as usize] as usize];
            if *slot != usize::MAX {
                self.members[*slot] = position;
                *slot += 1;
            }
        }
        // Each slot now ends its subgroup.
        let mut from = first;
        for subgroup in 0..self.slots.len() {
            let to = self.slots[subgroup];
            if to != usize::MAX {
                self.add(from, to, n);
                from = to;
            }
        }
    }
}

#[cfg(test)]
mod tests;
