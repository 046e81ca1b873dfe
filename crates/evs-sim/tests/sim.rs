//! Integration tests over real HTTP on 127.0.0.1: the server runs in-process on port 0.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use evs_model::{
    export_check, parse_export_response, parse_image, parse_volume, parse_volume_list, ApiError,
    Dialect, ErrorKind, ExportRequest, ImageId, ImageStatus, ProjectId,
};
use evs_sim::client::{request, Connection, HttpResponse};
use evs_sim::config::DEFAULT_PROJECT_ID as P;
use evs_sim::seed::*;
use evs_sim::{start, Config, Server};
use hyper::http::Method;
use serde_json::{json, Value};

mod common;
use common::{project, sim_with, vid, AUTH, MV31};

const TOKEN: &str = "sim-token";

async fn sim() -> Server {
    sim_with(|_| {}).await
}

async fn get(addr: SocketAddr, path: &str, headers: &[(&str, &str)]) -> HttpResponse {
    request(addr, Method::GET, path, headers, None)
        .await
        .expect("answer")
}

async fn post(addr: SocketAddr, path: &str, headers: &[(&str, &str)], body: &str) -> HttpResponse {
    request(addr, Method::POST, path, headers, Some(body))
        .await
        .expect("answer")
}

fn action_path(d: Dialect, volume: &str) -> String {
    d.action_path(&project(), &vid(volume))
}

fn export_body(name: &str, extra: Value) -> String {
    let mut inner = json!({ "image_name": name });
    if let (Some(o), Some(e)) = (inner.as_object_mut(), extra.as_object()) {
        for (k, v) in e {
            o.insert(k.clone(), v.clone());
        }
    }
    json!({ "os-volume_upload_image": inner }).to_string()
}

async fn export(
    addr: SocketAddr,
    d: Dialect,
    volume: &str,
    name: &str,
    extra: Value,
) -> HttpResponse {
    post(
        addr,
        &action_path(d, volume),
        &[AUTH, MV31],
        &export_body(name, extra),
    )
    .await
}

async fn volume(addr: SocketAddr, d: Dialect, id: &str) -> evs_model::Volume {
    let r = get(addr, &d.volume_path(&project(), &vid(id)), &[AUTH]).await;
    parse_volume(r.status, &r.text()).expect("volume")
}

async fn image(addr: SocketAddr, id: impl AsRef<str>) -> (evs_model::Image, Value) {
    let r = get(
        addr,
        &Dialect::image_path(&ImageId::parse(id.as_ref()).expect("image id")),
        &[AUTH],
    )
    .await;
    (
        parse_image(r.status, &r.text()).expect("image"),
        r.json().expect("json"),
    )
}

