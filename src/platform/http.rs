//! Every call the console makes, through gloo-net's request builder, and nothing else: no
//! DOM, no signals. Each returns `Result<T, ApiError>`; every failure (status, body, network,
//! timeout, a token that cannot be sent) is an [`ApiError`] from evs-model. Paths come from
//! [`Dialect`] (ids percent-encoded there); query parameters go through the builder's
//! `query()`.
//!
//! - Every request has a timeout.
//! - A request is aborted when its future is dropped (the view that asked went away, or the
//!   action was cancelled): [`AbortOnDrop`].
//! - GETs are retried on transient failures ([`super::backoff`]); the export POST never is.
//! - With a host token provider, a 401 asks it once more and sends once more (a 401 means
//!   the request was not processed, so even the POST may be repeated then).

use std::cell::Cell;
use std::collections::BTreeSet;
use std::rc::Rc;

use evs_model::{
    metadata_patch_target, parse_export_response, parse_image, parse_image_delete,
    parse_image_list, parse_image_schema, parse_messages, parse_volume, parse_volume_list,
    ApiError, ClientProblem, DeleteRefusal, DeployedFormats, Dialect, ExportRequest, ExportedImage,
    Image, ImageDeleted, ImageId, ImageMetadata, ImagePage, ImageStatus, ProjectId, UserMessage,
    Volume, VolumeId, VolumePage, MESSAGES_MICROVERSION,
};
use futures::future::LocalBoxFuture;
use gloo_net::http::{Method, RequestBuilder};
use gloo_timers::callback::Timeout;
use gloo_timers::future::TimeoutFuture;
use web_sys::AbortController;

use super::backoff;
use super::token::{js_message, TokenSource, TOKEN_HEADER};

/// The two services' base URLs, without the `/v2`/`/v3` segments and trailing slashes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    /// Block storage (EVS / Cinder).
    pub block_storage: String,
    /// Image service (IMS / Glance).
    pub image: String,
}

impl Endpoints {
    pub fn new(block_storage: &str, image: &str) -> Endpoints {
        Endpoints {
            block_storage: trim_base(block_storage),
            image: trim_base(image),
        }
    }
}

/// A base URL without trailing slashes (`/evs/` → `/evs`); empty stays empty (same origin).
pub fn trim_base(base: &str) -> String {
    base.trim().trim_end_matches('/').to_string()
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
#[derive(Debug, Clone, PartialEq)]
pub struct ExportCall {
    pub result: Result<ExportedImage, ApiError>,
    pub raw: Option<RawResponse>,
}

/// Where and as whom to call. No `Debug`: the token source must not end up in a log line.
#[derive(Clone)]
pub struct Client {
    pub endpoints: Endpoints,
    pub project: ProjectId,
    pub dialect: Dialect,
    pub token: TokenSource,
    /// How long one request may take.
    pub timeout_ms: u32,
}

/// One request, before the token is added.
struct Call<'a> {
    method: Method,
    url: String,
    query: Vec<(&'static str, String)>,
    headers: &'a [(&'static str, String)],
    body: Option<&'a str>,
}

impl Client {
    /// The export's URL (as the page calls it; relative when the base URL is).
    pub fn action_url(&self, volume_id: &VolumeId) -> String {
        [
            self.endpoints.block_storage.as_str(),
            &self.dialect.action_path(&self.project, volume_id),
        ]
        .concat()
    }

