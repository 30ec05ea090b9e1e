//! The article finder: after the rules, score every line still kept by how much it reads like
//! the article body, from features that do not depend on a site's wording (length, function
//! words, punctuation, capitals, separators, position, how prose-like the neighbours are, where
//! the largest region of prose lies). Two small boosted-tree models, learned from annotated pages by
//! `scripts/train_article_finder.py` and shipped in `config/article_finder.toml`: the first
//! scores lines on their own features, the second adds the first's scores of the neighbours,
//! so a short line between two kept paragraphs (a subheading) stays and a short line inside a
//! menu goes.

use super::structure::LineShape;
use crate::text::WordSet;
use crate::text::{self, ends_like_sentence, fold_into};
use anyhow::{bail, Context, Result};
use foldhash::fast::FixedState;
use serde::Deserialize;
use std::collections::HashMap;
use std::hash::BuildHasher;
use std::path::Path;

/// Rule id of the lines the model drops.
pub const MODEL_RULE: &str = "model.boilerplate";

/// What the finder needs to know of one line with text.
pub struct FinderLine<'a> {
    /// The text still kept after the rules (may be empty when a rule removed the whole line).
    pub kept: &'a str,
    pub shape: LineShape,
    pub heading: bool,
    pub link_only: bool,
    /// A rule removed part or all of the line.
    pub touched_by_rule: bool,
    /// The line is found in many documents of the corpus.
    pub repeated: bool,
}

/// Names of the line's own features, in order (the model file lists the same names).
const LINE_FEATURES: [&str; 29] = [
    "words_log",
    "chars_log",
    "sentence_end",
    "function_word_share",
    "capitalised_share",
    "digit_share",
    "separators",
    "pictograms",
    "link_remnant",
    "heading",
    "link_only",
    "repeated",
    "mean_word_length",
    "commas_per_word",
    "upper_share",
    "first_line",
    "position",
    "name_like",
    "menu_like",
    "prose",
    "label_colon",
    "list_marker",
    "year",
    "cut_by_rule",
    "short",
    "long",
    "title_overlap",
    "in_title",
    "repeated_in_doc",
];

/// Names of the block features (the line among its neighbours), in order.
const BLOCK_FEATURES: [&str; 21] = [
    "in_body",
    "before_body",
    "after_body",
    "distance_to_body_log",
    "short_run_log",
    "prose_share_around",
    "prev_prose",
    "next_prose",
    "prev_removed",
    "next_removed",
    "lines_log",
    "words_around_log",
    "word_position",
    "body_share",
    "prev_words_log",
    "next_words_log",
    "prev_sentence_end",
    "next_sentence_end",
    "prev_function_word_share",
    "next_function_word_share",
    "relative_length",
];

/// Names of the context features of the second model: the first model's scores around a line.
const CONTEXT_FEATURES: [&str; 6] = [
    "score",
    "prev_score",
    "next_score",
    "mean_score_3",
    "mean_score_10",
    "body_score",
];

/// A line that has at most this many words is short (menus, labels, headline lists).
const SHORT_LINE_WORDS: usize = 4;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ModelFile {
    /// Lines scored below this are dropped.
    threshold: f32,
    line: EnsembleFile,
    context: EnsembleFile,
}

/// Gradient-boosted regression trees whose summed leaves are a log-odds, as the model file
/// writes them.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EnsembleFile {
    features: Vec<String>,
    base: f64,
    #[serde(default, rename = "tree")]
    trees: Vec<Tree>,
}

/// One tree as parallel node arrays; node 0 is the root, a leaf has feature -1.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Tree {
    feature: Vec<i32>,
    /// A value at or below the threshold goes left.
    threshold: Vec<f64>,
    left: Vec<u32>,
    right: Vec<u32>,
    value: Vec<f64>,
}

/// The trees of an ensemble packed into one node array, so scoring a line walks small
/// contiguous nodes instead of five arrays per tree.
struct TreeEnsemble {
    base: f64,
    /// Index of each tree's root in `nodes`.
    roots: Vec<u32>,
    nodes: Vec<Node>,
}

