//! Bad inputs: each gets a clear message with file, line, column and field,
//! a non-zero exit, and nothing written.

mod common;

use common::*;
use tempfile::TempDir;

/// Runs a fixture that must fail; returns stderr after checking that the
/// exit status is 1 and that the output folder was not even created.
fn fails(name: &str) -> String {
    let out = TempDir::new().unwrap();
    let target = out.path().join("plans");
    let output = generate(&[&fixture(name)], &target);
    assert_eq!(output.status.code(), Some(1), "{name}: {}", stderr(&output));
    assert!(!target.exists(), "{name}: something was written");
    stderr(&output)
}

#[test]
fn malformed_toml_names_file_line_and_column() {
    let err = fails("malformed-toml");
    assert!(
        err.contains(
            "malformed-toml/profile.toml:2:28: the closing \" of the text is missing on line 2"
        ),
        "{err}"
    );
    assert!(err.contains("name = \"Republic of Vanuatu"), "{err}");
}

#[test]
fn wrong_type_message_is_pinned() {
    let err = fails("wrong-type");
    let path = fixture("wrong-type").join("profile.toml");
    let expected = format!(
        "error: {}:5:23: `country.population_millions`: wrong type: found string \"0.33\", expected a number\n  |\n5 | population_millions = \"0.33\"\n  |                       ^^^^^^\n  = hint: write a plain number without quotes, such as 2.5\n",
        path.display()
    );
    assert!(
        err.starts_with(&expected),
        "got:\n{err}\nexpected:\n{expected}"
    );
}

#[test]
fn score_out_of_range() {
    let err = fails("score-out-of-range");
    assert!(
        err.contains(
            "readiness.toml:7:16: `scores.coordination`: 7.5 is out of range: expected 0 to 5"
        ),
        "{err}"
    );
}

#[test]
fn unknown_dimension_suggests_the_right_one() {
    let err = fails("unknown-dimension");
    assert!(
        err.contains("readiness.toml:7:1: `scores.cordination`"),
        "{err}"
    );
    assert!(err.contains("did you mean `coordination`?"), "{err}");
}

#[test]
fn missing_required_field() {
    let err = fails("missing-field");
    assert!(
        err.contains("`plan.lead_institution`: the required key `lead_institution` is missing"),
        "{err}"
    );
    assert!(err.contains("profile.toml:7:1"), "{err}");
}

#[test]
fn unknown_iso_code() {
    let err = fails("unknown-iso");
    assert!(
        err.contains(
            "profile.toml:3:8: `country.iso3`: \"XYZ\" is not an ISO 3166-1 alpha-3 country code"
        ),
        "{err}"
    );
}

#[test]
fn missing_file_is_named() {
    let err = fails("missing-readiness");
    assert!(
        err.contains("missing-readiness/readiness.toml: cannot read the file"),
        "{err}"
    );
}

#[test]
fn an_unknown_in_place_component_is_named_with_a_suggestion() {
    let err = fails("unknown-in-place");
    assert!(
        err.contains(
            "unknown-in-place/profile.toml:12:1: `in_place.national-cerd`: `national-cerd` is not a component of the framework's catalogue"
        ),
        "{err}"
    );
    assert!(err.contains("did you mean `national-cert`?"), "{err}");
}

#[test]
fn all_problems_in_both_files_are_reported_together() {
    let err = fails("many-problems");
    for expected in [
        "profile.toml:3:8: `country.iso3`",
        "write the code in capitals: \"VUT\"",
        "profile.toml:5:23: `country.population_millions`",
        "profile.toml:9:17: `plan.horizon_years`",
        "profile.toml:11:31: `plan.priority_sectors`: \"health\" is listed twice",
        "profile.toml:12:14: `plan.sdg_focus`",
        "profile.toml:13:1: `plan.budget`: unknown key `budget` in `[plan]`",
        "did you mean `budget_usd_millions`?",
        "readiness.toml:6:14: `scores.leadership`: expected a number, found NaN",
        "readiness.toml:8:1: `scores.identity`",
        "readiness.toml:11:7: `indices.osi`",
        "`indices.egdi_year`",
        "10 problems",
    ] {
        assert!(err.contains(expected), "missing `{expected}` in:\n{err}");
    }
}

