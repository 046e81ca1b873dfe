//! evs-model's typed reasons, worded: each `match` arm holds the English and the Chinese.
//! Server text (an error's `message`) is never translated: it is quoted as sent.

use evs_model::{
    describe_char, ApiError, BlockReason, ClientProblem, Dialect, ErrorKind, ExportCheck,
    FieldError, FormField, ImageStatus, NameError, OsTypeEffect, VolumeStatus, MAX_EXPORT_SIZE_GB,
};

use super::{dialect_name, Locale, Msg};

/// A typed reason, worded in a language.
pub trait Localize {
    fn localize(&self, l: Locale) -> String;
}

/// `label: value.` in English, `label：value。` in Chinese.
pub fn sentence(l: Locale, label: Msg, value: &str) -> String {
    match l {
        Locale::En => [label.get(l), ": ", value, "."].concat(),
        Locale::Zh => [label.get(l), "：", value, "。"].concat(),
    }
}

impl Localize for VolumeStatus {
    /// A disk status by name (`in-use` → `正在使用`); unknown statuses as sent.
    fn localize(&self, l: Locale) -> String {
        let zh = match self {
            VolumeStatus::Other(s) => return s.clone(),
            _ if l == Locale::En => return self.as_str().to_string(),
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
        };
        zh.to_string()
    }
}

impl Localize for ImageStatus {
    /// An image status by name (`saving` → `保存中`); unknown statuses as sent.
    fn localize(&self, l: Locale) -> String {
        let zh = match self {
            ImageStatus::Other(s) => return s.clone(),
            _ if l == Locale::En => return self.as_str().to_string(),
            ImageStatus::Queued => "排队中",
            ImageStatus::Saving => "保存中",
            ImageStatus::Active => "可用",
            ImageStatus::Killed => "已终止",
            ImageStatus::Deleted => "已删除",
            ImageStatus::PendingDelete => "等待删除",
            ImageStatus::Deactivated => "已停用",
            ImageStatus::Uploading => "上传中",
            ImageStatus::Importing => "导入中",
        };
        zh.to_string()
    }
}

impl Localize for FormField {
    /// The field's label, in a sentence (lower case in English).
    fn localize(&self, l: Locale) -> String {
        let (en, zh) = match self {
            FormField::ImageName => ("image name", "镜像名称"),
            FormField::DiskFormat => ("disk format", "磁盘格式"),
            FormField::ContainerFormat => ("container format", "容器格式"),
            FormField::Force => ("force", "强制"),
            FormField::OsType => ("OS type", "操作系统类型"),
            FormField::Visibility => ("visibility", "可见性"),
            FormField::Protected => ("protected", "受保护"),
        };
        l.pick(en, zh).to_string()
    }
}

impl Localize for NameError {
    fn localize(&self, l: Locale) -> String {
        match self {
            NameError::Empty => l.pick("Enter an image name.", "请输入镜像名称。").into(),
            NameError::TooLong { limit, actual } => {
                let over = actual.saturating_sub(*limit);
                match l {
                    Locale::En => format!(
                        "The name is {actual} characters long; the limit is {limit}. Remove {over} character{}.",
                        if over == 1 { "" } else { "s" }
                    ),
                    Locale::Zh => [
                        "名称长 ",
                        &actual.to_string(),
                        " 个字符，上限为 ",
                        &limit.to_string(),
                        " 个。请删除 ",
                        &over.to_string(),
                        " 个字符。",
                    ]
                    .concat(),
                }
            }
            NameError::LeadingSpace => l
                .pick(
                    "The name cannot start with a space.",
                    "名称不能以空格开头。",
                )
                .into(),
            NameError::TrailingSpace => l
                .pick("The name cannot end with a space.", "名称不能以空格结尾。")
                .into(),
            NameError::DisallowedChar {
                ch,
                position,
                dialect,
            } => {
                // What is allowed depends on the dialect: say the right rule.
                let advice = match dialect {
                    Dialect::HuaweiEvs => l.pick(
                        " Use letters, digits, spaces, hyphens (-), periods (.) and underscores (_).",
                        "请使用字母、数字、空格、连字符（-）、句点（.）和下划线（_）。",
                    ),
                    Dialect::OpenStackCinder => l.pick(
                        " Remove control characters (line breaks, tabs and the like).",
                        "请删除控制字符（换行符、制表符等）。",
                    ),
                };
                let ch = describe_char(*ch);
                match l {
                    Locale::En => format!("Character {position}, {ch}, is not allowed.{advice}"),
                    Locale::Zh => [
                        "第 ",
                        &position.to_string(),
                        " 个字符 ",
                        &ch,
                        " 不允许使用。",
                        advice,
                    ]
                    .concat(),
                }
            }
        }
    }
}

