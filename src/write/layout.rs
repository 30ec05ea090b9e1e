//! Optional output layouts, applied to the finished tables in the staging folder before the
//! manifest: Hive-style `lang=xx/` partitions (`--partition-by lang`) and JSON Lines copies
//! (`--format jsonl`). The tables are streamed row group by row group, so memory stays bounded.

use super::{OutputFile, TableWriter};
use crate::config::OutputConfig;
use anyhow::{Context, Result};
use arrow::array::{AsArray, RecordBatch, UInt32Array};
use arrow::datatypes::Schema;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Rewrite the tables in `dir` as `output` asks; returns the files the corpus now has.
pub fn apply_layout(
    dir: &Path,
    mut outputs: Vec<OutputFile>,
    output: &OutputConfig,
    config_hash: &str,
) -> Result<Vec<OutputFile>> {
    // JSON Lines from the flat files, so they keep every column.
    if output.jsonl {
        for table in super::TABLES {
            let sources = flat_files(dir, &outputs, table);
            if sources.is_empty() {
                continue;
            }
            outputs.push(super::jsonl::write_jsonl(dir, table, &sources)?);
        }
    }
    if output.partition_by != "none" {
        for table in ["documents", "sentences", "filtered"] {
            let sources = flat_files(dir, &outputs, table);
            let parts = partition(dir, table, &sources, output, config_hash)?;
            if !parts.is_empty() {
                for source in &sources {
                    std::fs::remove_file(source)?;
                }
                outputs.retain(|o| !o.path.starts_with(&format!("{table}/")));
                outputs.extend(parts);
            }
        }
    }
    outputs.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(outputs)
}

/// The part files of `table` in `dir`, in row order.
fn flat_files(dir: &Path, outputs: &[OutputFile], table: &str) -> Vec<PathBuf> {
    let prefix = format!("{table}/");
    outputs
        .iter()
        .filter(|o| o.path.starts_with(&prefix) && o.path.ends_with(".parquet"))
        .map(|o| dir.join(&o.path))
        .collect()
}

/// The record batches of `sources`, one file after the other.
pub(super) fn read_batches(sources: &[PathBuf]) -> impl Iterator<Item = Result<RecordBatch>> + '_ {
    sources.iter().flat_map(|source| {
        let reader = std::fs::File::open(source)
            .with_context(|| format!("cannot read {}", source.display()))
            .and_then(|file| Ok(ParquetRecordBatchReaderBuilder::try_new(file)?.build()?));
        let batches: Box<dyn Iterator<Item = Result<RecordBatch>>> = match reader {
            Ok(reader) => Box::new(reader.map(|batch| Ok(batch?))),
            Err(error) => Box::new(std::iter::once(Err(error))),
        };
        batches
    })
}

/// Split the part files of `table` into `table/<column>=<value>/part-00000*.parquet` files
/// without that column (readers restore it from the folder name). No files for an empty table.
fn partition(
    dir: &Path,
    table: &str,
    sources: &[PathBuf],
    output: &OutputConfig,
    config_hash: &str,
) -> Result<Vec<OutputFile>> {
    let column = output.partition_by.as_str();
    let mut writers: BTreeMap<String, TableWriter> = BTreeMap::new();
    for batch in read_batches(sources) {
        let batch = batch?;
        let index = batch
            .schema()
            .index_of(column)
            .with_context(|| format!("{table} has no column {column} to partition by"))?;
        let values = batch.column(index).as_string::<i32>();
        let mut rows: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
        for (row, value) in values.iter().enumerate() {
            rows.entry(value.unwrap_or("__null__"))
                .or_default()
                .push(row as u32);
        }
        let mut fields = batch.schema().fields().to_vec();
        fields.remove(index);
        let schema = Arc::new(Schema::new_with_metadata(
            fields,
            batch.schema().metadata().clone(),
        ));
        for (value, indices) in rows {
            let indices = UInt32Array::from(indices);
            let mut columns = Vec::with_capacity(schema.fields().len());
            for (i, array) in batch.columns().iter().enumerate() {
                if i != index {
                    columns.push(arrow::compute::take(array, &indices, None)?);
                }
            }
            let part = RecordBatch::try_new(schema.clone(), columns)?;
            let writer = writers.entry(value.to_string()).or_insert_with(|| {
                TableWriter::new(
                    dir,
                    &format!("{table}/{column}={value}/part-00000"),
                    config_hash,
                    output.row_groups_per_file,
                )
            });
            writer.write(&part)?;
            // One row group per batch read and value, so memory stays bounded.
            writer.flush()?;
        }
    }
    let mut outputs = Vec::new();
    for writer in writers.into_values() {
        outputs.extend(writer.finish()?);
    }
    Ok(outputs)
}
