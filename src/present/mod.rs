//! Presentation that is the same in every language: sizes, times, counters, response
//! bodies, the equivalent curl command, the disk filter. Depends only on evs-model.

pub mod curl;
pub mod format;

use evs_model::Volume;

/// Whether a disk matches the filter text (by name or id, ignoring ASCII case). An empty
/// filter matches every disk.
pub fn matches(volume: &Volume, filter: &str) -> bool {
    let needle = filter.trim();
    needle.is_empty()
        || contains_ignore_ascii_case(&volume.name, needle)
        || contains_ignore_ascii_case(volume.id.as_str(), needle)
}

/// `haystack` contains `needle`, ASCII letters compared without case (other characters,
/// such as Chinese, exactly: no Unicode case tables in the bundle).
fn contains_ignore_ascii_case(haystack: &str, needle: &str) -> bool {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    n.len() <= h.len() && h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use evs_model::parse_volume;

    fn vol(id: &str, name: &str) -> Volume {
        parse_volume(
            200,
            &format!(r#"{{"volume": {{"id": "{id}", "name": "{name}", "status": "available", "size": 1}}}}"#),
        )
        .unwrap()
    }

    #[test]
    fn filter_by_name_or_id() {
        let v = vol("A0-77", "数据盘-Finance");
        assert!(matches(&v, ""));
        assert!(matches(&v, "  finance "));
        assert!(matches(&v, "数据"));
        assert!(matches(&v, "a0-7"));
        assert!(!matches(&v, "bulk"));
        assert!(matches(&vol("x", ""), "X"));
        assert!(!matches(&vol("x", "ab"), "abc"));
    }
}
