//! `corpusmill build`: read a folder of raw documents and write the Parquet corpus.
//!
//! Usage: corpusmill build [--input raw] [--output out] [--config config/corpusmill.toml] [--threads N]
//!                         [--shard K/N | --shard-count N] [--force] [--incremental]

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
    /// Build only shard K of N (0-based) into its own part files; then `corpusmill finalize`.
    /// Default: from SLURM_ARRAY_TASK_ID/COUNT or JOB_COMPLETION_INDEX, else the whole corpus.
    #[arg(long, value_parser = corpusmill::shard::Shard::parse)]
    shard: Option<corpusmill::shard::Shard>,
    /// Number of shards of a Kubernetes Indexed Job (else CORPUSMILL_SHARD_COUNT).
    #[arg(long)]
    shard_count: Option<u32>,
    /// Rebuild the shard even if it already completed with the same config and inputs.
    #[arg(long)]
    force: bool,
    /// Reuse the rows of the corpus already in --output for unchanged inputs.
    #[arg(long)]
    incremental: bool,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let started = Instant::now();
    let config = corpusmill::Config::load(&args.config)?;
    let shard = match args.shard {
        Some(shard) => Some(shard),
        None => {
            corpusmill::shard::Shard::from_env(|name| std::env::var(name).ok(), args.shard_count)?
        }
    };
    let options = BuildOptions {
        input: args.input,
        output: args.output,
        config,
        threads: args.threads,
        shard,
        force: args.force,
        incremental: args.incremental,
    };
    let report = build(&options)?;
    if let (Some(shard), true) = (shard, report.skipped) {
        eprintln!(
            "corpusmill: shard {}/{} already completed with this config and these inputs: skipped (--force rebuilds it)",
            shard.index, shard.count
        );
        return Ok(());
    }
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
    if let Some(reason) = &report.full_rebuild_reason {
        eprintln!("corpusmill:   --incremental rebuilt everything: {reason}");
    } else if args.incremental {
        eprintln!(
            "corpusmill:   --incremental reused {} documents, processed {}",
            report.reused,
            counts.documents - report.reused
        );
    }
    let profile: Vec<String> = report
        .stage_seconds
        .iter()
        .map(|(stage, seconds)| format!("{stage} {seconds:.2}s"))
        .collect();
    eprintln!(
        "corpusmill:   stage time summed over threads: {}",
        profile.join(", ")
    );
    for (reason, n) in &report.manifest.rejects_by_reason {
        eprintln!("corpusmill:   rejected {n} as {reason} (see rejects/ and manifest.json)");
    }
    Ok(())
}
