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
        name: b.country.display_name.clone(),
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
    format!(
        "the plan {} ({})",
        drafted(&input.plan),
        framework(&input.plan)
    )
}

/// When and with what each version was drafted, in one sentence; once
/// for both when they were drafted alike: "Both versions were drafted on
/// 29 December 2026 by dgplan 0.1.0 with the framework dgplan-default 1.0.0."
fn drafting(a: &Plan, b: &Plan, n: usize) -> String {
    let how = |p: &Plan| {
        format!(
            "on {} by {} with the framework {}",
            long_date(&p.generated_on),
            p.generator,
            framework(p)
        )
    };
    let (ha, hb) = (how(a), how(b));
    if ha == hb {
        format!("Both versions were drafted {ha}.")
    } else {
        format!("Version {} was drafted {ha}; version {n} {hb}.", n - 1)
    }
}

/// What the change comes to: the funded programme of each version, its
/// number of components and its average readiness.
fn headline(a: &Plan, b: &Plan, n: usize) -> String {
    let funds = |p: &Plan| {
        format!(
            "{} components for {}",
            p.components.len(),
            format_usd(p.financing.total_cost_usd_millions)
        )
    };
    let average = |p: &Plan| label(p.readiness.average_score);
    let (fa, fb) = (funds(a), funds(b));
    let mut text = if fa == fb {
        format!("Both versions fund {fa}.")
    } else {
        format!("Version {n} funds {fb}; version {} funded {fa}.", n - 1)
    };
    let (ra, rb) = (average(a), average(b));
    if ra != rb {
        // A version with no dimension assessed has no average "of 5".
        let out_of_5 = |p: &Plan| {
            p.readiness.average_score.map_or_else(
                || "none (no dimension assessed)".into(),
                |s| format!("{} of 5", format_score(s)),
            )
        };
        text.push_str(
            &match (a.readiness.average_score, b.readiness.average_score) {
                (Some(_), Some(_)) => format!(" Average readiness moved from {ra} to {rb} of 5."),
                _ => format!(
                    " Average readiness: {} in version {}, {} in version {n}.",
                    out_of_5(a),
                    n - 1,
                    out_of_5(b)
                ),
            },
        );
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
            let said = |s: Option<f64>| s.map_or_else(|| "not assessed".into(), format_score);
            (da.score != sb).then(|| format!("{}: {} to {}", da.name, said(da.score), said(sb)))
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
    let title = |p: &Plan, id: &str| planned(p, id).map_or(id.to_string(), |c| c.title.clone());
    let added = ib.difference(&ia).map(|id| title(b, id)).collect();
    let dropped = ia
        .difference(&ib)
        .map(|id| format!("{} (now {})", title(a, id), status(b, id)))
        .collect();
    // In the order the later version starts them, as a reader scans a plan.
    let mut moved: Vec<(u32, String)> = ia
        .intersection(&ib)
        .filter_map(|id| {
            let (ca, cb) = (planned(a, id)?, planned(b, id)?);
            let qa = quarters(a.horizon.start_year, ca.start_month, ca.end_month);
            let qb = quarters(b.horizon.start_year, cb.start_month, cb.end_month);
            (qa != qb).then(|| (cb.start_month, format!("{}: {qa} to {qb}", ca.title)))
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
    let mut rules = Vec::new();
    for ra in &a.rules {
        if let Some(rb) = b.rules.iter().find(|r| r.id == ra.id)
            && ra.fired != rb.fired
        {
            let (now, says) = if rb.fired {
                (
                    format!("Applies in version {n}, not in version {}", n - 1),
                    rb,
                )
            } else {
                (
                    format!("Applied in version {}, not in version {n}", n - 1),
                    ra,
                )
            };
            let says = if says.because.is_empty() {
                format!("the framework's rule {}", says.id)
            } else {
                quoted(says.because.trim_end_matches('.'))
            };
            rules.push(format!("{now}: {says}."));
        }
    }
    rules
}

/// Pace, governance, total cost and framework version.
fn other_changes(a: &Plan, b: &Plan) -> Vec<String> {
    let mut other = Vec::new();
    if a.pacing.id != b.pacing.id {
        other.push(format!("Pace: {} to {}", a.pacing.name, b.pacing.name));
    }
    if a.governance.model != b.governance.model {
        other.push(format!(
            "Governance: {} to {}",
            a.governance.name, b.governance.name
        ));
    }
    if (a.horizon.start_year, a.horizon.end_year) != (b.horizon.start_year, b.horizon.end_year) {
        other.push(format!(
            "Plan period: {}-{} to {}-{}",
            a.horizon.start_year, a.horizon.end_year, b.horizon.start_year, b.horizon.end_year
        ));
    }
    if a.assessment.date != b.assessment.date {
        other.push(format!(
            "Readiness assessment dated: {} to {}",
            a.assessment.date, b.assessment.date
        ));
    }
    if (a.financing.total_cost_usd_millions - b.financing.total_cost_usd_millions).abs() > 0.0005 {
        other.push(format!(
            "Funded programme: {} to {}",
            format_usd(a.financing.total_cost_usd_millions),
            format_usd(b.financing.total_cost_usd_millions)
        ));
    }
    if a.framework.version != b.framework.version {
        other.push(format!(
            "Framework: version {} to {}",
            a.framework.version, b.framework.version
        ));
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
