//! Boilerplate rules loaded from `config/boilerplate/*.toml`, compiled for fast line matching.
//!
//! Phrases are matched with one Aho-Corasick automaton over folded text (case- and
//! accent-insensitive); patterns are regular expressions over the folded text, or over the
//! original text when a rule sets `case_sensitive = true`.

use super::required_literals::required_literals;
use crate::document::MetaField;
use crate::text::{fold, fold_str, is_unspaced_script, Folded, WordSet};
use aho_corasick::automaton::Automaton;
use aho_corasick::{AhoCorasick, MatchKind};
use anyhow::{bail, Context, Result};
use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use regex_syntax::hir::{Capture, Hir, HirKind, LookSet, Repetition};
use serde::Deserialize;
use std::collections::HashSet;
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// What a rule does with the line it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Remove the whole line.
    Line,
    /// Remove only the matched span; the rest of the line stays.
    Strip,
    /// Remove the line and the links or headlines that follow it.
    Block,
    /// A paywall marker: remove the line and the subscription text after it.
    Truncate,
}

/// Where in the line a match must sit for the rule to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    Start,
    End,
    Whole,
    Any,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleSpec {
    id: String,
    category: String,
    action: Action,
    #[serde(default)]
    phrases: Vec<String>,
    pattern: Option<String>,
    #[serde(default)]
    case_sensitive: bool,
    position: Option<Position>,
    max_words: Option<usize>,
    /// The rule acts only on a page's first this many non-blank lines.
    top_lines: Option<usize>,
    field: Option<MetaField>,
    examples: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RulePack {
    language: String,
    #[serde(default)]
    stopwords: Vec<String>,
    #[serde(default)]
    third_person_pronouns: Vec<String>,
    #[serde(default, rename = "rule")]
    rules: Vec<RuleSpec>,
}

/// One compiled rule.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub category: String,
    pub language: String,
    pub action: Action,
    pub position: Position,
    pub max_words: usize,
    /// Set when the rule acts only on a page's first lines: there a consent banner's wording
    /// cannot be an article's, which may well speak of cookies and their audience.
    pub top_lines: Option<usize>,
    pub field: Option<MetaField>,
    pub examples: Vec<String>,
}

/// A rule match inside a line, in byte offsets of the original line.
#[derive(Debug, Clone, Copy)]
pub struct RuleMatch {
    pub rule: usize,
    pub start: usize,
    pub end: usize,
}

/// The longest lines (in words) of each group of patterns screened together; patterns that
/// reach longer lines go with the `strip` rules, which act on lines of any length. Half the
/// lines of the bench corpus are longer than 25 words, and most patterns are for short lines.
const REACH_GROUPS: [usize; 3] = [12, 30, 60];

/// The lazy-DFA cache of a page-top rule's pattern, in bytes.
const PAGE_TOP_DFA_BYTES: usize = 1 << 22;

/// Rule categories of calls to act that sites glue after a paragraph's last sentence, where the
/// sentences before them are the article's. A cookie notice's first sentences are the notice's.
const GLUED_CALL_CATEGORIES: &[&str] = &["newsletter", "subscription", "paywall"];

/// All rule packs, compiled.
pub struct RuleSet {
    pub rules: Vec<Rule>,
    /// Function words of every language, folded: a high share of them marks prose.
    pub stopwords: WordSet,
    /// Third-person pronouns of every language, folded: an author's bio speaks of them so.
    pub third_person_pronouns: WordSet,
    /// Every rule but the page-top ones.
    all: RuleMatcher,
    /// The rules of `GLUED_CALL_CATEGORIES` alone: the end of a long paragraph is read again
    /// for them, and the whole set there had cost a third more than the line's own pass.
    calls: RuleMatcher,
    /// The longest line (in words) a rule that removes whole lines acts on.
    whole_line_reach: usize,
    /// The rules with `top_lines`, matched on folded text apart from all others.
    page_top: Vec<TopPattern>,
}

/// The phrases and patterns of a group of rules, matched together.
struct RuleMatcher {
    phrases: AhoCorasick,
    /// The rules of each distinct phrase (several rules may share one).
    phrase_rules: Vec<Vec<usize>>,
    /// The longest line (in words) a phrase rule acts on.
    phrase_reach: usize,
    folded_patterns: PatternMatcher,
    cased_patterns: PatternMatcher,
}

/// What a rule matches with, before it is compiled into a `RuleMatcher`.
enum RuleText {
    /// Folded phrases.
    Phrases(Vec<String>),
    Folded(String),
    Cased(String),
}

/// A page-top rule's pattern and the same without its Unicode word boundaries: the lazy DFA
/// gives up on those in non-ASCII text, and the slow engine that took over cost a tenth of the
/// clean stage.
struct TopPattern {
    /// None when the pattern has no word boundaries: it is its own screen.
    screen: Option<Regex>,
    full: Regex,
    rule: usize,
}

