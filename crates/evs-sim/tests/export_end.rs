//! How an export ends besides success: Cinder's user messages (why it failed), deleting the
//! image mid-export (cancel), and the image list with its filters and paging (leftovers).
//! Over real HTTP on 127.0.0.1, the server in-process on port 0.

use std::net::SocketAddr;

use evs_model::{
    export_failure_messages, parse_image, parse_image_delete, parse_image_list, parse_messages,
    parse_volume, ApiError, DeleteRefusal, Dialect, EventAction, EventDetail, ImageDeleted,
    ImageId, ImageStatus,
};
use evs_sim::config::DEFAULT_PROJECT_ID as P;
use evs_sim::seed::{DATA_DISK_01, DATA_DISK_02};
use hyper::http::Method;
use serde_json::{json, Value};

mod common;
use common::{call, project, sim_with, vid, AUTH, MV31};
use evs_sim::client::HttpResponse;

const MV33: (&str, &str) = ("openstack-api-version", "volume 3.3");
const MV35: (&str, &str) = ("openstack-api-version", "volume 3.5");
const JSON: (&str, &str) = ("accept", "application/json");

/// Exports `volume` in `d`; returns the image id and the export's request id.
async fn export(addr: SocketAddr, d: Dialect, volume: &str, extra: Value) -> (ImageId, String) {
    let mut inner = json!({"image_name": "img", "disk_format": "raw", "force": true});
    for (k, v) in extra.as_object().cloned().unwrap_or_default() {
        inner[k] = v;
    }
    let body = json!({ "os-volume_upload_image": inner }).to_string();
    let path = d.action_path(&project(), &vid(volume));
    let r = call(addr, Method::POST, &path, &[AUTH, MV31], Some(&body)).await;
    assert_eq!(r.status, 202, "{}", r.text());
    let id = r.json().unwrap()["os-volume_upload_image"]["image_id"]
        .as_str()
        .unwrap()
        .to_string();
    (
        ImageId::parse(&id).unwrap(),
        r.header("x-openstack-request-id").unwrap().to_string(),
    )
}

async fn control(addr: SocketAddr, path: &str, body: Value) {
    let r = call(addr, Method::POST, path, &[], Some(&body.to_string())).await;
    assert_eq!(r.status, 200, "{}", r.text());
}

async fn volume_status(addr: SocketAddr, d: Dialect, id: &str) -> String {
    let r = call(
        addr,
        Method::GET,
        &d.volume_path(&project(), &vid(id)),
        &[AUTH],
        None,
    )
    .await;
    parse_volume(r.status, &r.text())
        .unwrap()
        .status
        .as_str()
        .to_string()
}

async fn image_status(addr: SocketAddr, id: &ImageId) -> Result<ImageStatus, ApiError> {
    let r = call(
        addr,
        Method::GET,
        &Dialect::image_path(id),
        &[AUTH, JSON],
        None,
    )
    .await;
    parse_image(r.status, &r.text()).map(|i| i.status)
}

/// `DELETE {ims}/v2/images/{id}`, asking for JSON.
async fn delete_image(addr: SocketAddr, id: &ImageId) -> HttpResponse {
    call(
        addr,
        Method::DELETE,
        &Dialect::image_path(id),
        &[AUTH, JSON],
        None,
    )
    .await
}

fn messages_path() -> String {
    Dialect::OpenStackCinder
        .messages_path(&project())
        .expect("cinder has messages")
}

