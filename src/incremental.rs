//! Incremental builds: rows of the previous corpus are reused for inputs whose path and
//! source_sha256 are unchanged, when it was written by the same corpusmill version, schema and
//! config. The previous corpus is streamed in step with the sorted input list (both are in
//! source_path order), so memory stays bounded by the batch size. Each whole build also
//! records the lines it cleaned as repeated (`repeated_lines.bin`), which the next incremental
//! build compares with its own.

use crate::clean::RepeatedLines;
use crate::document::{Document, Format, Removal, Sentence};
use crate::read::Input;
use crate::write::{Manifest, OutputFile, SCHEMA_VERSION};
use anyhow::{Context, Result};
use arrow::array::{Array, AsArray, RecordBatch};
use arrow::datatypes::Int64Type;
use parquet::arrow::arrow_reader::{ParquetRecordBatchReader, ParquetRecordBatchReaderBuilder};
use std::path::{Path, PathBuf};

/// The repeated lines a whole corpus was cleaned with, for the next `--incremental` build.
const REPEATED_LINES_RECORD: &str = "repeated_lines.bin";

/// Write the repeated-line record (synced, like the tables); `rows` counts its set counters.
pub fn write_repeated_lines(dir: &Path, repeated_lines: &RepeatedLines) -> Result<OutputFile> {
    use std::io::Write;
    let path = dir.join(REPEATED_LINES_RECORD);
    let (record, set_counters) = repeated_lines.to_bytes();
    let mut file =
        std::fs::File::create(&path).with_context(|| format!("cannot write {}", path.display()))?;
    file.write_all(&record)?;
    file.sync_all()?;
    let (bytes, sha256) = crate::write::hash_file(&path)?;
    Ok(OutputFile {
        path: REPEATED_LINES_RECORD.into(),
        rows: set_counters,
        bytes,
        sha256,
    })
}

/// One document row of the previous corpus and its sentence rows.
#[derive(Debug, Clone)]
pub struct PreviousRow {
    pub document: (RecordBatch, usize),
    pub sentences: Vec<(RecordBatch, usize)>,
    source_sha256: String,
    source_path: String,
    /// The path of the file the row came from (the source path without its record).
    file_path: String,
}

impl PreviousRow {
    /// Whether the input that was read now is the one this row was built from.
    pub fn matches(&self, doc: &Document) -> bool {
        self.source_sha256 == doc.source_sha256
    }

    /// The fields of the row the stage counters read, as a `Document`, so a reused row
    /// counts exactly as it did when it was built.
    pub fn counted_document(&self) -> Document {
        let (batch, row) = &self.document;
        let text = |name: &str| string_at(batch, name, *row);
        let mut doc = Document::new(
            text("source_path").unwrap_or_default(),
            self.source_sha256.clone(),
            0,
            Format::Txt,
            String::new(),
        );
        doc.text = text("text").unwrap_or_default();
        doc.lang = text("lang").unwrap_or_default();
        doc.n_words = batch
            .column_by_name("n_words")
            .map_or(0, |c| c.as_primitive::<Int64Type>().value(*row) as usize);
        doc.meta.publisher = text("publisher");
        doc.is_truncated = batch
            .column_by_name("is_truncated")
            .is_some_and(|c| c.as_boolean().value(*row));
        if let Some(list) = batch.column_by_name("warnings") {
            let values = list.as_list::<i32>().value(*row);
            let values = values.as_string::<i32>();
            doc.warnings = (0..values.len())
                .map(|i| values.value(i).to_string())
                .collect();
        }
        if let Some(list) = batch.column_by_name("removed") {
            let removed = list.as_list::<i32>().value(*row);
            let removed = removed.as_struct();
            let rule_ids = removed.column_by_name("rule_id").expect("removed.rule_id");
            let rule_ids = rule_ids.as_string::<i32>();
            doc.removed = (0..removed.len())
                .map(|i| Removal {
                    rule_id: rule_ids.value(i).to_string(),
                    text: String::new(),
                    category: String::new(),
                    field: None,
                    score: None,
                })
                .collect();
        }
        doc.sentences = self
            .sentences
            .iter()
            .map(|(batch, row)| Sentence {
                text: String::new(),
                char_start: 0,
                char_end: 0,
                lang: string_at(batch, "lang", *row).unwrap_or_default(),
                lang_confidence: 0.0,
            })
            .collect();
        doc
    }
}

fn string_at(batch: &RecordBatch, column: &str, row: usize) -> Option<String> {
    let column = batch.column_by_name(column)?.as_string::<i32>();
    (!column.is_null(row)).then(|| column.value(row).to_string())
}

