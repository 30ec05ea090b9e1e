//! `corpusmill eval`: score a built corpus against gold pages (article body, snippets that must
//! or must not survive, title, author, published date), with the metric of the WCXB-style
//! scorer the project is measured with, so a config change can be measured in one command.
//!
//! Gold is JSON Lines, one page per line: `id`, and any of `article_body`, `with`, `without`,
//! `title`, `author`, `publish_date`, `split`, `page_type` (docs/cleaning.md). Each document
//! of the corpus is matched to a gold page by the file name of its `source_path` up to the
//! first dot, or by its `url`.

use crate::stats::{parquet_files, read_columns};
use anyhow::{bail, Context, Result};
use arrow::array::{Array, AsArray};
use arrow::datatypes::TimestampMicrosecondType;
use regex::Regex;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::io::BufRead;
use std::path::Path;
use std::sync::LazyLock;
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::UnicodeNormalization;

/// Body precision and recall count shared word 4-grams.
const SHINGLE: usize = 4;

/// One gold page.
#[derive(Debug, Deserialize)]
pub struct GoldPage {
    pub id: String,
    #[serde(default)]
    pub split: Option<String>,
    #[serde(default)]
    pub page_type: Option<String>,
    /// The main text; null when the page has none to score.
    #[serde(default)]
    pub article_body: Option<String>,
    /// Snippets that must survive.
    #[serde(default)]
    pub with: Vec<String>,
    /// Snippets that must not survive.
    #[serde(default)]
    pub without: Vec<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub author: Option<String>,
    #[serde(default)]
    pub publish_date: Option<String>,
}

/// What the corpus says about one page.
#[derive(Debug, Default, Clone)]
pub struct Prediction {
    pub text: String,
    pub title: Option<String>,
    pub authors: Vec<String>,
    /// `YYYY-MM-DD...`, as written (the corpus stores UTC).
    pub published_at: Option<String>,
}

/// How documents are matched to gold pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MatchBy {
    /// The file name of `source_path` up to its first dot (`0001.txt` is page `0001`).
    Stem,
    /// The document's `url`.
    Url,
}

/// Read gold pages, keeping those of `split` (all when None).
pub fn read_gold(path: &Path, split: Option<&str>) -> Result<Vec<GoldPage>> {
    let file = std::fs::File::open(path)
        .with_context(|| format!("cannot open the gold file {}", path.display()))?;
    let mut pages = Vec::new();
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.with_context(|| format!("cannot read {}", path.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let page: GoldPage = serde_json::from_str(&line)
            .with_context(|| format!("{} line {}: not a gold page", path.display(), n + 1))?;
        if split.is_none_or(|s| page.split.as_deref() == Some(s)) {
            pages.push(page);
        }
    }
    Ok(pages)
}

/// The documents of the corpus in `out`, keyed as `by` says. Two documents with one key are
/// an error: the score would depend on which one was read last.
pub fn read_predictions(out: &Path, by: MatchBy) -> Result<HashMap<String, Prediction>> {
    let files = parquet_files(&out.join("documents"))?;
    if files.is_empty() {
        bail!(
            "{} has no documents table: run `corpusmill build` first",
            out.display()
        );
    }
    let mut found = HashMap::new();
    for path in files {
        let (batches, _) = read_columns(
            &path,
            &[
                "source_path",
                "url",
                "text",
                "title",
                "authors",
                "published_at",
            ],
        )?;
        for batch in batches {
            let batch = batch?;
            let column = |name: &str| {
                batch
                    .column_by_name(name)
                    .with_context(|| format!("{} has no {name} column", path.display()))
            };
            let source = column("source_path")?.as_string::<i32>();
            let url = column("url")?.as_string::<i32>();
            let text = column("text")?.as_string::<i32>();
            let title = column("title")?.as_string::<i32>();
            let authors = column("authors")?.as_list::<i32>();
            let published = column("published_at")?.as_primitive::<TimestampMicrosecondType>();
            for row in 0..batch.num_rows() {
                let key = match by {
                    MatchBy::Stem => {
                        let name = source.value(row).rsplit('/').next().unwrap_or_default();
                        name.split('.').next().unwrap_or_default().to_string()
                    }
                    MatchBy::Url if url.is_null(row) => continue,
                    MatchBy::Url => url.value(row).to_string(),
                };
                let names = authors.value(row);
                let names = names.as_string::<i32>();
                let prediction = Prediction {
                    text: text.value(row).to_string(),
                    title: (!title.is_null(row)).then(|| title.value(row).to_string()),
                    authors: names.iter().flatten().map(str::to_string).collect(),
                    published_at: (!published.is_null(row))
                        .then(|| published.value_as_datetime(row))
                        .flatten()
                        .map(|t| t.format("%Y-%m-%dT%H:%M:%S").to_string()),
                };
                if found.insert(key.clone(), prediction).is_some() {
                    bail!("two documents match gold page {key:?}: match them by another key");
                }
            }
        }
    }
    Ok(found)
}

/// Hits and totals of one check.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Tally {
    pub hits: usize,
    pub total: usize,
}

