//! The build: list inputs in sorted order, process them in fixed-size batches in parallel
//! (rayon keeps input order), and append each batch to the Parquet files as a row group.
//! Memory is bounded by the batch size and output order never depends on the thread count.
//! The pool encodes batch i as one more task while it processes batch i + 1, so the thread
//! count bounds all the work, and a shard is just a filter on the input list.

use crate::clean::{Cleaner, LineStats, RepeatedLines};
use crate::config::{Config, EmptyDocuments};
use crate::dedup::{label_duplicates, ReduceSettings, SketchPart, SketchWriter};
use crate::document::{Document, Format};
use crate::incremental::{interleave_rows, Pick, PreviousCorpus, PreviousRow};
use crate::lang::LanguageDetector;
use crate::metadata::MetadataExtractor;
use crate::quality::QualityScorer;
use crate::read::select::InputSelection;
use crate::read::{
    holds_records, read_document, Discovery, Input, InputFile, Inputs, Reject, RejectReason,
};
use crate::segment::Segmenter;
use crate::shard::{self, Shard, ShardStaging};
use crate::write::{
    documents_batch, rejects_batch, sentences_batch, FilteredTable, Manifest, StageCounters,
    StagingDir, TableWriter,
};
use anyhow::{bail, Context, Result};
use arrow::array::AsArray;
use arrow::datatypes::Int64Type;
use arrow::record_batch::RecordBatch;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

/// Folder of a build's staging folder that holds the dedup sketches until they are reduced.
const SKETCH_DIR: &str = ".dedup";

/// All processing stages, built once from the config and shared by the worker threads.
pub struct Stages {
    pub cleaner: Cleaner,
    pub detector: LanguageDetector,
    pub segmenter: Segmenter,
    pub metadata: MetadataExtractor,
    /// `None` when quality.enabled is false.
    pub quality: Option<QualityScorer>,
    pub times: StageTimes,
    pub empty_documents: EmptyDocuments,
}

impl Stages {
    pub fn new(config: &Config) -> Result<Stages> {
        Ok(Stages {
            cleaner: Cleaner::new(config)?,
            detector: LanguageDetector::new(config)?,
            segmenter: Segmenter::load_dir(&config.abbreviations_dir())?,
            metadata: MetadataExtractor::new(config)?,
            quality: match config.quality.enabled {
                true => Some(QualityScorer::new(config)?),
                false => None,
            },
            times: StageTimes::default(),
            empty_documents: config.input.empty_documents,
        })
    }

    /// Run clean -> detect -> segment -> metadata -> quality on one document.
    pub fn process(&self, mut doc: Document) -> Result<Document, Reject> {
        let times = &self.times;
        timed(&times.clean, || self.cleaner.clean(&mut doc));
        if doc.text.trim().is_empty() && self.empty_documents == EmptyDocuments::Keep {
            doc.warnings
                .push("no_content: nothing is left after boilerplate removal".into());
            self.metadata.extract(&mut doc);
            return Ok(doc);
        }
        if doc.text.trim().is_empty() {
            return Err(Reject {
                source_path: doc.source_path,
                reason: RejectReason::NoContent,
                message: "nothing is left after boilerplate removal".into(),
                bytes_read: doc.source_bytes,
            });
        }
        // Segmentation rules depend on the language; sentences get theirs once they exist.
        timed(&times.detect_document, || {
            self.detector.detect_document(&mut doc)
        });
        timed(&times.segment, || self.segmenter.segment_document(&mut doc));
        timed(&times.detect_sentences, || {
            self.detector.detect_sentences(&mut doc)
        });
        timed(&times.metadata, || self.metadata.extract(&mut doc));
        if let Some(scorer) = &self.quality {
            doc.quality = Some(timed(&times.quality, || scorer.score(&doc.text, &doc.lang)));
        }
        Ok(doc)
    }
}

/// Time spent in each stage, summed over the threads: the built-in profile.
#[derive(Debug, Default)]
pub struct StageTimes {
    read: AtomicU64,
    clean: AtomicU64,
    detect_document: AtomicU64,
    segment: AtomicU64,
    detect_sentences: AtomicU64,
    metadata: AtomicU64,
    quality: AtomicU64,
    write: AtomicU64,
    /// Clustering the near-duplicates and writing their columns, after the last batch.
    dedup: AtomicU64,
}

