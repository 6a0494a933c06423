//! Fills the placeholders of framework texts with one country's values.

use std::collections::HashMap;

use super::Given;
use super::standing::{Extremes, level_of};
use crate::framework::Framework;
use crate::language::{Language, current, say};
use crate::plan::{FinancingView, PlannedComponent};
use crate::vocabulary::index_keys;
use crate::words::{
    Money, append_value, capitalise, count_word, format_number, format_score, format_usd,
    group_phrase, join_words, lower_first, or_if_empty, quarter, with_article,
};

pub struct Filler {
    values: HashMap<&'static str, String>,
    scores: HashMap<String, String>,
    levels: HashMap<String, String>,
    indices: HashMap<String, String>,
    /// What each catalogue component is called where the country already
    /// has it (`{existing:ID}`): the name `[in_place]` gives, else its title.
    existing: HashMap<String, String>,
    /// The quarter each scheduled component starts, by id.
    starts: HashMap<String, String>,
    /// The quarter each scheduled component ends (its last month), by id.
    ends: HashMap<String, String>,
    /// How amounts read: in the country's currency too, when it has one.
    money: Money,
    /// The population in millions, for the unit after `{population}`.
    population_figure: Option<f64>,
}

impl Filler {
    pub fn new(given: &Given, extremes: &Extremes) -> Self {
        let (input, framework) = (given.input, given.framework);
        let plan = &input.plan;
        let readable = |words: &[String], name: fn(&Framework, &str) -> String| {
            join_words(&words.iter().map(|w| name(framework, w)).collect::<Vec<_>>())
        };
        let dimension_names = |ids: &[String]| {
            let names: Vec<String> = ids
                .iter()
                .filter_map(|id| framework.dimension(id))
                .map(|d| d.name.to_lowercase())
                .collect();
            join_words(&names)
        };
        let mut values = HashMap::new();
        values.insert("country", input.country.in_text(plan.written_in));
        // Running text names the lead by its short name when the profile
        // gives one; the plan's opening states the full name with it.
        let lead = plan.lead_short.as_ref().unwrap_or(&plan.lead_institution);
        values.insert(
            "lead",
            crate::words::short_with_article(lead, &plan.lead_institution),
        );
        values.insert("subnational", input.country.subnational_unit.clone());
        values.insert(
            "subnationals",
            input.country.subnational_unit_plural.clone(),
        );
        values.insert("sponsor", with_article(&given.sponsor));
        values.insert("start_year", plan.start_year.to_string());
        values.insert("end_year", given.horizon.end_year.to_string());
        values.insert("horizon_years", plan.horizon_years.to_string());
        values.insert(
            "population",
            input.country.population_millions.map_or_else(
                || say("engine.text.population_unstated").to_string(),
                |p| format_number(p, 2),
            ),
        );
        values.insert("groups", group_phrase(&input.country.groups));
        values.insert(
            "income",
            input.country.income_group.map_or_else(
                || say("engine.text.income_unstated").to_string(),
                |g| g.name().to_string(),
            ),
        );
        values.insert(
            "sectors",
            or_if_empty(
                readable(&plan.priority_sectors, sector_name),
                say("engine.text.none_named"),
            ),
        );
        values.insert(
            "hazards",
            or_if_empty(
                readable(&plan.hazards, hazard_name),
                say("engine.text.none_named"),
            ),
        );
        let money = plan.money();
        values.insert(
            "envelope",
            plan.envelope().map_or_else(
                || say("engine.text.envelope_unstated").to_string(),
                |e| money.amount(e),
            ),
        );
        values.insert(
            "weakest",
            or_if_empty(
                dimension_names(&extremes.weakest),
                say("engine.text.none_assessed"),
            ),
        );
        values.insert(
            "strongest",
            or_if_empty(
                dimension_names(&extremes.strongest),
                say("engine.text.none_assessed"),
            ),
        );
        let phases: Vec<String> = framework
            .phases
            .iter()
            .map(|p| p.name.to_lowercase())
            .collect();
        values.insert("phase_count", count_word(phases.len()));
        values.insert("phases", join_words(&phases));

        let (scores, levels) = scores_and_levels(given);
        let indices = indices(given);
        Filler {
            values,
            scores,
            levels,
            indices,
            existing: existing_names(given),
            starts: HashMap::new(),
            ends: HashMap::new(),
            money,
            population_figure: input.country.population_millions,
        }
    }

    /// Once the schedule is known, texts that require a component may quote
    /// the quarters it starts (`{start:ID}`) and ends (`{end:ID}`). The
    /// framework's validation allows them only in such texts.
    pub fn add_schedule(&mut self, start_year: i32, planned: &[PlannedComponent]) {
        for c in planned {
            self.starts
                .insert(c.id.clone(), quarter(start_year, c.start_month));
            let last = c.end_month.saturating_sub(1).max(c.start_month);
            self.ends.insert(c.id.clone(), quarter(start_year, last));
        }
    }

