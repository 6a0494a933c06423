//! Stage 7, versions of one plan: when every plan compared is a version of
//! one country's plan, the comparison is a change report, not a ranking.
//! This stage lays the versions side by side (drafted on, plan period,
//! envelope, funded programme, readiness) for that document; the change
//! reports say what moved between them and why.
//!
//! It comes last because it reads the change reports' version numbers and
//! the rows the earlier stages know how to build, for every version rather
//! than the latest plan of each country.

use super::cells::{framework, header, label};
use super::changes::version_numbers;
use super::costs::cost_row;
use super::names::{self, say};
use super::readiness::{ScoreColumn, readiness_row, score_rows};
use super::{ComparedPlan, Named, Table, VersionRow, VersionSet};
use crate::words::long_date;

/// The versions side by side, or `None` when the plans are not all versions
/// of one country's plan (or there is only one plan).
pub(super) fn version_set(
    versions: &[ComparedPlan],
    dimensions: &[Named],
    pillars: &[Named],
) -> Option<VersionSet> {
    let first = &versions.first()?.plan;
    let one_country = versions
        .iter()
        .all(|i| i.plan.country.iso3 == first.country.iso3);
    if !one_country || versions.len() < 2 {
        return None;
    }
    let numbers = version_numbers(versions);
    let names: Vec<String> = numbers
        .iter()
        .map(|n| say("compare.versions.version", &[("number", &n.to_string())]))
        .collect();
    let rows = versions
        .iter()
        .zip(&names)
        .map(|(i, name)| version_row(i, name, pillars))
        .collect();
    let scores: Vec<_> = versions
        .iter()
        .map(|i| readiness_row(&i.plan, dimensions))
        .collect();
    let columns: Vec<ScoreColumn> = scores.iter().map(ScoreColumn::of).collect();
    let latest = &versions[versions.len() - 1].plan;
    Some(VersionSet {
        country: names::country(latest),
        count: versions.len(),
        rows,
        readiness_table: Table {
            header: header(
                &[&say("compare.readiness.dimension", &[])],
                names.iter().cloned(),
            ),
            rows: score_rows(dimensions, &columns),
        },
    })
}

fn version_row(input: &ComparedPlan, name: &str, pillars: &[Named]) -> VersionRow {
    let p = &input.plan;
    let cost = cost_row(p, pillars);
    VersionRow {
        version: name.to_string(),
        drafted: say(
            "compare.versions.drafted",
            &[
                ("date", &long_date(&p.generated_on)),
                ("generator", &p.generator),
            ],
        ),
        framework: framework(p),
        horizon: format!("{}-{}", p.horizon.start_year, p.horizon.end_year),
        components: p.components.len(),
        average_label: label(p.readiness.average_score),
        total: cost.total,
        per_capita: cost.per_capita,
        envelope: cost.envelope,
        gap: cost.gap,
        recurrent: cost.recurrent,
        external_share: cost.external_share,
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{renamed, sample};
    use super::*;

    #[test]
    fn versions_of_one_plan_are_numbered_side_by_side() {
        let mut later = sample("fiji", "2026-06-01");
        later.plan.financing.total_cost_usd_millions = 12.0;
        let versions = [sample("fiji", "2026-01-01"), later];
        let set = version_set(&versions, &[], &[]).expect("one country, two versions");
        assert_eq!(set.count, 2);
        assert_eq!(set.rows[0].version, "Version 1");
        assert_eq!(set.rows[1].version, "Version 2");
        assert_eq!(set.rows[1].total, "USD 12 million");
        assert_eq!(
            set.readiness_table.header,
            ["Dimension", "Version 1", "Version 2"]
        );
    }

    #[test]
    fn two_countries_or_a_single_plan_are_not_versions() {
        let fiji = sample("fiji", "2026-01-01");
        let other = renamed(&fiji, "XTL", "Testland");
        assert!(version_set(&[fiji, other], &[], &[]).is_none());
        assert!(version_set(&[sample("fiji", "2026-01-01")], &[], &[]).is_none());
    }
}
