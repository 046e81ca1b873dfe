//! The image service's view of the exported image (`GET /v2/images/{id}`), which is how
//! progress is followed: the export itself returns no job id.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::json::{boolean, non_empty_id, non_empty_text, text, unsigned};
use crate::{ApiError, ImageId, Timestamp};

/// An image's status in Glance / IMS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageStatus {
    Queued,
    Saving,
    Active,
    Killed,
    Deleted,
    PendingDelete,
    Deactivated,
    Uploading,
    Importing,
    Other(String),
}

impl ImageStatus {
    pub fn parse(s: &str) -> ImageStatus {
        match s.to_ascii_lowercase().as_str() {
            "queued" => ImageStatus::Queued,
            "saving" => ImageStatus::Saving,
            "active" => ImageStatus::Active,
            "killed" => ImageStatus::Killed,
            "deleted" => ImageStatus::Deleted,
            "pending_delete" => ImageStatus::PendingDelete,
            "deactivated" => ImageStatus::Deactivated,
            "uploading" => ImageStatus::Uploading,
            "importing" => ImageStatus::Importing,
            _ => ImageStatus::Other(s.to_string()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            ImageStatus::Queued => "queued",
            ImageStatus::Saving => "saving",
            ImageStatus::Active => "active",
            ImageStatus::Killed => "killed",
            ImageStatus::Deleted => "deleted",
            ImageStatus::PendingDelete => "pending_delete",
            ImageStatus::Deactivated => "deactivated",
            ImageStatus::Uploading => "uploading",
            ImageStatus::Importing => "importing",
            ImageStatus::Other(s) => s,
        }
    }

    /// The export succeeded: the image is usable.
    pub fn is_success(&self) -> bool {
        matches!(self, ImageStatus::Active)
    }

    /// The export failed or the image went away; polling should stop.
    pub fn is_failure(&self) -> bool {
        matches!(
            self,
            ImageStatus::Killed
                | ImageStatus::Deleted
                | ImageStatus::PendingDelete
                | ImageStatus::Deactivated
        )
    }

    /// Success or failure: nothing more will change.
    pub fn is_terminal(&self) -> bool {
        self.is_success() || self.is_failure()
    }

    /// The stage index on the queued → saving → active track (0, 1, 2), if on it.
    pub fn stage(&self) -> Option<usize> {
        match self {
            ImageStatus::Queued => Some(0),
            ImageStatus::Saving | ImageStatus::Uploading | ImageStatus::Importing => Some(1),
            ImageStatus::Active => Some(2),
            _ => None,
        }
    }
}

crate::json::as_wire_text!(ImageStatus, |s: &str| Ok::<_, std::convert::Infallible>(
    ImageStatus::parse(s)
));

/// An image as the image service shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    pub id: ImageId,
    pub name: Option<String>,
    pub status: ImageStatus,
    /// Bytes, once known.
    pub size: Option<u64>,
    pub disk_format: Option<String>,
    pub container_format: Option<String>,
    pub visibility: Option<String>,
    pub protected: Option<bool>,
    pub created_at: Option<Timestamp>,
    pub updated_at: Option<Timestamp>,
    /// The image's top-level attribute names (at most [`MAX_KEYS`]), so a metadata patch can
    /// `add` what is missing and `replace` what is there.
    pub keys: BTreeSet<String>,
    pub tags: Vec<String>,
    pub min_disk: Option<u64>,
    pub min_ram: Option<u64>,
    /// Text properties the console sets: `description` (`__description` on IMS),
    /// `os_distro`, `os_version`.
    pub description: Option<String>,
    pub os_distro: Option<String>,
    pub os_version: Option<String>,
}

/// The most attribute names kept from one image.
pub const MAX_KEYS: usize = 500;

