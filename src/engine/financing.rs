//! Stage 10: who pays. The funded programme's cost is split between
//! financing sources by the chosen mix (or by the profile's stated external
//! share); the envelope, the headroom, the unfunded pipeline, the scenarios
//! and the running cost the budget carries after the plan are stated; and
//! each PPPP model is listed with the components it finances.
//!
//! It needs the costs, the funding and the components, and it comes before
//! the texts that quote the total, the envelope or the gap.

use indexmap::IndexMap;

use super::Given;
use super::amounts::{self, Thousands, round, split_exact, to_millions};
use super::choices::Choices;
use super::components::Listed;
use super::funding::Funding;
use super::precedents;
use super::selection::Selection;
use super::spending::Spending;
use super::text::Filler;
use super::text::say_with;
use crate::framework::{FinancingSource, Framework};
use crate::input::CountryInput;
use crate::language::say;
use crate::plan::{
    FinancingView, ModelUse, PhaseView, PillarCost, PillarView, PipelineItem, ScenarioView,
    SourceShare,
};
use crate::words::format_number;

/// What financing is worked out from: the components and their costs.
pub struct Financed<'a> {
    pub selection: &'a Selection<'a>,
    pub funding: &'a Funding,
    pub listed: &'a Listed,
    pub spending: &'a Spending,
    pub pillars: &'a [PillarView],
    pub phases: &'a [PhaseView],
}

pub fn view(
    given: &Given,
    choices: &Choices,
    financed: Financed,
    filler: &Filler,
) -> FinancingView {
    let (input, framework) = (given.input, given.framework);
    let (spending, funding) = (financed.spending, financed.funding);
    let total = to_millions(spending.total);
    let envelope = funding.envelope;
    let unfunded: Thousands = amounts::total(funding.pipeline.iter().map(|(_, c)| c));
    let by_source = by_source(input, framework, choices, spending.total);
    let headroom = envelope.map(|e| e - spending.total);
    FinancingView {
        total_cost_usd_millions: total,
        capex_usd_millions: to_millions(spending.one_off),
        opex_usd_millions: to_millions(spending.running),
        recurrent_after_horizon_usd_millions_per_year: to_millions(spending.running_per_year_after),
        envelope_usd_millions: envelope.map(to_millions),
        headroom_usd_millions: headroom.map(to_millions),
        unfunded_usd_millions: envelope.map(|_| to_millions(unfunded)),
        gap_usd_millions: envelope.map(|e| to_millions(spending.total + unfunded - e)),
        pipeline: pipeline(financed.selection, funding, headroom.unwrap_or(0)),
        scenarios: scenarios(given, financed.selection, funding),
        cost_per_capita_usd: input
            .country
            .population_millions
            .map(|p| round(total / p, 2)),
        mix_because: mix_because(choices, filler, &by_source),
        by_source,
        by_year: spending.by_year.clone(),
        by_pillar: cost_rows(
            financed
                .pillars
                .iter()
                .map(|p| (&p.id, &p.name, p.cost_usd_millions)),
        ),
        by_phase: cost_rows(
            financed
                .phases
                .iter()
                .map(|p| (&p.id, &p.name, p.cost_usd_millions)),
        ),
        mix_rule: choices.financing_mix_rule.map(|f| f.rule.id.name.clone()),
        pppp_models: model_uses(given, financed.listed),
        cost_basis: framework.cost_model.basis.clone(),
        deferred_cost_usd_millions: to_millions(financed.listed.deferred_cost),
    }
}

/// Why the mix was chosen, then what it comes to, from the shares used.
fn mix_because(choices: &Choices, filler: &Filler, sources: &[SourceShare]) -> String {
    let reason = choices.financing_mix_rule.map_or_else(
        || say("engine.financing.no_mix_rule").to_string(),
        |f| filler.fill(&f.rule.because),
    );
    let parts: Vec<String> = sources
        .iter()
        .filter(|s| s.share > 0.0)
        .map(|s| {
            say_with(
                "engine.financing.source_share",
                &[
                    ("source", &s.name.to_lowercase()),
                    ("share", &format_number(s.share * 100.0, 1)),
                ],
            )
        })
        .collect();
    let Some(largest) = sources.iter().max_by(|a, b| a.share.total_cmp(&b.share)) else {
        return reason;
    };
    let share = format_number(largest.share * 100.0, 1);
    let source = largest.name.to_lowercase();
    let key = match largest.share {
        s if s > 0.5 => "engine.financing.most",
        s if (s - 0.5).abs() < 1e-9 => "engine.financing.half",
        _ => "engine.financing.largest",
    };
    let judgement = say_with(key, &[("share", &share), ("source", &source)]);
    say_with(
        "engine.financing.because",
        &[
            ("reason", &reason),
            ("shares", &crate::words::join_words(&parts)),
            ("judgement", &judgement),
        ],
    )
}

