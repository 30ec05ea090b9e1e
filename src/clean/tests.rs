//! Cleaner tests on real example lines.

use super::*;
use crate::document::Format;
use std::path::Path;

fn cleaner() -> Cleaner {
    let config =
        Config::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("config/corpusmill.toml"))
            .unwrap();
    Cleaner::new(&config).unwrap()
}

fn clean_txt(body: &str) -> Document {
    let mut doc = Document::new("t.txt".into(), String::new(), 0, Format::Txt, body.into());
    cleaner().clean(&mut doc);
    doc
}

/// Whether the cleaner took a line of `doc` as its author's signature.
fn signed(doc: &Document) -> bool {
    doc.removed.iter().any(|r| r.rule_id == SIGNATURE_RULE)
}

fn rule_ids(doc: &Document) -> Vec<&str> {
    doc.removed.iter().map(|r| r.rule_id.as_str()).collect()
}

const PARAGRAPH: &str = "Le ministère des Affaires étrangères rappelle que la Russie n'interviendra que si l'Arménie est directement menacée, selon un communiqué publié samedi.";
const PARAGRAPH_2: &str = "Une position assumée par Moscou qui tente, en vain, de calmer les hostilités par la diplomatie et refuse de prendre parti entre ses deux alliés.";
const PARAGRAPH_3: &str = "La présence de la Turquie aux côtés de l'Azerbaïdjan contribue également à pousser Moscou à la retenue dans ce dossier, estiment les diplomates.";

#[test]
fn glued_subscription_offer_is_cut_and_removed() {
    let doc = clean_txt(&format!(
        "Souscrivez à l'Offre Découverte : 2 semaines d'accès illimité et gratuit au Courrier de RussieJe souscris à l'Offre Découverte\n\n{PARAGRAPH}"
    ));
    assert_eq!(doc.text, PARAGRAPH);
    assert_eq!(
        rule_ids(&doc),
        vec!["fr.subscription.offer", "fr.subscription.offer"]
    );
}

#[test]
fn glued_newsletter_after_content_keeps_the_content() {
    let doc = clean_txt(&format!("{PARAGRAPH}Recevez notre newsletter chaque matin"));
    assert_eq!(doc.text, PARAGRAPH);
    assert_eq!(doc.removed[0].text, "Recevez notre newsletter chaque matin");
}

#[test]
fn a_sign_up_after_a_paragraphs_last_sentence_takes_only_itself() {
    // The space after the sentence end is no glue point; the messenger rule matches anywhere in
    // a line of up to 40 words and removed the paragraph with it.
    let paragraph = "По данным мэрии, теплоснабжение восстановят к вечеру 19 ноября. Горячая вода в домах появится не раньше выходных.";
    let call = "Подписывайтесь на наш канал в Telegram, чтобы первыми узнавать новости города";
    let doc = clean_txt(&format!("{PARAGRAPH}\n\n{paragraph} {call}"));
    assert_eq!(doc.text, format!("{PARAGRAPH}\n\n{paragraph}"));
    assert_eq!(rule_ids(&doc), vec!["generic.messenger_channel"]);
    // A one-sentence teaser is the call's own line.
    let teaser =
        "Get a look at the day ahead in markets with our Morning Brief newsletter. Sign up here.";
    let doc = clean_txt(&format!("{PARAGRAPH}\n\n{teaser}"));
    assert_eq!(doc.text, PARAGRAPH);
}

#[test]
fn a_brand_in_camel_case_at_the_line_start_is_no_glue_point() {
    let disclosure =
        "GearLab is reader-supported. If you click on our links, we may earn a commission.";
    let doc = clean_txt(&format!("{PARAGRAPH}\n\n{disclosure}\n\n{PARAGRAPH_2}"));
    assert_eq!(doc.text, format!("{PARAGRAPH}\n\n{PARAGRAPH_2}"));
    assert_eq!(rule_ids(&doc), vec!["en.affiliate_disclosure"]);
    assert_eq!(doc.removed[0].text, disclosure);
}

#[test]
fn a_subheading_over_a_lists_introduction_stays() {
    let doc = clean_txt(&format!(
        "Pressemitteilung\n\nRadschnellweg Nord: Bauarbeiten beginnen im März\n\n{PARAGRAPH}\n\nBauphasen und Verkehrsführung\n\nDie Arbeiten erfolgen in drei Phasen:\n\n• Phase 1: Hafenstraße bis Speicherweg, Vollsperrung der Hafenstraße.\n\n{PARAGRAPH_3}"
    ));
    assert!(
        doc.text.contains("\n\nBauphasen und Verkehrsführung\n\n"),
        "{}",
        doc.text
    );
    assert_eq!(rule_ids(&doc), vec!["generic.press_release_label"]);
}

#[test]
fn paywall_truncates_the_subscription_tail() {
    let doc = clean_txt(&format!(
        "{PARAGRAPH}\n\nIl vous reste 75% de l'article à consulter...\n\nSouscrivez à l'Offre Découverte :\n2 semaines d'accès illimité\n\nDéjà abonné ?\n\nSe connecter"
    ));
    assert_eq!(doc.text, PARAGRAPH);
    assert!(doc.is_truncated);
    assert_eq!(doc.truncated_by.as_deref(), Some("fr.paywall.remaining"));
}

#[test]
fn paywall_prompt_followed_by_prose_is_not_a_cut() {
    let doc = clean_txt(&format!(
        "{PARAGRAPH}\n\nCet article est réservé aux abonnés.\n\n{PARAGRAPH_2}\n\n{PARAGRAPH_3}"
    ));
    assert!(!doc.is_truncated);
    assert_eq!(
        doc.text,
        format!("{PARAGRAPH}\n\n{PARAGRAPH_2}\n\n{PARAGRAPH_3}")
    );
}

#[test]
fn read_also_block_with_links_is_removed_up_to_the_next_heading() {
    let mut doc = Document::new(
        "t.md".into(),
        String::new(),
        0,
        Format::Md,
        format!("{PARAGRAPH}\n\n### LIRE AUSSI :\n\n[Le Haut-Karabakh se vide](https://x.fr/a)\n\n[Comprendre le conflit](https://x.fr/b)\n\n### Camouflets diplomatiques\n\n{PARAGRAPH_2}"),
    );
    cleaner().clean(&mut doc);
    assert_eq!(
        doc.text,
        format!("{PARAGRAPH}\n\nCamouflets diplomatiques\n\n{PARAGRAPH_2}")
    );
    assert!(
        rule_ids(&doc)
            .iter()
            .filter(|r| **r == "fr.related_block")
            .count()
            == 3
    );
}

#[test]
fn caption_credit_is_stripped_and_duplicate_caption_removed() {
    let caption =
        "Les combats ne baissent pas en intensité dans la zone séparatiste du Haut-Karabakh.";
    let doc = clean_txt(&format!(
        "{caption}\n{caption} REUTERS/Stringer\n\n{PARAGRAPH}"
    ));
    assert_eq!(doc.text, format!("{caption}\n\n{PARAGRAPH}"));
    assert_eq!(
        rule_ids(&doc),
        vec!["generic.caption_credit_suffix", DUPLICATE_RULE]
    );
}

#[test]
fn a_run_of_timed_headlines_is_a_news_feed_a_tickers_entries_are_not() {
    let feed = "12:30 Во Владивостоке открылся пятый пункт выдачи проездных\n12:47 Порт Восточный увеличил перевалку угля на 9%\n13h02 — На трассе ограничили движение из-за снега";
    let doc = clean_txt(&format!("{PARAGRAPH}\n\n{PARAGRAPH_2}\n\n{feed}"));
    assert_eq!(doc.text, format!("{PARAGRAPH}\n\n{PARAGRAPH_2}"));
    assert!(rule_ids(&doc).iter().all(|r| *r == NEWS_FEED_RULE));
    // A live ticker's entries each head a paragraph; a section number is no time.
    let ticker = format!("21:14 Uhr – Wir beenden den Ticker\n{PARAGRAPH}\n20:48 Uhr – Warnung aufgehoben\n{PARAGRAPH_2}");
    let doc = clean_txt(&ticker);
    assert!(
        doc.text.contains("21:14 Uhr – Wir beenden den Ticker"),
        "{}",
        doc.text
    );
    let contents =
        "4.10 Wiesner's quantum money and its limits\n4.11 Quantum theory, formally stated here";
    let doc = clean_txt(&format!("{PARAGRAPH}\n\n{contents}\n\n{PARAGRAPH_2}"));
    assert!(!rule_ids(&doc).contains(&NEWS_FEED_RULE));
}

#[test]
fn names_alone_beside_a_stamp_at_the_top_are_a_byline() {
    let page = |byline: &str| -> Vec<WorkLine> {
        work_lines(&[
            "Wattwil: Gemeinderat stellt Sanierung des Hallenbads zurück",
            "Die Kosten sind auf 14,6 Millionen Franken gestiegen",
            byline,
            "12.03.2026, 16:40",
            PARAGRAPH,
            "A quick insight into the budget.",
            PARAGRAPH_2,
        ])
    };
    let mut lines = page("Claude Weyrich und Anne Schmit-Reding");
    remove_bare_bylines(&mut lines, 4);
    assert_eq!(lines[2].removed[0].rule_id, BARE_BYLINE_RULE);
    assert_eq!(lines[2].removed[0].field, Some(MetaField::Author));
    let mut lines = page("Iago Pereira (Pamplona) y Marta Lorenzo (Vigo)");
    remove_bare_bylines(&mut lines, 4);
    assert!(!lines[2].is_kept());
    // Words the page writes in lower case make a label, not a name.
    let mut lines = page("Quick Insight");
    remove_bare_bylines(&mut lines, 4);
    assert!(lines[2].is_kept());
    // A stamp can give the publication and the update on one line.
    let mut lines = page("Thomas Reuter et Sarah Weber");
    lines[3] =
        work_lines(&["Publié le 03.03.2026 à 07:15 · Modifié le 03.03.2026 à 11:40"]).remove(0);
    remove_bare_bylines(&mut lines, 4);
    assert!(!lines[2].is_kept());
    // Stamps are counted in tokens ("26/02/2026" is one), and a time can end in a full stop.
    for stamp in [
        "Publié le 26/02/2026 à 16h20, mis à jour le 26/02/2026 à 18h45",
        "Published: Monday, February 23, 2026, 6:30 p.m.",
    ] {
        let mut lines = page("Teiva Maraetefau");
        lines[3] = work_lines(&[stamp]).remove(0);
        remove_bare_bylines(&mut lines, 4);
        assert!(!lines[2].is_kept(), "{stamp}");
    }
}

#[test]
fn a_headline_the_finder_dropped_near_its_threshold_is_found_over_the_body() {
    let mut lines = work_lines(&[
        "Société",
        "Coupures d'eau à Yopougon : la SODEVA promet un retour à la normale « d'ici deux semaines »",
        "3 min de lecture",
        PARAGRAPH,
        PARAGRAPH_2,
    ]);
    for line in &mut lines[..3] {
        line.drop_all(MODEL_RULE, "model", None);
    }
    let stopwords = WordSet::default();
    let scores = |headline: f32| {
        vec![
            Some(0.02),
            Some(headline),
            Some(0.01),
            Some(0.99),
            Some(1.0),
        ]
    };
    assert_eq!(
        headline_above_body(&lines, 3, &scores(0.157), &stopwords),
        Some(1)
    );
    // One the finder was sure of is no headline.
    assert_eq!(
        headline_above_body(&lines, 3, &scores(0.03), &stopwords),
        None
    );
    // Nor one above a headline it kept.
    lines[2] =
        work_lines(&["Les habitants font la queue aux bornes-fontaines depuis trois semaines"])
            .remove(0);
    assert_eq!(
        headline_above_body(&lines, 3, &scores(0.157), &stopwords),
        Some(2)
    );
}

