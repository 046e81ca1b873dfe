//! Every call the console makes, and nothing else: no DOM, no signals. Each function returns
//! `Result<T, ApiError>`; every failure (status, body, network, timeout, cancel) is an
//! [`ApiError`] from evs-model. Paths come from [`Dialect`]; ids are percent-encoded there.
//!
//! GETs are retried on transient failures ([`crate::backoff`]); the export POST never is.
//! Every request has a timeout and can be cancelled through a [`Cancel`] handle.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use evs_model::{
    parse_export_response, parse_image, parse_volume, parse_volume_list, ApiError, Dialect,
    ExportRequest, ExportedImage, Image, ImageId, ProjectId, Volume, VolumeId, VolumePage,
};
use gloo_net::http::Request;
use gloo_timers::callback::Timeout;
use gloo_timers::future::TimeoutFuture;
use web_sys::AbortController;

use crate::backoff;
use crate::embed::TokenProvider;

/// The header that carries the token.
pub const TOKEN_HEADER: &str = "X-Auth-Token";

/// Cancels every request started with it (when the component that owns it goes away).
#[derive(Clone, Default)]
pub struct Cancel(Rc<CancelInner>);

#[derive(Default)]
struct CancelInner {
    cancelled: Cell<bool>,
    live: RefCell<Vec<AbortController>>,
}

impl Cancel {
    pub fn new() -> Cancel {
        Cancel::default()
    }

    /// Aborts every request in flight and refuses new ones.
    pub fn cancel(&self) {
        self.0.cancelled.set(true);
        let live = std::mem::take(&mut *self.0.live.borrow_mut());
        for c in live {
            c.abort();
        }
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.cancelled.get()
    }

    fn track(&self, c: &AbortController) {
        self.0.live.borrow_mut().push(c.clone());
    }

    fn untrack(&self, c: &AbortController) {
        self.0.live.borrow_mut().retain(|x| x != c);
    }
}

/// A response as received: status, body text and request id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawResponse {
    pub status: u16,
    pub body: String,
    pub request_id: Option<String>,
}

/// The outcome of the export POST: the parsed result and, when an answer came, the answer
/// itself (for the "show request" view).
pub struct ExportCall {
    pub result: Result<ExportedImage, ApiError>,
    pub raw: Option<RawResponse>,
}

/// Where and as whom to call. Built fresh from the settings for each operation; the token is
/// private and has no `Debug`, so it cannot end up in a log line.
#[derive(Clone)]
pub struct Client {
    evs_base_url: String,
    ims_base_url: String,
    project_id: ProjectId,
    dialect: Dialect,
    token: String,
    timeout_ms: u32,
    /// The host page's token source (embedded mode): asked before every request, and once
    /// more after a 401.
    provider: Option<TokenProvider>,
}

impl Client {
    pub fn new(
        evs_base_url: &str,
        ims_base_url: &str,
        project_id: &str,
        dialect: Dialect,
        token: &str,
        timeout_ms: u32,
    ) -> Client {
        Client {
            evs_base_url: crate::config::trim_base(evs_base_url),
            ims_base_url: crate::config::trim_base(ims_base_url),
            project_id: ProjectId::parse(project_id)
                .unwrap_or_else(|| ProjectId::parse("-").expect("id")),
            dialect,
            token: token.trim().to_string(),
            timeout_ms,
            provider: None,
        }
    }

    /// Takes the token from the host page's provider instead of the typed-in one.
    pub fn with_token_provider(mut self, provider: Option<TokenProvider>) -> Client {
        self.provider = provider;
        self
    }

    /// The export's URL (as the page calls it; relative when the base URL is).
    pub fn action_url(&self, volume_id: &VolumeId) -> String {
        format!(
            "{}{}",
            self.evs_base_url,
            self.dialect.action_path(&self.project_id, volume_id)
        )
    }

    /// One page of disks, `limit` long, starting after `marker`.
    pub async fn list_volumes(
        &self,
        marker: Option<&VolumeId>,
        limit: u32,
        cancel: &Cancel,
    ) -> Result<VolumePage, ApiError> {
        let path = self
            .dialect
            .volume_list_path(&self.project_id, limit, marker);
        let raw = self
            .get(&format!("{}{path}", self.evs_base_url), cancel)
            .await?;
        parse_volume_list(raw.status, &raw.body).map_err(|e| e.with_request_id(raw.request_id))
    }

