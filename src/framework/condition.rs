//! Conditions that framework rules place on a country's inputs.
//!
//! A condition is data: `{ score_below = { dimension = "leadership", value = 2.0 } }`,
//! combined with `all`, `any` and `not`. Evaluating one also explains it, so
//! that every item in a plan can say which input values put it there.

use std::borrow::Borrow;

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
    /// `{ unlisted_hazard = true }`: the profile lists a hazard that the
    /// framework's vocabulary does not know (an unknown hazard still counts
    /// as exposure).
    UnlistedHazard(bool),
    /// `{ unlisted_sector = true }`: the profile lists a priority sector
    /// that the framework's vocabulary does not know.
    UnlistedSector(bool),
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
    /// The profile's hazards that the framework's vocabulary does not list.
    fn unlisted_hazards(&self) -> Vec<String>;
    /// The profile's priority sectors that the vocabulary does not list.
    fn unlisted_sectors(&self) -> Vec<String>;
    fn has_sdg(&self, goal: u8) -> bool;
    fn fact(&self, name: &str) -> Option<FactValue>;
    fn score(&self, dimension: &str) -> Option<f64>;
    fn unassessed(&self) -> Vec<String>;
    fn scores_derived(&self) -> bool;
    fn index(&self, index: &str) -> Option<f64>;
    fn population_millions(&self) -> Option<f64>;
    /// How the plan names a sector or hazard of the vocabulary, for the
    /// evidence; the id itself unless the framework names it.
    fn word_name(&self, word: &str) -> String {
        word.to_string()
    }
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
    crate::words::localised(text.to_string())
}

/// The evidence phrase `key` of the `[condition]` catalogue section, in
/// the plan's language.
fn said(key: &str, values: &[(&str, &str)]) -> String {
    crate::language::say_with(&format!("condition.{key}"), values)
}

/// How many parts of an `all` or `any` must hold.
#[derive(Clone, Copy)]
enum Need {
    Every,
    One,
}

/// Which side of a threshold a `*_below` or `*_at_least` test asks for.
#[derive(Clone, Copy, PartialEq)]
enum Side {
    Below,
    AtLeast,
}

/// Whether `value` is on the asked `side` of `threshold`, and the operator
/// that states how the two actually compare, so that the evidence reads true
/// whichever way the test went.
fn compare(value: f64, threshold: f64, side: Side) -> (bool, &'static str) {
    let below = side == Side::Below;
    let holds = if below {
        value < threshold
    } else {
        value >= threshold
    };
    let op = if holds == below { "<" } else { ">=" };
    (holds, op)
}

