//! Alternative text for the charts: what a screen reader says instead of
//! the picture, and what a reader sees where pictures are not shown. Each
//! text is made from the same figures of the plan as its chart, so it says
//! what the chart shows and nothing else.

use crate::plan::Plan;
use crate::words::{format_score, format_usd, join_words, quarter};

/// The alternative text of the chart named `readiness`, `roadmap` or
/// `costs`; None for any other name.
pub fn chart_alt(plan: &Plan, chart: &str) -> Option<String> {
    match chart {
        "readiness" => Some(readiness(plan)),
        "roadmap" => Some(roadmap(plan)),
        "costs" => Some(costs(plan)),
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
            Some(score) => format!("{} {} of 5", d.name, format_score(score)),
            None => format!("{} not assessed", d.name),
        })
        .collect();
    format!(
        "Readiness by dimension: {}. Target for {}: {} of 5.",
        scores.join("; "),
        plan.horizon.end_year,
        format_score(plan.readiness.target_score)
    )
}

/// The phases and each component's start and end, in the chart's order.
pub fn roadmap(plan: &Plan) -> String {
    let year = plan.horizon.start_year;
    let phases: Vec<String> = plan
        .phases
        .iter()
        .map(|p| {
            format!(
                "{} from {} to {}",
                p.name,
                quarter(year, p.start_month),
                quarter(year, p.end_month.saturating_sub(1))
            )
        })
        .collect();
    let components: Vec<String> = plan
        .pillars
        .iter()
        .flat_map(|pillar| plan.components.iter().filter(|c| c.pillar == pillar.id))
        .map(|c| {
            format!(
                "{} {} to {}",
                c.title,
                quarter(year, c.start_month),
                quarter(year, c.end_month.saturating_sub(1))
            )
        })
        .collect();
    let mut text = format!(
        "Roadmap {} to {}. Phases: {}.",
        plan.horizon.start_year,
        plan.horizon.end_year,
        join_words(&phases)
    );
    if !components.is_empty() {
        text.push_str(&format!(" Components: {}.", components.join("; ")));
    }
    text
}

/// "Cost per year: 2027 USD 4.1 million (one-off ..., running ...), ..."
pub fn costs(plan: &Plan) -> String {
    let years: Vec<String> = plan
        .financing
        .by_year
        .iter()
        .map(|y| {
            format!(
                "{} {} (one-off {}, running {})",
                y.year,
                format_usd(y.cost_usd_millions),
                format_usd(y.capex_usd_millions),
                format_usd(y.opex_usd_millions)
            )
        })
        .collect();
    let mut text = format!("Cost per year: {}.", years.join("; "));
    if let Some(envelope) = plan.financing.envelope_usd_millions {
        let per_year = envelope / f64::from(plan.horizon.years.max(1));
        text.push_str(&format!(
            " Budget envelope spread evenly: {} a year.",
            format_usd(per_year)
        ));
    }
    text
}
