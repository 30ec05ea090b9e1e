//! Segmentation speed, single thread: `cargo bench --bench segment`.
//!
//! Texts: the raw/ sample (French news, as read from disk) and each language's gold cases,
//! each repeated to about 4 MB and segmented as one document per copy.

use corpusmill::segment::{spans_to_sentences, Segmenter};
use std::path::Path;
use std::time::Instant;

const TARGET_BYTES: usize = 4_000_000;

fn main() -> anyhow::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let segmenter = Segmenter::load_dir(&root.join("config/abbreviations"))?;
    let mut texts = vec![("fr raw/".to_string(), "fr", raw_sample(&root.join("raw"))?)];
    for lang in ["fr", "en", "de", "es", "it", "ru"] {
        let path = root.join(format!("tests/data/segment/{lang}.jsonl"));
        let mut text = String::new();
        for line in std::fs::read_to_string(&path)?.lines() {
            let case: serde_json::Value = serde_json::from_str(line)?;
            text.push_str(case["text"].as_str().unwrap_or_default());
            text.push_str("\n\n");
        }
        texts.push((format!("{lang} cases"), lang, text));
    }
    texts.push((
        "zh fallback".into(),
        "zh",
        "我们走吧。他来了！你好吗？\n".repeat(50),
    ));
    println!("| text | MB | sentences | MB/s | sentences/s |");
    println!("| --- | ---: | ---: | ---: | ---: |");
    for (name, lang, unit) in texts {
        let copies = TARGET_BYTES / unit.len().max(1) + 1;
        let start = Instant::now();
        let mut sentences = 0;
        for _ in 0..copies {
            let spans = segmenter.segment(&unit, lang);
            sentences += spans_to_sentences(&unit, &spans).len();
        }
        let seconds = start.elapsed().as_secs_f64();
        let mb = (unit.len() * copies) as f64 / 1e6;
        println!(
            "| {name} | {mb:.1} | {sentences} | {:.1} | {:.0} |",
            mb / seconds,
            sentences as f64 / seconds
        );
    }
    Ok(())
}

fn raw_sample(dir: &Path) -> anyhow::Result<String> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    paths.sort();
    let mut text = String::new();
    for path in paths {
        text.push_str(&std::fs::read_to_string(path)?);
        text.push_str("\n\n");
    }
    Ok(text)
}
