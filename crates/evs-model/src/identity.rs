//! Signing in: Keystone v3 (`POST /v3/auth/tokens`) and Huawei IAM's compatible form of the
//! same API. Request bodies, the token answer (expiry, user, project, catalog), endpoint
//! selection from the catalog, the project list, and the identity service's refusals as typed
//! reasons. No sentences of ours: the console words each reason in the operator's language.
//!
//! The secrets (password, application-credential secret, token) are only ever put into a
//! request body here; nothing in this module keeps them, and `Debug` never shows them.

use std::fmt;

use serde_json::{json, Map, Value};

use crate::error::{ApiError, ErrorKind};
use crate::ids::ProjectId;
use crate::json::{get_ci, non_empty_id, non_empty_text, text};
use crate::time::Timestamp;

/// Who signs in, and with what. The secrets live only as long as the request is built.
#[derive(Clone, PartialEq, Eq)]
pub enum Credentials {
    /// A user name in a domain (Huawei: the account name) and a password.
    Password {
        user: String,
        domain: String,
        password: String,
    },
    /// An application credential (id and secret): bound to one project by the identity
    /// service, so it takes no scope.
    ApplicationCredential { id: String, secret: String },
    /// An existing token, to get a new one for another project (rescope).
    Token(String),
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Credentials::Password { user, domain, .. } => f
                .debug_struct("Password")
                .field("user", user)
                .field("domain", domain)
                .finish_non_exhaustive(),
            Credentials::ApplicationCredential { id, .. } => f
                .debug_struct("ApplicationCredential")
                .field("id", id)
                .finish_non_exhaustive(),
            Credentials::Token(_) => f.write_str("Token(..)"),
        }
    }
}

/// The project a token is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProjectScope {
    /// By name, in a domain (Huawei: a region's project such as `ap-southeast-1`, in the account).
    Named { name: String, domain: String },
    /// By id (unique across domains).
    Id(ProjectId),
}

impl ProjectScope {
    /// What an operator typed into "Project": a Keystone-style id (32 hexadecimal digits,
    /// dashes allowed) is scoped by id, anything else by name in `domain`. `None` when empty.
    pub fn from_input(project: &str, domain: &str) -> Option<ProjectScope> {
        let p = project.trim();
        if p.is_empty() {
            return None;
        }
        let hex: String = p.chars().filter(|c| *c != '-').collect();
        if hex.len() == 32 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return ProjectId::parse(p).map(ProjectScope::Id);
        }
        Some(ProjectScope::Named {
            name: p.to_string(),
            domain: domain.trim().to_string(),
        })
    }

    fn to_json(&self) -> Value {
        match self {
            ProjectScope::Named { name, domain } => {
                json!({ "project": { "name": name, "domain": { "name": domain } } })
            }
            ProjectScope::Id(id) => json!({ "project": { "id": id.as_str() } }),
        }
    }
}

/// A sign-in form field that must not be empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SignInField {
    UserName,
    Password,
    Domain,
    Project,
    CredentialId,
    CredentialSecret,
}

/// The body of `POST /v3/auth/tokens`, or the fields that are missing (all of them, in form
/// order). An application credential never carries a scope (its project is fixed).
pub fn token_request_body(
    credentials: &Credentials,
    scope: Option<&ProjectScope>,
) -> Result<Value, Vec<SignInField>> {
    let blank = |s: &str| s.trim().is_empty();
    let mut missing = Vec::new();
    let identity = match credentials {
        Credentials::Password {
            user,
            domain,
            password,
        } => {
            if blank(user) {
                missing.push(SignInField::UserName);
            }
            // A password is sent as typed: spaces can be part of it.
            if password.is_empty() {
                missing.push(SignInField::Password);
            }
            if blank(domain) {
                missing.push(SignInField::Domain);
            }
            json!({ "methods": ["password"], "password": { "user": {
                "name": user.trim(), "domain": { "name": domain.trim() }, "password": password } } })
        }
        Credentials::ApplicationCredential { id, secret } => {
            if blank(id) {
                missing.push(SignInField::CredentialId);
            }
            if secret.is_empty() {
                missing.push(SignInField::CredentialSecret);
            }
            json!({ "methods": ["application_credential"],
                    "application_credential": { "id": id.trim(), "secret": secret } })
        }
        Credentials::Token(token) => {
            json!({ "methods": ["token"], "token": { "id": token.trim() } })
        }
    };
    let scope = match credentials {
        Credentials::ApplicationCredential { .. } => None,
        _ => match scope {
            None => {
                missing.push(SignInField::Project);
                None
            }
            Some(ProjectScope::Named { domain, .. }) if blank(domain) => {
                if !missing.contains(&SignInField::Domain) {
                    missing.push(SignInField::Domain);
                }
                None
            }
            Some(s) => Some(s.to_json()),
        },
    };
    if !missing.is_empty() {
        return Err(missing);
    }
    let mut auth = Map::new();
    auth.insert("identity".into(), identity);
    if let Some(scope) = scope {
        auth.insert("scope".into(), scope);
    }
    Ok(json!({ "auth": Value::Object(auth) }))
}

