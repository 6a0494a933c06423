//! The command line: parses arguments, runs the pipeline, reports.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::engine::build_plan;
use crate::framework::Framework;
use crate::input::load_country;
use crate::output;
use crate::render;

/// Exit status when every input was valid and every file was written.
pub const EXIT_OK: u8 = 0;
/// Exit status when an input folder or the framework has problems.
pub const EXIT_INVALID_INPUT: u8 = 1;
/// Exit status for a mistake on the command line (clap's own convention).
pub const EXIT_USAGE: u8 = 2;
/// Exit status when an output file could not be written.
pub const EXIT_WRITE_FAILED: u8 = 3;

#[derive(Debug, Parser)]
#[command(
    name = "dgplan",
    version,
    about = "Draft a national digital government master plan and roadmap from a country's profile and readiness results.",
    long_about = "dgplan turns a country folder (profile.toml and readiness.toml) into a draft national \
digital government master plan: readiness analysis, the seven UNPOG recommendations tailored to the \
country, a catalogue of components sequenced into phases, governance, PPPP financing, KPIs and risks.\n\n\
Exit status: 0 success; 1 a country folder or the framework has problems (all are listed); \
2 the command line is wrong; 3 an output file could not be written.",
    after_help = "Example:\n  dgplan generate samples/lao-pdr\n  dgplan generate samples/* --out drafts"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the plan for one or more country folders: OUT/<iso3>/master-plan.md, roadmap.md and plan.json.
    ///
    /// Each folder must hold profile.toml and readiness.toml. A folder with
    /// problems is reported in full and nothing is written for it; the other
    /// folders are still generated.
    #[command(
        after_help = "Examples:\n  dgplan generate samples/lao-pdr\n  dgplan generate samples/* --out drafts\n  dgplan generate my-country --framework my-framework"
    )]
    Generate {
        /// Country folders, each with profile.toml and readiness.toml.
        #[arg(required = true, value_name = "COUNTRY_DIR")]
        countries: Vec<PathBuf>,
        /// Folder to write into; each country gets a subfolder named by its ISO code in lower case.
        #[arg(long, short, value_name = "DIR", default_value = "out")]
        out: PathBuf,
        /// A framework folder to use instead of the built-in default (same seven files as frameworks/default).
        #[arg(long, value_name = "DIR")]
        framework: Option<PathBuf>,
        /// A folder of templates; each .md file replaces the built-in template of the same name.
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
    },
    /// Compare plans across countries, or versions of one country's plan.
    ///
    /// Each INPUT is a country folder (its plan is built on the fly) or a
    /// plan.json written earlier. Writes comparison.md, comparison.pdf,
    /// comparison.csv and comparison.json into OUT. Plans of the same ISO code
    /// are treated as versions: the comparison reports what changed between
    /// them and why. If any input has a problem, nothing is written.
    #[command(
        after_help = "Examples:\n  dgplan compare samples/*\n  dgplan compare out/lao/plan.json samples/lao-pdr --out lao-changes"
    )]
    Compare {
        /// Country folders or plan.json files.
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<PathBuf>,
        /// Folder to write the comparison files into.
        #[arg(long, short, value_name = "DIR", default_value = "out")]
        out: PathBuf,
        /// A framework folder for the country folders given (plan.json files keep their own).
        #[arg(long, value_name = "DIR")]
        framework: Option<PathBuf>,
        /// A folder of templates; comparison.md there replaces the built-in one.
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
    },
    /// Work with the document templates.
    Templates {
        #[command(subcommand)]
        action: TemplatesAction,
    },
}

#[derive(Debug, Subcommand)]
pub enum TemplatesAction {
    /// Write the built-in templates into DIR, to edit and use with `generate --templates DIR`.
    #[command(
        after_help = "Example:\n  dgplan templates export my-templates\n  dgplan generate samples/fiji --templates my-templates"
    )]
    Export {
        /// Folder to write into (created if needed); existing files of the same name are replaced.
        #[arg(value_name = "DIR")]
        folder: PathBuf,
    },
}

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Generate {
            countries,
            out,
            framework,
            templates,
        } => generate(&countries, &out, framework.as_deref(), templates.as_deref()),
        Command::Compare {
            inputs,
            out,
            framework,
            templates,
        } => compare(&inputs, &out, framework.as_deref(), templates.as_deref()),
        Command::Templates {
            action: TemplatesAction::Export { folder },
        } => match render::export_builtin(&folder) {
            Ok(paths) => {
                for path in paths {
                    println!("wrote {}", path.display());
                }
                ExitCode::from(EXIT_OK)
            }
            Err(err) => {
                eprintln!(
                    "error: {}: cannot write the templates: {err}\n  = hint: check that you may write in that folder.",
                    folder.display()
                );
                ExitCode::from(EXIT_WRITE_FAILED)
            }
        },
    }
}

