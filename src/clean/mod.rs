//! Clean stage: markup to plain text, then boilerplate removal by rules (from `config/`) and by
//! structure (paywall truncation, "read also" blocks, footers, repeated titles and lines).

mod article_finder;
mod line_stats;
mod markup;
mod required_literals;
mod rules;
mod structure;

use article_finder::FinderLine;
pub use article_finder::{ArticleFinder, MODEL_RULE};
pub use line_stats::{LineStats, RepeatedLines};
pub use markup::{to_plain_lines, PlainLine};
pub use rules::{Action, Position, Rule, RuleMatch, RuleSet, PATTERN_SET_BYTES};
pub use structure::LineShape;

use crate::config::{CleanConfig, Config};
use crate::document::{Document, Format, MetaField, Removal};
use crate::text::{
    alnum_key, alnum_key_chars, count_words, ends_like_sentence, fold_str, is_terminal_punct,
    is_unspaced_script, writes_in_lower_case, WordSet,
};
use anyhow::Result;
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

/// Rule ids of the structural rules (the data-driven ones come from the rule packs).
pub const FOOTER_RULE: &str = "generic.footer";
pub const SIGNATURE_RULE: &str = "generic.signature";
pub const DUPLICATE_RULE: &str = "generic.duplicate_line";
pub const TITLE_REPEAT_RULE: &str = "generic.title_repeat";
pub const MASTHEAD_RULE: &str = "generic.masthead";
pub const ABOVE_HEADLINE_RULE: &str = "generic.above_headline";
pub const CONTEXT_RULE: &str = "generic.boilerplate_context";
pub const REPEATED_RULE: &str = "generic.repeated_line";
pub const COMMENT_RULE: &str = "generic.comment";
pub const NEWS_FEED_RULE: &str = "generic.news_feed";
pub const BELOW_COPYRIGHT_RULE: &str = "generic.below_copyright";
pub const AUTHOR_BOX_RULE: &str = "generic.author_box";
pub const AUTHOR_BIO_RULE: &str = "generic.author_bio_box";
pub const BARE_BYLINE_RULE: &str = "generic.bare_byline";
pub const STAMPED_BYLINE_RULE: &str = "generic.stamped_byline";
/// The rule-pack rule that finds a comment's action row (config/boilerplate/generic.toml).
const COMMENT_ACTIONS_RULE: &str = "generic.comment_actions";

/// A paywall marker followed by this many prose lines, or this many words of prose, is a
/// prompt in the middle of a complete article, not a cut.
const PROSE_AFTER_PAYWALL_LINES: usize = 2;
const PROSE_AFTER_PAYWALL_WORDS: usize = 50;
/// Rule categories of the lines that start what follows an article: comments, other articles,
/// its tags, its authors' box.
const ARTICLE_END_CATEGORIES: &[&str] = &["comments", "related", "tags", "author_box"];
/// A line with at least this many words and final punctuation counts as prose.
const PROSE_LINE_WORDS: usize = structure::PROSE_MIN_WORDS;
/// A byline label on a line of its own ("By", "Written by", "Article by:") has at most this
/// many words, and the name line under it between two and this many.
const SPLIT_BYLINE_LABEL_WORDS: usize = 3;
const SPLIT_BYLINE_NAME_WORDS: usize = 6;
/// A short line right before prose is a subheading, even inside a "read also" block.
const SUBHEADING_MAX_WORDS: usize = 5;
/// Under related headlines that each have a kicker's colon ("Sikasso : les vergers ..."), a line
/// without one has at most this many words to be a subheading ("L'État promet de maintenir la
/// subvention").
const UNLABELLED_SUBHEADING_MAX_WORDS: usize = 7;
/// At most this many label-like lines between two removed lines are removed with them.
const CONTEXT_MAX_RUN: usize = 3;
/// A section path in the header ("Sport | Football amateur") has at most this many words.
const HEADER_PATH_MAX_WORDS: usize = 8;
pub const ERROR_PAGE_RULE: &str = "generic.error_page";
/// Page-top rules read at most this many lines, menu items included.
const PAGE_TOP_MAX_LINES: usize = 60;
/// A headline has at most this many words.
const HEADLINE_MAX_WORDS: usize = 25;
/// A header line of at least this many words with letters after a kicker's colon, or this many
/// with a comma, reads as a headline in title case.
const PHRASED_MIN_WORDS: usize = 4;
const PHRASED_LONG_WORDS: usize = 9;
/// Repeated titles are looked for among the first lines only.
const TITLE_REPEAT_WINDOW: usize = 15;

pub struct Cleaner {
    rules: RuleSet,
    finder: Option<ArticleFinder>,
    config: CleanConfig,
    repeated_lines: RepeatedLines,
}

/// What happened to one plain line, for `clean --explain`.
#[derive(Debug, Clone, Serialize)]
pub struct LineTrace {
    pub line: usize,
    pub text: String,
    /// The part of the line that stays (empty when the whole line was removed).
    pub kept: String,
    pub removed: Vec<Removal>,
    /// The article finder's score and features of the line, when it judged it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f32>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub features: Vec<f32>,
}

/// The cleaner's full decision record for one document.
#[derive(Debug, Clone, Serialize)]
pub struct CleanTrace {
    pub markup_removed: Vec<Removal>,
    pub lines: Vec<LineTrace>,
    pub is_truncated: bool,
    pub truncated_by: Option<String>,
    pub headline: Option<String>,
    /// Short lines around the headline of a page dump, as written (bylines, date stamps).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub header: Vec<String>,
}

/// Where the header ends, found by the masthead pass.
#[derive(Default)]
struct Header {
    /// The line kept as the headline.
    headline: Option<usize>,
    first_prose: Option<usize>,
}

struct WorkLine {
    plain: PlainLine,
    kept: String,
    /// The shape of `kept`, computed once: every pass looks at it.
    shape: LineShape,
    /// The shape of the page line's whole text, which a line the finder dropped takes back.
    plain_shape: LineShape,
    removed: Vec<Removal>,
}

impl WorkLine {
    fn new(plain: PlainLine, stopwords: &WordSet) -> WorkLine {
        let shape = LineShape::of(&plain.text, stopwords);
        WorkLine {
            kept: plain.text.clone(),
            shape,
            plain_shape: shape,
            plain,
            removed: Vec::new(),
        }
    }

    /// Whether the page line has any text: blank lines separate blocks.
    fn has_text(&self) -> bool {
        !self.plain.text.trim().is_empty()
    }

    fn is_kept(&self) -> bool {
        !self.kept.is_empty()
    }

    /// Kept, and prose: a paragraph of the article, as far as the line can tell.
    fn is_kept_prose(&self) -> bool {
        self.is_kept() && self.shape.is_prose()
    }

    fn set_kept(&mut self, kept: String, stopwords: &WordSet) {
        if kept != self.kept {
            self.shape = LineShape::of(&kept, stopwords);
            self.kept = kept;
        }
    }

    /// Put back a line the article finder, and no rule, removed.
    fn undo_finder_drop(&mut self) {
        if self.dropped_by_finder() {
            self.removed.clear();
            self.kept = self.plain.text.clone();
            self.shape = self.plain_shape;
        }
    }

    /// Remove the line as the article finder does, with the score it gave it.
    fn drop_by_finder(&mut self, score: f32) {
        self.drop_all(MODEL_RULE, "model", None);
        if let Some(removal) = self.removed.last_mut() {
            removal.score = Some(score);
        }
    }

    /// Whether the article finder, and no rule, removed this line.
    fn dropped_by_finder(&self) -> bool {
        self.dropped_only_by(MODEL_RULE)
    }

    /// Whether `rule_id` alone removed this line.
    fn dropped_only_by(&self, rule_id: &str) -> bool {
        !self.is_kept() && self.removed.iter().all(|r| r.rule_id == rule_id)
    }

    /// Give the finder's removal of this line a rule's reason (a byline it dropped with the
    /// menus around it).
    fn relabel_finder_drop(&mut self, rule_id: &str, category: &str, field: Option<MetaField>) {
        for removal in &mut self.removed {
            removal.rule_id = rule_id.to_string();
            removal.category = category.to_string();
            removal.field = field;
            removal.score = None;
        }
    }