#[tokio::test]
async fn a_failed_cinder_upload_leaves_cinders_user_message() {
    let s = sim_with(|c| {
        c.failure_rate = 1.0;
        c.export_seconds = 10.0;
    })
    .await;
    let (image, request_id) =
        export(s.addr, Dialect::OpenStackCinder, DATA_DISK_01, json!({})).await;
    // Nothing recorded while the upload runs.
    let path = format!("{}?resource_uuid={DATA_DISK_01}", messages_path());
    let r = call(s.addr, Method::GET, &path, &[AUTH, MV33], None).await;
    assert_eq!(parse_messages(r.status, &r.text()).unwrap(), vec![]);
    control(s.addr, "/__sim/advance", json!({"seconds": 7})).await;
    assert!(
        image_status(s.addr, &image)
            .await
            .is_err_and(|e| e.status() == 404)
            || image_status(s.addr, &image).await == Ok(ImageStatus::Deleted)
    );

    let r = call(s.addr, Method::GET, &path, &[AUTH, MV33], None).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("openstack-api-version"), Some("volume 3.3"));
    let raw = r.json().unwrap();
    let m = &raw["messages"][0];
    // The shape of Cinder's messages view.
    for key in [
        "id",
        "event_id",
        "user_message",
        "message_level",
        "created_at",
        "guaranteed_until",
        "request_id",
        "resource_type",
        "resource_uuid",
        "links",
    ] {
        assert!(m.get(key).is_some(), "{key} missing: {m}");
    }
    let list = parse_messages(r.status, &r.text()).unwrap();
    assert_eq!(list.len(), 1);
    let msg = &list[0];
    assert_eq!(msg.event_id, "VOLUME_VOLUME_003_004");
    let event = msg.event.clone().unwrap();
    assert_eq!(
        (event.action, event.detail),
        (
            EventAction::CopyVolumeToImage,
            EventDetail::FailedToUploadVolume
        )
    );
    assert_eq!(
        msg.user_message,
        "copy volume to image:Failed to upload volume to image at backend."
    );
    assert_eq!(msg.request_id.as_deref(), Some(request_id.as_str()));
    assert_eq!(msg.resource_uuid.as_deref(), Some(DATA_DISK_01));
    assert_eq!(
        export_failure_messages(&list, &vid(DATA_DISK_01), None).len(),
        1
    );
    // One message by id.
    let one = format!("{}/{}", messages_path(), msg.id.as_deref().unwrap());
    let r = call(s.addr, Method::GET, &one, &[AUTH, MV33], None).await;
    assert_eq!(
        r.json().unwrap()["message"]["event_id"],
        "VOLUME_VOLUME_003_004"
    );
    let r = call(
        s.addr,
        Method::GET,
        &format!("{}/nope", messages_path()),
        &[AUTH, MV33],
        None,
    )
    .await;
    assert_eq!(r.status, 404);
}

#[tokio::test]
async fn messages_are_cinder_only_from_3_3_and_filter_from_3_5() {
    let s = sim_with(|c| {
        c.failure_rate = 1.0;
        c.export_seconds = 1.0;
    })
    .await;
    export(s.addr, Dialect::OpenStackCinder, DATA_DISK_01, json!({})).await;
    export(s.addr, Dialect::OpenStackCinder, DATA_DISK_02, json!({})).await;
    // A Huawei failure records nothing.
    export(
        s.addr,
        Dialect::HuaweiEvs,
        &evs_sim::seed::bulk_id(1),
        json!({"disk_format": "qcow2"}),
    )
    .await;
    control(s.addr, "/__sim/advance", json!({"seconds": 2})).await;

    let path = format!("{}?resource_uuid={DATA_DISK_01}", messages_path());
    // Below 3.3 the route does not exist (404, as Cinder answers); no header is 3.0.
    for headers in [&[AUTH][..], &[AUTH, MV31][..]] {
        let r = call(s.addr, Method::GET, &path, headers, None).await;
        assert_eq!(r.status, 404, "{}", r.text());
        assert_eq!(
            ApiError::from_response(r.status, &r.text()).message(),
            "The resource could not be found."
        );
    }
    // Huawei EVS (/v2) has no messages API.
    let v2 = format!("/v2/{P}/messages");
    assert_eq!(
        call(s.addr, Method::GET, &v2, &[AUTH, MV33], None)
            .await
            .status,
        404
    );
    // 3.3 and 3.4 ignore the filter, like Cinder: both disks' messages come back.
    let r = call(s.addr, Method::GET, &path, &[AUTH, MV33], None).await;
    let all = parse_messages(r.status, &r.text()).unwrap();
    assert_eq!(all.len(), 2);
    // ... so the console filters by disk itself.
    assert_eq!(
        export_failure_messages(&all, &vid(DATA_DISK_01), None).len(),
        1
    );
    // 3.5 applies it, and checks the paging parameters.
    let r = call(s.addr, Method::GET, &path, &[AUTH, MV35], None).await;
    assert_eq!(parse_messages(r.status, &r.text()).unwrap().len(), 1);
    let bad = format!("{}?limit=x", messages_path());
    let r = call(s.addr, Method::GET, &bad, &[AUTH, MV35], None).await;
    assert_eq!(r.status, 400);
    assert_eq!(
        ApiError::from_response(400, &r.text()).message(),
        "limit param must be an integer"
    );
    // Other methods and a missing token.
    assert_eq!(
        call(s.addr, Method::POST, &path, &[AUTH, MV33], Some("{}"))
            .await
            .status,
        405
    );
    assert_eq!(
        call(s.addr, Method::GET, &path, &[MV33], None).await.status,
        401
    );
}

