//! `corpusmill eval` on the sample corpus: gold pages written from the corpus's own output,
//! so each expected score follows from how the gold was cut.

mod common;

use common::{build, corpusmill, project_dir, read_table, strings};
use serde_json::json;

#[test]
fn eval_scores_the_built_corpus_against_gold_pages() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build(&project_dir().join("raw"), &out, &["-q"]);
    let docs = read_table(&out.join("documents"));
    let paths = strings(&docs, "source_path");
    let texts = strings(&docs, "text");
    let titles = strings(&docs, "title");
    let id = |row: usize| {
        let path = paths[row].as_deref().unwrap();
        path.split('.').next().unwrap().to_string()
    };
    let text = |row: usize| texts[row].clone().unwrap();
    let words: Vec<&str> = texts[1].as_deref().unwrap().split_whitespace().collect();
    let first_half = words[..words.len() / 2].join(" ");
    let gold = [
        // The whole text: precision and recall 1, the title right, a snippet found.
        json!({"id": id(0), "split": "dev", "page_type": "article", "article_body": text(0),
               "title": titles[0], "with": [text(0).split_whitespace().take(6).collect::<Vec<_>>().join(" ")],
               "without": ["a sentence no article of the sample holds"]}),
        // Half the text: recall 1, precision about one half.
        json!({"id": id(1), "split": "dev", "page_type": "article", "article_body": first_half,
               "title": "Not the title"}),
        // No document: scored as an empty prediction.
        json!({"id": "not-in-the-corpus", "split": "dev", "page_type": "article",
               "article_body": "one two three four five"}),
        json!({"id": id(2), "split": "validation", "article_body": "left out by --split"}),
    ];
    let gold_path = tmp.path().join("gold.jsonl");
    let lines: Vec<String> = gold.iter().map(|g| g.to_string()).collect();
    std::fs::write(&gold_path, lines.join("\n") + "\n").unwrap();

    let run = corpusmill(&[
        "eval",
        "--gold",
        gold_path.to_str().unwrap(),
        "--split",
        "dev",
        out.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "eval failed: {stderr}");
    let report = String::from_utf8(run.stdout).unwrap();
    assert!(report.contains("pages: 3 "), "{report}");
    assert!(report.contains("missing for 1 pages"), "{report}");
    // Mean recall over the three pages: (1 + 1 + 0) / 3.
    assert!(report.contains("R 0.6667"), "{report}");
    assert!(
        report.contains("'with' snippets found:      100.0% of 1"),
        "{report}"
    );
    assert!(
        report.contains("'without' snippets leaked:    0.0% of 1"),
        "{report}"
    );
    assert!(
        report.contains("title exact match:           50.0% of 2"),
        "{report}"
    );
    let precision: f64 = report
        .split("   P ")
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .and_then(|s| s.parse().ok())
        .expect("a precision figure");
    // (1 + about 0.5 + 0) / 3.
    assert!((0.45..0.55).contains(&precision), "{report}");
}

#[test]
fn eval_names_the_gold_line_it_cannot_read() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build(&project_dir().join("raw"), &out, &["-q"]);
    let gold = tmp.path().join("gold.jsonl");
    std::fs::write(&gold, "{\"id\": \"a\"}\n{not json\n").unwrap();
    let run = corpusmill(&[
        "eval",
        "--gold",
        gold.to_str().unwrap(),
        out.to_str().unwrap(),
    ]);
    assert!(!run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("line 2"), "{stderr}");
}
