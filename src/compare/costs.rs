//! Stage 4, costs and timelines: when each plan delivers and at what cost.
//! It picks the key milestones shown side by side (those of any plan, in
//! order of first mention), lays out each plan's phases and milestone
//! starts, its costs and financing, and the targets of the KPIs that every
//! plan shares.
//!
//! It comes after the component stage because milestones are named by
//! their component titles, and it needs the pillar list from the index for
//! the cost of each pillar.

use super::cells::{country_tables, not_available, planned, quarters, status};
use super::names::{self, Kind, framework_name, say};
use super::{ComparedPlan, ComponentRow, CostRow, Named, Table, TimelineRow};
use crate::plan::{KpiView, Plan};
use crate::words::{format_number, format_usd, lower_first, quarter};

pub(super) struct CostsAndTimelines {
    pub milestones: Vec<Named>,
    pub timelines: Vec<TimelineRow>,
    pub costs: Vec<CostRow>,
    pub kpi_tables: Vec<Table>,
}

/// `plans` are the latest plan of each country; rows follow their order.
pub(super) fn costs_and_timelines(
    plans: &[&ComparedPlan],
    pillars: &[Named],
    components: &[ComponentRow],
) -> CostsAndTimelines {
    let milestones = milestones(plans, components);
    CostsAndTimelines {
        timelines: plans
            .iter()
            .map(|i| timeline_row(&i.plan, &milestones))
            .collect(),
        milestones,
        costs: plans.iter().map(|i| cost_row(&i.plan, pillars)).collect(),
        kpi_tables: kpi_tables(plans),
    }
}

/// Every plan's key milestones, in order of first mention, named by their
/// component's title.
fn milestones(plans: &[&ComparedPlan], components: &[ComponentRow]) -> Vec<Named> {
    let mut milestone_ids: Vec<String> = Vec::new();
    for i in plans {
        for m in &i.plan.key_milestones {
            if !milestone_ids.contains(m) {
                milestone_ids.push(m.clone());
            }
        }
    }
    let title_of = |id: &str| -> String {
        components
            .iter()
            .find(|c| c.id == id)
            .map_or_else(|| id.to_string(), |c| c.title.clone())
    };
    milestone_ids
        .iter()
        .map(|id| Named {
            id: id.clone(),
            name: title_of(id),
        })
        .collect()
}

