//! Date parsing for front matter values and publication stamps in six languages and more:
//! ISO 8601, numeric day-first dates, and day-month-year / month-day-year with month names.
//! Times and zones are kept when given; a time without a zone is read as UTC.

use chrono::{Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Weekday};
use regex::Regex;
use std::sync::LazyLock;

/// Month names and abbreviations, folded (lowercase, no accents), by month number.
const MONTHS: [&[&str]; 12] = [
    &[
        "janvier",
        "january",
        "januar",
        "janner",
        "enero",
        "gennaio",
        "января",
        "январь",
        "janeiro",
        "januari",
        "styczen",
        "stycznia",
    ],
    &[
        "fevrier",
        "february",
        "februar",
        "febrero",
        "febbraio",
        "февраля",
        "февраль",
        "fevereiro",
        "februari",
        "fev",
        "fevr",
        "lutego",
        "luty",
    ],
    &[
        "mars",
        "march",
        "marz",
        "marzo",
        "марта",
        "март",
        "marco",
        "maart",
        "marca",
        "marzec",
    ],
    &[
        "avril",
        "april",
        "abril",
        "aprile",
        "апреля",
        "апрель",
        "kwietnia",
        "kwiecien",
    ],
    &[
        "mai", "may", "mayo", "maggio", "мая", "май", "maio", "mei", "maja", "maj",
    ],
    &[
        "juin", "june", "juni", "junio", "giugno", "июня", "июнь", "junho", "czerwca", "czerwiec",
    ],
    &[
        "juillet", "july", "juli", "julio", "luglio", "июля", "июль", "julho", "lipca", "lipiec",
        "juil",
    ],
    &[
        "aout",
        "august",
        "agosto",
        "августа",
        "август",
        "augustus",
        "sierpnia",
        "sierpien",
    ],
    &[
        "septembre",
        "september",
        "septiembre",
        "setiembre",
        "settembre",
        "сентября",
        "сентябрь",
        "setembro",
        "wrzesnia",
        "wrzesien",
    ],
    &[
        "octobre",
        "october",
        "oktober",
        "octubre",
        "ottobre",
        "октября",
        "октябрь",
        "outubro",
        "pazdziernika",
    ],
    &[
        "novembre",
        "november",
        "noviembre",
        "ноября",
        "ноябрь",
        "novembro",
        "listopada",
        "listopad",
    ],
    &[
        "decembre",
        "december",
        "dezember",
        "diciembre",
        "dicembre",
        "декабря",
        "декабрь",
        "dezembro",
        "grudnia",
        "grudzien",
    ],
];

/// Month number of a folded month name or abbreviation (at least three letters).
fn month_number(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.');
    if word.chars().count() < 3 {
        return None;
    }
    for (index, names) in MONTHS.iter().enumerate() {
        if names.contains(&word) {
            return Some(index as u32 + 1);
        }
    }
    // Abbreviations: "nov", "sept", "déc", "нояб", "Okt".
    MONTHS
        .iter()
        .position(|names| names.iter().any(|name| name.starts_with(word)))
        .map(|i| i as u32 + 1)
}

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{4})-(\d{2})-(\d{2})(?:[t ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(z\b|[+-]\d{2}:?\d{2})?").unwrap()
});
/// "12.11.2025", "12/11/25", "02-12-2025": with dashes only before a four-digit year, where a
/// score or a range ("3-1-25") cannot be meant.
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{1,2})(?:[./·](\d{1,2})[./·](\d{4}|\d{2})|-(\d{1,2})-(\d{4}))\b").unwrap()
});
/// "2025/4/29", "2025.12.17": the year first, then the month and the day, as East Asian sites and
/// some blogs write it. Only years of this century and the last, and with dots only a two-digit
/// month and day: "2024.4.4" is a calendar-versioned release (Home Assistant's), not a date.
static YEAR_MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b((?:19|20)\d{2})(?:/(\d{1,2})/(\d{1,2})|\.(\d{2})\.(\d{2}))\b").unwrap()
});
/// "3 March 2024", "3 de septiembre de 2024", and with dashes "19-Dec-2025".
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{1,2})(?:(?:er|st|nd|rd|th|\.|º|°)?\s+(?:de\s+)?(\p{L}{3,}\.?),?\s+(?:de\s+|del\s+)?|-(\p{L}{3,})-)(\d{4})\b").unwrap()
});
/// "March 3, 2024", and with a full stop after the day "Jul. 11. 2025".
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\p{L}{3,})\.?\s+(\d{1,2})(?:st|nd|rd|th)?[,.]?\s+(\d{4})\b").unwrap()
});
/// A line that is only a day and a month, as blogs write the stamp of a post of the year: "Jun
/// 9", "Sept. 16", "2 Jun", "30th November".
static DAY_AND_MONTH_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(\p{L}{3,})\.?\s+(\d{1,2})(?:st|nd|rd|th)?|(\d{1,2})(?:st|nd|rd|th|\.)?\s+(\p{L}{3,})\.?)$").unwrap()
});
/// "16:38", "10h15", "07.00 gmt", "2:15 pm gmt", "9:45 a.m. et", "7:35 p. m.", "14:30 uhr",
/// "14:30 (мск)".
/// A US zone ("et") counts only after a.m./p.m., so the French "et" ("and") is never a zone.
static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{1,2})\s?[:h.]\s?(\d{2})(?::(\d{2}))?(?:\s*([ap](?:\.\s?)?m\.?)(?:\s*(et|ct|mt|pt)\b)?)?(?:\s*(?:uhr|horas|hrs?|hs|h)\b)?(?:\s*\(?(?:[^()0-9,]{1,30},\s*)?(?:((?:utc|gmt|msk|мск)\s?[+-]\d{1,2}(?::?\d{2})?\b|utc|gmt|wet|west|cet|cest|mesz|mez|eet|eest|msk|мск|bst|edt|est|cdt|cst|mdt|mst|pdt|pst|hst|akst|akdt|aedt|aest|acdt|acst|awst|nzdt|nzst|fjt|jst|kst|hkt|sgt|myt|pht|wib|wita|ict|pkt|npt|gst|eat|cat|wat|sast|art|brt|clt|clst|cot|pet|vet|bot|pyt|uyt|ast|adt|hna|haa|hne|hae|hnc|hac|hnr|hnp|hap|ist|z|[+-]\d{2}:?\d{2})\b)\)?)?(?:\s*(?:utc|gmt)\s*([+-]\d{1,2})\b)?").unwrap()
});

