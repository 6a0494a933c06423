//! Stage 13: the framework's recommendations, each with the tailored
//! sentences whose conditions hold for this country and the input values
//! that made them hold.
//!
//! A tailoring that cites components applies only when they stand in the
//! plan as it says (scheduled, or already in place), and its text quotes
//! their quarters from the schedule. It sits after financing so that its
//! texts may quote the cost and the gap.

use std::collections::HashSet;

use super::Given;
use super::text::Filler;
use crate::framework::Ident;
use crate::plan::{RecommendationView, Trigger};

/// Where the plan's components stand: scheduled in this plan, or already in
/// place. A deferred component is neither, so no text may cite it.
pub struct Roster<'a> {
    pub scheduled: HashSet<&'a str>,
    /// Selected components the funded programme leaves for later.
    pub deferred: HashSet<&'a str>,
    pub in_place: HashSet<&'a str>,
}

impl Roster<'_> {
    /// True when every component in `scheduled` is in the schedule and
    /// every one in `in_place` is in place.
    pub fn allows(&self, scheduled: &[Ident], in_place: &[Ident]) -> bool {
        scheduled
            .iter()
            .all(|c| self.scheduled.contains(c.name.as_str()))
            && in_place
                .iter()
                .all(|c| self.in_place.contains(c.name.as_str()))
    }

    /// True when every component in `selected` is in the plan, scheduled or
    /// left for later, and every one in `in_place` is in place.
    pub fn selects(&self, selected: &[Ident], in_place: &[Ident]) -> bool {
        selected.iter().all(|c| {
            let id = c.name.as_str();
            self.scheduled.contains(id) || self.deferred.contains(id)
        }) && self.allows(&[], in_place)
    }
}

pub fn tailor(given: &Given, roster: &Roster, filler: &Filler) -> Vec<RecommendationView> {
    given
        .framework
        .recommendations
        .iter()
        .map(|r| {
            let mut rationale = Vec::new();
            let mut triggered_by = Vec::new();
            for t in &r.tailoring {
                if !roster.allows(&t.components, &t.in_place) {
                    continue;
                }
                let outcome = t.when.evaluate(&given.facts);
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
                principle: filler.fill(given.version(&r.principle, &r.versions)),
                rationale,
                triggered_by,
            }
        })
        .collect()
}

#[cfg(test)]
pub(super) mod tests {
    use crate::engine::testing;
    use crate::framework::{Framework, Ident, SCHEDULE_PLACEHOLDERS};
    use crate::plan::Plan;
    use crate::words::quarter;

    /// Checks a text the plan printed for a framework entry that cites
    /// components: each is scheduled or in place as the entry requires, and
    /// every quarter it quotes is the one the schedule gives.
    pub fn agrees_with_schedule(
        plan: &Plan,
        scheduled: &[Ident],
        in_place: &[Ident],
        template: &str,
        printed: &str,
    ) {
        for c in scheduled {
            assert!(
                plan.components.iter().any(|p| p.id == c.name),
                "{printed}: `{}` is not scheduled",
                &**c
            );
        }
        for c in in_place {
            assert!(
                plan.in_place.iter().any(|p| p.id == c.name),
                "{printed}: `{}` is not in place",
                &**c
            );
        }
        for (name, arg) in crate::framework::placeholders(template) {
            let Some(arg) = arg.filter(|_| SCHEDULE_PLACEHOLDERS.contains(&name)) else {
                continue;
            };
            let c = plan.components.iter().find(|p| p.id == arg).unwrap();
            let month = match name {
                "start" => c.start_month,
                _ => c.end_month - 1,
            };
            let expected = quarter(plan.horizon.start_year, month);
            assert!(
                printed.contains(&expected),
                "{printed}: expected {expected}"
            );
        }
    }

