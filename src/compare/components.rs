//! Stage 3, components common and unique: which components the comparison
//! lists, in what order, where each stands in every plan, which ones every
//! plan selected, and which one plan alone selected and why.
//!
//! It follows the readiness matrix and needs only the latest plans and the
//! pillar list. Its rows come before the timelines, which name milestones
//! by their component titles, and the narratives, which name what a plan
//! alone has.

use std::collections::{BTreeMap, BTreeSet};

use super::cells::{country_tables, planned, quoted, row, status};
use super::names::{self, say};
use super::{ComparedPlan, ComponentRow, Named, Table, Unique};

pub(super) struct ComponentMatrix {
    pub components: Vec<ComponentRow>,
    pub component_tables: Vec<Table>,
    pub common: Vec<Named>,
    pub unique: Vec<Unique>,
}

/// `plans` are the latest plan of each country; cells follow their order.
pub(super) fn component_matrix(plans: &[&ComparedPlan], pillars: &[Named]) -> ComponentMatrix {
    let components = component_rows(plans, pillars);
    let component = say("compare.components.component", &[]);
    let component_tables = country_tables(&[&component], plans, |range| {
        components
            .iter()
            .map(|c| row(&c.title, c.cells[range.clone()].iter().cloned()))
            .collect()
    });
    ComponentMatrix {
        component_tables,
        common: common(plans, &components),
        unique: unique(plans, &components),
        components,
    }
}

/// Every component that any plan selected, deferred or found in place, by
/// pillar then id; those only deferred or in place come after the pillars.
fn component_rows(plans: &[&ComparedPlan], pillars: &[Named]) -> Vec<ComponentRow> {
    // A component listed twice (planned somewhere, deferred elsewhere) keeps its pillar entry.
    let mut seen = BTreeSet::new();
    catalogue(plans, pillars)
        .into_iter()
        .filter(|((_, id), _)| seen.insert(id.clone()))
        .map(|((_, id), (title, pillar))| {
            let cells: Vec<String> = plans.iter().map(|i| status(&i.plan, &id)).collect();
            let planned_in = plans
                .iter()
                .filter(|i| planned(&i.plan, &id).is_some())
                .count();
            ComponentRow {
                pillar: pillars
                    .iter()
                    .find(|p| p.id == pillar)
                    .map_or_else(String::new, |p| p.name.clone()),
                id,
                title,
                cells,
                planned_in,
            }
        })
        .collect()
}

/// Title and pillar id of every component, keyed by (pillar rank, id).
fn catalogue(
    plans: &[&ComparedPlan],
    pillars: &[Named],
) -> BTreeMap<(usize, String), (String, String)> {
    let pillar_rank = |pillar: &str| {
        pillars
            .iter()
            .position(|x| x.id == pillar)
            .unwrap_or(usize::MAX)
    };
    let mut catalogue: BTreeMap<(usize, String), (String, String)> = BTreeMap::new();
    for i in plans {
        let p = &i.plan;
        for c in &p.components {
            catalogue.insert(
                (pillar_rank(&c.pillar), c.id.clone()),
                (names::component_title(&c.id, &c.title), c.pillar.clone()),
            );
        }
        for d in &p.deferred {
            catalogue
                .entry((usize::MAX - 1, d.id.clone()))
                .or_insert_with(|| (names::component_title(&d.id, &d.title), String::new()));
        }
        for d in &p.in_place {
            catalogue
                .entry((usize::MAX - 1, d.id.clone()))
                .or_insert_with(|| (names::component_title(&d.id, &d.title), String::new()));
        }
    }
    catalogue
}

/// Components every compared plan selected.
fn common(plans: &[&ComparedPlan], components: &[ComponentRow]) -> Vec<Named> {
    components
        .iter()
        .filter(|c| c.planned_in == plans.len() && !plans.is_empty())
        .map(|c| Named {
            id: c.id.clone(),
            name: c.title.clone(),
        })
        .collect()
}

/// Components only one plan selected, with the rules that put them there.
/// A single plan has nothing unique.
fn unique(plans: &[&ComparedPlan], components: &[ComponentRow]) -> Vec<Unique> {
    if plans.len() < 2 {
        return Vec::new();
    }
    components
        .iter()
        .filter(|c| c.planned_in == 1)
        .filter_map(|c| {
            let (owner, chosen) = plans
                .iter()
                .find_map(|i| planned(&i.plan, &c.id).map(|x| (i, x)))?;
            Some(Unique {
                id: c.id.clone(),
                title: c.title.clone(),
                country: names::country(&owner.plan),
                rules: chosen
                    .because
                    .iter()
                    .map(|r| r.rule.clone())
                    .collect::<Vec<_>>()
                    .join(", "),
                reason: chosen
                    .because
                    .iter()
                    .map(|r| quoted(&r.text))
                    .collect::<Vec<_>>()
                    .join(" "),
                evidence: chosen
                    .because
                    .iter()
                    .flat_map(|r| r.evidence.iter().cloned())
                    .collect::<Vec<_>>()
                    .join("; "),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{renamed, sample};
    use super::*;

    #[test]
    fn a_component_one_plan_lacks_is_unique_to_the_other_and_the_rest_are_common() {
        let fiji = sample("fiji", "2026-01-01");
        let mut other = renamed(&fiji, "XTL", "Testland");
        let dropped = other.plan.components.remove(0);
        let matrix = component_matrix(&[&fiji, &other], &[]);

        assert_eq!(matrix.unique.len(), 1, "{:?}", matrix.unique);
        let unique = &matrix.unique[0];
        assert_eq!(unique.id, dropped.id);
        assert_eq!(unique.country, fiji.plan.country.display_name);
        let rules: Vec<&str> = dropped.because.iter().map(|r| r.rule.as_str()).collect();
        assert_eq!(unique.rules, rules.join(", "));

        let common: BTreeSet<&str> = matrix.common.iter().map(|c| c.id.as_str()).collect();
        let both: BTreeSet<&str> = other
            .plan
            .components
            .iter()
            .map(|c| c.id.as_str())
            .collect();
        assert_eq!(common, both);

        let row = matrix
            .components
            .iter()
            .find(|c| c.id == dropped.id)
            .unwrap();
        assert_eq!(row.planned_in, 1);
        assert_eq!(row.cells[1], "not selected");
        assert!(row.cells[0].contains(" Q"), "{}", row.cells[0]);
    }

    #[test]
    fn a_single_plan_has_everything_in_common_and_nothing_unique() {
        let kenya = sample("kenya", "2026-01-01");
        let matrix = component_matrix(&[&kenya], &[]);
        assert!(matrix.unique.is_empty());
        assert_eq!(matrix.common.len(), kenya.plan.components.len());
    }

    #[test]
    fn components_are_listed_once_in_pillar_order() {
        let fiji = sample("fiji", "2026-01-01");
        let kenya = sample("kenya", "2026-01-01");
        let pillars: Vec<Named> = fiji
            .plan
            .pillars
            .iter()
            .map(|p| Named {
                id: p.id.clone(),
                name: p.name.clone(),
            })
            .collect();
        let rows = component_matrix(&[&fiji, &kenya], &pillars).components;
        let ids: BTreeSet<&str> = rows.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids.len(), rows.len(), "a component is listed twice");
        let rank = |name: &str| pillars.iter().position(|p| p.name == name);
        let ranks: Vec<usize> = rows.iter().filter_map(|c| rank(&c.pillar)).collect();
        assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");
    }
}
