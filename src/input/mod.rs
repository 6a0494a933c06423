//! A country folder: `profile.toml` and `readiness.toml`, read and checked.
//!
//! Reading keeps positions; checking collects every problem in both files
//! before giving up, so a ministry fixes its folder in one pass. Each file's
//! sections as written, and their checks, are in `profile` (with
//! `currency`, its money settings), `readiness` and `answers` (the
//! readiness checklist); this module holds what the engine
//! receives: checked values, no positions.

mod answers;
mod currency;
mod profile;
mod readiness;

use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile};
use crate::framework::{Dimension, Framework};
use crate::tomldoc::unknown_key;
use crate::vocabulary::{CountryGroup, FactValue, IncomeGroup, index_value};
use profile::check_profile;
pub use profile::{LEAD_STAND_IN, STAND_IN_WARNING};
use readiness::check_readiness;

pub const PROFILE_FILE: &str = "profile.toml";
pub const READINESS_FILE: &str = "readiness.toml";

#[derive(Debug, Clone, Serialize)]
pub struct Country {
    pub name: String,
    pub short_name: Option<String>,
    /// The name as running text uses it, with its article, when the
    /// profile gives it ("le Sénégal"); else the language's own rule.
    pub in_text: Option<String>,
    pub iso3: String,
    pub region: Option<String>,
    pub groups: Vec<CountryGroup>,
    /// `None` when the profile does not state it.
    pub income_group: Option<IncomeGroup>,
    /// `None` when the profile does not state it.
    pub population_millions: Option<f64>,
    /// Where the population comes from, when the profile says ("World
    /// Bank, 2024 (SP.POP.TOTL)" in a draft from public data).
    pub population_source: Option<String>,
    /// What the country calls its first-level subdivisions, such as
    /// "province", "county" or "region", and the plural.
    pub subnational_unit: String,
    pub subnational_unit_plural: String,
}

/// The subnational unit when the profile names none.
pub const DEFAULT_SUBNATIONAL_UNIT: &str = "province";

impl Country {
    /// The name used in running text.
    pub fn display_name(&self) -> &str {
        self.short_name.as_deref().unwrap_or(&self.name)
    }

    /// The name as a sentence uses it: with its article where the language
    /// wants one ("the Republic of Korea", "le Sénégal"). The profile's
    /// `in_text` is written for its own language (`written_in`): a plan in
    /// another one (`--language`) follows that language's rule instead.
    pub fn in_text(&self, written_in: crate::language::Language) -> String {
        self.in_text
            .clone()
            .filter(|_| written_in == crate::language::current())
            .unwrap_or_else(|| crate::words::country_in_text(self.display_name()))
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PlanSettings {
    /// The language the plan is written in.
    pub language: crate::language::Language,
    /// The language the profile says (`[plan] language`), which its
    /// `in_text` is written for; `--language` changes only `language`.
    pub written_in: crate::language::Language,
    pub start_year: i32,
    pub horizon_years: u32,
    pub lead_institution: String,
    /// The lead institution's short name, used in running text.
    pub lead_short: Option<String>,
    pub sponsor: Option<String>,
    /// The national development or digital strategy the plan implements.
    pub national_strategy: Option<String>,
    /// The envelope in US dollars: as given, or converted from
    /// `budget_local_millions` at the currency's rate.
    pub budget_usd_millions: Option<f64>,
    /// The envelope as the profile gives it in the local currency, if so.
    pub budget_local_millions: Option<f64>,
    /// The country's currency, when the plan shows amounts in it too
    /// (never US dollars: a plan in dollars has none).
    pub currency: Option<Currency>,
    /// Multiplies the envelope for a scenario (`generate --budget-scale`);
    /// not read from the profile. 1 plans against the envelope as given.
    pub budget_scale: f64,
    pub external_financing_share: Option<f64>,
    pub priority_sectors: Vec<String>,
    pub sdg_focus: Vec<u8>,
    pub hazards: Vec<String>,
}

impl PlanSettings {
    /// How the plan's amounts read: in the local currency first when the
    /// profile gives one, else in US dollars.
    pub fn money(&self) -> crate::words::Money {
        self.currency
            .as_ref()
            .map_or_else(crate::words::Money::usd, Currency::money)
    }

    /// The envelope the plan is funded within: the profile's, scaled.
    pub fn envelope(&self) -> Option<f64> {
        self.budget_usd_millions.map(|b| b * self.budget_scale)
    }
}

/// A currency the plan shows amounts in beside US dollars, with the rate
/// it converts them at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Currency {
    /// The ISO 4217 code, such as "XOF".
    pub code: String,
    /// Its name in ISO 4217, such as "CFA franc BCEAO".
    pub name: String,
    /// Units of the currency to one US dollar.
    pub usd_rate: f64,
    /// The day of the rate (YYYY-MM-DD), when the profile gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usd_rate_date: Option<String>,
}

impl Currency {
    /// How the plan's amounts read: in this currency, then in US dollars.
    pub fn money(&self) -> crate::words::Money {
        crate::words::Money::local(&self.code, self.usd_rate)
    }

