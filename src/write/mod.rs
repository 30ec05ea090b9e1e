//! Write stage: Arrow record batches, Parquet files (one row group per batch), the manifest,
//! and the atomic swap of the finished corpus into place.

pub mod card;
mod jsonl;
pub mod layout;
mod manifest;
mod output_dir;
mod schema;

pub use layout::apply_layout;
pub use manifest::{Manifest, OutputFile, StageCounters};
pub use output_dir::StagingDir;
pub use schema::{documents_batch, rejects_batch, sentences_batch, table_schemas, SCHEMA_VERSION};

use anyhow::{Context, Result};
use arrow::record_batch::RecordBatch;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::metadata::KeyValue;
use parquet::file::properties::{EnabledStatistics, WriterProperties};
use parquet::schema::types::ColumnPath;
use std::fs::File;
use std::path::{Path, PathBuf};

/// One Parquet file being written, batch by batch.
pub struct TableWriter {
    rel_path: String,
    path: PathBuf,
    writer: Option<ArrowWriter<File>>,
    properties: WriterProperties,
    rows: u64,
}

impl TableWriter {
    /// A writer for `dir/rel_path`; the file is created with the first batch.
    pub fn new(dir: &Path, rel_path: &str, config_hash: &str) -> TableWriter {
        let table = rel_path.split('/').next().unwrap_or_default();
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
            rel_path: rel_path.to_string(),
            path: dir.join(rel_path),
            writer: None,
            properties,
            rows: 0,
        }
    }

    /// Append a batch as its own row group.
    pub fn write(&mut self, batch: &RecordBatch) -> Result<()> {
        if self.writer.is_none() {
            if let Some(parent) = self.path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            let file = File::create(&self.path)
                .with_context(|| format!("cannot create {}", self.path.display()))?;
            self.writer = Some(ArrowWriter::try_new(
                file,
                batch.schema(),
                Some(self.properties.clone()),
            )?);
        }
        let writer = self.writer.as_mut().expect("writer was just created");
        if batch.num_rows() > 0 {
            writer.write(batch)?;
            self.rows += batch.num_rows() as u64;
        }
        Ok(())
    }

    /// Close the row group in progress (the rows written since the last flush).
    pub fn flush(&mut self) -> Result<()> {
        if let Some(writer) = self.writer.as_mut() {
            writer.flush()?;
        }
        Ok(())
    }

    /// Close the file, sync it, and describe it for the manifest.
    pub fn finish(self) -> Result<Option<OutputFile>> {
        let Some(writer) = self.writer else {
            return Ok(None);
        };
        let file = writer.into_inner()?;
        file.sync_all()?;
        drop(file);
        let (bytes, sha256) = hash_file(&self.path)?;
        Ok(Some(OutputFile {
            path: self.rel_path,
            rows: self.rows,
            bytes,
            sha256,
        }))
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
