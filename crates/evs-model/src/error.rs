//! Every way a call can fail, turned into something an operator can read and act on.

use std::fmt;

use serde_json::Value;

use crate::json::{get_ci, shorten, text};
use crate::MAX_MESSAGE_CHARS;

/// What kind of failure an [`ApiError`] is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// The API answered with an error envelope; the envelope key as sent (`badRequest`,
    /// `itemNotFound`, `error`, `error_code` for Huawei gateway errors, ...).
    Api(String),
    /// An HTML page where JSON was expected (a gateway or proxy error page).
    HtmlPage,
    /// An error status with an empty body.
    EmptyBody,
    /// A body that is not JSON (or JSON cut off part-way).
    MalformedBody { truncated: bool },
    /// Valid JSON of a shape the console cannot use (a field missing or of the wrong type).
    UnexpectedShape,
    /// Plain text where JSON was expected.
    PlainText,
    /// The request never got an answer: connection refused, reset, DNS, CORS, offline.
    Network,
    /// No answer within the time limit.
    Timeout { seconds: u32 },
    /// Cancelled by the page (the component went away).
    Aborted,
}

/// A failed call: HTTP status (0 when no answer came), kind, code, message and request id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    status: u16,
    kind: ErrorKind,
    code: Option<String>,
    message: String,
    request_id: Option<String>,
}

impl ApiError {
    /// Turns any non-success answer into an error. Handles every envelope in SPEC.md (any key,
    /// case-insensitive; `code` string or number), Huawei gateway errors (`error_code`/
    /// `error_msg`), HTML pages, empty, plain-text and truncated bodies. Never panics.
    pub fn from_response(status: u16, body: &str) -> ApiError {
        let trimmed = body.trim_start_matches('\u{feff}').trim();
        if trimmed.is_empty() {
            return ApiError::new(status, ErrorKind::EmptyBody, None, default_message(status));
        }
        match serde_json::from_str::<Value>(trimmed) {
            Ok(value) => from_json(status, &value),
            Err(e) => {
                if looks_like_html(trimmed) {
                    let title = html_title(trimmed);
                    let mut message = match title {
                        Some(t) => format!(
                            "{} The server (or a gateway in front of it) answered with an HTML page titled \"{t}\" instead of JSON.",
                            default_message(status)
                        ),
                        None => format!(
                            "{} The server (or a gateway in front of it) answered with an HTML page instead of JSON.",
                            default_message(status)
                        ),
                    };
                    if let Some(detail) = html_detail(trimmed) {
                        message.push_str(&format!(" It says: \"{detail}\""));
                    }
                    ApiError::new(status, ErrorKind::HtmlPage, None, message)
                } else if trimmed.starts_with('{') || trimmed.starts_with('[') {
                    let truncated = e.is_eof();
                    let message = if truncated {
                        format!(
                            "The response was cut off after {} bytes (incomplete JSON).",
                            body.len()
                        )
                    } else {
                        format!(
                            "The response is not valid JSON ({}).",
                            shorten(&e.to_string(), 120)
                        )
                    };
                    ApiError::new(
                        status,
                        ErrorKind::MalformedBody { truncated },
                        None,
                        message,
                    )
                } else {
                    // Control characters only (e.g. NUL bytes) leave nothing to show: fall
                    // back to the status's own message (found by fuzzing).
                    let text = clean_message(trimmed, status);
                    ApiError::new(status, ErrorKind::PlainText, None, text)
                }
            }
        }
    }

    /// An answer with a success status whose body the console could not use.
    pub fn unexpected_shape(status: u16, detail: &str) -> ApiError {
        ApiError::new(
            status,
            ErrorKind::UnexpectedShape,
            None,
            format!(
                "The response has an unexpected shape: {}.",
                shorten(detail, 200)
            ),
        )
    }

    /// A request that got no answer at all (`detail` is the browser's or client's words).
    pub fn network(detail: &str) -> ApiError {
        let detail = shorten(detail.trim(), 200);
        let message = if detail.is_empty() {
            "The service could not be reached.".to_string()
        } else {
            format!("The service could not be reached ({detail}).")
        };
        ApiError::new(0, ErrorKind::Network, None, message)
    }

    /// No answer within `seconds`.
    pub fn timeout(seconds: u32) -> ApiError {
        ApiError::new(
            0,
            ErrorKind::Timeout { seconds },
            None,
            format!("No answer within {seconds} seconds."),
        )
    }

