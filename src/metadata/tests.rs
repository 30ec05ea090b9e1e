//! Metadata lines in six languages, end to end: the cleaner removes the line with its rule id
//! and the metadata stage puts its value in the column.

use super::*;
use crate::clean::Cleaner;
use crate::document::{Format, GivenValue, PageMetadata};
use chrono::DateTime;
use std::path::Path;
use std::sync::OnceLock;

/// The shipped rules, compiled once for all tests.
fn stages() -> &'static (Cleaner, MetadataExtractor) {
    static STAGES: OnceLock<(Cleaner, MetadataExtractor)> = OnceLock::new();
    STAGES.get_or_init(|| {
        let config =
            Config::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("config/corpusmill.toml"))
                .unwrap();
        (
            Cleaner::new(&config).unwrap(),
            MetadataExtractor::new(&config).unwrap(),
        )
    })
}

/// A short article in `lang` with `lines` between the headline and the body.
fn article(lang: &str, lines: &[&str]) -> String {
    let (headline, body) = match lang {
        "fr" => ("Le conseil municipal vote le budget", "Le conseil municipal a adopté mardi soir le budget de la ville pour l'année prochaine, après plus de trois heures de débats animés entre la majorité et l'opposition."),
        "en" => ("Council approves the new city budget", "The city council approved next year's budget on Tuesday evening after more than three hours of heated debate between the majority and the opposition."),
        "de" => ("Stadtrat beschließt den neuen Haushalt", "Der Stadtrat hat am Dienstagabend nach mehr als drei Stunden hitziger Debatte zwischen Mehrheit und Opposition den Haushalt für das kommende Jahr beschlossen."),
        "es" => ("El pleno aprueba el nuevo presupuesto", "El pleno del ayuntamiento aprobó el martes por la noche el presupuesto del próximo año tras más de tres horas de debate entre la mayoría y la oposición."),
        "it" => ("Il consiglio approva il nuovo bilancio", "Il consiglio comunale ha approvato martedì sera il bilancio del prossimo anno dopo più di tre ore di acceso dibattito tra maggioranza e opposizione."),
        _ => ("Городская дума приняла новый бюджет", "Городская дума во вторник вечером приняла бюджет на следующий год после более чем трёхчасовых жарких дебатов между большинством и оппозицией."),
    };
    format!("{headline}\n\n{}\n\n{body}\n\n{body}\n", lines.join("\n"))
}

fn run(lang: &str, lines: &[&str]) -> Document {
    let (cleaner, metadata) = stages();
    let mut doc = Document::new(
        "t.txt".into(),
        String::new(),
        0,
        Format::Txt,
        article(lang, lines),
    );
    cleaner.clean(&mut doc);
    metadata.extract(&mut doc);
    doc
}

fn iso(micros: Option<i64>) -> Option<String> {
    micros.map(|m| {
        DateTime::from_timestamp_micros(m)
            .unwrap()
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string()
    })
}

/// One metadata line: the rule that must remove it and the values it must give.
struct Case {
    lang: &'static str,
    line: &'static str,
    rule: &'static str,
    authors: &'static [&'static str],
    published: Option<&'static str>,
    updated: Option<&'static str>,
}

const fn case(
    lang: &'static str,
    line: &'static str,
    rule: &'static str,
    authors: &'static [&'static str],
    published: Option<&'static str>,
    updated: Option<&'static str>,
) -> Case {
    Case {
        lang,
        line,
        rule,
        authors,
        published,
        updated,
    }
}

#[rustfmt::skip]
const CASES: &[Case] = &[
    // French
    case("fr", "Par Claire Vasseur et Antoine Roux", "fr.meta.byline", &["Claire Vasseur", "Antoine Roux"], None, None),
    case("fr", "Texte par : RFI Suivre", "fr.meta.byline", &[], None, None),
    case("fr", "Propos recueillis par Jean-Baptiste Le Goff", "fr.meta.byline", &["Jean-Baptiste Le Goff"], None, None),
    case("fr", "Par La Rédaction", "fr.meta.byline", &[], None, None),
    case("fr", "Auteur : Sophie Lambert", "fr.meta.author_label", &["Sophie Lambert"], None, None),
    case("fr", "Avec notre correspondante à Berlin, Marie Legrand", "fr.meta.correspondent", &["Marie Legrand"], None, None),
    case("fr", "Avec AFP", "fr.meta.agency", &[], None, None),
    case("fr", "Publié le 22 nov. 2023 à 16:38", "fr.meta.published", &[], Some("2023-11-22T16:38:00Z"), None),
    case("fr", "Publié le 5 mars 2024 à 10:15, mis à jour à 12:02", "fr.meta.published", &[], Some("2024-03-05T10:15:00Z"), Some("2024-03-05T12:02:00Z")),
    case("fr", "Publié le : 14/03/2024 - 08:47", "fr.meta.published", &[], Some("2024-03-14T08:47:00Z"), None),
    case("fr", "Mis à jour le 22/03/2024 à 07:55", "fr.meta.updated", &[], None, Some("2024-03-22T07:55:00Z")),
    // A dated update stamp alone also gives the publication day (metadata.published_from_update).
    case("fr", "Dernière mise à jour : 1er avril 2024", "fr.meta.updated", &[], Some("2024-04-01T00:00:00Z"), Some("2024-04-01T00:00:00Z")),
    case("fr", "Mardi 5 mars 2024 à 10h15", "fr.meta.date_line", &[], Some("2024-03-05T10:15:00Z"), None),
    // English
    case("en", "By Jane Smith and Tom Lee", "en.meta.byline", &["Jane Smith", "Tom Lee"], None, None),
    case("en", "By Martin Keane, Local Democracy Reporter", "en.meta.byline", &["Martin Keane"], None, None),
    case("en", "Reviewed by Oliver Grant", "en.meta.byline", &["Oliver Grant"], None, None),
    case("en", "Reporting by Priya Raman; Editing by Mark Holt", "en.meta.reporting", &["Priya Raman"], None, None),
    case("en", "By Reuters Staff", "en.meta.byline", &[], None, None),
    case("en", "From our correspondent in Moscow, John Simpson", "en.meta.correspondent", &["John Simpson"], None, None),
    case("en", "Dana Whitfield | The Riverside Sentinel", "en.meta.author_outlet", &["Dana Whitfield"], None, None),
    case("en", "Author: Dana Whitfield", "en.meta.author_label", &["Dana Whitfield"], None, None),
    case("en", "PA Media", "en.meta.agency", &[], None, None),
    case("en", "Published 9:45 a.m. ET June 4, 2024 | Updated 4:20 p.m. ET June 4, 2024", "en.meta.published", &[], Some("2024-06-04T13:45:00Z"), Some("2024-06-04T20:20:00Z")),
    case("en", "Published 16 March 2024", "en.meta.published", &[], Some("2024-03-16T00:00:00Z"), None),
    case("en", "Updated 3 March 2024", "en.meta.updated", &[], Some("2024-03-03T00:00:00Z"), Some("2024-03-03T00:00:00Z")),
    case("en", "First published on Tue 5 Mar 2024 07.00 GMT", "en.meta.published", &[], Some("2024-03-05T07:00:00Z"), None),
    case("en", "Thursday 11 April 2024 06:00 BST", "en.meta.date_line", &[], Some("2024-04-11T05:00:00Z"), None),
    case("en", "March 12, 2024 2:15 PM GMT", "en.meta.date_line", &[], Some("2024-03-12T14:15:00Z"), None),
    // German
    case("de", "Von Lukas Brandt, dpa", "de.meta.byline", &["Lukas Brandt"], None, None),
    case("de", "Ein Kommentar von Christina Becker", "de.meta.byline", &["Christina Becker"], None, None),
    case("de", "Von unserer Korrespondentin Anna Müller", "de.meta.correspondent", &["Anna Müller"], None, None),
    case("de", "Autorin: Katrin Lehmann", "de.meta.author_label", &["Katrin Lehmann"], None, None),
    case("de", "Quelle: dpa", "de.meta.agency", &[], None, None),
    case("de", "Veröffentlicht: 05.02.2024, 06:00 Uhr | Aktualisiert: 05.02.2024, 11:17 Uhr", "de.meta.published", &[], Some("2024-02-05T06:00:00Z"), Some("2024-02-05T11:17:00Z")),
    case("de", "Stand: 12.03.2024, 14:30 Uhr", "de.meta.updated", &[], None, Some("2024-03-12T14:30:00Z")),
    case("de", "17.03.2024 – 19:52 Uhr", "de.meta.date_line", &[], Some("2024-03-17T19:52:00Z"), None),
    case("de", "Dienstag, 12. März 2024, 14:30 Uhr", "de.meta.date_line", &[], Some("2024-03-12T14:30:00Z"), None),
    // Spanish
    case("es", "Por María López Vega | Madrid", "es.meta.byline", &["María López Vega"], None, None),
    case("es", "Texto: Ana Beltrán", "es.meta.author_label", &["Ana Beltrán"], None, None),
    case("es", "De nuestro enviado especial en Kiev, Pablo Ruiz", "es.meta.correspondent", &["Pablo Ruiz"], None, None),
    case("es", "Europa Press", "es.meta.agency", &[], None, None),
    case("es", "Publicado: 04/04/2024 21:30 CEST", "es.meta.published", &[], Some("2024-04-04T19:30:00Z"), None),
    case("es", "Actualizado: 05/04/2024 08:12 CEST", "es.meta.updated", &[], None, Some("2024-04-05T06:12:00Z")),
    case("es", "15 de febrero de 2024", "es.meta.date_line", &[], Some("2024-02-15T00:00:00Z"), None),
    case("es", "Martes, 2 de abril de 2024 - 09:31h", "es.meta.date_line", &[], Some("2024-04-02T09:31:00Z"), None),
    case("es", "14 may 2024 · Actualizado 13:20", "es.meta.date_line", &[], Some("2024-05-14T00:00:00Z"), Some("2024-05-14T13:20:00Z")),
    // Italian
    case("it", "di Lorenzo Ferri e Chiara Esposito", "it.meta.byline", &["Lorenzo Ferri", "Chiara Esposito"], None, None),
    case("it", "di Francesca Moretti · 3 maggio 2024", "it.meta.byline", &["Francesca Moretti"], Some("2024-05-03T00:00:00Z"), None),
    case("it", "A cura di Roberta Galli", "it.meta.author_label", &["Roberta Galli"], None, None),
    case("it", "Dal nostro inviato Alessandro Conti", "it.meta.correspondent", &["Alessandro Conti"], None, None),
    case("it", "(Adnkronos)", "it.meta.agency", &[], None, None),
    case("it", "Pubblicato il 6 aprile 2024 alle 22:15", "it.meta.published", &[], Some("2024-04-06T22:15:00Z"), None),
    case("it", "Aggiornato il 7 aprile 2024 alle 09:40", "it.meta.updated", &[], None, Some("2024-04-07T09:40:00Z")),
    case("it", "14 aprile 2024, ore 19:22", "it.meta.date_line", &[], Some("2024-04-14T19:22:00Z"), None),
    // Russian
    case("ru", "Автор: Екатерина Белова", "ru.meta.byline", &["Екатерина Белова"], None, None),
    case("ru", "Текст: Мария Соколова", "ru.meta.byline", &["Мария Соколова"], None, None),
    case("ru", "Ольга Никитина · 20 мая 2024", "ru.meta.author_date", &["Ольга Никитина"], Some("2024-05-20T00:00:00Z"), None),
    case("ru", "Источник: Интерфакс", "ru.meta.agency", &[], None, None),
    case("ru", "Опубликовано 12 марта 2024, 14:30", "ru.meta.published", &[], Some("2024-03-12T14:30:00Z"), None),
    case("ru", "Обновлено 12 марта 2024, 16:05", "ru.meta.updated", &[], None, Some("2024-03-12T16:05:00Z")),
    case("ru", "12 марта 2024 14:30 (МСК)", "ru.meta.date_line", &[], Some("2024-03-12T11:30:00Z"), None),
    case("ru", "18 января 2024, 09:05", "ru.meta.date_line", &[], Some("2024-01-18T09:05:00Z"), None),
];

