//! Small helpers with no dependencies: timestamps, a seeded RNG, UUIDs, HTML escaping.
//! (Query strings: `form_urlencoded`; percent-encoding: `percent-encoding` and
//! `evs_model::path_segment`.)

use std::time::{SystemTime, UNIX_EPOCH};

/// Microseconds since the Unix epoch, from the wall clock.
pub fn wall_clock_micros() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_micros()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

// Wire timestamps and civil dates come from evs-model (one implementation of the calendar).
pub use evs_model::{
    days_from_civil, format_evs_time as evs_time, format_glance_time as glance_time,
};

/// SplitMix64: tiny, seedable, good enough for ids and coin flips.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }

    /// A float in `[0, 1)`.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A random (version 4) UUID.
    pub fn uuid(&mut self) -> String {
        uuid_from(self.next_u64(), self.next_u64())
    }
}

pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Formats 128 bits as a version-4, RFC 4122-variant UUID.
pub fn uuid_from(hi: u64, lo: u64) -> String {
    let hi = (hi & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000;
    let lo = (lo & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000;
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        hi >> 32,
        (hi >> 16) & 0xFFFF,
        hi & 0xFFFF,
        lo >> 48,
        lo & 0xFFFF_FFFF_FFFF
    )
}

/// Escapes text for an HTML page.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_round_trip_through_the_model_parser() {
        let micros = 1_515_635_425_800_931;
        assert_eq!(evs_time(micros), "2018-01-11T01:50:25.800931");
        assert_eq!(glance_time(micros), "2018-01-11T01:50:25Z");
        let parsed = evs_model::Timestamp::parse(&evs_time(micros)).expect("parses");
        assert_eq!(parsed.unix_millis(), 1_515_635_425_800);
        assert_eq!(evs_time(0), "1970-01-01T00:00:00.000000");
        assert_eq!(days_from_civil(2018, 1, 11) * 86_400, 1_515_628_800);
    }

    #[test]
    fn rng_is_deterministic_and_uuids_are_v4() {
        let mut a = Rng(7);
        let mut b = Rng(7);
        assert_eq!(a.uuid(), b.uuid());
        let id = a.uuid();
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "4");
        assert!(matches!(&id[19..20], "8" | "9" | "a" | "b"));
        let f = a.next_f64();
        assert!((0.0..1.0).contains(&f));
    }

    #[test]
    fn html_is_escaped() {
        assert_eq!(
            html_escape("<a href=\"x\">'&"),
            "&lt;a href=&quot;x&quot;&gt;&#x27;&amp;"
        );
    }
}
