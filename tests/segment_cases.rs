//! The team's gold segmentation cases (`tests/data/segment/*.jsonl`) through the library
//! segmenter, with pass rates per language and per class, and a sample through the CLI to
//! prove `corpusmill segment` runs the same code.

mod common;

use common::*;
use corpusmill::segment::{spans_to_sentences, Segmenter};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::io::Write;
use std::process::{Command, Stdio};

/// Minimum share of cases that must pass, per language (measured: 100% in all six).
const MIN_PASS_RATE: f64 = 1.0;

#[derive(Deserialize)]
struct Case {
    id: String,
    class: String,
    text: String,
    sentences: Vec<String>,
}

fn load_cases() -> BTreeMap<String, Vec<Case>> {
    let dir = project_dir().join("tests/data/segment");
    let mut by_lang = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "jsonl") {
            continue;
        }
        let lang = path.file_stem().unwrap().to_str().unwrap().to_string();
        let cases: Vec<Case> = std::fs::read_to_string(&path)
            .unwrap()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
            .collect();
        by_lang.insert(lang, cases);
    }
    by_lang
}

fn segmenter() -> Segmenter {
    Segmenter::load_dir(&project_dir().join("config/abbreviations")).unwrap()
}

fn library_sentences(segmenter: &Segmenter, text: &str, lang: &str) -> Vec<String> {
    segmenter
        .segment(text, lang)
        .iter()
        .map(|s| text[s.start..s.end].to_string())
        .collect()
}

#[test]
fn gold_cases_pass_per_language_and_class() {
    let segmenter = segmenter();
    let cases = load_cases();
    assert_eq!(cases.len(), 6, "one case file per language");
    let mut failures = Vec::new();
    let mut below_target = Vec::new();
    let mut report = String::new();
    for (lang, cases) in &cases {
        assert!(cases.len() >= 40, "{lang}: at least 40 cases");
        let mut per_class: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        let mut passed = 0;
        for case in cases {
            let got = library_sentences(&segmenter, &case.text, lang);
            let ok = got == case.sentences;
            let entry = per_class.entry(&case.class).or_default();
            entry.1 += 1;
            if ok {
                entry.0 += 1;
                passed += 1;
            } else {
                failures.push(format!(
                    "{} [{}]\n  want {:?}\n  got  {:?}",
                    case.id, case.class, case.sentences, got
                ));
            }
        }
        let rate = passed as f64 / cases.len() as f64;
        report.push_str(&format!(
            "{lang}: {passed}/{} ({:.1}%)",
            cases.len(),
            rate * 100.0
        ));
        for (class, (ok, total)) in &per_class {
            if ok < total {
                report.push_str(&format!("  {class} {ok}/{total}"));
            }
        }
        report.push('\n');
        if rate < MIN_PASS_RATE {
            below_target.push(lang.clone());
        }
    }
    eprintln!("{report}");
    for failure in &failures {
        eprintln!("{failure}");
    }
    assert!(
        below_target.is_empty(),
        "below {:.0}% in {below_target:?}:\n{report}",
        MIN_PASS_RATE * 100.0
    );
}

/// The CLI and the library give the same sentences and offsets (one code path).
#[test]
fn cli_segment_matches_the_library() {
    let segmenter = segmenter();
    for (lang, cases) in load_cases() {
        // A few cases per language, of different classes.
        for case in cases.iter().step_by(9) {
            let mut child = Command::new(env!("CARGO_BIN_EXE_corpusmill"))
                .args(["segment", "--lang", &lang])
                .current_dir(project_dir())
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            child
                .stdin
                .take()
                .unwrap()
                .write_all(case.text.as_bytes())
                .unwrap();
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let cli: Vec<(String, usize, usize)> = String::from_utf8(out.stdout)
                .unwrap()
                .lines()
                .map(|l| {
                    let v: serde_json::Value = serde_json::from_str(l).unwrap();
                    (
                        v["text"].as_str().unwrap().to_string(),
                        v["char_start"].as_u64().unwrap() as usize,
                        v["char_end"].as_u64().unwrap() as usize,
                    )
                })
                .collect();
            let spans = segmenter.segment(&case.text, &lang);
            let library: Vec<(String, usize, usize)> = spans_to_sentences(&case.text, &spans)
                .into_iter()
                .map(|s| (s.text, s.char_start, s.char_end))
                .collect();
            assert_eq!(cli, library, "{}", case.id);
        }
    }
}
