//! `corpusmill build`: read a folder of raw documents and write the Parquet corpus.
//!
//! Usage: corpusmill build [--input raw] [--output out] [--config config/corpusmill.toml] [--threads N]

use corpusmill::{build, BuildOptions};
use std::path::PathBuf;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// Folder of raw documents, read recursively.
    #[arg(long, default_value = "raw")]
    input: PathBuf,
    /// Output folder (replaced atomically when the build succeeds).
    #[arg(long, default_value = "out")]
    output: PathBuf,
    /// Config file; rule folders are resolved next to it.
    #[arg(long, default_value = super::DEFAULT_CONFIG)]
    config: PathBuf,
    /// Worker threads (default: all cores). Output is identical for any value.
    #[arg(long)]
    threads: Option<usize>,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let started = Instant::now();
    let config = corpusmill::Config::load(&args.config)?;
    let options = BuildOptions {
        input: args.input,
        output: args.output,
        config,
        threads: args.threads,
    };
    let report = build(&options)?;
    let counts = &report.manifest.counts;
    let seconds = started.elapsed().as_secs_f64();
    eprintln!(
        "corpusmill: {} inputs -> {} documents, {} sentences, {} rejected in {:.2}s ({:.0} docs/s) -> {}",
        counts.inputs,
        counts.documents,
        counts.sentences,
        counts.rejected,
        seconds,
        counts.inputs as f64 / seconds.max(1e-9),
        options.output.display()
    );
    for (reason, n) in &report.manifest.rejects_by_reason {
        eprintln!("corpusmill:   rejected {n} as {reason} (see rejects/ and manifest.json)");
    }
    Ok(())
}
