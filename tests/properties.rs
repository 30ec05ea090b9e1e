//! Property tests: the cleaner and the whole per-document pipeline (`Stages::process`) on
//! generated bodies mixing real article lines, boilerplate, markup fragments and arbitrary
//! Unicode. Neither may panic; the cleaner never makes text longer and records every removal
//! with a rule id; a processed document's sentences are valid, ordered, non-overlapping slices
//! of its text.

mod common;

use corpusmill::document::{Document, Format};
use corpusmill::{Config, Stages};
use proptest::prelude::*;
use std::sync::LazyLock;

static STAGES: LazyLock<Stages> = LazyLock::new(|| {
    let config = Config::load(&common::project_dir().join("config/corpusmill.toml")).unwrap();
    Stages::new(&config).unwrap()
});

/// Lines of the kinds a scraped article holds, and fragments that break structure.
const LINES: &[&str] = &[
    "Le conseil municipal a voté mardi soir le budget de la ville.",
    "The mayor defended investments he called necessary for schools.",
    "Die Stadt hat am Dienstag den Haushalt beschlossen, sagte der Bürgermeister.",
    "Правительство объявило о новых мерах поддержки.",
    "M. Dupont, né le 3 janv. 1950, etc. Il a dit : « Non ! »",
    "Facebook Twitter LinkedIn",
    "© 2024 Example Media. All rights reserved.",
    "https://www.example.com/article/12345",
    "Je souscris",
    "Il vous reste 75% de cet article à lire.",
    "Par Jean Martin",
    "22/11/2023",
    "---",
    "+++",
    "title: broken: yaml: [",
    "# Headline **never closed",
    "```",
    "<div class=\"x\"><p>text",
    "</span></div>",
    "<!-- comment",
    "[link](http://example.com/",
    "![image](pic.png)",
    "* list item",
    "> quote",
    "",
    "   ",
    "...",
    "!!!???",
    "\u{200B}\u{FEFF}\u{00AD}",
    "🙂🙂 emoji line 🙂",
    "a\u{0301}e\u{0301}",
];

fn body() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        3 => prop::sample::select(LINES).prop_map(str::to_string),
        1 => any::<String>(),
        1 => "[a-zA-Zéà .!?,;:«»\"'()\\-]{0,80}",
    ];
    prop::collection::vec(line, 0..24).prop_map(|lines| lines.join("\n"))
}

fn format() -> impl Strategy<Value = Format> {
    prop_oneof![Just(Format::Txt), Just(Format::Md)]
}

fn document(body: &str, format: Format) -> Document {
    let mut doc = Document::new(
        "generated.txt".into(),
        "0".repeat(64),
        body.len() as u64,
        format,
        String::new(),
    );
    doc.body = body.to_string();
    doc
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn cleaner_never_lengthens_and_names_every_removal(body in body(), format in format()) {
        let mut doc = document(&body, format);
        STAGES.cleaner.clean(&mut doc);
        prop_assert!(
            doc.text.chars().count() <= body.chars().count(),
            "cleaned text longer than the body: {:?} -> {:?}", body, doc.text
        );
        for removal in &doc.removed {
            prop_assert!(!removal.rule_id.is_empty(), "removal without a rule id: {:?}", removal);
        }
        // Plain text without tags has no unlisted markup: letters that vanish were removed by a rule.
        let had_letters = body.chars().any(char::is_alphanumeric);
        let kept_letters = doc.text.chars().any(char::is_alphanumeric);
        if format == Format::Txt && !body.contains('<') && had_letters && !kept_letters {
            prop_assert!(!doc.removed.is_empty(), "every letter vanished without a removal: {:?}", body);
        }
    }

    #[test]
    fn whole_pipeline_gives_valid_sentences(body in body(), format in format()) {
        let doc = document(&body, format);
        let body_chars = body.chars().count();
        match STAGES.process(doc) {
            Err(reject) => prop_assert_eq!(reject.reason.code(), "no_content"),
            Ok(doc) => {
                let chars: Vec<char> = doc.text.chars().collect();
                prop_assert!(chars.len() <= body_chars);
                prop_assert!(!doc.lang.is_empty());
                let mut previous_end = 0;
                for sentence in &doc.sentences {
                    prop_assert!(sentence.char_start >= previous_end, "overlap or disorder");
                    prop_assert!(sentence.char_start < sentence.char_end);
                    prop_assert!(sentence.char_end <= chars.len());
                    let slice: String = chars[sentence.char_start..sentence.char_end].iter().collect();
                    prop_assert_eq!(&slice, &sentence.text);
                    previous_end = sentence.char_end;
                }
            }
        }
    }
}
