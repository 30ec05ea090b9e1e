//! HTML pages as inputs: the test writes pages in several charsets, gzipped and broken, builds
//! them, and reads back the article text, the page's metadata with its sources, and the rejects.

mod common;

use arrow::array::{Array, AsArray, RecordBatch};
use common::*;
use std::io::Write;
use std::path::Path;

const PARAGRAPHS: &str = "<p>Le conseil municipal a voté mardi soir le report du budget au printemps, après un long débat sur le coût du nouveau pont.</p>\
<p>L'opposition a dénoncé une décision prise à la hâte, tandis que la majorité a défendu la prudence face à la hausse des taux d'intérêt.</p>\
<p>Le maire a promis de présenter un nouveau projet détaillé lors de la prochaine séance, prévue au début du mois de mars.</p>";

fn page(head: &str, title: &str) -> String {
    format!(
        r#"<!DOCTYPE html><html lang="fr"><head>{head}<title>{title} | La Gazette</title></head>
<body><nav><a href="/">Accueil</a> <a href="/sport">Sport</a> <a href="/meteo">Météo</a></nav>
<article><h1>{title}</h1>{PARAGRAPHS}</article>
<footer><p>Tous droits réservés à La Gazette du Centre, reproduction interdite sans accord écrit.</p></footer>
</body></html>"#
    )
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn write_pages(input: &Path) {
    let utf8 = page(
        r#"<meta charset="utf-8"><meta name="author" content="Marie Dupont">
<meta property="article:published_time" content="2025-03-04T08:00:00+01:00">"#,
        "Le budget reporté au printemps",
    );
    std::fs::write(input.join("utf8.html"), utf8).unwrap();
    let legacy = page(
        r#"<meta charset="windows-1252">"#,
        "Séance houleuse à la mairie",
    );
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&legacy);
    std::fs::write(input.join("legacy.htm"), &bytes).unwrap();
    // Declares UTF-8, but the bytes are windows-1252: detection overrules the declaration.
    let wrong = page(r#"<meta charset="utf-8">"#, "Débat sur le pont");
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&wrong);
    std::fs::write(input.join("wrong_charset.html"), &bytes).unwrap();
    let json_ld = page(
        r##"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
{"@type":"NewsArticle","headline":"Le pont coûtera plus cher","datePublished":"2024-11-20T10:00:00Z",
 "dateModified":"2024-11-21T09:00:00Z","author":[{"@id":"#p1"}],"publisher":{"@type":"Organization","name":"La Gazette du Centre"}},
{"@type":"Person","@id":"#p1","name":"Jean Martin"}]}</script>
<link rel="canonical" href="https://gazette.example/pont">"##,
        "Le pont coûtera plus cher",
    );
    std::fs::write(input.join("jsonld.html.gz"), gzip(json_ld.as_bytes())).unwrap();
    let whole = gzip(page("", "Tronqué").as_bytes());
    std::fs::write(input.join("truncated.html.gz"), &whole[..whole.len() / 2]).unwrap();
    std::fs::write(input.join("not_html.html"), b"\x89PNG\r\n\x1a\n\x00\x00").unwrap();
}

fn struct_strings(batch: &RecordBatch, column: &str, field: &str) -> Vec<Option<String>> {
    let array = batch.column_by_name(column).unwrap().as_struct();
    let values = array.column_by_name(field).unwrap().as_string::<i32>();
    (0..values.len())
        .map(|i| (!values.is_null(i)).then(|| values.value(i).to_string()))
        .collect()
}

