//! The block-storage API (`/v2` Huawei EVS, `/v3` OpenStack Cinder) and the image service
//! (`/v2/images`), with auth, faults, request ids and the request log.
//!
//! Routing is by hand (one fallback handler) so every answer, including "no such route",
//! gets the same headers, faults and log line.

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Instant;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State as AxState};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::response::Response;
use evs_model::{path_segment, Dialect, ExportRequest};
use percent_encoding::percent_decode_str;
use serde_json::{json, Value};

use crate::fault::{invalidate_json, nginx_page, Fault};
use crate::state::{image_json, volume_json, ExportOutcome, ExportParams, ACTION};
use tower::ServiceExt;

use crate::{identity, App, LogEntry, HANG};

/// Default page size of the disk list (real Cinder's default is its maximum, 1000; a small
/// default makes paging visible in the console).
pub const DEFAULT_LIMIT: usize = 20;
/// The largest page (Cinder's `osapi_max_limit`).
pub const MAX_LIMIT: usize = 1000;
/// Request bodies larger than this are refused (413).
pub const MAX_BODY: usize = 1 << 20;
/// The newest Cinder microversion the simulator claims.
pub const MAX_MICROVERSION: u32 = 70;

/// A finished answer, before faults that garble it and before headers.
pub struct Reply {
    pub status: u16,
    pub content_type: Option<&'static str>,
    pub body: Vec<u8>,
    pub headers: Vec<(&'static str, String)>,
    pub volume_id: Option<String>,
    pub action: Option<String>,
    /// Cinder also sends the request id as `X-Compute-Request-Id`.
    pub compute_request_id: bool,
}

impl Reply {
    pub fn json(status: u16, value: &Value) -> Reply {
        Reply {
            status,
            content_type: Some("application/json"),
            body: serde_json::to_vec(value).unwrap_or_default(),
            headers: Vec::new(),
            volume_id: None,
            action: None,
            compute_request_id: false,
        }
    }

    /// `{"<key>": {"code": <code>, "message": "<message>"}}`.
    pub fn envelope(status: u16, key: &str, code: Value, message: &str) -> Reply {
        Reply::json(
            status,
            &json!({ key: { "code": code, "message": message } }),
        )
    }

    pub fn text(status: u16, content_type: &'static str, body: String) -> Reply {
        Reply {
            status,
            content_type: Some(content_type),
            body: body.into_bytes(),
            headers: Vec::new(),
            volume_id: None,
            action: None,
            compute_request_id: false,
        }
    }

    pub(crate) fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Reply {
        self.headers.push((name, value.into()));
        self
    }
}

/// Everything that is not a control endpoint: the API (also under `/evs` and `/ims`), the
/// static page (with `--static`), or a short text at `/`.
pub async fn entry(AxState(app): AxState<App>, req: Request) -> Response {
    let path = req.uri().path().to_string();
    let (prefix, api_path) = split_prefix(&path);
    if is_api(api_path) {
        let (prefix, api_path) = (prefix.to_string(), api_path.to_string());
        return api(app, req, prefix, api_path).await;
    }
    let started = Instant::now();
    let method = req.method().clone();
    let response = match &app.statics {
        Some(files) => {
            let Ok(response) = files.clone().oneshot(req).await;
            response
        }
        None => root(&path),
    };
    app.print(&LogEntry {
        seq: 0,
        time: String::new(),
        method: method.to_string(),
        path: app.redact(&path),
        status: response.status().as_u16(),
        latency_ms: started.elapsed().as_millis() as u64,
        request_id: String::new(),
        dialect: None,
        volume_id: None,
        action: None,
        fault: None,
    });
    response
}

fn root(path: &str) -> Response {
    let (status, text) = if path == "/" {
        (
            StatusCode::OK,
            "evs-sim: block storage at /v2 (Huawei EVS) and /v3 (OpenStack Cinder), images at /v2/images, control at /__sim/{health,log,reset,faults,advance}.\n",
        )
    } else {
        (StatusCode::NOT_FOUND, "evs-sim: not found\n")
    };
    let mut r = Response::new(Body::from(text));
    *r.status_mut() = status;
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    r
}

/// `/evs/v2/...`, `/ims/v2/...` and `/iam/v3/...` are the API too (same-origin base URLs for
/// the page).
fn split_prefix(path: &str) -> (&str, &str) {
    for p in ["/evs", "/ims", "/iam"] {
        if let Some(rest) = path.strip_prefix(p) {
            if rest.starts_with('/') {
                return (p, rest);
            }
        }
    }
    ("", path)
}

fn is_api(path: &str) -> bool {
    ["/v2", "/v3"]
        .iter()
        .any(|v| path == *v || path.strip_prefix(v).is_some_and(|r| r.starts_with('/')))
}

struct Ctx<'a> {
    app: &'a App,
    method: &'a Method,
    headers: &'a HeaderMap,
    query: &'a str,
    body: &'a [u8],
    request_id: &'a str,
    force_failure: bool,
    /// The absolute URL of the API root this request came through (`http://host[/evs]`).
    base: String,
    /// `http://host` as the client sees it, or `--public-url`: the catalog's URLs start here.
    origin: String,
    /// `/evs`, `/ims`, `/iam` or empty.
    prefix: &'a str,
}

