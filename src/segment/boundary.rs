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
    /// Just after the closing quotes, brackets, citation marks and emoticons that follow it.
    end: usize,
}

/// Byte offsets (within `line`) just after each sentence end found inside the line.
pub(crate) fn boundaries_in_line(
    line: &str,
    rules: &LanguageRules,
    source: Candidates,
) -> Vec<usize> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let items = list_items(&chars);
    let punctuated = chars.iter().any(|(_, c)| is_terminal_punct(*c));
    if source == Candidates::Scanner && !punctuated && items.starts.is_empty() {
        return Vec::new();
    }
    let marks = Marks::of(&chars);
    let candidates = match source {
        Candidates::Scanner => scan(&chars, &marks),
        Candidates::Uax29 => uax29(line, &chars),
    };
    let byte_at = |i: usize| chars.get(i).map_or(line.len(), |(p, _)| *p);
    let mut out = Vec::new();
    // Char index where the current sentence starts (after the last boundary).
    let mut sentence_start = 0;
    let mut item_starts = items.starts.iter().copied().peekable();
    for candidate in candidates {
        let Candidate {
            punct_start,
            punct_end,
            end,
        } = candidate;
        while let Some(start) = item_starts.next_if(|&s| s <= punct_start) {
            push_boundary(&chars, &mut out, &mut sentence_start, start, byte_at(start));
        }
        if punct_start < sentence_start || items.is_label(punct_start) {
            continue;
        }
        if punct_start == punct_end {
            // a UAX #29 boundary without punctuation we know
            push_boundary(&chars, &mut out, &mut sentence_start, end, byte_at(end));
            continue;
        }
        let cjk = chars[punct_start..punct_end]
            .iter()
            .any(|(_, c)| matches!(c, '。' | '！' | '？'));
        let spaced = end < chars.len() && chars[end].1.is_whitespace();
        if end >= chars.len() || !(spaced || cjk || glued_sentence_start(&chars, &candidate)) {
            continue;
        }
        let next = (end..chars.len()).find(|&k| !chars[k].1.is_whitespace());
        let Some(next) = next else { continue };
        // Stray punctuation after an end ("fin. ." left by cleaning) stays with the sentence,
        // and no sentence starts with a comma, semicolon or colon ("cream. , It").
        if !chars[next..].iter().any(|(_, c)| c.is_alphanumeric())
            || matches!(chars[next].1, ',' | ';' | ':')
        {
            continue;
        }
        // Inside a quotation or bracket that closes later on the line and is one unit: "“How
        // many? I don't know.”", "the reference [page. 42]".
        if marks.encloses(&chars, punct_start, end, sentence_start) {
            continue;
        }
        let context = Context {
            line,
            chars: &chars,
            rules,
            punct_start,
            punct_end,
            next,
            sentence_start,
        };
        if cjk {
            push_boundary(&chars, &mut out, &mut sentence_start, end, byte_at(end));
        } else if let Some(at) = context.boundary(end, &marks) {
            push_boundary(&chars, &mut out, &mut sentence_start, at, byte_at(at));
        }
    }
    for start in item_starts {
        push_boundary(&chars, &mut out, &mut sentence_start, start, byte_at(start));
    }
    out
}

/// Record a sentence end at char `at` (byte `byte`) unless only spaces precede it since the
/// last one.
fn push_boundary(
    chars: &[(usize, char)],
    out: &mut Vec<usize>,
    sentence_start: &mut usize,
    at: usize,
    byte: usize,
) {
    if at > skip_space(chars, *sentence_start) {
        out.push(byte);
        *sentence_start = at;
    }
}

/// Every run of terminal punctuation in the line, with its closers.
fn scan(chars: &[(usize, char)], marks: &Marks) -> Vec<Candidate> {
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
            } else if spaced_ellipsis_continues(chars, j) || spaced_repeat_continues(chars, i, j) {
                j += 2;
            } else {
                break;
            }
        }
        let end = skip_closers(chars, j, marks);
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

/// "Really ? ? ?", "Happy! . . .", "Happy! ...": after "?" or "!", spaced terminal
/// punctuation is one run with it.
fn spaced_repeat_continues(chars: &[(usize, char)], start: usize, j: usize) -> bool {
    chars[j].1 == ' '
        && chars.get(j + 1).is_some_and(|(_, c)| is_terminal_punct(*c))
        && chars.get(j + 2).is_none_or(|(_, c)| !c.is_alphanumeric())
        && chars[start..j].iter().any(|(_, c)| matches!(c, '?' | '!'))
}

