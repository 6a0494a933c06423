//! Stage 2, the readiness matrix: how the countries and their readiness read
//! side by side. One row per country (profile) and per country's scores, the
//! strongest and weakest countries on each dimension, and averages for each
//! group of countries present (LDC, LLDC, SIDS, each income group, all
//! compared), with the tables that show them.
//!
//! It follows the index because it needs only the latest plans and the
//! dimension list, and it comes before the narratives, which read its rows.

use std::collections::BTreeMap;

use super::cells::{
    country_tables, drafted, framework, group_code, header, income, index_label, label, mean, row,
    score,
};
use super::names::{self, say};
use super::{ComparedPlan, CountryRow, Extreme, GroupAverage, Named, ReadinessRow, Table};
use crate::plan::Plan;
use crate::vocabulary::CountryGroup;
use crate::words::{format_number, format_score, format_usd, join_words, round_half_away};

pub(super) struct ReadinessMatrix {
    pub countries: Vec<CountryRow>,
    pub readiness: Vec<ReadinessRow>,
    pub readiness_tables: Vec<Table>,
    pub dimension_extremes: Vec<Extreme>,
    pub group_averages: Vec<GroupAverage>,
    pub group_table: Table,
}

/// `plans` are the latest plan of each country; rows follow their order.
pub(super) fn readiness_matrix(plans: &[&ComparedPlan], dimensions: &[Named]) -> ReadinessMatrix {
    let readiness: Vec<ReadinessRow> = plans
        .iter()
        .map(|i| readiness_row(&i.plan, dimensions))
        .collect();
    // Strongest, weakest and averages mean something only across countries.
    let several = plans.len() > 1;
    let group_averages = if several {
        group_averages(plans, dimensions.len(), &readiness)
    } else {
        Vec::new()
    };
    ReadinessMatrix {
        countries: plans.iter().map(|i| country_row(i)).collect(),
        readiness_tables: readiness_tables(plans, dimensions, &readiness),
        dimension_extremes: dimensions
            .iter()
            .enumerate()
            .filter(|_| several)
            .map(|(d, dim)| extreme(d, dim, &readiness))
            .collect(),
        group_table: group_table(dimensions, &group_averages),
        readiness,
        group_averages,
    }
}

fn country_row(input: &ComparedPlan) -> CountryRow {
    let p = &input.plan;
    CountryRow {
        iso3: p.country.iso3.clone(),
        name: names::country(p),
        source: drafted(p),
        generated_on: crate::words::long_date(&p.generated_on),
        framework: framework(p),
        groups: if p.country.groups.is_empty() {
            say("compare.readiness.no_groups", &[])
        } else {
            p.country
                .groups
                .iter()
                .map(|g| group_code(*g))
                .collect::<Vec<_>>()
                .join(", ")
        },
        income: p
            .country
            .income_group
            .map_or_else(|| say("compare.readiness.income_not_stated", &[]), income),
        population: p.country.population_millions.map_or_else(
            || say("compare.readiness.population_not_stated", &[]),
            millions,
        ),
        horizon: format!("{}-{}", p.horizon.start_year, p.horizon.end_year),
        envelope: p
            .financing
            .envelope_usd_millions
            .map_or_else(|| say("compare.cells.envelope_not_stated", &[]), format_usd),
    }
}

/// A population: "12.3 million", "2,1 millions", "1 millón".
pub(super) fn millions(value: f64) -> String {
    let shown = round_half_away(value, 2);
    let singular = match crate::language::current() {
        crate::language::Language::Fr => shown.abs() < 2.0,
        _ => shown.abs() == 1.0,
    };
    let key = if singular {
        "compare.readiness.population_one"
    } else {
        "compare.readiness.population_many"
    };
    say(key, &[("number", &format_number(value, 2))])
}

pub(super) fn readiness_row(p: &Plan, dimensions: &[Named]) -> ReadinessRow {
    let scores: Vec<Option<f64>> = dimensions.iter().map(|d| score(p, &d.id)).collect();
    let egdi = p.readiness.indices.as_ref().and_then(|x| x.egdi);
    ReadinessRow {
        iso3: p.country.iso3.clone(),
        name: names::country(p),
        labels: scores.iter().map(|s| label(*s)).collect(),
        scores,
        average: p.readiness.average_score,
        average_label: label(p.readiness.average_score),
        egdi,
        egdi_label: index_label(egdi),
    }
}

