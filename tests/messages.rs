//! Messages that lead the user to the fix (issue 16): each mistake a new
//! user makes is answered with what to write instead, through the real
//! binary.

mod common;

use std::path::Path;

use common::*;
use tempfile::TempDir;

/// `check` of a folder that must fail; its standard error.
fn check_fails(folder: &Path) -> String {
    let output = dgplan(&["check", &folder.display().to_string()]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    stderr(&output)
}

fn fiji_with(file: &str, from: &str, to: &str) -> TempDir {
    variant("fiji", &[(file, from, to)])
}

fn says(text: &str, wanted: &str) {
    assert!(text.contains(wanted), "missing:\n{wanted}\nin:\n{text}");
}

#[test]
fn income_group_names_are_answered_with_their_code() {
    for (written, code, name) in [
        ("Lower middle income", "LMIC", "lower-middle income"),
        ("lower middle", "LMIC", "lower-middle income"),
        ("Low income", "LIC", "low income"),
        ("Upper-middle-income", "UMIC", "upper-middle income"),
        ("HIGH INCOME", "HIC", "high income"),
        ("LMC", "LMIC", "lower-middle income"),
        ("umic", "UMIC", "upper-middle income"),
    ] {
        let dir = fiji_with(
            "profile.toml",
            "income_group = \"UMIC\"",
            &format!("income_group = \"{written}\""),
        );
        let err = check_fails(dir.path());
        says(
            &err,
            &format!("`country.income_group`: unknown value `{written}`"),
        );
        says(
            &err,
            &format!("= hint: write \"{code}\", the code for {name}"),
        );
    }
}

#[test]
fn group_names_are_answered_with_their_code() {
    for (written, code, name) in [
        ("Least developed country", "LDC", "least developed country"),
        (
            "Small island developing states",
            "SIDS",
            "small island developing state",
        ),
        (
            "landlocked developing countries",
            "LLDC",
            "landlocked developing country",
        ),
    ] {
        let dir = fiji_with(
            "profile.toml",
            "groups = [\"SIDS\"]",
            &format!("groups = [\"{written}\"]"),
        );
        let err = check_fails(dir.path());
        says(&err, "`country.groups[1]`: unknown value");
        says(
            &err,
            &format!("= hint: write \"{code}\", the code for {name}"),
        );
    }
}

#[test]
fn a_two_letter_code_or_a_name_in_iso3_is_answered_with_the_three_letter_code() {
    let dir = fiji_with("profile.toml", "iso3 = \"FJI\"", "iso3 = \"SN\"");
    let err = check_fails(dir.path());
    says(
        &err,
        "`country.iso3`: \"SN\" is not an ISO 3166-1 alpha-3 country code",
    );
    says(
        &err,
        "= hint: \"SN\" is the two-letter code of Senegal; write its three-letter code: iso3 = \"SEN\"",
    );
    let dir = fiji_with("profile.toml", "iso3 = \"FJI\"", "iso3 = \"Senegal\"");
    let err = check_fails(dir.path());
    says(
        &err,
        "= hint: write the three-letter code of Senegal: iso3 = \"SEN\"",
    );
}

#[test]
fn init_answers_a_two_letter_code_or_a_name_with_the_three_letter_code() {
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("senegal");
    let out = out.display().to_string();
    let output = dgplan(&["init", &out, "--iso3", "SN"]);
    assert_eq!(output.status.code(), Some(2));
    says(
        &stderr(&output),
        "error: --iso3 \"SN\" is not a three-letter ISO 3166-1 alpha-3 code\n  = hint: \"SN\" is the two-letter code of Senegal; write its three-letter code: --iso3 SEN",
    );
    let output = dgplan(&["init", &out, "--iso3", "Senegal"]);
    says(
        &stderr(&output),
        "= hint: write the three-letter code of Senegal: --iso3 SEN",
    );
    let output = dgplan(&["init", &out, "--from-egdi", "sn"]);
    assert_eq!(output.status.code(), Some(2));
    says(
        &stderr(&output),
        "= hint: \"sn\" is the two-letter code of Senegal; write its three-letter code: --from-egdi SEN",
    );
    assert!(!Path::new(&out).exists(), "nothing is written");
}

#[test]
fn a_misspelt_folder_is_no_such_folder_with_the_closest_one_named() {
    let dir = TempDir::new().unwrap();
    let senegal = dir.path().join("senegal");
    std::fs::create_dir(&senegal).unwrap();
    for file in ["profile.toml", "readiness.toml"] {
        std::fs::copy(sample("fiji").join(file), senegal.join(file)).unwrap();
    }
    std::fs::create_dir(dir.path().join("notes")).unwrap();
    let wanted = "error: senegl: no such folder\n  = hint: did you mean `senegal`?";
    for args in [
        &["check", "senegl"][..],
        &["generate", "senegl"],
        &["assess", "senegl"],
        &["explain", "senegl"],
        &["compare", "senegl", "senegal"],
    ] {
        let output = dgplan_in(dir.path(), args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        says(&stderr(&output), wanted);
        assert!(!stderr(&output).contains("not a folder"), "{args:?}");
    }
    // In another folder, the suggestion keeps the path.
    let output = dgplan_in(dir.path(), &["check", "./senegl"]);
    says(&stderr(&output), "did you mean `./senegal`?");
    // Nothing close: say how to start one.
    let output = dgplan_in(dir.path(), &["check", "bolivia"]);
    says(
        &stderr(&output),
        "error: bolivia: no such folder\n  = hint: check the spelling; `dgplan init bolivia` writes a new country folder",
    );
    // A file is not a folder.
    let output = dgplan_in(dir.path(), &["check", "senegal/profile.toml"]);
    says(&stderr(&output), "senegal/profile.toml: not a folder");
}

/// readiness.toml of Fiji with its answers replaced by `answers`.
fn fiji_answers(answers: &str) -> TempDir {
    fiji_with(
        "readiness.toml",
        "resilience.early_warning = 2",
        &format!("resilience.early_warning = 2\n{answers}"),
    )
}

#[test]
fn an_answer_of_the_wrong_type_names_its_question_and_an_answer_number() {
    let dir = fiji_answers("demand_inclusion.use = \"2\"\ndemand_inclusion.feedback = 1.5\n");
    let dir = {
        // demand_inclusion is scored in [scores]: take it out so the answers count.
        let path = dir.path().join("readiness.toml");
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replace("demand_inclusion = 2.0\n", "")).unwrap();
        dir
    };
    let err = check_fails(dir.path());
    says(
        &err,
        "`answers.demand_inclusion.use`: wrong type: found string \"2\", expected a whole number",
    );
    says(
        &err,
        "= hint: write the answer's number without quotes, such as 1; the answers to \"Do people use the online services that exist?\" are 0 = Rarely. 1 = Some services are used. 2 = Use is growing and measured. 3 = Most eligible users choose online.",
    );
    // Both wrong answers are reported.
    says(
        &err,
        "`answers.demand_inclusion.feedback`: wrong type: found the number `1.5`, expected a whole number",
    );
    assert!(!err.contains("2026"), "{err}");
}

#[test]
fn every_other_answers_error_names_the_dimension_and_question() {
    let dir = fiji_answers(
        "resilience.bakup = 1\nresilence.backup = 1\nresilience.climate_data = 7\nleadership.sponsor = 2\n",
    );
    let err = check_fails(dir.path());
    says(
        &err,
        "`answers.resilience.bakup`: `bakup` is not a checklist question of `resilience`",
    );
    says(
        &err,
        "`answers.resilence`: `resilence` is not a readiness dimension of the framework",
    );
    says(
        &err,
        "`answers.resilience.climate_data`: 7 is not an answer: expected a whole number from 0 to",
    );
    says(
        &err,
        "`answers.leadership`: `leadership` has both a score in [scores] and checklist answers",
    );
    assert!(!err.contains("2026"), "{err}");
    let dir = fiji_answers("human_capacity = 2\n");
    let err = check_fails(dir.path());
    says(&err, "`answers.human_capacity`: wrong type");
    says(
        &err,
        "= hint: answer each question of `human_capacity` on its own line, such as `human_capacity.",
    );
}

#[test]
fn two_wrong_types_in_one_section_are_both_reported() {
    let dir = variant(
        "fiji",
        &[
            ("profile.toml", "groups = [\"SIDS\"]", "groups = \"SIDS\""),
            (
                "profile.toml",
                "population_millions = 0.93",
                "population_millions = \"lots\"",
            ),
            ("profile.toml", "iso3 = \"FJI\"", "iso3 = \"FJ\""),
        ],
    );
    let err = check_fails(dir.path());
    says(&err, "`country.groups`: wrong type");
    says(&err, "`country.population_millions`: wrong type");
    // The section's other values are still checked.
    says(&err, "\"FJ\" is not an ISO 3166-1 alpha-3 country code");
    says(&err, "3 problems.");
}

#[test]
fn a_syntax_error_in_the_profile_does_not_hide_the_readiness_problems() {
    let dir = variant(
        "fiji",
        &[
            ("profile.toml", "horizon_years = 5", "horizon_years = = 5"),
            ("readiness.toml", "leadership = 3.0", "leadership = 7.0"),
        ],
    );
    let err = check_fails(dir.path());
    says(&err, "profile.toml:15:17: invalid TOML");
    says(
        &err,
        "`scores.leadership`: 7.0 is out of range: expected 0 to 5",
    );
}

/// A framework folder that knows one more component, `tourism-pass`.
fn framework_with_tourism(at: &Path) {
    std::fs::create_dir_all(at).unwrap();
    for entry in std::fs::read_dir(root().join("frameworks/default")).unwrap() {
        let entry = entry.unwrap();
        // The translations, in fr/ and es/, are not framework files.
        if entry.path().is_dir() {
            continue;
        }
        std::fs::copy(entry.path(), at.join(entry.file_name())).unwrap();
    }
    let components = at.join("components.toml");
    let mut text = std::fs::read_to_string(&components).unwrap();
    text.push_str(
        r#"
[[components]]
id = "tourism-pass"
title = "Tourism permit service"
pillar = "institutions"
summary = "Let visitors apply for permits online."
raises = ["service_delivery"]
duration_months = 6
level = "foundation"
kind = "function"
tier = 3
cost = { base_usd_millions = 0.2, population_elasticity = 0.1, running_share = 0.3 }
lead = "{lead}"
financing = ["budget_line"]
sdgs = [8]
change_management = "Train the permit office."
milestone = "Permits are issued online."
"#,
    );
    std::fs::write(components, text).unwrap();
}

/// A workspace with `my-framework/` and a Fiji folder `fiji/` that has the
/// framework's own component in place; `named` adds `framework =` to [plan].
fn workspace(named: bool) -> TempDir {
    let dir = TempDir::new().unwrap();
    framework_with_tourism(&dir.path().join("my-framework"));
    let fiji = dir.path().join("fiji");
    std::fs::create_dir(&fiji).unwrap();
    let mut profile = std::fs::read_to_string(sample("fiji").join("profile.toml")).unwrap();
    if named {
        profile = profile.replace(
            "start_year = 2027",
            "start_year = 2027\nframework = \"../my-framework\"",
        );
    }
    profile.push_str("\n[in_place]\ntourism-pass = \"Fiji Visitor Permits\"\n");
    std::fs::write(fiji.join("profile.toml"), profile).unwrap();
    std::fs::copy(
        sample("fiji").join("readiness.toml"),
        fiji.join("readiness.toml"),
    )
    .unwrap();
    dir
}

#[test]
fn a_folder_names_its_framework_and_every_command_uses_it() {
    let dir = workspace(true);
    for args in [
        &["check", "fiji"][..],
        &["assess", "fiji"],
        &["explain", "fiji", "tourism-pass"],
        &["generate", "fiji", "--out", "plans"],
        &["compare", "fiji", "--out", "cmp"],
    ] {
        let output = dgplan_in(dir.path(), args);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{args:?}: {}",
            stderr(&output)
        );
    }
    let plan = std::fs::read_to_string(dir.path().join("plans/fji/plan.json")).unwrap();
    assert!(plan.contains("Fiji Visitor Permits"));
    // Run from elsewhere, the path is still the profile's folder's.
    let output = dgplan(&["check", &dir.path().join("fiji").display().to_string()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn the_command_line_framework_wins_and_says_so() {
    let dir = workspace(true);
    let default = root().join("frameworks/default").display().to_string();
    let output = dgplan_in(dir.path(), &["check", "fiji", "--framework", &default]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    says(
        &err,
        &format!(
            "note: fiji/profile.toml names the framework ../my-framework under [plan]; --framework {default} is used, as given on the command line"
        ),
    );
    says(
        &err,
        "`tourism-pass` is not a component of the framework's catalogue",
    );
}

#[test]
fn a_folder_written_for_another_framework_is_told_how_to_name_it() {
    let dir = workspace(false);
    let output = dgplan_in(dir.path(), &["check", "fiji"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    says(
        &err,
        "`tourism-pass` is not a component of the framework's catalogue",
    );
    says(
        &err,
        "this folder may be written for another framework: name it with `framework = \"PATH\"` under [plan] or pass --framework PATH",
    );
}

#[test]
fn a_named_framework_that_is_not_there_is_reported_at_the_profile() {
    let dir = workspace(true);
    std::fs::remove_dir_all(dir.path().join("my-framework")).unwrap();
    let output = dgplan_in(dir.path(), &["check", "fiji"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    says(
        &err,
        "fiji/profile.toml:15:13: `plan.framework`: \"../my-framework\" is not a framework folder",
    );
    // The folder names a framework: it is not told to name one.
    assert!(
        !err.contains("may be written for another framework"),
        "{err}"
    );
}