#[test]
fn a_photos_caption_is_no_headline_when_one_stands_above_it() {
    let mut lines = work_lines(&[
        "Incendie à Pontval : deux cents hectares brûlés, six maisons évacuées",
        "Vidéo",
        "Le reportage du journal de 19 heures",
        "Les flammes sur les collines au-dessus du village, mardi après-midi",
        "Photo : Jean Martin",
        PARAGRAPH,
        PARAGRAPH_2,
    ]);
    lines[1].drop_all("fr.listen", "listen", None);
    // A player's label the finder was sure of ends the block above a headline.
    lines[2].drop_all(MODEL_RULE, "model", None);
    lines[4].drop_all("generic.photo_credit", "credit", None);
    let stopwords = WordSet::default();
    let scores = vec![
        Some(0.6),
        None,
        Some(0.02),
        Some(0.9),
        None,
        Some(0.99),
        Some(1.0),
    ];
    assert_eq!(headline_above_body(&lines, 5, &scores, &stopwords), Some(0));
    // Alone over the body, the caption is what there is.
    lines[0].drop_all("generic.masthead", "menu", None);
    assert_eq!(headline_above_body(&lines, 5, &scores, &stopwords), Some(3));
}

#[test]
fn an_ads_text_under_its_label_is_no_headline() {
    let mut lines = work_lines(&[
        "Werbung",
        "Metzgerei Ketterer, Neustadt: Jetzt Grillpakete für Pfingsten vorbestellen!",
        "St. Märgen",
        "Hofladen-Automat am Rathausplatz: St. Märgen hat wieder einen Dorfladen",
        PARAGRAPH,
        PARAGRAPH_2,
    ]);
    lines[0].drop_all("de.ad_marker", "ad", None);
    lines[2].drop_all(MASTHEAD_RULE, "masthead", None);
    let scores = vec![None, Some(0.3), None, Some(0.8), Some(0.99), Some(1.0)];
    assert_eq!(
        headline_above_body(&lines, 4, &scores, &WordSet::default()),
        Some(3)
    );
    // Over a byline, a line under an ad's slot is the headline, not the caption under them.
    let mut lines = work_lines(&[
        "ADV",
        "Crociere, alla Spezia attesi 620mila passeggeri: il molo si allunga di 90 metri",
        "Marco Bertoni - 22 maggio 2025",
        "Una nave da crociera ormeggiata al molo Garibaldi, nel cuore della città",
        "Foto di Andrea Lupi",
        PARAGRAPH,
    ]);
    lines[0].drop_all("it.ad_marker", "ad", None);
    lines[2].drop_all("it.meta.byline", "byline", Some(MetaField::Author));
    lines[4].drop_all("it.caption_credit", "credit", None);
    let scores = vec![None, Some(0.6), None, Some(0.5), None, Some(0.99)];
    assert_eq!(
        headline_above_body(&lines, 5, &scores, &WordSet::default()),
        Some(1)
    );
}

#[test]
fn a_stripped_credit_leaves_the_captions_sentence_end() {
    assert_eq!(sentence_end_len(". REUTERS/Stringer"), 1);
    assert_eq!(sentence_end_len(") Foto: Jan Weber/dpa"), 1);
    assert_eq!(sentence_end_len("o. / JUAN GIL"), 2);
    assert_eq!(sentence_end_len(" (Foto ANSA)"), 0);
    assert_eq!(sentence_end_len("EFE/Juan Pérez"), 0);
}

#[test]
fn a_paywall_label_over_the_headline_cuts_nothing() {
    let doc = clean_txt(&format!(
        "Article réservé aux abonnés\n\nLe pont du Rhin fermé cinq mois pour travaux\n\nCamille Wendling\n\n3 commentaires\n\n{PARAGRAPH}\n\n{PARAGRAPH_2}\n\n{PARAGRAPH_3}"
    ));
    assert!(!doc.is_truncated);
    assert!(doc.text.contains(PARAGRAPH_3), "{}", doc.text);
}

#[test]
fn a_paragraph_broken_off_before_a_call_to_subscribe_is_a_cut() {
    let cut = "Selon le plan présenté jeudi, les travaux de dragage dureraient dix-huit mois et seraient suivis par des scientifiques indépendants chargés de mesurer la qualité de l'eau";
    let doc = clean_txt(&format!(
        "{PARAGRAPH}\n\n{PARAGRAPH_2}\n\n{cut}\n\nSouscrivez à l'offre numérique"
    ));
    assert!(doc.is_truncated);
    assert_eq!(doc.truncated_by.as_deref(), Some("fr.subscription.offer"));
    // A teaser's link after a full sentence is no cut.
    let teaser = format!("{PARAGRAPH_2} {PARAGRAPH_3} Lire plus");
    let doc = clean_txt(&format!(
        "{PARAGRAPH}\n\n{teaser}\n\nSouscrivez à l'offre numérique"
    ));
    assert!(!doc.is_truncated);
}

#[test]
fn a_paywall_glued_to_a_sentence_it_broke_off_takes_only_itself() {
    let cases = [
        ("Los ganaderos de la comarca reclaman ayudas directas antes del verano. Sin embargo, la Consejería todavía no ha fijado ni plazos ni", "Este artículo es exclusivo para suscriptores."),
        ("Die Reederei rechnet mit deutlich höheren Kosten für die Umwege. Für Fahrten in die östliche Ostsee sei der Umweg aber keine Alternative, weil er bis zu einem", "Sie haben 38 Prozent dieses Artikels gelesen."),
    ];
    for (kept, paywall) in cases {
        let doc = clean_txt(&format!("{PARAGRAPH}\n\n{PARAGRAPH_2}\n\n{kept} {paywall}"));
        assert!(doc.is_truncated, "{}", doc.text);
        assert!(doc.text.ends_with(kept), "{}", doc.text);
    }
    // A call's name is one call: the words before its capital go with it.
    let doc = clean_txt(&format!(
        "{PARAGRAPH}\n\n{PARAGRAPH_2} Inscrivez-vous à notre newsletter La Lettre du Matin."
    ));
    assert!(doc.text.ends_with(PARAGRAPH_2), "{}", doc.text);
}

#[test]
fn footer_and_signature() {
    let doc = clean_txt(&format!(
        "{PARAGRAPH}\n\nHadrien Valat\n\nSerge Tateossian 22/11/2023  Source : les echos"
    ));
    assert_eq!(doc.text, PARAGRAPH);
    let signature = doc
        .removed
        .iter()
        .find(|r| r.rule_id == SIGNATURE_RULE)
        .unwrap();
    assert_eq!(signature.text, "Hadrien Valat");
    assert_eq!(signature.field, Some(MetaField::Author));
}

#[test]
fn headings_and_short_real_lines_stay() {
    let body = format!("Une version minimaliste du défunt pacte de Varsovie\n\n{PARAGRAPH}\n\nEt après ?\n\n{PARAGRAPH_2}");
    let doc = clean_txt(&body);
    assert_eq!(doc.text, body);
    assert!(doc.removed.is_empty());
}

#[test]
fn repeated_title_split_over_two_lines_is_removed() {
    let doc = clean_txt(&format!(
        "Haut-Karabagh : le dilemme d’une intervention russe\n\nHaut-Karabagh\nLe dilemme d'une intervention russe\n\n{PARAGRAPH}"
    ));
    assert_eq!(
        doc.headline.as_deref(),
        Some("Haut-Karabagh : le dilemme d’une intervention russe")
    );
    assert_eq!(
        doc.text,
        format!("Haut-Karabagh : le dilemme d’une intervention russe\n\n{PARAGRAPH}")
    );
    assert_eq!(rule_ids(&doc), vec![TITLE_REPEAT_RULE, TITLE_REPEAT_RULE]);
}

#[test]
fn metadata_lines_carry_their_field() {
    let doc = clean_txt(&format!(
        "Publié le 22 nov. 2023 à 16:38Mis à jour le 22 nov. 2023 à 17:29\n\n{PARAGRAPH}"
    ));
    assert_eq!(doc.text, PARAGRAPH);
    let fields: Vec<_> = doc
        .removed
        .iter()
        .map(|r| (r.rule_id.as_str(), r.field))
        .collect();
    assert_eq!(
        fields,
        vec![
            ("fr.meta.published", Some(MetaField::Published)),
            ("fr.meta.updated", Some(MetaField::Updated))
        ]
    );
}

#[test]
fn person_names() {
    assert!(is_person_name("Hadrien Valat"));
    assert!(is_person_name("Anne-Sophie de La Tour"));
    assert!(!is_person_name("Boycott arménien"));
    assert!(!is_person_name("RFI"));
}

#[test]
fn masthead_labels_go_and_the_headline_stays() {
    let body = format!(
        "Le Courrier du Soir\nPolitique Économie Culture Sport Société\nInternational\nLa Russie refuse de prendre parti dans le conflit\n{PARAGRAPH}\nPar Jeanne Martin\n{PARAGRAPH_2}"
    );
    let doc = clean_txt(&body);
    assert_eq!(
        doc.text,
        format!("La Russie refuse de prendre parti dans le conflit\n{PARAGRAPH}\n\n{PARAGRAPH_2}")
    );
    assert_eq!(
        doc.headline.as_deref(),
        Some("La Russie refuse de prendre parti dans le conflit")
    );
    // The section menu flattened on one line is a menu's rule's; the rest the masthead pass's.
    assert!(rule_ids(&doc).iter().all(|r| *r == MASTHEAD_RULE
        || *r == "generic.flat_menu_sections"
        || r.starts_with("fr.meta")));
}

#[test]
fn a_subheading_after_the_lead_stays() {
    let body = format!("{PARAGRAPH}\nLe contexte\n{PARAGRAPH_2}");
    assert_eq!(clean_txt(&body).text, body);
}

#[test]
fn labels_between_removed_lines_go_with_them() {
    let doc = clean_txt(&format!(
        "{PARAGRAPH}\n{PARAGRAPH_2}\nSur le même sujet\n{PARAGRAPH_3}\nPublicité\nRugby Union\nPartager\n{PARAGRAPH}"
    ));
    assert!(!doc.text.contains("Rugby Union"));
    assert!(rule_ids(&doc).contains(&CONTEXT_RULE));
}

#[test]
fn lines_repeated_across_the_corpus_go_but_subheadings_stay() {
    let mut cleaner = cleaner();
    let config =
        Config::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("config/corpusmill.toml"))
            .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for i in 0..6 {
        let path = dir.path().join(format!("{i}.txt"));
        std::fs::write(
            &path,
            format!("Le Courrier du Soir\n{PARAGRAPH} {i}\nLe contexte\n{PARAGRAPH_2}\nLa séance a été levée à minuit.\nNos Partenaires"),
        )
        .unwrap();
        files.push(crate::read::InputFile {
            path,
            rel_path: format!("{i}.txt"),
            problem: None,
            path_warning: None,
        });
    }
    cleaner.set_line_stats(LineStats::count(files, &config.input, &config.clean));
    let mut doc = Document::new(
        "t.txt".into(),
        String::new(),
        0,
        Format::Txt,
        format!("{PARAGRAPH}\nLe contexte\n{PARAGRAPH_2}\nLa séance a été levée à minuit.\nNos Partenaires"),
    );
    cleaner.clean(&mut doc);
    // A repeated sentence is kept: syndicated copies of one article repeat their sentences.
    assert_eq!(
        doc.text,
        format!("{PARAGRAPH}\nLe contexte\n{PARAGRAPH_2}\nLa séance a été levée à minuit.")
    );
    assert_eq!(rule_ids(&doc), vec![REPEATED_RULE]);
}

#[test]
fn an_error_page_is_removed_whole() {
    let doc = clean_txt("Le Courrier du Soir\nPage introuvable\nLa page demandée n'existe pas.\nÀ la une\nUn titre d'article");
    assert_eq!(doc.text, "");
}