/// The countries with the highest and the lowest score on dimension `d`;
/// ties name every country that shares the score.
fn extreme(d: usize, dimension: &Named, readiness: &[ReadinessRow]) -> Extreme {
    let scored: Vec<(&str, f64)> = readiness
        .iter()
        .filter_map(|r| r.scores[d].map(|s| (r.name.as_str(), s)))
        .collect();
    let pick = |best: bool| -> String {
        let target =
            scored
                .iter()
                .map(|(_, s)| *s)
                .fold(if best { f64::MIN } else { f64::MAX }, |a, b| {
                    if best { a.max(b) } else { a.min(b) }
                });
        let names: Vec<String> = scored
            .iter()
            .filter(|(_, s)| (*s - target).abs() < 1e-9)
            .map(|(n, _)| n.to_string())
            .collect();
        if names.is_empty() {
            say("compare.readiness.not_assessed_anywhere", &[])
        } else {
            format!("{} ({})", join_words(&names), format_score(target))
        }
    };
    let (strongest, weakest) = (pick(true), pick(false));
    // One plan assessed, or every plan level: no plan is stronger than
    // another, and the table must not name one as both.
    let same = strongest == weakest && !scored.is_empty();
    let (strongest, weakest) = match scored.as_slice() {
        [(name, s)] if readiness.len() > 1 => {
            let only = say(
                "compare.readiness.only_assessed",
                &[("country", name), ("score", &format_score(*s))],
            );
            (only.clone(), only)
        }
        _ if same => {
            let level = say("compare.readiness.level", &[("countries", &strongest)]);
            (level.clone(), level)
        }
        _ => (strongest, weakest),
    };
    Extreme {
        dimension: dimension.name.clone(),
        strongest,
        weakest,
    }
}

/// The groups present in the compared set, each with the positions of its
/// members: UN groups first, then income groups, then all compared.
fn groups(plans: &[&ComparedPlan]) -> Vec<(String, Vec<usize>)> {
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    for group in [CountryGroup::Ldc, CountryGroup::Lldc, CountryGroup::Sids] {
        let members: Vec<usize> = (0..plans.len())
            .filter(|&i| plans[i].plan.country.groups.contains(&group))
            .collect();
        if !members.is_empty() {
            groups.push((group_code(group), members));
        }
    }
    let mut incomes: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, p) in plans.iter().enumerate() {
        incomes
            .entry(p.plan.country.income_group.map_or_else(
                || say("compare.readiness.group_income_not_stated", &[]),
                income,
            ))
            .or_default()
            .push(i);
    }
    groups.extend(incomes);
    groups.push((
        say("compare.readiness.all_compared", &[]),
        (0..plans.len()).collect(),
    ));
    groups
}

/// Averages within the compared set, for each group present.
fn group_averages(
    plans: &[&ComparedPlan],
    dimensions: usize,
    readiness: &[ReadinessRow],
) -> Vec<GroupAverage> {
    groups(plans)
        .into_iter()
        .map(|(group, members)| GroupAverage {
            members: members.len(),
            labels: (0..dimensions)
                .map(|d| label(mean(members.iter().filter_map(|&m| readiness[m].scores[d]))))
                .collect(),
            average_label: label(mean(members.iter().filter_map(|&m| readiness[m].average))),
            egdi_label: index_label(mean(members.iter().filter_map(|&m| readiness[m].egdi))),
            group,
        })
        .collect()
}

/// Dimensions down, countries across, in tables that fit a page.
fn readiness_tables(
    plans: &[&ComparedPlan],
    dimensions: &[Named],
    readiness: &[ReadinessRow],
) -> Vec<Table> {
    let dimension = say("compare.readiness.dimension", &[]);
    country_tables(&[&dimension], plans, |range| {
        let columns: Vec<ScoreColumn> = readiness[range].iter().map(ScoreColumn::of).collect();
        score_rows(dimensions, &columns)
    })
}