async fn api(app: App, req: Request, prefix: String, api_path: String) -> Response {
    let started = Instant::now();
    let request_id = app.request_id();
    let method = req.method().clone();
    let query = req.uri().query().unwrap_or("").to_string();
    let full_path = if query.is_empty() {
        req.uri().path().to_string()
    } else {
        format!("{}?{query}", req.uri().path())
    };
    let dialect = if api_path.starts_with("/v3") {
        Dialect::OpenStackCinder
    } else {
        Dialect::HuaweiEvs
    };
    let identity_call = identity::is_identity(&api_path) || prefix == "/iam";
    let mut entry = LogEntry {
        seq: 0,
        time: String::new(),
        method: method.to_string(),
        path: app.redact(&full_path),
        status: 0,
        latency_ms: 0,
        request_id: request_id.clone(),
        dialect: (!identity_call).then(|| dialect.as_str().to_string()),
        volume_id: None,
        action: None,
        fault: None,
    };

    let header_fault = req
        .headers()
        .get("x-sim-fault")
        .map(|v| v.to_str().unwrap_or("").parse::<Fault>());
    let fault = match header_fault {
        Some(Ok(f)) => Some(f),
        Some(Err(message)) => {
            let reply = Reply::envelope(
                400,
                "badRequest",
                json!(400),
                &format!("X-Sim-Fault: {message}"),
            );
            return finish(&app, entry, reply, &request_id, started);
        }
        None => app.take_fault(&api_path).or(app.config.fault),
    };
    entry.fault = fault.map(|f| f.to_string());

    let mut delay_ms = app.config.latency_ms;
    if let Some(Fault::Latency(ms)) = fault {
        delay_ms = delay_ms.saturating_add(ms);
    }
    if delay_ms > 0 {
        let delay = std::time::Duration::from_millis(delay_ms).min(HANG);
        tokio::time::sleep(delay).await;
    }

    match fault {
        Some(Fault::Html(status)) => {
            let reply =
                Reply::text(status, "text/html", nginx_page(status)).with_header("server", "nginx");
            return finish(&app, entry, reply, &request_id, started);
        }
        Some(Fault::Empty(status)) => {
            let reply = Reply {
                status,
                content_type: None,
                body: Vec::new(),
                headers: Vec::new(),
                volume_id: None,
                action: None,
                compute_request_id: false,
            };
            return finish(&app, entry, reply, &request_id, started);
        }
        Some(Fault::Drop) => {
            entry.latency_ms = started.elapsed().as_millis() as u64;
            app.record(entry);
            return Response::new(Body::new(ResetBody));
        }
        Some(Fault::Hang) => {
            entry.latency_ms = started.elapsed().as_millis() as u64;
            app.record(entry);
            tokio::time::sleep(HANG).await;
            let mut r = Response::new(Body::from(nginx_page(504)));
            *r.status_mut() = StatusCode::GATEWAY_TIMEOUT;
            return r;
        }
        _ => {}
    }

    let headers = req.headers().clone();
    let base = base_url(&headers, &app, &prefix);
    let origin = app
        .config
        .public_url
        .clone()
        .unwrap_or_else(|| base_url(&headers, &app, ""));
    let body = match axum::body::to_bytes(req.into_body(), MAX_BODY).await {
        Ok(b) => b,
        Err(_) => {
            let reply = Reply::envelope(413, "overLimit", json!(413), "Request is too large.");
            return finish(&app, entry, reply, &request_id, started);
        }
    };
    let ctx = Ctx {
        app: &app,
        method: &method,
        headers: &headers,
        query: &query,
        body: &body,
        request_id: &request_id,
        force_failure: fault == Some(Fault::ExportFails),
        base,
        origin,
        prefix: &prefix,
    };
    let mut reply = route(&ctx, &api_path, dialect);
    match fault {
        Some(Fault::Truncated) => {
            let half = reply.body.len() / 2;
            reply.body.truncate(half);
        }
        Some(Fault::InvalidJson) => reply.body = invalidate_json(&reply.body),
        _ => {}
    }
    finish(&app, entry, reply, &request_id, started)
}

