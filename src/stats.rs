//! Corpus statistics read back from an output folder's Parquet files (any layout): what
//! `corpusmill stats` prints and the dataset card shows.

pub mod card;

use anyhow::{Context, Result};
use arrow::array::{Array, AsArray, RecordBatch};
use arrow::datatypes::Int64Type;
use parquet::arrow::arrow_reader::{ParquetRecordBatchReader, ParquetRecordBatchReaderBuilder};
use parquet::arrow::ProjectionMask;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Documents, sentences and words of one document language.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct LangStats {
    pub lang: String,
    pub documents: u64,
    pub sentences: u64,
    pub words: u64,
    pub chars: u64,
}

/// How many documents of one language each quality preset keeps (the `passes_*` columns of
/// the documents and filtered tables), out of the documents with quality signals.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct QualityShares {
    pub lang: String,
    /// Documents with quality signals (not null).
    pub scored: u64,
    pub gopher: u64,
    pub c4: u64,
    pub fineweb: u64,
}

/// What one cleaning rule removed over the whole corpus.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct RuleStats {
    pub rule_id: String,
    pub spans: u64,
    /// Code points removed.
    pub chars: u64,
    /// Documents with at least one span removed by this rule.
    pub documents: u64,
}

/// A name and how many rows carry it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Count {
    pub name: String,
    pub count: u64,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct CorpusStats {
    /// `corpusmill.config_hash` of the documents files, when there is one.
    pub config_hash: Option<String>,
    pub documents: u64,
    pub sentences: u64,
    pub words: u64,
    pub chars: u64,
    pub truncated_documents: u64,
    pub rejected: u64,
    /// By document language, most documents first.
    pub languages: Vec<LangStats>,
    /// Documents per publisher (`(unknown)` when none was found), most first.
    pub publishers: Vec<Count>,
    /// Every rule that removed something, most characters first.
    pub removal_rules: Vec<RuleStats>,
    /// Rejected inputs per reason code, most first.
    pub rejects: Vec<Count>,
    /// Documents each quality preset keeps, per language (filtered documents included), in
    /// the order of `languages`.
    pub quality: Vec<QualityShares>,
    /// Documents moved to the filtered table per `filter.rule`, most first.
    pub filtered: Vec<Count>,
    /// Clusters of near-duplicates, from `manifest.json` (none without dedup or a manifest).
    pub duplicates: Option<crate::write::DedupSummary>,
}

const DOCUMENT_COLUMNS: &[&str] = &[
    "lang",
    "n_words",
    "n_chars",
    "n_sentences",
    "publisher",
    "removed",
    "is_truncated",
];

impl CorpusStats {
    /// Statistics of the corpus in `dir` (a `corpusmill build` output folder).
    pub fn from_dir(dir: &Path) -> Result<CorpusStats> {
        let documents_dir = dir.join("documents");
        let files = parquet_files(&documents_dir)?;
        if files.is_empty() {
            anyhow::bail!(
                "{} holds no Parquet files: pass the output folder of `corpusmill build`",
                documents_dir.display()
            );
        }
        let mut stats = CorpusStats::default();
        let mut languages: BTreeMap<String, LangStats> = BTreeMap::new();
        let mut publishers: BTreeMap<String, u64> = BTreeMap::new();
        let mut rules: BTreeMap<String, RuleStats> = BTreeMap::new();
        for file in &files {
            let (batches, hash) = read_columns(file, DOCUMENT_COLUMNS)?;
            stats.config_hash = stats.config_hash.or(hash);
            let partition_lang = partition_value(file, "lang");
            for batch in batches {
                let batch = batch.with_context(|| format!("cannot read {}", file.display()))?;
                stats
                    .add_documents(
                        &batch,
                        partition_lang.as_deref(),
                        &mut languages,
                        &mut publishers,
                        &mut rules,
                    )
                    .with_context(|| {
                        format!("{}: not a corpusmill documents file", file.display())
                    })?;
            }
        }
        let mut rejects: BTreeMap<String, u64> = BTreeMap::new();
        for file in parquet_files(&dir.join("rejects"))? {
            for batch in read_columns(&file, &["reason"])?.0 {
                let batch = batch.with_context(|| format!("cannot read {}", file.display()))?;
                let reasons = batch
                    .column_by_name("reason")
                    .with_context(|| format!("{}: no reason column", file.display()))?
                    .as_string::<i32>();
                for reason in reasons.iter().flatten() {
                    *rejects.entry(reason.to_string()).or_default() += 1;
                    stats.rejected += 1;
                }
            }
        }
        stats.languages = languages.into_values().collect();
        stats
            .languages
            .sort_by(|a, b| b.documents.cmp(&a.documents).then(a.lang.cmp(&b.lang)));
        stats.publishers = sorted_counts(publishers);
        stats.removal_rules = rules.into_values().collect();
        stats.removal_rules.sort_by(|a, b| {
            (b.chars, b.spans)
                .cmp(&(a.chars, a.spans))
                .then(a.rule_id.cmp(&b.rule_id))
        });
        stats.rejects = sorted_counts(rejects);
        stats.add_quality(dir)?;
        // The reduce that found the clusters already counted them; a sharded output has them
        // once finalized.
        stats.duplicates = std::fs::read_to_string(dir.join("manifest.json"))
            .ok()
            .and_then(|text| serde_json::from_str::<crate::write::Manifest>(&text).ok())
            .and_then(|manifest| manifest.dedup);
        Ok(stats)
    }

