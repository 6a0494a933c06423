//! Helper: which precedent a plan quotes where it shows an example (the
//! governance model's "seen in practice", each financing model's example).
//! The rules are documented in the header of `frameworks/default/precedents.toml`.
//!
//! A precedent's UN groups, sub-region and EGDI come from the reference data
//! built into dgplan; the country's from its checked inputs.

use super::Given;
use crate::framework::Precedent;
use crate::plan::PrecedentRef;
use crate::reference::Reference;
use crate::vocabulary::{CountryGroup, IncomeGroup};

/// From this EGDI up (the survey's "very high" group), a country is shown
/// no precedent far behind it.
const ADVANCED_EGDI: f64 = 0.75;
/// How far behind an advanced country a precedent's EGDI may be.
const BEHIND_MARGIN: f64 = 0.10;

/// What similarity is judged on, for the country or a precedent.
#[derive(Debug, Clone)]
pub struct Standing {
    pub iso3: String,
    pub egdi: Option<f64>,
    pub income: Option<IncomeGroup>,
    pub groups: Vec<CountryGroup>,
    pub sub_region: Option<&'static str>,
}

impl Standing {
    /// The country's standing from its inputs.
    pub fn of_country(given: &Given) -> Standing {
        let input = given.input;
        let egdi = input
            .readiness
            .indices
            .as_ref()
            .and_then(|i| i.egdi)
            .or_else(|| {
                let b = input.benchmark.as_ref()?;
                b.editions.last().map(|e| e.egdi)
            });
        Standing {
            iso3: input.country.iso3.clone(),
            egdi,
            income: input.country.income_group,
            groups: input.country.groups.clone(),
            sub_region: Reference::builtin()
                .sub_regions
                .get(&input.country.iso3)
                .copied(),
        }
    }

    /// A precedent's standing: its income from the framework, the rest
    /// from the latest survey edition and the UN groups.
    pub fn of_precedent(p: &Precedent) -> Standing {
        let reference = Reference::builtin();
        let iso3 = p.iso3.name.clone();
        Standing {
            egdi: reference
                .latest()
                .and_then(|e| e.rows.iter().find(|r| r.iso3 == iso3))
                .map(|r| r.egdi),
            income: Some(p.income),
            groups: reference.groups_of(&iso3),
            sub_region: reference.sub_regions.get(&iso3).copied(),
            iso3,
        }
    }
}

/// The precedent the plan quotes for `illustrated` (a governance model,
/// PPPP model or component id), with its text.
pub fn quote(given: &Given, illustrated: &str) -> Option<(PrecedentRef, String)> {
    let country = Standing::of_country(given);
    choose(&country, &given.framework.precedents, illustrated).map(|p| {
        (
            PrecedentRef {
                id: p.id.name.clone(),
                iso3: p.iso3.name.clone(),
            },
            p.text.clone(),
        )
    })
}

/// The most similar precedent that illustrates `illustrated` and may be
/// shown to `country`; the first listed on a tie.
pub fn choose<'a>(
    country: &Standing,
    precedents: &'a [Precedent],
    illustrated: &str,
) -> Option<&'a Precedent> {
    let mut best: Option<(&Precedent, f64)> = None;
    for p in precedents
        .iter()
        .filter(|p| p.illustrates.iter().any(|i| i.name == illustrated))
    {
        let theirs = Standing::of_precedent(p);
        if !may_show(country, &theirs) {
            continue;
        }
        let score = similarity(country, &theirs);
        if best.is_none_or(|(_, s)| score > s) {
            best = Some((p, score));
        }
    }
    best.map(|(p, _)| p)
}

/// Never the country itself; never, for an advanced country, a precedent
/// far behind it, or from a least developed country or small island state
/// unless the country is one too.
fn may_show(country: &Standing, theirs: &Standing) -> bool {
    if theirs.iso3 == country.iso3 {
        return false;
    }
    match country.egdi {
        Some(own) if own >= ADVANCED_EGDI => {
            let unlike = theirs.groups.iter().any(|g| {
                matches!(g, CountryGroup::Ldc | CountryGroup::Sids) && !country.groups.contains(g)
            });
            theirs.egdi.is_some_and(|e| e >= own - BEHIND_MARGIN) && !unlike
        }
        _ => true,
    }
}

