//! Weekly wall-clock hours compiled into instant windows, and half-open interval algebra.

use chrono::{Datelike, Duration};
use chrono_tz::Tz;

use super::{local_date, wall_to_epoch};

/// Day keys in FORMAT.md order; index 0 is Monday (chrono's `num_days_from_monday`).
pub const DAY_KEYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// One named hours set: for each weekday, windows as (start, end) minutes after local
/// midnight with `start < end <= 1440` (parsing guarantees both).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WeeklyHours {
    pub days: [Vec<(u32, u32)>; 7],
}

impl WeeklyHours {
    /// Merged instant windows for every local day that touches `[from, to]` (plus one day of
    /// padding each side, so windows across midnight merge as note 5 asks).
    pub fn instants(&self, tz: Tz, from: i64, to: i64) -> Vec<(i64, i64)> {
        let mut out = Vec::new();
        let last = local_date(tz, to) + Duration::days(1);
        let mut day = local_date(tz, from) - Duration::days(1);
        while day <= last {
            let wd = day.weekday().num_days_from_monday() as usize;
            for &(a, b) in &self.days[wd] {
                out.push((wall_to_epoch(tz, day, a), wall_to_epoch(tz, day, b)));
            }
            day += Duration::days(1);
        }
        merge(out)
    }
}

/// Sorted union of half-open intervals; touching ones merge, empty ones drop.
pub fn merge(mut v: Vec<(i64, i64)>) -> Vec<(i64, i64)> {
    v.sort_unstable();
    let mut out: Vec<(i64, i64)> = Vec::with_capacity(v.len());
    for (s, e) in v {
        if e <= s {
            continue;
        }
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// `base` minus `cut`; both sorted and disjoint (as [`merge`] returns).
pub fn subtract(base: &[(i64, i64)], cut: &[(i64, i64)]) -> Vec<(i64, i64)> {
    let mut out = Vec::new();
    let mut j = 0;
    for &(s, e) in base {
        while j < cut.len() && cut[j].1 <= s {
            j += 1;
        }
        let mut cur = s;
        let mut k = j;
        while k < cut.len() && cut[k].0 < e {
            if cut[k].0 > cur {
                out.push((cur, cut[k].0));
            }
            cur = cur.max(cut[k].1);
            k += 1;
        }
        if cur < e {
            out.push((cur, e));
        }
    }
    out
}

/// Total length of the sorted, disjoint intervals.
pub fn total(v: &[(i64, i64)]) -> i64 {
    v.iter().map(|(s, e)| e - s).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_joins_touching_and_drops_empty() {
        assert_eq!(merge(vec![(5, 9), (0, 5), (12, 12), (8, 10)]), vec![(0, 10)]);
    }

    #[test]
    fn subtract_cuts_holes() {
        assert_eq!(subtract(&[(0, 10), (20, 30)], &[(2, 4), (8, 22)]), vec![(0, 2), (4, 8), (22, 30)]);
    }

    #[test]
    fn windows_across_midnight_merge() {
        let tz: Tz = "Europe/Berlin".parse().unwrap();
        let mut h = WeeklyHours::default();
        h.days[5] = vec![(20 * 60, 1440)];
        h.days[6] = vec![(0, 120)];
        let from = super::super::parse_time("2026-11-28T00:00:00+01:00", "x").unwrap();
        let w = h.instants(tz, from, from + 86_400 * 2);
        assert!(w.iter().any(|&(s, e)| e - s == 6 * 3600), "sat 20-24 and sun 0-2 form one 6 h window: {w:?}");
    }
}
