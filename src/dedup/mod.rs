//! Near-duplicate detection (syndicated copies): MinHash signatures of the cleaned text's
//! word 5-grams, written to disk beside the part files while the build streams its batches
//! (`sketch`), clustered band by band with LSH (`reduce`), and the result patched into the
//! documents part files (`apply`). Nothing is held per document in memory but the union-find
//! parents; copies are kept and labelled unless `dedup.keep = "representatives"`.

mod apply;
mod minhash;
mod reduce;
mod sketch;

pub use apply::{apply_clusters, drop_sentences, DUP_COLUMNS};
pub use minhash::{band_keys, estimated_jaccard, MinHasher, SHINGLE_WORDS};
pub use reduce::{find_clusters, Clusters};
pub use sketch::{SketchPart, SketchWriter};

use crate::config::{Config, DedupConfig, Keep};
use crate::write::{Manifest, OutputFile};
use anyhow::Result;
use serde::{Deserialize, Serialize};
use std::path::Path;

impl DedupConfig {
    /// The chance that a pair of Jaccard similarity `s` shares at least one band, so it is
    /// compared at all: 1 - (1 - s^rows)^bands.
    pub fn candidate_probability(&self, similarity: f64) -> f64 {
        1.0 - (1.0 - similarity.powi(self.rows as i32)).powi(self.bands as i32)
    }
}

/// What the reduce needs of a build's config; a shard records it in its completion marker,
/// so `finalize` needs no config.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReduceSettings {
    pub dedup: DedupConfig,
    pub config_hash: String,
    pub row_groups_per_file: usize,
}

impl ReduceSettings {
    /// `None` when dedup.enabled is false.
    pub fn of(config: &Config) -> Option<ReduceSettings> {
        config.dedup.enabled.then(|| ReduceSettings {
            dedup: config.dedup.clone(),
            config_hash: config.hash.clone(),
            row_groups_per_file: config.output.row_groups_per_file,
        })
    }
}

/// Find the clusters of the documents sketched in `parts` (in the order of their part files)
/// and write them into the documents part files of `dir` that `manifest` lists; keeping only
/// representatives, drop the copies and their sentences. The manifest gets the rewritten
/// files and the dedup summary.
pub fn label_duplicates(
    dir: &Path,
    manifest: &mut Manifest,
    parts: &[SketchPart],
    settings: &ReduceSettings,
) -> Result<()> {
    let clusters = find_clusters(parts, &settings.dedup)?;
    let drop_copies = settings.dedup.keep == Keep::Representatives;
    let (per_file, hash) = (settings.row_groups_per_file, &settings.config_hash);
    let documents = table_files(manifest, "documents");
    let (documents, dropped) =
        apply_clusters(dir, &documents, &clusters, hash, per_file, drop_copies)?;
    replace_table_files(manifest, "documents", documents);
    let mut summary = clusters.summary;
    if !dropped.is_empty() {
        let ids: std::collections::HashSet<&str> = dropped.iter().map(String::as_str).collect();
        let sentence_rows = |files: &[OutputFile]| files.iter().map(|f| f.rows).sum::<u64>();
        let sentences = table_files(manifest, "sentences");
        let kept = drop_sentences(dir, &sentences, &ids, hash, per_file)?;
        manifest.counts.sentences -= sentence_rows(&sentences) - sentence_rows(&kept);
        replace_table_files(manifest, "sentences", kept);
        manifest.counts.documents -= dropped.len() as u64;
        summary.dropped = dropped.len() as u64;
    }
    manifest.dedup = Some(summary);
    Ok(())
}

fn in_table(file: &OutputFile, table: &str) -> bool {
    file.path.split('/').next() == Some(table)
}

fn table_files(manifest: &Manifest, table: &str) -> Vec<OutputFile> {
    let files = manifest.outputs.iter().filter(|f| in_table(f, table));
    files.cloned().collect()
}

/// Put `files` where the manifest listed the table's files, keeping the order of the rest.
fn replace_table_files(manifest: &mut Manifest, table: &str, files: Vec<OutputFile>) {
    let at = manifest.outputs.iter().position(|f| in_table(f, table));
    manifest.outputs.retain(|f| !in_table(f, table));
    let at = at.unwrap_or(manifest.outputs.len());
    manifest.outputs.splice(at..at, files);
}
