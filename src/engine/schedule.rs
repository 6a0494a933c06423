//! Stage 5: sequencing the selected components into the horizon.
//!
//! Components are placed one at a time, the one that must start soonest
//! first (see [`latest_starts`]: urgency and the chain of work behind each
//! component both count), each at the earliest month where its
//! prerequisites have ended and the efforts of the components running add
//! up to no more than `max_parallel`. A component never starts before its
//! prerequisites end or before its earliest phase; what cannot end inside
//! the horizon is deferred, and so is everything that requires it.
//!
//! It needs the selection, the chosen pace and the phases' months; the
//! components' list and their spending by month are built from where it
//! placed each one.

use super::Given;
use super::choices::Choices;
use super::phases::Calendar;
use super::selection::Selection;

/// The selected components as tasks, and where each was placed; both in
/// the selection's order.
pub struct Schedule {
    pub tasks: Vec<Task>,
    pub placements: Vec<Placement>,
}

/// Places the selected components at the chosen pace.
pub fn place(
    given: &Given,
    selection: &Selection,
    choices: &Choices,
    calendar: &Calendar,
) -> Schedule {
    let (framework, pacing) = (given.framework, choices.pacing);
    let tasks: Vec<Task> = selection
        .components
        .iter()
        .map(|c| Task {
            duration: ((c.duration_months as f64 * pacing.duration_factor).ceil() as u32).max(1),
            effort: c.effort,
            requires: c
                .requires
                .iter()
                .filter_map(|r| selection.position.get(r.name.as_str()).copied())
                .collect(),
            not_before: c
                .earliest_phase
                .as_ref()
                .and_then(|p| framework.phases.iter().position(|ph| ph.id.name == p.name))
                .map_or(0, |i| calendar.bounds[i].0),
            prioritised: selection.prioritised.contains(&c.id.name),
            tier: c.tier,
        })
        .collect();
    let placements = place_tasks(&tasks, pacing.max_parallel, given.horizon.months);
    Schedule { tasks, placements }
}

