//! The `filtered` table (`--filter`, `quality.filters`): the documents a chosen quality preset
//! drops, with every documents column plus the filter and the rule that failed, so nothing is
//! dropped silently. Their sentences are not written. Written only when a filter is chosen.

use super::schema::filtered_batch;
use super::{OutputFile, StageCounters, TableWriter};
use crate::config::Config;
use crate::config::Filter;
use crate::document::Document;
use anyhow::Result;
use std::path::Path;

pub struct FilteredTable {
    /// The chosen presets, in `Filter::ALL` order: a document is filed under the first that
    /// drops it.
    filters: Vec<Filter>,
    writer: TableWriter,
    row_group_docs: usize,
    docs_in_row_group: usize,
}

impl FilteredTable {
    /// The table of a build, or `None` when no filter is chosen.
    pub fn new(dir: &Path, part_name: &str, config: &Config) -> Option<FilteredTable> {
        let chosen = &config.quality.filters;
        let filters: Vec<Filter> = Filter::ALL
            .into_iter()
            .filter(|f| chosen.contains(f))
            .collect();
        (!filters.is_empty()).then(|| FilteredTable {
            filters,
            writer: TableWriter::new(
                dir,
                &format!("filtered/{part_name}"),
                &config.hash,
                config.output.row_groups_per_file,
            ),
            row_group_docs: config.output.row_group_docs,
            docs_in_row_group: 0,
        })
    }

    /// The first chosen filter that drops `doc`, and its rule.
    pub fn failed(&self, doc: &Document) -> Option<(Filter, &'static str)> {
        let quality = doc.quality.as_ref()?;
        self.filters
            .iter()
            .find_map(|&filter| quality.verdicts.get(filter).map(|rule| (filter, rule)))
    }

    /// Append dropped documents, counted in `counters`; row groups of `row_group_docs` rows.
    pub fn write(
        &mut self,
        docs: &[(Document, Filter, &'static str)],
        counters: &mut StageCounters,
    ) -> Result<()> {
        for (_, filter, rule) in docs {
            counters.add_filtered(*filter, rule);
        }
        let batch = filtered_batch(docs);
        let mut start = 0;
        while start < batch.num_rows() {
            let take = (self.row_group_docs - self.docs_in_row_group).min(batch.num_rows() - start);
            self.writer.write(&batch.slice(start, take))?;
            start += take;
            self.docs_in_row_group += take;
            if self.docs_in_row_group == self.row_group_docs {
                self.writer.flush()?;
                self.docs_in_row_group = 0;
            }
        }
        if batch.num_rows() == 0 {
            // Creates the file of an empty table, so readers find it.
            self.writer.write(&batch)?;
        }
        Ok(())
    }

    pub fn finish(self) -> Result<Vec<OutputFile>> {
        self.writer.finish()
    }
}
