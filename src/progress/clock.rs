//! Wall-clock time as whole seconds since the Unix epoch, the learner's time zone, and calendar
//! dates for file names, day-based schedules and people. A [`Clock`] can be fixed, in time and
//! in zone, so tests can simulate days passing anywhere without touching the process's `TZ`.
//!
//! Days that a learner sees ("today", reviews per day, the new-card cap) begin and end at local
//! midnight; file names stay in UTC so they sort by time across daylight-saving changes.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use jiff::tz::TimeZone;

/// Seconds in a day.
pub const DAY_SECS: u64 = 86_400;

/// [`DAY_SECS`] for signed arithmetic on local times.
const DAY_SECS_I64: i64 = 86_400;

/// Where "now" and "today" come from.
#[derive(Debug, Clone, Default)]
pub enum Clock {
    /// The system clock, in the system's time zone (`TZ` if set, else the OS setting).
    #[default]
    System,
    /// A clock tests move by hand, in milliseconds since the epoch, in a zone they choose
    /// (UTC unless [`Clock::with_time_zone`] says otherwise).
    Manual { millis: Arc<AtomicU64>, zone: Zone },
}

impl Clock {
    /// A manual clock starting at `unix_secs`, in UTC.
    #[must_use]
    pub fn manual(unix_secs: u64) -> Self {
        Self::Manual {
            millis: Arc::new(AtomicU64::new(unix_secs * 1000)),
            zone: Zone::UTC,
        }
    }

    /// The clock in the time zone with this IANA name (`"America/Los_Angeles"`), read from the
    /// system's time zone database. Only a manual clock changes: the system clock always
    /// follows the system's zone.
    ///
    /// # Errors
    /// When the database has no zone of that name.
    pub fn with_time_zone(self, name: &str) -> Result<Self, UnknownZone> {
        Ok(self.with_zone(Zone::named(name)?))
    }

    /// The clock in `zone` (a manual clock only; the system clock follows the system's zone).
    #[must_use]
    pub fn with_zone(self, zone: Zone) -> Self {
        match self {
            Self::System => Self::System,
            Self::Manual { millis, .. } => Self::Manual { millis, zone },
        }
    }

    /// The learner's time zone: where their days begin and end.
    #[must_use]
    pub fn zone(&self) -> Zone {
        match self {
            Self::System => Zone::system(),
            Self::Manual { zone, .. } => zone.clone(),
        }
    }

    /// Milliseconds since the Unix epoch.
    #[must_use]
    pub fn now_millis(&self) -> u64 {
        match self {
            Self::System => SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX)),
            Self::Manual { millis, .. } => millis.load(Ordering::SeqCst),
        }
    }

    /// Seconds since the Unix epoch.
    #[must_use]
    pub fn now_unix_secs(&self) -> u64 {
        self.now_millis() / 1000
    }

    /// The learner's date now.
    #[must_use]
    pub fn today(&self) -> Date {
        self.zone().date_of(self.now_unix_secs())
    }

    /// `YYYY-MM-DD HH:MM` in the clock's zone, for people.
    #[must_use]
    pub fn display_time(&self, secs: u64) -> String {
        self.zone().display_time(secs)
    }

    /// Moves a manual clock forward (no effect on the system clock).
    pub fn advance_secs(&self, secs: u64) {
        self.advance_millis(secs * 1000);
    }

    /// Moves a manual clock forward by milliseconds (no effect on the system clock).
    pub fn advance_millis(&self, millis: u64) {
        if let Self::Manual { millis: now, .. } = self {
            now.fetch_add(millis, Ordering::SeqCst);
        }
    }
}

/// A time zone name the time zone database does not know.
#[derive(Debug, thiserror::Error)]
#[error("unknown time zone {name:?}: {reason}")]
pub struct UnknownZone {
    /// The name asked for.
    pub name: String,
    reason: String,
}

/// A time zone, with the day arithmetic the schedules need. Day numbers count whole days from
/// 1970-01-01 to a local date, so they step by one at each local midnight, whatever the
/// daylight-saving offset, and convert back with [`Date::from_day`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Zone(TimeZone);

impl Zone {
    /// Coordinated Universal Time.
    pub const UTC: Self = Self(TimeZone::UTC);

    /// The system's zone: `TZ` if set, else the OS setting; UTC when neither can be read.
    /// `jiff` caches it and notices a change within minutes.
    #[must_use]
    pub fn system() -> Self {
        Self(TimeZone::system())
    }

    /// The zone with this IANA name, from the system's time zone database.
    ///
    /// # Errors
    /// When the database has no zone of that name.
    pub fn named(name: &str) -> Result<Self, UnknownZone> {
        TimeZone::get(name).map(Self).map_err(|e| UnknownZone {
            name: name.to_owned(),
            reason: e.to_string(),
        })
    }

    /// Seconds since 1970-01-01 00:00 as read on a local wall clock at Unix time `secs`.
    fn local_secs(&self, secs: u64) -> i64 {
        let utc = i64::try_from(secs).unwrap_or(i64::MAX);
        // Outside jiff's range (past the year 9999) no offset is known: read it as UTC.
        let offset = jiff::Timestamp::from_second(utc).map_or(0, |t| self.0.to_offset(t).seconds());
        utc.saturating_add(i64::from(offset))
    }

