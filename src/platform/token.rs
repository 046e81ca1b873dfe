//! Where the token comes from: typed in by the operator, or a function of the host page
//! (a portal that embeds the console and owns the session). Neither has `Debug`: a token
//! cannot end up in a log line.

use evs_model::{ApiError, ClientProblem};
use wasm_bindgen::{JsCast, JsValue};

/// The header that carries the token.
pub const TOKEN_HEADER: &str = "X-Auth-Token";

/// The token of a request.
#[derive(Clone)]
pub enum TokenSource {
    /// Typed in (or remembered for the tab): sent as it is, trimmed.
    Typed(String),
    /// Asked of the host page before every request, and once more after a 401.
    Host(HostTokenProvider),
}

impl TokenSource {
    /// The token to send now. A typed token with characters a header cannot carry, or a host
    /// provider that fails, is a client-side refusal: nothing is sent.
    pub async fn token(&self) -> Result<String, ApiError> {
        let token = match self {
            TokenSource::Typed(t) => t.trim().to_string(),
            TokenSource::Host(p) => p.token().await?,
        };
        if header_value_ok(&token) {
            Ok(token)
        } else {
            Err(ApiError::client(ClientProblem::TokenCharacters, ""))
        }
    }

    /// Whether a 401 is worth one more try with a fresh token (only a host can refresh it).
    pub fn can_refresh(&self) -> bool {
        matches!(self, TokenSource::Host(_))
    }
}

/// Whether a header can carry `value` (visible ASCII and inner spaces; no line breaks).
pub fn header_value_ok(value: &str) -> bool {
    value.bytes().all(|b| (0x20..0x7f).contains(&b))
}

/// The host page's token source: a JS function returning the token or a Promise of it.
#[derive(Clone, PartialEq)]
pub struct HostTokenProvider(js_sys::Function);

impl HostTokenProvider {
    pub fn new(f: js_sys::Function) -> HostTokenProvider {
        HostTokenProvider(f)
    }

    /// Asks the host for a token. A throw, a rejection or a non-string is a client-side
    /// refusal with the host's words.
    pub async fn token(&self) -> Result<String, ApiError> {
        let failed =
            |e: &JsValue| ApiError::client(ClientProblem::TokenProviderFailed, &js_message(e));
        let value = self.0.call0(&JsValue::UNDEFINED).map_err(|e| failed(&e))?;
        let value = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&value))
            .await
            .map_err(|e| failed(&e))?;
        value
            .as_string()
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .ok_or_else(|| ApiError::client(ClientProblem::TokenProviderEmpty, ""))
    }
}

/// Read from a JS options object by serde-wasm-bindgen: the value must be a function.
impl<'de> serde::Deserialize<'de> for HostTokenProvider {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value: JsValue = serde_wasm_bindgen::preserve::deserialize(d)?;
        value
            .dyn_into::<js_sys::Function>()
            .map(HostTokenProvider)
            .map_err(|_| {
                serde::de::Error::custom(
                    "tokenProvider must be a function returning the token (or a Promise of it)",
                )
            })
    }
}

/// The message of a thrown JS value (an `Error`'s message, or the value as text).
pub fn js_message(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "failed".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_values() {
        assert!(header_value_ok("MIIabc+/=-_."));
        assert!(!header_value_ok("a\r\nX-Evil: 1"));
        assert!(!header_value_ok("令牌"));
    }
}
