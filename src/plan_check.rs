//! A plan.json read back (by `compare`) holds only numbers a plan can
//! hold: each within its range in `crate::ranges::PLAN_NUMBERS` (scores 0
//! to 5, shares 0 to 1, amounts from 0 to the most a plan can cost, ...).
//! An edited or damaged file is refused at the number, with its line and
//! column, rather than compared as if dgplan had drafted it. Its texts are
//! held to what dgplan writes too: no control character (which would reach
//! the comparison's files and a terminal), no text longer than
//! [`MAX_PLAN_TEXT_CHARS`], and a country code of ISO 3166-1.

use std::ops::Range;

use crate::diagnostics::{Diagnostic, SourceFile};
use crate::ranges::plan_number;

/// Longest text a plan.json may hold: dgplan's longest paragraph is a few
/// thousand characters.
pub const MAX_PLAN_TEXT_CHARS: usize = 20_000;

/// A number or a text value in a JSON text: the keys of the objects around
/// it and where it is written.
#[derive(Debug, PartialEq)]
struct Number {
    path: Vec<String>,
    span: Range<usize>,
}

/// Checks a plan.json read back (a JSON text that parses, whose country code
/// is `iso3`): its numbers, then its texts, from one scan of the text.
pub fn check(source: &SourceFile, iso3: &str) -> Result<(), Diagnostic> {
    let (numbers, texts) = scan(&source.text);
    numbers_in_range(source, numbers)?;
    texts_dgplan_writes(source, texts, iso3)
}

/// The first text value that dgplan could not have written, and a country
/// code that is not one.
fn texts_dgplan_writes(
    source: &SourceFile,
    texts: Vec<Number>,
    iso3: &str,
) -> Result<(), Diagnostic> {
    for text in texts {
        let value: String =
            serde_json::from_str(&source.text[text.span.clone()]).unwrap_or_default();
        let length = value.chars().count();
        let problem = if length > MAX_PLAN_TEXT_CHARS {
            Some(format!(
                "the text is {length} characters long, more than the {MAX_PLAN_TEXT_CHARS} dgplan writes"
            ))
        } else {
            crate::diagnostics::first_forbidden(&value, true)
                .map(|c| format!("the text holds {}", crate::diagnostics::forbidden_name(c)))
        };
        if let Some(problem) = problem {
            return Err(edited(source, text, problem));
        }
    }
    if !crate::reference::is_iso3(iso3) {
        let at = source.text.find("\"iso3\"").unwrap_or(0);
        return Err(edited(
            source,
            Number {
                path: vec!["country".into(), "iso3".into()],
                span: at..at + 6,
            },
            format!(
                "\"{}\" is not an ISO 3166-1 alpha-3 country code",
                crate::diagnostics::escape_controls(iso3)
            ),
        ));
    }
    Ok(())
}

fn edited(source: &SourceFile, at: Number, problem: String) -> Diagnostic {
    Diagnostic::at(
        source,
        at.span,
        format!("{problem}; dgplan never writes such a plan, so this one was edited or damaged."),
    )
    .with_field(at.path.join("."))
    .with_hint(
        "generate the plan again with `dgplan generate`, or compare the country folder itself",
    )
}

/// The first number outside its range, as a diagnostic that says how many
/// others are.
fn numbers_in_range(source: &SourceFile, numbers: Vec<Number>) -> Result<(), Diagnostic> {
    let text = &source.text;
    let bad: Vec<Number> = numbers
        .into_iter()
        .filter(|n| {
            let key = n.path.last().map_or("", String::as_str);
            let value = text[n.span.clone()].parse::<f64>();
            !value.is_ok_and(|v| plan_number(key).holds(v))
        })
        .collect();
    let Some(first) = bad.first() else {
        return Ok(());
    };
    let key = first.path.last().map_or("", String::as_str);
    let allowed = plan_number(key);
    let others = match bad.len() - 1 {
        0 => String::new(),
        1 => " One other number is out of range too.".to_string(),
        n => format!(" {n} other numbers are out of range too."),
    };
    Err(Diagnostic::at(
        source,
        first.span.clone(),
        format!(
            "{} is out of range: expected {}; dgplan never writes such a plan, so this one was edited or damaged.{others}",
            &text[first.span.clone()],
            allowed.expected(),
        ),
    )
    .with_field(first.path.join("."))
    .with_hint(
        "generate the plan again with `dgplan generate`, or compare the country folder itself",
    ))
}

