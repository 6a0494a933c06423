//! Stage 6, change reports: what moved between consecutive versions of one
//! country's plan, and why: the inputs that changed, readiness scores,
//! components added, dropped or rescheduled, rules that now apply or no
//! longer apply (in their own words), and the pace, governance, cost, plan
//! period, assessment date and framework. Versions are numbered from 1 in
//! version order, country by country.
//!
//! It comes last because it is the one stage that reads every version
//! rather than the latest plan of each country; nothing else reads it.

use std::collections::BTreeSet;

use serde::Serialize;

use super::cells::{drafted, framework, label, planned, quarters, quoted, score, status};
use super::inputs::input_change;
use super::names::{self, Kind, framework_name, say};
use super::{ChangeReport, ComparedPlan};
use crate::plan::Plan;
use crate::words::{format_score, format_usd, long_date};

/// Each plan's version number: 1 for a country's first plan in version
/// order, 2 for the next, and so on. `versions` are in version order.
pub(super) fn version_numbers(versions: &[ComparedPlan]) -> Vec<usize> {
    let mut numbers = Vec::with_capacity(versions.len());
    for (i, input) in versions.iter().enumerate() {
        let same = i > 0 && versions[i - 1].plan.country.iso3 == input.plan.country.iso3;
        numbers.push(if same { numbers[i - 1] + 1 } else { 1 });
    }
    numbers
}

/// Differences between consecutive versions of each country's plan.
/// `versions` are in version order, so a country's versions are adjacent.
pub(super) fn change_reports(versions: &[ComparedPlan]) -> Vec<ChangeReport> {
    let numbers = version_numbers(versions);
    (1..versions.len())
        .filter(|&i| numbers[i] > 1)
        .map(|i| change_report(&versions[i - 1], &versions[i], numbers[i]))
        .collect()
}

/// What moved from version `n - 1` (`from`) to version `n` (`to`) of one
/// country's plan.
fn change_report(from: &ComparedPlan, to: &ComparedPlan, n: usize) -> ChangeReport {
    let (a, b) = (&from.plan, &to.plan);
    let inputs = input_changes(a, b);
    let readiness = readiness_changes(a, b);
    let ComponentChanges {
        added,
        dropped,
        moved,
    } = component_changes(a, b);
    let rules = rule_changes(a, b, n);
    let other = other_changes(a, b);
    let no_differences = inputs.is_empty()
        && readiness.is_empty()
        && added.is_empty()
        && dropped.is_empty()
        && moved.is_empty()
        && rules.is_empty()
        && other.is_empty();
    ChangeReport {
        iso3: a.country.iso3.clone(),
        name: names::country(b),
        from_version: n - 1,
        to_version: n,
        from: describe(from),
        to: describe(to),
        drafting: drafting(a, b, n),
        headline: headline(a, b, n),
        no_differences,
        inputs,
        readiness,
        added,
        dropped,
        moved,
        rules,
        other,
    }
}

fn describe(input: &ComparedPlan) -> String {
    say(
        "compare.changes.plan",
        &[
            ("drafted", &drafted(&input.plan)),
            ("framework", &framework(&input.plan)),
        ],
    )
}

/// When and with what each version was drafted, in one sentence; once
/// for both when they were drafted alike: "Both versions were drafted on
/// 29 December 2026 by dgplan 0.1.0 with the framework dgplan-default 1.0.0."
fn drafting(a: &Plan, b: &Plan, n: usize) -> String {
    let how = |p: &Plan| {
        [
            long_date(&p.generated_on),
            p.generator.clone(),
            framework(p),
        ]
    };
    let ([da, ga, fa], [db, gb, fb]) = (how(a), how(b));
    if (&da, &ga, &fa) == (&db, &gb, &fb) {
        say(
            "compare.changes.drafted_alike",
            &[("date", &da), ("generator", &ga), ("framework", &fa)],
        )
    } else {
        say(
            "compare.changes.drafted_each",
            &[
                ("from", &(n - 1).to_string()),
                ("from_date", &da),
                ("from_generator", &ga),
                ("from_framework", &fa),
                ("to", &n.to_string()),
                ("to_date", &db),
                ("to_generator", &gb),
                ("to_framework", &fb),
            ],
        )
    }
}

