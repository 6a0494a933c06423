//! `dgplan check`: validate country folders and a framework, write nothing.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Serialize;

use super::report::{self, Verbosity};
use super::{EXIT_INVALID_INPUT, EXIT_OK, Format};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::framework::Framework;
use crate::input::{CountryInput, load_country};
use crate::pipeline::Claims;

/// The identifier of the JSON document `check --format json` writes.
pub const CHECK_SCHEMA: &str = "dgplan-check/1";

#[derive(Serialize)]
struct Report {
    schema: &'static str,
    ok: bool,
    framework: Target,
    countries: Vec<Target>,
}

#[derive(Serialize)]
struct Target {
    path: String,
    ok: bool,
    /// What was found, for a valid country folder: name, ISO code, scores.
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<String>,
    problems: Vec<Problem>,
    /// What was accepted with a warning, such as a sector the framework
    /// does not know.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<String>,
}

/// One problem, with the same parts as the text message.
#[derive(Serialize)]
struct Problem {
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    field: Option<String>,
    message: String,
    hint: Option<String>,
}

impl From<&Diagnostic> for Problem {
    fn from(d: &Diagnostic) -> Self {
        Problem {
            file: d.file.display().to_string(),
            line: d.line,
            column: d.column,
            field: d.field.clone(),
            message: d.message.clone(),
            hint: d.hint.clone(),
        }
    }
}

fn problems(diagnostics: &Diagnostics) -> Vec<Problem> {
    diagnostics.iter().map(Problem::from).collect()
}

/// What a valid country folder holds, in one line.
fn summary(input: &CountryInput, framework: &Framework) -> String {
    let scored = input.readiness.scores.len();
    let from_checklist = input.readiness.checklist.len();
    format!(
        "{} ({}): {scored} of {} dimensions scored{}",
        input.country.display_name(),
        input.country.iso3,
        framework.dimensions.len(),
        if from_checklist > 0 {
            format!(", {from_checklist} from checklist answers")
        } else {
            String::new()
        }
    )
}

/// A country folder's one-line summary and warnings, or its problems.
type CountryChecked = Result<(String, Vec<String>), Diagnostics>;

/// What was checked: the framework, and each country folder in the order given.
struct Checked {
    framework_label: String,
    framework: Option<Framework>,
    framework_problems: Diagnostics,
    /// Each folder's label with its one-line summary and warnings, or its problems.
    countries: Vec<(String, CountryChecked)>,
}

impl Checked {
    fn invalid(&self) -> Vec<&str> {
        self.countries
            .iter()
            .filter(|(_, r)| r.is_err())
            .map(|(label, _)| label.as_str())
            .collect()
    }

    fn ok(&self) -> bool {
        self.framework.is_some() && self.invalid().is_empty()
    }
}

pub fn run(
    countries: &[PathBuf],
    framework_folder: Option<&Path>,
    format: Format,
    verbosity: Verbosity,
) -> ExitCode {
    let checked = check(countries, framework_folder);
    match format {
        Format::Json => print_json(&checked),
        Format::Text => print_text(&checked, framework_folder.is_some(), verbosity),
    }
    ExitCode::from(if checked.ok() {
        EXIT_OK
    } else {
        EXIT_INVALID_INPUT
    })
}

fn check(countries: &[PathBuf], framework_folder: Option<&Path>) -> Checked {
    let framework_label = framework_folder.map_or_else(
        || "built-in framework".to_string(),
        |f| f.display().to_string(),
    );
    let (framework, framework_problems) = match Framework::load(framework_folder) {
        Ok(framework) => (Some(framework), Diagnostics::default()),
        Err(diagnostics) => (None, diagnostics),
    };
    // Country folders can only be checked against a valid framework.
    let mut claims = Claims::default();
    let mut results: Vec<(String, CountryChecked)> = Vec::new();
    let mut named: Vec<(PathBuf, Result<Framework, Diagnostics>)> = Vec::new();
    if let Some(framework) = &framework {
        for folder in countries {
            let label = folder.display().to_string();
            let framework = match framework_of(folder, framework_folder, &mut named) {
                Some(Ok(named)) => named,
                Some(Err(problems)) => {
                    results.push((label, Err(problems)));
                    continue;
                }
                None => framework,
            };
            let result = load_country(folder, framework).and_then(|input| {
                // A plan in a language the framework has no translation into.
                framework.unless_english(input.plan.language)?;
                // Two folders for one country would overwrite each other's plan.
                if let Some(first) = claims.claim(&input.country.iso3, &label) {
                    Err(Diagnostic::file(
                        &folder.join(crate::input::PROFILE_FILE),
                        format!(
                            "iso3 \"{}\" is also used by {first}; `generate` would write both plans to the same folder",
                            input.country.iso3
                        ),
                    )
                    .with_field("country.iso3")
                    .with_hint("give each country folder its own ISO code, or generate them with different --out folders")
                    .into())
                } else {
                    Ok((summary(&input, framework), input.warnings.clone()))
                }
            });
            results.push((label, result));
        }
    }
    Checked {
        framework_label,
        framework,
        framework_problems,
        countries: results,
    }
}

