//! Stage 1, index: puts the plans (already read by the command) in version order, picks the plan
//! that speaks for each country, notes what a reader must know about the
//! set (mixed frameworks or dates), and fixes the dimension and pillar lists
//! that every later table is laid out along.
//!
//! It comes first because every later stage reads its choices: the
//! cross-country stages see only the latest plan of each country, the change
//! reports see consecutive versions, and the dimensions and pillars come
//! from the first country's plan so that all tables share one order. Plans
//! are ordered by ISO code, then date, then framework version, so the
//! comparison does not depend on the order the countries were given in;
//! versions of one country drafted on the same day with the same framework
//! keep the order they were given in (the user's "before" and "after").

use std::collections::{BTreeMap, BTreeSet};

use super::cells::framework;
use super::names::{self, say};
use super::{ComparedPlan, Named};

/// What the later stages read.
pub(super) struct Index<'a> {
    /// Every plan, versions included, in version order.
    pub versions: &'a [ComparedPlan],
    /// The latest version of each country's plan, in ISO code order.
    pub latest: Vec<&'a ComparedPlan>,
    /// Warnings a reader must know: different frameworks or dates.
    pub notes: Vec<String>,
    /// Readiness dimensions, in the first country's order.
    pub dimensions: Vec<Named>,
    /// Pillars, in the first country's order.
    pub pillars: Vec<Named>,
}

/// Sorts `inputs` in place into version order and indexes them.
pub(super) fn index(inputs: &mut [ComparedPlan]) -> Index<'_> {
    inputs.sort_by_cached_key(version_key);
    let versions: &[ComparedPlan] = inputs;
    let latest = latest_per_country(versions);
    let notes = notes(versions, &latest);
    let first = latest.first().map(|i| &i.plan);
    let dimensions = first
        .map(|p| {
            p.readiness
                .dimensions
                .iter()
                .map(|d| named(&d.id, &names::dimension_name(&d.id, &d.name)))
                .collect()
        })
        .unwrap_or_default();
    let pillars = first
        .map(|p| {
            p.pillars
                .iter()
                .map(|x| named(&x.id, &names::pillar_name(&x.id, &x.name)))
                .collect()
        })
        .unwrap_or_default();
    Index {
        versions,
        latest,
        notes,
        dimensions,
        pillars,
    }
}

fn named(id: &str, name: &str) -> Named {
    Named {
        id: id.to_string(),
        name: name.to_string(),
    }
}

/// The sort is stable: versions alike on all three keep the input order.
fn version_key(input: &ComparedPlan) -> (String, String, String) {
    (
        input.plan.country.iso3.clone(),
        input.plan.generated_on.clone(),
        input.plan.framework.version.clone(),
    )
}

/// Versions of one country: the latest speaks for it across countries.
fn latest_per_country(versions: &[ComparedPlan]) -> Vec<&ComparedPlan> {
    let mut latest: BTreeMap<String, usize> = BTreeMap::new();
    for (i, input) in versions.iter().enumerate() {
        latest.insert(input.plan.country.iso3.clone(), i);
    }
    latest.values().map(|&i| &versions[i]).collect()
}

/// Frameworks are compared over every version, dates over the latest plans;
/// what the tables count when a country has several versions, and how
/// versions of one day are numbered.
fn notes(versions: &[ComparedPlan], latest: &[&ComparedPlan]) -> Vec<String> {
    let mut notes = version_notes(versions, latest);
    let frameworks: BTreeSet<String> = versions.iter().map(|i| framework(&i.plan)).collect();
    if frameworks.len() > 1 {
        let frameworks = frameworks.into_iter().collect::<Vec<_>>().join(", ");
        notes.push(say(
            "compare.index.frameworks_differ",
            &[("frameworks", &frameworks)],
        ));
    }
    let dates: BTreeSet<&str> = latest
        .iter()
        .map(|i| i.plan.generated_on.as_str())
        .collect();
    if dates.len() > 1 {
        let dates = dates
            .into_iter()
            .map(crate::words::long_date)
            .collect::<Vec<_>>()
            .join(", ");
        notes.push(say("compare.index.dates_differ", &[("dates", &dates)]));
    }
    notes
}

