//! Comparing plans across countries, and versions of one country's plan.
//!
//! Pure: plans in, one [`Comparison`] out. When several plans share an ISO
//! code they are versions of one country's plan: the cross-country sections
//! use the latest, and a change report lists what moved between consecutive
//! versions and why.
//!
//! A comparison is built in stages, one module each, in this order; each
//! reads only what the stages before it produced:
//!
//! 1. `index`: version order, the latest plan per country, notes, and the
//!    dimension and pillar lists;
//! 2. `readiness`: country and readiness rows, strongest and weakest,
//!    group averages;
//! 3. `components`: where each component stands in each plan, common and
//!    unique components;
//! 4. `costs`: milestones, timelines, costs and KPI targets;
//! 5. `narratives`: what sets each plan apart;
//! 6. `changes`: change reports between versions of one country's plan;
//! 7. `versions`: when every plan is a version of one country's plan, the
//!    versions side by side. Such a comparison is a change report: it has
//!    no rankings, group averages or "what sets each plan apart".
//!
//! `cells` holds how a fact reads in a cell and the shape of every matrix
//! table; `inputs` how a changed input reads; [`to_csv`] writes the result
//! as CSV.

use serde::{Deserialize, Serialize};

use crate::plan::Plan;

mod cells;
mod changes;
mod components;
mod costs;
mod csv;
mod index;
mod inputs;
pub mod names;
mod narratives;
mod readiness;
mod versions;

pub use self::csv::to_csv;

/// Identifies the shape of `comparison.json`.
pub const COMPARISON_SCHEMA: &str = "dgplan-comparison/1";

/// Countries per table in wide matrices, so that each table fits a page.
pub const COUNTRIES_PER_TABLE: usize = 8;

