//! The identity service: Keystone v3's `POST/GET/DELETE /v3/auth/tokens` and
//! `GET /v3/auth/projects` (also under `/iam`), in Keystone's shape or Huawei IAM's
//! (`--identity huawei`: an account-name domain, region projects, `evs`/`image` catalog types).
//!
//! Tokens live in memory only (a restart or `/__sim/reset` forgets them) and expire after
//! `--token-ttl` seconds of the simulator's clock (`/__sim/advance` moves it). The block-storage
//! and image routes accept them for their project, beside the fixed `--token`.

use std::collections::HashMap;

use axum::http::Method;
use serde_json::{json, Value};

use crate::api::Reply;
use crate::util::{evs_time, mix, uuid_from};
use crate::App;

/// The seeded user's name (its domain: [`DOMAIN`]).
pub const USER: &str = "operator";
/// The seeded user's default password (`--password` changes it).
pub const DEFAULT_PASSWORD: &str = "evs-sim-password";
/// The seeded domain (Keystone's default domain; Huawei: the account name).
pub const DOMAIN: &str = "Default";
const DOMAIN_ID: &str = "default";
const USER_ID: &str = "5e1c0a97d3b44f0c9a1e2b3c4d5e6f70";
/// The seeded project's name (its id is `--project-id`).
pub const PROJECT_NAME: &str = "sim-project";
/// A second project of the seeded user: it exists and holds no disks.
pub const SECOND_PROJECT_ID: &str = "7c3e1b2a9d8f4e6c8b5a4f3e2d1c0b9a";
pub const SECOND_PROJECT_NAME: &str = "sim-project-2";
/// A user that exists and is locked (any password).
pub const LOCKED_USER: &str = "locked-user";
const LOCKED_USER_ID: &str = "9a8b7c6d5e4f40312a1b2c3d4e5f6a7b";
/// The seeded application credential (the seeded user's, for the seeded project).
pub const APP_CRED_ID: &str = "sim-app-cred";
pub const APP_CRED_SECRET: &str = "sim-app-cred-secret";
/// The catalog's region.
pub const REGION: &str = "RegionOne";
/// Huawei-shaped catalog's region (and the seeded project's name there, as on Huawei Cloud).
pub const HUAWEI_REGION: &str = "sim-region-1";
/// Default token lifetime (Keystone's default is one hour; Huawei IAM's 24 hours).
pub const DEFAULT_TOKEN_TTL_SECONDS: u64 = 3600;

/// Which identity service the simulator imitates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdentityShape {
    Keystone,
    HuaweiIam,
}

/// One issued token.
#[derive(Debug, Clone)]
pub struct IssuedToken {
    pub project_id: String,
    pub methods: Vec<&'static str>,
    pub issued_us: i64,
    pub expires_us: i64,
}

/// Issued tokens, by token text.
#[derive(Debug, Default)]
pub struct Tokens {
    map: HashMap<String, IssuedToken>,
    counter: u64,
}

impl Tokens {
    pub fn clear(&mut self) {
        self.map.clear();
    }
}

/// Whether `token` is an issued, unexpired token for `project` (any project when `None`).
pub fn accepts(app: &App, token: &str, project: Option<&str>) -> bool {
    let now = app.now_us();
    app.with_tokens(|t| {
        t.map
            .get(token)
            .is_some_and(|rec| rec.expires_us > now && project.is_none_or(|p| p == rec.project_id))
    })
}

/// Whether `/v3/auth/...` is the identity API (checked before the block-storage routes).
pub fn is_identity(api_path: &str) -> bool {
    api_path == "/v3/auth" || api_path.starts_with("/v3/auth/")
}

fn error(status: u16, title: &str, message: &str) -> Reply {
    let r = Reply::json(
        status,
        &json!({ "error": { "code": status, "message": message, "title": title } }),
    );
    if status == 401 {
        r.with_header("www-authenticate", "Keystone uri=\"/iam/v3\"")
    } else {
        r
    }
}

fn unauthorized() -> Reply {
    error(
        401,
        "Unauthorized",
        "The request you have made requires authentication.",
    )
}

fn bad_request(detail: &str) -> Reply {
    error(
        400,
        "Bad Request",
        &format!("{detail} The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error."),
    )
}