async fn advance(addr: SocketAddr, seconds: f64) {
    let r = post(
        addr,
        "/__sim/advance",
        &[],
        &json!({ "seconds": seconds }).to_string(),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
}

fn api_error(r: &HttpResponse) -> ApiError {
    ApiError::from_response(r.status, &r.text())
}

async fn sim_log(addr: SocketAddr) -> Vec<Value> {
    let r = get(addr, "/__sim/log", &[]).await;
    r.json()
        .expect("log json")
        .as_array()
        .cloned()
        .unwrap_or_default()
}

// ---------------------------------------------------------------- disks

#[tokio::test]
async fn list_pages_through_every_seeded_disk_in_both_dialects() {
    let s = sim().await;
    for d in Dialect::ALL {
        for (limit, pages) in [(None, 2), (Some(7), 6), (Some(1000), 1)] {
            let mut names = Vec::new();
            let mut marker: Option<String> = None;
            let mut count = 0;
            loop {
                let path = match (limit, &marker) {
                    (Some(l), m) => {
                        d.volume_list_path(&project(), l, m.as_deref().map(vid).as_ref())
                    }
                    (None, None) => format!("/{}/{P}/volumes/detail", d.path_prefix()),
                    (None, Some(m)) => {
                        format!("/{}/{P}/volumes/detail?marker={m}", d.path_prefix())
                    }
                };
                let r = get(s.addr, &path, &[AUTH]).await;
                assert_eq!(r.status, 200);
                let body = r.json().unwrap();
                if let Some(href) = body["volumes_links"][0]["href"].as_str() {
                    assert!(
                        href.starts_with(&format!(
                            "{}/{}/{P}/volumes/detail?limit=",
                            s.url(),
                            d.path_prefix()
                        )),
                        "{href}"
                    );
                }
                let page = parse_volume_list(r.status, &r.text()).unwrap();
                assert!(page.skipped.is_empty());
                names.extend(page.volumes.iter().map(|v| v.name.clone()));
                count += 1;
                match page.next_marker {
                    Some(m) => marker = Some(m.to_string()),
                    None => break,
                }
            }
            assert_eq!(count, pages, "{d} limit {limit:?}");
            assert_eq!(names.len(), 40);
            for name in [
                "data-disk-01",
                "data-disk-02",
                "ecs-win-sys",
                "linux-boot",
                "broken-disk",
                "busy-disk",
                "archive-2tb",
                "数据盘-财务",
                "",
                MARKUP,
                "bulk-disk-01",
                "bulk-disk-30",
            ] {
                assert!(names.iter().any(|n| n == name), "{name}");
            }
        }
    }
}

#[tokio::test]
async fn volume_shapes_match_cinder() {
    let s = sim().await;
    let r = get(s.addr, &format!("/v2/{P}/volumes/detail?limit=10"), &[AUTH]).await;
    let body = r.json().unwrap();
    let vols = body["volumes"].as_array().unwrap();
    let by_name = |n: &str| vols.iter().find(|v| v["name"] == n).unwrap().clone();
    let d1 = by_name("data-disk-01");
    assert_eq!(d1["bootable"], "false");
    assert!(d1.get("volume_image_metadata").is_none());
    assert_eq!(d1["volume_type"], "SAS");
    let ts = d1["updated_at"].as_str().unwrap();
    assert_eq!(ts.len(), 26, "{ts}");
    assert!(evs_model::Timestamp::parse(ts).is_some());
    assert!(!ts.ends_with('Z'));
    let d2 = by_name("data-disk-02");
    assert_eq!(d2["status"], "in-use");
    assert_eq!(d2["volume_image_metadata"], json!({}));
    let att = &d2["attachments"][0];
    assert_eq!(att["device"], "/dev/vdb");
    assert_eq!(att["server_id"], SERVER_APP);
    for k in ["attachment_id", "host_name", "volume_id", "id"] {
        assert!(att.get(k).is_some(), "{k}");
    }
    let win = by_name("ecs-win-sys");
    assert_eq!(win["bootable"], "true");
    assert_eq!(win["volume_image_metadata"]["__os_type"], "windows");
    assert_eq!(win["attachments"][0]["device"], "/dev/vda");
    assert_eq!(by_name("linux-boot")["volume_image_metadata"], Value::Null);
    assert_eq!(by_name(MARKUP)["id"], MARKUP_DISK);
    for v in vols {
        for k in [
            "id",
            "name",
            "status",
            "size",
            "bootable",
            "attachments",
            "volume_type",
            "multiattach",
            "description",
            "availability_zone",
            "created_at",
            "updated_at",
            "metadata",
            "links",
        ] {
            assert!(v.get(k).is_some(), "{k} in {v}");
        }
    }

    let one = get(
        s.addr,
        &Dialect::OpenStackCinder.volume_path(&project(), &vid(ECS_WIN_SYS)),
        &[AUTH],
    )
    .await;
    assert_eq!(one.status, 200);
    assert_eq!(one.json().unwrap()["volume"]["name"], "ecs-win-sys");
    let v = parse_volume(one.status, &one.text()).unwrap();
    assert_eq!(v.metadata_os_type(), Some("windows"));
}

#[tokio::test]
async fn list_and_show_errors() {
    let s = sim().await;
    for d in Dialect::ALL {
        let pre = d.path_prefix();
        let r = get(
            s.addr,
            &format!("/{pre}/{P}/volumes/detail?limit=abc"),
            &[AUTH],
        )
        .await;
        assert_eq!(r.status, 400);
        assert_eq!(api_error(&r).message(), "limit param must be an integer");
        let r = get(
            s.addr,
            &format!("/{pre}/{P}/volumes/detail?limit=-1"),
            &[AUTH],
        )
        .await;
        assert_eq!(api_error(&r).message(), "limit param must be positive");
        let r = get(
            s.addr,
            &format!("/{pre}/{P}/volumes/detail?marker=nope"),
            &[AUTH],
        )
        .await;
        assert_eq!(r.status, 404);
        assert_eq!(
            r.json().unwrap(),
            json!({"itemNotFound": {"code": 404, "message": "Marker nope could not be found."}})
        );
        let r = get(
            s.addr,
            &format!("/{pre}/{P}/volumes/detail?limit=0"),
            &[AUTH],
        )
        .await;
        assert_eq!(r.json().unwrap(), json!({"volumes": []}));
        let r = get(
            s.addr,
            &format!("/{pre}/{P}/volumes/detail?limit=5000"),
            &[AUTH],
        )
        .await;
        assert_eq!(r.json().unwrap()["volumes"].as_array().unwrap().len(), 40);

        let r = get(
            s.addr,
            &d.volume_path(&project(), &vid("missing-id")),
            &[AUTH],
        )
        .await;
        assert_eq!(r.status, 404);
        assert_eq!(
            r.json().unwrap(),
            json!({"itemNotFound": {"code": 404, "message": "Volume missing-id could not be found."}})
        );
        let r = get(
            s.addr,
            &d.volume_path(
                &ProjectId::parse("other-project").unwrap(),
                &vid(DATA_DISK_01),
            ),
            &[AUTH],
        )
        .await;
        assert_eq!(r.status, 404);
        assert_eq!(
            r.json().unwrap()["itemNotFound"]["message"],
            format!("Volume {DATA_DISK_01} could not be found.")
        );
        let r = get(s.addr, &format!("/{pre}/other/volumes/detail"), &[AUTH]).await;
        assert_eq!(r.status, 404);
        let r = get(s.addr, &format!("/{pre}/{P}/snapshots"), &[AUTH]).await;
        assert_eq!(r.status, 404);
        assert_eq!(
            r.json().unwrap()["itemNotFound"]["message"],
            "The resource could not be found."
        );
        let r = post(
            s.addr,
            &d.volume_path(&project(), &vid(DATA_DISK_01)),
            &[AUTH],
            "{}",
        )
        .await;
        assert_eq!(r.status, 405);
        let r = get(
            s.addr,
            &d.action_path(&project(), &vid(DATA_DISK_01)),
            &[AUTH],
        )
        .await;
        assert_eq!(r.status, 405);
        assert_eq!(r.header("allow"), Some("POST"));
    }
    let r = get(s.addr, &format!("/v3/{P}/volumes?limit=3"), &[AUTH]).await;
    let body = r.json().unwrap();
    assert_eq!(body["volumes"].as_array().unwrap().len(), 3);
    assert!(body["volumes"][0].get("status").is_none());
    assert!(body["volumes_links"][0]["href"]
        .as_str()
        .unwrap()
        .contains("/v3/"));
}

#[tokio::test]
async fn paths_and_queries_are_percent_decoded_and_links_encoded() {
    let s = sim().await;
    // Path segments are percent-decoded (`%61%30` is `a0`).
    let r = get(
        s.addr,
        &format!("/v2/{P}/volumes/%61%30000000-0000-4000-8000-000000000001"),
        &[AUTH],
    )
    .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json().unwrap()["volume"]["name"], "data-disk-01");
    // Query values are form-decoded; the first of a repeated key counts.
    let r = get(
        s.addr,
        &format!("/v2/{P}/volumes/detail?limit=%32&limit=9&marker=a0000000%2D0000-4000-8000-000000000001"),
        &[AUTH],
    )
    .await;
    let body = r.json().unwrap();
    let names: Vec<&str> = body["volumes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["data-disk-02", "ecs-win-sys"]);
    for (query, message) in [
        ("marker=a%20b", "Marker a b could not be found."),
        ("marker=a+b", "Marker a b could not be found."),
    ] {
        let r = get(s.addr, &format!("/v2/{P}/volumes/detail?{query}"), &[AUTH]).await;
        assert_eq!(r.status, 404, "{query}");
        assert_eq!(api_error(&r).message(), message, "{query}");
    }
    // `?limit` without a value is an empty limit, not an absent one.
    let r = get(s.addr, &format!("/v2/{P}/volumes/detail?limit"), &[AUTH]).await;
    assert_eq!(r.status, 400);
    assert_eq!(api_error(&r).message(), "limit param must be an integer");

    // Links percent-encode every segment (evs_model::path_segment): a project id with a space.
    let s = sim_with(|c| c.project_id = ProjectId::parse("my project").unwrap()).await;
    let r = get(s.addr, "/v3/my%20project/volumes/detail?limit=1", &[AUTH]).await;
    assert_eq!(r.status, 200);
    let body = r.json().unwrap();
    let base = format!("{}/v3/my%20project/volumes", s.url());
    assert_eq!(
        body["volumes_links"][0]["href"],
        format!("{base}/detail?limit=1&marker={DATA_DISK_01}")
    );
    assert_eq!(
        body["volumes"][0]["links"][0]["href"],
        format!("{base}/{DATA_DISK_01}")
    );
    assert_eq!(
        body["volumes"][0]["os-vol-tenant-attr:tenant_id"],
        "my project"
    );
    let r = get(s.addr, "/v3/my%20project/volumes?limit=1", &[AUTH]).await;
    assert_eq!(
        r.json().unwrap()["volumes"][0]["links"][0]["href"],
        format!("{base}/{DATA_DISK_01}")
    );
}

// ---------------------------------------------------------------- auth and headers

#[tokio::test]
async fn auth_is_required_in_each_dialects_style() {
    let s = sim().await;
    let list2 = format!("/v2/{P}/volumes/detail");
    let list3 = format!("/v3/{P}/volumes/detail");
    for headers in [
        vec![],
        vec![("x-auth-token", "wrong")],
        vec![("x-auth-token", "")],
    ] {
        let r = get(s.addr, &list2, &headers).await;
        assert_eq!(r.status, 401);
        let body = r.json().unwrap();
        assert_eq!(body["error_code"], "APIGW.0301");
        assert_eq!(body["request_id"].as_str(), r.header("x-request-id"));
        let e = api_error(&r);
        assert_eq!(e.code(), Some("APIGW.0301"));
        assert!(e
            .message()
            .starts_with("Incorrect IAM authentication information"));

        let r = get(s.addr, &list3, &headers).await;
        assert_eq!(r.status, 401);
        assert_eq!(
            r.json().unwrap(),
            json!({"unauthorized": {"code": 401, "message": "The request you have made requires authentication."}})
        );

        let r = get(s.addr, "/v2/images/x", &headers).await;
        assert_eq!(r.status, 401);
        let r = post(
            s.addr,
            &action_path(Dialect::HuaweiEvs, DATA_DISK_01),
            &headers,
            &export_body("x", json!({})),
        )
        .await;
        assert_eq!(r.status, 401);
    }
    let r = get(s.addr, &list2, &[("x-auth-token", "sim-tokenx")]).await;
    assert_eq!(r.status, 401);
    assert_eq!(
        volume(s.addr, Dialect::HuaweiEvs, DATA_DISK_01)
            .await
            .status
            .as_str(),
        "available"
    );
}

#[tokio::test]
async fn every_response_carries_request_ids() {
    let s = sim().await;
    let paths = [
        format!("/v2/{P}/volumes/detail"),
        format!("/v3/{P}/volumes/{DATA_DISK_01}"),
        "/v2/images/unknown".to_string(),
        format!("/v3/{P}/nothing"),
    ];
    let mut seen = std::collections::HashSet::new();
    for p in &paths {
        for headers in [vec![AUTH], vec![]] {
            let r = get(s.addr, p, &headers).await;
            let id = r.header("x-request-id").unwrap().to_string();
            assert!(id.starts_with("req-") && id.len() == 40, "{id}");
            assert_eq!(r.header("x-openstack-request-id"), Some(id.as_str()));
            assert!(seen.insert(id));
        }
    }
    let r = get(s.addr, &paths[1], &[AUTH, MV31]).await;
    assert_eq!(r.header("openstack-api-version"), Some("volume 3.1"));
    let r = get(
        s.addr,
        &paths[1],
        &[AUTH, ("openstack-api-version", "volume latest")],
    )
    .await;
    assert_eq!(r.header("openstack-api-version"), Some("volume 3.70"));
    let r = get(
        s.addr,
        &paths[1],
        &[AUTH, ("openstack-api-version", "volume 3.99")],
    )
    .await;
    assert_eq!(r.status, 406);
    let r = get(
        s.addr,
        &paths[1],
        &[AUTH, ("openstack-api-version", "volume three")],
    )
    .await;
    assert_eq!(r.status, 400);
}

// ---------------------------------------------------------------- export

#[tokio::test]
async fn huawei_export_answers_like_the_seed_and_progresses_over_time() {
    let s = sim_with(|c| c.export_seconds = 1.0).await;
    let started = Instant::now();
    let r = export(s.addr, Dialect::HuaweiEvs, DATA_DISK_01, "evs-ims-test1027", json!({"force": false, "container_format": "bare", "disk_format": "vhd", "__os_type": "windows"})).await;
    assert_eq!(r.status, 202, "{}", r.text());
    let body = r.json().unwrap();
    let inner = &body["os-volume_upload_image"];
    let keys: Vec<&str> = inner
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "container_format",
            "disk_format",
            "display_description",
            "id",
            "image_id",
            "image_name",
            "size",
            "status",
            "updated_at",
            "volume_type"
        ]
    );
    assert_eq!(
        inner["volume_type"]["extra_specs"]["XX:availability_zone"],
        "az-dc-1"
    );
    assert!(inner["volume_type"]["extra_specs"]["volume_backend_name"]
        .as_str()
        .unwrap()
        .starts_with("<or> iaas"));
    assert_eq!(inner["volume_type"]["description"], "None");
    assert_eq!(inner["volume_type"]["deleted_at"], Value::Null);
    let exported = parse_export_response(r.status, &r.text()).unwrap();
    assert_eq!(exported.status, evs_model::VolumeStatus::Uploading);
    assert_eq!(exported.volume_id.unwrap(), DATA_DISK_01);
    assert_eq!(exported.size, Some(40));
    assert_eq!(exported.disk_format.as_deref(), Some("vhd"));
    assert!(exported.updated_at.is_some());
    assert_eq!(exported.volume_type.unwrap().name.as_deref(), Some("SAS"));

    assert_eq!(
        volume(s.addr, Dialect::HuaweiEvs, DATA_DISK_01)
            .await
            .status
            .as_str(),
        "uploading"
    );
    let (img, raw) = image(s.addr, &exported.image_id).await;
    assert_eq!(img.status, ImageStatus::Queued);
    assert_eq!(img.size, None);
    assert_eq!(
        raw["__os_type"], "windows",
        "an available disk without metadata takes __os_type"
    );
    assert_eq!(raw["owner"], P);
    assert_eq!(raw["visibility"], "private");
    assert_eq!(raw["min_disk"], 40);
    assert!(raw["created_at"].as_str().unwrap().ends_with('Z'));

    let mut seen = vec![img.status.clone()];
    while started.elapsed() < Duration::from_secs(3) {
        tokio::time::sleep(Duration::from_millis(50)).await;
        let (img, _) = image(s.addr, &exported.image_id).await;
        if seen.last() != Some(&img.status) {
            seen.push(img.status.clone());
        }
        if img.status.is_terminal() {
            assert!(img.size.is_some());
            break;
        }
    }
    assert_eq!(
        seen,
        [
            ImageStatus::Queued,
            ImageStatus::Saving,
            ImageStatus::Active
        ]
    );
    assert!(started.elapsed() >= Duration::from_millis(900));
    assert_eq!(
        volume(s.addr, Dialect::HuaweiEvs, DATA_DISK_01)
            .await
            .status
            .as_str(),
        "available"
    );
    // A second export of the same disk works once the first is done.
    let r = export(s.addr, Dialect::HuaweiEvs, DATA_DISK_01, "again", json!({})).await;
    assert_eq!(r.status, 202);
}

