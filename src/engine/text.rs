//! Fills the placeholders of framework texts with one country's values.

use std::collections::HashMap;

use crate::framework::Framework;
use crate::input::{CountryGroup, CountryInput};

/// Numbers as a reader expects them: up to `decimals` places, no trailing zeros.
pub fn format_number(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

/// An amount in millions of US dollars as a reader expects it: "USD 94.2
/// million", "USD 0.45 million".
pub fn format_usd(millions: f64) -> String {
    let digits = if millions.abs() >= 10.0 { 1 } else { 2 };
    format!("USD {} million", format_number(millions, digits))
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "2026-12-29" as "29 December 2026"; anything else unchanged.
pub fn long_date(iso: &str) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    match parts.as_slice() {
        [y, m, d] => match (m.parse::<usize>(), d.parse::<u32>()) {
            (Ok(m), Ok(d)) if (1..=12).contains(&m) => format!("{d} {} {y}", MONTH_NAMES[m - 1]),
            _ => iso.to_string(),
        },
        _ => iso.to_string(),
    }
}

/// "Q3 2027" for a month counted from 0 at the start of `start_year`.
pub fn quarter(start_year: i32, month: u32) -> String {
    format!(
        "Q{} {}",
        (month % 12) / 3 + 1,
        start_year + (month / 12) as i32
    )
}

/// A score always shows one decimal, as assessment sheets do.
pub fn format_score(score: f64) -> String {
    format!("{score:.1}")
}

/// "a, b and c".
pub fn join_words(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// "least developed and landlocked developing country", "small island developing state".
pub fn group_phrase(groups: &[CountryGroup]) -> String {
    let mut adjectives = Vec::new();
    if groups.contains(&CountryGroup::Ldc) {
        adjectives.push("least developed".to_string());
    }
    if groups.contains(&CountryGroup::Lldc) {
        adjectives.push("landlocked developing".to_string());
    }
    let sids = groups.contains(&CountryGroup::Sids);
    match (adjectives.is_empty(), sids) {
        (true, true) => "small island developing state".into(),
        (true, false) => "country".into(),
        (false, false) => format!("{} country", join_words(&adjectives)),
        (false, true) => format!(
            "{} country and small island developing state",
            join_words(&adjectives)
        ),
    }
}

pub struct Filler {
    values: HashMap<&'static str, String>,
    scores: HashMap<String, String>,
    levels: HashMap<String, String>,
    indices: HashMap<String, String>,
}

impl Filler {
    pub fn new(
        input: &CountryInput,
        framework: &Framework,
        end_year: i32,
        sponsor: &str,
        weakest: &[String],
        strongest: &[String],
    ) -> Self {
        let plan = &input.plan;
        let readable = |words: &[String]| {
            join_words(
                &words
                    .iter()
                    .map(|w| w.replace('_', " "))
                    .collect::<Vec<_>>(),
            )
        };
        let dimension_names = |ids: &[String]| {
            let names: Vec<String> = ids
                .iter()
                .filter_map(|id| framework.dimension(id))
                .map(|d| d.name.to_lowercase())
                .collect();
            join_words(&names)
        };
        let mut values = HashMap::new();
        values.insert("country", country_in_text(input.country.display_name()));
        values.insert("lead", with_article(&plan.lead_institution));
        values.insert("sponsor", with_article(sponsor));
        values.insert("start_year", plan.start_year.to_string());
        values.insert("end_year", end_year.to_string());
        values.insert("horizon_years", plan.horizon_years.to_string());
        values.insert(
            "population",
            input.country.population_millions.map_or_else(
                || "an unstated number of".to_string(),
                |p| format_number(p, 2),
            ),
        );
        values.insert("groups", group_phrase(&input.country.groups));
        values.insert(
            "income",
            input
                .country
                .income_group
                .map_or_else(|| "unstated income".to_string(), |g| g.name().to_string()),
        );
        values.insert(
            "sectors",
            non_empty(readable(&plan.priority_sectors), "none named"),
        );
        values.insert("hazards", non_empty(readable(&plan.hazards), "none named"));
        values.insert(
            "weakest",
            non_empty(dimension_names(weakest), "none assessed"),
        );
        values.insert(
            "strongest",
            non_empty(dimension_names(strongest), "none assessed"),
        );

        let mut scores = HashMap::new();
        let mut levels = HashMap::new();
        for dimension in &framework.dimensions {
            let id = dimension.id.name.clone();
            match input.readiness.scores.get(&id) {
                Some(score) => {
                    scores.insert(id.clone(), format_score(*score));
                    let level = level_of(*score) as usize;
                    let text = dimension.levels.get(level).cloned().unwrap_or_default();
                    levels.insert(id, lower_first(text.trim_end_matches('.')));
                }
                None => {
                    scores.insert(id.clone(), "not assessed".into());
                    levels.insert(id, "not assessed".into());
                }
            }
        }
        let mut indices = HashMap::new();
        for name in crate::input::INDEX_NAMES {
            let value = input.readiness.indices.as_ref().and_then(|i| i.get(name));
            indices.insert(
                name.to_string(),
                value.map_or_else(|| "not given".to_string(), |v| format!("{v:.4}")),
            );
        }
        Filler {
            values,
            scores,
            levels,
            indices,
        }
    }

    /// Adds a value known only after the plan is costed.
    pub fn set(&mut self, name: &'static str, value: String) {
        self.values.insert(name, value);
    }

    /// Replaces every placeholder; the framework was validated, so unknown
    /// names cannot occur, but they are left visible rather than dropped.
    pub fn fill(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + 32);
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                out.push_str(&rest[open..]);
                rest = "";
                break;
            };
            let inner = &after[..close];
            let value = match inner.split_once(':') {
                Some(("score", arg)) => self.scores.get(arg),
                Some(("level", arg)) => self.levels.get(arg),
                Some(("index", arg)) => self.indices.get(arg),
                Some(_) => None,
                None => self.values.get(inner),
            };
            match value {
                // A value that opens a sentence starts with a capital.
                Some(v) if out.is_empty() || out.ends_with(". ") => out.push_str(&capitalise(v)),
                Some(v) => out.push_str(v),
                None => {
                    out.push('{');
                    out.push_str(inner);
                    out.push('}');
                }
            }
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        out
    }
}

