//! The comparison as CSV: one row per compared plan, versions included, in
//! the comparison's order, and one column per measure.
//!
//! It is not a stage of the comparison but a view of its result: it reads
//! the dimension, pillar and component lists the stages fixed, and the
//! plans themselves for the raw numbers the tables show rounded.

use super::cells::{framework, planned, score, status};
use super::{Comparison, Input};

/// One row per compared plan (versions included, in the comparison's
/// order), one column per measure.
pub fn to_csv(comparison: &Comparison, inputs: &[Input]) -> String {
    let inputs_sorted = comparison;
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = [
        "iso3",
        "country",
        "generated_on",
        "framework",
        "groups",
        "income_group",
        "population_millions",
        "start_year",
        "end_year",
        "readiness_average",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    header.extend(
        inputs_sorted
            .dimensions
            .iter()
            .map(|d| format!("score_{}", d.id)),
    );
    header.extend(
        [
            "egdi",
            "osi",
            "hci",
            "tii",
            "epi",
            "indices_year",
            "pacing",
            "governance",
            "components_planned",
            "components_deferred",
            "total_cost_usd_millions",
            "cost_per_capita_usd",
            "envelope_usd_millions",
            "gap_usd_millions",
            "external_share",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    header.extend(
        inputs_sorted
            .pillars
            .iter()
            .map(|p| format!("cost_{}_usd_millions", p.id)),
    );
    header.extend(
        inputs_sorted
            .components
            .iter()
            .map(|c| format!("component_{}", c.id)),
    );
    let _ = writer.write_record(&header);
    let num = |v: Option<f64>| v.map_or_else(String::new, |x| x.to_string());
    for p in inputs.iter().map(|i| &i.plan) {
        let mut row: Vec<String> = vec![
            p.country.iso3.clone(),
            p.country.name.clone(),
            p.generated_on.clone(),
            framework(p),
            p.country
                .groups
                .iter()
                .map(|g| g.code())
                .collect::<Vec<_>>()
                .join(" "),
            p.country.income_group.map_or("", |g| g.code()).to_string(),
            num(p.country.population_millions),
            p.horizon.start_year.to_string(),
            p.horizon.end_year.to_string(),
            num(p.readiness.average_score),
        ];
        for d in &inputs_sorted.dimensions {
            row.push(num(score(p, &d.id)));
        }
        let idx = p.readiness.indices.as_ref();
        row.push(num(idx.and_then(|i| i.egdi)));
        row.push(num(idx.and_then(|i| i.osi)));
        row.push(num(idx.and_then(|i| i.hci)));
        row.push(num(idx.and_then(|i| i.tii)));
        row.push(num(idx.and_then(|i| i.epi)));
        row.push(idx.map_or_else(String::new, |i| i.year.to_string()));
        row.push(p.pacing.id.clone());
        row.push(p.governance.model.clone());
        row.push(p.components.len().to_string());
        row.push(p.deferred.len().to_string());
        row.push(p.financing.total_cost_usd_millions.to_string());
        row.push(num(p.financing.cost_per_capita_usd));
        row.push(num(p.financing.envelope_usd_millions));
        row.push(num(p.financing.gap_usd_millions));
        row.push(num(p
            .financing
            .by_source
            .iter()
            .find(|s| s.id == "development_partners")
            .map(|s| s.share)));
        for pillar in &inputs_sorted.pillars {
            row.push(num(p
                .financing
                .by_pillar
                .iter()
                .find(|b| b.id == pillar.id)
                .map(|b| b.cost_usd_millions)));
        }
        for c in &inputs_sorted.components {
            row.push(match planned(p, &c.id) {
                Some(x) => x.phase.clone(),
                None => status(p, &c.id),
            });
        }
        let _ = writer.write_record(&row);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}
