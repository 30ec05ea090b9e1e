//! Sharding: each task of a job array builds a stable, disjoint share of the inputs into its
//! own part files, swaps them in one by one and writes a completion marker last; `finalize`
//! checks every marker and writes the combined manifest.

use crate::dedup::{ReduceSettings, SketchPart};
pub use crate::read::select::Shard;
use crate::read::InputFile;
use crate::write::{hash_file, Manifest, OutputFile};
use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Folder of the output that holds one completion marker (shard manifest) per shard.
pub const SHARDS_DIR: &str = "shards";
/// Folder of the output that holds each shard's dedup sketch until `finalize` reduces them.
pub const SKETCHES_DIR: &str = "dedup";

/// Where `shard`'s completion marker lives in `output`.
fn marker_path(output: &Path, shard: Shard) -> PathBuf {
    output
        .join(SHARDS_DIR)
        .join(format!("part-{}.json", shard.name()))
}

/// A completion marker: the shard's own manifest, and what it was built from.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ShardManifest {
    pub shard: Shard,
    /// sha256 over the relative path, size and modification time of every input of the shard.
    pub inputs_fingerprint: String,
    pub manifest: Manifest,
    /// The shard's dedup sketch in `dedup/`, for `finalize`; absent when dedup is off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dedup: Option<ShardSketch>,
}

/// A shard's dedup sketch: its documents rows, and how `finalize` reduces them.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ShardSketch {
    pub rows: u64,
    pub settings: ReduceSettings,
}

/// Fingerprint of a shard's inputs from file metadata (not contents), so the skip check
/// costs one `stat` per file. An entry that cannot be stat'ed (a broken link) is a reject
/// whatever it holds: its path alone stands for it.
pub fn inputs_fingerprint(inputs: impl Iterator<Item = InputFile>) -> String {
    use sha2::Digest;
    let mut hasher = sha2::Sha256::new();
    for file in inputs {
        let (len, modified) = std::fs::metadata(&file.path).map_or((0, 0), |meta| {
            let modified = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            (meta.len(), modified)
        });
        hasher.update(format!("{}\0{len}\0{modified}\n", file.rel_path).as_bytes());
    }
    crate::text::hex(&hasher.finalize())
}

/// The completion marker of `shard` in `output`, if the shard already finished with the
/// same corpusmill version, config and inputs.
pub fn completed(
    output: &Path,
    shard: Shard,
    config_hash: &str,
    fingerprint: &str,
) -> Option<ShardManifest> {
    let text = std::fs::read_to_string(marker_path(output, shard)).ok()?;
    let marker: ShardManifest = serde_json::from_str(&text).ok()?;
    let same = marker.shard == shard
        && marker.inputs_fingerprint == fingerprint
        && marker.manifest.config_hash == config_hash
        && marker.manifest.corpusmill_version == env!("CARGO_PKG_VERSION")
        && marker.manifest.schema_version == crate::write::SCHEMA_VERSION;
    same.then_some(marker)
}

/// Where one shard writes before its files join the shared output folder.
pub struct ShardStaging {
    pub path: PathBuf,
    output: PathBuf,
    shard: Shard,
}

impl ShardStaging {
    /// Drop this shard's marker (the output is unfinished until it is back) and the
    /// combined manifest, then create the shard's own staging folder inside the output.
    pub fn create(output: &Path, shard: Shard) -> Result<ShardStaging> {
        std::fs::create_dir_all(output.join(SHARDS_DIR))
            .with_context(|| format!("cannot create {}", output.display()))?;
        remove_if_exists(&marker_path(output, shard))?;
        remove_if_exists(&output.join("manifest.json"))?;
        let path = output.join(format!(".staging-{}", shard.name()));
        if path.exists() {
            std::fs::remove_dir_all(&path)
                .with_context(|| format!("cannot remove stale {}", path.display()))?;
        }
        std::fs::create_dir_all(&path)
            .with_context(|| format!("cannot create {}", path.display()))?;
        Ok(ShardStaging {
            path,
            output: output.to_path_buf(),
            shard,
        })
    }

    /// Rename each finished part file (and the dedup sketch) over its place in the output
    /// (atomic per file, and only this shard's names), then write the completion marker.
    pub fn commit(
        self,
        manifest: Manifest,
        inputs_fingerprint: String,
        sketch: Option<(SketchPart, ReduceSettings)>,
    ) -> Result<()> {
        self.remove_stale_parts(&manifest)?;
        for file in &manifest.outputs {
            let from = self.path.join(&file.path);
            let to = self.output.join(&file.path);
            if let Some(parent) = to.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::rename(&from, &to)
                .with_context(|| format!("cannot move {} to {}", from.display(), to.display()))?;
        }
        let dedup = match sketch {
            Some((part, settings)) => {
                let into = self.output.join(SKETCHES_DIR);
                std::fs::create_dir_all(&into)
                    .with_context(|| format!("cannot create {}", into.display()))?;
                for from in part.files() {
                    let to = into.join(from.file_name().expect("sketch files have names"));
                    std::fs::rename(&from, &to).with_context(|| {
                        format!("cannot move {} to {}", from.display(), to.display())
                    })?;
                }
                Some(ShardSketch {
                    rows: part.rows,
                    settings,
                })
            }
            None => None,
        };
        std::fs::remove_dir_all(&self.path)?;
        let marker = ShardManifest {
            shard: self.shard,
            inputs_fingerprint,
            manifest,
            dedup,
        };
        let json = serde_json::to_string_pretty(&marker).expect("shard manifest serializes");
        write_atomically(&marker_path(&self.output, self.shard), &json)
    }

