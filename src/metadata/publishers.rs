//! Publisher rules from `config/publishers.toml`: url domains and names as they appear in
//! signatures, source lines and site boilerplate.

use crate::text::{ends_like_sentence, fold, fold_str, has_date};
use aho_corasick::{AhoCorasick, MatchKind};
use anyhow::{bail, Context, Result};
use regex::Regex;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// An outlet's name has at most this many words.
const MAX_NAME_WORDS: usize = 6;
const QUOTES: &str = "«»\"“”„‹›'*_[]()";
/// Years and year ranges in a copyright line ("© 2010-2024").
static YEARS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?\b").unwrap());

/// A capital or a digit; in a script without case (Chinese, Arabic, Hebrew, ...) any letter,
/// since nothing there sets a name apart.
fn starts_like_a_name(c: char) -> bool {
    c.is_uppercase() || c.is_ascii_digit() || (c.is_alphabetic() && !c.is_lowercase())
}

/// Split a source or copyright line at the separators sites put between names and notices.
/// Words an outlet's name may have between its capitalised words ("L'Écho de l'Ill", "Corriere
/// della Sera", "The Voice of the Valley"): not `text::NAME_PARTICLES`, which is for people's
/// names ("bin", "al") and lacks the articles and "of" of outlets' names.
const OUTLET_NAME_JOINERS: &[&str] = &[
    "de", "du", "des", "la", "le", "di", "da", "del", "della", "dei", "von", "van", "der", "y",
    "et", "and", "of", "the",
];

fn segments(line: &str) -> impl Iterator<Item = &str> {
    line.split(['|', '·', '•', ';'])
        .flat_map(|s| s.split(" - "))
        .flat_map(|s| s.split(" – "))
        .flat_map(|s| s.split(" — "))
        .flat_map(|s| s.split(". "))
        .flat_map(|s| s.split(", "))
        .filter(|s| s.chars().any(char::is_alphanumeric))
}
use std::path::Path;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PublisherSpec {
    id: String,
    name: String,
    #[serde(default)]
    domains: Vec<String>,
    #[serde(default)]
    names: Vec<String>,
    /// A news agency: its credit names no publisher ("© Copyright ANSA" on a portal).
    #[serde(default)]
    agency: bool,
    /// The name is an everyday phrase too ("Le Monde", "Die Welt"): exact matches only.
    #[serde(default)]
    common_words: bool,
}

/// Words that show where a page names its publisher or its url, as data.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Signals {
    #[serde(default)]
    source_labels: Vec<String>,
    #[serde(default)]
    copyright_marks: Vec<String>,
    #[serde(default)]
    rights_phrases: Vec<String>,
    #[serde(default)]
    legal_suffixes: Vec<String>,
    #[serde(default)]
    url_labels: Vec<String>,
    #[serde(default)]
    credit_labels: Vec<String>,
    #[serde(default)]
    newsroom_words: Vec<String>,
    #[serde(default)]
    byline_words: Vec<String>,
    #[serde(default)]
    byline_leads: Vec<String>,
    #[serde(default)]
    byline_tails: Vec<String>,
    #[serde(default)]
    label_words: Vec<String>,
    #[serde(default)]
    role_words: Vec<String>,
    #[serde(default)]
    update_labels: Vec<String>,
    #[serde(default)]
    first_published_labels: Vec<String>,
    #[serde(default)]
    reviewer_labels: Vec<String>,
    #[serde(default)]
    question_labels: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PublisherFile {
    #[serde(default)]
    signals: Signals,
    #[serde(rename = "publisher")]
    publishers: Vec<PublisherSpec>,
}

/// A byline is a short line; a name has at most this many words.
const BYLINE_MAX_WORDS: usize = 16;
const BYLINE_MAX_NAME_WORDS: usize = 8;
/// A byline's label alone on its line ("Article written by:") has at most this many words.
const BYLINE_LABEL_MAX_WORDS: usize = 5;
/// Lower-case words that join two names in a byline (besides the name particles, "y" among them).
const NAME_CONJUNCTIONS: [&str; 5] = ["and", "et", "und", "e", "и"];

/// A lower-case word inside a byline's names: a particle, or what joins two names.
fn is_name_joiner(folded: &str) -> bool {
    crate::text::NAME_PARTICLES.contains(&folded) || NAME_CONJUNCTIONS.contains(&folded)
}

/// What separates a byline's name from what follows it on the line.
const BYLINE_SEPARATORS: [char; 12] = ['·', '|', '•', '●', '⋅', '-', '–', '—', '/', ',', ':', '»'];

/// Characters read past the longest url label, for spacing and marks that folding drops.
const URL_LABEL_MARGIN: usize = 8;

#[derive(Debug, Clone)]
pub struct Publisher {
    pub id: String,
    pub name: String,
    domains: Vec<String>,
    agency: bool,
}

