//! When to retry a failed sync request: exponential backoff with jitter.
//!
//! Pure: the caller supplies the random number, so that the policy is testable and the crate
//! needs no RNG. Only [`SyncError::is_retryable`](crate::SyncError::is_retryable) errors
//! should be retried; a conflict or a refused password will fail the same way again.

use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backoff {
    /// The ceiling of the first delay.
    pub base: Duration,
    /// No delay exceeds this, however many attempts failed.
    pub max: Duration,
    /// Retries after the first attempt; then the caller gives up until the next sync.
    pub max_retries: u32,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff { base: Duration::from_secs(2), max: Duration::from_secs(300), max_retries: 8 }
    }
}

impl Backoff {
    /// The delay before retry number `retry` (1 for the first retry), or `None` when no retry
    /// is left. `jitter` is a uniform random number in `[0, 1)` (values outside are clamped).
    ///
    /// "Equal jitter": half the exponential ceiling is fixed and half is random, so that
    /// clients that failed together (a server restart) spread out but none retries at once.
    pub fn delay(&self, retry: u32, jitter: f64) -> Option<Duration> {
        if retry == 0 || retry > self.max_retries {
            return None;
        }
        // 2^(retry-1) without overflow: past 2^31 every ceiling is `max` anyway.
        let factor = 1u32.checked_shl(retry - 1).unwrap_or(u32::MAX);
        let ceiling = self.base.saturating_mul(factor).min(self.max);
        let jitter = if jitter.is_finite() { jitter.clamp(0.0, 1.0) } else { 0.0 };
        let half = ceiling / 2;
        Some(half + (ceiling - half).mul_f64(jitter))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> Backoff {
        Backoff { base: Duration::from_secs(1), max: Duration::from_secs(60), max_retries: 10 }
    }

    #[test]
    fn delays_double_within_half_to_full_ceiling() {
        let p = policy();
        for (retry, ceiling) in [(1, 1), (2, 2), (3, 4), (4, 8), (6, 32)] {
            let ceiling = Duration::from_secs(ceiling);
            assert_eq!(p.delay(retry, 0.0), Some(ceiling / 2), "retry {retry}");
            assert_eq!(p.delay(retry, 1.0), Some(ceiling), "retry {retry}");
            let mid = p.delay(retry, 0.5).unwrap();
            assert!(mid > ceiling / 2 && mid < ceiling);
        }
    }

    #[test]
    fn delays_are_capped_and_retries_run_out() {
        let p = policy();
        assert_eq!(p.delay(7, 1.0), Some(Duration::from_secs(60)));
        assert_eq!(p.delay(10, 0.0), Some(Duration::from_secs(30)));
        assert_eq!(p.delay(11, 0.5), None);
        assert_eq!(p.delay(0, 0.5), None);
        let many = Backoff { max_retries: u32::MAX, ..policy() };
        assert_eq!(many.delay(u32::MAX, 1.0), Some(Duration::from_secs(60)));
    }

    #[test]
    fn odd_jitter_values_are_clamped() {
        let p = policy();
        assert_eq!(p.delay(3, -1.0), p.delay(3, 0.0));
        assert_eq!(p.delay(3, 7.0), p.delay(3, 1.0));
        assert_eq!(p.delay(3, f64::NAN), p.delay(3, 0.0));
    }
}
