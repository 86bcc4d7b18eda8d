//! The exam date: reading it (`YYYY-MM-DD`, as a settings file or a date field holds it) and the
//! days left to it on the learner's calendar.

use crate::progress::clock::{Date, Zone};

pub use crate::progress::exam_date::{ExamDateError, day_number, parse_exam_date};

/// The days left to the exam, on the learner's calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Countdown {
    pub exam_date: Date,
    /// Whole local days from today to the exam date: 0 on the day, negative once it has passed.
    pub days_left: i64,
}

impl Countdown {
    /// The countdown at `now` in `zone`.
    #[must_use]
    pub fn at(exam_date: Date, now: u64, zone: &Zone) -> Self {
        let today = i64::try_from(zone.day_of(now)).unwrap_or(i64::MAX);
        let exam = day_number(exam_date)
            .and_then(|d| i64::try_from(d).ok())
            .unwrap_or(0);
        Self {
            exam_date,
            days_left: exam - today,
        }
    }

    /// "12 days to the exam (2027-03-15)", "The exam is tomorrow (…)", "The exam is today (…)",
    /// "The exam date (…) has passed".
    #[must_use]
    pub fn label(&self) -> String {
        let date = self.exam_date;
        match self.days_left {
            d if d < 0 => format!("The exam date ({date}) has passed"),
            0 => format!("The exam is today ({date})"),
            1 => format!("The exam is tomorrow ({date})"),
            d => format!("{d} days to the exam ({date})"),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_round_trip_and_reject_what_is_not_a_date() {
        let date = parse_exam_date(" 2027-03-15 ").unwrap();
        assert_eq!(date.to_string(), "2027-03-15");
        assert_eq!(Date::from_day(day_number(date).unwrap()), date);
        assert_eq!(day_number(parse_exam_date("1970-01-01").unwrap()), Some(0));
        assert_eq!(day_number(parse_exam_date("2000-02-29").unwrap()), Some(11_016));
        for bad in [
            "2027-02-30",
            "2027-13-01",
            "2027-3-15",
            "15/03/2027",
            "",
            "2027-03-15-1",
            "1969-12-31",
            "abcd-ef-gh",
        ] {
            let err = parse_exam_date(bad).unwrap_err();
            assert!(err.to_string().contains("YYYY-MM-DD"), "{bad}: {err}");
        }
    }

    #[test]
    fn days_left_count_local_days() {
        let exam = parse_exam_date("2026-11-30").unwrap();
        // 2026-11-27 01:00 UTC is still 2026-11-26 in Los Angeles.
        let now = 1_795_741_200;
        assert_eq!(Countdown::at(exam, now, &Zone::UTC).days_left, 3);
        let la = Zone::named("America/Los_Angeles").unwrap();
        assert_eq!(Countdown::at(exam, now, &la).days_left, 4);
        assert_eq!(
            Countdown::at(exam, now, &la).label(),
            "4 days to the exam (2026-11-30)"
        );
        let day = |d: &str| Countdown::at(parse_exam_date(d).unwrap(), now, &Zone::UTC).label();
        assert_eq!(day("2026-11-27"), "The exam is today (2026-11-27)");
        assert_eq!(day("2026-11-28"), "The exam is tomorrow (2026-11-28)");
        assert_eq!(day("2026-11-20"), "The exam date (2026-11-20) has passed");
    }
}
