//! evs-model's messages in the console's language. evs-model keeps its English `Display`
//! (the simulator and logs use it); here the app matches on its error enums and says the
//! same in Chinese. English is always evs-model's own text. Server text stays as sent.

use evs_model::{
    describe_char, ApiError, BlockReason, ErrorKind, ExportCheck, FieldError, FormField,
    ImageStatus, NameError, OsTypeEffect, VolumeStatus, MAX_EXPORT_SIZE_GB,
};

use crate::text::{Locale, Msg};

/// `label: value.` in English, `label：value。` in Chinese.
pub fn sentence(l: Locale, label: Msg, value: &str) -> String {
    match l {
        Locale::En => [label.get(l), ": ", value, "."].concat(),
        Locale::Zh => [label.get(l), "：", value, "。"].concat(),
    }
}

/// A disk status by name (`in-use` → `正在使用`); unknown statuses as sent.
pub fn volume_status(s: &VolumeStatus, l: Locale) -> String {
    if l == Locale::En {
        return s.as_str().to_string();
    }
    let zh = match s {
        VolumeStatus::Available => "可用",
        VolumeStatus::InUse => "正在使用",
        VolumeStatus::Uploading => "上传中",
        VolumeStatus::Creating => "创建中",
        VolumeStatus::Attaching => "挂载中",
        VolumeStatus::Detaching => "卸载中",
        VolumeStatus::Deleting => "删除中",
        VolumeStatus::Error => "错误",
        VolumeStatus::ErrorDeleting => "删除失败",
        VolumeStatus::Extending => "扩容中",
        VolumeStatus::Downloading => "下载中",
        VolumeStatus::Maintenance => "维护中",
        VolumeStatus::Reserved => "预留",
        VolumeStatus::Other(s) => return s.clone(),
    };
    zh.to_string()
}

/// An image status by name (`saving` → `保存中`); unknown statuses as sent.
pub fn image_status(s: &ImageStatus, l: Locale) -> String {
    if l == Locale::En {
        return s.as_str().to_string();
    }
    let zh = match s {
        ImageStatus::Queued => "排队中",
        ImageStatus::Saving => "保存中",
        ImageStatus::Active => "可用",
        ImageStatus::Killed => "已终止",
        ImageStatus::Deleted => "已删除",
        ImageStatus::PendingDelete => "等待删除",
        ImageStatus::Deactivated => "已停用",
        ImageStatus::Uploading => "上传中",
        ImageStatus::Importing => "导入中",
        ImageStatus::Other(s) => return s.clone(),
    };
    zh.to_string()
}

/// What is happening now and what comes next, for a running export.
pub fn now_and_next(s: &ImageStatus) -> Option<Msg> {
    match s.stage() {
        Some(0) => Some(Msg::NowQueued),
        Some(1) => Some(Msg::NowSaving),
        _ => None,
    }
}

fn field_zh(f: FormField) -> &'static str {
    match f {
        FormField::ImageName => "镜像名称",
        FormField::DiskFormat => "磁盘格式",
        FormField::ContainerFormat => "容器格式",
        FormField::Force => "强制",
        FormField::OsType => "操作系统类型",
        FormField::Visibility => "可见性",
        FormField::Protected => "受保护",
    }
}

/// An image-name error.
pub fn name_error(e: &NameError, l: Locale) -> String {
    if l == Locale::En {
        return e.to_string();
    }
    match e {
        NameError::Empty => "请输入镜像名称。".into(),
        NameError::TooLong { limit, actual } => [
            "名称长 ",
            &actual.to_string(),
            " 个字符，上限为 ",
            &limit.to_string(),
            " 个。请删除 ",
            &actual.saturating_sub(*limit).to_string(),
            " 个字符。",
        ]
        .concat(),
        NameError::LeadingSpace => "名称不能以空格开头。".into(),
        NameError::TrailingSpace => "名称不能以空格结尾。".into(),
        NameError::DisallowedChar { ch, position } => [
            "第 ",
            &position.to_string(),
            " 个字符 ",
            &describe_char(*ch),
            " 不允许使用。请使用字母、数字、空格、连字符（-）、句点（.）和下划线（_）。",
        ]
        .concat(),
    }
}