#[test]
fn metadata_lines_are_removed_and_fill_their_columns() {
    let mut failures = Vec::new();
    for c in CASES {
        let doc = run(c.lang, &[c.line]);
        let removed_by = doc
            .removed
            .iter()
            .find(|r| r.text.trim() == c.line)
            .map(|r| r.rule_id.as_str());
        let got = (
            removed_by,
            doc.meta.authors.clone(),
            iso(doc.meta.published_at),
            iso(doc.meta.updated_at),
        );
        let want = (
            Some(c.rule),
            c.authors.iter().map(|a| a.to_string()).collect::<Vec<_>>(),
            c.published.map(str::to_string),
            c.updated.map(str::to_string),
        );
        if got != want || doc.text.contains(c.line) {
            failures.push(format!("{:?}: got {got:?}, want {want:?}", c.line));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Sentences that start like a byline or a stamp stay in the text and fill no column.
#[test]
fn real_sentences_are_not_metadata() {
    for (lang, line) in [
        (
            "fr",
            "Par ailleurs, le maire a annoncé la création de deux nouvelles crèches.",
        ),
        (
            "fr",
            "Publié en 2019, le livre a connu un succès immédiat en librairie.",
        ),
        ("en", "By the numbers"),
        (
            "en",
            "By then, most of the residents had already left the area.",
        ),
        (
            "en",
            "Updated guidance was published by the ministry on Monday.",
        ),
        (
            "de",
            "Von Montag an gilt die neue Regel für alle Schulen im Land.",
        ),
        (
            "de",
            "Stand der Dinge ist, dass die Verhandlungen weiterlaufen.",
        ),
        (
            "es",
            "Por fin llegó la lluvia a la comarca después de meses de sequía.",
        ),
        (
            "it",
            "Di conseguenza, il consiglio ha rinviato il voto alla prossima seduta.",
        ),
        ("ru", "Автор проекта рассказал о планах на следующий год."),
    ] {
        let doc = run(lang, &[line]);
        assert!(doc.text.contains(line), "{line:?} was removed");
        assert!(
            doc.meta.authors.is_empty(),
            "{line:?} gave {:?}",
            doc.meta.authors
        );
        assert_eq!(doc.meta.published_at, None, "{line:?}");
        assert_eq!(doc.meta.updated_at, None, "{line:?}");
    }
}

/// Runs a page with `top` above the article and `bottom` below it.
fn run_page(lang: &str, top: &[&str], bottom: &[&str]) -> Document {
    let (cleaner, metadata) = stages();
    let body = format!(
        "{}\n\n{}\n{}\n",
        top.join("\n"),
        article(lang, &[]),
        bottom.join("\n")
    );
    let mut doc = Document::new("t.txt".into(), String::new(), 0, Format::Txt, body);
    cleaner.clean(&mut doc);
    metadata.extract(&mut doc);
    doc
}

#[test]
fn publisher_is_the_masthead_name_the_page_repeats() {
    let menu = "Politics | Business | Sport | Culture";
    let footer = "© 2025 Midland Weekly Media Ltd. All rights reserved.";
    let app = "Get the Stourvale Chronicle app";
    let doc = run_page("en", &["The Stourvale Chronicle", menu], &[app, footer]);
    assert_eq!(
        doc.meta.publisher.as_deref(),
        Some("The Stourvale Chronicle")
    );
    // Named once, at the top only: the copyright line's company stays.
    let doc = run_page("en", &["The Stourvale Chronicle", menu], &[footer]);
    assert_eq!(doc.meta.publisher.as_deref(), Some("Midland Weekly Media"));
    // A menu item repeated in the footer is a section, not the site.
    let doc = run_page("en", &["Business", menu], &[menu, footer]);
    assert_eq!(doc.meta.publisher.as_deref(), Some("Midland Weekly Media"));
    // The shorter of two names where one holds the other.
    let footer = "© 2025 Lahntal-Anzeiger Verlagsgesellschaft mbH";
    let doc = run_page("de", &["Lahntal-Anzeiger"], &[footer]);
    assert_eq!(doc.meta.publisher.as_deref(), Some("Lahntal-Anzeiger"));
}

#[test]
fn the_site_part_of_the_title_line_is_a_name_not_a_menu_item() {
    let title = "Stadtrat beschließt den neuen Haushalt | Agrarblatt Nord";
    let menu = [
        "Ackerbau",
        "Milch & Rind",
        "Schwein",
        "Technik",
        "Markt & Preise",
    ];
    let top: Vec<&str> = [title, "Agrarblatt Nord"]
        .into_iter()
        .chain(menu)
        .chain(["Milch & Rind"])
        .collect();
    let bottom = [
        "Mehr aus Milch & Rind",
        "Agrarblatt Nord · Landwirtschaftsverlag Nord GmbH",
    ];
    let doc = run_page("de", &top, &bottom);
    assert_eq!(doc.meta.publisher.as_deref(), Some("Agrarblatt Nord"));
}

#[test]
fn names_beside_a_stamp_with_a_role_or_agency_after_a_slash_or_a_place_in_brackets() {
    let doc = run(
        "es",
        &[
            "Iago Pereira (Pamplona) y Marta Lorenzo (Vigo)",
            "Publicado: 14/03/2026 21:58",
        ],
    );
    assert_eq!(doc.meta.authors, ["Iago Pereira", "Marta Lorenzo"]);
    let doc = run(
        "en",
        &[
            "Andre Whyte/Clarion Writer",
            "Published: Wednesday, February 25, 2026",
        ],
    );
    assert_eq!(doc.meta.authors, ["Andre Whyte"]);
    // The agency the writer works with: "R. Sánchez Gil / EFE".
    let doc = run("es", &["M. López Prieto / EFE", "22/04/2025 - 09:15 CEST"]);
    assert_eq!(doc.meta.authors, ["M. López Prieto"]);
}

#[test]
fn a_name_beside_a_stamp_may_be_followed_by_its_outlet_or_place() {
    let doc = run(
        "fr",
        &[
            "Monique LeBlanc, Initiative de journalisme local",
            "Publié le 30 avril 2025 à 7 h 30 HAA",
        ],
    );
    assert_eq!(doc.meta.authors, ["Monique LeBlanc"]);
    assert_eq!(doc.meta.source.authors.as_deref(), Some(BARE_BYLINE_RULE));
    // Two bylines found by their shape on consecutive lines name two writers.
    let doc = run(
        "fr",
        &[
            "Marie-Ève Tremblay, journaliste judiciaire",
            "Isabelle Ducharme, collaboration spéciale",
            "Publié le 5 mars 2025 à 5 h 00 HNE",
        ],
    );
    assert_eq!(
        doc.meta.authors,
        ["Marie-Ève Tremblay", "Isabelle Ducharme"]
    );
}

#[test]
fn publisher_from_a_byline_outlet() {
    let doc = run("en", &["Dana Whitfield | The Riverside Sentinel"]);
    assert_eq!(
        doc.meta.publisher.as_deref(),
        Some("The Riverside Sentinel")
    );
    assert_eq!(
        doc.meta.source.publisher.as_deref(),
        Some("en.meta.author_outlet:publisher_line")
    );
    assert_eq!(
        doc.meta.source.authors.as_deref(),
        Some("en.meta.author_outlet")
    );
}

#[test]
fn publisher_from_copyright_and_source_lines() {
    let (_, metadata) = stages();
    let rules = &metadata.publishers;
    for (line, name) in [
        ("© Le Matin National 2024 - Tous droits réservés", Some("Le Matin National")),
        ("© 2024 The Daily Courier. All rights reserved.", Some("The Daily Courier")),
        ("© 2024 Arts Desk Weekly Ltd. All rights reserved. Registered in England and Wales No. 08123456.", Some("Arts Desk Weekly")),
        ("Sport-Nord.de © 2024 | Impressum | Datenschutz", Some("Sport-Nord.de")),
        ("© Diario Meridiano, S.L. Todos los derechos reservados.", Some("Diario Meridiano")),
        ("Todos los derechos reservados © Revista Ámbito Cultural 2024", Some("Revista Ámbito Cultural")),
        ("Il Messaggero del Lago – Tutti i diritti riservati", Some("Il Messaggero del Lago")),
        ("© 2024 «Вечерний Вестник». Все права защищены.", Some("Вечерний Вестник")),
        ("© 2008–2025 ИА «Северный меридиан». Все права защищены.", Some("ИА «Северный меридиан»")),
        ("© 2024 – Alle Rechte vorbehalten", None),
        ("© Riproduzione riservata", None),
        ("Copyright 2024. We are not responsible for the content of external sites.", None),
        ("Riproduzione riservata © Copyright ANSA", None),
        ("© dpa-infocom, dpa:240317-99-367812/4", None),
        ("Photo : © Jean Dupont / Hans Lucas", None),
        // Scripts without case: any word may be a name.
        ("版权所有 © 2024 东方晨报 未经授权不得转载", Some("东方晨报")),
        ("جميع الحقوق محفوظة © 2024 الفجر الجديد", Some("الفجر الجديد")),
        ("<저작권자(c) 한빛뉴스, 무단 전재-재배포, AI 학습 및 활용 금지>", Some("한빛뉴스")),
    ] {
        assert_eq!(rules.copyright_name(line).as_deref(), name, "{line:?}");
    }
    for (line, name) in [
        (
            "Source : La Gazette du Causse",
            Some("La Gazette du Causse"),
        ),
        (
            "Quelle: Rheinpfalz-Bote, Ausgabe vom 14.02.2024",
            Some("Rheinpfalz-Bote"),
        ),
        (
            "Fuente: Noticias de la Ciencia Hoy",
            Some("Noticias de la Ciencia Hoy"),
        ),
        (
            "Fonte: Corriere dell'Ambiente",
            Some("Corriere dell'Ambiente"),
        ),
        (
            "Источник: «Верхнеозёрская неделя»",
            Some("Верхнеозёрская неделя"),
        ),
        ("Source: AFP", None),
        ("Sources of funding are listed below", None),
    ] {
        assert_eq!(rules.source_line_name(line).as_deref(), name, "{line:?}");
    }
    assert_eq!(
        rules
            .labelled_url("Copier le lien : https://www.echodubocage.fr/sport/x-1")
            .as_deref(),
        Some("https://www.echodubocage.fr/sport/x-1")
    );
}

#[test]
fn front_matter_fields_and_their_sources() {
    let (cleaner, metadata) = stages();
    let text = "---\ntitle: \"Freibad bleibt geschlossen\"\ndate: 2024-04-23\nlastmod: 2024-04-23T16:40:00+02:00\nauthor:\n  name: Dr. Katrin Lehmann\noriginal_source: \"Allgäuer Tagespost\"\noriginal_url: \"https://www.allgaeuer-tagespost.de/lokales/freibad\"\nsite_name: Blog\ntags: [Bäder, Gemeinde]\nsummary: \"Kein Geld für die Sanierung.\"\n---\nDas Freibad Seewinkel bleibt auch in diesem Sommer geschlossen, teilte die Gemeinde am Dienstag mit.\n";
    let split = crate::read::split_front_matter(text);
    let mut doc = Document::new("t.md".into(), String::new(), 0, Format::Md, split.body);
    doc.front_matter = split.front_matter;
    cleaner.clean(&mut doc);
    metadata.extract(&mut doc);
    let meta = &doc.meta;
    assert_eq!(meta.title.as_deref(), Some("Freibad bleibt geschlossen"));
    assert_eq!(meta.tags, vec!["Bäder", "Gemeinde"]);
    assert_eq!(
        meta.description.as_deref(),
        Some("Kein Geld für die Sanierung.")
    );
    assert_eq!(meta.authors, vec!["Dr. Katrin Lehmann"]);
    assert_eq!(meta.publisher.as_deref(), Some("Allgäuer Tagespost"));
    assert_eq!(meta.domain.as_deref(), Some("allgaeuer-tagespost.de"));
    assert_eq!(
        iso(meta.published_at).as_deref(),
        Some("2024-04-23T00:00:00Z")
    );
    assert_eq!(
        iso(meta.updated_at).as_deref(),
        Some("2024-04-23T14:40:00Z")
    );
    assert_eq!(
        meta.source.publisher.as_deref(),
        Some("front_matter.original_source")
    );
    assert_eq!(
        meta.source.url.as_deref(),
        Some("front_matter.original_url")
    );
    assert_eq!(
        meta.source.updated_at.as_deref(),
        Some("front_matter.lastmod")
    );
}

/// A page dump as a scraper gives it: the page `<title>` first, menus, then the article.
fn page_dump(title: &str, header: &[&str]) -> Document {
    let body = "The city council approved next year's budget on Tuesday evening after more than three hours of heated debate between the majority and the opposition.";
    let mut lines = vec![
        title,
        "Home",
        "News",
        "Politics",
        "Sport",
        "Culture",
        "Science",
        "Opinion",
        "Weather",
        "Contact us",
    ];
    lines.extend_from_slice(header);
    lines.extend([body; 6]);
    lines.extend(["About us", "Privacy policy", "Careers"]);
    clean_and_extract(lines.join("\n"))
}

/// `text` as a text dump through the clean and metadata stages.
fn clean_and_extract(text: String) -> Document {
    let (cleaner, metadata) = stages();
    let mut doc = Document::new("t.txt".into(), String::new(), 0, Format::Txt, text);
    cleaner.clean(&mut doc);
    metadata.extract(&mut doc);
    doc
}

#[test]
fn a_page_dump_headline_is_the_line_that_spells_its_title_without_the_site() {
    let doc = page_dump(
        "Council approves the new city budget | The Riverside Sentinel",
        &["Council approves the new city budget"],
    );
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("Council approves the new city budget")
    );
    // Without a line that repeats it, the title's first part.
    let doc = page_dump("Council approves the new city budget - Riverside", &[]);
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("Council approves the new city budget")
    );
}

#[test]
fn a_page_dump_stamp_and_name_joined_to_it_near_the_headline() {
    for (header, author, date, date_source) in [
        (
            ["Charlotte Gannon • November 4th, 2025", "5 min read"],
            "Charlotte Gannon",
            "2025-11-04",
            "text.header",
        ),
        (
            ["Иван Петров, 12 марта 2025", "Политика"],
            "Иван Петров",
            "2025-03-12",
            "text.header",
        ),
        // A name after the stamp, introduced by a byline word.
        (
            [
                "Société • Publié le 4 mars 2025 par Marie Dupont",
                "Partager",
            ],
            "Marie Dupont",
            "2025-03-04",
            "text.header",
        ),
        // The stamp's label is not part of the name written before it.
        (
            ["Patrick Clarke Published 10:19am 19 December 2025", "Share"],
            "Patrick Clarke",
            "2025-12-19",
            "text.header",
        ),
        // A date alone on its line is a rule's.
        (
            ["Andrew Lampinen", "Dec 16, 2025"],
            "Andrew Lampinen",
            "2025-12-16",
            "en.meta.date_line",
        ),
        // The name as the last of the stamp line's parts.
        (
            ["December 15, 2025 · 30 min · Ash Vardanian", "Share"],
            "Ash Vardanian",
            "2025-12-15",
            "text.header",
        ),
        // A name line with an affiliation, the date on the next line.
        (
            ["Nathan Lian @ Maintouch", "March 2, 2026"],
            "Nathan Lian",
            "2026-03-02",
            "en.meta.date_line",
        ),
        // A broadcaster's name after a middle dot.
        (
            ["Dana Cole · KXTV News", "March 2, 2026"],
            "Dana Cole",
            "2026-03-02",
            "en.meta.date_line",
        ),
        // A follow button glued to the name.
        (
            ["Dana ColeFollow", "March 2, 2026"],
            "Dana Cole",
            "2026-03-02",
            "en.meta.date_line",
        ),
    ] {
        let mut lines = vec!["Council approves the new city budget"];
        lines.extend(header);
        let doc = page_dump("Council approves the new city budget | Sentinel", &lines);
        assert_eq!(doc.meta.authors, vec![author.to_string()], "{header:?}");
        assert_eq!(
            iso(doc.meta.published_at).as_deref().map(|d| &d[..10]),
            Some(date),
            "{header:?}"
        );
        assert_eq!(doc.meta.source.published_at.as_deref(), Some(date_source));
    }
}

#[test]
fn a_page_dump_headline_loses_breadcrumb_and_anchor_marks() {
    for (line, title) in [
        (
            "/ Council approves the new city budget",
            "Council approves the new city budget",
        ),
        (
            "→ Council approves the new city budget ¶",
            "Council approves the new city budget",
        ),
        (
            "Council approves the new city budget\u{200b}",
            "Council approves the new city budget",
        ),
        // A hyphen inside the headline stays.
        (
            "Council approves the new city budget - live",
            "Council approves the new city budget - live",
        ),
        // An icon before it goes; an opening quote is the headline's.
        (
            "► Council approves the new city budget",
            "Council approves the new city budget",
        ),
        ("🎮 Little Game Dev Blog", "Little Game Dev Blog"),
        ("« Le budget » est adopté", "« Le budget » est adopté"),
    ] {
        assert_eq!(headline_text(line), title, "{line}");
    }
}

#[test]
fn a_page_declares_its_authors_without_labels_and_repeats() {
    let (_, metadata) = stages();
    let given = |names: &[&str]| {
        metadata.page_author_names(&names.iter().map(|n| n.to_string()).collect::<Vec<_>>())
    };
    assert_eq!(given(&["Leo – Leo"]), ["Leo"]);
    assert_eq!(given(&["View Public Profile"]), Vec::<String>::new());
    assert_eq!(
        given(&["Jane Roe", "Share this article", "Jane Roe"]),
        ["Jane Roe"]
    );
    // A team the page names as its author stays.
    assert_eq!(given(&["Camphouse Team"]), ["Camphouse Team"]);
}

#[test]
fn a_label_beside_the_stamp_is_no_author() {
    // Page labels and buttons are capitalised like names: the config's label words tell them.
    for label in ["Written By", "Save Share", "Navigation Menu"] {
        let lines = [
            "Council approves the new city budget",
            label,
            "Dec 16, 2025",
        ];
        let doc = page_dump("Council approves the new city budget | Sentinel", &lines);
        assert!(
            doc.meta.authors.is_empty(),
            "{label}: {:?}",
            doc.meta.authors
        );
    }
}

#[test]
fn a_label_made_of_the_articles_words_beside_the_stamp_is_no_author() {
    // The body speaks of the "budget" and the "council": "City Budget" is a section label.
    let header = ["City Budget", "Dec 16, 2025"];
    let mut lines = vec!["Council approves the new city budget"];
    lines.extend(header);
    let doc = page_dump("Council approves the new city budget | Sentinel", &lines);
    assert!(doc.meta.authors.is_empty(), "{:?}", doc.meta.authors);
    assert_eq!(
        iso(doc.meta.published_at).as_deref().map(|d| &d[..10]),
        Some("2025-12-16")
    );
}

#[test]
fn a_page_titles_last_part_is_the_site_even_when_its_logo_line_spells_it() {
    let doc = page_dump(
        "How the council spent the year | Riverside Sentinel",
        &["Riverside Sentinel"],
    );
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("How the council spent the year")
    );
}

