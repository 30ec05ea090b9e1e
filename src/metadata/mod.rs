//! Metadata stage: title, authors, publisher, url and dates from front matter, from the
//! metadata lines the cleaner removed (bylines, stamps, source lines), and from publisher rules.
//! Every value records where it came from in `metadata_source`; nothing is guessed.

mod masthead;
mod publishers;
mod values;

use masthead::PageText;
pub use publishers::{url_domain, PublisherMatch, PublisherRules};
pub use values::FieldValues;

use crate::clean::{
    byline_names, is_person_name, AUTHOR_BIO_RULE, BARE_BYLINE_RULE, SIGNATURE_RULE,
};
use crate::config::Config;
use crate::document::{Document, GivenValue, MetaField, Removal};
use crate::text::{
    alnum_key, has_date, is_day_and_month, parse_date, parse_stamp_in, time_after,
    writes_every_word_in_lower_case, writes_in_lower_case, NumericOrder, Stamp, NAME_PARTICLES,
    NAME_SEPARATORS,
};
use anyhow::Result;
use serde_json::Value;

/// A date stamp without a rule's label is looked for in this many removed lines over the
/// article's first kept line.
const STAMP_ABOVE_ARTICLE_LINES: usize = 3;
/// Front matter keys for each field, in order of preference.
const TITLE_KEYS: &[&str] = &["title", "headline"];
const AUTHOR_KEYS: &[&str] = &["authors", "author", "byline", "creator", "autor", "autore"];
const PUBLISHED_KEYS: &[&str] = &[
    "date",
    "published",
    "published_at",
    "publishdate",
    "pubdate",
    "date_published",
    "datepublished",
];
const UPDATED_KEYS: &[&str] = &[
    "lastmod",
    "updated",
    "updated_at",
    "modified",
    "date_modified",
    "datemodified",
    "last_modified",
];
/// A repost's original url and outlet come first: the analyst wants the original source.
const URL_KEYS: &[&str] = &[
    "original_url",
    "canonical_url",
    "canonical",
    "url",
    "permalink",
    "link",
    "source_url",
];
const PUBLISHER_KEYS: &[&str] = &[
    "original_source",
    "site_name",
    "publisher",
    "publication",
    "source",
    "site",
    "outlet",
    "medio",
    "testata",
    "zeitung",
    "издание",
];

const DESCRIPTION_KEYS: &[&str] = &["description", "summary", "excerpt", "lead", "abstract"];
const TAGS_KEYS: &[&str] = &["tags", "keywords", "topics"];

/// Rule categories whose removed text may name the site (never credits or agencies).
const SITE_BOILERPLATE: &[&str] = &[
    "paywall",
    "subscription",
    "newsletter",
    "copyright",
    "repost",
    "share",
    "error_page",
    "footer",
    "social",
    "metadata",
    "source",
    "site",
    "navigation",
];

/// A copyright line the cleaner left in the text is looked for among this many last lines.
const FOOTER_LINES: usize = 5;

/// A byline found by its shape spans at most this many lines, one writer each.
const BYLINE_MAX_LINES: usize = 3;
/// The rule of a byline line that names a writer and their role ("Nadja Zimmerli,
/// Reporterin"): a writer's line each, one above the other.
const NAME_ROLE_BYLINE_RULE: &str = "generic.meta.name_role_byline";
/// Words between a name and its stamp ("Patrick Clarke on 10 March 2025", "Ana Ruiz el 3 de
/// marzo").
const STAMP_CONNECTORS: &[&str] = &[
    "on", "at", "am", "um", "le", "el", "il", "del", "du", "de", "в", "от", "—", "-", "|",
];
/// The place a byline's writer wrote from has at most this many words ("New Delhi").
const PLACE_MAX_WORDS: usize = 3;
/// Removed lines of these categories can carry a date that is not the article's: when a
/// programme stays online, when an offer ends, when a forum's member joined.
const DATED_NOT_STAMP_CATEGORIES: &[&str] = &["listen", "player", "ad", "promo", "author_box"];
/// A first name alone over a stamp has at least this many letters ("Kev", "Gabo").
const ONE_WORD_NAME_MIN_CHARS: usize = 3;
/// A headline or a dek over a byline has at least this many words; a menu's items fewer.
const HEADLINE_MIN_WORDS: usize = 4;
/// A bare byline over its stamp ("By Clay" / "Mar 14, 2024") has at most this many words.
const BARE_BYLINE_MAX_WORDS: usize = 3;
/// A forum handle ("PaulWBryant", "Noah_B") has at most this many characters.
const HANDLE_MAX_CHARS: usize = 30;
/// A question's stamp ("asked Feb 11, 2011 at 23:49") is at most this long.
const QUESTION_STAMP_MAX_BYTES: usize = 64;

/// Whether `line` carries a copyright mark ("©", "(c)", "copyright"), not only a rights phrase.
fn has_copyright_mark(line: &str) -> bool {
    let folded = crate::text::fold_str(line);
    // "(c)" after a word is a code's ("501(c)(3)"), not the mark.
    let c_mark = folded.match_indices("(c)").any(|(at, _)| {
        !folded[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
    });
    line.contains('©') || c_mark || folded.contains("copyright")
}

/// A value found in a removed line, with the rule that removed it.
struct LineValue<'a> {
    rule_id: &'a str,
    field: MetaField,
    text: String,
    /// Index of the removed span, so values of one line can complete each other.
    line: usize,
    /// The whole line the value was read from.
    line_text: &'a str,
}

pub struct MetadataExtractor {
    publishers: PublisherRules,
    values: FieldValues,
    published_from_update: bool,
}

impl MetadataExtractor {
    pub fn new(config: &Config) -> Result<MetadataExtractor> {
        Ok(MetadataExtractor {
            publishers: PublisherRules::load(&config.publishers_path())?,
            values: FieldValues::load_dir(&config.rules_dir())?,
            published_from_update: config.metadata.published_from_update,
        })
    }

