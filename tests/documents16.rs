//! Issue 16, documents that do not contradict the README or themselves: a
//! comparison of versions of one plan reads as a change report, `assess`
//! stays short, and the Markdown a person edits shows no needless escapes.
//! Every test runs the real binary.

mod common;

use common::*;
use std::path::Path;
use tempfile::TempDir;

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

/// A folder whose checklist is half answered, as in the README's walk-through:
/// two dimensions scored, three answered through the checklist (one only in
/// part), six not assessed.
fn half_answered() -> TempDir {
    let dir = TempDir::new().unwrap();
    std::fs::write(
        dir.path().join("readiness.toml"),
        "[assessment]\ndate = 2026-05-01\nmethod = \"Self-assessment workshop\"\n\n\
         [scores]\ninfrastructure = 2.5\nhuman_capacity = 2.0\n\n\
         [answers]\nleadership.sponsor = 2\nleadership.strategy = 2\nleadership.owner = 1\n\
         leadership.continuity = 2\nresilience.backup = 1\nresilience.continuity = 1\n\
         resilience.early_warning = 2\nresilience.climate_data = 1\n\
         service_delivery.portal = 1\nservice_delivery.online_services = 0\n",
    )
    .unwrap();
    dir
}

fn assess(args: &[&str]) -> String {
    let output = dgplan(args);
    assert!(output.status.success(), "{}", stderr(&output));
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn assess_of_a_half_answered_folder_is_short_and_counts_what_it_leaves_out() {
    let dir = half_answered();
    let folder = dir.path().display().to_string();
    let text = assess(&["assess", &folder]);
    let lines = text.lines().count();
    assert!(lines <= 80, "{lines} lines:\n{text}");
    // Every dimension is still named, in the framework's order.
    for name in [
        "Leadership and ownership: 2.9 of 5, from the checklist",
        "Institutional coordination: not assessed",
        "Financing and partnerships: not assessed",
        "Public service delivery: 0.8 of 5, from the checklist",
    ] {
        assert!(text.contains(name), "{name} missing:\n{text}");
    }
    // A dimension not assessed shows its first questions with their
    // answers, and counts the rest.
    assert!(
        text.contains("coordination.body: Is there a body that coordinates digital work across ministries?\n        0 = None."),
        "{text}"
    );
    assert!(text.contains("and 2 more questions"), "{text}");
    assert!(!text.contains("coordination.shared_platforms"), "{text}");
    // The dimensions beyond the first few are one line each, with a count.
    assert!(
        text.contains("Financing and partnerships: not assessed; the plan will start by assessing it; 4 questions to answer"),
        "{text}"
    );
    assert!(
        !text.contains("financing_partnerships.budget_line"),
        "{text}"
    );
    assert!(text.contains("26 questions unanswered"), "{text}");
    assert!(
        text.contains(&format!("dgplan assess {folder} --all")),
        "{text}"
    );
}

#[test]
fn assess_all_lists_every_unanswered_question() {
    let dir = half_answered();
    let folder = dir.path().display().to_string();
    let text = assess(&["assess", &folder, "--all"]);
    for question in [
        "coordination.shared_platforms:",
        "financing_partnerships.budget_line:",
        "identity_trust.security_standards:",
        "demand_inclusion.use:",
    ] {
        assert!(text.contains(question), "{question} missing:\n{text}");
    }
    assert!(!text.contains("more questions"), "{text}");
    assert!(!text.contains("--all"), "{text}");
    // A folder with one question open has nothing to cut.
    let fiji = assess(&["assess", &sample("fiji").display().to_string()]);
    assert!(fiji.contains("resilience.climate_data:"), "{fiji}");
    assert!(!fiji.contains("--all"), "{fiji}");
}

fn compare(inputs: &[&Path], out: &Path) -> String {
    let mut args: Vec<String> = vec!["compare".into()];
    args.extend(inputs.iter().map(|p| p.display().to_string()));
    args.extend(["--out".into(), out.display().to_string()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = dgplan(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    std::fs::read_to_string(out.join("comparison.md")).unwrap()
}

/// Lao PDR's plan with a smaller budget and a better human capacity score:
/// the version before the sample's.
fn lao_before() -> TempDir {
    variant(
        "lao-pdr",
        &[
            (
                "profile.toml",
                "budget_usd_millions = 85.0",
                "budget_usd_millions = 60.0",
            ),
            (
                "readiness.toml",
                "human_capacity = 1.0",
                "human_capacity = 2.5",
            ),
        ],
    )
}

#[test]
fn a_comparison_of_two_versions_of_one_plan_says_what_changed_and_why() {
    let before = lao_before();
    let out = TempDir::new().unwrap();
    let md = compare(&[before.path(), &sample("lao-pdr")], out.path());
    // Nothing that only means something across countries.
    for phrase in [
        "above the average of",
        "below the average of",
        "Strongest and weakest",
        "Averages by group",
        "Unique to one plan",
        "What sets each plan apart",
        "Lao PDR (2.0) | Lao PDR (2.0)",
    ] {
        assert!(!md.contains(phrase), "`{phrase}` in:\n{md}");
    }
    // The versions, in the order given (both drafted on the same day).
    assert!(
        md.contains("# Changes between versions of a national digital government plan"),
        "{md}"
    );
    assert!(md.contains("- **Versions:** 2"), "{md}");
    assert!(md.contains("### Lao PDR: version 1 to version 2"), "{md}");
    assert!(
        md.contains("| Version 1 |") && md.contains("| Version 2 |"),
        "{md}"
    );
    // What changed, in words a reader knows.
    assert!(
        md.contains("Budget envelope: USD 60 million to USD 85 million"),
        "{md}"
    );
    assert!(md.contains("Human capacity and skills: 2.5 to 1.0"), "{md}");
    assert!(
        md.contains("Funded programme: USD 59.6 million to USD 84 million"),
        "{md}"
    );
    assert!(md.contains("**Components added:**"), "{md}");
    assert!(!md.contains("plan.budget_usd_millions"), "{md}");
    // And why: the rule that now applies, in its own words.
    assert!(
        md.contains("Applies in version 2, not in version 1: Human capacity scores 1.0 of 5"),
        "{md}"
    );
    // The other order reads the other way round.
    let out = TempDir::new().unwrap();
    let md = compare(&[&sample("lao-pdr"), before.path()], out.path());
    assert!(
        md.contains("Budget envelope: USD 85 million to USD 60 million"),
        "{md}"
    );
}

#[test]
fn a_mixed_comparison_counts_countries_and_says_which_version_it_uses() {
    let before = lao_before();
    let out = TempDir::new().unwrap();
    let md = compare(
        &[before.path(), &sample("lao-pdr"), &sample("fiji")],
        out.path(),
    );
    // Two countries, not three plans.
    assert!(md.contains("- **Countries:** 2"), "{md}");
    assert!(md.contains("All compared (2)"), "{md}");
    assert!(
        md.contains("Lao PDR has 2 versions: the tables, averages and rankings use version 2"),
        "{md}"
    );
    assert!(md.contains("Strongest and weakest"), "{md}");
    assert!(
        md.contains("Budget envelope: USD 60 million to USD 85 million"),
        "{md}"
    );
}

#[test]
fn a_single_plan_is_not_measured_against_itself() {
    let out = TempDir::new().unwrap();
    let md = compare(&[&sample("fiji")], out.path());
    assert!(!md.contains("the average of"), "{md}");
    assert!(!md.contains("Strongest and weakest"), "{md}");
}
