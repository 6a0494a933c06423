//! The parts of the plan that restate its inputs: the framework used, the
//! country, the plan's settings and its horizon. Nothing here is decided;
//! the sponsor's stand-in and the "not stated" labels are the only words
//! added.

use super::Given;
use super::text::say_with;
use crate::framework::Framework;
use crate::input::CountryInput;
use crate::language::say;
use crate::plan::{CountryView, FrameworkRef, GlossaryTerm, Horizon, Settings};
use crate::words::capitalise;

/// The plan's sponsor as running text: as given, or the stand-in, "the
/// head of government".
pub fn sponsor(input: &CountryInput) -> String {
    input
        .plan
        .sponsor
        .clone()
        .unwrap_or_else(|| say("engine.profile.default_sponsor").to_string())
}

/// Months and years the plan covers.
pub fn horizon(input: &CountryInput) -> Horizon {
    let settings = &input.plan;
    Horizon {
        start_year: settings.start_year,
        end_year: settings.start_year + settings.horizon_years as i32 - 1,
        years: settings.horizon_years,
        months: settings.horizon_years * 12,
    }
}

pub fn framework_ref(framework: &Framework) -> FrameworkRef {
    FrameworkRef {
        id: framework.meta.id.clone(),
        version: framework.meta.version.clone(),
        title: framework.meta.title.clone(),
    }
}

/// Components whose start marks a key milestone, for comparisons.
/// The framework's glossary, carried whole: which terms the document uses
/// is known only once it is rendered, so the renderer picks them.
pub fn glossary(framework: &Framework) -> Vec<GlossaryTerm> {
    framework
        .glossary
        .iter()
        .map(|t| GlossaryTerm {
            abbreviation: t.abbreviation.name.clone(),
            meaning: t.meaning.clone(),
        })
        .collect()
}

pub fn key_milestones(framework: &Framework) -> Vec<String> {
    framework
        .meta
        .key_milestones
        .iter()
        .map(|m| m.name.clone())
        .collect()
}

pub fn country(input: &CountryInput) -> CountryView {
    let country = &input.country;
    CountryView {
        name: country.name.clone(),
        short_name: country.short_name.clone(),
        display_name: country.display_name().to_string(),
        in_text: country.in_text(input.plan.written_in),
        iso3: country.iso3.clone(),
        region: country.region.clone(),
        groups: country.groups.clone(),
        group_names: country
            .groups
            .iter()
            .map(|g| g.name().to_string())
            .collect(),
        income_group: country.income_group,
        income_group_name: country.income_group.map_or_else(
            || say("engine.profile.not_stated").to_string(),
            |g| g.name().to_string(),
        ),
        population_millions: country.population_millions,
        population_source: country
            .population_source
            .as_deref()
            .map(crate::reference::population_citation),
        subnational_unit: country.subnational_unit.clone(),
        subnational_unit_plural: country.subnational_unit_plural.clone(),
    }
}

pub fn settings(given: &Given) -> Settings {
    let settings = &given.input.plan;
    let vocabulary = &given.framework.vocabulary;
    Settings {
        lead_institution: settings.lead_institution.clone(),
        lead_short: settings.lead_short.clone(),
        national_strategy: settings.national_strategy.clone(),
        sponsor: capitalise(&given.sponsor),
        sponsor_given: settings.sponsor.is_some(),
        budget_usd_millions: settings.budget_usd_millions,
        budget_local_millions: settings.budget_local_millions,
        currency: settings.currency.clone(),
        budget_scale: settings.budget_scale,
        external_financing_share: settings.external_financing_share,
        priority_sectors: settings.priority_sectors.clone(),
        sdg_focus: settings.sdg_focus.clone(),
        hazards: settings.hazards.clone(),
        priority_sector_names: settings
            .priority_sectors
            .iter()
            .map(|id| vocabulary.name_of(id))
            .collect(),
        hazard_names: settings
            .hazards
            .iter()
            .map(|id| vocabulary.name_of(id))
            .collect(),
    }
}

/// The sentence that ties the plan to the national strategy it implements,
/// when the profile names one.
pub fn strategy_alignment(input: &CountryInput) -> Option<String> {
    input
        .plan
        .national_strategy
        .as_ref()
        .map(|strategy| say_with("engine.profile.strategy", &[("strategy", strategy)]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing;

    #[test]
    fn an_unnamed_sponsor_is_the_head_of_government_and_said_so() {
        let (framework, mut input) = testing::fiji();
        assert_eq!(sponsor(&input), "Office of the Prime Minister");
        input.plan.sponsor = None;
        assert_eq!(sponsor(&input), "the head of government");
        let given = Given::new(&input, &framework);
        let settings = settings(&given);
        assert_eq!(settings.sponsor, "The head of government");
        assert!(!settings.sponsor_given);
    }

    #[test]
    fn a_named_national_strategy_is_what_the_plan_carries_out() {
        let (_, mut input) = testing::fiji();
        input.plan.national_strategy = None;
        assert_eq!(strategy_alignment(&input), None);
        input.plan.national_strategy = Some("the National Development Plan 2025-2029".into());
        let sentence = strategy_alignment(&input).unwrap();
        assert!(
            sentence.starts_with("This plan carries out the National Development Plan 2025-2029")
        );
    }

    #[test]
    fn the_horizon_counts_whole_years_from_january() {
        let (_, input) = testing::fiji();
        let horizon = horizon(&input);
        assert_eq!((horizon.start_year, horizon.end_year), (2027, 2031));
        assert_eq!(horizon.months, 60);
    }
}