#[tokio::test]
async fn deleting_the_image_mid_export_stops_it_and_restores_the_disk() {
    let s = sim_with(|c| c.export_seconds = 10.0).await;
    control(s.addr, "/__sim/clock", json!({"frozen": true})).await;
    // Huawei, queued; the in-use disk goes back to in-use.
    let (queued, _) = export(
        s.addr,
        Dialect::HuaweiEvs,
        DATA_DISK_02,
        json!({"disk_format": "qcow2"}),
    )
    .await;
    assert_eq!(image_status(s.addr, &queued).await, Ok(ImageStatus::Queued));
    assert_eq!(
        volume_status(s.addr, Dialect::HuaweiEvs, DATA_DISK_02).await,
        "uploading"
    );
    let r = delete_image(s.addr, &queued).await;
    assert_eq!(r.status, 204, "{}", r.text());
    assert_eq!(
        parse_image_delete(r.status, &r.text()),
        Ok(ImageDeleted::Now)
    );
    assert_eq!(
        image_status(s.addr, &queued).await.unwrap_err().status(),
        404
    );
    assert_eq!(
        volume_status(s.addr, Dialect::HuaweiEvs, DATA_DISK_02).await,
        "in-use"
    );
    // Again: already gone.
    let r = delete_image(s.addr, &queued).await;
    assert_eq!(
        parse_image_delete(r.status, &r.text()),
        Ok(ImageDeleted::AlreadyGone)
    );

    // Cinder, saving: deleted, the disk available again, and Cinder's failure message
    // recorded (as a real Cinder does when the image goes away under the upload).
    let (saving, _) = export(s.addr, Dialect::OpenStackCinder, DATA_DISK_01, json!({})).await;
    control(s.addr, "/__sim/advance", json!({"seconds": 3})).await;
    assert_eq!(image_status(s.addr, &saving).await, Ok(ImageStatus::Saving));
    let r = delete_image(s.addr, &saving).await;
    assert_eq!(r.status, 204);
    assert_eq!(
        volume_status(s.addr, Dialect::OpenStackCinder, DATA_DISK_01).await,
        "available"
    );
    let r = call(s.addr, Method::GET, &messages_path(), &[AUTH, MV33], None).await;
    let list = parse_messages(r.status, &r.text()).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].event_id, "VOLUME_VOLUME_003_004");
    // The frozen clock does not move on its own; advancing past the end changes nothing now.
    control(s.addr, "/__sim/advance", json!({"seconds": 20})).await;
    assert_eq!(
        image_status(s.addr, &saving).await.unwrap_err().status(),
        404
    );
    assert_eq!(
        volume_status(s.addr, Dialect::OpenStackCinder, DATA_DISK_01).await,
        "available"
    );
}

#[tokio::test]
async fn protected_images_are_refused_and_active_ones_deleted() {
    let s = sim_with(|c| c.export_seconds = 1.0).await;
    control(s.addr, "/__sim/clock", json!({"frozen": true})).await;
    let (protected, _) = export(
        s.addr,
        Dialect::OpenStackCinder,
        DATA_DISK_01,
        json!({"protected": true}),
    )
    .await;
    let r = delete_image(s.addr, &protected).await;
    assert_eq!(r.status, 403);
    let (why, e) = parse_image_delete(r.status, &r.text()).unwrap_err();
    assert_eq!(why, DeleteRefusal::Protected);
    assert_eq!(
        e.message(),
        format!("Image {protected} is protected and cannot be deleted.")
    );
    // Nothing changed.
    assert_eq!(
        image_status(s.addr, &protected).await,
        Ok(ImageStatus::Queued)
    );
    assert_eq!(
        volume_status(s.addr, Dialect::OpenStackCinder, DATA_DISK_01).await,
        "uploading"
    );

    // An active image is deleted like any other (Glance does not know it came from an export).
    let (done, _) = export(
        s.addr,
        Dialect::HuaweiEvs,
        DATA_DISK_02,
        json!({"disk_format": "qcow2"}),
    )
    .await;
    control(s.addr, "/__sim/advance", json!({"seconds": 2})).await;
    assert_eq!(image_status(s.addr, &done).await, Ok(ImageStatus::Active));
    let r = delete_image(s.addr, &done).await;
    assert_eq!(r.status, 204);
    assert_eq!(
        volume_status(s.addr, Dialect::HuaweiEvs, DATA_DISK_02).await,
        "in-use"
    );
    let r = call(
        s.addr,
        Method::PUT,
        &Dialect::image_path(&done),
        &[AUTH],
        None,
    )
    .await;
    assert_eq!(r.status, 405);
    // The clock runs again after reset.
    let r = call(s.addr, Method::POST, "/__sim/clock", &[], Some("{}")).await;
    assert_eq!(r.status, 400);
}