/// A publisher found, with the rule that found it.
#[derive(Debug, Clone, PartialEq)]
pub struct PublisherMatch {
    pub name: String,
    pub rule_id: String,
}

pub struct PublisherRules {
    publishers: Vec<Publisher>,
    names: AhoCorasick,
    name_owner: Vec<usize>,
    folded_names: HashMap<String, usize>,
    signals: Signals,
    /// Characters of a line that can hold a url label: the longest label's, plus a margin.
    url_label_head_chars: usize,
    /// The copyright marks and rights phrases in one automaton: a line is scanned once, not
    /// once per phrase (fifteen languages' phrases).
    copyright_phrases: AhoCorasick,
}

impl PublisherRules {
    pub fn load(path: &Path) -> Result<PublisherRules> {
        let source = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read publisher rules {}", path.display()))?;
        PublisherRules::from_source(&source)
            .with_context(|| format!("invalid publisher rules {}", path.display()))
    }

    pub fn from_source(source: &str) -> Result<PublisherRules> {
        let file: PublisherFile = toml::from_str(source)?;
        let mut publishers = Vec::new();
        let mut names = Vec::new();
        let mut name_owner = Vec::new();
        let mut ids = HashSet::new();
        let mut exact_names = HashMap::new();
        for spec in file.publishers {
            if !ids.insert(spec.id.clone()) {
                bail!("publisher id '{}' is defined twice", spec.id);
            }
            let index = publishers.len();
            for name in spec.names.iter().chain(std::iter::once(&spec.name)) {
                exact_names.insert(fold_str(name), index);
                if !spec.common_words {
                    names.push(fold_str(name));
                    name_owner.push(index);
                }
            }
            publishers.push(Publisher {
                id: spec.id,
                name: spec.name,
                domains: spec.domains.iter().map(|d| d.to_lowercase()).collect(),
                agency: spec.agency,
            });
        }
        let folded_names = exact_names;
        let fold_all = |list: Vec<String>| list.iter().map(|s| fold_str(s.trim())).collect();
        let signals = Signals {
            source_labels: fold_all(file.signals.source_labels),
            copyright_marks: fold_all(file.signals.copyright_marks),
            rights_phrases: fold_all(file.signals.rights_phrases),
            legal_suffixes: fold_all(file.signals.legal_suffixes),
            url_labels: fold_all(file.signals.url_labels),
            credit_labels: fold_all(file.signals.credit_labels),
            newsroom_words: fold_all(file.signals.newsroom_words),
            byline_words: fold_all(file.signals.byline_words),
            byline_leads: fold_all(file.signals.byline_leads),
            byline_tails: fold_all(file.signals.byline_tails),
            label_words: fold_all(file.signals.label_words),
            role_words: fold_all(file.signals.role_words),
            update_labels: fold_all(file.signals.update_labels),
            first_published_labels: fold_all(file.signals.first_published_labels),
            reviewer_labels: fold_all(file.signals.reviewer_labels),
            question_labels: fold_all(file.signals.question_labels),
        };
        let names = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&names)?;
        let copyright_phrases = AhoCorasick::new(
            signals
                .copyright_marks
                .iter()
                .chain(&signals.rights_phrases)
                .filter(|phrase| !phrase.is_empty()),
        )?;
        Ok(PublisherRules {
            publishers,
            names,
            name_owner,
            folded_names,
            url_label_head_chars: signals
                .url_labels
                .iter()
                .map(|l| l.chars().count())
                .max()
                .unwrap_or(0)
                + URL_LABEL_MARGIN,
            signals,
            copyright_phrases,
        })
    }

    /// The publisher whose domain is `domain` or its closest parent ("cincodias.elpais.com"
    /// is Cinco Días, not El País).
    pub fn by_domain(&self, domain: &str) -> Option<PublisherMatch> {
        let domain = domain.to_lowercase();
        self.publishers
            .iter()
            .flat_map(|p| p.domains.iter().map(move |d| (p, d)))
            .filter(|(_, d)| domain == **d || domain.ends_with(&format!(".{d}")))
            .max_by_key(|(_, d)| d.len())
            .map(|(p, _)| PublisherMatch {
                name: p.name.clone(),
                rule_id: format!("{}.domain", p.id),
            })
    }

    /// `text` is exactly one of the publisher names (ignoring case and accents).
    pub fn is_name(&self, text: &str) -> bool {
        self.folded_names
            .contains_key(fold_str(text.trim()).as_str())
    }

    /// The publisher `text` names exactly, with its canonical name.
    pub fn exact_name(&self, text: &str) -> Option<PublisherMatch> {
        let p = &self.publishers[*self.folded_names.get(fold_str(text.trim()).as_str())?];
        Some(PublisherMatch {
            name: p.name.clone(),
            rule_id: format!("{}.name", p.id),
        })
    }

    /// `text` is exactly the name of a news agency.
    pub fn is_agency(&self, text: &str) -> bool {
        self.folded_names
            .get(fold_str(text.trim()).as_str())
            .is_some_and(|&i| self.publishers[i].agency)
    }

    /// A byline name that is the outlet or its newsroom, not a person ("Reuters Staff", "La
    /// Rédaction", "Redazione Esteri", "RFI Suivre"), or a page's label.
    pub fn names_no_person(&self, name: &str) -> bool {
        self.by_name(name).is_some()
            || has_word_of(
                name,
                &[&self.signals.newsroom_words, &self.signals.label_words],
            )
    }

    /// A journalist's role after a byline's name: "Redakteurin Pflanzenbau", "Staff Writer",
    /// "редактор отдела потребительского рынка".
    pub fn is_role(&self, text: &str) -> bool {
        has_word_of(text, &[&self.signals.role_words])
    }

    /// A page's label or button written like a name: "Written By", "Save Share", "View Public
    /// Profile".
    pub fn is_label(&self, name: &str) -> bool {
        has_word_of(name, &[&self.signals.label_words])
    }

    /// Whether `word` is a byline word ("By", "par:").
    pub fn is_byline_word(&self, word: &str) -> bool {
        let folded = fold_str(word.trim_end_matches(':'));
        self.signals.byline_words.contains(&folded)
    }

    /// The words after the last byline word of `line` ("... 4 mars 2025 par Marie Dupont" ->
    /// "Marie Dupont"), as written.
    pub fn after_byline_word<'l>(&self, line: &'l str) -> Option<&'l str> {
        let words: Vec<&str> = line.split(' ').collect();
        let at = words.iter().rposition(|w| {
            let folded = fold_str(w);
            self.signals.byline_words.contains(&folded)
        })?;
        let start = words[..=at].iter().map(|w| w.len() + 1).sum::<usize>();
        line.get(start..)
            .map(str::trim)
            .filter(|rest| !rest.is_empty())
    }

    /// The name a byline word introduces on a short line, and what follows it, as written:
    /// "Written by Kristin", "Posted on July 1, 2024 by infuy", "By Meaghan Weeden ● December
    /// 23, 2025", "Thread starter paulb203". Before the byline word stand only leads ("A Post
    /// By:"), labels, marks or a date stamp; the name ends before a mark, a number, a label or
    /// a lower-case word, or after a comma or colon. A name's first word may be in lower case
    /// (a handle), one past it only as a particle or a joining word. With `any_length` (a
    /// page's header lines; a whole text's long lines are prose), a longer line with a date
    /// is a byline too when its name ends a sentence's line ("... beyond the U.S. and Canada. By
    /// Lisa Jennings on Dec. 19, 2025") or leads its categories ("On January 12, 2025 By Gabby
    /// Boucher In Budget Travel, Budget Travel Guides, ..."). With `stamp_under` (a stamp on
    /// the next line), a bare byline word names one word too ("By Clay" / "Mar 14, 2024").
    pub fn labelled_byline<'l>(
        &self,
        line: &'l str,
        any_length: bool,
        stamp_under: bool,
    ) -> Option<(&'l str, &'l str)> {
        let words: Vec<(usize, &str)> = line
            .split_whitespace()
            .map(|w| (w.as_ptr() as usize - line.as_ptr() as usize, w))
            .collect();
        let long = words.len() > BYLINE_MAX_WORDS;
        if long && !(any_length && has_date(line)) {
            return None;
        }
        let folded: Vec<String> = words.iter().map(|(_, w)| fold_word(w)).collect();
        let (label_at, label_len) = (0..words.len()).find_map(|i| {
            self.signals.byline_words.iter().find_map(|phrase| {
                let n = phrase.split(' ').count();
                (folded.get(i..i + n)?.join(" ") == *phrase).then_some((i, n))
            })
        })?;
        let lead = &line[..words[label_at].0];
        let after_sentence = label_at >= 3 && ends_like_sentence(lead.trim_end());
        let lead_dated = has_date(lead);
        let lead_ok = folded[..label_at].iter().all(|w| {
            w.is_empty()
                || w.chars().all(|c| c.is_ascii_digit())
                || self.signals.byline_leads.contains(w)
        }) || lead_dated
            || after_sentence;
        if !lead_ok {
            return None;
        }
        let start = label_at + label_len;
        let mut end = start;
        let mut at_label = false;
        for (k, (_, word)) in words.iter().enumerate().skip(start) {
            let first = word.chars().next()?;
            let w = &folded[k];
            // A particle or "and" joins name words only before a capitalised one: "Yannick Le
            // Goff", "Jane Roe & Tom Lee", but "Marie Dupont le 4 mars".
            let joins = (*word == "&" || is_name_joiner(w))
                && words
                    .get(k + 1)
                    .is_some_and(|(_, next)| next.starts_with(char::is_uppercase));
            at_label = self.signals.label_words.contains(w) || self.signals.role_words.contains(w);
            // "By Sarah July 30, 2019": the month of the stamp after the name is no name word.
            let dated_from = |at: usize| {
                let next_words = words[at..].iter().take(3).map(|(_, w)| *w);
                has_date(&next_words.collect::<Vec<_>>().join(" "))
            };
            let stamp_starts = k > start && dated_from(k) && !dated_from(k + 1);
            let stops = (!first.is_alphabetic() && !joins)
                || at_label
                || stamp_starts
                || (self.signals.byline_tails.contains(w) && !joins)
                || (k > start && first.is_lowercase() && !joins);
            if stops || k - start == BYLINE_MAX_NAME_WORDS {
                break;
            }
            end = k + 1;
            // A full stop after a word longer than an initial ends the sentence.
            let sentence_end = word.ends_with('.') && w.chars().count() > 1;
            if word.ends_with([',', ':', ';']) || sentence_end {
                break;
            }
        }
        // One word is a name ("Written by Kristin", "Posted on May 3, 2024 by infuy") where a
        // lead or a date says the line is a byline, and not cut short by a label ("Started by
        // Biology Forums"): "By Sector" over a list is a filter.
        let joined_after_one = || is_name_joiner(&folded[start + 1]) || words[start + 1].1 == "&";
        let single = end <= start + 1 || joined_after_one();
        let bare = label_at == 0 && label_len == 1 && !stamp_under && !has_date(line);
        if end == start || (single && (at_label || bare)) {
            return None;
        }
        let (at, last) = words[end - 1];
        let name_end = at + last.trim_end_matches([',', ':', ';']).len();
        let name_end = match line[..name_end].strip_suffix('.') {
            Some(name) if last.trim_end_matches('.').chars().count() > 1 => name.len(),
            _ => name_end,
        };
        let name = &line[words[start].0..name_end];
        let rest = line[at + last.len()..].trim();
        let rest_word = rest.split_whitespace().next().map(fold_word);
        // After the name: nothing, a separator, a label, a role, a date or a word such as "in".
        // Not a bracket (a commenter's id: "by iggymanz ( 596061 ) writes:") nor a quote ("By
        // clicking 'Accept', you agree").
        let rest_dated = has_date(rest);
        // "By Erin Spain 4 Comments": a count of comments or views after the name.
        let counts_a_label = |rest: &str| {
            let mut words = rest.split_whitespace();
            words
                .next()
                .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()))
                && words
                    .next()
                    .is_some_and(|w| self.signals.label_words.contains(&fold_word(w)))
        };
        let tail_ok = rest.is_empty()
            || rest.starts_with(BYLINE_SEPARATORS)
            || rest_word.as_ref().is_some_and(|w| {
                self.signals.byline_tails.contains(w)
                    || self.signals.label_words.contains(w)
                    || self.signals.role_words.contains(w)
            })
            || rest_dated
            || counts_a_label(rest);
        // After a sentence, a name of two words or more and a date; a long line's name is
        // followed by its date or its categories.
        let glued_ok =
            !after_sentence || (rest_dated && words[start..end].len() >= 2 && !lead_dated);
        let long_ok = !long
            || words.len() - label_at <= BYLINE_MAX_WORDS
            || rest_word.is_some_and(|w| self.signals.byline_tails.contains(&w));
        (tail_ok && glued_ok && long_ok).then_some((name, rest))
    }

    /// Where the first update label of `line` starts and ends ("... | Updated June 13",
    /// "Stand: 17.06.2025"), in byte offsets of `line`; a label starts a word.
    pub fn update_label(&self, line: &str) -> Option<(usize, usize)> {
        first_label(line, &self.signals.update_labels)
    }

    /// Whether a line is a byline's label with no name after it ("Written by", "Article
    /// written by:", "By:"): leads, then a byline word that ends the line. A bare "by" is a
    /// filter's ("by" / "population" / "group").
    pub fn is_byline_label_alone(&self, line: &str) -> bool {
        let line = line.trim();
        // The byline word is the line's last word, not a mark after it ("Written by —").
        let ends_in_word = line
            .split_whitespace()
            .next_back()
            .is_some_and(|last| last.contains(char::is_alphanumeric));
        if !ends_in_word || line.split_whitespace().count() > BYLINE_LABEL_MAX_WORDS {
            return false;
        }
        let folded: Vec<String> = line
            .split_whitespace()
            .map(fold_word)
            .filter(|w| !w.is_empty())
            .collect();
        self.signals.byline_words.iter().any(|phrase| {
            let n = phrase.split(' ').count();
            folded.len() >= n
                && (folded.len() > n || line.ends_with(':'))
                && folded[folded.len() - n..].join(" ") == *phrase
                && folded[..folded.len() - n]
                    .iter()
                    .all(|w| self.signals.byline_leads.contains(w))
        })
    }

    /// The name before a byline's tail word and the section it leads to: "Mahua Das" in
    /// "Mahua Das in Project Management". None when no tail word follows the name's words.
    pub fn name_before_tail<'a>(&self, part: &'a str) -> Option<&'a str> {
        let words: Vec<(usize, &str)> = part
            .split_whitespace()
            .map(|w| (w.as_ptr() as usize - part.as_ptr() as usize, w))
            .collect();
        let tail = words.iter().position(|(_, w)| {
            w.starts_with(char::is_lowercase) && self.signals.byline_tails.contains(&fold_str(w))
        })?;
        let section_follows = words
            .get(tail + 1)
            .is_some_and(|(_, w)| w.starts_with(char::is_uppercase));
        (tail >= 2 && section_follows).then(|| part[..words[tail].0].trim_end())
    }

    /// Whether a line is a question's stamp on a Q&A site: one of the question labels, then a
    /// date ("asked Feb 11, 2011 at 23:49").
    pub fn is_question_stamp(&self, line: &str) -> bool {
        let folded = fold_str(line.trim());
        after_leading_label(&folded, &self.signals.question_labels)
            .is_some_and(|rest| rest.starts_with(' ') && has_date(rest))
    }

    /// Whether a byline line names a reviewer or an editor ("Reviewed by: Brian Stormont, CFP"):
    /// it starts with one of the reviewer labels.
    pub fn is_reviewer_line(&self, line: &str) -> bool {
        let folded = fold_str(line);
        let text = folded.trim_start_matches(|c: char| !c.is_alphanumeric());
        after_leading_label(text, &self.signals.reviewer_labels).is_some()
    }

    /// Where the first label of a first publication starts and ends ("Updated 9:14am, first
    /// published 5:30am"), in byte offsets of `line`.
    pub fn first_published_label(&self, line: &str) -> Option<(usize, usize)> {
        first_label(line, &self.signals.first_published_labels)
    }

    /// The outlet a source line names: "Source : La Gazette du Causse", "Quelle: Westfunk".
    pub fn source_line_name(&self, line: &str) -> Option<String> {
        let folded = fold(line.trim());
        let text = folded
            .text
            .trim_start_matches(|c: char| !c.is_alphanumeric());
        let skipped = folded.text.len() - text.len();
        let label = self.signals.source_labels.iter().find(|label| {
            text.starts_with(label.as_str()) && text[label.len()..].trim_start().starts_with(':')
        })?;
        let colon = skipped + label.len() + text[label.len()..].find(':')? + 1;
        let rest = &line.trim()[folded.original_offset(colon)..];
        segments(rest).find_map(|s| self.name_candidate(s))
    }

    /// The outlet a copyright or rights line names: "© 2024 The Daily Courier. All rights
    /// reserved." gives "The Daily Courier"; a line naming only an agency or a year gives none.
    pub fn copyright_name(&self, line: &str) -> Option<String> {
        let folded = fold(line);
        let start = folded
            .text
            .trim_start_matches(|c: char| !c.is_alphanumeric());
        if self
            .signals
            .credit_labels
            .iter()
            .any(|label| start.starts_with(label.as_str()))
        {
            return None;
        }
        // Every occurrence, overlapping ones too: the walk below keeps the first of each overlap.
        let mut spans: Vec<(usize, usize)> = self
            .copyright_phrases
            .find_overlapping_iter(&folded.text)
            .map(|m| {
                (
                    folded.original_offset(m.start()),
                    folded.original_offset(m.end()),
                )
            })
            .collect();
        if spans.is_empty() {
            return None;
        }
        spans.sort();
        let mut rest = String::new();
        let mut cursor = 0;
        for (start, end) in spans {
            if start >= cursor {
                rest.push_str(&line[cursor..start]);
                rest.push_str(" | ");
                cursor = end;
            }
        }
        rest.push_str(&line[cursor..]);
        let rest = YEARS.replace_all(&rest, " ").into_owned();
        let name = segments(&rest).find_map(|s| self.name_candidate(s));
        name
    }

    /// Whether the line carries a copyright mark or a rights phrase.
    pub fn is_copyright_line(&self, line: &str) -> bool {
        self.copyright_phrases.is_match(&fold_str(line))
    }

    /// The url a "copy link" or "permalink" line gives.
    pub fn labelled_url(&self, line: &str) -> Option<String> {
        // A label starts the line: folding its first characters is enough, and most lines
        // of a text are read here.
        let head_chars = self.url_label_head_chars;
        let line = line.trim();
        let head_end = line
            .char_indices()
            .nth(head_chars)
            .map_or(line.len(), |(i, _)| i);
        let folded = fold_str(&line[..head_end]);
        self.signals
            .url_labels
            .iter()
            .any(|label| folded.starts_with(label.as_str()))
            .then(|| links_in(line).next().map(str::to_string))?
    }

    /// A segment that reads like an outlet's name: short, capitalised, not an agency.
    pub fn name_candidate(&self, segment: &str) -> Option<String> {
        let mut name = segment
            .trim()
            .trim_matches(|c: char| QUOTES.contains(c) || c.is_whitespace())
            .trim_end_matches(['.', ','])
            .trim()
            .to_string();
        let folded = fold_str(&name);
        let folded_words: Vec<&str> = folded.split_whitespace().collect();
        let suffix_words = self.signals.legal_suffixes.iter().find_map(|suffix| {
            let n = suffix.split_whitespace().count();
            // The name's final full stop is already trimmed: "S.p.A" ends "s.p.a.".
            let tail = folded_words[folded_words.len().saturating_sub(n)..].join(" ");
            (folded_words.len() > n && tail == suffix.trim_end_matches('.')).then_some(n)
        });
        if let Some(n) = suffix_words {
            let words: Vec<&str> = name.split_whitespace().collect();
            name = words[..words.len().saturating_sub(n)].join(" ");
        }
        let name = with_closing_quotes(
            name.trim_matches(|c: char| QUOTES.contains(c) || c.is_whitespace()),
        );
        let words: Vec<&str> = name.split_whitespace().collect();
        // "L'Écho de l'Ill": an elided article before a capital, and a particle, are the
        // name's too.
        let capitalised = words
            .iter()
            .filter(|w| {
                let w = w.trim_start_matches(|c: char| QUOTES.contains(c));
                let elided = ["l'", "d'", "L'", "D'", "l’", "d’", "L’", "D’"]
                    .iter()
                    .find_map(|article| w.strip_prefix(article))
                    .unwrap_or(w);
                elided.chars().next().is_some_and(starts_like_a_name)
                    || OUTLET_NAME_JOINERS.contains(&w)
            })
            .count();
        let first_capital = words
            .first()
            .is_some_and(|w| w.chars().next().is_some_and(starts_like_a_name));
        // A name in quotes needs no capitals past its first ("«Невский деловой вестник»").
        let quoted = {
            let trimmed = segment.trim().trim_end_matches(['.', ',']);
            trimmed.starts_with(|c: char| QUOTES.contains(c))
                && trimmed.ends_with(|c: char| QUOTES.contains(c))
        };
        let shaped = first_capital
            && (1..=MAX_NAME_WORDS).contains(&words.len())
            && (capitalised * 2 >= words.len() || quoted)
            && name.chars().any(char::is_alphabetic)
            && !name.contains(['!', '?', '/', '@']);
        (shaped && !self.is_agency(&name)).then_some(name)
    }

    /// The first publisher named in `text` (whole words, ignoring case and accents).
    pub fn by_name(&self, text: &str) -> Option<PublisherMatch> {
        let folded = fold_str(text);
        self.names.find_iter(&folded).find_map(|m| {
            let before = folded[..m.start()].chars().next_back();
            let after = folded[m.end()..].chars().next();
            let whole = before.is_none_or(|c| !c.is_alphanumeric())
                && after.is_none_or(|c| !c.is_alphanumeric());
            whole.then(|| {
                let p = &self.publishers[self.name_owner[m.pattern().as_usize()]];
                PublisherMatch {
                    name: p.name.clone(),
                    rule_id: format!("{}.name", p.id),
                }
            })
        })
    }
}

