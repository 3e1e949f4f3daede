//! Calendar values with a precision: `"2022"`, `"2022-11"`, `"2022-11-30"` or a full RFC 3339
//! time (minute precision). Each stands for the interval it names — November 2022 is the whole
//! month — in UTC for calendar dates (never shifted by time zones).

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Timelike};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

crate::stored_enum! {
    /// How precise a time value is.
    #[serde(rename_all = "snake_case")]
    #[strum(serialize_all = "snake_case")]
    pub enum Precision {
        Year,
        Month,
        Day,
        Minute,
    }
}

/// A time as written on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TimeValue {
    /// `"2022"`, `"2022-11"`, `"2022-11-30"` or an RFC 3339 time such as `"2022-11-30T08:15:00+05:00"`.
    #[schema(example = "2022-11-30")]
    pub value: String,
    pub precision: Precision,
}

/// A parsed time: the half-open UTC interval `[start, end)` it stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeSpan {
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
}

/// The longest interval a time value can stand for: a leap year. A span that overlaps
/// `[start, end)` therefore starts after `start - LONGEST_SPAN`, which bounds an index walk
/// over start times (contradiction detection).
pub const LONGEST_SPAN: Duration = Duration::days(366);

impl TimeSpan {
    /// True when the two intervals share an instant.
    pub fn overlaps(&self, other: &TimeSpan) -> bool {
        self.start < other.end && other.start < self.end
    }
}

impl TimeValue {
    /// Checks that the value has exactly the precision named, and returns its interval.
    pub fn span(&self) -> Result<TimeSpan, String> {
        let v = self.value.trim();
        let bad = || {
            format!(
                "{:?} is not a {} value (expected {})",
                v,
                self.precision.as_str(),
                example(self.precision)
            )
        };
        let midnight = |d: NaiveDate| d.and_hms_opt(0, 0, 0).expect("midnight exists");
        match self.precision {
            Precision::Year => {
                if v.len() != 4 || !v.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(bad());
                }
                let year: i32 = v.parse().map_err(|_| bad())?;
                let start = NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(bad)?;
                let end = NaiveDate::from_ymd_opt(year + 1, 1, 1).ok_or_else(bad)?;
                Ok(TimeSpan {
                    start: midnight(start),
                    end: midnight(end),
                })
            }
            Precision::Month => {
                if v.len() != 7 {
                    return Err(bad());
                }
                let start =
                    NaiveDate::parse_from_str(&format!("{v}-01"), "%Y-%m-%d").map_err(|_| bad())?;
                let end = if start.month() == 12 {
                    NaiveDate::from_ymd_opt(start.year() + 1, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(start.year(), start.month() + 1, 1)
                }
                .ok_or_else(bad)?;
                Ok(TimeSpan {
                    start: midnight(start),
                    end: midnight(end),
                })
            }
            Precision::Day => {
                if v.len() != 10 {
                    return Err(bad());
                }
                let day = NaiveDate::parse_from_str(v, "%Y-%m-%d").map_err(|_| bad())?;
                Ok(TimeSpan {
                    start: midnight(day),
                    end: midnight(day) + Duration::days(1),
                })
            }
            Precision::Minute => {
                let t = DateTime::parse_from_rfc3339(v).map_err(|_| bad())?;
                let utc = t.naive_utc();
                let start = utc
                    .with_second(0)
                    .and_then(|t| t.with_nanosecond(0))
                    .ok_or_else(bad)?;
                Ok(TimeSpan {
                    start,
                    end: start + Duration::minutes(1),
                })
            }
        }
    }
}

fn example(precision: Precision) -> &'static str {
    match precision {
        Precision::Year => "\"2022\"",
        Precision::Month => "\"2022-11\"",
        Precision::Day => "\"2022-11-30\"",
        Precision::Minute => "an RFC 3339 time such as \"2022-11-30T08:15:00+05:00\"",
    }
}

/// A date or a full time, as sources give their publication: `"2022-12-01"` or RFC 3339.
pub fn parse_date_or_time(raw: &str) -> Result<String, String> {
    let v = raw.trim();
    if NaiveDate::parse_from_str(v, "%Y-%m-%d").is_ok() && v.len() == 10 {
        return Ok(v.to_owned());
    }
    if DateTime::parse_from_rfc3339(v).is_ok() {
        return Ok(v.to_owned());
    }
    Err(format!(
        "{v:?} is neither a date (2022-12-01) nor an RFC 3339 time"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(value: &str, precision: Precision) -> TimeSpan {
        TimeValue {
            value: value.into(),
            precision,
        }
        .span()
        .unwrap()
    }

    #[test]
    fn no_span_is_longer_than_the_longest() {
        for (value, precision) in [
            ("2024", Precision::Year),
            ("2023", Precision::Year),
            ("2024-02", Precision::Month),
            ("2024-12", Precision::Month),
            ("2024-02-29", Precision::Day),
            ("2024-02-29T23:59:30+14:00", Precision::Minute),
        ] {
            let s = span(value, precision);
            assert!(s.end - s.start <= LONGEST_SPAN, "{value}");
        }
        assert_eq!(
            span("2024", Precision::Year).end - span("2024", Precision::Year).start,
            LONGEST_SPAN
        );
    }

    #[test]
    fn values_must_have_the_precision_named() {
        assert!(
            TimeValue {
                value: "2022-11".into(),
                precision: Precision::Day
            }
            .span()
            .is_err()
        );
        assert!(
            TimeValue {
                value: "2022-13".into(),
                precision: Precision::Month
            }
            .span()
            .is_err()
        );
        assert!(
            TimeValue {
                value: "22".into(),
                precision: Precision::Year
            }
            .span()
            .is_err()
        );
        assert!(
            TimeValue {
                value: "2022-11-30".into(),
                precision: Precision::Minute
            }
            .span()
            .is_err()
        );
    }

    #[test]
    fn a_month_overlaps_its_days_and_not_other_years() {
        let november = span("2022-11", Precision::Month);
        let nov30 = span("2022-11-30", Precision::Day);
        let apr21 = span("2021-04-21", Precision::Day);
        assert!(november.overlaps(&nov30));
        assert!(!nov30.overlaps(&apr21));
        assert!(span("2022", Precision::Year).overlaps(&nov30));
        let dec1 = span("2022-12-01", Precision::Day);
        assert!(!nov30.overlaps(&dec1), "touching days do not overlap");
    }

    #[test]
    fn minute_times_are_taken_to_utc() {
        let t = span("2022-11-30T08:15:42+05:00", Precision::Minute);
        assert_eq!(t.start.to_string(), "2022-11-30 03:15:00");
    }
}