    fn drop_all(&mut self, rule_id: &str, category: &str, field: Option<MetaField>) {
        if self.is_kept() {
            self.removed.push(Removal {
                rule_id: rule_id.to_string(),
                text: std::mem::take(&mut self.kept),
                category: category.to_string(),
                field,
                score: None,
            });
            self.shape = LineShape::default();
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
            finder: config
                .article_finder_path()
                .map(|path| ArticleFinder::load(&path))
                .transpose()?,
            config: config.clean.clone(),
            repeated_lines: RepeatedLines::none(),
        })
    }

    /// Use corpus-wide line counts (from a first pass over all inputs) to remove repeated lines.
    pub fn set_line_stats(&mut self, line_stats: LineStats) {
        self.repeated_lines = line_stats.repeated_lines(self.config.repeated_min_docs);
    }

    /// The lines it removes as repeated across the corpus.
    pub fn repeated_lines(&self) -> &RepeatedLines {
        &self.repeated_lines
    }

    /// The repeated lines, once the cleaner (its compiled rules) is no longer needed.
    pub fn into_repeated_lines(self) -> RepeatedLines {
        self.repeated_lines
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
        // The article starts at its headline, else at the first line kept: a banner line kept
        // at the top is no start.
        let (mut at_first_kept, mut at_headline) = (None, None);
        for line in trace.lines {
            if line.kept.is_empty() {
                // A blank or removed line separates paragraphs.
                gap = true;
            } else {
                at_first_kept.get_or_insert(doc.removed.len());
                if at_headline.is_none() && trace.headline.as_deref() == Some(line.kept.trim()) {
                    at_headline = Some(doc.removed.len());
                }
                if !text.is_empty() {
                    text.push_str(if gap { "\n\n" } else { "\n" });
                }
                text.push_str(&line.kept);
                gap = false;
            }
            doc.removed.extend(line.removed);
        }
        doc.removed_above_article = at_headline.or(at_first_kept).unwrap_or(0);
        doc.text = text;
        doc.is_truncated = trace.is_truncated;
        doc.truncated_by = trace.truncated_by;
        doc.headline = trace.headline;
        doc.header = trace.header;
    }

    /// Every cleaning decision for one body, line by line.
    pub fn trace(&self, body: &str, format: Format, title: Option<&str>) -> CleanTrace {
        let mut markup_removed = Vec::new();
        let plain = to_plain_lines(body, format == Format::Md, &mut markup_removed);
        let mut lines: Vec<WorkLine> = plain
            .into_iter()
            .map(|plain| WorkLine::new(plain, &self.rules.stopwords))
            .collect();
        self.remove_page_top(&mut lines);
        let (mut is_truncated, mut truncated_by) = self.apply_rules(&mut lines);
        self.remove_error_page(&mut lines);
        remove_comments(&mut lines);
        remove_polls(&mut lines);
        // Title copies are looked for before the masthead pass, which may take a one-word copy.
        let title_key = title
            .map(str::to_string)
            .or_else(|| find_headline(&lines).map(|(_, t)| t))
            .map(|t| alnum_key(&t))
            .filter(|k| !k.is_empty());
        if let Some(key) = title_key {
            remove_title_repeats(&mut lines, &key);
        }
        let front_matter_key = title.map(alnum_key).filter(|k| !k.is_empty());
        let header = self.remove_masthead(&mut lines, front_matter_key.as_deref());
        self.remove_repeated(&mut lines, header.headline);
        let headline = find_headline(&lines);
        remove_duplicate_lines(&mut lines);
        if let Some(first_prose) = header.first_prose {
            self.remove_sandwiched(&mut lines, first_prose);
        }
        // After a paywall cut the last line is a cut paragraph, not a footer.
        if !is_truncated {
            self.remove_footer(&mut lines);
        }
        // An HTML page's article was already found in its DOM; the finder reads text dumps.
        let (scores, mut features) = if format.is_html_page() {
            (Vec::new(), Vec::new())
        } else {
            self.remove_by_finder(&mut lines)
        };
        if let Some(cut_by) = &truncated_by {
            keep_paragraph_cut_by(&mut lines, cut_by);
        }
        // After the finder, which was trained on pages whose comment sections were still there;
        // an HTML page's text has no blank line to end a section (and a forum's are its text).
        if !format.is_html_page() {
            remove_comment_blocks(&mut lines);
            remove_news_feeds(&mut lines);
            remove_below_copyright(&mut lines, &scores);
            remove_author_boxes(&mut lines);
            remove_author_boxes_over_links(&mut lines);
            remove_bios_under_names(&mut lines, &self.rules.third_person_pronouns);
            sign_dropped_name_after_body(&mut lines, &scores);
        }
        if !is_truncated {
            truncated_by = cut_mid_sentence(&lines);
            is_truncated = truncated_by.is_some();
        }
        // A headline the finder dropped was a banner's or a menu's line ("Yes, I'm happy" under
        // a cookie notice): the headline is then the first line it keeps that looks like one.
        // A first line is the page's `<title>` in many dumps: the finder drops it, it stays.
        let first_line = lines.iter().position(|l| !l.plain.text.trim().is_empty());
        let headline = match headline {
            Some((at, _)) if !lines[at].is_kept() && Some(at) != first_line => {
                find_headline(&lines)
            }
            found => found,
        }
        .map(|(_, h)| h);
        // The page title is read once the article is found: its headline comes before it.
        // A date stamp is no headline, whatever line its words repeat.
        let page_headline = match title {
            Some(_) => None,
            None => page_title_headline(&lines, self.config.article_finder_min_lines),
        }
        .filter(|(_, h)| !is_stamp_line(h));
        if let Some((Some(at), _)) = page_headline {
            remove_page_title_and_logo(&mut lines, at);
        }
        if !format.is_html_page() {
            remove_masthead_copies(&mut lines);
        }
        // Bylines and stamps stand around the headline line, or just above the article's first
        // paragraph: a headline found among the menus can be far from it.
        // The article's first paragraph: prose the finder is sure of, when it judged the page
        // (a cookie notice it kept is prose too).
        let prose = |i: &usize| lines[*i].is_kept_prose();
        let first_prose = (0..lines.len())
            .filter(prose)
            .find(|&i| {
                scores
                    .get(i)
                    .copied()
                    .flatten()
                    .is_none_or(|s| s >= BODY_MIN_SCORE)
            })
            .or_else(|| (0..lines.len()).find(prose));
        // Without a page title that names it, the headline is the one over the article; the
        // finder's scores are lowest at the top of a page, so a headline it dropped comes back.
        // A title that no line spells or rewords closely still names the headline over a news
        // article's stamp when the two share words ("Cyclone Dorilan : alerte orange à 19h ce
        // mardi, ..." over "Cyclone Dorilan : La Réunion passera en alerte orange ce mardi à 19
        // heures"): the page's own heading is the headline.
        let above_body = match &page_headline {
            Some((Some(_), _)) => None,
            Some((None, title_headline)) => first_prose
                .and_then(|at| headline_above_body(&lines, at, &scores, &self.rules.stopwords))
                .filter(|&at| {
                    let similarity =
                        title_similarity(&word_set(title_headline), &word_set(&lines[at].kept));
                    similarity >= SHARED_TITLE_MIN_DICE && stamp_below(&lines, at)
                }),
            None => first_prose
                .and_then(|at| headline_above_body(&lines, at, &scores, &self.rules.stopwords)),
        };
        let page_headline = match (page_headline, above_body) {
            (Some((None, _)), Some(at)) => {
                remove_page_title_and_logo(&mut lines, at);
                Some((Some(at), lines[at].kept.trim().to_string()))
            }
            (page_headline, _) => page_headline,
        };
        if let Some(at) = above_body {
            lines[at].undo_finder_drop();
        }
        // An HTML page's extractor already started the text at its article.
        if let Some((Some(at), _)) = page_headline.as_ref().filter(|_| !format.is_html_page()) {
            remove_above_headline(&mut lines, *at);
        }
        if let Some(body) = first_prose {
            remove_bare_bylines(&mut lines, body);
        }
        // Over the headline of a news page are its site's and section's names, not a byline,
        // unless a stamp stands there too ("Sabine Gerber" / "14.05.2025, 05.30 Uhr" / headline).
        let headline_at = match page_headline.as_ref().and_then(|(at, _)| *at) {
            Some(at) => Some((at, HEADER_BEFORE)),
            None => above_body.map(|at| {
                let stamp_above = (0..at)
                    .rev()
                    .filter(|&i| lines[i].has_text())
                    .take(HEADER_BEFORE_BODY)
                    .any(|i| crate::text::has_date(&lines[i].plain.text));
                (at, if stamp_above { HEADER_BEFORE_BODY } else { 0 })
            }),
        };
        let mut header = headline_at
            .map(|(at, before)| header_lines(&lines, at, before))
            .unwrap_or_default();
        for line in
            first_prose.map_or_else(Vec::new, |at| header_lines(&lines, at, HEADER_BEFORE_BODY))
        {
            if !header.contains(&line) {
                header.push(line);
            }
        }
        // A first line kept whole as the headline can still end in the site's name after a
        // pipe, which no headline writes.
        let headline = page_headline.map(|(_, h)| h).or_else(|| {
            let h = match above_body {
                Some(at) => lines[at].kept.trim().to_string(),
                None => headline?,
            };
            Some(without_site(&h, &crate::text::parts_between(&h, &[" | "])).to_string())
        });
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
                    score: scores.get(i).copied().flatten(),
                    features: features.get_mut(i).map(std::mem::take).unwrap_or_default(),
                })
                .collect(),
            is_truncated,
            truncated_by,
            headline,
            header,
        }
    }

    /// Score the lines still kept with the article finder and drop those below its threshold.
    /// Returns each line's score and features (none for lines it did not judge).
    fn remove_by_finder(&self, lines: &mut [WorkLine]) -> (Vec<Option<f32>>, Vec<Vec<f32>>) {
        let Some(finder) = &self.finder else {
            return (Vec::new(), Vec::new());
        };
        // A page cut by its paywall is a page still: the lines the cut took count.
        let page_lines = lines
            .iter()
            .filter(|l| l.is_kept() || l.removed.iter().any(|r| r.category == "paywall"))
            .count();
        if page_lines < self.config.article_finder_min_lines {
            return (Vec::new(), Vec::new());
        }
        let finder_lines: Vec<FinderLine> = lines
            .iter()
            .map(|l| FinderLine {
                kept: &l.kept,
                shape: l.shape,
                heading: l.plain.heading,
                link_only: l.plain.link_only,
                touched_by_rule: !l.removed.is_empty(),
                repeated: !l.kept.is_empty() && self.repeated_lines.contains(&l.plain.text),
            })
            .collect();
        let judged = finder.score(&finder_lines, &self.rules.stopwords);
        let mut scores = vec![None; lines.len()];
        for (i, line) in lines.iter_mut().enumerate() {
            if !line.is_kept() {
                continue;
            }
            let score = judged.scores[i];
            scores[i] = Some(score);
            if score < finder.threshold {
                line.drop_by_finder(score);
            }
        }
        drop_strays_among_dropped(lines, &scores);
        keep_whole_lists(lines);
        keep_fact_box_headings(lines);
        keep_fact_boxes(lines);
        keep_introduced_figures(lines);
        (scores, judged.features)
    }

    /// The page-top rules on the page's first non-blank lines (consent banners).
    fn remove_page_top(&self, lines: &mut [WorkLine]) {
        let reach = self.rules.page_top_reach();
        // Menu items do not count: a consent banner can follow a long menu.
        let mut ordinal = 0;
        let first_lines = lines
            .iter_mut()
            .filter(|l| l.is_kept())
            .take(PAGE_TOP_MAX_LINES);
        for line in first_lines {
            if ordinal >= reach {
                break;
            }
            if let Some(rule) = self
                .rules
                .page_top_rule(&line.kept, ordinal, line.shape.words)
            {
                let rule = &self.rules.rules[rule];
                line.drop_all(&rule.id, &rule.category, rule.field);
            }
            if line.shape.words > LABEL_MAX_WORDS {
                ordinal += 1;
            }
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
            if let Some(next) = self.split_byline(lines, i) {
                i = next;
                continue;
            }
            let verdict = self.evaluate_line(&lines[i].kept, lines[i].shape.words);
            let line = &mut lines[i];
            line.set_kept(verdict.kept, &self.rules.stopwords);
            for (rule, text) in verdict.removed {
                let rule = &self.rules.rules[rule];
                line.removed.push(Removal {
                    rule_id: rule.id.clone(),
                    text,
                    category: rule.category.clone(),
                    field: rule.field,
                    score: None,
                });
            }
            if let Some(rule_index) = verdict.trailing {
                let rule = &self.rules.rules[rule_index];
                match rule.action {
                    Action::Truncate => {
                        // Over the article's first paragraph a paywall's words are a label
                        // ("Article réservé aux abonnés" over the headline).
                        let above_article = !lines[..i].iter().any(WorkLine::is_kept_prose);
                        if !above_article && below_the_article_end(&lines[..i]) {
                            i += 1;
                            continue;
                        }
                        let (prose_lines, prose_words) =
                            self.prose_after(&lines[i + 1..], above_article);
                        if prose_lines < PROSE_AFTER_PAYWALL_LINES
                            && prose_words < PROSE_AFTER_PAYWALL_WORDS
                        {
                            for line in &mut lines[i + 1..] {
                                line.drop_all(&rule.id, &rule.category, None);
                            }
                            return (true, Some(rule.id.clone()));
                        }
                    }
                    // "LEGGI ANCHE: Siccità, la Regione chiede ..." links one article on its own
                    // line: what follows is the article's again (a subheading, a fact box).
                    Action::Block if carries_its_item(&lines[i].plain.text) => {}
                    Action::Block => {
                        // A link to more articles, or an ad's label: the slot stands between
                        // the list and the article's next subheading.
                        let ends_block = |text: &str| {
                            self.line_rule(text).is_some_and(|r| {
                                [MORE_LINK_CATEGORY, AD_CATEGORY]
                                    .contains(&self.rules.rules[r].category.as_str())
                            })
                        };
                        // An update's stamp is an article's too ("Updated February 20, 2025").
                        let reads_as_byline_or_stamp = |text: &str| {
                            self.line_rule(text).is_some_and(|r| {
                                let field = self.rules.rules[r].field;
                                is_byline_or_stamp_field(field) || field == Some(MetaField::Updated)
                            })
                        };
                        i = remove_block(lines, i + 1, rule, ends_block, reads_as_byline_or_stamp);
                        continue;
                    }
                    Action::Line | Action::Strip => {}
                }
            }
            i += 1;
        }
        (false, None)
    }

    /// A byline whose label stands on a line of its own ("By" / "Written by:" / "Author" and
    /// the name on the next line): when the label, a colon and the next line make a line an
    /// author rule removes, the label goes with that rule and the name line gives the value.
    /// Returns the index after the name line.
    fn split_byline(&self, lines: &mut [WorkLine], i: usize) -> Option<usize> {
        let label = lines[i].kept.trim().trim_end_matches(':').trim_end();
        if !(1..=SPLIT_BYLINE_LABEL_WORDS).contains(&lines[i].shape.words)
            || !label.ends_with(char::is_alphabetic)
        {
            return None;
        }
        let next = (i + 1..lines.len()).find(|&k| !lines[k].kept.trim().is_empty())?;
        let name = lines[next].kept.trim();
        if !(2..=SPLIT_BYLINE_NAME_WORDS).contains(&lines[next].shape.words)
            || self.line_rule(&lines[i].kept).is_some()
            || self.line_rule(name).is_some()
        {
            return None;
        }
        // A filter or a menu under the label ("Sort by" / "Use Case", "Authors" / "All
        // Authors") is made of words the page writes in lower case; a name seldom is.
        if name
            .split_whitespace()
            .all(|word| page_writes_in_lower_case(lines, next, word))
        {
            return None;
        }
        let joined = format!("{label}: {name}");
        let rule_index = self.line_rule(&joined)?;
        let rule = &self.rules.rules[rule_index];
        if rule.field != Some(MetaField::Author) {
            return None;
        }
        lines[i].drop_all(&rule.id, &rule.category, None);
        lines[next].drop_all(&rule.id, &rule.category, Some(MetaField::Author));
        Some(next + 1)
    }

    /// Number and words of prose lines (sentences no rule removes) in `lines`, counted until
    /// either reaches the level that marks a complete article, or until readers' comments or a
    /// list of other articles begin: their sentences are not the article's. In the article's
    /// header (`in_header`) a comment count ("3 commentaires" beside the byline) begins nothing.
    fn prose_after(&self, lines: &[WorkLine], in_header: bool) -> (usize, usize) {
        let (mut prose_lines, mut prose_words) = (0, 0);
        for line in lines.iter().filter(|l| l.is_kept()) {
            if prose_lines >= PROSE_AFTER_PAYWALL_LINES || prose_words >= PROSE_AFTER_PAYWALL_WORDS
            {
                break;
            }
            let words = line.shape.words;
            let verdict = self.evaluate_line(&line.kept, words);
            let count = in_header
                && line
                    .kept
                    .chars()
                    .find(|c| c.is_alphanumeric())
                    .is_some_and(|c| c.is_ascii_digit());
            let article_ends = !count
                && verdict.removed.iter().any(|(rule, _)| {
                    ARTICLE_END_CATEGORIES.contains(&self.rules.rules[*rule].category.as_str())
                });
            if article_ends {
                break;
            }
            if words >= PROSE_LINE_WORDS && line.shape.sentence_end && verdict.removed.is_empty() {
                prose_lines += 1;
                prose_words += words;
            }
        }
        (prose_lines, prose_words)
    }

    /// Match the rules on one line of `words` words: cut glued boilerplate, drop the line, or
    /// strip spans.
    fn evaluate_line(&self, line: &str, words: usize) -> LineVerdict {
        // Boilerplate glued to a content word ("RussieJe souscris", "16:38Mis à jour"): cut at
        // the first glue point whose tail is all boilerplate, and look at the head again.
        for (at, _) in line
            .char_indices()
            .filter(|&(i, _)| i > 0 && is_glue_point(line, i))
        {
            if ends_a_camel_case_name(line, at) || in_a_leading_camel_case_name(line, at) {
                continue;
            }
            if let Some(verdict) = self.cut_boilerplate_tail(line, at) {
                // A glue point inside a name ("«Обь.Инфо». Подписывайтесь ...") can come before
                // the call's start: a later sentence start whose tail is all boilerplate is the
                // cut, and the head is judged again.
                return sentence_starts(line)
                    .filter(|&start| start > at)
                    .find_map(|start| self.cut_boilerplate_tail(line, start))
                    .unwrap_or(verdict);
            }
        }
        let matches = self.rules.find_acting_on(line, words);
        if let Some(rule) = self.whole_line_rule(line, words, &matches) {
            // A sign-up or paywall prompt after a paragraph's last sentence ("... avant les
            // fêtes. Abonnez-vous sur Telegram"): the sentences before it stay.
            if self.rules.rules[rule].is_call() {
                // A call's word can stand in the sentence before it ("la zafra sigue siendo
                // ... familias. 📲 Sumate al canal de WhatsApp"): a later sentence start whose
                // tail is all boilerplate is the cut.
                let is_call = |m: &RuleMatch| self.rules.rules[m.rule].is_call();
                // A call glued to the sentence the page broke off ("... ni plazos ni Este
                // artículo es exclusivo para suscriptores.") starts at its capital.
                // A call that starts its sentence ("... l'année. Suivez-nous sur notre chaîne
                // WhatsApp : cliquez ici") is that sentence, not a capital inside it.
                let cut = prose_before_match(line, &matches, rule, is_call).and_then(|at| {
                    let starts_its_sentence = matches
                        .iter()
                        .find(|m| m.rule == rule)
                        .is_some_and(|m| count_words(&line[at..m.start]) == 0);
                    sentence_starts(line)
                        .filter(|&start| start > at)
                        .find_map(|start| self.cut_boilerplate_tail(line, start))
                        .or_else(|| {
                            if starts_its_sentence {
                                return None;
                            }
                            let sentence_end = sentence_starts(line)
                                .find(|&start| start > at)
                                .unwrap_or(line.len());
                            let glued: Vec<usize> = glued_capitals(&line[..sentence_end], at)
                                .filter(|&i| self.broken_off_before(&line[at..i]))
                                .collect();
                            glued
                                .into_iter()
                                .rev()
                                .find_map(|start| self.cut_boilerplate_tail(line, start))
                        })
                        .or_else(|| self.cut_boilerplate_tail(line, at))
                });
                if let Some(verdict) = cut {
                    return verdict;
                }
            }
            return LineVerdict {
                kept: String::new(),
                removed: vec![(rule, line.to_string())],
                trailing: self.trailing_action(rule),
            };
        }
        if let Some(verdict) = self.cut_call_after_prose(line, words, &matches) {
            return verdict;
        }
        let mut verdict = self.strip_spans(line, &matches);
        // What a strip leaves can be a line a rule knows: a date stamp once its reading time
        // is cut ("March 4, 2025 20 min read").
        if !verdict.removed.is_empty() && !verdict.kept.is_empty() {
            if let Some(rule) = self.line_rule(&verdict.kept) {
                verdict
                    .removed
                    .push((rule, std::mem::take(&mut verdict.kept)));
                verdict.trailing = self.trailing_action(rule);
            }
        }
        verdict
    }

    /// A call to subscribe or sign up after a paragraph's sentences, which no rule reads on the
    /// whole line (a line longer than the rule's reach, a rule that reads a line's start):
    /// "... a confirmé le Département. 📲 Suivez Kaskazi Infos sur WhatsApp", or a paywall's
    /// words where the paragraph breaks off mid-sentence ("... ni el lote ni Este contenido es
    /// exclusivo para suscriptores"). The tail from one of the last two sentence starts, or from
    /// a capital among the last words (after a word in lower case when the line ends like a
    /// sentence: the call's own full stop), is looked at.
    fn cut_call_after_prose(
        &self,
        line: &str,
        words: usize,
        matches: &[RuleMatch],
    ) -> Option<LineVerdict> {
        if words <= PAYWALL_HEAD_WORDS {
            return None;
        }
        let starts: Vec<usize> = sentence_starts(line).collect();
        let mut candidates: Vec<usize> = starts.iter().rev().take(2).copied().collect();
        // Calls glued to a paragraph start among its last words.
        let last_words = line
            .char_indices()
            .rev()
            .filter(|&(_, c)| c.is_whitespace())
            .nth(CUT_CALL_MAX_WORDS)
            .map_or(0, |(i, _)| i);
        // A call glued to a sentence the page broke off, with the call's own full stop at the
        // line's end: "... no hay ni plazos ni Este artículo es exclusivo para suscriptores.".
        // Its capital follows a word in lower case; the words before it in the sentence name
        // no call ("Subscribe to the Daily Brief ..." is one call).
        let last_sentence = starts.last().copied().unwrap_or(0);
        let glued: Vec<usize> = if crate::text::ends_like_sentence(line) {
            glued_capitals(line, last_words.max(last_sentence)).collect()
        } else {
            candidates.extend(
                line[last_words..]
                    .char_indices()
                    .map(|(i, c)| (last_words + i, c))
                    .filter(|&(i, c)| c.is_uppercase() && line[..i].ends_with(char::is_whitespace))
                    .map(|(i, _)| i),
            );
            Vec::new()
        };
        candidates.extend(&glued);
        // Where a call could start: a tail is only read from before such a match. The line's
        // own matches hold the calls' rules when it is short enough for them; past that, the
        // rules that reach the shortest tail are run over the longest.
        let from = candidates.iter().copied().min()?;
        let shortest = candidates.iter().copied().max()?;
        let last_call = if words <= CALL_RULE_WORDS {
            matches
                .iter()
                .filter(|m| self.rules.rules[m.rule].is_call())
                .map(|m| m.start)
                .max()?
        } else {
            let reach = count_words(&line[shortest..]);
            let last_call_from = |start: usize| {
                let tail_matches = self.rules.find_calls_acting_on(&line[start..], reach);
                tail_matches.iter().map(|m| start + m.start).max()
            };
            let last_call = last_call_from(from)?;
            // A call's word in the sentence before it ("la zafra sigue siendo ... 📲 Sumate al
            // canal de WhatsApp") starts a match that hides the call's own: the tail from the
            // next place a call could start is read alone.
            match candidates
                .iter()
                .copied()
                .filter(|&at| at > last_call)
                .min()
            {
                Some(next) => last_call_from(next).map_or(last_call, |own| own.max(last_call)),
                None => last_call,
            }
        };
        // The shortest tail first: a rule that reads anywhere in it would take the sentences
        // before the call with it.
        candidates.retain(|&at| at <= last_call);
        candidates.sort_unstable();
        candidates.dedup();
        candidates.into_iter().rev().find_map(|at| {
            if glued.contains(&at) && !self.broken_off_before(&line[last_sentence..at]) {
                return None;
            }
            // The mark that opens the call goes with it ("📲 Suivez ...").
            let at = line[..at]
                .trim_end_matches(|c: char| c.is_whitespace() || opens_a_call(c))
                .len();
            let head = &line[..at];
            if count_words(head) < PAYWALL_HEAD_WORDS {
                return None;
            }
            let rule = &self.rules.rules[self.line_rule(&line[at..])?];
            // A teaser is no paywall's: after one sentence a paywall still cuts a paragraph.
            let after_prose = is_prose_head(head) || rule.category == "paywall";
            (after_prose && rule.is_call()).then(|| self.cut_boilerplate_tail(line, at))?
        })
    }

    /// Whether `text`, the words of a sentence before a glued capital, is a sentence the page
    /// broke off: long enough for an article's, and naming no call. The words of a call before
    /// a name in it ("Abonnez-vous à la" before "Lettre du Matin", "Get the" before "Top End
    /// Today") make it one call.
    fn broken_off_before(&self, text: &str) -> bool {
        let words = count_words(text);
        words >= BROKEN_OFF_MIN_WORDS && self.rules.find_calls_acting_on(text, words).is_empty()
    }

    /// The verdict on `line` cut at `at`, when a rule removes all of the tail from there: the
    /// tail removed, the head judged again.
    fn cut_boilerplate_tail(&self, line: &str, at: usize) -> Option<LineVerdict> {
        let tail = &line[at..];
        let rule = self.line_rule(tail)?;
        let head_text = line[..at].trim_end();
        let mut head = self.evaluate_line(head_text, count_words(head_text));
        head.removed.push((rule, tail.trim().to_string()));
        head.trailing = self.trailing_action(rule).or(head.trailing);
        Some(head)
    }

    fn trailing_action(&self, rule: usize) -> Option<usize> {
        matches!(
            self.rules.rules[rule].action,
            Action::Block | Action::Truncate
        )
        .then_some(rule)
    }

    /// The rule that removes the whole line, if any.
    fn line_rule(&self, line: &str) -> Option<usize> {
        // Counting stops past the longest line a rule removes: glued tails of prose are long.
        let reach = self.rules.whole_line_reach();
        let words = crate::text::words(line).take(reach + 1).count();
        if words > reach {
            return None;
        }
        self.whole_line_rule(line, words, &self.rules.find_acting_on(line, words))
    }

    /// The rule among `matches` that removes the whole line of `words` words, if any.
    fn whole_line_rule(&self, line: &str, words: usize, matches: &[RuleMatch]) -> Option<usize> {
        let content_start = line.find(|c: char| c.is_alphanumeric())?;
        let content_end = line
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_alphanumeric())
            .map(|(i, c)| i + c.len_utf8())?;
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
            let mut m = *m;
            m.start += sentence_end_len(&line[m.start..m.end]);
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

    /// A line that can be a site or section name, a label or a menu: short or name-like,
    /// unpunctuated, never a Markdown heading.
    fn is_label_like(&self, line: &WorkLine) -> bool {
        let shape = line.shape;
        !line.plain.heading
            && !shape.sentence_end
            && (shape.is_name_like() || shape.is_menu_like() || shape.words <= 2)
    }

    /// In the header, short lines cut by separators are section paths ("Sport | Football amateur").
    fn is_header_label(&self, line: &WorkLine) -> bool {
        let separated = [" | ", " · ", " › ", " > ", " / ", " • ", " » "]
            .iter()
            .any(|sep| line.kept.contains(sep));
        (self.is_label_like(line) && !is_phrased(&line.kept))
            || (separated
                && !line.plain.heading
                && line.shape.words <= HEADER_PATH_MAX_WORDS
                && !line.shape.sentence_end)
    }

    /// Before the first prose line, site names, section labels and menus go; the headline (the
    /// last line there that does not look like a label, else the last of three words or more)
    /// stays. Between the lead and the next prose line, labels (bylines, stamps) go too, but
    /// not a subheading (a label right before prose). A line that spells the front-matter title
    /// is the headline whatever its shape.
    fn remove_masthead(&self, lines: &mut [WorkLine], title_key: Option<&str>) -> Header {
        let kept: Vec<usize> = (0..lines.len())
            .filter(|&i| lines[i].is_kept())
            .take(TITLE_REPEAT_WINDOW)
            .collect();
        let Some(first_prose) = kept.iter().position(|&i| lines[i].shape.is_prose()) else {
            return Header::default();
        };
        if let Some(second_prose) = kept[first_prose + 1..]
            .iter()
            .position(|&i| lines[i].shape.is_prose())
        {
            for &i in &kept[first_prose + 1..first_prose + 1 + second_prose] {
                // Prose, or the sentence that introduces a list ("Die Arbeiten erfolgen in
                // drei Phasen:").
                let before_prose = lines[i + 1..]
                    .iter()
                    .find(|l| !l.plain.text.is_empty())
                    .is_some_and(|l| {
                        l.is_kept()
                            && (l.shape.is_prose()
                                || (l.kept.trim_end().ends_with(':') && l.shape.words >= 3))
                    });
                if self.is_label_like(&lines[i]) && !before_prose && !is_result_line(&lines[i].kept)
                {
                    lines[i].drop_all(MASTHEAD_RULE, "masthead", None);
                }
            }
        }
        let header = &kept[..first_prose];
        let label_like: Vec<bool> = header
            .iter()
            .map(|&i| self.is_header_label(&lines[i]))
            .collect();
        let title_line = title_key.and_then(|key| {
            (0..header.len()).find(|&k| alnum_key_chars(&lines[header[k]].kept).eq(key.chars()))
        });
        let headline = title_line
            .or_else(|| (0..header.len()).rev().find(|&k| !label_like[k]))
            .or_else(|| {
                (0..header.len())
                    .rev()
                    .find(|&k| lines[header[k]].shape.words >= 3)
            })
            .or(header.len().checked_sub(1));
        for (k, &i) in header.iter().enumerate() {
            // A match's result under its headline is the report's first line, not a label (over
            // the headline, results are a ticker's).
            let result = headline.is_some_and(|h| k > h) && is_result_line(&lines[i].kept);
            let menu_above = headline.is_some_and(|h| k < h)
                && is_flat_menu(&lines[i].kept, &self.rules.stopwords);
            if (label_like[k] || menu_above) && Some(k) != headline && !result {
                lines[i].drop_all(MASTHEAD_RULE, "masthead", None);
            }
        }
        Header {
            headline: headline.map(|k| header[k]),
            first_prose: Some(kept[first_prose]),
        }
    }

    /// A page that says it is an error page and has no prose is nothing but boilerplate.
    fn remove_error_page(&self, lines: &mut [WorkLine]) {
        let says_error = lines
            .iter()
            .any(|l| l.removed.iter().any(|r| r.category == "error_page"));
        if says_error && !lines.iter().any(|l| l.shape.is_prose()) {
            for line in lines.iter_mut() {
                line.drop_all(ERROR_PAGE_RULE, "error_page", None);
            }
        }
    }

    /// Label-like lines found in many documents of the corpus (site names, menus, slogans) go,
    /// except the headline, subheadings (a line between two prose lines) and fact boxes'
    /// headings. Sentences, headlines and lines with figures (scores, results) stay: syndicated
    /// copies of one article repeat those too.
    fn remove_repeated(&self, lines: &mut [WorkLine], headline: Option<usize>) {
        for i in 0..lines.len() {
            let line = &lines[i];
            if !line.is_kept()
                || !line.removed.is_empty()
                || Some(i) == headline
                || !self.is_label_like(line)
                || is_label_value(&line.kept)
                || line.kept.chars().any(|c| c.is_ascii_digit())
                || !self.repeated_lines.contains(&line.plain.text)
            {
                continue;
            }
            let prose_before = lines[..i]
                .iter()
                .rev()
                .find(|l| l.is_kept())
                .is_some_and(|l| l.shape.is_prose());
            // A fact box's heading is the article's too, however many articles have one ("En
            // chiffres" over lines of figures).
            if prose_before && (prose_follows(lines, i) || heads_a_fact_box(lines, i)) {
                continue;
            }
            lines[i].drop_all(REPEATED_RULE, "repeated", None);
        }
    }

    /// After the first prose line, a short run of label-like lines between two removed lines
    /// belongs to the boilerplate around it ("Related topics / Team A / Team B / More on this").
    /// A line a rule cut is not one of them: the rule kept the rest of it, a caption whose label
    /// it stripped, say (in a script without case, a caption looks like a label).
    fn remove_sandwiched(&self, lines: &mut [WorkLine], from: usize) {
        let with_text: Vec<usize> = (from..lines.len())
            .filter(|&i| !lines[i].plain.text.is_empty())
            .collect();
        let mut k = 0;
        while k < with_text.len() {
            let start = k;
            while k < with_text.len()
                && lines[with_text[k]].is_kept()
                && lines[with_text[k]].removed.is_empty()
                && self.is_label_like(&lines[with_text[k]])
            {
                k += 1;
            }
            if k == start {
                k += 1;
                continue;
            }
            let removed_before = start > 0 && !lines[with_text[start - 1]].is_kept();
            let removed_after = k < with_text.len() && !lines[with_text[k]].is_kept();
            if removed_before && removed_after && k - start <= CONTEXT_MAX_RUN {
                // A match's result stays: "Aspromonte 2-1 Virtus Metapontina" between an ad
                // and the scorers.
                for &i in &with_text[start..k] {
                    if is_result_line(&lines[i].kept) {
                        continue;
                    }
                    lines[i].drop_all(CONTEXT_RULE, "context", None);
                }
            }
        }
    }

    /// A trailing run of short non-sentence lines is a footer; a name alone in it is a signature.
    fn remove_footer(&self, lines: &mut [WorkLine]) {
        let kept: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].is_kept()).collect();
        let mut run = Vec::new();
        for &i in kept.iter().rev() {
            let line = &lines[i];
            let words = line.shape.words;
            // Scores and "Label: value" lines (a referee, a result) end match reports.
            let data_like = words >= 3 && line.kept.chars().any(|c| c.is_ascii_digit());
            let footer_like = !line.plain.heading
                && words <= self.config.footer_max_words
                && !line.shape.sentence_end
                && !data_like
                && !is_label_value(&line.kept);
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
            .any(|&i| lines[i].shape.sentence_end);
        if !prose_before {
            return;
        }
        // A signature stands right after the article; names further down a footer are menu
        // entries ("Meal Prep", "Cookie Choices").
        // A menu entry is made of the page's own words ("Cookie Choices" beside "your
        // choices"); the words of a name are not written in lower case in the text.
        // Removed lines count too: a cookie banner writes "cookies" beside "Cookies Policies".
        // The line above it ends a sentence: a run cut at `footer_max_lines` starts inside a
        // long footer, not right after the article.
        // Right after it: a line a rule removed in between (a menu entry, a button) makes the
        // name the first kept entry of a menu, not a signature.
        let candidate = &lines[first_footer].kept;
        let after_article = kept
            .iter()
            .rev()
            .find(|&&i| i < first_footer)
            .is_some_and(|&i| {
                lines[i].shape.sentence_end
                    && lines[i + 1..first_footer]
                        .iter()
                        .all(|l| l.plain.text.trim().is_empty())
            });
        let is_signature = after_article
            && !under_comments_heading(lines, first_footer)
            && is_person_name(candidate)
            && !page_writes_any_in_lower_case(lines, first_footer, candidate);
        for i in run {
            if i == first_footer && is_signature {
                lines[i].drop_all(SIGNATURE_RULE, "signature", Some(MetaField::Author));
            } else {
                lines[i].drop_all(FOOTER_RULE, "footer", None);
            }
        }
    }
}