    pub fn extract(&self, doc: &mut Document) {
        let fm = doc.front_matter.clone().unwrap_or_default();
        // What an HTML page declares comes after front matter and before what the text says.
        let mut page = doc.page_meta.clone().unwrap_or_default();
        // A visible stamp a page gives as its date may say it is an update ("Updated January
        // 16, 2026"): that is not when it was published.
        let shown = page
            .published_shown
            .as_ref()
            .or(page.published.as_ref().map(|p| &p.value));
        if shown.is_some_and(|s| self.values.stamp_kind(s) == Some(MetaField::Updated)) {
            let update = page.published.take();
            page.updated = page.updated.or(update);
        }
        let line_values: Vec<LineValue> = doc
            .removed
            .iter()
            .enumerate()
            .flat_map(|(line, r)| {
                self.values
                    .values(r)
                    .into_iter()
                    .map(move |(field, text)| LineValue {
                        rule_id: &r.rule_id,
                        field,
                        text,
                        line,
                        line_text: &r.text,
                    })
            })
            .collect();
        // Bylines and stamps around the headline of a page dump come before those of related
        // articles and sidebars elsewhere on the page.
        let in_header = |v: &LineValue| {
            let line = doc.removed[v.line].text.trim();
            doc.header.iter().any(|h| h == line)
        };
        let (mut line_values, rest): (Vec<LineValue>, Vec<LineValue>) =
            line_values.into_iter().partition(in_header);
        let in_header_count = line_values.len();
        line_values.extend(rest);
        let meta = &mut doc.meta;

        if let Some(given) = &doc.given.title {
            meta.title = Some(given.value.clone());
            meta.source.title = Some(given.source.clone());
        } else if let Some((key, title)) = first_string(&fm, TITLE_KEYS) {
            meta.title = Some(title);
            meta.source.title = Some(format!("front_matter.{key}"));
        } else if let Some(title) = page.title {
            meta.title = Some(title.value);
            meta.source.title = Some(title.source);
        } else if let Some(headline) = doc.headline.as_deref().map(headline_text) {
            meta.title = Some(headline.to_string());
            meta.source.title = Some("text.headline".into());
        }

        if let Some((key, authors)) = first_authors(&fm) {
            meta.authors = authors;
            meta.source.authors = Some(format!("front_matter.{key}"));
        } else if let Some((names, source)) = page.authors.and_then(|(names, source)| {
            let names = self.page_author_names(&names);
            (!names.is_empty()).then_some((names, source))
        }) {
            meta.authors = names;
            meta.source.authors = Some(source);
        } else if let Some((rule_id, authors)) =
            self.authors_from_lines(&line_values, &doc.text, false)
        {
            meta.authors = authors;
            meta.source.authors = Some(rule_id);
        } else if let Some(handle) = self.first_post_handle(&doc.header, &doc.removed) {
            // A thread's first post or a question says who wrote the page before any line
            // that only looks like a name beside a stamp (the forum's section: "ChatGPT Bugs").
            meta.authors = vec![handle];
            meta.source.authors = Some("text.header:first_post".into());
        } else if let Some((rule_id, authors)) =
            self.names_after_byline_word(header_lines(&doc.header), &doc.text, false)
        {
            // A byline word in the header says whose name follows it; a name beside a stamp
            // is only guessed from its shape.
            meta.authors = authors;
            meta.source.authors = Some(format!("{rule_id}:byline_word"));
        } else {
            let authors = self.author_from_header(&doc.header, &doc.text, &doc.removed);
            if !authors.is_empty() {
                meta.authors = authors;
                meta.source.authors = Some("text.header".into());
            } else if let Some((rule_id, authors)) = self.names_after_byline_word(
                removed_and_kept_lines(&doc.removed, &doc.text),
                &doc.text,
                false,
            ) {
                meta.authors = authors;
                meta.source.authors = Some(format!("{rule_id}:byline_word"));
            } else if let Some(bio) = line_values.iter().find(|v| {
                v.field == MetaField::Author
                    && v.rule_id == AUTHOR_BIO_RULE
                    && !self.publishers.names_no_person(v.text.trim())
            }) {
                meta.authors = vec![bio.text.trim().to_string()];
                meta.source.authors = Some(AUTHOR_BIO_RULE.into());
            } else if let Some((rule_id, authors)) = self
                .authors_from_lines(&line_values, &doc.text, true)
                .or_else(|| {
                    let lines = header_lines(&doc.header)
                        .chain(removed_and_kept_lines(&doc.removed, &doc.text));
                    self.names_after_byline_word(lines, &doc.text, true)
                        .map(|(rule_id, names)| (format!("{rule_id}:byline_word"), names))
                })
            {
                // A page that names no writer is signed by its reviewer.
                meta.authors = authors;
                meta.source.authors = Some(format!("{rule_id}:reviewer"));
            }
        }

        meta.description = first_string(&fm, DESCRIPTION_KEYS).map(|(_, d)| d);
        meta.tags = first_list(&fm, TAGS_KEYS);

        // "04/03/2025" is read as the page's other numeric dates are written. Stamps are read
        // from the header and the removed lines: the whole page is scanned only when one of
        // them could be read both ways. The header's lines are among the removed and kept
        // ones: counted once.
        let removed_texts = || doc.removed.iter().map(|r| r.text.as_str());
        let ambiguous =
            NumericOrder::matters_for(doc.header.iter().map(String::as_str).chain(removed_texts()));
        let order = if ambiguous {
            NumericOrder::of_page(removed_texts().chain(doc.text.lines()))
        } else {
            NumericOrder::DayFirst
        };
        let (published, updated) = stamps_from_lines(&line_values, order);
        // An update stamp with a date and no time: how an evergreen page (a guide, a review)
        // dates itself. A timed one is a news page's last edit ("Stand: 14.03.2026, 11:20 Uhr").
        let mut dated_update = updated
            .as_ref()
            .filter(|(_, stamp)| stamp.time.is_none())
            .map(|(dated, _)| dated.clone());
        let (mut published, mut updated) = (published.map(|p| p.0), updated.map(|u| u.0));
        let given_published = doc.given.published.as_ref().and_then(|given| {
            parse_date(&given.value).map(|micros| (given.source.clone(), micros))
        });
        // A page dump's stamp stands near its headline, in words no rule knows, or just over
        // the article among the lines removed there ("Berlin, 02.10.2025"). It comes before a
        // date a rule read elsewhere on the page: the masthead's date of the day, a comment's.
        // A date alone there (a paper's issue: "№ 14 (612) от 15 апреля 2024") gives way to a
        // stamp of the same day with its time ("15.04.2024, 10:00 (Кемерово, UTC+7)").
        let published_in_header = stamps_from_lines(&line_values[..in_header_count], order).0;
        let dated_only = published_in_header
            .as_ref()
            .map(|(_, stamp)| stamp)
            .filter(|stamp| stamp.time.is_none());
        if published_in_header.is_none() || dated_only.is_some() {
            let just_above = doc.removed[..doc.removed_above_article]
                .iter()
                .rev()
                .take(STAMP_ABOVE_ARTICLE_LINES)
                .map(|r| &r.text);
            // A date on a player's or an ad's line is no stamp ("Dieses Video ist bis
            // 10.03.2025 in der Mediathek verfügbar").
            let not_a_stamp: Vec<&str> = doc
                .removed
                .iter()
                .filter(|r| DATED_NOT_STAMP_CATEGORIES.contains(&r.category.as_str()))
                .map(|r| r.text.trim())
                .collect();
            published = doc
                .header
                .iter()
                .chain(just_above)
                .filter(|line| !not_a_stamp.contains(&line.trim()))
                .find_map(|line| {
                    // The stamp before an update's label ("21 May 2024 09:47 am · Updated 12:15
                    // pm (GMT+5:30)"); none where the line's first date is an update's
                    // ("Tobias Lang | Stand: 21.08.2024, 09:12 Uhr").
                    let published_part = match self.publishers.update_label(line) {
                        Some((start, _)) if has_date(&line[..start]) => &line[..start],
                        Some(_) => return None,
                        None if self.values.stamp_kind(line) == Some(MetaField::Updated) => {
                            return None
                        }
                        None => line.as_str(),
                    };
                    let stamp = parse_stamp_in(published_part, order)?.zoned_by_line(line);
                    let same_day_with_time = |day: &Stamp| {
                        stamp.time.is_some() && stamp.date.is_some() && stamp.date == day.date
                    };
                    dated_only
                        .is_none_or(same_day_with_time)
                        .then(|| stamp.micros())?
                })
                .map(|micros| ("text.header".to_string(), micros))
                .or(published);
        }
        // A first publication after the update on one line: "Updated 11:15am March 2, 2026 ACST ·
        // First published 6:41am March 2, 2026 ACST".
        let first_published = line_values
            .iter()
            .filter(|v| matches!(v.field, MetaField::Published | MetaField::Updated))
            .map(|v| v.text.as_str())
            .chain(doc.header.iter().map(String::as_str))
            .find_map(|line| self.labelled_first_publication(line, order));
        if let Some(micros) = first_published {
            published = Some(("text.first_published_label".to_string(), micros));
        }
        // An update written after a label on a stamp line or in the header, which no rule's
        // pattern reads: "June 12, 2019 at 5:47 pm | Updated June 13, 2019 at 8:15 am".
        if updated.is_none() {
            let stamp_lines = line_values
                .iter()
                .filter(|v| matches!(v.field, MetaField::Published | MetaField::Updated))
                .map(|v| v.text.as_str());
            let labelled = stamp_lines
                .chain(doc.header.iter().map(String::as_str))
                .find_map(|line| self.labelled_update(line, published.as_ref().map(|p| p.1), order))
                .and_then(|stamp| Some(("text.update_label".to_string(), stamp.micros()?, stamp)));
            if let Some((source, micros, stamp)) = labelled {
                if stamp.time.is_none() {
                    dated_update = Some((source.clone(), micros));
                }
                updated = Some((source, micros));
            }
        }
        for (keys, given, from_page, from_lines, target, source) in [
            (
                PUBLISHED_KEYS,
                given_published,
                page.published,
                published,
                &mut meta.published_at,
                &mut meta.source.published_at,
            ),
            (
                UPDATED_KEYS,
                None,
                page.updated,
                updated,
                &mut meta.updated_at,
                &mut meta.source.updated_at,
            ),
        ] {
            if let Some((given_source, micros)) = given {
                *target = Some(micros);
                *source = Some(given_source);
            } else if let Some((key, micros)) = first_date(&fm, keys) {
                *target = Some(micros);
                *source = Some(format!("front_matter.{key}"));
            } else if let Some((page_source, micros)) =
                from_page.and_then(|v| Some((v.source, parse_date(&v.value)?)))
            {
                *target = Some(micros);
                *source = Some(page_source);
            } else if let Some((rule_id, micros)) = from_lines {
                *target = Some(micros);
                *source = Some(rule_id);
            }
        }
        // Only a dated update stamp shown: the page was published that day or before, and
        // date extractors report that day.
        if self.published_from_update && meta.published_at.is_none() {
            let update_in_use = |(source, micros): &Dated| {
                meta.updated_at == Some(*micros) && meta.source.updated_at.as_ref() == Some(source)
            };
            if let Some((source, micros)) = dated_update.filter(update_in_use) {
                meta.published_at = Some(micros);
                meta.source.published_at = Some(format!("{source}:update_only"));
            }
        }

        let given_url = doc
            .given
            .url
            .as_ref()
            .filter(|g| url_domain(&g.value).is_some());
        if let Some(given) = given_url {
            meta.domain = url_domain(&given.value);
            meta.url = Some(given.value.clone());
            meta.source.url = Some(given.source.clone());
        } else if let Some((key, url)) = first_url(&fm) {
            meta.domain = url_domain(&url);
            meta.url = Some(url);
            meta.source.url = Some(format!("front_matter.{key}"));
        } else if let Some(url) = page.url.filter(|u| url_domain(&u.value).is_some()) {
            meta.domain = url_domain(&url.value);
            meta.url = Some(url.value);
            meta.source.url = Some(url.source);
        } else if let Some((rule_id, url)) = doc
            .removed
            .iter()
            .map(|r| (r.rule_id.as_str(), r.text.as_str()))
            .chain(doc.text.lines().map(|line| ("text", line)))
            .find_map(|(rule_id, line)| {
                self.publishers
                    .labelled_url(line)
                    .map(|u| (format!("{rule_id}:url_label"), u))
            })
        {
            meta.domain = url_domain(&url);
            meta.url = Some(url);
            meta.source.url = Some(rule_id);
        } else if let Some((rule_id, url)) = page_own_url(&doc.removed) {
            meta.domain = url_domain(&url);
            meta.url = Some(url);
            meta.source.url = Some(format!("{rule_id}:article_url"));
        }

        if let Some((name, source)) = self.publisher(
            &fm,
            page.publisher,
            meta.domain.as_deref(),
            &PageText {
                removed: &doc.removed,
                above_article: doc.removed_above_article,
                text: &doc.text,
                headline: doc.headline.as_deref(),
            },
            &line_values,
        ) {
            meta.publisher = Some(name);
            meta.source.publisher = Some(source);
        }
    }