/// A name whose closing quotes the trimming took gets them back, innermost first: "ИА
/// «Вологодский меридиан»", not "ИА «Вологодский меридиан"; "ООО «Издательский дом „Северный
/// курьер“»".
fn with_closing_quotes(name: &str) -> String {
    const PAIRS: [(char, char); 2] = [('«', '»'), ('„', '“')];
    let mut unclosed = Vec::new();
    for c in name.chars() {
        if let Some(&(_, close)) = PAIRS.iter().find(|(open, _)| *open == c) {
            unclosed.push(close);
        } else if let Some(at) = unclosed.iter().rposition(|&close| close == c) {
            unclosed.remove(at);
        }
    }
    let mut name = name.to_string();
    name.extend(unclosed.into_iter().rev());
    name
}

/// The host of an http(s) url, without "www.".
pub fn url_domain(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (host.contains('.') && !host.is_empty()).then_some(host)
}

/// The url of an article in `line` (a print view's or a shared text's own link): a link whose
/// path ends in a slug of three words or more ("/2025/02/11/adolescenti-schermi-sonno/"), the
/// only such link of the line.
pub fn article_url(line: &str) -> Option<String> {
    let mut urls = links_in(line);
    let url = urls.next()?;
    if urls.next().is_some() {
        return None;
    }
    let path = url.splitn(4, '/').nth(3)?.split(['?', '#']).next()?;
    let slug = path.trim_end_matches('/').rsplit('/').next()?;
    let slug = slug.rsplit_once('.').map_or(slug, |(stem, _)| stem);
    let words = slug
        .split(['-', '_'])
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count();
    (words >= ARTICLE_SLUG_MIN_WORDS).then(|| url.to_string())
}