fn generate(
    countries: &[PathBuf],
    out: &std::path::Path,
    framework: Option<&std::path::Path>,
    templates: Option<&std::path::Path>,
) -> ExitCode {
    let stderr = &mut std::io::stderr().lock();
    let stdout = &mut std::io::stdout().lock();
    let framework = match Framework::load(framework) {
        Ok(f) => f,
        Err(errors) => {
            let _ = write!(stderr, "{errors}");
            let _ = writeln!(
                stderr,
                "The framework has {} problem(s); no plan was generated.",
                errors.len()
            );
            return ExitCode::from(EXIT_INVALID_INPUT);
        }
    };
    let templates = match render::Templates::load(templates) {
        Ok(t) => t,
        Err(errors) => {
            let _ = write!(stderr, "{errors}");
            let _ = writeln!(
                stderr,
                "The templates have {} problem(s); no plan was generated.",
                errors.len()
            );
            return ExitCode::from(EXIT_INVALID_INPUT);
        }
    };
    let fonts = match render::fonts::Fonts::load() {
        Ok(fonts) => fonts,
        Err(message) => {
            let _ = writeln!(
                stderr,
                "error: {message}\n  = hint: this is a defect in dgplan; please report it."
            );
            return ExitCode::from(EXIT_WRITE_FAILED);
        }
    };
    let date = match output::generation_date(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref()) {
        Ok(date) => date,
        Err(message) => {
            let _ = writeln!(stderr, "error: {message}");
            return ExitCode::from(EXIT_USAGE);
        }
    };

    let mut invalid = Vec::new();
    let mut write_failed = Vec::new();
    let mut written = 0;
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    for folder in countries {
        let input = match load_country(folder, &framework) {
            Ok(input) => input,
            Err(errors) => {
                let _ = write!(stderr, "{errors}");
                let _ = writeln!(
                    stderr,
                    "{}: {} problem(s); nothing written for this folder.\n",
                    folder.display(),
                    errors.len()
                );
                invalid.push(folder.clone());
                continue;
            }
        };
        if let Some(first) = seen.get(&input.country.iso3) {
            let _ = writeln!(
                stderr,
                "error: {}: iso3 \"{}\" is also used by {}; both would write the same files.\n  = hint: give each country folder its own ISO code, or generate them in separate runs with different --out folders.\n",
                folder.join(crate::input::PROFILE_FILE).display(),
                input.country.iso3,
                first.display()
            );
            invalid.push(folder.clone());
            continue;
        }
        seen.insert(input.country.iso3.clone(), folder.clone());
        let plan = build_plan(&input, &framework, &date);
        // Render everything first: a template error leaves no file half-updated.
        let mut files = match render::render_all(&templates, &fonts, &plan) {
            Ok(files) => files,
            Err(diagnostic) => {
                let _ = writeln!(stderr, "{diagnostic}");
                let _ = writeln!(
                    stderr,
                    "{}: nothing written for this folder.\n",
                    folder.display()
                );
                invalid.push(folder.clone());
                continue;
            }
        };
        files.push(("plan.json", output::plan_json(&plan).into_bytes()));
        for warning in render::unprintable(&fonts, &plan) {
            let _ = writeln!(stderr, "warning: {}: {warning}", folder.display());
        }
        let target = output::country_folder(out, &plan);
        let result = files
            .iter()
            .try_for_each(|(name, bytes)| output::write_atomic(&target.join(name), bytes));
        match result {
            Ok(()) => {
                written += 1;
                let _ = writeln!(
                    stdout,
                    "{}: {} components in {} phases, {} deferred; USD {:.1} million -> {}",
                    plan.country.display_name,
                    plan.components.len(),
                    plan.phases.len(),
                    plan.deferred.len(),
                    plan.financing.total_cost_usd_millions,
                    target.display()
                );
            }
            Err(err) => {
                let _ = writeln!(
                    stderr,
                    "error: {}: cannot write the files: {err}\n  = hint: check that the --out folder exists or can be created and that you may write there.",
                    target.display()
                );
                write_failed.push(folder.clone());
            }
        }
    }

    if countries.len() > 1 {
        let _ = writeln!(
            stderr,
            "{written} of {} plan(s) written to {}.",
            countries.len(),
            out.display()
        );
        if !invalid.is_empty() {
            let names: Vec<String> = invalid.iter().map(|p| p.display().to_string()).collect();
            let _ = writeln!(
                stderr,
                "Not generated, fix the problems above: {}",
                names.join(", ")
            );
        }
    }
    if !invalid.is_empty() {
        ExitCode::from(EXIT_INVALID_INPUT)
    } else if !write_failed.is_empty() {
        ExitCode::from(EXIT_WRITE_FAILED)
    } else {
        ExitCode::from(EXIT_OK)
    }
}