    /// One page of disks, `limit` long, starting after `marker`; with `name`, only the disks
    /// whose name matches it, filtered by the server (Cinder's `name~` at microversion 3.34,
    /// Huawei's `name`).
    pub async fn list_volumes(
        &self,
        marker: Option<&VolumeId>,
        limit: u32,
        name: &str,
    ) -> Result<VolumePage, ApiError> {
        let url = [
            self.endpoints.block_storage.as_str(),
            &self.dialect.volumes_detail_path(&self.project),
        ]
        .concat();
        let headers: Vec<(&'static str, String)> =
            match self.dialect.volume_search_microversion(name) {
                Some(v) => vec![("OpenStack-API-Version", v.to_string())],
                None => Vec::new(),
            };
        let raw = self
            .get_with(
                url,
                self.dialect.volume_search_query(limit, marker, name),
                &headers,
            )
            .await?;
        parse_volume_list(raw.status, &raw.body).map_err(|e| e.with_request_id(raw.request_id))
    }

    /// One disk.
    pub async fn volume(&self, volume_id: &VolumeId) -> Result<Volume, ApiError> {
        let url = [
            self.endpoints.block_storage.as_str(),
            &self.dialect.volume_path(&self.project, volume_id),
        ]
        .concat();
        let raw = self.get(url, Vec::new()).await?;
        parse_volume(raw.status, &raw.body).map_err(|e| e.with_request_id(raw.request_id))
    }

    /// One image, from the image service.
    pub async fn image(&self, image_id: &ImageId) -> Result<Image, ApiError> {
        let url = [
            self.endpoints.image.as_str(),
            &Dialect::image_path(image_id),
        ]
        .concat();
        let raw = self.get(url, Vec::new()).await?;
        parse_image(raw.status, &raw.body).map_err(|e| e.with_request_id(raw.request_id))
    }

    /// Cinder's user messages about `volume_id` (`OpenStack-API-Version: volume 3.3`), newest
    /// first. `None` on Huawei EVS, which has no messages API.
    pub async fn volume_messages(
        &self,
        volume_id: &VolumeId,
    ) -> Option<Result<Vec<UserMessage>, ApiError>> {
        let path = self.dialect.messages_path(&self.project)?;
        let url = [self.endpoints.block_storage.as_str(), &path].concat();
        let query = vec![("resource_uuid", volume_id.as_str().to_string())];
        let headers = [("OpenStack-API-Version", MESSAGES_MICROVERSION.to_string())];
        let result = match self.get_with(url, query, &headers).await {
            Ok(raw) => {
                parse_messages(raw.status, &raw.body).map_err(|e| e.with_request_id(raw.request_id))
            }
            Err(e) => Err(e),
        };
        Some(result)
    }

    /// One page of the project's images in `status` (`GET {ims}/v2/images?status=&owner=`).
    pub async fn list_images(
        &self,
        status: &ImageStatus,
        marker: Option<&str>,
        limit: u32,
    ) -> Result<ImagePage, ApiError> {
        let url = [self.endpoints.image.as_str(), Dialect::IMAGES_PATH].concat();
        let query = Dialect::image_list_query(status, &self.project, limit, marker);
        let raw = self.get(url, query).await?;
        parse_image_list(raw.status, &raw.body).map_err(|e| e.with_request_id(raw.request_id))
    }

    /// Deletes an image (`DELETE {ims}/v2/images/{id}`), once: what the service did, or why
    /// it refused (with its words and request id).
    pub async fn delete_image(
        &self,
        image_id: &ImageId,
    ) -> Result<ImageDeleted, (DeleteRefusal, ApiError)> {
        let call = Call {
            method: Method::DELETE,
            url: [
                self.endpoints.image.as_str(),
                &Dialect::image_path(image_id),
            ]
            .concat(),
            query: Vec::new(),
            headers: &[],
            body: None,
        };
        match self.send(&call).await {
            Ok(raw) => parse_image_delete(raw.status, &raw.body)
                .map_err(|(why, e)| (why, e.with_request_id(raw.request_id))),
            Err(e) => Err((DeleteRefusal::Failed, e)),
        }
    }

    /// The image service's schema: the disk and container formats this deployment accepts.
    pub async fn image_schema(&self) -> Result<DeployedFormats, ApiError> {
        let url = [self.endpoints.image.as_str(), Dialect::IMAGE_SCHEMA_PATH].concat();
        let raw = self.get(url, Vec::new()).await?;
        parse_image_schema(raw.status, &raw.body).map_err(|e| e.with_request_id(raw.request_id))
    }

    /// Sets `metadata` on the image in one PATCH (Glance's JSON patch, or IMS's update);
    /// `keys`, the image's attributes as last read, decide `add` or `replace`. The PATCH is
    /// never repeated: a repeated `add` would conflict.
    pub async fn set_image_metadata(
        &self,
        image_id: &ImageId,
        metadata: &ImageMetadata,
        keys: &BTreeSet<String>,
    ) -> Result<Image, ApiError> {
        let (path, content_type) = metadata_patch_target(self.dialect, image_id);
        let body = metadata.patch(self.dialect, keys).to_string();
        let headers = [("Content-Type", content_type.to_string())];
        let call = Call {
            method: Method::PATCH,
            url: [self.endpoints.image.as_str(), &path].concat(),
            query: Vec::new(),
            headers: &headers,
            body: Some(&body),
        };
        let raw = self.send(&call).await?;
        parse_image(raw.status, &raw.body).map_err(|e| e.with_request_id(raw.request_id))
    }

    /// Sends the export, once. Never retried: a repeat could export twice.
    pub async fn export(&self, volume_id: &VolumeId, request: &ExportRequest) -> ExportCall {
        let headers = export_headers(request);
        let body = request.to_json();
        let call = Call {
            method: Method::POST,
            url: self.action_url(volume_id),
            query: Vec::new(),
            headers: &headers,
            body: Some(&body),
        };
        match self.send(&call).await {
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
    async fn get(
        &self,
        url: String,
        query: Vec<(&'static str, String)>,
    ) -> Result<RawResponse, ApiError> {
        self.get_with(url, query, &[]).await
    }

    /// [`Client::get`] with extra headers.
    async fn get_with(
        &self,
        url: String,
        query: Vec<(&'static str, String)>,
        headers: &[(&'static str, String)],
    ) -> Result<RawResponse, ApiError> {
        let call = Call {
            method: Method::GET,
            url,
            query,
            headers,
            body: None,
        };
        let mut retry = 0;
        loop {
            let failure = match self.send(&call).await {
                Ok(raw) if (200..300).contains(&raw.status) => return Ok(raw),
                Ok(raw) => {
                    let err = ApiError::from_response(raw.status, &raw.body)
                        .with_request_id(raw.request_id.clone());
                    (err, Ok(raw))
                }
                Err(e) => (e.clone(), Err(e)),
            };
            match backoff::get_retry_delay_ms(retry, &failure.0) {
                Some(ms) => {
                    TimeoutFuture::new(ms).await;
                    retry += 1;
                }
                None => return failure.1,
            }
        }
    }

    /// One call with the token; with a host provider, once more after a 401.
    fn send<'a>(&'a self, call: &'a Call<'a>) -> LocalBoxFuture<'a, Result<RawResponse, ApiError>> {
        Box::pin(self.send_inner(call))
    }

    async fn send_inner(&self, call: &Call<'_>) -> Result<RawResponse, ApiError> {
        let mut refreshed = false;
        loop {
            let token = self.token.token().await?;
            let raw = self.send_once(call, &token).await?;
            if raw.status == 401 && self.token.can_refresh() && !refreshed {
                refreshed = true;
                continue;
            }
            return Ok(raw);
        }
    }

    /// One request with `token` and a timeout. Errors are only "no answer" kinds (network,
    /// timeout) and client-side refusals; any status is an `Ok`.
    async fn send_once(&self, call: &Call<'_>, token: &str) -> Result<RawResponse, ApiError> {
        let mut builder = RequestBuilder::new(&call.url)
            .method(call.method.clone())
            .header("Accept", "application/json");
        for (name, value) in call.headers {
            builder = builder.header(name, value);
        }
        if !token.is_empty() {
            builder = builder.header(TOKEN_HEADER, token);
        }
        if !call.query.is_empty() {
            builder = builder.query(call.query.iter().map(|(k, v)| (*k, v.as_str())));
        }
        transmit(builder, call.body, self.timeout_ms, None)
            .await
            .map(|(raw, _)| raw)
    }
}

/// Sends one request (`builder`: method, URL, headers already set) with an abort on drop and
/// a timeout: the one transport of the API client and the identity service. Errors are only
/// "no answer" kinds (network, timeout) and client-side refusals; any status is an `Ok`, with
/// the answer's `also` header when asked for (Keystone's `X-Subject-Token`).
pub(super) async fn transmit(
    builder: RequestBuilder,
    body: Option<&str>,
    timeout_ms: u32,
    also: Option<&str>,
) -> Result<(RawResponse, Option<String>), ApiError> {
    let abort = AbortOnDrop::new()?;
    let builder = builder.abort_signal(Some(&abort.0.signal()));
    let request = match body {
        Some(body) => builder.body(body),
        None => builder.build(),
    }
    .map_err(|e| ApiError::client(ClientProblem::BadUrl, &gloo_message(e)))?;

    let timed_out = Rc::new(Cell::new(false));
    let _timer = {
        let (flag, controller) = (timed_out.clone(), abort.0.clone());
        Timeout::new(timeout_ms, move || {
            flag.set(true);
            controller.abort();
        })
    };
    let mut head = None;
    let result = async {
        let response = request.send().await?;
        let h = response.headers();
        head = Some((
            response.status(),
            h.get("x-request-id")
                .or_else(|| h.get("x-openstack-request-id"))
                .or_else(|| h.get("x-compute-request-id")),
            also.and_then(|name| h.get(name)),
        ));
        response.text().await
    }
    .await;
    abort.finish();
    match (result, head) {
        (Ok(body), Some((status, request_id, also))) => Ok((
            RawResponse {
                status,
                body,
                request_id,
            },
            also,
        )),
        // The answer started but its body broke off: keep the status, the body is empty.
        (Err(_), Some((status, request_id, also))) if !timed_out.get() => Ok((
            RawResponse {
                status,
                body: String::new(),
                request_id,
            },
            also,
        )),
        _ if timed_out.get() => Err(ApiError::timeout(timeout_ms.div_ceil(1000))),
        (result, _) => Err(ApiError::network(&match result {
            Err(e) => gloo_message(e),
            Ok(_) => String::new(),
        })),
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

/// The browser's words for a gloo-net failure.
fn gloo_message(e: gloo_net::Error) -> String {
    match e {
        gloo_net::Error::JsError(js) => js.message,
        other => other.to_string(),
    }
}

/// Aborts its request when dropped before [`AbortOnDrop::finish`]: dropping a request's
/// future (the view went away, the action was cancelled) stops the request in the browser.
struct AbortOnDrop(AbortController, Cell<bool>);

impl AbortOnDrop {
    fn new() -> Result<AbortOnDrop, ApiError> {
        AbortController::new()
            .map(|c| AbortOnDrop(c, Cell::new(false)))
            .map_err(|e| ApiError::network(&js_message(&e)))
    }

    fn finish(&self) {
        self.1.set(true);
    }
}

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if !self.1.get() {
            self.0.abort();
        }
    }
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
    fn urls() {
        let c = Client {
            endpoints: Endpoints::new(" /evs/ ", "/ims"),
            project: ProjectId::parse(" p ").unwrap(),
            dialect: Dialect::OpenStackCinder,
            token: TokenSource::Typed(" t\n".into()),
            timeout_ms: 1000,
        };
        assert_eq!(
            c.action_url(&VolumeId::parse("a/b").unwrap()),
            "/evs/v3/p/volumes/a%2Fb/action"
        );
        assert_eq!(
            trim_base("https://gw.example/evs//"),
            "https://gw.example/evs"
        );
        assert_eq!(trim_base(""), "");
    }
}
