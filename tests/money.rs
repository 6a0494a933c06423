//! Money as the documents show it (issue 16 review): one rounding for one
//! amount, the rate with its date where local amounts appear, the same
//! precision for both currencies, and the population's source where the
//! population is first stated. Through the real binary.

mod common;

use common::*;
use std::path::Path;

const FIJI_BUDGET: &str = "budget_usd_millions = 30.0         # illustrative envelope";
const FIJI_POPULATION: &str = "population_millions = 0.93         # approximate, 2024";
const XOF: &str = "currency = \"XOF\"\nusd_rate = 600.0\nusd_rate_date = 2026-05-01";

/// The Fiji sample with its envelope set to `budget` US dollars (millions)
/// and `more` lines after it.
fn fiji_with(budget: &str, more: &str) -> tempfile::TempDir {
    let lines = format!("budget_usd_millions = {budget}\n{more}");
    variant("fiji", &[("profile.toml", FIJI_BUDGET, &lines)])
}

/// The master plan and the roadmap of a country folder.
fn documents(folder: &Path) -> (String, String) {
    let (_out, country) = generate_one(folder);
    let read = |name: &str| std::fs::read_to_string(country.join(name)).unwrap();
    (read("master-plan.md"), read("roadmap.md"))
}

/// The first "USD ... million" in `text`.
fn first_usd(text: &str) -> &str {
    let start = text
        .find("USD ")
        .unwrap_or_else(|| panic!("no USD in {text}"));
    let end = start + text[start..].find(" million").unwrap() + " million".len();
    &text[start..end]
}

/// The amount the costing chapter says the envelope leaves unspent, and
/// the "Left unspent" cell of the scenario row of this plan.
fn headroom_twice(markdown: &str) -> (String, String) {
    let costing = chapter(markdown, "9. Costing and financing");
    let at = costing.find(" and leaves ").expect("headroom sentence");
    let sentence = &costing[at..at + costing[at..].find(" unspent").unwrap()];
    let row = costing
        .lines()
        .find(|l| l.contains("(this plan)"))
        .expect("the scenario row of this plan");
    let cells: Vec<&str> = row.split('|').map(str::trim).collect();
    (first_usd(sentence).to_string(), cells[4].to_string())
}

#[test]
fn the_unspent_envelope_reads_the_same_in_the_sentence_and_the_scenarios() {
    // Fiji's funded programme costs USD 29.981 million: these envelopes leave
    // 0.055, 0.105 and 0.175, whose subtraction in floating point falls on
    // either side of the half.
    for (budget, more) in [
        ("30.036", ""),
        ("30.086", ""),
        ("30.156", ""),
        ("30.0", ""),
        ("30.086", XOF),
    ] {
        let (markdown, _) = documents(fiji_with(budget, more).path());
        let (said, row) = headroom_twice(&markdown);
        assert_eq!(said, row, "envelope {budget} {more}");
        if budget == "30.036" {
            assert_eq!(said, "USD 0.06 million", "a half rounds up");
        }
    }
    let (markdown, _) = documents(&sample("estonia"));
    let (said, row) = headroom_twice(&markdown);
    assert_eq!(said, row, "Estonia");
}

/// The number at the start of `text`, as written ("3,020", "12.0").
fn figure(text: &str) -> &str {
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(text.len());
    text[..end].trim_end_matches(['.', ','])
}

/// Whether a figure as written shows three significant figures: "12.0",
/// "4.79", "0.0312", "3,020", "19,300"; not "12", "60", "3,018".
fn three_figures(written: &str) -> bool {
    let digits: String = written.chars().filter(char::is_ascii_digit).collect();
    let significant = digits.trim_start_matches('0');
    if written.contains('.') {
        significant.len() == 3
    } else {
        significant.len() >= 3 && significant[3..].chars().all(|c| c == '0')
    }
}