#[tokio::test]
async fn in_use_disks_need_force_and_get_their_status_back() {
    let s = sim().await;
    for d in Dialect::ALL {
        let served = volume(s.addr, d, DATA_DISK_02).await;
        let expected = export_check(&served, d)
            .refusal(&vid(DATA_DISK_02), false)
            .unwrap();
        let r = export(s.addr, d, DATA_DISK_02, "no-force", json!({})).await;
        assert_eq!(r.status, 400);
        assert_eq!(api_error(&r).message(), expected);
    }
    let r = export(
        s.addr,
        Dialect::OpenStackCinder,
        DATA_DISK_02,
        "forced",
        json!({"force": true}),
    )
    .await;
    assert_eq!(r.status, 202);
    let image_id = r.json().unwrap()["os-volume_upload_image"]["image_id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        volume(s.addr, Dialect::HuaweiEvs, DATA_DISK_02)
            .await
            .status
            .as_str(),
        "uploading"
    );
    advance(s.addr, 3.0).await;
    let (img, _) = image(s.addr, &image_id).await;
    assert_eq!(img.status, ImageStatus::Saving);
    advance(s.addr, 3.0).await;
    let (img, raw) = image(s.addr, &image_id).await;
    assert_eq!(img.status, ImageStatus::Active);
    assert!(
        raw.get("__os_type").is_none(),
        "cinder exports of disks without metadata have no os type"
    );
    assert_eq!(
        volume(s.addr, Dialect::HuaweiEvs, DATA_DISK_02)
            .await
            .status
            .as_str(),
        "in-use"
    );
}

