//! Clean stage: markup to plain text, then boilerplate removal by rules (from `config/`) and by
//! structure (paywall truncation, "read also" blocks, footers, repeated titles and lines).

mod markup;
mod rules;

pub use markup::{to_plain_lines, PlainLine};
pub use rules::{Action, Position, Rule, RuleMatch, RuleSet};

use crate::config::{CleanConfig, Config};
use crate::document::{Document, Format, MetaField, Removal};
use crate::text::{alnum_key, count_words, ends_like_sentence};
use anyhow::Result;
use serde::Serialize;

/// Rule ids of the structural rules (the data-driven ones come from the rule packs).
pub const FOOTER_RULE: &str = "generic.footer";
pub const SIGNATURE_RULE: &str = "generic.signature";
pub const DUPLICATE_RULE: &str = "generic.duplicate_line";
pub const TITLE_REPEAT_RULE: &str = "generic.title_repeat";

/// A paywall marker followed by this many prose lines, or this many words of prose, is a
/// prompt in the middle of a complete article, not a cut.
const PROSE_AFTER_PAYWALL_LINES: usize = 2;
const PROSE_AFTER_PAYWALL_WORDS: usize = 50;
/// A line with at least this many words and final punctuation counts as prose.
const PROSE_LINE_WORDS: usize = 12;
/// A headline has at most this many words.
const HEADLINE_MAX_WORDS: usize = 25;
/// Repeated titles are looked for among the first lines only.
const TITLE_REPEAT_WINDOW: usize = 15;

pub struct Cleaner {
    rules: RuleSet,
    config: CleanConfig,
}

/// What happened to one plain line, for `clean --explain`.
#[derive(Debug, Clone, Serialize)]
pub struct LineTrace {
    pub line: usize,
    pub text: String,
    /// The part of the line that stays (empty when the whole line was removed).
    pub kept: String,
    pub removed: Vec<Removal>,
}

/// The cleaner's full decision record for one document.
#[derive(Debug, Clone, Serialize)]
pub struct CleanTrace {
    pub markup_removed: Vec<Removal>,
    pub lines: Vec<LineTrace>,
    pub is_truncated: bool,
    pub truncated_by: Option<String>,
    pub headline: Option<String>,
}

struct WorkLine {
    plain: PlainLine,
    kept: String,
    removed: Vec<Removal>,
}

impl WorkLine {
    fn is_kept(&self) -> bool {
        !self.kept.is_empty()
    }

    fn drop_all(&mut self, rule_id: &str, category: &str, field: Option<MetaField>) {
        if self.is_kept() {
            self.removed.push(Removal {
                rule_id: rule_id.to_string(),
                text: std::mem::take(&mut self.kept),
                category: category.to_string(),
                field,
            });
        }
    }
}

/// The outcome of matching rules on one line.
struct LineVerdict {
    kept: String,
    removed: Vec<(usize, String)>,
    /// A block or truncate rule that removed the end of the line: it acts on the lines after.
    trailing: Option<usize>,
}

impl Cleaner {
    pub fn new(config: &Config) -> Result<Cleaner> {
        Ok(Cleaner {
            rules: RuleSet::load_dir(&config.rules_dir())?,
            config: config.clean.clone(),
        })
    }

    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// Clean a document in place: fills `text`, `removed`, `is_truncated` and `headline`.
    pub fn clean(&self, doc: &mut Document) {
        let title = front_matter_title(doc);
        let trace = self.trace(&doc.body, doc.format, title.as_deref());
        doc.removed.extend(trace.markup_removed);
        let mut text = String::new();
        let mut gap = false;
        for line in trace.lines {
            if line.kept.is_empty() {
                // A blank or removed line separates paragraphs.
                gap = true;
            } else {
                if !text.is_empty() {
                    text.push_str(if gap { "\n\n" } else { "\n" });
                }
                text.push_str(&line.kept);
                gap = false;
            }
            doc.removed.extend(line.removed);
        }
        doc.text = text;
        doc.is_truncated = trace.is_truncated;
        doc.truncated_by = trace.truncated_by;
        doc.headline = trace.headline;
    }