impl StageTimes {
    /// `(stage, seconds)` in pipeline order.
    pub fn seconds(&self) -> Vec<(&'static str, f64)> {
        [
            ("read", &self.read),
            ("clean", &self.clean),
            ("detect_document", &self.detect_document),
            ("segment", &self.segment),
            ("detect_sentences", &self.detect_sentences),
            ("metadata", &self.metadata),
            ("quality", &self.quality),
            ("write", &self.write),
            ("dedup", &self.dedup),
        ]
        .into_iter()
        .map(|(name, nanos)| (name, nanos.load(Ordering::Relaxed) as f64 / 1e9))
        .collect()
    }
}

fn timed<T>(counter: &AtomicU64, stage: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let result = stage();
    counter.fetch_add(started.elapsed().as_nanos() as u64, Ordering::Relaxed);
    result
}

pub struct BuildOptions {
    pub input: PathBuf,
    pub output: PathBuf,
    pub config: Config,
    /// Worker threads; `None` uses all cores.
    pub threads: Option<usize>,
    /// Build only this shard's inputs into its own part files (see `shard`).
    pub shard: Option<Shard>,
    /// Rebuild a shard even when its completion marker says it is done.
    pub force: bool,
    /// Told how far the build is (progress bar, log lines).
    pub observer: Option<Box<dyn crate::progress::BuildObserver>>,
    /// Reuse rows of the corpus already in `output` for unchanged inputs.
    pub incremental: bool,
}

/// What a build did, for the summary line.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub manifest: Manifest,
    /// The shard had already completed with the same config and inputs.
    pub skipped: bool,
    /// `(stage, seconds summed over threads)`.
    pub stage_seconds: Vec<(&'static str, f64)>,
    /// Documents copied from the previous corpus by `--incremental`.
    pub reused: u64,
    /// Why `--incremental` rebuilt everything, when it did.
    pub full_rebuild_reason: Option<String>,
}

/// One input after the workers: processed now, or its rows reused from the previous corpus.
// Values live only in one batch vector and are moved once; boxing would add an allocation each.
#[allow(clippy::large_enum_variant)]
enum Processed {
    New(Result<Document, Reject>),
    Reused(PreviousRow),
}

pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    let config = &options.config;
    let selection = InputSelection::new(&config.input)?;
    // The inputs are listed anew for each pass instead of held: a million paths would take
    // more memory than the rest of the build.
    let list_inputs = || -> Result<Discovery> {
        Discovery::new(&options.input, Some(&options.output)).with_context(|| {
            format!(
                "cannot list the input folder {}: pass --input with a folder of .txt/.md files",
                options.input.display()
            )
        })
    };
    let shard = options.shard;
    // A shard is a set of records: each shard reads every file of records and keeps its own.
    let owned = move |input: &Input| shard.is_none_or(|s| s.owns(input.source_path()));
    let may_own = |file: &InputFile| {
        shard.is_none_or(|s| s.owns(&file.rel_path) || holds_records(file, &config.input))
    };
    let fingerprint = match options.shard {
        Some(shard) => {
            let inputs = list_inputs()?.filter(|f| selection.selects(&f.rel_path) && may_own(f));
            let fingerprint = shard::inputs_fingerprint(inputs);
            let done = shard::completed(&options.output, shard, &config.hash, &fingerprint);
            if let Some(marker) = done.filter(|_| !options.force) {
                return Ok(BuildReport {
                    manifest: marker.manifest,
                    skipped: true,
                    stage_seconds: Vec::new(),
                    reused: 0,
                    full_rebuild_reason: None,
                });
            }
            fingerprint
        }
        None => String::new(),
    };
    let (previous, full_rebuild_reason) = match (options.incremental, options.shard) {
        (false, _) => (None, None),
        (true, Some(_)) => bail!(
            "--incremental builds a whole corpus; a sharded build already skips completed shards"
        ),
        (true, None) => {
            match PreviousCorpus::open(&options.output, &config.hash, config.output.batch_docs)? {
                Ok(found) => (Some(found), None),
                Err(reason) => (None, Some(reason)),
            }
        }
    };
    let mut stages = Stages::new(config)?;
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(threads) = options.threads {
        pool = pool.num_threads(threads);
    }
    let pool = pool.build().context("cannot start the worker threads")?;
    // Line counts over ALL selected inputs (never a shard), so sharded and single builds clean
    // alike: summed by `prepare` from every shard's share, or counted here; the same pass
    // counts the inputs for the progress bar.
    let prepared = match shard {
        Some(shard) => crate::prepare::prepared(&options.output, config, shard.count)?,
        None => None,
    };
    let (mut found, mut selected, mut inputs_owned) = (0u64, 0u64, 0u64);
    let files = list_inputs()?
        .inspect(|_| found += 1)
        .filter(|f| selection.selects(&f.rel_path))
        .inspect(|_| selected += 1);
    let inputs = Inputs::new(files, &config.input).inspect(|input| {
        inputs_owned += u64::from(owned(input));
    });
    let line_stats = match prepared {
        Some(counts) => {
            inputs.for_each(drop);
            counts
        }
        None => pool.install(|| LineStats::count(inputs, &config.input, &config.clean)),
    };
    stages.cleaner.set_line_stats(line_stats);
    let repeated_lines = stages.cleaner.repeated_lines();
    // A reused row was cleaned with the previous build's repeated lines: it stays only for a
    // document whose every line gets the same answer from this build's.
    let (mut previous, previous_lines) = previous.unzip();
    let cleaned_alike = |doc: &Document| {
        previous_lines.as_ref().is_some_and(|lines| {
            lines.agree_on(repeated_lines, &doc.body, doc.format == Format::Md)
        })
    };
    if selected < found {
        tracing::info!(
            "{} of {found} files left out by input.include / input.exclude",
            found - selected
        );
    }

    let destination = Destination::create(&options.output, options.shard)?;
    let mut writer = CorpusWriter::new(destination.path(), &destination.part_name(), config)?;
    let write_time = &stages.times.write;
    let observer = options.observer.as_deref();
    if let Some(observer) = observer {
        observer.started(inputs_owned as usize);
    }
    // The batch processed last round, encoded while the workers process the next one.
    let mut unwritten: Option<Vec<Processed>> = None;
    let mut done = 0;
    let files = list_inputs()?.filter(|f| selection.selects(&f.rel_path) && may_own(f));
    let mut inputs = Inputs::of_shard(files, &config.input, options.shard);
    loop {
        let chunk: Vec<Input> = inputs.by_ref().take(config.output.batch_docs).collect();
        if chunk.is_empty() {
            break;
        }
        let previous_rows = match previous.as_mut() {
            Some(corpus) => corpus.rows_for(&chunk)?,
            None => chunk.iter().map(|_| None).collect(),
        };
        // Encoding is a task on the same pool, so `--threads N` means N busy cores in all.
        let (results, written) = pool.install(|| {
            rayon::join(
                || {
                    chunk
                        .par_iter()
                        .zip(previous_rows)
                        .map(|(file, previous)| {
                            let doc =
                                timed(&stages.times.read, || read_document(file, &config.input));
                            match (doc, previous) {
                                (Ok(doc), Some(row))
                                    if row.matches(&doc) && cleaned_alike(&doc) =>
                                {
                                    Processed::Reused(row)
                                }
                                (doc, _) => Processed::New(doc.and_then(|doc| stages.process(doc))),
                            }
                        })
                        .collect::<Vec<Processed>>()
                },
                || match unwritten.take() {
                    Some(batch) => timed(write_time, || writer.write_batch(batch)),
                    None => Ok(()),
                },
            )
        });
        written?;
        unwritten = Some(results);
        done += chunk.len();
        if let Some(observer) = observer {
            observer.advanced(done);
        }
    }
    if let Some(batch) = unwritten {
        pool.install(|| timed(write_time, || writer.write_batch(batch)))?;
    }
    writer.counters.skipped_records = inputs.skipped().clone();
    if let Some(observer) = observer {
        observer.finished();
    }
    let reused = writer.reused;
    let (mut manifest, sketch) = timed(&stages.times.write, || {
        writer.finish(destination.path(), done as u64)
    })?;
    // A whole corpus is labelled now; a shard keeps its sketch for `finalize`.
    let shard_sketch = match (sketch, &destination, ReduceSettings::of(config)) {
        (Some(sketch), Destination::Whole(_), Some(settings)) => {
            timed(&stages.times.dedup, || {
                label_duplicates(destination.path(), &mut manifest, &[sketch], &settings)
            })?;
            std::fs::remove_dir_all(destination.path().join(SKETCH_DIR))?;
            None
        }
        (Some(sketch), _, Some(settings)) => Some((sketch, settings)),
        _ => None,
    };
    let manifest = destination.finish_layout(manifest, options, repeated_lines)?;
    destination.commit(manifest.clone(), fingerprint, shard_sketch)?;
    Ok(BuildReport {
        manifest,
        skipped: false,
        stage_seconds: stages.times.seconds(),
        reused,
        full_rebuild_reason,
    })
}

