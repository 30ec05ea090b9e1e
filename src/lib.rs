//! corpusmill: raw scraped articles to a clean, deterministic Parquet corpus.
//!
//! [`build`] runs the stages in this order on every input, in batches
//! processed in parallel; each stage is usable on its own:
//!
//! 1. [`read`]: find the inputs in sorted order (files, and records of JSON Lines and WARC
//!    files), decode them, split off front matter, extract an HTML page's article.
//! 2. [`clean`]: markup to plain text, the article found among the page's lines, boilerplate
//!    removed by rules and by structure, each removal recorded with its rule id.
//! 3. [`lang`]: the language of the document ([`lang::LanguageDetector::detect_document`]).
//! 4. [`segment`]: sentences with their character offsets.
//! 5. [`lang`]: the language of each sentence ([`lang::LanguageDetector::detect_sentences`]).
//! 6. [`metadata`]: title, authors, dates, publisher and url.
//! 7. [`quality`]: the Gopher, C4 and FineWeb quality signals and decisions on the cleaned text.
//! 8. [`write`](mod@write): Arrow record batches to Parquet and the manifest, swapped into place
//!    atomically.
//! 9. [`dedup`]: near-duplicate clusters of the whole corpus, patched into the documents files
//!    (on one machine after the last batch; across shards by `finalize`).
//!
//! What a later stage needs travels on the [`Document`]. Around the
//! stages: [`config`] (the run configuration and rule files), [`document`] (the record every
//! stage fills), [`text`] (helpers shared by stages), [`shard`] (a job array's share of the
//! inputs), [`prepare`] (repeated-line counts summed across shards), [`incremental`] (reuse of
//! the previous corpus), [`stats`] (statistics read back from the output, and the dataset
//! card), [`eval`] (scores against gold article bodies) and [`progress`]. Lower modules
//! (`config`, `document`, `text`) import no stage, no two modules import each other, and
//! `write` imports nothing from [`pipeline`] (`tests/layers.rs` checks it).

pub mod clean;
pub mod config;
pub mod dedup;
pub mod document;
pub mod eval;
pub mod incremental;
pub mod lang;
pub mod metadata;
pub mod pipeline;
pub mod prepare;
pub mod progress;
pub mod quality;
pub mod read;
pub mod segment;
pub mod shard;
pub mod stats;
pub mod text;
pub mod write;

pub use config::Config;
pub use document::Document;
pub use pipeline::{build, BuildOptions, BuildReport, Stages};
