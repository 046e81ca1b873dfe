//! The disk list's filter and paging buttons.

use leptos::prelude::*;

use crate::browser;
use crate::text::{t, Msg};

/// Filter field, "Previous page", "Next page" and "Refresh".
#[component]
pub fn DiskToolbar(
    filter: RwSignal<String>,
    #[prop(into)] can_prev: Signal<bool>,
    #[prop(into)] can_next: Signal<bool>,
    #[prop(into)] loading: Signal<bool>,
    on_prev: Callback<()>,
    on_next: Callback<()>,
    on_refresh: Callback<()>,
) -> impl IntoView {
    let id = format!("{}-filter", browser::id_prefix());
    view! {
        <div class="evs-toolbar">
            <div class="evs-field evs-filter">
                <label for=id.clone()>{t(Msg::Filter)}</label>
                <input id=id type="search" autocomplete="off"
                    prop:value=move || filter.get()
                    on:input=move |ev| filter.set(event_target_value(&ev)) />
            </div>
            <div class="evs-pager">
                <button type="button" on:click=move |_| on_prev.run(()) disabled=move || !can_prev.get()>{t(Msg::Prev)}</button>
                <button type="button" on:click=move |_| on_next.run(()) disabled=move || !can_next.get()>{t(Msg::Next)}</button>
                <button type="button" on:click=move |_| on_refresh.run(()) disabled=move || loading.get()>{t(Msg::Refresh)}</button>
            </div>
        </div>
    }
}
