//! `corpusmill schema`: the Arrow schema of every output table with a one-line description of
//! each column (the descriptions the Parquet files carry as field metadata).
//!
//! Usage: corpusmill schema [--json] [--markdown]

use corpusmill::write::table_schemas;
use corpusmill::write::{column_description, column_type_nullable, schema_markdown};
use serde_json::json;
use std::io::Write;

#[derive(clap::Args)]
pub struct Args {
    /// Print JSON: one object per table with its columns (name, type, nullable, description).
    #[arg(long, conflicts_with = "markdown")]
    json: bool,
    /// Print Markdown tables, as in the dataset card.
    #[arg(long)]
    markdown: bool,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    let tables = table_schemas();
    if args.json {
        let value: Vec<_> = tables
            .iter()
            .map(|(table, schema)| {
                let columns: Vec<_> = schema
                    .fields()
                    .iter()
                    .map(|f| {
                        json!({
                            "name": f.name(),
                            "type": corpusmill::write::column_type(f.data_type()),
                            "nullable": f.is_nullable(),
                            "description": column_description(f),
                        })
                    })
                    .collect();
                json!({"table": table, "columns": columns})
            })
            .collect();
        writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
        return Ok(());
    }
    for (i, (table, schema)) in tables.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        if args.markdown {
            writeln!(out, "### {table}\n\n{}", schema_markdown(schema))?;
            continue;
        }
        writeln!(out, "{table}  ({table}/*.parquet, ? = nullable)")?;
        let name_width = schema
            .fields()
            .iter()
            .map(|f| f.name().len())
            .max()
            .unwrap_or(0);
        let types: Vec<String> = schema
            .fields()
            .iter()
            .map(|f| column_type_nullable(f))
            .collect();
        let type_width = types.iter().map(|t| t.len().min(28)).max().unwrap_or(0);
        for (field, type_name) in schema.fields().iter().zip(&types) {
            writeln!(
                out,
                "  {:<name_width$}  {:<type_width$}  {}",
                field.name(),
                type_name,
                column_description(field)
            )?;
        }
    }
    Ok(())
}
