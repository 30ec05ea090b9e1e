//! The decisions of datatrove's `GopherRepetitionFilter` + `GopherQualityFilter`,
//! `C4QualityFilter` and `FineWebQualityFilter` with their default arguments, each as the
//! rule that drops the document (datatrove's reason string) or `None` when it keeps it.

use super::{is_python_space, Counts};
use crate::config::Filter;
use crate::document::Verdicts;
use aho_corasick::AhoCorasick;

/// Gopher's repetition thresholds for the top 2-, 3-, 4-gram and duplicated 5- to 10-gram
/// character fractions.
const TOP_NGRAM_MAX: [f64; 3] = [0.20, 0.18, 0.16];
const DUP_NGRAM_MAX: [f64; 6] = [0.15, 0.14, 0.13, 0.12, 0.11, 0.10];
const TOP_NGRAM_RULES: [&str; 3] = ["top_2_gram", "top_3_gram", "top_4_gram"];
const DUP_NGRAM_RULES: [&str; 6] = [
    "duplicated_5_n_grams",
    "duplicated_6_n_grams",
    "duplicated_7_n_grams",
    "duplicated_8_n_grams",
    "duplicated_9_n_grams",
    "duplicated_10_n_grams",
];

/// The phrases C4 looks for in a lower-cased line: `lorem ipsum` drops the document,
/// `javascript` and the policy phrases (the rest) drop the line.
pub const C4_PHRASES: [&str; 8] = [
    "lorem ipsum",
    "javascript",
    "terms of use",
    "privacy policy",
    "cookie policy",
    "uses cookies",
    "use of cookies",
    "use cookies",
];

impl Verdicts {
    /// `sentences` counts the sentences of a line as C4 does.
    /// `phrases` finds `C4_PHRASES` ignoring ASCII case; `sentences` counts the sentences of
    /// a line as C4 does.
    pub(crate) fn new(
        counts: &Counts,
        phrases: &AhoCorasick,
        sentences: impl Fn(&str) -> usize,
    ) -> Verdicts {
        Verdicts {
            gopher: gopher_repetition(counts).or_else(|| gopher_quality(counts)),
            c4: c4(&counts.lines, phrases, sentences),
            fineweb: fineweb(counts),
        }
    }

    pub fn get(&self, filter: Filter) -> Option<&'static str> {
        match filter {
            Filter::Gopher => self.gopher,
            Filter::C4 => self.c4,
            Filter::Fineweb => self.fineweb,
        }
    }
}

fn gopher_repetition(counts: &Counts) -> Option<&'static str> {
    let s = &counts.signals;
    if counts.text.is_empty() {
        return Some("empty");
    }
    let checks = [
        (s.dup_para_frac > 0.3, "dup_para_frac"),
        (s.dup_para_char_frac > 0.2, "dup_para_char_frac"),
        (s.dup_line_frac > 0.3, "dup_line_frac"),
        (s.dup_line_char_frac > 0.2, "dup_line_char_frac"),
    ];
    if let Some((_, rule)) = checks.into_iter().find(|(fails, _)| *fails) {
        return Some(rule);
    }
    let top = (s.top_ngram_char_frac.iter().zip(TOP_NGRAM_MAX)).zip(TOP_NGRAM_RULES);
    if let Some((_, rule)) = top.into_iter().find(|((v, max), _)| **v > *max) {
        return Some(rule);
    }
    let dup = (s.dup_ngram_char_frac.iter().zip(DUP_NGRAM_MAX)).zip(DUP_NGRAM_RULES);
    dup.into_iter()
        .find(|((v, max), _)| **v > *max)
        .map(|(_, rule)| rule)
}

fn gopher_quality(counts: &Counts) -> Option<&'static str> {
    let s = &counts.signals;
    let checks = [
        (counts.non_symbol_words < 50, "gopher_short_doc"),
        (counts.non_symbol_words > 100_000, "gopher_long_doc"),
        (s.mean_word_length < 3.0, "gopher_below_avg_threshold"),
        (s.mean_word_length > 10.0, "gopher_above_avg_threshold"),
        (counts.hash_ratio > 0.1, "gopher_too_many_hashes"),
        (counts.ellipsis_ratio > 0.1, "gopher_too_many_ellipsis"),
        (s.bullet_lines_ratio > 0.9, "gopher_too_many_bullets"),
        (s.ellipsis_lines_ratio > 0.3, "gopher_too_many_end_ellipsis"),
        (s.alpha_words_ratio < 0.8, "gopher_below_alpha_threshold"),
        (s.stop_words < 2, "gopher_enough_stop_words"),
    ];
    checks
        .into_iter()
        .find(|(fails, _)| *fails)
        .map(|(_, rule)| rule)
}

/// C4's line-by-line pass, keeping only its decision (the filter would also rewrite the text).
fn c4(
    lines: &[&str],
    phrases: &AhoCorasick,
    sentences: impl Fn(&str) -> usize,
) -> Option<&'static str> {
    let mut total = 0;
    for line in lines {
        let line = line.trim_matches(is_python_space);
        // The line's words are taken before the citations are removed. C4 skips a line with a
        // word over 1000 characters before its other tests, but every test up to the minimum
        // of words skips the line too, so their order does not matter.
        let words = line.split(is_python_space).filter(|w| !w.is_empty());
        let stripped = remove_citations(line);
        let ends = stripped.ends_with(['.', '?', '!', '"', '\'']) && !stripped.ends_with("...");
        if !ends {
            continue;
        }
        // Only a line of over 1000 bytes can hold a word of over 1000 characters.
        let too_long = line.len() > 1000
            && (words.clone()).any(|w| w.len() > 1000 && w.chars().count() > 1000);
        if too_long || words.take(3).count() < 3 {
            continue;
        }
        let line = stripped;
        let found = phrases
            .find_overlapping_iter(line.as_ref())
            .fold(0u32, |found, m| found | 1 << m.pattern().as_u32());
        if found & 1 != 0 {
            return Some("lorem_ipsum");
        }
        if found & 2 != 0 {
            continue;
        }
        if line.contains('{') {
            return Some("curly_bracket");
        }
        if found != 0 {
            continue;
        }
        // Past five sentences only the lines' other tests can change the decision.
        if total < 5 {
            total += sentences(&line);
        }
    }
    (total < 5).then_some("too_few_sentences")
}

/// C4's `\[\d*]|\[edit]|\[citation needed]` removed.
fn remove_citations(line: &str) -> std::borrow::Cow<'_, str> {
    if !line.contains('[') {
        return line.into();
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let digits = after.len() - after.trim_start_matches(char::is_numeric).len();
        let skip = if after[digits..].starts_with(']') {
            Some(digits + 1)
        } else if after.starts_with("edit]") {
            Some(5)
        } else if after.starts_with("citation needed]") {
            Some(16)
        } else {
            None
        };
        match skip {
            Some(len) => rest = &after[len..],
            None => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.into()
}

fn fineweb(counts: &Counts) -> Option<&'static str> {
    let s = &counts.signals;
    if counts.fineweb_lines == 0 {
        return Some("empty");
    }
    let checks = [
        (s.terminal_punct_lines_ratio < 0.12, "line_punct_ratio"),
        (s.short_lines_ratio > 0.67, "short_line_ratio"),
        (counts.fineweb_dup_chars_ratio > 0.01, "char_dup_ratio"),
        (counts.newlines_per_word > 0.3, "list_ratio"),
    ];
    checks
        .into_iter()
        .find(|(fails, _)| *fails)
        .map(|(_, rule)| rule)
}
