//! The ordered writer: appends each processed batch to the documents and sentences files in
//! input order, reused rows in their place between new ones, and keeps the counters and
//! rejects for the manifest.

use crate::config::Config;
use crate::dedup::{SketchPart, SketchWriter};
use crate::document::Document;
use crate::incremental::{interleave_rows, Pick, PreviousRow};
use crate::read::Reject;
use crate::write::{
    documents_batch, rejects_batch, sentences_batch, FilteredTable, Manifest, StageCounters,
    TableWriter,
};
use anyhow::{Context, Result};
use arrow::array::AsArray;
use arrow::datatypes::Int64Type;
use arrow::record_batch::RecordBatch;
use std::path::Path;

/// Folder of a build's staging folder that holds the dedup sketches until they are reduced.
pub(super) const SKETCH_DIR: &str = ".dedup";

/// One input after the workers: processed now, or its rows reused from the previous corpus.
// Values live only in one batch vector and are moved once; boxing would add an allocation each.
#[allow(clippy::large_enum_variant)]
pub(super) enum Processed {
    New(Result<Document, Reject>),
    Reused(PreviousRow),
}

/// The ordered writer: appends each processed batch to the documents and sentences files
/// and keeps the counters and rejects for the manifest.
pub(super) struct CorpusWriter {
    documents: TableWriter,
    sentences: TableWriter,
    /// Documents a chosen quality filter drops (`--filter`); `None` without filters.
    filtered: Option<FilteredTable>,
    part_name: String,
    config_hash: String,
    pub(super) counters: StageCounters,
    rejects: Vec<Reject>,
    wrote_any: bool,
    pub(super) reused: u64,
    row_group_docs: usize,
    /// Documents in the row group in progress.
    docs_in_row_group: usize,
    /// MinHash sketches of the documents rows, for dedup after the last batch.
    sketch: Option<SketchWriter>,
}

impl CorpusWriter {
    pub(super) fn new(dir: &Path, part_name: &str, config: &Config) -> Result<CorpusWriter> {
        let config_hash = &config.hash;
        let table = |name: &str| {
            TableWriter::new(
                dir,
                &format!("{name}/{part_name}"),
                config_hash,
                config.output.row_groups_per_file,
            )
        };
        let sketch = match config.dedup.enabled {
            true => Some(SketchWriter::create(
                &dir.join(SKETCH_DIR),
                part_name,
                &config.dedup,
            )?),
            false => None,
        };
        Ok(CorpusWriter {
            documents: table("documents"),
            sentences: table("sentences"),
            filtered: FilteredTable::new(dir, part_name, config),
            part_name: part_name.to_string(),
            config_hash: config_hash.to_string(),
            counters: StageCounters::default(),
            rejects: Vec::new(),
            wrote_any: false,
            reused: 0,
            row_group_docs: config.output.row_group_docs,
            docs_in_row_group: 0,
            sketch,
        })
    }

