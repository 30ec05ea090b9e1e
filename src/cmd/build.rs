//! `corpusmill build`: read a folder of raw documents and write the Parquet corpus.
//!
//! Usage: corpusmill build [--input raw] [--output out] [--config FILE] [--set KEY=VALUE]
//!        [--include GLOB] [--exclude GLOB] [--partition-by lang] [--format jsonl] [--dry-run]
//!        [--threads N] [--shard K/N | --shard-count N] [--force] [--incremental] [--strict]
//!
//! Exit status: 0 built (rejects allowed), 1 failed, 2 usage error, 3 built with rejects under --strict.

use corpusmill::read::select::InputSelection;
use corpusmill::read::{read_document, Discovery, Inputs};
use corpusmill::{build, BuildOptions};
use std::collections::BTreeMap;
use std::io::Write;
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
    #[command(flatten)]
    config: super::ConfigArgs,
    /// Only read files matching this glob (repeatable; adds to input.include).
    #[arg(long, value_name = "GLOB")]
    include: Vec<String>,
    /// Do not read files matching this glob (repeatable; adds to input.exclude).
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// Write Hive-style partitions, e.g. documents/lang=fr/ (sets output.partition_by).
    #[arg(long, value_name = "COLUMN", value_parser = ["none", "lang"])]
    partition_by: Option<String>,
    /// Also write this format next to Parquet (sets output.jsonl).
    #[arg(long, value_name = "FORMAT", value_parser = ["jsonl"])]
    format: Option<String>,
    /// List the inputs and how each would be read (format, or reject reason); write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Threads for all the work, Parquet encoding included (default: all cores), so a job
    /// given N cores can pass N. Output is identical for any value.
    #[arg(long)]
    threads: Option<usize>,
    /// Exit with status 3 when any input was rejected (the corpus is still written).
    #[arg(long)]
    strict: bool,
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
    /// Move the documents these quality presets drop to the filtered table, with the rule
    /// that failed (sets quality.filters; docs/quality.md).
    #[arg(long, value_name = "PRESETS", value_delimiter = ',', value_parser = ["gopher", "c4", "fineweb"])]
    filter: Vec<String>,
    /// Write only the representative of each cluster of near-duplicates (sets
    /// dedup.keep = "representatives"; docs/dedup.md); the manifest counts the copies left out.
    #[arg(long)]
    drop_duplicates: bool,
}

impl Args {
    /// The flags that are config keys, as `--set` overrides (so the config hash covers them).
    fn overrides(&self) -> Vec<String> {
        let mut overrides = self.config.set.clone();
        let array = |values: &[String]| {
            let quoted: Vec<String> = values.iter().map(|v| format!("{v:?}")).collect();
            format!("[{}]", quoted.join(", "))
        };
        if !self.include.is_empty() {
            overrides.push(format!("input.include={}", array(&self.include)));
        }
        if !self.exclude.is_empty() {
            overrides.push(format!("input.exclude={}", array(&self.exclude)));
        }
        if let Some(column) = &self.partition_by {
            overrides.push(format!("output.partition_by={column}"));
        }
        if self.format.is_some() {
            overrides.push("output.jsonl=true".into());
        }
        if !self.filter.is_empty() {
            overrides.push(format!("quality.filters={}", array(&self.filter)));
        }
        if self.drop_duplicates {
            overrides.push("dedup.keep=\"representatives\"".into());
        }
        overrides
    }
}

/// A build that succeeded but rejected inputs under `--strict`; `main` exits with status 3.
#[derive(Debug)]
pub struct RejectsUnderStrict(pub u64);

impl std::fmt::Display for RejectsUnderStrict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} inputs were rejected and --strict is set (the corpus was written; see rejects/)",
            self.0
        )
    }
}

impl std::error::Error for RejectsUnderStrict {}

pub fn run(args: Args) -> anyhow::Result<()> {
    let started = Instant::now();
    let config = corpusmill::Config::resolve(args.config.config.as_deref(), &args.overrides())?;
    if args.dry_run {
        return dry_run(&args, &config);
    }
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
        observer: Some(Box::new(corpusmill::progress::Progress::for_stderr())),
        incremental: args.incremental,
    };
    let report = build(&options)?;
    if let (Some(shard), true) = (shard, report.skipped) {
        tracing::info!(
            "shard {}/{} already completed with this config and these inputs: skipped (--force rebuilds it)",
            shard.index,
            shard.count
        );
        return Ok(());
    }
    let counts = &report.manifest.counts;
    let seconds = started.elapsed().as_secs_f64();
    tracing::info!(
        "{} inputs -> {} documents, {} sentences, {} rejected in {:.2}s ({:.0} docs/s) -> {}",
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
    tracing::info!("stage time summed over threads: {}", profile.join(", "));
    for (reason, n) in &report.manifest.rejects_by_reason {
        let example = report
            .manifest
            .rejects
            .iter()
            .find(|r| r.reason.code() == reason)
            .map(|r| format!(", e.g. {:?}: {}", r.source_path, r.message))
            .unwrap_or_default();
        tracing::warn!("rejected {n} as {reason}{example}");
    }
    if counts.rejected > 0 {
        tracing::info!("every reject is listed in rejects/ and manifest.json");
    }
    for reject in &report.manifest.rejects {
        tracing::debug!(
            "rejected {}: {} ({})",
            reject.source_path,
            reject.reason.code(),
            reject.message
        );
    }
    if args.strict && counts.rejected > 0 {
        return Err(RejectsUnderStrict(counts.rejected).into());
    }
    Ok(())
}

/// One line per selected input on stdout: its format, or `reject` with the reason and why.
fn dry_run(args: &Args, config: &corpusmill::Config) -> anyhow::Result<()> {
    let files = Discovery::new(&args.input, Some(&args.output)).map_err(|e| {
        anyhow::anyhow!(
            "cannot list the input folder {}: {e}; pass --input with a folder of .txt/.md files",
            args.input.display()
        )
    })?;
    let selection = InputSelection::new(&config.input)?;
    let (mut found, mut selected) = (0, 0);
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    let mut out = std::io::stdout().lock();
    let files = files.inspect(|_| found += 1).filter(|file| {
        let selects = selection.selects(&file.rel_path);
        selected += usize::from(selects);
        selects
    });
    for input in Inputs::new(files, &config.input) {
        match read_document(&input, &config.input) {
            Ok(doc) => {
                writeln!(out, "{}\t{}", doc.format.as_str(), input.source_path())?;
                *kinds.entry(doc.format.as_str().to_string()).or_default() += 1;
            }
            Err(reject) => {
                let reason = reject.reason.code();
                writeln!(
                    out,
                    "reject\t{}\t{reason}: {}",
                    reject.source_path, reject.message
                )?;
                *kinds.entry(format!("rejected as {reason}")).or_default() += 1;
            }
        }
    }
    let summary: Vec<String> = kinds.iter().map(|(k, n)| format!("{n} {k}")).collect();
    tracing::info!(
        "dry run: {found} files under {}, {} selected ({}); nothing written",
        args.input.display(),
        selected,
        if summary.is_empty() {
            "none".to_string()
        } else {
            summary.join(", ")
        }
    );
    Ok(())
}