/// What a date stamp says: a date, a time, a zone offset, each only when written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stamp {
    pub date: Option<NaiveDate>,
    pub time: Option<NaiveTime>,
    /// Seconds east of UTC.
    pub offset: Option<i32>,
}

impl Stamp {
    /// A stamp that gives only a time ("mis à jour à 12:02") takes its date and zone from
    /// the stamp it follows on the same line.
    pub fn completed_by(self, earlier: &Stamp) -> Stamp {
        match self.date {
            Some(_) => self,
            None => Stamp {
                date: earlier.date,
                time: self.time,
                offset: self.offset.or(earlier.offset),
            },
        }
    }

    /// A stamp with a time and no zone takes the one zone its `line` writes for its times
    /// ("... à 06:30, mis à jour ... à 11:52 (heure de La Réunion, UTC+4)").
    pub fn zoned_by_line(mut self, line: &str) -> Stamp {
        if let (Some(date), Some(_), None) = (self.date, self.time, self.offset) {
            self.offset = line_zone(line, date);
        }
        self
    }

    /// Microseconds since the epoch; a time without a zone is read as UTC, no time as midnight.
    pub fn micros(&self) -> Option<i64> {
        let local = self.date?.and_time(self.time.unwrap_or(NaiveTime::MIN));
        to_micros(local, self.offset.unwrap_or(0))
    }
}

/// A parsed date, in microseconds since the epoch, UTC.
pub fn parse_date(text: &str) -> Option<i64> {
    parse_stamp(text)?.micros()
}

/// Whether `text` holds a stamp that dates something: a day at least, not a time alone.
pub fn has_date(text: &str) -> bool {
    parse_stamp(text).is_some_and(|s| s.micros().is_some())
}

/// Whether `line` is only a day and a month, without a year ("Jun 9", "2 Jun"): a stamp that
/// says where a byline stands, though it dates nothing.
pub fn is_day_and_month(line: &str) -> bool {
    let folded = crate::text::fold_str(line.trim());
    DAY_AND_MONTH_LINE.captures(&folded).is_some_and(|caps| {
        let (month, day) = match (caps.get(1), caps.get(2)) {
            (Some(month), Some(day)) => (month.as_str(), day.as_str()),
            _ => (&caps[4], &caps[3]),
        };
        month_number(month).is_some() && day.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
    })
}

/// How a page writes the numeric dates whose first two numbers could both be the month.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub enum NumericOrder {
    /// "04.03.2025" is 4 March, as written everywhere but the US.
    #[default]
    DayFirst,
    /// "04/03/2025" is April 3: the page's other dates put the month first ("11/24/2025").
    MonthFirst,
}

