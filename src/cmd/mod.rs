//! One file per subcommand: each parses its arguments and calls the library.

pub mod build;
pub mod clean;
pub mod config;
pub mod detect;
pub mod eval;
pub mod features;
pub mod finalize;
pub mod prepare;
pub mod schema;
pub mod segment;
pub mod stats;

use std::io::Read;
use std::path::PathBuf;

// How a subcommand finds its config (a plain comment: clap would show a doc comment as the
// description of every subcommand that flattens it).
#[derive(clap::Args)]
pub struct ConfigArgs {
    /// Config file; rule folders are resolved next to it [default: ./config/corpusmill.toml if
    /// it exists, else the defaults built into the binary].
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Override one config key for this run, e.g. --set output.batch_docs=500 (repeatable).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
}

impl ConfigArgs {
    pub fn load(&self) -> anyhow::Result<corpusmill::Config> {
        corpusmill::Config::resolve(self.config.as_deref(), &self.set)
    }
}

/// All of standard input as text (BOM and CRLF normalised).
pub fn read_stdin_text() -> anyhow::Result<String> {
    let mut bytes = Vec::new();
    std::io::stdin().read_to_end(&mut bytes)?;
    let max_control_ratio = corpusmill::config::InputConfig::default().max_control_ratio;
    corpusmill::read::decode(&bytes, max_control_ratio)
        .map(|decoded| decoded.text)
        .map_err(|(reason, message)| {
            anyhow::anyhow!("standard input: {} ({message})", reason.code())
        })
}
