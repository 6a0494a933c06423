//! Money in the country's own currency (issue 16): `[plan] currency`,
//! `usd_rate`, `usd_rate_date` and `budget_local_millions`, through the
//! real binary.

mod common;

use common::*;
use serde_json::Value;
use std::path::Path;

const FIJI_BUDGET: &str = "budget_usd_millions = 30.0         # illustrative envelope";

/// The Fiji sample with its `budget_usd_millions` line replaced by `lines`.
fn fiji_with(lines: &str) -> tempfile::TempDir {
    variant("fiji", &[("profile.toml", FIJI_BUDGET, lines)])
}

/// Generates a folder: its master plan and plan.json.
fn plan_in(folder: &Path) -> (String, Value) {
    let (_out, country) = generate_one(folder);
    let markdown = std::fs::read_to_string(country.join("master-plan.md")).unwrap();
    let json = std::fs::read_to_string(country.join("plan.json")).unwrap();
    (markdown, serde_json::from_str(&json).unwrap())
}

/// A number as the plan writes it, with any thousands separators, at the
/// start of `text`, and the text after it.
fn number_at(text: &str) -> Option<(f64, &str)> {
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',' || c == '-'))
        .unwrap_or(text.len());
    let digits = text[..end].trim_end_matches(['.', ',']);
    let value = digits.replace(',', "").parse().ok()?;
    Some((value, &text[digits.len()..]))
}

/// Every "XOF a billion (USD b million)" (or "XOF a billion or USD b
/// million") in `text`: the local amount in millions, the dollars in
/// millions, and the text.
fn pairs(text: &str) -> Vec<(f64, f64, String)> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices("XOF ") {
        let Some((local, rest)) = number_at(&text[at + 4..]) else {
            continue;
        };
        let (scale, rest) = if let Some(r) = rest.strip_prefix(" billion") {
            (1000.0, r)
        } else if let Some(r) = rest.strip_prefix(" trillion") {
            (1.0e6, r)
        } else if let Some(r) = rest.strip_prefix(" million") {
            (1.0, r)
        } else {
            continue;
        };
        let Some(rest) = rest
            .strip_prefix(" (USD ")
            .or_else(|| rest.strip_prefix(" or USD "))
        else {
            continue;
        };
        let (usd, rest) = number_at(rest).expect("dollars after the local amount");
        assert!(rest.starts_with(" million"), "{:.60}", &text[at..]);
        let end = text.len() - rest.len() + " million".len();
        found.push((local * scale, usd, text[at..end].to_string()));
    }
    found
}

/// Each pair converts at the rate, within the rounding of what is shown
/// (three significant figures at least on either side).
fn assert_converted(pairs: &[(f64, f64, String)], rate: f64) {
    for (local, usd, shown) in pairs {
        let expected = usd * rate;
        let tolerance = 0.006 * expected.abs().max(*local) + 0.006 * rate;
        assert!(
            (local - expected).abs() <= tolerance,
            "{shown}: {local} million is not {usd} million x {rate}"
        );
    }
}

const XOF_LINES: &str =
    "budget_usd_millions = 30.0\ncurrency = \"XOF\"\nusd_rate = 600.0\nusd_rate_date = 2026-05-01";

