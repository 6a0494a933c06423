//! Reference data shipped with dgplan: the UN E-Government Survey results
//! for all 193 Member States (one CSV per edition in `data/egdi/`) and UN
//! country-group membership (`data/un-groups.toml`).
//!
//! Country names in the survey are matched to ISO 3166-1 codes through the
//! `keshvar` crate's ISO data, not a hand-typed table; the few names that differ
//! by more than word order are listed as aliases in `data/un-groups.toml`.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::language::{say, say_with};
use crate::vocabulary::{CountryGroup, index_value};

include!(concat!(env!("OUT_DIR"), "/editions.rs"));
const UN_GROUPS: &str = include_str!("../data/un-groups.toml");
const ELIGIBILITY: &str = include_str!("../data/eligibility.toml");
/// World Bank SP.POP.TOTL for 2024 (PDDL 1.0): persons, by World Bank code,
/// aggregates (WLD, LDC, ...) included; only surveyed countries are kept.
const POPULATION: &str = include_str!("../data/population-2024.csv");
/// How a population from [`POPULATION`] is cited in a profile and a plan
/// (the indicator, SP.POP.TOTL, is named in the README and in the comment
/// beside the figure in a drafted profile, not in the plan's text).
pub const POPULATION_SOURCE: &str = "World Bank, World Development Indicators, 2024";

/// How earlier drafts cited the same figure, with the indicator's code.
const POPULATION_SOURCE_WITH_CODE: &str = "World Bank, 2024 (SP.POP.TOTL)";

/// A population source as a plan cites it: the profile's text, except that
/// an earlier draft's citation with the indicator's code reads as
/// [`POPULATION_SOURCE`] does, without brackets inside the plan's brackets.
pub fn population_citation(source: &str) -> String {
    if source.trim() == POPULATION_SOURCE_WITH_CODE {
        POPULATION_SOURCE.to_string()
    } else {
        source.trim().to_string()
    }
}

/// One country in one survey edition.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub iso3: String,
    pub name: String,
    pub rank: u32,
    pub egdi: f64,
    pub epi: f64,
    pub osi: f64,
    pub hci: f64,
    pub tii: f64,
}

impl Row {
    pub fn index(&self, name: &str) -> Option<f64> {
        index_value(name, [self.egdi, self.osi, self.hci, self.tii, self.epi])
    }
}

