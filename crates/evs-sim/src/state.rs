//! The simulated cloud: disks, exported images and the clock-driven progress of exports.
//!
//! Progress is derived lazily from timestamps: an image's status is a function of its creation
//! time, the export duration and "now"; [`State::advance`] (called at the start of every API
//! request) finishes exports whose time is up and gives their disks back their old status.
//! No background task, so tests are deterministic for a given clock.

use std::collections::BTreeMap;
use std::path::Path;

use evs_model::{
    export_check, os_type_effect, path_segment, request_needs_compression_consent, ContainerFormat,
    DeployedFormats, Dialect, DiskFormat, ExportRequest, FormatOffer, ImageId, ImageStatus,
    OsTypeEffect, ProjectId, Visibility, VolumeId, VolumeStatus,
};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::util::{evs_time, glance_time, mix, Rng};

/// The action key of the export body and answer.
pub const ACTION: &str = "os-volume_upload_image";

/// The share of an export's duration spent `queued` (the rest is `saving`).
pub const QUEUED_SHARE: f64 = 0.15;
/// A failing export is `killed` at this share of its duration.
pub const FAIL_AT_SHARE: f64 = 0.6;
/// How long a failed Cinder export's image stays `deleted` before Glance answers 404 (a real
/// Cinder deletes the image of a failed upload: tests/cinder/DIFFERENCES.md, §3).
pub const CINDER_GONE_AFTER_US: i64 = 1_000_000;

/// `volume_image_metadata`: absent, `null`, or a map (possibly empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImageMeta {
    Omitted,
    Null,
    Map(BTreeMap<String, String>),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentRec {
    pub server_id: String,
    pub attachment_id: String,
    pub device: String,
    pub host_name: Option<String>,
    pub attached_us: i64,
}

/// One disk. Ids and statuses are evs-model's types; they serialise as their wire text, so
/// a state file reads like the API's JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VolumeRec {
    pub id: VolumeId,
    pub name: String,
    pub description: Option<String>,
    pub status: VolumeStatus,
    pub size: u64,
    pub bootable: bool,
    pub attachments: Vec<AttachmentRec>,
    pub image_metadata: ImageMeta,
    /// The volume type's name.
    pub volume_type: String,
    pub multiattach: bool,
    /// A volume type with encryption (Cinder then uploads it only as `raw`/`bare`). Saved
    /// only when set, so state files keep their shape.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub encrypted: bool,
    pub availability_zone: String,
    pub created_us: i64,
    pub updated_us: i64,
    pub metadata: BTreeMap<String, String>,
}

/// One exported image, with what is needed to derive its progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImageRec {
    pub id: ImageId,
    pub name: String,
    pub volume_id: VolumeId,
    pub dialect: Dialect,
    pub disk_format: DiskFormat,
    pub container_format: ContainerFormat,
    pub visibility: Visibility,
    pub protected: bool,
    /// `__os_type` of the image, when it has one.
    pub os_type: Option<String>,
    /// The image's `min_disk` (GB).
    pub min_disk: u64,
    /// The disk's size in GB.
    #[serde(default)]
    pub size_gb: u64,
    /// The disk's status before the export (`available` or `in-use`), restored afterwards.
    pub volume_previous_status: VolumeStatus,
    pub created_us: i64,
    pub duration_us: i64,
    pub fails: bool,
    /// The disk has been given back its status.
    pub finished: bool,
    // The three below are saved only when set, so a state file without them keeps its shape.
    /// The request id of the export (a Cinder user message names it).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub request_id: String,
    /// When `DELETE /v2/images/{id}` removed the image, if it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted_us: Option<i64>,
    /// A leftover: an image an export created and never uploaded to (`queued` for good).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub stalled: bool,
    /// Set by a metadata update (`PATCH`); saved only when set.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub min_ram: u64,
    /// Extra properties set by a metadata update (`description`, `os_distro`, …).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub properties: BTreeMap<String, String>,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// Cinder's event of a failed upload: "copy volume to image" + "Failed to upload volume to