#[test]
fn a_read_also_block_stops_at_a_subheading_before_prose() {
    let doc = clean_txt(&format!(
        "{PARAGRAPH}\nLire aussi :\nLe Haut-Karabakh se vide et l'Arménie tremble\nUne médiation russe\n{PARAGRAPH_2}"
    ));
    assert_eq!(
        doc.text,
        format!("{PARAGRAPH}\n\nUne médiation russe\n{PARAGRAPH_2}")
    );
}

#[test]
fn score_lines_at_the_end_are_not_a_footer() {
    let body =
        format!("{PARAGRAPH}\nLes autres résultats :\nNantes – Lyon 2:1\nArbitre: Jean Dupont");
    assert_eq!(clean_txt(&body).text, body);
}

#[test]
fn boilerplate_glued_before_a_capital_is_cut() {
    let doc = clean_txt(&format!(
        "NewsletterRecevez chaque matin l'essentiel\n\n{PARAGRAPH}"
    ));
    assert_eq!(doc.text, PARAGRAPH);
}

#[test]
fn a_title_case_headline_with_a_kicker_or_a_comma_is_no_label() {
    assert!(is_phrased("Obituary: Professor Margaret Ellery, 1938–2025"));
    assert!(is_phrased(
        "Harlan Freight Shares Sink 14% After Trucker Slashes Outlook, Citing Freight Recession"
    ));
    assert!(!is_phrased("15:27, 9 SEP 2025 Updated 17:02, 9 SEP 2025"));
    assert!(!is_phrased(
        "EN VIVO: Porvenir de Merlo 0 - Unión Oeste 0 · 2T 34'"
    ));
    assert!(!is_phrased("Politik: Inland"));
    let headline = "Obituary: Professor Margaret Ellery, 1938–2025";
    let doc = clean_txt(&format!(
        "University of Kelbrook\nStudy | Research | About\nSearch the university\nHome / News / Obituaries\n{headline}\n{PARAGRAPH}\n{PARAGRAPH_2}"
    ));
    assert_eq!(doc.headline.as_deref(), Some(headline));
    assert!(doc.text.contains(headline), "{}", doc.text);
}

#[test]
fn a_language_switcher_first_on_the_page_is_no_title() {
    let headline = "Kota Bharu to begin water rationing as treatment plant output drops";
    let menu = "Malaysia\nPolitics\nMoney\nWorld\nSports\nTech\nShowbiz\nLifestyle\nVideos";
    let doc = clean_txt(&format!(
        "BM | EN | 中文\nThe Kelantan Post\n{menu}\nHome › Malaysia › Kelantan\n{headline}\n{PARAGRAPH}\n{PARAGRAPH_2}"
    ));
    assert_ne!(doc.headline.as_deref(), Some("中文"));
}

#[test]
fn a_breadcrumb_over_the_headline_ends_its_block() {
    let headline = "Geschafft! Unsere Frauen steigen in die Regionalliga auf";
    let sponsor = "Präsentiert von: Autohaus Kreller – Ihr Partner in Emmerfeld";
    let doc = clean_txt(&format!(
        "SV Grünweiß Emmerfeld\nVerein | Fußball | Handball | Jugend\n{sponsor}\nNews > Frauen\n{headline}\n{PARAGRAPH}\n{PARAGRAPH_2}"
    ));
    assert_eq!(doc.headline.as_deref(), Some(headline));
}

#[test]
fn a_two_sentence_headline_under_the_menu_is_the_headline() {
    assert!(is_two_sentence_headline(
        "Льготная ипотека закончилась. Пора честно поговорить о цене квадратного метра"
    ));
    assert!(!is_two_sentence_headline(
        "Des coupeurs dans une parcelle. Jean Dupont / AFP"
    ));
    assert!(!is_two_sentence_headline("Il est parti. Il reviendra."));
    let headline = "Eastfield deserves its tram line. The council's dithering is costing us more";
    let doc = clean_txt(&format!(
        "The Northern Courier\nSupport independent local journalism from £1 a week\nNews | Sport | Opinion | Business\n{headline}\n{PARAGRAPH}\n{PARAGRAPH_2}"
    ));
    assert_eq!(doc.headline.as_deref(), Some(headline));
}

#[test]
fn score_lines_under_the_lead_are_no_labels() {
    assert!(is_result_line("Ashbridge Rovers 2 (Okafor 34, 71)"));
    assert!(is_result_line("Eintracht Weserau – SC Lindenhof 3:1 (1:0)"));
    assert!(!is_result_line("Saturday 15 February 2025, 17:12"));
    assert!(!is_result_line("Jamie Corrigan"));
    assert!(is_result_line("Atlético Cuyano 2 - Sportivo Paraná 1"));
    assert!(is_result_line(
        "Marcatori: 23' Ferraro (A), 51' Quaglia (V)"
    ));
    assert!(!is_result_line(
        "Valencia / Madrid - 14 nov 2025 - 06:00 CET"
    ));
    let lead = "Daniel Okafor struck twice as Rovers came from behind to beat their rivals.";
    let scores = "Ashbridge Rovers 2 (Okafor 34, 71)\nMillhaven Town 1 (Barraclough 58)";
    let doc = clean_txt(&format!(
        "Rovers 2-1 Millhaven Town: Okafor double settles the derby\n{lead}\n{scores}\n{PARAGRAPH}\n{PARAGRAPH_2}"
    ));
    assert!(doc.text.contains(scores), "{}", doc.text);
}

#[test]
fn a_paywall_followed_by_readers_comments_is_a_cut() {
    let comments = "Comentarios (7)\nOcho años y a ver cuánto devuelve de verdad. Los socios a esperar sentados, como siempre en esta comarca.\nMi padre era socio de la cooperativa y nadie se atrevía a preguntar nada en las asambleas de entonces.";
    let doc = clean_txt(&format!(
        "{PARAGRAPH}\n\nEste contenido es exclusivo para suscriptores\n{comments}"
    ));
    assert!(doc.is_truncated);
    assert_eq!(doc.text, PARAGRAPH);
}

#[test]
fn a_camel_case_name_before_a_full_stop_is_no_glue_point() {
    let footer = "© 2024 MarketPulse. Content from Reuters is used under licence.";
    let doc = clean_txt(&format!("{PARAGRAPH}\n\n{footer}"));
    assert_eq!(doc.text, PARAGRAPH);
    let removed: Vec<&str> = doc.removed.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(removed, vec![footer]);
}

#[test]
fn a_short_headline_that_spells_the_front_matter_title_stays() {
    let cleaner = cleaner();
    let body =
        format!("Le Courrier du Soir\nGrève Générale\nAnalyse de la semaine sociale\n{PARAGRAPH}");
    let trace = cleaner.trace(&body, Format::Txt, Some("Grève générale"));
    let kept: Vec<&str> = trace
        .lines
        .iter()
        .map(|l| l.kept.as_str())
        .filter(|k| !k.is_empty())
        .collect();
    assert_eq!(
        kept,
        vec!["Grève Générale", "Analyse de la semaine sociale", PARAGRAPH]
    );
}

/// Every example line of every shipped rule, as a line of its own after a paragraph, is removed
/// or loses its boilerplate: an example that only "matches" somewhere in the line proves nothing.
/// The rule pass alone must remove it (or, for a strip rule, cut it), by that rule or one before
/// it, where it stands: other passes would hide a rule that must start the line and does not.
#[test]
fn shipped_examples_are_removed_as_lines_of_an_article() {
    let cleaner = cleaner();
    let mut kept = Vec::new();
    for (index, rule) in cleaner.rules.rules.iter().enumerate() {
        for example in &rule.examples {
            let body = format!("{PARAGRAPH}\n\n{example}\n");
            let mut doc = Document::new("t.txt".into(), String::new(), 0, Format::Txt, body);
            cleaner.clean(&mut doc);
            if doc.text.contains(example.trim()) {
                kept.push(format!("{}: {example:?}", rule.id));
            }
            // Page-top rules act on a page's first lines only, not after a paragraph.
            if rule.top_lines.is_some() {
                continue;
            }
            let verdict = cleaner.evaluate_line(example, count_words(example));
            let by_this_rule = verdict.removed.iter().any(|(r, _)| *r == index);
            let removed = !verdict.removed.is_empty()
                && (verdict.kept.is_empty() || rule.action == Action::Strip);
            if !by_this_rule && !removed {
                kept.push(format!("{} (rule pass): {example:?}", rule.id));
            }
        }
    }
    assert!(kept.is_empty(), "kept whole:\n{}", kept.join("\n"));
}

#[test]
fn wire_photo_credits_go_and_sentences_about_photos_stay() {
    let credit = "(Photo by Jane Doe/Getty Images)";
    let prose = "Photos by witnesses spread quickly online";
    let doc = clean_txt(&format!(
        "{PARAGRAPH}\n\n{credit}\n\n{prose}\n\n{PARAGRAPH_2}"
    ));
    assert_eq!(doc.text, format!("{PARAGRAPH}\n\n{prose}\n\n{PARAGRAPH_2}"));
    assert_eq!(rule_ids(&doc), vec!["generic.photo_by_credit"]);
}

const ZH_PARAGRAPH: &str = "市政府周二宣布，将在今年年底前完成全市老旧小区的电梯加装工作，预计惠及居民超过十万户。据介绍，部分小区的原有网站页面不存在无障碍设计，相关部门将同步进行改造。";
const AR_PARAGRAPH: &str = "أعلنت بلدية المدينة يوم الثلاثاء عن خطة لتوسيع شبكة الحافلات العامة لتشمل الأحياء الجديدة في الضواحي الشمالية قبل نهاية العام.";

/// Every Han letter is a word: a short Chinese line is within a rule's max_words, a paragraph
/// is not, so an `any` rule removes the one and keeps the other although both hold its phrase.
#[test]
fn chinese_lines_are_measured_in_letters() {
    let notice = "抱歉，您访问的页面不存在！";
    assert!(count_words(notice) <= 24 && count_words(ZH_PARAGRAPH) > 24);
    let doc = clean_txt(&format!("{ZH_PARAGRAPH}\n{notice}"));
    assert_eq!(doc.text, ZH_PARAGRAPH);
    assert_eq!(rule_ids(&doc), vec!["zh.error_page"]);
}

#[test]
fn boilerplate_glued_after_a_sentence_end_of_a_caseless_script_is_cut() {
    let doc = clean_txt(&format!("{ZH_PARAGRAPH}扫码关注公众号，获取更多资讯"));
    assert_eq!(doc.text, ZH_PARAGRAPH);
    assert_eq!(doc.removed[0].text, "扫码关注公众号，获取更多资讯");
    let doc = clean_txt(&format!("{AR_PARAGRAPH}تابعونا على تلغرام"));
    assert_eq!(doc.text, AR_PARAGRAPH);
}

/// A caption without final punctuation looks like a label in a script without case: between a
/// credit and a "read also" label it stays, since a rule already cut its own label from it.
#[test]
fn a_caption_whose_label_a_rule_stripped_is_not_sandwiched_boilerplate() {
    let caption = "زوار يتجولون بين أجنحة المعرض في يومه الأول";
    let doc = clean_txt(&format!(
        "{AR_PARAGRAPH}\nمصدر الصورة، Getty Images\nالتعليق على الصورة، {caption}\nاقرأ أيضا:\n{AR_PARAGRAPH}"
    ));
    assert_eq!(
        doc.text,
        format!("{AR_PARAGRAPH}\n\n{caption}\n\n{AR_PARAGRAPH}")
    );
}

#[test]
fn a_signature_is_the_name_right_after_the_article_not_a_footer_menu_entry() {
    let doc = clean_txt(&format!(
        "{PARAGRAPH}\n\n{PARAGRAPH_2}\n\nRecipes and guides\nMeal Prep\nCookie Choices"
    ));
    assert!(!signed(&doc));
    let doc = clean_txt(&format!("{PARAGRAPH}\n\n{PARAGRAPH_2}\n\nHadrien Valat"));
    assert!(signed(&doc));
}

