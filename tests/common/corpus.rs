//! A deterministic generator of news-like input files, so tests that need thousands of
//! documents need nothing outside the repository. Documents are in English, French or German,
//! several paragraphs long, with a headline, often a byline, and the boilerplate lines real
//! pages carry (share prompts, ad labels, photo credits, newsletter and paywall lines); about
//! a third are Markdown with YAML front matter. The same seed gives the same bytes.

use std::path::Path;

/// A small xorshift generator: print the seed so a failing run can be replayed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        // xorshift is stuck at 0; mix the seed so nearby seeds give different streams.
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next_f64(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A number in `low..=high`.
    pub fn range(&mut self, low: usize, high: usize) -> usize {
        low + (self.next_f64() * (high - low + 1) as f64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.range(0, items.len() - 1)]
    }
}

/// The words one language's sentences are assembled from.
struct Language {
    code: &'static str,
    subjects: &'static [&'static str],
    verbs: &'static [&'static str],
    objects: &'static [&'static str],
    tails: &'static [&'static str],
    said: &'static str,
    byline: &'static str,
    boilerplate: &'static [&'static str],
    footer: &'static [&'static str],
}

const NAMES: &[&str] = &[
    "Anna Martin",
    "Jonas Schmidt",
    "Marta García",
    "Elena Rossi",
    "David Cohen",
    "Nora Nilsson",
    "Karim Haddad",
    "Sofia Kowalski",
];

const ENGLISH: Language = Language {
    code: "en",
    subjects: &[
        "The city council",
        "The new government",
        "A group of researchers",
        "The regional hospital",
        "Local farmers",
        "The transport authority",
        "Several unions",
        "The central bank",
    ],
    verbs: &[
        "announced",
        "rejected",
        "postponed",
        "defended",
        "criticised",
        "approved",
        "published",
        "reviewed",
    ],
    objects: &[
        "a plan to rebuild the old bridge",
        "the budget for next year",
        "a report on water quality",
        "new rules for rental housing",
        "the closure of two rural schools",
        "an agreement on wages",
        "a study of air pollution",
        "the timetable for the new tram line",
    ],
    tails: &[
        "after months of debate",
        "despite strong protests from residents",
        "in a statement on Tuesday",
        "following a heated session",
        "without giving further details",
        "as prices continued to rise",
    ],
    said: "said",
    byline: "By",
    boilerplate: &[
        "Share this article",
        "Advertisement",
        "Read more:",
        "Photo: {name} / Reuters",
        "Follow us on Twitter and Facebook.",
        "Sign up for our daily newsletter.",
    ],
    footer: &[
        "Subscribe to continue reading.",
        "Already a subscriber? Log in to read the full story.",
        "Copyright 2024 The Riverside Sentinel. All rights reserved.",
        "Get the best stories delivered to your inbox every morning.",
    ],
};

const FRENCH: Language = Language {
    code: "fr",
    subjects: &[
        "Le conseil municipal",
        "Le nouveau gouvernement",
        "Une équipe de chercheurs",
        "L'hôpital régional",
        "Les agriculteurs de la région",
        "La société de transport",
        "Plusieurs syndicats",
        "La banque centrale",
    ],
    verbs: &[
        "a annoncé",
        "a rejeté",
        "a reporté",
        "a défendu",
        "a critiqué",
        "a approuvé",
        "a publié",
        "a examiné",
    ],
    objects: &[
        "un projet de reconstruction du vieux pont",
        "le budget de l'année prochaine",
        "un rapport sur la qualité de l'eau",
        "de nouvelles règles pour les logements",
        "la fermeture de deux écoles rurales",
        "un accord sur les salaires",
        "une étude sur la pollution de l'air",
        "le calendrier de la nouvelle ligne de tramway",
    ],
    tails: &[
        "après des mois de débat",
        "malgré les protestations des habitants",
        "dans un communiqué publié mardi",
        "à l'issue d'une séance agitée",
        "sans donner plus de détails",
        "alors que les prix continuent d'augmenter",
    ],
    said: "a déclaré",
    byline: "Par",
    boilerplate: &[
        "Partager cet article",
        "Publicité",
        "Lire aussi :",
        "Photo : {name} / AFP",
        "Inscrivez-vous à notre newsletter.",
    ],
    footer: &[
        "Cet article est réservé aux abonnés.",
        "Déjà abonné ? Connectez-vous.",
        "Tous droits réservés.",
    ],
};