/// A plan's phases as quarters, and the quarter each milestone starts in
/// (or where the component stands when the plan does not schedule it).
fn timeline_row(p: &Plan, milestones: &[Named]) -> TimelineRow {
    TimelineRow {
        name: names::country(p),
        phases: p
            .phases
            .iter()
            .map(|ph| {
                format!(
                    "{} {}",
                    framework_name(Kind::Phase, &ph.id, &ph.name),
                    quarters(p.horizon.start_year, ph.start_month, ph.end_month)
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
        starts: milestones
            .iter()
            .map(|m| match planned(p, &m.id) {
                Some(c) => quarter(p.horizon.start_year, c.start_month),
                None => status(p, &m.id),
            })
            .collect(),
    }
}

pub(super) fn cost_row(p: &Plan, pillars: &[Named]) -> CostRow {
    let f = &p.financing;
    CostRow {
        iso3: p.country.iso3.clone(),
        name: names::country(p),
        total_usd_millions: f.total_cost_usd_millions,
        total: format_usd(f.total_cost_usd_millions),
        per_capita: f
            .cost_per_capita_usd
            .map_or_else(not_available, |v| format!("USD {}", format_number(v, 2))),
        envelope: f
            .envelope_usd_millions
            .map_or_else(|| say("compare.cells.envelope_not_stated", &[]), format_usd),
        gap: match f.gap_usd_millions {
            Some(g) if g > 0.0 => format_usd(g),
            Some(_) => say("compare.costs.gap_none", &[]),
            None => not_available(),
        },
        recurrent: format_usd(f.recurrent_after_horizon_usd_millions_per_year),
        external_share: f
            .by_source
            .iter()
            .find(|s| s.id == "development_partners")
            .map_or_else(not_available, |s| {
                format!("{}%", format_number(s.share * 100.0, 1))
            }),
        by_pillar: pillars
            .iter()
            .map(|x| {
                f.by_pillar
                    .iter()
                    .find(|b| b.id == x.id)
                    .map_or_else(not_available, |b| format_usd(b.cost_usd_millions))
            })
            .collect(),
        models: f
            .pppp_models
            .iter()
            .map(|m| framework_name(Kind::FinancingModel, &m.id, &m.name))
            .collect::<Vec<_>>()
            .join("; "),
    }
}

/// KPIs that every compared plan has, in the first plan's order, with
/// their baselines and last targets side by side.
fn kpi_tables(plans: &[&ComparedPlan]) -> Vec<Table> {
    let shared_kpis: Vec<&KpiView> = plans
        .first()
        .map(|first| {
            first
                .plan
                .kpis
                .iter()
                .filter(|k| {
                    plans
                        .iter()
                        .all(|i| i.plan.kpis.iter().any(|x| x.id == k.id))
                })
                .collect()
        })
        .unwrap_or_default();
    let (kpi, unit) = (
        say("compare.costs.kpi", &[]),
        say("compare.costs.unit", &[]),
    );
    country_tables(&[&kpi, &unit], plans, |range| {
        shared_kpis
            .iter()
            .map(|kpi| {
                let mut row = vec![
                    framework_name(Kind::Kpi, &kpi.id, &kpi.name),
                    framework_name(Kind::KpiUnit, &kpi.id, &kpi.unit),
                ];
                row.extend(
                    plans[range.clone()]
                        .iter()
                        .map(|i| kpi_cell(&i.plan, &kpi.id)),
                );
                row
            })
            .collect()
    })
}

/// "baseline 12.5; by 2030: 80%", or empty when the plan lacks the KPI.
fn kpi_cell(p: &Plan, id: &str) -> String {
    let k = p.kpis.iter().find(|k| k.id == id);
    k.map_or_else(String::new, |k| {
        let baseline = k.baseline.map_or_else(
            || say("compare.costs.baseline_to_be_set", &[]),
            |b| {
                say(
                    "compare.costs.baseline",
                    &[("number", &format_number(b, 4))],
                )
            },
        );
        let last = k.targets.last().map_or_else(String::new, |t| {
            say(
                "compare.costs.target",
                &[
                    ("year", &t.year.to_string()),
                    ("target", &sentence_case_off(&t.text)),
                ],
            )
        });
        format!("{baseline}; {last}")
    })
}

/// A target's text inside a cell, after a colon: "All ministries" as
/// "all ministries", but an acronym ("EGDI") as it is.
fn sentence_case_off(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase() => lower_first(text),
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use crate::compare::compare;
    use crate::compare::fixtures::sample;

    #[test]
    fn costs_show_a_gap_only_beyond_an_envelope() {
        let mut plans = vec![
            sample("lao-pdr", "2026-12-29"),
            sample("republic-of-korea", "2026-12-29"),
        ];
        let comparison = compare(&mut plans, "2026-12-29", crate::language::Language::En);
        let row = |iso3: &str| comparison.costs.iter().find(|c| c.iso3 == iso3).unwrap();
        let korea = row("KOR");
        assert_eq!(
            (korea.envelope.as_str(), korea.gap.as_str()),
            ("not stated", "n/a")
        );
        let lao = &plans
            .iter()
            .find(|p| p.plan.country.iso3 == "LAO")
            .unwrap()
            .plan;
        let expected = lao
            .financing
            .funding_gap()
            .map_or("none".to_string(), crate::words::format_usd);
        assert_eq!(row("LAO").gap, expected);
        for row in &comparison.costs {
            assert_eq!(row.by_pillar.len(), comparison.pillars.len());
        }
        for timeline in &comparison.timelines {
            assert_eq!(timeline.starts.len(), comparison.milestones.len());
        }
    }
}
