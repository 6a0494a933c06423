//! Stage 14: how progress is measured: the KPIs of the plan's components
//! (and the plan-wide ones), each with a baseline from the inputs and a
//! target per phase; the key result areas they measure; and the reviews
//! that read them.
//!
//! Targets fall due at the end of each phase, so this stage needs the
//! phases; a KPI that follows a component sets each target from where the
//! component then is in the schedule, so it needs the planned components.

use super::Given;
use super::amounts::round;
use super::text::Filler;
use super::text::say_with;
use crate::framework::{Baseline, Framework, Kpi, Target};
use crate::input::CountryInput;
use crate::language::say;
use crate::plan::{
    ComponentStatus as Status, KeyResultAreaView, KpiTarget, KpiView, PhaseView, PlannedComponent,
};
use crate::reference::{PEER_BAND, PeerGain, Reference};
use crate::vocabulary::{FactValue, INDICES, fact_in_text};
use crate::words::{format_number, long_date, quarter};

pub struct Measures {
    pub kpis: Vec<KpiView>,
    pub key_result_areas: Vec<KeyResultAreaView>,
    pub monitoring_reviews: Vec<String>,
}

pub fn measure(
    given: &Given,
    planned: &[PlannedComponent],
    phases: &[PhaseView],
    filler: &Filler,
) -> Measures {
    let framework = given.framework;
    let kpis: Vec<KpiView> = framework
        .kpis
        .iter()
        .filter_map(|k| {
            let follows = match &k.component {
                Some(c) => Some(planned.iter().find(|p| p.id == c.name)?),
                None => None,
            };
            Some(kpi_view(given, k, follows, phases, filler))
        })
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

fn kpi_view(
    given: &Given,
    k: &Kpi,
    follows: Option<&PlannedComponent>,
    phases: &[PhaseView],
    filler: &Filler,
) -> KpiView {
    let (baseline, baseline_source) = baseline(given.input, given.framework, &k.baseline);
    let (targets, target_source) = match (&k.target, &k.baseline, follows) {
        (Target::ByStatus { .. }, _, Some(c)) => (
            targets_by_status(&k.target, c, given.input.plan.start_year, phases),
            None,
        ),
        (Target::PeerPace { cap }, Baseline::Index { index }, _) => {
            let pace = baseline.and_then(|b| peer_pace(given.input, index, b));
            match pace {
                Some(pace) => (pace.targets(*cap, phases), Some(pace.source(*cap))),
                None => (targets(&k.target, None, phases), None),
            }
        }
        _ => (targets(&k.target, baseline, phases), None),
    };
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
        targets,
        target_source,
    }
}

/// How fast an index may rise: the baseline, its year, and the pace of the
/// fastest quarter of countries that started near it.
struct PeerPace {
    index: &'static str,
    baseline: f64,
    year: i32,
    /// Yearly gain, rounded as the plan states it; 0 when peers fell back.
    per_year: f64,
    gain: Option<PeerGain>,
}

fn peer_pace(input: &CountryInput, index: &str, baseline: f64) -> Option<PeerPace> {
    let year = input.readiness.indices.as_ref()?.year;
    let code = INDICES.iter().find(|i| i.key == index)?.code;
    let gain = Reference::builtin().peer_gain(index, baseline, &input.country.iso3);
    Some(PeerPace {
        index: code,
        baseline,
        year,
        per_year: gain.map_or(0.0, |g| round(g.per_year.max(0.0), 4)),
        gain,
    })
}

impl PeerPace {
    /// The value due at the end of `year`: never above `cap` unless the
    /// baseline already is, never below the baseline.
    fn value(&self, cap: f64, year: i32) -> f64 {
        let years = f64::from((year - self.year).max(0));
        round((self.baseline + self.per_year * years).min(cap), 4).max(self.baseline)
    }

    fn targets(&self, cap: f64, phases: &[PhaseView]) -> Vec<KpiTarget> {
        phases
            .iter()
            .map(|p| {
                let v = self.value(cap, p.end_year);
                KpiTarget {
                    phase: p.id.clone(),
                    year: p.end_year,
                    value: Some(v),
                    text: format_number(v, 4),
                    status: None,
                }
            })
            .collect()
    }

