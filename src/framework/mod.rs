//! The recommendation framework: dimensions, recommendations, components,
//! rules, risks and KPIs, kept as TOML data in `frameworks/`.
//!
//! The default framework is embedded in the binary so that dgplan works from
//! any folder; `--framework DIR` loads another with the same file layout.

pub mod condition;
mod numbers;
pub mod translation;
mod validate;

use std::collections::HashMap;
use std::ops::{Deref, Range};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use toml::Spanned;

pub use condition::{Condition, Facts, Outcome};
use validate::GLOSSARY;
pub use validate::{AMOUNT_PLACEHOLDERS, PLACEHOLDERS, SCHEDULE_PLACEHOLDERS, placeholders};

use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile};
use crate::language::Language;
use crate::tomldoc::TomlDoc;
use crate::vocabulary::IncomeGroup;

/// The files of a framework folder, in load order.
pub const FRAMEWORK_FILES: [&str; 8] = [
    "framework.toml",
    "dimensions.toml",
    "recommendations.toml",
    "components.toml",
    "rules.toml",
    "risks.toml",
    "kpis.toml",
    "precedents.toml",
];

const DEFAULT_FILES: [&str; 8] = [
    include_str!("../../frameworks/default/framework.toml"),
    include_str!("../../frameworks/default/dimensions.toml"),
    include_str!("../../frameworks/default/recommendations.toml"),
    include_str!("../../frameworks/default/components.toml"),
    include_str!("../../frameworks/default/rules.toml"),
    include_str!("../../frameworks/default/risks.toml"),
    include_str!("../../frameworks/default/kpis.toml"),
    include_str!("../../frameworks/default/precedents.toml"),
];

/// An optional file of a framework folder: the abbreviations its plans may
/// use and what they stand for. A folder without it loads with no glossary,
/// and its plans carry no list of abbreviations.
pub const GLOSSARY_FILE: &str = "glossary.toml";

const DEFAULT_GLOSSARY: &str = include_str!("../../frameworks/default/glossary.toml");

/// An abbreviation a plan may use, and what it stands for. A plan lists
/// those its rendered document uses.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub abbreviation: Ident,
    pub meaning: String,
}

/// Another version of a narrative text (a vision, a phase's purpose, a
/// pillar's or enabler's description, a recommendation's principle) for the
/// countries whose inputs meet `when`. The first version that holds replaces
/// the default text, so that the plan reads from the country's situation
/// rather than from one text for all.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Version {
    pub id: Ident,
    pub when: Condition,
    pub text: Text,
}

/// Another version of a component's summary, and optionally of its
/// milestone, for the countries whose inputs meet `when`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComponentVersion {
    pub id: Ident,
    pub when: Condition,
    pub text: Text,
    #[serde(default)]
    pub milestone: Option<Text>,
}

/// A name or reference in a framework file, with where it was written.
#[derive(Debug, Clone, Deserialize)]
#[serde(from = "Spanned<String>")]
pub struct Ident {
    pub name: String,
    pub span: Range<usize>,
}

impl From<Spanned<String>> for Ident {
    fn from(s: Spanned<String>) -> Self {
        Ident {
            span: s.span(),
            name: s.into_inner(),
        }
    }
}

impl Deref for Ident {
    type Target = str;
    fn deref(&self) -> &str {
        &self.name
    }
}

impl PartialEq<str> for Ident {
    fn eq(&self, other: &str) -> bool {
        self.name == other
    }
}

