//! The values inside metadata lines. A metadata rule in `config/boilerplate/*.toml` marks them
//! with named groups (`author`, `published`, `updated`, `publisher`) in its pattern; a rule
//! without groups, or without a pattern (the signature rule), gives its whole line to its field.

use crate::clean::PATTERN_SET_BYTES;
use crate::document::{MetaField, Removal};
use crate::text::fold;
use anyhow::{Context, Result};
use regex::{Regex, RegexBuilder};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

/// The part of a rule pack the metadata stage reads; the cleaner validates the rest.
#[derive(Debug, Deserialize)]
struct PackFields {
    #[serde(default, rename = "rule")]
    rules: Vec<RuleFields>,
}

#[derive(Debug, Deserialize)]
struct RuleFields {
    id: String,
    pattern: Option<String>,
    #[serde(default)]
    case_sensitive: bool,
    field: Option<MetaField>,
}

/// The pattern of a metadata rule: the cleaner's own, matched on the same (folded unless
/// `case_sensitive`) text, so its groups come from the match that removed the line.
struct ValuePattern {
    source: String,
    /// Built on first use: compiling every pack's patterns took a sixth of a process's start,
    /// and most corpora use few of them.
    regex: OnceLock<Regex>,
    case_sensitive: bool,
    field: MetaField,
}

impl ValuePattern {
    fn regex(&self) -> &Regex {
        self.regex.get_or_init(|| {
            RegexBuilder::new(&self.source)
                .size_limit(PATTERN_SET_BYTES)
                .build()
                .expect("a rule pattern compiles: the cleaner compiled it with the same limit")
        })
    }
}

const GROUPS: [(&str, MetaField); 4] = [
    ("author", MetaField::Author),
    ("published", MetaField::Published),
    ("updated", MetaField::Updated),
    ("publisher", MetaField::Publisher),
];

pub struct FieldValues {
    patterns: HashMap<String, ValuePattern>,
}

impl FieldValues {
    /// The patterns of the metadata rules (those with a `field`) of every pack in `dir`.
    pub fn load_dir(dir: &Path) -> Result<FieldValues> {
        let mut patterns = HashMap::new();
        for file in crate::config::toml_files_in(dir)? {
            let source = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read rule pack {}", file.display()))?;
            let pack: PackFields = toml::from_str(&source)
                .with_context(|| format!("invalid rule pack {}", file.display()))?;
            for rule in pack.rules {
                let (Some(pattern), Some(field)) = (rule.pattern, rule.field) else {
                    continue;
                };
                regex_syntax::Parser::new()
                    .parse(&pattern)
                    .with_context(|| {
                        format!(
                            "rule '{}' in {} has an invalid pattern",
                            rule.id,
                            file.display()
                        )
                    })?;
                let case_sensitive = rule.case_sensitive;
                patterns.insert(
                    rule.id,
                    ValuePattern {
                        source: pattern,
                        regex: OnceLock::new(),
                        case_sensitive,
                        field,
                    },
                );
            }
        }
        Ok(FieldValues { patterns })
    }

    /// What `line` is when a rule reads it as a stamp: `Published` ("Published 10:19am 19
    /// December 2025", "Publié le 11/03/2024 à 18h42"), else `Updated` ("Updated Aug 14").
    pub fn stamp_kind(&self, line: &str) -> Option<MetaField> {
        let folded = fold(line);
        let matching = |field: MetaField| {
            self.patterns.values().any(|p| {
                p.field == field
                    && p.regex()
                        .is_match(if p.case_sensitive { line } else { &folded.text })
            })
        };
        [MetaField::Published, MetaField::Updated]
            .into_iter()
            .find(|&field| matching(field))
    }

    /// The values a removed metadata line carries, by field, in the original spelling.
    pub fn values(&self, removal: &Removal) -> Vec<(MetaField, String)> {
        let Some(field) = removal.field else {
            return Vec::new();
        };
        let whole = vec![(field, removal.text.clone())];
        let Some(pattern) = self.patterns.get(&removal.rule_id) else {
            return whole;
        };
        let line = &removal.text;
        let folded = (!pattern.case_sensitive).then(|| fold(line));
        let haystack = folded.as_ref().map_or(line.as_str(), |f| f.text.as_str());
        let Some(caps) = pattern.regex().captures(haystack) else {
            return whole;
        };
        let original = |start: usize, end: usize| match &folded {
            Some(f) => line[f.original_offset(start)..f.original_offset(end)].to_string(),
            None => line[start..end].to_string(),
        };
        let found: Vec<(MetaField, String)> = GROUPS
            .iter()
            .filter_map(|(name, field)| {
                let m = caps.name(name)?;
                let value = original(m.start(), m.end()).trim().to_string();
                (!value.is_empty()).then_some((*field, value))
            })
            .collect();
        if found.is_empty() {
            whole
        } else {
            found
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn removal(rule_id: &str, field: MetaField, text: &str) -> Removal {
        Removal {
            rule_id: rule_id.into(),
            text: text.into(),
            category: "metadata".into(),
            field: Some(field),
            score: None,
        }
    }

    #[test]
    fn named_groups_are_mapped_back_to_the_original_spelling() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("xx.toml"),
            r#"
language = "xx"
[[rule]]
id = "xx.meta.published"
category = "metadata"
action = "line"
field = "published"
pattern = '^publie le (?P<published>[^,]+)(, mis a jour (?P<updated>.+))?$'
examples = ["Publié le 5 mars 2024, mis à jour à 12:02"]
"#,
        )
        .unwrap();
        let values = FieldValues::load_dir(dir.path()).unwrap();
        let line = removal(
            "xx.meta.published",
            MetaField::Published,
            "Publié le 5 mars 2024, mis à jour à 12:02",
        );
        assert_eq!(
            values.values(&line),
            vec![
                (MetaField::Published, "5 mars 2024".to_string()),
                (MetaField::Updated, "à 12:02".to_string())
            ]
        );
        let signature = removal("generic.signature", MetaField::Author, "Jean Dupont");
        assert_eq!(
            values.values(&signature),
            vec![(MetaField::Author, "Jean Dupont".to_string())]
        );
    }
}