    /// Where the targets come from, in the numbers the table shows.
    fn source(&self, cap: f64) -> String {
        let near = say_with(
            "engine.kpis.near",
            &[
                ("index", self.index),
                ("band", &format_number(PEER_BAND, 2)),
                ("baseline", &format_number(self.baseline, 4)),
            ],
        );
        let pace = match self.gain {
            Some(g) if self.per_year > 0.0 => say_with(
                "engine.kpis.pace_gain",
                &[
                    ("gain", &format_number(self.per_year, 4)),
                    ("year", &self.year.to_string()),
                    ("peers", &g.peers.to_string()),
                    ("near", &near),
                    ("from", &g.from_year.to_string()),
                    ("to", &g.to_year.to_string()),
                ],
            ),
            Some(g) => say_with(
                "engine.kpis.pace_none",
                &[
                    ("peers", &g.peers.to_string()),
                    ("near", &near),
                    ("from", &g.from_year.to_string()),
                    ("to", &g.to_year.to_string()),
                ],
            ),
            None => say_with("engine.kpis.pace_too_few", &[("near", &near)]),
        };
        let at_top = self.baseline >= cap;
        let cap = format_number(cap, 2);
        if at_top {
            // Already at the top of the scale: the aim is to stay there.
            return say_with(
                "engine.kpis.at_top",
                &[
                    ("baseline", &format_number(self.baseline, 4)),
                    ("cap", &cap),
                ],
            );
        }
        say_with("engine.kpis.source", &[("pace", &pace), ("cap", &cap)])
    }
}

/// The KPI's starting value from the inputs, and where it comes from.
fn baseline(
    input: &CountryInput,
    framework: &Framework,
    baseline: &Baseline,
) -> (Option<f64>, String) {
    let readiness = &input.readiness;
    match baseline {
        Baseline::Index { index } => {
            let indices = readiness.indices.as_ref();
            let year = indices.map_or(0, |i| i.year);
            match indices.and_then(|i| i.get(index)) {
                Some(v) => (
                    Some(v),
                    if indices.is_some_and(|i| i.from_reference) {
                        say_with("engine.kpis.published", &[("year", &year.to_string())])
                    } else {
                        say_with("engine.kpis.stated", &[("year", &year.to_string())])
                    },
                ),
                None => (None, say("engine.kpis.index_missing").to_string()),
            }
        }
        Baseline::Score { dimension } => match readiness.scores.get(dimension) {
            Some(v) => (
                Some(*v),
                say_with(
                    if readiness.assessment.derived_from_indices {
                        "engine.kpis.derived"
                    } else {
                        "engine.kpis.assessed"
                    },
                    &[("date", &long_date(&readiness.assessment.date))],
                ),
            ),
            None => (None, say("engine.kpis.dimension_missing").to_string()),
        },
        Baseline::Zero { unless } => match unless.iter().find(|f| stated_as_existing(input, f)) {
            Some(fact) => (
                None,
                say_with("engine.kpis.exists", &[("fact", fact_in_text(fact))]),
            ),
            None => (Some(0.0), say("engine.kpis.zero").to_string()),
        },
        Baseline::ToBeEstablished => (
            None,
            match framework.phases.first() {
                Some(first) => say_with(
                    "engine.kpis.first_phase",
                    &[("phase", &first.name.to_lowercase())],
                ),
                None => say("engine.kpis.to_be_established").to_string(),
            },
        ),
    }
}

/// Whether the profile's `[context]` says the thing `fact` names exists.
fn stated_as_existing(input: &CountryInput, fact: &str) -> bool {
    match input.context.get(fact) {
        Some(FactValue::Bool(b)) => *b,
        Some(FactValue::Text(t)) => t != "none",
        None => false,
    }
}

