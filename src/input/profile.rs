//! profile.toml: the country, the plan's settings and what is already in place.

use indexmap::IndexMap;
use serde::Deserialize;
use toml::Spanned;

use super::currency::{RawMoney, check_money};
use super::{
    Checker, Country, DEFAULT_HORIZON_YEARS, DEFAULT_SUBNATIONAL_UNIT, MAX_NAME_CHARS,
    PlanSettings, Whole,
};
use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile, did_you_mean};
use crate::framework::{Framework, Word};
use crate::language::Language;
use crate::tomldoc::{TomlDoc, keys_of, unknown_key};
use crate::vocabulary::{CountryGroup, FactValue, IncomeGroup};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCountry {
    name: Spanned<String>,
    #[serde(default)]
    short_name: Option<Spanned<String>>,
    /// The name as running text uses it, with its article ("le Sénégal").
    #[serde(default)]
    in_text: Option<Spanned<String>>,
    iso3: Spanned<String>,
    #[serde(default)]
    region: Option<Spanned<String>>,
    #[serde(default)]
    groups: Vec<Spanned<CountryGroup>>,
    #[serde(default)]
    income_group: Option<IncomeGroup>,
    #[serde(default)]
    population_millions: Option<Spanned<f64>>,
    #[serde(default)]
    population_source: Option<Spanned<String>>,
    #[serde(default)]
    subnational_unit: Option<Spanned<String>>,
    #[serde(default)]
    subnational_unit_plural: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlan {
    start_year: Spanned<Whole>,
    #[serde(default)]
    horizon_years: Option<Spanned<Whole>>,
    lead_institution: Spanned<String>,
    #[serde(default)]
    lead_short: Option<Spanned<String>>,
    /// The plan's language: "en" (the default), "fr" or "es".
    #[serde(default)]
    language: Option<Spanned<String>>,
    #[serde(default)]
    sponsor: Option<Spanned<String>>,
    #[serde(default)]
    national_strategy: Option<Spanned<String>>,
    #[serde(default)]
    budget_usd_millions: Option<Spanned<f64>>,
    #[serde(default)]
    budget_local_millions: Option<Spanned<f64>>,
    #[serde(default)]
    currency: Option<Spanned<String>>,
    #[serde(default)]
    usd_rate: Option<Spanned<f64>>,
    #[serde(default)]
    usd_rate_date: Option<Spanned<toml::value::Datetime>>,
    #[serde(default)]
    external_financing_share: Option<Spanned<f64>>,
    #[serde(default)]
    priority_sectors: Vec<Spanned<String>>,
    #[serde(default)]
    sdg_focus: Vec<Spanned<Whole>>,
    #[serde(default)]
    hazards: Vec<Spanned<String>>,
    /// A framework folder, from the profile's folder, used when the
    /// command line names none (read before the profile, by
    /// [`super::named_framework`]; checked here).
    #[serde(default)]
    framework: Option<Spanned<String>>,
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

/// `[in_place]` as written: catalogue component id -> the name of what the
/// country already runs.
type RawInPlace = IndexMap<Spanned<String>, Spanned<String>>;

/// What profile.toml says, checked.
pub(super) struct Profile {
    pub country: Country,
    pub plan: PlanSettings,
    pub context: IndexMap<String, FactValue>,
    /// Component id -> the name of the institution or system in place.
    pub in_place: IndexMap<String, String>,
    /// What the plan accepts but the user should look at, such as a sector
    /// the framework does not know; each names its place in the file.
    pub warnings: Vec<String>,
}

/// Checks profile.toml: the country, the plan's settings, the `[context]`
/// facts and what is `[in_place]`, or `None` when any of them could not be read.
pub(super) fn check_profile(
    source: &SourceFile,
    framework: &Framework,
    diagnostics: &mut Diagnostics,
) -> Option<Profile> {
    let doc = TomlDoc::parse_reporting(source, diagnostics)?.with_layout(&[
        ("country", keys_of::<RawCountry>()),
        ("plan", keys_of::<RawPlan>()),
        ("context", keys_of::<RawContext>()),
    ]);
    doc.check_sections(&["country", "plan", "context", "in_place"], diagnostics);
    let raw_country: Option<RawCountry> = doc.section("country", true, diagnostics);
    let raw_plan: Option<RawPlan> = doc.section("plan", true, diagnostics);
    let raw_context: Option<RawContext> = doc.section("context", false, diagnostics);
    let context_ok = raw_context.is_some() || !doc.has("context");
    let raw_in_place: Option<RawInPlace> = doc.section("in_place", false, diagnostics);
    let in_place_ok = raw_in_place.is_some() || !doc.has("in_place");

    let mut check = Checker {
        source,
        diagnostics,
    };
    let mut warnings = Vec::new();
    // A folder that names a framework is not told to name one.
    let names_framework = raw_plan.as_ref().is_some_and(|p| p.framework.is_some());
    let country = raw_country.map(|raw| check_country(raw, &mut check));
    let plan = raw_plan.map(|raw| check_plan(raw, framework, &mut check, &mut warnings));
    let context = raw_context.map(context_facts).unwrap_or_default();
    let in_place = raw_in_place
        .map(|raw| check_in_place(&raw, framework, names_framework, &mut check))
        .unwrap_or_default();
    match (country, plan, context_ok && in_place_ok) {
        (Some(country), Some(plan), true) => Some(Profile {
            country,
            plan,
            context,
            in_place,
            warnings,
        }),
        _ => None,
    }
}

/// Each key names a catalogue component, each value what the country runs.
fn check_in_place(
    raw: &RawInPlace,
    framework: &Framework,
    names_framework: bool,
    check: &mut Checker,
) -> IndexMap<String, String> {
    let ids: Vec<&str> = framework.components.iter().map(|c| &*c.id).collect();
    let mut in_place = IndexMap::new();
    for (key, value) in raw {
        let id = key.get_ref().trim();
        if framework.component(id).is_none() {
            let mut d = unknown_key(check.source, key.span(), id, &ids, Some("in_place"));
            d.message = format!("`{id}` is not a component of the framework's catalogue");
            if did_you_mean(id, ids.iter().copied()).is_none() {
                let mut hint = "use a component id from the catalogue; `dgplan init` lists them with their titles".to_string();
                if framework.folder.is_none() && !names_framework {
                    hint = format!("{hint}; {}", super::ANOTHER_FRAMEWORK);
                }
                d.hint = Some(hint);
            }
            check.diagnostics.push(d);
            continue;
        }
        let name = check.text(value, &format!("in_place.{id}"));
        in_place.insert(id.to_string(), name);
    }
    in_place
}

/// The plural of a subnational unit's name when the profile gives none:
/// "county" -> "counties", "parish" -> "parishes", "province" -> "provinces".
pub fn plural_of(unit: &str) -> String {
    let vowel_before = |s: &str| {
        s.chars()
            .rev()
            .nth(1)
            .is_some_and(|c| "aeiou".contains(c.to_ascii_lowercase()))
    };
    if let Some(stem) = unit.strip_suffix('y')
        && !vowel_before(unit)
    {
        format!("{stem}ies")
    } else if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| unit.ends_with(e))
    {
        format!("{unit}es")
    } else {
        format!("{unit}s")
    }
}

fn check_country(raw: RawCountry, check: &mut Checker) -> Country {
    let name = check.text(&raw.name, "country.name");
    let short_name = raw
        .short_name
        .as_ref()
        .map(|s| check.text(s, "country.short_name"));
    let in_text = raw
        .in_text
        .as_ref()
        .map(|s| check.text(s, "country.in_text"));
    let iso3 = raw.iso3.get_ref().trim().to_string();
    if !crate::reference::is_iso3(&iso3) {
        let upper = iso3.to_uppercase();
        let meant = crate::reference::alpha3_hint(&iso3, |code| format!("iso3 = \"{code}\""));
        let hint = if upper != iso3 && crate::reference::is_iso3(&upper) {
            format!("write the code in capitals: \"{upper}\"")
        } else if let Some(meant) = meant {
            meant
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
            crate::ranges::MOST_POPULATION_MILLIONS,
            "give the population in millions, such as 7.6 for 7.6 million people",
        )
    });
    let population_source = check.optional_text(
        raw.population_source.as_ref(),
        "country.population_source",
        MAX_NAME_CHARS,
    );
    // A profile that names no region gets its UN sub-region, so the
    // document never says "not stated" for a fact we know.
    let region = check
        .optional_text(raw.region.as_ref(), "country.region", MAX_NAME_CHARS)
        .or_else(|| crate::reference::sub_region_of(&iso3).map(str::to_string));
    let subnational_unit = raw.subnational_unit.as_ref().map_or_else(
        || DEFAULT_SUBNATIONAL_UNIT.to_string(),
        |u| check.text(u, "country.subnational_unit"),
    );
    let subnational_unit_plural = raw.subnational_unit_plural.as_ref().map_or_else(
        || plural_of(&subnational_unit),
        |u| check.text(u, "country.subnational_unit_plural"),
    );
    Country {
        subnational_unit,
        subnational_unit_plural,
        name,
        short_name,
        in_text,
        iso3,
        region,
        groups,
        income_group: raw.income_group,
        population_millions,
        population_source,
    }
}