    /// The day number of the local date at `secs` (0 for a local date before 1970-01-01).
    #[must_use]
    pub fn day_of(&self, secs: u64) -> u64 {
        u64::try_from(self.local_secs(secs).div_euclid(DAY_SECS_I64)).unwrap_or(0)
    }

    /// The local date at `secs`.
    #[must_use]
    pub fn date_of(&self, secs: u64) -> Date {
        civil_from_days(self.local_secs(secs).div_euclid(DAY_SECS_I64))
    }

    /// `YYYY-MM-DD HH:MM` in this zone, for people.
    #[must_use]
    pub fn display_time(&self, secs: u64) -> String {
        let local = self.local_secs(secs);
        let date = civil_from_days(local.div_euclid(DAY_SECS_I64));
        let rest = local.rem_euclid(DAY_SECS_I64);
        format!("{date} {:02}:{:02}", rest / 3600, (rest % 3600) / 60)
    }
}

/// A calendar date.
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

    /// The date of a day number (whole days since 1970-01-01, as [`Zone::day_of`] counts).
    #[must_use]
    pub fn from_day(day: u64) -> Self {
        civil_from_days(i64::try_from(day).unwrap_or(i64::MAX))
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

/// `YYYY-MM-DD HH:MM` in the learner's (the system's) time zone, for people.
#[must_use]
pub fn display_time(secs: u64) -> String {
    Zone::system().display_time(secs)
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

    /// 2026-11-27 01:00 UTC: 2026-11-26 17:00 in Los Angeles (PST, UTC−8).
    const LA_FIVE_PM: u64 = 1_795_741_200;

    fn los_angeles() -> Zone {
        Zone::named("America/Los_Angeles").unwrap()
    }

    #[test]
    fn dates_match_known_days() {
        assert_eq!(Date::from_unix_secs(0).to_string(), "1970-01-01");
        // 2026-11-26T21:51:50Z
        assert_eq!(Date::from_unix_secs(1_795_729_910).to_string(), "2026-11-26");
        assert_eq!(file_stamp(1_795_729_910), "20261126-215150");
        // A leap day.
        assert_eq!(Date::from_unix_secs(951_782_400).to_string(), "2000-02-29");
        assert_eq!(Date::from_day(11_016).to_string(), "2000-02-29");
    }

    #[test]
    fn manual_clock_moves_only_when_told() {
        let clock = Clock::manual(100);
        assert_eq!(clock.now_unix_secs(), 100);
        clock.advance_secs(DAY_SECS);
        assert_eq!(clock.now_unix_secs(), 100 + DAY_SECS);
    }

    #[test]
    fn a_manual_clock_is_in_utc_unless_given_a_zone() {
        let clock = Clock::manual(LA_FIVE_PM);
        assert_eq!(clock.zone(), Zone::UTC);
        assert_eq!(clock.today().to_string(), "2026-11-27");
        let clock = clock.with_time_zone("America/Los_Angeles").unwrap();
        assert_eq!(clock.today().to_string(), "2026-11-26");
        assert_eq!(clock.display_time(LA_FIVE_PM), "2026-11-26 17:00");
        // Clones share the time, and keep the zone.
        let copy = clock.clone();
        clock.advance_secs(7 * 3600);
        assert_eq!(copy.today().to_string(), "2026-11-27");
        assert!(Clock::manual(0).with_time_zone("Nowhere/Atlantis").is_err());
    }

    #[test]
    fn local_days_turn_at_local_midnight() {
        let la = los_angeles();
        assert_eq!(la.display_time(LA_FIVE_PM), "2026-11-26 17:00");
        assert_eq!(Zone::UTC.display_time(LA_FIVE_PM), "2026-11-27 01:00");
        let half_past_eleven = LA_FIVE_PM + 6 * 3600 + 30 * 60;
        let half_past_midnight = half_past_eleven + 3600;
        assert_eq!(la.day_of(half_past_eleven) + 1, la.day_of(half_past_midnight));
        assert_eq!(
            Zone::UTC.day_of(half_past_eleven),
            Zone::UTC.day_of(half_past_midnight)
        );
        assert_eq!(Date::from_day(la.day_of(LA_FIVE_PM)), la.date_of(LA_FIVE_PM));
        // East of Greenwich the day starts before UTC's.
        let tokyo = Zone::named("Asia/Tokyo").unwrap();
        assert_eq!(tokyo.display_time(LA_FIVE_PM), "2026-11-27 10:00");
        assert_eq!(tokyo.date_of(1_795_651_200 - 3600).to_string(), "2026-11-26");
    }

    #[test]
    fn a_daylight_saving_day_is_still_one_day() {
        let la = los_angeles();
        // 2026-03-08 in Los Angeles has 23 hours: 00:30 PST is 08:30 UTC, 23:30 PDT 06:30 UTC.
        let start = 1_772_958_600; // 2026-03-08T08:30:00Z
        let end = start + 22 * 3600;
        assert_eq!(la.display_time(start), "2026-03-08 00:30");
        assert_eq!(la.display_time(end), "2026-03-08 23:30");
        assert_eq!(la.day_of(start), la.day_of(end));
        assert_eq!(la.day_of(end + 3600), la.day_of(start) + 1);
    }

    #[test]
    fn before_the_epoch_day_numbers_stop_at_zero() {
        let la = los_angeles();
        assert_eq!(la.day_of(0), 0);
        assert_eq!(la.date_of(0).to_string(), "1969-12-31");
        assert_eq!(la.display_time(0), "1969-12-31 16:00");
    }
}
