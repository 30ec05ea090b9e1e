//! Quality-signal speed, single thread: `cargo bench --bench quality`.
//!
//! Texts: the 190 English article bodies of `tests/data/quality/` (spaCy-style tokenizer) and
//! the raw/ sample (French, the project's word splitter), each scored until about 4 MB.

use corpusmill::config::Config;
use corpusmill::quality::QualityScorer;
use std::path::Path;
use std::time::Instant;

const TARGET_BYTES: usize = 4_000_000;

fn main() -> anyhow::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scorer = QualityScorer::new(&Config::load(&root.join("config/corpusmill.toml"))?)?;
    let mut english = Vec::new();
    let bodies = root.join("tests/data/quality/wcxb_dev_bodies.jsonl");
    for line in std::fs::read_to_string(bodies)?.lines() {
        let body: serde_json::Value = serde_json::from_str(line)?;
        english.push(body["text"].as_str().unwrap_or_default().to_string());
    }
    let mut french = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(root.join("raw"))?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    paths.sort();
    for path in paths {
        french.push(std::fs::read_to_string(path)?);
    }
    println!("| texts | documents | MB | MB/s | us/document |");
    println!("| --- | ---: | ---: | ---: | ---: |");
    for (name, lang, texts) in [
        ("en WCXB bodies", "en", &english),
        ("fr raw/", "fr", &french),
    ] {
        let unit: usize = texts.iter().map(String::len).sum();
        let copies = TARGET_BYTES / unit.max(1) + 1;
        let start = Instant::now();
        let mut words = 0;
        for _ in 0..copies {
            for text in texts {
                words += scorer.score(text, lang).signals.n_words;
            }
        }
        let seconds = start.elapsed().as_secs_f64();
        let (documents, mb) = (copies * texts.len(), (copies * unit) as f64 / 1e6);
        println!(
            "| {name} ({words} words) | {documents} | {mb:.1} | {:.1} | {:.1} |",
            mb / seconds,
            seconds * 1e6 / documents as f64
        );
    }
    Ok(())
}
