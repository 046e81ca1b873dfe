//! The image service's view of the exported image (`GET /v2/images/{id}`), which is how
//! progress is followed: the export itself returns no job id.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::json::{boolean, non_empty_id, non_empty_text, text, unsigned};
use crate::{ApiError, ImageId, ProjectId, Timestamp};

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
    /// The project that owns the image.
    pub owner: Option<String>,
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
    let value = crate::json::body_json(status, body)?;
    let obj = value
        .get("image")
        .filter(|v| v.is_object())
        .unwrap_or(&value);
    image_from(status, obj)
}

fn image_from(status: u16, obj: &Value) -> Result<Image, ApiError> {
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
        owner: non_empty_id(o.get("owner")),
        created_at: non_empty_text(o.get("created_at")).and_then(|s| Timestamp::parse(&s)),
        updated_at: non_empty_text(o.get("updated_at")).and_then(|s| Timestamp::parse(&s)),
        keys: o
            .keys()
            .take(MAX_KEYS)
            .fold(BTreeSet::new(), |mut keys, k| {
                // Inserted one by one: collecting into a set sorts first, with a stable sort's
                // code of its own in the page.
                keys.insert(crate::json::shorten(k, 255));
                keys
            }),
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

/// Whether an export whose image is in `status` can still be cancelled (by deleting the
/// image): it is registered or being written, not finished.
pub fn cancellable(status: &ImageStatus) -> bool {
    matches!(
        status,
        ImageStatus::Queued | ImageStatus::Saving | ImageStatus::Uploading | ImageStatus::Importing
    )
}

/// What `DELETE /v2/images/{id}` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageDeleted {
    /// 204: deleted now.
    Now,
    /// 404: it was already gone (deleted by someone else, or by Cinder after a failure).
    AlreadyGone,
}

/// Why the image service refused to delete an image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeleteRefusal {
    /// 403 for a protected image (Glance: "Image … is protected and cannot be deleted.").
    Protected,
    /// Another 403: the token may not delete it (not the owner, or a policy).
    NotPermitted,
    /// 409: the image service will not delete it in its current state.
    Conflict,
    /// Any other failure (no answer, 401, 5xx, …).
    Failed,
}

/// Reads the answer of `DELETE /v2/images/{id}`; a refusal carries the typed reason and the
/// whole error (status, the service's words, request id).
pub fn parse_image_delete(
    status: u16,
    body: &str,
) -> Result<ImageDeleted, (DeleteRefusal, ApiError)> {
    if (200..300).contains(&status) {
        return Ok(ImageDeleted::Now);
    }
    if status == 404 {
        return Ok(ImageDeleted::AlreadyGone);
    }
    let error = ApiError::from_response(status, body);
    Err((delete_refusal(&error), error))
}

/// The typed reason of a failed delete.
pub fn delete_refusal(error: &ApiError) -> DeleteRefusal {
    match error.status() {
        403 if error.message().to_ascii_lowercase().contains("protected") => {
            DeleteRefusal::Protected
        }
        403 => DeleteRefusal::NotPermitted,
        409 => DeleteRefusal::Conflict,
        _ => DeleteRefusal::Failed,
    }
}

/// One page of `GET /v2/images`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImagePage {
    pub images: Vec<Image>,
    /// The `marker` of the next page, read from Glance's `next` link (absent on the last page).
    pub next_marker: Option<String>,
}

/// Parses `GET /v2/images`: `{"images": [...], "next": "/v2/images?…&marker=<id>"}`. Entries
/// that are not images (no id or status) are skipped.
pub fn parse_image_list(status: u16, body: &str) -> Result<ImagePage, ApiError> {
    let value = crate::json::body_json(status, body)?;
    let Some(list) = value.get("images").and_then(Value::as_array) else {
        return Err(ApiError::unexpected_shape(status, "images"));
    };
    let next_marker = non_empty_text(value.get("next"))
        .and_then(|href| crate::json::query_param(&href, "marker"))
        .filter(|m| !m.is_empty());
    Ok(ImagePage {
        images: list
            .iter()
            .filter_map(|v| image_from(status, v).ok())
            .collect(),
        next_marker,
    })
}

