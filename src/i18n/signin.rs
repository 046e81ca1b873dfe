//! The words of signing in (Keystone / Huawei IAM): the form, the signed-in line, and every
//! reason a sign-in fails, English and Chinese side by side.

use evs_model::{CatalogProblem, IdentityProblem, ServiceKind};

use super::Locale;

crate::i18n::messages! {
    /// The sign-in form and the signed-in line.
    SignInMsg {
    SignInHeading: "Sign in", "登录";
    SignInIntro: "Sign in with your Keystone or Huawei Cloud IAM user: the console finds the project, the region and every endpoint itself. Or paste a token in Connection below.",
        "使用 Keystone 或华为云 IAM 用户登录：控制台会自动获取项目、区域和所有端点。也可以在下方“连接”中粘贴令牌。";
    Method: "Sign in with", "登录方式";
    MethodPassword: "User name and password", "用户名和密码";
    MethodAppCred: "Application credential", "应用凭据";
    UserName: "User name", "用户名";
    Password: "Password", "密码";
    PasswordHelp: "Sent once to the identity service, then cleared. Never stored.",
        "仅发送一次给身份服务，随后清除，从不保存。";
    Domain: "Domain", "域";
    DomainHelp: "Keystone: the user's domain (often Default). Huawei Cloud: your account name.",
        "Keystone：用户所在的域（通常为 Default）。华为云：您的账号名。";
    Project: "Project", "项目";
    ProjectHelp: "Name or ID. Huawei Cloud: the region's project, e.g. ap-southeast-1.",
        "名称或 ID。华为云：区域对应的项目，例如 ap-southeast-1。";
    CredentialId: "Application credential ID", "应用凭据 ID";
    CredentialSecret: "Application credential secret", "应用凭据密钥";
    CredentialHelp: "An application credential belongs to one project: no project to choose.",
        "应用凭据属于一个项目：无需选择项目。";
    IdentityUrl: "Identity URL", "身份服务 URL";
    IdentityUrlHelp: "Keystone or IAM, without /v3 (a same-origin path such as /iam, or a gateway).",
        "Keystone 或 IAM，不含 /v3（同源路径如 /iam，或网关）。";
    SigningIn: "Signing in…", "正在登录…";
    SignedInAs: "Signed in as", "已登录用户";
    Region: "Region", "区域";
    Expires: "Expires", "过期时间";
    SwitchProject: "Switch project", "切换项目";
    Switch: "Switch", "切换";
    ProjectToUse: "Project to use", "要使用的项目";
    RegionToUse: "Region to use", "要使用的区域";
    ProjectsFailed: "Could not list your projects", "无法列出您的项目";
    ProjectsLoading: "Loading projects…", "正在加载项目…";
    SignedOutRevoked: "Signed out: the token is revoked and forgotten.", "已退出登录：令牌已撤销并清除。";
    SignedOutNotRevoked: "Signed out here: the token is forgotten, but the identity service could not revoke it (it stays valid until it expires).",
        "已在此退出登录：令牌已清除，但身份服务未能撤销它（在过期前仍然有效）。";
    RenewExpiring: "Your sign-in expires soon. Sign in again: your form, the picked disk and any running progress are kept, and nothing is sent again without you.",
        "您的登录即将过期。请重新登录：表单、所选磁盘和正在进行的进度都会保留，未经您操作不会重新发送任何请求。";
    RenewRefused: "The service refused the token (it expired or was revoked). Sign in again: your form, the picked disk and any running progress are kept, and nothing is sent again without you.",
        "服务拒绝了令牌（已过期或已撤销）。请重新登录：表单、所选磁盘和正在进行的进度都会保留，未经您操作不会重新发送任何请求。";
    SignInAgain: "Sign in again", "重新登录";
    Required: "Required.", "必填。";
    SignInFailed: "Sign-in failed", "登录失败";
    Overrides: "Connection settings (endpoints from the catalog; change them to override)",
        "连接设置（端点来自服务目录；可修改以覆盖）";
    }
}

