//! `manifest.json`: what a build read, wrote and rejected, and why. No wall-clock times, so
//! the same input and config give the same bytes.

use crate::read::Reject;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A file of the corpus, as listed in the manifest.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OutputFile {
    pub path: String,
    pub rows: u64,
    pub bytes: u64,
    pub sha256: String,
}

/// Per-stage counters, summed over all documents.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct StageCounters {
    /// Spans removed per rule id (lines for line rules, spans for markup and strip rules).
    pub removed_by_rule: BTreeMap<String, u64>,
    pub truncated_documents: u64,
    pub documents_with_warnings: u64,
    pub documents_by_lang: BTreeMap<String, u64>,
    pub sentences_by_lang: BTreeMap<String, u64>,
    pub documents_by_publisher: BTreeMap<String, u64>,
    pub sentences: u64,
    pub words: u64,
    pub chars: u64,
    /// Documents moved to the filtered table, per `filter.rule` (`--filter`).
    #[serde(default)]
    pub filtered_by_rule: BTreeMap<String, u64>,
    /// Records of WARC files that hold no document, by kind (`warc_type.request`,
    /// `response.not_html`): not inputs, so not in `counts`.
    #[serde(default)]
    pub skipped_records: BTreeMap<String, u64>,
}

impl StageCounters {
    pub fn add_document(&mut self, doc: &crate::document::Document) {
        for removal in &doc.removed {
            count(&mut self.removed_by_rule, &removal.rule_id);
        }
        self.truncated_documents += u64::from(doc.is_truncated);
        self.documents_with_warnings += u64::from(!doc.warnings.is_empty());
        count(&mut self.documents_by_lang, &doc.lang);
        for sentence in &doc.sentences {
            count(&mut self.sentences_by_lang, &sentence.lang);
        }
        let publisher = doc.meta.publisher.as_deref().unwrap_or("(unknown)");
        count(&mut self.documents_by_publisher, publisher);
        self.sentences += doc.sentences.len() as u64;
        self.words += doc.n_words as u64;
        self.chars += doc.text.chars().count() as u64;
    }

    /// One more document moved to the filtered table by `filter`'s `rule`.
    pub fn add_filtered(&mut self, filter: crate::config::Filter, rule: &str) {
        count(
            &mut self.filtered_by_rule,
            &format!("{}.{rule}", filter.name()),
        );
    }
}

/// One more of `key`; the key is copied only the first time (this runs on the writer thread,
/// for every sentence).
fn count(counts: &mut BTreeMap<String, u64>, key: &str) {
    match counts.get_mut(key) {
        Some(n) => *n += 1,
        None => {
            counts.insert(key.to_string(), 1);
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Counts {
    pub inputs: u64,
    pub documents: u64,
    pub rejected: u64,
    /// Documents a quality filter moved to the filtered table: inputs = documents + filtered
    /// + rejected.
    #[serde(default)]
    pub filtered: u64,
    pub sentences: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    pub corpusmill_version: String,
    pub schema_version: u32,
    pub config_hash: String,
    pub counts: Counts,
    pub rejects_by_reason: BTreeMap<String, u64>,
    pub rejects: Vec<Reject>,
    pub stages: StageCounters,
    /// Clusters of near-duplicates; absent when dedup.enabled is false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dedup: Option<DedupSummary>,
    pub outputs: Vec<OutputFile>,
}

impl Manifest {
    pub fn new(
        config_hash: &str,
        inputs: u64,
        rejects: Vec<Reject>,
        stages: StageCounters,
        outputs: Vec<OutputFile>,
    ) -> Manifest {
        let mut rejects_by_reason = BTreeMap::new();
        for reject in &rejects {
            *rejects_by_reason
                .entry(reject.reason.code().to_string())
                .or_default() += 1;
        }
        let documents = stages.documents_by_lang.values().sum();
        Manifest {
            corpusmill_version: env!("CARGO_PKG_VERSION").to_string(),
            schema_version: super::SCHEMA_VERSION,
            config_hash: config_hash.to_string(),
            counts: Counts {
                inputs,
                documents,
                rejected: rejects.len() as u64,
                filtered: stages.filtered_by_rule.values().sum(),
                sentences: stages.sentences,
            },
            rejects_by_reason,
            rejects,
            stages,
            dedup: None,
            outputs,
        }
    }

    /// The manifest of a sharded build: counts and counters summed, rejects and outputs
    /// listed in path order, as a single-process build lists them.
    pub fn combine(parts: Vec<Manifest>) -> anyhow::Result<Manifest> {
        let config_hash = parts
            .first()
            .map(|m| m.config_hash.clone())
            .unwrap_or_default();
        let mut inputs = 0;
        let mut rejects = Vec::new();
        let mut outputs = Vec::new();
        let mut stages = serde_json::to_value(StageCounters::default())?;
        for part in parts {
            inputs += part.counts.inputs;
            rejects.extend(part.rejects);
            outputs.extend(part.outputs);
            add_counters(&mut stages, serde_json::to_value(part.stages)?)?;
        }
        rejects.sort_by(|a, b| a.source_path.cmp(&b.source_path));
        outputs.sort_by(|a, b| a.path.cmp(&b.path));
        let stages = serde_json::from_value(stages)?;
        Ok(Manifest::new(
            &config_hash,
            inputs,
            rejects,
            stages,
            outputs,
        ))
    }

    pub fn to_json(&self) -> String {
        let mut json = serde_json::to_string_pretty(self).expect("manifest serializes");
        json.push('\n');
        json
    }
}

/// Sum two serialized `StageCounters` field by field (every counter is a count), so counters
/// added to the struct are combined without listing them here.
fn add_counters(into: &mut serde_json::Value, from: serde_json::Value) -> anyhow::Result<()> {
    use serde_json::Value;
    match (into, from) {
        (Value::Object(into), Value::Object(from)) => {
            for (key, value) in from {
                match into.get_mut(&key) {
                    Some(existing) => add_counters(existing, value)?,
                    None => {
                        into.insert(key, value);
                    }
                }
            }
        }
        (Value::Number(into), Value::Number(from)) => {
            let (Some(a), Some(b)) = (into.as_u64(), from.as_u64()) else {
                anyhow::bail!("stage counter {into} + {from} is not a count: combine it by hand in Manifest::combine");
            };
            *into = (a + b).into();
        }
        (into, from) => anyhow::bail!("stage counters {into} and {from} cannot be summed: combine them by hand in Manifest::combine"),
    }
    Ok(())
}

/// What the manifest says about duplicates.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DedupSummary {
    /// Clusters of two or more documents.
    pub clusters: u64,
    /// Documents in a cluster that are not its representative.
    pub copies: u64,
    pub exact_copies: u64,
    pub near_copies: u64,
    /// Copies left out of the documents table (`dedup.keep = "representatives"`).
    pub dropped: u64,
    /// The largest clusters, largest first.
    pub largest_clusters: Vec<LargeCluster>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LargeCluster {
    pub representative: String,
    pub source_path: String,
    pub documents: u64,
}
