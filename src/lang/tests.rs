use super::*;
use crate::document::Format;
use std::path::Path;

fn config() -> Config {
    Config::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("config/corpusmill.toml"))
        .expect("the default config loads")
}

fn detector() -> LanguageDetector {
    LanguageDetector::new(&config()).expect("the default config builds a detector")
}

fn document(lines: &[&str]) -> Document {
    let text = lines.join("\n");
    let mut doc = Document::new("t.txt".into(), "0".into(), 0, Format::Txt, text.clone());
    doc.sentences = crate::segment::sentences_of_lines(&text);
    doc.text = text;
    doc
}

#[test]
fn french_paragraph() {
    let d = detector().detect(
        "Le ministère des Affaires étrangères rappelle que la Russie n'interviendra que si l'Arménie est menacée.",
    );
    assert_eq!(d.lang, "fr");
    assert!(d.confidence > 0.5);
    assert_eq!(d.script_code(), "Latn");
}

#[test]
fn too_short_is_undetermined() {
    assert_eq!(detector().detect("OK").lang, UNDETERMINED);
    assert_eq!(detector().detect("12:30 — 2:1").lang, UNDETERMINED);
}

#[test]
fn a_script_only_one_configured_language_writes_decides_short_text() {
    let d = detector().detect("მადლობა");
    assert_eq!(d.lang, "ka");
    assert_eq!(d.confidence, 1.0);
    assert_eq!(detector().detect("Բարև").lang, "hy");
}

#[test]
fn a_script_no_configured_language_writes_is_undetermined() {
    assert_eq!(
        detector().detect("รัฐบาลประกาศมาตรการใหม่").lang,
        UNDETERMINED
    );
}

#[test]
fn kazakh_letters_overrule_whatlang_which_has_no_kazakh() {
    let text = "Үкімет сейсенбі күні ең төменгі жалақыны көтеру туралы қаулы қабылдады.";
    assert_eq!(detector().detect(text).lang, "kk");
    let mut no_second_opinion = config();
    no_second_opinion.lang.second_opinion = SecondOpinionKind::None;
    if cfg!(feature = "lingua") {
        let plain = LanguageDetector::new(&no_second_opinion).unwrap();
        assert_eq!(plain.detect(text).lang, "kk");
    }
}

#[test]
fn allowlist_and_denylist_restrict_answers() {
    let text =
        "Die regering het Dinsdag aangekondig dat die minimum loon vanaf Maart verhoog sal word.";
    let mut config = config();
    config.lang.exclude = vec!["afr".into()];
    let d = LanguageDetector::new(&config).unwrap().detect(text);
    assert_ne!(d.lang, "af");
    config.lang.languages = vec!["xyz1".into()];
    assert!(LanguageDetector::new(&config).is_err());
    config.lang.languages = Vec::new();
    config.lang.exclude = Vec::new();
    config.lang.second_opinion = SecondOpinionKind::None;
    let everything_whatlang_knows = LanguageDetector::new(&config).unwrap();
    assert_eq!(everything_whatlang_knows.detect(text).lang, "af");
}

#[test]
fn short_sentences_inherit_only_when_their_letters_agree() {
    let detector = detector();
    let mut doc = document(&[
        "Le ministre a annoncé mardi une réforme des retraites qui entrera en vigueur en janvier.",
        "Oui.",
        "Les syndicats ont appelé à une grève nationale jeudi prochain dans tout le pays.",
        "Да.",
        "2025",
    ]);
    detector.detect_document(&mut doc);
    assert_eq!(doc.lang, "fr");
    assert_eq!(doc.lang_script, "Latn");
    detector.detect_sentences(&mut doc);
    let langs: Vec<&str> = doc.sentences.iter().map(|s| s.lang.as_str()).collect();
    assert_eq!(langs, ["fr", "fr", "fr", UNDETERMINED, UNDETERMINED]);
    assert!(doc.sentences[1].lang_confidence <= 0.5);
}

#[test]
fn mixed_documents_list_their_languages() {
    let detector = detector();
    let mut doc = document(&[
        "Le ministre arménien des Affaires étrangères est arrivé lundi à Paris pour deux jours.",
        "Il doit rencontrer son homologue français au Quai d'Orsay mardi matin.",
        "«Ֆրանսիան Հայաստանի ամենամոտ գործընկերներից է, և մենք շնորհակալ ենք։»",
        "La visite s'achèvera mercredi par une rencontre avec des étudiants à Lyon.",
    ]);
    detector.detect_document(&mut doc);
    detector.detect_sentences(&mut doc);
    assert_eq!(doc.lang, "fr");
    let shares: Vec<(&str, f32)> = doc
        .langs
        .iter()
        .map(|s| (s.lang.as_str(), s.share))
        .collect();
    assert_eq!(shares, [("fr", 0.75), ("hy", 0.25)]);
}

#[test]
fn a_script_rule_names_itself() {
    let d = detector().detect("საქართველოს მთავრობამ ახალი კანონი მიიღო.");
    assert_eq!(d.rule.as_deref(), Some("script.georgian"));
    assert_eq!(
        detector()
            .detect("The government approved the budget.")
            .rule,
        None
    );
}

#[test]
fn a_document_opening_in_another_language_is_read_whole() {
    // An English standfirst over a French body: the sample's function words are mostly French,
    // and the English ones keep them from settling it, so its lines vote.
    let english = "The foreign ministry said on Monday that the agreement would be signed in the \
                   spring, and that the talks with the delegation had been useful for both of \
                   the parties who were present at the meeting in the capital. ";
    let french =
        "Le ministère des Affaires étrangères a déclaré lundi que l'accord serait signé au \
                  printemps et que les discussions avec la délégation avaient été utiles pour les \
                  deux parties, qui se sont retrouvées dans la capitale pour la réunion. ";
    let detector = detector();
    let mut doc = document(&[&english.repeat(3), &french.repeat(8)]);
    assert!(doc.text.len() > 2048);
    detector.detect_document(&mut doc);
    assert_eq!(doc.lang, "fr");
    let mut doc = document(&[&french.repeat(12)]);
    detector.detect_document(&mut doc);
    assert_eq!(
        (doc.lang.as_str(), doc.lang_script.as_str()),
        ("fr", "Latn")
    );
}

#[test]
fn a_byline_without_function_words_is_not_read_as_the_language_of_a_surname() {
    let detector = detector();
    let mut doc = document(&[
        "Правительство объявило во вторник о повышении минимальной зарплаты с марта.",
        "Anna Nilsson — 2015-04-19",
        "Профсоюзы призвали к общенациональной забастовке в следующий четверг.",
        "Detta är en mening på svenska som citeras i artikeln.",
    ]);
    detector.detect_document(&mut doc);
    detector.detect_sentences(&mut doc);
    let langs: Vec<&str> = doc.sentences.iter().map(|s| s.lang.as_str()).collect();
    // A Latin name and a date in a Cyrillic text: no language of their own, none to inherit.
    assert_eq!(langs, ["ru", UNDETERMINED, "ru", "sv"]);
}
