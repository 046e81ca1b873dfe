//! The polling behind the progress view: the image (`GET {ims}/v2/images/{id}`) and the
//! disk, until the image is active, failed or gone. Backs off, survives transient errors,
//! and stops when the owning view goes away (`on_cleanup`).

use evs_model::{ApiError, ImageId, ImageStatus, Volume, VolumeId, VolumeStatus};
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;

use crate::api::{Cancel, Client};
use crate::backoff::{poll_delay_ms, poll_error_delay_ms};
use crate::browser;
use crate::embed::Events;
use crate::state::Connection;

/// How the export ended.
#[derive(Debug, Clone, PartialEq)]
pub enum End {
    Active,
    Failed(String),
    Gone,
}

/// What the polling has learnt so far.
pub struct FollowState {
    pub disk_status: RwSignal<Option<VolumeStatus>>,
    pub end: RwSignal<Option<End>>,
    /// The last error, while polls fail (cleared by the next good answer).
    pub retrying: RwSignal<Option<ApiError>>,
    pub elapsed: RwSignal<u64>,
    pub image_size: RwSignal<Option<u64>>,
}

/// Starts following `image_id` and `volume_id`; the polling belongs to the calling owner.
pub fn follow(
    conn: Connection,
    image_id: ImageId,
    volume_id: VolumeId,
    image_status: RwSignal<Option<ImageStatus>>,
    on_disk: Callback<Volume>,
) -> FollowState {
    let disk_status = RwSignal::new(None::<VolumeStatus>);
    let end = RwSignal::new(None::<End>);
    let retrying = RwSignal::new(None::<ApiError>);
    let elapsed = RwSignal::new(0u64);
    let image_size = RwSignal::new(None::<u64>);
    let cancel = SendWrapper::new(Cancel::new());
    {
        let cancel = cancel.clone();
        on_cleanup(move || cancel.cancel());
    }
    let started = browser::now_ms();
    let tick = move || elapsed.set(((browser::now_ms() - started).max(0.0) / 1000.0) as u64);
    let (events, image, volume) = (Events::from_context(), image_id.clone(), volume_id.clone());
    let finish = move |e: End| {
        tick();
        match &e {
            End::Active => events.active(image.as_str(), volume.as_str()),
            End::Failed(s) => events.image_failed(image.as_str(), 200, s),
            End::Gone => events.image_failed(image.as_str(), 404, "gone"),
        }
        end.set(Some(e));
    };
    let (client, c) = (conn.client(), cancel.clone());
    spawn_local(async move {
        let (mut polls, mut failures) = (0u32, 0u32);
        loop {
            let image = client.image(&image_id, &c).await;
            if c.is_cancelled() {
                return;
            }
            match image {
                Ok(img) => {
                    failures = 0;
                    retrying.set(None);
                    if img.status.is_success() {
                        finish(End::Active);
                    } else if img.status.is_failure() {
                        finish(End::Failed(img.status.as_str().to_string()));
                    }
                    if img.size.is_some() {
                        image_size.set(img.size);
                    }
                    image_status.set(Some(img.status));
                }
                // After the 202, a missing image means the export failed: a real Cinder
                // deletes the image of a failed upload (tests/cinder/DIFFERENCES.md, §3).
                Err(e) if e.status() == 404 => {
                    finish(End::Gone);
                    image_status.set(Some(ImageStatus::Deleted));
                }
                Err(e) => {
                    failures += 1;
                    retrying.set(Some(e));
                }
            }
            let finished = end.with_untracked(Option::is_some);
            if !follow_disk(&client, &volume_id, &c, finished, disk_status, on_disk).await {
                return;
            }
            if finished {
                return;
            }
            let wait = if failures > 0 {
                poll_error_delay_ms(failures)
            } else {
                poll_delay_ms(polls)
            };
            polls += 1;
            TimeoutFuture::new(wait).await;
            if c.is_cancelled() {
                return;
            }
        }
    });
    let c = cancel.clone();
    spawn_local(async move {
        loop {
            TimeoutFuture::new(1_000).await;
            if c.is_cancelled() || end.with_untracked(Option::is_some) {
                return;
            }
            tick();
        }
    });

    FollowState {
        disk_status,
        end,
        retrying,
        elapsed,
        image_size,
    }
}

/// Reads the disk once, or, once the image is done, until it is no longer `uploading` (a
/// few tries). `false` when the view went away meanwhile.
async fn follow_disk(
    client: &Client,
    volume_id: &VolumeId,
    cancel: &Cancel,
    finished: bool,
    disk_status: RwSignal<Option<VolumeStatus>>,
    on_disk: Callback<Volume>,
) -> bool {
    for extra in 0..4u32 {
        let result = client.volume(volume_id, cancel).await;
        if cancel.is_cancelled() {
            return false;
        }
        if let Ok(v) = result {
            disk_status.set(Some(v.status.clone()));
            on_disk.run(v);
        }
        let uploading =
            disk_status.with_untracked(|s| s.as_ref() == Some(&VolumeStatus::Uploading));
        if !finished || !uploading {
            break;
        }
        TimeoutFuture::new(poll_delay_ms(extra)).await;
    }
    !cancel.is_cancelled()
}
