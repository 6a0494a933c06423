//! The comparison as CSV: one row per compared plan, versions included, in
//! the comparison's order, and one column per measure.
//!
//! It is not a stage of the comparison but a view of its result: it reads
//! the dimension, pillar and component lists the stages fixed, and the
//! plans themselves for the raw numbers the tables show rounded.
//!
//! Versions of one country share an ISO code; the `version` column numbers
//! them as the change reports do, and the `input` column names the folder
//! or file each plan was read from. It gives the name only, never the path
//! to it: a comparison is meant to be circulated, and the folders above a
//! plan (a user's home folder, say) are no one else's business.

use std::path::Path;

use super::cells::{framework, planned, score, standing};
use super::changes::version_numbers;
use super::{ComparedPlan, Comparison};
use crate::plan::Plan;

/// The columns before the readiness scores, one per cell of [`profile`].
const PROFILE: [&str; 12] = [
    "iso3",
    "country",
    "version",
    "input",
    "generated_on",
    "framework",
    "groups",
    "income_group",
    "population_millions",
    "start_year",
    "end_year",
    "readiness_average",
];

/// The columns between the scores and the pillar costs, one per cell of
/// [`measures`].
const MEASURES: [&str; 16] = [
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
    "recurrent_after_horizon_usd_millions_per_year",
    "external_share",
];

