//! Money as the engine counts it: whole thousands of US dollars, so that
//! every total is the exact sum of its parts and every split adds up.

/// An amount in thousands of US dollars.
pub type Thousands = i64;

/// The most any amount of a plan can be, in thousands: with every number
/// of the framework and the inputs in its range, no plan comes near it
/// (`crate::ranges` works the bound out).
pub const MOST: Thousands = (crate::ranges::MOST_PLAN_USD_MILLIONS * 1000.0) as Thousands;

/// A number of thousands, rounded, as a whole amount. An `as` cast would
/// turn an amount beyond what an `i64` holds into a wrong number without a
/// word; ranges make one impossible, so meeting one is a defect in dgplan,
/// stopped here (an internal error) rather than printed in a plan.
pub fn whole(thousands: f64) -> Thousands {
    let k = thousands.round();
    assert!(
        k.is_finite() && k.abs() <= MOST as f64,
        "an amount of {thousands} thousand US dollars is beyond what a plan can hold"
    );
    k as Thousands
}

/// An amount in USD millions as whole thousands (see [`whole`]).
pub fn from_millions(millions: f64) -> Thousands {
    whole(millions * 1000.0)
}

/// The sum of amounts, checked as [`whole`] checks one.
pub fn total<T: std::borrow::Borrow<Thousands>>(parts: impl IntoIterator<Item = T>) -> Thousands {
    let sum = parts
        .into_iter()
        .try_fold(0 as Thousands, |sum, part| sum.checked_add(*part.borrow()))
        .filter(|sum| sum.abs() <= MOST);
    sum.expect("a total is beyond what a plan can hold")
}

pub fn to_millions(k: Thousands) -> f64 {
    k as f64 / 1000.0
}

/// Round to a fixed number of decimals so JSON shows 0.55, not 0.5500000001.
pub fn round(value: f64, decimals: i32) -> f64 {
    let factor = 10f64.powi(decimals);
    (value * factor).round() / factor
}

/// Splits a whole amount by shares so that the parts add up exactly
/// (largest remainder).
pub fn split_exact(total: Thousands, shares: &[f64]) -> Vec<Thousands> {
    let raw: Vec<f64> = shares.iter().map(|s| s * total as f64).collect();
    let mut parts: Vec<Thousands> = raw.iter().map(|r| whole(r.floor())).collect();
    let mut left = total - self::total(&parts);
    let mut order: Vec<usize> = (0..shares.len()).collect();
    order.sort_by(|&a, &b| {
        (raw[b] - raw[b].floor())
            .total_cmp(&(raw[a] - raw[a].floor()))
            .then(a.cmp(&b))
    });
    for i in order.into_iter().cycle().take(shares.len() * 2) {
        if left <= 0 {
            break;
        }
        if shares[i] > 0.0 {
            parts[i] += 1;
            left -= 1;
        }
    }
    parts
}

/// Spreads `total` evenly over `months` months, in whole thousands; the
/// first months take the remainder, one thousand each.
pub fn spread_evenly(total: Thousands, months: u32) -> impl Iterator<Item = Thousands> {
    let span = months as i64;
    (0..span).map(move |offset| total / span + if offset < total % span { 1 } else { 0 })
}

/// A yearly running cost month by month from go-live: each year of
/// running spreads `per_year` evenly over its twelve months.
pub fn running_by_month(per_year: Thousands, months: u32) -> impl Iterator<Item = Thousands> {
    let year: Vec<Thousands> = spread_evenly(per_year, 12).collect();
    (0..months as usize).map(move |m| year[m % 12])
}

/// The running cost of `months` months from go-live.
pub fn running_over(per_year: Thousands, months: u32) -> Thousands {
    self::total(running_by_month(per_year, months))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_split_adds_up_to_the_whole() {
        let parts = split_exact(1000, &[1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0]);
        assert_eq!(parts.iter().sum::<Thousands>(), 1000);
        assert_eq!(parts, vec![334, 333, 333]);
        assert_eq!(split_exact(10, &[0.5, 0.0, 0.5]), vec![5, 0, 5]);
    }

    #[test]
    fn a_spread_adds_up_and_front_loads_the_remainder() {
        let months: Vec<Thousands> = spread_evenly(10, 4).collect();
        assert_eq!(months, vec![3, 3, 2, 2]);
    }

    #[test]
    fn running_costs_count_whole_years_exactly() {
        assert_eq!(running_over(1200, 24), 2400);
        assert_eq!(running_over(1000, 12), 1000);
        assert_eq!(running_over(1000, 6), 502);
        assert_eq!(running_over(1000, 0), 0);
    }

    #[test]
    fn amounts_beyond_any_plan_stop_instead_of_turning_wrong() {
        assert_eq!(whole(1234.4), 1234);
        assert_eq!(from_millions(1.2345), 1235);
        assert_eq!(total([1, 2, 3]), 6);
        for huge in [1e308, f64::NAN, -1e300] {
            assert!(std::panic::catch_unwind(|| whole(huge)).is_err(), "{huge}");
        }
        assert!(std::panic::catch_unwind(|| total([MOST, 1])).is_err());
        assert!(std::panic::catch_unwind(|| total([i64::MAX, 1])).is_err());
    }

    #[test]
    fn rounding_drops_float_noise() {
        assert_eq!(round(0.550_000_000_1, 2), 0.55);
        assert_eq!(to_millions(1234), 1.234);
    }
}