impl TopPattern {
    fn new(source: &str, rule: usize) -> Result<TopPattern> {
        // A consent banner's pattern is a large automaton: with less than 4 MiB of lazy-DFA cache
        // the slow engine ran instead (50 times slower a line).
        let build = |source: &str| {
            RegexBuilder::new(source)
                .dfa_size_limit(PAGE_TOP_DFA_BYTES)
                .build()
        };
        Ok(TopPattern {
            screen: without_word_boundaries(source)
                .map(|screen| build(&screen))
                .transpose()?,
            full: build(source)?,
            rule,
        })
    }

    fn is_match(&self, folded: &str) -> bool {
        self.screened_in(folded) && self.full.is_match(folded)
    }

    fn screened_in(&self, folded: &str) -> bool {
        self.screen
            .as_ref()
            .is_none_or(|screen| screen.is_match(folded))
    }
}

/// Whether every match of `hir` ends at the end of the text and none need start at its start:
/// the regex engine then searches backwards from the end, and stops within a few characters
/// on most lines.
fn matches_at_line_end_only(hir: &Hir) -> bool {
    let props = hir.properties();
    props
        .look_set_suffix()
        .contains(regex_syntax::hir::Look::End)
        && !props
            .look_set_prefix()
            .contains(regex_syntax::hir::Look::Start)
}

/// `source` with its Unicode word-boundary assertions (`\b`, `\B`, `\<`, `\>`) left out, if it
/// has any: a pattern that matches wherever `source` does, and that the lazy DFA runs on any
/// text.
fn without_word_boundaries(source: &str) -> Option<String> {
    without_word_boundaries_in(&regex_syntax::Parser::new().parse(source).ok()?)
}

fn without_word_boundaries_in(hir: &Hir) -> Option<String> {
    hir.properties()
        .look_set()
        .contains_word_unicode()
        .then(|| strip_word_boundaries(hir).to_string())
}

fn strip_word_boundaries(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Look(look) if LookSet::singleton(*look).contains_word_unicode() => Hir::empty(),
        HirKind::Repetition(repetition) => Hir::repetition(Repetition {
            sub: Box::new(strip_word_boundaries(&repetition.sub)),
            ..repetition.clone()
        }),
        HirKind::Capture(capture) => Hir::capture(Capture {
            sub: Box::new(strip_word_boundaries(&capture.sub)),
            ..capture.clone()
        }),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(strip_word_boundaries).collect()),
        HirKind::Alternation(subs) => {
            Hir::alternation(subs.iter().map(strip_word_boundaries).collect())
        }
        _ => hir.clone(),
    }
}

/// Regex rules, screened before they run. Most hold a word of their own, and one
/// Aho-Corasick pass for those words screens them all (a quarter of the clean stage had gone
/// to pattern sets). The rest are screened with a few `RegexSet`s: patterns anchored at the
/// line start apart, since such a set gives up after the first bytes of most lines, and
/// patterns grouped by the longest line they act on (`REACH_GROUPS`), since a line is scanned
/// only by the sets that reach it. Patterns with Unicode word boundaries are screened apart,
/// without them: one `\b` in a set sent every line of non-ASCII text to the slow engine.
struct PatternMatcher {
    /// Patterns whose every match holds one of a few literals, screened by those.
    by_literal: LiteralScreened,
    /// Patterns without such literals that match only at the line's end ("… Ana Sobrino /
    /// Diario Vértice"): each runs alone, backwards from the end, which a set cannot do.
    line_end: Vec<Pattern>,
    /// The others, screened by pattern sets.
    screened: Vec<ScreenedPatterns>,
}

/// Patterns screened by one Aho-Corasick pass over the line for the literals they require
/// (`required_literals`): most lines hold none of them, and the few patterns whose literal a
/// line holds run on it alone.
struct LiteralScreened {
    patterns: Vec<Pattern>,
    /// One screen per tier of line length (from 0, then past each of `REACH_GROUPS`), each
    /// for the patterns that reach its lines: a paragraph is screened only for the few
    /// literals of the patterns that act on long lines.
    tiers: Vec<LiteralTier>,
}

struct LiteralTier {
    /// The shortest line (in words) the tier screens.
    from_words: usize,
    /// The concrete automaton: `AhoCorasick`'s overlapping search makes a virtual call per
    /// byte, three times slower. A contiguous NFA, not a DFA: the DFA of the 1,800 literals
    /// of all languages took 17 MB (a 256-wide row per state) and was no faster.
    literals: aho_corasick::nfa::contiguous::NFA,
    /// For each literal: the patterns that require it.
    holders: Vec<Vec<usize>>,
}