    /// Names from the first byline, correspondent line or signature that names people (a
    /// byline naming the outlet or its newsroom, "Texte par : RFI Suivre", "By Reuters Staff",
    /// names no author).
    ///
    /// Bylines the clean stage found by their shape on consecutive lines are one byline of
    /// several writers ("Marie-Ève Tremblay, journaliste judiciaire" / "Isabelle Ducharme,
    /// collaboration spéciale").
    ///
    /// `reviewers` reads the bylines of reviewers and editors ("Reviewed by ...") instead of
    /// the writers'.
    fn authors_from_lines(
        &self,
        values: &[LineValue],
        article: &str,
        reviewers: bool,
    ) -> Option<(String, Vec<String>)> {
        // A bio under the article names its writer only when nothing else does.
        let authors: Vec<&LineValue> = values
            .iter()
            .filter(|v| v.field == MetaField::Author && v.rule_id != AUTHOR_BIO_RULE)
            .filter(|v| self.publishers.is_reviewer_line(v.line_text) == reviewers)
            .collect();
        authors.iter().enumerate().find_map(|(k, v)| {
            // The stamp on the byline's line or on the next one ("By JOEL SSEMPIJJA" /
            // "Published Mar 08, 2025 at 09:14 EAT").
            let stamped = values.iter().any(|d| {
                (d.line == v.line || d.line == v.line + 1) && d.field == MetaField::Published
            });
            let mut names = self.byline_line_names(v, stamped);
            // A facet of a menu reads like a byline ("By Use Case", "By Wine Region"): its
            // words are ones the article writes in lower case, every one of them.
            names.retain(|name| !writes_every_word_in_lower_case(article, name));
            if names.is_empty() {
                return None;
            }
            if matches!(
                v.rule_id,
                BARE_BYLINE_RULE | SIGNATURE_RULE | NAME_ROLE_BYLINE_RULE
            ) {
                let run: Vec<&LineValue> = authors[k + 1..]
                    .iter()
                    .zip(v.line + 1..)
                    .take_while(|(next, line)| next.rule_id == v.rule_id && next.line == *line)
                    .map(|(next, _)| *next)
                    .collect();
                // More name lines in a row are a list (a festival's line-up), not a byline.
                if run.len() < BYLINE_MAX_LINES {
                    for next in run {
                        names.extend(self.byline_line_names(next, false));
                    }
                }
            }
            Some((v.rule_id.to_string(), names))
        })
    }

