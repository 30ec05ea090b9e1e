//! `corpusmill finalize OUT`: after every shard of a sharded build has run, check that each
//! completed and write the combined `OUT/manifest.json`.
//!
//! Usage: corpusmill finalize [OUT]

use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// Output folder the shards wrote into.
    #[arg(default_value = "out")]
    output: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let manifest = corpusmill::shard::finalize(&args.output)?;
    let counts = &manifest.counts;
    eprintln!(
        "corpusmill: finalized {} shard files: {} inputs -> {} documents, {} sentences, {} rejected -> {}",
        manifest.outputs.len(),
        counts.inputs,
        counts.documents,
        counts.sentences,
        counts.rejected,
        args.output.join("manifest.json").display()
    );
    Ok(())
}
