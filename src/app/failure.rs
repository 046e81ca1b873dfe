//! Why an export failed: once the image ends badly (`killed`, `deleted`, gone), Cinder's user
//! messages about the disk (`GET {evs}/v3/{project}/messages?resource_uuid=`, microversion
//! 3.3), only those recorded since the export. Huawei EVS has no such API: the view says so.
//!
//! A `LocalResource` that asks once the end is a failure; Cinder records the message about
//! when it gives the disk its status back, which can be a moment after the image is gone, so
//! an empty answer is asked again a few times.

use evs_model::{export_failure_messages, ApiError, Timestamp, UserMessage, VolumeId};
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;

use super::connection::Connection;
use super::progress::{End, Follow};
use super::scope::Scope;

/// What is known about why an export failed.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// The API dialect has no messages API (Huawei EVS).
    NoMessagesApi,
    /// Cinder's messages about the export, newest first; empty when it recorded none.
    Messages(Vec<UserMessage>),
    /// The messages could not be read.
    Unreadable(ApiError),
}

/// How many times an empty list is asked again, and how long apart.
const EMPTY_RETRIES: u32 = 3;
const EMPTY_RETRY_MS: u32 = 1_500;

/// The reason of the export of `volume_id` followed by `state`, read once its end is a
/// failure; `None` before that (and for a success or a cancel). Messages older than the
/// export's start (the server's clock: `state.started_at`, else `accepted_at`, the 202's
/// `updated_at`) are not about it.
pub fn failure_reason(
    conn: Connection,
    volume_id: VolumeId,
    accepted_at: Option<Timestamp>,
    state: Follow,
) -> LocalResource<Option<Reason>> {
    let scope = Scope::new();
    LocalResource::new(move || {
        let failed = state
            .end
            .with(|e| matches!(e, Some(End::Failed(_) | End::Gone)));
        let (client, scope) = (conn.client(), scope.clone());
        let since = state
            .started_at
            .get_untracked()
            .or_else(|| accepted_at.clone());
        let volume_id = volume_id.clone();
        async move {
            if !failed {
                return None;
            }
            let client = match client {
                Ok(c) => c,
                Err(e) => return Some(Reason::Unreadable(e)),
            };
            let read = async move {
                let mut attempt = 0;
                loop {
                    let messages = match client.volume_messages(&volume_id).await {
                        None => return Reason::NoMessagesApi,
                        Some(Err(e)) => return Reason::Unreadable(e),
                        Some(Ok(all)) => export_failure_messages(&all, &volume_id, since.as_ref()),
                    };
                    if !messages.is_empty() || attempt >= EMPTY_RETRIES {
                        return Reason::Messages(messages);
                    }
                    attempt += 1;
                    TimeoutFuture::new(EMPTY_RETRY_MS).await;
                }
            };
            scope.run(read).await
        }
    })
}