#[derive(Debug, Clone)]
pub struct Edition {
    pub year: i32,
    pub rows: Vec<Row>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupsFile {
    source: GroupsSource,
    groups: BTreeMap<String, Vec<String>>,
    aliases: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupsSource {
    name: String,
    as_of: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EligibilityFile {
    ida: MemberList,
    eu: MemberList,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MemberList {
    source: String,
    as_of: String,
    members: BTreeSet<String>,
}

/// A list of countries that may use some kind of finance, with its source.
#[derive(Debug, Clone)]
pub struct Eligibility {
    pub members: BTreeSet<String>,
    /// The list's source and date, as a plan cites it.
    pub source: String,
}

impl Eligibility {
    fn from(list: MemberList, known: &BTreeSet<&str>, name: &str) -> Result<Self, String> {
        if let Some(unknown) = list.members.iter().find(|c| !known.contains(c.as_str())) {
            return Err(format!(
                "data/eligibility.toml: {name} lists {unknown}, which no survey edition covers"
            ));
        }
        Ok(Eligibility {
            members: list.members,
            source: format!("{} (as of {})", list.source, list.as_of),
        })
    }

    pub fn contains(&self, iso3: &str) -> bool {
        self.members.contains(iso3)
    }
}

pub struct Reference {
    /// Oldest first.
    pub editions: Vec<Edition>,
    pub groups: BTreeMap<CountryGroup, BTreeSet<String>>,
    pub groups_source: String,
    /// The day of the group lists, for a citation in the plan's language.
    pub groups_as_of: String,
    /// UN sub-region of every surveyed country, looked up once: building a
    /// `keshvar` country is too slow to repeat for every peer of every plan.
    pub sub_regions: BTreeMap<String, &'static str>,
    /// Countries eligible for IDA grants and credits (`data/eligibility.toml`).
    pub ida: Eligibility,
    /// Member states of the European Union (`data/eligibility.toml`).
    pub eu: Eligibility,
    /// Population in millions of every surveyed country
    /// (`data/population-2024.csv`).
    pub population_millions: BTreeMap<String, f64>,
}

fn normalise(name: &str) -> String {
    name.to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// ISO 3166-1 names, normalised once: the name as ISO writes it, and for
/// names with a qualifier in brackets, the qualifier moved to the front and
/// the name without it. ISO writes "Korea (Republic of)" where the survey
/// writes "Republic of Korea", and "Bolivia (Plurinational State of)" where
/// it writes "Bolivia".
/// ISO also writes a qualifier after a comma: "Tanzania, United Republic of".
struct IsoName {
    alpha2: String,
    alpha3: String,
    name: &'static str,
    exact: String,
    reordered: Option<(String, String)>,
}

fn iso_names() -> &'static [IsoName] {
    static NAMES: OnceLock<Vec<IsoName>> = OnceLock::new();
    NAMES.get_or_init(|| {
        keshvar::CountryIterator::new()
            .map(|country| {
                let name = country.iso_short_name();
                let qualified = name
                    .split_once(" (")
                    .map(|(head, rest)| (head, rest.trim_end_matches(')')))
                    .or_else(|| name.split_once(", "));
                IsoName {
                    alpha2: country.alpha2().to_string(),
                    alpha3: country.alpha3().to_string(),
                    name,
                    exact: normalise(name),
                    reordered: qualified.map(|(head, qualifier)| {
                        (normalise(&format!("{qualifier} {head}")), normalise(head))
                    }),
                }
            })
            .collect()
    })
}

/// Whether `code` is an ISO 3166-1 alpha-3 code, written in capitals.
pub fn is_iso3(code: &str) -> bool {
    code.len() == 3
        && code.bytes().all(|b| b.is_ascii_uppercase())
        && keshvar::Alpha3::try_from(code).is_ok()
}

fn iso_by_alpha2(code: &str) -> Option<&'static IsoName> {
    iso_names().iter().find(|n| n.alpha2 == code)
}

fn iso_by_alpha3(code: &str) -> Option<&'static IsoName> {
    iso_names().iter().find(|n| n.alpha3 == code)
}

/// The ISO 3166-1 alpha-3 code for a survey name.
fn iso3_for(name: &str, aliases: &BTreeMap<String, String>) -> Result<String, String> {
    let wanted = normalise(aliases.get(name).map_or(name, String::as_str));
    let names = iso_names();
    let exact: Vec<&IsoName> = names.iter().filter(|n| n.exact == wanted).collect();
    if let [one] = exact.as_slice() {
        return Ok(one.alpha3.clone());
    }
    let reordered: Vec<&IsoName> = names
        .iter()
        .filter(|n| {
            n.reordered
                .as_ref()
                .is_some_and(|(moved, head)| *moved == wanted || *head == wanted)
        })
        .collect();
    match reordered.as_slice() {
        [one] => Ok(one.alpha3.clone()),
        [] => Err(format!(
            "no ISO 3166 country matches the survey name \"{name}\""
        )),
        _ => Err(format!(
            "several ISO 3166 countries match the survey name \"{name}\""
        )),
    }
}

fn parse_edition(
    file: &str,
    text: &str,
    aliases: &BTreeMap<String, String>,
) -> Result<Edition, String> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut year = None;
    for (line, record) in reader.records().enumerate() {
        let record = record.map_err(|e| format!("{file}: {e}"))?;
        let field = |i: usize| record.get(i).unwrap_or("").trim();
        let number = |i: usize| -> Result<f64, String> {
            field(i)
                .parse::<f64>()
                .map_err(|_| format!("{file}, row {}: \"{}\" is not a number", line + 2, field(i)))
        };
        let this_year: i32 = field(0)
            .parse()
            .map_err(|_| format!("{file}, row {}: bad year", line + 2))?;
        if *year.get_or_insert(this_year) != this_year {
            return Err(format!("{file}: rows of more than one edition"));
        }
        let name = field(1).to_string();
        rows.push(Row {
            iso3: iso3_for(&name, aliases).map_err(|e| format!("{file}: {e}"))?,
            rank: field(2)
                .parse()
                .map_err(|_| format!("{file}, row {}: bad rank", line + 2))?,
            egdi: number(3)?,
            epi: number(4)?,
            osi: number(5)?,
            hci: number(6)?,
            tii: number(7)?,
            name,
        });
    }
    Ok(Edition {
        year: year.ok_or_else(|| format!("{file}: no rows"))?,
        rows,
    })
}

/// The population, in millions, of each of `codes` (the surveyed
/// countries); every one must be found.
fn parse_population(codes: &BTreeSet<&str>) -> Result<BTreeMap<String, f64>, String> {
    let mut found = BTreeMap::new();
    let mut reader = csv::Reader::from_reader(POPULATION.as_bytes());
    for record in reader.records() {
        let record = record.map_err(|e| format!("data/population-2024.csv: {e}"))?;
        let (Some(iso3), Some(persons)) = (record.get(0), record.get(3)) else {
            return Err("data/population-2024.csv: a row lacks its columns".into());
        };
        if !codes.contains(iso3) {
            continue;
        }
        let persons: f64 = persons
            .parse()
            .map_err(|_| format!("data/population-2024.csv: {iso3}: not a number"))?;
        found.insert(iso3.to_string(), persons / 1.0e6);
    }
    match codes.iter().find(|c| !found.contains_key(**c)) {
        Some(missing) => Err(format!("data/population-2024.csv: no row for {missing}")),
        None => Ok(found),
    }
}

impl Reference {
    fn parse() -> Result<Reference, String> {
        let file: GroupsFile =
            toml::from_str(UN_GROUPS).map_err(|e| format!("data/un-groups.toml: {e}"))?;
        let mut editions = EDITIONS
            .iter()
            .map(|(name, text)| parse_edition(name, text, &file.aliases))
            .collect::<Result<Vec<_>, _>>()?;
        editions.sort_by_key(|e| e.year);
        let mut groups = BTreeMap::new();
        for (code, members) in file.groups {
            let group = match code.as_str() {
                "LDC" => CountryGroup::Ldc,
                "LLDC" => CountryGroup::Lldc,
                "SIDS" => CountryGroup::Sids,
                other => return Err(format!("data/un-groups.toml: unknown group {other}")),
            };
            groups.insert(group, members.into_iter().collect());
        }
        let codes: BTreeSet<&str> = editions
            .iter()
            .flat_map(|e| &e.rows)
            .map(|r| r.iso3.as_str())
            .collect();
        let eligibility: EligibilityFile =
            toml::from_str(ELIGIBILITY).map_err(|e| format!("data/eligibility.toml: {e}"))?;
        let ida = Eligibility::from(eligibility.ida, &codes, "ida")?;
        let eu = Eligibility::from(eligibility.eu, &codes, "eu")?;
        let population_millions = parse_population(&codes)?;
        let sub_regions = codes
            .into_iter()
            .filter_map(|code| sub_region_of(code).map(|region| (code.to_string(), region)))
            .collect();
        Ok(Reference {
            editions,
            groups,
            groups_source: format!("{} (as of {})", file.source.name, file.source.as_of),
            groups_as_of: file.source.as_of.to_string(),
            sub_regions,
            ida,
            eu,
            population_millions,
        })
    }

