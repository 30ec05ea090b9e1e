//! The build, stage by stage: list the inputs (`pipeline/inputs.rs`), count the lines
//! repeated across them (the corpus-wide pass the cleaner needs), then process fixed-size
//! batches in parallel through read -> clean -> detect -> segment -> detect sentences ->
//! metadata -> quality ([`Stages::process`]), append each batch in input order
//! (`pipeline/writer.rs`), label the near-duplicates of the whole corpus, and swap the output
//! into place (`pipeline/destination.rs`).
//!
//! Memory is bounded by the batch size and output order never depends on the thread count:
//! rayon keeps input order, and the pool encodes batch i as one more task while it processes
//! batch i + 1, so the thread count bounds all the work. A shard is a filter on the inputs
//! ([`crate::shard`]); `--incremental` reuses rows of the previous corpus
//! ([`crate::incremental`]).

mod destination;
mod inputs;
mod writer;

use crate::clean::{Cleaner, RepeatedLines};
use crate::config::{Config, EmptyDocuments};
use crate::dedup::{label_duplicates, ReduceSettings};
use crate::document::{Document, Format};
use crate::incremental::PreviousCorpus;
use crate::lang::LanguageDetector;
use crate::metadata::MetadataExtractor;
use crate::quality::QualityScorer;
use crate::read::{read_document, Input, Reject, RejectReason};
use crate::segment::Segmenter;
use crate::shard::{self, Shard};
use crate::write::Manifest;
use anyhow::{bail, Context, Result};
use destination::Destination;
use inputs::BuildInputs;
use rayon::prelude::*;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;
use writer::{CorpusWriter, Processed, SKETCH_DIR};

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

    /// The stage profile and the repeated lines, with every stage dropped and its memory given
    /// back before the corpus-wide passes (writing the last parts, labelling duplicates): the
    /// compiled rules and their caches were a third of the build's heap, and the duplicates'
    /// pass had set the build's peak on top of them.
    fn release(self) -> (StageTimes, RepeatedLines) {
        let Stages {
            cleaner,
            detector,
            segmenter,
            metadata,
            quality,
            times,
            empty_documents: _,
        } = self;
        drop((detector, segmenter, metadata, quality));
        let repeated_lines = cleaner.into_repeated_lines();
        return_free_memory();
        (times, repeated_lines)
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

/// Give the allocator's free pages back to the system (glibc keeps them in its arenas).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn return_free_memory() {
    // SAFETY: malloc_trim only releases free memory of the allocator's arenas.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn return_free_memory() {}

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

/// One input's read and stages, with a panic (a bug in corpusmill or a crate it uses) turned
/// into that input's `internal_error` reject: one document must not stop a run over millions,
/// and `inputs = documents + rejected` still holds.
fn unless_it_panics(input: &Input, process: impl FnOnce() -> Processed) -> Processed {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(process)).unwrap_or_else(|payload| {
        let cause = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Processed::New(Err(Reject {
            source_path: input.source_path().to_string(),
            reason: RejectReason::InternalError,
            message: format!(
                "corpusmill failed on this input ({cause}); the run went on: please report it with the file"
            ),
            bytes_read: 0,
        }))
    })
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

impl BuildReport {
    /// A shard whose completion marker says it was built from the same config and inputs.
    fn already_built(manifest: Manifest) -> BuildReport {
        BuildReport {
            manifest,
            skipped: true,
            stage_seconds: Vec::new(),
            reused: 0,
            full_rebuild_reason: None,
        }
    }
}

/// Build the corpus (or one shard of it) that `options` describe.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    let config = &options.config;
    let inputs = BuildInputs::new(options)?;
    let fingerprint = match options.shard {
        Some(shard) => {
            let fingerprint = shard::inputs_fingerprint(inputs.files()?);
            let done = shard::completed(&options.output, shard, &config.hash, &fingerprint);
            if let Some(marker) = done.filter(|_| !options.force) {
                return Ok(BuildReport::already_built(marker.manifest));
            }
            fingerprint
        }
        None => String::new(),
    };
    let (previous, full_rebuild_reason) = previous_corpus(options)?;
    let mut stages = Stages::new(config)?;
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(threads) = options.threads {
        pool = pool.num_threads(threads);
    }
    let pool = pool.build().context("cannot start the worker threads")?;

    let (line_stats, inputs_owned) = inputs.count_lines(&pool)?;
    stages.cleaner.set_line_stats(line_stats);

    let destination = Destination::create(&options.output, options.shard)?;
    let mut writer = CorpusWriter::new(destination.path(), &destination.part_name(), config)?;
    if let Some(observer) = options.observer.as_deref() {
        observer.started(inputs_owned as usize);
    }
    let done = process_batches(options, &inputs, &stages, previous, &pool, &mut writer)?;
    if let Some(observer) = options.observer.as_deref() {
        observer.finished();
    }

    let reused = writer.reused;
    let (times, repeated_lines) = stages.release();
    let (mut manifest, sketch) = timed(&times.write, || writer.finish(destination.path(), done))?;
    // A whole corpus is labelled now; a shard keeps its sketch for `finalize`.
    let shard_sketch = match (sketch, &destination, ReduceSettings::of(config)) {
        (Some(sketch), Destination::Whole(_), Some(settings)) => {
            timed(&times.dedup, || {
                label_duplicates(destination.path(), &mut manifest, &[sketch], &settings)
            })?;
            std::fs::remove_dir_all(destination.path().join(SKETCH_DIR))?;
            None
        }
        (Some(sketch), _, Some(settings)) => Some((sketch, settings)),
        _ => None,
    };
    let manifest = destination.finish_layout(manifest, options, &repeated_lines)?;
    destination.commit(manifest.clone(), fingerprint, shard_sketch)?;
    Ok(BuildReport {
        manifest,
        skipped: false,
        stage_seconds: times.seconds(),
        reused,
        full_rebuild_reason,
    })
}

