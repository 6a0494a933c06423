//! The self-audit on every plan dgplan can draft from public data: all 193
//! UN Member States, each at its drafted envelope and at scaled envelopes.
//! A finding is a bug in the engine, never something for the user to fix.

use dgplan::audit::audit;
use dgplan::framework::Framework;
use dgplan::pipeline::member_state_drafts;

#[test]
fn every_member_state_draft_passes_its_audit() {
    let framework = Framework::builtin().unwrap();
    let (drafts, problems) = member_state_drafts(&framework, "2026-12-29");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(drafts.len(), 193);
    let mut failures = Vec::new();
    for source in &drafts {
        let mut input = source
            .load(&framework)
            .expect("a public-data draft is valid");
        // Drafts carry no envelope; give one so the funding rules are audited too.
        for envelope in [None, Some(5.0), Some(60.0)] {
            input.plan.budget_usd_millions = envelope;
            let plan = dgplan::engine::build_plan(&input, &framework, "2026-12-29");
            let findings = audit(&plan);
            if !findings.is_empty() {
                failures.push(format!("{} at {envelope:?}: {findings:?}", source.label()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