/// A split (`feature` < LEAF) or a leaf, whose value is `value`.
#[derive(Clone, Copy)]
struct Node {
    feature: u32,
    /// The largest f32 at or below the file's f64 threshold: for an f32 feature `x`,
    /// `x <= threshold` answers as `f64::from(x) <= file threshold` does.
    threshold: f32,
    /// Absolute indexes into `nodes`.
    left: u32,
    right: u32,
    value: f64,
}

const LEAF: u32 = u32::MAX;

impl EnsembleFile {
    fn check(&self, expected: &[&str], name: &str) -> Result<()> {
        if self.features != expected {
            bail!(
                "the {name} model lists features {:?}, this build computes {:?}: retrain it with scripts/train_article_finder.py",
                self.features,
                expected
            );
        }
        for tree in &self.trees {
            let n = tree.feature.len();
            let sized = [
                tree.threshold.len(),
                tree.left.len(),
                tree.right.len(),
                tree.value.len(),
            ]
            .iter()
            .all(|&len| len == n);
            let linked = tree.feature.iter().enumerate().all(|(i, &f)| {
                f < 0
                    || (f as usize) < expected.len()
                        && (tree.left[i] as usize) < n
                        && (tree.right[i] as usize) < n
                        && tree.left[i] as usize > i
                        && tree.right[i] as usize > i
            });
            if n == 0 || !sized || !linked {
                bail!("the {name} model has a malformed tree");
            }
        }
        Ok(())
    }

    /// Check the file against the features this build computes, then pack its trees.
    fn into_ensemble(self, expected: &[&str], name: &str) -> Result<TreeEnsemble> {
        self.check(expected, name)?;
        let mut roots = Vec::with_capacity(self.trees.len());
        let mut nodes = Vec::new();
        for tree in &self.trees {
            let offset = nodes.len() as u32;
            roots.push(offset);
            for i in 0..tree.feature.len() {
                let mut threshold = tree.threshold[i] as f32;
                if f64::from(threshold) > tree.threshold[i] {
                    threshold = threshold.next_down();
                }
                nodes.push(Node {
                    feature: u32::try_from(tree.feature[i]).unwrap_or(LEAF),
                    threshold,
                    left: offset + tree.left[i],
                    right: offset + tree.right[i],
                    value: tree.value[i],
                });
            }
        }
        Ok(TreeEnsemble {
            base: self.base,
            roots,
            nodes,
        })
    }
}

impl TreeEnsemble {
    /// The probability of each row, or `unjudged` for rows not judged. Tree by tree over all
    /// rows, so one tree's nodes stay in cache; each row still sums its trees in file order.
    fn score_rows(&self, rows: &[Vec<f32>], judged: &[bool], unjudged: f32) -> Vec<f32> {
        let mut z = vec![self.base; rows.len()];
        for &root in &self.roots {
            for ((features, z), _) in rows.iter().zip(&mut z).zip(judged).filter(|(_, &j)| j) {
                let mut node = self.nodes[root as usize];
                // Children come after their parent (checked at load), so this ends.
                while node.feature != LEAF {
                    let next = if features[node.feature as usize] <= node.threshold {
                        node.left
                    } else {
                        node.right
                    };
                    node = self.nodes[next as usize];
                }
                *z += node.value;
            }
        }
        z.iter()
            .zip(judged)
            .map(|(z, &j)| {
                if j {
                    (1.0 / (1.0 + (-z).exp())) as f32
                } else {
                    unjudged
                }
            })
            .collect()
    }
}

/// The learned line scorer.
pub struct ArticleFinder {
    pub threshold: f32,
    line: TreeEnsemble,
    context: TreeEnsemble,
}

/// Every line's features and scores, for training and `clean --explain`.
pub struct LineScores {
    /// The context model's input for each line, in the order of `feature_names` (empty for
    /// lines without kept text); the line model reads its first part.
    pub features: Vec<Vec<f32>>,
    /// The final score of each line (1.0 for lines the model does not judge).
    pub scores: Vec<f32>,
}