impl NumericOrder {
    /// Whether a numeric date in one of `lines` reads differently in the two orders
    /// ("04/03/2025"): only then is the page's order worth reading.
    pub fn matters_for<'a>(lines: impl IntoIterator<Item = &'a str>) -> bool {
        lines.into_iter().any(|line| {
            numeric_date_heads(line).any(|(first, second)| {
                first != second && (1..=12).contains(&first) && (1..=12).contains(&second)
            })
        })
    }

    /// The order the page's unambiguous numeric dates show: month first when more of them
    /// have a second number over 12 than a first one, else day first.
    pub fn of_page<'a>(lines: impl IntoIterator<Item = &'a str>) -> NumericOrder {
        let (mut day_first, mut month_first) = (0, 0);
        for line in lines {
            for (first, second) in numeric_date_heads(line) {
                match (first, second) {
                    (13..=31, 1..=12) => day_first += 1,
                    (1..=12, 13..=31) => month_first += 1,
                    _ => {}
                }
            }
        }
        if month_first > day_first {
            NumericOrder::MonthFirst
        } else {
            NumericOrder::DayFirst
        }
    }
}

/// The first two numbers of each numeric date in `line` ("04/03/2025" gives 4 and 3): the
/// day and the month, in an order the page decides.
fn numeric_date_heads(line: &str) -> impl Iterator<Item = (u32, u32)> + '_ {
    NUMERIC.captures_iter(line).filter_map(|caps| {
        let second = caps.get(2).or(caps.get(4))?.as_str();
        Some((caps[1].parse().ok()?, second.parse().ok()?))
    })
}

/// The date, time and zone written in `text`; `None` when it has neither a date nor a time.
/// Numeric dates are read day first.
pub fn parse_stamp(text: &str) -> Option<Stamp> {
    parse_stamp_in(text, NumericOrder::DayFirst)
}

/// [`parse_stamp`], reading an ambiguous numeric date in the page's `order`.
pub fn parse_stamp_in(text: &str, order: NumericOrder) -> Option<Stamp> {
    let folded = crate::text::fold_str(text);
    if let Some(caps) = ISO.captures(&folded) {
        let date = ymd(&caps[1], &caps[2], &caps[3])?;
        let time = match (caps.get(4), caps.get(5)) {
            (Some(h), Some(m)) => Some(hms(
                h.as_str(),
                m.as_str(),
                caps.get(6).map_or("0", |s| s.as_str()),
            )?),
            _ => None,
        };
        let offset = caps.get(7).and_then(|z| zone_offset(z.as_str(), date));
        return Some(Stamp {
            date: Some(date),
            time,
            offset,
        });
    }
    let found = named_or_numeric_date(&folded, order);
    // The time after the date, else before it ("9:45 a.m. ET June 4, 2024").
    let time = match found {
        Some((_, start, end)) => find_time(&folded[end..]).or_else(|| find_time(&folded[..start])),
        None => find_time(&folded),
    };
    let date = found.map(|(date, _, _)| date);
    if date.is_none() && time.is_none() {
        return None;
    }
    let (time, zone) = time.unzip();
    let offset = zone
        .flatten()
        .and_then(|zone| match zone {
            // India's time in capitals; after a time, a German "ist" is a verb ("um 14:30 ist").
            Zone::Named(name) if name == "ist" && !text.split(' ').any(|w| w == "IST") => None,
            // A stamp with only a time ("zuletzt aktualisiert: 10:47 MESZ") keeps a zone whose
            // offset is the same all year.
            Zone::Named(name) => match date {
                Some(date) => zone_offset(&name, date),
                None => fixed_zone_offset(&name),
            },
            Zone::Seconds(s) => Some(s),
        })
        .or_else(|| {
            let (_, _, end) = found?;
            zone_after_date(text, &folded[end..], date?)
        });
    Some(Stamp { date, time, offset })
}

/// The offset of a zone that has no daylight saving time to follow ("MESZ", "UTC+4"), without
/// a date; `None` for one that changes with the season ("ET").
fn fixed_zone_offset(zone: &str) -> Option<i32> {
    let winter = zone_offset(zone, NaiveDate::from_ymd_opt(2000, 1, 15)?)?;
    (zone_offset(zone, NaiveDate::from_ymd_opt(2000, 7, 15)?)? == winter).then_some(winter)
}

/// The one zone a line writes for its times ("Publié le 04/08/2025 à 06:30, mis à jour le
/// 04/08/2025 à 11:52 (heure de La Réunion, UTC+4)"): `None` when it writes none or several.
pub fn line_zone(line: &str, date: NaiveDate) -> Option<i32> {
    let folded = crate::text::fold_str(line);
    let mut zones = TIME.captures_iter(&folded).filter_map(|caps| {
        let zone = caps.get(5).or(caps.get(6))?;
        zone_offset(zone.as_str(), date)
    });
    let first = zones.next()?;
    zones.all(|z| z == first).then_some(first)
}

