//! The reduce: candidate pairs band by band (one band's keys in memory at a time), verified
//! by the estimated Jaccard of their signatures, joined into components with a union-find over
//! row numbers; then, within each component, clusters around representatives, each copy
//! within the threshold of its own representative.

use super::minhash::estimated_jaccard;
use super::sketch::{SketchPart, MINHASH_HEADER};
use super::DedupConfig;
use crate::write::{DedupSummary, LargeCluster};
use anyhow::{bail, Context, Result};
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};

/// How a document of a cluster relates to its representative.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Membership {
    Representative,
    /// A copy; `exact` when its text equals the representative's.
    Copy {
        exact: bool,
        similarity: f32,
    },
}

/// The clusters of a corpus: for every row in a cluster (rows in build order, parts one
/// after the other), its cluster (an index into `representatives`) and its membership.
#[derive(Debug, Default)]
pub struct Clusters {
    pub members: Vec<(u64, u32, Membership)>,
    /// doc_id of each cluster's representative.
    pub representatives: Vec<String>,
    pub summary: DedupSummary,
}

const LARGEST_LISTED: usize = 10;

/// The clusters of the documents sketched in `parts`, in that order.
pub fn find_clusters(parts: &[SketchPart], config: &DedupConfig) -> Result<Clusters> {
    let total: u64 = parts.iter().map(|p| p.rows).sum();
    if total > u64::from(u32::MAX) {
        bail!("dedup handles at most {} documents per corpus", u32::MAX);
    }
    let mut records = Records::open(parts, config.num_perm)?;
    let mut parent: Vec<u32> = (0..total as u32).collect();
    for band in 0..config.bands {
        let mut entries = band_entries(parts, config, band)?;
        entries.sort_unstable();
        let mut start = 0;
        while start < entries.len() {
            let end = start
                + entries[start..]
                    .iter()
                    .take_while(|e| e.0 == entries[start].0)
                    .count();
            link_bucket(&entries[start..end], &mut parent, &mut records, config)?;
            start = end;
        }
    }
    let roots: Vec<u32> = (0..total as u32)
        .map(|row| find(&mut parent, row))
        .collect();
    drop(parent);
    let mut sizes = vec![0u32; roots.len()];
    for root in &roots {
        sizes[*root as usize] += 1;
    }
    let members = component_members(parts, &roots, &sizes, &mut records)?;
    drop((roots, sizes));
    cluster_components(members, &mut records, config)
}

/// `(band key, path hash, row)` of every document with words, for one band.
fn band_entries(
    parts: &[SketchPart],
    config: &DedupConfig,
    band: usize,
) -> Result<Vec<(u64, u64, u32)>> {
    let record = 8 * (2 + config.bands);
    let mut entries = Vec::new();
    let mut row = 0u32;
    let mut buffer = vec![0u8; record];
    for part in parts {
        let path = part.file("bands");
        let mut reader = BufReader::with_capacity(
            1 << 20,
            File::open(&path).with_context(|| format!("cannot read {}", path.display()))?,
        );
        for _ in 0..part.rows {
            reader
                .read_exact(&mut buffer)
                .with_context(|| format!("{} is cut short", path.display()))?;
            if u64_at(&buffer, 0) == 1 {
                entries.push((u64_at(&buffer, 2 + band), u64_at(&buffer, 1), row));
            }
            row += 1;
        }
    }
    Ok(entries)
}

/// Join the documents of one bucket (sorted by path hash) that verify: each with the first,
/// or failing that with the one before it.
fn link_bucket(
    bucket: &[(u64, u64, u32)],
    parent: &mut [u32],
    records: &mut Records,
    config: &DedupConfig,
) -> Result<()> {
    let Some(first) = bucket.first().map(|e| e.2) else {
        return Ok(());
    };
    for pair in bucket.windows(2) {
        let (previous, row) = (pair[0].2, pair[1].2);
        for other in [first, previous] {
            if find(parent, row) == find(parent, other) {
                break;
            }
            if records.similar(row, other, config.threshold)? {
                union(parent, row, other);
                break;
            }
        }
    }
    Ok(())
}

fn find(parent: &mut [u32], row: u32) -> u32 {
    let mut root = row;
    while parent[root as usize] != root {
        root = parent[root as usize];
    }
    let mut at = row;
    while parent[at as usize] != root {
        let next = parent[at as usize];
        parent[at as usize] = root;
        at = next;
    }
    root
}

/// The smaller row becomes the root, so roots do not depend on the order of the unions.
fn union(parent: &mut [u32], a: u32, b: u32) {
    let (a, b) = (find(parent, a), find(parent, b));
    let (low, high) = (a.min(b), a.max(b));
    parent[high as usize] = low;
}

