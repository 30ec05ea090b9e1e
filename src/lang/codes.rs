//! Language and script codes: ISO 639-1 where one exists, else ISO 639-3; Chinese is `zh` and
//! Norwegian (Bokmål) is `no` whichever detector answered; scripts are ISO 15924.

use whatlang::{Lang, Script};

/// Aliases that no detector spells the way the output does.
const ALIASES: &[(&str, &str)] = &[
    ("nb", "no"),
    ("nob", "no"),
    ("nor", "no"),
    ("zho", "zh"),
    ("chi", "zh"),
    ("cmn", "zh"),
    ("fas", "fa"),
    ("per", "fa"),
    ("pes", "fa"),
];

/// The output code of a code written in a config file (ISO 639-1 or 639-3, any case); `None`
/// when it is not two or three ASCII letters.
pub fn normalize(code: &str) -> Option<String> {
    let code = code.trim().to_ascii_lowercase();
    if !(2..=3).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    if let Some((_, to)) = ALIASES.iter().find(|(from, _)| *from == code) {
        return Some(to.to_string());
    }
    if let Some(lang) = Lang::all().iter().find(|l| l.code() == code) {
        return Some(whatlang_code(*lang).to_string());
    }
    Some(super::second_opinion::iso_639_1(&code).unwrap_or(code))
}

/// The output code of a whatlang language.
pub fn whatlang_code(lang: Lang) -> &'static str {
    match lang {
        Lang::Epo => "eo",
        Lang::Eng => "en",
        Lang::Rus => "ru",
        Lang::Cmn => "zh",
        Lang::Spa => "es",
        Lang::Por => "pt",
        Lang::Ita => "it",
        Lang::Ben => "bn",
        Lang::Fra => "fr",
        Lang::Deu => "de",
        Lang::Ukr => "uk",
        Lang::Kat => "ka",
        Lang::Ara => "ar",
        Lang::Hin => "hi",
        Lang::Jpn => "ja",
        Lang::Heb => "he",
        Lang::Yid => "yi",
        Lang::Pol => "pl",
        Lang::Amh => "am",
        Lang::Jav => "jv",
        Lang::Kor => "ko",
        Lang::Nob => "no",
        Lang::Dan => "da",
        Lang::Swe => "sv",
        Lang::Fin => "fi",
        Lang::Tur => "tr",
        Lang::Nld => "nl",
        Lang::Hun => "hu",
        Lang::Ces => "cs",
        Lang::Ell => "el",
        Lang::Bul => "bg",
        Lang::Bel => "be",
        Lang::Mar => "mr",
        Lang::Kan => "kn",
        Lang::Ron => "ro",
        Lang::Slv => "sl",
        Lang::Hrv => "hr",
        Lang::Srp => "sr",
        Lang::Mkd => "mk",
        Lang::Lit => "lt",
        Lang::Lav => "lv",
        Lang::Est => "et",
        Lang::Tam => "ta",
        Lang::Vie => "vi",
        Lang::Urd => "ur",
        Lang::Tha => "th",
        Lang::Guj => "gu",
        Lang::Uzb => "uz",
        Lang::Pan => "pa",
        Lang::Aze => "az",
        Lang::Ind => "id",
        Lang::Tel => "te",
        Lang::Pes => "fa",
        Lang::Mal => "ml",
        Lang::Ori => "or",
        Lang::Mya => "my",
        Lang::Nep => "ne",
        Lang::Sin => "si",
        Lang::Khm => "km",
        Lang::Tuk => "tk",
        Lang::Aka => "ak",
        Lang::Zul => "zu",
        Lang::Sna => "sn",
        Lang::Afr => "af",
        Lang::Lat => "la",
        Lang::Slk => "sk",
        Lang::Cat => "ca",
        Lang::Tgl => "tl",
        Lang::Hye => "hy",
    }
}

/// The ISO 15924 code of a script; `Zyyy` (undetermined) when the text has no letters.
pub fn script_code(script: Option<Script>) -> &'static str {
    match script {
        None => "Zyyy",
        Some(script) => match script {
            Script::Latin => "Latn",
            Script::Cyrillic => "Cyrl",
            Script::Arabic => "Arab",
            Script::Devanagari => "Deva",
            Script::Hiragana => "Hira",
            Script::Katakana => "Kana",
            Script::Ethiopic => "Ethi",
            Script::Hebrew => "Hebr",
            Script::Bengali => "Beng",
            Script::Georgian => "Geor",
            Script::Mandarin => "Hani",
            Script::Hangul => "Hang",
            Script::Greek => "Grek",
            Script::Kannada => "Knda",
            Script::Tamil => "Taml",
            Script::Thai => "Thai",
            Script::Gujarati => "Gujr",
            Script::Gurmukhi => "Guru",
            Script::Telugu => "Telu",
            Script::Malayalam => "Mlym",
            Script::Oriya => "Orya",
            Script::Myanmar => "Mymr",
            Script::Sinhala => "Sinh",
            Script::Khmer => "Khmr",
            Script::Armenian => "Armn",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_two_letters_where_they_exist() {
        assert_eq!(whatlang_code(Lang::Cmn), "zh");
        assert_eq!(whatlang_code(Lang::Hye), "hy");
        assert_eq!(whatlang_code(Lang::Pes), "fa");
    }

    #[test]
    fn config_codes_are_normalized() {
        assert_eq!(normalize("FRA").as_deref(), Some("fr"));
        assert_eq!(normalize("nb").as_deref(), Some("no"));
        assert_eq!(normalize("nob").as_deref(), Some("no"));
        assert_eq!(normalize("cmn").as_deref(), Some("zh"));
        assert_eq!(normalize("hye").as_deref(), Some("hy"));
        assert_eq!(normalize("kk").as_deref(), Some("kk"));
        assert_eq!(normalize("français"), None);
    }

    #[test]
    fn every_script_has_a_code() {
        for script in Script::all() {
            assert_eq!(script_code(Some(*script)).len(), 4);
        }
    }
}