    /// The names of one byline line, without roles, outlets and newsrooms.
    /// A byline with its date stamp (`stamped`) may write its names in capitals.
    fn byline_line_names(&self, value: &LineValue, stamped: bool) -> Vec<String> {
        // A byline the clean stage found by its shape can end in the outlet's name.
        let by_shape = matches!(value.rule_id, BARE_BYLINE_RULE | SIGNATURE_RULE);
        let byline = match by_shape {
            true => byline_names(&value.text).unwrap_or(&value.text),
            false => &value.text,
        };
        // Under a byline's label and beside its stamp, a name may be all capitals ("By STELLA
        // OKONKWO-ADEYEMI | April 18, 2024"), and over its stamp under the headline (the clean
        // stage's bare byline); alone, such a line is a fact box's heading ("BY THE NUMBERS").
        self.names_without_role(byline)
            .into_iter()
            .map(|n| self.without_byline_word(n))
            .filter(|n| {
                (is_byline_name(n)
                    || (stamped
                        && (!by_shape || value.rule_id == BARE_BYLINE_RULE)
                        && crate::text::is_name_in_capitals(n)))
                    && !self.publishers.names_no_person(n)
            })
            .collect()
    }

    /// A name without the byline word a rule's pattern read with it ("Di Antonio Scalise •
    /// 3 Febbraio 2024"); a two-word name keeps its first word ("Di Maio").
    fn without_byline_word(&self, name: String) -> String {
        match name.split_once(' ') {
            Some((first, rest))
                if self.publishers.is_byline_word(first)
                    && rest.split_whitespace().count() >= 2 =>
            {
                rest.to_string()
            }
            _ => name,
        }
    }

