//! Stage 12: the country's readiness as the plan reports it: each
//! dimension's score, level, source and gap to the target, the components
//! that raise it, the published indices, and where a score and its index
//! disagree.
//!
//! It waits for the components, which it lists per dimension; the weakest
//! and strongest dimensions were settled at the start (`standing.rs`).

use super::Given;
use super::amounts::round;
use super::standing::{Extremes, level_of};
use super::text::say_with;
use crate::framework::{Dimension, Framework};
use crate::input::CountryInput;
use crate::language::say;
use crate::plan::{DimensionView, IndicesView, PlannedComponent, ReadinessView};
use crate::words::format_number;

pub fn view(given: &Given, components: &[PlannedComponent], extremes: Extremes) -> ReadinessView {
    let (input, framework) = (given.input, given.framework);
    let dimensions: Vec<DimensionView> = framework
        .dimensions
        .iter()
        .map(|d| dimension_view(input, framework, d, components))
        .collect();
    let scores: Vec<f64> = dimensions.iter().filter_map(|d| d.score).collect();
    ReadinessView {
        average_score: (!scores.is_empty())
            .then(|| round(scores.iter().sum::<f64>() / scores.len() as f64, 2)),
        target_score: framework.meta.target_score,
        weakest: extremes.weakest,
        strongest: extremes.strongest,
        not_assessed: dimensions
            .iter()
            .filter(|d| d.score.is_none())
            .map(|d| d.id.clone())
            .collect(),
        dimensions,
        // Read again in the plan's language: its labels and source line are
        // words of the plan (the figures are the same).
        benchmark: input
            .benchmark
            .as_ref()
            .and_then(|_| crate::reference::Reference::builtin().benchmark(&input.country.iso3)),
        disagreements: disagreements(input, framework),
        indices: indices_view(input),
    }
}

fn dimension_view(
    input: &CountryInput,
    framework: &Framework,
    d: &Dimension,
    components: &[PlannedComponent],
) -> DimensionView {
    let readiness = &input.readiness;
    let indices = readiness.indices.as_ref();
    let score = readiness.scores.get(&d.id.name).copied();
    let level = score.map(level_of);
    let checklist = readiness.checklist.get(&d.id.name);
    DimensionView {
        id: d.id.name.clone(),
        name: d.name.clone(),
        description: d.description.clone(),
        score,
        level,
        level_name: level
            .and_then(|l| framework.meta.level_names.get(l as usize).cloned())
            .unwrap_or_else(|| say("engine.readiness.level_not_assessed").to_string()),
        level_description: level
            .and_then(|l| d.levels.get(l as usize).cloned())
            .unwrap_or_else(|| say("engine.readiness.description_not_assessed").to_string()),
        // Checklist answers are an assessment of that dimension even
        // in a draft whose other scores were derived from indices.
        source: match (score, checklist) {
            (Some(_), Some(checklist)) => say_with(
                "engine.readiness.source_checklist",
                &[
                    ("answered", &checklist.answered.len().to_string()),
                    ("questions", &checklist.questions().to_string()),
                ],
            ),
            (Some(_), _) if readiness.assessment.derived_from_indices => {
                say("engine.readiness.source_derived").to_string()
            }
            (Some(_), None) => say("engine.readiness.source_assessment").to_string(),
            (None, _) => say("engine.readiness.source_none").to_string(),
        },
        derivation: checklist.map(|c| c.working()),
        evidence: readiness.evidence.get(&d.id.name).cloned(),
        gap: score.map(|s| round((framework.meta.target_score - s).max(0.0), 2)),
        related_index: d.related_index.as_ref().map(|i| i.name.clone()),
        related_index_value: d
            .related_index
            .as_ref()
            .and_then(|i| indices.and_then(|x| x.get(i))),
        raised_by: components
            .iter()
            .filter(|c| c.raises.contains(&d.id.name))
            .map(|c| c.id.clone())
            .collect(),
    }
}

/// Scores that sit far from their related published index (times 5).
fn disagreements(input: &CountryInput, framework: &Framework) -> Vec<String> {
    let indices = input.readiness.indices.as_ref();
    framework
        .dimensions
        .iter()
        .filter_map(|d| {
            let score = input.readiness.scores.get(&d.id.name)?;
            let index = d.related_index.as_ref()?;
            let value = indices.and_then(|i| i.get(index))?;
            let scaled = value * 5.0;
            ((score - scaled).abs() >= framework.meta.index_disagreement).then(|| {
                say_with(
                    "engine.readiness.disagreement",
                    &[
                        ("dimension", &d.name),
                        ("score", &format_number(*score, 1)),
                        ("index", &index.name.to_uppercase()),
                        ("value", &crate::words::format_index(value)),
                        ("scaled", &format_number(scaled, 1)),
                    ],
                )
            })
        })
        .collect()
}

fn indices_view(input: &CountryInput) -> Option<IndicesView> {
    input.readiness.indices.as_ref().map(|i| IndicesView {
        year: i.year,
        source: say_with(
            if i.from_reference {
                "engine.readiness.indices_reference"
            } else {
                "engine.readiness.indices_stated"
            },
            &[("year", &i.year.to_string())],
        ),
        egdi: i.egdi,
        osi: i.osi,
        hci: i.hci,
        tii: i.tii,
        epi: i.epi,
        egdi_group: i.egdi.map(|v| {
            match v {
                v if v > 0.75 => "Very High",
                v if v >= 0.5 => "High",
                v if v >= 0.25 => "Middle",
                _ => "Low",
            }
            .to_string()
        }),
    })
}

#[cfg(test)]
mod tests {
    use crate::engine::testing;

    #[test]
    fn a_dimension_without_a_score_is_not_assessed_not_zero() {
        let plan = testing::plan_of(testing::fiji());
        for d in &plan.readiness.dimensions {
            match d.score {
                None => {
                    assert_eq!(d.source, "not assessed");
                    assert!(d.gap.is_none() && d.level.is_none());
                    assert!(plan.readiness.not_assessed.contains(&d.id));
                }
                Some(score) => assert_eq!(d.level, Some(score.floor() as u8)),
            }
        }
    }
}
