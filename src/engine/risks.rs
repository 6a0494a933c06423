//! Stage 13: the programme's risks, each rated for this country: a base
//! likelihood raised or lowered by the drivers whose conditions hold, with
//! the planned components that mitigate it.

use std::collections::HashSet;

use super::Given;
use super::rules::InputFacts;
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
