//! Country folders drafted from public data alone: the reference survey and
//! group lists. What public data cannot say is left for the ministry to fill
//! in, marked "TO FILL IN"; scores derived from the published indices are
//! marked as derived and never presented as an assessment.

use crate::framework::Framework;
use crate::reference::{Edition, Reference, Row};

/// How a score is derived from a published index: the index (0 to 1) times
/// five, to one decimal. Only dimensions with a related index get one.
pub fn derived_score(index: f64) -> f64 {
    (index * 50.0).round() / 10.0
}

/// A TOML basic string: backslashes, quotes and control characters escaped,
/// so that whatever the text holds the file stays valid TOML.
fn quote(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The items of a TOML array of strings: `"a", "b"`.
fn quoted_list<S: AsRef<str>>(words: impl IntoIterator<Item = S>) -> String {
    words
        .into_iter()
        .map(|w| quote(w.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The plan's first year when drafted on `date` (YYYY-MM-DD): the next
/// year, or the year after `fallback` when the date cannot be read.
fn year_after(date: &str, fallback: i32) -> i32 {
    date.get(..4)
        .and_then(|y| y.parse().ok())
        .unwrap_or(fallback)
        + 1
}

/// The profile.toml and readiness.toml for a country, from the reference
/// data. `date` is the drafting date (YYYY-MM-DD).
pub fn from_reference(
    reference: &Reference,
    framework: &Framework,
    iso3: &str,
    date: &str,
) -> Result<(String, String), String> {
    let iso3 = iso3.trim().to_uppercase();
    let latest = reference
        .latest()
        .ok_or("the reference data holds no survey edition")?;
    let row = latest.rows.iter().find(|r| r.iso3 == iso3).ok_or_else(|| {
        format!(
            "\"{iso3}\" is not among the {} UN Member States of the UN E-Government Survey {}",
            latest.rows.len(),
            latest.year
        )
    })?;
    let profile = drafted_profile(reference, latest, row, date);
    let readiness = drafted_readiness(framework, latest, row, date);
    Ok((profile, readiness))
}

fn drafted_profile(reference: &Reference, latest: &Edition, row: &Row, date: &str) -> String {
    let groups = quoted_list(reference.groups_of(&row.iso3).iter().map(|g| g.code()));
    let year = year_after(date, latest.year);
    format!(
        r#"# Country profile drafted by dgplan from public data: the UN E-Government
# Survey {survey}, the UN-OHRLLS country-group lists ({groups_source})
# and the World Bank's population for 2024.
# Lines marked TO FILL IN are for the ministry to complete. Until they are,
# the plan states that they are not known and what it assumed instead.

[country]
name = {name}
iso3 = {iso3}
groups = [{groups}]    # from the UN-OHRLLS lists; check they are current
# income_group = "LMIC"          # TO FILL IN: LIC, LMIC, UMIC or HIC (World Bank classification)
{population}

[plan]
start_year = {year}               # TO CHECK: first calendar year of the plan
horizon_years = 5
lead_institution = "[Name of lead institution]"   # TO FILL IN
# sponsor = "Office of the head of government"       # TO FILL IN
# budget_usd_millions = 0.0                          # TO FILL IN: envelope for the whole plan
# priority_sectors = ["health", "education"]         # TO FILL IN
# hazards = ["flood"]                                # TO FILL IN

# [context]                      # TO FILL IN: what is already in place
# digital_id = "partial"         # none, partial or nationwide
# data_protection_law = false
# e_transactions_law = false
"#,
        survey = latest.year,
        groups_source = reference.groups_source,
        name = quote(&row.name),
        iso3 = quote(&row.iso3),
        population = population_lines(reference, &row.iso3),
    )
}

/// The population lines of a drafted profile: the World Bank's 2024 figure,
/// with its source, for the ministry to check.
fn population_lines(reference: &Reference, iso3: &str) -> String {
    match reference.population_millions.get(iso3) {
        Some(people) => format!(
            "population_millions = {}   # TO CHECK: from the World Bank\npopulation_source = {}",
            round_population(*people),
            quote(crate::reference::POPULATION_SOURCE)
        ),
        None => "# population_millions = 1.0      # TO FILL IN: population in millions".into(),
    }
}

/// Millions to three decimals (thousands of people), at least 0.001.
fn round_population(people: f64) -> f64 {
    ((people * 1000.0).round() / 1000.0).max(0.001)
}

/// Readiness results with every score derived from its dimension's related
/// published index, marked as derived.
fn drafted_readiness(framework: &Framework, latest: &Edition, row: &Row, date: &str) -> String {
    let DerivedScores {
        scores,
        evidence,
        missing,
    } = derived_scores(framework, latest, row);
    format!(
        r#"# Readiness results drafted by dgplan from public data. The scores below are
# DERIVED from the UN E-Government Survey {survey} indices (index x 5, to one
# decimal); they are not an assessment. Replace them with the results of a
# readiness assessment, and score the dimensions that have no published
# counterpart: {missing}.

[assessment]
date = {date}
method = "Derived from the UN E-Government Survey {survey} indices (index x 5); not an assessment"
source = "UN E-Government Survey {survey} (UN DESA)"
derived_from_indices = true   # delete this line once assessed scores replace the ones below

[scores]
{scores}
[evidence]
{evidence}
[indices]
egdi_year = {survey}
egdi = {egdi}
osi = {osi}
hci = {hci}
tii = {tii}
epi = {epi}
"#,
        survey = latest.year,
        missing = missing.join(", "),
        egdi = row.egdi,
        osi = row.osi,
        hci = row.hci,
        tii = row.tii,
        epi = row.epi,
    )
}

/// `[scores]` and `[evidence]` lines for the dimensions with a related
/// index, and the dimensions without one.
struct DerivedScores {
    scores: String,
    evidence: String,
    missing: Vec<String>,
}

fn derived_scores(framework: &Framework, latest: &Edition, row: &Row) -> DerivedScores {
    let mut derived = DerivedScores {
        scores: String::new(),
        evidence: String::new(),
        missing: Vec::new(),
    };
    for dimension in &framework.dimensions {
        let Some((index, value)) = dimension
            .related_index
            .as_ref()
            .and_then(|i| row.index(i).map(|v| (i, v)))
        else {
            derived.missing.push(dimension.id.name.clone());
            continue;
        };
        let score = derived_score(value);
        derived.scores.push_str(&format!(
            "{} = {score:.1}    # derived from EGDI {}: {} {value:.4} x 5\n",
            dimension.id.name,
            latest.year,
            index.name.to_uppercase()
        ));
        derived.evidence.push_str(&format!(
            "{} = {}\n",
            dimension.id.name,
            quote(&format!(
                "Derived from the UN E-Government Survey {}: {} {value:.4} x 5. Not an assessment.",
                latest.year,
                index.name.to_uppercase()
            ))
        ));
    }
    derived
}

/// A blank country folder: every field of profile.toml and readiness.toml,
/// each with what it means, its allowed values and its default. Required
/// fields hold an empty value that `check` refuses until it is filled in;
/// optional ones are commented out with an example value. `name` and `iso3`
/// fill in the country when given; a known ISO code also fills in its UN
/// groups. `date` (YYYY-MM-DD) is today's, for the assessment date and the
/// plan's first year.
pub fn blank(
    reference: &Reference,
    framework: &Framework,
    name: Option<&str>,
    iso3: Option<&str>,
    date: &str,
) -> (String, String) {
    let iso3 = iso3.map(|c| c.trim().to_uppercase());
    let profile = blank_profile(reference, framework, name, iso3.as_deref(), date);
    let readiness = blank_readiness(framework, date);
    (profile, readiness)
}

fn blank_profile(
    reference: &Reference,
    framework: &Framework,
    name: Option<&str>,
    iso3: Option<&str>,
    date: &str,
) -> String {
    let groups_line = groups_line(reference, iso3);
    let year = year_after(date, 2026);
    format!(
        r##"# Country profile for dgplan. Fill in the lines marked REQUIRED; the others
# are optional: remove the "# " at the start of a line to use it. Text goes
# between double quotes; lists go in square brackets. Then run:
#   dgplan check FOLDER      (lists anything still missing or wrong)
#   dgplan generate FOLDER   (writes the draft plan)

[country]
name = {name}    # REQUIRED: the country's official name
# short_name = "Lao PDR"             # optional: the name used in running text; default: name
iso3 = {iso3}    # REQUIRED: ISO 3166-1 alpha-3 code in capitals, such as "LAO"
# region = "South-eastern Asia"      # optional: default: the country's UN sub-region
{groups_line}
# income_group = "LMIC"              # optional: "LIC", "LMIC", "UMIC" or "HIC" (World Bank); default: not stated, costs use a neutral factor
# population_millions = 1.0          # optional: population in millions, above 0; default: not stated, costs are given for 1 million people
# population_source = "National Statistics Office, 2025 census"   # optional: where the population comes from; the plan cites it
# subnational_unit = "province"      # optional: what the country calls its first-level subdivisions, such as "county" or "region"; default "province"
# subnational_unit_plural = "provinces"  # optional: default: the English plural of subnational_unit

[plan]
start_year = {year}                   # REQUIRED: first calendar year of the plan, 2000 to 2100
# horizon_years = 5                  # optional: length of the plan in years, 3 to 15; default 5
lead_institution = ""                # REQUIRED: the ministry or agency accountable for delivery
# lead_short = "MoPT"                # optional: its short name; the plan states the full name once, then uses this
# national_strategy = "the National Development Strategy 2025-2030"   # optional: the strategy this plan implements; the plan says it carries it out
# sponsor = "Office of the Prime Minister"   # optional: who sponsors the plan; default: "the head of government"
# budget_usd_millions = 50.0         # optional: money expected for the whole plan, USD million, 0 or more; the plan funds what fits it, in order of priority, and ranks the rest; default: no envelope, everything is costed
# currency = "XOF"                   # optional: the ISO 4217 code of the country's currency, such as "XOF" for the West African CFA franc; the plan gives its totals in it, then in US dollars; default: US dollars alone
# usd_rate = 600.0                   # with currency: units of it to one US dollar, 0.001 to 10,000,000
# usd_rate_date = 2026-05-01         # optional: the day of the rate, YYYY-MM-DD without quotes; the plan cites it
# budget_local_millions = 30000.0    # optional, instead of budget_usd_millions (never both): the envelope in millions of the currency above, converted at usd_rate
# external_financing_share = 0.3     # optional: share expected from development partners, 0 to 1; default: the framework's mix for the country's group
# priority_sectors = ["health"]      # optional: any of {sectors}, or your own words (planned for generically, with a warning); default none
# sdg_focus = [9, 16]                # optional: Sustainable Development Goal numbers, 1 to 17; default none
# hazards = ["flood"]                # optional: any of {hazards}, or your own words (counted as exposure, with a warning); default none
# framework = "../my-framework"     # optional: the framework folder to plan with, from this folder; default: the built-in one; --framework on the command line wins

[context]
# What is already in place. A fact left out is "unknown", not "no": the plan
# then says what it assumed.
# digital_id = "partial"             # "none", "partial" or "nationwide"
# data_protection_law = false        # true or false: a data protection law is in force
# e_transactions_law = false         # true or false: electronic transactions and signatures are legal
# cybersecurity_strategy = false     # true or false: a national cybersecurity strategy is adopted
# interoperability_framework = false # true or false: a government interoperability framework is adopted
# government_cloud = false           # true or false: a shared government data centre or cloud operates
# national_portal = false            # true or false: a national portal for government services exists

# [in_place]
# What the country already runs, by the catalogue's component id, with its
# name: the plan does not build it again, builds on it and names it.
# data-exchange = "X-Road"
# The catalogue's component ids and what each is:
{in_place}
"##,
        name = name.map_or_else(|| "\"\"".to_string(), quote),
        iso3 = iso3.map_or_else(|| "\"\"".to_string(), quote),
        sectors = quoted_list(&framework.vocabulary.sectors),
        hazards = quoted_list(&framework.vocabulary.hazards),
        in_place = in_place_lines(framework),
    )
}

/// One commented line per catalogue component: its id and title.
fn in_place_lines(framework: &Framework) -> String {
    framework
        .components
        .iter()
        .map(|c| format!("#   {:<28} {}", &*c.id, c.title))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The `groups` line: filled in from the reference data for a known code,
/// otherwise commented out with what it may hold.
fn groups_line(reference: &Reference, iso3: Option<&str>) -> String {
    let groups = iso3.map(|c| reference.groups_of(c)).unwrap_or_default();
    if groups.is_empty() {
        "# groups = [\"LDC\"]                   # optional: any of \"LDC\" (least developed), \"LLDC\" (landlocked developing), \"SIDS\" (small island developing state); default none".to_string()
    } else {
        format!(
            "groups = [{}]    # optional: from the {}; any of \"LDC\", \"LLDC\", \"SIDS\"",
            quoted_list(groups.iter().map(|g| g.code())),
            reference.groups_source
        )
    }
}

fn blank_readiness(framework: &Framework, date: &str) -> String {
    let (scores, answers) = commented_scores_and_answers(framework);
    format!(
        r##"# Readiness results for dgplan. Score each dimension in ONE of two ways:
#  - under [scores], a score from 0 to 5 from your own assessment; or
#  - under [answers], by answering the readiness checklist; dgplan then
#    derives the score (run `dgplan assess FOLDER` to see the working).
# A dimension given neither is "not assessed": never counted as zero, and the
# plan starts by assessing it. Remove the "# " at the start of a line to use it.

[assessment]
date = {date}        # REQUIRED: date of the assessment, YYYY-MM-DD, without quotes (today's date is filled in: correct it)
method = ""              # REQUIRED: how it was done, such as "Self-assessment workshop with 14 ministries"
# source = ""            # optional: who carried it out

[scores]
# Scores: 0 absent, 1 initial, 2 developing, 3 defined, 4 managed, 5 optimised.
# Decimals are allowed, such as 2.5.
{scores}
[answers]
# Answer with the number of the statement that fits best, for example
# `leadership.sponsor = 2`. Do not answer a dimension that has a score above.
{answers}
[evidence]
# optional: a short note per dimension, shown beside its score in the plan
# leadership = "Digital strategy adopted in 2024; no cross-ministry council yet."

[indices]
# optional: UN E-Government Survey values, 0 to 1; default: the latest published values
# egdi_year = 2024       # required when any index is given: the survey edition
# egdi = 0.5
# osi = 0.5
# hci = 0.5
# tii = 0.5
# epi = 0.5
"##
    )
}

/// For every dimension, a commented-out score with what its lowest and
/// highest levels mean; for every checklist question, a commented-out answer
/// with the answers to choose from.
fn commented_scores_and_answers(framework: &Framework) -> (String, String) {
    let mut scores = String::new();
    let mut answers = String::new();
    for dimension in &framework.dimensions {
        let last = dimension.levels.len().saturating_sub(1);
        scores.push_str(&format!(
            "# {} = 2.0    # {}. 0: {} {last}: {}\n",
            dimension.id.name,
            dimension.name,
            dimension.levels.first().map_or("", String::as_str),
            dimension.levels.last().map_or("", String::as_str),
        ));
        if dimension.questions.is_empty() {
            continue;
        }
        answers.push_str(&format!("\n# {}\n", dimension.name));
        for question in &dimension.questions {
            answers.push_str(&format!(
                "# {}.{} = 0    # {}\n",
                dimension.id.name, question.id.name, question.ask
            ));
            for (number, answer) in question.answers.iter().enumerate() {
                answers.push_str(&format!("#     {number} = {answer}\n"));
            }
        }
    }
    (scores, answers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_are_the_index_times_five_to_one_decimal() {
        assert_eq!(derived_score(0.32648), 1.6);
        assert_eq!(derived_score(1.0), 5.0);
        assert_eq!(derived_score(0.0), 0.0);
    }

    #[test]
    fn every_member_state_drafts_to_a_valid_country_folder() {
        let reference = Reference::builtin();
        let framework = Framework::builtin().unwrap();
        for row in &reference.latest().unwrap().rows {
            let (profile, readiness) =
                from_reference(reference, &framework, &row.iso3, "2026-12-29").unwrap();
            let checked = crate::input::check_texts(
                &crate::diagnostics::SourceFile::new("profile.toml", profile),
                &crate::diagnostics::SourceFile::new("readiness.toml", readiness),
                &framework,
            );
            if let Err(errors) = checked {
                panic!("{}: {errors}", row.name);
            }
        }
    }

    #[test]
    fn quoted_text_is_valid_toml_whatever_it_holds() {
        let text = "A \"B\" \\ C\nD\u{1b}E\u{7f}";
        let parsed: toml::Table = toml::from_str(&format!("x = {}", quote(text))).unwrap();
        assert_eq!(parsed["x"].as_str(), Some(text));
    }

    #[test]
    fn unknown_codes_are_refused_with_the_reason() {
        let reference = Reference::builtin();
        let framework = Framework::builtin().unwrap();
        let err = from_reference(reference, &framework, "xkx", "2026-12-29").unwrap_err();
        assert!(
            err.contains("\"XKX\" is not among the 193 UN Member States"),
            "{err}"
        );
    }
}