#[tokio::test]
async fn the_image_list_filters_pages_and_shows_seeded_leftovers() {
    let s = sim_with(|c| {
        c.leftovers = 5;
        c.export_seconds = 60.0;
    })
    .await;
    // One running export, queued too, but young.
    let (running, _) = export(
        s.addr,
        Dialect::HuaweiEvs,
        DATA_DISK_02,
        json!({"disk_format": "qcow2"}),
    )
    .await;
    let owner = format!("/v2/images?status=queued&owner={P}&limit=2");
    let mut marker: Option<String> = None;
    let mut seen = Vec::new();
    for _ in 0..10 {
        let path = match &marker {
            None => owner.clone(),
            Some(m) => format!("{owner}&marker={m}"),
        };
        let r = call(s.addr, Method::GET, &path, &[AUTH], None).await;
        assert_eq!(r.status, 200, "{}", r.text());
        let page = parse_image_list(r.status, &r.text()).unwrap();
        assert!(page.images.len() <= 2);
        seen.extend(page.images);
        marker = page.next_marker;
        if marker.is_none() {
            break;
        }
    }
    assert_eq!(seen.len(), 6, "{seen:?}");
    assert!(seen.iter().all(|i| i.status == ImageStatus::Queued));
    assert_eq!(seen[0].id, running);
    let now = evs_sim::util::wall_clock_micros() / 1000;
    let ages: Vec<Option<i64>> = seen
        .iter()
        .map(|i| evs_model::leftover_age(i, &project(), now, evs_model::LEFTOVER_AFTER_MS))
        .collect();
    assert_eq!(ages[0], None);
    for (n, age) in ages[1..].iter().enumerate() {
        let hours = age.expect("a leftover") / 3_600_000;
        assert_eq!(hours, 5 * (n as i64 + 1));
    }
    // Another owner's filter finds nothing; a bad limit or marker is a 400 like Glance's.
    let r = call(
        s.addr,
        Method::GET,
        "/v2/images?owner=someone-else",
        &[AUTH],
        None,
    )
    .await;
    assert_eq!(
        parse_image_list(r.status, &r.text()).unwrap().images.len(),
        0
    );
    let r = call(
        s.addr,
        Method::GET,
        "/v2/images?limit=x",
        &[AUTH, JSON],
        None,
    )
    .await;
    assert_eq!(r.status, 400);
    let r = call(
        s.addr,
        Method::GET,
        "/v2/images?marker=nope",
        &[AUTH, JSON],
        None,
    )
    .await;
    assert_eq!(r.status, 400);
    assert!(ApiError::from_response(400, &r.text())
        .message()
        .contains("Invalid marker"));
    // Deleting a leftover takes it off the list; reset brings the seeded ones back.
    let r = delete_image(s.addr, &seen[1].id).await;
    assert_eq!(r.status, 204);
    let r = call(
        s.addr,
        Method::GET,
        "/v2/images?status=queued",
        &[AUTH],
        None,
    )
    .await;
    assert_eq!(
        parse_image_list(r.status, &r.text()).unwrap().images.len(),
        5
    );
    control(s.addr, "/__sim/reset", json!({})).await;
    let r = call(
        s.addr,
        Method::GET,
        "/v2/images?status=queued",
        &[AUTH],
        None,
    )
    .await;
    assert_eq!(
        parse_image_list(r.status, &r.text()).unwrap().images.len(),
        5
    );
}

/// A vhd export in the Cinder dialect fails after its 202 like on a real Cinder 29 (its
/// generic upload path checks the converted file as `vhd`, which qemu calls `vpc`), with the
/// same user message; the same export as raw, or as vhd on Huawei EVS, succeeds.
#[tokio::test]
async fn a_vhd_export_fails_in_the_cinder_dialect_as_on_cinder_29() {
    let s = sim_with(|c| c.export_seconds = 2.0).await;
    let d = Dialect::OpenStackCinder;
    let (vhd, _) = export(s.addr, d, DATA_DISK_01, json!({"disk_format": "vhd"})).await;
    let (raw, _) = export(s.addr, d, DATA_DISK_02, json!({"disk_format": "raw"})).await;
    control(s.addr, "/__sim/advance", json!({"seconds": 3})).await;
    let ended = image_status(s.addr, &vhd).await;
    assert!(
        ended == Ok(ImageStatus::Deleted) || ended.is_err_and(|e| e.status() == 404),
        "the vhd export failed"
    );
    assert_eq!(image_status(s.addr, &raw).await, Ok(ImageStatus::Active));
    assert_eq!(volume_status(s.addr, d, DATA_DISK_01).await, "available");
    let path = format!("{}?resource_uuid={DATA_DISK_01}", messages_path());
    let r = call(s.addr, Method::GET, &path, &[AUTH, MV33], None).await;
    let list = parse_messages(r.status, &r.text()).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].event_id, "VOLUME_VOLUME_003_004");

    let (huawei, _) = export(
        s.addr,
        Dialect::HuaweiEvs,
        DATA_DISK_01,
        json!({"disk_format": "vhd"}),
    )
    .await;
    control(s.addr, "/__sim/advance", json!({"seconds": 3})).await;
    assert_eq!(image_status(s.addr, &huawei).await, Ok(ImageStatus::Active));
}
