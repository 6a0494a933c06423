//! Stage 8: when the money is spent. Each scheduled component's cost is
//! spread evenly over the months it runs, which gives the costs by year and
//! by phase, and the phases as the plan shows them, each with the
//! components that start in it and what it costs.
//!
//! It needs the components as listed (their months and costs), and
//! financing needs its totals.

use super::Given;
use super::amounts::{Thousands, spread_evenly, to_millions};
use super::components::Listed;
use super::phases::Calendar;
use crate::plan::{PhaseView, PlannedComponent, YearCost};

/// The scheduled components' costs over time.
pub struct Spending {
    pub total: Thousands,
    pub by_year: Vec<YearCost>,
    /// Spent within each phase's months, in framework order.
    pub by_phase: Vec<Thousands>,
}

pub fn spending(given: &Given, listed: &Listed, calendar: &Calendar) -> Spending {
    let (start_year, years) = (given.horizon.start_year, given.horizon.years);
    let (components, cost_of) = (&listed.planned, &listed.cost_of);
    let mut monthly: Vec<Thousands> = vec![0; (years * 12) as usize];
    for c in components.iter() {
        let spread = spread_evenly(cost_of[&c.id], c.end_month - c.start_month);
        for (month, amount) in (c.start_month..c.end_month).zip(spread) {
            monthly[month as usize] += amount;
        }
    }
    let sum =
        |from: u32, to: u32| -> Thousands { monthly[from as usize..to as usize].iter().sum() };
    Spending {
        total: components.iter().map(|c| cost_of[&c.id]).sum(),
        by_year: (0..years)
            .map(|y| YearCost {
                year: start_year + y as i32,
                cost_usd_millions: to_millions(sum(y * 12, (y + 1) * 12)),
            })
            .collect(),
        by_phase: calendar.bounds.iter().map(|&(s, e)| sum(s, e)).collect(),
    }
}

/// The phases with the components that start in each and what each costs.
pub fn phase_views(
    given: &Given,
    calendar: &Calendar,
    components: &[PlannedComponent],
    spending: &Spending,
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
            purpose: p.purpose.clone(),
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
    use crate::engine::{choices, components, costs, rules, schedule, selection, testing};

    #[test]
    fn spending_by_year_and_by_phase_adds_up_to_the_total() {
        let (framework, input) = testing::lao();
        let given = &Given::new(&input, &framework);
        let filler = testing::filler(given);
        let outcomes = rules::evaluate(given);
        let selection = selection::select(given, &outcomes, &filler);
        let choices = choices::choose(given, &outcomes);
        let calendar = Calendar::new(given);
        let schedule = schedule::place(given, &selection, &choices, &calendar);
        let costs = costs::component_costs(given, &selection);
        let listed = components::list(
            given, &selection, &schedule, &costs, &calendar, &choices, &filler,
        );
        let spending = spending(given, &listed, &calendar);
        assert_eq!(spending.total, listed.cost_of.values().sum::<Thousands>());
        assert_eq!(spending.by_phase.iter().sum::<Thousands>(), spending.total);
        let by_year: f64 = spending.by_year.iter().map(|y| y.cost_usd_millions).sum();
        assert_eq!((by_year * 1000.0).round() as Thousands, spending.total);
        assert_eq!(spending.by_year.len(), 5);
    }
}