    /// The built-in reference data, parsed once. It ships with dgplan and is
    /// checked by the tests, so a failure here is a defect in dgplan.
    pub fn builtin() -> &'static Reference {
        static REFERENCE: OnceLock<Reference> = OnceLock::new();
        REFERENCE.get_or_init(|| Reference::parse().expect("the built-in reference data is valid"))
    }

    /// How fast countries that stood near `level` on an index improved it
    /// between the last two survey editions: the upper quartile of their
    /// yearly change. Peers are the countries (other than `iso3`) whose value
    /// in the earlier edition lay within `PEER_BAND` of `level`.
    pub fn peer_gain(&self, index: &str, level: f64, iso3: &str) -> Option<PeerGain> {
        let [.., earlier, later] = self.editions.as_slice() else {
            return None;
        };
        let years = f64::from(later.year - earlier.year);
        let mut gains: Vec<f64> = earlier
            .rows
            .iter()
            .filter(|r| r.iso3 != iso3)
            .filter_map(|r| {
                let before = r.index(index)?;
                if (before - level).abs() > PEER_BAND {
                    return None;
                }
                let after = later.rows.iter().find(|l| l.iso3 == r.iso3)?.index(index)?;
                Some((after - before) / years)
            })
            .collect();
        if gains.len() < MIN_PEERS {
            return None;
        }
        gains.sort_by(f64::total_cmp);
        // Nearest rank: the smallest gain at or above three quarters of peers.
        let rank = (gains.len() * 3).div_ceil(4).max(1);
        Some(PeerGain {
            from_year: earlier.year,
            to_year: later.year,
            peers: gains.len(),
            per_year: gains[rank - 1],
        })
    }

