//! The site's own name from a page dump's masthead: a short name line above the article that
//! the page names again below it (footer, copyright line, caption credit, app prompt). A
//! copyright line alone often names the company that owns the site ("Midland Weekly Media
//! Ltd" for "The Stourvale Chronicle"), which is not what readers call the outlet.

use super::publishers::PublisherRules;
use crate::clean::{MASTHEAD_RULE, MODEL_RULE, TITLE_REPEAT_RULE};
use crate::document::Removal;
use crate::text::{alnum_key, parts_between};

/// A masthead name has at most this many words and characters.
const MAX_WORDS: usize = 6;
const MAX_CHARS: usize = 40;
/// A name mentioned only in the article text needs this many mentions: one could be the
/// dateline's town or a section word.
const TEXT_MENTIONS: usize = 2;
/// A word of the name this long, capitalised, that the copyright line's name shares, ties the
/// two ("Diario La Ribera" and "Ribera Comunicació Digital").
const SHARED_WORD_CHARS: usize = 4;
/// Separators of a masthead line that carries several names ("RCP - Radio Cévennes Plus").
const NAME_SEPARATORS: &[&str] = &[" - ", " – ", " — ", " | "];
/// Separators of a menu or breadcrumb line, whose items are sections, not the site's name.
const MENU_SEPARATORS: &[&str] = &[" | ", " · ", " • ", " / ", " > ", " » ", "   "];

/// How a page shows its name: the lines above the article and the text below it.
pub struct PageText<'a> {
    /// Removed spans in document order.
    pub removed: &'a [Removal],
    /// How many of `removed` come before the article (its headline, else its first kept line).
    pub above_article: usize,
    /// The cleaned text.
    pub text: &'a str,
    /// The headline the cleaner found.
    pub headline: Option<&'a str>,
}

impl<'a> PageText<'a> {
    /// The first name line of the masthead that the page names again below the article, with
    /// the rule that removed it. `copyright` is the name the copyright line gives, if any.
    pub fn site_name(
        &self,
        rules: &PublisherRules,
        copyright: Option<&str>,
    ) -> Option<(String, &str)> {
        let header = &self.removed[..self.above_article.min(self.removed.len())];
        let below = &self.removed[header.len()..];
        if let Some(found) = self.title_site_with_logo(rules, header, below) {
            return Some(found);
        }
        // "Headline | Site Name" is the page's title line, not a menu: its other part is a name.
        let menu_items: Vec<&str> = header
            .iter()
            .flat_map(|r| {
                let items = parts_between(r.text.trim(), MENU_SEPARATORS);
                let title_line = self.headline.is_some_and(|h| items.contains(&h.trim()));
                if items.len() >= 2 && !title_line {
                    items
                } else {
                    Vec::new()
                }
            })
            .collect();
        header
            .iter()
            .filter(|r| r.rule_id == MASTHEAD_RULE || r.rule_id == MODEL_RULE)
            .flat_map(|r| {
                let line = r.text.trim();
                let parts = parts_between(line, NAME_SEPARATORS);
                let parts = if parts.len() >= 2 { parts } else { Vec::new() };
                std::iter::once(line)
                    .chain(parts)
                    .map(move |name| (name, r.rule_id.as_str()))
            })
            .filter(|(name, _)| !menu_items.contains(name))
            .find(|(name, _)| self.named_again(rules, name, below, copyright))
            .map(|(name, rule_id)| (self.ordinary_spelling(name, below), rule_id))
    }

    /// The site part of the page's title line ("Headline | Site", the headline's own or one
    /// the cleaner removed as the title), when a line above the article (else one below it)
    /// spells it alone (the logo) or as the site's domain ("bündnerblick.ch"), with the
    /// rule that removed that line: the page names itself twice, wherever the footer does not.
    fn title_site_with_logo(
        &self,
        rules: &PublisherRules,
        header: &'a [Removal],
        below: &'a [Removal],
    ) -> Option<(String, &'a str)> {
        let headline = alnum_key(self.headline?);
        header.iter().enumerate().find_map(|(at, title)| {
            let parts = parts_between(title.text.trim(), NAME_SEPARATORS);
            let [head, .., site] = parts.as_slice() else {
                return None;
            };
            let key = alnum_key(site);
            // The cleaner removes the title line as a repeat once it found the page's own
            // heading, which may reword it.
            let is_title = alnum_key(head) == headline || title.rule_id == TITLE_REPEAT_RULE;
            if !is_title || key.is_empty() || NameShape::of(site).is_none() || rules.is_agency(site)
            {
                return None;
            }
            let logo = |r: &&Removal| {
                let line = r.text.trim();
                alnum_key(line) == key || domain_name(line).is_some_and(|d| alnum_key(d) == key)
            };
            header
                .iter()
                .enumerate()
                .filter(|&(i, _)| i != at)
                .map(|(_, r)| r)
                .find(logo)
                // The footer's name line when no logo line was scraped.
                .or_else(|| below.iter().find(logo))
                .map(|logo| (site.to_string(), logo.rule_id.as_str()))
        })
    }