/// When several countries are compared and one has several versions, the
/// cross-country tables count its latest version only: say so. Versions of
/// one day are numbered in the order given: say so too.
fn version_notes(versions: &[ComparedPlan], latest: &[&ComparedPlan]) -> Vec<String> {
    let mut notes = Vec::new();
    let same_day = versions.windows(2).any(|pair| {
        let (a, b) = (&pair[0].plan, &pair[1].plan);
        a.country.iso3 == b.country.iso3 && a.generated_on == b.generated_on
    });
    if same_day {
        notes.push(say("compare.index.same_day", &[]));
    }
    if latest.len() < 2 {
        return notes;
    }
    for plan in latest.iter().map(|i| &i.plan) {
        let count = versions
            .iter()
            .filter(|i| i.plan.country.iso3 == plan.country.iso3)
            .count();
        if count > 1 {
            notes.push(say(
                "compare.index.several_versions",
                &[
                    ("country", &names::country_in_running_text(plan)),
                    ("count", &count.to_string()),
                    ("date", &crate::words::long_date(&plan.generated_on)),
                ],
            ));
        }
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::sample;
    use super::*;

    #[test]
    fn versions_of_one_day_keep_the_order_given() {
        let mut changed = sample("fiji", "2026-01-01");
        changed.label = "changed".into();
        changed.plan.financing.total_cost_usd_millions = 1.0;
        let mut inputs = vec![changed, sample("fiji", "2026-01-01")];
        let index = index(&mut inputs);
        let labels: Vec<&str> = index.versions.iter().map(|i| i.label.as_str()).collect();
        assert_eq!(labels, ["changed", "samples/fiji"]);
        assert_eq!(
            index.notes,
            [
                "Versions of a plan drafted on the same day are numbered in the order they were given."
            ]
        );
    }

    fn version(input: &ComparedPlan) -> (&str, &str) {
        (input.label.as_str(), input.plan.generated_on.as_str())
    }

    #[test]
    fn the_latest_version_speaks_for_each_country_whatever_the_input_order() {
        let mut inputs = vec![
            sample("fiji", "2026-06-01"),
            sample("kenya", "2026-06-01"),
            sample("fiji", "2026-01-01"),
        ];
        let index = index(&mut inputs);
        let versions: Vec<(&str, &str)> = index.versions.iter().map(version).collect();
        assert_eq!(
            versions,
            [
                ("samples/fiji", "2026-01-01"),
                ("samples/fiji", "2026-06-01"),
                ("samples/kenya", "2026-06-01")
            ]
        );
        let latest: Vec<(&str, &str)> = index.latest.iter().map(|i| version(i)).collect();
        assert_eq!(
            latest,
            [
                ("samples/fiji", "2026-06-01"),
                ("samples/kenya", "2026-06-01")
            ]
        );
        // The older Fiji plan is a version, not a third country: no note on
        // dates, but one on which version the tables use.
        assert_eq!(
            index.notes,
            [
                "Fiji has 2 versions: the tables, averages and rankings use version 2, drafted on 1 June 2026; the last section shows what changed between them."
            ]
        );
        let first = &index.latest[0].plan;
        assert_eq!(index.dimensions.len(), first.readiness.dimensions.len());
        assert_eq!(index.pillars.len(), first.pillars.len());
    }

    #[test]
    fn mixed_dates_and_frameworks_are_noted() {
        let mut kenya = sample("kenya", "2026-06-01");
        kenya.plan.framework.version = "0.9.0".into();
        let mut inputs = vec![sample("fiji", "2026-01-01"), kenya];
        let notes = index(&mut inputs).notes;
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert!(notes[0].contains("different frameworks"), "{}", notes[0]);
        assert!(notes[0].contains(" 0.9.0"), "{}", notes[0]);
        assert_eq!(
            notes[1],
            "The plans were drafted on different dates (1 January 2026, 1 June 2026)."
        );
    }
}
