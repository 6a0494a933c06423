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
use super::text::say_with;
use crate::framework::{Ident, Rule};
use crate::language::say;
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
    let listed = [
        ("engine.trace.include", &rule.include),
        ("engine.trace.prioritise", &rule.prioritise),
        ("engine.trace.in_place", &rule.skip),
    ];
    for (key, list) in listed {
        if !list.is_empty() {
            out.push(say_with(key, &[("ids", &ids(list))]));
        }
    }
    if let Some(p) = &rule.pacing {
        let key = if chosen(choices.pacing_rule) {
            "engine.trace.pacing"
        } else {
            "engine.trace.pacing_unused"
        };
        out.push(say_with(key, &[("name", &p.name)]));
    }
    if let Some(g) = &rule.governance {
        let key = if chosen(choices.governance_rule) {
            "engine.trace.governance"
        } else {
            "engine.trace.governance_unused"
        };
        out.push(say_with(key, &[("name", &g.name)]));
    }
    if rule.financing_mix.is_some() {
        out.push(
            say(if chosen(choices.financing_mix_rule) {
                "engine.trace.mix_set"
            } else {
                "engine.trace.mix_unused"
            })
            .to_string(),
        );
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
