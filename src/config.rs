//! The run configuration (`config/corpusmill.toml`) and the rule files it points at.
//!
//! The default config and every rule file are embedded in the binary (see `build.rs`); a
//! `config/corpusmill.toml` in the working directory, or `--config`, overrides them, and
//! `--set key=value` overrides single keys for one run. The embedded default config is the
//! list of valid keys: unknown keys and values of the wrong type are errors naming the key and
//! what is allowed.

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_config.rs"));
}

/// The config file used when neither `--config` nor `./config/corpusmill.toml` is there.
pub const DEFAULT_CONFIG_PATH: &str = "config/corpusmill.toml";

/// The name of the main config file inside a config folder.
const CONFIG_FILE_NAME: &str = "corpusmill.toml";

/// The default config, with its comments: `corpusmill config --print-default`.
pub fn default_config_text() -> &'static str {
    embedded_file(CONFIG_FILE_NAME).expect("build.rs embeds config/corpusmill.toml")
}

fn embedded_file(name: &str) -> Option<&'static str> {
    embedded::EMBEDDED_FILES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
}

/// Where a config came from.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum ConfigOrigin {
    /// The defaults built into the binary.
    #[default]
    Embedded,
    /// `./config/corpusmill.toml`, found without `--config`.
    DefaultFile(PathBuf),
    /// A file given with `--config`.
    File(PathBuf),
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct InputConfig {
    /// File extensions read as documents; other files are rejected as unsupported.
    pub extensions: Vec<String>,
    /// Files larger than this are rejected without being read whole.
    pub max_file_bytes: u64,
    /// Glob patterns; when any is given, only matching files are inputs (`--include`).
    pub include: Vec<String>,
    /// Glob patterns of files that are not inputs (`--exclude`).
    pub exclude: Vec<String>,
    /// Lines longer than this (bytes) are split or rejected, per `long_lines`.
    pub max_line_bytes: usize,
    pub long_lines: LongLines,
    /// Decoded text with a larger share of control characters is rejected as binary.
    pub max_control_ratio: f64,
    /// Read back UTF-8 that was once decoded as Windows-1252 ("youâ€™re" -> "you’re").
    pub repair_mojibake: bool,
    /// Files with no text, or none left after cleaning: reject them or keep empty documents.
    pub empty_documents: EmptyDocuments,
    /// A record of a JSON Lines or WARC file larger than this is rejected without being held.
    pub max_record_bytes: u64,
    /// JSON Lines keys holding each value, first present key wins.
    pub jsonl_text_keys: Vec<String>,
    pub jsonl_title_keys: Vec<String>,
    pub jsonl_url_keys: Vec<String>,
    pub jsonl_date_keys: Vec<String>,
}

impl Default for InputConfig {
    fn default() -> Self {
        InputConfig {
            extensions: [
                "txt", "md", "html", "htm", "jsonl", "jsonl.gz", "json.gz", "warc", "warc.gz",
            ]
            .map(String::from)
            .to_vec(),
            max_file_bytes: 64 * 1024 * 1024,
            include: Vec::new(),
            exclude: Vec::new(),
            max_line_bytes: 64 * 1024,
            long_lines: LongLines::Split,
            max_control_ratio: 0.01,
            repair_mojibake: true,
            empty_documents: EmptyDocuments::Reject,
            max_record_bytes: 16 * 1024 * 1024,
            jsonl_text_keys: vec!["text".into()],
            jsonl_title_keys: vec!["title".into()],
            jsonl_url_keys: vec!["url".into()],
            jsonl_date_keys: vec!["date".into(), "published_at".into()],
        }
    }
}

/// What to do with a line over `input.max_line_bytes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LongLines {
    /// Break it at spaces into lines within the limit, and warn.
    Split,
    /// Reject the file as `line_too_long`.
    Reject,
}

/// What to do with a file that holds no text, or none after boilerplate removal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EmptyDocuments {
    /// Reject it as `empty` or `no_content`.
    Reject,
    /// Keep it as a document with empty text and a warning.
    Keep,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct CleanConfig {
    /// Folder of boilerplate rule packs, relative to the config file.
    pub rules_dir: String,
    /// The article finder's learned weights, relative to the config file ("" turns it off).
    pub article_finder: String,
    /// The article finder judges documents of at least this many kept lines (page dumps).
    pub article_finder_min_lines: usize,
    /// Longest trailing run of short non-sentence lines removed as a footer.
    pub footer_max_lines: usize,
    /// Lines with at most this many words, and no final punctuation, can be footer lines.
    pub footer_max_words: usize,
    /// A short line found in at least this many documents of the corpus is boilerplate.
    pub repeated_min_docs: u32,
    /// Only lines with at most this many words are counted across the corpus.
    pub repeated_max_words: usize,
    /// Counters per row of the line-count sketch (4 rows of one byte each): bounds its memory.
    pub repeated_sketch_width: usize,
}