/// A document of a component, with what orders the representatives.
struct Member {
    root: u32,
    row: u32,
    published_at: i64,
    n_chars: u64,
    source_path: String,
    doc_id: String,
}

impl Member {
    /// Earliest published_at (undated last), then the most text, then the path.
    fn order(&self) -> (u32, i64, std::cmp::Reverse<u64>, &str) {
        let chars = std::cmp::Reverse(self.n_chars);
        (self.root, self.published_at, chars, &self.source_path)
    }
}

/// Every document of a component of two or more, sorted by component, then in
/// representative order. Memory grows with the documents that have a candidate copy only.
fn component_members(
    parts: &[SketchPart],
    roots: &[u32],
    sizes: &[u32],
    records: &mut Records,
) -> Result<Vec<Member>> {
    let mut members = Vec::new();
    let mut keys = KeyReader::open(parts);
    for (row, root) in roots.iter().enumerate() {
        let (doc_id, source_path) = keys.next()?;
        if sizes[*root as usize] < 2 {
            continue;
        }
        let header = records.header(row as u32)?;
        members.push(Member {
            root: *root,
            row: row as u32,
            published_at: header.published_at,
            n_chars: header.n_chars,
            source_path,
            doc_id,
        });
    }
    members.sort_by(|a, b| a.order().cmp(&b.order()));
    Ok(members)
}

/// Clusters within each component, leader style: in representative order, a document is a
/// copy of the first representative it verifies against (exact, or estimated Jaccard at
/// least the threshold), else it represents a cluster of its own. So every copy is similar
/// to its representative, not only linked to it through other copies.
fn cluster_components(
    members: Vec<Member>,
    records: &mut Records,
    config: &DedupConfig,
) -> Result<Clusters> {
    // (row, representative row, membership), and the representatives by row.
    let mut labelled: Vec<(u32, u32, Membership)> = Vec::new();
    let mut representatives: HashMap<u32, (String, String, u64)> = HashMap::new();
    let mut start = 0;
    while start < members.len() {
        let root = members[start].root;
        let end = start
            + members[start..]
                .iter()
                .take_while(|m| m.root == root)
                .count();
        // (row, text hash, signature) of this component's representatives so far.
        let mut leaders: Vec<(u32, u64, Vec<u32>)> = Vec::new();
        for member in &members[start..end] {
            let mut signature = Vec::new();
            let hash = records.read(member.row, &mut signature)?;
            let copy_of = leaders.iter().find_map(|(row, leader_hash, leader)| {
                let exact = *leader_hash == hash;
                let similarity = estimated_jaccard(&signature, leader);
                (exact || similarity >= config.threshold).then(|| {
                    let similarity = if exact { 1.0 } else { similarity };
                    (*row, Membership::Copy { exact, similarity })
                })
            });
            match copy_of {
                Some((leader, membership)) => {
                    labelled.push((member.row, leader, membership));
                    representatives
                        .get_mut(&leader)
                        .expect("leaders are listed")
                        .2 += 1;
                }
                None => {
                    labelled.push((member.row, member.row, Membership::Representative));
                    let names = (member.doc_id.clone(), member.source_path.clone(), 1);
                    representatives.insert(member.row, names);
                    leaders.push((member.row, hash, signature));
                }
            }
        }
        start = end;
    }
    // A representative nothing copies is a unique document after all.
    representatives.retain(|_, (_, _, size)| *size > 1);
    labelled.retain(|(_, leader, _)| representatives.contains_key(leader));
    labelled.sort_by_key(|(row, _, _)| *row);
    let mut rows: Vec<u32> = representatives.keys().copied().collect();
    rows.sort_unstable();
    let index: HashMap<u32, u32> = rows
        .iter()
        .enumerate()
        .map(|(i, row)| (*row, i as u32))
        .collect();
    let mut clusters = Clusters::default();
    for (row, leader, membership) in labelled {
        if let Membership::Copy { exact, .. } = membership {
            clusters.summary.copies += 1;
            clusters.summary.exact_copies += u64::from(exact);
            clusters.summary.near_copies += u64::from(!exact);
        }
        clusters
            .members
            .push((u64::from(row), index[&leader], membership));
    }
    let mut largest: Vec<LargeCluster> = rows
        .iter()
        .map(|row| {
            let (doc_id, source_path, size) = &representatives[row];
            LargeCluster {
                representative: doc_id.clone(),
                source_path: source_path.clone(),
                documents: *size,
            }
        })
        .collect();
    clusters.representatives = largest.iter().map(|c| c.representative.clone()).collect();
    clusters.summary.clusters = rows.len() as u64;
    largest.sort_by(|a, b| {
        b.documents
            .cmp(&a.documents)
            .then_with(|| a.source_path.cmp(&b.source_path))
    });
    largest.truncate(LARGEST_LISTED);
    clusters.summary.largest_clusters = largest;
    Ok(clusters)
}

