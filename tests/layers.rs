//! The modules of `src/` import each other one way only: no cycle between top-level modules,
//! the lower layers (`config`, `document`, `text`) import no stage, and `write` imports
//! nothing from `pipeline`. Read from the source, so a new `use` that breaks it fails here.

mod common;

use common::project_dir;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Modules that every stage may use and that use no stage.
const LOWER_LAYERS: [&str; 3] = ["config", "document", "text"];

/// For each top-level module of `src/` (a file or folder), the other top-level modules its
/// non-test code names as `crate::<module>`.
fn module_imports() -> BTreeMap<String, BTreeSet<String>> {
    let src = project_dir().join("src");
    let mut imports = BTreeMap::new();
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if ["main", "lib", "cmd"].contains(&name.as_str()) {
            continue;
        }
        let used: &mut BTreeSet<String> = imports.entry(name.clone()).or_default();
        for file in rust_files(&path) {
            for module in crate_paths(&code_of(&file)) {
                if module != name {
                    used.insert(module);
                }
            }
        }
    }
    imports
}

fn rust_files(path: &Path) -> Vec<std::path::PathBuf> {
    if path.is_file() {
        return match path.extension().is_some_and(|e| e == "rs") {
            true => vec![path.to_path_buf()],
            false => Vec::new(),
        };
    }
    let mut files = Vec::new();
    for entry in std::fs::read_dir(path).unwrap() {
        files.extend(rust_files(&entry.unwrap().path()));
    }
    files
}

/// A file's code without comments and without its unit tests (a `tests.rs` file, or what
/// follows `#[cfg(test)]`): tests may reach across layers.
fn code_of(file: &Path) -> String {
    if file.file_name().is_some_and(|n| n == "tests.rs") {
        return String::new();
    }
    let text = std::fs::read_to_string(file).unwrap();
    let code = text.split("#[cfg(test)]").next().unwrap_or_default();
    let lines = code.lines().map(|line| match line.find("//") {
        Some(at) => &line[..at],
        None => line,
    });
    lines.collect::<Vec<_>>().join("\n")
}

/// The top-level modules a piece of code names: `crate::x::...` and the first segment of
/// each path inside `use crate::{x::..., y}`.
fn crate_paths(code: &str) -> BTreeSet<String> {
    let mut modules = BTreeSet::new();
    let identifier = |s: &str| -> String {
        let s = s.trim_start();
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let group = &group[..group.find('}').unwrap_or(group.len())];
            modules.extend(group.split(',').map(identifier));
        } else {
            modules.insert(identifier(rest));
        }
    }
    modules.retain(|m| !m.is_empty() && m != "self");
    modules
}

#[test]
fn the_reader_of_imports_sees_them() {
    let code = "use crate::config::Config;\nuse crate::{read::Input, text};\n";
    let found: Vec<String> = crate_paths(code).into_iter().collect();
    assert_eq!(found, ["config", "read", "text"]);
    let imports = module_imports();
    assert!(imports["pipeline"].contains("clean"), "{imports:?}");
    assert!(imports["clean"].contains("config"), "{imports:?}");
}

#[test]
fn lower_layers_import_no_stage() {
    for (module, used) in module_imports() {
        if LOWER_LAYERS.contains(&module.as_str()) {
            let stages: Vec<&String> = used
                .iter()
                .filter(|m| !LOWER_LAYERS.contains(&m.as_str()))
                .collect();
            assert!(stages.is_empty(), "{module} imports {stages:?}");
        }
    }
}

#[test]
fn write_imports_nothing_from_pipeline() {
    assert!(!module_imports()["write"].contains("pipeline"));
}

#[test]
fn no_import_cycle_between_modules() {
    let imports = module_imports();
    let reaches = |from: &str, to: &str| {
        let (mut seen, mut stack) = (BTreeSet::new(), vec![from.to_string()]);
        while let Some(module) = stack.pop() {
            for next in imports.get(&module).into_iter().flatten() {
                if next == to {
                    return true;
                }
                if seen.insert(next.clone()) {
                    stack.push(next.clone());
                }
            }
        }
        false
    };
    for (module, used) in &imports {
        for other in used {
            assert!(
                !reaches(other, module),
                "import cycle: {module} uses {other}, which leads back to {module}"
            );
        }
    }
}
