//! Property tests: the offset invariants hold on random text in every language path.

use super::{spans_to_sentences, Segmenter};
use proptest::prelude::*;
use std::path::Path;
use std::sync::OnceLock;

fn segmenter() -> &'static Segmenter {
    static SEGMENTER: OnceLock<Segmenter> = OnceLock::new();
    SEGMENTER.get_or_init(|| {
        Segmenter::load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("config/abbreviations"))
            .unwrap()
    })
}

/// Pieces that exercise the rules: abbreviations, initials, numbers, quotes, brackets,
/// citations, ellipses, CJK and RTL punctuation, odd spaces and line breaks.
const PIECES: &[&str] = &[
    "M.", "Mme", "z. B.", "EE. UU.", "U.S.", "etc.", "т. д.", "г.", "J.-C.", "E.", "3.", "12.",
    "3.14", "1 000,50", "No.", "p.m.", "iPhone", "le", "Die", "Он", "The", "word", "Éric", ".",
    "?", "!", "…", "...", ". . .", "?!", "«", "»", "« ", " »", "„", "“", "”", "\"", "'", "(", ")",
    "[4]", "[", "]", "—", "-", "¿", "¡", "。", "？", "؟", "।", "։", "\u{a0}", "\u{202f}", " ", " ",
    " ", "\n", "\n\n", "\r\n", "\t", "www.x.fr", "a@b.de", "1.", "II.",
];

fn text_strategy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => proptest::sample::select(PIECES).prop_map(str::to_string),
        1 => any::<char>().prop_map(|c| c.to_string()),
        1 => "[a-zA-Zа-яА-Я]{1,8}",
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

fn lang_strategy() -> impl Strategy<Value = &'static str> {
    proptest::sample::select(&["fr", "en", "de", "es", "it", "ru", "zh", "xx"][..])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn spans_are_ordered_trimmed_and_cover_all_non_space_text(
        text in text_strategy(),
        lang in lang_strategy(),
    ) {
        let spans = segmenter().segment(&text, lang);
        let mut previous_end = 0;
        let mut covered = vec![false; text.len()];
        for span in &spans {
            prop_assert!(span.start < span.end, "empty span {span:?}");
            prop_assert!(span.start >= previous_end, "overlap or disorder at {span:?}");
            prop_assert!(span.end <= text.len());
            prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            let sentence = &text[span.start..span.end];
            prop_assert_eq!(sentence, sentence.trim());
            covered[span.start..span.end].fill(true);
            previous_end = span.end;
        }
        for (i, c) in text.char_indices() {
            prop_assert!(c.is_whitespace() || covered[i], "{c:?} at byte {i} is in no sentence");
        }
    }

    #[test]
    fn char_offsets_slice_the_text(text in text_strategy(), lang in lang_strategy()) {
        let spans = segmenter().segment(&text, lang);
        let chars: Vec<char> = text.chars().collect();
        let sentences = spans_to_sentences(&text, &spans);
        prop_assert_eq!(sentences.len(), spans.len());
        for sentence in &sentences {
            let slice: String = chars[sentence.char_start..sentence.char_end].iter().collect();
            prop_assert_eq!(slice, sentence.text.clone());
        }
    }
}