/// What the change comes to: the funded programme of each version, its
/// number of components and its average readiness.
fn headline(a: &Plan, b: &Plan, n: usize) -> String {
    let funds = |p: &Plan| {
        (
            p.components.len().to_string(),
            format_usd(p.financing.total_cost_usd_millions),
        )
    };
    let ((ca, ta), (cb, tb)) = (funds(a), funds(b));
    let (from, to) = ((n - 1).to_string(), n.to_string());
    let mut text = if (&ca, &ta) == (&cb, &tb) {
        say(
            "compare.changes.funds_alike",
            &[("count", &ca), ("total", &ta)],
        )
    } else {
        say(
            "compare.changes.funds_each",
            &[
                ("to", &to),
                ("to_count", &cb),
                ("to_total", &tb),
                ("from", &from),
                ("from_count", &ca),
                ("from_total", &ta),
            ],
        )
    };
    let (ra, rb) = (a.readiness.average_score, b.readiness.average_score);
    if label(ra) != label(rb) {
        // A version with no dimension assessed has no average "of 5".
        let out_of_5 = |s: Option<f64>| {
            s.map_or_else(
                || say("compare.changes.no_average", &[]),
                |s| say("compare.changes.score_of_5", &[("score", &format_score(s))]),
            )
        };
        text.push(' ');
        text.push_str(&match (ra, rb) {
            (Some(_), Some(_)) => say(
                "compare.changes.average_moved",
                &[("from_score", &label(ra)), ("to_score", &label(rb))],
            ),
            _ => say(
                "compare.changes.average_each",
                &[
                    ("from_average", &out_of_5(ra)),
                    ("from", &from),
                    ("to_average", &out_of_5(rb)),
                    ("to", &to),
                ],
            ),
        });
    }
    text
}

/// The plan settings, context and country facts that differ, leaf by leaf.
fn input_changes(a: &Plan, b: &Plan) -> Vec<String> {
    let mut changed = Vec::new();
    diff_serialized("plan", &a.settings, &b.settings, &mut changed);
    diff_serialized("context", &a.context, &b.context, &mut changed);
    diff_serialized("country", &a.country, &b.country, &mut changed);
    changed
}

fn diff_serialized<T: Serialize>(path: &str, a: &T, b: &T, out: &mut Vec<String>) {
    let a = serde_json::to_value(a).unwrap_or_default();
    let b = serde_json::to_value(b).unwrap_or_default();
    let mut leaves = Vec::new();
    diff_values(path, &a, &b, &mut leaves);
    out.extend(
        leaves
            .into_iter()
            .filter_map(|(path, a, b)| input_change(&path, &a, &b)),
    );
}

/// Dimensions of the earlier version whose score changed.
fn readiness_changes(a: &Plan, b: &Plan) -> Vec<String> {
    a.readiness
        .dimensions
        .iter()
        .filter_map(|da| {
            let sb = score(b, &da.id);
            let said = |s: Option<f64>| {
                s.map_or_else(|| say("compare.changes.not_assessed", &[]), format_score)
            };
            (da.score != sb).then(|| {
                say(
                    "compare.changes.score_changed",
                    &[
                        ("dimension", &names::dimension_name(&da.id, &da.name)),
                        ("from", &said(da.score)),
                        ("to", &said(sb)),
                    ],
                )
            })
        })
        .collect()
}

struct ComponentChanges {
    /// Titles of components only the later version selected.
    added: Vec<String>,
    /// Components only the earlier version selected, with where they stand now.
    dropped: Vec<String>,
    /// Components both selected whose span of quarters changed, in the
    /// order the later version starts them.
    moved: Vec<String>,
}

