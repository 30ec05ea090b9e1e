//! Script-level rules (`config/lang/scripts.toml`): scripts that only some languages write, and
//! letters that only some languages use.

use super::codes::{normalize, script_code};
use anyhow::{bail, Context, Result};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;
use whatlang::Script;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    #[serde(default)]
    script: Vec<ScriptRuleSpec>,
    #[serde(default)]
    letters: Vec<LetterRuleSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScriptRuleSpec {
    id: String,
    script: String,
    langs: Vec<String>,
    examples: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LetterRuleSpec {
    id: String,
    #[serde(default)]
    letters: String,
    #[serde(default)]
    ranges: Vec<String>,
    langs: Vec<String>,
    examples: Vec<String>,
}

/// Text whose dominant script is `script` is one of `langs` (the configured ones only).
#[derive(Debug)]
pub struct ScriptRule {
    pub id: String,
    pub script: Script,
    pub langs: Vec<String>,
}

/// Text containing one of these letters is one of `langs` (the configured ones only).
#[derive(Debug)]
pub struct LetterRule {
    pub langs: Vec<String>,
}

/// What a text's script and letters say about its language.
#[derive(Debug, Default)]
pub struct Evidence<'r> {
    /// The script rule of the dominant script, when there is one.
    pub script_rule: Option<&'r ScriptRule>,
    /// The configured languages every matched letter rule allows, when one matched.
    pub letter_langs: Option<Vec<&'r str>>,
}

impl<'r> Evidence<'r> {
    /// The language's script and letters do not rule it out.
    pub fn allows(&self, lang: &str) -> bool {
        self.script_rule
            .is_none_or(|rule| rule.langs.iter().any(|l| l == lang))
            && self
                .letter_langs
                .as_ref()
                .is_none_or(|langs| langs.contains(&lang))
    }

    /// The one configured language the letters leave, if exactly one.
    pub fn letters_single(&self) -> Option<&'r str> {
        match self.letter_langs.as_deref() {
            Some([only]) => Some(*only),
            _ => None,
        }
    }
}

pub struct ScriptRules {
    pub scripts: Vec<ScriptRule>,
    pub letters: Vec<LetterRule>,
    /// Every rule letter, with the indexes of the letter rules that list it.
    letter_index: HashMap<char, Vec<usize>>,
}

impl ScriptRules {
    /// Load the rule file, keeping in each rule only the languages in `enabled`.
    pub fn load(path: &Path, enabled: &[String]) -> Result<ScriptRules> {
        let source = std::fs::read_to_string(path).with_context(|| {
            format!(
                "cannot read language rules {}: set lang.rules in the config to the scripts.toml path",
                path.display()
            )
        })?;
        let file: RuleFile = toml::from_str(&source)
            .with_context(|| format!("invalid language rules {}", path.display()))?;
        let keep = |id: &str, langs: &[String]| -> Result<Vec<String>> {
            let mut kept = Vec::new();
            for code in langs {
                let Some(code) = normalize(code) else {
                    bail!(
                        "{}: rule {id} lists \"{code}\", which is not an ISO 639-1 or 639-3 code",
                        path.display()
                    );
                };
                if enabled.contains(&code) && !kept.contains(&code) {
                    kept.push(code);
                }
            }
            Ok(kept)
        };
        let mut scripts = Vec::new();
        for spec in file.script {
            let Some(script) = Script::all()
                .iter()
                .copied()
                .find(|s| script_code(Some(*s)) == spec.script)
            else {
                bail!(
                    "{}: rule {} has script \"{}\"; use an ISO 15924 code such as Latn, Cyrl, Geor",
                    path.display(),
                    spec.id,
                    spec.script
                );
            };
            if spec.examples.is_empty() {
                bail!("{}: rule {} has no examples", path.display(), spec.id);
            }
            for example in &spec.examples {
                if whatlang::detect_script(example) != Some(script) {
                    bail!(
                        "{}: rule {}: the example \"{example}\" is not mainly in script {}; fix the rule or the example",
                        path.display(),
                        spec.id,
                        spec.script
                    );
                }
            }
            scripts.push(ScriptRule {
                langs: keep(&spec.id, &spec.langs)?,
                id: spec.id,
                script,
            });
        }
        let mut letters = Vec::new();
        let mut letter_index: HashMap<char, Vec<usize>> = HashMap::new();
        for spec in file.letters {
            let mut chars: Vec<char> = spec.letters.chars().collect();
            for range in &spec.ranges {
                chars.extend(parse_range(range).with_context(|| {
                    format!(
                        "{}: rule {} has range \"{range}\"; write it as hex \"3041-3096\"",
                        path.display(),
                        spec.id
                    )
                })?);
            }
            if chars.is_empty() {
                bail!(
                    "{}: rule {} has neither letters nor ranges",
                    path.display(),
                    spec.id
                );
            }
            if spec.examples.is_empty() {
                bail!("{}: rule {} has no examples", path.display(), spec.id);
            }
            if let Some(example) = spec
                .examples
                .iter()
                .find(|e| !e.chars().any(|c| chars.contains(&c)))
            {
                bail!(
                    "{}: rule {}: the example \"{example}\" has none of its letters; fix the rule or the example",
                    path.display(),
                    spec.id
                );
            }
            for c in chars {
                letter_index.entry(c).or_default().push(letters.len());
            }
            letters.push(LetterRule {
                langs: keep(&spec.id, &spec.langs)?,
            });
        }
        Ok(ScriptRules {
            scripts,
            letters,
            letter_index,
        })
    }

