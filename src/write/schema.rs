//! Arrow schemas of the output tables, and documents turned into record batches.

use crate::config::Filter;
use crate::document::Document;
use crate::document::Quality;
use crate::read::Reject;
use arrow::array::{
    ArrayRef, BooleanBuilder, Float32Builder, Float64Builder, Int32Builder, Int64Builder,
    ListBuilder, StringArray, StringBuilder, StructBuilder, TimestampMicrosecondBuilder,
    UInt64Builder,
};
use arrow::datatypes::{DataType, Field, Fields, Schema};
use arrow::record_batch::RecordBatch;
use std::collections::HashMap;
use std::sync::Arc;

/// Bumped whenever a column is added, removed or changes meaning.
pub const SCHEMA_VERSION: u32 = 4;

/// The Parquet columns of `table` whose values (nearly) never repeat within a row group, so
/// written without a dictionary; nested ones by their Parquet path.
pub fn distinct_value_columns(table: &str) -> &'static [&'static str] {
    match table {
        "documents" => &[
            "doc_id",
            "source_path",
            "source_sha256",
            "title",
            "url",
            "description",
            "text",
            "removed.list.item.text",
            "front_matter",
        ],
        "sentences" => &["text"],
        _ => &[],
    }
}

/// One-line descriptions of every column, stored as Arrow field metadata.
const DOCUMENT_COLUMNS: &[(&str, &str)] = &[
    ("doc_id", "stable id: hash of source_path and source_sha256"),
    (
        "source_path",
        "path relative to the input folder, / separated; a record of a JSON Lines or WARC file adds the record: feed.jsonl#L12, crawl.warc.gz#<urn:uuid:...>",
    ),
    (
        "source_sha256",
        "sha256 of the raw input bytes (of the record, for a record)",
    ),
    ("format", "input format: txt, md, html, jsonl or warc"),
    (
        "encoding",
        "encoding the source bytes were decoded from (utf-8, utf-16le, windows-1252 ...)",
    ),
    (
        "title",
        "title from front matter or the headline; null when the source has none",
    ),
    (
        "authors",
        "author names from front matter, bylines or signatures",
    ),
    (
        "publisher",
        "publisher name from config/publishers.toml rules or front matter",
    ),
    (
        "url",
        "article url from front matter (a repost's original first) or a copy-link line",
    ),
    ("domain", "host of url, without www."),
    (
        "published_at",
        "publication time, UTC (times without a zone are read as UTC)",
    ),
    ("updated_at", "last update time, UTC"),
    (
        "description",
        "summary from front matter (description, summary, excerpt)",
    ),
    ("tags", "tags or keywords from front matter"),
    (
        "lang",
        "document language, ISO 639-1 where one exists, und when unknown",
    ),
    ("lang_confidence", "confidence of lang, 0 to 1"),
    (
        "lang_script",
        "ISO 15924 code of the dominant script (Latn, Cyrl, ...), Zyyy when there are no letters",
    ),
    (
        "langs",
        "languages of at least lang.min_share of the sentences with a language, with their shares",
    ),
    (
        "text",
        "cleaned article text; paragraphs separated by a blank line",
    ),
    ("n_chars", "code points in text"),
    ("n_words", "words in text (Unicode word boundaries)"),
    (
        "n_sentences",
        "rows of this document in the sentences table",
    ),
    ("is_truncated", "the source was cut by a paywall"),
    (
        "truncated_by",
        "rule id of the paywall marker that cut the source",
    ),
    (
        "removed",
        "every span the cleaner dropped, with the id of the rule that dropped it (and the article finder's score for model.boilerplate)",
    ),
    (
        "metadata_source",
        "where each metadata value came from (front matter key or rule id)",
    ),
    (
        "front_matter",
        "the parsed front matter as a JSON object string",
    ),
    (
        "warnings",
        "problems found in the input that did not stop processing",
    ),
    (
        "quality",
        "quality signals of text, as datatrove 0.10.1 computes them (docs/quality.md); null when quality.enabled is false or text is empty",
    ),
    (
        "passes_gopher",
        "datatrove's GopherRepetitionFilter and GopherQualityFilter (defaults) both keep the document",
    ),
    (
        "passes_c4",
        "datatrove's C4QualityFilter (defaults) keeps the document (its text rewrite is not applied)",
    ),
    (
        "passes_fineweb",
        "datatrove's FineWebQualityFilter (defaults) keeps the document",
    ),
    (
        "dup_cluster",
        "doc_id of the representative of this document's cluster of near-duplicates (itself for the representative); null when no other document is a copy of this one (docs/dedup.md)",
    ),
    (
        "dup_of",
        "doc_id of the representative this document is a copy of; null for representatives and unique documents",
    ),
    (
        "dup_kind",
        "exact when the text equals the representative's, near when the estimated Jaccard of word 5-grams is at least dedup.threshold; null where dup_of is",
    ),
    (
        "dup_similarity",
        "estimated Jaccard similarity (MinHash) of word 5-gram shingles with the representative; null where dup_of is",
    ),
];

