//! The sane range of every number dgplan reads from a framework's files or
//! a plan.json (a profile's and readiness file's numbers are checked where
//! they are read, in `src/input/`, with the limits named here). A number
//! outside its range is refused with its place, the range and what to do:
//! no plan is drafted from a cost of `1e308` or compared with a score of 99.
//!
//! # Why no total can overflow
//!
//! The engine counts money in whole thousands of US dollars in an `i64`.
//! With every number in range, one component's one-off cost is at most
//!
//! ```text
//! (base x (population / reference)^elasticity + per_sector x sectors) x income x 1000
//! <= (1000 x (2000 / 0.1)^1 + 100 x 50) x 5 x 1000  =  about 1.0e11 thousands
//! ```
//!
//! its running cost inside the plan at most `running_share x years` = 30
//! times that, and a framework has at most [`MOST_COMPONENTS`] components:
//! about 9.4e14 thousands in all, below [`MOST_PLAN_USD_MILLIONS`] (1e15
//! thousands), which is below 2^53 (every amount exact as an `f64`) and
//! nine thousand times below `i64::MAX`. The test
//! `the_largest_plan_fits_with_room_to_spare` works the bound out from the
//! constants below; the engine's amount helpers (`src/engine/amounts.rs`)
//! assert it, so a plan that broke it would stop with an internal error
//! rather than show a wrong sum, and the audit checks every amount.

/// Most components a framework may define.
pub const MOST_COMPONENTS: usize = 300;
/// Largest population a profile may state, in millions (`src/input`).
pub const MOST_POPULATION_MILLIONS: f64 = 2000.0;
/// Longest plan, in years (`src/input`).
pub const MOST_HORIZON_YEARS: f64 = 15.0;
/// Most priority sectors a component can be costed for: a profile's list.
pub const MOST_SECTORS: f64 = crate::tomldoc::MAX_LIST_ENTRIES as f64;
/// Largest envelope a profile may state, in USD millions (`src/input`).
pub const MOST_BUDGET_USD_MILLIONS: f64 = 1.0e6;
/// Fewest and most units of a currency to one US dollar a profile may
/// state (`src/input`): the dearest currencies (the Kuwaiti dinar, about
/// 0.3) and the cheapest (a few, after high inflation, above 100,000) sit
/// well inside.
pub const LEAST_USD_RATE: f64 = 0.001;
pub const MOST_USD_RATE: f64 = 1.0e7;
/// Largest amount a plan can hold, in USD millions: the bound worked out
/// above, rounded up.
pub const MOST_PLAN_USD_MILLIONS: f64 = 1.0e12;

/// Where a number may lie, and what it is, for the message.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Allowed {
    pub min: f64,
    pub max: f64,
    /// Only whole numbers.
    pub whole: bool,
    /// What to do, for the hint.
    pub hint: &'static str,
}

impl Allowed {
    pub fn holds(&self, value: f64) -> bool {
        value.is_finite()
            && value >= self.min
            && value <= self.max
            && (!self.whole || value.fract() == 0.0)
    }

    /// "0 to 1000", "a whole number from 1 to 3".
    pub fn expected(&self) -> String {
        let range = format!("{} to {}", plain(self.min), plain(self.max));
        if self.whole {
            format!("a whole number from {range}")
        } else {
            range
        }
    }
}

/// A bound as a reader writes it: 1000, 0.5, 1000000000.
fn plain(value: f64) -> String {
    crate::words::format_number(value, 4)
}

const fn range(min: f64, max: f64, hint: &'static str) -> Allowed {
    Allowed {
        min,
        max,
        whole: false,
        hint,
    }
}

const fn whole(min: f64, max: f64, hint: &'static str) -> Allowed {
    Allowed {
        min,
        max,
        whole: true,
        hint,
    }
}

const SHARE: Allowed = range(0.0, 1.0, "give a share from 0 to 1, such as 0.3 for 30%");
const SCORE: Allowed = range(0.0, 5.0, "scores run from 0 (absent) to 5 (leading)");
const INDEX: Allowed = range(0.0, 1.0, "published indices run from 0 to 1");
const SDG: Allowed = whole(1.0, 17.0, "SDGs are numbered 1 to 17");
/// For numbers whose unit the framework chooses (a KPI's target).
const ANY: Allowed = range(
    -1.0e9,
    1.0e9,
    "a KPI value beyond a billion is surely a typing mistake",
);

