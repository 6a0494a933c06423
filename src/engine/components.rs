//! Stage 8: the components as the plan lists them: each funded component
//! with its dates, costs, reasons and links to the others, and each one left
//! out with why (money, time or a prerequisite); then the pillars they fall
//! under.
//!
//! It joins what the selection, the costs and the funding stage decided,
//! with the phases and the pace: each component's phase is the one its
//! start falls in, and a deferred component's reason says whether it waited
//! for capacity at that pace. It chooses no component, date or cost itself;
//! the list runs by start month, then catalogue order.

use std::collections::{HashMap, HashSet};

use super::Given;
use super::amounts::{Thousands, from_millions, running_over, to_millions, total};
use super::choices::Choices;
use super::costs::ComponentCost;
use super::eligibility;
use super::funding::{Funding, cost_in_horizon};
use super::phases::Calendar;
use super::schedule::{Placement, Tasks};
use super::selection::Selection;
use super::text::Filler;
use super::text::say_with;
use crate::framework::{Component, Framework, Pacing};
use crate::plan::{
    DeferredCause, DeferredComponent, FinancingOption, PillarView, PlannedComponent, Reason,
};
use crate::words::{format_score, quarter};

pub struct Listed {
    /// Scheduled components by start month, then catalogue order.
    pub planned: Vec<PlannedComponent>,
    /// Selected components that do not fit in the horizon, in catalogue order.
    pub deferred: Vec<DeferredComponent>,
    /// The costs of each planned component, by id.
    pub cost_of: HashMap<String, ComponentCost>,
    /// What the deferred components would cost inside the horizon (their
    /// one-off cost where they would not fit in it).
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
    given: &'a Given<'a>,
    framework: &'a Framework,
    calendar: &'a Calendar,
    pacing: &'a Pacing,
    start_year: i32,
    end_year: i32,
    horizon: u32,
    filler: &'a Filler,
}

/// What stages 5 to 7 decided for each selected component, in selection order.
pub struct Decided<'a> {
    pub costs: &'a [ComponentCost],
    pub tasks: &'a Tasks,
    pub funding: &'a Funding,
}

