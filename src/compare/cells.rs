//! How one fact of a plan reads in a comparison's cells, and the one shape
//! every matrix table shares.
//!
//! The stages show the same facts in several places: where a component
//! stands in a plan, a span of quarters, a score. Each is written once here,
//! below every stage, so a component reads the same in the component tables,
//! the timelines, the change reports and the CSV, and every wide matrix is
//! split into page-sized groups of countries the same way.

use std::ops::Range;

use super::names::{self, say};
use super::{COUNTRIES_PER_TABLE, ComparedPlan, Table};
use crate::plan::{Plan, PlannedComponent};
use crate::vocabulary::{CountryGroup, IncomeGroup};
use crate::words::{format_score, long_date, quarter};

/// The component `id` as `plan` schedules it, if the plan selected it.
pub(super) fn planned<'a>(plan: &'a Plan, id: &str) -> Option<&'a PlannedComponent> {
    plan.components.iter().find(|c| c.id == id)
}

/// The framework a plan was drafted with: "dgplan-default 1.0.0".
pub(super) fn framework(plan: &Plan) -> String {
    format!("{} {}", plan.framework.id, plan.framework.version)
}

/// What identifies a plan, wherever it was read from: "drafted on
/// 29 December 2026 by dgplan 0.1.0" (with the country and the framework beside
/// it). The documents never record the path a plan was read from: the same
/// plans make the same comparison however their paths are written, and no
/// local folder travels with a document meant to be circulated. Only the
/// CSV names each input, by its folder or file name alone.
pub(super) fn drafted(plan: &Plan) -> String {
    say(
        "compare.cells.drafted",
        &[
            ("date", &long_date(&plan.generated_on)),
            ("generator", &plan.generator),
        ],
    )
}

/// A plan's score on the readiness dimension `id`, if it was assessed.
pub(super) fn score(plan: &Plan, id: &str) -> Option<f64> {
    plan.readiness
        .dimensions
        .iter()
        .find(|d| d.id == id)
        .and_then(|d| d.score)
}

/// Where a component stands in one plan: "Foundations, Q1 2026" (its phase
/// and start), "deferred", "in place" or "not selected".
pub(super) fn status(plan: &Plan, id: &str) -> String {
    if let Some(c) = planned(plan, id) {
        let phase = plan
            .phases
            .iter()
            .find(|p| p.id == c.phase)
            .map_or(c.phase.as_str(), |p| p.name.as_str());
        say(
            "compare.cells.phase_and_start",
            &[
                (
                    "phase",
                    &names::framework_name(names::Kind::Phase, &c.phase, phase),
                ),
                ("quarter", &quarter(plan.horizon.start_year, c.start_month)),
            ],
        )
    } else {
        say(&format!("compare.cells.{}", standing(plan, id)), &[])
    }
}

/// Where a component that `plan` does not schedule stands, as a word that
/// does not depend on the language: "deferred", "in_place" or
/// "not_selected" (the CSV's cells, and the catalogue's keys).
pub(super) fn standing(plan: &Plan, id: &str) -> &'static str {
    if plan.deferred.iter().any(|d| d.id == id) {
        "deferred"
    } else if plan.in_place.iter().any(|d| d.id == id) {
        "in_place"
    } else {
        "not_selected"
    }
}

/// A span of months as quarters, "Q1 2026-Q2 2027". Months count from 0 at
/// the start of `start_year`; `end_month` is exclusive.
pub(super) fn quarters(start_year: i32, start_month: u32, end_month: u32) -> String {
    say(
        "compare.cells.quarters",
        &[
            ("from", &quarter(start_year, start_month)),
            ("to", &quarter(start_year, end_month.saturating_sub(1))),
        ],
    )
}

