//! The console's configuration: one struct, read from a portal's JS options object (by
//! serde-wasm-bindgen, camelCase keys) or preset from the standalone page's query string.
//! Both ways end in [`ConsoleConfig::normalised`].
//!
//! The typed-in token is deliberately not part of it: it never travels in a URL. A portal's
//! token *provider* (a function) is.

use evs_model::{Dialect, ProjectId, VolumeId};
use serde::de::{Deserializer, Error as _};
use serde::Deserialize;

use crate::i18n::Locale;
use crate::platform::http::{trim_base, Endpoints};
use crate::platform::token::HostTokenProvider;

/// The request timeout when none is configured.
pub const DEFAULT_TIMEOUT_MS: u32 = 30_000;
/// The shortest and longest timeout accepted (from configuration or `?timeout_ms=`).
pub const TIMEOUT_RANGE_MS: (u32, u32) = (500, 300_000);
/// Disks per page of the disk list.
pub const DEFAULT_PAGE_SIZE: u32 = 20;

/// Everything the console needs to know before the operator types anything.
#[derive(Clone, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ConsoleConfig {
    /// Block-storage (EVS / Cinder) base URL, without the `/v2` or `/v3` segment. Default `/evs`.
    #[serde(deserialize_with = "de::evs_base_url")]
    pub evs_base_url: String,
    /// Image-service (IMS / Glance) base URL, without `/v2`. Default `/ims`.
    #[serde(deserialize_with = "de::ims_base_url")]
    pub ims_base_url: String,
    /// The identity service (Keystone / Huawei IAM) the Sign in form calls, without `/v3`.
    /// Default `/iam` (same origin; `make serve` proxies it to the simulator).
    #[serde(deserialize_with = "de::identity_url")]
    pub identity_url: String,
    /// The project (tenant) id; `None` until configured or typed.
    #[serde(deserialize_with = "de::project_id")]
    pub project_id: Option<ProjectId>,
    /// Which API dialect to speak. Default Huawei Cloud EVS.
    #[serde(deserialize_with = "de::dialect")]
    pub dialect: Dialect,
    /// A disk to preselect.
    #[serde(deserialize_with = "de::volume_id")]
    pub volume_id: Option<VolumeId>,
    /// How long a request may take before the console gives up on it. Default 30 s.
    #[serde(deserialize_with = "de::timeout_ms")]
    pub timeout_ms: u32,
    /// Disks per page. Default 20.
    #[serde(deserialize_with = "de::page_size")]
    pub page_size: u32,
    /// Whether the operator may keep the token in this tab's sessionStorage (not with a
    /// token provider: the token lives with the host then).
    #[serde(skip)]
    pub allow_remember_token: bool,
    /// Hide the disk list when `volume_id` is given (a portal that already picked the disk).
    #[serde(deserialize_with = "de::hide_picker")]
    pub hide_picker: bool,
    /// The interface language; `None` = the browser's.
    #[serde(deserialize_with = "de::locale")]
    pub locale: Option<Locale>,
    /// URL of the component's CSS, linked inside an embedded console's shadow root.
    #[serde(deserialize_with = "de::stylesheet")]
    pub stylesheet: Option<String>,
    /// The host page's token source (embedded): asked before every request.
    pub token_provider: Option<HostTokenProvider>,
}

impl Default for ConsoleConfig {
    fn default() -> Self {
        ConsoleConfig {
            evs_base_url: "/evs".into(),
            ims_base_url: "/ims".into(),
            identity_url: super::session::DEFAULT_IDENTITY_URL.into(),
            project_id: None,
            dialect: Dialect::default(),
            volume_id: None,
            timeout_ms: DEFAULT_TIMEOUT_MS,
            page_size: DEFAULT_PAGE_SIZE,
            allow_remember_token: true,
            hide_picker: false,
            locale: None,
            stylesheet: None,
            token_provider: None,
        }
    }
}

impl std::fmt::Debug for ConsoleConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConsoleConfig")
            .field("evs_base_url", &self.evs_base_url)
            .field("ims_base_url", &self.ims_base_url)
            .field("identity_url", &self.identity_url)
            .field("project_id", &self.project_id)
            .field("dialect", &self.dialect)
            .field("volume_id", &self.volume_id)
            .field("timeout_ms", &self.timeout_ms)
            .field("page_size", &self.page_size)
            .field("hide_picker", &self.hide_picker)
            .field("locale", &self.locale)
            .field("token_provider", &self.token_provider.is_some())
            .finish_non_exhaustive()
    }
}

/// What the query string asked for that was not applied, so the page can say so.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QueryNotes {
    /// A `token` parameter was present and ignored (it must be removed from the address).
    pub token_ignored: bool,
    /// Parameters with unusable values, by name.
    pub rejected: Vec<&'static str>,
}