/// Joins the selection with what was decided for each component.
pub fn list(
    given: &Given,
    selection: &Selection,
    decided: Decided,
    calendar: &Calendar,
    choices: &Choices,
    filler: &Filler,
) -> Listed {
    let frame = &Frame {
        given,
        framework: given.framework,
        calendar,
        pacing: choices.pacing,
        start_year: given.horizon.start_year,
        end_year: given.horizon.end_year,
        horizon: given.horizon.months,
        filler,
    };
    let Decided {
        costs,
        tasks,
        funding,
    } = decided;
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
        let title_of = |j: usize| &selection.components[j].title;
        let mut ready_month = None;
        let (cause, reason, earliest_start, would_run) = match &funding.placements[i] {
            Placement::Scheduled {
                ready_from,
                start,
                end,
            } => {
                listed.cost_of.insert(c.id.name.clone(), cost.clone());
                let span = (*ready_from, *start, *end);
                let entry = planned(frame, selection, c, span, cost, because);
                listed.planned.push(entry);
                continue;
            }
            Placement::NotFunded { would_run } => {
                let reason = not_funded(frame, *would_run);
                (
                    DeferredCause::Funding,
                    reason,
                    would_run.map(|r| r.0),
                    *would_run,
                )
            }
            Placement::DoesNotFit {
                ready_from,
                earliest_start,
            } => {
                let duration = tasks.tasks[i].duration;
                ready_month = Some(*ready_from);
                let reason = does_not_fit(frame, *ready_from, *earliest_start, duration);
                (DeferredCause::Time, reason, Some(*earliest_start), None)
            }
            Placement::BlockedBy(blocker) => {
                let mut reason = say_with(
                    "engine.components.requires",
                    &[("title", title_of(*blocker))],
                );
                // The prerequisite waits for money and has a place if funded,
                // yet this one still could not follow it in time.
                if matches!(
                    funding.placements[*blocker],
                    Placement::NotFunded { would_run: Some(_) }
                ) {
                    reason.push(' ');
                    reason.push_str(&say_with(
                        "engine.components.even_if_funded",
                        &[("year", &frame.end_year.to_string())],
                    ));
                }
                (DeferredCause::Prerequisite, reason, None, None)
            }
        };
        let in_horizon = would_run.map_or(cost.one_off, |(_, end)| {
            cost_in_horizon(cost, end, frame.horizon)
        });
        listed.deferred_cost += in_horizon;
        let entry = DeferredComponent {
            id: c.id.name.clone(),
            title: c.title.clone(),
            kind: c.kind,
            level: c.level,
            cause,
            funded: false,
            reason,
            earliest_start_month: earliest_start,
            duration_months: tasks.tasks[i].duration,
            ready_month,
            effort: c.effort,
            capex_usd_millions: to_millions(cost.one_off),
            opex_usd_millions_per_year: to_millions(cost.running_per_year),
            cost_usd_millions: to_millions(in_horizon),
            because,
        };
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
    let running_months = frame.horizon.saturating_sub(end);
    // The version of its texts that fits the country, if any.
    let version = c.versions.iter().find(|v| frame.given.holds(&v.when));
    let opex_in_horizon = running_over(cost.running_per_year, running_months);
    PlannedComponent {
        id: c.id.name.clone(),
        title: c.title.clone(),
        kind: c.kind,
        level: c.level,
        funded: true,
        effort: c.effort,
        pillar: c.pillar.name.clone(),
        summary: frame.filler.fill(version.map_or(&c.summary, |v| &v.text)),
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
        cost_usd_millions: to_millions(cost_in_horizon(cost, end, frame.horizon)),
        capex_usd_millions: to_millions(cost.one_off),
        opex_usd_millions_per_year: to_millions(cost.running_per_year),
        opex_in_horizon_usd_millions: to_millions(opex_in_horizon),
        cost_basis: cost.basis.clone(),
        financing: eligibility::options(frame.given, c)
            .into_iter()
            .map(|m| FinancingOption {
                id: m.id.name.clone(),
                name: m.name.clone(),
            })
            .collect(),
        lead: frame.filler.fill(&c.lead),
        raises: c.raises.iter().map(|d| d.name.clone()).collect(),
        sdgs: c.sdgs.clone(),
        change_management: frame.filler.fill(&c.change_management),
        milestone: frame.filler.fill(
            version
                .and_then(|v| v.milestone.as_ref())
                .unwrap_or(&c.milestone),
        ),
        prioritised: selection.prioritised.contains(&c.id.name),
        because,
    }
}

/// Why a component that was ready at `ready_from` cannot end in the horizon.
fn does_not_fit(frame: &Frame, ready_from: u32, earliest_start: u32, duration: u32) -> String {
    let q = |m: u32| quarter(frame.start_year, m);
    let wait = if earliest_start > ready_from {
        say_with(
            "engine.components.no_capacity",
            &[
                ("ready", &q(ready_from)),
                ("pace", &frame.pacing.name.to_lowercase()),
                ("teams", &frame.pacing.max_parallel.to_string()),
                ("starts", &frame.pacing.max_new_per_year.to_string()),
                ("earliest", &q(earliest_start)),
            ],
        )
    } else {
        say_with(
            "engine.components.earliest",
            &[("quarter", &q(earliest_start))],
        )
    };
    let too_long = say_with(
        "engine.components.too_long",
        &[
            ("duration", &duration.to_string()),
            ("end_year", &frame.end_year.to_string()),
            ("would_end", &q(earliest_start + duration - 1)),
        ],
    );
    format!("{wait} {too_long}")
}

/// Why a component the money did not reach is left out, and where it
/// would run if more money came.
fn not_funded(frame: &Frame, would_run: Option<(u32, u32)>) -> String {
    let q = |m: u32| quarter(frame.start_year, m);
    match would_run {
        Some((start, end)) => say_with(
            "engine.components.could_run",
            &[("start", &q(start)), ("end", &q(end - 1))],
        ),
        None => say_with(
            "engine.components.would_not_end",
            &[("year", &frame.end_year.to_string())],
        ),
    }
}