#[test]
fn a_label_that_ends_in_a_particle_is_no_name() {
    let doc = page_dump(
        "Le conseil vote le budget | Le Courrier",
        &["Le conseil vote le budget", "Publié le 11/03/2024 à 18h42"],
    );
    assert!(doc.meta.authors.is_empty(), "{:?}", doc.meta.authors);
}

#[test]
fn without_a_headline_line_the_stamp_above_the_first_paragraph_dates_the_page() {
    // The title has no separator and no line repeats it: the header is read around the
    // article's first paragraph.
    let doc = page_dump("Budget news", &["Maria Lopez • 4 March 2025"]);
    assert_eq!(doc.meta.authors, vec!["Maria Lopez".to_string()]);
    assert_eq!(
        iso(doc.meta.published_at).as_deref().map(|d| &d[..10]),
        Some("2025-03-04")
    );
}

/// An evergreen page dates itself by its last update: that day stands for its publication,
/// and the source says so. A news page's timed last edit is no publication time.
#[test]
fn a_page_that_gives_only_a_dated_update_is_published_that_day() {
    let dated = page_dump(
        "Council approves the new city budget | Sentinel",
        &[
            "Council approves the new city budget",
            "Updated August 14, 2025",
        ],
    );
    assert_eq!(
        iso(dated.meta.updated_at).as_deref(),
        Some("2025-08-14T00:00:00Z")
    );
    assert_eq!(iso(dated.meta.published_at), iso(dated.meta.updated_at));
    let source = dated.meta.source.published_at.as_deref().unwrap();
    assert!(source.ends_with(":update_only"), "{source}");

    let timed = page_dump(
        "Council approves the new city budget | Sentinel",
        &[
            "Council approves the new city budget",
            "Updated August 14, 2025 at 11:20 am",
        ],
    );
    assert_eq!(
        iso(timed.meta.updated_at).as_deref(),
        Some("2025-08-14T11:20:00Z")
    );
    assert_eq!(timed.meta.published_at, None);
}

