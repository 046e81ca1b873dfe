//! The export itself: one click, one request (an `Action`). While it runs the button says
//! so; the answer becomes the result (a new one replaces the last) or an error; after an
//! error the disk is read again, since it may have changed (or the export started anyway).

use evs_model::{
    export_check, request_needs_compression_consent, ApiError, ExportRequest, ExportedImage,
    ImageMetadata, Volume, VolumeStatus,
};
use leptos::prelude::*;

use super::connection::Connection;
use super::events::Events;
use super::scope::Scope;
use crate::platform::http::{ExportCall, RawResponse};

/// What one export gave.
#[derive(Debug, Clone, PartialEq)]
pub struct Sent {
    /// What was sent (none when no request could be made).
    pub request: Option<ExportRequest>,
    /// The image's metadata, to set once the image is active.
    pub metadata: Option<ImageMetadata>,
    pub call: ExportCall,
    /// The disk as the call left it: `uploading` after a 202, read again after a refusal or
    /// a failure (not after 401/403).
    pub disk_after: Option<Volume>,
}

/// A refusal the export's own formats explain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormatRefusal {
    /// `compressed` without the cloud's `allow_compression_on_image_upload`.
    Compression,
}

/// An accepted export: the answer, numbered so a new export replaces the old view.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub seq: usize,
    pub image: ExportedImage,
    /// The image's metadata, set once the image is active.
    pub metadata: Option<ImageMetadata>,
}

/// One export's input: the disk, the request, the metadata to set afterwards.
type Input = (Volume, ExportRequest, Option<ImageMetadata>);

/// The export of one console.
#[derive(Clone, Copy)]
pub struct Export {
    action: Action<Input, Sent>,
}

impl Export {
    pub fn new(conn: Connection) -> Export {
        let (scope, events) = (Scope::new(), Events::from_context());
        let action = Action::new_local(move |(disk, request, metadata): &Input| {
            let (client, scope, events) = (conn.client(), scope.clone(), events.clone());
            let (disk, request, metadata) = (disk.clone(), request.clone(), metadata.clone());
            async move {
                let run = async {
                    let client = match client {
                        Ok(c) => c,
                        Err(e) => {
                            events.request_failed(&e);
                            return failed(e);
                        }
                    };
                    let mut call = client.export(&disk.id, &request).await;
                    let mut disk_after = None;
                    match &mut call.result {
                        Ok(image) => {
                            let volume_id = image.volume_id.get_or_insert_with(|| disk.id.clone());
                            events.submitted(volume_id, &image.image_id, &image.image_name);
                            // Accepted: the service has set the disk to `uploading` until the
                            // image is saved. The page's copy says so at once, so a second click
                            // (a double click, a click before the progress view has read the
                            // disk) is stopped here instead of being refused by the server and
                            // replacing the running export's view with that refusal.
                            disk_after = Some(Volume {
                                status: VolumeStatus::Uploading,
                                ..disk.clone()
                            });
                        }
                        Err(e) => {
                            events.request_failed(e);
                            if !matches!(e.status(), 401 | 403) {
                                disk_after = client.volume(&disk.id).await.ok();
                            }
                        }
                    }
                    Sent {
                        request: Some(request),
                        metadata,
                        call,
                        disk_after,
                    }
                };
                scope
                    .run(run)
                    .await
                    .unwrap_or_else(|| failed(ApiError::aborted()))
            }
        });
        Export { action }
    }

    /// Sends `request` for `disk`, unless one is in flight or the disk does not allow it:
    /// one click, one request, even if the button was still enabled. `metadata` is set on the
    /// image once it is active (the result view does that).
    pub fn send(&self, disk: Volume, request: ExportRequest, metadata: Option<ImageMetadata>) {
        if self.busy_untracked() || !export_check(&disk, request.dialect()).allows(request.force())
        {
            return;
        }
        self.action.dispatch_local((disk, request, metadata));
    }

    /// A request is in flight.
    pub fn busy(&self) -> Signal<bool> {
        self.action.pending().into()
    }

    fn busy_untracked(&self) -> bool {
        self.action.pending().get_untracked()
    }

    /// Forgets the last answer (sign out: nothing keeps using the token).
    pub fn clear(&self) {
        self.action.clear();
    }

    /// The last export's error (none while the next one is in flight).
    pub fn error(&self) -> Option<ApiError> {
        self.latest(|s| s.call.result.as_ref().err().cloned())
    }

    /// The last export's raw answer, for the "show request" view.
    pub fn response(&self) -> Option<RawResponse> {
        self.latest(|s| s.call.raw.clone())
    }

    /// The last accepted export.
    pub fn outcome(&self) -> Option<Outcome> {
        let seq = self.action.version().get();
        self.latest(|s| {
            let image = s.call.result.as_ref().ok().cloned()?;
            Some(Outcome {
                seq,
                image,
                metadata: s.metadata.clone(),
            })
        })
    }

    /// What a 400 for the last export most likely means, when its formats explain it: a
    /// `compressed` container the cloud does not allow.
    pub fn format_refusal(&self) -> Option<FormatRefusal> {
        self.latest(|s| {
            let request = s.request.as_ref()?;
            let status = s.call.result.as_ref().err()?.status();
            (status == 400 && request_needs_compression_consent(request))
                .then_some(FormatRefusal::Compression)
        })
    }

    /// The disk as read after the last failure.
    pub fn disk_after(&self) -> Option<Volume> {
        self.latest(|s| s.disk_after.clone())
    }

    fn latest<T>(&self, f: impl FnOnce(&Sent) -> Option<T>) -> Option<T> {
        if self.action.pending().get() {
            return None;
        }
        self.action.value().with(|v| v.as_ref().and_then(f))
    }
}

fn failed(e: ApiError) -> Sent {
    Sent {
        request: None,
        metadata: None,
        call: ExportCall {
            result: Err(e),
            raw: None,
        },
        disk_after: None,
    }
}
