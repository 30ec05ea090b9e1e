//! Find the inputs: every entry under the input folder, in sorted order. Symbolic links are
//! followed only when they stay inside the input folder; links that leave it, loop, or point
//! nowhere, and entries that are not regular files, are listed with the reason they cannot be
//! read, so they are counted as rejects instead of vanishing.

use super::RejectReason;
use std::ffi::OsStr;
use std::io;
use std::path::{Path, PathBuf};

/// An entry found under the input folder.
#[derive(Debug, Clone)]
pub struct InputFile {
    pub path: PathBuf,
    /// Path relative to the input folder, `/`-separated, always valid UTF-8 (see `escape_path`).
    pub rel_path: String,
    /// Set when the entry cannot be read as a document (broken link, loop, FIFO ...).
    pub problem: Option<(RejectReason, String)>,
    /// Set when the path had to be escaped or holds control characters.
    pub path_warning: Option<String>,
}

impl InputFile {
    fn new(root: &Path, path: PathBuf, problem: Option<(RejectReason, String)>) -> InputFile {
        let rel = path.strip_prefix(root).unwrap_or(&path);
        let (rel_path, path_warning) = escape_path(rel);
        InputFile {
            path,
            rel_path,
            problem,
            path_warning,
        }
    }
}

/// Every entry under `root`, sorted by relative path so runs are deterministic. Only an
/// unreadable `root` is an error; problems below it become entries with a `problem`.
pub fn discover(root: &Path) -> io::Result<Vec<InputFile>> {
    let canonical_root = std::fs::canonicalize(root)?;
    let mut files = Vec::new();
    // Each folder to list, with the canonical paths of itself and its ancestors (loop check).
    let mut pending = vec![(root.to_path_buf(), vec![canonical_root.clone()])];
    while let Some((dir, ancestors)) = pending.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if dir == root => return Err(e),
            Err(e) => {
                let message = format!("cannot list the folder: {e}");
                files.push(InputFile::new(
                    root,
                    dir,
                    Some((RejectReason::Unreadable, message)),
                ));
                continue;
            }
        };
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    let message = format!("cannot list the folder entirely: {e}");
                    files.push(InputFile::new(
                        root,
                        dir.clone(),
                        Some((RejectReason::Unreadable, message)),
                    ));
                    break;
                }
            };
            let path = entry.path();
            let file_type = match entry.file_type() {
                Ok(t) => t,
                Err(e) => {
                    let problem = (RejectReason::Unreadable, e.to_string());
                    files.push(InputFile::new(root, path, Some(problem)));
                    continue;
                }
            };
            let canonical = if file_type.is_symlink() {
                match follow_link(&path, &canonical_root) {
                    Ok(target) => target,
                    Err(problem) => {
                        files.push(InputFile::new(root, path, Some(problem)));
                        continue;
                    }
                }
            } else {
                ancestors
                    .last()
                    .expect("ancestors start with the root")
                    .join(entry.file_name())
            };
            let metadata = match std::fs::metadata(&path) {
                Ok(m) => m,
                Err(e) => {
                    let problem = (RejectReason::Unreadable, e.to_string());
                    files.push(InputFile::new(root, path, Some(problem)));
                    continue;
                }
            };
            if metadata.is_dir() {
                if ancestors.contains(&canonical) {
                    let message = format!(
                        "symbolic link to {}, a folder that contains it: a loop, not followed",
                        canonical.display()
                    );
                    let problem = (RejectReason::SymlinkLoop, message);
                    files.push(InputFile::new(root, path, Some(problem)));
                } else {
                    let mut chain = ancestors.clone();
                    chain.push(canonical);
                    pending.push((path, chain));
                }
            } else if metadata.is_file() {
                files.push(InputFile::new(root, path, None));
            } else {
                let message = "not a regular file (a FIFO, socket or device): not read".to_string();
                files.push(InputFile::new(
                    root,
                    path,
                    Some((RejectReason::NotAFile, message)),
                ));
            }
        }
    }
    files.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
    Ok(files)
}

/// The canonical target of a symbolic link, if it exists and lies inside the input folder.
fn follow_link(path: &Path, canonical_root: &Path) -> Result<PathBuf, (RejectReason, String)> {
    let target = std::fs::read_link(path)
        .map(|t| t.display().to_string())
        .unwrap_or_default();
    match std::fs::canonicalize(path) {
        Err(e) => Err((
            RejectReason::BrokenSymlink,
            format!("symbolic link to '{target}' cannot be followed: {e}"),
        )),
        Ok(canonical) if !canonical.starts_with(canonical_root) => Err((
            RejectReason::SymlinkOutsideInput,
            format!(
                "symbolic link to '{target}' leads outside the input folder ({}): not followed",
                canonical.display()
            ),
        )),
        Ok(canonical) => Ok(canonical),
    }
}

/// A relative path as a `/`-separated UTF-8 string. A path that is valid UTF-8 is kept as is.
/// One that is not has each invalid byte, and each `%`, written as `%XX` (upper-case hex), so
/// the original bytes can be recovered; a warning says so.
pub fn escape_path(rel: &Path) -> (String, Option<String>) {
    let parts: Vec<&OsStr> = rel.components().map(|c| c.as_os_str()).collect();
    let mut escaped = false;
    let mut out = Vec::with_capacity(parts.len());
    for part in parts {
        let bytes = part.as_encoded_bytes();
        match std::str::from_utf8(bytes) {
            Ok(s) => out.push(s.to_string()),
            Err(_) => {
                escaped = true;
                out.push(percent_escape_invalid(bytes));
            }
        }
    }
    let path = out.join("/");
    let warning = if escaped {
        Some("file name is not valid UTF-8: in source_path its invalid bytes and '%' are written as %XX".to_string())
    } else if path.chars().any(char::is_control) {
        Some("file name holds control characters (newline, tab ...); source_path keeps them as they are".to_string())
    } else {
        None
    };
    (path, warning)
}

fn percent_escape_invalid(bytes: &[u8]) -> String {
    let mut out = String::new();
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            if c == '%' {
                out.push_str("%25");
            } else {
                out.push(c);
            }
        }
        for b in chunk.invalid() {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn non_utf8_names_are_escaped_reversibly() {
        use std::os::unix::ffi::OsStrExt;
        let name = OsStr::from_bytes(b"caf\xE9 100%.txt");
        let (path, warning) = escape_path(&Path::new("dir").join(name));
        assert_eq!(path, "dir/caf%E9 100%25.txt");
        assert!(warning.is_some());
        let (plain, warning) = escape_path(Path::new("a b/100%.txt"));
        assert_eq!(plain, "a b/100%.txt");
        assert!(warning.is_none());
    }
}