/// One target per phase for a KPI that follows a component: what the
/// component's status at the phase's end allows, never a fixed phrase.
fn targets_by_status(
    target: &Target,
    c: &PlannedComponent,
    start_year: i32,
    phases: &[PhaseView],
) -> Vec<KpiTarget> {
    let Target::ByStatus {
        not_started,
        under_way,
        done,
        after,
    } = target
    else {
        return Vec::new();
    };
    let starts = quarter(start_year, c.start_month);
    let mut phases_done = 0;
    phases
        .iter()
        .map(|p| {
            let status = Status::at(c, p.end_month);
            let text = match status {
                Status::NotStarted => match not_started {
                    Some(t) => say_with(
                        "engine.kpis.not_started_with",
                        &[("target", t), ("quarter", &starts)],
                    ),
                    None => say_with("engine.kpis.not_started", &[("quarter", &starts)]),
                },
                Status::UnderWay => under_way.clone(),
                Status::Done => {
                    phases_done += 1;
                    match phases_done {
                        1 => done.clone(),
                        n => after.get(n - 2).or(after.last()).unwrap_or(done).clone(),
                    }
                }
            };
            KpiTarget {
                phase: p.id.clone(),
                year: p.end_year,
                value: None,
                text,
                status: Some(status),
            }
        })
        .collect()
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
                    None => (None, say("engine.kpis.set_later").to_string()),
                },
                Target::PerPhase { values } => (None, values.get(i).cloned().unwrap_or_default()),
                // A peer pace needs a baseline; without one, it waits for it.
                Target::PeerPace { .. } => (None, say("engine.kpis.set_later").to_string()),
                // Followed components are handled by `targets_by_status`.
                Target::ByStatus { .. } => (None, String::new()),
            };
            KpiTarget {
                phase: p.id.clone(),
                year: p.end_year,
                value,
                text,
                status: None,
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
    fn a_target_follows_where_its_component_is_at_the_phase_end() {
        for sample in [testing::lao(), testing::fiji(), testing::korea()] {
            let framework = sample.0.clone();
            let plan = testing::plan_of(sample);
            for k in &plan.kpis {
                let Some(id) = &k.component else { continue };
                let c = plan.components.iter().find(|c| &c.id == id).unwrap();
                let kpi = framework.kpis.iter().find(|f| f.id.name == k.id).unwrap();
                let Target::ByStatus {
                    under_way,
                    done,
                    after,
                    ..
                } = &kpi.target
                else {
                    panic!(
                        "{}: a KPI that follows a component has targets by status",
                        k.id
                    )
                };
                let starts = quarter(plan.horizon.start_year, c.start_month);
                for (t, p) in k.targets.iter().zip(&plan.phases) {
                    match Status::at(c, p.end_month) {
                        Status::NotStarted => assert!(t.text.contains(&starts), "{}", t.text),
                        Status::UnderWay => assert_eq!(&t.text, under_way),
                        Status::Done => assert!(&t.text == done || after.contains(&t.text)),
                    }
                }
            }
        }
    }

    #[test]
    fn a_law_in_force_is_not_targeted_as_a_bill() {
        // Fiji's data protection law ends within the first phase: the
        // target at that phase's end is the law in force, as its milestone.
        let plan = testing::plan_of(testing::fiji());
        let law = plan
            .components
            .iter()
            .find(|c| c.id == "data-protection")
            .unwrap();
        assert!(law.end_month <= plan.phases[0].end_month);
        assert!(law.milestone.starts_with("Law in force"));
        let kpi = plan
            .kpis
            .iter()
            .find(|k| k.id == "KPI-DATA-PROTECTION")
            .unwrap();
        assert_eq!(kpi.targets[0].text, "Law in force; authority appointed");
        assert!(kpi.targets.iter().all(|t| !t.text.contains("drafted")));
    }

    #[test]
    fn index_targets_follow_peers_pace_within_the_cap_and_never_fall() {
        for sample in [testing::lao(), testing::fiji(), testing::korea()] {
            let plan = testing::plan_of(sample);
            for id in ["KPI-EGDI", "KPI-OSI", "KPI-EPI"] {
                let k = plan.kpis.iter().find(|k| k.id == id).unwrap();
                let base = k.baseline.unwrap();
                let source = k.target_source.as_deref().unwrap();
                let mut previous = base;
                for t in &k.targets {
                    let v = t.value.unwrap();
                    assert!(v >= previous, "{id}: {v} after {previous}");
                    assert!(v <= 0.98 || v == base, "{id}: {v} over the cap");
                    previous = v;
                }
                // The pace the text states gives the values the table shows.
                let year = plan.readiness.indices.as_ref().unwrap().year;
                if let Some(rest) = source.split("baseline plus ").nth(1) {
                    let pace: f64 = rest.split(' ').next().unwrap().parse().unwrap();
                    for t in &k.targets {
                        let expected = (base + pace * f64::from(t.year - year)).min(0.98);
                        assert!((t.value.unwrap() - round(expected, 4).max(base)).abs() < 1e-9);
                    }
                } else {
                    assert!(k.targets.iter().all(|t| t.value == Some(base)), "{source}");
                }
                if base < 0.98 {
                    assert!(source.contains("UN E-Government Survey"), "{source}");
                }
            }
        }
    }

    #[test]
    fn a_count_does_not_start_at_zero_when_the_profile_says_it_exists() {
        let (framework, mut input) = testing::lao();
        let zero = Baseline::Zero {
            unless: vec!["interoperability_framework".into()],
        };
        input
            .context
            .insert("interoperability_framework".into(), FactValue::Bool(false));
        assert_eq!(baseline(&input, &framework, &zero).0, Some(0.0));
        input
            .context
            .insert("interoperability_framework".into(), FactValue::Bool(true));
        let (value, source) = baseline(&input, &framework, &zero);
        assert_eq!(value, None);
        assert!(
            source.contains("interoperability framework exists"),
            "{source}"
        );
        assert!(!source.contains("Zero"), "{source}");
    }

    #[test]
    fn a_baseline_says_where_it_comes_from() {
        let (framework, input) = testing::fiji();
        let (value, source) = baseline(
            &input,
            &framework,
            &Baseline::Index {
                index: "egdi".into(),
            },
        );
        assert_eq!(value, input.readiness.indices.as_ref().unwrap().egdi);
        assert!(source.contains("UN E-Government Survey"), "{source}");
        let (value, source) = baseline(&input, &framework, &Baseline::ToBeEstablished);
        assert_eq!(value, None);
        assert_eq!(source, "To be established in the first phase (foundations)");
    }
}
