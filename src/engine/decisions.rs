//! Stage 16: the few decisions the executive summary asks for, in
//! framework order: those whose conditions hold, whose components stand in
//! the plan as the decision says (scheduled, or already in place), and, for
//! decisions about money, only when there is a funding gap. A decision
//! quotes the quarters its components start and end from the schedule.
//!
//! The questions the summary asks the ministry to confirm are chosen the
//! same way: those whose conditions hold (an input the plan acts on is not
//! known) and whose components are in the plan, funded or not.
//!
//! It comes late because it depends on the components planned and on the
//! gap.

use super::Given;
use super::recommendations::Roster;
use super::text::Filler;
use crate::framework::{Commitment, Decision};
use crate::plan::{DecisionCommitment, DecisionView, FinancingView, PlannedComponent};

/// The executive summary asks for at most this many decisions.
const MOST_DECISIONS: usize = 5;

pub fn key_decisions(
    given: &Given,
    roster: &Roster,
    planned: &[PlannedComponent],
    financing: &FinancingView,
    filler: &Filler,
) -> Vec<DecisionView> {
    let funding_gap = financing.funding_gap().is_some();
    given
        .framework
        .decisions
        .iter()
        .filter(|d| roster.allows(&d.components, &d.in_place))
        .filter(|d| !d.when_funding_gap || funding_gap)
        .filter_map(|d| {
            let outcome = d.when.evaluate(&given.facts);
            outcome.holds.then(|| DecisionView {
                id: d.id.name.clone(),
                text: filler.fill(&d.text),
                evidence: outcome.evidence,
                commits: Some(commitment(given, d, planned, financing)),
            })
        })
        .take(MOST_DECISIONS)
        .collect()
}

/// The component whose end the master plan's milestone gives as Cabinet's
/// decision on the plan.
pub const CABINET_COMPONENT: &str = "gov-council";

/// The month by which the schedule assumes Cabinet approves the plan: the
/// last month of [`CABINET_COMPONENT`], else the plan's first.
pub fn approval_month(planned: &[PlannedComponent]) -> u32 {
    planned
        .iter()
        .find(|c| c.id == CABINET_COMPONENT)
        .map_or(0, |c| c.end_month.saturating_sub(1))
}

/// What a decision commits and when: the cost of the components it lists
/// over the months they run; else the money its `commits` names; else
/// nothing, on Cabinet's approval (adopting the plan, appointing someone),
/// when the brief's first 100 days begin.
fn commitment(
    given: &Given,
    d: &Decision,
    planned: &[PlannedComponent],
    financing: &FinancingView,
) -> DecisionCommitment {
    let months = given.horizon.months;
    let listed: Vec<&PlannedComponent> = planned
        .iter()
        .filter(|c| d.components.iter().any(|id| id.name == c.id))
        .collect();
    let span = |starts: Vec<u32>, ends: Vec<u32>| DecisionCommitment {
        cost_usd_millions: None,
        per_year: false,
        from_month: starts.into_iter().min().unwrap_or(0),
        to_month: ends.into_iter().max(),
        covers: Vec::new(),
    };
    if !listed.is_empty() {
        let cost: f64 = listed.iter().map(|c| c.cost_usd_millions).sum();
        return DecisionCommitment {
            cost_usd_millions: Some(thousands(cost)),
            covers: listed.iter().map(|c| c.title.clone()).collect(),
            ..span(
                listed.iter().map(|c| c.start_month).collect(),
                listed.iter().map(|c| c.end_month).collect(),
            )
        };
    }
    match d.commits {
        Some(Commitment::Programme) => DecisionCommitment {
            cost_usd_millions: Some(financing.total_cost_usd_millions),
            ..span(vec![0], vec![months])
        },
        Some(Commitment::Running) => DecisionCommitment {
            cost_usd_millions: Some(financing.recurrent_after_horizon_usd_millions_per_year),
            per_year: true,
            from_month: months,
            to_month: None,
            covers: Vec::new(),
        },
        Some(Commitment::Gap) => DecisionCommitment {
            cost_usd_millions: financing.gap_usd_millions,
            ..span(
                financing.pipeline.iter().map(|p| p.start_month).collect(),
                financing.pipeline.iter().map(|p| p.end_month).collect(),
            )
        },
        None => span(vec![approval_month(planned)], Vec::new()),
    }
}

