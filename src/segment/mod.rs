//! Segment stage: split cleaned text into sentences, with byte spans and code-point offsets.
//!
//! A line break ends a sentence unless the line was hard-wrapped and the next one continues it
//! in lowercase. Inside a line, terminal punctuation (with its closing quotes, brackets and
//! citations) ends a sentence unless the evidence around it says otherwise (`boundary.rs`):
//! abbreviations, initials, numbers and list labels before it, an attribution or a short
//! quotation around it. The data is in `config/abbreviations/` (`rules.rs`); languages without a
//! file use UAX #29 boundaries and the generic rules. How it decides: `docs/segmentation.md`.

mod boundary;
#[cfg(test)]
mod properties;
mod rules;

use crate::document::{Document, Sentence};
use anyhow::Result;
use boundary::{boundaries_in_line, Candidates};
use rules::RuleSet;
use std::path::Path;

/// A sentence as byte offsets into the text (end exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

pub struct Segmenter {
    rules: RuleSet,
}

impl Segmenter {
    /// Load `generic.toml` and every language file from the abbreviations folder.
    pub fn load_dir(dir: &Path) -> Result<Segmenter> {
        Ok(Segmenter {
            rules: RuleSet::load_dir(dir)?,
        })
    }

    /// Sentence spans (byte offsets) of `text`, for language `lang` (any code; languages
    /// without a rule file get UAX #29 boundaries checked with the generic rules).
    pub fn segment(&self, text: &str, lang: &str) -> Vec<Span> {
        let (rules, source) = match self.rules.by_lang.get(lang) {
            Some(rules) => (rules, Candidates::Scanner),
            None => (&self.rules.generic, Candidates::Uax29),
        };
        let mut spans = Vec::new();
        let mut sentence_start: Option<usize> = None;
        let mut line_start = 0;
        let lines: Vec<(usize, &str)> = text
            .split_inclusive('\n')
            .map(|l| {
                let start = line_start;
                line_start += l.len();
                (start, l)
            })
            .collect();
        let widths = block_widths(&lines);
        for (index, &(offset, line)) in lines.iter().enumerate() {
            let content = line.trim_end_matches(['\n', '\r']);
            let mut cursor = 0;
            for boundary in boundaries_in_line(content, rules, source) {
                push_span(
                    text,
                    &mut spans,
                    &mut sentence_start,
                    offset + cursor,
                    offset + boundary,
                );
                cursor = boundary;
            }
            // Whatever is left on the line joins the open sentence.
            if content[cursor..].trim().is_empty() {
                continue;
            }
            sentence_start.get_or_insert(offset + cursor + leading_space(&content[cursor..]));
            let continues = lines
                .get(index + 1)
                .is_some_and(|(_, next)| continues_on_next_line(content, next, widths[index]));
            if !continues {
                let end = offset + content.trim_end().len();
                close_span(&mut spans, &mut sentence_start, end);
            }
        }
        spans
    }

    /// Segment a document's text into its `sentences` (language filled in by the caller).
    pub fn segment_document(&self, doc: &mut Document) {
        let spans = self.segment(&doc.text, &doc.lang);
        doc.sentences = spans_to_sentences(&doc.text, &spans);
        doc.n_words = crate::text::count_words(&doc.text);
    }
}

/// Each non-blank line of `text` as one sentence, for text that is already one sentence a line
/// (the language gold files and benchmarks).
pub fn sentences_of_lines(text: &str) -> Vec<Sentence> {
    let mut spans = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        if !line.trim().is_empty() {
            spans.push(Span {
                start,
                end: start + line.len(),
            });
        }
        start += line.len() + 1;
    }
    spans_to_sentences(text, &spans)
}

/// Turn byte spans into sentences with code-point offsets.
pub fn spans_to_sentences(text: &str, spans: &[Span]) -> Vec<Sentence> {
    let mut sentences = Vec::with_capacity(spans.len());
    let mut byte_pos = 0;
    let mut char_pos = 0;
    let mut advance = |to: usize| {
        char_pos += text[byte_pos..to].chars().count();
        byte_pos = to;
        char_pos
    };
    for span in spans {
        let char_start = advance(span.start);
        let char_end = advance(span.end);
        sentences.push(Sentence {
            text: text[span.start..span.end].to_string(),
            char_start,
            char_end,
            lang: String::new(),
            lang_confidence: 0.0,
        });
    }
    sentences
}

fn leading_space(s: &str) -> usize {
    s.len() - s.trim_start().len()
}

fn push_span(
    text: &str,
    spans: &mut Vec<Span>,
    sentence_start: &mut Option<usize>,
    from: usize,
    to: usize,
) {
    let piece = &text[from..to];
    if piece.trim().is_empty() {
        return;
    }
    sentence_start.get_or_insert(from + leading_space(piece));
    close_span(spans, sentence_start, from + piece.trim_end().len());
}

fn close_span(spans: &mut Vec<Span>, sentence_start: &mut Option<usize>, end: usize) {
    if let Some(start) = sentence_start.take() {
        if end > start {
            spans.push(Span { start, end });
        }
    }
}

