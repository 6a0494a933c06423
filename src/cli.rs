//! The command line: parses arguments, runs the pipeline, reports.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

mod assess;
mod check;
mod explain;
mod manual;
pub mod report;

use report::Verbosity;

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
2 the command line is wrong, or `explain` was given an unknown item; 3 an output file could not be written.",
    after_help = "Start here:\n  dgplan init my-country --country \"Kingdom of Tonga\" --iso3 TON   (then fill in the two files)\n  dgplan check my-country\n  dgplan generate my-country\n\nOr try a sample: dgplan generate samples/lao-pdr"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Say nothing but problems: no progress, no summaries.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Say more: every file written, and what each step decided.
    #[arg(long, short, global = true)]
    pub verbose: bool,
}

/// How `check` reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Words for people, problems on standard error.
    Text,
    /// One JSON document on standard output, for other software.
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the plan for one or more country folders: OUT/<iso3>/master-plan.pdf, the Markdown, charts and plan.json.
    ///
    /// Each folder must hold profile.toml and readiness.toml. A folder with
    /// problems is reported in full and nothing is written for it; the other
    /// folders are still generated.
    #[command(
        after_help = "Examples:\n  dgplan generate samples/lao-pdr\n  dgplan generate samples/* --out drafts\n  dgplan generate my-country --framework my-framework"
    )]
    #[command(display_order = 4)]
    Generate {
        /// Country folders, each with profile.toml and readiness.toml.
        #[arg(required_unless_present = "all_egdi", value_name = "COUNTRY_DIR")]
        countries: Vec<PathBuf>,
        /// Also draft plans for all 193 UN Member States from public data alone
        /// (UN E-Government Survey and UN group lists; see `init --from-egdi`).
        #[arg(long)]
        all_egdi: bool,
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
    #[command(display_order = 6)]
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
    /// Write a country folder to start from: profile.toml and readiness.toml.
    ///
    /// By default the files list every field with what it means, its allowed
    /// values and its default, and the readiness checklist, ready to fill in;
    /// fields marked REQUIRED must be filled before `check` accepts the folder.
    /// With --from-egdi, the folder is drafted from public data instead: the
    /// country's name, ISO code and UN groups, and readiness scores derived
    /// from its UN E-Government Survey indices (index x 5, marked as derived,
    /// never as an assessment). What public data cannot say is marked TO FILL IN.
    #[command(
        after_help = "Examples:\n  dgplan init my-country --country \"Lao People's Democratic Republic\" --iso3 LAO\n  dgplan init lao-draft --from-egdi LAO"
    )]
    #[command(display_order = 1)]
    Init {
        /// Folder to write profile.toml and readiness.toml into (created if needed).
        #[arg(value_name = "DIR")]
        folder: PathBuf,
        /// The country's name, written into the blank profile.
        #[arg(long, value_name = "NAME", conflicts_with = "from_egdi")]
        country: Option<String>,
        /// The country's ISO 3166-1 alpha-3 code, such as LAO, written into the blank profile.
        #[arg(long, value_name = "ISO3", conflicts_with = "from_egdi")]
        iso3: Option<String>,
        /// Draft the folder from public data for this UN Member State (ISO 3166-1 alpha-3 code, such as LAO).
        #[arg(long, value_name = "ISO3")]
        from_egdi: Option<String>,
        /// Replace profile.toml and readiness.toml if the folder already has them.
        #[arg(long)]
        force: bool,
    },
    /// Check country folders (and a framework) without writing anything.
    ///
    /// Reports every problem in every file at once, with file, line and
    /// column. Exit status 0 when everything is valid, 1 otherwise.
    #[command(
        after_help = "Examples:\n  dgplan check my-country\n  dgplan check samples/* --format json\n  dgplan check --framework my-framework"
    )]
    #[command(display_order = 2)]
    Check {
        /// Country folders, each with profile.toml and readiness.toml.
        #[arg(required_unless_present = "framework", value_name = "COUNTRY_DIR")]
        countries: Vec<PathBuf>,
        /// A framework folder to check, and to check the countries against.
        #[arg(long, value_name = "DIR")]
        framework: Option<PathBuf>,
        /// `text` for people, `json` for other software.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Show the readiness checklist of a country folder: the scores derived
    /// from its answers, with the working, and the questions still unanswered.
    ///
    /// A dimension may be scored directly under [scores] or through the
    /// checklist under [answers]; this command shows both and lists every
    /// unanswered question with its possible answers.
    #[command(after_help = "Example:\n  dgplan assess my-country")]
    #[command(display_order = 3)]
    Assess {
        /// A country folder holding readiness.toml.
        #[arg(value_name = "COUNTRY_DIR")]
        folder: PathBuf,
        /// A framework folder whose checklist to use instead of the built-in one.
        #[arg(long, value_name = "DIR")]
        framework: Option<PathBuf>,
    },
    /// Explain why the plan contains what it contains.
    ///
    /// With no ITEM, a summary of the whole plan: which rules applied and on
    /// which of the country's inputs, and why each component sits where it
    /// does. With ITEM, the account of one component (such as `data-exchange`),
    /// recommendation (such as `R3`) or rule (such as `weak-leadership`),
    /// including items the plan left out.
    #[command(
        after_help = "Examples:\n  dgplan explain samples/lao-pdr\n  dgplan explain samples/lao-pdr data-exchange\n  dgplan explain samples/lao-pdr R3"
    )]
    #[command(display_order = 5)]
    Explain {
        /// A country folder.
        #[arg(value_name = "COUNTRY_DIR")]
        folder: PathBuf,
        /// A component, recommendation or rule id.
        #[arg(value_name = "ITEM")]
        item: Option<String>,
        /// A framework folder to use instead of the built-in default.
        #[arg(long, value_name = "DIR")]
        framework: Option<PathBuf>,
    },
    /// List the built-in framework, or describe a framework folder.
    #[command(
        after_help = "Examples:\n  dgplan frameworks\n  dgplan frameworks --framework my-framework"
    )]
    #[command(display_order = 7)]
    Frameworks {
        /// A framework folder to describe as well.
        #[arg(long, value_name = "DIR")]
        framework: Option<PathBuf>,
    },
    /// Write shell completions or the manual page to standard output.
    #[command(
        after_help = "Examples:\n  dgplan manual completions bash > dgplan.bash\n  dgplan manual page > dgplan.1"
    )]
    #[command(display_order = 9)]
    Manual {
        #[command(subcommand)]
        what: manual::What,
    },
    /// Work with the document templates.
    #[command(display_order = 8)]
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
    let verbosity = Verbosity::from_flags(cli.quiet, cli.verbose);
    match cli.command {
        Command::Generate {
            countries,
            all_egdi,
            out,
            framework,
            templates,
        } => generate(
            &countries,
            all_egdi,
            &out,
            framework.as_deref(),
            templates.as_deref(),
            verbosity,
        ),
        Command::Init {
            folder,
            country,
            iso3,
            from_egdi,
            force,
        } => init(
            &folder,
            from_egdi.as_deref(),
            country.as_deref(),
            iso3.as_deref(),
            force,
            verbosity,
        ),
        Command::Check {
            countries,
            framework,
            format,
        } => check::run(&countries, framework.as_deref(), format, verbosity),
        Command::Assess { folder, framework } => assess::run(&folder, framework.as_deref()),
        Command::Explain {
            folder,
            item,
            framework,
        } => explain::run(&folder, item.as_deref(), framework.as_deref()),
        Command::Frameworks { framework } => manual::frameworks(framework.as_deref()),
        Command::Manual { what } => manual::run(what),
        Command::Compare {
            inputs,
            out,
            framework,
            templates,
        } => compare(
            &inputs,
            &out,
            framework.as_deref(),
            templates.as_deref(),
            verbosity,
        ),
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

/// The framework a command works with; on problems, reports them all and
/// gives the exit status.
pub(crate) fn framework_or_exit(
    folder: Option<&std::path::Path>,
    consequence: &str,
) -> Result<Framework, ExitCode> {
    Framework::load(folder).map_err(|errors| {
        let stderr = &mut report::stderr();
        let _ = write!(stderr, "{errors}");
        let _ = writeln!(
            stderr,
            "The framework has {} problem(s); {consequence}.",
            errors.len()
        );
        ExitCode::from(EXIT_INVALID_INPUT)
    })
}

/// The plan's date: `SOURCE_DATE_EPOCH` when set, otherwise today; a bad
/// value is reported and gives the exit status.
pub(crate) fn date_or_exit() -> Result<String, ExitCode> {
    output::generation_date(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref()).map_err(|message| {
        let _ = writeln!(report::stderr(), "error: {message}");
        ExitCode::from(EXIT_USAGE)
    })
}

/// Records that the input `label` is for `iso3`; returns the input that
/// already was, if any. Two inputs for one country would write the same files.
pub(crate) fn already_claimed(
    seen: &mut HashMap<String, String>,
    iso3: &str,
    label: &str,
) -> Option<String> {
    match seen.entry(iso3.to_string()) {
        std::collections::hash_map::Entry::Occupied(first) => Some(first.get().clone()),
        std::collections::hash_map::Entry::Vacant(slot) => {
            slot.insert(label.to_string());
            None
        }
    }
}

/// One country to generate: a folder, or texts drafted from public data.
enum Job {
    Folder(PathBuf),
    Drafted {
        label: String,
        profile: String,
        readiness: String,
    },
}

impl Job {
    fn label(&self) -> String {
        match self {
            Job::Folder(path) => path.display().to_string(),
            Job::Drafted { label, .. } => label.clone(),
        }
    }
}

/// What happened to one job, reported in input order.
enum Outcome {
    Written(String),
    Invalid(String),
    WriteFailed(String),
}

fn generate(
    countries: &[PathBuf],
    all_egdi: bool,
    out: &std::path::Path,
    framework: Option<&std::path::Path>,
    templates: Option<&std::path::Path>,
    verbosity: Verbosity,
) -> ExitCode {
    use rayon::prelude::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    let stderr = &mut report::stderr();
    let framework = match framework_or_exit(framework, "no plan was generated") {
        Ok(f) => f,
        Err(code) => return code,
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
    let date = match date_or_exit() {
        Ok(date) => date,
        Err(code) => return code,
    };

    let mut jobs: Vec<Job> = countries.iter().cloned().map(Job::Folder).collect();
    if all_egdi {
        let reference = crate::reference::Reference::builtin();
        for row in reference
            .latest()
            .map(|e| e.rows.as_slice())
            .unwrap_or_default()
        {
            match crate::draft::from_reference(reference, &framework, &row.iso3, &date) {
                Ok((profile, readiness)) => jobs.push(Job::Drafted {
                    label: format!("{} ({}, drafted from public data)", row.name, row.iso3),
                    profile,
                    readiness,
                }),
                Err(message) => {
                    let _ = writeln!(stderr, "error: {}: {message}", row.name);
                }
            }
        }
    }

    // 1. Read and check every input, in parallel.
    let loaded: Vec<Result<crate::input::CountryInput, String>> = jobs
        .par_iter()
        .map(|job| match job {
            Job::Folder(folder) => load_country(folder, &framework).map_err(|e| {
                format!(
                    "{e}{}: {} problem(s); nothing written for this folder.\n",
                    folder.display(),
                    e.len()
                )
            }),
            Job::Drafted {
                label,
                profile,
                readiness,
            } => crate::input::check_texts(
                &crate::diagnostics::SourceFile::new(
                    format!("{label}/profile.toml"),
                    profile.as_str(),
                ),
                &crate::diagnostics::SourceFile::new(
                    format!("{label}/readiness.toml"),
                    readiness.as_str(),
                ),
                &framework,
            )
            .map_err(|e| format!("{e}{label}: {} problem(s); nothing written.\n", e.len())),
        })
        .collect();

    // 2. Two inputs for one country would write the same files.
    let mut seen: HashMap<String, String> = HashMap::new();
    let mut checked: Vec<Result<crate::input::CountryInput, String>> =
        Vec::with_capacity(loaded.len());
    for (job, result) in jobs.iter().zip(loaded) {
        checked.push(result.and_then(|input| {
            if let Some(first) = already_claimed(&mut seen, &input.country.iso3, &job.label()) {
                Err(format!(
                    "error: {}: iso3 \"{}\" is also used by {}; both would write the same files.\n  = hint: give each country folder its own ISO code, or generate them in separate runs with different --out folders.\n",
                    job.label(),
                    input.country.iso3,
                    first
                ))
            } else {
                Ok(input)
            }
        }));
    }

    // 3. Plan, render and write each country, in parallel. Each country's
    // bytes depend only on its own inputs, so the order of work changes nothing.
    let progress = verbosity.shows_progress() && jobs.len() > 1;
    let done = AtomicUsize::new(0);
    let total = jobs.len();
    let outcomes: Vec<Outcome> = checked
        .into_par_iter()
        .map(|result| {
            let outcome = match result {
                Err(message) => Outcome::Invalid(message),
                Ok(input) => {
                    let label = input.folder.display().to_string();
                    let plan = build_plan(&input, &framework, &date);
                    // Render everything first: a template error leaves no file half-updated.
                    match render::render_all(&templates, &fonts, &plan) {
                        Err(diagnostic) => Outcome::Invalid(format!("{diagnostic}\n{label}: nothing written.\n")),
                        Ok(mut files) => {
                            files.push(("plan.json", output::plan_json(&plan).into_bytes()));
                            let warnings: String = render::unprintable(&fonts, &plan)
                                .into_iter()
                                .map(|w| format!("warning: {}: {w}\n", plan.country.display_name))
                                .collect();
                            let target = output::country_folder(out, &plan);
                            match files
                                .iter()
                                .try_for_each(|(name, bytes)| output::write_atomic(&target.join(name), bytes))
                            {
                                Ok(()) => Outcome::Written(format!(
                                    "{warnings}{}: {} components in {} phases, {} deferred; USD {:.1} million -> {}{}",
                                    plan.country.display_name,
                                    plan.components.len(),
                                    plan.phases.len(),
                                    plan.deferred.len(),
                                    plan.financing.total_cost_usd_millions,
                                    target.display(),
                                    if verbosity == Verbosity::Verbose {
                                        let fired = plan.rules.iter().filter(|r| r.fired).count();
                                        let mut detail = format!(
                                            "\n  {fired} of {} rules applied; pacing {}; governance {} (run `dgplan explain` for why)",
                                            plan.rules.len(),
                                            plan.pacing.name,
                                            plan.governance.name
                                        );
                                        for (name, _) in &files {
                                            detail.push_str(&format!("\n  wrote {}", target.join(name).display()));
                                        }
                                        detail
                                    } else {
                                        String::new()
                                    }
                                )),
                                Err(err) => Outcome::WriteFailed(format!(
                                    "error: {}: cannot write the files: {err}\n  = hint: check that the --out folder exists or can be created and that you may write there.",
                                    target.display()
                                )),
                            }
                        }
                    }
                }
            };
            let n = done.fetch_add(1, Ordering::Relaxed) + 1;
            if progress {
                eprint!("\r  {n} of {total} countries done");
            }
            outcome
        })
        .collect();
    if progress {
        let _ = writeln!(stderr, "\r  {total} of {total} countries done");
    }

    // Report in input order, whatever order the work finished in.
    let stdout = &mut std::io::stdout().lock();
    let mut invalid = Vec::new();
    let mut write_failed = Vec::new();
    let mut written = 0;
    for (job, outcome) in jobs.iter().zip(outcomes) {
        match outcome {
            Outcome::Written(line) => {
                written += 1;
                // Warnings go to stderr, the summary line to stdout.
                let (warnings, summary) = split_warnings(&line);
                let _ = write!(stderr, "{warnings}");
                if verbosity == Verbosity::Verbose || (!all_egdi && verbosity == Verbosity::Normal)
                {
                    let _ = writeln!(stdout, "{summary}");
                }
            }
            Outcome::Invalid(message) => {
                let _ = write!(stderr, "{message}");
                invalid.push(job.label());
            }
            Outcome::WriteFailed(message) => {
                let _ = writeln!(stderr, "{message}");
                write_failed.push(job.label());
            }
        }
    }
    if jobs.len() > 1 {
        if verbosity != Verbosity::Quiet {
            let _ = writeln!(
                stderr,
                "{written} of {} plan(s) written to {}.",
                jobs.len(),
                out.display()
            );
        }
        if !invalid.is_empty() {
            let _ = writeln!(
                stderr,
                "Not generated, fix the problems above: {}",
                invalid.join(", ")
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

/// Splits a job's report into its warnings (leading `warning:` lines, for
/// stderr) and the rest (for stdout).
fn split_warnings(report: &str) -> (&str, &str) {
    let mut cut = 0;
    for line in report.split_inclusive('\n') {
        if !line.starts_with("warning: ") {
            break;
        }
        cut += line.len();
    }
    report.split_at(cut)
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
    verbosity: Verbosity,
) -> ExitCode {
    let stderr = &mut report::stderr();
    let stdout = &mut std::io::stdout().lock();
    let date = match date_or_exit() {
        Ok(date) => date,
        Err(code) => return code,
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
    // Problems are held back until the progress line is finished.
    let mut problems = String::new();
    let progress = verbosity.shows_progress() && inputs.len() > 1;
    for (n, input) in inputs.iter().enumerate() {
        if progress {
            let _ = write!(stderr, "\r  reading {} of {} plans", n + 1, inputs.len());
        }
        let plan = if input.is_dir() {
            if framework_cache.is_none() {
                match framework_or_exit(framework, "nothing was compared") {
                    Ok(f) => framework_cache = Some(f),
                    Err(code) => return code,
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
    if verbosity == Verbosity::Verbose {
        for (name, _) in &files {
            let _ = writeln!(stdout, "wrote {}", out.join(name).display());
        }
    }
    if verbosity == Verbosity::Quiet {
        return ExitCode::from(EXIT_OK);
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

fn init(
    folder: &std::path::Path,
    from_egdi: Option<&str>,
    country: Option<&str>,
    iso3: Option<&str>,
    force: bool,
    verbosity: Verbosity,
) -> ExitCode {
    let stderr = &mut report::stderr();
    let date = match date_or_exit() {
        Ok(date) => date,
        Err(code) => return code,
    };
    let framework = match framework_or_exit(None, "nothing was written") {
        Ok(f) => f,
        Err(code) => return code,
    };
    if let Some(code) = iso3
        && (code.trim().len() != 3 || !code.trim().chars().all(|c| c.is_ascii_alphabetic()))
    {
        let _ = writeln!(
            stderr,
            "error: --iso3 \"{code}\" is not a three-letter ISO 3166-1 alpha-3 code\n  = hint: give the code in letters, such as LAO for Lao PDR"
        );
        return ExitCode::from(EXIT_USAGE);
    }
    let reference = crate::reference::Reference::builtin();
    let (profile, readiness) = match from_egdi {
        None => crate::draft::blank(reference, &framework, country, iso3, &date),
        Some(code) => match crate::draft::from_reference(reference, &framework, code, &date) {
            Ok(texts) => texts,
            Err(message) => {
                let _ = writeln!(
                    stderr,
                    "error: {message}\n  = hint: give the three-letter ISO code of a UN Member State, such as LAO for Lao PDR"
                );
                return ExitCode::from(EXIT_USAGE);
            }
        },
    };
    // Never overwrite a ministry's work without being asked to.
    let existing: Vec<String> = [crate::input::PROFILE_FILE, crate::input::READINESS_FILE]
        .iter()
        .filter(|name| folder.join(name).exists())
        .map(|name| folder.join(name).display().to_string())
        .collect();
    if !existing.is_empty() && !force {
        let _ = writeln!(
            stderr,
            "error: {} already exist(s); nothing was written.\n  = hint: choose another folder, or add --force to replace them.",
            existing.join(" and ")
        );
        return ExitCode::from(EXIT_INVALID_INPUT);
    }
    for (name, text) in [
        (crate::input::PROFILE_FILE, &profile),
        (crate::input::READINESS_FILE, &readiness),
    ] {
        let path = folder.join(name);
        if let Err(err) = output::write_atomic(&path, text.as_bytes()) {
            let _ = writeln!(
                stderr,
                "error: {}: cannot write the file: {err}",
                path.display()
            );
            return ExitCode::from(EXIT_WRITE_FAILED);
        }
    }
    if verbosity != Verbosity::Quiet {
        if from_egdi.is_some() {
            println!(
                "Drafted {} from public data. Fill in the lines marked TO FILL IN, replace the derived scores with an assessment, then run: dgplan generate {}",
                folder.display(),
                folder.display()
            );
        } else {
            println!(
                "Wrote {dir}/profile.toml and {dir}/readiness.toml. Fill in the lines marked REQUIRED and any others you know, then run:\n  dgplan check {dir}\n  dgplan generate {dir}",
                dir = folder.display()
            );
        }
    }
    ExitCode::from(EXIT_OK)
}