/// A table of the previous corpus (its part files in row order), read one record batch at a
/// time.
struct TableCursor {
    files: std::vec::IntoIter<PathBuf>,
    batch_rows: usize,
    reader: Option<ParquetRecordBatchReader>,
    batch: Option<RecordBatch>,
    row: usize,
}

impl TableCursor {
    fn open(files: Vec<PathBuf>, batch_rows: usize) -> TableCursor {
        TableCursor {
            files: files.into_iter(),
            batch_rows,
            reader: None,
            batch: None,
            row: 0,
        }
    }

    fn open_file(&self, path: &Path) -> Result<ParquetRecordBatchReader> {
        let file = std::fs::File::open(path)
            .with_context(|| format!("cannot read the previous corpus file {}", path.display()))?;
        ParquetRecordBatchReaderBuilder::try_new(file)
            .and_then(|b| b.with_batch_size(self.batch_rows).build())
            .with_context(|| {
                format!(
                    "{} is not readable Parquet: rebuild without --incremental",
                    path.display()
                )
            })
    }

    /// The next row, or `None` at the end of the table.
    fn next(&mut self) -> Result<Option<(RecordBatch, usize)>> {
        loop {
            if let Some(batch) = &self.batch {
                if self.row < batch.num_rows() {
                    self.row += 1;
                    return Ok(Some((batch.clone(), self.row - 1)));
                }
            }
            match self.reader.as_mut().and_then(Iterator::next) {
                Some(batch) => {
                    self.batch = Some(batch?);
                    self.row = 0;
                }
                None => match self.files.next() {
                    Some(path) => self.reader = Some(self.open_file(&path)?),
                    None => return Ok(None),
                },
            }
        }
    }
}

/// The previous corpus in the output folder, walked in source_path order.
pub struct PreviousCorpus {
    documents: TableCursor,
    sentences: TableCursor,
    pending: Option<PreviousRow>,
}

impl PreviousCorpus {
    /// The previous corpus, when it can be reused: written by this corpusmill version and
    /// schema with the same config hash; `Ok(Err(reason))` means a full rebuild. Rows are
    /// read `batch_rows` at a time. With it, the repeated lines it was cleaned with.
    pub fn open(
        output: &Path,
        config_hash: &str,
        batch_rows: usize,
    ) -> Result<Result<(PreviousCorpus, RepeatedLines), String>> {
        let Ok(text) = std::fs::read_to_string(output.join("manifest.json")) else {
            return Ok(Err(format!("{} holds no corpus yet", output.display())));
        };
        let Ok(manifest) = serde_json::from_str::<Manifest>(&text) else {
            return Ok(Err(
                "the previous manifest.json is from another corpusmill".into()
            ));
        };
        if manifest.corpusmill_version != env!("CARGO_PKG_VERSION")
            || manifest.schema_version != SCHEMA_VERSION
        {
            return Ok(Err(
                "the previous corpus was built by another corpusmill version".into(),
            ));
        }
        if manifest.config_hash != config_hash {
            return Ok(Err("the config changed since the previous build".into()));
        }
        // A single build's part files are in source_path order, one after the other; a
        // sharded or partitioned corpus's are not.
        let single_build_parts = |table: &str| {
            let files: Vec<&str> = manifest
                .outputs
                .iter()
                .map(|f| f.path.as_str())
                .filter(|path| path.starts_with(&format!("{table}/")))
                .collect();
            let single = format!("{table}/part-00000");
            files.iter().all(|path| path.starts_with(&single)).then(|| {
                files
                    .iter()
                    .map(|path| output.join(path))
                    .collect::<Vec<_>>()
            })
        };
        let (Some(documents), Some(sentences)) = (
            single_build_parts("documents"),
            single_build_parts("sentences"),
        ) else {
            return Ok(Err(
                "the previous corpus is sharded or partitioned: it is rebuilt in full".into(),
            ));
        };
        let record = std::fs::read(output.join(REPEATED_LINES_RECORD)).ok();
        let Some(repeated_lines) = record.and_then(|bytes| RepeatedLines::from_bytes(&bytes))
        else {
            return Ok(Err(format!(
                "the previous corpus has no readable {REPEATED_LINES_RECORD}"
            )));
        };
        let corpus = PreviousCorpus {
            documents: TableCursor::open(documents, batch_rows),
            sentences: TableCursor::open(sentences, batch_rows),
            pending: None,
        };
        Ok(Ok((corpus, repeated_lines)))
    }

