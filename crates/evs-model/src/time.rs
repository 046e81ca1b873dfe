//! Server timestamps: `2018-01-11T01:50:25.800931`, UTC without a zone suffix (the EVS docs),
//! or with `Z` / `+00:00` / other offsets (Glance). No date library: the console formats the
//! instant with the browser's own `Date`, and this keeps the download small.

use std::fmt;

/// A parsed server timestamp: the original text and the instant in milliseconds since the
/// Unix epoch (UTC).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timestamp {
    raw: String,
    unix_millis: i64,
}

impl Timestamp {
    /// Parses `YYYY-MM-DD[T ]HH:MM:SS[.fraction][Z|±HH:MM|±HHMM]`; a missing zone means UTC.
    pub fn parse(s: &str) -> Option<Timestamp> {
        let b = s.trim().as_bytes();
        if b.len() < 19 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
            return None;
        }
        if b[13] != b':' || b[16] != b':' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<i64> {
            let part = b.get(r)?;
            if part.iter().all(u8::is_ascii_digit) {
                std::str::from_utf8(part).ok()?.parse().ok()
            } else {
                None
            }
        };
        let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
        if !(1..=12).contains(&month)
            || day < 1
            || day > days_in_month(year, month)
            || hour > 23
            || minute > 59
            || second > 60
        {
            return None;
        }
        let mut i = 19;
        let mut millis = 0i64;
        if b.get(i) == Some(&b'.') {
            i += 1;
            let start = i;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if i == start {
                return None;
            }
            let mut digits = b[start..i.min(start + 3)].to_vec();
            digits.resize(3, b'0');
            millis = std::str::from_utf8(&digits).ok()?.parse().ok()?;
        }
        let offset_minutes = match &b[i..] {
            [] | [b'Z'] | [b'z'] => 0,
            [sign @ (b'+' | b'-'), rest @ ..] => {
                let digits: Vec<u8> = rest.iter().copied().filter(|c| *c != b':').collect();
                if digits.len() != 4 || rest.len() > 5 || !digits.iter().all(u8::is_ascii_digit) {
                    return None;
                }
                let h = i64::from(digits[0] - b'0') * 10 + i64::from(digits[1] - b'0');
                let m = i64::from(digits[2] - b'0') * 10 + i64::from(digits[3] - b'0');
                if h > 23 || m > 59 {
                    return None;
                }
                let total = h * 60 + m;
                if *sign == b'-' {
                    -total
                } else {
                    total
                }
            }
            _ => return None,
        };
        let days = days_from_civil(year, month, day);
        let secs = days * 86_400 + hour * 3600 + minute * 60 + second - offset_minutes * 60;
        Some(Timestamp {
            raw: s.to_string(),
            unix_millis: secs * 1000 + millis,
        })
    }

    /// The text the server sent.
    pub fn raw(&self) -> &str {
        &self.raw
    }

    /// Milliseconds since 1970-01-01T00:00:00Z.
    pub fn unix_millis(&self) -> i64 {
        self.unix_millis
    }

    /// The instant as `YYYY-MM-DD HH:MM:SS UTC` (for tooltips and logs).
    pub fn utc_string(&self) -> String {
        let secs = self.unix_millis.div_euclid(1000);
        let (y, mo, d) = civil_from_days(secs.div_euclid(86_400));
        let rem = secs.rem_euclid(86_400);
        format!(
            "{y:04}-{mo:02}-{d:02} {:02}:{:02}:{:02} UTC",
            rem / 3600,
            rem % 3600 / 60,
            rem % 60
        )
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.utc_string())
    }
}

/// `2018-01-11T01:50:25.800931`: the block-storage wire format (UTC, no zone, microseconds).
pub fn format_evs_time(unix_micros: i64) -> String {
    let (date, time, frac) = split_micros(unix_micros);
    format!("{date}T{time}.{frac:06}")
}

/// `2018-01-11T01:50:25Z`: the image-service wire format (UTC, `Z`, whole seconds).
pub fn format_glance_time(unix_micros: i64) -> String {
    let (date, time, _) = split_micros(unix_micros);
    format!("{date}T{time}Z")
}

/// `20260107`: the UTC date of `unix_millis` (an image-name pattern's `{date}`).
pub fn utc_date_compact(unix_millis: i64) -> String {
    let (y, m, d) = civil_from_days(unix_millis.div_euclid(86_400_000));
    format!("{y:04}{m:02}{d:02}")
}

fn split_micros(micros: i64) -> (String, String, i64) {
    let secs = micros.div_euclid(1_000_000);
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    let rem = secs.rem_euclid(86_400);
    (
        format!("{y:04}-{m:02}-{d:02}"),
        format!("{:02}:{:02}:{:02}", rem / 3600, rem % 3600 / 60, rem % 60),
        micros.rem_euclid(1_000_000),
    )
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        _ => 28,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evs_format_without_zone_is_utc() {
        let t = Timestamp::parse("2018-01-11T01:50:25.800931").unwrap();
        assert_eq!(t.unix_millis(), 1_515_635_425_800);
        assert_eq!(t.utc_string(), "2018-01-11 01:50:25 UTC");
        assert_eq!(t.raw(), "2018-01-11T01:50:25.800931");
    }

    #[test]
    fn zones_and_variants() {
        let z = Timestamp::parse("2018-01-11T01:50:25Z").unwrap();
        assert_eq!(z.unix_millis(), 1_515_635_425_000);
        let plus = Timestamp::parse("2018-01-11T09:50:25+08:00").unwrap();
        assert_eq!(plus.unix_millis(), z.unix_millis());
        let minus = Timestamp::parse("2018-01-10T20:50:25-0500").unwrap();
        assert_eq!(minus.unix_millis(), z.unix_millis());
        assert!(Timestamp::parse("2018-01-11 01:50:25").is_some());
        assert_eq!(
            Timestamp::parse("1970-01-01T00:00:00")
                .unwrap()
                .unix_millis(),
            0
        );
        assert_eq!(
            Timestamp::parse("2024-02-29T12:00:00")
                .unwrap()
                .utc_string(),
            "2024-02-29 12:00:00 UTC"
        );
    }

    #[test]
    fn wire_formats_round_trip() {
        let micros = 1_515_635_425_800_931;
        assert_eq!(format_evs_time(micros), "2018-01-11T01:50:25.800931");
        assert_eq!(format_glance_time(micros), "2018-01-11T01:50:25Z");
        let back = Timestamp::parse(&format_evs_time(micros)).unwrap();
        assert_eq!(back.unix_millis(), micros / 1000);
        assert_eq!(days_from_civil(2018, 1, 11), 17_542);
        for days in [-1000, 0, 59, 11_016, 19_782, 30_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }

    #[test]
    fn rejects_nonsense() {
        for bad in [
            "",
            "None",
            "2018-13-01T00:00:00",
            "2023-02-29T00:00:00",
            "2018-01-11T25:00:00",
            "2018-01-11T01:50:25.",
            "2018-01-11T01:50:25+8",
            "2018-01-11T01:50:25 junk",
            "２０１８-01-11T01:50:25",
        ] {
            assert_eq!(Timestamp::parse(bad), None, "{bad}");
        }
    }
}
