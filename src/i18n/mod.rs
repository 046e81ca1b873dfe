//! Every user-visible word of the console, English and Simplified Chinese side by side.
//!
//! - [`Msg`]: the fixed messages, one table (`messages!` in `catalog.rs`): a message without
//!   both languages does not compile.
//! - [`Localize`]: evs-model's typed reasons (name rules, disk checks, API errors, statuses)
//!   worded here, both languages in the same `match` arm.
//! - Sentences with numbers (counters, the disk list's summary) are functions here too.
//!
//! Depends only on evs-model: no Leptos, no browser. Server text is never translated: it is
//! shown as sent, beside our own words.

mod batch;
mod cancel;
mod catalog;
mod formats;
mod leftovers;
mod metadata;
mod model;
mod search;
mod signin;
mod why;

pub use batch::{batch_summary, export_n, picked_count, verdict_text, BatchMsg};
pub use cancel::{refusal_text, CancelMsg};
#[allow(unused_imports)] // used by the feature tables as `crate::i18n::messages!`
pub(crate) use catalog::messages;
pub use catalog::{Message, Msg};
pub use formats::{withheld_reason, FormatsMsg};
pub use leftovers::{age_text, delete_label, LeftoverMsg};
pub use metadata::{metadata_label, MetaMsg};
pub use model::{
    disk_list_summary, error_hint, error_line, error_message, error_title, force_explanation,
    sentence, Localize,
};
pub use search::{search_fallback, SearchMsg};
pub use signin::{catalog_problem, identity_problem, SignInMsg};
pub use why::{event_advice, event_explanation, WhyMsg};

use evs_model::{ContainerFormat, Dialect, DiskFormat};

/// The colon after a label: `": "` in English, the full-width `"："` in Chinese.
pub fn colon(l: Locale) -> &'static str {
    l.pick(": ", "：")
}

/// A language of the console.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Locale {
    /// English (the default).
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::En, Locale::Zh];

    /// A BCP 47 tag: `zh`, `zh-CN`, `zh-Hans-CN` → Chinese; `en`, `en-GB` → English; any
    /// other language → `None`. The one parser of languages (configuration, `?lang=`, the
    /// browser's preferences, the language menu).
    pub fn parse(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("zh") {
            Some(Locale::Zh)
        } else if primary.eq_ignore_ascii_case("en") {
            Some(Locale::En)
        } else {
            None
        }
    }

    /// The first supported language of a preference list (`navigator.languages`); English
    /// when none is.
    pub fn negotiate<'a>(tags: impl IntoIterator<Item = &'a str>) -> Locale {
        tags.into_iter().find_map(Locale::parse).unwrap_or_default()
    }

    /// The tag for `<html lang>` and `toLocaleString`.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Zh => "zh-CN",
        }
    }

    /// The language's own name, for the language menu.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Zh => "简体中文",
        }
    }

    /// `en` in English, `zh` in Chinese: the two halves of one message.
    pub fn pick<'a>(self, en: &'a str, zh: &'a str) -> &'a str {
        match self {
            Locale::En => en,
            Locale::Zh => zh,
        }
    }
}

/// The product name of a dialect, for menus and messages.
pub fn dialect_name(d: Dialect, l: Locale) -> &'static str {
    match d {
        Dialect::HuaweiEvs => l.pick("Huawei Cloud EVS", "华为云 EVS"),
        Dialect::OpenStackCinder => "OpenStack Cinder v3",
    }
}

/// One concrete line per disk format.
pub fn disk_format_help(f: DiskFormat) -> Msg {
    match f {
        DiskFormat::Zvhd2 => Msg::FmtZvhd2,
        DiskFormat::Zvhd => Msg::FmtZvhd,
        DiskFormat::Vhd => Msg::FmtVhd,
        DiskFormat::Qcow2 => Msg::FmtQcow2,
        DiskFormat::Raw => Msg::FmtRaw,
        DiskFormat::Vmdk => Msg::FmtVmdk,
        DiskFormat::Vdi => Msg::FmtVdi,
        DiskFormat::Vhdx => Msg::FmtVhdx,
        DiskFormat::Ploop => Msg::FmtPloop,
    }
}

/// One concrete line per container format.
pub fn container_format_help(f: ContainerFormat) -> Msg {
    match f {
        ContainerFormat::Bare => Msg::CfBare,
        ContainerFormat::Ovf => Msg::CfOvf,
        ContainerFormat::Ova => Msg::CfOva,
        ContainerFormat::Ami => Msg::CfAmi,
        ContainerFormat::Ari => Msg::CfAri,
        ContainerFormat::Aki => Msg::CfAki,
        ContainerFormat::Docker => Msg::CfDocker,
        ContainerFormat::Compressed => Msg::CfCompressed,
    }
}

/// The three stages the progress view shows.
pub const STAGES: [Msg; 3] = [Msg::StageQueued, Msg::StageSaving, Msg::StageActive];

/// "—": no value.
pub const NONE: &str = "—";

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn has_cjk(s: &str) -> bool {
        s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    /// Checks a message table: both languages, each in its own script.
    pub(crate) fn check_table<M: Message + std::fmt::Debug + PartialEq>(
        all: &[M],
        exceptions: &[M],
    ) {
        for m in all {
            let (en, zh) = (m.get(Locale::En), m.get(Locale::Zh));
            assert!(!en.trim().is_empty(), "{m:?} has no English");
            assert!(!zh.trim().is_empty(), "{m:?} has no Chinese");
            assert!(
                !has_cjk(en) || exceptions.contains(m),
                "{m:?}: Chinese in the English text"
            );
            assert!(
                has_cjk(zh) || exceptions.contains(m),
                "{m:?}: the Chinese text is not Chinese: {zh}"
            );
        }
    }

    #[test]
    fn every_message_has_both_languages() {
        // "Language / 语言" is both; an id and a dash are the same in both.
        check_table(Msg::ALL, &[Msg::Language, Msg::ColId, Msg::None]);
        assert!(Msg::ALL.len() > 100);
    }

    #[test]
    fn every_format_has_help_in_both_languages() {
        for d in Dialect::ALL {
            for f in d.disk_formats() {
                assert!(has_cjk(disk_format_help(*f).get(Locale::Zh)));
            }
            for f in d.container_formats() {
                assert!(has_cjk(container_format_help(*f).get(Locale::Zh)));
            }
            assert!(!dialect_name(d, Locale::En).is_empty());
        }
    }

    #[test]
    fn locale_negotiation() {
        assert_eq!(Locale::parse("zh-CN"), Some(Locale::Zh));
        assert_eq!(Locale::parse("zh_Hans"), Some(Locale::Zh));
        assert_eq!(Locale::parse("ZH"), Some(Locale::Zh));
        assert_eq!(Locale::parse("en-GB"), Some(Locale::En));
        assert_eq!(Locale::parse("fr"), None);
        assert_eq!(Locale::parse(""), None);
        assert_eq!(Locale::negotiate(["fr", "zh-TW", "en"]), Locale::Zh);
        assert_eq!(Locale::negotiate(["de", "en-US", "zh"]), Locale::En);
        assert_eq!(Locale::negotiate([]), Locale::En);
        for l in Locale::ALL {
            assert_eq!(Locale::parse(l.tag()), Some(l));
        }
    }
}
