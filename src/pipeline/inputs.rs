//! The inputs of a build: the files under `--input` that `input.include` / `input.exclude`
//! select and, of those, the records a shard owns. Listed anew for each pass instead of held:
//! a million paths would take more memory than the rest of the build.

use super::BuildOptions;
use crate::clean::LineStats;
use crate::config::Config;
use crate::read::select::InputSelection;
use crate::read::{holds_records, Discovery, Input, InputFile, Inputs};
use crate::shard::Shard;
use anyhow::{Context, Result};
use rayon::ThreadPool;
use std::path::Path;

pub(super) struct BuildInputs<'a> {
    folder: &'a Path,
    output: &'a Path,
    config: &'a Config,
    selection: InputSelection,
    shard: Option<Shard>,
}

impl<'a> BuildInputs<'a> {
    pub(super) fn new(options: &'a BuildOptions) -> Result<BuildInputs<'a>> {
        Ok(BuildInputs {
            folder: &options.input,
            output: &options.output,
            config: &options.config,
            selection: InputSelection::new(&options.config.input)?,
            shard: options.shard,
        })
    }

    fn list(&self) -> Result<Discovery> {
        Discovery::new(self.folder, Some(self.output)).with_context(|| {
            format!(
                "cannot list the input folder {}: pass --input with a folder of .txt/.md files",
                self.folder.display()
            )
        })
    }

    /// The selected files that hold inputs of this build: in a shard, the files it owns and
    /// every file of records (a shard is a set of records, so each shard reads them all).
    pub(super) fn files(&self) -> Result<impl Iterator<Item = InputFile> + '_> {
        let may_own = move |file: &InputFile| {
            self.shard
                .is_none_or(|s| s.owns(&file.rel_path) || holds_records(file, &self.config.input))
        };
        let files = self.list()?;
        Ok(files.filter(move |f| self.selection.selects(&f.rel_path) && may_own(f)))
    }

    /// The inputs this build processes, in order.
    pub(super) fn owned(&self) -> Result<Inputs<impl Iterator<Item = InputFile> + '_>> {
        Ok(Inputs::of_shard(
            self.files()?,
            &self.config.input,
            self.shard,
        ))
    }

    /// Repeated-line counts over all selected inputs, never one shard's, so that sharded and
    /// single builds clean alike: summed by `prepare` from every shard's share, or counted
    /// here. The same pass counts the inputs this build owns, for the progress bar.
    pub(super) fn count_lines(&self, pool: &ThreadPool) -> Result<(LineStats, u64)> {
        let config = self.config;
        let prepared = match self.shard {
            Some(shard) => {
                let inputs = self
                    .list()?
                    .filter(|f| self.selection.selects(&f.rel_path))
                    .map(|f| crate::prepare::input_print(&f))
                    .fold(0, u64::wrapping_add);
                crate::prepare::prepared(self.output, config, shard.count, inputs)?
            }
            None => None,
        };
        let (mut found, mut selected, mut owned) = (0u64, 0u64, 0u64);
        let files = self
            .list()?
            .inspect(|_| found += 1)
            .filter(|f| self.selection.selects(&f.rel_path))
            .inspect(|_| selected += 1);
        let inputs = Inputs::new(files, &config.input).inspect(|input: &Input| {
            owned += u64::from(self.shard.is_none_or(|s| s.owns(input.source_path())));
        });
        let line_stats = match prepared {
            Some(counts) => {
                inputs.for_each(drop);
                counts
            }
            None => pool.install(|| LineStats::count(inputs, &config.input, &config.clean)),
        };
        if selected < found {
            tracing::info!(
                "{} of {found} files left out by input.include / input.exclude",
                found - selected
            );
        }
        Ok((line_stats, owned))
    }
}