/// Why signing in failed, in our words (the service's own words follow separately).
pub fn identity_problem(p: &IdentityProblem, l: Locale) -> &'static str {
    let (en, zh) = match p {
        IdentityProblem::Refused => (
            "The identity service refused the sign-in. The user name, password, domain, project or credential is wrong (Keystone does not say which, on purpose); check each and try again.",
            "身份服务拒绝了登录。用户名、密码、域、项目或凭据有误（Keystone 出于安全考虑不会说明是哪一项）；请逐项检查后重试。",
        ),
        IdentityProblem::Locked => (
            "This user is locked. Ask your administrator to unlock it, or wait until the lockout ends.",
            "该用户已被锁定。请联系管理员解锁，或等待锁定结束。",
        ),
        IdentityProblem::Forbidden => (
            "Signed in, but this user may not use that project.",
            "已通过认证，但该用户无权使用此项目。",
        ),
        IdentityProblem::NotIdentityService => (
            "No identity service answers at the Identity URL. Check it (Keystone or IAM, without /v3).",
            "身份服务 URL 处没有身份服务应答。请检查该 URL（Keystone 或 IAM，不含 /v3）。",
        ),
        IdentityProblem::NoSubjectToken => (
            "The identity service accepted the sign-in, but the browser could not read the token: across origins the service must expose the X-Subject-Token header (CORS expose_headers), or use a same-origin gateway.",
            "身份服务接受了登录，但浏览器无法读取令牌：跨域访问时服务必须暴露 X-Subject-Token 响应头（CORS expose_headers），或改用同源网关。",
        ),
        IdentityProblem::NotProjectScoped => (
            "The token is not for a project. Enter a project (name or ID).",
            "该令牌不属于任何项目。请输入项目（名称或 ID）。",
        ),
        IdentityProblem::Service => (
            "The identity service could not sign you in.",
            "身份服务无法完成登录。",
        ),
    };
    l.pick(en, zh)
}

/// A catalog without a usable endpoint.
pub fn catalog_problem(p: &CatalogProblem, l: Locale) -> String {
    let service = |k: &ServiceKind| match k {
        ServiceKind::BlockStorage => {
            l.pick("block storage (EVS / Cinder)", "块存储（EVS / Cinder）")
        }
        ServiceKind::Image => l.pick("image service (IMS / Glance)", "镜像服务（IMS / Glance）"),
    };
    match p {
        CatalogProblem::NoService(k) => [
            l.pick(
                "Signed in, but the catalog lists no ",
                "已登录，但服务目录中没有",
            ),
            service(k),
            l.pick(
                ". Enter its base URL in Connection.",
                "。请在“连接”中填写其基础 URL。",
            ),
        ]
        .concat(),
        CatalogProblem::NoEndpointInRegion { kind, region } => [
            l.pick(
                "Signed in, but the catalog has no public ",
                "已登录，但服务目录中区域 ",
            ),
            l.pick(service(kind), region.as_str()),
            l.pick(" endpoint in region ", " 没有公共的"),
            l.pick(region.as_str(), service(kind)),
            l.pick(".", "端点。"),
        ]
        .concat(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::tests::{check_table, has_cjk};

    #[test]
    fn every_sign_in_message_has_both_languages() {
        check_table(SignInMsg::ALL, &[]);
    }

    #[test]
    fn every_reason_is_worded_in_both_languages() {
        for p in [
            IdentityProblem::Refused,
            IdentityProblem::Locked,
            IdentityProblem::Forbidden,
            IdentityProblem::NotIdentityService,
            IdentityProblem::NoSubjectToken,
            IdentityProblem::NotProjectScoped,
            IdentityProblem::Service,
        ] {
            assert!(!has_cjk(identity_problem(&p, Locale::En)), "{p:?}");
            assert!(has_cjk(identity_problem(&p, Locale::Zh)), "{p:?}");
        }
        // Keystone's refusals cannot be told apart: the message says so.
        assert!(
            identity_problem(&IdentityProblem::Refused, Locale::En).contains("does not say which")
        );
        let p = CatalogProblem::NoEndpointInRegion {
            kind: ServiceKind::Image,
            region: "cn-north-4".into(),
        };
        assert_eq!(
            catalog_problem(&p, Locale::En),
            "Signed in, but the catalog has no public image service (IMS / Glance) endpoint in region cn-north-4."
        );
        assert_eq!(
            catalog_problem(&p, Locale::Zh),
            "已登录，但服务目录中区域 cn-north-4 没有公共的镜像服务（IMS / Glance）端点。"
        );
        let p = CatalogProblem::NoService(ServiceKind::BlockStorage);
        assert!(has_cjk(&catalog_problem(&p, Locale::Zh)));
    }
}
