//! What templates see.
//!
//! Templates get two variables: `plan`, the [`Plan`] exactly as written to
//! `plan.json`, and `doc`, this view: the same content arranged for reading,
//! with labels formatted for people ("USD 12.5 million", "Q3 2027") and ids
//! resolved to titles. The view adds no policy: every choice was made by the
//! engine. Its fields are a public interface for people who write their own
//! templates; they are listed in `docs/templates.md`.

use std::collections::HashMap;

use serde::Serialize;

use crate::language::{Language, current, say};
use crate::plan::*;
use crate::reference::Benchmark;
use crate::vocabulary::{CONTEXT_FACTS, FactValue, INDICES, fact_label};
use crate::words::{
    Money, capitalise, count_word, country_in_text, format_number, format_rate, format_score,
    format_usd, group_phrase, join_words, long_date, lower_first, or_if_empty, quarter,
};

/// The phrase `key` of the catalogue with its `{name}` placeholders filled
/// from `values`, a preposition before a value joined to the value's
/// article as the language wants ("de" + "le Sénégal": "du Sénégal").
pub fn phrase(key: &str, values: &[(&str, &str)]) -> String {
    crate::language::say_with(key, values)
}

/// A phrase of the view's own section, `[render.view]`.
fn said(key: &str) -> &'static str {
    say(&format!("render.view.{key}"))
}

/// A phrase of `[render.view]` with its placeholders filled.
fn said_with(key: &str, values: &[(&str, &str)]) -> String {
    phrase(&format!("render.view.{key}"), values)
}

/// "2.0 of 5", "2,0 sur 5".
fn of_five(score: &str) -> String {
    said_with("of_five", &[("score", score)])
}

/// "Q1 2027 to Q4 2027".
fn quarters(start: &str, end: &str) -> String {
    said_with("from_to", &[("start", start), ("end", end)])
}

#[derive(Debug, Serialize)]
pub struct DocView<'a> {
    /// "National Digital Government Master Plan 2026-2030".
    pub title: String,
    /// The country's name in running text: "the Republic of Korea", "Fiji".
    pub country: String,
    /// The same at the start of a sentence or heading: "The Republic of Korea".
    pub country_start: String,
    /// "2026-2030".
    pub period: String,
    /// "Lao PDR digital government roadmap 2026-2030", safe for a Mermaid chart.
    pub chart_title: String,
    /// Drafting date, "29 December 2026".
    pub date: String,
    pub status: &'static str,
    pub profile: ProfileDoc,
    /// Every `[context]` fact, stated or not.
    pub context: Vec<Labelled>,
    pub readiness: ReadinessDoc<'a>,
    pub components: Vec<ComponentDoc<'a>>,
    pub pillars: Vec<PillarDoc<'a>>,
    pub phases: Vec<PhaseDoc<'a>>,
    pub enablers: Vec<GroupDoc<'a>>,
    pub in_place: Vec<&'a InPlaceComponent>,
    pub deferred: Vec<DeferredDoc<'a>>,
    pub financing: FinancingDoc<'a>,
    pub key_result_areas: Vec<AreaDoc<'a>>,
    pub kpi_phase_names: Vec<String>,
    pub risks: Vec<RiskDoc<'a>>,
    /// Milestones in date order.
    pub milestones: Vec<MilestoneDoc>,
    /// Rules that fired, with what they did.
    pub fired_rules: Vec<&'a RuleTrace>,
    /// Header of the plain-text timeline: one column per quarter, grouped by year.
    pub timeline_header: String,
    /// Each horizon year with the number of components running in it.
    pub years: Vec<i32>,
    /// The currency amounts are shown in beside US dollars (`code`,
    /// `name`, `usd_rate`, `usd_rate_date`); absent for a plan in dollars.
    pub currency: Option<&'a Currency>,
    /// For a plan with a currency of its own: the rate with its date, and
    /// that component costs stay in US dollars; empty for a plan in dollars.
    pub rate_note: String,
}

#[derive(Debug, Serialize)]
pub struct Labelled {
    pub name: String,
    pub value: String,
}

#[derive(Debug, Serialize)]
pub struct ProfileDoc {
    /// "least developed country; landlocked developing country", or "none".
    pub groups: String,
    /// "least developed and landlocked developing country", or "country".
    pub group_phrase: String,
    /// The opening sentence about the country from what the profile states:
    /// "Lao PDR is a least developed ... country in the lower-middle income
    /// group, with 7.7 million people." Empty when it states none of these.
    pub intro: String,
    /// "lower-middle income (LMIC)".
    pub income: String,
    /// "7.7 million".
    pub population: String,
    pub region: String,
    pub sectors: String,
    pub sdgs: String,
    pub hazards: String,
    pub sponsor: String,
    pub lead: String,
    pub envelope: String,
    pub external_share: String,
}

#[derive(Debug, Serialize)]
pub struct ReadinessDoc<'a> {
    pub dimensions: Vec<DimensionDoc<'a>>,
    /// "1.6 of 5", or "no dimension assessed".
    pub average: String,
    pub target: String,
    pub weakest: String,
    pub strongest: String,
    /// Whether even the strongest dimensions score below the target, so
    /// that the summary calls them the highest scores, not strengths.
    pub strongest_below_target: bool,
    /// Whether even the weakest dimensions score at or above the target, so
    /// that the summary calls them the lowest scores, not weaknesses.
    pub weakest_at_target: bool,
    /// Names of dimensions not assessed, joined; empty when all were.
    pub not_assessed: String,
    pub not_assessed_count: usize,
    /// Dimensions scored through the readiness checklist.
    pub checklist_count: usize,
    pub assessed_count: usize,
    /// Assessed dimensions scoring below the framework's target.
    pub below_target_count: usize,
    pub indices: Vec<IndexDoc>,
    pub indices_year: Option<i32>,
    pub egdi_group: String,
    /// EGDI to four decimals, or empty.
    pub egdi: String,
    /// Published figures by edition against peers: header and rows of text;
    /// empty when the survey does not cover the country.
    pub benchmark_header: Vec<String>,
    pub benchmark_rows: Vec<Vec<String>>,
    /// "Ranked 152 of 193 in 2024, 159 in 2022."
    pub rank: String,
    pub benchmark_source: String,
    /// Assessment date in words, "1 May 2026".
    pub assessment_date: String,
}

#[derive(Debug, Serialize)]
pub struct DimensionDoc<'a> {
    #[serde(flatten)]
    pub dimension: &'a DimensionView,
    /// "2.0", or "Not assessed".
    pub score_label: String,
    /// "2 Developing", or "Not assessed".
    pub level_label: String,
    /// "1.0", or "to be set after assessment".
    pub gap_label: String,
    /// "TII 0.5338", or empty.
    pub index_label: String,
    pub evidence_label: String,
}

#[derive(Debug, Serialize)]
pub struct IndexDoc {
    pub code: &'static str,
    pub name: &'static str,
    pub value: String,
}