#[test]
fn a_name_under_a_line_a_rule_removed_is_a_menu_entry_not_a_signature() {
    let doc = clean_txt(&format!(
        "{PARAGRAPH}\n\n{PARAGRAPH_2}\n\nShare this article\nRobert Cameron"
    ));
    assert!(!signed(&doc));
}

#[test]
fn a_menu_entry_made_of_the_pages_own_words_is_no_signature() {
    let article = "Members can change their privacy choices at any time from the account page.";
    let doc = clean_txt(&format!(
        "{PARAGRAPH}\n\n{article}\n\nCookie Choices\nTerms of use"
    ));
    assert!(!signed(&doc));
    // A name whose words the article never writes in lower case still signs it.
    let doc = clean_txt(&format!(
        "{PARAGRAPH}\n\n{article}\n\nHadrien Valat\nTerms of use"
    ));
    assert!(signed(&doc));
}

#[test]
fn a_stamp_left_by_a_strip_is_judged_again() {
    // The reading time goes by its strip rule; the date left over is the stamp it was glued to.
    let doc = clean_txt(&format!("March 4, 2025 20 min read\n\n{PARAGRAPH}"));
    assert_eq!(doc.text, PARAGRAPH);
    let fields: Vec<_> = doc
        .removed
        .iter()
        .map(|r| (r.rule_id.as_str(), r.text.as_str(), r.field))
        .collect();
    assert_eq!(
        fields,
        vec![
            ("en.reading_time_suffix", "20 min read", None),
            (
                "en.meta.date_line",
                "March 4, 2025",
                Some(MetaField::Published)
            )
        ]
    );
}

#[test]
fn a_byline_label_on_its_own_line_takes_the_name_under_it() {
    for (label, rule) in [
        ("By", "en.meta.byline"),
        ("Written by:", "en.meta.byline"),
        ("Author", "en.meta.author_label"),
        ("Par", "fr.meta.byline"),
    ] {
        let doc = clean_txt(&format!("{label}\n\nJoanna Okedara\n\n{PARAGRAPH}"));
        assert_eq!(doc.text, PARAGRAPH, "{label}");
        let removed: Vec<_> = doc
            .removed
            .iter()
            .map(|r| (r.rule_id.as_str(), r.text.as_str(), r.field))
            .collect();
        assert_eq!(
            removed,
            vec![
                (rule, label, None),
                (rule, "Joanna Okedara", Some(MetaField::Author))
            ],
            "{label}"
        );
    }
    // A line that is no name under the label is no byline.
    let doc = clean_txt(&format!("By\n\nthe numbers we have\n\n{PARAGRAPH}"));
    assert!(
        doc.text.starts_with("the numbers we have\n"),
        "{}",
        doc.text
    );
    assert!(doc.removed.iter().all(|r| r.field.is_none()));
}

#[test]
fn a_name_inside_a_long_footer_is_no_signature() {
    // Eight footer lines are looked at from the end: the first of them is a menu entry here,
    // with more menu above it, not a name right after the article.
    let menu = "Shop\nStores\nGift Cards\nPress Office\nHelp\nReturns\nTerms\nRecipes\nGuides";
    let doc = clean_txt(&format!(
        "{PARAGRAPH}\n\n{PARAGRAPH_2}\n\nAbout\nContact\n{menu}"
    ));
    assert!(!signed(&doc));
    let doc = clean_txt(&format!(
        "{PARAGRAPH}\n\n{PARAGRAPH_2}\n\nHadrien Valat\n{menu}"
    ));
    assert!(!signed(&doc));
    let doc = clean_txt(&format!(
        "{PARAGRAPH}\n\n{PARAGRAPH_2}\n\nHadrien Valat\nHelp\nTerms"
    ));
    assert!(signed(&doc));
}

#[test]
fn a_copy_of_the_page_title_loses_the_site_name() {
    let title = "The Ultimate Car Maintenance Checklist | Bridgestone Tires";
    let parts = crate::text::parts_between(title, &TITLE_SEPARATORS);
    assert_eq!(
        without_site(title, &parts),
        "The Ultimate Car Maintenance Checklist"
    );
    // A line that does not end in the site's name is kept whole.
    assert_eq!(
        without_site("Bridgestone Tires for winter", &parts),
        "Bridgestone Tires for winter"
    );
    // A dash inside a headline is no separator before a site when the title has one part.
    let one = ["Biden - Trump debate"];
    assert_eq!(
        without_site("Biden - Trump debate", &one),
        "Biden - Trump debate"
    );
    // A short page whose first line is "Headline | Site" gives the headline.
    let doc = clean_txt(&format!(
        "Vehicle rental news and reporting | WRAL\n\n{PARAGRAPH}"
    ));
    assert_eq!(
        doc.headline.as_deref(),
        Some("Vehicle rental news and reporting")
    );
}

#[test]
fn the_headline_copy_is_found_below_prose_the_menus_kept() {
    let blurb = "Drive promotional planning, better shelf placement, and disruptive innovation with AI workflows.";
    let blurb_2 =
        "Turn every consumer conversation into a product decision your retail partners will love.";
    let doc = clean_txt(&format!(
        "Rising tide of cyber risks in home appliances - IoT Insider\n\n{blurb}\n\n{blurb_2}\n\n\
         News\n\nRising tide of cyber risks in home appliances\n\nRahul Tyagi\n\n12 March 2025\n\n\
         {PARAGRAPH}\n\n{PARAGRAPH_2}"
    ));
    assert_eq!(
        doc.headline.as_deref(),
        Some("Rising tide of cyber risks in home appliances")
    );
    assert!(
        doc.header.iter().any(|l| l == "Rahul Tyagi"),
        "{:?}",
        doc.header
    );
}

#[test]
fn the_headline_is_the_one_over_the_article_not_a_banner_line() {
    // A page dump without a `<title>` line: consent banner, site name, menu and kicker come
    // first; the headline stands over the dek, the byline and the stamp.
    let doc = clean_txt(&format!(
        "Ihre Privatsphäre ist uns wichtig\nWir und unsere Partner verwenden Cookies, um Inhalte zu personalisieren.\nAlle akzeptieren\n\
         Einstellungen\nNeue Bundeszeitung\nPolitik\nWirtschaft\nKultur\nSport\nInland\n\
         Pflegereform: Warum Heimbewohner ab 2026 mehr zahlen sollen\n\
         Die Bundesregierung will die Pflegeversicherung mit neuen Zuschlägen stützen, Sozialverbände warnen vor den Folgen\n\
         Von Henrike Albers\nVeröffentlicht am 14.11.2024 | 06:45 Uhr\n\
         {PARAGRAPH}\n{PARAGRAPH_2}\n{PARAGRAPH_3}"
    ));
    assert_eq!(
        doc.headline.as_deref(),
        Some("Pflegereform: Warum Heimbewohner ab 2026 mehr zahlen sollen")
    );
    assert!(doc.removed.iter().any(|r| r.category == "cookie"));
}

#[test]
fn a_caption_keeps_its_text_when_its_photo_credit_goes() {
    let doc = clean_txt(&format!(
        "Les rues du centre de Vic-Fezensac submergées, mardi soir. © Radio Garonne - Julie Sarrat\n\n{PARAGRAPH}"
    ));
    assert!(doc
        .text
        .starts_with("Les rues du centre de Vic-Fezensac submergées, mardi soir"));
    assert!(!doc.text.contains('©'));
}

#[test]
fn a_slogan_over_the_menu_is_no_headline() {
    let doc = clean_txt(&format!(
        "Gazette du Val\nL'hebdo qui prend le temps depuis 1952\nPolitique | Société | Monde | Culture | Sport\n\
         Retraites : le Sénat adopte la réforme en première lecture\nPar Jeanne Martin\n\
         {PARAGRAPH}\n{PARAGRAPH_2}\n{PARAGRAPH_3}"
    ));
    assert_eq!(
        doc.headline.as_deref(),
        Some("Retraites : le Sénat adopte la réforme en première lecture")
    );
}

#[test]
fn a_readers_comment_goes_with_its_stamp_and_action_row() {
    let doc = clean_txt(&format!(
        "{PARAGRAPH}\n{PARAGRAPH_2}\n{PARAGRAPH_3}\nCommentaires (2)\nJipé26\nil y a 5 heures\n\
         Un an ferme pour avoir ruiné des personnes âgées, on marche sur la tête.\nRépondre · 12 J'aime\n\
         Martine.L\nil y a 3 heures\nMa voisine a reçu la visite du même genre d'individu l'an dernier.\nRépondre"
    ));
    assert_eq!(
        doc.text,
        format!("{PARAGRAPH}\n{PARAGRAPH_2}\n{PARAGRAPH_3}")
    );
    let comment_lines = doc
        .removed
        .iter()
        .filter(|r| r.rule_id == COMMENT_RULE)
        .count();
    assert_eq!(comment_lines, 4, "{:?}", rule_ids(&doc));
}

#[test]
fn a_ticker_over_the_page_is_no_title() {
    let doc = clean_txt(&format!(
        "NGX ASI 104,218.36 ▲ 0.42% | ATLTEL ₦248.10 ▲ 1.10% | LAGCEM ₦482.00 ▼ 1.22%\nNairaPulse\n\
         Markets\nBanking\nEconomy\nEnergy\nTech\nOpinion\nData\nSubscribe\nBanking | Analysis\n\
         Recapitalisation deadline: which Nigerian banks are still short\n\
         {PARAGRAPH}\n{PARAGRAPH_2}\n{PARAGRAPH_3}"
    ));
    assert_eq!(
        doc.headline.as_deref(),
        Some("Recapitalisation deadline: which Nigerian banks are still short")
    );
}

/// The raw text an `.ann` file describes: tag and TAB dropped, ⟦ ⟧ marks deleted.
fn raw_from_ann(ann: &str) -> String {
    let lines: Vec<String> = ann
        .lines()
        .map(|l| l.get(2..).unwrap_or("").replace(['⟦', '⟧'], ""))
        .collect();
    lines.join("\n")
}

#[test]
fn a_cookie_notice_first_on_the_page_is_no_page_title() {
    // A probe dump (our own writers'): the notice, its button, a masthead, a ticker, then the
    // article. The notice had been read as the page's `<title>`.
    let ann = include_str!("../../tests/data/probe/ru_u01_sklady.txt.ann");
    let doc = clean_txt(&raw_from_ann(ann));
    assert_eq!(
        doc.headline.as_deref(),
        Some("Ставки аренды складов в Подмосковье впервые за три года пошли вниз")
    );
}

#[test]
fn a_quotation_that_opens_a_paragraph_is_no_glue_point() {
    let quote = "\"Si logramos que el agua esté limpia, el ajolote vuelve solo. Lo que necesita es que lo dejemos en paz\", subrayó Campos.";
    let doc = clean_txt(&format!(
        "{PARAGRAPH}\n\n{quote} Recibe las noticias más importantes en nuestro canal de Telegram: t.me/enlacenoticias\n"
    ));
    assert!(doc.text.contains(quote), "{}", doc.text);
    assert!(!doc.text.contains("Telegram"), "{}", doc.text);
}

#[test]
fn a_score_line_under_the_headline_stays() {
    let score = "Atlético Cuyano 2 - Sportivo Paraná 1";
    let doc = clean_txt(&format!(
        "Cuyano da vuelta el partido y sueña con el ascenso
Por Facundo Olmedo · hace 3 horas
{score}

{PARAGRAPH}

{PARAGRAPH_2}"
    ));
    assert!(doc.text.contains(score), "{}", doc.text);
}

#[test]
fn a_banner_with_a_year_first_on_the_page_is_no_page_title() {
    // A probe dump (our own writers'): "2025 — Год благоустройства" over the masthead had given
    // its words as the title.
    let ann = include_str!("../../tests/data/probe/ru_u04_muzei_mosty.txt.ann");
    let doc = clean_txt(&raw_from_ann(ann));
    assert_eq!(
        doc.headline.as_deref(),
        Some("В Мостах после реставрации открылся краеведческий музей: три новых зала и коллекция ручников")
    );
}

