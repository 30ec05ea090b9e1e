//! The run configuration (`config/corpusmill.toml`) and the rule files it points at.

use anyhow::{bail, Context, Result};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct InputConfig {
    /// File extensions read as documents; other files are rejected as unsupported.
    pub extensions: Vec<String>,
    /// Files larger than this are rejected without being read whole.
    pub max_file_bytes: u64,
    /// Lines longer than this (bytes) are split or rejected, per `long_lines`.
    pub max_line_bytes: usize,
    pub long_lines: LongLines,
    /// Decoded text with a larger share of control characters is rejected as binary.
    pub max_control_ratio: f64,
    /// Files with no text, or none left after cleaning: reject them or keep empty documents.
    pub empty_documents: EmptyDocuments,
}

impl Default for InputConfig {
    fn default() -> Self {
        InputConfig {
            extensions: vec!["txt".into(), "md".into()],
            max_file_bytes: 64 * 1024 * 1024,
            max_line_bytes: 64 * 1024,
            long_lines: LongLines::Split,
            max_control_ratio: 0.01,
            empty_documents: EmptyDocuments::Reject,
        }
    }
}

/// What to do with a line over `input.max_line_bytes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LongLines {
    /// Break it at spaces into lines within the limit, and warn.
    Split,
    /// Reject the file as `line_too_long`.
    Reject,
}

/// What to do with a file that holds no text, or none after boilerplate removal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmptyDocuments {
    /// Reject it as `empty` or `no_content`.
    Reject,
    /// Keep it as a document with empty text and a warning.
    Keep,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CleanConfig {
    /// Folder of boilerplate rule packs, relative to the config file.
    pub rules_dir: String,
    /// Longest trailing run of short non-sentence lines removed as a footer.
    pub footer_max_lines: usize,
    /// Lines with at most this many words, and no final punctuation, can be footer lines.
    pub footer_max_words: usize,
}

impl Default for CleanConfig {
    fn default() -> Self {
        CleanConfig {
            rules_dir: "boilerplate".into(),
            footer_max_lines: 8,
            footer_max_words: 12,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LangConfig {
    /// Text shorter than this (in letters) is `und` unless it can inherit the document language.
    pub min_letters: usize,
    /// Below this confidence a sentence inherits the document language when the script agrees.
    pub min_sentence_confidence: f32,
}

impl Default for LangConfig {
    fn default() -> Self {
        LangConfig {
            min_letters: 12,
            min_sentence_confidence: 0.5,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SegmentConfig {
    /// Folder of per-language abbreviation lists, relative to the config file.
    pub abbreviations_dir: String,
}

impl Default for SegmentConfig {
    fn default() -> Self {
        SegmentConfig {
            abbreviations_dir: "abbreviations".into(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MetadataConfig {
    /// Publisher rules, relative to the config file.
    pub publishers: String,
}

impl Default for MetadataConfig {
    fn default() -> Self {
        MetadataConfig {
            publishers: "publishers.toml".into(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OutputConfig {
    /// Documents per processing batch; each batch becomes one Parquet row group.
    pub batch_docs: usize,
}

impl Default for OutputConfig {
    fn default() -> Self {
        OutputConfig { batch_docs: 1000 }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub input: InputConfig,
    pub clean: CleanConfig,
    pub lang: LangConfig,
    pub segment: SegmentConfig,
    pub metadata: MetadataConfig,
    pub output: OutputConfig,
    /// Folder the relative rule paths are resolved against (the config file's folder).
    #[serde(skip)]
    pub base_dir: PathBuf,
    /// sha256 of the config file and every rule file it uses.
    #[serde(skip)]
    pub hash: String,
}

impl Config {
    /// Load a config file and hash it together with the rule files it refers to.
    pub fn load(path: &Path) -> Result<Config> {
        let source = std::fs::read_to_string(path).with_context(|| {
            format!(
                "cannot read config {}: pass --config with the path of corpusmill.toml",
                path.display()
            )
        })?;
        let mut config: Config = toml::from_str(&source)
            .with_context(|| format!("invalid config {}", path.display()))?;
        if config.output.batch_docs == 0 {
            bail!(
                "invalid config {}: output.batch_docs must be at least 1",
                path.display()
            );
        }
        config.base_dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
        config.hash = config.compute_hash(source.as_bytes())?;
        Ok(config)
    }

    pub fn rules_dir(&self) -> PathBuf {
        self.base_dir.join(&self.clean.rules_dir)
    }

    pub fn abbreviations_dir(&self) -> PathBuf {
        self.base_dir.join(&self.segment.abbreviations_dir)
    }

    pub fn publishers_path(&self) -> PathBuf {
        self.base_dir.join(&self.metadata.publishers)
    }

    fn compute_hash(&self, config_bytes: &[u8]) -> Result<String> {
        let mut hasher = Sha256::new();
        hasher.update(b"corpusmill.toml\0");
        hasher.update(config_bytes);
        let mut files = toml_files_in(&self.rules_dir())?;
        files.extend(toml_files_in(&self.abbreviations_dir())?);
        files.push(self.publishers_path());
        for file in files {
            let bytes =
                std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let name = file
                .strip_prefix(&self.base_dir)
                .unwrap_or(&file)
                .to_string_lossy()
                .replace('\\', "/");
            hasher.update(name.as_bytes());
            hasher.update([0u8]);
            hasher.update(&bytes);
        }
        Ok(crate::text::hex(&hasher.finalize()))
    }
}

/// The `.toml` files directly inside `dir`, sorted by name.
pub fn toml_files_in(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read rule folder {}", dir.display()))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "toml") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}
