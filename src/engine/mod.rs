//! The engine: a country's checked inputs and a framework in, one [`Plan`] out.
//!
//! Pure and deterministic: no I/O, no clock (the date is passed in), no
//! hash-map iteration order in the output.
//!
//! [`build_plan`] runs the stages in the order a plan is decided; each stage
//! is a module whose first comment says what it decides and why it sits
//! where it does. What a plan recommends, for whom, at what cost and pace is
//! framework data; the stages only apply it. `docs/architecture.md` draws
//! the stages and what passes between them.

mod amounts;
mod assumptions;
mod brief;
mod choices;
mod components;
mod costs;
mod decisions;
mod eligibility;
mod facts;
mod financing;
mod funding;
mod governance;
mod kpis;
mod phases;
mod precedents;
mod profile;
mod readiness;
mod recommendations;
mod risks;
mod rules;
mod schedule;
mod selection;
mod spending;
mod standing;
mod text;
mod trace;

pub use brief::illustrative_scores;

use crate::framework::{Condition, Framework, Text, Version};
use crate::input::CountryInput;
use crate::plan::{Horizon, PLAN_SCHEMA, Plan};

/// What every stage may read: the country's checked inputs, the framework,
/// and what follows from the inputs alone.
struct Given<'a> {
    input: &'a CountryInput,
    framework: &'a Framework,
    horizon: Horizon,
    /// The sponsor as running text: as given, or the framework's stand-in.
    sponsor: String,
    /// The inputs as the framework's conditions ask about them.
    facts: facts::InputFacts<'a>,
}

impl<'a> Given<'a> {
    fn new(input: &'a CountryInput, framework: &'a Framework) -> Self {
        Given {
            input,
            framework,
            horizon: profile::horizon(input),
            sponsor: profile::sponsor(input),
            facts: facts::InputFacts { input, framework },
        }
    }

    /// The text a narrative reads for this country: the first version whose
    /// condition holds, else the default.
    fn version<'t>(&self, default: &'t Text, versions: &'t [Version]) -> &'t Text {
        versions
            .iter()
            .find(|v| self.holds(&v.when))
            .map_or(default, |v| &v.text)
    }

    /// Whether the country's inputs meet a framework condition.
    fn holds(&self, condition: &Condition) -> bool {
        condition.evaluate(&self.facts).holds
    }
}

