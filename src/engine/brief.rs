//! Stage 17: what the cabinet brief picks out of the plan: the three risks
//! a minister should know, and what happens in the first 100 days.
//!
//! The risks are the most likely first; between risks rated alike, the one
//! more of whose drivers hold for this country, then framework order (the
//! framework lists the risks that threaten the whole programme first).
//!
//! The first 100 days follow from decisions already taken by the earlier
//! stages: the plan and its decisions go to Cabinet, the bodies of the
//! chosen governance model are set up, the funded work scheduled to start
//! in the first months starts, and the work scheduled to start within
//! [`PROCUREMENT_LEAD_MONTHS`] after that is put out to tender, since
//! buying goods and services takes about that long. It comes last because
//! it reads the decisions.

use super::Given;
use crate::plan::{BodyView, BriefView, DecisionView, FirstDaysAction, PlannedComponent, RiskView};
use crate::words::{capitalise, count_word, quarter, with_article};

/// The brief names this many risks.
const TOP_RISKS: usize = 3;
/// The brief covers this many days from the plan's start.
const FIRST_DAYS: u32 = 100;
/// Work starting in months of the horizon below this starts in the first 100 days.
const FIRST_MONTHS: u32 = 4;
/// Months it takes to buy goods and services: work starting this soon after
/// the first 100 days is tendered within them.
const PROCUREMENT_LEAD_MONTHS: u32 = 6;
/// Day by which Cabinet takes the plan's decisions: its first, since the
/// schedule starts work then.
const CABINET_BY_DAY: u32 = 1;
/// Day by which the governance bodies are set up and have met.
const BODIES_BY_DAY: u32 = 30;
/// Day by which the tenders are launched.
const TENDERS_BY_DAY: u32 = 90;

/// What the brief picks out.
pub struct Picked<'a> {
    pub risks: &'a [RiskView],
    pub bodies: &'a [BodyView],
    pub planned: &'a [PlannedComponent],
    pub decisions: &'a [DecisionView],
}

pub fn brief(given: &Given, picked: &Picked) -> BriefView {
    BriefView {
        top_risks: top_risks(picked.risks),
        first_100_days: first_days(given, picked),
    }
}

/// The ids of the [`TOP_RISKS`] most likely risks, as the module says.
fn top_risks(risks: &[RiskView]) -> Vec<String> {
    let mut ranked: Vec<(usize, &RiskView)> = risks.iter().enumerate().collect();
    ranked.sort_by_key(|(order, r)| (-r.score, -(r.drivers.len() as i64), *order));
    ranked
        .into_iter()
        .take(TOP_RISKS)
        .map(|(_, r)| r.id.clone())
        .collect()
}

fn first_days(given: &Given, picked: &Picked) -> Vec<FirstDaysAction> {
    let year = given.horizon.start_year;
    let action = |by_day: u32, text: String| FirstDaysAction {
        by_day,
        by_date: date_of_day(year, by_day),
        text,
    };
    let mut actions = vec![action(
        CABINET_BY_DAY,
        format!(
            "{} puts the plan and the {} decisions it asks for to Cabinet.",
            capitalise(&with_article(&given.sponsor)),
            count_word(picked.decisions.len())
        ),
    )];
    if !picked.bodies.is_empty() {
        let names: Vec<String> = picked.bodies.iter().map(|b| b.name.clone()).collect();
        actions.push(action(
            BODIES_BY_DAY,
            // Whether a body exists already is not an input: the text holds either way.
            format!(
                "{} to launch it, set up first where {} not exist yet: {}.",
                if names.len() == 1 {
                    "The body that runs the plan meets"
                } else {
                    "The bodies that run the plan meet"
                },
                if names.len() == 1 {
                    "it does"
                } else {
                    "they do"
                },
                names.join("; "),
            ),
        ));
    }
    let funded = || picked.planned.iter().filter(|c| c.funded);
    for month in 0..FIRST_MONTHS {
        let starting: Vec<String> = funded()
            .filter(|c| c.start_month == month)
            .map(|c| c.title.clone())
            .collect();
        if !starting.is_empty() {
            let day = first_day_of_month(year, month);
            actions.push(action(
                day,
                format!("Work starts on: {}.", starting.join("; ")),
            ));
        }
    }
    let tenders: Vec<String> = funded()
        .filter(|c| c.capex_usd_millions > 0.0)
        .filter(|c| (FIRST_MONTHS..FIRST_MONTHS + PROCUREMENT_LEAD_MONTHS).contains(&c.start_month))
        .map(|c| format!("{} (starts {})", c.title, quarter(year, c.start_month)))
        .collect();
    if !tenders.is_empty() {
        actions.push(action(
            TENDERS_BY_DAY,
            format!(
                "Procurement is launched for the work that starts next, since buying takes about {} months: {}.",
                count_word(PROCUREMENT_LEAD_MONTHS as usize),
                tenders.join("; ")
            ),
        ));
    }
    actions.sort_by_key(|a| a.by_day);
    debug_assert!(actions.iter().all(|a| a.by_day <= FIRST_DAYS));
    actions
}

