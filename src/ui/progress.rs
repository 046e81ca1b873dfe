//! The progress of an accepted export: stages, statuses, elapsed time, and a live region
//! that says what is happening now and what comes next.

use evs_model::ImageStatus;
use leptos::prelude::*;

use super::{t, Stages};
use crate::app::lang;
use crate::app::progress::{End, Follow};
use crate::i18n::{error_line, sentence, CancelMsg, Localize, Msg, NONE};
use crate::present::format;

/// What is happening now and what comes next, for a running export.
fn now_and_next(s: &ImageStatus) -> Option<Msg> {
    match s.stage() {
        Some(0) => Some(Msg::NowQueued),
        Some(1) => Some(Msg::NowSaving),
        _ => None,
    }
}

/// The view of one export's [`Follow`] state.
#[component]
pub fn Progress(state: Follow) -> impl IntoView {
    let Follow {
        image_status,
        disk_status,
        end,
        retrying,
        elapsed,
        image_size,
        ..
    } = state;
    let stage = Memo::new(move |_| image_status.with(|s| s.as_ref().and_then(ImageStatus::stage)));
    let l = lang();
    let announcement = Memo::new(move |_| {
        let lo = l.get();
        match end.get() {
            Some(End::Active) => Msg::Success.get(lo).to_string(),
            Some(End::Failed(s)) => {
                let mut line = sentence(lo, Msg::ImageStatus, &s.localize(lo));
                line.push(' ');
                line.push_str(Msg::Failed.get(lo));
                line
            }
            Some(End::Gone) => Msg::Gone.get(lo).to_string(),
            Some(End::Cancelled) => {
                let disk = disk_status
                    .get()
                    .map_or_else(|| "…".to_string(), |d| d.localize(lo));
                let mut line = CancelMsg::Cancelled.get(lo).to_string();
                line.push(' ');
                line.push_str(&sentence(lo, Msg::DiskStatus, &disk));
                line
            }
            None => match image_status.get() {
                None => Msg::Waiting.get(lo).to_string(),
                Some(s) => {
                    let disk = disk_status
                        .get()
                        .map_or_else(|| "…".to_string(), |d| d.localize(lo));
                    let mut line = sentence(lo, Msg::ImageStatus, &s.localize(lo));
                    line.push(' ');
                    line.push_str(&sentence(lo, Msg::DiskStatus, &disk));
                    if let Some(next) = now_and_next(&s) {
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
        Some(End::Cancelled) => "evs-live evs-verdict",
        Some(_) => "evs-live evs-verdict evs-verdict-bad",
        None => "evs-live",
    };
    view! {
        <div class="evs-progress">
            <h3>{t(Msg::Progress)}</h3>
            <Stages stage />
            <dl class="evs-facts">
                <dt>{t(Msg::ImageStatus)}</dt>
                <dd>{move || image_status.get().map_or_else(|| NONE.to_string(), |s| s.localize(l.get()))}</dd>
                <dt>{t(Msg::DiskStatus)}</dt>
                <dd>{move || disk_status.get().map_or_else(|| NONE.to_string(), |s| s.localize(l.get()))}</dd>
                {move || image_size.get().map(|b| view! { <dt>{t(Msg::ImageSize)}</dt><dd>{format::bytes(b)}</dd> })}
                <dt>{t(Msg::Elapsed)}</dt>
                <dd>{move || format::elapsed(elapsed.get())}</dd>
            </dl>
            <p class=outcome_class role="status" aria-live="polite">{move || announcement.get()}</p>
            {move || retrying.get().map(|e| view! {
                <p class="evs-retrying">{t(Msg::Retrying)}" "{error_line(&e, l.get())}</p>
            })}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn now_and_next_follow_the_stage() {
        assert_eq!(now_and_next(&ImageStatus::Saving), Some(Msg::NowSaving));
        assert_eq!(now_and_next(&ImageStatus::Queued), Some(Msg::NowQueued));
        assert_eq!(now_and_next(&ImageStatus::Active), None);
    }
}