/// The time written right after `value` on `line`, past separators only ("Por Valentina
/// Pereyra | 9 de julio de 2024 · 07:15", where a rule's value stopped at the dot).
pub fn time_after(line: &str, value: &str) -> Option<NaiveTime> {
    let rest = &line[line.find(value)? + value.len()..];
    let rest = rest.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '·' | '|' | ',' | '-' | '–' | '—' | '•' | '/')
    });
    let folded = crate::text::fold_str(rest);
    let caps = TIME.captures(&folded)?;
    (caps.get(0)?.start() == 0).then(|| find_time(&folded).map(|(t, _)| t))?
}

/// A zone written in capitals after a date whose time came before it ("11:15am March 2, 2026
/// ACST"): the first word of `after_date` (folded), when `text` writes it in capitals.
fn zone_after_date(text: &str, after_date: &str, date: NaiveDate) -> Option<i32> {
    let word = after_date
        .trim_start_matches(|c: char| c.is_whitespace() || c == ',' || c == '(')
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .filter(|w| (2..=5).contains(&w.len()))?;
    let upper = word.to_ascii_uppercase();
    text.split(|c: char| !c.is_alphanumeric())
        .any(|w| w == upper)
        .then(|| zone_offset(word, date))?
}

enum Zone {
    Named(String),
    Seconds(i32),
}

fn find_time(folded: &str) -> Option<(NaiveTime, Option<Zone>)> {
    let caps = TIME.captures(folded)?;
    let mut hour: u32 = caps[1].parse().ok()?;
    if let Some(ampm) = caps.get(4) {
        let pm = ampm.as_str().starts_with('p');
        hour = match (hour, pm) {
            (12, false) => 0,
            (h, true) if h < 12 => h + 12,
            (h, _) => h,
        };
    }
    let time = hms(
        &hour.to_string(),
        &caps[2],
        caps.get(3).map_or("0", |s| s.as_str()),
    )?;
    let zone = caps
        .get(5)
        .or(caps.get(6))
        .map(|z| Zone::Named(z.as_str().to_string()))
        .or_else(|| {
            caps.get(7)
                .and_then(|h| h.as_str().parse::<i32>().ok())
                .map(|h| Zone::Seconds(h * 3600))
        });
    Some((time, zone))
}

/// The first date with a month name, else the first numeric date; with its byte span.
fn named_or_numeric_date(folded: &str, order: NumericOrder) -> Option<(NaiveDate, usize, usize)> {
    let mut candidates = Vec::new();
    for caps in DAY_MONTH_YEAR.captures_iter(folded) {
        let month_name = caps.get(2).or(caps.get(3)).unwrap().as_str();
        if let Some(month) = month_number(month_name) {
            let m = caps.get(0).unwrap();
            let date = NaiveDate::from_ymd_opt(caps[4].parse().ok()?, month, caps[1].parse().ok()?);
            candidates.extend(date.map(|d| (m.start(), d, m.end())));
        }
    }
    for caps in MONTH_DAY_YEAR.captures_iter(folded) {
        if let Some(month) = month_number(&caps[1]) {
            let m = caps.get(0).unwrap();
            let date = NaiveDate::from_ymd_opt(caps[3].parse().ok()?, month, caps[2].parse().ok()?);
            candidates.extend(date.map(|d| (m.start(), d, m.end())));
        }
    }
    for caps in YEAR_MONTH_DAY.captures_iter(folded) {
        let m = caps.get(0).unwrap();
        let (month, day) = match (caps.get(2), caps.get(3)) {
            (Some(month), Some(day)) => (month.as_str(), day.as_str()),
            _ => (&caps[4], &caps[5]),
        };
        candidates.extend(ymd(&caps[1], month, day).map(|d| (m.start(), d, m.end())));
    }
    if let Some(caps) = NUMERIC.captures(folded) {
        let m = caps.get(0).unwrap();
        let (second, year) = match (caps.get(2), caps.get(3)) {
            (Some(second), Some(year)) => (second.as_str(), year.as_str()),
            _ => (&caps[4], &caps[5]),
        };
        let mut year: i32 = year.parse().ok()?;
        if year < 100 {
            year += 2000;
        }
        let (first, second): (u32, u32) = (caps[1].parse().ok()?, second.parse().ok()?);
        // In the page's order; the other when that one is no date ("05/31/2024").
        let (month, day) = match order {
            NumericOrder::DayFirst => (second, first),
            NumericOrder::MonthFirst => (first, second),
        };
        let date = NaiveDate::from_ymd_opt(year, month, day).or_else(|| {
            (month > 12)
                .then(|| NaiveDate::from_ymd_opt(year, day, month))
                .flatten()
        });
        candidates.extend(date.map(|d| (m.start(), d, m.end())));
    }
    candidates.sort_by_key(|c| c.0);
    let mut candidates = candidates.into_iter();
    let (start, date, end) = candidates.next()?;
    // Two dates side by side are a post's publication and its last change, in the order its
    // theme writes them ("May 21, 2025 April 24, 2025"): it was published on the earlier one.
    let next_to_it = candidates
        .next()
        .filter(|next| next.0 >= end && folded[end..next.0].trim().is_empty());
    Some(match next_to_it {
        Some((next_start, earlier, next_end)) if earlier < date => (earlier, next_start, next_end),
        _ => (date, start, end),
    })
}