/// image at backend." (cinder/message/message_field.py).
pub const UPLOAD_FAILED_EVENT: &str = "VOLUME_VOLUME_003_004";
/// The `user_message` a real Cinder 29 records with [`UPLOAD_FAILED_EVENT`].
pub const UPLOAD_FAILED_TEXT: &str =
    "copy volume to image:Failed to upload volume to image at backend.";
/// How long Cinder keeps a user message (`message_ttl`, 30 days: `guaranteed_until` in the
/// recording), in microseconds.
pub const MESSAGE_TTL_US: i64 = 30 * 86_400 * 1_000_000;

/// One Cinder user message (`GET /v3/{project}/messages`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MessageRec {
    pub id: String,
    pub event_id: String,
    pub user_message: String,
    pub resource_uuid: VolumeId,
    pub request_id: String,
    pub created_us: i64,
}

/// The answer of `DELETE /v2/images/{id}`.
#[derive(Debug, PartialEq, Eq)]
pub enum DeleteOutcome {
    /// 204.
    Deleted,
    /// 404: no such image (or already deleted).
    NotFound,
    /// 403: the image is protected.
    Protected,
}

impl ImageRec {
    /// When the export ends (`active`, or `killed` for a failing one).
    pub fn end_us(&self) -> i64 {
        if self.stalled {
            return i64::MAX;
        }
        let share = if self.fails { FAIL_AT_SHARE } else { 1.0 };
        self.created_us
            .saturating_add((self.duration_us as f64 * share) as i64)
    }

    /// Whether the image service no longer has the image at `now`: a failed Cinder export's
    /// image is `deleted` for [`CINDER_GONE_AFTER_US`], then gone (404).
    pub fn removed_at(&self, now_us: i64) -> bool {
        self.deleted_us.is_some_and(|d| now_us >= d)
            || self.fails
                && self.dialect == Dialect::OpenStackCinder
                && now_us >= self.end_us().saturating_add(CINDER_GONE_AFTER_US)
    }

    /// The status at `now` and when it last changed.
    pub fn status_at(&self, now_us: i64) -> (ImageStatus, i64) {
        let end = self.end_us();
        let queued_end = self
            .created_us
            .saturating_add((self.duration_us as f64 * QUEUED_SHARE) as i64);
        if self.stalled {
            (ImageStatus::Queued, self.created_us)
        } else if now_us >= end {
            let failed = match self.dialect {
                Dialect::HuaweiEvs => ImageStatus::Killed,
                // A real Cinder deletes the image of a failed upload.
                Dialect::OpenStackCinder => ImageStatus::Deleted,
            };
            (
                if self.fails {
                    failed
                } else {
                    ImageStatus::Active
                },
                end,
            )
        } else if now_us >= queued_end {
            (ImageStatus::Saving, queued_end)
        } else {
            (ImageStatus::Queued, self.created_us)
        }
    }
}

/// A disk type (`volume_type`), as the export answer shows it in full.
pub struct VolumeTypeDef {
    pub id: &'static str,
    pub name: &'static str,
    pub description: Option<&'static str>,
    pub created_at: &'static str,
    pub updated_at: &'static str,
    pub extra_specs: &'static [(&'static str, &'static str)],
}

