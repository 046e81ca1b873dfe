//! Disk format and container format: the dialect's choices, with one help line each.

use evs_model::{ContainerFormat, DiskFormat, ExportForm, FormField};
use leptos::prelude::*;

use super::{error_list, field_errors, Validation};
use crate::text;

/// The two format selects.
#[component]
pub fn FormatFields(
    form: RwSignal<ExportForm>,
    validation: Validation,
    prefix: String,
) -> impl IntoView {
    let disk_id = format!("{prefix}-disk-format");
    let cont_id = format!("{prefix}-container-format");
    // Memos, so typing the name does not rebuild the menus.
    let disk = Memo::new(move |_| form.with(|f| (f.dialect, f.disk_format.clone())));
    let cont = Memo::new(move |_| form.with(|f| (f.dialect, f.container_format.clone())));
    let disk_help = move || {
        disk.with(|d| d.1.parse::<DiskFormat>().ok())
            .map(text::disk_format_help)
            .unwrap_or("")
    };
    let cont_help = move || {
        cont.with(|c| c.1.parse::<ContainerFormat>().ok())
            .map(text::container_format_help)
            .unwrap_or("")
    };
    view! {
        <div class="evs-field">
            <label for=disk_id.clone()>{text::DISK_FORMAT}</label>
            <select id=disk_id.clone() aria-describedby=format!("{disk_id}-help {disk_id}-err")
                aria-invalid=move || (!field_errors(validation, FormField::DiskFormat).is_empty()).to_string()
                on:change=move |ev| form.update(|f| f.disk_format = event_target_value(&ev))>
                {move || {
                    let (dialect, current) = disk.get();
                    dialect.disk_formats().iter().map(|d| {
                        view! { <option value=d.as_str() selected=current == d.as_str()>{d.as_str()}</option> }
                    }).collect_view()
                }}
            </select>
            <p id=format!("{disk_id}-help") class="evs-help">{disk_help}</p>
            {error_list(format!("{disk_id}-err"), move || field_errors(validation, FormField::DiskFormat))}
        </div>
        <div class="evs-field">
            <label for=cont_id.clone()>{text::CONTAINER_FORMAT}</label>
            <select id=cont_id.clone() aria-describedby=format!("{cont_id}-help {cont_id}-err")
                aria-invalid=move || (!field_errors(validation, FormField::ContainerFormat).is_empty()).to_string()
                on:change=move |ev| form.update(|f| f.container_format = event_target_value(&ev))>
                {move || {
                    let (dialect, current) = cont.get();
                    dialect.container_formats().iter().map(|c| {
                        view! { <option value=c.as_str() selected=current == c.as_str()>{c.as_str()}</option> }
                    }).collect_view()
                }}
            </select>
            <p id=format!("{cont_id}-help") class="evs-help">{cont_help}</p>
            {error_list(format!("{cont_id}-err"), move || field_errors(validation, FormField::ContainerFormat))}
        </div>
    }
}
