//! The words of exporting several disks: the controls, the pattern and its errors, each
//! disk's verdict, the run's rows and summary.

use evs_model::{BatchSummary, PatternError, Refusal, Verdict};

use super::{messages, Locale, Localize};

messages! {
    /// The batch export's messages.
    BatchMsg {
    Several: "Export several disks", "导出多个磁盘";
    SeveralHelp: "Tick the disks to export; one request per disk, sent one after another.",
        "勾选要导出的磁盘；每个磁盘一个请求，依次发送。";
    SelectPage: "Select all on this page", "全选本页";
    Pattern: "Image name pattern", "镜像名称模板";
    PatternHelp: "{name} is the disk's name (its ID when it has none), {id} its ID, {date} today's date (UTC, YYYYMMDD).",
        "{name} 为磁盘名称（无名称时为其 ID），{id} 为磁盘 ID，{date} 为今天的日期（UTC，YYYYMMDD）。";
    Preview: "The images to be created", "将创建的镜像";
    ColVerdict: "Export", "导出";
    WillExport: "Will be exported.", "将被导出。";
    NeedsForce: "In use: skipped unless \u{201c}Force export of an in-use disk\u{201d} is ticked.",
        "正在使用：除非勾选“强制导出使用中的磁盘”，否则跳过。";
    Skipped: "Skipped:", "跳过：";
    NonePicked: "Tick the disks to export in the list above.", "请在上方列表中勾选要导出的磁盘。";
    NoneEligible: "None of the picked disks can be exported as they are.", "所选磁盘均无法按当前设置导出。";
    Running: "Exporting the disks one after another…", "正在依次导出磁盘…";
    ResultTitle: "Several disks: progress", "多个磁盘：进度";
    ColResult: "Result", "结果";
    RowWaiting: "Waiting for the disks before it.", "等待前面的磁盘。";
    RowSending: "Sending the export…", "正在发送导出请求…";
    RowSkipped: "Not sent.", "未发送。";
    RowActive: "Exported: the image is active.", "已导出：镜像可用。";
    RowFailed: "Failed.", "失败。";
    RowFollowing: "Exporting…", "正在导出…";
    Failures: "Why the failures failed", "失败原因";
    }
}

/// "3 disks selected".
pub fn picked_count(n: usize, l: Locale) -> String {
    match l {
        Locale::En if n == 1 => "1 disk selected".into(),
        Locale::En => format!("{n} disks selected"),
        Locale::Zh => format!("已选 {n} 个磁盘"),
    }
}

/// The batch button: "Export 3 disks".
pub fn export_n(n: usize, l: Locale) -> String {
    match l {
        Locale::En if n == 1 => "Export 1 disk".into(),
        Locale::En => format!("Export {n} disks"),
        Locale::Zh => format!("导出 {n} 个磁盘"),
    }
}

/// "Done: 2. Failed: 0. Refused: 1."
pub fn batch_summary(s: BatchSummary, l: Locale) -> String {
    match l {
        Locale::En => format!(
            "Done: {}. Failed: {}. Refused (not sent): {}.",
            s.done, s.failed, s.refused
        ),
        Locale::Zh => format!(
            "完成：{}。失败：{}。拒绝（未发送）：{}。",
            s.done, s.failed, s.refused
        ),
    }
}

/// A disk's verdict, in one sentence.
pub fn verdict_text(v: &Verdict, l: Locale) -> String {
    match v {
        Verdict::Eligible => BatchMsg::WillExport.get(l).into(),
        Verdict::NeedsForce => BatchMsg::NeedsForce.get(l).into(),
        Verdict::Refused(reasons) => {
            let mut s = BatchMsg::Skipped.get(l).to_string();
            for r in reasons {
                s.push(' ');
                s.push_str(&r.localize(l));
            }
            s
        }
    }
}

impl Localize for Refusal {
    fn localize(&self, l: Locale) -> String {
        match self {
            Refusal::Blocked(b) => b.localize(l),
            Refusal::Field(f) => f.localize(l),
        }
    }
}

impl Localize for PatternError {
    fn localize(&self, l: Locale) -> String {
        match self {
            PatternError::Empty => l
                .pick("Type a pattern, e.g. {name}-{date}.", "请输入模板，例如 {name}-{date}。")
                .into(),
            PatternError::UnknownPlaceholder(p) => {
                let p: String = p.chars().take(20).collect();
                match l {
                    Locale::En => {
                        format!("{{{p}}} is not a placeholder: use {{name}}, {{id}} or {{date}}.")
                    }
                    Locale::Zh => {
                        format!("{{{p}}} 不是占位符：请使用 {{name}}、{{id}} 或 {{date}}。")
                    }
                }
            }
            PatternError::Unbalanced => l
                .pick(
                    "A brace is not closed or not opened: placeholders are {name}, {id} and {date}.",
                    "花括号不成对：占位符为 {name}、{id} 和 {date}。",
                )
                .into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use evs_model::{parse_volume, plan_batch, Dialect, ExportForm, FormatOffer, NamePattern};

    #[test]
    fn counts_and_summary_in_both_languages() {
        assert_eq!(export_n(3, Locale::En), "Export 3 disks");
        assert_eq!(export_n(1, Locale::En), "Export 1 disk");
        assert_eq!(export_n(3, Locale::Zh), "导出 3 个磁盘");
        assert_eq!(picked_count(2, Locale::En), "2 disks selected");
        let s = BatchSummary {
            done: 2,
            failed: 0,
            refused: 1,
        };
        assert_eq!(
            batch_summary(s, Locale::En),
            "Done: 2. Failed: 0. Refused (not sent): 1."
        );
        assert!(crate::i18n::tests::has_cjk(&batch_summary(s, Locale::Zh)));
        for m in BatchMsg::ALL {
            assert!(crate::i18n::tests::has_cjk(m.get(Locale::Zh)), "{m:?}");
        }
    }

    #[test]
    fn verdicts_and_pattern_errors_say_why() {
        let v = parse_volume(
            200,
            r#"{"volume": {"id": "e", "name": "broken", "status": "error", "size": 1}}"#,
        )
        .unwrap();
        let pattern = NamePattern::parse("{name}").unwrap();
        let plan = plan_batch(
            &[v],
            &pattern,
            &ExportForm::new(Dialect::HuaweiEvs),
            |_| FormatOffer::all(Dialect::HuaweiEvs),
            "d",
        );
        let en = verdict_text(&plan[0].verdict, Locale::En);
        assert!(
            en.starts_with("Skipped: The disk is in the \"error\" state"),
            "{en}"
        );
        assert!(verdict_text(&plan[0].verdict, Locale::Zh).starts_with("跳过："));
        let e = NamePattern::parse("{nom}").unwrap_err();
        assert_eq!(
            e.localize(Locale::En),
            "{nom} is not a placeholder: use {name}, {id} or {date}."
        );
        assert!(crate::i18n::tests::has_cjk(&e.localize(Locale::Zh)));
    }
}