/// Builds the plan for one country.
pub fn build_plan(input: &CountryInput, framework: &Framework, generated_on: &str) -> Plan {
    // Every sentence, figure and date the engine composes is in the plan's
    // language; the framework comes already translated.
    let _language = crate::language::speaking(input.plan.language);
    let given = &Given::new(input, framework);
    let extremes = standing::extremes(given);
    let mut filler = text::Filler::new(given, &extremes);

    // What the plan takes up, and the choices made once for the programme.
    let outcomes = rules::evaluate(given);
    let selection = selection::select(given, &outcomes, &filler);
    let choices = choices::choose(given, &outcomes);
    let pacing = choices::pacing_view(&choices, &filler);

    // What each component costs, when it runs and what the envelope funds.
    let calendar = phases::Calendar::new(given);
    let costs = costs::component_costs(given, &selection);
    let tasks = schedule::tasks(given, &selection, &choices, &calendar);
    let funding = funding::fund(given, &tasks, &costs);
    let listed = components::list(
        given,
        &selection,
        components::Decided {
            costs: &costs,
            tasks: &tasks,
            funding: &funding,
        },
        &calendar,
        &choices,
        &filler,
    );
    filler.add_schedule(given.input.plan.start_year, &listed.planned);
    let pillars = components::pillar_views(given, &listed, &filler);
    let spending = spending::spending(given, &listed, &calendar);
    let phases = spending::phase_views(given, &calendar, &listed.planned, &spending, &filler);
    let schedule_note = spending::schedule_note(given, &listed);

    // Who pays. From here on, texts may quote the total cost and the gap.
    let financed = financing::Financed {
        selection: &selection,
        funding: &funding,
        listed: &listed,
        spending: &spending,
        pillars: &pillars,
        phases: &phases,
    };
    let financing = financing::view(given, &choices, financed, &filler);
    filler.add_amounts(&financing);

    // Who runs it, where the country stands, and how progress is judged.
    let planned = listed.planned_ids();
    let governance = governance::view(given, &choices, &filler);
    let enablers = governance::enablers(given, &planned, &filler);
    let readiness = readiness::view(given, &listed.planned, extremes);
    let roster = recommendations::Roster {
        scheduled: planned.clone(),
        deferred: listed.deferred.iter().map(|c| c.id.as_str()).collect(),
        in_place: selection.in_place.keys().map(String::as_str).collect(),
    };
    let recommendations = recommendations::tailor(given, &roster, &filler);
    let measures = kpis::measure(given, &listed.planned, &phases, &filler);
    let risks = risks::assess(given, &planned, &readiness.weakest, &filler);
    let key_decisions =
        decisions::key_decisions(given, &roster, &listed.planned, &financing, &filler);
    let open_questions = decisions::open_questions(given, &roster, &filler);

    // How a reader can check the plan: the rule trace and the assumptions.
    let rule_trace = trace::rules(&outcomes, &choices, &filler);
    let assumptions = assumptions::list(given, &pacing, &financing, generated_on);

    let mut plan = Plan {
        language: input.plan.language,
        schema: PLAN_SCHEMA.to_string(),
        generator: format!("dgplan {}", env!("CARGO_PKG_VERSION")),
        generated_on: generated_on.to_string(),
        framework: profile::framework_ref(framework),
        country: profile::country(input),
        settings: profile::settings(given),
        context: input.context.clone(),
        horizon: given.horizon.clone(),
        assessment: input.readiness.assessment.clone(),
        readiness,
        vision: filler.fill(given.version(&framework.meta.vision, &framework.meta.vision_versions)),
        strategy_alignment: profile::strategy_alignment(input),
        recommendations,
        pillars,
        phases,
        pacing,
        components: listed.planned,
        in_place: selection.in_place.into_values().collect(),
        deferred: listed.deferred,
        key_decisions,
        open_questions,
        governance,
        enablers,
        financing,
        key_result_areas: measures.key_result_areas,
        kpis: measures.kpis,
        monitoring_reviews: measures.monitoring_reviews,
        risks,
        brief: Default::default(),
        key_milestones: profile::key_milestones(framework),
        schedule_note,
        rules: rule_trace,
        assumptions,
        glossary: profile::glossary(framework),
    };
    // What the cabinet brief picks out reads the finished plan.
    plan.brief = brief::brief(given, &brief::Picked::of(&plan));
    // Every plan built in a debug build (the tests) keeps its promises.
    debug_assert!(
        crate::audit::audit(&plan).is_empty(),
        "{:?}",
        crate::audit::audit(&plan)
    );
    plan
}

/// Inputs for the stages' unit tests: the samples shipped with dgplan,
/// checked against the built-in framework.
#[cfg(test)]
mod testing {
    use crate::diagnostics::SourceFile;
    use crate::framework::Framework;
    use crate::input::{CountryInput, check_texts};

    /// The filler as `build_plan` makes it, before the plan is costed.
    pub fn filler(given: &super::Given) -> super::text::Filler {
        super::text::Filler::new(given, &super::standing::extremes(given))
    }

    /// The whole plan for a sample, for stages best judged in the finished plan.
    pub fn plan_of((framework, input): (Framework, CountryInput)) -> crate::plan::Plan {
        super::build_plan(&input, &framework, "2026-12-29")
    }

    fn sample(profile: &str, readiness: &str) -> (Framework, CountryInput) {
        let framework = Framework::builtin().expect("the built-in framework is valid");
        let input = check_texts(
            &SourceFile::new("sample/profile.toml", profile),
            &SourceFile::new("sample/readiness.toml", readiness),
            &framework,
        )
        .expect("the samples are valid");
        (framework, input)
    }

    /// Fiji: a small island developing state with a partial assessment.
    pub fn fiji() -> (Framework, CountryInput) {
        sample(
            include_str!("../../samples/fiji/profile.toml"),
            include_str!("../../samples/fiji/readiness.toml"),
        )
    }

    /// The Republic of Korea: a high-income country with mature foundations.
    pub fn korea() -> (Framework, CountryInput) {
        sample(
            include_str!("../../samples/republic-of-korea/profile.toml"),
            include_str!("../../samples/republic-of-korea/readiness.toml"),
        )
    }

    /// Lao PDR: a least developed, landlocked country.
    pub fn lao() -> (Framework, CountryInput) {
        sample(
            include_str!("../../samples/lao-pdr/profile.toml"),
            include_str!("../../samples/lao-pdr/readiness.toml"),
        )
    }
}