impl Localize for FieldError {
    fn localize(&self, l: Locale) -> String {
        match self {
            FieldError::Name(n) => n.localize(l),
            FieldError::Missing { field } => match l {
                Locale::En => format!("Choose a {}.", field.localize(l)),
                Locale::Zh => ["请选择", &field.localize(l), "。"].concat(),
            },
            FieldError::Unknown { field, value, .. } => {
                let value = shorten(value, 40);
                match l {
                    Locale::En => format!("\"{value}\" is not a {}.", field.localize(l)),
                    Locale::Zh => ["“", &value, "”不是有效的", &field.localize(l), "。"].concat(),
                }
            }
            FieldError::NotAllowed {
                field,
                value,
                dialect,
            } => {
                let allowed = field.choices(*dialect);
                let (name, field, value) = (
                    dialect_name(*dialect, l),
                    field.localize(l),
                    shorten(value, 40),
                );
                match l {
                    Locale::En => {
                        let mut s = format!("{name} does not accept the {field} \"{value}\"");
                        if allowed.is_empty() {
                            s.push('.');
                        } else {
                            s.push_str("; choose one of ");
                            s.push_str(&allowed.join(", "));
                            s.push('.');
                        }
                        s
                    }
                    Locale::Zh => {
                        let mut s = [name, " 不接受", &field, "“", &value, "”"].concat();
                        if !allowed.is_empty() {
                            s.push_str("；请选择 ");
                            s.push_str(&allowed.join("、"));
                        }
                        s.push('。');
                        s
                    }
                }
            }
            FieldError::NotSupported { field, dialect } => {
                let name = dialect_name(*dialect, l);
                match l {
                    Locale::En => format!("{name} has no \"{}\" field.", field.wire_name()),
                    Locale::Zh => [name, " 没有“", field.wire_name(), "”字段。"].concat(),
                }
            }
            FieldError::Withheld { value, reason, .. } => {
                let value = shorten(value, 40);
                let why = super::withheld_reason(*reason, l);
                match l {
                    Locale::En => format!("\"{value}\": {why}"),
                    Locale::Zh => ["“", &value, "”：", why].concat(),
                }
            }
        }
    }
}

impl Localize for BlockReason {
    /// Why a disk cannot be exported.
    fn localize(&self, l: Locale) -> String {
        match self {
            BlockReason::TooLarge { size_gb } => match l {
                Locale::En => format!(
                    "The disk is {size_gb} GB; disks over {MAX_EXPORT_SIZE_GB} GB (1 TiB) cannot be exported as an image."
                ),
                Locale::Zh => [
                    "磁盘容量为 ",
                    &size_gb.to_string(),
                    " GB；超过 ",
                    &MAX_EXPORT_SIZE_GB.to_string(),
                    " GB（1 TiB）的磁盘不能导出为镜像。",
                ]
                .concat(),
            },
            BlockReason::AlreadyUploading => l
                .pick(
                    "An export of this disk is already running (status \"uploading\"). Wait for it to finish.",
                    "此磁盘正在导出（状态为“上传中”）。请等待导出完成。",
                )
                .into(),
            BlockReason::ErrorState(s) => match l {
                Locale::En => format!(
                    "The disk is in the \"{s}\" state and cannot be exported. Repair or restore it first."
                ),
                Locale::Zh => ["磁盘处于“", s, "”状态，无法导出。请先修复或恢复磁盘。"].concat(),
            },
            BlockReason::WrongStatus(s) => match l {
                Locale::En => format!(
                    "The disk is \"{s}\"; only \"available\" disks (or \"in-use\" ones, with force) can be exported. Wait for the current operation to finish."
                ),
                Locale::Zh => [
                    "磁盘状态为“",
                    s,
                    "”；只有“可用”的磁盘（或勾选强制时“正在使用”的磁盘）才能导出。请等待当前操作完成。",
                ]
                .concat(),
            },
        }
    }
}