/// The query parameters that would carry a token (never used; removed from the address).
pub const TOKEN_PARAMS: [&str; 3] = ["token", "auth_token", "x-auth-token"];

impl ConsoleConfig {
    /// Applies `?project=..&volume=..&dialect=..&timeout_ms=..&lang=..` (pairs as the browser
    /// decoded them). Base URLs and the token are never taken from the address: a link must
    /// not be able to send the token elsewhere, nor carry it.
    pub fn with_query(mut self, pairs: &[(String, String)]) -> (ConsoleConfig, QueryNotes) {
        let mut notes = QueryNotes::default();
        for (key, value) in pairs {
            match key.to_ascii_lowercase().as_str() {
                "project" | "project_id" => self.project_id = ProjectId::parse(value),
                "volume" | "volume_id" => self.volume_id = VolumeId::parse(value),
                "dialect" => match value.parse::<Dialect>() {
                    Ok(d) => self.dialect = d,
                    Err(_) => notes.rejected.push("dialect"),
                },
                "timeout_ms" => match value.trim().parse::<u32>() {
                    Ok(ms) => self.timeout_ms = ms,
                    Err(_) => notes.rejected.push("timeout_ms"),
                },
                "lang" | "locale" => match Locale::parse(value) {
                    Some(l) => self.locale = Some(l),
                    None => notes.rejected.push("lang"),
                },
                k if TOKEN_PARAMS.contains(&k) => notes.token_ignored = true,
                _ => {}
            }
        }
        (self.normalised(), notes)
    }

    /// Clamps the numbers and trims the base URLs (what every way of configuring goes
    /// through). With a token provider there is nothing to remember in this tab.
    pub fn normalised(mut self) -> ConsoleConfig {
        let (lo, hi) = TIMEOUT_RANGE_MS;
        self.timeout_ms = self.timeout_ms.clamp(lo, hi);
        self.page_size = self.page_size.clamp(1, 1000);
        self.evs_base_url = trim_base(&self.evs_base_url);
        self.ims_base_url = trim_base(&self.ims_base_url);
        self.identity_url = trim_base(&self.identity_url);
        if self.token_provider.is_some() {
            self.allow_remember_token = false;
        }
        self
    }

    /// The two services' base URLs.
    pub fn endpoints(&self) -> Endpoints {
        Endpoints::new(&self.evs_base_url, &self.ims_base_url)
    }

    /// Whether a running console must be built anew for `next` (a different cloud, project,
    /// disk or picker), or can take it in place (language, timeout, token provider,
    /// stylesheet) and keep what the operator is doing.
    pub fn needs_remount(&self, next: &ConsoleConfig) -> bool {
        self.evs_base_url != next.evs_base_url
            || self.ims_base_url != next.ims_base_url
            || self.project_id != next.project_id
            || self.dialect != next.dialect
            || self.volume_id != next.volume_id
            || self.hide_picker != next.hide_picker
            || self.page_size != next.page_size
    }
}

/// The options' readers: `null`/`undefined` mean "not given"; a value of the wrong type is
/// an error naming the option. They read through one small visitor ([`de::Plain`]), so they
/// work with serde-wasm-bindgen (a portal's object) and serde_json (tests) alike.
mod de {
    use std::fmt;

    use serde::de::{IgnoredAny, MapAccess, SeqAccess, Visitor};

    use super::*;

    /// A plain option value, or what kind of thing came instead.
    pub enum Plain {
        Absent,
        Text(String),
        Number(f64),
        Bool(bool),
        Other,
    }

    struct PlainVisitor;

