//! The repeated-line counts of a sharded build, as a map and a reduce that run before the
//! shards: `prepare --shard K/N` counts the short lines of its own share of the inputs into
//! `prepare/lines-part-K-of-N.bin`, `prepare --reduce` sums the N files into
//! `prepare/lines.bin`, and each `build --shard K/N` then cleans with those corpus-wide counts
//! instead of reading every input of the corpus itself. Counts are saturating sums of
//! disjoint shares, so shards clean exactly as a single build does.

use crate::clean::LineStats;
use crate::config::Config;
use crate::read::select::InputSelection;
use crate::read::{Discovery, InputFile, Inputs};
use crate::shard::Shard;
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};

/// Folder of the output that holds the line counts.
pub const PREPARE_DIR: &str = "prepare";
const MERGED: &str = "lines.bin";

fn share_path(output: &Path, shard: Shard) -> PathBuf {
    output
        .join(PREPARE_DIR)
        .join(format!("lines-part-{}.bin", shard.name()))
}

/// The first line of a counts file: what it was counted with.
fn header(config: &Config, shards: u32) -> String {
    format!("config {} shards {shards}\n", config.hash)
}

/// The selected inputs of `input`, or of one shard's share of them.
pub fn selected_inputs(
    input: &Path,
    output: &Path,
    config: &Config,
    shard: Option<Shard>,
) -> Result<impl Iterator<Item = InputFile>> {
    let selection = InputSelection::new(&config.input)?;
    let files = Discovery::new(input, Some(output)).with_context(|| {
        format!(
            "cannot list the input folder {}: pass --input with a folder of .txt/.md files",
            input.display()
        )
    })?;
    Ok(files.filter(move |f| {
        selection.selects(&f.rel_path) && shard.is_none_or(|s| s.owns(&f.rel_path))
    }))
}

/// The map: count the lines of one shard's inputs; returns the file written.
pub fn count_share(input: &Path, output: &Path, config: &Config, shard: Shard) -> Result<PathBuf> {
    // Shares are whole files (a file of records is counted by one task): any partition of the
    // inputs sums to the same counts.
    let files = selected_inputs(input, output, config, Some(shard))?;
    let stats = LineStats::count(
        Inputs::new(files, &config.input),
        &config.input,
        &config.clean,
    );
    let mut bytes = header(config, shard.count).into_bytes();
    bytes.extend(stats.to_counts_bytes());
    let path = share_path(output, shard);
    write_atomically(&path, &bytes)?;
    Ok(path)
}

/// The reduce: sum the counts of all `shards` shares into the file the shards read.
pub fn merge(output: &Path, config: &Config, shards: u32) -> Result<PathBuf> {
    let total = LineStats::empty(&config.clean);
    let expected = header(config, shards);
    for index in 0..shards {
        let path = share_path(output, Shard::new(index, shards)?);
        let bytes = std::fs::read(&path).with_context(|| {
            format!(
                "cannot read {}: run `corpusmill prepare --shard {index}/{shards}` with this config first",
                path.display()
            )
        })?;
        let Some(counts) = bytes.strip_prefix(expected.as_bytes()) else {
            bail!(
                "{} was counted with another config or number of shards: rerun `corpusmill prepare --shard {index}/{shards}`",
                path.display()
            );
        };
        total
            .add_counts_bytes(counts)
            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    }
    let mut bytes = expected.into_bytes();
    bytes.extend(total.to_counts_bytes());
    let path = output.join(PREPARE_DIR).join(MERGED);
    write_atomically(&path, &bytes)?;
    Ok(path)
}

/// The summed counts for a shard of `shards`, if `prepare --reduce` wrote them with this
/// config and number of shards.
pub fn prepared(output: &Path, config: &Config, shards: u32) -> Result<Option<LineStats>> {
    let path = output.join(PREPARE_DIR).join(MERGED);
    let Ok(bytes) = std::fs::read(&path) else {
        return Ok(None);
    };
    let Some(counts) = bytes.strip_prefix(header(config, shards).as_bytes()) else {
        tracing::warn!(
            "{} is for another config or number of shards: counting the lines of every input instead (rerun prepare)",
            path.display()
        );
        return Ok(None);
    };
    let stats = LineStats::empty(&config.clean);
    stats
        .add_counts_bytes(counts)
        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    Ok(Some(stats))
}

fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    let tmp = path.with_extension("bin.tmp");
    std::fs::write(&tmp, bytes).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))
}
