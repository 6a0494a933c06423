//! Stage 7: the components as the plan lists them: each scheduled component
//! with its dates, cost, reasons and links to the others, and each deferred
//! one with why it could not fit; then the pillars they fall under.
//!
//! It joins what the selection, the schedule and the costs decided, with
//! the phases and the pace: each component's phase is the one its start
//! falls in, and a deferred component's reason says whether it waited for
//! capacity at that pace. It chooses no component, date or cost itself; the
//! list runs by start month, then catalogue order.

use std::collections::{HashMap, HashSet};

use super::Given;
use super::amounts::{Thousands, to_millions};
use super::choices::Choices;
use super::costs::ComponentCost;
use super::phases::Calendar;
use super::schedule::{Placement, Schedule};
use super::selection::Selection;
use super::text::Filler;
use crate::framework::{Component, Framework, Pacing};
use crate::plan::{DeferredComponent, FinancingOption, PillarView, PlannedComponent, Reason};
use crate::words::quarter;

pub struct Listed {
    /// Scheduled components by start month, then catalogue order.
    pub planned: Vec<PlannedComponent>,
    /// Selected components that do not fit in the horizon, in catalogue order.
    pub deferred: Vec<DeferredComponent>,
    /// The cost of each planned component, by id.
    pub cost_of: HashMap<String, Thousands>,
    /// What the deferred components would cost.
    pub deferred_cost: Thousands,
}

impl Listed {
    /// Ids of the planned components.
    pub fn planned_ids(&self) -> HashSet<&str> {
        self.planned.iter().map(|c| c.id.as_str()).collect()
    }
}

/// What a component's entry needs besides the selection, schedule and costs.
struct Frame<'a> {
    framework: &'a Framework,
    calendar: &'a Calendar,
    pacing: &'a Pacing,
    start_year: i32,
    end_year: i32,
    filler: &'a Filler,
}

/// Joins the selection, the schedule and the costs (all in selection order).
pub fn list(
    given: &Given,
    selection: &Selection,
    schedule: &Schedule,
    costs: &[ComponentCost],
    calendar: &Calendar,
    choices: &Choices,
    filler: &Filler,
) -> Listed {
    let frame = &Frame {
        framework: given.framework,
        calendar,
        pacing: choices.pacing,
        start_year: given.horizon.start_year,
        end_year: given.horizon.end_year,
        filler,
    };
    let mut listed = Listed {
        planned: Vec::new(),
        deferred: Vec::new(),
        cost_of: HashMap::new(),
        deferred_cost: 0,
    };
    for (i, c) in selection.components.iter().enumerate() {
        let cost = &costs[i];
        let because = selection
            .reasons
            .get(&c.id.name)
            .cloned()
            .unwrap_or_default();
        let (reason, earliest_start) = match &schedule.placements[i] {
            Placement::Scheduled {
                ready_from,
                start,
                end,
            } => {
                listed.cost_of.insert(c.id.name.clone(), cost.thousands);
                let span = (*ready_from, *start, *end);
                let entry = planned(frame, selection, c, span, cost, because);
                listed.planned.push(entry);
                continue;
            }
            Placement::DoesNotFit {
                ready_from,
                earliest_start,
            } => {
                let duration = schedule.tasks[i].duration;
                let reason = does_not_fit(frame, *ready_from, *earliest_start, duration);
                (reason, Some(*earliest_start))
            }
            Placement::BlockedBy(blocker) => {
                let blocker = selection.components[*blocker];
                let reason = format!("It requires “{}”, which is deferred.", blocker.title);
                (reason, None)
            }
        };
        listed.deferred_cost += cost.thousands;
        let entry = deferred(c, reason, earliest_start, cost, because);
        listed.deferred.push(entry);
    }
    listed
        .planned
        .sort_by_key(|c| (c.start_month, selection.position[c.id.as_str()]));
    listed
}

