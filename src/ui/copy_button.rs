//! A button that copies a value, and says whether it worked.

use leptos::prelude::*;

use super::t;
use crate::i18n::Msg;
use crate::platform::dom;

/// "Copy" (accessible name `label`), followed by a polite status.
#[component]
pub fn CopyButton(value: String, label: Msg) -> impl IntoView {
    let copy = Action::new_local(|text: &String| {
        let text = text.clone();
        async move { dom::copy_text(&text).await }
    });
    let status = move || {
        copy.value()
            .get()
            .map(|ok| t(if ok { Msg::Copied } else { Msg::CopyFailed })())
    };
    view! {
        <button type="button" class="evs-small" aria-label=t(label) on:click=move |_| {
            copy.dispatch_local(value.clone());
        }>{t(Msg::Copy)}</button>
        <span class="evs-help" role="status">{status}</span>
    }
}
