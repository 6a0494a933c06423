//! `dgplan compare`: across countries, and between versions of one plan.

mod common;

use common::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn samples() -> Vec<PathBuf> {
    SAMPLES.iter().map(|s| sample(s)).collect()
}

fn read(out: &Path, name: &str) -> String {
    std::fs::read_to_string(out.join(name)).unwrap()
}

#[test]
fn comparing_the_samples_covers_every_country_and_dimension() {
    let out = TempDir::new().unwrap();
    let folders = samples();
    let refs: Vec<&Path> = folders.iter().map(|p| p.as_path()).collect();
    let output = compare(&refs, out.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let md = read(out.path(), "comparison.md");
    let json: Value = serde_json::from_str(&read(out.path(), "comparison.json")).unwrap();
    assert_eq!(json["schema"], "dgplan-comparison/1");
    for name in ["Lao PDR", "Rwanda", "Fiji", "Kenya", "Republic of Korea"] {
        assert!(md.contains(&format!("| {name} |")), "{name} missing");
        assert!(
            md.contains(&format!("**{name}.**")),
            "no narrative for {name}"
        );
    }
    let plan = plan_of(&sample("lao-pdr"));
    for d in plan["readiness"]["dimensions"].as_array().unwrap() {
        assert!(
            md.contains(&format!("| {} |", d["name"].as_str().unwrap())),
            "{} missing",
            d["name"]
        );
    }
    for chapter in [
        "## 1. The countries compared",
        "## 2. Readiness",
        "## 3. Components",
        "## 4. Timelines",
        "## 5. Costs and financing",
        "## 6. KPI targets",
        "## 7. What sets each plan apart",
    ] {
        assert!(md.contains(chapter), "{chapter}");
    }
    assert!(!md.contains("## 8."), "no change report without versions");
    // The PDF exists and reads back.
    let pdf = lopdf::Document::load(out.path().join("comparison.pdf")).unwrap();
    assert!(pdf.get_pages().len() >= 5);
}

#[test]
fn common_and_unique_components_match_the_individual_plans() {
    let out = TempDir::new().unwrap();
    let folders = samples();
    let refs: Vec<&Path> = folders.iter().map(|p| p.as_path()).collect();
    assert!(compare(&refs, out.path()).status.success());
    let json: Value = serde_json::from_str(&read(out.path(), "comparison.json")).unwrap();
    let plans: Vec<Value> = folders.iter().map(|f| plan_of(f)).collect();
    let planned: Vec<BTreeSet<String>> = plans
        .iter()
        .map(|p| ids(&p["components"]).into_iter().collect())
        .collect();
    let all: BTreeSet<String> = planned.iter().flatten().cloned().collect();
    let expected_common: BTreeSet<String> = all
        .iter()
        .filter(|id| planned.iter().all(|s| s.contains(*id)))
        .cloned()
        .collect();
    let expected_unique: BTreeSet<String> = all
        .iter()
        .filter(|id| planned.iter().filter(|s| s.contains(*id)).count() == 1)
        .cloned()
        .collect();
    let common: BTreeSet<String> = ids(&json["common"]).into_iter().collect();
    let unique: BTreeSet<String> = ids(&json["unique"]).into_iter().collect();
    assert_eq!(common, expected_common);
    assert_eq!(unique, expected_unique);
    assert!(!unique.is_empty() && !common.is_empty());
    // Each unique component names the rule that made the difference.
    for u in json["unique"].as_array().unwrap() {
        let owner = plans
            .iter()
            .find(|p| p["country"]["display_name"] == u["country"])
            .unwrap();
        let component = component(owner, u["id"].as_str().unwrap()).unwrap();
        let rules: Vec<&str> = component["because"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["rule"].as_str().unwrap())
            .collect();
        assert_eq!(u["rules"].as_str().unwrap(), rules.join(", "));
    }
}

#[test]
fn the_csv_has_a_row_per_plan_and_a_column_per_measure() {
    let out = TempDir::new().unwrap();
    let folders = samples();
    let refs: Vec<&Path> = folders.iter().map(|p| p.as_path()).collect();
    assert!(compare(&refs, out.path()).status.success());
    let mut reader = csv::Reader::from_path(out.path().join("comparison.csv")).unwrap();
    let header = reader.headers().unwrap().clone();
    assert!(header.iter().any(|h| h == "score_leadership"));
    assert!(header.iter().any(|h| h == "component_digital-id"));
    assert!(header.iter().any(|h| h == "total_cost_usd_millions"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 5);
    for row in &rows {
        assert_eq!(row.len(), header.len());
    }
    let iso: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
    assert_eq!(
        iso,
        ["FJI", "KEN", "KOR", "LAO", "RWA"],
        "rows sorted by ISO code"
    );
    // Numbers round-trip: Lao PDR's total matches its plan.
    let lao = rows.iter().find(|r| &r[0] == "LAO").unwrap();
    let total_column = header
        .iter()
        .position(|h| h == "total_cost_usd_millions")
        .unwrap();
    let plan = plan_of(&sample("lao-pdr"));
    assert_eq!(
        lao[total_column].parse::<f64>().unwrap(),
        plan["financing"]["total_cost_usd_millions"]
            .as_f64()
            .unwrap()
    );
    // A dimension not assessed is an empty cell, never zero.
    let rwa = rows.iter().find(|r| &r[0] == "RWA").unwrap();
    let resilience = header.iter().position(|h| h == "score_resilience").unwrap();
    assert_eq!(&rwa[resilience], "");
}

#[test]
fn the_result_does_not_depend_on_input_order() {
    let a = TempDir::new().unwrap();
    let b = TempDir::new().unwrap();
    let mut folders = samples();
    let refs: Vec<&Path> = folders.iter().map(|p| p.as_path()).collect();
    assert!(compare(&refs, a.path()).status.success());
    folders.reverse();
    folders.swap(1, 3);
    let refs: Vec<&Path> = folders.iter().map(|p| p.as_path()).collect();
    assert!(compare(&refs, b.path()).status.success());
    for file in [
        "comparison.md",
        "comparison.csv",
        "comparison.json",
        "comparison.pdf",
    ] {
        let x = std::fs::read(a.path().join(file)).unwrap();
        let y = std::fs::read(b.path().join(file)).unwrap();
        assert!(x == y, "{file} depends on the order of the inputs");
    }
}

#[test]
fn a_plan_compared_with_itself_shows_no_differences() {
    let dir = TempDir::new().unwrap();
    assert!(generate(&[&sample("kenya")], dir.path()).status.success());
    let json = dir.path().join("ken/plan.json");
    let out = dir.path().join("cmp");
    let output = compare(&[&json, &sample("kenya")], &out);
    assert!(output.status.success(), "{}", stderr(&output));
    let comparison: Value = serde_json::from_str(&read(&out, "comparison.json")).unwrap();
    assert_eq!(comparison["countries"].as_array().unwrap().len(), 1);
    let changes = comparison["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0]["no_differences"], true, "{:#}", changes[0]);
    assert!(read(&out, "comparison.md").contains("No differences: the two versions say the same."));
}

#[test]
fn two_versions_of_a_plan_give_a_change_report_with_reasons() {
    let dir = TempDir::new().unwrap();
    assert!(generate(&[&sample("lao-pdr")], dir.path()).status.success());
    let before = dir.path().join("lao/plan.json");
    let after = variant(
        "lao-pdr",
        &[
            (
                "profile.toml",
                "data_protection_law = false",
                "data_protection_law = true",
            ),
            (
                "readiness.toml",
                "human_capacity = 1.0",
                "human_capacity = 2.5",
            ),
        ],
    );
    let out = dir.path().join("cmp");
    // Versions drafted on the same day are taken in the order given.
    assert!(compare(&[&before, after.path()], &out).status.success());
    let comparison: Value = serde_json::from_str(&read(&out, "comparison.json")).unwrap();
    let report = &comparison["changes"][0];
    assert_eq!(report["no_differences"], false);
    let text = |key: &str| {
        report[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert!(
        text("inputs").contains(&"Data protection law: no to yes".to_string()),
        "{:?}",
        text("inputs")
    );
    assert!(text("readiness").contains(&"Human capacity and skills: 1.0 to 2.5".to_string()));
    assert!(
        text("dropped")
            .iter()
            .any(|d| d.starts_with("Data protection law and authority (now in place)"))
    );
    assert!(
        text("rules").iter().any(|r| r.starts_with(
            "Applied in version 1, not in version 2: No data protection law is in force"
        )),
        "{:?}",
        text("rules")
    );
    assert!(read(&out, "comparison.md").contains("## 2. What changed and why"));
}

#[test]
fn a_bad_input_is_named_and_nothing_is_written() {
    let dir = TempDir::new().unwrap();
    let bad_json = dir.path().join("plan.json");
    std::fs::write(&bad_json, "{\"schema\": \"dgplan-plan/1\"").unwrap();
    let out = dir.path().join("cmp");
    let output = compare(&[&sample("fiji"), &fixture("unknown-iso"), &bad_json], &out);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("unknown-iso: cannot be compared"), "{err}");
    assert!(err.contains("plan.json: cannot be compared"), "{err}");
    assert!(err.contains("not a plan written by dgplan"), "{err}");
    assert!(!out.exists(), "something was written");
}

#[test]
fn wide_comparisons_split_their_matrices() {
    // Ten small island states: more countries than fit across one table.
    let codes = [
        "FJI", "TON", "WSM", "VUT", "KIR", "TUV", "PLW", "NRU", "FSM", "MHL",
    ];
    let folders: Vec<TempDir> = codes
        .iter()
        .map(|code| {
            variant(
                "fiji",
                &[(
                    "profile.toml",
                    "iso3 = \"FJI\"",
                    &format!("iso3 = \"{code}\""),
                )],
            )
        })
        .collect();
    let refs: Vec<&Path> = folders.iter().map(|d| d.path()).collect();
    let out = TempDir::new().unwrap();
    assert!(compare(&refs, out.path()).status.success());
    let comparison: Value = serde_json::from_str(&read(out.path(), "comparison.json")).unwrap();
    let tables = comparison["component_tables"].as_array().unwrap();
    assert_eq!(tables.len(), 2);
    for table in tables {
        assert!(table["header"].as_array().unwrap().len() <= 9);
    }
    let csv = read(out.path(), "comparison.csv");
    assert_eq!(
        csv.lines().count(),
        11,
        "the CSV holds every country in one table"
    );
}