/// "world.Today", "1,000.That": a sentence end that lost its space (scraped text): a plain
/// word or number before a single mark, a capitalised word right after.
fn glued_sentence_start(chars: &[(usize, char)], candidate: &Candidate) -> bool {
    let Candidate {
        punct_start,
        punct_end,
        end,
    } = *candidate;
    if end != punct_end || punct_end != punct_start + 1 || end + 1 >= chars.len() {
        return false;
    }
    if !(chars[end].1.is_uppercase() && chars[end + 1].1.is_lowercase()) {
        return false;
    }
    let (start, _) = token_ending_at(chars, punct_start);
    let (_, token_end) = token_starting_at(chars, punct_start);
    if chars[start..token_end]
        .iter()
        .any(|(_, c)| matches!(c, '@' | '/'))
    {
        return false; // "Jane.Doe@example.com."
    }
    let before = &chars[start..punct_start];
    // URLs, e-mail addresses and dotted abbreviations keep their periods.
    before.len() >= 2
        && before
            .last()
            .is_some_and(|(_, c)| c.is_lowercase() || c.is_ascii_digit())
        && !before
            .iter()
            .any(|(_, c)| matches!(c, '.' | '@' | '/' | ':' | '_'))
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

/// Quotes and brackets that may close a sentence (German „…“ and Danish »…« close with what
/// other languages open with); which of them does is decided by `Marks`.
fn is_closer_char(c: char) -> bool {
    is_closing(c) || matches!(c, '“' | '‘' | '«' | '‹' | '„')
}

/// Brackets that close whatever precedes them.
fn is_bracket_close(c: char) -> bool {
    matches!(c, ')' | ']' | '}' | '」' | '』' | '）')
}

fn is_inline_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}')
}

/// Emoticons that close the sentence before them ("Thanks! :)").
const EMOTICONS: &[&str] = &[
    ":)", ":-)", ";)", ";-)", ":(", ":-(", ":D", ":-D", ":P", ":-P", ":p", ":/", "=)", ":'(", "<3",
    "^^", "^_^", "xD", "XD",
];

fn skip_closers(chars: &[(usize, char)], mut j: usize, marks: &Marks) -> usize {
    while j < chars.len() {
        if is_bracket_close(chars[j].1) || marks.closes(j) {
            j += 1;
            continue;
        }
        // A closing quote after a space (« Non ! », ' Boursier . '), citation marks ("[4]",
        // "gas. [1]") and an emoticon still belong to the sentence.
        let spaced = is_inline_space(chars[j].1);
        let at = j + usize::from(spaced);
        if spaced && marks.closes(at) {
            j = at + 1;
        } else if let Some(k) = citation_end(chars, at) {
            j = k;
        } else if let Some(k) = spaced.then(|| emoticon_end(chars, at)).flatten() {
            j = k;
        } else {
            break;
        }
    }
    j
}

/// Just after a citation mark "[12]" starting at `at`.
fn citation_end(chars: &[(usize, char)], at: usize) -> Option<usize> {
    if chars.get(at).is_none_or(|(_, c)| *c != '[') {
        return None;
    }
    let mut k = at + 1;
    while k < chars.len() && chars[k].1.is_ascii_digit() {
        k += 1;
    }
    (k > at + 1 && chars.get(k).is_some_and(|(_, c)| *c == ']')).then_some(k + 1)
}

/// Just after an emoticon token starting at `at`.
fn emoticon_end(chars: &[(usize, char)], at: usize) -> Option<usize> {
    let (_, end) = token_starting_at(chars, at);
    let token = chars[at..end].iter().map(|(_, c)| *c);
    EMOTICONS
        .iter()
        .any(|e| e.chars().eq(token.clone()))
        .then_some(end)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Guillemet,
    Double,
    Single,
    Bracket(char),
}

/// How a quote mark reads from the spaces around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    /// Opens after a space and before a word, closes after a word; between spaces it opens
    /// («), closes (») or toggles (" ').
    Flanking {
        alone_opens: Option<bool>,
    },
}

/// The quote or bracket at `i`: its family, its length in chars ("''" and "``" are one
/// double quote) and its role.
fn mark_at(chars: &[(usize, char)], i: usize) -> Option<(Family, usize, Role)> {
    use Role::*;
    let doubled = |q: char| chars.get(i + 1).is_some_and(|(_, n)| *n == q);
    let toggles = Flanking { alone_opens: None };
    Some(match chars[i].1 {
        '(' => (Family::Bracket(')'), 1, Open),
        '[' => (Family::Bracket(']'), 1, Open),
        '{' => (Family::Bracket('}'), 1, Open),
        '（' => (Family::Bracket('）'), 1, Open),
        c @ (')' | ']' | '}' | '）') => (Family::Bracket(c), 1, Close),
        '«' | '‹' => (
            Family::Guillemet,
            1,
            Flanking {
                alone_opens: Some(true),
            },
        ),
        '»' | '›' => (
            Family::Guillemet,
            1,
            Flanking {
                alone_opens: Some(false),
            },
        ),
        '„' => (Family::Double, 1, Open),
        '“' | '”' | '"' => (Family::Double, 1, toggles),
        '\'' if doubled('\'') => (Family::Double, 2, toggles),
        '`' if doubled('`') => (Family::Double, 2, toggles),
        '‘' | '’' | '\'' | '`' | '‚' => (Family::Single, 1, toggles),
        _ => return None,
    })
}

/// How many double and single marks that read the same open and closed the line holds.
fn count_symmetric(chars: &[(usize, char)]) -> [usize; 2] {
    let mut counts = [0; 2];
    let mut i = 0;
    while i < chars.len() {
        if let Some((family, len, Role::Flanking { alone_opens: None })) = mark_at(chars, i) {
            if !word_internal(chars, i, len) {
                counts[usize::from(family == Family::Single)] += 1;
            }
            i += len;
        } else {
            i += 1;
        }
    }
    counts
}