impl ArticleFinder {
    pub fn load(path: &Path) -> Result<ArticleFinder> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the article finder model {}", path.display()))?;
        let file: ModelFile = toml::from_str(&text)
            .with_context(|| format!("invalid article finder model {}", path.display()))?;
        let line_names: Vec<&str> = LINE_FEATURES
            .iter()
            .chain(&BLOCK_FEATURES)
            .copied()
            .collect();
        let line = file.line.into_ensemble(&line_names, "line")?;
        let context_names: Vec<&str> = line_names
            .iter()
            .chain(&CONTEXT_FEATURES)
            .copied()
            .collect();
        let context = file.context.into_ensemble(&context_names, "context")?;
        Ok(ArticleFinder {
            threshold: file.threshold,
            line,
            context,
        })
    }

    /// Names of all features of the context model, in order.
    pub fn feature_names() -> Vec<&'static str> {
        LINE_FEATURES
            .iter()
            .chain(&BLOCK_FEATURES)
            .chain(&CONTEXT_FEATURES)
            .copied()
            .collect()
    }

    /// Score the lines that are still kept; lines without kept text score 1.0 and are not judged.
    pub fn score(&self, lines: &[FinderLine], stopwords: &WordSet) -> LineScores {
        let mut features = line_features(lines, stopwords);
        let judged: Vec<bool> = lines.iter().map(|l| !l.kept.is_empty()).collect();
        let first = self.line.score_rows(&features, &judged, f32::NAN);
        for (f, context) in features.iter_mut().zip(context_features(&first, &judged)) {
            f.extend(context);
        }
        let scores = self.context.score_rows(&features, &judged, 1.0);
        LineScores { features, scores }
    }
}

/// Per-line features of the lines still kept, and of their neighbourhood.
fn line_features(lines: &[FinderLine], stopwords: &WordSet) -> Vec<Vec<f32>> {
    let kept: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].kept.is_empty())
        .collect();
    let n = kept.len().max(1) as f32;
    let words: Vec<usize> = lines.iter().map(|l| l.shape.words).collect();
    let total_words: usize = kept.iter().map(|&i| words[i]).sum::<usize>().max(1);
    let body = body_region(lines, &kept);
    let body_words: usize = body.map_or(0, |(s, e)| kept[s..=e].iter().map(|&i| words[i]).sum());
    let mut folded = String::new();
    let (own, word_keys): (Vec<[f32; OWN_FEATURES]>, Vec<Vec<u64>>) = kept
        .iter()
        .map(|&i| own_features(&lines[i], stopwords, &mut folded))
        .unzip();
    // The first line of a page dump is usually its <title>: the headline repeats it.
    let title_words: &[u64] = word_keys.first().map_or(&[], Vec::as_slice);
    let title_key = kept.first().map(|&i| text::alnum_key(lines[i].kept));
    let mut counts: HashMap<&str, usize, FixedState> = HashMap::default();
    for &i in &kept {
        *counts.entry(lines[i].kept.trim()).or_default() += 1;
    }
    let mut sorted_words: Vec<usize> = kept.iter().map(|&i| words[i]).collect();
    sorted_words.sort_unstable();
    let median_words = sorted_words
        .get(sorted_words.len() / 2)
        .copied()
        .unwrap_or(1)
        .max(1);
    let short_runs = short_runs(&kept, &words);
    let (prev_removed, next_removed) = removed_neighbours(lines);
    let mut out = vec![Vec::new(); lines.len()];
    let mut words_before = 0usize;
    for (k, &i) in kept.iter().enumerate() {
        let line = &lines[i];
        let mut f = Vec::with_capacity(LINE_FEATURES.len() + BLOCK_FEATURES.len() + 6);
        f.extend_from_slice(&own[k]);
        f.push(if k == 0 { 1.0 } else { 0.0 });
        f.push(k as f32 / n);
        f.push(flag(line.shape.is_name_like()));
        f.push(flag(line.shape.is_menu_like()));
        f.push(flag(line.shape.is_prose()));
        let trimmed = line.kept.trim();
        f.push(flag(trimmed.ends_with(':')));
        f.push(flag(starts_with_list_marker(trimmed)));
        f.push(flag(has_year(trimmed)));
        f.push(flag(line.touched_by_rule));
        f.push(flag(words[i] <= SHORT_LINE_WORDS));
        f.push(flag(words[i] >= 30));
        let keys = &word_keys[k];
        let shared = keys
            .iter()
            .filter(|w| title_words.binary_search(w).is_ok())
            .count();
        f.push(shared as f32 / keys.len().max(1) as f32);
        // Each ASCII letter or digit is one byte of a line's key: a line with more of them
        // than the title's key has bytes is no part of it, and most lines need no key.
        let in_title = |title: &String| {
            line.kept.bytes().filter(u8::is_ascii_alphanumeric).count() <= title.len() && {
                let key = text::alnum_key(line.kept);
                !key.is_empty() && title.contains(&key)
            }
        };
        f.push(flag(k > 0 && title_key.as_ref().is_some_and(in_title)));
        f.push(flag(counts[trimmed] > 1));
        // Block features.
        let (in_body, before, after, distance) = match body {
            Some((s, _)) if k < s => (0.0, 1.0, 0.0, (s - k) as f32),
            Some((_, e)) if k > e => (0.0, 0.0, 1.0, (k - e) as f32),
            Some(_) => (1.0, 0.0, 0.0, 0.0),
            None => (0.0, 0.0, 0.0, n),
        };
        f.extend([in_body, before, after, (1.0 + distance).ln()]);
        f.push((1.0 + short_runs[k] as f32).ln());
        // The three kept lines on each side.
        let around = (k.saturating_sub(3)..(k + 4).min(kept.len())).filter(|&j| j != k);
        let (mut n_around, mut prose_around, mut words_around) = (0usize, 0usize, 0usize);
        for j in around {
            n_around += 1;
            prose_around += usize::from(lines[kept[j]].shape.is_prose());
            words_around += words[kept[j]];
        }
        f.push(prose_around as f32 / n_around.max(1) as f32);
        f.push(flag(k > 0 && lines[kept[k - 1]].shape.is_prose()));
        f.push(flag(
            k + 1 < kept.len() && lines[kept[k + 1]].shape.is_prose(),
        ));
        f.push(flag(prev_removed[i]));
        f.push(flag(next_removed[i]));
        f.push((1.0 + n).ln());
        f.push((1.0 + words_around as f32 / n_around.max(1) as f32).ln());
        f.push(words_before as f32 / total_words as f32);
        f.push(body_words as f32 / total_words as f32);
        words_before += words[i];
        // The neighbours' own words_log, sentence_end and function_word_share.
        for feature in [0, 2, 3] {
            for j in [k.checked_sub(1), Some(k + 1).filter(|&j| j < kept.len())] {
                f.push(j.map_or(0.0, |j| own[j][feature]));
            }
        }
        f.push(words[i] as f32 / median_words as f32);
        debug_assert_eq!(f.len(), LINE_FEATURES.len() + BLOCK_FEATURES.len());
        out[i] = f;
    }
    out
}