    /// Every cleaning decision for one body, line by line.
    pub fn trace(&self, body: &str, format: Format, title: Option<&str>) -> CleanTrace {
        let mut markup_removed = Vec::new();
        let plain = to_plain_lines(body, format == Format::Md, &mut markup_removed);
        let mut lines: Vec<WorkLine> = plain
            .into_iter()
            .map(|plain| WorkLine {
                kept: plain.text.clone(),
                plain,
                removed: Vec::new(),
            })
            .collect();
        let (is_truncated, truncated_by) = self.apply_rules(&mut lines);
        let headline = find_headline(&lines);
        let title_key = title
            .or(headline.as_deref())
            .map(alnum_key)
            .filter(|k| !k.is_empty());
        if let Some(key) = title_key {
            remove_title_repeats(&mut lines, &key);
        }
        remove_duplicate_lines(&mut lines);
        self.remove_footer(&mut lines);
        CleanTrace {
            markup_removed,
            lines: lines
                .into_iter()
                .enumerate()
                .map(|(i, l)| LineTrace {
                    line: i + 1,
                    text: l.plain.text,
                    kept: l.kept,
                    removed: l.removed,
                })
                .collect(),
            is_truncated,
            truncated_by,
            headline,
        }
    }

    /// The rule-pack pass: line rules, glued phrases, blocks and paywall truncation.
    fn apply_rules(&self, lines: &mut [WorkLine]) -> (bool, Option<String>) {
        let mut i = 0;
        while i < lines.len() {
            if lines[i].kept.is_empty() {
                i += 1;
                continue;
            }
            let verdict = self.evaluate_line(&lines[i].kept);
            let line = &mut lines[i];
            line.kept = verdict.kept;
            for (rule, text) in verdict.removed {
                let rule = &self.rules.rules[rule];
                line.removed.push(Removal {
                    rule_id: rule.id.clone(),
                    text,
                    category: rule.category.clone(),
                    field: rule.field,
                });
            }
            if let Some(rule_index) = verdict.trailing {
                let rule = &self.rules.rules[rule_index];
                match rule.action {
                    Action::Truncate => {
                        let (prose_lines, prose_words) = self.prose_after(&lines[i + 1..]);
                        if prose_lines < PROSE_AFTER_PAYWALL_LINES
                            && prose_words < PROSE_AFTER_PAYWALL_WORDS
                        {
                            for line in &mut lines[i + 1..] {
                                line.drop_all(&rule.id, &rule.category, None);
                            }
                            return (true, Some(rule.id.clone()));
                        }
                    }
                    Action::Block => {
                        i = remove_block(lines, i + 1, rule);
                        continue;
                    }
                    Action::Line | Action::Strip => {}
                }
            }
            i += 1;
        }
        (false, None)
    }

    /// Number and words of prose lines (sentences no rule removes) in `lines`.
    fn prose_after(&self, lines: &[WorkLine]) -> (usize, usize) {
        lines
            .iter()
            .map(|l| count_words(&l.kept))
            .zip(lines)
            .filter(|(words, l)| {
                *words >= PROSE_LINE_WORDS
                    && ends_like_sentence(&l.kept)
                    && self.evaluate_line(&l.kept).removed.is_empty()
            })
            .fold((0, 0), |(n, total), (words, _)| (n + 1, total + words))
    }

    /// Match the rules on one line: cut glued boilerplate, drop the line, or strip spans.
    fn evaluate_line(&self, line: &str) -> LineVerdict {
        // Boilerplate glued to a content word ("RussieJe souscris", "16:38Mis à jour"): cut at
        // the first glue point whose tail is all boilerplate, and look at the head again.
        for (at, _) in line
            .char_indices()
            .filter(|&(i, _)| i > 0 && is_glue_point(line, i))
        {
            let tail = &line[at..];
            if let Some(rule) = self.line_rule(tail, &self.rules.find(tail)) {
                let mut head = self.evaluate_line(line[..at].trim_end());
                head.removed.push((rule, tail.trim().to_string()));
                head.trailing = self.trailing_action(rule).or(head.trailing);
                return head;
            }
        }
        let matches = self.rules.find(line);
        if let Some(rule) = self.line_rule(line, &matches) {
            return LineVerdict {
                kept: String::new(),
                removed: vec![(rule, line.to_string())],
                trailing: self.trailing_action(rule),
            };
        }
        self.strip_spans(line, &matches)
    }

    fn trailing_action(&self, rule: usize) -> Option<usize> {
        matches!(
            self.rules.rules[rule].action,
            Action::Block | Action::Truncate
        )
        .then_some(rule)
    }

