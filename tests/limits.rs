//! Limits on what a user's files and arguments may hold (issue 15, items 4,
//! 6, 7 and 8): files that are not files, files too large, lists and names
//! too long, control characters, and values at the edges. Each runs the real
//! binary and fails within seconds rather than hanging.

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::*;
use tempfile::TempDir;

/// Runs dgplan with `args`, killing it (and failing the test) if it has not
/// finished within `limit`. Returns the output and the time taken.
fn run_within(args: &[&str], envs: &[(&str, &str)], limit: Duration) -> (Output, Duration) {
    let start = Instant::now();
    let mut command = Command::new(env!("CARGO_BIN_EXE_dgplan"));
    command
        .args(args)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (key, value) in envs {
        command.env(key, value);
    }
    let mut child = command.spawn().expect("the dgplan binary runs");
    // Drain the pipes on threads so that a chatty child does not block.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut out, &mut buf).ok();
        buf
    });
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut err, &mut buf).ok();
        buf
    });
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let output = Output {
                status,
                stdout: out_reader.join().unwrap(),
                stderr: err_reader.join().unwrap(),
            };
            return (output, start.elapsed());
        }
        if start.elapsed() > limit {
            child.kill().ok();
            child.wait().ok();
            panic!("dgplan {args:?} did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn check(folder: &Path) -> (Output, Duration) {
    run_within(
        &["check", &folder.display().to_string()],
        &[],
        Duration::from_secs(20),
    )
}

/// `check --framework DIR`, stopped if it takes more than 20 seconds.
fn check_framework(framework: &Path) -> Output {
    let framework = framework.display().to_string();
    run_within(
        &["check", "--framework", &framework],
        &[],
        Duration::from_secs(20),
    )
    .0
}

/// `check` on a folder that must be refused: its stderr.
fn refused(folder: &Path) -> String {
    let (output, _) = check(folder);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    stderr(&output)
}

fn profile_with(from: &str, to: &str) -> TempDir {
    variant("fiji", &[("profile.toml", from, to)])
}

fn readiness_with(from: &str, to: &str) -> TempDir {
    variant("fiji", &[("readiness.toml", from, to)])
}

/// The Fiji sample with profile.toml a symbolic link to `target`.
fn profile_linked_to(target: &str) -> TempDir {
    let dir = variant("fiji", &[]);
    let profile = dir.path().join("profile.toml");
    std::fs::remove_file(&profile).unwrap();
    std::os::unix::fs::symlink(target, &profile).unwrap();
    dir
}

// Item 4: bounded reads.

#[test]
fn a_profile_linked_to_dev_zero_is_refused_without_reading_it() {
    let dir = profile_linked_to("/dev/zero");
    let (output, took) = check(dir.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(
        err.contains("profile.toml: this is a device, not a file"),
        "{err}"
    );
    assert!(took < Duration::from_secs(5), "took {took:?}");
}

#[test]
fn a_profile_linked_to_dev_urandom_is_refused_without_reading_it() {
    let dir = profile_linked_to("/dev/urandom");
    let (output, took) = check(dir.path());
    let err = stderr(&output);
    assert!(err.contains("this is a device, not a file"), "{err}");
    assert!(took < Duration::from_secs(5), "took {took:?}");
}

#[test]
fn a_named_pipe_is_refused_without_waiting_for_a_writer() {
    let dir = variant("fiji", &[]);
    let profile = dir.path().join("profile.toml");
    std::fs::remove_file(&profile).unwrap();
    let made = Command::new("mkfifo").arg(&profile).status().unwrap();
    assert!(made.success());
    let (output, _) = run_within(
        &["check", &dir.path().display().to_string()],
        &[],
        Duration::from_secs(10),
    );
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("this is a named pipe, not a file"), "{err}");
}

#[test]
fn a_profile_one_byte_too_large_states_its_real_size() {
    let mut text = std::fs::read_to_string(sample("fiji").join("profile.toml")).unwrap();
    let pad = 1024 * 1024 + 1 - text.len() - 3;
    text.push_str(&format!("#{}\n\n", "x".repeat(pad)));
    assert_eq!(text.len(), 1_048_577);
    let dir = variant("fiji", &[]);
    std::fs::write(dir.path().join("profile.toml"), text).unwrap();
    let err = refused(dir.path());
    assert!(
        err.contains(
            "the file is 1,048,577 bytes, larger than the 1 MiB (1,048,576 bytes) dgplan accepts"
        ),
        "{err}"
    );
}

#[test]
fn a_missing_framework_file_is_not_given_the_country_folder_hint() {
    let framework = framework_with("rules.toml", "", "");
    std::fs::remove_file(framework.path().join("rules.toml")).unwrap();
    let output = check_framework(framework.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("rules.toml: cannot read the file"), "{err}");
    assert!(!err.contains("country folder holds"), "{err}");
    assert!(err.contains("a framework folder holds"), "{err}");
}

// Item 6: huge lists and names.

#[test]
fn a_hundred_thousand_hazards_are_refused_fast_at_the_list() {
    let list = vec!["\"flood\""; 100_000].join(", ");
    let dir = profile_with(
        "hazards = [\"cyclone\", \"flood\", \"sea_level_rise\", \"storm_surge\"]",
        &format!("hazards = [{list}]"),
    );
    let (output, took) = check(dir.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(
        err.contains("profile.toml:22:11: `plan.hazards`: the list has 100000 entries; at most 50 are accepted"),
        "{}",
        &err[..err.len().min(2000)]
    );
    assert!(err.len() < 4000, "{} bytes on stderr", err.len());
    assert!(took < Duration::from_secs(5), "took {took:?}");
}

#[test]
fn many_problems_print_the_first_twenty_and_a_count() {
    let keys: String = (0..60).map(|i| format!("k{i} = 1\n")).collect();
    let dir = profile_with("[context]\n", &format!("[context]\n{keys}"));
    let err = refused(dir.path());
    assert_eq!(err.matches("unknown key").count(), 20, "{err}");
    assert!(err.contains("... and 40 more problems"), "{err}");
    assert!(err.contains(": 60 problems"), "{err}");
}

#[test]
fn a_table_of_thirty_thousand_keys_is_refused_fast_at_the_table() {
    let keys: String = (0..30_000).map(|i| format!("k{i} = 1\n")).collect();
    let dir = profile_with("[context]\n", &format!("[context]\n{keys}"));
    let (output, took) = check(dir.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(
        err.contains(
            "profile.toml:24:1: `context`: the table has 30004 entries; at most 200 are accepted"
        ),
        "{err}"
    );
    assert!(err.len() < 2000, "{} bytes on stderr", err.len());
    assert!(took < Duration::from_secs(5), "took {took:?}");
}

#[test]
fn thousands_of_syntax_errors_are_reported_fast_and_short() {
    let junk: String = (0..50_000).map(|i| format!("k{i} = =\n")).collect();
    let dir = profile_with("[context]\n", &format!("[context]\n{junk}"));
    let (output, took) = check(dir.path());
    let err = stderr(&output);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        &err[..err.len().min(2000)]
    );
    assert!(
        err.contains("more problems"),
        "{}",
        &err[..err.len().min(2000)]
    );
    assert!(err.len() < 20_000, "{} bytes on stderr", err.len());
    assert!(took < Duration::from_secs(5), "took {took:?}");
}

#[test]
fn a_forty_thousand_character_name_is_refused_quickly() {
    let long = "A".repeat(40_000);
    let dir = profile_with("name = \"Republic of Fiji\"", &format!("name = \"{long}\""));
    let (output, took) = check(dir.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(
        err.contains("`country.name`: the text is 40000 characters long; at most 200 are accepted"),
        "{err}"
    );
    assert!(err.len() < 2000, "{err}");
    assert!(took < Duration::from_secs(5), "took {took:?}");
}

// Item 7: control characters.

#[test]
fn an_escape_character_in_a_name_is_refused_and_shown_escaped() {
    let dir = profile_with(
        "name = \"Republic of Fiji\"",
        "name = \"Republic\\u001b[2J of Fiji\"",
    );
    let (output, _) = check(dir.path());
    assert_eq!(output.status.code(), Some(1));
    assert!(!output.stderr.contains(&0x1b), "a raw ESC reached stderr");
    let err = stderr(&output);
    assert!(
        err.contains(
            "profile.toml:5:8: `country.name`: the text holds a control character (U+001B)"
        ),
        "{err}"
    );
}

#[test]
fn characters_xml_cannot_hold_and_line_separators_are_refused_in_names() {
    // U+FFFE made all three charts invalid XML; U+2028 is a line break.
    for (written, name) in [
        ("\\uFFFE", "a character that no document can hold (U+FFFE)"),
        ("\\u2028", "a line separator (U+2028)"),
    ] {
        let dir = profile_with(
            "name = \"Republic of Fiji\"",
            &format!("name = \"Republic{written} of Fiji\""),
        );
        let (output, _) = check(dir.path());
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{err}");
        assert!(
            err.contains(&format!("`country.name`: the text holds {name}")),
            "{err}"
        );
    }
}

#[test]
fn a_raw_escape_byte_in_the_file_is_shown_escaped() {
    let dir = profile_with(
        "# Sample country profile.",
        "# Sample \u{1b}[2J country profile.",
    );
    let (output, _) = check(dir.path());
    assert_eq!(output.status.code(), Some(1));
    assert!(!output.stderr.contains(&0x1b), "a raw ESC reached stderr");
    assert!(
        stderr(&output).contains("\\u{1b}[2J"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_nul_in_a_name_is_refused_and_shown_escaped() {
    let dir = profile_with(
        "lead_institution = \"Ministry of Communications\"",
        "lead_institution = \"Ministry\\u0000 of Communications\"",
    );
    let (output, _) = check(dir.path());
    assert_eq!(output.status.code(), Some(1));
    assert!(!output.stderr.contains(&0), "a raw NUL reached stderr");
    let err = stderr(&output);
    assert!(
        err.contains("`plan.lead_institution`: the text holds a control character (U+0000)"),
        "{err}"
    );
}

#[test]
fn a_control_character_in_an_unknown_word_does_not_reach_the_terminal_raw() {
    // An unknown hazard is a warning quoting the word: the word is refused,
    // and neither message carries the raw character.
    let dir = profile_with("\"storm_surge\"]", "\"storm\\u001bsurge\"]");
    let (output, _) = check(dir.path());
    assert_eq!(output.status.code(), Some(1));
    assert!(!output.stderr.contains(&0x1b), "a raw ESC reached stderr");
    assert!(stderr(&output).contains("U+001B"), "{}", stderr(&output));
}

#[test]
fn init_refuses_a_country_name_with_a_line_break() {
    let dir = TempDir::new().unwrap();
    let folder = dir.path().join("new");
    let (output, _) = run_within(
        &["init", &folder.display().to_string(), "--country", "A\nB"],
        &[],
        Duration::from_secs(20),
    );
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(
        err.contains("--country \"A\\nB\" holds a control character (U+000A)"),
        "{err}"
    );
    assert!(!folder.join("profile.toml").exists());
}

#[test]
fn init_writes_a_profile_that_reads_back_with_quotes_and_backslashes_in_the_name() {
    let dir = TempDir::new().unwrap();
    let folder = dir.path().join("new");
    let name = "Republic of \"Fiji\" \\ Islands";
    let (output, _) = run_within(
        &["init", &folder.display().to_string(), "--country", name],
        &[],
        Duration::from_secs(20),
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let text = std::fs::read_to_string(folder.join("profile.toml")).unwrap();
    let parsed: toml::Table = toml::from_str(&text).expect("init wrote valid TOML");
    assert_eq!(parsed["country"]["name"].as_str(), Some(name));
}

// Item 8: edge values.

#[test]
fn an_egdi_year_with_no_survey_edition_is_refused_with_the_editions() {
    let dir = readiness_with("egdi_year = 2024", "egdi_year = 2099");
    let err = refused(dir.path());
    assert!(
        err.contains("`indices.egdi_year`: 2099 is not an edition of the UN E-Government Survey that dgplan holds: expected 2022 or 2024"),
        "{err}"
    );
}

#[test]
fn assessment_dates_outside_1900_to_2200_are_refused() {
    for date in ["9999-12-31", "0001-01-01"] {
        let dir = readiness_with("date = 2026-04-20", &format!("date = {date}"));
        let err = refused(dir.path());
        assert!(
            err.contains(&format!(
                "readiness.toml:2:8: `assessment.date`: {date} is outside the years 1900 to 2200"
            )),
            "{err}"
        );
    }
}

#[test]
fn source_date_epoch_before_1970_or_after_9999_is_refused() {
    let dir = TempDir::new().unwrap();
    for epoch in ["-1", "253402300800"] {
        let folder = dir.path().join(format!("f{epoch}"));
        let (output, _) = run_within(
            &["init", &folder.display().to_string()],
            &[("SOURCE_DATE_EPOCH", epoch)],
            Duration::from_secs(20),
        );
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{err}");
        assert!(
            err.contains(&format!(
                "SOURCE_DATE_EPOCH {epoch} is outside 0 (1970-01-01) to 253402300799 (9999-12-31)"
            )),
            "{err}"
        );
        assert!(!folder.join("profile.toml").exists());
    }
    // The last second of 9999 is still a date.
    let folder = dir.path().join("last");
    let (output, _) = run_within(
        &["init", &folder.display().to_string()],
        &[("SOURCE_DATE_EPOCH", "253402300799")],
        Duration::from_secs(20),
    );
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn a_huge_number_is_quoted_as_written() {
    let dir = profile_with("population_millions = 0.93", "population_millions = 1e308");
    let err = refused(dir.path());
    assert!(
        err.contains(
            "`country.population_millions`: 1e308 is out of range: expected 0.001 to 2000"
        ),
        "{err}"
    );
    assert!(!err.contains("00000000000000000000"), "{err}");
}

#[test]
fn a_whole_number_beyond_any_range_is_too_large_not_a_wrong_type() {
    let dir = profile_with("start_year = 2027", "start_year = 18446744073709551615");
    let err = refused(dir.path());
    assert!(
        err.contains("`plan.start_year`: 18446744073709551615 is too large: expected a year from 2000 to 2100"),
        "{err}"
    );
    let dir = readiness_with(
        "resilience.backup = 1",
        "resilience.backup = -99999999999999999999",
    );
    let err = refused(dir.path());
    assert!(
        err.contains("-99999999999999999999 is not an answer: expected a whole number from 0 to 3"),
        "{err}"
    );
}

#[test]
fn a_missing_key_in_a_list_of_tables_is_reported_at_its_table() {
    let text = std::fs::read_to_string(root().join("frameworks/default/components.toml")).unwrap();
    let second = text.match_indices("[[components]]").nth(1).unwrap().0;
    let id_line = second + text[second..].find("\nid =").unwrap();
    let line_end = id_line + 1 + text[id_line + 1..].find('\n').unwrap();
    let header_line = text[..second].matches('\n').count() + 1;
    let framework = framework_with("components.toml", &text[id_line..line_end], "");
    let output = check_framework(framework.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!(
            "components.toml:{header_line}:1: `components[2].id`: the required key `id` is missing"
        )),
        "{err}"
    );
}

#[test]
fn a_control_character_in_a_framework_text_is_refused_where_it_is_written() {
    let framework = framework_with(
        "components.toml",
        "title = \"Programme management office\"",
        "title = \"Programme \\u001b[2J management office\"",
    );
    let output = check_framework(framework.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(
        err.contains("`components.title`: the text holds a control character (U+001B)"),
        "{err}"
    );
    assert!(err.contains("components.toml:80:"), "{err}");
    assert!(
        !output.stderr.contains(&0x1b),
        "a raw escape reached the terminal"
    );
}

#[test]
fn a_very_long_unknown_key_is_quoted_short() {
    // Twenty keys of 45,000 characters put 1.8 MB on stderr.
    let keys: String = (0..20)
        .map(|i| format!("{}{i} = true\n", "k".repeat(45_000)))
        .collect();
    let dir = profile_with("[context]\n", &format!("[context]\n{keys}"));
    // `check` stops the run after 20 seconds: quoting these keys once took
    // minutes. How fast it is belongs to the benchmark, not to this test.
    let (output, _) = check(dir.path());
    assert_eq!(output.status.code(), Some(1));
    assert!(
        output.stderr.len() < 40_000,
        "{} bytes on stderr",
        output.stderr.len()
    );
    assert!(stderr(&output).contains("characters in all)"));
}

#[test]
fn a_folder_of_country_folders_is_said_to_be_one() {
    // `compare ../samples` said only that samples/profile.toml was missing.
    let output = dgplan(&["check", &root().join("samples").display().to_string()]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(
        err.contains("country folders, not the files of one country"),
        "{err}"
    );
    assert!(err.contains("/samples/*"), "{err}");
    assert!(!err.contains("cannot read the file"), "{err}");
}
