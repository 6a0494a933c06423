//! profile.toml's money settings: the envelope in US dollars or in the
//! country's currency, the currency's ISO 4217 code and its rate to the
//! US dollar on a given day.

use toml::Spanned;
use toml::value::Datetime;

use super::{Checker, Currency, DATE_YEARS};
use crate::ranges::{LEAST_USD_RATE, MOST_BUDGET_USD_MILLIONS, MOST_USD_RATE};

/// The `[plan]` keys about money, as written.
pub(super) struct RawMoney<'a> {
    pub budget_usd_millions: Option<&'a Spanned<f64>>,
    pub budget_local_millions: Option<&'a Spanned<f64>>,
    pub currency: Option<&'a Spanned<String>>,
    pub usd_rate: Option<&'a Spanned<f64>>,
    pub usd_rate_date: Option<&'a Spanned<Datetime>>,
}

/// The envelope in US dollars and as given, and the currency, checked.
pub(super) struct Money {
    pub budget_usd_millions: Option<f64>,
    pub budget_local_millions: Option<f64>,
    pub currency: Option<Currency>,
}

/// What a hint about a currency code ends with.
const CODE_EXAMPLE: &str =
    "the three-letter ISO 4217 code, such as XOF for the West African CFA franc";

const RATE_HINT: &str = "give the number of units of the currency to one US dollar, such as 600.0 for 600 XOF to one US dollar";

pub(super) fn check_money(raw: &RawMoney, check: &mut Checker) -> Money {
    let budget_usd_millions = raw.budget_usd_millions.map(|b| {
        check.number(
            b,
            "plan.budget_usd_millions",
            0.0,
            MOST_BUDGET_USD_MILLIONS,
            "give the envelope for the whole plan in millions of US dollars, such as 85.0; leave it out if unknown",
        )
    });
    let code = raw.currency.and_then(|c| check_code(c, check));
    let is_usd = code.as_ref().is_some_and(|c| c.code() == "USD");
    let rate = raw
        .usd_rate
        .map(|r| check.number(r, "plan.usd_rate", LEAST_USD_RATE, MOST_USD_RATE, RATE_HINT));
    let rate_ok = rate.is_some_and(|r| (LEAST_USD_RATE..=MOST_USD_RATE).contains(&r));
    let date = raw.usd_rate_date.and_then(|d| check_date(d, check));
    check_pairs(raw, check, is_usd, rate);
    let currency = match (code, rate) {
        (Some(code), Some(usd_rate)) if !is_usd && rate_ok => Some(Currency {
            code: code.code().to_string(),
            name: code.name().to_string(),
            usd_rate,
            usd_rate_date: date,
        }),
        _ => None,
    };
    let budget_local_millions = raw
        .budget_local_millions
        .map(|local| check_local_budget(local, raw, currency.as_ref(), check));
    Money {
        budget_usd_millions: match (&currency, budget_local_millions) {
            (Some(currency), Some(local)) if raw.budget_usd_millions.is_none() => {
                Some(currency.to_usd(local))
            }
            _ => budget_usd_millions,
        },
        budget_local_millions,
        currency,
    }
}

/// A currency and its rate go together, and a rate's date with its rate;
/// US dollars need no rate, or a rate of 1.
fn check_pairs(raw: &RawMoney, check: &mut Checker, is_usd: bool, rate: Option<f64>) {
    match (raw.currency, raw.usd_rate) {
        (Some(currency), None) if !is_usd => {
            let code = currency.get_ref().trim();
            check.error(
                currency,
                "plan.currency",
                format!("{code} is given without its rate to the US dollar"),
                &format!(
                    "add `usd_rate = ` with the number of {code} to one US dollar on the line below, such as `usd_rate = 600.0`, or remove the currency to show amounts in US dollars alone"
                ),
            );
        }
        (None, Some(usd_rate)) => check.error(
            usd_rate,
            "plan.usd_rate",
            "a rate is given without its currency".into(),
            "add `currency = ` with the currency's ISO 4217 code on the line above, such as `currency = \"XOF\"`, or remove the rate",
        ),
        (Some(_), Some(usd_rate)) if is_usd && rate.is_some_and(|r| r != 1.0) => check.error(
            usd_rate,
            "plan.usd_rate",
            "the currency is USD, whose rate to the US dollar is 1".into(),
            "give the code of the country's own currency, or leave the rate out: a plan in US dollars needs none",
        ),
        _ => {}
    }
    if let (Some(date), None) = (raw.usd_rate_date, raw.usd_rate) {
        check.error(
            date,
            "plan.usd_rate_date",
            "a date is given for a rate that is not".into(),
            "add `usd_rate = ` with the rate of that day, or remove the date",
        );
    }
}