pub const VOLUME_TYPES: &[VolumeTypeDef] = &[
    VolumeTypeDef {
        id: "8247b6ed-37f0-4c48-8ef1-f0027fb332bc",
        name: "SAS",
        description: Some("None"),
        created_at: "2015-05-24T14:47:22.132268",
        updated_at: "2017-07-29T11:29:33.730076",
        extra_specs: &[
            (
                "volume_backend_name",
                "<or> iaas blockstorage_SAS <or> iaas blockstorage_SAS <or> iaas blockstoragesas",
            ),
            ("XX:availability_zone", "az-dc-1"),
            ("availability-zone", "az-dc-1"),
        ],
    },
    VolumeTypeDef {
        id: "5f1b3a9c-2d4e-4f60-8a71-9b8c7d6e5f40",
        name: "SSD",
        description: None,
        created_at: "2016-03-02T08:15:09.551020",
        updated_at: "2019-11-20T02:40:51.004113",
        extra_specs: &[
            ("volume_backend_name", "<or> iaas blockstorage_SSD"),
            ("HW:availability_zone", "az-dc-1"),
            ("RESKEY:availability_zones", "az-dc-1,az-dc-2"),
        ],
    },
    VolumeTypeDef {
        id: "c3d2e1f0-a9b8-4c7d-8e6f-5a4b3c2d1e0f",
        name: "GPSSD",
        description: Some("General purpose SSD <gp2>"),
        created_at: "2020-08-17T12:00:00.000001",
        updated_at: "2023-01-09T19:22:13.310000",
        extra_specs: &[
            (
                "volume_backend_name",
                "<is> gpssd & <or> iaas blockstorage_GPSSD",
            ),
            ("XX:availability_zone", "az-dc-2"),
            ("os-vendor-extended:sold_out_availability_zones", ""),
        ],
    },
];

fn volume_type_json(name: &str) -> Value {
    match VOLUME_TYPES.iter().find(|t| t.name == name) {
        Some(t) => {
            let specs: Map<String, Value> = t
                .extra_specs
                .iter()
                .map(|(k, v)| ((*k).to_string(), Value::from(*v)))
                .collect();
            json!({
                "id": t.id,
                "name": t.name,
                "description": t.description,
                "deleted": false,
                "is_public": true,
                "created_at": t.created_at,
                "updated_at": t.updated_at,
                "deleted_at": null,
                "qos_specs_id": null,
                "extra_specs": specs,
            })
        }
        None => Value::Null,
    }
}

/// The whole simulated cloud (what `--state` saves).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct State {
    pub format: String,
    /// Newest first (the order the list answers in).
    pub volumes: Vec<VolumeRec>,
    pub images: Vec<ImageRec>,
    /// Cinder's user messages (`/v3` failures), oldest first (saved only when there are any).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub messages: Vec<MessageRec>,
    pub rng: Rng,
}

pub const STATE_FORMAT: &str = "evs-sim-state/1";

/// Why the list could not be answered.
#[derive(Debug, PartialEq, Eq)]
pub struct MarkerNotFound;

/// The answer of an export attempt.
#[derive(Debug)]
pub enum ExportOutcome {
    /// 202 with this body.
    Accepted(Value),
    /// 404: the disk does not exist.
    NotFound,
    /// 400: a precondition failed (the reason, in evs-model's words).
    Refused(String),
}

/// What an export needs besides the request.
pub struct ExportParams<'a> {
    pub now_us: i64,
    pub duration_us: i64,
    pub failure_rate: f64,
    pub force_failure: bool,
    pub microversion_3_1: bool,
    /// Cinder's `enable_force_upload`: when off, `force` is ignored on `/v3`.
    pub cinder_force_upload: bool,
    /// Cinder's `allow_compression_on_image_upload`.
    pub cinder_compression: bool,
    /// The image service's formats (what `GET /v2/schemas/image` lists).
    pub deployed: &'a DeployedFormats,
    pub project_id: &'a ProjectId,
    /// The export request's id (Cinder's user message names it).
    pub request_id: &'a str,
}

/// The 400 Cinder gives a `compressed` upload when `allow_compression_on_image_upload` is off.
pub const COMPRESSION_REFUSED: &str =
    "Image compression upload disallowed, but container_format is compressed";