    impl<'de> Visitor<'de> for PlainVisitor {
        type Value = Plain;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a plain value")
        }
        fn visit_str<E>(self, v: &str) -> Result<Plain, E> {
            Ok(Plain::Text(v.to_string()))
        }
        fn visit_string<E>(self, v: String) -> Result<Plain, E> {
            Ok(Plain::Text(v))
        }
        fn visit_f64<E>(self, v: f64) -> Result<Plain, E> {
            Ok(Plain::Number(v))
        }
        fn visit_i64<E>(self, v: i64) -> Result<Plain, E> {
            Ok(Plain::Number(v as f64))
        }
        fn visit_u64<E>(self, v: u64) -> Result<Plain, E> {
            Ok(Plain::Number(v as f64))
        }
        fn visit_bool<E>(self, v: bool) -> Result<Plain, E> {
            Ok(Plain::Bool(v))
        }
        fn visit_unit<E>(self) -> Result<Plain, E> {
            Ok(Plain::Absent)
        }
        fn visit_none<E>(self) -> Result<Plain, E> {
            Ok(Plain::Absent)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Plain, D::Error> {
            d.deserialize_any(self)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Plain, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok(Plain::Other)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Plain, A::Error> {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok(Plain::Other)
        }
    }

    fn plain<'de, D: Deserializer<'de>>(d: D, key: &str, kind: &str) -> Result<Plain, D::Error> {
        d.deserialize_any(PlainVisitor)
            .map_err(|_| wrong::<D>(key, kind))
    }

    fn wrong<'de, D: Deserializer<'de>>(key: &str, kind: &str) -> D::Error {
        D::Error::custom(["bad options: ", key, " must be ", kind].concat())
    }

    fn text<'de, D: Deserializer<'de>>(d: D, key: &str) -> Result<Option<String>, D::Error> {
        match plain(d, key, "a string")? {
            Plain::Absent => Ok(None),
            Plain::Text(s) => Ok(Some(s)),
            _ => Err(wrong::<D>(key, "a string")),
        }
    }

    fn number<'de, D: Deserializer<'de>>(d: D, key: &str) -> Result<Option<u32>, D::Error> {
        match plain(d, key, "a number")? {
            Plain::Absent => Ok(None),
            Plain::Number(n) if n.is_finite() && n >= 0.0 => {
                Ok(Some(n.min(u32::MAX as f64) as u32))
            }
            _ => Err(wrong::<D>(key, "a number")),
        }
    }

    pub fn evs_base_url<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        Ok(text(d, "evsBaseUrl")?.unwrap_or_else(|| ConsoleConfig::default().evs_base_url))
    }

