//! Detect stage: language of each document and of each sentence.
//!
//! One decision path (`LanguageDetector::detect`) serves documents, sentences and
//! `corpusmill detect`: script rules first (a script or letters only some languages write),
//! then whatlang as the fast path, then a second opinion (lingua) for short, unsure or
//! contradicted text. Codes are ISO 639-1 where one exists, else ISO 639-3.

pub mod codes;
mod function_words;
mod rules;
mod second_opinion;

use crate::config::{Config, SecondOpinionKind};
use crate::document::{Document, LangShare};
use anyhow::{bail, Result};
use codes::{normalize, script_code, whatlang_code};
use function_words::FunctionWords;
use rules::ScriptRules;
use second_opinion::SecondOpinion;
use std::collections::BTreeMap;
use whatlang::{Lang, Script};

pub use crate::document::UNDETERMINED;

/// A language decision.
#[derive(Debug, Clone, PartialEq)]
pub struct Detection {
    pub lang: String,
    pub confidence: f32,
    pub script: Option<Script>,
    /// The script rule that decided, when one did.
    pub rule: Option<String>,
}

impl Detection {
    fn undetermined(script: Option<Script>) -> Detection {
        Detection {
            lang: UNDETERMINED.to_string(),
            confidence: 0.0,
            script,
            rule: None,
        }
    }

    /// ISO 15924 code of the dominant script.
    pub fn script_code(&self) -> &'static str {
        script_code(self.script)
    }
}

/// What the cheap checks make of a text.
enum FirstLook<'r> {
    Decided(Detection),
    /// whatlang's answer (below the fast-path confidence) and the one language the letters
    /// leave, if any.
    Unsure {
        whatlang: Option<(&'static str, f32)>,
        letters: Option<&'r str>,
    },
}

pub struct LanguageDetector {
    config: crate::config::LangConfig,
    whatlang: whatlang::Detector,
    rules: ScriptRules,
    function_words: FunctionWords,
    /// Every enabled language sharing a script with a language that has function words has
    /// them too, so a document's function words can settle its language among them.
    function_words_decide_documents: bool,
    second_opinion: Option<SecondOpinion>,
}

impl LanguageDetector {
    pub fn new(config: &Config) -> Result<LanguageDetector> {
        let lang = &config.lang;
        let enabled = enabled_languages(config)?;
        let rules = ScriptRules::load(&config.lang_rules_path(), &enabled)?;
        let function_words = FunctionWords::load(&config.function_words_path(), &enabled)?;
        let second_opinion = SecondOpinion::build(lang.second_opinion, &enabled)?;
        let whatlang_langs: Vec<Lang> = Lang::all()
            .iter()
            .copied()
            .filter(|l| enabled.contains(&whatlang_code(*l).to_string()))
            .collect();
        let known = |code: &str| {
            whatlang_langs.iter().any(|l| whatlang_code(*l) == code)
                || rules.languages().any(|l| l == code)
                || second_opinion
                    .as_ref()
                    .is_some_and(|s| s.languages().any(|l| l == code))
        };
        if let Some(unknown) = enabled.iter().find(|code| !known(code)) {
            bail!(
                "{}: lang.languages lists \"{unknown}\", which no detector or rule in this build \
                 can name; remove it (or add a rule for it to {})",
                config.base_dir.join("corpusmill.toml").display(),
                config.lang.rules
            );
        }
        let function_words_decide_documents = function_words.cover(&enabled);
        Ok(LanguageDetector {
            config: lang.clone(),
            function_words_decide_documents,
            whatlang: whatlang::Detector::with_allowlist(whatlang_langs),
            rules,
            function_words,
            second_opinion,
        })
    }

    /// Language of a piece of text on its own (`und` when too short or unclear).
    pub fn detect(&self, text: &str) -> Detection {
        let script = whatlang::detect_script(text);
        match self.first_look(text, script) {
            FirstLook::Decided(detection) => detection,
            FirstLook::Unsure { whatlang, letters } => {
                self.second_look(text, script, whatlang, letters, None)
            }
        }
    }

