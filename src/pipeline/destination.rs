//! Where a build writes, and how its output is swapped into place.

use super::BuildOptions;
use crate::clean::RepeatedLines;
use crate::dedup::{ReduceSettings, SketchPart};
use crate::shard::{Shard, ShardStaging};
use crate::write::{Manifest, StagingDir};
use anyhow::Result;
use std::path::Path;

/// Where a build writes: the whole corpus through a staging folder swapped in at the end,
/// or one shard's part files swapped in file by file beside the other shards'.
pub(super) enum Destination {
    Whole(StagingDir),
    Shard(ShardStaging, Shard),
}

impl Destination {
    pub(super) fn create(output: &Path, shard: Option<Shard>) -> Result<Destination> {
        Ok(match shard {
            None => Destination::Whole(StagingDir::create(output)?),
            Some(shard) => Destination::Shard(ShardStaging::create(output, shard)?, shard),
        })
    }

    pub(super) fn path(&self) -> &Path {
        match self {
            Destination::Whole(staging) => &staging.path,
            Destination::Shard(staging, _) => &staging.path,
        }
    }

    pub(super) fn part_name(&self) -> String {
        match self {
            Destination::Whole(_) => "part-00000".into(),
            Destination::Shard(_, shard) => format!("part-{}", shard.name()),
        }
    }

    /// A whole corpus gets the optional layouts (partitions, JSON Lines) and its dataset card;
    /// shards stay flat part files.
    pub(super) fn finish_layout(
        &self,
        mut manifest: Manifest,
        options: &BuildOptions,
        repeated_lines: &RepeatedLines,
    ) -> Result<Manifest> {
        if let Destination::Whole(staging) = self {
            manifest
                .outputs
                .push(crate::incremental::write_repeated_lines(
                    &staging.path,
                    repeated_lines,
                )?);
            let config = &options.config;
            manifest.outputs = crate::write::apply_layout(
                &staging.path,
                std::mem::take(&mut manifest.outputs),
                &config.output,
                &config.hash,
            )?;
            crate::stats::card::write_card(
                &staging.path,
                &manifest,
                &crate::stats::card::rebuild_command(&options.input, &options.output, config),
            )?;
        }
        Ok(manifest)
    }

    pub(super) fn commit(
        self,
        manifest: Manifest,
        fingerprint: String,
        sketch: Option<(SketchPart, ReduceSettings)>,
    ) -> Result<()> {
        match self {
            Destination::Whole(staging) => staging.commit(&manifest.to_json()),
            Destination::Shard(staging, _) => staging.commit(manifest, fingerprint, sketch),
        }
    }
}