/// The unfunded components in the order more money would buy them.
fn pipeline(selection: &Selection, funding: &Funding, headroom: Thousands) -> Vec<PipelineItem> {
    let mut cumulative: Thousands = 0;
    funding
        .pipeline
        .iter()
        .enumerate()
        .map(|(rank, &(i, cost))| {
            cumulative += cost;
            let (start, end) = match funding.placements[i] {
                super::schedule::Placement::NotFunded {
                    would_run: Some(run),
                } => run,
                _ => (0, 0),
            };
            PipelineItem {
                rank: rank as u32 + 1,
                id: selection.components[i].id.name.clone(),
                title: selection.components[i].title.clone(),
                cost_usd_millions: to_millions(cost),
                cumulative_usd_millions: to_millions(cumulative),
                further_usd_millions: to_millions((cumulative - headroom).max(0)),
                start_month: start,
                end_month: end,
            }
        })
        .collect()
}

fn scenarios(given: &Given, selection: &Selection, funding: &Funding) -> Vec<ScenarioView> {
    let this = given.input.plan.budget_scale;
    let funded_here = |i: usize| funding.placements[i].span().is_some();
    let ids = |mut tasks: Vec<usize>| -> Vec<String> {
        tasks.sort_by_key(|&i| selection.components[i].title.as_str());
        tasks
            .into_iter()
            .map(|i| selection.components[i].id.name.clone())
            .collect()
    };
    funding
        .scenarios
        .iter()
        .map(|s| ScenarioView {
            scale: s.scale,
            envelope_usd_millions: to_millions(s.envelope),
            funded_components: s.funded as u32,
            funded_usd_millions: to_millions(s.funded_cost),
            unfunded_components: s.unfunded as u32,
            unfunded_usd_millions: to_millions(s.unfunded_cost),
            this_plan: (s.scale - this).abs() < 1e-9,
            adds: ids(s
                .funded_tasks
                .iter()
                .copied()
                .filter(|&i| !funded_here(i))
                .collect()),
            drops: ids((0..funding.placements.len())
                .filter(|&i| funded_here(i) && !s.funded_tasks.contains(&i))
                .collect()),
        })
        .collect()
}

/// Costs by pillar or by phase, as the financing chapter lists them.
fn cost_rows<'a>(rows: impl Iterator<Item = (&'a String, &'a String, f64)>) -> Vec<PillarCost> {
    rows.map(|(id, name, cost)| PillarCost {
        id: id.clone(),
        name: name.clone(),
        cost_usd_millions: cost,
    })
    .collect()
}

/// The total split by source, the parts adding up exactly.
fn by_source(
    input: &CountryInput,
    framework: &Framework,
    choices: &Choices,
    total: Thousands,
) -> Vec<SourceShare> {
    let basis = choices
        .financing_mix_rule
        .map_or("framework default".to_string(), |f| f.rule.id.name.clone());
    let shares = apply_external_share(
        framework,
        &choices.financing_mix,
        input.plan.external_financing_share,
    );
    let amounts = split_exact(
        total,
        &shares.iter().map(|(_, s, _)| *s).collect::<Vec<_>>(),
    );
    shares
        .iter()
        .zip(amounts)
        .map(|((source, share, from_profile), amount)| SourceShare {
            id: source.id.name.clone(),
            name: source.name.clone(),
            description: source.description.clone(),
            share: round(*share, 4),
            amount_usd_millions: to_millions(amount),
            basis: if *from_profile {
                "profile: plan.external_financing_share".to_string()
            } else {
                basis.clone()
            },
        })
        .collect()
}

