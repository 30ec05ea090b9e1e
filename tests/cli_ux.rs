//! The tool as a user meets it: `schema`, `stats`, the dataset card, config handling, progress
//! and logs, input selection and the optional layouts.

mod common;

use common::*;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use std::path::Path;
use std::process::{Command, Output};

fn stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "corpusmill failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn failure(out: &Output) -> String {
    assert!(!out.status.success(), "corpusmill should have failed");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn arrow_schema(file: &Path) -> arrow::datatypes::SchemaRef {
    ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(file).unwrap())
        .unwrap()
        .schema()
        .clone()
}

/// The sample plus one file of every kind the reader rejects or skips.
fn input_with_rejects() -> tempfile::TempDir {
    let input = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(project_dir().join("raw")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, input.path().join(path.file_name().unwrap())).unwrap();
    }
    std::fs::write(input.path().join("scan.pdf"), b"%PDF-1.4").unwrap();
    std::fs::write(input.path().join("blank.txt"), b"  \n\n").unwrap();
    input
}

#[test]
fn schema_lists_the_columns_the_parquet_files_carry() {
    let out = tempfile::tempdir().unwrap();
    let input = input_with_rejects();
    // A filter, so the filtered table is written too.
    build(input.path(), out.path(), &["--filter", "gopher"]);
    let printed: serde_json::Value =
        serde_json::from_str(&stdout(&corpusmill(&["schema", "--json"]))).unwrap();
    let tables = printed.as_array().unwrap();
    assert_eq!(tables.len(), 4);
    for table in tables {
        let name = table["table"].as_str().unwrap();
        let schema = arrow_schema(&out.path().join(name).join("part-00000.parquet"));
        let columns = table["columns"].as_array().unwrap();
        assert_eq!(columns.len(), schema.fields().len(), "{name}");
        for (column, field) in columns.iter().zip(schema.fields()) {
            assert_eq!(column["name"], field.name().as_str(), "{name}");
            let description = column["description"].as_str().unwrap();
            assert!(
                !description.is_empty(),
                "{name}.{} has no description",
                field.name()
            );
            assert_eq!(
                field.metadata().get("description").map(String::as_str),
                Some(description),
                "{name}.{}",
                field.name()
            );
            assert_eq!(column["nullable"], field.is_nullable());
        }
    }
    let text = stdout(&corpusmill(&["schema"]));
    for line in [
        "documents",
        "  sent_index",
        "list<struct<rule_id: string, text: string, score: float32>>",
    ] {
        assert!(
            text.contains(line),
            "`schema` output lacks {line:?}:\n{text}"
        );
    }
}

#[test]
fn stats_agree_with_the_manifest() {
    let out = tempfile::tempdir().unwrap();
    let input = input_with_rejects();
    build(input.path(), out.path(), &[]);
    let manifest = manifest(out.path());
    let out_arg = out.path().to_str().unwrap();
    let stats: serde_json::Value =
        serde_json::from_str(&stdout(&corpusmill(&["stats", out_arg, "--json"]))).unwrap();
    assert_eq!(stats["documents"], manifest["counts"]["documents"]);
    assert_eq!(stats["sentences"], manifest["counts"]["sentences"]);
    assert_eq!(stats["rejected"], manifest["counts"]["rejected"]);
    assert_eq!(stats["words"], manifest["stages"]["words"]);
    assert_eq!(stats["config_hash"], manifest["config_hash"]);
    for lang in stats["languages"].as_array().unwrap() {
        let code = lang["lang"].as_str().unwrap();
        assert_eq!(
            lang["documents"],
            manifest["stages"]["documents_by_lang"][code]
        );
    }
    for publisher in stats["publishers"].as_array().unwrap() {
        let name = publisher["name"].as_str().unwrap();
        assert_eq!(
            publisher["count"],
            manifest["stages"]["documents_by_publisher"][name]
        );
    }
    let rules = stats["removal_rules"].as_array().unwrap();
    assert_eq!(
        rules.len(),
        manifest["stages"]["removed_by_rule"]
            .as_object()
            .unwrap()
            .len()
    );
    for rule in rules {
        let id = rule["rule_id"].as_str().unwrap();
        assert_eq!(rule["spans"], manifest["stages"]["removed_by_rule"][id]);
    }
    let chars: Vec<u64> = rules.iter().map(|r| r["chars"].as_u64().unwrap()).collect();
    assert!(
        chars.windows(2).all(|w| w[0] >= w[1]),
        "rules sorted by chars: {chars:?}"
    );
    for reject in stats["rejects"].as_array().unwrap() {
        let reason = reject["name"].as_str().unwrap();
        assert_eq!(reject["count"], manifest["rejects_by_reason"][reason]);
    }
    let table = stdout(&corpusmill(&["stats", out_arg]));
    let top_rule = rules[0]["rule_id"].as_str().unwrap();
    for expected in ["lang", "total", "unsupported_extension", top_rule] {
        assert!(
            table.contains(expected),
            "stats table lacks {expected}:\n{table}"
        );
    }
}