    /// Script rules and the whatlang fast path: cheap, and final for most text.
    fn first_look(&self, text: &str, script: Option<Script>) -> FirstLook<'_> {
        if letter_count(text) < self.config.min_letters {
            return FirstLook::Decided(Detection::undetermined(script));
        }
        let evidence = self.rules.evidence(text, script);
        if let Some(rule) = evidence.script_rule {
            match rule.langs.as_slice() {
                [only] => {
                    return FirstLook::Decided(Detection {
                        lang: only.clone(),
                        confidence: 1.0,
                        script,
                        rule: Some(rule.id.clone()),
                    })
                }
                [] => return FirstLook::Decided(Detection::undetermined(script)),
                _ => {}
            }
        }
        let whatlang = self
            .whatlang
            .detect(text)
            .map(|info| (whatlang_code(info.lang()), info.confidence() as f32))
            .filter(|(lang, _)| evidence.allows(lang));
        match whatlang {
            Some((lang, confidence)) if confidence >= self.config.fast_path_confidence => {
                FirstLook::Decided(Detection {
                    lang: lang.to_string(),
                    confidence,
                    script,
                    rule: None,
                })
            }
            _ => FirstLook::Unsure {
                whatlang,
                letters: evidence.letters_single(),
            },
        }
    }

    /// The second opinion when whatlang is unsure or contradicted by the letters. It weighs the
    /// languages the text gives a sign of: whatlang's guess, the letters' language, the
    /// document's, those whose function words it has most, and every language without a list;
    /// all languages when a text on its own has fewer than two function words of any language,
    /// none for such a sentence of a document.
    fn second_look(
        &self,
        text: &str,
        script: Option<Script>,
        whatlang: Option<(&str, f32)>,
        letters: Option<&str>,
        doc_lang: Option<&str>,
    ) -> Detection {
        let answer = match &self.second_opinion {
            // Free to overrule the letters: a Russian sentence may quote a Kazakh name.
            Some(second) => {
                let hints = [whatlang.map(|(lang, _)| lang), letters, doc_lang];
                match self.function_words.likely_languages(text) {
                    // A sentence with (nearly) no function words (a name, a date line) gives
                    // no sign of a language of its own: it is unsure, and may take its
                    // document's.
                    None if doc_lang.is_some() => None,
                    None => second.detect(text, None::<fn(&str) -> bool>),
                    Some(likely) => second.detect(
                        text,
                        Some(|code: &str| {
                            !self.function_words.lists(code)
                                || likely.contains(&code)
                                || hints.contains(&Some(code))
                        }),
                    ),
                }
            }
            // Without a second opinion, letters that leave one language beat an unsure whatlang.
            None => match (letters, whatlang) {
                (Some(lang), _) => Some((lang.to_string(), self.config.min_confidence)),
                (None, fast) => fast.map(|(lang, c)| (lang.to_string(), c)),
            },
        };
        match answer {
            Some((lang, confidence)) if confidence >= self.config.min_confidence => Detection {
                lang,
                confidence,
                script,
                rule: None,
            },
            _ => Detection::undetermined(script),
        }
    }

    /// Set the document language and script from a prefix of its cleaned text (segmentation
    /// rules depend on the language). The prefix as a whole decides when the cheap checks are
    /// sure of it and no letters in it belong to particular languages; otherwise its lines vote, weighted by their letters, so quotes in another
    /// language cannot outweigh the body, and the second opinion is asked only when no line
    /// gives an answer.
    pub fn detect_document(&self, doc: &mut Document) {
        let sample = prefix_at_char_boundary(&doc.text, self.config.document_sample_bytes);
        let script = whatlang::detect_script(sample);
        let letters_point_elsewhere = self.rules.evidence(sample, script).letter_langs.is_some();
        let whole_sample = || match self.first_look(sample, script) {
            FirstLook::Decided(whole) if whole.lang != UNDETERMINED => Some(whole),
            _ => None,
        };
        let document = (!letters_point_elsewhere)
            .then(|| self.by_function_words(sample, script).or_else(whole_sample))
            .flatten()
            .unwrap_or_else(|| {
                self.vote(sample, script)
                    .unwrap_or_else(|| self.detect(sample))
            });
        doc.lang_script = document.script_code().to_string();
        doc.lang = document.lang;
        doc.lang_confidence = document.confidence;
    }

    /// The cheap reading of a document sample: its function words, when every configured
    /// language that could be written like it has a list (`None` otherwise, or when they do not
    /// settle it).
    fn by_function_words(&self, sample: &str, script: Option<Script>) -> Option<Detection> {
        if !self.function_words_decide_documents {
            return None;
        }
        let (lang, confidence) = self.function_words.decide(sample)?;
        Some(Detection {
            lang: lang.to_string(),
            confidence: confidence.max(self.config.min_confidence),
            script,
            rule: None,
        })
    }

    /// The language of most letters among the lines of `sample`; its confidence is the
    /// letter-weighted confidence of its lines over all letters with a language.
    fn vote(&self, sample: &str, script: Option<Script>) -> Option<Detection> {
        let mut weights: BTreeMap<String, (usize, f32)> = BTreeMap::new();
        for line in sample.lines() {
            let script = whatlang::detect_script(line);
            let (lang, confidence) = match self.first_look(line, script) {
                FirstLook::Decided(d) if d.lang == UNDETERMINED => continue,
                FirstLook::Decided(d) => (d.lang, d.confidence),
                FirstLook::Unsure {
                    letters: Some(lang),
                    ..
                } => (lang.to_string(), self.config.min_confidence),
                FirstLook::Unsure {
                    whatlang: Some((lang, confidence)),
                    ..
                } => (lang.to_string(), confidence),
                FirstLook::Unsure { .. } => continue,
            };
            let letters = letter_count(line);
            let weight = weights.entry(lang).or_default();
            weight.0 += letters;
            weight.1 += letters as f32 * confidence;
        }
        let total: usize = weights.values().map(|(letters, _)| letters).sum();
        // Reverse so that max_by_key, which keeps the last maximum, breaks ties alphabetically.
        let (lang, (_, weighted)) = weights.into_iter().rev().max_by_key(|(_, (n, _))| *n)?;
        Some(Detection {
            lang,
            confidence: (weighted / total as f32).min(1.0),
            script,
            rule: None,
        })
    }

    /// Set each sentence's language once the document is segmented, and the document's `langs`.
    /// A sentence in the document's script, with no letters against its language and with its
    /// function words, keeps the document language; only the others are detected on their own.
    pub fn detect_sentences(&self, doc: &mut Document) {
        let (doc_lang, doc_script) = (doc.lang.as_str(), doc.lang_script.as_str());
        let doc_confidence = doc.lang_confidence;
        for sentence in &mut doc.sentences {
            let text = sentence.text.as_str();
            let decided = if self.reads_as(text, doc_lang, doc_script) {
                Detection {
                    lang: doc_lang.to_string(),
                    confidence: doc_confidence,
                    script: None,
                    rule: None,
                }
            } else {
                self.detect_in_document(text, doc_lang, doc_script, doc_confidence)
            };
            sentence.lang = decided.lang;
            sentence.lang_confidence = decided.confidence;
        }
        doc.langs = self.language_shares(doc);
    }

    /// A sentence that may differ from its document: its own detection, except that a sentence
    /// too short or unclear to call (whatlang unsure) takes the document language when its
    /// letters agree and are all in that language's alphabet, without asking the second
    /// opinion.
    fn detect_in_document(
        &self,
        text: &str,
        doc_lang: &str,
        doc_script: &str,
        doc_confidence: f32,
    ) -> Detection {
        let script = whatlang::detect_script(text);
        let letters_agree = self
            .letters_agree(text, script, doc_lang, doc_script)
            .is_some();
        let own = match self.first_look(text, script) {
            FirstLook::Decided(detection) => detection,
            FirstLook::Unsure { .. }
                if letters_agree && self.function_words.has_letters_of(text, doc_lang) =>
            {
                Detection::undetermined(script)
            }
            FirstLook::Unsure { whatlang, letters } => {
                self.second_look(text, script, whatlang, letters, Some(doc_lang))
            }
        };
        if own.lang == UNDETERMINED && letters_agree {
            Detection {
                lang: doc_lang.to_string(),
                confidence: doc_confidence.min(self.config.min_confidence),
                script,
                rule: None,
            }
        } else {
            own
        }
    }

    /// The cheap test that a sentence is in its document's language: its letters agree, and
    /// either a script only that language writes or its function words. When the language's
    /// alphabet is known, letters all in it already settle script and letters.
    fn reads_as(&self, text: &str, doc_lang: &str, doc_script: &str) -> bool {
        if doc_lang == UNDETERMINED {
            return false;
        }
        if self.function_words.has_alphabet(doc_lang) {
            return self.function_words.fits(text, doc_lang);
        }
        let script = whatlang::detect_script(text);
        self.letters_agree(text, script, doc_lang, doc_script)
            .is_some_and(|evidence| {
                evidence
                    .script_rule
                    .is_some_and(|rule| rule.langs == [doc_lang])
                    || self.function_words.fits(text, doc_lang)
            })
    }

    /// The script and letter evidence of a text whose own letters agree with its document's
    /// language (it has letters, in the document's dominant script, and no script or letter
    /// rule is against the language); `None` when they do not.
    fn letters_agree(
        &self,
        text: &str,
        script: Option<Script>,
        doc_lang: &str,
        doc_script: &str,
    ) -> Option<rules::Evidence<'_>> {
        if doc_lang == UNDETERMINED || letter_count(text) == 0 || script_code(script) != doc_script
        {
            return None;
        }
        Some(self.rules.evidence(text, script)).filter(|evidence| evidence.allows(doc_lang))
    }

    /// Languages of at least `min_share` of the sentences with a language, largest first.
    fn language_shares(&self, doc: &Document) -> Vec<LangShare> {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for sentence in &doc.sentences {
            if sentence.lang != UNDETERMINED {
                *counts.entry(sentence.lang.as_str()).or_default() += 1;
            }
        }
        let total: usize = counts.values().sum();
        let mut shares: Vec<LangShare> = counts
            .into_iter()
            .map(|(lang, count)| LangShare {
                lang: lang.to_string(),
                share: count as f32 / total as f32,
            })
            .filter(|s| s.share >= self.config.min_share)
            .collect();
        // Stable sort on a BTreeMap's order: ties stay alphabetical, so output is deterministic.
        shares.sort_by(|a, b| b.share.total_cmp(&a.share));
        shares
    }
}