    /// Every language a rule can name.
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.scripts
            .iter()
            .flat_map(|r| &r.langs)
            .chain(self.letters.iter().flat_map(|r| &r.langs))
            .map(String::as_str)
    }

    /// The evidence in `text`, whose dominant script is `script`.
    pub fn evidence(&self, text: &str, script: Option<Script>) -> Evidence<'_> {
        let script_rule = self.scripts.iter().find(|r| Some(r.script) == script);
        let mut matched = vec![false; self.letters.len()];
        for c in text.chars().filter(|c| !c.is_ascii()) {
            if let Some(rules) = self.letter_index.get(&c) {
                for &rule in rules {
                    matched[rule] = true;
                }
            }
        }
        let mut letter_langs: Option<Vec<&str>> = None;
        for (rule, _) in self.letters.iter().zip(&matched).filter(|(_, m)| **m) {
            let allowed: Vec<&str> = rule.langs.iter().map(String::as_str).collect();
            letter_langs = Some(match letter_langs {
                None => allowed,
                Some(langs) => langs.into_iter().filter(|l| allowed.contains(l)).collect(),
            });
        }
        Evidence {
            script_rule,
            letter_langs,
        }
    }
}

/// The code points of "XXXX-YYYY" (hex, inclusive).
fn parse_range(range: &str) -> Result<Vec<char>> {
    let (start, end) = range
        .split_once('-')
        .context("a range is two hex code points joined by -")?;
    let start = u32::from_str_radix(start.trim(), 16)?;
    let end = u32::from_str_radix(end.trim(), 16)?;
    if start > end {
        bail!("the range starts after it ends");
    }
    Ok((start..=end).filter_map(char::from_u32).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(source: &str) -> Result<ScriptRules> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("scripts.toml");
        std::fs::write(&path, source).unwrap();
        ScriptRules::load(&path, &["kk".into(), "ru".into(), "ka".into()])
    }

    #[test]
    fn rules_keep_only_enabled_languages() {
        let rules = load(
            "[[letters]]\nid = \"letters.kazakh\"\nletters = \"қ\"\nlangs = [\"kk\", \"tt\"]\nexamples = [\"Қазақстан\"]\n",
        )
        .unwrap();
        let evidence = rules.evidence("Қазақстан", Some(Script::Cyrillic));
        assert_eq!(evidence.letter_langs, Some(vec!["kk"]));
        assert!(evidence.allows("kk"));
        assert!(!evidence.allows("ru"));
    }

    #[test]
    fn a_rule_whose_example_does_not_match_is_an_error() {
        let error = load(
            "[[script]]\nid = \"script.georgian\"\nscript = \"Geor\"\nlangs = [\"ka\"]\nexamples = [\"Tbilisi\"]\n",
        )
        .err()
        .expect("a Latin example for a Georgian rule is refused");
        assert!(error.to_string().contains("script.georgian"), "{error}");
        assert!(load(
            "[[script]]\nid = \"x\"\nscript = \"Klingon\"\nlangs = [\"ka\"]\nexamples = []\n"
        )
        .is_err());
    }
}