/// Names alone on a line beside a date stamp at the article's top are its byline, though no rule's
/// words introduce them ("Ramona Egger" / "12.03.2026, 16:40", "Claude Weyrich und Anne
/// Schmit-Reding", "Iago Pereira (Pamplona) y Marta Lorenzo (Vigo)").
fn remove_bare_bylines(lines: &mut [WorkLine], body: usize) {
    let non_blank = text_line_indices(lines);
    // Counted in tokens, not words: "26/02/2026 à 16h20" is a date and a time, not five words.
    // A time can end in a full stop ("6:30 p.m.") where a sentence would.
    let is_stamp = |line: &WorkLine| {
        let text = line.plain.text.trim();
        text.split_whitespace().count() <= BYLINE_STAMP_MAX_WORDS
            && crate::text::parse_stamp(text).is_some_and(|stamp| {
                stamp.micros().is_some() && (stamp.time.is_some() || !ends_like_sentence(text))
            })
    };
    // Over the article or under its first paragraph (a dek), before the second.
    let end = (body + 1..lines.len())
        .find(|&i| lines[i].is_kept_prose())
        .unwrap_or(lines.len());
    for k in 0..non_blank.len() {
        let at = non_blank[k];
        // A name line the masthead pass took over the article is the site's more often than a
        // byline; under the first paragraph (a dek), the masthead pass takes bylines as labels
        // and the finder drops them with the share rows around them.
        let relabel = at > body
            && (lines[at].dropped_by_finder() || lines[at].dropped_only_by(MASTHEAD_RULE));
        // A name in capitals with its stamp on the next line, under a line the page keeps (the
        // headline): "GIANNI BARONTINI" / "22 maggio 2024 | 06:05". Over the headline such a
        // line is a kicker or the site's name over the day's date.
        let text = lines[at].plain.text.trim();
        let caps_over_stamp = crate::text::is_name_in_capitals(text)
            && (lines[at].is_kept() || lines[at].dropped_only_by(MASTHEAD_RULE))
            && non_blank.get(k + 1).is_some_and(|&i| is_stamp(&lines[i]))
            && lines[..at].iter().any(WorkLine::is_kept);
        if at >= end || !(lines[at].is_kept() || relabel || caps_over_stamp) {
            continue;
        }
        // Names joined to their own stamp on one line: the metadata stage reads both there.
        if lines[at].is_kept() && is_stamped_byline(text) {
            lines[at].drop_all(STAMPED_BYLINE_RULE, "byline", None);
            continue;
        }
        // A label of the page's own words ("Packing Tips Guide") is no name, nor is a title the
        // page repeats ("Investment Strategy Review Request, 2024 Version"); a name alone can
        // stand again in an author box.
        let repeated_title = !is_name_list(text)
            && lines
                .iter()
                .enumerate()
                .any(|(j, line)| j != at && line.plain.text.trim() == text);
        if repeated_title
            || (byline_names(text).is_none() && !caps_over_stamp)
            || page_writes_any_in_lower_case(lines, at, text)
        {
            continue;
        }
        let window = &non_blank[k.saturating_sub(BYLINE_STAMP_DISTANCE)
            ..non_blank.len().min(k + BYLINE_STAMP_DISTANCE + 1)];
        if !window.iter().any(|&i| i != at && is_stamp(&lines[i])) {
            continue;
        }
        if relabel || !lines[at].is_kept() {
            lines[at].relabel_finder_drop(BARE_BYLINE_RULE, "byline", Some(MetaField::Author));
        } else {
            lines[at].drop_all(BARE_BYLINE_RULE, "byline", Some(MetaField::Author));
        }
    }
}

/// Person names, then a separator and a date stamp, maybe after the writer's role or outlet:
/// "Kévin Payet et Sandrine Hoarau • Publié le 21 janvier 2025 à 16h48, mis à jour ...",
/// "Mélanie Gauthier, Initiative de journalisme local | Publié le 22 janvier 2025".
fn is_stamped_byline(text: &str) -> bool {
    count_words(text) <= STAMPED_BYLINE_MAX_WORDS
        && OUTLET_SEPARATORS
            .iter()
            .chain(&[" • ", " — "])
            .filter_map(|sep| text.split_once(sep))
            .min_by_key(|(names, _)| names.len())
            .is_some_and(|(names, stamp)| {
                is_name_list(names.trim())
                    && crate::text::parse_stamp(stamp).is_some_and(|s| s.date.is_some())
            })
}

/// A byline joined to its stamp has at most this many words.
const STAMPED_BYLINE_MAX_WORDS: usize = 28;

/// The names of a byline line without a byline word: the whole line when it lists names
/// ("Anna Kolesnikova, Pavel Zharov"), else a name before the writer's outlet or place
/// ("Priya Raman · Lakeshore 11 News", "Gwen Pritchard, WRT News, Carmarthen", "Ana Lucía
/// Torres Ibarra / AIC").
pub fn byline_names(text: &str) -> Option<&str> {
    let text = text.trim();
    // Writers listed before their stamp: "Lea Vonlanthen, Nicolas Gysin • 11.04.2024, 05.00 Uhr".
    let text = [" • ", " · ", " | ", " – ", " - "]
        .iter()
        .find_map(|sep| text.split_once(sep))
        .filter(|(names, stamp)| {
            crate::text::has_date(stamp) && names.starts_with(char::is_uppercase)
        })
        .map_or(text, |(names, _)| names.trim());
    if is_name_list(text) {
        return Some(text);
    }
    let (name, rest) = OUTLET_SEPARATORS
        .iter()
        .filter_map(|sep| text.split_once(sep))
        .min_by_key(|(name, _)| name.len())?;
    (is_person_name(name) && count_words(rest) <= OUTLET_MAX_WORDS && !ends_like_sentence(rest))
        .then_some(name.trim())
}

/// What stands between a byline's name and the writer's outlet or place.
const OUTLET_SEPARATORS: &[&str] = &[" · ", " / ", " | ", ", ", " – ", " - "];
/// An outlet or a place after a byline's name has at most this many words.
const OUTLET_MAX_WORDS: usize = 5;

/// Person names joined by commas or "and" in any of the six languages, each may be followed
/// by a place in brackets.
fn is_name_list(text: &str) -> bool {
    let mut names = vec![text];
    for sep in crate::text::NAME_SEPARATORS {
        names = names.iter().flat_map(|n| n.split(sep)).collect();
    }
    names
        .iter()
        .all(|n| is_person_name(crate::text::without_place(n.trim())))
}

/// A stamp beside a bare byline has at most this many words ("Murcia | Jueves, 12 de marzo
/// 2026, 21:05"), and stands at most this many lines from it.
const BYLINE_STAMP_MAX_WORDS: usize = 14;
const BYLINE_STAMP_DISTANCE: usize = 2;

/// Whether a line of the page other than `except` writes the capitalised `word` in lower case.
fn page_writes_in_lower_case(lines: &[WorkLine], except: usize, word: &str) -> bool {
    lines
        .iter()
        .enumerate()
        .any(|(j, line)| j != except && writes_in_lower_case(&line.plain.text, word))
}

