//! Per-language segmentation knowledge, loaded from `config/abbreviations/*.toml` (the format is
//! documented at the top of `generic.toml`).

use anyhow::{bail, Context, Result};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::path::Path;

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct AbbreviationFile {
    language: String,
    single_capital_initials: Option<bool>,
    titles: Vec<String>,
    months: Vec<String>,
    common: Vec<String>,
    #[serde(rename = "final")]
    final_: Vec<String>,
    final_before_starter: Vec<String>,
    final_after_number: Vec<String>,
    before_number: Vec<String>,
    multi: Vec<String>,
    suffixes: Vec<String>,
    units: Vec<String>,
    starters: Vec<String>,
    always_capitalized: Vec<String>,
    prepositions: Vec<String>,
    ordinal_period: Option<bool>,
}

/// How the period of a known abbreviation relates to the end of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AbbreviationKind {
    /// Never ends a sentence: titles, months, "z. B.", "cf.".
    NonFinal,
    /// Ends a sentence when a new one plausibly starts after it: "etc.", "U.S.", "т. д.".
    Final,
    /// Ends a sentence only before a starter word: "U.S." ("the U.S. Government in"), a
    /// month ("in Jan. The", "Jan. 5").
    FinalBeforeStarter,
    /// Like `FinalBeforeStarter` after a number ("в 1975 г. Он"), `NonFinal` elsewhere
    /// ("г. Казань").
    FinalAfterNumber,
}

/// The rules of one language (merged over the generic ones). Keys are lowercased and written
/// without spaces: "z. B." is "z.b.", "EE. UU." is "ee.uu.".
#[derive(Debug, Default, Clone)]
pub(crate) struct LanguageRules {
    /// Single words before a period, without it ("mr", "janv", "etc").
    pub words: HashMap<String, AbbreviationKind>,
    /// Abbreviations with internal periods, with their final period ("z.b.", "av.j.-c.").
    pub dotted: HashMap<String, AbbreviationKind>,
    /// Every piece between the periods of `dotted` keys ("z", "b"): a cheap first test.
    pub dotted_pieces: HashSet<String>,
    /// Words whose period is not an end before a number ("No. 5", "art. 4").
    pub before_number: HashSet<String>,
    /// Endings that make a word an abbreviation ("Goethestr." for Straße).
    pub suffixes: Vec<String>,
    /// Unit symbols: after a number, their period is an ordinary sentence end ("324 m.").
    pub units: HashSet<String>,
    /// Words that often start a sentence (pronouns, articles, conjunctions), lowercased.
    pub starters: HashSet<String>,
    /// Titles ("mr", "dr"), lowercased: they open a noun phrase, so a sentence may start there.
    pub titles: HashSet<String>,
    /// Words capitalised anywhere in a sentence ("I"): no sign of a new one after "...".
    pub always_capitalized: HashSet<String>,
    /// Prepositions, lowercased: a sentence opening with one ("In 44 B.C.") is not over after
    /// the number phrase that follows.
    pub prepositions: HashSet<String>,
    /// A single capital letter with a period is an initial ("E. Macron").
    pub single_capital_initials: bool,
    /// A number with a period before a noun is an ordinal ("3. Platz", "12. Juni").
    pub ordinal_period: bool,
}

/// Lowercase and drop whitespace: the form abbreviations are compared in.
pub(crate) fn key_of(s: &str) -> String {
    let mut key = s.to_lowercase(); // has a fast path for ASCII, unlike a char-by-char fold
    key.retain(|c| !c.is_whitespace());
    key
}

impl LanguageRules {
    /// The map an entry belongs in (`words` or `dotted`) and its key there.
    fn map_for(&mut self, entry: &str) -> (&mut HashMap<String, AbbreviationKind>, String) {
        let key = key_of(entry);
        let word = key.trim_end_matches('.');
        // "et al." has one period but two words: it is matched like "z. B.".
        if entry.trim().trim_end_matches('.').contains(['.', ' ']) {
            let lower = entry.to_lowercase();
            let pieces = lower.split(['.', ' ']).filter(|p| !p.is_empty());
            self.dotted_pieces.extend(pieces.map(str::to_string));
            (&mut self.dotted, format!("{word}."))
        } else {
            (&mut self.words, word.to_string())
        }
    }