    /// US dollars for an amount in this currency.
    pub fn to_usd(&self, local: f64) -> f64 {
        local / self.usd_rate
    }
}

/// Default plan length in years when `horizon_years` is not given.
pub const DEFAULT_HORIZON_YEARS: u32 = 5;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Assessment {
    /// As written, `YYYY-MM-DD`.
    pub date: String,
    pub method: String,
    pub source: Option<String>,
    /// True when the scores were derived from published indices rather
    /// than assessed.
    #[serde(default)]
    pub derived_from_indices: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Indices {
    /// True when filled from the reference data because readiness.toml gave none.
    pub from_reference: bool,
    pub year: i32,
    pub egdi: Option<f64>,
    pub osi: Option<f64>,
    pub hci: Option<f64>,
    pub tii: Option<f64>,
    pub epi: Option<f64>,
}

impl Indices {
    pub fn get(&self, name: &str) -> Option<f64> {
        index_value(name, [self.egdi, self.osi, self.hci, self.tii, self.epi]).flatten()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Readiness {
    pub assessment: Assessment,
    /// Dimension id to score (0 to 5). A dimension absent here was not assessed.
    /// Scores derived from checklist answers are here too.
    pub scores: IndexMap<String, f64>,
    /// Dimensions scored from checklist answers, with the working.
    pub checklist: IndexMap<String, ChecklistScore>,
    pub evidence: IndexMap<String, String>,
    pub indices: Option<Indices>,
}

/// A dimension's score derived from its checklist answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChecklistScore {
    /// In the framework's question order.
    pub answered: Vec<ChecklistAnswer>,
    /// Ids of the dimension's questions not answered.
    pub unanswered: Vec<String>,
    pub score: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChecklistAnswer {
    pub question: String,
    pub answer: u8,
    /// The strongest answer's number.
    pub highest: u8,
}

impl ChecklistScore {
    /// Each answer counts as its share of the strongest answer, so questions
    /// with different numbers of answers weigh the same; the mean of the
    /// shares, times 5, is the score, to one decimal.
    pub fn from_answers(answered: Vec<ChecklistAnswer>, unanswered: Vec<String>) -> Self {
        let shares: f64 = answered
            .iter()
            .map(|a| f64::from(a.answer) / f64::from(a.highest.max(1)))
            .sum();
        let mean = shares / answered.len().max(1) as f64;
        ChecklistScore {
            score: (mean * 50.0).round() / 10.0,
            answered,
            unanswered,
        }
    }

    /// The working, such as
    /// `3 of 4 questions answered: (2/3 + 1/3 + 3/3) / 3 x 5 = 3.3`.
    pub fn working(&self) -> String {
        let terms: Vec<String> = self
            .answered
            .iter()
            .map(|a| format!("{}/{}", a.answer, a.highest))
            .collect();
        format!(
            "{} of {} questions answered: ({}) / {} x 5 = {:.1}",
            self.answered.len(),
            self.questions(),
            terms.join(" + "),
            self.answered.len(),
            self.score
        )
    }

    pub fn questions(&self) -> usize {
        self.answered.len() + self.unanswered.len()
    }
}

/// One country's checked inputs.
#[derive(Debug, Clone)]
pub struct CountryInput {
    pub folder: PathBuf,
    pub country: Country,
    pub plan: PlanSettings,
    /// Facts stated in `[context]`, in the order of [`crate::vocabulary::CONTEXT_FACTS`].
    pub context: IndexMap<String, FactValue>,
    /// `[in_place]`: catalogue components the country already has, by id,
    /// with the name of the institution or system, in the profile's order.
    pub in_place: IndexMap<String, String>,
    /// What the inputs' checks accepted with a warning, each naming its
    /// place in the file (`profile.toml:12:20: ...`).
    pub warnings: Vec<String>,
    pub readiness: Readiness,
    /// The country's published figures and peers' averages, from the
    /// reference data shipped with dgplan (None if the survey does not cover it).
    pub benchmark: Option<crate::reference::Benchmark>,
}

/// Reads and checks a country folder against the framework's vocabulary.
/// Every problem in both files is returned together.
pub fn load_country(folder: &Path, framework: &Framework) -> Result<CountryInput, Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    if let Some(diagnostic) = not_a_folder(folder).or_else(|| folder_of_countries(folder)) {
        return Err(diagnostic.into());
    }
    let profile_source = read(&folder.join(PROFILE_FILE), &mut diagnostics);
    let readiness_source = read(&folder.join(READINESS_FILE), &mut diagnostics);
    assemble(
        folder,
        profile_source.as_ref(),
        readiness_source.as_ref(),
        framework,
        diagnostics,
    )
}

/// The framework a country folder names under `[plan] framework`.
pub struct NamedFramework {
    /// As written in profile.toml, such as `../my-framework`.
    pub written: String,
    /// From the profile's folder.
    pub path: PathBuf,
}

/// The framework a country folder's profile names, if any. A profile that
/// cannot be read names none here; checking it reports why.
pub fn named_framework(folder: &Path) -> Option<NamedFramework> {
    // Read as every input is (never a pipe or a device, never too much),
    // and parsed only when the word is there.
    let source = SourceFile::read(&folder.join(PROFILE_FILE)).ok()?;
    if !source.text.contains("framework") {
        return None;
    }
    let table: toml::Table = toml::from_str(&source.text).ok()?;
    let written = table.get("plan")?.get("framework")?.as_str()?.trim();
    (!written.is_empty()).then(|| NamedFramework {
        written: written.to_string(),
        path: folder.join(written),
    })
}

/// The hint added where a folder uses a name the built-in framework does
/// not know and nothing close to it: the folder may be written for another.
pub const ANOTHER_FRAMEWORK: &str = "this folder may be written for another framework: name it with `framework = \"PATH\"` under [plan] or pass --framework PATH";

/// A country folder given on the command line that is not one: a path
/// that does not exist ("no such folder", with the closest folder beside
/// it), or a file.
pub fn not_a_folder(folder: &Path) -> Option<Diagnostic> {
    if folder.is_dir() {
        return None;
    }
    if folder.exists() {
        let hint = if folder.extension().is_some_and(|e| e == "toml") {
            "give the folder that holds the file, not the file itself"
        } else {
            "give a country folder holding profile.toml and readiness.toml; copy one from samples/ to start"
        };
        return Some(Diagnostic::file(folder, "not a folder").with_hint(hint));
    }
    let hint = match closest_folder(folder) {
        Some(closest) => format!("did you mean `{}`?", closest.display()),
        None => format!(
            "check the spelling; `dgplan init {}` writes a new country folder",
            folder.display()
        ),
    };
    Some(Diagnostic::file(folder, "no such folder").with_hint(hint))
}

/// The folder beside `path` whose name is closest to its name, written
/// the way `path` was (`./senegal` for `./senegl`).
fn closest_folder(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?.to_str()?;
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
    let folders: Vec<String> = std::fs::read_dir(parent.unwrap_or(Path::new(".")))
        .ok()?
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .collect();
    let closest = crate::diagnostics::did_you_mean(name, folders.iter().map(String::as_str))?;
    Some(parent.map_or_else(|| PathBuf::from(closest), |p| p.join(closest)))
}

/// A folder that holds country folders rather than the files of one
/// (`samples` for `samples/*`), said as such: two "cannot read" messages
/// would not tell the user what to type instead.
fn folder_of_countries(folder: &Path) -> Option<Diagnostic> {
    if folder.join(PROFILE_FILE).exists() || folder.join(READINESS_FILE).exists() {
        return None;
    }
    let mut countries: Vec<String> = std::fs::read_dir(folder)
        .ok()?
        .filter_map(Result::ok)
        .filter(|e| e.path().join(PROFILE_FILE).is_file())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .collect();
    if countries.is_empty() {
        return None;
    }
    countries.sort();
    let shown = folder.display();
    let count = countries.len();
    let examples: Vec<String> = countries
        .iter()
        .take(3)
        .map(|c| format!("{shown}/{c}"))
        .collect();
    Some(
        Diagnostic::file(
            folder,
            match count {
                1 => "this folder holds a country folder, not the files of one country".to_string(),
                n => format!("this folder holds {n} country folders, not the files of one country"),
            },
        )
        .with_hint(format!(
            "give the country folders themselves, such as {}, or all of them with {shown}/*",
            examples.join(" ")
        )),
    )
}

/// Reads and checks a country folder's readiness.toml alone, so that the
/// checklist can be worked on before the rest is complete: the results,
/// with the problems found outside `[answers]` and `[scores]` (such as an
/// assessment method not yet written), or every problem when the answers
/// or scores themselves cannot be read.
pub fn load_readiness(
    folder: &Path,
    framework: &Framework,
) -> Result<(Readiness, Diagnostics), Diagnostics> {
    if let Some(diagnostic) = not_a_folder(folder) {
        return Err(diagnostic.into());
    }
    let mut diagnostics = Diagnostics::default();
    let readiness = read(&folder.join(READINESS_FILE), &mut diagnostics)
        .and_then(|source| check_readiness(&source, framework, &mut diagnostics));
    let in_checklist = |d: &Diagnostic| {
        d.field.as_deref().is_none_or(|f| {
            ["answers", "scores"]
                .iter()
                .any(|s| f == *s || f.starts_with(&format!("{s}.")))
        })
    };
    match readiness {
        Some(readiness) if !diagnostics.0.iter().any(in_checklist) => Ok((readiness, diagnostics)),
        _ => Err(diagnostics),
    }
}

/// Checks a profile and readiness results already in memory (their paths are
/// used only in messages). Every problem in both is returned together.
pub fn check_texts(
    profile: &SourceFile,
    readiness: &SourceFile,
    framework: &Framework,
) -> Result<CountryInput, Diagnostics> {
    let folder = profile
        .path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    assemble(
        &folder,
        Some(profile),
        Some(readiness),
        framework,
        Diagnostics::default(),
    )
}

fn assemble(
    folder: &Path,
    profile_source: Option<&SourceFile>,
    readiness_source: Option<&SourceFile>,
    framework: &Framework,
    mut diagnostics: Diagnostics,
) -> Result<CountryInput, Diagnostics> {
    let profile =
        profile_source.and_then(|source| check_profile(source, framework, &mut diagnostics));
    let readiness =
        readiness_source.and_then(|source| check_readiness(source, framework, &mut diagnostics));

    match (profile, readiness) {
        (Some(profile), Some(mut readiness)) if diagnostics.is_empty() => {
            let profile::Profile {
                country,
                plan,
                context,
                in_place,
                warnings,
            } = profile;
            let reference = crate::reference::Reference::builtin();
            let benchmark = reference.benchmark(&country.iso3);
            // No published values given: take them from the reference data, marked as such.
            if readiness.indices.is_none()
                && let Some(latest) = benchmark.as_ref().and_then(|b| b.editions.last())
            {
                readiness.indices = Some(Indices {
                    from_reference: true,
                    year: latest.year,
                    egdi: Some(latest.egdi),
                    osi: Some(latest.osi),
                    hci: Some(latest.hci),
                    tii: Some(latest.tii),
                    epi: Some(latest.epi),
                });
            }
            Ok(CountryInput {
                folder: folder.to_path_buf(),
                country,
                plan,
                context,
                in_place,
                warnings,
                readiness,
                benchmark,
            })
        }
        _ => Err(diagnostics),
    }
}

fn read(path: &Path, diagnostics: &mut Diagnostics) -> Option<SourceFile> {
    let hint = "check the folder name; a country folder holds profile.toml and readiness.toml (the folders in samples/ show both)";
    match SourceFile::read_or(path, hint) {
        Ok(source) => Some(source),
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            None
        }
    }
}

/// The most characters a name or other one-line text may have, such as a
/// country's name, the lead institution or a system in `[in_place]`.
pub const MAX_NAME_CHARS: usize = 200;

/// The most characters a note may have: evidence behind a score, the
/// assessment's method and source.
pub const MAX_NOTE_CHARS: usize = 2000;

/// The years a date in the inputs may fall in.
pub const DATE_YEARS: RangeInclusive<u16> = 1900..=2200;

/// A whole number as written. One beyond what a computer's whole numbers
/// hold is kept at their largest (or smallest) value, so that its check
/// says it is too large rather than that it is not a whole number.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Whole(pub i64);

impl<'de> Deserialize<'de> for Whole {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Whole;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a whole number")
            }
            fn visit_i64<E>(self, v: i64) -> Result<Whole, E> {
                Ok(Whole(v))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Whole, E> {
                Ok(Whole(i64::try_from(v).unwrap_or(i64::MAX)))
            }
            fn visit_i128<E>(self, v: i128) -> Result<Whole, E> {
                Ok(Whole(v.clamp(i64::MIN.into(), i64::MAX.into()) as i64))
            }
            fn visit_u128<E>(self, v: u128) -> Result<Whole, E> {
                Ok(Whole(i64::try_from(v).unwrap_or(i64::MAX)))
            }
        }
        deserializer.deserialize_i64(Visitor)
    }
}