/// Why an in-use disk needs force (and what it costs), when it does.
pub fn force_explanation(c: &ExportCheck, l: Locale) -> Option<&'static str> {
    c.force_required.then(|| {
        l.pick(
            "This disk is attached to a running server (in-use). Exporting it needs \"Force\", and the image may be inconsistent: data the server has not yet written to disk is missed. Stop the server (or at least stop writes) first if you can.",
            "此磁盘已挂载到运行中的云服务器（正在使用）。导出需要勾选“强制”，且镜像可能不一致：服务器尚未写入磁盘的数据不会包含在内。如有可能，请先停止服务器（或至少停止写入）。",
        )
    })
}

impl Localize for OsTypeEffect {
    /// Whether the OS type takes effect for the picked disk.
    fn localize(&self, l: Locale) -> String {
        match self {
            OsTypeEffect::Applies => l
                .pick(
                    "The image will be marked with this OS type.",
                    "镜像将标记为此操作系统类型。",
                )
                .into(),
            OsTypeEffect::IgnoredMetadata(os) => match l {
                Locale::En => format!(
                    "Ignored for this disk: its image metadata already sets the OS type to \"{os}\", which the image keeps."
                ),
                Locale::Zh => [
                    "对此磁盘无效：其镜像元数据已将操作系统类型设为“",
                    os,
                    "”，镜像将沿用该值。",
                ]
                .concat(),
            },
            OsTypeEffect::IgnoredNotAvailable(s) => match l {
                Locale::En => format!(
                    "Ignored for this disk: the OS type only takes effect when the disk is available, and it is \"{s}\"."
                ),
                Locale::Zh => [
                    "对此磁盘无效：操作系统类型仅在磁盘状态为“可用”时生效，而它现在是“",
                    s,
                    "”。",
                ]
                .concat(),
            },
            OsTypeEffect::NotInDialect => l
                .pick("This API has no OS type field.", "此 API 没有操作系统类型字段。")
                .into(),
        }
    }
}

/// The error panel's title.
pub fn error_title(e: &ApiError, l: Locale) -> String {
    let fixed = match e.kind() {
        ErrorKind::Network => ("Cannot reach the service", "无法连接服务"),
        ErrorKind::Timeout { .. } => (
            "The service did not answer in time",
            "服务未在限定时间内应答",
        ),
        ErrorKind::Aborted => ("Cancelled", "已取消"),
        ErrorKind::Client(ClientProblem::TokenCharacters) => {
            ("The token cannot be sent", "令牌无法发送")
        }
        ErrorKind::Client(
            ClientProblem::TokenProviderFailed | ClientProblem::TokenProviderEmpty,
        ) => ("The portal gave no token", "门户未提供令牌"),
        ErrorKind::Client(ClientProblem::BadUrl) => ("The address is not valid", "地址无效"),
        ErrorKind::Client(ClientProblem::NoProject) => ("No project", "没有项目"),
        _ => {
            let s = e.status();
            let (en, zh) = match s {
                400 => ("The request was rejected", "请求被拒绝"),
                401 => ("Not signed in: the token was refused", "未登录：令牌被拒绝"),
                403 => ("Not allowed", "无权操作"),
                404 => ("Not found", "未找到"),
                409 => ("Conflict", "冲突"),
                413 | 429 => ("Over a limit", "超出限制"),
                500..=599 => ("The service failed", "服务出错"),
                200..=299 => ("The response could not be read", "无法读取响应"),
                _ => ("Request failed", "请求失败"),
            };
            return [l.pick(en, zh), " (", &s.to_string(), ")"].concat();
        }
    };
    l.pick(fixed.0, fixed.1).to_string()
}

