//! The second opinion for short or unclear text: lingua, built with the languages enabled in
//! Cargo.toml's `lingua` dependency (cargo feature `lingua`, on by default).
//!
//! Each call may name its candidate languages. lingua weighs every language of the text's
//! alphabet, and each weighing reads that language's model, which is compiled into the binary:
//! the pages it touches stay in the process's memory. Leaving out languages the text gives no
//! sign of keeps the models of languages absent from a corpus out of memory.

use crate::config::SecondOpinionKind;
use anyhow::Result;

#[cfg(feature = "lingua")]
pub use with_lingua::{all_languages, iso_639_1, SecondOpinion};
#[cfg(not(feature = "lingua"))]
pub use without_lingua::{all_languages, iso_639_1, SecondOpinion};

#[cfg(feature = "lingua")]
mod with_lingua {
    use super::*;
    use lingua::{Language, LanguageDetectorBuilder};
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex};

    pub struct SecondOpinion {
        /// Weighs every enabled language with a model.
        all: lingua::LanguageDetector,
        /// The output code of each language the detector weighs.
        codes: Vec<(Language, String)>,
        /// Detectors for sets of candidate languages (keyed by their indexes in `codes`),
        /// built on first use; lingua shares the models between detectors.
        among: Mutex<HashMap<Vec<usize>, Arc<lingua::LanguageDetector>>>,
    }

    /// Candidate sets kept; a corpus needs a few dozen, and further sets are built per call.
    const MAX_CANDIDATE_SETS: usize = 4096;

    impl SecondOpinion {
        /// `None` when it is switched off or fewer than two enabled languages have a model.
        pub fn build(kind: SecondOpinionKind, enabled: &[String]) -> Result<Option<SecondOpinion>> {
            if kind == SecondOpinionKind::None {
                return Ok(None);
            }
            let codes: Vec<(Language, String)> = Language::all()
                .into_iter()
                .map(|l| (l, language_code(l)))
                .filter(|(_, code)| enabled.contains(code))
                .collect();
            if codes.len() < 2 {
                return Ok(None);
            }
            let languages: Vec<Language> = codes.iter().map(|(l, _)| *l).collect();
            // Models load lazily, per script, on first use: a one-line `detect` stays cheap.
            let all = LanguageDetectorBuilder::from_languages(&languages).build();
            Ok(Some(SecondOpinion {
                all,
                codes,
                among: Mutex::new(HashMap::new()),
            }))
        }

        /// The most likely language and its probability among the enabled languages for which
        /// `candidate` holds (all of them when it is `None` or leaves fewer than two).
        pub fn detect(
            &self,
            text: &str,
            candidate: Option<impl Fn(&str) -> bool>,
        ) -> Option<(String, f32)> {
            let chosen: Vec<usize> = match candidate {
                Some(candidate) => (0..self.codes.len())
                    .filter(|&i| candidate(&self.codes[i].1))
                    .collect(),
                None => Vec::new(),
            };
            let values = if chosen.len() < 2 || chosen.len() == self.codes.len() {
                self.all.compute_language_confidence_values(text)
            } else {
                self.detector_among(chosen)
                    .compute_language_confidence_values(text)
            };
            let (language, confidence) = values.first()?;
            let (_, code) = self.codes.iter().find(|(l, _)| l == language)?;
            Some((code.clone(), *confidence as f32))
        }

        fn detector_among(&self, chosen: Vec<usize>) -> Arc<lingua::LanguageDetector> {
            let mut among = self
                .among
                .lock()
                .expect("no thread panics holding the lock");
            if let Some(detector) = among.get(&chosen) {
                return Arc::clone(detector);
            }
            let languages: Vec<Language> = chosen.iter().map(|&i| self.codes[i].0).collect();
            let detector = Arc::new(LanguageDetectorBuilder::from_languages(&languages).build());
            if among.len() < MAX_CANDIDATE_SETS {
                among.insert(chosen, Arc::clone(&detector));
            }
            detector
        }

        /// The languages it has a model for.
        pub fn languages(&self) -> impl Iterator<Item = &str> {
            self.codes.iter().map(|(_, code)| code.as_str())
        }
    }

    /// Every language this build has a model for.
    pub fn all_languages() -> Vec<String> {
        Language::all().into_iter().map(language_code).collect()
    }

    fn language_code(language: Language) -> String {
        let code = language.iso_code_639_1().to_string();
        crate::lang::codes::normalize(&code).unwrap_or(code)
    }

    /// The ISO 639-1 code of an ISO 639-3 code lingua knows.
    pub fn iso_639_1(code: &str) -> Option<String> {
        Language::all()
            .into_iter()
            .find(|l| l.iso_code_639_3().to_string() == code)
            .map(|l| l.iso_code_639_1().to_string())
    }
}

#[cfg(not(feature = "lingua"))]
mod without_lingua {
    use super::*;
    use anyhow::bail;

    /// Uninhabited: this build has no second opinion.
    pub enum SecondOpinion {}

    impl SecondOpinion {
        pub fn build(
            kind: SecondOpinionKind,
            _enabled: &[String],
        ) -> Result<Option<SecondOpinion>> {
            if kind == SecondOpinionKind::Lingua {
                bail!(
                    "lang.second_opinion = \"lingua\" but this corpusmill was built without the \
                     lingua feature: set lang.second_opinion = \"none\" or rebuild with --features lingua"
                );
            }
            Ok(None)
        }

        pub fn detect(
            &self,
            _text: &str,
            _candidate: Option<impl Fn(&str) -> bool>,
        ) -> Option<(String, f32)> {
            match *self {}
        }

        pub fn languages(&self) -> std::iter::Empty<&str> {
            match *self {}
        }
    }

    pub fn iso_639_1(_code: &str) -> Option<String> {
        None
    }

    pub fn all_languages() -> Vec<String> {
        Vec::new()
    }
}
