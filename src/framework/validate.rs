//! Cross-checks within a framework: every reference resolves, ids are
//! unique, dependencies have no cycle, every component can fit in a plan.

use std::collections::{HashMap, HashSet};

use super::{Baseline, Component, Condition, Framework, FrameworkSources, Ident, Target, Version};
use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile, did_you_mean};
use crate::vocabulary::{CONTEXT_FACTS, FactValue, index_keys};

/// Longest horizon a profile may ask for, in months.
const LONGEST_HORIZON_MONTHS: u32 = 15 * 12;

/// Placeholders any framework text may hold: values the inputs give.
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
    "envelope",
    "phase_count",
    "phases",
    "subnational",
    "subnationals",
];

/// Placeholders for amounts the plan works out. Rules' reasons and
/// components' summaries and leads are written before the plan is costed,
/// so only the other texts may hold these.
pub const AMOUNT_PLACEHOLDERS: &[&str] = &["total_cost", "gap", "recurrent", "next_tranche"];

/// Placeholders for when a component starts and ends (`{start:ID}`, the
/// quarter it starts; `{end:ID}`, the quarter it ends). Only a tailoring or
/// decision that lists the component in `components` may quote them, so the
/// text applies only when the component is scheduled.
pub const SCHEDULE_PLACEHOLDERS: &[&str] = &["start", "end"];

/// The placeholder for what the country already has (`{existing:ID}`: the
/// name its profile gives, else the component's title). Only a tailoring or
/// decision that lists the component in `in_place` may quote it, so the text
/// applies only when the component is in place.
pub const EXISTING_PLACEHOLDER: &str = "existing";

const MAIN: usize = 0;
const DIMENSIONS: usize = 1;
const RECOMMENDATIONS: usize = 2;
const COMPONENTS: usize = 3;
const RULES: usize = 4;
const RISKS: usize = 5;
const KPIS: usize = 6;
const PRECEDENTS: usize = 7;
/// Where `glossary.toml` is among the sources when the folder has one.
pub(super) const GLOSSARY: usize = 8;

struct Validator<'a> {
    framework: &'a Framework,
    known: &'a Known<'a>,
    files: &'a [SourceFile],
    diagnostics: &'a mut Diagnostics,
}

/// The ids and words the framework defines, which its other entries name.
struct Known<'a> {
    components: Vec<&'a str>,
    dimensions: Vec<&'a str>,
    pillars: Vec<&'a str>,
    phases: Vec<&'a str>,
    pppp_models: Vec<&'a str>,
    financing_sources: Vec<&'a str>,
    pacing: Vec<&'a str>,
    governance: Vec<&'a str>,
    key_result_areas: Vec<&'a str>,
    sectors: Vec<&'a str>,
    hazards: Vec<&'a str>,
    facts: Vec<&'static str>,
    indices: Vec<&'static str>,
}

impl<'a> Known<'a> {
    fn of(f: &'a Framework) -> Self {
        Known {
            components: f.components.iter().map(|c| &*c.id).collect(),
            dimensions: f.dimensions.iter().map(|d| &*d.id).collect(),
            pillars: f.pillars.iter().map(|p| &*p.id).collect(),
            phases: f.phases.iter().map(|p| &*p.id).collect(),
            pppp_models: f.pppp_models.iter().map(|m| &*m.id).collect(),
            financing_sources: f.financing_sources.iter().map(|s| &*s.id).collect(),
            pacing: f.pacing.iter().map(|p| &*p.id).collect(),
            governance: f.governance_models.iter().map(|g| &*g.id).collect(),
            key_result_areas: f.key_result_areas.iter().map(|a| &*a.id).collect(),
            sectors: f.vocabulary.sectors.iter().map(String::as_str).collect(),
            hazards: f.vocabulary.hazards.iter().map(String::as_str).collect(),
            facts: CONTEXT_FACTS.iter().map(|(n, _)| *n).collect(),
            indices: index_keys(),
        }
    }
}

pub(super) fn validate(
    framework: &Framework,
    sources: &FrameworkSources,
    diagnostics: &mut Diagnostics,
) {
    let known = Known::of(framework);
    let mut v = Validator {
        framework,
        known: &known,
        files: &sources.files,
        diagnostics,
    };
    super::numbers::check(v.files, v.diagnostics);
    v.components_count();
    v.unique_ids();
    v.main_file();
    v.dimensions();
    v.recommendations();
    v.components();
    v.rules();
    v.risks();
    v.kpis();
    v.precedents();
    v.fallback_financing();
    v.glossary();
}

