//! Names and sentences in the comparison's language.
//!
//! Plans compared may be written in different languages (a French Senegal
//! and a Spanish Bolivia), but a comparison reads in its own language from
//! its first word to its last. What it copies from a plan goes through here:
//!
//! - the framework's names (components, dimensions, pillars, phases,
//!   pacing, governance models, KPIs, financing models) through
//!   [`framework_name`], the one place that will take them from the
//!   built-in framework's translation in the comparison's language when the
//!   id is known there, and otherwise the plan's own name (the fallback:
//!   a framework of one's own);
//! - the country's name through [`country`]: the plan's own name when the
//!   plan is written in the comparison's language, else the name in that
//!   language from the ISO data of the `keshvar` crate, with a short list
//!   of corrections ([`CORRECTED`]).
//!
//! [`say`] fills a catalogue phrase as the plans' own texts are filled: a
//! preposition joins the article of the value after it ("de le Sénégal"
//! reads "du Sénégal") and a value that opens the phrase is capitalised.

use std::sync::OnceLock;

use crate::framework::Framework;
use crate::language::{self, Language};
use crate::plan::Plan;
use crate::words::{append_value, capitalise, country_in_text};

/// The kinds of framework names a comparison shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Component,
    Dimension,
    Pillar,
    Phase,
    Pacing,
    Governance,
    Kpi,
    KpiUnit,
    FinancingModel,
}

/// The framework's name of `id` in the comparison's language, or
/// `fallback` (the name as the plan has it) when the built-in framework's
/// translation does not know the id.
///
/// The hookup point for the framework's translations: every name a
/// comparison copies from a plan comes through here.
pub fn framework_name(kind: Kind, id: &str, fallback: &str) -> String {
    builtin_in_force()
        .and_then(|framework| name_in(&framework, kind, id))
        .unwrap_or_else(|| fallback.to_string())
}

/// The built-in framework in the comparison's language.
fn builtin_in_force() -> Option<std::sync::Arc<Framework>> {
    static ENGLISH: OnceLock<Option<std::sync::Arc<Framework>>> = OnceLock::new();
    let english = ENGLISH
        .get_or_init(|| Framework::builtin().ok().map(std::sync::Arc::new))
        .clone()?;
    match language::current() {
        Language::En => Some(english),
        other => english.in_language(other).ok(),
    }
}

fn name_in(framework: &Framework, kind: Kind, id: &str) -> Option<String> {
    fn find<'a, T>(items: &'a [T], id: &str, key: impl Fn(&T) -> &str) -> Option<&'a T> {
        items.iter().find(|item| key(item) == id)
    }
    let f = framework;
    Some(match kind {
        Kind::Component => find(&f.components, id, |c| &c.id.name)?.title.clone(),
        Kind::Dimension => find(&f.dimensions, id, |d| &d.id.name)?.name.clone(),
        Kind::Pillar => find(&f.pillars, id, |p| &p.id.name)?.name.clone(),
        Kind::Phase => find(&f.phases, id, |p| &p.id.name)?.name.clone(),
        Kind::Pacing => find(&f.pacing, id, |p| &p.id.name)?.name.clone(),
        Kind::Governance => find(&f.governance_models, id, |g| &g.id.name)?.name.clone(),
        Kind::Kpi => find(&f.kpis, id, |k| &k.id.name)?.name.clone(),
        Kind::KpiUnit => find(&f.kpis, id, |k| &k.id.name)?.unit.clone(),
        Kind::FinancingModel => find(&f.pppp_models, id, |m| &m.id.name)?.name.clone(),
    })
}

/// A component's title in the comparison's language.
pub fn component_title(id: &str, fallback: &str) -> String {
    framework_name(Kind::Component, id, fallback)
}

/// A readiness dimension's name in the comparison's language.
pub fn dimension_name(id: &str, fallback: &str) -> String {
    framework_name(Kind::Dimension, id, fallback)
}

/// A pillar's name in the comparison's language.
pub fn pillar_name(id: &str, fallback: &str) -> String {
    framework_name(Kind::Pillar, id, fallback)
}

/// The country's name in the comparison's language: the plan's own
/// (display) name when the plan is written in that language, else the ISO
/// name in that language; the plan's name when the ISO code is unknown.
pub fn country(plan: &Plan) -> String {
    let language = language::current();
    if plan.language == language {
        return plan.country.display_name.clone();
    }
    iso_name(&plan.country.iso3, language).unwrap_or_else(|| plan.country.display_name.clone())
}

/// The country's name as running text uses it, with its article where the
/// language wants one: the plan's own form when the plan is written in the
/// comparison's language, else the name of [`country`] with its article.
pub fn country_in_running_text(plan: &Plan) -> String {
    if plan.language == language::current() && !plan.country.in_text.is_empty() {
        return plan.country.in_text.clone();
    }
    country_in_text(&country(plan))
}

