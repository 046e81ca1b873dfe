//! The words of the disk search: who filters, and why the page's own filter stands in.

use evs_model::ApiError;

use super::{error_line, messages, Locale};

messages! {
    /// The disk search's messages.
    SearchMsg {
    Server: "Searching every disk of the project by name (a whole disk ID finds that disk).",
        "正在按名称搜索项目中的所有磁盘（输入完整的磁盘 ID 可直接找到该磁盘）。";
    NoResult: "No disk of the project matches the search.", "项目中没有符合搜索条件的磁盘。";
    PageOnly: "This cloud does not filter disks by name on the server, so only the page shown is searched.",
        "此云平台不支持在服务端按名称筛选磁盘，因此只在当前页中搜索。";
    }
}

/// The fallback line: what happened, and the server's answer as the reason.
pub fn search_fallback(e: &ApiError, l: Locale) -> String {
    [SearchMsg::PageOnly.get(l), " (", &error_line(e, l), ")"].concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fallback_names_the_servers_answer() {
        let e = ApiError::from_response(
            400,
            r#"{"badRequest": {"code": 400, "message": "Invalid filters name~ are found in query options."}}"#,
        );
        let en = search_fallback(&e, Locale::En);
        assert!(en.starts_with("This cloud does not filter"));
        assert!(en.contains("Invalid filters name~"));
        let zh = search_fallback(&e, Locale::Zh);
        assert!(crate::i18n::tests::has_cjk(&zh) && zh.contains("Invalid filters name~"));
        for m in SearchMsg::ALL {
            assert!(crate::i18n::tests::has_cjk(m.get(Locale::Zh)));
        }
    }
}
