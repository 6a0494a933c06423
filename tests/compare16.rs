//! Issue 16, `dgplan compare`: versions of one plan read as a minister's
//! office reads them, and the CSV tells versions apart.

mod common;

use common::*;
use std::path::Path;
use tempfile::TempDir;

fn read(out: &Path, name: &str) -> String {
    std::fs::read_to_string(out.join(name)).unwrap()
}

/// Lao PDR with strong capacity, then with human capacity at 2.0,
/// coordination not assessed and a smaller envelope.
fn lao_versions() -> (TempDir, TempDir) {
    let before = variant(
        "lao-pdr",
        &[
            (
                "readiness.toml",
                "human_capacity = 1.0",
                "human_capacity = 3.5",
            ),
            ("readiness.toml", "coordination = 1.5", "coordination = 3.5"),
        ],
    );
    let after = variant(
        "lao-pdr",
        &[
            (
                "readiness.toml",
                "human_capacity = 1.0",
                "human_capacity = 2.0",
            ),
            (
                "readiness.toml",
                "coordination = 1.5",
                "# coordination = 1.5",
            ),
            (
                "profile.toml",
                "budget_usd_millions = 85.0",
                "budget_usd_millions = 60.0",
            ),
        ],
    );
    (before, after)
}

#[test]
fn a_dimension_not_assessed_is_never_given_out_of_5() {
    let (before, after) = lao_versions();
    let out = TempDir::new().unwrap();
    let output = compare(&[before.path(), after.path()], out.path());
    assert!(output.status.success(), "{}", stderr(&output));
    for name in ["comparison.md", "comparison.json", "comparison.csv"] {
        let text = read(out.path(), name);
        assert!(!text.contains("not assessed of 5"), "{name}:\n{text}");
        assert!(!text.contains("n/a of 5"), "{name}");
    }
    let md = read(out.path(), "comparison.md");
    assert!(
        md.contains("coordination (not yet assessed) allow a moderate pace"),
        "{md}"
    );
}

/// comparison.md of the two Lao PDR versions with the Fiji sample.
fn mixed_comparison() -> String {
    let (before, after) = lao_versions();
    let fiji = sample("fiji");
    let out = TempDir::new().unwrap();
    let output = compare(&[before.path(), after.path(), &fiji], out.path());
    assert!(output.status.success(), "{}", stderr(&output));
    read(out.path(), "comparison.md")
}

#[test]
fn a_change_report_names_no_field_or_rule_of_the_tool() {
    let md = mixed_comparison();
    let main = md.split("## Annex").next().unwrap();
    for artefact in [
        "human_capacity",
        "score 2 <",
        " >= ",
        " < 3",
        "weak-security-skills",
        "incomplete-assessment",
        "(R5)",
        "Selected by",
    ] {
        assert!(!main.contains(artefact), "`{artefact}` in:\n{main}");
    }
    assert!(
        main.contains("Applies in version 2, not in version 1: Human capacity (2.0 of 5)"),
        "{main}"
    );
    // The rules and the input values that decided stay in an annex.
    let annex = md.split("## Annex").nth(1).expect("an annex of rules");
    assert!(annex.contains("incomplete-assessment"), "{annex}");
}

#[test]
fn versions_drafted_alike_are_described_once() {
    let (before, after) = lao_versions();
    let out = TempDir::new().unwrap();
    assert!(
        compare(&[before.path(), after.path()], out.path())
            .status
            .success()
    );
    let md = read(out.path(), "comparison.md");
    assert!(md.contains("Both versions were drafted on "), "{md}");
    assert!(!md.contains("| drafted on "), "{md}");
}

#[test]
fn the_csv_tells_versions_apart_by_number_and_input() {
    let (before, after) = lao_versions();
    let fiji = sample("fiji");
    let out = TempDir::new().unwrap();
    let plan_json = TempDir::new().unwrap();
    let country = plan_json.path().join("lao-final");
    std::fs::create_dir(&country).unwrap();
    let (_gen, lao_out) = generate_one(after.path());
    std::fs::copy(lao_out.join("plan.json"), country.join("plan.json")).unwrap();
    let json = country.join("plan.json");
    let output = compare(&[before.path(), after.path(), &json, &fiji], out.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let mut reader = csv::Reader::from_path(out.path().join("comparison.csv")).unwrap();
    let header = reader.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).expect(name);
    let (iso, version, input) = (column("iso3"), column("version"), column("input"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let cells: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| (&r[iso], &r[version], &r[input]))
        .collect();
    let name = |dir: &TempDir| {
        dir.path()
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(
        cells,
        [
            ("FJI", "1", "fiji"),
            ("LAO", "1", name(&before).as_str()),
            ("LAO", "2", name(&after).as_str()),
            ("LAO", "3", "lao-final/plan.json"),
        ]
    );
    let text = read(out.path(), "comparison.csv");
    let tmp = std::env::temp_dir();
    assert!(
        !text.contains(tmp.to_str().unwrap()),
        "no full path: {text}"
    );
}

#[test]
fn a_mixed_comparison_reads_as_its_tables_do() {
    let md = mixed_comparison();
    // Coordination is assessed in Fiji's plan only: Fiji is not both the
    // strongest and the weakest.
    assert!(
        md.contains(
            "| Institutional coordination | Fiji (2.5), the only plan that assessed it | \
             Fiji (2.5), the only plan that assessed it |"
        ),
        "{md}"
    );
    assert!(!md.contains("| Fiji (2.5) | Fiji (2.5) |"), "{md}");
    // Level scores are said to be level.
    assert!(md.contains("level: Fiji and Lao PDR (2.0)"), "{md}");
    // A score that is no longer assessed is said so in words.
    assert!(
        md.contains("- Institutional coordination: 3.5 to not assessed"),
        "{md}"
    );
    // Components with "and" in their titles stay apart.
    assert!(
        md.contains(
            "In no other plan compared: Cybersecurity strategy and government security baseline; "
        ),
        "{md}"
    );
    assert!(!md.contains("by 2031: Set once"), "{md}");
    assert!(
        md.contains("target for 2031: set once the baseline is measured"),
        "{md}"
    );
    assert!(
        !md.contains("2026-12-29"),
        "dates read as 29 December 2026:\n{md}"
    );
}

#[test]
fn moved_components_are_listed_in_the_order_the_new_version_starts_them() {
    let (before, after) = lao_versions();
    let out = TempDir::new().unwrap();
    assert!(
        compare(&[before.path(), after.path()], out.path())
            .status
            .success()
    );
    let md = read(out.path(), "comparison.md");
    let list = md
        .split("**Components moved:**")
        .nth(1)
        .expect("moved")
        .trim_start();
    let starts: Vec<(u32, u32)> = list
        .lines()
        .take_while(|l| l.starts_with("- "))
        .map(|l| {
            // "- Title: Q1 2029-Q4 2029 to Q2 2028-Q1 2029": the new start.
            let new = l.rsplit(" to ").next().unwrap();
            let (q, year) = new.split('-').next().unwrap().split_once(' ').unwrap();
            (year.parse().unwrap(), q[1..].parse().unwrap())
        })
        .collect();
    assert!(starts.len() > 1, "{md}");
    assert!(starts.windows(2).all(|w| w[0] <= w[1]), "{starts:?}\n{md}");
}