/// The configured allowlist minus the denylist, normalised; empty allowlist: every language
/// whatlang knows, and lingua too when it is the second opinion.
fn enabled_languages(config: &Config) -> Result<Vec<String>> {
    let lang = &config.lang;
    let parse = |key: &str, codes: &[String]| -> Result<Vec<String>> {
        codes
            .iter()
            .map(|code| {
                normalize(code).ok_or_else(|| {
                    anyhow::anyhow!(
                        "lang.{key} has \"{code}\": write ISO 639-1 or 639-3 codes such as \"fr\" or \"kaz\""
                    )
                })
            })
            .collect()
    };
    let mut enabled = parse("languages", &lang.languages)?;
    if enabled.is_empty() {
        enabled = Lang::all()
            .iter()
            .map(|l| whatlang_code(*l).to_string())
            .chain(match lang.second_opinion {
                SecondOpinionKind::Lingua => second_opinion::all_languages(),
                SecondOpinionKind::None => Vec::new(),
            })
            .collect();
    }
    let excluded = parse("exclude", &lang.exclude)?;
    enabled.retain(|code| !excluded.contains(code));
    enabled.sort();
    enabled.dedup();
    Ok(enabled)
}

fn letter_count(text: &str) -> usize {
    text.chars()
        .filter(|&c| crate::text::is_alphabetic(c))
        .count()
}

fn prefix_at_char_boundary(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

#[cfg(test)]
mod tests;