struct ScreenedPatterns {
    /// Each pattern, without its Unicode word boundaries if it has any.
    screen: RegexSet,
    /// For each pattern of `screen`: the pattern.
    patterns: Vec<Pattern>,
    /// The longest reach of its patterns.
    reach: usize,
}

struct Pattern {
    source: String,
    /// Built on first use: a screened pattern runs only once its set matched, most rules never
    /// match most corpora, and building them all took a third of a small build's time. Shared
    /// by every matcher that holds the pattern (`SharedRegexes`).
    regex: Arc<OnceLock<Regex>>,
    rule: usize,
    /// The longest line (in words) the rule acts on.
    reach: usize,
}

type PatternSpec = (String, usize, usize);

/// One compiled regex per distinct pattern source, for all matchers of a rule set: the call
/// rules' own matcher holds the same patterns as the whole set's, and a compiled pattern (its
/// automata, then a cache per thread) is tens to hundreds of kilobytes.
/// Every source in it passed the size limit at start-up: compiled alone, or within the set that
/// holds it.
#[derive(Default)]
struct SharedRegexes(std::collections::HashMap<String, Arc<OnceLock<Regex>>>);

/// A pattern and its screen, when the screen is another pattern (`without_word_boundaries`).
type ScreenedSpec = (PatternSpec, Option<String>);

impl PatternMatcher {
    /// `patterns` are (source, rule, reach).
    fn new(patterns: Vec<PatternSpec>, shared: &mut SharedRegexes) -> Result<PatternMatcher> {
        let mut groups: Vec<((bool, usize, bool), Vec<ScreenedSpec>)> = Vec::new();
        let mut by_literal = Vec::new();
        let mut line_end = Vec::new();
        for spec in patterns {
            let hir = regex_syntax::Parser::new().parse(&spec.0)?;
            if let Some(literals) = required_literals(&hir) {
                by_literal.push((spec, literals));
                continue;
            }
            if matches_at_line_end_only(&hir) {
                line_end.push(Pattern::compiled(spec, shared)?);
                continue;
            }
            let screen = without_word_boundaries_in(&hir);
            // A misfiled pattern ("^a|b") only costs speed: every set stays exact.
            let reach_group = REACH_GROUPS
                .into_iter()
                .find(|&most| spec.2 <= most)
                .unwrap_or(usize::MAX);
            let key = (spec.0.starts_with('^'), reach_group, screen.is_some());
            match groups.iter_mut().find(|(k, _)| *k == key) {
                Some((_, group)) => group.push((spec, screen)),
                None => groups.push((key, vec![(spec, screen)])),
            }
        }
        Ok(PatternMatcher {
            by_literal: LiteralScreened::new(by_literal, shared)?,
            line_end,
            screened: groups
                .into_iter()
                .map(|(_, group)| ScreenedPatterns::new(group, shared))
                .collect::<Result<_>>()?,
        })
    }

    /// Every match in `haystack` of the patterns that reach a line of `words` words, as
    /// (rule, start, end) in haystack offsets.
    fn find(&self, haystack: &str, words: usize, mut found: impl FnMut(usize, usize, usize)) {
        let screened = self
            .screened
            .iter()
            .filter(|set| set.reach >= words)
            .flat_map(|set| set.matching(haystack));
        let at_line_end = self
            .line_end
            .iter()
            .filter(|p| p.reach >= words && p.regex().is_match(haystack));
        for pattern in self
            .by_literal
            .matching(haystack, words)
            .chain(at_line_end)
            .chain(screened)
        {
            if pattern.reach < words {
                continue;
            }
            for m in pattern.regex().find_iter(haystack) {
                found(pattern.rule, m.start(), m.end());
            }
        }
    }
}

impl LiteralScreened {
    fn new(
        patterns: Vec<(PatternSpec, Vec<Vec<u8>>)>,
        shared: &mut SharedRegexes,
    ) -> Result<LiteralScreened> {
        let tiers = [0]
            .into_iter()
            .chain(REACH_GROUPS.map(|most| most + 1))
            .map(|from_words| LiteralTier::new(from_words, &patterns))
            .collect::<Result<_>>()?;
        let patterns = patterns
            .into_iter()
            .map(|(spec, _)| Pattern::checked(spec, shared))
            .collect::<Result<_>>()?;
        Ok(LiteralScreened { patterns, tiers })
    }

    /// The patterns of the tier of a line of `words` words whose literal `haystack` holds.
    fn matching<'a>(&'a self, haystack: &str, words: usize) -> impl Iterator<Item = &'a Pattern> {
        let tier = self
            .tiers
            .iter()
            .rev()
            .find(|tier| tier.from_words <= words)
            .expect("the first tier screens lines from 0 words");
        let mut candidates: Vec<usize> = tier
            .literals
            .try_find_overlapping_iter(aho_corasick::Input::new(haystack))
            .expect("an unanchored search of a standard automaton cannot fail")
            .flat_map(|m| &tier.holders[m.pattern().as_usize()])
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        candidates.into_iter().map(|i| &self.patterns[i])
    }
}

