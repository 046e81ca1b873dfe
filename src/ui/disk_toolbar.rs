//! The disk list's filter and paging buttons.

use leptos::prelude::*;

use super::t;
use crate::app::disks::DiskList;
use crate::app::lang;
use crate::i18n::{search_fallback, Msg, SearchMsg};
use crate::platform::dom;

/// Filter field, "Previous page", "Next page" and "Refresh".
#[component]
pub fn DiskToolbar(list: DiskList) -> impl IntoView {
    let id = [&dom::id_prefix(), "-filter"].concat();
    let note_id = [&id, "-note"].concat();
    let l = lang();
    // Who searches: the server (every disk), or this page only (and why).
    let note = move || {
        let lo = l.get();
        match list.fallback() {
            Some(e) => search_fallback(&e, lo),
            None if list.searching_server() => SearchMsg::Server.get(lo).to_string(),
            None => String::new(),
        }
    };
    view! {
        <div class="evs-toolbar">
            <div class="evs-field evs-filter">
                <label for=id.clone()>{t(Msg::Filter)}</label>
                <input id=id type="search" autocomplete="off" aria-describedby=note_id.clone()
                    prop:value=move || list.filter.get()
                    on:input=move |ev| list.filter.set(event_target_value(&ev)) />
                <p id=note_id class="evs-help" class:evs-warn-text=move || list.fallback().is_some()>{note}</p>
            </div>
            <div class="evs-pager">
                <button type="button" on:click=move |_| list.prev() disabled=move || !list.can_prev()>{t(Msg::Prev)}</button>
                <button type="button" on:click=move |_| list.next() disabled=move || !list.can_next()>{t(Msg::Next)}</button>
                <button type="button" on:click=move |_| list.refresh() disabled=move || list.loading.get()>{t(Msg::Refresh)}</button>
            </div>
        </div>
    }
}