impl Default for CleanConfig {
    fn default() -> Self {
        CleanConfig {
            rules_dir: "boilerplate".into(),
            article_finder: "article_finder.toml".into(),
            article_finder_min_lines: 10,
            footer_max_lines: 8,
            footer_max_words: 12,
            repeated_min_docs: 5,
            repeated_max_words: 10,
            repeated_sketch_width: 1 << 23,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct LangConfig {
    /// Allowlist of ISO 639-1/639-3 codes the detectors may answer; empty: every language known.
    pub languages: Vec<String>,
    /// Denylist, applied after the allowlist.
    pub exclude: Vec<String>,
    /// Script-level rules, relative to the config file.
    pub rules: String,
    /// Function words per language, relative to the config file.
    pub function_words: String,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SecondOpinionKind {
    Lingua,
    None,
}

impl Default for LangConfig {
    fn default() -> Self {
        LangConfig {
            // The languages of the shipped lingua models (Cargo.toml features).
            languages: [
                "af", "ar", "az", "be", "bg", "cs", "da", "de", "el", "en", "es", "fa", "fr", "he",
                "hi", "hy", "it", "ja", "ka", "kk", "ko", "nl", "no", "pl", "pt", "ro", "ru", "sv",
                "tr", "uk", "vi", "zh",
            ]
            .map(String::from)
            .to_vec(),
            exclude: Vec::new(),
            rules: "lang/scripts.toml".into(),
            function_words: "lang/function_words.toml".into(),
            min_letters: 3,
            min_confidence: 0.5,
            fast_path_confidence: 0.8,
            second_opinion: if cfg!(feature = "lingua") {
                SecondOpinionKind::Lingua
            } else {
                SecondOpinionKind::None
            },
            document_sample_bytes: 2048,
            min_share: 0.05,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
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

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct MetadataConfig {
    /// Publisher rules, relative to the config file.
    pub publishers: String,
    /// A document whose only stamp is a dated update (no time) gets its day as `published_at`.
    pub published_from_update: bool,
}

impl Default for MetadataConfig {
    fn default() -> Self {
        MetadataConfig {
            publishers: "publishers.toml".into(),
            published_from_update: true,
        }
    }
}

/// The column `output.partition_by` can name, and the value meaning no partitions.
pub const PARTITION_COLUMNS: &[&str] = &["none", "lang"];

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct OutputConfig {
    /// Documents processed together in parallel; at most three batches are in memory at once.
    pub batch_docs: usize,
    /// Documents per Parquet row group (their sentences make the sentences' row group).
    pub row_group_docs: usize,
    /// Row groups per Parquet part file; a table of more becomes several part files.
    pub row_groups_per_file: usize,
    /// `lang` writes Hive-style `lang=xx/` partitions (`--partition-by`); `none` one file.
    pub partition_by: String,
    /// Also write the tables as JSON Lines under `jsonl/` (`--format jsonl`).
    pub jsonl: bool,
}

impl Default for OutputConfig {
    fn default() -> Self {
        OutputConfig {
            batch_docs: 128,
            row_group_docs: 1000,
            row_groups_per_file: 100,
            partition_by: "none".into(),
            jsonl: false,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct QualityConfig {
    /// Compute the `quality` column and the `passes_*` columns.
    pub enabled: bool,
    /// Presets whose failing documents move to the `filtered` table (`--filter`).
    pub filters: Vec<Filter>,
}

impl Default for QualityConfig {
    fn default() -> Self {
        QualityConfig {
            enabled: true,
            filters: Vec::new(),
        }
    }
}

/// One of the three filter presets (`--filter`, `quality.filters`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Filter {
    Gopher,
    C4,
    Fineweb,
}

impl Filter {
    pub const ALL: [Filter; 3] = [Filter::Gopher, Filter::C4, Filter::Fineweb];

    pub fn name(self) -> &'static str {
        match self {
            Filter::Gopher => "gopher",
            Filter::C4 => "c4",
            Filter::Fineweb => "fineweb",
        }
    }
}

/// Which documents of a cluster are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Keep {
    /// Every document, copies labelled by the dup_* columns.
    All,
    /// Representatives and unique documents only (`--drop-duplicates`).
    Representatives,
}

/// The near-duplicate stage (`[dedup]`).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct DedupConfig {
    /// Label near-duplicates in the dup_* columns.
    pub enabled: bool,
    /// Estimated Jaccard similarity of word 5-gram shingles at or above which two documents
    /// are copies.
    pub threshold: f32,
    /// MinHash values per signature.
    pub num_perm: usize,
    /// LSH bands of `rows` values each (bands * rows <= num_perm): documents that agree on
    /// all values of one band are compared.
    pub bands: usize,
    pub rows: usize,
    /// Seed of the hash functions.
    pub seed: u64,
    pub keep: Keep,
}

impl Default for DedupConfig {
    fn default() -> Self {
        DedupConfig {
            enabled: true,
            threshold: 0.8,
            num_perm: 120,
            bands: 20,
            rows: 6,
            seed: 1,
            keep: Keep::All,
        }
    }
}

impl DedupConfig {
    /// Values that parse but cannot work.
    pub fn check(&self, name: &str) -> Result<()> {
        if !(self.threshold > 0.0 && self.threshold <= 1.0) {
            bail!(
                "invalid config {name}: dedup.threshold = {} must be above 0 and at most 1",
                self.threshold
            );
        }
        if self.bands == 0 || self.rows == 0 || self.bands * self.rows > self.num_perm {
            bail!(
                "invalid config {name}: dedup.bands ({}) * dedup.rows ({}) must be between 1 and dedup.num_perm ({})",
                self.bands, self.rows, self.num_perm
            );
        }
        if self.num_perm > 4096 {
            bail!(
                "invalid config {name}: dedup.num_perm = {} is more than 4096",
                self.num_perm
            );
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub input: InputConfig,
    pub clean: CleanConfig,
    pub lang: LangConfig,
    pub segment: SegmentConfig,
    pub metadata: MetadataConfig,
    pub output: OutputConfig,
    pub quality: QualityConfig,
    pub dedup: DedupConfig,
    /// Folder the relative rule paths are resolved against (the config file's folder).
    #[serde(skip)]
    pub base_dir: PathBuf,
    /// sha256 of the config file, every rule file it uses and the `--set` overrides.
    #[serde(skip)]
    pub hash: String,
    #[serde(skip)]
    pub origin: ConfigOrigin,
    /// `key=value` overrides applied on top of the file, in order.
    #[serde(skip)]
    pub overrides: Vec<String>,
}

impl Config {
    /// Load a config file and hash it together with the rule files it refers to.
    pub fn load(path: &Path) -> Result<Config> {
        Config::from_origin(ConfigOrigin::File(path.to_path_buf()), &[])
    }

    /// The config for a run: `explicit` (`--config`) if given, else `./config/corpusmill.toml`
    /// if it exists, else the defaults built into the binary; then the `key=value` overrides.
    pub fn resolve(explicit: Option<&Path>, overrides: &[String]) -> Result<Config> {
        let origin = match explicit {
            Some(path) => ConfigOrigin::File(path.to_path_buf()),
            None if Path::new(DEFAULT_CONFIG_PATH).is_file() => {
                ConfigOrigin::DefaultFile(PathBuf::from(DEFAULT_CONFIG_PATH))
            }
            None => ConfigOrigin::Embedded,
        };
        Config::from_origin(origin, overrides)
    }

    fn from_origin(origin: ConfigOrigin, overrides: &[String]) -> Result<Config> {
        let (source, base_dir, name) = match &origin {
            ConfigOrigin::File(path) | ConfigOrigin::DefaultFile(path) => {
                let source = std::fs::read_to_string(path).with_context(|| {
                    format!(
                        "cannot read config {}: pass --config with the path of corpusmill.toml, \
                         or leave it out to use the built-in defaults",
                        path.display()
                    )
                })?;
                let base_dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
                (source, base_dir, path.display().to_string())
            }
            ConfigOrigin::Embedded => (
                default_config_text().to_string(),
                materialize_embedded()?,
                "the built-in default config".to_string(),
            ),
        };
        let mut table: toml::Table =
            toml::from_str(&source).with_context(|| format!("invalid config {name}"))?;
        for assignment in overrides {
            apply_override(&mut table, assignment)?;
        }
        check_keys(&table, &name)?;
        let mut config = Config::deserialize(toml::Value::Table(table))
            .with_context(|| format!("invalid config {name}"))?;
        config.check_values(&name)?;
        config.base_dir = base_dir;
        config.origin = origin;
        config.overrides = overrides.to_vec();
        config.hash = config.compute_hash(source.as_bytes())?;
        Ok(config)
    }

    /// Values that parse but cannot work.
    fn check_values(&self, name: &str) -> Result<()> {
        for (key, value) in [
            ("output.batch_docs", self.output.batch_docs),
            ("output.row_group_docs", self.output.row_group_docs),
            (
                "output.row_groups_per_file",
                self.output.row_groups_per_file,
            ),
        ] {
            if value == 0 {
                bail!("invalid config {name}: {key} must be at least 1");
            }
        }
        for (key, value) in [
            ("lang.min_confidence", self.lang.min_confidence),
            ("lang.fast_path_confidence", self.lang.fast_path_confidence),
            ("lang.min_share", self.lang.min_share),
        ] {
            if !(0.0..=1.0).contains(&value) {
                bail!("invalid config {name}: {key} = {value} must be between 0 and 1");
            }
        }
        if !self.quality.enabled && !self.quality.filters.is_empty() {
            bail!(
                "invalid config {name}: quality.filters needs the quality signals; set quality.enabled = true"
            );
        }
        self.dedup.check(name)?;
        let partitions = PARTITION_COLUMNS;
        if !partitions.contains(&self.output.partition_by.as_str()) {
            bail!(
                "invalid config {name}: output.partition_by = \"{}\"; allowed values: {}",
                self.output.partition_by,
                partitions.join(", ")
            );
        }
        for extension in &self.input.extensions {
            if crate::document::Format::from_extension(extension).is_none() {
                bail!(
                    "invalid config {name}: input.extensions has \"{extension}\"; allowed values: {}",
                    crate::document::Format::EXTENSIONS.join(", ")
                );
            }
        }
        Ok(())
    }

    /// The arguments that select this config on a `corpusmill build` command line.
    pub fn rebuild_args(&self) -> Vec<String> {
        let mut args = Vec::new();
        if let ConfigOrigin::File(path) = &self.origin {
            args.push("--config".to_string());
            args.push(path.display().to_string());
        }
        for assignment in &self.overrides {
            args.push("--set".to_string());
            args.push(assignment.clone());
        }
        args
    }

    /// The config after overrides, as TOML.
    pub fn to_toml(&self) -> String {
        toml::to_string(self).expect("the config serializes to TOML")
    }

    pub fn rules_dir(&self) -> PathBuf {
        self.base_dir.join(&self.clean.rules_dir)
    }

    /// The article finder's model file, if one is configured.
    pub fn article_finder_path(&self) -> Option<PathBuf> {
        (!self.clean.article_finder.is_empty())
            .then(|| self.base_dir.join(&self.clean.article_finder))
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

    pub fn function_words_path(&self) -> PathBuf {
        self.base_dir.join(&self.lang.function_words)
    }

    fn compute_hash(&self, config_bytes: &[u8]) -> Result<String> {
        let mut hasher = Sha256::new();
        hasher.update(b"corpusmill.toml\0");
        hasher.update(config_bytes);
        for assignment in &self.overrides {
            hasher.update(b"--set\0");
            hasher.update(assignment.as_bytes());
            hasher.update([0u8]);
        }
        let mut files = toml_files_in(&self.rules_dir())?;
        files.extend(toml_files_in(&self.abbreviations_dir())?);
        files.push(self.publishers_path());
        files.push(self.lang_rules_path());
        files.push(self.function_words_path());
        files.extend(self.article_finder_path());
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

/// Write the embedded config files to a folder of their own (once per content), so the stages
/// read them like any config folder.
fn materialize_embedded() -> Result<PathBuf> {
    let mut hasher = Sha256::new();
    for (name, text) in embedded::EMBEDDED_FILES {
        hasher.update(name.as_bytes());
        hasher.update([0u8]);
        hasher.update(text.as_bytes());
    }
    let digest = crate::text::hex(&hasher.finalize());
    let dir = std::env::temp_dir().join(format!("corpusmill-config-{}", &digest[..16]));
    if dir.join(CONFIG_FILE_NAME).is_file() {
        return Ok(dir);
    }
    let fix = "set TMPDIR to a writable folder, or pass --config with a config folder";
    let staging = dir.with_extension(format!("tmp{}", std::process::id()));
    for (name, text) in embedded::EMBEDDED_FILES {
        let path = staging.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}: {fix}", parent.display()))?;
        }
        std::fs::write(&path, text)
            .with_context(|| format!("cannot write {}: {fix}", path.display()))?;
    }
    // Another process may have won the race; its folder has the same content.
    if std::fs::rename(&staging, &dir).is_err() {
        std::fs::remove_dir_all(&staging).ok();
    }
    Ok(dir)
}

/// The keys of the default config, by section.
fn default_table() -> toml::Table {
    toml::from_str(default_config_text()).expect("the embedded default config is valid TOML")
}

/// Apply `section.key=value`; the value is read as TOML, and as a plain string when it is not.
fn apply_override(table: &mut toml::Table, assignment: &str) -> Result<()> {
    let Some((key, value)) = assignment.split_once('=') else {
        bail!("--set {assignment}: expected key=value, e.g. --set output.batch_docs=500");
    };
    let key = key.trim();
    let Some((section, field)) = key.split_once('.') else {
        bail!(
            "--set {assignment}: the key must be section.key; sections are {}",
            section_names(&default_table())
        );
    };
    let value = value.trim();
    let value = toml::from_str::<toml::Table>(&format!("v = {value}"))
        .ok()
        .and_then(|mut t| t.remove("v"))
        .unwrap_or_else(|| toml::Value::String(value.to_string()));
    check_key(section, field, &value, &format!("in --set {assignment}"))?;
    let section_table = table
        .entry(section.to_string())
        .or_insert_with(|| toml::Value::Table(toml::Table::new()));
    let toml::Value::Table(section_table) = section_table else {
        bail!("--set {assignment}: [{section}] is not a section");
    };
    section_table.insert(field.to_string(), value);
    Ok(())
}

fn section_names(table: &toml::Table) -> String {
    table.keys().cloned().collect::<Vec<_>>().join(", ")
}

/// Every key must be one of the default config, with a value of the same type.
fn check_keys(table: &toml::Table, name: &str) -> Result<()> {
    for (section, value) in table {
        let toml::Value::Table(keys) = value else {
            bail!("config {name}: {section} must be a [{section}] section, not a value");
        };
        for (key, value) in keys {
            check_key(section, key, value, &format!("in {name}"))?;
        }
    }
    Ok(())
}

/// `section.key = value` is a key of the default config with a value of its type; `place`
/// says where it was written, for the error.
fn check_key(section: &str, key: &str, value: &toml::Value, place: &str) -> Result<()> {
    let defaults = default_table();
    let Some(toml::Value::Table(default_section)) = defaults.get(section) else {
        bail!(
            "unknown config section [{section}] {place}; allowed sections: {}",
            section_names(&defaults)
        );
    };
    let Some(default) = default_section.get(key) else {
        bail!(
            "unknown config key {section}.{key} {place}; allowed keys in [{section}]: {}",
            section_names(default_section)
        );
    };
    let same_type = value.same_type(default)
        || matches!(
            (value, default),
            (toml::Value::Integer(_), toml::Value::Float(_))
        );
    if !same_type {
        bail!(
            "{section}.{key} = {value} {place} has type {}, expected {} (default: {section}.{key} = {default})",
            value.type_str(),
            default.type_str()
        );
    }
    if let (toml::Value::Integer(n), toml::Value::Integer(_)) = (value, default) {
        if *n < 0 {
            bail!("{section}.{key} = {n} {place} must not be negative");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shipped config lists every key of `Config` with its `Default` value, so the file
    /// documents all options and the key check knows them all.
    #[test]
    fn the_default_file_and_the_default_struct_agree() {
        let from_struct: toml::Table = toml::from_str(&Config::default().to_toml()).unwrap();
        assert_eq!(from_struct, default_table());
    }

    #[test]
    fn set_values_are_toml_or_plain_strings() {
        let mut table = toml::Table::new();
        apply_override(&mut table, "output.batch_docs=5").unwrap();
        apply_override(&mut table, "clean.rules_dir=my rules").unwrap();
        apply_override(&mut table, "input.exclude=[\"a/**\"]").unwrap();
        assert_eq!(table["output"]["batch_docs"].as_integer(), Some(5));
        assert_eq!(table["clean"]["rules_dir"].as_str(), Some("my rules"));
        assert_eq!(table["input"]["exclude"][0].as_str(), Some("a/**"));
        let error = apply_override(&mut table, "output.batch_doc=5").unwrap_err();
        assert!(
            format!("{error:#}").contains("--set output.batch_doc=5"),
            "{error:#}"
        );
    }
}
