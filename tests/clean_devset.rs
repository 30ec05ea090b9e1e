//! Scores the cleaner on the team's annotated dev set (`tests/data/clean/*.ann`, format in its
//! README): per language, the share of content characters kept and of noise lines removed.
//! Fails below the targets of issue 3 in any language.

use corpusmill::clean::{to_plain_lines, Cleaner, LineStats};
use corpusmill::read::{read_document, Input, InputFile};
use corpusmill::Config;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const MIN_CONTENT_KEPT: f64 = 0.99;
const MIN_NOISE_REMOVED: f64 = 0.95;
/// Floors on the probe set, set from measurement (docs/cleaning.md; 0.95 since the eleventh
/// set, 2026-12-04: 96.1-97.6% per language on all eleven; 0.96 since the thirteenth,
/// 2026-12-05: 96.7-98.7% on all thirteen, 96.9-98.8% on all fourteen, 97.3-98.9% on all
/// fifteen, 97.3-99.0% on all sixteen; 0.97 since the thirty-second, 2026-12-06: 98.07-98.78%
/// on all 960 pages, 98.13-98.79% on all 990); the targets above are where they must rise to.
const PROBE_MIN_CONTENT_KEPT: f64 = 0.99;
const PROBE_MIN_NOISE_REMOVED: f64 = 0.97;

/// One annotated line: its tag, the raw text, and the noise spans glued inside it.
struct AnnLine {
    tag: char,
    raw: String,
    /// The raw text without the glued noise: what must stay of a `K` line.
    content: String,
    glued_noise: Vec<String>,
}

fn parse_ann(path: &Path) -> Vec<AnnLine> {
    let source = std::fs::read_to_string(path).unwrap();
    source
        .split('\n')
        .enumerate()
        .map(|(i, line)| {
            if line.is_empty() {
                return AnnLine {
                    tag: ' ',
                    raw: String::new(),
                    content: String::new(),
                    glued_noise: Vec::new(),
                };
            }
            let (tag, text) = line.split_once('\t').unwrap_or_else(|| {
                panic!("{}:{}: a tag and a TAB are missing", path.display(), i + 1)
            });
            assert!(
                matches!(tag, "K" | "D" | "M" | "F"),
                "{}:{}: unknown tag {tag:?}",
                path.display(),
                i + 1
            );
            let mut content = String::new();
            let mut glued_noise = Vec::new();
            let mut rest = text;
            while let Some(open) = rest.find('⟦') {
                content.push_str(&rest[..open]);
                let close = rest[open..]
                    .find('⟧')
                    .map(|c| open + c)
                    .unwrap_or_else(|| panic!("{}:{}: ⟦ without ⟧", path.display(), i + 1));
                glued_noise.push(rest[open + '⟦'.len_utf8()..close].to_string());
                rest = &rest[close + '⟧'.len_utf8()..];
            }
            content.push_str(rest);
            AnnLine {
                tag: tag.chars().next().unwrap(),
                raw: text.replace(['⟦', '⟧'], ""),
                content,
                glued_noise,
            }
        })
        .collect()
}

