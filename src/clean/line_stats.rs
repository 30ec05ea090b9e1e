//! Corpus-wide line counts: in how many documents each short line appears, estimated with a
//! count-min sketch of fixed size so memory stays bounded whatever the number of documents.
//! Counting is a pass over *all* inputs before the build, so every shard sees the same counts;
//! a sharded build sums each shard's counts instead (`prepare`), which gives the same sketch.
//! The cleaner only asks whether a line reached the threshold, so once counted the sketch is
//! frozen into one bit per counter (`RepeatedLines`): an eighth of its memory, same answers.

use super::markup::to_plain_lines;
use crate::config::{CleanConfig, InputConfig};
use crate::document::Format;
use crate::read::{is_html_page, read_text, Input};
use crate::text::{alnum_key, count_words};
use rayon::prelude::*;
use std::sync::atomic::{AtomicU8, Ordering};

/// Rows of the sketch: a line's count is the minimum over its counters in every row.
const DEPTH: usize = 4;
/// First word of the repeated-line record, with its format version.
const RECORD_HEADER: &str = "corpusmill-repeated-lines 1";
/// First word of a line-count file (one shard's counts, or their sum), with its version.
const COUNTS_HEADER: &str = "corpusmill-line-counts 1";
pub struct LineStats {
    keys: LineKeys,
    counters: Vec<AtomicU8>,
}

/// Which counters a line has: its hash and a slot in each row.
#[derive(Clone, Copy)]
struct LineKeys {
    width: usize,
    max_words: usize,
}

/// The lines seen in at least a given number of documents: bit `slot` is set when the counter
/// `slot` of the sketch reached it, so a line is repeated when all its bits are set.
pub struct RepeatedLines {
    keys: LineKeys,
    bits: Vec<u64>,
}

impl LineStats {
    /// Count the short lines of every readable input, in parallel on the current rayon pool,
    /// taking the inputs as they are listed. Unreadable inputs are skipped here; the build
    /// reports them as rejects.
    pub fn count<I>(inputs: I, input: &InputConfig, clean: &CleanConfig) -> LineStats
    where
        I: IntoIterator,
        I::Item: Into<Input> + Send,
        I::IntoIter: Send,
    {
        let stats = LineStats::empty(clean);
        // Counts commute, so the order the threads take the inputs in does not matter.
        // HTML pages are left out: their extractor already drops what a site repeats on every
        // page, and extracting each page twice would double the cost of reading HTML.
        inputs.into_iter().par_bridge().for_each(|one| {
            let one: Input = one.into();
            if is_html_page(&one) {
                return;
            }
            if let Ok(text) = read_text(&one, input) {
                stats.add_document(&text.body, text.format == Format::Md);
            }
        });
        stats
    }

    /// A sketch with no lines counted.
    pub fn empty(clean: &CleanConfig) -> LineStats {
        let width = clean.repeated_sketch_width.max(1);
        LineStats {
            keys: LineKeys {
                width,
                max_words: clean.repeated_max_words,
            },
            counters: zeroed_counters(width * DEPTH),
        }
    }

    /// The counts, for a shard's share of the corpus to be summed with the others': a header
    /// naming the sketch, then each counter that is not zero as a LEB128 gap from the previous
    /// one and its count byte.
    pub fn to_counts_bytes(&self) -> Vec<u8> {
        let mut bytes = format!(
            "{COUNTS_HEADER} {} {}\n",
            self.keys.width, self.keys.max_words
        )
        .into_bytes();
        let mut previous = 0u64;
        for (slot, counter) in self.counters.iter().enumerate() {
            let count = counter.load(Ordering::Relaxed);
            if count > 0 {
                push_leb128(&mut bytes, slot as u64 - previous);
                bytes.push(count);
                previous = slot as u64;
            }
        }
        bytes
    }

