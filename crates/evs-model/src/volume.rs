//! Disks: the list and show endpoints around the export.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::json::{boolean, non_empty_id, non_empty_text, string_map, text, unsigned};
use crate::response::VolumeType;
use crate::{ApiError, Timestamp, VolumeId};

/// A disk's status. Known values get variants; anything else is kept as sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VolumeStatus {
    Available,
    InUse,
    Uploading,
    Creating,
    Attaching,
    Detaching,
    Deleting,
    Error,
    ErrorDeleting,
    Extending,
    Downloading,
    Maintenance,
    Reserved,
    Other(String),
}

impl VolumeStatus {
    pub fn parse(s: &str) -> VolumeStatus {
        match s {
            "available" => VolumeStatus::Available,
            "in-use" => VolumeStatus::InUse,
            "uploading" => VolumeStatus::Uploading,
            "creating" => VolumeStatus::Creating,
            "attaching" => VolumeStatus::Attaching,
            "detaching" => VolumeStatus::Detaching,
            "deleting" => VolumeStatus::Deleting,
            "error" => VolumeStatus::Error,
            "error_deleting" => VolumeStatus::ErrorDeleting,
            "extending" => VolumeStatus::Extending,
            "downloading" => VolumeStatus::Downloading,
            "maintenance" => VolumeStatus::Maintenance,
            "reserved" => VolumeStatus::Reserved,
            other => VolumeStatus::Other(other.to_string()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            VolumeStatus::Available => "available",
            VolumeStatus::InUse => "in-use",
            VolumeStatus::Uploading => "uploading",
            VolumeStatus::Creating => "creating",
            VolumeStatus::Attaching => "attaching",
            VolumeStatus::Detaching => "detaching",
            VolumeStatus::Deleting => "deleting",
            VolumeStatus::Error => "error",
            VolumeStatus::ErrorDeleting => "error_deleting",
            VolumeStatus::Extending => "extending",
            VolumeStatus::Downloading => "downloading",
            VolumeStatus::Maintenance => "maintenance",
            VolumeStatus::Reserved => "reserved",
            VolumeStatus::Other(s) => s,
        }
    }

    /// Whether the status is a failure state.
    pub fn is_error(&self) -> bool {
        matches!(self, VolumeStatus::Error | VolumeStatus::ErrorDeleting)
    }

    /// Whether the status is transient (an operation is running).
    pub fn is_busy(&self) -> bool {
        matches!(
            self,
            VolumeStatus::Uploading
                | VolumeStatus::Creating
                | VolumeStatus::Attaching
                | VolumeStatus::Detaching
                | VolumeStatus::Deleting
                | VolumeStatus::Extending
                | VolumeStatus::Downloading
                | VolumeStatus::Reserved
        )
    }
}

crate::json::as_wire_text!(VolumeStatus, |s: &str| Ok::<_, std::convert::Infallible>(
    VolumeStatus::parse(s)
));

/// One attachment of a disk to a server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub server_id: Option<String>,
    pub device: Option<String>,
    pub host_name: Option<String>,
}

/// A disk as the list and show endpoints describe it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Volume {
    pub id: VolumeId,
    /// May be empty: disks need not have names.
    pub name: String,
    pub status: VolumeStatus,
    /// Size in GB.
    pub size: u64,
    /// `bootable` arrives as the string `"true"`/`"false"` (or a boolean).
    pub bootable: bool,
    pub attachments: Vec<Attachment>,
    /// `volume_image_metadata`: `null`, `{}` or a map that may hold `__os_type`.
    pub volume_image_metadata: BTreeMap<String, String>,
    /// The disk type's name.
    pub volume_type: Option<String>,
    pub multiattach: bool,
    /// `encrypted`: the disk uses a volume type with encryption. Cinder exports such a disk
    /// only as `raw`/`bare` ([`crate::FormatOffer`]).
    pub encrypted: bool,
    pub description: Option<String>,
    pub availability_zone: Option<String>,
    pub created_at: Option<Timestamp>,
    pub updated_at: Option<Timestamp>,
}

