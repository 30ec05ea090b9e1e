//! `corpusmill eval --gold PAGES.jsonl [OUT]`: score a built corpus against gold pages (body
//! F1 of word 4-grams, snippets kept and leaked, title, author, published date).
//!
//! Usage: corpusmill eval --gold PAGES.jsonl [--split dev] [--match stem|url] [OUT]

use corpusmill::eval::{self, MatchBy};
use std::io::Write;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// Output folder of `corpusmill build`.
    #[arg(default_value = "out")]
    out: PathBuf,
    /// Gold pages, one JSON object per line (docs/cleaning.md#measuring-a-change).
    #[arg(long)]
    gold: PathBuf,
    /// Score only the gold pages whose `split` is this value.
    #[arg(long)]
    split: Option<String>,
    /// How a document finds its gold page: its file name up to the first dot, or its url.
    #[arg(long = "match", value_enum, default_value_t = MatchBy::Stem)]
    match_by: MatchBy,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let gold = eval::read_gold(&args.gold, args.split.as_deref())?;
    if gold.is_empty() {
        anyhow::bail!(
            "{} has no gold pages{}",
            args.gold.display(),
            args.split
                .map(|s| format!(" of split {s:?}"))
                .unwrap_or_default()
        );
    }
    let predictions = eval::read_predictions(&args.out, args.match_by)?;
    let report = eval::score(&gold, &predictions);
    write!(std::io::stdout().lock(), "{report}")?;
    Ok(())
}
