//! Every way a call can fail, as typed facts: the status, what kind of failure, the code and
//! request id, and the other side's own words (`message`). No sentences of ours: the console
//! words each kind in the operator's language (its `i18n` module).

use std::fmt;

use serde_json::Value;

use crate::json::{get_ci, shorten, text};
use crate::MAX_MESSAGE_CHARS;

/// What kind of failure an [`ApiError`] is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// The API answered with an error envelope; the envelope key as sent (`badRequest`,
    /// `itemNotFound`, `error`, `error_code` for Huawei gateway errors, `message` for a flat
    /// object, ...). The message is the service's, possibly empty.
    Api(String),
    /// An HTML page where JSON was expected (a gateway or proxy error page). The message is
    /// the page's title and the sentence after its heading, as text.
    HtmlPage,
    /// An error status with an empty body.
    EmptyBody,
    /// A body that is not JSON, or JSON cut off part-way after `bytes` bytes. The message is
    /// the JSON parser's own words.
    MalformedBody { truncated: bool, bytes: usize },
    /// Valid JSON of a shape the console cannot use: `missing` names the member that was
    /// missing or of the wrong type (`volumes`, `image_id`, `os-volume_upload_image`, ...).
    UnexpectedShape { missing: &'static str },
    /// Plain text where JSON was expected; the message is that text.
    PlainText,
    /// The request never got an answer: connection refused, reset, DNS, CORS, offline. The
    /// message is the browser's own words.
    Network,
    /// No answer within the time limit.
    Timeout { seconds: u32 },
    /// Cancelled by the page (the view that asked went away).
    Aborted,
    /// The request was not sent: the client refused to build it.
    Client(ClientProblem),
}

/// Why the client did not send a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClientProblem {
    /// The token has characters a header cannot carry (only visible ASCII can).
    TokenCharacters,
    /// The host page's token provider threw or rejected; its words are the message.
    TokenProviderFailed,
    /// The host page's token provider gave no token (nothing, or not a string).
    TokenProviderEmpty,
    /// The URL could not be made into a request (a bad base URL); the browser's words are
    /// the message.
    BadUrl,
    /// No project id to put in the path.
    NoProject,
}

/// A failed call: HTTP status (0 when no answer came), kind, code, the other side's words
/// and the request id.
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
    /// `error_msg`), Keystone's `{"error": {"code", "message", "title"}}`, HTML pages, empty,
    /// plain-text and truncated bodies. Never panics.
    pub fn from_response(status: u16, body: &str) -> ApiError {
        let trimmed = body.trim_start_matches('\u{feff}').trim();
        if trimmed.is_empty() {
            return ApiError::new(status, ErrorKind::EmptyBody, None, String::new());
        }
        match serde_json::from_str::<Value>(trimmed) {
            Ok(value) => from_json(status, &value),
            Err(e) => {
                if looks_like_html(trimmed) {
                    let words = match (html_title(trimmed), html_detail(trimmed)) {
                        (Some(t), Some(d)) => format!("{t}: {d}"),
                        (Some(t), None) => t,
                        (None, Some(d)) => d,
                        (None, None) => String::new(),
                    };
                    ApiError::new(status, ErrorKind::HtmlPage, None, words)
                } else if trimmed.starts_with('{') || trimmed.starts_with('[') {
                    ApiError::new(
                        status,
                        ErrorKind::MalformedBody {
                            truncated: e.is_eof(),
                            bytes: body.len(),
                        },
                        None,
                        shorten(&e.to_string(), 120),
                    )
                } else {
                    // Control characters only (e.g. NUL bytes) leave nothing to show.
                    let text = clean_message(trimmed);
                    ApiError::new(status, ErrorKind::PlainText, None, text)
                }
            }
        }
    }

    /// An answer with a success status whose body lacks `missing` (a JSON member).
    pub fn unexpected_shape(status: u16, missing: &'static str) -> ApiError {
        ApiError::new(
            status,
            ErrorKind::UnexpectedShape { missing },
            None,
            String::new(),
        )
    }

    /// A request that got no answer at all (`detail` is the browser's or client's words).
    pub fn network(detail: &str) -> ApiError {
        let detail = shorten(detail.trim(), 200);
        ApiError::new(0, ErrorKind::Network, None, detail)
    }

    /// No answer within `seconds`.
    pub fn timeout(seconds: u32) -> ApiError {
        ApiError::new(0, ErrorKind::Timeout { seconds }, None, String::new())
    }

    /// The page cancelled the request.
    pub fn aborted() -> ApiError {
        ApiError::new(0, ErrorKind::Aborted, None, String::new())
    }

    /// The client refused to send the request; `detail` is the words of whoever refused
    /// (the host's token provider, the browser's URL parser), possibly empty.
    pub fn client(problem: ClientProblem, detail: &str) -> ApiError {
        let detail = shorten(detail.trim(), 200);
        ApiError::new(0, ErrorKind::Client(problem), None, detail)
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

    /// HTTP status; 0 when no answer came (network, timeout, abort, not sent).
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

    /// The other side's own words, shortened to a readable length and never markup: the
    /// service's message, the error page's text, the browser's or the host's words. Empty
    /// when there were none (a timeout, an empty body, an envelope without a message).
    pub fn message(&self) -> &str {
        &self.message
    }

    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// Whether the call got no answer at all (status 0: network, timeout, abort, not sent).
    pub fn no_answer(&self) -> bool {
        self.status == 0
    }
}

