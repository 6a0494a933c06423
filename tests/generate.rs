//! `dgplan generate` on the shipped samples: every plan is complete and
//! internally consistent, and plans differ for the right reasons.

mod common;

use common::*;
use serde_json::Value;
use tempfile::TempDir;

fn months(value: &Value) -> u64 {
    value.as_u64().unwrap()
}

fn money(value: &Value) -> f64 {
    value.as_f64().unwrap()
}

#[test]
fn every_sample_generates_a_plan_json() {
    let out = TempDir::new().unwrap();
    let folders: Vec<_> = SAMPLES.iter().map(|s| sample(s)).collect();
    let refs: Vec<&std::path::Path> = folders.iter().map(|p| p.as_path()).collect();
    let output = generate(&refs, out.path());
    assert!(output.status.success(), "{}", stderr(&output));
    for iso in ["lao", "rwa", "fji", "ken", "kor"] {
        let text = std::fs::read_to_string(out.path().join(iso).join("plan.json")).unwrap();
        let plan: Value = serde_json::from_str(&text).unwrap();
        for key in [
            "schema",
            "country",
            "horizon",
            "readiness",
            "recommendations",
            "components",
            "phases",
            "kpis",
            "risks",
            "financing",
            "deferred",
            "governance",
        ] {
            assert!(!plan[key].is_null(), "{iso}: plan.json lacks `{key}`");
        }
        assert_eq!(plan["schema"], "dgplan-plan/2");
        assert_eq!(plan["country"]["iso3"], iso.to_uppercase());
        assert_eq!(plan["generated_on"], "2026-12-29");
        let recommendations = ids(&plan["recommendations"]);
        assert_eq!(
            recommendations,
            ["R1", "R2", "R3", "R4", "R5", "R6", "R7"],
            "{iso}"
        );
        for r in plan["recommendations"].as_array().unwrap() {
            assert!(
                !r["rationale"].as_array().unwrap().is_empty(),
                "{iso} {} has no rationale",
                r["id"]
            );
        }
        assert_eq!(ids(&plan["risks"]), ["RK1", "RK2", "RK3", "RK4", "RK5"]);
        assert_eq!(
            plan["readiness"]["dimensions"].as_array().unwrap().len(),
            11
        );
        for c in plan["components"].as_array().unwrap() {
            assert!(
                !c["because"].as_array().unwrap().is_empty(),
                "{iso}: {} has no reason",
                c["id"]
            );
            assert!(!c["change_management"].as_str().unwrap().is_empty());
        }
    }
}

#[test]
fn schedules_respect_prerequisites_and_the_horizon() {
    for name in SAMPLES {
        let plan = plan_of(&sample(name));
        let horizon = months(&plan["horizon"]["months"]);
        for c in plan["components"].as_array().unwrap() {
            let start = months(&c["start_month"]);
            let end = months(&c["end_month"]);
            assert!(
                start < end && end <= horizon,
                "{name}: {} runs {start}-{end}",
                c["id"]
            );
            for dep in c["depends_on"].as_array().unwrap() {
                let dep = component(&plan, dep.as_str().unwrap()).unwrap_or_else(|| {
                    panic!("{name}: {} depends on a component not in the plan", c["id"])
                });
                assert!(
                    months(&dep["end_month"]) <= start,
                    "{name}: {} starts in month {start} before {} ends",
                    c["id"],
                    dep["id"]
                );
            }
        }
        // Phases tile the horizon.
        let phases = plan["phases"].as_array().unwrap();
        assert_eq!(months(&phases[0]["start_month"]), 0);
        assert_eq!(months(&phases[phases.len() - 1]["end_month"]), horizon);
        for pair in phases.windows(2) {
            assert_eq!(pair[0]["end_month"], pair[1]["start_month"]);
        }
    }
}

