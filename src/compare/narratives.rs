//! Stage 5, narratives: a paragraph per country on what sets its plan
//! apart, from the data alone: its readiness against the set, its pace and
//! size, what it alone selected, its cost per person and its governance.
//!
//! It comes after the cross-country stages because it reads their results
//! (readiness rows, unique components) and compares each plan with the set.

use std::collections::BTreeMap;

use super::cells::mean;
use super::names::{self, Kind, framework_name, say};
use super::{ComparedPlan, Narrative, ReadinessRow, Unique};
use crate::plan::Plan;
use crate::words::{format_number, format_score, format_usd};

/// What sets each plan apart, from the data alone. `plans` and `readiness`
/// are in the same order, one per country.
pub(super) fn narratives(
    plans: &[&ComparedPlan],
    readiness: &[ReadinessRow],
    unique: &[Unique],
) -> Vec<Narrative> {
    let set = SetFacts::of(plans, readiness);
    plans
        .iter()
        .zip(readiness)
        .map(|(i, r)| narrative(&i.plan, r, unique, &set))
        .collect()
}

/// What each plan is measured against: the whole compared set.
struct SetFacts<'a> {
    /// Whether there is more than one plan, so "highest" and "only" mean something.
    several: bool,
    /// The mean of the plans' average readiness, and the highest and lowest.
    average: Option<f64>,
    max_average: f64,
    min_average: f64,
    /// The highest and lowest cost per person.
    max_per_capita: f64,
    min_per_capita: f64,
    /// How many plans use each governance model.
    governance_count: BTreeMap<&'a str, usize>,
}

impl<'a> SetFacts<'a> {
    fn of(plans: &[&'a ComparedPlan], readiness: &[ReadinessRow]) -> Self {
        let averages: Vec<f64> = readiness.iter().filter_map(|r| r.average).collect();
        let per_capita: Vec<f64> = plans
            .iter()
            .filter_map(|i| i.plan.financing.cost_per_capita_usd)
            .collect();
        let mut governance_count: BTreeMap<&str, usize> = BTreeMap::new();
        for i in plans {
            *governance_count
                .entry(i.plan.governance.model.as_str())
                .or_default() += 1;
        }
        SetFacts {
            several: plans.len() > 1,
            average: mean(averages.iter().copied()),
            max_average: averages.iter().copied().fold(f64::MIN, f64::max),
            min_average: averages.iter().copied().fold(f64::MAX, f64::min),
            max_per_capita: per_capita.iter().copied().fold(f64::MIN, f64::max),
            min_per_capita: per_capita.iter().copied().fold(f64::MAX, f64::min),
            governance_count,
        }
    }
}

fn narrative(p: &Plan, r: &ReadinessRow, unique: &[Unique], set: &SetFacts) -> Narrative {
    let name = names::country(p);
    // "the Republic of Korea" in running text; `say` capitalises it to
    // open a sentence.
    let country = names::country_in_running_text(p);
    let mut sentences = vec![
        readiness_sentence(&country, r.average, set),
        scope_sentence(p),
    ];
    let own: Vec<String> = unique
        .iter()
        .filter(|u| u.country == name)
        .map(|u| u.title.clone())
        .collect();
    if !own.is_empty() {
        let key = if own.len() == 1 {
            "compare.narratives.unique_one"
        } else {
            "compare.narratives.unique_many"
        };
        // Titles may hold "and" themselves: a list with semicolons reads clearly.
        sentences.push(say(key, &[("components", &own.join("; "))]));
    }
    sentences.push(cost_sentence(p, set));
    if set.several && set.governance_count.get(p.governance.model.as_str()) == Some(&1) {
        let governance = framework_name(Kind::Governance, &p.governance.model, &p.governance.name);
        sentences.push(say(
            "compare.narratives.governance_alone",
            &[("governance", &governance.to_lowercase())],
        ));
    }
    Narrative {
        name,
        text: sentences.join(" "),
    }
}

/// The plan's average readiness: the highest or lowest of the set, or
/// above or below the set's average; alone, just the average.
fn readiness_sentence(country: &str, average: Option<f64>, set: &SetFacts) -> String {
    let key = match (average, set.average) {
        (Some(_), _) if !set.several => "readiness_alone",
        (Some(_), Some(_)) if (set.max_average - set.min_average).abs() < 1e-9 => "readiness_level",
        (Some(a), Some(_)) if (a - set.max_average).abs() < 1e-9 => "readiness_highest",
        (Some(a), Some(_)) if (a - set.min_average).abs() < 1e-9 => "readiness_lowest",
        (Some(a), Some(s)) if a >= s => "readiness_above",
        (Some(_), Some(_)) => "readiness_below",
        _ => "readiness_none",
    };
    let score = average.map(format_score).unwrap_or_default();
    let mean = set.average.map(format_score).unwrap_or_default();
    say(
        &format!("compare.narratives.{key}"),
        &[("country", country), ("score", &score), ("average", &mean)],
    )
}

/// The plan's pace, how many components it funds, and how many it leaves
/// out for money or time.
fn scope_sentence(p: &Plan) -> String {
    let (left, waiting) = (p.deferred.len(), p.financing.pipeline.len());
    let key = match (left, waiting) {
        (0, _) => "scope",
        (1, 1) => "scope_one_waits",
        (1, _) => "scope_one_beyond",
        (_, 0) => "scope_many_beyond",
        (n, w) if w == n => "scope_many_wait",
        _ => "scope_many_mixed",
    };
    let pace = framework_name(Kind::Pacing, &p.pacing.id, &p.pacing.name);
    say(
        &format!("compare.narratives.{key}"),
        &[
            ("count", &p.components.len().to_string()),
            ("pace", &pace.to_lowercase()),
            ("left", &left.to_string()),
            ("waiting", &waiting.to_string()),
        ],
    )
}

/// The plan's total cost, per person (the highest or lowest of the set when
/// it is), and the further money its unfunded pipeline needs.
fn cost_sentence(p: &Plan, set: &SetFacts) -> String {
    let per_person = match p.financing.cost_per_capita_usd {
        Some(pc) => {
            let key = if set.several && (pc - set.max_per_capita).abs() < 1e-9 {
                "per_person_highest"
            } else if set.several && (pc - set.min_per_capita).abs() < 1e-9 {
                "per_person_lowest"
            } else {
                "per_person"
            };
            say(
                &format!("compare.narratives.{key}"),
                &[("number", &format_number(pc, 2))],
            )
        }
        None => say("compare.narratives.population_not_stated", &[]),
    };
    let total = format_usd(p.financing.total_cost_usd_millions);
    match p.financing.funding_gap() {
        Some(g) => say(
            "compare.narratives.cost_and_gap",
            &[
                ("total", &total),
                ("per_person", &per_person),
                ("gap", &format_usd(g)),
            ],
        ),
        None => say(
            "compare.narratives.cost",
            &[("total", &total), ("per_person", &per_person)],
        ),
    }
}

#[cfg(test)]
mod tests {
    use crate::compare::compare;
    use crate::compare::fixtures::sample;

