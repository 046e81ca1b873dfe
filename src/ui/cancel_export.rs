//! "Cancel export" under a running export: the confirmation, then what happened. The
//! verdict of a successful cancel is the progress view's ("The export was cancelled").

use evs_model::{ImageId, VolumeId};
use leptos::prelude::*;

use super::error_panel::error_facts;
use super::{t, ConfirmDelete};
use crate::app::cancel::{Cancel, CancelOutcome};
use crate::app::connection::Connection;
use crate::app::lang;
use crate::app::progress::{End, Follow};
use crate::i18n::{error_line, refusal_text, CancelMsg};

/// The cancel of the export followed by `state`.
#[component]
pub fn CancelExport(
    conn: Connection,
    image_id: ImageId,
    volume_id: VolumeId,
    state: Follow,
) -> impl IntoView {
    let cancel = Cancel::new(conn, image_id, volume_id, state);
    let l = lang();
    let ask = move |_: leptos::ev::MouseEvent| cancel.ask();
    let button = move || {
        view! { <button type="button" class="evs-cancel" on:click=ask>{t(CancelMsg::CancelExport)}</button> }
    };
    let on_confirm = Callback::new(move |_: ()| cancel.confirm());
    let on_keep = Callback::new(move |_: ()| cancel.dismiss());
    move || {
        if cancel.pending() {
            return view! { <p class="evs-cancel-note" role="status">{t(CancelMsg::Deleting)}</p> }
                .into_any();
        }
        let offered = cancel.offered();
        match cancel.outcome() {
            Some(CancelOutcome::Cancelled) => ().into_any(),
            Some(CancelOutcome::AlreadyActive) => note(CancelMsg::AlreadyActive).into_any(),
            Some(CancelOutcome::AlreadyEnded(_)) => note(CancelMsg::AlreadyEnded).into_any(),
            Some(CancelOutcome::Refused(why, e)) => view! {
                <div class="evs-error" role="alert">
                    <p>{move || refusal_text(&why, l.get())}</p>
                    <p class="evs-error-message">{error_line(&e, l.get())}</p>
                    {error_facts(&e, l.get())}
                    {offered.then(button)}
                </div>
            }
            .into_any(),
            Some(CancelOutcome::Unchecked(e)) => view! {
                <div class="evs-error" role="alert">
                    <p>{t(CancelMsg::Unchecked)}" "{move || error_line(&e, l.get())}</p>
                    {offered.then(button)}
                </div>
            }
            .into_any(),
            None if cancel.confirming.get() && state.end.get() == Some(End::Active) => {
                note(CancelMsg::AlreadyActive).into_any()
            }
            None if cancel.confirming.get() && offered => view! {
                <ConfirmDelete heading=CancelMsg::ConfirmHeading body=CancelMsg::ConfirmWhat
                    keep=CancelMsg::Keep on_confirm on_keep />
            }
            .into_any(),
            None if offered => button().into_any(),
            None => ().into_any(),
        }
    }
}

fn note(m: CancelMsg) -> impl IntoView {
    view! { <p class="evs-cancel-note" role="status">{t(m)}</p> }
}