/// Whether a line of the page other than `except` writes a word of `text` in lower case: a
/// label of the page's own words, not a name.
fn page_writes_any_in_lower_case(lines: &[WorkLine], except: usize, text: &str) -> bool {
    text.split_whitespace()
        .any(|word| page_writes_in_lower_case(lines, except, word))
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
/// ("RussieJe", "16:38Mis", "l'ordre.Recevez"), not inside an all-caps word; in a script without
/// case, a letter stuck to a sentence end ("。点击", "الأحد.اقرأ"), since nothing else marks it.
fn is_glue_point(line: &str, at: usize) -> bool {
    let Some(prev) = line[..at].chars().next_back() else {
        return false;
    };
    // A chain of initials ("S.p.A.", "U.S.A.") has no glue point.
    if prev == '.' && after_initial(&line[..at - 1]) {
        return false;
    }
    match line[at..].chars().next() {
        Some(next) if next.is_uppercase() => {
            // A capital that ends its word ends a name ("Etschverlag GmbH"), not a glued word.
            let ends_word = line[at + next.len_utf8()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphabetic());
            (prev.is_lowercase() && !ends_word)
                || prev.is_ascii_digit()
                || is_terminal_punct(prev)
                || matches!(prev, '»' | ')' | '”')
                // A straight quote closes a quotation after a word, and opens one after a
                // space or at the line's start ("\"Si logramos ...").
                || (prev == '"'
                    && line[..at - 1]
                        .chars()
                        .next_back()
                        .is_some_and(|c| !c.is_whitespace()))
        }
        // The cheap test first: this runs for every character of every line.
        Some(next) if is_terminal_punct(prev) => {
            (next.is_alphabetic() && !next.is_lowercase()) || opens_a_call(next)
        }
        _ => false,
    }
}

/// A mark that opens a call to act in place of a capital: an emoji or arrow ("📲 Suivez-nous",
/// "👉 Join"), or Spanish opening punctuation ("¡Únete", "¿Quieres recibir ...?").
fn opens_a_call(c: char) -> bool {
    matches!(c, '¡' | '¿') || (c as u32 >= 0x2190 && !c.is_alphanumeric() && !c.is_whitespace())
}

/// `text` ends with a letter standing alone after a full stop, a space or the start ("S.p").
fn after_initial(text: &str) -> bool {
    let mut chars = text.chars().rev();
    chars.next().is_some_and(char::is_alphabetic)
        && chars.next().is_none_or(|c| c == '.' || c.is_whitespace())
}

/// Where the sentence holding the first match of `rule` starts, when the line before it is
/// prose: two sentences or more, of `PROSE_HEAD_WORDS` words or more.
fn prose_before_match(
    line: &str,
    matches: &[RuleMatch],
    rule: usize,
    is_call: impl Fn(&RuleMatch) -> bool,
) -> Option<usize> {
    let m = matches.iter().find(|m| m.rule == rule)?;
    // The last sentence start at or before the match: a capital after an end and a space.
    let at = sentence_starts(line).take_while(|&i| i <= m.start).last()?;
    let head = &line[..at];
    // A short sentence that names no call is the paragraph's ("The crocodile will be taken to
    // a farm outside Darwin. Get the morning newsletter"); a teaser names the newsletter.
    let calls_in_head = matches.iter().any(|m| m.end <= at && is_call(m));
    (is_prose_head(head) || (!calls_in_head && count_words(head) >= PAYWALL_HEAD_WORDS))
        .then_some(at)
}

/// The start of a line before a call glued to it is a paragraph: `PROSE_HEAD_WORDS` words or
/// more, in two sentences or more, in one broken off, or in one long sentence (a teaser is one
/// short sentence: "Get the day ahead with our Morning Brief newsletter. Sign up here.").
fn is_prose_head(head: &str) -> bool {
    let words = count_words(head);
    let sentences = head
        .split_inclusive(is_terminal_punct)
        .filter(|s| count_words(s) >= 3)
        .count();
    let broken_off = !crate::text::ends_like_sentence(head);
    (sentences >= 2 || broken_off || words >= ONE_SENTENCE_PARAGRAPH_WORDS)
        && words >= PROSE_HEAD_WORDS
}

/// The rules of calls to act read lines of at least this many words: on a shorter line they were
/// matched with the line's other rules.
const CALL_RULE_WORDS: usize = 25;

/// A paywall's words cut a paragraph of at least this many words before them.
const PAYWALL_HEAD_WORDS: usize = 8;

/// A sentence of at least this many words before a call is a paragraph's, not a teaser's.
const ONE_SENTENCE_PARAGRAPH_WORDS: usize = 20;

/// Capitals from `from` on that follow a word in lower case, where a call can be glued to a
/// sentence the page broke off ("ni Este artículo", "einem Sie haben").
fn glued_capitals(line: &str, from: usize) -> impl Iterator<Item = usize> + '_ {
    line[from..]
        .char_indices()
        .map(move |(i, c)| (from + i, c))
        .filter(|&(i, c)| {
            let previous_word = line[..i]
                .strip_suffix(' ')
                .and_then(|head| head.rsplit(' ').next());
            c.is_uppercase()
                && previous_word.is_some_and(|w| {
                    w.starts_with(char::is_lowercase) && w.ends_with(char::is_alphabetic)
                })
        })
        .map(|(i, _)| i)
}

/// Where the sentences of `line` after its first start: a capital or a mark that opens a call
/// ("📲", "¡") after a sentence end and a space.
fn sentence_starts(line: &str) -> impl Iterator<Item = usize> + '_ {
    // Whether the text so far ends a sentence (its closing quotes and brackets included:
    // "… your mortgage." Get stories …), and whether a space followed it.
    let mut ended = false;
    let mut spaced = false;
    line.char_indices().filter_map(move |(i, c)| {
        if c.is_whitespace() {
            spaced = true;
            return None;
        }
        let after_end = spaced && ended;
        let closes = matches!(c, '"' | '”' | '’' | ')' | '»');
        ended = is_terminal_punct(c) || c == '»' || (closes && ended && !spaced);
        spaced = false;
        (after_end && (c.is_uppercase() || opens_a_call(c))).then_some(i)
    })
}

/// A sentence broken off before a glued call has at least this many words.
const BROKEN_OFF_MIN_WORDS: usize = 6;

/// A paywall's words after a paragraph broken off mid-sentence start among its last this many
/// words.
const CUT_CALL_MAX_WORDS: usize = 12;

/// Words before a sign-up that make the start of its line a paragraph, not a teaser (which
/// is one sentence: "Get the day ahead with our Morning Brief newsletter. Sign up here.").
const PROSE_HEAD_WORDS: usize = 12;

/// A capital inside a word whose rest ends a sentence ("© 2024 MarketPulse. All rights
/// reserved.") is part of a name written in camel case, not boilerplate glued to a word.
fn ends_a_camel_case_name(line: &str, at: usize) -> bool {
    let inside_a_word = line[..at]
        .chars()
        .next_back()
        .is_some_and(char::is_alphabetic);
    let rest_of_word = line[at..].split_whitespace().next().unwrap_or("");
    let more_after = !line[at + rest_of_word.len()..].trim().is_empty();
    inside_a_word && more_after && rest_of_word.ends_with(is_terminal_punct)
}

/// A capital inside the line's first word, after letters only, is a brand written in camel
/// case ("iRunFar may earn...", "GearLab is reader-supported"), not boilerplate glued to a word.
fn in_a_leading_camel_case_name(line: &str, at: usize) -> bool {
    line[..at].chars().all(char::is_alphabetic)
}

/// In a page's header, a capitalised line with a kicker's colon ("Obituary: Professor Margaret
/// Ellery, 1938–2025") or a long one with a comma ("Harlan Freight Shares Sink 14% After Trucker
/// Slashes Outlook, Citing ...") is a headline in title case, not a site name, label or menu.
fn is_phrased(line: &str) -> bool {
    // Words with a letter: a date stamp is mostly figures.
    let words = line
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count();
    let separated = [" | ", " · ", " - ", " – ", " • "]
        .iter()
        .any(|sep| line.contains(sep));
    let inner = line.trim().trim_end_matches(|c: char| !c.is_alphanumeric());
    let kicker = inner.split_once(": ").is_some_and(|(kicker, rest)| {
        (1..=2).contains(&kicker.split_whitespace().count()) && rest.starts_with(char::is_uppercase)
    });
    !separated
        && ((words >= PHRASED_MIN_WORDS && kicker)
            || (words >= PHRASED_LONG_WORDS && inner.contains(", ")))
}

/// A match report's score line ("Ashbridge Rovers 2 (Okafor 34, 71)", "Riviera Ligure –
/// Castelnuovo 84-79", "Atlético Cuyano 2 - Sportivo Paraná 1", "Marcatori: 23' Ferraro, 51'
/// Quaglia"): figures that are a score or scorers' minutes, not a date or a time.
fn is_result_line(line: &str) -> bool {
    // A quote's change or a price is no score ("HRLN $31.42 −5.19 (−14.17%)").
    if line.contains(['%', '$', '€', '£', '¥', '₽']) {
        return false;
    }
    // "2-1", "84-79", "(1:0)"; not a phone number's "877-1050".
    let score = line.split_whitespace().any(|token| {
        let token = token.trim_matches(|c: char| !c.is_ascii_digit());
        token.split_once(['-', ':']).is_some_and(|(a, b)| {
            [a, b]
                .iter()
                .all(|n| (1..=3).contains(&n.len()) && n.chars().all(|c| c.is_ascii_digit()))
        })
    });
    let minutes = line.split_once(" (").is_some_and(|(before, inside)| {
        before.ends_with(|c: char| c.is_ascii_digit())
            && inside.contains(|c: char| c.is_ascii_digit())
    });
    // "Atlético Cuyano 2 - Sportivo Paraná 1": each side a name and its goals.
    let sides = [" - ", " – "].iter().find_map(|sep| line.split_once(sep));
    let team_scores = sides.is_some_and(|(home, away)| {
        let scored = |side: &str| {
            let (name, goals) = side.trim().rsplit_once(' ').unwrap_or(("", side));
            name.chars().any(char::is_alphabetic)
                && (1..=3).contains(&goals.len())
                && goals.chars().all(|c| c.is_ascii_digit())
        };
        scored(home) && scored(away)
    });
    // Scorers with their minutes: "Marcatori: 23' Ferraro (A), 51' Quaglia (V)".
    let minute_marks = line
        .split_whitespace()
        .filter(|w| {
            w.trim_end_matches([',', ';'])
                .split_once(['\'', '’', '′'])
                .is_some_and(|(m, _)| !m.is_empty() && m.chars().all(|c| c.is_ascii_digit()))
        })
        .count();
    (score || minutes || team_scores || minute_marks >= 2)
        && crate::text::parse_stamp(line).is_none_or(|s| s.date.is_none() && s.time.is_none())
}

/// "Referee: Karl Ainsworth", "Attendance: 12,000": a label of one to three words, then a value.
fn is_label_value(line: &str) -> bool {
    line.split_once(": ").is_some_and(|(label, value)| {
        (1..=3).contains(&count_words(label)) && count_words(value) >= 1
    })
}

/// The next line with text after `i` reads as prose, introduces a list, or is the first item
/// of a list that line `i`, not an item itself, heads ("Что изменится для пассажиров" / "—
/// билеты можно будет купить онлайн ...;").
fn prose_follows(lines: &[WorkLine], i: usize) -> bool {
    let is_item =
        |l: &WorkLine| l.plain.bullet || l.plain.text.trim_start().starts_with(['—', '–']);
    let mut next = lines[i + 1..].iter().filter(|l| !l.plain.text.is_empty());
    next.next().is_some_and(|l| {
        (l.shape.words >= PROSE_LINE_WORDS && l.shape.sentence_end)
            || introduces_a_list(&l.kept)
            // A short one over bulleted items ("Die wichtigsten Änderungen im Überblick:").
            || (l.kept.trim_end().ends_with(':') && next.next().is_some_and(|item| item.plain.bullet))
            || (!is_item(&lines[i]) && is_item(l) && l.shape.words >= LIST_ITEM_MIN_WORDS)
    })
}

/// An item of a list under a subheading has at least this many words.
const LIST_ITEM_MIN_WORDS: usize = 4;

/// The article's header starts at line `i` (a list of headlines above it ends there): a
/// headline with a byline or date stamp within two lines (under its dek), and prose a few
/// lines below the stamp (past a share row, a photo and its credit). A list whose items carry
/// their own dates has no prose under them.
fn heads_the_article(
    lines: &[WorkLine],
    i: usize,
    reads_as_byline_or_stamp: &impl Fn(&str) -> bool,
) -> bool {
    // A comment's user name over its date is no headline.
    if lines[i].shape.words < ARTICLE_HEADLINE_MIN_WORDS {
        return false;
    }
    let with_text = |from: usize| (from..lines.len()).filter(|&k| !lines[k].plain.text.is_empty());
    let is_prose =
        |k: usize| lines[k].shape.words >= PROSE_LINE_WORDS && lines[k].shape.sentence_end;
    let stamp_within_two = |from: usize| {
        with_text(from)
            .take(2)
            .find(|&k| reads_as_byline_or_stamp(&lines[k].plain.text))
    };
    // Headline, dek, byline: the dek is the prose under the headline, and a player or a photo
    // may stand between the stamp and the first paragraph.
    if let Some(dek) = with_text(i + 1).next().filter(|&k| is_prose(k)) {
        if stamp_within_two(dek + 1).is_some() {
            return true;
        }
    }
    let Some(stamp) = stamp_within_two(i + 1) else {
        return false;
    };
    with_text(stamp + 1)
        .take(HEADER_TO_PROSE_LINES)
        .any(is_prose)
}

/// A headline over an article's byline has at least this many words.
const ARTICLE_HEADLINE_MIN_WORDS: usize = 4;

/// Lines between an article's date stamp and its first paragraph, at most: a share row, a
/// photo, its caption and credit, an ad's label.
const HEADER_TO_PROSE_LINES: usize = 5;

/// A sentence that ends in a colon over a list ("С 1 апреля мэрия меняет схему движения
/// общественного транспорта:"): a paragraph, shorter than prose lines need to be.
fn introduces_a_list(line: &str) -> bool {
    line.trim_end().ends_with(':') && count_words(line) >= LIST_INTRO_MIN_WORDS
}

/// A line ending in a colon has at least this many words to introduce a list.
const LIST_INTRO_MIN_WORDS: usize = 7;

/// The first item of a "read also" label that has at most this many words is a menu's.
const MENU_BLOCK_ITEM_MAX_WORDS: usize = 2;

/// The category of the links that close a list of other articles ("All news", "Все новости").
const MORE_LINK_CATEGORY: &str = "more_link";
const COMMENTS_CATEGORY: &str = "comments";
const AD_CATEGORY: &str = "ad";

/// Remove the lines of a "read also" block that starts at `start`; return the next line to look
/// at. A line `ends_block` knows (a link to all the news) is the list's last: it keeps its own
/// rule, and the article's header below it is not the list's.
fn remove_block(
    lines: &mut [WorkLine],
    start: usize,
    rule: &Rule,
    ends_block: impl Fn(&str) -> bool,
    reads_as_byline_or_stamp: impl Fn(&str) -> bool,
) -> usize {
    // A label followed by one- or two-word items is a menu's entry ("Главное" / "Экономика" /
    // "Финансы"), not a list of headlines: only the menu's items go, since a block of
    // headlines would run on into the article's header.
    let first_item = lines[start..].iter().find(|l| !l.plain.text.is_empty());
    if first_item.is_some_and(|l| {
        l.is_kept() && !l.plain.link_only && l.shape.words <= MENU_BLOCK_ITEM_MAX_WORDS
    }) {
        let mut i = start;
        // A subheading over the article's next paragraph ends it.
        while i < lines.len()
            && (1..=LABEL_MAX_WORDS).contains(&lines[i].shape.words)
            && !prose_follows(lines, i)
        {
            lines[i].drop_all(&rule.id, &rule.category, None);
            i += 1;
        }
        return i;
    }
    let mut i = start;
    let mut adjacent = true;
    // Whether every item so far had a kicker's colon ("Sikasso : les vergers ..."), or a time
    // before it ("15h40 · Vigilance fortes pluies levée"): a line without one ends the list.
    let mut items_labelled = None;
    let mut items_timed = None;
    while i < lines.len() {
        let line = &lines[i];
        if line.plain.text.is_empty() {
            adjacent = false;
            i += 1;
            continue;
        }
        let headline_like = !line.plain.heading
            && line.shape.words <= HEADLINE_MAX_WORDS
            && !line.shape.sentence_end;
        let is_url = line.kept.starts_with("http://") || line.kept.starts_with("https://");
        if !(line.plain.link_only || is_url || (adjacent && headline_like))
            || ends_block(&line.kept)
            || heads_a_fact_box(lines, i)
            || heads_the_article(lines, i, &reads_as_byline_or_stamp)
        {
            break;
        }
        let labelled = line.kept.contains(':');
        let timed = starts_with_a_time(&line.kept);
        if items_timed == Some(true) && !timed {
            break;
        }
        items_timed = Some(items_timed.unwrap_or(true) && timed);
        let unlike_the_items = items_labelled == Some(true) && !labelled;
        let subheading_length = line.shape.words <= SUBHEADING_MAX_WORDS
            || (line.shape.words <= UNLABELLED_SUBHEADING_MAX_WORDS && unlike_the_items);
        let subheading = headline_like && subheading_length && prose_follows(lines, i);
        if subheading && !line.plain.link_only {
            break;
        }
        items_labelled = Some(items_labelled.unwrap_or(true) && labelled);
        lines[i].drop_all(&rule.id, &rule.category, None);
        adjacent = true;
        i += 1;
    }
    i
}

