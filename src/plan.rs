//! The `Plan`: everything a master plan says, built by the engine and only
//! formatted by renderers. Serialised as `plan.json`, whose shape is a public
//! contract identified by [`PLAN_SCHEMA`].

use serde::{Deserialize, Serialize};

pub use crate::framework::{ComponentKind, ComponentLevel};
use crate::input::Assessment;
pub use crate::input::Currency;
use crate::vocabulary::{CountryGroup, FactValue, IncomeGroup};
use indexmap::IndexMap;

/// Identifies the shape of `plan.json`; changes when a field is removed or
/// changes meaning.
pub const PLAN_SCHEMA: &str = "dgplan-plan/2";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Plan {
    pub schema: String,
    /// The language the plan is written in; English for plan.json files
    /// written before plans had a language.
    #[serde(default)]
    pub language: crate::language::Language,
    pub generator: String,
    /// Date the plan was drafted (YYYY-MM-DD): `SOURCE_DATE_EPOCH` if set, else today.
    pub generated_on: String,
    pub framework: FrameworkRef,
    pub country: CountryView,
    pub settings: Settings,
    /// `[context]` facts as stated; unstated facts are absent.
    pub context: IndexMap<String, FactValue>,
    pub horizon: Horizon,
    pub assessment: Assessment,
    pub readiness: ReadinessView,
    pub vision: String,
    /// How the plan serves the national strategy the profile names, if any.
    #[serde(default)]
    pub strategy_alignment: Option<String>,
    pub recommendations: Vec<RecommendationView>,
    pub pillars: Vec<PillarView>,
    pub phases: Vec<PhaseView>,
    pub pacing: PacingView,
    pub components: Vec<PlannedComponent>,
    /// Catalogue components left out because they are already in place.
    pub in_place: Vec<InPlaceComponent>,
    /// Selected components that do not fit in the horizon.
    pub deferred: Vec<DeferredComponent>,
    /// The decisions that matter most, for the executive summary (at most five).
    pub key_decisions: Vec<DecisionView>,
    /// What the plan asks the ministry to confirm, because an input it acts
    /// on is not known; for the executive summary. Absent from plan.json
    /// files written before questions existed.
    #[serde(default)]
    pub open_questions: Vec<DecisionView>,
    pub governance: GovernanceView,
    /// Cross-cutting enablers with the plan's components that serve each.
    pub enablers: Vec<EnablerView>,
    pub financing: FinancingView,
    pub key_result_areas: Vec<KeyResultAreaView>,
    pub kpis: Vec<KpiView>,
    /// How and how often progress is reviewed.
    pub monitoring_reviews: Vec<String>,
    pub risks: Vec<RiskView>,
    /// What the cabinet brief picks out: the top risks and the first 100
    /// days. Absent from plan.json files written before briefs.
    #[serde(default)]
    pub brief: BriefView,
    /// Components whose start marks a key milestone (framework ids), for comparisons.
    pub key_milestones: Vec<String>,
    /// Why the last years of the plan start no new work, when they do not.
    pub schedule_note: Option<String>,
    /// Every rule of the framework with whether it fired and why.
    pub rules: Vec<RuleTrace>,
    /// Statements the plan rests on that are not facts from the inputs.
    pub assumptions: Vec<String>,
    /// The framework's abbreviations and their meanings, in its order; the
    /// document lists those it uses. Absent from plan.json files written
    /// before the list existed, and empty for a framework without a glossary.
    #[serde(default)]
    pub glossary: Vec<GlossaryTerm>,
}

