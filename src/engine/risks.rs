//! Stage 15: the programme's risks, each rated for this country: a base
//! likelihood raised or lowered by the drivers whose conditions hold, with
//! the planned components that mitigate it.
//!
//! Drivers read the inputs only; the stage waits for the component list
//! (only planned components can mitigate) and for the amounts, which its
//! mitigations may quote.

use std::collections::HashSet;

use super::Given;
use super::text::Filler;
use super::text::say_with;
use crate::framework::Risk;
use crate::language::say;
use crate::plan::{Reason, RiskView};
use crate::words::format_score;

/// A dimension scoring below this is one the plan calls weak.
const WEAK_BELOW: f64 = 2.5;
/// The least likelihood of a risk one of whose dimensions is weak: medium.
const WEAK_FLOOR: i32 = 3;

/// The word for a likelihood on the scale of 1 to 5.
fn band(score: i32) -> &'static str {
    say(match score {
        ..=1 => "engine.risks.very_low",
        2 => "engine.risks.low",
        3 => "engine.risks.medium",
        4 => "engine.risks.high",
        _ => "engine.risks.very_high",
    })
}

pub fn assess(
    given: &Given,
    planned: &HashSet<&str>,
    weakest: &[String],
    filler: &Filler,
) -> Vec<RiskView> {
    given
        .framework
        .risks
        .iter()
        .map(|r| assess_one(given, r, planned, weakest, filler))
        .collect()
}

fn assess_one(
    given: &Given,
    r: &Risk,
    planned: &HashSet<&str>,
    weakest: &[String],
    filler: &Filler,
) -> RiskView {
    let mut score = r.base;
    let mut drivers = Vec::new();
    for d in &r.drivers {
        let outcome = d.when.evaluate(&given.facts);
        if outcome.holds {
            score += d.by;
            drivers.push(Reason {
                rule: d.id.name.clone(),
                text: filler.fill(&d.because),
                evidence: outcome.evidence,
            });
        }
    }
    let mut score = score.clamp(1, 5);
    if score < WEAK_FLOOR
        && let Some(floor) = weak_dimension(given, r, weakest)
    {
        score = WEAK_FLOOR;
        drivers.push(floor);
    }
    RiskView {
        id: r.id.name.clone(),
        title: r.title.clone(),
        description: r.description.clone(),
        likelihood: band(score).to_string(),
        score,
        drivers,
        mitigation: filler.fill(&r.mitigation),
        mitigated_by: r
            .mitigated_by
            .iter()
            .filter(|c| planned.contains(c.name.as_str()))
            .map(|c| c.name.clone())
            .collect(),
    }
}

/// The weakest of the risk's dimensions, when it is weak (below
/// [`WEAK_BELOW`], or among the country's weakest dimensions and below the
/// level every dimension should reach): the reason the risk cannot be rated
/// low. A score at or above that level is not called weak, however it ranks.
fn weak_dimension(given: &Given, r: &Risk, weakest: &[String]) -> Option<Reason> {
    let scores = &given.input.readiness.scores;
    let (id, score) = r
        .dimensions
        .iter()
        .filter_map(|d| scores.get(&d.name).map(|s| (d.name.as_str(), *s)))
        .filter(|(id, s)| {
            *s < WEAK_BELOW
                || (*s < given.framework.meta.target_score && weakest.iter().any(|w| w == id))
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))?;
    let name = given
        .framework
        .dimension(id)
        .map_or(id, |d| d.name.as_str());
    let (text, evidence) = if score < WEAK_BELOW {
        (
            say_with(
                "engine.risks.weak",
                &[("dimension", name), ("score", &format_score(score))],
            ),
            say_with(
                "condition.score",
                &[
                    ("dimension", id),
                    ("score", &crate::words::localised(score.to_string())),
                    ("op", "<"),
                    ("limit", &crate::words::localised(WEAK_BELOW.to_string())),
                ],
            ),
        )
    } else {
        (
            say_with(
                "engine.risks.among_weakest",
                &[("dimension", name), ("score", &format_score(score))],
            ),
            say_with(
                "condition.among_weakest",
                &[
                    ("dimension", id),
                    ("score", &crate::words::localised(score.to_string())),
                ],
            ),
        )
    };
    Some(Reason {
        rule: format!("{}.weak-score", r.id.name),
        text,
        evidence: vec![evidence],
    })
}

#[cfg(test)]
mod tests {
    use crate::engine::testing;

    fn likelihood(plan: &crate::plan::Plan, id: &str) -> String {
        plan.risks
            .iter()
            .find(|r| r.id == id)
            .unwrap()
            .likelihood
            .clone()
    }

    #[test]
    fn a_risk_is_not_low_when_the_plan_calls_its_score_weak() {
        // Fiji's demand scores 2.0, and the plan calls demand weak.
        let fiji = testing::plan_of(testing::fiji());
        assert_eq!(likelihood(&fiji, "RK3"), "medium");
        let rk3 = fiji.risks.iter().find(|r| r.id == "RK3").unwrap();
        assert!(rk3.drivers.iter().any(|d| d.text.contains("2.0 of 5")));
    }

    #[test]
    fn demand_risk_is_not_low_when_demand_is_the_weakest_dimension() {
        let (framework, mut input) = testing::korea();
        input
            .readiness
            .scores
            .insert("demand_inclusion".to_string(), 2.8);
        let plan = testing::plan_of((framework, input));
        assert_eq!(plan.readiness.weakest[0], "demand_inclusion");
        assert!(!likelihood(&plan, "RK3").ends_with("low"));
        assert!(!likelihood(&plan, "RK2").ends_with("low"));
        // Without it, the same country's demand risk is low or very low.
        let korea = testing::plan_of(testing::korea());
        assert!(likelihood(&korea, "RK3").ends_with("low"));
    }

    #[test]
    fn likelihood_stays_on_the_scale_and_matches_its_word() {
        for sample in [testing::lao(), testing::fiji(), testing::korea()] {
            let plan = testing::plan_of(sample);
            let planned: Vec<&str> = plan.components.iter().map(|c| c.id.as_str()).collect();
            for r in &plan.risks {
                assert!((1..=5).contains(&r.score), "{}", r.id);
                let word = match r.score {
                    1 => "very low",
                    2 => "low",
                    3 => "medium",
                    4 => "high",
                    _ => "very high",
                };
                assert_eq!(r.likelihood, word);
                assert!(r.mitigated_by.iter().all(|c| planned.contains(&c.as_str())));
            }
        }
    }
}
