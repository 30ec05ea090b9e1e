//! `corpusmill clean`: one raw document on stdin, the cleaned text on stdout.
//! With `--explain`, JSON Lines of every line's decision (kept text and removed spans with
//! their rule ids) instead.
//!
//! With `--corpus DIR`, lines repeated across the documents of DIR are removed as in a build
//! over DIR (`generic.repeated_line`).
//!
//! Usage: corpusmill clean [--explain] [--markdown] [--corpus DIR] [--config FILE] [--set KEY=VALUE]

use anyhow::Context;
use corpusmill::clean::{Cleaner, LineStats};
use corpusmill::document::Format;
use corpusmill::read::split_front_matter;
use serde_json::json;
use std::io::Write;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// Print each line's decision as JSON Lines instead of the cleaned text.
    #[arg(long)]
    explain: bool,
    /// Treat the input as Markdown (default: when it starts with front matter).
    #[arg(long)]
    markdown: bool,
    /// Count repeated lines over this input folder first, as `build --input DIR` does.
    #[arg(long)]
    corpus: Option<PathBuf>,
    #[command(flatten)]
    config: super::ConfigArgs,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let config = args.config.load()?;
    let mut cleaner = Cleaner::new(&config)?;
    if let Some(corpus) = &args.corpus {
        let files = corpusmill::read::Discovery::new(corpus, None).with_context(|| {
            format!(
                "cannot list the corpus folder {}: pass --corpus with a folder of .txt/.md files",
                corpus.display()
            )
        })?;
        let inputs = corpusmill::read::Inputs::new(files, &config.input);
        cleaner.set_line_stats(LineStats::count(inputs, &config.input, &config.clean));
    }
    let input = super::read_stdin_text()?;
    let split = split_front_matter(&input);
    let markdown = args.markdown || split.front_matter.is_some();
    let format = if markdown { Format::Md } else { Format::Txt };
    let title = split
        .front_matter
        .as_ref()
        .and_then(|fm| fm.get("title")?.as_str().map(str::to_string));
    let trace = cleaner.trace(&split.body, format, title.as_deref());
    let mut out = std::io::stdout().lock();
    if args.explain {
        for removal in &trace.markup_removed {
            writeln!(
                out,
                "{}",
                json!({"line": null, "action": "remove", "rule_id": removal.rule_id, "text": removal.text})
            )?;
        }
        for line in &trace.lines {
            if line.text.is_empty() {
                continue;
            }
            let action = match (line.kept.is_empty(), line.removed.is_empty()) {
                (false, true) => "keep",
                (true, _) => "remove",
                (false, false) => "cut",
            };
            writeln!(
                out,
                "{}",
                json!({"line": line.line, "action": action, "text": line.text, "kept": line.kept, "removed": line.removed, "score": line.score})
            )?;
        }
        writeln!(
            out,
            "{}",
            json!({"is_truncated": trace.is_truncated, "truncated_by": trace.truncated_by, "headline": trace.headline, "header": trace.header})
        )?;
    } else {
        let mut doc =
            corpusmill::Document::new(String::new(), String::new(), 0, format, split.body);
        doc.front_matter = split.front_matter;
        cleaner.clean(&mut doc);
        writeln!(out, "{}", doc.text)?;
    }
    Ok(())
}