/// A forum thread's latest reply is no publication: its opening post's stamp is.
#[test]
fn a_threads_last_post_is_not_its_publication() {
    let doc = page_dump(
        "Which router for a small office? | Hosting Forum",
        &[
            "Which router for a small office?",
            "6.3K views 23 replies 14 participants last post by ggery Sep 26, 2024",
            "#1 · Jan 3, 2024",
        ],
    );
    assert_eq!(
        iso(doc.meta.published_at).as_deref().map(|d| &d[..10]),
        Some("2024-01-03")
    );
}

/// An update label inside a byline ("By Jayesh Shinde | Updated on 19-Dec-2025") dates the page
/// as a dated update stamp of its own does.
#[test]
fn a_bylines_dated_update_label_gives_the_publication_day() {
    let doc = page_dump(
        "Laptop review: the beautiful, confused beast | Tech Daily",
        &[
            "Laptop review: the beautiful, confused beast",
            "By Jayesh Shinde | Updated on 19 December 2025",
        ],
    );
    assert_eq!(
        iso(doc.meta.published_at).as_deref(),
        Some("2025-12-19T00:00:00Z")
    );
    assert_eq!(
        doc.meta.source.published_at.as_deref(),
        Some("text.update_label:update_only")
    );
}

/// A stamp line that gives the date first, then the writer after a slash or with the section
/// they write in.
#[test]
fn a_name_after_the_stamp_is_the_author_without_its_section() {
    for (stamp_line, author) in [
        (
            "Dec 26, 2025 • Mahua Das in Project Management",
            "Mahua Das",
        ),
        ("September 29, 2025 / Brian Childers", "Brian Childers"),
    ] {
        let doc = page_dump(
            "Project management software pricing guide | Planner Hub",
            &["Project management software pricing guide", stamp_line],
        );
        assert_eq!(doc.meta.authors, vec![author.to_string()], "{stamp_line}");
    }
}