#[derive(Debug, Serialize)]
pub struct ComponentDoc<'a> {
    #[serde(flatten)]
    pub component: &'a PlannedComponent,
    pub pillar_name: String,
    pub phase_name: String,
    /// Its level on the maturity ladder in words, "Integration: joins up
    /// what already exists".
    pub level_label: String,
    /// Quarter it starts, "Q1 2026".
    pub start: String,
    /// Quarter it ends, "Q2 2027".
    pub end: String,
    /// First day of the start month, for Gantt charts.
    pub start_date: String,
    /// First day of the month after it ends, for Gantt charts.
    pub end_date: String,
    /// For a standing function: the first day after the plan, to which it
    /// keeps running once set up; empty for a project.
    pub runs_until_date: String,
    /// "USD 1.2 million".
    pub cost: String,
    /// "Q2 2027 to Q4 2027", or for a function "set up Q2 2027 to Q4 2027,
    /// then running to the end of the plan".
    pub period: String,
    /// The cost inside the horizon with its one-off and running parts.
    pub cost_detail: String,
    pub depends_on_titles: Vec<String>,
    pub builds_on_titles: Vec<String>,
    /// Titles of the plan's components that wait for this one.
    pub needed_before_titles: Vec<String>,
    pub financing_names: Vec<String>,
    pub raises_names: Vec<String>,
    /// "3, 4 and 16", or "none".
    pub sdgs_label: String,
    /// The main reason, from the first rule that selected it.
    pub reason: String,
    /// Rule ids that put it in the plan, joined.
    pub rules_label: String,
    /// Title made safe for a Mermaid chart.
    pub chart_label: String,
    /// One line of the plain-text timeline.
    pub timeline: String,
}

#[derive(Debug, Serialize)]
pub struct PillarDoc<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub description: &'a str,
    /// What the pillar aims at by the end of the plan; empty when no
    /// component of it is funded.
    pub goal: &'a str,
    pub cost: String,
    pub share: String,
    pub components: Vec<ComponentDoc<'a>>,
}

#[derive(Debug, Serialize)]
pub struct PhaseDoc<'a> {
    #[serde(flatten)]
    pub phase: &'a PhaseView,
    pub start: String,
    pub end: String,
    pub cost: String,
    pub components: Vec<ComponentDoc<'a>>,
    /// Milestones reached during the phase.
    pub delivers: Vec<MilestoneDoc>,
}

#[derive(Debug, Serialize)]
pub struct GroupDoc<'a> {
    pub name: &'a str,
    pub description: &'a str,
    pub components: Vec<ComponentDoc<'a>>,
}

#[derive(Debug, Serialize)]
pub struct DeferredDoc<'a> {
    #[serde(flatten)]
    pub deferred: &'a DeferredComponent,
    pub cost: String,
    pub capex: String,
    /// "USD 0.3 million", or "none".
    pub opex: String,
    pub rules_label: String,
}

#[derive(Debug, Serialize)]
pub struct FinancingDoc<'a> {
    pub total: String,
    pub envelope: String,
    /// "gap", "headroom" or "unknown" (no envelope stated).
    pub gap_kind: &'static str,
    /// The gap or headroom as an amount.
    pub gap: String,
    pub per_capita: String,
    /// The same, for a place inside brackets: "XOF 19,338 or USD 32.23 per
    /// person" (for a plan in dollars, the same as `per_capita`).
    pub per_capita_in_brackets: String,
    /// For a plan with a currency of its own: which amounts are in which
    /// currency, and the rate; empty for a plan in dollars.
    pub currency_note: String,
    pub deferred_cost: String,
    /// One-off and running costs of the funded programme inside the horizon.
    pub capex: String,
    pub opex: String,
    /// Running cost a year once the plan ends.
    pub recurrent: String,
    /// The envelope left unspent, when there is an envelope.
    pub headroom: String,
    /// What the unfunded pipeline would cost inside the horizon.
    pub unfunded: String,
    /// Components that wait for money (the pipeline), and the others left
    /// out: too long for the horizon at this pace, or needing one that is.
    pub unfunded_count: usize,
    /// The components left out of the funded programme, by cause, in one
    /// sentence; empty when none is.
    pub left_out: String,
    pub pipeline: Vec<PipelineRow>,
    pub scenarios: Vec<ScenarioRow>,
    pub by_year: Vec<AmountRow>,
    /// One-off and running cost in each year.
    pub year_split: Vec<YearSplitRow>,
    pub by_pillar: Vec<AmountRow>,
    pub by_phase: Vec<AmountRow>,
    pub by_source: Vec<SourceRow<'a>>,
    pub mix_because: &'a str,
    /// "85% from domestic budget and 15% from private and people partners":
    /// the sources with a share above zero.
    pub mix: String,
    pub models: Vec<ModelDoc<'a>>,
    pub basis: &'a str,
}

#[derive(Debug, Serialize)]
pub struct YearSplitRow {
    pub year: i32,
    pub capex: String,
    pub opex: String,
    pub total: String,
    /// The total in the plan's own currency; empty for a plan in dollars.
    pub local: String,
}

#[derive(Debug, Serialize)]
pub struct PipelineRow {
    pub rank: u32,
    pub title: String,
    pub capex: String,
    pub opex: String,
    pub cost: String,
    pub cumulative: String,
    /// New money needed beyond the envelope's headroom.
    pub further: String,
    pub period: String,
}

#[derive(Debug, Serialize)]
pub struct ScenarioRow {
    /// "80%".
    pub share: String,
    pub envelope: String,
    pub funded_count: u32,
    pub funded: String,
    /// The envelope less what it funds.
    pub unspent: String,
    pub unfunded_count: u32,
    pub unfunded: String,
    pub this_plan: bool,
    /// "Adds: A; B. Drops: C." against this plan, or "".
    pub change: String,
}

#[derive(Debug, Serialize)]
pub struct AmountRow {
    pub name: String,
    pub amount: String,
    /// "23%".
    pub share: String,
}

#[derive(Debug, Serialize)]
pub struct SourceRow<'a> {
    #[serde(flatten)]
    pub source: &'a SourceShare,
    pub amount: String,
    pub share_label: String,
    pub basis_label: String,
}

#[derive(Debug, Serialize)]
pub struct ModelDoc<'a> {
    #[serde(flatten)]
    pub model: &'a ModelUse,
    pub component_titles: Vec<String>,
    pub partners_label: String,
}

#[derive(Debug, Serialize)]
pub struct AreaDoc<'a> {
    pub name: &'a str,
    pub description: &'a str,
    pub kpis: Vec<KpiDoc<'a>>,
}

#[derive(Debug, Serialize)]
pub struct KpiDoc<'a> {
    #[serde(flatten)]
    pub kpi: &'a KpiView,
    /// "0.4404", "0", or "To be established".
    pub baseline_label: String,
    /// One text per phase.
    pub target_labels: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct RiskDoc<'a> {
    #[serde(flatten)]
    pub risk: &'a RiskView,
    /// "High (4 of 5)".
    pub likelihood_label: String,
    pub mitigated_by_titles: Vec<String>,
}

#[derive(Debug, Serialize, Clone)]
pub struct MilestoneDoc {
    /// Quarter reached, "Q2 2027".
    pub when: String,
    pub component: String,
    pub milestone: String,
    /// Month it is reached, for ordering.
    pub month: u32,
}

fn month_date(start_year: i32, month: u32) -> String {
    format!(
        "{}-{:02}-01",
        start_year + (month / 12) as i32,
        month % 12 + 1
    )
}

fn percent(part: f64, whole: f64) -> String {
    if whole <= 0.0 {
        return "0%".into();
    }
    format!("{}%", format_number(part / whole * 100.0, 0))
}

/// The plan's names of its sectors or hazards, joined; the ids made
/// readable for a plan.json written before plans named them.
fn named(names: &[String], ids: &[String]) -> String {
    if names.len() == ids.len() && !names.is_empty() {
        join_words(names)
    } else {
        readable(ids)
    }
}

fn readable(words: &[String]) -> String {
    join_words(
        &words
            .iter()
            .map(|w| w.replace('_', " "))
            .collect::<Vec<_>>(),
    )
}

