//! One file per subcommand: each parses its arguments and calls the library.

pub mod build;
pub mod clean;
pub mod detect;
pub mod segment;

use std::io::Read;

/// The default config path, relative to the working directory.
pub const DEFAULT_CONFIG: &str = "config/corpusmill.toml";

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
