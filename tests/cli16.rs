//! The first hour with dgplan (issue 16, new-user tester's findings): the
//! messages a new user meets while filling in a folder from `init`.

mod common;

use std::fs;
use std::path::Path;

use common::*;
use tempfile::TempDir;

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Runs `dgplan init` with `args` into `dir/name`, requiring success.
fn init(dir: &TempDir, name: &str, args: &[&str]) -> std::path::PathBuf {
    let folder = dir.path().join(name);
    let mut all = vec!["init", folder.to_str().unwrap()];
    all.extend_from_slice(args);
    let output = dgplan(&all);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    folder
}

/// Replaces `from` (which must be there) by `to` in a file.
fn edit(file: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(file).unwrap();
    assert!(text.contains(from), "{} lacks {from:?}", file.display());
    fs::write(file, text.replacen(from, to, 1)).unwrap();
}

/// The number of the first line of a file that starts with `start`.
fn line_of(file: &Path, start: &str) -> usize {
    let text = fs::read_to_string(file).unwrap();
    1 + text
        .lines()
        .position(|l| l.starts_with(start))
        .unwrap_or_else(|| panic!("no line starts with {start:?}"))
}

fn check(folder: &Path) -> std::process::Output {
    dgplan(&["check", folder.to_str().unwrap()])
}

#[test]
fn the_stand_in_lead_institution_is_warned_of_by_check_and_generate() {
    let dir = TempDir::new().unwrap();
    let folder = init(&dir, "senegal", &["--from-egdi", "SEN"]);
    let profile = folder.join("profile.toml");
    let line = line_of(&profile, "lead_institution = ");
    let expected = format!(
        "profile.toml:{line}:20: `plan.lead_institution`: this is the stand-in init wrote; write the institution's name"
    );
    let checked = check(&folder);
    assert_eq!(checked.status.code(), Some(0), "{}", stderr(&checked));
    assert!(
        stderr(&checked).contains("warning: "),
        "{}",
        stderr(&checked)
    );
    assert!(stderr(&checked).contains(&expected), "{}", stderr(&checked));

    let out = TempDir::new().unwrap();
    let generated = generate(&[&folder], out.path());
    assert_eq!(generated.status.code(), Some(0), "{}", stderr(&generated));
    assert!(
        stderr(&generated).contains(&expected),
        "{}",
        stderr(&generated)
    );

    // Once the name is written, no warning.
    edit(
        &profile,
        "\"[Name of lead institution]\"",
        "\"Ministry of Communication\"",
    );
    let checked = check(&folder);
    assert!(
        !stderr(&checked).contains("stand-in"),
        "{}",
        stderr(&checked)
    );
}

#[test]
fn every_item_the_explain_help_names_can_be_explained() {
    let help = stdout(&dgplan(&["explain", "--help"]));
    let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
    let named: Vec<&str> = help
        .split("such as `")
        .skip(1)
        .filter_map(|rest| rest.split('`').next())
        .collect();
    assert!(named.len() >= 3, "{help}");
    let dir = TempDir::new().unwrap();
    let folder = init(&dir, "lao", &["--sample", "lao-pdr"]);
    for item in named {
        let output = dgplan(&["explain", folder.to_str().unwrap(), item]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "`explain --help` names `{item}`:\n{}",
            stderr(&output)
        );
    }
}

#[test]
fn an_uncommented_unanswered_fact_is_said_to_be_unconfirmed_with_its_own_answers() {
    let dir = TempDir::new().unwrap();
    let folder = init(&dir, "senegal", &["--from-egdi", "SEN"]);
    let profile = folder.join("profile.toml");
    edit(
        &profile,
        "# e_transactions_law = ?",
        "e_transactions_law = ?",
    );
    let err = stderr(&check(&folder));
    assert!(
        err.contains("`e_transactions_law` is not confirmed yet"),
        "{err}"
    );
    assert!(!err.contains("must be quoted"), "{err}");
    assert!(
        err.contains("hint: write true or false in place of the ?"),
        "{err}"
    );
    assert!(!err.contains("nationwide"), "{err}");

    edit(
        &profile,
        "e_transactions_law = ?",
        "# e_transactions_law = ?",
    );
    edit(&profile, "# digital_id = ?", "digital_id = ?");
    let err = stderr(&check(&folder));
    assert!(
        err.contains("hint: write \"none\", \"partial\" or \"nationwide\" (with the quotes) in place of the ?"),
        "{err}"
    );
    assert!(!err.contains("true or false"), "{err}");
}