/// One component to place.
#[derive(Debug, Clone)]
pub struct Task {
    pub duration: u32,
    /// Share of a delivery team it takes while running (0 to 1).
    pub effort: f64,
    /// Indices of tasks that must end first.
    pub requires: Vec<usize>,
    /// Earliest month it may start.
    pub not_before: u32,
    /// Placed before all unprioritised tasks.
    pub prioritised: bool,
    /// 1 essential .. 3 can wait; lower tiers claim capacity first.
    pub tier: u8,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Placement {
    /// Starts at `start`, ends before `end`; `ready_from` is when its
    /// prerequisites and phase allowed it to start, so `start - ready_from`
    /// is the time it waited for capacity.
    Scheduled {
        ready_from: u32,
        start: u32,
        end: u32,
    },
    /// Ready (prerequisites done, phase open) from `ready_from`, first
    /// capacity at `earliest_start`, but would then end after the horizon.
    DoesNotFit {
        ready_from: u32,
        earliest_start: u32,
    },
    /// A prerequisite (index) is deferred.
    BlockedBy(usize),
}

pub fn place_tasks(tasks: &[Task], max_parallel: u32, horizon: u32) -> Vec<Placement> {
    let n = tasks.len();
    let tail = remaining_work(tasks);
    let latest = latest_starts(tasks, horizon);
    let capacity = max_parallel as f64 + 1e-9; // tolerance so that two halves make a whole
    // Effort in use per month, for the horizon and a margin beyond it.
    let mut usage: Vec<f64> = Vec::new();
    let mut placement: Vec<Option<Placement>> = vec![None; n];
    // Serial scheduling: take tasks one at a time, most urgent first among
    // those whose prerequisites are placed, and give each the earliest start
    // where prerequisites are done and capacity is free for its whole duration.
    // Later, less urgent tasks fill the gaps left by earlier ones.
    while let Some(i) = (0..n)
        .filter(|&i| placement[i].is_none())
        .filter(|&i| tasks[i].requires.iter().all(|&r| placement[r].is_some()))
        .min_by_key(|&i| (latest[i], std::cmp::Reverse(tail[i]), i))
    {
        let task = &tasks[i];
        if let Some(&blocker) = task
            .requires
            .iter()
            .find(|&&r| !matches!(placement[r], Some(Placement::Scheduled { .. })))
        {
            placement[i] = Some(Placement::BlockedBy(blocker));
            continue;
        }
        let ready_from = task
            .requires
            .iter()
            .map(|&r| match placement[r] {
                Some(Placement::Scheduled { end, .. }) => end,
                _ => 0,
            })
            .max()
            .unwrap_or(0)
            .max(task.not_before);
        let mut start = ready_from;
        loop {
            let end = start + task.duration;
            if end > horizon {
                placement[i] = Some(Placement::DoesNotFit {
                    ready_from,
                    earliest_start: start,
                });
                break;
            }
            if usage.len() < end as usize {
                usage.resize(end as usize, 0.0);
            }
            match (start..end).find(|&m| usage[m as usize] + task.effort > capacity) {
                // Full in month m: the earliest possible start is after it.
                Some(m) => start = m + 1,
                None => {
                    for m in start..end {
                        usage[m as usize] += task.effort;
                    }
                    placement[i] = Some(Placement::Scheduled {
                        ready_from,
                        start,
                        end,
                    });
                    break;
                }
            }
        }
    }
    placement
        .into_iter()
        .map(|p| p.expect("the framework has no dependency cycle, so every task is placed"))
        .collect()
}

/// The latest month each task may start for everything that needs it to
/// meet its deadline. A task's own deadline expresses its urgency:
/// prioritised work should end within the first two fifths of the horizon,
/// essential (tier 1) work inside the horizon, important (tier 2) work may
/// slip a year past it, and what can wait (tier 3) three years. Sorting by
/// this latest start puts the critical path of urgent work first.
fn latest_starts(tasks: &[Task], horizon: u32) -> Vec<i64> {
    let n = tasks.len();
    let dependants = dependants(tasks);
    let deadline = |t: &Task| -> i64 {
        let h = horizon as i64;
        if t.prioritised {
            (t.duration as i64).max(h * 2 / 5)
        } else {
            h + match t.tier {
                1 => 0,
                2 => 12,
                _ => 36,
            }
        }
    };
    let mut memo: Vec<Option<i64>> = vec![None; n];
    fn walk(
        i: usize,
        tasks: &[Task],
        dependants: &[Vec<usize>],
        deadline: &dyn Fn(&Task) -> i64,
        memo: &mut [Option<i64>],
        depth: usize,
    ) -> i64 {
        if let Some(v) = memo[i] {
            return v;
        }
        let mut finish_by = deadline(&tasks[i]);
        // Depth bound: the framework is checked for cycles, this only guards the recursion.
        if depth <= tasks.len() {
            for &d in &dependants[i] {
                finish_by = finish_by.min(walk(d, tasks, dependants, deadline, memo, depth + 1));
            }
        }
        let start_by = finish_by - tasks[i].duration as i64;
        memo[i] = Some(start_by);
        start_by
    }
    (0..n)
        .map(|i| walk(i, tasks, &dependants, &deadline, &mut memo, 0))
        .collect()
}

/// For each task, the tasks that require it.
fn dependants(tasks: &[Task]) -> Vec<Vec<usize>> {
    let mut dependants: Vec<Vec<usize>> = vec![Vec::new(); tasks.len()];
    for (i, task) in tasks.iter().enumerate() {
        for &r in &task.requires {
            dependants[r].push(i);
        }
    }
    dependants
}

/// Longest chain of work from each task to the end of the plan, itself included.
fn remaining_work(tasks: &[Task]) -> Vec<u32> {
    let n = tasks.len();
    let dependants = dependants(tasks);
    let mut memo: Vec<Option<u32>> = vec![None; n];
    fn walk(
        i: usize,
        tasks: &[Task],
        dependants: &[Vec<usize>],
        memo: &mut [Option<u32>],
        depth: usize,
    ) -> u32 {
        if let Some(v) = memo[i] {
            return v;
        }
        // Depth bound: the framework is checked for cycles, this only guards the recursion.
        let after = if depth > tasks.len() {
            0
        } else {
            dependants[i]
                .iter()
                .map(|&d| walk(d, tasks, dependants, memo, depth + 1))
                .max()
                .unwrap_or(0)
        };
        let total = tasks[i].duration + after;
        memo[i] = Some(total);
        total
    }
    (0..n)
        .map(|i| walk(i, tasks, &dependants, &mut memo, 0))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(placement: &Placement) -> (u32, u32) {
        match placement {
            Placement::Scheduled { start, end, .. } => (*start, *end),
            other => panic!("not scheduled: {other:?}"),
        }
    }

    #[test]
    fn the_wait_for_capacity_is_recorded() {
        let tasks = vec![task(10, &[]), task(10, &[]), task(4, &[])];
        let placed = place_tasks(&tasks, 2, 60);
        assert!(placed.contains(&Placement::Scheduled {
            ready_from: 0,
            start: 10,
            end: 14
        }));
    }

    fn task(duration: u32, requires: &[usize]) -> Task {
        Task {
            duration,
            effort: 1.0,
            requires: requires.to_vec(),
            not_before: 0,
            prioritised: false,
            tier: 2,
        }
    }

    #[test]
    fn prerequisites_end_before_dependants_start() {
        let tasks = vec![task(6, &[]), task(12, &[0]), task(6, &[0, 1])];
        let placed = place_tasks(&tasks, 5, 60);
        assert_eq!(span(&placed[0]), (0, 6));
        assert_eq!(span(&placed[1]), (6, 18));
        assert_eq!(span(&placed[2]), (18, 24));
    }

    #[test]
    fn parallel_limit_is_respected() {
        let tasks = vec![task(10, &[]), task(10, &[]), task(10, &[])];
        let placed = place_tasks(&tasks, 2, 60);
        let starts: Vec<u32> = placed
            .iter()
            .map(|p| match p {
                Placement::Scheduled { start, .. } => *start,
                _ => panic!("{p:?}"),
            })
            .collect();
        assert_eq!(starts, vec![0, 0, 10]);
    }

    #[test]
    fn what_does_not_fit_is_deferred_with_its_dependants() {
        let tasks = vec![task(50, &[]), task(20, &[0]), task(5, &[1])];
        let placed = place_tasks(&tasks, 3, 60);
        assert_eq!(
            placed[1],
            Placement::DoesNotFit {
                ready_from: 50,
                earliest_start: 50
            }
        );
        assert_eq!(placed[2], Placement::BlockedBy(1));
    }

    #[test]
    fn light_tasks_share_a_place() {
        let mut half = task(10, &[]);
        half.effort = 0.5;
        let tasks = vec![half.clone(), half, task(10, &[])];
        let placed = place_tasks(&tasks, 1, 60);
        assert_eq!(span(&placed[0]), (0, 10));
        assert_eq!(span(&placed[1]), (0, 10));
        assert_eq!(span(&placed[2]), (10, 20));
    }

    #[test]
    fn essential_work_and_its_prerequisites_claim_capacity_first() {
        let mut essential = task(10, &[1]);
        essential.tier = 1;
        let can_wait = {
            let mut t = task(30, &[]);
            t.tier = 3;
            t
        };
        // Task 1 is tier 2 itself but a prerequisite of essential work.
        let tasks = vec![essential, task(5, &[]), can_wait];
        let placed = place_tasks(&tasks, 1, 60);
        assert_eq!(span(&placed[1]), (0, 5));
        assert_eq!(span(&placed[0]), (5, 15));
        assert_eq!(span(&placed[2]), (15, 45));
    }

    #[test]
    fn earliest_phase_delays_the_start() {
        let mut late = task(6, &[]);
        late.not_before = 24;
        let placed = place_tasks(&[late], 3, 60);
        assert_eq!(span(&placed[0]), (24, 30));
    }

    #[test]
    fn prioritised_tasks_take_the_first_slots() {
        let mut urgent = task(3, &[]);
        urgent.prioritised = true;
        let tasks = vec![task(30, &[]), urgent];
        let placed = place_tasks(&tasks, 1, 60);
        assert_eq!(span(&placed[1]), (0, 3));
        assert_eq!(span(&placed[0]), (3, 33));
    }
}

#[cfg(test)]
mod place_tests {
    use super::*;
    use crate::engine::{Given, choices, rules, selection, testing};

    #[test]
    fn tasks_run_at_the_chosen_pace_and_wait_for_their_phase() {
        let (framework, input) = testing::lao();
        let given = Given::new(&input, &framework);
        let filler = testing::filler(&given);
        let outcomes = rules::evaluate(&given);
        let selection = selection::select(&given, &outcomes, &filler);
        let choices = choices::choose(&given, &outcomes);
        let calendar = Calendar::new(&given);
        let schedule = place(&given, &selection, &choices, &calendar);
        assert_eq!(&*choices.pacing.id, "cautious");
        assert!(choices.pacing.duration_factor > 1.0);
        for (c, task) in selection.components.iter().zip(&schedule.tasks) {
            let stretched = (c.duration_months as f64 * choices.pacing.duration_factor).ceil();
            assert_eq!(task.duration, stretched as u32, "{}", c.id.name);
            if let Some(phase) = &c.earliest_phase {
                let i = framework
                    .phases
                    .iter()
                    .position(|p| p.id.name == phase.name);
                assert_eq!(task.not_before, calendar.bounds[i.unwrap()].0);
            }
        }
        assert_eq!(schedule.placements.len(), selection.components.len());
    }
}