    /// The rule that removes the whole line, if any.
    fn line_rule(&self, line: &str, matches: &[RuleMatch]) -> Option<usize> {
        let content_start = line.find(|c: char| c.is_alphanumeric())?;
        let content_end = line
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_alphanumeric())
            .map(|(i, c)| i + c.len_utf8())?;
        let words = count_words(line);
        let whole_line_matches = matches
            .iter()
            .filter(|m| self.rules.rules[m.rule].action != Action::Strip);
        for m in whole_line_matches.clone() {
            let rule = &self.rules.rules[m.rule];
            if words > rule.max_words {
                continue;
            }
            let at_start = m.start <= content_start;
            let at_end = m.end >= content_end;
            let placed = match rule.position {
                Position::Start => at_start,
                Position::End => at_end,
                Position::Whole => at_start && at_end,
                Position::Any => true,
            };
            if placed {
                return Some(m.rule);
            }
        }
        // A line made only of boilerplate phrases ("Publicité Lire la suite", "Partager Facebook X").
        let mut covered = vec![false; line.len()];
        let mut first = None;
        for m in whole_line_matches {
            if words <= self.rules.rules[m.rule].max_words {
                covered[m.start..m.end].iter_mut().for_each(|c| *c = true);
                first.get_or_insert(m.rule);
            }
        }
        let all_covered = line
            .char_indices()
            .all(|(i, c)| !c.is_alphanumeric() || covered[i]);
        first.filter(|_| all_covered)
    }

    /// Remove the spans of `strip` rules (credits at the end of a caption, for instance).
    fn strip_spans(&self, line: &str, matches: &[RuleMatch]) -> LineVerdict {
        let mut kept = String::new();
        let mut removed = Vec::new();
        let mut cursor = 0;
        for m in matches {
            let rule = &self.rules.rules[m.rule];
            if rule.action != Action::Strip || m.start < cursor {
                continue;
            }
            let placed = match rule.position {
                Position::Start => line[..m.start].trim().is_empty(),
                Position::End => line[m.end..].trim().is_empty(),
                Position::Whole => line.trim() == line[m.start..m.end].trim(),
                Position::Any => true,
            };
            if !placed {
                continue;
            }
            kept.push_str(&line[cursor..m.start]);
            removed.push((m.rule, line[m.start..m.end].trim().to_string()));
            cursor = m.end;
        }
        kept.push_str(&line[cursor..]);
        let kept = kept.trim().to_string();
        if !kept.chars().any(char::is_alphanumeric) && !removed.is_empty() {
            return LineVerdict {
                kept: String::new(),
                removed: vec![(removed[0].0, line.trim().to_string())],
                trailing: None,
            };
        }
        LineVerdict {
            kept,
            removed,
            trailing: None,
        }
    }

    /// A trailing run of short non-sentence lines is a footer; a name alone in it is a signature.
    fn remove_footer(&self, lines: &mut [WorkLine]) {
        let kept: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].is_kept()).collect();
        let mut run = Vec::new();
        for &i in kept.iter().rev() {
            let line = &lines[i];
            let footer_like = !line.plain.heading
                && count_words(&line.kept) <= self.config.footer_max_words
                && !ends_like_sentence(&line.kept);
            if !footer_like || run.len() == self.config.footer_max_lines {
                break;
            }
            run.push(i);
        }
        let Some(&first_footer) = run.last() else {
            return;
        };
        let prose_before = kept
            .iter()
            .take_while(|&&i| i < first_footer)
            .any(|&i| ends_like_sentence(&lines[i].kept));
        if !prose_before {
            return;
        }
        for i in run {
            if is_person_name(&lines[i].kept) {
                lines[i].drop_all(SIGNATURE_RULE, "signature", Some(MetaField::Author));
            } else {
                lines[i].drop_all(FOOTER_RULE, "footer", None);
            }
        }
    }
}

fn front_matter_title(doc: &Document) -> Option<String> {
    doc.front_matter
        .as_ref()?
        .get("title")?
        .as_str()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
}

/// A glue point: a capital letter stuck to the end of the previous word or sentence
/// ("RussieJe", "16:38Mis", "l'ordre.Recevez"), not inside an all-caps word.
fn is_glue_point(line: &str, at: usize) -> bool {
    let next_upper = line[at..].chars().next().is_some_and(char::is_uppercase);
    let prev = line[..at].chars().next_back();
    next_upper
        && prev.is_some_and(|c| {
            c.is_lowercase()
                || c.is_ascii_digit()
                || matches!(c, '.' | '!' | '?' | '»' | '"' | ')' | '”' | '…')
        })
}