#[test]
fn costs_add_up_to_the_totals() {
    for name in SAMPLES {
        let plan = plan_of(&sample(name));
        let f = &plan["financing"];
        let total = money(&f["total_cost_usd_millions"]);
        let sum = |list: &Value, field: &str| -> f64 {
            list.as_array()
                .unwrap()
                .iter()
                .map(|x| money(&x[field]))
                .sum()
        };
        let close = |a: f64, b: f64, what: &str| {
            assert!((a - b).abs() < 0.0005, "{name}: {what} {a} != total {b}")
        };
        close(
            sum(&plan["components"], "cost_usd_millions"),
            total,
            "components",
        );
        close(sum(&f["by_year"], "cost_usd_millions"), total, "by_year");
        close(
            sum(&f["by_pillar"], "cost_usd_millions"),
            total,
            "by_pillar",
        );
        close(sum(&f["by_phase"], "cost_usd_millions"), total, "by_phase");
        close(
            sum(&f["by_source"], "amount_usd_millions"),
            total,
            "by_source",
        );
        let shares: f64 = f["by_source"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| money(&s["share"]))
            .sum();
        assert!(
            (shares - 1.0).abs() < 0.001,
            "{name}: shares add to {shares}"
        );
        if let Some(envelope) = f["envelope_usd_millions"].as_f64() {
            close(
                money(&f["gap_usd_millions"]) + envelope,
                total + money(&f["unfunded_usd_millions"]),
                "gap + envelope against funded and unfunded",
            );
            assert!(
                total <= envelope,
                "{name}: the funded programme exceeds the envelope"
            );
            let years = f["by_year"].as_array().unwrap();
            let capex: f64 = years.iter().map(|y| money(&y["capex_usd_millions"])).sum();
            let opex: f64 = years.iter().map(|y| money(&y["opex_usd_millions"])).sum();
            close(capex + opex, total, "one-off and running costs by year");
        } else {
            assert!(f["gap_usd_millions"].is_null());
        }
        assert!(total > 0.0);
    }
}

#[test]
fn external_financing_share_from_the_profile_is_used() {
    let plan = plan_of(&sample("lao-pdr"));
    let partners = plan["financing"]["by_source"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "development_partners")
        .unwrap();
    assert_eq!(partners["share"], 0.45);
    assert_eq!(partners["basis"], "profile: plan.external_financing_share");
}

#[test]
fn hazard_exposed_and_island_states_get_resilience_components() {
    let fiji = plan_of(&sample("fiji"));
    for id in ["disaster-recovery", "early-warning"] {
        let c = selected(&fiji, id).unwrap_or_else(|| panic!("Fiji lacks {id}"));
        let rules: Vec<&str> = c["because"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["rule"].as_str().unwrap())
            .collect();
        assert!(rules.contains(&"hazard-exposure"), "{id}: {rules:?}");
    }
    // The same country without hazards, not a SIDS and with good resilience gets neither.
    let calm = variant(
        "fiji",
        &[
            ("profile.toml", "groups = [\"SIDS\"]", "groups = []"),
            (
                "profile.toml",
                "hazards = [\"cyclone\", \"flood\", \"sea_level_rise\", \"storm_surge\"]",
                "hazards = []",
            ),
            // Resilience is answered through the checklist in the sample.
            (
                "readiness.toml",
                "resilience.backup = 1",
                "resilience.backup = 3",
            ),
            (
                "readiness.toml",
                "resilience.continuity = 1",
                "resilience.continuity = 3",
            ),
        ],
    );
    let calm = plan_of(calm.path());
    assert!(component(&calm, "early-warning").is_none());
    assert!(component(&calm, "disaster-recovery").is_none());
}

#[test]
fn a_country_without_data_protection_law_gets_one() {
    let without = plan_of(&sample("fiji"));
    let c = component(&without, "data-protection").expect("data-protection planned");
    assert_eq!(c["because"][0]["rule"], "no-data-protection-law");
    assert_eq!(
        c["because"][0]["evidence"][0],
        "context.data_protection_law = false"
    );

    let with = variant(
        "fiji",
        &[(
            "profile.toml",
            "data_protection_law = false",
            "data_protection_law = true",
        )],
    );
    let with = plan_of(with.path());
    assert!(component(&with, "data-protection").is_none());
    assert!(ids(&with["in_place"]).contains(&"data-protection".to_string()));

    // Not stated at all: treated as a gap to close, and said so.
    let unknown = variant(
        "fiji",
        &[("profile.toml", "data_protection_law = false\n", "")],
    );
    let unknown = plan_of(unknown.path());
    let c = component(&unknown, "data-protection").expect("planned when unknown");
    assert_eq!(
        c["because"][0]["evidence"][0],
        "context.data_protection_law is not stated"
    );
}

