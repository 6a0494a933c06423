//! Stage 17: what the cabinet brief picks out of the plan: the main risks,
//! what each phase delivers, what the questions to confirm put at stake,
//! and what happens in the first 100 days.
//!
//! The main risks are those rated medium or above ([`MAIN_RISK_FROM`]),
//! the most likely first; between risks rated alike, the one more of whose
//! drivers hold for this country, then framework order (the framework
//! lists the risks that threaten the whole programme first). A risk rated
//! low is never presented as a main one.
//!
//! A phase delivers what the plan funds in it: the funded work that starts
//! in it, the largest named, or, when none starts, the work it finishes.
//! It never promises what the plan does not fund.
//!
//! The first 100 days count from Cabinet's approval, which the schedule
//! assumes by the end of the component that takes the plan to Cabinet
//! (see [`approval_month`]), as the master plan's milestone says. In them
//! the bodies that exist, or that the schedule has set up by then, meet;
//! those set up later are named with their quarter; the funded work the
//! schedule starts by then is under way; and tenders go out for the funded
//! work it starts next. It comes last because it reads the decisions.

use super::Given;
use super::decisions::approval_month;
use super::text::say_with;
use crate::language::{Language, current, say};
use crate::plan::{
    BodyView, BriefView, DecisionView, DeferredComponent, FirstDaysAction, PhaseDelivery,
    PhaseView, Plan, PlannedComponent, QuestionStake, RiskView,
};
use crate::words::{capitalise, count_word, join_words, quarter, with_article};

/// The brief names at most this many risks.
const TOP_RISKS: usize = 3;
/// A risk is a main risk from this score (medium) up.
const MAIN_RISK_FROM: i32 = 3;
/// A list in the brief names this many items, the largest, and counts the rest.
const NAMED: usize = 3;
/// The component whose end the master plan's milestone marks as the
/// Cabinet decision.
/// The first 100 days span about this many months.
const FIRST_MONTHS: u32 = 3;
/// Tenders in the first 100 days are for the funded work starting within
/// this many months after them.
const NEXT_MONTHS: u32 = 6;
/// Day by which the bodies that run the plan meet.
const BODIES_BY_DAY: u32 = 30;
/// The last of the first 100 days.
const LAST_DAY: u32 = 100;

/// What the brief picks out.
pub struct Picked<'a> {
    pub risks: &'a [RiskView],
    pub bodies: &'a [BodyView],
    pub planned: &'a [PlannedComponent],
    pub deferred: &'a [DeferredComponent],
    pub phases: &'a [PhaseView],
    pub decisions: &'a [DecisionView],
    pub questions: &'a [DecisionView],
}

