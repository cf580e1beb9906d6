//! One RoleTray process at a time talks to the Secret Service.
//!
//! gnome-keyring (seen with 42.1 here, reported up to 50) can abort when
//! requests of several clients interleave: a new client's `OpenSession` may
//! be handled before the daemon has registered that client, and the daemon
//! dies on the missing record (`gkd_secret_service_get_pkcs11_session:
//! assertion 'client' failed`, then a `g_variant_new` error). The login
//! keyring comes back locked, if it comes back at all. Many short-lived
//! RoleTray processes (every `credential_process` call the AWS tools make
//! while the app is not running) are exactly that load.
//!
//! So every call to the Secret Service takes a turn: an advisory lock file
//! shared by every RoleTray process and thread, held for that call only.
//! Turns nest within a thread (the outer one holds the lock). A turn that
//! waits longer than [`WAIT_AT_MOST`] goes ahead without the lock, so a
//! process stuck at an unlock prompt slows the others down but never stops
//! them.

use crate::files::FileLock;
use std::cell::Cell;
use std::path::Path;
use std::time::{Duration, Instant};

/// The lock file's name in the lock directory.
const LOCK_NAME: &str = "secret-service";

/// The longest a call waits for its turn.
pub(crate) const WAIT_AT_MOST: Duration = Duration::from_secs(10);

thread_local! {
    /// How many turns this thread is inside (the outermost holds the lock).
    static DEPTH: Cell<u32> = const { Cell::new(0) };
}

/// Runs `f` in a turn of its own when `lock_dir` is given; as is otherwise
/// (stores that are not the Secret Service need no turns).
pub(crate) fn take<T>(lock_dir: Option<&Path>, f: impl FnOnce() -> T) -> T {
    let Some(dir) = lock_dir else {
        return f();
    };
    let outer = DEPTH.with(|d| d.get() == 0);
    let _lock = if outer { wait_for_turn(dir) } else { None };
    DEPTH.with(|d| d.set(d.get() + 1));
    let _leave = Leave;
    f()
}

/// Leaves a turn, even when `f` panics.
struct Leave;

impl Drop for Leave {
    fn drop(&mut self) {
        DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    }
}

/// The lock, once free; `None` when it could not be had in time or at all
/// (the call then goes ahead, as it did before turns existed).
fn wait_for_turn(dir: &Path) -> Option<FileLock> {
    let started = Instant::now();
    let mut pause = Duration::from_millis(1);
    loop {
        match FileLock::try_acquire(dir, LOCK_NAME) {
            Ok(Some(lock)) => return Some(lock),
            Ok(None) if started.elapsed() < WAIT_AT_MOST => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(20));
            }
            Ok(None) => {
                tracing::warn!(
                    waited_s = started.elapsed().as_secs(),
                    "another RoleTray process has held the keychain for long; going ahead"
                );
                return None;
            }
            Err(e) => {
                tracing::warn!("cannot take a turn at the keychain: {e}");
                return None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU32, Ordering};

    #[test]
    fn turns_exclude_each_other_across_threads() {
        let dir = tempfile::tempdir().unwrap();
        let inside = Arc::new(AtomicU32::new(0));
        let most = Arc::new(AtomicU32::new(0));
        std::thread::scope(|s| {
            for _ in 0..6 {
                let (inside, most, dir) = (inside.clone(), most.clone(), dir.path());
                s.spawn(move || {
                    for _ in 0..20 {
                        take(Some(dir), || {
                            let now = inside.fetch_add(1, Ordering::SeqCst) + 1;
                            most.fetch_max(now, Ordering::SeqCst);
                            std::thread::sleep(Duration::from_micros(200));
                            inside.fetch_sub(1, Ordering::SeqCst);
                        });
                    }
                });
            }
        });
        assert_eq!(most.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn a_turn_nests_within_its_thread() {
        let dir = tempfile::tempdir().unwrap();
        let answer = take(Some(dir.path()), || take(Some(dir.path()), || 42));
        assert_eq!(answer, 42);
        // The lock is free again once the outer turn ends.
        assert!(
            FileLock::try_acquire(dir.path(), LOCK_NAME)
                .unwrap()
                .is_some()
        );
    }

    #[test]
    fn a_held_lock_is_waited_for() {
        let dir = tempfile::tempdir().unwrap();
        let held = FileLock::acquire(dir.path(), LOCK_NAME).unwrap();
        let started = Instant::now();
        std::thread::scope(|s| {
            let waiter = s.spawn(|| take(Some(dir.path()), || started.elapsed()));
            std::thread::sleep(Duration::from_millis(100));
            drop(held);
            assert!(waiter.join().unwrap() >= Duration::from_millis(100));
        });
    }
}