/// The http(s) links written in `line`, without the punctuation that closes them.
fn links_in(line: &str) -> impl Iterator<Item = &str> {
    line.split_whitespace()
        .map(|w| w.trim_end_matches([')', ']', '>', '.', ',']))
        .filter(|w| url_domain(w).is_some())
}

/// An article's slug has at least this many words; a section's or an app's link fewer.
const ARTICLE_SLUG_MIN_WORDS: usize = 3;

/// Whether a word of `text`, folded (lower case, no accents), is in one of the folded `lists`.
fn has_word_of(text: &str, lists: &[&Vec<String>]) -> bool {
    fold_str(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .any(|word| lists.iter().any(|list| list.iter().any(|w| w == word)))
}

/// A word folded as the signals' lists are, without the marks around it ("By:" -> "by").
fn fold_word(word: &str) -> String {
    fold_str(word.trim_matches(|c: char| !c.is_alphanumeric()))
}

/// The rest of folded `text` after the one of `labels` (folded) it starts with.
fn after_leading_label<'t>(text: &'t str, labels: &[String]) -> Option<&'t str> {
    labels
        .iter()
        .filter(|label| !label.is_empty())
        .find_map(|label| text.strip_prefix(label.as_str()))
}

/// Where the first of `labels` (folded) in `line` starts and ends, in byte offsets of `line`; a
/// label starts a word.
fn first_label(line: &str, labels: &[String]) -> Option<(usize, usize)> {
    let folded = fold(line);
    let text = folded.text.as_str();
    labels
        .iter()
        .filter(|label| !label.is_empty())
        .flat_map(|label| {
            // After a letter a label is part of a word; after a digit it is glued to the stamp
            // before it ("14:32, 3 APR 2024Updated16:05, 3 APR 2024").
            text.match_indices(label.as_str())
                .filter(|(at, _)| {
                    !text[..*at]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphabetic)
                })
                .map(|(at, label)| (at, at + label.len()))
        })
        .min()
        .map(|(start, end)| (folded.original_offset(start), folded.original_offset(end)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> PublisherRules {
        PublisherRules::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("config/publishers.toml"))
            .unwrap()
    }

    #[test]
    fn a_bylines_section_follows_a_tail_word_after_the_name() {
        let rules = rules();
        assert_eq!(
            rules.name_before_tail("Mahua Das in Project Management"),
            Some("Mahua Das")
        );
        // A tail word right after one word, or before a lower-case word, leads to no section.
        assert_eq!(rules.name_before_tail("Madonna in Concert"), None);
        assert_eq!(rules.name_before_tail("Jane Roe in the morning"), None);
        assert_eq!(rules.name_before_tail("Jane Roe"), None);
    }

    #[test]
    fn an_elided_article_and_a_particle_belong_to_the_name() {
        assert_eq!(
            rules()
                .copyright_name("© L'Écho de l'Ill 2024 – Toute reproduction, même partielle, est soumise à autorisation")
                .as_deref(),
            Some("L'Écho de l'Ill")
        );
    }

    #[test]
    fn a_name_in_quotes_needs_no_capitals_past_its_first() {
        assert_eq!(
            rules()
                .copyright_name("© 2009–2024 «Невский деловой вестник». Сетевое издание зарегистрировано Роскомнадзором")
                .as_deref(),
            Some("Невский деловой вестник")
        );
    }

    #[test]
    fn an_article_url_has_a_slug_of_words() {
        assert_eq!(
            article_url(
                "Sigue leyendo en la web: https://elfaro.pe/arequipa/tranvia-cono-norte-prueba/"
            )
            .as_deref(),
            Some("https://elfaro.pe/arequipa/tranvia-cono-norte-prueba/")
        );
        assert_eq!(
            article_url("https://example.it/a/2025/02/11/schermi-sonno-studio.html").as_deref(),
            Some("https://example.it/a/2025/02/11/schermi-sonno-studio.html")
        );
        assert_eq!(
            article_url("Scarica l'app: https://app.telelaguna.it"),
            None
        );
        assert_eq!(article_url("https://example.com/sport/football"), None);
        assert_eq!(
            article_url("https://a.com/one-two-three https://a.com/four-five-six"),
            None
        );
    }

    #[test]
    fn a_byline_word_introduces_a_name_on_a_short_line() {
        let rules = rules();
        let name = |line: &'static str| {
            rules
                .labelled_byline(line, true, false)
                .map(|(name, _)| name)
        };
        for (line, expected) in [
            ("Written by Kristin", "Kristin"),
            ("Posted on July 1, 2024 by infuy", "infuy"),
            (
                "By: FlowGuard EMEA on 04-ago-2021 5:11:10",
                "FlowGuard EMEA",
            ),
            (
                "By Meaghan Weeden ● December 23, 2025 ● 6 min read",
                "Meaghan Weeden",
            ),
            ("By A. J. Neal View In Digital Edition", "A. J. Neal"),
            ("May 18, 2023 By Sara Harberson In", "Sara Harberson"),
            ("| By Lisa Duffy", "Lisa Duffy"),
            ("A Post By: Darren Rowse", "Darren Rowse"),
            ("Thread starter paulb203", "paulb203"),
            ("submitted 17 hours ago by InsaneSnow45", "InsaneSnow45"),
            ("Written By Linny and Peter", "Linny and Peter"),
            ("Written by Erik Demaine.", "Erik Demaine"),
            ("Publié le 4 mars 2025 par Marie Dupont", "Marie Dupont"),
            ("Ein Beitrag von Anke Vollmer, Redakteurin", "Anke Vollmer"),
            ("Par Yannick Le Goff le 3 mars 2025", "Yannick Le Goff"),
            // The stamp's month after the name is no name word.
            ("By Tova May 3, 2024 4 Comments", "Tova"),
            ("By Dana Hill June 4, 2025 June 9, 2025", "Dana Hill"),
            // A count of comments after the name.
            ("May 3, 2017 By Rosa Lind 4 Comments", "Rosa Lind"),
            // A dek's line that ends in its byline; a long line of categories after the name.
            (
                "The chain is positioning for growth beyond the U.S. and Canada. By Lisa Jennings on Dec. 19, 2025",
                "Lisa Jennings",
            ),
            (
                "On January 12, 2025 January 22, 2025 By Gabby Boucher In Budget Travel, Budget Travel Guides, Travel Resources, Travel Tips",
                "Gabby Boucher",
            ),
        ] {
            assert_eq!(name(line), Some(expected), "{line}");
        }
        // A filter over a list, a consent button, a commenter's id, a sentence, a label.
        for line in [
            "By Sector",
            "By",
            "By States and Regions",
            "By clicking 'Accept', you agree to the storing of cookies",
            "by iggymanz ( 596061 ) writes:",
            "Search by email",
            "The report was published by the ministry on Monday.",
            "Started by Biology Forums, June 04, 2024",
            // After a sentence, a byline needs two name words and its date.
            "Prices rose again in 2024. By March, the company had cut its forecast for the year.",
            "The plant closed last year. By Monday the workers were told to leave.",
        ] {
            assert_eq!(name(line), None, "{line}");
        }
        // A stamp on the next line says a bare byline word names one word too.
        assert_eq!(
            rules
                .labelled_byline("By Clay", true, true)
                .map(|(name, _)| name),
            Some("Clay")
        );
    }

    #[test]
    fn a_byline_label_alone_is_leads_and_a_byline_word() {
        let rules = rules();
        for line in ["Written by", "Article written by:", "By:", "Posted by"] {
            assert!(rules.is_byline_label_alone(line), "{line}");
        }
        // A filter's bare "by", a byline with its name, a sentence.
        for line in ["by", "By Jane Roe", "Shop by", "Sort results by"] {
            assert!(!rules.is_byline_label_alone(line), "{line}");
        }
    }

    #[test]
    fn domains_and_names() {
        let rules = rules();
        assert_eq!(rules.by_domain("lesechos.fr").unwrap().name, "Les Echos");
        assert_eq!(
            rules.by_domain("amp.lesechos.fr").unwrap().name,
            "Les Echos"
        );
        assert_eq!(
            rules.by_name("Source : les echos").unwrap().name,
            "Les Echos"
        );
        assert_eq!(
            rules
                .by_name("2 semaines d'accès au Courrier de Russie")
                .unwrap()
                .name,
            "Le Courrier de Russie"
        );
        assert!(rules.by_name("Les échoppes du marché").is_none());
    }

    #[test]
    fn closest_domain_and_everyday_names() {
        let rules = rules();
        assert_eq!(
            rules.by_domain("cincodias.elpais.com").unwrap().name,
            "Cinco Días"
        );
        assert_eq!(rules.by_domain("elpais.com").unwrap().name, "El País");
        // "Le Monde" is also "the world": only an exact source or copyright name counts.
        assert!(rules
            .by_name("Recevez les nouvelles de tout le monde")
            .is_none());
        assert_eq!(rules.exact_name("Le Monde").unwrap().name, "Le Monde");
        assert!(rules.is_agency("dpa") && rules.is_agency("ANSA") && !rules.is_agency("Le Monde"));
    }

    #[test]
    fn url_domains() {
        assert_eq!(
            url_domain("https://www.lesechos.fr/monde/europe/x-1981767").as_deref(),
            Some("lesechos.fr")
        );
        assert_eq!(url_domain("not a url"), None);
    }

    #[test]
    fn closing_quotes_come_back_innermost_first() {
        assert_eq!(
            with_closing_quotes("ИА «Вологодский меридиан"),
            "ИА «Вологодский меридиан»"
        );
        assert_eq!(
            with_closing_quotes("ООО «Издательский дом „Северный курьер"),
            "ООО «Издательский дом „Северный курьер“»"
        );
        assert_eq!(
            with_closing_quotes("ООО «Издательский дом „Северный курьер“"),
            "ООО «Издательский дом „Северный курьер“»"
        );
        assert_eq!(with_closing_quotes("«Вести»"), "«Вести»");
    }
}