#[test]
fn one_bad_folder_does_not_stop_the_others() {
    let out = TempDir::new().unwrap();
    let output = generate(&[&fixture("unknown-iso"), &sample("lao-pdr")], out.path());
    assert_eq!(output.status.code(), Some(1));
    assert!(out.path().join("lao").join("plan.json").exists());
    let err = stderr(&output);
    assert!(err.contains("1 of 2 plans written"), "{err}");
    assert!(
        err.contains("Not generated, fix the problems above:"),
        "{err}"
    );
}

#[test]
fn two_folders_with_the_same_country_are_refused() {
    let out = TempDir::new().unwrap();
    let copy = variant("lao-pdr", &[]);
    let output = generate(&[&sample("lao-pdr"), copy.path()], out.path());
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("iso3 \"LAO\" is also used by"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_failed_run_keeps_the_earlier_good_plan() {
    let out = TempDir::new().unwrap();
    assert!(generate(&[&sample("lao-pdr")], out.path()).status.success());
    let folder = out.path().join("lao");
    let files = [
        "brief.docx",
        "brief.md",
        "brief.pdf",
        "costs.svg",
        "master-plan.docx",
        "master-plan.md",
        "master-plan.pdf",
        "plan.json",
        "readiness.svg",
        "roadmap.md",
        "roadmap.svg",
    ];
    let before: Vec<Vec<u8>> = files
        .iter()
        .map(|f| std::fs::read(folder.join(f)).unwrap())
        .collect();
    let broken = variant(
        "lao-pdr",
        &[("readiness.toml", "leadership = 2.0", "leadership = 9")],
    );
    assert_eq!(
        generate(&[broken.path()], out.path()).status.code(),
        Some(1)
    );
    for (file, old) in files.iter().zip(&before) {
        assert_eq!(
            &std::fs::read(folder.join(file)).unwrap(),
            old,
            "{file} changed"
        );
    }
    let mut names: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert_eq!(names, files, "stray files");
}

fn with_framework(framework: &std::path::Path) -> std::process::Output {
    generate_lao_with(framework).0
}

/// Generates Lao PDR with `framework`; the output folder lives as long as
/// the returned TempDir.
fn generate_lao_with(framework: &std::path::Path) -> (std::process::Output, TempDir) {
    let out = TempDir::new().unwrap();
    let output = dgplan(&[
        "generate",
        &sample("lao-pdr").display().to_string(),
        "--out",
        &out.path().display().to_string(),
        "--framework",
        &framework.display().to_string(),
    ]);
    (output, out)
}

#[test]
fn a_copy_of_the_default_framework_works_with_framework_flag() {
    let copy = framework_with("rules.toml", "", "");
    let output = with_framework(copy.path());
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn framework_with_unknown_prerequisite_is_refused() {
    let fw = framework_with(
        "components.toml",
        "requires = [\"gov-council\"]",
        "requires = [\"gov-councl\"]",
    );
    let output = with_framework(fw.path());
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("components.toml:"), "{err}");
    assert!(err.contains("unknown component `gov-councl`"), "{err}");
    assert!(err.contains("did you mean `gov-council`?"), "{err}");
}

#[test]
fn framework_dependency_cycle_is_named() {
    let fw = framework_with(
        "components.toml",
        "id = \"gov-council\"\ntitle = \"Governing body and mandate for digital government\"\npillar = \"institutions\"",
        "id = \"gov-council\"\ntitle = \"Governing body and mandate for digital government\"\npillar = \"institutions\"\nrequires = [\"pmo\"]",
    );
    let output = with_framework(fw.path());
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("dependency cycle: gov-council -> pmo -> gov-council"),
        "{err}"
    );
}

#[test]
fn framework_rule_on_unknown_dimension_is_refused() {
    let fw = framework_with(
        "rules.toml",
        "dimension = \"identity_trust\", value = 4.0",
        "dimension = \"identity\", value = 4.0",
    );
    let output = with_framework(fw.path());
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("rules.toml:"), "{err}");
    assert!(err.contains("unknown dimension `identity`"), "{err}");
}

#[test]
fn framework_text_naming_what_exists_must_require_it_in_place() {
    let fw = framework_with(
        "recommendations.toml",
        "agencies largely build alone, although a CIO network exists.",
        "agencies largely build alone, although {existing:data-exchange} exists.",
    );
    let output = with_framework(fw.path());
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains(
            "`{existing:data-exchange}` names a component this text does not require in place"
        ),
        "{err}"
    );
    assert!(err.contains("add \"data-exchange\" to `in_place`"), "{err}");
}