    fn extend(&mut self, file: &AbbreviationFile) {
        use AbbreviationKind::*;
        // Later lists win, so `final` overrides a `common` entry of the generic list.
        // `multi` only lists forms; it never turns a `final` entry (here or generic) non-final.
        for entry in &file.multi {
            let (map, key) = self.map_for(entry);
            map.entry(key).or_insert(NonFinal);
        }
        let lists = [
            (&file.titles, NonFinal),
            (&file.months, FinalBeforeStarter),
            (&file.common, NonFinal),
            (&file.final_, Final),
            (&file.final_before_starter, FinalBeforeStarter),
            (&file.final_after_number, FinalAfterNumber),
        ];
        for (list, kind) in lists {
            for entry in list {
                let (map, key) = self.map_for(entry);
                map.insert(key, kind);
            }
        }
        let plain = |v: &Vec<String>| -> Vec<String> {
            v.iter()
                .map(|s| key_of(s).trim_end_matches('.').to_string())
                .collect()
        };
        self.before_number.extend(plain(&file.before_number));
        self.suffixes.extend(plain(&file.suffixes));
        self.units.extend(file.units.iter().cloned());
        self.starters.extend(plain(&file.starters));
        self.titles.extend(plain(&file.titles));
        self.prepositions.extend(plain(&file.prepositions));
        self.always_capitalized
            .extend(file.always_capitalized.iter().cloned());
        if let Some(v) = file.single_capital_initials {
            self.single_capital_initials = v;
        }
        if let Some(v) = file.ordinal_period {
            self.ordinal_period = v;
        }
    }
}

/// The generic rules and, per language code, the generic rules merged with the language's.
pub(crate) struct RuleSet {
    pub generic: LanguageRules,
    pub by_lang: HashMap<String, LanguageRules>,
}

impl RuleSet {
    pub fn load_dir(dir: &Path) -> Result<RuleSet> {
        let mut files = Vec::new();
        for path in crate::config::toml_files_in(dir)? {
            let source = std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            let file: AbbreviationFile = toml::from_str(&source).with_context(|| {
                format!(
                    "invalid abbreviation list {} (the keys are documented in generic.toml)",
                    path.display()
                )
            })?;
            if file.language.is_empty() {
                bail!(
                    "{}: missing `language = \"xx\"` (or \"generic\")",
                    path.display()
                );
            }
            files.push(file);
        }
        if !files.iter().any(|f| f.language == "generic") {
            bail!(
                "{}: no generic.toml (the fallback rules for languages without a file)",
                dir.display()
            );
        }
        Ok(RuleSet::from_files(&files))
    }

    fn from_files(files: &[AbbreviationFile]) -> RuleSet {
        let mut generic = LanguageRules {
            single_capital_initials: true,
            ..LanguageRules::default()
        };
        for file in files.iter().filter(|f| f.language == "generic") {
            generic.extend(file);
        }
        let mut by_lang = HashMap::new();
        for file in files.iter().filter(|f| f.language != "generic") {
            by_lang
                .entry(file.language.clone())
                .or_insert_with(|| generic.clone())
                .extend(file);
        }
        RuleSet { generic, by_lang }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(toml_text: &str) -> RuleSet {
        let generic: AbbreviationFile =
            toml::from_str("language = \"generic\"\ncommon = [\"cf\"]\nfinal = [\"etc\"]").unwrap();
        let file: AbbreviationFile = toml::from_str(toml_text).unwrap();
        RuleSet::from_files(&[generic, file])
    }

    #[test]
    fn entries_are_sorted_into_words_and_dotted_keys() {
        let set = rules("language = \"de\"\nmulti = [\"z. B.\"]\nfinal = [\"n. Chr.\", \"usw\"]");
        let de = &set.by_lang["de"];
        assert_eq!(de.dotted["z.b."], AbbreviationKind::NonFinal);
        assert_eq!(de.dotted["n.chr."], AbbreviationKind::Final);
        assert_eq!(de.words["usw"], AbbreviationKind::Final);
        // The generic lists are merged under the language's.
        assert_eq!(de.words["cf"], AbbreviationKind::NonFinal);
        assert!(!set.generic.words.contains_key("usw"));
    }

    #[test]
    fn final_overrides_common() {
        let set = rules("language = \"xx\"\nfinal = [\"cf\"]");
        assert_eq!(set.by_lang["xx"].words["cf"], AbbreviationKind::Final);
    }

    #[test]
    fn unknown_keys_are_errors() {
        assert!(toml::from_str::<AbbreviationFile>("language = \"fr\"\ntitels = []").is_err());
    }

    #[test]
    fn load_dir_names_the_broken_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("generic.toml"), "language = \"generic\"").unwrap();
        std::fs::write(dir.path().join("fr.toml"), "language = \"fr\"\ntitles = 3").unwrap();
        let err = format!("{:#}", RuleSet::load_dir(dir.path()).err().unwrap());
        assert!(err.contains("fr.toml"), "{err}");
    }

    #[test]
    fn shipped_lists_load() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("config/abbreviations");
        let set = RuleSet::load_dir(&dir).unwrap();
        for lang in ["fr", "en", "de", "es", "it", "ru"] {
            assert!(!set.by_lang[lang].starters.is_empty(), "{lang}: starters");
        }
    }
}