/// Every kind of entry with an id: the file it is in, its name, and the ids.
fn id_groups(f: &Framework) -> Vec<(usize, &'static str, Vec<&Ident>)> {
    vec![
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
            MAIN,
            "text version",
            f.meta
                .vision_versions
                .iter()
                .chain(f.phases.iter().flat_map(|p| &p.versions))
                .chain(f.pillars.iter().flat_map(|p| &p.versions))
                .chain(f.enablers.iter().flat_map(|e| &e.versions))
                .map(|v| &v.id)
                .collect(),
        ),
        (
            COMPONENTS,
            "summary version",
            f.components
                .iter()
                .flat_map(|c| c.versions.iter().map(|v| &v.id))
                .collect(),
        ),
        (
            RECOMMENDATIONS,
            "principle version",
            f.recommendations
                .iter()
                .flat_map(|r| r.versions.iter().map(|v| &v.id))
                .collect(),
        ),
        (
            RECOMMENDATIONS,
            "decision",
            f.decisions.iter().map(|x| &x.id).collect(),
        ),
        (
            RECOMMENDATIONS,
            "open question",
            f.open_questions.iter().map(|x| &x.id).collect(),
        ),
    ]
}

/// Walks the `requires` links of every component, once each.
struct DependencyWalk<'a> {
    framework: &'a Framework,
    index: HashMap<&'a str, usize>,
    state: Vec<Visit>,
    /// Months from the plan's start to the end of each component with no
    /// waiting: its own duration after its longest chain of prerequisites.
    longest: Vec<u32>,
    path: Vec<usize>,
    /// Each as the components on it, in the order met.
    cycles: Vec<Vec<usize>>,
}

#[derive(Clone, Copy, PartialEq)]
enum Visit {
    Unvisited,
    OnPath,
    Done,
}

impl<'a> DependencyWalk<'a> {
    fn run(framework: &'a Framework) -> Self {
        let count = framework.components.len();
        let mut walk = DependencyWalk {
            framework,
            index: framework
                .components
                .iter()
                .enumerate()
                .map(|(i, c)| (&*c.id, i))
                .collect(),
            state: vec![Visit::Unvisited; count],
            longest: vec![0; count],
            path: Vec::new(),
            cycles: Vec::new(),
        };
        for node in 0..count {
            walk.visit(node);
        }
        walk
    }

    /// The longest time to the end of `node`; 0 when it closes a cycle.
    fn visit(&mut self, node: usize) -> u32 {
        match self.state[node] {
            Visit::Done => return self.longest[node],
            Visit::OnPath => {
                let from = self.path.iter().position(|n| *n == node).unwrap_or(0);
                self.cycles.push(self.path[from..].to_vec());
                return 0;
            }
            Visit::Unvisited => {}
        }
        self.state[node] = Visit::OnPath;
        self.path.push(node);
        let component = &self.framework.components[node];
        let mut before = 0;
        for r in &component.requires {
            if let Some(&dep) = self.index.get(&*r.name) {
                before = before.max(self.visit(dep));
            }
        }
        self.path.pop();
        self.state[node] = Visit::Done;
        // Saturating: an out-of-range duration (reported by the range check)
        // must not overflow here first.
        self.longest[node] = before.saturating_add(component.duration_months);
        self.longest[node]
    }
}