/// The fields of the `quality` struct: name, whether it is a count (int64; else float64), and
/// its description. Words are spaCy-English tokens for English, UAX #29 words otherwise.
pub const QUALITY_FIELDS: &[(&str, bool, &str)] = &[
    ("n_words", true, "words, punctuation tokens included"),
    ("mean_word_length", false, "mean code points of the words with a character that is not punctuation"),
    ("symbol_word_ratio", false, "the larger of '#' per word and ellipses ('...', '…') per word"),
    ("bullet_lines_ratio", false, "share of lines starting with '•' or '-'"),
    ("ellipsis_lines_ratio", false, "share of lines ending with '...' or '…'"),
    ("alpha_words_ratio", false, "share of words with at least one letter"),
    ("stop_words", true, "distinct Gopher stop words present (the language's first 8 function words outside English)"),
    ("dup_line_frac", false, "share of lines (split at newlines) that repeat an earlier line"),
    ("dup_line_char_frac", false, "characters of repeated lines / characters of text"),
    ("dup_para_frac", false, "share of paragraphs (split at blank lines) that repeat an earlier one"),
    ("dup_para_char_frac", false, "characters of repeated paragraphs / characters of text"),
    ("top_2gram_char_frac", false, "characters of the most frequent word 2-gram times its count / characters of text"),
    ("top_3gram_char_frac", false, "the same for 3-grams"),
    ("top_4gram_char_frac", false, "the same for 4-grams"),
    ("dup_5gram_char_frac", false, "characters of word 5-grams that repeat an earlier one (non-overlapping) / characters of text"),
    ("dup_6gram_char_frac", false, "the same for 6-grams"),
    ("dup_7gram_char_frac", false, "the same for 7-grams"),
    ("dup_8gram_char_frac", false, "the same for 8-grams"),
    ("dup_9gram_char_frac", false, "the same for 9-grams"),
    ("dup_10gram_char_frac", false, "the same for 10-grams"),
    ("terminal_punct_lines_ratio", false, "share of non-blank lines ending with terminal punctuation"),
    ("short_lines_ratio", false, "share of non-blank lines of at most 30 characters"),
];

const SENTENCE_COLUMNS: &[(&str, &str)] = &[
    ("doc_id", "the document this sentence belongs to"),
    (
        "sent_index",
        "0-based position of the sentence in the document",
    ),
    (
        "text",
        "the sentence text, equal to document text[char_start:char_end]",
    ),
    (
        "char_start",
        "code-point offset of the sentence start in the document text",
    ),
    (
        "char_end",
        "code-point offset just after the sentence end (exclusive)",
    ),
    (
        "lang",
        "sentence language, ISO 639-1, und when too short or unclear",
    ),
    ("lang_confidence", "confidence of lang, 0 to 1"),
];

const REJECT_COLUMNS: &[(&str, &str)] = &[
    (
        "source_path",
        "path relative to the input folder, with the record for a record (feed.jsonl#L12)",
    ),
    ("reason", "reason code"),
    ("message", "what went wrong and how to fix it"),
    ("bytes_read", "bytes read before the input was rejected"),
];

const METADATA_SOURCE_FIELDS: &[&str] = &[
    "title",
    "authors",
    "publisher",
    "url",
    "published_at",
    "updated_at",
];