/// A name with its id (a user, a domain).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Named {
    pub id: String,
    pub name: String,
}

/// The project a token is scoped to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenProject {
    pub id: ProjectId,
    pub name: String,
    pub domain: Named,
}

/// What a token answer says (the token itself comes from the `X-Subject-Token` header).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenInfo {
    pub expires_at: Timestamp,
    pub issued_at: Option<Timestamp>,
    pub user: Named,
    pub user_domain: Named,
    pub project: TokenProject,
    pub catalog: Catalog,
}

/// A token and what it says. `Debug` never shows the token.
#[derive(Clone, PartialEq, Eq)]
pub struct SignedIn {
    pub token: String,
    pub info: TokenInfo,
}

impl fmt::Debug for SignedIn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignedIn")
            .field("token", &"..")
            .field("info", &self.info)
            .finish()
    }
}

/// Why signing in (or switching project) did not give a usable token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdentityProblem {
    /// 401: the identity service refused the credentials. Keystone gives the same answer for a
    /// wrong password, an unknown user, domain or project, and a wrong secret, on purpose:
    /// the console cannot tell which it was.
    Refused,
    /// The user is locked (the service said so in its words: Keystone's security compliance,
    /// Huawei IAM's lockout after failed attempts).
    Locked,
    /// 403: signed in, but not allowed this scope.
    Forbidden,
    /// 404 on `/v3/auth/tokens`: the identity URL does not point at an identity service.
    NotIdentityService,
    /// A success answer without the `X-Subject-Token` header: across origins the service
    /// must expose it (`Access-Control-Expose-Headers`).
    NoSubjectToken,
    /// A token without a project (an unscoped or domain-scoped token).
    NotProjectScoped,
    /// Anything else: the service is down, answered HTML, timed out, ... (see the error).
    Service,
}

/// A failed sign-in: the reason and the underlying answer (status, code, request id, words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentityError {
    pub problem: IdentityProblem,
    pub error: ApiError,
}

impl IdentityError {
    /// Classifies a failed answer (or no answer) of the identity service.
    pub fn from_api(error: ApiError) -> IdentityError {
        let locked = error.message().to_ascii_lowercase().contains("locked");
        let problem = match error.status() {
            _ if locked && matches!(error.kind(), ErrorKind::Api(_)) => IdentityProblem::Locked,
            401 => IdentityProblem::Refused,
            403 => IdentityProblem::Forbidden,
            404 => IdentityProblem::NotIdentityService,
            _ => IdentityProblem::Service,
        };
        IdentityError { problem, error }
    }

    fn shape(status: u16, problem: IdentityProblem, missing: &'static str) -> IdentityError {
        IdentityError {
            problem,
            error: ApiError::unexpected_shape(status, missing),
        }
    }
}

/// The answer to `POST /v3/auth/tokens`: `subject_token` is the `X-Subject-Token` header (as
/// the browser exposed it), `body` the JSON. A non-2xx status becomes its typed reason.
pub fn parse_token_answer(
    status: u16,
    subject_token: Option<&str>,
    body: &str,
) -> Result<SignedIn, IdentityError> {
    if !(200..300).contains(&status) {
        return Err(IdentityError::from_api(ApiError::from_response(
            status, body,
        )));
    }
    let info = parse_token_body(status, body)?;
    let token = subject_token
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            IdentityError::shape(status, IdentityProblem::NoSubjectToken, "X-Subject-Token")
        })?;
    Ok(SignedIn {
        token: token.to_string(),
        info,
    })
}

