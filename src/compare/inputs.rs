//! How a changed input reads in a change report: "Budget envelope: USD 60
//! million to USD 85 million", "Data protection law: no to yes", never the
//! field's path or its JSON value.
//!
//! The change report diffs the plan's settings, context facts and country
//! facts leaf by leaf; this module names each leaf and formats its values.
//! Facts the plan derives from another one (the long name of an income
//! group, the display name) are left out: the fact they come from is listed.

use serde_json::Value;

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

/// The inputs a reader knows by name, with how their values read.
const KNOWN: &[(&str, &str, Shown)] = &[
    ("plan.budget_usd_millions", "Budget envelope", Shown::Money),
    (
        "plan.external_financing_share",
        "Share financed by development partners",
        Shown::Share,
    ),
    (
        "plan.budget_scale",
        "Budget scenario (share of the envelope)",
        Shown::Share,
    ),
    ("plan.sdg_focus", "SDGs in focus", Shown::Plain),
    ("country.population_millions", "Population", Shown::People),
    ("country.groups", "UN country groups", Shown::Plain),
    ("country.iso3", "ISO code", Shown::Plain),
];

/// Leaves derived from another input, which the report does not repeat.
const DERIVED: &[&str] = &[
    "plan.sponsor_given",
    "plan.lead_short",
    "country.display_name",
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
    let (name, shown) = KNOWN.iter().find(|(p, _, _)| *p == path).map_or_else(
        || (leaf_name(path), Shown::Plain),
        |(_, n, s)| (n.to_string(), *s),
    );
    Some(format!("{name}: {} to {}", show(a, shown), show(b, shown)))
}

/// "Data protection law" for "context.data_protection_law".
fn leaf_name(path: &str) -> String {
    let leaf = path.rsplit('.').next().unwrap_or(path);
    capitalise(&leaf.replace('_', " "))
}

fn show(value: &Value, shown: Shown) -> String {
    match (value, shown) {
        (Value::Null, _) => "not stated".into(),
        (Value::Number(n), Shown::Money) => n.as_f64().map_or(n.to_string(), format_usd),
        (Value::Number(n), Shown::Share) => n.as_f64().map_or(n.to_string(), |x| {
            format!("{}%", format_number(x * 100.0, 1))
        }),
        (Value::Number(n), Shown::People) => n.as_f64().map_or(n.to_string(), |x| {
            format!("{} million", format_number(x, 2))
        }),
        (Value::Bool(true), _) => "yes".into(),
        (Value::Bool(false), _) => "no".into(),
        (Value::String(s), _) => s.clone(),
        (Value::Array(items), _) if items.is_empty() => "none".into(),
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
