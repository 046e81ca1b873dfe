//! Follows the new image (`GET {ims}/v2/images/{id}`) and the disk until the image is
//! active, failed or gone. Backs off, survives transient errors, stops when unmounted.

use evs_model::{ApiError, ImageStatus, Volume, VolumeStatus};
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;

use crate::api::Cancel;
use crate::backoff::{poll_delay_ms, poll_error_delay_ms};
use crate::state::Connection;
use crate::{browser, format, text};

/// How the export ended.
#[derive(Debug, Clone, PartialEq)]
enum End {
    Active,
    Failed(String),
    Gone,
}

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
    let disk_status = RwSignal::new(None::<VolumeStatus>);
    let end = RwSignal::new(None::<End>);
    let retrying = RwSignal::new(None::<ApiError>);
    let elapsed = RwSignal::new(0u64);
    let cancel = SendWrapper::new(Cancel::new());
    {
        let cancel = cancel.clone();
        on_cleanup(move || cancel.cancel());
    }
    let started = browser::now_ms();
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
                        end.set(Some(End::Active));
                    } else if img.status.is_failure() {
                        end.set(Some(End::Failed(img.status.as_str().to_string())));
                    }
                    image_status.set(Some(img.status));
                }
                Err(e) if e.status() == 404 => end.set(Some(End::Gone)),
                Err(e) => {
                    failures += 1;
                    retrying.set(Some(e));
                }
            }
            let finished = end.with_untracked(Option::is_some);
            // The disk: uploading while the image is made, back to available/in-use after.
            // Once the image is done, look a few more times until the disk is back.
            for extra in 0..4u32 {
                if let Ok(v) = client.volume(&volume_id, &c).await {
                    if c.is_cancelled() {
                        return;
                    }
                    disk_status.set(Some(v.status.clone()));
                    on_disk.run(v);
                }
                if c.is_cancelled() {
                    return;
                }
                let uploading =
                    disk_status.with_untracked(|s| s.as_ref() == Some(&VolumeStatus::Uploading));
                if !finished || !uploading {
                    break;
                }
                TimeoutFuture::new(poll_delay_ms(extra)).await;
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
            elapsed.set(((browser::now_ms() - started).max(0.0) / 1000.0) as u64);
        }
    });

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
            <ol class="evs-stages" aria-label="Export stages">
                {text::STAGES.iter().enumerate().map(|(i, label)| {
                    let current = move || stage.get() == Some(i);
                    view! {
                        <li class:evs-done=move || stage.get().is_some_and(|s| s > i || s == 2)
                            class:evs-current=current
                            aria-current=move || current().then_some("step")>{*label}</li>
                    }
                }).collect_view()}
            </ol>
            <dl class="evs-facts">
                <dt>{text::IMAGE_STATUS}</dt>
                <dd>{move || image_status.get().map_or_else(|| text::NONE.to_string(), |s| s.to_string())}</dd>
                <dt>{text::DISK_STATUS}</dt>
                <dd>{move || disk_status.get().map_or_else(|| text::NONE.to_string(), |s| s.to_string())}</dd>
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
