//! Stage 5, narratives: a paragraph per country on what sets its plan
//! apart, from the data alone: its readiness against the set, its pace and
//! size, what it alone selected, its cost per person and its governance.
//!
//! It comes after the cross-country stages because it reads their results
//! (readiness rows, unique components) and compares each plan with the set.

use std::collections::BTreeMap;

use super::cells::mean;
use super::{Input, Narrative, ReadinessRow, Unique};
use crate::words::{
    capitalise, country_in_text, format_number, format_score, format_usd, join_words,
};

/// What sets each plan apart, from the data alone.
pub(super) fn narratives(
    plans: &[&Input],
    readiness: &[ReadinessRow],
    unique: &[Unique],
) -> Vec<Narrative> {
    let averages: Vec<f64> = readiness.iter().filter_map(|r| r.average).collect();
    let set_average = mean(averages.iter().copied());
    let max_avg = averages.iter().copied().fold(f64::MIN, f64::max);
    let min_avg = averages.iter().copied().fold(f64::MAX, f64::min);
    let per_capita: Vec<f64> = plans
        .iter()
        .filter_map(|i| i.plan.financing.cost_per_capita_usd)
        .collect();
    let max_pc = per_capita.iter().copied().fold(f64::MIN, f64::max);
    let min_pc = per_capita.iter().copied().fold(f64::MAX, f64::min);
    let mut governance_count: BTreeMap<&str, usize> = BTreeMap::new();
    for i in plans {
        *governance_count
            .entry(i.plan.governance.model.as_str())
            .or_default() += 1;
    }
    let several = plans.len() > 1;
    plans
        .iter()
        .zip(readiness)
        .map(|(i, r)| {
            let p = &i.plan;
            let name = p.country.display_name.clone();
            // "the Republic of Korea" in running text, "The ..." to open a sentence.
            let subject = capitalise(&country_in_text(&name));
            let mut sentences = Vec::new();
            match (r.average, set_average) {
                (Some(a), Some(_)) if several && (a - max_avg).abs() < 1e-9 => sentences.push(format!(
                    "{subject} has the highest average readiness of the plans compared ({} of 5).",
                    format_score(a)
                )),
                (Some(a), Some(_)) if several && (a - min_avg).abs() < 1e-9 => sentences.push(format!(
                    "{subject} has the lowest average readiness of the plans compared ({} of 5).",
                    format_score(a)
                )),
                (Some(a), Some(s)) => sentences.push(format!(
                    "{subject}'s average readiness is {} of 5, {} the average of {} for the plans compared.",
                    format_score(a),
                    if a >= s { "above" } else { "below" },
                    format_score(s)
                )),
                _ => sentences.push(format!("{subject} has no assessed readiness dimension.")),
            }
            sentences.push(format!(
                "Its plan runs at the {} pace with {} components{}.",
                p.pacing.name.to_lowercase(),
                p.components.len(),
                match p.deferred.len() {
                    0 => String::new(),
                    1 => ", one deferred to the next plan".to_string(),
                    n => format!(", {n} deferred to the next plan"),
                }
            ));
            let own: Vec<String> = unique.iter().filter(|u| u.country == name).map(|u| u.title.clone()).collect();
            if !own.is_empty() {
                sentences.push(format!("It is the only plan with {}.", join_words(&own)));
            }
            let per_person = match p.financing.cost_per_capita_usd {
                Some(pc) => {
                    let extreme = if several && (pc - max_pc).abs() < 1e-9 {
                        ", the highest per person of the plans compared"
                    } else if several && (pc - min_pc).abs() < 1e-9 {
                        ", the lowest per person of the plans compared"
                    } else {
                        ""
                    };
                    format!(" (USD {} per person{extreme})", format_number(pc, 2))
                }
                None => " (population not stated)".to_string(),
            };
            sentences.push(format!(
                "It costs {}{per_person}{}.",
                format_usd(p.financing.total_cost_usd_millions),
                match p.financing.gap_usd_millions {
                    Some(g) if g > 0.0 => format!(", with a funding gap of {}", format_usd(g)),
                    _ => String::new(),
                }
            ));
            if several && governance_count.get(p.governance.model.as_str()) == Some(&1) {
                sentences.push(format!("It alone is governed by a {}.", p.governance.name.to_lowercase()));
            }
            Narrative {
                name,
                text: sentences.join(" "),
            }
        })
        .collect()
}
