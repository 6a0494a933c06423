//! A country folder: `profile.toml` and `readiness.toml`, read and checked.
//!
//! Reading keeps positions; checking collects every problem in both files
//! before giving up, so a ministry fixes its folder in one pass.

use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile, did_you_mean};
use crate::framework::Framework;
use crate::tomldoc::{TomlDoc, unknown_key};
use crate::vocabulary::{CountryGroup, FactValue, IncomeGroup, index_value};

pub const PROFILE_FILE: &str = "profile.toml";
pub const READINESS_FILE: &str = "readiness.toml";

// ---------------------------------------------------------------------------
// What the files hold, as written.

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCountry {
    name: Spanned<String>,
    #[serde(default)]
    short_name: Option<Spanned<String>>,
    iso3: Spanned<String>,
    #[serde(default)]
    region: Option<String>,
    #[serde(default)]
    groups: Vec<Spanned<CountryGroup>>,
    #[serde(default)]
    income_group: Option<IncomeGroup>,
    #[serde(default)]
    population_millions: Option<Spanned<f64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlan {
    start_year: Spanned<i64>,
    #[serde(default)]
    horizon_years: Option<Spanned<i64>>,
    lead_institution: Spanned<String>,
    #[serde(default)]
    sponsor: Option<String>,
    #[serde(default)]
    budget_usd_millions: Option<Spanned<f64>>,
    #[serde(default)]
    external_financing_share: Option<Spanned<f64>>,
    #[serde(default)]
    priority_sectors: Vec<Spanned<String>>,
    #[serde(default)]
    sdg_focus: Vec<Spanned<i64>>,
    #[serde(default)]
    hazards: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContext {
    #[serde(default)]
    digital_id: Option<DigitalId>,
    #[serde(default)]
    data_protection_law: Option<bool>,
    #[serde(default)]
    e_transactions_law: Option<bool>,
    #[serde(default)]
    cybersecurity_strategy: Option<bool>,
    #[serde(default)]
    interoperability_framework: Option<bool>,
    #[serde(default)]
    government_cloud: Option<bool>,
    #[serde(default)]
    national_portal: Option<bool>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
enum DigitalId {
    None,
    Partial,
    Nationwide,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAssessment {
    date: Spanned<toml::value::Datetime>,
    method: Spanned<String>,
    #[serde(default)]
    source: Option<String>,
    /// Scores computed from published indices by `init --from-egdi`,
    /// not measured: the documents must not call them an assessment.
    #[serde(default)]
    derived_from_indices: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndices {
    #[serde(default)]
    egdi_year: Option<Spanned<i64>>,
    #[serde(default)]
    egdi: Option<Spanned<f64>>,
    #[serde(default)]
    osi: Option<Spanned<f64>>,
    #[serde(default)]
    hci: Option<Spanned<f64>>,
    #[serde(default)]
    tii: Option<Spanned<f64>>,
    #[serde(default)]
    epi: Option<Spanned<f64>>,
}

// ---------------------------------------------------------------------------
// What the engine receives: checked values, no positions.

#[derive(Debug, Clone, Serialize)]
pub struct Country {
    pub name: String,
    pub short_name: Option<String>,
    pub iso3: String,
    pub region: Option<String>,
    pub groups: Vec<CountryGroup>,
    /// `None` when the profile does not state it.
    pub income_group: Option<IncomeGroup>,
    /// `None` when the profile does not state it.
    pub population_millions: Option<f64>,
}

impl Country {
    /// The name used in running text.
    pub fn display_name(&self) -> &str {
        self.short_name.as_deref().unwrap_or(&self.name)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PlanSettings {
    pub start_year: i32,
    pub horizon_years: u32,
    pub lead_institution: String,
    pub sponsor: Option<String>,
    pub budget_usd_millions: Option<f64>,
    pub external_financing_share: Option<f64>,
    pub priority_sectors: Vec<String>,
    pub sdg_focus: Vec<u8>,
    pub hazards: Vec<String>,
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
    pub readiness: Readiness,
    /// The country's published figures and peers' averages, from the
    /// reference data shipped with dgplan (None if the survey does not cover it).
    pub benchmark: Option<crate::reference::Benchmark>,
}

/// Reads and checks a country folder against the framework's vocabulary.
/// Every problem in both files is returned together.
pub fn load_country(folder: &Path, framework: &Framework) -> Result<CountryInput, Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    if !folder.is_dir() {
        let hint = if folder.extension().is_some_and(|e| e == "toml") {
            "give the folder that holds the file, not the file itself"
        } else {
            "give a country folder holding profile.toml and readiness.toml; copy one from samples/ to start"
        };
        return Err(Diagnostic::file(folder, "not a folder")
            .with_hint(hint)
            .into());
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

/// Reads and checks a country folder's readiness.toml alone, so that the
/// checklist can be worked on before the profile is complete.
pub fn load_readiness(folder: &Path, framework: &Framework) -> Result<Readiness, Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    let readiness = read(&folder.join(READINESS_FILE), &mut diagnostics)
        .and_then(|source| check_readiness(&source, framework, &mut diagnostics));
    match readiness {
        Some(readiness) if diagnostics.is_empty() => Ok(readiness),
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
        (Some((country, plan, context)), Some(mut readiness)) if diagnostics.is_empty() => {
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
                readiness,
                benchmark,
            })
        }
        _ => Err(diagnostics),
    }
}

fn read(path: &Path, diagnostics: &mut Diagnostics) -> Option<SourceFile> {
    match SourceFile::read(path) {
        Ok(source) => Some(source),
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            None
        }
    }
}

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

    fn number(&mut self, value: &Spanned<f64>, field: &str, min: f64, max: f64, hint: &str) -> f64 {
        let v = *value.get_ref();
        if !v.is_finite() {
            self.error(value, field, format!("expected a number, found {v}"), hint);
        } else if v < min || v > max {
            self.error(
                value,
                field,
                format!("{v} is out of range: expected {min} to {max}"),
                hint,
            );
        }
        v
    }

    fn text(&mut self, value: &Spanned<String>, field: &str) -> String {
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

    /// Checks words against a vocabulary, reporting unknown and repeated ones.
    fn words(&mut self, values: &[Spanned<String>], field: &str, known: &[String]) -> Vec<String> {
        let mut seen: Vec<String> = Vec::new();
        for value in values {
            let word = value.get_ref().trim().to_lowercase();
            if !known.contains(&word) {
                let listed = known.join(", ");
                let hint = match did_you_mean(&word, known.iter().map(String::as_str)) {
                    Some(s) => format!("did you mean \"{s}\"? Known values: {listed}"),
                    None => format!(
                        "known values: {listed}; to add one, add it to the framework's vocabulary"
                    ),
                };
                self.error(
                    value,
                    field,
                    format!("unknown value \"{}\"", value.get_ref()),
                    &hint,
                );
            } else if seen.contains(&word) {
                self.error(
                    value,
                    field,
                    format!("\"{word}\" is listed twice"),
                    "list each value once",
                );
            } else {
                seen.push(word);
            }
        }
        seen
    }
}

fn check_profile(
    source: &SourceFile,
    framework: &Framework,
    diagnostics: &mut Diagnostics,
) -> Option<(Country, PlanSettings, IndexMap<String, FactValue>)> {
    let doc = match TomlDoc::parse(source) {
        Ok(doc) => doc,
        Err(errors) => {
            diagnostics.extend(errors);
            return None;
        }
    };
    doc.check_sections(&["country", "plan", "context"], diagnostics);
    let raw_country: Option<RawCountry> = doc.section("country", true, diagnostics);
    let raw_plan: Option<RawPlan> = doc.section("plan", true, diagnostics);
    let raw_context: Option<RawContext> = doc.section("context", false, diagnostics);
    let context_ok = raw_context.is_some() || !doc.has("context");

    let mut check = Checker {
        source,
        diagnostics,
    };
    let country = raw_country.map(|raw| check_country(raw, &mut check));
    let plan = raw_plan.map(|raw| check_plan(raw, framework, &mut check));
    let context = raw_context.map(context_facts).unwrap_or_default();
    match (country, plan, context_ok) {
        (Some(country), Some(plan), true) => Some((country, plan, context)),
        _ => None,
    }
}

fn check_country(raw: RawCountry, check: &mut Checker) -> Country {
    let name = check.text(&raw.name, "country.name");
    let short_name = raw
        .short_name
        .as_ref()
        .map(|s| check.text(s, "country.short_name"));
    let iso3 = raw.iso3.get_ref().trim().to_string();
    if rust_iso3166::from_alpha3(&iso3).is_none() {
        let upper = iso3.to_uppercase();
        let hint = if upper != iso3 && rust_iso3166::from_alpha3(&upper).is_some() {
            format!("write the code in capitals: \"{upper}\"")
        } else {
            "use the country's three-letter ISO 3166-1 alpha-3 code, such as \"LAO\" for Lao PDR or \"FJI\" for Fiji".into()
        };
        check.error(
            &raw.iso3,
            "country.iso3",
            format!("\"{iso3}\" is not an ISO 3166-1 alpha-3 country code"),
            &hint,
        );
    }
    let mut groups = Vec::new();
    for group in &raw.groups {
        if groups.contains(group.get_ref()) {
            check.error(
                group,
                "country.groups",
                format!("\"{}\" is listed twice", group.get_ref().code()),
                "list each group once",
            );
        } else {
            groups.push(*group.get_ref());
        }
    }
    groups.sort();
    let population_millions = raw.population_millions.as_ref().map(|p| {
        check.number(
            p,
            "country.population_millions",
            0.001,
            2000.0,
            "give the population in millions, such as 7.6 for 7.6 million people",
        )
    });
    // A profile that names no region gets its UN sub-region, so the
    // document never says "not stated" for a fact we know.
    let region = raw
        .region
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty())
        .or_else(|| crate::reference::sub_region_of(&iso3).map(str::to_string));
    Country {
        name,
        short_name,
        iso3,
        region,
        groups,
        income_group: raw.income_group,
        population_millions,
    }
}

fn check_plan(raw: RawPlan, framework: &Framework, check: &mut Checker) -> PlanSettings {
    let start_year = *raw.start_year.get_ref();
    if !(2000..=2100).contains(&start_year) {
        check.error(
            &raw.start_year,
            "plan.start_year",
            format!("{start_year} is out of range: expected a year from 2000 to 2100"),
            "give the first calendar year of the plan, such as 2026",
        );
    }
    let horizon_years = match &raw.horizon_years {
        Some(h) => {
            let years = *h.get_ref();
            if !(3..=15).contains(&years) {
                check.error(
                    h,
                    "plan.horizon_years",
                    format!("{years} is out of range: expected 3 to 15 years"),
                    "national plans usually run 3 to 5 years; leave it out to use 5",
                );
            }
            years.clamp(3, 15) as u32
        }
        None => DEFAULT_HORIZON_YEARS,
    };
    let lead_institution = check.text(&raw.lead_institution, "plan.lead_institution");
    let budget_usd_millions = raw.budget_usd_millions.as_ref().map(|b| {
        check.number(
            b,
            "plan.budget_usd_millions",
            0.0,
            1.0e6,
            "give the envelope for the whole plan in millions of US dollars, such as 85.0; leave it out if unknown",
        )
    });
    let external_financing_share = raw.external_financing_share.as_ref().map(|s| {
        check.number(
            s,
            "plan.external_financing_share",
            0.0,
            1.0,
            "give a share between 0 and 1, such as 0.45 for 45% from development partners",
        )
    });
    let priority_sectors = check.words(
        &raw.priority_sectors,
        "plan.priority_sectors",
        &framework.vocabulary.sectors,
    );
    let hazards = check.words(&raw.hazards, "plan.hazards", &framework.vocabulary.hazards);
    let mut sdg_focus: Vec<u8> = Vec::new();
    for goal in &raw.sdg_focus {
        let g = *goal.get_ref();
        if !(1..=17).contains(&g) {
            check.error(
                goal,
                "plan.sdg_focus",
                format!("{g} is not a Sustainable Development Goal: expected 1 to 17"),
                "list goal numbers, such as [9, 16, 17]",
            );
        } else if sdg_focus.contains(&(g as u8)) {
            check.error(
                goal,
                "plan.sdg_focus",
                format!("SDG {g} is listed twice"),
                "list each goal once",
            );
        } else {
            sdg_focus.push(g as u8);
        }
    }
    PlanSettings {
        start_year: start_year.clamp(2000, 2100) as i32,
        horizon_years,
        lead_institution,
        sponsor: raw
            .sponsor
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        budget_usd_millions,
        external_financing_share,
        priority_sectors,
        sdg_focus,
        hazards,
    }
}

fn context_facts(raw: RawContext) -> IndexMap<String, FactValue> {
    let digital_id = raw.digital_id.map(|d| {
        FactValue::Text(
            match d {
                DigitalId::None => "none",
                DigitalId::Partial => "partial",
                DigitalId::Nationwide => "nationwide",
            }
            .into(),
        )
    });
    let flags = [
        ("digital_id", digital_id),
        (
            "data_protection_law",
            raw.data_protection_law.map(FactValue::Bool),
        ),
        (
            "e_transactions_law",
            raw.e_transactions_law.map(FactValue::Bool),
        ),
        (
            "cybersecurity_strategy",
            raw.cybersecurity_strategy.map(FactValue::Bool),
        ),
        (
            "interoperability_framework",
            raw.interoperability_framework.map(FactValue::Bool),
        ),
        (
            "government_cloud",
            raw.government_cloud.map(FactValue::Bool),
        ),
        ("national_portal", raw.national_portal.map(FactValue::Bool)),
    ];
    flags
        .into_iter()
        .filter_map(|(name, value)| value.map(|v| (name.to_string(), v)))
        .collect()
}

fn check_readiness(
    source: &SourceFile,
    framework: &Framework,
    diagnostics: &mut Diagnostics,
) -> Option<Readiness> {
    let doc = match TomlDoc::parse(source) {
        Ok(doc) => doc,
        Err(errors) => {
            diagnostics.extend(errors);
            return None;
        }
    };
    doc.check_sections(
        &["assessment", "scores", "answers", "evidence", "indices"],
        diagnostics,
    );
    let raw_assessment: Option<RawAssessment> = doc.section("assessment", true, diagnostics);
    // Scores may come from checklist answers instead; one of the two is needed.
    let raw_scores: Option<IndexMap<Spanned<String>, Spanned<f64>>> = if doc.has("answers") {
        doc.section("scores", false, diagnostics)
            .or_else(|| (!doc.has("scores")).then(IndexMap::new))
    } else {
        let before = diagnostics.len();
        let scores = doc.section("scores", true, diagnostics);
        for d in &mut diagnostics.0[before..] {
            if d.message.contains("is missing") {
                d.hint = Some(
                    "add a `[scores]` section with a score from 0 to 5 per dimension assessed, \
                     or an `[answers]` section with the readiness checklist's answers \
                     (`dgplan init` writes both, commented)"
                        .into(),
                );
            }
        }
        scores
    };
    let before = diagnostics.len();
    let raw_answers: Option<RawAnswers> = doc.section("answers", false, diagnostics);
    for d in diagnostics.0[before..]
        .iter_mut()
        .filter(|d| d.hint.is_none())
    {
        d.hint = Some(
            "answer each question on its own line as DIMENSION.QUESTION = NUMBER, such as \
             `leadership.sponsor = 2`; `dgplan assess` lists the questions and their answers"
                .into(),
        );
    }
    let raw_evidence: Option<IndexMap<Spanned<String>, Spanned<String>>> =
        doc.section("evidence", false, diagnostics);
    let raw_indices: Option<RawIndices> = doc.section("indices", false, diagnostics);
    let optional_ok = (raw_evidence.is_some() || !doc.has("evidence"))
        && (raw_indices.is_some() || !doc.has("indices"))
        && (raw_answers.is_some() || !doc.has("answers"));

    let dimension_ids: Vec<&str> = framework
        .dimensions
        .iter()
        .map(|d| d.id.name.as_str())
        .collect();
    let mut check = Checker {
        source,
        diagnostics,
    };

    let assessment = raw_assessment.map(|raw| {
        let date = raw.date.get_ref();
        if date.date.is_none() || date.offset.is_some() {
            check.error(
                &raw.date,
                "assessment.date",
                format!("{date} is not a calendar date"),
                "write the date without quotes as YYYY-MM-DD, such as 2026-05-01",
            );
        }
        Assessment {
            date: date.date.map(|d| d.to_string()).unwrap_or_default(),
            method: check.text(&raw.method, "assessment.method"),
            source: raw
                .source
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty()),
            derived_from_indices: raw.derived_from_indices,
        }
    });

    let check_dimension = |key: &Spanned<String>, table: &str, check: &mut Checker| -> bool {
        if dimension_ids.contains(&key.get_ref().as_str()) {
            return true;
        }
        let mut d = unknown_key(
            source,
            key.span(),
            key.get_ref(),
            &dimension_ids,
            Some(table),
        );
        d.message = format!(
            "`{}` is not a readiness dimension of the framework",
            key.get_ref()
        );
        check.diagnostics.push(d);
        false
    };

    let checklist = check_answers(
        raw_answers.as_ref(),
        raw_scores.as_ref(),
        framework,
        &mut check,
    );

    let scores = raw_scores.map(|raw| {
        let mut scores: IndexMap<String, f64> = checklist
            .iter()
            .map(|(dimension, derived)| (dimension.clone(), derived.score))
            .collect();
        for (key, value) in &raw {
            let score = check.number(
                value,
                &format!("scores.{}", key.get_ref()),
                0.0,
                5.0,
                "scores run from 0 (absent) to 5 (leading); leave a dimension out if it was not assessed",
            );
            if check_dimension(key, "scores", &mut check) {
                scores.insert(key.get_ref().clone(), score);
            }
        }
        // Keep the framework's order so every plan lists dimensions the same way.
        let mut ordered = IndexMap::new();
        for id in &dimension_ids {
            if let Some(score) = scores.get(*id) {
                ordered.insert(id.to_string(), *score);
            }
        }
        ordered
    });

    let mut evidence = IndexMap::new();
    for (key, value) in raw_evidence.iter().flatten() {
        let text = check.text(value, &format!("evidence.{}", key.get_ref()));
        if check_dimension(key, "evidence", &mut check) {
            evidence.insert(key.get_ref().clone(), text);
        }
    }

    let indices = raw_indices.and_then(|raw| check_indices(raw, &mut check, source));

    match (assessment, scores, optional_ok) {
        (Some(assessment), Some(scores), true) => Some(Readiness {
            assessment,
            scores,
            checklist,
            evidence,
            indices,
        }),
        _ => None,
    }
}

/// `[answers]` as written: dimension -> question -> answer number.
type RawAnswers = IndexMap<Spanned<String>, IndexMap<Spanned<String>, Spanned<i64>>>;

/// Checks checklist answers against the framework's questions and derives a
/// score for each dimension answered, in the framework's order.
fn check_answers(
    raw: Option<&RawAnswers>,
    scores: Option<&IndexMap<Spanned<String>, Spanned<f64>>>,
    framework: &Framework,
    check: &mut Checker,
) -> IndexMap<String, ChecklistScore> {
    let mut given: IndexMap<String, IndexMap<String, u8>> = IndexMap::new();
    let dimension_ids: Vec<&str> = framework
        .dimensions
        .iter()
        .map(|d| d.id.name.as_str())
        .collect();
    for (dimension_key, answers) in raw.into_iter().flatten() {
        let Some(dimension) = framework.dimension(dimension_key.get_ref()) else {
            let mut d = unknown_key(
                check.source,
                dimension_key.span(),
                dimension_key.get_ref(),
                &dimension_ids,
                Some("answers"),
            );
            d.message = format!(
                "`{}` is not a readiness dimension of the framework",
                dimension_key.get_ref()
            );
            check.diagnostics.push(d);
            continue;
        };
        if scores.is_some_and(|s| s.keys().any(|k| k.get_ref() == dimension_key.get_ref())) {
            check.error(
                dimension_key,
                &format!("answers.{}", dimension_key.get_ref()),
                format!(
                    "`{}` has both a score in [scores] and checklist answers",
                    dimension_key.get_ref()
                ),
                "keep one: delete the score to use the answers, or delete the answers to keep the score",
            );
            continue;
        }
        let question_ids: Vec<&str> = dimension.questions.iter().map(|q| &*q.id).collect();
        let entry = given.entry(dimension.id.name.clone()).or_default();
        for (question_key, answer) in answers {
            let field = format!(
                "answers.{}.{}",
                dimension_key.get_ref(),
                question_key.get_ref()
            );
            let Some(question) = dimension.question(question_key.get_ref()) else {
                let mut d = unknown_key(
                    check.source,
                    question_key.span(),
                    question_key.get_ref(),
                    &question_ids,
                    Some(&format!("answers.{}", dimension_key.get_ref())),
                );
                d.message = format!(
                    "`{}` is not a checklist question of `{}`",
                    question_key.get_ref(),
                    dimension_key.get_ref()
                );
                check.diagnostics.push(d.with_field(field));
                continue;
            };
            let highest = question.answers.len().saturating_sub(1) as i64;
            let value = *answer.get_ref();
            if !(0..=highest).contains(&value) {
                let options: Vec<String> = question
                    .answers
                    .iter()
                    .enumerate()
                    .map(|(i, a)| format!("{i} = {a}"))
                    .collect();
                check.error(
                    answer,
                    &field,
                    format!(
                        "{value} is not an answer: expected a whole number from 0 to {highest}"
                    ),
                    &format!("\"{}\" {}", question.ask, options.join(" ")),
                );
                continue;
            }
            entry.insert(question.id.name.clone(), value as u8);
        }
    }
    framework
        .dimensions
        .iter()
        .filter_map(|dimension| {
            let answers = given.get(&dimension.id.name).filter(|a| !a.is_empty())?;
            let mut answered = Vec::new();
            let mut unanswered = Vec::new();
            for question in &dimension.questions {
                match answers.get(&question.id.name) {
                    Some(&answer) => answered.push(ChecklistAnswer {
                        question: question.id.name.clone(),
                        answer,
                        highest: question.answers.len().saturating_sub(1) as u8,
                    }),
                    None => unanswered.push(question.id.name.clone()),
                }
            }
            Some((
                dimension.id.name.clone(),
                ChecklistScore::from_answers(answered, unanswered),
            ))
        })
        .collect()
}

fn check_indices(raw: RawIndices, check: &mut Checker, source: &SourceFile) -> Option<Indices> {
    let mut value = |v: &Option<Spanned<f64>>, name: &str| {
        v.as_ref().map(|v| {
            check.number(
                v,
                &format!("indices.{name}"),
                0.0,
                1.0,
                "UN E-Government Survey indices run from 0 to 1, such as 0.4404",
            )
        })
    };
    let egdi = value(&raw.egdi, "egdi");
    let osi = value(&raw.osi, "osi");
    let hci = value(&raw.hci, "hci");
    let tii = value(&raw.tii, "tii");
    let epi = value(&raw.epi, "epi");
    let any = [egdi, osi, hci, tii, epi].iter().any(Option::is_some);
    let year = match &raw.egdi_year {
        Some(y) => {
            let year = *y.get_ref();
            if !(2001..=2100).contains(&year) {
                check.error(
                    y,
                    "indices.egdi_year",
                    format!("{year} is not a UN E-Government Survey edition year"),
                    "give the edition the values come from, such as 2024",
                );
            }
            year as i32
        }
        None if any => {
            check.diagnostics.push(
                Diagnostic::file(
                    &source.path,
                    "index values are given without the survey year",
                )
                .with_field("indices.egdi_year")
                .with_hint(
                    "add `egdi_year = 2024` (the edition the values come from) to [indices]",
                ),
            );
            0
        }
        None => return None,
    };
    Some(Indices {
        from_reference: false,
        year,
        egdi,
        osi,
        hci,
        tii,
        epi,
    })
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

    fn readiness_problems(answers: &str) -> Vec<String> {
        let framework = Framework::builtin().unwrap();
        let profile = SourceFile::new(
            "profile.toml",
            "[country]\nname = \"Fiji\"\niso3 = \"FJI\"\n[plan]\nstart_year = 2027\nlead_institution = \"Ministry\"\n",
        );
        let readiness = SourceFile::new(
            "readiness.toml",
            format!(
                "[assessment]\ndate = 2026-05-01\nmethod = \"Workshop\"\n[scores]\nleadership = 2.0\n[answers]\n{answers}"
            ),
        );
        match check_texts(&profile, &readiness, &framework) {
            Ok(_) => Vec::new(),
            Err(errors) => errors.iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn unknown_questions_and_dimensions_are_named_with_what_is_allowed() {
        let problems = readiness_problems("resilience.bakup = 1\nresilence.backup = 1\n");
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            problems[0].contains("readiness.toml:7:12"),
            "{}",
            problems[0]
        );
        assert!(problems[0].contains("`bakup` is not a checklist question of `resilience`"));
        assert!(
            problems[0].contains("did you mean `backup`?"),
            "{}",
            problems[0]
        );
        assert!(problems[1].contains("`resilence` is not a readiness dimension"));
    }

    #[test]
    fn a_file_with_neither_scores_nor_answers_is_told_of_both() {
        let framework = Framework::builtin().unwrap();
        let mut diagnostics = Diagnostics::default();
        let source = SourceFile::new(
            "readiness.toml",
            "[assessment]\ndate = 2026-05-01\nmethod = \"Workshop\"\n",
        );
        assert!(check_readiness(&source, &framework, &mut diagnostics).is_none());
        let hint = diagnostics.0[0].hint.as_deref().unwrap_or_default();
        assert!(
            hint.contains("[scores]") && hint.contains("[answers]"),
            "{hint}"
        );
        // Answers alone are enough.
        let mut diagnostics = Diagnostics::default();
        let source = SourceFile::new(
            "readiness.toml",
            "[assessment]\ndate = 2026-05-01\nmethod = \"Workshop\"\n[answers]\nleadership.sponsor = 3\n",
        );
        let readiness = check_readiness(&source, &framework, &mut diagnostics).unwrap();
        assert_eq!(readiness.scores.get("leadership"), Some(&5.0));
        assert_eq!(readiness.checklist["leadership"].unanswered.len(), 3);
    }

    #[test]
    fn answers_derive_scores_beside_direct_ones() {
        assert!(
            readiness_problems("resilience.backup = 3\nresilience.continuity = 0\n").is_empty()
        );
        let problems = readiness_problems("resilience = 2\n");
        assert!(problems[0].contains("expected a table"), "{problems:?}");
        assert!(
            problems[0].contains("DIMENSION.QUESTION = NUMBER"),
            "{problems:?}"
        );
        let problems = readiness_problems("resilience.backup = -1\n");
        assert!(problems[0].contains("-1 is not an answer"), "{problems:?}");
    }
}
