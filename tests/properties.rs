//! Property tests: random valid profiles and score sets, through the real
//! loader and engine. Whatever the inputs, a plan is produced whose schedule
//! respects prerequisites and the horizon, whose costs add up and which
//! applies all seven recommendations.

use proptest::prelude::*;
use std::collections::HashMap;

use dgplan::diagnostics::SourceFile;

const DIMENSIONS: [&str; 11] = [
    "leadership",
    "coordination",
    "policy_legal",
    "infrastructure",
    "data_interoperability",
    "identity_trust",
    "service_delivery",
    "human_capacity",
    "demand_inclusion",
    "financing_partnerships",
    "resilience",
];
const SECTORS: [&str; 6] = [
    "health",
    "education",
    "agriculture",
    "land",
    "tourism",
    "justice",
];
const HAZARDS: [&str; 5] = [
    "flood",
    "cyclone",
    "drought",
    "earthquake",
    "sea_level_rise",
];
const FACTS: [&str; 6] = [
    "data_protection_law",
    "e_transactions_law",
    "cybersecurity_strategy",
    "interoperability_framework",
    "government_cloud",
    "national_portal",
];

#[derive(Debug, Clone)]
struct Case {
    population: f64,
    groups: Vec<&'static str>,
    income: &'static str,
    start_year: i32,
    horizon: u32,
    budget: Option<f64>,
    external: Option<f64>,
    sectors: Vec<&'static str>,
    hazards: Vec<&'static str>,
    sdgs: Vec<u8>,
    facts: Vec<Option<bool>>,
    digital_id: Option<&'static str>,
    scores: Vec<Option<f64>>,
    egdi: Option<f64>,
}

fn subset<T: Clone + std::fmt::Debug + 'static>(
    items: &'static [T],
) -> impl Strategy<Value = Vec<T>> {
    proptest::sample::subsequence(items, 0..=items.len())
}

fn case() -> impl Strategy<Value = Case> {
    (
        (
            0.01f64..1500.0,
            subset(&["LDC", "LLDC", "SIDS"]),
            prop::sample::select(&["LIC", "LMIC", "UMIC", "HIC"][..]),
        ),
        (
            2000i32..2090,
            3u32..=15,
            prop::option::of(0.0f64..5000.0),
            prop::option::of(0.0f64..=1.0),
        ),
        (
            subset(&SECTORS),
            subset(&HAZARDS),
            proptest::collection::btree_set(1u8..=17, 0..5),
        ),
        (
            proptest::collection::vec(prop::option::of(any::<bool>()), FACTS.len()),
            prop::option::of(prop::sample::select(&["none", "partial", "nationwide"][..])),
        ),
        (
            proptest::collection::vec(prop::option::of(0.0f64..=5.0), DIMENSIONS.len()),
            prop::option::of(0.0f64..=1.0),
        ),
    )
        .prop_map(
            |(
                (population, groups, income),
                (start_year, horizon, budget, external),
                (sectors, hazards, sdgs),
                (facts, digital_id),
                (scores, egdi),
            )| Case {
                population,
                groups,
                income,
                start_year,
                horizon,
                budget,
                external,
                sectors,
                hazards,
                sdgs: sdgs.into_iter().collect(),
                facts,
                digital_id,
                scores,
                egdi,
            },
        )
}

