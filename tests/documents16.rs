//! Issue 16, documents that do not contradict the README or themselves: a
//! comparison of versions of one plan reads as a change report, `assess`
//! stays short, and the Markdown a person edits shows no needless escapes.
//! Every test runs the real binary.

mod common;

use common::*;

/// Every backslash escape in `markdown` that Markdown would not need:
/// before `+` or `-` not at the start of a line, `_` between two letters or
/// digits, `<` before a digit or a space.
fn needless_escapes(markdown: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in markdown.lines() {
        let chars: Vec<char> = line.chars().collect();
        for i in 1..chars.len().saturating_sub(1) {
            if chars[i - 1] != '\\' {
                continue;
            }
            let (c, next) = (chars[i], chars[i + 1]);
            let before = if i >= 2 { chars[i - 2] } else { ' ' };
            let needless = match c {
                '+' | '-' => i > 1,
                '_' => before.is_alphanumeric() && next.is_alphanumeric(),
                '<' => next.is_ascii_digit() || next == ' ',
                _ => false,
            };
            if needless {
                found.push(line.to_string());
                break;
            }
        }
    }
    found
}

#[test]
fn a_generated_master_plan_has_no_needless_escapes() {
    for name in ["fiji", "lao-pdr"] {
        let (_out, country) = generate_one(&sample(name));
        for file in ["master-plan.md", "roadmap.md"] {
            let text = std::fs::read_to_string(country.join(file)).unwrap();
            let found = needless_escapes(&text);
            assert!(found.is_empty(), "{name} {file}:\n{}", found.join("\n"));
        }
        let plan = std::fs::read_to_string(country.join("master-plan.md")).unwrap();
        // The texts the escapes used to spoil read as written.
        assert!(plan.contains("score 1.5 < 2.5") || plan.contains("score 1 < 2.5"));
        assert!(
            plan.contains("_interoperability"),
            "no field name in the annex"
        );
    }
}