/// Keeps a label safe inside a Mermaid `gantt` block, whose syntax uses `:`, `#` and `;`.
fn chart_safe(title: &str) -> String {
    title
        .chars()
        .map(|c| match c {
            ':' | '#' | ';' | '`' => ' ',
            c => c,
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

const TIMELINE_TITLE_WIDTH: usize = 44;

/// Names looked up by id, shared by the section builders.
struct Names<'a> {
    /// Component titles: planned, in place and deferred.
    titles: HashMap<&'a str, &'a str>,
    pillars: HashMap<&'a str, &'a str>,
    phases: HashMap<&'a str, &'a str>,
    dimensions: HashMap<&'a str, &'a str>,
}

impl<'a> Names<'a> {
    fn new(plan: &'a Plan) -> Names<'a> {
        Names {
            titles: plan
                .components
                .iter()
                .map(|c| (c.id.as_str(), c.title.as_str()))
                .chain(
                    plan.in_place
                        .iter()
                        .map(|c| (c.id.as_str(), c.title.as_str())),
                )
                .chain(
                    plan.deferred
                        .iter()
                        .map(|c| (c.id.as_str(), c.title.as_str())),
                )
                .collect(),
            pillars: plan
                .pillars
                .iter()
                .map(|p| (p.id.as_str(), p.name.as_str()))
                .collect(),
            phases: plan
                .phases
                .iter()
                .map(|p| (p.id.as_str(), p.name.as_str()))
                .collect(),
            dimensions: plan
                .readiness
                .dimensions
                .iter()
                .map(|d| (d.id.as_str(), d.name.as_str()))
                .collect(),
        }
    }

    /// A component's title; the id itself when the plan does not know it.
    fn title(&self, id: &str) -> String {
        self.titles
            .get(id)
            .map_or_else(|| id.to_string(), |t| t.to_string())
    }

    fn titles(&self, ids: &[String]) -> Vec<String> {
        ids.iter().map(|id| self.title(id)).collect()
    }

    /// Dimension names in running text. The names hold "and" and commas
    /// themselves, so three or more are listed with semicolons: "a; b; and c".
    fn dimension_list(&self, ids: &[String]) -> String {
        let names: Vec<String> = ids
            .iter()
            .map(|id| {
                self.dimensions
                    .get(id.as_str())
                    .map_or_else(|| id.clone(), |n| n.to_lowercase())
            })
            .collect();
        // Spanish writes "e" for "and" before a word sounding "i".
        let sounds_i = |w: &str| {
            (w.starts_with('i') || w.starts_with("hi") || w.starts_with('í'))
                && !w.starts_with("hie")
        };
        let key = |many: &str, last: &str| {
            if current() == Language::Es && sounds_i(last) {
                format!("dimensions_{many}_before_i")
            } else {
                format!("dimensions_{many}")
            }
        };
        match names.as_slice() {
            [] => String::new(),
            [one] => one.clone(),
            [a, b] => said_with(&key("two", b), &[("first", a), ("last", b)]),
            [rest @ .., last] => said_with(
                &key("many", last),
                &[("first", &rest.join("; ")), ("last", last)],
            ),
        }
    }
}

impl<'a> DocView<'a> {
    pub fn new(plan: &'a Plan) -> DocView<'a> {
        let names = Names::new(plan);
        let milestones = milestones(plan);
        let horizon = &plan.horizon;
        let country = &plan.country;
        DocView {
            title: said_with(
                "title",
                &[
                    ("start_year", &horizon.start_year.to_string()),
                    ("end_year", &horizon.end_year.to_string()),
                ],
            ),
            country: country_in_text(&country.display_name),
            country_start: capitalise(&country_in_text(&country.display_name)),
            period: format!("{}-{}", horizon.start_year, horizon.end_year),
            chart_title: chart_safe(&said_with(
                "chart_title",
                &[
                    ("country", &country.display_name),
                    ("start_year", &horizon.start_year.to_string()),
                    ("end_year", &horizon.end_year.to_string()),
                ],
            )),
            date: long_date(&plan.generated_on),
            status: said("status"),
            profile: profile_doc(plan),
            context: context_doc(plan),
            readiness: readiness_doc(plan, &names),
            pillars: pillar_docs(plan, &names),
            phases: phase_docs(plan, &names, &milestones),
            enablers: enabler_docs(plan, &names),
            in_place: plan.in_place.iter().collect(),
            deferred: deferred_docs(plan),
            financing: financing_doc(plan, &names),
            kpi_phase_names: plan
                .phases
                .iter()
                .map(|p| format!("{} ({})", p.name, p.end_year))
                .collect(),
            key_result_areas: area_docs(plan),
            risks: risk_docs(plan, &names),
            milestones,
            fired_rules: plan.rules.iter().filter(|r| r.fired).collect(),
            currency: plan.settings.currency.as_ref(),
            rate_note: rate_note(plan),
            timeline_header: timeline_header(horizon),
            years: (horizon.start_year..=horizon.end_year).collect(),
            components: plan
                .components
                .iter()
                .map(|c| component_doc(plan, &names, c))
                .collect(),
        }
    }
}

fn component_doc<'a>(plan: &'a Plan, names: &Names, c: &'a PlannedComponent) -> ComponentDoc<'a> {
    let start_year = plan.horizon.start_year;
    let name_in = |map: &HashMap<&str, &str>, id: &str| {
        map.get(id).map_or_else(String::new, |s| s.to_string())
    };
    ComponentDoc {
        component: c,
        pillar_name: name_in(&names.pillars, &c.pillar),
        phase_name: name_in(&names.phases, &c.phase),
        level_label: level_label(c.level),
        start: quarter(start_year, c.start_month),
        end: quarter(start_year, c.end_month.saturating_sub(1)),
        start_date: month_date(start_year, c.start_month),
        end_date: month_date(start_year, c.end_month),
        runs_until_date: match c.kind {
            ComponentKind::Function => month_date(start_year, plan.horizon.months),
            ComponentKind::Project => String::new(),
        },
        cost: format_usd(c.cost_usd_millions),
        period: period_of(plan, c),
        cost_detail: cost_detail(c),
        depends_on_titles: names.titles(&c.depends_on),
        builds_on_titles: names.titles(&c.builds_on),
        needed_before_titles: plan
            .components
            .iter()
            .filter(|other| other.depends_on.contains(&c.id))
            .map(|other| other.title.clone())
            .collect(),
        financing_names: c.financing.iter().map(|f| f.name.clone()).collect(),
        raises_names: c
            .raises
            .iter()
            .map(|d| {
                names
                    .dimensions
                    .get(d.as_str())
                    .map_or_else(|| d.clone(), |n| n.to_string())
            })
            .collect(),
        sdgs_label: or_if_empty(sdg_list(&c.sdgs), said("none")),
        reason: c
            .because
            .iter()
            .find(|r| !r.is_prerequisite())
            .or(c.because.first())
            .map_or_else(String::new, |r| r.text.clone()),
        rules_label: rules_label(&c.because),
        chart_label: chart_safe(&c.title),
        timeline: timeline_line(c, plan.horizon.years * 4),
    }
}

/// A component's level on the maturity ladder, with what the level means.
fn level_label(level: ComponentLevel) -> String {
    let key = match level {
        ComponentLevel::Foundation => "foundation",
        ComponentLevel::Integration => "integration",
        ComponentLevel::Transformation => "transformation",
        ComponentLevel::Frontier => "frontier",
    };
    said_with(
        "level_label",
        &[
            ("level", said(&format!("level_{key}"))),
            ("meaning", said(&format!("level_{key}_meaning"))),
        ],
    )
}

/// The unfunded pipeline as the costing chapter shows it.
fn pipeline_rows(plan: &Plan) -> Vec<PipelineRow> {
    let financing = &plan.financing;
    financing
        .pipeline
        .iter()
        .map(|p| {
            let left_out = plan.deferred.iter().find(|d| d.id == p.id);
            let amount = |of: fn(&DeferredComponent) -> f64| {
                left_out.map_or_else(String::new, |d| format_usd(of(d)))
            };
            PipelineRow {
                rank: p.rank,
                title: p.title.clone(),
                capex: amount(|d| d.capex_usd_millions),
                opex: amount(|d| d.opex_usd_millions_per_year),
                cost: format_usd(p.cost_usd_millions),
                cumulative: format_usd(p.cumulative_usd_millions),
                further: format_usd(p.further_usd_millions),
                period: quarters(
                    &quarter(plan.horizon.start_year, p.start_month),
                    &quarter(plan.horizon.start_year, p.end_month.saturating_sub(1)),
                ),
            }
        })
        .collect()
}

/// What each scaled envelope funds, against this plan.
fn scenario_rows(names: &Names, financing: &FinancingView) -> Vec<ScenarioRow> {
    financing
        .scenarios
        .iter()
        .map(|s| ScenarioRow {
            share: format!("{}%", format_number(s.scale * 100.0, 0)),
            envelope: format_usd(s.envelope_usd_millions),
            funded_count: s.funded_components,
            funded: format_usd(s.funded_usd_millions),
            unspent: format_usd(s.envelope_usd_millions - s.funded_usd_millions),
            unfunded_count: s.unfunded_components,
            unfunded: format_usd(s.unfunded_usd_millions),
            this_plan: s.this_plan,
            change: scenario_change(names, s),
        })
        .collect()
}

/// Why the selected components outside the funded programme are out:
/// counts by cause, from the plan's list.
fn left_out(plan: &Plan) -> String {
    let waiting = plan.financing.pipeline.len();
    let count = |cause: DeferredCause| plan.deferred.iter().filter(|d| d.cause == cause).count();
    // Each cause: how many, and the key of what they do.
    let causes = [
        (waiting, "waits"),
        (count(DeferredCause::Funding) - waiting, "lacks_money"),
        (count(DeferredCause::Time), "too_long"),
        (count(DeferredCause::Prerequisite), "needs_first"),
    ];
    let present: Vec<_> = causes.iter().filter(|(n, _)| *n > 0).collect();
    let total = plan.deferred.len();
    let number = |n: usize| if n == 1 { "one" } else { "many" };
    let count_text = capitalise(&count_word(total));
    let subject = said_with(
        &format!("left_out_subject_{}", number(total)),
        &[("count", &count_text)],
    );
    match present.as_slice() {
        [] => String::new(),
        // One cause: say it of them all.
        [(_, cause)] => said_with(
            "left_out_one_cause",
            &[
                ("subject", &subject),
                ("does", said(&format!("left_out_{cause}_{}", number(total)))),
            ],
        ),
        _ => {
            let parts: Vec<String> = present
                .iter()
                .map(|(n, cause)| {
                    said_with(
                        &format!("left_out_part_{}", number(*n)),
                        &[
                            ("count", &count_word(*n)),
                            ("does", said(&format!("left_out_{cause}_{}", number(*n)))),
                        ],
                    )
                })
                .collect();
            said_with(
                "left_out_causes",
                &[("subject", &subject), ("causes", &join_words(&parts))],
            )
        }
    }
}

/// What a scenario funds that this plan does not, and the reverse.
fn scenario_change(names: &Names, s: &ScenarioView) -> String {
    let mut parts = Vec::new();
    if !s.adds.is_empty() {
        let titles = names.titles(&s.adds).join("; ");
        parts.push(said_with("scenario_adds", &[("titles", &titles)]));
    }
    if !s.drops.is_empty() {
        let titles = names.titles(&s.drops).join("; ");
        parts.push(said_with("scenario_drops", &[("titles", &titles)]));
    }
    if parts.is_empty() && !s.this_plan {
        parts.push(said("scenario_same").to_string());
    }
    parts.join(" ")
}

fn period_of(plan: &Plan, c: &PlannedComponent) -> String {
    let start_year = plan.horizon.start_year;
    let (start, end) = (
        quarter(start_year, c.start_month),
        quarter(start_year, c.end_month.saturating_sub(1)),
    );
    match c.kind {
        ComponentKind::Function => {
            said_with("period_function", &[("start", &start), ("end", &end)])
        }
        ComponentKind::Project => quarters(&start, &end),
    }
}

fn cost_detail(c: &PlannedComponent) -> String {
    if c.opex_usd_millions_per_year > 0.0 {
        said_with(
            "cost_detail_running",
            &[
                ("total", &format_usd(c.cost_usd_millions)),
                ("capex", &format_usd(c.capex_usd_millions)),
                ("opex", &format_usd(c.opex_usd_millions_per_year)),
            ],
        )
    } else {
        said_with(
            "cost_detail_one_off",
            &[("capex", &format_usd(c.capex_usd_millions))],
        )
    }
}

/// The components among `ids`, in plan order.
fn member_docs<'a>(plan: &'a Plan, names: &Names, ids: &[String]) -> Vec<ComponentDoc<'a>> {
    plan.components
        .iter()
        .filter(|c| ids.contains(&c.id))
        .map(|c| component_doc(plan, names, c))
        .collect()
}

fn rules_label(because: &[Reason]) -> String {
    because
        .iter()
        .map(|r| r.rule.clone())
        .collect::<Vec<_>>()
        .join(", ")
}

fn sdg_list(goals: &[u8]) -> String {
    join_words(&goals.iter().map(|g| g.to_string()).collect::<Vec<_>>())
}

/// A component's line of the plain-text timeline: its title cut to a fixed
/// width, then `#` for each quarter it runs in, a space between years.
fn timeline_line(c: &PlannedComponent, quarters: u32) -> String {
    let mut bar = String::new();
    for q in 0..quarters {
        if q > 0 && q % 4 == 0 {
            bar.push(' ');
        }
        let (from, to) = (q * 3, q * 3 + 3);
        bar.push(if c.start_month < to && from < c.end_month {
            '#'
        } else if c.kind == ComponentKind::Function && from >= c.end_month {
            '='
        } else {
            '.'
        });
    }
    let mut label: String = c.title.chars().take(TIMELINE_TITLE_WIDTH).collect();
    if c.title.chars().count() > TIMELINE_TITLE_WIDTH {
        label.pop();
        label.push('~');
    }
    format!("{label:<width$} {bar}", width = TIMELINE_TITLE_WIDTH)
}

fn timeline_header(horizon: &Horizon) -> String {
    let mut header = format!("{:<width$} ", "", width = TIMELINE_TITLE_WIDTH);
    for (i, year) in (horizon.start_year..=horizon.end_year).enumerate() {
        if i > 0 {
            header.push(' ');
        }
        header.push_str(&format!("{year:<4}"));
    }
    header
}

/// Each component's milestone, in date order.
fn milestones(plan: &Plan) -> Vec<MilestoneDoc> {
    let mut list: Vec<MilestoneDoc> = plan
        .components
        .iter()
        .map(|c| MilestoneDoc {
            when: quarter(plan.horizon.start_year, c.end_month.saturating_sub(1)),
            component: c.title.clone(),
            milestone: c.milestone.clone(),
            month: c.end_month,
        })
        .collect();
    list.sort_by_key(|m| m.month);
    list
}

fn profile_doc(plan: &Plan) -> ProfileDoc {
    let (country, settings) = (&plan.country, &plan.settings);
    let not_stated = || said("not_stated").to_string();
    ProfileDoc {
        groups: or_if_empty(country.group_names.join("; "), said("none")),
        group_phrase: group_phrase(&country.groups),
        intro: intro(country),
        income: match country.income_group {
            Some(g) => format!("{} ({})", country.income_group_name, g.code()),
            None => not_stated(),
        },
        population: country
            .population_millions
            .map_or_else(not_stated, population),
        region: country.region.clone().unwrap_or_else(not_stated),
        sectors: or_if_empty(
            named(&settings.priority_sector_names, &settings.priority_sectors),
            said("none_named"),
        ),
        sdgs: or_if_empty(sdg_list(&settings.sdg_focus), said("none_named")),
        hazards: or_if_empty(
            named(&settings.hazard_names, &settings.hazards),
            said("none_named"),
        ),
        sponsor: settings.sponsor.clone(),
        // The opening names the lead in full, with the short name the
        // running text uses.
        lead: match &settings.lead_short {
            Some(short) => format!("{} ({short})", settings.lead_institution),
            None => settings.lead_institution.clone(),
        },
        envelope: settings
            .budget_usd_millions
            .map_or_else(not_stated, |e| settings.money().amount(e)),
        external_share: external_share(plan),
    }
}

/// The share the profile expects from development partners; when it states
/// none, the share the plan's financing mix assumes, from the same value
/// the financing section uses.
fn external_share(plan: &Plan) -> String {
    let percent = |s: f64| format!("{}%", format_number(s * 100.0, 1));
    if let Some(s) = plan.settings.external_financing_share {
        return percent(s);
    }
    match plan
        .financing
        .by_source
        .iter()
        .find(|s| s.id == "development_partners")
    {
        Some(s) => said_with("not_stated_assumed", &[("share", &percent(s.share))]),
        None => said("not_stated").to_string(),
    }
}

/// A population in millions, "7.7 million".
fn population(millions: f64) -> String {
    let key = if millions < 2.0 {
        "population_one"
    } else {
        "population_many"
    };
    said_with(key, &[("millions", &format_number(millions, 2))])
}

/// The opening sentence about the country, from what the profile states:
/// its groups (g), its income group (i) and its population (p), those of
/// them it states.
fn intro(country: &CountryView) -> String {
    let subject = capitalise(&country_in_text(&country.display_name));
    let mut which = String::new();
    if !country.groups.is_empty() {
        which.push('g');
    }
    if country.income_group.is_some() {
        which.push('i');
    }
    if country.population_millions.is_some() {
        which.push('p');
    }
    if which.is_empty() {
        return String::new();
    }
    let cited = country
        .population_source
        .as_ref()
        .map_or_else(String::new, |source| format!(" ({source})"));
    said_with(
        &format!("intro_{which}"),
        &[
            ("country", &subject),
            ("groups", &group_phrase(&country.groups)),
            ("income", &country.income_group_name),
            (
                "population",
                &country
                    .population_millions
                    .map_or_else(String::new, population),
            ),
            ("cited", &cited),
        ],
    )
}

fn context_doc(plan: &Plan) -> Vec<Labelled> {
    CONTEXT_FACTS
        .iter()
        .map(|(name, _)| {
            let value = match plan.context.get(*name) {
                Some(FactValue::Bool(true)) => said("yes").to_string(),
                Some(FactValue::Bool(false)) => said("no").to_string(),
                Some(FactValue::Text(t)) => crate::vocabulary::fact_value_name(t),
                None => said("not_stated").to_string(),
            };
            Labelled {
                name: fact_label(name).to_string(),
                value,
            }
        })
        .collect()
}

fn readiness_doc<'a>(plan: &'a Plan, names: &Names) -> ReadinessDoc<'a> {
    let readiness = &plan.readiness;
    let benchmark = readiness.benchmark.as_ref();
    ReadinessDoc {
        assessed_count: readiness
            .dimensions
            .iter()
            .filter(|d| d.score.is_some())
            .count(),
        not_assessed_count: readiness.not_assessed.len(),
        checklist_count: readiness
            .dimensions
            .iter()
            .filter(|d| d.derivation.is_some())
            .count(),
        below_target_count: readiness
            .dimensions
            .iter()
            .filter(|d| d.score.is_some_and(|s| s < readiness.target_score))
            .count(),
        dimensions: readiness.dimensions.iter().map(dimension_doc).collect(),
        average: readiness.average_score.map_or_else(
            || said("no_dimension_assessed").to_string(),
            |a| of_five(&format_score(a)),
        ),
        target: format_score(readiness.target_score),
        weakest: names.dimension_list(&readiness.weakest),
        strongest: names.dimension_list(&readiness.strongest),
        weakest_at_target: all_scored(readiness, &readiness.weakest, |s| {
            s >= readiness.target_score
        }),
        strongest_below_target: all_scored(readiness, &readiness.strongest, |s| {
            s < readiness.target_score
        }),
        not_assessed: names.dimension_list(&readiness.not_assessed),
        indices: index_docs(readiness.indices.as_ref()),
        indices_year: readiness.indices.as_ref().map(|i| i.year),
        egdi_group: readiness
            .indices
            .as_ref()
            .and_then(|i| i.egdi_group.as_deref())
            .map_or_else(String::new, egdi_group),
        egdi: readiness
            .indices
            .as_ref()
            .and_then(|i| i.egdi)
            .map_or_else(String::new, crate::words::format_index),
        benchmark_header: benchmark.map_or_else(Vec::new, benchmark_header),
        benchmark_rows: benchmark.map_or_else(Vec::new, benchmark_rows),
        rank: benchmark.map_or_else(String::new, rank),
        benchmark_source: benchmark.map_or_else(String::new, |b| b.source.clone()),
        assessment_date: long_date(&plan.assessment.date),
    }
}