fn list(items: &[&str]) -> String {
    items
        .iter()
        .map(|i| format!("\"{i}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

fn profile(c: &Case) -> String {
    let mut t = format!(
        "[country]\nname = \"Test *Country* | <x>\"\niso3 = \"TON\"\ngroups = [{}]\nincome_group = \"{}\"\npopulation_millions = {}\n\n[plan]\nstart_year = {}\nhorizon_years = {}\nlead_institution = \"Ministry of Tests\"\npriority_sectors = [{}]\nhazards = [{}]\nsdg_focus = [{}]\n",
        list(&c.groups),
        c.income,
        c.population,
        c.start_year,
        c.horizon,
        list(&c.sectors),
        list(&c.hazards),
        c.sdgs
            .iter()
            .map(u8::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    );
    if let Some(b) = c.budget {
        t.push_str(&format!("budget_usd_millions = {b}\n"));
    }
    if let Some(e) = c.external {
        t.push_str(&format!("external_financing_share = {e}\n"));
    }
    t.push_str("\n[context]\n");
    for (name, value) in FACTS.iter().zip(&c.facts) {
        if let Some(v) = value {
            t.push_str(&format!("{name} = {v}\n"));
        }
    }
    if let Some(d) = c.digital_id {
        t.push_str(&format!("digital_id = \"{d}\"\n"));
    }
    t
}

fn readiness(c: &Case) -> String {
    let mut t =
        String::from("[assessment]\ndate = 2026-01-01\nmethod = \"Property test\"\n\n[scores]\n");
    for (name, score) in DIMENSIONS.iter().zip(&c.scores) {
        if let Some(s) = score {
            t.push_str(&format!("{name} = {s}\n"));
        }
    }
    if let Some(e) = c.egdi {
        t.push_str(&format!("\n[indices]\negdi_year = 2024\negdi = {e}\n"));
    }
    t
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn any_valid_input_gives_a_sound_plan(c in case()) {
        let framework = dgplan::framework::Framework::builtin().unwrap();
        let input = dgplan::input::check_texts(
            &SourceFile::new("profile.toml", profile(&c)),
            &SourceFile::new("readiness.toml", readiness(&c)),
            &framework,
        );
        let input = match input {
            Ok(input) => input,
            Err(errors) => return Err(TestCaseError::fail(format!("valid input refused:\n{errors}"))),
        };
        let plan = dgplan::engine::build_plan(&input, &framework, "2026-12-29");

        // The plan keeps its own promises (capacity, envelope, sums, running costs).
        let findings = dgplan::audit::audit(&plan);
        prop_assert!(findings.is_empty(), "{:#?}", findings);

        // Every recommendation, every time.
        let ids: Vec<&str> = plan.recommendations.iter().map(|r| r.id.as_str()).collect();
        prop_assert_eq!(ids, vec!["R1", "R2", "R3", "R4", "R5", "R6", "R7"]);

        // The schedule respects prerequisites and the horizon.
        let ends: HashMap<&str, u32> = plan.components.iter().map(|c| (c.id.as_str(), c.end_month)).collect();
        for c in &plan.components {
            prop_assert!(c.start_month < c.end_month && c.end_month <= plan.horizon.months);
            for d in &c.depends_on {
                prop_assert!(ends[d.as_str()] <= c.start_month, "{} starts before {} ends", c.id, d);
            }
            prop_assert!(!c.because.is_empty());
        }
        // A component is planned, deferred or in place, never two of these.
        for d in &plan.deferred {
            prop_assert!(!ends.contains_key(d.id.as_str()));
        }
        for d in &plan.in_place {
            prop_assert!(!ends.contains_key(d.id.as_str()));
        }

        // Costs add up, to the thousand dollars.
        let total = plan.financing.total_cost_usd_millions;
        let sum = |values: Vec<f64>| values.iter().sum::<f64>();
        prop_assert!((sum(plan.components.iter().map(|c| c.cost_usd_millions).collect()) - total).abs() < 0.0005);
        prop_assert!((sum(plan.financing.by_year.iter().map(|y| y.cost_usd_millions).collect()) - total).abs() < 0.0005);
        prop_assert!((sum(plan.financing.by_source.iter().map(|s| s.amount_usd_millions).collect()) - total).abs() < 0.0005);
        prop_assert!(plan.financing.by_source.iter().all(|s| s.share >= 0.0 && s.amount_usd_millions >= 0.0));

        // Not assessed is never zero.
        for (d, score) in plan.readiness.dimensions.iter().zip(&c.scores) {
            prop_assert_eq!(d.score, *score);
        }

        // The documents render, and the JSON round-trips.
        let templates = dgplan::render::Templates::load(None).unwrap();
        let master = templates.render("master-plan.md", &plan).unwrap();
        prop_assert!(master.contains("## 11. Risks and mitigations"));
        let json = dgplan::output::plan_json(&plan);
        let back: dgplan::plan::Plan = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back.components.len(), plan.components.len());
    }
}