#[test]
fn stats_of_a_folder_without_a_corpus_names_the_fix() {
    let empty = tempfile::tempdir().unwrap();
    let error = failure(&corpusmill(&["stats", empty.path().to_str().unwrap()]));
    assert!(
        error.contains("documents") && error.contains("corpusmill build"),
        "{error}"
    );
}

/// The ```sh block of the card's Rebuild section, split into arguments.
fn rebuild_command(card: &str) -> Vec<String> {
    let section = card
        .split("## Rebuild")
        .nth(1)
        .expect("card has a Rebuild section");
    let block = section
        .split("```sh\n")
        .nth(1)
        .unwrap()
        .split("\n```")
        .next()
        .unwrap();
    block.split_whitespace().map(str::to_string).collect()
}

#[test]
fn the_dataset_card_describes_the_build_and_rebuilds_it() {
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("out");
    let input = input_with_rejects();
    build(
        input.path(),
        &out,
        &["--threads", "1", "--set", "lang.min_letters=10"],
    );
    let card = std::fs::read_to_string(out.join("README.md")).unwrap();
    let built = manifest(&out);
    let front_matter = card
        .strip_prefix("---\n")
        .unwrap()
        .split("\n---\n")
        .next()
        .unwrap();
    for lang in built["stages"]["documents_by_lang"]
        .as_object()
        .unwrap()
        .keys()
    {
        assert!(
            front_matter.contains(&format!("\n- {lang}\n")),
            "{lang} missing:\n{front_matter}"
        );
        assert!(
            card.contains(&format!("\n| {lang} | ")),
            "no row for {lang}"
        );
    }
    for expected in [
        "license: ",
        "size_categories:\n- n<1K",
        "config_name: documents",
        "path: documents/*.parquet",
        "config_name: sentences",
        "path: sentences/*.parquet",
    ] {
        assert!(
            front_matter.contains(expected),
            "front matter lacks {expected}"
        );
    }
    for expected in [
        built["config_hash"].as_str().unwrap(),
        "| `unsupported_extension` | 1 |",
        "### sentences",
        "| `char_start` | int64 |",
    ] {
        assert!(card.contains(expected), "card lacks {expected}:\n{card}");
    }
    for publisher in built["stages"]["documents_by_publisher"]
        .as_object()
        .unwrap()
        .keys()
    {
        assert!(
            card.contains(&format!("| {publisher} | ")),
            "no row for {publisher}"
        );
    }

    // Same bytes with another thread count, and the card's command rebuilds the same corpus.
    let first = std::fs::read(out.join("documents/part-00000.parquet")).unwrap();
    build(
        input.path(),
        &out,
        &["--threads", "2", "--set", "lang.min_letters=10"],
    );
    assert_eq!(
        std::fs::read_to_string(out.join("README.md")).unwrap(),
        card
    );
    std::fs::remove_dir_all(&out).unwrap();
    let command = rebuild_command(&card);
    assert_eq!(command[..2], ["corpusmill", "build"]);
    let args: Vec<&str> = command[1..].iter().map(String::as_str).collect();
    stdout(&corpusmill(&args));
    assert_eq!(
        std::fs::read(out.join("documents/part-00000.parquet")).unwrap(),
        first
    );
    assert_eq!(manifest(&out)["config_hash"], built["config_hash"]);
}