impl State {
    /// Reads a state file; `Ok(None)` when it does not exist.
    pub fn load(path: &Path) -> Result<Option<State>, String> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
        };
        let state: State = serde_json::from_str(&text)
            .map_err(|e| format!("{} is not an evs-sim state file: {e}", path.display()))?;
        if state.format != STATE_FORMAT {
            return Err(format!(
                "{} has format \"{}\", expected \"{STATE_FORMAT}\"",
                path.display(),
                state.format
            ));
        }
        Ok(Some(state))
    }

    /// Writes the state atomically (a temporary file, then a rename).
    pub fn save_text(path: &Path, text: &str) -> Result<(), String> {
        let mut tmp = path.as_os_str().to_owned();
        tmp.push(".tmp");
        let tmp = std::path::PathBuf::from(tmp);
        std::fs::write(&tmp, text).map_err(|e| format!("cannot write {}: {e}", tmp.display()))?;
        std::fs::rename(&tmp, path).map_err(|e| format!("cannot replace {}: {e}", path.display()))
    }

    /// Finishes every export whose time is up: the disk gets its old status back. Returns
    /// whether anything changed.
    pub fn advance(&mut self, now_us: i64) -> bool {
        let mut changed = false;
        for i in 0..self.images.len() {
            let img = &self.images[i];
            if img.finished || now_us < img.end_us() {
                continue;
            }
            let (end, failed) = (img.end_us(), img.fails);
            self.finish_export(i, end, failed);
            changed = true;
        }
        changed
    }

    /// Ends export `i` at `at_us`: the image is done, the disk gets its status from before the
    /// export back, and a failed upload in the Cinder dialect leaves Cinder's user message.
    fn finish_export(&mut self, i: usize, at_us: i64, failed: bool) {
        let img = &mut self.images[i];
        img.finished = true;
        let (volume_id, previous) = (img.volume_id.clone(), img.volume_previous_status.clone());
        if failed && img.dialect == Dialect::OpenStackCinder {
            let request_id = img.request_id.clone();
            self.record_upload_failure(volume_id.clone(), request_id, at_us);
        }
        if let Some(v) = self.volumes.iter_mut().find(|v| v.id == volume_id) {
            if v.status == VolumeStatus::Uploading {
                v.status = previous;
                v.updated_us = at_us;
            }
        }
    }

    /// Records Cinder's user message for a failed upload of `volume_id` (as a real Cinder
    /// does, for a backend failure and for an image deleted under a running upload).
    pub fn record_upload_failure(&mut self, volume_id: VolumeId, request_id: String, at_us: i64) {
        let id = self.rng.uuid();
        self.messages.push(MessageRec {
            id,
            event_id: UPLOAD_FAILED_EVENT.into(),
            user_message: UPLOAD_FAILED_TEXT.into(),
            resource_uuid: volume_id,
            request_id,
            created_us: at_us,
        });
    }

    /// `DELETE /v2/images/{id}` at `now`: a running export stops (the disk gets its status
    /// back; a `/v3` export leaves Cinder's failure message, as a real Cinder does); a
    /// protected image is refused.
    pub fn delete_image(&mut self, id: &str, now_us: i64) -> DeleteOutcome {
        self.advance(now_us);
        let Some(i) = self
            .images
            .iter()
            .position(|img| img.id == id && !img.removed_at(now_us))
        else {
            return DeleteOutcome::NotFound;
        };
        if self.images[i].protected {
            return DeleteOutcome::Protected;
        }
        let img = &mut self.images[i];
        img.deleted_us = Some(now_us);
        if !img.finished {
            // The upload fails under it: a real Cinder records its user message for that too.
            self.finish_export(i, now_us, true);
        }
        DeleteOutcome::Deleted
    }

    /// Adds `count` leftovers: images exports created and never uploaded to (`queued` for
    /// good), the first `age_us` old, each next one older by as much again.
    pub fn add_leftovers(&mut self, count: usize, now_us: i64, age_us: i64) {
        let Some(volume) = self.volumes.first().map(|v| (v.id.clone(), v.size)) else {
            return;
        };
        for n in 1..=count {
            let id = ImageId::parse(&self.rng.uuid()).expect("a UUID is never empty");
            self.images.push(ImageRec {
                id,
                name: format!("leftover-{n:02}"),
                volume_id: volume.0.clone(),
                dialect: Dialect::OpenStackCinder,
                disk_format: DiskFormat::Vhd,
                container_format: ContainerFormat::Bare,
                visibility: Visibility::Private,
                protected: false,
                os_type: None,
                min_disk: 0,
                size_gb: volume.1,
                volume_previous_status: VolumeStatus::Available,
                created_us: now_us - age_us.saturating_mul(n as i64),
                duration_us: 0,
                fails: false,
                finished: true,
                request_id: String::new(),
                deleted_us: None,
                stalled: true,
                tags: Vec::new(),
                min_ram: 0,
                properties: BTreeMap::new(),
            });
        }
        // Oldest first, like exports made one after another.
        self.images.sort_by_key(|i| i.created_us);
    }

    pub fn volume(&self, id: &str) -> Option<&VolumeRec> {
        self.volumes.iter().find(|v| v.id == id)
    }

    pub fn image(&self, id: &str) -> Option<&ImageRec> {
        self.images.iter().find(|i| i.id == id)
    }

    /// One page of the disks `keep` accepts (a name filter) after `marker`, and the marker of
    /// the next page if more remain; the marker may be any disk's id.
    pub fn page_where(
        &self,
        marker: Option<&str>,
        limit: usize,
        keep: impl Fn(&VolumeRec) -> bool,
    ) -> Result<(Vec<&VolumeRec>, Option<&VolumeId>), MarkerNotFound> {
        let start = match marker {
            None => 0,
            Some(m) => {
                self.volumes
                    .iter()
                    .position(|v| v.id == m)
                    .ok_or(MarkerNotFound)?
                    + 1
            }
        };
        let start = start.min(self.volumes.len());
        let mut rest = self.volumes[start..].iter().filter(|v| keep(v));
        let page: Vec<&VolumeRec> = rest.by_ref().take(limit).collect();
        let next = if rest.next().is_some() && !page.is_empty() {
            page.last().map(|v| &v.id)
        } else {
            None
        };
        Ok((page, next))
    }

    /// Starts an export of `volume_id`, atomically with the precondition check (the caller
    /// holds the state lock).
    pub fn export(
        &mut self,
        volume_id: &str,
        req: &ExportRequest,
        p: &ExportParams<'_>,
    ) -> ExportOutcome {
        self.advance(p.now_us);
        let dialect = req.dialect();
        let Some(index) = self.volumes.iter().position(|v| v.id == volume_id) else {
            return ExportOutcome::NotFound;
        };
        // The rules live in evs-model: read the disk exactly as a client would see it.
        let served = volume_json(&self.volumes[index], dialect, p.project_id, "");
        let model = match evs_model::Volume::from_value(&served) {
            Ok(m) => m,
            Err(e) => return ExportOutcome::Refused(format!("Invalid volume: {e}")),
        };
        // Cinder with `enable_force_upload = False` ignores `force` (it only logs that).
        let force = req.force() && (dialect == Dialect::HuaweiEvs || p.cinder_force_upload);
        if let Some(reason) = export_check(&model, dialect).refusal(&model.id, force) {
            return ExportOutcome::Refused(reason);
        }
        // What this cloud's image service and this disk accept: evs-model's offer, the one
        // the console shows (Huawei keeps its own lists).
        let offer = FormatOffer::new(dialect, Some(p.deployed), model.encrypted);
        let withheld =
            offer.check_formats(req.disk_format().as_str(), req.container_format().as_str());
        if let Some(error) = withheld.first() {
            return ExportOutcome::Refused(error.to_string());
        }
        if request_needs_compression_consent(req) && !p.cinder_compression {
            return ExportOutcome::Refused(COMPRESSION_REFUSED.into());
        }
        let os_type = match os_type_effect(&model, dialect) {
            OsTypeEffect::Applies => Some(req.os_type().unwrap_or_default().as_str().to_string()),
            OsTypeEffect::IgnoredMetadata(os) => Some(os),
            OsTypeEffect::IgnoredNotAvailable(_) => Some(
                model
                    .metadata_os_type()
                    .unwrap_or(evs_model::OsType::default().as_str())
                    .to_string(),
            ),
            OsTypeEffect::NotInDialect => model.metadata_os_type().map(str::to_string),
        };
        // Cinder 29 accepts a vhd export, then fails it on every backend that uploads through
        // its generic image_utils path (tests/cinder/DIFFERENCES.md §3); so does the Cinder
        // dialect here, which is also how `make serve` shows why an export failed.
        let fails = self.rng.next_f64() < p.failure_rate
            || p.force_failure
            || dialect.disk_format_known_to_fail(req.disk_format());
        let image_id = ImageId::parse(&self.rng.uuid()).expect("a UUID is never empty");

        let volume = &mut self.volumes[index];
        let previous = std::mem::replace(&mut volume.status, VolumeStatus::Uploading);
        volume.updated_us = p.now_us;
        // Below microversion 3.1 Cinder sends no visibility and Glance's default applies
        // (`shared`, as recorded from Cinder 29 + Glance); from 3.1 Cinder sends `private`
        // unless told otherwise. Huawei IMS images from disks are private.
        let visibility = match (dialect, p.microversion_3_1) {
            (Dialect::OpenStackCinder, false) => Visibility::Shared,
            _ => req.visibility().unwrap_or_default(),
        };
        let protected = req.protected().unwrap_or(false);
        let min_disk = match dialect {
            Dialect::HuaweiEvs => volume.size,
            Dialect::OpenStackCinder => model
                .volume_image_metadata
                .get("min_disk")
                .and_then(|m| m.parse().ok())
                .unwrap_or(0),
        };

        let mut answer = Map::new();
        answer.insert("id".into(), volume.id.as_str().into());
        answer.insert("updated_at".into(), evs_time(volume.updated_us).into());
        answer.insert("status".into(), volume.status.as_str().into());
        answer.insert(
            "display_description".into(),
            volume.description.clone().unwrap_or_default().into(),
        );
        answer.insert("size".into(), volume.size.into());
        answer.insert("volume_type".into(), volume_type_json(&volume.volume_type));
        answer.insert("image_id".into(), image_id.as_str().into());
        answer.insert(
            "container_format".into(),
            req.container_format().as_str().into(),
        );
        answer.insert("disk_format".into(), req.disk_format().as_str().into());
        answer.insert("image_name".into(), req.image_name().as_str().into());
        if dialect == Dialect::OpenStackCinder {
            // Cinder echoes the image Glance created: always `visibility` and `protected`.
            answer.insert("visibility".into(), visibility.as_str().into());
            answer.insert("protected".into(), protected.into());
        }

        self.images.push(ImageRec {
            id: image_id,
            name: req.image_name().as_str().to_string(),
            volume_id: volume.id.clone(),
            dialect,
            disk_format: req.disk_format(),
            container_format: req.container_format(),
            visibility,
            protected,
            os_type,
            min_disk,
            size_gb: volume.size,
            volume_previous_status: previous,
            created_us: p.now_us,
            duration_us: p.duration_us,
            fails,
            finished: false,
            request_id: p.request_id.to_string(),
            deleted_us: None,
            stalled: false,
            tags: Vec::new(),
            min_ram: 0,
            properties: BTreeMap::new(),
        });
        let mut outer = Map::new();
        outer.insert(ACTION.into(), Value::Object(answer));
        ExportOutcome::Accepted(Value::Object(outer))
    }
}