/// How long an image may stay `queued` before it counts as left behind: an export moves its
/// image to `saving` as soon as the upload starts (seconds on Cinder), so an hour in
/// `queued` means no upload is going on.
pub const LEFTOVER_AFTER_MS: i64 = 60 * 60 * 1000;

/// An image an export left behind: `queued`, owned by `project`, untouched for longer than
/// `threshold_ms` at `now_ms`. Returns its age (since creation) in milliseconds.
pub fn leftover_age(
    image: &Image,
    project: &ProjectId,
    now_ms: i64,
    threshold_ms: i64,
) -> Option<i64> {
    if image.status != ImageStatus::Queued
        || image
            .owner
            .as_deref()
            .is_some_and(|o| o != project.as_str())
    {
        return None;
    }
    let created = image.created_at.as_ref()?.unix_millis();
    let touched = image
        .updated_at
        .as_ref()
        .map_or(created, Timestamp::unix_millis)
        .max(created);
    (now_ms - touched > threshold_ms).then_some(now_ms - created)
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

#[cfg(test)]
mod delete_and_list_tests {
    use super::*;

    #[test]
    fn deletes_and_refusals() {
        assert_eq!(parse_image_delete(204, ""), Ok(ImageDeleted::Now));
        assert_eq!(parse_image_delete(404, "x"), Ok(ImageDeleted::AlreadyGone));
        let glance_403 = "{\"message\": \"Image i1 is protected and cannot be deleted.<br /><br />\\n\", \"code\": \"403 Forbidden\", \"title\": \"Forbidden\"}";
        let (why, e) = parse_image_delete(403, glance_403).unwrap_err();
        assert_eq!(why, DeleteRefusal::Protected);
        assert_eq!(e.message(), "Image i1 is protected and cannot be deleted.");
        let (why, _) =
            parse_image_delete(403, r#"{"message": "You are not permitted"}"#).unwrap_err();
        assert_eq!(why, DeleteRefusal::NotPermitted);
        assert_eq!(
            parse_image_delete(409, "").unwrap_err().0,
            DeleteRefusal::Conflict
        );
        assert_eq!(
            parse_image_delete(500, "").unwrap_err().0,
            DeleteRefusal::Failed
        );
        assert!(cancellable(&ImageStatus::Queued) && cancellable(&ImageStatus::Saving));
        assert!(!cancellable(&ImageStatus::Active) && !cancellable(&ImageStatus::Killed));
    }

    #[test]
    fn list_pages_and_leftovers() {
        let body = r#"{"images": [
            {"id": "a", "status": "queued", "owner": "p1", "created_at": "2026-12-07T00:00:00Z", "updated_at": "2026-12-07T00:00:00Z"},
            {"id": "b", "status": "queued", "owner": "p2", "created_at": "2026-12-07T00:00:00Z"},
            {"id": "c", "status": "queued", "owner": "p1", "created_at": "2026-12-07T09:50:00Z"},
            {"id": "d", "status": "active", "owner": "p1", "created_at": "2026-12-07T00:00:00Z"},
            {"name": "no id"}
        ], "first": "/v2/images?status=queued", "next": "/v2/images?status=queued&marker=d%2Fx&limit=4"}"#;
        let page = parse_image_list(200, body).unwrap();
        assert_eq!(page.images.len(), 4);
        assert_eq!(page.next_marker.as_deref(), Some("d/x"));
        let p1 = ProjectId::parse("p1").unwrap();
        let now = Timestamp::parse("2026-12-07T10:00:00Z")
            .unwrap()
            .unix_millis();
        let ages: Vec<Option<i64>> = page
            .images
            .iter()
            .map(|i| leftover_age(i, &p1, now, LEFTOVER_AFTER_MS))
            .collect();
        assert_eq!(ages, [Some(10 * 3_600_000), None, None, None]);
        let last = parse_image_list(200, r#"{"images": []}"#).unwrap();
        assert_eq!(last.next_marker, None);
        assert!(parse_image_list(200, "{}").is_err());
        assert_eq!(parse_image_list(401, "").unwrap_err().status(), 401);
    }
}
