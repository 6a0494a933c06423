//! Stage 7: what the envelope funds. Components claim money in the same
//! order as they claim delivery capacity (see `schedule.rs`): each is
//! placed at its earliest free slot and funded if its cost inside the
//! horizon (one-off cost plus running cost from go-live to the end of the
//! plan) still fits in what is left of the envelope. What does not fit in
//! the money is the unfunded pipeline, ranked in the same order, with what
//! each further tranche of money would buy; the same placement run at 60%
//! to 120% of the envelope gives the scenarios.
//!
//! Without an envelope, everything that fits in the horizon is funded and
//! the plan says that no envelope was given.

use super::Given;
use super::amounts::{Thousands, from_millions, running_over, total, whole};
use super::costs::ComponentCost;
use super::schedule::{Board, Placement, Slot, Tasks, place_in_order};

/// The funded programme, the pipeline and the scenarios.
pub struct Funding {
    /// Each task's placement, in the selection's order.
    pub placements: Vec<Placement>,
    /// Cost of the funded programme inside the horizon.
    pub funded_cost: Thousands,
    /// Unfunded components in the order more money would buy them, each
    /// with what it adds to the cost inside the horizon.
    pub pipeline: Vec<(usize, Thousands)>,
    /// The envelope used, in thousands, when one was given.
    pub envelope: Option<Thousands>,
    /// What the same placement funds at other envelopes.
    pub scenarios: Vec<Scenario>,
}

/// What a scaled envelope funds.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// Share of the profile's envelope.
    pub scale: f64,
    pub envelope: Thousands,
    pub funded: usize,
    pub funded_cost: Thousands,
    pub unfunded: usize,
    pub unfunded_cost: Thousands,
    /// The tasks it funds, in selection order.
    pub funded_tasks: Vec<usize>,
}

/// Shares of the profile's envelope the scenarios are worked out at.
pub const SCENARIO_SCALES: [f64; 4] = [0.6, 0.8, 1.0, 1.2];

/// A component's cost inside the horizon if it ends (goes live) at `end`.
pub fn cost_in_horizon(cost: &ComponentCost, end: u32, horizon: u32) -> Thousands {
    cost.one_off + running_over(cost.running_per_year, horizon.saturating_sub(end))
}

pub fn fund(given: &Given, tasks: &Tasks, costs: &[ComponentCost]) -> Funding {
    let profile_envelope = given.input.plan.budget_usd_millions.map(from_millions);
    let envelope = profile_envelope.map(|e| scaled(e, given.input.plan.budget_scale));
    let mut funding = run(tasks, costs, envelope);
    if let Some(full) = profile_envelope {
        let mut scales: Vec<f64> = SCENARIO_SCALES.to_vec();
        if !scales
            .iter()
            .any(|s| (s - given.input.plan.budget_scale).abs() < 1e-9)
        {
            scales.push(given.input.plan.budget_scale);
            scales.sort_by(f64::total_cmp);
        }
        funding.scenarios = scales
            .into_iter()
            .map(|scale| {
                let e = scaled(full, scale);
                let outcome = if Some(e) == envelope {
                    None
                } else {
                    Some(run(tasks, costs, Some(e)))
                };
                let f = outcome.as_ref().unwrap_or(&funding);
                Scenario {
                    scale,
                    envelope: e,
                    funded: f.placements.iter().filter(|p| p.span().is_some()).count(),
                    funded_cost: f.funded_cost,
                    unfunded: f.pipeline.len(),
                    unfunded_cost: total(f.pipeline.iter().map(|(_, c)| c)),
                    funded_tasks: (0..f.placements.len())
                        .filter(|&i| f.placements[i].span().is_some())
                        .collect(),
                }
            })
            .collect();
    }
    funding
}

fn scaled(envelope: Thousands, scale: f64) -> Thousands {
    whole(envelope as f64 * scale)
}

/// One placement of every task in priority order, with money as a limit
/// when there is an envelope; then the pipeline, placed after the funded
/// programme as if money came.
fn run(tasks: &Tasks, costs: &[ComponentCost], envelope: Option<Thousands>) -> Funding {
    let horizon = tasks.horizon;
    let mut funded_cost: Thousands = 0;
    let (mut placed, board) = place_in_order(
        &tasks.tasks,
        &tasks.order,
        tasks.capacity,
        horizon,
        |i, end| {
            let cost = cost_in_horizon(&costs[i], end, horizon);
            let fits = envelope.is_none_or(|e| funded_cost + cost <= e);
            if fits {
                funded_cost += cost;
            }
            fits
        },
    );
    let pipeline = pipeline(tasks, costs, &board, &mut placed);
    Funding {
        placements: placed
            .into_iter()
            .map(|p| p.expect("every task is decided"))
            .collect(),
        funded_cost,
        pipeline,
        envelope,
        scenarios: Vec::new(),
    }
}