    pub fn ims_base_url<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        Ok(text(d, "imsBaseUrl")?.unwrap_or_else(|| ConsoleConfig::default().ims_base_url))
    }

    pub fn identity_url<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        Ok(text(d, "identityUrl")?.unwrap_or_else(|| ConsoleConfig::default().identity_url))
    }

    pub fn project_id<'de, D: Deserializer<'de>>(d: D) -> Result<Option<ProjectId>, D::Error> {
        Ok(text(d, "projectId")?.as_deref().and_then(ProjectId::parse))
    }

    pub fn volume_id<'de, D: Deserializer<'de>>(d: D) -> Result<Option<VolumeId>, D::Error> {
        Ok(text(d, "volumeId")?.as_deref().and_then(VolumeId::parse))
    }

    pub fn stylesheet<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        Ok(text(d, "stylesheet")?.filter(|s| !s.trim().is_empty()))
    }

    pub fn dialect<'de, D: Deserializer<'de>>(d: D) -> Result<Dialect, D::Error> {
        match text(d, "dialect")? {
            None => Ok(Dialect::default()),
            Some(s) => s.parse().map_err(D::Error::custom),
        }
    }

    pub fn locale<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Locale>, D::Error> {
        match text(d, "locale")?.filter(|l| !l.trim().is_empty()) {
            None => Ok(None),
            Some(l) => Locale::parse(&l).map(Some).ok_or_else(|| {
                let shown: String = l.trim().chars().take(20).collect();
                D::Error::custom(
                    ["unknown locale \"", &shown, "\": use \"en\" or \"zh-CN\""].concat(),
                )
            }),
        }
    }

    pub fn timeout_ms<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
        Ok(number(d, "timeoutMs")?.unwrap_or(DEFAULT_TIMEOUT_MS))
    }

    pub fn page_size<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
        Ok(number(d, "pageSize")?.unwrap_or(DEFAULT_PAGE_SIZE))
    }

    pub fn hide_picker<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
        match plain(d, "hidePicker", "true or false")? {
            Plain::Absent => Ok(false),
            Plain::Bool(b) => Ok(b),
            _ => Err(wrong::<D>("hidePicker", "true or false")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(q: &[(&str, &str)]) -> Vec<(String, String)> {
        q.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn options(json: &str) -> Result<ConsoleConfig, String> {
        serde_json::from_str::<ConsoleConfig>(json)
            .map(ConsoleConfig::normalised)
            // serde_json adds where in the text; serde-wasm-bindgen (the portal's case) does not.
            .map_err(|e| {
                e.to_string()
                    .split(" at line ")
                    .next()
                    .unwrap_or("")
                    .to_string()
            })
    }

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
        let (c, notes) = ConsoleConfig::default().with_query(&pairs(&[
            ("project", "p 1"),
            ("volume", "v-1"),
            ("dialect", "cinder"),
            ("timeout_ms", "2000"),
            ("x", "y"),
        ]));
        assert_eq!(c.project_id.unwrap(), "p 1");
        assert_eq!(c.volume_id.unwrap(), "v-1");
        assert_eq!(c.dialect, Dialect::OpenStackCinder);
        assert_eq!(c.timeout_ms, 2000);
        assert_eq!(notes, QueryNotes::default());
        let (c, notes) = ConsoleConfig::default().with_query(&pairs(&[("LANG", "zh-cn")]));
        assert_eq!(c.locale, Some(Locale::Zh));
        assert!(notes.rejected.is_empty());
        let (c, notes) = ConsoleConfig::default().with_query(&pairs(&[("lang", "xx")]));
        assert_eq!((c.locale, notes.rejected), (None, vec!["lang"]));
    }

    #[test]
    fn the_token_and_base_urls_are_never_taken_from_the_address() {
        let (c, notes) = ConsoleConfig::default().with_query(&pairs(&[
            ("token", "secret"),
            ("evs_base_url", "https://evil.example"),
            ("ims", "https://x"),
        ]));
        assert!(notes.token_ignored);
        assert_eq!(c, ConsoleConfig::default());
        assert!(!format!("{c:?}").contains("secret"));
    }

    #[test]
    fn bad_values_are_reported_and_clamped() {
        let (c, notes) = ConsoleConfig::default().with_query(&pairs(&[
            ("dialect", "aws"),
            ("timeout_ms", "soon"),
            ("volume", ""),
        ]));
        assert_eq!(c.dialect, Dialect::HuaweiEvs);
        assert_eq!(c.volume_id, None);
        assert_eq!(notes.rejected, ["dialect", "timeout_ms"]);
        let (c, _) = ConsoleConfig::default().with_query(&pairs(&[("timeout_ms", "1")]));
        assert_eq!(c.timeout_ms, 500);
    }

    #[test]
    fn options_object() {
        let c = options(
            r#"{"evsBaseUrl": "https://gw.example/evs/", "projectId": " p ", "dialect": "cinder",
                "unknown": 1, "locale": "zh-CN", "timeoutMs": 1500.7, "hidePicker": true,
                "volumeId": null, "pageSize": 99999}"#,
        )
        .unwrap();
        assert_eq!(c.evs_base_url, "https://gw.example/evs");
        assert_eq!(c.ims_base_url, "/ims");
        assert_eq!(c.project_id.unwrap(), "p");
        assert_eq!(c.dialect, Dialect::OpenStackCinder);
        assert_eq!(c.locale, Some(Locale::Zh));
        assert_eq!(
            (c.timeout_ms, c.page_size, c.hide_picker),
            (1500, 1000, true)
        );
        assert_eq!(c.volume_id, None);
    }

    #[test]
    fn options_errors_name_the_option() {
        let err = |json: &str| options(json).unwrap_err();
        assert!(err(r#"{"dialect": "aws"}"#).starts_with("unknown dialect \"aws\""));
        assert_eq!(
            err(r#"{"timeoutMs": "soon"}"#),
            "bad options: timeoutMs must be a number"
        );
        assert_eq!(
            err(r#"{"timeoutMs": -1}"#),
            "bad options: timeoutMs must be a number"
        );
        assert_eq!(
            err(r#"{"evsBaseUrl": 5}"#),
            "bad options: evsBaseUrl must be a string"
        );
        assert_eq!(
            err(r#"{"hidePicker": "yes"}"#),
            "bad options: hidePicker must be true or false"
        );
        assert!(err(r#"{"locale": "fr"}"#).starts_with("unknown locale \"fr\": use"));
        assert!(options(r#"{"locale": " "}"#).unwrap().locale.is_none());
        assert_eq!(
            err(r#"{"projectId": {"a": 1}}"#),
            "bad options: projectId must be a string"
        );
        assert_eq!(
            err(r#"{"pageSize": [1]}"#),
            "bad options: pageSize must be a number"
        );
    }

    #[test]
    fn what_an_update_can_change_in_place() {
        let base = ConsoleConfig {
            project_id: ProjectId::parse("p"),
            ..ConsoleConfig::default()
        };
        let in_place = ConsoleConfig {
            locale: Some(Locale::Zh),
            timeout_ms: 5000,
            stylesheet: Some("/x.css".into()),
            ..base.clone()
        };
        assert!(!base.needs_remount(&in_place));
        for changed in [
            ConsoleConfig {
                project_id: ProjectId::parse("q"),
                ..base.clone()
            },
            ConsoleConfig {
                dialect: Dialect::OpenStackCinder,
                ..base.clone()
            },
            ConsoleConfig {
                volume_id: VolumeId::parse("v"),
                ..base.clone()
            },
            ConsoleConfig {
                evs_base_url: "/other".into(),
                ..base.clone()
            },
        ] {
            assert!(base.needs_remount(&changed), "{changed:?}");
        }
    }
}