#[tokio::test]
async fn os_type_follows_the_seed_note() {
    let s = sim().await;
    let r = export(
        s.addr,
        Dialect::HuaweiEvs,
        ECS_WIN_SYS,
        "win",
        json!({"force": true, "__os_type": "linux"}),
    )
    .await;
    assert_eq!(r.status, 202);
    let id = r.json().unwrap()["os-volume_upload_image"]["image_id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(image(s.addr, &id).await.1["__os_type"], "windows");
    let r = export(s.addr, Dialect::HuaweiEvs, LINUX_BOOT, "lin", json!({})).await;
    let id = r.json().unwrap()["os-volume_upload_image"]["image_id"]
        .as_str()
        .unwrap()
        .to_string();
    let (_, raw) = image(s.addr, &id).await;
    assert_eq!(raw["__os_type"], "linux");
    assert_eq!(raw["__imagetype"], "private");
    let r = export(
        s.addr,
        Dialect::OpenStackCinder,
        FINANCE_DISK,
        "导出镜像 财务",
        json!({}),
    )
    .await;
    assert_eq!(r.status, 202, "{}", r.text());
}

#[tokio::test]
async fn preconditions_are_refused_with_evs_model_reasons() {
    let s = sim().await;
    for (d, code) in [
        (Dialect::HuaweiEvs, json!("EVS.2002")),
        (Dialect::OpenStackCinder, json!(400)),
    ] {
        let blocked: &[&str] = match d {
            Dialect::HuaweiEvs => &[BROKEN_DISK, BUSY_DISK, ARCHIVE_2TB],
            // Cinder has no 1 TiB limit (a real Cinder 29 exported a 1025 GB volume).
            Dialect::OpenStackCinder => &[BROKEN_DISK, BUSY_DISK],
        };
        for &id in blocked {
            let served = volume(s.addr, d, id).await;
            let expected = export_check(&served, d).refusal(&vid(id), true).unwrap();
            let r = export(s.addr, d, id, "nope", json!({"force": true})).await;
            assert_eq!(r.status, 400, "{id}");
            assert_eq!(
                r.json().unwrap(),
                json!({"badRequest": {"code": code, "message": expected}})
            );
        }
        let r = export(s.addr, d, "no-such-disk", "x", json!({})).await;
        assert_eq!(r.status, 404);
        assert_eq!(
            api_error(&r).message(),
            "Volume no-such-disk could not be found."
        );
        let r = post(
            s.addr,
            &d.action_path(&ProjectId::parse("other").unwrap(), &vid(DATA_DISK_01)),
            &[AUTH],
            &export_body("x", json!({})),
        )
        .await;
        assert_eq!(r.status, 404);
    }
    let r = export(s.addr, Dialect::HuaweiEvs, ARCHIVE_2TB, "big", json!({})).await;
    assert!(api_error(&r).message().contains("1024 GB"));
    assert_eq!(
        volume(s.addr, Dialect::HuaweiEvs, ARCHIVE_2TB)
            .await
            .status
            .as_str(),
        "available"
    );
}

#[tokio::test]
async fn bad_bodies_get_the_exact_reason() {
    let s = sim().await;
    let cases: Vec<(Dialect, bool, String)> = vec![
        (Dialect::HuaweiEvs, false, "{".into()),
        (Dialect::HuaweiEvs, false, "{}".into()),
        (
            Dialect::HuaweiEvs,
            false,
            r#"{"os-volume_upload_image": {}}"#.into(),
        ),
        (
            Dialect::HuaweiEvs,
            false,
            export_body(" leading", json!({})),
        ),
        (
            Dialect::HuaweiEvs,
            false,
            export_body(&"x".repeat(129), json!({})),
        ),
        (Dialect::HuaweiEvs, false, export_body("a/b", json!({}))),
        (
            Dialect::HuaweiEvs,
            false,
            export_body("a", json!({"disk_format": "vmdk"})),
        ),
        (
            Dialect::HuaweiEvs,
            false,
            export_body("a", json!({"visibility": "public"})),
        ),
        (
            Dialect::HuaweiEvs,
            false,
            export_body("a", json!({"force": "maybe"})),
        ),
        (
            Dialect::HuaweiEvs,
            false,
            export_body("a", json!({"__os_type": "macos"})),
        ),
        (
            Dialect::OpenStackCinder,
            false,
            export_body("a", json!({"disk_format": "zvhd2"})),
        ),
        (
            Dialect::OpenStackCinder,
            false,
            export_body("a", json!({"__os_type": "linux"})),
        ),
        (
            Dialect::OpenStackCinder,
            false,
            export_body("a", json!({"visibility": "shared"})),
        ),
        (
            Dialect::OpenStackCinder,
            true,
            export_body("a", json!({"visibility": "secret"})),
        ),
        (
            Dialect::OpenStackCinder,
            false,
            export_body(&"y".repeat(256), json!({})),
        ),
    ];
    for (d, mv, body) in cases {
        let expected = ExportRequest::from_wire(d, mv, &body)
            .unwrap_err()
            .to_string();
        let headers: Vec<(&str, &str)> = if mv { vec![AUTH, MV31] } else { vec![AUTH] };
        let r = post(s.addr, &action_path(d, DATA_DISK_01), &headers, &body).await;
        assert_eq!(r.status, 400, "{body}");
        let code = if d == Dialect::HuaweiEvs {
            json!("EVS.0002")
        } else {
            json!(400)
        };
        assert_eq!(
            r.json().unwrap(),
            json!({"badRequest": {"code": code, "message": expected}}),
            "{body}"
        );
    }
    let r = post(
        s.addr,
        &action_path(Dialect::OpenStackCinder, DATA_DISK_01),
        &[AUTH],
        r#"{"os-extend": {"new_size": 50}}"#,
    )
    .await;
    assert_eq!(r.status, 400);
    assert_eq!(
        api_error(&r).message(),
        "There is no such action: os-extend"
    );
    let r = request(
        s.addr,
        Method::POST,
        &action_path(Dialect::HuaweiEvs, DATA_DISK_01),
        &[AUTH],
        Some(&"x".repeat(2 << 20)),
    )
    .await
    .unwrap();
    assert_eq!(r.status, 413);
    // Nothing was exported by any of that.
    assert_eq!(
        volume(s.addr, Dialect::HuaweiEvs, DATA_DISK_01)
            .await
            .status
            .as_str(),
        "available"
    );
    // A name over 128 characters but within 255 is fine on Cinder, and 3.1 fields echo.
    let r = export(
        s.addr,
        Dialect::OpenStackCinder,
        DATA_DISK_01,
        &"z".repeat(200),
        json!({"visibility": "community", "protected": true}),
    )
    .await;
    assert_eq!(r.status, 202, "{}", r.text());
    let exported = parse_export_response(r.status, &r.text()).unwrap();
    assert_eq!(exported.visibility.as_deref(), Some("community"));
    assert_eq!(exported.protected, Some(true));
    let (_, raw) = image(s.addr, &exported.image_id).await;
    assert_eq!(raw["visibility"], "community");
    assert_eq!(raw["protected"], true);
    // Without 3.1 Cinder sends no visibility and answers with Glance's default (as recorded).
    let r = post(
        s.addr,
        &action_path(Dialect::OpenStackCinder, LINUX_BOOT),
        &[AUTH],
        &export_body("plain", json!({})),
    )
    .await;
    assert_eq!(r.status, 202);
    assert_eq!(
        r.json().unwrap()["os-volume_upload_image"]["visibility"],
        "shared"
    );
    assert_eq!(
        r.json().unwrap()["os-volume_upload_image"]["protected"],
        false
    );
    // With 3.1 and nothing sent, Cinder asks for private.
    let r = export(
        s.addr,
        Dialect::OpenStackCinder,
        FINANCE_DISK,
        "mv31",
        json!({}),
    )
    .await;
    assert_eq!(
        r.json().unwrap()["os-volume_upload_image"]["visibility"],
        "private"
    );
}

/// Key sets of answers recorded from a real Cinder 29 + Glance (tests/cinder/recorded):
/// the simulator's `/v3` answers carry at least these fields.
#[tokio::test]
async fn cinder_answers_have_the_recorded_fields() {
    let s = sim_with(|c| c.export_seconds = 0.0).await;
    let has_all = |v: &Value, keys: &[&str], what: &str| {
        for k in keys {
            assert!(v.get(*k).is_some(), "{what}: {k} missing in {v}");
        }
    };
    let r = get(
        s.addr,
        &Dialect::OpenStackCinder.volume_path(&project(), &vid(DATA_DISK_02)),
        &[AUTH],
    )
    .await;
    assert_eq!(r.header("openstack-api-version"), Some("volume 3.0"));
    assert_eq!(
        r.header("x-compute-request-id"),
        r.header("x-openstack-request-id")
    );
    let v = &r.json().unwrap()["volume"];
    has_all(
        v,
        &[
            "id",
            "status",
            "size",
            "availability_zone",
            "created_at",
            "updated_at",
            "name",
            "description",
            "volume_type",
            "snapshot_id",
            "source_volid",
            "metadata",
            "links",
            "user_id",
            "bootable",
            "encrypted",
            "replication_status",
            "consistencygroup_id",
            "multiattach",
            "attachments",
            "migration_status",
            "os-vol-tenant-attr:tenant_id",
            "os-vol-mig-status-attr:migstat",
            "os-vol-mig-status-attr:name_id",
            "os-vol-host-attr:host",
            "volume_image_metadata",
        ],
        "volume",
    );
    has_all(
        &v["attachments"][0],
        &[
            "id",
            "attachment_id",
            "volume_id",
            "server_id",
            "host_name",
            "device",
            "attached_at",
        ],
        "attachment",
    );
    let r = post(
        s.addr,
        &action_path(Dialect::OpenStackCinder, DATA_DISK_01),
        &[AUTH],
        &export_body(
            "rec",
            json!({"force": false, "container_format": "bare", "disk_format": "qcow2"}),
        ),
    )
    .await;
    let a = &r.json().unwrap()["os-volume_upload_image"];
    has_all(
        a,
        &[
            "id",
            "updated_at",
            "status",
            "display_description",
            "size",
            "volume_type",
            "image_id",
            "container_format",
            "disk_format",
            "image_name",
            "protected",
            "visibility",
        ],
        "upload",
    );
    has_all(
        &a["volume_type"],
        &[
            "id",
            "name",
            "description",
            "is_public",
            "extra_specs",
            "qos_specs_id",
            "created_at",
            "updated_at",
            "deleted_at",
            "deleted",
        ],
        "volume_type",
    );
    let (_, img) = image(s.addr, a["image_id"].as_str().unwrap()).await;
    has_all(
        &img,
        &[
            "name",
            "disk_format",
            "container_format",
            "visibility",
            "size",
            "virtual_size",
            "status",
            "checksum",
            "protected",
            "min_ram",
            "min_disk",
            "owner",
            "os_hidden",
            "os_hash_algo",
            "os_hash_value",
            "id",
            "created_at",
            "updated_at",
            "tags",
            "self",
            "file",
            "schema",
            "stores",
        ],
        "image",
    );
    assert_eq!(img["status"], "active");
    assert_eq!(img["visibility"], "shared");
    assert_eq!(img["min_disk"], 0);
}

#[tokio::test]
async fn cinder_without_force_upload_ignores_force() {
    let s = sim_with(|c| c.cinder_force_upload = false).await;
    let served = volume(s.addr, Dialect::OpenStackCinder, DATA_DISK_02).await;
    let expected = export_check(&served, Dialect::OpenStackCinder)
        .refusal(&vid(DATA_DISK_02), false)
        .unwrap();
    let r = export(
        s.addr,
        Dialect::OpenStackCinder,
        DATA_DISK_02,
        "forced",
        json!({"force": true}),
    )
    .await;
    assert_eq!(r.status, 400);
    assert_eq!(api_error(&r).message(), expected);
    // Huawei EVS has no such switch.
    let r = export(
        s.addr,
        Dialect::HuaweiEvs,
        DATA_DISK_02,
        "forced",
        json!({"force": true}),
    )
    .await;
    assert_eq!(r.status, 202);
}

#[tokio::test]
async fn failing_exports_end_killed_and_restore_the_disk() {
    let s = sim_with(|c| {
        c.failure_rate = 1.0;
        c.export_seconds = 10.0;
    })
    .await;
    let r = export(
        s.addr,
        Dialect::HuaweiEvs,
        DATA_DISK_02,
        "doomed",
        json!({"force": true}),
    )
    .await;
    assert_eq!(r.status, 202);
    let id = r.json().unwrap()["os-volume_upload_image"]["image_id"]
        .as_str()
        .unwrap()
        .to_string();
    advance(s.addr, 2.0).await;
    assert_eq!(image(s.addr, &id).await.0.status, ImageStatus::Saving);
    assert_eq!(
        volume(s.addr, Dialect::HuaweiEvs, DATA_DISK_02)
            .await
            .status
            .as_str(),
        "uploading"
    );
    advance(s.addr, 4.5).await;
    let (img, raw) = image(s.addr, &id).await;
    assert_eq!(img.status, ImageStatus::Killed);
    assert!(img.status.is_failure());
    assert_eq!(raw["size"], Value::Null);
    assert_eq!(
        volume(s.addr, Dialect::HuaweiEvs, DATA_DISK_02)
            .await
            .status
            .as_str(),
        "in-use"
    );

    // The seeded RNG decides failures: a rate of 0.5 with a fixed seed gives the same
    // outcomes on every run.
    let outcomes = |seed| async move {
        let s = sim_with(|c| {
            c.failure_rate = 0.5;
            c.export_seconds = 0.0;
            c.seed = seed;
        })
        .await;
        let mut out = Vec::new();
        for n in 1..=12 {
            let r = export(s.addr, Dialect::HuaweiEvs, &bulk_id(n), "coin", json!({})).await;
            let id = r.json().unwrap()["os-volume_upload_image"]["image_id"]
                .as_str()
                .unwrap()
                .to_string();
            out.push((
                id.clone(),
                image(s.addr, &id).await.0.status == ImageStatus::Killed,
            ));
        }
        out
    };
    let a = outcomes(7).await;
    assert_eq!(a, outcomes(7).await);
    assert!(
        a.iter().any(|(_, k)| *k) && a.iter().any(|(_, k)| !*k),
        "{a:?}"
    );
}

#[tokio::test]
async fn failing_cinder_exports_are_deleted_then_gone_like_a_real_cinder() {
    let s = sim_with(|c| {
        c.failure_rate = 1.0;
        c.export_seconds = 10.0;
    })
    .await;
    let d = Dialect::OpenStackCinder;
    let r = export(s.addr, d, DATA_DISK_01, "doomed", json!({})).await;
    assert_eq!(r.status, 202);
    let id = r.json().unwrap()["os-volume_upload_image"]["image_id"]
        .as_str()
        .unwrap()
        .to_string();
    advance(s.addr, 6.5).await;
    let (img, _) = image(s.addr, &id).await;
    assert_eq!(img.status, ImageStatus::Deleted);
    assert!(img.status.is_failure());
    assert_eq!(
        volume(s.addr, d, DATA_DISK_01).await.status.as_str(),
        "available"
    );
    advance(s.addr, 1.0).await;
    let path = Dialect::image_path(&ImageId::parse(&id).unwrap());
    let r = get(s.addr, &path, &[AUTH, ("accept", "application/json")]).await;
    assert_eq!(r.status, 404);
    assert_eq!(r.json().unwrap()["code"], "404 Not Found");
    let list = get(s.addr, "/v2/images", &[AUTH]).await.json().unwrap();
    assert!(!list.to_string().contains(&id));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_exports_of_one_disk_accept_exactly_one() {
    let s = sim().await;
    let body = export_body("race", json!({}));
    let path = action_path(Dialect::HuaweiEvs, DATA_DISK_01);
    let mut tasks = Vec::new();
    for _ in 0..64 {
        let (addr, path, body) = (s.addr, path.clone(), body.clone());
        tasks.push(tokio::spawn(async move {
            request(addr, Method::POST, &path, &[AUTH], Some(&body))
                .await
                .map(|r| r.status)
        }));
    }
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap().unwrap());
    }
    assert_eq!(statuses.iter().filter(|s| **s == 202).count(), 1);
    assert_eq!(statuses.iter().filter(|s| **s == 400).count(), 63);
    let log = sim_log(s.addr).await;
    let actions: Vec<&Value> = log
        .iter()
        .filter(|e| e["volume_id"] == DATA_DISK_01 && e["action"] == "os-volume_upload_image")
        .collect();
    assert_eq!(actions.len(), 64);
    assert_eq!(actions.iter().filter(|e| e["status"] == 202).count(), 1);
    let images = get(s.addr, "/v2/images", &[AUTH]).await.json().unwrap();
    assert_eq!(images["images"].as_array().unwrap().len(), 1);
}

