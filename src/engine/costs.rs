//! Stage 5: what each selected component costs: once, to build or set it
//! up, and every year once it is live.
//!
//! The one-off cost scales the framework's base cost to the country's
//! population and income group (and its number of priority sectors where
//! the component works per sector); the running cost is a share of it. Every
//! selected component is costed, unfunded and deferred ones too, so the plan
//! can say what it leaves out. How much of the running cost falls inside
//! the horizon depends on when the component goes live, which the schedule
//! decides (see `funding.rs` and `spending.rs`).

use super::Given;
use super::amounts::{Thousands, whole};
use super::selection::Selection;
use super::text::say_with;
use super::text::{people, usd_millions};
use crate::framework::{Component, Framework};
use crate::input::CountryInput;
use crate::language::say;
use crate::words::format_number;

/// A component's costs and how they were worked out.
#[derive(Debug, Clone)]
pub struct ComponentCost {
    /// To build or set it up, spread over the months it is under way.
    pub one_off: Thousands,
    /// Every year from go-live: maintenance, hosting, licences, staff.
    pub running_per_year: Thousands,
    /// The working, in words, ending with the caveat that it is an assumption.
    pub basis: String,
}

/// The cost of each selected component, in the order given.
pub fn component_costs(given: &Given, selection: &Selection) -> Vec<ComponentCost> {
    let scale = Scale::new(
        given.input,
        given.framework,
        sectors_served(given, selection),
    );
    selection
        .components
        .iter()
        .map(|c| {
            let one_off = scale.cost_of(c);
            let share = scale.running_share(c);
            ComponentCost {
                one_off,
                running_per_year: whole(one_off as f64 * share),
                basis: scale.basis_of(c),
            }
        })
        .collect()
}

/// The priority sectors that a selected or in-place component serves on its
/// own, so that a component costed per sector does not count them again.
fn sectors_served(given: &Given, selection: &Selection) -> usize {
    let framework = given.framework;
    let serving: Vec<&str> = selection
        .components
        .iter()
        .copied()
        .chain(
            selection
                .in_place
                .keys()
                .filter_map(|id| framework.component(id)),
        )
        .filter_map(|c| c.sector.as_deref())
        .collect();
    given
        .input
        .plan
        .priority_sectors
        .iter()
        .filter(|s| serving.contains(&s.as_str()))
        .count()
}

/// What turns a framework base cost into this country's cost.
struct Scale<'a> {
    input: &'a CountryInput,
    framework: &'a Framework,
    income_factor: f64,
    /// The population costed: the profile's, or else the framework's
    /// reference population (the plan says so among its assumptions).
    population: f64,
    population_ratio: f64,
    sector_count: usize,
}

impl<'a> Scale<'a> {
    fn new(input: &'a CountryInput, framework: &'a Framework, served: usize) -> Self {
        let model = &framework.cost_model;
        let population = input
            .country
            .population_millions
            .unwrap_or(model.reference_population_millions);
        Scale {
            input,
            framework,
            income_factor: model.income_factors.get(input.country.income_group),
            population,
            population_ratio: population / model.reference_population_millions,
            sector_count: input.plan.priority_sectors.len().saturating_sub(served),
        }
    }

    fn cost_of(&self, c: &Component) -> Thousands {
        let base =
            c.cost.base_usd_millions * self.population_ratio.powf(c.cost.population_elasticity);
        let sectors = c.cost.per_priority_sector_usd_millions * self.sector_count as f64;
        whole((base + sectors) * self.income_factor * 1000.0)
    }

    fn running_share(&self, c: &Component) -> f64 {
        c.cost
            .running_share
            .unwrap_or(self.framework.cost_model.running_share)
    }

    fn basis_of(&self, c: &Component) -> String {
        let reference = self.framework.cost_model.reference_population_millions;
        let income = self.input.country.income_group.map_or_else(
            || say("engine.costs.income_unstated").to_string(),
            |g| say_with("engine.costs.income_group", &[("code", g.code())]),
        );
        let population = if self.input.country.population_millions.is_none() {
            say_with(
                "engine.costs.population_not_stated",
                &[("people", &people(self.population))],
            )
        } else {
            people(self.population)
        };
        let running = match self.running_share(c) {
            r if r > 0.0 => say_with(
                "engine.costs.running",
                &[("percent", &format_number(r * 100.0, 1))],
            ),
            _ => say("engine.costs.no_running").to_string(),
        };
        let mut values = vec![
            ("base", usd_millions(c.cost.base_usd_millions, 3)),
            ("reference", people(reference)),
            ("population", population),
            ("elasticity", format_number(c.cost.population_elasticity, 2)),
            ("factor", format_number(self.income_factor, 2)),
            ("income", income),
            ("running", running),
        ];
        let key = if c.cost.per_priority_sector_usd_millions > 0.0 {
            let sectors = match self.sector_count {
                1 => say("engine.costs.sectors_one").to_string(),
                n => say_with("engine.costs.sectors_many", &[("count", &n.to_string())]),
            };
            values.push((
                "per_sector",
                usd_millions(c.cost.per_priority_sector_usd_millions, 3),
            ));
            values.push(("sectors", sectors));
            "engine.costs.one_off_sectors"
        } else {
            "engine.costs.one_off"
        };
        let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        say_with(key, &values)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing;

    #[test]
    fn a_cost_scales_with_population_and_income() {
        let (framework, input) = testing::fiji();
        let given = Given::new(&input, &framework);
        let scale = Scale::new(&input, &framework, 0);
        let portal = framework.component("national-portal").unwrap();
        let model = &framework.cost_model;
        let expected = portal.cost.base_usd_millions
            * (0.93 / model.reference_population_millions).powf(portal.cost.population_elasticity)
            * model.income_factors.get(input.country.income_group);
        assert_eq!(
            scale.cost_of(portal),
            (expected * 1000.0).round() as Thousands
        );
        assert!(
            scale
                .basis_of(portal)
                .ends_with("Indicative assumption, not a quotation.")
        );
        assert_eq!(given.input.country.population_millions, Some(0.93));
    }

    #[test]
    fn a_sector_with_its_own_system_is_not_costed_again_in_the_general_one() {
        // Korea names health, social protection and labour; health and
        // social protection have systems of their own (in place), labour not.
        let (framework, input) = testing::korea();
        let given = Given::new(&input, &framework);
        let filler = testing::filler(&given);
        let outcomes = crate::engine::rules::evaluate(&given);
        let selection = crate::engine::selection::select(&given, &outcomes, &filler);
        let served = sectors_served(&given, &selection);
        assert_eq!(served, 2);
        let scale = Scale::new(&input, &framework, served);
        let general = framework.component("sector-systems").unwrap();
        assert!(
            scale
                .basis_of(general)
                .contains("for the one priority sector without a system of its own"),
            "{}",
            scale.basis_of(general)
        );
    }
}