/// What the operator can do about an error.
pub fn error_hint(e: &ApiError, l: Locale) -> &'static str {
    let (en, zh) = match (e.kind(), e.status()) {
        (ErrorKind::Network, _) => (
            "Check the base URL in the connection settings and your network connection, then try again.",
            "请检查连接设置中的基础 URL 和网络连接，然后重试。",
        ),
        (ErrorKind::Timeout { .. }, _) => (
            "The export may still have been accepted. Check the disk's status (it shows \"uploading\" if so) before you try again.",
            "导出可能已被受理。重试前请检查磁盘状态（如已受理，状态为“上传中”）。",
        ),
        (ErrorKind::Aborted, _) => (
            "Nothing more will happen for this request.",
            "此请求不会再有后续操作。",
        ),
        (ErrorKind::Client(ClientProblem::TokenCharacters), _) => (
            "Check the token in the connection settings: paste it again, without line breaks or other characters around it. Nothing was sent.",
            "请检查连接设置中的令牌：重新粘贴，前后不要带换行或其他字符。未发送任何请求。",
        ),
        (ErrorKind::Client(ClientProblem::NoProject), _) => (
            "Enter the project ID in the connection settings. Nothing was sent.",
            "请在连接设置中输入项目 ID。未发送任何请求。",
        ),
        (ErrorKind::Client(ClientProblem::BadUrl), _) => (
            "Check the base URLs in the connection settings. Nothing was sent.",
            "请检查连接设置中的基础 URL。未发送任何请求。",
        ),
        (ErrorKind::Client(_), _) => (
            "The page this console is embedded in supplies the token: sign in to it again or reload it. Nothing was sent.",
            "令牌由嵌入此控制台的页面提供：请重新登录该页面或刷新页面。未发送任何请求。",
        ),
        (_, 401) => (
            "Check the token in the connection settings: it may be wrong or expired.",
            "请检查连接设置中的令牌：它可能有误或已过期。",
        ),
        (_, 403) => (
            "The token's user lacks permission for this project or action. Ask for the EVS and IMS permissions.",
            "令牌对应的用户没有此项目或此操作的权限。请申请 EVS 和 IMS 权限。",
        ),
        (_, 404) => (
            "Check the project ID and that the disk still exists (refresh the disk list).",
            "请检查项目 ID，并确认磁盘仍然存在（刷新磁盘列表）。",
        ),
        (_, 409) => (
            "The disk is busy. Wait for the current operation to finish, then try again.",
            "磁盘正忙。请等待当前操作完成后重试。",
        ),
        (_, 413 | 429) => (
            "A quota or rate limit was reached. Wait a minute or free quota, then try again.",
            "已达到配额或速率上限。请等待一分钟或释放配额后重试。",
        ),
        (_, 400) => (
            "Correct what the message says and try again; nothing was exported.",
            "请按消息所述更正后重试；没有导出任何内容。",
        ),
        (_, 500..=599) => (
            "The service or a gateway in front of it failed. Check the disk's status before you try again: the export may or may not have started.",
            "服务或其前面的网关出错。重试前请检查磁盘状态：导出可能已开始，也可能没有。",
        ),
        (_, 200..=299) => (
            "The service answered in a form the console cannot read. The export may have started: check the disk's status.",
            "服务的应答格式控制台无法读取。导出可能已开始：请检查磁盘状态。",
        ),
        _ => (
            "Try again; if it keeps failing, give the request id to your cloud provider.",
            "请重试；如果一直失败，请将请求 ID 提供给云服务商。",
        ),
    };
    l.pick(en, zh)
}

