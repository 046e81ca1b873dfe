//! The disk table: one radio button per disk, or one checkbox per disk when several are
//! exported (its accessible name is the disk's name either way).
//! Below 640 px each row becomes a card (see `.evs-disks` in style/main.css).

use evs_model::{Volume, VolumeStatus};
use leptos::prelude::*;

use super::t;
use crate::app::batch::Batch;
use crate::app::lang;
use crate::i18n::{Localize, Msg, NONE};
use crate::platform::dom;
use crate::present::format;

/// The CSS classes of a status badge.
pub fn badge_class(status: &VolumeStatus) -> &'static str {
    match status {
        VolumeStatus::Available => "evs-badge evs-ok",
        VolumeStatus::InUse => "evs-badge evs-info",
        s if s.is_error() => "evs-badge evs-bad",
        s if s.is_busy() => "evs-badge evs-busy",
        _ => "evs-badge",
    }
}

/// The disks of one page; picking one sets `selected`.
#[component]
pub fn DiskTable(
    #[prop(into)] volumes: Signal<Vec<Volume>>,
    selected: RwSignal<Option<Volume>>,
    /// Several disks: checkboxes while "Export several disks" is ticked.
    #[prop(default = None)]
    batch: Option<Batch>,
) -> impl IntoView {
    let group = dom::id_prefix();
    view! {
        <div class="evs-table-wrap">
            <table class="evs-table evs-disks">
                <caption class="evs-sr">{t(Msg::DisksCaption)}</caption>
                <thead>
                    <tr>
                        <th scope="col"><span class="evs-sr">{t(Msg::Pick)}</span></th>
                        <th scope="col">{t(Msg::ColName)}</th>
                        <th scope="col">{t(Msg::ColId)}</th>
                        <th scope="col">{t(Msg::ColStatus)}</th>
                        <th scope="col">{t(Msg::ColSize)}</th>
                        <th scope="col">{t(Msg::ColBoot)}</th>
                        <th scope="col">{t(Msg::ColAttached)}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let group = group.clone();
                        let multi = batch.filter(|b| b.is_on());
                        volumes.get().into_iter().enumerate().map(move |(i, v)| row(&group, i, v, selected, multi)).collect_view()
                    }}
                </tbody>
            </table>
        </div>
    }
}

fn row(
    group: &str,
    i: usize,
    v: Volume,
    selected: RwSignal<Option<Volume>>,
    multi: Option<Batch>,
) -> impl IntoView {
    let rid = [group, "-", &i.to_string()].concat();
    let id = v.id.clone();
    let is_selected = {
        let v = v.clone();
        move || match multi {
            Some(b) => b.is_picked(&v),
            None => selected.with(|s| s.as_ref().is_some_and(|s| s.id == id)),
        }
    };
    let is_picked = is_selected.clone();
    let attached = v
        .attachments
        .iter()
        .map(|a| match (&a.server_id, &a.device) {
            (Some(s), Some(d)) => format!("{s} ({d})"),
            (Some(s), None) => s.clone(),
            (None, Some(d)) => d.clone(),
            (None, None) => NONE.to_string(),
        })
        .collect::<Vec<_>>()
        .join(", ");
    let name = if v.name.is_empty() {
        view! { <span class="evs-muted">{t(Msg::Unnamed)}</span><span class="evs-sr">" "{v.id.to_string()}</span> }.into_any()
    } else {
        view! { <span>{v.name.clone()}</span> }.into_any()
    };
    let l = lang();
    let status = v.status.clone();
    let pick = {
        let v = v.clone();
        move |ev| match multi {
            Some(b) => b.toggle(&v, event_target_checked(&ev)),
            None => selected.set(Some(v.clone())),
        }
    };
    let kind = if multi.is_some() { "checkbox" } else { "radio" };
    view! {
        <tr class:evs-picked=is_picked>
            <td class="evs-pick">
                <input type=kind name=multi.is_none().then(|| group.to_string()) id=rid.clone() prop:checked=is_selected on:change=pick />
            </td>
            <td data-label=t(Msg::ColName) class="evs-name"><label for=rid>{name}</label></td>
            <td data-label=t(Msg::ColId) class="evs-mono evs-id">{v.id.to_string()}</td>
            <td data-label=t(Msg::ColStatus)><span class=badge_class(&v.status)>{move || status.localize(l.get())}</span></td>
            <td data-label=t(Msg::ColSize)>{format::size_gb(v.size)}</td>
            <td data-label=t(Msg::ColBoot)>{t(if v.bootable { Msg::Yes } else { Msg::No })}</td>
            <td data-label=t(Msg::ColAttached) class="evs-mono">{if attached.is_empty() { NONE.to_string() } else { attached }}</td>
        </tr>
    }
}