    /// The quality presets' shares, from the documents and filtered tables.
    fn add_quality(&mut self, dir: &Path) -> Result<()> {
        let mut shares: BTreeMap<String, QualityShares> = BTreeMap::new();
        let mut filtered: BTreeMap<String, u64> = BTreeMap::new();
        for table in ["documents", "filtered"] {
            for file in parquet_files(&dir.join(table))? {
                let partition_lang = partition_value(&file, "lang");
                let columns = [
                    "lang",
                    "passes_gopher",
                    "passes_c4",
                    "passes_fineweb",
                    "filter",
                    "rule",
                ];
                for batch in read_columns(&file, &columns)?.0 {
                    let batch = batch.with_context(|| format!("cannot read {}", file.display()))?;
                    let lang = batch.column_by_name("lang").map(|c| c.as_string::<i32>());
                    let passes: Vec<_> = ["passes_gopher", "passes_c4", "passes_fineweb"]
                        .iter()
                        .map(|name| batch.column_by_name(name).map(|c| c.as_boolean().clone()))
                        .collect();
                    let reasons = batch
                        .column_by_name("filter")
                        .zip(batch.column_by_name("rule"))
                        .map(|(f, r)| (f.as_string::<i32>().clone(), r.as_string::<i32>().clone()));
                    for row in 0..batch.num_rows() {
                        if let Some((filter, rule)) = &reasons {
                            let key = format!("{}.{}", filter.value(row), rule.value(row));
                            *filtered.entry(key).or_default() += 1;
                        }
                        // Corpora built before the quality columns, or with quality.enabled off.
                        let Some(gopher) = passes[0].as_ref().filter(|c| !c.is_null(row)) else {
                            continue;
                        };
                        let lang = match (lang, partition_lang.as_deref()) {
                            (Some(lang), _) => lang.value(row),
                            (None, Some(lang)) => lang,
                            (None, None) => crate::lang::UNDETERMINED,
                        };
                        let entry = shares.entry(lang.to_string()).or_default();
                        entry.lang = lang.to_string();
                        entry.scored += 1;
                        entry.gopher += u64::from(gopher.value(row));
                        let kept = |i: usize| passes[i].as_ref().is_some_and(|c| c.value(row));
                        entry.c4 += u64::from(kept(1));
                        entry.fineweb += u64::from(kept(2));
                    }
                }
            }
        }
        let order = |lang: &str| {
            let position = self.languages.iter().position(|l| l.lang == lang);
            position.unwrap_or(usize::MAX)
        };
        self.quality = shares.into_values().collect();
        self.quality.sort_by(|a, b| {
            order(&a.lang)
                .cmp(&order(&b.lang))
                .then(a.lang.cmp(&b.lang))
        });
        self.filtered = sorted_counts(filtered);
        Ok(())
    }