/// The envelope in the local currency: one envelope only, and a currency
/// with its rate to convert it.
fn check_local_budget(
    local: &Spanned<f64>,
    raw: &RawMoney,
    currency: Option<&Currency>,
    check: &mut Checker,
) -> f64 {
    let field = "plan.budget_local_millions";
    if let Some(usd) = raw.budget_usd_millions {
        let (line, _) = check.source.line_column(usd.span().start);
        check.error(
            local,
            field,
            format!(
                "the envelope is given twice, here and as budget_usd_millions on line {line}"
            ),
            "keep one of the two lines: budget_usd_millions for the envelope in US dollars, budget_local_millions for the envelope in the currency of `currency`",
        );
    } else if raw.currency.is_none() || raw.usd_rate.is_none() {
        check.error(
            local,
            field,
            "an envelope in the local currency needs `currency` and `usd_rate`".into(),
            "add the currency's ISO 4217 code and its rate to the US dollar, such as `currency = \"XOF\"` and `usd_rate = 600.0`, or give the envelope in US dollars as budget_usd_millions",
        );
    } else if raw.currency.is_some_and(|c| c.get_ref().trim() == "USD") {
        check.error(
            local,
            field,
            "the currency is USD: an envelope in US dollars is budget_usd_millions".into(),
            "write budget_usd_millions instead of budget_local_millions",
        );
    }
    let most = MOST_BUDGET_USD_MILLIONS * currency.map_or(MOST_USD_RATE, |c| c.usd_rate);
    check.number(
        local,
        field,
        0.0,
        most,
        "give the envelope for the whole plan in millions of the local currency, such as 51000.0 for 51 billion; leave it out if unknown",
    )
}

/// An ISO 4217 code of a currency in use; `None` after reporting one that
/// is not.
fn check_code(value: &Spanned<String>, check: &mut Checker) -> Option<iso_currency::Currency> {
    let code = value.get_ref().trim();
    let field = "plan.currency";
    let Some(currency) = iso_currency::Currency::from_code(code) else {
        let upper = code.to_uppercase();
        let hint = if upper != code && iso_currency::Currency::from_code(&upper).is_some() {
            format!("write the code in capitals: \"{upper}\"")
        } else {
            match closest_codes(&upper).as_slice() {
                [] => format!("give {CODE_EXAMPLE}"),
                close => format!("did you mean {}? Give {CODE_EXAMPLE}", or_list(close)),
            }
        };
        check.error(
            value,
            field,
            format!(
                "\"{}\" is not an ISO 4217 currency code",
                crate::diagnostics::escape_controls(code)
            ),
            &hint,
        );
        return None;
    };
    if currency.is_special() || currency.is_fund() {
        check.error(
            value,
            field,
            format!(
                "{code} is the ISO 4217 code of {}, not of a currency a government budgets in",
                currency.name()
            ),
            &format!("give {CODE_EXAMPLE}"),
        );
        return None;
    }
    if let Some(successor) = currency.is_superseded() {
        check.error(
            value,
            field,
            format!(
                "{code} ({}) has been replaced by {} ({})",
                currency.name(),
                successor.code(),
                successor.name()
            ),
            &format!(
                "write \"{}\" and give its rate to the US dollar",
                successor.code()
            ),
        );
        return None;
    }
    Some(currency)
}

/// "\"XOF\" (CFA franc BCEAO)", "... or ..." for each code.
fn or_list(codes: &[iso_currency::Currency]) -> String {
    let named: Vec<String> = codes
        .iter()
        .map(|c| format!("\"{}\" ({})", c.code(), c.name()))
        .collect();
    named.join(" or ")
}

/// The codes one letter away from `code` (a letter changed, added,
/// dropped, or two swapped), in alphabetical order, at most three.
fn closest_codes(code: &str) -> Vec<iso_currency::Currency> {
    let mut close: Vec<iso_currency::Currency> = (0..1000)
        .filter_map(iso_currency::Currency::from_numeric)
        .filter(|c| !c.is_special() && !c.is_fund() && c.is_superseded().is_none())
        .filter(|c| strsim::osa_distance(code, c.code()) == 1)
        .collect();
    close.sort_by_key(|c| c.code());
    close.dedup();
    close.truncate(3);
    close
}

/// The day of the rate, as `assessment.date` is read.
fn check_date(value: &Spanned<Datetime>, check: &mut Checker) -> Option<String> {
    let date = value.get_ref();
    let field = "plan.usd_rate_date";
    match date.date {
        Some(day) if date.time.is_none() && date.offset.is_none() => {
            if DATE_YEARS.contains(&day.year) {
                return Some(day.to_string());
            }
            check.error(
                value,
                field,
                format!(
                    "{day} is outside the years {} to {}",
                    DATE_YEARS.start(),
                    DATE_YEARS.end()
                ),
                "give the day of the rate, such as 2026-05-01",
            );
        }
        _ => check.error(
            value,
            field,
            format!("{date} is not a calendar date"),
            "write the date without quotes as YYYY-MM-DD, such as 2026-05-01",
        ),
    }
    None
}

#[cfg(test)]
mod tests {
    use super::closest_codes;

    #[test]
    fn a_code_one_letter_off_finds_its_currency() {
        let codes =
            |typed: &str| -> Vec<&str> { closest_codes(typed).iter().map(|c| c.code()).collect() };
        assert_eq!(codes("XFO"), ["XOF"]);
        assert!(codes("KSE").contains(&"KES"), "{:?}", codes("KSE"));
        // Units of account and funds are never suggested.
        assert!(!codes("XDD").contains(&"XDR"));
        assert!(codes("QQQ").is_empty());
    }
}
