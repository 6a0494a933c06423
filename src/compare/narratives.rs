//! Stage 5, narratives: a paragraph per country on what sets its plan
//! apart, from the data alone: its readiness against the set, its pace and
//! size, what it alone selected, its cost per person and its governance.
//!
//! It comes after the cross-country stages because it reads their results
//! (readiness rows, unique components) and compares each plan with the set.

use std::collections::BTreeMap;

use super::cells::mean;
use super::{ComparedPlan, Narrative, ReadinessRow, Unique};
use crate::plan::Plan;
use crate::words::{capitalise, country_in_text, format_number, format_score, format_usd};

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
    let name = p.country.display_name.clone();
    // "the Republic of Korea" in running text, "The ..." to open a sentence.
    let subject = capitalise(&country_in_text(&name));
    let mut sentences = vec![
        readiness_sentence(&subject, r.average, set),
        scope_sentence(p),
    ];
    let own: Vec<String> = unique
        .iter()
        .filter(|u| u.country == name)
        .map(|u| u.title.clone())
        .collect();
    if !own.is_empty() {
        // Titles may hold "and" themselves: a list with semicolons reads clearly.
        sentences.push(format!("In no other plan compared: {}.", own.join("; ")));
    }
    sentences.push(cost_sentence(p, set));
    if set.several && set.governance_count.get(p.governance.model.as_str()) == Some(&1) {
        sentences.push(format!(
            "It alone is governed by a {}.",
            p.governance.name.to_lowercase()
        ));
    }
    Narrative {
        name,
        text: sentences.join(" "),
    }
}

/// The plan's average readiness: the highest or lowest of the set, or
/// above or below the set's average; alone, just the average.
fn readiness_sentence(subject: &str, average: Option<f64>, set: &SetFacts) -> String {
    match (average, set.average) {
        (Some(a), _) if !set.several => {
            format!("{subject}'s average readiness is {} of 5.", format_score(a))
        }
        (Some(a), Some(_)) if set.several && (set.max_average - set.min_average).abs() < 1e-9 => {
            format!(
                "{subject}'s average readiness is {} of 5, level with every other plan compared.",
                format_score(a)
            )
        }
        (Some(a), Some(_)) if set.several && (a - set.max_average).abs() < 1e-9 => format!(
            "{subject} has the highest average readiness of the plans compared ({} of 5).",
            format_score(a)
        ),
        (Some(a), Some(_)) if set.several && (a - set.min_average).abs() < 1e-9 => format!(
            "{subject} has the lowest average readiness of the plans compared ({} of 5).",
            format_score(a)
        ),
        (Some(a), Some(s)) => format!(
            "{subject}'s average readiness is {} of 5, {} the average of {} for the plans compared.",
            format_score(a),
            if a >= s { "above" } else { "below" },
            format_score(s)
        ),
        _ => format!("{subject} has no assessed readiness dimension."),
    }
}

/// The plan's pace, how many components it funds, and how many it leaves
/// out for money or time.
fn scope_sentence(p: &Plan) -> String {
    let (left, waiting) = (p.deferred.len(), p.financing.pipeline.len());
    let rest = match (left, waiting) {
        (0, _) => String::new(),
        (1, 1) => "; one more waits for money".to_string(),
        (1, _) => "; one more does not fit in the horizon".to_string(),
        (n, 0) => format!("; {n} more do not fit in the horizon"),
        (n, w) if w == n => format!("; {n} more wait for money"),
        (n, w) => format!("; {n} more are left out, {w} of them waiting for money"),
    };
    format!(
        "Its plan funds {} components at the {} pace{rest}.",
        p.components.len(),
        p.pacing.name.to_lowercase(),
    )
}

/// The plan's total cost, per person (the highest or lowest of the set when
/// it is), and the further money its unfunded pipeline needs.
fn cost_sentence(p: &Plan, set: &SetFacts) -> String {
    let per_person = match p.financing.cost_per_capita_usd {
        Some(pc) => {
            let extreme = if set.several && (pc - set.max_per_capita).abs() < 1e-9 {
                ", the highest per person of the plans compared"
            } else if set.several && (pc - set.min_per_capita).abs() < 1e-9 {
                ", the lowest per person of the plans compared"
            } else {
                ""
            };
            format!(" (USD {} per person{extreme})", format_number(pc, 2))
        }
        None => " (population not stated)".to_string(),
    };
    format!(
        "Its funded programme costs {}{per_person}{}.",
        format_usd(p.financing.total_cost_usd_millions),
        match p.financing.funding_gap() {
            Some(g) => format!(
                "; funding its unfunded pipeline would take a further {}",
                format_usd(g)
            ),
            None => String::new(),
        }
    )
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