    /// One disk.
    pub async fn volume(&self, volume_id: &VolumeId, cancel: &Cancel) -> Result<Volume, ApiError> {
        let path = self.dialect.volume_path(&self.project_id, volume_id);
        let raw = self
            .get(&format!("{}{path}", self.evs_base_url), cancel)
            .await?;
        parse_volume(raw.status, &raw.body).map_err(|e| e.with_request_id(raw.request_id))
    }

    /// One image, from the image service.
    pub async fn image(&self, image_id: &ImageId, cancel: &Cancel) -> Result<Image, ApiError> {
        let url = format!("{}{}", self.ims_base_url, Dialect::image_path(image_id));
        let raw = self.get(&url, cancel).await?;
        parse_image(raw.status, &raw.body).map_err(|e| e.with_request_id(raw.request_id))
    }

    /// Sends the export, once. Never retried: a repeat could export twice.
    pub async fn export(
        &self,
        volume_id: &VolumeId,
        request: &ExportRequest,
        cancel: &Cancel,
    ) -> ExportCall {
        let headers = export_headers(request);
        let sent = self
            .send(
                "POST",
                &self.action_url(volume_id),
                &headers,
                Some(request.to_json()),
                cancel,
            )
            .await;
        match sent {
            Ok(raw) => ExportCall {
                result: parse_export_response(raw.status, &raw.body)
                    .map_err(|e| e.with_request_id(raw.request_id.clone())),
                raw: Some(raw),
            },
            Err(e) => ExportCall {
                result: Err(e),
                raw: None,
            },
        }
    }

    /// A GET with retries on transient failures (network errors, 502/503/504).
    async fn get(&self, url: &str, cancel: &Cancel) -> Result<RawResponse, ApiError> {
        let mut retry = 0;
        loop {
            let outcome = match self.send("GET", url, &[], None, cancel).await {
                Ok(raw) if (200..300).contains(&raw.status) => return Ok(raw),
                Ok(raw) => {
                    let err = ApiError::from_response(raw.status, &raw.body)
                        .with_request_id(raw.request_id.clone());
                    (err, Ok(raw))
                }
                Err(e) => (e.clone(), Err(e)),
            };
            match backoff::get_retry_delay_ms(retry, &outcome.0) {
                Some(ms) if !cancel.is_cancelled() => {
                    TimeoutFuture::new(ms).await;
                    retry += 1;
                }
                _ => return outcome.1,
            }
        }
    }