/// On a Q&A page the asker's handle stands under the question's stamp; on a forum the first
/// post's handle comes before the section label above it.
#[test]
fn a_question_or_a_first_post_names_its_writer() {
    let question = page_dump(
        "Bulk cooking for a party: what am I missing? | Seasoned Advice",
        &[
            "Bulk cooking for a party: what am I missing?",
            "Share",
            "edited Feb 12, 2011 at 21:50",
            "asked Feb 11, 2011 at 23:49",
            "KumikoGoingCrAzY",
        ],
    );
    assert_eq!(question.meta.authors, vec!["KumikoGoingCrAzY".to_string()]);

    let thread = page_dump(
        "The best movies of 2024 | Message Board",
        &[
            "The best movies of 2024",
            "Cafe Society",
            "Mahaloth January 11, 2025, 12:04am 1",
        ],
    );
    assert_eq!(thread.meta.authors, vec!["Mahaloth".to_string()]);
}

/// A byline's label alone on its line names the line under it.
#[test]
fn a_byline_label_alone_names_the_line_under_it() {
    let doc = page_dump(
        "Council approves the new city budget | The Riverside Sentinel",
        &[
            "Council approves the new city budget",
            "Article written by:",
            "Dana Whitfield - City reporter",
        ],
    );
    assert_eq!(doc.meta.authors, vec!["Dana Whitfield".to_string()]);
}

/// A Q&A site's `<title>` starts with the question's first tag ("equipment - Question - Site"),
/// and the tags and the asker's stamp follow the question's text: the title is the question,
/// the asker is found below it.
#[test]
fn a_question_under_its_tag_is_the_title_and_its_asker_the_author() {
    let body = "I am cooking for about forty people next month and I have never cooked in such quantities before, so I would like to know which equipment I should rent or borrow.";
    let mut lines = vec![
        "equipment - Bulk cooking for a party: what am I missing? - Seasoned Advice",
        "Home",
        "Questions",
        "Tags",
        "Users",
        "Bulk cooking for a party: what am I missing?",
        "Ask Question",
    ];
    lines.extend([body; 4]);
    lines.extend([
        "equipment",
        "catering",
        "Share",
        "asked Feb 11, 2011 at 23:49",
        "KumikoGoingCrAzY",
        "About us",
        "Privacy policy",
    ]);
    let doc = clean_and_extract(lines.join("\n"));
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("Bulk cooking for a party: what am I missing?")
    );
    assert_eq!(doc.meta.authors, vec!["KumikoGoingCrAzY".to_string()]);
}

/// A name a byline word introduces in the header comes before a line that only looks like a
/// name beside a stamp ("Get Price Quote" over the date).
#[test]
fn a_labelled_byline_in_the_header_beats_a_name_guessed_beside_a_stamp() {
    let doc = page_dump(
        "Wiki posts for documentation | Community Forum",
        &[
            "Wiki posts for documentation",
            "Get Price Quote",
            "Mar 3, 2024",
            "Thread starter felixen",
        ],
    );
    assert_eq!(doc.meta.authors, vec!["felixen".to_string()]);
}

/// With `metadata.published_from_update = false` an update stamp never fills published_at.
#[test]
fn published_from_update_can_be_turned_off() {
    let mut config =
        Config::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("config/corpusmill.toml"))
            .unwrap();
    config.metadata.published_from_update = false;
    let metadata = MetadataExtractor::new(&config).unwrap();
    let mut doc = Document::new(
        "t.txt".into(),
        String::new(),
        0,
        Format::Txt,
        article("en", &["Updated 3 March 2024"]),
    );
    stages().0.clean(&mut doc);
    metadata.extract(&mut doc);
    assert_eq!(
        iso(doc.meta.updated_at).as_deref(),
        Some("2024-03-03T00:00:00Z")
    );
    assert_eq!(doc.meta.published_at, None);
}

/// A reviewer or an editor is no writer: the writer's name beside the stamp is the author,
/// and a page that names only its reviewer is signed by them.
#[test]
fn a_reviewers_byline_names_the_author_only_when_no_writer_is_named() {
    let reviewed = [
        "How to file your taxes for free",
        "Reviewed by Kristina Katt, CPA",
        "Written by Dana Whitfield",
        "Updated August 14, 2025",
    ];
    let doc = page_dump("How to file your taxes for free | Tax Guide", &reviewed);
    assert_eq!(doc.meta.authors, vec!["Dana Whitfield".to_string()]);

    let only_reviewer = [
        "How to file your taxes for free",
        "Reviewed by Youval Meicler",
        "Updated August 14, 2025",
    ];
    let doc = page_dump(
        "How to file your taxes for free | Tax Guide",
        &only_reviewer,
    );
    assert_eq!(doc.meta.authors, vec!["Youval Meicler".to_string()]);
    let source = doc.meta.source.authors.as_deref().unwrap();
    assert!(source.ends_with(":reviewer"), "{source}");
}

#[test]
fn a_page_dump_heading_that_rewords_its_title_is_the_headline() {
    let doc = page_dump(
        "Best Tax Preparation Software | Accounting Guide",
        &["Sign in", "The Best Tax Preparation Software of 2025"],
    );
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("The Best Tax Preparation Software of 2025")
    );
}

/// The `<title>` line below a skip link, the logo and the menu is still the page's title: the
/// heading that rewords it is the headline, and it is no text of the article.
#[test]
fn a_page_title_below_the_menu_is_read_as_the_title() {
    let title = "Council approves budget after marathon session | The Riverside Sentinel";
    let heading = "Marathon session ends as council approves the budget";
    let mut lines = vec![
        "Skip to content",
        "The Riverside Sentinel",
        "News",
        "Politics",
    ];
    lines.extend(["Sport", "Culture", "Weather", title, "Politics", heading]);
    let body = "The city council approved next year's budget on Tuesday evening after more than three hours of heated debate between the majority and the opposition.";
    lines.extend([body; 6]);
    let doc = clean_and_extract(lines.join("\n"));
    assert_eq!(doc.meta.title.as_deref(), Some(heading));
    assert!(!doc.text.contains("The Riverside Sentinel"));
}

/// Two writers joined to both stamps on one line: both names, both dates, and the line leaves
/// the text.
#[test]
fn a_byline_of_two_writers_joined_to_both_stamps() {
    let byline = "Kévin Payet et Sandrine Hoarau • Publié le 21 janvier 2025 à 16h48, mis à jour le 21 janvier 2025 à 19h02";
    let text = article("fr", &[byline]);
    let doc = clean_and_extract(format!("Accueil\nInfo\nSport\n{text}"));
    assert_eq!(doc.meta.authors, ["Kévin Payet", "Sandrine Hoarau"]);
    assert_eq!(
        iso(doc.meta.published_at).as_deref(),
        Some("2025-01-21T16:48:00Z")
    );
    assert_eq!(
        iso(doc.meta.updated_at).as_deref(),
        Some("2025-01-21T19:02:00Z")
    );
    assert!(!doc.text.contains("Publié"));
}

