//! The whole run for a set of countries, as the commands share it: read and
//! check each country, build its plan, render its documents and write its
//! folder; or compare plans and write the comparison. It prints nothing;
//! the commands in [`crate::cli`] decide what to say about each result.
//!
//! This is the edge where files are read and written; the engine and the
//! renderers it calls are pure.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::compare::{ComparedPlan, Comparison};
use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile};
use crate::engine::build_plan;
use crate::framework::Framework;
use crate::input::{CountryInput, check_texts, load_country};
use crate::output;
use crate::plan::{PLAN_SCHEMA, Plan};
use crate::reference::Reference;
use crate::render::{self, Templates, fonts::Fonts};

/// One country to plan: a folder, or the two files drafted from public data.
pub enum Source {
    Folder(PathBuf),
    Drafted {
        label: String,
        profile: String,
        readiness: String,
    },
}

impl Source {
    /// How messages name the source: the folder, or the country and its code.
    pub fn label(&self) -> String {
        match self {
            Source::Folder(path) => path.display().to_string(),
            Source::Drafted { label, .. } => label.clone(),
        }
    }

    /// Reads and checks the source; every problem in both files together.
    pub fn load(&self, framework: &Framework) -> Result<CountryInput, Diagnostics> {
        match self {
            Source::Folder(folder) => load_country(folder, framework),
            Source::Drafted {
                label,
                profile,
                readiness,
            } => {
                let mut input = check_texts(
                    &SourceFile::new(format!("{label}/profile.toml"), profile.as_str()),
                    &SourceFile::new(format!("{label}/readiness.toml"), readiness.as_str()),
                    framework,
                )?;
                // No file holds this stand-in for the user to edit; the run
                // says once that every draft names it.
                input
                    .warnings
                    .retain(|w| !w.contains(crate::input::STAND_IN_WARNING));
                Ok(input)
            }
        }
    }
}

/// Every UN Member State in the latest survey edition, drafted from public
/// data as `init --from-egdi` drafts one. Countries that cannot be drafted
/// come back as "name: why".
pub fn member_state_drafts(framework: &Framework, date: &str) -> (Vec<Source>, Vec<String>) {
    let reference = Reference::builtin();
    let rows = reference
        .latest()
        .map(|e| e.rows.as_slice())
        .unwrap_or_default();
    let mut sources = Vec::new();
    let mut problems = Vec::new();
    for row in rows {
        match crate::draft::from_reference(reference, framework, &row.iso3, date) {
            Ok((profile, readiness)) => sources.push(Source::Drafted {
                label: format!("{} ({}, drafted from public data)", row.name, row.iso3),
                profile,
                readiness,
            }),
            Err(message) => problems.push(format!("{}: {message}", row.name)),
        }
    }
    (sources, problems)
}

/// The countries claimed so far in a run, by ISO code: two inputs for one
/// country would write the same files.
#[derive(Default)]
pub struct Claims(HashMap<String, String>);

impl Claims {
    /// Records that the input `label` is for `iso3`; returns the input that
    /// already was, if any.
    pub fn claim(&mut self, iso3: &str, label: &str) -> Option<String> {
        match self.0.entry(iso3.to_string()) {
            Entry::Occupied(first) => Some(first.get().clone()),
            Entry::Vacant(slot) => {
                slot.insert(label.to_string());
                None
            }
        }
    }
}

/// What one run needs besides the countries, loaded once.
pub struct Toolkit<'a> {
    pub framework: &'a Framework,
    /// Country folders planned with another framework than `framework`
    /// (one their profile names), with it.
    pub named: &'a HashMap<PathBuf, Framework>,
    pub templates: &'a Templates,
    pub fonts: &'a Fonts,
    /// The plans' date, `YYYY-MM-DD`.
    pub date: &'a str,
    /// Multiplies every profile's envelope (`generate --budget-scale`).
    pub budget_scale: f64,
    /// What to write for each plan (`generate --formats`).
    pub formats: &'a [render::Format],
    /// Every plan in this language, whatever its profile says (`generate
    /// --language`); `None` keeps each profile's.
    pub language: Option<crate::language::Language>,
}

impl Toolkit<'_> {
    /// The framework the country of `folder` is planned with.
    pub fn framework_of(&self, folder: &Path) -> &Framework {
        self.named.get(folder).unwrap_or(self.framework)
    }

    fn framework_for(&self, source: &Source) -> &Framework {
        match source {
            Source::Folder(folder) => self.framework_of(folder),
            Source::Drafted { .. } => self.framework,
        }
    }
}

