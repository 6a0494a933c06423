//! Stage 9: when the money is spent. Each funded component's one-off cost
//! is spread evenly over the months it is under way, and its running cost
//! over every month from go-live to the end of the plan; that gives the
//! costs by year (one-off and running) and by phase, and the phases as the
//! plan shows them, each with the components that start in it and what it
//! costs.
//!
//! It needs the components as listed (their months and costs), and
//! financing needs its totals.

use super::Given;
use super::amounts::{Thousands, running_by_month, spread_evenly, to_millions, total};
use super::components::Listed;
use super::phases::Calendar;
use super::text::Filler;
use super::text::say_with;
use crate::language::say;
use crate::plan::{DeferredCause, PhaseView, PlannedComponent, YearCost};

/// The scheduled components' costs over time.
pub struct Spending {
    pub total: Thousands,
    pub one_off: Thousands,
    pub running: Thousands,
    /// Running costs per year once everything delivered is live.
    pub running_per_year_after: Thousands,
    pub by_year: Vec<YearCost>,
    /// Spent within each phase's months, in framework order.
    pub by_phase: Vec<Thousands>,
}

pub fn spending(given: &Given, listed: &Listed, calendar: &Calendar) -> Spending {
    let (start_year, years) = (given.horizon.start_year, given.horizon.years);
    let (components, cost_of) = (&listed.planned, &listed.cost_of);
    let months = years * 12;
    let mut one_off: Vec<Thousands> = vec![0; months as usize];
    let mut running: Vec<Thousands> = vec![0; months as usize];
    for c in components.iter() {
        let cost = &cost_of[&c.id];
        let spread = spread_evenly(cost.one_off, c.end_month - c.start_month);
        for (month, amount) in (c.start_month..c.end_month).zip(spread) {
            one_off[month as usize] += amount;
        }
        let live = running_by_month(cost.running_per_year, months - c.end_month);
        for (month, amount) in (c.end_month..months).zip(live) {
            running[month as usize] += amount;
        }
    }
    let sum = |series: &[Thousands], from: u32, to: u32| -> Thousands {
        total(&series[from as usize..to as usize])
    };
    let both = |from: u32, to: u32| total([sum(&one_off, from, to), sum(&running, from, to)]);
    Spending {
        total: both(0, months),
        one_off: sum(&one_off, 0, months),
        running: sum(&running, 0, months),
        running_per_year_after: total(components.iter().map(|c| &cost_of[&c.id].running_per_year)),
        by_year: (0..years)
            .map(|y| {
                let (from, to) = (y * 12, (y + 1) * 12);
                YearCost {
                    year: start_year + y as i32,
                    cost_usd_millions: to_millions(both(from, to)),
                    capex_usd_millions: to_millions(sum(&one_off, from, to)),
                    opex_usd_millions: to_millions(sum(&running, from, to)),
                }
            })
            .collect(),
        by_phase: calendar.bounds.iter().map(|&(s, e)| both(s, e)).collect(),
    }
}

/// Why the last years start no new component, when they start none: the
/// plan says so rather than leave the reader to wonder.
pub fn schedule_note(given: &Given, listed: &Listed) -> Option<String> {
    let (start_year, years) = (given.horizon.start_year, given.horizon.years);
    let last_start_year = listed.planned.iter().map(|c| c.start_month / 12).max()?;
    if last_start_year + 1 >= years {
        return None;
    }
    let quiet: Vec<String> = (last_start_year + 1..years)
        .map(|y| (start_year + y as i32).to_string())
        .collect();
    let waits_for_money = listed
        .deferred
        .iter()
        .any(|d| d.cause == DeferredCause::Funding);
    let too_long = listed
        .deferred
        .iter()
        .any(|d| d.cause == DeferredCause::Time);
    let why = say(match (waits_for_money, too_long) {
        (true, true) => "engine.spending.why_money_and_time",
        (true, false) => "engine.spending.why_money",
        (false, true) => "engine.spending.why_time",
        (false, false) => "engine.spending.why_all_started",
    });
    let first_quiet = (last_start_year + 1) * 12;
    let under_way = listed.planned.iter().any(|c| c.end_month > first_quiet);
    // One year "completes", several "complete".
    let key = match (quiet.len() == 1, under_way) {
        (true, true) => "engine.spending.quiet_year_under_way",
        (true, false) => "engine.spending.quiet_year",
        (false, true) => "engine.spending.quiet_years_under_way",
        (false, false) => "engine.spending.quiet_years",
    };
    Some(say_with(
        key,
        &[("years", &crate::words::join_words(&quiet)), ("why", why)],
    ))
}

/// The phases with the components that start in each and what each costs.
pub fn phase_views(
    given: &Given,
    calendar: &Calendar,
    components: &[PlannedComponent],
    spending: &Spending,
    filler: &Filler,
) -> Vec<PhaseView> {
    let month_year = |month: u32| given.horizon.start_year + (month / 12) as i32;
    given
        .framework
        .phases
        .iter()
        .zip(&calendar.bounds)
        .zip(&spending.by_phase)
        .map(|((p, &(start, end)), &cost)| PhaseView {
            id: p.id.name.clone(),
            name: p.name.clone(),
            purpose: filler.fill(given.version(&p.purpose, &p.versions)),
            start_month: start,
            end_month: end,
            start_year: month_year(start),
            end_year: month_year(end.saturating_sub(1)),
            components: components
                .iter()
                .filter(|c| c.phase == p.id.name)
                .map(|c| c.id.clone())
                .collect(),
            cost_usd_millions: to_millions(cost),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{choices, components, costs, funding, rules, schedule, selection, testing};

    #[test]
    fn spending_by_year_and_by_phase_adds_up_to_the_total() {
        let (framework, input) = testing::lao();
        let given = &Given::new(&input, &framework);
        let filler = testing::filler(given);
        let outcomes = rules::evaluate(given);
        let selection = selection::select(given, &outcomes, &filler);
        let choices = choices::choose(given, &outcomes);
        let calendar = Calendar::new(given);
        let costs = costs::component_costs(given, &selection);
        let tasks = schedule::tasks(given, &selection, &choices, &calendar);
        let funding = funding::fund(given, &tasks, &costs);
        let listed = components::list(
            given,
            &selection,
            components::Decided {
                costs: &costs,
                tasks: &tasks,
                funding: &funding,
            },
            &calendar,
            &choices,
            &filler,
        );
        let spending = spending(given, &listed, &calendar);
        assert_eq!(spending.total, funding.funded_cost);
        assert_eq!(spending.one_off + spending.running, spending.total);
        assert_eq!(spending.by_phase.iter().sum::<Thousands>(), spending.total);
        let by_year: f64 = spending.by_year.iter().map(|y| y.cost_usd_millions).sum();
        assert_eq!((by_year * 1000.0).round() as Thousands, spending.total);
        assert_eq!(spending.by_year.len(), 5);
    }
}
