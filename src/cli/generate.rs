//! `dgplan generate`: the plan, documents and plan.json for each country
//! folder, and for every Member State drafted from public data with
//! `--all-egdi`. The work is [`crate::pipeline::generate`]; this module
//! loads what it needs, shows progress and reports each country.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::report::{self, Verbosity};
use super::{EXIT_INVALID_INPUT, EXIT_OK, EXIT_WRITE_FAILED, Ended};
use crate::framework::Framework;
use crate::pipeline::{self, NotWritten, Source, Toolkit, Written};

/// What the run did when the framework, templates or fonts fail to load.
const NOTHING_DONE: &str = "no plan was generated";

/// What each plan is to be, besides its inputs: the envelope's factor
/// (`--budget-scale`) and the files written (`--formats`).
pub struct Asked<'a> {
    pub budget_scale: f64,
    pub formats: &'a [crate::render::Format],
    /// Every plan in this language, whatever its profile says (`--language`).
    pub language: Option<crate::language::Language>,
}

pub fn run(
    countries: &[PathBuf],
    all_egdi: bool,
    out: &Path,
    framework: Option<&Path>,
    templates: Option<&Path>,
    asked: Asked,
    verbosity: Verbosity,
) -> Ended {
    let stderr = &mut report::stderr();
    let named = named_frameworks(countries, framework)?;
    // The framework, the templates and the fonts are read at once; their
    // problems are reported in this order, as if read one after another.
    let ((framework, templates), fonts) = rayon::join(
        || {
            rayon::join(
                || crate::framework::Framework::load(framework),
                || crate::render::Templates::load(templates),
            )
        },
        crate::render::fonts::Fonts::load,
    );
    let framework = super::framework_reported(framework, NOTHING_DONE)?;
    let templates = super::templates_reported(templates, NOTHING_DONE)?;
    let fonts = super::fonts_reported(fonts)?;
    let date = super::date_or_exit()?;

    let mut sources: Vec<Source> = countries.iter().cloned().map(Source::Folder).collect();
    if all_egdi {
        // Drafts name each country in the plans' language.
        let _language = crate::language::speaking(asked.language.unwrap_or_default());
        let (drafts, problems) = pipeline::member_state_drafts(&framework, &date);
        for problem in problems {
            let _ = writeln!(stderr, "error: {problem}");
        }
        sources.extend(drafts);
    }
    let toolkit = Toolkit {
        framework: &framework,
        named: &named,
        templates: &templates,
        fonts: &fonts,
        date: &date,
        budget_scale: asked.budget_scale,
        formats: asked.formats,
        language: asked.language,
    };
    let progress = verbosity.shows_progress() && sources.len() > 1;
    let total = sources.len();
    let finished = AtomicUsize::new(0);
    let done = || {
        let n = finished.fetch_add(1, Ordering::Relaxed) + 1;
        if progress {
            eprint!("\r  {n} of {total} countries done");
        }
    };
    let results = pipeline::generate(&sources, &toolkit, out, &done, &|n| super::say(out, n));
    if progress {
        let _ = writeln!(stderr, "\r  {total} of {total} countries done");
    }
    let summaries =
        verbosity == Verbosity::Verbose || (!all_egdi && verbosity == Verbosity::Normal);
    Ok(report_all(&sources, results, out, summaries, verbosity))
}

/// The frameworks country folders name, when no --framework is given, by
/// country folder; each framework is loaded once.
fn named_frameworks(
    countries: &[PathBuf],
    given: Option<&Path>,
) -> Result<HashMap<PathBuf, Framework>, ExitCode> {
    let mut loaded: HashMap<PathBuf, Framework> = HashMap::new();
    let mut named = HashMap::new();
    for country in countries {
        let folder = super::framework_folder_for(country, given);
        let Some(folder) = folder.filter(|f| Some(f.as_path()) != given) else {
            continue;
        };
        if !loaded.contains_key(&folder) {
            let framework = super::framework_or_exit(Some(&folder), NOTHING_DONE)?;
            loaded.insert(folder.clone(), framework);
        }
        named.insert(country.clone(), loaded[&folder].clone());
    }
    Ok(named)
}

