//! Cross-checks within a framework: every reference resolves, ids are
//! unique, dependencies have no cycle, every component can fit in a plan.

use std::collections::{HashMap, HashSet};

use super::{Baseline, Condition, Framework, FrameworkSources, Ident, Target};
use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile, did_you_mean};
use crate::vocabulary::{CONTEXT_FACTS, FactValue, index_keys};

/// Longest horizon a profile may ask for, in months.
const LONGEST_HORIZON_MONTHS: u32 = 15 * 12;

/// Placeholders the engine fills in framework texts.
pub const PLACEHOLDERS: &[&str] = &[
    "country",
    "lead",
    "sponsor",
    "start_year",
    "end_year",
    "horizon_years",
    "population",
    "groups",
    "income",
    "sectors",
    "hazards",
    "weakest",
    "strongest",
    "total_cost",
    "envelope",
    "gap",
];

const MAIN: usize = 0;
const DIMENSIONS: usize = 1;
const RECOMMENDATIONS: usize = 2;
const COMPONENTS: usize = 3;
const RULES: usize = 4;
const RISKS: usize = 5;
const KPIS: usize = 6;

struct Validator<'a> {
    framework: &'a Framework,
    files: &'a [SourceFile],
    diagnostics: &'a mut Diagnostics,
}

pub(super) fn validate(
    framework: &Framework,
    sources: &FrameworkSources,
    diagnostics: &mut Diagnostics,
) {
    let mut v = Validator {
        framework,
        files: &sources.files,
        diagnostics,
    };
    v.unique_ids();
    v.main_file();
    v.dimensions();
    v.recommendations();
    v.components();
    v.rules();
    v.risks();
    v.kpis();
}

