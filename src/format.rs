//! Small presentation helpers: sizes, durations, counters, JSON for display.

/// A disk size in GB as the console shows it: `40 GB`, `2048 GB (2 TiB)`.
pub fn size_gb(gb: u64) -> String {
    if gb >= 1024 && gb.is_multiple_of(1024) {
        format!("{gb} GB ({} TiB)", gb / 1024)
    } else {
        format!("{gb} GB")
    }
}

/// A byte count with a binary unit: `512 B`, `1.5 KiB`, `40.0 GiB`.
pub fn bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["KiB", "MiB", "GiB", "TiB", "PiB"];
    if n < 1024 {
        return format!("{n} B");
    }
    let mut value = n as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
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
        assert_eq!(size_gb(2048), "2048 GB (2 TiB)");
        assert_eq!(size_gb(1025), "1025 GB");
        assert_eq!(size_gb(0), "0 GB");
        assert_eq!(bytes(0), "0 B");
        assert_eq!(bytes(1536), "1.5 KiB");
        assert_eq!(bytes(40 * 1024 * 1024 * 1024), "40.0 GiB");
        assert_eq!(bytes(u64::MAX), "16384.0 PiB");
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