impl Validator<'_> {
    /// Each abbreviation once, one word without spaces, with a meaning: the
    /// list of abbreviations looks a plan's words up by it.
    fn glossary(&mut self) {
        let mut first: HashMap<&str, &Ident> = HashMap::new();
        for term in &self.framework.glossary {
            let abbreviation = &term.abbreviation;
            if abbreviation.is_empty() || abbreviation.contains(char::is_whitespace) {
                self.error(
                    GLOSSARY,
                    abbreviation,
                    format!("abbreviation `{}` is not one word", &**abbreviation),
                    "write the abbreviation as the plan writes it, such as KPI".into(),
                );
            } else if let Some(earlier) = first.get(&**abbreviation) {
                let (line, _) = self.files[GLOSSARY].line_column(earlier.span.start);
                self.error(
                    GLOSSARY,
                    abbreviation,
                    format!("duplicate abbreviation `{}`", &**abbreviation),
                    format!("it is already listed on line {line}; keep one meaning"),
                );
            } else {
                first.insert(abbreviation, abbreviation);
            }
            if term.meaning.trim().is_empty() {
                self.error(
                    GLOSSARY,
                    abbreviation,
                    format!("abbreviation `{}` has no meaning", &**abbreviation),
                    "write what it stands for, such as \"key performance indicator\"".into(),
                );
            }
        }
    }

    fn error(&mut self, file: usize, at: &Ident, message: String, hint: String) {
        self.diagnostics
            .push(Diagnostic::at(&self.files[file], at.span.clone(), message).with_hint(hint));
    }

    /// A problem with a file as a whole, named by its field.
    fn file_error(&mut self, file: usize, field: &str, message: String, hint: Option<&str>) {
        let mut diagnostic = Diagnostic::file(&self.files[file].path, message).with_field(field);
        if let Some(hint) = hint {
            diagnostic = diagnostic.with_hint(hint);
        }
        self.diagnostics.push(diagnostic);
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

    /// At most `MOST_COMPONENTS` components, so that no plan's total can
    /// overflow (see `crate::ranges`).
    fn components_count(&mut self) {
        let count = self.framework.components.len();
        if count > crate::ranges::MOST_COMPONENTS {
            self.file_error(
                COMPONENTS,
                "components",
                format!(
                    "{count} components, more than the {} a framework may define",
                    crate::ranges::MOST_COMPONENTS
                ),
                Some("merge components that are delivered together"),
            );
        }
    }

    fn unique_ids(&mut self) {
        for (file, kind, ids) in id_groups(self.framework) {
            if ids.is_empty() {
                self.diagnostics.push(
                    Diagnostic::file(
                        &self.files[file].path,
                        format!("the framework defines no {kind}"),
                    )
                    .with_hint(format!("add at least one {kind}")),
                );
            }
            self.distinct(file, kind, &ids);
        }
    }

    /// Reports empty ids, and ids used before (pointing at the first use).
    fn distinct(&mut self, file: usize, kind: &str, ids: &[&Ident]) {
        let mut first: HashMap<&str, &Ident> = HashMap::new();
        for &id in ids {
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

    fn main_file(&mut self) {
        self.phase_shares();
        self.defaults_and_pacing();
        self.main_texts();
        self.synonyms();
        let meta = &self.framework.meta;
        if meta.level_names.len() != 6 {
            self.file_error(
                MAIN,
                "framework.level_names",
                format!("{} level names, not 6", meta.level_names.len()),
                Some("name levels 0 to 5, in order"),
            );
        }
    }

    /// Each synonym stands for a sector or hazard of the vocabulary.
    fn synonyms(&mut self) {
        let known = self.known;
        let words: Vec<&str> = known
            .sectors
            .iter()
            .chain(&known.hazards)
            .copied()
            .collect();
        for target in self.framework.vocabulary.synonyms.values() {
            self.reference(MAIN, target, "sector or hazard", &words);
        }
    }

    fn phase_shares(&mut self) {
        let phases = &self.framework.phases;
        let total: f64 = phases.iter().map(|p| p.share).sum();
        let shares_wrong = (total - 1.0).abs() > 0.001 || phases.iter().any(|p| p.share <= 0.0);
        // Reported once, at the first phase.
        if shares_wrong && let Some(first) = phases.first() {
            self.error(
                MAIN,
                &first.id,
                format!("phase shares add up to {total:.3}, not 1"),
                "give each phase a positive share of the horizon; together they make 1".into(),
            );
        }
    }

    /// What a plan gets when no rule chooses: pacing, governance, financing mix.
    fn defaults_and_pacing(&mut self) {
        let (f, known) = (self.framework, self.known);
        self.reference(
            MAIN,
            &f.meta.default_pacing,
            "pacing profile",
            &known.pacing,
        );
        self.reference(
            MAIN,
            &f.meta.default_governance,
            "governance model",
            &known.governance,
        );
        self.financing_mix(MAIN, &f.meta.default_pacing, &f.meta.default_financing_mix);
    }

    /// The fallback model exists and every country may use it.
    fn fallback_financing(&mut self) {
        let f = self.framework;
        let at = &f.meta.fallback_financing;
        if !self.reference(MAIN, at, "PPPP model", &self.known.pppp_models.clone()) {
            return;
        }
        if f.pppp_model(at).is_some_and(|m| m.eligible.is_some()) {
            self.error(
                MAIN,
                at,
                format!(
                    "the fallback financing model `{}` is not open to every country",
                    &**at
                ),
                "name a model without `eligible`, such as a domestic budget line".into(),
            );
        }
    }

    /// Precedents: unique ids, a real country, and models or components
    /// the framework defines.
    fn precedents(&mut self) {
        let f = self.framework;
        let ids: Vec<&Ident> = f.precedents.iter().map(|p| &p.id).collect();
        self.distinct(PRECEDENTS, "precedent", &ids);
        let known = self.known;
        let mut illustrable: Vec<&str> = known.governance.clone();
        illustrable.extend(&known.pppp_models);
        illustrable.extend(&known.components);
        for p in &f.precedents {
            if !crate::reference::is_iso3(&p.iso3) {
                self.error(
                    PRECEDENTS,
                    &p.iso3,
                    format!("`{}` is not an ISO 3166-1 alpha-3 country code", &*p.iso3),
                    "write the country's three-letter code in capitals, such as EST".into(),
                );
            }
            if p.illustrates.is_empty() || p.text.trim().is_empty() {
                self.error(
                    PRECEDENTS,
                    &p.id,
                    "a precedent needs a text and at least one id in `illustrates`".into(),
                    "name the governance models, PPPP models or components it is an example of"
                        .into(),
                );
            }
            for id in &p.illustrates {
                self.reference(
                    PRECEDENTS,
                    id,
                    "governance model, PPPP model or component",
                    &illustrable,
                );
            }
        }
    }

    fn main_texts(&mut self) {
        let (f, known) = (self.framework, self.known);
        self.text(MAIN, &f.meta.vision);
        self.versions(MAIN, &f.meta.vision_versions, true);
        for p in &f.phases {
            self.text_before_costing(MAIN, &p.purpose);
            self.versions(MAIN, &p.versions, false);
        }
        for p in &f.pillars {
            self.text_before_costing(MAIN, &p.description);
            self.versions(MAIN, &p.versions, false);
        }
        for e in &f.enablers {
            self.text(MAIN, &e.description);
            self.versions(MAIN, &e.versions, true);
        }
        for g in &f.governance_models {
            self.text(MAIN, &g.summary);
            for b in &g.bodies {
                self.text(MAIN, &b.name);
                self.text(MAIN, &b.chair);
                if let Some(c) = &b.set_up_by {
                    self.reference(MAIN, c, "component", &known.components);
                }
            }
            for t in g.coordination.iter().chain(&g.data_sharing) {
                self.text(MAIN, t);
            }
        }
    }

    fn financing_mix(&mut self, file: usize, at: &Ident, mix: &indexmap::IndexMap<String, f64>) {
        let sources = &self.known.financing_sources;
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
                self.reference(DIMENSIONS, index, "index", &self.known.indices);
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
        let (f, known) = (self.framework, self.known);
        for d in &f.decisions {
            self.condition(RECOMMENDATIONS, &d.when, &d.id);
            self.gate(&d.components, &d.in_place);
            self.text_citing(RECOMMENDATIONS, &d.text, &d.components, &d.in_place);
        }
        for q in &f.open_questions {
            self.condition(RECOMMENDATIONS, &q.when, &q.id);
            self.gate(&q.components, &q.in_place);
            self.text_citing(RECOMMENDATIONS, &q.text, &q.components, &q.in_place);
        }
        for e in &f.enablers {
            for c in &e.components {
                self.reference(MAIN, c, "component", &known.components);
            }
        }
        for r in &f.recommendations {
            self.text(RECOMMENDATIONS, &r.principle);
            self.versions(RECOMMENDATIONS, &r.versions, true);
            for t in &r.tailoring {
                self.condition(RECOMMENDATIONS, &t.when, &t.id);
                self.gate(&t.components, &t.in_place);
                self.text_citing(RECOMMENDATIONS, &t.text, &t.components, &t.in_place);
            }
        }
    }

    /// The components a tailoring or decision needs scheduled, or in place:
    /// each must exist, and none can be asked to be both.
    fn gate(&mut self, scheduled: &[Ident], in_place: &[Ident]) {
        let known = self.known;
        for c in scheduled.iter().chain(in_place) {
            self.reference(RECOMMENDATIONS, c, "component", &known.components);
        }
        for c in in_place {
            if scheduled.iter().any(|s| s.name == c.name) {
                self.error(
                    RECOMMENDATIONS,
                    c,
                    format!("`{}` cannot be both scheduled and in place", &**c),
                    "list it in `components` or in `in_place`, not both".into(),
                );
            }
        }
    }

    fn components(&mut self) {
        let (f, known) = (self.framework, self.known);
        for m in &f.meta.key_milestones {
            self.reference(MAIN, m, "component", &known.components);
        }
        for c in &f.components {
            self.component_links(c);
        }
        self.cycles_and_fit();
    }

    /// A component's texts and the entries it names.
    fn component_links(&mut self, c: &Component) {
        let known = self.known;
        self.text_before_costing(COMPONENTS, &c.summary);
        for v in &c.versions {
            self.condition(COMPONENTS, &v.when, &v.id);
            self.text_before_costing(COMPONENTS, &v.text);
            if let Some(milestone) = &v.milestone {
                self.text_before_costing(COMPONENTS, milestone);
            }
        }
        self.text_before_costing(COMPONENTS, &c.lead);
        self.text_before_costing(COMPONENTS, &c.change_management);
        self.text_before_costing(COMPONENTS, &c.milestone);
        self.reference(COMPONENTS, &c.pillar, "pillar", &known.pillars);
        if let Some(sector) = &c.sector {
            self.reference(COMPONENTS, sector, "sector", &known.sectors);
        }
        for d in &c.raises {
            self.reference(COMPONENTS, d, "dimension", &known.dimensions);
        }
        for r in &c.requires {
            if self.reference(COMPONENTS, r, "component", &known.components) && r.name == c.id.name
            {
                self.error(
                    COMPONENTS,
                    r,
                    "a component cannot require itself".into(),
                    "remove it from `requires`".into(),
                );
            }
        }
        for m in &c.financing {
            self.reference(COMPONENTS, m, "PPPP model", &known.pppp_models);
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
            self.reference(COMPONENTS, p, "phase", &known.phases);
        }
    }

    /// Names dependency cycles, and components whose chain of prerequisites
    /// is longer than the longest possible horizon.
    fn cycles_and_fit(&mut self) {
        let components = &self.framework.components;
        let walk = DependencyWalk::run(self.framework);
        // A cycle is met once from each of its components; name it once.
        let mut reported: HashSet<Vec<usize>> = HashSet::new();
        for cycle in walk.cycles {
            let mut key = cycle.clone();
            key.sort();
            if !reported.insert(key) {
                continue;
            }
            let mut names: Vec<&str> = cycle.iter().map(|i| &*components[*i].id).collect();
            names.push(names[0]);
            self.error(
                COMPONENTS,
                &components[cycle[0]].id,
                format!("dependency cycle: {}", names.join(" -> ")),
                "a component cannot, through its prerequisites, require itself; remove one `requires` link".into(),
            );
        }
        // A duration out of its range is reported where it is written;
        // every component after it would only repeat that here.
        let durations_in_range = components
            .iter()
            .all(|c| (1..=LONGEST_HORIZON_MONTHS).contains(&c.duration_months));
        for (c, longest) in components.iter().zip(walk.longest) {
            if durations_in_range && longest > LONGEST_HORIZON_MONTHS {
                self.error(
                    COMPONENTS,
                    &c.id,
                    format!(
                        "`{}` cannot end before month {longest} even with no waiting, beyond the longest horizon of {LONGEST_HORIZON_MONTHS} months",
                        &*c.id
                    ),
                    "shorten it or its prerequisites".into(),
                );
            }
        }
    }

    fn rules(&mut self) {
        let (f, known) = (self.framework, self.known);
        for rule in &f.rules {
            self.condition(RULES, &rule.when, &rule.id);
            self.text_before_costing(RULES, &rule.because);
            for c in rule
                .include
                .iter()
                .chain(&rule.prioritise)
                .chain(&rule.skip)
            {
                self.reference(RULES, c, "component", &known.components);
            }
            if let Some(p) = &rule.pacing {
                self.reference(RULES, p, "pacing profile", &known.pacing);
            }
            if let Some(g) = &rule.governance {
                self.reference(RULES, g, "governance model", &known.governance);
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
        let (f, known) = (self.framework, self.known);
        for risk in &f.risks {
            for d in &risk.dimensions {
                self.reference(RISKS, d, "dimension", &known.dimensions);
            }
            self.text(RISKS, &risk.mitigation);
            for d in &risk.drivers {
                self.condition(RISKS, &d.when, &d.id);
                self.text(RISKS, &d.because);
            }
            for c in &risk.mitigated_by {
                self.reference(RISKS, c, "component", &known.components);
            }
        }
    }

    fn kpis(&mut self) {
        let (f, known) = (self.framework, self.known);
        for review in &f.monitoring.reviews {
            self.text(KPIS, review);
        }
        for kpi in &f.kpis {
            self.text(KPIS, &kpi.owner);
            self.reference(KPIS, &kpi.area, "key result area", &known.key_result_areas);
            if let Some(c) = &kpi.component {
                self.reference(KPIS, c, "component", &known.components);
            }
            let baseline = match &kpi.baseline {
                Baseline::Index { index } => Some((index, "index", &known.indices)),
                Baseline::Score { dimension } => Some((dimension, "dimension", &known.dimensions)),
                Baseline::Zero { .. } | Baseline::ToBeEstablished => None,
            };
            if let Baseline::Zero { unless } = &kpi.baseline {
                for fact in unless {
                    let at = Ident {
                        name: fact.clone(),
                        span: kpi.id.span.clone(),
                    };
                    self.reference(KPIS, &at, "context fact", &known.facts);
                }
            }
            if let Target::PeerPace { cap } = &kpi.target
                && (!matches!(kpi.baseline, Baseline::Index { .. }) || !(0.0..=1.0).contains(cap))
            {
                self.error(
                    KPIS,
                    &kpi.id,
                    format!("`{}` has a peer-pace target, which needs a published index as baseline and a cap from 0 to 1", &*kpi.id),
                    "use baseline = { source = \"index\", index = \"egdi\" } and a cap such as 0.98".into(),
                );
            }
            if let Some((name, kind, names)) = baseline {
                // A baseline's names carry no position (see `Baseline`): point at the KPI.
                let at = Ident {
                    name: name.clone(),
                    span: kpi.id.span.clone(),
                };
                self.reference(KPIS, &at, kind, names);
            }
            match (&kpi.target, &kpi.component) {
                (Target::PerPhase { values }, None) if values.len() != f.phases.len() => {
                    self.error(
                        KPIS,
                        &kpi.id,
                        format!("{} targets for {} phases", values.len(), f.phases.len()),
                        "give one target per phase".into(),
                    );
                }
                (Target::PerPhase { .. }, Some(c)) => self.error(
                    KPIS,
                    &kpi.id,
                    format!(
                        "`{}` follows component `{}`, so its targets cannot be fixed per phase",
                        &*kpi.id, &**c
                    ),
                    "use target = { kind = \"by_status\", under_way = \"...\", done = \"...\", after = [...] }, so that each phase's target follows the schedule".into(),
                ),
                (Target::ByStatus { .. }, None) => self.error(
                    KPIS,
                    &kpi.id,
                    format!("`{}` has targets by status but follows no component", &*kpi.id),
                    "name the `component` whose progress the targets follow".into(),
                ),
                _ => {}
            }
        }
    }

    /// Checks every name a condition uses.
    fn condition(&mut self, file: usize, condition: &Condition, owner: &Ident) {
        let known = self.known;
        let mut names: Vec<(Ident, &'static str, &[&str])> = Vec::new();
        let mut other: Vec<String> = Vec::new();
        condition.for_each_leaf(&mut |leaf| match leaf {
            Condition::ScoreBelow(t) | Condition::ScoreAtLeast(t) => {
                names.push((t.dimension.clone().into(), "dimension", &known.dimensions));
            }
            Condition::NotAssessed(d) => {
                names.push((d.clone().into(), "dimension", &known.dimensions))
            }
            Condition::Hazard(list) => {
                for h in list {
                    names.push((h.clone().into(), "hazard", &known.hazards));
                }
            }
            Condition::Sector(list) => {
                for s in list {
                    names.push((s.clone().into(), "sector", &known.sectors));
                }
            }
            Condition::Fact(test) => {
                names.push((test.name.clone().into(), "context fact", &known.facts));
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
                names.push((name.clone().into(), "context fact", &known.facts))
            }
            Condition::IndexBelow(t) | Condition::IndexAtLeast(t) => {
                names.push((t.index.clone().into(), "index", &known.indices));
            }
            _ => {}
        });
        for (at, kind, known) in names {
            self.reference(file, &at, kind, known);
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

    /// Checks the condition and the placeholders of each version of a text.
    /// `amounts_known` is false for texts filled before the plan is costed,
    /// which cannot quote the amounts.
    fn versions(&mut self, file: usize, versions: &[Version], amounts_known: bool) {
        for v in versions {
            self.condition(file, &v.when, &v.id);
            self.placeholders_in(file, &v.text, amounts_known, &[], &[]);
        }
    }

    /// Checks the placeholders in a text written once the plan is costed.
    fn text(&mut self, file: usize, text: &Ident) {
        self.placeholders_in(file, text, true, &[], &[]);
    }

    /// Checks the placeholders in a text written before the plan is costed:
    /// it cannot quote the amounts.
    fn text_before_costing(&mut self, file: usize, text: &Ident) {
        self.placeholders_in(file, text, false, &[], &[]);
    }

    /// Checks a text that applies only when `scheduled` components are in
    /// the plan: it may quote when those, and only those, start and end; and
    /// when `in_place` components stand in place: it may name those.
    fn text_citing(&mut self, file: usize, text: &Ident, scheduled: &[Ident], in_place: &[Ident]) {
        self.placeholders_in(file, text, true, scheduled, in_place);
        for (name, argument) in placeholders(text) {
            if let (true, Some(arg)) = (SCHEDULE_PLACEHOLDERS.contains(&name), argument)
                && self.known.components.contains(&arg)
                && !scheduled.iter().any(|c| c.name == arg)
            {
                self.error(
                    file,
                    text,
                    format!("`{{{name}:{arg}}}` quotes a component this text does not require"),
                    format!("add \"{arg}\" to `components`, so that the text applies only when it is scheduled"),
                );
            }
        }
    }

    fn placeholders_in(
        &mut self,
        file: usize,
        text: &Ident,
        amounts_known: bool,
        scheduled: &[Ident],
        in_place: &[Ident],
    ) {
        let known = self.known;
        for (name, argument) in placeholders(text) {
            if argument.is_none() && !amounts_known && AMOUNT_PLACEHOLDERS.contains(&name) {
                self.error(
                    file,
                    text,
                    format!("`{{{name}}}` cannot be used here: this text is written before the plan is costed"),
                    "quote amounts in recommendations, decisions, governance, risks or KPIs, which are written after costing".into(),
                );
                continue;
            }
            let ok = match (name, argument) {
                ("score" | "level", Some(arg)) => known.dimensions.contains(&arg),
                ("index", Some(arg)) => known.indices.contains(&arg),
                (EXISTING_PLACEHOLDER, Some(arg)) => {
                    if known.components.contains(&arg) && !in_place.iter().any(|c| c.name == arg) {
                        self.error(
                            file,
                            text,
                            format!("`{{existing:{arg}}}` names a component this text does not require in place"),
                            format!("add \"{arg}\" to `in_place`, so that the text applies only when the country has it"),
                        );
                        continue;
                    }
                    known.components.contains(&arg)
                }
                (name, Some(arg))
                    if SCHEDULE_PLACEHOLDERS.contains(&name) && !scheduled.is_empty() =>
                {
                    known.components.contains(&arg)
                }
                (name, None) => PLACEHOLDERS.contains(&name) || AMOUNT_PLACEHOLDERS.contains(&name),
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
                        "placeholders: {}; and score:DIMENSION, level:DIMENSION, index:NAME; in a text with `components`, start:COMPONENT and end:COMPONENT; in a text with `in_place`, existing:COMPONENT",
                        PLACEHOLDERS
                            .iter()
                            .chain(AMOUNT_PLACEHOLDERS)
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
    fn a_framework_with_too_many_components_is_refused() {
        let sources = FrameworkSources::builtin();
        let mut framework = sources.load(None).unwrap();
        let first = framework.components[0].clone();
        while framework.components.len() <= crate::ranges::MOST_COMPONENTS {
            framework.components.push(first.clone());
        }
        let mut diagnostics = Diagnostics::default();
        validate(&framework, &sources, &mut diagnostics);
        let text = diagnostics.to_string();
        assert!(
            text.contains("301 components, more than the 300 a framework may define"),
            "{text}"
        );
    }

    #[test]
    fn placeholders_are_found_with_arguments() {
        assert_eq!(
            placeholders("{country} scores {score:leadership} of 5"),
            vec![("country", None), ("score", Some("leadership"))]
        );
    }
}