#[test]
fn a_comment_section_under_the_article_goes_with_its_heading() {
    let comments = "Kommentare (3)\nHansjörg B., Balzers – vor 2 Std.\n\
        Endlich! Das Zollhaus hat es verdient. Aber bitte das Budget im Auge behalten.\n\
        Marlies K. – vor 3 Std.\n4,2 Millionen für ein Café? Ich unterschreibe das Referendum sofort.";
    let doc = clean_txt(&format!(
        "{PARAGRAPH}\n{PARAGRAPH_2}\n{PARAGRAPH_3}\n{comments}\n\nImpressum"
    ));
    assert!(doc
        .text
        .starts_with(&format!("{PARAGRAPH}\n{PARAGRAPH_2}\n{PARAGRAPH_3}")));
    assert!(!doc.text.contains("Zollhaus"), "{}", doc.text);
    // A comment count beside the byline heads no section: the article follows it.
    let doc = clean_txt(&format!(
        "Par Marie Dupont\n12 commentaires\n{PARAGRAPH}\n{PARAGRAPH_2}\n{PARAGRAPH_3}"
    ));
    assert!(doc.text.contains(PARAGRAPH_3), "{}", doc.text);
    // Nor does a subheading a comment rule knows, with the article's quotes under it.
    let quote = "« On n'a jamais lâché, ce groupe a un caractère incroyable », a confié l'entraîneur après le match.";
    let doc = clean_txt(&format!(
        "{PARAGRAPH}\n{PARAGRAPH_2}\n{PARAGRAPH_3}\nLes réactions\n{quote}"
    ));
    assert!(doc.text.contains(quote), "{}", doc.text);
}

#[test]
fn a_consent_banner_under_a_long_menu_is_removed() {
    let menu = "Lokales\nPenzberg\nBayern\nSport\nVereine\nVeranstaltungen\nTrauer\nePaper";
    let banner = "Wir und unsere Partner verarbeiten personenbezogene Daten, z. B. Ihre IP-Adresse, um Inhalte und Anzeigen zu personalisieren und Zugriffe zu analysieren.";
    let doc = clean_txt(&format!(
        "{menu}\n{banner}\nDrei Windräder im Staatsforst: Unterzell sagt Ja\n{PARAGRAPH}\n{PARAGRAPH_2}\n{PARAGRAPH_3}"
    ));
    assert!(
        doc.removed
            .iter()
            .any(|r| r.rule_id == "generic.consent_banner_top" && r.text == banner),
        "{:?}",
        rule_ids(&doc)
    );
}

#[test]
fn a_caption_under_the_byline_is_no_headline() {
    let paragraph = "Per chi coltiva grano duro in Puglia, Basilicata e Sicilia la domanda, a poche settimane dalla levata, è sempre la stessa: vendere sul mercato libero o firmare un contratto.";
    let doc = clean_txt(&format!(
        "Cereali\nOrtofrutta\nVite e vino\nOlivo\nZootecnia\nMercati\n\
         Grano duro, prezzi fermi a 330 euro: i contratti di filiera tornano a convenire\n\
         Con le quotazioni in stallo da sei mesi, i premi di produzione legati a qualità e proteine fanno la differenza\n\
         di Luca Ferrandi | 3 aprile 2026, 08:30\nTempo di lettura: 6 minuti\nSalva · Stampa · Condividi\n\n\
         Trebbiatura di grano duro nel Tavoliere, luglio 2025\n\n{paragraph}\n{PARAGRAPH}\n{PARAGRAPH_2}"
    ));
    assert_eq!(
        doc.headline.as_deref(),
        Some("Grano duro, prezzi fermi a 330 euro: i contratti di filiera tornano a convenire")
    );
}

#[test]
fn a_read_also_label_among_menu_items_takes_only_the_menu() {
    let doc = clean_txt(&format!(
        "Деловой курьер\nГлавное\nЭкономика\nФинансы\nБизнес\n\
         Молочный холдинг «Белая заимка» выйдет на рынок облигаций с займом на 4 млрд рублей\n\
         Деньги пойдут на строительство сырного завода в Новосибирской области\n\
         {PARAGRAPH}\n{PARAGRAPH_2}\n{PARAGRAPH_3}"
    ));
    assert!(doc.text.contains("Белая заимка"), "{:?}", rule_ids(&doc));
    assert!(!doc.text.contains("Финансы"), "{}", doc.text);
}

#[test]
fn a_chain_of_initials_or_a_final_capital_is_no_glue_point() {
    assert!(!is_glue_point(
        "Italia Sera S.p.A.",
        "Italia Sera S.p.".len()
    ));
    assert!(!is_glue_point(
        "Made in the U.S.A.",
        "Made in the U.S.".len()
    ));
    assert!(!is_glue_point(
        "© 2026 Etschverlag GmbH",
        "© 2026 Etschverlag Gmb".len()
    ));
    assert!(is_glue_point(
        "la fin du match.Recevez",
        "la fin du match.".len()
    ));
}

#[test]
fn a_market_ticker_first_on_the_page_is_no_page_title() {
    let headline =
        "Ferraresi Meccanica, ricavi semestrali a 412 milioni (+12%). Ordini record dalla Germania";
    let doc = clean_txt(&format!(
        "FTSE MIB 34.512 +0,42% | FTSE Italia All-Share 36.880 +0,39% | Spread BTP-Bund 108 | EUR/USD 1,0832\n\
         Gazzetta dei Mercati\nQuotidiano economico e finanziario\nAbbonati\nAccedi\nEconomia\nFinanza\n\
         Mercati\nImprese\nRisparmio\nLavoro\nImprese / Industria\n{headline}\n\
         Ebitda in crescita del 18%, confermata la guida per l'intero esercizio\n\
         di Alessandro Colombo e Paola Verri\n3 settembre 2025 | 07:00\n\n\
         {PARAGRAPH}\n\n{PARAGRAPH_2}\n\n{PARAGRAPH_3}"
    ));
    assert_eq!(doc.headline.as_deref(), Some(headline));
}

fn work_lines(texts: &[&str]) -> Vec<WorkLine> {
    texts
        .iter()
        .map(|text| {
            let plain = PlainLine {
                text: text.to_string(),
                heading: false,
                link_only: false,
                bullet: false,
            };
            WorkLine::new(plain, &WordSet::default())
        })
        .collect()
}

#[test]
fn the_page_title_over_its_headline_and_the_logo_between_them_go() {
    let headline = "Kin Fung Holdings seeks two-year extension on offshore bonds";
    let title = format!("{headline} | Harbour Ledger");
    let mut lines = work_lines(&[
        &title,
        "",
        "Harbour Ledger",
        "Markets",
        "Harbour Ledger",
        headline,
        PARAGRAPH,
    ]);
    remove_page_title_and_logo(&mut lines, 5);
    assert_eq!(lines[0].removed[0].rule_id, TITLE_REPEAT_RULE);
    assert_eq!(lines[2].removed[0].rule_id, MASTHEAD_RULE);
    assert_eq!(lines[4].removed[0].rule_id, MASTHEAD_RULE);
    // A menu item and the headline stay; a name under the headline is no logo.
    assert!(lines[3].is_kept() && lines[5].is_kept());
    // A first line that is the headline itself, without a site, stays.
    let mut lines = work_lines(&[headline, "Harbour Ledger", headline, PARAGRAPH]);
    remove_page_title_and_logo(&mut lines, 2);
    assert!(lines.iter().all(WorkLine::is_kept));
}

#[test]
fn a_poll_goes_with_its_vote_button() {
    let poll = [
        "Опрос",
        "Как вы оцениваете доступность медицинской помощи в районе?",
        "Хорошо",
        "Удовлетворительно",
        "Плохо",
        "Голосовать",
    ];
    let doc = clean_txt(&format!(
        "{PARAGRAPH}\n\n{PARAGRAPH_2}\n\n{}",
        poll.join("\n")
    ));
    assert_eq!(doc.text, format!("{PARAGRAPH}\n\n{PARAGRAPH_2}"));
    assert!(rule_ids(&doc).iter().all(|r| *r == "ru.poll_vote"));
    // A question in the article, then a line that is a button, is no poll: no answers between.
    let question = "Что будет с автобусами зимой, когда начнутся морозы?";
    let doc = clean_txt(&format!(
        "{PARAGRAPH}\n\n{question}\nГолосовать\n\n{PARAGRAPH_2}"
    ));
    assert!(doc.text.contains(question), "{}", doc.text);
}

#[test]
fn a_first_line_that_names_no_headline_is_no_title() {
    // Probe dumps (our own writers'): "Кыргызча | Русский | English" had given "Кыргызча" as
    // the title, and "Océan 974 — l'info péi en continu" (the footer spells "Océan 974" again)
    // "Océan 974".
    let pages = [
        (
            include_str!("../../tests/data/probe/ru_z03_too_ashuu_laviny.txt.ann"),
            "Трассу Бишкек — Ош закрыли на перевале Тоо-Ашуу из-за угрозы схода лавин",
        ),
        (
            include_str!("../../tests/data/probe/fr_z03_salazie_eboulis.txt.ann"),
            "Fortes pluies : Salazie coupé du reste de l'île après un éboulis sur la RD48",
        ),
    ];
    for (ann, headline) in pages {
        let doc = clean_txt(&raw_from_ann(ann));
        assert_eq!(doc.headline.as_deref(), Some(headline));
    }
}

#[test]
fn lines_the_finder_kept_under_the_copyright_line_are_the_footer() {
    // From a probe dump (`ru_z03`): an address and a disclaimer under "© 2009–2026 ИА «Эл-Тоо».
    // Все права защищены." had been kept.
    let mut lines = work_lines(&[
        PARAGRAPH,
        PARAGRAPH_2,
        "© 2009–2026 ИА «Эл-Тоо». Все права защищены.",
        "720040, Бишкек, ул. Киевская, 96 · Реклама на сайте: +996 312 61 40 27",
        "Редакция не несёт ответственности за содержание рекламных материалов.",
    ]);
    lines[2].drop_all("generic.copyright", "copyright", None);
    let scores = [Some(0.99), Some(0.98), Some(0.01), Some(0.3), Some(0.4)];
    remove_below_copyright(&mut lines, &scores);
    assert!(lines[..2].iter().all(WorkLine::is_kept));
    for line in &lines[3..] {
        assert_eq!(line.removed[0].rule_id, BELOW_COPYRIGHT_RULE);
    }
    // Lines the finder is sure of stay: the copyright line was a quoted one in the article.
    let mut lines = work_lines(&[PARAGRAPH, "© Эл-Тоо. Все права защищены.", PARAGRAPH_3]);
    lines[1].drop_all("generic.copyright", "copyright", None);
    remove_below_copyright(&mut lines, &[Some(0.99), Some(0.01), Some(0.97)]);
    assert!(lines[2].is_kept());
}

#[test]
fn an_author_box_goes_with_its_bios() {
    // Bios no rule reads on their own: the box's heading takes them.
    let bio = "Deniz Arslan kam 2021 zum Kiezblatt und mag Verkehrsthemen im Bezirk.";
    let bio_2 = "Paula Rehfeld lernt das Handwerk beim Kiezblatt und lebt in Friedrichsfelde.";
    let doc = clean_txt(&format!(
        "{PARAGRAPH}\n\n{PARAGRAPH_2}\n\n{PARAGRAPH_3}\n\nÜber die Autor:innen\n{bio}\n{bio_2}\n\nDiese Woche im Bezirk"
    ));
    assert!(!doc.text.contains("Deniz"), "{}", doc.text);
    assert_eq!(
        rule_ids(&doc)
            .iter()
            .filter(|r| **r == AUTHOR_BOX_RULE)
            .count(),
        2
    );
    // The box ends after four lines, even without a blank line under it.
    let doc = clean_txt(&format!(
        "{PARAGRAPH}\n\n{PARAGRAPH_2}\n\nÜber die Autor:innen\n{bio}\n{bio_2}\n{bio}\n{bio_2}\n{PARAGRAPH_3}"
    ));
    let box_lines = rule_ids(&doc)
        .iter()
        .filter(|r| **r == AUTHOR_BOX_RULE)
        .count();
    assert_eq!(box_lines, AUTHOR_BOX_MAX_LINES);
}

