//! Bounded waiting: tests poll for what they expect, with a deadline, and
//! never sleep a fixed long time.

use std::thread;
use std::time::{Duration, Instant};

/// How often [`poll`] asks again.
const INTERVAL: Duration = Duration::from_millis(100);

/// Calls `check` until it returns `Ok`, at most for `timeout`. `Err` carries
/// what was seen instead, so a timeout says both what was awaited and what
/// the last look found.
pub fn poll<T>(what: &str, timeout: Duration, mut check: impl FnMut() -> Result<T, String>) -> T {
    let deadline = Instant::now() + timeout;
    loop {
        match check() {
            Ok(value) => return value,
            Err(seen) if Instant::now() >= deadline => {
                panic!("timed out after {timeout:?} waiting for {what}; last seen: {seen}")
            }
            Err(_) => thread::sleep(INTERVAL),
        }
    }
}