#[test]
fn a_plan_in_cfa_francs_shows_both_currencies_local_first() {
    let dir = fiji_with(XOF_LINES);
    let (markdown, plan) = plan_in(dir.path());

    let currency = &plan["settings"]["currency"];
    assert_eq!(currency["code"], "XOF", "{currency}");
    assert_eq!(currency["usd_rate"], 600.0);
    assert_eq!(currency["usd_rate_date"], "2026-05-01");

    // The decisions of the executive summary: the budget line, the running
    // cost and the further money, each in both currencies.
    let summary = chapter(&markdown, "1. Executive summary");
    let decisions =
        &summary[summary.find("### Decisions").unwrap()..summary.find("### Cost").unwrap()];
    let total = plan["financing"]["total_cost_usd_millions"]
        .as_f64()
        .unwrap();
    let decided = pairs(decisions);
    assert!(decided.len() >= 3, "{decisions}");
    assert_converted(&decided, 600.0);
    assert!(
        decided.iter().any(|(_, usd, _)| (usd - total).abs() < 0.05),
        "the total {total} is not among {decided:?}"
    );
    assert!(
        decisions.contains("indicatively XOF 18.0 billion (USD 30 million)"),
        "{decisions}"
    );

    // The totals of the summary and of the costing chapter.
    let totals = pairs(&summary[summary.find("### Cost").unwrap()..]);
    assert!(totals.len() >= 4, "{totals:?}");
    assert_converted(&totals, 600.0);
    let costing = chapter(&markdown, "9. Costing and financing");
    let costed = pairs(costing);
    assert!(costed.len() >= 8, "{costed:?}");
    assert_converted(&costed, 600.0);
    let recurrent = plan["financing"]["recurrent_after_horizon_usd_millions_per_year"]
        .as_f64()
        .unwrap();
    assert!(
        costed
            .iter()
            .any(|(_, usd, _)| (usd - recurrent).abs() < 0.01),
        "the running cost {recurrent} is not in both currencies: {costed:?}"
    );
    // The tables estimated in dollars say so, and the yearly one has a
    // column in the local currency.
    assert!(
        costing.contains(
            "Amounts are given in XOF and in US dollars, at 600 XOF per US dollar, the rate of 1 May 2026."
        ),
        "{costing}"
    );
    assert!(
        costing.contains("| Year | One-off | Running | Total | Total in XOF |"),
        "{costing}"
    );
    let yearly: Vec<(f64, f64)> = plan["financing"]["by_year"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| {
            let usd = y["cost_usd_millions"].as_f64().unwrap();
            let row = costing
                .lines()
                .find(|l| l.starts_with(&format!("| {} |", y["year"])))
                .unwrap();
            let cell = row.trim_end_matches(" |").rsplit("| ").next().unwrap();
            let (local, unit) = number_at(cell.strip_prefix("XOF ").unwrap()).unwrap();
            let scale = if unit == " billion" { 1000.0 } else { 1.0 };
            (local * scale, usd)
        })
        .collect();
    let yearly: Vec<(f64, f64, String)> = yearly
        .into_iter()
        .map(|(local, usd)| (local, usd, format!("{local} / {usd}")))
        .collect();
    assert_converted(&yearly, 600.0);

    // The rate and its date are stated.
    let assumptions = chapter(&markdown, "Annex B. Assumptions and method");
    assert!(
        assumptions.contains("Amounts in XOF (CFA franc BCEAO) use 600 XOF per US dollar (rate of 1 May 2026); costs are estimated in US dollars and converted."),
        "{assumptions}"
    );
    // Components' own costs stay in US dollars, as they were estimated.
    assert!(!chapter(&markdown, "Annex A. Component profiles").contains("XOF"));
}

#[test]
fn an_envelope_in_cfa_francs_is_planned_as_its_dollar_value() {
    let local = fiji_with(
        "budget_local_millions = 18000.0\ncurrency = \"XOF\"\nusd_rate = 600.0\nusd_rate_date = 2026-05-01",
    );
    let dollars = fiji_with(XOF_LINES);
    let (local_md, local_plan) = plan_in(local.path());
    let (dollars_md, dollars_plan) = plan_in(dollars.path());
    assert_eq!(local_plan["financing"], dollars_plan["financing"]);
    assert_eq!(local_plan["components"], dollars_plan["components"]);
    assert_eq!(local_plan["key_decisions"], dollars_plan["key_decisions"]);
    assert_eq!(local_plan["settings"]["budget_local_millions"], 18000.0);
    assert_eq!(local_plan["settings"]["budget_usd_millions"], 30.0);
    // The plan says where the envelope came from; otherwise it reads the same.
    let said = "The profile gives the envelope as XOF 18,000 million: the plan is funded within its value of USD 30 million at 600 XOF per US dollar.";
    assert!(local_md.contains(said), "{}", chapter(&local_md, "Annex B"));
    assert_eq!(local_md.replace(&format!("\n- {said}"), ""), dollars_md);
}

#[test]
fn us_dollars_as_the_currency_change_nothing() {
    let usd = fiji_with("budget_usd_millions = 30.0\ncurrency = \"USD\"");
    let (usd_md, usd_plan) = plan_in(usd.path());
    let (plain_md, plain_plan) = plan_in(&sample("fiji"));
    assert_eq!(usd_md, plain_md);
    assert_eq!(usd_plan, plain_plan);
    assert!(usd_plan["settings"].get("currency").is_none());
}