#[test]
fn the_footer_copy_of_the_site_name_is_the_masthead() {
    // A probe dump: "The Rock Courier" under the article had been kept; the one over it is the
    // masthead.
    let ann = include_str!("../../tests/data/probe/en_z05_eastern_beach.txt.ann");
    let doc = clean_txt(&raw_from_ann(ann));
    assert!(!doc.text.contains("The Rock Courier"), "{}", doc.text);
}

#[test]
fn a_headline_can_end_in_a_time_of_day() {
    assert!(!ends_like_a_clause(
        "Deslizamiento mantiene cerrada la ruta 32: MOPT habilitará paso regulado desde las 5 a. m."
    ));
    assert!(!ends_like_a_clause("Storm warning lifted at 6 p.m."));
    assert!(ends_like_a_clause("The road reopened at noon."));
    assert!(ends_like_a_clause("Read more:"));
}

#[test]
fn a_name_the_finder_dropped_under_the_last_paragraph_is_a_signature() {
    let page = |after: &str| {
        let mut lines = work_lines(&[PARAGRAPH, PARAGRAPH_2, "", "Mirta Bassi", after]);
        lines[3].drop_all(MODEL_RULE, "model", None);
        lines[4].drop_all("generic.link_list_line", "share", None);
        lines
    };
    let scores = [Some(0.99), Some(0.97), None, Some(0.05), Some(0.02)];
    let mut lines = page("Condividi: E-mail · Facebook · Stampa");
    sign_dropped_name_after_body(&mut lines, &scores);
    assert_eq!(lines[3].removed.len(), 1);
    assert_eq!(lines[3].removed[0].rule_id, SIGNATURE_RULE);
    assert_eq!(lines[3].removed[0].field, Some(MetaField::Author));
    // Among other lines the finder dropped, a name-like line is a menu's ("Agenda Center").
    let mut lines = page("Agenda Center");
    lines[4].removed[0].rule_id = MODEL_RULE.to_string();
    sign_dropped_name_after_body(&mut lines, &scores);
    assert_eq!(lines[3].removed[0].rule_id, MODEL_RULE);
    // A label the page writes in lower case is no name.
    let mut lines = page("Condividi: E-mail · Facebook · Stampa");
    lines[1] =
        work_lines(&["Il sindaco ha detto che mirta e bassi sono parole del dialetto locale."])
            .remove(0);
    sign_dropped_name_after_body(&mut lines, &scores);
    assert_eq!(lines[3].removed[0].rule_id, MODEL_RULE);
}

#[test]
fn a_bylines_name_comes_before_its_outlet_or_place() {
    assert_eq!(
        byline_names("Priya Raman · Lakeshore 11 News"),
        Some("Priya Raman")
    );
    assert_eq!(
        byline_names("Ana Lucía Torres Ibarra / AIC"),
        Some("Ana Lucía Torres Ibarra")
    );
    assert_eq!(
        byline_names("Anna Kolesnikova, Pavel Zharov"),
        Some("Anna Kolesnikova, Pavel Zharov")
    );
    // A sentence after the name is no outlet.
    assert_eq!(
        byline_names("Anna Kolesnikova, who ran the bakery for years."),
        None
    );
}

#[test]
fn a_call_after_an_emoji_or_inverted_mark_is_a_glue_point() {
    let paragraph = "La presa La Boca, en Santiago, se encuentra prácticamente llena.";
    let call =
        "📲 ¡Únete a nuestro canal de Telegram y entérate primero de lo que pasa en Nuevo León!";
    let doc = clean_txt(&format!("{PARAGRAPH}\n\n{paragraph}{call}"));
    assert_eq!(doc.text, format!("{PARAGRAPH}\n\n{paragraph}"));
    assert_eq!(rule_ids(&doc), vec!["generic.messenger_channel"]);
}

#[test]
fn a_call_after_a_long_paragraph_takes_only_itself() {
    // The paragraph and the call make more words than the messenger rule reads on a line.
    let paragraph = "Le coût du nouveau navire, capable de transporter 450 passagers et 32 véhicules, s'élève à 11,7 millions d'euros, financés en partie par des fonds européens. Un second amphidrome doit être commandé d'ici la fin de l'année, a confirmé le Département.";
    let call = "📲 Suivez Kaskazi Infos sur WhatsApp et recevez nos alertes en direct";
    let doc = clean_txt(&format!("{PARAGRAPH}\n\n{paragraph} {call}"));
    assert_eq!(doc.text, format!("{PARAGRAPH}\n\n{paragraph}"));
    assert_eq!(rule_ids(&doc), vec!["generic.messenger_channel"]);
}

#[test]
fn a_paywall_where_a_paragraph_breaks_off_mid_sentence_cuts_it() {
    let cut = "La Alcaldía sostiene que ofrecerá a las familias la opción de reasentamiento en un proyecto de vivienda en el mismo sector, pero los líderes aseguran que no conocen ni el lote ni";
    let doc = clean_txt(&format!(
        "{PARAGRAPH}\n\n{PARAGRAPH_2}\n\n{cut} Este contenido es exclusivo para suscriptores\n\nSuscribirme"
    ));
    assert!(doc.is_truncated);
    assert!(doc.text.ends_with(cut), "{}", doc.text);
}

#[test]
fn a_paywalls_words_below_the_articles_end_cut_nothing() {
    let doc = clean_txt(&format!(
        "{PARAGRAPH}\n\n{PARAGRAPH_2}\n\n{PARAGRAPH_3}\n\nTe puede interesar\nNuevo carril bici en la avenida de Salamanca: las obras empiezan en mayo\nLa Junta licita la reforma del colegio público de Las Delicias\nQué ver en Valladolid este fin de semana\n\nTemas\nValladolid\nUrbanismo\n\nComentarios\n\nEsta funcionalidad es exclusiva para suscriptores."
    ));
    assert!(!doc.is_truncated, "{:?}", doc.truncated_by);
}

#[test]
fn the_articles_tags_after_a_paywall_end_what_it_cut() {
    let doc = clean_txt(&format!(
        "{PARAGRAPH}\n\n{PARAGRAPH_2}\n\nEste contenido es exclusivo para suscriptores\n\nTemas relacionados\nMetrocable\nComuna 8\n\nCatalina Restrepo Vélez\nPeriodista de la sección Medellín. Cubre movilidad, urbanismo y asuntos de las comunas del oriente de la ciudad.\nEscribe sobre transporte público desde 2015 y antes trabajó en la radio regional del departamento."
    ));
    assert!(doc.is_truncated);
}

#[test]
fn a_subheading_of_six_words_ends_a_read_also_block() {
    let doc = clean_txt(&format!(
        "{PARAGRAPH}\n\nLire aussi\nSikasso : les vergers de mangues menacés par la mouche des fruits\nL'État promet de maintenir la subvention\n{PARAGRAPH_2}"
    ));
    assert!(
        doc.text
            .contains("L'État promet de maintenir la subvention"),
        "{}",
        doc.text
    );
    assert!(!doc.text.contains("Sikasso"));
}

#[test]
fn a_lists_item_the_finder_dropped_stays_with_the_list() {
    let mut lines = work_lines(&[
        PARAGRAPH,
        "Coût : 3,8 millions",
        "Durée : 14 semaines",
        "Panne moyenne : 4,5 heures",
        "Publicité",
    ]);
    for line in &mut lines[1..4] {
        line.plain.bullet = true;
    }
    lines[3].drop_all(MODEL_RULE, "model", None);
    lines[4].drop_all("fr.ad_marker", "ad", None);
    keep_whole_lists(&mut lines);
    assert!(lines[3].is_kept());
    assert!(!lines[4].is_kept());
}

#[test]
fn short_lines_the_finder_kept_inside_a_dropped_menu_go_with_it() {
    let texts = [
        PARAGRAPH,
        "Quick service",
        "Bakery",
        "Cafe",
        "Food truck",
        "Two short lines between kept ones",
        PARAGRAPH_2,
        "Order management",
        "Subheading of the article",
        PARAGRAPH,
    ];
    let mut lines = work_lines(&texts);
    let scores: Vec<Option<f32>> = vec![Some(0.9); texts.len()];
    for i in [1, 4, 7] {
        lines[i].drop_all(MODEL_RULE, "model", None);
    }
    drop_strays_among_dropped(&mut lines, &scores);
    let kept: Vec<bool> = lines.iter().map(WorkLine::is_kept).collect();
    // The two items between "Quick service" and "Food truck" go, scored as the finder scored
    // them; a short line beside a kept paragraph stays.
    assert_eq!(
        kept,
        [true, false, false, false, false, true, true, false, true, true]
    );
    assert_eq!(lines[2].removed[0].rule_id, MODEL_RULE);
    assert_eq!(lines[2].removed[0].score, Some(0.9));
    // A sentence between dropped lines stays.
    let mut lines = work_lines(&["Menu", "The council met on Tuesday.", "Contact"]);
    for i in [0, 2] {
        lines[i].drop_all(MODEL_RULE, "model", None);
    }
    drop_strays_among_dropped(&mut lines, &[Some(0.9); 3]);
    assert!(lines[1].is_kept());
}

#[test]
fn short_lines_above_the_page_headline_go_and_sentences_stay() {
    let mut lines = work_lines(&[
        "Bakery",
        "Industry Insights",
        "Our newsletter brings the best of the week to your inbox every Friday morning.",
        "10 Trends in catering to look for in 2025",
        "Menu ideas",
        PARAGRAPH,
    ]);
    remove_above_headline(&mut lines, 3);
    let kept: Vec<bool> = lines.iter().map(WorkLine::is_kept).collect();
    assert_eq!(kept, [false, false, true, true, true, true]);
    assert_eq!(lines[1].removed[0].rule_id, ABOVE_HEADLINE_RULE);
}

#[test]
fn the_paragraph_a_paywall_broke_off_stays() {
    let mut lines = work_lines(&[
        "Report any sighting as soon as possible to wildlife authorities",
        "Local councillor Jake Herden said residents had been asking for better signage along the beachfront for months, and that council had",
        "Subscribe to continue reading",
        "$1 a week for the first 12 weeks",
    ]);
    lines[0].drop_all(MODEL_RULE, "model", None);
    lines[1].drop_all(MODEL_RULE, "model", None);
    for line in &mut lines[2..] {
        line.drop_all("en.paywall", "paywall", None);
    }
    keep_paragraph_cut_by(&mut lines, "en.paywall");
    assert!(lines[1].is_kept());
    // A short line over the cut is no broken-off paragraph.
    assert!(!lines[0].is_kept());
}

#[test]
fn a_cut_paragraph_over_a_button_and_an_offer_is_truncated() {
    let mut lines = work_lines(&[
        "Traders on the high street said footfall had only just recovered to the levels seen before the pandemic and that a long stoppage would hit the shops and cafés that",
        "Continue reading",
        "Get full access to the Courier from just £1 for your first month.",
    ]);
    lines[1].drop_all(MODEL_RULE, "model", None);
    lines[2].drop_all("en.subscription", "subscription", None);
    assert_eq!(cut_mid_sentence(&lines).as_deref(), Some("en.subscription"));
}

#[test]
fn a_headline_over_its_dek_and_stamp_ends_a_tickers_block() {
    let headline = "Strand rock pool closed after 3.8m crocodile spotted metres from swimmers";
    let doc = clean_txt(&format!(
        "Breaking\nHighway reopens north of the city after truck rollover\nLocal News\nExclusive\n\
         {headline}\n\
         A large saltwater crocodile has forced the closure of one of Townsville's most popular swimming spots, with wildlife officers setting a trap just off the beach.\n\
         Tayla Brennan\nUpdated February 20, 2025 - 5:47PM AEST\nShare\nSave article\nText size\n0:00 / 1:32\n\
         Video: Crocodile spotted off The Strand\nWatch more\n{PARAGRAPH}\n{PARAGRAPH_2}"
    ));
    assert!(doc.text.starts_with(headline), "{}", doc.text);
}