/// Every number of a framework file: the key path (tables and keys from
/// the top of the file, arrays left out) ends with the pattern's keys; `*`
/// stands for any one key. The first match decides.
pub const FRAMEWORK_NUMBERS: &[(&str, Allowed)] = &[
    ("framework.target_score", SCORE),
    (
        "framework.index_disagreement",
        range(0.0, 5.0, "a difference on the 0-5 scale, such as 2.0"),
    ),
    ("default_financing_mix.*", SHARE),
    ("financing_mix.*", SHARE),
    (
        "phases.share",
        range(
            0.0,
            1.0,
            "give each phase a share of the horizon; together they make 1",
        ),
    ),
    (
        "cost_model.reference_population_millions",
        range(
            0.1,
            MOST_POPULATION_MILLIONS,
            "the population, in millions, at which components cost their base cost, such as 1.0",
        ),
    ),
    (
        "cost_model.running_share",
        range(0.0, 2.0, "a yearly share of the one-off cost, such as 0.15"),
    ),
    (
        "cost_model.income_factors.*",
        range(
            0.1,
            5.0,
            "a multiplier of cost for the income group, such as 1.6",
        ),
    ),
    (
        "pacing.max_parallel",
        whole(1.0, 100.0, "how many components may run at once, such as 8"),
    ),
    (
        "pacing.max_new_per_year",
        whole(
            1.0,
            200.0,
            "how many components may start in a year, such as 8",
        ),
    ),
    (
        "pacing.duration_factor",
        range(0.5, 3.0, "a multiplier of every duration, such as 1.2"),
    ),
    (
        "components.duration_months",
        whole(
            1.0,
            180.0,
            "the duration in months, at most the longest plan of 15 years",
        ),
    ),
    (
        "components.effort",
        range(
            0.01,
            1.0,
            "use 1 for a build or roll-out, 0.5 for policy or legal work",
        ),
    ),
    (
        "components.tier",
        whole(
            0.0,
            3.0,
            "use 0 for work the rest of the plan rests on (such as completing the readiness assessment), 1 for essential, 2 for important, 3 for what can wait",
        ),
    ),
    ("components.sdgs", SDG),
    (
        "cost.base_usd_millions",
        range(
            0.0,
            1000.0,
            "give the one-off cost at the reference population in millions of US dollars, such as 0.8",
        ),
    ),
    (
        "cost.per_priority_sector_usd_millions",
        range(
            0.0,
            100.0,
            "give the extra cost per priority sector in millions of US dollars, such as 1.2",
        ),
    ),
    (
        "cost.population_elasticity",
        range(
            0.0,
            1.0,
            "0 for a cost that does not grow with population, 1 for one that grows in proportion",
        ),
    ),
    (
        "cost.running_share",
        range(0.0, 2.0, "a yearly share of the one-off cost, such as 0.15"),
    ),
    ("score_below.value", SCORE),
    ("score_at_least.value", SCORE),
    ("index_below.value", INDEX),
    ("index_at_least.value", INDEX),
    (
        "population_below",
        range(
            0.0,
            MOST_POPULATION_MILLIONS,
            "a population in millions, such as 1.0",
        ),
    ),
    (
        "population_at_least",
        range(
            0.0,
            MOST_POPULATION_MILLIONS,
            "a population in millions, such as 1.0",
        ),
    ),
    ("sdg", SDG),
    (
        "risks.base",
        whole(1.0, 5.0, "use 1 (rare) to 5 (almost certain)"),
    ),
    (
        "drivers.by",
        whole(
            -4.0,
            4.0,
            "a change of likelihood on the 1-5 scale, such as 1 or -1",
        ),
    ),
    ("target.step", ANY),
    ("target.cap", ANY),
];

/// Every number of a plan.json, by the name of its key (the last key of
/// its path; `*` ends a prefix or begins a suffix). The first match
/// decides; a number no pattern names must still lie within [`PLAN_OTHER`].
pub const PLAN_NUMBERS: &[(&str, Allowed)] = &[
    (
        "gap_usd_millions",
        range(
            -MOST_PLAN_USD_MILLIONS,
            MOST_PLAN_USD_MILLIONS,
            "an amount in USD millions; negative when the envelope covers more than the plan",
        ),
    ),
    (
        "*_usd_millions",
        range(0.0, MOST_PLAN_USD_MILLIONS, "an amount in USD millions"),
    ),
    (
        "*_usd_millions_per_year",
        range(0.0, MOST_PLAN_USD_MILLIONS, "an amount in USD millions"),
    ),
    (
        "usd_rate",
        range(
            LEAST_USD_RATE,
            MOST_USD_RATE,
            "units of the currency to one US dollar",
        ),
    ),
    (
        "budget_local_millions",
        range(
            0.0,
            MOST_BUDGET_USD_MILLIONS * MOST_USD_RATE,
            "an envelope in millions of the local currency",
        ),
    ),
    ("score", SCORE),
    ("average_score", SCORE),
    ("target_score", SCORE),
    ("gap", SCORE),
    ("level", whole(0.0, 5.0, "maturity levels run from 0 to 5")),
    ("share", SHARE),
    ("effort", range(0.0, 1.0, "a share of a delivery team")),
    ("external_financing_share", SHARE),
    ("egdi", INDEX),
    ("osi", INDEX),
    ("hci", INDEX),
    ("tii", INDEX),
    ("epi", INDEX),
    ("related_index_value", INDEX),
    (
        "population_millions",
        range(0.0, MOST_POPULATION_MILLIONS, "a population in millions"),
    ),
    ("sdgs", SDG),
    ("sdg_focus", SDG),
    ("*_month", whole(0.0, 600.0, "a month of the plan")),
    (
        "by_day",
        whole(1.0, 100.0, "a day of the plan's first 100 days"),
    ),
    ("months", whole(0.0, 600.0, "the plan's length in months")),
    ("duration_months", whole(0.0, 600.0, "a duration in months")),
    ("year", whole(1990.0, 2200.0, "a calendar year")),
    ("start_year", whole(1990.0, 2200.0, "a calendar year")),
    ("end_year", whole(1990.0, 2200.0, "a calendar year")),
    (
        "years",
        whole(1.0, MOST_HORIZON_YEARS, "the plan's length in years"),
    ),
    (
        "horizon_years",
        whole(1.0, MOST_HORIZON_YEARS, "the plan's length in years"),
    ),
];

