//! Stage 2: which catalogue components the plan takes up, and why.
//!
//! A rule that applied may include components, prioritise them, or mark
//! them as already in place. A component in place is never planned, even if
//! another rule includes it. Prerequisites of what is selected are then
//! pulled in, unless they are in place. It needs only the rules' outcomes;
//! the schedule and the costs that follow work on the selected set.

use std::collections::{HashMap, HashSet};

use indexmap::IndexMap;

use super::Given;
use super::rules::RuleOutcomes;
use super::text::Filler;
use super::text::say_with;
use crate::framework::{Component, Framework};
use crate::plan::{IN_PLACE_RULE, InPlaceComponent, PREREQUISITE_PREFIX, Reason};
use crate::words::{format_score, join_words};

pub struct Selection<'f> {
    /// Selected components in catalogue order, so that every country's plan
    /// reads in the same order.
    pub components: Vec<&'f Component>,
    /// Why each selected component is in the plan, by id.
    pub reasons: IndexMap<String, Vec<Reason>>,
    /// Components left out because they are already in place, in the order
    /// rules found them.
    pub in_place: IndexMap<String, InPlaceComponent>,
    pub prioritised: HashSet<String>,
    /// Position of each selected component in `components`, by id.
    pub position: HashMap<&'f str, usize>,
}

pub fn select<'f>(given: &Given<'f>, outcomes: &RuleOutcomes, filler: &Filler) -> Selection<'f> {
    let framework = given.framework;
    let Picked {
        included: mut reasons,
        mut in_place,
        prioritised,
    } = apply_rules(given, outcomes, filler);
    for entry in in_place.values_mut() {
        strengthen_if_low(given, entry);
    }
    pull_in_prerequisites(framework, &mut reasons, &in_place);
    let components: Vec<&Component> = framework
        .components
        .iter()
        .filter(|c| reasons.contains_key(&c.id.name))
        .collect();
    let position = components
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.name.as_str(), i))
        .collect();
    Selection {
        components,
        reasons,
        in_place,
        prioritised,
        position,
    }
}

/// What the rules asked for, before prerequisites are added.
struct Picked {
    included: IndexMap<String, Vec<Reason>>,
    in_place: IndexMap<String, InPlaceComponent>,
    prioritised: HashSet<String>,
}

/// What the profile names as in place, in its order, then what the rules
/// that applied include, prioritise and find in place.
fn apply_rules(given: &Given, outcomes: &RuleOutcomes, filler: &Filler) -> Picked {
    let framework = given.framework;
    let mut included: IndexMap<String, Vec<Reason>> = IndexMap::new();
    let mut in_place: IndexMap<String, InPlaceComponent> = named_in_place(given);
    let mut prioritised: HashSet<String> = HashSet::new();
    for fired in outcomes.fired() {
        let rule = fired.rule;
        let reason = Reason {
            rule: rule.id.name.clone(),
            text: filler.fill(&rule.because),
            evidence: fired.outcome.evidence.clone(),
        };
        for id in &rule.include {
            included
                .entry(id.name.clone())
                .or_default()
                .push(reason.clone());
        }
        for id in &rule.prioritise {
            prioritised.insert(id.name.clone());
        }
        // The framework check refuses a skip of an id the catalogue lacks.
        for c in rule.skip.iter().filter_map(|id| framework.component(id)) {
            in_place
                .entry(c.id.name.clone())
                .or_insert_with(|| InPlaceComponent {
                    id: c.id.name.clone(),
                    title: c.title.clone(),
                    name: None,
                    level: c.level,
                    rule: rule.id.name.clone(),
                    reason: reason.text.clone(),
                    evidence: reason.evidence.clone(),
                    strengthen: false,
                    strengthening: String::new(),
                });
        }
    }
    included.retain(|id, _| !in_place.contains_key(id));
    Picked {
        included,
        in_place,
        prioritised,
    }
}

