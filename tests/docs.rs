//! The documentation stays true to the code: every relative link and anchor in README.md and
//! docs/ resolves, docs/schema.md shows the columns `corpusmill schema` prints, and
//! docs/configuration.md lists every key of the default config.

mod common;

use common::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

const SCHEMA_BEGIN: &str = "<!-- BEGIN corpusmill schema --markdown -->\n";
const SCHEMA_END: &str = "<!-- END corpusmill schema --markdown -->";

/// README.md and every page of docs/.
fn markdown_files() -> Vec<PathBuf> {
    let mut files = vec![project_dir().join("README.md")];
    let mut pages: Vec<PathBuf> = std::fs::read_dir(project_dir().join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    pages.sort();
    files.extend(pages);
    files
}

/// The lines of a Markdown file outside fenced code blocks and HTML comments.
fn prose_lines(text: &str) -> Vec<&str> {
    let (mut in_fence, mut in_comment) = (false, false);
    let mut lines = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            in_fence = !in_fence;
        } else if in_comment || trimmed.starts_with("<!--") {
            in_comment = !trimmed.contains("-->");
        } else if !in_fence {
            lines.push(line);
        }
    }
    lines
}

/// A line with its inline code spans removed, so `[a](b)` inside backticks is no link.
fn without_code_spans(line: &str) -> String {
    line.split('`').step_by(2).collect::<Vec<_>>().join(" ")
}

/// GitHub's anchors for the headings of a page: lowercase, punctuation dropped, spaces as
/// hyphens, `-1`, `-2` ... for repeats.
fn anchors(text: &str) -> BTreeSet<String> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut anchors = BTreeSet::new();
    for line in prose_lines(text) {
        let Some(heading) = line.strip_prefix('#') else {
            continue;
        };
        let heading = heading.trim_start_matches('#');
        if !heading.starts_with(' ') {
            continue;
        }
        let slug: String = heading
            .trim()
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
            .map(|c| if c == ' ' { '-' } else { c })
            .collect();
        let count = seen.entry(slug.clone()).or_insert(0);
        anchors.insert(if *count == 0 {
            slug.clone()
        } else {
            format!("{slug}-{count}")
        });
        *count += 1;
    }
    anchors
}

/// The targets of the inline links `[text](target)` of a page.
fn link_targets(text: &str) -> Vec<String> {
    let mut targets = Vec::new();
    for line in prose_lines(text) {
        let line = without_code_spans(line);
        let mut rest = line.as_str();
        while let Some(start) = rest.find("](") {
            rest = &rest[start + 2..];
            let end = rest.find(')').unwrap_or(rest.len());
            targets.push(rest[..end].to_string());
            rest = &rest[end..];
        }
    }
    targets
}

#[test]
fn every_relative_link_and_anchor_resolves() {
    let mut broken = Vec::new();
    let mut checked = 0;
    for file in markdown_files() {
        let text = std::fs::read_to_string(&file).unwrap();
        for target in link_targets(&text) {
            if target.starts_with("http://")
                || target.starts_with("https://")
                || target.starts_with("mailto:")
            {
                continue;
            }
            checked += 1;
            let (path, anchor) = target.split_once('#').unwrap_or((&target, ""));
            let linked = if path.is_empty() {
                file.clone()
            } else {
                file.parent().unwrap().join(path)
            };
            let name = file.strip_prefix(project_dir()).unwrap().display();
            if !linked.exists() {
                broken.push(format!("{name}: {target}: no such file"));
            } else if !anchor.is_empty() {
                let page = std::fs::read_to_string(&linked).unwrap_or_default();
                if !anchors(&page).contains(anchor) {
                    broken.push(format!("{name}: {target}: no heading with that anchor"));
                }
            }
        }
    }
    assert!(
        checked > 50,
        "only {checked} links found: is the parser broken?"
    );
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn the_anchors_follow_github() {
    let page = "# Output schema\n## Reading `removed` and `clean --explain`\n```\n# not a heading\n```\n## Tests\n## Tests\n";
    let expected = [
        "output-schema",
        "reading-removed-and-clean---explain",
        "tests",
        "tests-1",
    ];
    assert_eq!(anchors(page), expected.map(String::from).into());
}

/// Replaces the marked block of docs/schema.md with `schema` when CORPUSMILL_UPDATE_DOCS is
/// set; returns the block as it was.
fn schema_block(schema: &str) -> String {
    let path = project_dir().join("docs/schema.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let start = text
        .find(SCHEMA_BEGIN)
        .expect("docs/schema.md has the BEGIN marker")
        + SCHEMA_BEGIN.len();
    let end = text
        .find(SCHEMA_END)
        .expect("docs/schema.md has the END marker");
    if std::env::var_os("CORPUSMILL_UPDATE_DOCS").is_some() {
        std::fs::write(&path, format!("{}{schema}{}", &text[..start], &text[end..])).unwrap();
        return schema.to_string();
    }
    text[start..end].to_string()
}

#[test]
fn the_schema_page_shows_what_corpusmill_schema_prints() {
    let out = corpusmill(&["schema", "--markdown"]);
    assert!(out.status.success());
    let schema = String::from_utf8(out.stdout).unwrap();
    assert!(
        schema_block(&schema) == schema,
        "docs/schema.md disagrees with `corpusmill schema --markdown`: regenerate its block with \
         CORPUSMILL_UPDATE_DOCS=1 cargo test --release --test docs"
    );
}

#[test]
fn the_configuration_page_lists_every_key() {
    let out = corpusmill(&["config", "--print-default"]);
    assert!(out.status.success());
    let config: toml::Table = toml::from_str(&String::from_utf8(out.stdout).unwrap()).unwrap();
    let page = std::fs::read_to_string(project_dir().join("docs/configuration.md")).unwrap();
    let mut missing = Vec::new();
    for (section, keys) in &config {
        for key in keys.as_table().expect("top-level tables only").keys() {
            let name = format!("`{section}.{key}`");
            if !page.contains(&name) {
                missing.push(name);
            }
        }
    }
    assert!(
        missing.is_empty(),
        "docs/configuration.md does not list {}",
        missing.join(", ")
    );
}

#[test]
fn every_docs_page_is_linked_from_the_readme() {
    let readme = std::fs::read_to_string(project_dir().join("README.md")).unwrap();
    let linked: BTreeSet<String> = link_targets(&readme).into_iter().collect();
    let unlinked: Vec<String> = markdown_files()
        .iter()
        .skip(1)
        .map(|page| format!("docs/{}", page.file_name().unwrap().to_string_lossy()))
        .filter(|page| !linked.contains(page))
        .collect();
    assert!(unlinked.is_empty(), "README.md does not link {unlinked:?}");
}
