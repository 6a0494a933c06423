//! The command line: the arguments of every command, and the dispatch to
//! one module per command under `cli/`. Commands load what they need, call
//! the library (mostly [`crate::pipeline`]) and say what happened; no
//! command decides anything a plan contains.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

mod assess;
mod check;
mod compare;
mod explain;
mod generate;
mod init;
mod manual;
pub mod report;
mod samples;

use report::Verbosity;

use crate::framework::Framework;
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
    after_help = "Start here:\n  dgplan init my-country --country \"Kingdom of Tonga\" --iso3 TON   (then fill in the two files)\n  dgplan check my-country\n  dgplan generate my-country\n\nOr try a sample (`dgplan samples` lists them):\n  dgplan init fiji --sample fiji\n  dgplan generate fiji"
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
    /// Build the plan for one or more country folders: OUT/<iso3>/master-plan.pdf, master-plan.docx, the Markdown, charts and plan.json.
    ///
    /// Each folder must hold profile.toml and readiness.toml. A folder with
    /// problems is reported in full and nothing is written for it; the other
    /// folders are still generated.
    #[command(
        after_help = "Examples:\n  dgplan init fiji --sample fiji\n  dgplan generate fiji\n  dgplan generate fiji --out scenarios --budget-scale 0.8\n  dgplan samples --copy samples\n  dgplan generate samples/* --out drafts"
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
        /// A framework folder to use instead of the built-in default (same eight files as frameworks/default).
        #[arg(long, value_name = "DIR")]
        framework: Option<PathBuf>,
        /// A folder of templates; each .md file replaces the built-in template of the same name.
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
        /// Plan against the profile's budget envelope times this factor, for a
        /// scenario: 0.8 plans with 20% less money, 1.2 with 20% more. The
        /// costing chapter always shows what 60%, 80%, 100% and 120% would fund.
        #[arg(long, value_name = "FACTOR", default_value_t = 1.0, value_parser = budget_scale)]
        budget_scale: f64,
        /// What to write for each country, as a list such as `pdf,docx`: md
        /// (master-plan.md, roadmap.md, brief.md and the SVG charts they
        /// show), pdf (master-plan.pdf and brief.pdf), docx (master-plan.docx
        /// and brief.docx, for Word) and json (plan.json). Files of a format not asked for are neither written
        /// nor deleted: those an earlier run wrote stay as they were, and the
        /// run warns that they may not match the new plan.
        #[arg(
            long,
            value_name = "LIST",
            value_delimiter = ',',
            default_value = "md,pdf,docx,json",
            hide_possible_values = true
        )]
        formats: Vec<crate::render::Format>,
        /// Write every plan in this language, whatever its profile says
        /// (`[plan] language`): en (English), fr (French) or es (Spanish).
        #[arg(long, value_name = "CODE")]
        language: Option<crate::language::Language>,
    },
    /// Compare plans across countries, or versions of one country's plan.
    ///
    /// Each INPUT is a country folder (its plan is built on the fly) or a
    /// plan.json written earlier. Writes comparison.md, comparison.pdf,
    /// comparison.csv and comparison.json into OUT. Plans of the same ISO code
    /// are treated as versions: the comparison reports what changed between
    /// them and why. If any input has a problem, nothing is written.
    #[command(
        after_help = "Examples:\n  dgplan samples --copy samples\n  dgplan compare samples/* --out comparison\n  dgplan generate samples/lao-pdr --out before\n  (edit samples/lao-pdr/readiness.toml, then:)\n  dgplan compare before/lao/plan.json samples/lao-pdr --out lao-changes"
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
        /// The comparison's language: en (English, the default), fr (French)
        /// or es (Spanish). Plans in any language can be compared.
        #[arg(long, value_name = "CODE", default_value = "en")]
        language: crate::language::Language,
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
    /// With --sample, the folder is a copy of one of the sample countries built
    /// into dgplan (`dgplan samples` lists them), to try dgplan or to edit.
    #[command(
        after_help = "Examples:\n  dgplan init my-country --country \"Lao People's Democratic Republic\" --iso3 LAO\n  dgplan init lao-draft --from-egdi LAO\n  dgplan init fiji --sample fiji"
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
        /// Copy this sample country instead (such as fiji; `dgplan samples` lists them).
        #[arg(long, value_name = "NAME", conflicts_with_all = ["from_egdi", "country", "iso3"])]
        sample: Option<String>,
        /// Replace profile.toml and readiness.toml if the folder already has them.
        #[arg(long)]
        force: bool,
        /// The plan's language, written into the profile: en (English, the
        /// default), fr (French) or es (Spanish). A draft from public data
        /// also names the country in that language.
        #[arg(long, value_name = "CODE", conflicts_with = "sample")]
        language: Option<crate::language::Language>,
    },
    /// Check country folders (and a framework) without writing anything.
    ///
    /// Reports the problems of every file at once, with file, line and
    /// column; a syntax error stops the reading of its own file, and the
    /// other file is still checked. Exit status 0 when everything is valid,
    /// 1 otherwise.
    #[command(
        after_help = "Examples:\n  dgplan init fiji --sample fiji\n  dgplan check fiji\n  dgplan samples --copy samples\n  dgplan check samples/* --format json"
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
    /// checklist under [answers]; this command shows both. For each dimension
    /// it shows the first two unanswered questions with their possible
    /// answers and counts the rest; after the first two dimensions not
    /// assessed, each further one takes a single line. --all lists every
    /// unanswered question.
    #[command(
        after_help = "Examples:\n  dgplan init fiji --sample fiji\n  dgplan assess fiji\n  dgplan assess fiji --all"
    )]
    #[command(display_order = 3)]
    Assess {
        /// A country folder holding readiness.toml.
        #[arg(value_name = "COUNTRY_DIR")]
        folder: PathBuf,
        /// List every unanswered question with its possible answers.
        #[arg(long)]
        all: bool,
        /// A framework folder whose checklist to use instead of the built-in one.
        #[arg(long, value_name = "DIR")]
        framework: Option<PathBuf>,
    },
    /// Explain why the plan contains what it contains.
    ///
    /// With no ITEM, a summary of the whole plan: which rules applied and on
    /// which of the country's inputs, and why each component sits where it
    /// does. With ITEM, the account of one component (such as `data-exchange`),
    /// recommendation (such as `R3`) or rule (such as `weak-resilience`),
    /// including items the plan left out.
    #[command(
        after_help = "Examples:\n  dgplan init lao --sample lao-pdr\n  dgplan explain lao\n  dgplan explain lao data-exchange\n  dgplan explain lao R3\n  dgplan explain lao weak-resilience"
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
    ///
    /// With --missing, lists instead the texts of the framework (the built-in
    /// one, or the --framework folder) that have no translation into a
    /// language, written as the translation files take them: save each part
    /// as the file its heading names and translate every text.
    #[command(after_help = "Examples:\n  dgplan frameworks\n  dgplan frameworks --missing fr")]
    #[command(display_order = 7)]
    Frameworks {
        /// A framework folder to describe as well.
        #[arg(long, value_name = "DIR")]
        framework: Option<PathBuf>,
        /// List the texts with no translation into this language: fr (French) or es (Spanish).
        #[arg(long, value_name = "CODE")]
        missing: Option<crate::language::Language>,
    },
    /// List the sample countries built into dgplan, or copy them all into a folder.
    ///
    /// Nine countries as different as Lao PDR, Fiji and Estonia (Senegal in French, Bolivia in Spanish), each a
    /// folder with profile.toml and readiness.toml. Their published index
    /// values are real; their assessment scores and budgets are illustrative.
    /// `dgplan init DIR --sample NAME` copies one to edit.
    #[command(
        after_help = "Examples:\n  dgplan samples\n  dgplan init my-copy --sample fiji\n  dgplan samples --copy samples\n  dgplan generate samples/* --out drafts"
    )]
    #[command(display_order = 1)]
    Samples {
        /// Write every sample into DIR, one folder each (DIR/fiji, DIR/lao-pdr and so on).
        #[arg(long, value_name = "DIR")]
        copy: Option<PathBuf>,
        /// With --copy, replace sample files already in DIR (your edits to them are lost).
        #[arg(long, requires = "copy")]
        force: bool,
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
        after_help = "Examples:\n  dgplan templates export my-templates\n  dgplan init fiji --sample fiji\n  dgplan generate fiji --templates my-templates"
    )]
    Export {
        /// Folder to write into (created if needed).
        #[arg(value_name = "DIR")]
        folder: PathBuf,
        /// Replace templates already in DIR (your edits to them are lost).
        #[arg(long)]
        force: bool,
    },
}

