//! Faults: the ways a real endpoint (or the gateway in front of it) misbehaves.

use std::fmt;
use std::str::FromStr;

/// One fault kind. The same spelling works for `--fault`, `POST /__sim/faults` and the
/// `X-Sim-Fault` request header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// `latency=<ms>`: answer normally, this much later.
    Latency(u64),
    /// `500-html`, `502-html`, `503-html`: an nginx error page instead of the API.
    Html(u16),
    /// `empty-<status>`: that status with an empty body.
    Empty(u16),
    /// `truncated`: the real answer (the request is processed), cut in half.
    Truncated,
    /// `invalid-json`: the real answer (the request is processed), made invalid JSON.
    InvalidJson,
    /// `drop`: the connection is closed without an answer.
    Drop,
    /// `hang`: no answer for an hour.
    Hang,
    /// `export-fails`: an export is accepted but its image ends `killed` (Cinder dialect:
    /// `deleted`, then gone).
    ExportFails,
}

impl Fault {
    /// Whether the request is processed (state may change) before the fault shapes the answer.
    pub fn processes_request(self) -> bool {
        matches!(
            self,
            Fault::Latency(_) | Fault::Truncated | Fault::InvalidJson | Fault::ExportFails
        )
    }
}

impl FromStr for Fault {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let fault = match s {
            "500-html" => Fault::Html(500),
            "502-html" => Fault::Html(502),
            "503-html" => Fault::Html(503),
            "truncated" => Fault::Truncated,
            "invalid-json" => Fault::InvalidJson,
            "drop" => Fault::Drop,
            "hang" => Fault::Hang,
            "export-fails" => Fault::ExportFails,
            _ => {
                if let Some(ms) = s.strip_prefix("latency=") {
                    Fault::Latency(
                        ms.parse().map_err(|_| {
                            format!("latency=<ms> needs a number of ms, not \"{ms}\"")
                        })?,
                    )
                } else if let Some(status) = s.strip_prefix("empty-") {
                    match status.parse::<u16>() {
                        Ok(n) if (200..=599).contains(&n) => Fault::Empty(n),
                        _ => {
                            return Err(format!(
                                "empty-<status> needs a status 200-599, not \"{status}\""
                            ))
                        }
                    }
                } else {
                    return Err(format!(
                        "unknown fault \"{}\"; use latency=<ms>, 500-html, 502-html, 503-html, empty-<status>, truncated, invalid-json, drop, hang or export-fails",
                        s.chars().take(40).collect::<String>()
                    ));
                }
            }
        };
        Ok(fault)
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fault::Latency(ms) => write!(f, "latency={ms}"),
            Fault::Html(s) => write!(f, "{s}-html"),
            Fault::Empty(s) => write!(f, "empty-{s}"),
            Fault::Truncated => f.write_str("truncated"),
            Fault::InvalidJson => f.write_str("invalid-json"),
            Fault::Drop => f.write_str("drop"),
            Fault::Hang => f.write_str("hang"),
            Fault::ExportFails => f.write_str("export-fails"),
        }
    }
}

/// Which requests a queued fault applies to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Matcher {
    /// Every API request (`match` omitted, `""`, `"*"` or `"any"`).
    Any,
    /// `action`: `POST .../volumes/{id}/action`.
    Action,
    /// `volumes`: the disk list and show requests (not the action).
    Volumes,
    /// `images`: the image service.
    Images,
    /// Anything else: a substring of the request path.
    PathContains(String),
}

impl Matcher {
    pub fn parse(s: Option<&str>) -> Matcher {
        match s.map(str::trim) {
            None | Some("" | "*" | "any") => Matcher::Any,
            Some("action") => Matcher::Action,
            Some("volumes") => Matcher::Volumes,
            Some("images") => Matcher::Images,
            Some(other) => Matcher::PathContains(other.to_string()),
        }
    }

    /// Whether a request to `path` (the API path, without `/evs` or `/ims` and query) matches.
    pub fn matches(&self, path: &str) -> bool {
        let is_image = path.starts_with("/v2/images");
        let is_action = path.ends_with("/action");
        match self {
            Matcher::Any => true,
            Matcher::Action => is_action,
            Matcher::Volumes => !is_image && !is_action && path.contains("/volumes"),
            Matcher::Images => is_image,
            Matcher::PathContains(s) => path.contains(s.as_str()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            Matcher::Any => "any",
            Matcher::Action => "action",
            Matcher::Volumes => "volumes",
            Matcher::Images => "images",
            Matcher::PathContains(s) => s,
        }
    }
}

/// A fault waiting for its next `remaining` matching requests.
#[derive(Debug, Clone)]
pub struct QueuedFault {
    pub fault: Fault,
    pub matcher: Matcher,
    pub remaining: u32,
}

/// The nginx error page of a gateway.
pub fn nginx_page(status: u16) -> String {
    let reason = match status {
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Temporarily Unavailable",
        504 => "Gateway Time-out",
        _ => "Error",
    };
    format!(
        "<html>\r\n<head><title>{status} {reason}</title></head>\r\n<body>\r\n<center><h1>{status} {reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
    )
}

/// A JSON body made invalid in a way a parser rejects before reaching the end (so it is not
/// mistaken for a cut-off body): the last `}` becomes `, "debug": NaN}`.
pub fn invalidate_json(body: &[u8]) -> Vec<u8> {
    let mut out = body.to_vec();
    match out.iter().rposition(|b| *b == b'}') {
        Some(i) => {
            out.truncate(i);
            out.extend_from_slice(b", \"debug\": NaN}");
        }
        None => out.extend_from_slice(b"{\"debug\": NaN}"),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_round_trips() {
        for s in [
            "latency=250",
            "500-html",
            "502-html",
            "503-html",
            "empty-502",
            "truncated",
            "invalid-json",
            "drop",
            "hang",
            "export-fails",
        ] {
            assert_eq!(s.parse::<Fault>().map(|f| f.to_string()), Ok(s.to_string()));
        }
        assert!("empty-99".parse::<Fault>().is_err());
        assert!("latency=x".parse::<Fault>().is_err());
        assert!("404-html".parse::<Fault>().is_err());
    }

    #[test]
    fn matchers() {
        let action = "/v2/p/volumes/v/action";
        let list = "/v3/p/volumes/detail";
        let image = "/v2/images/i";
        assert!(Matcher::parse(None).matches(image));
        assert!(Matcher::parse(Some("action")).matches(action));
        assert!(!Matcher::parse(Some("action")).matches(list));
        assert!(Matcher::parse(Some("volumes")).matches(list));
        assert!(!Matcher::parse(Some("volumes")).matches(action));
        assert!(Matcher::parse(Some("images")).matches(image));
        assert!(Matcher::parse(Some("/v3/")).matches(list));
        assert!(!Matcher::parse(Some("/v3/")).matches(action));
    }

    #[test]
    fn invalid_json_is_not_truncated_json() {
        let bad = invalidate_json(br#"{"a": 1}"#);
        let err = serde_json::from_slice::<serde_json::Value>(&bad).unwrap_err();
        assert!(!err.is_eof());
        assert!(nginx_page(502).contains("<title>502 Bad Gateway</title>"));
    }
}
