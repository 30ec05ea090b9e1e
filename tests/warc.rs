//! WARC inputs: a crawl written by the test (one gzip member per record, as crawlers write
//! them, and a plain file) gives one input per HTML response; other records are skipped and
//! counted; a record with a wrong Content-Length is a reject and the records after it are read.

mod common;

use common::*;
use std::io::Write;

fn record(kind: &str, id: &str, block: &[u8], length: usize) -> Vec<u8> {
    let mut record = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{id}>\r\n\
         WARC-Date: 2024-05-01T10:00:00Z\r\nWARC-Target-URI: https://news.example/{id}\r\n\
         Content-Type: application/http; msgtype={kind}\r\nContent-Length: {length}\r\n\r\n"
    )
    .into_bytes();
    record.extend_from_slice(block);
    record.extend_from_slice(b"\r\n\r\n");
    record
}

fn html_response(title: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n\
         <html><head><title>{title}</title></head><body><article><h1>{title}</h1>\
         <p>The council met on Tuesday evening to discuss the budget for the coming year.</p>\
         <p>Several members asked for more money for the schools and the roads.</p>\
         </article></body></html>"
    )
    .into_bytes()
}

/// The records of a small crawl: warcinfo, then request/response pairs, an image, a
/// redirect, and one response whose Content-Length is 40 bytes too long.
fn crawl() -> Vec<Vec<u8>> {
    let page = |i: usize| html_response(&format!("Budget vote {i}"));
    let image = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n".to_vec();
    let moved =
        b"HTTP/1.1 301 Moved Permanently\r\nLocation: /b\r\nContent-Type: text/html\r\n\r\n"
            .to_vec();
    let request = b"GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n".to_vec();
    let broken = page(9);
    vec![
        record("warcinfo", "info", b"software: test\r\n", 16),
        record("request", "req-1", &request, request.len()),
        record("response", "page-1", &page(1), page(1).len()),
        record("response", "image", &image, image.len()),
        record("response", "broken", &broken, broken.len() + 40),
        record("response", "page-2", &page(2), page(2).len()),
        record("response", "moved", &moved, moved.len()),
        record("metadata", "meta", b"fetchTimeMs: 12\r\n", 17),
        record("response", "page-3", &page(3), page(3).len()),
    ]
}

