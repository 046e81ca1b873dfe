//! The "Leftover images" view, in both languages.

use super::{messages, Locale};

messages! {
    /// Leftover images.
    LeftoverMsg {
    Heading: "Leftover images", "遗留镜像";
    Intro: "Images of this project that an export created and never filled: queued for over an hour with no upload going on (an export that failed or was refused after its image was made). Found through the image service, not guessed from names.",
        "导出创建但从未写入数据的本项目镜像：处于“排队中”超过一小时且没有正在进行的上传（镜像创建后导出失败或被拒绝）。通过镜像服务查找，而非根据名称猜测。";
    Find: "Find leftover images", "查找遗留镜像";
    Loading: "Looking for leftover images…", "正在查找遗留镜像…";
    NoneFound: "No leftover images: no image of this project has been queued for over an hour.",
        "没有遗留镜像：本项目中没有处于“排队中”超过一小时的镜像。";
    Caption: "Leftover images of the project", "本项目的遗留镜像";
    Age: "Age", "存在时间";
    Actions: "Actions", "操作";
    Delete: "Delete", "删除";
    Deleting: "Deleting…", "正在删除…";
    Deleted: "The leftover image was deleted.", "遗留镜像已删除。";
    AlreadyGone: "The image was already gone.", "该镜像已不存在。";
    CouldNotList: "The image list could not be read:", "无法读取镜像列表：";
    }
}

/// "Delete <name>": the accessible name of a row's delete button (it starts with the
/// button's visible text, [`LeftoverMsg::Delete`], as WCAG 2.5.3 asks).
pub fn delete_label(name: &str, l: Locale) -> String {
    [l.pick("Delete ", "删除 "), name].concat()
}

/// An image's age: `45 min`, `5 h`, `2 d 3 h` (`45 分钟`, `5 小时`, `2 天 3 小时`).
pub fn age_text(ms: i64, l: Locale) -> String {
    let minutes = ms.max(0) / 60_000;
    let (d, h, m) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
    let unit = |n: i64, en: &str, zh: &str| [n.to_string().as_str(), " ", l.pick(en, zh)].concat();
    match (d, h) {
        (0, 0) => unit(m, "min", "分钟"),
        (0, h) => unit(h, "h", "小时"),
        (d, 0) => unit(d, "d", "天"),
        (d, h) => [unit(d, "d", "天"), " ".into(), unit(h, "h", "小时")].concat(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::tests::check_table;

    #[test]
    fn words_and_ages() {
        check_table(LeftoverMsg::ALL, &[]);
        let hour = 3_600_000;
        assert_eq!(age_text(5 * hour + 59_000, Locale::En), "5 h");
        assert_eq!(age_text(51 * hour, Locale::En), "2 d 3 h");
        assert_eq!(age_text(48 * hour, Locale::Zh), "2 天");
        assert_eq!(age_text(45 * 60_000, Locale::Zh), "45 分钟");
        assert_eq!(age_text(-5, Locale::En), "0 min");
        assert_eq!(
            delete_label("leftover-01", Locale::En),
            "Delete leftover-01"
        );
    }
}