    #[test]
    fn the_strongest_and_weakest_plans_are_named_as_such() {
        let mut plans = vec![
            sample("lao-pdr", "2026-12-29"),
            sample("fiji", "2026-12-29"),
            sample("republic-of-korea", "2026-12-29"),
        ];
        let comparison = compare(&mut plans, "2026-12-29", crate::language::Language::En);
        let text = |name: &str| {
            comparison
                .narratives
                .iter()
                .find(|n| n.name == name)
                .map(|n| n.text.clone())
                .unwrap()
        };
        assert!(
            text("Republic of Korea")
                .starts_with("The Republic of Korea has the highest average readiness")
        );
        assert!(text("Lao PDR").starts_with("Lao PDR has the lowest average readiness"));
        assert!(
            text("Fiji").contains("average readiness is"),
            "{}",
            text("Fiji")
        );
    }

    #[test]
    fn plans_level_on_average_are_neither_highest_nor_lowest() {
        let fiji = sample("fiji", "2026-12-29");
        let twin = crate::compare::fixtures::renamed(&fiji, "XTL", "Testland");
        let mut plans = vec![fiji, twin];
        let comparison = compare(&mut plans, "2026-12-29", crate::language::Language::En);
        for n in &comparison.narratives {
            assert!(
                n.text.contains("level with every other plan compared"),
                "{}",
                n.text
            );
            assert!(!n.text.contains("highest average"), "{}", n.text);
        }
    }

    #[test]
    fn a_single_plan_is_not_called_the_highest() {
        let mut plans = vec![sample("fiji", "2026-12-29")];
        let comparison = compare(&mut plans, "2026-12-29", crate::language::Language::En);
        let text = &comparison.narratives[0].text;
        assert!(
            !text.contains("highest") && !text.contains("lowest"),
            "{text}"
        );
        assert!(!text.contains("alone"), "{text}");
    }
}
