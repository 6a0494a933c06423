//! Stage 3: the three choices a plan makes once for the whole programme:
//! the pace of delivery, the governance model and the financing mix.
//!
//! Each is made by the first applicable rule that sets it, in framework
//! order, or else by the framework's default. They come after selection and
//! before the schedule, which runs at the chosen pace.

use indexmap::IndexMap;

use super::Given;
use super::rules::{Fired, RuleOutcomes};
use super::text::Filler;
use super::text::say_with;
use crate::framework::{GovernanceModel, Pacing, Rule};
use crate::language::say;
use crate::plan::PacingView;
use crate::words::format_number;

pub struct Choices<'f> {
    pub pacing: &'f Pacing,
    pub pacing_rule: Option<Fired<'f>>,
    pub governance: &'f GovernanceModel,
    pub governance_rule: Option<Fired<'f>>,
    /// Share of the cost by financing source id, before the profile's
    /// external share is applied.
    pub financing_mix: IndexMap<String, f64>,
    pub financing_mix_rule: Option<Fired<'f>>,
}

pub fn choose<'f>(given: &Given<'f>, outcomes: &'f RuleOutcomes<'f>) -> Choices<'f> {
    let framework = given.framework;
    let first = |decides: fn(&Rule) -> bool| outcomes.first_fired(decides);
    let pacing_rule = first(|r| r.pacing.is_some());
    let pacing_id = pacing_rule
        .and_then(|f| f.rule.pacing.as_ref())
        .unwrap_or(&framework.meta.default_pacing);
    let governance_rule = first(|r| r.governance.is_some());
    let governance_id = governance_rule
        .and_then(|f| f.rule.governance.as_ref())
        .unwrap_or(&framework.meta.default_governance);
    let financing_mix_rule = first(|r| r.financing_mix.is_some());
    Choices {
        pacing: framework
            .pacing_profile(pacing_id)
            .expect("validated: pacing profile exists"),
        pacing_rule,
        governance: framework
            .governance_model(governance_id)
            .expect("validated: governance model exists"),
        governance_rule,
        financing_mix: financing_mix_rule
            .and_then(|f| f.rule.financing_mix.clone())
            .unwrap_or_else(|| framework.meta.default_financing_mix.clone()),
        financing_mix_rule,
    }
}

/// The pace as the plan states it, with the reason it was chosen.
pub fn pacing_view(choices: &Choices, filler: &Filler) -> PacingView {
    let pacing = choices.pacing;
    PacingView {
        id: pacing.id.name.clone(),
        name: pacing.name.clone(),
        description: pacing.description.clone(),
        max_parallel: pacing.max_parallel,
        max_new_per_year: pacing.max_new_per_year,
        duration_factor: pacing.duration_factor,
        capacity: capacity_statement(pacing),
        rule: choices.pacing_rule.map(|f| f.rule.id.name.clone()),
        because: choices.pacing_rule.map_or_else(
            || say("engine.choices.no_pacing_rule").to_string(),
            |f| filler.fill(&f.rule.because),
        ),
    }
}

/// The capacity limits in words, from the pace's numbers: the same
/// measure the schedule keeps to.
fn capacity_statement(pacing: &Pacing) -> String {
    let stretch = ((pacing.duration_factor - 1.0) * 100.0).round();
    let durations = if stretch > 0.0 {
        say_with(
            "engine.choices.longer",
            &[("percent", &format_number(stretch, 0))],
        )
    } else if stretch < 0.0 {
        say_with(
            "engine.choices.shorter",
            &[("percent", &format_number(-stretch, 0))],
        )
    } else {
        say("engine.choices.standard_durations").to_string()
    };
    say_with(
        "engine.choices.capacity",
        &[
            ("teams", &format_number(pacing.max_parallel as f64, 0)),
            ("starts", &format_number(pacing.max_new_per_year as f64, 0)),
            ("durations", &durations),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Given, rules, testing};
    use crate::framework::Outcome;

    #[test]
    fn rules_choose_the_pace_model_and_mix() {
        let (framework, input) = testing::korea();
        let given = Given::new(&input, &framework);
        let outcomes = rules::evaluate(&given);
        let choices = choose(&given, &outcomes);
        assert_eq!(&*choices.governance.id, "agency");
        assert_eq!(
            &*choices.governance_rule.unwrap().rule.id,
            "governance-mature"
        );
        assert_eq!(
            &*choices.financing_mix_rule.unwrap().rule.id,
            "financing-hic"
        );
        assert_eq!(choices.financing_mix["development_partners"], 0.0);
    }

    #[test]
    fn without_an_applicable_rule_the_framework_defaults_apply() {
        let (framework, input) = testing::fiji();
        let given = Given::new(&input, &framework);
        let none_apply = rules::RuleOutcomes {
            rules: &framework.rules,
            outcomes: vec![
                Outcome {
                    holds: false,
                    evidence: Vec::new()
                };
                framework.rules.len()
            ],
        };
        let choices = choose(&given, &none_apply);
        assert_eq!(choices.pacing.id.name, framework.meta.default_pacing.name);
        assert_eq!(
            choices.governance.id.name,
            framework.meta.default_governance.name
        );
        assert_eq!(choices.financing_mix, framework.meta.default_financing_mix);
        assert!(choices.pacing_rule.is_none());
        let filler = testing::filler(&given);
        let view = pacing_view(&choices, &filler);
        assert!(view.because.contains("default pace"), "{}", view.because);
    }
}