fn planned(
    frame: &Frame,
    selection: &Selection,
    c: &Component,
    (ready_from, start, end): (u32, u32, u32),
    cost: &ComponentCost,
    because: Vec<Reason>,
) -> PlannedComponent {
    let framework = frame.framework;
    PlannedComponent {
        id: c.id.name.clone(),
        title: c.title.clone(),
        pillar: c.pillar.name.clone(),
        summary: frame.filler.fill(&c.summary),
        phase: framework.phases[frame.calendar.phase_of(start)]
            .id
            .name
            .clone(),
        ready_month: ready_from,
        start_month: start,
        end_month: end,
        duration_months: end - start,
        depends_on: c
            .requires
            .iter()
            .filter(|r| selection.position.contains_key(r.name.as_str()))
            .map(|r| r.name.clone())
            .collect(),
        builds_on: c
            .requires
            .iter()
            .filter(|r| selection.in_place.contains_key(&r.name))
            .map(|r| r.name.clone())
            .collect(),
        cost_usd_millions: to_millions(cost.thousands),
        cost_basis: cost.basis.clone(),
        financing: c
            .financing
            .iter()
            .filter_map(|m| framework.pppp_model(m))
            .map(|m| FinancingOption {
                id: m.id.name.clone(),
                name: m.name.clone(),
            })
            .collect(),
        lead: frame.filler.fill(&c.lead),
        raises: c.raises.iter().map(|d| d.name.clone()).collect(),
        sdgs: c.sdgs.clone(),
        change_management: c.change_management.clone(),
        milestone: c.milestone.clone(),
        prioritised: selection.prioritised.contains(&c.id.name),
        because,
    }
}

/// Why a component that was ready at `ready_from` cannot end in the horizon.
fn does_not_fit(frame: &Frame, ready_from: u32, earliest_start: u32, duration: u32) -> String {
    let q = |m: u32| quarter(frame.start_year, m);
    let wait = if earliest_start > ready_from {
        format!(
            "Its prerequisites allow a start in {}, but at the {} pace ({} components at once) no delivery capacity is free before {}. ",
            q(ready_from),
            frame.pacing.name.to_lowercase(),
            frame.pacing.max_parallel,
            q(earliest_start),
        )
    } else {
        format!("It can start in {} at the earliest. ", q(earliest_start))
    };
    let end_year = frame.end_year;
    format!(
        "{wait}It needs {duration} months and would run past December {end_year}, the end of the plan.",
    )
}

/// `earliest_start` is `None` when a prerequisite is deferred.
fn deferred(
    c: &Component,
    reason: String,
    earliest_start: Option<u32>,
    cost: &ComponentCost,
    because: Vec<Reason>,
) -> DeferredComponent {
    DeferredComponent {
        id: c.id.name.clone(),
        title: c.title.clone(),
        reason,
        earliest_start_month: earliest_start,
        cost_usd_millions: to_millions(cost.thousands),
        because,
    }
}

/// The pillars with their planned components and what each costs.
pub fn pillar_views(given: &Given, listed: &Listed) -> Vec<PillarView> {
    let (planned, cost_of) = (&listed.planned, &listed.cost_of);
    given
        .framework
        .pillars
        .iter()
        .map(|p| {
            let members: Vec<&PlannedComponent> =
                planned.iter().filter(|c| c.pillar == p.id.name).collect();
            PillarView {
                id: p.id.name.clone(),
                name: p.name.clone(),
                description: p.description.clone(),
                components: members.iter().map(|c| c.id.clone()).collect(),
                cost_usd_millions: to_millions(members.iter().map(|c| cost_of[&c.id]).sum()),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::engine::testing;

    #[test]
    fn the_list_runs_by_start_month_and_links_only_what_is_planned() {
        let plan = testing::plan_of(testing::lao());
        let starts: Vec<u32> = plan.components.iter().map(|c| c.start_month).collect();
        assert!(starts.windows(2).all(|w| w[0] <= w[1]), "{starts:?}");
        let planned: Vec<&str> = plan.components.iter().map(|c| c.id.as_str()).collect();
        for c in &plan.components {
            for d in &c.depends_on {
                assert!(planned.contains(&d.as_str()), "{} depends on {d}", c.id);
            }
            let phase = plan.phases.iter().find(|p| p.id == c.phase).unwrap();
            assert!(phase.start_month <= c.start_month && c.start_month < phase.end_month);
        }
        let in_place = testing::plan_of(testing::korea());
        for c in &in_place.components {
            for b in &c.builds_on {
                assert!(in_place.in_place.iter().any(|p| &p.id == b), "{b}");
            }
        }
    }

    #[test]
    fn a_deferred_component_says_why() {
        let plan = testing::plan_of(testing::lao());
        for d in &plan.deferred {
            assert!(
                d.reason.contains("would run past December 2030")
                    || d.reason.contains("which is deferred"),
                "{}: {}",
                d.id,
                d.reason
            );
        }
    }
}
