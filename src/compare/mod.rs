//! Comparing plans across countries, and versions of one country's plan.
//!
//! Pure: plans in, one [`Comparison`] out. Plans are sorted by ISO code,
//! then date, then framework version, then content, so the result does not
//! depend on the order the inputs were given in. When several plans share an
//! ISO code they are versions of one country's plan: the cross-country
//! sections use the latest, and a change report lists what moved between
//! consecutive versions and why.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::plan::Plan;
use crate::vocabulary::CountryGroup;
use crate::words::{
    capitalise, country_in_text, format_number, format_score, format_usd, join_words, quarter,
};

mod cells;

use cells::{country_tables, header, index_label, label, mean, planned, quarters, row, status};

/// Identifies the shape of `comparison.json`.
pub const COMPARISON_SCHEMA: &str = "dgplan-comparison/1";

/// Countries per table in wide matrices, so that each table fits a page.
pub const COUNTRIES_PER_TABLE: usize = 8;

/// A plan and where it came from (a folder or a plan.json file).
pub struct Input {
    pub label: String,
    pub plan: Plan,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Comparison {
    pub schema: String,
    pub generated_on: String,
    /// Warnings a reader must know: different frameworks or dates.
    pub notes: Vec<String>,
    pub countries: Vec<CountryRow>,
    pub dimensions: Vec<Named>,
    pub readiness: Vec<ReadinessRow>,
    /// Readiness matrix, dimensions down and countries across, split into groups of countries.
    pub readiness_tables: Vec<Table>,
    pub dimension_extremes: Vec<Extreme>,
    pub group_averages: Vec<GroupAverage>,
    /// Group averages, dimensions down and groups across.
    pub group_table: Table,
    pub components: Vec<ComponentRow>,
    /// Component tables split into groups of countries that fit a page.
    pub component_tables: Vec<Table>,
    pub common: Vec<Named>,
    pub unique: Vec<Unique>,
    pub milestones: Vec<Named>,
    pub timelines: Vec<TimelineRow>,
    pub pillars: Vec<Named>,
    pub costs: Vec<CostRow>,
    pub kpi_tables: Vec<Table>,
    pub narratives: Vec<Narrative>,
    pub changes: Vec<ChangeReport>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Named {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CountryRow {
    pub iso3: String,
    pub name: String,
    pub source: String,
    pub generated_on: String,
    pub framework: String,
    pub groups: String,
    pub income: String,
    pub population: String,
    pub horizon: String,
    pub envelope: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReadinessRow {
    pub iso3: String,
    pub name: String,
    pub scores: Vec<Option<f64>>,
    /// Scores as shown: "2.0" or "n/a" (not assessed).
    pub labels: Vec<String>,
    pub average: Option<f64>,
    pub average_label: String,
    pub egdi: Option<f64>,
    pub egdi_label: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Extreme {
    pub dimension: String,
    pub strongest: String,
    pub weakest: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GroupAverage {
    pub group: String,
    pub members: usize,
    pub average_label: String,
    pub egdi_label: String,
    pub labels: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ComponentRow {
    pub id: String,
    pub title: String,
    pub pillar: String,
    /// Per country, in country order: "Foundations, Q1 2026", "deferred",
    /// "in place" or "not selected".
    pub cells: Vec<String>,
    pub planned_in: usize,
}

/// A matrix for a group of countries: header and rows of labels.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Unique {
    pub id: String,
    pub title: String,
    pub country: String,
    pub rules: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TimelineRow {
    pub name: String,
    pub phases: String,
    /// Start of each key milestone, in `milestones` order.
    pub starts: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CostRow {
    pub iso3: String,
    pub name: String,
    pub total_usd_millions: f64,
    pub total: String,
    pub per_capita: String,
    pub envelope: String,
    pub gap: String,
    pub external_share: String,
    /// Cost per pillar, in `pillars` order.
    pub by_pillar: Vec<String>,
    pub models: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Narrative {
    pub name: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChangeReport {
    pub iso3: String,
    pub name: String,
    pub from: String,
    pub to: String,
    pub no_differences: bool,
    pub inputs: Vec<String>,
    pub readiness: Vec<String>,
    pub added: Vec<String>,
    pub dropped: Vec<String>,
    pub moved: Vec<String>,
    pub rules: Vec<String>,
    pub other: Vec<String>,
}

fn version_key(input: &Input) -> (String, String, String, String) {
    (
        input.plan.country.iso3.clone(),
        input.plan.generated_on.clone(),
        input.plan.framework.version.clone(),
        serde_json::to_string(&input.plan).unwrap_or_default(),
    )
}

/// Builds the comparison. `inputs` may come in any order; they are sorted
/// in place into the comparison's order (ISO code, date, framework version).
pub fn compare(inputs: &mut [Input], generated_on: &str) -> Comparison {
    inputs.sort_by_cached_key(version_key);
    let inputs: &[Input] = inputs;
    // Versions of one country: the latest speaks for it across countries.
    let mut latest: BTreeMap<String, usize> = BTreeMap::new();
    for (i, input) in inputs.iter().enumerate() {
        latest.insert(input.plan.country.iso3.clone(), i);
    }
    let plans: Vec<&Input> = latest.values().map(|&i| &inputs[i]).collect();

    let mut notes = Vec::new();
    let frameworks: BTreeSet<String> = inputs
        .iter()
        .map(|i| format!("{} {}", i.plan.framework.id, i.plan.framework.version))
        .collect();
    if frameworks.len() > 1 {
        notes.push(format!(
            "The plans were drafted with different frameworks ({}); differences between them may come from the framework, not the countries.",
            frameworks.into_iter().collect::<Vec<_>>().join(", ")
        ));
    }
    let dates: BTreeSet<&str> = plans.iter().map(|i| i.plan.generated_on.as_str()).collect();
    if dates.len() > 1 {
        notes.push(format!(
            "The plans were drafted on different dates ({}).",
            dates.into_iter().collect::<Vec<_>>().join(", ")
        ));
    }

    let dimensions: Vec<Named> = plans
        .first()
        .map(|p| {
            p.plan
                .readiness
                .dimensions
                .iter()
                .map(|d| Named {
                    id: d.id.clone(),
                    name: d.name.clone(),
                })
                .collect()
        })
        .unwrap_or_default();
    let score_of = |plan: &Plan, id: &str| -> Option<f64> {
        plan.readiness
            .dimensions
            .iter()
            .find(|d| d.id == id)
            .and_then(|d| d.score)
    };

    let countries: Vec<CountryRow> = plans
        .iter()
        .map(|i| {
            let p = &i.plan;
            CountryRow {
                iso3: p.country.iso3.clone(),
                name: p.country.display_name.clone(),
                source: i.label.clone(),
                generated_on: p.generated_on.clone(),
                framework: format!("{} {}", p.framework.id, p.framework.version),
                groups: if p.country.groups.is_empty() {
                    "none".into()
                } else {
                    p.country
                        .groups
                        .iter()
                        .map(|g| g.code())
                        .collect::<Vec<_>>()
                        .join(", ")
                },
                income: p
                    .country
                    .income_group
                    .map_or("not stated", |g| g.code())
                    .into(),
                population: format!(
                    "{} million",
                    p.country
                        .population_millions
                        .map_or_else(|| "not stated".to_string(), |x| format_number(x, 2))
                ),
                horizon: format!("{}-{}", p.horizon.start_year, p.horizon.end_year),
                envelope: p
                    .financing
                    .envelope_usd_millions
                    .map_or_else(|| "not stated".into(), format_usd),
            }
        })
        .collect();

    let readiness: Vec<ReadinessRow> = plans
        .iter()
        .map(|i| {
            let p = &i.plan;
            let scores: Vec<Option<f64>> = dimensions.iter().map(|d| score_of(p, &d.id)).collect();
            let egdi = p.readiness.indices.as_ref().and_then(|x| x.egdi);
            ReadinessRow {
                iso3: p.country.iso3.clone(),
                name: p.country.display_name.clone(),
                labels: scores.iter().map(|s| label(*s)).collect(),
                scores,
                average: p.readiness.average_score,
                average_label: label(p.readiness.average_score),
                egdi,
                egdi_label: index_label(egdi),
            }
        })
        .collect();

    let dimension_extremes: Vec<Extreme> = dimensions
        .iter()
        .enumerate()
        .map(|(d, dim)| {
            let scored: Vec<(&str, f64)> = readiness
                .iter()
                .filter_map(|r| r.scores[d].map(|s| (r.name.as_str(), s)))
                .collect();
            let pick = |best: bool| -> String {
                let target = scored.iter().map(|(_, s)| *s).fold(
                    if best { f64::MIN } else { f64::MAX },
                    |a, b| {
                        if best { a.max(b) } else { a.min(b) }
                    },
                );
                let names: Vec<String> = scored
                    .iter()
                    .filter(|(_, s)| (*s - target).abs() < 1e-9)
                    .map(|(n, _)| n.to_string())
                    .collect();
                if names.is_empty() {
                    "not assessed anywhere".into()
                } else {
                    format!("{} ({})", join_words(&names), format_score(target))
                }
            };
            Extreme {
                dimension: dim.name.clone(),
                strongest: pick(true),
                weakest: pick(false),
            }
        })
        .collect();

    // Averages within the compared set, for each UN group and income group present.
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    for group in [CountryGroup::Ldc, CountryGroup::Lldc, CountryGroup::Sids] {
        let members: Vec<usize> = (0..plans.len())
            .filter(|&i| plans[i].plan.country.groups.contains(&group))
            .collect();
        if !members.is_empty() {
            groups.push((group.code().to_string(), members));
        }
    }
    let mut incomes: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, p) in plans.iter().enumerate() {
        incomes
            .entry(
                p.plan
                    .country
                    .income_group
                    .map_or("income not stated", |g| g.code())
                    .to_string(),
            )
            .or_default()
            .push(i);
    }
    groups.extend(incomes);
    groups.push(("All compared".into(), (0..plans.len()).collect()));
    let group_averages: Vec<GroupAverage> = groups
        .into_iter()
        .map(|(group, members)| GroupAverage {
            members: members.len(),
            labels: (0..dimensions.len())
                .map(|d| label(mean(members.iter().filter_map(|&m| readiness[m].scores[d]))))
                .collect(),
            average_label: label(mean(members.iter().filter_map(|&m| readiness[m].average))),
            egdi_label: index_label(mean(members.iter().filter_map(|&m| readiness[m].egdi))),
            group,
        })
        .collect();

    // Components: every one that any plan selected or found in place, by pillar then id.
    let pillars: Vec<Named> = plans
        .first()
        .map(|p| {
            p.plan
                .pillars
                .iter()
                .map(|x| Named {
                    id: x.id.clone(),
                    name: x.name.clone(),
                })
                .collect()
        })
        .unwrap_or_default();
    let mut catalogue: BTreeMap<(usize, String), (String, String)> = BTreeMap::new();
    for i in &plans {
        let p = &i.plan;
        let pillar_rank = |pillar: &str| {
            pillars
                .iter()
                .position(|x| x.id == pillar)
                .unwrap_or(usize::MAX)
        };
        for c in &p.components {
            catalogue.insert(
                (pillar_rank(&c.pillar), c.id.clone()),
                (c.title.clone(), c.pillar.clone()),
            );
        }
        for d in &p.deferred {
            catalogue
                .entry((usize::MAX - 1, d.id.clone()))
                .or_insert((d.title.clone(), String::new()));
        }
        for d in &p.in_place {
            catalogue
                .entry((usize::MAX - 1, d.id.clone()))
                .or_insert((d.title.clone(), String::new()));
        }
    }
    // A component listed twice (planned somewhere, deferred elsewhere) keeps its pillar entry.
    let mut seen = BTreeSet::new();
    let components: Vec<ComponentRow> = catalogue
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
        .collect();
    let component_tables = country_tables(&["Component"], &plans, |range| {
        components
            .iter()
            .map(|c| row(&c.title, c.cells[range.clone()].iter().cloned()))
            .collect()
    });
    let common: Vec<Named> = components
        .iter()
        .filter(|c| c.planned_in == plans.len() && !plans.is_empty())
        .map(|c| Named {
            id: c.id.clone(),
            name: c.title.clone(),
        })
        .collect();
    let unique: Vec<Unique> = if plans.len() < 2 {
        Vec::new()
    } else {
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
                    country: owner.plan.country.display_name.clone(),
                    rules: chosen
                        .because
                        .iter()
                        .map(|r| r.rule.clone())
                        .collect::<Vec<_>>()
                        .join(", "),
                    reason: chosen
                        .because
                        .iter()
                        .map(|r| format!("{} ({})", r.text, r.evidence.join("; ")))
                        .collect::<Vec<_>>()
                        .join(" "),
                })
            })
            .collect()
    };

    // Timelines and key milestones.
    let mut milestone_ids: Vec<String> = Vec::new();
    for i in &plans {
        for m in &i.plan.key_milestones {
            if !milestone_ids.contains(m) {
                milestone_ids.push(m.clone());
            }
        }
    }
    let title_of = |id: &str| -> String {
        components
            .iter()
            .find(|c| c.id == id)
            .map_or_else(|| id.to_string(), |c| c.title.clone())
    };
    let milestones: Vec<Named> = milestone_ids
        .iter()
        .map(|id| Named {
            id: id.clone(),
            name: title_of(id),
        })
        .collect();
    let timelines: Vec<TimelineRow> = plans
        .iter()
        .map(|i| {
            let p = &i.plan;
            TimelineRow {
                name: p.country.display_name.clone(),
                phases: p
                    .phases
                    .iter()
                    .map(|ph| {
                        format!(
                            "{} {}",
                            ph.name,
                            quarters(p.horizon.start_year, ph.start_month, ph.end_month)
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; "),
                starts: milestone_ids
                    .iter()
                    .map(|id| match planned(p, id) {
                        Some(c) => quarter(p.horizon.start_year, c.start_month),
                        None => status(p, id),
                    })
                    .collect(),
            }
        })
        .collect();

    let costs: Vec<CostRow> = plans
        .iter()
        .map(|i| {
            let p = &i.plan;
            let f = &p.financing;
            CostRow {
                iso3: p.country.iso3.clone(),
                name: p.country.display_name.clone(),
                total_usd_millions: f.total_cost_usd_millions,
                total: format_usd(f.total_cost_usd_millions),
                per_capita: f.cost_per_capita_usd.map_or_else(
                    || "n/a".to_string(),
                    |v| format!("USD {}", format_number(v, 2)),
                ),
                envelope: f
                    .envelope_usd_millions
                    .map_or_else(|| "not stated".into(), format_usd),
                gap: match f.gap_usd_millions {
                    Some(g) if g > 0.0 => format_usd(g),
                    Some(_) => "none".into(),
                    None => "n/a".into(),
                },
                external_share: f
                    .by_source
                    .iter()
                    .find(|s| s.id == "development_partners")
                    .map_or_else(
                        || "n/a".into(),
                        |s| format!("{}%", format_number(s.share * 100.0, 1)),
                    ),
                by_pillar: pillars
                    .iter()
                    .map(|x| {
                        f.by_pillar
                            .iter()
                            .find(|b| b.id == x.id)
                            .map_or_else(|| "n/a".into(), |b| format_usd(b.cost_usd_millions))
                    })
                    .collect(),
                models: f
                    .pppp_models
                    .iter()
                    .map(|m| m.name.clone())
                    .collect::<Vec<_>>()
                    .join("; "),
            }
        })
        .collect();

    // KPIs that every compared plan has, with their targets side by side.
    let shared_kpis: Vec<(String, String, String)> = plans
        .first()
        .map(|first| {
            first
                .plan
                .kpis
                .iter()
                .filter(|k| {
                    plans
                        .iter()
                        .all(|i| i.plan.kpis.iter().any(|x| x.id == k.id))
                })
                .map(|k| (k.id.clone(), k.name.clone(), k.unit.clone()))
                .collect()
        })
        .unwrap_or_default();
    let kpi_tables = country_tables(&["KPI", "Unit"], &plans, |range| {
        shared_kpis
            .iter()
            .map(|(id, name, unit)| {
                let mut row = vec![name.clone(), unit.clone()];
                for i in &plans[range.clone()] {
                    let k = i.plan.kpis.iter().find(|k| &k.id == id);
                    row.push(k.map_or_else(String::new, |k| {
                        let baseline = k.baseline.map_or_else(
                            || "baseline to be set".to_string(),
                            |b| format!("baseline {}", format_number(b, 4)),
                        );
                        let last = k
                            .targets
                            .last()
                            .map_or_else(String::new, |t| format!("by {}: {}", t.year, t.text));
                        format!("{baseline}; {last}")
                    }));
                }
                row
            })
            .collect()
    });

    let readiness_tables = country_tables(&["Dimension"], &plans, |range| {
        let columns: Vec<ScoreColumn> = readiness[range]
            .iter()
            .map(|r| ScoreColumn {
                labels: &r.labels,
                average: &r.average_label,
                egdi: &r.egdi_label,
            })
            .collect();
        score_rows(&dimensions, &columns)
    });
    let group_columns: Vec<ScoreColumn> = group_averages
        .iter()
        .map(|g| ScoreColumn {
            labels: &g.labels,
            average: &g.average_label,
            egdi: &g.egdi_label,
        })
        .collect();
    let group_table = Table {
        header: header(
            &["Dimension"],
            group_averages
                .iter()
                .map(|g| format!("{} ({})", g.group, g.members)),
        ),
        rows: score_rows(&dimensions, &group_columns),
    };
    let narratives = narratives(&plans, &readiness, &unique);
    let changes = change_reports(inputs);

    Comparison {
        schema: COMPARISON_SCHEMA.to_string(),
        generated_on: generated_on.to_string(),
        notes,
        countries,
        dimensions,
        readiness,
        readiness_tables,
        dimension_extremes,
        group_averages,
        group_table,
        components,
        component_tables,
        common,
        unique,
        milestones,
        timelines,
        pillars,
        costs,
        kpi_tables,
        narratives,
        changes,
    }
}

/// One column of a scores matrix: a country, or a group of countries.
struct ScoreColumn<'a> {
    /// One label per dimension, in dimension order.
    labels: &'a [String],
    average: &'a str,
    egdi: &'a str,
}

/// The rows of a scores matrix: one per dimension, then the average of the
/// assessed dimensions and the published EGDI.
fn score_rows(dimensions: &[Named], columns: &[ScoreColumn]) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = dimensions
        .iter()
        .enumerate()
        .map(|(d, dim)| row(&dim.name, columns.iter().map(|c| c.labels[d].clone())))
        .collect();
    rows.push(row(
        "Average of assessed dimensions",
        columns.iter().map(|c| c.average.to_string()),
    ));
    rows.push(row(
        "EGDI (published)",
        columns.iter().map(|c| c.egdi.to_string()),
    ));
    rows
}

/// What sets each plan apart, from the data alone.
fn narratives(plans: &[&Input], readiness: &[ReadinessRow], unique: &[Unique]) -> Vec<Narrative> {
    let averages: Vec<f64> = readiness.iter().filter_map(|r| r.average).collect();
    let set_average = mean(averages.iter().copied());
    let max_avg = averages.iter().copied().fold(f64::MIN, f64::max);
    let min_avg = averages.iter().copied().fold(f64::MAX, f64::min);
    let per_capita: Vec<f64> = plans
        .iter()
        .filter_map(|i| i.plan.financing.cost_per_capita_usd)
        .collect();
    let max_pc = per_capita.iter().copied().fold(f64::MIN, f64::max);
    let min_pc = per_capita.iter().copied().fold(f64::MAX, f64::min);
    let mut governance_count: BTreeMap<&str, usize> = BTreeMap::new();
    for i in plans {
        *governance_count
            .entry(i.plan.governance.model.as_str())
            .or_default() += 1;
    }
    let several = plans.len() > 1;
    plans
        .iter()
        .zip(readiness)
        .map(|(i, r)| {
            let p = &i.plan;
            let name = p.country.display_name.clone();
            // "the Republic of Korea" in running text, "The ..." to open a sentence.
            let subject = capitalise(&country_in_text(&name));
            let mut sentences = Vec::new();
            match (r.average, set_average) {
                (Some(a), Some(_)) if several && (a - max_avg).abs() < 1e-9 => sentences.push(format!(
                    "{subject} has the highest average readiness of the plans compared ({} of 5).",
                    format_score(a)
                )),
                (Some(a), Some(_)) if several && (a - min_avg).abs() < 1e-9 => sentences.push(format!(
                    "{subject} has the lowest average readiness of the plans compared ({} of 5).",
                    format_score(a)
                )),
                (Some(a), Some(s)) => sentences.push(format!(
                    "{subject}'s average readiness is {} of 5, {} the average of {} for the plans compared.",
                    format_score(a),
                    if a >= s { "above" } else { "below" },
                    format_score(s)
                )),
                _ => sentences.push(format!("{subject} has no assessed readiness dimension.")),
            }
            sentences.push(format!(
                "Its plan runs at the {} pace with {} components{}.",
                p.pacing.name.to_lowercase(),
                p.components.len(),
                match p.deferred.len() {
                    0 => String::new(),
                    1 => ", one deferred to the next plan".to_string(),
                    n => format!(", {n} deferred to the next plan"),
                }
            ));
            let own: Vec<String> = unique.iter().filter(|u| u.country == name).map(|u| u.title.clone()).collect();
            if !own.is_empty() {
                sentences.push(format!("It is the only plan with {}.", join_words(&own)));
            }
            let per_person = match p.financing.cost_per_capita_usd {
                Some(pc) => {
                    let extreme = if several && (pc - max_pc).abs() < 1e-9 {
                        ", the highest per person of the plans compared"
                    } else if several && (pc - min_pc).abs() < 1e-9 {
                        ", the lowest per person of the plans compared"
                    } else {
                        ""
                    };
                    format!(" (USD {} per person{extreme})", format_number(pc, 2))
                }
                None => " (population not stated)".to_string(),
            };
            sentences.push(format!(
                "It costs {}{per_person}{}.",
                format_usd(p.financing.total_cost_usd_millions),
                match p.financing.gap_usd_millions {
                    Some(g) if g > 0.0 => format!(", with a funding gap of {}", format_usd(g)),
                    _ => String::new(),
                }
            ));
            if several && governance_count.get(p.governance.model.as_str()) == Some(&1) {
                sentences.push(format!("It alone is governed by a {}.", p.governance.name.to_lowercase()));
            }
            Narrative {
                name,
                text: sentences.join(" "),
            }
        })
        .collect()
}

fn describe(input: &Input) -> String {
    format!(
        "{} of {} ({} {})",
        input.label, input.plan.generated_on, input.plan.framework.id, input.plan.framework.version
    )
}

/// Differences between consecutive versions of each country's plan.
fn change_reports(inputs: &[Input]) -> Vec<ChangeReport> {
    let mut reports = Vec::new();
    for pair in inputs.windows(2) {
        let (a, b) = (&pair[0].plan, &pair[1].plan);
        if a.country.iso3 != b.country.iso3 {
            continue;
        }
        let mut inputs_changed = Vec::new();
        let settings_a = serde_json::to_value(&a.settings).unwrap_or_default();
        let settings_b = serde_json::to_value(&b.settings).unwrap_or_default();
        diff_values("plan", &settings_a, &settings_b, &mut inputs_changed);
        let context_a = serde_json::to_value(&a.context).unwrap_or_default();
        let context_b = serde_json::to_value(&b.context).unwrap_or_default();
        diff_values("context", &context_a, &context_b, &mut inputs_changed);
        let country_a = serde_json::to_value(&a.country).unwrap_or_default();
        let country_b = serde_json::to_value(&b.country).unwrap_or_default();
        diff_values("country", &country_a, &country_b, &mut inputs_changed);

        let mut readiness = Vec::new();
        for da in &a.readiness.dimensions {
            let sb = b
                .readiness
                .dimensions
                .iter()
                .find(|d| d.id == da.id)
                .and_then(|d| d.score);
            if da.score != sb {
                readiness.push(format!("{}: {} to {}", da.name, label(da.score), label(sb)));
            }
        }
        let ids =
            |p: &Plan| -> BTreeSet<String> { p.components.iter().map(|c| c.id.clone()).collect() };
        let (ia, ib) = (ids(a), ids(b));
        let title = |p: &Plan, id: &str| planned(p, id).map_or(id.to_string(), |c| c.title.clone());
        let added: Vec<String> = ib.difference(&ia).map(|id| title(b, id)).collect();
        let dropped: Vec<String> = ia
            .difference(&ib)
            .map(|id| format!("{} (now {})", title(a, id), status(b, id)))
            .collect();
        let moved: Vec<String> = ia
            .intersection(&ib)
            .filter_map(|id| {
                let (ca, cb) = (planned(a, id)?, planned(b, id)?);
                let qa = quarters(a.horizon.start_year, ca.start_month, ca.end_month);
                let qb = quarters(b.horizon.start_year, cb.start_month, cb.end_month);
                (qa != qb).then(|| format!("{}: {qa} to {qb}", ca.title))
            })
            .collect();
        let mut rules = Vec::new();
        for ra in &a.rules {
            if let Some(rb) = b.rules.iter().find(|r| r.id == ra.id)
                && ra.fired != rb.fired
            {
                let (was, now) = if rb.fired {
                    ("did not apply", "applies")
                } else {
                    ("applied", "no longer applies")
                };
                rules.push(format!(
                    "{} {was} ({}) and now {now} ({})",
                    ra.id,
                    ra.evidence.join("; "),
                    rb.evidence.join("; ")
                ));
            }
        }
        let mut other = Vec::new();
        if a.pacing.id != b.pacing.id {
            other.push(format!("Pace: {} to {}", a.pacing.name, b.pacing.name));
        }
        if a.governance.model != b.governance.model {
            other.push(format!(
                "Governance: {} to {}",
                a.governance.name, b.governance.name
            ));
        }
        if (a.financing.total_cost_usd_millions - b.financing.total_cost_usd_millions).abs()
            > 0.0005
        {
            other.push(format!(
                "Total cost: {} to {}",
                format_usd(a.financing.total_cost_usd_millions),
                format_usd(b.financing.total_cost_usd_millions)
            ));
        }
        if a.framework.version != b.framework.version {
            other.push(format!(
                "Framework: version {} to {}",
                a.framework.version, b.framework.version
            ));
        }
        let no_differences = inputs_changed.is_empty()
            && readiness.is_empty()
            && added.is_empty()
            && dropped.is_empty()
            && moved.is_empty()
            && rules.is_empty()
            && other.is_empty();
        reports.push(ChangeReport {
            iso3: a.country.iso3.clone(),
            name: b.country.display_name.clone(),
            from: describe(&pair[0]),
            to: describe(&pair[1]),
            no_differences,
            inputs: inputs_changed,
            readiness,
            added,
            dropped,
            moved,
            rules,
            other,
        });
    }
    reports
}

/// Lists the leaves that differ between two JSON values, as "path: a to b".
fn diff_values(path: &str, a: &serde_json::Value, b: &serde_json::Value, out: &mut Vec<String>) {
    use serde_json::Value;
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            for key in keys {
                diff_values(
                    &format!("{path}.{key}"),
                    x.get(key).unwrap_or(&Value::Null),
                    y.get(key).unwrap_or(&Value::Null),
                    out,
                );
            }
        }
        _ if a != b => {
            let show = |v: &Value| {
                if v.is_null() {
                    "not stated".to_string()
                } else {
                    v.to_string()
                }
            };
            out.push(format!("{path}: {} to {}", show(a), show(b)));
        }
        _ => {}
    }
}

/// One row per compared plan (versions included, in the comparison's
/// order), one column per measure.
pub fn to_csv(comparison: &Comparison, inputs: &[Input]) -> String {
    let inputs_sorted = comparison;
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = [
        "iso3",
        "country",
        "generated_on",
        "framework",
        "groups",
        "income_group",
        "population_millions",
        "start_year",
        "end_year",
        "readiness_average",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    header.extend(
        inputs_sorted
            .dimensions
            .iter()
            .map(|d| format!("score_{}", d.id)),
    );
    header.extend(
        [
            "egdi",
            "osi",
            "hci",
            "tii",
            "epi",
            "indices_year",
            "pacing",
            "governance",
            "components_planned",
            "components_deferred",
            "total_cost_usd_millions",
            "cost_per_capita_usd",
            "envelope_usd_millions",
            "gap_usd_millions",
            "external_share",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    header.extend(
        inputs_sorted
            .pillars
            .iter()
            .map(|p| format!("cost_{}_usd_millions", p.id)),
    );
    header.extend(
        inputs_sorted
            .components
            .iter()
            .map(|c| format!("component_{}", c.id)),
    );
    let _ = writer.write_record(&header);
    let num = |v: Option<f64>| v.map_or_else(String::new, |x| x.to_string());
    for p in inputs.iter().map(|i| &i.plan) {
        let mut row: Vec<String> = vec![
            p.country.iso3.clone(),
            p.country.name.clone(),
            p.generated_on.clone(),
            format!("{} {}", p.framework.id, p.framework.version),
            p.country
                .groups
                .iter()
                .map(|g| g.code())
                .collect::<Vec<_>>()
                .join(" "),
            p.country.income_group.map_or("", |g| g.code()).to_string(),
            num(p.country.population_millions),
            p.horizon.start_year.to_string(),
            p.horizon.end_year.to_string(),
            num(p.readiness.average_score),
        ];
        for d in &inputs_sorted.dimensions {
            row.push(num(p
                .readiness
                .dimensions
                .iter()
                .find(|x| x.id == d.id)
                .and_then(|x| x.score)));
        }
        let idx = p.readiness.indices.as_ref();
        row.push(num(idx.and_then(|i| i.egdi)));
        row.push(num(idx.and_then(|i| i.osi)));
        row.push(num(idx.and_then(|i| i.hci)));
        row.push(num(idx.and_then(|i| i.tii)));
        row.push(num(idx.and_then(|i| i.epi)));
        row.push(idx.map_or_else(String::new, |i| i.year.to_string()));
        row.push(p.pacing.id.clone());
        row.push(p.governance.model.clone());
        row.push(p.components.len().to_string());
        row.push(p.deferred.len().to_string());
        row.push(p.financing.total_cost_usd_millions.to_string());
        row.push(num(p.financing.cost_per_capita_usd));
        row.push(num(p.financing.envelope_usd_millions));
        row.push(num(p.financing.gap_usd_millions));
        row.push(num(p
            .financing
            .by_source
            .iter()
            .find(|s| s.id == "development_partners")
            .map(|s| s.share)));
        for pillar in &inputs_sorted.pillars {
            row.push(num(p
                .financing
                .by_pillar
                .iter()
                .find(|b| b.id == pillar.id)
                .map(|b| b.cost_usd_millions)));
        }
        for c in &inputs_sorted.components {
            row.push(match planned(p, &c.id) {
                Some(x) => x.phase.clone(),
                None => status(p, &c.id),
            });
        }
        let _ = writer.write_record(&row);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}