    /// Remove the part files an earlier run of this shard left that this run does not write
    /// (it may have split a table into more files), so finalize finds only this run's.
    fn remove_stale_parts(&self, manifest: &Manifest) -> Result<()> {
        let name = format!("part-{}", self.shard.name());
        for table in crate::write::TABLES {
            let Ok(entries) = std::fs::read_dir(self.output.join(table)) else {
                continue;
            };
            for entry in entries {
                let entry = entry?;
                let file_name = entry.file_name().to_string_lossy().into_owned();
                let ours = file_name
                    .strip_prefix(&name)
                    .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('_'));
                let rel = format!("{table}/{file_name}");
                if ours && !manifest.outputs.iter().any(|f| f.path == rel) {
                    remove_if_exists(&entry.path())?;
                }
            }
        }
        Ok(())
    }
}

fn remove_if_exists(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(e).with_context(|| format!("cannot remove {}", path.display()))
        }
        _ => Ok(()),
    }
}

/// Write a small file under a temporary name, sync, and rename it into place.
fn write_atomically(path: &Path, text: &str) -> Result<()> {
    let tmp = path.with_extension("json.tmp");
    std::fs::write(&tmp, text).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::File::open(&tmp)?.sync_all()?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))
}

/// Check that every shard of the output completed and write the combined `manifest.json`.
pub fn finalize(output: &Path) -> Result<Manifest> {
    let dir = output.join(SHARDS_DIR);
    let mut markers = Vec::new();
    let entries = std::fs::read_dir(&dir).with_context(|| {
        format!(
            "{} has no shard markers: run `corpusmill build --shard K/N --output {}` for every shard first",
            dir.display(),
            output.display()
        )
    })?;
    for entry in entries {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            let marker: ShardManifest = serde_json::from_str(&text).with_context(|| {
                format!(
                    "{} is not a shard manifest: delete it and rerun that shard",
                    path.display()
                )
            })?;
            markers.push(marker);
        }
    }
    markers.sort_by_key(|m| m.shard.index);
    let Some(first) = markers.first() else {
        bail!(
            "no shard has completed in {}: run the shards first",
            output.display()
        );
    };
    let (count, config_hash) = (first.shard.count, first.manifest.config_hash.clone());
    for marker in &markers {
        if marker.shard.count != count || marker.manifest.config_hash != config_hash {
            bail!(
                "{} mixes builds: shard {}/{} (config {}) and shard {}/{} (config {}); delete the output and rebuild every shard with one config and one N",
                output.display(), first.shard.index, count, config_hash,
                marker.shard.index, marker.shard.count, marker.manifest.config_hash
            );
        }
    }
    let missing: Vec<String> = (0..count)
        .filter(|k| !markers.iter().any(|m| m.shard.index == *k))
        .map(|k| k.to_string())
        .collect();
    if !missing.is_empty() {
        bail!(
            "shards {} of {count} have not completed in {}: resubmit them (completed shards are skipped)",
            missing.join(", "),
            output.display()
        );
    }
    let mut listed = std::collections::BTreeSet::new();
    for file in markers.iter().flat_map(|m| &m.manifest.outputs) {
        check_output_file(output, file)?;
        listed.insert(file.path.clone());
    }
    check_no_foreign_parts(output, &listed)?;
    let mut manifest = Manifest::combine(markers.iter().map(|m| m.manifest.clone()).collect())?;
    if let Some(settings) = reduce_settings(output, &markers)? {
        let parts: Vec<SketchPart> = markers
            .iter()
            .map(|m| {
                let rows = m.dedup.as_ref().map_or(0, |d| d.rows);
                SketchPart::new(
                    &output.join(SKETCHES_DIR),
                    &format!("part-{}", m.shard.name()),
                    rows,
                )
            })
            .collect();
        crate::dedup::label_duplicates(output, &mut manifest, &parts, &settings)?;
        // The markers list the rewritten files, so a second finalize checks them.
        for marker in &mut markers {
            let ours = format!("part-{}", marker.shard.name());
            let mine = |path: &str| {
                path.split('/')
                    .nth(1)
                    .is_some_and(|name| name.starts_with(&ours))
            };
            marker.manifest.outputs = manifest
                .outputs
                .iter()
                .filter(|f| mine(&f.path))
                .cloned()
                .collect();
            let json = serde_json::to_string_pretty(&marker).expect("shard manifest serializes");
            write_atomically(&marker_path(output, marker.shard), &json)?;
        }
        if settings.dedup.keep == crate::config::Keep::Representatives {
            // The copies are gone from the part files: the sketches no longer describe them.
            for part in &parts {
                for file in part.files() {
                    remove_if_exists(&file)?;
                }
            }
        }
    }
    write_atomically(&output.join("manifest.json"), &manifest.to_json())?;
    Ok(manifest)
}

