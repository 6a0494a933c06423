//! The plan's self-audit: checks that a finished [`Plan`] keeps its own
//! promises. Capacity is never exceeded; functions run to the end; the
//! funded programme fits the envelope; every cost table adds up to its
//! total; running costs start at go-live; nothing is both in place and
//! planned; decisions and the financing narrative agree with the tables.
//!
//! It reads only the plan, as a reader of plan.json could, so it checks
//! the engine rather than repeating it. Tests run it on the samples, on
//! every Member State's public-data draft and on random profiles: a plan
//! that fails its audit is a bug in dgplan, never a warning to the user.

use std::collections::HashSet;

use crate::plan::{ComponentKind, ComponentStatus, DeferredCause, Plan};

/// Money is stated in USD millions to three decimals: sums of n rounded
/// parts may differ from their rounded total by n thousandths.
const THOUSANDTH: f64 = 0.001;

/// Every broken promise found, in words; empty when the plan is sound.
pub fn audit(plan: &Plan) -> Vec<String> {
    let mut findings = Vec::new();
    capacity(plan, &mut findings);
    timing(plan, &mut findings);
    money(plan, &mut findings);
    amounts_in_range(plan, &mut findings);
    running_costs(plan, &mut findings);
    lists(plan, &mut findings);
    narrative(plan, &mut findings);
    measures(plan, &mut findings);
    examples(plan, &mut findings);
    findings
}

/// No example the plan quotes is the country's own: a plan teaches from
/// others. Every example quoted is one the plan shows.
fn examples(plan: &Plan, findings: &mut Vec<String>) {
    let quoted = std::iter::once(("the governance model", &plan.governance.precedent)).chain(
        plan.financing
            .pppp_models
            .iter()
            .map(|m| (m.id.as_str(), &m.precedent)),
    );
    for (place, precedent) in quoted {
        if let Some(p) = precedent
            && p.iso3 == plan.country.iso3
        {
            findings.push(format!(
                "the example for {place} ({}) is the country's own",
                p.id
            ));
        }
    }
    if plan.governance.precedent.is_some() == plan.governance.seen_in.is_empty() {
        findings.push("the governance model's example and its precedent disagree".to_string());
    }
}

/// KPIs follow components the plan funds or has, and every quarter a
/// decision or a question to confirm quotes is when one of the plan's
/// components starts or ends.
fn measures(plan: &Plan, findings: &mut Vec<String>) {
    let known: HashSet<&str> = plan
        .components
        .iter()
        .map(|c| c.id.as_str())
        .chain(plan.in_place.iter().map(|c| c.id.as_str()))
        .collect();
    for k in &plan.kpis {
        if let Some(c) = k.component.as_deref().filter(|c| !known.contains(c)) {
            findings.push(format!(
                "KPI {} follows {c}, which the plan neither funds nor has",
                k.id
            ));
        }
        // A target is written from where its component stands at the
        // phase's end; that must be where the schedule has it.
        let Some(c) = plan
            .components
            .iter()
            .find(|c| k.component.as_ref() == Some(&c.id))
        else {
            continue;
        };
        for t in &k.targets {
            let Some(phase) = plan.phases.iter().find(|p| p.id == t.phase) else {
                continue;
            };
            let actual = ComponentStatus::at(c, phase.end_month);
            if t.status.is_some_and(|s| s != actual) {
                findings.push(format!(
                    "KPI {} at the end of {}: the target assumes {:?}, the schedule has {actual:?}",
                    k.id, phase.id, t.status
                ));
            }
        }
    }
    let start_year = plan.horizon.start_year;
    let quarters: HashSet<String> = plan
        .components
        .iter()
        .flat_map(|c| {
            [
                crate::words::quarter(start_year, c.start_month),
                crate::words::quarter(start_year, c.end_month.saturating_sub(1)),
            ]
        })
        .collect();
    for d in plan.key_decisions.iter().chain(&plan.open_questions) {
        for quoted in quarters_in(&d.text) {
            if !quarters.contains(&quoted) {
                findings.push(format!(
                    "decision {} quotes {quoted}, when no component starts or ends",
                    d.id
                ));
            }
        }
    }
}

/// Every "Qn YYYY" in a text.
fn quarters_in(text: &str) -> Vec<String> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(6))
        .filter(|&i| {
            bytes[i] == b'Q'
                && (b'1'..=b'4').contains(&bytes[i + 1])
                && bytes[i + 2] == b' '
                && bytes[i + 3..i + 7].iter().all(u8::is_ascii_digit)
        })
        .map(|i| text[i..i + 7].to_string())
        .collect()
}

fn close(a: f64, b: f64, parts: usize) -> bool {
    (a - b).abs() <= THOUSANDTH * (parts.max(1) as f64) + 1e-9
}

