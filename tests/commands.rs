//! The commands around `generate`: init (blank), check, assess, explain,
//! frameworks, manual, and the --quiet/--verbose and colour conventions.

mod common;

use std::path::Path;

use common::*;
use serde_json::Value;
use tempfile::TempDir;

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn path(p: &Path) -> String {
    p.display().to_string()
}

/// What a ministry does with a blank folder: fill in the REQUIRED lines and
/// remove the "# " in front of every optional line of one kind.
fn fill_in(text: &str, uncomment: impl Fn(&str) -> bool) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let line = line
            .replace(
                "lead_institution = \"\"",
                "lead_institution = \"Ministry of Communications\"",
            )
            .replace(
                "method = \"\"",
                "method = \"Self-assessment workshop with 9 ministries\"",
            )
            // A fact to confirm is a placeholder: confirming it means
            // writing the answer in place of the `?`.
            .replace("digital_id = ?", "digital_id = \"partial\"")
            .replace(" = ?", " = false");
        match line.strip_prefix("# ") {
            Some(rest) if uncomment(rest) => out.push_str(rest),
            _ => out.push_str(&line),
        }
        out.push('\n');
    }
    out
}

/// The key of a commented-out `key = value` line (not prose, not an answer option).
fn setting_key(rest: &str) -> Option<&str> {
    let (key, _) = rest.split_once(" = ")?;
    is_setting(rest).then_some(key)
}

fn is_setting(rest: &str) -> bool {
    let Some((key, _)) = rest.split_once(" = ") else {
        return false;
    };
    !key.is_empty()
        && !key.starts_with(' ')
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c == '_' || c == '.' || c.is_ascii_digit())
}