/// A plan's own sentence (why a rule applies, why a component was chosen)
/// as a comparison quotes it. A plan may have been written by an earlier
/// version, so the quote is made to read right here: a dimension not
/// assessed has no score "of 5" ("coordination (not assessed)"), and the
/// plan's references to its own recommendations ("(R5)") are left out,
/// since a comparison has no such list for them to point to.
pub(super) fn quoted(text: &str) -> String {
    let text = text
        .replace("scores not assessed of 5", "is not assessed")
        .replace("not assessed of 5", "not assessed");
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(at) = rest.find(" (R") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 3..];
        let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits > 0 && after[digits..].starts_with(')') {
            rest = &after[digits + 1..];
        } else {
            out.push_str(" (R");
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// A readiness score as shown: "2.0", or "n/a" when not assessed.
pub(super) fn label(score: Option<f64>) -> String {
    score.map_or_else(not_available, format_score)
}

/// "n/a": a value that is not there.
pub(super) fn not_available() -> String {
    say("compare.cells.not_available", &[])
}

/// A UN country group's abbreviation: "LDC", "PMA".
pub(super) fn group_code(group: CountryGroup) -> String {
    let key = match group {
        CountryGroup::Ldc => "group_ldc",
        CountryGroup::Lldc => "group_lldc",
        CountryGroup::Sids => "group_sids",
    };
    say(&format!("compare.cells.{key}"), &[])
}

/// An income group as a table shows it: "LMIC" in English, spelt out in
/// languages without a common abbreviation.
pub(super) fn income(group: IncomeGroup) -> String {
    say(
        &format!("compare.cells.income_{}", group.code().to_lowercase()),
        &[],
    )
}

/// A published index (the EGDI) as shown: four decimals, or "n/a".
pub(super) fn index_label(value: Option<f64>) -> String {
    value.map_or_else(not_available, crate::words::format_index)
}

/// The mean of the values, summed in the order given; `None` when there are none.
pub(super) fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let v: Vec<f64> = values.collect();
    (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
}

/// A table row: its first cell, then one cell per column.
pub(super) fn row(first: &str, cells: impl IntoIterator<Item = String>) -> Vec<String> {
    std::iter::once(first.to_string()).chain(cells).collect()
}

/// A matrix header: the names of the leading columns, then one per column.
pub(super) fn header(first: &[&str], columns: impl IntoIterator<Item = String>) -> Vec<String> {
    first.iter().map(|s| s.to_string()).chain(columns).collect()
}

/// Wide matrices, one table per group of [`COUNTRIES_PER_TABLE`] countries
/// so that each fits a page. The header is `first` and then the countries'
/// names; `rows` gives the rows for the countries in a range of `plans`.
pub(super) fn country_tables(
    first: &[&str],
    plans: &[&ComparedPlan],
    rows: impl Fn(Range<usize>) -> Vec<Vec<String>>,
) -> Vec<Table> {
    (0..plans.len())
        .step_by(COUNTRIES_PER_TABLE)
        .map(|s| s..(s + COUNTRIES_PER_TABLE).min(plans.len()))
        .map(|range| Table {
            header: header(
                first,
                plans[range.clone()].iter().map(|i| names::country(&i.plan)),
            ),
            rows: rows(range),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{renamed, sample};
    use super::*;

    #[test]
    fn wide_matrices_split_after_every_eighth_country() {
        let fiji = sample("fiji", "2026-01-01");
        let plans: Vec<ComparedPlan> = (0..9)
            .map(|n| renamed(&fiji, &format!("X{n:02}"), &format!("Country {n}")))
            .collect();
        let refs: Vec<&ComparedPlan> = plans.iter().collect();
        let tables = country_tables(&["KPI", "Unit"], &refs, |range| {
            vec![row("countries", range.map(|i| i.to_string()))]
        });
        assert_eq!(tables.len(), 2);
        assert_eq!(tables[0].header.len(), 2 + 8);
        assert_eq!(tables[1].header, ["KPI", "Unit", "Country 8"]);
        assert_eq!(tables[1].rows, [["countries", "8"]]);
    }

    #[test]
    fn a_quoted_sentence_gives_no_score_to_a_dimension_not_assessed() {
        assert_eq!(
            quoted("Human capacity (2.0 of 5) and coordination (not assessed of 5) allow it."),
            "Human capacity (2.0 of 5) and coordination (not assessed) allow it."
        );
        assert_eq!(
            quoted("Coordination scores not assessed of 5: ministries act alone."),
            "Coordination is not assessed: ministries act alone."
        );
        assert_eq!(
            quoted("Redesigned first (R2), run by trained staff (R5). (Rarely (R) no.)"),
            "Redesigned first, run by trained staff. (Rarely (R) no.)"
        );
    }

    #[test]
    fn a_span_of_quarters_ends_in_the_quarter_of_its_last_month() {
        assert_eq!(quarters(2026, 0, 6), "Q1 2026-Q2 2026");
        assert_eq!(quarters(2026, 9, 15), "Q4 2026-Q1 2027");
        assert_eq!(quarters(2026, 0, 0), "Q1 2026-Q1 2026");
    }
}