/// A form field's error.
pub fn field_error(e: &FieldError, l: Locale) -> String {
    if l == Locale::En {
        return e.to_string();
    }
    match e {
        FieldError::Name(n) => name_error(n, l),
        FieldError::Missing { field } => ["请选择", field_zh(*field), "。"].concat(),
        FieldError::Unknown { field, value } => {
            ["“", value, "”不是有效的", field_zh(*field), "。"].concat()
        }
        FieldError::NotAllowed {
            field,
            value,
            dialect,
        } => [
            dialect.label(),
            " 不接受",
            field_zh(*field),
            "“",
            value,
            "”。",
        ]
        .concat(),
        FieldError::NotSupported { field, dialect } => {
            [dialect.label(), " 没有“", field.wire_name(), "”字段。"].concat()
        }
    }
}

/// Why a disk cannot be exported.
pub fn block_reason(b: &BlockReason, l: Locale) -> String {
    if l == Locale::En {
        return b.to_string();
    }
    match b {
        BlockReason::TooLarge { size_gb } => [
            "磁盘容量为 ",
            &size_gb.to_string(),
            " GB；超过 ",
            &MAX_EXPORT_SIZE_GB.to_string(),
            " GB（1 TiB）的磁盘不能导出为镜像。",
        ]
        .concat(),
        BlockReason::AlreadyUploading => {
            "此磁盘正在导出（状态为“上传中”）。请等待导出完成。".into()
        }
        BlockReason::ErrorState(s) => {
            ["磁盘处于“", s, "”状态，无法导出。请先修复或恢复磁盘。"].concat()
        }
        BlockReason::WrongStatus(s) => [
            "磁盘状态为“",
            s,
            "”；只有“可用”的磁盘（或勾选强制时“正在使用”的磁盘）才能导出。请等待当前操作完成。",
        ]
        .concat(),
    }
}

/// Why an in-use disk needs force (and what it costs), when it does.
pub fn force_explanation(c: &ExportCheck, l: Locale) -> Option<&'static str> {
    let en = c.force_explanation()?;
    Some(match l {
        Locale::En => en,
        Locale::Zh => "此磁盘已挂载到运行中的云服务器（正在使用）。导出需要勾选“强制”，且镜像可能不一致：服务器尚未写入磁盘的数据不会包含在内。如有可能，请先停止服务器（或至少停止写入）。",
    })
}

/// Whether the OS type takes effect for the picked disk.
pub fn os_type_effect(e: &OsTypeEffect, l: Locale) -> String {
    if l == Locale::En {
        return e.to_string();
    }
    match e {
        OsTypeEffect::Applies => "镜像将标记为此操作系统类型。".into(),
        OsTypeEffect::IgnoredMetadata(os) => [
            "对此磁盘无效：其镜像元数据已将操作系统类型设为“",
            os,
            "”，镜像将沿用该值。",
        ]
        .concat(),
        OsTypeEffect::IgnoredNotAvailable(s) => [
            "对此磁盘无效：操作系统类型仅在磁盘状态为“可用”时生效，而它现在是“",
            s,
            "”。",
        ]
        .concat(),
        OsTypeEffect::NotInDialect => "此 API 没有操作系统类型字段。".into(),
    }
}

/// The error panel's title.
pub fn error_title(e: &ApiError, l: Locale) -> String {
    if l == Locale::En {
        return e.title();
    }
    match e.kind() {
        ErrorKind::Network => "无法连接服务".into(),
        ErrorKind::Timeout { .. } => "服务未在限定时间内应答".into(),
        ErrorKind::Aborted => "已取消".into(),
        _ => match e.status() {
            400 => "请求被拒绝 (400)".into(),
            401 => "未登录：令牌被拒绝 (401)".into(),
            403 => "无权操作 (403)".into(),
            404 => "未找到 (404)".into(),
            409 => "冲突 (409)".into(),
            s => {
                let what = match s {
                    413 | 429 => "超出限制 (",
                    500..=599 => "服务出错 (",
                    200..=299 => "无法读取响应 (",
                    _ => "请求失败 (",
                };
                [what, &s.to_string(), ")"].concat()
            }
        },
    }
}

