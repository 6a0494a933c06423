//! How numbers, money, dates, lists and names read in the plan's language.
//!
//! Shared by the engine, which writes the plan's sentences, and by the
//! renderers and the comparison, which format the plan's values: one place
//! decides that an amount reads "USD 94.2 million" and a month "Q3 2027"
//! in English, "USD 94,2 millions" and "T3 2027" in French.
//!
//! Figures are rounded here, then written with the separators of the
//! language in force ([`crate::language::current`]) as the Unicode CLDR
//! data of `icu_decimal` gives them: French groups thousands with a narrow
//! no-break space ("19 338,5"), Spanish with a point from five digits on
//! ("19.338,5", "1234,5"). English keeps its own rule: thousands separated
//! in amounts and rates, not in plain counts.

use fixed_decimal::Decimal;
use icu_decimal::DecimalFormatter;

use crate::language::{Language, current, say, say_with};
use crate::vocabulary::CountryGroup;

/// A figure written in English form ("19338.5", "1,234.5") in the
/// conventions of the language in force; English figures are unchanged.
pub fn localised(english: String) -> String {
    let language = current();
    if language == Language::En {
        return english;
    }
    let plain: String = english.chars().filter(|c| *c != ',').collect();
    match plain.parse::<Decimal>() {
        Ok(decimal) => FORMATTERS.with(|all| {
            all.iter()
                .find(|(l, _)| *l == language)
                .map_or(english.clone(), |(_, f)| f.format(&decimal).to_string())
        }),
        Err(_) => english,
    }
}

thread_local! {
    // The formatter holds its CLDR data in reference-counted buffers, so it
    // is made once per thread rather than shared.
    static FORMATTERS: Vec<(Language, DecimalFormatter)> = Language::ALL
        .into_iter()
        .filter_map(|l| {
            let locale: icu_locale_core::Locale = l.code().parse().ok()?;
            let formatter = DecimalFormatter::try_new(locale.into(), Default::default()).ok()?;
            Some((l, formatter))
        })
        .collect();
}

/// Numbers as a reader expects them: up to `decimals` places, no trailing
/// zeros, and no minus sign on a zero (`-0.0`, or a small negative that
/// rounds to zero, reads "0").
pub fn format_number(value: f64, decimals: usize) -> String {
    let rounded = round_half_away(value, decimals);
    let text = format!("{rounded:.decimals$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    };
    localised(unsigned_zero(text))
}

/// `value` rounded to `decimals` places, a half away from zero, as a reader
/// would round the decimal figure: 0.185 reads 0.19 whether it was stored
/// as 0.18499999999999999 or came out of a subtraction as
/// 0.18500000000000227. Every amount goes through here, so one amount never
/// shows as two figures. Noise below a millionth of the last place shown is
/// taken for the float's, not the amount's.
pub fn round_half_away(value: f64, decimals: usize) -> f64 {
    let scale = 10f64.powi(decimals as i32);
    let scaled = value * scale;
    let snapped = (scaled * 1.0e6).round() / 1.0e6;
    snapped.round() / scale
}

/// A published index to four decimals, rounded as every other figure is
/// (0.51625 reads 0.5163 in the text, the tables and the KPI baselines).
pub fn format_index(value: f64) -> String {
    localised(format!("{:.4}", round_half_away(value, 4)))
}

/// `value` to `figures` significant figures, zeros kept and thousands
/// separated: "12.0", "4.79", "0.0312", "3,020", "19,300".
pub fn significant(value: f64, figures: usize) -> String {
    if value == 0.0 || !value.is_finite() {
        return "0".to_string();
    }
    // Places after the point; negative for tens, hundreds and more.
    let places = |v: f64| figures as i32 - 1 - v.abs().log10().floor() as i32;
    let round_to = |v: f64, places: i32| {
        if places >= 0 {
            round_half_away(v, places as usize)
        } else {
            let unit = 10f64.powi(-places);
            round_half_away(v / unit, 0) * unit
        }
    };
    // Rounding can carry to a new power of ten (99.96 to 100): count the
    // places again on the rounded value.
    let rounded = round_to(value, places(value));
    let rounded = round_to(rounded, places(rounded));
    let decimals = places(rounded).max(0) as usize;
    let whole_part = rounded.trunc();
    let text = format!("{rounded:.decimals$}");
    let whole = thousands(whole_part as i64);
    let sign = if rounded < 0.0 && whole_part == 0.0 {
        "-"
    } else {
        ""
    };
    localised(match text.split_once('.') {
        Some((_, fraction)) => format!("{sign}{whole}.{fraction}"),
        None => whole,
    })
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
    let rounded = round_half_away(millions, digits);
    say_with(
        "money.amount",
        &[
            ("code", "USD"),
            ("number", &format_number(millions, digits)),
            ("unit", unit_word("million", rounded)),
        ],
    )
}

/// "million" or "millions" (and billion, trillion) as the language wants
/// it after `value`: French takes the plural from 2, Spanish from any
/// figure but 1, English never in amounts.
fn unit_word(unit: &str, value: f64) -> &'static str {
    let singular = match current() {
        Language::En => true,
        Language::Fr => value.abs() < 2.0,
        Language::Es => value.abs() == 1.0,
    };
    let form = if singular { "one" } else { "many" };
    say(&format!("money.{unit}_{form}"))
}

