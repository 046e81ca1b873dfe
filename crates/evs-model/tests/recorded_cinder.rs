//! evs-model's parsers against answers recorded from a REAL OpenStack Cinder 29 + Glance 33
//! (tests/cinder/smoke.sh --record; see tests/cinder/DIFFERENCES.md). Each recording holds
//! the request, the status, the request-id / microversion headers and the raw body.
//!
//! Ids change with every re-recording, so expected texts are built from the recording's own
//! request URL; the wording around them is the server's, verbatim.

use std::path::PathBuf;

use evs_model::{
    parse_export_response, parse_image, parse_volume, parse_volume_list, ApiError, Dialect,
    ErrorKind, ExportRequest, ImageStatus, RequestError, Timestamp, VolumeId, VolumeStatus,
    MAX_MESSAGE_CHARS,
};
use serde_json::Value;

mod common;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/cinder/recorded")
}

/// One recorded exchange.
struct Rec {
    name: String,
    json: Value,
}

impl Rec {
    fn load(name: &str) -> Rec {
        Rec {
            name: name.to_string(),
            json: common::load(name),
        }
    }
    fn status(&self) -> u16 {
        common::status(&self.json)
    }
    fn body(&self) -> &str {
        common::body(&self.json)
    }
    fn body_json(&self) -> Value {
        serde_json::from_str(self.body()).unwrap()
    }
    fn header(&self, name: &str) -> Option<String> {
        common::header(&self.json, name).map(str::to_string)
    }
    fn request_id(&self) -> Option<String> {
        self.header("x-openstack-request-id")
    }
    /// The id after `/volumes/` or `/images/` in the request URL.
    fn id_in_url(&self) -> String {
        let url = self.json["request"]["url"].as_str().unwrap();
        let rest = url
            .split_once("/volumes/")
            .or_else(|| url.split_once("/images/"))
            .unwrap_or_else(|| panic!("{}: no id in {url}", self.name))
            .1;
        rest.split('/').next().unwrap().to_string()
    }
    /// The request body as sent (a JSON object, or the raw text of a broken one).
    fn request_body(&self) -> String {
        match &self.json["request"]["body"] {
            Value::String(raw) => raw.clone(),
            other => other.to_string(),
        }
    }
    fn request_microversion(&self) -> Option<String> {
        self.json["request"]["headers"]["OpenStack-API-Version"]
            .as_str()
            .map(str::to_string)
    }
    /// What the console builds from this answer: the error with its request id.
    fn error(&self) -> ApiError {
        ApiError::from_response(self.status(), self.body()).with_request_id(self.request_id())
    }
}

fn assert_cinder_error(rec: &Rec, status: u16, key: &str, message: &str) {
    assert_eq!(rec.status(), status, "{}", rec.name);
    let e = rec.error();
    assert_eq!(e.status(), status, "{}", rec.name);
    assert_eq!(e.kind(), &ErrorKind::Api(key.into()), "{}", rec.name);
    assert_eq!(e.code(), Some(status.to_string().as_str()), "{}", rec.name);
    assert_eq!(e.message(), message, "{}", rec.name);
    let rid = rec
        .request_id()
        .expect("Cinder sends x-openstack-request-id");
    assert!(rid.starts_with("req-"), "{rid}");
    assert_eq!(e.request_id(), Some(rid.as_str()));
    assert!(e.to_string().contains(&rid));
}

// ---- the export's 202 ------------------------------------------------------------------