/// Whether a related-articles call names its article on its own line, after a colon: "Lire
/// aussi : Haut-Karabakh, le dilemme d'Erevan", not "Lire aussi :" over a list.
fn carries_its_item(line: &str) -> bool {
    line.split_once(':')
        .is_some_and(|(_, item)| count_words(item) >= INLINE_ITEM_MIN_WORDS)
}

/// An article named after a related-articles call has at least this many words.
const INLINE_ITEM_MIN_WORDS: usize = 3;

/// The paragraph a paywall broke off mid-sentence is the article's last, whatever the finder
/// made of it beside the paywall's lines ("... and that council had" / "Subscribe to continue
/// reading").
fn keep_paragraph_cut_by(lines: &mut [WorkLine], cut_by: &str) {
    let Some(cut) = lines
        .iter()
        .position(|l| l.removed.iter().any(|r| r.rule_id == cut_by))
    else {
        return;
    };
    if let Some(last) = (0..cut).rev().find(|&i| lines[i].has_text()) {
        let shape = lines[last].plain_shape;
        if shape.words >= PROSE_LINE_WORDS && !shape.sentence_end {
            lines[last].undo_finder_drop();
        }
    }
}

/// A run of at most this many short lines the finder kept between two it dropped is part of
/// their block.
const STRAY_RUN_MAX_LINES: usize = 4;
/// ... of at most this many words.
const STRAY_MAX_WORDS: usize = 5;

/// A few short lines the finder kept between lines it dropped are items of the same menu that
/// read like headings ("Bakery" / "Cafe" among "Quick service", "Food truck"): they go with it,
/// scored as they were. A sentence, a longer line or a longer run stays.
fn drop_strays_among_dropped(lines: &mut [WorkLine], scores: &[Option<f32>]) {
    let judged: Vec<usize> = (0..lines.len()).filter(|&i| scores[i].is_some()).collect();
    let mut k = 0;
    while k < judged.len() {
        if !lines[judged[k]].is_kept() {
            k += 1;
            continue;
        }
        let start = k;
        while k < judged.len() && lines[judged[k]].is_kept() {
            k += 1;
        }
        // Judged lines were all kept before the finder: a line around the run that is not
        // kept now is one the finder dropped.
        let between_dropped = start > 0 && k < judged.len();
        let run = &judged[start..k];
        let strays = run.len() <= STRAY_RUN_MAX_LINES
            && run.iter().all(|&i| {
                let shape = lines[i].shape;
                shape.words <= STRAY_MAX_WORDS && !shape.sentence_end
            });
        if between_dropped && strays {
            for &i in run {
                if let Some(score) = scores[i] {
                    lines[i].drop_by_finder(score);
                }
            }
        }
    }
}

/// A list is one block: the items of a run of bulleted lines the finder dropped while keeping
/// most of the others are the list's too (the last item of a fact box over an ad's label).
fn keep_whole_lists(lines: &mut [WorkLine]) {
    let items: Vec<(usize, bool)> = text_line_indices(lines)
        .into_iter()
        .map(|i| (i, lines[i].plain.bullet))
        .collect();
    for run in items.chunk_by(|a, b| a.1 == b.1) {
        if !run[0].1 || run.len() < 2 {
            continue;
        }
        let kept = run.iter().filter(|&&(i, _)| lines[i].is_kept()).count();
        let dropped: Vec<usize> = run
            .iter()
            .map(|&(i, _)| i)
            .filter(|&i| lines[i].dropped_by_finder())
            .collect();
        // The list of a kept line that introduces it ("Die wichtigsten Änderungen im
        // Überblick:") is the paragraph's, whatever the finder made of its items.
        let introduced = (0..run[0].0)
            .rev()
            .find(|&k| !lines[k].plain.text.is_empty())
            .is_some_and(|k| lines[k].is_kept() && lines[k].kept.trim_end().ends_with(':'));
        if kept > dropped.len() || introduced {
            for i in dropped {
                lines[i].undo_finder_drop();
            }
        }
    }
}

/// The figures a kept sentence introduces with its colon ("Добыча золота в Магаданской области
/// в I квартале, тонн:" / "2022 — 9,4" / "2023 — 10,1"): a table of the article's, which the
/// finder scores like a ticker.
fn keep_introduced_figures(lines: &mut [WorkLine]) {
    let text_lines = text_line_indices(lines);
    for (k, &intro) in text_lines.iter().enumerate() {
        if !lines[intro].is_kept() || !introduces_a_list(&lines[intro].kept) {
            continue;
        }
        for &i in &text_lines[k + 1..] {
            let line = &lines[i];
            let figure = line
                .plain
                .text
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit());
            if !figure || line.plain_shape.words > FACT_VALUE_MAX_WORDS {
                break;
            }
            lines[i].undo_finder_drop();
        }
    }
}

/// A fact box's heading the finder dropped over lines of figures it kept ("En chiffres" /
/// "28,5 millions de francs : le crédit voté ..." / "8 couloirs de 25 mètres ...").
fn keep_fact_box_headings(lines: &mut [WorkLine]) {
    let text_lines = text_line_indices(lines);
    // Figures, not a feed's times ("Les dernières actus" / "14:05 ...").
    let kept_figure = |line: &WorkLine| {
        line.is_kept()
            && line.kept.starts_with(|c: char| c.is_ascii_digit())
            && !starts_with_a_time(&line.kept)
    };
    for (k, &heading) in text_lines.iter().enumerate() {
        let line = &lines[heading];
        let figures_below = text_lines[k + 1..]
            .iter()
            .take(FACT_BOX_MIN_FIGURES)
            .filter(|&&i| kept_figure(&lines[i]))
            .count();
        if line.dropped_by_finder()
            && (1..=LABEL_MAX_WORDS).contains(&line.plain_shape.words)
            && !line
                .plain
                .text
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit())
            && figures_below == FACT_BOX_MIN_FIGURES
        {
            lines[heading].undo_finder_drop();
        }
    }
}

/// A fact box right under the article's prose is the article's: a short heading over three or
/// more "Label: value" lines, most of them with a figure ("Die Eckdaten" / "Länge: rund 900
/// Meter" / "Kosten: 4,2 Millionen Euro"), which the finder scores like a footer's lines. A
/// contact block (phone numbers, an e-mail, a link) is no fact box.
fn keep_fact_boxes(lines: &mut [WorkLine]) {
    let text_lines = text_line_indices(lines);
    let label_value = |line: &WorkLine| {
        let text = line.plain.text.trim();
        text.split_once(": ").is_some_and(|(label, value)| {
            (1..=FACT_LABEL_MAX_WORDS).contains(&count_words(label))
                && (1..=FACT_VALUE_MAX_WORDS).contains(&count_words(value))
                && !is_phone_number(value)
                && !text.contains('@')
                && !text.contains("://")
        })
    };
    let has_figure = |line: &WorkLine| line.plain.text.chars().any(|c| c.is_ascii_digit());
    for (k, pair) in text_lines.windows(2).enumerate() {
        let (prose, heading) = (pair[0], pair[1]);
        if !lines[prose].is_kept_prose()
            || !(lines[heading].is_kept() || lines[heading].dropped_by_finder())
            || !(1..=FACT_HEADING_MAX_WORDS).contains(&lines[heading].plain_shape.words)
            || lines[heading].plain_shape.sentence_end
        {
            continue;
        }
        let items: Vec<usize> = text_lines[k + 2..]
            .iter()
            .copied()
            .take_while(|&i| label_value(&lines[i]))
            .collect();
        let with_figures = items.iter().filter(|&&i| has_figure(&lines[i])).count();
        if items.len() >= FACT_BOX_MIN_ITEMS && 2 * with_figures >= items.len() {
            for i in std::iter::once(heading).chain(items) {
                lines[i].undo_finder_drop();
            }
        }
    }
}

/// A value of digits and a phone number's marks only, six digits or more, grouped by a space, a
/// dash, a slash or brackets or with a leading zero or plus: "0631 555-1020", "06.12.34.56.78".
/// A figure with thousands separators is none ("620.000").
fn is_phone_number(value: &str) -> bool {
    let value = value.trim();
    value.chars().filter(char::is_ascii_digit).count() >= PHONE_MIN_DIGITS
        && value
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_whitespace() || "+-/.()".contains(c))
        && (value.starts_with(['0', '+']) || value.contains([' ', '-', '/', '(']))
}

const PHONE_MIN_DIGITS: usize = 6;

/// A fact box's heading has at most this many words ("Das neue Hallenbad in Zahlen").
const FACT_HEADING_MAX_WORDS: usize = 8;
/// A fact box's line: a label of at most this many words, a value of at most this many.
const FACT_LABEL_MAX_WORDS: usize = 4;
const FACT_VALUE_MAX_WORDS: usize = 16;
/// A fact box under the article has at least this many "Label: value" lines.
const FACT_BOX_MIN_ITEMS: usize = 3;

/// A line that starts with a time of day, or a day's word and a time ("15h40 · ...", "Вчера,
/// 18:40 ..."), as a feed's items do.
fn starts_with_a_time(line: &str) -> bool {
    let is_time = |token: &str| {
        let token = token.trim_end_matches(|c: char| !c.is_alphanumeric());
        token
            .split_once([':', 'h', 'H', '.'])
            .is_some_and(|(hours, minutes)| {
                (1..=2).contains(&hours.len())
                    && hours.chars().all(|c| c.is_ascii_digit())
                    && minutes.len() == 2
                    && minutes.chars().all(|c| c.is_ascii_digit())
            })
    };
    line.split_whitespace().take(2).any(is_time)
}

/// A label over lines of figures ("En chiffres" / "310 collaborateurs sur le site" / "85
/// postes supprimés ..."): the article's fact box, which ends a "read also" list above it.
fn heads_a_fact_box(lines: &[WorkLine], i: usize) -> bool {
    // A quantity, not an item's number in a ranking ("1. RC Yopougon 38 pts").
    let figure = |line: &WorkLine| {
        let text = line.kept.trim_start();
        let number_end = text
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(text.len());
        number_end > 0 && !text[number_end..].starts_with(['.', ')'])
    };
    // "Renta máxima: 550 euros al mes": a figure after a short label.
    let labelled_figure = |line: &WorkLine| {
        line.kept.split_once(": ").is_some_and(|(label, value)| {
            (1..=FACT_LABEL_MAX_WORDS).contains(&count_words(label))
                && value.starts_with(|c: char| c.is_ascii_digit())
        })
    };
    let items = lines[i + 1..]
        .iter()
        .filter(|l| !l.plain.text.is_empty())
        .take(FACT_BOX_MIN_FIGURES + 1)
        .take_while(|l| figure(l) || labelled_figure(l))
        .count();
    (1..=SUBHEADING_MAX_WORDS).contains(&lines[i].shape.words)
        && !lines[i].shape.sentence_end
        && !figure(&lines[i])
        && items >= FACT_BOX_MIN_FIGURES
}

/// A fact box gives at least this many figures, one a line, right under its heading.
const FACT_BOX_MIN_FIGURES: usize = 2;

/// Whether the end of `above` lies below the article's end: past its last prose line, a list
/// of other articles or the comments began, and at least `PAST_END_MIN_LINES` lines followed.
/// A paywall's words there are a feature's ("Esta funcionalidad es exclusiva para
/// suscriptores" over the comment form), not a cut; a "read also" box inside the article is
/// shorter.
fn below_the_article_end(above: &[WorkLine]) -> bool {
    let past_prose: Vec<&WorkLine> = above
        .iter()
        .rev()
        .take_while(|l| !l.is_kept_prose())
        .filter(|l| l.has_text())
        .collect();
    past_prose.len() >= PAST_END_MIN_LINES
        && past_prose.iter().any(|l| {
            l.removed
                .iter()
                .any(|r| ARTICLE_END_CATEGORIES.contains(&r.category.as_str()))
        })
}

/// Lines past an article's end before a paywall's words there are a feature's.
const PAST_END_MIN_LINES: usize = 6;

/// Lines of a reader's comment: at most this many between its stamp and its action row.
const COMMENT_MAX_LINES: usize = 3;
/// A commenter's name over the stamp has at most this many words.
const COMMENTER_MAX_WORDS: usize = 3;

/// A reader's comment, once rules removed its stamp (an age, a date and time) and its action
/// row ("Reply · 14 likes"): the lines between them are its text, and a short line right over
/// the stamp is the commenter's name.
fn remove_comments(lines: &mut [WorkLine]) {
    let non_empty = |lines: &[WorkLine], i: usize| !lines[i].plain.text.trim().is_empty();
    for row in 0..lines.len() {
        let is_action_row = lines[row]
            .removed
            .iter()
            .any(|r| r.rule_id == COMMENT_ACTIONS_RULE);
        if !is_action_row {
            continue;
        }
        let mut text = Vec::new();
        let mut stamp = None;
        for at in (0..row).rev().filter(|&at| non_empty(lines, at)) {
            let line = &lines[at];
            if line.is_kept() && text.len() < COMMENT_MAX_LINES {
                text.push(at);
                continue;
            }
            let is_stamp = !line.is_kept()
                && line
                    .removed
                    .iter()
                    .any(|r| r.category == "date" || r.field.is_some());
            if is_stamp {
                stamp = Some(at);
            }
            break;
        }
        let Some(stamp) = stamp.filter(|_| !text.is_empty()) else {
            continue;
        };
        let name = (0..stamp)
            .rev()
            .find(|&at| non_empty(lines, at))
            .filter(|&at| {
                let line = &lines[at];
                line.is_kept()
                    && line.shape.words <= COMMENTER_MAX_WORDS
                    && !line.shape.sentence_end
            });
        for at in text.into_iter().chain(name) {
            lines[at].drop_all(COMMENT_RULE, COMMENTS_CATEGORY, None);
        }
    }
}

/// Prose lines above a comment section's heading that show the article came before it (a
/// comment count next to the byline heads no section), and half the page's prose at least.
const PROSE_ABOVE_COMMENT_SECTION: usize = 3;
/// A comment section ends at a blank line, or after this many lines.
const COMMENT_SECTION_MAX_LINES: usize = 60;
/// A comment section's heading is a line of at most this many words ("Kommentare (3)").
const COMMENT_HEADING_MAX_WORDS: usize = 4;

/// A reader poll: a question, a few short answers and the vote button a rule found ("Как вы
/// оцениваете...?" / "Хорошо" / "Плохо" / "Голосовать"), under a short label ("Опрос"). The
/// button's rule names every line of it.
fn remove_polls(lines: &mut [WorkLine]) {
    let text_lines = text_line_indices(lines);
    for (k, &at) in text_lines.iter().enumerate() {
        let Some(rule_id) = lines[at]
            .removed
            .iter()
            .find(|r| r.category == POLL_CATEGORY)
            .map(|r| r.rule_id.clone())
        else {
            continue;
        };
        let text = |j: usize| lines[text_lines[j]].plain.text.trim();
        let asks = |j: usize| text(j).ends_with('?');
        let question = (k.saturating_sub(POLL_MAX_ANSWERS + 1)..k)
            .rev()
            .take_while(|&j| asks(j) || count_words(text(j)) <= POLL_ANSWER_MAX_WORDS)
            .find(|&j| asks(j));
        let Some(question) = question.filter(|&q| k - q > POLL_MIN_ANSWERS) else {
            continue;
        };
        let label = question.checked_sub(1).filter(|&j| {
            count_words(text(j)) <= POLL_LABEL_MAX_WORDS && !ends_like_sentence(text(j))
        });
        for &i in &text_lines[label.unwrap_or(question)..k] {
            lines[i].drop_all(&rule_id, POLL_CATEGORY, None);
        }
    }
}

/// The category of the rules that find a poll's vote button.
const POLL_CATEGORY: &str = "poll";
/// A poll has two to this many answers of at most this many words, under a label of at most
/// this many words.
const POLL_MIN_ANSWERS: usize = 2;
const POLL_MAX_ANSWERS: usize = 8;
const POLL_ANSWER_MAX_WORDS: usize = 6;
const POLL_LABEL_MAX_WORDS: usize = 2;

/// The site's news feed: headlines each after a time ("12:30 Во Владивостоке открылся пятый
/// пункт..." / "12:47 Порт Восточный увеличил...") with no paragraph between them. A live
/// ticker's timed entries each head a paragraph of their own.
fn remove_news_feeds(lines: &mut [WorkLine]) {
    // Items other passes removed count: the run is the page's, whoever took which line.
    let is_item = |line: &WorkLine| {
        let text = line.plain.text.trim();
        !ends_like_sentence(text)
            && (NEWS_FEED_ITEM_MIN_WORDS..=HEADLINE_MAX_WORDS).contains(&count_words(text))
            && TIMED_HEADLINE.is_match(text)
    };
    let items: Vec<(usize, bool)> = text_line_indices(lines)
        .into_iter()
        .map(|i| (i, is_item(&lines[i])))
        .collect();
    for run in items.chunk_by(|a, b| a.1 == b.1) {
        if run.len() >= NEWS_FEED_MIN_ITEMS && run[0].1 {
            for &(i, _) in run {
                if lines[i].is_kept() {
                    lines[i].drop_all(NEWS_FEED_RULE, "related", None);
                }
            }
        }
    }
}