    /// Once the plan is costed, texts may quote `{total_cost}` and `{gap}`.
    /// The framework's validation keeps them out of the texts filled before
    /// (rules' reasons, components' summaries and leads).
    pub fn add_amounts(&mut self, financing: &FinancingView) {
        let money = &self.money;
        let total = money.amount(financing.total_cost_usd_millions);
        let gap = financing.funding_gap().map_or_else(
            || say("engine.text.no_gap").to_string(),
            |g| money.amount(g),
        );
        let recurrent = money.amount(financing.recurrent_after_horizon_usd_millions_per_year);
        // The first tranche: the new money the pipeline's first component
        // needs, and what it buys.
        let next_tranche = financing.pipeline.first().map_or_else(
            || say("engine.text.no_tranche").to_string(),
            |p| {
                let cost = money.amount_in_brackets(p.cost_usd_millions);
                if format_usd(p.further_usd_millions) == format_usd(p.cost_usd_millions) {
                    say_with(
                        "engine.text.tranche",
                        &[("title", &p.title), ("cost", &cost)],
                    )
                } else {
                    say_with(
                        "engine.text.tranche_partly_covered",
                        &[
                            ("title", &p.title),
                            ("cost", &cost),
                            ("further", &money.amount_in_brackets(p.further_usd_millions)),
                        ],
                    )
                }
            },
        );
        self.values.insert("total_cost", total);
        self.values.insert("gap", gap);
        self.values.insert("recurrent", recurrent);
        self.values.insert("next_tranche", next_tranche);
    }

    /// Replaces every placeholder; the framework was validated, so unknown
    /// names cannot occur, but they are left visible rather than dropped.
    pub fn fill(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + 32);
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                out.push_str(&rest[open..]);
                rest = "";
                break;
            };
            let inner = &after[..close];
            if let Some(("score", arg)) = inner.split_once(':')
                && self.scores.get(arg).is_some_and(|s| s == NOT_ASSESSED)
            {
                let next = &after[close + 1..];
                rest = next
                    .strip_prefix(say("engine.text.out_of_5"))
                    .unwrap_or(next);
                say_not_assessed(&mut out);
                continue;
            }
            let value = match inner.split_once(':') {
                Some(("score", arg)) => self.scores.get(arg),
                Some(("level", arg)) => self.levels.get(arg),
                Some(("index", arg)) => self.indices.get(arg),
                Some(("start", arg)) => self.starts.get(arg),
                Some(("end", arg)) => self.ends.get(arg),
                Some(("existing", arg)) => self.existing.get(arg),
                Some(_) => None,
                None => self.values.get(inner),
            };
            match value {
                // A value that opens a sentence starts with a capital.
                Some(v) if out.is_empty() || out.ends_with(". ") => out.push_str(&capitalise(v)),
                // "de" and "le Sénégal" read "du Sénégal".
                Some(v) => append_value(&mut out, v),
                None => {
                    out.push('{');
                    out.push_str(inner);
                    out.push('}');
                }
            }
            rest = &after[close + 1..];
            if inner == "population"
                && let Some(after_unit) = self.plural_unit_after_population(rest)
            {
                out.push(' ');
                out.push_str(say("engine.text.population_million_one"));
                rest = after_unit;
            }
        }
        out.push_str(rest);
        out
    }

    /// The text after `{population}`, its unit agreeing with the figure:
    /// the framework's French texts write "{population} millions
    /// d'habitants", which reads "0,93 million d'habitants".
    /// `None` when the unit agrees already; else the text after the plural
    /// unit, which the caller replaces by the singular.
    fn plural_unit_after_population<'t>(&self, rest: &'t str) -> Option<&'t str> {
        let many = say("engine.text.population_million_many");
        let one = say("engine.text.population_million_one");
        let figure = self.population_figure?;
        let after = rest.strip_prefix(' ')?.strip_prefix(many)?;
        // "millions" must end there, not run into a longer word.
        let whole_word = !after.starts_with(|c: char| c.is_alphanumeric());
        (million_form(figure) == "one" && one != many && whole_word).then_some(after)
    }
}

/// What `{score:ID}` and `{level:ID}` say for each dimension.
type ByDimension = HashMap<String, String>;