/// For each kept line (index into `kept`), the length of the run of short kept lines it
/// stands in; 0 for a line that is not short.
fn short_runs(kept: &[usize], words: &[usize]) -> Vec<usize> {
    let short: Vec<bool> = kept.iter().map(|&i| words[i] <= SHORT_LINE_WORDS).collect();
    let mut runs = vec![0; kept.len()];
    let mut start = 0;
    while start < short.len() {
        let end = (start..short.len())
            .find(|&j| !short[j])
            .unwrap_or(short.len());
        runs[start..end].fill(end - start);
        start = end + 1;
    }
    runs
}

/// For each line, whether the nearest line before it (and after it) that had text was removed
/// whole by a rule; lines that never had text (blank lines) are skipped.
fn removed_neighbours(lines: &[FinderLine]) -> (Vec<bool>, Vec<bool>) {
    let had_text = |l: &FinderLine| l.touched_by_rule || !l.kept.is_empty();
    let mut before = vec![false; lines.len()];
    let mut last = false;
    for (i, line) in lines.iter().enumerate() {
        before[i] = last;
        if had_text(line) {
            last = line.kept.is_empty();
        }
    }
    let mut after = vec![false; lines.len()];
    last = false;
    for (i, line) in lines.iter().enumerate().rev() {
        after[i] = last;
        if had_text(line) {
            last = line.kept.is_empty();
        }
    }
    (before, after)
}

fn flag(b: bool) -> f32 {
    if b {
        1.0
    } else {
        0.0
    }
}

