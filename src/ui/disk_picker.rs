//! The disk list: loading, filter, marker paging, refresh; and the disk named by the
//! configuration (`?volume=` or the portal's `volumeId`).

use evs_model::{Volume, VolumeId};
use leptos::prelude::*;

use super::{t, DiskTable, DiskToolbar, ErrorPanel};
use crate::app::batch::Batch;
use crate::app::connection::Connection;
use crate::app::disks::{read_disk, DiskList};
use crate::app::lang;
use crate::i18n::{disk_list_summary, picked_count, BatchMsg, Msg, SearchMsg};
use crate::platform::dom;

/// Lists the project's disks a page at a time and lets the operator pick one.
#[component]
pub fn DiskPicker(
    conn: Connection,
    list: DiskList,
    selected: RwSignal<Option<Volume>>,
    /// A disk id to preselect (from the configuration or `?volume=`).
    preset: Option<VolumeId>,
    /// Loads the preset disk when asked (after the connection was applied).
    load_preset: Trigger,
    on_settings: Callback<()>,
    /// Only load the preset disk: no list (a portal that already picked the disk).
    #[prop(optional)]
    hide_list: bool,
    /// Several disks at once (not offered without).
    #[prop(optional)]
    batch: Option<Batch>,
) -> impl IntoView {
    // The preset disk: read until it loads once.
    let preset_read = read_disk(conn);
    let pending_preset = StoredValue::new(preset);
    Effect::new(move |_| {
        load_preset.track();
        if let Some(id) = pending_preset
            .get_value()
            .filter(|_| conn.is_ready_untracked())
        {
            preset_read.dispatch_local(id);
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(v)) = preset_read.value().get() {
            pending_preset.set_value(None);
            selected.set(Some(v));
        }
    });
    let preset_error = Signal::derive(move || preset_read.value().get().and_then(Result::err));

    let l = lang();
    let shown = Signal::derive(move || list.shown());
    let status_line = move || {
        let lo = l.get();
        if list.loading.get() {
            return Msg::Loading.get(lo).to_string();
        }
        match list.with_page(|p| p.map(|p| (p.volumes.len(), p.skipped.len()))) {
            None if !conn.is_ready() => Msg::NeedConnection.get(lo).to_string(),
            None => String::new(),
            Some((0, 0)) if list.searching_server() => SearchMsg::NoResult.get(lo).to_string(),
            Some((total, skipped)) => {
                disk_list_summary(lo, list.page_no(), total, shown.with(Vec::len), skipped)
            }
        }
    };
    let error = Signal::derive(move || list.error());
    let several_id = [&dom::id_prefix(), "-several"].concat();
    let several = batch.filter(|_| !hide_list).map(|b| {
        let help_id = [&several_id, "-help"].concat();
        view! {
            <div class="evs-field evs-check evs-several">
                <input id=several_id.clone() type="checkbox" aria-describedby=help_id.clone()
                    prop:checked=move || b.is_on()
                    on:change=move |ev| b.set_on(event_target_checked(&ev)) />
                <label for=several_id.clone()>{t(BatchMsg::Several)}</label>
                <p id=help_id class="evs-help">{t(BatchMsg::SeveralHelp)}</p>
            </div>
            {move || b.is_on().then(|| view! {
                <div class="evs-batch-bar">
                    <button type="button" on:click=move |_| shown.with_untracked(|page| b.toggle_page(page))>
                        {t(BatchMsg::SelectPage)}
                    </button>
                    <p class="evs-help" role="status">{move || picked_count(b.picked.with(Vec::len), l.get())}</p>
                </div>
            })}
        }
    });
    view! {
        <div class="evs-picker">
            {several}
            {(!hide_list).then(|| view! {
                <DiskToolbar list />
                <p class="evs-help" role="status">{status_line}</p>
                <ErrorPanel error on_settings />
            })}
            <ErrorPanel error=preset_error on_settings context=Msg::PresetFailed />
            {(!hide_list).then(|| view! {
                <div aria-busy=move || list.loading.get().to_string()>
                    <Transition set_pending=list.loading.write_only()>
                        {move || list.page.get().map(|_| list.with_page(|p| p.is_some()).then(|| view! { <DiskTable volumes=shown selected batch=batch /> }))}
                    </Transition>
                </div>
            })}
        </div>
    }
}