fn scores_and_levels(given: &Given) -> (ByDimension, ByDimension) {
    let (input, framework) = (given.input, given.framework);
    let mut scores = HashMap::new();
    let mut levels = HashMap::new();
    for dimension in &framework.dimensions {
        let id = dimension.id.name.clone();
        match input.readiness.scores.get(&id) {
            Some(score) => {
                scores.insert(id.clone(), format_score(*score));
                let level = level_of(*score) as usize;
                let text = dimension.levels.get(level).cloned().unwrap_or_default();
                levels.insert(id, lower_first(text.trim_end_matches('.')));
            }
            None => {
                scores.insert(id.clone(), NOT_ASSESSED.into());
                levels.insert(id, say("engine.text.level_unknown").into());
            }
        }
    }
    (scores, levels)
}

/// What `{index:KEY}` says for each published index.
fn indices(given: &Given) -> HashMap<String, String> {
    let mut indices = HashMap::new();
    for name in index_keys() {
        let value = given
            .input
            .readiness
            .indices
            .as_ref()
            .and_then(|i| i.get(name));
        indices.insert(
            name.to_string(),
            value.map_or_else(
                || say("engine.text.index_not_given").to_string(),
                crate::words::format_index,
            ),
        );
    }
    indices
}

/// "one" or "many": the form a unit such as "million" takes after
/// `value` in the language in force. French takes the plural from 2,
/// Spanish for any figure but 1, English never after a figure.
pub fn million_form(value: f64) -> &'static str {
    let one = match current() {
        Language::En => true,
        Language::Fr => value.abs() < 2.0,
        Language::Es => value.abs() == 1.0,
    };
    if one { "one" } else { "many" }
}

/// The phrase `key` in the language in force with its `{name}`
/// placeholders filled from `values`, as [`crate::language::say_with`]
/// fills them, but a preposition before a value joins the value's article
/// as the language wants ("de" and "le Sénégal" read "du Sénégal").
pub fn say_with(key: &str, values: &[(&str, &str)]) -> String {
    crate::language::say_with(key, values)
}

/// "18.5 million people" in the plan's language, the unit agreeing with
/// the figure.
pub fn people(millions: f64) -> String {
    say_with(
        &format!("engine.text.people_{}", million_form(millions)),
        &[("number", &format_number(millions, 2))],
    )
}

/// "USD 0.25 million" to `decimals` places at most, the unit agreeing with
/// the figure.
pub fn usd_millions(millions: f64, decimals: usize) -> String {
    say_with(
        "money.amount",
        &[
            ("code", "USD"),
            ("number", &format_number(millions, decimals)),
            (
                "unit",
                say(&format!("money.million_{}", million_form(millions))),
            ),
        ],
    )
}

/// A priority sector as the plan names it: the framework's name for the
/// id in the plan's language, else the id with spaces
/// ("social_protection" reads "social protection").
pub fn sector_name(framework: &Framework, id: &str) -> String {
    framework.vocabulary.name_of(id)
}

/// A hazard as the plan names it, as [`sector_name`] does for sectors.
pub fn hazard_name(framework: &Framework, id: &str) -> String {
    framework.vocabulary.name_of(id)
}

/// What a score placeholder holds for a dimension that was not assessed;
/// [`say_not_assessed`] writes it in the plan's language.
const NOT_ASSESSED: &str = "\u{0}not assessed";

/// Writes that a dimension was not assessed where its score would stand:
/// "Coordination scores {score} of 5" reads "Coordination (not yet
/// assessed)", "(coordination {score} of 5)" reads "(coordination not yet
/// assessed)"; the verb or "at" before the score and the "of 5" after it go.
fn say_not_assessed(out: &mut String) {
    let not_assessed = say("engine.text.not_assessed");
    if out.ends_with('(') {
        out.push_str(not_assessed);
        return;
    }
    // The words that lead to a score in the language ("scores", "at";
    // "est noté", "obtiene"), the longest first, separated by "|".
    for lead in say("engine.text.not_assessed_leads").split('|') {
        if out.ends_with(lead) {
            out.truncate(out.len() - lead.len());
            break;
        }
    }
    let open = out.matches('(').count() > out.matches(')').count();
    if open {
        out.push(' ');
        out.push_str(not_assessed);
    } else {
        out.push_str(" (");
        out.push_str(not_assessed);
        out.push(')');
    }
}

/// What `{existing:ID}` says for each catalogue component: the name the
/// profile's `[in_place]` gives, else "the" and its title.
fn existing_names(given: &Given) -> HashMap<String, String> {
    given
        .framework
        .components
        .iter()
        .map(|c| {
            let name = given
                .input
                .in_place
                .get(&c.id.name)
                .cloned()
                .unwrap_or_else(|| {
                    say_with(
                        "engine.text.existing",
                        &[("title", &title_in_text(&c.title))],
                    )
                });
            (c.id.name.clone(), name)
        })
        .collect()
}