    /// The names a byline word introduces on one of `lines` (source, text), the first that has
    /// one, where no rule's pattern read them: "Written by Kristin", "Posted on July 1, 2024 by
    /// infuy", "By Meaghan Weeden ● December 23, 2025 ● 6 min read". A single word after the
    /// byline word is a name too (a first name, a handle), unless the article writes it in
    /// lower case ("By Design"). `reviewers` reads the lines of reviewers and editors
    /// ("Reviewed by ...") instead of the others.
    fn names_after_byline_word<'a>(
        &self,
        lines: impl Iterator<Item = (&'a str, &'a str)>,
        article: &str,
        reviewers: bool,
    ) -> Option<(String, Vec<String>)> {
        let is_name = |name: &str| {
            let single = !name.contains(char::is_whitespace)
                && name.chars().filter(|c| c.is_alphabetic()).count() >= 3
                && name
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'));
            // One word in capitals is an agency's or an outlet's acronym ("Par AOAP").
            let acronym = name.chars().all(|c| !c.is_lowercase());
            ((single && !acronym) || is_byline_name(name))
                && !self.publishers.names_no_person(name)
                && !self.publishers.is_label(name)
                && !writes_in_lower_case(article, name)
        };
        let mut previous: Option<&str> = None;
        let mut lines = lines.peekable();
        while let Some((rule_id, line)) = lines.next() {
            // A label alone ("Article written by:", "Written by") names the line under it
            // ("Eliz - Product marketer").
            let label_above = previous
                .replace(line)
                .filter(|above| self.publishers.is_byline_label_alone(above));
            let any_length = rule_id == HEADER_SOURCE;
            // "By Clay" over "Mar 14, 2024": the stamp under a bare byline says it is one. The
            // cheap tests first: the stamp is read on few lines.
            let bare = line.split_whitespace().count() <= BARE_BYLINE_MAX_WORDS
                && line
                    .split_whitespace()
                    .next()
                    .is_some_and(|w| self.publishers.is_byline_word(w));
            let stamp_under = bare && lines.peek().is_some_and(|(_, n)| has_date(n));
            let labelled = self
                .publishers
                .labelled_byline(line.trim(), any_length, stamp_under);
            let (byline, label_line) = match (labelled, label_above) {
                (Some((byline, _)), _) => (byline, line),
                (None, Some(above)) => (named_part(line), above),
                (None, None) => continue,
            };
            if self.publishers.is_reviewer_line(label_line) != reviewers {
                continue;
            }
            let names = self.names_without_role(byline);
            if !names.is_empty() && names.iter().all(|n| is_name(n)) {
                return Some((rule_id.to_string(), names));
            }
        }
        None
    }

    /// The handle over a forum thread's first post, which no byline word introduces: on the
    /// post's stamp line ("amondale (Amondale) November 8, 2024, 7:33pm 1") or alone just
    /// above it ("AquaCare" / "Aug 08, 2006 #1"). The post's number 1 says it is the first. On a
    /// Q&A site, the handle under the question's stamp, in the header or among the `removed`
    /// lines (the stamp follows the question's text).
    fn first_post_handle(&self, header: &[String], removed: &[Removal]) -> Option<String> {
        let is_handle = |word: &str| {
            (2..=HANDLE_MAX_CHARS).contains(&word.chars().count())
                && word.chars().any(char::is_alphabetic)
                && word
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
                && !has_date(word)
                && self.values.stamp_kind(word).is_none()
                && !self.publishers.is_label(word)
                && !self.publishers.is_byline_word(word)
        };
        fn first_post_stamp(line: &str) -> Option<&str> {
            line.strip_suffix("#1")
                .or_else(|| line.strip_suffix(" 1"))
                .filter(|stamp| has_date(stamp))
        }
        // A question's asker, on the line under its stamp ("asked Feb 11, 2011 at 23:49" /
        // "KumikoGoingCrAzY").
        let asker_under_stamp = |stamp: &str, name: &str| {
            let name = name.trim();
            (stamp.len() <= QUESTION_STAMP_MAX_BYTES
                && self.publishers.is_question_stamp(stamp)
                && (is_handle(name) || is_person_name(name)))
            .then(|| name.to_string())
        };
        let asker = header
            .windows(2)
            .find_map(|pair| asker_under_stamp(&pair[0], &pair[1]))
            .or_else(|| {
                removed
                    .windows(2)
                    .find_map(|pair| asker_under_stamp(&pair[0].text, &pair[1].text))
            });
        if asker.is_some() {
            return asker;
        }
        header.iter().enumerate().find_map(|(i, line)| {
            let stamp = first_post_stamp(line.trim())?;
            let (handle, rest) = stamp.trim().split_once(' ')?;
            // A display name in brackets may follow the handle.
            let rest = match rest.strip_prefix('(') {
                Some(bracketed) => bracketed.split_once(')')?.1,
                None => rest,
            };
            if is_handle(handle)
                && rest.trim_start().starts_with(|c: char| c.is_alphanumeric())
                && has_date(rest)
            {
                return Some(handle.to_string());
            }
            // The handle alone on the line above the stamp (the line over it can repeat it:
            // avatar and name).
            let above = header[..i].last()?.trim();
            is_handle(above).then(|| above.to_string())
        })
    }

    /// The stamp after an update label in `line`; one with only a time
    /// ("Aggiornato alle 12:34") takes its date from the stamp before the label on the line,
    /// else from `published`.
    fn labelled_update(
        &self,
        line: &str,
        published: Option<i64>,
        order: NumericOrder,
    ) -> Option<Stamp> {
        let (start, end) = self.publishers.update_label(line)?;
        // Up to a first publication's label that follows it.
        let stop = self
            .publishers
            .first_published_label(line)
            .map_or(line.len(), |(at, _)| at)
            .max(end);
        let stamp = parse_stamp_in(&line[end..stop], order)?;
        let earlier = parse_stamp_in(&line[..start], order).or_else(|| {
            let published = chrono::DateTime::from_timestamp_micros(published?)?.naive_utc();
            Some(Stamp {
                date: Some(published.date()),
                time: None,
                offset: None,
            })
        });
        Some(match earlier {
            Some(earlier) => stamp.completed_by(&earlier),
            None => stamp,
        })
    }

    /// The first publication's stamp after its label on a line that gives the update before it,
    /// dated by the update when it gives only a time ("Updated March 21 2026 - 9:14am, first
    /// published 5:30am").
    fn labelled_first_publication(&self, line: &str, order: NumericOrder) -> Option<i64> {
        let (start, end) = self.publishers.first_published_label(line)?;
        let stamp = parse_stamp_in(&line[end..], order)?;
        match parse_stamp_in(&line[..start], order) {
            Some(update) => stamp.completed_by(&update),
            None => stamp,
        }
        .micros()
    }

    /// The names a byline lists, without a role written after them ("Anke Vollmer, Redakteurin
    /// Pflanzenbau", "Михаил Щербаков, редактор отдела").
    fn names_without_role(&self, byline: &str) -> Vec<String> {
        let mut names = split_names(byline);
        if names.len() >= 2 && names.last().is_some_and(|n| self.publishers.is_role(n)) {
            names.pop();
        }
        names
    }

    /// The names an HTML page gives as its authors, without its labels ("View Public Profile",
    /// "Share this article") and with a name its user card repeats given once ("Leo – Leo").
    /// A team the page declares as author stays: the page says so.
    fn page_author_names(&self, given: &[String]) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for name in given.iter().flat_map(|n| split_names(n)) {
            let name = [" – ", " - ", " | "]
                .iter()
                .find_map(|sep| name.split_once(sep).filter(|(a, b)| a.trim() == b.trim()))
                .map_or(name.as_str(), |(a, _)| a.trim());
            if !self.publishers.is_label(name) && !names.iter().any(|n| n == name) {
                names.push(name.to_string());
            }
        }
        names
    }

    /// In a page dump's header, a name joined to a date stamp ("Marie Dupont • 4 mars 2025",
    /// "Иван Петров, 12 марта 2025", "15 December 2025 · 30 min · Ash Vardanian") or written
    /// before it, else the names alone on a line near a stamp ("Nathan Lian @ Maintouch").
    /// A label made of the words of the article ("Travel Tips") is no name.
    fn author_from_header(
        &self,
        header: &[String],
        article: &str,
        removed: &[Removal],
    ) -> Vec<String> {
        let sections = breadcrumb_sections(removed);
        // "By Meaghan Weeden ● December 23, 2025": the byline word is no name's.
        let is_name = |text: &str| {
            !sections.contains(&alnum_key(text))
                && is_byline_name(text)
                && !text
                    .split_whitespace()
                    .next()
                    .is_some_and(|w| self.publishers.is_byline_word(w))
                && !self.publishers.names_no_person(text)
                && !writes_in_lower_case(article, text)
                && !is_dateline_place(article, text)
        };
        for line in header {
            let parts = crate::text::parts_between(line, &HEADER_SEPARATORS);
            for (k, part) in parts.iter().enumerate() {
                if !has_date(&line.replacen(part, " ", 1)) {
                    continue;
                }
                // "Dec 26, 2025 • Mahua Das in Project Management": the section is no name's.
                let name = self.publishers.name_before_tail(part).unwrap_or(part);
                if is_name(name) {
                    // Writers listed with commas before the stamp: "Ирина Гусева, Павел Дронов
                    // • 10.04.2024 19:20".
                    let mut names = vec![name.to_string()];
                    for pair in parts[k..].windows(2) {
                        let comma_joined = line.contains(&format!("{}, {}", pair[0], pair[1]));
                        let role = self.publishers.is_role(pair[1]);
                        if !comma_joined || has_date(pair[1]) || role || !is_name(pair[1]) {
                            break;
                        }
                        names.push(pair[1].to_string());
                    }
                    return names;
                }
                // Two writers joined to the stamp: "Kévin Payet et Sandrine Hoarau • Publié le".
                let names = split_names(part);
                if names.len() >= 2 && names.iter().all(|n| is_name(n)) {
                    return names;
                }
            }
        }
        // A name after the stamp, introduced: "Société • Publié le 4 mars 2025 par Marie Dupont".
        for line in header.iter().filter(|l| has_date(l)) {
            if let Some(name) = self.publishers.after_byline_word(line) {
                let name = name.trim_end_matches(['.', ',', ';']);
                if is_name(name) {
                    return vec![name.to_string()];
                }
            }
        }
        // A name written just before the stamp: "Patrick Clarke Published 10:19am 19 December".
        for line in header.iter().filter(|l| has_date(l)) {
            let words: Vec<&str> = line.split_whitespace().collect();
            for n in (2..=4.min(words.len().saturating_sub(1))).rev() {
                let name = words[..n].join(" ");
                // "Patrick Clarke Published 10:19am": the stamp's label is no name word.
                let label_in_name = self.values.stamp_kind(&words[n - 1..].join(" ")).is_some();
                // The stamp starts where the name ends: "Dieses Video ist bis zum 14.05.2025
                // verfügbar" has a verb there.
                let rest = words[n..].join(" ");
                let stamp_next = !rest.starts_with(char::is_lowercase)
                    || STAMP_CONNECTORS.contains(&words[n].to_lowercase().as_str());
                if is_name(&name) && !label_in_name && stamp_next && has_date(&rest) {
                    return vec![name];
                }
            }
        }
        // The names on a line next to the stamp's, or one line apart (a role between them):
        // every such pair lies in a window of three lines (of two, in a header of two). The
        // line may add an affiliation or a handle ("Nathan Lian @ Maintouch", "A and B |
        // Guest Columnists").
        let names_on = |line: &str| -> Vec<String> {
            if has_date(line) {
                return Vec::new();
            }
            // "Ananya Iyer, Mumbai | Rahul Menon, New Delhi": each writer with the city they
            // wrote from. Alone, a place of two capitalised words is a second writer's name
            // ("Ирина Соколова, Дмитрий Лаптев").
            let parts: Vec<&str> = line.split(" | ").collect();
            let placed: Option<Vec<String>> = parts
                .iter()
                .map(|part| {
                    let (name, place) = part.trim().split_once(", ")?;
                    let place_words: Vec<&str> = place.split_whitespace().collect();
                    let a_place = (1..=PLACE_MAX_WORDS).contains(&place_words.len())
                        && place_words
                            .iter()
                            .all(|w| w.chars().next().is_some_and(char::is_uppercase));
                    (a_place && is_name(name) && (parts.len() >= 2 || !is_name(place)))
                        .then(|| name.to_string())
                })
                .collect();
            if let Some(names) = placed {
                return names;
            }
            // "Andre Whyte/Clarion Writer", "R. Sánchez Gil / EFE": a role or the agency the
            // writer works with after a slash, as some papers sign.
            let line = match line.split_once('/') {
                Some((name, after))
                    if self.publishers.is_role(after) || self.publishers.is_agency(after) =>
                {
                    name
                }
                _ => line,
            };
            // "Iago Pereira (Pamplona) y Marta Lorenzo (Vigo)": where each one wrote from.
            let names: Vec<String> = self
                .names_without_role(named_part(line))
                .into_iter()
                .map(|n| crate::text::without_place(&n).to_string())
                .collect();
            if names.iter().all(|n| is_name(n)) {
                names
            } else {
                Vec::new()
            }
        };
        // The line next to the stamp before the one two lines away: a button above the name
        // ("Order Now" / "Andrew King" / "September 4, 2025") is further from it. A blog's
        // stamp of the year's posts gives no year ("Kalyn Keen" / "Jun 9" / "5 min read").
        let stamps: Vec<usize> = (0..header.len())
            .filter(|&i| has_date(&header[i]) || is_day_and_month(&header[i]))
            .collect();
        let Some((at, found)) = [1, 2]
            .into_iter()
            .flat_map(|distance| {
                stamps.iter().flat_map(move |&at| {
                    [at.checked_sub(distance), Some(at + distance)]
                        .into_iter()
                        .flatten()
                        .map(move |i| (at, i))
                })
            })
            .filter(|&(_, i)| i < header.len())
            .find(|&(_, i)| !names_on(&header[i]).is_empty())
        else {
            return self
                .one_word_name_over_stamp(header, &stamps, article, &sections)
                .into_iter()
                .collect();
        };
        // Co-authors each on a line of their own ("Maya Rodriguez, Sports Editor" / "Jordan
        // Kim, Staff Writer" / "October 26, 2025"): the name lines run on away from the stamp.
        let mut lines = vec![found];
        if found.abs_diff(at) == 1 {
            let step = |i: usize| {
                if found < at {
                    i.checked_sub(1)
                } else {
                    Some(i + 1)
                }
            };
            let mut next = step(found);
            while let Some(i) = next.filter(|&i| i < header.len() && !stamps.contains(&i)) {
                if names_on(&header[i]).is_empty() {
                    break;
                }
                lines.push(i);
                next = step(i);
            }
        }
        lines.sort_unstable();
        lines.iter().flat_map(|&i| names_on(&header[i])).collect()
    }

    /// A writer's first name or handle alone on the line right over a stamp line and under the
    /// headline or a dek ("Kev" / "January 1, 2026", "Gabo" / "Jan 23"): a capitalised word
    /// that is no label, no section of the breadcrumb and no word the article writes in lower
    /// case ("Travel" / "March 3, 2025" is a section).
    fn one_word_name_over_stamp(
        &self,
        header: &[String],
        stamps: &[usize],
        article: &str,
        sections: &std::collections::HashSet<String>,
    ) -> Option<String> {
        stamps.iter().find_map(|&at| {
            let word = header.get(at.checked_sub(1)?)?.trim();
            // Under a dek or a headline, not under a menu's items ("Alumni" / "Employers") nor
            // at the header's top, where a section's name stands over the stamp.
            let under_words = header.get(at.checked_sub(2)?).is_some_and(|above| {
                above.split_whitespace().count() >= HEADLINE_MIN_WORDS && !has_date(above)
            });
            let mut chars = word.chars();
            let capitalised = chars.next().is_some_and(char::is_uppercase)
                && chars.clone().any(char::is_lowercase)
                && chars.all(char::is_alphabetic);
            (capitalised
                && under_words
                && word.chars().count() >= ONE_WORD_NAME_MIN_CHARS
                && !sections.contains(&alnum_key(word))
                && !self.publishers.is_label(word)
                && !self.publishers.names_no_person(word)
                && !self.publishers.is_agency(word)
                && !self.publishers.is_byline_word(word)
                && self.values.stamp_kind(word).is_none()
                && !writes_in_lower_case(article, word))
            .then(|| word.to_string())
        })
    }

    /// Publisher by known url domain, front matter, the page's own (HTML), a source line (a
    /// repost's original), the outlet of a byline ("Dana Whitfield | The Riverside Sentinel"), a copyright line
    /// (removed, else one with © left in the text), known names in site boilerplate, then
    /// link targets.
    fn publisher(
        &self,
        fm: &serde_json::Map<String, Value>,
        page: Option<GivenValue>,
        domain: Option<&str>,
        page_text: &PageText,
        values: &[LineValue],
    ) -> Option<(String, String)> {
        let (removed, text) = (page_text.removed, page_text.text);
        if let Some(m) = domain.and_then(|d| self.publishers.by_domain(d)) {
            return Some((m.name, format!("url:{}", m.rule_id)));
        }
        if let Some((key, name)) = first_string(fm, PUBLISHER_KEYS) {
            let known = self.publishers.exact_name(&name).map(|m| m.name);
            return Some((known.unwrap_or(name), format!("front_matter.{key}")));
        }
        if let Some(page) = page {
            let known = self.publishers.exact_name(&page.value).map(|m| m.name);
            return Some((known.unwrap_or(page.value), page.source));
        }
        let canonical = |name: String, source: String| match self.publishers.exact_name(&name) {
            Some(m) => (m.name, format!("{source}:{}", m.rule_id)),
            None => (name, source),
        };
        let named = removed
            .iter()
            .filter(|r| r.field != Some(MetaField::Agency))
            .filter_map(|r| {
                self.publishers
                    .source_line_name(&r.text)
                    .map(|name| canonical(name, format!("{}:source_line", r.rule_id)))
            })
            .chain(
                values
                    .iter()
                    .filter(|v| v.field == MetaField::Publisher)
                    .filter_map(|v| {
                        let name = self.publishers.name_candidate(&v.text)?;
                        Some(canonical(name, format!("{}:publisher_line", v.rule_id)))
                    }),
            )
            .next();
        if let Some(found) = named {
            return Some(found);
        }
        let rights_lines = removed
            .iter()
            .filter(|r| r.field != Some(MetaField::Agency) && r.category != "credit")
            // "© Vito Mastrangelo" under a photo is its photographer's, not the site's.
            .filter(|r| !is_person_name(r.text.trim_start_matches(['©', ' '])));
        // A line with the mark comes first: a rights phrase alone can be a sentence of the
        // site's self-description ("X is a nonprofit newsroom. We are a 501(c)(3) ...").
        let (marked, unmarked): (Vec<&Removal>, Vec<&Removal>) =
            rights_lines.partition(|r| has_copyright_mark(&r.text));
        let copyright = marked
            .into_iter()
            .chain(unmarked)
            .filter_map(|r| {
                self.publishers
                    .copyright_name(&r.text)
                    .map(|name| (name, format!("{}:copyright_line", r.rule_id)))
            })
            .chain(
                text.lines()
                    .rev()
                    .take(FOOTER_LINES)
                    .filter(|line| line.contains('©'))
                    .filter_map(|line| {
                        self.publishers
                            .copyright_name(line)
                            .map(|name| (name, "text.copyright_line".into()))
                    }),
            )
            .next();
        let site = page_text.site_name(&self.publishers, copyright.as_ref().map(|c| c.0.as_str()));
        let chosen = match (site, copyright) {
            (Some((site, _)), Some(copyright))
                if !masthead::prefer_site_name(&site, &copyright.0) =>
            {
                Some(copyright)
            }
            (Some((site, rule_id)), _) => Some((site, format!("{rule_id}:site_name"))),
            (None, copyright) => copyright,
        };
        if let Some((name, source)) = chosen {
            return Some(canonical(name, source));
        }
        if let Some(found) = removed
            .iter()
            .filter(|r| {
                SITE_BOILERPLATE.contains(&r.category.as_str())
                    && r.field != Some(MetaField::Agency)
            })
            .find_map(|r| {
                self.publishers
                    .by_name(&r.text)
                    .filter(|m| !self.publishers.is_agency(&m.name))
                    .map(|m| (m.name, format!("{}:{}", r.rule_id, m.rule_id)))
            })
        {
            return Some(found);
        }
        // Links in the article mostly point to the site itself: take the most frequent known domain.
        let mut counts: Vec<(String, String, usize)> = Vec::new();
        for r in removed.iter().filter(|r| r.rule_id == "markup.link_target") {
            if let Some(m) = url_domain(&r.text).and_then(|d| self.publishers.by_domain(&d)) {
                match counts.iter_mut().find(|c| c.0 == m.name) {
                    Some(c) => c.2 += 1,
                    None => counts.push((m.name, m.rule_id, 1)),
                }
            }
        }
        counts.sort_by_key(|c| std::cmp::Reverse(c.2));
        counts
            .into_iter()
            .find(|c| c.2 >= 2)
            .map(|(name, rule_id, _)| (name, format!("markup.link_target:{rule_id}")))
    }
}

