//! Stage 13: the framework's recommendations, each with the tailored
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

#[cfg(test)]
mod tests {
    use crate::engine::testing;

    #[test]
    fn each_tailored_sentence_has_the_inputs_that_triggered_it() {
        let (framework, _) = testing::lao();
        let plan = testing::plan_of(testing::lao());
        let ids: Vec<&str> = plan.recommendations.iter().map(|r| r.id.as_str()).collect();
        let expected: Vec<&str> = framework.recommendations.iter().map(|r| &*r.id).collect();
        assert_eq!(ids, expected);
        for r in &plan.recommendations {
            assert_eq!(r.rationale.len(), r.triggered_by.len(), "{}", r.id);
            assert!(r.triggered_by.iter().all(|t| !t.evidence.is_empty()));
            assert!(r.rationale.iter().all(|s| !s.contains('{')));
        }
        assert!(plan.recommendations.iter().any(|r| !r.rationale.is_empty()));
    }
}
