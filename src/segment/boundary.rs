//! Sentence ends inside one line: find candidate terminal punctuation, then decide with the
//! language's rules whether it really ends the sentence.

use super::rules::{key_of, AbbreviationKind, LanguageRules};
use crate::text::{is_closing, is_terminal_punct};
use unicode_segmentation::UnicodeSegmentation;

/// Where candidates come from: our scanner (languages with a rule file) or UAX #29 sentence
/// boundaries (the generic fallback, which knows every script's terminal punctuation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Candidates {
    Scanner,
    Uax29,
}

/// A run of terminal punctuation that might end a sentence, as char indices into the line.
struct Candidate {
    /// First char of the punctuation run ("?!", "...", ". . .").
    punct_start: usize,
    /// Just after the run.
    punct_end: usize,
    /// Just after the closing quotes, brackets and citation marks that follow the run.
    end: usize,
}

/// Byte offsets (within `line`) just after each sentence end found inside the line.
pub(crate) fn boundaries_in_line(
    line: &str,
    rules: &LanguageRules,
    source: Candidates,
) -> Vec<usize> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let candidates = match source {
        Candidates::Scanner => scan(&chars),
        Candidates::Uax29 => uax29(line, &chars),
    };
    let byte_at = |i: usize| chars.get(i).map_or(line.len(), |(p, _)| *p);
    let mut out = Vec::new();
    for candidate in candidates {
        let Candidate {
            punct_start,
            punct_end,
            end,
        } = candidate;
        if punct_start == punct_end {
            out.push(byte_at(end)); // a UAX #29 boundary without punctuation we know
            continue;
        }
        let cjk = chars[punct_start..punct_end]
            .iter()
            .any(|(_, c)| matches!(c, '。' | '！' | '？'));
        if end >= chars.len() || (!chars[end].1.is_whitespace() && !cjk) {
            continue;
        }
        let next = (end..chars.len()).find(|&k| !chars[k].1.is_whitespace());
        let Some(next) = next else { continue };
        // Stray punctuation after an end ("fin. ." left by cleaning) stays with the sentence.
        if !chars[next..].iter().any(|(_, c)| c.is_alphanumeric()) {
            continue;
        }
        let context = Context {
            line,
            chars: &chars,
            rules,
            punct_start,
            punct_end,
            next,
        };
        if cjk || context.is_sentence_end() {
            out.push(byte_at(end));
        }
    }
    out
}

/// Every run of terminal punctuation in the line, with its closers.
fn scan(chars: &[(usize, char)]) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_terminal_punct(chars[i].1) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() {
            if is_terminal_punct(chars[j].1) {
                j += 1;
            } else if spaced_ellipsis_continues(chars, j) {
                j += 2;
            } else {
                break;
            }
        }
        let end = skip_closers(chars, j);
        out.push(Candidate {
            punct_start: i,
            punct_end: j,
            end,
        });
        i = end.max(j);
    }
    out
}

/// ". . ." ellipses: a space followed by another period continues a run of periods.
fn spaced_ellipsis_continues(chars: &[(usize, char)], j: usize) -> bool {
    chars[j - 1].1 == '.'
        && chars[j].1 == ' '
        && chars.get(j + 1).is_some_and(|(_, c)| *c == '.')
        && (j >= 2 && chars[j - 2].1 == ' ' || chars.get(j + 2).is_some_and(|(_, c)| *c == ' '))
}

/// Candidates at the UAX #29 sentence boundaries of the line.
fn uax29(line: &str, chars: &[(usize, char)]) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (start, piece) in line.split_sentence_bound_indices() {
        let boundary = start + piece.len();
        if boundary >= line.len() {
            break;
        }
        let trimmed_end = start + piece.trim_end().len();
        let end = chars.partition_point(|(p, _)| *p < trimmed_end);
        let mut punct_end = end;
        while punct_end > 0 && is_closer_char(chars[punct_end - 1].1) {
            punct_end -= 1;
        }
        let mut punct_start = punct_end;
        while punct_start > 0 && is_terminal_punct(chars[punct_start - 1].1) {
            punct_start -= 1;
        }
        out.push(Candidate {
            punct_start,
            punct_end,
            end,
        });
    }
    out
}

