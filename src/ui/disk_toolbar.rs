//! The disk list's filter and paging buttons.

use leptos::prelude::*;

use super::t;
use crate::app::disks::DiskList;
use crate::i18n::Msg;
use crate::platform::dom;

/// Filter field, "Previous page", "Next page" and "Refresh".
#[component]
pub fn DiskToolbar(list: DiskList) -> impl IntoView {
    let id = [&dom::id_prefix(), "-filter"].concat();
    view! {
        <div class="evs-toolbar">
            <div class="evs-field evs-filter">
                <label for=id.clone()>{t(Msg::Filter)}</label>
                <input id=id type="search" autocomplete="off"
                    prop:value=move || list.filter.get()
                    on:input=move |ev| list.filter.set(event_target_value(&ev)) />
            </div>
            <div class="evs-pager">
                <button type="button" on:click=move |_| list.prev() disabled=move || !list.can_prev()>{t(Msg::Prev)}</button>
                <button type="button" on:click=move |_| list.next() disabled=move || !list.can_next()>{t(Msg::Next)}</button>
                <button type="button" on:click=move |_| list.refresh() disabled=move || list.loading.get()>{t(Msg::Refresh)}</button>
            </div>
        </div>
    }
}