impl Volume {
    /// The disk's name, or its id when it has none (for headings).
    pub fn display_name(&self) -> &str {
        if self.name.is_empty() {
            self.id.as_str()
        } else {
            &self.name
        }
    }

    /// `__os_type` from `volume_image_metadata`, if present.
    pub fn metadata_os_type(&self) -> Option<&str> {
        self.volume_image_metadata
            .get("__os_type")
            .map(String::as_str)
            .filter(|s| !s.is_empty())
    }

    /// Reads a disk object; `Err` names the member that is missing (`volume` when the disk
    /// is not an object at all).
    pub fn from_value(v: &Value) -> Result<Volume, &'static str> {
        let o = v.as_object().ok_or("volume")?;
        let id = non_empty_id(o.get("id"))
            .as_deref()
            .and_then(VolumeId::parse)
            .ok_or("id")?;
        let status = non_empty_text(o.get("status")).ok_or("status")?;
        let attachments = match o.get("attachments") {
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(Value::as_object)
                .map(|a| Attachment {
                    server_id: non_empty_text(a.get("server_id")),
                    device: non_empty_text(a.get("device")),
                    host_name: non_empty_text(a.get("host_name")),
                })
                .collect(),
            _ => Vec::new(),
        };
        let volume_type = match o.get("volume_type") {
            Some(v @ Value::Object(_)) => VolumeType::from_value(v).and_then(|t| t.name),
            other => non_empty_text(other),
        };
        Ok(Volume {
            name: text(o.get("name"))
                .or_else(|| text(o.get("display_name")))
                .unwrap_or_default(),
            status: VolumeStatus::parse(&status),
            size: unsigned(o.get("size")).unwrap_or(0),
            bootable: boolean(o.get("bootable")).unwrap_or(false),
            attachments,
            volume_image_metadata: string_map(o.get("volume_image_metadata")),
            volume_type,
            multiattach: boolean(o.get("multiattach")).unwrap_or(false),
            encrypted: boolean(o.get("encrypted")).unwrap_or(false),
            description: non_empty_text(o.get("description"))
                .or_else(|| non_empty_text(o.get("display_description"))),
            availability_zone: non_empty_text(o.get("availability_zone")),
            created_at: non_empty_text(o.get("created_at")).and_then(|s| Timestamp::parse(&s)),
            updated_at: non_empty_text(o.get("updated_at")).and_then(|s| Timestamp::parse(&s)),
            id,
        })
    }
}

/// One page of the disk list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VolumePage {
    pub volumes: Vec<Volume>,
    /// The marker for the next page, from the `rel: next` link; `None` on the last page.
    pub next_marker: Option<VolumeId>,
    /// Entries that could not be read, each by the member it lacked (so the page can say so).
    pub skipped: Vec<&'static str>,
}

/// Parses `GET .../volumes/detail`. Disks that cannot be read are skipped and counted in
/// [`VolumePage::skipped`] rather than failing the whole list.
pub fn parse_volume_list(status: u16, body: &str) -> Result<VolumePage, ApiError> {
    let value = crate::json::body_json(status, body)?;
    let Some(items) = value.get("volumes").and_then(Value::as_array) else {
        return Err(ApiError::unexpected_shape(status, "volumes"));
    };
    let mut page = VolumePage::default();
    for item in items {
        match Volume::from_value(item) {
            Ok(v) => page.volumes.push(v),
            Err(reason) => page.skipped.push(reason),
        }
    }
    page.next_marker = value
        .get("volumes_links")
        .and_then(Value::as_array)
        .and_then(|links| {
            links
                .iter()
                .find(|l| l.get("rel").and_then(Value::as_str) == Some("next"))
        })
        .and_then(|l| l.get("href").and_then(Value::as_str))
        .and_then(|href| query_param(href, "marker"));
    Ok(page)
}

/// Parses `GET .../volumes/{id}` (`{"volume": {...}}`).
pub fn parse_volume(status: u16, body: &str) -> Result<Volume, ApiError> {
    let value = crate::json::body_json(status, body)?;
    let Some(v) = value.get("volume") else {
        return Err(ApiError::unexpected_shape(status, "volume"));
    };
    Volume::from_value(v).map_err(|missing| ApiError::unexpected_shape(status, missing))
}

