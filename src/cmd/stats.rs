//! `corpusmill stats OUT`: a summary of a built corpus (documents, sentences and words per
//! language, the share each quality preset keeps, publishers, the rules that removed the most
//! text, rejects by reason), read from its Parquet files; `--json` for scripts.
//!
//! Usage: corpusmill stats [OUT] [--json] [--top N]

use corpusmill::stats::CorpusStats;
use std::io::Write;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// Output folder of `corpusmill build`.
    #[arg(default_value = "out")]
    out: PathBuf,
    /// Print the full statistics as JSON instead of tables.
    #[arg(long)]
    json: bool,
    /// Rows shown in the publisher and rule tables.
    #[arg(long, default_value_t = 10)]
    top: usize,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let stats = CorpusStats::from_dir(&args.out)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&stats)?)?;
        return Ok(());
    }
    writeln!(
        out,
        "{}: {} documents, {} sentences, {} words, {} rejected (config {})\n",
        args.out.display(),
        stats.documents,
        stats.sentences,
        stats.words,
        stats.rejected,
        stats
            .config_hash
            .as_deref()
            .map_or("unknown", |h| &h[..h.len().min(12)])
    )?;
    let mut languages: Vec<Vec<String>> = stats
        .languages
        .iter()
        .map(|l| {
            vec![
                l.lang.clone(),
                l.documents.to_string(),
                l.sentences.to_string(),
                l.words.to_string(),
            ]
        })
        .collect();
    languages.push(vec![
        "total".into(),
        stats.documents.to_string(),
        stats.sentences.to_string(),
        stats.words.to_string(),
    ]);
    write_table(
        &mut out,
        &["lang", "documents", "sentences", "words"],
        &languages,
    )?;
    let quality: Vec<Vec<String>> = stats
        .quality
        .iter()
        .map(|q| {
            let share = |kept: u64| format!("{:.1}%", 100.0 * kept as f64 / q.scored.max(1) as f64);
            vec![
                q.lang.clone(),
                q.scored.to_string(),
                share(q.gopher),
                share(q.c4),
                share(q.fineweb),
            ]
        })
        .collect();
    write_table(
        &mut out,
        &[
            "lang",
            "scored",
            "gopher keeps",
            "c4 keeps",
            "fineweb keeps",
        ],
        &quality,
    )?;
    if !stats.filtered.is_empty() {
        let filtered: Vec<Vec<String>> = stats
            .filtered
            .iter()
            .map(|f| vec![f.name.clone(), f.count.to_string()])
            .collect();
        write_table(&mut out, &["filtered by", "documents"], &filtered)?;
    }
    if let Some(duplicates) = &stats.duplicates {
        writeln!(
            out,
            "{} clusters of near-duplicates: {} copies ({} exact, {} near), {} left out",
            duplicates.clusters,
            duplicates.copies,
            duplicates.exact_copies,
            duplicates.near_copies,
            duplicates.dropped
        )?;
        let clusters: Vec<Vec<String>> = duplicates
            .largest_clusters
            .iter()
            .take(args.top)
            .map(|c| {
                vec![
                    c.source_path.clone(),
                    c.representative.clone(),
                    c.documents.to_string(),
                ]
            })
            .collect();
        if !clusters.is_empty() {
            write_table(
                &mut out,
                &["largest cluster (representative)", "doc_id", "documents"],
                &clusters,
            )?;
        }
    }
    let publishers: Vec<Vec<String>> = stats
        .publishers
        .iter()
        .take(args.top)
        .map(|p| vec![p.name.clone(), p.count.to_string()])
        .collect();
    write_table(&mut out, &["publisher", "documents"], &publishers)?;
    let rules: Vec<Vec<String>> = stats
        .removal_rules
        .iter()
        .take(args.top)
        .map(|r| {
            vec![
                r.rule_id.clone(),
                r.chars.to_string(),
                r.spans.to_string(),
                r.documents.to_string(),
            ]
        })
        .collect();
    write_table(
        &mut out,
        &["removal rule", "chars", "spans", "documents"],
        &rules,
    )?;
    let rejects: Vec<Vec<String>> = stats
        .rejects
        .iter()
        .map(|r| vec![r.name.clone(), r.count.to_string()])
        .collect();
    write_table(&mut out, &["rejected as", "inputs"], &rejects)?;
    Ok(())
}

/// A plain-text table: first column left-aligned, the numbers right-aligned.
fn write_table(out: &mut impl Write, headers: &[&str], rows: &[Vec<String>]) -> anyhow::Result<()> {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| {
        let mut text = String::new();
        for (i, (cell, width)) in cells.iter().zip(&widths).enumerate() {
            let pad = width - cell.chars().count();
            if i == 0 {
                text.push_str(cell);
                text.push_str(&" ".repeat(pad));
            } else {
                text.push_str("  ");
                text.push_str(&" ".repeat(pad));
                text.push_str(cell);
            }
        }
        text.trim_end().to_string()
    };
    let headers: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
    writeln!(out, "{}", line(&headers))?;
    let total: usize = widths.iter().sum::<usize>() + 2 * (widths.len() - 1);
    writeln!(out, "{}", "-".repeat(total))?;
    if rows.is_empty() {
        writeln!(out, "(none)")?;
    }
    for row in rows {
        writeln!(out, "{}", line(row))?;
    }
    writeln!(out)?;
    Ok(())
}