impl LiteralTier {
    fn new(from_words: usize, patterns: &[(PatternSpec, Vec<Vec<u8>>)]) -> Result<LiteralTier> {
        let mut literals: Vec<&[u8]> = Vec::new();
        let mut holders: Vec<Vec<usize>> = Vec::new();
        let mut slots: std::collections::HashMap<&[u8], usize> = Default::default();
        for (i, ((_, _, reach), required)) in patterns.iter().enumerate() {
            if *reach < from_words {
                continue;
            }
            for literal in required {
                let slot = *slots.entry(literal).or_insert_with(|| {
                    literals.push(literal);
                    holders.push(Vec::new());
                    literals.len() - 1
                });
                holders[slot].push(i);
            }
        }
        Ok(LiteralTier {
            from_words,
            literals: aho_corasick::nfa::contiguous::NFA::builder()
                .match_kind(MatchKind::Standard)
                .build(&literals)
                .context("cannot build the pattern literals' matcher")?,
            holders,
        })
    }
}

impl ScreenedPatterns {
    fn new(patterns: Vec<ScreenedSpec>, shared: &mut SharedRegexes) -> Result<ScreenedPatterns> {
        Ok(ScreenedPatterns {
            screen: RegexSetBuilder::new(
                patterns
                    .iter()
                    .map(|((source, _, _), screen)| screen.as_ref().unwrap_or(source)),
            )
            .dfa_size_limit(LAZY_DFA_BYTES)
            .size_limit(PATTERN_SET_BYTES)
            .build()
            .context(PATTERNS_TOO_LARGE)?,
            reach: patterns.iter().map(|(p, _)| p.2).max().unwrap_or(0),
            patterns: patterns
                .into_iter()
                // Its set holds another pattern: fail here if this one is too large.
                .map(|(spec, screen)| match screen {
                    Some(_) => Pattern::checked(spec, shared),
                    None => Ok(Pattern::lazy(spec, shared)),
                })
                .collect::<Result<_>>()?,
        })
    }

    fn matching<'a>(&'a self, haystack: &str) -> impl Iterator<Item = &'a Pattern> {
        self.screen
            .matches(haystack)
            .into_iter()
            .map(|i| &self.patterns[i])
    }
}

impl Pattern {
    /// The pattern, compiled on first use.
    fn lazy((source, rule, reach): PatternSpec, shared: &mut SharedRegexes) -> Pattern {
        let regex = shared.0.entry(source.clone()).or_default().clone();
        Pattern {
            source,
            regex,
            rule,
            reach,
        }
    }

    /// The pattern compiled now, for one that no pattern set holds as written: a pattern too
    /// large fails at start-up, not on the first line that needs it.
    fn compiled(spec: PatternSpec, shared: &mut SharedRegexes) -> Result<Pattern> {
        let pattern = Pattern::lazy(spec, shared);
        if pattern.regex.get().is_none() {
            let regex = Pattern::build(&pattern.source).context(PATTERNS_TOO_LARGE)?;
            pattern.regex.get_or_init(|| regex);
        }
        Ok(pattern)
    }

    /// The pattern compiled on first use, for one that no pattern set holds as written: it is
    /// compiled once now so that a pattern too large fails at start-up, and dropped, since most
    /// patterns never run on a given corpus (their automata took 40 MB).
    fn checked(spec: PatternSpec, shared: &mut SharedRegexes) -> Result<Pattern> {
        if !shared.0.contains_key(&spec.0) {
            Pattern::build(&spec.0).context(PATTERNS_TOO_LARGE)?;
        }
        Ok(Pattern::lazy(spec, shared))
    }

    fn build(source: &str) -> Result<Regex, regex::Error> {
        RegexBuilder::new(source)
            .size_limit(PATTERN_SET_BYTES)
            .build()
    }

    fn regex(&self) -> &Regex {
        self.regex.get_or_init(|| {
            // It compiled at start-up, or within the limit its whole set compiled in, so this
            // cannot fail.
            Pattern::build(&self.source).expect("a pattern compiles when it did at start-up")
        })
    }
}

