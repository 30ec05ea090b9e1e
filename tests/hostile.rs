//! Hostile inputs: the committed files in tests/fixtures/hostile/ (other encodings, binary
//! files under a text extension, broken front matter and markup, empty files) plus inputs that
//! cannot be committed sanely, made at test time (non-UTF-8 and newline file names, symbolic
//! link loops, links out of the input, dangling links, a FIFO, unreadable files, overlong
//! lines, an oversized file). The build must exit 0 and account for every input with the
//! expected outcome.

mod common;

use common::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

#[derive(Debug, Clone, PartialEq)]
enum Expect {
    /// A document decoded from this encoding, whose warnings contain this text (if any).
    Doc(&'static str, Option<&'static str>),
    Reject(&'static str),
}
use Expect::{Doc, Reject};

const FRENCH: &str = "Le conseil municipal a voté mardi soir le budget de la ville.";

/// The outcome of every committed fixture.
fn committed() -> Vec<(&'static str, Expect)> {
    vec![
        ("boilerplate_only.txt", Reject("no_content")),
        ("control_chars.txt", Reject("binary")),
        ("crlf_line_endings.txt", Doc("utf-8", None)),
        ("empty.txt", Reject("empty")),
        ("gzip_named_txt.txt", Reject("binary")),
        (
            "invalid_toml_front_matter.md",
            Doc("utf-8", Some("front matter")),
        ),
        (
            "invalid_yaml_front_matter.md",
            Doc("utf-8", Some("front matter")),
        ),
        ("lone_cr_line_endings.txt", Doc("utf-8", None)),
        ("name with spaces.txt", Doc("utf-8", None)),
        ("nul_bytes.txt", Reject("binary")),
        ("pdf_named_txt.txt", Reject("binary")),
        ("photo.jpg", Reject("unsupported_extension")),
        ("png_named_md.md", Reject("binary")),
        ("stray_html.md", Doc("utf-8", Some("unbalanced HTML"))),
        ("unbalanced_markdown.md", Doc("utf-8", Some("code fence"))),
        (
            "unterminated_front_matter.md",
            Doc("utf-8", Some("never closed")),
        ),
        ("utf16_broken_surrogate.txt", Reject("invalid_encoding")),
        ("utf16be_bom.md", Doc("utf-16be", None)),
        ("utf16le_bom.txt", Doc("utf-16le", None)),
        ("utf8_bom.txt", Doc("utf-8", None)),
        ("whitespace_only.md", Reject("empty")),
        ("windows1252_french.txt", Doc("windows-1252", None)),
        ("zip_named_txt.txt", Reject("binary")),
    ]
}

/// A config with small limits, so oversized inputs stay small; rule folders are the project's.
fn write_config(dir: &Path, extra: &str) -> PathBuf {
    let config = project_dir().join("config");
    let text = format!(
        "[input]\nmax_file_bytes = 4096\nmax_line_bytes = 1000\n{extra}\n\
         [clean]\nrules_dir = {:?}\narticle_finder = {:?}\n[segment]\nabbreviations_dir = {:?}\n\
         [metadata]\npublishers = {:?}\n[lang]\nrules = {:?}\nfunction_words = {:?}\n",
        config.join("boilerplate"),
        config.join("article_finder.toml"),
        config.join("abbreviations"),
        config.join("publishers.toml"),
        config.join("lang/scripts.toml"),
        config.join("lang/function_words.toml"),
    );
    let path = dir.join("corpusmill.toml");
    std::fs::write(&path, text).unwrap();
    path
}

fn is_readable(path: &Path) -> bool {
    std::fs::read(path).is_ok()
}

/// Copy the committed fixtures into `input` and add the generated ones; returns every input
/// (relative path as it must appear in the output) with its expected outcome.
fn make_input(input: &Path, outside: &Path) -> BTreeMap<String, Expect> {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::{symlink, PermissionsExt};
    let fixtures = project_dir().join("tests/fixtures/hostile");
    let mut expected = BTreeMap::new();
    for (name, expect) in committed() {
        std::fs::copy(fixtures.join(name), input.join(name)).unwrap();
        expected.insert(name.to_string(), expect);
    }
    let english = std::fs::read(fixtures.join("crlf_line_endings.txt")).unwrap();

    let links = input.join("links");
    std::fs::create_dir(&links).unwrap();
    symlink("../utf8_bom.txt", links.join("inside.txt")).unwrap();
    expected.insert("links/inside.txt".into(), Doc("utf-8", None));
    symlink("..", links.join("loop")).unwrap();
    expected.insert("links/loop".into(), Reject("symlink_loop"));
    symlink("self.txt", links.join("self.txt")).unwrap();
    expected.insert("links/self.txt".into(), Reject("broken_symlink"));
    symlink("missing.txt", links.join("dangling.txt")).unwrap();
    expected.insert("links/dangling.txt".into(), Reject("broken_symlink"));
    std::fs::write(outside.join("secret.txt"), &english).unwrap();
    symlink(outside.join("secret.txt"), links.join("outside.txt")).unwrap();
    expected.insert("links/outside.txt".into(), Reject("symlink_outside_input"));
    symlink(outside, links.join("outside_dir")).unwrap();
    expected.insert("links/outside_dir".into(), Reject("symlink_outside_input"));

    let names = input.join("names");
    std::fs::create_dir(&names).unwrap();
    std::fs::write(
        names.join(std::ffi::OsStr::from_bytes(b"caf\xe9 100%.txt")),
        &english,
    )
    .unwrap();
    expected.insert(
        "names/caf%E9 100%25.txt".into(),
        Doc("utf-8", Some("not valid UTF-8")),
    );
    std::fs::write(names.join("new\nline.txt"), &english).unwrap();
    expected.insert(
        "names/new\nline.txt".into(),
        Doc("utf-8", Some("control characters")),
    );

    let fifo = input.join("pipe.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    if made {
        expected.insert("pipe.txt".into(), Reject("not_a_file"));
    }

    // chmod 000 does not stop root from reading: expect what the OS really does.
    let locked = input.join("locked.txt");
    std::fs::write(&locked, &english).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let locked_expect = if is_readable(&locked) {
        Doc("utf-8", None)
    } else {
        Reject("unreadable")
    };
    expected.insert("locked.txt".into(), locked_expect);
    let closed = input.join("closed_dir");
    std::fs::create_dir(&closed).unwrap();
    std::fs::write(closed.join("inner.txt"), &english).unwrap();
    std::fs::set_permissions(&closed, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read_dir(&closed).is_ok() {
        expected.insert("closed_dir/inner.txt".into(), Doc("utf-8", None));
    } else {
        expected.insert("closed_dir".into(), Reject("unreadable"));
    }

    let line = format!("{} ", FRENCH).repeat(50);
    std::fs::write(input.join("long_line.txt"), &line).unwrap();
    expected.insert(
        "long_line.txt".into(),
        Doc("utf-8", Some("input.max_line_bytes")),
    );
    // UTF-8 once read as Latin-1 and saved again: "votÃ\u{a9}".
    let garbled: String = format!("{FRENCH}\nIl l\u{2019}a dit.\n")
        .bytes()
        .map(char::from)
        .collect();
    std::fs::write(input.join("mojibake.txt"), garbled).unwrap();
    expected.insert("mojibake.txt".into(), Doc("utf-8", Some("mojibake")));
    std::fs::write(input.join("too_large.txt"), "word ".repeat(1000)).unwrap();
    expected.insert("too_large.txt".into(), Reject("too_large"));
    expected
}

struct Built {
    output: Output,
    expected: BTreeMap<String, Expect>,
    docs: arrow::array::RecordBatch,
    rejects: arrow::array::RecordBatch,
    manifest: serde_json::Value,
    _dirs: Vec<tempfile::TempDir>,
}

fn build_hostile(config_extra: &str, args: &[&str]) -> Built {
    let input = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let expected = make_input(input.path(), outside.path());
    let config = write_config(work.path(), config_extra);
    let out = work.path().join("out");
    let mut cli = vec![
        "build",
        "--input",
        input.path().to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
        "--config",
        config.to_str().unwrap(),
    ];
    cli.extend_from_slice(args);
    let output = corpusmill(&cli);
    // Let the temp dir be removed.
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(
        input.path().join("closed_dir"),
        std::fs::Permissions::from_mode(0o755),
    );
    assert!(
        !String::from_utf8_lossy(&output.stderr).contains("panicked"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    Built {
        docs: read_table(&out.join("documents")),
        rejects: read_table(&out.join("rejects")),
        manifest: serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap())
            .unwrap(),
        output,
        expected,
        _dirs: vec![input, outside, work],
    }
}

/// What the corpus says about one input: (encoding, warnings) of a document, or a reject reason.
type Outcome = (Option<String>, Vec<String>, Option<String>);

fn outcomes(built: &Built) -> BTreeMap<String, Outcome> {
    let mut seen = BTreeMap::new();
    let paths = strings(&built.docs, "source_path");
    let encodings = strings(&built.docs, "encoding");
    let warnings = string_lists(&built.docs, "warnings");
    for i in 0..paths.len() {
        let path = paths[i].clone().unwrap();
        let previous = seen.insert(
            path.clone(),
            (encodings[i].clone(), warnings[i].clone(), None),
        );
        assert!(previous.is_none(), "{path:?} written twice");
    }
    let paths = strings(&built.rejects, "source_path");
    let reasons = strings(&built.rejects, "reason");
    for i in 0..paths.len() {
        let path = paths[i].clone().unwrap();
        let previous = seen.insert(path.clone(), (None, vec![], reasons[i].clone()));
        assert!(previous.is_none(), "{path:?} both written and rejected");
    }
    seen
}

#[test]
fn every_hostile_input_is_accounted_for_with_its_reason() {
    let built = build_hostile("", &[]);
    let stderr = String::from_utf8_lossy(&built.output.stderr);
    assert_eq!(built.output.status.code(), Some(0), "{stderr}");
    let counts = &built.manifest["counts"];
    assert_eq!(counts["inputs"], built.expected.len() as u64);
    assert_eq!(
        counts["inputs"].as_u64().unwrap(),
        counts["documents"].as_u64().unwrap() + counts["rejected"].as_u64().unwrap()
    );
    let seen = outcomes(&built);
    assert_eq!(
        seen.keys().collect::<Vec<_>>(),
        built.expected.keys().collect::<Vec<_>>()
    );
    for (path, expect) in &built.expected {
        let (encoding, warnings, reason) = &seen[path];
        match expect {
            Doc(want_encoding, want_warning) => {
                assert_eq!(reason, &None, "{path:?} was rejected");
                assert_eq!(encoding.as_deref(), Some(*want_encoding), "{path:?}");
                if let Some(want) = want_warning {
                    assert!(
                        warnings.iter().any(|w| w.contains(want)),
                        "{path:?}: no warning with {want:?} in {warnings:?}"
                    );
                }
            }
            Reject(want) => assert_eq!(reason.as_deref(), Some(*want), "{path:?}"),
        }
    }
    eprintln!(
        "hostile: {} inputs, {} documents, rejects by reason {}",
        counts["inputs"], counts["documents"], built.manifest["rejects_by_reason"]
    );
    // The stderr summary names each reason with its count.
    for (reason, n) in built.manifest["rejects_by_reason"].as_object().unwrap() {
        assert!(
            stderr.contains(&format!("rejected {n} as {reason}")),
            "{stderr}"
        );
    }
}

#[test]
fn decoded_text_is_the_real_text_in_every_encoding() {
    let built = build_hostile("", &[]);
    let texts = strings(&built.docs, "text");
    for name in [
        "utf8_bom.txt",
        "utf16le_bom.txt",
        "utf16be_bom.md",
        "windows1252_french.txt",
        "mojibake.txt",
    ] {
        let text = texts[row_of(&built.docs, "source_path", name)]
            .clone()
            .unwrap();
        assert!(text.contains("a voté mardi soir"), "{name}: {text:?}");
        assert!(!text.contains('\u{FEFF}') && !text.contains('\u{FFFD}'));
    }
    let crlf = texts[row_of(&built.docs, "source_path", "crlf_line_endings.txt")].clone();
    let cr = texts[row_of(&built.docs, "source_path", "lone_cr_line_endings.txt")].clone();
    assert_eq!(crlf, cr);
    assert!(!crlf.unwrap().contains('\r'));
    // Split long lines lose no word.
    let long = texts[row_of(&built.docs, "source_path", "long_line.txt")]
        .clone()
        .unwrap();
    let words = long.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(words.matches("budget de la ville").count(), 50);
}

#[test]
fn empty_inputs_can_be_kept_as_empty_documents() {
    let built = build_hostile("empty_documents = \"keep\"", &[]);
    assert_eq!(built.output.status.code(), Some(0));
    let seen = outcomes(&built);
    for name in ["empty.txt", "whitespace_only.md", "boilerplate_only.txt"] {
        let (encoding, warnings, reason) = &seen[name];
        assert_eq!(reason, &None, "{name}");
        assert_eq!(encoding.as_deref(), Some("utf-8"));
        assert!(
            warnings
                .iter()
                .any(|w| w.starts_with("empty") || w.starts_with("no_content")),
            "{name}: {warnings:?}"
        );
    }
    let counts = &built.manifest["counts"];
    assert_eq!(counts["inputs"], built.expected.len() as u64);
}

#[test]
fn long_lines_can_be_rejected_instead() {
    let built = build_hostile("long_lines = \"reject\"", &[]);
    let seen = outcomes(&built);
    assert_eq!(seen["long_line.txt"].2.as_deref(), Some("line_too_long"));
}

#[test]
fn strict_turns_rejects_into_exit_3_but_still_writes() {
    let built = build_hostile("", &["--strict"]);
    assert_eq!(built.output.status.code(), Some(3));
    assert_eq!(
        built.manifest["counts"]["inputs"],
        built.expected.len() as u64
    );
    let clean = tempfile::tempdir().unwrap();
    let fixtures = project_dir().join("tests/fixtures/hostile");
    std::fs::copy(fixtures.join("utf8_bom.txt"), clean.path().join("a.txt")).unwrap();
    let out = clean.path().join("out");
    let input = clean.path().to_str().unwrap().to_string();
    let status = corpusmill(&[
        "build",
        "--input",
        &input,
        "--output",
        out.to_str().unwrap(),
        "--strict",
    ])
    .status;
    assert_eq!(status.code(), Some(0));
}

#[test]
fn usage_errors_exit_2_and_failures_exit_1() {
    assert_eq!(
        corpusmill(&["build", "--no-such-flag"]).status.code(),
        Some(2)
    );
    let missing = corpusmill(&["build", "--input", "/nonexistent/corpusmill-input"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("--input"));
}

#[test]
fn a_held_lock_refuses_a_second_build_and_stale_leftovers_are_cleaned() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let raw = project_dir().join("raw");
    // Leftovers of a killed run: a staging folder, and a lock file naming a dead process.
    let staging = dir.path().join(".out.corpusmill-staging");
    std::fs::create_dir_all(staging.join("documents")).unwrap();
    std::fs::write(staging.join("documents/part-00000.parquet"), b"half").unwrap();
    let lock_path = dir.path().join(".out.corpusmill-lock");
    std::fs::write(&lock_path, "999999999\n").unwrap();
    build(&raw, &out, &[]);
    assert!(!staging.exists(), "stale staging folder left behind");
    assert!(out.join("manifest.json").exists());

    // While another process holds the lock, a build refuses and leaves the corpus alone.
    let before = std::fs::read(out.join("manifest.json")).unwrap();
    let lock = std::fs::File::open(&lock_path).unwrap();
    lock.try_lock().unwrap();
    let refused = corpusmill(&[
        "build",
        "--input",
        raw.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(refused.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("another corpusmill build"), "{stderr}");
    assert_eq!(std::fs::read(out.join("manifest.json")).unwrap(), before);
    drop(lock);
    build(&raw, &out, &[]);
}
