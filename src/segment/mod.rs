//! Segment stage: split cleaned text into sentences, abbreviation-aware per language.
//!
//! Rules: a line break ends a sentence unless the next line continues it in lowercase; `.`, `!`,
//! `?`, `…` (and CJK full stops) end a sentence when followed by space and a plausible sentence
//! start; known abbreviations, initials, numbers and lowercase continuations do not.
//! Abbreviation lists are data in `config/abbreviations/`.

use crate::document::{Document, Sentence};
use crate::text::{is_closing, is_terminal_punct};
use anyhow::{Context, Result};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// A sentence as byte offsets into the text (end exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct AbbreviationFile {
    language: String,
    titles: Vec<String>,
    months: Vec<String>,
    common: Vec<String>,
    #[serde(rename = "final")]
    final_: Vec<String>,
    before_number: Vec<String>,
    multi: Vec<String>,
}

/// Abbreviations of one language (merged with the generic list).
#[derive(Debug, Default, Clone)]
struct Abbreviations {
    /// Never end a sentence (titles, months, common abbreviations), lowercased.
    non_final: HashSet<String>,
    /// Titles: always followed by a name, lowercased.
    titles: HashSet<String>,
    /// May end a sentence when a capitalised word follows, lowercased.
    final_: HashSet<String>,
    /// Precede a number ("No. 5", "art. 4"), lowercased.
    before_number: HashSet<String>,
}

impl Abbreviations {
    fn extend(&mut self, file: &AbbreviationFile) {
        let lower = |v: &Vec<String>| -> Vec<String> {
            v.iter()
                .map(|s| s.trim_end_matches('.').to_lowercase())
                .collect()
        };
        self.titles.extend(lower(&file.titles));
        self.non_final.extend(lower(&file.titles));
        self.non_final.extend(lower(&file.months));
        self.non_final.extend(lower(&file.common));
        self.final_.extend(lower(&file.final_));
        self.before_number.extend(lower(&file.before_number));
        // "J.-C.", "c.-à-d.": the last dotted part is what precedes the period we look at.
        for multi in &file.multi {
            let trimmed = multi.trim_end_matches('.');
            if let Some(last) = trimmed.rsplit(' ').next() {
                self.non_final.insert(last.to_lowercase());
            }
        }
    }
}

pub struct Segmenter {
    by_lang: HashMap<String, Abbreviations>,
    generic: Abbreviations,
}

impl Segmenter {
    /// Load `generic.toml` and every language file from the abbreviations folder.
    pub fn load_dir(dir: &Path) -> Result<Segmenter> {
        let mut files = Vec::new();
        for path in crate::config::toml_files_in(dir)? {
            let source = std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            let file: AbbreviationFile = toml::from_str(&source)
                .with_context(|| format!("invalid abbreviation list {}", path.display()))?;
            files.push(file);
        }
        Ok(Segmenter::from_files(files))
    }

    fn from_files(files: Vec<AbbreviationFile>) -> Segmenter {
        let mut generic = Abbreviations::default();
        for file in files.iter().filter(|f| f.language == "generic") {
            generic.extend(file);
        }
        let mut by_lang = HashMap::new();
        for file in files.iter().filter(|f| f.language != "generic") {
            let entry = by_lang
                .entry(file.language.clone())
                .or_insert_with(|| generic.clone());
            entry.extend(file);
        }
        Segmenter { by_lang, generic }
    }

