//! The statements the plan rests on that are not facts from its inputs:
//! the cost basis, how the horizon and phases are counted, the pace, the
//! financing mix, and every gap in the profile with how the plan filled it.
//!
//! Written last, from the finished choices, so each says what was actually
//! given.

use super::Given;
use super::text::people;
use super::text::say_with;
use crate::input::CountryInput;
use crate::language::say;
use crate::plan::{FinancingView, PacingView};
use crate::vocabulary::{CONTEXT_FACTS, CountryGroup};
use crate::words::{
    capitalise, format_local_as_given, format_number, format_rate, format_usd, join_words,
    long_date, or_if_empty,
};

pub fn list(
    given: &Given,
    pacing: &PacingView,
    financing: &FinancingView,
    generated_on: &str,
) -> Vec<String> {
    let mut out = method(given, pacing);
    out.extend(started_before_drafted(given, generated_on));
    out.push(match given.input.plan.external_financing_share {
        Some(share) => capitalise(&say_with(
            "engine.assumptions.external_share",
            &[
                ("sources", &external_sources(given)),
                ("share", &format_number(share * 100.0, 1)),
            ],
        )),
        None => say_with(
            "engine.assumptions.mix",
            &[("because", &financing.mix_because)],
        ),
    });
    out.extend(profile_gaps(given, financing));
    out.extend(currency(given));
    if let Some(strategy) = &given.input.plan.national_strategy {
        out.push(capitalise(&say_with(
            "engine.assumptions.strategy_in_force",
            &[
                ("strategy", strategy),
                ("start", &given.horizon.start_year.to_string()),
                ("end", &given.horizon.end_year.to_string()),
            ],
        )));
    }
    out.extend(reference_data(given.input));
    out
}

/// A plan drafted after the January it starts in has milestones that may
/// already have passed: the plan says so rather than promise the past.
fn started_before_drafted(given: &Given, generated_on: &str) -> Option<String> {
    let mut parts = generated_on.split('-').map(|p| p.parse::<i32>().ok());
    let (year, month) = (parts.next()??, parts.next()??);
    let start = given.horizon.start_year;
    (year > start || (year == start && month > 1)).then(|| {
        say_with(
            "engine.assumptions.started_before_drafted",
            &[
                ("start", &start.to_string()),
                ("drafted", &long_date(generated_on)),
            ],
        )
    })
}

/// The names of the financing sources a profile's external share sets, as
/// the framework calls them ("development partners").
fn external_sources(given: &Given) -> String {
    let names: Vec<String> = given
        .framework
        .financing_sources
        .iter()
        .filter(|s| s.external)
        .map(|s| s.name.to_lowercase())
        .collect();
    or_if_empty(
        join_words(&names),
        say("engine.assumptions.external_partners"),
    )
}

/// How costs, months, phases and the pace are worked out.
fn method(given: &Given, pacing: &PacingView) -> Vec<String> {
    let framework = given.framework;
    let phases: Vec<String> = framework
        .phases
        .iter()
        .map(|p| {
            say_with(
                "engine.assumptions.phase_share",
                &[
                    ("phase", &p.name.to_lowercase()),
                    ("share", &format_number(p.share * 100.0, 1)),
                ],
            )
        })
        .collect();
    vec![
        framework.cost_model.basis.clone(),
        framework.cost_model.running_basis.clone(),
        say_with(
            "engine.assumptions.months_counted",
            &[
                ("year", &given.input.plan.start_year.to_string()),
                ("months", &given.horizon.months.to_string()),
            ],
        ),
        say_with(
            "engine.assumptions.phases_split",
            &[("phases", &join_words(&phases))],
        ),
        say_with(
            "engine.assumptions.pace",
            &[
                ("name", &pacing.name),
                ("capacity", &pacing.capacity),
                ("because", &pacing.because),
            ],
        ),
    ]
}

/// What the profile and readiness results leave unstated, and what the
/// plan did instead.
fn profile_gaps(given: &Given, financing: &FinancingView) -> Vec<String> {
    let (input, framework) = (given.input, given.framework);
    let mut out = Vec::new();
    match (
        input.country.population_millions,
        &input.country.population_source,
    ) {
        (None, _) => out.push(say_with(
            "engine.assumptions.no_population",
            &[(
                "people",
                &people(framework.cost_model.reference_population_millions),
            )],
        )),
        // A figure the ministry did not give itself is named with its source.
        (Some(figure), Some(source)) => out.push(say_with(
            "engine.assumptions.population",
            &[
                ("people", &people(figure)),
                ("source", &crate::reference::population_citation(source)),
            ],
        )),
        (Some(_), None) => {}
    }
    if input.country.income_group.is_none() {
        let mix = if financing.mix_rule.is_some() {
            say("engine.assumptions.mix_follows_rule")
        } else {
            say("engine.assumptions.mix_default")
        };
        out.push(say_with(
            "engine.assumptions.no_income",
            &[
                (
                    "factor",
                    &format_number(framework.cost_model.income_factors.unstated, 2),
                ),
                ("mix", mix),
            ],
        ));
    }
    if input.plan.sponsor.is_none() {
        out.push(say_with(
            "engine.assumptions.no_sponsor",
            &[("sponsor", &given.sponsor)],
        ));
    }
    match (
        input.plan.budget_usd_millions,
        financing.envelope_usd_millions,
    ) {
        (None, _) => out.push(say("engine.assumptions.no_envelope").to_string()),
        (Some(given_envelope), Some(used)) if input.plan.budget_scale != 1.0 => out.push(say_with(
            "engine.assumptions.scenario",
            &[
                ("used", &input.plan.money().amount(used)),
                ("scale", &format_number(input.plan.budget_scale * 100.0, 1)),
                ("given", &input.plan.money().amount(given_envelope)),
            ],
        )),
        _ => {}
    }
    let missing: Vec<String> = framework
        .dimensions
        .iter()
        .filter(|d| !input.readiness.scores.contains_key(&d.id.name))
        .map(|d| d.name.clone())
        .collect();
    if !missing.is_empty() {
        out.push(say_with(
            "engine.assumptions.not_assessed",
            &[("dimensions", &join_words(&missing))],
        ));
    }
    out
}