/// An abbreviation and what it stands for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GlossaryTerm {
    pub abbreviation: String,
    pub meaning: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FrameworkRef {
    pub id: String,
    pub version: String,
    pub title: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CountryView {
    pub name: String,
    pub short_name: Option<String>,
    /// The name used in running text: `short_name` if given, else `name`.
    pub display_name: String,
    /// The name as a sentence uses it, with its article where the plan's
    /// language wants one ("the Republic of Korea", "le Sénégal"). Absent
    /// from plan.json files written before plans had a language.
    #[serde(default)]
    pub in_text: String,
    pub iso3: String,
    pub region: Option<String>,
    pub groups: Vec<CountryGroup>,
    pub group_names: Vec<String>,
    /// `None` when the profile does not state it.
    pub income_group: Option<IncomeGroup>,
    /// "lower-middle income", or "not stated".
    pub income_group_name: String,
    /// `None` when the profile does not state it.
    pub population_millions: Option<f64>,
    /// Where the population comes from, as the plan cites it ("World Bank,
    /// World Development Indicators, 2024"); `None` when the profile names
    /// no source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population_source: Option<String>,
    /// What the country calls its first-level subdivisions ("province",
    /// "county"), and the plural.
    #[serde(default)]
    pub subnational_unit: String,
    #[serde(default)]
    pub subnational_unit_plural: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Settings {
    pub lead_institution: String,
    /// The lead's short name, used in running text after the plan's opening.
    #[serde(default)]
    pub lead_short: Option<String>,
    /// The national strategy the plan implements, as the profile names it.
    #[serde(default)]
    pub national_strategy: Option<String>,
    /// As given, or the framework's stand-in when the profile names none.
    pub sponsor: String,
    pub sponsor_given: bool,
    /// The envelope in US dollars: as given, or converted from
    /// `budget_local_millions`.
    pub budget_usd_millions: Option<f64>,
    /// The envelope as the profile gives it in the local currency, if so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_local_millions: Option<f64>,
    /// The currency the plan shows amounts in beside US dollars, with the
    /// rate and its date; absent for a plan in US dollars.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<Currency>,
    /// The envelope was multiplied by this for a scenario (1 = as given).
    pub budget_scale: f64,
    pub external_financing_share: Option<f64>,
    pub priority_sectors: Vec<String>,
    pub sdg_focus: Vec<u8>,
    pub hazards: Vec<String>,
    /// The sectors and hazards as the plan names them, in its language
    /// ("protection sociale"); absent from plan.json files written before.
    #[serde(default)]
    pub priority_sector_names: Vec<String>,
    #[serde(default)]
    pub hazard_names: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Horizon {
    pub start_year: i32,
    /// Last calendar year of the plan (inclusive).
    pub end_year: i32,
    pub years: u32,
    /// Months are counted from 0 at the start of `start_year`.
    pub months: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReadinessView {
    pub dimensions: Vec<DimensionView>,
    /// Mean of the assessed scores; `None` if none was assessed.
    pub average_score: Option<f64>,
    pub target_score: f64,
    /// Ids of up to three assessed dimensions below the average, weakest first.
    pub weakest: Vec<String>,
    /// Ids of up to three assessed dimensions above the average, strongest first.
    pub strongest: Vec<String>,
    pub not_assessed: Vec<String>,
    pub indices: Option<IndicesView>,
    /// Published figures for both survey editions and peers' averages.
    pub benchmark: Option<crate::reference::Benchmark>,
    /// Where an assessment score and the related published index disagree
    /// sharply: each needs an adviser's look.
    pub disagreements: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DimensionView {
    pub id: String,
    pub name: String,
    pub description: String,
    /// `None` when not assessed: never read as zero.
    pub score: Option<f64>,
    /// Whole level 0 to 5, when assessed.
    pub level: Option<u8>,
    /// Name of the level ("Developing"), or "Not assessed".
    pub level_name: String,
    /// What the level looks like, or "Not assessed".
    pub level_description: String,
    /// "assessment", "assessment checklist, N of M questions answered",
    /// "derived from published indices" or "not assessed".
    pub source: String,
    /// How a score derived from checklist answers was worked out.
    #[serde(default)]
    pub derivation: Option<String>,
    pub evidence: Option<String>,
    /// Distance to the framework's target score; `None` when not assessed.
    pub gap: Option<f64>,
    pub related_index: Option<String>,
    pub related_index_value: Option<f64>,
    /// Components in the plan that raise this dimension.
    pub raised_by: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IndicesView {
    pub year: i32,
    pub source: String,
    pub egdi: Option<f64>,
    pub osi: Option<f64>,
    pub hci: Option<f64>,
    pub tii: Option<f64>,
    pub epi: Option<f64>,
    /// UN EGDI group for the EGDI value: Very High, High, Middle or Low.
    pub egdi_group: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RecommendationView {
    pub id: String,
    pub title: String,
    pub principle: String,
    /// The tailored sentences that apply to this country, in order.
    pub rationale: Vec<String>,
    /// Ids of the tailorings whose conditions held, with the deciding input values.
    pub triggered_by: Vec<Trigger>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Trigger {
    pub id: String,
    pub evidence: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PillarView {
    pub id: String,
    pub name: String,
    pub description: String,
    /// What the pillar aims at by the end of the plan, in the scores of the
    /// dimensions its funded components raise; empty when it has none.
    #[serde(default)]
    pub goal: String,
    pub components: Vec<String>,
    pub cost_usd_millions: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PhaseView {
    pub id: String,
    pub name: String,
    pub purpose: String,
    pub start_month: u32,
    /// Exclusive: the phase ends when this month begins.
    pub end_month: u32,
    pub start_year: i32,
    pub end_year: i32,
    /// Components that start in this phase.
    pub components: Vec<String>,
    pub cost_usd_millions: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PacingView {
    pub id: String,
    pub name: String,
    pub description: String,
    pub max_parallel: u32,
    /// Components that may start in one calendar year of the plan.
    pub max_new_per_year: u32,
    pub duration_factor: f64,
    /// The capacity limits in one sentence, from the numbers above.
    pub capacity: String,
    pub rule: Option<String>,
    pub because: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PlannedComponent {
    pub id: String,
    pub title: String,
    /// A project ends at `end_month`; a function is set up by then and runs
    /// to the end of the plan.
    pub kind: ComponentKind,
    /// Where it sits on the maturity ladder: foundation, integration,
    /// transformation or frontier.
    pub level: ComponentLevel,
    /// Always true: the funded programme; what money does not reach is in `deferred`.
    pub funded: bool,
    /// Share of a delivery team it takes while it is built or set up, in the
    /// unit of `pacing.max_parallel`.
    pub effort: f64,
    pub pillar: String,
    pub summary: String,
    pub phase: String,
    /// When its prerequisites and earliest phase allowed it to start; it
    /// waited for capacity from then until `start_month`.
    #[serde(default)]
    pub ready_month: u32,
    pub start_month: u32,
    /// Exclusive: the component ends when this month begins.
    pub end_month: u32,
    pub duration_months: u32,
    /// Prerequisites that are in this plan (those already in place are listed in `in_place`).
    pub depends_on: Vec<String>,
    /// Prerequisites already in place in the country.
    pub builds_on: Vec<String>,
    /// Cost inside the horizon: one-off plus running cost from go-live.
    pub cost_usd_millions: f64,
    /// One-off cost to build or set it up, spent while it is under way.
    pub capex_usd_millions: f64,
    /// Running cost per year from go-live (`end_month`).
    pub opex_usd_millions_per_year: f64,
    /// Running cost from go-live to the end of the horizon.
    pub opex_in_horizon_usd_millions: f64,
    /// How the cost was derived (an assumption, not a quotation).
    pub cost_basis: String,
    pub financing: Vec<FinancingOption>,
    pub lead: String,
    pub raises: Vec<String>,
    pub sdgs: Vec<u8>,
    pub change_management: String,
    pub milestone: String,
    pub prioritised: bool,
    /// Why the component is in the plan.
    pub because: Vec<Reason>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FinancingOption {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Reason {
    /// The rule id, or `requires:<component>` when pulled in as a prerequisite.
    pub rule: String,
    pub text: String,
    pub evidence: Vec<String>,
}

/// The start of [`Reason::rule`] for a component pulled in as the
/// prerequisite of another, rather than selected by a rule.
pub const PREREQUISITE_PREFIX: &str = "requires:";

impl Reason {
    /// The component that needs this one, when it was pulled in as a
    /// prerequisite rather than selected by a rule.
    pub fn prerequisite_of(&self) -> Option<&str> {
        self.rule.strip_prefix(PREREQUISITE_PREFIX)
    }

    /// True when the component is in the plan only because another needs it.
    pub fn is_prerequisite(&self) -> bool {
        self.prerequisite_of().is_some()
    }
}

/// The `rule` of an in-place component that the profile's `[in_place]` names.
pub const IN_PLACE_RULE: &str = "in_place";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct InPlaceComponent {
    pub id: String,
    pub title: String,
    /// Where it sits on the maturity ladder.
    pub level: ComponentLevel,
    /// What the country calls it (profile `[in_place]`), when named.
    #[serde(default)]
    pub name: Option<String>,
    /// The rule that found it in place, or `in_place` when the profile names it.
    pub rule: String,
    pub reason: String,
    pub evidence: Vec<String>,
    /// True when a dimension it raises still scores below the framework's
    /// target: the plan strengthens it rather than rebuilding it.
    #[serde(default)]
    pub strengthen: bool,
    /// Why and where it is strengthened; empty unless `strengthen`.
    #[serde(default)]
    pub strengthening: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DeferredComponent {
    pub id: String,
    pub title: String,
    pub kind: ComponentKind,
    /// Where it sits on the maturity ladder.
    pub level: ComponentLevel,
    /// Why it is not in the funded programme.
    pub cause: DeferredCause,
    /// Always false.
    pub funded: bool,
    pub reason: String,
    /// For `funding`: where it would start if funded; for `time`: the
    /// earliest start capacity allowed; `None` for `prerequisite`.
    pub earliest_start_month: Option<u32>,
    /// Months it takes at this pace.
    pub duration_months: u32,
    /// For `time`: when its prerequisites and phase let it start.
    pub ready_month: Option<u32>,
    /// Share of a delivery team it would take while under way.
    pub effort: f64,
    pub capex_usd_millions: f64,
    pub opex_usd_millions_per_year: f64,
    /// What it would cost inside the horizon if funded (its one-off cost
    /// when it would not fit in the horizon).
    pub cost_usd_millions: f64,
    pub because: Vec<Reason>,
}

/// Why a selected component is not in the funded programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DeferredCause {
    /// The envelope is spent on work of higher priority: in the unfunded pipeline.
    Funding,
    /// It would end after the horizon even if started at the first free slot.
    Time,
    /// A prerequisite is not in the programme, or would not fit if funded.
    Prerequisite,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GovernanceView {
    pub model: String,
    pub name: String,
    pub summary: String,
    /// A precedent of the model, chosen for its likeness to this country;
    /// empty when none fits.
    pub seen_in: String,
    /// Which precedent `seen_in` quotes, for tracing.
    #[serde(default)]
    pub precedent: Option<PrecedentRef>,
    pub rule: Option<String>,
    pub because: String,
    pub bodies: Vec<BodyView>,
    pub coordination: Vec<String>,
    pub data_sharing: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BodyView {
    pub name: String,
    pub chair: String,
    pub members: String,
    pub role: String,
    pub meets: String,
    /// The component of the plan's framework that sets the body up, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set_up_by: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FinancingView {
    /// The funded programme's cost inside the horizon: one-off plus running.
    pub total_cost_usd_millions: f64,
    /// One-off costs of the funded programme.
    pub capex_usd_millions: f64,
    /// Running costs of the funded programme inside the horizon.
    pub opex_usd_millions: f64,
    /// What the national budget must carry each year once the plan ends:
    /// the running costs of everything the plan delivers.
    pub recurrent_after_horizon_usd_millions_per_year: f64,
    /// The envelope the programme is funded within (the profile's, times
    /// `settings.budget_scale`). `None` when the profile gives none.
    pub envelope_usd_millions: Option<f64>,
    /// Envelope left unspent by the funded programme.
    pub headroom_usd_millions: Option<f64>,
    /// What the unfunded pipeline would cost inside the horizon.
    pub unfunded_usd_millions: Option<f64>,
    /// Funded and unfunded cost less the envelope: positive is the money
    /// missing for everything selected that fits in the horizon, negative
    /// is headroom. `None` without an envelope.
    pub gap_usd_millions: Option<f64>,
    /// The unfunded components in the order more money would buy them.
    pub pipeline: Vec<PipelineItem>,
    /// What 60%, 80%, 100% and 120% of the profile's envelope would fund
    /// (and the plan's own scale, if another); empty without an envelope.
    pub scenarios: Vec<ScenarioView>,
    /// `None` when the population is not stated.
    pub cost_per_capita_usd: Option<f64>,
    pub by_source: Vec<SourceShare>,
    pub by_year: Vec<YearCost>,
    pub by_pillar: Vec<PillarCost>,
    pub by_phase: Vec<PillarCost>,
    pub mix_rule: Option<String>,
    pub mix_because: String,
    /// PPPP and financing models used by the plan's components (first choice of each).
    pub pppp_models: Vec<ModelUse>,
    pub cost_basis: String,
    pub deferred_cost_usd_millions: f64,
}

impl Settings {
    /// How the plan's amounts read: in the local currency first when it
    /// has one, else in US dollars.
    pub fn money(&self) -> crate::words::Money {
        self.currency
            .as_ref()
            .map_or_else(crate::words::Money::usd, Currency::money)
    }
}

impl FinancingView {
    /// The cost beyond the envelope, when there is an envelope and the cost
    /// exceeds it.
    pub fn funding_gap(&self) -> Option<f64> {
        self.gap_usd_millions.filter(|g| *g > 0.0)
    }
}

/// One unfunded component, with the tranche of money that would buy it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PipelineItem {
    pub rank: u32,
    pub id: String,
    pub title: String,
    /// What it adds inside the horizon: one-off plus running cost.
    pub cost_usd_millions: f64,
    /// Its cost and that of everything ranked before it.
    pub cumulative_usd_millions: f64,
    /// New money needed, beyond the envelope left unspent, to fund it and
    /// everything ranked before it.
    pub further_usd_millions: f64,
    pub start_month: u32,
    pub end_month: u32,
}

/// What an envelope of `scale` times the profile's would fund.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ScenarioView {
    pub scale: f64,
    pub envelope_usd_millions: f64,
    pub funded_components: u32,
    pub funded_usd_millions: f64,
    pub unfunded_components: u32,
    pub unfunded_usd_millions: f64,
    /// The scenario this plan is drawn up for.
    pub this_plan: bool,
    /// Components it funds that this plan does not, and the reverse.
    pub adds: Vec<String>,
    pub drops: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SourceShare {
    pub id: String,
    pub name: String,
    pub description: String,
    pub share: f64,
    pub amount_usd_millions: f64,
    /// "profile" when set by external_financing_share, else the rule id or "framework default".
    pub basis: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct YearCost {
    pub year: i32,
    pub cost_usd_millions: f64,
    pub capex_usd_millions: f64,
    pub opex_usd_millions: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PillarCost {
    pub id: String,
    pub name: String,
    pub cost_usd_millions: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ModelUse {
    pub id: String,
    pub name: String,
    pub description: String,
    /// The most similar precedent's text, else the model's general example
    /// (naming no country), else empty.
    pub example: String,
    /// Which precedent `example` quotes, if it quotes one.
    #[serde(default)]
    pub precedent: Option<PrecedentRef>,
    pub partners: Vec<String>,
    pub components: Vec<String>,
}

/// The precedent a plan quotes: its id in the framework and its country.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PrecedentRef {
    pub id: String,
    pub iso3: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DecisionView {
    pub id: String,
    pub text: String,
    pub evidence: Vec<String>,
    /// What a decision commits and when, for the cabinet brief; absent for
    /// a question to confirm and in plan.json files written before briefs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commits: Option<DecisionCommitment>,
}

/// The money a decision commits and the months of the horizon it concerns,
/// from the same schedule and costs as the plan's tables.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DecisionCommitment {
    /// USD millions over the months below (a year, when `per_year`); none
    /// when the decision commits no money of its own.
    pub cost_usd_millions: Option<f64>,
    /// The cost is a yearly amount (the running cost once the plan ends).
    pub per_year: bool,
    /// First month of the horizon the decision concerns (0 = the plan's
    /// first month; the horizon's length = the month after the plan ends).
    pub from_month: u32,
    /// Month the work ends, when it ends within the plan.
    pub to_month: Option<u32>,
    /// Titles of the components whose cost this is, when it is theirs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub covers: Vec<String>,
}

/// What the cabinet brief picks out of the plan.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct BriefView {
    /// Ids of the risks the brief names as the main ones: the most likely
    /// rated medium or above (at most three).
    pub top_risks: Vec<String>,
    /// Fewer than three risks are rated medium or above, and the plan has
    /// others, all rated low.
    #[serde(default)]
    pub others_rated_low: bool,
    /// When no risk is rated above low: the id of the highest-rated one.
    #[serde(default)]
    pub highest_low_risk: Option<String>,
    /// What each phase delivers, from the funded work that starts or ends in it.
    #[serde(default)]
    pub phases: Vec<PhaseDelivery>,
    /// What is at stake in each question to confirm, in their order.
    #[serde(default)]
    pub questions: Vec<QuestionStake>,
    /// Month of the horizon by which the schedule assumes Cabinet approves
    /// the plan (0 = the plan's first month).
    #[serde(default)]
    pub approval_month: u32,
    /// What happens in the first 100 days after Cabinet approves the plan,
    /// in order.
    pub first_100_days: Vec<FirstDaysAction>,
}

/// One phase's line in the brief.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PhaseDelivery {
    /// The phase's id.
    pub phase: String,
    /// "Starts 9 funded components, the largest: ...", or what it finishes.
    pub delivers: String,
}

/// A question to confirm and the cost of the components its answer changes.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct QuestionStake {
    pub id: String,
    /// Cost inside the horizon of the components the answer changes,
    /// funded or not; none when the plan costs none.
    pub cost_usd_millions: Option<f64>,
}

/// One action of the first 100 days.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FirstDaysAction {
    /// Day by which it is done (day 1 = the day Cabinet approves the plan).
    pub by_day: u32,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EnablerView {
    pub id: String,
    pub name: String,
    pub description: String,
    /// Components of this plan that serve the enabler.
    pub components: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct KeyResultAreaView {
    pub id: String,
    pub name: String,
    pub description: String,
    /// KPIs of this plan that measure the area.
    pub kpis: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct KpiView {
    pub id: String,
    /// Key result area id.
    pub area: String,
    pub name: String,
    pub definition: String,
    pub unit: String,
    pub owner: String,
    pub component: Option<String>,
    pub baseline: Option<f64>,
    /// Where the baseline comes from, with year where known.
    pub baseline_source: String,
    pub targets: Vec<KpiTarget>,
    /// Where the targets' values come from, when the plan works them out
    /// (a peer pace from the survey editions).
    #[serde(default)]
    pub target_source: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct KpiTarget {
    pub phase: String,
    /// Year the phase ends, when the target is due.
    pub year: i32,
    pub value: Option<f64>,
    pub text: String,
    /// For a KPI that follows a component: where the component stands when
    /// the phase ends, which the target's text is written from.
    #[serde(default)]
    pub status: Option<ComponentStatus>,
}

/// Where a component stands in the schedule at a given month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComponentStatus {
    NotStarted,
    UnderWay,
    Done,
}

impl ComponentStatus {
    /// Where `c` stands when month `month` begins.
    pub fn at(c: &PlannedComponent, month: u32) -> Self {
        if c.start_month >= month {
            ComponentStatus::NotStarted
        } else if c.end_month > month {
            ComponentStatus::UnderWay
        } else {
            ComponentStatus::Done
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RiskView {
    pub id: String,
    pub title: String,
    pub description: String,
    /// "very low", "low", "medium", "high" or "very high" (score 1 to 5).
    pub likelihood: String,
    /// 1 to 5.
    pub score: i32,
    pub drivers: Vec<Reason>,
    pub mitigation: String,
    pub mitigated_by: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RuleTrace {
    pub id: String,
    /// Why the framework has the rule, with the country's values filled in.
    #[serde(default)]
    pub because: String,
    pub fired: bool,
    /// The input values that decided the outcome.
    pub evidence: Vec<String>,
    /// What the rule did in this plan, when it fired.
    pub effects: Vec<String>,
}
