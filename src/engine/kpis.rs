//! Stage 14: how progress is measured: the KPIs of the plan's components
//! (and the plan-wide ones), each with a baseline from the inputs and a
//! target per phase; the key result areas they measure; and the reviews
//! that read them.
//!
//! Targets fall due at the end of each phase, so this stage needs the phases.

use std::collections::HashSet;

use super::Given;
use super::amounts::round;
use super::text::Filler;
use crate::framework::{Baseline, Kpi, Target};
use crate::input::CountryInput;
use crate::plan::{KeyResultAreaView, KpiTarget, KpiView, PhaseView};
use crate::words::{format_number, long_date};

pub struct Measures {
    pub kpis: Vec<KpiView>,
    pub key_result_areas: Vec<KeyResultAreaView>,
    pub monitoring_reviews: Vec<String>,
}

pub fn measure(
    given: &Given,
    planned: &HashSet<&str>,
    phases: &[PhaseView],
    filler: &Filler,
) -> Measures {
    let (input, framework) = (given.input, given.framework);
    let kpis: Vec<KpiView> = framework
        .kpis
        .iter()
        .filter(|k| {
            k.component
                .as_ref()
                .is_none_or(|c| planned.contains(c.name.as_str()))
        })
        .map(|k| kpi_view(input, k, phases, filler))
        .collect();
    let key_result_areas = framework
        .key_result_areas
        .iter()
        .map(|a| KeyResultAreaView {
            id: a.id.name.clone(),
            name: a.name.clone(),
            description: a.description.clone(),
            kpis: kpis
                .iter()
                .filter(|k| k.area == a.id.name)
                .map(|k| k.id.clone())
                .collect(),
        })
        .collect();
    Measures {
        kpis,
        key_result_areas,
        monitoring_reviews: framework
            .monitoring
            .reviews
            .iter()
            .map(|r| filler.fill(r))
            .collect(),
    }
}

fn kpi_view(input: &CountryInput, k: &Kpi, phases: &[PhaseView], filler: &Filler) -> KpiView {
    let (baseline, baseline_source) = baseline(input, &k.baseline);
    KpiView {
        id: k.id.name.clone(),
        area: k.area.name.clone(),
        name: k.name.clone(),
        definition: k.definition.clone(),
        unit: k.unit.clone(),
        owner: filler.fill(&k.owner),
        component: k.component.as_ref().map(|c| c.name.clone()),
        baseline,
        baseline_source,
        targets: targets(&k.target, baseline, phases),
    }
}

/// The KPI's starting value from the inputs, and where it comes from.
fn baseline(input: &CountryInput, baseline: &Baseline) -> (Option<f64>, String) {
    let readiness = &input.readiness;
    match baseline {
        Baseline::Index { index } => {
            let indices = readiness.indices.as_ref();
            let year = indices.map_or(0, |i| i.year);
            match indices.and_then(|i| i.get(index)) {
                Some(v) => (
                    Some(v),
                    if indices.is_some_and(|i| i.from_reference) {
                        format!("Published, UN E-Government Survey {year}")
                    } else {
                        format!("UN E-Government Survey {year}, as given in readiness.toml")
                    },
                ),
                None => (
                    None,
                    "To be established: the index value was not given in readiness.toml"
                        .to_string(),
                ),
            }
        }
        Baseline::Score { dimension } => match readiness.scores.get(dimension) {
            Some(v) => (
                Some(*v),
                if readiness.assessment.derived_from_indices {
                    format!(
                        "Derived from published indices, {}; not assessed",
                        long_date(&readiness.assessment.date)
                    )
                } else {
                    format!(
                        "Readiness assessment, {}",
                        long_date(&readiness.assessment.date)
                    )
                },
            ),
            None => (
                None,
                "To be established: the dimension was not assessed".to_string(),
            ),
        },
        Baseline::Zero => (
            Some(0.0),
            "Zero: nothing exists yet by definition".to_string(),
        ),
        Baseline::ToBeEstablished => (
            None,
            "To be established in the foundations phase".to_string(),
        ),
    }
}

/// One target per phase, due in the year the phase ends.
fn targets(target: &Target, baseline: Option<f64>, phases: &[PhaseView]) -> Vec<KpiTarget> {
    phases
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let (value, text) = match target {
                Target::Step { step, cap } => match baseline {
                    Some(b) => {
                        let v = round((b + step * (i as f64 + 1.0)).min(*cap), 4);
                        (Some(v), format_number(v, 4))
                    }
                    None => (None, "Set once the baseline is measured".to_string()),
                },
                Target::PerPhase { values } => (None, values.get(i).cloned().unwrap_or_default()),
            };
            KpiTarget {
                phase: p.id.clone(),
                year: p.end_year,
                value,
                text,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing;

    fn phases() -> Vec<PhaseView> {
        testing::plan_of(testing::fiji()).phases
    }

    #[test]
    fn step_targets_fall_due_at_each_phase_end_and_stop_at_the_cap() {
        let phases = phases();
        let target = Target::Step {
            step: 0.05,
            cap: 1.0,
        };
        let targets = targets(&target, Some(0.93), &phases);
        assert_eq!(targets.len(), phases.len());
        let values: Vec<f64> = targets.iter().map(|t| t.value.unwrap()).collect();
        assert_eq!(values, [0.98, 1.0, 1.0]);
        for (t, p) in targets.iter().zip(&phases) {
            assert_eq!(t.year, p.end_year);
        }
        let unknown = targets_without_baseline(&target, &phases);
        assert!(unknown.iter().all(|t| t.value.is_none()));
    }

    fn targets_without_baseline(target: &Target, phases: &[PhaseView]) -> Vec<KpiTarget> {
        targets(target, None, phases)
    }

    #[test]
    fn a_baseline_says_where_it_comes_from() {
        let (_, input) = testing::fiji();
        let (value, source) = baseline(
            &input,
            &Baseline::Index {
                index: "egdi".into(),
            },
        );
        assert_eq!(value, input.readiness.indices.as_ref().unwrap().egdi);
        assert!(source.contains("UN E-Government Survey"), "{source}");
        let (value, source) = baseline(&input, &Baseline::ToBeEstablished);
        assert_eq!(value, None);
        assert!(source.starts_with("To be established"));
    }
}
