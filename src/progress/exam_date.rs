//! The exam date as the learner types it and a settings file holds it (`YYYY-MM-DD`), and the
//! day number it falls on (days since 1970-01-01, as [`Zone::day_of`](super::clock::Zone::day_of)
//! counts).

use super::clock::Date;

/// An exam date that is not a real `YYYY-MM-DD` date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{text:?} is not a date: write it as YYYY-MM-DD, for example 2027-03-15")]
pub struct ExamDateError {
    /// What was given.
    pub text: String,
}

/// Reads `YYYY-MM-DD` (surrounding spaces allowed) into a date on or after 1970-01-01.
///
/// # Errors
/// When the text is not such a date (2027-02-30 is not).
pub fn parse_exam_date(text: &str) -> Result<Date, ExamDateError> {
    let error = || ExamDateError {
        text: text.to_owned(),
    };
    let mut parts = text.trim().split('-');
    let (Some(y), Some(m), Some(d), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return Err(error());
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return Err(error());
    }
    let year: i64 = y.parse().map_err(|_| error())?;
    let month: u32 = m.parse().map_err(|_| error())?;
    let day: u32 = d.parse().map_err(|_| error())?;
    let date = Date { year, month, day };
    // A date is real when it survives the round trip through its day number.
    match day_number(date) {
        Some(n) if Date::from_day(n) == date => Ok(date),
        _ => Err(error()),
    }
}

/// The day number of a date (days since 1970-01-01, as [`Zone::day_of`] counts); `None` before
/// 1970 or for a month outside 1–12.
#[must_use]
pub fn day_number(date: Date) -> Option<u64> {
    if !(1..=12).contains(&date.month) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let month = i64::from(date.month);
    let year = if month <= 2 { date.year - 1 } else { date.year };
    let era = year.div_euclid(400);
    let yoe = year.rem_euclid(400);
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(date.day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    u64::try_from(era * 146_097 + doe - 719_468).ok()
}