/// Adds the common headers, logs, and makes the response.
fn finish(
    app: &App,
    mut entry: LogEntry,
    reply: Reply,
    request_id: &str,
    started: Instant,
) -> Response {
    let mut r = Response::new(Body::from(reply.body));
    *r.status_mut() =
        StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let h = r.headers_mut();
    if let Some(ct) = reply.content_type {
        h.insert(header::CONTENT_TYPE, HeaderValue::from_static(ct));
    }
    if let Ok(v) = HeaderValue::from_str(request_id) {
        h.insert(HeaderName::from_static("x-request-id"), v.clone());
        h.insert(HeaderName::from_static("x-openstack-request-id"), v.clone());
        if reply.compute_request_id {
            h.insert(HeaderName::from_static("x-compute-request-id"), v);
        }
    }
    for (name, value) in &reply.headers {
        if let (Ok(n), Ok(v)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            h.append(n, v);
        }
    }
    entry.status = reply.status;
    entry.volume_id = reply.volume_id;
    entry.action = reply.action;
    entry.latency_ms = started.elapsed().as_millis() as u64;
    app.record(entry);
    r
}

/// A body that fails on its first read: hyper closes the connection without sending the
/// (still buffered) response head, so the client sees the connection dropped.
struct ResetBody;

impl http_body::Body for ResetBody {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, Self::Error>>> {
        Poll::Ready(Some(Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "evs-sim: drop fault",
        ))))
    }
}

fn base_url(headers: &HeaderMap, app: &App, prefix: &str) -> String {
    let text = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(|s| s.split(',').next().unwrap_or("").trim().to_string())
            .filter(|s| !s.is_empty() && !s.contains(['/', ' ', '"', '<', '>']))
    };
    let host = text("x-forwarded-host")
        .or_else(|| text("host"))
        .unwrap_or_else(|| app.addr.to_string());
    let proto = text("x-forwarded-proto")
        .filter(|p| p == "http" || p == "https")
        .unwrap_or_else(|| "http".into());
    format!("{proto}://{host}{prefix}")
}

enum Auth {
    Ok,
    Missing,
    Wrong,
}

fn check_token(headers: &HeaderMap, token: &str) -> Auth {
    match headers.get("x-auth-token") {
        None => Auth::Missing,
        Some(v) if v.as_bytes().is_empty() => Auth::Missing,
        Some(v) => {
            // Compare without an early exit on the first differing byte.
            let given = v.as_bytes();
            let want = token.as_bytes();
            let diff = given
                .iter()
                .zip(want.iter())
                .fold(given.len() ^ want.len(), |acc, (a, b)| {
                    acc | usize::from(a ^ b)
                });
            if diff == 0 {
                Auth::Ok
            } else {
                Auth::Wrong
            }
        }
    }
}

/// 401 in the style of the API in front: Huawei's API gateway for `/v2` (and the image
/// service), Keystone middleware for `/v3`.
fn unauthorized(dialect: Dialect, auth: Auth, request_id: &str) -> Reply {
    match dialect {
        Dialect::HuaweiEvs => {
            let reason = match auth {
                Auth::Missing => "x-auth-token not found",
                _ => "decrypt token fail",
            };
            Reply::json(
                401,
                &json!({
                    "error_msg": format!("Incorrect IAM authentication information: {reason}"),
                    "error_code": "APIGW.0301",
                    "request_id": request_id,
                }),
            )
        }
        Dialect::OpenStackCinder => Reply::envelope(
            401,
            "unauthorized",
            json!(401),
            "The request you have made requires authentication.",
        )
        .with_header(
            "www-authenticate",
            "Keystone uri=\"http://127.0.0.1/identity\"",
        ),
    }
}