/// Per line, the length (bytes, trimmed) of the longest line of its block (lines between
/// blank lines): the wrap width of hard-wrapped text.
fn block_widths(lines: &[(usize, &str)]) -> Vec<usize> {
    let mut widths = vec![0; lines.len()];
    let mut start = 0;
    for end in 1..=lines.len() {
        if end == lines.len() || lines[end].1.trim().is_empty() {
            let width = lines[start..end]
                .iter()
                .map(|(_, l)| l.trim().len())
                .max()
                .unwrap_or(0);
            widths[start..end].fill(width);
            start = end;
        }
    }
    widths
}

/// A line without final punctuation continues on the next line when that one starts lowercase
/// and the line was wrapped: it ends in a comma or hyphen, or the next line's first word would
/// not have fitted on it (`width`: the longest line of the block). A short line before a
/// lowercase one (headline, list item, signature, informal sentence) ends at the break.
fn continues_on_next_line(line: &str, next: &str, width: usize) -> bool {
    let line = line.trim();
    let next = next.trim();
    if !next.chars().next().is_some_and(char::is_lowercase) {
        return false;
    }
    match line.chars().next_back() {
        Some(',' | '-') => true,
        Some(c) if c.is_alphanumeric() => {
            let first_word = next.split_whitespace().next().unwrap_or("");
            line.len() + 1 + first_word.len() > width
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_non_blank_line_is_a_sentence_with_code_point_offsets() {
        let text = "Le président arrive.\n\n«Да.»\n  \nFin.";
        let sentences = sentences_of_lines(text);
        let found: Vec<(&str, usize, usize)> = sentences
            .iter()
            .map(|s| (s.text.as_str(), s.char_start, s.char_end))
            .collect();
        assert_eq!(
            found,
            [
                ("Le président arrive.", 0, 20),
                ("«Да.»", 22, 27),
                ("Fin.", 31, 35)
            ]
        );
    }

    fn segmenter() -> Segmenter {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("config/abbreviations");
        Segmenter::load_dir(&dir).unwrap()
    }

    fn sentences(text: &str, lang: &str) -> Vec<String> {
        segmenter()
            .segment(text, lang)
            .iter()
            .map(|s| text[s.start..s.end].to_string())
            .collect()
    }

    #[test]
    fn french_titles_months_and_era() {
        let text = "M. Poutine est arrivé le 22 nov. 2023 à Minsk. Il a parlé de l'an 52 av. J.-C. devant E. Macron.";
        assert_eq!(
            sentences(text, "fr"),
            vec![
                "M. Poutine est arrivé le 22 nov. 2023 à Minsk.",
                "Il a parlé de l'an 52 av. J.-C. devant E. Macron."
            ]
        );
    }

    #[test]
    fn quotes_and_attribution() {
        let text = "« Est-ce un premier pas ? », s'interroge le chercheur. « Non ! » Il sourit.";
        assert_eq!(
            sentences(text, "fr"),
            vec![
                "« Est-ce un premier pas ? », s'interroge le chercheur.",
                "« Non ! »",
                "Il sourit."
            ]
        );
    }

    #[test]
    fn headings_end_at_line_breaks_and_wrapped_lines_join() {
        let text = "Boycott arménien\nLors des derniers affrontements, l'Arménie a dû\nfaire avec des alliés.";
        assert_eq!(
            sentences(text, "fr"),
            vec![
                "Boycott arménien",
                "Lors des derniers affrontements, l'Arménie a dû\nfaire avec des alliés."
            ]
        );
    }

    #[test]
    fn a_short_line_before_a_lowercase_line_ends_there() {
        let text = "thanks for the help\nbtw the link above is broken for me, can someone fix it";
        assert_eq!(
            sentences(text, "en"),
            vec![
                "thanks for the help",
                "btw the link above is broken for me, can someone fix it"
            ]
        );
        let wrapped = "The committee met on Tuesday to discuss the budget and\nthe new hiring plan, then adjourned.";
        assert_eq!(sentences(wrapped, "en").len(), 1);
    }

    #[test]
    fn numbers_urls_and_ellipsis() {
        let text = "Pi vaut 3.14 selon lemonde.fr aujourd'hui... et demain. Le reste suit.";
        assert_eq!(
            sentences(text, "fr"),
            vec![
                "Pi vaut 3.14 selon lemonde.fr aujourd'hui... et demain.",
                "Le reste suit."
            ]
        );
    }

    #[test]
    fn char_offsets_slice_the_text() {
        let text = "Erevan l’a dit. Ça continue ! Fin";
        let spans = segmenter().segment(text, "fr");
        let sentences = spans_to_sentences(text, &spans);
        let chars: Vec<char> = text.chars().collect();
        for s in &sentences {
            let slice: String = chars[s.char_start..s.char_end].iter().collect();
            assert_eq!(slice, s.text);
        }
        assert_eq!(sentences.len(), 3);
    }
}