fn dimension_doc(d: &DimensionView) -> DimensionDoc<'_> {
    DimensionDoc {
        dimension: d,
        score_label: d
            .score
            .map_or_else(|| said("not_assessed").to_string(), format_score),
        level_label: d.level.map_or_else(
            || said("not_assessed").to_string(),
            |l| format!("{l} {}", d.level_name),
        ),
        gap_label: d
            .gap
            .map_or_else(|| said("gap_after_assessment").to_string(), format_score),
        index_label: match (&d.related_index, d.related_index_value) {
            (Some(i), Some(v)) => format!("{} {}", i.to_uppercase(), crate::words::format_index(v)),
            _ => String::new(),
        },
        // A checklist score shows its working beside the evidence,
        // so a reader can check it without the readiness file.
        evidence_label: match (&d.derivation, &d.evidence) {
            (Some(working), Some(evidence)) => said_with(
                "evidence_and_checklist",
                &[("evidence", evidence), ("working", working)],
            ),
            (Some(working), None) => said_with("checklist", &[("working", working)]),
            (None, evidence) => evidence.clone().unwrap_or_default(),
        },
    }
}

/// The published indices stated for the country, in the vocabulary's order.
fn index_docs(indices: Option<&IndicesView>) -> Vec<IndexDoc> {
    indices
        .iter()
        .flat_map(|i| {
            let values = [i.egdi, i.osi, i.hci, i.tii, i.epi];
            INDICES.iter().zip(values).filter_map(|(index, value)| {
                value.map(|v| IndexDoc {
                    code: index.code,
                    name: index.name_in_language(),
                    value: crate::words::format_index(v),
                })
            })
        })
        .collect()
}

