//! The record that flows through every stage: read -> clean -> detect -> segment -> metadata ->
//! quality -> write.

use serde::Serialize;

/// The language code for text too short or unclear to call.
pub const UNDETERMINED: &str = "und";

/// Input format, decided by the file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Txt,
    Md,
    Html,
    /// One document per line of a JSON Lines file.
    Jsonl,
    /// One document per HTML response record of a WARC file.
    Warc,
}

impl Format {
    /// The extensions `from_extension` knows, for error messages.
    pub const EXTENSIONS: &[&str] = &[
        "txt", "text", "md", "markdown", "html", "htm", "jsonl", "jsonl.gz", "json.gz", "warc",
        "warc.gz",
    ];

    /// Extensions of two parts (`jsonl.gz`) that name a format as a whole.
    pub const COMPOUND_EXTENSIONS: &[&str] = &["jsonl.gz", "json.gz", "warc.gz"];

    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(Format::Txt),
            "md" | "markdown" => Some(Format::Md),
            "html" | "htm" => Some(Format::Html),
            "jsonl" | "jsonl.gz" | "json.gz" => Some(Format::Jsonl),
            "warc" | "warc.gz" => Some(Format::Warc),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Md => "md",
            Format::Html => "html",
            Format::Jsonl => "jsonl",
            Format::Warc => "warc",
        }
    }

    /// Whether the text was found in an HTML page's DOM (a page, or a WARC record of one).
    pub fn is_html_page(self) -> bool {
        matches!(self, Format::Html | Format::Warc)
    }

    /// Whether a file of this format holds many documents, one per record.
    pub fn holds_records(self) -> bool {
        matches!(self, Format::Jsonl | Format::Warc)
    }
}

/// A metadata value the input states beside its text, and where: `jsonl.title` for the `title`
/// key of a JSON Lines record, `html.json_ld.datePublished` for a page's JSON-LD.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GivenValue {
    pub value: String,
    pub source: String,
}

/// Values a record states beside its text (a JSON Lines record's keys): the metadata stage
/// takes them before anything found in the text or front matter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GivenMetadata {
    pub title: Option<GivenValue>,
    pub url: Option<GivenValue>,
    pub published: Option<GivenValue>,
}

/// The metadata a page declares. Dates stay as written; the metadata stage parses them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMetadata {
    pub title: Option<GivenValue>,
    /// Author names, and where they were found.
    pub authors: Option<(Vec<String>, String)>,
    pub published: Option<GivenValue>,
    /// The visible stamp `published` was read from, when it was read from the page's text
    /// ("Updated January 16, 2026"): its words say what kind of date it is.
    pub published_shown: Option<String>,
    pub updated: Option<GivenValue>,
    pub publisher: Option<GivenValue>,
    pub url: Option<GivenValue>,
    pub lang: Option<GivenValue>,
}

/// A metadata field that a cleaning rule can feed: the removed line carries its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MetaField {
    Author,
    Published,
    Updated,
    Publisher,
    Agency,
}

/// A span the cleaner dropped, and the rule that dropped it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Removal {
    pub rule_id: String,
    pub text: String,
    /// The rule's category (paywall, newsletter, credit, markup, ...), for later stages.
    #[serde(skip)]
    pub category: String,
    /// Set when the span carries a metadata value for the metadata stage.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<MetaField>,
    /// The article finder's score of the line (set for `model.boilerplate` removals).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f32>,
}

/// One sentence of a document's cleaned text, with code-point offsets (end exclusive).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sentence {
    pub text: String,
    pub char_start: usize,
    pub char_end: usize,
    pub lang: String,
    pub lang_confidence: f32,
}

/// A language and the share of a document's sentences written in it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LangShare {
    pub lang: String,
    pub share: f32,
}

/// Where each metadata value came from, so analysts can audit it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct MetadataSource {
    pub title: Option<String>,
    pub authors: Option<String>,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub published_at: Option<String>,
    pub updated_at: Option<String>,
}

/// Descriptive metadata of a document.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Metadata {
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub domain: Option<String>,
    /// Microseconds since the Unix epoch, UTC.
    pub published_at: Option<i64>,
    pub updated_at: Option<i64>,
    /// Front matter only: a summary and tags are never guessed from the text.
    pub description: Option<String>,
    pub tags: Vec<String>,
    pub source: MetadataSource,
}

/// A document as it moves through the pipeline. Each stage fills its own fields.
#[derive(Debug, Clone)]
pub struct Document {
    /// Stable id: hash of the relative source path and the raw bytes.
    pub doc_id: String,
    /// Path relative to the input folder, with `/` separators; for a record of a file that
    /// holds many, the file's path and the record: `news.jsonl#L12`.
    pub source_path: String,
    pub source_sha256: String,
    pub source_bytes: u64,
    pub format: Format,
    /// Encoding the raw bytes were decoded from (WHATWG name, lower case: `utf-8`, `windows-1252`).
    pub encoding: String,
    /// Parsed front matter (a JSON object), when the file had one.
    pub front_matter: Option<serde_json::Map<String, serde_json::Value>>,
    /// What an HTML page declares about itself (title, authors, dates ...), with sources.
    pub page_meta: Option<PageMetadata>,
    /// Decoded body after the front matter: the cleaner's input.
    pub body: String,
    /// Problems found that did not stop processing (e.g. broken front matter).
    pub warnings: Vec<String>,
    /// Metadata the record states beside its text (JSON Lines keys).
    pub given: GivenMetadata,