fn gzip_member(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

#[test]
fn html_responses_are_inputs_other_records_are_counted_broken_ones_rejected() {
    let input = tempfile::tempdir().unwrap();
    let crawl = crawl();
    let members: Vec<u8> = crawl.iter().flat_map(|r| gzip_member(r)).collect();
    std::fs::create_dir(input.path().join("crawl")).unwrap();
    std::fs::write(input.path().join("crawl/CC-NEWS-00001.warc.gz"), &members).unwrap();
    std::fs::write(input.path().join("crawl/plain.warc"), crawl.concat()).unwrap();
    // A file cut inside its fourth member: the records before the cut are read.
    let cut_at = crawl[..4]
        .iter()
        .map(|r| gzip_member(r).len())
        .sum::<usize>()
        - 10;
    std::fs::write(input.path().join("crawl/cut.warc.gz"), &members[..cut_at]).unwrap();

    let out = tempfile::tempdir().unwrap();
    build(input.path(), out.path(), &[]);
    let documents = read_table(&out.path().join("documents"));
    let rejects = read_table(&out.path().join("rejects"));
    let mut inputs: Vec<(String, String)> = strings(&documents, "source_path")
        .into_iter()
        .map(|p| (p.unwrap(), "document".to_string()))
        .chain(
            strings(&rejects, "source_path")
                .into_iter()
                .zip(strings(&rejects, "reason"))
                .map(|(p, r)| (p.unwrap(), r.unwrap())),
        )
        .collect();
    inputs.sort();
    let of = |file: &str| -> Vec<(String, String)> {
        inputs
            .iter()
            .filter(|(p, _)| p.starts_with(&format!("crawl/{file}#")))
            .map(|(p, r)| (p.split_once('#').unwrap().1.to_string(), r.clone()))
            .collect()
    };
    let page = |reason: &(String, String)| reason.1 == "document";
    for file in ["CC-NEWS-00001.warc.gz", "plain.warc"] {
        let records = of(file);
        let ids: Vec<&str> = records.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "<urn:uuid:broken>",
                "<urn:uuid:page-1>",
                "<urn:uuid:page-2>",
                "<urn:uuid:page-3>"
            ],
            "{file}: {records:?}"
        );
        assert!(records[1..].iter().all(page), "{file}: {records:?}");
        assert!(!page(&records[0]), "{file}: {records:?}");
    }
    // Gzip members bound the broken record: its block ends with its member.
    assert_eq!(of("CC-NEWS-00001.warc.gz")[0].1, "truncated");
    assert_eq!(of("plain.warc")[0].1, "invalid_record");
    let cut = of("cut.warc.gz");
    assert_eq!(cut.len(), 2, "{cut:?}");
    assert!(page(&cut[0]) && cut[0].0 == "<urn:uuid:page-1>", "{cut:?}");
    assert_eq!(cut[1].1, "truncated", "{cut:?}");

    // A page's text comes from its article, its url from the record, its fetch date kept.
    let row = row_of(
        &documents,
        "source_path",
        "crawl/CC-NEWS-00001.warc.gz#<urn:uuid:page-2>",
    );
    let text = strings(&documents, "text")[row].clone().unwrap();
    assert!(
        text.contains("Several members asked for more money"),
        "{text}"
    );
    assert_eq!(strings(&documents, "format")[row].as_deref(), Some("warc"));
    assert_eq!(
        strings(&documents, "url")[row].as_deref(),
        Some("https://news.example/page-2")
    );
    assert_eq!(
        strings(&documents, "title")[row].as_deref(),
        Some("Budget vote 2")
    );
    let front_matter: serde_json::Value =
        serde_json::from_str(strings(&documents, "front_matter")[row].as_ref().unwrap()).unwrap();
    assert_eq!(front_matter["fetched_at"], "2024-05-01T10:00:00Z");
    assert_eq!(front_matter["warc_record_id"], "<urn:uuid:page-2>");

    let manifest = manifest(out.path());
    let skipped = &manifest["stages"]["skipped_records"];
    // Two whole files and the cut one's first two records.
    assert_eq!(skipped["warc_type.warcinfo"], 3, "{skipped}");
    assert_eq!(skipped["warc_type.request"], 3, "{skipped}");
    assert_eq!(skipped["warc_type.metadata"], 2, "{skipped}");
    assert_eq!(skipped["response.not_html"], 2, "{skipped}");
    assert_eq!(skipped["response.not_success"], 2, "{skipped}");
    let counts = &manifest["counts"];
    assert_eq!(counts["inputs"].as_u64().unwrap(), inputs.len() as u64);
    assert_eq!(
        counts["inputs"].as_u64().unwrap(),
        counts["documents"].as_u64().unwrap() + counts["rejected"].as_u64().unwrap()
    );
}

#[test]
fn shards_split_one_warc_by_record() {
    let input = tempfile::tempdir().unwrap();
    let pages: Vec<u8> = (0..24)
        .flat_map(|i| {
            let page = html_response(&format!("Page {i}"));
            gzip_member(&record("response", &format!("p{i}"), &page, page.len()))
        })
        .collect();
    std::fs::write(input.path().join("big.warc.gz"), pages).unwrap();
    let single = tempfile::tempdir().unwrap();
    build(input.path(), single.path(), &[]);
    let expected = manifest(single.path());
    let out = tempfile::tempdir().unwrap();
    let mut per_shard = Vec::new();
    for k in 0..3 {
        build(input.path(), out.path(), &["--shard", &format!("{k}/3")]);
        let marker: serde_json::Value = serde_json::from_slice(
            &std::fs::read(out.path().join(format!("shards/part-{k:05}-of-00003.json"))).unwrap(),
        )
        .unwrap();
        per_shard.push(marker["manifest"]["counts"]["inputs"].as_u64().unwrap());
    }
    assert!(per_shard.iter().all(|&n| n > 0 && n < 24), "{per_shard:?}");
    assert!(corpusmill(&["finalize", out.path().to_str().unwrap()])
        .status
        .success());
    let combined = manifest(out.path());
    for key in ["counts", "rejects", "stages"] {
        assert_eq!(combined[key], expected[key], "{key}");
    }
    assert_eq!(expected["counts"]["inputs"], 24);
}