/// Each subcommand in `--help` says what it does, in its own words.
#[test]
fn help_describes_every_subcommand() {
    let help = stdout(&corpusmill(&["--help"]));
    let listed: Vec<(&str, &str)> = help
        .lines()
        .skip_while(|line| !line.starts_with("Commands:"))
        .skip(1)
        .take_while(|line| line.starts_with("  "))
        .filter_map(|line| line.trim().split_once(char::is_whitespace))
        .map(|(name, about)| (name, about.trim()))
        .filter(|(name, _)| *name != "help")
        .collect();
    let names: Vec<&str> = listed.iter().map(|(name, _)| *name).collect();
    for command in [
        "build", "clean", "detect", "finalize", "segment", "schema", "stats",
    ] {
        assert!(names.contains(&command), "{command} missing from:\n{help}");
    }
    let mut descriptions: Vec<&str> = listed.iter().map(|(_, about)| *about).collect();
    assert!(descriptions.iter().all(|d| !d.is_empty()), "{help}");
    descriptions.sort();
    descriptions.dedup();
    assert_eq!(
        descriptions.len(),
        listed.len(),
        "two subcommands share a description:\n{help}"
    );
}

#[test]
fn print_default_is_the_shipped_config() {
    let printed = stdout(&corpusmill(&["config", "--print-default"]));
    let shipped = std::fs::read_to_string(project_dir().join("config/corpusmill.toml")).unwrap();
    assert_eq!(printed, shipped);
}

/// Run the binary in `dir`, where there is no `config/` folder.
fn corpusmill_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_corpusmill"))
        .args(args)
        .current_dir(dir)
        .env("TMPDIR", dir)
        .output()
        .unwrap()
}

#[test]
fn the_built_in_config_works_without_the_source_tree_and_hashes_the_same() {
    let elsewhere = tempfile::tempdir().unwrap();
    let raw = project_dir().join("raw");
    let out = elsewhere.path().join("out");
    let run = corpusmill_in(
        elsewhere.path(),
        &[
            "build",
            "--input",
            raw.to_str().unwrap(),
            "--output",
            out.to_str().unwrap(),
        ],
    );
    stdout(&run);
    let reference = tempfile::tempdir().unwrap();
    build(&raw, reference.path(), &[]);
    assert_eq!(
        manifest(&out)["config_hash"],
        manifest(reference.path())["config_hash"]
    );
    assert_eq!(
        std::fs::read(out.join("documents/part-00000.parquet")).unwrap(),
        std::fs::read(reference.path().join("documents/part-00000.parquet")).unwrap()
    );
    let shown = stdout(&corpusmill_in(elsewhere.path(), &["config"]));
    assert!(shown.starts_with("# config: built-in defaults"), "{shown}");
}

#[test]
fn unknown_keys_and_bad_values_name_the_key_and_what_is_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("corpusmill.toml");
    let shipped = std::fs::read_to_string(project_dir().join("config/corpusmill.toml")).unwrap();
    for sub in ["boilerplate", "abbreviations"] {
        let target = dir.path().join(sub);
        std::fs::create_dir(&target).unwrap();
        for entry in std::fs::read_dir(project_dir().join("config").join(sub)).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, target.join(path.file_name().unwrap())).unwrap();
        }
    }
    std::fs::copy(
        project_dir().join("config/publishers.toml"),
        dir.path().join("publishers.toml"),
    )
    .unwrap();
    let cases = [
        (
            shipped.replace("min_letters = 3", "min_leters = 3"),
            vec![],
            vec!["lang.min_leters", "min_letters", "min_confidence"],
        ),
        (
            format!("{shipped}\n[outptu]\nbatch_docs = 3\n"),
            vec![],
            vec!["[outptu]", "output", "input"],
        ),
        (
            shipped.clone(),
            vec!["--set", "output.batch_docs=many"],
            vec!["output.batch_docs", "integer"],
        ),
        (
            shipped.clone(),
            vec!["--set", "lang.min_letter=3"],
            vec!["lang.min_letter", "min_letters"],
        ),
        (
            shipped.clone(),
            vec!["--set", "input.extensions=[\"pdf\"]"],
            vec!["pdf", "txt, text, md, markdown"],
        ),
        (
            shipped.clone(),
            vec!["--set", "output.batch_docs=0"],
            vec!["output.batch_docs", "at least 1"],
        ),
    ];
    for (text, sets, expected) in cases {
        std::fs::write(&config, text).unwrap();
        let mut args = vec!["config", "--config", config.to_str().unwrap()];
        args.extend(sets);
        let error = failure(&corpusmill(&args));
        for word in expected {
            assert!(error.contains(word), "error lacks {word:?}: {error}");
        }
    }
}

