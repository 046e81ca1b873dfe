//! Follows the new image (`GET {ims}/v2/images/{id}`) and the disk until the image is
//! active, failed or gone. Backs off, survives transient errors, stops when unmounted.

use evs_model::{ImageId, ImageStatus, Volume, VolumeId};
use leptos::prelude::*;

use super::follow::{follow, End, FollowState};
use super::Stages;
use crate::state::Connection;
use crate::text::{self, lang, t, Msg};
use crate::{format, l10n};

/// The stages, statuses, elapsed time and a live region that announces changes.
#[component]
pub fn Progress(
    conn: Connection,
    image_id: ImageId,
    volume_id: VolumeId,
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
    let l = lang();
    let announcement = Memo::new(move |_| {
        let lo = l.get();
        match end.get() {
            Some(End::Active) => Msg::Success.get(lo).to_string(),
            Some(End::Failed(s)) => {
                let s = l10n::image_status(&ImageStatus::parse(&s), lo);
                let mut line = l10n::sentence(lo, Msg::ImageStatus, &s);
                line.push(' ');
                line.push_str(Msg::Failed.get(lo));
                line
            }
            Some(End::Gone) => Msg::Gone.get(lo).to_string(),
            None => match image_status.get() {
                None => Msg::Waiting.get(lo).to_string(),
                Some(s) => {
                    let disk = disk_status
                        .get()
                        .map_or_else(|| "…".to_string(), |d| l10n::volume_status(&d, lo));
                    let mut line =
                        l10n::sentence(lo, Msg::ImageStatus, &l10n::image_status(&s, lo));
                    line.push(' ');
                    line.push_str(&l10n::sentence(lo, Msg::DiskStatus, &disk));
                    if let Some(next) = l10n::now_and_next(&s) {
                        line.push(' ');
                        line.push_str(next.get(lo));
                    }
                    line
                }
            },
        }
    });
    let outcome_class = move || match end.get() {
        Some(End::Active) => "evs-live evs-verdict evs-verdict-ok",
        Some(_) => "evs-live evs-verdict evs-verdict-bad",
        None => "evs-live",
    };
    view! {
        <div class="evs-progress">
            <h3>{t(Msg::Progress)}</h3>
            <Stages stage />
            <dl class="evs-facts">
                <dt>{t(Msg::ImageStatus)}</dt>
                <dd>{move || image_status.get().map_or_else(|| text::NONE.to_string(), |s| l10n::image_status(&s, l.get()))}</dd>
                <dt>{t(Msg::DiskStatus)}</dt>
                <dd>{move || disk_status.get().map_or_else(|| text::NONE.to_string(), |s| l10n::volume_status(&s, l.get()))}</dd>
                {move || image_size.get().map(|b| view! { <dt>{t(Msg::ImageSize)}</dt><dd>{format::bytes(b)}</dd> })}
                <dt>{t(Msg::Elapsed)}</dt>
                <dd>{move || format::elapsed(elapsed.get())}</dd>
            </dl>
            <p class=outcome_class role="status" aria-live="polite">{move || announcement.get()}</p>
            {move || retrying.get().map(|e| view! {
                <p class="evs-retrying">{t(Msg::Retrying)}" "{l10n::error_line(&e, l.get())}</p>
            })}
        </div>
    }
}
