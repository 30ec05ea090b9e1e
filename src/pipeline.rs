//! The build: list inputs in sorted order, process them in fixed-size batches in parallel
//! (rayon keeps input order), and append each batch to the Parquet files as a row group.
//! Memory is bounded by the batch size and output order never depends on the thread count.

use crate::clean::Cleaner;
use crate::config::{Config, EmptyDocuments};
use crate::document::Document;
use crate::lang::LanguageDetector;
use crate::metadata::MetadataExtractor;
use crate::read::{discover, read_document, Reject, RejectReason};
use crate::segment::Segmenter;
use crate::write::{
    documents_batch, rejects_batch, sentences_batch, Manifest, StageCounters, StagingDir,
    TableWriter,
};
use anyhow::{Context, Result};
use rayon::prelude::*;
use std::path::PathBuf;

/// All processing stages, built once from the config and shared by the worker threads.
pub struct Stages {
    pub cleaner: Cleaner,
    pub detector: LanguageDetector,
    pub segmenter: Segmenter,
    pub metadata: MetadataExtractor,
    pub empty_documents: EmptyDocuments,
}

impl Stages {
    pub fn new(config: &Config) -> Result<Stages> {
        Ok(Stages {
            cleaner: Cleaner::new(config)?,
            detector: LanguageDetector::new(&config.lang),
            segmenter: Segmenter::load_dir(&config.abbreviations_dir())?,
            metadata: MetadataExtractor::new(config)?,
            empty_documents: config.input.empty_documents,
        })
    }

    /// Run clean -> detect -> segment -> metadata on one document.
    pub fn process(&self, mut doc: Document) -> Result<Document, Reject> {
        self.cleaner.clean(&mut doc);
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
        self.detector.detect_document(&mut doc);
        self.segmenter.segment_document(&mut doc);
        self.detector.detect_sentences(&mut doc);
        self.metadata.extract(&mut doc);
        Ok(doc)
    }
}

pub struct BuildOptions {
    pub input: PathBuf,
    pub output: PathBuf,
    pub config: Config,
    /// Worker threads; `None` uses all cores.
    pub threads: Option<usize>,
}

/// What a build did, for the summary line.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub manifest: Manifest,
}

pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    let config = &options.config;
    let files = discover(&options.input).with_context(|| {
        format!(
            "cannot list the input folder {}: pass --input with a folder of .txt/.md files",
            options.input.display()
        )
    })?;
    let stages = Stages::new(config)?;
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(threads) = options.threads {
        pool = pool.num_threads(threads);
    }
    let pool = pool.build().context("cannot start the worker threads")?;

    let staging = StagingDir::create(&options.output)?;
    let mut documents =
        TableWriter::new(&staging.path, "documents/part-00000.parquet", &config.hash);
    let mut sentences =
        TableWriter::new(&staging.path, "sentences/part-00000.parquet", &config.hash);
    let mut counters = StageCounters::default();
    let mut rejects = Vec::new();
    let batch_size = config.output.batch_docs;
    let mut wrote_any = false;
    for chunk in files.chunks(batch_size) {
        let results: Vec<Result<Document, Reject>> = pool.install(|| {
            chunk
                .par_iter()
                .map(|file| read_document(file, &config.input).and_then(|doc| stages.process(doc)))
                .collect()
        });
        let mut docs = Vec::with_capacity(results.len());
        for result in results {
            match result {
                Ok(doc) => {
                    counters.add_document(&doc);
                    docs.push(doc);
                }
                Err(reject) => rejects.push(reject),
            }
        }
        if !docs.is_empty() || !wrote_any {
            documents.write(&documents_batch(&docs))?;
            sentences.write(&sentences_batch(&docs))?;
            wrote_any = true;
        }
    }
    if !wrote_any {
        documents.write(&documents_batch(&[]))?;
        sentences.write(&sentences_batch(&[]))?;
    }
    let mut rejects_table =
        TableWriter::new(&staging.path, "rejects/part-00000.parquet", &config.hash);
    rejects_table.write(&rejects_batch(&rejects))?;
    let outputs = [
        documents.finish()?,
        sentences.finish()?,
        rejects_table.finish()?,
    ]
    .into_iter()
    .flatten()
    .collect();
    let manifest = Manifest::new(&config.hash, files.len() as u64, rejects, counters, outputs);
    staging.commit(&manifest.to_json())?;
    Ok(BuildReport { manifest })
}