    pub fn latest(&self) -> Option<&Edition> {
        self.editions.last()
    }

    pub fn groups_of(&self, iso3: &str) -> Vec<CountryGroup> {
        self.groups
            .iter()
            .filter(|(_, m)| m.contains(iso3))
            .map(|(g, _)| *g)
            .collect()
    }

    /// Mean of each index over the rows that pass `keep`.
    pub fn average(edition: &Edition, keep: impl Fn(&Row) -> bool) -> Option<Averages> {
        let rows: Vec<&Row> = edition.rows.iter().filter(|r| keep(r)).collect();
        if rows.is_empty() {
            return None;
        }
        let mean = |f: fn(&Row) -> f64| rows.iter().map(|r| f(r)).sum::<f64>() / rows.len() as f64;
        Some(Averages {
            count: rows.len(),
            egdi: mean(|r| r.egdi),
            osi: mean(|r| r.osi),
            hci: mean(|r| r.hci),
            tii: mean(|r| r.tii),
            epi: mean(|r| r.epi),
        })
    }

    /// The averages a country is compared with in `edition`: the world's,
    /// its UN sub-region's and each of its groups', to four decimals.
    fn peer_averages(&self, edition: &Edition, iso3: &str) -> Option<Vec<PeerAverage>> {
        // Labels in the language in force ([`crate::language`]).
        let world = say("reference.world").to_string();
        let mut peers = vec![(world, Reference::average(edition, |_| true)?)];
        if let Some(region) = self.sub_regions.get(iso3)
            && let Some(avg) =
                Reference::average(edition, |r| self.sub_regions.get(&r.iso3) == Some(region))
        {
            let slug: String = region
                .to_lowercase()
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect();
            let name = say(&format!("regions.{slug}"));
            peers.push((say_with("reference.sub_region", &[("region", name)]), avg));
        }
        for group in self.groups_of(iso3) {
            let members = &self.groups[&group];
            if let Some(avg) = Reference::average(edition, |r| members.contains(&r.iso3)) {
                let key = format!("reference.peer_{}", group.code().to_lowercase());
                peers.push((say(&key).to_string(), avg));
            }
        }
        let rounded = peers.into_iter().map(|(label, a)| PeerAverage {
            label,
            year: edition.year,
            count: a.count,
            egdi: round4(a.egdi),
            osi: round4(a.osi),
            hci: round4(a.hci),
            tii: round4(a.tii),
            epi: round4(a.epi),
        });
        Some(rounded.collect())
    }