/// Dimensions down, groups across.
fn group_table(dimensions: &[Named], group_averages: &[GroupAverage]) -> Table {
    let columns: Vec<ScoreColumn> = group_averages
        .iter()
        .map(|g| ScoreColumn {
            labels: &g.labels,
            average: &g.average_label,
            egdi: &g.egdi_label,
        })
        .collect();
    Table {
        header: header(
            &[&say("compare.readiness.dimension", &[])],
            group_averages
                .iter()
                .map(|g| format!("{} ({})", g.group, g.members)),
        ),
        rows: score_rows(dimensions, &columns),
    }
}

/// One column of a scores matrix: a country, or a group of countries.
pub(super) struct ScoreColumn<'a> {
    /// One label per dimension, in dimension order.
    pub labels: &'a [String],
    pub average: &'a str,
    pub egdi: &'a str,
}

impl<'a> ScoreColumn<'a> {
    /// The column of one plan's readiness row.
    pub(super) fn of(row: &'a ReadinessRow) -> Self {
        ScoreColumn {
            labels: &row.labels,
            average: &row.average_label,
            egdi: &row.egdi_label,
        }
    }
}

/// The rows of a scores matrix: one per dimension, then the average of the
/// assessed dimensions and the published EGDI.
pub(super) fn score_rows(dimensions: &[Named], columns: &[ScoreColumn]) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = dimensions
        .iter()
        .enumerate()
        .map(|(d, dim)| row(&dim.name, columns.iter().map(|c| c.labels[d].clone())))
        .collect();
    rows.push(row(
        &say("compare.readiness.average", &[]),
        columns.iter().map(|c| c.average.to_string()),
    ));
    rows.push(row(
        &say("compare.readiness.egdi", &[]),
        columns.iter().map(|c| c.egdi.to_string()),
    ));
    rows
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{renamed, sample};
    use super::*;

    fn dimensions(input: &ComparedPlan) -> Vec<Named> {
        input
            .plan
            .readiness
            .dimensions
            .iter()
            .map(|d| Named {
                id: d.id.clone(),
                name: d.name.clone(),
            })
            .collect()
    }

    /// Fiji's plan standing for another country, scoring `first` on the
    /// first dimension and not assessed on the second.
    fn country(iso3: &str, name: &str, first: f64) -> ComparedPlan {
        let mut input = renamed(&sample("fiji", "2026-01-01"), iso3, name);
        input.plan.readiness.dimensions[0].score = Some(first);
        input.plan.readiness.dimensions[1].score = None;
        input
    }

    #[test]
    fn strongest_and_weakest_name_every_tied_country() {
        let plans = [
            country("XAA", "Alphaland", 1.0),
            country("XBB", "Betaland", 5.0),
            country("XCC", "Gammaland", 1.0),
        ];
        let refs: Vec<&ComparedPlan> = plans.iter().collect();
        let matrix = readiness_matrix(&refs, &dimensions(&plans[0]));

        let first = &matrix.dimension_extremes[0];
        assert_eq!(first.strongest, "Betaland (5.0)");
        assert_eq!(first.weakest, "Alphaland and Gammaland (1.0)");
        let second = &matrix.dimension_extremes[1];
        assert_eq!(second.strongest, "not assessed anywhere");
        assert_eq!(second.weakest, "not assessed anywhere");
    }

    #[test]
    fn all_compared_averages_every_country_and_comes_last() {
        let plans = [
            country("XAA", "Alphaland", 1.0),
            country("XBB", "Betaland", 4.0),
        ];
        let refs: Vec<&ComparedPlan> = plans.iter().collect();
        let matrix = readiness_matrix(&refs, &dimensions(&plans[0]));
        let all = matrix.group_averages.last().unwrap();
        assert_eq!(all.group, "All compared");
        assert_eq!(all.members, 2);
        assert_eq!(all.labels[0], "2.5");
        assert_eq!(all.labels[1], "n/a");
        assert_eq!(
            matrix.group_table.header.last().unwrap(),
            "All compared (2)"
        );
        assert_eq!(
            matrix.readiness_tables[0].header,
            ["Dimension", "Alphaland", "Betaland"]
        );
    }
}
