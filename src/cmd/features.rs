//! `corpusmill features DIR`: the article finder's features of every kept line of every
//! document in DIR, as JSON Lines: the training data of `scripts/train_article_finder.py`.
//! Lines are cleaned as in a build over DIR (repeated lines counted over DIR), and the model
//! of the config scores them, so its context features are those a build computes.
//!
//! Usage: corpusmill features DIR [--config FILE] [--set KEY=VALUE]

use anyhow::Context;
use corpusmill::clean::{ArticleFinder, Cleaner, LineStats};
use corpusmill::document::Format;
use corpusmill::read::split_front_matter;
use serde_json::json;
use std::io::Write;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// Folder of .txt/.md documents.
    dir: PathBuf,
    #[command(flatten)]
    config: super::ConfigArgs,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let config = args.config.load()?;
    let mut cleaner = Cleaner::new(&config)?;
    let list = || {
        corpusmill::read::Discovery::new(&args.dir, None)
            .with_context(|| format!("cannot list {}", args.dir.display()))
    };
    let inputs = corpusmill::read::Inputs::new(list()?, &config.input);
    cleaner.set_line_stats(LineStats::count(inputs, &config.input, &config.clean));
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    writeln!(
        out,
        "{}",
        json!({"features": ArticleFinder::feature_names()})
    )?;
    for file in list()? {
        let bytes = std::fs::read(&file.path)
            .with_context(|| format!("cannot read {}", file.path.display()))?;
        let Ok(decoded) = corpusmill::read::decode(&bytes, config.input.max_control_ratio) else {
            continue;
        };
        let split = split_front_matter(&decoded.text);
        let format = if split.front_matter.is_some() {
            Format::Md
        } else {
            Format::Txt
        };
        let title = split
            .front_matter
            .as_ref()
            .and_then(|fm| fm.get("title")?.as_str().map(str::to_string));
        let trace = cleaner.trace(&split.body, format, title.as_deref());
        for line in trace.lines.iter().filter(|l| l.score.is_some()) {
            writeln!(
                out,
                "{}",
                json!({"path": file.rel_path, "line": line.line, "text": line.text, "kept": line.kept, "score": line.score, "features": line.features})
            )?;
        }
    }
    out.flush()?;
    Ok(())
}
