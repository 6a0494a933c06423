//! Stage 4: the phases as months of the horizon.
//!
//! The framework gives each phase a share of the horizon; the calendar turns
//! shares into month boundaries once, so the schedule, the spending by phase
//! and the KPI targets all use the same boundaries.

use super::Given;

/// Month boundaries of each phase, in framework order.
pub struct Calendar {
    /// `(start, end)` per phase; `end` is exclusive. The last phase ends
    /// with the horizon, whatever the rounding of the shares.
    pub bounds: Vec<(u32, u32)>,
}

impl Calendar {
    pub fn new(given: &Given) -> Calendar {
        let (framework, months) = (given.framework, given.horizon.months);
        let mut bounds = Vec::new();
        let mut cumulative = 0.0;
        for (i, phase) in framework.phases.iter().enumerate() {
            let start = (cumulative * months as f64).round() as u32;
            cumulative += phase.share;
            let end = if i + 1 == framework.phases.len() {
                months
            } else {
                (cumulative * months as f64).round() as u32
            };
            bounds.push((start, end));
        }
        Calendar { bounds }
    }

    /// The phase a month falls in; months past the end count in the last.
    pub fn phase_of(&self, month: u32) -> usize {
        self.bounds
            .iter()
            .position(|(s, e)| month >= *s && month < *e)
            .unwrap_or(self.bounds.len() - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_phase_ends_with_the_horizon() {
        let (framework, input) = crate::engine::testing::fiji();
        let calendar = Calendar::new(&Given::new(&input, &framework));
        assert_eq!(input.plan.horizon_years, 5);
        assert_eq!(calendar.bounds.first().unwrap().0, 0);
        assert_eq!(calendar.bounds.last().unwrap().1, 60);
        for pair in calendar.bounds.windows(2) {
            assert_eq!(pair[0].1, pair[1].0, "phases leave no gap");
        }
        assert_eq!(calendar.phase_of(0), 0);
        assert_eq!(calendar.phase_of(59), calendar.bounds.len() - 1);
        assert_eq!(calendar.phase_of(99), calendar.bounds.len() - 1);
    }
}