/// Reports each country in input order, then the run; gives the exit status.
fn report_all(
    sources: &[Source],
    results: Vec<Result<Written, NotWritten>>,
    out: &Path,
    summaries: bool,
    verbosity: Verbosity,
) -> ExitCode {
    let stderr = &mut report::stderr();
    let stdout = &mut std::io::stdout().lock();
    let mut invalid = Vec::new();
    let mut write_failed = Vec::new();
    let mut written = 0;
    for (source, result) in sources.iter().zip(results) {
        match result {
            Ok(country) => {
                written += 1;
                for warning in &country.warnings {
                    let _ = writeln!(stderr, "warning: {}: {warning}", country.summary.country);
                }
                if summaries {
                    let _ = writeln!(stdout, "{}", summary(&country, verbosity));
                }
            }
            Err(problem) => {
                let cannot_write = matches!(
                    problem,
                    NotWritten::Io { .. }
                        | NotWritten::Refused { .. }
                        | NotWritten::Kept { .. }
                        | NotWritten::Out(_)
                );
                // The output folder's problem is the same for every country.
                let repeated = matches!(problem, NotWritten::Out(_)) && !write_failed.is_empty();
                if !repeated {
                    let _ = write!(stderr, "{}", not_generated(source, problem));
                }
                if cannot_write {
                    write_failed.push(source.label());
                } else {
                    invalid.push(source.label());
                }
            }
        }
    }
    if sources.len() > 1 {
        if verbosity != Verbosity::Quiet {
            let _ = writeln!(
                stderr,
                "{written} of {} written to {}.",
                super::plural(sources.len(), "plan", "plans"),
                out.display()
            );
            if sources.iter().any(|s| matches!(s, Source::Drafted { .. })) {
                let _ = writeln!(
                    stderr,
                    "Drafts from public data name \"{}\" as the body accountable for delivery: start a country's folder with `dgplan init FOLDER --from-egdi ISO3` to write its name.",
                    crate::input::LEAD_STAND_IN
                );
            }
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

/// One line per written country; with --verbose, what was decided and written.
fn summary(country: &Written, verbosity: Verbosity) -> String {
    let s = &country.summary;
    let mut line = format!(
        "{}: {} components in {} phases, {} deferred; USD {:.1} million -> {}",
        s.country,
        s.components,
        s.phases,
        s.deferred,
        s.total_cost_usd_millions,
        country.folder.display()
    );
    if verbosity == Verbosity::Verbose {
        line.push_str(&format!(
            "\n  {} of {} rules applied; pacing {}; governance {} (run `dgplan explain` for why)",
            s.rules_fired, s.rules, s.pacing, s.governance
        ));
        for name in &country.files {
            line.push_str(&format!(
                "\n  wrote {}",
                country.folder.join(name).display()
            ));
        }
    }
    line
}

/// Why nothing, or not everything, was written for a source.
fn not_generated(source: &Source, problem: NotWritten) -> String {
    let label = source.label();
    match problem {
        NotWritten::Invalid(errors) => match source {
            Source::Folder(_) => format!(
                "{errors}{label}: {}; nothing written for this folder.\n",
                super::plural(errors.len(), "problem", "problems")
            ),
            Source::Drafted { .. } => {
                format!(
                    "{errors}{label}: {}; nothing written.\n",
                    super::plural(errors.len(), "problem", "problems")
                )
            }
        },
        NotWritten::Duplicate { iso3, first } => format!(
            "error: {label}: iso3 \"{iso3}\" is also used by {first}; both would write the same files.\n  = hint: give each country folder its own ISO code, or generate them in separate runs with different --out folders.\n"
        ),
        NotWritten::Template { diagnostic, folder } => {
            format!("{diagnostic}\n{}: nothing written.\n", folder.display())
        }
        NotWritten::Io { folder, error } => format!(
            "error: {}: cannot write the files: {error}; {}.\n  = hint: check that the --out folder exists or can be created, that you may write there and that the disk has room.\n",
            folder.display(),
            // The old folder is put aside only once the new one is whole.
            if folder.is_dir() {
                "the earlier files there are unchanged"
            } else {
                "nothing was written for this country"
            }
        ),
        NotWritten::Refused { folder, what } => format!(
            "error: {}: is {what}; dgplan writes each country's files into a folder of its own and neither follows nor replaces anything else there, so nothing was written for this country.\n  = hint: remove or rename it, or give another --out folder.\n",
            folder.display()
        ),
        NotWritten::Kept { folder, path, why } => kept(&folder, &path, why),
        NotWritten::Out(error) => format!(
            "error: {error}; no plan was written.\n  = hint: {}.\n",
            error.hint()
        ),
    }
}

/// Why an old country folder was kept rather than replaced.
fn kept(folder: &Path, path: &Path, why: crate::output::Keep) -> String {
    let (folder, path) = (folder.display(), path.display());
    match why {
        crate::output::Keep::Mount => format!(
            "error: {path}: is another file system mounted inside the output folder; dgplan replaces {folder} as a whole and never moves or removes files across file systems, so nothing was written for this country.\n  = hint: unmount it (umount {path}), or keep it outside the output folder, then run again.\n"
        ),
        crate::output::Keep::Protected => format!(
            "error: {path}: is write-protected; dgplan replaces {folder} as a whole and could not remove the old copy afterwards, so nothing was written for this country.\n  = hint: make it writable (chmod -R u+w {path}), or move it out of the output folder, then run again.\n"
        ),
    }
}
