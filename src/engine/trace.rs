//! Stage 18: the trace for the annex: every rule of the framework, whether
//! it applied, on which input values, and what it did in this plan.
//!
//! It needs only the rules' outcomes and the choices ("what it did" includes
//! whether an earlier rule had already made a choice this rule would have
//! made). It sits after financing because each rule's reason is filled in
//! with the plan's amounts.

use super::choices::Choices;
use super::rules::{Fired, RuleOutcomes};
use super::text::Filler;
use crate::framework::{Ident, Rule};
use crate::plan::RuleTrace;

pub fn rules(outcomes: &RuleOutcomes, choices: &Choices, filler: &Filler) -> Vec<RuleTrace> {
    outcomes
        .rules
        .iter()
        .zip(&outcomes.outcomes)
        .enumerate()
        .map(|(index, (rule, outcome))| RuleTrace {
            id: rule.id.name.clone(),
            because: filler.fill(&rule.because),
            fired: outcome.holds,
            evidence: outcome.evidence.clone(),
            effects: if outcome.holds {
                effects(index, rule, choices)
            } else {
                Vec::new()
            },
        })
        .collect()
}

/// What the rule at `index` did: what it included, prioritised or found in
/// place, and whether the choices it makes were taken or made earlier.
fn effects(index: usize, rule: &Rule, choices: &Choices) -> Vec<String> {
    let ids = |list: &[Ident]| {
        list.iter()
            .map(|i| i.name.clone())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let chosen = |by: Option<Fired>| by.is_some_and(|f| f.index == index);
    let mut out = Vec::new();
    if !rule.include.is_empty() {
        out.push(format!("include: {}", ids(&rule.include)));
    }
    if !rule.prioritise.is_empty() {
        out.push(format!("prioritise: {}", ids(&rule.prioritise)));
    }
    if !rule.skip.is_empty() {
        out.push(format!("already in place: {}", ids(&rule.skip)));
    }
    if let Some(p) = &rule.pacing {
        out.push(if chosen(choices.pacing_rule) {
            format!("pacing: {}", p.name)
        } else {
            format!("pacing {} not used: an earlier rule chose the pace", p.name)
        });
    }
    if let Some(g) = &rule.governance {
        out.push(if chosen(choices.governance_rule) {
            format!("governance: {}", g.name)
        } else {
            format!(
                "governance {} not used: an earlier rule chose the model",
                g.name
            )
        });
    }
    if rule.financing_mix.is_some() {
        out.push(if chosen(choices.financing_mix_rule) {
            "financing mix set".to_string()
        } else {
            "financing mix not used: an earlier rule set it".to_string()
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::engine::testing;

    #[test]
    fn the_trace_says_which_rule_made_a_choice_and_which_came_too_late() {
        let plan = testing::plan_of(testing::lao());
        let (framework, _) = testing::lao();
        assert_eq!(plan.rules.len(), framework.rules.len());
        let effects = |id: &str| {
            plan.rules
                .iter()
                .find(|r| r.id == id)
                .unwrap()
                .effects
                .clone()
        };
        assert_eq!(effects("pacing-low-capacity"), ["pacing: cautious"]);
        assert_eq!(
            effects("pacing-moderate"),
            ["pacing measured not used: an earlier rule chose the pace"]
        );
        for r in plan.rules.iter().filter(|r| !r.fired) {
            assert!(r.effects.is_empty(), "{}", r.id);
        }
    }
}