/// What an HTTP status means, when the server said nothing itself.
fn status_sentence(status: u16, l: Locale) -> String {
    let (en, zh) = match status {
        400 => ("The request was rejected.", "请求被拒绝。"),
        401 => (
            "The token is missing, wrong or expired.",
            "令牌缺失、有误或已过期。",
        ),
        403 => ("The token does not allow this.", "令牌无权执行此操作。"),
        404 => ("Not found.", "未找到。"),
        405 => (
            "The endpoint does not allow this method: is the base URL right?",
            "该端点不允许此方法：基础 URL 是否正确？",
        ),
        408 => (
            "The server timed out waiting for the request.",
            "服务器等待请求超时。",
        ),
        409 => ("The resource is busy.", "资源正忙。"),
        413 | 429 => ("Too many requests or over a quota.", "请求过多或超出配额。"),
        500 => ("The service had an internal error.", "服务内部出错。"),
        502 => (
            "A gateway got no valid answer from the service.",
            "网关未从服务收到有效应答。",
        ),
        503 => ("The service is unavailable.", "服务不可用。"),
        504 => (
            "A gateway timed out waiting for the service.",
            "网关等待服务超时。",
        ),
        s => {
            return match l {
                Locale::En => format!("The service answered with HTTP status {s}."),
                Locale::Zh => ["服务以 HTTP 状态码 ", &s.to_string(), " 应答。"].concat(),
            }
        }
    };
    l.pick(en, zh).to_string()
}

/// The error's message: the other side's words as sent (quoted when we add our own), and
/// ours where it said nothing. Never empty.
pub fn error_message(e: &ApiError, l: Locale) -> String {
    let said = e.message();
    match e.kind() {
        ErrorKind::Api(_) | ErrorKind::PlainText if !said.is_empty() => said.to_string(),
        ErrorKind::Api(_) | ErrorKind::PlainText | ErrorKind::EmptyBody => {
            status_sentence(e.status(), l)
        }
        ErrorKind::HtmlPage => {
            let mut s = status_sentence(e.status(), l);
            s.push_str(l.pick(
                " The server (or a gateway in front of it) answered with an HTML page instead of JSON.",
                "服务器（或其前面的网关）返回了 HTML 页面，而不是 JSON。",
            ));
            if !said.is_empty() {
                s.push_str(l.pick(" It says: \"", "页面内容：“"));
                s.push_str(said);
                s.push_str(l.pick("\"", "”"));
            }
            s
        }
        ErrorKind::MalformedBody { truncated: true, bytes } => match l {
            Locale::En => format!("The response was cut off after {bytes} bytes (incomplete JSON)."),
            Locale::Zh => ["响应在 ", &bytes.to_string(), " 字节后中断（JSON 不完整）。"].concat(),
        },
        ErrorKind::MalformedBody { .. } => match l {
            Locale::En => format!("The response is not valid JSON ({said})."),
            Locale::Zh => ["响应不是有效的 JSON（", said, "）。"].concat(),
        },
        ErrorKind::UnexpectedShape { missing } => match l {
            Locale::En => format!("The response has an unexpected shape: no usable \"{missing}\"."),
            Locale::Zh => ["响应格式不符合预期：没有可用的“", missing, "”。"].concat(),
        },
        ErrorKind::Network if said.is_empty() => l
            .pick("The service could not be reached.", "无法连接服务。")
            .into(),
        ErrorKind::Network => match l {
            Locale::En => format!("The service could not be reached ({said})."),
            Locale::Zh => ["无法连接服务。（", said, "）"].concat(),
        },
        ErrorKind::Timeout { seconds } => match l {
            Locale::En => format!("No answer within {seconds} seconds."),
            Locale::Zh => [&seconds.to_string(), " 秒内没有应答。"].concat(),
        },
        ErrorKind::Aborted => l.pick("The request was cancelled.", "请求已取消。").into(),
        ErrorKind::Client(ClientProblem::TokenCharacters) => l
            .pick(
                "The token can only contain visible ASCII characters (letters, digits and punctuation).",
                "令牌只能包含可见的 ASCII 字符（字母、数字和标点）。",
            )
            .into(),
        ErrorKind::Client(ClientProblem::TokenProviderEmpty) => l
            .pick(
                "The portal's token provider gave no token.",
                "门户的令牌提供函数没有返回令牌。",
            )
            .into(),
        ErrorKind::Client(ClientProblem::TokenProviderFailed) => match l {
            Locale::En => format!("The portal's token provider failed ({said})."),
            Locale::Zh => ["门户的令牌提供函数出错（", said, "）。"].concat(),
        },
        ErrorKind::Client(ClientProblem::NoProject) => l
            .pick(
                "The project ID is empty.",
                "项目 ID 为空。",
            )
            .into(),
        ErrorKind::Client(ClientProblem::BadUrl) => match l {
            Locale::En => format!("The request could not be made from the base URL ({said})."),
            Locale::Zh => ["无法根据基础 URL 构造请求（", said, "）。"].concat(),
        },
    }
}