/// The dedup settings every shard recorded, `None` when dedup is off; an error when shards
/// disagree or a sketch is missing.
fn reduce_settings(output: &Path, markers: &[ShardManifest]) -> Result<Option<ReduceSettings>> {
    let Some(first) = markers.first() else {
        return Ok(None);
    };
    let settings = first.dedup.as_ref().map(|d| d.settings.clone());
    for marker in markers {
        if marker.dedup.as_ref().map(|d| &d.settings) != settings.as_ref() {
            bail!(
                "shard {} of {} was built with other dedup settings: rebuild it with --force",
                marker.shard.index,
                marker.shard.count
            );
        }
        let part = SketchPart::new(
            &output.join(SKETCHES_DIR),
            &format!("part-{}", marker.shard.name()),
            0,
        );
        if settings.is_some() && part.files().iter().any(|f| !f.is_file()) {
            bail!(
                "{} lacks the dedup sketch of shard {} (already finalized with dedup.keep = \"representatives\"?): rerun that shard with --force, then finalize",
                output.display(), marker.shard.index
            );
        }
    }
    Ok(settings)
}

fn check_output_file(output: &Path, file: &OutputFile) -> Result<()> {
    let path = output.join(&file.path);
    let (bytes, sha256) = hash_file(&path).with_context(|| {
        format!(
            "{} is listed by a shard marker but unreadable: rerun its shard with --force",
            path.display()
        )
    })?;
    if bytes != file.bytes || sha256 != file.sha256 {
        bail!(
            "{} changed after its shard completed: rerun that shard with --force",
            path.display()
        );
    }
    Ok(())
}

/// Parquet files no marker lists (another N, or a single-process build) would be read with
/// the corpus by `read_parquet("out/documents")`; refuse to finalize over them.
fn check_no_foreign_parts(
    output: &Path,
    listed: &std::collections::BTreeSet<String>,
) -> Result<()> {
    for table in crate::write::TABLES {
        let Ok(entries) = std::fs::read_dir(output.join(table)) else {
            continue;
        };
        for entry in entries {
            let name = entry?.file_name().to_string_lossy().into_owned();
            let rel = format!("{table}/{name}");
            if name.ends_with(".parquet") && !listed.contains(&rel) {
                bail!(
                    "{} belongs to no completed shard (left by another build?): delete it, then finalize again",
                    output.join(rel).display()
                );
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn parses_k_of_n() {
        assert_eq!(Shard::parse("2/7").unwrap(), Shard { index: 2, count: 7 });
        assert!(Shard::parse("7/7").is_err());
        assert!(Shard::parse("1").is_err());
        assert!(Shard::parse("a/3").is_err());
    }

    #[test]
    fn every_path_belongs_to_exactly_one_shard() {
        for count in [1, 2, 3, 7] {
            for i in 0..200 {
                let path = format!("{:04}/{i:07}.txt", i / 50);
                let owners = (0..count)
                    .filter(|k| Shard::new(*k, count).unwrap().owns(&path))
                    .count();
                assert_eq!(owners, 1, "{path} with {count} shards");
            }
        }
    }

    #[test]
    fn detects_slurm_arrays_and_kubernetes_indexed_jobs() {
        let slurm = env(&[
            ("SLURM_ARRAY_TASK_ID", "3"),
            ("SLURM_ARRAY_TASK_COUNT", "4"),
        ]);
        assert_eq!(
            Shard::from_env(slurm, None).unwrap(),
            Some(Shard { index: 3, count: 4 })
        );
        let one_based = env(&[
            ("SLURM_ARRAY_TASK_ID", "4"),
            ("SLURM_ARRAY_TASK_COUNT", "4"),
            ("SLURM_ARRAY_TASK_MIN", "1"),
        ]);
        assert_eq!(
            Shard::from_env(one_based, None).unwrap(),
            Some(Shard { index: 3, count: 4 })
        );
        let k8s = env(&[
            ("JOB_COMPLETION_INDEX", "1"),
            ("CORPUSMILL_SHARD_COUNT", "5"),
        ]);
        assert_eq!(
            Shard::from_env(k8s, None).unwrap(),
            Some(Shard { index: 1, count: 5 })
        );
        let k8s_flag = env(&[("JOB_COMPLETION_INDEX", "1")]);
        assert_eq!(
            Shard::from_env(&k8s_flag, Some(2)).unwrap(),
            Some(Shard { index: 1, count: 2 })
        );
        assert!(Shard::from_env(&k8s_flag, None).is_err());
        assert_eq!(Shard::from_env(env(&[]), None).unwrap(), None);
    }
}
