//! The engine: a country's checked inputs and a framework in, one [`Plan`] out.
//!
//! Pure and deterministic: no I/O, no clock (the date is passed in), no
//! hash-map iteration order in the output.

pub mod schedule;
pub mod text;

use std::collections::{BTreeMap, HashMap, HashSet};

use indexmap::IndexMap;

use crate::framework::{Baseline, Facts, Framework, Outcome, Rule, Target};
use crate::input::CountryInput;
use crate::plan::*;
use crate::vocabulary::{CountryGroup, FactValue, IncomeGroup};
use crate::words::{self, format_number, format_usd};
use schedule::{Placement, Task};
use text::{Filler, level_of};

/// Stand-in when the profile names no sponsor.
const DEFAULT_SPONSOR: &str = "the head of government";

/// Costs are computed in thousands of US dollars, as integers, so that every
/// total is the exact sum of its parts.
type Thousands = i64;

fn to_millions(k: Thousands) -> f64 {
    k as f64 / 1000.0
}

/// Round to a fixed number of decimals so JSON shows 0.55, not 0.5500000001.
fn round(value: f64, decimals: i32) -> f64 {
    let factor = 10f64.powi(decimals);
    (value * factor).round() / factor
}

struct InputFacts<'a>(&'a CountryInput, &'a Framework);

impl Facts for InputFacts<'_> {
    fn group(&self, group: CountryGroup) -> bool {
        self.0.country.groups.contains(&group)
    }
    fn income(&self) -> Option<IncomeGroup> {
        self.0.country.income_group
    }
    fn has_hazard(&self, hazard: &str) -> bool {
        self.0.plan.hazards.iter().any(|h| h == hazard)
    }
    fn has_sector(&self, sector: &str) -> bool {
        self.0.plan.priority_sectors.iter().any(|s| s == sector)
    }
    fn has_sdg(&self, goal: u8) -> bool {
        self.0.plan.sdg_focus.contains(&goal)
    }
    fn fact(&self, name: &str) -> Option<FactValue> {
        self.0.context.get(name).cloned()
    }
    fn score(&self, dimension: &str) -> Option<f64> {
        self.0.readiness.scores.get(dimension).copied()
    }
    fn scores_derived(&self) -> bool {
        self.0.readiness.assessment.derived_from_indices
    }
    fn unassessed(&self) -> Vec<String> {
        self.1
            .dimensions
            .iter()
            .filter(|d| !self.0.readiness.scores.contains_key(&d.id.name))
            .map(|d| d.id.name.clone())
            .collect()
    }
    fn index(&self, index: &str) -> Option<f64> {
        self.0.readiness.indices.as_ref().and_then(|i| i.get(index))
    }
    fn population_millions(&self) -> Option<f64> {
        self.0.country.population_millions
    }
}

