//! A button that copies a value, and says whether it worked.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::{browser, text};

/// "Copy" (accessible name `label`), followed by a polite status.
#[component]
pub fn CopyButton(value: String, label: &'static str) -> impl IntoView {
    let status = RwSignal::new("");
    let copy = move |_| {
        let value = value.clone();
        spawn_local(async move {
            let ok = browser::copy_text(&value).await;
            let _ = status.try_set(if ok { text::COPIED } else { text::COPY_FAILED });
        });
    };
    view! {
        <button type="button" class="evs-small" aria-label=label on:click=copy>{text::COPY}</button>
        <span class="evs-help" role="status">{move || status.get()}</span>
    }
}