/// The components the profile's `[in_place]` names, with what the country
/// calls each.
fn named_in_place(given: &Given) -> IndexMap<String, InPlaceComponent> {
    given
        .input
        .in_place
        .iter()
        .filter_map(|(id, name)| {
            let component = given.framework.component(id)?;
            let entry = InPlaceComponent {
                id: id.clone(),
                title: component.title.clone(),
                name: Some(name.clone()),
                level: component.level,
                rule: IN_PLACE_RULE.to_string(),
                reason: say_with("engine.selection.runs_it", &[("name", name)]),
                evidence: vec![format!("in_place.{id} = \"{name}\"")],
                strengthen: false,
                strengthening: String::new(),
            };
            Some((id.clone(), entry))
        })
        .collect()
}

/// Marks an in-place component for strengthening when a dimension it
/// raises was assessed below the framework's target score, and says why.
fn strengthen_if_low(given: &Given, entry: &mut InPlaceComponent) {
    let framework = given.framework;
    let target = framework.meta.target_score;
    let Some(component) = framework.component(&entry.id) else {
        return;
    };
    let low: Vec<String> = component
        .raises
        .iter()
        .filter_map(|d| {
            let score = *given.input.readiness.scores.get(&d.name)?;
            let dimension = framework.dimension(d)?;
            (score < target).then(|| {
                say_with(
                    "engine.selection.low_item",
                    &[
                        ("dimension", &dimension.name.to_lowercase()),
                        ("score", &format_score(score)),
                    ],
                )
            })
        })
        .collect();
    if low.is_empty() {
        return;
    }
    let subject = entry
        .name
        .clone()
        .unwrap_or_else(|| say_with("engine.selection.quoted_title", &[("title", &entry.title)]));
    let key = if low.len() == 1 {
        "engine.selection.strengthen_one"
    } else {
        "engine.selection.strengthen_many"
    };
    entry.strengthen = true;
    entry.strengthening = crate::words::capitalise(&say_with(
        key,
        &[
            ("subject", &subject),
            ("dimensions", &join_words(&low)),
            ("target", &format_score(target)),
        ],
    ));
}