    #[test]
    fn a_tailoring_states_the_quarters_the_schedule_gives() {
        for sample in [testing::lao(), testing::fiji(), testing::korea()] {
            let framework: Framework = sample.0.clone();
            let plan = testing::plan_of(sample);
            for (r, view) in framework.recommendations.iter().zip(&plan.recommendations) {
                for (trigger, printed) in view.triggered_by.iter().zip(&view.rationale) {
                    let t = r
                        .tailoring
                        .iter()
                        .find(|t| t.id.name == trigger.id)
                        .unwrap();
                    agrees_with_schedule(&plan, &t.components, &t.in_place, &t.text, printed);
                }
            }
        }
    }

    #[test]
    fn the_skills_academy_starts_when_the_plan_says() {
        // Lao PDR's academy waits for the programme office: it starts in
        // the plan's second year, and the plan says so.
        let plan = testing::plan_of(testing::lao());
        let academy = plan
            .components
            .iter()
            .find(|c| c.id == "skills-academy")
            .unwrap();
        let starts = quarter(plan.horizon.start_year, academy.start_month);
        assert!(academy.start_month >= 12, "{starts}");
        let r5 = plan.recommendations.iter().find(|r| r.id == "R5").unwrap();
        let said = r5
            .rationale
            .iter()
            .find(|t| t.contains("skills academy"))
            .unwrap();
        assert!(said.contains(&format!("starts in {starts}")), "{said}");
        assert!(!said.contains("early"), "{said}");
    }

    #[test]
    fn no_tailoring_or_decision_fixes_a_date_or_phase_in_words() {
        // Timing comes from the schedule ({start:..}, {end:..}), never from
        // a phrase chosen without looking at it.
        let (framework, _) = testing::fiji();
        let fixed = [
            "first year",
            "assessment at once",
            "starts early",
            "foundations phase",
            "foundations milestone",
            "scale-up phase",
            "before the first phase",
        ];
        let texts = framework
            .recommendations
            .iter()
            .flat_map(|r| r.tailoring.iter().map(|t| &t.text))
            .chain(framework.decisions.iter().map(|d| &d.text));
        for text in texts {
            for phrase in fixed {
                assert!(!text.contains(phrase), "{}: {phrase}", &**text);
            }
        }
    }

    #[test]
    fn each_tailored_sentence_has_the_inputs_that_triggered_it() {
        let (framework, _) = testing::lao();
        let plan = testing::plan_of(testing::lao());
        let ids: Vec<&str> = plan.recommendations.iter().map(|r| r.id.as_str()).collect();
        let expected: Vec<&str> = framework.recommendations.iter().map(|r| &*r.id).collect();
        assert_eq!(ids, expected);
        for r in &plan.recommendations {
            assert_eq!(r.rationale.len(), r.triggered_by.len(), "{}", r.id);
            assert!(r.triggered_by.iter().all(|t| !t.evidence.is_empty()));
            assert!(r.rationale.iter().all(|s| !s.contains('{')));
        }
        assert!(plan.recommendations.iter().any(|r| !r.rationale.is_empty()));
    }

    #[test]
    fn a_principle_reads_from_the_country_situation() {
        let (framework, _) = testing::lao();
        let r1 = &framework.recommendations[0];
        let principle = |plan: &Plan| plan.recommendations[0].principle.clone();
        let lao = principle(&testing::plan_of(testing::lao()));
        let korea = principle(&testing::plan_of(testing::korea()));
        let fiji = principle(&testing::plan_of(testing::fiji()));
        // Lao PDR is a least developed country, Korea an advanced one, and
        // Fiji neither: each gets its own version or the default.
        let version = |id: &str| r1.versions.iter().find(|v| &*v.id == id).unwrap();
        assert!(lao.starts_with("Lao PDR leads its own programme, even where partners pay"));
        assert_eq!(
            version("R1.low").text.name.replace("{country}", "Lao PDR"),
            lao
        );
        assert_eq!(
            version("R1.advanced")
                .text
                .name
                .replace("{country}", "The Republic of Korea"),
            korea
        );
        assert_eq!(r1.principle.name.replace("{country}", "Fiji"), fiji);
    }
}