/// An error in one line (title and message), for inline notes.
pub fn error_line(e: &ApiError, l: Locale) -> String {
    [
        error_title(e, l),
        l.pick(": ", "：").into(),
        error_message(e, l),
    ]
    .concat()
}

/// The line under the disk list's toolbar: which page, how many disks shown, what was
/// skipped.
pub fn disk_list_summary(
    l: Locale,
    page_no: usize,
    total: usize,
    shown: usize,
    skipped: usize,
) -> String {
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

/// `s`, cut to `max` characters with an ellipsis.
fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((cut, _)) => [&s[..cut], "…"].concat(),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::tests::has_cjk;
    use evs_model::{export_check, parse_volume, ExportForm, ImageName};

    fn name_error(name: &str, d: Dialect) -> NameError {
        ImageName::parse(name, d).expect_err("invalid name")
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
            name_error("ab/c", Dialect::HuaweiEvs),
            name_error("a\nb", Dialect::OpenStackCinder),
        ];
        for e in &all {
            assert!(!has_cjk(&e.localize(Locale::En)), "{e:?}");
            assert!(has_cjk(&e.localize(Locale::Zh)), "{e:?}");
        }
        assert_eq!(
            all[1].localize(Locale::En),
            "The name is 130 characters long; the limit is 128. Remove 2 characters."
        );
        assert_eq!(
            all[1].localize(Locale::Zh),
            "名称长 130 个字符，上限为 128 个。请删除 2 个字符。"
        );
        assert_eq!(
            all[4].localize(Locale::En),
            "Character 3, \"/\" (U+002F), is not allowed. Use letters, digits, spaces, hyphens (-), periods (.) and underscores (_)."
        );
        assert!(all[4].localize(Locale::Zh).starts_with("第 3 个字符 \"/\""));
        let zwsp = name_error("a\u{200B}b", Dialect::HuaweiEvs);
        assert!(zwsp.localize(Locale::En).contains("Character 2, U+200B"));
    }

    #[test]
    fn the_character_advice_follows_the_dialect() {
        // Cinder takes punctuation: its advice is about control characters, not Huawei's set.
        let cinder = name_error("a\tb", Dialect::OpenStackCinder);
        for l in Locale::ALL {
            let text = cinder.localize(l);
            assert!(!text.contains("(_)") && !text.contains("（_）"), "{text}");
        }
        assert!(cinder.localize(Locale::En).contains("control characters"));
        assert!(cinder.localize(Locale::Zh).contains("控制字符"));
        let huawei = name_error("a\tb", Dialect::HuaweiEvs);
        assert!(huawei.localize(Locale::En).contains("underscores (_)"));
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
            assert!(!has_cjk(&e.localize(Locale::En)), "{e:?}");
            assert!(has_cjk(&e.localize(Locale::Zh)), "{e:?}");
        }
        let en: Vec<String> = errors.0.iter().map(|e| e.localize(Locale::En)).collect();
        assert!(
            en.contains(&"OpenStack Cinder v3 does not accept the disk format \"zvhd2\"; choose one of raw, qcow2, vmdk, vdi, vhd, vhdx, ploop.".to_string()),
            "{en:?}"
        );
        assert!(en.contains(&"OpenStack Cinder v3 has no \"__os_type\" field.".to_string()));
        assert!(en.contains(&"Choose a container format.".to_string()));
        let zh: Vec<String> = errors.0.iter().map(|e| e.localize(Locale::Zh)).collect();
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
                assert!(!has_cjk(&b.localize(Locale::En)));
                assert!(has_cjk(&b.localize(Locale::Zh)));
            }
            let effect = evs_model::os_type_effect(&v, Dialect::HuaweiEvs);
            assert!(has_cjk(&effect.localize(Locale::Zh)));
        }
        let in_use = parse_volume(
            200,
            r#"{"volume": {"id": "v", "status": "in-use", "size": 1}}"#,
        )
        .expect("volume");
        let c = export_check(&in_use, Dialect::HuaweiEvs);
        assert!(force_explanation(&c, Locale::En).is_some_and(|s| s.contains("Stop the server")));
        assert!(force_explanation(&c, Locale::Zh).is_some_and(has_cjk));
        let available = parse_volume(
            200,
            r#"{"volume": {"id": "v", "status": "available", "size": 1}}"#,
        )
        .expect("volume");
        assert_eq!(
            force_explanation(&export_check(&available, Dialect::HuaweiEvs), Locale::En),
            None
        );
        for e in [
            OsTypeEffect::Applies,
            OsTypeEffect::IgnoredMetadata("windows".into()),
            OsTypeEffect::IgnoredNotAvailable("in-use".into()),
            OsTypeEffect::NotInDialect,
        ] {
            assert!(has_cjk(&e.localize(Locale::Zh)));
            assert!(!has_cjk(&e.localize(Locale::En)));
        }
    }

    #[test]
    fn api_errors_keep_server_text_and_word_the_rest() {
        let server = ApiError::from_response(
            400,
            r#"{"badRequest": {"code": 400, "message": "Invalid volume: <b>x</b>"}}"#,
        );
        assert_eq!(
            error_message(&server, Locale::Zh),
            "Invalid volume: <b>x</b>"
        );
        assert_eq!(error_title(&server, Locale::Zh), "请求被拒绝 (400)");
        assert_eq!(
            error_title(&server, Locale::En),
            "The request was rejected (400)"
        );
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
            ApiError::from_response(500, "\0\0"),
            ApiError::network("refused"),
            ApiError::network(""),
            ApiError::timeout(30),
            ApiError::aborted(),
            ApiError::client(ClientProblem::TokenCharacters, ""),
            ApiError::client(ClientProblem::TokenProviderFailed, "portal down"),
            ApiError::client(ClientProblem::TokenProviderEmpty, ""),
            ApiError::client(ClientProblem::BadUrl, "Invalid URL"),
            ApiError::client(ClientProblem::NoProject, ""),
        ];
        for e in &cases {
            for l in Locale::ALL {
                assert!(!error_title(e, l).is_empty(), "{e}");
                assert!(!error_message(e, l).trim().is_empty(), "{e}");
                assert!(!error_line(e, l).is_empty());
            }
            assert!(has_cjk(&error_title(e, Locale::Zh)), "{e}");
            assert!(has_cjk(error_hint(e, Locale::Zh)), "{e}");
            assert!(!has_cjk(error_hint(e, Locale::En)), "{e}");
        }
        assert_eq!(
            error_message(&ApiError::timeout(30), Locale::Zh),
            "30 秒内没有应答。"
        );
        assert_eq!(
            error_message(&ApiError::timeout(2), Locale::En),
            "No answer within 2 seconds."
        );
        let html = ApiError::from_response(
            502,
            "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>",
        );
        assert_eq!(
            error_message(&html, Locale::En),
            "A gateway got no valid answer from the service. The server (or a gateway in front of it) answered with an HTML page instead of JSON. It says: \"502 Bad Gateway\""
        );
        assert_eq!(
            error_message(&ApiError::from_response(257, "\0\0"), Locale::En),
            "The service answered with HTTP status 257."
        );
        // A client-side refusal is not a network error: no "check the base URL".
        let token = ApiError::client(ClientProblem::TokenCharacters, "");
        assert!(!error_hint(&token, Locale::En).contains("base URL"));
        assert!(error_hint(&token, Locale::En).contains("token"));
        let provider = ApiError::client(ClientProblem::TokenProviderFailed, "portal down");
        assert!(error_message(&provider, Locale::En).contains("portal down"));
        assert!(error_hint(&provider, Locale::En).contains("embedded"));
        let gw = ApiError::from_response(
            401,
            r#"{"error_msg":"Incorrect IAM authentication information","error_code":"APIGW.0301"}"#,
        );
        assert!(error_hint(&gw, Locale::En).contains("token"));
    }

    #[test]
    fn statuses_and_sentences() {
        for s in ["available", "in-use", "uploading", "error", "creating"] {
            let v = VolumeStatus::parse(s);
            assert_eq!(v.localize(Locale::En), s);
            assert!(has_cjk(&v.localize(Locale::Zh)));
        }
        assert_eq!(VolumeStatus::parse("odd<b>").localize(Locale::Zh), "odd<b>");
        for s in ["queued", "saving", "active", "killed", "deleted"] {
            assert!(has_cjk(&ImageStatus::parse(s).localize(Locale::Zh)));
            assert_eq!(ImageStatus::parse(s).localize(Locale::En), s);
        }
        assert_eq!(
            sentence(Locale::En, Msg::ImageStatus, "saving"),
            "Image status: saving."
        );
        assert_eq!(
            sentence(Locale::Zh, Msg::ImageStatus, "保存中"),
            "镜像状态：保存中。"
        );
    }

    #[test]
    fn summaries() {
        assert_eq!(
            disk_list_summary(Locale::En, 1, 20, 20, 0),
            "Page 1: 20 of 20 disks shown."
        );
        assert_eq!(
            disk_list_summary(Locale::En, 2, 20, 0, 1),
            "Page 2: 0 of 20 disks shown. No disk on this page matches the filter. 1 unreadable entries skipped."
        );
        assert_eq!(
            disk_list_summary(Locale::En, 1, 0, 0, 0),
            "No disks in this project."
        );
        assert_eq!(
            disk_list_summary(Locale::Zh, 2, 20, 0, 1),
            "第 2 页：显示 0 个磁盘，共 20 个。 本页没有符合筛选条件的磁盘。 已跳过 1 个无法读取的条目。"
        );
    }

    /// Errors recorded from a real Cinder 29 / Glance 33 (tests/cinder/recorded), worded.
    #[test]
    fn recorded_real_errors_read_well() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cinder/recorded");
        let error = |name: &str| {
            let text = std::fs::read_to_string(dir.join(name)).expect("recording");
            let rec: serde_json::Value = serde_json::from_str(&text).expect("json");
            let status = rec["status"].as_u64().expect("status") as u16;
            ApiError::from_response(status, rec["body"].as_str().expect("body"))
        };
        for (name, title) in [
            (
                "upload_image_inuse_noforce_400.json",
                "The request was rejected (400)",
            ),
            (
                "upload_image_inuse_force_disabled_400.json",
                "The request was rejected (400)",
            ),
            ("volume_unknown_404.json", "Not found (404)"),
            ("volume_create_over_quota_413.json", "Over a limit (413)"),
            (
                "volume_microversion_unsupported_406.json",
                "Request failed (406)",
            ),
        ] {
            assert_eq!(error_title(&error(name), Locale::En), title, "{name}");
        }
        let e = error("upload_image_v2_path_404.json");
        assert_eq!(
            error_message(&e, Locale::En),
            "Not found. The server (or a gateway in front of it) answered with an HTML page instead of JSON. It says: \"404 Not Found: The resource could not be found.\""
        );
        let mut every = 0;
        for entry in std::fs::read_dir(&dir).expect("recorded/") {
            let name = entry
                .expect("entry")
                .file_name()
                .into_string()
                .expect("name");
            let text = std::fs::read_to_string(dir.join(&name)).expect("recording");
            let rec: serde_json::Value = serde_json::from_str(&text).expect("json");
            let (Some(status), Some(body)) = (rec["status"].as_u64(), rec["body"].as_str()) else {
                continue;
            };
            if status >= 400 {
                let e = ApiError::from_response(status as u16, body);
                for l in Locale::ALL {
                    assert!(!error_message(&e, l).is_empty(), "{name}");
                }
                every += 1;
            }
        }
        assert!(every > 10, "{every}");
    }
}
