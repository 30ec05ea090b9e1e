//! `corpusmill build`: read a folder of raw documents and write the Parquet corpus.
//!
//! Usage: corpusmill build [--input raw] [--output out] [--config config/corpusmill.toml] [--threads N] [--strict]
//!
//! Exit status: 0 built (rejects allowed), 1 failed, 2 usage error, 3 built with rejects under --strict.

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
    /// Exit with status 3 when any input was rejected (the corpus is still written).
    #[arg(long)]
    strict: bool,
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
        let example = report
            .manifest
            .rejects
            .iter()
            .find(|r| r.reason.code() == reason)
            .map(|r| format!(", e.g. {:?}: {}", r.source_path, r.message))
            .unwrap_or_default();
        eprintln!("corpusmill:   rejected {n} as {reason}{example}");
    }
    if counts.rejected > 0 {
        eprintln!("corpusmill:   every reject is listed in rejects/ and manifest.json");
    }
    if args.strict && counts.rejected > 0 {
        return Err(RejectsUnderStrict(counts.rejected).into());
    }
    Ok(())
}
