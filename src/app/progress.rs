//! Following an accepted export: the image (`GET {ims}/v2/images/{id}`) and the disk, until
//! the image is active, failed or gone, then the disk until it is no longer `uploading`.
//!
//! Each reading is a `LocalResource` keyed by the poll number; an effect takes the reading
//! in and schedules the next poll (backing off, surviving transient errors). Everything
//! stops when the owning view goes away: the resource's request is aborted with its scope,
//! the timers are cleared.

use std::collections::BTreeSet;
use std::time::Duration;

use evs_model::{ApiError, Image, ImageId, ImageStatus, Timestamp, Volume, VolumeId, VolumeStatus};
use leptos::prelude::*;

use super::connection::Connection;
use super::events::Events;
use super::scope::Scope;
use crate::platform::backoff::{poll_delay_ms, poll_error_delay_ms};
use crate::platform::dom;

/// How the export ended.
#[derive(Debug, Clone, PartialEq)]
pub enum End {
    Active,
    /// The image ended in a failure status (`killed`, `deleted`, ...).
    Failed(ImageStatus),
    /// The image service no longer has the image (404).
    Gone,
    /// The operator cancelled the export: the image was deleted (`app::cancel`).
    Cancelled,
}

/// What the polling has learnt so far.
#[derive(Clone, Copy)]
pub struct Follow {
    pub image_status: RwSignal<Option<ImageStatus>>,
    pub disk_status: RwSignal<Option<VolumeStatus>>,
    pub end: RwSignal<Option<End>>,
    /// The last error, while polls fail (cleared by the next good answer).
    pub retrying: RwSignal<Option<ApiError>>,
    /// Seconds since the export was accepted.
    pub elapsed: RwSignal<u64>,
    pub image_size: RwSignal<Option<u64>>,
    /// When the disk became `uploading`, on the server's clock (its `updated_at` in the first
    /// reading that shows it uploading): when the export started there. The 202's own
    /// `updated_at` is the disk's value from before the export (tests/cinder/DIFFERENCES.md).
    pub started_at: RwSignal<Option<Timestamp>>,
    /// A cancel is deleting the image: its disappearance is not a failure.
    pub cancelling: RwSignal<bool>,
    /// The image's top-level attributes in the last good reading (once active: what a
    /// metadata patch adds and what it replaces, without reading the image again).
    pub image_keys: StoredValue<BTreeSet<String>>,
}

/// One poll's answers.
#[derive(Clone)]
struct Reading {
    poll: u32,
    /// `None` once the image is done (only the disk is read then).
    image: Option<Result<Image, ApiError>>,
    disk: Option<Volume>,
}

/// Polls to wait for the disk to leave `uploading` once the image is done.
const DISK_SETTLE_POLLS: u32 = 4;

/// Starts following `image_id` and `volume_id`; it belongs to the calling owner.
/// `on_disk` gets every fresh reading of the disk.
pub fn follow(
    conn: Connection,
    image_id: ImageId,
    volume_id: VolumeId,
    on_disk: Callback<Volume>,
) -> Follow {
    let state = Follow {
        image_status: RwSignal::new(None),
        disk_status: RwSignal::new(None),
        end: RwSignal::new(None),
        retrying: RwSignal::new(None),
        elapsed: RwSignal::new(0),
        image_size: RwSignal::new(None),
        started_at: RwSignal::new(None),
        cancelling: RwSignal::new(false),
        image_keys: StoredValue::new(BTreeSet::new()),
    };
    let poll = RwSignal::new(0u32);
    let reading = readings(conn, image_id.clone(), volume_id.clone(), poll, state.end);
    let started = dom::now_ms();
    let poller = Poller {
        state,
        poll,
        started,
        ticker: set_interval_with_handle(move || tick(state, started), Duration::from_secs(1)).ok(),
        next: StoredValue::new(None),
        failures: StoredValue::new(0),
        settle: StoredValue::new(0),
        stopped: StoredValue::new(false),
        events: Events::from_context(),
        image_id,
        volume_id,
        on_disk,
    };
    Effect::new({
        let poller = poller.clone();
        move |_| {
            if let Some(Some(r)) = reading.get() {
                poller.take(r);
            }
        }
    });
    on_cleanup(move || poller.stop());
    state
}

/// The readings, one per value of `poll`: the image (until it is done) and the disk.
fn readings(
    conn: Connection,
    image_id: ImageId,
    volume_id: VolumeId,
    poll: RwSignal<u32>,
    end: RwSignal<Option<End>>,
) -> LocalResource<Option<Reading>> {
    let scope = Scope::new();
    LocalResource::new(move || {
        let n = poll.get();
        let done = end.with_untracked(Option::is_some);
        let (client, scope) = (conn.client().ok(), scope.clone());
        let (image_id, volume_id) = (image_id.clone(), volume_id.clone());
        async move {
            let client = client?;
            let read = async move {
                let image = match done {
                    true => None,
                    false => Some(client.image(&image_id).await),
                };
                let disk = client.volume(&volume_id).await.ok();
                Reading {
                    poll: n,
                    image,
                    disk,
                }
            };
            scope.run(read).await
        }
    })
}