/// A country whose folder was written.
pub struct Written {
    pub folder: PathBuf,
    /// File names, in the order written.
    pub files: Vec<&'static str>,
    /// Texts from the inputs that the fonts cannot print.
    pub warnings: Vec<String>,
    pub summary: Summary,
}

/// What a command may report about a written plan.
pub struct Summary {
    pub country: String,
    pub components: usize,
    pub phases: usize,
    pub deferred: usize,
    pub total_cost_usd_millions: f64,
    pub rules_fired: usize,
    pub rules: usize,
    pub pacing: String,
    pub governance: String,
}

/// Why a country's folder was not written.
pub enum NotWritten {
    /// The inputs have problems.
    Invalid(Diagnostics),
    /// Another input of the run is for the same country.
    Duplicate { iso3: String, first: String },
    /// A template failed; `folder` names the input.
    Template {
        diagnostic: Diagnostic,
        folder: PathBuf,
    },
    /// A file could not be written into `folder`; what was there before is
    /// unchanged.
    Io {
        folder: PathBuf,
        error: std::io::Error,
    },
    /// `folder` is a link or a file, which dgplan neither follows nor
    /// replaces; `what` says which.
    Refused { folder: PathBuf, what: String },
    /// The old `folder` is kept as it is, since it could not be removed
    /// once replaced: `path` in it is a mount or write-protected.
    Kept {
        folder: PathBuf,
        path: PathBuf,
        why: output::Keep,
    },
    /// The output folder itself cannot be written into (it is a file, it
    /// cannot be created or locked).
    Out(std::sync::Arc<output::WriteError>),
}

/// What a run says while it goes on, besides each country's result.
pub enum Notice<'a> {
    /// Another run holds the output folder's lock; this one waits for it.
    Waiting,
    /// What a killed run left could not be removed.
    LeftBehind(&'a output::Leftover),
}

/// Loads, plans, renders and writes every source, in parallel, into
/// `OUT/<iso3>/`. Results come back in the order of `sources`, whatever
/// order the work finished in; `done` is called once per source as it ends.
/// While writing, the run holds the lock of `out`; `notice` is told if
/// another run holds it and this one waits, and of what killed runs left
/// that cannot be removed.
pub fn generate(
    sources: &[Source],
    toolkit: &Toolkit,
    out: &Path,
    done: &(dyn Fn() + Sync),
    notice: &dyn Fn(Notice),
) -> Vec<Result<Written, NotWritten>> {
    let loaded: Vec<Result<CountryInput, Diagnostics>> = sources
        .par_iter()
        .map(|source| source.load(toolkit.framework_for(source)))
        .collect();
    let mut claims = Claims::default();
    let checked: Vec<Result<CountryInput, NotWritten>> = sources
        .iter()
        .zip(loaded)
        .map(|(source, result)| {
            let mut input = result.map_err(NotWritten::Invalid)?;
            input.plan.budget_scale = toolkit.budget_scale;
            if let Some(language) = toolkit.language {
                input.plan.language = language;
            }
            // A plan in a language its framework has no translation into is
            // refused here, before anything is written.
            toolkit
                .framework_for(source)
                .unless_english(input.plan.language)
                .map_err(NotWritten::Invalid)?;
            match claims.claim(&input.country.iso3, &source.label()) {
                Some(first) => Err(NotWritten::Duplicate {
                    iso3: input.country.iso3,
                    first,
                }),
                None => Ok(input),
            }
        })
        .collect();
    let lock = match checked.iter().any(Result::is_ok) {
        true => Some(lock_out(out, notice).map_err(std::sync::Arc::new)),
        false => None,
    };
    // Each country's bytes depend only on its own inputs, so the order of
    // work changes nothing.
    let results = checked
        .into_par_iter()
        .map(|result| {
            let written = result.and_then(|input| match &lock {
                Some(Err(error)) => Err(NotWritten::Out(error.clone())),
                _ => write_country(&input, toolkit, out),
            });
            done();
            written
        })
        .collect();
    // The folders' new names, to disk once for the run.
    let _ = output::sync_folder(out);
    results
}

/// Takes the lock of the output folder for the run and, once it is held,
/// removes what killed runs left there.
fn lock_out(out: &Path, notice: &dyn Fn(Notice)) -> Result<output::FolderLock, output::WriteError> {
    let lock = output::lock_folder(out, &|| notice(Notice::Waiting))?;
    if lock.held() {
        for leftover in output::remove_stale(out) {
            notice(Notice::LeftBehind(&leftover));
        }
    }
    Ok(lock)
}

