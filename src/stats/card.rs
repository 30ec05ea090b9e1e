//! The dataset card: `out/README.md`, written into the staging folder before the swap, in the
//! Hugging Face dataset-card format (YAML front matter, then Markdown). No timestamps, so the
//! same input and config give the same bytes.

use super::CorpusStats;
use crate::config::Config;
use crate::write::{schema_markdown, table_schemas, Manifest};
use anyhow::{Context, Result};
use std::path::Path;

/// Write `README.md` into the (staging) output folder `dir`, whose Parquet files are complete.
pub fn write_card(dir: &Path, manifest: &Manifest, rebuild_command: &str) -> Result<()> {
    let stats = CorpusStats::from_dir(dir)?;
    let card = render(manifest, &stats, rebuild_command);
    let path = dir.join("README.md");
    std::fs::write(&path, card).with_context(|| format!("cannot write {}", path.display()))
}

/// `corpusmill build ...` with every option that changes the output (not `--threads`, which
/// does not).
pub fn rebuild_command(input: &Path, output: &Path, config: &Config) -> String {
    let mut args = vec![
        "corpusmill".to_string(),
        "build".into(),
        "--input".into(),
        input.display().to_string(),
        "--output".into(),
        output.display().to_string(),
    ];
    args.extend(config.rebuild_args());
    args.iter()
        .map(|a| shell_quote(a))
        .collect::<Vec<_>>()
        .join(" ")
}

fn shell_quote(arg: &str) -> String {
    let plain = !arg.is_empty()
        && arg
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:,+@%".contains(c));
    if plain {
        arg.to_string()
    } else {
        format!("'{}'", arg.replace('\'', "'\\''"))
    }
}

/// Hugging Face's size buckets, by number of documents.
fn size_category(documents: u64) -> &'static str {
    match documents {
        0..1_000 => "n<1K",
        1_000..10_000 => "1K<n<10K",
        10_000..100_000 => "10K<n<100K",
        100_000..1_000_000 => "100K<n<1M",
        1_000_000..10_000_000 => "1M<n<10M",
        10_000_000..100_000_000 => "10M<n<100M",
        _ => "100M<n<1B",
    }
}

/// The glob of a table's Parquet files, from the files the manifest lists.
fn data_files(manifest: &Manifest, table: &str) -> String {
    let partitioned = manifest
        .outputs
        .iter()
        .any(|o| o.path.starts_with(&format!("{table}/")) && o.path.contains('='));
    if partitioned {
        format!("{table}/*/*.parquet")
    } else {
        format!("{table}/*.parquet")
    }
}

