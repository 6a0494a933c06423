//! Every number in a framework's files within its documented range
//! (`crate::ranges::FRAMEWORK_NUMBERS`), reported where it is written, with
//! the field, the value as written, the range and what to do; and every
//! text free of control characters, which would reach the documents (an
//! escape code breaks the charts' SVG and moves a terminal's cursor).

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile};
use crate::ranges::{Allowed, framework_number};

/// A number in a file: its key path, value and place.
struct Number {
    path: Vec<String>,
    value: Option<f64>,
    span: Range<usize>,
}

/// A text holding a character no document may show: its key path, the
/// character and the text's place.
struct Control {
    path: Vec<String>,
    character: char,
    span: Range<usize>,
}

#[derive(Default)]
struct Found {
    numbers: Vec<Number>,
    controls: Vec<Control>,
}

/// Reports every number of `files` outside its range. A file that does not
/// parse is skipped: its syntax errors are reported when it is read.
pub(super) fn check(files: &[SourceFile], diagnostics: &mut Diagnostics) {
    for file in files {
        let Ok(root) = DeTable::parse(&file.text) else {
            continue;
        };
        let mut found = Found::default();
        table(root.get_ref(), &mut Vec::new(), &mut found);
        for c in found.controls {
            diagnostics.push(
                Diagnostic::at(
                    file,
                    c.span,
                    format!(
                        "the text holds {}",
                        crate::diagnostics::forbidden_name(c.character)
                    ),
                )
                .with_field(c.path.join("."))
                .with_hint("remove it: only line breaks and tabs may appear in a framework's texts; retype the text if you cannot see the character"),
            );
        }
        for n in found.numbers {
            let keys: Vec<&str> = n.path.iter().map(String::as_str).collect();
            let allowed = framework_number(&keys).unwrap_or(OTHER);
            if !n.value.is_some_and(|v| allowed.holds(v)) {
                diagnostics.push(out_of_range(file, &n, &allowed));
            }
        }
    }
}

/// For a number the table does not name (every field dgplan reads is
/// named; this keeps a new one from escaping every range).
const OTHER: Allowed = Allowed {
    min: -1.0e9,
    max: 1.0e9,
    whole: false,
    hint: "no number in a framework goes beyond a billion",
};

fn out_of_range(file: &SourceFile, n: &Number, allowed: &Allowed) -> Diagnostic {
    // Shown as written: `1e308`, not its 309 digits.
    let written = file.text.get(n.span.clone()).unwrap_or("the number");
    Diagnostic::at(
        file,
        n.span.clone(),
        format!("{written} is out of range: expected {}", allowed.expected()),
    )
    .with_field(n.path.join("."))
    .with_hint(allowed.hint)
}

fn table(t: &DeTable, path: &mut Vec<String>, out: &mut Found) {
    for (key, value) in t.iter() {
        path.push(key.get_ref().to_string());
        item(value, path, out);
        path.pop();
    }
}

fn item(value: &Spanned<DeValue>, path: &mut Vec<String>, out: &mut Found) {
    let parsed = match value.get_ref() {
        DeValue::Table(t) => return table(t, path, out),
        DeValue::Array(items) => {
            for v in items {
                item(v, path, out);
            }
            return;
        }
        DeValue::Integer(i) => integer(i.as_str(), i.radix()),
        DeValue::Float(f) => f.as_str().replace('_', "").parse().ok(),
        DeValue::String(text) => {
            if let Some(character) = crate::diagnostics::first_forbidden(text, true) {
                out.controls.push(Control {
                    path: path.clone(),
                    character,
                    span: value.span(),
                });
            }
            return;
        }
        _ => return,
    };
    out.numbers.push(Number {
        path: path.clone(),
        value: parsed,
        span: value.span(),
    });
}

/// A TOML integer's value, as a float (ranges are floats).
fn integer(text: &str, radix: u32) -> Option<f64> {
    let digits = text.replace('_', "");
    let digits = digits.trim_start_matches('+');
    let digits = ["0x", "0o", "0b"]
        .iter()
        .find_map(|p| digits.strip_prefix(p))
        .unwrap_or(digits);
    i128::from_str_radix(digits, radix).ok().map(|v| v as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::FrameworkSources;

    fn numbers(text: &str) -> Vec<(String, String, Option<f64>)> {
        let root = DeTable::parse(text).unwrap();
        let mut out = Found::default();
        table(root.get_ref(), &mut Vec::new(), &mut out);
        out.numbers
            .into_iter()
            .map(|n| (n.path.join("."), text[n.span].to_string(), n.value))
            .collect()
    }

    #[test]
    fn numbers_are_found_with_their_path_and_text() {
        let found = numbers(
            "[[components]]\ncost = { base_usd_millions = 1e308, tier = 0x1F }\nsdgs = [1, 1_7]\n",
        );
        assert_eq!(
            found,
            [
                (
                    "components.cost.base_usd_millions".into(),
                    "1e308".into(),
                    Some(1e308)
                ),
                ("components.cost.tier".into(), "0x1F".into(), Some(31.0)),
                ("components.sdgs".into(), "1".into(), Some(1.0)),
                ("components.sdgs".into(), "1_7".into(), Some(17.0)),
            ]
        );
    }

    #[test]
    fn every_number_of_the_default_framework_has_its_own_range() {
        for file in &FrameworkSources::builtin().files {
            let root = DeTable::parse(&file.text).unwrap();
            let mut found = Found::default();
            table(root.get_ref(), &mut Vec::new(), &mut found);
            assert!(found.controls.is_empty(), "{}", file.path.display());
            for n in found.numbers {
                let keys: Vec<&str> = n.path.iter().map(String::as_str).collect();
                let allowed = framework_number(&keys);
                assert!(
                    allowed.is_some(),
                    "{}: {}",
                    file.path.display(),
                    n.path.join(".")
                );
                assert!(
                    allowed.unwrap().holds(n.value.unwrap()),
                    "{}",
                    n.path.join(".")
                );
            }
        }
    }

    #[test]
    fn an_out_of_range_number_is_reported_as_written() {
        let file = SourceFile::new("components.toml", "[[components]]\neffort = 1e308\n");
        let mut diagnostics = Diagnostics::default();
        check(std::slice::from_ref(&file), &mut diagnostics);
        let text = diagnostics.to_string();
        assert!(text.contains("components.toml:2:10"), "{text}");
        assert!(
            text.contains("`components.effort`: 1e308 is out of range: expected 0.01 to 1"),
            "{text}"
        );
    }
}