/// The 400 `code` per dialect: numeric on `/v3` (Cinder); on `/v2` a Huawei-style string,
/// `EVS.0002` for a bad body and `EVS.2002` for a disk that cannot be exported (the
/// simulator's choice; see README).
fn bad_request(dialect: Dialect, huawei_code: &str, message: &str) -> Reply {
    let code = match dialect {
        Dialect::HuaweiEvs => json!(huawei_code),
        Dialect::OpenStackCinder => json!(400),
    };
    Reply::envelope(400, "badRequest", code, message)
}

fn not_found(message: &str) -> Reply {
    Reply::envelope(404, "itemNotFound", json!(404), message)
}

fn method_not_allowed(allow: &'static str) -> Reply {
    Reply::envelope(
        405,
        "badMethod",
        json!(405),
        "The method is not allowed for the requested URL.",
    )
    .with_header("allow", allow)
}

/// The requested Cinder microversion (minor number of 3.x), or an error reply.
fn microversion(headers: &HeaderMap) -> Result<u32, Reply> {
    let Some(value) = headers.get("openstack-api-version") else {
        return Ok(0);
    };
    let text = value.to_str().unwrap_or("").trim().to_ascii_lowercase();
    let version = text.strip_prefix("volume").map(str::trim).unwrap_or("");
    if version == "latest" {
        return Ok(MAX_MICROVERSION);
    }
    let parsed = version
        .split_once('.')
        .and_then(|(major, minor)| Some((major.parse::<u32>().ok()?, minor.parse::<u32>().ok()?)));
    match parsed {
        Some((3, minor)) if minor <= MAX_MICROVERSION => Ok(minor),
        Some(_) => Err(Reply::envelope(
            406,
            "computeFault",
            json!(406),
            &format!(
                "Version {version} is not supported by the API. Minimum is 3.0 and maximum is 3.{MAX_MICROVERSION}."
            ),
        )),
        None => Err(Reply::envelope(
            400,
            "badRequest",
            json!(400),
            &format!("Invalid API version request string: {}", text.chars().take(40).collect::<String>()),
        )),
    }
}

fn route(ctx: &Ctx<'_>, api_path: &str, dialect: Dialect) -> Reply {
    let trimmed = api_path.strip_suffix('/').unwrap_or(api_path);
    let segments: Vec<String> = trimmed
        .split('/')
        .skip(2)
        .map(|s| percent_decode_str(s).decode_utf8_lossy().into_owned())
        .collect();
    let segs: Vec<&str> = segments.iter().map(String::as_str).collect();
    let is_images = dialect == Dialect::HuaweiEvs && segs.first() == Some(&"images");

    // The identity service: at /iam/v3/auth/... and /v3/auth/... (the root without a prefix).
    if ctx.prefix == "/iam" || (ctx.prefix.is_empty() && identity::is_identity(api_path)) {
        return identity::route(
            ctx.app,
            ctx.method,
            api_path,
            ctx.headers,
            ctx.body,
            &ctx.origin,
        );
    }

    match check_token(ctx.headers, &ctx.app.config.token) {
        Auth::Ok => {}
        other => {
            // A token the identity service issued: valid for its own project only; another
            // project in the path is refused as Cinder (400 "Malformed request url") and EVS
            // (EVS.0001 "invalid tenant id!") refuse it.
            let given = ctx
                .headers
                .get("x-auth-token")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            if !identity::accepts(ctx.app, given, None) {
                return unauthorized(dialect, other, ctx.request_id);
            }
            if !is_images {
                let project = segs.first().copied().unwrap_or("");
                if !identity::accepts(ctx.app, given, Some(project)) {
                    return bad_request(
                        dialect,
                        "EVS.0001",
                        match dialect {
                            Dialect::HuaweiEvs => "invalid tenant id!",
                            Dialect::OpenStackCinder => "Malformed request url",
                        },
                    );
                }
            }
        }
    }
    if is_images {
        return images(ctx, &segs[1..]);
    }

    let mut minor = 0;
    if dialect == Dialect::OpenStackCinder {
        minor = match microversion(ctx.headers) {
            Ok(m) => m,
            Err(reply) => return reply,
        };
    }
    let reply = volumes(ctx, &segs, dialect, minor);
    if dialect == Dialect::OpenStackCinder {
        let mut reply = reply
            .with_header("openstack-api-version", format!("volume 3.{minor}"))
            .with_header("vary", "OpenStack-API-Version");
        reply.compute_request_id = true;
        reply
    } else {
        reply
    }
}