/// Where a build writes: the whole corpus through a staging folder swapped in at the end,
/// or one shard's part files swapped in file by file beside the other shards'.
enum Destination {
    Whole(StagingDir),
    Shard(ShardStaging, Shard),
}

impl Destination {
    fn create(output: &Path, shard: Option<Shard>) -> Result<Destination> {
        Ok(match shard {
            None => Destination::Whole(StagingDir::create(output)?),
            Some(shard) => Destination::Shard(ShardStaging::create(output, shard)?, shard),
        })
    }

    fn path(&self) -> &Path {
        match self {
            Destination::Whole(staging) => &staging.path,
            Destination::Shard(staging, _) => &staging.path,
        }
    }

    fn part_name(&self) -> String {
        match self {
            Destination::Whole(_) => "part-00000".into(),
            Destination::Shard(_, shard) => format!("part-{}", shard.name()),
        }
    }

    /// A whole corpus gets the optional layouts (partitions, JSON Lines) and its dataset card;
    /// shards stay flat part files.
    fn finish_layout(
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
            crate::write::card::write_card(
                &staging.path,
                &manifest,
                &crate::write::card::rebuild_command(&options.input, &options.output, config),
            )?;
        }
        Ok(manifest)
    }

    fn commit(
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

/// The ordered writer: appends each processed batch to the documents and sentences files
/// and keeps the counters and rejects for the manifest.
struct CorpusWriter {
    documents: TableWriter,
    sentences: TableWriter,
    /// Documents a chosen quality filter drops (`--filter`); `None` without filters.
    filtered: Option<FilteredTable>,
    part_name: String,
    config_hash: String,
    counters: StageCounters,
    rejects: Vec<Reject>,
    wrote_any: bool,
    reused: u64,
    row_group_docs: usize,
    /// Documents in the row group in progress.
    docs_in_row_group: usize,
    /// MinHash sketches of the documents rows, for dedup after the last batch.
    sketch: Option<SketchWriter>,
}

impl CorpusWriter {
    fn new(dir: &Path, part_name: &str, config: &Config) -> Result<CorpusWriter> {
        let config_hash = &config.hash;
        let table = |name: &str| {
            TableWriter::new(
                dir,
                &format!("{name}/{part_name}"),
                config_hash,
                config.output.row_groups_per_file,
            )
        };
        let sketch = match config.dedup.enabled {
            true => Some(SketchWriter::create(
                &dir.join(SKETCH_DIR),
                part_name,
                &config.dedup,
            )?),
            false => None,
        };
        Ok(CorpusWriter {
            documents: table("documents"),
            sentences: table("sentences"),
            filtered: FilteredTable::new(dir, part_name, config),
            part_name: part_name.to_string(),
            config_hash: config_hash.to_string(),
            counters: StageCounters::default(),
            rejects: Vec::new(),
            wrote_any: false,
            reused: 0,
            row_group_docs: config.output.row_group_docs,
            docs_in_row_group: 0,
            sketch,
        })
    }

    fn write_batch(&mut self, results: Vec<Processed>) -> Result<()> {
        let mut docs = Vec::with_capacity(results.len());
        let mut order = Vec::with_capacity(results.len());
        let mut dropped = Vec::new();
        for result in results {
            match result {
                Processed::New(Ok(doc)) => {
                    match self.filtered.as_ref().and_then(|t| t.failed(&doc)) {
                        Some((filter, rule)) => dropped.push((doc, filter, rule)),
                        None => {
                            self.counters.add_document(&doc);
                            order.push(Err(docs.len()));
                            docs.push(doc);
                        }
                    }
                }
                Processed::New(Err(reject)) => self.rejects.push(reject),
                Processed::Reused(row) => {
                    self.counters.add_document(&row.counted_document());
                    self.reused += 1;
                    order.push(Ok(row));
                }
            }
        }
        if let Some(table) = self.filtered.as_mut() {
            if !dropped.is_empty() || !self.wrote_any {
                table.write(&dropped, &mut self.counters)?;
            }
        }
        // Empty tables still get a file with the schema, so readers find every table.
        if order.is_empty() && self.wrote_any {
            return Ok(());
        }
        let (documents, sentences) = (documents_batch(&docs), sentences_batch(&docs));
        if order.iter().all(|source| source.is_err()) {
            self.append(&documents, &sentences)?;
        } else {
            // Reused rows keep their place in input order between the new ones.
            let mut first_sentence = Vec::with_capacity(docs.len());
            let mut next = 0;
            for doc in &docs {
                first_sentence.push(next);
                next += doc.sentences.len();
            }
            let mut document_picks = Vec::with_capacity(order.len());
            let mut sentence_picks = Vec::new();
            for source in &order {
                match source {
                    Err(i) => {
                        document_picks.push(Pick::New(*i));
                        let start = first_sentence[*i];
                        sentence_picks
                            .extend((start..start + docs[*i].sentences.len()).map(Pick::New));
                    }
                    Ok(row) => {
                        document_picks.push(Pick::Previous(&row.document.0, row.document.1));
                        sentence_picks.extend(
                            row.sentences
                                .iter()
                                .map(|(batch, i)| Pick::Previous(batch, *i)),
                        );
                    }
                }
            }
            self.append(
                &interleave_rows(&documents, &document_picks)?,
                &interleave_rows(&sentences, &sentence_picks)?,
            )?;
        }
        self.wrote_any = true;
        Ok(())
    }

    /// Append documents and their sentences, closing a row group every `row_group_docs`
    /// documents, so row groups are the same whatever the batch size.
    fn append(&mut self, documents: &RecordBatch, sentences: &RecordBatch) -> Result<()> {
        if let Some(sketch) = self.sketch.as_mut() {
            sketch.add(documents)?;
        }
        if documents.num_rows() == 0 {
            // Creates the files of empty tables, so readers find every table.
            self.documents.write(documents)?;
            return self.sentences.write(sentences);
        }
        let n_sentences = documents
            .column_by_name("n_sentences")
            .context("the documents table has no n_sentences column")?
            .as_primitive::<Int64Type>();
        let (mut document, mut sentence) = (0, 0);
        while document < documents.num_rows() {
            let take =
                (self.row_group_docs - self.docs_in_row_group).min(documents.num_rows() - document);
            let their_sentences: usize = (document..document + take)
                .map(|i| n_sentences.value(i) as usize)
                .sum();
            self.documents.write(&documents.slice(document, take))?;
            self.sentences
                .write(&sentences.slice(sentence, their_sentences))?;
            document += take;
            sentence += their_sentences;
            self.docs_in_row_group += take;
            if self.docs_in_row_group == self.row_group_docs {
                self.documents.flush()?;
                self.sentences.flush()?;
                self.docs_in_row_group = 0;
            }
        }
        Ok(())
    }

    /// The manifest, and the dedup sketch of the documents written.
    fn finish(mut self, dir: &Path, inputs: u64) -> Result<(Manifest, Option<SketchPart>)> {
        if !self.wrote_any {
            self.write_batch(Vec::new())?;
        }
        // In path order, as `finalize` lists a sharded build's (`news.jsonl#L10` before `#L9`).
        self.rejects
            .sort_by(|a, b| a.source_path.cmp(&b.source_path));
        let mut rejects_table = TableWriter::new(
            dir,
            &format!("rejects/{}", self.part_name),
            &self.config_hash,
            1,
        );
        rejects_table.write(&rejects_batch(&self.rejects))?;
        let filtered = match self.filtered {
            Some(table) => table.finish()?,
            None => Vec::new(),
        };
        let outputs = [
            self.documents.finish()?,
            self.sentences.finish()?,
            rejects_table.finish()?,
            filtered,
        ]
        .into_iter()
        .flatten()
        .collect();
        let manifest = Manifest::new(
            &self.config_hash,
            inputs,
            self.rejects,
            self.counters,
            outputs,
        );
        Ok((manifest, self.sketch.map(SketchWriter::finish).transpose()?))
    }
}
