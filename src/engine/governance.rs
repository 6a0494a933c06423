//! Stage 11: who runs the programme. The chosen governance model's bodies,
//! coordination and data-sharing arrangements, written for this country,
//! and the cross-cutting enablers with the plan's components that serve
//! each.
//!
//! It comes after financing because the model's texts may quote the cost.

use std::collections::HashSet;

use super::Given;
use super::choices::Choices;
use super::precedents;
use super::text::Filler;
use crate::language::say;
use crate::plan::{BodyView, EnablerView, GovernanceView};

pub fn view(given: &Given, choices: &Choices, filler: &Filler) -> GovernanceView {
    let model = choices.governance;
    let (precedent, seen_in) = precedents::quote(given, &model.id.name).unzip();
    GovernanceView {
        model: model.id.name.clone(),
        name: model.name.clone(),
        summary: filler.fill(&model.summary),
        seen_in: seen_in.unwrap_or_default(),
        precedent,
        rule: choices.governance_rule.map(|f| f.rule.id.name.clone()),
        because: choices.governance_rule.map_or_else(
            || say("engine.governance.no_rule").to_string(),
            |f| filler.fill(&f.rule.because),
        ),
        bodies: model
            .bodies
            .iter()
            .map(|b| BodyView {
                name: filler.fill(&b.name),
                chair: filler.fill(&b.chair),
                members: filler.fill(&b.members),
                role: b.role.clone(),
                meets: b.meets.clone(),
                set_up_by: b.set_up_by.as_ref().map(|c| c.name.clone()),
            })
            .collect(),
        coordination: model.coordination.iter().map(|t| filler.fill(t)).collect(),
        data_sharing: model.data_sharing.iter().map(|t| filler.fill(t)).collect(),
    }
}

/// Every enabler of the framework with the planned components that serve it.
pub fn enablers(given: &Given, planned: &HashSet<&str>, filler: &Filler) -> Vec<EnablerView> {
    given
        .framework
        .enablers
        .iter()
        .map(|e| EnablerView {
            id: e.id.name.clone(),
            name: e.name.clone(),
            description: filler.fill(given.version(&e.description, &e.versions)),
            components: e
                .components
                .iter()
                .filter(|c| planned.contains(c.name.as_str()))
                .map(|c| c.name.clone())
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::engine::testing;

    #[test]
    fn the_model_is_written_for_the_country_and_lists_only_planned_work() {
        let plan = testing::plan_of(testing::korea());
        let g = &plan.governance;
        assert_eq!(g.model, "agency");
        assert_eq!(g.rule.as_deref(), Some("governance-mature"));
        let texts = g
            .bodies
            .iter()
            .flat_map(|b| [&b.name, &b.chair, &b.members]);
        for text in texts.chain(&g.coordination).chain(&g.data_sharing) {
            assert!(!text.contains('{'), "unfilled: {text}");
        }
        let planned: Vec<&str> = plan.components.iter().map(|c| c.id.as_str()).collect();
        for e in &plan.enablers {
            assert!(e.components.iter().all(|c| planned.contains(&c.as_str())));
        }
    }
}