// ---------------------------------------------------------------- images

#[tokio::test]
async fn unknown_images_answer_like_glance() {
    let s = sim().await;
    let r = get(
        s.addr,
        "/v2/images/nope",
        &[AUTH, ("accept", "application/json")],
    )
    .await;
    assert_eq!(r.status, 404);
    assert_eq!(r.json().unwrap()["code"], "404 Not Found");
    assert!(api_error(&r)
        .message()
        .contains("No image found with ID nope"));
    let r = get(s.addr, "/v2/images/nope", &[AUTH, ("accept", "*/*")]).await;
    assert_eq!(r.status, 404);
    assert!(r.header("content-type").unwrap().starts_with("text/html"));
    assert!(r.text().contains("<title>404 Not Found</title>"));
    assert_eq!(api_error(&r).kind(), &ErrorKind::HtmlPage);
    let r = get(
        s.addr,
        "/v2/images/%3Cscript%3E",
        &[AUTH, ("accept", "text/html")],
    )
    .await;
    assert!(r.text().contains("&lt;script&gt;"));
    let r = get(s.addr, "/v2/images/nope", &[AUTH]).await;
    assert!(r.text().starts_with("404 Not Found"));
    let r = get(s.addr, "/v2/images", &[AUTH]).await;
    assert_eq!(r.json().unwrap()["images"], json!([]));
    let r = post(s.addr, "/v2/images/nope", &[AUTH], "{}").await;
    assert_eq!(r.status, 405);
}

// ---------------------------------------------------------------- faults

#[tokio::test]
async fn fault_kinds_by_header() {
    let s = sim_with(|c| c.export_seconds = 0.0).await;
    let list = format!("/v2/{P}/volumes/detail?limit=3");
    let with = |f: &'static str| vec![AUTH, ("x-sim-fault", f)];

    let t = Instant::now();
    let r = get(s.addr, &list, &with("latency=300")).await;
    assert_eq!(r.status, 200);
    assert!(t.elapsed() >= Duration::from_millis(300));

    for status in [500u16, 502, 503] {
        let kind: &'static str = match status {
            500 => "500-html",
            502 => "502-html",
            _ => "503-html",
        };
        let r = get(s.addr, &list, &with(kind)).await;
        assert_eq!(r.status, status);
        assert!(r.header("content-type").unwrap().starts_with("text/html"));
        assert!(r.text().contains("<center>nginx</center>"));
        assert_eq!(api_error(&r).kind(), &ErrorKind::HtmlPage);
    }

    let r = get(s.addr, &list, &with("empty-502")).await;
    assert_eq!((r.status, r.body.len()), (502, 0));
    assert_eq!(api_error(&r).kind(), &ErrorKind::EmptyBody);

    let whole = get(s.addr, &list, &[AUTH]).await;
    let r = get(s.addr, &list, &with("truncated")).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.body.len(), whole.body.len() / 2);
    assert_eq!(
        parse_volume_list(r.status, &r.text()).unwrap_err().kind(),
        &ErrorKind::MalformedBody {
            truncated: true,
            bytes: r.body.len()
        }
    );

    let r = get(s.addr, &list, &with("invalid-json")).await;
    assert_eq!(r.status, 200);
    assert_eq!(
        parse_volume_list(r.status, &r.text()).unwrap_err().kind(),
        &ErrorKind::MalformedBody {
            truncated: false,
            bytes: r.body.len()
        }
    );

    let r = request(s.addr, Method::GET, &list, &with("drop"), None).await;
    assert!(r.is_err(), "{r:?}");

    let r = tokio::time::timeout(
        Duration::from_millis(400),
        request(s.addr, Method::GET, &list, &with("hang"), None),
    )
    .await;
    assert!(r.is_err(), "hang answered");

    let r = post(
        s.addr,
        &action_path(Dialect::HuaweiEvs, DATA_DISK_01),
        &with("export-fails"),
        &export_body("f", json!({})),
    )
    .await;
    assert_eq!(r.status, 202);
    let id = r.json().unwrap()["os-volume_upload_image"]["image_id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(image(s.addr, &id).await.0.status, ImageStatus::Killed);
    assert_eq!(
        volume(s.addr, Dialect::HuaweiEvs, DATA_DISK_01)
            .await
            .status
            .as_str(),
        "available"
    );

    // A garbled answer to an export still means the export was accepted.
    let r = post(
        s.addr,
        &action_path(Dialect::HuaweiEvs, LINUX_BOOT),
        &with("truncated"),
        &export_body("t", json!({})),
    )
    .await;
    assert_eq!(r.status, 202);
    assert!(matches!(
        parse_export_response(r.status, &r.text())
            .unwrap_err()
            .kind(),
        ErrorKind::MalformedBody {
            truncated: true,
            ..
        }
    ));
    // An HTML gateway page means the request never reached the service.
    let r = post(
        s.addr,
        &action_path(Dialect::HuaweiEvs, FINANCE_DISK),
        &with("502-html"),
        &export_body("t", json!({})),
    )
    .await;
    assert_eq!(r.status, 502);
    assert_eq!(
        get(s.addr, "/v2/images", &[AUTH]).await.json().unwrap()["images"]
            .as_array()
            .unwrap()
            .len(),
        2
    );

    let r = get(s.addr, &list, &with("teapot")).await;
    assert_eq!(r.status, 400);
    assert!(api_error(&r).message().contains("unknown fault"));

    let log = sim_log(s.addr).await;
    let faults: Vec<&str> = log.iter().filter_map(|e| e["fault"].as_str()).collect();
    for f in [
        "latency=300",
        "500-html",
        "empty-502",
        "truncated",
        "invalid-json",
        "drop",
        "hang",
        "export-fails",
    ] {
        assert!(faults.contains(&f), "{f} in {faults:?}");
    }
    let dropped = log.iter().find(|e| e["fault"] == "drop").unwrap();
    assert_eq!(dropped["status"], 0);
}