/// Mean body precision and recall over pages with a gold body.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct BodyScore {
    pub pages: usize,
    pub precision: f64,
    pub recall: f64,
    /// Mean of the per-page F1.
    pub mean_f1: f64,
}

impl BodyScore {
    /// F1 of the mean precision and the mean recall.
    pub fn f1(&self) -> f64 {
        f1(self.precision, self.recall)
    }
}

/// A metadata field: hits among pages with a gold value, and predictions where gold is empty.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct FieldScore {
    pub right: Tally,
    pub spurious: usize,
}

/// The scores of a corpus against gold pages.
#[derive(Debug, Default)]
pub struct Report {
    pub pages: usize,
    pub predictions: usize,
    pub missing: usize,
    pub body: BodyScore,
    pub body_by_type: BTreeMap<String, BodyScore>,
    pub with_found: Tally,
    pub without_leaked: Tally,
    pub title: FieldScore,
    pub author: FieldScore,
    pub date: FieldScore,
}

/// Score `predictions` against `gold`; a page without a prediction counts as empty.
pub fn score(gold: &[GoldPage], predictions: &HashMap<String, Prediction>) -> Report {
    let empty = Prediction::default();
    let mut report = Report {
        pages: gold.len(),
        predictions: predictions.len(),
        ..Report::default()
    };
    // Pages, and sums of precision, recall and F1: of all pages, and by page type.
    let mut all = (0, 0.0, 0.0, 0.0);
    let mut sums: BTreeMap<String, (usize, f64, f64, f64)> = BTreeMap::new();
    for page in gold {
        let pred = predictions.get(&page.id).unwrap_or_else(|| {
            report.missing += 1;
            &empty
        });
        if let Some(body) = &page.article_body {
            let (p, r) = body_precision_recall(&pred.text, body);
            let kind = page.page_type.as_deref().filter(|t| !t.is_empty());
            for sum in [
                &mut all,
                sums.entry(kind.unwrap_or("?").to_string()).or_default(),
            ] {
                *sum = (sum.0 + 1, sum.1 + p, sum.2 + r, sum.3 + f1(p, r));
            }
        }
        let form = snippet_form(&pred.text);
        count_snippets(&page.with, &form, &mut report.with_found);
        count_snippets(&page.without, &form, &mut report.without_leaked);
        check_field(
            &mut report.title,
            &page.title,
            pred.title.as_ref(),
            |p, g| title_form(p) == title_form(g),
        );
        let authors = (!pred.authors.is_empty()).then_some(&pred.authors);
        check_field(&mut report.author, &page.author, authors, |p, g| {
            let gold = gold_names(g);
            p.iter().any(|name| gold.contains(&name_form(name)))
        });
        check_field(
            &mut report.date,
            &page.publish_date,
            pred.published_at.as_ref(),
            |p, g| same_day(p, g),
        );
    }
    let mean = |(n, p, r, f): (usize, f64, f64, f64)| BodyScore {
        pages: n,
        precision: p / n as f64,
        recall: r / n as f64,
        mean_f1: f / n as f64,
    };
    if all.0 > 0 {
        report.body = mean(all);
    }
    report.body_by_type = sums.into_iter().map(|(k, s)| (k, mean(s))).collect();
    report
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

fn check_field<P>(
    score: &mut FieldScore,
    gold: &Option<String>,
    pred: Option<&P>,
    matches: impl Fn(&P, &str) -> bool,
) {
    match gold.as_deref().filter(|g| !g.trim().is_empty()) {
        Some(g) => {
            score.right.total += 1;
            score.right.hits += usize::from(pred.is_some_and(|p| matches(p, g)));
        }
        None => score.spurious += usize::from(pred.is_some()),
    }
}

fn count_snippets(snippets: &[String], form: &str, tally: &mut Tally) {
    for snippet in snippets {
        let snippet = snippet_form(snippet);
        if !snippet.is_empty() {
            tally.total += 1;
            tally.hits += usize::from(form.contains(&snippet));
        }
    }
}

/// Python's `\w`: letters, digits and numbers of any script, and the underscore.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn word_tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
}

