//! Metadata stage: title, authors, publisher, url and dates from front matter, from the
//! metadata lines the cleaner removed (bylines, stamps, source lines), and from publisher rules.
//! Every value records where it came from in `metadata_source`; nothing is guessed.

mod dates;
mod publishers;

pub use dates::parse_date;
pub use publishers::{url_domain, PublisherMatch, PublisherRules};

use crate::clean::is_person_name;
use crate::config::Config;
use crate::document::{Document, MetaField, Removal};
use anyhow::Result;
use serde_json::Value;

/// Front matter keys for each field, in order of preference.
const TITLE_KEYS: &[&str] = &["title", "headline"];
const AUTHOR_KEYS: &[&str] = &["authors", "author", "byline", "creator"];
const PUBLISHED_KEYS: &[&str] = &[
    "date",
    "published",
    "published_at",
    "publishdate",
    "pubdate",
    "date_published",
];
const UPDATED_KEYS: &[&str] = &[
    "lastmod",
    "updated",
    "updated_at",
    "modified",
    "date_modified",
    "last_modified",
];
const URL_KEYS: &[&str] = &[
    "url",
    "canonical",
    "canonical_url",
    "permalink",
    "link",
    "source_url",
];
const PUBLISHER_KEYS: &[&str] = &["site_name", "publisher", "source", "site", "outlet"];

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
];

pub struct MetadataExtractor {
    publishers: PublisherRules,
}

impl MetadataExtractor {
    pub fn new(config: &Config) -> Result<MetadataExtractor> {
        Ok(MetadataExtractor {
            publishers: PublisherRules::load(&config.publishers_path())?,
        })
    }

    pub fn extract(&self, doc: &mut Document) {
        let fm = doc.front_matter.clone().unwrap_or_default();
        let meta = &mut doc.meta;

        if let Some((key, title)) = first_string(&fm, TITLE_KEYS) {
            meta.title = Some(title);
            meta.source.title = Some(format!("front_matter.{key}"));
        } else if let Some(headline) = &doc.headline {
            meta.title = Some(headline.clone());
            meta.source.title = Some("text.headline".into());
        }

        if let Some((key, authors)) = first_authors(&fm) {
            meta.authors = authors;
            meta.source.authors = Some(format!("front_matter.{key}"));
        } else if let Some((rule_id, authors)) = self.authors_from_removed(&doc.removed) {
            meta.authors = authors;
            meta.source.authors = Some(rule_id);
        }

        for (keys, field, target, source) in [
            (
                PUBLISHED_KEYS,
                MetaField::Published,
                &mut meta.published_at,
                &mut meta.source.published_at,
            ),
            (
                UPDATED_KEYS,
                MetaField::Updated,
                &mut meta.updated_at,
                &mut meta.source.updated_at,
            ),
        ] {
            if let Some((key, micros)) = first_date(&fm, keys) {
                *target = Some(micros);
                *source = Some(format!("front_matter.{key}"));
            } else if let Some((rule_id, micros)) = date_from_removed(&doc.removed, field) {
                *target = Some(micros);
                *source = Some(rule_id);
            }
        }

        if let Some((key, url)) =
            first_string(&fm, URL_KEYS).filter(|(_, u)| url_domain(u).is_some())
        {
            meta.domain = url_domain(&url);
            meta.url = Some(url);
            meta.source.url = Some(format!("front_matter.{key}"));
        }

        if let Some((name, source)) = self.publisher(&fm, meta.domain.as_deref(), &doc.removed) {
            meta.publisher = Some(name);
            meta.source.publisher = Some(source);
        }
    }

    /// Names from the first byline, correspondent line or signature the cleaner removed that
    /// names people (a byline naming the outlet, "Texte par : RFI", names no author).
    fn authors_from_removed(&self, removed: &[Removal]) -> Option<(String, Vec<String>)> {
        removed
            .iter()
            .filter(|r| r.field == Some(MetaField::Author))
            .find_map(|r| {
                let names: Vec<String> = split_names(&byline_value(&r.text))
                    .into_iter()
                    .filter(|n| is_byline_name(n) && !self.is_organisation(n))
                    .collect();
                (!names.is_empty()).then(|| (r.rule_id.clone(), names))
            })
    }

    /// The whole name is a known publisher or agency.
    fn is_organisation(&self, name: &str) -> bool {
        self.publishers.is_name(name)
    }