/// A corpus already in the output folder, and the repeated lines it was cleaned with.
type Previous = (PreviousCorpus, RepeatedLines);

/// The corpus already in the output folder, for `--incremental`, with the repeated lines it
/// was cleaned with; or why everything is rebuilt.
fn previous_corpus(options: &BuildOptions) -> Result<(Option<Previous>, Option<String>)> {
    let config = &options.config;
    Ok(match (options.incremental, options.shard) {
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
    })
}

/// Read and process the inputs batch by batch, each batch written while the next one is
/// processed; returns how many inputs there were.
fn process_batches(
    options: &BuildOptions,
    inputs: &BuildInputs,
    stages: &Stages,
    previous: Option<Previous>,
    pool: &rayon::ThreadPool,
    writer: &mut CorpusWriter,
) -> Result<u64> {
    let config = &options.config;
    // A reused row was cleaned with the previous build's repeated lines: it stays only for a
    // document whose every line gets the same answer from this build's.
    let repeated_lines = stages.cleaner.repeated_lines();
    let (mut previous, previous_lines) = previous.unzip();
    let cleaned_alike = |doc: &Document| {
        previous_lines.as_ref().is_some_and(|lines| {
            lines.agree_on(repeated_lines, &doc.body, doc.format == Format::Md)
        })
    };
    let write_time = &stages.times.write;
    // The batch processed last round, encoded while the workers process the next one.
    let mut unwritten: Option<Vec<Processed>> = None;
    let mut done = 0;
    let mut owned = inputs.owned()?;
    loop {
        let chunk: Vec<Input> = owned.by_ref().take(config.output.batch_docs).collect();
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
                            unless_it_panics(file, || {
                                let doc = timed(&stages.times.read, || {
                                    read_document(file, &config.input)
                                });
                                match (doc, previous) {
                                    (Ok(doc), Some(row))
                                        if row.matches(&doc) && cleaned_alike(&doc) =>
                                    {
                                        Processed::Reused(row)
                                    }
                                    (doc, _) => {
                                        Processed::New(doc.and_then(|doc| stages.process(doc)))
                                    }
                                }
                            })
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
        if let Some(observer) = options.observer.as_deref() {
            observer.advanced(done);
        }
    }
    if let Some(batch) = unwritten {
        pool.install(|| timed(write_time, || writer.write_batch(batch)))?;
    }
    writer.counters.skipped_records = owned.skipped().clone();
    Ok(done as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::InputFile;

    #[test]
    fn a_panic_on_one_input_becomes_its_internal_error_reject() {
        let input = Input::File(InputFile {
            path: PathBuf::from("raw/a.txt"),
            rel_path: "a.txt".into(),
            problem: None,
            path_warning: None,
        });
        let processed = unless_it_panics(&input, || panic!("index out of bounds"));
        let Processed::New(Err(reject)) = processed else {
            panic!("a panic gives a reject")
        };
        assert_eq!(reject.reason.code(), "internal_error");
        assert_eq!(reject.source_path, "a.txt");
        assert!(
            reject.message.contains("index out of bounds"),
            "{}",
            reject.message
        );
    }
}