    pub(super) fn write_batch(&mut self, results: Vec<Processed>) -> Result<()> {
        let mut docs = Vec::with_capacity(results.len());
        let mut order = Vec::with_capacity(results.len());
        let mut dropped = Vec::new();
        for result in results {
            match result {
                Processed::New(Ok(doc)) => {
                    match self.filtered.as_ref().and_then(|t| t.failed(&doc)) {
                        Some((filter, rule)) => dropped.push((doc, filter, rule)),
                        None => {
                            self.counters.add_document(&doc);
                            order.push(Err(docs.len()));
                            docs.push(doc);
                        }
                    }
                }
                Processed::New(Err(reject)) => self.rejects.push(reject),
                Processed::Reused(row) => {
                    self.counters.add_document(&row.counted_document());
                    self.reused += 1;
                    order.push(Ok(row));
                }
            }
        }
        if let Some(table) = self.filtered.as_mut() {
            if !dropped.is_empty() || !self.wrote_any {
                table.write(&dropped, &mut self.counters)?;
            }
        }
        // Empty tables still get a file with the schema, so readers find every table.
        if order.is_empty() && self.wrote_any {
            return Ok(());
        }
        let (documents, sentences) = (documents_batch(&docs), sentences_batch(&docs));
        if order.iter().all(|source| source.is_err()) {
            self.append(&documents, &sentences)?;
        } else {
            // Reused rows keep their place in input order between the new ones.
            let mut first_sentence = Vec::with_capacity(docs.len());
            let mut next = 0;
            for doc in &docs {
                first_sentence.push(next);
                next += doc.sentences.len();
            }
            let mut document_picks = Vec::with_capacity(order.len());
            let mut sentence_picks = Vec::new();
            for source in &order {
                match source {
                    Err(i) => {
                        document_picks.push(Pick::New(*i));
                        let start = first_sentence[*i];
                        sentence_picks
                            .extend((start..start + docs[*i].sentences.len()).map(Pick::New));
                    }
                    Ok(row) => {
                        document_picks.push(Pick::Previous(&row.document.0, row.document.1));
                        sentence_picks.extend(
                            row.sentences
                                .iter()
                                .map(|(batch, i)| Pick::Previous(batch, *i)),
                        );
                    }
                }
            }
            self.append(
                &interleave_rows(&documents, &document_picks)?,
                &interleave_rows(&sentences, &sentence_picks)?,
            )?;
        }
        self.wrote_any = true;
        Ok(())
    }

    /// Append documents and their sentences, closing a row group every `row_group_docs`
    /// documents, so row groups are the same whatever the batch size.
    fn append(&mut self, documents: &RecordBatch, sentences: &RecordBatch) -> Result<()> {
        if let Some(sketch) = self.sketch.as_mut() {
            sketch.add(documents)?;
        }
        if documents.num_rows() == 0 {
            // Creates the files of empty tables, so readers find every table.
            self.documents.write(documents)?;
            return self.sentences.write(sentences);
        }
        let n_sentences = documents
            .column_by_name("n_sentences")
            .context("the documents table has no n_sentences column")?
            .as_primitive::<Int64Type>();
        let (mut document, mut sentence) = (0, 0);
        while document < documents.num_rows() {
            let take =
                (self.row_group_docs - self.docs_in_row_group).min(documents.num_rows() - document);
            let their_sentences: usize = (document..document + take)
                .map(|i| n_sentences.value(i) as usize)
                .sum();
            self.documents.write(&documents.slice(document, take))?;
            self.sentences
                .write(&sentences.slice(sentence, their_sentences))?;
            document += take;
            sentence += their_sentences;
            self.docs_in_row_group += take;
            if self.docs_in_row_group == self.row_group_docs {
                self.documents.flush()?;
                self.sentences.flush()?;
                self.docs_in_row_group = 0;
            }
        }
        Ok(())
    }

    /// The manifest, and the dedup sketch of the documents written.
    pub(super) fn finish(
        mut self,
        dir: &Path,
        inputs: u64,
    ) -> Result<(Manifest, Option<SketchPart>)> {
        if !self.wrote_any {
            self.write_batch(Vec::new())?;
        }
        // In path order, as `finalize` lists a sharded build's (`news.jsonl#L10` before `#L9`).
        self.rejects
            .sort_by(|a, b| a.source_path.cmp(&b.source_path));
        let mut rejects_table = TableWriter::new(
            dir,
            &format!("rejects/{}", self.part_name),
            &self.config_hash,
            1,
        );
        rejects_table.write(&rejects_batch(&self.rejects))?;
        let filtered = match self.filtered {
            Some(table) => table.finish()?,
            None => Vec::new(),
        };
        let outputs = [
            self.documents.finish()?,
            self.sentences.finish()?,
            rejects_table.finish()?,
            filtered,
        ]
        .into_iter()
        .flatten()
        .collect();
        let manifest = Manifest::new(
            &self.config_hash,
            inputs,
            self.rejects,
            self.counters,
            outputs,
        );
        Ok((manifest, self.sketch.map(SketchWriter::finish).transpose()?))
    }
}