/// How a plan's amounts read: in US dollars alone, or in the country's
/// currency first with US dollars after. Costs are estimated in dollars;
/// the local amount is the dollars times the rate.
///
/// Precision: an amount in millions of dollars keeps the rule of
/// [`format_usd`] (three significant figures from USD 1 million to USD 100
/// million), so that it reads the same beside a local amount and in the
/// dollar tables. The local amount is given to three significant figures,
/// zeros kept ("XOF 12.0 billion", "XOF 4.79 billion"). An amount per
/// person is given to three significant figures in both currencies ("XOF
/// 3,020 (USD 5.03)"); in a plan in dollars alone it keeps two decimals.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Money {
    /// The currency's ISO 4217 code and its units to one US dollar.
    local: Option<(String, f64)>,
}

impl Money {
    /// Amounts in US dollars alone.
    pub fn usd() -> Self {
        Money::default()
    }

    /// Amounts in `code` at `usd_rate` units to the dollar, then in dollars.
    pub fn local(code: &str, usd_rate: f64) -> Self {
        Money {
            local: Some((code.to_string(), usd_rate)),
        }
    }

    /// "XOF 81.6 billion (USD 136 million)", or "USD 136 million".
    pub fn amount(&self, usd_millions: f64) -> String {
        match self.in_local(usd_millions) {
            Some(local) => format!("{local} ({})", format_usd(usd_millions)),
            None => format_usd(usd_millions),
        }
    }

    /// The same inside brackets, where a second pair would read badly:
    /// "XOF 81.6 billion or USD 136 million".
    pub fn amount_in_brackets(&self, usd_millions: f64) -> String {
        match self.in_local(usd_millions) {
            Some(local) => say_with(
                "money.or",
                &[("first", &local), ("second", &format_usd(usd_millions))],
            ),
            None => format_usd(usd_millions),
        }
    }

    /// The amount in the local currency alone, "XOF 81.6 billion"; `None`
    /// for a plan in dollars.
    pub fn in_local(&self, usd_millions: f64) -> Option<String> {
        self.local
            .as_ref()
            .map(|(code, rate)| format_local(code, usd_millions * rate))
    }

    /// An amount per person, given in US dollars (not millions): "XOF
    /// 19,300 (USD 32.2) per person", or "USD 32.23 per person".
    pub fn per_person(&self, usd: f64) -> String {
        self.per_person_joined(usd, |local, dollars| format!("{local} ({dollars})"))
    }