/// A title that only shares words with the headline over a news article's stamp names it.
#[test]
fn a_headline_over_a_stamp_that_shares_the_titles_words_is_the_title() {
    let heading = "Flooding closes the river road as council approves emergency budget";
    let doc = page_dump(
        "River road closed, budget approved after flooding - The Riverside Sentinel",
        &[heading, "By Anna Berg • March 3, 2025 at 9:15 am"],
    );
    assert_eq!(doc.meta.title.as_deref(), Some(heading));
}

/// A heading that keeps most words of a short title, at greater length, rewords it.
#[test]
fn a_long_heading_that_keeps_a_short_titles_words_is_the_headline() {
    let heading = "The city budget passes as council approves spending for schools and roads";
    let doc = page_dump("Council approves the city budget | Riverside", &[heading]);
    assert_eq!(doc.meta.title.as_deref(), Some(heading));
}

#[test]
fn a_page_stamp_that_says_updated_is_the_update_time() {
    let (_, metadata) = stages();
    let page_with = |shown: Option<&str>, value: &str| {
        let mut doc = Document::new(
            "p.html".into(),
            String::new(),
            0,
            Format::Html,
            String::new(),
        );
        doc.page_meta = Some(PageMetadata {
            published: Some(GivenValue {
                value: value.into(),
                source: "html.time_near_title".into(),
            }),
            published_shown: shown.map(str::to_string),
            ..PageMetadata::default()
        });
        metadata.extract(&mut doc);
        (iso(doc.meta.published_at), iso(doc.meta.updated_at))
    };
    let when = Some("2026-01-16T05:00:35Z".to_string());
    assert_eq!(
        page_with(Some("Updated January 16, 2026"), "2026-01-16T05:00:35Z"),
        (None, when.clone())
    );
    assert_eq!(
        page_with(Some("January 16, 2026"), "2026-01-16T05:00:35Z"),
        (when, None)
    );
}

#[test]
fn a_page_dump_headline_after_a_notice_paragraph_is_found() {
    // An affiliate notice is the first paragraph; the headline that spells the title's second
    // part comes after it (without it, the title's first part would be taken).
    let doc = page_dump(
        "Budget 2026 - Council approves the new city budget - Sentinel",
        &[
            "All products featured are chosen by our editors, and we may earn a commission when you buy through our links.",
            "Council approves the new city budget",
        ],
    );
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("Council approves the new city budget")
    );
}

#[test]
fn a_role_after_the_bylines_names_is_no_author() {
    for (lang, byline, stamp, name) in [
        (
            "de",
            "Anke Vollmer, Redakteurin Pflanzenbau",
            "19.02.2025",
            "Anke Vollmer",
        ),
        (
            "ru",
            "Михаил Щербаков, редактор отдела потребительского рынка",
            "11 сентября 2025, 10:30",
            "Михаил Щербаков",
        ),
        (
            "en",
            "Dana Whitfield, Staff Writer",
            "March 4, 2025",
            "Dana Whitfield",
        ),
        (
            "fr",
            "Isabelle Ducharme, collaboration spéciale",
            "Publié le 5 mars 2025 à 5 h 00",
            "Isabelle Ducharme",
        ),
    ] {
        let doc = run(lang, &[byline, stamp]);
        assert_eq!(doc.meta.authors, vec![name.to_string()], "{byline}");
    }
}

#[test]
fn an_update_written_after_a_label_on_a_stamp_line_is_the_update() {
    for (lang, stamp, updated) in [
        (
            "en",
            "June 12, 2019 at 5:47 pm | Updated June 13, 2019 at 8:15 am",
            "2019-06-13T08:15:00Z",
        ),
        (
            "it",
            "16 aprile 2025 • Aggiornato alle 12:34",
            "2025-04-16T12:34:00Z",
        ),
        (
            "ru",
            "Дата изменения: 13.08.2025 10:05",
            "2025-08-13T10:05:00Z",
        ),
        // The label glued to the stamp before it.
        (
            "en",
            "14:32, 3 APR 2024Updated16:05, 3 APR 2024",
            "2024-04-03T16:05:00Z",
        ),
    ] {
        let doc = run(lang, &["Paola Rinaldi", stamp]);
        assert_eq!(
            iso(doc.meta.updated_at),
            Some(updated.to_string()),
            "{stamp}"
        );
    }
}

#[test]
fn a_first_publication_after_the_update_on_one_line_is_the_publication() {
    for (stamp, published, updated) in [
        (
            "Updated March 21 2026 - 9:14am, first published 5:30am",
            "2026-03-21T05:30:00Z",
            "2026-03-21T09:14:00Z",
        ),
        (
            "Updated 11:15am March 2, 2026 ACST · First published 6:41am March 2, 2026 ACST",
            "2026-03-01T21:11:00Z",
            "2026-03-02T01:45:00Z",
        ),
    ] {
        let doc = run("en", &["Paola Rinaldi", stamp]);
        assert_eq!(
            (iso(doc.meta.published_at), iso(doc.meta.updated_at)),
            (Some(published.to_string()), Some(updated.to_string())),
            "{stamp}"
        );
    }
}

#[test]
fn a_byline_word_on_a_line_no_rule_reads_names_the_author() {
    let title = "Council approves the new city budget | The Riverside Sentinel";
    let headline = "Council approves the new city budget";
    for (byline, authors) in [
        ("Posted on July 1, 2024 by infuy", vec!["infuy"]),
        (
            "By Meaghan Weeden ● December 23, 2025 ● 6 min read",
            vec!["Meaghan Weeden"],
        ),
        (
            "Written By: Lena Frost | Filed in Budget",
            vec!["Lena Frost"],
        ),
        ("By Sector", vec![]),
    ] {
        let doc = page_dump(title, &[headline, byline]);
        assert_eq!(doc.meta.authors, authors, "{byline}");
    }
}

#[test]
fn a_byline_and_stamp_over_the_headline_name_the_author() {
    let body = "Ein 47-jähriger Unternehmer soll Hauseigentümern im Weinland Anzahlungen für Solaranlagen abgenommen haben, die nie gebaut wurden. Der Schaden beläuft sich laut Anklage auf 1,2 Millionen Franken.";
    let mut lines = vec![
        "Zürcher Tagespost",
        "Zürich | Schweiz | International | Wirtschaft | Sport",
        "",
        "Zürich > Region Winterthur",
        "Sabine Gerber",
        "14.05.2025, 05.30 Uhr",
        "Falsche Versprechen auf dem Dach: Solarunternehmer vor Gericht",
    ];
    lines.extend([body; 4]);
    let doc = clean_and_extract(lines.join("\n"));
    assert_eq!(doc.meta.authors, vec!["Sabine Gerber".to_string()]);
}

#[test]
fn the_stamp_near_the_headline_comes_before_the_mastheads_date_of_the_day() {
    let body = "Las lluvias de la madrugada activaron tres huaicos en la carretera Central y dejaron aisladas a más de doscientas familias de la provincia.";
    let mut lines = vec![
        "Sábado, 14 de febrero de 2026",
        "Portada",
        "Política",
        "Economía",
        "Deportes",
        "Huaicos dejan aisladas a 200 familias en Huarochirí",
        "Por Milagros Quispe Huamán",
        "Lima, 12/02/2026 07:32 h",
    ];
    lines.extend([body; 6]);
    let doc = clean_and_extract(lines.join("\n"));
    assert_eq!(
        iso(doc.meta.published_at).as_deref(),
        Some("2026-02-12T07:32:00Z"),
        "{:?}",
        doc.meta.source
    );
}

#[test]
fn a_commenters_name_and_stamp_are_no_byline() {
    let mut lines = vec![
        "Yopougon : toujours pas d'eau au robinet",
        "La coupure d'eau touche depuis lundi plusieurs quartiers de Yopougon, où des centaines de familles attendent toujours le passage des camions-citernes.",
        "La société de distribution évoque une panne sur une conduite principale et promet un retour à la normale d'ici la fin de la semaine prochaine.",
        "Les habitants, eux, disent devoir parcourir plusieurs kilomètres chaque matin pour remplir leurs bidons à une fontaine publique du quartier voisin.",
        "Le maire de la commune a annoncé jeudi l'envoi de quatre camions-citernes supplémentaires, sans préciser la date de leur arrivée sur place.",
    ];
    lines.extend([
        "Commentaires (2)",
        "Koffi D. – 11/02/2026 à 15h02",
        "À Selmer c'est pareil depuis le 20 janvier, personne ne nous dit rien.",
        "Mariam T. – 11/02/2026 à 15h47",
        "Trois semaines sans eau et pas un mot de la mairie, c'est une honte.",
    ]);
    let doc = clean_and_extract(lines.join("\n"));
    assert!(doc.meta.authors.is_empty(), "{:?}", doc.meta.authors);
    assert_eq!(doc.meta.published_at, None);
}