/// The number of features `own_features` computes: the first entries of LINE_FEATURES.
const OWN_FEATURES: usize = 15;

/// The features of a line's own text, and its distinct folded words (each with a letter or
/// digit) as sorted hashes: a line is compared with one other (the title), so a 64-bit hash
/// stands in for the word. `folded` is a scratch buffer.
fn own_features(
    line: &FinderLine,
    stopwords: &WordSet,
    folded: &mut String,
) -> ([f32; OWN_FEATURES], Vec<u64>) {
    let text = line.kept;
    let hasher = FixedState::with_seed(0);
    let mut keys = Vec::new();
    let mut n_words = 0usize;
    let mut alpha = 0usize;
    let mut function = 0usize;
    let mut capitalised = 0usize;
    let mut upper = 0usize;
    let mut word_chars = 0usize;
    for word in text::words(text) {
        n_words += 1;
        word_chars += word.chars().count();
        folded.clear();
        fold_into(word, folded);
        keys.push(hasher.hash_one(folded.as_str()));
        if !word.chars().any(text::is_alphabetic) {
            continue;
        }
        alpha += 1;
        if stopwords.contains(folded.as_str()) {
            function += 1;
        }
        let mut chars = word.chars();
        if chars.next().is_some_and(char::is_uppercase) {
            capitalised += 1;
            if word.chars().count() > 1 && chars.all(|c| !c.is_lowercase()) {
                upper += 1;
            }
        }
    }
    let (mut chars, mut digits, mut separators, mut pictograms, mut commas) = (0, 0, 0, 0, 0);
    for c in text.chars() {
        chars += 1;
        digits += usize::from(c.is_ascii_digit());
        separators += usize::from(matches!(
            c,
            '|' | '•' | '·' | '»' | '›' | '/' | '>' | '«' | '‹'
        ));
        pictograms += usize::from(is_pictogram(c));
        commas += usize::from(c == ',');
    }
    // The markers are ASCII, and no other character lowercases to their letters.
    let link_remnant = ["http", "www.", ".com", "@"].iter().any(|m| {
        text.as_bytes()
            .windows(m.len())
            .any(|w| w.eq_ignore_ascii_case(m.as_bytes()))
    });
    keys.sort_unstable();
    keys.dedup();
    let per_alpha = |x: usize| x as f32 / alpha.max(1) as f32;
    let features = [
        (1.0 + n_words as f32).ln(),
        (1.0 + chars as f32).ln(),
        flag(ends_like_sentence(text)),
        per_alpha(function),
        per_alpha(capitalised),
        digits as f32 / chars.max(1) as f32,
        (1.0 + separators as f32).ln(),
        flag(pictograms > 0),
        flag(link_remnant),
        flag(line.heading),
        flag(line.link_only),
        flag(line.repeated),
        word_chars as f32 / n_words.max(1) as f32,
        commas as f32 / n_words.max(1) as f32,
        per_alpha(upper),
    ];
    (features, keys)
}

/// Emoji and pictographs (icons in share rows, lock labels, weather).
fn is_pictogram(c: char) -> bool {
    matches!(c as u32, 0x2190..=0x21FF | 0x2300..=0x23FF | 0x25A0..=0x27BF | 0x2B00..=0x2BFF | 0x1F000..=0x1FAFF)
}

/// "1.", "2)", "-", "*", "•" at the start of a line.
fn starts_with_list_marker(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some('-' | '*' | '•' | '–' | '—' | '►' | '▪') => true,
        Some(c) if c.is_ascii_digit() => {
            let rest: String = chars.skip_while(|c| c.is_ascii_digit()).take(2).collect();
            rest.starts_with(". ") || rest.starts_with(") ")
        }
        _ => false,
    }
}

/// A four-digit year from 1900 to 2099 stands in the line (date stamps, copyright lines).
fn has_year(line: &str) -> bool {
    let bytes = line.as_bytes();
    bytes.windows(4).enumerate().any(|(at, w)| {
        (w.starts_with(b"19") || w.starts_with(b"20"))
            && w.iter().all(u8::is_ascii_digit)
            && (at == 0 || !bytes[at - 1].is_ascii_digit())
            && bytes.get(at + 4).is_none_or(|b| !b.is_ascii_digit())
    })
}

