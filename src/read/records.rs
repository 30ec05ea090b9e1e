//! The inputs of a build: a whole file is one input, a JSON Lines or WARC file gives one input
//! per record. Records are read here, one after the other, as the file streams by (never the whole
//! file at once), so a batch holds `output.batch_docs` records whatever the size of their file;
//! turning a record into text is left to the workers (`read_text`).

use super::select::Shard;
use super::{format_of, jsonl, warc, InputFile, RejectReason};
use crate::config::InputConfig;
use crate::document::Format;
use std::collections::BTreeMap;

/// One input of the build: a whole file, or one record of a file that holds many.
#[derive(Debug)]
pub enum Input {
    File(InputFile),
    Record(Record),
}

/// One record of a JSON Lines or WARC file, as read from the stream.
#[derive(Debug)]
pub struct Record {
    /// The file's path relative to the input folder.
    pub file: String,
    /// The file and the record: `news.jsonl#L12` for line 12, `crawl.warc.gz#<urn:uuid:…>`
    /// for a WARC record (`#record7` for the 7th when it has no id); the file's path alone for
    /// a problem of the whole file (no records in it).
    pub source_path: String,
    /// Set when the file's path had to be escaped.
    pub path_warning: Option<String>,
    /// The record's bytes, or why it could not be read.
    pub content: Result<RecordContent, (RejectReason, String)>,
}

#[derive(Debug)]
pub enum RecordContent {
    /// One line of a JSON Lines file, without its line break.
    JsonLine(Vec<u8>),
    /// An HTML response of a WARC file.
    WarcResponse(Box<warc::WarcResponse>),
    /// A record that holds no document (a WARC request, a response that is not HTML): counted
    /// by kind in the manifest, never an input.
    Skipped(String),
}

impl From<InputFile> for Input {
    fn from(file: InputFile) -> Input {
        Input::File(file)
    }
}

impl Input {
    /// The input's path in the output: the file's, with the record for a record.
    pub fn source_path(&self) -> &str {
        match self {
            Input::File(file) => &file.rel_path,
            Input::Record(record) => &record.source_path,
        }
    }

    /// The path of the file the input is (or is in), relative to the input folder.
    pub fn file_path(&self) -> &str {
        match self {
            Input::File(file) => &file.rel_path,
            Input::Record(record) => &record.file,
        }
    }
}

/// Whether the entry is a file of records (JSON Lines, WARC) that `input.extensions` selects.
pub fn holds_records(file: &InputFile, config: &InputConfig) -> bool {
    file.problem.is_none() && format_of(&file.path, config).is_some_and(Format::holds_records)
}

type RecordReader = Box<dyn Iterator<Item = Record> + Send>;

/// The inputs of a list of files: each file, or each record of a file of records.
pub struct Inputs<I> {
    files: I,
    config: InputConfig,
    /// Only this shard's inputs are given (all with `None`).
    shard: Option<Shard>,
    records: Option<RecordReader>,
    /// Skipped records of the shard by kind (`warc_type.request`, `response.not_html`).
    skipped: BTreeMap<String, u64>,
}

impl<I: Iterator<Item = InputFile>> Inputs<I> {
    /// Every input of `files`.
    pub fn new(files: I, config: &InputConfig) -> Inputs<I> {
        Inputs {
            files,
            config: config.clone(),
            shard: None,
            records: None,
            skipped: BTreeMap::new(),
        }
    }

    /// The inputs `shard` owns (by the hash of their source path), when there is one.
    pub fn of_shard(files: I, config: &InputConfig, shard: Option<Shard>) -> Inputs<I> {
        Inputs {
            shard,
            ..Inputs::new(files, config)
        }
    }

    /// The records skipped so far, by kind.
    pub fn skipped(&self) -> &BTreeMap<String, u64> {
        &self.skipped
    }

    fn owns(&self, source_path: &str) -> bool {
        self.shard.is_none_or(|shard| shard.owns(source_path))
    }

    fn open_records(&self, file: &InputFile) -> Result<RecordReader, (RejectReason, String)> {
        Ok(match format_of(&file.path, &self.config) {
            Some(Format::Warc) => Box::new(warc::WarcRecords::open(file, &self.config)?),
            _ => Box::new(jsonl::LineRecords::open(file, &self.config)?),
        })
    }
}

impl<I: Iterator<Item = InputFile>> Iterator for Inputs<I> {
    type Item = Input;

    fn next(&mut self) -> Option<Input> {
        loop {
            if let Some(record) = self.records.as_mut().and_then(Iterator::next) {
                if !self.owns(&record.source_path) {
                    continue;
                }
                if let Ok(RecordContent::Skipped(kind)) = &record.content {
                    *self.skipped.entry(kind.clone()).or_default() += 1;
                    continue;
                }
                return Some(Input::Record(record));
            }
            self.records = None;
            let mut file = self.files.next()?;
            if !holds_records(&file, &self.config) {
                if self.owns(&file.rel_path) {
                    return Some(Input::File(file));
                }
                continue;
            }
            match self.open_records(&file) {
                Ok(records) => self.records = Some(records),
                Err(problem) => {
                    // The file as a whole is the reject: it gave no record.
                    file.problem = Some(problem);
                    if self.owns(&file.rel_path) {
                        return Some(Input::File(file));
                    }
                }
            }
        }
    }
}
