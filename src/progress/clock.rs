//! Wall-clock time as whole seconds since the Unix epoch, and calendar dates for file names and
//! day-based schedules. A [`Clock`] can be fixed so tests can simulate days passing.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds in a day.
pub const DAY_SECS: u64 = 86_400;

/// Where "now" comes from.
#[derive(Debug, Clone, Default)]
pub enum Clock {
    /// The system clock.
    #[default]
    System,
    /// A clock tests move by hand, in milliseconds since the epoch.
    Manual(Arc<AtomicU64>),
}

impl Clock {
    /// A manual clock starting at `unix_secs`.
    #[must_use]
    pub fn manual(unix_secs: u64) -> Self {
        Self::Manual(Arc::new(AtomicU64::new(unix_secs * 1000)))
    }

    /// Milliseconds since the Unix epoch.
    #[must_use]
    pub fn now_millis(&self) -> u64 {
        match self {
            Self::System => SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX)),
            Self::Manual(millis) => millis.load(Ordering::SeqCst),
        }
    }

    /// Seconds since the Unix epoch.
    #[must_use]
    pub fn now_unix_secs(&self) -> u64 {
        self.now_millis() / 1000
    }

    /// Moves a manual clock forward (no effect on the system clock).
    pub fn advance_secs(&self, secs: u64) {
        self.advance_millis(secs * 1000);
    }

    /// Moves a manual clock forward by milliseconds (no effect on the system clock).
    pub fn advance_millis(&self, millis: u64) {
        if let Self::Manual(now) = self {
            now.fetch_add(millis, Ordering::SeqCst);
        }
    }
}

/// A calendar date (UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i64,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// The UTC date of a Unix time.
    #[must_use]
    pub fn from_unix_secs(secs: u64) -> Self {
        civil_from_days(i64::try_from(secs / DAY_SECS).unwrap_or(i64::MAX))
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// `YYYYMMDD-HHMMSS` (UTC) for file names that sort by time.
#[must_use]
pub fn file_stamp(secs: u64) -> String {
    let date = Date::from_unix_secs(secs);
    let rest = secs % DAY_SECS;
    format!(
        "{:04}{:02}{:02}-{:02}{:02}{:02}",
        date.year,
        date.month,
        date.day,
        rest / 3600,
        (rest % 3600) / 60,
        rest % 60
    )
}

/// `YYYY-MM-DD HH:MM` (UTC) for people.
#[must_use]
pub fn display_time(secs: u64) -> String {
    let date = Date::from_unix_secs(secs);
    let rest = secs % DAY_SECS;
    format!("{date} {:02}:{:02}", rest / 3600, (rest % 3600) / 60)
}

/// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = if m <= 2 { y + 1 } else { y };
    Date {
        year,
        month: u32::try_from(m).unwrap_or(1),
        day: u32::try_from(d).unwrap_or(1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_match_known_days() {
        assert_eq!(Date::from_unix_secs(0).to_string(), "1970-01-01");
        // 2026-11-26T21:51:50Z
        assert_eq!(Date::from_unix_secs(1_795_729_910).to_string(), "2026-11-26");
        assert_eq!(file_stamp(1_795_729_910), "20261126-215150");
        // A leap day.
        assert_eq!(Date::from_unix_secs(951_782_400).to_string(), "2000-02-29");
    }

    #[test]
    fn manual_clock_moves_only_when_told() {
        let clock = Clock::manual(100);
        assert_eq!(clock.now_unix_secs(), 100);
        clock.advance_secs(DAY_SECS);
        assert_eq!(clock.now_unix_secs(), 100 + DAY_SECS);
    }
}