/// The two seeded projects: (id, name).
fn projects(app: &App) -> [(String, &'static str); 2] {
    let first = match app.config.identity {
        IdentityShape::Keystone => PROJECT_NAME,
        IdentityShape::HuaweiIam => HUAWEI_REGION,
    };
    [
        (app.config.project_id.as_str().to_string(), first),
        (SECOND_PROJECT_ID.to_string(), SECOND_PROJECT_NAME),
    ]
}

/// `/v3/auth/tokens` and `/v3/auth/projects`. `origin` is `http://host` as the client sees it
/// (or `--public-url`): the catalog's URLs point back at the simulator through it.
pub fn route(
    app: &App,
    method: &Method,
    api_path: &str,
    headers: &axum::http::HeaderMap,
    body: &[u8],
    origin: &str,
) -> Reply {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
            .filter(|s| !s.is_empty())
    };
    let path = api_path.trim_end_matches('/');
    match (path, method.as_str()) {
        ("/v3/auth/tokens", "POST") => issue(app, body, origin),
        ("/v3/auth/tokens", "GET" | "HEAD") => {
            let Some(caller) = header("x-auth-token") else {
                return unauthorized();
            };
            if !accepts(app, caller, None) && caller != app.config.token {
                return unauthorized();
            }
            let subject = header("x-subject-token").unwrap_or("");
            let rec = app.with_tokens(|t| t.map.get(subject).cloned());
            match rec.filter(|r| r.expires_us > app.now_us()) {
                Some(rec) => token_reply(app, 200, subject, &rec, origin),
                None => error(404, "Not Found", "Failed to validate token"),
            }
        }
        ("/v3/auth/tokens", "DELETE") => {
            let Some(caller) = header("x-auth-token") else {
                return unauthorized();
            };
            if !accepts(app, caller, None) {
                return unauthorized();
            }
            let subject = header("x-subject-token").unwrap_or("").to_string();
            let gone = app.with_tokens(|t| t.map.remove(&subject));
            match gone {
                Some(_) => Reply::empty(204),
                None => error(404, "Not Found", "Failed to validate token"),
            }
        }
        ("/v3/auth/projects", "GET") => {
            let Some(caller) = header("x-auth-token") else {
                return unauthorized();
            };
            if !accepts(app, caller, None) {
                return unauthorized();
            }
            let list: Vec<Value> = projects(app)
                .iter()
                .map(|(id, name)| {
                    json!({ "id": id, "name": name, "domain_id": DOMAIN_ID, "enabled": true,
                            "is_domain": false, "parent_id": DOMAIN_ID, "description": "",
                            "links": { "self": format!("{origin}/iam/v3/projects/{id}") } })
                })
                .collect();
            Reply::json(
                200,
                &json!({ "projects": list, "links": { "self": format!("{origin}/iam/v3/auth/projects"), "next": null, "previous": null } }),
            )
        }
        ("/v3/auth/tokens" | "/v3/auth/projects", _) => error(
            405,
            "Method Not Allowed",
            "The method is not allowed for the requested URL.",
        ),
        _ => error(404, "Not Found", "The resource could not be found."),
    }
}

/// `POST /v3/auth/tokens`: password, application_credential or token (rescope).
fn issue(app: &App, body: &[u8], origin: &str) -> Reply {
    let Ok(value) = serde_json::from_slice::<Value>(body) else {
        return bad_request("Expecting to find auth in request body.");
    };
    let auth = &value["auth"];
    let identity = &auth["identity"];
    let Some(methods) = identity["methods"].as_array() else {
        return bad_request("Expecting to find identity in auth.");
    };
    let method = methods.first().and_then(Value::as_str).unwrap_or("");
    let scope = &auth["scope"]["project"];
    let projects = projects(app);
    // Which project a scope names (by id, or by name in the seeded domain).
    let scoped = || -> Option<String> {
        if let Some(id) = scope["id"].as_str() {
            return projects
                .iter()
                .find(|(p, _)| p == id)
                .map(|(p, _)| p.clone());
        }
        let name = scope["name"].as_str()?;
        let domain_ok = scope["domain"]["name"].as_str() == Some(DOMAIN)
            || scope["domain"]["id"].as_str() == Some(DOMAIN_ID);
        domain_ok
            .then(|| projects.iter().find(|(_, n)| *n == name))
            .flatten()
            .map(|(p, _)| p.clone())
    };
    let (project, methods): (Option<String>, Vec<&'static str>) = match method {
        "password" => {
            let user = &identity["password"]["user"];
            let name = user["name"].as_str().unwrap_or("");
            let domain_ok = user["domain"]["name"].as_str() == Some(DOMAIN)
                || user["domain"]["id"].as_str() == Some(DOMAIN_ID);
            if name == LOCKED_USER && domain_ok {
                return match app.config.identity {
                    IdentityShape::Keystone => error(
                        401,
                        "Unauthorized",
                        &format!("The account is locked for user: {LOCKED_USER_ID}."),
                    ),
                    IdentityShape::HuaweiIam => {
                        error(401, "Unauthorized", "The account is locked.")
                    }
                };
            }
            let password_ok = user["password"].as_str() == Some(app.config.password.as_str());
            if name != USER || !domain_ok || !password_ok {
                return unauthorized();
            }
            (scoped(), vec!["password"])
        }
        "application_credential" => {
            let cred = &identity["application_credential"];
            if cred["id"].as_str() != Some(APP_CRED_ID)
                || cred["secret"].as_str() != Some(APP_CRED_SECRET)
            {
                return unauthorized();
            }
            if !auth["scope"].is_null() {
                return unauthorized();
            }
            (
                Some(app.config.project_id.as_str().to_string()),
                vec!["application_credential"],
            )
        }
        "token" => {
            let old = identity["token"]["id"].as_str().unwrap_or("");
            if !accepts(app, old, None) {
                return unauthorized();
            }
            (scoped(), vec!["token", "password"])
        }
        _ => return unauthorized(),
    };
    let Some(project) = project else {
        return unauthorized();
    };
    let now = app.now_us();
    let ttl_us = i64::try_from(app.config.token_ttl_seconds)
        .unwrap_or(i64::MAX / 1_000_000)
        .saturating_mul(1_000_000);
    let rec = IssuedToken {
        project_id: project,
        methods,
        // Keystone's timestamps have whole seconds.
        issued_us: now - now % 1_000_000,
        expires_us: (now - now % 1_000_000).saturating_add(ttl_us),
    };
    let token = app.with_tokens(|t| {
        t.counter += 1;
        let a = mix(app.config.seed ^ t.counter ^ (now as u64));
        let b = mix(a ^ 0x1d3c);
        let token = format!("gAAAAsim{}", uuid_from(a, b).replace('-', ""));
        t.map.insert(token.clone(), rec.clone());
        token
    });
    token_reply(app, 201, &token, &rec, origin)
}