fn benchmark_header(b: &Benchmark) -> Vec<String> {
    std::iter::once(said("index").to_string())
        .chain(b.editions.iter().map(|e| e.year.to_string()))
        .chain(std::iter::once(said("change").to_string()))
        .chain(b.peers.iter().map(|p| {
            said_with(
                "peer_average",
                &[
                    ("peers", p.label.split(" (").next().unwrap_or(&p.label)),
                    ("year", &p.year.to_string()),
                ],
            )
        }))
        .collect()
}

/// One row per index: its value in each edition, the change between the
/// first and the last, and the peers' averages.
fn benchmark_rows(b: &Benchmark) -> Vec<Vec<String>> {
    INDICES
        .iter()
        .map(|index| {
            let (key, code, name) = (index.key, index.code, index.name_in_language());
            let values: Vec<f64> = b.editions.iter().filter_map(|e| e.index(key)).collect();
            let change = match (values.first(), values.last()) {
                (Some(a), Some(z)) if values.len() > 1 => signed(z - a),
                _ => said("not_available").to_string(),
            };
            std::iter::once(format!("{name} ({code})"))
                .chain(values.iter().map(|v| crate::words::format_index(*v)))
                .chain(std::iter::once(change))
                .chain(b.peers.iter().map(|p| {
                    p.index(key)
                        .map_or_else(String::new, crate::words::format_index)
                }))
                .collect()
        })
        .collect()
}

