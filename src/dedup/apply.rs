//! The result applied: every documents part file is rewritten row group by row group with
//! the dup_* columns filled in (the build wrote them null), so the file layout stays as the
//! build made it and only one row group is in memory at a time.

use super::reduce::{Clusters, Membership};
use crate::write::{documents_batch, OutputFile, TableWriter};
use anyhow::{Context, Result};
use arrow::array::{Array, ArrayRef, AsArray, BooleanArray, Float32Builder, StringBuilder};
use arrow::record_batch::RecordBatch;
use parquet::arrow::arrow_reader::{ArrowReaderMetadata, ParquetRecordBatchReaderBuilder};
use std::collections::HashSet;
use std::fs::File;
use std::path::Path;
use std::sync::Arc;

/// The dup_* columns, in schema order.
pub const DUP_COLUMNS: [&str; 4] = ["dup_cluster", "dup_of", "dup_kind", "dup_similarity"];

/// Rewrite the documents part files `files` of `dir` (listed in row order, the order the
/// clusters number rows in) with their dup_* columns; without copies when `drop_copies`.
/// Returns the rewritten files for the manifest.
pub fn apply_clusters(
    dir: &Path,
    files: &[OutputFile],
    clusters: &Clusters,
    config_hash: &str,
    row_groups_per_file: usize,
    drop_copies: bool,
) -> Result<(Vec<OutputFile>, Vec<String>)> {
    let schema = documents_batch(&[]).schema();
    let mut members = clusters.members.iter().peekable();
    let mut row = 0u64;
    let mut dropped = Vec::new();
    let files = rewrite_table(dir, files, config_hash, row_groups_per_file, |batch| {
        let labelled = label(batch, &schema, row, &mut members, clusters)?;
        row += batch.num_rows() as u64;
        match drop_copies {
            false => Ok(labelled),
            true => drop_copy_rows(&labelled, &mut dropped),
        }
    })?;
    Ok((files, dropped))
}

/// `batch` without the rows that are copies; their doc_ids go to `dropped`.
fn drop_copy_rows(batch: &RecordBatch, dropped: &mut Vec<String>) -> Result<RecordBatch> {
    let column = |name: &str| {
        batch
            .column_by_name(name)
            .with_context(|| format!("the documents table has no {name} column"))
    };
    let doc_id = column("doc_id")?.as_string::<i32>();
    let dup_of = column("dup_of")?;
    let keep: BooleanArray = (0..batch.num_rows())
        .map(|i| {
            if dup_of.is_valid(i) {
                dropped.push(doc_id.value(i).to_string());
            }
            Some(dup_of.is_null(i))
        })
        .collect();
    Ok(arrow::compute::filter_record_batch(batch, &keep)?)
}

/// Rewrite the sentences part files `files` of `dir` without the sentences of the documents
/// `dropped` (doc_ids).
pub fn drop_sentences(
    dir: &Path,
    files: &[OutputFile],
    dropped: &HashSet<&str>,
    config_hash: &str,
    row_groups_per_file: usize,
) -> Result<Vec<OutputFile>> {
    rewrite_table(dir, files, config_hash, row_groups_per_file, |batch| {
        let doc_id = batch
            .column_by_name("doc_id")
            .context("the sentences table has no doc_id column")?
            .as_string::<i32>();
        let keep: BooleanArray = (0..batch.num_rows())
            .map(|i| Some(!dropped.contains(doc_id.value(i))))
            .collect();
        Ok(arrow::compute::filter_record_batch(batch, &keep)?)
    })
}