const DEFAULT_MAX_WORDS: usize = 25;
/// Cache of the lazy DFA that screens the patterns, per set and thread: too small and it falls
/// back to a slow engine (4 MiB tripled the clean stage on the bench corpus; 8 MiB kept its
/// speed and took 40 MB less than 16 MiB at 100,000 documents, until the rules of 2026-12-04
/// made the whole build half again slower with it; 12 MiB is back to the earlier speed). A
/// build that slows down after new rules may need more: `-v` prints the clean stage's time.
const LAZY_DFA_BYTES: usize = 12 << 20;
/// Compiled-size limit of each pattern set and pattern: the rule packs of all languages are
/// matched together, and Unicode classes such as \p{L} compile large. The metadata stage
/// compiles the same patterns with it.
pub const PATTERN_SET_BYTES: usize = 64 << 20;
const PATTERNS_TOO_LARGE: &str =
    "the rule patterns in config/boilerplate are too large to compile \
     together: in folded patterns use [a-z] classes instead of \\p{L} or \\w";

impl RuleSet {
    /// Load every `.toml` rule pack in `dir`.
    pub fn load_dir(dir: &Path) -> Result<RuleSet> {
        let mut packs = Vec::new();
        for file in crate::config::toml_files_in(dir)? {
            let source = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read rule pack {}", file.display()))?;
            let pack: RulePack = toml::from_str(&source)
                .with_context(|| format!("invalid rule pack {}", file.display()))?;
            packs.push(pack);
        }
        RuleSet::compile(packs)
    }

    /// Parse rule packs from TOML sources (used by tests and embedded defaults).
    pub fn from_sources(sources: &[&str]) -> Result<RuleSet> {
        let packs = sources
            .iter()
            .map(|s| toml::from_str::<RulePack>(s).context("invalid rule pack"))
            .collect::<Result<Vec<_>>>()?;
        RuleSet::compile(packs)
    }

    fn compile(packs: Vec<RulePack>) -> Result<RuleSet> {
        let mut rules = Vec::new();
        let mut seen = HashSet::new();
        let mut texts: Vec<(usize, RuleText)> = Vec::new();
        let mut page_top = Vec::new();
        let mut stopwords = WordSet::default();
        let mut third_person_pronouns = WordSet::default();
        for pack in packs {
            stopwords.extend(pack.stopwords.iter().map(|w| fold_str(w.trim())));
            third_person_pronouns.extend(
                pack.third_person_pronouns
                    .iter()
                    .map(|w| fold_str(w.trim())),
            );
            for spec in pack.rules {
                if !seen.insert(spec.id.clone()) {
                    bail!("rule id '{}' is defined twice", spec.id);
                }
                if spec.examples.is_empty() {
                    bail!("rule '{}' has no example", spec.id);
                }
                let index = rules.len();
                let max_words = spec.max_words.unwrap_or(DEFAULT_MAX_WORDS);
                match (&spec.pattern, spec.phrases.is_empty()) {
                    (Some(_), false) => {
                        bail!("rule '{}' has both phrases and a pattern", spec.id)
                    }
                    (None, true) => bail!("rule '{}' has neither phrases nor a pattern", spec.id),
                    (None, false) if spec.top_lines.is_some() => {
                        bail!("rule '{}' has top_lines: give it a pattern", spec.id)
                    }
                    (None, false) => {
                        let mut phrases = Vec::new();
                        for phrase in &spec.phrases {
                            let folded = fold_str(phrase.trim());
                            if folded.is_empty() {
                                bail!("rule '{}' has an empty phrase", spec.id);
                            }
                            phrases.push(folded);
                        }
                        texts.push((index, RuleText::Phrases(phrases)));
                    }
                    (Some(pattern), true) => {
                        // Folded text is already lowercase: no (?i), which would multiply the
                        // automaton size for every Unicode class.
                        let source = pattern.clone();
                        regex_syntax::Parser::new()
                            .parse(&source)
                            .with_context(|| {
                                format!("rule '{}' has an invalid pattern", spec.id)
                            })?;
                        if spec.top_lines.is_some() {
                            page_top.push(TopPattern::new(&source, index)?);
                        } else if spec.case_sensitive {
                            texts.push((index, RuleText::Cased(source)));
                        } else {
                            texts.push((index, RuleText::Folded(source)));
                        }
                    }
                }
                let default_position = if spec.pattern.is_some() {
                    Position::Any
                } else {
                    Position::Start
                };
                rules.push(Rule {
                    id: spec.id,
                    category: spec.category,
                    language: pack.language.clone(),
                    action: spec.action,
                    position: spec.position.unwrap_or(default_position),
                    max_words,
                    top_lines: spec.top_lines,
                    field: spec.field,
                    examples: spec.examples,
                });
            }
        }
        let mut shared = SharedRegexes::default();
        let all = RuleMatcher::new(&rules, texts.iter(), &mut shared)?;
        let calls = RuleMatcher::new(
            &rules,
            texts.iter().filter(|(r, _)| rules[*r].is_call()),
            &mut shared,
        )?;
        let whole_line_reach = rules
            .iter()
            .filter(|r| r.action != Action::Strip)
            .map(|r| r.max_words)
            .max()
            .unwrap_or(0);
        Ok(RuleSet {
            rules,
            stopwords,
            third_person_pronouns,
            all,
            calls,
            whole_line_reach,
            page_top,
        })
    }