/// A change of an index with its sign, "+0.0123", "-0.0040".
fn signed(change: f64) -> String {
    let text = format!("{change:+.4}");
    match text.strip_prefix('+') {
        Some(unsigned) => format!("+{}", crate::words::localised(unsigned.to_string())),
        None => match text.strip_prefix('-') {
            // French and Spanish print the minus sign, not a hyphen.
            Some(unsigned) => format!(
                "{}{}",
                if crate::language::current() == crate::language::Language::En {
                    '-'
                } else {
                    '\u{2212}'
                },
                crate::words::localised(unsigned.to_string())
            ),
            None => text,
        },
    }
}

/// The survey's group for an EGDI ("Very High", as the plan records it),
/// in the language in force.
fn egdi_group(group: &str) -> String {
    match group {
        "Very High" => said("egdi_very_high").to_string(),
        "High" => said("egdi_high").to_string(),
        "Middle" => said("egdi_middle").to_string(),
        "Low" => said("egdi_low").to_string(),
        other => other.to_string(),
    }
}

fn rank(b: &Benchmark) -> String {
    let mut editions = b.editions.iter().rev();
    match (editions.next(), editions.next()) {
        (Some(now), Some(before)) => said_with(
            "ranked_against",
            &[
                ("rank", &now.rank.to_string()),
                ("of", &now.of.to_string()),
                ("year", &now.year.to_string()),
                ("before", &before.rank.to_string()),
                ("before_year", &before.year.to_string()),
            ],
        ),
        (Some(now), None) => said_with(
            "ranked",
            &[
                ("rank", &now.rank.to_string()),
                ("of", &now.of.to_string()),
                ("year", &now.year.to_string()),
            ],
        ),
        _ => String::new(),
    }
}

/// Whether the dimensions named in `ids` are all scored and every score
/// passes `test`; false when none is named.
fn all_scored(readiness: &ReadinessView, ids: &[String], test: impl Fn(f64) -> bool) -> bool {
    !ids.is_empty()
        && ids.iter().all(|id| {
            readiness
                .dimensions
                .iter()
                .find(|d| &d.id == id)
                .and_then(|d| d.score)
                .is_some_and(&test)
        })
}

fn pillar_docs<'a>(plan: &'a Plan, names: &Names) -> Vec<PillarDoc<'a>> {
    plan.pillars
        .iter()
        .map(|p| PillarDoc {
            id: &p.id,
            name: &p.name,
            description: &p.description,
            goal: &p.goal,
            // Followed by its share in brackets: no second pair.
            cost: plan
                .settings
                .money()
                .amount_in_brackets(p.cost_usd_millions),
            share: percent(p.cost_usd_millions, plan.financing.total_cost_usd_millions),
            components: member_docs(plan, names, &p.components),
        })
        .collect()
}

fn phase_docs<'a>(plan: &'a Plan, names: &Names, milestones: &[MilestoneDoc]) -> Vec<PhaseDoc<'a>> {
    plan.phases
        .iter()
        .map(|p| PhaseDoc {
            phase: p,
            start: quarter(plan.horizon.start_year, p.start_month),
            end: quarter(plan.horizon.start_year, p.end_month.saturating_sub(1)),
            cost: plan.settings.money().amount(p.cost_usd_millions),
            components: member_docs(plan, names, &p.components),
            delivers: milestones
                .iter()
                .filter(|m| m.month > p.start_month && m.month <= p.end_month)
                .cloned()
                .collect(),
        })
        .collect()
}

fn enabler_docs<'a>(plan: &'a Plan, names: &Names) -> Vec<GroupDoc<'a>> {
    plan.enablers
        .iter()
        .map(|e| GroupDoc {
            name: &e.name,
            description: &e.description,
            components: member_docs(plan, names, &e.components),
        })
        .collect()
}

fn deferred_docs(plan: &Plan) -> Vec<DeferredDoc<'_>> {
    plan.deferred
        .iter()
        .map(|d| DeferredDoc {
            deferred: d,
            cost: format_usd(d.cost_usd_millions),
            capex: format_usd(d.capex_usd_millions),
            opex: if d.opex_usd_millions_per_year > 0.0 {
                format_usd(d.opex_usd_millions_per_year)
            } else {
                said("none").to_string()
            },
            rules_label: rules_label(&d.because),
        })
        .collect()
}

fn financing_doc<'a>(plan: &'a Plan, names: &Names) -> FinancingDoc<'a> {
    let financing = &plan.financing;
    let money = plan.settings.money();
    let usd = |amount: f64| money.amount(amount);
    let total = financing.total_cost_usd_millions;
    let (gap_kind, gap) = match financing.gap_usd_millions {
        Some(g) if g > 0.0 => ("gap", usd(g)),
        Some(g) => ("headroom", usd(-g)),
        None => ("unknown", String::new()),
    };
    let amount_row = |name: String, amount: f64| AmountRow {
        name,
        amount: usd(amount),
        share: percent(amount, total),
    };
    let by_row = |rows: &[PillarCost]| -> Vec<AmountRow> {
        rows.iter()
            .map(|r| amount_row(r.name.clone(), r.cost_usd_millions))
            .collect()
    };
    let per_capita = |per_person: fn(&Money, f64) -> String| {
        financing.cost_per_capita_usd.map_or_else(
            || said("per_capita_unknown").to_string(),
            |v| per_person(&money, v),
        )
    };
    FinancingDoc {
        total: usd(total),
        envelope: financing
            .envelope_usd_millions
            .map_or_else(|| said("not_stated").to_string(), usd),
        gap_kind,
        gap,
        per_capita: per_capita(Money::per_person),
        per_capita_in_brackets: per_capita(Money::per_person_in_brackets),
        currency_note: currency_note(plan),
        deferred_cost: usd(financing.deferred_cost_usd_millions),
        capex: usd(financing.capex_usd_millions),
        opex: usd(financing.opex_usd_millions),
        recurrent: usd(financing.recurrent_after_horizon_usd_millions_per_year),
        headroom: financing
            .headroom_usd_millions
            .map_or_else(String::new, usd),
        unfunded: financing
            .unfunded_usd_millions
            .map_or_else(String::new, usd),
        unfunded_count: financing.pipeline.len(),
        left_out: left_out(plan),
        pipeline: pipeline_rows(plan),
        scenarios: scenario_rows(names, financing),
        year_split: year_split(plan),
        by_year: financing
            .by_year
            .iter()
            .map(|y| amount_row(y.year.to_string(), y.cost_usd_millions))
            .collect(),
        by_pillar: by_row(&financing.by_pillar),
        by_phase: by_row(&financing.by_phase),
        by_source: financing
            .by_source
            .iter()
            .map(|s| source_row(s, &money))
            .collect(),
        mix_because: &financing.mix_because,
        mix: join_words(
            &financing
                .by_source
                .iter()
                .filter(|s| s.share > 0.0)
                .map(|s| {
                    said_with(
                        "mix_part",
                        &[
                            ("share", &share_label(s)),
                            ("source", &s.name.to_lowercase()),
                        ],
                    )
                })
                .collect::<Vec<_>>(),
        ),
        models: financing
            .pppp_models
            .iter()
            .map(|m| ModelDoc {
                model: m,
                component_titles: names.titles(&m.components),
                partners_label: join_words(
                    &m.partners
                        .iter()
                        .map(|p| {
                            crate::language::say(&format!("vocabulary.partner_{p}")).to_string()
                        })
                        .collect::<Vec<_>>(),
                ),
            })
            .collect(),
        basis: &financing.cost_basis,
    }
}