#[test]
fn a_high_readiness_country_is_not_given_foundations_it_has() {
    let korea = plan_of(&sample("republic-of-korea"));
    for id in [
        "gov-council",
        "pmo",
        "interoperability-framework",
        "data-exchange",
        "government-network",
        "digital-id",
        "national-portal",
    ] {
        assert!(component(&korea, id).is_none(), "Korea was given {id}");
        assert!(
            ids(&korea["in_place"]).contains(&id.to_string()),
            "{id} not listed as in place"
        );
    }
    // It still gets the advanced work a mature administration does next.
    assert!(component(&korea, "once-only").is_some());
    let lao = plan_of(&sample("lao-pdr"));
    for id in [
        "gov-council",
        "data-exchange",
        "government-network",
        "digital-id",
    ] {
        assert!(selected(&lao, id).is_some(), "Lao PDR lacks {id}");
    }
}

#[test]
fn low_capacity_runs_fewer_components_at_once_and_paces_longer() {
    let low = plan_of(&sample("lao-pdr"));
    let high = variant(
        "lao-pdr",
        &[
            (
                "readiness.toml",
                "human_capacity = 1.0",
                "human_capacity = 4.0",
            ),
            ("readiness.toml", "coordination = 1.5", "coordination = 4.0"),
        ],
    );
    let high = plan_of(high.path());
    assert_eq!(low["pacing"]["id"], "cautious");
    assert_eq!(high["pacing"]["id"], "accelerated");
    assert!(low["pacing"]["max_parallel"].as_u64() < high["pacing"]["max_parallel"].as_u64());

    // Same component, longer under low capacity.
    let duration =
        |plan: &Value, id: &str| months(&component(plan, id).unwrap()["duration_months"]);
    assert!(duration(&low, "gov-council") > duration(&high, "gov-council"));
    assert!(duration(&low, "cio-network") > duration(&high, "cio-network"));

    // Delivery teams at work never exceed the pace's cap, which is lower
    // under low capacity.
    let peak = |plan: &Value| -> f64 {
        let horizon = months(&plan["horizon"]["months"]);
        (0..horizon)
            .map(|m| {
                plan["components"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|c| months(&c["start_month"]) <= m && m < months(&c["end_month"]))
                    .map(|c| c["effort"].as_f64().unwrap())
                    .sum::<f64>()
            })
            .fold(0.0, f64::max)
    };
    for plan in [&low, &high] {
        let cap = plan["pacing"]["max_parallel"].as_f64().unwrap();
        assert!(peak(plan) <= cap + 1e-9, "peak {} over {cap}", peak(plan));
    }
    // And fewer components start in the first year, within the pace's limit.
    let first_year = |plan: &Value| {
        plan["components"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| months(&c["start_month"]) < 12)
            .count() as u64
    };
    assert!(first_year(&low) <= low["pacing"]["max_new_per_year"].as_u64().unwrap());
    assert!(first_year(&low) < first_year(&high));
}