fn volumes(ctx: &Ctx<'_>, segs: &[&str], dialect: Dialect, minor: u32) -> Reply {
    let app = ctx.app;
    let project_ok = |p: &str| p == app.config.project_id;
    match segs {
        [project, "volumes", "detail"] | [project, "volumes"] => {
            if ctx.method != Method::GET {
                return method_not_allowed("GET");
            }
            // The seeded user's second project: it exists, without disks.
            if *project == identity::SECOND_PROJECT_ID {
                return Reply::json(200, &json!({ "volumes": [] }));
            }
            if !project_ok(project) {
                return not_found(&format!("Project {project} could not be found."));
            }
            list(ctx, dialect, segs.len() == 3)
        }
        [project, "volumes", id] => {
            if ctx.method != Method::GET {
                return method_not_allowed("GET");
            }
            let project_ok = project_ok(project);
            let found = app.with_state(|st, _| {
                let v = st
                    .volume(id)
                    .filter(|_| project_ok)
                    .map(|v| volume_json(v, dialect, &app.config.project_id, &ctx.base));
                (v, false)
            });
            match found {
                Some(v) => Reply::json(200, &json!({ "volume": v })),
                None => not_found(&format!("Volume {id} could not be found.")),
            }
        }
        [project, "volumes", id, "action"] => {
            if ctx.method != Method::POST {
                return method_not_allowed("POST");
            }
            let mut reply = action(ctx, dialect, minor >= 1, project_ok(project), id);
            reply.volume_id = Some((*id).to_string());
            reply
        }
        _ => not_found("The resource could not be found."),
    }
}

fn list(ctx: &Ctx<'_>, dialect: Dialect, detail: bool) -> Reply {
    let app = ctx.app;
    let limit = match query_param(ctx.query, "limit") {
        None => DEFAULT_LIMIT,
        Some(s) => match s.trim().parse::<i64>() {
            Ok(n) if n < 0 => {
                return bad_request(dialect, "EVS.0002", "limit param must be positive")
            }
            Ok(n) => usize::try_from(n).unwrap_or(MAX_LIMIT).min(MAX_LIMIT),
            Err(_) => return bad_request(dialect, "EVS.0002", "limit param must be an integer"),
        },
    };
    let marker = query_param(ctx.query, "marker").filter(|m| !m.is_empty());
    let project = &app.config.project_id;
    let prefix = dialect.path_prefix();
    let page = app.with_state(|st, _| {
        let page = st.page(marker.as_deref(), limit).map(|(volumes, next)| {
            let items: Vec<Value> = volumes
                .iter()
                .map(|v| {
                    if detail {
                        volume_json(v, dialect, project, &ctx.base)
                    } else {
                        json!({
                            "id": v.id,
                            "name": v.name,
                            "links": [{"href": format!("{}{}", ctx.base, dialect.volume_path(project, &v.id)), "rel": "self"}],
                        })
                    }
                })
                .collect();
            (items, next.cloned())
        });
        (page, false)
    });
    match page {
        Err(_) => not_found(&format!(
            "Marker {} could not be found.",
            marker.unwrap_or_default()
        )),
        Ok((items, next)) => {
            let mut body = json!({ "volumes": items });
            if let Some(next) = next {
                let path = if detail { "volumes/detail" } else { "volumes" };
                body["volumes_links"] = json!([{
                    "href": format!(
                        "{}/{prefix}/{}/{path}?limit={limit}&marker={}",
                        ctx.base,
                        path_segment(project.as_str()),
                        path_segment(next.as_str())
                    ),
                    "rel": "next",
                }]);
            }
            Reply::json(200, &body)
        }
    }
}