    /// The same for a place inside brackets: "XOF 19,300 or USD 32.2 per
    /// person".
    pub fn per_person_in_brackets(&self, usd: f64) -> String {
        self.per_person_joined(usd, |local, dollars| {
            say_with("money.or", &[("first", local), ("second", dollars)])
        })
    }

    fn per_person_joined(&self, usd: f64, join: impl Fn(&str, &str) -> String) -> String {
        let amount = match &self.local {
            Some((code, rate)) => join(
                &format!("{code} {}", significant(usd * rate, 3)),
                &format!("USD {}", significant(usd, 3)),
            ),
            None => format!("USD {}", format_number(usd, 2)),
        };
        say_with("money.per_person", &[("amount", &amount)])
    }
}

/// An amount in millions of a currency, in millions, billions or trillions
/// as its size asks, to three significant figures: "XOF 18.0 billion",
/// "XOF 450 million", "IDR 4.10 trillion".
pub fn format_local(code: &str, millions: f64) -> String {
    // Rounded first, so that 999.8 million reads "1.00 billion".
    let millions: f64 = {
        let _english = crate::language::speaking(Language::En);
        significant(millions, 3)
            .replace(',', "")
            .parse()
            .unwrap_or(millions)
    };
    let (value, unit) = match millions.abs() {
        m if m >= 1.0e6 => (millions / 1.0e6, "trillion"),
        m if m >= 1.0e3 => (millions / 1.0e3, "billion"),
        _ => (millions, "million"),
    };
    say_with(
        "money.amount",
        &[
            ("code", code),
            ("number", &significant(value, 3)),
            ("unit", unit_word(unit, value)),
        ],
    )
}

/// An amount in millions of a currency exactly as given, with thousands
/// separators: "XOF 18,000 million", "KES 32,250.5 million".
pub fn format_local_as_given(code: &str, millions: f64) -> String {
    say_with(
        "money.amount",
        &[
            ("code", code),
            ("number", &format_rate(millions)),
            ("unit", unit_word("million", millions)),
        ],
    )
}

/// A rate as a reader expects it: "600", "0.3077", "16,400".
pub fn format_rate(rate: f64) -> String {
    let text = {
        let _english = crate::language::speaking(Language::En);
        format_number(rate, 4)
    };
    localised(match text.split_once('.') {
        _ if rate.abs() < 1000.0 => text,
        Some((whole, fraction)) => format!(
            "{}.{fraction}",
            thousands(whole.parse().unwrap_or_default())
        ),
        None => thousands(text.parse().unwrap_or_default()),
    })
}

/// A whole number with thousands separators: "19,338".
fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// The month's name in the language in force, January being 1.
pub fn month_name(month: usize) -> &'static str {
    say(&format!("date.month_{month}"))
}

/// "2026-12-29" as "29 December 2026"; anything else unchanged.
pub fn long_date(iso: &str) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    match parts.as_slice() {
        [y, m, d] => match (m.parse::<usize>(), d.parse::<u32>()) {
            (Ok(m), Ok(d)) if (1..=12).contains(&m) => {
                let day = match d {
                    1 => say("date.first_day").to_string(),
                    d => d.to_string(),
                };
                say_with(
                    "date.long",
                    &[("day", &day), ("month", month_name(m)), ("year", y)],
                )
            }
            _ => iso.to_string(),
        },
        _ => iso.to_string(),
    }
}

/// "Q3 2027" for a month counted from 0 at the start of `start_year`.
pub fn quarter(start_year: i32, month: u32) -> String {
    say_with(
        "date.quarter",
        &[
            ("q", &((month % 12) / 3 + 1).to_string()),
            ("year", &(start_year + (month / 12) as i32).to_string()),
        ],
    )
}