/// Shares by source. A profile's `external_financing_share` fixes the share of
/// external sources; the other sources keep their proportions in what is left.
fn apply_external_share<'f>(
    framework: &'f Framework,
    mix: &IndexMap<String, f64>,
    external: Option<f64>,
) -> Vec<(&'f FinancingSource, f64, bool)> {
    let sources = &framework.financing_sources;
    let share_of = |id: &str| mix.get(id).copied().unwrap_or(0.0);
    let Some(external) = external else {
        return sources
            .iter()
            .map(|s| (s, share_of(&s.id), false))
            .collect();
    };
    let external_count = sources.iter().filter(|s| s.external).count().max(1) as f64;
    let internal_total: f64 = sources
        .iter()
        .filter(|s| !s.external)
        .map(|s| share_of(&s.id))
        .sum();
    let internal_count = sources.iter().filter(|s| !s.external).count().max(1) as f64;
    sources
        .iter()
        .map(|s| {
            if s.external {
                (s, external / external_count, true)
            } else if internal_total > 0.0 {
                (
                    s,
                    (1.0 - external) * share_of(&s.id) / internal_total,
                    false,
                )
            } else {
                (s, (1.0 - external) / internal_count, false)
            }
        })
        .collect()
}

/// The PPPP and financing models the plan uses, each with the components
/// that name it as their first choice, in framework order.
fn model_uses(given: &Given, listed: &Listed) -> Vec<ModelUse> {
    let mut uses: IndexMap<String, Vec<String>> = IndexMap::new();
    for c in &listed.planned {
        if let Some(first) = c.financing.first() {
            uses.entry(first.id.clone()).or_default().push(c.id.clone());
        }
    }
    given
        .framework
        .pppp_models
        .iter()
        .filter_map(|m| {
            let used = uses.get(&m.id.name)?;
            let (precedent, example) = match precedents::quote(given, &m.id.name) {
                Some((precedent, text)) => (Some(precedent), text),
                None => (None, m.example.clone().unwrap_or_default()),
            };
            Some(ModelUse {
                id: m.id.name.clone(),
                name: m.name.clone(),
                description: m.description.clone(),
                example,
                precedent,
                partners: m.partners.clone(),
                components: used.clone(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Given, choices, rules, testing};

    #[test]
    fn the_sources_add_up_to_the_total_exactly() {
        let (framework, input) = testing::lao();
        let given = Given::new(&input, &framework);
        let outcomes = rules::evaluate(&given);
        let choices = choices::choose(&given, &outcomes);
        let sources = by_source(&input, &framework, &choices, 85_123);
        let parts: Thousands = sources
            .iter()
            .map(|s| (s.amount_usd_millions * 1000.0).round() as Thousands)
            .sum();
        assert_eq!(parts, 85_123);
    }

    #[test]
    fn the_profiles_external_share_overrides_the_mix() {
        let (framework, input) = testing::fiji();
        let given = Given::new(&input, &framework);
        let outcomes = rules::evaluate(&given);
        let choices = choices::choose(&given, &outcomes);
        let sources = by_source(&input, &framework, &choices, 1_000);
        let partners = sources
            .iter()
            .find(|s| s.id == "development_partners")
            .unwrap();
        assert_eq!(partners.share, 0.35);
        assert_eq!(partners.basis, "profile: plan.external_financing_share");
        let shares: f64 = sources.iter().map(|s| s.share).sum();
        assert!((shares - 1.0).abs() < 1e-9);
    }

    #[test]
    fn the_gap_is_the_cost_beyond_the_envelope() {
        let plan = testing::plan_of(testing::fiji());
        let f = &plan.financing;
        let unfunded: f64 = f.pipeline.iter().map(|p| p.cost_usd_millions).sum();
        let expected = f.total_cost_usd_millions + unfunded - 30.0;
        assert!((f.gap_usd_millions.unwrap() - expected).abs() < 0.001);
        assert!(f.total_cost_usd_millions <= 30.0);
        let korea = testing::plan_of(testing::korea());
        assert_eq!(
            korea.financing.gap_usd_millions, None,
            "no envelope, no gap"
        );
    }
}