/// Remove the lines of a "read also" block that starts at `start`; return the next line to look at.
fn remove_block(lines: &mut [WorkLine], start: usize, rule: &Rule) -> usize {
    let mut i = start;
    let mut adjacent = true;
    while i < lines.len() {
        let line = &lines[i];
        if line.plain.text.is_empty() {
            adjacent = false;
            i += 1;
            continue;
        }
        let headline_like = !line.plain.heading
            && count_words(&line.kept) <= HEADLINE_MAX_WORDS
            && !ends_like_sentence(&line.kept);
        let is_url = line.kept.starts_with("http://") || line.kept.starts_with("https://");
        if !(line.plain.link_only || is_url || (adjacent && headline_like)) {
            break;
        }
        lines[i].drop_all(&rule.id, &rule.category, None);
        adjacent = true;
        i += 1;
    }
    i
}

/// The first heading before the prose, else a leading title line (short, no final period).
fn find_headline(lines: &[WorkLine]) -> Option<String> {
    let kept: Vec<&WorkLine> = lines
        .iter()
        .filter(|l| l.is_kept())
        .take(TITLE_REPEAT_WINDOW)
        .collect();
    for line in &kept {
        if line.plain.heading {
            return Some(line.kept.clone());
        }
        if ends_like_sentence(&line.kept) && count_words(&line.kept) >= PROSE_LINE_WORDS {
            break;
        }
    }
    let first = kept.first()?;
    let words = count_words(&first.kept);
    let ends_with_period = first.kept.trim_end().ends_with(['.', ':', ';', ',']);
    (kept.len() > 1 && (2..=HEADLINE_MAX_WORDS).contains(&words) && !ends_with_period)
        .then(|| first.kept.clone())
}

/// Remove later copies of the title: one to three consecutive lines whose letters and digits
/// spell the title. The first copy in the text stays.
fn remove_title_repeats(lines: &mut [WorkLine], title_key: &str) {
    let kept: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].is_kept())
        .take(TITLE_REPEAT_WINDOW)
        .collect();
    let mut seen = false;
    let mut k = 0;
    while k < kept.len() {
        let mut key = String::new();
        let mut matched = None;
        for (n, &i) in kept[k..].iter().take(3).enumerate() {
            key.push_str(&alnum_key(&lines[i].kept));
            if key == title_key {
                matched = Some(n + 1);
                break;
            }
            if !title_key.starts_with(&key) {
                break;
            }
        }
        match matched {
            Some(n) if seen => {
                for &i in &kept[k..k + n] {
                    lines[i].drop_all(TITLE_REPEAT_RULE, "title_repeat", None);
                }
                k += n;
            }
            Some(n) => {
                seen = true;
                k += n;
            }
            None => k += 1,
        }
    }
}

/// A line repeating the previous kept line (a caption printed twice) is removed.
fn remove_duplicate_lines(lines: &mut [WorkLine]) {
    let mut previous_key = String::new();
    for line in lines.iter_mut().filter(|l| !l.plain.text.is_empty()) {
        if !line.is_kept() {
            continue;
        }
        let key = alnum_key(&line.kept);
        if key == previous_key {
            line.drop_all(DUPLICATE_RULE, "duplicate", None);
        } else {
            previous_key = key;
        }
    }
}

/// Two to four capitalised words and nothing else: "Hadrien Valat", "Anne-Sophie de La Tour".
pub fn is_person_name(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    if !(2..=4).contains(&words.len()) {
        return false;
    }
    let capitalised = words.iter().filter(|w| {
        let mut chars = w.chars();
        chars.next().is_some_and(char::is_uppercase)
            && chars.clone().any(char::is_lowercase)
            && chars.all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
    });
    let particles = words.iter().filter(|w| {
        matches!(
            **w,
            "de" | "du" | "von" | "van" | "der" | "da" | "di" | "del" | "la" | "le"
        )
    });
    let n_capitalised = capitalised.count();
    n_capitalised >= 2 && n_capitalised + particles.count() == words.len()
}

#[cfg(test)]
mod tests;