/// Rewrite a table's part files (in row order) row group by row group through `change`,
/// keeping their names and row group boundaries; returns the new files for the manifest.
fn rewrite_table(
    dir: &Path,
    files: &[OutputFile],
    config_hash: &str,
    row_groups_per_file: usize,
    mut change: impl FnMut(&RecordBatch) -> Result<RecordBatch>,
) -> Result<Vec<OutputFile>> {
    let staging = dir.join(".dedup-rewrite");
    if staging.exists() {
        std::fs::remove_dir_all(&staging)?;
    }
    let mut written = Vec::new();
    let mut start = 0;
    while start < files.len() {
        // The files of one writer (`part-00000.parquet`, `part-00000_00001.parquet`, ...).
        let prefix = part_prefix(&files[start].path);
        let end = start
            + files[start..]
                .iter()
                .take_while(|f| part_prefix(&f.path) == prefix)
                .count();
        let mut writer = TableWriter::new(&staging, prefix, config_hash, row_groups_per_file);
        for file in &files[start..end] {
            let path = dir.join(&file.path);
            let source =
                File::open(&path).with_context(|| format!("cannot read {}", path.display()))?;
            let metadata = ArrowReaderMetadata::load(&source, Default::default())?;
            let row_groups = metadata.metadata().num_row_groups();
            if row_groups == 0 {
                // A table of no rows still has its file.
                let schema = metadata.schema().clone();
                writer.write(&RecordBatch::new_empty(schema))?;
            }
            for row_group in 0..row_groups {
                let rows = metadata.metadata().row_group(row_group).num_rows() as usize;
                let reader = ParquetRecordBatchReaderBuilder::new_with_metadata(
                    source.try_clone()?,
                    metadata.clone(),
                )
                .with_row_groups(vec![row_group])
                .with_batch_size(rows.max(1))
                .build()?;
                for batch in reader {
                    writer.write(&change(&batch?)?)?;
                }
                writer.flush()?;
            }
        }
        written.extend(writer.finish()?);
        start = end;
    }
    for file in &written {
        let from = staging.join(&file.path);
        let to = dir.join(&file.path);
        std::fs::rename(&from, &to)
            .with_context(|| format!("cannot move {} to {}", from.display(), to.display()))?;
    }
    // Dropping rows can leave a writer with fewer files than before.
    for file in files {
        if !written.iter().any(|w| w.path == file.path) {
            std::fs::remove_file(dir.join(&file.path))?;
        }
    }
    if staging.exists() {
        std::fs::remove_dir_all(&staging)?;
    }
    Ok(written)
}

/// `documents/part-00000` for `documents/part-00000.parquet` and `..._00001.parquet`.
fn part_prefix(path: &str) -> &str {
    let stem = path.strip_suffix(".parquet").unwrap_or(path);
    match stem.rsplit_once('_') {
        Some((prefix, number))
            if number.len() == 5 && number.bytes().all(|b| b.is_ascii_digit()) =>
        {
            prefix
        }
        _ => stem,
    }
}

/// `batch` (rows from `first_row` on) with its dup_* columns set from the clusters.
fn label<'a>(
    batch: &RecordBatch,
    schema: &arrow::datatypes::SchemaRef,
    first_row: u64,
    members: &mut std::iter::Peekable<impl Iterator<Item = &'a (u64, u32, Membership)>>,
    clusters: &Clusters,
) -> Result<RecordBatch> {
    let (mut cluster, mut of, mut kind) = (
        StringBuilder::new(),
        StringBuilder::new(),
        StringBuilder::new(),
    );
    let mut similarity = Float32Builder::new();
    for row in first_row..first_row + batch.num_rows() as u64 {
        let member = members.next_if(|(member_row, _, _)| *member_row == row);
        let representative = member.map(|(_, c, _)| clusters.representatives[*c as usize].as_str());
        cluster.append_option(representative);
        match member.map(|(_, _, m)| *m) {
            Some(Membership::Copy {
                exact,
                similarity: s,
            }) => {
                of.append_option(representative);
                kind.append_value(if exact { "exact" } else { "near" });
                similarity.append_value(s);
            }
            _ => {
                of.append_null();
                kind.append_null();
                similarity.append_null();
            }
        }
    }
    let replacements: [ArrayRef; 4] = [
        Arc::new(cluster.finish()),
        Arc::new(of.finish()),
        Arc::new(kind.finish()),
        Arc::new(similarity.finish()),
    ];
    let mut columns = batch.columns().to_vec();
    for (name, values) in DUP_COLUMNS.iter().zip(replacements) {
        let index = schema
            .index_of(name)
            .context("the documents schema has no dup_* columns")?;
        columns[index] = values;
    }
    RecordBatch::try_new(schema.clone(), columns)
        .context("a documents part file has another column layout: rebuild")
}
