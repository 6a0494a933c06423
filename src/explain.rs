//! Why a plan contains what it contains, in words: for the whole plan, or for
//! one component, recommendation or rule. Reads the `Plan` and the framework
//! it was built with; decides nothing.

use crate::diagnostics::did_you_mean;
use crate::framework::Framework;
use crate::plan::{ComponentKind, DeferredCause, Plan, PlannedComponent, Reason};
use crate::words::quarter;

/// The account of the whole plan (`item` = None) or of one item. An unknown
/// item gives the message to show, with the closest id when there is one.
pub fn explain(plan: &Plan, framework: &Framework, item: Option<&str>) -> Result<String, String> {
    let Some(item) = item.map(str::trim) else {
        return Ok(whole_plan(plan));
    };
    if framework.component(item).is_some() {
        return Ok(component(plan, framework, item));
    }
    if let Some(r) = plan
        .recommendations
        .iter()
        .find(|r| r.id.eq_ignore_ascii_case(item))
    {
        let mut out = format!("Recommendation {}: {}\n\n{}\n", r.id, r.title, r.principle);
        out.push_str("\nTailored to this country:\n");
        for line in &r.rationale {
            out.push_str(&format!("  - {line}\n"));
        }
        out.push_str("\nThe framework's tailoring texts that applied, and the inputs that made them apply:\n");
        for t in &r.triggered_by {
            out.push_str(&format!("  - {}: {}\n", t.id, t.evidence.join("; ")));
        }
        return Ok(out);
    }
    if plan.rules.iter().any(|r| r.id == item) {
        return Ok(rule(plan, item));
    }
    let known: Vec<&str> = framework
        .components
        .iter()
        .map(|c| &*c.id)
        .chain(plan.recommendations.iter().map(|r| r.id.as_str()))
        .chain(plan.rules.iter().map(|r| r.id.as_str()))
        .collect();
    Err(match did_you_mean(item, known.iter().copied()) {
        Some(close) => format!(
            "\"{item}\" is not a component, recommendation or rule of the framework; did you mean \"{close}\"?"
        ),
        None => format!(
            "\"{item}\" is not a component, recommendation or rule of the framework; run `dgplan explain` with the folder alone to see them all"
        ),
    })
}

fn month(plan: &Plan, month: u32) -> String {
    format!(
        "month {month} ({})",
        quarter(plan.horizon.start_year, month)
    )
}

fn reasons(out: &mut String, reasons: &[Reason]) {
    for r in reasons {
        match r.prerequisite_of() {
            Some(dependant) => out.push_str(&format!(
                "  - it is a prerequisite of `{dependant}`: {}\n",
                r.text
            )),
            None => out.push_str(&format!(
                "  - rule `{}` ({}):\n    {}\n",
                r.rule,
                r.evidence.join("; "),
                r.text
            )),
        }
    }
}

/// Why a planned component starts when it does, from what the schedule
/// recorded: when it became ready, and whether it then waited for capacity.
fn timing(plan: &Plan, c: &PlannedComponent) -> String {
    let when = month(plan, c.start_month);
    if c.start_month > c.ready_month {
        return format!(
            "It could start in {} but starts in {when}: the {} pace allows {} components at once, and more urgent work holds the places until then.",
            month(plan, c.ready_month),
            plan.pacing.name.to_lowercase(),
            plan.pacing.max_parallel
        );
    }
    let last_prerequisite = c
        .depends_on
        .iter()
        .filter_map(|id| plan.components.iter().find(|p| &p.id == id))
        .find(|p| p.end_month == c.ready_month);
    let phase_opening = plan
        .phases
        .iter()
        .find(|p| p.start_month == c.ready_month && c.ready_month > 0);
    match (last_prerequisite, phase_opening) {
        (Some(p), _) => format!(
            "It starts in {when}, as soon as its last prerequisite, `{}` ({}), ends.",
            p.id, p.title
        ),
        (None, Some(phase)) => format!(
            "It starts in {when}, when the {} phase opens: the framework does not start it earlier.",
            phase.name
        ),
        (None, None) => format!(
            "It starts at once, in {when}: nothing has to end first{}.",
            if c.prioritised {
                ", and a rule made it a priority"
            } else {
                ""
            }
        ),
    }
}