/// A small count in words ("three"), larger ones in figures.
pub fn count_word(n: usize) -> String {
    match n {
        0..=10 => say(&format!("count.n{n}")).to_string(),
        _ => n.to_string(),
    }
}

/// A score always shows one decimal, as assessment sheets do.
pub fn format_score(score: f64) -> String {
    localised(unsigned_zero(format!("{score:.1}")))
}

/// "a, b and c", "a, b et c", "a, b y c".
pub fn join_words(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => {
            // Spanish writes "e" for "and" before a word sounding "i".
            let sounds_i = |w: &str| {
                let w = w.to_lowercase();
                (w.starts_with('i') || w.starts_with("hi") || w.starts_with('í'))
                    && !w.starts_with("hie")
            };
            let key = if current() == Language::Es && sounds_i(last) {
                "list.and_before_i"
            } else {
                "list.and"
            };
            say_with(key, &[("first", &rest.join(", ")), ("last", last)])
        }
    }
}

/// "a, b and c" in English whatever the plan's language: for messages of
/// the command line, which stay in English.
pub fn join_english(items: &[String]) -> String {
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
        adjectives.push(say("groups.least_developed").to_string());
    }
    if groups.contains(&CountryGroup::Lldc) {
        adjectives.push(say("groups.landlocked").to_string());
    }
    let sids = groups.contains(&CountryGroup::Sids);
    let adjectives = join_words(&adjectives);
    match (adjectives.is_empty(), sids) {
        (true, true) => say("groups.sids").into(),
        (true, false) => say("groups.country").into(),
        (false, false) => say_with("groups.country_that_is", &[("adjectives", &adjectives)]),
        (false, true) => say_with(
            "groups.country_that_is_and_sids",
            &[("adjectives", &adjectives)],
        ),
    }
}

