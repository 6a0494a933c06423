//! Numbers and comparisons: every number of a framework or a plan.json is
//! held to a documented range, amounts never print as "-0", and a
//! comparison records what identifies each plan, not where it was read from.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;
use tempfile::TempDir;

/// The default framework with several edits: `(file, from, to)`, each
/// replacing the first occurrence.
fn framework_edited(edits: &[(&str, &str, &str)]) -> TempDir {
    let dir = TempDir::new().unwrap();
    for entry in std::fs::read_dir(root().join("frameworks/default")).unwrap() {
        let entry = entry.unwrap();
        // The translations, in fr/ and es/, are not framework files.
        if entry.path().is_dir() {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        let mut text = std::fs::read_to_string(entry.path()).unwrap();
        for (file, from, to) in edits {
            if *file == name {
                assert!(text.contains(from), "{file} has no `{from}`");
                text = text.replacen(from, to, 1);
            }
        }
        std::fs::write(dir.path().join(&name), text).unwrap();
    }
    dir
}

/// The 1-based line and column of the first `needle` in `text`.
fn position(text: &str, needle: &str) -> (usize, usize) {
    let offset = text.find(needle).unwrap();
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = offset - before.rfind('\n').map_or(0, |n| n + 1) + 1;
    (line, column)
}

fn check_framework(dir: &Path) -> Output {
    dgplan(&["check", "--framework", &dir.display().to_string()])
}

#[test]
fn a_component_costing_1e308_is_refused_with_its_place_and_range() {
    let framework = framework_edited(&[(
        "components.toml",
        "base_usd_millions = 0.2,",
        "base_usd_millions = 1e308,",
    )]);
    let output = check_framework(framework.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    let text = std::fs::read_to_string(framework.path().join("components.toml")).unwrap();
    let (line, column) = position(&text, "1e308");
    assert!(
        err.contains(&format!("components.toml:{line}:{column}")),
        "no position {line}:{column}:\n{err}"
    );
    assert!(err.contains("base_usd_millions"), "{err}");
    assert!(err.contains("0 to 1000"), "no allowed range:\n{err}");
    assert!(err.contains("1e308"), "the value as written:\n{err}");
    assert!(!err.contains("922337"), "{err}");
}

#[test]
fn multipliers_likelihood_changes_and_kpi_steps_have_ranges_too() {
    let framework = framework_edited(&[
        ("framework.toml", "HIC = 1.6", "HIC = 1e300"),
        ("risks.toml", "\nby = 1\n", "\nby = 99999\n"),
        (
            "kpis.toml",
            "step = 0.5, cap = 5.0",
            "step = 0.5, cap = 1e200",
        ),
    ]);
    let output = check_framework(framework.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    for (file, written, field, range) in [
        ("framework.toml", "1e300", "income_factors.HIC", "0.1 to 5"),
        ("risks.toml", "99999", "by", "-4 to 4"),
        ("kpis.toml", "1e200", "cap", "-1000000000 to 1000000000"),
    ] {
        let text = std::fs::read_to_string(framework.path().join(file)).unwrap();
        let (line, column) = position(&text, written);
        assert!(
            err.contains(&format!("{file}:{line}:{column}")),
            "{file}: no position {line}:{column}:\n{err}"
        );
        assert!(err.contains(field), "{field}:\n{err}");
        assert!(err.contains(range), "{range}:\n{err}");
    }
}

#[test]
fn negative_zero_never_prints_with_a_minus_sign() {
    let country = variant(
        "fiji",
        &[
            (
                "profile.toml",
                "budget_usd_millions = 30.0",
                "budget_usd_millions = -0.0",
            ),
            (
                "profile.toml",
                "external_financing_share = 0.35",
                "external_financing_share = -0.0",
            ),
        ],
    );
    let (_out, folder) = generate_one(country.path());
    let md = std::fs::read_to_string(folder.join("master-plan.md")).unwrap();
    assert!(md.contains("USD 0 million"), "the envelope reads zero");
    assert!(
        md.contains("development partners:** 0%"),
        "the share reads zero"
    );
    for wrong in ["USD -0 ", "-0%", "-0.0%", "USD -0."] {
        assert!(!md.contains(wrong), "master-plan.md says `{wrong}`");
    }
    let json = std::fs::read_to_string(folder.join("plan.json")).unwrap();
    assert!(!json.contains("-0.0"), "plan.json holds a negative zero");
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dgplan"))
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .output()
        .unwrap()
}

#[test]
fn a_comparison_is_the_same_whichever_way_the_inputs_are_written() {
    let work = TempDir::new().unwrap();
    let copy = |name: &str| {
        let to = work.path().join("samples").join(name);
        std::fs::create_dir_all(&to).unwrap();
        for file in ["profile.toml", "readiness.toml"] {
            std::fs::copy(sample(name).join(file), to.join(file)).unwrap();
        }
    };
    copy("fiji");
    copy("lao-pdr");
    let absolute = |name: &str| work.path().join("samples").join(name).display().to_string();
    let relative = run_in(
        work.path(),
        &[
            "compare",
            "samples/fiji",
            "samples/lao-pdr",
            "--out",
            "relative",
        ],
    );
    assert!(relative.status.success(), "{}", stderr(&relative));
    let (fiji, lao) = (absolute("fiji"), absolute("lao-pdr"));
    let out = work.path().join("absolute").display().to_string();
    let absolute_run = run_in(work.path(), &["compare", &fiji, &lao, "--out", &out]);
    assert!(absolute_run.status.success(), "{}", stderr(&absolute_run));
    let workdir = work.path().display().to_string();
    for file in [
        "comparison.md",
        "comparison.json",
        "comparison.csv",
        "comparison.pdf",
    ] {
        let a = std::fs::read(work.path().join("relative").join(file)).unwrap();
        let b = std::fs::read(work.path().join("absolute").join(file)).unwrap();
        assert!(a == b, "{file} differs with the inputs written differently");
        let text = String::from_utf8_lossy(&a);
        assert!(!text.contains("samples/"), "{file} names an input path");
        assert!(!text.contains(&workdir), "{file} names a local folder");
    }
}

/// A plan.json of Fiji, generated once for the tests that edit it.
fn fiji_plan_json() -> &'static str {
    static PLAN: OnceLock<String> = OnceLock::new();
    PLAN.get_or_init(|| {
        let (_out, folder) = generate_one(&sample("fiji"));
        std::fs::read_to_string(folder.join("plan.json")).unwrap()
    })
}

/// Compares Lao PDR with an edited Fiji plan.json; returns the run and
/// the edited file's path.
fn compare_edited(from: &str, to: &str) -> (Output, PathBuf, TempDir) {
    let dir = TempDir::new().unwrap();
    let text = fiji_plan_json();
    assert!(text.contains(from), "plan.json has no `{from}`");
    let path = dir.path().join("plan.json");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    let out = dir.path().join("out");
    let output = dgplan(&[
        "compare",
        &sample("lao-pdr").display().to_string(),
        &path.display().to_string(),
        "--out",
        &out.display().to_string(),
    ]);
    assert!(!out.exists(), "nothing is written");
    (output, path, dir)
}

#[test]
fn a_plan_json_with_a_score_of_99_is_refused_at_the_score() {
    let (output, path, _dir) = compare_edited("\"score\": 3.0", "\"score\": 99");
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    let text = std::fs::read_to_string(&path).unwrap();
    let (line, column) = position(&text, "\"score\": 99");
    let column = column + "\"score\": ".len();
    assert!(
        err.contains(&format!("plan.json:{line}:{column}")),
        "no position {line}:{column}:\n{err}"
    );
    assert!(err.contains("score"), "{err}");
    assert!(err.contains("0 to 5"), "{err}");
}

#[test]
fn a_plan_json_with_a_cost_of_minus_1e308_is_refused_at_the_cost() {
    let plan = fiji_plan_json();
    let start = plan.find("\"total_cost_usd_millions\": ").unwrap();
    let end = start + plan[start..].find([',', '\n']).unwrap();
    let (output, path, _dir) =
        compare_edited(&plan[start..end], "\"total_cost_usd_millions\": -1e308");
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    let text = std::fs::read_to_string(&path).unwrap();
    let (line, column) = position(&text, "-1e308");
    assert!(
        err.contains(&format!("plan.json:{line}:{column}")),
        "no position {line}:{column}:\n{err}"
    );
    assert!(err.contains("total_cost_usd_millions"), "{err}");
    assert!(err.contains("-1e308"), "the value as written:\n{err}");
    assert!(err.contains("0 to "), "{err}");
}

#[test]
fn a_plan_json_with_an_escape_code_or_a_made_up_country_code_is_refused() {
    // The name went raw into comparison.csv; "../x" named no country.
    let (output, _path, _dir) = compare_edited(
        "\"name\": \"Republic of Fiji\"",
        "\"name\": \"Republic of Fiji\\u001b[31m\"",
    );
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(
        err.contains("`country.name`: the text holds a control character (U+001B)"),
        "{err}"
    );
    assert!(
        !output.stderr.contains(&0x1b),
        "a raw escape reached stderr"
    );
    let (output, _path, _dir) = compare_edited("\"iso3\": \"FJI\"", "\"iso3\": \"../x\"");
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("\"../x\" is not an ISO 3166-1"), "{err}");
}

#[test]
fn a_country_name_written_like_a_formula_is_text_in_the_comparison_csv() {
    // comparison.csv is opened in spreadsheets: a cell that starts with `=`
    // would run as a formula there.
    let country = variant(
        "fiji",
        &[(
            "profile.toml",
            "name = \"Republic of Fiji\"",
            "name = \"=HYPERLINK(\\\"http://x.example/\\\",\\\"Fiji\\\")\"",
        )],
    );
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("cmp");
    let output = dgplan(&[
        "compare",
        &country.path().display().to_string(),
        &sample("lao-pdr").display().to_string(),
        "--out",
        &out.display().to_string(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let csv = std::fs::read_to_string(out.join("comparison.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let names: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[1].to_string())
        .collect();
    assert!(
        names.contains(&"'=HYPERLINK(\"http://x.example/\",\"Fiji\")".to_string()),
        "{names:?}"
    );
    assert!(names.iter().all(|n| !n.starts_with('=')), "{names:?}");
}