fn component(plan: &Plan, framework: &Framework, id: &str) -> String {
    let title = framework.component(id).map_or("", |c| c.title.as_str());
    let mut out = format!("Component `{id}`: {title}\n\n");
    if let Some(c) = plan.components.iter().find(|c| c.id == id) {
        let phase = plan.phases.iter().find(|p| p.id == c.phase);
        let ends = quarter(plan.horizon.start_year, c.end_month.saturating_sub(1));
        let span = match c.kind {
            ComponentKind::Function => format!(
                "set up in {} months from {}, by {ends}, then running to the end of the plan",
                c.duration_months,
                month(plan, c.start_month)
            ),
            ComponentKind::Project => format!(
                "{} months from {}, ending in {ends}",
                c.duration_months,
                month(plan, c.start_month)
            ),
        };
        out.push_str(&format!(
            "In the plan, in the {} phase: {span}.\n\nWhy it is in the plan:\n",
            phase.map_or(c.phase.as_str(), |p| p.name.as_str()),
        ));
        reasons(&mut out, &c.because);
        out.push_str("\nWhy it starts then:\n  ");
        out.push_str(&timing(plan, c));
        out.push('\n');
        if !c.depends_on.is_empty() {
            out.push_str("\nPrerequisites in the plan:\n");
            for d in &c.depends_on {
                if let Some(p) = plan.components.iter().find(|p| &p.id == d) {
                    out.push_str(&format!(
                        "  - `{}` ({}), done by {}\n",
                        p.id,
                        p.title,
                        month(plan, p.end_month)
                    ));
                }
            }
        }
        if !c.builds_on.is_empty() {
            out.push_str("\nBuilds on what is already in place:\n");
            for b in &c.builds_on {
                if let Some(s) = plan.in_place.iter().find(|s| &s.id == b) {
                    out.push_str(&format!("  - `{}` ({}): {}\n", s.id, s.title, s.reason));
                }
            }
        }
        let needed_by: Vec<String> = plan
            .components
            .iter()
            .filter(|p| p.depends_on.contains(&c.id))
            .map(|p| format!("`{}`", p.id))
            .collect();
        if !needed_by.is_empty() {
            out.push_str(&format!(
                "\nComponents that wait for it: {}.\n",
                needed_by.join(", ")
            ));
        }
        out.push_str(&format!(
            "\nCost inside the plan: USD {:.1} million (USD {:.1} million one-off, USD {:.1} million a year to run from go-live). {}\n",
            c.cost_usd_millions, c.capex_usd_millions, c.opex_usd_millions_per_year, c.cost_basis
        ));
    } else if let Some(d) = plan.deferred.iter().find(|d| d.id == id) {
        let status = match d.cause {
            DeferredCause::Funding => match plan.financing.pipeline.iter().find(|p| p.id == id) {
                Some(p) => format!(
                    "Selected but not funded: rank {} in the unfunded pipeline",
                    p.rank
                ),
                None => "Selected but not funded".to_string(),
            },
            DeferredCause::Time => "Selected but deferred beyond the plan's horizon".to_string(),
            DeferredCause::Prerequisite => "Selected but waiting for a prerequisite".to_string(),
        };
        out.push_str(&format!("{status}: {}\n\nWhy it was selected:\n", d.reason));
        reasons(&mut out, &d.because);
        if let Some(c) = framework.component(id).filter(|c| !c.requires.is_empty()) {
            let needs: Vec<String> = c.requires.iter().map(|r| format!("`{}`", r.name)).collect();
            out.push_str(&format!("\nPrerequisites: {}.\n", needs.join(", ")));
        }
        out.push_str(&format!(
            "\nCost if funded: USD {:.1} million inside the plan (USD {:.1} million one-off, USD {:.1} million a year to run).\n",
            d.cost_usd_millions, d.capex_usd_millions, d.opex_usd_millions_per_year
        ));
    } else if let Some(s) = plan.in_place.iter().find(|s| s.id == id) {
        out.push_str(&format!(
            "Not in the plan: already in place. Rule `{}`, on {}:\n  {}\nComponents that need it build on it instead.\n",
            s.rule,
            s.evidence.join("; "),
            s.reason
        ));
    } else {
        out.push_str("Not in the plan: no rule that applies to this country selects it, and no selected component needs it.\n");
        let would: Vec<&str> = framework
            .rules
            .iter()
            .filter(|r| r.include.iter().any(|i| i.name == id))
            .map(|r| &*r.id)
            .collect();
        if would.is_empty() {
            out.push_str("No rule of the framework selects it; add one to rules.toml to use it.\n");
        } else {
            out.push_str("Rules that would select it, and why they did not apply:\n");
            for rule_id in would {
                if let Some(trace) = plan.rules.iter().find(|t| t.id == rule_id) {
                    out.push_str(&format!("  - `{rule_id}`: {}\n", trace.evidence.join("; ")));
                }
            }
        }
    }
    out
}