    /// The country's published figures and its peers' averages, if the survey covers it.
    pub fn benchmark(&self, iso3: &str) -> Option<Benchmark> {
        let editions: Vec<EditionFigures> = self
            .editions
            .iter()
            .filter_map(|e| {
                e.rows
                    .iter()
                    .find(|r| r.iso3 == iso3)
                    .map(|r| EditionFigures {
                        year: e.year,
                        rank: r.rank,
                        of: e.rows.len(),
                        egdi: r.egdi,
                        osi: r.osi,
                        hci: r.hci,
                        tii: r.tii,
                        epi: r.epi,
                    })
            })
            .collect();
        let latest = self.latest()?;
        if editions.last().map(|e| e.year) != Some(latest.year) {
            return None;
        }
        let peers = self.peer_averages(latest, iso3)?;
        Some(Benchmark {
            source: say_with(
                "reference.source",
                &[
                    (
                        "years",
                        &crate::words::join_words(
                            &self
                                .editions
                                .iter()
                                .map(|e| e.year.to_string())
                                .collect::<Vec<_>>(),
                        ),
                    ),
                    ("groups", say("condition.group_lists")),
                    ("as_of", &crate::words::long_date(&self.groups_as_of)),
                ],
            ),
            groups: self.groups_of(iso3),
            editions,
            peers,
        })
    }
}

/// What to write for a country code given as its two-letter ISO code
/// ("SN") or its name ("Senegal") where a three-letter code is wanted;
/// `write` shows the code in place, such as `iso3 = "SEN"` or `--iso3 SEN`.
/// `None` when `written` is neither (or already a three-letter code).
pub fn alpha3_hint(written: &str, write: impl Fn(&str) -> String) -> Option<String> {
    let (alpha3, name, alpha2) = meant_alpha3(written)?;
    Some(if alpha2 {
        format!(
            "\"{}\" is the two-letter code of {name}; write its three-letter code: {}",
            written.trim(),
            write(alpha3)
        )
    } else {
        format!("write the three-letter code of {name}: {}", write(alpha3))
    })
}

/// The ISO 3166-1 alpha-3 code meant by an alpha-2 code or by a country's
/// name as the UN E-Government Survey or ISO 3166 writes it (any case),
/// with the country's name and whether it was an alpha-2 code. The one
/// place where codes are looked up by another code or a name.
pub fn meant_alpha3(written: &str) -> Option<(&'static str, String, bool)> {
    let written = written.trim();
    let upper = written.to_uppercase();
    if is_iso3(&upper) {
        return None;
    }
    let survey_name = |alpha3: &str| {
        Reference::builtin()
            .latest()
            .and_then(|e| e.rows.iter().find(|r| r.iso3 == alpha3))
            .map(|r| r.name.clone())
    };
    if let Some(code) = iso_by_alpha2(&upper) {
        let name = survey_name(&code.alpha3).unwrap_or_else(|| code.name.to_string());
        return Some((&code.alpha3, name, true));
    }
    let wanted = normalise(written);
    if wanted.is_empty() {
        return None;
    }
    let from_survey = Reference::builtin()
        .editions
        .iter()
        .rev()
        .flat_map(|e| &e.rows)
        .find(|r| normalise(&r.name) == wanted)
        .and_then(|r| iso_by_alpha3(&r.iso3));
    let code = from_survey.or_else(|| {
        iso_names().iter().find(|n| {
            n.exact == wanted
                || n.reordered
                    .as_ref()
                    .is_some_and(|(moved, head)| *moved == wanted || *head == wanted)
        })
    })?;
    let name = survey_name(&code.alpha3).unwrap_or_else(|| code.name.to_string());
    Some((&code.alpha3, name, false))
}