impl Validator<'_> {
    fn error(&mut self, file: usize, at: &Ident, message: String, hint: String) {
        self.diagnostics
            .push(Diagnostic::at(&self.files[file], at.span.clone(), message).with_hint(hint));
    }

    fn reference(&mut self, file: usize, at: &Ident, kind: &str, known: &[&str]) -> bool {
        if known.contains(&&**at) {
            return true;
        }
        let hint = match did_you_mean(at, known.iter().copied()) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("known {kind}s: {}", known.join(", ")),
        };
        self.error(file, at, format!("unknown {kind} `{}`", &**at), hint);
        false
    }

    fn unique_ids(&mut self) {
        let f = self.framework;
        let groups: Vec<(usize, &str, Vec<&Ident>)> = vec![
            (MAIN, "phase", f.phases.iter().map(|x| &x.id).collect()),
            (MAIN, "pillar", f.pillars.iter().map(|x| &x.id).collect()),
            (
                MAIN,
                "financing source",
                f.financing_sources.iter().map(|x| &x.id).collect(),
            ),
            (
                MAIN,
                "PPPP model",
                f.pppp_models.iter().map(|x| &x.id).collect(),
            ),
            (
                MAIN,
                "pacing profile",
                f.pacing.iter().map(|x| &x.id).collect(),
            ),
            (
                MAIN,
                "governance model",
                f.governance_models.iter().map(|x| &x.id).collect(),
            ),
            (
                DIMENSIONS,
                "dimension",
                f.dimensions.iter().map(|x| &x.id).collect(),
            ),
            (
                RECOMMENDATIONS,
                "recommendation",
                f.recommendations.iter().map(|x| &x.id).collect(),
            ),
            (
                RECOMMENDATIONS,
                "tailoring",
                f.recommendations
                    .iter()
                    .flat_map(|r| r.tailoring.iter().map(|t| &t.id))
                    .collect(),
            ),
            (
                COMPONENTS,
                "component",
                f.components.iter().map(|x| &x.id).collect(),
            ),
            (RULES, "rule", f.rules.iter().map(|x| &x.id).collect()),
            (RISKS, "risk", f.risks.iter().map(|x| &x.id).collect()),
            (
                RISKS,
                "risk driver",
                f.risks
                    .iter()
                    .flat_map(|r| r.drivers.iter().map(|d| &d.id))
                    .collect(),
            ),
            (KPIS, "KPI", f.kpis.iter().map(|x| &x.id).collect()),
            (
                KPIS,
                "key result area",
                f.key_result_areas.iter().map(|x| &x.id).collect(),
            ),
            (MAIN, "enabler", f.enablers.iter().map(|x| &x.id).collect()),
            (
                RECOMMENDATIONS,
                "decision",
                f.decisions.iter().map(|x| &x.id).collect(),
            ),
        ];
        for (file, kind, ids) in groups {
            if ids.is_empty() {
                self.diagnostics.push(
                    Diagnostic::file(
                        &self.files[file].path,
                        format!("the framework defines no {kind}"),
                    )
                    .with_hint(format!("add at least one {kind}")),
                );
            }
            let mut first: HashMap<&str, &Ident> = HashMap::new();
            for id in ids {
                if id.trim().is_empty() {
                    self.error(
                        file,
                        id,
                        format!("empty {kind} id"),
                        "give every entry a short id".into(),
                    );
                } else if let Some(earlier) = first.get(&**id) {
                    let (line, _) = self.files[file].line_column(earlier.span.start);
                    self.error(
                        file,
                        id,
                        format!("duplicate {kind} id `{}`", &**id),
                        format!("it is already used on line {line}; ids must be unique"),
                    );
                } else {
                    first.insert(id, id);
                }
            }
        }
    }

    fn main_file(&mut self) {
        let f = self.framework;
        let total: f64 = f.phases.iter().map(|p| p.share).sum();
        let shares_wrong = (total - 1.0).abs() > 0.001 || f.phases.iter().any(|p| p.share <= 0.0);
        // Reported once, at the first phase.
        if shares_wrong && let Some(first) = f.phases.first() {
            self.error(
                MAIN,
                &first.id,
                format!("phase shares add up to {total:.3}, not 1"),
                "give each phase a positive share of the horizon; together they make 1".into(),
            );
        }
        let pacing: Vec<&str> = f.pacing.iter().map(|p| &*p.id).collect();
        self.reference(MAIN, &f.meta.default_pacing, "pacing profile", &pacing);
        let governance: Vec<&str> = f.governance_models.iter().map(|g| &*g.id).collect();
        self.reference(
            MAIN,
            &f.meta.default_governance,
            "governance model",
            &governance,
        );
        for p in &f.pacing {
            if p.max_parallel == 0 || !(0.5..=3.0).contains(&p.duration_factor) {
                self.error(
                    MAIN,
                    &p.id,
                    "pacing needs max_parallel of at least 1 and a duration_factor from 0.5 to 3"
                        .into(),
                    "check the values of this pacing profile".into(),
                );
            }
        }
        let mix = f.meta.default_financing_mix.clone();
        self.financing_mix(MAIN, &f.meta.default_pacing, &mix);
        let factors = &f.cost_model.income_factors;
        if [
            factors.LIC,
            factors.LMIC,
            factors.UMIC,
            factors.HIC,
            factors.unstated,
        ]
        .iter()
        .any(|x| !x.is_finite() || *x <= 0.0)
            || f.cost_model.reference_population_millions <= 0.0
        {
            self.diagnostics.push(
                Diagnostic::file(
                    &self.files[MAIN].path,
                    "cost model factors must be positive numbers",
                )
                .with_field("cost_model"),
            );
        }
        self.text(MAIN, &f.meta.vision);
        for g in &f.governance_models {
            self.text(MAIN, &g.summary);
            for b in &g.bodies {
                self.text(MAIN, &b.name);
                self.text(MAIN, &b.chair);
            }
            for t in g.coordination.iter().chain(&g.data_sharing) {
                self.text(MAIN, t);
            }
        }
        if f.meta.level_names.len() != 6 {
            self.diagnostics.push(
                Diagnostic::file(
                    &self.files[MAIN].path,
                    format!("{} level names, not 6", f.meta.level_names.len()),
                )
                .with_field("framework.level_names")
                .with_hint("name levels 0 to 5, in order"),
            );
        }
        if !(0.0..=5.0).contains(&f.meta.target_score) {
            self.diagnostics.push(
                Diagnostic::file(&self.files[MAIN].path, "target_score must be from 0 to 5")
                    .with_field("framework.target_score"),
            );
        }
    }

    fn financing_mix(&mut self, file: usize, at: &Ident, mix: &indexmap::IndexMap<String, f64>) {
        let sources: Vec<&str> = self
            .framework
            .financing_sources
            .iter()
            .map(|s| &*s.id)
            .collect();
        for key in mix.keys() {
            if !sources.contains(&key.as_str()) {
                self.error(
                    file,
                    at,
                    format!("financing mix names unknown source `{key}`"),
                    format!("known sources: {}", sources.join(", ")),
                );
            }
        }
        let total: f64 = mix.values().sum();
        if (total - 1.0).abs() > 0.001 || mix.values().any(|v| *v < 0.0) {
            self.error(
                file,
                at,
                format!("financing mix shares add up to {total:.3}, not 1"),
                "give each source a share from 0 to 1; together they make 1".into(),
            );
        }
    }

    fn dimensions(&mut self) {
        for d in &self.framework.dimensions {
            if d.levels.len() != 6 {
                self.error(
                    DIMENSIONS,
                    &d.id,
                    format!(
                        "dimension `{}` describes {} levels, not 6",
                        &*d.id,
                        d.levels.len()
                    ),
                    "describe levels 0 to 5, in order".into(),
                );
            }
            if let Some(index) = &d.related_index {
                self.reference(DIMENSIONS, index, "index", &index_keys());
            }
            let mut seen: Vec<&str> = Vec::new();
            for q in &d.questions {
                let id = &*q.id;
                if id.is_empty()
                    || !id
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                {
                    self.error(
                        DIMENSIONS,
                        &q.id,
                        format!("checklist question id `{id}` is not a short lower-case name"),
                        "use lower-case letters, digits and underscores, such as `budget_line`"
                            .into(),
                    );
                } else if seen.contains(&id) {
                    self.error(
                        DIMENSIONS,
                        &q.id,
                        format!(
                            "dimension `{}` has two checklist questions with id `{id}`",
                            &*d.id
                        ),
                        "give each question of a dimension its own id".into(),
                    );
                }
                seen.push(id);
                if !(2..=6).contains(&q.answers.len()) {
                    self.error(
                        DIMENSIONS,
                        &q.id,
                        format!(
                            "checklist question `{}.{id}` has {} answer(s); a question needs 2 to 6",
                            &*d.id,
                            q.answers.len()
                        ),
                        "list the answers from the weakest (answer 0) to the strongest".into(),
                    );
                }
            }
        }
    }

    fn recommendations(&mut self) {
        let ids: Vec<&str> = self.framework.components.iter().map(|c| &*c.id).collect();
        for d in &self.framework.decisions {
            self.condition(RECOMMENDATIONS, &d.when, &d.id);
            self.text(RECOMMENDATIONS, &d.text);
            if let Some(c) = &d.component {
                self.reference(RECOMMENDATIONS, c, "component", &ids);
            }
        }
        for e in &self.framework.enablers {
            for c in &e.components {
                self.reference(MAIN, c, "component", &ids);
            }
        }
        for r in &self.framework.recommendations {
            self.text(RECOMMENDATIONS, &r.principle);
            for t in &r.tailoring {
                self.condition(RECOMMENDATIONS, &t.when, &t.id);
                self.text(RECOMMENDATIONS, &t.text);
            }
        }
    }

    fn components(&mut self) {
        let f = self.framework;
        let ids: Vec<&str> = f.components.iter().map(|c| &*c.id).collect();
        for m in &f.meta.key_milestones {
            self.reference(MAIN, m, "component", &ids);
        }
        let pillars: Vec<&str> = f.pillars.iter().map(|p| &*p.id).collect();
        let dimensions: Vec<&str> = f.dimensions.iter().map(|d| &*d.id).collect();
        let models: Vec<&str> = f.pppp_models.iter().map(|m| &*m.id).collect();
        let phases: Vec<&str> = f.phases.iter().map(|p| &*p.id).collect();
        for c in &f.components {
            self.text(COMPONENTS, &c.summary);
            self.text(COMPONENTS, &c.lead);
            self.reference(COMPONENTS, &c.pillar, "pillar", &pillars);
            for d in &c.raises {
                self.reference(COMPONENTS, d, "dimension", &dimensions);
            }
            for r in &c.requires {
                if self.reference(COMPONENTS, r, "component", &ids) && r.name == c.id.name {
                    self.error(
                        COMPONENTS,
                        r,
                        "a component cannot require itself".into(),
                        "remove it from `requires`".into(),
                    );
                }
            }
            for m in &c.financing {
                self.reference(COMPONENTS, m, "PPPP model", &models);
            }
            if c.financing.is_empty() {
                self.error(
                    COMPONENTS,
                    &c.id,
                    "no financing model listed".into(),
                    "list at least one PPPP model id".into(),
                );
            }
            if let Some(p) = &c.earliest_phase {
                self.reference(COMPONENTS, p, "phase", &phases);
            }
            if !(1..=3).contains(&c.tier) {
                self.error(
                    COMPONENTS,
                    &c.id,
                    format!("tier {} is not 1, 2 or 3", c.tier),
                    "use 1 for essential, 2 for important, 3 for what can wait".into(),
                );
            }
            if !(c.effort > 0.0 && c.effort <= 1.0) {
                self.error(
                    COMPONENTS,
                    &c.id,
                    format!("effort {} is outside 0 to 1", c.effort),
                    "use 1 for a build or roll-out, 0.5 for policy or legal work".into(),
                );
            }
            if c.duration_months == 0 {
                self.error(
                    COMPONENTS,
                    &c.id,
                    "duration_months must be at least 1".into(),
                    "give the duration in months".into(),
                );
            }
            if let Some(goal) = c.sdgs.iter().find(|g| !(1..=17).contains(*g)) {
                self.error(
                    COMPONENTS,
                    &c.id,
                    format!("SDG {goal} does not exist"),
                    "SDGs are numbered 1 to 17".into(),
                );
            }
            let cost = &c.cost;
            if [
                cost.base_usd_millions,
                cost.population_elasticity,
                cost.per_priority_sector_usd_millions,
            ]
            .iter()
            .any(|x| !x.is_finite() || *x < 0.0)
                || cost.population_elasticity > 1.5
            {
                self.error(
                    COMPONENTS,
                    &c.id,
                    "cost figures must be non-negative numbers, elasticity at most 1.5".into(),
                    "check the [components.cost] table".into(),
                );
            }
        }
        self.cycles_and_fit();
    }

    /// Finds dependency cycles (naming them) and components whose chain of
    /// prerequisites is longer than the longest possible horizon.
    fn cycles_and_fit(&mut self) {
        let f = self.framework;
        let index: HashMap<&str, usize> = f
            .components
            .iter()
            .enumerate()
            .map(|(i, c)| (&*c.id, i))
            .collect();
        // 0 = unvisited, 1 = on the current path, 2 = done.
        let mut state = vec![0u8; f.components.len()];
        let mut longest = vec![0u32; f.components.len()];
        let mut reported: HashSet<Vec<usize>> = HashSet::new();
        fn visit(
            node: usize,
            f: &Framework,
            index: &HashMap<&str, usize>,
            state: &mut [u8],
            longest: &mut [u32],
            path: &mut Vec<usize>,
            cycles: &mut Vec<Vec<usize>>,
        ) -> u32 {
            if state[node] == 2 {
                return longest[node];
            }
            if state[node] == 1 {
                let from = path.iter().position(|n| *n == node).unwrap_or(0);
                cycles.push(path[from..].to_vec());
                return 0;
            }
            state[node] = 1;
            path.push(node);
            let mut before = 0;
            for r in &f.components[node].requires {
                if let Some(&dep) = index.get(&*r.name) {
                    before = before.max(visit(dep, f, index, state, longest, path, cycles));
                }
            }
            path.pop();
            state[node] = 2;
            longest[node] = before + f.components[node].duration_months;
            longest[node]
        }
        let mut cycles = Vec::new();
        for node in 0..f.components.len() {
            let mut path = Vec::new();
            visit(
                node,
                f,
                &index,
                &mut state,
                &mut longest,
                &mut path,
                &mut cycles,
            );
        }
        for cycle in cycles {
            let mut key = cycle.clone();
            key.sort();
            if !reported.insert(key) {
                continue;
            }
            let mut names: Vec<&str> = cycle.iter().map(|i| &*f.components[*i].id).collect();
            names.push(names[0]);
            let at = &f.components[cycle[0]].id;
            self.error(
                COMPONENTS,
                at,
                format!("dependency cycle: {}", names.join(" -> ")),
                "a component cannot, through its prerequisites, require itself; remove one `requires` link".into(),
            );
        }
        for (i, c) in f.components.iter().enumerate() {
            if longest[i] > LONGEST_HORIZON_MONTHS {
                self.error(
                    COMPONENTS,
                    &c.id,
                    format!(
                        "`{}` cannot end before month {} even with no waiting, beyond the longest horizon of {LONGEST_HORIZON_MONTHS} months",
                        &*c.id, longest[i]
                    ),
                    "shorten it or its prerequisites".into(),
                );
            }
        }
    }

    fn rules(&mut self) {
        let f = self.framework;
        let ids: Vec<&str> = f.components.iter().map(|c| &*c.id).collect();
        let pacing: Vec<&str> = f.pacing.iter().map(|p| &*p.id).collect();
        let governance: Vec<&str> = f.governance_models.iter().map(|g| &*g.id).collect();
        for rule in &f.rules {
            self.condition(RULES, &rule.when, &rule.id);
            self.text(RULES, &rule.because);
            for c in rule
                .include
                .iter()
                .chain(&rule.prioritise)
                .chain(&rule.skip)
            {
                self.reference(RULES, c, "component", &ids);
            }
            if let Some(p) = &rule.pacing {
                self.reference(RULES, p, "pacing profile", &pacing);
            }
            if let Some(g) = &rule.governance {
                self.reference(RULES, g, "governance model", &governance);
            }
            if let Some(mix) = &rule.financing_mix {
                self.financing_mix(RULES, &rule.id, mix);
            }
            let has_effect = !rule.include.is_empty()
                || !rule.prioritise.is_empty()
                || !rule.skip.is_empty()
                || rule.pacing.is_some()
                || rule.governance.is_some()
                || rule.financing_mix.is_some();
            if !has_effect {
                self.error(
                    RULES,
                    &rule.id,
                    format!("rule `{}` has no effect", &*rule.id),
                    "give it include, prioritise, skip, pacing, governance or financing_mix".into(),
                );
            }
        }
    }

    fn risks(&mut self) {
        let f = self.framework;
        let ids: Vec<&str> = f.components.iter().map(|c| &*c.id).collect();
        for risk in &f.risks {
            if !(1..=5).contains(&risk.base) {
                self.error(
                    RISKS,
                    &risk.id,
                    "base likelihood must be 1 to 5".into(),
                    "use 1 (rare) to 5 (almost certain)".into(),
                );
            }
            self.text(RISKS, &risk.mitigation);
            for d in &risk.drivers {
                self.condition(RISKS, &d.when, &d.id);
                self.text(RISKS, &d.because);
            }
            for c in &risk.mitigated_by {
                self.reference(RISKS, c, "component", &ids);
            }
        }
    }

    fn kpis(&mut self) {
        let f = self.framework;
        let ids: Vec<&str> = f.components.iter().map(|c| &*c.id).collect();
        let dimensions: Vec<&str> = f.dimensions.iter().map(|d| &*d.id).collect();
        let areas: Vec<&str> = f.key_result_areas.iter().map(|a| &*a.id).collect();
        for review in &f.monitoring.reviews {
            self.text(KPIS, review);
        }
        for kpi in &f.kpis {
            self.text(KPIS, &kpi.owner);
            self.reference(KPIS, &kpi.area, "key result area", &areas);
            if let Some(c) = &kpi.component {
                self.reference(KPIS, c, "component", &ids);
            }
            match &kpi.baseline {
                Baseline::Index { index } => {
                    let at = Ident {
                        name: index.clone(),
                        span: kpi.id.span.clone(),
                    };
                    self.reference(KPIS, &at, "index", &index_keys());
                }
                Baseline::Score { dimension } => {
                    let at = Ident {
                        name: dimension.clone(),
                        span: kpi.id.span.clone(),
                    };
                    self.reference(KPIS, &at, "dimension", &dimensions);
                }
                Baseline::Zero | Baseline::ToBeEstablished => {}
            }
            if let Target::PerPhase { values } = &kpi.target
                && values.len() != f.phases.len()
            {
                self.error(
                    KPIS,
                    &kpi.id,
                    format!("{} targets for {} phases", values.len(), f.phases.len()),
                    "give one target per phase".into(),
                );
            }
        }
    }

    /// Checks every name a condition uses.
    fn condition(&mut self, file: usize, condition: &Condition, owner: &Ident) {
        let f = self.framework;
        let dimensions: Vec<&str> = f.dimensions.iter().map(|d| &*d.id).collect();
        let sectors: Vec<&str> = f.vocabulary.sectors.iter().map(String::as_str).collect();
        let hazards: Vec<&str> = f.vocabulary.hazards.iter().map(String::as_str).collect();
        let facts: Vec<&str> = CONTEXT_FACTS.iter().map(|(n, _)| *n).collect();
        let mut problems: Vec<(Ident, &'static str, Vec<&str>)> = Vec::new();
        let mut other: Vec<String> = Vec::new();
        condition.for_each_leaf(&mut |leaf| match leaf {
            Condition::ScoreBelow(t) | Condition::ScoreAtLeast(t) => {
                problems.push((t.dimension.clone().into(), "dimension", dimensions.clone()));
                if !(0.0..=5.0).contains(&t.value) {
                    other.push(format!("score threshold {} is outside 0 to 5", t.value));
                }
            }
            Condition::NotAssessed(d) => {
                problems.push((d.clone().into(), "dimension", dimensions.clone()))
            }
            Condition::Hazard(list) => {
                for h in list {
                    problems.push((h.clone().into(), "hazard", hazards.clone()));
                }
            }
            Condition::Sector(list) => {
                for s in list {
                    problems.push((s.clone().into(), "sector", sectors.clone()));
                }
            }
            Condition::Fact(test) => {
                problems.push((test.name.clone().into(), "context fact", facts.clone()));
                if let Some((_, words)) = CONTEXT_FACTS
                    .iter()
                    .find(|(n, _)| *n == test.name.get_ref())
                {
                    let ok = match &test.is {
                        FactValue::Bool(_) => words.is_empty(),
                        FactValue::Text(t) => words.contains(&t.as_str()),
                    };
                    if !ok {
                        other.push(format!(
                            "context fact `{}` cannot be {}",
                            test.name.get_ref(),
                            test.is
                        ));
                    }
                }
            }
            Condition::FactUnknown(name) => {
                problems.push((name.clone().into(), "context fact", facts.clone()))
            }
            Condition::IndexBelow(t) | Condition::IndexAtLeast(t) => {
                problems.push((t.index.clone().into(), "index", index_keys()));
            }
            Condition::Sdg(goals) => {
                if let Some(g) = goals.iter().find(|g| !(1..=17).contains(*g)) {
                    other.push(format!("SDG {g} does not exist"));
                }
            }
            _ => {}
        });
        for (at, kind, known) in problems {
            self.reference(file, &at, kind, &known);
        }
        for message in other {
            self.error(
                file,
                owner,
                format!("in `{}`: {message}", &**owner),
                "correct the condition".into(),
            );
        }
    }

    /// Checks the placeholders in a text.
    fn text(&mut self, file: usize, text: &Ident) {
        let dimensions: Vec<&str> = self.framework.dimensions.iter().map(|d| &*d.id).collect();
        for (name, argument) in placeholders(text) {
            let ok = match (name, argument) {
                ("score" | "level", Some(arg)) => dimensions.contains(&arg),
                ("index", Some(arg)) => index_keys().contains(&arg),
                (name, None) => PLACEHOLDERS.contains(&name),
                _ => false,
            };
            if !ok {
                let shown = match argument {
                    Some(a) => format!("{{{name}:{a}}}"),
                    None => format!("{{{name}}}"),
                };
                self.error(
                    file,
                    text,
                    format!("unknown placeholder `{shown}`"),
                    format!(
                        "placeholders: {}; and score:DIMENSION, level:DIMENSION, index:NAME",
                        PLACEHOLDERS
                            .iter()
                            .map(|p| format!("{{{p}}}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
            }
        }
    }
}

/// The `{name}` and `{name:argument}` placeholders in a text.
pub fn placeholders(text: &str) -> Vec<(&str, Option<&str>)> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let inner = &after[..close];
        match inner.split_once(':') {
            Some((name, arg)) => found.push((name, Some(arg))),
            None => found.push((inner, None)),
        }
        rest = &after[close + 1..];
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_found_with_arguments() {
        assert_eq!(
            placeholders("{country} scores {score:leadership} of 5"),
            vec![("country", None), ("score", Some("leadership"))]
        );
    }
}
