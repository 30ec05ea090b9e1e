//! corpusmill: raw scraped articles to a clean, deterministic Parquet corpus.
//!
//! Data flows one way: read -> clean -> detect -> segment -> metadata -> quality -> write.
//! `build` runs the whole pipeline; the stage modules are usable on their own.

pub mod clean;
pub mod config;
pub mod document;
pub mod incremental;
pub mod lang;
pub mod metadata;
pub mod pipeline;
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
