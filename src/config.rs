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
}

impl Default for InputConfig {
    fn default() -> Self {
        InputConfig {
            extensions: vec!["txt".into(), "md".into()],
            max_file_bytes: 64 * 1024 * 1024,
        }
    }
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
    /// Allowlist of ISO 639-1/639-3 codes the detectors may answer; empty: every language known.
    pub languages: Vec<String>,
    /// Denylist, applied after the allowlist.
    pub exclude: Vec<String>,
    /// Script-level rules, relative to the config file.
    pub rules: String,
    /// Text with fewer letters than this is `und` (a sentence may still inherit the document's).
    pub min_letters: usize,
    /// Decisions below this confidence are `und`.
    pub min_confidence: f32,
    /// whatlang answers at or above this confidence are taken without a second opinion.
    pub fast_path_confidence: f32,
    /// Who is asked when whatlang is unsure or contradicted by the letters: `lingua` or `none`.
    pub second_opinion: SecondOpinionKind,
    /// Longest prefix of a document read for its language, in bytes.
    pub document_sample_bytes: usize,
    /// A language is listed in a document's `langs` from this share of its sentences.
    pub min_share: f32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SecondOpinionKind {
    Lingua,
    None,
}

impl Default for LangConfig {
    fn default() -> Self {
        LangConfig {
            languages: Vec::new(),
            exclude: Vec::new(),
            rules: "lang/scripts.toml".into(),
            min_letters: 3,
            min_confidence: 0.5,
            fast_path_confidence: 0.8,
            second_opinion: if cfg!(feature = "lingua") {
                SecondOpinionKind::Lingua
            } else {
                SecondOpinionKind::None
            },
            document_sample_bytes: 4096,
            min_share: 0.05,
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

    pub fn lang_rules_path(&self) -> PathBuf {
        self.base_dir.join(&self.lang.rules)
    }

    fn compute_hash(&self, config_bytes: &[u8]) -> Result<String> {
        let mut hasher = Sha256::new();
        hasher.update(b"corpusmill.toml\0");
        hasher.update(config_bytes);
        let mut files = toml_files_in(&self.rules_dir())?;
        files.extend(toml_files_in(&self.abbreviations_dir())?);
        files.push(self.publishers_path());
        files.push(self.lang_rules_path());
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
