//! Sequencing components into the horizon.
//!
//! List scheduling: at each moment, start the ready components with the most
//! work still behind them first (prioritised ones before all others), as long
//! as fewer than `max_parallel` are running. A component never starts before
//! its prerequisites end or before its earliest phase; what cannot end inside
//! the horizon is deferred, and so is everything that requires it.

/// One component to place.
#[derive(Debug, Clone)]
pub struct Task {
    pub duration: u32,
    /// Indices of tasks that must end first.
    pub requires: Vec<usize>,
    /// Earliest month it may start.
    pub not_before: u32,
    pub prioritised: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Placement {
    Scheduled {
        start: u32,
        end: u32,
    },
    /// Could start at `earliest_start` but would end after the horizon.
    DoesNotFit {
        earliest_start: u32,
    },
    /// A prerequisite (index) is deferred.
    BlockedBy(usize),
}

pub fn schedule(tasks: &[Task], max_parallel: u32, horizon: u32) -> Vec<Placement> {
    let n = tasks.len();
    let tail = remaining_work(tasks);
    let mut placement: Vec<Option<Placement>> = vec![None; n];
    let mut running: Vec<u32> = Vec::new(); // end months
    let mut t = 0u32;
    loop {
        running.retain(|end| *end > t);
        // Anything waiting on a deferred prerequisite is deferred too.
        let mut changed = true;
        while changed {
            changed = false;
            for i in 0..n {
                if placement[i].is_some() {
                    continue;
                }
                if let Some(&blocker) = tasks[i].requires.iter().find(|&&r| {
                    matches!(
                        placement[r],
                        Some(Placement::DoesNotFit { .. } | Placement::BlockedBy(_))
                    )
                }) {
                    placement[i] = Some(Placement::BlockedBy(blocker));
                    changed = true;
                }
            }
        }
        let mut ready: Vec<usize> = (0..n)
            .filter(|&i| placement[i].is_none() && tasks[i].not_before <= t)
            .filter(|&i| {
                tasks[i].requires.iter().all(
                    |&r| matches!(placement[r], Some(Placement::Scheduled { end, .. }) if end <= t),
                )
            })
            .collect();
        ready.sort_by_key(|&i| (!tasks[i].prioritised, std::cmp::Reverse(tail[i]), i));
        let mut deferred_now = false;
        for i in ready {
            if running.len() as u32 >= max_parallel {
                break;
            }
            let end = t + tasks[i].duration;
            if end > horizon {
                placement[i] = Some(Placement::DoesNotFit { earliest_start: t });
                deferred_now = true;
                continue;
            }
            placement[i] = Some(Placement::Scheduled { start: t, end });
            running.push(end);
        }
        if placement.iter().all(Option::is_some) {
            break;
        }
        if deferred_now {
            // Defer its dependants before time moves on.
            continue;
        }
        // Next moment something can change: a running task ends, or a waiting
        // task's earliest phase opens.
        let next_end = running.iter().copied().filter(|e| *e > t).min();
        let next_opening = (0..n)
            .filter(|&i| placement[i].is_none() && tasks[i].not_before > t)
            .map(|i| tasks[i].not_before)
            .min();
        let next = match (next_end, next_opening) {
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => {
                // Nothing runs and nothing opens: what is left can never start.
                for (i, p) in placement.iter_mut().enumerate() {
                    if p.is_none() {
                        *p = Some(Placement::DoesNotFit {
                            earliest_start: t.max(tasks[i].not_before),
                        });
                    }
                }
                break;
            }
        };
        t = next;
    }
    placement
        .into_iter()
        .map(|p| p.expect("every task placed"))
        .collect()
}

/// Longest chain of work from each task to the end of the plan, itself included.
fn remaining_work(tasks: &[Task]) -> Vec<u32> {
    let n = tasks.len();
    let mut dependants: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, task) in tasks.iter().enumerate() {
        for &r in &task.requires {
            dependants[r].push(i);
        }
    }
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

    fn task(duration: u32, requires: &[usize]) -> Task {
        Task {
            duration,
            requires: requires.to_vec(),
            not_before: 0,
            prioritised: false,
        }
    }

    #[test]
    fn prerequisites_end_before_dependants_start() {
        let tasks = vec![task(6, &[]), task(12, &[0]), task(6, &[0, 1])];
        let placed = schedule(&tasks, 5, 60);
        assert_eq!(placed[0], Placement::Scheduled { start: 0, end: 6 });
        assert_eq!(placed[1], Placement::Scheduled { start: 6, end: 18 });
        assert_eq!(placed[2], Placement::Scheduled { start: 18, end: 24 });
    }

    #[test]
    fn parallel_limit_is_respected() {
        let tasks = vec![task(10, &[]), task(10, &[]), task(10, &[])];
        let placed = schedule(&tasks, 2, 60);
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
        let placed = schedule(&tasks, 3, 60);
        assert_eq!(placed[1], Placement::DoesNotFit { earliest_start: 50 });
        assert_eq!(placed[2], Placement::BlockedBy(1));
    }

    #[test]
    fn earliest_phase_delays_the_start() {
        let mut late = task(6, &[]);
        late.not_before = 24;
        let placed = schedule(&[late], 3, 60);
        assert_eq!(placed[0], Placement::Scheduled { start: 24, end: 30 });
    }

    #[test]
    fn prioritised_tasks_take_the_first_slots() {
        let mut urgent = task(3, &[]);
        urgent.prioritised = true;
        let tasks = vec![task(30, &[]), urgent];
        let placed = schedule(&tasks, 1, 60);
        assert_eq!(placed[1], Placement::Scheduled { start: 0, end: 3 });
        assert_eq!(placed[0], Placement::Scheduled { start: 3, end: 33 });
    }
}
