//! The console's configuration: one struct, deserialisable from a JS options object (for
//! portals that embed the console) and presettable from the page's query string.
//!
//! The token is deliberately not part of it: it is typed in by the operator (or, later,
//! provided by the host page) and never travels in a URL.

use evs_model::Dialect;
use serde::Deserialize;

/// The POST timeout when none is configured.
pub const DEFAULT_TIMEOUT_MS: u32 = 30_000;
/// The shortest and longest timeout accepted (from configuration or `?timeout_ms=`).
pub const TIMEOUT_RANGE_MS: (u32, u32) = (500, 300_000);
/// Disks per page of the disk list.
pub const DEFAULT_PAGE_SIZE: u32 = 20;

/// Everything the console needs to know before the operator types anything.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct ConsoleConfig {
    /// Block-storage (EVS / Cinder) base URL, without the `/v2` or `/v3` segment. Default `/evs`.
    pub evs_base_url: String,
    /// Image-service (IMS / Glance) base URL, without `/v2`. Default `/ims`.
    pub ims_base_url: String,
    /// The project (tenant) id; empty until configured or typed.
    pub project_id: String,
    /// Which API dialect to speak. Default Huawei Cloud EVS.
    pub dialect: Dialect,
    /// A disk to preselect.
    pub volume_id: Option<String>,
    /// How long a request may take before the console gives up on it. Default 30 s.
    pub timeout_ms: u32,
    /// Disks per page. Default 20.
    pub page_size: u32,
    /// Whether the operator may keep the token in this tab's sessionStorage.
    pub allow_remember_token: bool,
    /// Hide the disk list when `volume_id` is given (embedded in a portal that already
    /// picked the disk). Default `false`.
    pub hide_picker: bool,
    /// The interface language, as asked for (`"en"`, `"zh-CN"`); `None` = the default.
    /// Checked by [`ConsoleConfig::check_locale`].
    pub locale: Option<String>,
}

impl Default for ConsoleConfig {
    fn default() -> Self {
        ConsoleConfig {
            evs_base_url: "/evs".into(),
            ims_base_url: "/ims".into(),
            project_id: String::new(),
            dialect: Dialect::default(),
            volume_id: None,
            timeout_ms: DEFAULT_TIMEOUT_MS,
            page_size: DEFAULT_PAGE_SIZE,
            allow_remember_token: true,
            hide_picker: false,
            locale: None,
        }
    }
}

/// The interface languages a host may ask for.
pub const LOCALES: [&str; 2] = ["en", "zh-CN"];

/// What the query string asked for that was not applied, so the page can say so.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QueryNotes {
    /// A `token` parameter was present and ignored (it must be removed from the address).
    pub token_ignored: bool,
    /// Parameters with unusable values, by name.
    pub rejected: Vec<&'static str>,
}

impl ConsoleConfig {
    /// Reads a JSON options object (unknown keys ignored, missing keys defaulted).
    pub fn from_json(json: &str) -> Result<ConsoleConfig, String> {
        serde_json::from_str::<ConsoleConfig>(json)
            .map(ConsoleConfig::normalised)
            .map_err(|e| e.to_string())
    }

    /// Applies `?project=..&volume=..&dialect=..&timeout_ms=..` (with or without the `?`).
    /// Base URLs and the token are never taken from the address: a link must not be able to
    /// send the token elsewhere, nor carry it.
    pub fn with_query(mut self, query: &str) -> (ConsoleConfig, QueryNotes) {
        let mut notes = QueryNotes::default();
        for (key, value) in query_pairs(query) {
            match key.as_str() {
                "project" | "project_id" => self.project_id = value.trim().to_string(),
                "volume" | "volume_id" => {
                    let v = value.trim();
                    self.volume_id = (!v.is_empty()).then(|| v.to_string());
                }
                "dialect" => match value.parse::<Dialect>() {
                    Ok(d) => self.dialect = d,
                    Err(_) => notes.rejected.push("dialect"),
                },
                "timeout_ms" => match value.trim().parse::<u32>() {
                    Ok(ms) => self.timeout_ms = ms,
                    Err(_) => notes.rejected.push("timeout_ms"),
                },
                "lang" | "locale" => match ConsoleConfig::check_locale(&value) {
                    Ok(l) => self.locale = Some(l.to_string()),
                    Err(_) => notes.rejected.push("lang"),
                },
                "token" | "auth_token" | "x-auth-token" => notes.token_ignored = true,
                _ => {}
            }
        }
        (self.normalised(), notes)
    }