/// How a command ended. `Err` means it stopped early, after reporting why;
/// both carry the exit status.
pub(crate) type Ended = Result<ExitCode, ExitCode>;

/// A count with its noun, singular or plural: "1 problem", "3 problems".
pub(crate) fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

pub fn run(cli: Cli) -> ExitCode {
    let verbosity = Verbosity::from_flags(cli.quiet, cli.verbose);
    let ended: Ended = match cli.command {
        Command::Generate {
            countries,
            all_egdi,
            out,
            framework,
            templates,
            budget_scale,
            formats,
            language,
        } => generate::run(
            &countries,
            all_egdi,
            &out,
            framework.as_deref(),
            templates.as_deref(),
            generate::Asked {
                budget_scale,
                formats: &formats,
                language,
            },
            verbosity,
        ),
        Command::Init {
            folder,
            sample: Some(name),
            force,
            ..
        } => samples::init(&folder, &name, force, verbosity),
        Command::Init {
            folder,
            country,
            iso3,
            from_egdi,
            sample: None,
            force,
            language,
        } => init::run(
            &folder,
            from_egdi.as_deref(),
            country.as_deref(),
            iso3.as_deref(),
            force,
            language.unwrap_or_default(),
            verbosity,
        ),
        Command::Check {
            countries,
            framework,
            format,
        } => Ok(check::run(
            &countries,
            framework.as_deref(),
            format,
            verbosity,
        )),
        Command::Assess {
            folder,
            framework,
            all,
        } => assess::run(&folder, framework.as_deref(), all),
        Command::Explain {
            folder,
            item,
            framework,
        } => explain::run(&folder, item.as_deref(), framework.as_deref()),
        Command::Samples { copy, force } => samples::run(copy.as_deref(), force, verbosity),
        Command::Frameworks {
            framework,
            missing: Some(language),
        } => Ok(manual::untranslated(framework.as_deref(), language)),
        Command::Frameworks {
            framework,
            missing: None,
        } => Ok(manual::frameworks(framework.as_deref())),
        Command::Manual { what } => Ok(manual::run(what)),
        Command::Compare {
            inputs,
            out,
            framework,
            templates,
            language,
        } => compare::run(
            &inputs,
            &out,
            framework.as_deref(),
            templates.as_deref(),
            language,
            verbosity,
        ),
        Command::Templates {
            action: TemplatesAction::Export { folder, force },
        } => export_templates(&folder, force),
    };
    ended.unwrap_or_else(|stopped| stopped)
}