/// Every number and every text value (not keys) of a JSON text, in order.
/// The text is known to parse, so the scan need only follow strings,
/// nesting and keys.
fn scan(text: &str) -> (Vec<Number>, Vec<Number>) {
    let bytes = text.as_bytes();
    // The key path; an array keeps its key for its items.
    let mut path: Vec<String> = Vec::new();
    // Per open container: is it an object (whose key is the path's last).
    let mut open: Vec<bool> = Vec::new();
    let mut found = Vec::new();
    let mut texts = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let end = string_end(bytes, i);
                let after = skip_space(bytes, end);
                if bytes.get(after) == Some(&b':') && open.last() == Some(&true) {
                    let key: String = serde_json::from_str(&text[i..end]).unwrap_or_default();
                    if let Some(last) = path.last_mut() {
                        *last = key;
                    }
                } else {
                    texts.push(Number {
                        path: path.clone(),
                        span: i..end,
                    });
                }
                i = end;
            }
            b'{' => {
                open.push(true);
                path.push(String::new());
                i += 1;
            }
            b'[' => {
                open.push(false);
                i += 1;
            }
            b'}' | b']' => {
                if open.pop() == Some(true) {
                    path.pop();
                }
                i += 1;
            }
            b'-' | b'0'..=b'9' => {
                let end = i + bytes[i..]
                    .iter()
                    .position(|b| !matches!(b, b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9'))
                    .unwrap_or(bytes.len() - i);
                found.push(Number {
                    path: path.clone(),
                    span: i..end,
                });
                i = end;
            }
            _ => i += 1,
        }
    }
    (found, texts)
}

/// The offset just past the string that starts at `start` (a `"`).
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

fn skip_space(bytes: &[u8], mut i: usize) -> usize {
    while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, &str)> {
        scan(text)
            .0
            .into_iter()
            .map(|n| (n.path.join("."), &text[n.span]))
            .collect()
    }

    #[test]
    fn every_sample_plan_holds_only_numbers_in_range_and_texts_dgplan_writes() {
        let framework = crate::framework::Framework::builtin().unwrap();
        let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
        for entry in std::fs::read_dir(samples).unwrap() {
            let input = crate::input::load_country(&entry.unwrap().path(), &framework).unwrap();
            let plan = crate::engine::build_plan(&input, &framework, "2026-12-29");
            let text = serde_json::to_string_pretty(&plan).unwrap();
            let checked = check(&SourceFile::new("plan.json", text), &plan.country.iso3);
            assert!(checked.is_ok(), "{}", checked.unwrap_err());
        }
    }

    #[test]
    fn numbers_are_found_under_their_keys() {
        let text = r#"{"a": 1, "b\"x": {"score": -2.5e3, "s": "3 [4]"}, "sdgs": [1, 17], "c": [{"d": 0}]}"#;
        assert_eq!(
            found(text),
            [
                ("a".to_string(), "1"),
                ("b\"x.score".to_string(), "-2.5e3"),
                ("sdgs".to_string(), "1"),
                ("sdgs".to_string(), "17"),
                ("c.d".to_string(), "0"),
            ]
        );
    }

    #[test]
    fn an_out_of_range_number_is_refused_at_its_place() {
        let text = "{\n  \"readiness\": {\"dimensions\": [{\"score\": 99}]},\n  \"total_cost_usd_millions\": -1e308\n}";
        let err = check(&SourceFile::new("plan.json", text), "FJI").unwrap_err();
        let shown = err.to_string();
        assert!(shown.contains("plan.json:2:42"), "{shown}");
        assert!(
            shown.contains("`readiness.dimensions.score`: 99 is out of range: expected 0 to 5"),
            "{shown}"
        );
        assert!(shown.contains("One other number"), "{shown}");
        let fine = "{\"score\": 3.5, \"gap_usd_millions\": -2.0, \"start_year\": 2026}";
        assert!(check(&SourceFile::new("plan.json", fine), "FJI").is_ok());
    }

    #[test]
    fn a_text_dgplan_could_not_have_written_is_refused_at_its_place() {
        let bad = "{\"country\": {\"iso3\": \"FJI\", \"name\": \"Fiji\\u001b[31m\"}}";
        let err = check(&SourceFile::new("plan.json", bad), "FJI").unwrap_err();
        let shown = err.to_string();
        assert!(shown.contains("plan.json:1:37"), "{shown}");
        assert!(
            shown.contains("`country.name`: the text holds a control character (U+001B)"),
            "{shown}"
        );
        let fine = "{\"country\": {\"iso3\": \"FJI\", \"name\": \"Fiji\\nIslands\"}}";
        assert!(check(&SourceFile::new("plan.json", fine), "FJI").is_ok());
        let code = check(&SourceFile::new("plan.json", fine), "../x").unwrap_err();
        assert!(
            code.to_string().contains("\"../x\" is not an ISO 3166-1"),
            "{code}"
        );
    }
}