/// Quotes and brackets that close a sentence when they directly follow its punctuation
/// (German „…“ and Danish »…« close with what other languages open with).
fn is_closer_char(c: char) -> bool {
    is_closing(c) || matches!(c, '“' | '‘' | '«' | '‹' | '„')
}

fn skip_closers(chars: &[(usize, char)], mut j: usize) -> usize {
    loop {
        if j < chars.len() && is_closer_char(chars[j].1) {
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

/// A whitespace-delimited token as char indices `[start, end)`.
type Token = (usize, usize);

fn token_ending_at(chars: &[(usize, char)], end: usize) -> Token {
    let mut start = end;
    while start > 0 && !chars[start - 1].1.is_whitespace() {
        start -= 1;
    }
    (start, end)
}

fn token_starting_at(chars: &[(usize, char)], start: usize) -> Token {
    let mut end = start;
    while end < chars.len() && !chars[end].1.is_whitespace() {
        end += 1;
    }
    (start, end)
}

fn skip_space(chars: &[(usize, char)], mut i: usize) -> usize {
    while i < chars.len() && chars[i].1.is_whitespace() {
        i += 1;
    }
    i
}

/// The text of a token, sliced from the line (no allocation on the hot path).
fn text_of<'a>(line: &'a str, chars: &[(usize, char)], (start, end): Token) -> &'a str {
    let byte = |i: usize| chars.get(i).map_or(line.len(), |(p, _)| *p);
    &line[byte(start)..byte(end)]
}

/// Leading opening punctuation and an elided article ("l'", "dall'") removed.
fn bare_word(token: &str) -> &str {
    let word = token.trim_start_matches(|c: char| !c.is_alphanumeric());
    if let Some((i, c)) = word.char_indices().rfind(|(_, c)| matches!(c, '\'' | '’')) {
        let rest = &word[i + c.len_utf8()..];
        if rest.chars().next().is_some_and(crate::text::is_alphabetic) {
            return rest;
        }
    }
    word
}

fn is_number(token: &str) -> bool {
    let token = token.trim_matches(|c: char| !c.is_alphanumeric());
    token.chars().any(|c| c.is_ascii_digit())
        && token
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ':' | '\u{202f}'))
}

fn is_roman_numeral(word: &str) -> bool {
    !word.is_empty()
        && word
            .chars()
            .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'))
}

/// "E", "J.-C", "F.-W": initials of a first name.
fn is_initials(word: &str) -> bool {
    word.split(".-")
        .all(|part| part.chars().count() == 1 && part.chars().all(char::is_uppercase))
}

/// The word after a candidate end, as the rules need to see it.
struct NextWord<'a> {
    /// Without leading quotes, brackets, dashes and trailing punctuation.
    text: &'a str,
    first: char,
    /// Starts lowercase with no capital inside: "la", not "iPhone" or "eBay".
    lowercase: bool,
    /// Ends with a period itself ("A.", "Okt."): an initial or abbreviation, not a starter.
    dotted: bool,
    /// The word after it starts with a capital: a name ("Советский Союз") is likely.
    followed_by_capital: bool,
    /// The word after it starts lowercase.
    followed_by_lowercase: bool,
}

struct Context<'a> {
    line: &'a str,
    chars: &'a [(usize, char)],
    rules: &'a LanguageRules,
    punct_start: usize,
    punct_end: usize,
    /// First char of the next token.
    next: usize,
}