#[test]
fn set_overrides_one_run_and_changes_the_hash() {
    let plain = tempfile::tempdir().unwrap();
    let small = tempfile::tempdir().unwrap();
    let raw = project_dir().join("raw");
    build(&raw, plain.path(), &[]);
    build(&raw, small.path(), &["--set", "output.row_group_docs=2"]);
    let batched = tempfile::tempdir().unwrap();
    build(&raw, batched.path(), &["--set", "output.batch_docs=2"]);
    let row_groups = |out: &Path| {
        let file = std::fs::File::open(out.join("documents/part-00000.parquet")).unwrap();
        ParquetRecordBatchReaderBuilder::try_new(file)
            .unwrap()
            .metadata()
            .num_row_groups()
    };
    let documents = manifest(plain.path())["counts"]["documents"]
        .as_u64()
        .unwrap() as usize;
    assert_eq!(row_groups(small.path()), documents.div_ceil(2));
    assert_eq!(row_groups(plain.path()), 1);
    // Batches are how many documents are processed at once; row groups do not follow them.
    assert_eq!(row_groups(batched.path()), 1);
    assert_ne!(
        manifest(plain.path())["config_hash"],
        manifest(small.path())["config_hash"]
    );
}

#[test]
fn progress_and_logs_suit_ci_and_quiet_runs() {
    let out = tempfile::tempdir().unwrap();
    let input = input_with_rejects();
    // stderr is a pipe here, as in CI: plain lines, no bar.
    let run = build(input.path(), out.path(), &["--set", "output.batch_docs=2"]);
    let log = String::from_utf8_lossy(&run.stderr);
    let inputs = manifest(out.path())["counts"]["inputs"].as_u64().unwrap();
    assert!(
        log.contains(&format!("{inputs}/{inputs} inputs (100%)")),
        "{log}"
    );
    assert!(log.contains("docs/s") && log.contains("ETA"), "{log}");
    assert!(
        !log.contains('\r') && !log.contains('\u{1b}'),
        "terminal control codes in a pipe: {log:?}"
    );
    assert!(log.contains("rejected 1 as unsupported_extension"), "{log}");

    let quiet = build(input.path(), out.path(), &["-q"]);
    let quiet_log = String::from_utf8_lossy(&quiet.stderr);
    assert!(
        !quiet_log.contains("inputs ->") && !quiet_log.contains("docs/s"),
        "{quiet_log}"
    );
    assert!(
        quiet_log.contains("unsupported_extension"),
        "warnings stay: {quiet_log}"
    );

    let verbose = build(input.path(), out.path(), &["-v"]);
    let verbose_log = String::from_utf8_lossy(&verbose.stderr);
    assert!(
        verbose_log.contains("rejected scan.pdf: unsupported_extension"),
        "{verbose_log}"
    );

    let filtered = Command::new(env!("CARGO_BIN_EXE_corpusmill"))
        .args(["build", "--input", input.path().to_str().unwrap()])
        .args(["--output", out.path().to_str().unwrap()])
        .current_dir(project_dir())
        .env("RUST_LOG", "error")
        .output()
        .unwrap();
    assert!(filtered.status.success());
    assert!(
        filtered.stderr.is_empty(),
        "RUST_LOG=error: {}",
        String::from_utf8_lossy(&filtered.stderr)
    );
}

#[test]
fn errors_name_the_file_and_the_fix() {
    let missing = failure(&corpusmill(&[
        "build",
        "--input",
        "no/such/folder",
        "--output",
        "/tmp/never",
    ]));
    assert!(
        missing.contains("no/such/folder") && missing.contains("--input"),
        "{missing}"
    );
    let config = failure(&corpusmill(&["build", "--config", "no/such.toml"]));
    assert!(
        config.contains("no/such.toml") && config.contains("--config"),
        "{config}"
    );
}

