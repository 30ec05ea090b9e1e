//! Language identification accuracy on the team's test set (tests/data/lang, 32 languages):
//! paragraphs, single sentences, short phrases (correct or `und`), and the sentences of mixed
//! documents against their gold labels. Run with `-- --nocapture` to see the per-language table.

use corpusmill::document::Format;
use corpusmill::lang::{LanguageDetector, UNDETERMINED};
use corpusmill::segment::sentences_of_lines;
use corpusmill::{Config, Document};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const PARAGRAPHS_TARGET: f64 = 0.995;
const SENTENCES_TARGET: f64 = 0.992;
const SHORT_CORRECT_OR_UND_TARGET: f64 = 0.95;
const MIXED_SENTENCES_TARGET: f64 = 0.98;
/// No single language may fall far below the overall targets.
const PER_LANGUAGE_FLOOR: f64 = 0.95;
const SHORT_PER_LANGUAGE_FLOOR: f64 = 0.85;

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/lang")
}

fn detector() -> LanguageDetector {
    let config =
        Config::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("config/corpusmill.toml"))
            .expect("the default config loads");
    LanguageDetector::new(&config).expect("the default config builds a detector")
}

/// Items per language (file stem) in `tests/data/lang/<kind>/`.
fn load(kind: &str) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(data_dir().join(kind)).unwrap() {
        let path = entry.unwrap().path();
        let lang = path.file_stem().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let items: Vec<String> = if kind == "paragraphs" {
            text.split("\n\n")
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(String::from)
                .collect()
        } else {
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect()
        };
        out.insert(lang, items);
    }
    assert!(out.len() >= 18, "{kind}: expected at least 18 languages");
    out
}

/// Per language: (items, correct, und).
type Scores = BTreeMap<String, (usize, usize, usize)>;

fn score(detector: &LanguageDetector, kind: &str) -> Scores {
    let mut scores = Scores::new();
    for (lang, items) in load(kind) {
        let mut row = (items.len(), 0, 0);
        for item in &items {
            let found = detector.detect(item).lang;
            if found == lang {
                row.1 += 1;
            } else if found == UNDETERMINED {
                row.2 += 1;
            } else {
                println!("{kind}: {lang} read as {found}: {item}");
            }
        }
        scores.insert(lang, row);
    }
    scores
}

fn share(part: usize, whole: usize) -> f64 {
    part as f64 / whole as f64
}

fn totals(scores: &Scores) -> (usize, usize, usize) {
    scores
        .values()
        .fold((0, 0, 0), |a, r| (a.0 + r.0, a.1 + r.1, a.2 + r.2))
}

#[test]
fn accuracy_per_language_meets_the_targets() {
    let detector = detector();
    let paragraphs = score(&detector, "paragraphs");
    let sentences = score(&detector, "sentences");
    let short = score(&detector, "short");

    println!("| lang | paragraphs | sentences | short: correct | short: und | short: wrong |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: |");
    for lang in sentences.keys() {
        let (p, s, h) = (paragraphs[lang], sentences[lang], short[lang]);
        println!(
            "| {lang} | {:.1}% | {:.1}% | {:.1}% | {:.1}% | {:.1}% |",
            100.0 * share(p.1, p.0),
            100.0 * share(s.1, s.0),
            100.0 * share(h.1, h.0),
            100.0 * share(h.2, h.0),
            100.0 * share(h.0 - h.1 - h.2, h.0),
        );
    }
    let (p, s, h) = (totals(&paragraphs), totals(&sentences), totals(&short));
    println!(
        "| **all** | {:.2}% ({}) | {:.2}% ({}) | {:.2}% ({}) | {:.2}% | {:.2}% |",
        100.0 * share(p.1, p.0),
        p.0,
        100.0 * share(s.1, s.0),
        s.0,
        100.0 * share(h.1, h.0),
        h.0,
        100.0 * share(h.2, h.0),
        100.0 * share(h.0 - h.1 - h.2, h.0),
    );

    let mut failures = Vec::new();
    let mut check = |what: &str, value: f64, target: f64| {
        if value < target {
            failures.push(format!(
                "{what}: {:.2}% < {:.2}%",
                100.0 * value,
                100.0 * target
            ));
        }
    };
    check("paragraphs", share(p.1, p.0), PARAGRAPHS_TARGET);
    check("sentences", share(s.1, s.0), SENTENCES_TARGET);
    check(
        "short correct or und",
        share(h.1 + h.2, h.0),
        SHORT_CORRECT_OR_UND_TARGET,
    );
    for lang in sentences.keys() {
        let (p, s, h) = (paragraphs[lang], sentences[lang], short[lang]);
        check(
            &format!("{lang} paragraphs"),
            share(p.1, p.0),
            PER_LANGUAGE_FLOOR,
        );
        check(
            &format!("{lang} sentences"),
            share(s.1, s.0),
            PER_LANGUAGE_FLOOR,
        );
        check(
            &format!("{lang} short correct or und"),
            share(h.1 + h.2, h.0),
            SHORT_PER_LANGUAGE_FLOOR,
        );
    }
    assert!(
        failures.is_empty(),
        "below target:\n{}",
        failures.join("\n")
    );
}