    fn add_documents(
        &mut self,
        batch: &RecordBatch,
        partition_lang: Option<&str>,
        languages: &mut BTreeMap<String, LangStats>,
        publishers: &mut BTreeMap<String, u64>,
        rules: &mut BTreeMap<String, RuleStats>,
    ) -> Result<()> {
        let column = |name: &str| {
            batch
                .column_by_name(name)
                .with_context(|| format!("no {name} column"))
        };
        let lang = batch.column_by_name("lang").map(|c| c.as_string::<i32>());
        let words = column("n_words")?.as_primitive::<Int64Type>();
        let chars = column("n_chars")?.as_primitive::<Int64Type>();
        let sentences = column("n_sentences")?.as_primitive::<Int64Type>();
        let publisher = column("publisher")?.as_string::<i32>();
        let removed = column("removed")?.as_list::<i32>();
        let truncated = column("is_truncated")?.as_boolean();
        for row in 0..batch.num_rows() {
            let lang = match (lang, partition_lang) {
                (Some(lang), _) => lang.value(row),
                (None, Some(lang)) => lang,
                (None, None) => anyhow::bail!("no lang column and no lang= partition"),
            };
            let entry = languages.entry(lang.to_string()).or_default();
            entry.lang = lang.to_string();
            entry.documents += 1;
            entry.sentences += sentences.value(row) as u64;
            entry.words += words.value(row) as u64;
            entry.chars += chars.value(row) as u64;
            self.documents += 1;
            self.sentences += sentences.value(row) as u64;
            self.words += words.value(row) as u64;
            self.chars += chars.value(row) as u64;
            self.truncated_documents += u64::from(truncated.value(row));
            let name = if publisher.is_null(row) {
                "(unknown)"
            } else {
                publisher.value(row)
            };
            *publishers.entry(name.to_string()).or_default() += 1;
            let items = removed.value(row);
            let items = items.as_struct();
            let rule_ids = items.column(0).as_string::<i32>();
            let texts = items.column(1).as_string::<i32>();
            let mut seen = Vec::new();
            for i in 0..items.len() {
                let rule_id = rule_ids.value(i);
                let rule = rules.entry(rule_id.to_string()).or_default();
                rule.rule_id = rule_id.to_string();
                rule.spans += 1;
                rule.chars += texts.value(i).chars().count() as u64;
                if !seen.contains(&rule_id) {
                    seen.push(rule_id);
                    rule.documents += 1;
                }
            }
        }
        Ok(())
    }
}

fn sorted_counts(counts: BTreeMap<String, u64>) -> Vec<Count> {
    let mut counts: Vec<Count> = counts
        .into_iter()
        .map(|(name, count)| Count { name, count })
        .collect();
    counts.sort_by(|a, b| b.count.cmp(&a.count).then(a.name.cmp(&b.name)));
    counts
}

/// The `.parquet` files under `dir` (partition folders included), sorted; none when `dir` is
/// missing.
pub fn parquet_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    if !dir.exists() {
        return Ok(files);
    }
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        let entries = std::fs::read_dir(&folder)
            .with_context(|| format!("cannot read {}", folder.display()))?;
        for entry in entries {
            let path = entry?.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "parquet") {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

/// The value of a Hive-style `name=value` folder in `path`, if any.
pub fn partition_value(path: &Path, name: &str) -> Option<String> {
    let prefix = format!("{name}=");
    path.components().find_map(|c| {
        c.as_os_str()
            .to_str()
            .and_then(|s| s.strip_prefix(&prefix))
            .map(str::to_string)
    })
}

/// The named columns of a Parquet file, batch by batch (never the whole file at once), and
/// its config hash.
pub(crate) fn read_columns(
    path: &Path,
    columns: &[&str],
) -> Result<(ParquetRecordBatchReader, Option<String>)> {
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let builder = ParquetRecordBatchReaderBuilder::try_new(file)
        .with_context(|| format!("{} is not a readable Parquet file", path.display()))?;
    let hash = builder
        .metadata()
        .file_metadata()
        .key_value_metadata()
        .and_then(|kv| kv.iter().find(|k| k.key == "corpusmill.config_hash"))
        .and_then(|k| k.value.clone());
    let roots: Vec<usize> = builder
        .schema()
        .fields()
        .iter()
        .enumerate()
        .filter(|(_, f)| columns.contains(&f.name().as_str()))
        .map(|(i, _)| i)
        .collect();
    let mask = ProjectionMask::roots(builder.parquet_schema(), roots);
    Ok((builder.with_projection(mask).build()?, hash))
}
