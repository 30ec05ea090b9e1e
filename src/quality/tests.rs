use super::*;

fn scorer() -> QualityScorer {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("config/corpusmill.toml");
    QualityScorer::new(&Config::load(&path).expect("the default config loads"))
        .expect("the function words load")
}

/// The worked example of docs/quality.md, with datatrove 0.10.1's values.
#[test]
fn worked_example_matches_datatrove() {
    let text = "Markets fell on Tuesday... #stocks\n\nThe Dow Jones index dropped 1.2% to 27,934 points, and the S&P 500 lost 0.8%.\n- Oil prices rose.\n- Oil prices rose.\n\n\u{201c}We don't expect a recovery before March,\u{201d} said an analyst at a U.S. bank. It was the third loss in a row for the index, which had gained for six weeks.";
    let quality = scorer().score(text, "en");
    let expected = [
        ("n_words", 74.0),
        ("mean_word_length", 3.913793103448276),
        ("symbol_word_ratio", 0.013513513513513514),
        ("bullet_lines_ratio", 0.2857142857142857),
        ("ellipsis_lines_ratio", 0.0),
        ("alpha_words_ratio", 0.7297297297297297),
        ("stop_words", 3.0),
        ("dup_line_frac", 0.2),
        ("dup_line_char_frac", 0.05901639344262295),
        ("dup_para_frac", 0.0),
        ("dup_para_char_frac", 0.0),
        ("top_2gram_char_frac", 0.019672131147540985),
        ("top_3gram_char_frac", 0.04590163934426229),
        ("top_4gram_char_frac", 0.09180327868852459),
        ("dup_5gram_char_frac", 0.04918032786885246),
        ("dup_6gram_char_frac", 0.05245901639344262),
        ("dup_7gram_char_frac", 0.0),
        ("dup_10gram_char_frac", 0.0),
        ("terminal_punct_lines_ratio", 0.8),
        ("short_lines_ratio", 0.4),
    ];
    let values = quality.signals.named_values();
    for (name, value) in expected {
        let (_, got) = values.iter().find(|(n, _)| *n == name).expect("a field");
        assert!((got - value).abs() < 1e-12, "{name}: {got} != {value}");
    }
    assert_eq!(
        quality.verdicts.gopher,
        Some("gopher_below_alpha_threshold")
    );
    assert_eq!(quality.verdicts.c4, None);
    assert_eq!(quality.verdicts.fineweb, Some("char_dup_ratio"));
}

#[test]
fn other_languages_use_their_function_words() {
    let quality = scorer().score("Le chat et le chien de la maison.", "fr");
    assert_eq!(quality.signals.n_words, 8);
    assert!(quality.signals.stop_words >= 2);
}

#[test]
fn splits_lines_as_python() {
    assert_eq!(python_lines("a\r\nb\n\nc\n"), ["a", "b", "", "c"]);
    // Every break str.splitlines() knows, and characters that share their leading bytes.
    let text = "é\u{85}b\u{2028}c\u{2029}d\u{b}e\u{c}f\u{1c}g\r\rh\u{2027}\u{a0}i";
    let lines = ["é", "b", "c", "d", "e", "f", "g", "", "h\u{2027}\u{a0}i"];
    assert_eq!(python_lines(text), lines);
    assert_eq!(split_newline_runs("\na\n\n\nb", 2), ["\na", "b"]);
}
