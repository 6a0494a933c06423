//! Stage 6: the order in which components claim delivery capacity (and,
//! in the next stage, money), and the board that keeps track of capacity.
//!
//! Components are taken one at a time in order of priority (see
//! [`priority_order`]): essential work and what it needs first, then what
//! unlocks most later work, then what the country prioritised. Each is given
//! the earliest month where its prerequisites have ended, its phase is open,
//! fewer than `max_new_per_year` components have started that year, and the
//! delivery teams at work (each component counts its `effort` while it is
//! built or set up) stay within `max_parallel`. Nothing is ever moved once
//! placed, so later work fills the gaps earlier work left: the schedule
//! never leaves a ready component waiting while capacity is free.
//!
//! It needs the selection, the chosen pace and the phases' months; the
//! funding stage runs the placement with money as a second limit.

use super::Given;
use super::choices::Choices;
use super::phases::Calendar;
use super::selection::Selection;

/// The selected components as tasks, in the selection's order, and the
/// order in which they claim capacity and money.
pub struct Tasks {
    pub tasks: Vec<Task>,
    pub order: Vec<usize>,
    pub capacity: Capacity,
    pub horizon: u32,
}

/// How much delivery work may run at once and start each year.
#[derive(Debug, Clone, Copy)]
pub struct Capacity {
    /// Delivery teams at work at once, in units of effort.
    pub teams: u32,
    /// Components started in one calendar year of the plan.
    pub new_per_year: u32,
}

/// The selected components as tasks, at the chosen pace.
pub fn tasks(
    given: &Given,
    selection: &Selection,
    choices: &Choices,
    calendar: &Calendar,
) -> Tasks {
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
    Tasks {
        order: priority_order(&tasks),
        tasks,
        capacity: Capacity {
            teams: pacing.max_parallel,
            new_per_year: pacing.max_new_per_year,
        },
        horizon: given.horizon.months,
    }
}

/// One component to place.
#[derive(Debug, Clone)]
pub struct Task {
    pub duration: u32,
    /// Share of a delivery team it takes while it is built or set up (0 to 1).
    pub effort: f64,
    /// Indices of tasks that must end first.
    pub requires: Vec<usize>,
    /// Earliest month it may start.
    pub not_before: u32,
    /// The country named it among its priorities.
    pub prioritised: bool,
    /// 0 the plan rests on it, 1 essential .. 3 can wait.
    pub tier: u8,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Placement {
    /// Funded: starts at `start`, ends before `end`; `ready_from` is when
    /// its prerequisites and phase allowed it to start, so
    /// `start - ready_from` is the time it waited for capacity.
    Scheduled {
        ready_from: u32,
        start: u32,
        end: u32,
    },
    /// The money ran out before it: where it would run if funded after the
    /// funded programme, if it fits in the horizon then.
    NotFunded { would_run: Option<(u32, u32)> },
    /// Ready (prerequisites done, phase open) from `ready_from`, first
    /// capacity at `earliest_start`, but would then end after the horizon.
    DoesNotFit {
        ready_from: u32,
        earliest_start: u32,
    },
    /// A prerequisite (index) is not in the programme.
    BlockedBy(usize),
}

impl Placement {
    pub fn span(&self) -> Option<(u32, u32)> {
        match self {
            Placement::Scheduled { start, end, .. } => Some((*start, *end)),
            _ => None,
        }
    }
}

/// Delivery capacity in use, month by month, and starts by year.
#[derive(Debug, Clone)]
pub struct Board {
    capacity: Capacity,
    horizon: u32,
    usage: Vec<f64>,
    starts_in_year: Vec<u32>,
}

/// Where a task may go on the board.
pub enum Slot {
    /// It can start at `start`.
    Free { ready_from: u32, start: u32 },
    /// Its first free start is `earliest_start`, but it would end after the horizon.
    TooLate {
        ready_from: u32,
        earliest_start: u32,
    },
}

impl Board {
    pub fn new(capacity: Capacity, horizon: u32) -> Self {
        Board {
            capacity,
            horizon,
            usage: vec![0.0; horizon as usize],
            starts_in_year: vec![0; horizon.div_ceil(12) as usize],
        }
    }

