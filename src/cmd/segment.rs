//! `corpusmill segment`: text on stdin, one JSON line per sentence on stdout with its
//! code-point offsets: `{"text": ..., "char_start": ..., "char_end": ...}`.
//!
//! Usage: corpusmill segment [--lang xx] [--config FILE] [--set KEY=VALUE]

use corpusmill::lang::LanguageDetector;
use corpusmill::segment::{spans_to_sentences, Segmenter};
use serde_json::json;
use std::io::Write;

#[derive(clap::Args)]
pub struct Args {
    /// Language of the text (ISO 639-1); detected when not given.
    #[arg(long)]
    lang: Option<String>,
    #[command(flatten)]
    config: super::ConfigArgs,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let config = args.config.load()?;
    let segmenter = Segmenter::load_dir(&config.abbreviations_dir())?;
    let text = super::read_stdin_text()?;
    let lang = match args.lang {
        Some(lang) => lang,
        None => LanguageDetector::new(&config)?.detect(&text).lang,
    };
    let spans = segmenter.segment(&text, &lang);
    let mut out = std::io::stdout().lock();
    for sentence in spans_to_sentences(&text, &spans) {
        writeln!(
            out,
            "{}",
            json!({"text": sentence.text, "char_start": sentence.char_start, "char_end": sentence.char_end})
        )?;
    }
    Ok(())
}