/// Delivery teams at work never exceed the pace; starts per year neither.
fn capacity(plan: &Plan, findings: &mut Vec<String>) {
    let months = plan.horizon.months as usize;
    let mut usage = vec![0.0f64; months];
    let mut starts = vec![0u32; plan.horizon.years as usize];
    for c in &plan.components {
        for m in c.start_month..c.end_month.min(plan.horizon.months) {
            usage[m as usize] += c.effort;
        }
        if let Some(year) = starts.get_mut((c.start_month / 12) as usize) {
            *year += 1;
        }
    }
    let teams = f64::from(plan.pacing.max_parallel);
    if let Some((m, used)) = usage.iter().enumerate().find(|(_, u)| **u > teams + 1e-9) {
        findings.push(format!(
            "month {m}: {used} delivery teams at work, more than the pace's {teams}"
        ));
    }
    for (y, n) in starts.iter().enumerate() {
        if *n > plan.pacing.max_new_per_year {
            findings.push(format!(
                "year {}: {n} components start, more than the pace's {}",
                y + 1,
                plan.pacing.max_new_per_year
            ));
        }
    }
    // No false deferral: a component left out for time has no start, from
    // when it was ready, where capacity is free and it ends in time.
    for d in plan
        .deferred
        .iter()
        .filter(|d| d.cause == DeferredCause::Time)
    {
        let Some(ready) = d.ready_month else {
            findings.push(format!(
                "{} is deferred for time without a ready month",
                d.id
            ));
            continue;
        };
        let last = plan.horizon.months.saturating_sub(d.duration_months);
        let fits = (ready..=last).find(|&s| {
            starts[(s / 12) as usize] < plan.pacing.max_new_per_year
                && (s..s + d.duration_months).all(|m| usage[m as usize] + d.effort <= teams + 1e-9)
        });
        if let Some(s) = fits {
            findings.push(format!(
                "{} is deferred for time, yet it could start in month {s} with capacity free",
                d.id
            ));
        }
    }
}

/// Prerequisites end before dependants start; everything inside the horizon.
fn timing(plan: &Plan, findings: &mut Vec<String>) {
    for c in &plan.components {
        if c.end_month > plan.horizon.months || c.start_month >= c.end_month {
            findings.push(format!("{} runs outside the horizon", c.id));
        }
        for d in &c.depends_on {
            match plan.components.iter().find(|p| &p.id == d) {
                Some(p) if p.end_month <= c.start_month => {}
                Some(_) => findings.push(format!("{} starts before {d} ends", c.id)),
                None => findings.push(format!("{} depends on {d}, which is not planned", c.id)),
            }
        }
        if !c.funded {
            findings.push(format!("{} is in the programme but not funded", c.id));
        }
    }
}

/// Every table adds up to its total, and the programme fits the envelope.
fn money(plan: &Plan, findings: &mut Vec<String>) {
    let f = &plan.financing;
    let total = f.total_cost_usd_millions;
    let mut sums = |name: &str, values: Vec<f64>| {
        let n = values.len();
        let sum: f64 = values.into_iter().sum();
        if !close(sum, total, n) {
            findings.push(format!(
                "{name} add up to {sum:.3}, not the total {total:.3}"
            ));
        }
    };
    sums(
        "costs by year",
        f.by_year.iter().map(|y| y.cost_usd_millions).collect(),
    );
    sums(
        "costs by phase",
        f.by_phase.iter().map(|p| p.cost_usd_millions).collect(),
    );
    sums(
        "costs by pillar",
        f.by_pillar.iter().map(|p| p.cost_usd_millions).collect(),
    );
    sums(
        "amounts by source",
        f.by_source.iter().map(|s| s.amount_usd_millions).collect(),
    );
    sums(
        "component costs",
        plan.components
            .iter()
            .map(|c| c.cost_usd_millions)
            .collect(),
    );
    sums(
        "one-off and running costs",
        vec![f.capex_usd_millions, f.opex_usd_millions],
    );
    for y in &f.by_year {
        if !close(
            y.capex_usd_millions + y.opex_usd_millions,
            y.cost_usd_millions,
            2,
        ) {
            findings.push(format!(
                "{}: one-off and running costs do not add up",
                y.year
            ));
        }
    }
    for c in &plan.components {
        let parts = c.capex_usd_millions + c.opex_in_horizon_usd_millions;
        if !close(parts, c.cost_usd_millions, 2) {
            findings.push(format!("{}: one-off and running costs do not add up", c.id));
        }
    }
    let recurrent: f64 = plan
        .components
        .iter()
        .map(|c| c.opex_usd_millions_per_year)
        .sum();
    if !close(
        recurrent,
        f.recurrent_after_horizon_usd_millions_per_year,
        plan.components.len(),
    ) {
        findings
            .push("the running cost after the plan is not the components' running costs".into());
    }
    if let Some(envelope) = f.envelope_usd_millions {
        if total > envelope + 1e-9 {
            findings.push(format!(
                "the funded programme ({total:.3}) exceeds the envelope ({envelope:.3})"
            ));
        }
        let unfunded: f64 = f.pipeline.iter().map(|p| p.cost_usd_millions).sum();
        if f.unfunded_usd_millions
            .is_none_or(|u| !close(u, unfunded, f.pipeline.len()))
        {
            findings.push("the unfunded amount is not the pipeline's cost".into());
        }
    } else if !f.pipeline.is_empty() || f.gap_usd_millions.is_some() {
        findings.push("without an envelope there is neither a pipeline nor a gap".into());
    }
    let mut cumulative = 0.0;
    for p in &f.pipeline {
        cumulative += p.cost_usd_millions;
        if !close(cumulative, p.cumulative_usd_millions, p.rank as usize) {
            findings.push(format!(
                "pipeline rank {}: the cumulative cost does not add up",
                p.rank
            ));
        }
    }
}