/// A copy of the site's name further down the page (a footer's logo line) is the masthead's too.
fn remove_masthead_copies(lines: &mut [WorkLine]) {
    let keys = masthead_keys(lines);
    if keys.is_empty() {
        return;
    }
    for line in lines.iter_mut().filter(|l| l.is_kept()) {
        if keys.contains(&alnum_key(&line.kept)) {
            line.drop_all(MASTHEAD_RULE, "masthead", None);
        }
    }
}

/// Whether a comment section's heading, which a rule removed, stands above line `at` and
/// below the article's first paragraph: the prose there is the readers' or the section's
/// ("Commenting is closed for this story ..." over a footer's "Footer Links"), and no name
/// under it signs the article. A comment count beside the byline heads no section.
fn under_comments_heading(lines: &[WorkLine], at: usize) -> bool {
    let Some(first_prose) = lines[..at].iter().position(WorkLine::is_kept_prose) else {
        return false;
    };
    lines[first_prose..at]
        .iter()
        .any(|l| !l.is_kept() && l.removed.iter().any(|r| r.category == COMMENTS_CATEGORY))
}

/// A menu flattened to one line whose items are names and sections, a few of them written with
/// a word in lower case ("Clermont-Ferrand Puy-de-Dôme Allier Cantal Sports Loisirs Avis de
/// décès Jeux"): many words, no punctuation, at most one function word, and nearly all of
/// them capitalised. A headline in title case has its articles and prepositions ("For", "In").
fn is_flat_menu(text: &str, stopwords: &WordSet) -> bool {
    if text.contains([',', ';', ':', '.', '!', '?', '|', '«', '"', '“']) {
        return false;
    }
    // Whole tokens: "Puy-de-Dôme" is one item, not a function word between two.
    let words: Vec<&str> = text
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    let function_words = words
        .iter()
        .filter(|w| stopwords.contains(&crate::text::fold_str(w)))
        .count();
    let capitalised = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    words.len() >= FLAT_MENU_MIN_ITEMS
        && function_words <= 1
        && capitalised * 10 >= words.len() * FLAT_MENU_CAPITALISED_TENTHS
}

/// A flattened menu has at least this many words, and this many tenths of them capitalised.
const FLAT_MENU_MIN_ITEMS: usize = 8;
const FLAT_MENU_CAPITALISED_TENTHS: usize = 8;

/// The letters and digits of each line removed whole as the site's name.
fn masthead_keys(lines: &[WorkLine]) -> Vec<String> {
    lines
        .iter()
        .filter(|l| !l.is_kept() && l.removed.iter().any(|r| r.rule_id == MASTHEAD_RULE))
        .map(|l| alnum_key(&l.plain.text))
        .filter(|k| !k.is_empty())
        .collect()
}

/// A name alone right under the article's last paragraph is its author's signature: the
/// finder drops it as it drops any short line there ("Mirta Bassi" over a share row), and it
/// is kept dropped, with the signature's reason and as the author.
fn sign_dropped_name_after_body(lines: &mut [WorkLine], scores: &[Option<f32>]) {
    let Some(last_body) = last_sure_paragraph(lines, scores) else {
        return;
    };
    // The first line dropped under the article's text: a kept list after its last paragraph
    // (the items, their introduction) is the article's.
    let text_lines: Vec<usize> = (last_body + 1..lines.len())
        .filter(|&i| lines[i].has_text())
        .collect();
    let item = |i: usize| {
        lines[i].is_kept()
            && (lines[i].plain.bullet || lines[i].kept.starts_with(['-', '–', '—', '•']))
    };
    let list_part = |k: usize| {
        let i = text_lines[k];
        item(i)
            || (lines[i].is_kept()
                && lines[i].kept.trim_end().ends_with(':')
                && text_lines.get(k + 1).is_some_and(|&next| item(next)))
    };
    let Some(at) = (0..text_lines.len())
        .find(|&k| !list_part(k))
        .map(|k| text_lines[k])
    else {
        return;
    };
    // What follows a signature is what a rule knows: an e-mail, a role, a view count, a share
    // row, tags, or the site's name ("Awa Traoré" / "Le Journal du Sahel"). A name the finder
    // dropped among other lines it dropped is a menu's or a sidebar's ("Agenda Center", "Legal
    // Disclaimers").
    let next = (at + 1..lines.len()).find(|&i| lines[i].has_text());
    let rule_after = next.is_none_or(|i| {
        !lines[i].is_kept()
            && (!lines[i].dropped_by_finder()
                || masthead_keys(lines).contains(&alnum_key(&lines[i].plain.text)))
    });
    let text = lines[at].plain.text.trim();
    if lines[at].dropped_by_finder()
        && !under_comments_heading(lines, at)
        && rule_after
        && byline_names(text).is_some()
        && !page_writes_any_in_lower_case(lines, at, text)
    {
        lines[at].relabel_finder_drop(SIGNATURE_RULE, "signature", Some(MetaField::Author));
    }
}

/// An author box: under its heading ("About the author", "Über die Autor:innen"), which a rule
/// removed, the bio lines up to the next blank line.
fn remove_author_boxes(lines: &mut [WorkLine]) {
    // A bio line this pass removed is no heading of its own: the box ends after four lines.
    let is_heading = |line: &WorkLine| {
        line.removed
            .iter()
            .any(|r| r.category == AUTHOR_BOX_CATEGORY && r.rule_id != AUTHOR_BOX_RULE)
    };
    for heading in 0..lines.len() {
        if !is_heading(&lines[heading]) {
            continue;
        }
        let bio = lines[heading + 1..]
            .iter()
            .take_while(|l| l.has_text())
            .take(AUTHOR_BOX_MAX_LINES)
            .count();
        for line in &mut lines[heading + 1..heading + 1 + bio] {
            line.drop_all(AUTHOR_BOX_RULE, AUTHOR_BOX_CATEGORY, None);
        }
    }
}

/// An author box over its link to the author's other articles, below the article ("Ольга
/// Смирнова" / "Корреспондент отдела «Общество»" / "Все материалы автора →"): the author's name
/// and the short lines between it and the link, which a rule removed.
fn remove_author_boxes_over_links(lines: &mut [WorkLine]) {
    let is_link = |line: &WorkLine| {
        !line.is_kept()
            && line
                .removed
                .iter()
                .any(|r| r.category == AUTHOR_LINK_CATEGORY)
    };
    let mut article_above = false;
    for link in 0..lines.len() {
        if !is_link(&lines[link]) {
            article_above |= lines[link].is_kept_prose();
            continue;
        }
        if !article_above {
            continue;
        }
        // The finder may have dropped the name and kept the bio.
        let name = (link.saturating_sub(AUTHOR_BOX_MAX_LINES)..link).find(|&i| {
            (lines[i].is_kept() || lines[i].dropped_by_finder())
                && byline_names(lines[i].plain.text.trim()).is_some()
                // A list of other articles has each one's writer over its date.
                && lines[i + 1..link].iter().all(|l| {
                    l.has_text()
                        && l.shape.words <= AUTHOR_BIO_MAX_WORDS
                        && !crate::text::has_date(&l.plain.text)
                })
        });
        if let Some(name) = name {
            let author = Some(MetaField::Author);
            if lines[name].dropped_by_finder() {
                lines[name].relabel_finder_drop(AUTHOR_BOX_RULE, AUTHOR_BOX_CATEGORY, author);
            }
            lines[name].drop_all(AUTHOR_BOX_RULE, AUTHOR_BOX_CATEGORY, author);
            for line in &mut lines[name + 1..link] {
                line.drop_all(AUTHOR_BOX_RULE, AUTHOR_BOX_CATEGORY, None);
            }
        }
    }
}

/// An author's bio under the article, without a heading: the author's name alone on a line,
/// then a paragraph that starts with it and speaks of them in the third person ("Alban Brooke"
/// / "Alban Brooke is the Head of Marketing at Buzzsprout ... He has recorded over 500
/// episodes"). A product's description has no "he" or "she"; a person the article speaks of
/// in another paragraph is its subject (a profile, a list of people), not its writer.
fn remove_bios_under_names(lines: &mut [WorkLine], pronouns: &WordSet) {
    let mut article_above = false;
    for at in 0..lines.len() {
        let name = lines[at].plain.text.trim();
        let candidate = article_above
            && (lines[at].is_kept() || lines[at].dropped_by_finder())
            && is_person_name(name);
        article_above |= lines[at].is_kept_prose();
        if !candidate {
            continue;
        }
        let Some(bio) = (at + 1..lines.len()).find(|&i| lines[i].has_text()) else {
            return;
        };
        let bio_text = lines[bio].plain.text.trim();
        // By the whole name or the first name ("Lina Jameela" / "Lina is a content writer").
        let first_name = name.split_whitespace().next().unwrap_or(name);
        let speaks_of_name = [name, first_name].iter().any(|called| {
            bio_text
                .strip_prefix(called)
                .and_then(|rest| rest.strip_prefix(' '))
                .is_some_and(|rest| rest.starts_with(char::is_lowercase))
        });
        let third_person = || crate::text::words(bio_text).any(|w| pronouns.contains(&fold_str(w)));
        if !speaks_of_name
            || lines[bio].plain_shape.words < AUTHOR_BIO_MIN_WORDS
            || !third_person()
            || lines.iter().enumerate().any(|(i, l)| {
                i != at
                    && i != bio
                    && l.plain_shape.words >= PROSE_LINE_WORDS
                    && l.plain.text.contains(name)
            })
        {
            continue;
        }
        let author = Some(MetaField::Author);
        for (i, field) in [(at, author), (bio, None)] {
            if lines[i].dropped_by_finder() {
                lines[i].relabel_finder_drop(AUTHOR_BIO_RULE, AUTHOR_BOX_CATEGORY, field);
            }
            lines[i].drop_all(AUTHOR_BIO_RULE, AUTHOR_BOX_CATEGORY, field);
        }
    }
}

/// An author's bio under their name has at least this many words.
const AUTHOR_BIO_MIN_WORDS: usize = 10;

/// The category of the rules that find a link to an author's page ("Все материалы автора").
const AUTHOR_LINK_CATEGORY: &str = "byline";
/// A line of an author's bio has at most this many words.
const AUTHOR_BIO_MAX_WORDS: usize = 25;

/// The category of the rules that find an author box's heading.
const AUTHOR_BOX_CATEGORY: &str = "author_box";
/// An author box has at most this many lines under its heading (a bio per author).
const AUTHOR_BOX_MAX_LINES: usize = 4;

/// The site's footer: under a copyright line below the article's last paragraph the finder is
/// sure of, a line it kept without being sure is the footer's too (an address, a disclaimer).
fn remove_below_copyright(lines: &mut [WorkLine], scores: &[Option<f32>]) {
    let sure = |i: usize| is_sure_of(scores, i);
    let Some(last_body) = last_sure_paragraph(lines, scores) else {
        return;
    };
    // A copyright sentence, not a link to a legal page ("Контакты", "Privacy Policy").
    let is_copyright = |line: &WorkLine| {
        !line.is_kept()
            && count_words(&line.plain.text) >= COPYRIGHT_MIN_WORDS
            && line.removed.iter().any(|r| r.category == "copyright")
    };
    let Some(copyright) = (last_body + 1..lines.len()).find(|&i| is_copyright(&lines[i])) else {
        return;
    };
    for (i, line) in lines.iter_mut().enumerate().skip(copyright + 1) {
        if line.is_kept() && !sure(i) {
            line.drop_all(BELOW_COPYRIGHT_RULE, "copyright", None);
        }
    }
}

/// Whether the article finder is sure line `at` belongs to the article.
fn is_sure_of(scores: &[Option<f32>], at: usize) -> bool {
    scores
        .get(at)
        .copied()
        .flatten()
        .is_some_and(|s| s >= BODY_MIN_SCORE)
}

/// The article's last paragraph the finder is sure of.
fn last_sure_paragraph(lines: &[WorkLine], scores: &[Option<f32>]) -> Option<usize> {
    (0..lines.len())
        .rev()
        .find(|&i| lines[i].is_kept_prose() && is_sure_of(scores, i))
}

/// A copyright line has at least this many words ("Все права защищены").
const COPYRIGHT_MIN_WORDS: usize = 3;

/// A time, then a headline: "12:30 Во Владивостоке...", "12h20 — Guadeloupe : ...", "16:58
/// Curling: ...", the time after a day's word ("Вчера, 21:03 Фестиваль ..."). A date
/// ("12.03.2024, 08:14"), a section number ("4.10 Quantum money") or a price ("$50.00 to
/// $60.00") is no time.
static TIMED_HEADLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\s•·▪►-]{0,2}(?:\p{L}{3,12},?\s+)?(?:[01]?\d|2[0-3])(?::[0-5]\d(?:\s?(?:[Uu]hr|h|[ap]\.?\s?m\.?))?|h[0-5]\d|\.[0-5]\d\s?(?:[Uu]hr|h))\s*[-–—|·:]?\s+\w")
        .unwrap()
});
/// Items of a news feed: at least this many in a row, of at least this many words.
const NEWS_FEED_MIN_ITEMS: usize = 2;
const NEWS_FEED_ITEM_MIN_WORDS: usize = 4;

/// A comment section under the article: its heading ("Комментарии (27)", "3 comentarios"),
/// which a rule removed, and the lines that follow it without a blank line (the commenters'
/// names, stamps and texts, the sign-in prompt).
fn remove_comment_blocks(lines: &mut [WorkLine]) {
    let prose = lines.iter().filter(|l| l.is_kept_prose()).count();
    let mut prose_above = 0;
    let mut at = 0;
    while at < lines.len() {
        let line = &lines[at];
        let heading = !line.is_kept()
            && line.shape.words <= COMMENT_HEADING_MAX_WORDS
            && line.removed.iter().any(|r| r.category == COMMENTS_CATEGORY);
        if line.is_kept_prose() {
            prose_above += 1;
        }
        at += 1;
        // Most of the page's prose is the article's, above its comments.
        if !heading || prose_above < PROSE_ABOVE_COMMENT_SECTION || 2 * prose_above < prose {
            continue;
        }
        // A section heading ("Les réactions") is no comment count and no sign-in prompt follows.
        let next_removed = lines.get(at).is_some_and(|l| !l.is_kept());
        if !lines[at - 1]
            .plain
            .text
            .contains(|c: char| c.is_ascii_digit())
            && !next_removed
        {
            continue;
        }
        let end = lines.len().min(at + COMMENT_SECTION_MAX_LINES);
        while at < end && !lines[at].plain.text.trim().is_empty() {
            lines[at].drop_all(COMMENT_RULE, COMMENTS_CATEGORY, None);
            // A commenter's name and stamp ("Koffi D. – 11/02/2026 à 15h02") are no byline.
            for removal in &mut lines[at].removed {
                if removal.field.is_some() {
                    removal.rule_id = COMMENT_RULE.to_string();
                    removal.category = COMMENTS_CATEGORY.to_string();
                    removal.field = None;
                }
            }
            at += 1;
        }
    }
}

/// The first heading before the prose, else a leading title line (short, no final period).
fn find_headline(lines: &[WorkLine]) -> Option<(usize, String)> {
    let kept: Vec<(usize, &WorkLine)> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.is_kept())
        .take(TITLE_REPEAT_WINDOW)
        .collect();
    for &(at, line) in &kept {
        if line.plain.heading {
            return Some((at, line.kept.clone()));
        }
        if line.shape.sentence_end && line.shape.words >= PROSE_LINE_WORDS {
            break;
        }
    }
    let &(at, first) = kept.first()?;
    let words = first.shape.words;
    let ends_with_period = ends_like_a_clause(&first.kept);
    (kept.len() > 1 && (2..=HEADLINE_MAX_WORDS).contains(&words) && !ends_with_period)
        .then(|| (at, first.kept.clone()))
}

/// Rule categories of the lines between a headline and its article that the look for the
/// headline passes over without counting them.
const HEADER_FURNITURE_CATEGORIES: &[&str] = &["share", "listen", "player", "ad"];
/// Lines (not counting empty ones) read above the article's first paragraph for its headline.
const HEADLINE_ABOVE_BODY: usize = 12;
/// A line of at most this many words is a label or a menu item.
const LABEL_MAX_WORDS: usize = 3;