/// The schema of every output table, in output order; column descriptions are in each
/// field's `description` metadata.
pub fn table_schemas() -> Vec<(&'static str, Arc<Schema>)> {
    vec![
        ("documents", documents_batch(&[]).schema()),
        ("sentences", sentences_batch(&[]).schema()),
        ("rejects", rejects_batch(&[]).schema()),
        ("filtered", filtered_batch(&[]).schema()),
    ]
}

fn described_schema(columns: &[(&str, ArrayRef)], descriptions: &[(&str, &str)]) -> Arc<Schema> {
    let fields: Vec<Field> = columns
        .iter()
        .map(|(name, array)| {
            let description = descriptions
                .iter()
                .find(|(n, _)| n == name)
                .map_or("", |(_, d)| d);
            Field::new(
                *name,
                array.data_type().clone(),
                array.null_count() > 0 || nullable(name),
            )
            .with_metadata(HashMap::from([(
                "description".to_string(),
                description.to_string(),
            )]))
        })
        .collect();
    Arc::new(Schema::new(fields))
}

/// Columns that may hold nulls, whatever this batch holds (so every batch has one schema).
fn nullable(name: &str) -> bool {
    matches!(
        name,
        "title"
            | "publisher"
            | "url"
            | "domain"
            | "published_at"
            | "updated_at"
            | "description"
            | "truncated_by"
            | "front_matter"
            | "quality"
            | "passes_gopher"
            | "passes_c4"
            | "passes_fineweb"
            | "dup_cluster"
            | "dup_of"
            | "dup_kind"
            | "dup_similarity"
    )
}

fn batch(columns: Vec<(&str, ArrayRef)>, descriptions: &[(&str, &str)]) -> RecordBatch {
    let schema = described_schema(&columns, descriptions);
    RecordBatch::try_new(schema, columns.into_iter().map(|(_, a)| a).collect())
        .expect("columns match the schema built from them")
}

fn string_list() -> ListBuilder<StringBuilder> {
    ListBuilder::new(StringBuilder::new()).with_field(Field::new("item", DataType::Utf8, false))
}

fn removal_fields() -> Fields {
    Fields::from(vec![
        Field::new("rule_id", DataType::Utf8, false),
        Field::new("text", DataType::Utf8, false),
        Field::new("score", DataType::Float32, true),
    ])
}

fn lang_share_fields() -> Fields {
    Fields::from(vec![
        Field::new("lang", DataType::Utf8, false),
        Field::new("share", DataType::Float32, false),
    ])
}

fn quality_fields() -> Fields {
    Fields::from(
        QUALITY_FIELDS
            .iter()
            .map(|(name, count, description)| {
                let data_type = if *count {
                    DataType::Int64
                } else {
                    DataType::Float64
                };
                Field::new(*name, data_type, false).with_metadata(HashMap::from([(
                    "description".to_string(),
                    description.to_string(),
                )]))
            })
            .collect::<Vec<_>>(),
    )
}

/// Appends one document's quality signals (a null struct when there are none).
fn append_quality(builder: &mut StructBuilder, quality: Option<&Quality>) {
    let values = quality.map(|q| q.signals.named_values());
    for (i, (name, count, _)) in QUALITY_FIELDS.iter().enumerate() {
        let value = values.as_ref().map_or(0.0, |v| {
            let (field, value) = v[i];
            debug_assert_eq!(field, *name);
            value
        });
        if *count {
            builder
                .field_builder::<Int64Builder>(i)
                .expect("quality counts are int64")
                .append_value(value as i64);
        } else {
            builder
                .field_builder::<Float64Builder>(i)
                .expect("quality ratios are float64")
                .append_value(value);
        }
    }
    builder.append(quality.is_some());
}

fn metadata_source_fields() -> Fields {
    Fields::from(
        METADATA_SOURCE_FIELDS
            .iter()
            .map(|n| Field::new(*n, DataType::Utf8, true))
            .collect::<Vec<_>>(),
    )
}

