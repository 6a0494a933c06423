//! One test per class of bad input a ministry's files can contain, each
//! through the real binary: a clear message, a non-zero exit, nothing written.

mod common;

use common::*;
use std::path::Path;
use tempfile::TempDir;

/// A copy of the Fiji sample with one file replaced by raw bytes.
fn folder_with(file: &str, bytes: &[u8]) -> TempDir {
    let dir = variant("fiji", &[]);
    std::fs::write(dir.path().join(file), bytes).unwrap();
    dir
}

fn refused(folder: &Path) -> String {
    let out = TempDir::new().unwrap();
    let target = out.path().join("plans");
    let output = generate(&[folder], &target);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(!target.exists(), "something was written");
    stderr(&output)
}

fn profile_with(from: &str, to: &str) -> TempDir {
    variant("fiji", &[("profile.toml", from, to)])
}

#[test]
fn infinity_is_refused() {
    let err =
        refused(profile_with("population_millions = 0.93", "population_millions = inf").path());
    assert!(
        err.contains("`country.population_millions`: expected a number, found inf"),
        "{err}"
    );
}

#[test]
fn a_duplicate_key_is_refused_at_its_second_place() {
    let err = refused(
        profile_with(
            "short_name = \"Fiji\"",
            "short_name = \"Fiji\"\nshort_name = \"Fidji\"",
        )
        .path(),
    );
    assert!(
        err.contains("profile.toml:7:1: invalid TOML: duplicate key"),
        "{err}"
    );
}

#[test]
fn an_empty_file_is_named() {
    let dir = folder_with("readiness.toml", b"  \n\n");
    let err = refused(dir.path());
    assert!(err.contains("readiness.toml: the file is empty"), "{err}");
}

#[test]
fn a_file_that_is_not_utf8_is_said_to_be_so() {
    let mut bytes = std::fs::read(sample("fiji").join("profile.toml")).unwrap();
    let at = bytes.windows(4).position(|w| w == b"Fiji").unwrap();
    bytes[at + 1] = 0xe9; // Latin-1 'é', as a spreadsheet export might write it
    let dir = folder_with("profile.toml", &bytes);
    let err = refused(dir.path());
    assert!(err.contains("the file is not UTF-8 text"), "{err}");
    assert!(err.contains("save the file as UTF-8"), "{err}");
    assert!(err.contains("profile.toml:5:"), "{err}");
}

#[test]
fn a_byte_order_mark_and_windows_line_endings_are_accepted() {
    let text = std::fs::read_to_string(sample("fiji").join("profile.toml")).unwrap();
    let windows = format!("\u{feff}{}", text.replace('\n', "\r\n"));
    let dir = folder_with("profile.toml", windows.as_bytes());
    let readiness = std::fs::read_to_string(dir.path().join("readiness.toml")).unwrap();
    std::fs::write(
        dir.path().join("readiness.toml"),
        readiness.replace('\n', "\r\n"),
    )
    .unwrap();
    let plan = plan_of(dir.path());
    assert_eq!(plan["country"]["name"], "Republic of Fiji");
}

#[test]
fn a_file_instead_of_a_folder_gets_a_hint() {
    let err = refused(&sample("fiji").join("profile.toml"));
    assert!(err.contains("not a folder"), "{err}");
    assert!(err.contains("give the folder that holds the file"), "{err}");
}

#[test]
fn an_input_far_larger_than_a_profile_is_refused() {
    let mut text = std::fs::read_to_string(sample("fiji").join("profile.toml")).unwrap();
    text.push_str(&format!("# {}\n", "x".repeat(2 * 1024 * 1024)));
    let dir = folder_with("profile.toml", text.as_bytes());
    let err = refused(dir.path());
    assert!(
        err.contains("larger than the 1 MiB (1,048,576 bytes) dgplan accepts"),
        "{err}"
    );
}