/// The headline over the article's first paragraph at `body`: the topmost headline-shaped line
/// of the block above it (headline, dek, byline, stamps, share row), a block that ends at a
/// label or menu line, or at prose above a headline. Lines a rule removed there (bylines,
/// stamps, share rows, credits) are passed over.
fn headline_above_body(
    lines: &[WorkLine],
    body: usize,
    scores: &[Option<f32>],
    stopwords: &WordSet,
) -> Option<usize> {
    let mut found = None;
    // A headline of two sentences ("Eastfield deserves its tram line. The council's dithering
    // is costing us more"), taken when the block holds no other.
    let mut two_sentences = None;
    // What was found under a byline or a stamp: a photo's caption when a headline stands
    // right above them ("Trebbiatura nel Tavoliere, luglio 2025" under "di Luca Ferrandi").
    let mut under_byline = None;
    // A photo's caption, known by its credit: the headline stands above it, over a player's
    // or a category's label the finder dropped ("Il servizio del TG delle 19.30").
    let mut caption = None;
    // Whether a byline or a stamp was passed: a line over them is the headline even under an
    // ad's label (the ad slot over the headline: "ADV" / headline / dek / byline).
    let mut over_byline = false;
    let mut read_above_byline = 0;
    let above = (0..body)
        .rev()
        .filter(|&at| !lines[at].plain.text.trim().is_empty());
    // Share rows, a player's controls, ad labels and bylines a rule removed are passed over
    // without counting: a video block can stand between the headline and the first paragraph.
    let mut read = 0;
    for at in above {
        let line = &lines[at];
        let text = line.plain.text.trim();
        let by_rule = !line.is_kept() && line.removed.iter().all(|r| r.rule_id != MODEL_RULE);
        let furniture = by_rule
            && line.removed.iter().all(|r| {
                r.field.is_some() || HEADER_FURNITURE_CATEGORIES.contains(&r.category.as_str())
            });
        if !furniture {
            read += 1;
            if read > HEADLINE_ABOVE_BODY {
                break;
            }
        }
        if by_rule {
            // Over the headline, a menu, a breadcrumb or a skip link ends the block: a line
            // above it is the site's slogan, a sponsor's or a blog's tagline, a ticker. A share
            // row whose networks a menu's rule took ("Condividi su: Facebook | WhatsApp | Email")
            // is none.
            let menu = line.removed.iter().any(|r| {
                ["menu", "skip"].contains(&r.category.as_str())
                    || (r.rule_id == MASTHEAD_RULE
                        && BREADCRUMB_SEPARATORS.iter().any(|sep| r.text.contains(sep)))
            }) && !line.removed.iter().any(|r| r.category == "share");
            let candidate = found.is_some() || two_sentences.is_some();
            // A share row can stand between the caption and the byline.
            let byline = is_byline_or_stamp(line) || (menu && byline_just_above(lines, at));
            over_byline |= byline;
            if byline && candidate && under_byline.is_none() {
                under_byline = found.take().or(two_sentences.take());
                continue;
            }
            if menu && (candidate || under_byline.is_some() || (caption.is_some() && !byline)) {
                break;
            }
            continue;
        }
        if under_byline.is_some() && found.is_none() {
            read_above_byline += 1;
            if read_above_byline > HEADLINE_ABOVE_BYLINE {
                break;
            }
        }
        // A line the finder dropped with a score near its threshold is judged by its text when
        // no kept line above the body looks like the headline (a headline among repeated menu
        // lines); one it was sure of ends the block like a label.
        let near_threshold = found.is_none()
            && scores
                .get(at)
                .copied()
                .flatten()
                .is_some_and(|score| score >= DROPPED_HEADLINE_MIN_SCORE);
        let shape = if !line.is_kept() && near_threshold {
            LineShape::of(text, stopwords)
        } else {
            line.shape
        };
        let words = shape.words;
        // Section names flattened to one line ("Ireland World Business Politics Regional
        // Health Environment Investigates") end the block like a menu a rule removed.
        if line.is_kept() && shape.is_menu_like() && words >= FLAT_MENU_MIN_WORDS {
            if found.is_some() || two_sentences.is_some() {
                break;
            }
            continue;
        }
        // A short line under the headline is a byline's name; over it, a label or a menu.
        // A long one under it is the dek or a caption; over it, the end of the block.
        if words <= LABEL_MAX_WORDS || shape.is_prose() || words > HEADLINE_MAX_WORDS {
            // Over a byline, a label before any headline: what was under it is the headline.
            if found.is_some() || (under_byline.is_some() && words <= LABEL_MAX_WORDS) {
                break;
            }
            continue;
        }
        let site_like = shape.is_name_like() && words < 6;
        if found.is_none() && two_sentences.is_none() && is_two_sentence_headline(text) {
            two_sentences = Some(at);
        }
        // A headline can name a date ("Sciopero treni 12 e 13 giugno 2025: ..."), not a time.
        let stamp = crate::text::parse_stamp(text)
            .is_some_and(|s| s.time.is_some() || (s.date.is_some() && words <= STAMP_MAX_WORDS));
        if !site_like
            && !stamp
            && !ends_like_a_clause(text)
            && !has_inner_sentence_end(text)
            && !is_key_value(text)
            && !lists_names_after_label(text)
            // Items spaced apart are a menu flattened to one line ("Política   Sociedad   ...").
            && text.matches("  ").count() < 2
            // A lower-case start is the rest of a hard-wrapped sentence.
            && !text.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_lowercase)
        {
            if follows_an_ad_label(lines, at) && !over_byline {
                continue;
            }
            if found.is_none() && caption.is_none() && is_caption(lines, at) {
                caption = Some(at);
            } else {
                found = Some(at);
            }
        }
    }
    found.or(two_sentences).or(under_byline).or(caption)
}

/// The rule of the call to subscribe that follows the article's last paragraph when that one
/// breaks off mid-sentence ("… monitored by independent" / "Subscribe now for unlimited
/// access."): a paywall cut worded by no paywall rule. A paragraph longer than any headline, so
/// that a related headline over a "Subscribe" button is no cut, and whose last sentence runs on
/// for more than a link's label ("… write more effectively. Read more" is a teaser).
fn cut_mid_sentence(lines: &[WorkLine]) -> Option<String> {
    let last = lines.iter().rposition(WorkLine::is_kept)?;
    let paragraph = &lines[last];
    let last_sentence = paragraph
        .kept
        .rsplit_terminator(['.', '!', '?'])
        .next()
        .map_or(0, count_words);
    if paragraph.shape.words <= HEADLINE_MAX_WORDS
        || paragraph.shape.sentence_end
        || last_sentence <= LABEL_MAX_WORDS
    {
        return None;
    }
    // A short button the finder dropped can stand between the cut and the offer ("Continue
    // reading" / "Get full access from just £1 ...").
    let next = lines[last + 1..]
        .iter()
        .filter(|l| l.has_text())
        .take(CUT_TO_CALL_LINES)
        .find(|l| !(l.dropped_by_finder() && l.plain_shape.words <= SUBHEADING_MAX_WORDS))?;
    next.removed
        .iter()
        .find(|r| r.rule_id != MODEL_RULE && CUT_CALL_CATEGORIES.contains(&r.category.as_str()))
        .map(|r| r.rule_id.clone())
}

/// Rule categories of the calls to pay that follow a paywall's cut.
const CUT_CALL_CATEGORIES: &[&str] = &["subscription", "paywall"];
/// The call to pay is among the first this many lines after the cut.
const CUT_TO_CALL_LINES: usize = 2;

/// A line under an ad's label ("Werbung" / "Metzgerei Ketterer: Jetzt Grillpakete
/// vorbestellen!"): the ad's own text, not a headline.
fn follows_an_ad_label(lines: &[WorkLine], at: usize) -> bool {
    lines[..at]
        .iter()
        .rev()
        .find(|l| l.has_text())
        .is_some_and(|above| !above.is_kept() && above.removed.iter().any(|r| r.category == "ad"))
}

/// How much of a stripped span's start is the end of the sentence before it, which belongs to
/// the caption: its closing punctuation and marks ("» (Archivbild)" keeps its bracket), and the
/// letter a rule read to know a sentence ends there ("… al fondo. / JUAN GIL").
fn sentence_end_len(span: &str) -> usize {
    let mut chars = span.char_indices().peekable();
    let starts_with_end_letter = {
        let mut ahead = span.chars();
        ahead.next().is_some_and(char::is_alphanumeric)
            && ahead.next().is_some_and(|c| matches!(c, '.' | '!' | '?'))
    };
    if starts_with_end_letter {
        chars.next();
    }
    let mut len = 0;
    for (at, c) in chars {
        if !matches!(c, '.' | '!' | '?' | '»' | '«' | '…' | ')' | '"' | '”' | '“') {
            break;
        }
        len = at + c.len_utf8();
    }
    len
}

/// A kept line whose photo credit a rule cut off, or that a credit line follows.
fn is_caption(lines: &[WorkLine], at: usize) -> bool {
    let credit = |line: &WorkLine| line.removed.iter().any(|r| r.category == "credit");
    credit(&lines[at])
        || lines[at + 1..]
            .iter()
            .find(|l| l.has_text())
            .is_some_and(|next| !next.is_kept() && credit(next))
}

/// Whether `text` ends in a full stop or a clause's punctuation, as a headline does not; a
/// time of day's abbreviation is no full stop ("... paso regulado desde las 5 a. m.").
fn ends_like_a_clause(text: &str) -> bool {
    let text = text.trim_end();
    let lower = text.to_lowercase();
    let time_of_day = ["a.m.", "p.m.", "a. m.", "p. m."]
        .iter()
        .any(|abbreviation| {
            lower
                .strip_suffix(abbreviation)
                .is_some_and(|head| head.ends_with(' '))
        });
    text.ends_with(['.', ':', ';', ',']) && !time_of_day
}

/// A line that lists names after its label ("Weather Warnings: Status Orange Wind – Galway,
/// Mayo, Clare, Kerry, Sligo, Donegal"): a warning strip or a tag line, not a headline.
fn lists_names_after_label(text: &str) -> bool {
    let mut items = text.split(',').skip(1).map(str::trim);
    text.matches(',').count() >= NAME_LIST_MIN_COMMAS
        && items.all(|item| {
            (1..=2).contains(&count_words(item))
                && item.chars().next().is_some_and(char::is_uppercase)
        })
}

/// A list of names has at least this many commas.
const NAME_LIST_MIN_COMMAS: usize = 4;

/// A figure with decimals or a percentage ("34.512", "+0,42%", "₡503,12"), as quotes and rates
/// write them.
fn has_decimal_figure(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars
        .windows(3)
        .any(|w| w[0].is_ascii_digit() && matches!(w[1], '.' | ',') && w[2].is_ascii_digit())
        || chars
            .windows(2)
            .any(|w| w[0].is_ascii_digit() && w[1] == '%')
}

/// A short line that gives a time ("18. März 2026 | 06:00"); a headline can name a date
/// ("Metasploit Wrap-Up 12/19/2025").
fn is_stamp_line(text: &str) -> bool {
    count_words(text) <= STAMP_MAX_WORDS
        && crate::text::parse_stamp(text).is_some_and(|s| s.time.is_some())
}

/// Lines read over a byline for the headline above a caption (the dek, the headline).
const HEADLINE_ABOVE_BYLINE: usize = 3;
/// A menu-like line (capitalised words, no function word) this long is a menu, not a headline
/// in title case ("Storm Fionnuala Batters West Coast").
const FLAT_MENU_MIN_WORDS: usize = 7;

/// A line a rule removed as a byline or a publication stamp.
fn is_byline_or_stamp(line: &WorkLine) -> bool {
    line.removed
        .iter()
        .any(|r| is_byline_or_stamp_field(r.field))
}

/// The field of a byline's or a publication stamp's rule.
fn is_byline_or_stamp_field(field: Option<MetaField>) -> bool {
    matches!(field, Some(MetaField::Author | MetaField::Published))
}

/// Among the lines a rule removed right above `at` (reading times, stamps) is a byline or a
/// publication stamp.
fn byline_just_above(lines: &[WorkLine], at: usize) -> bool {
    (0..at)
        .rev()
        .filter(|&i| lines[i].has_text())
        .take_while(|&i| !lines[i].is_kept())
        .take(HEADER_BEFORE)
        .any(|i| is_byline_or_stamp(&lines[i]))
}

/// Two sentences without a final full stop, the second starting with a capital: an opinion
/// piece's headline ("Льготная ипотека закончилась. Пора честно поговорить о цене").
fn is_two_sentence_headline(text: &str) -> bool {
    let sentences = text.matches(". ").count();
    sentences == 1
        && !text.ends_with(['.', ':', ';', ','])
        && text.split_once(". ").is_some_and(|(first, second)| {
            first.split_whitespace().count() >= 3 && second.starts_with(char::is_uppercase)
        })
        && !text.contains(" / ")
}

/// A section path's separators ("News > Frauen", "Blogs › Mar de fondo").
const BREADCRUMB_SEPARATORS: &[&str] = &[" > ", " › ", " » ", " / "];

/// The article finder's score above which a line it dropped can still be the headline.
const DROPPED_HEADLINE_MIN_SCORE: f32 = 0.14;

/// The article finder's score of a paragraph it is sure belongs to the article.
const BODY_MIN_SCORE: f32 = 0.5;
/// A line of at most this many words that holds a date is a date stamp.
const STAMP_MAX_WORDS: usize = 6;

