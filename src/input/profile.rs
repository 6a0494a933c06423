//! profile.toml: the country, the plan's settings and what is already in place.

use indexmap::IndexMap;
use serde::Deserialize;
use toml::Spanned;

use super::{Checker, Country, DEFAULT_HORIZON_YEARS, PlanSettings, optional_text};
use crate::diagnostics::{Diagnostics, SourceFile};
use crate::framework::Framework;
use crate::tomldoc::TomlDoc;
use crate::vocabulary::{CountryGroup, FactValue, IncomeGroup};

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

/// Checks profile.toml: the country, the plan's settings and the `[context]`
/// facts, or `None` when any of them could not be read.
pub(super) fn check_profile(
    source: &SourceFile,
    framework: &Framework,
    diagnostics: &mut Diagnostics,
) -> Option<(Country, PlanSettings, IndexMap<String, FactValue>)> {
    let doc = TomlDoc::parse_reporting(source, diagnostics)?;
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
    let region = optional_text(raw.region)
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
    let start_year = check.whole_number(
        &raw.start_year,
        "plan.start_year",
        2000..=2100,
        "a year from 2000 to 2100",
        "give the first calendar year of the plan, such as 2026",
    ) as i32;
    let horizon_years = raw
        .horizon_years
        .as_ref()
        .map_or(DEFAULT_HORIZON_YEARS, |h| {
            check.whole_number(
                h,
                "plan.horizon_years",
                3..=15,
                "3 to 15 years",
                "national plans usually run 3 to 5 years; leave it out to use 5",
            ) as u32
        });
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
    let sdg_focus = check_sdg_focus(&raw.sdg_focus, check);
    PlanSettings {
        start_year,
        horizon_years,
        lead_institution,
        sponsor: optional_text(raw.sponsor),
        budget_usd_millions,
        budget_scale: 1.0,
        external_financing_share,
        priority_sectors,
        sdg_focus,
        hazards,
    }
}

/// The goals listed, each once; goals that do not exist are reported and left out.
fn check_sdg_focus(goals: &[Spanned<i64>], check: &mut Checker) -> Vec<u8> {
    let mut sdg_focus: Vec<u8> = Vec::new();
    for goal in goals {
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
    sdg_focus
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
