//! The map side: per documents part, three files written in row order while the build
//! streams its batches, so the reduce never needs the corpus in memory.
//! - `.bands`: per row a flag (1 when the text has words), a hash of the path (the order of
//!   documents within a bucket, the same in every shard layout) and one key per band;
//! - `.minhash`: per row the text hash, published_at, n_chars and the signature, fixed size,
//!   so a candidate pair is verified by reading two records;
//! - `.keys`: per row the doc_id and source_path, length-prefixed, read only front to back.

use super::minhash::{band_keys, text_hash, MinHasher};
use super::DedupConfig;
use anyhow::{Context, Result};
use arrow::array::{Array, AsArray};
use arrow::datatypes::{Int64Type, TimestampMicrosecondType};
use arrow::record_batch::RecordBatch;
use rayon::prelude::*;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use twox_hash::XxHash3_64;

/// `published_at` of a document without one: sorts after every date.
const NO_DATE: i64 = i64::MAX;
/// Bytes before the signature in a `.minhash` record.
pub(super) const MINHASH_HEADER: usize = 24;

/// The sketch files of one documents part.
#[derive(Debug, Clone)]
pub struct SketchPart {
    /// The files without their extension (`<dir>/<part_name>`).
    pub stem: PathBuf,
    pub rows: u64,
}

impl SketchPart {
    pub fn new(dir: &Path, part_name: &str, rows: u64) -> SketchPart {
        SketchPart {
            stem: dir.join(part_name),
            rows,
        }
    }

    pub(super) fn file(&self, extension: &str) -> PathBuf {
        self.stem.with_extension(extension)
    }

    /// All three files, for the callers that move or delete them.
    pub fn files(&self) -> Vec<PathBuf> {
        ["bands", "minhash", "keys"]
            .iter()
            .map(|e| self.file(e))
            .collect()
    }
}

/// Appends the sketch of every documents row, in row order.
pub struct SketchWriter {
    hasher: MinHasher,
    bands: usize,
    rows: usize,
    part: SketchPart,
    band_file: BufWriter<File>,
    minhash_file: BufWriter<File>,
    keys_file: BufWriter<File>,
}

impl SketchWriter {
    pub fn create(dir: &Path, part_name: &str, config: &DedupConfig) -> Result<SketchWriter> {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let part = SketchPart::new(dir, part_name, 0);
        let open = |extension: &str| -> Result<BufWriter<File>> {
            let path = part.file(extension);
            let file =
                File::create(&path).with_context(|| format!("cannot create {}", path.display()))?;
            Ok(BufWriter::with_capacity(1 << 16, file))
        };
        Ok(SketchWriter {
            hasher: MinHasher::new(config.num_perm, config.seed),
            bands: config.bands,
            rows: config.rows,
            band_file: open("bands")?,
            minhash_file: open("minhash")?,
            keys_file: open("keys")?,
            part,
        })
    }

    /// Sketch the rows of a documents batch; signatures are computed on the current rayon
    /// pool and written in row order.
    pub fn add(&mut self, documents: &RecordBatch) -> Result<()> {
        let column = |name: &str| {
            documents
                .column_by_name(name)
                .with_context(|| format!("the documents table has no {name} column"))
        };
        let doc_id = column("doc_id")?.as_string::<i32>();
        let source_path = column("source_path")?.as_string::<i32>();
        let text = column("text")?.as_string::<i32>();
        let n_chars = column("n_chars")?.as_primitive::<Int64Type>();
        let published_at = column("published_at")?.as_primitive::<TimestampMicrosecondType>();
        let signatures: Vec<Option<Vec<u32>>> = (0..documents.num_rows())
            .into_par_iter()
            .map(|row| self.hasher.signature(text.value(row)))
            .collect();
        for (row, signature) in signatures.iter().enumerate() {
            let path = source_path.value(row);
            self.band_file
                .write_all(&u64::from(signature.is_some()).to_le_bytes())?;
            self.band_file
                .write_all(&XxHash3_64::oneshot(path.as_bytes()).to_le_bytes())?;
            let empty = vec![0; self.hasher.num_perm()];
            let signature = signature.as_deref().unwrap_or(&empty);
            for key in band_keys(signature, self.bands, self.rows) {
                self.band_file.write_all(&key.to_le_bytes())?;
            }
            let date = match published_at.is_null(row) {
                true => NO_DATE,
                false => published_at.value(row),
            };
            self.minhash_file
                .write_all(&text_hash(text.value(row)).to_le_bytes())?;
            self.minhash_file.write_all(&date.to_le_bytes())?;
            self.minhash_file
                .write_all(&(n_chars.value(row) as u64).to_le_bytes())?;
            for value in signature {
                self.minhash_file.write_all(&value.to_le_bytes())?;
            }
            for key in [doc_id.value(row), path] {
                self.keys_file
                    .write_all(&(key.len() as u32).to_le_bytes())?;
                self.keys_file.write_all(key.as_bytes())?;
            }
        }
        self.part.rows += documents.num_rows() as u64;
        Ok(())
    }

    pub fn finish(self) -> Result<SketchPart> {
        for mut file in [self.band_file, self.minhash_file, self.keys_file] {
            file.flush()?;
        }
        Ok(self.part)
    }
}
