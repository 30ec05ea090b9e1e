//! `corpusmill detect`: JSON Lines `{"text": ...}` on stdin, one `{"lang", "confidence", "script"}`
//! per line on stdout, in order (`"und"` when the text is too short or unclear; `"rule"` names
//! the script rule when one decided). Same code as the build's detect stage.
//!
//! Usage: corpusmill detect [--config FILE] [--set KEY=VALUE]

use corpusmill::lang::LanguageDetector;
use serde_json::json;
use std::io::{BufRead, Write};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    config: super::ConfigArgs,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let config = args.config.load()?;
    let detector = LanguageDetector::new(&config)?;
    let mut out = std::io::stdout().lock();
    for (number, line) in std::io::stdin().lock().lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let value: serde_json::Value = serde_json::from_str(&line).map_err(|e| {
            anyhow::anyhow!(
                "stdin line {}: not JSON ({e}); expected {{\"text\": ...}}",
                number + 1
            )
        })?;
        let text = value.get("text").and_then(|t| t.as_str()).ok_or_else(|| {
            anyhow::anyhow!("stdin line {}: no \"text\" string field", number + 1)
        })?;
        let detection = detector.detect(text);
        let mut answer = json!({
            "lang": detection.lang,
            "confidence": detection.confidence,
            "script": detection.script_code(),
        });
        if let Some(rule) = detection.rule {
            answer["rule"] = json!(rule);
        }
        writeln!(out, "{answer}")?;
    }
    Ok(())
}