    /// For each input (files sorted by relative path, records in file order, continuing after
    /// the previous call), its row in the previous corpus if it had one.
    pub fn rows_for(&mut self, inputs: &[Input]) -> Result<Vec<Option<PreviousRow>>> {
        let mut rows = Vec::with_capacity(inputs.len());
        for input in inputs {
            let mut found = None;
            while let Some(row) = self.peek()? {
                match row.file_path.as_str().cmp(input.file_path()) {
                    std::cmp::Ordering::Greater => break,
                    // A file no longer in the input.
                    std::cmp::Ordering::Less => {
                        self.pending = None;
                    }
                    std::cmp::Ordering::Equal if row.source_path == input.source_path() => {
                        found = self.pending.take();
                        break;
                    }
                    std::cmp::Ordering::Equal => match (line_of(row), line_of_input(input)) {
                        // A line gone from the file (or now a reject).
                        (Some(previous), Some(current)) if previous < current => {
                            self.pending = None;
                        }
                        // A record not in the previous corpus: the row may match a later one.
                        _ => break,
                    },
                }
            }
            rows.push(found);
        }
        Ok(rows)
    }

    fn peek(&mut self) -> Result<Option<&PreviousRow>> {
        if self.pending.is_none() {
            let Some((batch, row)) = self.documents.next()? else {
                return Ok(None);
            };
            let n_sentences = batch
                .column_by_name("n_sentences")
                .context("the previous documents table has no n_sentences column")?
                .as_primitive::<Int64Type>()
                .value(row);
            let mut sentences = Vec::with_capacity(n_sentences as usize);
            for _ in 0..n_sentences {
                sentences.push(self.sentences.next()?.context(
                    "the previous sentences table is shorter than its documents say: rebuild without --incremental",
                )?);
            }
            let source_sha256 = string_at(&batch, "source_sha256", row).unwrap_or_default();
            let source_path = string_at(&batch, "source_path", row).unwrap_or_default();
            let format = string_at(&batch, "format", row).unwrap_or_default();
            let file_path = file_of_source(&source_path, &format).to_string();
            self.pending = Some(PreviousRow {
                document: (batch, row),
                sentences,
                source_sha256,
                source_path,
                file_path,
            });
        }
        Ok(self.pending.as_ref())
    }
}

/// The file of a source path: a JSON Lines record's (`news.jsonl#L12`) ends in `#L` and its
/// line number, a WARC record's in `#<` and its record id; a file's is the path itself.
fn file_of_source<'a>(source_path: &'a str, format: &str) -> &'a str {
    let record = match format {
        "jsonl" => source_path.rsplit_once("#L"),
        "warc" => source_path.rsplit_once("#<"),
        _ => None,
    };
    record.map_or(source_path, |(file, _)| file)
}

fn line_of(row: &PreviousRow) -> Option<u64> {
    row.source_path
        .strip_prefix(row.file_path.as_str())?
        .strip_prefix("#L")?
        .parse()
        .ok()
}

fn line_of_input(input: &Input) -> Option<u64> {
    input
        .source_path()
        .strip_prefix(input.file_path())?
        .strip_prefix("#L")?
        .parse()
        .ok()
}

/// Rows of `new` (by index) and previous rows, interleaved into one batch with `new`'s schema.
pub fn interleave_rows(new: &RecordBatch, picks: &[Pick<'_>]) -> Result<RecordBatch> {
    let mut sources: Vec<&RecordBatch> = vec![new];
    let mut indices = Vec::with_capacity(picks.len());
    for pick in picks {
        match pick {
            Pick::New(row) => indices.push((0, *row)),
            Pick::Previous(batch, row) => {
                // Consecutive reused rows mostly come from the same record batch.
                let same = |b: &&RecordBatch| std::sync::Arc::ptr_eq(b.column(0), batch.column(0));
                let source = match sources.iter().rposition(same) {
                    Some(i) => i,
                    None => {
                        sources.push(batch);
                        sources.len() - 1
                    }
                };
                indices.push((source, *row));
            }
        }
    }
    let columns = (0..new.num_columns())
        .map(|c| {
            let arrays: Vec<&dyn Array> = sources.iter().map(|b| b.column(c).as_ref()).collect();
            arrow::compute::interleave(&arrays, &indices)
        })
        .collect::<Result<Vec<_>, _>>()
        .context("the previous corpus has another column layout: rebuild without --incremental")?;
    Ok(RecordBatch::try_new(new.schema(), columns)?)
}

/// Where an output row comes from.
pub enum Pick<'a> {
    New(usize),
    Previous(&'a RecordBatch, usize),
}