#[test]
fn not_assessed_dimensions_are_never_zero() {
    let rwanda = plan_of(&sample("rwanda"));
    let resilience = rwanda["readiness"]["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "resilience")
        .unwrap();
    assert!(resilience["score"].is_null());
    assert_eq!(resilience["source"], "not assessed");
    assert_eq!(
        rwanda["readiness"]["not_assessed"],
        serde_json::json!(["resilience"])
    );
    assert!(component(&rwanda, "readiness-assessment").is_some());
    // The weak-resilience rule, a score test, must not fire on a missing score.
    let rule = rwanda["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "weak-resilience")
        .unwrap();
    assert_eq!(rule["fired"], false);
    assert_eq!(rule["evidence"][0], "resilience is not assessed");
}

#[test]
fn every_item_says_why_it_is_there() {
    let plan = plan_of(&sample("lao-pdr"));
    let fired: Vec<String> = plan["rules"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["fired"] == true)
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    for c in plan["components"]
        .as_array()
        .unwrap()
        .iter()
        .chain(plan["deferred"].as_array().unwrap())
    {
        for reason in c["because"].as_array().unwrap() {
            let rule = reason["rule"].as_str().unwrap();
            assert!(
                fired.contains(&rule.to_string()) || rule.starts_with("requires:"),
                "{} cites rule {rule}, which did not fire",
                c["id"]
            );
        }
    }
    let r1 = &plan["recommendations"][0];
    assert!(
        r1["rationale"][1]
            .as_str()
            .unwrap()
            .starts_with("Leadership scores 2.0 of 5")
    );
    assert_eq!(
        r1["triggered_by"][1]["evidence"][0],
        "leadership score 2 < 2.5"
    );
    // Placeholders never leak into the plan.
    let text = serde_json::to_string(&plan).unwrap();
    for leak in [
        "{country}",
        "{lead}",
        "{sponsor}",
        "{score:",
        "{index:",
        "{groups}",
    ] {
        assert!(!text.contains(leak), "placeholder {leak} left in the plan");
    }
}

#[test]
fn the_same_inputs_give_byte_identical_output() {
    let first = TempDir::new().unwrap();
    let second = TempDir::new().unwrap();
    let folders: Vec<_> = SAMPLES.iter().map(|s| sample(s)).collect();
    let refs: Vec<&std::path::Path> = folders.iter().map(|p| p.as_path()).collect();
    assert!(generate(&refs, first.path()).status.success());
    assert!(generate(&refs, second.path()).status.success());
    for iso in ["lao", "rwa", "fji", "ken", "kor"] {
        let a = std::fs::read(first.path().join(iso).join("plan.json")).unwrap();
        let b = std::fs::read(second.path().join(iso).join("plan.json")).unwrap();
        assert!(a == b, "{iso}: plan.json differs between runs");
    }
}

#[test]
fn a_minimal_profile_uses_documented_defaults() {
    let plan = plan_of(&fixture("minimal"));
    assert_eq!(plan["horizon"]["years"], 5);
    assert_eq!(plan["horizon"]["end_year"], 2031);
    assert_eq!(plan["horizon"]["months"], 60);
    assert_eq!(plan["settings"]["sponsor_given"], false);
    assert!(plan["financing"]["envelope_usd_millions"].is_null());
    assert_eq!(
        plan["readiness"]["not_assessed"].as_array().unwrap().len(),
        9
    );
    assert_eq!(plan["pacing"]["id"], "measured");
    let assumptions = plan["assumptions"].as_array().unwrap();
    assert!(
        assumptions
            .iter()
            .any(|a| a.as_str().unwrap().contains("names no sponsor"))
    );
}

/// The input format in the README is a contract: its examples must work.
#[test]
fn the_readme_examples_generate_a_plan() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let block_after = |heading: &str| -> String {
        let start = readme
            .find(heading)
            .unwrap_or_else(|| panic!("README lacks {heading}"));
        let rest = &readme[start..];
        let open = rest.find("```toml\n").unwrap() + "```toml\n".len();
        let close = rest[open..].find("```").unwrap();
        rest[open..open + close].to_string()
    };
    let dir = TempDir::new().unwrap();
    std::fs::write(
        dir.path().join("profile.toml"),
        block_after("### profile.toml"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("readiness.toml"),
        block_after("### readiness.toml"),
    )
    .unwrap();
    let plan = plan_of(dir.path());
    assert_eq!(plan["country"]["iso3"], "LAO");
    assert_eq!(plan["settings"]["currency"]["code"], "LAK");
    assert_eq!(
        plan["readiness"]["dimensions"][0]["evidence"],
        "Digital economy strategy adopted; no cross-ministry council yet."
    );
}

/// The cost model is calibrated on Bhutan's Digital Drukyul flagship (about
/// USD 32 million for about 0.78 million people). A Bhutan-sized,
/// lower-middle-income country with Lao PDR's readiness should land near it.
#[test]
fn cost_model_matches_its_calibration_point() {
    let bhutan_sized = variant(
        "lao-pdr",
        &[
            ("profile.toml", "iso3 = \"LAO\"", "iso3 = \"BTN\""),
            (
                "profile.toml",
                "groups = [\"LDC\", \"LLDC\"]",
                "groups = [\"LLDC\"]",
            ),
            (
                "profile.toml",
                "population_millions = 7.7",
                "population_millions = 0.78",
            ),
        ],
    );
    let plan = plan_of(bhutan_sized.path());
    // The calibration point is a one-off programme cost; running costs come on top.
    let total = money(&plan["financing"]["capex_usd_millions"]);
    assert!(
        (24.0..=40.0).contains(&total),
        "one-off total USD {total} million"
    );
    let network = money(&component(&plan, "government-network").unwrap()["capex_usd_millions"]);
    assert!(
        (6.0..=13.0).contains(&network),
        "government network USD {network} million, Bhutan about 9.6"
    );
}

/// Income group and population may be left out: the plan says what it
/// assumed instead and gives no cost per person.
#[test]
fn an_unstated_income_group_and_population_are_said_plainly() {
    let plan = plan_of(&fixture("unstated"));
    assert!(plan["country"]["income_group"].is_null());
    assert!(plan["country"]["population_millions"].is_null());
    assert_eq!(plan["country"]["income_group_name"], "not stated");
    assert!(plan["financing"]["cost_per_capita_usd"].is_null());
    let assumptions: Vec<&str> = plan["assumptions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    assert!(assumptions.iter().any(|a| a.starts_with(
        "The profile states no population, so every cost is for a country of 1 million people"
    )));
    assert!(
        assumptions
            .iter()
            .any(|a| a.starts_with("The profile states no income group"))
    );
    // No rule that tests income or population fires on the missing values.
    for rule in plan["rules"].as_array().unwrap() {
        for evidence in rule["evidence"].as_array().unwrap() {
            let e = evidence.as_str().unwrap();
            if e == "income group not stated" || e == "population not stated" {
                assert_eq!(rule["fired"], false, "{}", rule["id"]);
            }
        }
    }
    assert!(
        plan["components"].as_array().unwrap()[0]["cost_basis"]
            .as_str()
            .unwrap()
            .contains("income group not stated")
    );
}