/// What the operator can do about an error.
pub fn error_hint(e: &ApiError, l: Locale) -> &'static str {
    if l == Locale::En {
        return e.hint();
    }
    match (e.kind(), e.status()) {
        (ErrorKind::Network, _) => "请检查连接设置中的基础 URL 和网络连接，然后重试。",
        (ErrorKind::Timeout { .. }, _) => {
            "导出可能已被受理。重试前请检查磁盘状态（如已受理，状态为“上传中”）。"
        }
        (ErrorKind::Aborted, _) => "此请求不会再有后续操作。",
        (_, 401) => "请检查连接设置中的令牌：它可能有误或已过期。",
        (_, 403) => "令牌对应的用户没有此项目或此操作的权限。请申请 EVS 和 IMS 权限。",
        (_, 404) => "请检查项目 ID，并确认磁盘仍然存在（刷新磁盘列表）。",
        (_, 409) => "磁盘正忙。请等待当前操作完成后重试。",
        (_, 413 | 429) => "已达到配额或速率上限。请等待一分钟或释放配额后重试。",
        (_, 400) => "请按消息所述更正后重试；没有导出任何内容。",
        (_, 500..=599) => {
            "服务或其前面的网关出错。重试前请检查磁盘状态：导出可能已开始，也可能没有。"
        }
        (_, 200..=299) => "服务的应答格式控制台无法读取。导出可能已开始：请检查磁盘状态。",
        _ => "请重试；如果一直失败，请将请求 ID 提供给云服务商。",
    }
}

/// The error's message: what the server said stays as sent; the console's own words about
/// a call that got no usable answer are localised.
pub fn error_message(e: &ApiError, l: Locale) -> String {
    if l == Locale::En {
        return e.message().to_string();
    }
    match e.kind() {
        ErrorKind::Timeout { seconds } => [&seconds.to_string(), " 秒内没有应答。"].concat(),
        ErrorKind::Aborted => "请求已取消。".into(),
        ErrorKind::EmptyBody => [
            "服务以 HTTP 状态码 ",
            &e.status().to_string(),
            " 应答，响应体为空。",
        ]
        .concat(),
        ErrorKind::Network => ["无法连接服务。（", e.message(), "）"].concat(),
        _ => e.message().to_string(),
    }
}