/// Whether a sentence ends inside `text` (". " after a word of four letters or more, then a
/// capital, maybe after a credit's slash or dash): a caption ("… el pasado lunes. / Vicent M.
/// Pastor") or a dek, where a headline is one sentence.
fn has_inner_sentence_end(text: &str) -> bool {
    text.match_indices(". ").any(|(at, _)| {
        let word = text[..at]
            .rsplit(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        let next = text[at + 2..].chars().find(|c| c.is_alphanumeric());
        word.chars().count() >= 4 && next.is_some_and(char::is_uppercase)
    })
}

/// Separators between a page title's parts ("Headline | Site", "Headline - Section - Site").
/// Rule categories of lines that are never a page's `<title>`.
const NOT_A_TITLE_CATEGORIES: [&str; 15] = [
    "cookie",
    "related",
    "skip",
    "subscription",
    "newsletter",
    "paywall",
    "share",
    "ad",
    "comments",
    "promo",
    "listen",
    "player",
    "reading_time",
    "age_rating",
    "error_page",
];
const TITLE_SEPARATORS: [&str; 8] = [" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " • "];
/// A page title's headline is looked for among this many lines after it.
const PAGE_TITLE_WINDOW: usize = 400;

/// In a page dump the first line is the page's `<title>` (else the one `title_below_top`
/// finds under a consent banner or the menu), often "Headline | Site": the headline
/// is the later line before the article's second prose line that spells one of its parts (in
/// order; an exact copy is also looked for further down) or that the title starts with,
/// else, when at least `min_lines` lines come before the article and the first line has parts,
/// the first part of two words or more.
fn page_title_headline(lines: &[WorkLine], min_lines: usize) -> Option<(Option<usize>, String)> {
    // A spelled copy of the title can also follow a first prose line (an affiliate notice, a
    // teaser): it is looked for up to the second; a reworded one only before the first.
    let mut prose = (0..lines.len()).filter(|&i| lines[i].is_kept_prose());
    let body_start = prose.next().unwrap_or(lines.len());
    let copy_end = prose.next().unwrap_or(lines.len());
    // A copy of the title further down is the headline only if article text follows it.
    let last_prose = lines.iter().rposition(WorkLine::is_kept_prose);
    let top = lines[..copy_end].iter().position(WorkLine::has_text)?;
    let first_at = title_below_top(lines, top, body_start).unwrap_or(top);
    let first = lines[first_at].plain.text.trim();
    let texts = lines[..copy_end]
        .iter()
        .enumerate()
        .skip(first_at + 1)
        .map(|(i, l)| (i, l.plain.text.trim()))
        .filter(|(_, t)| !t.is_empty());
    if ends_like_sentence(first) && count_words(first) > HEADLINE_MAX_WORDS {
        return None;
    }
    // A line a boilerplate rule took (a cookie notice, a skip link, an app prompt) is the
    // page's first text, not its `<title>`.
    let boilerplate = |r: &Removal| {
        NOT_A_TITLE_CATEGORIES.contains(&r.category.as_str()) && r.text.trim() == first
    };
    if lines[first_at].removed.iter().any(boilerplate) {
        return None;
    }
    let (at, later): (Vec<usize>, Vec<&str>) = texts.take(PAGE_TITLE_WINDOW).unzip();
    let before_body = at.iter().take_while(|&&i| i < body_start).count();
    let parts = crate::text::parts_between(first, &TITLE_SEPARATORS);
    // Decimal figures or temperatures in most parts are a ticker, a rates or a weather bar
    // ("FTSE MIB 34.512 +0,42% | Spread BTP-Bund 108", "Trento 4° nuvoloso · Rovereto 6°"),
    // not "Headline | Site".
    let with_figures = parts
        .iter()
        .filter(|p| has_decimal_figure(p) || p.contains('°'))
        .count();
    if with_figures >= 2 && 2 * with_figures >= parts.len() {
        return None;
    }
    // "Site — tagline" ("Омский меридиан — городской портал"): a last part of words without
    // a capital, or with one only in its last word, a place ("городской портал Твери"),
    // describes the site, and the line is its masthead. One such word is a blog's handle
    // ("ENDIES Pt. 1: Tabletop Games | discodanlives"); a writer ("... - by Jane Roe") or a
    // command's name ("Git - git-commit Documentation") is none.
    if let [site, tagline] = &parts[..] {
        let words: Vec<&str> = tagline.split_whitespace().collect();
        let named_place = words.len() >= 2
            && words[0].chars().all(char::is_lowercase)
            && words[..words.len() - 1]
                .iter()
                .all(|w| !w.starts_with(char::is_uppercase));
        if (!tagline.chars().any(char::is_uppercase) || named_place)
            && count_words(tagline) >= 2
            && !crate::text::is_domain_name(tagline.trim())
            && count_words(site) <= SITE_NAME_MAX_WORDS
        {
            return None;
        }
    }
    let later_keys: Vec<String> = later.iter().map(|t| alnum_key(t)).collect();
    // The last of several parts names the site ("Headline | Site"): its logo line is no
    // headline.
    let headline_parts = match parts.len() {
        1 => &parts[..],
        n => &parts[..n - 1],
    };
    // A Q&A site's tag before its question ("backup - How to back up my entire system? - Ask
    // Ubuntu", "shell script - ...") also has a line of its own, the tag's link: a part of a
    // word or two in lower case is tried after the others.
    let mut tags_last = headline_parts.to_vec();
    tags_last.sort_by_key(|part| count_words(part) <= 2 && !part.chars().any(char::is_uppercase));
    for part in tags_last {
        let key = alnum_key(part);
        if key.chars().count() < 6 {
            continue;
        }
        if let Some(k) = later_keys.iter().position(|l| *l == key) {
            return Some((Some(at[k]), later[k].to_string()));
        }
        // The title's kicker before a colon, which the page's heading leaves out ("Horlogerie :
        // Vauclair & Fils supprime 85 postes | Site" over "Vauclair & Fils supprime 85 postes",
        // "Garnix Blog: Hardware-Attested Nix Builds"). A kicker on the line just above is the
        // title's repeat split over two lines, and the first line the headline.
        let unkicked = part
            .split_once(':')
            .filter(|(kicker, rest)| count_words(kicker) <= 4 && count_words(rest) >= 3);
        let heading = unkicked.and_then(|(kicker, rest)| {
            let key = alnum_key(rest);
            let k = later_keys.iter().position(|l| *l == key)?;
            let split = k > 0 && later_keys[k - 1] == alnum_key(kicker);
            (!split || parts.len() >= 2).then_some(k)
        });
        if let Some(k) = heading {
            return Some((Some(at[k]), later[k].to_string()));
        }
        // Text the finder kept high on the page (a menu's blurb) can push the headline past
        // the second prose line: an exact copy of a part is looked for further down, above
        // article text (a footer repeats the logo line).
        let copy = lines
            .iter()
            .enumerate()
            .skip(copy_end)
            .take(PAGE_TITLE_WINDOW)
            .map(|(i, l)| (i, l.plain.text.trim()))
            .filter(|(_, t)| t.len() >= key.len() && t.len() <= 2 * part.len() + 8)
            .filter(|&(i, _)| last_prose.is_some_and(|p| p > i))
            .find(|(_, t)| alnum_key(t) == key);
        if let Some((i, text)) = copy {
            return Some((Some(i), text.to_string()));
        }
    }
    let title_key = alnum_key(first);
    let prefix = later_keys
        .iter()
        .enumerate()
        // A word alone is the title's kicker, not its headline.
        .filter(|&(k, l)| count_words(later[k]) >= 2 && l.chars().count() >= 15)
        .filter(|(_, l)| title_key.starts_with(l.as_str()))
        .max_by_key(|(k, l)| (l.len(), std::cmp::Reverse(*k)));
    if let Some((k, _)) = prefix {
        return Some((Some(at[k]), without_site(later[k], &parts).to_string()));
    }
    // The page's own heading often rewords its `<title>` ("Best Tax Preparation Software |
    // Site" over "The Best Tax Prep Software of 2025"): the closest such line before the
    // article that shares most of its words.
    // A site's name of a word or three (the logo line of a page dump) has no rewording.
    let title_text = headline_parts.join(" ");
    let title_words = if is_key_value(first) || count_words(&title_text) < REWORDED_TITLE_MIN_WORDS
    {
        Default::default()
    } else {
        word_set(&title_text)
    };
    let reworded = later[..before_body]
        .iter()
        .enumerate()
        .filter(|(_, l)| (3..=HEADLINE_MAX_WORDS).contains(&count_words(l)))
        .filter(|(_, l)| !l.ends_with('.'))
        .filter(|(_, l)| !BREADCRUMB_SEPARATORS.iter().any(|sep| l.contains(sep)))
        // A piece of the title is a copy of it, not a rewording; a "key: value" line (front
        // matter pasted into a text) is a field, not a heading.
        .filter(|&(k, l)| !title_key.contains(later_keys[k].as_str()) && !is_key_value(l))
        .map(|(k, l)| (k, title_similarity(&title_words, &word_set(l))))
        .filter(|&(_, similarity)| similarity >= REWORDED_TITLE_MIN_DICE)
        .max_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    if let Some((k, _)) = reworded {
        return Some((Some(at[k]), later[k].to_string()));
    }
    // A page dump has a long header (menus, links) before its article; a news text's few
    // lines before the headline are a site name and labels.
    if before_body + 1 < min_lines {
        return None;
    }
    // Without a separator the first line need not be a title at all; a line of figures cut by
    // separators is a ticker ("NGX ASI 104,218.36 ▲ 0.42% | ATLTEL ₦248.10 ▲ 1.10%").
    if first.chars().filter(char::is_ascii_digit).count() * 4 > first.chars().count() {
        return None;
    }
    // A part of figures alone is a banner's year ("2025 — Год благоустройства"), no title's; a
    // domain name beside a name is the site's masthead ("etn.it – Etschtaler Nachrichten").
    if parts
        .iter()
        .any(|p| !p.chars().any(char::is_alphabetic) || crate::text::is_domain_name(p))
    {
        return None;
    }
    let headline = match parts.as_slice() {
        // A site's name before its slogan or address ("Océan 974 — l'info péi en continu",
        // "Weserstadt Online – Das Stadtportal für Bremen"): a first part shorter than a last
        // part that reads as a phrase, or that the footer spells again alone.
        [head, .., last] if count_words(head) >= 2 => {
            let slogan = last.contains("://")
                || (count_words(last) >= SLOGAN_MIN_WORDS
                    && last
                        .split_whitespace()
                        .any(|w| w.chars().next().is_some_and(char::is_lowercase)));
            let in_footer = || {
                let key = alnum_key(head);
                last_prose.is_some_and(|p| {
                    lines[p + 1..]
                        .iter()
                        .any(|l| alnum_key(&l.plain.text) == key)
                })
            };
            let site_first = (slogan && head.chars().count() < last.chars().count()) || in_footer();
            (!site_first).then_some(head)?
        }
        [_, _, ..] => parts.iter().max_by_key(|p| p.len())?,
        _ => return None,
    };
    // Parts of a word each are a language switcher or a menu ("BM | EN | 中文", "Кыргызча |
    // Русский | English"), no title; a headline of one word is in a script without spaces.
    let a_headline = headline.split_whitespace().count() >= 2
        || (headline.chars().any(is_unspaced_script)
            && headline.chars().count() >= HEADLINE_MIN_CHARS);
    a_headline.then(|| (None, headline.to_string()))
}

/// The page's `<title>` when it is not its first line (under a consent banner, a skip link,
/// the site's menu): the first line before the article at `body_start` cut by a title
/// separator into a headline and a last part that names the site, which a line of its own (the
/// logo's) or the first line's first part spells ("Limmat Digital – Schweizer Tech-News" over
/// "Rheonix: ... | Limmat Digital"). Any other first line cut by a separator is the title
/// itself.
fn title_below_top(lines: &[WorkLine], first_at: usize, body_start: usize) -> Option<usize> {
    let first = lines[first_at].plain.text.trim();
    let first_parts = crate::text::parts_between(first, &TITLE_SEPARATORS);
    let site_key = |line: &str| {
        let parts = crate::text::parts_between(line, &TITLE_SEPARATORS);
        let [head, .., site] = parts.as_slice() else {
            return None;
        };
        let key = alnum_key(site);
        (count_words(head) >= REWORDED_TITLE_MIN_WORDS
            && count_words(site) <= SITE_NAME_MAX_WORDS
            && key.chars().count() >= 4)
            .then_some(key)
    };
    let names_the_site = |at: usize, key: &str| {
        let first_names_it = first_parts.first().is_some_and(|p| alnum_key(p) == key);
        // A first line with parts is the title, unless it is the site's name and slogan.
        first_names_it
            || (first_parts.len() < 2
                && lines
                    .iter()
                    .enumerate()
                    .any(|(i, l)| i != at && l.has_text() && alnum_key(&l.plain.text) == key))
    };
    (first_at + 1..body_start.min(lines.len()))
        .filter(|&i| lines[i].has_text())
        .take(PAGE_TITLE_WINDOW)
        .find(|&i| site_key(lines[i].plain.text.trim()).is_some_and(|key| names_the_site(i, &key)))
}

/// A line above a page dump's headline that has at most this many words and no final
/// punctuation is the page's, not the article's.
const ABOVE_HEADLINE_MAX_WORDS: usize = 6;

/// Above the headline that the page's `<title>` names, the short lines the finder kept are
/// the page's menus, section names and teasers ("Bakery" / "Cafe", "Industry Insights",
/// "Limited Time"): the article starts at its headline. A sentence there stays (a lead or a
/// dek printed above the heading).
fn remove_above_headline(lines: &mut [WorkLine], headline: usize) {
    for line in &mut lines[..headline] {
        if line.is_kept()
            && line.shape.words <= ABOVE_HEADLINE_MAX_WORDS
            && !ends_like_sentence(line.kept.trim())
        {
            line.drop_all(ABOVE_HEADLINE_RULE, "menu", None);
        }
    }
}

/// Once a later line at `headline` is found to be the headline of the page title heading the
/// dump ("Headline | Site"), that first line is a copy of it, and a line between them that
/// spells the title's last part alone is the site's logo.
fn remove_page_title_and_logo(lines: &mut [WorkLine], headline: usize) {
    let Some(top) = lines.iter().position(WorkLine::has_text) else {
        return;
    };
    // The title line `page_title_headline` read: the first of its kind above the headline.
    let first = title_below_top(lines, top, headline).unwrap_or(top);
    let title = lines[first].plain.text.trim().to_string();
    let parts = crate::text::parts_between(&title, &TITLE_SEPARATORS);
    let [_, .., site] = parts.as_slice() else {
        return;
    };
    if headline <= first || alnum_key(&lines[headline].plain.text) == alnum_key(&title) {
        return;
    }
    if lines[first].is_kept() {
        lines[first].drop_all(TITLE_REPEAT_RULE, "title_repeat", None);
    } else if lines[first].dropped_by_finder() {
        lines[first].relabel_finder_drop(TITLE_REPEAT_RULE, "title_repeat", None);
    }
    let site_key = alnum_key(site);
    for line in &mut lines[first + 1..headline] {
        if line.is_kept() && !site_key.is_empty() && alnum_key(&line.kept) == site_key {
            line.drop_all(MASTHEAD_RULE, "masthead", None);
        }
    }
}

/// A slogan after a site's name in a page title has at least this many words.
const SLOGAN_MIN_WORDS: usize = 3;
/// A headline of one word (in a script without spaces) has at least this many characters.
const HEADLINE_MIN_CHARS: usize = 8;

/// A copy of the whole page title names the site after its headline ("Headline | Site"): the
/// headline is what comes before the title's last part.
fn without_site<'l>(line: &'l str, title_parts: &[&str]) -> &'l str {
    let [_, .., site] = title_parts else {
        return line;
    };
    TITLE_SEPARATORS
        .iter()
        .find_map(|sep| {
            line.strip_suffix(site)?
                .trim_end()
                .strip_suffix(sep.trim_end())
        })
        .map_or(line, str::trim_end)
}

/// A date stamp stands among the few lines under the headline at `at`, as on a news article
/// (a product's or a guide's heading stands alone, and its `<title>` is what readers cite).
fn stamp_below(lines: &[WorkLine], at: usize) -> bool {
    lines[at + 1..]
        .iter()
        .filter(|l| l.has_text())
        .take(HEADER_BEFORE + 1)
        .any(|l| crate::text::has_date(&l.plain.text))
}

/// A title reworded by the page's heading has at least this many words.
const REWORDED_TITLE_MIN_WORDS: usize = 4;
/// The most words of a site's name after a title separator.
const SITE_NAME_MAX_WORDS: usize = 5;
/// How many words a heading shares with the page title, at least, to be its reworded headline
/// (Dice coefficient of the lower-cased word sets).
const REWORDED_TITLE_MIN_DICE: f64 = 0.6;
/// How alike the headline over the article and a title that no line rewords more closely must
/// be for the headline to stand in for the title.
const SHARED_TITLE_MIN_DICE: f64 = 0.3;
/// Or the share of the shorter one's words the other keeps, and how many at least.
const REWORDED_TITLE_MIN_KEPT: f64 = 0.7;
const REWORDED_TITLE_MIN_SHARED: usize = 4;

/// A "key: value" line, as front matter writes one ("description: ..."); a heading's label is
/// capitalised ("Review: ...").
fn is_key_value(line: &str) -> bool {
    line.split_once(": ").is_some_and(|(key, _)| {
        !key.is_empty() && key.chars().all(|c| c.is_ascii_lowercase() || c == '_')
    })
}

fn word_set(text: &str) -> std::collections::HashSet<String> {
    crate::text::words(text).map(str::to_lowercase).collect()
}

/// How alike two word sets are as a title and its rewording: their Dice coefficient, raised to
/// the threshold when one keeps most of the other's words.
fn title_similarity(
    a: &std::collections::HashSet<String>,
    b: &std::collections::HashSet<String>,
) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.intersection(b).count();
    let dice = 2.0 * shared as f64 / (a.len() + b.len()) as f64;
    // A short title that a longer heading rewords keeps most of its words ("Derby, la Lazio
    // ribalta la Roma all'Olimpico" over "La Lazio ribalta il derby: Okafor e Ruggeri, ...").
    if shared >= REWORDED_TITLE_MIN_SHARED
        && shared as f64 >= REWORDED_TITLE_MIN_KEPT * a.len().min(b.len()) as f64
    {
        return dice.max(REWORDED_TITLE_MIN_DICE);
    }
    dice
}

/// Lines around the headline at `at` that can be bylines or stamps.
const HEADER_BEFORE: usize = 3;
/// Lines above the article's first paragraph that can be bylines or stamps.
const HEADER_BEFORE_BODY: usize = 2;
const HEADER_AFTER: usize = 14;
const HEADER_MAX_WORDS: usize = 28;

/// The short lines with text from a little before the headline at `at` to a little after it,
/// as written: where a page puts its byline and date stamp.
fn header_lines(lines: &[WorkLine], at: usize, before: usize) -> Vec<String> {
    let text_lines = text_line_indices(lines);
    let Ok(k) = text_lines.binary_search(&at) else {
        return Vec::new();
    };
    // A stamp stands above the article or just after its first paragraph: the header ends
    // before the second one, where the story's own dates begin.
    let mut paragraphs = 0;
    let after = text_lines[k + 1..]
        .iter()
        .take(HEADER_AFTER)
        .take_while(|&&i| {
            paragraphs += usize::from(lines[i].is_kept_prose());
            paragraphs < 2
        });
    text_lines[k.saturating_sub(before)..k]
        .iter()
        .chain(after)
        .map(|&i| without_glued_tail(&lines[i]))
        .filter(|t| count_words(t) <= HEADER_MAX_WORDS)
        .map(str::to_string)
        .collect()
}

/// A line's text without the button a rule cut off its last word ("Nicolas PerrenoudSuivre"):
/// the header's values are read from what is left. A longer tail is the rest of a line the
/// glue point split inside a name ("By: ShawnHymel | December 16, 2025").
fn without_glued_tail(line: &WorkLine) -> &str {
    let text = line.plain.text.trim();
    line.removed
        .iter()
        .find_map(|r| {
            let head = text.strip_suffix(r.text.as_str())?;
            let button = count_words(&r.text) <= GLUED_BUTTON_MAX_WORDS
                && !r.text.contains(|c: char| c.is_ascii_digit());
            (button && head.ends_with(char::is_lowercase) && r.text.starts_with(char::is_uppercase))
                .then_some(head)
        })
        .unwrap_or(text)
}

/// A button glued to a byline's last word has at most this many words ("Suivre", "Follow").
const GLUED_BUTTON_MAX_WORDS: usize = 2;

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
        let texts = kept[k..].iter().map(|&i| lines[i].kept.as_str());
        match spelled_lines(texts, title_key) {
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

/// How many of the first one to three `texts` spell `key` together, if any. The keys of the
/// texts are compared letter by letter: most lines differ from the title in their first letters.
fn spelled_lines<'a>(texts: impl Iterator<Item = &'a str>, key: &str) -> Option<usize> {
    let mut rest = key;
    for (n, text) in texts.take(3).enumerate() {
        for c in alnum_key_chars(text) {
            rest = rest.strip_prefix(c)?;
        }
        if rest.is_empty() {
            return Some(n + 1);
        }
    }
    None
}

/// A line repeating the previous kept line (a caption printed twice) is removed.
fn remove_duplicate_lines(lines: &mut [WorkLine]) {
    let mut previous: Option<usize> = None;
    for i in 0..lines.len() {
        if !lines[i].is_kept() {
            continue;
        }
        // Keys compared lazily: neighbouring lines mostly differ in their first letters.
        let previous_text = previous.map_or("", |p| lines[p].kept.as_str());
        if alnum_key_chars(previous_text).eq(alnum_key_chars(&lines[i].kept)) {
            lines[i].drop_all(DUPLICATE_RULE, "duplicate", None);
        } else {
            previous = Some(i);
        }
    }
}

/// The indices of the lines with text, in page order.
fn text_line_indices(lines: &[WorkLine]) -> Vec<usize> {
    (0..lines.len()).filter(|&i| lines[i].has_text()).collect()
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
    let particles = words
        .iter()
        .filter(|w| crate::text::NAME_PARTICLES.contains(w));
    let n_capitalised = capitalised.count();
    n_capitalised >= 2 && n_capitalised + particles.count() == words.len()
}

#[cfg(test)]
mod tests;
