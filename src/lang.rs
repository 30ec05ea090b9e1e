//! Detect stage: language of each document and of each sentence (ISO 639-1 codes where they
//! exist, else ISO 639-3), with whatlang as the detector.

use crate::config::LangConfig;
use crate::document::Document;
use whatlang::{Detector, Lang, Script};

/// The code for text too short or unclear to call.
pub const UNDETERMINED: &str = "und";

/// Longest prefix of a document used for document-level detection, in bytes.
const DOCUMENT_SAMPLE_BYTES: usize = 16 * 1024;

/// A language decision.
#[derive(Debug, Clone, PartialEq)]
pub struct Detection {
    pub lang: String,
    pub confidence: f32,
    pub script: Option<Script>,
}

impl Detection {
    fn undetermined(script: Option<Script>) -> Detection {
        Detection {
            lang: UNDETERMINED.to_string(),
            confidence: 0.0,
            script,
        }
    }
}

pub struct LanguageDetector {
    detector: Detector,
    config: LangConfig,
}

impl LanguageDetector {
    pub fn new(config: &LangConfig) -> LanguageDetector {
        LanguageDetector {
            detector: Detector::new(),
            config: config.clone(),
        }
    }

    /// Language of a piece of text on its own (`und` when too short or unclear).
    pub fn detect(&self, text: &str) -> Detection {
        let script = whatlang::detect_script(text);
        if letter_count(text) < self.config.min_letters {
            return Detection::undetermined(script);
        }
        match self.detector.detect(text) {
            Some(info) if info.confidence() > 0.0 => Detection {
                lang: iso_code(info.lang()).to_string(),
                confidence: info.confidence() as f32,
                script: Some(info.script()),
            },
            _ => Detection::undetermined(script),
        }
    }

    /// Set the document language from its cleaned text (segmentation rules depend on it).
    pub fn detect_document(&self, doc: &mut Document) {
        let sample = prefix_at_char_boundary(&doc.text, DOCUMENT_SAMPLE_BYTES);
        let document = self.detect(sample);
        doc.lang = document.lang;
        doc.lang_confidence = document.confidence;
    }

    /// Set each sentence's language, once the document is segmented.
    pub fn detect_sentences(&self, doc: &mut Document) {
        let document = Detection {
            lang: doc.lang.clone(),
            confidence: doc.lang_confidence,
            script: whatlang::detect_script(prefix_at_char_boundary(&doc.text, 4096)),
        };
        for sentence in &mut doc.sentences {
            let own = self.detect(&sentence.text);
            let decided = self.sentence_language(own, &document, &sentence.text);
            sentence.lang = decided.lang;
            sentence.lang_confidence = decided.confidence;
        }
    }

    /// A sentence keeps its own language when the evidence is clear; otherwise it inherits the
    /// document language if its script does not contradict it, else it is `und`.
    fn sentence_language(&self, own: Detection, document: &Detection, text: &str) -> Detection {
        if own.lang == document.lang || document.lang == UNDETERMINED {
            return own;
        }
        let clear =
            own.lang != UNDETERMINED && own.confidence >= self.config.min_sentence_confidence;
        if clear {
            return own;
        }
        let script = own.script.or_else(|| whatlang::detect_script(text));
        let same_script = script.is_none() || script == document.script;
        if same_script && letter_count(text) > 0 {
            Detection {
                lang: document.lang.clone(),
                confidence: document.confidence.min(0.5),
                script,
            }
        } else {
            Detection::undetermined(script)
        }
    }
}

fn letter_count(text: &str) -> usize {
    text.chars().filter(|c| c.is_alphabetic()).count()
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

/// ISO 639-1 code where one exists, else whatlang's ISO 639-3 code.
pub fn iso_code(lang: Lang) -> &'static str {
    match lang {
        Lang::Epo => "eo",
        Lang::Eng => "en",
        Lang::Rus => "ru",
        Lang::Cmn => "zh",
        Lang::Spa => "es",
        Lang::Por => "pt",
        Lang::Ita => "it",
        Lang::Ben => "bn",
        Lang::Fra => "fr",
        Lang::Deu => "de",
        Lang::Ukr => "uk",
        Lang::Kat => "ka",
        Lang::Ara => "ar",
        Lang::Hin => "hi",
        Lang::Jpn => "ja",
        Lang::Heb => "he",
        Lang::Yid => "yi",
        Lang::Pol => "pl",
        Lang::Amh => "am",
        Lang::Jav => "jv",
        Lang::Kor => "ko",
        Lang::Nob => "nb",
        Lang::Dan => "da",
        Lang::Swe => "sv",
        Lang::Fin => "fi",
        Lang::Tur => "tr",
        Lang::Nld => "nl",
        Lang::Hun => "hu",
        Lang::Ces => "cs",
        Lang::Ell => "el",
        Lang::Bul => "bg",
        Lang::Bel => "be",
        Lang::Mar => "mr",
        Lang::Kan => "kn",
        Lang::Ron => "ro",
        Lang::Slv => "sl",
        Lang::Hrv => "hr",
        Lang::Srp => "sr",
        Lang::Mkd => "mk",
        Lang::Lit => "lt",
        Lang::Lav => "lv",
        Lang::Est => "et",
        Lang::Tam => "ta",
        Lang::Vie => "vi",
        Lang::Urd => "ur",
        Lang::Tha => "th",
        Lang::Guj => "gu",
        Lang::Uzb => "uz",
        Lang::Pan => "pa",
        Lang::Aze => "az",
        Lang::Ind => "id",
        Lang::Tel => "te",
        Lang::Pes => "fa",
        Lang::Mal => "ml",
        Lang::Ori => "or",
        Lang::Mya => "my",
        Lang::Nep => "ne",
        Lang::Sin => "si",
        Lang::Khm => "km",
        Lang::Tuk => "tk",
        Lang::Aka => "ak",
        Lang::Zul => "zu",
        Lang::Sna => "sn",
        Lang::Afr => "af",
        Lang::Lat => "la",
        Lang::Slk => "sk",
        Lang::Cat => "ca",
        Lang::Tgl => "tl",
        Lang::Hye => "hy",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detector() -> LanguageDetector {
        LanguageDetector::new(&LangConfig::default())
    }

    #[test]
    fn french_paragraph() {
        let d = detector().detect(
            "Le ministère des Affaires étrangères rappelle que la Russie n'interviendra que si l'Arménie est menacée.",
        );
        assert_eq!(d.lang, "fr");
        assert!(d.confidence > 0.5);
    }

    #[test]
    fn too_short_is_undetermined() {
        assert_eq!(detector().detect("OK").lang, UNDETERMINED);
    }

    #[test]
    fn codes_are_two_letters_where_they_exist() {
        assert_eq!(iso_code(Lang::Cmn), "zh");
        assert_eq!(iso_code(Lang::Hye), "hy");
        assert_eq!(iso_code(Lang::Pes), "fa");
    }
}