/// A date in microseconds, with the rule that found it.
type Dated = (String, i64);

/// The first publication and update stamps in the metadata lines. A stamp with only a time
/// ("Publié le 5 mars 2024 à 10:15, mis à jour à 12:02") takes the date of the stamp before it
/// on the same line.
/// Characters after a paragraph's opening place name and comma in which a dateline gives its
/// day ("Puerto del Rosario, 9 feb (EFE).-").
const DATELINE_REACH: usize = 4;
/// A paragraph has at least this many words (a byline kept in the text is shorter).
const DATELINE_PARAGRAPH_WORDS: usize = 12;

/// The sections a removed breadcrumb names ("News › Prima Squadra"): a stamp's neighbour
/// that spells one ("15 Febbraio 2026 | Prima Squadra") is a section label, not a byline.
fn breadcrumb_sections(removed: &[Removal]) -> std::collections::HashSet<String> {
    const ARROWS: [&str; 3] = [" › ", " > ", " » "];
    removed
        .iter()
        .filter(|r| ARROWS.iter().any(|a| r.text.contains(a)))
        .flat_map(|r| crate::text::parts_between(&r.text, &ARROWS))
        .map(alnum_key)
        .collect()
}

/// Whether a paragraph of `article` opens with `name` as a dateline: the name is then the
/// place a stamp line also gives ("Puerto del Rosario 09/02/2026 - 12:40"), not a byline.
fn is_dateline_place(article: &str, name: &str) -> bool {
    article.lines().any(|line| {
        line.trim_start()
            .strip_prefix(name)
            .and_then(|rest| rest.strip_prefix(','))
            .is_some_and(|rest| {
                rest.trim_start()
                    .chars()
                    .take(DATELINE_REACH)
                    .any(|c| c.is_ascii_digit())
            })
            && line.split_whitespace().count() >= DATELINE_PARAGRAPH_WORDS
    })
}