impl Context<'_> {
    fn next_word(&self) -> NextWord<'_> {
        let mut token = token_starting_at(self.chars, self.next);
        // A lone dash before an attribution: « Куда? » — спросил он.
        if !self.chars[token.0..token.1]
            .iter()
            .any(|(_, c)| c.is_alphanumeric())
        {
            let after = skip_space(self.chars, token.1);
            if after < self.chars.len() {
                token = token_starting_at(self.chars, after);
            }
        }
        let raw = text_of(self.line, self.chars, token);
        let text = raw
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .trim_end_matches(|c: char| !c.is_alphanumeric());
        let first = text.chars().next().unwrap_or(' ');
        let camel = text.chars().skip(1).any(char::is_uppercase);
        let after = skip_space(self.chars, token.1);
        let following = (after < self.chars.len())
            .then(|| {
                self.chars[after..]
                    .iter()
                    .map(|(_, c)| *c)
                    .find(|c| c.is_alphanumeric())
            })
            .flatten();
        NextWord {
            lowercase: first.is_lowercase() && !camel,
            dotted: raw
                .trim_end_matches(|c: char| is_closer_char(c) || matches!(c, ',' | ';' | ':'))
                .ends_with('.'),
            followed_by_capital: following.is_some_and(char::is_uppercase),
            followed_by_lowercase: following.is_some_and(char::is_lowercase),
            first,
            text,
        }
    }

    fn is_starter(&self, next: &NextWord) -> bool {
        if next.dotted {
            return false;
        }
        let lower = next.text.to_lowercase();
        if self.rules.starters.contains(&lower) {
            return true;
        }
        // Elided starters: "L'Arménie", "C'est", "Dell'Italia".
        lower.find(['\'', '’']).is_some_and(|i| {
            let prefix = lower[..i].to_string() + "'";
            self.rules.starters.contains(&prefix)
        })
    }

    fn is_sentence_end(&self) -> bool {
        let next = self.next_word();
        if next.lowercase {
            return false;
        }
        let single_period =
            self.punct_end == self.punct_start + 1 && self.chars[self.punct_start].1 == '.';
        if !single_period {
            // An elision mark "[...]", "(…)" quotes on; it does not end anything.
            let elision =
                self.punct_start > 0 && matches!(self.chars[self.punct_start - 1].1, '[' | '(');
            return !elision; // "?", "!", "…", "..." before a capital, digit or quote
        }
        self.is_period_end(&next)
    }

    /// A period before a word that is not lowercase: abbreviation, initial, number, or end.
    fn is_period_end(&self, next: &NextWord) -> bool {
        let token = token_ending_at(self.chars, self.punct_start);
        let word = bare_word(text_of(self.line, self.chars, token));
        if word.is_empty() {
            return true;
        }
        let after_number = self.previous_token(token.0).is_some_and(|p| {
            is_number(p) || is_roman_numeral(p.trim_matches(|c: char| !c.is_alphanumeric()))
        });
        if after_number && self.rules.units.contains(word) {
            return true; // "324 m. It was": a unit symbol takes no abbreviation period
        }
        if let Some(kind) = self.dotted_abbreviation(token, word) {
            return kind.is_some_and(|kind| self.abbreviation_end(kind, after_number, next));
        }
        let key = key_of(word);
        if self.rules.before_number.contains(&key) && next.first.is_ascii_digit() {
            return false;
        }
        if let Some(&kind) = self.rules.words.get(&key) {
            return self.abbreviation_end(kind, after_number, next);
        }
        if self.rules.single_capital_initials && is_initials(word) {
            // "vitamin D. She started": an initial is never followed by "She" + lowercase.
            return self.is_starter(next) && next.followed_by_lowercase;
        }
        if word.chars().all(|c| c.is_ascii_digit()) || is_roman_numeral(word) {
            return self.is_number_end(token.0, word, next);
        }
        if is_number(word) {
            return true; // "3.14.", "1.000.000.", "10.30."
        }
        // Unknown dotted abbreviations ("U.S.A.", "Ph.D."): like the known final ones.
        if word.contains('.') && word.split('.').all(|p| p.chars().count() <= 3) {
            return self.final_end(next);
        }
        let is_suffix = |s: &String| key.len() > s.len() && key.ends_with(s.as_str());
        !self.rules.suffixes.iter().any(is_suffix)
    }

    /// The token before the one at `start`, if any.
    fn previous_token(&self, start: usize) -> Option<&str> {
        let mut end = start;
        while end > 0 && self.chars[end - 1].1.is_whitespace() {
            end -= 1;
        }
        (end > 0).then(|| text_of(self.line, self.chars, token_ending_at(self.chars, end)))
    }

    /// A known abbreviation with internal periods around this one ("z. B.", "EE. UU.",
    /// "av. J.-C."): `Some(None)` when this period is inside it, `Some(Some(kind))` when it
    /// is its last period, `None` when there is none.
    fn dotted_abbreviation(&self, token: Token, word: &str) -> Option<Option<AbbreviationKind>> {
        let dotted = &self.rules.dotted;
        let last_piece = word.rsplit('.').next().unwrap_or(word).to_lowercase();
        if !self.rules.dotted_pieces.contains(&last_piece) {
            return None;
        }
        // Up to two tokens before and after the one ending at this period.
        let mut before = vec![(token.0, self.punct_start + 1)];
        while before.len() < 3 {
            let mut end = before[0].0;
            while end > 0 && self.chars[end - 1].1.is_whitespace() {
                end -= 1;
            }
            if end == 0 {
                break;
            }
            before.insert(0, token_ending_at(self.chars, end));
        }
        let mut after = Vec::new();
        let mut at = self.next;
        while after.len() < 2 && at < self.chars.len() {
            let next = token_starting_at(self.chars, at);
            after.push(next);
            at = skip_space(self.chars, next.1);
        }
        let key_of_tokens = |tokens: &[Token]| -> String {
            let text = text_of(
                self.line,
                self.chars,
                (tokens[0].0, tokens[tokens.len() - 1].1),
            );
            let text = text.trim_start_matches(|c: char| !c.is_alphanumeric());
            key_of(text.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '.'))
        };
        for a in 0..before.len() {
            for b in 1..=after.len() {
                let mut tokens = before[a..].to_vec();
                tokens.extend_from_slice(&after[..b]);
                if dotted.contains_key(&key_of_tokens(&tokens)) {
                    return Some(None);
                }
            }
        }
        (0..before.len())
            .find_map(|a| dotted.get(&key_of_tokens(&before[a..])).copied())
            .map(Some)
    }

    fn abbreviation_end(
        &self,
        kind: AbbreviationKind,
        after_number: bool,
        next: &NextWord,
    ) -> bool {
        match kind {
            AbbreviationKind::NonFinal => false,
            AbbreviationKind::Final => self.final_end(next),
            AbbreviationKind::FinalBeforeStarter => self.is_starter(next),
            AbbreviationKind::FinalAfterNumber => after_number && self.is_starter(next),
        }
    }

    /// After an abbreviation that may end a sentence ("etc.", "p.m.", "т. д."): a new sentence
    /// starts unless the next words look like a name ("1991 г. Советский Союз", "p.m. ET").
    fn final_end(&self, next: &NextWord) -> bool {
        if self.is_starter(next) {
            return true;
        }
        if next.first.is_ascii_digit() {
            return false; // "A.D. 79", "the U.S. 20 years ago"
        }
        let all_caps = next
            .text
            .chars()
            .filter(|&c| crate::text::is_alphabetic(c))
            .count()
            >= 2
            && !next.text.chars().any(char::is_lowercase);
        !(all_caps || next.followed_by_capital)
    }

    /// A number (or roman numeral) followed by a period.
    fn is_number_end(&self, token_start: usize, word: &str, next: &NextWord) -> bool {
        // A list marker at the start of a line: "1. Introduction", "• 2. Methods", "II. Results".
        let line_prefix_is_bullets = self.chars[..token_start]
            .iter()
            .all(|(_, c)| !c.is_alphanumeric());
        if line_prefix_is_bullets {
            return false;
        }
        if is_roman_numeral(word) {
            return true;
        }
        // German-style ordinals ("3. Platz", "12. Juni"): an end only before a sentence starter.
        if self.rules.ordinal_period && word.len() <= 3 {
            return self.is_starter(next);
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::rules::RuleSet;
    use std::path::Path;

    fn rules() -> RuleSet {
        RuleSet::load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("config/abbreviations"))
            .unwrap()
    }

    /// The line cut at its boundaries, for rule `lang`.
    fn split(line: &str, lang: &str) -> Vec<String> {
        let set = rules();
        let (language, source) = match set.by_lang.get(lang) {
            Some(l) => (l, Candidates::Scanner),
            None => (&set.generic, Candidates::Uax29),
        };
        let mut out = Vec::new();
        let mut start = 0;
        for end in boundaries_in_line(line, language, source) {
            out.push(line[start..end].trim().to_string());
            start = end;
        }
        out.push(line[start..].trim().to_string());
        out
    }

    #[test]
    fn titles_and_common_abbreviations_never_end() {
        assert_eq!(split("Le Dr. Lemoine a parlé. Il part.", "fr").len(), 2);
        assert_eq!(split("Mr. Smith left. He ran.", "en").len(), 2);
        assert_eq!(split("Siehe vgl. Abb. Der Text.", "de").len(), 1);
    }

    #[test]
    fn final_abbreviations_end_before_a_starter_but_not_a_name() {
        assert_eq!(
            split("Он изучал химию и т. д. Потом ушёл.", "ru"),
            ["Он изучал химию и т. д.", "Потом ушёл."]
        );
        assert_eq!(split("В 1991 г. Советский Союз распался.", "ru").len(), 1);
        assert_eq!(split("Open until 8 p.m. Results were late.", "en").len(), 2);
        assert_eq!(split("Updated 4:32 p.m. ET", "en").len(), 1);
        assert_eq!(
            split("I work for the U.S. Government in Virginia.", "en").len(),
            1
        );
        assert_eq!(split("I live in the U.S. How about you?", "en").len(), 2);
    }

    #[test]
    fn final_after_number_is_a_title_elsewhere() {
        assert_eq!(
            split("Завод в г. Казани построен в 1975 г. Он работает.", "ru").len(),
            2
        );
        assert_eq!(split("В 2014 г. Россия вошла в G8.", "ru").len(), 1);
    }

    #[test]
    fn multi_part_abbreviations_match_across_spaces() {
        assert_eq!(split("Obst, z. B. Äpfel, ist gesund.", "de").len(), 1);
        assert_eq!(split("Viajó a EE. UU. la semana pasada.", "es").len(), 1);
        assert_eq!(
            split("Se firmó en EE. UU. La noticia sorprendió.", "es"),
            ["Se firmó en EE. UU.", "La noticia sorprendió."]
        );
        assert_eq!(
            split("Er starb 14 n. Chr. Sein Sohn folgte.", "de").len(),
            2
        );
        assert_eq!(
            split("Il est né en 52 av. J.-C. Il a régné.", "fr").len(),
            2
        );
        assert_eq!(split("Smith et al. (2020) found it.", "en").len(), 1);
    }

    #[test]
    fn initials_and_hyphenated_initials() {
        assert_eq!(split("J.-C. Juncker a parlé. Il part.", "fr").len(), 2);
        assert_eq!(split("Signé par P.-Y. Martin et A. Leroy.", "fr").len(), 1);
        assert_eq!(split("А. С. Пушкин родился в Москве.", "ru").len(), 1);
        assert_eq!(split("Take vitamin D. She did.", "en").len(), 2);
        assert_eq!(split("Signé par J.-M. Le Pen hier.", "fr").len(), 1);
    }

    #[test]
    fn numbers_ordinals_and_list_markers() {
        assert_eq!(split("Sie wurde 3. Platz beim Lauf.", "de").len(), 1);
        assert_eq!(
            split("Die Zahl stieg auf 12. Die Polizei ermittelt.", "de").len(),
            2
        );
        assert_eq!(split("Am 12. Juni 2024 trat er zurück.", "de").len(), 1);
        assert_eq!(split("1. Introduction", "en").len(), 1);
        assert_eq!(split("Sales rose in 2019. Then they fell.", "en").len(), 2);
        assert_eq!(split("Prices fell 3.5 percent. Then rose.", "en").len(), 2);
        assert_eq!(split("See No. 5 and art. 4 here.", "en").len(), 1);
        assert_eq!(
            split("Find it at N°. 1026.253.553. That is it.", "en").len(),
            2
        );
        assert_eq!(
            split("We meet at 10.30. John Smith will come.", "en").len(),
            2
        );
    }

    #[test]
    fn units_after_numbers_end_normally() {
        assert_eq!(
            split("La tour mesure 324 m. Elle date de 1889.", "fr").len(),
            2
        );
    }

    #[test]
    fn street_suffixes() {
        assert_eq!(
            split("Sie wohnt in der Goethestr. 12 im Hof.", "de").len(),
            1
        );
    }

    #[test]
    fn quotes_brackets_citations_and_attribution() {
        assert_eq!(
            split("Sie sagte: „Die Reform kommt.“ Die Debatte folgt.", "de"),
            ["Sie sagte: „Die Reform kommt.“", "Die Debatte folgt."]
        );
        assert_eq!(split("«Куда делись деньги?» — спросил он.", "ru").len(), 1);
        assert_eq!(split("—¿Adónde vas? —preguntó ella.", "es").len(), 1);
        assert_eq!(split("« Où ? » a-t-il demandé. Non.", "fr").len(), 2);
        assert_eq!(
            split("It was signed in 1992.[12][13] It has six members.", "en"),
            ["It was signed in 1992.[12][13]", "It has six members."]
        );
        assert_eq!(split("Il part. (Il reviendra.) Fin.", "fr").len(), 3);
    }

    #[test]
    fn stray_punctuation_stays_with_the_sentence() {
        assert_eq!(split("Ils ont accepté. .", "fr"), ["Ils ont accepté. ."]);
        assert_eq!(split("他来了。 。", "zh").len(), 1);
    }

    #[test]
    fn ellipses_end_only_before_a_capital() {
        assert_eq!(split("He paused... then signed. Done.", "en").len(), 2);
        assert_eq!(split("We waited… Nobody came.", "en").len(), 2);
        assert_eq!(split("It fell . . . The end came.", "en").len(), 2);
        assert_eq!(
            split("“Bohr [...] used stairways [...]” (Smith 55).", "en").len(),
            1
        );
    }

    #[test]
    fn lowercase_brand_names_start_sentences() {
        assert_eq!(split("Sales fell. eBay blamed demand.", "en").len(), 2);
        assert_eq!(split("She works at Yahoo! in Paris.", "en").len(), 1);
    }

    #[test]
    fn urls_and_emails_are_not_cut() {
        assert_eq!(split("Write to press@example.com. Or call.", "en").len(), 2);
        assert_eq!(
            split("See www.interieur.gouv.fr et lemonde.fr ici.", "fr").len(),
            1
        );
    }

    #[test]
    fn generic_fallback_uses_uax29_for_every_script() {
        assert_eq!(split("我们走吧。他来了！你好吗？", "zh").len(), 3);
        assert_eq!(split("هل أنت بخير؟ نعم، شكرا.", "ar").len(), 2);
        assert_eq!(split("वह घर गया। फिर वह सो गया।", "hi").len(), 2);
        assert_eq!(split("Նա եկավ։ Հետո գնաց։", "hy").len(), 2);
        assert_eq!(split("Jan kom hjem. Han sov godt.", "da").len(), 2);
        // Generic rules still apply: Latin abbreviations and initials.
        assert_eq!(split("Se cf. kapitel 3 om J. Smith.", "da").len(), 1);
        assert_eq!(split("O Dr. Silva chegou. Ele falou.", "pt").len(), 2);
    }
}