fn ymd(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

fn hms(h: &str, m: &str, s: &str) -> Option<NaiveTime> {
    NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, s.parse().ok()?)
}

/// Offset east of UTC in seconds for a zone name or "+01:00" on `date` (US zones follow DST).
fn zone_offset(zone: &str, date: NaiveDate) -> Option<i32> {
    let us_dst = i32::from(us_daylight_saving(date));
    // Minutes east of UTC.
    let minutes = match zone {
        "z" | "utc" | "gmt" | "wet" => 0,
        "cet" | "mez" | "bst" | "west" => 60,
        "cest" | "mesz" | "eet" => 120,
        "eest" | "msk" | "мск" => 180,
        "ist" => 330,
        "npt" => 345,
        "pkt" => 300,
        "gst" => 240,
        "eat" => 180,
        "cat" | "sast" => 120,
        "wat" => 60,
        "ict" | "wib" => 420,
        "hkt" | "sgt" | "awst" | "myt" | "pht" | "wita" => 480,
        "art" | "brt" | "uyt" | "clst" | "pyt" | "adt" => -180,
        "clt" | "vet" | "bot" | "ast" => -240,
        "cot" | "pet" => -300,
        // Canadian French: heure normale / avancée de l'Atlantique, de l'Est, du Centre, des
        // Rocheuses, du Pacifique ("HAR" is left out: "10.30 har" is Swedish and Norwegian
        // for "10.30 has").
        "haa" => -180,
        "hna" | "hae" => -240,
        "hne" | "hac" => -300,
        "hnc" => -360,
        "hnr" | "hap" => -420,
        "hnp" => -480,
        "akdt" => -480,
        "akst" => -540,
        "hst" => -600,
        "jst" | "kst" => 540,
        "acst" => 570,
        "aest" => 600,
        "acdt" => 630,
        "aedt" => 660,
        "nzst" | "fjt" => 720,
        "nzdt" => 780,
        "et" => (-5 + us_dst) * 60,
        "ct" => (-6 + us_dst) * 60,
        "mt" => (-7 + us_dst) * 60,
        "pt" => (-8 + us_dst) * 60,
        "edt" => -240,
        "est" | "cdt" => -300,
        "cst" | "mdt" => -360,
        "mst" | "pdt" => -420,
        "pst" => -480,
        // "GMT-6", "UTC+3"; "МСК+7", a Russian region's time, is seven hours ahead of Moscow's.
        shifted if shifted.len() > 3 && !shifted.starts_with(['+', '-']) => {
            let split = shifted.find(['+', '-'])?;
            let base = zone_offset(shifted[..split].trim(), date)?;
            return Some(base + zone_offset(&shifted[split..], date)?);
        }
        other => {
            let sign = if other.starts_with('-') { -1 } else { 1 };
            // "+5:30", "+0530", "+530", "+3": hours, then minutes when written.
            let (h, m) = match other.split_once(':') {
                Some((h, m)) => (h.trim_start_matches(['+', '-']).to_string(), m.to_string()),
                None => {
                    let digits: String = other.chars().filter(char::is_ascii_digit).collect();
                    let hour_digits = if digits.len() == 3 {
                        1
                    } else {
                        2.min(digits.len())
                    };
                    let (h, m) = digits.split_at(hour_digits);
                    (h.to_string(), m.to_string())
                }
            };
            let minutes = h.parse::<i32>().ok()? * 60 + m.parse::<i32>().unwrap_or(0);
            return Some(sign * minutes * 60);
        }
    };
    Some(minutes * 60)
}

/// US daylight saving time: from the second Sunday of March to the first Sunday of November.
fn us_daylight_saving(date: NaiveDate) -> bool {
    let nth_sunday = |month: u32, n: u8| {
        NaiveDate::from_weekday_of_month_opt(date.year(), month, Weekday::Sun, n)
    };
    match (nth_sunday(3, 2), nth_sunday(11, 1)) {
        (Some(start), Some(end)) => date >= start && date < end,
        _ => false,
    }
}