impl<'a> Picked<'a> {
    pub fn of(plan: &'a Plan) -> Picked<'a> {
        Picked {
            risks: &plan.risks,
            bodies: &plan.governance.bodies,
            planned: &plan.components,
            deferred: &plan.deferred,
            phases: &plan.phases,
            decisions: &plan.key_decisions,
            questions: &plan.open_questions,
        }
    }
}

pub fn brief(given: &Given, picked: &Picked) -> BriefView {
    let (top_risks, others_rated_low, highest_low_risk) = main_risks(picked.risks);
    BriefView {
        top_risks,
        others_rated_low,
        highest_low_risk,
        phases: picked
            .phases
            .iter()
            .map(|p| phase_delivery(p, picked.planned))
            .collect(),
        questions: question_stakes(given, picked),
        approval_month: approval_month(picked.planned),
        first_100_days: first_days(given, picked),
    }
}

/// The main risks as the module says; whether others are all rated low;
/// and, when none qualifies, the highest-rated risk.
fn main_risks(risks: &[RiskView]) -> (Vec<String>, bool, Option<String>) {
    let mut ranked: Vec<(usize, &RiskView)> = risks.iter().enumerate().collect();
    ranked.sort_by_key(|(order, r)| (-r.score, -(r.drivers.len() as i64), *order));
    let main: Vec<String> = ranked
        .iter()
        .filter(|(_, r)| r.score >= MAIN_RISK_FROM)
        .take(TOP_RISKS)
        .map(|(_, r)| r.id.clone())
        .collect();
    let others_low = main.len() < TOP_RISKS && ranked.len() > main.len();
    let highest = main
        .is_empty()
        .then(|| ranked.first().map(|(_, r)| r.id.clone()))
        .flatten();
    (main, others_low, highest)
}

/// Titles of `items`, the [`NAMED`] largest by cost, then "and N more".
fn largest_named(mut items: Vec<&PlannedComponent>) -> String {
    items.sort_by(|a, b| b.cost_usd_millions.total_cmp(&a.cost_usd_millions));
    let names: Vec<&str> = items.iter().take(NAMED).map(|c| c.title.as_str()).collect();
    let rest = items.len().saturating_sub(NAMED);
    and_more(&names.join("; "), rest)
}

/// "a; b; c; and two more", or the names alone when none is left over.
fn and_more(named: &str, rest: usize) -> String {
    if rest == 0 {
        named.to_string()
    } else {
        say_with(
            &counted("engine.brief.and_more", rest),
            &[("named", named), ("count", &count_word(rest))],
        )
    }
}

/// The phrase `key` with `_one` or `_many` appended as `n` asks.
fn counted(key: &str, n: usize) -> String {
    format!("{key}_{}", if n == 1 { "one" } else { "many" })
}

fn phase_delivery(phase: &PhaseView, planned: &[PlannedComponent]) -> PhaseDelivery {
    let funded = || planned.iter().filter(|c| c.funded);
    let starting: Vec<&PlannedComponent> = funded().filter(|c| c.phase == phase.id).collect();
    let finishing: Vec<&PlannedComponent> = funded()
        .filter(|c| c.end_month > phase.start_month && c.end_month <= phase.end_month)
        .collect();
    let delivers = match (starting.len(), finishing.len()) {
        (0, 0) => say("engine.brief.no_new_work").to_string(),
        (0, n) => say_with(
            &counted("engine.brief.finishes", n),
            &[
                ("count", &count_word(n)),
                ("named", &largest_named(finishing)),
            ],
        ),
        (n, _) => say_with(
            &if n > NAMED {
                "engine.brief.starts_largest".to_string()
            } else {
                counted("engine.brief.starts", n)
            },
            &[
                ("count", &count_word(n)),
                ("named", &largest_named(starting)),
            ],
        ),
    };
    PhaseDelivery {
        phase: phase.id.clone(),
        delivers,
    }
}

/// The cost of the components each question's answer changes, funded or not.
fn question_stakes(given: &Given, picked: &Picked) -> Vec<QuestionStake> {
    picked
        .questions
        .iter()
        .map(|q| {
            let listed = given
                .framework
                .open_questions
                .iter()
                .find(|f| f.id.name == q.id)
                .map(|f| {
                    f.components
                        .iter()
                        .map(|c| c.name.as_str())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default();
            let planned = picked
                .planned
                .iter()
                .filter(|c| listed.contains(&c.id.as_str()))
                .map(|c| c.cost_usd_millions);
            let deferred = picked
                .deferred
                .iter()
                .filter(|c| listed.contains(&c.id.as_str()))
                .map(|c| c.cost_usd_millions);
            let costs: Vec<f64> = planned.chain(deferred).collect();
            QuestionStake {
                id: q.id.clone(),
                cost_usd_millions: (!costs.is_empty())
                    .then(|| (costs.iter().sum::<f64>() * 1000.0).round() / 1000.0),
            }
        })
        .collect()
}

fn first_days(given: &Given, picked: &Picked) -> Vec<FirstDaysAction> {
    let year = given.horizon.start_year;
    let approval = approval_month(picked.planned);
    let window_end = approval + FIRST_MONTHS;
    let mut actions = vec![FirstDaysAction {
        by_day: 1,
        text: say_with(
            "engine.brief.cabinet_approves",
            &[
                ("count", &count_word(picked.decisions.len())),
                ("sponsor", &with_article(&given.sponsor)),
                ("quarter", &quarter(year, approval)),
            ],
        ),
    }];
    if let Some(text) = bodies_text(year, picked, window_end) {
        actions.push(FirstDaysAction {
            by_day: BODIES_BY_DAY,
            text,
        });
    }
    let funded = || picked.planned.iter().filter(|c| c.funded);
    let under_way: Vec<&PlannedComponent> =
        funded().filter(|c| c.start_month <= window_end).collect();
    if !under_way.is_empty() {
        actions.push(FirstDaysAction {
            by_day: LAST_DAY,
            text: say_with(
                &counted("engine.brief.under_way", under_way.len()),
                &[
                    ("count", &count_word(under_way.len())),
                    ("quarter", &quarter(year, window_end)),
                    ("named", &largest_named(under_way)),
                ],
            ),
        });
    }
    let mut next: Vec<&PlannedComponent> = funded()
        .filter(|c| c.capex_usd_millions > 0.0)
        .filter(|c| c.start_month > window_end && c.start_month <= window_end + NEXT_MONTHS)
        .collect();
    next.sort_by(|a, b| b.cost_usd_millions.total_cmp(&a.cost_usd_millions));
    if !next.is_empty() {
        let named: Vec<String> = next
            .iter()
            .take(NAMED)
            .map(|c| {
                say_with(
                    "engine.brief.starts_in",
                    &[
                        ("title", &c.title),
                        ("quarter", &quarter(year, c.start_month)),
                    ],
                )
            })
            .collect();
        let rest = next.len().saturating_sub(NAMED);
        actions.push(FirstDaysAction {
            by_day: LAST_DAY,
            text: say_with(
                "engine.brief.tenders",
                &[("named", &and_more(&named.join("; "), rest))],
            ),
        });
    }
    actions
}

/// Which bodies meet in the first 100 days (those that exist or that the
/// schedule has set up by then), and when the others are set up.
fn bodies_text(year: i32, picked: &Picked, window_end: u32) -> Option<String> {
    let setting_up = |b: &BodyView| {
        let id = b.set_up_by.as_deref()?;
        picked
            .planned
            .iter()
            .find(|c| c.funded && c.id == id && c.end_month > window_end)
    };
    let meeting: Vec<String> = picked
        .bodies
        .iter()
        .filter(|b| setting_up(b).is_none())
        .map(|b| body_in_text(&b.name))
        .collect();
    let later: Vec<String> = picked
        .bodies
        .iter()
        .filter_map(|b| {
            setting_up(b).map(|c| {
                say_with(
                    "engine.brief.set_up_later",
                    &[
                        ("body", &body_in_text(&b.name)),
                        ("from", &quarter(year, c.start_month)),
                        ("ready", &quarter(year, c.end_month.saturating_sub(1))),
                    ],
                )
            })
        })
        .collect();
    let mut text = String::new();
    if !meeting.is_empty() {
        text.push_str(&capitalise(&say_with(
            &counted("engine.brief.meet", meeting.len()),
            &[("bodies", &join_words(&meeting))],
        )));
    }
    if !later.is_empty() {
        text.push_str(&format!(
            "{}{}.",
            if text.is_empty() { "" } else { " " },
            capitalise(&later.join("; "))
        ));
    }
    (!text.is_empty()).then_some(text)
}

/// A governing body named in running text: "the National Digital
/// Government Council"; in other languages with the article its name takes
/// ("le Conseil national...").
fn body_in_text(name: &str) -> String {
    let name = if current() == Language::En {
        name.to_string()
    } else {
        with_article(name)
    };
    say_with("engine.brief.body", &[("name", &name)])
}

/// Whether the readiness scores are illustrative rather than an official
/// assessment, as the assessment's method or source says in any of the
/// plan's languages: the brief then says so.
pub fn illustrative_scores(assessment: &crate::input::Assessment) -> bool {
    let said = format!(
        "{} {}",
        assessment.method,
        assessment.source.as_deref().unwrap_or("")
    )
    .to_lowercase();
    const SAID: [&str; 7] = [
        "illustrative",
        "not an official",
        "illustratif",
        "pas d'une évaluation officielle",
        "pas d’une évaluation officielle",
        "ilustrativ",
        "no es una evaluación oficial",
    ];
    !assessment.derived_from_indices && SAID.iter().any(|s| said.contains(s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing;

    #[test]
    fn illustrative_scores_are_recognised_in_every_language() {
        let said = |method: &str| crate::input::Assessment {
            date: "2026-05-15".into(),
            method: method.into(),
            source: None,
            derived_from_indices: false,
        };
        for method in [
            "Illustrative scores for demonstration; not an official assessment",
            "Scores illustratifs à des fins de démonstration; il ne s'agit pas d'une évaluation officielle",
            "Puntuaciones ilustrativas; no es una evaluación oficial",
        ] {
            assert!(illustrative_scores(&said(method)), "{method}");
        }
        assert!(!illustrative_scores(&said(
            "Self-assessment by the ministry"
        )));
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
            assert!(top.len() <= TOP_RISKS);
            assert!(top.iter().all(|r| r.score >= MAIN_RISK_FROM));
            let lowest_kept = top.iter().map(|r| r.score).min().unwrap_or(MAIN_RISK_FROM);
            for r in &plan.risks {
                if !plan.brief.top_risks.contains(&r.id) {
                    assert!(
                        r.score <= lowest_kept || top.len() == TOP_RISKS,
                        "{} left out",
                        r.id
                    );
                }
            }
            assert!(top.windows(2).all(|w| w[0].score >= w[1].score));
        }
    }

    #[test]
    fn no_risk_rated_low_is_a_main_risk() {
        let risk = |id: &str, score: i32| RiskView {
            id: id.into(),
            title: id.into(),
            description: String::new(),
            likelihood: String::new(),
            score,
            drivers: Vec::new(),
            mitigation: String::new(),
            mitigated_by: Vec::new(),
        };
        let (main, others_low, highest) = main_risks(&[risk("a", 2), risk("b", 4), risk("c", 1)]);
        assert_eq!(
            (main, others_low, highest),
            (vec!["b".to_string()], true, None)
        );
        let (main, others_low, highest) = main_risks(&[risk("a", 1), risk("b", 2)]);
        assert!(main.is_empty() && others_low);
        assert_eq!(highest.as_deref(), Some("b"));
    }

    #[test]
    fn the_first_100_days_count_from_the_approval_the_schedule_assumes() {
        for sample in [testing::lao(), testing::fiji(), testing::korea()] {
            let plan = testing::plan_of(sample);
            let days = &plan.brief.first_100_days;
            assert!((2..=5).contains(&days.len()), "{days:?}");
            assert!(days.iter().all(|a| (1..=LAST_DAY).contains(&a.by_day)));
            assert!(days.windows(2).all(|w| w[0].by_day <= w[1].by_day));
            assert!(days[0].text.contains("Cabinet"), "{}", days[0].text);
            let council = plan
                .components
                .iter()
                .find(|c| c.id == crate::engine::decisions::CABINET_COMPONENT);
            assert_eq!(
                plan.brief.approval_month,
                council.map_or(0, |c| c.end_month - 1)
            );
            // A body is either convened or said to be set up later.
            for body in &plan.governance.bodies {
                assert!(days.iter().any(|a| a.text.contains(&body.name)));
            }
        }
    }

    #[test]
    fn a_phase_names_only_funded_work() {
        for sample in [testing::lao(), testing::fiji(), testing::korea()] {
            let plan = testing::plan_of(sample);
            for (phase, line) in plan.phases.iter().zip(&plan.brief.phases) {
                assert_eq!(phase.id, line.phase);
                for c in &plan.deferred {
                    assert!(!line.delivers.contains(&c.title), "{}", line.delivers);
                }
            }
        }
    }
}
