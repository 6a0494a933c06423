//! Stage 6, change reports: what moved between consecutive versions of one
//! country's plan, and why: the inputs that changed, readiness scores,
//! components added, dropped or rescheduled, rules that now apply or no
//! longer apply, and the pace, governance, cost and framework.
//!
//! It comes last because it is the one stage that reads every version
//! rather than the latest plan of each country; nothing else reads it.

use std::collections::BTreeSet;

use super::cells::{framework, label, planned, quarters, score, status};
use super::{ChangeReport, Input};
use crate::plan::Plan;
use crate::words::format_usd;

fn describe(input: &Input) -> String {
    format!(
        "{} of {} ({})",
        input.label,
        input.plan.generated_on,
        framework(&input.plan)
    )
}

/// Differences between consecutive versions of each country's plan.
pub(super) fn change_reports(inputs: &[Input]) -> Vec<ChangeReport> {
    let mut reports = Vec::new();
    for pair in inputs.windows(2) {
        let (a, b) = (&pair[0].plan, &pair[1].plan);
        if a.country.iso3 != b.country.iso3 {
            continue;
        }
        let mut inputs_changed = Vec::new();
        let settings_a = serde_json::to_value(&a.settings).unwrap_or_default();
        let settings_b = serde_json::to_value(&b.settings).unwrap_or_default();
        diff_values("plan", &settings_a, &settings_b, &mut inputs_changed);
        let context_a = serde_json::to_value(&a.context).unwrap_or_default();
        let context_b = serde_json::to_value(&b.context).unwrap_or_default();
        diff_values("context", &context_a, &context_b, &mut inputs_changed);
        let country_a = serde_json::to_value(&a.country).unwrap_or_default();
        let country_b = serde_json::to_value(&b.country).unwrap_or_default();
        diff_values("country", &country_a, &country_b, &mut inputs_changed);

        let mut readiness = Vec::new();
        for da in &a.readiness.dimensions {
            let sb = score(b, &da.id);
            if da.score != sb {
                readiness.push(format!("{}: {} to {}", da.name, label(da.score), label(sb)));
            }
        }
        let ids =
            |p: &Plan| -> BTreeSet<String> { p.components.iter().map(|c| c.id.clone()).collect() };
        let (ia, ib) = (ids(a), ids(b));
        let title = |p: &Plan, id: &str| planned(p, id).map_or(id.to_string(), |c| c.title.clone());
        let added: Vec<String> = ib.difference(&ia).map(|id| title(b, id)).collect();
        let dropped: Vec<String> = ia
            .difference(&ib)
            .map(|id| format!("{} (now {})", title(a, id), status(b, id)))
            .collect();
        let moved: Vec<String> = ia
            .intersection(&ib)
            .filter_map(|id| {
                let (ca, cb) = (planned(a, id)?, planned(b, id)?);
                let qa = quarters(a.horizon.start_year, ca.start_month, ca.end_month);
                let qb = quarters(b.horizon.start_year, cb.start_month, cb.end_month);
                (qa != qb).then(|| format!("{}: {qa} to {qb}", ca.title))
            })
            .collect();
        let mut rules = Vec::new();
        for ra in &a.rules {
            if let Some(rb) = b.rules.iter().find(|r| r.id == ra.id)
                && ra.fired != rb.fired
            {
                let (was, now) = if rb.fired {
                    ("did not apply", "applies")
                } else {
                    ("applied", "no longer applies")
                };
                rules.push(format!(
                    "{} {was} ({}) and now {now} ({})",
                    ra.id,
                    ra.evidence.join("; "),
                    rb.evidence.join("; ")
                ));
            }
        }
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
        if (a.financing.total_cost_usd_millions - b.financing.total_cost_usd_millions).abs()
            > 0.0005
        {
            other.push(format!(
                "Total cost: {} to {}",
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
        let no_differences = inputs_changed.is_empty()
            && readiness.is_empty()
            && added.is_empty()
            && dropped.is_empty()
            && moved.is_empty()
            && rules.is_empty()
            && other.is_empty();
        reports.push(ChangeReport {
            iso3: a.country.iso3.clone(),
            name: b.country.display_name.clone(),
            from: describe(&pair[0]),
            to: describe(&pair[1]),
            no_differences,
            inputs: inputs_changed,
            readiness,
            added,
            dropped,
            moved,
            rules,
            other,
        });
    }
    reports
}

/// Lists the leaves that differ between two JSON values, as "path: a to b".
fn diff_values(path: &str, a: &serde_json::Value, b: &serde_json::Value, out: &mut Vec<String>) {
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
        _ if a != b => {
            let show = |v: &Value| {
                if v.is_null() {
                    "not stated".to_string()
                } else {
                    v.to_string()
                }
            };
            out.push(format!("{path}: {} to {}", show(a), show(b)));
        }
        _ => {}
    }
}