/// A country's name in the language in force, when it is not English: the
/// `keshvar` crate's translations (from the ISO 3166 names in CLDR and
/// Debian's iso-codes). ISO lists some names inverted ("Corée, République
/// de"); running text wants them in reading order ("République de Corée").
pub fn name_in_language(iso3: &str) -> Option<String> {
    let language = crate::language::current();
    if language == crate::language::Language::En {
        return None;
    }
    let country = keshvar::Alpha3::try_from(iso3).ok()?.to_country();
    let name = country.translations().get(language.code())?;
    Some(match name.split_once(", ") {
        Some((head, tail)) => format!("{tail} {head}"),
        None => name.to_string(),
    })
}

/// The UN geoscheme sub-region of a country, from the `keshvar` crate's
/// ISO 3166 data, spelled as the UN Statistics Division spells it (M49).
pub fn sub_region_of(iso3: &str) -> Option<&'static str> {
    use keshvar::SubRegion as S;
    let country = keshvar::Alpha3::try_from(iso3).ok()?.to_country();
    Some(match country.maybe_subregion()? {
        S::AustraliaAndNewZealand => "Australia and New Zealand",
        S::Caribbean => "Caribbean",
        S::CentralAmerica => "Central America",
        S::CentralAsia => "Central Asia",
        S::EasternAfrica => "Eastern Africa",
        S::EasternAsia => "Eastern Asia",
        S::EasternEurope => "Eastern Europe",
        S::Melanesia => "Melanesia",
        S::Micronesia => "Micronesia",
        S::MiddleAfrica => "Middle Africa",
        S::NorthernAfrica => "Northern Africa",
        S::NorthernAmerica => "Northern America",
        S::NorthernEurope => "Northern Europe",
        S::Polynesia => "Polynesia",
        S::SouthAmerica => "South America",
        S::SouthEasternAsia => "South-eastern Asia",
        S::SouthernAfrica => "Southern Africa",
        S::SouthernAsia => "Southern Asia",
        S::SouthernEurope => "Southern Europe",
        S::WesternAfrica => "Western Africa",
        S::WesternAsia => "Western Asia",
        S::WesternEurope => "Western Europe",
    })
}

/// Half the width of the band of peers `Reference::peer_gain` compares with.
pub const PEER_BAND: f64 = 0.1;
/// Fewer peers than this give no pace to plan with.
const MIN_PEERS: usize = 5;

/// The upper-quartile yearly change of an index among peers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PeerGain {
    pub from_year: i32,
    pub to_year: i32,
    pub peers: usize,
    /// Change per year; may be negative if most peers fell back.
    pub per_year: f64,
}

fn round4(v: f64) -> f64 {
    (v * 10_000.0).round() / 10_000.0
}

#[derive(Debug, Clone, PartialEq)]
pub struct Averages {
    pub count: usize,
    pub egdi: f64,
    pub osi: f64,
    pub hci: f64,
    pub tii: f64,
    pub epi: f64,
}

/// A country's figures in one edition.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EditionFigures {
    pub year: i32,
    pub rank: u32,
    /// Countries ranked in the edition.
    pub of: usize,
    pub egdi: f64,
    pub osi: f64,
    pub hci: f64,
    pub tii: f64,
    pub epi: f64,
}

impl EditionFigures {
    pub fn index(&self, name: &str) -> Option<f64> {
        index_value(name, [self.egdi, self.osi, self.hci, self.tii, self.epi])
    }
}

/// The average of a set of countries in the latest edition.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PeerAverage {
    pub label: String,
    pub year: i32,
    pub count: usize,
    pub egdi: f64,
    pub osi: f64,
    pub hci: f64,
    pub tii: f64,
    pub epi: f64,
}

impl PeerAverage {
    pub fn index(&self, name: &str) -> Option<f64> {
        index_value(name, [self.egdi, self.osi, self.hci, self.tii, self.epi])
    }
}