/// The rate the plan converts its amounts at, and where the envelope was
/// given in the local currency, its value in US dollars.
fn currency(given: &Given) -> Vec<String> {
    let plan = &given.input.plan;
    let Some(currency) = &plan.currency else {
        return Vec::new();
    };
    let code = &currency.code;
    let per_dollar = say_with(
        "engine.assumptions.per_dollar",
        &[("rate", &format_rate(currency.usd_rate)), ("code", code)],
    );
    let mut out = vec![match &currency.usd_rate_date {
        Some(date) => say_with(
            "engine.assumptions.currency_dated",
            &[
                ("code", code),
                ("name", &currency.name),
                ("per_dollar", &per_dollar),
                ("date", &long_date(date)),
            ],
        ),
        None => say_with(
            "engine.assumptions.currency_undated",
            &[
                ("code", code),
                ("name", &currency.name),
                ("per_dollar", &per_dollar),
            ],
        ),
    }];
    if let (Some(local), Some(usd)) = (plan.budget_local_millions, plan.budget_usd_millions) {
        out.push(say_with(
            "engine.assumptions.envelope_local",
            &[
                ("local", &format_local_as_given(code, local)),
                ("usd", &format_usd(usd)),
                ("per_dollar", &per_dollar),
            ],
        ));
    }
    out
}

/// Where the plan relied on, or differs from, the reference data shipped
/// with dgplan, and the context facts the profile leaves unstated.
fn reference_data(input: &CountryInput) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(b) = &input.benchmark
        && b.groups != input.country.groups
    {
        let names = |g: &[CountryGroup]| {
            if g.is_empty() {
                say("engine.assumptions.no_groups").to_string()
            } else {
                g.iter().map(|x| x.code()).collect::<Vec<_>>().join(", ")
            }
        };
        out.push(say_with(
            "engine.assumptions.groups_differ",
            &[
                ("profile", &names(&input.country.groups)),
                (
                    "source",
                    b.source
                        .split("country groups: ")
                        .nth(1)
                        .unwrap_or("UN-OHRLLS"),
                ),
                ("reference", &names(&b.groups)),
            ],
        ));
    }
    match &input.readiness.indices {
        Some(i) if i.from_reference => {
            out.push(say("engine.assumptions.indices_from_reference").to_string())
        }
        Some(_) => {}
        None => out.push(say("engine.assumptions.no_indices").to_string()),
    }
    let unstated: Vec<String> = CONTEXT_FACTS
        .iter()
        .filter(|(name, _)| !input.context.contains_key(*name))
        .map(|(name, _)| crate::vocabulary::fact_in_text(name).to_string())
        .collect();
    if !unstated.is_empty() {
        out.push(say_with(
            "engine.assumptions.unstated_facts",
            &[("facts", &join_words(&unstated))],
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::engine::testing;

    #[test]
    fn a_plan_drafted_after_its_start_says_its_milestones_need_re_dating() {
        let (framework, input) = testing::lao();
        let late = crate::engine::build_plan(&input, &framework, "2027-03-01");
        let on_time = crate::engine::build_plan(&input, &framework, "2026-12-29");
        let says =
            |plan: &crate::plan::Plan| plan.assumptions.iter().any(|a| a.contains("re-dated"));
        assert!(says(&late));
        assert!(!says(&on_time));
    }

    #[test]
    fn without_an_income_group_the_plan_says_which_mix_it_used() {
        // A least developed country with no income group stated still gets
        // the mix of its group; the plan must not call it the default.
        let (framework, mut input) = testing::lao();
        input.country.income_group = None;
        let plan = testing::plan_of((framework, input));
        assert!(plan.financing.mix_rule.is_some());
        let said = plan
            .assumptions
            .iter()
            .find(|a| a.starts_with("The profile states no income group"))
            .unwrap();
        assert!(!said.contains("default"), "{said}");
        assert!(said.contains("still follows a rule"), "{said}");
        // With no rule, it is the default.
        let (framework, mut input) = testing::fiji();
        input.country.income_group = None;
        let plan = testing::plan_of((framework, input));
        assert!(plan.financing.mix_rule.is_none());
        assert!(
            plan.assumptions
                .iter()
                .any(|a| a.contains("the framework's default"))
        );
    }

    #[test]
    fn the_external_share_is_named_as_the_framework_names_its_source() {
        let (mut framework, input) = testing::fiji();
        for s in &mut framework.financing_sources {
            if s.external {
                s.name = "Donors".to_string();
            }
        }
        let plan = testing::plan_of((framework, input));
        assert!(
            plan.assumptions
                .contains(&"Donors finance 35% of the cost, as stated in the profile.".to_string())
        );
    }

    #[test]
    fn what_the_profile_states_is_not_called_an_assumption() {
        let fiji = testing::plan_of(testing::fiji());
        assert!(fiji.assumptions.contains(
            &"Development partners finance 35% of the cost, as stated in the profile.".to_string()
        ));
        assert!(!fiji.assumptions.iter().any(|a| a.contains("no population")));
        let korea = testing::plan_of(testing::korea());
        assert!(
            korea
                .assumptions
                .iter()
                .any(|a| a.starts_with("The profile states no budget envelope"))
        );
        assert!(
            korea
                .assumptions
                .iter()
                .any(|a| a.starts_with("Financing mix:"))
        );
    }
}