/// The documents table for a batch of documents.
pub fn documents_batch(docs: &[Document]) -> RecordBatch {
    let mut doc_id = StringBuilder::new();
    let mut source_path = StringBuilder::new();
    let mut source_sha256 = StringBuilder::new();
    let mut format = StringBuilder::new();
    let mut encoding = StringBuilder::new();
    let mut title = StringBuilder::new();
    let mut authors = string_list();
    let mut publisher = StringBuilder::new();
    let mut url = StringBuilder::new();
    let mut domain = StringBuilder::new();
    let mut published_at = TimestampMicrosecondBuilder::new().with_timezone("UTC");
    let mut updated_at = TimestampMicrosecondBuilder::new().with_timezone("UTC");
    let mut description = StringBuilder::new();
    let mut tags = string_list();
    let mut lang = StringBuilder::new();
    let mut lang_confidence = Float32Builder::new();
    let mut lang_script = StringBuilder::new();
    let mut langs =
        ListBuilder::new(StructBuilder::from_fields(lang_share_fields(), 0)).with_field(
            Field::new("item", DataType::Struct(lang_share_fields()), false),
        );
    let mut text = StringBuilder::new();
    let mut n_chars = Int64Builder::new();
    let mut n_words = Int64Builder::new();
    let mut n_sentences = Int64Builder::new();
    let mut is_truncated = BooleanBuilder::new();
    let mut truncated_by = StringBuilder::new();
    let mut removed = ListBuilder::new(StructBuilder::from_fields(removal_fields(), 0)).with_field(
        Field::new("item", DataType::Struct(removal_fields()), false),
    );
    let mut metadata_source = StructBuilder::from_fields(metadata_source_fields(), docs.len());
    let mut front_matter = StringBuilder::new();
    let mut warnings = string_list();
    let mut quality = StructBuilder::from_fields(quality_fields(), docs.len());
    let mut passes = [
        BooleanBuilder::new(),
        BooleanBuilder::new(),
        BooleanBuilder::new(),
    ];

    for doc in docs {
        let meta = &doc.meta;
        doc_id.append_value(&doc.doc_id);
        source_path.append_value(&doc.source_path);
        source_sha256.append_value(&doc.source_sha256);
        format.append_value(doc.format.as_str());
        encoding.append_value(&doc.encoding);
        title.append_option(meta.title.as_deref());
        for author in &meta.authors {
            authors.values().append_value(author);
        }
        authors.append(true);
        publisher.append_option(meta.publisher.as_deref());
        url.append_option(meta.url.as_deref());
        domain.append_option(meta.domain.as_deref());
        published_at.append_option(meta.published_at);
        updated_at.append_option(meta.updated_at);
        description.append_option(meta.description.as_deref());
        for tag in &meta.tags {
            tags.values().append_value(tag);
        }
        tags.append(true);
        lang.append_value(&doc.lang);
        lang_confidence.append_value(doc.lang_confidence);
        lang_script.append_value(&doc.lang_script);
        for share in &doc.langs {
            let item = langs.values();
            item.field_builder::<StringBuilder>(0)
                .expect("lang is a string")
                .append_value(&share.lang);
            item.field_builder::<Float32Builder>(1)
                .expect("share is a float")
                .append_value(share.share);
            item.append(true);
        }
        langs.append(true);
        text.append_value(&doc.text);
        n_chars.append_value(doc.text.chars().count() as i64);
        n_words.append_value(doc.n_words as i64);
        n_sentences.append_value(doc.sentences.len() as i64);
        is_truncated.append_value(doc.is_truncated);
        truncated_by.append_option(doc.truncated_by.as_deref());
        for removal in &doc.removed {
            let item = removed.values();
            item.field_builder::<StringBuilder>(0)
                .expect("rule_id is a string")
                .append_value(&removal.rule_id);
            item.field_builder::<StringBuilder>(1)
                .expect("text is a string")
                .append_value(&removal.text);
            item.field_builder::<Float32Builder>(2)
                .expect("score is a float")
                .append_option(removal.score);
            item.append(true);
        }
        removed.append(true);
        let sources = [
            &meta.source.title,
            &meta.source.authors,
            &meta.source.publisher,
            &meta.source.url,
            &meta.source.published_at,
            &meta.source.updated_at,
        ];
        for (i, source) in sources.into_iter().enumerate() {
            metadata_source
                .field_builder::<StringBuilder>(i)
                .expect("metadata_source fields are strings")
                .append_option(source.as_deref());
        }
        metadata_source.append(true);
        front_matter.append_option(
            doc.front_matter
                .as_ref()
                .map(|fm| serde_json::to_string(fm).expect("JSON values serialize")),
        );
        for warning in &doc.warnings {
            warnings.values().append_value(warning);
        }
        warnings.append(true);
        append_quality(&mut quality, doc.quality.as_ref());
        for (builder, filter) in passes.iter_mut().zip(Filter::ALL) {
            let verdict = doc.quality.as_ref().map(|q| q.verdicts.get(filter));
            builder.append_option(verdict.map(|failed| failed.is_none()));
        }
    }
    let [passes_gopher, passes_c4, passes_fineweb] = passes.map(|mut builder| builder.finish());
    // Filled in after the build, when the whole corpus has been seen (src/dedup).
    let no_strings: ArrayRef = Arc::new(StringArray::new_null(docs.len()));

    batch(
        vec![
            ("doc_id", Arc::new(doc_id.finish())),
            ("source_path", Arc::new(source_path.finish())),
            ("source_sha256", Arc::new(source_sha256.finish())),
            ("format", Arc::new(format.finish())),
            ("encoding", Arc::new(encoding.finish())),
            ("title", Arc::new(title.finish())),
            ("authors", Arc::new(authors.finish())),
            ("publisher", Arc::new(publisher.finish())),
            ("url", Arc::new(url.finish())),
            ("domain", Arc::new(domain.finish())),
            ("published_at", Arc::new(published_at.finish())),
            ("updated_at", Arc::new(updated_at.finish())),
            ("description", Arc::new(description.finish())),
            ("tags", Arc::new(tags.finish())),
            ("lang", Arc::new(lang.finish())),
            ("lang_confidence", Arc::new(lang_confidence.finish())),
            ("lang_script", Arc::new(lang_script.finish())),
            ("langs", Arc::new(langs.finish())),
            ("text", Arc::new(text.finish())),
            ("n_chars", Arc::new(n_chars.finish())),
            ("n_words", Arc::new(n_words.finish())),
            ("n_sentences", Arc::new(n_sentences.finish())),
            ("is_truncated", Arc::new(is_truncated.finish())),
            ("truncated_by", Arc::new(truncated_by.finish())),
            ("removed", Arc::new(removed.finish())),
            ("metadata_source", Arc::new(metadata_source.finish())),
            ("front_matter", Arc::new(front_matter.finish())),
            ("warnings", Arc::new(warnings.finish())),
            ("quality", Arc::new(quality.finish())),
            ("passes_gopher", Arc::new(passes_gopher)),
            ("passes_c4", Arc::new(passes_c4)),
            ("passes_fineweb", Arc::new(passes_fineweb)),
            ("dup_cluster", no_strings.clone()),
            ("dup_of", no_strings.clone()),
            ("dup_kind", no_strings),
            (
                "dup_similarity",
                Arc::new(arrow::array::Float32Array::new_null(docs.len())),
            ),
        ],
        DOCUMENT_COLUMNS,
    )
}