/// Chars of a quotation short enough to be one exchange (two sentences of dialogue); longer
/// ones are reported speech.
const SHORT_QUOTATION: usize = 200;

/// A word of the same sentence precedes the mark at `open`, and no colon introduces it.
fn embedded(chars: &[(usize, char)], open: usize, sentence_start: usize) -> bool {
    let before = &chars[sentence_start.min(open)..open];
    let last = before.iter().rev().find(|(_, c)| !c.is_whitespace());
    before.iter().any(|(_, c)| c.is_alphanumeric()) && !matches!(last, Some((_, ':')))
}

/// After the mark closing at `close` comes an attribution or the rest of the sentence: a
/// comma or a lowercase word, maybe after a dash ("», a écrit", "» — спросил").
fn attributed(chars: &[(usize, char)], close: usize) -> bool {
    let mut k = close + 1;
    while k < chars.len()
        && (chars[k].1.is_whitespace() || matches!(chars[k].1, '\'' | '`' | '—' | '–' | '-'))
    {
        k += 1;
    }
    chars
        .get(k)
        .is_some_and(|(_, c)| *c == ',' || c.is_lowercase())
}

/// An apostrophe between letters: "they'll", "l’an".
fn word_internal(chars: &[(usize, char)], i: usize, len: usize) -> bool {
    i > 0
        && chars[i - 1].1.is_alphanumeric()
        && chars.get(i + len).is_some_and(|(_, c)| c.is_alphanumeric())
}

/// After an apostrophe: a number ("'90s") or a clitic of tokenized text ("'s", "'ll").
fn is_elision(chars: &[(usize, char)], at: usize) -> bool {
    let (_, end) = token_starting_at(chars, at);
    let word = &chars[at..end];
    word.first().is_some_and(|(_, c)| c.is_ascii_digit())
        || (word.len() <= 2 && word.iter().all(|(_, c)| c.is_lowercase()))
}

/// The next non-space char is punctuation that only follows a closing mark: "Condom '' ,",
/// "Boursier '' ." (an ellipsis may open a quotation: "saying '' ... what").
fn next_is_punct(chars: &[(usize, char)], at: usize) -> bool {
    let k = skip_space(chars, at);
    let ellipsis = chars.get(k + 1).is_some_and(|(_, c)| *c == '.');
    chars.get(k).is_some_and(|(_, c)| {
        matches!(c, ',' | ';' | ':' | ')' | ']') || (matches!(c, '.' | '!' | '?') && !ellipsis)
    })
}

/// The next mark of `family` after `at` closes right after a word: "' But ... you,' he".
fn next_mark_closes(chars: &[(usize, char)], at: usize, family: Family) -> bool {
    let mut i = at;
    while i < chars.len() {
        if let Some((f, len, _)) = mark_at(chars, i) {
            if f == family && !word_internal(chars, i, len) {
                return i > 0 && !chars[i - 1].1.is_whitespace();
            }
            i += len;
        } else {
            i += 1;
        }
    }
    false
}

/// The previous non-space char ends a sentence: "the Chief. ' Jed".
fn previous_is_terminal(chars: &[(usize, char)], at: usize) -> bool {
    chars[..at]
        .iter()
        .rev()
        .find(|(_, c)| !c.is_whitespace())
        .is_some_and(|(_, c)| is_terminal_punct(*c))
}

/// Quotes and brackets of one line, paired.
#[derive(Default)]
struct Marks {
    /// Char indices of quote marks that close a quotation, or stand alone unpaired (a lone
    /// quote after a sentence end closes it: "the Chief. ' Jed noticed").
    closing: Vec<usize>,
    /// (open, close) char indices of the quotations and brackets closed on this line.
    spans: Vec<(usize, usize)>,
}