/// Sets the elapsed seconds from the clock.
fn tick(state: Follow, started: f64) {
    let secs = ((dom::now_ms() - started).max(0.0) / 1000.0) as u64;
    state.elapsed.try_set(secs);
}

/// Takes the readings in and schedules the next poll.
#[derive(Clone)]
struct Poller {
    state: Follow,
    poll: RwSignal<u32>,
    started: f64,
    ticker: Option<IntervalHandle>,
    next: StoredValue<Option<TimeoutHandle>>,
    /// Polls in a row that got no usable answer.
    failures: StoredValue<u32>,
    /// Disk-only polls since the image was done.
    settle: StoredValue<u32>,
    /// The clock was stopped.
    stopped: StoredValue<bool>,
    events: Events,
    image_id: ImageId,
    volume_id: VolumeId,
    on_disk: Callback<Volume>,
}

impl Poller {
    fn take(&self, r: Reading) {
        self.take_image(r.image);
        if let Some(v) = r.disk {
            if v.status == VolumeStatus::Uploading
                && self.state.started_at.with_untracked(Option::is_none)
            {
                self.state.started_at.set(v.updated_at.clone());
            }
            self.state.disk_status.set(Some(v.status.clone()));
            self.on_disk.run(v);
        }
        if self.state.end.with_untracked(Option::is_some) && !self.stopped.get_value() {
            // The clock stops when the export ends.
            self.stopped.set_value(true);
            tick(self.state, self.started);
            if let Some(t) = self.ticker {
                t.clear();
            }
        }
        if let Some(ms) = self.wait(r.poll) {
            let (poll, n) = (self.poll, r.poll + 1);
            let handle = set_timeout_with_handle(
                move || {
                    poll.try_set(n);
                },
                Duration::from_millis(u64::from(ms)),
            )
            .ok();
            self.next.set_value(handle);
        }
    }

    fn take_image(&self, image: Option<Result<Image, ApiError>>) {
        let state = self.state;
        match image {
            Some(Ok(img)) => {
                state.image_keys.set_value(img.keys);
                self.failures.set_value(0);
                state.retrying.set(None);
                if img.size.is_some() {
                    state.image_size.set(img.size);
                }
                let cancelling = state.cancelling.get_untracked();
                let end = if img.status.is_success() {
                    Some(End::Active)
                } else if img.status.is_failure() && !cancelling {
                    Some(End::Failed(img.status.clone()))
                } else {
                    None
                };
                state.image_status.set(Some(img.status));
                if let Some(end) = end {
                    self.finish(end, 200);
                }
            }
            // After the 202, a missing image means the export failed: a real Cinder deletes
            // the image of a failed upload (tests/cinder/DIFFERENCES.md, §3).
            Some(Err(e)) if e.status() == 404 => {
                state.image_status.set(Some(ImageStatus::Deleted));
                if !state.cancelling.get_untracked() {
                    self.finish(End::Gone, 404);
                }
            }
            Some(Err(e)) => {
                self.failures.update_value(|f| *f += 1);
                state.retrying.set(Some(e));
            }
            None => self.settle.update_value(|s| *s += 1),
        }
    }

    /// How long until poll `poll + 1`, or `None` when following is over: backing off while
    /// the image is made, then a few polls until the disk leaves `uploading`.
    fn wait(&self, poll: u32) -> Option<u32> {
        if self.state.end.with_untracked(Option::is_none) {
            return Some(match self.failures.get_value() {
                0 => poll_delay_ms(poll),
                n => poll_error_delay_ms(n),
            });
        }
        let uploading = self
            .state
            .disk_status
            .with_untracked(|s| s.as_ref() == Some(&VolumeStatus::Uploading));
        let tries = self.settle.get_value();
        (uploading && tries < DISK_SETTLE_POLLS).then(|| poll_delay_ms(tries))
    }

    /// Records the end (once) and tells the host.
    fn finish(&self, end: End, http_status: u16) {
        if self.state.end.with_untracked(Option::is_some) {
            return;
        }
        match &end {
            End::Active => self.events.active(&self.image_id, &self.volume_id),
            End::Failed(s) => self.events.image_failed(&self.image_id, http_status, s),
            End::Gone => {
                self.events
                    .image_failed(&self.image_id, http_status, &ImageStatus::Deleted)
            }
            // The cancel tells the host itself.
            End::Cancelled => {}
        }
        self.state.end.set(Some(end));
    }

    /// The view went away: no more timers.
    fn stop(&self) {
        if let Some(t) = self.ticker {
            t.clear();
        }
        if let Some(Some(t)) = self.next.try_get_value() {
            t.clear();
        }
    }
}