#[test]
fn deeply_nested_values_are_refused_without_a_crash() {
    let mut text = std::fs::read_to_string(sample("fiji").join("profile.toml")).unwrap();
    text = text.replace(
        "[context]",
        &format!(
            "[context]\nx = {}{}\n",
            "[".repeat(50_000),
            "]".repeat(50_000)
        ),
    );
    let dir = folder_with("profile.toml", text.as_bytes());
    let err = refused(dir.path());
    assert!(err.contains("invalid TOML"), "{err}");
    assert!(
        err.lines().all(|l| l.chars().count() < 400),
        "the quoted line is cut to a window"
    );
}

#[test]
fn output_paths_come_from_the_iso_code_only() {
    let dir = variant(
        "fiji",
        &[
            (
                "profile.toml",
                "name = \"Republic of Fiji\"",
                "name = \"../../../../tmp/evil\"",
            ),
            (
                "profile.toml",
                "short_name = \"Fiji\"",
                "short_name = \"/etc/passwd\"",
            ),
        ],
    );
    let out = TempDir::new().unwrap();
    assert!(generate(&[dir.path()], out.path()).status.success());
    let entries: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(entries, ["fji"]);
}

fn framework_refused(framework: &Path) -> String {
    let out = TempDir::new().unwrap();
    let output = dgplan(&[
        "generate",
        &sample("fiji").display().to_string(),
        "--out",
        &out.path().join("plans").display().to_string(),
        "--framework",
        &framework.display().to_string(),
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(!out.path().join("plans").exists());
    stderr(&output)
}

#[test]
fn a_framework_rule_on_an_unknown_fact_is_refused() {
    let fw = framework_with(
        "rules.toml",
        "name = \"data_protection_law\", is = true",
        "name = \"data_protection_act\", is = true",
    );
    let err = framework_refused(fw.path());
    assert!(
        err.contains("unknown context fact `data_protection_act`"),
        "{err}"
    );
    assert!(err.contains("did you mean `data_protection_law`?"), "{err}");
}

#[test]
fn a_duplicate_framework_id_points_at_both_places() {
    let fw = framework_with("components.toml", "id = \"pmo\"", "id = \"gov-council\"");
    let err = framework_refused(fw.path());
    assert!(
        err.contains("duplicate component id `gov-council`"),
        "{err}"
    );
    assert!(err.contains("it is already used on line"), "{err}");
}

#[test]
fn a_component_that_can_never_fit_is_refused() {
    let fw = framework_with(
        "components.toml",
        "duration_months = 24",
        "duration_months = 180",
    );
    let err = framework_refused(fw.path());
    assert!(
        err.contains("beyond the longest horizon of 180 months"),
        "{err}"
    );
}

#[test]
fn every_framework_problem_is_reported_together() {
    let dir = framework_with(
        "rules.toml",
        "include = [\"data-protection\"]",
        "include = [\"data-protecton\"]",
    );
    let text = std::fs::read_to_string(dir.path().join("kpis.toml")).unwrap();
    std::fs::write(
        dir.path().join("kpis.toml"),
        text.replacen("area = \"KRA-STANDING\"", "area = \"KRA-STANDIN\"", 1),
    )
    .unwrap();
    let err = framework_refused(dir.path());
    assert!(err.contains("unknown component `data-protecton`"), "{err}");
    assert!(
        err.contains("unknown key result area `KRA-STANDIN`"),
        "{err}"
    );
}

#[test]
fn characters_the_pdf_cannot_show_are_warned_about() {
    let dir = variant(
        "fiji",
        &[(
            "profile.toml",
            "lead_institution = \"Ministry of Communications\"",
            "lead_institution = \"ກະຊວງ Ministry\"",
        )],
    );
    let out = TempDir::new().unwrap();
    let output = generate(&[dir.path()], out.path());
    assert!(output.status.success());
    let err = stderr(&output);
    assert!(err.contains("warning:"), "{err}");
    assert!(
        err.contains(
            "`plan.lead_institution` holds characters the PDF's fonts cannot show (ກະຊວງ)"
        ),
        "{err}"
    );
    let md = std::fs::read_to_string(out.path().join("fji/master-plan.md")).unwrap();
    assert!(md.contains("ກະຊວງ Ministry"), "the Markdown keeps them");
}