fn render(manifest: &Manifest, stats: &CorpusStats, rebuild_command: &str) -> String {
    let mut card = String::from("---\n");
    let languages: Vec<&str> = stats
        .languages
        .iter()
        .map(|l| l.lang.as_str())
        .filter(|l| *l != crate::document::UNDETERMINED)
        .collect();
    if languages.is_empty() {
        card.push_str("language: []\n");
    } else {
        card.push_str("language:\n");
        for lang in &languages {
            card.push_str(&format!("- {lang}\n"));
        }
    }
    card.push_str("license: other  # placeholder: set the license your sources allow\n");
    card.push_str("pretty_name: corpusmill news corpus\n");
    card.push_str(&format!(
        "size_categories:\n- {}\n",
        size_category(stats.documents)
    ));
    card.push_str("configs:\n");
    for (i, table) in ["documents", "sentences"].iter().enumerate() {
        card.push_str(&format!(
            "- config_name: {table}\n  data_files:\n  - split: train\n    path: {}\n",
            data_files(manifest, table)
        ));
        if i == 0 {
            card.push_str("  default: true\n");
        }
    }
    card.push_str("---\n\n# corpusmill news corpus\n\n");
    let counts = &manifest.counts;
    card.push_str(&format!(
        "Built by corpusmill {} (schema version {}) from {} input files: {} documents, {} sentences, \
         {} words; {} inputs rejected, {} filtered. Cleaned text, per-document and per-sentence language, \
         sentence offsets and metadata; every span the cleaner removed is kept with its rule id.\n\n",
        manifest.corpusmill_version,
        manifest.schema_version,
        counts.inputs,
        counts.documents,
        counts.sentences,
        stats.words,
        counts.rejected,
        counts.filtered
    ));
    card.push_str(&format!(
        "## Rebuild\n\n```sh\n{rebuild_command}\n```\n\nConfig hash `{}` (the config file, every rule \
         pack, abbreviation list and publisher list, and `--set` overrides). `manifest.json` lists \
         every file with its sha256.\n\n",
        manifest.config_hash
    ));
    card.push_str(
        "## Loading\n\n```python\nimport pandas as pd\ndocs = pd.read_parquet(\"documents\")\n\
         sents = pd.read_parquet(\"sentences\")\n```\n\n```sql\n-- duckdb\n\
         SELECT lang, count(*) FROM read_parquet('documents/**/*.parquet', hive_partitioning = true) GROUP BY lang;\n```\n\n",
    );
    card.push_str(
        "## Languages\n\n| lang | documents | sentences | words |\n| --- | ---: | ---: | ---: |\n",
    );
    for l in &stats.languages {
        card.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            l.lang, l.documents, l.sentences, l.words
        ));
    }
    card.push_str(
        "\n## Quality presets\n\nShare of the documents with quality signals that datatrove's \
         Gopher, C4 and FineWeb filters (default thresholds) keep, by language: the `passes_gopher`, \
         `passes_c4` and `passes_fineweb` columns (docs/quality.md).\n\n\
         | lang | documents | gopher keeps | c4 keeps | fineweb keeps |\n| --- | ---: | ---: | ---: | ---: |\n",
    );
    for q in &stats.quality {
        let share = |kept: u64| format!("{:.1}%", 100.0 * kept as f64 / q.scored.max(1) as f64);
        card.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            q.lang,
            q.scored,
            share(q.gopher),
            share(q.c4),
            share(q.fineweb)
        ));
    }
    if counts.filtered > 0 {
        card.push_str(&format!(
            "\n{} documents were moved to the `filtered` table by `--filter` (not in `documents`):\n\n\
             | filter.rule | documents |\n| --- | ---: |\n",
            counts.filtered
        ));
        for f in &stats.filtered {
            card.push_str(&format!("| `{}` | {} |\n", f.name, f.count));
        }
    }
    card.push_str("\n## Publishers\n\n| publisher | documents |\n| --- | ---: |\n");
    for p in &stats.publishers {
        card.push_str(&format!("| {} | {} |\n", escape_cell(&p.name), p.count));
    }
    card.push_str(&format!(
        "\n## What the cleaner removed\n\nThe {CARD_TOP_RULES} rules that removed the most text \
         (code points), of {} rules that removed anything. Documents cut by a paywall: {}.\n\n\
         | rule | chars | spans | documents |\n| --- | ---: | ---: | ---: |\n",
        stats.removal_rules.len(),
        stats.truncated_documents
    ));
    for r in stats.removal_rules.iter().take(CARD_TOP_RULES) {
        card.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            r.rule_id, r.chars, r.spans, r.documents
        ));
    }
    card.push_str("\n## Rejected inputs\n\n");
    if stats.rejects.is_empty() {
        card.push_str("None.\n");
    } else {
        card.push_str("| reason | inputs |\n| --- | ---: |\n");
        for r in &stats.rejects {
            card.push_str(&format!("| `{}` | {} |\n", r.name, r.count));
        }
    }
    card.push_str("\n## Schema\n\n");
    for (table, schema) in table_schemas() {
        card.push_str(&format!("### {table}\n\n{}\n", schema_markdown(&schema)));
    }
    card
}

/// Rows of the removal-rule table in the card.
const CARD_TOP_RULES: usize = 10;

fn escape_cell(text: &str) -> String {
    text.replace('|', "\\|")
}