impl Condition {
    pub fn evaluate(&self, facts: &dyn Facts) -> Outcome {
        match self {
            Condition::Always(value) => Outcome::leaf(*value, said("always", &[])),
            Condition::All(parts) => combine(parts, facts, Need::Every),
            Condition::Any(parts) => combine(parts, facts, Need::One),
            Condition::Not(inner) => {
                let outcome = inner.evaluate(facts);
                Outcome {
                    holds: !outcome.holds,
                    evidence: outcome.evidence,
                }
            }
            Condition::Group(group) => {
                let holds = facts.group(*group);
                let key = if holds { "in_group" } else { "not_in_group" };
                let code = said(&format!("code_{}", group.code().to_lowercase()), &[]);
                Outcome::leaf(holds, said(key, &[("group", &code)]))
            }
            Condition::Income(groups) => match facts.income() {
                Some(income) => Outcome::leaf(
                    groups.contains(&income),
                    said("income", &[("code", income.code())]),
                ),
                None => Outcome::leaf(false, said("income_unknown", &[])),
            },
            Condition::Hazard(hazards) => any_listed(
                &named(facts, listed_words(hazards, |h| facts.has_hazard(h))),
                "hazards_include",
                "no_hazard",
            ),
            Condition::UnlistedHazard(expected) => {
                unlisted(facts.unlisted_hazards(), "hazards", *expected)
            }
            Condition::UnlistedSector(expected) => {
                unlisted(facts.unlisted_sectors(), "sectors", *expected)
            }
            Condition::Sector(sectors) => any_listed(
                &named(facts, listed_words(sectors, |s| facts.has_sector(s))),
                "sectors_include",
                "no_sector",
            ),
            Condition::Sdg(goals) => any_listed(
                &goals
                    .iter()
                    .filter(|g| facts.has_sdg(**g))
                    .map(|g| said("sdg", &[("goal", &g.to_string())]))
                    .collect::<Vec<_>>(),
                "sdgs_include",
                "no_sdg",
            ),
            Condition::Fact(test) => {
                context_fact(facts, test.name.get_ref(), |value| value == Some(&test.is))
            }
            Condition::FactUnknown(name) => {
                context_fact(facts, name.get_ref(), |value| value.is_none())
            }
            Condition::ScoreBelow(test) => test.evaluate(facts, Side::Below),
            Condition::ScoreAtLeast(test) => test.evaluate(facts, Side::AtLeast),
            Condition::NotAssessed(dimension) => {
                let dimension = dimension.get_ref();
                let holds = facts.score(dimension).is_none();
                let key = if holds { "not_assessed" } else { "assessed" };
                Outcome::leaf(holds, said(key, &[("dimension", dimension)]))
            }
            Condition::AnyNotAssessed(expected) => any_not_assessed(facts, *expected),
            Condition::ScoresDerived(expected) => scores_derived(facts, *expected),
            Condition::IndexBelow(test) => test.evaluate(facts, Side::Below),
            Condition::IndexAtLeast(test) => test.evaluate(facts, Side::AtLeast),
            Condition::PopulationBelow(limit) => population(facts, *limit, Side::Below),
            Condition::PopulationAtLeast(limit) => population(facts, *limit, Side::AtLeast),
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

/// Evaluates every part. The parts whose outcome matches the whole explain
/// it: when it fails, the failing parts say why; when it holds, the holding
/// ones do.
fn combine(parts: &[Condition], facts: &dyn Facts, need: Need) -> Outcome {
    let outcomes: Vec<Outcome> = parts.iter().map(|c| c.evaluate(facts)).collect();
    let holds = match need {
        Need::Every => outcomes.iter().all(|o| o.holds),
        Need::One => outcomes.iter().any(|o| o.holds),
    };
    let evidence = outcomes
        .into_iter()
        .filter(|o| o.holds == holds)
        .flat_map(|o| o.evidence)
        .collect();
    Outcome { holds, evidence }
}

/// The words of a list that the profile names.
fn listed_words(words: &[Spanned<String>], named: impl Fn(&str) -> bool) -> Vec<&str> {
    words
        .iter()
        .map(|w| w.get_ref().as_str())
        .filter(|w| named(w))
        .collect()
}

/// The plan's names of vocabulary words.
fn named(facts: &dyn Facts, words: Vec<&str>) -> Vec<String> {
    words.into_iter().map(|w| facts.word_name(w)).collect()
}

/// Holds when `found`, the entries of a list that the profile names, is not empty.
fn any_listed<S: Borrow<str>>(found: &[S], include: &str, none: &str) -> Outcome {
    if found.is_empty() {
        Outcome::leaf(false, said(none, &[]))
    } else {
        Outcome::leaf(true, said(include, &[("list", &found.join(", "))]))
    }
}

/// Whether the profile lists words the vocabulary does not (`expected`), and which.
fn unlisted(words: Vec<String>, kind: &str, expected: bool) -> Outcome {
    let text = if words.is_empty() {
        said(&format!("{kind}_all_known"), &[])
    } else {
        said(&format!("{kind}_unknown"), &[("list", &words.join(", "))])
    };
    Outcome::leaf(words.is_empty() != expected, text)
}

/// Tests a `[context]` fact's stated value, or its absence (`None`).
fn context_fact(
    facts: &dyn Facts,
    name: &str,
    test: impl FnOnce(Option<&FactValue>) -> bool,
) -> Outcome {
    let value = facts.fact(name);
    let evidence = match &value {
        Some(value) => said("fact", &[("name", name), ("value", &value.to_string())]),
        None => said("fact_unknown", &[("name", name)]),
    };
    Outcome::leaf(test(value.as_ref()), evidence)
}

fn any_not_assessed(facts: &dyn Facts, expected: bool) -> Outcome {
    let missing = facts.unassessed();
    let holds = missing.is_empty() != expected;
    let text = if missing.is_empty() {
        said("all_assessed", &[])
    } else {
        said("some_not_assessed", &[("list", &missing.join(", "))])
    };
    Outcome::leaf(holds, text)
}

fn scores_derived(facts: &dyn Facts, expected: bool) -> Outcome {
    let derived = facts.scores_derived();
    let key = if derived {
        "derived"
    } else {
        "from_assessment"
    };
    Outcome::leaf(derived == expected, said(key, &[]))
}

fn population(facts: &dyn Facts, limit: f64, side: Side) -> Outcome {
    let Some(population) = facts.population_millions() else {
        return Outcome::leaf(false, said("population_unknown", &[]));
    };
    let (holds, op) = compare(population, limit, side);
    Outcome::leaf(
        holds,
        said(
            "population",
            &[
                ("value", &number(population)),
                ("op", op),
                ("limit", &number(limit)),
            ],
        ),
    )
}

impl ScoreTest {
    /// An unassessed dimension fails either way: a missing score is neither
    /// low nor high.
    fn evaluate(&self, facts: &dyn Facts, side: Side) -> Outcome {
        let dimension = self.dimension.get_ref();
        let Some(score) = facts.score(dimension) else {
            return Outcome::leaf(false, said("not_assessed", &[("dimension", dimension)]));
        };
        let (holds, op) = compare(score, self.value, side);
        Outcome::leaf(
            holds,
            said(
                "score",
                &[
                    ("dimension", dimension),
                    ("score", &number(score)),
                    ("op", op),
                    ("limit", &number(self.value)),
                ],
            ),
        )
    }
}

impl IndexTest {
    fn evaluate(&self, facts: &dyn Facts, side: Side) -> Outcome {
        let index = self.index.get_ref().to_uppercase();
        let Some(value) = facts.index(self.index.get_ref()) else {
            return Outcome::leaf(false, said("index_unknown", &[("index", &index)]));
        };
        let (holds, op) = compare(value, self.value, side);
        Outcome::leaf(
            holds,
            said(
                "index",
                &[
                    ("index", &index),
                    ("value", &crate::words::format_index(value)),
                    ("op", op),
                    ("limit", &number(self.value)),
                ],
            ),
        )
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
        fn unlisted_hazards(&self) -> Vec<String> {
            vec!["coastal erosion".into()]
        }
        fn unlisted_sectors(&self) -> Vec<String> {
            Vec::new()
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

    #[test]
    fn a_hazard_the_framework_does_not_list_still_counts() {
        let c = parse("when = { unlisted_hazard = true }");
        let outcome = c.evaluate(&Sample);
        assert!(outcome.holds);
        assert_eq!(
            outcome.evidence,
            vec!["hazards outside the framework's vocabulary: coastal erosion"]
        );
        assert!(
            !parse("when = { unlisted_hazard = false }")
                .evaluate(&Sample)
                .holds
        );
        assert!(
            !parse("when = { unlisted_sector = true }")
                .evaluate(&Sample)
                .holds
        );
    }
}
