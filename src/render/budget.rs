//! The budget under which user templates (`--templates DIR`) render.
//!
//! A template is a small program: a loop, a growing text or a deep nesting
//! could take all the memory, time or stack of the machine. User templates
//! are therefore parsed and rendered on a thread of their own with a deep
//! stack, while the calling thread watches the clock and the memory that
//! thread holds. The built-in templates are trusted and render as before.
//!
//! The memory is counted by [`Counting`], the binary's global allocator: it
//! counts only on threads that carry a meter (the render threads), so
//! every other allocation pays one thread-local read. When a render thread
//! would pass its budget, the allocation is not made: the thread waits, and
//! the watching thread reports the template and ends the process (a thread
//! cannot be cancelled; nothing has been written for the plan being
//! rendered, since files are written only after everything is rendered).

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use tera::Value;

/// Most numbers `range` may give: a plan has tens of components, not
/// hundreds of thousands.
pub const MAX_RANGE_ITEMS: usize = 100_000;
/// Most levels of `{% if %}`, `{% for %}`, `{% macro %}`, `{% filter %}`
/// and `{% block %}` inside one another, and of brackets in an expression.
pub const MAX_NESTING: usize = 100;
/// Largest document a template may produce (the built-in master plan is
/// about 60 KiB).
pub const MAX_OUTPUT_BYTES: usize = 8 * 1024 * 1024;
/// Most memory one document's rendering may hold.
pub const MAX_RENDER_BYTES: isize = 256 * 1024 * 1024;
/// Longest one document's rendering may take.
pub const MAX_RENDER_TIME: Duration = Duration::from_secs(10);
/// Stack of the threads that parse and render user templates: tera and its
/// parser recurse once per level of nesting.
pub const STACK_BYTES: usize = 64 * 1024 * 1024;

/// The memory a render thread holds. Only that thread counts, so the count
/// is a plain number; the watching thread reads only `breached`.
#[derive(Clone, Copy)]
struct Meter {
    live: isize,
    /// Null on threads that are not metered.
    breached: *const AtomicBool,
}

thread_local! {
    static METER: Cell<Meter> = const {
        Cell::new(Meter {
            live: 0,
            breached: std::ptr::null(),
        })
    };
}

/// The global allocator of the `dgplan` binary: the system's, counting the
/// bytes of metered threads.
pub struct Counting;

impl Counting {
    /// Counts `bytes` more (or fewer) for the current thread's meter; false
    /// when that would pass the budget, and then nothing is counted.
    fn count(bytes: isize) -> bool {
        let Ok(mut meter) = METER.try_with(Cell::get) else {
            return true;
        };
        if meter.breached.is_null() {
            return true;
        }
        // Freeing what another thread allocated must not raise the budget.
        let now = meter.live.saturating_add(bytes).max(0);
        if bytes > 0 && now > MAX_RENDER_BYTES {
            // SAFETY: the flag outlives the time it is set on its thread (see `metered`).
            unsafe { &*meter.breached }.store(true, Ordering::SeqCst);
            return false;
        }
        meter.live = now;
        let _ = METER.try_with(|m| m.set(meter));
        true
    }

    /// The render thread passed its budget: it waits here, holding no more
    /// memory, until the watching thread ends the process.
    fn wait_forever() -> ! {
        loop {
            std::thread::sleep(Duration::from_secs(1));
        }
    }
}

/// Whether the current thread renders under a budget (a user template's
/// document): its work must then stay on it, where the meter sees it.
pub fn is_metered() -> bool {
    METER
        .try_with(|meter| !meter.get().breached.is_null())
        .unwrap_or(false)
}

fn signed(bytes: usize) -> isize {
    isize::try_from(bytes).unwrap_or(isize::MAX)
}

// SAFETY: every call is passed to `System` unchanged; counting allocates nothing.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if !Self::count(signed(layout.size())) {
            Self::wait_forever();
        }
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if !Self::count(signed(layout.size())) {
            Self::wait_forever();
        }
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        Self::count(-signed(layout.size()));
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if !Self::count(signed(new_size) - signed(layout.size())) {
            Self::wait_forever();
        }
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// Runs `work` counting the current thread's allocations; `breached` is
/// set when they would pass [`MAX_RENDER_BYTES`].
fn metered<T>(breached: &AtomicBool, work: impl FnOnce() -> T) -> T {
    let meter = |breached| Meter { live: 0, breached };
    METER.with(|m| m.set(meter(breached)));
    let result = work();
    METER.with(|m| m.set(meter(std::ptr::null())));
    result
}

/// Which limit a rendering passed.
#[derive(Debug, PartialEq)]
pub enum Breach {
    Memory,
    Time,
}