/// The range of a plan.json number no pattern names.
pub const PLAN_OTHER: Allowed = range(
    -1.0e15,
    1.0e15,
    "no number in a plan reaches a thousand million million",
);

/// The range for the framework number at `path` (keys from the top of
/// the file), if the table names it.
pub fn framework_number(path: &[&str]) -> Option<Allowed> {
    FRAMEWORK_NUMBERS
        .iter()
        .find(|(pattern, _)| path_ends_with(path, pattern))
        .map(|(_, allowed)| *allowed)
}

/// The range for a plan.json number whose key is `key`.
pub fn plan_number(key: &str) -> Allowed {
    PLAN_NUMBERS
        .iter()
        .find(|(pattern, _)| key_matches(key, pattern))
        .map_or(PLAN_OTHER, |(_, allowed)| *allowed)
}

fn path_ends_with(path: &[&str], pattern: &str) -> bool {
    let keys: Vec<&str> = pattern.split('.').collect();
    path.len() >= keys.len()
        && path[path.len() - keys.len()..]
            .iter()
            .zip(&keys)
            .all(|(key, want)| *want == "*" || key == want)
}

fn key_matches(key: &str, pattern: &str) -> bool {
    if let Some(suffix) = pattern.strip_prefix('*') {
        key.ends_with(suffix)
    } else {
        key == pattern
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn most(pattern: &str) -> f64 {
        FRAMEWORK_NUMBERS
            .iter()
            .find(|(p, _)| *p == pattern)
            .map(|(_, a)| a.max)
            .unwrap()
    }

    fn least(pattern: &str) -> f64 {
        FRAMEWORK_NUMBERS
            .iter()
            .find(|(p, _)| *p == pattern)
            .map(|(_, a)| a.min)
            .unwrap()
    }

    /// The most a plan can cost, in thousands of US dollars, with every
    /// number at the end of its range that makes it dearest.
    fn largest_plan_thousands() -> f64 {
        let ratio = MOST_POPULATION_MILLIONS / least("cost_model.reference_population_millions");
        let one_off = (most("cost.base_usd_millions")
            * ratio.powf(most("cost.population_elasticity"))
            + most("cost.per_priority_sector_usd_millions") * MOST_SECTORS)
            * most("cost_model.income_factors.*")
            * 1000.0;
        let running = one_off * most("cost.running_share") * MOST_HORIZON_YEARS;
        (one_off + running) * MOST_COMPONENTS as f64
    }

    #[test]
    fn the_largest_plan_fits_with_room_to_spare() {
        let largest = largest_plan_thousands();
        assert!(largest <= MOST_PLAN_USD_MILLIONS * 1000.0, "{largest}");
        // Exact as an f64, and a thousand times below what an i64 holds.
        const {
            assert!(MOST_PLAN_USD_MILLIONS * 1000.0 < 9_007_199_254_740_992.0); // 2^53
            assert!(MOST_PLAN_USD_MILLIONS * 1000.0 * 1000.0 < i64::MAX as f64);
            // The budget and the scenarios' envelopes stay below it too.
            assert!(1.0e6 * 1.2 < MOST_PLAN_USD_MILLIONS);
        }
    }

    #[test]
    fn patterns_match_the_end_of_a_path() {
        let path = ["rules", "when", "all", "score_below", "value"];
        assert_eq!(framework_number(&path), Some(SCORE));
        let path = ["cost_model", "income_factors", "HIC"];
        assert_eq!(framework_number(&path).map(|a| a.max), Some(5.0));
        assert_eq!(framework_number(&["framework", "vision"]), None);
        assert_eq!(plan_number("total_cost_usd_millions").min, 0.0);
        assert_eq!(plan_number("start_month").max, 600.0);
        assert_eq!(plan_number("end_year").min, 1990.0);
        assert_eq!(plan_number("cost_per_capita_usd"), PLAN_OTHER);
        assert_eq!(plan_number("max_new_per_year"), PLAN_OTHER);
    }

    #[test]
    fn a_range_says_what_it_allows() {
        assert_eq!(SCORE.expected(), "0 to 5");
        assert_eq!(SDG.expected(), "a whole number from 1 to 17");
        assert!(!SDG.holds(2.5) && SDG.holds(3.0) && !SCORE.holds(f64::NAN));
        assert_eq!(ANY.expected(), "-1000000000 to 1000000000");
    }
}