#[test]
fn framework_synonym_must_stand_for_a_listed_word() {
    let fw = framework_with(
        "framework.toml",
        "\"salud\" = \"health\"",
        "\"salud\" = \"helth\"",
    );
    let output = with_framework(fw.path());
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("unknown sector or hazard `helth`"), "{err}");
    assert!(err.contains("did you mean `health`?"), "{err}");
}

#[test]
fn framework_text_written_before_costing_cannot_quote_the_cost() {
    // A rule's reason is written when components are selected, before the
    // plan is costed: quoting the total there would leave "{total_cost}" in
    // the plan's pace, and the amount in its annex.
    let fw = framework_with(
        "rules.toml",
        "in either calls for the cautious pace.",
        "in either calls for the cautious pace, for {total_cost}.",
    );
    let output = with_framework(fw.path());
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    // The line of that sentence in the framework as shipped.
    let rules = std::fs::read_to_string(root().join("frameworks/default/rules.toml")).unwrap();
    let line = 1 + rules
        .lines()
        .position(|l| l.contains("in either calls for the cautious pace."))
        .unwrap();
    assert!(err.contains(&format!("rules.toml:{line}:")), "{err}");
    assert!(
        err.contains(
            "`{total_cost}` cannot be used here: this text is written before the plan is costed"
        ),
        "{err}"
    );
    // The envelope is an input, known from the start.
    let fw = framework_with(
        "rules.toml",
        "in either calls for the cautious pace.",
        "is low: few components at once, each with more time, within {envelope}.",
    );
    let (output, out) = generate_lao_with(fw.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let plan = std::fs::read_to_string(out.path().join("lao/plan.json")).unwrap();
    assert!(plan.contains("each with more time, within USD 85 million."));
    assert!(!plan.contains("{envelope}"));
}

#[test]
fn framework_text_quoting_a_start_must_require_the_component() {
    // A decision that states when a component starts applies only when the
    // schedule has it; without `components`, the quarter could belong to a
    // component in place or deferred.
    let fw = framework_with(
        "recommendations.toml",
        "components = [\"skills-academy\"]\ntext = \"Fund",
        "text = \"Fund",
    );
    let output = with_framework(fw.path());
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("recommendations.toml:"), "{err}");
    assert!(
        err.contains("`{start:skills-academy}` quotes a component this text does not require"),
        "{err}"
    );
}

#[test]
fn framework_running_costs_and_kinds_are_checked() {
    let fw = framework_with(
        "components.toml",
        "cost = { base_usd_millions = 0.8, population_elasticity = 0.2, running_share = 0.6 }",
        "cost = { base_usd_millions = 0.8, population_elasticity = 0.2, running_share = 6.0 }",
    );
    let output = with_framework(fw.path());
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("components.toml:"), "{err}");
    assert!(
        err.contains("running_share`: 6.0 is out of range: expected 0 to 2"),
        "{err}"
    );

    let fw = framework_with(
        "components.toml",
        "kind = \"function\"",
        "kind = \"forever\"",
    );
    let output = with_framework(fw.path());
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("components.toml:"), "{err}");
    assert!(err.contains("project") && err.contains("function"), "{err}");
}

#[test]
fn framework_pace_needs_a_yearly_start_limit() {
    let fw = framework_with(
        "framework.toml",
        "max_new_per_year = 8\n",
        "max_new_per_year = 0\n",
    );
    let output = with_framework(fw.path());
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("max_new_per_year`: 0 is out of range: expected a whole number from 1 to 200"),
        "{err}"
    );
}

#[test]
fn a_component_level_outside_the_ladder_is_refused_with_the_allowed_values() {
    let fw = framework_with(
        "components.toml",
        "level = \"foundation\"",
        "level = \"basic\"",
    );
    let output = with_framework(fw.path());
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("components.toml:"), "{err}");
    assert!(err.contains("level"), "{err}");
    assert!(err.contains("unknown value `basic`"), "{err}");
    for allowed in ["foundation", "integration", "transformation", "frontier"] {
        assert!(err.contains(allowed), "{allowed} not offered: {err}");
    }
}

#[test]
fn a_component_without_a_level_is_refused() {
    let fw = framework_with("components.toml", "level = \"foundation\"\n", "");
    let output = with_framework(fw.path());
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("components.toml:"), "{err}");
    assert!(err.contains("level"), "{err}");
}
