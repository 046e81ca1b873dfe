//! The in-page confirmation before an image is deleted (cancelling an export, removing a
//! leftover): what will happen, then "Delete the image" or keep it. No browser dialog.

use leptos::prelude::*;

use super::t;
use crate::app::lang;
use crate::i18n::CancelMsg;

/// Asks before deleting. Focus moves to the question when it appears.
#[component]
pub fn ConfirmDelete(
    /// The question (also the group's accessible name).
    heading: CancelMsg,
    /// What will happen.
    body: CancelMsg,
    /// The label of the button that keeps the image.
    keep: CancelMsg,
    on_confirm: Callback<()>,
    on_keep: Callback<()>,
) -> impl IntoView {
    let l = lang();
    let panel = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(el) = panel.get() {
            let _ = el.focus();
        }
    });
    view! {
        <div class="evs-confirm" role="group" aria-label=move || heading.get(l.get()) tabindex="-1" node_ref=panel>
            <p><strong>{t(heading)}</strong></p>
            <p>{t(body)}</p>
            <div class="evs-confirm-actions">
                <button type="button" class="evs-danger" on:click=move |_| on_confirm.run(())>{t(CancelMsg::DeleteImage)}</button>
                <button type="button" on:click=move |_| on_keep.run(())>{t(keep)}</button>
            </div>
        </div>
    }
}