/// Institution names read in running text with "the": "the Ministry of
/// Finance", "the Office of the Prime Minister". Names that are already
/// articled or are proper names ("Irembo Ltd") are left as they are.
pub fn with_article(name: &str) -> String {
    const INSTITUTIONAL: &[&str] = &[
        "Ministry",
        "Office",
        "Department",
        "Agency",
        "Authority",
        "Commission",
        "Committee",
        "Council",
        "Presidential",
        "Executive",
        "National",
        "Government",
        "Cabinet",
        "Prime",
        "State",
        "Secretariat",
        "Directorate",
        "Bureau",
        "Unit",
        "Board",
        "Centre",
        "Center",
        "Federal",
        "Royal",
        "Central",
        "Digital",
        "Public",
        "Civil",
    ];
    let first = name.split_whitespace().next().unwrap_or("");
    if INSTITUTIONAL.contains(&first) {
        format!("the {name}")
    } else {
        name.to_string()
    }
}

/// A country's name as it reads in running text: "the Republic of Korea",
/// "the Philippines", but "Fiji" and "Lao PDR". English puts "the" before
/// official names built on a form of state and before plural names.
pub fn country_in_text(name: &str) -> String {
    const STATE_FORMS: &[&str] = &[
        "Republic",
        "Kingdom",
        "United",
        "Democratic",
        "Federal",
        "Federated",
        "Islamic",
        "Plurinational",
        "Bolivarian",
        "Commonwealth",
        "Principality",
        "Sultanate",
        "Grand",
        "State",
        "Union",
        "Independent",
        "Co-operative",
        "Cooperative",
        "Czech",
        "Dominican Republic",
        "Central African",
        "Gambia",
        "Netherlands",
        "Philippines",
        "Bahamas",
        "Comoros",
        "Maldives",
        "Marshall Islands",
        "Solomon Islands",
        "Congo",
        "Syrian",
        "Russian",
        "Holy See",
        "Lao People's",
    ];
    if STATE_FORMS.iter().any(|form| name.starts_with(form)) {
        format!("the {name}")
    } else {
        name.to_string()
    }
}

/// Whole maturity level of a score: 2.7 is level 2.
pub fn level_of(score: f64) -> u8 {
    score.floor().clamp(0.0, 5.0) as u8
}

fn non_empty(text: String, fallback: &str) -> String {
    if text.is_empty() {
        fallback.to_string()
    } else {
        text
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

/// Sentences start with a capital even when a placeholder opens them.
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_in_words() {
        assert_eq!(long_date("2026-12-29"), "29 December 2026");
        assert_eq!(long_date("soon"), "soon");
    }

    #[test]
    fn amounts_read_as_money() {
        assert_eq!(format_usd(94.184), "USD 94.2 million");
        assert_eq!(format_usd(0.45), "USD 0.45 million");
        assert_eq!(format_usd(3.0), "USD 3 million");
    }

    #[test]
    fn numbers_drop_trailing_zeros() {
        assert_eq!(format_number(7.60, 2), "7.6");
        assert_eq!(format_number(85.0, 2), "85");
        assert_eq!(format_score(2.0), "2.0");
    }

    #[test]
    fn groups_read_as_a_phrase() {
        assert_eq!(
            group_phrase(&[CountryGroup::Ldc, CountryGroup::Lldc]),
            "least developed and landlocked developing country"
        );
        assert_eq!(
            group_phrase(&[CountryGroup::Sids]),
            "small island developing state"
        );
        assert_eq!(group_phrase(&[]), "country");
    }

    #[test]
    fn countries_take_the_article_where_english_does() {
        assert_eq!(
            country_in_text("Republic of Korea"),
            "the Republic of Korea"
        );
        assert_eq!(country_in_text("Philippines"), "the Philippines");
        assert_eq!(country_in_text("Fiji"), "Fiji");
        assert_eq!(country_in_text("Lao PDR"), "Lao PDR");
    }

    #[test]
    fn institutions_take_the_article() {
        assert_eq!(
            with_article("Ministry of Finance"),
            "the Ministry of Finance"
        );
        assert_eq!(
            with_article("the head of government"),
            "the head of government"
        );
        assert_eq!(with_article("MICT"), "MICT");
    }

    #[test]
    fn words_are_joined_with_and() {
        let words: Vec<String> = ["health", "education", "agriculture"]
            .map(String::from)
            .to_vec();
        assert_eq!(join_words(&words), "health, education and agriculture");
    }
}