#[test]
fn a_missing_closing_quote_is_named_with_its_line() {
    let dir = TempDir::new().unwrap();
    let folder = init(&dir, "senegal", &["--from-egdi", "SEN"]);
    let profile = folder.join("profile.toml");
    edit(
        &profile,
        "\"[Name of lead institution]\"",
        "\"Ministry of Communication",
    );
    let line = line_of(&profile, "lead_institution = ");
    let output = check(&folder);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!(
            "the closing \" of the text is missing on line {line}"
        )),
        "{err}"
    );
    assert!(
        err.contains(
            "hint: add \" at the end of the text, before any # comment: lead_institution = \"Ministry of Communication\""
        ),
        "{err}"
    );
    assert!(err.contains("1 problem."), "{err}");
}

#[test]
fn a_key_under_the_wrong_section_is_sent_to_its_own() {
    let dir = TempDir::new().unwrap();
    let folder = init(&dir, "senegal", &["--from-egdi", "SEN"]);
    let profile = folder.join("profile.toml");
    let mut text = fs::read_to_string(&profile).unwrap();
    text.push_str("lead_institution = \"Ministry of Communication\"\n");
    fs::write(&profile, text).unwrap();
    let err = stderr(&check(&folder));
    assert!(
        err.contains(
            "hint: `lead_institution` belongs under [plan]: move this line below the [plan] line"
        ),
        "{err}"
    );
    fs::write(
        &profile,
        fs::read_to_string(&profile)
            .unwrap()
            .replace("lead_institution = \"Ministry of Communication\"\n", ""),
    )
    .unwrap();

    let readiness = folder.join("readiness.toml");
    let mut text = fs::read_to_string(&readiness).unwrap();
    assert!(text.contains("[indices]"));
    text.push_str("method = \"Workshop with 12 ministries\"\n");
    fs::write(&readiness, text).unwrap();
    let err = stderr(&check(&folder));
    assert!(
        err.contains(
            "hint: `method` belongs under [assessment]: move this line below the [assessment] line"
        ),
        "{err}"
    );
}

#[test]
fn assess_shows_the_checklist_of_a_new_blank_folder() {
    let dir = TempDir::new().unwrap();
    let folder = init(&dir, "y2", &["--country", "Senegal", "--iso3", "SEN"]);
    let output = dgplan(&["assess", folder.to_str().unwrap()]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(stdout(&output).contains("Readiness checklist for"), "{err}");
    assert!(
        err.contains("warning: ") && err.contains("`assessment.method`: must not be empty"),
        "{err}"
    );
    assert!(!err.contains("error:"), "{err}");

    // A problem in the answers themselves stays an error.
    edit(
        &folder.join("readiness.toml"),
        "# leadership.sponsor = ",
        "leadership.sponsor = 9 # ",
    );
    let output = dgplan(&["assess", folder.to_str().unwrap()]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("error: "), "{err}");
    assert!(err.contains("fix them to see the checklist"), "{err}");
}

#[test]
fn init_with_a_code_alone_fills_in_the_survey_s_name() {
    let dir = TempDir::new().unwrap();
    let folder = init(&dir, "y4", &["--iso3", "SEN"]);
    let profile = fs::read_to_string(folder.join("profile.toml")).unwrap();
    assert!(profile.contains("\nname = \"Senegal\" "), "{profile}");
    let named = init(
        &dir,
        "y5",
        &["--iso3", "SEN", "--country", "Republic of Senegal"],
    );
    let profile = fs::read_to_string(named.join("profile.toml")).unwrap();
    assert!(
        profile.contains("\nname = \"Republic of Senegal\" "),
        "{profile}"
    );
}

#[test]
fn counts_in_messages_are_written_singular_or_plural() {
    let dir = TempDir::new().unwrap();
    let folder = init(&dir, "y6", &["--country", "Senegal", "--iso3", "SEN"]);
    let err = stderr(&check(&folder));
    assert!(!err.contains("(s)"), "{err}");
    assert!(err.contains("problems."), "{err}");
    let assessed = stdout(&dgplan(&["assess", folder.to_str().unwrap()]));
    assert!(!assessed.contains("(s)"), "{assessed}");
    assert!(
        assessed.contains("0 dimensions scored from the checklist"),
        "{assessed}"
    );
}

#[test]
fn a_draft_from_public_data_dates_its_derived_scores_as_the_draft_s() {
    let dir = TempDir::new().unwrap();
    let folder = init(&dir, "senegal", &["--from-egdi", "SEN"]);
    let (_out, country) = generate_one(&folder);
    let plan = fs::read_to_string(country.join("master-plan.md")).unwrap();
    assert!(
        plan.contains("Scores derived from published indices when this draft was made, on "),
        "{plan}"
    );
    assert!(!plan.contains("published indices on "), "{plan}");
}