/// A disk as `GET .../volumes/detail` and `GET .../volumes/{id}` show it (Cinder's volume
/// detail view; `/v2` adds Huawei's fields). `base` is the absolute URL of the API root the
/// request came through (for `links`).
pub fn volume_json(v: &VolumeRec, dialect: Dialect, project_id: &ProjectId, base: &str) -> Value {
    let attachments: Vec<Value> = v
        .attachments
        .iter()
        .map(|a| {
            json!({
                "server_id": a.server_id,
                "attachment_id": a.attachment_id,
                "attached_at": evs_time(a.attached_us),
                "host_name": a.host_name,
                "volume_id": v.id,
                "device": a.device,
                "id": v.id,
            })
        })
        .collect();
    let prefix = dialect.path_prefix();
    let mut o = Map::new();
    o.insert("id".into(), v.id.as_str().into());
    o.insert("name".into(), v.name.clone().into());
    o.insert("status".into(), v.status.as_str().into());
    o.insert("size".into(), v.size.into());
    o.insert(
        "bootable".into(),
        (if v.bootable { "true" } else { "false" }).into(),
    );
    o.insert("encrypted".into(), v.encrypted.into());
    o.insert("multiattach".into(), v.multiattach.into());
    o.insert("attachments".into(), attachments.into());
    o.insert(
        "availability_zone".into(),
        v.availability_zone.clone().into(),
    );
    o.insert("created_at".into(), evs_time(v.created_us).into());
    o.insert("updated_at".into(), evs_time(v.updated_us).into());
    o.insert("description".into(), v.description.clone().into());
    o.insert("volume_type".into(), v.volume_type.clone().into());
    o.insert(
        "metadata".into(),
        Value::Object(
            v.metadata
                .iter()
                .map(|(k, v)| (k.clone(), Value::from(v.clone())))
                .collect(),
        ),
    );
    match &v.image_metadata {
        ImageMeta::Omitted => {}
        ImageMeta::Null => {
            o.insert("volume_image_metadata".into(), Value::Null);
        }
        ImageMeta::Map(m) => {
            o.insert(
                "volume_image_metadata".into(),
                Value::Object(
                    m.iter()
                        .map(|(k, v)| (k.clone(), Value::from(v.clone())))
                        .collect(),
                ),
            );
        }
    }
    let (project, id) = (
        path_segment(project_id.as_str()),
        path_segment(v.id.as_str()),
    );
    o.insert(
        "links".into(),
        json!([
            {"href": format!("{base}/{prefix}/{project}/volumes/{id}"), "rel": "self"},
            {"href": format!("{base}/{project}/volumes/{id}"), "rel": "bookmark"},
        ]),
    );
    o.insert(
        "os-vol-tenant-attr:tenant_id".into(),
        project_id.as_str().into(),
    );
    o.insert("user_id".into(), "9d1f3c2b4a5e46f7a8b9c0d1e2f3a4b5".into());
    o.insert("snapshot_id".into(), Value::Null);
    o.insert("source_volid".into(), Value::Null);
    o.insert("consistencygroup_id".into(), Value::Null);
    match dialect {
        Dialect::HuaweiEvs => {
            o.insert("replication_status".into(), "disabled".into());
            o.insert(
                "shareable".into(),
                (if v.multiattach { "true" } else { "false" }).into(),
            );
            o.insert("service_type".into(), "EVS".into());
        }
        Dialect::OpenStackCinder => {
            // As recorded from Cinder 29.
            o.insert("replication_status".into(), Value::Null);
            o.insert("migration_status".into(), Value::Null);
            o.insert("os-vol-mig-status-attr:migstat".into(), Value::Null);
            o.insert("os-vol-mig-status-attr:name_id".into(), Value::Null);
            o.insert("os-vol-host-attr:host".into(), "evs-sim@sim#sim".into());
        }
    }
    Value::Object(o)
}

