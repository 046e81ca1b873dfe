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
use evs_model::{path_segment, DeployedFormats, Dialect, ExportRequest};
use percent_encoding::percent_decode_str;
use serde_json::{json, Value};

use crate::fault::{invalidate_json, nginx_page, Fault};
use crate::image_patch::{self, Flavor};
use crate::state::{
    image_json, message_json, volume_json, DeleteOutcome, ExportOutcome, ExportParams, ACTION,
};
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
    /// A status without a body (204, or an empty error).
    pub fn empty(status: u16) -> Reply {
        Reply {
            status,
            content_type: None,
            body: Vec::new(),
            headers: Vec::new(),
            volume_id: None,
            action: None,
            compute_request_id: false,
        }
    }

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
            let reply = Reply::empty(status);
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
    let is_schema = dialect == Dialect::HuaweiEvs && segs == ["schemas", "image"];
    let is_cloudimages = dialect == Dialect::HuaweiEvs && segs.first() == Some(&"cloudimages");

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
    if is_schema {
        return image_schema(ctx);
    }
    if is_cloudimages {
        return match &segs[1..] {
            [id] if ctx.method == Method::PATCH => patch_image(ctx, Flavor::Ims, id),
            [_] => method_not_allowed("PATCH"),
            _ => not_found("The resource could not be found."),
        };
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
            list(ctx, dialect, segs.len() == 3, minor)
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
        [project, "messages"] | [project, "messages", _] if dialect == Dialect::OpenStackCinder => {
            if ctx.method != Method::GET {
                return method_not_allowed("GET");
            }
            // Below 3.3 the route does not exist for Cinder: 404, as for an unknown path.
            if minor < 3 {
                return not_found("The resource could not be found.");
            }
            if !project_ok(project) {
                return not_found(&format!("Project {project} could not be found."));
            }
            messages(ctx, segs.get(2).copied(), minor)
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

/// The disk list's name filter, as the dialect reads it.
enum NameFilter {
    None,
    /// Cinder's `name`: the whole name.
    Exact(String),
    /// Huawei's `name` and Cinder's `name~` (LIKE `%text%`, case-insensitive as SQL's LIKE).
    Contains(String),
}

impl NameFilter {
    fn keeps(&self, name: &str) -> bool {
        match self {
            NameFilter::None => true,
            NameFilter::Exact(s) => name == s,
            NameFilter::Contains(s) => name.to_lowercase().contains(&s.to_lowercase()),
        }
    }
}

/// A `limit` query parameter: `default` when absent, at most `max`; Cinder's and Glance's
/// words when it is negative or not a number.
fn parse_limit(given: Option<String>, default: usize, max: usize) -> Result<usize, &'static str> {
    match given.map(|s| s.trim().parse::<i64>()) {
        None => Ok(default),
        Some(Ok(n)) if n < 0 => Err("limit param must be positive"),
        Some(Ok(n)) => Ok(usize::try_from(n).unwrap_or(max).min(max)),
        Some(Err(_)) => Err("limit param must be an integer"),
    }
}

/// Reads `name` / `name~` from the query. Cinder takes like-filters from microversion 3.34,
/// and only when the deployment allows the filter (`like_filter`); otherwise it refuses the
/// query (400), as a real Cinder does for a filter it does not allow.
fn name_filter(ctx: &Ctx<'_>, dialect: Dialect, minor: u32) -> Result<(NameFilter, String), Reply> {
    // The dialect's fuzzy filter (`name~` on Cinder, `name` on Huawei), then Cinder's exact one.
    let fuzzy_key = dialect.name_filter_param();
    let (key, value, exact) = if let Some(s) = query_param(ctx.query, fuzzy_key) {
        let cinder = dialect == Dialect::OpenStackCinder;
        if cinder && (minor < 34 || !ctx.app.deployment().like_filter) {
            return Err(bad_request(
                dialect,
                "EVS.0002",
                "Invalid filters name~ are found in query options.",
            ));
        }
        (fuzzy_key, s, false)
    } else if let (Dialect::OpenStackCinder, Some(s)) = (dialect, query_param(ctx.query, "name")) {
        ("name", s, true)
    } else {
        return Ok((NameFilter::None, String::new()));
    };
    let param = format!("&{key}={}", path_segment(&value));
    let filter = if exact {
        NameFilter::Exact(value)
    } else {
        NameFilter::Contains(value)
    };
    Ok((filter, param))
}

fn list(ctx: &Ctx<'_>, dialect: Dialect, detail: bool, minor: u32) -> Reply {
    let app = ctx.app;
    let (filter, filter_param) = match name_filter(ctx, dialect, minor) {
        Ok(f) => f,
        Err(reply) => return reply,
    };
    let limit = match parse_limit(query_param(ctx.query, "limit"), DEFAULT_LIMIT, MAX_LIMIT) {
        Ok(n) => n,
        Err(why) => return bad_request(dialect, "EVS.0002", why),
    };
    let marker = query_param(ctx.query, "marker").filter(|m| !m.is_empty());
    let project = &app.config.project_id;
    let prefix = dialect.path_prefix();
    let page = app.with_state(|st, _| {
        let page = st
            .page_where(marker.as_deref(), limit, |v| filter.keeps(&v.name))
            .map(|(volumes, next)| {
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
                        "{}/{prefix}/{}/{path}?limit={limit}&marker={}{filter_param}",
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
            let service = app.deployment();
            let deployed = DeployedFormats {
                disk: service.disk_formats,
                container: service.container_formats,
            };
            let params = ExportParams {
                now_us: 0,
                duration_us: app.export_duration_us(),
                failure_rate: app.config.failure_rate,
                force_failure: ctx.force_failure,
                microversion_3_1,
                cinder_force_upload: app.config.cinder_force_upload,
                cinder_compression: service.compression,
                deployed: &deployed,
                project_id: &app.config.project_id,
                request_id: ctx.request_id,
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

/// `GET /v3/{project}/messages[/{id}]` (microversion `minor` ≥ 3). Like Cinder, the query's
/// filters and paging apply from 3.5 only; below that every message of the project comes back.
fn messages(ctx: &Ctx<'_>, id: Option<&str>, minor: u32) -> Reply {
    let app = ctx.app;
    let project = &app.config.project_id;
    let filtered = minor >= 5;
    let resource = query_param(ctx.query, "resource_uuid").filter(|_| filtered);
    let given = query_param(ctx.query, "limit").filter(|_| filtered);
    let limit = match parse_limit(given, MAX_LIMIT, MAX_LIMIT) {
        Ok(n) => n,
        Err(why) => return bad_request(Dialect::OpenStackCinder, "", why),
    };
    let found = app.with_state(|st, now| {
        let live = st
            .messages
            .iter()
            .rev()
            .filter(|m| now < m.created_us.saturating_add(crate::state::MESSAGE_TTL_US));
        let list: Vec<Value> = match id {
            Some(id) => live
                .filter(|m| m.id == id)
                .map(|m| message_json(m, project, &ctx.base))
                .collect(),
            None => live
                .filter(|m| resource.as_deref().is_none_or(|r| m.resource_uuid == r))
                .take(limit)
                .map(|m| message_json(m, project, &ctx.base))
                .collect(),
        };
        (list, false)
    });
    match id {
        None => Reply::json(200, &json!({ "messages": found })),
        Some(id) => match found.into_iter().next() {
            Some(m) => Reply::json(200, &json!({ "message": m })),
            None => not_found(&format!("Message {id} could not be found.")),
        },
    }
}

/// Glance's most images per page (`api_limit_max`) and its default page (`limit_param_default`).
const GLANCE_MAX_LIMIT: usize = 1000;
const GLANCE_DEFAULT_LIMIT: usize = 25;

fn images(ctx: &Ctx<'_>, segs: &[&str]) -> Reply {
    let app = ctx.app;
    let method = ctx.method;
    match segs {
        [id] if method == Method::PATCH => patch_image(ctx, Flavor::Glance, id),
        [] if method == Method::GET => image_list(ctx),
        [id] if method == Method::DELETE => {
            let outcome = app.with_state(|st, now| {
                let outcome = st.delete_image(id, now);
                let changed = outcome == DeleteOutcome::Deleted;
                (outcome, changed)
            });
            match outcome {
                DeleteOutcome::Deleted => Reply::empty(204),
                // Glance's words for a delete differ from a read's (recorded from Glance 33).
                DeleteOutcome::NotFound => glance_error(
                    ctx.headers,
                    404,
                    "Not Found",
                    &format!(
                        "Failed to find image {} to delete",
                        id.chars().take(80).collect::<String>()
                    ),
                ),
                DeleteOutcome::Protected => glance_error(
                    ctx.headers,
                    403,
                    "Forbidden",
                    &format!("Image {id} is protected and cannot be deleted."),
                ),
            }
        }
        [] => method_not_allowed("GET"),
        [_] if method == Method::GET => images_get(ctx, segs),
        [_] => method_not_allowed("GET, DELETE, PATCH"),
        _ => glance_not_found(ctx.headers, segs.join("/").as_str()),
    }
}

/// `GET /v2/images?status=&owner=&limit=&marker=`: newest first, Glance's paging (`next`
/// while more remain).
fn image_list(ctx: &Ctx<'_>) -> Reply {
    let app = ctx.app;
    let project = &app.config.project_id;
    let status = query_param(ctx.query, "status");
    let owner = query_param(ctx.query, "owner");
    let marker = query_param(ctx.query, "marker").filter(|m| !m.is_empty());
    let given = query_param(ctx.query, "limit");
    let limit = match parse_limit(given, GLANCE_DEFAULT_LIMIT, GLANCE_MAX_LIMIT) {
        Ok(n) => n,
        Err(why) => return glance_error(ctx.headers, 400, "Bad Request", why),
    };
    let page = app.with_state(|st, now| {
        let matching: Vec<&crate::state::ImageRec> = st
            .images
            .iter()
            .rev()
            .filter(|i| !i.removed_at(now))
            .filter(|i| {
                status
                    .as_deref()
                    .is_none_or(|s| i.status_at(now).0.as_str() == s)
            })
            // Every image here is the one project's.
            .filter(|_| owner.as_deref().is_none_or(|o| o == project.as_str()))
            .collect();
        let start = match &marker {
            None => Some(0),
            Some(m) => matching
                .iter()
                .position(|i| i.id == m.as_str())
                .map(|p| p + 1),
        };
        let page = start.map(|start| {
            let end = start.saturating_add(limit).min(matching.len());
            let items: Vec<Value> = matching[start..end]
                .iter()
                .map(|i| image_json(i, now, project))
                .collect();
            let next = (end < matching.len() && end > start)
                .then(|| matching[end - 1].id.as_str().to_string());
            (items, next)
        });
        (page, false)
    });
    let Some((items, next)) = page else {
        return glance_error(
            ctx.headers,
            400,
            "Bad Request",
            &format!(
                "Invalid marker. Image {} could not be found.",
                marker.unwrap_or_default()
            ),
        );
    };
    let mut query: Vec<(&str, String)> = Vec::new();
    if let Some(s) = &status {
        query.push(("status", s.clone()));
    }
    if let Some(o) = &owner {
        query.push(("owner", o.clone()));
    }
    if query_param(ctx.query, "limit").is_some() {
        query.push(("limit", limit.to_string()));
    }
    let link = |extra: Option<&str>| {
        let mut q: Vec<String> = query
            .iter()
            .map(|(k, v)| format!("{k}={}", path_segment(v)))
            .collect();
        if let Some(m) = extra {
            q.push(format!("marker={}", path_segment(m)));
        }
        if q.is_empty() {
            "/v2/images".to_string()
        } else {
            format!("/v2/images?{}", q.join("&"))
        }
    };
    let mut body = json!({"images": items, "first": link(None), "schema": "/v2/schemas/images"});
    if let Some(next) = next {
        body["next"] = json!(link(Some(&next)));
    }
    Reply::json(200, &body)
}

fn images_get(ctx: &Ctx<'_>, segs: &[&str]) -> Reply {
    let app = ctx.app;
    let project = &app.config.project_id;
    match segs {
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

/// `PATCH /v2/images/{id}` (Glance) or `PATCH /v2/cloudimages/{id}` (IMS): the image's
/// metadata, all operations or none (`image_patch`); 200 with the image.
fn patch_image(ctx: &Ctx<'_>, flavor: Flavor, id: &str) -> Reply {
    let app = ctx.app;
    let content_type = ctx
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let project = &app.config.project_id;
    let outcome = app.with_state(|st, now| {
        let Some(index) = st
            .images
            .iter()
            .position(|i| i.id == id && !i.removed_at(now))
        else {
            return (None, false);
        };
        let img = &st.images[index];
        let result = image_patch::check_content_type(flavor, content_type)
            .and_then(|()| image_patch::apply(flavor, img, &img.status_at(now).0, ctx.body));
        match result {
            Ok(updated) => {
                let body = image_json(&updated, now, project);
                st.images[index] = updated;
                (Some(Ok(body)), true)
            }
            Err(refusal) => (Some(Err(refusal)), false),
        }
    });
    match (outcome, flavor) {
        (Some(Ok(image)), _) => Reply::json(200, &image),
        (Some(Err(r)), Flavor::Glance) => Reply::json(r.status, &image_patch::glance_error(&r)),
        (Some(Err(r)), Flavor::Ims) => Reply::json(
            r.status,
            &json!({"error": {"code": "IMS.0002", "message": r.message}}),
        ),
        (None, Flavor::Glance) => glance_not_found(ctx.headers, id),
        (None, Flavor::Ims) => Reply::json(
            404,
            &json!({"error": {"code": "IMS.0001", "message": format!("The image {} does not exist.", id.chars().take(80).collect::<String>())}}),
        ),
    }
}

/// `GET /v2/schemas/image`: Glance's image schema, trimmed to what a client reads (the
/// deployed `disk_format` and `container_format` enums, `null` first as Glance lists them).
fn image_schema(ctx: &Ctx<'_>) -> Reply {
    if ctx.method != Method::GET {
        return method_not_allowed("GET");
    }
    let with_null = |list: &[String]| {
        let mut items = vec![Value::Null];
        items.extend(list.iter().map(|s| Value::from(s.as_str())));
        items
    };
    let service = ctx.app.deployment();
    Reply::json(
        200,
        &json!({
            "name": "image",
            "additionalProperties": {"type": "string"},
            "properties": {
                "id": {"type": "string", "description": "An identifier for the image"},
                "name": {"type": ["null", "string"], "maxLength": 255},
                "disk_format": {
                    "type": ["null", "string"],
                    "description": "Format of the disk",
                    "enum": with_null(&service.disk_formats),
                },
                "container_format": {
                    "type": ["null", "string"],
                    "description": "Format of the container",
                    "enum": with_null(&service.container_formats),
                },
                "tags": {"type": "array", "items": {"type": "string", "maxLength": 255}},
                "min_disk": {"type": "integer", "minimum": 0},
                "min_ram": {"type": "integer", "minimum": 0},
                "os_distro": {"type": "string"},
                "os_version": {"type": "string"},
            },
        }),
    )
}

/// Glance's 404 comes from WebOb: HTML for browsers (`*/*` or `html` in Accept), JSON for
/// `application/json`, plain text otherwise.
fn glance_not_found(headers: &HeaderMap, id: &str) -> Reply {
    let id: String = id.chars().take(80).collect();
    glance_error(
        headers,
        404,
        "Not Found",
        &format!("No image found with ID {id}"),
    )
}

/// A Glance (WebOb) error in the form the Accept header asks for.
fn glance_error(headers: &HeaderMap, status: u16, title: &str, detail: &str) -> Reply {
    let accept = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let head = format!("{status} {title}");
    if accept.contains("html") || accept.contains("*/*") {
        Reply::text(
            status,
            "text/html; charset=UTF-8",
            format!(
                "<html>\n <head>\n  <title>{head}</title>\n </head>\n <body>\n  <h1>{head}</h1>\n  {}<br /><br />\n\n\n\n </body>\n</html>",
                crate::util::html_escape(detail)
            ),
        )
    } else if accept.contains("application/json") {
        Reply::json(
            status,
            &json!({"message": format!("{detail}<br /><br />\n\n\n"), "code": head, "title": title}),
        )
    } else {
        Reply::text(
            status,
            "text/plain; charset=UTF-8",
            format!("{head}\n\n{detail}\n\n   "),
        )
    }
}