/// The `token` object of a token answer (also of `GET /v3/auth/tokens`).
pub fn parse_token_body(status: u16, body: &str) -> Result<TokenInfo, IdentityError> {
    let value: Value = serde_json::from_str(body.trim_start_matches('\u{feff}'))
        .map_err(|_| IdentityError::from_api(ApiError::from_response(status, body)))?;
    let bad = |missing| IdentityError::shape(status, IdentityProblem::Service, missing);
    let token = value
        .as_object()
        .and_then(|o| get_ci(o, "token"))
        .and_then(Value::as_object)
        .ok_or_else(|| bad("token"))?;
    let expires_at = text(token.get("expires_at"))
        .and_then(|s| Timestamp::parse(&s))
        .ok_or_else(|| bad("expires_at"))?;
    let issued_at = text(token.get("issued_at")).and_then(|s| Timestamp::parse(&s));
    let user_obj = token.get("user").and_then(Value::as_object);
    let user = named(user_obj);
    let user_domain = named(
        user_obj
            .and_then(|u| u.get("domain"))
            .and_then(Value::as_object),
    );
    let project_obj = token
        .get("project")
        .and_then(Value::as_object)
        .ok_or_else(|| {
            IdentityError::shape(status, IdentityProblem::NotProjectScoped, "project")
        })?;
    let project = TokenProject {
        id: non_empty_id(project_obj.get("id"))
            .and_then(|s| ProjectId::parse(&s))
            .ok_or_else(|| {
                IdentityError::shape(status, IdentityProblem::NotProjectScoped, "project.id")
            })?,
        name: text(project_obj.get("name")).unwrap_or_default(),
        domain: named(project_obj.get("domain").and_then(Value::as_object)),
    };
    Ok(TokenInfo {
        expires_at,
        issued_at,
        user,
        user_domain,
        project,
        catalog: Catalog::parse(token.get("catalog")),
    })
}

fn named(obj: Option<&Map<String, Value>>) -> Named {
    Named {
        id: obj
            .and_then(|o| non_empty_id(o.get("id")))
            .unwrap_or_default(),
        name: obj.and_then(|o| text(o.get("name"))).unwrap_or_default(),
    }
}

/// One endpoint of a catalog service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogEndpoint {
    pub interface: String,
    pub region: String,
    pub url: String,
}

/// One service of the catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogService {
    pub service_type: String,
    pub name: String,
    pub endpoints: Vec<CatalogEndpoint>,
}

/// The service catalog of a token.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Catalog {
    pub services: Vec<CatalogService>,
}

/// Which API a catalog service is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServiceKind {
    BlockStorage,
    Image,
}

impl ServiceKind {
    /// The catalog types, most preferred first. Block storage: OpenStack's
    /// `block-storage` (the official type), `volumev3`, `volumev2`, `volume`, and Huawei
    /// Cloud's `evs`; image: `image` (OpenStack and Huawei's IMS as registered in IAM) and
    /// Huawei's `ims`.
    pub fn catalog_types(self) -> &'static [&'static str] {
        match self {
            ServiceKind::BlockStorage => {
                &["block-storage", "volumev3", "evs", "volumev2", "volume"]
            }
            ServiceKind::Image => &["image", "ims"],
        }
    }
}

/// Why the catalog gave no endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CatalogProblem {
    /// No service of this kind in the catalog at all (e.g. the token was issued without one).
    NoService(ServiceKind),
    /// The service exists but has no public endpoint in the region.
    NoEndpointInRegion { kind: ServiceKind, region: String },
}

/// The base URLs the console calls, from the catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceEndpoints {
    /// Block-storage base URL without the `/v2|/v3/{project_id}` tail.
    pub block_storage: String,
    /// Image-service base URL without a `/v2` tail.
    pub image: String,
    pub region: String,
}

