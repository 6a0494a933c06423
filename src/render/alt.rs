//! Alternative text for the charts: what a screen reader says instead of
//! the picture, and what a reader sees where pictures are not shown. Each
//! text is made from the same figures of the plan as its chart, so it says
//! what the chart shows and nothing else.

use super::typography::typeset;
use super::view::phrase;
use crate::plan::Plan;
use crate::words::{format_score, format_usd, join_words, quarter};

/// A phrase of `[render.alt]` with its placeholders filled.
fn said_with(key: &str, values: &[(&str, &str)]) -> String {
    phrase(&format!("render.alt.{key}"), values)
}

/// The alternative text of the chart named `readiness`, `roadmap` or
/// `costs`; None for any other name.
pub fn chart_alt(plan: &Plan, chart: &str) -> Option<String> {
    match chart {
        "readiness" => Some(typeset(&readiness(plan))),
        "roadmap" => Some(typeset(&roadmap(plan))),
        "costs" => Some(typeset(&costs(plan))),
        _ => None,
    }
}

/// "Readiness by dimension: Leadership and ownership 2.0 of 5; ... Target
/// for 2031: 3.0 of 5." Semicolons part the dimensions, whose names may
/// hold commas.
pub fn readiness(plan: &Plan) -> String {
    let scores: Vec<String> = plan
        .readiness
        .dimensions
        .iter()
        .map(|d| match d.score {
            Some(score) => said_with(
                "dimension_score",
                &[("name", &d.name), ("score", &format_score(score))],
            ),
            None => said_with("dimension_not_assessed", &[("name", &d.name)]),
        })
        .collect();
    said_with(
        "readiness",
        &[
            ("scores", &scores.join("; ")),
            ("year", &plan.horizon.end_year.to_string()),
            ("target", &format_score(plan.readiness.target_score)),
        ],
    )
}

/// The phases and each component's start and end, in the chart's order.
pub fn roadmap(plan: &Plan) -> String {
    let year = plan.horizon.start_year;
    let phases: Vec<String> = plan
        .phases
        .iter()
        .map(|p| {
            said_with(
                "phase",
                &[
                    ("phase", &p.name),
                    ("start", &quarter(year, p.start_month)),
                    ("end", &quarter(year, p.end_month.saturating_sub(1))),
                ],
            )
        })
        .collect();
    let components: Vec<String> = plan
        .pillars
        .iter()
        .flat_map(|pillar| plan.components.iter().filter(|c| c.pillar == pillar.id))
        .map(|c| {
            said_with(
                "component",
                &[
                    ("title", &c.title),
                    ("start", &quarter(year, c.start_month)),
                    ("end", &quarter(year, c.end_month.saturating_sub(1))),
                ],
            )
        })
        .collect();
    let key = if components.is_empty() {
        "roadmap"
    } else {
        "roadmap_with_components"
    };
    said_with(
        key,
        &[
            ("start_year", &plan.horizon.start_year.to_string()),
            ("end_year", &plan.horizon.end_year.to_string()),
            ("phases", &join_words(&phases)),
            ("components", &components.join("; ")),
        ],
    )
}

/// "Cost per year: 2027 USD 4.1 million (one-off ..., running ...), ..."
pub fn costs(plan: &Plan) -> String {
    let years: Vec<String> = plan
        .financing
        .by_year
        .iter()
        .map(|y| {
            said_with(
                "cost_year",
                &[
                    ("year", &y.year.to_string()),
                    ("total", &format_usd(y.cost_usd_millions)),
                    ("capex", &format_usd(y.capex_usd_millions)),
                    ("opex", &format_usd(y.opex_usd_millions)),
                ],
            )
        })
        .collect();
    match plan.financing.envelope_usd_millions {
        Some(envelope) => {
            let per_year = envelope / f64::from(plan.horizon.years.max(1));
            said_with(
                "costs_with_envelope",
                &[
                    ("years", &years.join("; ")),
                    ("per_year", &format_usd(per_year)),
                ],
            )
        }
        None => said_with("costs", &[("years", &years.join("; "))]),
    }
}