/// An error in one line (title and message), for inline notes.
pub fn error_line(e: &ApiError, l: Locale) -> String {
    match l {
        Locale::En => e.to_string(),
        Locale::Zh => [error_title(e, l), "：".into(), error_message(e, l)].concat(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use evs_model::{export_check, parse_volume, Dialect, ExportForm, ImageName};

    fn has_cjk(s: &str) -> bool {
        s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    fn name_errors(name: &str) -> Vec<NameError> {
        match ImageName::parse(name, Dialect::HuaweiEvs) {
            Err(e) => vec![e],
            Ok(_) => vec![],
        }
    }

    #[test]
    fn name_errors_in_both_languages() {
        let all = [
            NameError::Empty,
            NameError::TooLong {
                limit: 128,
                actual: 130,
            },
            NameError::LeadingSpace,
            NameError::TrailingSpace,
            NameError::DisallowedChar {
                ch: '/',
                position: 3,
            },
        ];
        for e in &all {
            assert_eq!(name_error(e, Locale::En), e.to_string());
            assert!(has_cjk(&name_error(e, Locale::Zh)), "{e:?}");
        }
        assert_eq!(
            name_error(&all[1], Locale::Zh),
            "名称长 130 个字符，上限为 128 个。请删除 2 个字符。"
        );
        assert!(name_error(&all[4], Locale::Zh).contains("第 3 个字符 \"/\""));
        // From the real rule, not a hand-made value.
        let e = name_errors("a/b");
        assert!(name_error(&e[0], Locale::Zh).starts_with("第 2 个字符"));
    }

    #[test]
    fn field_errors_of_a_real_form() {
        let mut form = ExportForm::new(Dialect::OpenStackCinder);
        form.image_name = " x".into();
        form.disk_format = "zvhd2".into();
        form.container_format = "".into();
        form.os_type = "linux".into();
        let errors = form.validate().expect_err("invalid form");
        assert!(errors.0.len() >= 3);
        for e in &errors.0 {
            assert_eq!(field_error(e, Locale::En), e.to_string());
            assert!(has_cjk(&field_error(e, Locale::Zh)), "{e:?}");
        }
        let zh: Vec<String> = errors
            .0
            .iter()
            .map(|e| field_error(e, Locale::Zh))
            .collect();
        assert!(zh.contains(&"名称不能以空格开头。".to_string()), "{zh:?}");
        assert!(
            zh.iter().any(|m| m.contains("不接受磁盘格式“zvhd2”")),
            "{zh:?}"
        );
    }

    #[test]
    fn disk_checks_in_both_languages() {
        for (status, size) in [
            ("error", 40),
            ("uploading", 40),
            ("available", 2048),
            ("creating", 1),
        ] {
            let v = parse_volume(
                200,
                &format!(r#"{{"volume": {{"id": "v", "status": "{status}", "size": {size}}}}}"#),
            )
            .expect("volume");
            let check = export_check(&v, Dialect::HuaweiEvs);
            assert!(!check.blockers.is_empty());
            for b in &check.blockers {
                assert_eq!(block_reason(b, Locale::En), b.to_string());
                assert!(has_cjk(&block_reason(b, Locale::Zh)));
            }
            let effect = evs_model::os_type_effect(&v, Dialect::HuaweiEvs);
            assert!(has_cjk(&os_type_effect(&effect, Locale::Zh)));
            assert_eq!(os_type_effect(&effect, Locale::En), effect.to_string());
        }
        let in_use = parse_volume(
            200,
            r#"{"volume": {"id": "v", "status": "in-use", "size": 1}}"#,
        )
        .expect("volume");
        let c = export_check(&in_use, Dialect::HuaweiEvs);
        assert_eq!(force_explanation(&c, Locale::En), c.force_explanation());
        assert!(force_explanation(&c, Locale::Zh).is_some_and(has_cjk));
        for e in [
            OsTypeEffect::Applies,
            OsTypeEffect::IgnoredMetadata("windows".into()),
            OsTypeEffect::IgnoredNotAvailable("in-use".into()),
            OsTypeEffect::NotInDialect,
        ] {
            assert!(has_cjk(&os_type_effect(&e, Locale::Zh)));
        }
    }

    #[test]
    fn api_errors_keep_server_text_and_localise_the_rest() {
        let server = ApiError::from_response(
            400,
            r#"{"badRequest": {"code": 400, "message": "Invalid volume: <b>x</b>"}}"#,
        );
        assert_eq!(
            error_message(&server, Locale::Zh),
            "Invalid volume: <b>x</b>"
        );
        assert_eq!(error_title(&server, Locale::Zh), "请求被拒绝 (400)");
        assert_eq!(error_title(&server, Locale::En), server.title());
        assert_eq!(error_hint(&server, Locale::En), server.hint());
        let cases = [
            server.clone(),
            ApiError::from_response(401, ""),
            ApiError::from_response(403, "{}"),
            ApiError::from_response(404, "not here"),
            ApiError::from_response(409, "{}"),
            ApiError::from_response(413, "{}"),
            ApiError::from_response(429, "{}"),
            ApiError::from_response(502, "<html><title>Bad gateway</title></html>"),
            ApiError::from_response(200, "{\"x\": "),
            ApiError::from_response(418, "{}"),
            ApiError::network("refused"),
            ApiError::timeout(30),
            ApiError::aborted(),
        ];
        for e in &cases {
            assert!(has_cjk(&error_title(e, Locale::Zh)), "{e:?}");
            assert!(has_cjk(error_hint(e, Locale::Zh)), "{e:?}");
            assert!(!error_line(e, Locale::Zh).is_empty());
            assert_eq!(error_line(e, Locale::En), e.to_string());
        }
        assert_eq!(
            error_message(&ApiError::timeout(30), Locale::Zh),
            "30 秒内没有应答。"
        );
    }

    #[test]
    fn statuses_sizes_and_sentences() {
        for s in ["available", "in-use", "uploading", "error", "creating"] {
            let v = VolumeStatus::parse(s);
            assert_eq!(volume_status(&v, Locale::En), s);
            assert!(has_cjk(&volume_status(&v, Locale::Zh)));
        }
        assert_eq!(
            volume_status(&VolumeStatus::parse("odd<b>"), Locale::Zh),
            "odd<b>"
        );
        for s in ["queued", "saving", "active", "killed", "deleted"] {
            assert!(has_cjk(&image_status(&ImageStatus::parse(s), Locale::Zh)));
            assert_eq!(image_status(&ImageStatus::parse(s), Locale::En), s);
        }
        assert_eq!(now_and_next(&ImageStatus::Saving), Some(Msg::NowSaving));
        assert_eq!(now_and_next(&ImageStatus::Active), None);
        assert_eq!(
            sentence(Locale::En, Msg::ImageStatus, "saving"),
            "Image status: saving."
        );
        assert_eq!(
            sentence(Locale::Zh, Msg::ImageStatus, "保存中"),
            "镜像状态：保存中。"
        );
    }
}
