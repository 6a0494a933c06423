//! Drafts from public data (issue 16): `init --from-egdi` and plain `init`
//! write one commented template; facts public data does not hold are
//! "unknown, confirm" placeholders in the profile and questions to confirm
//! in the plan, never absences.

mod common;

use std::path::Path;

use common::*;
use tempfile::TempDir;

/// The `[context]` facts a profile may state.
const FACTS: [&str; 7] = [
    "digital_id",
    "data_protection_law",
    "e_transactions_law",
    "cybersecurity_strategy",
    "interoperability_framework",
    "government_cloud",
    "national_portal",
];

/// Notes that only a draft from public data carries: where a filled-in
/// value came from, or that a stand-in must be replaced.
const NOTES: [&str; 3] = ["# From public data", "# Derived from", "# TO FILL IN"];

fn init(dir: &Path, name: &str, args: &[&str]) -> std::path::PathBuf {
    let folder = dir.join(name);
    let mut all = vec!["init", folder.to_str().unwrap()];
    all.extend_from_slice(args);
    let output = dgplan(&all);
    assert!(output.status.success(), "{}", stderr(&output));
    folder
}

fn read(folder: &Path, file: &str) -> String {
    std::fs::read_to_string(folder.join(file)).unwrap()
}

/// A file's lines after its opening paragraph, without the notes of a
/// draft from public data, each field line reduced to its key and its
/// comment: commented out or not, whatever its value.
fn skeleton(text: &str) -> Vec<String> {
    text.lines()
        .skip_while(|l| !l.trim().is_empty())
        .filter(|l| !NOTES.iter().any(|n| l.starts_with(n)))
        .map(|line| {
            let body = line.strip_prefix("# ").unwrap_or(line);
            match body.split_once(" = ") {
                Some((key, rest))
                    if !key.is_empty()
                        && key
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c)) =>
                {
                    let comment = rest.split_once("  # ").map_or("", |(_, c)| c.trim());
                    format!("{key} = ... # {comment}")
                }
                _ => line.to_string(),
            }
        })
        .collect()
}

#[test]
fn plain_and_public_data_drafts_share_one_template() {
    let dir = TempDir::new().unwrap();
    let plain = init(
        dir.path(),
        "plain",
        &["--country", "Senegal", "--iso3", "SEN"],
    );
    let drafted = init(dir.path(), "drafted", &["--from-egdi", "SEN"]);
    for file in ["profile.toml", "readiness.toml"] {
        let (a, b) = (read(&plain, file), read(&drafted, file));
        let (a, b) = (skeleton(&a), skeleton(&b));
        for (line, (x, y)) in a.iter().zip(&b).enumerate() {
            assert_eq!(
                x,
                y,
                "{file}, line {} after the opening paragraph",
                line + 1
            );
        }
        assert_eq!(a.len(), b.len(), "{file}");
    }
    // What plain init always wrote is in the draft from public data too.
    let profile = read(&drafted, "profile.toml");
    for key in [
        "# sdg_focus = ",
        "# external_financing_share = ",
        "# lead_short = ",
    ] {
        assert!(profile.contains(key), "{key}\n{profile}");
    }
    let readiness = read(&drafted, "readiness.toml");
    assert!(
        readiness.contains("# leadership.sponsor = 0"),
        "{readiness}"
    );
    assert!(
        readiness.contains("#     3 = The head of government"),
        "{readiness}"
    );
    // And the draft has more filled in: the public data, marked as such.
    assert!(
        profile.contains("population_millions = 18.502"),
        "{profile}"
    );
    assert!(readiness.contains("infrastructure = 3.7"), "{readiness}");
    assert!(
        readiness.contains("# Derived from the UN E-Government Survey 2024: TII 0.7329 x 5."),
        "{readiness}"
    );
}