/// The lead institution a draft from public data writes until the user
/// names the real one; `check` and `generate` warn while it remains.
pub const LEAD_STAND_IN: &str = "[Name of lead institution]";

/// The warning while the stand-in remains; drafts made in memory for every
/// Member State leave it out, and the run says it once instead.
pub const STAND_IN_WARNING: &str = "this is the stand-in init wrote; write the institution's name";

fn check_plan(
    raw: RawPlan,
    framework: &Framework,
    check: &mut Checker,
    warnings: &mut Vec<String>,
) -> PlanSettings {
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
    if lead_institution == LEAD_STAND_IN {
        let d = Diagnostic::at(
            check.source,
            raw.lead_institution.span(),
            String::from(STAND_IN_WARNING),
        )
        .with_field("plan.lead_institution")
        .with_hint("until then the plan names the stand-in as the body accountable for delivery");
        warnings.push(d.without_severity());
    }
    let lead_short = raw
        .lead_short
        .as_ref()
        .map(|s| check.text(s, "plan.lead_short"));
    let money = check_money(
        &RawMoney {
            budget_usd_millions: raw.budget_usd_millions.as_ref(),
            budget_local_millions: raw.budget_local_millions.as_ref(),
            currency: raw.currency.as_ref(),
            usd_rate: raw.usd_rate.as_ref(),
            usd_rate_date: raw.usd_rate_date.as_ref(),
        },
        check,
    );
    let external_financing_share = raw.external_financing_share.as_ref().map(|s| {
        check.number(
            s,
            "plan.external_financing_share",
            0.0,
            1.0,
            "give a share between 0 and 1, such as 0.45 for 45% from development partners",
        )
    });
    let vocabulary = &framework.vocabulary;
    let priority_sectors = words(
        check,
        warnings,
        (&raw.priority_sectors, "plan.priority_sectors", "sector"),
        framework,
        &vocabulary.sectors,
    );
    let hazards = words(
        check,
        warnings,
        (&raw.hazards, "plan.hazards", "hazard"),
        framework,
        &vocabulary.hazards,
    );
    let sdg_focus = check_sdg_focus(&raw.sdg_focus, check);
    if let Some(named) = &raw.framework {
        check_framework_folder(named, check);
    }
    let language = raw
        .language
        .as_ref()
        .map_or(Language::En, |written| check_language(written, check));
    PlanSettings {
        language,
        written_in: language,
        start_year,
        horizon_years,
        lead_institution,
        lead_short,
        sponsor: check.optional_text(raw.sponsor.as_ref(), "plan.sponsor", MAX_NAME_CHARS),
        national_strategy: check.optional_text(
            raw.national_strategy.as_ref(),
            "plan.national_strategy",
            MAX_NAME_CHARS,
        ),
        budget_usd_millions: money.budget_usd_millions,
        budget_local_millions: money.budget_local_millions,
        currency: money.currency,
        budget_scale: 1.0,
        external_financing_share,
        priority_sectors,
        sdg_focus,
        hazards,
    }
}

