//! Kill test: SIGKILL a build of a few thousand generated documents at random moments; the
//! output folder must then hold the old corpus or the new one, complete (every file matches
//! the manifest's sha256, no file the manifest does not list), never a mix. The corpus comes
//! from the tests' own generator (`tests/common/corpus.rs`).

mod common;

use common::corpus::{write_news_corpus, Rng};
use common::*;
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Instant, SystemTime};

const DOCS: usize = 3000;
const KILLS: usize = 6;

fn files_under(dir: &Path, base: &Path, out: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, base, out);
        } else {
            let rel = path.strip_prefix(base).unwrap().to_string_lossy();
            out.insert(rel.replace('\\', "/"));
        }
    }
}

/// The manifest of a complete corpus in `out`; panics if any file disagrees with it.
fn complete_manifest(out: &Path) -> Vec<u8> {
    let bytes = std::fs::read(out.join("manifest.json")).unwrap_or_else(|e| {
        panic!(
            "{}: no manifest ({e}): output missing or half-written",
            out.display()
        )
    });
    let manifest: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    // The dataset card names the output path in its rebuild command, so the manifest does not
    // list it; it is swapped in with the rest.
    let mut listed = BTreeSet::from(["manifest.json".to_string(), "README.md".to_string()]);
    for file in manifest["outputs"].as_array().unwrap() {
        let rel = file["path"].as_str().unwrap();
        let data = std::fs::read(out.join(rel)).unwrap();
        assert_eq!(data.len() as u64, file["bytes"].as_u64().unwrap(), "{rel}");
        assert_eq!(
            format!("{:x}", Sha256::digest(&data)),
            file["sha256"].as_str().unwrap(),
            "{rel} does not match the manifest: a mix of two corpora"
        );
        listed.insert(rel.to_string());
    }
    let mut present = BTreeSet::new();
    files_under(out, out, &mut present);
    assert_eq!(
        present, listed,
        "files in the output that the manifest does not list"
    );
    bytes
}

fn build_args(input: &Path, output: &Path) -> Vec<String> {
    [
        "build",
        "--input",
        input.to_str().unwrap(),
        "--output",
        output.to_str().unwrap(),
    ]
    .map(String::from)
    .to_vec()
}

#[test]
fn a_killed_build_leaves_the_old_corpus_or_the_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("input");
    write_news_corpus(&input, DOCS, 42);

    // The new corpus, built once in full: its manifest and how long a build takes.
    let reference = dir.path().join("reference");
    let started = Instant::now();
    build(&input, &reference, &[]);
    let full = started.elapsed();
    let new_manifest = complete_manifest(&reference);

    let out = dir.path().join("out");
    let raw = project_dir().join("raw");
    build(&raw, &out, &[]);
    let old_manifest = complete_manifest(&out);

    let seed = std::env::var("CORPUSMILL_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(SystemTime::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        });
    eprintln!("kill test: full build {full:?}, seed {seed} (CORPUSMILL_KILL_SEED to replay)");
    let mut rng = Rng::new(seed);
    let (mut saw_old, mut saw_new) = (0, 0);
    for round in 0..KILLS {
        let delay = full.mul_f64(1.2 * rng.next_f64());
        let mut child = Command::new(env!("CARGO_BIN_EXE_corpusmill"))
            .args(build_args(&input, &out))
            .current_dir(project_dir())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL; fails only when the build already finished
        child.wait().unwrap();
        let manifest = complete_manifest(&out);
        if manifest == old_manifest {
            saw_old += 1;
        } else {
            assert_eq!(manifest, new_manifest, "round {round}: neither corpus");
            saw_new += 1;
            // Back to the old corpus so the next kill again tests a real swap.
            build(&raw, &out, &[]);
        }
        eprintln!("kill test: round {round} killed after {delay:?}");
    }
    eprintln!("kill test: {saw_old} times the old corpus, {saw_new} times the new one");

    // The next build recovers: it completes and leaves nothing beside the output.
    build(&input, &out, &[]);
    assert_eq!(complete_manifest(&out), new_manifest);
    let leftovers: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.contains("staging") || name.contains("previous")
        })
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