#[test]
fn html_pages_build_with_their_text_metadata_and_rejects() {
    let dir = tempfile::tempdir().unwrap();
    let (input, out) = (dir.path().join("in"), dir.path().join("out"));
    std::fs::create_dir(&input).unwrap();
    write_pages(&input);
    build(&input, &out, &["-q"]);
    let docs = read_table(&out.join("documents"));
    let rejects = read_table(&out.join("rejects"));
    let row = |name: &str| row_of(&docs, "source_path", name);

    assert_eq!(docs.num_rows() + rejects.num_rows(), 6);
    let mut rejected: Vec<(String, String)> = strings(&rejects, "source_path")
        .into_iter()
        .zip(strings(&rejects, "reason"))
        .map(|(p, r)| (p.unwrap(), r.unwrap()))
        .collect();
    rejected.sort();
    assert_eq!(
        rejected,
        [
            ("not_html.html".to_string(), "binary".to_string()),
            ("truncated.html.gz".to_string(), "unreadable".to_string())
        ]
    );

    let format = strings(&docs, "format");
    let encoding = strings(&docs, "encoding");
    let text = strings(&docs, "text");
    let title = strings(&docs, "title");
    let title_source = struct_strings(&docs, "metadata_source", "title");
    for name in [
        "utf8.html",
        "legacy.htm",
        "wrong_charset.html",
        "jsonld.html.gz",
    ] {
        let r = row(name);
        assert_eq!(format[r].as_deref(), Some("html"), "{name}");
        let text = text[r].as_deref().unwrap();
        assert!(
            text.contains("la hausse des taux d'intérêt"),
            "{name}: {text}"
        );
        assert!(!text.contains("Tous droits réservés"), "{name}: {text}");
        assert!(!text.contains("Accueil"), "{name}: {text}");
        assert_eq!(title_source[r].as_deref(), Some("html.h1"), "{name}");
    }
    assert_eq!(encoding[row("utf8.html")].as_deref(), Some("utf-8"));
    assert_eq!(encoding[row("legacy.htm")].as_deref(), Some("windows-1252"));
    assert_eq!(
        encoding[row("wrong_charset.html")].as_deref(),
        Some("windows-1252")
    );
    assert_eq!(
        title[row("legacy.htm")].as_deref(),
        Some("Séance houleuse à la mairie")
    );
    let warnings = string_lists(&docs, "warnings");
    assert!(
        warnings[row("wrong_charset.html")]
            .iter()
            .any(|w| w.contains("not valid UTF-8")),
        "{:?}",
        warnings[row("wrong_charset.html")]
    );

    // The dropped footer is listed as outside the article.
    let removed = removals(&docs);
    assert!(
        removed[row("utf8.html")]
            .iter()
            .any(|(rule, text)| rule == "html.outside_article"
                && text.contains("Tous droits réservés")),
        "{:?}",
        removed[row("utf8.html")]
    );

    let authors = string_lists(&docs, "authors");
    let published = timestamps(&docs, "published_at");
    let updated = timestamps(&docs, "updated_at");
    let author_source = struct_strings(&docs, "metadata_source", "authors");
    let published_source = struct_strings(&docs, "metadata_source", "published_at");
    let url = strings(&docs, "url");
    let url_source = struct_strings(&docs, "metadata_source", "url");
    let publisher = strings(&docs, "publisher");

    let r = row("utf8.html");
    assert_eq!(authors[r], ["Marie Dupont"]);
    assert_eq!(author_source[r].as_deref(), Some("html.meta.author"));
    // 2025-03-04T08:00:00+01:00 is 07:00 UTC.
    assert_eq!(published[r], Some(1_741_071_600_000_000));
    assert_eq!(
        published_source[r].as_deref(),
        Some("html.meta.article:published_time")
    );

    let r = row("jsonld.html.gz");
    assert_eq!(title[r].as_deref(), Some("Le pont coûtera plus cher"));
    assert_eq!(authors[r], ["Jean Martin"]);
    assert_eq!(author_source[r].as_deref(), Some("html.json_ld.author"));
    assert_eq!(published[r], Some(1_732_096_800_000_000));
    assert_eq!(
        published_source[r].as_deref(),
        Some("html.json_ld.datePublished")
    );
    assert_eq!(updated[r], Some(1_732_179_600_000_000));
    assert_eq!(url[r].as_deref(), Some("https://gazette.example/pont"));
    assert_eq!(url_source[r].as_deref(), Some("html.link.canonical"));
    assert_eq!(publisher[r].as_deref(), Some("La Gazette du Centre"));
}