/// A technical one-line form for logs and test failures (the console words errors itself).
impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {} {:?}", self.status, self.kind)?;
        if let Some(code) = &self.code {
            write!(f, " [code {code}]")?;
        }
        if !self.message.is_empty() {
            write!(f, ": {}", self.message)?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " [request id {id}]")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

fn from_json(status: u16, value: &Value) -> ApiError {
    let Some(obj) = value.as_object() else {
        return ApiError::unexpected_shape(status, "error");
    };
    let request_id = text(get_ci(obj, "request_id"));

    // Huawei API gateway style: {"error_code": "APIGW.0301", "error_msg": "...", "request_id": ".."}
    if let Some(msg) = text(get_ci(obj, "error_msg")) {
        let code = text(get_ci(obj, "error_code"));
        return ApiError::new(
            status,
            ErrorKind::Api("error_code".into()),
            code,
            clean_message(&msg),
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
            .unwrap_or_default();
        let code = text(get_ci(inner, "code"));
        let request_id = request_id.or_else(|| text(get_ci(inner, "request_id")));
        return ApiError::new(
            status,
            ErrorKind::Api(shorten(&key, 60)),
            code.map(|c| shorten(&c, 60)),
            clean_message(&message),
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
            clean_message(&message),
        )
        .with_request_id(request_id);
    }

    ApiError::unexpected_shape(status, "message").with_request_id(request_id)
}

/// Server text made safe to show: `<br>` tags and whitespace runs become single spaces,
/// bidi controls go, and it is cut to [`MAX_MESSAGE_CHARS`]. May be empty.
fn clean_message(message: &str) -> String {
    shorten(
        &collapse_whitespace(&drop_br_tags(message)),
        MAX_MESSAGE_CHARS,
    )
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
        assert_eq!(e.kind(), &ErrorKind::Api("error_code".into()));
        assert_eq!(
            e.message(),
            "Incorrect IAM authentication information: verify aksk signature fail"
        );
    }

    #[test]
    fn html_pages_give_their_title() {
        let html = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>";
        let e = ApiError::from_response(502, html);
        assert_eq!(e.kind(), &ErrorKind::HtmlPage);
        // nginx's `<hr>nginx` after the heading is not a sentence: the title alone.
        assert_eq!(e.message(), "502 Bad Gateway");
        let e = ApiError::from_response(200, "<html><body>maintenance</body></html>");
        assert_eq!(e.kind(), &ErrorKind::HtmlPage);
        assert_eq!(e.message(), "");
        let e = ApiError::from_response(503, "<html><title>&lt;script&gt; &amp; co</title></html>");
        assert_eq!(e.message(), "<script> & co");
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
        assert_eq!(e.message(), "404 Not Found: No image found with ID i1");
    }

    #[test]
    fn empty_truncated_and_plain() {
        let e = ApiError::from_response(503, "");
        assert_eq!(e.kind(), &ErrorKind::EmptyBody);
        assert_eq!(e.message(), "");
        let body = r#"{"os-volume_upload_image": {"status": "upl"#;
        let e = ApiError::from_response(202, body);
        assert_eq!(
            e.kind(),
            &ErrorKind::MalformedBody {
                truncated: true,
                bytes: body.len()
            }
        );
        assert!(e.message().contains("EOF"), "{}", e.message());
        let e = ApiError::from_response(500, "{nope}");
        assert!(matches!(
            e.kind(),
            ErrorKind::MalformedBody {
                truncated: false,
                ..
            }
        ));
        let e = ApiError::from_response(500, "Internal Server Error\n\n  details");
        assert_eq!(e.kind(), &ErrorKind::PlainText);
        assert_eq!(e.message(), "Internal Server Error details");
        let e = ApiError::from_response(257, "\0\0");
        assert_eq!((e.kind(), e.message()), (&ErrorKind::PlainText, ""));
    }

    #[test]
    fn unknown_shapes_name_what_is_missing() {
        for body in [
            "[]",
            "42",
            "null",
            r#"{"foo": "bar"}"#,
            r#"{"error": null}"#,
        ] {
            let e = ApiError::from_response(418, body);
            assert!(
                matches!(e.kind(), ErrorKind::UnexpectedShape { .. }),
                "{body}: {e}"
            );
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
    fn display_is_technical_with_code_and_request_id() {
        let e =
            ApiError::from_response(400, r#"{"error": {"message": "bad", "code": "EVS.2002"}}"#)
                .with_request_id(Some("req-1".into()));
        assert_eq!(
            e.to_string(),
            "HTTP 400 Api(\"error\") [code EVS.2002]: bad [request id req-1]"
        );
        assert_eq!(
            ApiError::timeout(30).kind(),
            &ErrorKind::Timeout { seconds: 30 }
        );
        assert!(ApiError::network("").no_answer());
        let e = ApiError::client(ClientProblem::TokenProviderFailed, " portal down ");
        assert_eq!((e.status(), e.message()), (0, "portal down"));
    }
}
