//! How a changed input reads in a change report: "Budget envelope: USD 60
//! million to USD 85 million", "Data protection law: no to yes", never the
//! field's path or its JSON value.
//!
//! The change report diffs the plan's settings, context facts and country
//! facts leaf by leaf; this module names each leaf and formats its values.
//! Facts the plan derives from another one (the long name of an income
//! group, the display name) are left out: the fact they come from is listed.

use serde_json::Value;

use super::names::say;
use super::readiness::millions;
use crate::words::{capitalise, format_number, format_usd};

/// How a value of a known input is shown.
#[derive(Clone, Copy)]
enum Shown {
    /// As it is: text, a list, yes or no.
    Plain,
    /// Millions of US dollars.
    Money,
    /// A share from 0 to 1, as a percentage.
    Share,
    /// Millions of people.
    People,
}

/// Inputs whose values are not shown as they are.
const SHOWN: &[(&str, Shown)] = &[
    ("plan.budget_usd_millions", Shown::Money),
    ("plan.external_financing_share", Shown::Share),
    ("plan.budget_scale", Shown::Share),
    ("country.population_millions", Shown::People),
];

/// The inputs a reader knows by name, by the key of their name in the
/// catalogue's `[compare.inputs]`. Others are named from their field.
const NAMED: &[(&str, &str)] = &[
    ("plan.budget_usd_millions", "budget_usd_millions"),
    ("plan.budget_local_millions", "budget_local_millions"),
    ("plan.external_financing_share", "external_financing_share"),
    ("plan.budget_scale", "budget_scale"),
    ("plan.sdg_focus", "sdg_focus"),
    ("plan.priority_sectors", "priority_sectors"),
    ("plan.hazards", "hazards"),
    ("plan.lead_institution", "lead_institution"),
    ("plan.national_strategy", "national_strategy"),
    ("plan.sponsor", "sponsor"),
    ("plan.currency.code", "currency_code"),
    ("plan.currency.name", "currency_name"),
    ("plan.currency.usd_rate", "currency_usd_rate"),
    ("plan.currency.usd_rate_date", "currency_usd_rate_date"),
    ("country.population_millions", "population_millions"),
    ("country.population_source", "population_source"),
    ("country.groups", "groups"),
    ("country.iso3", "iso3"),
    ("country.name", "name"),
    ("country.short_name", "short_name"),
    ("country.region", "region"),
    ("country.income_group", "income_group"),
    ("country.subnational_unit", "subnational_unit"),
    ("context.digital_id", "digital_id"),
    ("context.data_protection_law", "data_protection_law"),
    ("context.e_transactions_law", "e_transactions_law"),
    ("context.national_portal", "national_portal"),
    ("context.cybersecurity_strategy", "cybersecurity_strategy"),
    (
        "context.interoperability_framework",
        "interoperability_framework",
    ),
    ("context.government_cloud", "government_cloud"),
];

/// Leaves derived from another input, which the report does not repeat.
const DERIVED: &[&str] = &[
    "plan.sponsor_given",
    "plan.lead_short",
    "country.display_name",
    "country.in_text",
    "country.group_names",
    "country.income_group_name",
    "country.subnational_unit_plural",
];

/// "Budget envelope: USD 60 million to USD 85 million" for the leaf at
/// `path` ("plan.budget_usd_millions"), or `None` for a derived leaf.
pub(super) fn input_change(path: &str, a: &Value, b: &Value) -> Option<String> {
    if DERIVED.contains(&path) {
        return None;
    }
    let shown = SHOWN
        .iter()
        .find(|(p, _)| *p == path)
        .map_or(Shown::Plain, |(_, s)| *s);
    let name = NAMED.iter().find(|(p, _)| *p == path).map_or_else(
        || leaf_name(path),
        |(_, key)| say(&format!("compare.inputs.{key}"), &[]),
    );
    Some(say(
        "compare.inputs.change",
        &[
            ("input", &name),
            ("from", &show(a, shown)),
            ("to", &show(b, shown)),
        ],
    ))
}

/// "Data protection law" for "context.data_protection_law": the name of
/// a fact the comparison does not know, in the framework's own words.
fn leaf_name(path: &str) -> String {
    let leaf = path.rsplit('.').next().unwrap_or(path);
    capitalise(&leaf.replace('_', " "))
}

fn show(value: &Value, shown: Shown) -> String {
    let word = |key: &str| say(&format!("compare.inputs.{key}"), &[]);
    match (value, shown) {
        (Value::Null, _) => word("not_stated"),
        (Value::Number(n), Shown::Money) => n.as_f64().map_or(n.to_string(), format_usd),
        (Value::Number(n), Shown::Share) => n.as_f64().map_or(n.to_string(), |x| {
            format!("{}%", format_number(x * 100.0, 1))
        }),
        (Value::Number(n), Shown::People) => n.as_f64().map_or(n.to_string(), millions),
        (Value::Bool(true), _) => word("yes"),
        (Value::Bool(false), _) => word("no"),
        (Value::String(s), _) => s.clone(),
        (Value::Array(items), _) if items.is_empty() => word("none"),
        (Value::Array(items), _) => items
            .iter()
            .map(|v| show(v, Shown::Plain))
            .collect::<Vec<_>>()
            .join(", "),
        (other, _) => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn known_inputs_read_with_their_names_and_units() {
        let change = |path, a, b| input_change(path, &a, &b);
        assert_eq!(
            change("plan.budget_usd_millions", json!(60.0), json!(85.0)).unwrap(),
            "Budget envelope: USD 60 million to USD 85 million"
        );
        assert_eq!(
            change("plan.external_financing_share", json!(0.45), json!(0.3)).unwrap(),
            "Share financed by development partners: 45% to 30%"
        );
        assert_eq!(
            change("context.data_protection_law", json!(false), json!(true)).unwrap(),
            "Data protection law: no to yes"
        );
        assert_eq!(
            change("plan.priority_sectors", json!(["health"]), json!([])).unwrap(),
            "Priority sectors: health to none"
        );
        assert_eq!(
            change("plan.national_strategy", json!(null), json!("Vision 2030")).unwrap(),
            "National strategy: not stated to Vision 2030"
        );
        assert!(change("country.income_group_name", json!("a"), json!("b")).is_none());
    }
}