/// The (form-decoded) value of the first `name` in a query string; `?limit` alone is `""`.
fn query_param(query: &str, name: &str) -> Option<String> {
    form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

fn action(
    ctx: &Ctx<'_>,
    dialect: Dialect,
    microversion_3_1: bool,
    project_ok: bool,
    volume_id: &str,
) -> Reply {
    let app = ctx.app;
    let Ok(text) = std::str::from_utf8(ctx.body) else {
        return bad_request(
            dialect,
            "EVS.0002",
            "Malformed request body: the body is not UTF-8 text.",
        );
    };
    // Cinder dispatches on the body's one key: any other action is not supported here.
    if let Ok(Value::Object(o)) = serde_json::from_str::<Value>(text) {
        if !o.contains_key(ACTION) {
            if let Some(key) = o.keys().next() {
                let mut reply = bad_request(
                    dialect,
                    "EVS.0002",
                    &format!(
                        "There is no such action: {}",
                        key.chars().take(60).collect::<String>()
                    ),
                );
                reply.action = Some(key.chars().take(60).collect());
                return reply;
            }
        }
    }
    let mut reply = match ExportRequest::from_wire(dialect, microversion_3_1, text) {
        Err(e) => bad_request(dialect, "EVS.0002", &e.to_string()),
        Ok(_) if !project_ok => not_found(&format!("Volume {volume_id} could not be found.")),
        Ok(req) => {
            let params = ExportParams {
                now_us: 0,
                duration_us: app.export_duration_us(),
                failure_rate: app.config.failure_rate,
                force_failure: ctx.force_failure,
                microversion_3_1,
                cinder_force_upload: app.config.cinder_force_upload,
                project_id: &app.config.project_id,
            };
            let outcome = app.with_state(|st, now| {
                let params = ExportParams {
                    now_us: now,
                    ..params
                };
                let outcome = st.export(volume_id, &req, &params);
                let changed = matches!(outcome, ExportOutcome::Accepted(_));
                (outcome, changed)
            });
            match outcome {
                ExportOutcome::Accepted(body) => Reply::json(202, &body),
                ExportOutcome::NotFound => {
                    not_found(&format!("Volume {volume_id} could not be found."))
                }
                ExportOutcome::Refused(reason) => bad_request(dialect, "EVS.2002", &reason),
            }
        }
    };
    reply.action = Some(ACTION.to_string());
    reply
}

fn images(ctx: &Ctx<'_>, segs: &[&str]) -> Reply {
    let app = ctx.app;
    if ctx.method != Method::GET {
        return method_not_allowed("GET");
    }
    let project = &app.config.project_id;
    match segs {
        [] => {
            let images = app.with_state(|st, now| {
                let list: Vec<Value> = st
                    .images
                    .iter()
                    .rev()
                    .filter(|i| !i.removed_at(now))
                    .map(|i| image_json(i, now, project))
                    .collect();
                (list, false)
            });
            Reply::json(
                200,
                &json!({"images": images, "first": "/v2/images", "schema": "/v2/schemas/images"}),
            )
        }
        [id] => {
            let found = app.with_state(|st, now| {
                let image = st.image(id).filter(|i| !i.removed_at(now));
                (image.map(|i| image_json(i, now, project)), false)
            });
            match found {
                Some(image) => Reply::json(200, &image),
                None => glance_not_found(ctx.headers, id),
            }
        }
        _ => glance_not_found(ctx.headers, segs.join("/").as_str()),
    }
}

/// Glance's 404 comes from WebOb: HTML for browsers (`*/*` or `html` in Accept), JSON for
/// `application/json`, plain text otherwise.
fn glance_not_found(headers: &HeaderMap, id: &str) -> Reply {
    let accept = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let id: String = id.chars().take(80).collect();
    let detail = format!("No image found with ID {id}");
    if accept.contains("html") || accept.contains("*/*") {
        Reply::text(
            404,
            "text/html; charset=UTF-8",
            format!(
                "<html>\n <head>\n  <title>404 Not Found</title>\n </head>\n <body>\n  <h1>404 Not Found</h1>\n  {}<br /><br />\n\n\n\n </body>\n</html>",
                crate::util::html_escape(&detail)
            ),
        )
    } else if accept.contains("application/json") {
        Reply::json(
            404,
            &json!({"message": format!("{detail}<br /><br />\n\n\n"), "code": "404 Not Found", "title": "Not Found"}),
        )
    } else {
        Reply::text(
            404,
            "text/plain; charset=UTF-8",
            format!("404 Not Found\n\n{detail}\n\n   "),
        )
    }
}