const FILTERED_COLUMNS: &[(&str, &str)] = &[
    (
        "filter",
        "the quality preset that dropped the document: gopher, c4 or fineweb (--filter)",
    ),
    (
        "rule",
        "the rule of that preset that failed, as datatrove names it (gopher_short_doc, too_few_sentences, line_punct_ratio ...)",
    ),
];

/// The filtered table: the documents columns, then the filter and rule that dropped each.
pub fn filtered_batch(docs: &[(Document, Filter, &'static str)]) -> RecordBatch {
    let documents = documents_batch(&docs.iter().map(|(d, _, _)| d.clone()).collect::<Vec<_>>());
    let filters: StringArray = docs.iter().map(|(_, f, _)| Some(f.name())).collect();
    let rules: StringArray = docs.iter().map(|(_, _, r)| Some(*r)).collect();
    let extra = batch(
        vec![
            ("filter", Arc::new(filters) as ArrayRef),
            ("rule", Arc::new(rules)),
        ],
        FILTERED_COLUMNS,
    );
    let mut fields: Vec<Field> = documents
        .schema()
        .fields()
        .iter()
        .map(|f| f.as_ref().clone())
        .collect();
    fields.extend(extra.schema().fields().iter().map(|f| f.as_ref().clone()));
    let mut columns = documents.columns().to_vec();
    columns.extend(extra.columns().iter().cloned());
    RecordBatch::try_new(Arc::new(Schema::new(fields)), columns)
        .expect("columns match the schema built from them")
}

/// The sentences table for a batch of documents.
pub fn sentences_batch(docs: &[Document]) -> RecordBatch {
    let mut doc_id = StringBuilder::new();
    let mut sent_index = Int32Builder::new();
    let mut text = StringBuilder::new();
    let mut char_start = Int64Builder::new();
    let mut char_end = Int64Builder::new();
    let mut lang = StringBuilder::new();
    let mut lang_confidence = Float32Builder::new();
    for doc in docs {
        for (i, sentence) in doc.sentences.iter().enumerate() {
            doc_id.append_value(&doc.doc_id);
            sent_index.append_value(i as i32);
            text.append_value(&sentence.text);
            char_start.append_value(sentence.char_start as i64);
            char_end.append_value(sentence.char_end as i64);
            lang.append_value(&sentence.lang);
            lang_confidence.append_value(sentence.lang_confidence);
        }
    }
    batch(
        vec![
            ("doc_id", Arc::new(doc_id.finish())),
            ("sent_index", Arc::new(sent_index.finish())),
            ("text", Arc::new(text.finish())),
            ("char_start", Arc::new(char_start.finish())),
            ("char_end", Arc::new(char_end.finish())),
            ("lang", Arc::new(lang.finish())),
            ("lang_confidence", Arc::new(lang_confidence.finish())),
        ],
        SENTENCE_COLUMNS,
    )
}

/// The rejects table.
pub fn rejects_batch(rejects: &[Reject]) -> RecordBatch {
    let mut source_path = StringBuilder::new();
    let mut reason = StringBuilder::new();
    let mut message = StringBuilder::new();
    let mut bytes_read = UInt64Builder::new();
    for reject in rejects {
        source_path.append_value(&reject.source_path);
        reason.append_value(reject.reason.code());
        message.append_value(&reject.message);
        bytes_read.append_value(reject.bytes_read);
    }
    batch(
        vec![
            ("source_path", Arc::new(source_path.finish())),
            ("reason", Arc::new(reason.finish())),
            ("message", Arc::new(message.finish())),
            ("bytes_read", Arc::new(bytes_read.finish())),
        ],
        REJECT_COLUMNS,
    )
}

/// A column type the way the README and notebooks spell it (`string`, `list<string>`, ...).
pub fn column_type(data_type: &DataType) -> String {
    match data_type {
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => "string".into(),
        DataType::Boolean => "bool".into(),
        DataType::Timestamp(unit, zone) => {
            let unit = match unit {
                arrow::datatypes::TimeUnit::Second => "s",
                arrow::datatypes::TimeUnit::Millisecond => "ms",
                arrow::datatypes::TimeUnit::Microsecond => "us",
                arrow::datatypes::TimeUnit::Nanosecond => "ns",
            };
            match zone {
                Some(zone) => format!("timestamp[{unit}, {zone}]"),
                None => format!("timestamp[{unit}]"),
            }
        }
        DataType::List(item) | DataType::LargeList(item) => {
            format!("list<{}>", column_type(item.data_type()))
        }
        DataType::Struct(fields) => {
            let inner: Vec<String> = fields.iter().map(|f| field_type(f)).collect();
            format!("struct<{}>", inner.join(", "))
        }
        other => other.to_string().to_lowercase(),
    }
}

fn field_type(field: &Field) -> String {
    format!("{}: {}", field.name(), column_type(field.data_type()))
}

/// A column's one-line description, stored as the field's `description` metadata.
pub fn column_description(field: &Field) -> &str {
    field
        .metadata()
        .get("description")
        .map_or("", String::as_str)
}

/// A column's type, with `?` when it may be null.
pub fn column_type_nullable(field: &Field) -> String {
    let mut name = column_type(field.data_type());
    if field.is_nullable() {
        name.push('?');
    }
    name
}

/// The columns of a table as a Markdown table.
pub fn schema_markdown(schema: &Schema) -> String {
    let mut out = String::from("| column | type | meaning |\n| --- | --- | --- |\n");
    for field in schema.fields() {
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            field.name(),
            column_type_nullable(field).replace('|', "\\|"),
            column_description(field).replace('|', "\\|")
        ));
    }
    out
}