/// Components added, dropped (each in id order) and rescheduled.
fn component_changes(a: &Plan, b: &Plan) -> ComponentChanges {
    let ids =
        |p: &Plan| -> BTreeSet<String> { p.components.iter().map(|c| c.id.clone()).collect() };
    let (ia, ib) = (ids(a), ids(b));
    let title = |p: &Plan, id: &str| {
        planned(p, id).map_or(id.to_string(), |c| names::component_title(id, &c.title))
    };
    let added = ib.difference(&ia).map(|id| title(b, id)).collect();
    let dropped = ia
        .difference(&ib)
        .map(|id| {
            say(
                "compare.changes.dropped",
                &[("component", &title(a, id)), ("status", &status(b, id))],
            )
        })
        .collect();
    // In the order the later version starts them, as a reader scans a plan.
    let mut moved: Vec<(u32, String)> = ia
        .intersection(&ib)
        .filter_map(|id| {
            let (ca, cb) = (planned(a, id)?, planned(b, id)?);
            let qa = quarters(a.horizon.start_year, ca.start_month, ca.end_month);
            let qb = quarters(b.horizon.start_year, cb.start_month, cb.end_month);
            let moved = || {
                let component = names::component_title(id, &ca.title);
                let values = [
                    ("component", component.as_str()),
                    ("from", &qa),
                    ("to", &qb),
                ];
                (cb.start_month, say("compare.changes.moved", &values))
            };
            (qa != qb).then(moved)
        })
        .collect();
    moved.sort();
    let moved = moved.into_iter().map(|(_, text)| text).collect();
    ComponentChanges {
        added,
        dropped,
        moved,
    }
}

/// Rules of the earlier version that apply in one version and not the
/// other, in their own words as the version where the rule applies has
/// them. The scores and inputs that decided are the ones the report lists
/// above; the field names and thresholds of the tool are not repeated.
/// `n` is the later version.
fn rule_changes(a: &Plan, b: &Plan, n: usize) -> Vec<String> {
    let (from, to) = ((n - 1).to_string(), n.to_string());
    let mut rules = Vec::new();
    for ra in &a.rules {
        if let Some(rb) = b.rules.iter().find(|r| r.id == ra.id)
            && ra.fired != rb.fired
        {
            let (key, says) = if rb.fired {
                ("compare.changes.rule_applies", rb)
            } else {
                ("compare.changes.rule_applied", ra)
            };
            let reason = if says.because.is_empty() {
                say("compare.changes.unnamed_rule", &[("rule", &says.id)])
            } else {
                quoted(says.because.trim_end_matches('.'))
            };
            rules.push(say(
                key,
                &[("from", &from), ("to", &to), ("reason", &reason)],
            ));
        }
    }
    rules
}

/// Pace, governance, total cost and framework version.
fn other_changes(a: &Plan, b: &Plan) -> Vec<String> {
    let mut other = Vec::new();
    let mut push = |key: &str, from: String, to: String| {
        other.push(say(
            &format!("compare.changes.{key}"),
            &[("from", &from), ("to", &to)],
        ));
    };
    let pace = |p: &Plan| framework_name(Kind::Pacing, &p.pacing.id, &p.pacing.name);
    if a.pacing.id != b.pacing.id {
        push("pace", pace(a), pace(b));
    }
    let governance =
        |p: &Plan| framework_name(Kind::Governance, &p.governance.model, &p.governance.name);
    if a.governance.model != b.governance.model {
        push("governance", governance(a), governance(b));
    }
    let period = |p: &Plan| format!("{}-{}", p.horizon.start_year, p.horizon.end_year);
    if (a.horizon.start_year, a.horizon.end_year) != (b.horizon.start_year, b.horizon.end_year) {
        push("period", period(a), period(b));
    }
    if a.assessment.date != b.assessment.date {
        push(
            "assessment",
            a.assessment.date.clone(),
            b.assessment.date.clone(),
        );
    }
    let (ta, tb) = (
        a.financing.total_cost_usd_millions,
        b.financing.total_cost_usd_millions,
    );
    if (ta - tb).abs() > 0.0005 {
        push("funded", format_usd(ta), format_usd(tb));
    }
    if a.framework.version != b.framework.version {
        push(
            "framework",
            a.framework.version.clone(),
            b.framework.version.clone(),
        );
    }
    other
}

