//! Front matter at the top of Markdown files: YAML between `---` lines, TOML between `+++` lines.

use serde_json::{Map, Value};
use yaml_rust2::{Yaml, YamlLoader};

/// The result of splitting a document into front matter and body.
pub struct Split {
    pub front_matter: Option<Map<String, Value>>,
    /// The text after the front matter (the whole text when there is none or it is broken).
    pub body: String,
    pub warning: Option<String>,
}

/// Split off and parse front matter. Broken front matter keeps the whole text and warns.
pub fn split_front_matter(text: &str) -> Split {
    let delimiter = match text.lines().next().map(str::trim_end) {
        Some("---") => "---",
        Some("+++") => "+++",
        _ => return unchanged(text, None),
    };
    let after_open = &text[text.find('\n').map_or(text.len(), |i| i + 1)..];
    let Some((raw, body)) = find_closing(after_open, delimiter) else {
        return unchanged(
            text,
            Some(format!(
                "front matter opened with {delimiter} is never closed"
            )),
        );
    };
    let parsed = if delimiter == "---" {
        parse_yaml(raw)
    } else {
        parse_toml(raw)
    };
    match parsed {
        Ok(map) => Split {
            front_matter: Some(map),
            body: body.to_string(),
            warning: None,
        },
        Err(message) => unchanged(text, Some(format!("invalid front matter: {message}"))),
    }
}

fn unchanged(text: &str, warning: Option<String>) -> Split {
    Split {
        front_matter: None,
        body: text.to_string(),
        warning,
    }
}

/// Find the closing delimiter line; return (front matter source, body after it).
fn find_closing<'a>(text: &'a str, delimiter: &str) -> Option<(&'a str, &'a str)> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end();
        if content == delimiter || (delimiter == "---" && content == "...") {
            return Some((&text[..offset], &text[offset + line.len()..]));
        }
        offset += line.len();
    }
    None
}

fn parse_yaml(source: &str) -> Result<Map<String, Value>, String> {
    let docs = YamlLoader::load_from_str(source).map_err(|e| e.to_string())?;
    match docs.into_iter().next() {
        None => Ok(Map::new()),
        Some(Yaml::Hash(hash)) => {
            let mut map = Map::new();
            for (key, value) in hash {
                map.insert(yaml_key(&key), yaml_to_json(value));
            }
            Ok(map)
        }
        Some(Yaml::Null) => Ok(Map::new()),
        Some(_) => Err("front matter is not a mapping of keys to values".into()),
    }
}

fn yaml_key(key: &Yaml) -> String {
    match yaml_to_json(key.clone()) {
        Value::String(s) => s,
        other => other.to_string(),
    }
}

fn yaml_to_json(value: Yaml) -> Value {
    match value {
        Yaml::Real(s) => s
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map_or(Value::String(s), Value::Number),
        Yaml::Integer(i) => Value::from(i),
        Yaml::String(s) => Value::String(s),
        Yaml::Boolean(b) => Value::Bool(b),
        Yaml::Array(items) => Value::Array(items.into_iter().map(yaml_to_json).collect()),
        Yaml::Hash(hash) => Value::Object(
            hash.into_iter()
                .map(|(k, v)| (yaml_key(&k), yaml_to_json(v)))
                .collect(),
        ),
        Yaml::Alias(_) | Yaml::Null | Yaml::BadValue => Value::Null,
    }
}

fn parse_toml(source: &str) -> Result<Map<String, Value>, String> {
    let table: toml::Table = toml::from_str(source).map_err(|e| e.message().to_string())?;
    Ok(table
        .into_iter()
        .map(|(k, v)| (k, toml_to_json(v)))
        .collect())
}

fn toml_to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_front_matter_with_folded_string() {
        let text = "---\ntitle: Après la débâcle\nsummary: \" l'Arménie boycotte\n  le sommet.\"\ndate: 2023-11-22T22:14:02.647Z\n---\n# Heading\n";
        let split = split_front_matter(text);
        let fm = split.front_matter.unwrap();
        assert_eq!(fm["title"], "Après la débâcle");
        assert_eq!(fm["summary"], " l'Arménie boycotte le sommet.");
        assert_eq!(fm["date"], "2023-11-22T22:14:02.647Z");
        assert_eq!(split.body, "# Heading\n");
        assert!(split.warning.is_none());
    }

    #[test]
    fn toml_front_matter() {
        let text = "+++\ntitle = \"Hello\"\ndate = 2024-03-01T10:00:00Z\n+++\nBody.\n";
        let split = split_front_matter(text);
        let fm = split.front_matter.unwrap();
        assert_eq!(fm["title"], "Hello");
        assert_eq!(split.body, "Body.\n");
    }

    #[test]
    fn key_variants_keep_their_shapes() {
        let yaml = "---\nauthors:\n  - Camille Nguyen\n  - Thomas Berthier\nauthor:\n  name: Dr. Katrin Lehmann\n  twitter: \"@k\"\ntags: [artisanat, énergie]\nlastmod: 2024-04-23T16:40:00+02:00\ndraft: false\n---\nBody.\n";
        let fm = split_front_matter(yaml).front_matter.unwrap();
        assert_eq!(fm["authors"][1], "Thomas Berthier");
        assert_eq!(fm["author"]["name"], "Dr. Katrin Lehmann");
        assert_eq!(fm["tags"][1], "énergie");
        assert_eq!(fm["lastmod"], "2024-04-23T16:40:00+02:00");
        assert_eq!(fm["draft"], false);

        let toml = "+++\ntitle = \"Hello\"\ndate = 2024-03-27T09:00:00\nauthors = [\"Ana Beltrán\"]\n[params]\nsite_name = \"Cinéscope\"\n+++\nBody.\n";
        let fm = split_front_matter(toml).front_matter.unwrap();
        // A TOML local date-time stays as written, without a zone.
        assert_eq!(fm["date"], "2024-03-27T09:00:00");
        assert_eq!(fm["authors"][0], "Ana Beltrán");
        assert_eq!(fm["params"]["site_name"], "Cinéscope");
    }

    #[test]
    fn unterminated_front_matter_keeps_text_and_warns() {
        let text = "---\ntitle: Hello\nBody without end.\n";
        let split = split_front_matter(text);
        assert!(split.front_matter.is_none());
        assert_eq!(split.body, text);
        assert!(split.warning.unwrap().contains("never closed"));
    }

    #[test]
    fn invalid_yaml_keeps_text_and_warns() {
        let text = "---\ntitle: [unclosed\n---\nBody.\n";
        let split = split_front_matter(text);
        assert!(split.front_matter.is_none());
        assert!(split.warning.unwrap().starts_with("invalid front matter"));
    }
}