    /// The locale in its canonical spelling (`"zh-cn"` → `"zh-CN"`), or an error naming
    /// the accepted ones.
    pub fn check_locale(locale: &str) -> Result<&'static str, String> {
        let want = locale.trim();
        LOCALES
            .into_iter()
            .find(|l| l.eq_ignore_ascii_case(want))
            .ok_or_else(|| {
                format!(
                    "unknown locale \"{}\": use \"en\" or \"zh-CN\"",
                    want.chars().take(20).collect::<String>()
                )
            })
    }

    /// Clamps the numbers and trims the base URLs (what every way of configuring goes through).
    pub fn normalised(mut self) -> ConsoleConfig {
        let (lo, hi) = TIMEOUT_RANGE_MS;
        self.timeout_ms = self.timeout_ms.clamp(lo, hi);
        self.page_size = self.page_size.clamp(1, 1000);
        self.evs_base_url = trim_base(&self.evs_base_url);
        self.ims_base_url = trim_base(&self.ims_base_url);
        self
    }
}

/// A base URL without trailing slashes (`/evs/` → `/evs`); empty stays empty (same origin).
pub fn trim_base(base: &str) -> String {
    base.trim().trim_end_matches('/').to_string()
}

/// `key=value` pairs of a query string, percent-decoded (`+` is a space).
pub fn query_pairs(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(k).to_ascii_lowercase(), decode(v))
        })
        .collect()
}

/// Percent-decoding that never fails: bad escapes stay as written, bad UTF-8 becomes U+FFFD.
fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match b[i] {
            b'+' => out.push(b' '),
            b'%' => {
                match (
                    b.get(i + 1).and_then(|c| hex(*c)),
                    b.get(i + 2).and_then(|c| hex(*c)),
                ) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 2;
                    }
                    _ => out.push(b'%'),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults() {
        let c = ConsoleConfig::default();
        assert_eq!(c.evs_base_url, "/evs");
        assert_eq!(c.ims_base_url, "/ims");
        assert_eq!(c.dialect, Dialect::HuaweiEvs);
        assert_eq!(c.timeout_ms, 30_000);
        assert_eq!(c.volume_id, None);
    }

    #[test]
    fn query_presets_project_volume_dialect_and_timeout() {
        let (c, notes) = ConsoleConfig::default()
            .with_query("?project=p%201&volume=v-1&dialect=cinder&timeout_ms=2000&x=y");
        assert_eq!(c.project_id, "p 1");
        assert_eq!(c.volume_id.as_deref(), Some("v-1"));
        assert_eq!(c.dialect, Dialect::OpenStackCinder);
        assert_eq!(c.timeout_ms, 2000);
        assert_eq!(notes, QueryNotes::default());
        let (c, notes) = ConsoleConfig::default().with_query("lang=zh-cn");
        assert_eq!(c.locale.as_deref(), Some("zh-CN"));
        assert!(notes.rejected.is_empty());
        let (c, notes) = ConsoleConfig::default().with_query("lang=xx");
        assert_eq!((c.locale, notes.rejected), (None, vec!["lang"]));
    }

    #[test]
    fn the_token_and_base_urls_are_never_taken_from_the_address() {
        let (c, notes) = ConsoleConfig::default()
            .with_query("token=secret&evs_base_url=https://evil.example&ims=https://x");
        assert!(notes.token_ignored);
        assert_eq!(c, ConsoleConfig::default());
        assert!(!format!("{c:?}").contains("secret"));
    }

    #[test]
    fn bad_values_are_reported_and_clamped() {
        let (c, notes) = ConsoleConfig::default().with_query("dialect=aws&timeout_ms=soon&volume=");
        assert_eq!(c.dialect, Dialect::HuaweiEvs);
        assert_eq!(c.volume_id, None);
        assert_eq!(notes.rejected, ["dialect", "timeout_ms"]);
        let (c, _) = ConsoleConfig::default().with_query("timeout_ms=1");
        assert_eq!(c.timeout_ms, 500);
    }

    #[test]
    fn decoding_is_total() {
        assert_eq!(decode("a%2"), "a%2");
        assert_eq!(decode("%zz%41"), "%zzA");
        assert_eq!(decode("%E9%95%9C+x"), "镜 x");
        assert_eq!(decode("%"), "%");
        assert_eq!(decode("%FF"), "\u{FFFD}");
        assert_eq!(
            query_pairs("a&b=&=c"),
            [
                ("a".into(), "".into()),
                ("b".into(), "".into()),
                ("".into(), "c".into())
            ]
        );
    }

    #[test]
    fn json_options_object() {
        let c = ConsoleConfig::from_json(
            r#"{"evs_base_url": "https://gw.example/evs/", "project_id": "p", "dialect": "cinder", "unknown": 1}"#,
        )
        .unwrap();
        assert_eq!(c.evs_base_url, "https://gw.example/evs");
        assert_eq!(c.ims_base_url, "/ims");
        assert_eq!(c.dialect, Dialect::OpenStackCinder);
        assert!(ConsoleConfig::from_json(r#"{"dialect": "aws"}"#).is_err());
        assert!(ConsoleConfig::from_json("[").is_err());
    }

    #[test]
    fn locales() {
        assert_eq!(ConsoleConfig::check_locale("zh-cn"), Ok("zh-CN"));
        assert_eq!(ConsoleConfig::check_locale(" en "), Ok("en"));
        assert!(ConsoleConfig::check_locale("fr")
            .unwrap_err()
            .contains("\"fr\""));
    }
}