/// Runs `work` on a thread with a deep stack, under the memory and time
/// budget. On a breach the work is left waiting or running and `stop` is
/// called at once: it must end the process (it cannot return).
pub fn run<T: Send>(work: impl FnOnce() -> T + Send, stop: impl FnOnce(Breach) -> Infallible) -> T {
    let breached = AtomicBool::new(false);
    let (send, receive) = std::sync::mpsc::channel();
    let started = Instant::now();
    // The work writes in the language of the calling thread.
    let language = crate::language::current();
    std::thread::scope(|scope| {
        let breached = &breached;
        let worker = std::thread::Builder::new()
            .name("template".to_string())
            .stack_size(STACK_BYTES)
            .spawn_scoped(scope, move || {
                let _language = crate::language::speaking(language);
                let result = metered(breached, work);
                let _ = send.send(result);
            })
            .expect("a thread starts");
        loop {
            match receive.recv_timeout(Duration::from_millis(5)) {
                Ok(result) => return result,
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                    // The work panicked: pass the panic on.
                    match worker.join() {
                        Err(panic) => std::panic::resume_unwind(panic),
                        Ok(()) => unreachable!("the worker sends before it ends"),
                    }
                }
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
            }
            if breached.load(Ordering::SeqCst) {
                match stop(Breach::Memory) {}
            }
            if started.elapsed() > MAX_RENDER_TIME {
                match stop(Breach::Time) {}
            }
        }
    })
}

/// tera's `range`, refusing to build more than [`MAX_RANGE_ITEMS`] numbers
/// (tera's own builds them all first, whatever their count).
pub fn range(args: &HashMap<String, Value>) -> tera::Result<Value> {
    let number = |name: &str, default: Option<u64>| -> tera::Result<u64> {
        match (args.get(name), default) {
            (Some(value), _) => value.as_u64().ok_or_else(|| {
                tera::Error::msg(format!(
                    "`range` received {name}={value}, but {name} must be a whole number, 0 or more"
                ))
            }),
            (None, Some(default)) => Ok(default),
            (None, None) => Err(tera::Error::msg(format!(
                "`range` was called without `{name}`"
            ))),
        }
    };
    let start = number("start", Some(0))?;
    let end = number("end", None)?;
    let step = number("step_by", Some(1))?;
    if step == 0 {
        return Err(tera::Error::msg("`range` needs a step_by of 1 or more"));
    }
    if start > end {
        return Err(tera::Error::msg(format!(
            "`range` was called with start={start} greater than end={end}"
        )));
    }
    let count = (end - start).div_ceil(step);
    if count > MAX_RANGE_ITEMS as u64 {
        return Err(tera::Error::msg(format!(
            "`range` would count {count} numbers, more than the {MAX_RANGE_ITEMS} a template may loop over"
        )));
    }
    Ok(Value::from(
        (start..end).step_by(step as usize).collect::<Vec<u64>>(),
    ))
}

/// Lets glibc's allocator grow its heaps 32 MiB at a time rather than a
/// page at a time. A plan's documents allocate and free a great deal in
/// several threads; with the default, one country's run asked the kernel
/// to extend a heap about 2,000 times (measured with strace) and took 159
/// ms; with this, 143 ms (perf stat, 15 runs). Memory that is reserved but
/// never touched costs nothing. Other C libraries are left as they are.
pub fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        unsafe extern "C" {
            fn mallopt(param: i32, value: i32) -> i32;
        }
        /// glibc's `M_TOP_PAD`.
        const M_TOP_PAD: i32 = -2;
        // SAFETY: mallopt only sets a tuning value of the allocator; it is
        // called once, before any other thread exists.
        unsafe {
            mallopt(M_TOP_PAD, 32 * 1024 * 1024);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(pairs: &[(&str, u64)]) -> HashMap<String, Value> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), Value::from(*v)))
            .collect()
    }

    #[test]
    fn range_counts_like_teras() {
        assert_eq!(
            range(&args(&[("end", 5)])).unwrap(),
            serde_json::json!([0, 1, 2, 3, 4])
        );
        assert_eq!(
            range(&args(&[("start", 1), ("end", 8), ("step_by", 3)])).unwrap(),
            serde_json::json!([1, 4, 7])
        );
        assert_eq!(
            range(&args(&[("end", MAX_RANGE_ITEMS as u64)]))
                .unwrap()
                .as_array()
                .unwrap()
                .len(),
            MAX_RANGE_ITEMS
        );
    }

    #[test]
    fn range_refuses_too_many_numbers() {
        let error = range(&args(&[("end", 1_000_000_000_000)])).unwrap_err();
        assert!(error.to_string().contains("1000000000000 numbers"));
        assert!(range(&args(&[("end", 5), ("step_by", 0)])).is_err());
        assert!(range(&args(&[("start", 6), ("end", 5)])).is_err());
    }

    #[test]
    fn work_within_the_budget_comes_back() {
        let stop = |breach| panic!("{breach:?}");
        assert_eq!(run(|| vec![1u8; 1024].len(), stop), 1024);
    }
}