    /// The longest line (in words) a rule that removes whole lines acts on.
    pub fn whole_line_reach(&self) -> usize {
        self.whole_line_reach
    }

    /// Every match of every rule in `line`, sorted by start offset.
    pub fn find(&self, line: &str) -> Vec<RuleMatch> {
        let mut found = self.find_acting_on(line, 0);
        let folded = fold(line);
        for top in self.page_top.iter().filter(|t| t.screened_in(&folded.text)) {
            found.extend(top.full.find_iter(&folded.text).map(|m| RuleMatch {
                rule: top.rule,
                start: folded.original_offset(m.start()),
                end: folded.original_offset(m.end()),
            }));
        }
        found.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end), m.rule));
        found
    }

    /// How many of a page's first non-blank lines a page-top rule may act on.
    pub fn page_top_reach(&self) -> usize {
        self.page_top
            .iter()
            .filter_map(|top| self.rules[top.rule].top_lines)
            .max()
            .unwrap_or(0)
    }

    /// The page-top rule that removes `line` of `words` words, the `ordinal`-th non-blank line
    /// of the page (from 0), if any.
    pub fn page_top_rule(&self, line: &str, ordinal: usize, words: usize) -> Option<usize> {
        let folded = fold_str(line);
        self.page_top
            .iter()
            .find(|top| {
                let rule = &self.rules[top.rule];
                rule.top_lines.is_some_and(|n| ordinal < n)
                    && words <= rule.max_words
                    && top.is_match(&folded)
            })
            .map(|top| top.rule)
    }

    /// Every match in `line` of the rules that act on a line of `words` words (`strip` rules and
    /// rules with `max_words` of at least `words`), sorted by start offset. Most prose lines are
    /// longer than any whole-line rule reaches, so most rules need not run on them.
    pub fn find_acting_on(&self, line: &str, words: usize) -> Vec<RuleMatch> {
        self.all.find_acting_on(&self.rules, line, words)
    }

    /// `find_acting_on` for the rules of `GLUED_CALL_CATEGORIES` alone.
    pub fn find_calls_acting_on(&self, line: &str, words: usize) -> Vec<RuleMatch> {
        self.calls.find_acting_on(&self.rules, line, words)
    }
}

impl RuleMatcher {
    fn new<'a>(
        rules: &[Rule],
        texts: impl Iterator<Item = &'a (usize, RuleText)>,
        shared: &mut SharedRegexes,
    ) -> Result<RuleMatcher> {
        let mut phrase_list: Vec<String> = Vec::new();
        let mut phrase_rules: Vec<Vec<usize>> = Vec::new();
        let mut phrase_index: std::collections::HashMap<&str, usize> = Default::default();
        let mut folded_patterns = Vec::new();
        let mut cased_patterns = Vec::new();
        let mut phrase_reach = 0;
        for (index, text) in texts {
            let reach = rules[*index].reach();
            match text {
                RuleText::Phrases(phrases) => {
                    for phrase in phrases {
                        let slot = *phrase_index.entry(phrase).or_insert_with(|| {
                            phrase_list.push(phrase.clone());
                            phrase_rules.push(Vec::new());
                            phrase_list.len() - 1
                        });
                        if !phrase_rules[slot].contains(index) {
                            phrase_rules[slot].push(*index);
                        }
                        phrase_reach = phrase_reach.max(reach);
                    }
                }
                RuleText::Folded(source) => folded_patterns.push((source.clone(), *index, reach)),
                RuleText::Cased(source) => cased_patterns.push((source.clone(), *index, reach)),
            }
        }
        let phrases = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&phrase_list)
            .context("cannot build the phrase matcher")?;
        Ok(RuleMatcher {
            phrases,
            phrase_rules,
            phrase_reach,
            folded_patterns: PatternMatcher::new(folded_patterns, shared)?,
            cased_patterns: PatternMatcher::new(cased_patterns, shared)?,
        })
    }

    fn find_acting_on(&self, rules: &[Rule], line: &str, words: usize) -> Vec<RuleMatch> {
        let folded = fold(line);
        let mut found = Vec::new();
        if self.phrase_reach >= words {
            self.find_phrases(rules, &folded, line, words, &mut found);
        }
        self.folded_patterns
            .find(&folded.text, words, |rule, start, end| {
                found.push(RuleMatch {
                    rule,
                    start: folded.original_offset(start),
                    end: folded.original_offset(end),
                })
            });
        self.cased_patterns.find(line, words, |rule, start, end| {
            found.push(RuleMatch { rule, start, end })
        });
        // On equal spans a language's own rule comes before a language-independent one.
        let generic = |m: &RuleMatch| rules[m.rule].language == "generic";
        found.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end), generic(m), m.rule));
        found
    }

    fn find_phrases(
        &self,
        rules: &[Rule],
        folded: &Folded,
        line: &str,
        words: usize,
        found: &mut Vec<RuleMatch>,
    ) {
        for m in self.phrases.find_overlapping_iter_safe(&folded.text) {
            let (start, end) = (m.0, m.1);
            let original_start = folded.original_offset(start);
            let original_end = folded.original_offset(end);
            let original_first = line[original_start..].chars().next();
            let glued_after = line[original_end..]
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
                && line[..original_end]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_lowercase);
            if !is_word_edge(&folded.text, start, end, original_first, glued_after) {
                continue;
            }
            for &rule in &self.phrase_rules[m.2] {
                if rules[rule].reach() >= words {
                    found.push(RuleMatch {
                        rule,
                        start: original_start,
                        end: original_end,
                    });
                }
            }
        }
    }
}

