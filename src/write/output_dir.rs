//! Atomic output: a build takes a lock beside the output folder, writes into a staging folder
//! beside it, and swaps that into place only when everything, the manifest last, is written
//! and synced. A build killed at any moment leaves either the old corpus or the new one.
//!
//! Folders beside `out/`: `.out.corpusmill-lock` (held with an OS file lock, which dies with
//! its process, so a lock left by a killed build is free again; it holds the owner's pid),
//! `.out.corpusmill-staging` (the build in progress) and `.out.corpusmill-previous` (the old
//! corpus during a swap on systems without an atomic exchange).

use anyhow::{bail, Context, Result};
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

const STAGING_SUFFIX: &str = ".corpusmill-staging";
const PREVIOUS_SUFFIX: &str = ".corpusmill-previous";
const LOCK_SUFFIX: &str = ".corpusmill-lock";

/// The folder a build writes into before it becomes the output.
pub struct StagingDir {
    pub path: PathBuf,
    output: PathBuf,
    /// Held until the swap is done; the OS releases it if the process dies.
    _lock: File,
}

fn sibling(output: &Path, suffix: &str) -> PathBuf {
    let name = output
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    output.with_file_name(format!(".{name}{suffix}"))
}

/// Take the output's lock, or say which build holds it.
fn lock_output(output: &Path) -> Result<File> {
    let path = sibling(output, LOCK_SUFFIX);
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create the output's parent {}", parent.display()))?;
    }
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .with_context(|| format!("cannot open the lock file {}", path.display()))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            let mut owner = String::new();
            let _ = file.read_to_string(&mut owner);
            bail!(
                "another corpusmill build (pid {}) is writing {}: wait for it to finish or stop it, \
                 or pass a different --output (lock: {})",
                owner.trim(),
                output.display(),
                path.display()
            );
        }
        Err(TryLockError::Error(e)) => {
            return Err(e).with_context(|| format!("cannot lock {}", path.display()))
        }
    }
    file.set_len(0)?;
    writeln!(file, "{}", std::process::id())?;
    file.sync_all()?;
    Ok(file)
}

impl StagingDir {
    /// Lock the output, recover from a killed earlier run, then create a fresh staging folder.
    pub fn create(output: &Path) -> Result<StagingDir> {
        let lock = lock_output(output)?;
        let output = output.to_path_buf();
        let previous = sibling(&output, PREVIOUS_SUFFIX);
        // Killed between the two renames of a non-atomic swap: the previous corpus goes back.
        if previous.exists() && !output.exists() {
            std::fs::rename(&previous, &output)
                .with_context(|| format!("cannot restore {}", output.display()))?;
        } else if previous.exists() {
            std::fs::remove_dir_all(&previous)
                .with_context(|| format!("cannot remove stale {}", previous.display()))?;
        }
        let path = sibling(&output, STAGING_SUFFIX);
        if path.exists() {
            std::fs::remove_dir_all(&path)
                .with_context(|| format!("cannot remove stale {}", path.display()))?;
        }
        std::fs::create_dir_all(&path)
            .with_context(|| format!("cannot create {}", path.display()))?;
        Ok(StagingDir {
            path,
            output,
            _lock: lock,
        })
    }

    /// Write the manifest last, sync everything, and swap the staging folder into place.
    pub fn commit(self, manifest_json: &str) -> Result<()> {
        let manifest = self.path.join("manifest.json");
        std::fs::write(&manifest, manifest_json)?;
        File::open(&manifest)?.sync_all()?;
        // A placeholder kept in version control stays in the output folder.
        let keep = self.output.join(".gitkeep");
        if keep.exists() {
            std::fs::write(self.path.join(".gitkeep"), b"")?;
        }
        sync_tree(&self.path)?;
        if self.output.exists() {
            if !self.output.is_dir() {
                bail!(
                    "the output {} exists and is not a folder: pass another --output",
                    self.output.display()
                );
            }
            if exchange(&self.path, &self.output)? {
                // The staging path now holds the old corpus.
                std::fs::remove_dir_all(&self.path)?;
            } else {
                self.swap_in_two_renames()?;
            }
        } else {
            std::fs::rename(&self.path, &self.output).with_context(|| {
                format!("cannot move the new corpus to {}", self.output.display())
            })?;
        }
        if let Some(parent) = self.output.parent().filter(|p| !p.as_os_str().is_empty()) {
            sync_dir(parent)?;
        }
        Ok(())
    }

    /// Fallback without an atomic exchange: a run killed between the renames is repaired by
    /// the next run, which moves the previous corpus back.
    fn swap_in_two_renames(&self) -> Result<()> {
        let previous = sibling(&self.output, PREVIOUS_SUFFIX);
        std::fs::rename(&self.output, &previous).with_context(|| {
            format!(
                "cannot move the previous corpus {} aside",
                self.output.display()
            )
        })?;
        std::fs::rename(&self.path, &self.output)
            .with_context(|| format!("cannot move the new corpus to {}", self.output.display()))?;
        std::fs::remove_dir_all(&previous)?;
        Ok(())
    }
}

/// Swap two paths in one atomic step. `Ok(false)`: this system or file system cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> Result<bool> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a_c = CString::new(a.as_os_str().as_bytes())?;
    let b_c = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both pointers are valid NUL-terminated strings for the duration of the call.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a_c.as_ptr(),
            libc::AT_FDCWD,
            b_c.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        return Ok(true);
    }
    let error = std::io::Error::last_os_error();
    match error.raw_os_error() {
        Some(libc::EINVAL) | Some(libc::ENOSYS) | Some(libc::EOPNOTSUPP) => Ok(false),
        _ => {
            Err(error).with_context(|| format!("cannot swap {} into {}", a.display(), b.display()))
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> Result<bool> {
    Ok(false)
}

/// fsync every file and folder under `dir`, so a crash after the swap cannot lose them.
fn sync_tree(dir: &Path) -> Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            sync_tree(&path)?;
        } else {
            File::open(&path)?.sync_all()?;
        }
    }
    sync_dir(dir)
}

fn sync_dir(dir: &Path) -> Result<()> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .with_context(|| format!("cannot sync the folder {}", dir.display()))
}