/// The leaves that differ between two JSON values: path, then both values.
type Leaves = Vec<(String, serde_json::Value, serde_json::Value)>;

/// Lists the leaves that differ between two JSON values.
fn diff_values(path: &str, a: &serde_json::Value, b: &serde_json::Value, out: &mut Leaves) {
    use serde_json::Value;
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            for key in keys {
                diff_values(
                    &format!("{path}.{key}"),
                    x.get(key).unwrap_or(&Value::Null),
                    y.get(key).unwrap_or(&Value::Null),
                    out,
                );
            }
        }
        _ if a != b => out.push((path.to_string(), a.clone(), b.clone())),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{renamed, sample};
    use super::*;

    #[test]
    fn a_rescheduled_component_is_listed_with_both_spans_of_quarters() {
        let mut before = sample("fiji", "2026-01-01");
        let mut after = sample("fiji", "2026-06-01");
        let year = before.plan.horizon.start_year;
        let (id, title) = {
            let c = &mut before.plan.components[0];
            (c.start_month, c.end_month) = (0, 6);
            (c.id.clone(), c.title.clone())
        };
        let later = after.plan.components.iter_mut().find(|c| c.id == id);
        let later = later.expect("both versions plan it");
        (later.start_month, later.end_month) = (12, 18);

        let reports = change_reports(&[before, after]);
        assert_eq!(reports.len(), 1);
        let report = &reports[0];
        assert!(!report.no_differences);
        assert_eq!(
            report.moved,
            [format!(
                "{title}: Q1 {year}-Q2 {year} to Q1 {}-Q2 {}",
                year + 1,
                year + 1
            )]
        );
        assert!(report.added.is_empty() && report.dropped.is_empty());
    }

    #[test]
    fn an_average_not_assessed_is_not_out_of_5() {
        let before = sample("fiji", "2026-01-01");
        let mut after = sample("fiji", "2026-06-01");
        after.plan.readiness.average_score = None;
        let headline = &change_reports(&[before, after])[0].headline;
        assert!(
            headline.ends_with(" in version 1, none (no dimension assessed) in version 2."),
            "{headline}"
        );
        assert!(!headline.contains("n/a"), "{headline}");
    }

    #[test]
    fn a_dropped_component_says_where_it_stands_now() {
        let before = sample("fiji", "2026-01-01");
        let mut after = sample("fiji", "2026-06-01");
        let gone = after.plan.components.remove(0);
        let reports = change_reports(&[before, after]);
        assert_eq!(
            reports[0].dropped,
            [format!("{} (now not selected)", gone.title)]
        );
        assert!(reports[0].moved.is_empty() && reports[0].added.is_empty());
    }

    #[test]
    fn identical_versions_show_no_differences_and_other_countries_no_report() {
        let fiji = sample("fiji", "2026-01-01");
        let again = sample("fiji", "2026-01-01");
        let other = renamed(&fiji, "XTL", "Testland");
        let generator = fiji.plan.generator.clone();
        let reports = change_reports(&[fiji, again, other]);
        assert_eq!(reports.len(), 1);
        assert!(reports[0].no_differences, "{:?}", reports[0]);
        assert_eq!(
            reports[0].from,
            format!(
                "the plan drafted on 1 January 2026 by {} (dgplan-default 1.0.0)",
                generator
            )
        );
    }
}