impl Marks {
    fn of(chars: &[(usize, char)]) -> Marks {
        let mut marks = Marks::default();
        // Marks that read the same open and closed ('' ' ") pair up between spaces only when
        // the line holds an even number of them; otherwise the line starts or ends inside
        // a quotation and pairing them would join sentences.
        let mut symmetric: Option<[usize; 2]> = None;
        // Open marks: family, index, length, standing between spaces.
        let mut open: Vec<(Family, usize, usize, bool)> = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let Some((family, len, role)) = mark_at(chars, i) else {
                i += 1;
                continue;
            };
            let before_free = i == 0 || {
                let c = chars[i - 1].1;
                c.is_whitespace() || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/')
            };
            let after = chars.get(i + len).map(|(_, c)| *c);
            let after_free = after.is_none_or(|c| !c.is_alphanumeric());
            let role = match role {
                Role::Flanking { alone_opens } => match (before_free, after_free) {
                    // "'90s", "Walter 's" are elisions, not quotations.
                    (true, false) if family == Family::Single && is_elision(chars, i + len) => {
                        i += len;
                        continue;
                    }
                    (true, false) => Role::Open,
                    (false, true) => Role::Close,
                    (true, true) => match alone_opens {
                        Some(true) => Role::Open,
                        Some(false) => Role::Close,
                        None if next_is_punct(chars, i + len) => Role::Close,
                        None if symmetric.get_or_insert_with(|| count_symmetric(chars))
                            [usize::from(family == Family::Single)]
                            % 2
                            == 1 =>
                        {
                            // Unbalanced: a lone mark opens what a word-attached mark closes
                            // later, and otherwise closes the sentence it follows.
                            if next_mark_closes(chars, i + len, family) {
                                Role::Open
                            } else {
                                if previous_is_terminal(chars, i) {
                                    marks.closing.extend(i..i + len);
                                }
                                i += len;
                                continue;
                            }
                        }
                        None if open.iter().any(|o| o.0 == family) => Role::Close,
                        None => Role::Open,
                    },
                    (false, false) => {
                        i += len; // an apostrophe inside a word: "they'll", "l’an"
                        continue;
                    }
                },
                role => role,
            };
            let quote = !matches!(family, Family::Bracket(_));
            if role == Role::Open {
                open.push((family, i, len, before_free && after_free));
            } else {
                if let Some(k) = open.iter().rposition(|o| o.0 == family) {
                    marks.spans.push((open.remove(k).1, i));
                }
                if quote {
                    marks.closing.extend(i..i + len);
                }
            }
            i += len;
        }
        for (family, at, len, alone) in open {
            if alone && !matches!(family, Family::Bracket(_)) {
                marks.closing.extend(at..at + len);
            }
        }
        marks.closing.sort_unstable();
        marks
    }

    fn closes(&self, i: usize) -> bool {
        self.closing.binary_search(&i).is_ok()
    }

    /// A quotation or bracket opened before `punct_start` closes after `end`, and holds its
    /// sentences together: it is embedded in a sentence ("saying '' … wrong . It should …
    /// ''"), or it is a short unit standing alone ("“How many? I don't know.”"). Reported
    /// speech, with an attribution after it ("« S1. S2 », a-t-il dit") or paragraph-long, is
    /// split as news treebanks split it.
    fn encloses(
        &self,
        chars: &[(usize, char)],
        punct_start: usize,
        end: usize,
        sentence_start: usize,
    ) -> bool {
        self.spans.iter().any(|&(open, close)| {
            open < punct_start
                && close >= end
                && (embedded(chars, open, sentence_start)
                    || (close - open <= SHORT_QUOTATION && !attributed(chars, close)))
        })
    }

    fn close_of(&self, open: usize) -> Option<usize> {
        self.spans.iter().find(|s| s.0 == open).map(|s| s.1)
    }
}

/// Items of a list written on one line: "1. First 2. Second", "a. one b. two",
/// "• 9. x • 10. y", "1) x 2) y".
#[derive(Default)]
struct ListItems {
    /// Char ranges of the item labels ("2." of "2. Second"): their period is no sentence end.
    labels: Vec<(usize, usize)>,
    /// Where the items after the first start (at their bullet), each a sentence start.
    starts: Vec<usize>,
}

impl ListItems {
    fn is_label(&self, i: usize) -> bool {
        self.labels.iter().any(|&(s, e)| s <= i && i < e)
    }
}

/// An item label: "12.", "b)", "2.1.", "IV.".
struct Label {
    /// The number or lowercase letter that the next label continues, if any.
    ordinal: Option<(bool, u32)>,
    delimiter: String,
    /// First char of the label (after bullets) and just after it.
    start: usize,
    end: usize,
}

fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '•' | '◦'
            | '▪'
            | '▫'
            | '‣'
            | '⁃'
            | '∙'
            | '·'
            | '*'
            | '-'
            | '–'
            | '—'
            | '●'
            | '○'
            | '■'
            | '□'
            | '►'
            | '▶'
            | '→'
            | '✓'
            | '✔'
            | '+'
    )
}

/// The label of the token `[from, to)` after optional bullets, if it is one.
fn label_in(chars: &[(usize, char)], from: usize, to: usize) -> Option<Label> {
    let mut start = from;
    while start < to && is_bullet(chars[start].1) {
        start += 1;
    }
    // Cheap test first: labels are short and end in "." or ")".
    let ends_as_label = chars[start..to]
        .last()
        .is_some_and(|(_, c)| matches!(c, '.' | ')'));
    if to - start > 12 || !ends_as_label {
        return None;
    }
    let text: String = chars[start..to].iter().map(|(_, c)| c).collect();
    let body = text.trim_end_matches(['.', ')']);
    let delimiter = text[body.len()..].to_string();
    if !matches!(delimiter.as_str(), "." | ")" | ".)") {
        return None;
    }
    let ordinal = if body.len() <= 3 && body.chars().all(|c| c.is_ascii_digit()) && !body.is_empty()
    {
        Some((true, body.parse().ok()?))
    } else if body.len() == 1 && body.chars().all(|c| c.is_ascii_lowercase()) {
        Some((false, body.chars().next()? as u32))
    } else if is_roman_numeral(body)
        || (body.contains('.')
            && body
                .split('.')
                .all(|p| p.len() <= 3 && p.parse::<u32>().is_ok()))
    {
        None // a heading label that no inline item continues: "IV.", "2.1."
    } else {
        return None;
    };
    Some(Label {
        ordinal,
        delimiter,
        start,
        end: to,
    })
}

