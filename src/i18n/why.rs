//! "Why it failed": the words around Cinder's user messages, and our explanation of each
//! event (what happened, what to do). Cinder's own text is shown as sent, beside these.

use evs_model::EventDetail;

use super::{messages, Locale};

messages! {
    /// The "Why it failed" view.
    WhyMsg {
    Heading: "Why it failed", "失败原因";
    Asking: "Asking the block storage service why…", "正在向块存储服务查询原因…";
    CinderSaid: "Cinder's message", "Cinder 的消息";
    Event: "Event", "事件";
    Recorded: "Recorded", "记录时间";
    WhatHappened: "What happened", "发生了什么";
    WhatToDo: "What to do", "怎么办";
    Earlier: "Other messages about this disk since the export", "导出以来关于此磁盘的其他消息";
    NoMessage: "Cinder recorded no message about this disk since the export started. Check the disk's status below; if it is available or in-use, export again, perhaps in another disk format.",
        "自导出开始以来，Cinder 没有记录关于此磁盘的消息。请查看下方的磁盘状态；如为“可用”或“正在使用”，请重新导出（可换一种磁盘格式）。";
    Unreadable: "Cinder's messages could not be read:", "无法读取 Cinder 的消息：";
    NoApi: "Huawei Cloud EVS has no API that says why an export failed. What is known: the image's and the disk's status below.",
        "华为云 EVS 没有说明导出失败原因的 API。已知的信息：下方的镜像状态和磁盘状态。";
    NoApiNext: "Where to look next: the disk's and the image's operation records in Cloud Trace Service (CTS), if it is enabled for the project; then export again, perhaps in another disk format. If it fails again, give the image ID and the disk ID to Huawei Cloud support.",
        "下一步：如果项目已启用云审计服务（CTS），请查看磁盘和镜像的操作记录；然后重新导出（可换一种磁盘格式）。如仍失败，请将镜像 ID 和磁盘 ID 提供给华为云技术支持。";
    }
}

/// What the event means for an export, in `l`.
pub fn event_explanation(detail: &EventDetail, l: Locale) -> &'static str {
    match detail {
        EventDetail::FailedToUploadVolume => l.pick(
            "The storage backend could not write the disk's data into the image (the copy or the conversion to the disk format failed). Cinder deleted the image and gave the disk its status back.",
            "存储后端未能将磁盘数据写入镜像（复制或转换为所选磁盘格式失败）。Cinder 已删除该镜像，并恢复了磁盘状态。",
        ),
        EventDetail::QuotaExceeded => l.pick(
            "The project has no quota left for another image.",
            "项目的镜像配额已用完。",
        ),
        EventDetail::NotEnoughSpaceForImage => l.pick(
            "The image is larger than the space available for it.",
            "镜像大于可用空间。",
        ),
        EventDetail::DriverNotInitialized => l.pick(
            "The disk's storage backend is not ready: its driver is not initialized.",
            "磁盘所在的存储后端尚未就绪：其驱动未初始化。",
        ),
        EventDetail::NoBackendAvailable => l.pick(
            "No storage backend could take the request.",
            "没有可以处理该请求的存储后端。",
        ),
        EventDetail::SignatureVerificationFailed => l.pick(
            "An image signature could not be verified.",
            "镜像签名验证失败。",
        ),
        _ => l.pick(
            "Cinder recorded an error whose cause it does not name.",
            "Cinder 记录了一个错误，但未说明原因。",
        ),
    }
}

/// What the operator can do about the event, in `l`.
pub fn event_advice(detail: &EventDetail, l: Locale) -> &'static str {
    match detail {
        EventDetail::FailedToUploadVolume => l.pick(
            "Export again in another disk format: raw or qcow2 work with every backend (vhd fails on most). If that fails too, give the request ID to the cloud's operators: the block storage service's log names the cause.",
            "请换一种磁盘格式重新导出：raw 或 qcow2 适用于所有后端（vhd 在大多数后端上会失败）。如仍失败，请将请求 ID 提供给云平台运维人员：块存储服务的日志中记录了原因。",
        ),
        EventDetail::QuotaExceeded => l.pick(
            "Delete images you no longer need (leftover images first) or ask for a larger image quota, then export again.",
            "请删除不再需要的镜像（先删除遗留镜像），或申请更大的镜像配额，然后重新导出。",
        ),
        EventDetail::NotEnoughSpaceForImage => l.pick(
            "Ask the cloud's operators to free space in the image store, then export again.",
            "请联系云平台运维人员释放镜像存储空间，然后重新导出。",
        ),
        _ => l.pick(
            "Wait a few minutes and export again; if it fails again, give the request ID to the cloud's operators.",
            "请等待几分钟后重新导出；如仍失败，请将请求 ID 提供给云平台运维人员。",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::tests::{check_table, has_cjk};

    #[test]
    fn every_word_in_both_languages() {
        check_table(WhyMsg::ALL, &[]);
        for d in [
            EventDetail::FailedToUploadVolume,
            EventDetail::QuotaExceeded,
            EventDetail::NotEnoughSpaceForImage,
            EventDetail::DriverNotInitialized,
            EventDetail::NoBackendAvailable,
            EventDetail::SignatureVerificationFailed,
            EventDetail::UnknownError,
            EventDetail::Other("999".into()),
        ] {
            for f in [event_explanation, event_advice] {
                assert!(!has_cjk(f(&d, Locale::En)), "{d:?}");
                assert!(has_cjk(f(&d, Locale::Zh)), "{d:?}");
            }
        }
        assert_ne!(
            event_explanation(&EventDetail::FailedToUploadVolume, Locale::En),
            event_explanation(&EventDetail::UnknownError, Locale::En)
        );
    }
}