fn month_lengths(year: i32) -> [u32; 12] {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ]
}

/// The day of the plan (1 = 1 January of its first year) on which month
/// `month` of the horizon begins; `month` is within the first year.
fn first_day_of_month(year: i32, month: u32) -> u32 {
    month_lengths(year)[..month as usize].iter().sum::<u32>() + 1
}

/// Day `day` of the plan as YYYY-MM-DD; `day` is within the first year.
fn date_of_day(year: i32, day: u32) -> String {
    let mut left = day;
    for (month, length) in month_lengths(year).iter().enumerate() {
        if left <= *length {
            return format!("{year}-{:02}-{left:02}", month + 1);
        }
        left -= length;
    }
    format!("{year}-12-31")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing;

    #[test]
    fn days_of_the_plan_read_as_dates() {
        assert_eq!(date_of_day(2027, 1), "2027-01-01");
        assert_eq!(date_of_day(2027, 100), "2027-04-10");
        assert_eq!(date_of_day(2028, 100), "2028-04-09");
        assert_eq!(first_day_of_month(2027, 3), 91);
        assert_eq!(date_of_day(2027, first_day_of_month(2027, 3)), "2027-04-01");
    }

    #[test]
    fn the_top_risks_are_the_most_likely_then_the_most_driven() {
        for sample in [testing::lao(), testing::fiji(), testing::korea()] {
            let plan = testing::plan_of(sample);
            let top: Vec<&RiskView> = plan
                .brief
                .top_risks
                .iter()
                .map(|id| plan.risks.iter().find(|r| &r.id == id).unwrap())
                .collect();
            assert_eq!(top.len(), TOP_RISKS.min(plan.risks.len()));
            let lowest_kept = top.iter().map(|r| r.score).min().unwrap();
            for r in &plan.risks {
                if !plan.brief.top_risks.contains(&r.id) {
                    assert!(r.score <= lowest_kept, "{} left out", r.id);
                }
            }
            assert!(top.windows(2).all(|w| w[0].score >= w[1].score));
        }
    }

    #[test]
    fn the_first_100_days_are_dated_within_them_and_follow_the_schedule() {
        for sample in [testing::lao(), testing::fiji(), testing::korea()] {
            let plan = testing::plan_of(sample);
            let days = &plan.brief.first_100_days;
            assert!(days.len() >= 2, "{days:?}");
            assert!(days.iter().all(|a| (1..=FIRST_DAYS).contains(&a.by_day)));
            assert!(days.windows(2).all(|w| w[0].by_day <= w[1].by_day));
            assert!(days[0].text.contains("Cabinet"), "{}", days[0].text);
            // Every funded component starting in the first months is named
            // on the day its month begins.
            for c in plan
                .components
                .iter()
                .filter(|c| c.funded && c.start_month < FIRST_MONTHS)
            {
                let day = first_day_of_month(plan.horizon.start_year, c.start_month);
                assert!(
                    days.iter()
                        .any(|a| a.by_day == day && a.text.contains(&c.title)),
                    "{} starts in month {} but is not in {days:?}",
                    c.title,
                    c.start_month
                );
            }
            for body in &plan.governance.bodies {
                assert!(days.iter().any(|a| a.text.contains(&body.name)));
            }
        }
    }
}