/// Higher is more alike: EGDI closeness (10 points per 0.1 apart, half for
/// a precedent ahead), income group (2 same, 1 next), 1.5 per UN group
/// shared, 1 for the same sub-region.
fn similarity(country: &Standing, theirs: &Standing) -> f64 {
    let mut score = 0.0;
    if let (Some(own), Some(other)) = (country.egdi, theirs.egdi) {
        let gap = other - own;
        score -= if gap > 0.0 { gap * 5.0 } else { -gap * 10.0 };
    }
    if let (Some(own), Some(other)) = (country.income, theirs.income) {
        score += match rank(own).abs_diff(rank(other)) {
            0 => 2.0,
            1 => 1.0,
            _ => 0.0,
        };
    }
    let shared = country
        .groups
        .iter()
        .filter(|g| theirs.groups.contains(g))
        .count();
    score += 1.5 * shared as f64;
    if country.sub_region.is_some() && country.sub_region == theirs.sub_region {
        score += 1.0;
    }
    score
}

fn rank(income: IncomeGroup) -> u8 {
    match income {
        IncomeGroup::Lic => 0,
        IncomeGroup::Lmic => 1,
        IncomeGroup::Umic => 2,
        IncomeGroup::Hic => 3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::Framework;

    fn standing_of(iso3: &str, income: IncomeGroup) -> Standing {
        let reference = Reference::builtin();
        Standing {
            iso3: iso3.to_string(),
            egdi: reference
                .latest()
                .and_then(|e| e.rows.iter().find(|r| r.iso3 == iso3))
                .map(|r| r.egdi),
            income: Some(income),
            groups: reference.groups_of(iso3),
            sub_region: reference.sub_regions.get(iso3).copied(),
        }
    }

    /// Every id any precedent illustrates.
    fn illustrated(framework: &Framework) -> Vec<String> {
        let mut ids: Vec<String> = framework
            .precedents
            .iter()
            .flat_map(|p| p.illustrates.iter().map(|i| i.name.clone()))
            .collect();
        ids.sort();
        ids.dedup();
        ids
    }

    #[test]
    fn an_advanced_eu_country_is_shown_peers_not_far_behind_and_never_itself() {
        let framework = Framework::builtin().unwrap();
        for iso3 in ["DNK", "EST", "DEU", "FIN"] {
            let country = standing_of(iso3, IncomeGroup::Hic);
            let own = country.egdi.unwrap();
            assert!(own >= ADVANCED_EGDI, "{iso3}");
            for id in illustrated(&framework) {
                let Some(p) = choose(&country, &framework.precedents, &id) else {
                    continue;
                };
                let theirs = Standing::of_precedent(p);
                assert_ne!(theirs.iso3, iso3, "{id}");
                assert!(!theirs.groups.contains(&CountryGroup::Ldc), "{iso3} {id}");
                assert!(!theirs.groups.contains(&CountryGroup::Sids), "{iso3} {id}");
                assert!(theirs.egdi.unwrap() >= own - BEHIND_MARGIN, "{iso3} {id}");
            }
        }
        // Denmark's own agency is not Denmark's example: another's is.
        let denmark = standing_of("DNK", IncomeGroup::Hic);
        let agency = choose(&denmark, &framework.precedents, "agency").unwrap();
        assert_ne!(agency.iso3.name, "DNK");
        assert!(choose(&denmark, &framework.precedents, "centre_of_government_unit").is_some());
    }

    #[test]
    fn a_least_developed_country_is_shown_a_peer_like_it() {
        let framework = Framework::builtin().unwrap();
        let lao = standing_of("LAO", IncomeGroup::Lmic);
        assert!(lao.groups.contains(&CountryGroup::Ldc));
        for id in [
            "agency",
            "national-portal",
            "assisted-channels",
            "budget_line",
        ] {
            let p = choose(&lao, &framework.precedents, id).unwrap();
            let theirs = Standing::of_precedent(p);
            let alike = theirs.groups.iter().any(|g| lao.groups.contains(g))
                || rank(p.income) <= rank(IncomeGroup::Lmic);
            assert!(alike, "{id}: {}", p.id.name);
        }
    }

    #[test]
    fn closer_readiness_and_shared_groups_weigh_more() {
        let lao = standing_of("LAO", IncomeGroup::Lmic);
        let bhutan = standing_of("BTN", IncomeGroup::Lmic);
        let korea = standing_of("KOR", IncomeGroup::Hic);
        assert!(similarity(&lao, &bhutan) > similarity(&lao, &korea));
        assert!(!may_show(&korea, &standing_of("KOR", IncomeGroup::Hic)));
        assert!(!may_show(&korea, &bhutan), "far behind an advanced country");
        assert!(may_show(&bhutan, &korea), "a peer ahead may be shown");
    }
}
