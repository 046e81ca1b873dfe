//! The words of the image's metadata: the fields, their help, their errors, and how setting
//! them went.

use evs_model::{
    Dialect, MetadataError, MetadataField, MAX_METADATA_CHARS, MAX_MIN_VALUE, MAX_TAGS,
};

use super::{messages, Locale, Localize};

messages! {
    /// The image-metadata messages.
    MetaMsg {
    Legend: "Image details (optional)", "镜像详情（可选）";
    Intro: "Set on the image once it is active; the export does not wait for them. Empty fields are left as they are.",
        "在镜像变为可用后设置；导出不会等待这些设置。留空的字段保持不变。";
    HuaweiOnly: "Huawei Cloud IMS lets the description and minimum memory be set after the export.",
        "华为云 IMS 在导出后仅允许设置描述和最低内存。";
    Description: "Description", "描述";
    Tags: "Tags", "标签";
    TagsHelp: "Separated by commas, e.g. backup, db.", "用逗号分隔，例如 backup, db。";
    MinDisk: "Minimum disk (GB)", "最小磁盘（GB）";
    MinRam: "Minimum memory (MB)", "最低内存（MB）";
    OsDistro: "OS distribution (os_distro)", "操作系统发行版（os_distro）";
    OsDistroHelp: "Lower case, as the image service expects: ubuntu, centos, windows, …",
        "按镜像服务的约定使用小写：ubuntu、centos、windows 等。";
    OsVersion: "OS version (os_version)", "操作系统版本（os_version）";
    ResultTitle: "Image details", "镜像详情";
    Waiting: "Will be set when the image is active.", "将在镜像可用后设置。";
    Sending: "Setting the image details…", "正在设置镜像详情…";
    Applied: "Image details set:", "已设置镜像详情：";
    Skipped: "Not set: the export did not produce an active image.", "未设置：导出未生成可用的镜像。";
    Failed: "The image details could not be set. The image itself is fine; set them in the image service.",
        "无法设置镜像详情。镜像本身不受影响，请在镜像服务中设置。";
    }
}

/// A field's label.
pub fn metadata_label(field: MetadataField) -> MetaMsg {
    match field {
        MetadataField::Description => MetaMsg::Description,
        MetadataField::Tags => MetaMsg::Tags,
        MetadataField::MinDisk => MetaMsg::MinDisk,
        MetadataField::MinRam => MetaMsg::MinRam,
        MetadataField::OsDistro => MetaMsg::OsDistro,
        MetadataField::OsVersion => MetaMsg::OsVersion,
    }
}

impl Localize for MetadataError {
    fn localize(&self, l: Locale) -> String {
        match self {
            MetadataError::TooLong { chars, .. } => match l {
                Locale::En => format!(
                    "{chars} characters: at most {MAX_METADATA_CHARS} (remove {}).",
                    chars - MAX_METADATA_CHARS
                ),
                Locale::Zh => format!(
                    "{chars} 个字符：最多 {MAX_METADATA_CHARS} 个（请删除 {} 个）。",
                    chars - MAX_METADATA_CHARS
                ),
            },
            MetadataError::ControlChar { position, .. } => match l {
                Locale::En => format!(
                    "Character {position} is a control character (a line break or tab); remove it."
                ),
                Locale::Zh => format!("第 {position} 个字符是控制字符（换行或制表符），请删除。"),
            },
            MetadataError::NotANumber { value, .. } => {
                let value: String = value.chars().take(40).collect();
                match l {
                    Locale::En => {
                        format!("\"{value}\" is not a whole number from 0 to {MAX_MIN_VALUE}.")
                    }
                    Locale::Zh => format!("“{value}”不是 0 到 {MAX_MIN_VALUE} 之间的整数。"),
                }
            }
            MetadataError::TooManyTags { count } => match l {
                Locale::En => format!("{count} tags: at most {MAX_TAGS}."),
                Locale::Zh => format!("{count} 个标签：最多 {MAX_TAGS} 个。"),
            },
            MetadataError::NotSupported { dialect, .. } => match (dialect, l) {
                (Dialect::HuaweiEvs, _) => MetaMsg::HuaweiOnly.get(l).to_string(),
                (Dialect::OpenStackCinder, Locale::En) => {
                    "The image service cannot set this field.".to_string()
                }
                (Dialect::OpenStackCinder, Locale::Zh) => "镜像服务无法设置此字段。".to_string(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use evs_model::MetadataForm;

    #[test]
    fn every_message_has_both_languages() {
        for m in MetaMsg::ALL {
            assert!(!crate::i18n::tests::has_cjk(m.get(Locale::En)), "{m:?}");
            assert!(crate::i18n::tests::has_cjk(m.get(Locale::Zh)), "{m:?}");
        }
    }

    #[test]
    fn errors_say_what_to_do_in_both_languages() {
        let bad = MetadataForm {
            description: "x".repeat(260),
            min_ram: "lots".into(),
            tags: "a\tb".into(),
            ..Default::default()
        };
        let errors = bad.validate(Dialect::OpenStackCinder).unwrap_err();
        let en: Vec<String> = errors.iter().map(|e| e.localize(Locale::En)).collect();
        assert_eq!(
            en,
            [
                "260 characters: at most 255 (remove 5).",
                "Character 2 is a control character (a line break or tab); remove it.",
                "\"lots\" is not a whole number from 0 to 2147483647.",
            ]
        );
        for e in &errors {
            assert!(crate::i18n::tests::has_cjk(&e.localize(Locale::Zh)));
        }
        let huawei = MetadataForm {
            tags: "a".into(),
            ..Default::default()
        };
        let e = huawei.validate(Dialect::HuaweiEvs).unwrap_err();
        assert!(e[0]
            .localize(Locale::En)
            .contains("description and minimum memory"));
    }
}
