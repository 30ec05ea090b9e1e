//! Find the inputs: every entry under the input folder, in sorted order of relative path,
//! listed one folder at a time so memory holds the open folders' listings, never the whole
//! tree (a million files would otherwise be hundreds of MB of paths). Symbolic links are
//! followed only when they stay inside the input folder; links that leave it, loop, or point
//! nowhere, and entries that are not regular files, are listed with the reason they cannot be
//! read, so they are counted as rejects instead of vanishing.

use super::RejectReason;
use std::cmp::Ordering;
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

/// The entries under a folder, in sorted order of `rel_path`: an iterator that lists each
/// folder when it reaches it. Only an unreadable root is an error; problems below it become
/// entries with a `problem`.
pub struct Discovery {
    root: PathBuf,
    canonical_root: PathBuf,
    output: Option<OutputArea>,
    /// The folders being listed, from the root down to the current one.
    open: Vec<OpenFolder>,
}

/// The output folder and the folders corpusmill keeps beside it (`.out.corpusmill-staging`
/// ...), left out when they lie inside the input folder: a build must not read what it writes.
struct OutputArea {
    /// Canonical path of the output's parent folder.
    parent: PathBuf,
    name: std::ffi::OsString,
    sibling_prefix: String,
}

impl OutputArea {
    fn of(output: &Path) -> Option<OutputArea> {
        let absolute = std::path::absolute(output).ok()?;
        let name = absolute.file_name()?.to_os_string();
        let parent = std::fs::canonicalize(absolute.parent()?).ok()?;
        let sibling_prefix = format!(".{}.corpusmill-", name.to_string_lossy());
        Some(OutputArea {
            parent,
            name,
            sibling_prefix,
        })
    }

    fn holds(&self, canonical: &Path) -> bool {
        let (Some(parent), Some(name)) = (canonical.parent(), canonical.file_name()) else {
            return false;
        };
        parent == self.parent
            && (name == self.name || name.to_string_lossy().starts_with(&self.sibling_prefix))
    }
}

struct OpenFolder {
    /// Canonical path, to tell a symbolic link that loops back to an open folder.
    canonical: PathBuf,
    /// Entries not yet visited, last first (so `pop` gives the next).
    entries: Vec<Entry>,
}

enum Entry {
    File(InputFile),
    /// A folder to list when reached: itself as an entry (for the reject if it cannot be
    /// listed) and its canonical path.
    Folder(InputFile, PathBuf),
}

impl Entry {
    /// Sorting the entries of one folder by their relative path, with a `/` after a folder's,
    /// gives the order of every path below it sorted as a whole: `a.txt` < `a/b.txt`.
    fn cmp_sorted(&self, other: &Entry) -> Ordering {
        self.sort_key().cmp(other.sort_key())
    }

    fn sort_key(&self) -> impl Iterator<Item = u8> + '_ {
        let (file, slash) = match self {
            Entry::File(file) => (file, None),
            Entry::Folder(folder, _) => (folder, Some(b'/')),
        };
        file.rel_path.bytes().chain(slash)
    }
}

impl Discovery {
    /// The entries under `root`, leaving out `output` (and its staging folders) if it lies
    /// inside.
    pub fn new(root: &Path, output: Option<&Path>) -> io::Result<Discovery> {
        let canonical_root = std::fs::canonicalize(root)?;
        let mut discovery = Discovery {
            root: root.to_path_buf(),
            canonical_root: canonical_root.clone(),
            output: output.and_then(OutputArea::of),
            open: Vec::new(),
        };
        let folder = discovery.list(root, canonical_root)?;
        discovery.open.push(folder);
        Ok(discovery)
    }

