//! Small helpers for tolerant reading of JSON values from servers.

use serde_json::Value;
use std::collections::BTreeMap;

use crate::ApiError;

/// The JSON of a 2xx answer (a leading byte-order mark allowed); any other status, or a body
/// that is not JSON, becomes the [`ApiError`] the answer says.
pub(crate) fn body_json(status: u16, body: &str) -> Result<Value, ApiError> {
    if !(200..300).contains(&status) {
        return Err(ApiError::from_response(status, body));
    }
    serde_json::from_str(body.trim_start_matches('\u{feff}'))
        .map_err(|_| ApiError::from_response(status, body))
}

/// The value of `name` in the query of a link (`…?a=1&marker=x#frag`), percent-decoded.
pub(crate) fn query_param(href: &str, name: &str) -> Option<String> {
    let query = href.split_once('?')?.1;
    let query = query.split('#').next().unwrap_or("");
    form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// At most `max` characters of `s`, with an ellipsis when cut. Never splits a character.
pub(crate) fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s.to_string(),
    }
}

/// The longest server text kept, in characters: longer names, descriptions, statuses and
/// extra specs are cut (with an ellipsis) so that a hostile answer cannot make the page lay
/// out megabytes of text. Ids are read with [`non_empty_id`] and never cut.
pub(crate) const MAX_TEXT_CHARS: usize = 2_000;

/// A string field, tolerating numbers and booleans (rendered as text) and null/missing (None);
/// cut to [`MAX_TEXT_CHARS`].
pub(crate) fn text(v: Option<&Value>) -> Option<String> {
    whole_text(v).map(|s| cut(s, MAX_TEXT_CHARS))
}

/// `s`, or its first `max` characters and an ellipsis when longer.
fn cut(s: String, max: usize) -> String {
    if s.len() > max {
        shorten(&s, max)
    } else {
        s
    }
}

/// An id: like [`text`] but never cut (an id must stay exact to be used again), `None` when empty.
pub(crate) fn non_empty_id(v: Option<&Value>) -> Option<String> {
    whole_text(v).filter(|s| !s.is_empty())
}

/// [`text`] without the cut.
fn whole_text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Like [`text`], but `None` for empty strings too.
pub(crate) fn non_empty_text(v: Option<&Value>) -> Option<String> {
    text(v).filter(|s| !s.is_empty())
}

/// A boolean field, tolerating the strings `"true"`/`"false"` (any case) that some
/// block-storage servers send (`bootable`, `multiattach`).
pub(crate) fn boolean(v: Option<&Value>) -> Option<bool> {
    match v? {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

/// A non-negative integer, tolerating integral floats and numeric strings.
pub(crate) fn unsigned(v: Option<&Value>) -> Option<u64> {
    match v? {
        Value::Number(n) => n.as_u64().or_else(|| {
            n.as_f64()
                .filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f < 1.0e18)
                .map(|f| f as u64)
        }),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A map of string keys to text values; non-text values are kept as their JSON text.
pub(crate) fn string_map(v: Option<&Value>) -> BTreeMap<String, String> {
    match v {
        // Inserted one by one: collecting into a map sorts first, with a stable sort's code
        // of its own in the page.
        Some(Value::Object(map)) => map.iter().fold(BTreeMap::new(), |mut out, (k, v)| {
            let value = match v {
                Value::String(s) => s.clone(),
                Value::Null => String::new(),
                other => other.to_string(),
            };
            out.insert(cut(k.clone(), MAX_TEXT_CHARS), cut(value, MAX_TEXT_CHARS));
            out
        }),
        _ => Default::default(),
    }
}

/// The object under `key` where the key matches case-insensitively.
pub(crate) fn get_ci<'a>(map: &'a serde_json::Map<String, Value>, key: &str) -> Option<&'a Value> {
    map.get(key).or_else(|| {
        map.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v)
    })
}

/// `Display` and serde as the wire's text: `as_str()` out, `$parse` (a `&str` → `Result`)
/// in. One definition for the statuses and the dialect.
macro_rules! as_wire_text {
    ($ty:ty, $parse:expr) => {
        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <String as serde::Deserialize>::deserialize(d)?;
                ($parse)(s.as_str()).map_err(serde::de::Error::custom)
            }
        }
    };
}
pub(crate) use as_wire_text;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn shorten_respects_characters() {
        assert_eq!(shorten("导出镜像", 2), "导出…");
        assert_eq!(shorten("abc", 3), "abc");
    }

    #[test]
    fn long_texts_are_cut_ids_are_not() {
        let long = "x".repeat(5 * 1024 * 1024);
        let cut = text(Some(&json!(long))).unwrap();
        assert_eq!(cut.chars().count(), MAX_TEXT_CHARS + 1);
        assert!(cut.ends_with('…'));
        assert_eq!(non_empty_id(Some(&json!(long))).unwrap().len(), long.len());
        assert_eq!(non_empty_id(Some(&json!(""))), None);
        let map = string_map(Some(
            &json!({ long.clone(): long.clone(), "k": {"deep": long} }),
        ));
        assert!(map.keys().all(|k| k.chars().count() <= MAX_TEXT_CHARS + 1));
        assert!(map
            .values()
            .all(|v| v.chars().count() <= MAX_TEXT_CHARS + 1));
        assert_eq!(text(Some(&json!("数据盘"))).as_deref(), Some("数据盘"));
    }

    #[test]
    fn tolerant_scalars() {
        assert_eq!(text(Some(&json!(12))), Some("12".into()));
        assert_eq!(text(Some(&json!(null))), None);
        assert_eq!(boolean(Some(&json!("True"))), Some(true));
        assert_eq!(boolean(Some(&json!("yes"))), None);
        assert_eq!(unsigned(Some(&json!(40.0))), Some(40));
        assert_eq!(unsigned(Some(&json!("40"))), Some(40));
        assert_eq!(unsigned(Some(&json!(-1))), None);
        assert_eq!(unsigned(Some(&json!(1.5))), None);
    }
}