/// Markup-stripped, whitespace-normalised text, as the cleaner's output is compared.
fn normalise(text: &str, markdown: bool) -> String {
    let mut removed = Vec::new();
    to_plain_lines(text, markdown, &mut removed)
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[derive(Default)]
struct Score {
    docs: usize,
    content_chars: usize,
    kept_chars: usize,
    noise_items: usize,
    noise_gone: usize,
    /// The `M` lines among the noise: their removal also depends on the metadata rules.
    metadata_items: usize,
    metadata_gone: usize,
    missed: Vec<String>,
}

/// Rebuild the raw document of an `.ann` file into `dir`.
fn write_raw(ann_path: &Path, dir: &Path) -> InputFile {
    let name = ann_path.file_name().unwrap().to_string_lossy();
    let raw_name = name.trim_end_matches(".ann").to_string();
    let raw: Vec<String> = parse_ann(ann_path).into_iter().map(|l| l.raw).collect();
    let path = dir.join(&raw_name);
    std::fs::write(&path, raw.join("\n")).unwrap();
    InputFile {
        path,
        rel_path: raw_name,
        problem: None,
        path_warning: None,
    }
}

fn score_document(
    cleaner: &Cleaner,
    config: &Config,
    ann_path: &Path,
    file: &InputFile,
    score: &mut Score,
) {
    let raw_name = file.rel_path.clone();
    let markdown = raw_name.ends_with(".md");
    let lines = parse_ann(ann_path);
    let mut doc = read_document(&Input::File(file.clone()), &config.input)
        .unwrap_or_else(|r| panic!("{raw_name} is rejected: {}", r.message));
    cleaner.clean(&mut doc);
    let output: Vec<String> = doc
        .text
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect();

    // Output lines come from source lines in order: align them greedily, but an output line
    // that is the whole of a later source line belongs there (a headline under the page's
    // "Headline | Site" title line).
    let mut cursor = 0;
    score.docs += 1;
    let source: Vec<(&AnnLine, String)> = lines
        .iter()
        .filter(|l| l.tag != ' ' && l.tag != 'F')
        .map(|l| (l, normalise(&l.raw, markdown)))
        .collect();
    for (k, (line, full)) in source.iter().enumerate() {
        let later_whole = |out: &str| source[k + 1..].iter().any(|(_, f)| f == out);
        let mut survivors = Vec::new();
        while cursor < output.len()
            && !full.is_empty()
            && full.contains(&output[cursor])
            && (*full == output[cursor] || !later_whole(&output[cursor]))
        {
            survivors.push(output[cursor].as_str());
            cursor += 1;
        }
        let survived = survivors.join(" ");
        match line.tag {
            'K' => {
                let content = normalise(&line.content, markdown);
                let chars = content.chars().count();
                score.content_chars += chars;
                if survived.contains(&content) {
                    score.kept_chars += chars;
                } else {
                    score.missed.push(format!("{raw_name}: lost K {content:?}"));
                }
                for noise in &line.glued_noise {
                    let noise = normalise(noise, markdown);
                    score.noise_items += 1;
                    if noise.is_empty() || !survived.contains(&noise) {
                        score.noise_gone += 1;
                    } else {
                        score
                            .missed
                            .push(format!("{raw_name}: kept glued {noise:?}"));
                    }
                }
            }
            _ => {
                score.noise_items += 1;
                score.metadata_items += usize::from(line.tag == 'M');
                if survived.is_empty() {
                    score.noise_gone += 1;
                    score.metadata_gone += usize::from(line.tag == 'M');
                } else {
                    score
                        .missed
                        .push(format!("{raw_name}: kept {} {survived:?}", line.tag));
                }
            }
        }
    }
}

#[test]
fn cleaner_meets_the_targets_on_the_dev_set() {
    score_cleaner("tests/data/clean", 30, MIN_CONTENT_KEPT, MIN_NOISE_REMOVED);
}

/// The probe set (`tests/data/probe`, news page dumps written without the rules) stands in for
/// the team's held-out dumps: its floors are what the cleaner measured there (docs/cleaning.md),
/// so a change that loses ground on pages nobody tuned on fails.
#[test]
fn cleaner_holds_its_ground_on_the_probe_set() {
    score_cleaner(
        "tests/data/probe",
        980,
        PROBE_MIN_CONTENT_KEPT,
        PROBE_MIN_NOISE_REMOVED,
    );
}

/// Cleans every annotated document of `folder` and checks each language's content kept and
/// noise removed against the floors.
fn score_cleaner(folder: &str, min_docs: usize, min_kept: f64, min_removed: f64) {
    let project = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let config = Config::load(&project.join("config/corpusmill.toml")).unwrap();
    let mut cleaner = Cleaner::new(&config).unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(project.join(folder))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ann"))
        .collect();
    files.sort();
    assert!(
        files.len() >= min_docs,
        "{folder} has {} documents",
        files.len()
    );
    // The raw documents in one folder, cleaned with line counts over that corpus, as a build does.
    let corpus = tempfile::tempdir().unwrap();
    let inputs: Vec<InputFile> = files.iter().map(|f| write_raw(f, corpus.path())).collect();
    cleaner.set_line_stats(LineStats::count(
        inputs.clone(),
        &config.input,
        &config.clean,
    ));
    let mut scores: BTreeMap<String, Score> = BTreeMap::new();
    for (file, input) in files.iter().zip(&inputs) {
        let lang = file.file_name().unwrap().to_string_lossy()[..2].to_string();
        score_document(
            &cleaner,
            &config,
            file,
            input,
            scores.entry(lang).or_default(),
        );
    }
    println!("lang  docs  content kept  noise removed (of which M lines)");
    let mut failures = Vec::new();
    for (lang, s) in &scores {
        let kept = s.kept_chars as f64 / s.content_chars.max(1) as f64;
        let removed = s.noise_gone as f64 / s.noise_items.max(1) as f64;
        println!(
            "{lang}    {:>4}  {:>7.2}% ({}/{})  {:>7.2}% ({}/{}, M {}/{})",
            s.docs,
            kept * 100.0,
            s.kept_chars,
            s.content_chars,
            removed * 100.0,
            s.noise_gone,
            s.noise_items,
            s.metadata_gone,
            s.metadata_items
        );
        for missed in &s.missed {
            println!("      {missed}");
        }
        if kept < min_kept || removed < min_removed {
            failures.push(lang.clone());
        }
    }
    assert!(
        failures.is_empty(),
        "below the targets (content kept >= {min_kept}, noise removed >= {min_removed}) in: {failures:?}"
    );
}

/// Single-thread cleaning speed over a folder given in CORPUSMILL_BENCH_DIR (default: the dev
/// set): `cargo test --release --test clean_devset -- --ignored --nocapture`.
#[test]
#[ignore]
fn clean_throughput() {
    let project = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let config = Config::load(&project.join("config/corpusmill.toml")).unwrap();
    let mut cleaner = Cleaner::new(&config).unwrap();
    let dir = std::env::var("CORPUSMILL_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| project.join("raw"));
    let files: Vec<_> = corpusmill::read::Discovery::new(&dir, None)
        .unwrap()
        .collect();
    let docs: Vec<corpusmill::Document> = files
        .iter()
        .filter_map(|f| read_document(&Input::File(f.clone()), &config.input).ok())
        .collect();
    let bytes: usize = docs.iter().map(|d| d.body.len()).sum();
    let lines: usize = docs.iter().map(|d| d.body.lines().count()).sum();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let start = std::time::Instant::now();
    let stats = pool.install(|| LineStats::count(files.clone(), &config.input, &config.clean));
    let counting = start.elapsed().as_secs_f64();
    cleaner.set_line_stats(stats);
    let start = std::time::Instant::now();
    for doc in &docs {
        let mut doc = doc.clone();
        cleaner.clean(&mut doc);
    }
    let cleaning = start.elapsed().as_secs_f64();
    println!(
        "{} documents, {lines} lines, {:.2} MB: line counting {:.2} MB/s, cleaning {:.2} MB/s = {:.0} lines/s (one thread)",
        docs.len(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / counting,
        bytes as f64 / 1e6 / cleaning,
        lines as f64 / cleaning
    );
}