/// ISO names that `keshvar` writes inverted, as a list is sorted ("Lao,
/// République démocratique populaire"), or not as the United Nations write
/// them in running text. A correction, not a table of names: every other
/// name comes from `keshvar`.
const CORRECTED: &[(&str, Language, &str)] = &[
    ("COD", Language::En, "Democratic Republic of the Congo"),
    ("FSM", Language::En, "Federated States of Micronesia"),
    ("KOR", Language::En, "Republic of Korea"),
    ("PRK", Language::En, "Democratic People's Republic of Korea"),
    ("PSE", Language::En, "State of Palestine"),
    ("VGB", Language::En, "British Virgin Islands"),
    ("VIR", Language::En, "United States Virgin Islands"),
    ("ALA", Language::Fr, "Îles Åland"),
    ("CCK", Language::Fr, "Îles Cocos (Keeling)"),
    ("CXR", Language::Fr, "Île Christmas"),
    ("FLK", Language::Fr, "Îles Falkland (Malvinas)"),
    ("FSM", Language::Fr, "États fédérés de Micronésie"),
    ("IRN", Language::Fr, "République islamique d'Iran"),
    ("KOR", Language::Fr, "République de Corée"),
    (
        "PRK",
        Language::Fr,
        "République populaire démocratique de Corée",
    ),
    ("LAO", Language::Fr, "République démocratique populaire lao"),
    ("PSE", Language::Fr, "État de Palestine"),
    ("REU", Language::Fr, "La Réunion"),
    ("RUS", Language::Fr, "Fédération de Russie"),
    ("SLB", Language::Fr, "Îles Salomon"),
    ("SYR", Language::Fr, "République arabe syrienne"),
    ("VGB", Language::Fr, "Îles Vierges britanniques"),
    ("VIR", Language::Fr, "Îles Vierges des États-Unis"),
    ("COD", Language::Es, "República Democrática del Congo"),
    ("COM", Language::Es, "Comoras"),
    ("FSM", Language::Es, "Estados Federados de Micronesia"),
    ("IRN", Language::Es, "República Islámica del Irán"),
    ("KOR", Language::Es, "República de Corea"),
    (
        "PRK",
        Language::Es,
        "República Popular Democrática de Corea",
    ),
    ("LAO", Language::Es, "República Democrática Popular Lao"),
    ("PSE", Language::Es, "Estado de Palestina"),
    ("RUS", Language::Es, "Federación de Rusia"),
    ("SYR", Language::Es, "República Árabe Siria"),
    ("SXM", Language::Es, "San Martín (parte neerlandesa)"),
    ("VGB", Language::Es, "Islas Vírgenes Británicas"),
    ("VIR", Language::Es, "Islas Vírgenes de los Estados Unidos"),
];

/// The ISO name of the country `iso3` in `language`.
fn iso_name(iso3: &str, language: Language) -> Option<String> {
    if let Some((_, _, name)) = CORRECTED
        .iter()
        .find(|(code, l, _)| *code == iso3 && *l == language)
    {
        return Some(name.to_string());
    }
    let country = keshvar::Alpha3::try_from(iso3).ok()?.to_country();
    let translated = country.translations().get(language.code()).copied();
    Some(translated.unwrap_or(country.iso_short_name()).to_string())
}

/// The catalogue phrase `key` with its `{name}` placeholders filled from
/// `values`: a preposition before a value joins its article ("de" + "le
/// Sénégal" is "du Sénégal"), and a value that opens the phrase is
/// capitalised. Other braces are kept.
pub fn say(key: &str, values: &[(&str, &str)]) -> String {
    let text = language::say(key);
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push('{');
            rest = after;
            continue;
        };
        match values.iter().find(|(n, _)| *n == &after[..close]) {
            Some((_, value)) if out.is_empty() => out.push_str(&capitalise(value)),
            Some((_, value)) => append_value(&mut out, value),
            None => out.push_str(&rest[open..open + close + 2]),
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::speaking;

    #[test]
    fn iso_names_read_in_the_language_in_force_with_corrections() {
        let name = |iso3: &str, l| iso_name(iso3, l).unwrap();
        assert_eq!(name("SEN", Language::Fr), "Sénégal");
        assert_eq!(name("BOL", Language::Es), "Bolivia");
        assert_eq!(name("SEN", Language::En), "Senegal");
        assert_eq!(
            name("LAO", Language::Fr),
            "République démocratique populaire lao"
        );
        assert_eq!(name("KOR", Language::Es), "República de Corea");
        assert!(iso_name("XTL", Language::Fr).is_none());
    }

    #[test]
    fn a_phrase_joins_prepositions_to_articles_and_opens_with_a_capital() {
        let _fr = speaking(Language::Fr);
        assert_eq!(
            say(
                "compare.narratives.readiness_none",
                &[("country", "le Sénégal")]
            ),
            "Aucune dimension de la maturité du Sénégal n'a été évaluée."
        );
        assert_eq!(
            say(
                "compare.narratives.readiness_highest",
                &[("country", "le Sénégal"), ("score", "2,1")]
            ),
            "La maturité moyenne la plus élevée des plans comparés est celle du Sénégal (2,1 sur 5)."
        );
    }
}