#[test]
fn upload_202_at_3_0() {
    let rec = Rec::load("upload_image_202.json");
    assert_eq!(rec.status(), 202);
    assert_eq!(
        rec.header("OpenStack-API-Version").as_deref(),
        Some("volume 3.0")
    );
    let r = parse_export_response(rec.status(), rec.body()).unwrap();
    assert_eq!(r.volume_id.unwrap(), rec.id_in_url());
    assert_eq!(r.status, VolumeStatus::Uploading);
    assert_eq!(r.image_name, "harness-export-qcow2");
    assert_eq!(r.size, Some(1));
    assert_eq!(r.disk_format.as_deref(), Some("qcow2"));
    assert_eq!(r.container_format.as_deref(), Some("bare"));
    assert_eq!(
        r.display_description.as_deref(),
        Some("data disk for export tests")
    );
    // Even at 3.0 Cinder echoes Glance's visibility (its default, "shared") and protected.
    assert_eq!(r.visibility.as_deref(), Some("shared"));
    assert_eq!(r.protected, Some(false));

    // The image the 202 names is the one followed to active.
    let active = Rec::load("image_active_200.json");
    assert_eq!(r.image_id, active.id_in_url());

    // updated_at is the volume's value from BEFORE the call (recorded just before it).
    let raw = rec.body_json()["os-volume_upload_image"]["updated_at"]
        .as_str()
        .unwrap()
        .to_string();
    let before = parse_volume(200, Rec::load("volume_available_200.json").body()).unwrap();
    assert_eq!(
        r.updated_at.as_ref().map(Timestamp::raw),
        Some(raw.as_str())
    );
    assert_eq!(r.updated_at, before.updated_at);
    assert_eq!(r.updated_at_raw, None);

    // volume_type is the full object (with extra_specs, a null updated_at, qos_specs_id).
    let vt = r.volume_type.unwrap();
    assert_eq!(vt.name.as_deref(), Some("harness-ssd"));
    assert_eq!(vt.description.as_deref(), Some("harness SSD type"));
    assert_eq!(vt.is_public, Some(true));
    assert_eq!(vt.deleted, Some(false));
    assert!(vt.id.as_deref().is_some_and(|id| id.len() == 36));
    assert!(vt
        .created_at
        .as_deref()
        .and_then(Timestamp::parse)
        .is_some());
    assert_eq!(vt.updated_at, None);
    assert_eq!(vt.deleted_at, None);
    let specs: Vec<(&str, &str)> = vt
        .extra_specs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        specs,
        [
            ("harness:availability_zone", "nova"),
            ("volume_backend_name", "fake")
        ]
    );
}

#[test]
fn upload_202_at_3_1_echoes_visibility_and_protected() {
    let rec = Rec::load("upload_image_v31_202.json");
    assert_eq!(rec.request_microversion().as_deref(), Some("volume 3.1"));
    assert_eq!(
        rec.header("OpenStack-API-Version").as_deref(),
        Some("volume 3.1")
    );
    let r = parse_export_response(rec.status(), rec.body()).unwrap();
    assert_eq!(r.visibility.as_deref(), Some("shared"));
    assert_eq!(r.protected, Some(true));
    assert_eq!(r.disk_format.as_deref(), Some("raw"));
    let img = Rec::load("image_v31_active_200.json");
    let img = parse_image(img.status(), img.body()).unwrap();
    assert_eq!(img.id, r.image_id);
    assert_eq!(img.status, ImageStatus::Active);
    assert_eq!(img.visibility.as_deref(), Some("shared"));
    assert_eq!(img.protected, Some(true));
}

#[test]
fn upload_202_in_use_with_force_and_vhd() {
    let rec = Rec::load("upload_image_inuse_force_202.json");
    let r = parse_export_response(rec.status(), rec.body()).unwrap();
    assert_eq!(r.volume_id.unwrap(), rec.id_in_url());
    assert_eq!(r.status, VolumeStatus::Uploading);
    assert_eq!(r.size, Some(2));
    assert_eq!(
        r.display_description.as_deref(),
        Some("system disk, attached")
    );
    let img = Rec::load("image_inuse_active_200.json");
    assert_eq!(img.id_in_url(), r.image_id);
    assert_eq!(
        parse_image(img.status(), img.body()).unwrap().status,
        ImageStatus::Active
    );

    let rec = Rec::load("upload_image_vhd_202.json");
    let r = parse_export_response(rec.status(), rec.body()).unwrap();
    assert_eq!(r.disk_format.as_deref(), Some("vhd"));
    // ...but Cinder 29 fails the vhd conversion and deletes the image. For a moment Glance
    // still shows it, as "deleted"...
    let gone = Rec::load("image_vhd_after_failed_upload_deleted_200.json");
    let img = parse_image(gone.status(), gone.body()).unwrap();
    assert_eq!(img.id, gone.id_in_url());
    assert_eq!(img.name.as_deref(), Some("harness-export-vhd"));
    assert_eq!(img.disk_format.as_deref(), Some("vhd"));
    assert_eq!(img.status, ImageStatus::Deleted);
    assert!(img.status.is_failure() && img.status.is_terminal());
    assert_eq!(img.size, None);
    // ...then it is a 404. (Which one a poll sees is timing: smoke.sh names the file after it.)
    let gone = Rec::load("image_vhd_after_failed_upload_404.json");
    let e = parse_image(gone.status(), gone.body()).unwrap_err();
    assert_eq!(e.status(), 404);
    assert_eq!(
        e.message(),
        format!("No image found with ID {}", gone.id_in_url())
    );
}