    /// A logo in capitals as the page writes it elsewhere in ordinary case ("THE BUSINESS
    /// MERIDIAN" is "The Business Meridian" in the footer), else as it is.
    fn ordinary_spelling(&self, name: &str, below: &[Removal]) -> String {
        if !is_in_capitals(name) {
            return name.to_string();
        }
        let Ok(pattern) = regex::RegexBuilder::new(&format!(r"\b{}\b", regex::escape(name)))
            .case_insensitive(true)
            .build()
        else {
            return name.to_string();
        };
        let spelling = below
            .iter()
            .map(|r| r.text.as_str())
            .chain(self.text.lines())
            .flat_map(|line| pattern.find_iter(line))
            .map(|m| m.as_str())
            .find(|spelling| !is_in_capitals(spelling))
            .unwrap_or(name)
            .to_string();
        spelling
    }

    fn named_again(
        &self,
        rules: &PublisherRules,
        name: &str,
        below: &[Removal],
        copyright: Option<&str>,
    ) -> bool {
        let Some(shape) = NameShape::of(name) else {
            return false;
        };
        if rules.is_agency(name) {
            return false;
        }
        let spellings = spellings(name);
        // A logo in capitals ("THE MUTAPA INDEPENDENT") is the name the footer writes in
        // ordinary case.
        let in_capitals = is_in_capitals(name);
        let mentions = |line: &str| {
            let line = if in_capitals {
                std::borrow::Cow::Owned(line.to_uppercase())
            } else {
                std::borrow::Cow::Borrowed(line)
            };
            spellings
                .iter()
                .map(|s| mentions_in(s, &line))
                .sum::<usize>()
        };
        let mut below_lines = below.iter().map(|r| r.text.trim()).filter(|l| *l != name);
        if shape == NameShape::LowerCase {
            // A lower-case word ("bitwerk") is a name only where the copyright line says so.
            return below_lines
                .filter(|l| rules.is_copyright_line(l))
                .any(|l| mentions(l) > 0);
        }
        below_lines.any(|l| mentions(l) > 0)
            || self.text.lines().map(mentions).sum::<usize>() >= TEXT_MENTIONS
            || copyright.is_some_and(|c| shares_a_name_word(name, c))
    }
}

#[derive(PartialEq)]
enum NameShape {
    Capitalised,
    /// One lower-case word or domain ("bitwerk", "netzbote.de").
    LowerCase,
}

impl NameShape {
    fn of(name: &str) -> Option<NameShape> {
        let words: Vec<&str> = name.split_whitespace().collect();
        if words.is_empty()
            || words.len() > MAX_WORDS
            || name.chars().count() > MAX_CHARS
            || !name.chars().any(char::is_alphabetic)
            || name.contains(['!', '?', ':', '@'])
        {
            return None;
        }
        let capitalised = words
            .iter()
            .filter(|w| {
                w.trim_start_matches(['«', '"', '„', '“', '\''])
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
            })
            .count();
        let starts_upper = name
            .trim_start_matches(['«', '"', '„', '“', '\''])
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
        if starts_upper && capitalised * 2 >= words.len() {
            Some(NameShape::Capitalised)
        } else if words.len() == 1 {
            Some(NameShape::LowerCase)
        } else {
            None
        }
    }
}

/// The name part of a line that is a domain alone: "bündnerblick.ch", "www.example.co.uk".
fn domain_name(line: &str) -> Option<&str> {
    if line.contains(char::is_whitespace) || line.contains('/') {
        return None;
    }
    let host = line.strip_prefix("www.").unwrap_or(line);
    let (name, _) = host.split_once('.')?;
    (!name.is_empty()).then_some(name)
}