    /// The earliest start from `ready_from` with capacity free for the whole
    /// duration and room among the year's starts.
    pub fn slot(&self, task: &Task, ready_from: u32) -> Slot {
        // Tolerance so that two halves make a whole.
        let teams = self.capacity.teams as f64 + 1e-9;
        let mut start = ready_from;
        loop {
            let end = start + task.duration;
            if end > self.horizon {
                return Slot::TooLate {
                    ready_from,
                    earliest_start: start,
                };
            }
            let year = (start / 12) as usize;
            if self.starts_in_year[year] >= self.capacity.new_per_year {
                start = (year as u32 + 1) * 12;
                continue;
            }
            match (start..end).find(|&m| self.usage[m as usize] + task.effort > teams) {
                // Full in month m: the earliest possible start is after it.
                Some(m) => start = m + 1,
                None => return Slot::Free { ready_from, start },
            }
        }
    }

    pub fn occupy(&mut self, task: &Task, start: u32) {
        for m in start..start + task.duration {
            self.usage[m as usize] += task.effort;
        }
        self.starts_in_year[(start / 12) as usize] += 1;
    }
}

/// Places every task in `order`: each at its earliest free slot on a new
/// board, if `admit(task, end)` agrees (the funding stage asks whether the
/// money reaches it); a task it refuses is `NotFunded`. Returns the
/// placements, in task order, and the board they fill.
pub fn place_in_order(
    tasks: &[Task],
    order: &[usize],
    capacity: Capacity,
    horizon: u32,
    mut admit: impl FnMut(usize, u32) -> bool,
) -> (Vec<Option<Placement>>, Board) {
    let mut board = Board::new(capacity, horizon);
    let mut placed: Vec<Option<Placement>> = vec![None; tasks.len()];
    for &i in order {
        let task = &tasks[i];
        placed[i] = Some(match blocker(task, &placed) {
            Some(b) => Placement::BlockedBy(b),
            None => match board.slot(task, ready_from(task, &placed)) {
                Slot::TooLate {
                    ready_from,
                    earliest_start,
                } => Placement::DoesNotFit {
                    ready_from,
                    earliest_start,
                },
                Slot::Free { ready_from, start } => {
                    let end = start + task.duration;
                    if admit(i, end) {
                        board.occupy(task, start);
                        Placement::Scheduled {
                            ready_from,
                            start,
                            end,
                        }
                    } else {
                        Placement::NotFunded { would_run: None }
                    }
                }
            },
        });
    }
    (placed, board)
}

/// The first prerequisite that is not scheduled.
fn blocker(task: &Task, placed: &[Option<Placement>]) -> Option<usize> {
    task.requires
        .iter()
        .copied()
        .find(|&r| placed[r].as_ref().and_then(Placement::span).is_none())
}

/// When a task's prerequisites (all scheduled) and phase let it start.
pub fn ready_from(task: &Task, placements: &[Option<Placement>]) -> u32 {
    task.requires
        .iter()
        .filter_map(|&r| placements[r].as_ref().and_then(Placement::span))
        .map(|(_, end)| end)
        .max()
        .unwrap_or(0)
        .max(task.not_before)
}

/// The order in which tasks claim capacity and money: what the plan rests
/// on first (tier 0), then essential work (tier 1, and what a rule
/// prioritises for this country; a prerequisite
/// counts as essential as the most essential work that needs it), and within
/// a tier what is prioritised, then what unlocks most later work, then the
/// longest chain of work behind it, then catalogue order. A task always comes after its
/// prerequisites.
pub fn priority_order(tasks: &[Task]) -> Vec<usize> {
    let n = tasks.len();
    let dependants = dependants(tasks);
    let downstream: Vec<Vec<bool>> = (0..n).map(|i| reachable(i, &dependants)).collect();
    // A component a rule prioritises for this country counts as essential.
    let own_tier = |t: &Task| if t.prioritised { t.tier.min(1) } else { t.tier };
    let tier = |i: usize| -> u8 {
        (0..n)
            .filter(|&d| downstream[i][d])
            .map(|d| own_tier(&tasks[d]))
            .chain([own_tier(&tasks[i])])
            .min()
            .unwrap_or(tasks[i].tier)
    };
    let prioritised = |i: usize| (0..n).any(|d| downstream[i][d] && tasks[d].prioritised);
    let unlocks = |i: usize| downstream[i].iter().filter(|&&b| b).count();
    let tail = remaining_work(tasks);
    let key = |i: usize| {
        (
            tier(i),
            std::cmp::Reverse(tasks[i].prioritised || prioritised(i)),
            std::cmp::Reverse(unlocks(i)),
            std::cmp::Reverse(tail[i]),
            i,
        )
    };
    let keys: Vec<_> = (0..n).map(key).collect();
    let mut taken = vec![false; n];
    let mut order = Vec::with_capacity(n);
    while let Some(i) = (0..n)
        .filter(|&i| !taken[i])
        .filter(|&i| tasks[i].requires.iter().all(|&r| taken[r]))
        .min_by_key(|&i| keys[i])
    {
        taken[i] = true;
        order.push(i);
    }
    // A cycle (the framework is checked for them) would leave tasks out;
    // append them so that every task is decided.
    order.extend((0..n).filter(|&i| !taken[i]));
    order
}

/// Which tasks depend on `from`, directly or through others.
fn reachable(from: usize, dependants: &[Vec<usize>]) -> Vec<bool> {
    let mut seen = vec![false; dependants.len()];
    let mut stack = dependants[from].clone();
    while let Some(d) = stack.pop() {
        if !seen[d] {
            seen[d] = true;
            stack.extend(dependants[d].iter().copied());
        }
    }
    seen
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

    /// Places every task in priority order, without money.
    fn place_tasks(tasks: &[Task], teams: u32, horizon: u32) -> Vec<Placement> {
        let capacity = Capacity {
            teams,
            new_per_year: 100,
        };
        place_with(tasks, capacity, horizon)
    }

    fn place_with(tasks: &[Task], capacity: Capacity, horizon: u32) -> Vec<Placement> {
        let order = priority_order(tasks);
        let (placed, _) = place_in_order(tasks, &order, capacity, horizon, |_, _| true);
        placed.into_iter().map(Option::unwrap).collect()
    }

    #[test]
    fn no_more_than_the_yearly_number_of_components_start_in_a_year() {
        let tasks: Vec<Task> = (0..5).map(|_| task(3, &[])).collect();
        let capacity = Capacity {
            teams: 10,
            new_per_year: 2,
        };
        let starts: Vec<u32> = place_with(&tasks, capacity, 60)
            .iter()
            .map(|p| span(p).0)
            .collect();
        assert_eq!(starts, vec![0, 0, 12, 12, 24]);
    }

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
    fn among_equals_the_countrys_priorities_go_first() {
        let mut urgent = task(3, &[]);
        urgent.prioritised = true;
        let tasks = vec![task(30, &[]), urgent];
        let placed = place_tasks(&tasks, 1, 60);
        assert_eq!(span(&placed[1]), (0, 3));
        assert_eq!(span(&placed[0]), (3, 33));
    }

    #[test]
    fn what_the_plan_rests_on_goes_before_prioritised_work_that_unlocks_more() {
        let mut first = task(4, &[]);
        first.tier = 0;
        let mut unlocking = task(6, &[]);
        unlocking.tier = 1;
        unlocking.prioritised = true;
        let mut follower = task(6, &[1]);
        follower.prioritised = true;
        let tasks = vec![first, unlocking, follower];
        assert_eq!(priority_order(&tasks)[0], 0);
    }

    #[test]
    fn prerequisites_come_before_what_needs_them_in_the_order() {
        let tasks = vec![task(6, &[2]), task(6, &[]), task(6, &[1])];
        assert_eq!(priority_order(&tasks), vec![1, 2, 0]);
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
        let tasks = tasks(&given, &selection, &choices, &calendar);
        assert_eq!(&*choices.pacing.id, "cautious");
        assert!(choices.pacing.duration_factor > 1.0);
        assert_eq!(tasks.capacity.teams, choices.pacing.max_parallel);
        assert_eq!(tasks.capacity.new_per_year, choices.pacing.max_new_per_year);
        for (c, task) in selection.components.iter().zip(&tasks.tasks) {
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
        let mut order = tasks.order.clone();
        order.sort();
        assert_eq!(order, (0..selection.components.len()).collect::<Vec<_>>());
    }
}