    /// The page cancelled the request.
    pub fn aborted() -> ApiError {
        ApiError::new(
            0,
            ErrorKind::Aborted,
            None,
            "The request was cancelled.".into(),
        )
    }

    fn new(status: u16, kind: ErrorKind, code: Option<String>, message: String) -> ApiError {
        ApiError {
            status,
            kind,
            code,
            message,
            request_id: None,
        }
    }

    /// Attaches the request id from `X-Request-Id` / `x-openstack-request-id` (or a body).
    pub fn with_request_id(mut self, id: Option<String>) -> ApiError {
        if let Some(id) = id.map(|s| shorten(s.trim(), 128)).filter(|s| !s.is_empty()) {
            self.request_id = Some(id);
        }
        self
    }

    /// HTTP status; 0 when no answer came (network, timeout, abort).
    pub fn status(&self) -> u16 {
        self.status
    }

    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The service's error code (`EVS.2002`, `400`, `APIGW.0301`), if it sent one.
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// The message, already shortened to a readable length.
    pub fn message(&self) -> &str {
        &self.message
    }

    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// A short title for the error panel.
    pub fn title(&self) -> String {
        match &self.kind {
            ErrorKind::Network => "Cannot reach the service".into(),
            ErrorKind::Timeout { .. } => "The service did not answer in time".into(),
            ErrorKind::Aborted => "Cancelled".into(),
            _ => match self.status {
                400 => "The request was rejected (400)".into(),
                401 => "Not signed in: the token was refused (401)".into(),
                403 => "Not allowed (403)".into(),
                404 => "Not found (404)".into(),
                409 => "Conflict (409)".into(),
                413 | 429 => format!("Over a limit ({})", self.status),
                s @ 500..=599 => format!("The service failed ({s})"),
                s if (200..300).contains(&s) => {
                    format!("The response could not be read ({s})")
                }
                s => format!("Request failed ({s})"),
            },
        }
    }