#[test]
fn the_place_of_the_articles_dateline_is_no_author() {
    let body = "Puerto del Rosario, 9 feb (EFE).- Una avería en la desaladora de la capital majorera dejó este lunes sin agua a más de nueve mil vecinos de cinco barrios.";
    let rest = "El Consorcio Insular del Agua reparte agua con camiones cisterna y prevé restablecer el suministro el miércoles, según informó en un comunicado.";
    let mut lines = vec![
        "Diario Alisios",
        "Portada",
        "Fuerteventura",
        "Una avería en la desaladora de Puerto del Rosario deja sin agua a más de 9.000 vecinos",
        "Puerto del Rosario 09/02/2026 - 12:40",
        body,
    ];
    lines.extend([rest; 5]);
    let doc = clean_and_extract(lines.join("\n"));
    assert!(
        !doc.meta.authors.contains(&"Puerto del Rosario".to_string()),
        "{:?}",
        doc.meta.authors
    );
}

#[test]
fn a_section_the_breadcrumb_names_is_no_author_beside_the_stamp() {
    let headline = "Castelvecchio-Real Marzano 2-1, la rimonta arriva nel recupero";
    let stamp = "15 Febbraio 2026 | Prima Squadra";
    let doc = page_dump(headline, &["News › Prima Squadra", headline, stamp]);
    assert!(doc.meta.authors.is_empty(), "{:?}", doc.meta.authors);
    // Without the breadcrumb the same line reads as a name beside a stamp.
    let doc = page_dump(headline, &[headline, stamp]);
    assert_eq!(doc.meta.authors, ["Prima Squadra"]);
}

#[test]
fn a_masthead_name_of_six_words_is_the_publisher() {
    let name = "La Gazzetta di Mesolcina e Calanca";
    let top = [
        name,
        "Regione",
        "Mesolcina",
        "Calanca",
        "Grigioni",
        "Svizzera",
    ];
    let doc = run_page("it", &top, &[&format!("© {name}")]);
    assert_eq!(doc.meta.publisher.as_deref(), Some(name));
}

#[test]
fn a_masthead_in_capitals_is_the_name_the_footer_writes() {
    let top = ["THE BUSINESS MERIDIAN", "Markets", "Tech", "Opinion"];
    let bottom = [
        "The Business Meridian is published by Meridian Media Pte Ltd.",
        "© 2026 Meridian Media Pte Ltd. All rights reserved.",
    ];
    let doc = run_page("en", &top, &bottom);
    assert_eq!(doc.meta.publisher.as_deref(), Some("The Business Meridian"));
}

#[test]
fn the_title_lines_site_part_that_the_logo_spells_is_the_publisher() {
    // The site is named in the title line and by its logo or its domain, never below the
    // article; a subscription tier the paywall names below ("«Обозреватель+»") is no site.
    let title = "Городская дума приняла новый бюджет | Рижский обозреватель";
    let top = [
        title,
        "Рижский обозреватель",
        "Новости | Латвия | Рига",
        "Обозреватель+",
    ];
    let bottom = ["Дочитать эту статью можно с подпиской «Обозреватель+»"];
    let doc = run_page("ru", &top, &bottom);
    assert_eq!(doc.meta.publisher.as_deref(), Some("Рижский обозреватель"));
    let title = "Stadtrat beschließt den neuen Haushalt – Bündnerblick";
    let top = [title, "bündnerblick.ch", "Chur", "Davos", "Engadin"];
    let bottom = ["bündnerblick.ch ist ein Angebot der Rätia Medien AG, Chur."];
    let doc = run_page("de", &top, &bottom);
    assert_eq!(doc.meta.publisher.as_deref(), Some("Bündnerblick"));
}

/// Without a logo line above the article, the footer's line that spells the title line's site
/// names it: not a tag or a section that the page also repeats.
#[test]
fn the_title_lines_site_part_that_the_footer_spells_is_the_publisher() {
    let title = "Il consiglio approva il nuovo bilancio | Corriere Subalpino";
    let top = [title, "Piemonte", "Cronaca | Economia | Sport | Cultura"];
    let bottom = ["Mirafiori Politecnico Piemonte", "Corriere Subalpino"];
    let doc = run_page("it", &top, &bottom);
    assert_eq!(doc.meta.publisher.as_deref(), Some("Corriere Subalpino"));
}

#[test]
fn a_bare_bylines_names_leave_its_outlet_or_place_out() {
    let (_, metadata) = stages();
    let value = |text: &'static str| LineValue {
        rule_id: BARE_BYLINE_RULE,
        field: MetaField::Author,
        text: text.to_string(),
        line: 0,
        line_text: text,
    };
    assert_eq!(
        metadata.byline_line_names(&value("Antía Rey Brandariz · Ponteceso"), false),
        ["Antía Rey Brandariz"]
    );
    assert_eq!(
        metadata.byline_line_names(&value("Anna Kolesnikova, Pavel Zharov"), false),
        ["Anna Kolesnikova", "Pavel Zharov"]
    );
}

#[test]
fn consecutive_bare_bylines_are_one_byline_but_a_long_run_is_a_list() {
    let (_, metadata) = stages();
    let values = |names: &[&'static str]| -> Vec<LineValue> {
        names
            .iter()
            .enumerate()
            .map(|(line, name)| LineValue {
                rule_id: BARE_BYLINE_RULE,
                field: MetaField::Author,
                text: name.to_string(),
                line,
                line_text: name,
            })
            .collect()
    };
    let (_, authors) = metadata
        .authors_from_lines(
            &values(&["Marie-Ève Tremblay", "Isabelle Ducharme"]),
            "",
            false,
        )
        .unwrap();
    assert_eq!(authors, ["Marie-Ève Tremblay", "Isabelle Ducharme"]);
    let line_up = [
        "Mark Normand",
        "Ruthie Foster",
        "Charlie Musselwhite",
        "Elias Rønnenfelt",
    ];
    let (_, authors) = metadata
        .authors_from_lines(&values(&line_up), "", false)
        .unwrap();
    assert_eq!(authors, ["Mark Normand"]);
}

#[test]
fn a_later_stamp_gives_the_time_of_the_day_an_earlier_one_dated() {
    let doc = run(
        "ru",
        &[
            "№ 5 (11842) от 5 февраля 2024 г.",
            "Андрей Куликов",
            "Опубликовано 05.02.2024 в 09:00 МСК",
        ],
    );
    assert_eq!(
        iso(doc.meta.published_at),
        Some("2024-02-05T06:00:00Z".to_string())
    );
}

#[test]
fn a_photographers_copyright_names_no_publisher() {
    let footer = "© 2025 Midland Weekly Media Ltd. All rights reserved.";
    let doc = run_page("en", &["© Vito Mastrangelo"], &[footer]);
    assert_eq!(doc.meta.publisher.as_deref(), Some("Midland Weekly Media"));
}

#[test]
fn writers_on_lines_of_their_own_with_their_roles_are_all_authors() {
    let body = "Am Montagmorgen ging am Zürcher Central nichts mehr: Eine gerissene Fahrleitung legte sechs Tramlinien lahm, Tausende Pendler mussten zu Fuss weiter.";
    let mut lines = vec![
        "Züri-Express",
        "News Schweiz Ausland Wirtschaft Sport",
        "Tram-Chaos am Central – Tausende Pendler stranden im Morgenverkehr",
        "Reto Gasser, Redaktor News",
        "Nadja Zimmerli, Reporterin",
        "Publiziert: 12.02.2024 um 06:47 Uhr",
    ];
    lines.extend([body; 4]);
    let doc = clean_and_extract(lines.join("\n"));
    assert_eq!(
        doc.meta.authors,
        vec!["Reto Gasser".to_string(), "Nadja Zimmerli".to_string()]
    );
}