/// The largest region of prose, as indexes into `kept` (first and last line): the stretch with
/// the highest sum of line values, where prose lines count their words and other lines cost a
/// few words each, so menus and headline lists break a region and subheadings do not.
fn body_region(lines: &[FinderLine], kept: &[usize]) -> Option<(usize, usize)> {
    let value = |i: usize| -> f32 {
        let shape = lines[i].shape;
        if shape.sentence_end && shape.words >= 8 {
            shape.words as f32
        } else if shape.words >= 20 {
            shape.words as f32 * 0.5
        } else {
            -3.0
        }
    };
    best_stretch(kept.iter().map(|&i| value(i)))
}

/// The first and last index of the stretch of `values` with the highest positive sum.
fn best_stretch(values: impl Iterator<Item = f32>) -> Option<(usize, usize)> {
    let mut best: Option<(f32, usize, usize)> = None;
    let (mut sum, mut start) = (0.0f32, 0usize);
    for (k, value) in values.enumerate() {
        if sum <= 0.0 {
            sum = 0.0;
            start = k;
        }
        sum += value;
        if sum > 0.0 && best.is_none_or(|(b, _, _)| sum > b) {
            best = Some((sum, start, k));
        }
    }
    best.map(|(_, s, e)| (s, e))
}

/// The first model's scores around each judged line.
fn context_features(first: &[f32], judged: &[bool]) -> Vec<Vec<f32>> {
    let idx: Vec<usize> = (0..first.len()).filter(|&i| judged[i]).collect();
    let scores: Vec<f32> = idx.iter().map(|&i| first[i]).collect();
    let mean = |lo: usize, hi: usize| -> f32 {
        let s = &scores[lo..hi];
        s.iter().sum::<f32>() / s.len().max(1) as f32
    };
    // The first model's own body: the stretch with the highest sum of (score - 0.5).
    let best = best_stretch(scores.iter().map(|s| s - 0.5));
    let mut out = vec![Vec::new(); first.len()];
    for (k, &i) in idx.iter().enumerate() {
        let m = scores.len();
        let in_body = best.is_some_and(|(s, e)| (s..=e).contains(&k));
        out[i] = vec![
            scores[k],
            if k > 0 { scores[k - 1] } else { 0.0 },
            if k + 1 < m { scores[k + 1] } else { 0.0 },
            mean(k.saturating_sub(3), (k + 4).min(m)),
            mean(k.saturating_sub(10), (k + 11).min(m)),
            flag(in_body),
        ];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_markers_and_years() {
        assert!(starts_with_list_marker("1. First"));
        assert!(starts_with_list_marker("• Item"));
        assert!(!starts_with_list_marker("1999 was a year"));
        assert!(has_year("© 2024 Le Matin"));
        assert!(!has_year("12345 people"));
    }

    #[test]
    fn short_runs_give_each_short_line_its_run_length() {
        // Words per line: short, short, long, short, long, short, short, short.
        let words = [1, 2, 9, 3, 12, 4, 1, 2];
        let kept: Vec<usize> = (0..words.len()).collect();
        assert_eq!(short_runs(&kept, &words), [2, 2, 0, 1, 0, 3, 3, 3]);
    }

    #[test]
    fn packed_thresholds_split_f32_features_as_the_file_does() {
        let file = EnsembleFile {
            features: vec!["x".into()],
            base: 0.0,
            trees: vec![Tree {
                feature: vec![0, -1, -1],
                // Not an f32: 0.1f32 lies above it, the next f32 down below it.
                threshold: vec![0.1, 0.0, 0.0],
                left: vec![1, 0, 0],
                right: vec![2, 0, 0],
                value: vec![0.0, -1.0, 1.0],
            }],
        };
        let ensemble = file.into_ensemble(&["x"], "test").unwrap();
        for x in [0.1f32, 0.1f32.next_down(), 0.0, 1.0, f32::NAN] {
            let rows = vec![vec![x]];
            let score = ensemble.score_rows(&rows, &[true], 0.5)[0];
            let left = f64::from(x) <= 0.1;
            assert_eq!(score > 0.5, !left, "x = {x}");
        }
    }
}
