//! `corpusmill config`: print the default config (with its comments) or the effective config
//! of a run (after `--config` and `--set`), with where it came from and its hash.
//!
//! Usage: corpusmill config [--print-default] [--config FILE] [--set KEY=VALUE]

use corpusmill::config::{default_config_text, ConfigOrigin};
use std::io::Write;

#[derive(clap::Args)]
pub struct Args {
    /// Print the built-in default config, with a comment on every key.
    #[arg(long)]
    print_default: bool,
    #[command(flatten)]
    config: super::ConfigArgs,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    if args.print_default {
        write!(out, "{}", default_config_text())?;
        return Ok(());
    }
    let config = args.config.load()?;
    let origin = match &config.origin {
        ConfigOrigin::Embedded => "built-in defaults".to_string(),
        ConfigOrigin::DefaultFile(path) | ConfigOrigin::File(path) => path.display().to_string(),
    };
    writeln!(out, "# config: {origin}")?;
    for assignment in &config.overrides {
        writeln!(out, "# --set {assignment}")?;
    }
    writeln!(out, "# config_hash: {}\n", config.hash)?;
    write!(out, "{}", config.to_toml())?;
    Ok(())
}
