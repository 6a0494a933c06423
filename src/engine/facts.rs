//! The country's inputs as the framework's conditions ask about them: a
//! helper every stage that evaluates a condition reads through `Given`.

use crate::framework::{Facts, Framework};
use crate::input::CountryInput;
use crate::vocabulary::{CountryGroup, FactValue, IncomeGroup};

/// The country's inputs as the framework's conditions ask about them.
pub struct InputFacts<'a> {
    pub input: &'a CountryInput,
    pub framework: &'a Framework,
}

impl Facts for InputFacts<'_> {
    fn word_name(&self, word: &str) -> String {
        self.framework.vocabulary.name_of(word)
    }
    fn group(&self, group: CountryGroup) -> bool {
        self.input.country.groups.contains(&group)
    }
    fn income(&self) -> Option<IncomeGroup> {
        self.input.country.income_group
    }
    fn has_hazard(&self, hazard: &str) -> bool {
        self.input.plan.hazards.iter().any(|h| h == hazard)
    }
    fn has_sector(&self, sector: &str) -> bool {
        self.input.plan.priority_sectors.iter().any(|s| s == sector)
    }
    fn unlisted_hazards(&self) -> Vec<String> {
        unlisted(&self.input.plan.hazards, &self.framework.vocabulary.hazards)
    }
    fn unlisted_sectors(&self) -> Vec<String> {
        unlisted(
            &self.input.plan.priority_sectors,
            &self.framework.vocabulary.sectors,
        )
    }
    fn has_sdg(&self, goal: u8) -> bool {
        self.input.plan.sdg_focus.contains(&goal)
    }
    fn fact(&self, name: &str) -> Option<FactValue> {
        self.input.context.get(name).cloned()
    }
    fn score(&self, dimension: &str) -> Option<f64> {
        self.input.readiness.scores.get(dimension).copied()
    }
    fn scores_derived(&self) -> bool {
        self.input.readiness.assessment.derived_from_indices
    }
    fn unassessed(&self) -> Vec<String> {
        self.framework
            .dimensions
            .iter()
            .filter(|d| !self.input.readiness.scores.contains_key(&d.id.name))
            .map(|d| d.id.name.clone())
            .collect()
    }
    fn index(&self, index: &str) -> Option<f64> {
        self.input
            .readiness
            .indices
            .as_ref()
            .and_then(|i| i.get(index))
    }
    fn population_millions(&self) -> Option<f64> {
        self.input.country.population_millions
    }
}

/// The words listed that the vocabulary does not know, as they read.
fn unlisted(listed: &[String], known: &[String]) -> Vec<String> {
    listed
        .iter()
        .filter(|w| !known.contains(w))
        .map(|w| w.replace('_', " "))
        .collect()
}