fn to_micros(local: NaiveDateTime, offset_seconds: i32) -> Option<i64> {
    let offset = FixedOffset::east_opt(offset_seconds)?;
    let datetime = offset.from_local_datetime(&local).single()?;
    Some(datetime.timestamp_micros())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    fn iso(text: &str) -> String {
        let micros = parse_date(text).unwrap_or_else(|| panic!("no date in {text:?}"));
        DateTime::from_timestamp_micros(micros)
            .unwrap()
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string()
    }

    #[test]
    fn stamps_in_six_languages() {
        assert_eq!(
            iso("Publié le 22 nov. 2023 à 16:38"),
            "2023-11-22T16:38:00Z"
        );
        assert_eq!(iso("Updated 3 March 2024"), "2024-03-03T00:00:00Z");
        assert_eq!(
            iso("Updated March 3, 2024 at 5:10 p.m. EST"),
            "2024-03-03T22:10:00Z"
        );
        assert_eq!(iso("Stand: 12.03.2024, 14:30 Uhr"), "2024-03-12T14:30:00Z");
        assert_eq!(
            iso("Actualizado: 05/04/2024 08:12 CET"),
            "2024-04-05T07:12:00Z"
        );
        assert_eq!(iso("3 de septiembre de 2024"), "2024-09-03T00:00:00Z");
        assert_eq!(
            iso("Aggiornato il 7 aprile 2024 alle 09:40"),
            "2024-04-07T09:40:00Z"
        );
        assert_eq!(
            iso("Опубликовано 12 марта 2024, 14:30"),
            "2024-03-12T14:30:00Z"
        );
        assert_eq!(iso("mardi 3 mars 2024 à 10h15"), "2024-03-03T10:15:00Z");
        // Web pages also write a comma after the month.
        assert_eq!(iso("3 January, 2025"), "2025-01-03T00:00:00Z");
        // Dashes between day, month and year, a full stop after the day.
        assert_eq!(iso("Updated on 19-Oct-2025"), "2025-10-19T00:00:00Z");
        assert_eq!(iso("📅Aug. 14. 2025"), "2025-08-14T00:00:00Z");
        assert_eq!(iso("March 21. 2024"), "2024-03-21T00:00:00Z");
    }

    #[test]
    fn a_day_and_a_month_alone_on_a_line() {
        for line in ["Jun 9", "Sept. 16", "2 Jun", "30th November", " Mar 14 "] {
            assert!(is_day_and_month(line), "{line}");
        }
        for line in [
            "Jun 9, 2025",
            "Top 9",
            "Chapter 12",
            "Jun 40",
            "May the 4th",
        ] {
            assert!(!is_day_and_month(line), "{line}");
        }
    }

    #[test]
    fn of_two_dates_side_by_side_the_earlier_is_the_publication() {
        assert_eq!(
            iso("June 2, 2025 March 14, 2025 by Lee Park"),
            "2025-03-14T00:00:00Z"
        );
        assert_eq!(
            iso("Posted on March 14, 2025 June 2, 2025 in Guides"),
            "2025-03-14T00:00:00Z"
        );
        // A date further on is another stamp's.
        assert_eq!(
            iso("June 2, 2025 | Updated March 14, 2026"),
            "2025-06-02T00:00:00Z"
        );
    }

    #[test]
    fn numeric_dates_day_first_and_dashes_only_with_a_full_year() {
        assert_eq!(iso("02-12-2025"), "2025-12-02T00:00:00Z");
        assert_eq!(iso("12/11/25"), "2025-11-12T00:00:00Z");
        assert_eq!(iso("05/31/2024"), "2024-05-31T00:00:00Z");
        // Middle dots as separators, as some Spanish regional papers write them.
        assert_eq!(iso("Alzira | 12·06·25 | 13:47"), "2025-06-12T13:47:00Z");
        // A score or a range is no date.
        assert!(parse_stamp("won 3-1-25 on aggregate").is_none());
    }

    #[test]
    fn numeric_dates_with_the_year_first() {
        assert_eq!(iso("EcoFlow - 2025/4/29"), "2025-04-29T00:00:00Z");
        assert_eq!(
            iso("Essay - Published: 2025.12.17 | ai"),
            "2025-12-17T00:00:00Z"
        );
        // Mixed separators, a version number, a month past twelve: no date.
        assert!(!has_date("2025.4/29"));
        assert!(!has_date("release 4.10.2"));
        // Calendar versions: "2024.4.4 -> 2024.5.0 issue".
        assert!(!has_date("2024.4.4 -> 2024.5.0 issue"));
        assert!(!has_date("2025/13/01"));
    }

    #[test]
    fn numeric_dates_in_the_order_the_page_writes_them() {
        let us_page = [
            "Posted 10/12/2023 7:38 PM",
            "Related: 12/18/2025",
            "11/24/2025",
        ];
        let order = NumericOrder::of_page(us_page);
        assert_eq!(order, NumericOrder::MonthFirst);
        let stamp = parse_stamp_in("10/12/2023 7:38 PM", order).unwrap();
        assert_eq!(stamp.date, NaiveDate::from_ymd_opt(2023, 10, 12));
        // A date that is none in the page's order is read the other way.
        let stamp = parse_stamp_in("24.11.2025", order).unwrap();
        assert_eq!(stamp.date, NaiveDate::from_ymd_opt(2025, 11, 24));
        // No evidence, or as much each way: day first.
        assert_eq!(
            NumericOrder::of_page(["03/04/2025"]),
            NumericOrder::DayFirst
        );
        assert_eq!(
            NumericOrder::of_page(["24.11.2025", "11/24/2025"]),
            NumericOrder::DayFirst
        );
        // Only a date whose two first numbers could both be the month makes the order matter.
        assert!(NumericOrder::matters_for(["10/12/2023 7:38 PM"]));
        assert!(!NumericOrder::matters_for([
            "24.11.2025",
            "05/05/2025",
            "Vom 3. März 2025"
        ]));
    }

    #[test]
    fn iso_with_zone() {
        assert_eq!(iso("2023-11-22T22:14:02.647Z"), "2023-11-22T22:14:02Z");
        assert_eq!(iso("2024-03-01T10:00:00+02:00"), "2024-03-01T08:00:00Z");
        assert_eq!(iso("2024-03-01"), "2024-03-01T00:00:00Z");
    }

    #[test]
    fn times_before_dates_and_zones_with_daylight_saving() {
        assert_eq!(
            iso("Published 9:45 a.m. ET June 4, 2024"),
            "2024-06-04T13:45:00Z"
        );
        assert_eq!(iso("9:45 a.m. ET Jan. 4, 2024"), "2024-01-04T14:45:00Z");
        // Spanish writes the meridiem with a space: "p. m.".
        assert_eq!(
            iso("Publicado el 14 de agosto de 2024, 7:35 p. m."),
            "2024-08-14T19:35:00Z"
        );
        assert_eq!(iso("12.03.2024 14:30 (МСК)"), "2024-03-12T11:30:00Z");
        assert_eq!(
            iso("Thursday 11 April 2024 06:00 BST"),
            "2024-04-11T05:00:00Z"
        );
        assert_eq!(iso("02/04/2024 - 09:31h"), "2024-04-02T09:31:00Z");
        assert_eq!(iso("14 aprile 2024, ore 19:22"), "2024-04-14T19:22:00Z");
        assert_eq!(iso("20 févr. 2024 à 07:30"), "2024-02-20T07:30:00Z");
        assert_eq!(iso("5 нояб. 2023 г."), "2023-11-05T00:00:00Z");
        // Month first only when the day says so.
        assert_eq!(iso("03/25/2024"), "2024-03-25T00:00:00Z");
        assert_eq!(
            iso("Updated: 10:32 AM EST, Tue March 5, 2024"),
            "2024-03-05T15:32:00Z"
        );
        assert_eq!(iso("Tue 5 Mar 2024 07.00 GMT"), "2024-03-05T07:00:00Z");
    }

    #[test]
    fn a_stamp_with_only_a_time_keeps_a_zone_without_daylight_saving() {
        let stamp = parse_stamp("zuletzt aktualisiert: 10:47 MESZ").unwrap();
        assert_eq!(stamp.offset, Some(7200));
        // "ET" is -5 or -4 hours by the season: without a date it stays unknown.
        assert_eq!(parse_stamp("Updated 9:14 a.m. ET").unwrap().offset, None);
    }

    #[test]
    fn a_zone_with_half_hours() {
        assert_eq!(
            iso("21 May 2024 09:47 am (GMT+5:30)"),
            "2024-05-21T04:17:00Z"
        );
        assert_eq!(iso("21 May 2024 09:47 +0530"), "2024-05-21T04:17:00Z");
    }

    #[test]
    fn a_line_writes_one_zone_for_its_times_or_none() {
        let day = NaiveDate::from_ymd_opt(2025, 8, 4).unwrap();
        let line = "Publié le 04/08/2025 à 06:30, mis à jour le 04/08/2025 à 11:52 (heure de La Réunion, UTC+4)";
        assert_eq!(line_zone(line, day), Some(4 * 3600));
        assert_eq!(line_zone("10:00 CET, 12:00 MSK", day), None);
        assert_eq!(line_zone("Publié le 04/08/2025 à 06:30", day), None);
    }

    #[test]
    fn a_time_right_after_a_value_past_separators_only() {
        let line = "Por Valentina Pereyra | 9 de julio de 2024 · 07:15";
        assert_eq!(
            time_after(line, "9 de julio de 2024"),
            NaiveTime::from_hms_opt(7, 15, 0)
        );
        // A time further on belongs to another stamp.
        let line = "9 de julio de 2024 | Actualizado a las 10:30";
        assert_eq!(time_after(line, "9 de julio de 2024"), None);
    }

    #[test]
    fn a_zone_after_a_named_place_in_brackets() {
        assert_eq!(
            iso("04/11/2024 à 17h25 (heure de Tahiti, UTC−10)"),
            "2024-11-05T03:25:00Z"
        );
    }

    #[test]
    fn an_hours_word_between_the_time_and_its_zone() {
        assert_eq!(
            iso("12 de septiembre de 2024 · 14:35 hrs (GMT-6)"),
            "2024-09-12T20:35:00Z"
        );
        assert_eq!(iso("12/09/2024 16:05 hs (UTC-3)"), "2024-09-12T19:05:00Z");
    }

    #[test]
    fn pacific_zones() {
        assert_eq!(iso("June 18, 2024 6:05 pm FJT"), "2024-06-18T06:05:00Z");
    }

    #[test]
    fn a_zone_in_capitals_after_the_date_when_the_time_came_first() {
        assert_eq!(iso("11:15am March 2, 2026 ACST"), "2026-03-02T01:45:00Z");
        // A word in lower case after the date is no zone.
        assert_eq!(iso("9:40 am March 2, 2026 est"), "2026-03-02T09:40:00Z");
    }

    #[test]
    fn zones_of_other_continents_and_german_names() {
        assert_eq!(
            iso("Fri 14 Nov 2025 at 9:40am AEDT"),
            "2025-11-13T22:40:00Z"
        );
        assert_eq!(iso("12.07.2025, 17:05 Uhr MESZ"), "2025-07-12T15:05:00Z");
        assert_eq!(iso("Mar 4, 2025, 14:07 IST"), "2025-03-04T08:37:00Z");
        // A German "ist" after a time is a verb, not India's zone.
        assert_eq!(
            iso("Am 4. März 2025 um 14:07 ist Schluss"),
            "2025-03-04T14:07:00Z"
        );
        assert_eq!(
            iso("Thursday, 12 Feb 2026 4:15 PM MYT"),
            "2026-02-12T08:15:00Z"
        );
        // An offset from GMT in brackets; a Russian region's time as Moscow's plus hours.
        assert_eq!(
            iso("13 de marzo de 2026 - 10:45 a. m. (GMT-6)"),
            "2026-03-13T16:45:00Z"
        );
        assert_eq!(
            iso("12 февраля 2026, 09:40 (МСК+7)"),
            "2026-02-11T23:40:00Z"
        );
        // Atlantic time: Puerto Rico, the Eastern Caribbean, the Canadian Maritimes.
        assert_eq!(
            iso("10 de marzo de 2026 • 5:40 p.m. AST"),
            "2026-03-10T21:40:00Z"
        );
        // The same in Acadian French: "heure avancée de l'Atlantique"; a Swedish "har" (has)
        // after a time is no zone.
        assert_eq!(
            iso("Publié le 22 avril 2026 à 5h00 HAA"),
            "2026-04-22T08:00:00Z"
        );
        assert_eq!(
            iso("12 mars 2025 kl. 10.30 har polisen"),
            "2025-03-12T10:30:00Z"
        );
        // A zone name is a word of its own: "esta" (this) after a time is no EST.
        assert_eq!(
            iso("12 de marzo de 2026, a las 10:45 esta mañana"),
            "2026-03-12T10:45:00Z"
        );
    }

    #[test]
    fn a_time_alone_takes_the_date_of_the_stamp_before_it() {
        let published = parse_stamp("5 mars 2024 à 10:15 CET").unwrap();
        let updated = parse_stamp("à 12:02").unwrap();
        assert_eq!(updated.date, None);
        let updated = updated.completed_by(&published);
        assert_eq!(
            DateTime::from_timestamp_micros(updated.micros().unwrap())
                .unwrap()
                .to_rfc3339(),
            "2024-03-05T11:02:00+00:00"
        );
        // Without a zone the time is kept as written (stored as UTC).
        assert_eq!(parse_stamp("Mis à jour à 12h02").unwrap().offset, None);
    }

    #[test]
    fn no_date_no_guess() {
        assert_eq!(parse_date("Mis à jour hier soir"), None);
        assert_eq!(parse_date("31/02/2024"), None);
        assert_eq!(parse_stamp("Publié en 2019"), None);
    }
}