impl Rule {
    /// The longest line (in words) the rule acts on: a `strip` rule acts on lines of any length.
    pub fn reach(&self) -> usize {
        reach(self.action, self.max_words)
    }

    /// Whether the rule reads a call to act of `GLUED_CALL_CATEGORIES`.
    pub fn is_call(&self) -> bool {
        GLUED_CALL_CATEGORIES.contains(&self.category.as_str())
    }
}

fn reach(action: Action, max_words: usize) -> usize {
    match action {
        Action::Strip => usize::MAX,
        _ => max_words,
    }
}

/// Aho-Corasick over folded text, yielding (start, end, pattern) for every leftmost-longest
/// match and also matches that start inside an earlier one (a phrase glued after another).
trait OverlapSafe {
    fn find_overlapping_iter_safe(&self, haystack: &str) -> Vec<(usize, usize, usize)>;
}

impl OverlapSafe for AhoCorasick {
    fn find_overlapping_iter_safe(&self, haystack: &str) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        let mut from = 0;
        while from < haystack.len() {
            let input = aho_corasick::Input::new(haystack).span(from..haystack.len());
            let Some(m) = self.find(input) else { break };
            out.push((m.start(), m.end(), m.pattern().as_usize()));
            // Restart just after the match start, so a phrase glued inside a longer match is seen.
            from = next_char_boundary(haystack, m.start());
        }
        out
    }
}

fn next_char_boundary(s: &str, i: usize) -> usize {
    let mut j = i + 1;
    while j < s.len() && !s.is_char_boundary(j) {
        j += 1;
    }
    j
}

/// A phrase matches whole words: on each side either no letter or digit, a glue point (a
/// capital letter stuck to a lowercase one: `RussieJe souscris`, `NewsletterRecevez`), or a
/// letter of a script written without spaces, where words run together (`的广告`, `記事は`).
fn is_word_edge(
    folded: &str,
    start: usize,
    end: usize,
    original_first: Option<char>,
    glued_after: bool,
) -> bool {
    let phrase = &folded[start..end];
    let after = folded[end..].chars().next();
    let before = folded[..start].chars().next_back();
    let after_ok = glued_after
        || after.is_none_or(|c| !c.is_alphanumeric())
        || unspaced_boundary(phrase.chars().next_back(), after);
    let before_ok = before.is_none_or(|c| !c.is_alphanumeric())
        || original_first.is_some_and(char::is_uppercase)
        || unspaced_boundary(before, phrase.chars().next());
    after_ok && before_ok
}