    /// Sentence spans (byte offsets) of `text`, for language `lang` (any code; unknown ones use
    /// the generic rules).
    pub fn segment(&self, text: &str, lang: &str) -> Vec<Span> {
        let abbreviations = self.by_lang.get(lang).unwrap_or(&self.generic);
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
        for (index, &(offset, line)) in lines.iter().enumerate() {
            let content = line.trim_end_matches(['\n', '\r']);
            let mut cursor = 0;
            for boundary in boundaries_in_line(content, abbreviations) {
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
                .is_some_and(|(_, next)| continues_on_next_line(content, next));
            if !continues {
                let end = offset + content.trim_end().len();
                close_span(&mut spans, &mut sentence_start, end);
            }
        }
        if let Some(start) = sentence_start {
            let end = text.trim_end().len();
            if end > start {
                spans.push(Span { start, end });
            }
        }
        spans
    }

    /// Segment a document's text into its `sentences` (language filled in by the caller).
    pub fn segment_document(&self, doc: &mut Document) {
        let spans = self.segment(&doc.text, &doc.lang);
        doc.sentences = spans_to_sentences(&doc.text, &spans);
    }
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

/// A line without final punctuation continues on the next line when that one starts lowercase
/// (hard-wrapped text); headings and list items end at the line break.
fn continues_on_next_line(line: &str, next: &str) -> bool {
    let last = line.trim_end().chars().next_back();
    let ends_open = last.is_some_and(|c| c.is_alphanumeric() || c == ',' || c == '-');
    let next_lower = next
        .trim_start()
        .chars()
        .next()
        .is_some_and(char::is_lowercase);
    ends_open && next_lower
}

/// Byte offsets (within `line`) just after each sentence end found inside the line.
fn boundaries_in_line(line: &str, abbreviations: &Abbreviations) -> Vec<usize> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if !is_terminal_punct(c) {
            i += 1;
            continue;
        }
        // The run of terminal punctuation ("?!", "...").
        let mut j = i;
        while j < chars.len() && (is_terminal_punct(chars[j].1)) {
            j += 1;
        }
        let punct: String = chars[i..j].iter().map(|(_, c)| *c).collect();
        // Closing quotes and brackets, and citation marks like "[4]".
        j = skip_closers(&chars, j);
        let end = chars.get(j).map_or(line.len(), |(p, _)| *p);
        if j >= chars.len() {
            break; // the line end closes the sentence anyway
        }
        let cjk = punct.chars().any(|c| matches!(c, '。' | '！' | '？'));
        let next_space = chars[j].1.is_whitespace();
        if !next_space && !cjk {
            i = j.max(i + 1);
            continue;
        }
        let mut k = j;
        while k < chars.len() && chars[k].1.is_whitespace() {
            k += 1;
        }
        if k >= chars.len() {
            break;
        }
        let next_word = word_at(&chars, k);
        if cjk || is_sentence_end(line, pos, &punct, &next_word, abbreviations) {
            out.push(end);
        }
        i = k;
    }
    out
}

fn skip_closers(chars: &[(usize, char)], mut j: usize) -> usize {
    loop {
        if j < chars.len() && is_closing(chars[j].1) {
            j += 1;
            continue;
        }
        // French closing guillemet after a (non-breaking) space: « Non ? »
        if j + 1 < chars.len()
            && matches!(chars[j].1, ' ' | '\u{a0}' | '\u{202f}')
            && matches!(chars[j + 1].1, '»' | '”')
        {
            j += 2;
            continue;
        }
        // Citation marks: "[4]", "[12]".
        if j < chars.len() && chars[j].1 == '[' {
            let mut k = j + 1;
            while k < chars.len() && chars[k].1.is_ascii_digit() {
                k += 1;
            }
            if k > j + 1 && k < chars.len() && chars[k].1 == ']' {
                j = k + 1;
                continue;
            }
        }
        return j;
    }
}

/// The word starting at char index `k`, with leading quotes and brackets removed.
fn word_at(chars: &[(usize, char)], k: usize) -> String {
    chars[k..]
        .iter()
        .map(|(_, c)| *c)
        .take_while(|c| !c.is_whitespace())
        .collect::<String>()
}

/// Decide whether the punctuation at byte `pos` ends a sentence, given the next word.
fn is_sentence_end(
    line: &str,
    pos: usize,
    punct: &str,
    next_word: &str,
    abbreviations: &Abbreviations,
) -> bool {
    let next_first = next_word
        .chars()
        .find(|c| c.is_alphanumeric())
        .unwrap_or(' ');
    let next_starts_lower = next_word.chars().next().is_some_and(char::is_lowercase);
    // "iPhone", "eBay": a lowercase start with a capital inside is a new sentence.
    let camel = next_starts_lower && next_word.chars().skip(1).any(char::is_uppercase);
    if next_starts_lower && !camel {
        return false;
    }
    if punct != "." {
        return true; // "?", "!", "…", "..." before a capital, digit or quote
    }
    let before = &line[..pos];
    let word = before
        .rsplit(|c: char| c.is_whitespace() || matches!(c, '(' | '[' | '«' | '"' | '“' | '\''))
        .next()
        .unwrap_or("");
    let key = word.to_lowercase();
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if word.is_empty() {
        return true;
    }
    // Initials: "E. Macron", "J. R. R. Tolkien", "А. С. Пушкин".
    if letters == 1 && word.chars().count() <= 2 && word.chars().any(char::is_uppercase) {
        return false;
    }
    if abbreviations.titles.contains(&key) {
        return false;
    }
    if abbreviations.final_.contains(&key) {
        return next_first.is_uppercase();
    }
    if abbreviations.non_final.contains(&key) {
        return false;
    }
    if abbreviations.before_number.contains(&key) && next_first.is_ascii_digit() {
        return false;
    }
    // Multi-dot abbreviations ("U.S.", "e.g.") are only sentence-final before a capital.
    if word.contains('.') && letters <= 4 {
        return next_first.is_uppercase() && !abbreviations.non_final.contains(&key);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

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
