//! Stage 15: the programme's risks, each rated for this country: a base
//! likelihood raised or lowered by the drivers whose conditions hold, with
//! the planned components that mitigate it.
//!
//! Drivers read the inputs only; the stage waits for the component list
//! (only planned components can mitigate) and for the amounts, which its
//! mitigations may quote.

use std::collections::HashSet;

use super::Given;
use super::facts::InputFacts;
use super::text::Filler;
use crate::framework::Risk;
use crate::plan::{Reason, RiskView};

pub fn assess(given: &Given, planned: &HashSet<&str>, filler: &Filler) -> Vec<RiskView> {
    given
        .framework
        .risks
        .iter()
        .map(|r| assess_one(r, &given.facts, planned, filler))
        .collect()
}

fn assess_one(r: &Risk, facts: &InputFacts, planned: &HashSet<&str>, filler: &Filler) -> RiskView {
    let mut score = r.base;
    let mut drivers = Vec::new();
    for d in &r.drivers {
        let outcome = d.when.evaluate(facts);
        if outcome.holds {
            score += d.by;
            drivers.push(Reason {
                rule: d.id.name.clone(),
                text: filler.fill(&d.because),
                evidence: outcome.evidence,
            });
        }
    }
    let score = score.clamp(1, 5);
    RiskView {
        id: r.id.name.clone(),
        title: r.title.clone(),
        description: r.description.clone(),
        likelihood: match score {
            1 | 2 => "low",
            3 => "medium",
            _ => "high",
        }
        .to_string(),
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

#[cfg(test)]
mod tests {
    use crate::engine::testing;

    #[test]
    fn likelihood_stays_on_the_scale_and_matches_its_word() {
        for sample in [testing::lao(), testing::fiji(), testing::korea()] {
            let plan = testing::plan_of(sample);
            let planned: Vec<&str> = plan.components.iter().map(|c| c.id.as_str()).collect();
            for r in &plan.risks {
                assert!((1..=5).contains(&r.score), "{}", r.id);
                let word = match r.score {
                    1 | 2 => "low",
                    3 => "medium",
                    _ => "high",
                };
                assert_eq!(r.likelihood, word);
                assert!(r.mitigated_by.iter().all(|c| planned.contains(&c.as_str())));
            }
        }
    }
}
