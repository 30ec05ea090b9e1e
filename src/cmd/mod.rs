//! One file per subcommand: each parses its arguments and calls the library.

pub mod build;
pub mod clean;
pub mod detect;
pub mod finalize;
pub mod segment;

use std::io::Read;

/// The default config path, relative to the working directory.
pub const DEFAULT_CONFIG: &str = "config/corpusmill.toml";

/// All of standard input as text (BOM and CRLF normalised).
pub fn read_stdin_text() -> anyhow::Result<String> {
    let mut bytes = Vec::new();
    std::io::stdin().read_to_end(&mut bytes)?;
    corpusmill::read::decode(&bytes).map_err(|(reason, message)| {
        anyhow::anyhow!("standard input: {} ({message})", reason.code())
    })
}
