//! Line shape for the structural passes: how many words, how many are function words, how many
//! start with a capital. Prose is long, punctuated and full of function words; site names,
//! section labels and menus are short, capitalised and have almost none.

use crate::text::{self, ends_like_sentence, fold_into, WordSet};

/// A name-like line has at most this many words ("Le Matin National", "Science · Space").
const NAME_MAX_WORDS: usize = 6;
/// A line this long, with final punctuation, is prose.
pub const PROSE_MIN_WORDS: usize = 12;

#[derive(Debug, Clone, Copy, Default)]
pub struct LineShape {
    pub words: usize,
    pub sentence_end: bool,
    name_like: bool,
    menu_like: bool,
}

impl LineShape {
    pub fn of(line: &str, stopwords: &WordSet) -> LineShape {
        let sentence_end = ends_like_sentence(line);
        let mut words = 0;
        // Words with a letter (numbers in dates and scores are not counted).
        let mut alpha_words = 0;
        let mut function_words = 0;
        // Names and menus have no final punctuation and no lowercase word but function words:
        // once either shows, the words need no more folding, only counting.
        let mut label_like = !sentence_end;
        let mut folded = String::new();
        for word in text::words(line) {
            words += 1;
            if !label_like || !word.chars().any(text::is_alphabetic) {
                continue;
            }
            alpha_words += 1;
            folded.clear();
            fold_into(word, &mut folded);
            if stopwords.contains(&folded) {
                function_words += 1;
            } else if word.chars().next().is_some_and(char::is_lowercase) {
                label_like = false;
            }
        }
        LineShape {
            words,
            sentence_end,
            name_like: label_like && (1..=NAME_MAX_WORDS).contains(&alpha_words),
            menu_like: label_like && words >= 4 && function_words * 5 <= words,
        }
    }

    pub fn is_prose(&self) -> bool {
        self.sentence_end && self.words >= PROSE_MIN_WORDS
    }

    /// Short, unpunctuated, and every content word capitalised: a site or section name, a
    /// label, a menu ("Hauptstadt-Anzeiger", "Cielos de Almenara · Agrupación Astronómica").
    pub fn is_name_like(&self) -> bool {
        self.name_like
    }

    /// A run of capitalised words with (almost) no function word: a menu without separators
    /// ("Politik Wirtschaft Berlin Kultur Sport Meinung", "Home Football Rugby Golf More").
    pub fn is_menu_like(&self) -> bool {
        self.menu_like
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stopwords() -> WordSet {
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
