//! Cancelling a running export: the confirmation, the outcome and every refusal, in both
//! languages.

use evs_model::DeleteRefusal;

use super::{messages, Locale};

messages! {
    /// The cancel of a running export (and the delete of a leftover image).
    CancelMsg {
    CancelExport: "Cancel export", "取消导出";
    ConfirmHeading: "Cancel this export?", "取消此导出？";
    ConfirmWhat: "The image is deleted, the upload stops, and the disk returns to the status it had before the export (available or in-use). The disk's own data is not touched.",
        "镜像将被删除，上传停止，磁盘恢复为导出前的状态（“可用”或“正在使用”）。磁盘本身的数据不受影响。";
    DeleteImage: "Delete the image", "删除镜像";
    Keep: "Keep exporting", "继续导出";
    Deleting: "Deleting the image…", "正在删除镜像…";
    Cancelled: "The export was cancelled: the image was deleted and the upload stopped.",
        "导出已取消：镜像已删除，上传已停止。";
    AlreadyActive: "Too late to cancel: the export finished and the image is active. Nothing was deleted; the image is ready to use.",
        "来不及取消：导出已完成，镜像已可用。未删除任何内容；镜像可以使用。";
    AlreadyEnded: "Nothing to cancel: the export had already ended. Nothing was deleted.",
        "无需取消：导出已经结束。未删除任何内容。";
    Unchecked: "The image's status could not be read, so nothing was deleted and the export goes on:",
        "无法读取镜像状态，因此未删除任何内容，导出继续进行：";
    LeftoverHeading: "Delete this leftover image?", "删除此遗留镜像？";
    LeftoverWhat: "The image is deleted from the image service. It never received any data, and no disk changes.",
        "该镜像将从镜像服务中删除。它从未写入任何数据，任何磁盘都不会改变。";
    KeepLeftover: "Keep it", "保留";
    }
}

/// Why the image service refused to delete the image, and what that means, in `l`.
pub fn refusal_text(why: &DeleteRefusal, l: Locale) -> &'static str {
    match why {
        DeleteRefusal::Protected => l.pick(
            "The image service refused to delete the image: it is protected. Nothing was deleted. To delete it, remove the protection first (openstack image set --unprotected <image ID>), then try again.",
            "镜像服务拒绝删除该镜像：镜像受保护。未删除任何内容。如要删除，请先解除保护（openstack image set --unprotected <镜像 ID>），然后重试。",
        ),
        DeleteRefusal::NotPermitted => l.pick(
            "The image service refused to delete the image: this token may not delete it (the project is not its owner, or a policy forbids it). Nothing was deleted.",
            "镜像服务拒绝删除该镜像：此令牌无权删除它（项目不是镜像的所有者，或策略禁止）。未删除任何内容。",
        ),
        DeleteRefusal::Conflict => l.pick(
            "The image service cannot delete the image in its current state (409). Nothing was deleted; wait a moment and try again.",
            "镜像服务无法在镜像当前状态下删除它（409）。未删除任何内容；请稍候重试。",
        ),
        DeleteRefusal::Failed => l.pick(
            "The image could not be deleted. Nothing was deleted.",
            "无法删除该镜像。未删除任何内容。",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::tests::{check_table, has_cjk};

    #[test]
    fn every_word_in_both_languages() {
        check_table(CancelMsg::ALL, &[]);
        for why in [
            DeleteRefusal::Protected,
            DeleteRefusal::NotPermitted,
            DeleteRefusal::Conflict,
            DeleteRefusal::Failed,
        ] {
            assert!(!has_cjk(refusal_text(&why, Locale::En)));
            assert!(has_cjk(refusal_text(&why, Locale::Zh)));
        }
    }
}