const GERMAN: Language = Language {
    code: "de",
    subjects: &[
        "Der Stadtrat",
        "Die neue Regierung",
        "Eine Gruppe von Forschern",
        "Das Krankenhaus der Region",
        "Die Landwirte der Gegend",
        "Die Verkehrsbehörde",
        "Mehrere Gewerkschaften",
        "Die Zentralbank",
    ],
    verbs: &[
        "hat angekündigt",
        "hat abgelehnt",
        "hat verschoben",
        "hat verteidigt",
        "hat kritisiert",
        "hat gebilligt",
        "hat veröffentlicht",
        "hat geprüft",
    ],
    objects: &[
        "einen Plan für den Neubau der alten Brücke",
        "den Haushalt für das nächste Jahr",
        "einen Bericht über die Wasserqualität",
        "neue Regeln für Mietwohnungen",
        "die Schließung von zwei Dorfschulen",
        "eine Einigung über die Löhne",
        "eine Studie über die Luftverschmutzung",
        "den Zeitplan für die neue Straßenbahn",
    ],
    tails: &[
        "nach monatelanger Debatte",
        "trotz heftiger Proteste der Anwohner",
        "in einer Mitteilung am Dienstag",
        "nach einer hitzigen Sitzung",
        "ohne weitere Einzelheiten zu nennen",
        "während die Preise weiter steigen",
    ],
    said: "sagte",
    byline: "Von",
    boilerplate: &[
        "Artikel teilen",
        "Anzeige",
        "Lesen Sie auch:",
        "Foto: {name} / dpa",
        "Melden Sie sich für unseren Newsletter an.",
    ],
    footer: &[
        "Dieser Artikel ist nur für Abonnenten verfügbar.",
        "Sie sind bereits Abonnent? Hier anmelden.",
        "Alle Rechte vorbehalten.",
    ],
};

fn sentence(rng: &mut Rng, lang: &Language) -> String {
    let mut text = format!(
        "{} {} {}",
        rng.pick(lang.subjects),
        rng.pick(lang.verbs),
        rng.pick(lang.objects)
    );
    if rng.next_f64() < 0.6 {
        text = format!("{text} {}", rng.pick(lang.tails));
    }
    if rng.next_f64() < 0.25 {
        text = format!("{text}, {} {}", lang.said, rng.pick(NAMES));
    }
    text + "."
}

fn paragraph(rng: &mut Rng, lang: &Language) -> String {
    let n = rng.range(2, 6);
    (0..n)
        .map(|_| sentence(rng, lang))
        .collect::<Vec<_>>()
        .join(" ")
}

/// One document: its extension (`txt` or `md`) and its text.
pub fn news_document(rng: &mut Rng) -> (&'static str, String) {
    let lang = [&ENGLISH, &ENGLISH, &FRENCH, &GERMAN][rng.range(0, 3)];
    let markdown = rng.next_f64() < 0.3;
    let headline = sentence(rng, lang).trim_end_matches('.').to_string();
    let author = rng.pick(NAMES);
    let date = format!("2024-{:02}-{:02}", rng.range(1, 12), rng.range(1, 28));
    let mut lines = Vec::new();
    if markdown {
        lines.push("---".to_string());
        lines.push(format!("title: \"{headline}\""));
        lines.push(format!("author: {author}"));
        lines.push(format!("date: {date}"));
        lines.push(format!(
            "url: https://news.example/{}/{}",
            lang.code,
            rng.range(10_000, 999_999)
        ));
        lines.push("---".to_string());
        lines.push(String::new());
        lines.push(format!("# {headline}"));
    } else {
        lines.push(headline);
        if rng.next_f64() < 0.6 {
            lines.push(format!("{} {author} | {date}", lang.byline));
        }
    }
    lines.push(String::new());
    for _ in 0..rng.range(3, 14) {
        if rng.next_f64() < 0.12 {
            let line = rng
                .pick(lang.boilerplate)
                .replace("{name}", rng.pick(NAMES));
            lines.push(line);
        } else {
            lines.push(paragraph(rng, lang));
        }
        lines.push(String::new());
    }
    for _ in 0..rng.range(0, 2) {
        lines.push(rng.pick(lang.footer).to_string());
    }
    let ext = if markdown { "md" } else { "txt" };
    (ext, lines.join("\n") + "\n")
}

/// Writes `docs` generated documents into `dir`, 500 per subfolder (`0000/`, `0001/`, ...).
pub fn write_news_corpus(dir: &Path, docs: usize, seed: u64) {
    let mut rng = Rng::new(seed);
    for i in 0..docs {
        let (ext, text) = news_document(&mut rng);
        let path = dir
            .join(format!("{:04}", i / 500))
            .join(format!("{i:06}.{ext}"));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}
