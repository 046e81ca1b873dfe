//! The words of "the formats this cloud accepts": the offer's notes and the reasons a
//! format is not offered.

use evs_model::Withheld;

use super::{messages, Locale};

messages! {
    /// The format offer's messages.
    FormatsMsg {
    FromSchema: "Only the formats this cloud's image service accepts are offered.",
        "仅列出此云平台镜像服务接受的格式。";
    SchemaFailed: "Could not read which formats this cloud's image service accepts, so Cinder's whole list is offered; the cloud may refuse some.",
        "无法读取此云平台镜像服务接受的格式，因此列出了 Cinder 的全部格式；云平台可能会拒绝其中一些。";
    Encrypted: "This disk is encrypted: Cinder exports an encrypted disk only as raw in a bare container, so only those are offered.",
        "此磁盘已加密：Cinder 只能将加密磁盘导出为 raw 格式、bare 容器，因此只列出这两项。";
    WhyNot: "Why are some formats not offered?", "为什么有些格式未列出？";
    NotDeployed: "this cloud's image service does not accept it.", "此云平台的镜像服务不接受该格式。";
    EncryptedOnly: "the disk is encrypted; Cinder exports it only as raw / bare.",
        "磁盘已加密；Cinder 只能将其导出为 raw / bare。";
    NoneOffered: "This cloud's image service accepts none of the formats Cinder can export.",
        "此云平台的镜像服务不接受 Cinder 可导出的任何格式。";
    CompressedRefused: "Cinder refused the compressed container: this cloud does not allow compression on upload (allow_compression_on_image_upload is off). Choose bare and export again.",
        "Cinder 拒绝了 compressed 容器：此云平台不允许上传时压缩（allow_compression_on_image_upload 未开启）。请选择 bare 后重新导出。";
    }
}

/// Why a format is not offered, as the end of a sentence.
pub fn withheld_reason(w: Withheld, l: Locale) -> &'static str {
    match w {
        Withheld::NotDeployed => FormatsMsg::NotDeployed.get(l),
        Withheld::Encrypted => FormatsMsg::EncryptedOnly.get(l),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Localize;
    use evs_model::{DeployedFormats, Dialect, ExportForm, FormatOffer};

    #[test]
    fn every_message_has_both_languages() {
        for m in FormatsMsg::ALL {
            let (en, zh) = (m.get(Locale::En), m.get(Locale::Zh));
            assert!(!en.is_empty() && !crate::i18n::tests::has_cjk(en), "{m:?}");
            assert!(crate::i18n::tests::has_cjk(zh), "{m:?}");
        }
    }

    #[test]
    fn a_withheld_choice_says_why_in_both_languages() {
        let deployed = DeployedFormats {
            disk: vec!["raw".into()],
            container: vec!["bare".into()],
        };
        let offer = FormatOffer::new(Dialect::OpenStackCinder, Some(&deployed), false);
        let form = ExportForm {
            image_name: "x".into(),
            disk_format: "vmdk".into(),
            ..ExportForm::new(Dialect::OpenStackCinder)
        };
        let errors = form.validate_with(&offer).unwrap_err();
        let e = errors.0.first().unwrap();
        assert_eq!(
            e.localize(Locale::En),
            "\"vmdk\": this cloud's image service does not accept it."
        );
        assert_eq!(
            e.localize(Locale::Zh),
            "“vmdk”：此云平台的镜像服务不接受该格式。"
        );
        let encrypted = FormatOffer::new(Dialect::OpenStackCinder, None, true);
        let e = form.validate_with(&encrypted).unwrap_err();
        assert!(e.0[0].localize(Locale::En).contains("encrypted"));
        assert!(e.0[0].localize(Locale::Zh).contains("加密"));
    }
}
