//! Cancelling a running export: the image is deleted (`DELETE {ims}/v2/images/{id}`), which
//! ends the upload; the disk then returns to its status. An `Action`, asked for in two steps
//! (the operator confirms in the page).
//!
//! Before deleting, the image is read once: an image that became `active` meanwhile is kept
//! (the export succeeded), one that already failed needs no cancel. A refusal (403 protected
//! or not permitted, 409) changes nothing: the export goes on.

use evs_model::{
    cancellable, ApiError, DeleteRefusal, ImageDeleted, ImageId, ImageStatus, VolumeId,
    VolumeStatus,
};
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;

use super::connection::Connection;
use super::events::Events;
use super::progress::{End, Follow};
use super::scope::Scope;

/// How a cancel ended.
#[derive(Debug, Clone, PartialEq)]
pub enum CancelOutcome {
    /// The image was deleted; the export is over.
    Cancelled,
    /// Too late: the image is active. Nothing was deleted.
    AlreadyActive,
    /// The export had already ended in this status (or the image was gone). Nothing deleted.
    AlreadyEnded(ImageStatus),
    /// The image service refused to delete the image; nothing changed.
    Refused(DeleteRefusal, ApiError),
    /// The image could not be read first, so nothing was deleted.
    Unchecked(ApiError),
}

/// Waits between readings of the disk after the delete, and how many.
const DISK_BACK_POLLS: u32 = 4;
const DISK_BACK_MS: u32 = 750;

/// The cancel of one export.
#[derive(Clone, Copy)]
pub struct Cancel {
    /// The confirmation is showing.
    pub confirming: RwSignal<bool>,
    action: Action<(), CancelOutcome>,
    state: Follow,
}

impl Cancel {
    pub fn new(conn: Connection, image_id: ImageId, volume_id: VolumeId, state: Follow) -> Cancel {
        let (scope, events) = (Scope::new(), Events::from_context());
        let action = Action::new_local(move |_: &()| {
            let (client, scope, events) = (conn.client(), scope.clone(), events.clone());
            let (image_id, volume_id) = (image_id.clone(), volume_id.clone());
            async move {
                let run = async {
                    let client = client.map_err(CancelOutcome::Unchecked)?;
                    state.cancelling.set(true);
                    let status = match client.image(&image_id).await {
                        Ok(img) => img.status,
                        Err(e) if e.status() == 404 => ImageStatus::Deleted,
                        Err(e) => return Err(CancelOutcome::Unchecked(e)),
                    };
                    if status.is_success() {
                        return Err(CancelOutcome::AlreadyActive);
                    }
                    if !cancellable(&status) {
                        return Err(CancelOutcome::AlreadyEnded(status));
                    }
                    match client.delete_image(&image_id).await {
                        Ok(ImageDeleted::Now) => {}
                        Ok(ImageDeleted::AlreadyGone) => {
                            return Err(CancelOutcome::AlreadyEnded(ImageStatus::Deleted))
                        }
                        Err((why, e)) => return Err(CancelOutcome::Refused(why, e)),
                    }
                    state.image_status.set(Some(ImageStatus::Deleted));
                    if state.end.get_untracked().is_none() {
                        state.end.set(Some(End::Cancelled));
                    }
                    events.cancelled(&volume_id, &image_id);
                    // Follow the disk back to its status.
                    for _ in 0..DISK_BACK_POLLS {
                        if let Ok(v) = client.volume(&volume_id).await {
                            let back = v.status != VolumeStatus::Uploading;
                            state.disk_status.set(Some(v.status));
                            if back {
                                break;
                            }
                        }
                        TimeoutFuture::new(DISK_BACK_MS).await;
                    }
                    Ok(())
                };
                let outcome = match scope.run(run).await {
                    Some(Ok(())) => CancelOutcome::Cancelled,
                    Some(Err(outcome)) => outcome,
                    None => CancelOutcome::Unchecked(ApiError::aborted()),
                };
                if outcome != CancelOutcome::Cancelled {
                    state.cancelling.try_set(false);
                }
                outcome
            }
        });
        Cancel {
            confirming: RwSignal::new(false),
            action,
            state,
        }
    }

    /// Shows the confirmation (and forgets the last refusal).
    pub fn ask(&self) {
        self.action.clear();
        self.confirming.set(true);
    }

    /// Closes the confirmation; the export goes on.
    pub fn dismiss(&self) {
        self.confirming.set(false);
    }

    /// Deletes the image (once, while no cancel is in flight).
    pub fn confirm(&self) {
        if self.action.pending().get_untracked() {
            return;
        }
        self.confirming.set(false);
        self.action.dispatch_local(());
    }

    /// The delete is in flight.
    pub fn pending(&self) -> bool {
        self.action.pending().get()
    }

    /// How the last cancel ended.
    pub fn outcome(&self) -> Option<CancelOutcome> {
        self.action.value().get()
    }

    /// Whether "Cancel export" is offered: the export runs and the image is still being made.
    pub fn offered(&self) -> bool {
        self.state.end.with(Option::is_none)
            && self
                .state
                .image_status
                .with(|s| s.as_ref().is_none_or(cancellable))
    }
}