/// The framework a country folder names, when no --framework is given:
/// loaded once per framework folder into `named`; its problems, with the
/// line of the profile that names it, when it has any. `None` for the
/// framework of the run.
fn framework_of<'n>(
    folder: &Path,
    given: Option<&Path>,
    named: &'n mut Vec<(PathBuf, Result<Framework, Diagnostics>)>,
) -> Option<Result<&'n Framework, Diagnostics>> {
    let path = super::framework_folder_for(folder, given).filter(|_| given.is_none())?;
    let index = match named.iter().position(|(p, _)| *p == path) {
        Some(index) => index,
        None => {
            named.push((path.clone(), Framework::load(Some(&path))));
            named.len() - 1
        }
    };
    Some(match &named[index].1 {
        Ok(framework) => Ok(framework),
        Err(problems) => {
            let mut problems = problems.clone();
            problems.push(
                Diagnostic::file(
                    &folder.join(crate::input::PROFILE_FILE),
                    format!(
                        "the framework it names, {}, has {}, listed above",
                        path.display(),
                        super::plural(problems.len(), "problem", "problems")
                    ),
                )
                .with_field("plan.framework")
                .with_hint("fix the framework (`dgplan check --framework FOLDER` checks it alone), or name another"),
            );
            Err(problems)
        }
    })
}

fn print_json(checked: &Checked) {
    let report = Report {
        schema: CHECK_SCHEMA,
        ok: checked.ok(),
        framework: Target {
            path: checked.framework_label.clone(),
            ok: checked.framework.is_some(),
            summary: checked.framework.as_ref().map(describe),
            problems: problems(&checked.framework_problems),
            warnings: Vec::new(),
        },
        countries: checked
            .countries
            .iter()
            .map(|(label, result)| Target {
                path: label.clone(),
                ok: result.is_ok(),
                summary: result.as_ref().ok().map(|(summary, _)| summary.clone()),
                problems: result.as_ref().err().map(problems).unwrap_or_default(),
                warnings: result
                    .as_ref()
                    .map(|(_, warnings)| warnings.clone())
                    .unwrap_or_default(),
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&report)
        .unwrap_or_else(|err| format!("{{\"error\": \"{err}\"}}"));
    text.push('\n');
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

fn print_text(checked: &Checked, framework_given: bool, verbosity: Verbosity) {
    let stderr = &mut report::stderr();
    let stdout = &mut std::io::stdout().lock();
    let label = &checked.framework_label;
    if !checked.framework_problems.is_empty() {
        let problems = &checked.framework_problems;
        let _ = write!(stderr, "{problems}");
        let _ = writeln!(
            stderr,
            "{label}: {}; no country folder was checked.",
            super::plural(problems.len(), "problem", "problems")
        );
    } else if framework_given && verbosity != Verbosity::Quiet {
        let described = checked.framework.as_ref().map(describe).unwrap_or_default();
        let _ = writeln!(stdout, "ok: {label}: {described}");
    }
    for (label, result) in &checked.countries {
        match result {
            Ok((summary, warnings)) => {
                for warning in warnings {
                    let _ = writeln!(stderr, "warning: {warning}");
                }
                if verbosity != Verbosity::Quiet {
                    let _ = writeln!(stdout, "ok: {label}: {summary}");
                }
            }
            Err(diagnostics) => {
                let _ = write!(stderr, "{diagnostics}");
                let _ = writeln!(
                    stderr,
                    "{label}: {}.\n",
                    super::plural(diagnostics.len(), "problem", "problems")
                );
            }
        }
    }
    let invalid = checked.invalid();
    let total = checked.countries.len();
    if total > 1 && verbosity != Verbosity::Quiet {
        let _ = writeln!(
            stderr,
            "{} of {} valid.",
            total - invalid.len(),
            super::plural(total, "folder", "folders")
        );
    }
    if !invalid.is_empty() {
        let _ = writeln!(stderr, "To fix: {}", invalid.join(", "));
    }
}

/// A framework's identity and size, in one line.
pub fn describe(framework: &Framework) -> String {
    format!(
        "{} {}: {} dimensions, {} checklist questions, {} recommendations, {} components, {} rules, {} risks, {} KPIs",
        framework.meta.id,
        framework.meta.version,
        framework.dimensions.len(),
        framework
            .dimensions
            .iter()
            .map(|d| d.questions.len())
            .sum::<usize>(),
        framework.recommendations.len(),
        framework.components.len(),
        framework.rules.len(),
        framework.risks.len(),
        framework.kpis.len()
    )
}
