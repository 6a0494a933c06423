//! How numbers, money, dates, lists and names read in English prose.
//!
//! Shared by the engine, which writes the plan's sentences, and by the
//! renderers and the comparison, which format the plan's values: one place
//! decides that an amount reads "USD 94.2 million" and a month "Q3 2027".

use crate::vocabulary::CountryGroup;

/// Numbers as a reader expects them: up to `decimals` places, no trailing
/// zeros, and no minus sign on a zero (`-0.0`, or a small negative that
/// rounds to zero, reads "0").
pub fn format_number(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    };
    unsigned_zero(text)
}

/// "-0", "-0.0" or "-0.00" (a negative zero, or a negative amount too small
/// to show) without its minus sign.
fn unsigned_zero(text: String) -> String {
    match text.strip_prefix('-') {
        Some(digits) if digits.chars().all(|c| c == '0' || c == '.') => digits.to_string(),
        _ => text,
    }
}

/// An amount in millions of US dollars as a reader expects it: "USD 94.2
/// million", "USD 0.45 million".
pub fn format_usd(millions: f64) -> String {
    let digits = if millions.abs() >= 10.0 { 1 } else { 2 };
    format!("USD {} million", format_number(millions, digits))
}

/// English month names, January first.
pub const MONTH_NAMES: [&str; 12] = [
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

/// A small count in words ("three"), larger ones in figures.
pub fn count_word(n: usize) -> String {
    const WORDS: [&str; 11] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    WORDS
        .get(n)
        .map_or_else(|| n.to_string(), |w| w.to_string())
}

/// A score always shows one decimal, as assessment sheets do.
pub fn format_score(score: f64) -> String {
    unsigned_zero(format!("{score:.1}"))
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

pub fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

/// `text`, or `fallback` when there is nothing to say: "none named".
pub fn or_if_empty(text: String, fallback: &str) -> String {
    if text.is_empty() {
        fallback.to_string()
    } else {
        text
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
    fn zero_never_reads_with_a_minus_sign() {
        assert_eq!(format_usd(-0.0), "USD 0 million");
        assert_eq!(format_usd(-0.0001), "USD 0 million");
        assert_eq!(format_number(-0.04, 1), "0");
        assert_eq!(format_number(-0.0, 0), "0");
        assert_eq!(format_score(-0.0), "0.0");
        assert_eq!(format_score(-0.01), "0.0");
        assert_eq!(format_number(-0.5, 1), "-0.5");
        assert_eq!(format_usd(-2.0), "USD -2 million");
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