/// The lines of a page dump with a long header: `first`, ten menu items, then `below`.
fn page_under(first: &str, below: &[&str]) -> Vec<WorkLine> {
    let mut texts = vec![first];
    texts.extend([
        "Vai al contenuto",
        "Abbonati",
        "Cronaca",
        "Politica",
        "Economia",
        "Sport",
        "Cultura",
        "Provincia",
        "Meteo",
        "Necrologie",
    ]);
    texts.extend(below);
    work_lines(&texts)
}

#[test]
fn a_weather_bar_first_on_the_page_is_no_title() {
    let lines = page_under(
        "Trento 4° nuvoloso · Rovereto 6° · Riva del Garda 9° · Passo Rolle -7°",
        &[PARAGRAPH, PARAGRAPH_2],
    );
    assert_eq!(page_title_headline(&lines, 10), None);
}

#[test]
fn a_page_titles_kicker_the_heading_leaves_out() {
    // The second: a blog's name before a colon, without a site's part after the title.
    for (title, headline) in [
        (
            "Horlogerie : Vauclair & Fils supprime 85 postes à La Chaux-de-Fonds | L'Écho des Trois-Lacs",
            "Vauclair & Fils supprime 85 postes à La Chaux-de-Fonds",
        ),
        ("Garnix Blog: Hardware-Attested Nix Builds", "Hardware-Attested Nix Builds"),
    ] {
        let lines = page_under(title, &[headline, PARAGRAPH, PARAGRAPH_2]);
        assert_eq!(
            page_title_headline(&lines, 10),
            Some((Some(11), headline.to_string())),
            "{title}"
        );
    }
}

/// A link to all the news closes the list above it: the breadcrumb and the headline below are
/// the article's.
#[test]
fn a_link_to_all_the_news_ends_the_list_above_it() {
    let doc = clean_txt(
        "ЛЕНТА НОВОСТЕЙ\n13:40 В Анапе открыли после ремонта набережную\n12:58 На трассе М-4 ограничат движение\nВсе новости\nУборка озимого ячменя на Кубани стартует на неделю раньше обычного\n05.06.2024 13:47\nАграрии Кубани начнут уборку озимого ячменя на неделю раньше обычного срока, сообщили в краевом министерстве сельского хозяйства во вторник.\n",
    );
    assert!(doc
        .text
        .contains("Уборка озимого ячменя на Кубани стартует"));
    assert!(!doc.text.contains("Все новости"));
    assert!(!doc.text.contains("В Анапе"));
}

#[test]
fn a_host_name_beside_a_name_is_a_masthead_not_a_title() {
    use crate::text::is_domain_name;
    assert!(is_domain_name("etn.it"));
    assert!(is_domain_name("www.lavoz.com.ar"));
    assert!(!is_domain_name("Etschtaler Nachrichten"));
    assert!(!is_domain_name("3.5"));
    assert!(!is_domain_name("Ende."));
    let body = format!(
        "etn.it – Etschtaler Nachrichten\nSüdtirol\nItalien\nWelt\nChronik\nPolitik\nMure verschüttet Vinschgauer Staatsstraße bei Laas\n{PARAGRAPH}\n{PARAGRAPH_2}\n{PARAGRAPH_3}"
    );
    let doc = clean_txt(&body);
    assert_ne!(doc.headline.as_deref(), Some("Etschtaler Nachrichten"));
}

#[test]
fn a_label_before_a_list_of_names_is_no_headline() {
    assert!(lists_names_after_label(
        "Weather Warnings: Status Orange Wind – Galway, Mayo, Clare, Kerry, Sligo, Donegal"
    ));
    assert!(!lists_names_after_label(
        "Storm hits Galway, Mayo and Clare as warnings are raised"
    ));
    assert!(!lists_names_after_label(
        "Prices, wages, rents, fares and taxes: what changes on Monday, and for whom"
    ));
}

#[test]
fn section_names_on_one_line_end_the_block_over_the_headline() {
    let lines = work_lines(&[
        "Ireland World Business Politics Regional Health Environment Investigates",
        "Status Orange wind warning for six counties as Storm Fionnuala approaches",
        PARAGRAPH,
    ]);
    let scores = vec![Some(0.3), Some(0.6), Some(0.99)];
    assert_eq!(
        headline_above_body(&lines, 2, &scores, &WordSet::default()),
        Some(1)
    );
}

#[test]
fn a_paragraph_that_introduces_a_list_ends_a_read_also_block() {
    assert!(introduces_a_list(
        "С 1 апреля мэрия меняет схему движения общественного транспорта:"
    ));
    assert!(!introduces_a_list("Lire aussi :"));
    let body = format!(
        "{PARAGRAPH}\nПо теме: Коммунальный мост открыли после трех лет ремонта — что изменилось\nКак изменятся маршруты\nС 1 апреля мэрия меняет схему движения общественного транспорта:\nавтобусы № 8 и 36 пойдут через Октябрьский мост;\n{PARAGRAPH_2}"
    );
    let doc = clean_txt(&body);
    assert!(doc.text.contains("Как изменятся маршруты"), "{}", doc.text);
    assert!(!doc.text.contains("По теме"));
}

#[test]
fn a_players_controls_between_the_headline_and_the_article_are_passed_over() {
    let mut texts = vec!["Huge blaze rips through historic market hall as traders look on"];
    texts.extend(["Click to play"; 14]);
    texts.push(PARAGRAPH);
    let mut lines = work_lines(&texts);
    for line in &mut lines[1..15] {
        line.drop_all("generic.player_control", "listen", None);
    }
    let scores = vec![Some(0.6); lines.len()];
    assert_eq!(
        headline_above_body(&lines, 15, &scores, &WordSet::default()),
        Some(0)
    );
}

#[test]
fn a_sentence_starts_after_a_closing_quote() {
    let line = r#"He'd rebuild pots. "What else? The ocean doesn't care." Get stories like this"#;
    let starts: Vec<&str> = sentence_starts(line).map(|i| &line[i..i + 3]).collect();
    assert_eq!(starts, vec!["The", "Get"]);
}

#[test]
fn a_feed_of_timed_items_ends_at_a_line_without_a_time() {
    assert!(starts_with_a_time(
        "15h40 · Vigilance fortes pluies levée pour Maré"
    ));
    assert!(starts_with_a_time(
        "Вчера, 18:40 В Татарстане выберут подрядчика"
    ));
    assert!(!starts_with_a_time(
        "Cyclone Jasmine : la Province Nord en pré-alerte"
    ));
    let body = format!(
        "EN CONTINU\n15h40 · Vigilance fortes pluies levée pour Maré et Lifou\n14h12 · RPN 3 : un éboulement signalé entre Houaïlou et Kouaoua\nCyclone Jasmine : la Province Nord en pré-alerte, les écoles de Koné fermées jeudi\n{PARAGRAPH}\n{PARAGRAPH_2}"
    );
    let doc = clean_txt(&body);
    assert!(doc.text.starts_with("Cyclone Jasmine"), "{}", doc.text);
}

#[test]
fn a_list_of_headlines_ends_at_the_articles_header() {
    // Headline, dek and stamp under a ticker: the list ran on through all of them.
    let headline =
        "Ospedale di Rossano, il pronto soccorso resta aperto ma per tre mesi lavorerà a metà";
    let doc = clean_txt(&format!(
        "Ultim'ora\nCrotone, sequestrati 300 chili di pesce non tracciato al porto\nGizzeria, al via i lavori sul lungomare della città\nHome Cronaca Rossano\n{headline}\nPubblicato: 22 Febbraio 2024 | 13:05\n{PARAGRAPH}\n{PARAGRAPH_2}\n{PARAGRAPH_3}"
    ));
    assert_eq!(doc.headline.as_deref(), Some(headline));
    assert!(!doc.text.contains("Crotone"), "{}", doc.text);
    // A list whose items carry their own dates, with no paragraph under them, stays one list.
    let doc = clean_txt(&format!(
        "{PARAGRAPH}\n{PARAGRAPH_2}\nLire aussi\nLe Haut-Karabakh se vide de ses habitants arméniens\nPublié le 3 octobre 2023\nErevan accuse Bakou de nettoyage ethnique au Karabakh\nPublié le 2 octobre 2023"
    ));
    assert_eq!(doc.text, format!("{PARAGRAPH}\n{PARAGRAPH_2}"));
}

#[test]
fn a_glue_point_inside_a_dotted_name_gives_way_to_the_calls_sentence() {
    let paragraph = "Если работы на мосту затянутся хотя бы на месяц, мы получим пробки до самой площади Маркса, — сказал он «Обь.Инфо».";
    let call =
        "Подписывайтесь на «Обь.Инфо» в Telegram — новости города там появляются раньше всех";
    let doc = clean_txt(&format!("{PARAGRAPH}\n\n{paragraph} {call}"));
    assert_eq!(doc.text, format!("{PARAGRAPH}\n\n{paragraph}"));
    assert_eq!(doc.removed.last().map(|r| r.text.as_str()), Some(call));
}

#[test]
fn an_author_box_over_its_link_goes() {
    let doc = clean_txt(&format!(
        "{PARAGRAPH}\n{PARAGRAPH_2}\n{PARAGRAPH_3}\nНашли ошибку? Выделите текст и нажмите Ctrl+Enter\nПоделиться в соцсетях: ВКонтакте · Одноклассники · Telegram\nОльга Смирнова\nКорреспондент отдела «Общество»\nПишет о туризме, экологии и жизни курортов побережья\nВсе материалы автора →\nТеги: Куршская коса, туризм, нацпарк"
    ));
    assert_eq!(
        doc.text,
        format!("{PARAGRAPH}\n{PARAGRAPH_2}\n{PARAGRAPH_3}")
    );
}

#[test]
fn a_bio_under_its_writers_name_goes_and_names_the_author() {
    let body = "Testing gear can be fun, but the real joy is when it fades into the background and lets you focus on the show.\nI hope this guide helps you pick the right microphone for your first season, whatever your budget is.";
    let bio = "Alban Brooke\nAlban Brooke is the Head of Marketing at Buzzsprout and the co-host of Buzzcast. He has recorded over 500 podcast episodes.";
    let doc = clean_txt(&format!("{body}\n{bio}\nFAQs"));
    assert!(!doc.text.contains("Alban"), "{}", doc.text);
    let name = doc
        .removed
        .iter()
        .find(|r| r.text == "Alban Brooke")
        .unwrap();
    assert_eq!(
        (name.rule_id.as_str(), name.field),
        (AUTHOR_BIO_RULE, Some(MetaField::Author))
    );
    // A bio may call the writer by the first name.
    let by_first_name = "Lina Jameela\nLina is a content writer with a passion for reading and writing. She covers email marketing tools.";
    let doc = clean_txt(&format!("{body}\n{by_first_name}\nFAQs"));
    assert!(!doc.text.contains("Lina"), "{}", doc.text);
    // A product's description speaks of no "he" or "she"; a person the article speaks of in
    // another paragraph is its subject.
    let product = "Power BI\nPower BI is a business analytics tool that connects to hundreds of data sources and builds reports in minutes.";
    let subject = format!("{bio}\nAlban Brooke started the show in a spare room with a borrowed microphone and two friends from college.");
    for kept in [product.to_string(), subject] {
        let doc = clean_txt(&format!("{body}\n{kept}"));
        assert!(doc.text.contains(&kept), "{}", doc.text);
    }
}