#[test]
fn a_public_data_draft_asks_to_confirm_what_public_data_does_not_hold() {
    let dir = TempDir::new().unwrap();
    let drafted = init(dir.path(), "sen", &["--from-egdi", "SEN"]);
    let profile = read(&drafted, "profile.toml");
    for fact in FACTS {
        let line = profile
            .lines()
            .find(|l| l.starts_with(&format!("# {fact} = ?")))
            .unwrap_or_else(|| panic!("no placeholder for {fact}:\n{profile}"));
        assert!(line.contains("# UNKNOWN, CONFIRM: "), "{line}");
        assert!(line.contains('?'), "{line}");
    }
    let in_place = profile
        .lines()
        .find(|l| l.starts_with("# [in_place]"))
        .unwrap();
    assert!(in_place.contains("UNKNOWN, CONFIRM"), "{in_place}");
    // The placeholders are comments: `check` accepts the draft as it is.
    let output = dgplan(&["check", drafted.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn a_fact_uncommented_without_its_answer_says_to_write_the_answer() {
    let dir = TempDir::new().unwrap();
    let drafted = init(dir.path(), "sen", &["--from-egdi", "SEN"]);
    let profile = read(&drafted, "profile.toml");
    let edited = profile.replacen("# data_protection_law = ?", "data_protection_law = ?", 1);
    assert_ne!(edited, profile);
    std::fs::write(drafted.join("profile.toml"), edited).unwrap();
    let output = dgplan(&["check", drafted.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(text.contains("profile.toml:"), "{text}");
    assert!(
        text.contains("`data_protection_law` is not confirmed yet")
            && text.contains("hint: write true or false in place of the ?"),
        "{text}"
    );
}

/// The draft for Senegal, with `edit` applied to its profile, and its plan.
fn senegal_plan(edit: Option<(&str, &str)>) -> (String, serde_json::Value) {
    let dir = TempDir::new().unwrap();
    let drafted = init(dir.path(), "sen", &["--from-egdi", "SEN"]);
    if let Some((from, to)) = edit {
        let profile = read(&drafted, "profile.toml");
        let start = profile.find(from).expect("the draft has the line to edit");
        let end = start + profile[start..].find('\n').unwrap();
        let edited = format!("{}{to}{}", &profile[..start], &profile[end..]);
        std::fs::write(drafted.join("profile.toml"), edited).unwrap();
    }
    let (_out, country) = generate_one(&drafted);
    let md = std::fs::read_to_string(country.join("master-plan.md")).unwrap();
    let plan = serde_json::from_str(&read(&country, "plan.json")).unwrap();
    (md, plan)
}

fn question_texts(plan: &serde_json::Value) -> Vec<String> {
    plan["open_questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["text"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_plan_on_unknown_facts_asks_instead_of_asserting_an_absence() {
    let (md, plan) = senegal_plan(None);
    let questions = question_texts(&plan);
    assert!(
        questions
            .iter()
            .any(|q| q.starts_with("Is a data protection law in force in Senegal?")),
        "{questions:?}"
    );
    // Each unknown fact the plan acts on is asked, once.
    for asked in [
        "digital identity",
        "electronic transactions",
        "national portal",
    ] {
        assert_eq!(
            questions
                .iter()
                .filter(|q| q.to_lowercase().contains(asked))
                .count(),
            1,
            "{asked}: {questions:?}"
        );
    }
    // The executive summary lists them, after the decisions.
    let summary = &md[md.find("## 1. Executive summary").unwrap()..md.find("## 2.").unwrap()];
    let asked = summary.find("### Questions to confirm").expect(summary);
    assert!(asked > summary.find("### Decisions that matter most").unwrap());
    assert!(
        summary.contains("- Is a data protection law in force in Senegal?"),
        "{summary}"
    );
    // The decision is conditional: no bill is tabled for a law that may exist.
    assert!(!md.contains("Table the data protection bill"), "{summary}");
    let decisions: Vec<&str> = plan["key_decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["text"].as_str().unwrap())
        .collect();
    assert!(
        decisions
            .iter()
            .any(|d| d.starts_with("If no data protection law is in force, ")),
        "{decisions:?}"
    );
}

#[test]
fn a_fact_the_profile_confirms_is_not_asked() {
    let (md, plan) = senegal_plan(Some((
        "# data_protection_law = ?",
        "data_protection_law = true",
    )));
    let questions = question_texts(&plan);
    assert!(
        !questions.iter().any(|q| q.contains("data protection")),
        "{questions:?}"
    );
    assert!(!md.contains("If no data protection law is in force"));
    assert!(selected(&plan, "data-protection").is_none());
    // The other unknown facts are still asked.
    assert!(
        questions.iter().any(|q| q.contains("national portal")),
        "{questions:?}"
    );
    // A profile that states there is no law gets the decision as it was,
    // and no question.
    let (md, plan) = senegal_plan(Some((
        "# data_protection_law = ?",
        "data_protection_law = false",
    )));
    assert!(md.contains("Enact a data protection law by"));
    assert!(
        !question_texts(&plan)
            .iter()
            .any(|q| q.contains("data protection")),
    );
}

#[test]
fn a_profile_that_states_every_fact_gets_no_questions() {
    let (md, plan) = {
        let folder = sample("republic-of-korea");
        let (_out, country) = generate_one(&folder);
        (
            std::fs::read_to_string(country.join("master-plan.md")).unwrap(),
            serde_json::from_str::<serde_json::Value>(&read(&country, "plan.json")).unwrap(),
        )
    };
    assert!(question_texts(&plan).is_empty());
    assert!(!md.contains("Questions to confirm"));
}

#[test]
fn a_question_to_confirm_is_checked_like_a_decision() {
    let framework = framework_with(
        "recommendations.toml",
        "id = \"Q-national-portal\"\nwhen = { fact_unknown = \"national_portal\" }\ncomponents = [\"national-portal\"]",
        "id = \"Q-national-portal\"\nwhen = { fact_unknown = \"national_portl\" }\ncomponents = [\"national-portl\"]",
    );
    let output = dgplan(&[
        "check",
        sample("fiji").to_str().unwrap(),
        "--framework",
        framework.path().to_str().unwrap(),
    ]);
    assert!(!output.status.success());
    let errors = stderr(&output);
    assert!(errors.contains("recommendations.toml:"), "{errors}");
    assert!(errors.contains("national_portl"), "{errors}");
    assert!(errors.contains("national-portl"), "{errors}");
}

#[test]
fn a_published_index_reads_the_same_in_the_text_the_tables_and_the_kpis() {
    // Senegal's EGDI 2024 is 0.51625: every place rounds it the same way.
    let dir = TempDir::new().unwrap();
    let drafted = init(dir.path(), "sen", &["--from-egdi", "SEN"]);
    let (_out, country) = generate_one(&drafted);
    let plan = std::fs::read_to_string(country.join("master-plan.md")).unwrap();
    assert!(plan.matches("0.5163").count() >= 3, "{plan}");
    assert!(!plan.contains("0.5162"), "{plan}");
}