/// Adds the prerequisites that are neither selected nor in place. Only a
/// component that no rule selected gets "requires:" as its reason; the
/// documents show what waits for each component from the schedule itself.
fn pull_in_prerequisites(
    framework: &Framework,
    included: &mut IndexMap<String, Vec<Reason>>,
    in_place: &IndexMap<String, InPlaceComponent>,
) {
    let mut queue: Vec<String> = included.keys().cloned().collect();
    while let Some(id) = queue.pop() {
        let Some(component) = framework.component(&id) else {
            continue;
        };
        for required in &component.requires {
            if in_place.contains_key(&required.name) {
                continue;
            }
            let reason = Reason {
                rule: format!("{PREREQUISITE_PREFIX}{id}"),
                text: say_with(
                    "engine.selection.needed_before",
                    &[("title", &component.title)],
                ),
                evidence: vec![crate::language::say_with(
                    "condition.requires",
                    &[("component", &id), ("required", &required.name)],
                )],
            };
            match included.get_mut(&required.name) {
                Some(reasons) => {
                    let pulled_in = reasons.iter().all(Reason::is_prerequisite);
                    if pulled_in && !reasons.iter().any(|r| r.rule == reason.rule) {
                        reasons.push(reason);
                    }
                }
                None => {
                    included.insert(required.name.clone(), vec![reason]);
                    queue.push(required.name.clone());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Given, rules, testing};

    fn selection_of(framework: &Framework, given: &Given) -> (Vec<String>, Vec<String>) {
        let filler = testing::filler(given);
        let outcomes = rules::evaluate(given);
        let selection = select(given, &outcomes, &filler);
        let ids = selection
            .components
            .iter()
            .map(|c| c.id.name.clone())
            .collect();
        let catalogue: Vec<&str> = framework.components.iter().map(|c| &*c.id).collect();
        let positions: Vec<usize> = selection
            .components
            .iter()
            .map(|c| catalogue.iter().position(|id| *id == &*c.id).unwrap())
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "catalogue order");
        (ids, selection.in_place.keys().cloned().collect())
    }

    #[test]
    fn what_a_country_has_is_never_planned_again() {
        let (framework, input) = testing::korea();
        let given = Given::new(&input, &framework);
        let (selected, in_place) = selection_of(&framework, &given);
        for id in ["digital-id", "data-exchange", "national-portal", "pmo"] {
            assert!(in_place.contains(&id.to_string()), "{id} is in place");
            assert!(!selected.contains(&id.to_string()), "{id} is not planned");
        }
    }

    #[test]
    fn what_the_profile_names_in_place_is_not_built_and_counts_as_met() {
        let (framework, mut input) = testing::lao();
        input
            .in_place
            .insert("data-exchange".into(), "LaoGov Connect".into());
        let given = Given::new(&input, &framework);
        let filler = testing::filler(&given);
        let selection = select(&given, &rules::evaluate(&given), &filler);
        assert!(!selection.reasons.contains_key("data-exchange"));
        let entry = &selection.in_place["data-exchange"];
        assert_eq!(entry.name.as_deref(), Some("LaoGov Connect"));
        assert_eq!(entry.rule, IN_PLACE_RULE);
        // Lao PDR's data sharing is assessed below the target: the plan
        // strengthens what exists.
        let score = input.readiness.scores["data_interoperability"];
        assert!(score < framework.meta.target_score);
        assert!(entry.strengthen);
        assert!(
            entry
                .strengthening
                .starts_with("LaoGov Connect is in place, but"),
            "{}",
            entry.strengthening
        );
        // Its prerequisites are not pulled in for it alone.
        for (id, reasons) in &selection.reasons {
            assert!(
                !reasons
                    .iter()
                    .any(|r| r.prerequisite_of() == Some("data-exchange")),
                "{id} pulled in for data-exchange"
            );
        }
    }

    #[test]
    fn the_ladder_follows_the_scores() {
        use crate::framework::ComponentLevel::{Foundation, Frontier, Transformation};
        let levels = |(framework, input): (Framework, crate::input::CountryInput)| {
            let given = Given::new(&input, &framework);
            let (selected, _) = selection_of(&framework, &given);
            let level = |id: &String| framework.component(id).unwrap().level;
            let count = |wanted: &[crate::framework::ComponentLevel]| {
                selected
                    .iter()
                    .filter(|id| wanted.contains(&level(id)))
                    .count()
            };
            (
                count(&[Foundation]),
                count(&[Transformation, Frontier]),
                count(&[Frontier]),
            )
        };
        let (foundation, upper, frontier) = levels(testing::korea());
        assert!(
            upper > foundation,
            "Korea: {foundation} foundation, {upper} above"
        );
        assert!(frontier > 0, "Korea reaches the frontier");
        let (foundation, upper, frontier) = levels(testing::lao());
        assert!(
            foundation > upper,
            "Lao PDR: {foundation} foundation, {upper} above"
        );
        assert_eq!(frontier, 0, "Lao PDR is given no frontier work");
    }

    #[test]
    fn every_prerequisite_is_planned_or_in_place() {
        for (framework, input) in [testing::lao(), testing::fiji(), testing::korea()] {
            let given = Given::new(&input, &framework);
            let (selected, in_place) = selection_of(&framework, &given);
            for id in &selected {
                for required in &framework.component(id).unwrap().requires {
                    assert!(
                        selected.contains(&required.name) || in_place.contains(&required.name),
                        "{id} requires {}",
                        required.name
                    );
                }
            }
        }
    }

    #[test]
    fn a_prerequisite_no_rule_chose_says_what_needs_it() {
        let (framework, input) = testing::lao();
        let given = Given::new(&input, &framework);
        let filler = testing::filler(&given);
        let selection = select(&given, &rules::evaluate(&given), &filler);
        for (id, reasons) in &selection.reasons {
            if reasons.iter().any(Reason::is_prerequisite) {
                assert!(reasons.iter().all(Reason::is_prerequisite), "{id}");
                for r in reasons {
                    let needer = r.prerequisite_of().unwrap();
                    assert!(selection.reasons.contains_key(needer), "{id} for {needer}");
                }
            }
        }
    }
}
