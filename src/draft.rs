//! Country folders drafted from public data alone: the reference survey and
//! group lists. What public data cannot say is left for the ministry to fill
//! in, marked "TO FILL IN"; scores derived from the published indices are
//! marked as derived and never presented as an assessment.

use crate::framework::Framework;
use crate::reference::Reference;

/// How a score is derived from a published index: the index (0 to 1) times
/// five, to one decimal. Only dimensions with a related index get one.
pub fn derived_score(index: f64) -> f64 {
    (index * 50.0).round() / 10.0
}

fn quote(text: &str) -> String {
    // TOML basic string: escape backslashes and quotes.
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
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
    let groups: Vec<String> = reference
        .groups_of(&iso3)
        .iter()
        .map(|g| quote(g.code()))
        .collect();
    let year: i32 = date
        .get(..4)
        .and_then(|y| y.parse().ok())
        .unwrap_or(latest.year)
        + 1;
    let profile = format!(
        r#"# Country profile drafted by dgplan from public data: the UN E-Government
# Survey {survey} and the UN-OHRLLS country-group lists ({groups_source}).
# Lines marked TO FILL IN are for the ministry to complete. Until they are,
# the plan states that they are not known and what it assumed instead.

[country]
name = {name}
iso3 = {iso3}
groups = [{groups}]    # from the UN-OHRLLS lists; check they are current
# income_group = "LMIC"          # TO FILL IN: LIC, LMIC, UMIC or HIC (World Bank classification)
# population_millions = 1.0      # TO FILL IN: population in millions

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
        iso3 = quote(&iso3),
        groups = groups.join(", "),
    );

    let mut scores = String::new();
    let mut evidence = String::new();
    let mut missing = Vec::new();
    for dimension in &framework.dimensions {
        match dimension
            .related_index
            .as_ref()
            .and_then(|i| row.index(i).map(|v| (i, v)))
        {
            Some((index, value)) => {
                let score = derived_score(value);
                scores.push_str(&format!(
                    "{} = {score:.1}    # derived from EGDI {}: {} {value:.4} x 5\n",
                    dimension.id.name,
                    latest.year,
                    index.name.to_uppercase()
                ));
                evidence.push_str(&format!(
                    "{} = {}\n",
                    dimension.id.name,
                    quote(&format!(
                        "Derived from the UN E-Government Survey {}: {} {value:.4} x 5. Not an assessment.",
                        latest.year,
                        index.name.to_uppercase()
                    ))
                ));
            }
            None => missing.push(dimension.id.name.clone()),
        }
    }
    let readiness = format!(
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
    );
    Ok((profile, readiness))
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
