//! Conditions that framework rules place on a country's inputs.
//!
//! A condition is data: `{ score_below = { dimension = "leadership", value = 2.0 } }`,
//! combined with `all`, `any` and `not`. Evaluating one also explains it, so
//! that every item in a plan can say which input values put it there.

use serde::Deserialize;
use toml::Spanned;

use crate::vocabulary::{CountryGroup, FactValue, IncomeGroup};

/// A test over a country's inputs. Written in TOML as a one-key inline table.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Condition {
    /// `{ always = true }` holds for every country.
    Always(bool),
    /// Every listed condition holds.
    All(Vec<Condition>),
    /// At least one listed condition holds.
    Any(Vec<Condition>),
    /// The condition does not hold.
    Not(Box<Condition>),
    /// The country belongs to this UN group (LDC, LLDC, SIDS).
    Group(CountryGroup),
    /// The country's income group is one of these.
    Income(Vec<IncomeGroup>),
    /// The profile lists at least one of these hazards.
    Hazard(Vec<Spanned<String>>),
    /// The profile lists at least one of these priority sectors.
    Sector(Vec<Spanned<String>>),
    /// The profile's SDG focus includes at least one of these goals.
    Sdg(Vec<u8>),
    /// A `[context]` fact has this value (an unstated fact never matches).
    Fact(FactTest),
    /// A `[context]` fact is not stated in the profile.
    FactUnknown(Spanned<String>),
    /// The dimension was assessed and scored below the value.
    ScoreBelow(ScoreTest),
    /// The dimension was assessed and scored at or above the value.
    ScoreAtLeast(ScoreTest),
    /// The dimension has no score.
    NotAssessed(Spanned<String>),
    /// At least one dimension has no score.
    AnyNotAssessed(bool),
    /// The scores were derived from published indices, not assessed
    /// (`derived_from_indices` in readiness.toml).
    ScoresDerived(bool),
    /// The published index was given and is below the value.
    IndexBelow(IndexTest),
    /// The published index was given and is at or above the value.
    IndexAtLeast(IndexTest),
    /// Population in millions is below the value.
    PopulationBelow(f64),
    /// Population in millions is at or above the value.
    PopulationAtLeast(f64),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactTest {
    pub name: Spanned<String>,
    pub is: FactValue,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreTest {
    pub dimension: Spanned<String>,
    pub value: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndexTest {
    pub index: Spanned<String>,
    pub value: f64,
}

/// What a condition is evaluated against: a read-only view of the inputs.
pub trait Facts {
    fn group(&self, group: CountryGroup) -> bool;
    fn income(&self) -> Option<IncomeGroup>;
    fn has_hazard(&self, hazard: &str) -> bool;
    fn has_sector(&self, sector: &str) -> bool;
    fn has_sdg(&self, goal: u8) -> bool;
    fn fact(&self, name: &str) -> Option<FactValue>;
    fn score(&self, dimension: &str) -> Option<f64>;
    fn unassessed(&self) -> Vec<String>;
    fn scores_derived(&self) -> bool;
    fn index(&self, index: &str) -> Option<f64>;
    fn population_millions(&self) -> Option<f64>;
}

/// Result of evaluating a condition, with the input values that decided it.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub holds: bool,
    pub evidence: Vec<String>,
}

impl Outcome {
    fn leaf(holds: bool, evidence: String) -> Self {
        Outcome {
            holds,
            evidence: vec![evidence],
        }
    }
}

fn number(value: f64) -> String {
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    text.to_string()
}

impl Condition {
    pub fn evaluate(&self, facts: &dyn Facts) -> Outcome {
        match self {
            Condition::Always(value) => Outcome::leaf(*value, "applies to every country".into()),
            Condition::All(parts) => {
                let outcomes: Vec<Outcome> = parts.iter().map(|c| c.evaluate(facts)).collect();
                let holds = outcomes.iter().all(|o| o.holds);
                // When it fails, the failing parts explain why; when it holds, all parts do.
                let evidence = outcomes
                    .into_iter()
                    .filter(|o| o.holds == holds)
                    .flat_map(|o| o.evidence)
                    .collect();
                Outcome { holds, evidence }
            }
            Condition::Any(parts) => {
                let outcomes: Vec<Outcome> = parts.iter().map(|c| c.evaluate(facts)).collect();
                let holds = outcomes.iter().any(|o| o.holds);
                let evidence = outcomes
                    .into_iter()
                    .filter(|o| o.holds == holds)
                    .flat_map(|o| o.evidence)
                    .collect();
                Outcome { holds, evidence }
            }
            Condition::Not(inner) => {
                let outcome = inner.evaluate(facts);
                Outcome {
                    holds: !outcome.holds,
                    evidence: outcome.evidence,
                }
            }
            Condition::Group(group) => {
                let holds = facts.group(*group);
                let verb = if holds { "is" } else { "is not" };
                Outcome::leaf(holds, format!("country {verb} in group {}", group.code()))
            }
            Condition::Income(groups) => match facts.income() {
                Some(income) => Outcome::leaf(
                    groups.contains(&income),
                    format!("income group = {}", income.code()),
                ),
                None => Outcome::leaf(false, "income group not stated".into()),
            },
            Condition::Hazard(hazards) => {
                let found: Vec<&str> = hazards
                    .iter()
                    .map(|h| h.get_ref().as_str())
                    .filter(|h| facts.has_hazard(h))
                    .collect();
                if found.is_empty() {
                    Outcome::leaf(false, "no listed hazard among the profile's hazards".into())
                } else {
                    Outcome::leaf(true, format!("hazards include {}", found.join(", ")))
                }
            }
            Condition::Sector(sectors) => {
                let found: Vec<&str> = sectors
                    .iter()
                    .map(|s| s.get_ref().as_str())
                    .filter(|s| facts.has_sector(s))
                    .collect();
                if found.is_empty() {
                    Outcome::leaf(false, "no listed sector among the priority sectors".into())
                } else {
                    Outcome::leaf(
                        true,
                        format!("priority sectors include {}", found.join(", ")),
                    )
                }
            }
            Condition::Sdg(goals) => {
                let found: Vec<String> = goals
                    .iter()
                    .filter(|g| facts.has_sdg(**g))
                    .map(|g| format!("SDG {g}"))
                    .collect();
                if found.is_empty() {
                    Outcome::leaf(false, "no listed SDG in the SDG focus".into())
                } else {
                    Outcome::leaf(true, format!("SDG focus includes {}", found.join(", ")))
                }
            }
            Condition::Fact(test) => {
                let name = test.name.get_ref();
                match facts.fact(name) {
                    Some(value) => {
                        Outcome::leaf(value == test.is, format!("context.{name} = {value}"))
                    }
                    None => Outcome::leaf(false, format!("context.{name} is not stated")),
                }
            }
            Condition::FactUnknown(name) => {
                let name = name.get_ref();
                match facts.fact(name) {
                    Some(value) => Outcome::leaf(false, format!("context.{name} = {value}")),
                    None => Outcome::leaf(true, format!("context.{name} is not stated")),
                }
            }
            Condition::ScoreBelow(test) | Condition::ScoreAtLeast(test) => {
                let below = matches!(self, Condition::ScoreBelow(_));
                let dimension = test.dimension.get_ref();
                match facts.score(dimension) {
                    Some(score) => {
                        let holds = if below {
                            score < test.value
                        } else {
                            score >= test.value
                        };
                        let op = match (below, holds) {
                            (true, true) => "<",
                            (true, false) | (false, true) => ">=",
                            (false, false) => "<",
                        };
                        Outcome::leaf(
                            holds,
                            format!(
                                "{dimension} score {} {op} {}",
                                number(score),
                                number(test.value)
                            ),
                        )
                    }
                    None => Outcome::leaf(false, format!("{dimension} is not assessed")),
                }
            }
            Condition::NotAssessed(dimension) => {
                let dimension = dimension.get_ref();
                let holds = facts.score(dimension).is_none();
                let text = if holds {
                    "is not assessed"
                } else {
                    "is assessed"
                };
                Outcome::leaf(holds, format!("{dimension} {text}"))
            }
            Condition::AnyNotAssessed(expected) => {
                let missing = facts.unassessed();
                let holds = missing.is_empty() != *expected;
                let text = if missing.is_empty() {
                    "every dimension is assessed".to_string()
                } else {
                    format!("not assessed: {}", missing.join(", "))
                };
                Outcome::leaf(holds, text)
            }
            Condition::ScoresDerived(expected) => {
                let derived = facts.scores_derived();
                Outcome::leaf(
                    derived == *expected,
                    if derived {
                        "scores derived from published indices; no assessment yet".to_string()
                    } else {
                        "scores come from an assessment".to_string()
                    },
                )
            }
            Condition::IndexBelow(test) | Condition::IndexAtLeast(test) => {
                let below = matches!(self, Condition::IndexBelow(_));
                let index = test.index.get_ref();
                match facts.index(index) {
                    Some(value) => {
                        let holds = if below {
                            value < test.value
                        } else {
                            value >= test.value
                        };
                        let op = if holds == below { "<" } else { ">=" };
                        Outcome::leaf(
                            holds,
                            format!(
                                "{} {value:.4} {op} {}",
                                index.to_uppercase(),
                                number(test.value)
                            ),
                        )
                    }
                    None => Outcome::leaf(false, format!("{} not given", index.to_uppercase())),
                }
            }
            Condition::PopulationBelow(limit) | Condition::PopulationAtLeast(limit) => {
                let below = matches!(self, Condition::PopulationBelow(_));
                let Some(population) = facts.population_millions() else {
                    return Outcome::leaf(false, "population not stated".into());
                };
                let holds = if below {
                    population < *limit
                } else {
                    population >= *limit
                };
                let op = if holds == below { "<" } else { ">=" };
                Outcome::leaf(
                    holds,
                    format!(
                        "population {} {op} {} million",
                        number(population),
                        number(*limit)
                    ),
                )
            }
        }
    }

    /// Calls `visit` on every leaf, for validating the names a condition uses.
    pub fn for_each_leaf<'a>(&'a self, visit: &mut dyn FnMut(&'a Condition)) {
        match self {
            Condition::All(parts) | Condition::Any(parts) => {
                for part in parts {
                    part.for_each_leaf(visit);
                }
            }
            Condition::Not(inner) => inner.for_each_leaf(visit),
            leaf => visit(leaf),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Sample;

    impl Facts for Sample {
        fn group(&self, group: CountryGroup) -> bool {
            group == CountryGroup::Sids
        }
        fn income(&self) -> Option<IncomeGroup> {
            Some(IncomeGroup::Lmic)
        }
        fn has_hazard(&self, hazard: &str) -> bool {
            hazard == "cyclone"
        }
        fn has_sector(&self, sector: &str) -> bool {
            sector == "health"
        }
        fn has_sdg(&self, goal: u8) -> bool {
            goal == 13
        }
        fn fact(&self, name: &str) -> Option<FactValue> {
            (name == "data_protection_law").then_some(FactValue::Bool(false))
        }
        fn scores_derived(&self) -> bool {
            false
        }
        fn score(&self, dimension: &str) -> Option<f64> {
            (dimension == "leadership").then_some(1.5)
        }
        fn unassessed(&self) -> Vec<String> {
            vec!["resilience".into()]
        }
        fn index(&self, index: &str) -> Option<f64> {
            (index == "osi").then_some(0.32)
        }
        fn population_millions(&self) -> Option<f64> {
            Some(0.9)
        }
    }

    fn parse(text: &str) -> Condition {
        #[derive(Deserialize)]
        struct Wrapper {
            when: Condition,
        }
        toml::from_str::<Wrapper>(text).unwrap().when
    }

    #[test]
    fn score_below_explains_with_the_value() {
        let c = parse("when = { score_below = { dimension = \"leadership\", value = 2.0 } }");
        let outcome = c.evaluate(&Sample);
        assert!(outcome.holds);
        assert_eq!(outcome.evidence, vec!["leadership score 1.5 < 2"]);
    }

    #[test]
    fn unassessed_dimension_is_never_a_low_score() {
        let c = parse("when = { score_below = { dimension = \"resilience\", value = 5.0 } }");
        let outcome = c.evaluate(&Sample);
        assert!(!outcome.holds);
        assert_eq!(outcome.evidence, vec!["resilience is not assessed"]);
    }

    #[test]
    fn combinators_keep_only_the_deciding_evidence() {
        let c = parse(
            "when = { all = [ { group = \"SIDS\" }, { any = [ { hazard = [\"flood\"] }, { hazard = [\"cyclone\"] } ] } ] }",
        );
        let outcome = c.evaluate(&Sample);
        assert!(outcome.holds);
        assert_eq!(
            outcome.evidence,
            vec!["country is in group SIDS", "hazards include cyclone"]
        );
        let c = parse("when = { not = { group = \"SIDS\" } }");
        assert!(!c.evaluate(&Sample).holds);
    }

    #[test]
    fn facts_distinguish_false_from_unstated() {
        let stated = parse("when = { fact = { name = \"data_protection_law\", is = false } }");
        assert!(stated.evaluate(&Sample).holds);
        let unstated = parse("when = { fact = { name = \"government_cloud\", is = false } }");
        assert!(!unstated.evaluate(&Sample).holds);
        let unknown = parse("when = { fact_unknown = \"government_cloud\" }");
        assert!(unknown.evaluate(&Sample).holds);
    }
}
