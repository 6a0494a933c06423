//! Stage 11: the framework's recommendations, each with the tailored
//! sentences whose conditions hold for this country and the input values
//! that made them hold.
//!
//! Recommendations are evaluated on the inputs alone; they sit after
//! financing so that their texts may quote the cost and the gap.

use super::Given;
use super::text::Filler;
use crate::plan::{RecommendationView, Trigger};

pub fn tailor(given: &Given, filler: &Filler) -> Vec<RecommendationView> {
    given
        .framework
        .recommendations
        .iter()
        .map(|r| {
            let mut rationale = Vec::new();
            let mut triggered_by = Vec::new();
            for t in &r.tailoring {
                let outcome = t.when.evaluate(&given.facts);
                if outcome.holds {
                    rationale.push(filler.fill(&t.text));
                    triggered_by.push(Trigger {
                        id: t.id.name.clone(),
                        evidence: outcome.evidence,
                    });
                }
            }
            RecommendationView {
                id: r.id.name.clone(),
                title: r.title.clone(),
                principle: filler.fill(&r.principle),
                rationale,
                triggered_by,
            }
        })
        .collect()
}
