//! Disk format and container format: the dialect's choices, with one help line each.

use evs_model::{ContainerFormat, DiskFormat, FormField};
use leptos::prelude::*;

use super::{error_list, field_errors, t};
use crate::app::form::{field_id, FormState};
use crate::app::lang;
use crate::i18n::{container_format_help, disk_format_help, Locale, Msg};

/// The two format selects.
#[component]
pub fn FormatFields(state: FormState, prefix: String) -> impl IntoView {
    let form = state.form;
    let disk_id = field_id(&prefix, FormField::DiskFormat);
    let cont_id = field_id(&prefix, FormField::ContainerFormat);
    // Memos, so typing the name does not rebuild the menus.
    let disk = Memo::new(move |_| form.with(|f| (f.dialect, f.disk_format.clone())));
    let cont = Memo::new(move |_| form.with(|f| (f.dialect, f.container_format.clone())));
    let l = lang();
    let disk_help = move || {
        disk.with(|d| d.1.parse::<DiskFormat>().ok())
            .map_or("", |f| text_help(disk_format_help(f), l))
    };
    // Accepted by the API but known to fail on the dialect's stock server (vhd on Cinder 29).
    let known_to_fail = move || {
        disk.with(|(dialect, current)| {
            current
                .parse::<DiskFormat>()
                .is_ok_and(|f| dialect.disk_format_known_to_fail(f))
        })
    };
    let cont_help = move || {
        cont.with(|c| c.1.parse::<ContainerFormat>().ok())
            .map_or("", |f| text_help(container_format_help(f), l))
    };
    view! {
        <div class="evs-field">
            <label for=disk_id.clone()>{t(Msg::DiskFormat)}</label>
            <select id=disk_id.clone() aria-describedby=format!("{disk_id}-help {disk_id}-warn {disk_id}-err")
                aria-invalid=move || (!field_errors(state, FormField::DiskFormat).is_empty()).to_string()
                on:change=move |ev| form.update(|f| f.disk_format = event_target_value(&ev))>
                {move || {
                    let (dialect, current) = disk.get();
                    dialect.disk_formats().iter().map(|d| {
                        view! { <option value=d.as_str() selected=current == d.as_str()>{d.as_str()}</option> }
                    }).collect_view()
                }}
            </select>
            <p id=format!("{disk_id}-help") class="evs-help">{disk_help}</p>
            {
                let warn_id = format!("{disk_id}-warn");
                move || known_to_fail().then(|| view! {
                    <p id=warn_id.clone() class="evs-help evs-warn-text">{t(Msg::FmtKnownToFail)}</p>
                })
            }
            {error_list(format!("{disk_id}-err"), move || field_errors(state, FormField::DiskFormat))}
        </div>
        <div class="evs-field">
            <label for=cont_id.clone()>{t(Msg::ContainerFormat)}</label>
            <select id=cont_id.clone() aria-describedby=format!("{cont_id}-help {cont_id}-err")
                aria-invalid=move || (!field_errors(state, FormField::ContainerFormat).is_empty()).to_string()
                on:change=move |ev| form.update(|f| f.container_format = event_target_value(&ev))>
                {move || {
                    let (dialect, current) = cont.get();
                    dialect.container_formats().iter().map(|c| {
                        view! { <option value=c.as_str() selected=current == c.as_str()>{c.as_str()}</option> }
                    }).collect_view()
                }}
            </select>
            <p id=format!("{cont_id}-help") class="evs-help">{cont_help}</p>
            {error_list(format!("{cont_id}-err"), move || field_errors(state, FormField::ContainerFormat))}
        </div>
    }
}

fn text_help(m: Msg, l: RwSignal<Locale>) -> &'static str {
    m.get(l.get())
}