#[tokio::test]
async fn queued_faults_hit_the_next_matching_requests() {
    let s = sim().await;
    let add = |body: Value| {
        let addr = s.addr;
        async move { post(addr, "/__sim/faults", &[], &body.to_string()).await }
    };
    let r = add(json!({"fault": "503-html", "match": "action", "times": 2})).await;
    assert_eq!(r.status, 201, "{}", r.text());
    let r = add(json!({"fault": "empty-500", "match": "images"})).await;
    assert_eq!(r.status, 201);
    assert_eq!(add(json!({"fault": "nope"})).await.status, 400);
    assert_eq!(add(json!({"fault": "drop", "times": 0})).await.status, 400);
    let queued = get(s.addr, "/__sim/faults", &[]).await.json().unwrap();
    assert_eq!(queued.as_array().unwrap().len(), 2);

    // Lists are not actions: untouched.
    assert_eq!(
        get(s.addr, &format!("/v2/{P}/volumes/detail"), &[AUTH])
            .await
            .status,
        200
    );
    let path = action_path(Dialect::HuaweiEvs, DATA_DISK_01);
    let body = export_body("q", json!({}));
    assert_eq!(post(s.addr, &path, &[AUTH], &body).await.status, 503);
    assert_eq!(post(s.addr, &path, &[AUTH], &body).await.status, 503);
    assert_eq!(post(s.addr, &path, &[AUTH], &body).await.status, 202);
    assert_eq!(get(s.addr, "/v2/images/x", &[AUTH]).await.status, 500);
    assert_eq!(get(s.addr, "/v2/images/x", &[AUTH]).await.status, 404);

    add(json!({"fault": "502-html", "match": "/v3/"})).await;
    assert_eq!(
        get(s.addr, &format!("/v2/{P}/volumes/detail"), &[AUTH])
            .await
            .status,
        200
    );
    assert_eq!(
        get(s.addr, &format!("/v3/{P}/volumes/detail"), &[AUTH])
            .await
            .status,
        502
    );
    add(json!({"fault": "502-html", "times": 5})).await;
    assert_eq!(
        request(s.addr, Method::DELETE, "/__sim/faults", &[], None)
            .await
            .unwrap()
            .status,
        200
    );
    assert_eq!(
        get(s.addr, &format!("/v3/{P}/volumes/detail"), &[AUTH])
            .await
            .status,
        200
    );
    // The header beats the queue; reset clears the queue.
    add(json!({"fault": "empty-503"})).await;
    assert_eq!(
        get(
            s.addr,
            &format!("/v3/{P}/volumes/detail"),
            &[AUTH, ("x-sim-fault", "500-html")]
        )
        .await
        .status,
        500
    );
    assert_eq!(post(s.addr, "/__sim/reset", &[], "").await.status, 200);
    assert_eq!(
        get(s.addr, &format!("/v3/{P}/volumes/detail"), &[AUTH])
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn global_fault_and_latency_from_config() {
    let s = sim_with(|c| {
        c.fault = Some("502-html".parse().unwrap());
        c.latency_ms = 150;
    })
    .await;
    let t = Instant::now();
    let r = get(s.addr, &format!("/v2/{P}/volumes/detail"), &[AUTH]).await;
    assert_eq!(r.status, 502);
    assert!(t.elapsed() >= Duration::from_millis(150));
    // Control endpoints are never faulted or delayed.
    let t = Instant::now();
    assert_eq!(get(s.addr, "/__sim/health", &[]).await.status, 200);
    assert!(t.elapsed() < Duration::from_millis(150));
}

// ---------------------------------------------------------------- control, log, state

#[tokio::test]
async fn log_reset_and_health() {
    let s = sim().await;
    let health = get(s.addr, "/__sim/health", &[]).await.json().unwrap();
    assert_eq!(health["status"], "ok");
    assert_eq!(health["volumes"], 40);
    assert_eq!(health["uploading"], 1);
    export(
        s.addr,
        Dialect::HuaweiEvs,
        DATA_DISK_01,
        "logged",
        json!({}),
    )
    .await;
    get(
        s.addr,
        &format!("/evs/v2/{P}/volumes/detail?limit=2"),
        &[AUTH],
    )
    .await;
    get(
        s.addr,
        &format!("/v2/{P}/volumes/detail"),
        &[("x-auth-token", "not-the-token")],
    )
    .await;
    let log = sim_log(s.addr).await;
    assert_eq!(log.len(), 3);
    assert_eq!(log[0]["method"], "POST");
    assert_eq!(log[0]["status"], 202);
    assert_eq!(log[0]["volume_id"], DATA_DISK_01);
    assert_eq!(log[0]["dialect"], "huawei");
    assert!(log[0]["latency_ms"].is_u64());
    assert!(log[0]["request_id"].as_str().unwrap().starts_with("req-"));
    assert_eq!(
        log[1]["path"],
        format!("/evs/v2/{P}/volumes/detail?limit=2")
    );
    assert!(log[1].get("volume_id").is_none());
    assert_eq!(log[2]["status"], 401);
    let text = get(s.addr, "/__sim/log", &[]).await.text();
    assert!(!text.contains(TOKEN));
    assert!(!text.contains("not-the-token"));

    assert_eq!(post(s.addr, "/__sim/reset", &[], "").await.status, 200);
    assert_eq!(sim_log(s.addr).await.len(), 0);
    assert_eq!(
        volume(s.addr, Dialect::HuaweiEvs, DATA_DISK_01)
            .await
            .status
            .as_str(),
        "available"
    );
    assert_eq!(
        get(s.addr, "/v2/images", &[AUTH]).await.json().unwrap()["images"],
        json!([])
    );
    assert_eq!(post(s.addr, "/__sim/advance", &[], "{}").await.status, 400);
}

#[tokio::test]
async fn state_file_survives_a_restart() {
    let dir = std::env::temp_dir().join(format!("evs-sim-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("state.json");
    let _ = std::fs::remove_file(&file);
    let cfg = |c: &mut Config| {
        c.state_file = Some(file.clone());
        c.export_seconds = 30.0;
    };
    let s = sim_with(cfg).await;
    assert!(file.exists(), "the seeded state is written at start");
    let r = export(
        s.addr,
        Dialect::HuaweiEvs,
        DATA_DISK_01,
        "persisted",
        json!({}),
    )
    .await;
    let image_id = r.json().unwrap()["os-volume_upload_image"]["image_id"]
        .as_str()
        .unwrap()
        .to_string();
    s.stop();
    let saved: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(saved["format"], "evs-sim-state/1");

    let s2 = sim_with(cfg).await;
    assert_eq!(
        volume(s2.addr, Dialect::HuaweiEvs, DATA_DISK_01)
            .await
            .status
            .as_str(),
        "uploading"
    );
    assert_eq!(
        image(s2.addr, &image_id).await.0.name.as_deref(),
        Some("persisted")
    );
    // The RNG state is saved too: the next image id is new.
    let r = export(s2.addr, Dialect::HuaweiEvs, LINUX_BOOT, "second", json!({})).await;
    assert_ne!(
        r.json().unwrap()["os-volume_upload_image"]["image_id"],
        image_id.as_str()
    );
    advance(s2.addr, 31.0).await;
    assert_eq!(
        volume(s2.addr, Dialect::HuaweiEvs, DATA_DISK_01)
            .await
            .status
            .as_str(),
        "available"
    );
    s2.stop();
    let saved: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let d1 = saved["volumes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["id"] == DATA_DISK_01)
        .unwrap()
        .clone();
    assert_eq!(d1["status"], "available", "the finished export was saved");

    std::fs::write(&file, "{not json").unwrap();
    let err = start(Config {
        port: 0,
        state_file: Some(file.clone()),
        ..Config::default()
    })
    .await
    .err()
    .unwrap();
    assert!(err.contains("not an evs-sim state file"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A state file written before the simulator stored evs-model's types (statuses and ids as
/// strings; `tests/fixtures/state-v1.json`, saved by that version with two exports running)
/// still loads, and means the same: both exports have finished since, so the disks have their
/// previous statuses back and the images are active.
#[tokio::test]
async fn a_state_file_of_the_string_typed_simulator_still_loads() {
    let dir = std::env::temp_dir().join(format!("evs-sim-old-state-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("state.json");
    let old = include_str!("fixtures/state-v1.json");
    std::fs::write(&file, old).unwrap();
    let s = sim_with(|c| c.state_file = Some(file.clone())).await;

    for (id, status) in [
        (DATA_DISK_01, "available"),
        (DATA_DISK_02, "in-use"),
        (BROKEN_DISK, "error"),
        (BUSY_DISK, "uploading"),
    ] {
        let v = volume(s.addr, Dialect::HuaweiEvs, id).await;
        assert_eq!(v.status.as_str(), status, "{id}");
    }
    let (img, raw) = image(s.addr, "28efe333-b266-4103-8752-6757130f9f52").await;
    assert_eq!(img.status, ImageStatus::Active);
    assert_eq!(raw["name"], "old-in-use");
    assert_eq!(raw["disk_format"], "qcow2");
    assert_eq!(raw["visibility"], "private");
    assert_eq!(raw["__originalimagename"], DATA_DISK_02);
    let (img, raw) = image(s.addr, "09bc585a-2448-43f2-9e44-31fa3c80db06").await;
    assert_eq!(img.status, ImageStatus::Active);
    assert_eq!(raw["visibility"], "public");
    s.stop();

    // Saved again in the same shape: the same keys, statuses still their wire text.
    let before: Value = serde_json::from_str(old).unwrap();
    let after: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&after), keys(&before));
    assert_eq!(keys(&after["volumes"][0]), keys(&before["volumes"][0]));
    assert_eq!(keys(&after["images"][0]), keys(&before["images"][0]));
    assert_eq!(after["volumes"][1]["status"], "in-use");
    assert_eq!(after["images"][0]["volume_previous_status"], "in-use");
    assert_eq!(after["images"][0]["finished"], true);
    assert_eq!(after["rng"], before["rng"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn static_page_and_prefixed_api() {
    let dir = std::env::temp_dir().join(format!("evs-sim-static-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("pkg")).unwrap();
    std::fs::write(
        dir.join("index.html"),
        "<!doctype html><title>console</title>",
    )
    .unwrap();
    std::fs::write(dir.join("pkg/app.js"), "console.log(1)").unwrap();
    std::fs::write(dir.join("pkg/app.js.br"), b"BROTLI").unwrap();
    std::fs::write(dir.join("pkg/app.wasm"), b"\0asm").unwrap();
    std::fs::write(dir.join("pkg/app.wasm.gz"), b"GZIP").unwrap();
    std::fs::write(dir.join("main-0123456789abcdef.css"), "main{}").unwrap();
    let s = sim_with(|c| c.static_dir = Some(dir.clone())).await;

    let r = get(s.addr, "/", &[]).await;
    assert_eq!(r.status, 200);
    assert!(r.text().contains("console"));
    assert!(r.header("content-type").unwrap().starts_with("text/html"));
    let r = get(s.addr, "/disks/some-route", &[]).await;
    assert!(
        r.text().contains("console"),
        "page routes fall back to index.html"
    );
    let r = get(
        s.addr,
        "/pkg/app.js",
        &[("accept-encoding", "gzip, deflate, br")],
    )
    .await;
    assert_eq!(r.header("content-encoding"), Some("br"));
    assert_eq!(r.body, b"BROTLI");
    assert!(r
        .header("content-type")
        .unwrap()
        .starts_with("text/javascript"));
    let r = get(s.addr, "/pkg/app.js", &[]).await;
    assert_eq!(r.header("content-encoding"), None);
    assert_eq!(r.text(), "console.log(1)");
    let r = get(s.addr, "/pkg/app.wasm", &[("accept-encoding", "gzip, br")]).await;
    assert_eq!(r.header("content-encoding"), Some("gzip"));
    assert_eq!(r.header("content-type"), Some("application/wasm"));
    // `q=0` refuses a coding: the plain file, or the other sibling.
    let r = get(
        s.addr,
        "/pkg/app.js",
        &[("accept-encoding", "br;q=0, gzip")],
    )
    .await;
    assert_eq!(r.header("content-encoding"), None);
    assert_eq!(r.text(), "console.log(1)");
    let r = get(
        s.addr,
        "/pkg/app.wasm",
        &[("accept-encoding", "br;q=0, gzip")],
    )
    .await;
    assert_eq!(r.header("content-encoding"), Some("gzip"));
    assert_eq!(get(s.addr, "/pkg/missing.js", &[]).await.status, 404);
    assert_eq!(get(s.addr, "/../../etc/passwd", &[]).await.status, 404);
    assert_eq!(get(s.addr, "/%2e%2e/etc/passwd", &[]).await.status, 404);
    // Always revalidated (stable names with --filehash false), and the encoding varies.
    for path in ["/", "/pkg/app.js", "/disks/some-route"] {
        let r = get(s.addr, path, &[("accept-encoding", "br")]).await;
        assert_eq!(r.header("cache-control"), Some("no-cache"), "{path}");
        assert_eq!(r.header("vary"), Some("Accept-Encoding"), "{path}");
    }
    // A content-hashed name (Trunk's default) is cached for a year, without revalidation;
    // a miss with such a name is not.
    let r = get(s.addr, "/main-0123456789abcdef.css", &[]).await;
    assert_eq!(r.status, 200);
    assert_eq!(
        r.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    let r = get(s.addr, "/main-fedcba9876543210.css", &[]).await;
    assert_eq!(r.status, 404);
    assert_eq!(r.header("cache-control"), Some("no-cache"));
    let r = request(s.addr, Method::HEAD, "/pkg/app.js", &[], None)
        .await
        .unwrap();
    assert_eq!(r.status, 200);
    assert!(r.body.is_empty());
    assert_eq!(r.header("content-length"), Some("14"));
    let r = post(s.addr, "/pkg/app.js", &[], "").await;
    assert_eq!(r.status, 405);
    assert_eq!(r.header("allow"), Some("GET,HEAD"));

    let r = get(s.addr, &format!("/evs/v2/{P}/volumes/detail"), &[AUTH]).await;
    assert_eq!(r.status, 200);
    let href = r.json().unwrap()["volumes_links"][0]["href"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(href.starts_with(&format!("{}/evs/v2/", s.url())), "{href}");
    let r = post(
        s.addr,
        &format!(
            "/evs{}",
            action_path(Dialect::OpenStackCinder, DATA_DISK_01)
        ),
        &[AUTH],
        &export_body("via-prefix", json!({})),
    )
    .await;
    assert_eq!(r.status, 202);
    let id = r.json().unwrap()["os-volume_upload_image"]["image_id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = get(s.addr, &format!("/ims/v2/images/{id}"), &[AUTH]).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json().unwrap()["name"], "via-prefix");
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn keep_alive_connections_serve_many_requests() {
    let s = sim().await;
    let mut conn = Connection::open(s.addr).await.unwrap();
    for _ in 0..20 {
        let r = conn
            .send(
                Method::GET,
                &format!("/v3/{P}/volumes/detail?limit=5"),
                &[AUTH],
                None,
            )
            .await
            .unwrap();
        assert_eq!(r.status, 200);
    }
}

// ---------------------------------------------------------------- the binary

#[test]
fn the_binary_prints_one_start_line_and_never_logs_the_token() {
    use std::io::{BufRead, BufReader, Read};
    use std::process::{Command, Stdio};

    let exe = env!("CARGO_BIN_EXE_evs-sim");
    let help = Command::new(exe).arg("--help").output().unwrap();
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("--export-seconds"));
    let bad = Command::new(exe).arg("--bogus").output().unwrap();
    assert_eq!(bad.status.code(), Some(2));

    let secret = "s3cret-T0KEN-value";
    let mut child = Command::new(exe)
        .args(["--port", "0", "--token", secret, "--export-seconds", "0.2"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    let prefix = "evs-sim listening on http://127.0.0.1:";
    assert!(line.starts_with(prefix), "{line}");
    assert!(
        line.trim_end().ends_with(&format!(
            "project_id={P} token={secret} user=operator password=evs-sim-password"
        )),
        "{line}"
    );
    let port: u16 = line[prefix.len()..]
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let addr: SocketAddr = ([127, 0, 0, 1], port).into();

    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let auth = [("x-auth-token", secret)];
        assert_eq!(
            get(addr, &format!("/v2/{P}/volumes/detail"), &auth)
                .await
                .status,
            200
        );
        let r = post(
            addr,
            &action_path(Dialect::HuaweiEvs, DATA_DISK_01),
            &auth,
            &export_body("p", json!({})),
        )
        .await;
        assert_eq!(r.status, 202);
        assert_eq!(
            get(
                addr,
                &format!("/v3/{P}/volumes/detail"),
                &[("x-auth-token", "sim-token")]
            )
            .await
            .status,
            401
        );
        // Even a token pasted into a URL is not logged.
        get(
            addr,
            &format!("/v2/{P}/volumes/detail?token={secret}"),
            &auth,
        )
        .await;
        get(
            addr,
            &format!("/v2/{P}/volumes/detail"),
            &[("x-auth-token", secret), ("x-sim-fault", "500-html")],
        )
        .await;
        let log = get(addr, "/__sim/log", &[]).await.text();
        assert!(!log.contains(secret), "{log}");
        assert!(log.contains("[redacted]"));
    });
    child.kill().unwrap();
    let _ = child.wait();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(stderr.contains("POST /v2/"), "{stderr}");
    assert!(stderr.contains("-> 202"), "{stderr}");
    assert!(!stderr.contains(secret), "{stderr}");
}

// ---------------------------------------------------------------- formats this cloud accepts

#[tokio::test]
async fn the_image_schema_lists_the_deployed_formats() {
    let s = sim_with(|c| {
        c.image_disk_formats = vec!["raw".into(), "qcow2".into(), "iso".into()];
    })
    .await;
    for path in ["/v2/schemas/image", "/ims/v2/schemas/image"] {
        let r = get(s.addr, path, &[AUTH]).await;
        assert_eq!(r.status, 200, "{path}");
        let deployed = evs_model::parse_image_schema(r.status, &r.text()).unwrap();
        assert_eq!(deployed.disk, ["raw", "qcow2", "iso"]);
        assert!(deployed.container.iter().any(|c| c == "compressed"));
        let offer = evs_model::FormatOffer::new(Dialect::OpenStackCinder, Some(&deployed), false);
        assert_eq!(
            offer.disk,
            [evs_model::DiskFormat::Raw, evs_model::DiskFormat::Qcow2]
        );
    }
    assert_eq!(get(s.addr, "/v2/schemas/image", &[]).await.status, 401);

    // Changed at run time, back to the flags on reset.
    let r = post(
        s.addr,
        "/__sim/deployment",
        &[],
        r#"{"disk_formats": ["qcow2"], "container_formats": ["bare", "ovf"]}"#,
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let r = get(s.addr, "/v2/schemas/image", &[AUTH]).await;
    let deployed = evs_model::parse_image_schema(r.status, &r.text()).unwrap();
    assert_eq!((deployed.disk.len(), deployed.container.len()), (1, 2));
    for bad in [r#"{"disk_formats": "raw"}"#, r#"{"compression": 1}"#, "[]"] {
        let r = post(s.addr, "/__sim/deployment", &[], bad).await;
        assert_eq!(r.status, 400, "{bad}");
    }
    post(s.addr, "/__sim/reset", &[], "").await;
    let r = get(s.addr, "/__sim/deployment", &[]).await;
    assert_eq!(
        r.json().unwrap()["disk_formats"],
        json!(["raw", "qcow2", "iso"])
    );
}

#[tokio::test]
async fn cinder_refuses_formats_the_image_service_does_not_accept() {
    let s = sim_with(|c| c.image_disk_formats = vec!["raw".into()]).await;
    let r = export(
        s.addr,
        Dialect::OpenStackCinder,
        DATA_DISK_01,
        "q",
        json!({"disk_format": "qcow2"}),
    )
    .await;
    assert_eq!(r.status, 400);
    assert!(
        api_error(&r)
            .message()
            .starts_with("Unable to set 'disk_format' to 'qcow2'."),
        "{}",
        r.text()
    );
    // Huawei keeps its own lists.
    let r = export(
        s.addr,
        Dialect::HuaweiEvs,
        DATA_DISK_01,
        "q",
        json!({"disk_format": "qcow2"}),
    )
    .await;
    assert_eq!(r.status, 202, "{}", r.text());
}

#[tokio::test]
async fn encrypted_disks_export_only_as_raw_bare_in_cinder() {
    let s = sim().await;
    let d = volume(s.addr, Dialect::OpenStackCinder, FINANCE_DISK).await;
    assert!(d.encrypted);
    assert!(
        !volume(s.addr, Dialect::OpenStackCinder, DATA_DISK_01)
            .await
            .encrypted
    );
    for extra in [
        json!({"disk_format": "qcow2"}),
        json!({"container_format": "ovf"}),
    ] {
        let r = export(s.addr, Dialect::OpenStackCinder, FINANCE_DISK, "enc", extra).await;
        assert_eq!(r.status, 400);
        assert!(
            api_error(&r).message().contains("encrypted"),
            "{}",
            r.text()
        );
    }
    let r = export(
        s.addr,
        Dialect::OpenStackCinder,
        FINANCE_DISK,
        "enc",
        json!({"disk_format": "raw", "container_format": "bare"}),
    )
    .await;
    assert_eq!(r.status, 202, "{}", r.text());
}

#[tokio::test]
async fn compressed_needs_the_clouds_consent() {
    let s = sim().await;
    let body = json!({"container_format": "compressed", "disk_format": "raw"});
    let r = export(
        s.addr,
        Dialect::OpenStackCinder,
        DATA_DISK_01,
        "c",
        body.clone(),
    )
    .await;
    assert_eq!(r.status, 400);
    assert_eq!(api_error(&r).message(), evs_sim::state::COMPRESSION_REFUSED);
    // Huawei has no compressed container at all.
    let r = export(s.addr, Dialect::HuaweiEvs, LINUX_BOOT, "c", body.clone()).await;
    assert_eq!(r.status, 400);
    let r = post(s.addr, "/__sim/deployment", &[], r#"{"compression": true}"#).await;
    assert_eq!(r.status, 200);
    let r = export(s.addr, Dialect::OpenStackCinder, DATA_DISK_01, "c", body).await;
    assert_eq!(r.status, 202, "{}", r.text());
    assert_eq!(
        r.json().unwrap()["os-volume_upload_image"]["container_format"],
        "compressed"
    );
}

// ---------------------------------------------------------------- image metadata

async fn patch(addr: SocketAddr, path: &str, content_type: &str, body: &str) -> HttpResponse {
    request(
        addr,
        Method::PATCH,
        path,
        &[AUTH, ("content-type", content_type)],
        Some(body),
    )
    .await
    .expect("answer")
}

async fn exported_image(addr: SocketAddr, d: Dialect, volume: &str) -> String {
    let r = export(addr, d, volume, "meta", json!({})).await;
    assert_eq!(r.status, 202, "{}", r.text());
    r.json().unwrap()["os-volume_upload_image"]["image_id"]
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn glance_patch_sets_the_metadata_evs_model_builds() {
    let s = sim().await;
    let id = exported_image(s.addr, Dialect::OpenStackCinder, DATA_DISK_01).await;
    let path = Dialect::image_path(&ImageId::parse(&id).unwrap());
    let form = evs_model::MetadataForm {
        description: "nightly".into(),
        tags: "backup,db".into(),
        min_disk: "40".into(),
        min_ram: "1024".into(),
        os_distro: "ubuntu".into(),
        os_version: "24.04".into(),
    };
    let meta = form.validate(Dialect::OpenStackCinder).unwrap().unwrap();
    let (before, _) = image(s.addr, &id).await;
    let body = meta
        .patch(Dialect::OpenStackCinder, &before.keys)
        .to_string();
    // Glance's media type only.
    let r = patch(s.addr, &path, "application/json", &body).await;
    assert_eq!(r.status, 415);
    let r = patch(s.addr, &path, evs_model::GLANCE_PATCH_TYPE, &body).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let img = evs_model::parse_image(r.status, &r.text()).unwrap();
    assert_eq!(img.tags, ["backup", "db"]);
    assert_eq!((img.min_disk, img.min_ram), (Some(40), Some(1024)));
    assert_eq!(img.description.as_deref(), Some("nightly"));
    let (again, raw) = image(s.addr, &id).await;
    assert_eq!(raw["os_version"], "24.04");
    assert_eq!(again.os_distro.as_deref(), Some("ubuntu"));

    // The same patch again: `add` of a property that now exists conflicts (Glance's 409);
    // built from the image as it is now, it replaces instead.
    let r = patch(s.addr, &path, evs_model::GLANCE_PATCH_TYPE, &body).await;
    assert_eq!(r.status, 409, "{}", r.text());
    assert!(api_error(&r).message().contains("already present"));
    let body = meta
        .patch(Dialect::OpenStackCinder, &again.keys)
        .to_string();
    let r = patch(s.addr, &path, evs_model::GLANCE_PATCH_TYPE, &body).await;
    assert_eq!(r.status, 200, "{}", r.text());

    for (bad, status) in [
        (
            r#"[{"op": "replace", "path": "/status", "value": "active"}]"#,
            403,
        ),
        (
            r#"[{"op": "replace", "path": "/min_ram", "value": -1}]"#,
            400,
        ),
        (r#"[{"op": "replace", "path": "/nope", "value": "x"}]"#, 409),
        (r#"[{"op": "move", "path": "/x", "value": "x"}]"#, 400),
        (r#"{"op": "add"}"#, 400),
    ] {
        let r = patch(s.addr, &path, evs_model::GLANCE_PATCH_TYPE, bad).await;
        assert_eq!(r.status, status, "{bad}: {}", r.text());
    }
    let r = patch(
        s.addr,
        "/v2/images/00000000-0000-0000-0000-000000000000",
        evs_model::GLANCE_PATCH_TYPE,
        "[]",
    )
    .await;
    assert_eq!(r.status, 404);
}

#[tokio::test]
async fn ims_updates_active_images_only() {
    let s = sim_with(|c| c.export_seconds = 1.0).await;
    let id = exported_image(s.addr, Dialect::HuaweiEvs, LINUX_BOOT).await;
    let image_id = ImageId::parse(&id).unwrap();
    let (path, content_type) = evs_model::metadata_patch_target(Dialect::HuaweiEvs, &image_id);
    let meta = evs_model::MetadataForm {
        description: "系统盘".into(),
        min_ram: "512".into(),
        ..Default::default()
    }
    .validate(Dialect::HuaweiEvs)
    .unwrap()
    .unwrap();
    let body = meta
        .patch(Dialect::HuaweiEvs, &Default::default())
        .to_string();
    let r = patch(s.addr, &path, content_type, &body).await;
    assert_eq!(r.status, 400, "not active yet: {}", r.text());
    advance(s.addr, 2.0).await;
    let r = patch(s.addr, &path, content_type, &body).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let (img, raw) = image(s.addr, &id).await;
    assert_eq!(raw["__description"], "系统盘");
    assert_eq!(img.min_ram, Some(512));
    let r = patch(
        s.addr,
        &path,
        content_type,
        r#"[{"op": "add", "path": "/tags", "value": ["x"]}]"#,
    )
    .await;
    assert_eq!(r.status, 400);
    assert_eq!(api_error(&r).code(), Some("IMS.0002"));
}

// ---------------------------------------------------------------- name filters

#[tokio::test]
async fn name_filters_search_every_disk() {
    let s = sim().await;
    let mv334 = ("openstack-api-version", "volume 3.34");
    let names = |r: &HttpResponse| -> Vec<String> {
        parse_volume_list(r.status, &r.text())
            .unwrap()
            .volumes
            .into_iter()
            .map(|v| v.name)
            .collect()
    };
    let base = Dialect::OpenStackCinder.volumes_detail_path(&project());
    // Cinder: name~ is a case-insensitive LIKE from 3.34 on, with paging that keeps the filter.
    let r = get(
        s.addr,
        &format!("{base}?limit=2&name~=BULK-disk-1"),
        &[AUTH, mv334],
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(names(&r), ["bulk-disk-10", "bulk-disk-11"]);
    let page = parse_volume_list(r.status, &r.text()).unwrap();
    let next = r.json().unwrap()["volumes_links"][0]["href"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(next.ends_with("&name~=BULK-disk-1"), "{next}");
    let marker = page.next_marker.unwrap();
    let r = get(
        s.addr,
        &format!("{base}?limit=20&marker={marker}&name~=BULK-disk-1"),
        &[AUTH, mv334],
    )
    .await;
    assert_eq!(names(&r).len(), 8, "bulk-disk-12..19");
    // Below 3.34 (or when the deployment does not allow it) the like-filter is refused.
    let r = get(s.addr, &format!("{base}?name~=bulk"), &[AUTH, MV31]).await;
    assert_eq!(r.status, 400);
    assert_eq!(
        api_error(&r).message(),
        "Invalid filters name~ are found in query options."
    );
    assert!(Dialect::OpenStackCinder.search_unsupported(r.status));
    post(
        s.addr,
        "/__sim/deployment",
        &[],
        r#"{"like_filter": false}"#,
    )
    .await;
    let r = get(s.addr, &format!("{base}?name~=bulk"), &[AUTH, mv334]).await;
    assert_eq!(r.status, 400);
    // Cinder's name is the whole name.
    let r = get(s.addr, &format!("{base}?name=bulk-disk-1"), &[AUTH]).await;
    assert!(names(&r).is_empty());
    let r = get(s.addr, &format!("{base}?name=bulk-disk-01"), &[AUTH]).await;
    assert_eq!(names(&r), ["bulk-disk-01"]);
    // Huawei's name: part of the name.
    let huawei = Dialect::HuaweiEvs.volumes_detail_path(&project());
    let r = get(
        s.addr,
        &format!("{huawei}?name=%E8%B4%A2%E5%8A%A1"),
        &[AUTH],
    )
    .await;
    assert_eq!(names(&r), ["数据盘-财务"]);
}
