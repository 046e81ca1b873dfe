//! The disk list: loading, filter, marker paging, refresh.

use evs_model::{ApiError, Volume, VolumeId, VolumePage};
use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;

use super::{DiskTable, DiskToolbar, ErrorPanel};
use crate::api::Cancel;
use crate::listing;
use crate::state::Connection;
use crate::text::{lang, Msg};

/// Lists the project's disks a page at a time and lets the operator pick one.
#[component]
pub fn DiskPicker(
    conn: Connection,
    /// Incremented to load the first page again (after the settings change).
    reload: RwSignal<u32>,
    selected: RwSignal<Option<Volume>>,
    /// A disk id to preselect (from the configuration or `?volume=`).
    preset: Option<String>,
    on_settings: Callback<()>,
    /// Only load the preset disk: no list (a portal that already picked the disk).
    #[prop(optional)]
    hide_list: bool,
) -> impl IntoView {
    let page = RwSignal::new(None::<VolumePage>);
    let loading = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let preset_error = RwSignal::new(None::<ApiError>);
    // markers[i] is the marker that loads page i; the last one is the page shown.
    let markers = RwSignal::new(vec![None::<VolumeId>]);
    let filter = RwSignal::new(String::new());
    let pending_preset = StoredValue::new(preset.as_deref().and_then(VolumeId::parse));
    let seq = StoredValue::new(0u32);
    let cancel = SendWrapper::new(Cancel::new());
    {
        let cancel = cancel.clone();
        on_cleanup(move || cancel.cancel());
    }

    let cancel_list = cancel.clone();
    let load = Callback::new(move |marker: Option<VolumeId>| {
        if !conn.is_ready() {
            page.set(None);
            error.set(None);
            return;
        }
        seq.update_value(|n| *n += 1);
        let mine = seq.get_value();
        loading.set(true);
        let (client, cancel, size) = (conn.client(), cancel_list.clone(), conn.page_size);
        spawn_local(async move {
            let result = client.list_volumes(marker.as_ref(), size, &cancel).await;
            if cancel.is_cancelled() || seq.get_value() != mine {
                return;
            }
            match result {
                Ok(pg) => {
                    page.set(Some(pg));
                    error.set(None);
                }
                Err(e) => error.set(Some(e)),
            }
            loading.set(false);
        });
    });
    let load_preset = move || {
        let Some(id) = pending_preset.get_value() else {
            return;
        };
        let (client, cancel) = (conn.client(), cancel.clone());
        spawn_local(async move {
            let result = client.volume(&id, &cancel).await;
            if cancel.is_cancelled() {
                return;
            }
            match result {
                Ok(v) => {
                    pending_preset.set_value(None);
                    preset_error.set(None);
                    selected.set(Some(v));
                }
                Err(e) => preset_error.set(Some(e)),
            }
        });
    };
    Effect::new(move |_| {
        reload.track();
        markers.set(vec![None]);
        filter.set(String::new());
        if !hide_list {
            load.run(None);
        }
        if conn.is_ready() {
            load_preset();
        }
    });

    let current = move || markers.with(|m| m.last().cloned().flatten());
    let on_next = Callback::new(move |_: ()| {
        if let Some(m) = page.with_untracked(|pg| pg.as_ref().and_then(|pg| pg.next_marker.clone()))
        {
            markers.update(|ms| ms.push(Some(m.clone())));
            load.run(Some(m));
        }
    });
    let on_prev = Callback::new(move |_: ()| {
        markers.update(|ms| {
            if ms.len() > 1 {
                ms.pop();
            }
        });
        load.run(current());
    });
    let on_refresh = Callback::new(move |_: ()| load.run(current()));
    let can_prev = Signal::derive(move || !loading.get() && markers.with(|m| m.len() > 1));
    let can_next = Signal::derive(move || {
        !loading.get() && page.with(|pg| pg.as_ref().is_some_and(|pg| pg.next_marker.is_some()))
    });
    let shown = Signal::derive(move || {
        let needle = filter.get();
        page.with(|pg| {
            pg.as_ref().map_or_else(Vec::new, |pg| {
                pg.volumes
                    .iter()
                    .filter(|v| listing::matches(v, &needle))
                    .cloned()
                    .collect()
            })
        })
    });
    let l = lang();
    let status_line =
        move || match page.with(|pg| pg.as_ref().map(|pg| (pg.volumes.len(), pg.skipped.len()))) {
            _ if loading.get() => Msg::Loading.get(l.get()).to_string(),
            None if !conn.is_ready() => Msg::NeedConnection.get(l.get()).to_string(),
            None => String::new(),
            Some((total, skipped)) => listing::summary(
                l.get(),
                markers.with(Vec::len),
                total,
                shown.with(Vec::len),
                skipped,
            ),
        };
    view! {
        <div class="evs-picker">
            {(!hide_list).then(|| view! {
                <DiskToolbar filter can_prev can_next loading on_prev on_next on_refresh />
                <p class="evs-help" role="status">{status_line}</p>
                <ErrorPanel error on_settings />
            })}
            <ErrorPanel error=preset_error on_settings context=Msg::PresetFailed />
            {(!hide_list).then(|| view! {
                <div aria-busy=move || loading.get().to_string()>
                    {move || page.with(|pg| pg.is_some()).then(|| view! { <DiskTable volumes=shown selected /> })}
                </div>
            })}
        </div>
    }
}
