//! The 202 answer of the export: the new image and the disk it came from.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::json::{boolean, get_ci, non_empty_id, non_empty_text, string_map, text, unsigned};
use crate::request::ACTION;
use crate::{ApiError, ImageId, Timestamp, VolumeId, VolumeStatus};

/// What the export call returned (`os-volume_upload_image` of the 202 body).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportedImage {
    /// The disk id (`id`); `None` when the answer left it out.
    pub volume_id: Option<VolumeId>,
    pub image_id: ImageId,
    pub image_name: String,
    /// The disk's status after the call (`uploading`, also when the answer left it out).
    pub status: VolumeStatus,
    /// The disk size in GB.
    pub size: Option<u64>,
    pub disk_format: Option<String>,
    pub container_format: Option<String>,
    /// The disk description; `None` for `""`/`null`.
    pub display_description: Option<String>,
    /// The disk's `updated_at`, parsed when it is a timestamp.
    pub updated_at: Option<Timestamp>,
    /// The raw `updated_at` when it could not be parsed (shown as sent).
    pub updated_at_raw: Option<String>,
    pub volume_type: Option<VolumeType>,
    /// Cinder echoes the image service's values at every microversion (at 3.0 Glance's
    /// default visibility, `shared`); from 3.1 they are the ones the request asked for.
    pub visibility: Option<String>,
    pub protected: Option<bool>,
}

/// The disk type (`volume_type`) of the exported disk.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VolumeType {
    pub id: Option<String>,
    pub name: Option<String>,
    /// Documented as Integer, sent as a string (even `"None"`) or null; kept as text.
    pub description: Option<String>,
    pub is_public: Option<bool>,
    pub deleted: Option<bool>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
    pub deleted_at: Option<String>,
    /// `extra_specs` (or the docs' `extra_spec`), keys in sorted order; values are text.
    pub extra_specs: BTreeMap<String, String>,
}

impl VolumeType {
    /// Reads a `volume_type` object; `None` for null or non-objects. Cinder sometimes sends
    /// just the type's name as a string: that becomes a type with only a name.
    pub fn from_value(v: &Value) -> Option<VolumeType> {
        match v {
            Value::String(name) => Some(VolumeType {
                name: Some(name.clone()),
                ..VolumeType::default()
            }),
            Value::Object(o) => Some(VolumeType {
                id: non_empty_text(o.get("id")),
                name: non_empty_text(o.get("name")),
                description: text(o.get("description")),
                is_public: boolean(o.get("is_public"))
                    .or_else(|| boolean(o.get("os-volume-type-access:is_public"))),
                deleted: boolean(o.get("deleted")),
                created_at: non_empty_text(o.get("created_at")),
                updated_at: non_empty_text(o.get("updated_at")),
                deleted_at: non_empty_text(o.get("deleted_at")),
                extra_specs: match o.get("extra_specs").filter(|v| v.is_object()) {
                    Some(specs) => string_map(Some(specs)),
                    None => string_map(o.get("extra_spec")),
                },
            }),
            _ => None,
        }
    }
}

