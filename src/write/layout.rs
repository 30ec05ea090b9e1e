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
use std::path::Path;
use std::sync::Arc;

/// The column `output.partition_by` can name, and the value meaning no partitions.
pub const PARTITION_COLUMNS: &[&str] = &["none", "lang"];

/// Rewrite the tables in `dir` as `output` asks; returns the files the corpus now has.
pub fn apply_layout(
    dir: &Path,
    mut outputs: Vec<OutputFile>,
    output: &OutputConfig,
    config_hash: &str,
) -> Result<Vec<OutputFile>> {
    // JSON Lines from the flat files, so they keep every column.
    if output.jsonl {
        for table in ["documents", "sentences", "rejects"] {
            outputs.push(super::jsonl::write_jsonl(dir, table)?);
        }
    }
    if output.partition_by != "none" {
        for table in ["documents", "sentences"] {
            let flat = format!("{table}/part-00000.parquet");
            let parts = partition(dir, table, &output.partition_by, config_hash)?;
            if !parts.is_empty() {
                std::fs::remove_file(dir.join(&flat))?;
                outputs.retain(|o| o.path != flat);
                outputs.extend(parts);
            }
        }
    }
    outputs.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(outputs)
}

/// Split `table/part-00000.parquet` into `table/<column>=<value>/part-00000.parquet` files
/// without that column (readers restore it from the folder name). No files for an empty table.
fn partition(dir: &Path, table: &str, column: &str, config_hash: &str) -> Result<Vec<OutputFile>> {
    let source = dir.join(table).join("part-00000.parquet");
    let reader = ParquetRecordBatchReaderBuilder::try_new(
        std::fs::File::open(&source)
            .with_context(|| format!("cannot read {}", source.display()))?,
    )?
    .build()?;
    let mut writers: BTreeMap<String, TableWriter> = BTreeMap::new();
    for batch in reader {
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
                    &format!("{table}/{column}={value}/part-00000.parquet"),
                    config_hash,
                )
            });
            writer.write(&part)?;
        }
    }
    let mut outputs = Vec::new();
    for writer in writers.into_values() {
        outputs.extend(writer.finish()?);
    }
    Ok(outputs)
}
