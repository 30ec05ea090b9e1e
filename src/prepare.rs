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
use twox_hash::XxHash3_64;

/// Folder of the output that holds the line counts.
pub const PREPARE_DIR: &str = "prepare";
const MERGED: &str = "lines.bin";

fn share_path(output: &Path, shard: Shard) -> PathBuf {
    output
        .join(PREPARE_DIR)
        .join(format!("lines-part-{}.bin", shard.name()))
}

/// The first line of a counts file: what it was counted with, up to the inputs' fingerprint.
fn header_prefix(config: &Config, shards: u32) -> String {
    format!("config {} shards {shards} inputs ", config.hash)
}

/// The first line of a counts file: what it was counted with and from which inputs.
fn header(config: &Config, shards: u32, inputs: u64) -> String {
    format!("{}{inputs:016x}\n", header_prefix(config, shards))
}

/// The inputs' fingerprint in a counts file: `None` when the file was counted with another
/// config or number of shards.
fn counted_inputs<'b>(bytes: &'b [u8], config: &Config, shards: u32) -> Option<(u64, &'b [u8])> {
    let rest = bytes.strip_prefix(header_prefix(config, shards).as_bytes())?;
    let (hex, counts) = rest.split_at_checked(16)?;
    let counts = counts.strip_prefix(b"\n")?;
    let inputs = u64::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?;
    Some((inputs, counts))
}

/// What the counts depend on in one input file: its path, size and modification time. Summed
/// over files, so shares add up to the corpus's in any order.
pub fn input_print(file: &InputFile) -> u64 {
    let (size, modified) = std::fs::metadata(&file.path)
        .map(|m| {
            let modified = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos() as u64);
            (m.len(), modified)
        })
        .unwrap_or_default();
    let mut key = file.rel_path.as_bytes().to_vec();
    key.extend(size.to_le_bytes());
    key.extend(modified.to_le_bytes());
    XxHash3_64::oneshot(&key)
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
    let files: Vec<InputFile> = selected_inputs(input, output, config, Some(shard))?.collect();
    let inputs = files.iter().map(input_print).fold(0, u64::wrapping_add);
    let stats = LineStats::count(
        Inputs::new(files.into_iter(), &config.input),
        &config.input,
        &config.clean,
    );
    let mut bytes = header(config, shard.count, inputs).into_bytes();
    bytes.extend(stats.to_counts_bytes());
    let path = share_path(output, shard);
    write_atomically(&path, &bytes)?;
    Ok(path)
}

/// The reduce: sum the counts of all `shards` shares into the file the shards read.
pub fn merge(output: &Path, config: &Config, shards: u32) -> Result<PathBuf> {
    let total = LineStats::empty(&config.clean);
    let mut inputs = 0u64;
    for index in 0..shards {
        let path = share_path(output, Shard::new(index, shards)?);
        let bytes = std::fs::read(&path).with_context(|| {
            format!(
                "cannot read {}: run `corpusmill prepare --shard {index}/{shards}` with this config first",
                path.display()
            )
        })?;
        let Some((share_inputs, counts)) = counted_inputs(&bytes, config, shards) else {
            bail!(
                "{} was counted with another config or number of shards: rerun `corpusmill prepare --shard {index}/{shards}`",
                path.display()
            );
        };
        inputs = inputs.wrapping_add(share_inputs);
        total
            .add_counts_bytes(counts)
            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    }
    let mut bytes = header(config, shards, inputs).into_bytes();
    bytes.extend(total.to_counts_bytes());
    let path = output.join(PREPARE_DIR).join(MERGED);
    write_atomically(&path, &bytes)?;
    Ok(path)
}

/// The summed counts for a shard of `shards`, if `prepare --reduce` wrote them with this
/// config and number of shards from inputs whose fingerprint is `inputs` (the same paths,
/// sizes and modification times).
pub fn prepared(
    output: &Path,
    config: &Config,
    shards: u32,
    inputs: u64,
) -> Result<Option<LineStats>> {
    let path = output.join(PREPARE_DIR).join(MERGED);
    let Ok(bytes) = std::fs::read(&path) else {
        return Ok(None);
    };
    let Some((counted, counts)) = counted_inputs(&bytes, config, shards) else {
        tracing::warn!(
            "{} is for another config or number of shards: counting the lines of every input instead (rerun prepare)",
            path.display()
        );
        return Ok(None);
    };
    if counted != inputs {
        tracing::warn!(
            "the inputs changed since {} was counted (files added, removed or modified): counting the lines of every input instead (rerun prepare)",
            path.display()
        );
        return Ok(None);
    }
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