/// Parses the export answer. A 2xx body with the action object becomes an [`ExportedImage`];
/// any other status, an error envelope, or a body the console cannot use becomes an
/// [`ApiError`]. Never panics.
pub fn parse_export_response(status: u16, body: &str) -> Result<ExportedImage, ApiError> {
    let value = crate::json::body_json(status, body)?;
    let Some(obj) = value.as_object() else {
        return Err(ApiError::unexpected_shape(status, ACTION));
    };
    let Some(inner) = get_ci(obj, ACTION) else {
        // A 2xx carrying an error envelope is still an error.
        let err = ApiError::from_response(status, body);
        return Err(match err.kind() {
            crate::ErrorKind::Api(_) => err,
            _ => ApiError::unexpected_shape(status, ACTION),
        });
    };
    let Some(inner) = inner.as_object() else {
        return Err(ApiError::unexpected_shape(status, ACTION));
    };
    let image_id = non_empty_id(inner.get("image_id"))
        .as_deref()
        .and_then(ImageId::parse)
        .ok_or_else(|| ApiError::unexpected_shape(status, "image_id"))?;
    let updated_raw = non_empty_text(inner.get("updated_at"));
    let updated_at = updated_raw.as_deref().and_then(Timestamp::parse);
    Ok(ExportedImage {
        volume_id: non_empty_id(inner.get("id"))
            .as_deref()
            .and_then(VolumeId::parse),
        image_id,
        image_name: text(inner.get("image_name")).unwrap_or_default(),
        status: non_empty_text(inner.get("status"))
            .map_or(VolumeStatus::Uploading, |s| VolumeStatus::parse(&s)),
        size: unsigned(inner.get("size")),
        disk_format: non_empty_text(inner.get("disk_format")),
        container_format: non_empty_text(inner.get("container_format")),
        display_description: non_empty_text(inner.get("display_description")),
        updated_at_raw: if updated_at.is_none() {
            updated_raw
        } else {
            None
        },
        updated_at,
        volume_type: inner.get("volume_type").and_then(VolumeType::from_value),
        visibility: non_empty_text(inner.get("visibility")),
        protected: boolean(inner.get("protected")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    const SEED: &str = r#"{ "os-volume_upload_image": { "status": "uploading", "size": 40, "id": "16369c5d-384d-4e64-b37a-56d898769362", "image_id": "c5333daa-fbc8-4d1d-bf79-b0567bb45d15", "image_name": "evs-ims-test1027", "volume_type": { "description": "None", "deleted": false, "created_at": "2015-05-24T14:47:22.132268", "updated_at": "2017-07-29T11:29:33.730076", "extra_specs": { "volume_backend_name": "<or> iaas blockstorage_SAS <or> iaas blockstorage_SAS <or> iaas blockstoragesas", "XX:availability_zone": "az-dc-1" }, "is_public": true, "deleted_at": null, "id": "8247b6ed-37f0-4c48-8ef1-f0027fb332bc", "name": "SAS" }, "container_format": "bare", "disk_format": "vhd", "display_description": "", "updated_at": "2018-01-11T01:50:25.800931" } }"#;

    #[test]
    fn seed_response() {
        let r = parse_export_response(202, SEED).unwrap();
        assert_eq!(r.volume_id.unwrap(), "16369c5d-384d-4e64-b37a-56d898769362");
        assert_eq!(r.image_id, "c5333daa-fbc8-4d1d-bf79-b0567bb45d15");
        assert_eq!(r.image_name, "evs-ims-test1027");
        assert_eq!(r.status, VolumeStatus::Uploading);
        assert_eq!(r.size, Some(40));
        assert_eq!(r.disk_format.as_deref(), Some("vhd"));
        assert_eq!(r.display_description, None);
        assert_eq!(
            r.updated_at.as_ref().unwrap().unix_millis(),
            1_515_635_425_800
        );
        let vt = r.volume_type.unwrap();
        assert_eq!(vt.name.as_deref(), Some("SAS"));
        assert_eq!(vt.description.as_deref(), Some("None"));
        assert_eq!(vt.is_public, Some(true));
        assert_eq!(vt.deleted_at, None);
        let keys: Vec<&str> = vt.extra_specs.keys().map(String::as_str).collect();
        assert_eq!(keys, ["XX:availability_zone", "volume_backend_name"]);
        assert!(vt.extra_specs["volume_backend_name"].starts_with("<or> iaas"));
    }

    #[test]
    fn tolerates_what_servers_actually_send() {
        let body = r#"{"os-volume_upload_image": {"image_id": "i", "id": "v", "image_name": "n",
            "volume_type": {"description": 7, "extra_spec": {"a": "b", "n": 1, "z": null}},
            "display_description": null, "updated_at": "yesterday", "size": "40", "new_field": [1]}}"#;
        let r = parse_export_response(202, body).unwrap();
        let vt = r.volume_type.unwrap();
        assert_eq!(vt.description.as_deref(), Some("7"));
        assert_eq!(vt.extra_specs["n"], "1");
        assert_eq!(vt.extra_specs["z"], "");
        assert_eq!(r.updated_at, None);
        assert_eq!(r.updated_at_raw.as_deref(), Some("yesterday"));
        assert_eq!(r.size, Some(40));
        let null_type = r#"{"os-volume_upload_image": {"image_id": "i", "volume_type": null}}"#;
        assert_eq!(
            parse_export_response(202, null_type).unwrap().volume_type,
            None
        );
        let name_only =
            r#"{"os-volume_upload_image": {"image_id": "i", "volume_type": "__DEFAULT__"}}"#;
        assert_eq!(
            parse_export_response(202, name_only)
                .unwrap()
                .volume_type
                .unwrap()
                .name
                .as_deref(),
            Some("__DEFAULT__")
        );
    }

    #[test]
    fn errors_and_bad_shapes() {
        let e = parse_export_response(400, r#"{"badRequest": {"code": 400, "message": "no"}}"#)
            .unwrap_err();
        assert_eq!(e.message(), "no");
        let e = parse_export_response(
            202,
            r#"{"os-volume_upload_image": {"status": "uploading"}}"#,
        )
        .unwrap_err();
        assert_eq!(
            e.kind(),
            &ErrorKind::UnexpectedShape {
                missing: "image_id"
            }
        );
        let e = parse_export_response(202, &SEED[..100]).unwrap_err();
        assert_eq!(
            e.kind(),
            &ErrorKind::MalformedBody {
                truncated: true,
                bytes: 100
            }
        );
        let e = parse_export_response(
            200,
            r#"{"error": {"message": "quota", "code": "EVS.5400"}}"#,
        )
        .unwrap_err();
        assert_eq!(e.code(), Some("EVS.5400"));
        let e = parse_export_response(202, "").unwrap_err();
        assert_eq!(e.kind(), &ErrorKind::EmptyBody);
        let e = parse_export_response(202, r#"{"os-volume_upload_image": []}"#).unwrap_err();
        assert_eq!(e.kind(), &ErrorKind::UnexpectedShape { missing: ACTION });
    }
}