    /// What the operator can do about it.
    pub fn hint(&self) -> &'static str {
        match (&self.kind, self.status) {
            (ErrorKind::Network, _) => "Check the base URL in the connection settings and your network connection, then try again.",
            (ErrorKind::Timeout { .. }, _) => "The export may still have been accepted. Check the disk's status (it shows \"uploading\" if so) before you try again.",
            (ErrorKind::Aborted, _) => "Nothing more will happen for this request.",
            (_, 401) => "Check the token in the connection settings: it may be wrong or expired.",
            (_, 403) => "The token's user lacks permission for this project or action. Ask for the EVS and IMS permissions.",
            (_, 404) => "Check the project ID and that the disk still exists (refresh the disk list).",
            (_, 409) => "The disk is busy. Wait for the current operation to finish, then try again.",
            (_, 413 | 429) => "A quota or rate limit was reached. Wait a minute or free quota, then try again.",
            (_, 400) => "Correct what the message says and try again; nothing was exported.",
            (_, 500..=599) => "The service or a gateway in front of it failed. Check the disk's status before you try again: the export may or may not have started.",
            (_, 200..=299) => "The service answered in a form the console cannot read. The export may have started: check the disk's status.",
            _ => "Try again; if it keeps failing, give the request id to your cloud provider.",
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.title(), self.message)?;
        if let Some(code) = &self.code {
            write!(f, " [code {code}]")?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " [request id {id}]")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

fn default_message(status: u16) -> String {
    match status {
        400 => "The request was rejected.".into(),
        401 => "The token is missing, wrong or expired.".into(),
        403 => "The token does not allow this.".into(),
        404 => "Not found.".into(),
        405 => "The endpoint does not allow this method: is the base URL right?".into(),
        408 => "The server timed out waiting for the request.".into(),
        409 => "The resource is busy.".into(),
        413 | 429 => "Too many requests or over a quota.".into(),
        500 => "The service had an internal error.".into(),
        502 => "A gateway got no valid answer from the service.".into(),
        503 => "The service is unavailable.".into(),
        504 => "A gateway timed out waiting for the service.".into(),
        s => format!("The service answered with HTTP status {s}."),
    }
}

fn from_json(status: u16, value: &Value) -> ApiError {
    let Some(obj) = value.as_object() else {
        return ApiError::new(
            status,
            ErrorKind::UnexpectedShape,
            None,
            format!(
                "{} The body is JSON but not an error object.",
                default_message(status)
            ),
        );
    };
    let request_id = text(get_ci(obj, "request_id"));

    // Huawei API gateway style: {"error_code": "APIGW.0301", "error_msg": "...", "request_id": ".."}
    if let Some(msg) = text(get_ci(obj, "error_msg")) {
        let code = text(get_ci(obj, "error_code"));
        return ApiError::new(
            status,
            ErrorKind::Api("error_code".into()),
            code,
            clean_message(&msg, status),
        )
        .with_request_id(request_id);
    }

    // One-key (or keyed) envelopes: {"badRequest": {...}}, {"error": {...}}, {"itemNotFound": ...}.
    // Prefer `error`, then any key whose value is an object with a message or code.
    let envelope = get_ci(obj, "error")
        .filter(|v| v.is_object())
        .map(|v| ("error".to_string(), v))
        .or_else(|| {
            obj.iter()
                .find(|(_, v)| {
                    v.as_object().is_some_and(|o| {
                        get_ci(o, "message").is_some() || get_ci(o, "code").is_some()
                    })
                })
                .map(|(k, v)| (k.clone(), v))
        });
    if let Some((key, Value::Object(inner))) = envelope {
        let key = if key == "error" {
            obj.keys()
                .find(|k| k.eq_ignore_ascii_case("error"))
                .cloned()
                .unwrap_or(key)
        } else {
            key
        };
        let message = text(get_ci(inner, "message"))
            .or_else(|| text(get_ci(inner, "title")))
            .or_else(|| text(get_ci(inner, "details")))
            .unwrap_or_else(|| default_message(status));
        let code = text(get_ci(inner, "code"));
        let request_id = request_id.or_else(|| text(get_ci(inner, "request_id")));
        return ApiError::new(
            status,
            ErrorKind::Api(shorten(&key, 60)),
            code.map(|c| shorten(&c, 60)),
            clean_message(&message, status),
        )
        .with_request_id(request_id);
    }

    // A flat {"message": "...", "code": ...} or {"error": "text"}.
    let flat = text(get_ci(obj, "message"))
        .or_else(|| text(get_ci(obj, "error")))
        .or_else(|| text(get_ci(obj, "error_description")))
        .or_else(|| text(get_ci(obj, "title")));
    if let Some(message) = flat {
        let code = text(get_ci(obj, "code")).or_else(|| text(get_ci(obj, "error_code")));
        return ApiError::new(
            status,
            ErrorKind::Api("message".into()),
            code.map(|c| shorten(&c, 60)),
            clean_message(&message, status),
        )
        .with_request_id(request_id);
    }

    ApiError::new(
        status,
        ErrorKind::UnexpectedShape,
        None,
        format!(
            "{} The error body has no message the console recognises.",
            default_message(status)
        ),
    )
    .with_request_id(request_id)
}

fn clean_message(message: &str, status: u16) -> String {
    let collapsed = collapse_whitespace(&drop_br_tags(message));
    if collapsed.is_empty() {
        default_message(status)
    } else {
        shorten(&collapsed, MAX_MESSAGE_CHARS)
    }
}

/// Whitespace runs (newlines included) become one space; invisible bidi controls are dropped
/// so a message cannot reorder the text around it.
fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len().min(4 * MAX_MESSAGE_CHARS));
    let mut space = false;
    for c in s.chars() {
        if matches!(c as u32, 0x202A..=0x202E | 0x2066..=0x2069) {
            continue;
        }
        if c.is_whitespace() || c.is_control() {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
        if out.len() > 8 * MAX_MESSAGE_CHARS {
            break;
        }
    }
    out
}

fn looks_like_html(s: &str) -> bool {
    let head: String = s.chars().take(512).collect::<String>().to_ascii_lowercase();
    head.starts_with('<')
        && (head.contains("<html")
            || head.contains("<!doctype")
            || head.contains("<head")
            || head.contains("<body")
            || head.contains("<title")
            || head.contains("<h1"))
}

/// The text of the first `<title>` (or `<h1>`), tags stripped and common entities decoded.
fn html_title(s: &str) -> Option<String> {
    let lower = s.to_ascii_lowercase();
    for tag in ["title", "h1"] {
        let open = format!("<{tag}");
        let close = format!("</{tag}>");
        if let Some(start) = lower.find(&open) {
            let after_open = lower[start..].find('>').map(|i| start + i + 1)?;
            let end = lower[after_open..]
                .find(&close)
                .map(|i| after_open + i)
                .unwrap_or(lower.len().min(after_open + 400));
            // `lower` has the same byte offsets as `s` (ASCII lowering keeps lengths).
            let raw = s.get(after_open..end)?;
            let text = collapse_whitespace(&decode_entities(&strip_tags(raw)));
            if !text.is_empty() {
                return Some(shorten(&text, 120));
            }
        }
    }
    None
}

