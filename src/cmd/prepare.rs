//! `corpusmill prepare`: the stage before the shards of a sharded build. Each task counts the
//! repeated-line candidates of its own share of the inputs (`--shard K/N`, or the Slurm /
//! Kubernetes index), then one `--reduce N` sums them; `build --shard K/N` reads the sum
//! instead of counting every input of the corpus again (docs/scaling.md).
//!
//! Usage: corpusmill prepare [--input raw] [--output out] [--config FILE] [--set KEY=VALUE]
//!        [--include GLOB] [--exclude GLOB] [--threads N] (--shard K/N | --shard-count N | --reduce N)

use corpusmill::shard::Shard;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// Folder of raw documents, read recursively.
    #[arg(long, default_value = "raw")]
    input: PathBuf,
    /// Output folder of the sharded build.
    #[arg(long, default_value = "out")]
    output: PathBuf,
    #[command(flatten)]
    config: super::ConfigArgs,
    /// Only read files matching this glob (as for build).
    #[arg(long, value_name = "GLOB")]
    include: Vec<String>,
    /// Do not read files matching this glob (as for build).
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// Threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// Count the lines of shard K of N (0-based). Default: from the scheduler's environment.
    #[arg(long, value_parser = Shard::parse)]
    shard: Option<Shard>,
    /// Number of shards of a Kubernetes Indexed Job (else CORPUSMILL_SHARD_COUNT).
    #[arg(long)]
    shard_count: Option<u32>,
    /// Sum the counts of all N shards, after every `prepare --shard K/N` has run.
    #[arg(long, value_name = "N", conflicts_with = "shard")]
    reduce: Option<u32>,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let mut overrides = args.config.set.clone();
    let array = |values: &[String]| {
        let quoted: Vec<String> = values.iter().map(|v| format!("{v:?}")).collect();
        format!("[{}]", quoted.join(", "))
    };
    if !args.include.is_empty() {
        overrides.push(format!("input.include={}", array(&args.include)));
    }
    if !args.exclude.is_empty() {
        overrides.push(format!("input.exclude={}", array(&args.exclude)));
    }
    let config = corpusmill::Config::resolve(args.config.config.as_deref(), &overrides)?;
    if let Some(shards) = args.reduce {
        let path = corpusmill::prepare::merge(&args.output, &config, shards)?;
        eprintln!(
            "corpusmill: summed the line counts of {shards} shards -> {}",
            path.display()
        );
        return Ok(());
    }
    let shard = match args.shard {
        Some(shard) => shard,
        None => Shard::from_env(|name| std::env::var(name).ok(), args.shard_count)?.ok_or_else(
            || {
                anyhow::anyhow!(
                    "prepare needs --shard K/N (or a Slurm array / Indexed Job), or --reduce N"
                )
            },
        )?,
    };
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(threads) = args.threads {
        pool = pool.num_threads(threads);
    }
    let pool = pool.build()?;
    let path = pool
        .install(|| corpusmill::prepare::count_share(&args.input, &args.output, &config, shard))?;
    eprintln!(
        "corpusmill: counted the lines of shard {}/{} -> {}",
        shard.index,
        shard.count,
        path.display()
    );
    Ok(())
}