#[test]
fn include_exclude_and_dry_run_select_and_classify_inputs() {
    let input = input_with_rejects();
    std::fs::create_dir(input.path().join("drafts")).unwrap();
    let sample = std::fs::read_dir(project_dir().join("raw"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap();
    std::fs::copy(sample.path(), input.path().join("drafts/copy.txt")).unwrap();
    let input_arg = input.path().to_str().unwrap();
    let out = tempfile::tempdir().unwrap();
    let out_arg = out.path().join("corpus");
    let listing = stdout(&corpusmill(&[
        "build",
        "--input",
        input_arg,
        "--output",
        out_arg.to_str().unwrap(),
        "--dry-run",
        "--exclude",
        "drafts/**",
    ]));
    assert!(!out_arg.exists(), "a dry run writes nothing");
    let lines: Vec<&str> = listing.lines().collect();
    let raw_files = std::fs::read_dir(project_dir().join("raw"))
        .unwrap()
        .count();
    assert_eq!(lines.len(), raw_files + 2, "{listing}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("reject\tscan.pdf\tunsupported_extension: ")),
        "{listing}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("reject\tblank.txt\tempty: ")),
        "{listing}"
    );
    assert_eq!(
        lines.iter().filter(|l| l.starts_with("txt\t")).count(),
        raw_files,
        "{listing}"
    );
    assert!(!listing.contains("drafts/"), "{listing}");

    // The build reads exactly what the dry run listed.
    build(input.path(), &out_arg, &["--exclude", "drafts/**"]);
    assert_eq!(
        manifest(&out_arg)["counts"]["inputs"].as_u64().unwrap() as usize,
        lines.len()
    );
    build(
        input.path(),
        &out_arg,
        &["--include", "*.txt", "--exclude", "blank*"],
    );
    let selected = manifest(&out_arg);
    assert_eq!(
        selected["counts"]["inputs"].as_u64().unwrap() as usize,
        raw_files + 1
    );
    assert_eq!(selected["counts"]["rejected"], 0);
    let card = std::fs::read_to_string(out_arg.join("README.md")).unwrap();
    assert!(
        card.contains("input.include=") && card.contains("input.exclude="),
        "{card}"
    );

    let bad = failure(&corpusmill(&[
        "build",
        "--input",
        input_arg,
        "--dry-run",
        "--include",
        "a[b",
    ]));
    assert!(bad.contains("--include") && bad.contains("a[b"), "{bad}");
}

/// Articles in several languages, from the cleaning test data (annotation column dropped).
fn multilingual_input() -> tempfile::TempDir {
    let input = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(project_dir().join("tests/data/clean")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let Some(stem) = name.strip_suffix(".txt.ann") else {
            continue;
        };
        let text: String = std::fs::read_to_string(&path)
            .unwrap()
            .lines()
            .map(|l| l.split_once('\t').map_or(l, |(_, t)| t))
            .collect::<Vec<_>>()
            .join("\n");
        std::fs::write(input.path().join(format!("{stem}.txt")), text).unwrap();
    }
    input
}

#[test]
fn partitions_and_json_lines_read_back_in_pyarrow_duckdb_and_polars() {
    let input = multilingual_input();
    let flat = tempfile::tempdir().unwrap();
    let layered = tempfile::tempdir().unwrap();
    build(input.path(), flat.path(), &[]);
    build(
        input.path(),
        layered.path(),
        &["--partition-by", "lang", "--format", "jsonl"],
    );
    let manifest = manifest(layered.path());
    let langs = manifest["stages"]["documents_by_lang"].as_object().unwrap();
    assert!(
        langs.len() >= 3,
        "the test input has several languages: {langs:?}"
    );
    for lang in langs.keys() {
        assert!(layered
            .path()
            .join(format!("documents/lang={lang}/part-00000.parquet"))
            .exists());
    }
    assert!(!layered.path().join("documents/part-00000.parquet").exists());
    for output in manifest["outputs"].as_array().unwrap() {
        let path = layered.path().join(output["path"].as_str().unwrap());
        assert!(path.exists(), "{} listed but missing", path.display());
    }
    let card = std::fs::read_to_string(layered.path().join("README.md")).unwrap();
    assert!(card.contains("path: documents/*/*.parquet"), "{card}");
    let result = Command::new(python())
        .arg(project_dir().join("tests/python/check_layouts.py"))
        .arg(flat.path())
        .arg(layered.path())
        .output()
        .unwrap();
    assert!(
        result.status.success(),
        "layout check failed:\n{}\n{}",
        String::from_utf8_lossy(&result.stdout),
        String::from_utf8_lossy(&result.stderr)
    );
}

#[test]
fn a_reader_that_closes_the_pipe_is_not_an_error() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_corpusmill"))
        .args(["clean", "--explain"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let line =
        "A sentence of the article that goes on long enough to be prose, as a paragraph does.\n";
    child
        .stdin
        .take()
        .unwrap()
        .write_all(line.repeat(5000).as_bytes())
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The reader is gone (as `| head -1` would be): the rest of the output has nowhere to go.
    let out = child.wait_with_output().unwrap();
    assert!(first.contains("\"line\""), "{first}");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