/// Reads a plan.json written by `generate`.
fn read_plan_json(
    path: &std::path::Path,
) -> Result<crate::plan::Plan, crate::diagnostics::Diagnostic> {
    use crate::diagnostics::{Diagnostic, SourceFile};
    let source = SourceFile::read(path)?;
    let plan: crate::plan::Plan = serde_json::from_str(&source.text).map_err(|err| {
        let offset: usize = source
            .text
            .lines()
            .take(err.line().saturating_sub(1))
            .map(|l| l.len() + 1)
            .sum::<usize>()
            + err.column().saturating_sub(1);
        Diagnostic::at(
            &source,
            offset..offset + 1,
            format!("not a dgplan plan: {err}"),
        )
        .with_hint("give a plan.json written by `dgplan generate`, or the country folder itself")
    })?;
    if plan.schema != crate::plan::PLAN_SCHEMA {
        return Err(Diagnostic::file(
            path,
            format!(
                "the plan uses schema \"{}\"; this dgplan reads \"{}\"",
                plan.schema,
                crate::plan::PLAN_SCHEMA
            ),
        )
        .with_hint("generate the plan again with this version of dgplan"));
    }
    Ok(plan)
}

fn compare(
    inputs: &[PathBuf],
    out: &std::path::Path,
    framework: Option<&std::path::Path>,
    templates: Option<&std::path::Path>,
) -> ExitCode {
    let stderr = &mut std::io::stderr().lock();
    let stdout = &mut std::io::stdout().lock();
    let date = match output::generation_date(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref()) {
        Ok(date) => date,
        Err(message) => {
            let _ = writeln!(stderr, "error: {message}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let templates = match render::Templates::load(templates) {
        Ok(t) => t,
        Err(errors) => {
            let _ = write!(stderr, "{errors}");
            return ExitCode::from(EXIT_INVALID_INPUT);
        }
    };
    // The framework is only needed for country folders.
    let mut framework_cache: Option<Framework> = None;
    let mut plans = Vec::new();
    let mut failed = Vec::new();
    for input in inputs {
        let plan = if input.is_dir() {
            if framework_cache.is_none() {
                match Framework::load(framework) {
                    Ok(f) => framework_cache = Some(f),
                    Err(errors) => {
                        let _ = write!(stderr, "{errors}");
                        let _ = writeln!(
                            stderr,
                            "The framework has {} problem(s); nothing was compared.",
                            errors.len()
                        );
                        return ExitCode::from(EXIT_INVALID_INPUT);
                    }
                }
            }
            let framework = framework_cache.as_ref().expect("loaded above");
            load_country(input, framework)
                .map(|country| build_plan(&country, framework, &date))
                .map_err(|errors| errors.to_string())
        } else {
            read_plan_json(input).map_err(|d| format!("{d}\n"))
        };
        match plan {
            Ok(plan) => plans.push(crate::compare::Input {
                label: input.display().to_string(),
                plan,
            }),
            Err(message) => {
                let _ = write!(stderr, "{message}");
                let _ = writeln!(stderr, "{}: cannot be compared.\n", input.display());
                failed.push(input.display().to_string());
            }
        }
    }
    if !failed.is_empty() {
        let _ = writeln!(
            stderr,
            "Nothing was written. Fix or leave out: {}",
            failed.join(", ")
        );
        return ExitCode::from(EXIT_INVALID_INPUT);
    }
    let fonts = match render::fonts::Fonts::load() {
        Ok(fonts) => fonts,
        Err(message) => {
            let _ = writeln!(stderr, "error: {message}");
            return ExitCode::from(EXIT_WRITE_FAILED);
        }
    };
    let comparison = crate::compare::compare(&mut plans, &date);
    let files = match render::render_comparison(&templates, &fonts, &comparison, &plans) {
        Ok(files) => files,
        Err(diagnostic) => {
            let _ = writeln!(stderr, "{diagnostic}\nNothing was written.");
            return ExitCode::from(EXIT_INVALID_INPUT);
        }
    };
    for (name, bytes) in &files {
        let path = out.join(name);
        if let Err(err) = output::write_atomic(&path, bytes) {
            let _ = writeln!(
                stderr,
                "error: {}: cannot write the file: {err}\n  = hint: check that you may write in the --out folder.",
                path.display()
            );
            return ExitCode::from(EXIT_WRITE_FAILED);
        }
    }
    let _ = writeln!(
        stdout,
        "Compared {} plan(s) of {} {}{} -> {}",
        plans.len(),
        comparison.countries.len(),
        if comparison.countries.len() == 1 {
            "country"
        } else {
            "countries"
        },
        if comparison.changes.is_empty() {
            String::new()
        } else {
            format!(", with {} change report(s)", comparison.changes.len())
        },
        out.join("comparison.md").display()
    );
    ExitCode::from(EXIT_OK)
}
