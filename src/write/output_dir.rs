//! Atomic output: a build writes into a staging folder beside the output folder and swaps it
//! into place only when everything, the manifest last, is written and synced.

use anyhow::{Context, Result};
use std::path::{Path, PathBuf};

const STAGING_SUFFIX: &str = ".corpusmill-staging";
const PREVIOUS_SUFFIX: &str = ".corpusmill-previous";

/// The folder a build writes into before it becomes the output.
pub struct StagingDir {
    pub path: PathBuf,
    output: PathBuf,
}

fn sibling(output: &Path, suffix: &str) -> PathBuf {
    let name = output
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    output.with_file_name(format!(".{name}{suffix}"))
}

impl StagingDir {
    /// Recover from a killed earlier run, then create a fresh staging folder.
    pub fn create(output: &Path) -> Result<StagingDir> {
        let output = output.to_path_buf();
        let previous = sibling(&output, PREVIOUS_SUFFIX);
        // Killed between the two renames of a swap: the previous corpus goes back in place.
        if previous.exists() && !output.exists() {
            std::fs::rename(&previous, &output)
                .with_context(|| format!("cannot restore {}", output.display()))?;
        } else if previous.exists() {
            std::fs::remove_dir_all(&previous)?;
        }
        let path = sibling(&output, STAGING_SUFFIX);
        if path.exists() {
            std::fs::remove_dir_all(&path)
                .with_context(|| format!("cannot remove stale {}", path.display()))?;
        }
        std::fs::create_dir_all(&path)
            .with_context(|| format!("cannot create {}", path.display()))?;
        Ok(StagingDir { path, output })
    }

    /// Write the manifest last, sync, and swap the staging folder into place.
    pub fn commit(self, manifest_json: &str) -> Result<()> {
        let manifest = self.path.join("manifest.json");
        std::fs::write(&manifest, manifest_json)?;
        std::fs::File::open(&manifest)?.sync_all()?;
        // A placeholder kept in version control stays in the output folder.
        let keep = self.output.join(".gitkeep");
        if keep.exists() {
            std::fs::write(self.path.join(".gitkeep"), b"")?;
        }
        let previous = sibling(&self.output, PREVIOUS_SUFFIX);
        if self.output.exists() {
            std::fs::rename(&self.output, &previous).with_context(|| {
                format!(
                    "cannot move the previous corpus {} aside",
                    self.output.display()
                )
            })?;
        }
        std::fs::rename(&self.path, &self.output)
            .with_context(|| format!("cannot move the new corpus to {}", self.output.display()))?;
        if previous.exists() {
            std::fs::remove_dir_all(&previous)?;
        }
        if let Some(parent) = self.output.parent().filter(|p| !p.as_os_str().is_empty()) {
            if let Ok(dir) = std::fs::File::open(parent) {
                let _ = dir.sync_all();
            }
        }
        Ok(())
    }
}