/// The pillars with their planned components and what each costs.
pub fn pillar_views(given: &Given, listed: &Listed, filler: &Filler) -> Vec<PillarView> {
    let planned = &listed.planned;
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
                description: filler.fill(given.version(&p.description, &p.versions)),
                goal: pillar_goal(given, &members),
                components: members.iter().map(|c| c.id.clone()).collect(),
                cost_usd_millions: to_millions(total(
                    members.iter().map(|c| from_millions(c.cost_usd_millions)),
                )),
            }
        })
        .collect()
}

/// What a pillar aims at by the end of the plan, in the scores of the
/// three dimensions most of its funded components raise: those below the
/// framework's target reach it; when none is below, they hold their level.
/// Empty when the pillar has no funded component.
fn pillar_goal(given: &Given, members: &[&PlannedComponent]) -> String {
    let framework = given.framework;
    let scores = &given.input.readiness.scores;
    // The pillar's own dimensions: the three that most of its components
    // raise, in framework order when they tie.
    let raising = |id: &str| {
        members
            .iter()
            .filter(|c| {
                framework
                    .component(&c.id)
                    .is_some_and(|fc| fc.raises.iter().any(|r| r.name == id))
            })
            .count()
    };
    let mut ranked: Vec<(usize, usize, &str, f64)> = framework
        .dimensions
        .iter()
        .enumerate()
        .filter_map(|(i, d)| {
            let score = *scores.get(&d.id.name)?;
            let count = raising(&d.id.name);
            (count > 0).then_some((count, i, d.name.as_str(), score))
        })
        .collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    ranked.truncate(3);
    ranked.sort_by_key(|r| r.1);
    let raised: Vec<(&str, f64)> = ranked.iter().map(|r| (r.2, r.3)).collect();
    if raised.is_empty() {
        return String::new();
    }
    let target = framework.meta.target_score;
    let listed = |items: Vec<(&str, f64)>| {
        let parts: Vec<String> = items
            .iter()
            .map(|(name, s)| {
                say_with(
                    "engine.components.goal_item",
                    &[
                        ("dimension", &name.to_lowercase()),
                        ("score", &format_score(*s)),
                    ],
                )
            })
            .collect();
        match parts.as_slice() {
            [one] => one.clone(),
            [rest @ .., last] => say_with(
                "engine.components.goal_list",
                &[("items", &rest.join("; ")), ("last", last)],
            ),
            [] => String::new(),
        }
    };
    let end = given.horizon.end_year;
    let below: Vec<(&str, f64)> = raised
        .iter()
        .copied()
        .filter(|(_, s)| *s < target)
        .collect();
    let end = end.to_string();
    if below.is_empty() {
        say_with(
            "engine.components.goal_hold",
            &[("year", &end), ("dimensions", &listed(raised))],
        )
    } else {
        say_with(
            "engine.components.goal_reach",
            &[
                ("year", &end),
                ("target", &format_score(target)),
                ("dimensions", &listed(below)),
            ],
        )
    }
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
                d.reason.contains("would run past December 2031")
                    || d.reason.contains("not in the funded programme")
                    || d.reason.contains("higher priority"),
                "{}: {}",
                d.id,
                d.reason
            );
        }
    }

    #[test]
    fn a_small_state_buys_hosting_that_a_larger_country_builds() {
        let summary = |plan: &crate::plan::Plan| {
            plan.components
                .iter()
                .find(|c| c.id == "government-cloud")
                .map(|c| c.summary.clone())
                .unwrap()
        };
        let fiji = summary(&testing::plan_of(testing::fiji()));
        let lao = summary(&testing::plan_of(testing::lao()));
        assert!(fiji.contains("bought as a service"), "{fiji}");
        assert!(lao.contains("one government data centre"), "{lao}");
    }
}
