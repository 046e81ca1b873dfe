//! "Why it failed", under the progress of an export that ended badly: Cinder's message as
//! sent, our explanation of its event and what to do, the request id; on Huawei EVS, what is
//! known and where to look next.

use evs_model::{EventDetail, Timestamp, UserMessage, VolumeId};
use leptos::prelude::*;

use super::{t, LocalTime};
use crate::app::connection::Connection;
use crate::app::failure::{failure_reason, Reason};
use crate::app::lang;
use crate::app::progress::{End, Follow};
use crate::i18n::{error_line, event_advice, event_explanation, Localize, Msg, WhyMsg, NONE};
use crate::platform::dom;

/// The reason of the export followed by `state`, once it failed.
#[component]
pub fn FailureReason(
    conn: Connection,
    volume_id: VolumeId,
    /// When the export was accepted, on the server's clock (older messages are not about it).
    since: Option<Timestamp>,
    state: Follow,
) -> impl IntoView {
    // Read with `get()` rather than through <Transition>/Suspend: the same LocalResource,
    // without another async view type in the download (~3 KB brotli).
    let reason = failure_reason(conn, volume_id, since, state);
    let failed = Memo::new(move |_| {
        state
            .end
            .with(|e| matches!(e, Some(End::Failed(_) | End::Gone)))
    });
    let heading = [&dom::id_prefix(), "-why"].concat();
    move || {
        failed.get().then(|| {
            let labelled_by = heading.clone();
            view! {
                <section class="evs-card evs-why" aria-labelledby=labelled_by>
                    <h3 id=heading.clone()>{t(WhyMsg::Heading)}</h3>
                    {move || match reason.get().flatten() {
                        Some(r) => reason_view(r, state),
                        None => view! { <p role="status">{t(WhyMsg::Asking)}</p> }.into_any(),
                    }}
                </section>
            }
        })
    }
}

fn reason_view(reason: Reason, state: Follow) -> AnyView {
    let l = lang();
    match reason {
        Reason::Messages(messages) => match messages.split_first() {
            Some((newest, older)) => {
                let older = older.to_vec();
                view! {
                    {message_view(newest.clone())}
                    {(!older.is_empty()).then(|| view! {
                        <details class="evs-why-older">
                            <summary>{t(WhyMsg::Earlier)}</summary>
                            <ul>
                                {older.into_iter().map(|m| view! {
                                    <li><code class="evs-mono">{m.event_id}</code>" "{m.user_message}</li>
                                }).collect_view()}
                            </ul>
                        </details>
                    })}
                }
                .into_any()
            }
            None => view! { <p>{t(WhyMsg::NoMessage)}</p> }.into_any(),
        },
        Reason::NoMessagesApi => {
            let image = move || {
                state
                    .image_status
                    .get()
                    .map_or_else(|| NONE.to_string(), |s| s.localize(l.get()))
            };
            let disk = move || {
                state
                    .disk_status
                    .get()
                    .map_or_else(|| NONE.to_string(), |s| s.localize(l.get()))
            };
            view! {
                <p>{t(WhyMsg::NoApi)}</p>
                <dl class="evs-facts">
                    <dt>{t(Msg::ImageStatus)}</dt><dd>{image}</dd>
                    <dt>{t(Msg::DiskStatus)}</dt><dd>{disk}</dd>
                </dl>
                <p>{t(WhyMsg::NoApiNext)}</p>
            }
            .into_any()
        }
        Reason::Unreadable(e) => view! {
            <p>{t(WhyMsg::Unreadable)}" "{move || error_line(&e, l.get())}</p>
            <p>{t(WhyMsg::NoMessage)}</p>
        }
        .into_any(),
    }
}

/// One message: our explanation and advice, then Cinder's words, the event, the request id.
fn message_view(m: UserMessage) -> impl IntoView {
    let l = lang();
    // An event we do not know is explained as an unnamed error.
    let what = m
        .event
        .as_ref()
        .map_or(EventDetail::UnknownError, |e| e.detail.clone());
    let todo = what.clone();
    view! {
        <dl class="evs-facts evs-why-facts">
            <dt>{t(WhyMsg::WhatHappened)}</dt>
            <dd>{move || event_explanation(&what, l.get())}</dd>
            <dt>{t(WhyMsg::WhatToDo)}</dt>
            <dd>{move || event_advice(&todo, l.get())}</dd>
            <dt>{t(WhyMsg::CinderSaid)}</dt>
            <dd class="evs-server-text">{m.user_message}</dd>
            <dt>{t(WhyMsg::Event)}</dt>
            <dd><code class="evs-mono">{m.event_id}</code></dd>
            <dt>{t(Msg::ErrorRequestId)}</dt>
            <dd class="evs-mono">{m.request_id.unwrap_or_else(|| NONE.to_string())}</dd>
            <dt>{t(WhyMsg::Recorded)}</dt>
            <dd><LocalTime ts=m.created_at /></dd>
        </dl>
    }
}