/// The header's lines, as (source, text) for `names_after_byline_word`.
fn header_lines(header: &[String]) -> impl Iterator<Item = (&str, &str)> {
    header.iter().map(|line| (HEADER_SOURCE, line.as_str()))
}

/// The source of what the metadata stage reads in a page's header.
const HEADER_SOURCE: &str = "text.header";

/// The removed lines, then the kept ones (a byline the clean stage kept as text: a forum's
/// "Thread starter paulb203"), as (source, text) for `names_after_byline_word`.
fn removed_and_kept_lines<'a>(
    removed: &'a [Removal],
    text: &'a str,
) -> impl Iterator<Item = (&'a str, &'a str)> {
    let removed = removed
        .iter()
        .map(|r| (r.rule_id.as_str(), r.text.as_str()));
    removed.chain(text.lines().map(|line| ("text", line)))
}

/// A date read from a line, with the stamp it was read from.
type StampedDate = (Dated, Stamp);

/// The publication and the update the rules read on stamp lines.
fn stamps_from_lines(
    values: &[LineValue],
    order: NumericOrder,
) -> (Option<StampedDate>, Option<StampedDate>) {
    let mut published: Option<StampedDate> = None;
    let mut updated: Option<StampedDate> = None;
    let mut previous: Option<(usize, Stamp)> = None;
    for v in values {
        if !matches!(v.field, MetaField::Published | MetaField::Updated) {
            continue;
        }
        let Some(mut stamp) = parse_stamp_in(&v.text, order) else {
            continue;
        };
        // The rest of the line can finish what a rule's value left out: the time after a
        // separator, the zone written once for the line's times.
        if stamp.time.is_none() && stamp.date.is_some() {
            stamp.time = time_after(v.line_text, &v.text);
        }
        stamp = stamp.zoned_by_line(v.line_text);
        if let Some((line, earlier)) = &previous {
            if *line == v.line {
                stamp = stamp.completed_by(earlier);
            }
        }
        previous = Some((v.line, stamp));
        let target = if v.field == MetaField::Published {
            &mut published
        } else {
            &mut updated
        };
        // A later stamp gives the time of a day an earlier one only dated (a paper's issue date
        // over the article's stamp: "№ 5 от 5 февраля 2024 г." / "05.02.2024 в 09:00 МСК").
        let completes = |(_, first): &(Dated, Stamp)| {
            first.time.is_none() && stamp.time.is_some() && first.date == stamp.date
        };
        if target.as_ref().is_none_or(completes) {
            if let Some(micros) = stamp.micros() {
                *target = Some(((v.rule_id.to_string(), micros), stamp));
            }
        }
    }
    (published, updated)
}