/// `[plan] framework`: a framework folder, from the profile's folder.
fn check_language(written: &Spanned<String>, check: &mut Checker) -> Language {
    let code = written.get_ref().trim().to_lowercase();
    match Language::from_code(&code) {
        Some(language) => language,
        None => {
            check.error(
                written,
                "plan.language",
                format!(
                    "\"{}\" is not a language dgplan writes plans in",
                    written.get_ref()
                ),
                &format!(
                    "write one of {}; leave the line out for English",
                    crate::language::codes_listed()
                ),
            );
            Language::En
        }
    }
}

fn check_framework_folder(named: &Spanned<String>, check: &mut Checker) {
    let written = check.text(named, "plan.framework");
    let folder = check
        .source
        .path
        .parent()
        .unwrap_or(std::path::Path::new(""));
    if !written.is_empty() && !folder.join(&written).is_dir() {
        check.error(
            named,
            "plan.framework",
            format!("\"{written}\" is not a framework folder"),
            "give the path of a framework folder from this profile's folder, such as \"../my-framework\"; leave the line out to use the built-in framework",
        );
    }
}

/// A profile's sectors or hazards as the framework knows them: spelling
/// (case, spaces, hyphens) does not matter and synonyms stand for their
/// word. A word the framework does not know is kept, normalised, with a
/// warning; a word listed twice is an error.
fn words(
    check: &mut Checker,
    warnings: &mut Vec<String>,
    (values, field, kind): (&[Spanned<String>], &str, &str),
    framework: &Framework,
    known: &[String],
) -> Vec<String> {
    let vocabulary = &framework.vocabulary;
    let mut seen: Vec<String> = Vec::new();
    for value in values {
        if !check.allowed_text(value, field, MAX_NAME_CHARS, false) {
            continue;
        }
        let word = match vocabulary.resolve(value.get_ref(), known) {
            Word::Known(word) => word,
            Word::Unknown { word, closest } => {
                if !word.is_empty() {
                    let hint = match closest {
                        Some(c) => format!(
                            "did you mean \"{c}\"? If not, the plan names it as written; the framework has no rule of its own for it"
                        ),
                        None if framework.folder.is_none() => format!(
                            "the plan names it as written; the framework has no rule of its own for it. Known {kind}s: {}; {}",
                            known.join(", "),
                            super::ANOTHER_FRAMEWORK
                        ),
                        None => format!(
                            "the plan names it as written; the framework has no rule of its own for it. Known {kind}s: {}",
                            known.join(", ")
                        ),
                    };
                    let d = Diagnostic::at(
                        check.source,
                        value.span(),
                        format!(
                            "\"{}\" is not a {kind} the framework knows; it is planned for generically",
                            value.get_ref().trim()
                        ),
                    )
                    .with_field(field)
                    .with_hint(hint);
                    warnings.push(d.without_severity());
                }
                word
            }
        };
        if word.is_empty() {
            check.error(
                value,
                field,
                "must not be empty".into(),
                "write the text between the quotes",
            );
        } else if seen.contains(&word) {
            check.error(
                value,
                field,
                format!("\"{}\" is listed twice", word.replace('_', " ")),
                "list each value once (synonyms and spellings of one word count as one)",
            );
        } else {
            seen.push(word);
        }
    }
    seen
}

/// The goals listed, each once; goals that do not exist are reported and left out.
fn check_sdg_focus(goals: &[Spanned<Whole>], check: &mut Checker) -> Vec<u8> {
    let mut sdg_focus: Vec<u8> = Vec::new();
    for goal in goals {
        let g = goal.get_ref().0;
        if !(1..=17).contains(&g) {
            let written = check.written(goal);
            check.error(
                goal,
                "plan.sdg_focus",
                format!("{written} is not a Sustainable Development Goal: expected 1 to 17"),
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

#[cfg(test)]
mod tests {
    use super::plural_of;

    #[test]
    fn a_unit_without_a_plural_gets_the_english_one() {
        assert_eq!(plural_of("county"), "counties");
        assert_eq!(plural_of("parish"), "parishes");
        assert_eq!(plural_of("district"), "districts");
        assert_eq!(plural_of("okrug"), "okrugs");
        assert_eq!(plural_of("atoll"), "atolls");
        assert_eq!(plural_of("box"), "boxes");
        assert_eq!(plural_of("bay"), "bays");
    }
}
