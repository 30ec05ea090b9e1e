//! `input.include` / `input.exclude` (`--include` / `--exclude`): glob patterns that select
//! which discovered files are inputs. A pattern with a `/` matches the path relative to the
//! input folder; one without matches the file name in any folder. A [`Shard`] selects the
//! share of the inputs one task of a job array builds.

use crate::config::InputConfig;
use anyhow::{bail, Context, Result};
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde::{Deserialize, Serialize};

pub struct InputSelection {
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
}

impl InputSelection {
    pub fn new(config: &InputConfig) -> Result<InputSelection> {
        Ok(InputSelection {
            include: glob_set(&config.include, "input.include / --include")?,
            exclude: glob_set(&config.exclude, "input.exclude / --exclude")?,
        })
    }

    /// Whether a file, by its `/`-separated path relative to the input folder, is an input.
    pub fn selects(&self, rel_path: &str) -> bool {
        self.include
            .as_ref()
            .is_none_or(|set| set.is_match(rel_path))
            && !self
                .exclude
                .as_ref()
                .is_some_and(|set| set.is_match(rel_path))
    }
}

fn glob_set(patterns: &[String], key: &str) -> Result<Option<GlobSet>> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut set = GlobSetBuilder::new();
    for pattern in patterns {
        // Without a folder part, a pattern names files in any folder (like .gitignore).
        let full = if pattern.contains('/') {
            pattern.clone()
        } else {
            format!("**/{pattern}")
        };
        let glob = GlobBuilder::new(&full)
            .literal_separator(true)
            .build()
            .with_context(|| {
                format!("{key}: invalid glob {pattern:?}; use *, ?, [abc], {{a,b}} and ** for any folders")
            })?;
        set.add(glob);
    }
    Ok(Some(
        set.build()
            .with_context(|| format!("{key}: invalid globs"))?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn selection(include: &[&str], exclude: &[&str]) -> InputSelection {
        let config = InputConfig {
            include: include.iter().map(|s| s.to_string()).collect(),
            exclude: exclude.iter().map(|s| s.to_string()).collect(),
            ..InputConfig::default()
        };
        InputSelection::new(&config).unwrap()
    }

    #[test]
    fn patterns_without_a_folder_match_file_names_anywhere() {
        let s = selection(&["*.md"], &[]);
        assert!(s.selects("a.md") && s.selects("2024/05/a.md"));
        assert!(!s.selects("a.txt") && !s.selects("notes.md/a.txt"));
    }

    #[test]
    fn patterns_with_a_folder_match_the_relative_path() {
        let s = selection(&[], &["drafts/**", "*/tmp_*"]);
        assert!(!s.selects("drafts/a.txt") && !s.selects("drafts/x/b.md"));
        assert!(!s.selects("x/tmp_1.txt"));
        assert!(s.selects("x/y/tmp_1.txt") && s.selects("a.txt"));
    }

    #[test]
    fn exclude_wins_over_include() {
        let s = selection(&["*.txt"], &["secret*"]);
        assert!(s.selects("a.txt") && !s.selects("secret.txt"));
    }

    #[test]
    fn a_bad_glob_names_the_option() {
        let config = InputConfig {
            include: vec!["a[".into()],
            ..InputConfig::default()
        };
        let error = InputSelection::new(&config).err().unwrap();
        assert!(format!("{error:#}").contains("--include"));
    }
}

/// Shard `index` of `count` (0-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    pub index: u32,
    pub count: u32,
}

impl Shard {
    pub fn new(index: u32, count: u32) -> Result<Shard> {
        if count == 0 || index >= count {
            bail!("shard {index}/{count} does not exist: K must be in 0..N (0-based) and N > 0");
        }
        Ok(Shard { index, count })
    }

    /// `K/N`, as given to `--shard`.
    pub fn parse(spec: &str) -> Result<Shard> {
        let parse = |part: Option<&str>| part.and_then(|p| p.trim().parse::<u32>().ok());
        let mut parts = spec.split('/');
        match (parse(parts.next()), parse(parts.next()), parts.next()) {
            (Some(index), Some(count), None) => Shard::new(index, count),
            _ => bail!("--shard {spec:?}: expected K/N, e.g. --shard 0/4 (0-based)"),
        }
    }

    /// The shard of this task from the scheduler's environment: a Slurm job array
    /// (`SLURM_ARRAY_TASK_ID`, `SLURM_ARRAY_TASK_COUNT`) or a Kubernetes Indexed Job
    /// (`JOB_COMPLETION_INDEX`, with the count from `count` or `CORPUSMILL_SHARD_COUNT`).
    pub fn from_env(
        var: impl Fn(&str) -> Option<String>,
        count: Option<u32>,
    ) -> Result<Option<Shard>> {
        let number = |name: &str| -> Result<Option<u32>> {
            var(name)
                .map(|v| {
                    v.trim().parse::<u32>().with_context(|| {
                        format!("environment variable {name}={v:?} is not a number")
                    })
                })
                .transpose()
        };
        if let Some(id) = number("SLURM_ARRAY_TASK_ID")? {
            let count = match count {
                Some(count) => count,
                None => number("SLURM_ARRAY_TASK_COUNT")?
                    .context("SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not: pass --shard-count N")?,
            };
            // Arrays may start at 1 (--array=1-4); shards are 0-based.
            let first = number("SLURM_ARRAY_TASK_MIN")?.unwrap_or(0);
            let index = id.checked_sub(first).filter(|i| *i < count).with_context(|| {
                format!("Slurm array task {id} (first {first}) is not one of {count} shards: submit a contiguous array, e.g. --array=0-{}", count.saturating_sub(1))
            })?;
            return Shard::new(index, count).map(Some);
        }
        if let Some(index) = number("JOB_COMPLETION_INDEX")? {
            let count = match count {
                Some(count) => count,
                None => number("CORPUSMILL_SHARD_COUNT")?.context(
                    "JOB_COMPLETION_INDEX is set: pass --shard-count N or set CORPUSMILL_SHARD_COUNT to the Job's completions",
                )?,
            };
            return Shard::new(index, count).map(Some);
        }
        Ok(None)
    }

    /// Whether this shard processes the input at `rel_path`. A hash of the path alone, so
    /// adding or removing files never moves the others to another shard.
    pub fn owns(&self, rel_path: &str) -> bool {
        use sha2::Digest;
        let digest = sha2::Sha256::digest(rel_path.as_bytes());
        let key = u64::from_be_bytes(digest[..8].try_into().expect("8 bytes"));
        key % u64::from(self.count) == u64::from(self.index)
    }

    /// `00002-of-00007`: names the part files and the marker, sorting in shard order.
    pub fn name(&self) -> String {
        format!("{:05}-of-{:05}", self.index, self.count)
    }
}
