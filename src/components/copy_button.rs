//! A button that copies a value, and says whether it worked.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser;
use crate::text::{lang, t, Msg};

/// "Copy" (accessible name `label`), followed by a polite status.
#[component]
pub fn CopyButton(value: String, label: Msg) -> impl IntoView {
    let status = RwSignal::new(None::<Msg>);
    let l = lang();
    let copy = move |_| {
        let value = value.clone();
        spawn_local(async move {
            let ok = browser::copy_text(&value).await;
            let _ = status.try_set(Some(if ok { Msg::Copied } else { Msg::CopyFailed }));
        });
    };
    view! {
        <button type="button" class="evs-small" aria-label=t(label) on:click=copy>{t(Msg::Copy)}</button>
        <span class="evs-help" role="status">{move || status.get().map(|m| m.get(l.get()))}</span>
    }
}