/// The text after a page's first `</h1>`, when it reads like a sentence (has a space).
/// webob error pages (Glance, Cinder, Nova) put the reason there:
/// `<h1>404 Not Found</h1> No image found with ID …<br /><br />`; a gateway's `<hr>nginx`
/// is left out.
fn html_detail(s: &str) -> Option<String> {
    let lower = s.to_ascii_lowercase();
    let start = lower.find("</h1>")? + "</h1>".len();
    let end = lower[start..]
        .find("</body>")
        .map_or(lower.len(), |i| start + i);
    let raw = s.get(start..end)?;
    let text = collapse_whitespace(&decode_entities(&strip_tags(&drop_br_tags(raw))));
    text.contains(' ').then(|| shorten(&text, 200))
}

/// `<br>`, `<br/>` and `<br />` (any case) become spaces. Glance ends the message of its
/// JSON errors with `<br /><br />`: markup, not part of the text.
fn drop_br_tags(s: &str) -> String {
    let lower = s.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut pos = 0;
    while let Some(found) = lower[pos..].find("<br") {
        let start = pos + found;
        let mut end = start + 3;
        while bytes.get(end) == Some(&b' ') {
            end += 1;
        }
        if bytes.get(end) == Some(&b'/') {
            end += 1;
        }
        if bytes.get(end) == Some(&b'>') {
            out.push_str(&s[pos..start]);
            out.push(' ');
            pos = end + 1;
        } else {
            out.push_str(&s[pos..start + 3]);
            pos = start + 3;
        }
    }
    out.push_str(&s[pos..]);
    out
}

fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn decode_entities(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_envelopes() {
        let e = ApiError::from_response(400, r#"{"error": {"message": "XXXX", "code": "XXX"}}"#);
        assert_eq!(e.kind(), &ErrorKind::Api("error".into()));
        assert_eq!((e.message(), e.code()), ("XXXX", Some("XXX")));
        let e = ApiError::from_response(
            404,
            r#"{ "itemNotFound": { "message": "XXXX", "code": "XXX" } }"#,
        );
        assert_eq!(e.kind(), &ErrorKind::Api("itemNotFound".into()));
        assert_eq!(e.status(), 404);
    }

    #[test]
    fn cinder_envelopes_with_numeric_codes() {
        let e = ApiError::from_response(
            400,
            r#"{"badRequest": {"code": 400, "message": "Invalid volume: Volume 5 status must be available"}}"#,
        );
        assert_eq!(e.code(), Some("400"));
        assert_eq!(
            e.message(),
            "Invalid volume: Volume 5 status must be available"
        );
        assert_eq!(e.title(), "The request was rejected (400)");
        let e = ApiError::from_response(
            404,
            r#"{"itemNotFound": {"code": 404, "message": "Volume x could not be found."}}"#,
        );
        assert_eq!(e.message(), "Volume x could not be found.");
    }

    #[test]
    fn key_case_varies() {
        let e = ApiError::from_response(
            400,
            r#"{"badrequest": {"message": "m", "Code": "EVS.0002"}}"#,
        );
        assert_eq!(e.kind(), &ErrorKind::Api("badrequest".into()));
        assert_eq!(e.code(), Some("EVS.0002"));
        let e = ApiError::from_response(500, r#"{"ERROR": {"MESSAGE": "boom"}}"#);
        assert_eq!(e.message(), "boom");
        assert_eq!(e.kind(), &ErrorKind::Api("ERROR".into()));
    }

    #[test]
    fn huawei_gateway_errors() {
        let e = ApiError::from_response(
            401,
            r#"{"error_msg":"Incorrect IAM authentication information: verify aksk signature fail","error_code":"APIGW.0301","request_id":"abc123"}"#,
        );
        assert_eq!(e.code(), Some("APIGW.0301"));
        assert_eq!(e.request_id(), Some("abc123"));
        assert!(e.hint().contains("token"));
    }

    #[test]
    fn html_pages_give_their_title() {
        let html = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>";
        let e = ApiError::from_response(502, html);
        assert_eq!(e.kind(), &ErrorKind::HtmlPage);
        assert!(
            e.message().contains("\"502 Bad Gateway\""),
            "{}",
            e.message()
        );
        assert!(e.message().starts_with("A gateway got no valid answer"));
        let e = ApiError::from_response(200, "<html><body>maintenance</body></html>");
        assert_eq!(e.kind(), &ErrorKind::HtmlPage);
        let e = ApiError::from_response(503, "<html><title>&lt;script&gt; &amp; co</title></html>");
        assert!(e.message().contains("\"<script> & co\""));
    }

    #[test]
    fn glance_line_breaks_are_not_text() {
        // Glance 33, Accept: application/json.
        let e = ApiError::from_response(
            404,
            "{\"message\": \"No image found with ID i1<br /><br />\\n\\n\\n\", \"code\": \"404 Not Found\", \"title\": \"Not Found\"}",
        );
        assert_eq!(e.message(), "No image found with ID i1");
        assert_eq!(e.code(), Some("404 Not Found"));
        assert_eq!(
            drop_br_tags("a<BR>b<br/>c<br  />d<brx>e<br"),
            "a b c d<brx>e<br"
        );
        // Glance 33, Accept: */*: the reason follows the heading.
        let page = "<html>\n <head>\n  <title>404 Not Found</title>\n </head>\n <body>\n  <h1>404 Not Found</h1>\n  No image found with ID i1<br /><br />\n\n\n\n </body>\n</html>";
        let e = ApiError::from_response(404, page);
        assert_eq!(e.kind(), &ErrorKind::HtmlPage);
        assert!(e.message().contains("titled \"404 Not Found\""));
        assert!(
            e.message()
                .ends_with(" It says: \"No image found with ID i1\""),
            "{}",
            e.message()
        );
    }

    #[test]
    fn empty_truncated_and_plain() {
        let e = ApiError::from_response(503, "");
        assert_eq!(e.kind(), &ErrorKind::EmptyBody);
        assert_eq!(e.message(), "The service is unavailable.");
        let e = ApiError::from_response(202, r#"{"os-volume_upload_image": {"status": "upl"#);
        assert_eq!(e.kind(), &ErrorKind::MalformedBody { truncated: true });
        assert!(e.message().contains("cut off"));
        let e = ApiError::from_response(500, "{nope}");
        assert_eq!(e.kind(), &ErrorKind::MalformedBody { truncated: false });
        let e = ApiError::from_response(500, "Internal Server Error\n\n  details");
        assert_eq!(e.kind(), &ErrorKind::PlainText);
        assert_eq!(e.message(), "Internal Server Error details");
        let e = ApiError::from_response(257, "\0\0");
        assert_eq!(e.message(), "The service answered with HTTP status 257.");
    }

    #[test]
    fn unknown_shapes_still_give_a_message() {
        for body in [
            "[]",
            "42",
            "null",
            r#"{"foo": "bar"}"#,
            r#"{"error": null}"#,
        ] {
            let e = ApiError::from_response(418, body);
            assert!(!e.message().is_empty(), "{body}");
            assert_eq!(e.status(), 418);
        }
        let e = ApiError::from_response(400, r#"{"error": "flat text"}"#);
        assert_eq!(e.message(), "flat text");
    }

    #[test]
    fn long_and_hostile_messages_are_bounded() {
        let long = "x".repeat(100_000);
        let body = format!(r#"{{"badRequest": {{"message": "{long}"}}}}"#);
        let e = ApiError::from_response(400, &body);
        assert!(e.message().chars().count() <= MAX_MESSAGE_CHARS + 1);
        let e = ApiError::from_response(400, r#"{"badRequest": {"message": "a\u202Eb\n\nc"}}"#);
        assert_eq!(e.message(), "ab c");
    }

    #[test]
    fn display_has_status_code_and_request_id() {
        let e =
            ApiError::from_response(400, r#"{"error": {"message": "bad", "code": "EVS.2002"}}"#)
                .with_request_id(Some("req-1".into()));
        assert_eq!(
            e.to_string(),
            "The request was rejected (400): bad [code EVS.2002] [request id req-1]"
        );
        assert_eq!(
            ApiError::timeout(30).message(),
            "No answer within 30 seconds."
        );
        assert_eq!(ApiError::network("").status(), 0);
    }
}