// ---- Cinder's errors -----------------------------------------------------------------

#[test]
fn in_use_without_force_or_with_force_disabled() {
    for name in [
        "upload_image_inuse_noforce_400.json",
        // enable_force_upload = false: "force": true is ignored, the same 400 follows.
        "upload_image_inuse_force_disabled_400.json",
    ] {
        let rec = Rec::load(name);
        let msg = format!(
            "Invalid volume: Volume {} status must be available",
            rec.id_in_url()
        );
        assert_cinder_error(&rec, 400, "badRequest", &msg);
    }
    let forced = Rec::load("upload_image_inuse_force_disabled_400.json");
    assert!(forced.request_body().contains(r#""force":true"#));
}

#[test]
fn export_check_refuses_in_cinders_words() {
    use evs_model::export_check;
    let inuse = Rec::load("volume_inuse_200.json");
    let inuse = parse_volume(inuse.status(), inuse.body()).unwrap();
    let check = export_check(&inuse, Dialect::OpenStackCinder);
    assert!(check.force_required && check.allows(true));
    let rec = Rec::load("upload_image_inuse_noforce_400.json");
    assert_eq!(rec.id_in_url(), inuse.id);
    assert_eq!(
        check.refusal(&inuse.id, false).as_deref(),
        Some(rec.error().message())
    );
    assert_eq!(check.refusal(&inuse.id, true), None);
    // enable_force_upload = false: the server ignores force, so the refusal is force=false's.
    let rec = Rec::load("upload_image_inuse_force_disabled_400.json");
    assert_eq!(
        check
            .refusal(&VolumeId::parse(&rec.id_in_url()).unwrap(), false)
            .as_deref(),
        Some(rec.error().message())
    );

    // The available disk after an admin's os-reset_status to "error".
    let avail = Rec::load("volume_available_200.json");
    let mut v = avail.body_json();
    v["volume"]["status"] = "error".into();
    let errored = parse_volume(200, &v.to_string()).unwrap();
    let check = export_check(&errored, Dialect::OpenStackCinder);
    assert!(!check.exportable());
    for (name, force) in [
        ("upload_image_error_state_400.json", false),
        ("upload_image_error_state_force_400.json", true),
    ] {
        let rec = Rec::load(name);
        assert_eq!(rec.id_in_url(), errored.id);
        assert_eq!(
            check.refusal(&errored.id, force).as_deref(),
            Some(rec.error().message()),
            "{name}"
        );
    }
    let rec = Rec::load("upload_image_error_state_force_disabled_400.json");
    assert!(rec.request_body().contains(r#""force":true"#));
    assert_eq!(
        check
            .refusal(&VolumeId::parse(&rec.id_in_url()).unwrap(), false)
            .as_deref(),
        Some(rec.error().message())
    );
}

#[test]
fn unknown_volume_404() {
    let rec = Rec::load("upload_image_unknown_volume_404.json");
    let msg = format!("Volume {} could not be found.", rec.id_in_url());
    assert_cinder_error(&rec, 404, "itemNotFound", &msg);
    // The same answer to GET, through parse_volume.
    let rec = Rec::load("volume_unknown_404.json");
    let e = parse_volume(rec.status(), rec.body()).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::Api("itemNotFound".into()));
    assert_eq!(
        e.message(),
        format!("Volume {} could not be found.", rec.id_in_url())
    );
}

#[test]
fn schema_errors_400() {
    let rec = Rec::load("upload_image_bad_disk_format_400.json");
    assert_cinder_error(
        &rec,
        400,
        "badRequest",
        "Invalid input for field/attribute disk_format. Value: zvhd2. 'zvhd2' is not one of \
         ['raw', 'vmdk', 'vdi', 'qcow2', 'vhd', 'vhdx', 'ploop']",
    );
    let rec = Rec::load("upload_image_os_type_400.json");
    assert_cinder_error(
        &rec,
        400,
        "badRequest",
        "Invalid input for field/attribute os-volume_upload_image. Value: {'image_name': \
         'harness-ostype', 'disk_format': 'raw', '__os_type': 'linux'}. Additional properties \
         are not allowed ('__os_type' was unexpected)",
    );
    let rec = Rec::load("upload_image_visibility_v30_400.json");
    assert_cinder_error(
        &rec,
        400,
        "badRequest",
        "Invalid input for field/attribute os-volume_upload_image. Value: {'image_name': \
         'harness-vis30', 'disk_format': 'raw', 'visibility': 'private'}. Additional \
         properties are not allowed ('visibility' was unexpected)",
    );
    let rec = Rec::load("upload_image_bad_force_400.json");
    let e = rec.error();
    assert_eq!(e.kind(), &ErrorKind::Api("badRequest".into()));
    assert!(e
        .message()
        .starts_with("Invalid input for field/attribute force. Value: maybe. 'maybe' is not one of [True, 'True',"));
    assert_cinder_error(&rec, 400, "badRequest", e.message());
    let rec = Rec::load("upload_image_malformed_body_400.json");
    assert_cinder_error(&rec, 400, "badRequest", "Malformed request body");
    // A token for another project than the one in the path.
    let rec = Rec::load("upload_image_project_mismatch_400.json");
    assert_cinder_error(&rec, 400, "badRequest", "Malformed request url");
}

#[test]
fn a_long_message_is_kept_whole() {
    // Cinder quotes the 256-character name twice: 581 characters, just under the console's
    // limit, so the operator sees all of it.
    let rec = Rec::load("upload_image_name_too_long_400.json");
    let full = rec.body_json()["badRequest"]["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(full.starts_with("Invalid input for field/attribute image_name. Value: xxx"));
    assert!(full.ends_with("' is too long"));
    assert!(full.chars().count() <= MAX_MESSAGE_CHARS);
    assert_cinder_error(&rec, 400, "badRequest", &full);
}

#[test]
fn unsupported_microversion_406_is_a_compute_fault() {
    let rec = Rec::load("volume_microversion_unsupported_406.json");
    assert_eq!(
        rec.header("OpenStack-API-Version").as_deref(),
        Some("volume 3.99")
    );
    assert_cinder_error(
        &rec,
        406,
        "computeFault",
        "Version 3.99 is not supported by the API. Minimum is 3.0 and maximum is 3.71.",
    );
}

#[test]
fn over_quota_413_and_no_1_tib_limit() {
    let rec = Rec::load("volume_create_over_quota_413.json");
    assert_cinder_error(
        &rec,
        413,
        "overLimit",
        "VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds allowed \
         gigabytes quota. Requested 1025G, quota is 1000G and 3G has been consumed.",
    );
    assert_eq!(rec.body_json()["overLimit"]["retryAfter"], "0");

    // Cinder itself exports a disk over 1 TiB (EVS refuses): the 202 says 1025 GB.
    let rec = Rec::load("upload_image_over_1tib_202.json");
    let r = parse_export_response(rec.status(), rec.body()).unwrap();
    assert_eq!(r.size, Some(1025));
    assert!(r.size.unwrap() > evs_model::MAX_EXPORT_SIZE_GB);

    // The name limit counts characters: 255 CJK characters (765 bytes in UTF-8) pass.
    let rec = Rec::load("upload_image_cjk_255_202.json");
    let r = parse_export_response(rec.status(), rec.body()).unwrap();
    assert_eq!(r.image_name.chars().count(), 255);
    assert_eq!(r.image_name.len(), 765);
}

#[test]
fn noauth_without_token_is_an_empty_204() {
    let rec = Rec::load("volume_no_token_204.json");
    assert_eq!((rec.status(), rec.body()), (204, ""));
    let e = parse_volume(rec.status(), rec.body()).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::EmptyBody);
    assert_eq!(e.status(), 204);
}

// ---- Glance's 404, in its three shapes ----------------------------------------------

#[test]
fn glance_404_json_html_and_text() {
    let rec = Rec::load("image_unknown_404_json.json");
    let id = rec.id_in_url();
    let expected = format!("No image found with ID {id}");
    let e = parse_image(rec.status(), rec.body()).unwrap_err();
    assert_eq!(e.status(), 404);
    assert_eq!(e.kind(), &ErrorKind::Api("message".into()));
    assert_eq!(e.code(), Some("404 Not Found"));
    // Glance's JSON message ends in "<br /><br />\n\n\n": the markup is not part of the text.
    assert!(rec.body().contains("<br /><br />"));
    assert_eq!(e.message(), expected);
    let rid = rec.request_id().unwrap();
    assert_eq!(rec.error().request_id(), Some(rid.as_str()));

    // Accept: */* (a browser's default): a webob HTML page.
    let rec = Rec::load("image_unknown_404_html.json");
    let e = parse_image(rec.status(), rec.body()).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::HtmlPage);
    // The page's own words: its title, then the sentence after its heading.
    assert_eq!(e.message(), format!("404 Not Found: {expected}"));
    assert!(!e.message().contains("<br"), "{}", e.message());

    // No Accept header: text/plain.
    let rec = Rec::load("image_unknown_404_text.json");
    let e = parse_image(rec.status(), rec.body()).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::PlainText);
    assert_eq!(e.message(), format!("404 Not Found {expected}"));
}

// ---- volumes and images ---------------------------------------------------------------

#[test]
fn volume_list_and_show() {
    let env_avail = Rec::load("volume_available_200.json").id_in_url();
    let env_inuse = Rec::load("volume_inuse_200.json").id_in_url();

    let rec = Rec::load("volumes_detail_200.json");
    let page = parse_volume_list(rec.status(), rec.body()).unwrap();
    assert!(page.skipped.is_empty(), "{:?}", page.skipped);
    assert_eq!(page.next_marker, None);
    let avail = page.volumes.iter().find(|v| v.id == env_avail).unwrap();
    let inuse = page.volumes.iter().find(|v| v.id == env_inuse).unwrap();

    assert_eq!(avail.name, "harness-available");
    assert_eq!(avail.status, VolumeStatus::Available);
    assert_eq!(avail.size, 1);
    assert!(!avail.bootable);
    assert!(avail.attachments.is_empty());
    // No volume_image_metadata key at all on a volume not made from an image.
    assert!(rec.body_json()["volumes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|v| v["id"] == env_avail.as_str() && v.get("volume_image_metadata").is_none()));
    assert!(avail.volume_image_metadata.is_empty());
    assert_eq!(avail.metadata_os_type(), None);
    // In volumes, volume_type is the type's NAME (the export answer has the object).
    assert_eq!(avail.volume_type.as_deref(), Some("harness-ssd"));
    assert_eq!(
        avail.description.as_deref(),
        Some("data disk for export tests")
    );
    assert_eq!(avail.availability_zone.as_deref(), Some("nova"));
    assert!(avail.created_at.is_some() && avail.updated_at.is_some());
    assert!(!avail.multiattach);

    assert_eq!(inuse.status, VolumeStatus::InUse);
    assert!(inuse.bootable, "bootable is the string \"true\"");
    assert_eq!(inuse.metadata_os_type(), Some("linux"));
    assert_eq!(
        inuse
            .volume_image_metadata
            .get("image_name")
            .map(String::as_str),
        Some("harness-base")
    );
    assert_eq!(inuse.attachments.len(), 1);
    let att = &inuse.attachments[0];
    assert_eq!(att.device.as_deref(), Some("/dev/vdb"));
    assert_eq!(att.host_name.as_deref(), Some("harness-compute"));
    assert!(att.server_id.as_deref().is_some_and(|s| s.len() == 36));

    // Show gives the same disk.
    let rec = Rec::load("volume_inuse_200.json");
    let shown = parse_volume(rec.status(), rec.body()).unwrap();
    assert_eq!(&shown, inuse);

    // While the export runs.
    let rec = Rec::load("volume_after_upload_202.json");
    let v = parse_volume(rec.status(), rec.body()).unwrap();
    assert_eq!(v.status, VolumeStatus::Uploading);
    assert!(v.status.is_busy());

    // At the newest microversion more fields come; they are ignored.
    let rec = Rec::load("volume_available_v371_200.json");
    assert_eq!(
        rec.header("OpenStack-API-Version").as_deref(),
        Some("volume 3.71")
    );
    let v = parse_volume(rec.status(), rec.body()).unwrap();
    assert_eq!(v.id, env_avail);
    assert_eq!(v.status, VolumeStatus::Available);
}

#[test]
fn volume_list_paging_marker() {
    let rec = Rec::load("volumes_detail_limit1_200.json");
    let page = parse_volume_list(rec.status(), rec.body()).unwrap();
    assert_eq!(page.volumes.len(), 1);
    // Cinder's next link carries the last listed id as the marker.
    assert_eq!(
        page.next_marker.as_ref().map(VolumeId::as_str),
        Some(page.volumes[0].id.as_str())
    );
}

#[test]
fn glance_images_from_queued_to_active() {
    let first = Rec::load("image_first_poll_200.json");
    let img = parse_image(first.status(), first.body()).unwrap();
    assert_eq!(img.status, ImageStatus::Queued);
    assert_eq!(img.size, None, "size is null until the data is in");
    assert_eq!(img.name.as_deref(), Some("harness-export-qcow2"));
    assert_eq!(img.visibility.as_deref(), Some("shared"));
    // Glance's timestamps are whole seconds with a Z.
    let created = img.created_at.clone().unwrap();
    assert!(created.raw().ends_with('Z'), "{}", created.raw());

    let active = Rec::load("image_active_200.json");
    let done = parse_image(active.status(), active.body()).unwrap();
    assert_eq!(done.id, img.id);
    assert_eq!(done.status, ImageStatus::Active);
    assert!(done.status.is_success());
    let size = active.body_json()["size"].as_u64().unwrap();
    assert!(size > 0);
    assert_eq!(done.size, Some(size));
    assert_eq!(done.disk_format.as_deref(), Some("qcow2"));
    assert_eq!(done.container_format.as_deref(), Some("bare"));
    assert_eq!(done.protected, Some(false));
    assert_eq!(done.created_at, img.created_at);
    assert!(done.updated_at.unwrap().unix_millis() >= created.unix_millis());

    // progress.json: what the image and the volume went through.
    let progress: Value =
        serde_json::from_str(&std::fs::read_to_string(dir().join("progress.json")).unwrap())
            .unwrap();
    let statuses: Vec<ImageStatus> = progress["qcow2"]["image_statuses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| ImageStatus::parse(s.as_str().unwrap()))
        .collect();
    assert_eq!(statuses.first(), Some(&ImageStatus::Queued));
    assert_eq!(statuses.last(), Some(&ImageStatus::Active));
    assert!(statuses.iter().all(|s| s.stage().is_some()));
}

// ---- the request side: evs-model's Cinder rules agree with the real server --------------

/// What evs-model's Cinder rules make of each recorded request body.
#[derive(Debug, PartialEq)]
enum Verdict {
    /// The body is valid (Cinder took it, or refused it for the volume's state or the path).
    Accept,
    /// Cinder (or Glance behind it) refused the body itself; evs-model refuses it too.
    Reject,
    /// Cinder took it; the console is deliberately stricter (see ImageName's rules).
    StricterThanCinder,
    /// A valid body this deployment's settings refuse: `compressed` without
    /// `allow_compression_on_image_upload`. The console offers it with that condition and
    /// explains the 400 (`needs_compression_consent`).
    RefusedByDeployment,
}

#[test]
fn from_wire_agrees_with_the_real_server() {
    use Verdict::*;
    let table = [
        ("upload_image_202.json", Accept),
        ("upload_image_v31_202.json", Accept),
        ("upload_image_vhd_202.json", Accept),
        ("upload_image_inuse_force_202.json", Accept),
        ("upload_image_inuse_noforce_400.json", Accept),
        ("upload_image_inuse_force_disabled_400.json", Accept),
        ("upload_image_unknown_volume_404.json", Accept),
        ("upload_image_project_mismatch_400.json", Accept),
        ("upload_image_v2_path_404.json", Accept),
        ("upload_image_cjk_255_202.json", Accept),
        ("upload_image_error_state_400.json", Accept),
        ("upload_image_error_state_force_400.json", Accept),
        ("upload_image_error_state_force_disabled_400.json", Accept),
        ("upload_image_over_1tib_202.json", Accept),
        ("upload_image_blank_name_202.json", StricterThanCinder),
        ("upload_image_bad_disk_format_400.json", Reject),
        ("upload_image_bad_container_format_400.json", Reject),
        ("upload_image_compressed_400.json", RefusedByDeployment),
        ("upload_image_os_type_400.json", Reject),
        ("upload_image_visibility_v30_400.json", Reject),
        ("upload_image_name_too_long_400.json", Reject),
        ("upload_image_bad_force_400.json", Reject),
        ("upload_image_malformed_body_400.json", Reject),
    ];
    // Every recorded export is classified here.
    let mut recorded: Vec<String> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with("upload_image_"))
        .collect();
    recorded.sort();
    let mut listed: Vec<String> = table.iter().map(|(n, _)| n.to_string()).collect();
    listed.sort();
    assert_eq!(recorded, listed);

    for (name, verdict) in table {
        let rec = Rec::load(name);
        let mv31 = rec
            .request_microversion()
            .is_some_and(|v| v != "volume 3.0");
        let parsed = ExportRequest::from_wire(Dialect::OpenStackCinder, mv31, &rec.request_body());
        match verdict {
            Accept => {
                let req =
                    parsed.unwrap_or_else(|e| panic!("{name}: Cinder took it, evs-model: {e}"));
                if mv31 {
                    assert_eq!(req.microversion(), Some("volume 3.1"), "{name}");
                }
            }
            Reject => {
                assert_eq!(rec.status(), 400, "{name}");
                assert!(
                    parsed.is_err(),
                    "{name}: Cinder refused it, evs-model accepts it"
                );
            }
            RefusedByDeployment => {
                assert_eq!(rec.status(), 400, "{name}");
                let req = parsed.unwrap_or_else(|e| panic!("{name}: {e}"));
                assert!(
                    evs_model::needs_compression_consent(req.container_format()),
                    "{name}"
                );
            }
            StricterThanCinder => {
                assert_eq!(rec.status(), 202, "{name}");
                assert!(parsed.is_err(), "{name}");
            }
        }
    }

    // The reasons match the server's.
    let reason = |name: &str| {
        let rec = Rec::load(name);
        ExportRequest::from_wire(Dialect::OpenStackCinder, false, &rec.request_body()).unwrap_err()
    };
    assert_eq!(
        reason("upload_image_os_type_400.json"),
        RequestError::UnexpectedField("__os_type".into())
    );
    assert_eq!(
        reason("upload_image_visibility_v30_400.json"),
        RequestError::UnexpectedField("visibility".into())
    );
    assert!(matches!(
        reason("upload_image_malformed_body_400.json"),
        RequestError::InvalidJson(_)
    ));
    assert!(matches!(
        reason("upload_image_bad_force_400.json"),
        RequestError::WrongType { field: "force", .. }
    ));
}

#[test]
fn glance_refusals_relayed_by_cinder() {
    // Glance's jsonschema error, several lines long, passed on by Cinder: one line here.
    let rec = Rec::load("upload_image_bad_container_format_400.json");
    let e = rec.error();
    assert_eq!(e.kind(), &ErrorKind::Api("badRequest".into()));
    assert!(rec.body().contains("\\n\\nFailed validating"));
    assert!(
        e.message().starts_with(
            "Unable to set 'container_format' to 'zzz'. Reason: 'zzz' is not one of [None, \
             'ami', 'ari', 'aki', 'bare', 'ovf', 'ova', 'docker', 'compressed'] Failed \
             validating 'enum' in schema['properties']['container_format']: {'type': ['null', \
             'string'],"
        ),
        "{}",
        e.message()
    );
    assert!(!e.message().contains('\n'));
    let rec = Rec::load("upload_image_compressed_400.json");
    assert_cinder_error(
        &rec,
        400,
        "badRequest",
        "Image compression upload disallowed, but container_format is compressed",
    );
}

#[test]
fn the_evs_path_on_cinder_is_an_html_404() {
    let rec = Rec::load("upload_image_v2_path_404.json");
    assert!(rec.json["request"]["url"]
        .as_str()
        .unwrap()
        .starts_with("{cinder}/v2/"));
    let e = parse_export_response(rec.status(), rec.body()).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::HtmlPage);
    assert_eq!(e.status(), 404);
    assert_eq!(
        e.message(),
        "404 Not Found: The resource could not be found."
    );
    assert!(e.request_id().is_none());
    let e = e.with_request_id(rec.request_id());
    assert!(e.request_id().is_some_and(|id| id.starts_with("req-")));
}

#[test]
fn every_recording_parses_without_panic() {
    for entry in std::fs::read_dir(dir()).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name == "progress.json" {
            continue;
        }
        let rec = Rec::load(&name);
        let (s, b) = (rec.status(), rec.body());
        let _ = parse_export_response(s, b);
        let _ = parse_volume(s, b);
        let _ = parse_volume_list(s, b);
        let _ = parse_image(s, b);
        if s >= 400 {
            let e = rec.error();
            // Every recorded error carries Cinder's or Glance's own words.
            assert!(!e.message().is_empty(), "{name}");
            assert!(e.request_id().is_some(), "{name}: request id lost");
        }
    }
}