/// One-off and running costs in each year in dollars, and the total in the
/// plan's own currency when it has one.
fn year_split(plan: &Plan) -> Vec<YearSplitRow> {
    let money = plan.settings.money();
    plan.financing
        .by_year
        .iter()
        .map(|y| YearSplitRow {
            year: y.year,
            capex: format_usd(y.capex_usd_millions),
            opex: format_usd(y.opex_usd_millions),
            total: format_usd(y.cost_usd_millions),
            local: money.in_local(y.cost_usd_millions).unwrap_or_default(),
        })
        .collect()
}

/// Which amounts of the costing chapter are in which currency, for a plan
/// with a currency of its own.
fn currency_note(plan: &Plan) -> String {
    let Some(currency) = &plan.settings.currency else {
        return String::new();
    };
    let code = &currency.code;
    let financing = &plan.financing;
    let mut tables = vec![said("tables_by_year")];
    if !financing.pipeline.is_empty() {
        tables.push(said("tables_pipeline"));
    }
    if !financing.scenarios.is_empty() {
        tables.push(said("tables_scenarios"));
    }
    let tables: Vec<String> = tables.into_iter().map(String::from).collect();
    let key = if tables.len() == 1 {
        "currency_note_one"
    } else {
        "currency_note_many"
    };
    said_with(
        key,
        &[
            ("code", code),
            ("rate", &dated_rate(currency)),
            ("tables", &join_words(&tables)),
        ],
    )
}

/// "600 XOF per US dollar, the rate of 1 May 2026".
fn dated_rate(currency: &Currency) -> String {
    let rate = format_rate(currency.usd_rate);
    match &currency.usd_rate_date {
        Some(date) => said_with(
            "rate_dated",
            &[
                ("rate", &rate),
                ("code", &currency.code),
                ("date", &long_date(date)),
            ],
        ),
        None => said_with("rate_undated", &[("rate", &rate), ("code", &currency.code)]),
    }
}

/// For a plan with a currency of its own, where the amounts per component
/// stay in dollars: the rate of the local amounts beside them.
fn rate_note(plan: &Plan) -> String {
    let Some(currency) = &plan.settings.currency else {
        return String::new();
    };
    said_with(
        "rate_note",
        &[("code", &currency.code), ("rate", &dated_rate(currency))],
    )
}

/// A source's share of the cost, "15%".
fn share_label(s: &SourceShare) -> String {
    format!("{}%", format_number(s.share * 100.0, 1))
}

fn source_row<'a>(s: &'a SourceShare, money: &Money) -> SourceRow<'a> {
    SourceRow {
        source: s,
        amount: money.amount(s.amount_usd_millions),
        share_label: share_label(s),
        basis_label: if s.basis.starts_with("profile") {
            said("basis_profile").to_string()
        } else if s.basis == "framework default" {
            said("basis_default").to_string()
        } else {
            said("basis_rule").to_string()
        },
    }
}

/// Key result areas with at least one KPI, each with its KPIs.
fn area_docs(plan: &Plan) -> Vec<AreaDoc<'_>> {
    plan.key_result_areas
        .iter()
        .filter(|a| !a.kpis.is_empty())
        .map(|a| AreaDoc {
            name: &a.name,
            description: &a.description,
            kpis: plan
                .kpis
                .iter()
                .filter(|k| a.kpis.contains(&k.id))
                .map(|k| KpiDoc {
                    kpi: k,
                    baseline_label: k.baseline.map_or_else(
                        || said("to_be_established").to_string(),
                        |b| format_number(b, 4),
                    ),
                    target_labels: k.targets.iter().map(|t| t.text.clone()).collect(),
                })
                .collect(),
        })
        .collect()
}

fn risk_docs<'a>(plan: &'a Plan, names: &Names) -> Vec<RiskDoc<'a>> {
    plan.risks
        .iter()
        .map(|r| RiskDoc {
            risk: r,
            likelihood_label: said_with(
                "likelihood_label",
                &[
                    ("likelihood", &likelihood(&r.likelihood)),
                    ("score", &r.score.to_string()),
                ],
            ),
            mitigated_by_titles: names.titles(&r.mitigated_by),
        })
        .collect()
}

/// A risk's likelihood ("medium", as the plan records it) as a label,
/// "Medium".
fn likelihood(code: &str) -> String {
    if current() == Language::En {
        return capitalise(code);
    }
    match code {
        "very low" => said("likelihood_very_low").to_string(),
        "low" => said("likelihood_low").to_string(),
        "medium" => said("likelihood_medium").to_string(),
        "high" => said("likelihood_high").to_string(),
        "very high" => said("likelihood_very_high").to_string(),
        other => capitalise(other),
    }
}

/// What the cabinet brief shows beside `doc` (its template sees both):
/// the plan's decisions with what each commits and when, the phases, the
/// main risks, the questions to confirm and the first 100 days, as the
/// engine picked them.
#[derive(Debug, Serialize)]
pub struct BriefDoc<'a> {
    /// "Cabinet brief: National Digital Government Master Plan 2027-2031".
    pub title: String,
    /// The readiness scores are illustrative, not an official assessment,
    /// as the assessment's method or source says.
    pub illustrative_scores: bool,
    pub decisions: Vec<DecisionDoc<'a>>,
    pub phases: Vec<BriefPhaseDoc>,
    /// "Seven": how many components are not yet financed, in words.
    pub unfunded_count_word: String,
    pub risks: Vec<BriefRiskDoc<'a>>,
    /// Fewer than three risks are rated medium or above; the others are low.
    pub others_rated_low: bool,
    /// When no risk is rated above low: the highest-rated one.
    pub highest_low_risk: Option<BriefRiskDoc<'a>>,
    pub questions: Vec<QuestionDoc<'a>>,
    pub first_days: Vec<FirstDaysDoc<'a>>,
}

#[derive(Debug, Serialize)]
pub struct BriefPhaseDoc {
    pub name: String,
    pub start: String,
    pub end: String,
    pub cost: String,
    /// What the plan funds in the phase, as the engine summarised it.
    pub delivers: String,
}

#[derive(Debug, Serialize)]
pub struct QuestionDoc<'a> {
    #[serde(flatten)]
    pub question: &'a DecisionView,
    /// "USD 3.4 million", or empty when the plan costs nothing on it.
    pub cost_at_stake: String,
}

