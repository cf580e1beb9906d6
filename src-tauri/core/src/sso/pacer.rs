//! How fast RoleTray calls the access portal. The portal throttles at
//! about 20 requests a second (per caller), so calls start at most
//! [`MAX_RATE`] a second, evenly spaced, whatever the number in flight. A
//! throttled answer halves the rate and pauses every caller for a second;
//! each second without one wins back a call a second, up to the maximum.
//! Listing 2,000 accounts at a 20-a-second portal then takes about two
//! minutes and is never throttled.

use std::sync::Mutex;
use std::time::Duration;
use tokio::time::Instant;

/// Calls a second, at most: under the portal's limit.
pub const MAX_RATE: f64 = 18.0;
const MIN_RATE: f64 = 1.0;
/// How long every caller waits after a throttled answer.
const PAUSE: Duration = Duration::from_secs(1);

pub struct Pacer {
    state: Mutex<State>,
}

struct State {
    rate: f64,
    /// The first instant no call has reserved yet.
    next: Instant,
    /// When the rate last changed.
    changed: Instant,
}

impl Pacer {
    pub fn new(now: Instant) -> Pacer {
        Pacer {
            state: Mutex::new(State {
                rate: MAX_RATE,
                next: now,
                changed: now,
            }),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The instant the caller's call may start (a slot is reserved for it).
    pub fn reserve(&self, now: Instant) -> Instant {
        let mut s = self.state();
        let slot = s.next.max(now);
        s.next = slot + Duration::from_secs_f64(1.0 / s.rate);
        slot
    }

    /// The portal throttled a call: slower, after a pause for everyone.
    pub fn throttled(&self, now: Instant) {
        let mut s = self.state();
        s.rate = (s.rate / 2.0).max(MIN_RATE);
        s.next = s.next.max(now + PAUSE);
        s.changed = now;
    }

    /// A call went through: a second without a throttle wins a call back.
    pub fn succeeded(&self, now: Instant) {
        let mut s = self.state();
        if s.rate < MAX_RATE && now.duration_since(s.changed) >= Duration::from_secs(1) {
            s.rate = (s.rate + 1.0).min(MAX_RATE);
            s.changed = now;
        }
    }

    /// The calls a second it allows now.
    pub fn rate(&self) -> f64 {
        self.state().rate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_are_spaced_slowed_when_throttled_and_sped_up_again() {
        let t0 = Instant::now();
        let p = Pacer::new(t0);
        // At most MAX_RATE starts in any second, evenly spaced.
        let slots: Vec<Instant> = (0..40).map(|_| p.reserve(t0)).collect();
        let in_first_second = slots
            .iter()
            .filter(|s| **s < t0 + Duration::from_secs(1))
            .count();
        assert_eq!(in_first_second, MAX_RATE as usize);
        assert!(slots.windows(2).all(|w| w[1] > w[0]));

        // Throttled: half the rate, and nothing for a second.
        let at = t0 + Duration::from_secs(3);
        p.throttled(at);
        assert_eq!(p.rate(), MAX_RATE / 2.0);
        assert!(p.reserve(at) >= at + PAUSE);
        p.throttled(at);
        p.throttled(at);
        p.throttled(at);
        p.throttled(at);
        assert_eq!(p.rate(), MIN_RATE.max(MAX_RATE / 32.0));

        // A call a second more, each second without a throttle.
        let rate = p.rate();
        p.succeeded(at + Duration::from_millis(500));
        assert_eq!(p.rate(), rate);
        p.succeeded(at + Duration::from_secs(1));
        assert_eq!(p.rate(), rate + 1.0);
        for s in 2..60 {
            p.succeeded(at + Duration::from_secs(s));
        }
        assert_eq!(p.rate(), MAX_RATE);
    }
}
