//! The `corpusmill` command line: parse arguments and dispatch to a subcommand in `cmd/`.

mod cmd;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "corpusmill",
    version,
    about = "Raw scraped articles to a clean Parquet corpus"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Build(cmd::build::Args),
    Clean(cmd::clean::Args),
    Detect(cmd::detect::Args),
    Segment(cmd::segment::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(args) => cmd::build::run(args),
        Command::Clean(args) => cmd::clean::run(args),
        Command::Detect(args) => cmd::detect::run(args),
        Command::Segment(args) => cmd::segment::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // Exit status: 0 success, 1 failure, 2 usage error (clap), 3 rejects under --strict.
        Err(error) if error.is::<cmd::build::RejectsUnderStrict>() => {
            eprintln!("corpusmill: {error}");
            ExitCode::from(3)
        }
        Err(error) => {
            eprintln!("corpusmill: error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