    /// Publisher by url domain, front matter, source lines, then site boilerplate and link targets.
    fn publisher(
        &self,
        fm: &serde_json::Map<String, Value>,
        domain: Option<&str>,
        removed: &[Removal],
    ) -> Option<(String, String)> {
        if let Some(m) = domain.and_then(|d| self.publishers.by_domain(d)) {
            return Some((m.name, format!("url:{}", m.rule_id)));
        }
        if let Some((key, name)) = first_string(fm, PUBLISHER_KEYS) {
            let known = self.publishers.by_name(&name).map(|m| m.name);
            return Some((known.unwrap_or(name), format!("front_matter.{key}")));
        }
        let named = |r: &Removal| {
            self.publishers
                .by_name(&r.text)
                .map(|m| (m.name, format!("{}:{}", r.rule_id, m.rule_id)))
        };
        if let Some(found) = removed
            .iter()
            .filter(|r| r.field == Some(MetaField::Publisher))
            .find_map(named)
        {
            return Some(found);
        }
        if let Some(found) = removed
            .iter()
            .filter(|r| {
                SITE_BOILERPLATE.contains(&r.category.as_str())
                    && r.field != Some(MetaField::Agency)
            })
            .find_map(named)
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

fn date_from_removed(removed: &[Removal], field: MetaField) -> Option<(String, i64)> {
    removed
        .iter()
        .filter(|r| r.field == Some(field))
        .find_map(|r| parse_date(&r.text).map(|micros| (r.rule_id.clone(), micros)))
}

/// The name part of a byline: after "Par", "By", "Von", ":" or the correspondent's comma.
fn byline_value(line: &str) -> String {
    let mut value = line.trim();
    if let Some((_, after)) = value.rsplit_once(',').filter(|(before, _)| {
        let folded = crate::text::fold_str(before);
        [
            "correspond",
            "envoy",
            "reporter",
            "korrespondent",
            "corrispondent",
            "корреспондент",
        ]
        .iter()
        .any(|w| folded.contains(w))
    }) {
        value = after.trim();
    }
    let lower = crate::text::fold_str(value);
    for prefix in [
        "texte par",
        "propos recueillis par",
        "par",
        "by",
        "von",
        "por",
        "di",
        "автор",
        "авторы",
        "written by",
        "reporting by",
        "text:",
        "texto:",
        "testo di",
    ] {
        if lower.starts_with(prefix) && lower[prefix.len()..].starts_with([' ', ':']) {
            value = value[prefix.len()..].trim_start_matches([' ', ':']).trim();
            break;
        }
    }
    // Trailing buttons and affiliations: "RFI Suivre", "Jean Dupont pour Le Monde".
    for cut in [
        " Suivre", " Follow", " Folgen", " Seguir", " Segui", " pour ", " for ", " für ", " para ",
        " per ", " | ", " — ", " - ",
    ] {
        if let Some(i) = value.find(cut) {
            value = &value[..i];
        }
    }
    value.trim().trim_end_matches(['.', ',']).to_string()
}

fn split_names(value: &str) -> Vec<String> {
    let mut names = vec![value.to_string()];
    for sep in [
        " et ", " and ", " und ", " y ", " e ", " и ", ", ", " & ", ";",
    ] {
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

/// A person's name as bylines write it: two to five capitalised words (particles allowed,
/// surnames may be in capitals), no digits: "Paul Gogo", "Jean DUPONT", "Anne-Sophie de La Tour".
fn is_byline_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && !name.chars().any(|c| c.is_ascii_digit())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || matches!(
                    *w,
                    "de" | "du"
                        | "des"
                        | "von"
                        | "van"
                        | "der"
                        | "da"
                        | "di"
                        | "del"
                        | "la"
                        | "le"
                        | "y"
                        | "bin"
                        | "al"
                )
        })
        && (is_person_name(name) || words.iter().any(|w| w.chars().any(char::is_lowercase)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byline_values() {
        assert_eq!(byline_value("Texte par : RFI Suivre"), "RFI");
        assert_eq!(
            byline_value("Avec notre correspondant à Moscou, Paul Gogo"),
            "Paul Gogo"
        );
        assert_eq!(
            byline_value("Par Anne Dastakian pour Le Courrier"),
            "Anne Dastakian"
        );
        assert_eq!(
            byline_value("By Jane Smith and Tom Lee"),
            "Jane Smith and Tom Lee"
        );
        assert_eq!(
            split_names("Jane Smith and Tom Lee"),
            vec!["Jane Smith", "Tom Lee"]
        );
    }
}