#[test]
fn a_subheading_over_its_list_ends_a_related_list() {
    // Over a short line that introduces bulleted items, and over dashed items.
    let cases = [
        ("Lesen Sie auch\nWeserbrücke: Baustart verschiebt sich erneut\nHemmstraße: Anwohner wehren sich gegen Wegfall von Parkplätzen",
         "Was Pendler jetzt wissen müssen\nDie wichtigsten Änderungen:\n• Ersatzverkehr ab Montag mit Betriebsbeginn\n• Tickets gelten auch in den Ersatzbussen"),
        ("По теме:\nРечные трамвайчики до Ширяево начнут ходить в мае\nМост через Сок закроют на ремонт в июне",
         "Что изменится для пассажиров\n— билеты можно будет купить онлайн на региональном портале;\n— для автомобилей местных жителей организуют отдельную очередь."),
    ];
    for (related, section) in cases {
        let doc = clean_txt(&format!("{PARAGRAPH}\n{related}\n{section}\n{PARAGRAPH_2}"));
        let subheading = section.lines().next().unwrap();
        let first_item = related.lines().nth(1).unwrap();
        assert!(doc.text.contains(subheading), "{}", doc.text);
        assert!(!doc.text.contains(first_item), "{}", doc.text);
    }
}

#[test]
fn a_related_call_that_names_its_article_takes_only_itself() {
    let doc = clean_txt(&format!(
        "{PARAGRAPH}\n\nLEGGI ANCHE: Siccità, la Regione chiede lo stato di emergenza per sei comuni\n\
         Cosa cambia per chi va sulle isole\n\
         Passignano – Isola Maggiore: 6 corse al giorno invece di 11\n\
         Tuoro – Isola Maggiore: 4 corse al giorno, solo motoscafi\n\n{PARAGRAPH_2}"
    ));
    assert!(!doc.text.contains("LEGGI ANCHE"), "{}", doc.text);
    assert!(doc.text.contains("Tuoro – Isola Maggiore"), "{}", doc.text);
    assert!(carries_its_item(
        "Lire aussi : Haut-Karabakh, le dilemme d'Erevan"
    ));
    assert!(!carries_its_item("Lire aussi :"));
}

#[test]
fn a_fact_box_under_the_last_paragraph_is_the_articles() {
    // The finder dropped every line under the paragraph.
    let after_paragraph = |below: &[&str]| {
        let mut lines = work_lines(&[&[PARAGRAPH][..], below].concat());
        for line in &mut lines[1..] {
            line.drop_all(MODEL_RULE, "model", None);
        }
        keep_fact_boxes(&mut lines);
        lines
    };
    // Figures with thousands separators are no phone numbers, and a value can be a long one.
    let lines = after_paragraph(&[
        "I NUMERI DELLA STAGIONE 2025",
        "Passeggeri attesi: 620.000",
        "Approdi: 312, di cui 58 con imbarco e sbarco",
        "Biglietto: 25 euro, con calice e sei degustazioni; cena tra i filari 60 euro",
    ]);
    assert!(lines.iter().all(WorkLine::is_kept));
    let lines = after_paragraph(&[
        "Das neue Hallenbad in Zahlen",
        "Kredit: 38,4 Millionen Franken",
        "Subvention des Landes: rund 6 Millionen Franken",
        "Becken: 25 Meter, sechs Bahnen, Lehrschwimmbecken",
        "Eröffnung: geplant Herbst 2028",
    ]);
    assert!(lines.iter().all(WorkLine::is_kept));
    // A contact block under the article is no fact box.
    let lines = after_paragraph(&[
        "Rückfragen bitte an",
        "Telefon: 0631 555-1020",
        "Fax: 0631 555-1021",
        "Mobil: 0170 555 1022",
    ]);
    assert!(!lines[2].is_kept());
}

#[test]
fn writers_listed_before_their_stamp_are_all_named() {
    assert_eq!(
        byline_names("Lea Vonlanthen, Nicolas Gysin • 11.04.2024, 05.00 Uhr"),
        Some("Lea Vonlanthen, Nicolas Gysin")
    );
    // A byline word stays out of the names.
    assert_ne!(
        byline_names("di Gavino Piras • 4 giugno 2024, 18:22"),
        Some("di Gavino Piras")
    );
}

#[test]
fn a_calls_word_in_the_sentence_before_it_leaves_that_sentence() {
    // "sigue" (goes on) is also a call's word ("Sigue a ... en WhatsApp").
    let paragraph = "La temporada también trae alivio en el empleo: el sector da trabajo directo a unas 30.000 personas durante la cosecha, entre cortadores, choferes y operarios de fábrica.";
    let last = "En las localidades del sur, la zafra sigue siendo la principal fuente de ingresos de muchas familias.";
    let call = "📲 Sumate al canal de WhatsApp de Jardín Noticias y enterate de todo primero";
    let doc = clean_txt(&format!("{PARAGRAPH}\n\n{paragraph} {last} {call}"));
    assert_eq!(doc.text, format!("{PARAGRAPH}\n\n{paragraph} {last}"));
    assert!(is_phone_number("0631 555-1020"));
    assert!(!is_phone_number("14"));
    assert!(is_phone_number("06.12.34.56.78"));
    assert!(!is_phone_number("620.000"));
}

#[test]
fn a_fact_box_under_a_related_list_ends_it_a_ranking_does_not() {
    let related = "Lee también\nLos vecinos de La Rondilla piden más frecuencias de autobús\nLa Diputación abre las ayudas para rehabilitar fachadas";
    let fact_box = "Las claves del plan\n250 pisos de uno y dos dormitorios\nAlquiler máximo: 480 euros al mes\n15% para menores de 30 años";
    let doc = clean_txt(&format!(
        "{PARAGRAPH}\n{related}\n{fact_box}\n{PARAGRAPH_2}"
    ));
    assert!(doc.text.contains(fact_box), "{}", doc.text);
    assert!(!doc.text.contains("La Rondilla"), "{}", doc.text);
    // Ranked items are a standings widget's, not the article's figures.
    let standings = "Classement de la poule A\n1. AS Tengandogo 41 pts\n2. Racing Koudougou 39 pts";
    let doc = clean_txt(&format!(
        "{PARAGRAPH}\nÀ lire aussi\nLes Étalons dévoilent leur liste pour les matchs amicaux\n{standings}\n{PARAGRAPH_2}"
    ));
    assert!(!doc.text.contains("AS Tengandogo"), "{}", doc.text);
}

#[test]
fn figures_a_kept_sentence_introduces_stay() {
    let mut lines = work_lines(&[
        "Выработка электроэнергии на станции по итогам первого полугодия, млн кВт·ч:",
        "2023 — 412,5",
        "2024 — 398,1",
        "Источник: пресс-служба станции",
    ]);
    for line in &mut lines[1..] {
        line.drop_all(MODEL_RULE, "model", None);
    }
    keep_introduced_figures(&mut lines);
    assert!(lines[1].is_kept() && lines[2].is_kept());
    assert!(!lines[3].is_kept());
}

#[test]
fn a_fact_box_heading_over_kept_figures_is_kept() {
    let mut lines = work_lines(&[
        PARAGRAPH,
        "Publicité",
        "En chiffres",
        "28,5 millions de francs : le crédit voté par le Conseil de ville",
        "8 couloirs de 25 mètres dans le bassin sportif",
        PARAGRAPH_2,
    ]);
    lines[1].drop_all("fr.ad_marker", "ad", None);
    lines[2].drop_all(MODEL_RULE, "model", None);
    keep_fact_box_headings(&mut lines);
    assert!(lines[2].is_kept());
}

#[test]
fn a_name_in_capitals_over_its_stamp_under_the_headline_is_a_byline() {
    let doc = clean_txt(&format!(
        "Cantiere navale, commessa da 180 milioni per due yacht\n\nGIANNI BARONTINI\n22 maggio 2024 | 06:05\n\n{PARAGRAPH}\n\n{PARAGRAPH_2}\n\n{PARAGRAPH_3}"
    ));
    let byline = doc.removed.iter().find(|r| r.text == "GIANNI BARONTINI");
    assert!(
        byline.is_some_and(|r| r.rule_id == BARE_BYLINE_RULE && r.field == Some(MetaField::Author)),
        "{:?}",
        doc.removed
    );
    // Over the headline, the site's name in capitals over the day's date is no byline.
    let doc = clean_txt(&format!(
        "CORRIERE LABRONICO\n22 maggio 2024\n\nCantiere navale, commessa da 180 milioni per due yacht\n\n{PARAGRAPH}\n\n{PARAGRAPH_2}\n\n{PARAGRAPH_3}"
    ));
    assert!(
        !doc.removed.iter().any(|r| r.rule_id == BARE_BYLINE_RULE),
        "{:?}",
        doc.removed
    );
}

#[test]
fn a_messenger_call_that_starts_its_sentence_goes_whole() {
    // The call's last words name a network ("WhatsApp : cliquez ici"), which alone is a share
    // row's: the cut is where the call's sentence starts, not at that capital.
    let paragraph = "Le collectif espère ouvrir une boutique en ville avant la fin de l'année et recruter deux salariés de plus. \
         Suivez toute l'actualité de la région sur notre chaîne WhatsApp : cliquez ici";
    let doc = clean_txt(&format!("{PARAGRAPH}\n{PARAGRAPH_2}\n{paragraph}"));
    assert!(
        doc.text.ends_with("deux salariés de plus."),
        "{:?}",
        doc.text
    );
}

#[test]
fn a_call_that_names_a_newsletter_goes_from_its_verb() {
    // "Get the" before the newsletter's name is no sentence the page broke off.
    let paragraph =
        "The council will vote on the final design of the bridge in the spring, officials said. \
         Get the Riverside Morning Brief newsletter – sign up here.";
    let doc = clean_txt(&format!("{PARAGRAPH}\n{PARAGRAPH_2}\n{paragraph}"));
    assert!(doc.text.ends_with("officials said."), "{:?}", doc.text);
}

#[test]
fn a_signature_over_the_sites_name_names_the_author() {
    let doc = clean_txt(&format!(
        "LE JOURNAL DU PLATEAU\nActualité | Société | Sports | Culture\n\
         Les coopératives de karité exportent leur premier conteneur\n{PARAGRAPH}\n{PARAGRAPH_2}\n{PARAGRAPH_3}\n\
         Awa Traoré\nLe Journal du Plateau\nDans la même rubrique\nLa campagne cotonnière en hausse de 12 %"
    ));
    assert!(signed(&doc), "{:?}", rule_ids(&doc));
}

#[test]
fn a_flat_menu_of_places_over_the_headline_goes() {
    let stopwords = cleaner().rules.stopwords.clone();
    assert!(is_flat_menu(
        "Namur Dinant Ciney Gembloux Andenne Sport Culture Avis de décès Jeux",
        &stopwords
    ));
    // A headline in title case has its prepositions; a sentence has its punctuation.
    assert!(!is_flat_menu(
        "Council Approves New Budget For Road Repairs In Ballarat",
        &stopwords
    ));
    assert!(!is_flat_menu(
        "Namur, Dinant, Ciney, Gembloux, Andenne et Jambes",
        &stopwords
    ));
    let doc = clean_txt(&format!(
        "Namur Dinant Ciney Gembloux Andenne Sport Culture Avis de décès Jeux\n\
         Les coopératives de la province exportent leur premier conteneur\n{PARAGRAPH}\n{PARAGRAPH_2}\n{PARAGRAPH_3}"
    ));
    assert!(!doc.text.contains("Gembloux"), "{:?}", doc.text);
}

#[test]
fn no_name_under_the_comments_heading_signs_the_article() {
    let doc = clean_txt(&format!(
        "{PARAGRAPH}\n{PARAGRAPH_2}\n{PARAGRAPH_3}\nComments\n\
         Commenting is closed for this story. Read our guidelines to learn how we moderate discussions.\n\
         Footer Links\nMy Account · Profile · Notifications · Sign Out"
    ));
    assert!(!signed(&doc), "{:?}", rule_ids(&doc));
}