/// Every amount is a number from zero to the most a plan can hold
/// (`crate::ranges`): no cost, total or share of one overflowed or went
/// negative on the way.
fn amounts_in_range(plan: &Plan, findings: &mut Vec<String>) {
    let f = &plan.financing;
    let most = crate::ranges::MOST_PLAN_USD_MILLIONS;
    let named = [
        ("the total cost", f.total_cost_usd_millions),
        ("the one-off cost", f.capex_usd_millions),
        ("the running cost", f.opex_usd_millions),
        ("the envelope", f.envelope_usd_millions.unwrap_or(0.0)),
        ("the gap", f.gap_usd_millions.unwrap_or(0.0).abs()),
    ];
    let parts = plan
        .components
        .iter()
        .map(|c| (c.id.as_str(), c.cost_usd_millions))
        .chain(f.by_year.iter().map(|y| ("a year", y.cost_usd_millions)))
        .chain(
            f.by_source
                .iter()
                .map(|s| ("a source", s.amount_usd_millions)),
        );
    for (what, amount) in named.into_iter().chain(parts) {
        if !(amount.is_finite() && (0.0..=most).contains(&amount)) {
            findings.push(format!(
                "{what}: USD {amount} million is not an amount from 0 to {most}"
            ));
        }
    }
}

/// Running costs start at go-live and, for functions and systems alike,
/// run to the end of the horizon.
fn running_costs(plan: &Plan, findings: &mut Vec<String>) {
    let months = plan.horizon.months;
    let mut by_year = vec![0.0f64; plan.horizon.years as usize];
    for c in &plan.components {
        let live = months.saturating_sub(c.end_month);
        let expected = c.opex_usd_millions_per_year * f64::from(live) / 12.0;
        // Each year of running is spread over its months in whole thousands.
        if (expected - c.opex_in_horizon_usd_millions).abs() > 0.012 {
            findings.push(format!(
                "{}: running cost inside the plan is {:.3}, expected {expected:.3} from go-live to the end",
                c.id, c.opex_in_horizon_usd_millions
            ));
        }
        for m in c.end_month..months {
            by_year[(m / 12) as usize] += c.opex_usd_millions_per_year / 12.0;
        }
        if c.kind == ComponentKind::Function && c.opex_usd_millions_per_year <= 0.0 {
            findings.push(format!(
                "{} is a standing function with no running cost",
                c.id
            ));
        }
    }
    for (y, expected) in plan.financing.by_year.iter().zip(by_year) {
        let tolerance = 0.012 * plan.components.len().max(1) as f64;
        if (y.opex_usd_millions - expected).abs() > tolerance {
            findings.push(format!(
                "{}: running cost {:.3}, but what is live then costs {expected:.3}",
                y.year, y.opex_usd_millions
            ));
        }
    }
}

/// Each component appears once: planned, in place or left out.
fn lists(plan: &Plan, findings: &mut Vec<String>) {
    let mut seen: HashSet<&str> = HashSet::new();
    let ids = plan
        .components
        .iter()
        .map(|c| c.id.as_str())
        .chain(plan.in_place.iter().map(|c| c.id.as_str()))
        .chain(plan.deferred.iter().map(|c| c.id.as_str()));
    for id in ids {
        if !seen.insert(id) {
            findings.push(format!(
                "{id} is listed twice among planned, in place and left out"
            ));
        }
    }
    let waiting: HashSet<&str> = plan
        .deferred
        .iter()
        .filter(|d| d.cause == DeferredCause::Funding)
        .map(|d| d.id.as_str())
        .collect();
    for p in &plan.financing.pipeline {
        if !waiting.contains(p.id.as_str()) {
            findings.push(format!(
                "{} is in the pipeline but not left out for money",
                p.id
            ));
        }
    }
}