/// An image as `GET /v2/images/{id}` shows it (Glance v2: the object at top level).
pub fn image_json(img: &ImageRec, now_us: i64, project_id: &ProjectId) -> Value {
    let (status, updated_us) = img.status_at(now_us);
    let active = status.is_success();
    let h = img
        .id
        .as_str()
        .bytes()
        .fold(0xCBF2_9CE4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01B3)
        });
    const GIB: u64 = 1 << 30;
    let virtual_size = img.size_gb.saturating_mul(GIB);
    let size = virtual_size / 8 + mix(h) % (1 << 20);
    let mut o = Map::new();
    o.insert("id".into(), img.id.as_str().into());
    o.insert("name".into(), img.name.clone().into());
    o.insert("status".into(), status.as_str().into());
    o.insert("visibility".into(), img.visibility.as_str().into());
    o.insert("protected".into(), img.protected.into());
    o.insert("os_hidden".into(), false.into());
    o.insert(
        "checksum".into(),
        if active {
            format!("{:016x}{:016x}", mix(h), mix(h ^ 1)).into()
        } else {
            Value::Null
        },
    );
    o.insert(
        "os_hash_algo".into(),
        if active { "sha512".into() } else { Value::Null },
    );
    o.insert(
        "os_hash_value".into(),
        if active {
            (0..8u64)
                .map(|i| format!("{:016x}", mix(h.wrapping_add(i + 2))))
                .collect::<String>()
                .into()
        } else {
            Value::Null
        },
    );
    o.insert("owner".into(), project_id.as_str().into());
    o.insert(
        "size".into(),
        if active { size.into() } else { Value::Null },
    );
    o.insert(
        "virtual_size".into(),
        if active {
            virtual_size.into()
        } else {
            Value::Null
        },
    );
    o.insert("min_ram".into(), img.min_ram.into());
    o.insert("min_disk".into(), img.min_disk.into());
    o.insert("disk_format".into(), img.disk_format.as_str().into());
    o.insert(
        "container_format".into(),
        img.container_format.as_str().into(),
    );
    o.insert("created_at".into(), glance_time(img.created_us).into());
    o.insert("updated_at".into(), glance_time(updated_us).into());
    o.insert("tags".into(), json!(img.tags));
    for (k, v) in &img.properties {
        o.insert(k.clone(), v.clone().into());
    }
    if let Some(os) = &img.os_type {
        o.insert("__os_type".into(), os.clone().into());
    }
    if img.dialect == Dialect::OpenStackCinder && active {
        o.insert("stores".into(), "fs".into());
    }
    if img.dialect == Dialect::HuaweiEvs {
        o.insert("__imagetype".into(), "private".into());
        o.insert("__image_source_type".into(), "uds".into());
        o.insert("__originalimagename".into(), img.volume_id.as_str().into());
    }
    let path = Dialect::image_path(&img.id);
    o.insert("self".into(), path.clone().into());
    o.insert("file".into(), format!("{path}/file").into());
    o.insert("schema".into(), "/v2/schemas/image".into());
    Value::Object(o)
}

/// A user message as Cinder's messages view shows it (cinder/api/v3/views/messages.py).
pub fn message_json(m: &MessageRec, project_id: &ProjectId, base: &str) -> Value {
    let (project, id) = (path_segment(project_id.as_str()), path_segment(&m.id));
    json!({
        "id": m.id,
        "event_id": m.event_id,
        "user_message": m.user_message,
        "message_level": "ERROR",
        "created_at": evs_time(m.created_us),
        "guaranteed_until": evs_time(m.created_us.saturating_add(MESSAGE_TTL_US)),
        "request_id": m.request_id,
        "resource_type": "VOLUME",
        "resource_uuid": m.resource_uuid,
        "links": [
            {"href": format!("{base}/v3/{project}/messages/{id}"), "rel": "self"},
            {"href": format!("{base}/{project}/messages/{id}"), "rel": "bookmark"},
        ],
    })
}