/// Plans, renders and writes one country. Everything is rendered before
/// anything is written, and the folder is replaced as one unit
/// ([`output::replace_folder`]), so a failure leaves it as it was. Call
/// while holding the output folder's lock.
pub fn write_country(
    input: &CountryInput,
    toolkit: &Toolkit,
    out: &Path,
) -> Result<Written, NotWritten> {
    let english = toolkit.framework_of(&input.folder);
    let translated = english
        .unless_english(input.plan.language)
        .map_err(NotWritten::Invalid)?;
    let plan = build_plan(
        input,
        translated.as_deref().unwrap_or(english),
        toolkit.date,
    );
    let files = render::render_all(toolkit.templates, toolkit.fonts, &plan, toolkit.formats)
        .map_err(|diagnostic| NotWritten::Template {
            diagnostic,
            folder: input.folder.clone(),
        })?;
    // What the inputs' checks accepted with a warning comes first.
    let mut warnings = input.warnings.clone();
    warnings.extend(render::unprintable(toolkit.fonts, &plan));
    if toolkit.budget_scale != 1.0 && input.plan.budget_usd_millions.is_none() {
        warnings.push(
            "--budget-scale changed nothing: the profile states no budget envelope (plan.budget_usd_millions) to scale".to_string(),
        );
    }
    let folder = output::country_folder(out, &plan);
    let contents: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (*n, b.as_slice())).collect();
    let leftover = output::replace_folder(&folder, &contents).map_err(|problem| match problem {
        output::NotReplaced::Io(error) => NotWritten::Io {
            folder: folder.clone(),
            error,
        },
        output::NotReplaced::Refused(what) => NotWritten::Refused {
            folder: folder.clone(),
            what,
        },
        output::NotReplaced::Kept { path, why } => NotWritten::Kept {
            folder: folder.clone(),
            path,
            why,
        },
    })?;
    if let Some(kept) = kept_from_earlier(&folder, &files) {
        warnings.push(kept);
    }
    if let Some(leftover) = leftover {
        warnings.push(format!(
            "the new plan is in {}, but its old copy, now {}, could not be removed: {}.\n  = hint: {}",
            folder.display(),
            leftover.path.display(),
            leftover.reason(),
            leftover.hint()
        ));
    }
    Ok(Written {
        files: files.iter().map(|(name, _)| *name).collect(),
        warnings,
        summary: summarise(&plan),
        folder,
    })
}

/// dgplan's files in a country folder that this run did not write (their
/// format was not asked for): kept as an earlier run left them, which the
/// user is told, since they may not match the new plan.
fn kept_from_earlier(folder: &Path, written: &[(&str, Vec<u8>)]) -> Option<String> {
    let kept: Vec<String> = render::output_files()
        .into_iter()
        .filter(|name| written.iter().all(|(w, _)| w != name))
        .filter(|name| folder.join(name).is_file())
        .map(str::to_string)
        .collect();
    if kept.is_empty() {
        return None;
    }
    let names = crate::words::join_words(&kept);
    Some(if kept.len() == 1 {
        format!(
            "{names} is kept from an earlier run (--formats did not ask for its format) and may not match the new plan; delete it or ask for its format too"
        )
    } else {
        format!(
            "{names} are kept from an earlier run (--formats did not ask for their formats) and may not match the new plan; delete them or ask for their formats too"
        )
    })
}

fn summarise(plan: &Plan) -> Summary {
    Summary {
        country: plan.country.display_name.clone(),
        components: plan.components.len(),
        phases: plan.phases.len(),
        deferred: plan.deferred.len(),
        total_cost_usd_millions: plan.financing.total_cost_usd_millions,
        rules_fired: plan.rules.iter().filter(|r| r.fired).count(),
        rules: plan.rules.len(),
        pacing: plan.pacing.name.clone(),
        governance: plan.governance.name.clone(),
    }
}

/// Why the comparison's files were not written.
pub enum ComparisonNotWritten {
    /// The comparison template failed; nothing was written.
    Template(Diagnostic),
    /// The files could not be written; the files there before are
    /// unchanged.
    Write(output::WriteError),
}

