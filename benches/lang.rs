//! Language detection speed on the team's test set, in MB of text per second of CPU time (per
//! core, single thread), and the peak memory of the process.
//!
//! Usage: cargo bench --bench lang [-- SECONDS]   (default: 3 seconds per measurement)

use corpusmill::document::Format;
use corpusmill::lang::LanguageDetector;
use corpusmill::segment::sentences_of_lines;
use corpusmill::{Config, Document};
use std::path::Path;
use std::time::{Duration, Instant};

fn main() -> anyhow::Result<()> {
    let seconds: f64 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(3.0);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut config = Config::load(&root.join("config/corpusmill.toml"))?;
    let data = root.join("tests/data/lang");
    let mut documents = Vec::new();
    let mut sentences = Vec::new();
    for entry in std::fs::read_dir(data.join("paragraphs"))? {
        documents.push(std::fs::read_to_string(entry?.path())?);
    }
    for entry in std::fs::read_dir(data.join("sentences"))? {
        let text = std::fs::read_to_string(entry?.path())?;
        sentences.extend(text.lines().filter(|l| !l.is_empty()).map(String::from));
    }
    documents.sort();
    let doc_bytes: usize = documents.iter().map(String::len).sum();
    println!(
        "{} documents ({} KB, one per language: its paragraphs), {} sentences",
        documents.len(),
        doc_bytes / 1000,
        sentences.len()
    );

    let detector = LanguageDetector::new(&config)?;
    let sample = config.lang.document_sample_bytes;
    report(
        &format!("detect_document (sample {sample} B)"),
        seconds,
        || {
            for text in &documents {
                let mut doc = document(text);
                detector.detect_document(&mut doc);
            }
            doc_bytes
        },
    );
    config.lang.document_sample_bytes = usize::MAX;
    let whole = LanguageDetector::new(&config)?;
    report("detect_document (whole text)", seconds, || {
        for text in &documents {
            let mut doc = document(text);
            whole.detect_document(&mut doc);
        }
        doc_bytes
    });
    report("detect, one sentence at a time", seconds, || {
        sentences
            .iter()
            .map(|s| {
                let found = detector.detect(s);
                std::hint::black_box(found);
                s.len()
            })
            .sum()
    });
    report("detect_sentences (documents of lines)", seconds, || {
        for text in &documents {
            let mut doc = document(text);
            detector.detect_document(&mut doc);
            doc.sentences = sentences_of_lines(text);
            detector.detect_sentences(&mut doc);
        }
        doc_bytes
    });
    println!("peak memory (VmHWM): {}", peak_memory());
    Ok(())
}

fn document(text: &str) -> Document {
    let mut doc = Document::new(
        "bench.txt".into(),
        "0".into(),
        0,
        Format::Txt,
        String::new(),
    );
    doc.text = text.to_string();
    doc
}

/// Run `round` (which returns the bytes it processed) for about `seconds`, after a warm-up that
/// loads lazily built models, and print MB per CPU second.
fn report(name: &str, seconds: f64, mut round: impl FnMut() -> usize) {
    round();
    let (wall, cpu) = (Instant::now(), cpu_time());
    let mut bytes = 0;
    while wall.elapsed() < Duration::from_secs_f64(seconds) {
        bytes += round();
    }
    let cpu = (cpu_time() - cpu).as_secs_f64();
    let wall = wall.elapsed().as_secs_f64();
    println!(
        "{name:40} {:8.2} MB/s per core (CPU time), {:8.2} MB/s wall",
        bytes as f64 / cpu / 1e6,
        bytes as f64 / wall / 1e6
    );
}

/// CPU time of this process (user + system), from /proc/self/stat.
fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or("", |(_, rest)| rest)
        .split_whitespace()
        .collect();
    let ticks: u64 = fields
        .get(11..13)
        .map_or(0, |f| f.iter().filter_map(|v| v.parse::<u64>().ok()).sum());
    Duration::from_millis(ticks * 10)
}

fn peak_memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with("VmHWM"))
        .map_or("unknown".into(), |l| {
            l.split_whitespace().skip(1).collect::<Vec<_>>().join(" ")
        })
}
