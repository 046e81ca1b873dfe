//! The identity service's calls (Keystone v3, Huawei IAM): sign in / rescope
//! (`POST /v3/auth/tokens`, the token read from the `X-Subject-Token` header), the user's
//! projects, and revoke. Secrets travel only in request bodies and headers, never in a URL,
//! and nothing here logs or keeps them.

use evs_model::{
    parse_auth_projects, parse_token_answer, ApiError, AuthProject, ClientProblem, IdentityError,
    SignedIn,
};
use gloo_net::http::{Method, RequestBuilder};

use super::http::{transmit, trim_base};
use super::token::{header_value_ok, TOKEN_HEADER};

/// The header a token answer carries the token in (and revoke names the token with).
pub const SUBJECT_TOKEN_HEADER: &str = "X-Subject-Token";

/// An identity answer: status, body, the subject token header (when exposed) and request id.
struct Answer {
    status: u16,
    body: String,
    subject_token: Option<String>,
    request_id: Option<String>,
}

/// `{identity}/v3/auth/tokens` etc.: the identity URL is the service root (`/iam`,
/// `https://iam.example.com`), with or without a trailing `/v3`.
pub fn identity_url(base: &str, path: &str) -> String {
    let base = trim_base(base);
    let root = base.strip_suffix("/v3").unwrap_or(&base);
    [root, path].concat()
}

/// Signs in or rescopes: `body` is evs-model's `token_request_body`.
pub async fn request_token(
    base: &str,
    body: &str,
    timeout_ms: u32,
) -> Result<SignedIn, IdentityError> {
    let url = identity_url(base, "/v3/auth/tokens");
    let answer = send(Method::POST, &url, &[], Some(body), timeout_ms)
        .await
        .map_err(IdentityError::from_api)?;
    parse_token_answer(answer.status, answer.subject_token.as_deref(), &answer.body).map_err(
        |mut e| {
            e.error = e.error.with_request_id(answer.request_id);
            e
        },
    )
}

/// The projects the token's user may scope to.
pub async fn projects(
    base: &str,
    token: &str,
    timeout_ms: u32,
) -> Result<Vec<AuthProject>, ApiError> {
    let url = identity_url(base, "/v3/auth/projects");
    let answer = send(
        Method::GET,
        &url,
        &[(TOKEN_HEADER, token)],
        None,
        timeout_ms,
    )
    .await?;
    parse_auth_projects(answer.status, &answer.body)
        .map_err(|e| e.with_request_id(answer.request_id))
}

/// Revokes `token` (`DELETE /v3/auth/tokens`, the token as both caller and subject). 204, and
/// 404 (already gone) and 401 (already invalid) are all "the token is no longer valid".
pub async fn revoke(base: &str, token: &str, timeout_ms: u32) -> Result<(), ApiError> {
    let url = identity_url(base, "/v3/auth/tokens");
    let headers = [(TOKEN_HEADER, token), (SUBJECT_TOKEN_HEADER, token)];
    let answer = send(Method::DELETE, &url, &headers, None, timeout_ms).await?;
    match answer.status {
        200..=299 | 401 | 404 => Ok(()),
        s => Err(ApiError::from_response(s, &answer.body).with_request_id(answer.request_id)),
    }
}

async fn send(
    method: Method,
    url: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
    timeout_ms: u32,
) -> Result<Answer, ApiError> {
    if headers.iter().any(|(_, v)| !header_value_ok(v)) {
        return Err(ApiError::client(ClientProblem::TokenCharacters, ""));
    }
    let mut builder = RequestBuilder::new(url)
        .method(method)
        .header("Accept", "application/json")
        // Credentials go in the body only: never a cookie, never a cache.
        .credentials(web_sys::RequestCredentials::Omit)
        .cache(web_sys::RequestCache::NoStore);
    for (name, value) in headers {
        builder = builder.header(name, value);
    }
    if body.is_some() {
        builder = builder.header("Content-Type", "application/json");
    }
    let (raw, subject_token) = transmit(builder, body, timeout_ms, Some("x-subject-token")).await?;
    Ok(Answer {
        status: raw.status,
        body: raw.body,
        subject_token,
        request_id: raw.request_id,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_urls() {
        assert_eq!(
            identity_url("/iam", "/v3/auth/tokens"),
            "/iam/v3/auth/tokens"
        );
        assert_eq!(
            identity_url("https://iam.example.com/v3/", "/v3/auth/projects"),
            "https://iam.example.com/v3/auth/projects"
        );
        assert_eq!(identity_url("", "/v3/auth/tokens"), "/v3/auth/tokens");
    }
}