/// The decoded value of `name` in a URL's query string.
fn query_param(href: &str, name: &str) -> Option<VolumeId> {
    crate::json::query_param(href, name).and_then(|v| VolumeId::parse(&v))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIST: &str = r#"{"volumes": [
      {"id": "v1", "name": "data-01", "status": "available", "size": 40, "bootable": "false",
       "attachments": [], "volume_image_metadata": null, "volume_type": "SAS", "multiattach": false},
      {"id": "v2", "name": "系统盘", "status": "in-use", "size": 100, "bootable": "true",
       "attachments": [{"server_id": "s1", "device": "/dev/vda", "attachment_id": "a"}],
       "volume_image_metadata": {"__os_type": "windows", "image_name": "Win2019"},
       "volume_type": {"name": "SSD", "extra_specs": {}}},
      {"name": "broken"},
      {"id": "v3", "status": "error", "size": "2048"}
    ],
    "volumes_links": [{"href": "https://evs.example.com/v2/p/volumes/detail?limit=3&marker=v3%20x", "rel": "next"}]}"#;

    #[test]
    fn list_with_paging_and_odd_entries() {
        let page = parse_volume_list(200, LIST).unwrap();
        assert_eq!(page.volumes.len(), 3);
        assert_eq!(page.skipped, ["id"]);
        assert_eq!(page.next_marker.unwrap(), "v3 x");
        let v2 = &page.volumes[1];
        assert_eq!(v2.status, VolumeStatus::InUse);
        assert!(v2.bootable);
        assert_eq!(v2.metadata_os_type(), Some("windows"));
        assert_eq!(v2.attachments[0].device.as_deref(), Some("/dev/vda"));
        assert_eq!(v2.volume_type.as_deref(), Some("SSD"));
        assert_eq!(page.volumes[2].size, 2048);
        assert_eq!(page.volumes[2].display_name(), "v3");
        assert!(page.volumes[0].volume_image_metadata.is_empty());
        assert!(!v2.encrypted);
        let enc = parse_volume(
            200,
            r#"{"volume": {"id": "e", "status": "available", "size": 1, "encrypted": true}}"#,
        )
        .unwrap();
        assert!(enc.encrypted);
    }

    #[test]
    fn last_page_and_errors() {
        let page = parse_volume_list(200, r#"{"volumes": []}"#).unwrap();
        assert_eq!(page.next_marker, None);
        assert!(parse_volume_list(200, r#"{"volume": []}"#).is_err());
        assert_eq!(
            parse_volume_list(401, r#"{"unauthorized": {"message": "bad token"}}"#)
                .unwrap_err()
                .status(),
            401
        );
    }

    #[test]
    fn show() {
        let v = parse_volume(
            200,
            r#"{"volume": {"id": "x", "status": "uploading", "size": 1}}"#,
        )
        .unwrap();
        assert_eq!(v.status, VolumeStatus::Uploading);
        assert!(v.status.is_busy());
        assert!(parse_volume(200, r#"{"volume": {"id": "x"}}"#).is_err());
        assert_eq!(VolumeStatus::parse("weird").as_str(), "weird");
    }

    #[test]
    fn markers_are_decoded_totally() {
        let marker = |q: &str| query_param(&format!("https://x/v2/p/volumes/detail?{q}"), "marker");
        assert_eq!(marker("marker=a%2").unwrap(), "a%2");
        assert_eq!(marker("limit=1&marker=%zz%41").unwrap(), "%zzA");
        assert_eq!(marker("marker=%E9%95%9C#frag").unwrap(), "镜");
        assert_eq!(marker("marker=%").unwrap(), "%");
        assert_eq!(marker("marker="), None);
        assert_eq!(marker("other=1"), None);
    }

    #[test]
    fn statuses_round_trip_through_serde() {
        for s in ["available", "in-use", "odd"] {
            let status = VolumeStatus::parse(s);
            let json = serde_json::to_string(&status).unwrap();
            assert_eq!(serde_json::from_str::<VolumeStatus>(&json).unwrap(), status);
        }
    }
}
