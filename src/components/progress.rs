//! Follows the new image (`GET {ims}/v2/images/{id}`) and the disk until the image is
//! active, failed or gone. Backs off, survives transient errors, stops when unmounted.

use evs_model::{ImageStatus, Volume};
use leptos::prelude::*;

use super::follow::{follow, End, FollowState};
use super::Stages;
use crate::state::Connection;
use crate::{format, text};

/// The stages, statuses, elapsed time and a live region that announces changes.
#[component]
pub fn Progress(
    conn: Connection,
    image_id: String,
    volume_id: String,
    /// Written here, read by the result view.
    image_status: RwSignal<Option<ImageStatus>>,
    /// Every fresh reading of the disk.
    on_disk: Callback<Volume>,
) -> impl IntoView {
    let FollowState {
        disk_status,
        end,
        retrying,
        elapsed,
        image_size,
    } = follow(conn, image_id, volume_id, image_status, on_disk);
    let stage = Memo::new(move |_| image_status.with(|s| s.as_ref().and_then(ImageStatus::stage)));
    let announcement = Memo::new(move |_| match end.get() {
        Some(End::Active) => text::SUCCESS.to_string(),
        Some(End::Failed(s)) => format!("Image status: {s}. {}", text::FAILED),
        Some(End::Gone) => text::GONE.to_string(),
        None => match image_status.get() {
            None => text::WAITING.to_string(),
            Some(s) => format!(
                "Image status: {s}. Disk status: {}.",
                disk_status
                    .get()
                    .map_or_else(|| "…".to_string(), |d| d.to_string())
            ),
        },
    });
    let outcome_class = move || match end.get() {
        Some(End::Active) => "evs-live evs-verdict evs-verdict-ok",
        Some(_) => "evs-live evs-verdict evs-verdict-bad",
        None => "evs-live",
    };
    view! {
        <div class="evs-progress">
            <h3>{text::PROGRESS}</h3>
            <Stages stage />
            <dl class="evs-facts">
                <dt>{text::IMAGE_STATUS}</dt>
                <dd>{move || image_status.get().map_or_else(|| text::NONE.to_string(), |s| s.to_string())}</dd>
                <dt>{text::DISK_STATUS}</dt>
                <dd>{move || disk_status.get().map_or_else(|| text::NONE.to_string(), |s| s.to_string())}</dd>
                {move || image_size.get().map(|b| view! { <dt>{text::IMAGE_SIZE}</dt><dd>{format::bytes(b)}</dd> })}
                <dt>{text::ELAPSED}</dt>
                <dd>{move || format::elapsed(elapsed.get())}</dd>
            </dl>
            <p class=outcome_class role="status" aria-live="polite">{move || announcement.get()}</p>
            {move || retrying.get().map(|e| view! {
                <p class="evs-retrying">{text::RETRYING}" "{e.to_string()}</p>
            })}
        </div>
    }
}