/// Institution names read in running text with "the": "the Ministry of
/// Finance", "the Office of the Prime Minister". Names that are already
/// articled or are proper names ("Irembo Ltd") are left as they are.
pub fn with_article(name: &str) -> String {
    if current() != Language::En {
        return with_catalogued_article(name);
    }
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
    if current() != Language::En {
        return with_catalogued_article(name);
    }
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

/// A name with the article the catalogue's `[articles]` lists give its
/// first word ("Ministère" takes "le", "Agence" "l'"), or as written when
/// no list names it.
fn with_catalogued_article(name: &str) -> String {
    short_with_article(name, name)
}

/// A short name ("MCTN") with the article its full name takes ("le
/// Ministère de la Communication...": "le MCTN"), in French and Spanish; in
/// English, as [`with_article`] gives the short name.
pub fn short_with_article(short: &str, full: &str) -> String {
    if current() == Language::En {
        return with_article(short);
    }
    let first = full.split_whitespace().next().unwrap_or("");
    let Some(article) = crate::language::section("articles")
        .iter()
        .find(|(_, words)| words.split_whitespace().any(|w| w == first))
        .map(|(article, _)| article)
    else {
        return short.to_string();
    };
    let elides = current() == Language::Fr
        && matches!(article.as_str(), "le" | "la")
        && short
            .chars()
            .next()
            .is_some_and(|c| "AEIOUHÂÉÈÊÎÔÛaeiouhâéèêîôû".contains(c));
    if elides {
        format!("l'{short}")
    } else {
        format!("{article} {short}")
    }
}

/// Appends a value after `text`, joining a preposition that ends `text`
/// to the value's article as the language wants: "de" + "le Sénégal" is
/// "du Sénégal", "a" + "el Ministerio" is "al Ministerio" (the catalogue's
/// `[contractions]`).
pub fn append_value(text: &mut String, value: &str) {
    for (pair, joined) in crate::language::section("contractions") {
        let Some((preposition, article)) = pair.split_once(' ') else {
            continue;
        };
        let Some(rest) = value
            .strip_prefix(article)
            .and_then(|r| r.strip_prefix(' '))
        else {
            continue;
        };
        let before = text.len().saturating_sub(preposition.len() + 1);
        let ends_with = |p: &str| {
            text.ends_with(&format!("{p} "))
                && (before == 0 || !text[..before].ends_with(|c: char| c.is_alphanumeric()))
        };
        if ends_with(preposition) {
            text.truncate(before);
            text.push_str(joined);
        } else if ends_with(&capitalise(preposition)) {
            text.truncate(before);
            text.push_str(&capitalise(joined));
        } else {
            continue;
        }
        text.push(' ');
        text.push_str(rest);
        return;
    }
    text.push_str(value);
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
    fn local_amounts_read_in_millions_billions_or_trillions() {
        let xof = Money::local("XOF", 600.0);
        assert_eq!(xof.amount(136.0), "XOF 81.6 billion (USD 136 million)");
        assert_eq!(xof.amount(0.45), "XOF 270 million (USD 0.45 million)");
        assert_eq!(xof.amount(3.51), "XOF 2.11 billion (USD 3.51 million)");
        assert_eq!(
            xof.amount_in_brackets(30.0),
            "XOF 18.0 billion or USD 30 million"
        );
        assert_eq!(xof.per_person(32.23), "XOF 19,300 (USD 32.2) per person");
        assert_eq!(
            xof.per_person_in_brackets(32.23),
            "XOF 19,300 or USD 32.2 per person"
        );
        let idr = Money::local("IDR", 16_400.0);
        assert_eq!(idr.amount(250.0), "IDR 4.10 trillion (USD 250 million)");
        let kwd = Money::local("KWD", 0.31);
        assert_eq!(kwd.amount(0.02), "KWD 0.00620 million (USD 0.02 million)");
        assert_eq!(kwd.per_person(32.23), "KWD 9.99 (USD 32.2) per person");
        assert_eq!(Money::usd().amount(94.184), "USD 94.2 million");
        assert_eq!(Money::usd().per_person(4.43), "USD 4.43 per person");
        assert_eq!(Money::usd().in_local(1.0), None);
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(format_rate(600.0), "600");
        assert_eq!(format_rate(0.30766), "0.3077");
        assert_eq!(format_rate(16_400.5), "16,400.5");
        assert_eq!(format_local_as_given("KES", 32_250.0), "KES 32,250 million");
        assert_eq!(thousands(-1_000), "-1,000");
    }

    #[test]
    fn one_amount_rounds_to_one_figure() {
        // 0.185 stored, and 0.185 out of a subtraction, read the same.
        assert_eq!(format_usd(0.185), "USD 0.19 million");
        assert_eq!(format_usd(30.0 - 29.815), "USD 0.19 million");
        assert_eq!(format_usd(30.159 - 29.974), "USD 0.19 million");
        assert_eq!(format_usd(0.055), "USD 0.06 million");
        assert_eq!(format_number(-0.185, 2), "-0.19");
        assert_eq!(format_number(2.5, 0), "3");
    }

    #[test]
    fn significant_figures_keep_their_zeros() {
        assert_eq!(significant(12.03, 3), "12.0");
        assert_eq!(significant(4.7872, 3), "4.79");
        assert_eq!(significant(3018.0, 3), "3,020");
        assert_eq!(significant(19_338.0, 3), "19,300");
        assert_eq!(significant(0.031_24, 3), "0.0312");
        assert_eq!(significant(99.96, 3), "100");
        assert_eq!(significant(5.03, 3), "5.03");
        assert_eq!(significant(0.0, 3), "0");
        assert_eq!(significant(-4.7872, 3), "-4.79");
        let xof = Money::local("XOF", 600.0);
        assert_eq!(xof.in_local(20.05).unwrap(), "XOF 12.0 billion");
        assert_eq!(xof.in_local(1.6663).unwrap(), "XOF 1.00 billion");
        assert_eq!(xof.in_local(0.0).unwrap(), "XOF 0 million");
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