/// What the reference data says about one country.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Benchmark {
    pub source: String,
    /// UN groups the country belongs to according to the reference data.
    pub groups: Vec<CountryGroup>,
    /// Oldest edition first.
    pub editions: Vec<EditionFigures>,
    /// World and group averages in the latest edition.
    pub peers: Vec<PeerAverage>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_two_letter_code_or_a_name_leads_to_the_three_letter_code() {
        let meant = |w: &str| meant_alpha3(w).map(|(code, name, _)| (code, name));
        assert_eq!(meant("SN"), Some(("SEN", "Senegal".to_string())));
        assert_eq!(meant("bo").map(|m| m.0), Some("BOL"));
        assert_eq!(meant("senegal").map(|m| m.0), Some("SEN"));
        assert_eq!(meant("Republic of Korea").map(|m| m.0), Some("KOR"));
        assert_eq!(meant("SEN"), None);
        assert_eq!(meant("Atlantis"), None);
        assert_eq!(
            alpha3_hint("SN", |c| format!("--iso3 {c}")).as_deref(),
            Some(
                "\"SN\" is the two-letter code of Senegal; write its three-letter code: --iso3 SEN"
            )
        );
    }

    #[test]
    fn the_eligibility_lists_hold_known_countries_with_their_source() {
        let reference = Reference::builtin();
        assert_eq!(reference.eu.members.len(), 27);
        assert!(reference.eu.contains("DNK") && !reference.eu.contains("GBR"));
        assert!(reference.ida.contains("LAO") && reference.ida.contains("TON"));
        assert!(!reference.ida.contains("KOR") && !reference.ida.contains("DNK"));
        assert!(reference.ida.members.len() > 60);
        assert!(reference.ida.source.contains("FY2025"));
    }

    #[test]
    fn peers_pace_is_their_upper_quartile_change_between_editions() {
        let reference = Reference::builtin();
        let gain = reference.peer_gain("egdi", 0.6, "XXX").unwrap();
        let [.., earlier, later] = reference.editions.as_slice() else {
            panic!()
        };
        assert_eq!((gain.from_year, gain.to_year), (earlier.year, later.year));
        let mut changes: Vec<f64> = earlier
            .rows
            .iter()
            .filter(|r| (r.egdi - 0.6).abs() <= PEER_BAND)
            .map(|r| {
                let after = later.rows.iter().find(|l| l.iso3 == r.iso3).unwrap();
                (after.egdi - r.egdi) / f64::from(later.year - earlier.year)
            })
            .collect();
        assert_eq!(gain.peers, changes.len());
        changes.sort_by(f64::total_cmp);
        let below = changes.iter().filter(|c| **c < gain.per_year).count();
        assert!(
            below * 4 < changes.len() * 3,
            "{below} of {}",
            changes.len()
        );
        assert!(below * 4 >= changes.len() * 3 - 4);
        assert!(
            reference.peer_gain("egdi", 5.0, "XXX").is_none(),
            "no peers"
        );
    }

    #[test]
    fn every_survey_name_resolves_to_a_distinct_iso_code() {
        let reference = Reference::builtin();
        assert!(reference.editions.len() >= 2);
        for edition in &reference.editions {
            assert_eq!(edition.rows.len(), 193, "{}", edition.year);
            let codes: BTreeSet<&str> = edition.rows.iter().map(|r| r.iso3.as_str()).collect();
            assert_eq!(
                codes.len(),
                193,
                "{}: two names resolved to one code",
                edition.year
            );
            for row in &edition.rows {
                assert!(is_iso3(&row.iso3));
            }
        }
        let latest = &reference.latest().unwrap().rows;
        let lao = latest.iter().find(|r| r.iso3 == "LAO").unwrap();
        assert_eq!(lao.name, "Lao People's Democratic Republic");
        let kor = latest
            .iter()
            .find(|r| r.name == "Republic of Korea")
            .unwrap();
        assert_eq!(kor.iso3, "KOR");
    }

    #[test]
    fn egdi_is_the_mean_of_osi_hci_and_tii() {
        for edition in &Reference::builtin().editions {
            for r in &edition.rows {
                let mean = (r.osi + r.hci + r.tii) / 3.0;
                assert!(
                    (r.egdi - mean).abs() < 0.0015,
                    "{} {}: {} vs {mean}",
                    edition.year,
                    r.name,
                    r.egdi
                );
            }
        }
    }

    #[test]
    fn groups_are_complete_and_known_to_the_survey() {
        let reference = Reference::builtin();
        let sizes: Vec<usize> = reference.groups.values().map(BTreeSet::len).collect();
        assert_eq!(sizes, vec![44, 32, 37]);
        let latest = reference.latest().unwrap();
        for members in reference.groups.values() {
            for code in members {
                assert!(
                    latest.rows.iter().any(|r| &r.iso3 == code),
                    "{code} is not in the survey"
                );
            }
        }
        assert_eq!(
            reference.groups_of("LAO"),
            vec![CountryGroup::Ldc, CountryGroup::Lldc]
        );
        assert_eq!(reference.groups_of("FJI"), vec![CountryGroup::Sids]);
        assert!(reference.groups_of("KEN").is_empty());
    }

    #[test]
    fn group_averages_are_the_means_of_their_members() {
        let reference = Reference::builtin();
        let latest = reference.latest().unwrap();
        let benchmark = reference.benchmark("LAO").unwrap();
        let ldc = benchmark
            .peers
            .iter()
            .find(|p| p.label.starts_with("LDC"))
            .unwrap();
        let members: Vec<&Row> = latest
            .rows
            .iter()
            .filter(|r| reference.groups[&CountryGroup::Ldc].contains(&r.iso3))
            .collect();
        let expected = members.iter().map(|r| r.egdi).sum::<f64>() / members.len() as f64;
        assert_eq!(ldc.count, 44);
        assert!((ldc.egdi - expected).abs() < 0.00006);
        let world = &benchmark.peers[0];
        assert_eq!((world.label.as_str(), world.count), ("World", 193));
        // The survey publishes the world average: 0.6382 in 2024.
        assert!((world.egdi - 0.6382).abs() < 0.001, "{}", world.egdi);
        assert_eq!(benchmark.editions.len(), 2);
        assert_eq!(benchmark.editions[1].rank, 152);
        let lao = &benchmark.editions[1];
        let named: Vec<Option<f64>> = ["egdi", "osi", "hci", "tii", "epi", "xyz"]
            .iter()
            .map(|n| lao.index(n))
            .collect();
        assert_eq!(
            named,
            [
                Some(0.44038),
                Some(0.32648),
                Some(0.46084),
                Some(0.53382),
                Some(0.2877),
                None
            ]
        );
        assert_eq!(world.index("tii"), Some(world.tii));
    }

    #[test]
    fn every_survey_country_has_a_un_sub_region() {
        let reference = Reference::builtin();
        let latest = reference.latest().unwrap();
        let missing: Vec<&str> = latest
            .rows
            .iter()
            .filter(|r| sub_region_of(&r.iso3).is_none())
            .map(|r| r.name.as_str())
            .collect();
        assert!(missing.is_empty(), "no sub-region for {missing:?}");
        // Brunei, Cambodia, Indonesia, Lao PDR, Malaysia, Myanmar, the Philippines,
        // Singapore, Thailand, Timor-Leste and Viet Nam.
        let benchmark = reference.benchmark("LAO").unwrap();
        let region = &benchmark.peers[1];
        assert_eq!(
            (region.label.as_str(), region.count),
            ("South-eastern Asia (UN sub-region)", 11)
        );
        assert_eq!(sub_region_of("FJI"), Some("Melanesia"));
        assert_eq!(sub_region_of("XXX"), None);
    }
}
