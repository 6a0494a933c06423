//! What a profile may say beyond the framework's own words, through the real
//! binary: what the country already runs, by name; what it calls its
//! subdivisions and its lead institution; the strategy the plan serves; and
//! sectors and hazards the framework does not list.

mod common;

use common::*;
use serde_json::Value;
use tempfile::TempDir;

/// Generates the `open-words` fixture; returns its stderr, master plan and plan.json.
fn open_words() -> (String, String, Value) {
    let out = TempDir::new().unwrap();
    let output = generate(&[&fixture("open-words")], out.path());
    let err = stderr(&output);
    assert!(output.status.success(), "{err}");
    let folder = out.path().join("ton");
    let master = std::fs::read_to_string(folder.join("master-plan.md")).unwrap();
    let plan =
        serde_json::from_str(&std::fs::read_to_string(folder.join("plan.json")).unwrap()).unwrap();
    (err, master, plan)
}

#[test]
fn unknown_sectors_and_hazards_are_planned_with_a_warning() {
    let (err, master, plan) = open_words();
    for expected in [
        "warning: Tonga: ",
        "profile.toml:15:21: `plan.priority_sectors`: \"Mining\" is not a sector the framework knows",
        "profile.toml:16:12: `plan.hazards`: \"King tides\" is not a hazard the framework knows",
    ] {
        assert!(err.contains(expected), "missing `{expected}` in:\n{err}");
    }
    // Known words in other spellings or languages raise no warning.
    for quiet in ["santé", "Sea-level rise", "Coastal erosion", "Tourism"] {
        assert!(!err.contains(&format!("\"{quiet}\" is not")), "{err}");
    }
    assert_eq!(
        plan["settings"]["priority_sectors"],
        serde_json::json!(["mining", "health", "tourism"])
    );
    // The plan names them as a reader wrote them and plans for them.
    assert!(
        master.contains("Priority sectors:** mining, health and tourism"),
        "{master}"
    );
    assert!(master.contains("king tides, coastal erosion, sea level rise and cyclone"));
    assert!(selected(&plan, "sector-systems").is_some());
    assert!(selected(&plan, "disaster-recovery").is_some());
}

#[test]
fn an_unknown_hazard_alone_still_counts_as_exposure() {
    let with = |hazards: &str| {
        let dir = variant(
            "lao-pdr",
            &[(
                "profile.toml",
                "hazards = [\"flood\", \"landslide\"]",
                hazards,
            )],
        );
        let plan = plan_of(dir.path());
        plan["rules"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["id"] == "hazard-exposure" && r["fired"] == true)
    };
    assert!(!with("hazards = []"));
    assert!(with("hazards = [\"king tides\"]"));
}

#[test]
fn what_is_in_place_is_named_and_not_built_again() {
    let (_, master, plan) = open_words();
    let in_place = plan["in_place"].as_array().unwrap();
    let named = |id: &str| {
        in_place
            .iter()
            .find(|c| c["id"] == id)
            .and_then(|c| c["name"].as_str())
            .map(str::to_string)
    };
    assert_eq!(named("data-exchange").as_deref(), Some("X-Road"));
    assert_eq!(
        named("national-cert").as_deref(),
        Some("CERT Tonga (since 2016)")
    );
    for id in ["data-exchange", "national-cert", "national-portal"] {
        assert!(selected(&plan, id).is_none(), "{id} is built again");
    }
    assert!(
        master.contains("National data exchange layer (X-Road)"),
        "{master}"
    );
    assert!(master.contains("CERT Tonga (since 2016)"));
}

#[test]
fn the_country_words_replace_the_defaults() {
    let (_, master, plan) = open_words();
    assert_eq!(plan["country"]["subnational_unit"], "island division");
    assert_eq!(
        plan["country"]["subnational_unit_plural"],
        "island divisions"
    );
    assert!(master.contains("every island division"), "{master}");
    assert!(!master.to_lowercase().contains("province"), "{master}");
    // The lead: full name with the short one in the opening, short after.
    assert!(master.contains("Climate Change and Communications (MEIDECC)"));
    assert!(
        master.contains("MEIDECC accountable for delivery"),
        "{master}"
    );
    assert_eq!(plan["settings"]["lead_short"], "MEIDECC");
    // The strategy the plan carries out.
    assert!(master.contains("This plan carries out the Tonga Strategic Development Framework II"));
    assert!(plan["assumptions"].as_array().unwrap().iter().any(|a| {
        a.as_str()
            .unwrap()
            .contains("Tonga Strategic Development Framework II stays in force")
    }));
}

#[test]
fn an_in_place_component_below_target_is_strengthened() {
    // Lao PDR's data sharing scores below the framework's target.
    let dir = variant(
        "lao-pdr",
        &[(
            "profile.toml",
            "[context]",
            "[in_place]\ndata-exchange = \"LaoGov Connect\"\n\n[context]",
        )],
    );
    let (_out, folder) = generate_one(dir.path());
    let master = std::fs::read_to_string(folder.join("master-plan.md")).unwrap();
    assert!(
        master.contains("- LaoGov Connect is in place, but data governance and interoperability"),
        "{master}"
    );
    // The tailoring for an existing exchange layer names it.
    assert!(
        master.contains("LaoGov Connect already carries data between agencies"),
        "{master}"
    );
}

#[test]
fn init_lists_the_catalogue_for_in_place() {
    let dir = TempDir::new().unwrap();
    let folder = dir.path().join("new");
    let output = dgplan(&["init", &folder.display().to_string()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let profile = std::fs::read_to_string(folder.join("profile.toml")).unwrap();
    assert!(profile.contains("\n# [in_place]    "), "{profile}");
    let listed = profile
        .lines()
        .filter(|l| l.starts_with("#   "))
        .collect::<Vec<_>>();
    assert!(
        listed
            .iter()
            .any(|l| l.contains("national-cert") && l.contains("National CERT/CSIRT")),
        "{profile}"
    );
    assert!(listed.iter().any(|l| l.contains("data-exchange")));
}

/// `check` on the Fiji sample with one line of profile.toml changed: stderr.
fn check_with(from: &str, to: &str) -> String {
    let dir = variant("fiji", &[("profile.toml", from, to)]);
    let output = dgplan(&["check", &dir.path().display().to_string()]);
    assert_eq!(output.status.code(), Some(1));
    stderr(&output)
}

#[test]
fn numbers_written_as_a_spreadsheet_writes_them_get_the_number_to_write() {
    // "invalid TOML: unexpected key or value" sent users nowhere, and
    // "string values must be quoted" led them to write "40%".
    let population = "population_millions = 0.93";
    for (to, hint) in [
        (
            "population_millions = 18,5",
            "TOML numbers use a decimal point, not a comma: write 18.5",
        ),
        (
            "population_millions = \"18,5\"",
            "write 18.5, without quotes",
        ),
    ] {
        let err = check_with(population, to);
        assert!(err.contains(hint), "{to}:\n{err}");
    }
    let share = "external_financing_share = 0.35";
    for to in [
        "external_financing_share = 40%",
        "external_financing_share = \"40%\"",
    ] {
        let err = check_with(share, to);
        assert!(
            err.contains("write a share as a decimal: 0.4 for 40%"),
            "{to}:\n{err}"
        );
    }
    // The example in a hint is a value the field accepts.
    let err = check_with(share, "external_financing_share = \"lots\"");
    assert!(err.contains("such as 0.45"), "{err}");
}