#[test]
fn a_plan_in_cfa_francs_states_its_rate_dated_and_rounds_both_currencies_alike() {
    let (markdown, roadmap) = documents(fiji_with("30.0", XOF).path());
    let dated = "600 XOF per US dollar, the rate of 1 May 2026";
    // The costing chapter states the rate, with its date, before its first
    // amount in francs.
    let costing = chapter(&markdown, "9. Costing and financing");
    let first = costing.find("XOF 1").or(costing.find("XOF ")).unwrap();
    assert!(costing[..first].contains(dated), "{costing}");
    assert!(!costing.contains("per US dollar (Annex B)"), "{costing}");
    // So does the roadmap, before its first amount in francs.
    let first = roadmap
        .find(" billion (USD")
        .expect("francs in the roadmap");
    assert!(roadmap[..first].contains(dated), "{roadmap}");
    // Every amount in francs shows three significant figures.
    for text in [&markdown, &roadmap] {
        for (at, _) in text.match_indices("XOF ") {
            let written = figure(&text[at + 4..]);
            if written.is_empty() || text[..at].ends_with("envelope as ") {
                continue;
            }
            assert!(
                three_figures(written),
                "XOF {written} in …{}…",
                &text[at.saturating_sub(80)..(at + 60).min(text.len())]
            );
        }
    }
    assert!(markdown.contains("XOF 18.0 billion (USD 30 million)"));
    // An amount per person is not falsely precise: USD 32.23 is 19,338 francs.
    assert!(
        markdown.contains("XOF 19,300 (USD 32.2) per person"),
        "{}",
        chapter(&markdown, "1. Executive summary")
    );
    assert!(markdown.contains("XOF 19,300 or USD 32.2 per person"));
}

#[test]
fn a_plan_in_cfa_francs_gives_pillar_totals_in_francs_and_says_components_are_in_dollars() {
    let (markdown, roadmap) = documents(fiji_with("30.0", XOF).path());
    let pillars = chapter(&markdown, "5. Strategic pillars and programmes");
    assert!(
        pillars.contains(" components, XOF "),
        "pillar totals in francs: {pillars}"
    );
    assert!(
        pillars.contains("Component costs are in US dollars"),
        "{pillars}"
    );
    assert!(
        roadmap.contains("Component costs are in US dollars"),
        "{roadmap}"
    );
    // A plan in dollars needs no such note.
    let (markdown, roadmap) = documents(&sample("fiji"));
    assert!(!markdown.contains("Component costs are in US dollars"));
    assert!(!roadmap.contains("Component costs are in US dollars"));
}

#[test]
fn the_population_is_cited_where_it_is_first_stated() {
    let cited = "World Bank, World Development Indicators, 2024";
    // A draft from public data, and a profile written by an earlier draft.
    let dir = tempfile::TempDir::new().unwrap();
    let folder = dir.path().join("fiji-draft");
    let output = dgplan(&["init", &folder.display().to_string(), "--from-egdi", "FJI"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let earlier = variant(
        "fiji",
        &[(
            "profile.toml",
            FIJI_POPULATION,
            "population_millions = 0.93\npopulation_source = \"World Bank, 2024 (SP.POP.TOTL)\"",
        )],
    );
    for folder in [folder.as_path(), earlier.path()] {
        let (markdown, _) = documents(folder);
        let summary = chapter(&markdown, "1. Executive summary");
        let first = summary.find(" million people").expect("population stated");
        let rest = &summary[first..];
        assert!(
            rest.starts_with(&format!(" million people ({cited})")),
            "{}",
            &rest[..80]
        );
        assert!(!markdown.contains("SP.POP.TOTL"), "no indicator code");
        assert!(
            !markdown.contains("(source: World Bank"),
            "no nested brackets"
        );
        assert!(markdown.contains(&format!("source: {cited}.")));
    }
    // A profile that names no source cites none.
    let (markdown, _) = documents(&sample("fiji"));
    assert!(markdown.contains("with 0.93 million people."));
}
