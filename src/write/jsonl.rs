//! `--format jsonl` (`output.jsonl = true`): the tables also as JSON Lines, one object per row
//! with every column (nulls written as null), for tools that do not read Parquet.

use super::OutputFile;
use anyhow::{Context, Result};
use arrow::array::RecordBatch;
use arrow::datatypes::{DataType, Field, Schema};
use arrow::json::writer::{LineDelimited, WriterBuilder};
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Write `jsonl/<table>.jsonl` in `dir` from the table's part files `sources`, in order.
pub fn write_jsonl(dir: &Path, table: &str, sources: &[PathBuf]) -> Result<OutputFile> {
    let rel_path = format!("jsonl/{table}.jsonl");
    let path = dir.join(&rel_path);
    std::fs::create_dir_all(dir.join("jsonl"))?;
    let reader = super::layout::read_batches(sources);
    let file = std::fs::File::create(&path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    let mut writer = WriterBuilder::new()
        .with_explicit_nulls(true)
        .build::<_, LineDelimited>(BufWriter::new(file));
    let mut rows = 0;
    for batch in reader {
        let batch = batch?;
        rows += batch.num_rows() as u64;
        writer.write(&utc_as_offset(&batch)?)?;
    }
    writer.finish()?;
    let file = writer.into_inner().into_inner()?;
    file.sync_all()?;
    let (bytes, sha256) = super::hash_file(&path)?;
    Ok(OutputFile {
        path: rel_path,
        rows,
        bytes,
        sha256,
    })
}

/// Timestamps in zone `UTC` relabelled `+00:00`: the same instants, which the JSON writer can
/// format without a time-zone database.
fn utc_as_offset(batch: &RecordBatch) -> Result<RecordBatch> {
    let mut fields = Vec::with_capacity(batch.num_columns());
    let mut columns = Vec::with_capacity(batch.num_columns());
    for (field, column) in batch.schema().fields().iter().zip(batch.columns()) {
        match field.data_type() {
            DataType::Timestamp(unit, Some(zone)) if zone.as_ref() == "UTC" => {
                let data_type = DataType::Timestamp(*unit, Some("+00:00".into()));
                columns.push(arrow::compute::cast(column, &data_type)?);
                fields.push(Field::new(field.name(), data_type, field.is_nullable()));
            }
            _ => {
                columns.push(column.clone());
                fields.push(field.as_ref().clone());
            }
        }
    }
    Ok(RecordBatch::try_new(
        Arc::new(Schema::new(fields)),
        columns,
    )?)
}