#[test]
fn writers_listed_with_commas_before_the_stamp_are_all_authors_roles_are_not() {
    let body = "Уровень воды в Самаре-реке за сутки поднялся на 40 сантиметров, и спасатели начали эвакуацию жителей двух дачных поселков на левом берегу.";
    let page = |byline: &str| {
        let mut lines = vec![
            "ТРК Самара-Волга",
            "Новости Экономика Спорт Культура",
            "Паводок в Самаре: вода подошла к дачным поселкам на левом берегу",
            byline,
        ];
        lines.extend([body; 4]);
        clean_and_extract(lines.join("\n")).meta.authors
    };
    assert_eq!(
        page("Ирина Гусева, Павел Дронов • 10.04.2024 19:20"),
        vec!["Ирина Гусева".to_string(), "Павел Дронов".to_string()]
    );
    assert_eq!(
        page("Ethan Marsh, Local Democracy Reporter • 10.04.2024 19:20"),
        vec!["Ethan Marsh".to_string()]
    );
}

#[test]
fn writers_with_the_cities_they_wrote_from_are_the_authors() {
    let body = "The Centre has cut the subsidy for electric two-wheelers by a third from April, and makers say the price of an entry-level scooter will rise by about ₹12,000.";
    let mut lines = vec![
        "The Commerce Herald",
        "Markets Industry Economy Opinion",
        "Centre trims EV subsidy as makers brace for slower sales",
        "Ananya Iyer, Mumbai | Rahul Menon, New Delhi",
        "First Published: 13 Mar 2024, 08:15 PM IST",
    ];
    lines.extend([body; 4]);
    let doc = clean_and_extract(lines.join("\n"));
    assert_eq!(
        doc.meta.authors,
        vec!["Ananya Iyer".to_string(), "Rahul Menon".to_string()]
    );
}

#[test]
fn the_copyright_marks_line_names_the_publisher_before_a_rights_phrase_does() {
    assert!(has_copyright_mark("© 2024 Prairie Lakes Report"));
    assert!(has_copyright_mark("(c) 2024 The Courier"));
    assert!(!has_copyright_mark(
        "Prairie Lakes Report is a nonprofit newsroom. We are a 501(c)(3) organization."
    ));
}

#[test]
fn a_name_before_a_stamp_is_followed_by_the_stamp_not_by_a_verb() {
    let body = "Die Fähre zwischen Farge und Berne fällt wegen einer defekten Rampe bis Ende Mai aus; Pendler müssen einen Umweg über die Brücke in Kauf nehmen.";
    let mut lines = vec![
        "Weserwelle",
        "Nachrichten Sport Kultur",
        "Weserfähre fällt bis Ende Mai aus",
        "Dieses Video ist bis zum 14.05.2025 verfügbar.",
    ];
    lines.extend([body; 4]);
    let doc = clean_and_extract(lines.join("\n"));
    assert!(doc.meta.authors.is_empty(), "{:?}", doc.meta.authors);
}

#[test]
fn a_stamped_byline_may_write_its_name_in_capitals() {
    let doc = run(
        "en",
        &["By STELLA OKONKWO-ADEYEMI | April 18, 2024 8:15 am WAT"],
    );
    assert_eq!(doc.meta.authors, vec!["STELLA OKONKWO-ADEYEMI"]);
    // Without a stamp, a line in capitals after "By" is a fact box's heading.
    let doc = run("en", &["BY THE NUMBERS"]);
    assert!(doc.meta.authors.is_empty(), "{:?}", doc.meta.authors);
}

#[test]
fn a_forum_threads_first_poster_is_its_author() {
    let (_, metadata) = stages();
    let header = |lines: &[&str]| -> Vec<String> { lines.iter().map(|l| l.to_string()).collect() };
    // Discourse: the handle, the display name in brackets, the stamp and the post's number.
    let discourse = header(&[
        "Docker Desktop",
        "amondale (Amondale) November 8, 2024, 7:33pm 1",
        "I am just getting back in to using Docker.",
    ]);
    assert_eq!(
        metadata.first_post_handle(&discourse, &[]).as_deref(),
        Some("amondale")
    );
    // The handle alone over the first post's stamp.
    let above = header(&["AquaCare", "Aug 08, 2006 #1 2006-08-08T22:13+00:00"]);
    assert_eq!(metadata.first_post_handle(&above, &[]), None);
    let above = header(&["AquaCare", "Aug 08, 2006 #1"]);
    assert_eq!(
        metadata.first_post_handle(&above, &[]).as_deref(),
        Some("AquaCare")
    );
    // A later post's number, a label before the stamp: no first post's author.
    let later = header(&["blumo September 22, 2024, 2:43pm 4"]);
    assert_eq!(metadata.first_post_handle(&later, &[]), None);
    let label = header(&["Updated September 22, 2024, 2:43pm 1"]);
    assert_eq!(metadata.first_post_handle(&label, &[]), None);
}

#[test]
fn a_stamp_line_finishes_what_its_rule_left_out() {
    // The time after the rule's value and the zone the line writes once.
    let cases = [
        (
            "Rambla de Pocitos: habilitan un nuevo tramo de ciclovía",
            "Por Valentina Pereyra | 9 de julio de 2024 · 07:15",
            "2024-07-09T07:15:00Z",
            None,
        ),
        (
            "Campagne sucrière : un bilan contrasté",
            "Publié le 04/08/2025 à 06:30, mis à jour le 04/08/2025 à 11:52 (heure de La Réunion, UTC+4)",
            "2025-08-04T02:30:00Z",
            Some("2025-08-04T07:52:00Z"),
        ),
    ];
    for (headline, stamp, published, updated) in cases {
        let doc = page_dump(headline, &[headline, stamp]);
        assert_eq!(
            iso(doc.meta.published_at).as_deref(),
            Some(published),
            "{stamp}"
        );
        assert_eq!(iso(doc.meta.updated_at).as_deref(), updated, "{stamp}");
    }
}

#[test]
fn an_update_stamp_after_the_byline_is_no_publication() {
    let doc = page_dump(
        "Waldbrand bei Hauenstein: Feuerwehr kämpft seit der Nacht gegen Flammen",
        &[
            "Waldbrand bei Hauenstein: Feuerwehr kämpft seit der Nacht gegen Flammen",
            "Tobias Lang | Stand: 21.08.2024, 09:12 Uhr",
        ],
    );
    assert_eq!(doc.meta.published_at, None);
    assert!(doc.meta.updated_at.is_some());
    // A byline word a rule's pattern read with the name is left out.
    let (_, metadata) = stages();
    assert_eq!(
        metadata.without_byline_word("Di Antonio Scalise".into()),
        "Antonio Scalise"
    );
    assert_eq!(metadata.without_byline_word("Di Maio".into()), "Di Maio");
}

#[test]
fn the_stamp_before_an_update_label_on_one_line_is_the_publication() {
    let doc = page_dump(
        "Station masters' strike: thousands stranded as trains cancelled",
        &[
            "Station masters' strike: thousands stranded as trains cancelled",
            "21 May 2024 09:47 am · Updated 12:15 pm (GMT+5:30)",
        ],
    );
    assert_eq!(
        iso(doc.meta.published_at).as_deref(),
        Some("2024-05-21T04:17:00Z")
    );
    assert_eq!(
        iso(doc.meta.updated_at).as_deref(),
        Some("2024-05-21T06:45:00Z")
    );
}

/// A first name or a handle alone over the stamp, under the headline, is the writer; a menu's
/// last item over a stamp is not.
#[test]
fn a_first_name_alone_over_the_stamp_under_the_headline_is_the_author() {
    let doc = page_dump(
        "Council approves the new city budget | The Riverside Sentinel",
        &[
            "Council approves the new city budget",
            "Three hours of debate end in a narrow vote",
            "Tomasz",
            "March 3, 2025",
            "4 min read",
        ],
    );
    assert_eq!(doc.meta.authors, vec!["Tomasz".to_string()]);
    let doc = page_dump(
        "Council approves the new city budget | The Riverside Sentinel",
        &[
            "Council approves the new city budget",
            "Students",
            "Alumni",
            "March 3, 2025",
        ],
    );
    assert!(doc.meta.authors.is_empty(), "{:?}", doc.meta.authors);
}

/// A blog's stamp of the year's posts gives a day and a month only: the name beside it is the
/// writer's all the same.
#[test]
fn a_name_beside_a_day_and_month_stamp_is_the_author() {
    let doc = page_dump(
        "Council approves the new city budget | The Riverside Sentinel",
        &[
            "Council approves the new city budget",
            "Dana Whitfield",
            "Sep 16",
            "3 min read",
        ],
    );
    assert_eq!(doc.meta.authors, vec!["Dana Whitfield".to_string()]);
    assert_eq!(doc.meta.published_at, None);
}