/// `[scores]` of readiness.toml as written: dimension -> score. Both the
/// scores and the checklist answers read it (a dimension is scored one way).
type RawScores = IndexMap<Spanned<String>, Spanned<f64>>;

/// Collects problems for one file.
struct Checker<'a> {
    source: &'a SourceFile,
    diagnostics: &'a mut Diagnostics,
}

impl Checker<'_> {
    fn error<T>(&mut self, at: &Spanned<T>, field: &str, message: String, hint: &str) {
        self.diagnostics.push(
            Diagnostic::at(self.source, at.span(), message)
                .with_field(field)
                .with_hint(hint),
        );
    }

    /// The value as written in the file, such as `1e308`, for messages.
    fn written<T>(&self, value: &Spanned<T>) -> String {
        let span = value.span();
        self.source
            .text
            .get(span)
            .map(|s| s.trim().to_string())
            .unwrap_or_default()
    }

    fn number(&mut self, value: &Spanned<f64>, field: &str, min: f64, max: f64, hint: &str) -> f64 {
        let v = *value.get_ref();
        if !v.is_finite() {
            self.error(value, field, format!("expected a number, found {v}"), hint);
        } else if v < min || v > max {
            let written = self.written(value);
            self.error(
                value,
                field,
                format!("{written} is out of range: expected {min} to {max}"),
                hint,
            );
        }
        // -0.0 is zero: read it as 0.0, so no plan shows "-0".
        if v == 0.0 { 0.0 } else { v }
    }

    /// Reports a whole number outside `range`, then brings it within, so
    /// that what depends on it can still be checked.
    fn whole_number(
        &mut self,
        value: &Spanned<Whole>,
        field: &str,
        range: RangeInclusive<i64>,
        expected: &str,
        hint: &str,
    ) -> i64 {
        let v = value.get_ref().0;
        if !range.contains(&v) {
            let written = self.written(value);
            let problem = match v {
                i64::MAX => "is too large",
                i64::MIN => "is too small",
                _ => "is out of range",
            };
            self.error(
                value,
                field,
                format!("{written} {problem}: expected {expected}"),
                hint,
            );
        }
        v.clamp(*range.start(), *range.end())
    }

    /// A name or other one-line text, trimmed; reported when empty.
    fn text(&mut self, value: &Spanned<String>, field: &str) -> String {
        let text = self.text_unchecked(value, field);
        self.allowed_text(value, field, MAX_NAME_CHARS, false);
        text
    }

    /// Optional text of at most `max` characters: left blank, it counts as
    /// not given.
    fn optional_text(
        &mut self,
        value: Option<&Spanned<String>>,
        field: &str,
        max: usize,
    ) -> Option<String> {
        let value = value?;
        let text = value.get_ref().trim().to_string();
        if text.is_empty() {
            return None;
        }
        self.allowed_text(value, field, max, max == MAX_NOTE_CHARS);
        Some(text)
    }

    /// A note, which may run over several lines.
    fn note(&mut self, value: &Spanned<String>, field: &str) -> String {
        let text = self.text_unchecked(value, field);
        self.allowed_text(value, field, MAX_NOTE_CHARS, true);
        text
    }

    fn text_unchecked(&mut self, value: &Spanned<String>, field: &str) -> String {
        let text = value.get_ref().trim().to_string();
        if text.is_empty() {
            self.error(
                value,
                field,
                "must not be empty".into(),
                "write the text between the quotes",
            );
        }
        text
    }

    /// Reports a text longer than `max` characters or holding a control
    /// character (a line break or tab only where `breaks` allows them);
    /// true when it is neither.
    fn allowed_text(
        &mut self,
        value: &Spanned<String>,
        field: &str,
        max: usize,
        breaks: bool,
    ) -> bool {
        let text = value.get_ref();
        let length = text.chars().count();
        if length > max {
            self.error(
                value,
                field,
                format!("the text is {length} characters long; at most {max} are accepted"),
                "shorten it; the plan's documents quote it in headings and tables",
            );
            return false;
        }
        let forbidden = crate::diagnostics::first_forbidden(text, breaks);
        if let Some(c) = forbidden {
            self.error(
                value,
                field,
                format!(
                    "the text holds {}",
                    crate::diagnostics::forbidden_name(c)
                ),
                "remove it: control characters (escape, NUL, line breaks and the like) cannot appear in a plan; retype the text if you cannot see it",
            );
            return false;
        }
        true
    }

    /// The framework's dimension that `key` names in `table`, or a report
    /// that the framework has none by that name.
    fn dimension<'f>(
        &mut self,
        framework: &'f Framework,
        key: &Spanned<String>,
        table: &str,
    ) -> Option<&'f Dimension> {
        let found = framework.dimension(key.get_ref());
        if found.is_none() {
            let dimension_ids: Vec<&str> = framework
                .dimensions
                .iter()
                .map(|d| d.id.name.as_str())
                .collect();
            let mut d = unknown_key(
                self.source,
                key.span(),
                key.get_ref(),
                &dimension_ids,
                Some(table),
            );
            d.message = format!(
                "`{}` is not a readiness dimension of the framework",
                key.get_ref()
            );
            let close =
                crate::diagnostics::did_you_mean(key.get_ref(), dimension_ids.iter().copied());
            if close.is_none() && framework.folder.is_none() {
                d.hint = d.hint.map(|h| format!("{h}; {ANOTHER_FRAMEWORK}"));
            }
            self.diagnostics.push(d);
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(question: &str, answer: u8, highest: u8) -> ChecklistAnswer {
        ChecklistAnswer {
            question: question.into(),
            answer,
            highest,
        }
    }

    #[test]
    fn a_checklist_score_is_the_mean_share_of_the_strongest_answer_times_five() {
        let score = ChecklistScore::from_answers(
            vec![answer("a", 1, 3), answer("b", 1, 3), answer("c", 2, 3)],
            vec!["d".into()],
        );
        assert_eq!(score.score, 2.2);
        assert_eq!(
            score.working(),
            "3 of 4 questions answered: (1/3 + 1/3 + 2/3) / 3 x 5 = 2.2"
        );
        // Questions with different numbers of answers weigh the same.
        let mixed =
            ChecklistScore::from_answers(vec![answer("a", 1, 1), answer("b", 0, 5)], vec![]);
        assert_eq!(mixed.score, 2.5);
        let top = ChecklistScore::from_answers(vec![answer("a", 3, 3)], vec![]);
        assert_eq!(top.score, 5.0);
    }
}
