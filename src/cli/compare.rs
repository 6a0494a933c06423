//! `dgplan compare`: plans across countries, or versions of one country's
//! plan. Reads each input (a country folder, planned on the fly, or a
//! plan.json), and only when every input could be read, compares them and
//! writes the comparison's files through [`crate::pipeline::write_comparison`].

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::report::{self, Verbosity};
use super::{EXIT_INVALID_INPUT, EXIT_OK, EXIT_WRITE_FAILED, Ended};
use crate::compare::ComparedPlan;
use crate::framework::Framework;
use crate::pipeline::{self, ComparisonNotWritten};

/// What the run did when the framework, templates or fonts fail to load.
const NOTHING_DONE: &str = "nothing was compared";

pub fn run(
    inputs: &[PathBuf],
    out: &Path,
    framework: Option<&Path>,
    templates: Option<&Path>,
    language: crate::language::Language,
    verbosity: Verbosity,
) -> Ended {
    let stderr = &mut report::stderr();
    let date = super::date_or_exit()?;
    let templates = super::templates_or_exit(templates, NOTHING_DONE)?;
    let mut plans = read_all(inputs, framework, &date, verbosity)?;
    let fonts = super::fonts_or_exit()?;
    let written =
        pipeline::write_comparison(&mut plans, &templates, &fonts, &date, language, out, &|n| {
            super::say(out, n)
        });
    let (comparison, files) = match written {
        Ok(written) => written,
        Err(ComparisonNotWritten::Template(diagnostic)) => {
            let _ = writeln!(stderr, "{diagnostic}\nNothing was written.");
            return Err(ExitCode::from(EXIT_INVALID_INPUT));
        }
        Err(ComparisonNotWritten::Write(error)) => {
            super::say_not_written(&error, "the comparison's files");
            return Err(ExitCode::from(EXIT_WRITE_FAILED));
        }
    };
    let stdout = &mut std::io::stdout().lock();
    if verbosity == Verbosity::Verbose {
        for path in &files {
            let _ = writeln!(stdout, "wrote {}", path.display());
        }
    }
    if verbosity != Verbosity::Quiet {
        let countries = comparison.countries.len();
        let _ = writeln!(
            stdout,
            "Compared {} of {countries} {}{} -> {}",
            super::plural(plans.len(), "plan", "plans"),
            if countries == 1 {
                "country"
            } else {
                "countries"
            },
            if comparison.changes.is_empty() {
                String::new()
            } else {
                format!(
                    ", with {}",
                    super::plural(comparison.changes.len(), "change report", "change reports")
                )
            },
            out.join("comparison.md").display()
        );
    }
    Ok(ExitCode::from(EXIT_OK))
}

/// Every input's plan. When any input cannot be read, all the problems are
/// reported and nothing is compared.
fn read_all(
    inputs: &[PathBuf],
    framework_folder: Option<&Path>,
    date: &str,
    verbosity: Verbosity,
) -> Result<Vec<ComparedPlan>, ExitCode> {
    let stderr = &mut report::stderr();
    // Frameworks are only needed for country folders; each is loaded once.
    let mut frameworks: Vec<(Option<PathBuf>, Framework)> = Vec::new();
    let mut plans = Vec::new();
    let mut failed = Vec::new();
    // Problems are held back until the progress line is finished.
    let mut problems = String::new();
    let progress = verbosity.shows_progress() && inputs.len() > 1;
    for (n, input) in inputs.iter().enumerate() {
        if progress {
            let _ = write!(stderr, "\r  reading {} of {} plans", n + 1, inputs.len());
        }
        let plan = if input.is_dir() {
            let folder = super::framework_folder_for(input, framework_folder);
            let index = match frameworks.iter().position(|(f, _)| *f == folder) {
                Some(index) => index,
                None => {
                    let loaded = super::framework_or_exit(folder.as_deref(), NOTHING_DONE)?;
                    frameworks.push((folder, loaded));
                    frameworks.len() - 1
                }
            };
            pipeline::plan_folder(input, &frameworks[index].1, date)
                .map_err(|errors| errors.to_string())
        } else if !input.exists() && input.extension().is_none_or(|e| e != "json") {
            let missing = crate::input::not_a_folder(input).map(|d| format!("{d}\n"));
            Err(missing.unwrap_or_default())
        } else {
            pipeline::read_plan_json(input).map_err(|d| format!("{d}\n"))
        };
        match plan {
            Ok(plan) => plans.push(ComparedPlan {
                label: input.display().to_string(),
                plan,
            }),
            Err(message) => {
                problems.push_str(&format!(
                    "{message}{}: cannot be compared.\n\n",
                    input.display()
                ));
                failed.push(input.display().to_string());
            }
        }
    }
    if progress {
        let _ = writeln!(stderr);
    }
    let _ = write!(stderr, "{problems}");
    if failed.is_empty() {
        Ok(plans)
    } else {
        let _ = writeln!(
            stderr,
            "Nothing was written. Fix or leave out: {}",
            failed.join(", ")
        );
        Err(ExitCode::from(EXIT_INVALID_INPUT))
    }
}