/// A boundary between two characters of which one belongs to a script written without spaces.
fn unspaced_boundary(a: Option<char>, b: Option<char>) -> bool {
    a.is_some_and(is_unspaced_script) || b.is_some_and(is_unspaced_script)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every rule in the shipped packs matches each of its own examples.
    #[test]
    fn shipped_rules_match_their_examples() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("config/boilerplate");
        let set = RuleSet::load_dir(&dir).unwrap();
        assert!(set.rules.len() > 20);
        let mut failures = Vec::new();
        for (index, rule) in set.rules.iter().enumerate() {
            for example in &rule.examples {
                if !set.find(example).iter().any(|m| m.rule == index) {
                    failures.push(format!("rule {} does not match {example:?}", rule.id));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn screens_leave_out_word_boundaries_and_nothing_else() {
        let screen = without_word_boundaries(r"\b(?:ads|куки)\b.*\Bx").unwrap();
        let screen = Regex::new(&screen).unwrap();
        // The screen matches wherever the pattern does, and more: it is only a screen.
        assert!(screen.is_match("roads куки fox"));
        assert!(!Regex::new(r"\b(?:ads|куки)\b").unwrap().is_match("roads"));
        assert!(!screen.is_match("roads only"));
        assert_eq!(without_word_boundaries("^(?:copyright|©)"), None);
    }

    /// A pattern compiled only on first use still fails the start-up when it is too large, and
    /// its compiled regex is not kept until a line needs it.
    #[test]
    fn patterns_screened_by_their_literal_compile_on_first_use() {
        let pack = |pattern: &str| {
            format!(
                r#"
language = "xx"
[[rule]]
id = "xx.cookies"
category = "cookie"
action = "line"
pattern = '{pattern}'
examples = ["cookies here"]
"#
            )
        };
        let error = RuleSet::from_sources(&[&pack(r"cookies \p{L}{1,2000}\p{L}{1,2000}")])
            .err()
            .expect("a pattern past the size limit fails the start-up");
        assert!(format!("{error:#}").contains("too large"), "{error:#}");
        let set = RuleSet::from_sources(&[&pack(r"cookies \w+")]).unwrap();
        let pattern = &set.all.folded_patterns.by_literal.patterns[0];
        assert!(pattern.regex.get().is_none());
        assert_eq!(set.find_acting_on("cookies here", 2).len(), 1);
        assert!(pattern.regex.get().is_some());
    }

    /// A pattern with a word of its own is screened by that word, found anywhere in the line,
    /// and still acts only on the lines it reaches.
    #[test]
    fn patterns_screened_by_their_literal_match_as_written() {
        let set = RuleSet::from_sources(&[r#"
language = "xx"
[[rule]]
id = "xx.cookies"
category = "cookie"
action = "line"
max_words = 6
pattern = '^.{0,30}\bcookies?\b'
examples = ["Nous utilisons des cookies"]
"#])
        .unwrap();
        assert_eq!(set.all.folded_patterns.by_literal.patterns.len(), 1);
        let found = set.find_acting_on("Nous utilisons des Cookies", 4);
        assert_eq!((found.len(), found[0].start, found[0].end), (1, 0, 26));
        assert!(set
            .find_acting_on("Nous utilisons des cookies", 7)
            .is_empty());
        assert!(set
            .find_acting_on("Nous utilisons des biscuits", 4)
            .is_empty());
        assert!(set.find_acting_on("Les cookiesfrais", 2).is_empty());
    }

    /// A pattern with word boundaries goes to a set of its own, screened without them, and
    /// still matches only where its boundaries hold, in any script.
    #[test]
    fn patterns_with_word_boundaries_match_as_written() {
        let set = RuleSet::from_sources(&[r#"
language = "xx"
[[rule]]
id = "xx.ads"
category = "ad"
action = "line"
pattern = '\b(?:ads|реклама)\b'
examples = ["ads", "Реклама"]
"#])
        .unwrap();
        assert_eq!(set.find_acting_on("Реклама", 1).len(), 1);
        assert_eq!(set.find_acting_on("рекламами и roads", 3).len(), 0);
        assert_eq!(set.find_acting_on("sponsored ads here", 3).len(), 1);
    }

    #[test]
    fn phrases_ignore_case_and_accents() {
        let set = RuleSet::from_sources(&[r#"
language = "fr"
[[rule]]
id = "t.subscribe"
category = "subscription"
action = "line"
phrases = ["déjà abonné"]
examples = ["Déjà abonné ?"]
"#])
        .unwrap();
        let m = set.find("DEJA ABONNE ? Connectez-vous");
        assert_eq!(m.len(), 1);
        assert_eq!((m[0].start, m[0].end), (0, 11));
        assert!(set.find("déjà abonnés").is_empty());
    }

    #[test]
    fn phrases_match_next_to_letters_of_scripts_written_without_spaces() {
        let set = RuleSet::from_sources(&[r#"
language = "xx"
[[rule]]
id = "t.ad"
category = "ad"
action = "line"
position = "any"
phrases = ["广告", "有料会員限定", "nhk", "pub", "реклама"]
examples = ["广告"]
"#])
        .unwrap();
        let m = set.find("本页面的广告位");
        assert_eq!(m.len(), 1);
        assert_eq!((m[0].start, m[0].end), (12, 18));
        assert_eq!(set.find("この記事は有料会員限定です").len(), 1);
        assert_eq!(set.find("NHKニュース").len(), 1);
        // Latin and Cyrillic words still match whole only.
        assert_eq!(set.find("la pub, oui").len(), 1);
        assert!(set.find("public").is_empty());
        assert!(set.find("рекламный").is_empty());
    }

    #[test]
    fn duplicate_ids_are_an_error() {
        let pack = r#"
language = "xx"
[[rule]]
id = "a"
category = "ad"
action = "line"
phrases = ["x"]
examples = ["x"]
"#;
        let err = RuleSet::from_sources(&[pack, pack]).err().unwrap();
        assert!(err.to_string().contains("defined twice"));
    }
}