/// A plan and where it came from (a folder or a plan.json file).
pub struct ComparedPlan {
    /// Where the plan was read from, as given. The documents never show it
    /// (see `cells::drafted`); the CSV's `input` column gives its last part,
    /// the folder or file name, so that versions can be told apart.
    pub label: String,
    pub plan: Plan,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Comparison {
    pub schema: String,
    /// The language the comparison is written in (`compare --language`).
    #[serde(default)]
    pub language: crate::language::Language,
    pub generated_on: String,
    /// The document's title and subtitle: a comparison of countries, or of
    /// versions of one country's plan.
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub subtitle: String,
    /// Set when every plan is a version of one country's plan: the versions
    /// side by side. The document is then a change report.
    #[serde(default)]
    pub versions: Option<VersionSet>,
    /// Warnings a reader must know: different frameworks or dates.
    pub notes: Vec<String>,
    pub countries: Vec<CountryRow>,
    pub dimensions: Vec<Named>,
    pub readiness: Vec<ReadinessRow>,
    /// Readiness matrix, dimensions down and countries across, split into groups of countries.
    pub readiness_tables: Vec<Table>,
    pub dimension_extremes: Vec<Extreme>,
    pub group_averages: Vec<GroupAverage>,
    /// Group averages, dimensions down and groups across.
    pub group_table: Table,
    pub components: Vec<ComponentRow>,
    /// Component tables split into groups of countries that fit a page.
    pub component_tables: Vec<Table>,
    pub common: Vec<Named>,
    pub unique: Vec<Unique>,
    pub milestones: Vec<Named>,
    pub timelines: Vec<TimelineRow>,
    pub pillars: Vec<Named>,
    pub costs: Vec<CostRow>,
    pub kpi_tables: Vec<Table>,
    pub narratives: Vec<Narrative>,
    pub changes: Vec<ChangeReport>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Named {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CountryRow {
    pub iso3: String,
    pub name: String,
    pub source: String,
    pub generated_on: String,
    pub framework: String,
    pub groups: String,
    pub income: String,
    pub population: String,
    pub horizon: String,
    pub envelope: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReadinessRow {
    pub iso3: String,
    pub name: String,
    pub scores: Vec<Option<f64>>,
    /// Scores as shown: "2.0" or "n/a" (not assessed).
    pub labels: Vec<String>,
    pub average: Option<f64>,
    pub average_label: String,
    pub egdi: Option<f64>,
    pub egdi_label: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Extreme {
    pub dimension: String,
    pub strongest: String,
    pub weakest: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GroupAverage {
    pub group: String,
    pub members: usize,
    pub average_label: String,
    pub egdi_label: String,
    pub labels: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ComponentRow {
    pub id: String,
    pub title: String,
    pub pillar: String,
    /// Per country, in country order: "Foundations, Q1 2026", "deferred",
    /// "in place" or "not selected".
    pub cells: Vec<String>,
    pub planned_in: usize,
}

/// A matrix for a group of countries: header and rows of labels.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Unique {
    pub id: String,
    pub title: String,
    pub country: String,
    /// The framework's rules that selected the component, by id: for the
    /// annex, not the main text.
    pub rules: String,
    /// Why, in the rules' own words.
    pub reason: String,
    /// The input values that decided, as the rules test them: for the annex.
    #[serde(default)]
    pub evidence: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TimelineRow {
    pub name: String,
    pub phases: String,
    /// Start of each key milestone, in `milestones` order.
    pub starts: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CostRow {
    pub iso3: String,
    pub name: String,
    pub total_usd_millions: f64,
    pub total: String,
    pub per_capita: String,
    pub envelope: String,
    /// Further money the unfunded pipeline needs, "none" or "n/a".
    pub gap: String,
    /// Running cost a year once the plan ends.
    pub recurrent: String,
    pub external_share: String,
    /// Cost per pillar, in `pillars` order.
    pub by_pillar: Vec<String>,
    pub models: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Narrative {
    pub name: String,
    pub text: String,
}

/// Versions of one country's plan, side by side.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VersionSet {
    pub country: String,
    pub count: usize,
    pub rows: Vec<VersionRow>,
    /// Dimensions down, versions across.
    pub readiness_table: Table,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VersionRow {
    /// "Version 1".
    pub version: String,
    /// "29 December 2026 by dgplan 0.1.0".
    pub drafted: String,
    pub framework: String,
    pub horizon: String,
    /// Components in the funded programme.
    pub components: usize,
    pub average_label: String,
    pub total: String,
    pub per_capita: String,
    pub envelope: String,
    pub gap: String,
    pub recurrent: String,
    pub external_share: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChangeReport {
    pub iso3: String,
    pub name: String,
    /// The version numbers compared: 1 and 2, then 2 and 3...
    #[serde(default)]
    pub from_version: usize,
    #[serde(default)]
    pub to_version: usize,
    /// "the plan drafted on 29 December 2026 by dgplan 0.1.0 (dgplan-default 1.0.0)".
    pub from: String,
    pub to: String,
    /// When and with what both versions were drafted, as the report says it.
    #[serde(default)]
    pub drafting: String,
    /// What the change comes to, in a sentence or two.
    #[serde(default)]
    pub headline: String,
    pub no_differences: bool,
    pub inputs: Vec<String>,
    pub readiness: Vec<String>,
    pub added: Vec<String>,
    pub dropped: Vec<String>,
    pub moved: Vec<String>,
    pub rules: Vec<String>,
    pub other: Vec<String>,
}

/// Builds the comparison. `inputs` may come in any order; they are sorted
/// in place into the comparison's order (ISO code, date, framework version).
pub fn compare(
    inputs: &mut [ComparedPlan],
    generated_on: &str,
    language: crate::language::Language,
) -> Comparison {
    let _language = crate::language::speaking(language);
    let index = index::index(inputs);
    let plans = &index.latest;
    let readiness = readiness::readiness_matrix(plans, &index.dimensions);
    let components = components::component_matrix(plans, &index.pillars);
    let delivery = costs::costs_and_timelines(plans, &index.pillars, &components.components);
    let versions = versions::version_set(index.versions, &index.dimensions, &index.pillars);
    // Versions of one plan are not set against each other as countries are.
    let narratives = match versions {
        Some(_) => Vec::new(),
        None => narratives::narratives(plans, &readiness.readiness, &components.unique),
    };
    let changes = changes::change_reports(index.versions);
    let (title, subtitle) = match &versions {
        Some(v) => (
            names::say("compare.document.versions_title", &[]),
            names::say(
                "compare.document.versions_subtitle",
                &[
                    ("count", &crate::words::count_word(v.count)),
                    ("country", &latest_in_text(index.versions)),
                ],
            ),
        ),
        None => (
            names::say("compare.document.title", &[]),
            names::say("compare.document.subtitle", &[]),
        ),
    };

    Comparison {
        language,
        schema: COMPARISON_SCHEMA.to_string(),
        generated_on: generated_on.to_string(),
        title,
        subtitle,
        versions,
        notes: index.notes,
        countries: readiness.countries,
        dimensions: index.dimensions,
        readiness: readiness.readiness,
        readiness_tables: readiness.readiness_tables,
        dimension_extremes: readiness.dimension_extremes,
        group_averages: readiness.group_averages,
        group_table: readiness.group_table,
        components: components.components,
        component_tables: components.component_tables,
        common: components.common,
        unique: components.unique,
        milestones: delivery.milestones,
        timelines: delivery.timelines,
        pillars: index.pillars,
        costs: delivery.costs,
        kpi_tables: delivery.kpi_tables,
        narratives,
        changes,
    }
}

/// The country of the latest version, as running text names it.
fn latest_in_text(versions: &[ComparedPlan]) -> String {
    versions
        .last()
        .map_or_else(String::new, |i| names::country_in_running_text(&i.plan))
}

/// Plans for the stages' tests, built from the sample countries.
#[cfg(test)]
mod fixtures {
    use std::path::Path;
    use std::sync::OnceLock;

    use super::ComparedPlan;
    use crate::engine::build_plan;
    use crate::framework::Framework;
    use crate::input::load_country;

    /// The plan for `samples/<folder>`, drafted on `generated_on`.
    pub(super) fn sample(folder: &str, generated_on: &str) -> ComparedPlan {
        static FRAMEWORK: OnceLock<Framework> = OnceLock::new();
        let framework = FRAMEWORK.get_or_init(|| Framework::builtin().expect("built-in framework"));
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("samples")
            .join(folder);
        let country = load_country(&path, framework).expect("sample loads");
        ComparedPlan {
            label: format!("samples/{folder}"),
            plan: build_plan(&country, framework, generated_on),
        }
    }

    /// A copy of `input` standing for another country.
    pub(super) fn renamed(input: &ComparedPlan, iso3: &str, name: &str) -> ComparedPlan {
        let mut plan = input.plan.clone();
        plan.country.iso3 = iso3.into();
        plan.country.display_name = name.into();
        ComparedPlan {
            label: name.into(),
            plan,
        }
    }
}
