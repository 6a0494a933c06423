//! Stage 16: the few decisions the executive summary asks for, in
//! framework order: those whose conditions hold, whose component is in the
//! plan, and, for decisions about money, only when there is a funding gap.
//!
//! It comes late because it depends on the components planned and on the
//! gap.

use std::collections::HashSet;

use super::Given;
use super::text::Filler;
use crate::plan::{DecisionView, FinancingView};

/// The executive summary asks for at most this many decisions.
const MOST_DECISIONS: usize = 5;

pub fn key_decisions(
    given: &Given,
    planned: &HashSet<&str>,
    financing: &FinancingView,
    filler: &Filler,
) -> Vec<DecisionView> {
    let funding_gap = financing.funding_gap().is_some();
    given
        .framework
        .decisions
        .iter()
        .filter(|d| {
            d.component
                .as_ref()
                .is_none_or(|c| planned.contains(c.name.as_str()))
        })
        .filter(|d| !d.when_funding_gap || funding_gap)
        .filter_map(|d| {
            let outcome = d.when.evaluate(&given.facts);
            outcome.holds.then(|| DecisionView {
                id: d.id.name.clone(),
                text: filler.fill(&d.text),
                evidence: outcome.evidence,
            })
        })
        .take(MOST_DECISIONS)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing;

    #[test]
    fn money_decisions_appear_only_with_a_funding_gap() {
        let (framework, _) = testing::korea();
        let about_money: Vec<&str> = framework
            .decisions
            .iter()
            .filter(|d| d.when_funding_gap)
            .map(|d| &*d.id)
            .collect();
        assert!(!about_money.is_empty());
        let korea = testing::plan_of(testing::korea());
        assert!(korea.financing.gap_usd_millions.is_none());
        assert!(
            korea
                .key_decisions
                .iter()
                .all(|d| !about_money.contains(&d.id.as_str()))
        );
        for sample in [testing::lao(), testing::fiji(), testing::korea()] {
            let plan = testing::plan_of(sample);
            assert!(!plan.key_decisions.is_empty());
            assert!(plan.key_decisions.len() <= MOST_DECISIONS);
        }
    }
}
