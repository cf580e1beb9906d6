//! Summaries of a set of timings, and how they are written in the table.

/// Median and 90th percentile (nearest rank) of a sample.
#[derive(Clone, Copy, Debug)]
pub struct Summary {
    pub median: f64,
    pub p90: f64,
    pub n: usize,
}

impl Summary {
    /// `None` for an empty sample.
    pub fn of(values: &[f64]) -> Option<Summary> {
        if values.is_empty() {
            return None;
        }
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        let n = sorted.len();
        let median = if !n.is_multiple_of(2) {
            sorted[n / 2]
        } else {
            (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
        };
        // Nearest rank: the smallest value with at least 90 % of the sample at or below it.
        let rank = (n * 9).div_ceil(10).max(1);
        Some(Summary {
            median,
            p90: sorted[rank - 1],
            n,
        })
    }

    /// "median 9.1 ms, p90 10.4 ms (50 runs)"
    pub fn ms(&self) -> String {
        format!(
            "median {}, p90 {} ({} runs)",
            ms(self.median),
            ms(self.p90),
            self.n
        )
    }
}

/// A duration in ms with sensible precision: "0.42 ms", "9.1 ms", "1,154 ms".
pub fn ms(value: f64) -> String {
    if value < 1.0 {
        format!("{value:.2} ms")
    } else if value < 100.0 {
        format!("{value:.1} ms")
    } else {
        format!("{} ms", thousands(value.round() as u64))
    }
}

/// A size in KiB as MiB: "83.4 MiB".
pub fn mib(kib: u64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}

/// A signed size change in KiB: "+1.2 MiB", "-0.3 MiB".
pub fn mib_delta(kib: i64) -> String {
    if kib.unsigned_abs() < 52 {
        return "±0.0 MiB".into();
    }
    let sign = if kib < 0 { "-" } else { "+" };
    format!("{sign}{:.1} MiB", kib.unsigned_abs() as f64 / 1024.0)
}

/// "1,234,567"
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "126× faster" when `theirs` is the larger, "2.1× slower" otherwise.
pub fn ratio(ours: f64, theirs: f64) -> String {
    if ours <= 0.0 || theirs <= 0.0 {
        return "—".into();
    }
    if theirs >= ours {
        format!("**{}× faster**", sig(theirs / ours))
    } else {
        format!("**{}× slower**", sig(ours / theirs))
    }
}

/// Two significant figures at most below 100: 1.3, 12, 126.
fn sig(x: f64) -> String {
    if x < 10.0 {
        format!("{x:.1}")
    } else {
        thousands(x.round() as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_and_nearest_rank_p90() {
        let s = Summary::of(&[5.0, 1.0, 3.0, 2.0, 4.0, 6.0, 7.0, 8.0, 9.0, 10.0]).unwrap();
        assert_eq!((s.median, s.p90, s.n), (5.5, 9.0, 10));
        let one = Summary::of(&[7.0]).unwrap();
        assert_eq!((one.median, one.p90), (7.0, 7.0));
        assert!(Summary::of(&[]).is_none());
    }

    #[test]
    fn formatting() {
        assert_eq!(ms(0.421), "0.42 ms");
        assert_eq!(ms(9.14), "9.1 ms");
        assert_eq!(ms(1154.4), "1,154 ms");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(ratio(10.0, 1260.0), "**126× faster**");
        assert_eq!(ratio(21.0, 10.0), "**2.1× slower**");
        assert_eq!(mib_delta(-307), "-0.3 MiB");
    }
}