    // clean
    pub text: String,
    pub removed: Vec<Removal>,
    /// How many of `removed` come before the article, at its headline or else its first kept
    /// line (the page's masthead, menus and banners).
    pub removed_above_article: usize,
    pub is_truncated: bool,
    pub truncated_by: Option<String>,
    /// The headline the cleaner found in the text (first heading or leading title line).
    pub headline: Option<String>,
    /// The short lines around the headline of a page dump (bylines, date stamps), as written,
    /// for the metadata stage.
    pub header: Vec<String>,

    // detect
    pub lang: String,
    pub lang_confidence: f32,
    /// ISO 15924 code of the dominant script (`Zyyy` when there are no letters).
    pub lang_script: String,
    /// Languages of at least `lang.min_share` of the sentences, largest share first.
    pub langs: Vec<LangShare>,

    // segment
    pub sentences: Vec<Sentence>,
    /// Words in `text` (Unicode word boundaries), counted once by the segment stage.
    pub n_words: usize,

    // metadata
    pub meta: Metadata,

    // quality (None when quality.enabled is false, or the text is empty)
    pub quality: Option<Quality>,
}

impl Document {
    pub fn new(
        source_path: String,
        source_sha256: String,
        source_bytes: u64,
        format: Format,
        body: String,
    ) -> Document {
        let doc_id = crate::text::doc_id(&source_path, &source_sha256);
        Document {
            doc_id,
            source_path,
            source_sha256,
            source_bytes,
            format,
            encoding: "utf-8".to_string(),
            front_matter: None,
            page_meta: None,
            body,
            warnings: Vec::new(),
            given: GivenMetadata::default(),
            text: String::new(),
            removed: Vec::new(),
            removed_above_article: 0,
            is_truncated: false,
            truncated_by: None,
            headline: None,
            header: Vec::new(),
            lang: UNDETERMINED.to_string(),
            lang_confidence: 0.0,
            lang_script: "Zyyy".to_string(),
            langs: Vec::new(),
            sentences: Vec::new(),
            n_words: 0,
            meta: Metadata::default(),
            quality: None,
        }
    }
}

/// Each filter's decision: the rule that drops the document, `None` when it keeps it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Verdicts {
    pub gopher: Option<&'static str>,
    pub c4: Option<&'static str>,
    pub fineweb: Option<&'static str>,
}

/// The signals of one document: the `quality` struct column (docs/quality.md defines each).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QualitySignals {
    pub n_words: i64,
    pub mean_word_length: f64,
    pub symbol_word_ratio: f64,
    pub bullet_lines_ratio: f64,
    pub ellipsis_lines_ratio: f64,
    pub alpha_words_ratio: f64,
    pub stop_words: i64,
    pub dup_line_frac: f64,
    pub dup_line_char_frac: f64,
    pub dup_para_frac: f64,
    pub dup_para_char_frac: f64,
    /// Top 2-, 3- and 4-gram character fractions.
    pub top_ngram_char_frac: [f64; 3],
    /// Duplicated 5- to 10-gram character fractions.
    pub dup_ngram_char_frac: [f64; 6],
    pub terminal_punct_lines_ratio: f64,
    pub short_lines_ratio: f64,
}

impl QualitySignals {
    /// Every field as `(name, value)` (counts as floats), in the struct column's order; the
    /// writer and the reference test both read the fields through it.
    pub fn named_values(&self) -> Vec<(&'static str, f64)> {
        let mut values = vec![
            ("n_words", self.n_words as f64),
            ("mean_word_length", self.mean_word_length),
            ("symbol_word_ratio", self.symbol_word_ratio),
            ("bullet_lines_ratio", self.bullet_lines_ratio),
            ("ellipsis_lines_ratio", self.ellipsis_lines_ratio),
            ("alpha_words_ratio", self.alpha_words_ratio),
            ("stop_words", self.stop_words as f64),
            ("dup_line_frac", self.dup_line_frac),
            ("dup_line_char_frac", self.dup_line_char_frac),
            ("dup_para_frac", self.dup_para_frac),
            ("dup_para_char_frac", self.dup_para_char_frac),
        ];
        let top = [
            "top_2gram_char_frac",
            "top_3gram_char_frac",
            "top_4gram_char_frac",
        ];
        values.extend(top.into_iter().zip(self.top_ngram_char_frac));
        let dup = [
            "dup_5gram_char_frac",
            "dup_6gram_char_frac",
            "dup_7gram_char_frac",
            "dup_8gram_char_frac",
            "dup_9gram_char_frac",
            "dup_10gram_char_frac",
        ];
        values.extend(dup.into_iter().zip(self.dup_ngram_char_frac));
        values.push((
            "terminal_punct_lines_ratio",
            self.terminal_punct_lines_ratio,
        ));
        values.push(("short_lines_ratio", self.short_lines_ratio));
        values
    }
}

/// The signals of a document and the three filters' decisions.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Quality {
    pub signals: QualitySignals,
    pub verdicts: Verdicts,
}
