//! `input.include` / `input.exclude` (`--include` / `--exclude`): glob patterns that select
//! which discovered files are inputs. A pattern with a `/` matches the path relative to the
//! input folder; one without matches the file name in any folder.

use crate::config::InputConfig;
use anyhow::{Context, Result};
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

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