/// `check` on Fiji with the budget line replaced: the exit and stderr.
fn check_fiji(lines: &str) -> String {
    let dir = fiji_with(lines);
    let output = dgplan(&["check", &dir.path().display().to_string()]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    stderr(&output)
}

#[test]
fn a_mistyped_currency_code_gets_the_closest_codes() {
    let err = check_fiji("currency = \"XFO\"\nusd_rate = 600.0");
    assert!(
        err.contains(
            "profile.toml:18:12: `plan.currency`: \"XFO\" is not an ISO 4217 currency code"
        ),
        "{err}"
    );
    assert!(
        err.contains("did you mean \"XOF\" (CFA franc BCEAO)?"),
        "{err}"
    );
    let err = check_fiji("currency = \"CFA\"\nusd_rate = 600.0");
    assert!(
        err.contains("the three-letter ISO 4217 code, such as XOF for the West African CFA franc"),
        "{err}"
    );
    let err = check_fiji("currency = \"xof\"\nusd_rate = 600.0");
    assert!(err.contains("write the code in capitals: \"XOF\""), "{err}");
    // Codes of ISO 4217 that are not a currency a budget is kept in.
    let err = check_fiji("currency = \"XDR\"\nusd_rate = 0.75");
    assert!(
        err.contains("XDR is the ISO 4217 code of Special drawing rights, not of a currency a government budgets in"),
        "{err}"
    );
    let err = check_fiji("currency = \"HRK\"\nusd_rate = 7.0");
    assert!(
        err.contains("HRK (Croatian kuna) has been replaced by EUR (Euro)"),
        "{err}"
    );
    assert!(err.contains("write \"EUR\" and give its rate"), "{err}");
}

#[test]
fn a_currency_and_its_rate_go_together() {
    let err = check_fiji("currency = \"XOF\"");
    assert!(
        err.contains(
            "profile.toml:18:12: `plan.currency`: XOF is given without its rate to the US dollar"
        ),
        "{err}"
    );
    assert!(
        err.contains("add `usd_rate = ` with the number of XOF to one US dollar"),
        "{err}"
    );
    let err = check_fiji("usd_rate = 600.0");
    assert!(
        err.contains("profile.toml:18:12: `plan.usd_rate`: a rate is given without its currency"),
        "{err}"
    );
    assert!(
        err.contains("add `currency = ` with the currency's ISO 4217 code"),
        "{err}"
    );
}

#[test]
fn an_envelope_in_both_currencies_is_refused_naming_both_lines() {
    let err = check_fiji(
        "budget_usd_millions = 30.0\nbudget_local_millions = 18000.0\ncurrency = \"XOF\"\nusd_rate = 600.0",
    );
    assert!(
        err.contains("profile.toml:19:25: `plan.budget_local_millions`: the envelope is given twice, here and as budget_usd_millions on line 18"),
        "{err}"
    );
    assert!(err.contains("keep one of the two lines"), "{err}");
    let err = check_fiji("budget_local_millions = 18000.0");
    assert!(
        err.contains("profile.toml:18:25: `plan.budget_local_millions`: an envelope in the local currency needs `currency` and `usd_rate`"),
        "{err}"
    );
}

#[test]
fn a_rate_of_zero_or_less_is_refused() {
    for (rate, column) in [("0.0", 12), ("-600", 12)] {
        let err = check_fiji(&format!("currency = \"XOF\"\nusd_rate = {rate}"));
        assert!(
            err.contains(&format!(
                "profile.toml:19:{column}: `plan.usd_rate`: {rate} is out of range: expected 0.001 to 10000000"
            )),
            "{err}"
        );
        assert!(
            err.contains("such as 600.0 for 600 XOF to one US dollar"),
            "{err}"
        );
    }
}

/// `compare` on a plan.json: the exit and stderr.
fn compare_json(json: &Path, other: &Path) -> std::process::Output {
    let out = tempfile::TempDir::new().unwrap();
    dgplan(&[
        "compare",
        &json.display().to_string(),
        &other.display().to_string(),
        "--out",
        &out.path().join("cmp").display().to_string(),
    ])
}

#[test]
fn a_plan_json_with_a_currency_is_read_back_and_its_rate_checked() {
    let dir = fiji_with(XOF_LINES);
    let (_out, country) = generate_one(dir.path());
    let json = country.join("plan.json");
    let compared = compare_json(&json, &sample("kenya"));
    assert!(compared.status.success(), "{}", stderr(&compared));
    // A rate no profile can give is an edited plan.
    let text = std::fs::read_to_string(&json).unwrap();
    assert!(text.contains("\"usd_rate\": 600.0"), "{text}");
    std::fs::write(
        &json,
        text.replace("\"usd_rate\": 600.0", "\"usd_rate\": 0.0"),
    )
    .unwrap();
    let refused = compare_json(&json, &sample("kenya"));
    assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
    let err = stderr(&refused);
    assert!(
        err.contains(
            "`settings.currency.usd_rate`: 0.0 is out of range: expected 0.001 to 10000000"
        ),
        "{err}"
    );
}