/// Sentences that state shares agree with the financing table.
fn narrative(plan: &Plan, findings: &mut Vec<String>) {
    let f = &plan.financing;
    for s in f.by_source.iter().filter(|s| s.share > 0.0) {
        let label = format!("{}%", crate::words::format_number(s.share * 100.0, 1));
        if !f.mix_because.contains(&label) {
            findings.push(format!(
                "the financing narrative does not state {}'s share of {label}",
                s.name
            ));
        }
    }
    // A decision may name what the plan builds, or what waits for money
    // as waiting for money; never what exists or cannot fit.
    let allowed: HashSet<&str> = plan
        .components
        .iter()
        .map(|c| c.title.as_str())
        .chain(plan.financing.pipeline.iter().map(|p| p.title.as_str()))
        .collect();
    let planned = &allowed;
    let elsewhere = plan
        .in_place
        .iter()
        .map(|c| c.title.as_str())
        .chain(plan.deferred.iter().map(|d| d.title.as_str()));
    for title in elsewhere.filter(|t| !planned.contains(t)) {
        for d in &plan.key_decisions {
            if d.text.contains(title) {
                findings.push(format!(
                    "decision {} names “{title}”, which is not planned",
                    d.id
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::SourceFile;
    use crate::framework::Framework;
    use crate::input::check_texts;

    fn plan(sample: &str, scale: Option<f64>) -> Plan {
        let framework = Framework::builtin().unwrap();
        let read = |f: &str| std::fs::read_to_string(format!("samples/{sample}/{f}")).unwrap();
        let mut input = check_texts(
            &SourceFile::new("profile.toml", read("profile.toml")),
            &SourceFile::new("readiness.toml", read("readiness.toml")),
            &framework,
        )
        .unwrap();
        if let Some(scale) = scale {
            input.plan.budget_scale = scale;
        }
        crate::engine::build_plan(&input, &framework, "2026-12-29")
    }

    #[test]
    fn every_sample_passes_its_audit_at_every_envelope() {
        for sample in ["fiji", "kenya", "lao-pdr", "republic-of-korea", "rwanda"] {
            for scale in [None, Some(0.3), Some(0.8), Some(1.2), Some(5.0)] {
                let findings = audit(&plan(sample, scale));
                assert!(findings.is_empty(), "{sample} at {scale:?}: {findings:#?}");
            }
        }
    }

    #[test]
    fn a_broken_plan_is_caught() {
        let mut broken = plan("lao-pdr", None);
        broken.financing.by_year[0].cost_usd_millions += 1.0;
        broken.financing.by_year[1].cost_usd_millions = -9.2e15;
        broken.components[0].effort = 50.0;
        let first = broken.components[0].clone();
        broken.in_place.push(crate::plan::InPlaceComponent {
            id: first.id.clone(),
            title: first.title,
            name: None,
            level: first.level,
            rule: String::new(),
            reason: String::new(),
            evidence: Vec::new(),
            strengthen: false,
            strengthening: String::new(),
        });
        broken.key_decisions[0].text.push_str(" Done by Q3 2099.");
        let followed = broken
            .kpis
            .iter_mut()
            .find(|k| k.targets.iter().any(|t| t.status.is_some()))
            .expect("Lao PDR's plan has a KPI that follows a component");
        let target = followed
            .targets
            .iter_mut()
            .find(|t| t.status.is_some())
            .unwrap();
        target.status = Some(match target.status {
            Some(ComponentStatus::Done) => ComponentStatus::NotStarted,
            _ => ComponentStatus::Done,
        });
        let findings = audit(&broken).join("\n");
        assert!(findings.contains("quotes Q3 2099"), "{findings}");
        assert!(findings.contains("the target assumes"), "{findings}");
        assert!(findings.contains("costs by year add up"), "{findings}");
        assert!(findings.contains("delivery teams at work"), "{findings}");
        assert!(findings.contains("listed twice"), "{findings}");
        assert!(
            findings.contains("a year: USD -9200000000000000 million is not an amount"),
            "{findings}"
        );
        let mut false_deferral = plan("kenya", None);
        let late = false_deferral
            .deferred
            .iter_mut()
            .find(|d| d.cause == DeferredCause::Time)
            .expect("Kenya's plan defers something for time");
        late.duration_months = 1;
        late.effort = 0.0;
        let findings = audit(&false_deferral).join("\n");
        assert!(findings.contains("could start in month"), "{findings}");
    }
}