/// `templates export`: like `init`, never replaces a template someone may
/// have edited unless asked to with `--force`.
fn export_templates(folder: &std::path::Path, force: bool) -> Ended {
    let paths = render::export_builtin(folder, force).map_err(|problem| match problem {
        render::NotExported::Exist(paths) => {
            let named: Vec<String> = paths
                .iter()
                .map(|p| match std::fs::symlink_metadata(p) {
                    Ok(meta) if !meta.is_file() => {
                        format!("{} ({})", p.display(), output::what_it_is(p, &meta))
                    }
                    _ => p.display().to_string(),
                })
                .collect();
            let (verb, them) = match paths.len() {
                1 => ("exists", "it"),
                _ => ("exist", "them"),
            };
            let _ = writeln!(
                report::stderr(),
                "error: {} already {verb}; nothing was written.\n  = hint: choose another folder, or add --force to replace {them}.",
                named.join(", ")
            );
            ExitCode::from(EXIT_INVALID_INPUT)
        }
        render::NotExported::Write(error) => {
            say_not_written(&error, "the templates");
            ExitCode::from(EXIT_WRITE_FAILED)
        }
    })?;
    for path in paths {
        println!("wrote {}", path.display());
    }
    Ok(ExitCode::from(EXIT_OK))
}

/// Says what a run meets while writing into `out`: that it waits for
/// another run (once; shown even with --quiet, since a run paused with
/// Ctrl-Z elsewhere would otherwise look like a hang), or what a killed run
/// left that cannot be removed.
pub(crate) fn say(out: &std::path::Path, notice: crate::pipeline::Notice) {
    let stderr = &mut report::stderr();
    let _ = match notice {
        crate::pipeline::Notice::Waiting => writeln!(
            stderr,
            "waiting for another dgplan run that is writing into {} to finish...\n  = hint: a run paused with Ctrl-Z in another window holds the folder too: resume it there (fg) or end it.",
            out.display()
        ),
        crate::pipeline::Notice::LeftBehind(leftover) => writeln!(
            stderr,
            "warning: {}: a temporary folder an earlier run left could not be removed: {}.\n  = hint: {}",
            leftover.path.display(),
            leftover.reason(),
            leftover.hint()
        ),
    };
}