/// One row per compared plan (versions included, in the comparison's
/// order), one column per measure.
pub fn to_csv(comparison: &Comparison, inputs: &[ComparedPlan]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let _ = writer.write_record(header(comparison));
    for (input, version) in inputs.iter().zip(version_numbers(inputs)) {
        let _ = writer.write_record(record(input, version, comparison));
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

fn header(comparison: &Comparison) -> Vec<String> {
    let mut header: Vec<String> = PROFILE.iter().map(|s| s.to_string()).collect();
    header.extend(
        comparison
            .dimensions
            .iter()
            .map(|d| format!("score_{}", d.id)),
    );
    header.extend(MEASURES.iter().map(|s| s.to_string()));
    header.extend(
        comparison
            .pillars
            .iter()
            .map(|p| format!("cost_{}_usd_millions", p.id)),
    );
    header.extend(
        comparison
            .components
            .iter()
            .map(|c| format!("component_{}", c.id)),
    );
    header
}

/// One plan's row: raw numbers, empty where a value is missing; a component
/// column holds its phase id, or where it stands when it is not planned.
fn record(input: &ComparedPlan, version: usize, comparison: &Comparison) -> Vec<String> {
    let p = &input.plan;
    let mut row: Vec<String> = profile(p, version, &input.label).into();
    row.extend(comparison.dimensions.iter().map(|d| num(score(p, &d.id))));
    row.extend(measures(p));
    row.extend(comparison.pillars.iter().map(|pillar| {
        num(p
            .financing
            .by_pillar
            .iter()
            .find(|b| b.id == pillar.id)
            .map(|b| b.cost_usd_millions))
    }));
    row.extend(
        comparison
            .components
            .iter()
            .map(|c| match planned(p, &c.id) {
                Some(x) => x.phase.clone(),
                // Codes, not words: the CSV reads the same in every language.
                None => standing(p, &c.id).replace('_', " "),
            }),
    );
    row
}

/// A free text as a cell no spreadsheet runs: one that begins like a
/// formula (`=`, `+`, `-`, `@`, or a tab or carriage return before one) is
/// led by an apostrophe, which Excel and LibreOffice show as text. Numbers
/// are written by [`num`] and keep their sign.
fn inert(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

fn num(v: Option<f64>) -> String {
    v.map_or_else(String::new, |x| x.to_string())
}

/// The name of the folder or file a plan was read from, without the path
/// to it: "lao-pdr" for `../samples/lao-pdr/`. A `plan.json` keeps the name
/// of its folder too ("lao/plan.json"), since every plan.json is called so.
fn input_name(label: &str) -> String {
    let path = Path::new(label);
    let name = |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned());
    match (name(path), path.parent().and_then(name)) {
        (Some(file), Some(folder)) if path.extension().is_some_and(|e| e == "json") => {
            format!("{folder}/{file}")
        }
        (Some(file), _) => file,
        (None, _) => label.to_string(),
    }
}

fn profile(p: &Plan, version: usize, label: &str) -> [String; PROFILE.len()] {
    [
        p.country.iso3.clone(),
        inert(&p.country.name),
        version.to_string(),
        inert(&input_name(label)),
        p.generated_on.clone(),
        inert(&framework(p)),
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
    ]
}

fn measures(p: &Plan) -> [String; MEASURES.len()] {
    let idx = p.readiness.indices.as_ref();
    [
        num(idx.and_then(|i| i.egdi)),
        num(idx.and_then(|i| i.osi)),
        num(idx.and_then(|i| i.hci)),
        num(idx.and_then(|i| i.tii)),
        num(idx.and_then(|i| i.epi)),
        idx.map_or_else(String::new, |i| i.year.to_string()),
        p.pacing.id.clone(),
        p.governance.model.clone(),
        p.components.len().to_string(),
        p.deferred.len().to_string(),
        p.financing.total_cost_usd_millions.to_string(),
        num(p.financing.cost_per_capita_usd),
        num(p.financing.envelope_usd_millions),
        num(p.financing.gap_usd_millions),
        p.financing
            .recurrent_after_horizon_usd_millions_per_year
            .to_string(),
        num(p
            .financing
            .by_source
            .iter()
            .find(|s| s.id == "development_partners")
            .map(|s| s.share)),
    ]
}

#[cfg(test)]
mod tests {
    use super::to_csv;
    use crate::compare::compare;
    use crate::compare::fixtures::sample;

    #[test]
    fn one_row_per_plan_and_one_cell_per_column() {
        let mut plans = vec![
            sample("fiji", "2026-12-01"),
            sample("fiji", "2026-12-29"),
            sample("kenya", "2026-12-29"),
        ];
        let comparison = compare(&mut plans, "2026-12-29", crate::language::Language::En);
        let text = to_csv(&comparison, &plans);
        let mut reader = ::csv::Reader::from_reader(text.as_bytes());
        let header = reader.headers().unwrap().clone();
        assert_eq!(
            header.len(),
            super::PROFILE.len()
                + comparison.dimensions.len()
                + super::MEASURES.len()
                + comparison.pillars.len()
                + comparison.components.len()
        );
        let rows: Vec<_> = reader.records().map(|r| r.unwrap()).collect();
        assert_eq!(rows.len(), 3, "versions are rows too");
        assert!(rows.iter().all(|r| r.len() == header.len()));
        assert_eq!(&rows[0][0], "FJI");
        assert_eq!(&rows[0][4], "2026-12-01");
        let versions: Vec<(&str, &str)> = rows.iter().map(|r| (&r[2], &r[3])).collect();
        assert_eq!(
            versions,
            [("1", "fiji"), ("2", "fiji"), ("1", "kenya")],
            "versions numbered per country; the input's name, not its path"
        );
    }

    #[test]
    fn an_input_is_named_without_the_path_to_it() {
        assert_eq!(super::input_name("/home/a/plans/lao-pdr"), "lao-pdr");
        assert_eq!(super::input_name("../lao-pdr/"), "lao-pdr");
        assert_eq!(
            super::input_name("/home/a/out/lao/plan.json"),
            "lao/plan.json"
        );
        assert_eq!(super::input_name("plan.json"), "plan.json");
        assert_eq!(super::input_name("."), ".");
    }

    #[test]
    fn a_name_that_reads_as_a_formula_is_written_as_text() {
        assert_eq!(
            super::inert("=HYPERLINK(\"http://x.example\",\"Fiji\")"),
            "'=HYPERLINK(\"http://x.example\",\"Fiji\")"
        );
        assert_eq!(super::inert("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(super::inert("Republic of Fiji"), "Republic of Fiji");
    }
}
