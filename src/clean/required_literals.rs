//! The literals a regular expression's every match must contain one of ("cookie" in
//! `^.{0,40}cookies?\b`), so that one Aho-Corasick pass over a line tells which of hundreds of
//! patterns can match it at all. Scanning a line with large pattern sets cost half the clean
//! stage; most rule patterns hold a word of their own that prose rarely has.

use regex_syntax::hir::{Class, Hir, HirKind};

/// The most strings a finite set is expanded to (a class of letters times another).
const MAX_STRINGS: usize = 64;
/// The most characters of a class expanded into strings (`[ée]`, not `\w`).
const MAX_CLASS_CHARS: usize = 8;
/// The shortest literal (in bytes) worth screening with: shorter ones occur in most lines.
const MIN_BYTES: usize = 3;

/// Literals of which every match of `hir` contains at least one, each at least `MIN_BYTES`
/// long; `None` when no such set is found (a pattern of classes and wildcards).
pub fn required_literals(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    required(hir).filter(|set| set.iter().all(|s| s.len() >= MIN_BYTES))
}

/// Every string `hir` matches, when they are few and finite.
fn exact(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Some(vec![Vec::new()]),
        HirKind::Literal(literal) => Some(vec![literal.0.to_vec()]),
        HirKind::Class(class) => class_strings(class),
        HirKind::Capture(capture) => exact(&capture.sub),
        HirKind::Repetition(repetition) if Some(repetition.min) == repetition.max => {
            let sub = exact(&repetition.sub)?;
            (0..repetition.min).try_fold(vec![Vec::new()], |acc, _| product(&acc, &sub))
        }
        HirKind::Repetition(_) => None,
        HirKind::Concat(subs) => subs
            .iter()
            .try_fold(vec![Vec::new()], |acc, sub| product(&acc, &exact(sub)?)),
        HirKind::Alternation(subs) => {
            let mut all = Vec::new();
            for sub in subs {
                all.extend(exact(sub)?);
                if all.len() > MAX_STRINGS {
                    return None;
                }
            }
            all.sort();
            all.dedup();
            Some(all)
        }
    }
}

/// A set of literals every match of `hir` contains one of, the most selective found.
fn required(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    if let Some(set) = exact(hir).filter(|set| set.iter().all(|s| !s.is_empty())) {
        return Some(set);
    }
    match hir.kind() {
        HirKind::Capture(capture) => required(&capture.sub),
        HirKind::Repetition(repetition) if repetition.min >= 1 => required(&repetition.sub),
        HirKind::Alternation(subs) => {
            let mut all = Vec::new();
            for sub in subs {
                all.extend(required(sub)?);
            }
            all.sort();
            all.dedup();
            Some(all)
        }
        HirKind::Concat(subs) => {
            // Runs of finite pieces are joined ("sub" "[sz]" "cri" -> two literals), and every
            // other piece offers its own required set: the best candidate wins.
            let mut best: Option<Vec<Vec<u8>>> = None;
            let mut run: Option<Vec<Vec<u8>>> = Some(vec![Vec::new()]);
            for sub in subs {
                match exact(sub).and_then(|set| product(run.as_ref()?, &set)) {
                    Some(joined) => run = Some(joined),
                    None => {
                        best = better(best, run.take());
                        best = better(best, required(sub));
                        // A finite piece that did not fit the run starts the next one.
                        run = exact(sub).or_else(|| Some(vec![Vec::new()]));
                    }
                }
            }
            better(best, run)
        }
        _ => None,
    }
}

/// The more selective of two candidate sets: the longer shortest literal, then fewer literals.
fn better(a: Option<Vec<Vec<u8>>>, b: Option<Vec<Vec<u8>>>) -> Option<Vec<Vec<u8>>> {
    let score = |set: &Vec<Vec<u8>>| {
        let shortest = set.iter().map(Vec::len).min().unwrap_or(0);
        (shortest, std::cmp::Reverse(set.len()))
    };
    match (a, b) {
        (Some(a), Some(b)) => Some(if score(&b) > score(&a) { b } else { a }),
        (a, b) => a.or(b).filter(|set| score(set).0 > 0),
    }
}

/// Each string of `a` followed by each of `b`, unless there would be too many.
fn product(a: &[Vec<u8>], b: &[Vec<u8>]) -> Option<Vec<Vec<u8>>> {
    if a.len() * b.len() > MAX_STRINGS {
        return None;
    }
    Some(
        a.iter()
            .flat_map(|x| b.iter().map(move |y| [x.as_slice(), y].concat()))
            .collect(),
    )
}

fn class_strings(class: &Class) -> Option<Vec<Vec<u8>>> {
    match class {
        Class::Unicode(class) => {
            let mut chars = Vec::new();
            for range in class.ranges() {
                for c in range.start()..=range.end() {
                    chars.push(c.to_string().into_bytes());
                    if chars.len() > MAX_CLASS_CHARS {
                        return None;
                    }
                }
            }
            Some(chars)
        }
        Class::Bytes(class) => {
            let mut bytes = Vec::new();
            for range in class.ranges() {
                for b in range.start()..=range.end() {
                    bytes.push(vec![b]);
                    if bytes.len() > MAX_CLASS_CHARS {
                        return None;
                    }
                }
            }
            Some(bytes)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn literals(pattern: &str) -> Option<Vec<String>> {
        let hir = regex_syntax::Parser::new().parse(pattern).unwrap();
        required_literals(&hir).map(|set| {
            set.into_iter()
                .map(|s| String::from_utf8(s).unwrap())
                .collect()
        })
    }

    #[test]
    fn a_word_between_wildcards_is_required() {
        assert_eq!(
            literals(r"^.{0,40}\bcookies?\b"),
            Some(vec!["cookie".to_string()])
        );
    }

    #[test]
    fn alternatives_each_give_their_word() {
        assert_eq!(
            literals(r"^(?:abonnez-vous|inscrivez-vous) \w+"),
            Some(vec![
                "abonnez-vous ".to_string(),
                "inscrivez-vous ".to_string()
            ])
        );
    }

    #[test]
    fn small_classes_are_spelled_out() {
        assert_eq!(
            literals(r"\bsub[sz]cri\w+"),
            Some(vec!["subscri".to_string(), "subzcri".to_string()])
        );
    }

    #[test]
    fn an_optional_word_is_not_required() {
        assert_eq!(literals(r"^(?:photo)?\s*\d+$"), None);
        assert_eq!(literals(r"^\W*\d{1,2}:\d\d$"), None);
    }

    #[test]
    fn a_branch_without_a_literal_spoils_the_alternation() {
        assert_eq!(
            literals(r"(?:foto|\d+ views)"),
            Some(vec![" views".into(), "foto".into()])
        );
        assert_eq!(literals(r"(?:foto|\d+)"), None);
    }

    #[test]
    fn every_match_contains_a_required_literal() {
        let cases = [
            (r"^(?:lire|voir) aussi\b", "lire aussi : la suite"),
            (
                r"\b(?:mis a jour|publie) le \d+",
                "article publie le 3 mars",
            ),
            (r"(?:copyright|\(c\)) ?\d{4}", "tous droits (c) 2025"),
            (r"^.{0,20}newsletters?$", "notre newsletter"),
        ];
        for (pattern, text) in cases {
            let regex = regex::Regex::new(pattern).unwrap();
            let m = regex.find(text).unwrap().as_str();
            let set = literals(pattern).unwrap();
            assert!(
                set.iter().any(|l| m.contains(l.as_str())),
                "{pattern}: {set:?}"
            );
        }
    }
}