    /// Add the counts of `to_counts_bytes`. Saturating sums of disjoint shares equal the
    /// saturating count over all of them, so the sum of the shards' counts is the count a
    /// single pass over the corpus makes. An error names what does not fit.
    pub fn add_counts_bytes(&self, bytes: &[u8]) -> Result<(), String> {
        let newline = bytes.iter().position(|&b| b == b'\n').ok_or("no header")?;
        let header = std::str::from_utf8(&bytes[..newline]).map_err(|_| "no header")?;
        let fields = header
            .strip_prefix(COUNTS_HEADER)
            .ok_or("not a line-count file")?;
        let expected = format!(" {} {}", self.keys.width, self.keys.max_words);
        if fields != expected {
            return Err(format!(
                "counted with another clean.repeated_sketch_width or clean.repeated_max_words ({fields} instead of{expected})"
            ));
        }
        let (mut slot, mut gap, mut shift) = (0usize, 0usize, 0u32);
        let mut body = bytes[newline + 1..].iter();
        while let Some(&byte) = body.next() {
            gap |= usize::from(byte & 0x7f)
                .checked_shl(shift)
                .ok_or("damaged")?;
            shift += 7;
            if byte & 0x80 == 0 {
                slot = slot.checked_add(gap).ok_or("damaged")?;
                let count = *body.next().ok_or("cut short")?;
                let counter = self.counters.get(slot).ok_or("damaged")?;
                let _ = counter.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |c| {
                    Some(c.saturating_add(count))
                });
                (gap, shift) = (0, 0);
            }
        }
        Ok(())
    }

    /// Count each distinct short line of one document once.
    pub fn add_document(&self, body: &str, markdown: bool) {
        let mut markup_removed = Vec::new();
        let mut hashes: Vec<u64> = to_plain_lines(body, markdown, &mut markup_removed)
            .iter()
            .filter_map(|line| self.keys.line_hash(&line.text))
            .collect();
        hashes.sort_unstable();
        hashes.dedup();
        for hash in hashes {
            for slot in self.keys.slots(hash) {
                // Saturating increments commute, so the counts never depend on thread timing.
                let _ =
                    self.counters[slot]
                        .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |c| c.checked_add(1));
            }
        }
    }

    /// Estimated number of documents containing `line` (never an underestimate); 0 for lines
    /// that are not counted (too long or empty).
    pub fn documents_with(&self, line: &str) -> u32 {
        self.keys.line_hash(line).map_or(0, |hash| {
            self.keys
                .slots(hash)
                .map(|slot| self.counters[slot].load(Ordering::Relaxed) as u32)
                .min()
                .unwrap_or(0)
        })
    }

    /// Freeze the counts into the lines found in at least `min_docs` documents.
    pub fn repeated_lines(&self, min_docs: u32) -> RepeatedLines {
        let mut bits = vec![0u64; self.counters.len().div_ceil(64)];
        for (slot, counter) in self.counters.iter().enumerate() {
            if counter.load(Ordering::Relaxed) as u32 >= min_docs {
                bits[slot / 64] |= 1 << (slot % 64);
            }
        }
        RepeatedLines {
            keys: self.keys,
            bits,
        }
    }
}

impl RepeatedLines {
    /// No corpus counts (a single document on the command line): no line is repeated.
    pub fn none() -> RepeatedLines {
        RepeatedLines {
            keys: LineKeys {
                width: 0,
                max_words: 0,
            },
            bits: Vec::new(),
        }
    }

    /// The record a later `--incremental` build compares its own with: a header naming the
    /// sketch, then the set counters as LEB128 gaps (a few bytes per repeated line). With it,
    /// the number of set counters.
    pub fn to_bytes(&self) -> (Vec<u8>, u64) {
        let mut bytes = format!(
            "{RECORD_HEADER} {} {}\n",
            self.keys.width, self.keys.max_words
        )
        .into_bytes();
        let (mut previous, mut set_counters) = (0u64, 0u64);
        for (word_index, &word) in self.bits.iter().enumerate() {
            let mut word = word;
            while word != 0 {
                let slot = (word_index * 64) as u64 + u64::from(word.trailing_zeros());
                push_leb128(&mut bytes, slot - previous);
                previous = slot;
                word &= word - 1;
                set_counters += 1;
            }
        }
        (bytes, set_counters)
    }

