//! Function words per language (`config/lang/function_words.toml`): the cheap test that a
//! sentence is written in its document's language, so that only the sentences that may differ
//! pay for a full detection.

use super::codes::{normalize, whatlang_code};
use crate::text::is_alphabetic;
use anyhow::{bail, Context, Result};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;
use whatlang::Script;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WordFile {
    language: Vec<WordListSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WordListSpec {
    id: String,
    lang: String,
    #[serde(default)]
    letters: Option<String>,
    words: Vec<String>,
}

/// The most languages the lists can cover: a word's languages are one bit each in a `u64`.
const MAX_LANGUAGES: usize = 64;

/// A sentence keeps its document's language when, against every other language, it has at
/// least this many times more of the function words that tell the two apart.
const MARGIN: usize = 2;

/// A document's function words settle its language only with at least this many that tell it
/// apart from each other language: a sample is long, and a few words prove little.
const DECIDING_WORDS: usize = 5;

/// A lone function word names the text's likely languages only when at most this many
/// languages list it.
const SHARED_BY: usize = 4;

pub struct FunctionWords {
    /// The languages with a list, in file order; bit `i` of a word's set is `langs[i]`.
    langs: Vec<String>,
    /// Each language's alphabet, when its list gives one.
    alphabets: Vec<Option<Alphabet>>,
    /// Each listed word (lowercase) and the set of languages that list it.
    words: HashMap<String, u64>,
}

impl FunctionWords {
    /// Load the lists of the enabled languages; the lists of other languages are ignored.
    pub fn load(path: &Path, enabled: &[String]) -> Result<FunctionWords> {
        let source = std::fs::read_to_string(path).with_context(|| {
            format!(
                "cannot read function words {}: set lang.function_words in the config to the \
                 function_words.toml path",
                path.display()
            )
        })?;
        let file: WordFile = toml::from_str(&source)
            .with_context(|| format!("invalid function words {}", path.display()))?;
        let mut langs: Vec<String> = Vec::new();
        let mut alphabets = Vec::new();
        let mut words: HashMap<String, u64> = HashMap::new();
        for spec in file.language {
            let Some(code) = normalize(&spec.lang) else {
                bail!(
                    "{}: {} has lang \"{}\", which is not an ISO 639-1 or 639-3 code",
                    path.display(),
                    spec.id,
                    spec.lang
                );
            };
            if langs.contains(&code) {
                bail!("{}: {} lists {code} a second time", path.display(), spec.id);
            }
            if !enabled.contains(&code) {
                continue;
            }
            if langs.len() == MAX_LANGUAGES {
                bail!(
                    "{}: more than {MAX_LANGUAGES} enabled languages have function words",
                    path.display()
                );
            }
            let bit = 1u64 << langs.len();
            langs.push(code);
            alphabets.push(spec.letters.as_deref().map(Alphabet::new));
            for word in spec.words {
                if word.is_empty() || word.chars().any(|c| !is_word_char(c)) {
                    bail!(
                        "{}: {} lists \"{word}\": a function word is letters only",
                        path.display(),
                        spec.id
                    );
                }
                *words.entry(word.to_lowercase()).or_default() |= bit;
            }
        }
        Ok(FunctionWords {
            langs,
            alphabets,
            words,
        })
    }

    /// Whether `lang`'s alphabet, when the lists give one, has every letter of `text`.
    pub fn has_letters_of(&self, text: &str, lang: &str) -> bool {
        match self.index(lang).and_then(|i| self.alphabets[i].as_ref()) {
            Some(alphabet) => alphabet.writes_all(text),
            None => true,
        }
    }

    /// Whether `lang` has an alphabet: then `fits` also checks every letter of the text.
    /// Whether every language of `enabled` that could be written in the script of a listed
    /// language is listed too: whatlang's script of each language tells; a language whatlang
    /// does not know could be written in any.
    pub fn cover(&self, enabled: &[String]) -> bool {
        let scripts_of = |code: &str| {
            let writes =
                move |script: &&Script| script.langs().iter().any(|l| whatlang_code(*l) == code);
            Script::all()
                .iter()
                .filter(writes)
                .copied()
                .collect::<Vec<_>>()
        };
        let listed_scripts: Vec<Script> = self.langs.iter().flat_map(|c| scripts_of(c)).collect();
        enabled
            .iter()
            .filter(|code| !self.langs.contains(code))
            .all(|code| {
                let scripts = scripts_of(code);
                !scripts.is_empty() && scripts.iter().all(|s| !listed_scripts.contains(s))
            })
    }

    pub fn has_alphabet(&self, lang: &str) -> bool {
        self.index(lang)
            .is_some_and(|i| self.alphabets[i].is_some())
    }

    fn index(&self, lang: &str) -> Option<usize> {
        self.langs.iter().position(|l| l == lang)
    }

    /// Whether `text` reads as `lang` rather than any other listed language: every letter is
    /// one `lang` writes, it has function words of `lang`, and against each other language at
    /// least `MARGIN` times as many of the words that tell the two apart as the other way
    /// round. `false` also when `lang` has no list: the caller then detects the text on its own.
    pub fn fits(&self, text: &str, lang: &str) -> bool {
        let Some(own) = self.index(lang) else {
            return false;
        };
        self.weigh(text, own).is_some_and(|weights| {
            weights
                .pairs()
                .all(|(distinct, foreign)| distinct >= MARGIN * foreign)
        })
    }

    /// The language a longer text (a document sample) reads as, with a confidence, when its
    /// function words settle it: the listed language with the most of them, with every letter
    /// in its alphabet and, against every other listed language, at least `MARGIN` times as many
    /// (and at least `DECIDING_WORDS`) of the words that tell the two apart. The confidence is the
    /// smallest share of those words that speak for it.
    pub fn decide(&self, text: &str) -> Option<(&str, f32)> {
        let mut hits = [0usize; MAX_LANGUAGES];
        // The word sets of the function words found, weighed once the leader is known.
        let mut found = Vec::new();
        for set in self.word_sets(text) {
            for_each_bit(set, |i| hits[i] += 1);
            found.push(set);
        }
        let hits = &hits[..self.langs.len()];
        let most = *hits.iter().max()?;
        let mut leaders = (0..hits.len()).filter(|&i| hits[i] == most);
        let own = leaders
            .next()
            .filter(|_| most > 0 && leaders.next().is_none())?;
        if !self.alphabets[own].as_ref()?.writes_all(text) {
            return None;
        }
        let mut weights = Weights::new(own, self.langs.len());
        found.into_iter().for_each(|set| weights.add(set));
        let mut confidence = 1.0f32;
        for (distinct, foreign) in weights.pairs() {
            if distinct < (MARGIN * foreign).max(DECIDING_WORDS) {
                return None;
            }
            confidence = confidence.min(1.0 - foreign as f32 / distinct as f32);
        }
        Some((self.langs[own].as_str(), confidence))
    }

    /// Whether `lang` has a list.
    pub fn lists(&self, lang: &str) -> bool {
        self.index(lang).is_some()
    }

    /// The listed languages worth weighing for `text`: those with at least half as many of
    /// their function words in it as the language with the most. `None` when it has none, or
    /// only one that more than `SHARED_BY` languages list: a shared particle ("de" in "Omar de
    /// Vries") is no sign of a language.
    pub fn likely_languages(&self, text: &str) -> Option<Vec<&str>> {
        let mut hits = [0usize; MAX_LANGUAGES];
        for set in self.word_sets(text) {
            for_each_bit(set, |i| hits[i] += 1);
        }
        let most = *hits.iter().max()?;
        let likely: Vec<&str> = (0..self.langs.len())
            .filter(|&i| 2 * hits[i] >= most && hits[i] > 0)
            .map(|i| self.langs[i].as_str())
            .collect();
        (most > 1 || (most == 1 && likely.len() <= SHARED_BY)).then_some(likely)
    }

    /// For each function word of `text`, in order, the set of languages that list it.
    fn word_sets<'a>(&'a self, text: &'a str) -> impl Iterator<Item = u64> + 'a {
        let mut lowercase = String::new();
        text.split(|c: char| !is_word_char(c))
            .filter(|w| !w.is_empty())
            .filter_map(move |word| {
                self.words
                    .get(lowercase_word(word, &mut lowercase))
                    .copied()
            })
    }

    /// Against each other listed language (in list order, `own` left out): the function words of
    /// `own` in `text` that the other lacks, and the other's that `own` lacks. `None` when a
    /// letter is outside `own`'s alphabet or `text` has none of its function words.
    fn weigh(&self, text: &str, own: usize) -> Option<Weights> {
        let alphabet = self.alphabets[own].as_ref();
        let mut weights = Weights::new(own, self.langs.len());
        let mut lowercase = String::new();
        // One pass: every letter is inside a word, so words carry the alphabet check too.
        for word in text.split(|c: char| !is_word_char(c)) {
            if word.is_empty() {
                continue;
            }
            let key = lowercase_word(word, &mut lowercase);
            if alphabet.is_some_and(|alphabet| !alphabet.writes_all(key)) {
                return None;
            }
            if let Some(&set) = self.words.get(key) {
                weights.add(set);
            }
        }
        (weights.own_hits > 0).then_some(weights)
    }
}

/// Function-word counts of a text against one language, `own`.
struct Weights {
    own: usize,
    languages: usize,
    own_hits: usize,
    /// For each other language: the own hits it shares, and its hits that `own` lacks.
    shared: [usize; MAX_LANGUAGES],
    foreign: [usize; MAX_LANGUAGES],
}

impl Weights {
    fn new(own: usize, languages: usize) -> Weights {
        Weights {
            own,
            languages,
            own_hits: 0,
            shared: [0; MAX_LANGUAGES],
            foreign: [0; MAX_LANGUAGES],
        }
    }

    /// Count one function word of the text, given the set of languages that list it.
    fn add(&mut self, set: u64) {
        let own_bit = 1u64 << self.own;
        if set & own_bit != 0 {
            self.own_hits += 1;
            for_each_bit(set & !own_bit, |i| self.shared[i] += 1);
        } else {
            for_each_bit(set, |i| self.foreign[i] += 1);
        }
    }

    /// For each other language: (own hits it lacks, its hits `own` lacks).
    fn pairs(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        (0..self.languages)
            .filter(|&i| i != self.own)
            .map(|other| (self.own_hits - self.shared[other], self.foreign[other]))
    }
}

/// Call `f` with the index of every set bit of `set`, lowest first.
fn for_each_bit(mut set: u64, mut f: impl FnMut(usize)) {
    while set != 0 {
        f(set.trailing_zeros() as usize);
        set &= set - 1;
    }
}

/// The lowercase letters of a language: ASCII ones as bits, for speed, the others sorted.
struct Alphabet {
    ascii: u128,
    others: Vec<char>,
}

impl Alphabet {
    fn new(letters: &str) -> Alphabet {
        let mut alphabet = Alphabet {
            ascii: 0,
            others: Vec::new(),
        };
        for c in letters.chars().flat_map(lowercase_letter) {
            if c.is_ascii() {
                alphabet.ascii |= 1 << c as u32;
            } else {
                alphabet.others.push(c);
            }
        }
        alphabet.others.sort_unstable();
        alphabet.others.dedup();
        alphabet
    }

    /// Whether every letter of `text` is one of these, whatever its case, and whether its
    /// accents are composed or written as combining marks.
    fn writes_all(&self, text: &str) -> bool {
        if text.is_ascii() {
            // No marks, and the ASCII letters of the alphabet are lowercase.
            return text.bytes().all(|b| {
                !b.is_ascii_alphabetic() || self.ascii & (1 << b.to_ascii_lowercase()) != 0
            });
        }
        if text.chars().any(is_mark) {
            text.nfc().all(|c| self.writes(c))
        } else {
            text.chars().all(|c| self.writes(c))
        }
    }

    /// Whether `c` is no letter, or one of these in either case.
    fn writes(&self, c: char) -> bool {
        // Letters of the alphabet are their own lowercase: most letters need no case mapping.
        self.contains(c) || !is_alphabetic(c) || lowercase_letter(c).all(|c| self.contains(c))
    }

    fn contains(&self, c: char) -> bool {
        if c.is_ascii() {
            self.ascii & (1 << c as u32) != 0
        } else {
            self.others.binary_search(&c).is_ok()
        }
    }
}

/// Lowercase, with Turkish and Azerbaijani dotted capital I as plain `i` (Unicode lowercases it
/// to `i` and a combining dot, which no word list spells).
fn lowercase_letter(c: char) -> std::char::ToLowercase {
    if c == 'İ' { 'I' } else { c }.to_lowercase()
}

/// `word` lowercased with `lowercase_letter` and composed (NFC) when it has combining marks:
/// the key of the word lists. `buffer` holds it unless `word` is its own key.
fn lowercase_word<'w>(word: &'w str, buffer: &'w mut String) -> &'w str {
    if word.bytes().all(|b| b.is_ascii_lowercase()) {
        return word;
    }
    buffer.clear();
    if word.is_ascii() {
        buffer.push_str(word);
        buffer.make_ascii_lowercase();
    } else if word.chars().any(is_mark) {
        // Lists are composed (NFC); some text writes accents as combining marks.
        buffer.extend(word.nfc().flat_map(lowercase_letter));
    } else {
        buffer.extend(word.chars().flat_map(lowercase_letter));
    }
    buffer
}

/// Letters and the combining marks some scripts write them with (Devanagari vowel signs,
/// decomposed accents); anything else separates words, apostrophes and hyphens too.
fn is_word_char(c: char) -> bool {
    is_alphabetic(c) || is_mark(c)
}

/// A combining mark (General_Category M). None is below U+0300, so most characters of most
/// text need no table lookup.
fn is_mark(c: char) -> bool {
    c >= '\u{300}' && is_combining_mark(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn lists(toml: &str, enabled: &[&str]) -> FunctionWords {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("function_words.toml");
        std::fs::write(&path, toml).unwrap();
        let enabled: Vec<String> = enabled.iter().map(|s| s.to_string()).collect();
        FunctionWords::load(&path, &enabled).unwrap()
    }

    const EN_FR: &str = r#"
[[language]]
id = "function_words.en"
lang = "en"
words = ["the", "of", "and", "a", "in", "is"]

[[language]]
id = "function_words.fr"
lang = "fr"
words = ["le", "la", "de", "et", "a", "en", "est", "à"]
"#;

    const EN_FR_WITH_LETTERS: &str = r#"
[[language]]
id = "function_words.en"
lang = "en"
letters = "abcdefghijklmnopqrstuvwxyz"
words = ["the", "of", "and", "a", "in", "is", "that", "was"]

[[language]]
id = "function_words.fr"
lang = "fr"
letters = "abcdefghijklmnopqrstuvwxyzàâçéèêëîïôûùüÿœæ"
words = ["le", "la", "de", "et", "a", "en", "est", "à", "que", "les"]
"#;

    #[test]
    fn likely_languages_are_those_with_at_least_half_the_leaders_function_words() {
        let words = lists(EN_FR, &["en", "fr"]);
        // en: the, of, the, a (4); fr: a (1).
        assert_eq!(
            words.likely_languages("The cost of the plan is a secret"),
            Some(vec!["en"])
        );
        // en: a, in (2); fr: a, en (2).
        assert_eq!(
            words.likely_languages("Paris a vu en 2024 a rise in prices"),
            Some(vec!["en", "fr"])
        );
        assert_eq!(words.likely_languages("Karim Kowalczyk — 2015-12-03"), None);
        // A lone function word names its languages, unless more than SHARED_BY list it.
        assert_eq!(
            words.likely_languages("Omar de Vries — 2023-01-07"),
            Some(vec!["fr"])
        );
        let shared: String = ["es", "fr", "it", "nl", "pt"]
            .iter()
            .map(|l| {
                format!(
                    "[[language]]\nid = \"w.{l}\"\nlang = \"{l}\"\nwords = [\"de\", \"{l}{l}\"]\n"
                )
            })
            .collect();
        let words = lists(&shared, &["es", "fr", "it", "nl", "pt"]);
        assert_eq!(words.likely_languages("Omar de Vries — 2023-01-07"), None);
        assert_eq!(
            words.likely_languages("itit itit de Vries"),
            Some(vec!["it"])
        );
        assert!(words.lists("fr") && !words.lists("de"));
    }

    #[test]
    fn a_document_sample_is_decided_by_its_function_words() {
        let words = lists(EN_FR_WITH_LETTERS, &["en", "fr"]);
        let french = "Le ministre a dit que la réunion est prévue en mai et que les pays \
                      de la région sont invités à la table.";
        let (lang, confidence) = words.decide(french).unwrap();
        assert_eq!(lang, "fr");
        assert!(confidence > 0.5 && confidence <= 1.0, "{confidence}");
        let english = "The minister said that the meeting was planned in May and that the \
                       countries of the region is invited.";
        assert_eq!(words.decide(english).map(|d| d.0), Some("en"));
    }

    #[test]
    fn a_sample_the_function_words_do_not_settle_is_left_to_detection() {
        let words = lists(EN_FR_WITH_LETTERS, &["en", "fr"]);
        // Only words both lists share, or too few that tell the two apart.
        assert_eq!(words.decide("a a a"), None);
        assert_eq!(words.decide("Paris, Berlin, Moscou."), None);
        assert_eq!(words.decide("The cat et le chien."), None);
        // A letter outside the alphabet of the language with most function words.
        assert_eq!(
            words.decide("Der Hund und la mère de la fille ß le chat."),
            None
        );
    }

    #[test]
    fn function_words_decide_only_when_every_language_of_their_scripts_is_listed() {
        let words = lists(EN_FR_WITH_LETTERS, &["en", "fr"]);
        let enabled = |codes: &[&str]| codes.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        assert!(words.cover(&enabled(&["en", "fr"])));
        // Greek and Japanese are never written in the Latin script.
        assert!(words.cover(&enabled(&["en", "fr", "el", "ja"])));
        // German is written in Latin letters and has no list here.
        assert!(!words.cover(&enabled(&["en", "fr", "de"])));
        // A language whatlang does not know could be written in any script.
        assert!(!words.cover(&enabled(&["en", "fr", "kk"])));
    }

    #[test]
    fn a_sentence_with_its_documents_function_words_fits() {
        let words = lists(EN_FR, &["en", "fr"]);
        assert!(words.fits("Le président est arrivé à Moscou.", "fr"));
        assert!(words.fits("The summit OF the alliance ended.", "en"));
    }

    #[test]
    fn a_quote_in_another_language_does_not_fit() {
        let words = lists(EN_FR, &["en", "fr"]);
        assert!(!words.fits("The war is over and the troops go home.", "fr"));
        // Shared words ("a", "en") are no evidence against the document's language.
        assert!(words.fits("Il a dit «the end» en riant et la salle a ri.", "fr"));
    }

    #[test]
    fn a_letter_the_documents_language_does_not_write_means_detect_it() {
        let lists_with_letters = EN_FR.replace(
            "lang = \"fr\"\n",
            "lang = \"fr\"\nletters = \"abcdefghijklmnopqrstuvwxyzàâçéèêëîïôœùûü\"\n",
        );
        let words = lists(&lists_with_letters, &["en", "fr"]);
        assert!(words.fits("Le sommet a eu lieu à Moscou.", "fr"));
        assert!(words.fits("LE SOMMET À MOSCOU.", "fr"));
        assert!(!words.fits("Le sommet de la União Europeia.", "fr"));
        assert!(!words.fits("Le président et Ильхам Алиев.", "fr"));
        // Accents written as combining marks are the same letters.
        assert!(words.fits("Le sommet a eu lieu a\u{300} Moscou.", "fr"));
    }

    #[test]
    fn letters_are_checked_against_the_alphabet_only_when_there_is_one() {
        let lists_with_letters = EN_FR.replace(
            "lang = \"en\"\n",
            "lang = \"en\"\nletters = \"abcdefghijklmnopqrstuvwxyz\"\n",
        );
        let words = lists(&lists_with_letters, &["en", "fr"]);
        assert!(words.has_letters_of("ARTICLE 17.", "en"));
        assert!(!words.has_letters_of("Merci à vous.", "en"));
        // French has no alphabet in these lists, Italian no list at all.
        assert!(words.has_letters_of("Ильхам", "fr"));
        assert!(words.has_letters_of("Ильхам", "it"));
    }

    #[test]
    fn turkish_dotted_capital_i_is_lowercased_to_i() {
        let tr = "[[language]]\nid = \"function_words.tr\"\nlang = \"tr\"\nwords = [\"için\", \"bir\"]\n";
        let words = lists(tr, &["tr", "en"]);
        assert!(words.fits("İÇİN", "tr"));
    }

    #[test]
    fn no_function_words_or_no_list_means_detect_it() {
        let words = lists(EN_FR, &["en", "fr"]);
        assert!(!words.fits("Sommet OTSC: Erevan absent.", "fr"));
        assert!(!words.fits("Der Krieg ist vorbei.", "de"));
    }

    #[test]
    fn lists_of_languages_not_enabled_are_ignored() {
        let words = lists(EN_FR, &["fr"]);
        assert!(words.fits("The war is over, la guerre est finie.", "fr"));
        assert!(!words.fits("The war is over.", "en"));
    }

    #[test]
    fn a_word_with_punctuation_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("function_words.toml");
        std::fs::write(
            &path,
            "[[language]]\nid = \"function_words.fr\"\nlang = \"fr\"\nwords = [\"l'\"]\n",
        )
        .unwrap();
        let error = FunctionWords::load(&path, &["fr".to_string()])
            .err()
            .unwrap();
        assert!(format!("{error:#}").contains("letters only"), "{error:#}");
    }

    /// `Alphabet::writes_all` as it reads in the Unicode definitions, without shortcuts.
    fn writes_all_reference(alphabet: &Alphabet, text: &str) -> bool {
        let writes =
            |c: char| !c.is_alphabetic() || lowercase_letter(c).all(|c| alphabet.contains(c));
        if text.chars().any(is_combining_mark) {
            text.nfc().all(writes)
        } else {
            text.chars().all(writes)
        }
    }

    /// `lowercase_word` as it reads in the Unicode definitions, without shortcuts.
    fn lowercase_word_reference(word: &str) -> String {
        if word.chars().any(is_combining_mark) {
            word.nfc().flat_map(lowercase_letter).collect()
        } else {
            word.chars().flat_map(lowercase_letter).collect()
        }
    }

    #[test]
    fn no_combining_mark_is_below_u0300() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_mark(c), is_combining_mark(c), "{c:?}");
        }
    }

    /// What lets `writes` take a letter of the alphabet as written: every letter an alphabet
    /// can hold (a lowercase of some character) is its own lowercase.
    #[test]
    fn every_lowercase_letter_is_its_own_lowercase() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            for lower in lowercase_letter(c) {
                assert!(
                    !lower.is_alphabetic() || lowercase_letter(lower).eq([lower]),
                    "{c:?} lowercases to {lower:?}"
                );
            }
        }
    }

    /// Letters in both cases, composed and decomposed accents, the Turkish I's, characters
    /// that compose or case-map to others (Kelvin and Angstrom signs, Hangul jamo, final sigma),
    /// marks, digits, punctuation and other scripts.
    fn tricky_piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "a",
            "e",
            "z",
            "A",
            "E",
            "Z",
            "é",
            "É",
            "e\u{301}",
            "E\u{301}",
            "à",
            "a\u{300}",
            "ç",
            "c\u{327}",
            "ß",
            "ẞ",
            "İ",
            "I",
            "ı",
            "i",
            "i\u{307}",
            "\u{307}",
            "\u{301}",
            "\u{93E}",
            "\u{212A}",
            "\u{212B}",
            "Å",
            "å",
            "\u{1100}\u{1161}",
            "가",
            "Σ",
            "σ",
            "ς",
            "Ж",
            "ж",
            "ǅ",
            "ǆ",
            "ﬁ",
            "1",
            "٣",
            " ",
            "'",
            "-",
            ".",
            "«",
            "東",
            "ア",
            "ש",
            "\u{200D}",
            "😀",
        ])
    }

    fn tricky_text() -> impl Strategy<Value = String> {
        prop::collection::vec(tricky_piece(), 0..12).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(5000))]

        #[test]
        fn writes_all_agrees_with_its_definition(letters in tricky_text(), text in tricky_text()) {
            let alphabet = Alphabet::new(&letters);
            prop_assert_eq!(alphabet.writes_all(&text), writes_all_reference(&alphabet, &text));
        }

        #[test]
        fn writes_all_of_any_text_agrees_with_its_definition(
            letters in tricky_text(),
            text in any::<String>(),
        ) {
            let alphabet = Alphabet::new(&letters);
            prop_assert_eq!(alphabet.writes_all(&text), writes_all_reference(&alphabet, &text));
        }

        #[test]
        fn writes_all_of_ascii_text_agrees_with_its_definition(
            letters in tricky_text(),
            text in "[ -~]{0,20}",
        ) {
            let alphabet = Alphabet::new(&letters);
            prop_assert_eq!(alphabet.writes_all(&text), writes_all_reference(&alphabet, &text));
        }

        #[test]
        fn lowercase_word_agrees_with_its_definition(word in tricky_text()) {
            let mut buffer = String::new();
            let expected = lowercase_word_reference(&word);
            prop_assert_eq!(lowercase_word(&word, &mut buffer), expected);
        }
    }
}
