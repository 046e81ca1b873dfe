//! The events an embedding host hears (nothing happens on the standalone page). Their
//! `detail` objects are written by serde-wasm-bindgen from the structs below.

use evs_model::{ApiError, ImageId, ImageStatus, VolumeId};
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use serde::Serialize;
use web_sys::Element;

use crate::i18n::{error_message, Locale};
use crate::platform::dom;

/// The event names, as the host listens for them.
pub const SUBMITTED: &str = "evs-export-submitted";
pub const ACTIVE: &str = "evs-image-active";
pub const FAILED: &str = "evs-export-failed";
pub const CANCELLED: &str = "evs-export-cancelled";
pub const BATCH_FINISHED: &str = "evs-batch-finished";

/// The element the console is embedded in (a context the shell provides).
#[derive(Clone)]
pub struct Host(pub SendWrapper<Element>);

/// The events of one console.
#[derive(Clone, Default)]
pub struct Events(Option<SendWrapper<Element>>);

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Submitted<'a> {
    volume_id: &'a VolumeId,
    image_id: &'a ImageId,
    image_name: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Active<'a> {
    image_id: &'a ImageId,
    volume_id: &'a VolumeId,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Cancelled<'a> {
    volume_id: &'a VolumeId,
    image_id: &'a ImageId,
}

#[derive(Serialize)]
struct Failed<'a> {
    /// `request` (refused or unanswered) or `progress` (the image failed afterwards).
    stage: &'a str,
    status: u16,
    code: Option<&'a str>,
    message: String,
}

/// One disk of a finished batch, for `evs-batch-finished`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchDisk {
    pub volume_id: VolumeId,
    pub image_name: String,
    /// Set when the export was accepted.
    pub image_id: Option<ImageId>,
    /// `done`, `failed` or `refused` (skipped before sending).
    pub result: &'static str,
}

#[derive(Serialize)]
struct BatchFinished<'a> {
    done: usize,
    failed: usize,
    refused: usize,
    disks: &'a [BatchDisk],
}

impl Events {
    /// `evs-batch-finished`: every disk of a batch has its result.
    pub fn batch_finished(&self, summary: evs_model::BatchSummary, disks: &[BatchDisk]) {
        self.emit(
            BATCH_FINISHED,
            &BatchFinished {
                done: summary.done,
                failed: summary.failed,
                refused: summary.refused,
                disks,
            },
        );
    }

    /// The events of the console being built (call during component setup).
    pub fn from_context() -> Events {
        Events(use_context::<Host>().map(|h| h.0))
    }

    /// `evs-export-submitted`: the export was accepted (202).
    pub fn submitted(&self, volume_id: &VolumeId, image_id: &ImageId, image_name: &str) {
        self.emit(
            SUBMITTED,
            &Submitted {
                volume_id,
                image_id,
                image_name,
            },
        );
    }

    /// `evs-image-active`: the new image is usable.
    pub fn active(&self, image_id: &ImageId, volume_id: &VolumeId) {
        self.emit(
            ACTIVE,
            &Active {
                image_id,
                volume_id,
            },
        );
    }

    /// `evs-export-cancelled`: the operator cancelled the export; its image was deleted.
    pub fn cancelled(&self, volume_id: &VolumeId, image_id: &ImageId) {
        self.emit(
            CANCELLED,
            &Cancelled {
                volume_id,
                image_id,
            },
        );
    }

    /// `evs-export-failed` at stage "request": the request was refused or got no answer.
    pub fn request_failed(&self, e: &ApiError) {
        self.emit(
            FAILED,
            &Failed {
                stage: "request",
                status: e.status(),
                code: e.code(),
                // For the host's logs: in English, whatever the page's language.
                message: error_message(e, Locale::En),
            },
        );
    }

    /// `evs-export-failed` at stage "progress": the image ended `status` (404: it is gone).
    pub fn image_failed(&self, image_id: &ImageId, http_status: u16, status: &ImageStatus) {
        let status = if http_status == 404 {
            "gone"
        } else {
            status.as_str()
        };
        self.emit(
            FAILED,
            &Failed {
                stage: "progress",
                status: http_status,
                code: None,
                message: ["image ", image_id.as_str(), " is ", status].concat(),
            },
        );
    }

    fn emit(&self, name: &str, detail: &impl Serialize) {
        let Some(host) = &self.0 else { return };
        let writer = serde_wasm_bindgen::Serializer::new().serialize_missing_as_null(true);
        if let Ok(detail) = detail.serialize(&writer) {
            dom::dispatch(host, name, &detail);
        }
    }
}