    /// The record written by `to_bytes`; `None` when it is not one.
    pub fn from_bytes(bytes: &[u8]) -> Option<RepeatedLines> {
        let newline = bytes.iter().position(|&b| b == b'\n')?;
        let header = std::str::from_utf8(&bytes[..newline]).ok()?;
        let mut fields = header.strip_prefix(RECORD_HEADER)?.split_whitespace();
        let width: usize = fields.next()?.parse().ok()?;
        let max_words: usize = fields.next()?.parse().ok()?;
        let slots = width.checked_mul(DEPTH)?;
        let mut bits = vec![0u64; if width == 0 { 0 } else { slots.div_ceil(64) }];
        let (mut slot, mut gap, mut shift) = (0usize, 0usize, 0u32);
        for &byte in &bytes[newline + 1..] {
            gap |= usize::from(byte & 0x7f).checked_shl(shift)?;
            shift += 7;
            if byte & 0x80 == 0 {
                slot = slot.checked_add(gap)?;
                *bits.get_mut(slot / 64)? |= 1 << (slot % 64);
                (gap, shift) = (0, 0);
            }
        }
        Some(RepeatedLines {
            keys: LineKeys { width, max_words },
            bits,
        })
    }

    /// Whether `other` gives every plain line of `body` the same answer: if not, a document
    /// cleaned with one would not be cleaned alike with the other.
    pub fn agree_on(&self, other: &RepeatedLines, body: &str, markdown: bool) -> bool {
        let mut markup_removed = Vec::new();
        to_plain_lines(body, markdown, &mut markup_removed)
            .iter()
            .all(|line| self.contains(&line.text) == other.contains(&line.text))
    }

    /// Whether `line` is in at least the threshold's number of documents, as far as the sketch
    /// can tell (it may overestimate, never underestimate).
    pub fn contains(&self, line: &str) -> bool {
        if self.bits.is_empty() {
            return false;
        }
        self.keys.line_hash(line).is_some_and(|hash| {
            self.keys
                .slots(hash)
                .all(|slot| self.bits[slot / 64] & (1 << (slot % 64)) != 0)
        })
    }
}

impl LineKeys {
    fn line_hash(&self, line: &str) -> Option<u64> {
        if self.longer_than_counted(line) {
            return None;
        }
        let key = alnum_key(line);
        (!key.is_empty()).then(|| fnv1a(key.as_bytes()))
    }

    /// Over `max_words` words. Every whitespace-separated token with a letter or digit holds at
    /// least one word, so most prose lines are settled without segmenting them into words.
    fn longer_than_counted(&self, line: &str) -> bool {
        let tokens_with_words = line
            .split_whitespace()
            .filter(|token| token.chars().any(char::is_alphanumeric));
        tokens_with_words.count() > self.max_words || count_words(line) > self.max_words
    }

    fn slots(&self, hash: u64) -> impl Iterator<Item = usize> + '_ {
        // Double hashing: row r uses h1 + r * h2, with h2 odd so rows differ.
        let h2 = splitmix(hash) | 1;
        (0..DEPTH).map(move |row| {
            let h = hash.wrapping_add((row as u64).wrapping_mul(h2));
            row * self.width + (h % self.width as u64) as usize
        })
    }
}

/// `n` counters at zero, allocated zeroed: the OS maps a page in when it is first touched, so
/// a small corpus does not pay for the whole sketch.
fn zeroed_counters(n: usize) -> Vec<AtomicU8> {
    let mut zeros = std::mem::ManuallyDrop::new(vec![0u8; n]);
    // SAFETY: AtomicU8 has the same size, alignment and bit validity as u8, so the allocation
    // of `n` zero bytes is one of `n` zero counters, freed with the same layout.
    unsafe { Vec::from_raw_parts(zeros.as_mut_ptr().cast::<AtomicU8>(), n, zeros.capacity()) }
}

fn push_leb128(bytes: &mut Vec<u8>, mut value: u64) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            bytes.push(byte);
            return;
        }
        bytes.push(byte | 0x80);
    }
}

/// FNV-1a: a fixed, dependency-free hash, so counts are the same on every platform and run.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    })
}

fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stats_of(bodies: &[impl AsRef<str>], width: usize) -> LineStats {
        let stats = LineStats {
            keys: LineKeys {
                width,
                max_words: 10,
            },
            counters: (0..width * DEPTH).map(|_| AtomicU8::new(0)).collect(),
        };
        for body in bodies {
            stats.add_document(body.as_ref(), false);
        }
        stats
    }

    #[test]
    fn counts_documents_not_occurrences_and_ignores_case_and_punctuation() {
        let stats = stats_of(
            &[
                "Le Petit Courrier\nUn texte.\nLe Petit Courrier",
                "LE PETIT COURRIER !\nUn autre texte.",
                "Le petit courrier\nEncore un texte, plus long que les autres et unique.",
            ],
            1024,
        );
        assert_eq!(stats.documents_with("Le Petit Courrier"), 3);
        assert_eq!(stats.documents_with("Un texte."), 1);
        assert_eq!(stats.documents_with("Jamais vu"), 0);
    }

    #[test]
    fn summed_shard_counts_equal_one_count_over_all() {
        let bodies: Vec<String> = (0..300)
            .map(|i| format!("ligne {}\nmenu commun\nrubrique {}", i % 7, i % 3))
            .collect();
        let whole = stats_of(&bodies, 64);
        let (even, odd): (Vec<_>, Vec<_>) =
            bodies.iter().enumerate().partition(|(i, _)| i % 2 == 0);
        let strip = |part: Vec<(usize, &String)>| {
            part.into_iter().map(|(_, b)| b.clone()).collect::<Vec<_>>()
        };
        let summed = stats_of(&[] as &[&str], 64);
        for part in [strip(even), strip(odd)] {
            summed
                .add_counts_bytes(&stats_of(&part, 64).to_counts_bytes())
                .unwrap();
        }
        assert_eq!(whole.to_counts_bytes(), summed.to_counts_bytes());
        assert_eq!(summed.documents_with("menu commun"), 255);
        assert!(stats_of(&bodies, 32)
            .add_counts_bytes(&whole.to_counts_bytes())
            .is_err());
    }

    #[test]
    fn long_lines_are_not_counted() {
        let long = "Un paragraphe de plus de dix mots qui revient dans chaque document du corpus.";
        let stats = stats_of(&[long, long, long], 1024);
        assert_eq!(stats.documents_with(long), 0);
    }

    #[test]
    fn a_tiny_sketch_overestimates_but_never_underestimates() {
        let bodies: Vec<String> = (0..50).map(|i| format!("ligne {i}\nmenu commun")).collect();
        let stats = stats_of(&bodies, 8);
        assert!(stats.documents_with("menu commun") >= 50);
        assert!(stats.documents_with("ligne 7") >= 1);
    }

    #[test]
    fn repeated_lines_answer_as_the_counts_do() {
        let bodies: Vec<String> = (0..6)
            .map(|i| format!("ligne {i}\nmenu commun\npied{}", i % 2))
            .collect();
        let stats = stats_of(&bodies, 4096);
        let repeated = stats.repeated_lines(3);
        assert!(repeated.contains("Menu commun !"));
        assert!(repeated.contains("pied0"));
        assert!(!repeated.contains("ligne 2"));
        assert!(!repeated.contains("jamais vu"));
        for line in ["menu commun", "pied1", "ligne 0", "autre"] {
            assert_eq!(
                repeated.contains(line),
                stats.documents_with(line) >= 3,
                "{line}"
            );
        }
        assert!(!RepeatedLines::none().contains("menu commun"));
    }

    #[test]
    fn the_record_reads_back_to_the_same_answers() {
        let bodies: Vec<String> = (0..300)
            .map(|i| format!("ligne {i}\nmenu commun\npied{}", i % 7))
            .collect();
        let repeated = stats_of(&bodies, 1 << 16).repeated_lines(40);
        let (record, set_counters) = repeated.to_bytes();
        let read = RepeatedLines::from_bytes(&record).unwrap();
        assert_eq!(read.bits, repeated.bits);
        assert_eq!(read.to_bytes(), (record, set_counters));
        assert_eq!(set_counters, 8 * DEPTH as u64, "7 footers and the menu");
        assert!(read.contains("menu commun") && read.contains("pied3"));
        assert!(RepeatedLines::from_bytes(b"something else\n").is_none());
        let none = RepeatedLines::from_bytes(&RepeatedLines::none().to_bytes().0).unwrap();
        assert!(!none.contains("menu commun"));
    }

    #[test]
    fn records_disagree_on_a_document_with_a_line_that_became_repeated() {
        let before: Vec<String> = (0..4).map(|i| format!("texte {i}\nmenu commun")).collect();
        let mut after = before.clone();
        after.push("texte 4\nmenu commun".into());
        let repeated = |bodies: &[String]| stats_of(bodies, 4096).repeated_lines(5);
        let (old, new) = (repeated(&before), repeated(&after));
        assert!(!old.agree_on(&new, &before[0], false));
        assert!(old.agree_on(&new, "texte 0\nautre ligne", false));
    }
}