fn u64_at(bytes: &[u8], index: usize) -> u64 {
    u64::from_le_bytes(bytes[index * 8..index * 8 + 8].try_into().expect("8 bytes"))
}

struct Header {
    published_at: i64,
    n_chars: u64,
}

/// Random access to the `.minhash` records of all parts by row.
struct Records {
    files: Vec<(u64, File)>,
    num_perm: usize,
    buffer: Vec<u8>,
}

impl Records {
    fn open(parts: &[SketchPart], num_perm: usize) -> Result<Records> {
        let mut files = Vec::new();
        let mut first = 0;
        for part in parts {
            let path = part.file("minhash");
            files.push((
                first,
                File::open(&path).with_context(|| format!("cannot read {}", path.display()))?,
            ));
            first += part.rows;
        }
        Ok(Records {
            files,
            num_perm,
            buffer: vec![0; MINHASH_HEADER + 4 * num_perm],
        })
    }

    /// Read a row's record into the buffer.
    fn load(&mut self, row: u32) -> Result<()> {
        let row = u64::from(row);
        let at = self.files.partition_point(|(first, _)| *first <= row) - 1;
        let (first, file) = &mut self.files[at];
        let offset = (row - *first) * self.buffer.len() as u64;
        file.seek(SeekFrom::Start(offset))?;
        file.read_exact(&mut self.buffer)
            .context("a dedup sketch file is cut short: rebuild")?;
        Ok(())
    }

    fn header(&mut self, row: u32) -> Result<Header> {
        self.load(row)?;
        Ok(Header {
            // Undated documents hold NO_DATE, which sorts after every date.
            published_at: u64_at(&self.buffer, 1) as i64,
            n_chars: u64_at(&self.buffer, 2),
        })
    }

    /// The text hash of a row, and its signature into `signature`.
    fn read(&mut self, row: u32, signature: &mut Vec<u32>) -> Result<u64> {
        self.load(row)?;
        signature.clear();
        signature.extend(
            self.buffer[MINHASH_HEADER..]
                .chunks_exact(4)
                .map(|b| u32::from_le_bytes(b.try_into().expect("4 bytes"))),
        );
        debug_assert_eq!(signature.len(), self.num_perm);
        Ok(u64_at(&self.buffer, 0))
    }

    /// Exact copies, or an estimated Jaccard of at least `threshold`.
    fn similar(&mut self, a: u32, b: u32, threshold: f32) -> Result<bool> {
        let (mut first, mut second) = (Vec::new(), Vec::new());
        let hash_a = self.read(a, &mut first)?;
        let hash_b = self.read(b, &mut second)?;
        Ok(hash_a == hash_b || estimated_jaccard(&first, &second) >= threshold)
    }
}

/// The `.keys` files of all parts, read front to back.
struct KeyReader {
    files: std::vec::IntoIter<(std::path::PathBuf, u64)>,
    current: Option<(BufReader<File>, u64)>,
}

impl KeyReader {
    fn open(parts: &[SketchPart]) -> KeyReader {
        let files: Vec<_> = parts.iter().map(|p| (p.file("keys"), p.rows)).collect();
        KeyReader {
            files: files.into_iter(),
            current: None,
        }
    }

    /// The next row's doc_id and source_path.
    fn next(&mut self) -> Result<(String, String)> {
        loop {
            match &mut self.current {
                Some((reader, left)) if *left > 0 => {
                    *left -= 1;
                    return Ok((read_string(reader)?, read_string(reader)?));
                }
                _ => {
                    let (path, rows) = self
                        .files
                        .next()
                        .context("more rows than dedup keys: rebuild")?;
                    let file = File::open(&path)
                        .with_context(|| format!("cannot read {}", path.display()))?;
                    self.current = Some((BufReader::new(file), rows));
                }
            }
        }
    }
}

fn read_string(reader: &mut impl Read) -> Result<String> {
    let mut length = [0u8; 4];
    reader.read_exact(&mut length)?;
    let mut bytes = vec![0u8; u32::from_le_bytes(length) as usize];
    reader.read_exact(&mut bytes)?;
    String::from_utf8(bytes).context("a dedup keys file is damaged: rebuild")
}