/// Places what money left out after the funded programme, in priority
/// order, as if the money came: each gets where it would run and what it
/// would add. What would not end inside the horizon even then is left
/// without a place, and what needs it stays blocked.
fn pipeline(
    tasks: &Tasks,
    costs: &[ComponentCost],
    board: &Board,
    placed: &mut [Option<Placement>],
) -> Vec<(usize, Thousands)> {
    let mut extended = board.clone();
    // Where each task runs in the funded programme or would run if funded.
    let mut runs: Vec<Option<Placement>> = placed.to_vec();
    let mut pipeline = Vec::new();
    for &i in &tasks.order {
        let waits_for_money = match &placed[i] {
            Some(Placement::NotFunded { .. }) => true,
            Some(Placement::BlockedBy(b)) => {
                matches!(runs[*b], Some(Placement::NotFunded { would_run: Some(_) }))
            }
            _ => false,
        };
        if !waits_for_money {
            continue;
        }
        let task = &tasks.tasks[i];
        if let Some(b) = task
            .requires
            .iter()
            .copied()
            .find(|&r| would_run(&runs[r]).is_none())
        {
            placed[i] = Some(Placement::BlockedBy(b));
            runs[i] = placed[i].clone();
            continue;
        }
        let ready = task
            .requires
            .iter()
            .filter_map(|&r| would_run(&runs[r]))
            .map(|(_, end)| end)
            .max()
            .unwrap_or(0)
            .max(task.not_before);
        placed[i] = Some(match extended.slot(task, ready) {
            // Started only after the funded programme, it would end too
            // late: it waits for money, or for the prerequisite that does.
            Slot::TooLate { .. } => match placed[i] {
                Some(Placement::BlockedBy(b)) => Placement::BlockedBy(b),
                _ => Placement::NotFunded { would_run: None },
            },
            Slot::Free { start, .. } => {
                let end = start + task.duration;
                extended.occupy(task, start);
                pipeline.push((i, cost_in_horizon(&costs[i], end, tasks.horizon)));
                Placement::NotFunded {
                    would_run: Some((start, end)),
                }
            }
        });
        runs[i] = placed[i].clone();
    }
    pipeline
}

/// Where a task runs, funded or as it would if funded.
fn would_run(placement: &Option<Placement>) -> Option<(u32, u32)> {
    match placement {
        Some(Placement::Scheduled { start, end, .. }) => Some((*start, *end)),
        Some(Placement::NotFunded { would_run }) => *would_run,
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{choices, costs, phases::Calendar, rules, schedule, selection, testing};
    use crate::plan::DeferredCause;

    #[test]
    fn over_budget_the_pipeline_follows_the_priority_order() {
        let (framework, mut input) = testing::lao();
        input.plan.budget_scale = 0.5;
        let given = &Given::new(&input, &framework);
        let filler = testing::filler(given);
        let outcomes = rules::evaluate(given);
        let selection = selection::select(given, &outcomes, &filler);
        let choices = choices::choose(given, &outcomes);
        let calendar = Calendar::new(given);
        let costs = costs::component_costs(given, &selection);
        let tasks = schedule::tasks(given, &selection, &choices, &calendar);
        let funding = fund(given, &tasks, &costs);
        let envelope = funding.envelope.unwrap();
        assert!(funding.funded_cost <= envelope);
        assert!(funding.pipeline.len() >= 3, "{:?}", funding.pipeline);
        let rank = |i: usize| tasks.order.iter().position(|&o| o == i).unwrap();
        let ranks: Vec<usize> = funding.pipeline.iter().map(|(i, _)| rank(*i)).collect();
        assert!(ranks.windows(2).all(|w| w[0] < w[1]), "{ranks:?}");
        // Every essential (tier 1) component that is funded comes before
        // the first one the money did not reach, in priority order.
        let first_unfunded = ranks[0];
        for (i, p) in funding.placements.iter().enumerate() {
            if matches!(p, Placement::Scheduled { .. }) && rank(i) > first_unfunded {
                let cost = match p {
                    Placement::Scheduled { end, .. } => {
                        cost_in_horizon(&costs[i], *end, tasks.horizon)
                    }
                    _ => unreachable!(),
                };
                let (first, _) = funding.pipeline[0];
                assert!(
                    cost < costs[first].one_off + costs[first].running_per_year * 5,
                    "a lower-priority component is funded only when it is cheaper than the first one left out"
                );
            }
        }
        let plan = testing::plan_of((framework.clone(), input.clone()));
        let waiting: Vec<&str> = plan
            .deferred
            .iter()
            .filter(|d| d.cause == DeferredCause::Funding)
            .map(|d| d.id.as_str())
            .collect();
        for p in &plan.financing.pipeline {
            assert!(waiting.contains(&p.id.as_str()));
        }
        assert!(plan.financing.total_cost_usd_millions <= 85.0 * 0.5);
    }

    #[test]
    fn with_money_to_spare_nothing_waits_for_money_and_nothing_idles() {
        let (framework, mut input) = testing::lao();
        input.plan.budget_scale = 10.0;
        let plan = testing::plan_of((framework, input));
        assert!(plan.financing.pipeline.is_empty());
        assert!(
            plan.deferred
                .iter()
                .all(|d| d.cause != DeferredCause::Funding)
        );
        assert!(plan.financing.headroom_usd_millions.unwrap() > 0.0);
        // The audit's check: nothing deferred for time could have started
        // earlier with capacity free.
        assert_eq!(crate::audit::audit(&plan), Vec::<String>::new());
    }

    #[test]
    fn the_scenarios_include_this_plan_and_grow_with_the_envelope() {
        let plan = testing::plan_of(testing::lao());
        let scenarios = &plan.financing.scenarios;
        let scales: Vec<f64> = scenarios.iter().map(|s| s.scale).collect();
        assert_eq!(scales, vec![0.6, 0.8, 1.0, 1.2]);
        let this: Vec<_> = scenarios.iter().filter(|s| s.this_plan).collect();
        assert_eq!(this.len(), 1);
        assert_eq!(
            this[0].funded_usd_millions,
            plan.financing.total_cost_usd_millions
        );
        for s in scenarios {
            assert!(s.funded_usd_millions <= s.envelope_usd_millions);
        }
    }
}