/// Says that files could not be written, and what to do; `what` names
/// them ("the comparison's files").
pub(crate) fn say_not_written(error: &output::WriteError, what: &str) {
    let _ = writeln!(
        report::stderr(),
        "error: {error}; {what} were not written, and nothing there was changed.\n  = hint: {}.",
        error.hint()
    );
}

/// The framework folder a country folder is planned with: `--framework`
/// when given (with a note when the folder names another), else the one
/// its profile names under `[plan] framework` when that is a folder, else
/// none (the built-in framework; checking the profile says why one it
/// names cannot be used).
pub(crate) fn framework_folder_for(
    country: &std::path::Path,
    given: Option<&std::path::Path>,
) -> Option<std::path::PathBuf> {
    let named = crate::input::named_framework(country);
    match (given, named) {
        (Some(given), Some(named)) => {
            let same = |p: &std::path::Path| std::fs::canonicalize(p).ok();
            if same(given) != same(&named.path) {
                let _ = writeln!(
                    report::stderr(),
                    "note: {} names the framework {} under [plan]; --framework {} is used, as given on the command line",
                    country.join(crate::input::PROFILE_FILE).display(),
                    named.written,
                    given.display()
                );
            }
            Some(given.to_path_buf())
        }
        (Some(given), None) => Some(given.to_path_buf()),
        (None, Some(named)) if named.path.is_dir() => Some(named.path),
        (None, _) => None,
    }
}

/// The framework a command works with; on problems, reports them all and
/// gives the exit status.
pub(crate) fn framework_or_exit(
    folder: Option<&std::path::Path>,
    consequence: &str,
) -> Result<Framework, ExitCode> {
    framework_reported(Framework::load(folder), consequence)
}

/// A framework loaded, or its problems reported with the exit status.
pub(crate) fn framework_reported(
    loaded: Result<Framework, crate::diagnostics::Diagnostics>,
    consequence: &str,
) -> Result<Framework, ExitCode> {
    loaded.map_err(|errors| {
        let stderr = &mut report::stderr();
        let _ = write!(stderr, "{errors}");
        let _ = writeln!(
            stderr,
            "The framework has {}; {consequence}.",
            plural(errors.len(), "problem", "problems")
        );
        ExitCode::from(EXIT_INVALID_INPUT)
    })
}

/// The templates a command renders with: the built-in ones, replaced by name
/// by those in `folder`; on problems, reports them all and gives the exit status.
pub(crate) fn templates_or_exit(
    folder: Option<&std::path::Path>,
    consequence: &str,
) -> Result<render::Templates, ExitCode> {
    templates_reported(render::Templates::load(folder), consequence)
}

/// Templates loaded, or their problems reported with the exit status.
pub(crate) fn templates_reported(
    loaded: Result<render::Templates, crate::diagnostics::Diagnostics>,
    consequence: &str,
) -> Result<render::Templates, ExitCode> {
    let templates = loaded.map_err(|errors| {
        let stderr = &mut report::stderr();
        let _ = write!(stderr, "{errors}");
        let _ = writeln!(
            stderr,
            "The templates have {}; {consequence}.",
            plural(errors.len(), "problem", "problems")
        );
        ExitCode::from(EXIT_INVALID_INPUT)
    })?;
    for warning in &templates.warnings {
        let _ = writeln!(report::stderr(), "warning: {warning}");
    }
    Ok(templates)
}

/// The fonts built into dgplan; they fail to load only through a defect.
pub(crate) fn fonts_or_exit() -> Result<render::fonts::Fonts, ExitCode> {
    fonts_reported(render::fonts::Fonts::load())
}

/// The fonts loaded, or the defect reported with the exit status.
pub(crate) fn fonts_reported(
    loaded: Result<render::fonts::Fonts, String>,
) -> Result<render::fonts::Fonts, ExitCode> {
    loaded.map_err(|message| {
        let _ = writeln!(
            report::stderr(),
            "error: {message}\n  = hint: this is a defect in dgplan; please report it."
        );
        ExitCode::from(EXIT_WRITE_FAILED)
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

/// `--budget-scale`: a positive factor, at most 10.
fn budget_scale(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(f) if f.is_finite() && f > 0.0 && f <= 10.0 => Ok(f),
        _ => Err(format!(
            "expected a number above 0 and at most 10, such as 0.8 or 1.2; got `{text}`"
        )),
    }
}