fn rule(plan: &Plan, id: &str) -> String {
    let trace = plan.rules.iter().find(|r| r.id == id);
    let mut out = format!("Rule `{id}`\n\n");
    match trace {
        Some(t) if t.fired => {
            out.push_str(&format!(
                "It applies to this country, on: {}.\n\nWhat the plan says: {}\n\nWhat it did in this plan:\n",
                t.evidence.join("; "),
                t.because
            ));
            for effect in &t.effects {
                out.push_str(&format!("  - {effect}\n"));
            }
        }
        Some(t) => out.push_str(&format!(
            "It does not apply to this country, because: {}.\n\nWhat the plan would say if it applied: {}\n",
            t.evidence.join("; "),
            t.because
        )),
        None => {}
    }
    out
}

fn whole_plan(plan: &Plan) -> String {
    let mut out = format!(
        "Why the plan for {} contains what it contains\nFramework {} {}; plan {} to {}.\n\n",
        plan.country.display_name,
        plan.framework.id,
        plan.framework.version,
        plan.horizon.start_year,
        plan.horizon.end_year
    );

    let fired: Vec<_> = plan.rules.iter().filter(|r| r.fired).collect();
    out.push_str(&format!(
        "Rules: {} of the framework's {} apply to this country.\n",
        fired.len(),
        plan.rules.len()
    ));
    for r in &fired {
        out.push_str(&format!("  - `{}`: {}\n", r.id, r.evidence.join("; ")));
        for effect in &r.effects {
            out.push_str(&format!("      {effect}\n"));
        }
    }
    out.push_str(&format!(
        "\nPacing: {} ({} components at once). {}\n",
        plan.pacing.name, plan.pacing.max_parallel, plan.pacing.because
    ));
    out.push_str(&format!(
        "Governance: {}. {}\n",
        plan.governance.name, plan.governance.because
    ));
    out.push_str(&format!("Financing mix: {}\n", plan.financing.mix_because));

    out.push_str(&format!(
        "\nComponents: {} in the plan, {} deferred, {} already in place.\n",
        plan.components.len(),
        plan.deferred.len(),
        plan.in_place.len()
    ));
    for phase in &plan.phases {
        out.push_str(&format!(
            "\n{} phase, {} to {}:\n",
            phase.name,
            quarter(plan.horizon.start_year, phase.start_month),
            quarter(plan.horizon.start_year, phase.end_month.saturating_sub(1))
        ));
        if !plan.components.iter().any(|c| c.phase == phase.id) {
            out.push_str("  No component starts in this phase; work begun earlier runs into it.\n");
        }
        for c in plan.components.iter().filter(|c| c.phase == phase.id) {
            let selected_by: Vec<String> = c
                .because
                .iter()
                .map(|r| match r.prerequisite_of() {
                    Some(dependant) => format!("needed by `{dependant}`"),
                    None => format!("rule `{}`", r.rule),
                })
                .collect();
            out.push_str(&format!(
                "  - `{}`, {} to {}: {}. {}\n",
                c.id,
                quarter(plan.horizon.start_year, c.start_month),
                quarter(plan.horizon.start_year, c.end_month.saturating_sub(1)),
                selected_by.join(", "),
                timing(plan, c)
            ));
        }
    }
    if !plan.deferred.is_empty() {
        out.push_str("\nDeferred beyond the horizon:\n");
        for d in &plan.deferred {
            out.push_str(&format!("  - `{}`: {}\n", d.id, d.reason));
        }
    }
    if !plan.in_place.is_empty() {
        out.push_str("\nAlready in place, so left out:\n");
        for s in &plan.in_place {
            out.push_str(&format!(
                "  - `{}`: rule `{}`: {}\n",
                s.id,
                s.rule,
                s.evidence.join("; ")
            ));
        }
    }
    out.push_str(
        "\nFor the full account of one item, give its id: a component (such as `data-exchange`), a recommendation (such as `R3`) or a rule.\n",
    );
    out
}