/// Parses `GET /v2/images/{id}`: Glance v2 and IMS answer with the image object itself;
/// an `{"image": {...}}` wrapper is accepted too.
pub fn parse_image(status: u16, body: &str) -> Result<Image, ApiError> {
    if !(200..300).contains(&status) {
        return Err(ApiError::from_response(status, body));
    }
    let value: Value = serde_json::from_str(body.trim_start_matches('\u{feff}'))
        .map_err(|_| ApiError::from_response(status, body))?;
    let obj = value
        .get("image")
        .filter(|v| v.is_object())
        .unwrap_or(&value);
    let Some(o) = obj.as_object() else {
        return Err(ApiError::unexpected_shape(status, "image"));
    };
    let id = non_empty_id(o.get("id"))
        .as_deref()
        .and_then(ImageId::parse)
        .ok_or_else(|| ApiError::unexpected_shape(status, "id"))?;
    let image_status = non_empty_text(o.get("status"))
        .ok_or_else(|| ApiError::unexpected_shape(status, "status"))?;
    Ok(Image {
        id,
        name: non_empty_text(o.get("name")),
        status: ImageStatus::parse(&image_status),
        size: unsigned(o.get("size")),
        disk_format: non_empty_text(o.get("disk_format")),
        container_format: non_empty_text(o.get("container_format")),
        visibility: non_empty_text(o.get("visibility")),
        protected: boolean(o.get("protected")),
        created_at: non_empty_text(o.get("created_at")).and_then(|s| Timestamp::parse(&s)),
        updated_at: non_empty_text(o.get("updated_at")).and_then(|s| Timestamp::parse(&s)),
        keys: o
            .keys()
            .take(MAX_KEYS)
            .map(|k| crate::json::shorten(k, 255))
            .collect(),
        tags: match o.get("tags") {
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(|t| text(Some(t)))
                .take(200)
                .collect(),
            _ => Vec::new(),
        },
        min_disk: unsigned(o.get("min_disk")),
        min_ram: unsigned(o.get("min_ram")),
        description: non_empty_text(o.get("description"))
            .or_else(|| non_empty_text(o.get("__description"))),
        os_distro: non_empty_text(o.get("os_distro")),
        os_version: non_empty_text(o.get("os_version")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glance_image() {
        let body = r#"{"id": "i1", "name": "img", "status": "saving", "size": null,
            "disk_format": "raw", "container_format": "bare", "visibility": "private",
            "protected": false, "created_at": "2026-11-26T10:00:00Z", "self": "/v2/images/i1"}"#;
        let img = parse_image(200, body).unwrap();
        assert_eq!(img.status, ImageStatus::Saving);
        assert_eq!(img.status.stage(), Some(1));
        assert!(!img.status.is_terminal());
        assert_eq!(img.size, None);
        assert_eq!(img.protected, Some(false));
        assert!(img.keys.contains("self") && img.keys.contains("protected"));
        assert!(img.tags.is_empty() && img.description.is_none());
        let patched = parse_image(
            200,
            r#"{"id": "i", "status": "active", "tags": ["a", 1, null], "min_disk": 40,
                "min_ram": "512", "__description": "d", "os_distro": "ubuntu"}"#,
        )
        .unwrap();
        assert_eq!(patched.tags, ["a", "1"]);
        assert_eq!((patched.min_disk, patched.min_ram), (Some(40), Some(512)));
        assert_eq!(patched.description.as_deref(), Some("d"));
        assert_eq!(patched.os_distro.as_deref(), Some("ubuntu"));
    }

    #[test]
    fn statuses() {
        assert!(ImageStatus::parse("active").is_success());
        assert!(ImageStatus::parse("killed").is_failure());
        assert!(ImageStatus::parse("deleted").is_terminal());
        assert_eq!(ImageStatus::parse("ACTIVE"), ImageStatus::Active);
        assert_eq!(ImageStatus::parse("odd").as_str(), "odd");
        assert_eq!(ImageStatus::parse("odd").stage(), None);
    }

    #[test]
    fn wrapped_and_errors() {
        assert!(parse_image(200, r#"{"image": {"id": "i", "status": "active"}}"#).is_ok());
        assert_eq!(parse_image(404, "").unwrap_err().status(), 404);
        assert!(parse_image(200, r#"{"id": "i"}"#).is_err());
        assert!(parse_image(200, "[1]").is_err());
    }
}
