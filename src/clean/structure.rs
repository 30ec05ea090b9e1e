//! Line shape for the structural passes: how many words, how many are function words, how many
//! start with a capital. Prose is long, punctuated and full of function words; site names,
//! section labels and menus are short, capitalised and have almost none.

use crate::text::{ends_like_sentence, fold_into};
use std::collections::HashSet;
use unicode_segmentation::UnicodeSegmentation;

/// A name-like line has at most this many words ("Le Matin National", "Science · Space").
const NAME_MAX_WORDS: usize = 6;
/// A line this long, with final punctuation, is prose.
pub const PROSE_MIN_WORDS: usize = 12;

#[derive(Debug, Clone, Copy, Default)]
pub struct LineShape {
    pub words: usize,
    /// Words with a letter (numbers in dates and scores are not counted).
    pub alpha_words: usize,
    pub stopwords: usize,
    /// Words (not function words) whose first letter is lowercase.
    pub lowercase: usize,
    pub sentence_end: bool,
}

impl LineShape {
    pub fn of(line: &str, stopwords: &HashSet<String>) -> LineShape {
        let mut shape = LineShape {
            sentence_end: ends_like_sentence(line),
            ..LineShape::default()
        };
        let mut folded = String::new();
        for word in line.unicode_words() {
            shape.words += 1;
            if !word.chars().any(char::is_alphabetic) {
                continue;
            }
            shape.alpha_words += 1;
            folded.clear();
            fold_into(word, &mut folded);
            if stopwords.contains(&folded) {
                shape.stopwords += 1;
            } else if word.chars().next().is_some_and(char::is_lowercase) {
                shape.lowercase += 1;
            }
        }
        shape
    }

    pub fn is_prose(&self) -> bool {
        self.sentence_end && self.words >= PROSE_MIN_WORDS
    }

    /// Short, unpunctuated, and every content word capitalised: a site or section name, a
    /// label, a menu ("Hauptstadt-Anzeiger", "Cielos de Almenara · Agrupación Astronómica").
    pub fn is_name_like(&self) -> bool {
        (1..=NAME_MAX_WORDS).contains(&self.alpha_words)
            && !self.sentence_end
            && self.lowercase == 0
    }

    /// A run of capitalised words with (almost) no function word: a menu without separators
    /// ("Politik Wirtschaft Berlin Kultur Sport Meinung", "Home Football Rugby Golf More").
    pub fn is_menu_like(&self) -> bool {
        self.words >= 4
            && self.stopwords * 5 <= self.words
            && self.lowercase == 0
            && !self.sentence_end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stopwords() -> HashSet<String> {
        ["le", "de", "la", "of", "the", "in", "di", "du"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    #[test]
    fn names_and_menus_are_told_from_headlines_and_prose() {
        let sw = stopwords();
        assert!(LineShape::of("Le Matin National", &sw).is_name_like());
        assert!(LineShape::of("Cielos de Almenara · Agrupación", &sw).is_name_like());
        assert!(
            !LineShape::of("Partage de l'eau : l'Assemblée adopte le projet", &sw).is_name_like()
        );
        assert!(LineShape::of("News Sport Business Opinion Life", &sw).is_menu_like());
        assert!(!LineShape::of("The quiet race to build a telescope", &sw).is_menu_like());
        assert!(LineShape::of("Stand: 12.03.2024, 14:30 Uhr", &sw).is_name_like());
        let prose =
            "Le texte, qui encadre les prélèvements agricoles, a été voté par 312 voix contre 201.";
        assert!(LineShape::of(prose, &sw).is_prose());
    }
}