/// Compares the plans (sorting them into the comparison's order), renders
/// the comparison and writes its files into `out`. Everything is rendered
/// before anything is written, and the files replace the earlier ones only
/// once all are written ([`output::write_all_atomic`]), holding the lock of
/// `out` as `generate` does (`notice` as for `generate`). Returns the
/// comparison and the files written.
pub fn write_comparison(
    plans: &mut [ComparedPlan],
    templates: &Templates,
    fonts: &Fonts,
    date: &str,
    language: crate::language::Language,
    out: &Path,
    notice: &dyn Fn(Notice),
) -> Result<(Comparison, Vec<PathBuf>), ComparisonNotWritten> {
    let comparison = crate::compare::compare(plans, date, language);
    let files = render::render_comparison(templates, fonts, &comparison, plans)
        .map_err(ComparisonNotWritten::Template)?;
    let contents: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (*n, b.as_slice())).collect();
    lock_out(out, notice)
        .and_then(|_lock| output::write_all_atomic(out, &contents))
        .map_err(ComparisonNotWritten::Write)?;
    let written = files.iter().map(|(name, _)| out.join(name)).collect();
    Ok((comparison, written))
}

/// A country folder's plan, as `explain` and `compare` build it.
pub fn plan_folder(folder: &Path, framework: &Framework, date: &str) -> Result<Plan, Diagnostics> {
    let input = load_country(folder, framework)?;
    let translated = framework.unless_english(input.plan.language)?;
    Ok(build_plan(
        &input,
        translated.as_deref().unwrap_or(framework),
        date,
    ))
}

/// Reads a plan.json written by `generate`, refusing one whose numbers a
/// plan cannot hold (an edited score of 99, a cost of -1e308).
pub fn read_plan_json(path: &Path) -> Result<Plan, Diagnostic> {
    let source = SourceFile::read(path)?;
    let plan: Plan = serde_json::from_str(&source.text).map_err(|err| {
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
            format!("not a plan written by dgplan: {}", plan_json_problem(&err)),
        )
        .with_hint("give a plan.json written by `dgplan generate`, or the country folder itself")
    })?;
    if plan.schema != PLAN_SCHEMA {
        return Err(Diagnostic::file(
            path,
            format!(
                "the plan uses schema \"{}\"; this dgplan reads \"{}\"",
                plan.schema, PLAN_SCHEMA
            ),
        )
        .with_hint("generate the plan again with this version of dgplan"));
    }
    crate::plan_check::check(&source, &plan.country.iso3)?;
    Ok(plan)
}

/// serde_json's message in words: its position is shown already, and its
/// type names ("u32") mean nothing to a reader.
fn plan_json_problem(err: &serde_json::Error) -> String {
    let text = err.to_string();
    let text = text
        .rsplit_once(" at line ")
        .map_or(text.as_str(), |(message, _)| message);
    let unsigned = text.contains(", expected u");
    let text = crate::tomldoc::friendly_message(text);
    if let Some(field) = text
        .strip_prefix("missing field `")
        .and_then(|rest| rest.strip_suffix('`'))
    {
        return format!("the key `{field}` is missing");
    }
    if let Some(rest) = text.strip_prefix("invalid value: ") {
        // "integer `-5`, expected a whole number"
        if let Some((found, expected)) = rest.split_once(", expected ") {
            let found = found.split('`').nth(1).unwrap_or(found);
            let at_least = if unsigned { ", 0 or more" } else { "" };
            return format!("{found} is not allowed here: expected {expected}{at_least}");
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_made_in_memory_is_not_warned_about_its_stand_in() {
        let framework = Framework::builtin().unwrap();
        let (profile, readiness) =
            crate::draft::from_reference(Reference::builtin(), &framework, "SEN", "2026-05-01")
                .unwrap();
        assert!(profile.contains(crate::input::LEAD_STAND_IN));
        let source = Source::Drafted {
            label: "Senegal (SEN, drafted from public data)".into(),
            profile,
            readiness,
        };
        let input = source.load(&framework).unwrap();
        assert!(
            input
                .warnings
                .iter()
                .all(|w| !w.contains(crate::input::STAND_IN_WARNING)),
            "{:?}",
            input.warnings
        );
    }

    #[test]
    fn a_second_input_for_a_country_names_the_first() {
        let mut claims = Claims::default();
        assert_eq!(claims.claim("LAO", "samples/lao-pdr"), None);
        assert_eq!(claims.claim("FJI", "samples/fiji"), None);
        assert_eq!(
            claims.claim("LAO", "copy-of-lao"),
            Some("samples/lao-pdr".to_string())
        );
    }

    #[test]
    fn a_damaged_plan_json_is_described_in_words() {
        let problem = |text: &str| {
            let err = serde_json::from_str::<Plan>(text).unwrap_err();
            plan_json_problem(&err)
        };
        assert_eq!(problem("{}"), "the key `schema` is missing");
        let err = serde_json::from_str::<Vec<u32>>("[-5]").unwrap_err();
        assert_eq!(
            plan_json_problem(&err),
            "-5 is not allowed here: expected a whole number, 0 or more"
        );
    }
}