/// An amount rounded to whole thousands, as the plan's totals are counted.
fn thousands(usd_millions: f64) -> f64 {
    (usd_millions * 1000.0).round() / 1000.0
}

/// The questions to confirm, in framework order: every one whose condition
/// holds and whose components are in the plan, scheduled or left for
/// later (what is not funded still rests on the answer). Unlike the
/// decisions, all are listed: each is an input the plan rests on.
pub fn open_questions(given: &Given, roster: &Roster, filler: &Filler) -> Vec<DecisionView> {
    given
        .framework
        .open_questions
        .iter()
        .filter(|q| roster.selects(&q.components, &q.in_place))
        .filter_map(|q| {
            let outcome = q.when.evaluate(&given.facts);
            outcome.holds.then(|| DecisionView {
                id: q.id.name.clone(),
                text: filler.fill(&q.text),
                evidence: outcome.evidence,
                commits: None,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing;

    #[test]
    fn money_decisions_appear_only_with_a_funding_gap() {
        let (framework, _) = testing::korea();
        let about_money: Vec<&str> = framework
            .decisions
            .iter()
            .filter(|d| d.when_funding_gap)
            .map(|d| &*d.id)
            .collect();
        assert!(!about_money.is_empty());
        let korea = testing::plan_of(testing::korea());
        assert!(korea.financing.gap_usd_millions.is_none());
        assert!(
            korea
                .key_decisions
                .iter()
                .all(|d| !about_money.contains(&d.id.as_str()))
        );
        for sample in [testing::lao(), testing::fiji(), testing::korea()] {
            let plan = testing::plan_of(sample);
            assert!(!plan.key_decisions.is_empty());
            assert!(plan.key_decisions.len() <= MOST_DECISIONS);
        }
    }

    #[test]
    fn each_decision_commits_the_plan_s_own_amounts_and_months() {
        for sample in [testing::lao(), testing::fiji(), testing::korea()] {
            let framework = sample.0.clone();
            let plan = testing::plan_of(sample);
            let financing = &plan.financing;
            for view in &plan.key_decisions {
                let d = framework
                    .decisions
                    .iter()
                    .find(|d| d.id.name == view.id)
                    .unwrap();
                let commits = view.commits.as_ref().unwrap();
                let listed: Vec<_> = plan
                    .components
                    .iter()
                    .filter(|c| d.components.iter().any(|id| id.name == c.id))
                    .collect();
                let expected = if !listed.is_empty() {
                    let cost: f64 = listed.iter().map(|c| c.cost_usd_millions).sum();
                    assert_eq!(
                        commits.from_month,
                        listed.iter().map(|c| c.start_month).min().unwrap()
                    );
                    Some(cost)
                } else {
                    match d.commits {
                        Some(Commitment::Programme) => Some(financing.total_cost_usd_millions),
                        Some(Commitment::Running) => {
                            assert!(commits.per_year);
                            assert_eq!(commits.from_month, plan.horizon.months);
                            Some(financing.recurrent_after_horizon_usd_millions_per_year)
                        }
                        Some(Commitment::Gap) => financing.gap_usd_millions,
                        None => None,
                    }
                };
                match (commits.cost_usd_millions, expected) {
                    (Some(a), Some(b)) => assert!((a - b).abs() < 0.0005, "{}: {a} {b}", view.id),
                    (a, b) => assert_eq!(a, b, "{}", view.id),
                }
                assert!(commits.to_month.is_none_or(|to| to <= plan.horizon.months));
            }
        }
    }

    #[test]
    fn a_decision_cites_components_as_the_schedule_has_them() {
        for sample in [testing::lao(), testing::fiji(), testing::korea()] {
            let framework = sample.0.clone();
            let plan = testing::plan_of(sample);
            for view in &plan.key_decisions {
                let d = framework
                    .decisions
                    .iter()
                    .find(|d| d.id.name == view.id)
                    .unwrap();
                crate::engine::recommendations::tests::agrees_with_schedule(
                    &plan,
                    &d.components,
                    &d.in_place,
                    &d.text,
                    &view.text,
                );
            }
        }
    }

    #[test]
    fn a_fact_left_unknown_is_asked_and_its_decisions_are_conditional() {
        // Fiji leaves three facts out of its profile; the plan asks about
        // each one it acts on, and about none it states.
        let fiji = testing::plan_of(testing::fiji());
        let asked: Vec<&str> = fiji.open_questions.iter().map(|q| q.id.as_str()).collect();
        assert_eq!(
            asked,
            [
                "Q-cybersecurity-strategy",
                "Q-interoperability-framework",
                "Q-government-cloud"
            ]
        );
        // A small island state with no word on its data centre is asked to
        // site one only if it has none.
        let (framework, mut input) = testing::fiji();
        let given = Given::new(&input, &framework);
        let holds = |id: &str, given: &Given| {
            let d = framework.decisions.iter().find(|d| &*d.id == id).unwrap();
            given.holds(&d.when)
        };
        assert!(holds("D-resilience-unconfirmed", &given));
        assert!(!holds("D-resilience", &given));
        input.context.insert(
            "government_cloud".into(),
            crate::vocabulary::FactValue::Bool(false),
        );
        let given = Given::new(&input, &framework);
        assert!(!holds("D-resilience-unconfirmed", &given));
        assert!(holds("D-resilience", &given));
        // A profile that states every fact is asked nothing.
        assert!(testing::plan_of(testing::korea()).open_questions.is_empty());
    }

    #[test]
    fn korea_is_not_asked_to_build_the_data_centre_it_has() {
        let korea = testing::plan_of(testing::korea());
        assert!(korea.in_place.iter().any(|c| c.id == "government-cloud"));
        let ids: Vec<&str> = korea.key_decisions.iter().map(|d| d.id.as_str()).collect();
        // A recovery site is asked for only when the plan builds one; with
        // its resilience score Korea may have one already.
        let builds_recovery = korea.components.iter().any(|c| c.id == "disaster-recovery");
        assert_eq!(
            ids.contains(&"D-resilience-existing"),
            builds_recovery,
            "{ids:?}"
        );
        assert!(!ids.contains(&"D-resilience"), "{ids:?}");
        for d in &korea.key_decisions {
            assert!(
                !d.text.contains("Site the government data centre"),
                "{}",
                d.text
            );
        }
    }

    #[test]
    fn the_skills_decision_names_the_academy_s_real_start() {
        let lao = testing::plan_of(testing::lao());
        let academy = lao
            .components
            .iter()
            .find(|c| c.id == "skills-academy")
            .unwrap();
        let starts = crate::words::quarter(lao.horizon.start_year, academy.start_month);
        // The decision is listed when it is among the first five that apply;
        // the recommendation on skills always carries the same sentence.
        let texts = lao
            .key_decisions
            .iter()
            .filter(|d| d.id == "D-skills")
            .map(|d| &d.text)
            .chain(lao.recommendations.iter().flat_map(|r| &r.rationale))
            .filter(|t| t.contains("skills academy"));
        let mut seen = 0;
        for text in texts {
            seen += 1;
            assert!(text.contains(&starts), "{text}");
            assert!(!text.contains("first year"), "{text}");
        }
        assert!(
            seen > 0,
            "Lao PDR's plan says when the skills academy starts"
        );
    }
}