/// `--budget-scale` re-plans against a scaled envelope: with less money,
/// fewer components are funded and the rest wait in the ranked pipeline.
#[test]
fn a_smaller_envelope_funds_less_and_ranks_the_rest() {
    let out = TempDir::new().unwrap();
    let lao = sample("lao-pdr");
    let lao = lao.to_str().unwrap();
    let dir = out.path().to_str().unwrap();
    let run = dgplan(&["generate", lao, "--out", dir, "--budget-scale", "0.6"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let scaled: Value =
        serde_json::from_slice(&std::fs::read(out.path().join("lao/plan.json")).unwrap()).unwrap();
    let full = plan_of(&sample("lao-pdr"));
    assert_eq!(scaled["settings"]["budget_scale"], 0.6);
    let envelope = money(&scaled["financing"]["envelope_usd_millions"]);
    assert!((envelope - 85.0 * 0.6).abs() < 0.001, "{envelope}");
    assert!(money(&scaled["financing"]["total_cost_usd_millions"]) <= envelope);
    let funded = |plan: &Value| plan["components"].as_array().unwrap().len();
    assert!(funded(&scaled) < funded(&full));
    let pipeline = scaled["financing"]["pipeline"].as_array().unwrap();
    // What the full envelope funds and the smaller one cannot waits, ranked.
    let funded_in_full = ids(&full["components"]);
    assert!(
        pipeline
            .iter()
            .any(|p| funded_in_full.contains(&p["id"].as_str().unwrap().to_string())),
        "{pipeline:?}"
    );
    let ranks: Vec<u64> = pipeline
        .iter()
        .map(|p| p["rank"].as_u64().unwrap())
        .collect();
    assert_eq!(ranks, (1..=pipeline.len() as u64).collect::<Vec<_>>());
    let master = std::fs::read_to_string(out.path().join("lao/master-plan.md")).unwrap();
    assert!(master.contains("### Unfunded pipeline"));
    assert!(
        master.contains("| 60% (this plan) |"),
        "the scenario table marks this plan"
    );

    // A profile without an envelope has nothing to scale, and is told so.
    let korea = sample("republic-of-korea");
    let unscaled = dgplan(&[
        "generate",
        korea.to_str().unwrap(),
        "--out",
        dir,
        "--budget-scale",
        "0.8",
    ]);
    assert!(unscaled.status.success());
    assert!(
        stderr(&unscaled).contains("--budget-scale changed nothing"),
        "{}",
        stderr(&unscaled)
    );

    let refused = dgplan(&["generate", lao, "--out", dir, "--budget-scale", "0"]);
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("expected a number above 0"),
        "{}",
        stderr(&refused)
    );
}

/// A high-income country is offered no IDA finance and shown no example
/// from a least developed country or itself; a least developed country is
/// offered IDA finance and shown examples from countries like it.
#[test]
fn financing_options_and_examples_fit_the_country() {
    let korea = common::plan_of(&common::sample("republic-of-korea"));
    let lao = common::plan_of(&common::sample("lao-pdr"));
    let options = |plan: &serde_json::Value| -> Vec<String> {
        let mut ids: Vec<String> = plan["components"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|c| common::ids(&c["financing"]))
            .chain(common::ids(&plan["financing"]["pppp_models"]))
            .collect();
        ids.sort();
        ids.dedup();
        ids
    };
    let korea_options = options(&korea);
    assert!(!korea_options.contains(&"concessional_loan".to_string()));
    assert!(!korea_options.contains(&"donor_grant".to_string()));
    assert!(options(&lao).contains(&"concessional_loan".to_string()));
    let examples = |plan: &serde_json::Value| -> Vec<String> {
        std::iter::once(&plan["governance"]["precedent"])
            .chain(
                plan["financing"]["pppp_models"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|m| &m["precedent"]),
            )
            .filter_map(|p| p["iso3"].as_str().map(str::to_string))
            .collect()
    };
    let korea_examples = examples(&korea);
    assert!(!korea_examples.is_empty());
    for iso3 in &korea_examples {
        assert!(
            !["KOR", "TON", "RWA", "BGD", "BTN"].contains(&iso3.as_str()),
            "{iso3}"
        );
    }
    let lao_examples = examples(&lao);
    assert!(!lao_examples.contains(&"LAO".to_string()));
    assert!(
        lao_examples
            .iter()
            .any(|c| ["BTN", "BGD", "RWA"].contains(&c.as_str()))
    );
}

const LEVELS: [&str; 4] = ["foundation", "integration", "transformation", "frontier"];

/// How many of the funded programme's components sit at each level.
fn levels_of(plan: &Value) -> Vec<(String, usize)> {
    let components = plan["components"].as_array().unwrap();
    LEVELS
        .iter()
        .map(|level| {
            let n = components.iter().filter(|c| c["level"] == *level).count();
            (level.to_string(), n)
        })
        .collect()
}

#[test]
fn plans_climb_the_ladder_from_where_the_scores_are() {
    let korea = plan_of(&sample("republic-of-korea"));
    let lao = plan_of(&sample("lao-pdr"));
    for plan in [&korea, &lao] {
        for list in ["components", "deferred", "in_place"] {
            for c in plan[list].as_array().unwrap() {
                let level = c["level"].as_str().unwrap_or_default();
                assert!(LEVELS.contains(&level), "{list} {}: {level:?}", c["id"]);
            }
        }
    }
    let count = |plan: &Value, wanted: &[&str]| -> usize {
        levels_of(plan)
            .iter()
            .filter(|(level, _)| wanted.contains(&level.as_str()))
            .map(|(_, n)| n)
            .sum()
    };
    let korea_planned = korea["components"].as_array().unwrap().len();
    let korea_upper = count(&korea, &["transformation", "frontier"]);
    assert!(
        2 * korea_upper > korea_planned,
        "high readiness: {:?}",
        levels_of(&korea)
    );
    let lao_planned = lao["components"].as_array().unwrap().len();
    assert!(
        2 * count(&lao, &["foundation"]) > lao_planned,
        "low readiness: {:?}",
        levels_of(&lao)
    );
    assert_eq!(count(&lao, &["frontier"]), 0, "{:?}", levels_of(&lao));
    // What Korea has is in place, not planned again: no foundation Korea
    // scores high on is in its programme.
    for id in [
        "skills-academy",
        "budget-line",
        "monitoring-dashboard",
        "pki-esignature",
    ] {
        assert!(component(&korea, id).is_none(), "Korea was given {id}");
        assert!(ids(&korea["in_place"]).contains(&id.to_string()), "{id}");
    }
}

#[test]
fn each_priority_sector_gets_its_own_system() {
    let lao = plan_of(&sample("lao-pdr"));
    for (id, rule) in [
        ("health-information", "sector-health"),
        ("education-emis", "sector-education"),
        ("farmer-registry", "sector-agriculture"),
    ] {
        let c = selected(&lao, id).unwrap_or_else(|| panic!("Lao PDR lacks {id}"));
        assert_eq!(c["because"][0]["rule"], rule);
        assert!(
            c["because"][0]["text"]
                .as_str()
                .unwrap()
                .contains("Lao PDR"),
            "{}",
            c["because"][0]["text"]
        );
    }
    // Every Lao sector has its own component, so the general one is not needed.
    assert!(selected(&lao, "sector-systems").is_none());
    // Korea's labour sector has none of its own.
    let korea = plan_of(&sample("republic-of-korea"));
    assert!(selected(&korea, "sector-systems").is_some());
    // Its social protection systems run already: a mature service score
    // finds them in place.
    assert!(ids(&korea["in_place"]).contains(&"social-registry".to_string()));
    assert!(selected(&korea, "education-emis").is_none());
}

#[test]
fn each_hazard_brings_the_measures_that_answer_it() {
    // Fiji: cyclones cut cables, and a rising sea moves communities.
    let fiji = plan_of(&sample("fiji"));
    for (id, hazard) in [
        ("redundant-connectivity", "cyclone"),
        ("resilient-registries", "Rising seas"),
    ] {
        let c = selected(&fiji, id).unwrap_or_else(|| panic!("Fiji lacks {id}"));
        assert!(
            c["because"][0]["text"].as_str().unwrap().contains(hazard),
            "{}",
            c["because"][0]["text"]
        );
    }
    assert!(selected(&fiji, "farmer-early-warning").is_none());
    assert!(selected(&fiji, "disease-surveillance").is_none());
    let steppe = variant(
        "fiji",
        &[(
            "profile.toml",
            "hazards = [\"cyclone\", \"flood\", \"sea_level_rise\", \"storm_surge\"]",
            "hazards = [\"dzud\", \"epidemic\"]",
        )],
    );
    let steppe = plan_of(steppe.path());
    for id in ["farmer-early-warning", "disease-surveillance"] {
        assert!(selected(&steppe, id).is_some(), "{id}");
    }
    for id in ["redundant-connectivity", "resilient-registries"] {
        assert!(selected(&steppe, id).is_none(), "{id}");
    }
}

#[test]
fn a_plan_with_dimensions_not_assessed_starts_by_assessing_them() {
    // Lao PDR with three dimensions left out: the plan says it starts by
    // assessing them, so the assessment starts in the first month, before
    // the prioritised work that unlocks more.
    let dir = variant(
        "lao-pdr",
        &[
            ("readiness.toml", "\nleadership = ", "\n# leadership = "),
            ("readiness.toml", "\ncoordination = ", "\n# coordination = "),
            ("readiness.toml", "\nresilience = ", "\n# resilience = "),
        ],
    );
    let plan = plan_of(dir.path());
    let assessment = component(&plan, "readiness-assessment").expect("scheduled");
    assert_eq!(assessment["start_month"], 0, "{assessment}");
    let (_out, country) = generate_one(dir.path());
    let text = std::fs::read_to_string(country.join("master-plan.md")).unwrap();
    assert!(text.contains("starts by assessing them"), "{text}");
}
