//! Publisher rules from `config/publishers.toml`: url domains and names as they appear in
//! signatures, source lines and site boilerplate.

use crate::text::fold_str;
use aho_corasick::{AhoCorasick, MatchKind};
use anyhow::{bail, Context, Result};
use serde::Deserialize;
use std::collections::HashSet;
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
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PublisherFile {
    #[serde(rename = "publisher")]
    publishers: Vec<PublisherSpec>,
}

#[derive(Debug, Clone)]
pub struct Publisher {
    pub id: String,
    pub name: String,
    domains: Vec<String>,
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
    folded_names: HashSet<String>,
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
        for spec in file.publishers {
            if !ids.insert(spec.id.clone()) {
                bail!("publisher id '{}' is defined twice", spec.id);
            }
            let index = publishers.len();
            for name in spec.names.iter().chain(std::iter::once(&spec.name)) {
                names.push(fold_str(name));
                name_owner.push(index);
            }
            publishers.push(Publisher {
                id: spec.id,
                name: spec.name,
                domains: spec.domains.iter().map(|d| d.to_lowercase()).collect(),
            });
        }
        let folded_names = names.iter().cloned().collect();
        let names = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&names)?;
        Ok(PublisherRules {
            publishers,
            names,
            name_owner,
            folded_names,
        })
    }

    /// The publisher whose domain is `domain` or a parent of it.
    pub fn by_domain(&self, domain: &str) -> Option<PublisherMatch> {
        let domain = domain.to_lowercase();
        self.publishers.iter().find_map(|p| {
            p.domains
                .iter()
                .any(|d| domain == *d || domain.ends_with(&format!(".{d}")))
                .then(|| PublisherMatch {
                    name: p.name.clone(),
                    rule_id: format!("{}.domain", p.id),
                })
        })
    }

    /// `text` is exactly one of the publisher names (ignoring case and accents).
    pub fn is_name(&self, text: &str) -> bool {
        self.folded_names.contains(fold_str(text.trim()).as_str())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> PublisherRules {
        PublisherRules::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("config/publishers.toml"))
            .unwrap()
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
    fn url_domains() {
        assert_eq!(
            url_domain("https://www.lesechos.fr/monde/europe/x-1981767").as_deref(),
            Some("lesechos.fr")
        );
        assert_eq!(url_domain("not a url"), None);
    }
}
