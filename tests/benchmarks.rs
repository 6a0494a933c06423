//! Plans place each country among its real peers, from the UN E-Government
//! Survey data shipped with dgplan.

mod common;

use common::*;

#[test]
fn plans_show_both_editions_rank_and_peer_averages() {
    let plan = plan_of(&sample("lao-pdr"));
    let b = &plan["readiness"]["benchmark"];
    let editions = b["editions"].as_array().unwrap();
    assert_eq!(editions.len(), 2);
    assert_eq!(
        (editions[0]["year"].as_i64(), editions[0]["rank"].as_i64()),
        (Some(2022), Some(159))
    );
    assert_eq!(
        (editions[1]["year"].as_i64(), editions[1]["rank"].as_i64()),
        (Some(2024), Some(152))
    );
    assert_eq!(editions[1]["egdi"], 0.44038);
    let labels: Vec<&str> = b["peers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["label"].as_str().unwrap())
        .collect();
    assert_eq!(
        labels,
        [
            "World",
            "South-eastern Asia (UN sub-region)",
            "LDC (least developed country)",
            "LLDC (landlocked developing country)"
        ]
    );
    let out = tempfile::TempDir::new().unwrap();
    assert!(generate(&[&sample("lao-pdr")], out.path()).status.success());
    let md = std::fs::read_to_string(out.path().join("lao/master-plan.md")).unwrap();
    assert!(
        md.contains(
            "| E-Government Development Index (EGDI) | 0.3764 | 0.4404 | +0.0640 | 0.6382 |"
        ),
        "benchmark row"
    );
    assert!(md.contains("Ranked 152 of 193 in 2024, against 159 in 2022."));
}

#[test]
fn missing_indices_are_filled_from_the_published_survey_and_marked() {
    let plan = plan_of(&fixture("minimal"));
    let indices = &plan["readiness"]["indices"];
    assert_eq!(indices["year"], 2024);
    assert_eq!(indices["egdi"], 0.54271);
    assert!(
        indices["source"]
            .as_str()
            .unwrap()
            .starts_with("published, UN E-Government Survey 2024")
    );
    let egdi_kpi = plan["kpis"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["id"] == "KPI-EGDI")
        .unwrap();
    assert_eq!(egdi_kpi["baseline"], 0.54271);
    assert_eq!(
        egdi_kpi["baseline_source"],
        "Published, UN E-Government Survey 2024"
    );
    // The fixture omits the groups; the reference lists Vanuatu as a SIDS, and the plan says so.
    let assumptions = plan["assumptions"].as_array().unwrap();
    assert!(
        assumptions
            .iter()
            .any(|a| a.as_str().unwrap().contains("the reference lists")
                && a.as_str().unwrap().contains("give SIDS"))
    );
}

#[test]
fn sharp_disagreement_between_a_score_and_its_index_is_flagged() {
    // Lao PDR's OSI is 0.3265 (1.6 on a 0-5 scale): a service-delivery score of 4.5 needs a second look.
    let high = variant(
        "lao-pdr",
        &[(
            "readiness.toml",
            "service_delivery = 1.5",
            "service_delivery = 4.5",
        )],
    );
    let plan = plan_of(high.path());
    let flags = plan["readiness"]["disagreements"].as_array().unwrap();
    assert_eq!(flags.len(), 1, "{flags:?}");
    let flag = flags[0].as_str().unwrap();
    assert!(flag.starts_with("Public service delivery is scored 4.5 of 5, but the published OSI is 0.3265, or 1.6 on the same 0-5 scale"), "{flag}");
    // The samples, scored consistently, raise no flag.
    assert!(
        plan_of(&sample("lao-pdr"))["readiness"]["disagreements"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}
