//! How an export ends besides success, against answers recorded from a REAL Cinder 29 +
//! Glance 33 (tests/cinder/smoke.sh; see tests/cinder/DIFFERENCES.md): Cinder's user message
//! after a failed vhd upload, the messages API below 3.3, Glance's image deletes (204, 403 for
//! a protected image, 404 the second time) and an image list page with a `next` link.

use evs_model::{
    export_failure_messages, parse_image_delete, parse_image_list, parse_messages, ApiError,
    DeleteRefusal, EventAction, EventDetail, ImageDeleted, Timestamp, VolumeId,
};
use serde_json::Value;

mod common;
use common::{body, header, load, status};

/// The value of `key` in the recorded request's query.
fn query(rec: &Value, key: &str) -> String {
    let url = rec["request"]["url"].as_str().unwrap();
    let q = url.split_once('?').unwrap().1;
    q.split('&')
        .find_map(|p| p.strip_prefix(&format!("{key}=")))
        .unwrap()
        .to_string()
}

#[test]
fn a_failed_vhd_upload_leaves_cinders_user_message() {
    let rec = load("messages_vhd_failed_200.json");
    assert_eq!(header(&rec, "openstack-api-version"), Some("volume 3.3"));
    let volume = VolumeId::parse(&query(&rec, "resource_uuid")).unwrap();
    let messages = parse_messages(status(&rec), body(&rec)).unwrap();
    let m = &messages[0];
    assert_eq!(m.event_id, "VOLUME_VOLUME_003_004");
    let event = m.event.clone().unwrap();
    assert_eq!(event.action, EventAction::CopyVolumeToImage);
    assert_eq!(event.detail, EventDetail::FailedToUploadVolume);
    assert_eq!(
        m.user_message,
        "copy volume to image:Failed to upload volume to image at backend."
    );
    assert_eq!(m.message_level.as_deref(), Some("ERROR"));
    assert_eq!(m.resource_uuid.as_deref(), Some(volume.as_str()));
    // Cinder names the export's own request.
    let export = load("upload_image_vhd_202.json");
    assert_eq!(
        m.request_id,
        header(&export, "x-openstack-request-id").map(str::to_string)
    );
    // About this volume, after the export: kept; with a later start: not.
    let created = m.created_at.clone().unwrap();
    let before = Timestamp::parse("2000-01-01T00:00:00").unwrap();
    assert_eq!(
        export_failure_messages(&messages, &volume, Some(&before)).len(),
        messages.len()
    );
    let later = Timestamp::parse(&evs_model::format_evs_time(
        (created.unix_millis() + 60_000) * 1000,
    ))
    .unwrap();
    assert!(export_failure_messages(&messages, &volume, Some(&later)).is_empty());
    let other = VolumeId::parse("not-this-one").unwrap();
    assert!(export_failure_messages(&messages, &other, None).is_empty());
}

#[test]
fn the_messages_api_needs_3_3() {
    let rec = load("messages_v30_404.json");
    assert_eq!(header(&rec, "openstack-api-version"), Some("volume 3.0"));
    let e = parse_messages(status(&rec), body(&rec))
        .unwrap_err()
        .with_request_id(header(&rec, "x-openstack-request-id").map(str::to_string));
    assert_eq!(e.status(), 404);
    assert_eq!(e.message(), "The resource could not be found.");
    assert!(e.request_id().is_some_and(|r| r.starts_with("req-")));
}

#[test]
fn glance_image_deletes() {
    let rec = load("image_delete_204.json");
    assert_eq!(
        parse_image_delete(status(&rec), body(&rec)),
        Ok(ImageDeleted::Now)
    );
    let rec = load("image_delete_again_404.json");
    assert_eq!(
        parse_image_delete(status(&rec), body(&rec)),
        Ok(ImageDeleted::AlreadyGone)
    );
    let rec = load("image_delete_protected_403.json");
    let (why, e) = parse_image_delete(status(&rec), body(&rec)).unwrap_err();
    assert_eq!(why, DeleteRefusal::Protected);
    let id = rec["request"]["url"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap();
    assert_eq!(
        e.message(),
        format!("Image {id} is protected and cannot be deleted.")
    );
    assert_eq!(e.code(), Some("403 Forbidden"));
    let e: ApiError = e.with_request_id(header(&rec, "x-openstack-request-id").map(str::to_string));
    assert!(e.request_id().is_some());
}

#[test]
fn a_glance_image_list_page_names_the_next_marker() {
    let rec = load("images_limit1_200.json");
    let page = parse_image_list(status(&rec), body(&rec)).unwrap();
    assert_eq!(page.images.len(), 1);
    let raw: Value = serde_json::from_str(body(&rec)).unwrap();
    let next = raw["next"].as_str().unwrap();
    assert_eq!(page.next_marker.as_deref(), next.rsplit("marker=").next());
    let img = &page.images[0];
    assert_eq!(img.owner.as_deref(), Some(query(&rec, "owner").as_str()));
    assert!(img.created_at.is_some());
}