impl Catalog {
    /// Parses `token.catalog` tolerantly: services and endpoints without a type or URL are
    /// skipped; `region_id` is preferred to the older `region`.
    pub fn parse(v: Option<&Value>) -> Catalog {
        let services = v
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .filter_map(Value::as_object)
                    .filter_map(|s| {
                        let service_type = non_empty_text(s.get("type"))?;
                        let endpoints = s
                            .get("endpoints")
                            .and_then(Value::as_array)
                            .map(|eps| {
                                eps.iter()
                                    .filter_map(Value::as_object)
                                    .filter_map(|e| {
                                        Some(CatalogEndpoint {
                                            url: non_empty_id(e.get("url"))?,
                                            interface: text(e.get("interface"))
                                                .unwrap_or_else(|| "public".into()),
                                            region: non_empty_text(e.get("region_id"))
                                                .or_else(|| non_empty_text(e.get("region")))
                                                .unwrap_or_default(),
                                        })
                                    })
                                    .collect()
                            })
                            .unwrap_or_default();
                        Some(CatalogService {
                            service_type,
                            name: text(s.get("name")).unwrap_or_default(),
                            endpoints,
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        Catalog { services }
    }

    /// The regions that have a public block-storage endpoint, in catalog order, without
    /// duplicates (a region menu needs more than one).
    pub fn regions(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for s in self.services_of(ServiceKind::BlockStorage) {
            for e in s.endpoints.iter().filter(|e| is_public(e)) {
                if !out.contains(&e.region) {
                    out.push(e.region.clone());
                }
            }
        }
        out
    }

    fn services_of(&self, kind: ServiceKind) -> impl Iterator<Item = &CatalogService> {
        kind.catalog_types().iter().flat_map(move |t| {
            self.services
                .iter()
                .filter(move |s| s.service_type.eq_ignore_ascii_case(t))
        })
    }

    /// The public URL of `kind` in `region` (`None`: the first region that has one). Huawei's
    /// global services list region `*`, which matches any region.
    pub fn endpoint(
        &self,
        kind: ServiceKind,
        region: Option<&str>,
    ) -> Result<String, CatalogProblem> {
        let mut any = false;
        for s in self.services_of(kind) {
            any = true;
            let found = s.endpoints.iter().filter(|e| is_public(e)).find(|e| {
                region.is_none_or(|r| e.region == r || e.region == "*" || e.region.is_empty())
            });
            if let Some(e) = found {
                return Ok(e.url.clone());
            }
        }
        Err(if any {
            CatalogProblem::NoEndpointInRegion {
                kind,
                region: region.unwrap_or_default().to_string(),
            }
        } else {
            CatalogProblem::NoService(kind)
        })
    }

    /// Both base URLs for `region` (`None`: the first region of the block-storage service),
    /// with the version and project tails taken off so that the console's own paths fit.
    pub fn service_endpoints(
        &self,
        region: Option<&str>,
    ) -> Result<ServiceEndpoints, CatalogProblem> {
        let region = match region {
            Some(r) => r.to_string(),
            None => self.regions().into_iter().next().unwrap_or_default(),
        };
        let wanted = (!region.is_empty()).then_some(region.as_str());
        let block = self.endpoint(ServiceKind::BlockStorage, wanted)?;
        let image = self.endpoint(ServiceKind::Image, wanted)?;
        Ok(ServiceEndpoints {
            block_storage: strip_block_storage_tail(&block),
            image: strip_version_tail(&image),
            region,
        })
    }
}

fn is_public(e: &CatalogEndpoint) -> bool {
    e.interface.eq_ignore_ascii_case("public")
}

/// `https://evs.x.example/v2/0123abcd` → `https://evs.x.example`: the catalog's block-storage
/// URLs end in `/v2|/v3/{project_id}` (or the older `$(project_id)s` template, or `/v3`).
pub fn strip_block_storage_tail(url: &str) -> String {
    let url = url.trim().trim_end_matches('/');
    let mut parts: Vec<&str> = url.rsplitn(3, '/').collect();
    parts.reverse(); // [head, maybe version, last]
    if parts.len() == 3 && is_version(parts[1]) {
        return parts[0].to_string();
    }
    strip_version_tail(url)
}

/// `http://glance:9292/v2` → `http://glance:9292`; a URL without a version tail unchanged.
pub fn strip_version_tail(url: &str) -> String {
    let url = url.trim().trim_end_matches('/');
    match url.rsplit_once('/') {
        Some((head, last)) if is_version(last) && head.contains("//") && head.len() > 8 => {
            head.to_string()
        }
        _ => url.to_string(),
    }
}

/// `v2`, `v3`, `v2.1`, `v3.0`.
fn is_version(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('v').or_else(|| s.strip_prefix('V')) else {
        return false;
    };
    !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// A project the user may scope to (`GET /v3/auth/projects`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthProject {
    pub id: ProjectId,
    pub name: String,
    pub domain_id: String,
    pub enabled: bool,
}

/// The answer to `GET /v3/auth/projects` (Keystone, and Huawei IAM's same path); projects
/// without an id are skipped, disabled ones kept (marked) so the list matches the service's.
pub fn parse_auth_projects(status: u16, body: &str) -> Result<Vec<AuthProject>, ApiError> {
    if !(200..300).contains(&status) {
        return Err(ApiError::from_response(status, body));
    }
    let value: Value = serde_json::from_str(body.trim_start_matches('\u{feff}'))
        .map_err(|_| ApiError::from_response(status, body))?;
    let list = value
        .as_object()
        .and_then(|o| get_ci(o, "projects"))
        .and_then(Value::as_array)
        .ok_or_else(|| ApiError::unexpected_shape(status, "projects"))?;
    Ok(list
        .iter()
        .filter_map(Value::as_object)
        .filter_map(|p| {
            Some(AuthProject {
                id: ProjectId::parse(&non_empty_id(p.get("id"))?)?,
                name: text(p.get("name")).unwrap_or_default(),
                domain_id: text(p.get("domain_id")).unwrap_or_default(),
                enabled: p.get("enabled").and_then(Value::as_bool).unwrap_or(true),
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tails_are_taken_off() {
        assert_eq!(
            strip_block_storage_tail("http://127.0.0.1:18776/v3/186d878f1ff941399cf1d066adbadd11"),
            "http://127.0.0.1:18776"
        );
        assert_eq!(
            strip_block_storage_tail("https://evs.ap-southeast-1.myhuaweicloud.com/v2/0a1b/"),
            "https://evs.ap-southeast-1.myhuaweicloud.com"
        );
        assert_eq!(
            strip_block_storage_tail("https://cinder.example/volume/v3/$(project_id)s"),
            "https://cinder.example/volume"
        );
        assert_eq!(
            strip_block_storage_tail("https://c.example/v3"),
            "https://c.example"
        );
        assert_eq!(strip_block_storage_tail("/evs"), "/evs");
        assert_eq!(
            strip_version_tail("http://127.0.0.1:19292"),
            "http://127.0.0.1:19292"
        );
        assert_eq!(
            strip_version_tail("http://glance/image/v2/"),
            "http://glance/image"
        );
        assert_eq!(strip_version_tail("https://v2"), "https://v2");
    }

    #[test]
    fn project_input_by_id_or_name() {
        assert_eq!(
            ProjectScope::from_input(" 186d878f1ff941399cf1d066adbadd11 ", "d"),
            Some(ProjectScope::Id(
                ProjectId::parse("186d878f1ff941399cf1d066adbadd11").unwrap()
            ))
        );
        assert_eq!(
            ProjectScope::from_input("ap-southeast-1", " acct "),
            Some(ProjectScope::Named {
                name: "ap-southeast-1".into(),
                domain: "acct".into()
            })
        );
        assert_eq!(ProjectScope::from_input("  ", "d"), None);
    }

    #[test]
    fn missing_fields_are_all_named() {
        let c = Credentials::Password {
            user: " ".into(),
            domain: "".into(),
            password: "".into(),
        };
        assert_eq!(
            token_request_body(&c, None),
            Err(vec![
                SignInField::UserName,
                SignInField::Password,
                SignInField::Domain,
                SignInField::Project
            ])
        );
        let c = Credentials::ApplicationCredential {
            id: "".into(),
            secret: "".into(),
        };
        assert_eq!(
            token_request_body(&c, None),
            Err(vec![
                SignInField::CredentialId,
                SignInField::CredentialSecret
            ])
        );
    }

    #[test]
    fn secrets_never_in_debug() {
        let c = Credentials::Password {
            user: "u".into(),
            domain: "d".into(),
            password: "hunter2".into(),
        };
        assert!(!format!("{c:?}").contains("hunter2"));
        let c = Credentials::ApplicationCredential {
            id: "i".into(),
            secret: "s3cr3t".into(),
        };
        assert!(!format!("{c:?}").contains("s3cr3t"));
        assert!(!format!("{:?}", Credentials::Token("tok123".into())).contains("tok123"));
    }

    #[test]
    fn huawei_iam_error_shape_and_locked() {
        let e = IdentityError::from_api(ApiError::from_response(
            401,
            r#"{"error_msg":"The username or password is wrong.","error_code":"IAM.0101"}"#,
        ));
        assert_eq!(e.problem, IdentityProblem::Refused);
        assert_eq!(e.error.code(), Some("IAM.0101"));
        let e = IdentityError::from_api(ApiError::from_response(
            401,
            r#"{"error":{"code":401,"message":"The account is locked for user: a1b2.","title":"Unauthorized"}}"#,
        ));
        assert_eq!(e.problem, IdentityProblem::Locked);
        let e = IdentityError::from_api(ApiError::from_response(
            502,
            "<html><title>Bad Gateway</title></html>",
        ));
        assert_eq!(e.problem, IdentityProblem::Service);
        assert_eq!(e.error.kind(), &ErrorKind::HtmlPage);
    }
}