#[test]
fn a_blank_folder_lists_every_field_and_check_accepts_it_once_filled_in() {
    let dir = TempDir::new().unwrap();
    let folder = dir.path().join("tonga");
    let output = dgplan(&[
        "init",
        &path(&folder),
        "--country",
        "Kingdom of Tonga",
        "--iso3",
        "ton",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let profile = std::fs::read_to_string(folder.join("profile.toml")).unwrap();
    let readiness = std::fs::read_to_string(folder.join("readiness.toml")).unwrap();
    assert!(profile.contains("name = \"Kingdom of Tonga\""));
    assert!(profile.contains("iso3 = \"TON\""));
    assert!(profile.contains("groups = [\"SIDS\"]"), "{profile}");
    // Every field of the input reference is listed, with its default.
    for field in [
        "short_name",
        "region",
        "income_group",
        "population_millions",
        "start_year",
        "horizon_years",
        "lead_institution",
        "sponsor",
        "budget_usd_millions",
        "external_financing_share",
        "priority_sectors",
        "sdg_focus",
        "hazards",
    ]
    .into_iter()
    .chain(
        dgplan::vocabulary::CONTEXT_FACTS
            .iter()
            .map(|(fact, _)| *fact),
    ) {
        assert!(profile.contains(&format!("{field} = ")), "{field} missing");
    }
    assert!(profile.contains("default 5"));
    for field in ["date", "method", "source", "egdi_year", "human_capacity"] {
        assert!(
            readiness.contains(&format!("{field} = ")),
            "{field} missing"
        );
    }
    let leadership_questions = readiness
        .lines()
        .filter(|l| l.starts_with("# leadership.") && l.contains(" = 0    # "))
        .count();
    assert_eq!(leadership_questions, 4, "{readiness}");

    // Unfilled, check names what is missing and writes nothing.
    let unfilled = dgplan(&["check", &path(&folder)]);
    assert_eq!(unfilled.status.code(), Some(1));
    let errors = stderr(&unfilled);
    assert!(errors.contains("profile.toml:"), "{errors}");
    assert!(errors.contains("`plan.lead_institution`: must not be empty"));
    assert!(errors.contains("`assessment.method`: must not be empty"));

    // Filled in, with every optional profile line (the envelope in US
    // dollars, not its alternative in the local currency; `framework =
    // "../my-framework"` names a copy of the default framework) and every
    // checklist answer.
    let framework = dir.path().join("my-framework");
    std::fs::create_dir(&framework).unwrap();
    for entry in std::fs::read_dir(root().join("frameworks/default")).unwrap() {
        let entry = entry.unwrap();
        // The translations, in fr/ and es/, are not framework files.
        if entry.path().is_dir() {
            continue;
        }
        std::fs::copy(entry.path(), framework.join(entry.file_name())).unwrap();
    }
    std::fs::write(
        folder.join("profile.toml"),
        fill_in(&profile, |rest| {
            is_setting(rest) && setting_key(rest) != Some("budget_local_millions")
        }),
    )
    .unwrap();
    std::fs::write(
        folder.join("readiness.toml"),
        fill_in(&readiness, |rest| {
            setting_key(rest).is_some_and(|k| k.contains('.'))
        }),
    )
    .unwrap();
    let filled = dgplan(&["check", &path(&folder)]);
    assert!(filled.status.success(), "{}", stderr(&filled));
    assert!(
        stdout(&filled).contains("11 of 11 dimensions scored, 11 from checklist answers"),
        "{}",
        stdout(&filled)
    );

    // The other way to score: every [scores] line instead of the answers.
    std::fs::write(
        folder.join("readiness.toml"),
        fill_in(&readiness, |rest| {
            setting_key(rest).is_some_and(|k| !k.contains('.') && k != "source")
        }),
    )
    .unwrap();
    let scored = dgplan(&["check", &path(&folder)]);
    assert!(scored.status.success(), "{}", stderr(&scored));
    let out = TempDir::new().unwrap();
    let generated = generate(&[&folder], out.path());
    assert!(generated.status.success(), "{}", stderr(&generated));
    assert!(out.path().join("ton/master-plan.pdf").exists());
}

#[test]
fn init_refuses_a_code_that_is_not_three_letters() {
    let dir = TempDir::new().unwrap();
    let output = dgplan(&["init", &path(dir.path()), "--iso3", "TONGA"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("not a three-letter ISO 3166-1 alpha-3 code"));
    assert!(!dir.path().join("profile.toml").exists());
}

#[test]
fn check_reports_every_problem_as_json_for_machines() {
    let bad = variant(
        "lao-pdr",
        &[
            ("profile.toml", "horizon_years = 5", "horizon_years = 50"),
            ("readiness.toml", "coordination = 1.5", "cordination = 1.5"),
        ],
    );
    let output = dgplan(&[
        "check",
        &path(&sample("fiji")),
        &path(bad.path()),
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&output.stdout).expect("check writes JSON");
    assert_eq!(report["schema"], "dgplan-check/1");
    assert_eq!(report["ok"], false);
    assert_eq!(report["framework"]["ok"], true);
    let countries = report["countries"].as_array().unwrap();
    assert_eq!(countries[0]["ok"], true);
    assert_eq!(
        countries[0]["summary"],
        "Fiji (FJI): 11 of 11 dimensions scored, 2 from checklist answers"
    );
    let problems = countries[1]["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 2, "{problems:?}");
    let horizon = problems
        .iter()
        .find(|p| p["field"] == "plan.horizon_years")
        .unwrap();
    assert!(horizon["file"].as_str().unwrap().ends_with("profile.toml"));
    assert!(horizon["line"].as_u64().unwrap() > 1);
    assert!(horizon["column"].as_u64().unwrap() >= 1);
    assert!(horizon["hint"].is_string());
    let typo = problems
        .iter()
        .find(|p| p["field"] == "scores.cordination")
        .unwrap();
    assert!(typo["hint"].as_str().unwrap().contains("coordination"));
}

#[test]
fn check_finds_two_folders_for_one_country_and_writes_nothing() {
    let copy = variant("kenya", &[]);
    let out = TempDir::new().unwrap();
    let output = dgplan(&["check", &path(&sample("kenya")), &path(copy.path())]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("iso3 \"KEN\" is also used by"));
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0);
}

#[test]
fn check_checks_a_framework_alone() {
    let good = dgplan(&[
        "check",
        "--framework",
        &path(&root().join("frameworks/default")),
    ]);
    assert!(good.status.success(), "{}", stderr(&good));
    assert!(stdout(&good).contains("44 checklist questions"));

    let broken = framework_with("dimensions.toml", "id = \"sponsor\"", "id = \"strategy\"");
    let output = dgplan(&["check", "--framework", &path(broken.path())]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("has two checklist questions with id `strategy`"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn assess_shows_the_working_and_the_questions_left() {
    let output = dgplan(&["assess", &path(&sample("fiji"))]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains(
        "Resilience to disasters and climate change: 2.2 of 5, from the checklist\n  3 of 4 questions answered: (1/3 + 1/3 + 2/3) / 3 x 5 = 2.2"
    ), "{text}");
    assert!(text.contains("resilience.climate_data: Do agencies share climate and hazard data digitally?\n        0 = No."));
    assert!(text.contains("Leadership and ownership: 3.0 of 5, scored directly under [scores]"));
    assert!(text.contains("Summary: 2 dimensions scored from the checklist, 9 scored directly, 0 not assessed; 1 question unanswered."));

    // A dimension not assessed lists all its questions.
    let rwanda = stdout(&dgplan(&["assess", &path(&sample("rwanda"))]));
    assert!(
        rwanda.contains("not assessed; the plan will start by assessing it\n  Still to answer:"),
        "{rwanda}"
    );
}

#[test]
fn answers_out_of_range_or_doubled_are_reported_with_the_allowed_answers() {
    let bad = variant(
        "fiji",
        &[
            (
                "readiness.toml",
                "resilience.backup = 1",
                "resilience.backup = 4",
            ),
            (
                "readiness.toml",
                "[answers]",
                "[answers]\nleadership.sponsor = 2",
            ),
        ],
    );
    let output = dgplan(&["assess", &path(bad.path())]);
    assert_eq!(output.status.code(), Some(1));
    let errors = stderr(&output);
    assert!(
        errors.contains(
            "`answers.resilience.backup`: 4 is not an answer: expected a whole number from 0 to 3"
        ),
        "{errors}"
    );
    assert!(errors.contains("3 = Off-site backups for all systems, tested."));
    assert!(errors.contains("`leadership` has both a score in [scores] and checklist answers"));
}

#[test]
fn explain_for_a_sample_matches_the_reviewed_text() {
    let output = dgplan(&["explain", &path(&sample("fiji"))]);
    assert!(output.status.success(), "{}", stderr(&output));
    insta::assert_snapshot!("fiji-explain", stdout(&output));
    let output = dgplan(&["explain", &path(&sample("fiji")), "disaster-recovery"]);
    assert!(output.status.success(), "{}", stderr(&output));
    insta::assert_snapshot!("fiji-explain-disaster-recovery", stdout(&output));
}

#[test]
fn explain_says_why_an_item_is_left_out() {
    let text = stdout(&dgplan(&[
        "explain",
        &path(&sample("fiji")),
        "last-mile-access",
    ]));
    assert!(text.contains("Not in the plan"), "{text}");
    assert!(
        text.contains("`weak-infrastructure`: infrastructure score 3 >= 3"),
        "{text}"
    );
    let text = stdout(&dgplan(&[
        "explain",
        &path(&sample("fiji")),
        "national-portal",
    ]));
    assert!(
        text.contains("already in place. Rule `has-national-portal`"),
        "{text}"
    );
    let text = stdout(&dgplan(&[
        "explain",
        &path(&sample("fiji")),
        "weak-infrastructure",
    ]));
    assert!(
        text.contains("It does not apply to this country, because: infrastructure score 3 >= 3"),
        "{text}"
    );
    let text = stdout(&dgplan(&["explain", &path(&sample("lao-pdr")), "r1"]));
    assert!(
        text.contains("R1.weak-leadership: leadership score 2 < 2.5"),
        "{text}"
    );
}

#[test]
fn explain_suggests_the_id_meant() {
    let output = dgplan(&["explain", &path(&sample("fiji")), "data-exchnge"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("did you mean \"data-exchange\"?"));
}

#[test]
fn frameworks_lists_the_builtin_one_with_its_counts() {
    let output = dgplan(&["frameworks"]);
    assert!(output.status.success());
    assert!(stdout(&output).contains(
        "dgplan-default 1.0.0: 11 dimensions, 44 checklist questions, 7 recommendations, 75 components"
    ));
}

#[test]
fn completions_and_the_manual_page_come_from_the_command_definitions() {
    let bash = stdout(&dgplan(&["manual", "completions", "bash"]));
    for command in ["generate", "check", "assess", "explain", "compare", "init"] {
        assert!(bash.contains(command), "{command} missing from completions");
    }
    let page = stdout(&dgplan(&["manual", "page"]));
    assert!(
        page.starts_with(".ie") || page.contains(".TH dgplan"),
        "{page}"
    );
    assert!(
        page.contains("Exit status"),
        "the man page documents exit codes"
    );
}

#[test]
fn quiet_says_nothing_but_problems_and_verbose_lists_the_files() {
    let out = TempDir::new().unwrap();
    let quiet = dgplan(&[
        "generate",
        &path(&sample("fiji")),
        "--out",
        &path(out.path()),
        "--quiet",
    ]);
    assert!(quiet.status.success());
    assert_eq!(stdout(&quiet), "");
    assert_eq!(stderr(&quiet), "");
    let verbose = dgplan(&[
        "generate",
        &path(&sample("fiji")),
        "--out",
        &path(out.path()),
        "-v",
    ]);
    let text = stdout(&verbose);
    assert!(text.contains("rules applied"), "{text}");
    assert!(
        text.contains(&format!(
            "wrote {}",
            out.path().join("fji/master-plan.pdf").display()
        )),
        "{text}"
    );
    let both = dgplan(&["generate", &path(&sample("fiji")), "-q", "-v"]);
    assert_eq!(both.status.code(), Some(2));
}

#[test]
fn colour_only_when_asked_for() {
    let bad = variant(
        "lao-pdr",
        &[("profile.toml", "horizon_years = 5", "horizon_years = 50")],
    );
    // Not a terminal: plain text.
    let plain = dgplan(&["check", &path(bad.path())]);
    assert!(stderr(&plain).starts_with("error: "), "{}", stderr(&plain));
    assert!(!stderr(&plain).contains('\u{1b}'));
    let forced = std::process::Command::new(env!("CARGO_BIN_EXE_dgplan"))
        .args(["check", &path(bad.path())])
        .env("CLICOLOR_FORCE", "1")
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    assert!(
        stderr(&forced).contains("\u{1b}[31merror:"),
        "{:?}",
        stderr(&forced)
    );
}

/// `script` (util-linux) runs a command on a pseudo-terminal, as a person would.
/// On a terminal, generate and compare once hung: the command's stderr lock
/// was held while worker threads wrote progress.
#[cfg(target_os = "linux")]
#[test]
fn progress_shows_on_a_terminal_and_not_when_piped() {
    let out = TempDir::new().unwrap();
    let command = format!(
        "{} compare {} {} --out {}",
        env!("CARGO_BIN_EXE_dgplan"),
        path(&sample("fiji")),
        path(&sample("kenya")),
        path(out.path())
    );
    // A hang (as a lock held across worker threads once caused) fails the
    // test after a minute instead of stalling the suite.
    let on_terminal = |line: &str| {
        std::process::Command::new("timeout")
            .args(["60", "script", "-qec", line, "/dev/null"])
            .env("SOURCE_DATE_EPOCH", EPOCH)
            .output()
            .expect("script (util-linux) runs")
    };
    let compared = on_terminal(&command);
    assert!(compared.status.success());
    assert!(
        stdout(&compared).contains("reading 2 of 2 plans"),
        "{}",
        stdout(&compared)
    );
    let generate = |extra: &str| {
        let line = format!(
            "{} generate {} {} --out {} {extra}",
            env!("CARGO_BIN_EXE_dgplan"),
            path(&sample("fiji")),
            path(&sample("kenya")),
            path(out.path())
        );
        let output = on_terminal(&line);
        stdout(&output)
    };
    assert!(generate("").contains("2 of 2 countries done"));
    assert!(
        !generate("--quiet").contains("countries done"),
        "--quiet hides progress"
    );

    let piped = dgplan(&[
        "compare",
        &path(&sample("fiji")),
        &path(&sample("kenya")),
        "--out",
        &path(out.path()),
    ]);
    assert!(!stderr(&piped).contains("reading"), "{}", stderr(&piped));
}
