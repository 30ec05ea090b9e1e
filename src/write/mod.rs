//! Write stage: Arrow record batches, Parquet files (one row group per batch), the manifest,
//! and the atomic swap of the finished corpus into place.

mod filtered;
mod jsonl;
pub mod layout;
mod manifest;
mod output_dir;
mod schema;

pub use filtered::FilteredTable;
pub use layout::apply_layout;
pub use manifest::{DedupSummary, LargeCluster, Manifest, OutputFile, StageCounters};
pub use output_dir::StagingDir;
pub use schema::{
    column_description, column_type, column_type_nullable, documents_batch, rejects_batch,
    schema_markdown, sentences_batch, table_schemas, SCHEMA_VERSION,
};

/// Every table a corpus can have; `filtered` only when a quality filter is chosen.
pub const TABLES: &[&str] = &["documents", "sentences", "rejects", "filtered"];

use anyhow::{Context, Result};
use arrow::record_batch::RecordBatch;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::metadata::KeyValue;
use parquet::file::properties::{EnabledStatistics, WriterProperties};
use parquet::schema::types::ColumnPath;
use std::fs::File;
use std::path::{Path, PathBuf};

/// One table's Parquet part files, written batch by batch. A file holds at most
/// `row_groups_per_file` row groups: a writer keeps the metadata of every row group of its
/// file until the file is closed, so one file per table would grow with the corpus.
pub struct TableWriter {
    dir: PathBuf,
    /// `documents/part-00000`: the files are `<prefix>.parquet`, `<prefix>_00001.parquet`, ...
    /// ("_" sorts after ".", so file order is row order).
    prefix: String,
    row_groups_per_file: usize,
    writer: Option<OpenFile>,
    finished: Vec<OutputFile>,
    properties: WriterProperties,
}

struct OpenFile {
    rel_path: String,
    writer: ArrowWriter<File>,
    rows: u64,
    row_groups: usize,
}

impl TableWriter {
    /// A writer for the part files `dir/<prefix>*.parquet`; a file is created with its first
    /// batch.
    pub fn new(
        dir: &Path,
        prefix: &str,
        config_hash: &str,
        row_groups_per_file: usize,
    ) -> TableWriter {
        let table = prefix.split('/').next().unwrap_or_default();
        let properties = schema::distinct_value_columns(table)
            .iter()
            .fold(WriterProperties::builder(), |builder, column| {
                // A dictionary of values that never repeat costs time and memory until the
                // writer gives it up at 1 MiB, in every row group.
                builder.set_column_dictionary_enabled(ColumnPath::from(*column), false)
            })
            .set_compression(Compression::ZSTD(
                ZstdLevel::try_new(3).expect("valid zstd level"),
            ))
            .set_statistics_enabled(EnabledStatistics::Page)
            .set_max_row_group_row_count(Some(1 << 20))
            .set_key_value_metadata(Some(vec![
                KeyValue::new(
                    "corpusmill.version".into(),
                    env!("CARGO_PKG_VERSION").to_string(),
                ),
                KeyValue::new(
                    "corpusmill.schema_version".into(),
                    SCHEMA_VERSION.to_string(),
                ),
                KeyValue::new("corpusmill.config_hash".into(), config_hash.to_string()),
            ]))
            .build();
        TableWriter {
            dir: dir.to_path_buf(),
            prefix: prefix.to_string(),
            row_groups_per_file: row_groups_per_file.max(1),
            writer: None,
            finished: Vec::new(),
            properties,
        }
    }

    /// Append a batch to the row group in progress (an empty batch still creates the file,
    /// so an empty table has one).
    pub fn write(&mut self, batch: &RecordBatch) -> Result<()> {
        if self.writer.is_none() {
            let rel_path = match self.finished.len() {
                0 => format!("{}.parquet", self.prefix),
                n => format!("{}_{n:05}.parquet", self.prefix),
            };
            let path = self.dir.join(&rel_path);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            let file =
                File::create(&path).with_context(|| format!("cannot create {}", path.display()))?;
            self.writer = Some(OpenFile {
                rel_path,
                writer: ArrowWriter::try_new(file, batch.schema(), Some(self.properties.clone()))?,
                rows: 0,
                row_groups: 0,
            });
        }
        let open = self.writer.as_mut().expect("writer was just created");
        if batch.num_rows() > 0 {
            open.writer.write(batch)?;
            open.rows += batch.num_rows() as u64;
        }
        Ok(())
    }

    /// Close the row group in progress (the rows written since the last flush), and the file
    /// when it holds `row_groups_per_file` of them.
    pub fn flush(&mut self) -> Result<()> {
        let Some(open) = self.writer.as_mut() else {
            return Ok(());
        };
        if open.writer.in_progress_rows() == 0 {
            return Ok(());
        }
        open.writer.flush()?;
        open.row_groups += 1;
        if open.row_groups == self.row_groups_per_file {
            let open = self.writer.take().expect("a file is open");
            self.finished.push(self.close(open)?);
        }
        Ok(())
    }

    /// Close the last file and describe every file for the manifest, in row order.
    pub fn finish(mut self) -> Result<Vec<OutputFile>> {
        if let Some(open) = self.writer.take() {
            let last = self.close(open)?;
            self.finished.push(last);
        }
        Ok(self.finished)
    }

    /// Write the footer, sync the file, and describe it.
    fn close(&self, open: OpenFile) -> Result<OutputFile> {
        let file = open.writer.into_inner()?;
        file.sync_all()?;
        drop(file);
        let (bytes, sha256) = hash_file(&self.dir.join(&open.rel_path))?;
        Ok(OutputFile {
            path: open.rel_path,
            rows: open.rows,
            bytes,
            sha256,
        })
    }
}

/// Size and sha256 of a file, streamed.
pub fn hash_file(path: &Path) -> Result<(u64, String)> {
    use sha2::Digest;
    let mut hasher = sha2::Sha256::new();
    let mut file = File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    let bytes = std::io::copy(&mut file, &mut hasher)?;
    Ok((bytes, crate::text::hex(&hasher.finalize())))
}
