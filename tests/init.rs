//! `dgplan init --from-egdi`: a country folder from public data alone.

mod common;

use common::*;
use tempfile::TempDir;

#[test]
fn a_folder_drafted_from_public_data_generates_a_marked_plan() {
    let dir = TempDir::new().unwrap();
    let folder = dir.path().join("lao-draft");
    let output = dgplan(&["init", &folder.display().to_string(), "--from-egdi", "lao"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let profile = std::fs::read_to_string(folder.join("profile.toml")).unwrap();
    assert!(profile.contains("name = \"Lao People's Democratic Republic\""));
    assert!(profile.contains("groups = [\"LDC\", \"LLDC\"]"));
    assert!(profile.contains("TO FILL IN"));
    let readiness = std::fs::read_to_string(folder.join("readiness.toml")).unwrap();
    assert!(
        readiness.contains(
            "# Derived from the UN E-Government Survey 2024: OSI 0.3265 x 5. Not an assessment.\nservice_delivery = 1.6 "
        ),
        "{readiness}"
    );
    assert!(readiness.contains("not an assessment"));

    let plan = plan_of(&folder);
    assert_eq!(plan["country"]["iso3"], "LAO");
    let service = plan["readiness"]["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "service_delivery")
        .unwrap();
    assert_eq!(service["score"], 1.6);
    assert_eq!(service["source"], "derived from published indices");
    assert_eq!(plan["assessment"]["derived_from_indices"], true);
    assert!(
        service["evidence"]
            .as_str()
            .unwrap()
            .ends_with("Not an assessment.")
    );
    // Seven dimensions have no published counterpart: not assessed, never zero.
    assert_eq!(
        plan["readiness"]["not_assessed"].as_array().unwrap().len(),
        7
    );
    assert!(
        plan["assessment"]["method"]
            .as_str()
            .unwrap()
            .starts_with("Derived from the UN E-Government Survey 2024")
    );
    // The population comes from the World Bank, and the plan says so; a
    // draft is no longer costed for one million people.
    let assumptions = plan["assumptions"].as_array().unwrap();
    assert!(plan["country"]["population_millions"].as_f64().unwrap() > 0.001);
    assert!(
        assumptions.iter().any(|a| a
            .as_str()
            .unwrap()
            .contains("; source: World Bank, World Development Indicators, 2024.")),
        "{assumptions:?}"
    );
    assert!(
        !assumptions
            .iter()
            .any(|a| a.as_str().unwrap().contains("states no population"))
    );

    // The documents never call derived scores an assessment.
    let out = tempfile::TempDir::new().unwrap();
    assert!(generate(&[&folder], out.path()).status.success());
    let md = std::fs::read_to_string(out.path().join("lao/master-plan.md")).unwrap();
    assert!(md.contains("No readiness assessment has been made yet."));
    assert!(md.contains("The scores below are not an assessment."));
    assert!(!md.contains("Its readiness assessment of"));
    assert!(!md.contains("| Readiness assessment, "), "KPI baselines");
}

#[test]
fn init_never_overwrites_without_force() {
    let dir = TempDir::new().unwrap();
    let folder = dir.path().join("fiji");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("profile.toml"), "# a ministry's own work\n").unwrap();
    let output = dgplan(&["init", &folder.display().to_string(), "--from-egdi", "FJI"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("profile.toml already exists; nothing was written"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        std::fs::read_to_string(folder.join("profile.toml")).unwrap(),
        "# a ministry's own work\n"
    );
    assert!(!folder.join("readiness.toml").exists());
    let output = dgplan(&[
        "init",
        &folder.display().to_string(),
        "--from-egdi",
        "FJI",
        "--force",
    ]);
    assert!(output.status.success());
    assert!(
        std::fs::read_to_string(folder.join("profile.toml"))
            .unwrap()
            .contains("iso3 = \"FJI\"")
    );
}

#[test]
fn init_refuses_a_code_that_is_not_a_member_state() {
    let dir = TempDir::new().unwrap();
    let output = dgplan(&[
        "init",
        &dir.path().join("x").display().to_string(),
        "--from-egdi",
        "XKX",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("\"XKX\" is not among the 193 UN Member States"),
        "{}",
        stderr(&output)
    );
    assert!(!dir.path().join("x").exists());
}