/// Whether every letter of `name` is a capital, and it has more than one word: a logo's
/// typography, not an acronym.
fn is_in_capitals(name: &str) -> bool {
    name.split_whitespace().count() > 1
        && name
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

/// The name as written, and without a leading article ("The Albion Herald" is "Albion Herald
/// Media Limited" in the copyright line).
fn spellings(name: &str) -> Vec<&str> {
    let mut spellings = vec![name];
    let mut words = name.splitn(2, ' ');
    if let (Some(first), Some(rest)) = (words.next(), words.next()) {
        if first.chars().count() <= 3 && rest.split_whitespace().count() >= 2 {
            spellings.push(rest);
        }
    }
    spellings
}

/// Mentions of `name` in `line` as whole words; a Russian name may take a case ending
/// ("БизнесВектору"). A name followed by a quoted name is a description ("Информационное
/// агентство «Меридиан»"), not a mention.
fn mentions_in(name: &str, line: &str) -> usize {
    line.match_indices(name)
        .filter(|(at, _)| {
            let before = line[..*at].chars().next_back();
            let after = &line[at + name.len()..];
            let starts_word = before.is_none_or(|c| !c.is_alphanumeric() && c != '-');
            let ending: String = after.chars().take_while(|c| c.is_alphanumeric()).collect();
            let ends_word = ending.is_empty()
                || (ending.chars().count() <= 2
                    && ending.chars().all(is_cyrillic_lower)
                    && name.chars().next_back().is_some_and(is_cyrillic_lower));
            let describes = after
                .trim_start()
                .strip_prefix(['«', '"', '„', '“'])
                .is_some_and(|rest| rest.starts_with(char::is_uppercase));
            starts_word && ends_word && !describes
        })
        .count()
}

fn is_cyrillic_lower(c: char) -> bool {
    matches!(c, 'а'..='я' | 'ё')
}

/// Whether the two names share a capitalised word of at least `SHARED_WORD_CHARS` letters.
fn shares_a_name_word(name: &str, other: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| c.is_whitespace() || c == '.')
            .filter(|w| w.chars().count() >= SHARED_WORD_CHARS && w.starts_with(char::is_uppercase))
            .map(str::to_string)
            .collect()
    };
    let theirs = words(other);
    words(name).iter().any(|w| theirs.contains(w))
}

/// Of the masthead's name and the copyright line's, the one to keep: the shorter when one is
/// part of the other ("Lahntal-Anzeiger" in "Lahntal-Anzeiger Verlagsgesellschaft mbH", "ANM"
/// in "ANM Agenzia Notizie Mediterraneo"); the copyright's when the masthead is only an
/// acronym ("NSR" over "Nordsee-Rundfunk"); else the masthead's, the name readers see.
pub fn prefer_site_name(site: &str, copyright: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| c.is_whitespace() || "«»\"„“”'".contains(c))
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let (ours, theirs) = (words(site), words(copyright));
    let inside = |a: &[String], b: &[String]| b.windows(a.len().max(1)).any(|w| w == a);
    if inside(&ours, &theirs) {
        return true;
    }
    if inside(&theirs, &ours) {
        return false;
    }
    let acronym = ours.len() == 1
        && (2..=5).contains(&site.chars().count())
        && site.chars().all(char::is_uppercase);
    !acronym
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_are_whole_words_with_russian_case_endings() {
        assert_eq!(mentions_in("News", "Free weekly Newsletters"), 0);
        assert_eq!(
            mentions_in("Einstellungen", "Cookie-Einstellungen ändern"),
            0
        );
        assert_eq!(mentions_in("TRN News", "Segui TRN News sul canale"), 1);
        assert_eq!(
            mentions_in("БизнесВектор", "рассказали БизнесВектору два"),
            1
        );
        assert_eq!(
            mentions_in(
                "Информационное агентство",
                "Информационное агентство «Меридиан»."
            ),
            0
        );
    }

    #[test]
    fn a_name_line_is_capitalised_or_one_lower_case_word() {
        assert!(NameShape::of("La Tribuna Nazionale") == Some(NameShape::Capitalised));
        assert!(NameShape::of("netzbote.de") == Some(NameShape::LowerCase));
        assert!(NameShape::of("il quotidiano di chi la scuola la fa").is_none());
        assert!(NameShape::of("Abonnez-vous : 1 € le premier mois").is_none());
    }

    #[test]
    fn the_shorter_name_when_one_holds_the_other() {
        assert!(prefer_site_name(
            "Lahntal-Anzeiger",
            "Lahntal-Anzeiger Verlagsgesellschaft mbH"
        ));
        assert!(!prefer_site_name("ANM Agenzia Notizie Mediterraneo", "ANM"));
        assert!(!prefer_site_name("NSR", "Nordsee-Rundfunk"));
        assert!(prefer_site_name(
            "The Stourvale Chronicle",
            "Midland Weekly Media"
        ));
        assert!(prefer_site_name("ТРК «Заречье»", "ТРК «Заречье"));
    }
}