    /// One request with the token (from the host's provider when there is one). With a
    /// provider, a 401 asks it for a token once more and sends once more: a 401 means the
    /// request was not processed, so even the export POST may be repeated then.
    async fn send(
        &self,
        method: &str,
        url: &str,
        extra_headers: &[(&'static str, String)],
        body: Option<String>,
        cancel: &Cancel,
    ) -> Result<RawResponse, ApiError> {
        let mut retried = false;
        loop {
            let token = match &self.provider {
                Some(p) => p.token(cancel).await?,
                None => self.token.clone(),
            };
            let raw = self
                .send_with(method, url, extra_headers, body.clone(), &token, cancel)
                .await?;
            if raw.status != 401 || self.provider.is_none() || retried {
                return Ok(raw);
            }
            retried = true;
        }
    }

    /// One request with `token`, a timeout and `cancel`. Errors are only "no answer"
    /// kinds (network, timeout, cancelled); any status is an `Ok`.
    async fn send_with(
        &self,
        method: &str,
        url: &str,
        extra_headers: &[(&'static str, String)],
        body: Option<String>,
        token: &str,
        cancel: &Cancel,
    ) -> Result<RawResponse, ApiError> {
        if cancel.is_cancelled() {
            return Err(ApiError::aborted());
        }
        if !header_value_ok(token) {
            return Err(ApiError::network(crate::text::BAD_TOKEN));
        }
        let controller =
            AbortController::new().map_err(|_| ApiError::network("cannot create a request"))?;
        let request = build_request(method, url, extra_headers, token, body, &controller)
            .ok_or_else(|| {
                ApiError::network("the request could not be built (check the base URL)")
            })?;
        cancel.track(&controller);
        let timed_out = Rc::new(Cell::new(false));
        let timer = {
            let (flag, c) = (timed_out.clone(), controller.clone());
            Timeout::new(self.timeout_ms, move || {
                flag.set(true);
                c.abort();
            })
        };
        let mut status = None;
        let mut request_id = None;
        let result = async {
            let response = request.send().await?;
            status = Some(response.status());
            let h = response.headers();
            request_id = h
                .get("x-request-id")
                .or_else(|| h.get("x-openstack-request-id"))
                .or_else(|| h.get("x-compute-request-id"));
            response.text().await
        }
        .await;
        drop(timer);
        cancel.untrack(&controller);
        match (result, status) {
            (Ok(body), Some(status)) => Ok(RawResponse {
                status,
                body,
                request_id,
            }),
            // The answer started but its body broke off: keep the status, the body is empty.
            (Err(_), Some(status)) if !timed_out.get() && !cancel.is_cancelled() => {
                Ok(RawResponse {
                    status,
                    body: String::new(),
                    request_id,
                })
            }
            (result, _) => Err(if timed_out.get() {
                ApiError::timeout(self.timeout_ms.div_ceil(1000))
            } else if cancel.is_cancelled() {
                ApiError::aborted()
            } else {
                ApiError::network(&match result {
                    Err(gloo_net::Error::JsError(js)) => js.message,
                    Err(other) => other.to_string(),
                    Ok(_) => String::new(),
                })
            }),
        }
    }
}

/// The headers of the export besides the token, exactly as sent (the curl view shows them).
pub fn export_headers(request: &ExportRequest) -> Vec<(&'static str, String)> {
    let mut h = vec![
        ("Content-Type", "application/json".to_string()),
        ("Accept", "application/json".to_string()),
    ];
    if let Some(v) = request.microversion() {
        h.push(("OpenStack-API-Version", v.to_string()));
    }
    h
}

/// Whether a header can carry `value` (visible ASCII and inner spaces; no line breaks).
pub fn header_value_ok(value: &str) -> bool {
    value.bytes().all(|b| (0x20..0x7f).contains(&b))
}

/// The fetch request, built without anything that could throw: the URL is used exactly as
/// given (gloo-net's builder would rewrite its query string).
fn build_request(
    method: &str,
    url: &str,
    extra: &[(&'static str, String)],
    token: &str,
    body: Option<String>,
    controller: &AbortController,
) -> Option<Request> {
    let headers = web_sys::Headers::new().ok()?;
    headers.set("Accept", "application/json").ok()?;
    for (k, v) in extra {
        headers.set(k, v).ok()?;
    }
    if !token.is_empty() {
        headers.set(TOKEN_HEADER, token).ok()?;
    }
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    init.set_headers(&headers);
    init.set_signal(Some(&controller.signal()));
    if let Some(body) = body {
        init.set_body(&wasm_bindgen::JsValue::from_str(&body));
    }
    web_sys::Request::new_with_str_and_init(url, &init)
        .ok()
        .map(Request::from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use evs_model::ExportForm;

    #[test]
    fn headers_follow_the_microversion() {
        let huawei = ExportForm {
            image_name: "img".into(),
            ..ExportForm::new(Dialect::HuaweiEvs)
        }
        .validate()
        .unwrap();
        let names: Vec<&str> = export_headers(&huawei).iter().map(|h| h.0).collect();
        assert_eq!(names, ["Content-Type", "Accept"]);
        let cinder = ExportForm {
            image_name: "img".into(),
            visibility: "shared".into(),
            ..ExportForm::new(Dialect::OpenStackCinder)
        }
        .validate()
        .unwrap();
        assert!(export_headers(&cinder).contains(&("OpenStack-API-Version", "volume 3.1".into())));
    }

    #[test]
    fn urls_and_token_checks() {
        let c = Client::new(
            "/evs/",
            "/ims",
            " p ",
            Dialect::OpenStackCinder,
            " t\n",
            1000,
        );
        assert_eq!(
            c.action_url(&VolumeId::parse("a/b").unwrap()),
            "/evs/v3/p/volumes/a%2Fb/action"
        );
        assert_eq!(c.token, "t");
        assert!(header_value_ok("MIIabc+/=-_."));
        assert!(!header_value_ok("a\r\nX-Evil: 1"));
        assert!(!header_value_ok("令牌"));
    }
}