#[derive(Debug, Serialize)]
pub struct BriefRiskDoc<'a> {
    #[serde(flatten)]
    pub risk: &'a RiskView,
    /// "High (4 of 5)".
    pub likelihood_label: String,
    /// The mitigation without the master plan's references to its
    /// recommendations ("(R4, R7)"), which a brief read alone cannot follow.
    pub mitigation_plain: String,
    /// Why the risk is rated as it is for this country: the first of the
    /// plan's drivers, which quote the country's values; empty when none.
    pub why_here: String,
}

#[derive(Debug, Serialize)]
pub struct DecisionDoc<'a> {
    #[serde(flatten)]
    pub decision: &'a DecisionView,
    /// "USD 84.8 million", "USD 13.2 million a year", or "No cost of its own".
    pub cost: String,
    /// "Cost", or "Cost of the data protection law and authority" when the
    /// cost is that of the components the decision names.
    pub cost_label: String,
    /// "Q1 2027 to Q4 2031", "From 2032", or "On approval (Q2 2027)".
    pub timing: String,
}

#[derive(Debug, Serialize)]
pub struct FirstDaysDoc<'a> {
    #[serde(flatten)]
    pub action: &'a FirstDaysAction,
    /// "On approval", "Within 30 days of approval", "By day 100".
    pub when: String,
}

/// Words by which an assessment's method or source says its scores are
/// illustrative, in the languages profiles are written in.
const ILLUSTRATIVE: [&str; 6] = [
    "illustrative",
    "not an official",
    "illustratif",
    "pas d'une évaluation officielle",
    "ilustrativ",
    "no constituyen una evaluación oficial",
];

impl<'a> BriefDoc<'a> {
    pub fn new(plan: &'a Plan, doc: &DocView) -> BriefDoc<'a> {
        let names = Names::new(plan);
        let risks = risk_docs(plan, &names);
        let brief_risk = |id: &String| {
            risks
                .iter()
                .find(|r| &r.risk.id == id)
                .map(|r| BriefRiskDoc {
                    risk: r.risk,
                    likelihood_label: r.likelihood_label.clone(),
                    mitigation_plain: without_references(&r.risk.mitigation),
                    why_here: r
                        .risk
                        .drivers
                        .first()
                        .map(|d| d.text.clone())
                        .unwrap_or_default(),
                })
        };
        let assessment = &plan.assessment;
        let stated = format!(
            "{} {}",
            assessment.method,
            assessment.source.as_deref().unwrap_or("")
        )
        .to_lowercase();
        BriefDoc {
            title: said_with("brief_title", &[("title", &doc.title)]),
            illustrative_scores: !assessment.derived_from_indices
                && ILLUSTRATIVE.iter().any(|word| stated.contains(word)),
            decisions: plan
                .key_decisions
                .iter()
                .map(|d| decision_doc(plan, d))
                .collect(),
            phases: brief_phases(plan, doc),
            unfunded_count_word: capitalise(&count_word(plan.financing.pipeline.len())),
            risks: plan.brief.top_risks.iter().filter_map(brief_risk).collect(),
            others_rated_low: plan.brief.others_rated_low,
            highest_low_risk: plan.brief.highest_low_risk.as_ref().and_then(brief_risk),
            questions: question_docs(plan),
            first_days: plan
                .brief
                .first_100_days
                .iter()
                .map(|action| FirstDaysDoc {
                    action,
                    when: match action.by_day {
                        1 => said("on_approval").to_string(),
                        100 => said("by_day_100").to_string(),
                        day => said_with("within_days", &[("days", &day.to_string())]),
                    },
                })
                .collect(),
        }
    }
}

fn brief_phases(plan: &Plan, doc: &DocView) -> Vec<BriefPhaseDoc> {
    doc.phases
        .iter()
        .map(|p| BriefPhaseDoc {
            name: p.phase.name.clone(),
            start: p.start.clone(),
            end: p.end.clone(),
            cost: p.cost.clone(),
            delivers: plan
                .brief
                .phases
                .iter()
                .find(|d| d.phase == p.phase.id)
                .map(|d| d.delivers.clone())
                .unwrap_or_default(),
        })
        .collect()
}

fn question_docs(plan: &Plan) -> Vec<QuestionDoc<'_>> {
    let money = plan.settings.money();
    plan.open_questions
        .iter()
        .map(|q| QuestionDoc {
            question: q,
            cost_at_stake: plan
                .brief
                .questions
                .iter()
                .find(|s| s.id == q.id)
                .and_then(|s| s.cost_usd_millions)
                .map(|c| money.amount(c))
                .unwrap_or_default(),
        })
        .collect()
}

/// A text without its bracketed references to recommendations, such as
/// " (R4, R7)" or " (R6)".
fn without_references(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find(" (R") {
        let close = rest[open..].find(')').map(|c| open + c);
        let inner = close.map(|c| &rest[open + 2..c]);
        let is_reference = inner.is_some_and(|inner| {
            inner.split(", ").all(|r| {
                r.strip_prefix('R')
                    .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
            })
        });
        match close {
            Some(close) if is_reference => {
                out.push_str(&rest[..open]);
                rest = &rest[close + 1..];
            }
            _ => {
                out.push_str(&rest[..open + 3]);
                rest = &rest[open + 3..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn decision_doc<'a>(plan: &Plan, decision: &'a DecisionView) -> DecisionDoc<'a> {
    let money = plan.settings.money();
    let year = plan.horizon.start_year;
    let (cost, timing) = match &decision.commits {
        Some(c) => (
            match (c.cost_usd_millions, c.per_year) {
                (Some(amount), true) => said_with("a_year", &[("amount", &money.amount(amount))]),
                (Some(amount), false) => money.amount(amount),
                (None, _) => said("no_cost_of_its_own").to_string(),
            },
            match c.to_month {
                Some(to) => quarters(
                    &quarter(year, c.from_month),
                    &quarter(year, to.saturating_sub(1)),
                ),
                None if c.from_month >= plan.horizon.months => said_with(
                    "from_year",
                    &[("year", &(plan.horizon.end_year + 1).to_string())],
                ),
                None => said_with(
                    "on_approval_in",
                    &[("quarter", &quarter(year, c.from_month))],
                ),
            },
        ),
        None => (String::new(), String::new()),
    };
    let cost_label = match decision.commits.as_ref().map(|c| &c.covers[..]) {
        Some(covers) if !covers.is_empty() => {
            let titles: Vec<String> = covers.iter().map(|t| lower_first(t)).collect();
            said_with(
                "cost_of",
                &[("titles", &titles.join(said("cost_of_separator")))],
            )
        }
        _ => said("cost").to_string(),
    };
    DecisionDoc {
        decision,
        cost,
        cost_label,
        timing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_read_as_quarters() {
        assert_eq!(quarter(2026, 0), "Q1 2026");
        assert_eq!(quarter(2026, 8), "Q3 2026");
        assert_eq!(quarter(2026, 17), "Q2 2027");
    }

    #[test]
    fn a_brief_drops_references_to_recommendations_only() {
        assert_eq!(
            without_references("Pace the plan (R4, R7), build skills and use partners (R6)."),
            "Pace the plan, build skills and use partners."
        );
        assert_eq!(
            without_references("Keep (Rwanda) and (R&D) as they are (R12)"),
            "Keep (Rwanda) and (R&D) as they are"
        );
    }

    #[test]
    fn gantt_dates_are_first_days_of_months() {
        assert_eq!(month_date(2026, 14), "2027-03-01");
    }

    #[test]
    fn chart_labels_lose_mermaid_syntax() {
        assert_eq!(
            chart_safe("CERT: national #1; core"),
            "CERT national 1 core"
        );
    }
}
