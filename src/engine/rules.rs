//! Stage 1: every rule of the framework, evaluated once against the
//! country's inputs.
//!
//! Everything later reads these outcomes rather than evaluating a rule
//! again, so the selection, the choices and the trace in the annex cannot
//! disagree about which rules applied.

use super::Given;
use crate::framework::{Outcome, Rule};

/// A rule that applied, with the input values that made it apply.
#[derive(Debug, Clone, Copy)]
pub struct Fired<'f> {
    /// Position of the rule in the framework, which identifies it.
    pub index: usize,
    pub rule: &'f Rule,
    pub outcome: &'f Outcome,
}

/// The outcome of every rule, in framework order.
pub struct RuleOutcomes<'f> {
    pub rules: &'f [Rule],
    pub outcomes: Vec<Outcome>,
}

pub fn evaluate<'f>(given: &Given<'f>) -> RuleOutcomes<'f> {
    let rules = &given.framework.rules;
    RuleOutcomes {
        rules,
        outcomes: rules
            .iter()
            .map(|r| r.when.evaluate(&given.facts))
            .collect(),
    }
}

impl<'f> RuleOutcomes<'f> {
    /// The rules that applied, in framework order.
    pub fn fired(&self) -> impl Iterator<Item = Fired<'_>> {
        self.rules
            .iter()
            .zip(&self.outcomes)
            .enumerate()
            .filter(|(_, (_, outcome))| outcome.holds)
            .map(|(index, (rule, outcome))| Fired {
                index,
                rule,
                outcome,
            })
    }

    /// The first rule that applied among those that `decides` something:
    /// for a single choice such as the pace, earlier rules take precedence.
    pub fn first_fired(&self, decides: impl Fn(&Rule) -> bool) -> Option<Fired<'_>> {
        self.fired().find(|f| decides(f.rule))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing;

    #[test]
    fn every_rule_is_evaluated_once_in_framework_order() {
        let (framework, input) = testing::lao();
        let given = Given::new(&input, &framework);
        let outcomes = evaluate(&given);
        assert_eq!(outcomes.outcomes.len(), framework.rules.len());
        let fired: Vec<&str> = outcomes.fired().map(|f| &*f.rule.id).collect();
        assert!(
            fired[0].starts_with("core-governance"),
            "the rules every plan has, in one version or another, come first"
        );
        for f in outcomes.fired() {
            assert!(f.outcome.holds);
            assert!(std::ptr::eq(f.rule, &framework.rules[f.index]));
        }
    }

    #[test]
    fn the_first_applicable_rule_makes_a_single_choice() {
        // Lao PDR's capacity is low enough for both the cautious and the
        // measured pace; the cautious rule comes first and decides.
        let (framework, input) = testing::lao();
        let given = Given::new(&input, &framework);
        let outcomes = evaluate(&given);
        let pacing_rules: Vec<&str> = outcomes
            .fired()
            .filter(|f| f.rule.pacing.is_some())
            .map(|f| &*f.rule.id)
            .collect();
        assert_eq!(pacing_rules, ["pacing-low-capacity", "pacing-moderate"]);
        let first = outcomes.first_fired(|r| r.pacing.is_some()).unwrap();
        assert_eq!(&*first.rule.id, "pacing-low-capacity");
    }
}
