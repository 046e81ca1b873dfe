//! Sizes, durations, counters, JSON for display: the same in both languages.

/// A disk size in GB as the console shows it (in both languages): `40 GB`,
/// `2,048 GB (2 TiB)`.
pub fn size_gb(gb: u64) -> String {
    let mut s = grouped(gb);
    s.push_str(" GB");
    if gb >= 1024 && gb.is_multiple_of(1024) {
        s.push_str(&format!(" ({} TiB)", grouped(gb / 1024)));
    }
    s
}

/// `1234567` → `1,234,567` (English and Chinese both group thousands with a comma).
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A byte count with a binary unit: `512 B`, `1.5 KiB`, `40.0 GiB` (one decimal, rounded;
/// integer arithmetic: no float formatting in the bundle).
pub fn bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["KiB", "MiB", "GiB", "TiB", "PiB"];
    if n < 1024 {
        return [&n.to_string(), " B"].concat();
    }
    let mut unit = 0;
    let mut div: u128 = 1024;
    while u128::from(n) / div >= 1024 && unit < UNITS.len() - 1 {
        div *= 1024;
        unit += 1;
    }
    let tenths = (u128::from(n) * 10 + div / 2) / div;
    [
        &(tenths / 10).to_string(),
        ".",
        &(tenths % 10).to_string(),
        " ",
        UNITS[unit],
    ]
    .concat()
}

/// Elapsed seconds as `m:ss`, or `h:mm:ss` from an hour on.
pub fn elapsed(secs: u64) -> String {
    let (h, m, s) = (secs / 3600, secs % 3600 / 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// The character counter of a text field: `12 / 128`.
pub fn counter(count: usize, limit: usize) -> String {
    format!("{count} / {limit}")
}

/// The longest response body the "show request" view keeps.
pub const MAX_SHOWN_BODY: usize = 20_000;

/// A response body for display: indented when it is JSON, otherwise as sent; cut to
/// [`MAX_SHOWN_BODY`] characters either way.
pub fn pretty_body(body: &str) -> String {
    let pretty = serde_json::from_str::<serde_json::Value>(body)
        .ok()
        .and_then(|v| serde_json::to_string_pretty(&v).ok());
    let text = pretty.as_deref().unwrap_or(body);
    if text.chars().count() > MAX_SHOWN_BODY {
        let mut cut: String = text.chars().take(MAX_SHOWN_BODY).collect();
        cut.push_str("\n… (cut)");
        cut
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(size_gb(40), "40 GB");
        assert_eq!(size_gb(2048), "2,048 GB (2 TiB)");
        assert_eq!(size_gb(1025), "1,025 GB");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1_234_567), "1,234,567");
        assert_eq!(grouped(u64::MAX), "18,446,744,073,709,551,615");
        assert_eq!(size_gb(0), "0 GB");
        assert_eq!(bytes(0), "0 B");
        assert_eq!(bytes(1536), "1.5 KiB");
        assert_eq!(bytes(40 * 1024 * 1024 * 1024), "40.0 GiB");
        assert_eq!(bytes(u64::MAX), "16384.0 PiB");
        assert_eq!(bytes(1024 * 1024 - 1), "1024.0 KiB");
        assert_eq!(bytes(1024 * 1024), "1.0 MiB");
        assert_eq!(bytes(1023), "1023 B");
        assert_eq!(bytes(1127), "1.1 KiB");
    }

    #[test]
    fn durations_and_counters() {
        assert_eq!(elapsed(0), "0:00");
        assert_eq!(elapsed(65), "1:05");
        assert_eq!(elapsed(3723), "1:02:03");
        assert_eq!(counter(12, 128), "12 / 128");
    }

    #[test]
    fn bodies() {
        assert_eq!(pretty_body(r#"{"a":1}"#), "{\n  \"a\": 1\n}");
        assert_eq!(pretty_body("<html>x</html>"), "<html>x</html>");
        let long = "x".repeat(MAX_SHOWN_BODY + 5);
        assert!(pretty_body(&long).ends_with("… (cut)"));
        assert_eq!(pretty_body(""), "");
    }
}