/// Builds the plan for one country.
pub fn build_plan(input: &CountryInput, framework: &Framework, generated_on: &str) -> Plan {
    let facts = InputFacts(input, framework);
    let settings = &input.plan;
    let months = settings.horizon_years * 12;
    let end_year = settings.start_year + settings.horizon_years as i32 - 1;
    let sponsor = settings
        .sponsor
        .clone()
        .unwrap_or_else(|| DEFAULT_SPONSOR.to_string());

    let (weakest, strongest) = extremes(input, framework);
    let mut filler = Filler::new(input, framework, end_year, &sponsor, &weakest, &strongest);

    // Evaluate every rule once; everything below reads these outcomes.
    let outcomes: Vec<Outcome> = framework
        .rules
        .iter()
        .map(|r| r.when.evaluate(&facts))
        .collect();
    let fired = |rule: &Rule| -> Option<&Outcome> {
        framework
            .rules
            .iter()
            .position(|r| std::ptr::eq(r, rule))
            .map(|i| &outcomes[i])
            .filter(|o| o.holds)
    };

    // --- Selection ---------------------------------------------------------
    let mut included: IndexMap<String, Vec<Reason>> = IndexMap::new();
    let mut skipped: IndexMap<String, SkippedComponent> = IndexMap::new();
    let mut prioritised: HashSet<String> = HashSet::new();
    for rule in &framework.rules {
        let Some(outcome) = fired(rule) else { continue };
        let reason = Reason {
            rule: rule.id.name.clone(),
            text: filler.fill(&rule.because),
            evidence: outcome.evidence.clone(),
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
        for id in &rule.skip {
            skipped
                .entry(id.name.clone())
                .or_insert_with(|| SkippedComponent {
                    id: id.name.clone(),
                    title: framework
                        .component(id)
                        .map(|c| c.title.clone())
                        .unwrap_or_default(),
                    rule: rule.id.name.clone(),
                    reason: reason.text.clone(),
                    evidence: reason.evidence.clone(),
                });
        }
    }
    included.retain(|id, _| !skipped.contains_key(id));
    // Pull in prerequisites that are neither planned nor in place. Only a
    // component that no rule selected gets "requires:" as its reason; the
    // documents show what waits for each component from the schedule itself.
    let mut queue: Vec<String> = included.keys().cloned().collect();
    while let Some(id) = queue.pop() {
        let Some(component) = framework.component(&id) else {
            continue;
        };
        for required in &component.requires {
            if skipped.contains_key(&required.name) {
                continue;
            }
            let reason = Reason {
                rule: format!("requires:{id}"),
                text: format!("Needed before “{}” can start.", component.title),
                evidence: vec![format!("{id} requires {}", required.name)],
            };
            match included.get_mut(&required.name) {
                Some(reasons) => {
                    let pulled_in = reasons.iter().all(|r| r.rule.starts_with("requires:"));
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
    // Catalogue order, so the plan reads the same way for every country.
    let selected: Vec<&crate::framework::Component> = framework
        .components
        .iter()
        .filter(|c| included.contains_key(&c.id.name))
        .collect();

    // --- Pacing, governance, financing mix: first matching rule wins ----------
    let first_with = |has: &dyn Fn(&Rule) -> bool| -> Option<(&Rule, &Outcome)> {
        framework
            .rules
            .iter()
            .filter(|r| has(r))
            .find_map(|r| fired(r).map(|o| (r, o)))
    };
    let pacing_choice = first_with(&|r| r.pacing.is_some());
    let pacing_id = pacing_choice
        .and_then(|(r, _)| r.pacing.as_ref())
        .map_or(framework.meta.default_pacing.name.as_str(), |p| {
            p.name.as_str()
        });
    let pacing = framework
        .pacing_profile(pacing_id)
        .expect("validated: pacing profile exists");
    let pacing_view = PacingView {
        id: pacing.id.name.clone(),
        name: pacing.name.clone(),
        description: pacing.description.clone(),
        max_parallel: pacing.max_parallel,
        duration_factor: pacing.duration_factor,
        rule: pacing_choice.map(|(r, _)| r.id.name.clone()),
        because: pacing_choice.map_or_else(
            || "No pacing rule applied; the framework's default pace is used.".to_string(),
            |(r, _)| filler.fill(&r.because),
        ),
    };

    // --- Phases ------------------------------------------------------------
    let mut phase_bounds: Vec<(u32, u32)> = Vec::new();
    let mut cumulative = 0.0;
    for (i, phase) in framework.phases.iter().enumerate() {
        let start = (cumulative * months as f64).round() as u32;
        cumulative += phase.share;
        let end = if i + 1 == framework.phases.len() {
            months
        } else {
            (cumulative * months as f64).round() as u32
        };
        phase_bounds.push((start, end));
    }
    let phase_of = |month: u32| -> usize {
        phase_bounds
            .iter()
            .position(|(s, e)| month >= *s && month < *e)
            .unwrap_or(phase_bounds.len() - 1)
    };

    // --- Schedule ----------------------------------------------------------
    let position: HashMap<&str, usize> = selected
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.name.as_str(), i))
        .collect();
    let tasks: Vec<Task> = selected
        .iter()
        .map(|c| Task {
            duration: ((c.duration_months as f64 * pacing.duration_factor).ceil() as u32).max(1),
            effort: c.effort,
            requires: c
                .requires
                .iter()
                .filter_map(|r| position.get(r.name.as_str()).copied())
                .collect(),
            not_before: c
                .earliest_phase
                .as_ref()
                .and_then(|p| framework.phases.iter().position(|ph| ph.id.name == p.name))
                .map_or(0, |i| phase_bounds[i].0),
            prioritised: prioritised.contains(&c.id.name),
            tier: c.tier,
        })
        .collect();
    let placements = schedule::schedule(&tasks, pacing.max_parallel, months);

    // --- Costs -------------------------------------------------------------
    let income_factor = framework
        .cost_model
        .income_factors
        .get(input.country.income_group);
    // Without a stated population, costs are for the reference population
    // and the plan says so (see the assumptions).
    let costed_population = input
        .country
        .population_millions
        .unwrap_or(framework.cost_model.reference_population_millions);
    let population_ratio = costed_population / framework.cost_model.reference_population_millions;
    let sector_count = settings.priority_sectors.len() as f64;
    let cost_of = |c: &crate::framework::Component| -> Thousands {
        let base = c.cost.base_usd_millions * population_ratio.powf(c.cost.population_elasticity);
        let sectors = c.cost.per_priority_sector_usd_millions * sector_count;
        ((base + sectors) * income_factor * 1000.0).round() as Thousands
    };
    let cost_basis_of = |c: &crate::framework::Component| -> String {
        let mut basis = format!(
            "USD {} million at {} million people × ({} million people / {})^{} × income factor {} ({})",
            format_number(c.cost.base_usd_millions, 3),
            format_number(framework.cost_model.reference_population_millions, 2),
            format_number(costed_population, 2),
            format_number(framework.cost_model.reference_population_millions, 2),
            format_number(c.cost.population_elasticity, 2),
            format_number(income_factor, 2),
            input
                .country
                .income_group
                .map_or("income group not stated", |g| g.code())
        );
        if input.country.population_millions.is_none() {
            basis.push_str(", population not stated");
        }
        if c.cost.per_priority_sector_usd_millions > 0.0 {
            basis.push_str(&format!(
                ", plus USD {} million per priority sector × {}",
                format_number(c.cost.per_priority_sector_usd_millions, 3),
                settings.priority_sectors.len()
            ));
        }
        basis.push_str(". Indicative assumption, not a quotation.");
        basis
    };

    let mut components: Vec<PlannedComponent> = Vec::new();
    let mut deferred: Vec<DeferredComponent> = Vec::new();
    let mut cost_k: HashMap<String, Thousands> = HashMap::new();
    for (i, c) in selected.iter().enumerate() {
        let k = cost_of(c);
        let because = included.get(&c.id.name).cloned().unwrap_or_default();
        match &placements[i] {
            Placement::Scheduled {
                ready_from,
                start,
                end,
            } => {
                cost_k.insert(c.id.name.clone(), k);
                components.push(PlannedComponent {
                    id: c.id.name.clone(),
                    title: c.title.clone(),
                    pillar: c.pillar.name.clone(),
                    summary: filler.fill(&c.summary),
                    phase: framework.phases[phase_of(*start)].id.name.clone(),
                    ready_month: *ready_from,
                    start_month: *start,
                    end_month: *end,
                    duration_months: end - start,
                    depends_on: c
                        .requires
                        .iter()
                        .filter(|r| position.contains_key(r.name.as_str()))
                        .map(|r| r.name.clone())
                        .collect(),
                    builds_on: c
                        .requires
                        .iter()
                        .filter(|r| skipped.contains_key(&r.name))
                        .map(|r| r.name.clone())
                        .collect(),
                    cost_usd_millions: to_millions(k),
                    cost_basis: cost_basis_of(c),
                    financing: c
                        .financing
                        .iter()
                        .filter_map(|m| framework.pppp_model(m))
                        .map(|m| FinancingOption {
                            id: m.id.name.clone(),
                            name: m.name.clone(),
                        })
                        .collect(),
                    lead: filler.fill(&c.lead),
                    raises: c.raises.iter().map(|d| d.name.clone()).collect(),
                    sdgs: c.sdgs.clone(),
                    change_management: c.change_management.clone(),
                    milestone: c.milestone.clone(),
                    prioritised: prioritised.contains(&c.id.name),
                    because,
                });
            }
            Placement::DoesNotFit {
                ready_from,
                earliest_start,
            } => {
                let duration = tasks[i].duration;
                let q = |m: u32| words::quarter(settings.start_year, m);
                let wait = if earliest_start > ready_from {
                    format!(
                        "Its prerequisites allow a start in {}, but at the {} pace ({} components at once) no delivery capacity is free before {}. ",
                        q(*ready_from),
                        pacing.name.to_lowercase(),
                        pacing.max_parallel,
                        q(*earliest_start),
                    )
                } else {
                    format!("It can start in {} at the earliest. ", q(*earliest_start))
                };
                deferred.push(DeferredComponent {
                    id: c.id.name.clone(),
                    title: c.title.clone(),
                    reason: format!(
                        "{wait}It needs {duration} months and would run past December {end_year}, the end of the plan.",
                    ),
                    earliest_start_month: Some(*earliest_start),
                    cost_usd_millions: to_millions(k),
                    because,
                });
            }
            Placement::BlockedBy(blocker) => {
                let blocker = selected[*blocker];
                deferred.push(DeferredComponent {
                    id: c.id.name.clone(),
                    title: c.title.clone(),
                    reason: format!("It requires “{}”, which is deferred.", blocker.title),
                    earliest_start_month: None,
                    cost_usd_millions: to_millions(k),
                    because,
                });
            }
        }
    }
    // Components in schedule order: start month, then catalogue order.
    components.sort_by_key(|c| (c.start_month, position[c.id.as_str()]));

    // Spread each component's cost evenly over its months, in whole thousands.
    let mut monthly: Vec<Thousands> = vec![0; months as usize];
    for c in &components {
        let total = cost_k[&c.id];
        let span = (c.end_month - c.start_month) as i64;
        for (offset, month) in (c.start_month..c.end_month).enumerate() {
            let share = total / span + if (offset as i64) < total % span { 1 } else { 0 };
            monthly[month as usize] += share;
        }
    }
    let total_k: Thousands = components.iter().map(|c| cost_k[&c.id]).sum();
    let by_year: Vec<YearCost> = (0..settings.horizon_years)
        .map(|y| YearCost {
            year: settings.start_year + y as i32,
            cost_usd_millions: to_millions(
                monthly[(y * 12) as usize..((y + 1) * 12) as usize]
                    .iter()
                    .sum(),
            ),
        })
        .collect();
    let phase_cost_k: Vec<Thousands> = phase_bounds
        .iter()
        .map(|(s, e)| monthly[*s as usize..*e as usize].iter().sum())
        .collect();

    // --- Phases, pillars ------------------------------------------------------
    let month_year = |month: u32| settings.start_year + (month / 12) as i32;
    let phases: Vec<PhaseView> = framework
        .phases
        .iter()
        .enumerate()
        .map(|(i, p)| PhaseView {
            id: p.id.name.clone(),
            name: p.name.clone(),
            purpose: p.purpose.clone(),
            start_month: phase_bounds[i].0,
            end_month: phase_bounds[i].1,
            start_year: month_year(phase_bounds[i].0),
            end_year: month_year(phase_bounds[i].1.saturating_sub(1)),
            components: components
                .iter()
                .filter(|c| c.phase == p.id.name)
                .map(|c| c.id.clone())
                .collect(),
            cost_usd_millions: to_millions(phase_cost_k[i]),
        })
        .collect();
    let pillars: Vec<PillarView> = framework
        .pillars
        .iter()
        .map(|p| {
            let members: Vec<&PlannedComponent> = components
                .iter()
                .filter(|c| c.pillar == p.id.name)
                .collect();
            PillarView {
                id: p.id.name.clone(),
                name: p.name.clone(),
                description: p.description.clone(),
                components: members.iter().map(|c| c.id.clone()).collect(),
                cost_usd_millions: to_millions(members.iter().map(|c| cost_k[&c.id]).sum()),
            }
        })
        .collect();

    // --- Financing ------------------------------------------------------------
    let mix_choice = first_with(&|r| r.financing_mix.is_some());
    let base_mix: IndexMap<String, f64> = mix_choice
        .and_then(|(r, _)| r.financing_mix.clone())
        .unwrap_or_else(|| framework.meta.default_financing_mix.clone());
    let mix_basis = mix_choice.map_or("framework default".to_string(), |(r, _)| r.id.name.clone());
    let shares = apply_external_share(framework, &base_mix, settings.external_financing_share);
    let amounts = split_exact(
        total_k,
        &shares.iter().map(|(_, s, _)| *s).collect::<Vec<_>>(),
    );
    let by_source: Vec<SourceShare> = shares
        .iter()
        .zip(amounts)
        .map(|((source, share, from_profile), amount)| SourceShare {
            id: source.id.name.clone(),
            name: source.name.clone(),
            description: source.description.clone(),
            share: round(*share, 4),
            amount_usd_millions: to_millions(amount),
            basis: if *from_profile {
                "profile: plan.external_financing_share".to_string()
            } else {
                mix_basis.clone()
            },
        })
        .collect();
    let mut model_uses: IndexMap<String, Vec<String>> = IndexMap::new();
    for c in &components {
        if let Some(first) = c.financing.first() {
            model_uses
                .entry(first.id.clone())
                .or_default()
                .push(c.id.clone());
        }
    }
    let pppp_models: Vec<ModelUse> = framework
        .pppp_models
        .iter()
        .filter_map(|m| {
            model_uses.get(&m.id.name).map(|used| ModelUse {
                id: m.id.name.clone(),
                name: m.name.clone(),
                description: m.description.clone(),
                example: m.example.clone(),
                partners: m.partners.clone(),
                components: used.clone(),
            })
        })
        .collect();
    let total = to_millions(total_k);
    let envelope = settings.budget_usd_millions;
    let financing = FinancingView {
        total_cost_usd_millions: total,
        envelope_usd_millions: envelope,
        gap_usd_millions: envelope.map(|e| round(total - e, 3)),
        cost_per_capita_usd: input
            .country
            .population_millions
            .map(|p| round(total / p, 2)),
        by_source,
        by_year,
        by_pillar: pillars
            .iter()
            .map(|p| PillarCost {
                id: p.id.clone(),
                name: p.name.clone(),
                cost_usd_millions: p.cost_usd_millions,
            })
            .collect(),
        by_phase: phases
            .iter()
            .map(|p| PillarCost {
                id: p.id.clone(),
                name: p.name.clone(),
                cost_usd_millions: p.cost_usd_millions,
            })
            .collect(),
        mix_rule: mix_choice.map(|(r, _)| r.id.name.clone()),
        mix_because: mix_choice.map_or_else(
            || {
                "No financing rule applied; the framework's default mix is used (assumption)."
                    .to_string()
            },
            |(r, _)| filler.fill(&r.because),
        ),
        pppp_models,
        cost_basis: framework.cost_model.basis.clone(),
        deferred_cost_usd_millions: to_millions(
            deferred
                .iter()
                .map(|d| (d.cost_usd_millions * 1000.0).round() as Thousands)
                .sum(),
        ),
    };

    filler.set("total_cost", format_usd(total));
    filler.set(
        "envelope",
        envelope.map_or_else(|| "not stated".to_string(), format_usd),
    );
    let gap = financing.gap_usd_millions.filter(|g| *g > 0.0);
    filler.set("gap", gap.map_or_else(|| "none".to_string(), format_usd));

    // --- Governance -------------------------------------------------------------
    let governance_choice = first_with(&|r| r.governance.is_some());
    let governance_id = governance_choice
        .and_then(|(r, _)| r.governance.as_ref())
        .map_or(framework.meta.default_governance.name.as_str(), |g| {
            g.name.as_str()
        });
    let model = framework
        .governance_model(governance_id)
        .expect("validated: governance model exists");
    let governance = GovernanceView {
        model: model.id.name.clone(),
        name: model.name.clone(),
        summary: filler.fill(&model.summary),
        seen_in: model.seen_in.clone(),
        rule: governance_choice.map(|(r, _)| r.id.name.clone()),
        because: governance_choice.map_or_else(
            || "No governance rule applied; the framework's default model is used.".to_string(),
            |(r, _)| filler.fill(&r.because),
        ),
        bodies: model
            .bodies
            .iter()
            .map(|b| BodyView {
                name: filler.fill(&b.name),
                chair: filler.fill(&b.chair),
                members: filler.fill(&b.members),
                role: b.role.clone(),
                meets: b.meets.clone(),
            })
            .collect(),
        coordination: model.coordination.iter().map(|t| filler.fill(t)).collect(),
        data_sharing: model.data_sharing.iter().map(|t| filler.fill(t)).collect(),
    };

    let planned: HashSet<&str> = components.iter().map(|c| c.id.as_str()).collect();
    let key_decisions: Vec<DecisionView> = framework
        .decisions
        .iter()
        .filter(|d| {
            d.component
                .as_ref()
                .is_none_or(|c| planned.contains(c.name.as_str()))
        })
        .filter(|d| !d.when_funding_gap || gap.is_some())
        .filter_map(|d| {
            let outcome = d.when.evaluate(&facts);
            outcome.holds.then(|| DecisionView {
                id: d.id.name.clone(),
                text: filler.fill(&d.text),
                evidence: outcome.evidence,
            })
        })
        .take(5)
        .collect();
    let enablers: Vec<EnablerView> = framework
        .enablers
        .iter()
        .map(|e| EnablerView {
            id: e.id.name.clone(),
            name: e.name.clone(),
            description: e.description.clone(),
            components: e
                .components
                .iter()
                .filter(|c| planned.contains(c.name.as_str()))
                .map(|c| c.name.clone())
                .collect(),
        })
        .collect();

    // --- Readiness ----------------------------------------------------------------
    let readiness = readiness_view(input, framework, &components, weakest, strongest);

    // --- Recommendations ----------------------------------------------------------
    let recommendations = framework
        .recommendations
        .iter()
        .map(|r| {
            let mut rationale = Vec::new();
            let mut triggered_by = Vec::new();
            for t in &r.tailoring {
                let outcome = t.when.evaluate(&facts);
                if outcome.holds {
                    rationale.push(filler.fill(&t.text));
                    triggered_by.push(Trigger {
                        id: t.id.name.clone(),
                        evidence: outcome.evidence,
                    });
                }
            }
            RecommendationView {
                id: r.id.name.clone(),
                title: r.title.clone(),
                principle: filler.fill(&r.principle),
                rationale,
                triggered_by,
            }
        })
        .collect();

    // --- KPIs ---------------------------------------------------------------------
    let kpis: Vec<KpiView> = framework
        .kpis
        .iter()
        .filter(|k| {
            k.component
                .as_ref()
                .is_none_or(|c| planned.contains(c.name.as_str()))
        })
        .map(|k| {
            let (baseline, baseline_source) =
                match &k.baseline {
                    Baseline::Index { index } => {
                        let value = input.readiness.indices.as_ref().and_then(|i| i.get(index));
                        let year = input.readiness.indices.as_ref().map_or(0, |i| i.year);
                        match value {
                        Some(v) => (
                            Some(v),
                            if input.readiness.indices.as_ref().is_some_and(|i| i.from_reference) {
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
                    Baseline::Score { dimension } => match input.readiness.scores.get(dimension) {
                        Some(v) => (
                            Some(*v),
                            if input.readiness.assessment.derived_from_indices {
                                format!(
                                    "Derived from published indices, {}; not assessed",
                                    words::long_date(&input.readiness.assessment.date)
                                )
                            } else {
                                format!(
                                    "Readiness assessment, {}",
                                    words::long_date(&input.readiness.assessment.date)
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
                };
            let targets = phases
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    let (value, text) = match &k.target {
                        Target::Step { step, cap } => match baseline {
                            Some(b) => {
                                let v = round((b + step * (i as f64 + 1.0)).min(*cap), 4);
                                (Some(v), format_number(v, 4))
                            }
                            None => (None, "Set once the baseline is measured".to_string()),
                        },
                        Target::PerPhase { values } => {
                            (None, values.get(i).cloned().unwrap_or_default())
                        }
                    };
                    KpiTarget {
                        phase: p.id.clone(),
                        year: p.end_year,
                        value,
                        text,
                    }
                })
                .collect();
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
            }
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
    let monitoring_reviews = framework
        .monitoring
        .reviews
        .iter()
        .map(|r| filler.fill(r))
        .collect();

    // --- Risks --------------------------------------------------------------------
    let risks = framework
        .risks
        .iter()
        .map(|r| {
            let mut score = r.base;
            let mut drivers = Vec::new();
            for d in &r.drivers {
                let outcome = d.when.evaluate(&facts);
                if outcome.holds {
                    score += d.by;
                    drivers.push(Reason {
                        rule: d.id.name.clone(),
                        text: filler.fill(&d.because),
                        evidence: outcome.evidence,
                    });
                }
            }
            let score = score.clamp(1, 5);
            RiskView {
                id: r.id.name.clone(),
                title: r.title.clone(),
                description: r.description.clone(),
                likelihood: match score {
                    1 | 2 => "low",
                    3 => "medium",
                    _ => "high",
                }
                .to_string(),
                score,
                drivers,
                mitigation: filler.fill(&r.mitigation),
                mitigated_by: r
                    .mitigated_by
                    .iter()
                    .filter(|c| planned.contains(c.name.as_str()))
                    .map(|c| c.name.clone())
                    .collect(),
            }
        })
        .collect();

    // --- Rule trace -----------------------------------------------------------------
    let rules = framework
        .rules
        .iter()
        .zip(&outcomes)
        .map(|(rule, outcome)| RuleTrace {
            id: rule.id.name.clone(),
            because: filler.fill(&rule.because),
            fired: outcome.holds,
            evidence: outcome.evidence.clone(),
            effects: if outcome.holds {
                effects(rule, pacing_choice, governance_choice, mix_choice)
            } else {
                Vec::new()
            },
        })
        .collect();

    let assumptions = assumptions(input, framework, &sponsor, &pacing_view, &financing, months);

    Plan {
        schema: PLAN_SCHEMA.to_string(),
        generator: format!("dgplan {}", env!("CARGO_PKG_VERSION")),
        generated_on: generated_on.to_string(),
        framework: FrameworkRef {
            id: framework.meta.id.clone(),
            version: framework.meta.version.clone(),
            title: framework.meta.title.clone(),
        },
        country: CountryView {
            name: input.country.name.clone(),
            short_name: input.country.short_name.clone(),
            display_name: input.country.display_name().to_string(),
            iso3: input.country.iso3.clone(),
            region: input.country.region.clone(),
            groups: input.country.groups.clone(),
            group_names: input
                .country
                .groups
                .iter()
                .map(|g| g.name().to_string())
                .collect(),
            income_group: input.country.income_group,
            income_group_name: input
                .country
                .income_group
                .map_or_else(|| "not stated".to_string(), |g| g.name().to_string()),
            population_millions: input.country.population_millions,
        },
        settings: Settings {
            lead_institution: settings.lead_institution.clone(),
            sponsor: words::capitalise(&sponsor),
            sponsor_given: settings.sponsor.is_some(),
            budget_usd_millions: settings.budget_usd_millions,
            external_financing_share: settings.external_financing_share,
            priority_sectors: settings.priority_sectors.clone(),
            sdg_focus: settings.sdg_focus.clone(),
            hazards: settings.hazards.clone(),
        },
        context: input.context.clone(),
        horizon: Horizon {
            start_year: settings.start_year,
            end_year,
            years: settings.horizon_years,
            months,
        },
        assessment: input.readiness.assessment.clone(),
        readiness,
        vision: filler.fill(&framework.meta.vision),
        recommendations,
        pillars,
        phases,
        pacing: pacing_view,
        components,
        in_place: skipped.into_values().collect(),
        deferred,
        key_decisions,
        governance,
        enablers,
        financing,
        key_result_areas,
        kpis,
        monitoring_reviews,
        risks,
        key_milestones: framework
            .meta
            .key_milestones
            .iter()
            .map(|m| m.name.clone())
            .collect(),
        rules,
        assumptions,
    }
}

/// Up to three assessed dimensions below the average score (weakest first)
/// and up to three above it (strongest first); ties in framework order. A
/// dimension at the average is neither, so the two lists never overlap.
fn extremes(input: &CountryInput, framework: &Framework) -> (Vec<String>, Vec<String>) {
    let mut assessed: Vec<(usize, &str, f64)> = framework
        .dimensions
        .iter()
        .enumerate()
        .filter_map(|(i, d)| {
            input
                .readiness
                .scores
                .get(&d.id.name)
                .map(|s| (i, d.id.name.as_str(), *s))
        })
        .collect();
    if assessed.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let average = assessed.iter().map(|a| a.2).sum::<f64>() / assessed.len() as f64;
    assessed.sort_by(|a, b| a.2.total_cmp(&b.2).then(a.0.cmp(&b.0)));
    let weakest = assessed
        .iter()
        .filter(|a| a.2 < average - 1e-9)
        .take(3)
        .map(|(_, id, _)| id.to_string())
        .collect();
    assessed.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
    let strongest = assessed
        .iter()
        .filter(|a| a.2 > average + 1e-9)
        .take(3)
        .map(|(_, id, _)| id.to_string())
        .collect();
    (weakest, strongest)
}

fn readiness_view(
    input: &CountryInput,
    framework: &Framework,
    components: &[PlannedComponent],
    weakest: Vec<String>,
    strongest: Vec<String>,
) -> ReadinessView {
    let indices = input.readiness.indices.as_ref();
    let target = framework.meta.target_score;
    let disagreements: Vec<String> = framework
        .dimensions
        .iter()
        .filter_map(|d| {
            let score = input.readiness.scores.get(&d.id.name)?;
            let index = d.related_index.as_ref()?;
            let value = indices.and_then(|i| i.get(index))?;
            let scaled = value * 5.0;
            ((score - scaled).abs() >= framework.meta.index_disagreement).then(|| {
                format!(
                    "{} is scored {} of 5, but the published {} is {:.4}, or {} on the same 0-5 scale. Check the evidence behind the score before relying on it.",
                    d.name,
                    format_number(*score, 1),
                    index.name.to_uppercase(),
                    value,
                    format_number(scaled, 1)
                )
            })
        })
        .collect();
    let dimensions: Vec<DimensionView> = framework
        .dimensions
        .iter()
        .map(|d| {
            let score = input.readiness.scores.get(&d.id.name).copied();
            let level = score.map(level_of);
            DimensionView {
                id: d.id.name.clone(),
                name: d.name.clone(),
                description: d.description.clone(),
                score,
                level,
                level_name: level
                    .and_then(|l| framework.meta.level_names.get(l as usize).cloned())
                    .unwrap_or_else(|| "Not assessed".to_string()),
                level_description: level
                    .and_then(|l| d.levels.get(l as usize).cloned())
                    .unwrap_or_else(|| "Not assessed.".to_string()),
                // Checklist answers are an assessment of that dimension even
                // in a draft whose other scores were derived from indices.
                source: match (score, input.readiness.checklist.get(&d.id.name)) {
                    (Some(_), Some(checklist)) => format!(
                        "assessment checklist, {} of {} questions answered",
                        checklist.answered.len(),
                        checklist.questions()
                    ),
                    (Some(_), _) if input.readiness.assessment.derived_from_indices => {
                        "derived from published indices".to_string()
                    }
                    (Some(_), None) => "assessment".to_string(),
                    (None, _) => "not assessed".to_string(),
                },
                derivation: input
                    .readiness
                    .checklist
                    .get(&d.id.name)
                    .map(|c| c.working()),
                evidence: input.readiness.evidence.get(&d.id.name).cloned(),
                gap: score.map(|s| round((target - s).max(0.0), 2)),
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
        })
        .collect();
    let scores: Vec<f64> = dimensions.iter().filter_map(|d| d.score).collect();
    ReadinessView {
        average_score: (!scores.is_empty())
            .then(|| round(scores.iter().sum::<f64>() / scores.len() as f64, 2)),
        target_score: target,
        weakest,
        strongest,
        not_assessed: dimensions
            .iter()
            .filter(|d| d.score.is_none())
            .map(|d| d.id.clone())
            .collect(),
        dimensions,
        benchmark: input.benchmark.clone(),
        disagreements,
        indices: indices.map(|i| IndicesView {
            year: i.year,
            source: if i.from_reference {
                format!(
                    "published, UN E-Government Survey {} (reference data shipped with dgplan)",
                    i.year
                )
            } else {
                format!(
                    "UN E-Government Survey {}, as given in readiness.toml",
                    i.year
                )
            },
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
        }),
    }
}

/// Shares by source. A profile's `external_financing_share` fixes the share of
/// external sources; the other sources keep their proportions in what is left.
fn apply_external_share<'f>(
    framework: &'f Framework,
    mix: &IndexMap<String, f64>,
    external: Option<f64>,
) -> Vec<(&'f crate::framework::FinancingSource, f64, bool)> {
    let sources = &framework.financing_sources;
    let share_of = |id: &str| mix.get(id).copied().unwrap_or(0.0);
    let Some(external) = external else {
        return sources
            .iter()
            .map(|s| (s, share_of(&s.id), false))
            .collect();
    };
    let external_count = sources.iter().filter(|s| s.external).count().max(1) as f64;
    let internal_total: f64 = sources
        .iter()
        .filter(|s| !s.external)
        .map(|s| share_of(&s.id))
        .sum();
    let internal_count = sources.iter().filter(|s| !s.external).count().max(1) as f64;
    sources
        .iter()
        .map(|s| {
            if s.external {
                (s, external / external_count, true)
            } else if internal_total > 0.0 {
                (
                    s,
                    (1.0 - external) * share_of(&s.id) / internal_total,
                    false,
                )
            } else {
                (s, (1.0 - external) / internal_count, false)
            }
        })
        .collect()
}

/// Splits a whole amount by shares so that the parts add up exactly
/// (largest remainder).
fn split_exact(total: Thousands, shares: &[f64]) -> Vec<Thousands> {
    let raw: Vec<f64> = shares.iter().map(|s| s * total as f64).collect();
    let mut parts: Vec<Thousands> = raw.iter().map(|r| r.floor() as Thousands).collect();
    let mut left = total - parts.iter().sum::<Thousands>();
    let mut order: Vec<usize> = (0..shares.len()).collect();
    order.sort_by(|&a, &b| {
        (raw[b] - raw[b].floor())
            .total_cmp(&(raw[a] - raw[a].floor()))
            .then(a.cmp(&b))
    });
    for i in order.into_iter().cycle().take(shares.len() * 2) {
        if left <= 0 {
            break;
        }
        if shares[i] > 0.0 {
            parts[i] += 1;
            left -= 1;
        }
    }
    parts
}

fn effects(
    rule: &Rule,
    pacing: Option<(&Rule, &Outcome)>,
    governance: Option<(&Rule, &Outcome)>,
    mix: Option<(&Rule, &Outcome)>,
) -> Vec<String> {
    let ids = |list: &[crate::framework::Ident]| {
        list.iter()
            .map(|i| i.name.clone())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let chosen =
        |choice: Option<(&Rule, &Outcome)>| choice.is_some_and(|(r, _)| std::ptr::eq(r, rule));
    let mut out = Vec::new();
    if !rule.include.is_empty() {
        out.push(format!("include: {}", ids(&rule.include)));
    }
    if !rule.prioritise.is_empty() {
        out.push(format!("prioritise: {}", ids(&rule.prioritise)));
    }
    if !rule.skip.is_empty() {
        out.push(format!("already in place: {}", ids(&rule.skip)));
    }
    if let Some(p) = &rule.pacing {
        out.push(if chosen(pacing) {
            format!("pacing: {}", p.name)
        } else {
            format!("pacing {} not used: an earlier rule chose the pace", p.name)
        });
    }
    if let Some(g) = &rule.governance {
        out.push(if chosen(governance) {
            format!("governance: {}", g.name)
        } else {
            format!(
                "governance {} not used: an earlier rule chose the model",
                g.name
            )
        });
    }
    if rule.financing_mix.is_some() {
        out.push(if chosen(mix) {
            "financing mix set".to_string()
        } else {
            "financing mix not used: an earlier rule set it".to_string()
        });
    }
    out
}

fn assumptions(
    input: &CountryInput,
    framework: &Framework,
    sponsor: &str,
    pacing: &PacingView,
    financing: &FinancingView,
    months: u32,
) -> Vec<String> {
    let mut out = vec![
        framework.cost_model.basis.clone(),
        format!(
            "Months are counted from 0 at the start of January {}; the plan covers {} months.",
            input.plan.start_year, months
        ),
        format!(
            "Phases split the horizon as {}.",
            words::join_words(
                &framework
                    .phases
                    .iter()
                    .map(|p| format!(
                        "{} {}%",
                        p.name.to_lowercase(),
                        format_number(p.share * 100.0, 1)
                    ))
                    .collect::<Vec<_>>()
            )
        ),
        format!(
            "Pace: {} ({} components at most at once, durations × {}). {}",
            pacing.name,
            pacing.max_parallel,
            format_number(pacing.duration_factor, 2),
            pacing.because
        ),
    ];
    match input.plan.external_financing_share {
        Some(share) => out.push(format!(
            "Development partners finance {}% of the cost, as stated in the profile.",
            format_number(share * 100.0, 1)
        )),
        None => out.push(format!("Financing mix: {}", financing.mix_because)),
    }
    if input.country.population_millions.is_none() {
        out.push(format!(
            "The profile states no population, so every cost is for a country of {} million people and must be rescaled; no cost per person is given.",
            format_number(framework.cost_model.reference_population_millions, 2)
        ));
    }
    if input.country.income_group.is_none() {
        out.push(format!(
            "The profile states no income group: costs use a neutral income factor of {}, no rule that depends on income applies, and the financing mix is the framework's default.",
            format_number(framework.cost_model.income_factors.unstated, 2)
        ));
    }
    if input.plan.sponsor.is_none() {
        out.push(format!(
            "The profile names no sponsor; the plan assumes {sponsor} sponsors it."
        ));
    }
    if input.plan.budget_usd_millions.is_none() {
        out.push(
            "The profile states no budget envelope, so no funding gap is computed.".to_string(),
        );
    }
    let missing: Vec<String> = framework
        .dimensions
        .iter()
        .filter(|d| !input.readiness.scores.contains_key(&d.id.name))
        .map(|d| d.name.clone())
        .collect();
    if !missing.is_empty() {
        out.push(format!(
            "Not assessed, and not treated as zero: {}.",
            words::join_words(&missing)
        ));
    }
    if let Some(b) = &input.benchmark
        && b.groups != input.country.groups
    {
        let names = |g: &[crate::vocabulary::CountryGroup]| {
            if g.is_empty() {
                "none".to_string()
            } else {
                g.iter().map(|x| x.code()).collect::<Vec<_>>().join(", ")
            }
        };
        out.push(format!(
            "The profile gives the country groups {}; the reference lists ({}) give {}. The plan follows the profile; check which is current.",
            names(&input.country.groups),
            b.source.split("country groups: ").nth(1).unwrap_or("UN-OHRLLS"),
            names(&b.groups)
        ));
    }
    if input
        .readiness
        .indices
        .as_ref()
        .is_some_and(|i| i.from_reference)
    {
        out.push("readiness.toml gives no published index values; the plan uses the UN E-Government Survey values shipped with dgplan.".to_string());
    }
    if input.readiness.indices.is_none() {
        out.push("No published index values were given; KPIs based on them start with the baseline to be established.".to_string());
    }
    let stated: BTreeMap<&str, ()> = input.context.keys().map(|k| (k.as_str(), ())).collect();
    let unstated: Vec<String> = crate::vocabulary::CONTEXT_FACTS
        .iter()
        .filter(|(name, _)| !stated.contains_key(name))
        .map(|(name, _)| name.replace('_', " "))
        .collect();
    if !unstated.is_empty() {
        out.push(format!(
            "The profile does not state: {}. A rule that depends on one of them says in its reason how it treated the gap.",
            words::join_words(&unstated)
        ));
    }
    out
}