fn token_reply(app: &App, status: u16, token: &str, rec: &IssuedToken, origin: &str) -> Reply {
    let project_name = projects(app)
        .into_iter()
        .find(|(id, _)| *id == rec.project_id)
        .map_or("", |(_, n)| n);
    let domain = json!({ "id": DOMAIN_ID, "name": DOMAIN });
    let body = json!({ "token": {
        "methods": rec.methods,
        "user": { "domain": domain, "id": USER_ID, "name": USER, "password_expires_at": null },
        "audit_ids": [token.get(8..30).unwrap_or("")],
        "expires_at": format!("{}Z", evs_time(rec.expires_us)),
        "issued_at": format!("{}Z", evs_time(rec.issued_us)),
        "project": { "domain": domain, "id": rec.project_id, "name": project_name },
        "is_domain": false,
        "roles": [{ "id": "b5109f81d9fc4f0485a3ec2a1e200426", "name": "member" }],
        "catalog": catalog(app, &rec.project_id, origin),
    }});
    Reply::json(status, &body).with_header("x-subject-token", token.to_string())
}

/// The catalog, pointing back at the simulator's `/evs`, `/ims` and `/iam` paths.
fn catalog(app: &App, project: &str, origin: &str) -> Value {
    let ep = |region: &str, url: String| json!([{ "id": format!("{:016x}", mix(url.len() as u64 ^ mix(url.bytes().map(u64::from).sum()))), "interface": "public", "region_id": region, "region": region, "url": url }]);
    match app.config.identity {
        IdentityShape::Keystone => json!([
            { "type": "identity", "name": "keystone", "id": "65e4e36d", "endpoints": ep(REGION, format!("{origin}/iam/v3")) },
            { "type": "block-storage", "name": "cinder", "id": "8c1d8378", "endpoints": ep(REGION, format!("{origin}/evs/v3/{project}")) },
            { "type": "volumev3", "name": "cinderv3", "id": "2449e4f4", "endpoints": ep(REGION, format!("{origin}/evs/v3/{project}")) },
            { "type": "image", "name": "glance", "id": "4044ecc7", "endpoints": ep(REGION, format!("{origin}/ims")) },
        ]),
        IdentityShape::HuaweiIam => json!([
            { "type": "iam", "name": "iam", "id": "100a6a34", "endpoints": ep("*", format!("{origin}/iam/v3.0")) },
            { "type": "evs", "name": "evs", "id": "3e1b2a9d", "endpoints": ep(HUAWEI_REGION, format!("{origin}/evs/v2/{project}")) },
            { "type": "volumev2", "name": "cinderv2", "id": "8f4e6c8b", "endpoints": ep(HUAWEI_REGION, format!("{origin}/evs/v2/{project}")) },
            { "type": "image", "name": "ims", "id": "5a4f3e2d", "endpoints": ep(HUAWEI_REGION, format!("{origin}/ims")) },
        ]),
    }
}