fn list_items(chars: &[(usize, char)]) -> ListItems {
    let mut items = ListItems::default();
    let first = skip_space(chars, 0);
    let (_, to) = token_starting_at(chars, first);
    // A bullet standing alone before the label: "• 9. The first item".
    let (from, to) = if to > first && chars[first..to].iter().all(|(_, c)| is_bullet(*c)) {
        let label_start = skip_space(chars, to);
        (label_start, token_starting_at(chars, label_start).1)
    } else {
        (first, to)
    };
    let Some(label) = label_in(chars, from, to) else {
        return items;
    };
    items.labels.push((label.start, label.end));
    let Some((numeric, mut ordinal)) = label.ordinal else {
        return items;
    };
    let mut previous_end = label.end;
    let mut k = skip_space(chars, label.end);
    while k < chars.len() {
        let (start, end) = token_starting_at(chars, k);
        let bullet_alone = chars[start..end].iter().all(|(_, c)| is_bullet(*c));
        let (item_start, label_from, label_to) = if bullet_alone {
            let next = skip_space(chars, end);
            (start, next, token_starting_at(chars, next).1)
        } else {
            (start, start, end)
        };
        let next_label = label_in(chars, label_from, label_to).filter(|l| {
            l.delimiter == label.delimiter && l.ordinal == Some((numeric, ordinal + 1))
        });
        if let Some(next_label) = next_label.filter(|_| item_start > previous_end) {
            items.starts.push(item_start);
            items.labels.push((next_label.start, next_label.end));
            ordinal += 1;
            previous_end = next_label.end;
            k = skip_space(chars, next_label.end);
        } else {
            k = skip_space(chars, end);
        }
    }
    items
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

/// Leading opening punctuation, an elided article ("l'", "dall'") and what precedes a slash
/// ("171/U.S") removed.
fn bare_word(token: &str) -> &str {
    let word = token.rsplit('/').next().unwrap_or(token);
    let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    if let Some((i, c)) = word.char_indices().rfind(|(_, c)| matches!(c, '\'' | '’')) {
        let rest = &word[i + c.len_utf8()..];
        // Not "don't": the part after an elided article is a word of its own.
        if rest.chars().next().is_some_and(crate::text::is_alphabetic)
            && rest.chars().nth(1).is_some()
        {
            return rest;
        }
    }
    word
}

/// "12", "3.14", "1 000,50", "2010-2012": digits with separators.
fn is_number(token: &str) -> bool {
    let token = token.trim_matches(|c: char| !c.is_alphanumeric());
    token.chars().any(|c| c.is_ascii_digit())
        && token
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ':' | '-' | '–' | '\u{202f}'))
}

fn is_roman_numeral(word: &str) -> bool {
    !word.is_empty()
        && word
            .chars()
            .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'))
}

/// "E", "J.-C", "F.-W", "Л.Н": initials of first names.
fn is_initials(word: &str) -> bool {
    word.split(['.', '-'])
        .filter(|part| !part.is_empty())
        .all(|part| part.chars().count() == 1 && part.chars().all(char::is_uppercase))
}

/// A single letter of either case: an initial or a short form ("b. 1950" for born).
fn is_single_letter(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(crate::text::is_alphabetic) && chars.next().is_none()
}

