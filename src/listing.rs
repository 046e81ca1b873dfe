//! The disk list's filter and summary line, as plain functions.

use evs_model::Volume;

use crate::text::{Locale, Msg};

/// Whether a disk matches the filter text (case-insensitive, by name or id). An empty
/// filter matches every disk.
pub fn matches(volume: &Volume, filter: &str) -> bool {
    let needle = filter.trim().to_lowercase();
    needle.is_empty()
        || volume.name.to_lowercase().contains(&needle)
        || volume.id.as_str().to_lowercase().contains(&needle)
}

/// The line under the toolbar: which page, how many disks shown, what was skipped.
pub fn summary(l: Locale, page_no: usize, total: usize, shown: usize, skipped: usize) -> String {
    if total == 0 && skipped == 0 {
        return Msg::NoDisks.get(l).to_string();
    }
    let mut s = match l {
        Locale::En => format!("Page {page_no}: {shown} of {total} disks shown."),
        Locale::Zh => [
            "第 ",
            &page_no.to_string(),
            " 页：显示 ",
            &shown.to_string(),
            " 个磁盘，共 ",
            &total.to_string(),
            " 个。",
        ]
        .concat(),
    };
    if shown == 0 && total > 0 {
        s.push(' ');
        s.push_str(Msg::NoMatch.get(l));
    }
    if skipped > 0 {
        s.push_str(&match l {
            Locale::En => format!(" {skipped} unreadable entries skipped."),
            Locale::Zh => [" 已跳过 ", &skipped.to_string(), " 个无法读取的条目。"].concat(),
        });
    }
    s
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
    }

    #[test]
    fn summaries() {
        assert_eq!(
            summary(Locale::En, 1, 20, 20, 0),
            "Page 1: 20 of 20 disks shown."
        );
        assert_eq!(
            summary(Locale::En, 2, 20, 0, 1),
            "Page 2: 0 of 20 disks shown. No disk on this page matches the filter. 1 unreadable entries skipped."
        );
        assert_eq!(summary(Locale::En, 1, 0, 0, 0), "No disks in this project.");
        assert_eq!(
            summary(Locale::Zh, 2, 20, 0, 1),
            "第 2 页：显示 0 个磁盘，共 20 个。 本页没有符合筛选条件的磁盘。 已跳过 1 个无法读取的条目。"
        );
    }
}
