//! JSON Lines inputs: one document per line, a reject with its line for each bad line (the rest
//! of the file is still read), gzip, sharding by record and incremental builds.

mod common;

use common::corpus::{news_document, Rng};
use common::*;
use serde_json::json;
use std::io::Write;
use std::path::Path;

/// `n` JSON Lines records of generated news text, with metadata keys.
fn records(seed: u64, n: usize) -> Vec<String> {
    let mut rng = Rng::new(seed);
    (0..n)
        .map(|i| {
            let (_, text) = news_document(&mut rng);
            json!({
                "id": format!("{seed}-{i}"),
                "text": text,
                "title": format!("Headline {seed} {i}"),
                "url": format!("https://news.example/{seed}/{i}"),
                "published_at": format!("2024-05-{:02}", i % 28 + 1),
                "section": "world",
            })
            .to_string()
        })
        .collect()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn lines(lines: &[String]) -> String {
    lines.iter().map(|l| format!("{l}\n")).collect()
}

#[test]
fn every_line_is_a_document_or_a_reject_with_its_line() {
    let input = tempfile::tempdir().unwrap();
    let mut good = records(1, 6);
    // Lines 3 to 7 are bad, line 8 is blank; the good ones around them are read.
    let bad = [
        "not json at all".to_string(),
        "[1, 2, 3]".to_string(),
        json!({"body": "no text key"}).to_string(),
        json!({"text": 42}).to_string(),
    ];
    let mut file = Vec::new();
    for line in good.drain(..2) {
        file.extend_from_slice(line.as_bytes());
        file.push(b'\n');
    }
    for line in &bad {
        file.extend_from_slice(line.as_bytes());
        file.push(b'\n');
    }
    file.extend_from_slice(b"{\"text\": \"caf\xE9 au lait\"}\n\n");
    for line in &good {
        file.extend_from_slice(line.as_bytes());
        file.push(b'\n');
    }
    std::fs::write(input.path().join("news.jsonl"), &file).unwrap();
    // The same records gzipped, as a .json.gz export.
    std::fs::write(
        input.path().join("export.json.gz"),
        gzip(lines(&records(2, 4)).as_bytes()),
    )
    .unwrap();
    // A gzip cut short: the lines before the cut are documents, the cut is a reject.
    let whole = gzip(lines(&records(3, 40)).as_bytes());
    std::fs::write(
        input.path().join("cut.jsonl.gz"),
        &whole[..whole.len() * 2 / 3],
    )
    .unwrap();
    // One line of 50 MB: rejected without being held, and the next line is still read.
    let mut huge = std::fs::File::create(input.path().join("huge.jsonl")).unwrap();
    huge.write_all(b"{\"text\": \"").unwrap();
    let chunk = "word ".repeat(200_000);
    for _ in 0..50 {
        huge.write_all(chunk.as_bytes()).unwrap();
    }
    huge.write_all(b"\"}\n").unwrap();
    huge.write_all(records(4, 1)[0].as_bytes()).unwrap();
    drop(huge);

    let out = tempfile::tempdir().unwrap();
    build(input.path(), out.path(), &[]);
    let documents = read_table(&out.path().join("documents"));
    let paths: Vec<String> = strings(&documents, "source_path")
        .into_iter()
        .map(Option::unwrap)
        .collect();
    let of = |file: &str| {
        paths
            .iter()
            .filter(|p| p.starts_with(&format!("{file}#L")))
            .count()
    };
    assert_eq!(of("news.jsonl"), 6, "{paths:?}");
    assert_eq!(of("export.json.gz"), 4);
    assert_eq!(of("huge.jsonl"), 1);
    let cut = of("cut.jsonl.gz");
    assert!(cut > 5 && cut < 40, "{cut} documents before the cut");
    for expected in [
        "news.jsonl#L1",
        "news.jsonl#L2",
        "news.jsonl#L9",
        "huge.jsonl#L2",
    ] {
        assert!(
            paths.contains(&expected.to_string()),
            "{expected}: {paths:?}"
        );
    }
    assert!(strings(&documents, "format")
        .iter()
        .all(|f| f.as_deref() == Some("jsonl")));

    let row = row_of(&documents, "source_path", "news.jsonl#L1");
    assert_eq!(
        strings(&documents, "title")[row].as_deref(),
        Some("Headline 1 0")
    );
    assert_eq!(
        strings(&documents, "url")[row].as_deref(),
        Some("https://news.example/1/0")
    );
    let front_matter: serde_json::Value =
        serde_json::from_str(strings(&documents, "front_matter")[row].as_ref().unwrap()).unwrap();
    assert_eq!(front_matter["id"], "1-0");
    assert_eq!(front_matter["section"], "world");
    assert!(front_matter.get("text").is_none());
    let sources = documents
        .column_by_name("metadata_source")
        .unwrap()
        .as_any()
        .downcast_ref::<arrow::array::StructArray>()
        .unwrap();
    let source = |field: &str| {
        let column = sources.column_by_name(field).unwrap();
        arrow::array::AsArray::as_string::<i32>(column.as_ref())
            .value(row)
            .to_string()
    };
    assert_eq!(source("title"), "jsonl.title");
    assert_eq!(source("url"), "jsonl.url");
    assert_eq!(source("published_at"), "jsonl.published_at");

    let rejects = read_table(&out.path().join("rejects"));
    let rejected: Vec<(String, String)> = strings(&rejects, "source_path")
        .into_iter()
        .zip(strings(&rejects, "reason"))
        .map(|(p, r)| (p.unwrap(), r.unwrap()))
        .collect();
    let expected = [
        ("news.jsonl#L3", "invalid_record"),
        ("news.jsonl#L4", "invalid_record"),
        ("news.jsonl#L5", "invalid_record"),
        ("news.jsonl#L6", "invalid_record"),
        ("news.jsonl#L7", "invalid_encoding"),
        ("huge.jsonl#L1", "too_large"),
    ];
    for (path, reason) in expected {
        assert!(
            rejected.contains(&(path.to_string(), reason.to_string())),
            "{path} {reason}: {rejected:?}"
        );
    }
    let truncated: Vec<_> = rejected
        .iter()
        .filter(|(p, _)| p.starts_with("cut.jsonl.gz#L"))
        .collect();
    assert_eq!(truncated.len(), 1, "{rejected:?}");
    assert_eq!(truncated[0].1, "truncated");
    assert_eq!(rejected.len(), expected.len() + 1, "{rejected:?}");

    let counts = &manifest(out.path())["counts"];
    assert_eq!(
        counts["inputs"].as_u64().unwrap(),
        counts["documents"].as_u64().unwrap() + counts["rejected"].as_u64().unwrap()
    );
    assert_eq!(counts["documents"].as_u64().unwrap(), paths.len() as u64);
}

/// Sorted `(doc_id, source_path, text)` of every document row.
fn document_rows(out: &Path) -> Vec<Vec<Option<String>>> {
    let batch = read_table(&out.join("documents"));
    let columns: Vec<_> = ["doc_id", "source_path", "text"]
        .iter()
        .map(|c| strings(&batch, c))
        .collect();
    let mut rows: Vec<_> = (0..batch.num_rows())
        .map(|i| columns.iter().map(|c| c[i].clone()).collect())
        .collect();
    rows.sort();
    rows
}

#[test]
fn one_file_is_split_across_shards_by_record() {
    let input = tempfile::tempdir().unwrap();
    std::fs::write(input.path().join("all.jsonl"), lines(&records(5, 60))).unwrap();
    let single = tempfile::tempdir().unwrap();
    build(input.path(), single.path(), &[]);
    let expected = document_rows(single.path());
    assert_eq!(expected.len(), 60);
    for n in [2, 3] {
        let out = tempfile::tempdir().unwrap();
        for k in 0..n {
            build(input.path(), out.path(), &["--shard", &format!("{k}/{n}")]);
            let part = out
                .path()
                .join(format!("documents/part-{:05}-of-{n:05}.parquet", k));
            let file = std::fs::File::open(&part).unwrap();
            let rows = parquet::file::reader::SerializedFileReader::new(file)
                .map(|r| {
                    parquet::file::reader::FileReader::metadata(&r)
                        .file_metadata()
                        .num_rows()
                })
                .unwrap();
            assert!(rows > 0 && rows < 60, "shard {k}/{n} holds {rows} of 60");
        }
        let finalized = corpusmill(&["finalize", out.path().to_str().unwrap()]);
        assert!(finalized.status.success());
        assert_eq!(document_rows(out.path()), expected, "{n} shards");
    }
}

#[test]
fn incremental_build_reuses_unchanged_records_and_matches_a_full_build() {
    let input = tempfile::tempdir().unwrap();
    let mut all = records(6, 30);
    std::fs::write(input.path().join("feed.jsonl"), lines(&all[..20])).unwrap();
    let out = tempfile::tempdir().unwrap();
    build(input.path(), out.path(), &[]);
    // Ten records appended, one changed.
    all[4] = records(7, 1).remove(0);
    std::fs::write(input.path().join("feed.jsonl"), lines(&all)).unwrap();
    let stderr =
        String::from_utf8(build(input.path(), out.path(), &["--incremental"]).stderr).unwrap();
    // Lines that became repeated with the new records can make a few more documents new.
    let reused: u64 = stderr
        .split("reused ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no reuse count in {stderr}"));
    assert!((10..=19).contains(&reused), "{stderr}");
    let full = tempfile::tempdir().unwrap();
    build(input.path(), full.path(), &[]);
    for file in [
        "documents/part-00000.parquet",
        "sentences/part-00000.parquet",
    ] {
        let a = std::fs::read(out.path().join(file)).unwrap();
        let b = std::fs::read(full.path().join(file)).unwrap();
        assert!(a == b, "{file} differs from a full build");
    }
}