    /// List `dir` (below the open folders), its entries sorted for popping.
    fn list(&self, dir: &Path, canonical: PathBuf) -> io::Result<OpenFolder> {
        let mut entries = Vec::new();
        for entry in std::fs::read_dir(dir)? {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    let message = format!("cannot list the folder entirely: {e}");
                    let problem = Some((RejectReason::Unreadable, message));
                    entries.push(Entry::File(InputFile::new(
                        &self.root,
                        dir.to_path_buf(),
                        problem,
                    )));
                    break;
                }
            };
            entries.extend(self.classify(entry, &canonical));
        }
        entries.sort_by(|a, b| b.cmp_sorted(a));
        Ok(OpenFolder { canonical, entries })
    }

    /// One entry of the folder whose canonical path is `parent`; `None` for the output.
    fn classify(&self, entry: std::fs::DirEntry, parent: &Path) -> Option<Entry> {
        let path = entry.path();
        let reject = |problem: (RejectReason, String)| {
            Some(Entry::File(InputFile::new(
                &self.root,
                entry.path(),
                Some(problem),
            )))
        };
        let file_type = match entry.file_type() {
            Ok(t) => t,
            Err(e) => return reject((RejectReason::Unreadable, e.to_string())),
        };
        let canonical = if file_type.is_symlink() {
            match follow_link(&path, &self.canonical_root) {
                Ok(target) => target,
                Err(problem) => return reject(problem),
            }
        } else {
            parent.join(entry.file_name())
        };
        if self
            .output
            .as_ref()
            .is_some_and(|area| area.holds(&canonical))
        {
            return None;
        }
        let metadata = match std::fs::metadata(&path) {
            Ok(m) => m,
            Err(e) => return reject((RejectReason::Unreadable, e.to_string())),
        };
        if metadata.is_dir() {
            let looping = canonical == parent || self.open.iter().any(|f| f.canonical == canonical);
            if looping {
                let message = format!(
                    "symbolic link to {}, a folder that contains it: a loop, not followed",
                    canonical.display()
                );
                return reject((RejectReason::SymlinkLoop, message));
            }
            Some(Entry::Folder(
                InputFile::new(&self.root, path, None),
                canonical,
            ))
        } else if metadata.is_file() {
            Some(Entry::File(InputFile::new(&self.root, path, None)))
        } else {
            let message = "not a regular file (a FIFO, socket or device): not read".to_string();
            reject((RejectReason::NotAFile, message))
        }
    }
}

impl Iterator for Discovery {
    type Item = InputFile;

    fn next(&mut self) -> Option<InputFile> {
        loop {
            let entry = match self.open.last_mut()?.entries.pop() {
                Some(entry) => entry,
                None => {
                    self.open.pop();
                    continue;
                }
            };
            match entry {
                Entry::File(file) => return Some(file),
                Entry::Folder(mut folder, canonical) => match self.list(&folder.path, canonical) {
                    Ok(listed) => self.open.push(listed),
                    Err(e) => {
                        let message = format!("cannot list the folder: {e}");
                        folder.problem = Some((RejectReason::Unreadable, message));
                        return Some(folder);
                    }
                },
            }
        }
    }
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

    /// Names around the `/` byte (`-` and `.` sort before it, `0` after) and nested folders:
    /// listing folder by folder gives the order of sorting every relative path as a whole.
    #[test]
    fn lists_in_the_order_of_sorted_relative_paths() {
        let dir = tempfile::tempdir().unwrap();
        let files = [
            "a.txt",
            "a-b.txt",
            "a0.txt",
            "a/b.txt",
            "a/b/c.txt",
            "a/b.md",
            "a/b-/d.txt",
            "a/b0.txt",
            "ab/x.txt",
            "b",
            "z/y/x/w.txt",
        ];
        for file in files {
            let path = dir.path().join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        let listed: Vec<String> = Discovery::new(dir.path(), None)
            .unwrap()
            .map(|f| f.rel_path)
            .collect();
        let mut sorted: Vec<String> = files.iter().map(|f| f.to_string()).collect();
        sorted.sort();
        assert_eq!(listed, sorted);
    }

    #[test]
    fn leaves_out_the_output_folder_and_its_staging_folders() {
        let dir = tempfile::tempdir().unwrap();
        for file in [
            "doc.txt",
            "out/manifest.json",
            ".out.corpusmill-staging/a.md",
            "outer/b.md",
        ] {
            let path = dir.path().join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        let output = dir.path().join("out");
        let listed: Vec<String> = Discovery::new(dir.path(), Some(&output))
            .unwrap()
            .map(|f| f.rel_path)
            .collect();
        assert_eq!(listed, ["doc.txt", "outer/b.md"]);
        let everything = Discovery::new(dir.path(), None).unwrap().count();
        assert_eq!(everything, 4);
    }
}