/// A word written without vowels ("Mt", "Nr", "пгт") can only be an abbreviation (not a
/// plural acronym: "SPFs").
fn is_vowelless(word: &str) -> bool {
    word.chars().all(crate::text::is_alphabetic)
        && word.chars().skip(1).all(char::is_lowercase)
        && !word.chars().any(|c| {
            c.to_lowercase()
                .any(|l| "aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýÿœаеёиоуыэюяіїєѣ".contains(l))
        })
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
    /// First char of the sentence the candidate would end.
    sentence_start: usize,
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

    /// A title ("Mr.", "Dr.") opens a noun phrase, so it starts the subject of a sentence.
    fn is_title(&self, next: &NextWord) -> bool {
        next.dotted && self.rules.titles.contains(&key_of(next.text))
    }

    /// Where the sentence ends if this candidate ends it (char index), or `None`.
    fn boundary(&self, end: usize, marks: &Marks) -> Option<usize> {
        let run = &self.chars[self.punct_start..self.punct_end];
        let exclaims = run.iter().any(|(_, c)| matches!(c, '?' | '!'));
        // "Great! (not kidding) The food": a lowercase aside in brackets after "?" or "!"
        // belongs to that sentence, which ends after it.
        if exclaims && matches!(self.chars[self.next].1, '(' | '[') {
            if let Some(close) = marks.close_of(self.next) {
                let inner = self.chars[self.next..close]
                    .iter()
                    .find(|(_, c)| c.is_alphanumeric());
                if inner.is_some_and(|(_, c)| c.is_lowercase()) {
                    let after = self.chars[close + 1..]
                        .iter()
                        .find(|(_, c)| c.is_alphanumeric());
                    let new_sentence = after.is_some_and(|(_, c)| !c.is_lowercase());
                    return new_sentence.then_some(close + 1);
                }
            }
        }
        if !self.is_sentence_end() {
            return None;
        }
        // "compounds. . . . The practice": the period ends the sentence, the ellipsis that
        // follows opens the next one (an omission before it).
        let four_dots = run.len() == 7
            && self.punct_start > 0
            && self.chars[self.punct_start - 1].1.is_alphanumeric()
            && run.iter().step_by(2).all(|(_, c)| *c == '.')
            && run.iter().skip(1).step_by(2).all(|(_, c)| *c == ' ');
        Some(if four_dots { self.punct_start + 1 } else { end })
    }

    fn is_sentence_end(&self) -> bool {
        let next = self.next_word();
        let single_period =
            self.punct_end == self.punct_start + 1 && self.chars[self.punct_start].1 == '.';
        if single_period {
            return self.is_period_end(&next);
        }
        if next.lowercase {
            return false; // "?", "!", "…" before a lowercase word: an attribution, a pause
        }
        // An elision mark "[...]", "(…)" quotes on; it does not end anything.
        if self.punct_start > 0 && matches!(self.chars[self.punct_start - 1].1, '[' | '(') {
            return false;
        }
        // "I thought... I would go.": a word capitalised anywhere shows no new sentence after
        // an ellipsis.
        let exclaims = self.chars[self.punct_start..self.punct_end]
            .iter()
            .any(|(_, c)| matches!(c, '?' | '!'));
        exclaims || !self.rules.always_capitalized.contains(next.text)
    }

    /// The token the period belongs to: the one it ends, or the word before it when it stands
    /// apart ("Mr . Robinson" in tokenized text); never before the sentence start.
    fn word_token(&self) -> Token {
        let (start, end) = token_ending_at(self.chars, self.punct_start);
        let start = start.max(self.sentence_start);
        let mut before = start;
        while before > self.sentence_start && self.chars[before - 1].1.is_whitespace() {
            before -= 1;
        }
        let detached = start == end
            && before < start
            && before > self.sentence_start
            && self.chars[before - 1].1.is_alphanumeric();
        if detached {
            let (word_start, _) = token_ending_at(self.chars, before);
            return (word_start.max(self.sentence_start), before);
        }
        (start, end)
    }

    /// A single period: after an abbreviation, initial or number it ends a sentence only
    /// before a word that starts one; after an ordinary word it ends one, before a capital or
    /// a lowercase word alike ("Je suis Chris. comment allez vous").
    fn is_period_end(&self, next: &NextWord) -> bool {
        let token = self.word_token();
        let word = bare_word(text_of(self.line, self.chars, token));
        if word.is_empty() {
            return true;
        }
        let after_number = self.previous_token(token.0).is_some_and(|p| {
            is_number(p) || is_roman_numeral(p.trim_matches(|c: char| !c.is_alphanumeric()))
        });
        // "« Madame est dans sa chambre. » dit le serviteur": lowercase after a closing quote
        // or bracket is an attribution or the rest of the sentence.
        let closed = self.next > self.punct_end
            && self.chars[self.punct_end..self.next]
                .iter()
                .any(|(_, c)| !c.is_whitespace());
        let lower = next.lowercase;
        if lower && closed {
            return false;
        }
        // "4ft.", "10km.": a number with its unit attached.
        let unit = word.trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | ','));
        let attached_unit = unit.len() < word.len() && self.rules.units.contains(unit);
        if (after_number && self.rules.units.contains(word)) || attached_unit {
            // "324 m. It" ends; a unit takes no abbreviation period, but "2 lb. 4 oz. of
            // nuts" is one measure.
            return !lower && !next.first.is_ascii_digit();
        }
        if let Some(kind) = self.dotted_abbreviation(token, word) {
            return kind.is_some_and(|kind| {
                !lower && self.abbreviation_end(kind, after_number, token.0, next)
            });
        }
        let key = key_of(word);
        if self.rules.before_number.contains(&key) && next.first.is_ascii_digit() {
            return false;
        }
        if let Some(&kind) = self.rules.words.get(&key) {
            return !lower && self.abbreviation_end(kind, after_number, token.0, next);
        }
        let initial = self.rules.single_capital_initials && is_initials(word);
        if initial || is_single_letter(word) {
            // "vitamin D. She started": an initial is never followed by "She" + lowercase.
            return !lower && self.is_starter(next) && next.followed_by_lowercase;
        }
        if word.chars().all(|c| c.is_ascii_digit()) || is_roman_numeral(word) {
            return !lower && self.is_number_end(word, next);
        }
        if is_number(word) {
            return !lower; // "3.14.", "1.000.000.", "10.30."
        }
        // Unknown dotted abbreviations ("U.S.A.", "Ph.D."): like the known final ones.
        if word.contains('.') && word.split('.').all(|p| p.chars().count() <= 3) {
            return !lower && self.final_end(next);
        }
        let is_suffix = |s: &String| key.len() > s.len() && key.ends_with(s.as_str());
        if self.rules.suffixes.iter().any(is_suffix) {
            return false;
        }
        if is_vowelless(word) && !self.rules.units.contains(word) {
            return !lower && self.is_starter(next);
        }
        // "Drive NE. for five miles": capitals with a period before a lowercase word are a
        // short form; before a capital ("at IBM. Smith") they end the sentence.
        let capitals = word.chars().count() <= 3 && word.chars().all(char::is_uppercase);
        !(lower && capitals)
    }

    /// The token before the one at `start`, if any.
    fn previous_token(&self, start: usize) -> Option<&str> {
        let mut end = start;
        while end > 0 && self.chars[end - 1].1.is_whitespace() {
            end -= 1;
        }
        (end > 0).then(|| text_of(self.line, self.chars, token_ending_at(self.chars, end)))
    }

    /// "In 44 B.C. Caesar", "On Monday at 6 a.m. Mr. Smith", "В 2014 г. Россия": the
    /// sentence so far (after a colon or semicolon) opens with a preposition, an adverbial
    /// that the sentence's subject still has to follow.
    fn is_opening_phrase(&self, token_start: usize) -> bool {
        let before = text_of(self.line, self.chars, (self.sentence_start, token_start));
        // The clause after the last "; " or ": " (not the colon of "9:00").
        let clause = before
            .rsplit("; ")
            .next()
            .and_then(|b| b.rsplit(": ").next());
        let first = clause.and_then(|c| c.split_whitespace().next());
        let first = first.map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()));
        first.is_some_and(|w| self.rules.prepositions.contains(&w.to_lowercase()))
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
            let text = text.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '.');
            // "EE. UU.." at the end of a sentence: the abbreviation keeps one period.
            let mut key = key_of(text.trim_end_matches('.'));
            if text.ends_with('.') {
                key.push('.');
            }
            key
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
        token_start: usize,
        next: &NextWord,
    ) -> bool {
        use AbbreviationKind::*;
        let after_number_end = matches!(kind, Final | FinalAfterNumber) && after_number;
        if after_number_end && !self.is_starter(next) && self.is_opening_phrase(token_start) {
            return false;
        }
        match kind {
            NonFinal => false,
            // "at 6 p.m. Mr. Smith", "7 p.m. 7 a.m. is": after a number the abbreviation
            // closes its phrase; a title or another number begins the next sentence.
            Final if after_number && (next.first.is_ascii_digit() || self.is_title(next)) => true,
            Final => self.final_end(next),
            FinalBeforeStarter => self.is_starter(next),
            FinalAfterNumber => after_number && (self.is_starter(next) || self.is_title(next)),
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

    /// A number (or roman numeral) followed by a period, not a list label.
    fn is_number_end(&self, word: &str, next: &NextWord) -> bool {
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
    fn lowercase_after_a_full_stop_starts_a_sentence_unless_a_short_form_precedes() {
        assert_eq!(
            split("Il est parti tôt. personne ne l'a vu.", "fr"),
            ["Il est parti tôt.", "personne ne l'a vu."]
        );
        assert_eq!(
            split("we got there late. nobody was waiting", "en").len(),
            2
        );
        assert_eq!(split("Llegamos tarde. no había nadie.", "es").len(), 2);
        assert_eq!(split("Wir kamen spät. niemand war da.", "de").len(), 2);
        assert_eq!(
            split("Siamo arrivati tardi. non c'era nessuno.", "it").len(),
            2
        );
        assert_eq!(split("Мы опоздали. никого не было.", "ru").len(), 2);
        // Abbreviations, initials, numbers, vowelless and capital short forms go on.
        assert_eq!(split("It took approx. two hours.", "en").len(), 1);
        assert_eq!(split("Es kostet ca. zehn Euro.", "de").len(), 1);
        assert_eq!(split("Son aprox. tres horas.", "es").len(), 1);
        assert_eq!(split("Это стоит 5 млн. рублей.", "ru").len(), 1);
        assert_eq!(split("Am 3. mai kam er.", "de").len(), 1);
        assert_eq!(split("Turn SW. at the gate.", "en").len(), 1);
        // After a closing quote or bracket a lowercase word is the attribution.
        assert_eq!(split("« Je refuse. » dit-elle.", "fr").len(), 1);
        assert_eq!(split("She said 'fine.' then left.", "en").len(), 1);
    }

    #[test]
    fn a_bracketed_aside_after_a_question_or_exclamation_belongs_to_it() {
        assert_eq!(
            split("What a game! (we lost anyway) The fans left.", "en"),
            ["What a game! (we lost anyway)", "The fans left."]
        );
        assert_eq!(
            split("Really? (He laughed.) Then he left.", "en"),
            ["Really?", "(He laughed.)", "Then he left."]
        );
        assert_eq!(
            split("Is it true? [laughs] No idea.", "en"),
            ["Is it true? [laughs]", "No idea."]
        );
        assert_eq!(
            split("Thanks a lot! :) See you soon.", "en"),
            ["Thanks a lot! :)", "See you soon."]
        );
    }

    #[test]
    fn abbreviations_before_a_number_or_a_name() {
        assert_eq!(split("The town (pop. 4,200) lies north.", "en").len(), 1);
        assert_eq!(split("Smith (b. 1950, d. 2012) was a poet.", "en").len(), 1);
        assert_eq!(split("Sie wohnt in der Hauptstr. 5 im Hof.", "de").len(), 1);
        assert_eq!(split("Мы въехали в пгт. Озёрный вечером.", "ru").len(), 1);
        assert_eq!(split("Il paese conta 4.000 ab. nel 2020.", "it").len(), 1);
        assert_eq!(
            split("Он вернулся через 5 мин. после звонка.", "ru").len(),
            1
        );
        assert_eq!(split("Он ждал 5 мин. Потом ушёл.", "ru").len(), 2);
        assert_eq!(
            split("Поэт (род. 1799, ум. 1837) жил в Москве.", "ru").len(),
            1
        );
        assert_eq!(split("The board is 6 ft. 2 in. long.", "en").len(), 1);
        assert_eq!(split("The rope is 6 ft. Dan cut it.", "en").len(), 2);
        assert_eq!(split("Build a 4ft. x 4ft. bed.", "en").len(), 1);
        assert_eq!(split("Take 15 mg. Side effects are rare.", "en").len(), 2);
    }

    #[test]
    fn list_items_and_numbered_headings() {
        assert_eq!(
            split("1. Buy milk 2. Call Anna 3. Pay rent", "en"),
            ["1. Buy milk", "2. Call Anna", "3. Pay rent"]
        );
        assert_eq!(split("a) red b) blue", "en"), ["a) red", "b) blue"]);
        assert_eq!(
            split("• 3. Vote early. • 4. Count twice.", "en"),
            ["• 3. Vote early.", "• 4. Count twice."]
        );
        assert_eq!(split("2.1. Résultats de l'enquête", "fr").len(), 1);
        assert_eq!(split("IV. Ergebnisse der Studie", "de").len(), 1);
    }

    #[test]
    fn sentence_final_abbreviations_end_before_a_sentence_start() {
        assert_eq!(
            split("The firm became Acme Inc. It moved to Ohio.", "en").len(),
            2
        );
        assert_eq!(
            split("They sold fruit, bread, etc. Then they closed.", "en").len(),
            2
        );
        assert_eq!(
            split("Он родился в 1961 г. Его отец был врачом.", "ru").len(),
            2
        );
        assert_eq!(split("He left in Jan. The rest stayed.", "en").len(), 2);
        assert_eq!(split("He left on Jan. 5 with Anna.", "en").len(), 1);
        assert_eq!(
            split("Il est venu en janv. Le reste a suivi.", "fr").len(),
            2
        );
    }

    #[test]
    fn after_a_time_or_year_abbreviation_a_title_or_number_starts_a_sentence() {
        assert_eq!(
            split("She left at 6 p.m. Mr. Jones stayed.", "en"),
            ["She left at 6 p.m.", "Mr. Jones stayed."]
        );
        assert_eq!(
            split("The shop opens at 9 a.m. 10 people queued.", "en").len(),
            2
        );
        assert_eq!(
            split("The fort fell in 1066 A.D. William was crowned.", "en").len(),
            2
        );
        // A sentence opening with a preposition goes on after the phrase.
        assert_eq!(split("In 1066 A.D. William invaded.", "en").len(), 1);
        assert_eq!(split("On Friday at 8 p.m. Mr. Lee spoke.", "en").len(), 1);
        assert_eq!(
            split("В 1945 г. Красная армия вошла в Берлин.", "ru").len(),
            1
        );
    }

    #[test]
    fn no_sentence_end_inside_a_quotation_or_bracket_closed_on_the_line() {
        assert_eq!(
            split("“Stop. Now.” He left.", "en"),
            ["“Stop. Now.”", "He left."]
        );
        assert_eq!(
            split("« Je pars. Adieu. » Il sortit.", "fr"),
            ["« Je pars. Adieu. »", "Il sortit."]
        );
        assert_eq!(
            split("Er sagte: »Gut.« Dann ging er. »Wirklich?« »Ja.«", "de"),
            ["Er sagte: »Gut.«", "Dann ging er.", "»Wirklich?«", "»Ja.«"]
        );
        assert_eq!(split("See the map (fig. 2. top) for it.", "en").len(), 1);
        // Unbalanced symmetric quotes pair nothing: "'' Jaws '' ." is no open quotation.
        assert_eq!(
            split("It is a film '' . It won '' Best Picture '' .", "en").len(),
            2
        );
    }

    #[test]
    fn tokenized_and_glued_text() {
        assert_eq!(split("He won . They lost .", "en").len(), 2);
        assert_eq!(split("Mr . Brown came .", "en").len(), 1);
        assert_eq!(split("It rained.Then it stopped.", "en").len(), 2);
        assert_eq!(
            split("Mail anna.berg@example.org. Thanks.", "en"),
            ["Mail anna.berg@example.org.", "Thanks."]
        );
        assert_eq!(
            split("Paris is large. [3] It has parks.", "en"),
            ["Paris is large. [3]", "It has parks."]
        );
    }

    #[test]
    fn ellipses_and_repeated_marks() {
        assert_eq!(split("I waited... I left.", "en").len(), 1);
        assert_eq!(
            split("Why ? ? ? Nobody knows .", "en"),
            ["Why ? ? ?", "Nobody knows ."]
        );
        assert_eq!(
            split("Great! ... Then rain.", "en"),
            ["Great! ...", "Then rain."]
        );
        assert_eq!(
            split("It ended. . . . Years passed.", "en"),
            ["It ended.", ". . . Years passed."]
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