/// A document whose sentences are the lines of `text` (the gold files are one sentence a line).
fn document_of_lines(text: &str) -> Document {
    let mut doc = Document::new("mixed.txt".into(), "0".into(), 0, Format::Txt, text.into());
    doc.text = text.to_string();
    doc.sentences = sentences_of_lines(text);
    doc
}

#[test]
fn mixed_documents_sentence_labels_match_the_gold() {
    let detector = detector();
    let dir = data_dir().join("mixed");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no mixed documents in {}", dir.display());
    let (mut total, mut correct) = (0, 0);
    for path in names {
        let text = std::fs::read_to_string(&path).unwrap();
        let gold_path = path.with_extension("gold.tsv");
        let gold: Vec<(String, String)> = std::fs::read_to_string(&gold_path)
            .unwrap()
            .lines()
            .filter(|l| !l.is_empty())
            .map(|l| {
                let (lang, sentence) = l.split_once('\t').expect("LANG<TAB>sentence");
                (lang.to_string(), sentence.to_string())
            })
            .collect();
        let mut doc = document_of_lines(text.trim_end());
        detector.detect_document(&mut doc);
        detector.detect_sentences(&mut doc);
        assert_eq!(doc.sentences.len(), gold.len(), "{}", gold_path.display());
        let majority = gold
            .iter()
            .fold(BTreeMap::<&str, usize>::new(), |mut m, (l, _)| {
                *m.entry(l).or_default() += 1;
                m
            });
        let main = majority
            .iter()
            .max_by_key(|(_, n)| **n)
            .map(|(l, _)| *l)
            .unwrap();
        assert_eq!(doc.lang, main, "{}: document language", path.display());
        for (sentence, (lang, gold_text)) in doc.sentences.iter().zip(&gold) {
            assert_eq!(&sentence.text, gold_text);
            total += 1;
            if &sentence.lang == lang {
                correct += 1;
            } else {
                println!(
                    "{}: {lang} read as {}: {gold_text}",
                    path.display(),
                    sentence.lang
                );
            }
        }
        let listed: Vec<&str> = doc.langs.iter().map(|s| s.lang.as_str()).collect();
        for lang in majority.keys() {
            assert!(
                listed.contains(lang),
                "{}: langs {listed:?} lack {lang}",
                path.display()
            );
        }
    }
    let accuracy = share(correct, total);
    println!(
        "mixed documents: {correct}/{total} sentences correct ({:.2}%)",
        100.0 * accuracy
    );
    assert!(
        accuracy >= MIXED_SENTENCES_TARGET,
        "mixed sentences {:.2}%",
        100.0 * accuracy
    );
}