/// Lower case with the case folds full lower-casing misses in the scripts measured.
fn casefold(text: &str) -> String {
    text.to_lowercase().replace('ß', "ss").replace('ς', "σ")
}

/// Per-page precision and recall of the body's word 4-grams; both empty is perfect, one
/// empty scores zero; a text shorter than one shingle is one shingle of all its words.
pub fn body_precision_recall(pred: &str, gold: &str) -> (f64, f64) {
    let (pred, gold) = (pred.to_lowercase(), gold.to_lowercase());
    let pred: Vec<&str> = word_tokens(&pred).collect();
    let gold: Vec<&str> = word_tokens(&gold).collect();
    match (pred.is_empty(), gold.is_empty()) {
        (true, true) => return (1.0, 1.0),
        (true, false) | (false, true) => return (0.0, 0.0),
        _ => {}
    }
    let (pred, gold) = (shingles(&pred), shingles(&gold));
    let overlap: usize = pred
        .iter()
        .map(|(k, &n)| n.min(gold.get(k).copied().unwrap_or(0)))
        .sum();
    let total = |s: &HashMap<&[&str], usize>| s.values().sum::<usize>() as f64;
    (overlap as f64 / total(&pred), overlap as f64 / total(&gold))
}

fn shingles<'a>(tokens: &'a [&'a str]) -> HashMap<&'a [&'a str], usize> {
    let mut counts = HashMap::new();
    if tokens.len() < SHINGLE {
        counts.insert(tokens, 1);
    } else {
        for window in tokens.windows(SHINGLE) {
            *counts.entry(window).or_default() += 1;
        }
    }
    counts
}

/// NFKC, case-folded words joined by one space: a snippet survives when its form is a
/// substring of the text's.
pub fn snippet_form(text: &str) -> String {
    let folded = casefold(&text.nfkc().collect::<String>());
    word_tokens(&folded).collect::<Vec<_>>().join(" ")
}

/// Curly quotes, primes and dashes as their ASCII forms.
fn plain_quotes(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '`' | '\u{b4}' => '\'',
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{ab}' | '\u{bb}' => '"',
        '\u{2010}'..='\u{2015}' => '-',
        c => c,
    }
}

fn title_form(text: &str) -> String {
    let text: String = text.nfkc().map(plain_quotes).collect();
    casefold(&text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Accents dropped, case-folded words, without a leading "by".
fn name_form(text: &str) -> String {
    let text: String = text
        .chars()
        .map(plain_quotes)
        .collect::<String>()
        .nfkd()
        .filter(|&c| canonical_combining_class(c) == 0)
        .collect();
    let text = casefold(&text).replace('_', " ");
    let form = word_tokens(&text).collect::<Vec<_>>().join(" ");
    match form.strip_prefix("by ") {
        Some(rest) => rest.to_string(),
        None => form,
    }
}

static NAME_SEPARATOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\s*(?:,|;|&|\||\band\b)\s*").expect("valid pattern"));

/// The whole gold author string and each listed name of two words or more ("A, B and C";
/// credentials such as "MD" are not names on their own).
fn gold_names(author: &str) -> HashSet<String> {
    let mut names: HashSet<String> = NAME_SEPARATOR
        .split(author)
        .map(name_form)
        .filter(|n| n.split(' ').count() >= 2)
        .collect();
    names.insert(name_form(author));
    names.remove("");
    names
}

/// (year, month, day) from the start of an ISO-like date, as written.
fn parse_day(value: &str) -> Option<(u32, u32, Option<u32>)> {
    static DATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*([0-9]{4})-([0-9]{1,2})(?:-([0-9]{1,2}))?").expect("valid pattern")
    });
    let m = DATE.captures(value)?;
    let number = |i: usize| m.get(i).and_then(|g| g.as_str().parse().ok());
    Some((number(1)?, number(2)?, number(3)))
}

/// The same day, or the same month when gold knows only the month.
fn same_day(pred: &str, gold: &str) -> bool {
    match (parse_day(pred), parse_day(gold)) {
        (Some(p), Some((y, m, None))) => (p.0, p.1) == (y, m),
        (Some(p), Some(g)) => p == g,
        _ => false,
    }
}