fn first_string(fm: &serde_json::Map<String, Value>, keys: &[&str]) -> Option<(String, String)> {
    keys.iter().find_map(|key| {
        let value = fm.iter().find(|(k, _)| k.eq_ignore_ascii_case(key))?.1;
        let text = match value {
            Value::String(s) => s.trim().to_string(),
            Value::Object(o) => o.get("name")?.as_str()?.trim().to_string(),
            _ => return None,
        };
        (!text.is_empty()).then(|| (key.to_string(), text))
    })
}

fn first_authors(fm: &serde_json::Map<String, Value>) -> Option<(String, Vec<String>)> {
    AUTHOR_KEYS.iter().find_map(|key| {
        let value = fm.iter().find(|(k, _)| k.eq_ignore_ascii_case(key))?.1;
        let authors: Vec<String> = match value {
            Value::String(s) => split_names(s),
            Value::Array(items) => items
                .iter()
                .filter_map(|v| match v {
                    Value::String(s) => Some(s.trim().to_string()),
                    Value::Object(o) => o.get("name")?.as_str().map(|s| s.trim().to_string()),
                    _ => None,
                })
                .filter(|s| !s.is_empty())
                .collect(),
            Value::Object(o) => o
                .get("name")?
                .as_str()
                .map(|s| vec![s.trim().to_string()])?,
            _ => return None,
        };
        (!authors.is_empty()).then(|| (key.to_string(), authors))
    })
}

fn first_date(fm: &serde_json::Map<String, Value>, keys: &[&str]) -> Option<(String, i64)> {
    keys.iter().find_map(|key| {
        let value = fm.iter().find(|(k, _)| k.eq_ignore_ascii_case(key))?.1;
        parse_date(value.as_str()?).map(|micros| (key.to_string(), micros))
    })
}

/// The first key's strings: a list, or one string of comma-separated items.
fn first_list(fm: &serde_json::Map<String, Value>, keys: &[&str]) -> Vec<String> {
    let items = keys.iter().find_map(|key| {
        let value = fm.iter().find(|(k, _)| k.eq_ignore_ascii_case(key))?.1;
        match value {
            Value::String(s) => Some(s.split(',').map(str::to_string).collect::<Vec<_>>()),
            Value::Array(items) => Some(
                items
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect(),
            ),
            _ => None,
        }
    });
    items
        .unwrap_or_default()
        .into_iter()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect()
}

/// The article's own link among the removed lines (a print view's footer, "Read the full story:
/// https://…" under a shared text): the one article link they hold, maybe written twice; none
/// when they link to two articles, or for a "read also" or a Markdown link.
fn page_own_url(removed: &[Removal]) -> Option<(String, String)> {
    let mut found: Option<(&str, String)> = None;
    // A Markdown link's target is where some text links to, not the page's own address.
    let linked_elsewhere = |r: &&Removal| r.category == "related" || r.category == "markup";
    for removal in removed.iter().filter(|r| !linked_elsewhere(r)) {
        if let Some(url) = publishers::article_url(&removal.text) {
            match &found {
                Some((_, first)) if *first != url => return None,
                Some(_) => {}
                None => found = Some((&removal.rule_id, url)),
            }
        }
    }
    found.map(|(rule_id, url)| (rule_id.to_string(), url))
}

/// The first front matter url that is an http(s) url.
fn first_url(fm: &serde_json::Map<String, Value>) -> Option<(String, String)> {
    URL_KEYS
        .iter()
        .find_map(|key| first_string(fm, &[key]).filter(|(_, url)| url_domain(url).is_some()))
}

fn split_names(value: &str) -> Vec<String> {
    let mut names = vec![value.to_string()];
    for sep in NAME_SEPARATORS {
        names = names
            .iter()
            .flat_map(|n| n.split(sep).map(str::to_string).collect::<Vec<_>>())
            .collect();
    }
    names
        .into_iter()
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect()
}

/// What joins a name to its date stamp, or to an affiliation, on one line.
const HEADER_SEPARATORS: [&str; 9] = [" • ", " · ", " | ", " - ", " – ", " — ", " / ", " @ ", ", "];

/// A headline line without the marks a page dump leaves around it: a breadcrumb's separator
/// or an icon before it ("/ 11 U.S. Vacation Packages", "→ Redis data types", "► How is
/// everyone...", "🎮 Game Dev Blog") and a heading's anchor link or an invisible space after
/// it ("Installation ¶"). An opening quote or bracket is the headline's own.
fn headline_text(line: &str) -> &str {
    let mut text = line.trim();
    if let Some((mark, rest)) = text.split_once(' ') {
        let is_mark = |c: char| !c.is_alphanumeric() && !"\"'“‘„«‹([{¿¡".contains(c);
        if !mark.is_empty() && mark.chars().all(is_mark) {
            text = rest.trim_start();
        }
    }
    text.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '¶' | '#' | '\u{200b}' | '\u{feff}' | '🔗')
    })
}

/// What a name line says before an affiliation or a handle: "Nathan Lian @ Maintouch",
/// "David Mráz @davidm_ai", "Jane Roe | Guest Columnist", "Dana Cole · KXTV News" all give the
/// name.
fn named_part(line: &str) -> &str {
    let line = line.trim();
    let line = line
        .rsplit_once(" @")
        .filter(|(_, handle)| !handle.trim().contains(' ') || handle.starts_with(' '))
        .map_or(line, |(name, _)| name);
    [" | ", " – ", " - ", " · ", " • "]
        .iter()
        .filter_map(|sep| line.split_once(sep).map(|(name, _)| name))
        .min_by_key(|name| name.len())
        .unwrap_or(line)
        .trim()
}

/// A person's name as bylines write it: two to five capitalised words (particles allowed,
/// surnames may be in capitals), no digits: "Paul Gogo", "Jean DUPONT", "Anne-Sophie de La Tour".
fn is_byline_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    // Name words are letters with hyphens, apostrophes and initials' full stops: "Last
    // Updated:" and "Search… Search" are labels.
    let name_like = |w: &str| {
        w.chars().any(char::is_alphabetic)
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
    };
    let capitalised = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    // A particle joins name words; it never ends a name ("Publié le" is a label).
    (2..=5).contains(&words.len())
        && words.iter().all(|w| name_like(w))
        && words
            .iter()
            .all(|w| capitalised(w) || NAME_PARTICLES.contains(w))
        && words.last().is_some_and(capitalised)
        && (is_person_name(name) || words.iter().any(|w| w.chars().any(char::is_lowercase)))
}

#[cfg(test)]
mod tests;