/// A component's title inside a sentence: "National data exchange layer"
/// reads "national data exchange layer"; "PPPP framework" keeps its capitals.
fn title_in_text(title: &str) -> String {
    let mut chars = title.chars();
    match (chars.next(), chars.next()) {
        (Some(_), Some(second)) if second.is_uppercase() => title.to_string(),
        _ => lower_first(title),
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::testing;
    use crate::framework::{AMOUNT_PLACEHOLDERS, PLACEHOLDERS};

    #[test]
    fn every_placeholder_a_framework_may_use_is_filled() {
        let (framework, input) = testing::fiji();
        let given = crate::engine::Given::new(&input, &framework);
        let mut filler = testing::filler(&given);
        for name in PLACEHOLDERS {
            let filled = filler.fill(&format!("{{{name}}}"));
            assert!(!filled.contains('{') && !filled.is_empty(), "{{{name}}}");
        }
        let plan = testing::plan_of(testing::fiji());
        filler.add_amounts(&plan.financing);
        for name in AMOUNT_PLACEHOLDERS {
            let filled = filler.fill(&format!("{{{name}}}"));
            assert!(filled.contains("USD "), "{name}: {filled}");
        }
        assert_eq!(
            filler.fill("{country} has {score:leadership} of 5; {index:egdi}."),
            "Fiji has 3.0 of 5; 0.6754."
        );
    }

    #[test]
    fn a_dimension_not_assessed_has_no_score_of_5() {
        let (framework, mut input) = testing::fiji();
        input.readiness.scores.shift_remove("coordination");
        let given = crate::engine::Given::new(&input, &framework);
        let filler = testing::filler(&given);
        assert_eq!(
            filler.fill("Coordination scores {score:coordination} of 5: weak."),
            "Coordination (not yet assessed): weak."
        );
        assert_eq!(
            filler.fill(
                "Pace ({score:coordination} of 5), or (coordination {score:coordination} of 5)."
            ),
            "Pace (not yet assessed), or (coordination not yet assessed)."
        );
        assert_eq!(
            filler.fill("With coordination at {score:coordination} of 5, few run."),
            "With coordination (not yet assessed), few run."
        );
    }

    #[test]
    fn french_texts_read_in_french_around_their_values() {
        use crate::language::{Language, speaking};
        let _fr = speaking(Language::Fr);
        let (framework, mut input) = testing::fiji();
        input.readiness.scores.shift_remove("coordination");
        input.country.in_text = Some("les Fidji".into());
        // A profile written in French gives the name as French writes it.
        input.plan.written_in = Language::Fr;
        let given = crate::engine::Given::new(&input, &framework);
        let filler = testing::filler(&given);
        // A population below 2 million takes "million"; "de les" reads "des".
        assert_eq!(
            filler.fill("Le plan de {country}: {population} millions d'habitants."),
            "Le plan des Fidji: 0,93 million d'habitants."
        );
        assert_eq!(
            filler.fill("La coordination est notée {score:coordination} sur 5: faible."),
            "La coordination (évaluation à venir): faible."
        );
        assert_eq!(
            filler.fill("Le leadership obtient un score de {score:leadership} sur 5."),
            "Le leadership obtient un score de 3,0 sur 5."
        );
        assert_eq!(
            filler.fill("avec une coordination à {score:coordination} sur 5, peu"),
            "avec une coordination (évaluation à venir), peu"
        );
    }

    #[test]
    fn a_placeholder_that_opens_a_sentence_is_capitalised() {
        let (framework, input) = testing::korea();
        let given = crate::engine::Given::new(&input, &framework);
        let filler = testing::filler(&given);
        assert_eq!(
            filler.fill("{country} leads. {country} follows."),
            "The Republic of Korea leads. The Republic of Korea follows."
        );
        assert_eq!(filler.fill("an {unknown} stays"), "an {unknown} stays");
    }

    #[test]
    fn what_is_in_place_is_named_as_the_profile_names_it() {
        let (framework, mut input) = testing::fiji();
        input
            .in_place
            .insert("data-exchange".into(), "X-Road".into());
        input.country.subnational_unit = "county".into();
        input.country.subnational_unit_plural = "counties".into();
        input.plan.lead_short = Some("MoPT".into());
        let given = crate::engine::Given::new(&input, &framework);
        let filler = testing::filler(&given);
        assert_eq!(
            filler
                .fill("{existing:data-exchange} links {subnationals}; each {subnational} uses it."),
            "X-Road links counties; each county uses it."
        );
        assert_eq!(
            filler.fill("{existing:government-cloud} and {existing:pppp-framework}"),
            "The shared government data centre and cloud and the PPPP framework and unit"
        );
        assert_eq!(filler.fill("{lead} leads."), "MoPT leads.");
    }
}