fn percent(t: Tally) -> String {
    if t.total == 0 {
        "  n/a".to_string()
    } else {
        format!("{:5.1}%", 100.0 * t.hits as f64 / t.total as f64)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        writeln!(
            f,
            "pages: {}   predictions: {} (missing for {} pages, counted as empty)",
            self.pages, self.predictions, self.missing
        )?;
        if self.body.pages > 0 {
            let b = self.body;
            writeln!(
                f,
                "article body ({} pages, {SHINGLE}-gram shingles): F1 {:.4}   P {:.4}   R {:.4}   (mean per-page F1 {:.4})",
                b.pages, b.f1(), b.precision, b.recall, b.mean_f1
            )?;
            for (kind, b) in &self.body_by_type {
                writeln!(
                    f,
                    "    {kind:<14} {:5} pages   F1 {:.4}   P {:.4}   R {:.4}",
                    b.pages,
                    b.f1(),
                    b.precision,
                    b.recall
                )?;
            }
        }
        let w = self.with_found;
        writeln!(
            f,
            "'with' snippets found:      {} of {}  (higher is better)",
            percent(w),
            w.total
        )?;
        let w = self.without_leaked;
        writeln!(
            f,
            "'without' snippets leaked:  {} of {}  (lower is better)",
            percent(w),
            w.total
        )?;
        for (label, field) in [
            ("title exact match:", self.title),
            ("author match:", self.author),
            ("published date, same day:", self.date),
        ] {
            writeln!(
                f,
                "{label:<27} {} of {} pages with a gold value   (predicted on {} pages whose gold is empty)",
                percent(field.right),
                field.right.total,
                field.spurious
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_counts_shared_four_grams() {
        let gold = "One two three four five six.";
        // 3 gold shingles; the prediction keeps the first two and adds one of its own.
        let (p, r) = body_precision_recall("one two three four five. Menu", gold);
        assert!((p - 2.0 / 3.0).abs() < 1e-9 && (r - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(body_precision_recall("", ""), (1.0, 1.0));
        assert_eq!(body_precision_recall("", gold), (0.0, 0.0));
        // Shorter than a shingle: one shingle of all its words.
        assert_eq!(body_precision_recall("Hi there", "hi, there!"), (1.0, 1.0));
    }

    #[test]
    fn snippets_ignore_punctuation_case_and_compatibility_forms() {
        let text = snippet_form("Le « ﬁnal » — STRASSE, l'été…");
        assert_eq!(text, "le final strasse l été");
        assert!(text.contains(&snippet_form("Straße, l’été")));
    }

    #[test]
    fn authors_match_any_listed_name_without_accents_or_by() {
        let gold = gold_names("Dylan Bailey, MS, RD and José Núñez");
        assert!(gold.contains(&name_form("By Dylan Bailey")));
        assert!(gold.contains(&name_form("JOSE NUNEZ")));
        assert!(!gold.contains(&name_form("MS")));
    }

    #[test]
    fn dates_match_on_the_day_or_the_month_gold_knows() {
        assert!(same_day("2025-09-04T10:00:00", "2025-09-04"));
        assert!(!same_day("2025-09-05", "2025-09-04"));
        assert!(same_day("2025-09-30", "2025-09"));
        assert!(!same_day("", "2025-09-04"));
    }

    #[test]
    fn titles_match_after_quotes_and_spaces_are_normalised() {
        assert_eq!(title_form("It’s  “new”"), title_form("it's \"NEW\""));
    }

    #[test]
    fn a_page_without_prediction_counts_as_empty() {
        let gold: Vec<GoldPage> = [
            r#"{"id": "a", "article_body": "one two three four", "with": ["two three"], "title": "T"}"#,
            r#"{"id": "b", "article_body": "five six seven eight", "without": ["menu"]}"#,
        ]
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
        let predictions = HashMap::from([(
            "a".to_string(),
            Prediction {
                text: "One two three four. Menu".into(),
                title: Some("t".into()),
                ..Prediction::default()
            },
        )]);
        let report = score(&gold, &predictions);
        assert_eq!(report.missing, 1);
        assert_eq!(report.body.pages, 2);
        assert!((report.body.recall - 0.5).abs() < 1e-9);
        assert_eq!(report.with_found, Tally { hits: 1, total: 1 });
        assert_eq!(report.without_leaked, Tally { hits: 0, total: 1 });
        assert_eq!(report.title.right, Tally { hits: 1, total: 1 });
    }
}