/// Prose that may hold placeholders such as `{country}` or `{score:leadership}`,
/// filled in per country by the engine.
pub type Text = Ident;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub id: String,
    pub version: String,
    pub title: String,
    pub description: String,
    /// The plan's vision statement.
    pub vision: Text,
    /// Versions of the vision for countries in other situations.
    #[serde(default)]
    pub vision_versions: Vec<Version>,
    /// Identifier of the pacing profile used when no rule chooses one.
    pub default_pacing: Ident,
    /// Identifier of the governance model used when no rule chooses one.
    pub default_governance: Ident,
    /// Shares of cost by financing source when no rule sets a mix.
    pub default_financing_mix: IndexMap<String, f64>,
    /// Score every dimension should reach by the end of the plan, 0 to 5.
    pub target_score: f64,
    /// Difference, on the 0-5 scale, between a score and its related index
    /// (times 5) from which the plan flags a disagreement.
    pub index_disagreement: f64,
    /// Names of maturity levels 0 to 5.
    pub level_names: Vec<String>,
    /// Components whose start is a key milestone when plans are compared.
    pub key_milestones: Vec<Ident>,
    /// The PPPP model a component is financed by when the country may use
    /// none of those the component lists; it must be open to every country.
    pub fallback_financing: Ident,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    pub id: Ident,
    pub name: String,
    /// Share of the horizon this phase covers; shares add up to 1.
    pub share: f64,
    pub purpose: Text,
    #[serde(default)]
    pub versions: Vec<Version>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pillar {
    pub id: Ident,
    pub name: String,
    pub description: Text,
    #[serde(default)]
    pub versions: Vec<Version>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vocabulary {
    /// Priority sectors a profile may name.
    pub sectors: Vec<String>,
    /// Hazards a profile may name.
    pub hazards: Vec<String>,
    /// Other words for a sector or hazard, in any language: what a profile
    /// may write (as `normalise_word` spells it) -> the sector or hazard.
    #[serde(default)]
    pub synonyms: IndexMap<String, Ident>,
    /// How a plan names each sector in running text, when it is not the
    /// word with spaces: a translation gives every sector its name.
    #[serde(default)]
    pub sector_names: IndexMap<String, String>,
    /// The same for hazards.
    #[serde(default)]
    pub hazard_names: IndexMap<String, String>,
}

/// What a profile's sector or hazard is to the framework.
#[derive(Debug, Clone, PartialEq)]
pub enum Word {
    /// A word of the vocabulary, or a synonym of one: the vocabulary's word.
    Known(String),
    /// Not in the vocabulary: the word as normalised, and the closest
    /// vocabulary word when one is close enough to be a likely typo.
    Unknown {
        word: String,
        closest: Option<String>,
    },
}

impl Vocabulary {
    /// A sector's or hazard's name in running text: "social protection",
    /// "protection sociale".
    pub fn name_of(&self, word: &str) -> String {
        self.sector_names
            .get(word)
            .or_else(|| self.hazard_names.get(word))
            .cloned()
            .unwrap_or_else(|| word.replace('_', " "))
    }

    /// A profile's sector or hazard, looked up among `known` (the sectors or
    /// the hazards) and the synonyms that stand for one of them.
    pub fn resolve(&self, written: &str, known: &[String]) -> Word {
        let word = crate::vocabulary::normalise_word(written);
        if known.contains(&word) {
            return Word::Known(word);
        }
        let synonym = self
            .synonyms
            .iter()
            .find(|(k, v)| crate::vocabulary::normalise_word(k) == word && known.contains(&v.name));
        if let Some((_, target)) = synonym {
            return Word::Known(target.name.clone());
        }
        let candidates = known.iter().map(String::as_str).chain(
            self.synonyms
                .iter()
                .filter(|(_, v)| known.contains(&v.name))
                .map(|(k, _)| k.as_str()),
        );
        let closest = crate::diagnostics::did_you_mean(&word, candidates).map(|c| {
            self.synonyms
                .get(c)
                .map_or_else(|| c.to_string(), |target| target.name.clone())
        });
        Word::Unknown { word, closest }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CostModel {
    /// Population (millions) at which a component costs its `base_usd_millions`.
    pub reference_population_millions: f64,
    pub income_factors: IncomeFactors,
    /// Yearly running cost once a component is live, as a share of its
    /// one-off cost, unless the component states its own: maintenance,
    /// hosting, licences and the staff who run it.
    pub running_share: f64,
    /// Where the calibration comes from, shown with every cost.
    pub basis: String,
    /// How the running cost was estimated, shown with the plan's assumptions.
    pub running_basis: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(non_snake_case)]
pub struct IncomeFactors {
    pub LIC: f64,
    pub LMIC: f64,
    pub UMIC: f64,
    pub HIC: f64,
    /// Used when the profile states no income group.
    pub unstated: f64,
}

impl IncomeFactors {
    pub fn get(&self, income: Option<IncomeGroup>) -> f64 {
        match income {
            Some(IncomeGroup::Lic) => self.LIC,
            Some(IncomeGroup::Lmic) => self.LMIC,
            Some(IncomeGroup::Umic) => self.UMIC,
            Some(IncomeGroup::Hic) => self.HIC,
            None => self.unstated,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FinancingSource {
    pub id: Ident,
    pub name: String,
    pub description: String,
    /// True for development partners: `external_financing_share` in a profile sets its share.
    #[serde(default)]
    pub external: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PpppModel {
    pub id: Ident,
    pub name: String,
    pub description: String,
    /// How the model is used in general, naming no country: shown when no
    /// precedent in precedents.toml illustrates the model for this country.
    #[serde(default)]
    pub example: Option<String>,
    /// Who the partners are: "public", "private", "people" or a mix.
    pub partners: Vec<String>,
    /// Which countries may use the model; absent, every country.
    #[serde(default)]
    pub eligible: Option<Eligible>,
}

/// Countries that may use a financing model: any one test that holds is
/// enough.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Eligible {
    /// Countries on the World Bank's list of IDA-eligible countries.
    #[serde(default)]
    pub ida: bool,
    /// Member states of the European Union.
    #[serde(default)]
    pub eu: bool,
    /// Countries of these income groups; a profile that states no income
    /// group passes this test.
    #[serde(default)]
    pub income: Vec<IncomeGroup>,
}

/// What a country has done, quoted as an example where the plan shows one.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Precedent {
    pub id: Ident,
    /// ISO 3166-1 alpha-3 code of the country.
    pub iso3: Ident,
    pub income: IncomeGroup,
    /// Governance models, PPPP models and components it is an example of.
    pub illustrates: Vec<Ident>,
    pub text: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pacing {
    pub id: Ident,
    pub name: String,
    /// How many components may run at the same time (in units of effort:
    /// a component with effort 0.5 takes half a place).
    pub max_parallel: u32,
    /// Multiplies every component's duration.
    pub duration_factor: f64,
    /// How many components may start in one calendar year of the plan:
    /// what the administration can launch and absorb.
    pub max_new_per_year: u32,
    pub description: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GovernanceBody {
    pub name: Text,
    pub chair: Text,
    pub members: String,
    pub role: String,
    pub meets: String,
    /// The component that sets the body up, when the plan does: the cabinet
    /// brief convenes it only once that component has done so.
    #[serde(default)]
    pub set_up_by: Option<Ident>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GovernanceModel {
    pub id: Ident,
    pub name: String,
    pub summary: Text,
    pub bodies: Vec<GovernanceBody>,
    pub coordination: Vec<Text>,
    pub data_sharing: Vec<Text>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dimension {
    pub id: Ident,
    pub name: String,
    pub description: String,
    /// What levels 0 to 5 look like.
    pub levels: Vec<String>,
    /// Published index that speaks to this dimension, if any.
    #[serde(default)]
    pub related_index: Option<Ident>,
    /// The readiness checklist: a country may answer these instead of scoring
    /// the dimension directly.
    #[serde(default)]
    pub questions: Vec<Question>,
}

/// One checklist question. Answers run from 0 (the first, weakest) to the
/// last (strongest).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Unique within its dimension; answered as `DIMENSION.ID` in readiness.toml.
    pub id: Ident,
    pub ask: String,
    pub answers: Vec<String>,
}

impl Dimension {
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id.name == id)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recommendation {
    pub id: Ident,
    pub title: String,
    pub principle: Text,
    #[serde(default)]
    pub versions: Vec<Version>,
    pub tailoring: Vec<Tailoring>,
}

/// A decision for the executive summary.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub id: Ident,
    pub when: Condition,
    /// Listed only when these components are in the plan's schedule (not
    /// in place, not deferred); its text may quote when they start and end.
    #[serde(default)]
    pub components: Vec<Ident>,
    /// Listed only when these components are already in place.
    #[serde(default)]
    pub in_place: Vec<Ident>,
    /// Listed only when costs exceed the envelope.
    #[serde(default)]
    pub when_funding_gap: bool,
    /// What the decision commits when it lists no components: the whole
    /// programme, the running cost after the plan, or the gap. A decision
    /// that lists components commits their cost.
    #[serde(default)]
    pub commits: Option<Commitment>,
    pub text: Text,
}

/// The money a decision without components commits (see [`Decision`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Commitment {
    /// The programme's total cost over the horizon.
    Programme,
    /// The running cost a year once the plan ends.
    Running,
    /// What the unfunded pipeline needs beyond the envelope.
    Gap,
}

/// A question the plan asks the ministry to confirm, because an input it
/// acts on is not known (a `[context]` fact the profile leaves out). Listed
/// in the executive summary when its condition holds and the components it
/// lists stand in the plan as it says, as for a decision.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpenQuestion {
    pub id: Ident,
    pub when: Condition,
    #[serde(default)]
    pub components: Vec<Ident>,
    #[serde(default)]
    pub in_place: Vec<Ident>,
    pub text: Text,
}

/// A cross-cutting theme of the master plan (law, trust, skills, change).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Enabler {
    pub id: Ident,
    pub name: String,
    pub description: Text,
    #[serde(default)]
    pub versions: Vec<Version>,
    pub components: Vec<Ident>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyResultArea {
    pub id: Ident,
    pub name: String,
    pub description: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Monitoring {
    /// How progress is reviewed, one arrangement per entry.
    pub reviews: Vec<Text>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tailoring {
    pub id: Ident,
    pub when: Condition,
    /// Applies only when these components are in the plan's schedule (not
    /// in place, not deferred); its text may quote when they start and end.
    #[serde(default)]
    pub components: Vec<Ident>,
    /// Applies only when these components are already in place.
    #[serde(default)]
    pub in_place: Vec<Ident>,
    pub text: Text,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComponentCost {
    /// Cost in USD millions at the reference population, before income adjustment.
    pub base_usd_millions: f64,
    /// How cost grows with population: 0 = fixed, 1 = proportional.
    pub population_elasticity: f64,
    /// Extra cost per priority sector named in the profile (sector systems).
    #[serde(default)]
    pub per_priority_sector_usd_millions: f64,
    /// Yearly running cost from go-live as a share of the one-off cost;
    /// when absent, the cost model's `running_share`.
    #[serde(default)]
    pub running_share: Option<f64>,
}

/// Whether a component ends or keeps running.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum ComponentKind {
    /// Work that ends: a law passed, a system built, a service launched.
    #[default]
    Project,
    /// An office, unit, network or service that is set up and then runs to
    /// the end of the plan and beyond.
    Function,
}

/// Where a component sits on the maturity ladder: what a country builds
/// first, and what it can take on once the basics work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ComponentLevel {
    /// The basics the rest stands on: governance, law, security, networks,
    /// a portal, identity, skills.
    Foundation,
    /// Joins up what exists: standards, data sharing, registers, shared
    /// platforms, sector systems.
    Integration,
    /// Changes how government works with what is joined up: proactive and
    /// life-event services, participation, open data, AI governance.
    Transformation,
    /// New technology for administrations that have the rest: digital
    /// wallets, data spaces, quantum-safe cryptography, digital twins.
    Frontier,
}

impl ComponentLevel {
    /// The level in words, for a reader of the plan.
    pub fn name(self) -> &'static str {
        match self {
            ComponentLevel::Foundation => "Foundation",
            ComponentLevel::Integration => "Integration",
            ComponentLevel::Transformation => "Transformation",
            ComponentLevel::Frontier => "Frontier",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Component {
    pub id: Ident,
    pub title: String,
    pub pillar: Ident,
    pub summary: Text,
    /// Versions of the summary (and, when the approach changes what is
    /// true at the end, of the milestone) for countries whose situation
    /// calls for a different approach (a small state buys what a large one
    /// builds).
    #[serde(default)]
    pub versions: Vec<ComponentVersion>,
    /// Dimensions this component raises.
    pub raises: Vec<Ident>,
    /// Components that must end before this one starts.
    #[serde(default)]
    pub requires: Vec<Ident>,
    pub duration_months: u32,
    /// Where it sits on the maturity ladder.
    pub level: ComponentLevel,
    /// A project ends; a function is set up in `duration_months` and then runs.
    #[serde(default)]
    pub kind: ComponentKind,
    /// Share of a delivery team the component takes while it runs; pacing
    /// limits the sum of efforts running at once.
    #[serde(default = "full_effort")]
    pub effort: f64,
    /// 1 essential, 2 important, 3 can wait: the order in which components
    /// claim scarce capacity.
    #[serde(default = "middle_tier")]
    pub tier: u8,
    /// Earliest phase the component may start in.
    #[serde(default)]
    pub earliest_phase: Option<Ident>,
    /// The one priority sector whose systems it builds. A component costed
    /// per priority sector leaves out the sectors such a component serves.
    #[serde(default)]
    pub sector: Option<Ident>,
    pub cost: ComponentCost,
    /// Type of institution that leads it.
    pub lead: Text,
    /// Suitable PPPP and financing models, most suitable first.
    pub financing: Vec<Ident>,
    #[serde(default)]
    pub sdgs: Vec<u8>,
    /// The social, organisational and policy work that goes with it (R5).
    pub change_management: Text,
    /// The milestone reached when it ends.
    pub milestone: Text,
}

fn full_effort() -> f64 {
    1.0
}

fn middle_tier() -> u8 {
    2
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: Ident,
    pub when: Condition,
    /// Why this rule applies, in words for the plan.
    pub because: Text,
    #[serde(default)]
    pub include: Vec<Ident>,
    #[serde(default)]
    pub prioritise: Vec<Ident>,
    /// Components already in place: left out, and treated as done for their dependants.
    #[serde(default)]
    pub skip: Vec<Ident>,
    #[serde(default)]
    pub governance: Option<Ident>,
    #[serde(default)]
    pub pacing: Option<Ident>,
    #[serde(default)]
    pub financing_mix: Option<IndexMap<String, f64>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    pub id: Ident,
    pub title: String,
    pub description: String,
    /// Likelihood before adjustment, 1 (rare) to 5 (almost certain).
    pub base: i32,
    /// The dimensions whose scores bear on the risk: when one is weak, the
    /// risk is rated at least medium (see `risks.toml`).
    #[serde(default)]
    pub dimensions: Vec<Ident>,
    pub drivers: Vec<RiskDriver>,
    pub mitigation: Text,
    /// Components that mitigate the risk.
    #[serde(default)]
    pub mitigated_by: Vec<Ident>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskDriver {
    pub id: Ident,
    pub when: Condition,
    /// Added to the likelihood when the condition holds (may be negative).
    pub by: i32,
    pub because: Text,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kpi {
    pub id: Ident,
    pub name: String,
    pub definition: String,
    pub unit: String,
    /// Who reports it (institution type).
    pub owner: Text,
    /// The key result area it measures.
    pub area: Ident,
    /// The KPI is used when this component is in the plan; without one, always.
    #[serde(default)]
    pub component: Option<Ident>,
    pub baseline: Baseline,
    pub target: Target,
}

/// Where a KPI's starting value comes from.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "source", rename_all = "snake_case", deny_unknown_fields)]
pub enum Baseline {
    /// A published index value from `[indices]`.
    // Plain strings: serde buffers internally tagged enums, which loses positions.
    Index { index: String },
    /// An assessment score from `[scores]`.
    Score { dimension: String },
    /// Zero at the start: what the KPI counts is new in this plan, unless
    /// the profile states one of the `[context]` facts in `unless` (then
    /// the baseline is measured in the first phase).
    Zero {
        #[serde(default)]
        unless: Vec<String>,
    },
    /// No data yet: to be measured in the first phase.
    ToBeEstablished,
}

/// How targets per phase are set.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Target {
    /// Baseline plus `step` per phase, never above `cap`.
    Step { step: f64, cap: f64 },
    /// For a KPI whose baseline is a published index: the baseline plus,
    /// each year to the phase's end, the yearly gain that the fastest
    /// quarter of countries starting near the same value made between the
    /// last two survey editions; never above `cap` nor below the baseline.
    PeerPace { cap: f64 },
    /// One target per phase, in words or numbers, independent of the baseline
    /// and of the schedule: for KPIs that follow no component.
    PerPhase { values: Vec<String> },
    /// For a KPI that follows a component: the target at a phase's end
    /// depends on where the component then is in the schedule.
    ByStatus {
        /// Before the component starts; the plan adds when it starts.
        #[serde(default)]
        not_started: Option<String>,
        /// While it runs.
        under_way: String,
        /// At the end of the phase in which it ends: agrees with its milestone.
        done: String,
        /// At the ends of the later phases, in order; the last one repeats.
        #[serde(default)]
        after: Vec<String>,
    },
}

/// A whole framework, checked.
#[derive(Debug, Clone)]
pub struct Framework {
    pub folder: Option<PathBuf>,
    pub meta: Meta,
    pub phases: Vec<Phase>,
    pub pillars: Vec<Pillar>,
    pub vocabulary: Vocabulary,
    pub cost_model: CostModel,
    pub financing_sources: Vec<FinancingSource>,
    pub pppp_models: Vec<PpppModel>,
    pub pacing: Vec<Pacing>,
    pub governance_models: Vec<GovernanceModel>,
    pub enablers: Vec<Enabler>,
    pub dimensions: Vec<Dimension>,
    pub recommendations: Vec<Recommendation>,
    pub decisions: Vec<Decision>,
    pub open_questions: Vec<OpenQuestion>,
    pub components: Vec<Component>,
    pub rules: Vec<Rule>,
    pub risks: Vec<Risk>,
    pub kpis: Vec<Kpi>,
    pub key_result_areas: Vec<KeyResultArea>,
    pub monitoring: Monitoring,
    pub precedents: Vec<Precedent>,
    /// `glossary.toml`, in the file's order; empty when the folder has none.
    pub glossary: Vec<Term>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrameworkFile {
    framework: Meta,
    phases: Vec<Phase>,
    pillars: Vec<Pillar>,
    vocabulary: Vocabulary,
    cost_model: CostModel,
    financing_sources: Vec<FinancingSource>,
    pppp_models: Vec<PpppModel>,
    pacing: Vec<Pacing>,
    governance_models: Vec<GovernanceModel>,
    enablers: Vec<Enabler>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DimensionsFile {
    dimensions: Vec<Dimension>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RecommendationsFile {
    recommendations: Vec<Recommendation>,
    decisions: Vec<Decision>,
    /// Optional, so that a framework written before questions existed loads.
    #[serde(default)]
    open_questions: Vec<OpenQuestion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ComponentsFile {
    components: Vec<Component>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    rules: Vec<Rule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RisksFile {
    risks: Vec<Risk>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KpisFile {
    key_result_areas: Vec<KeyResultArea>,
    monitoring: Monitoring,
    kpis: Vec<Kpi>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PrecedentsFile {
    precedents: Vec<Precedent>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GlossaryFile {
    terms: Vec<Term>,
}

/// The framework's source files, kept for error positions: the files of
/// `FRAMEWORK_FILES` in their order, then `glossary.toml` when there is one.
pub struct FrameworkSources {
    pub files: Vec<SourceFile>,
}

impl FrameworkSources {
    /// The built-in default framework.
    pub fn builtin() -> Self {
        FrameworkSources {
            files: FRAMEWORK_FILES
                .iter()
                .zip(DEFAULT_FILES)
                .chain([(&GLOSSARY_FILE, DEFAULT_GLOSSARY)])
                .map(|(name, text)| {
                    SourceFile::new(format!("<built-in>/frameworks/default/{name}"), text)
                })
                .collect(),
        }
    }

    /// A framework folder with the same seven files.
    pub fn read(folder: &Path) -> Result<Self, Diagnostics> {
        if !folder.is_dir() {
            return Err(Diagnostic::file(folder, "not a framework folder")
                .with_hint(format!(
                    "a framework folder holds {}; copy frameworks/default to start",
                    FRAMEWORK_FILES.join(", ")
                ))
                .into());
        }
        let mut diagnostics = Diagnostics::default();
        let mut files = Vec::new();
        let hint = format!(
            "a framework folder holds {}; copy the missing file from frameworks/default",
            FRAMEWORK_FILES.join(", ")
        );
        for name in FRAMEWORK_FILES {
            match SourceFile::read_or(&folder.join(name), &hint) {
                Ok(file) => files.push(file),
                Err(d) => diagnostics.push(d),
            }
        }
        let glossary = folder.join(GLOSSARY_FILE);
        if glossary.exists() {
            match SourceFile::read_or(&glossary, "copy glossary.toml from frameworks/default") {
                Ok(file) => files.push(file),
                Err(d) => diagnostics.push(d),
            }
        }
        diagnostics.into_result(FrameworkSources { files })
    }

    /// Parses and checks every file, reporting all problems found.
    pub fn load(&self, folder: Option<PathBuf>) -> Result<Framework, Diagnostics> {
        let mut diagnostics = Diagnostics::default();
        fn part<T: serde::de::DeserializeOwned>(
            source: &SourceFile,
            diagnostics: &mut Diagnostics,
        ) -> Option<T> {
            let doc = TomlDoc::parse_reporting(source, diagnostics)?;
            match doc.whole::<T>() {
                Ok(value) => Some(value),
                Err(d) => {
                    diagnostics.push(d);
                    None
                }
            }
        }
        let f = &self.files;
        let main: Option<FrameworkFile> = part(&f[0], &mut diagnostics);
        let dimensions: Option<DimensionsFile> = part(&f[1], &mut diagnostics);
        let recommendations: Option<RecommendationsFile> = part(&f[2], &mut diagnostics);
        let components: Option<ComponentsFile> = part(&f[3], &mut diagnostics);
        let rules: Option<RulesFile> = part(&f[4], &mut diagnostics);
        let risks: Option<RisksFile> = part(&f[5], &mut diagnostics);
        let kpis: Option<KpisFile> = part(&f[6], &mut diagnostics);
        let precedents: Option<PrecedentsFile> = part(&f[7], &mut diagnostics);
        let glossary: Option<GlossaryFile> = match f.get(GLOSSARY) {
            Some(file) => part(file, &mut diagnostics),
            None => Some(GlossaryFile { terms: Vec::new() }),
        };
        let (
            Some(main),
            Some(dimensions),
            Some(recommendations),
            Some(components),
            Some(rules),
            Some(risks),
            Some(kpis),
            Some(precedents),
            Some(glossary),
        ) = (
            main,
            dimensions,
            recommendations,
            components,
            rules,
            risks,
            kpis,
            precedents,
            glossary,
        )
        else {
            return Err(diagnostics);
        };
        let framework = Framework {
            folder,
            meta: main.framework,
            phases: main.phases,
            pillars: main.pillars,
            vocabulary: main.vocabulary,
            cost_model: main.cost_model,
            financing_sources: main.financing_sources,
            pppp_models: main.pppp_models,
            pacing: main.pacing,
            governance_models: main.governance_models,
            enablers: main.enablers,
            dimensions: dimensions.dimensions,
            recommendations: recommendations.recommendations,
            decisions: recommendations.decisions,
            open_questions: recommendations.open_questions,
            components: components.components,
            rules: rules.rules,
            risks: risks.risks,
            kpis: kpis.kpis,
            key_result_areas: kpis.key_result_areas,
            monitoring: kpis.monitoring,
            precedents: precedents.precedents,
            glossary: glossary.terms,
        };
        validate::validate(&framework, self, &mut diagnostics);
        diagnostics.into_result(framework)
    }
}

impl Framework {
    /// This framework in `language`: its texts replaced by those of the
    /// language's translation files (see [`translation`]). Read once per
    /// framework folder and language in a run; a framework without a
    /// complete translation gives every problem of it.
    pub fn in_language(&self, language: Language) -> Result<Arc<Framework>, Diagnostics> {
        type Cache =
            Mutex<HashMap<(Option<PathBuf>, Language), Result<Arc<Framework>, Diagnostics>>>;
        static TRANSLATED: OnceLock<Cache> = OnceLock::new();
        let cache = TRANSLATED.get_or_init(Default::default);
        let key = (self.folder.clone(), language);
        let mut cache = cache
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        cache
            .entry(key)
            .or_insert_with(|| {
                let folder = self.folder.as_deref();
                let english = match folder {
                    Some(folder) => FrameworkSources::read(folder)?,
                    None => FrameworkSources::builtin(),
                };
                let translations = translation::read_translations(folder, language)?;
                translation::translate(&english, language, &translations)?
                    .load(self.folder.clone())
                    .map(Arc::new)
            })
            .clone()
    }

    /// This framework in `language` when it is not English (`None`: use
    /// this one as it is).
    pub fn unless_english(
        &self,
        language: Language,
    ) -> Result<Option<Arc<Framework>>, Diagnostics> {
        match language {
            Language::En => Ok(None),
            other => self.in_language(other).map(Some),
        }
    }

    /// The built-in default framework. It is checked by the test suite, so a
    /// failure here is a defect in dgplan, reported rather than panicking.
    pub fn builtin() -> Result<Framework, Diagnostics> {
        FrameworkSources::builtin().load(None)
    }

    /// The framework in `folder`, or the built-in one.
    pub fn load(folder: Option<&Path>) -> Result<Framework, Diagnostics> {
        match folder {
            Some(folder) => FrameworkSources::read(folder)?.load(Some(folder.to_path_buf())),
            None => Framework::builtin(),
        }
    }

    pub fn component(&self, id: &str) -> Option<&Component> {
        self.components.iter().find(|c| c.id.name == id)
    }

    pub fn dimension(&self, id: &str) -> Option<&Dimension> {
        self.dimensions.iter().find(|d| d.id.name == id)
    }

    pub fn pillar(&self, id: &str) -> Option<&Pillar> {
        self.pillars.iter().find(|p| p.id.name == id)
    }

    pub fn pppp_model(&self, id: &str) -> Option<&PpppModel> {
        self.pppp_models.iter().find(|m| m.id.name == id)
    }

    pub fn pacing_profile(&self, id: &str) -> Option<&Pacing> {
        self.pacing.iter().find(|p| p.id.name == id)
    }

    pub fn governance_model(&self, id: &str) -> Option<&GovernanceModel> {
        self.governance_models.iter().find(|g| g.id.name == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_framework_loads_and_is_valid() {
        let framework = match Framework::builtin() {
            Ok(f) => f,
            Err(errors) => panic!("built-in framework is invalid:\n{errors}"),
        };
        assert_eq!(framework.dimensions.len(), 11);
        let ids: Vec<&str> = framework.recommendations.iter().map(|r| &*r.id).collect();
        assert_eq!(ids, ["R1", "R2", "R3", "R4", "R5", "R6", "R7"]);
        assert_eq!(framework.pillars.len(), 3);
        assert!(
            framework.components.len() >= 30,
            "{}",
            framework.components.len()
        );
        assert_eq!(framework.risks.len(), 5);
        for dimension in &framework.dimensions {
            assert_eq!(dimension.levels.len(), 6, "{}", &*dimension.id);
        }
    }
}
