//! Disk format and container format: the formats this cloud accepts for the picked disk
//! (`app::formats`), with one help line each, and why the others are not offered.

use evs_model::{ApiError, ContainerFormat, DiskFormat, FormField, FormatOffer};
use leptos::prelude::*;

use super::{error_list, field_errors, t};
use crate::app::form::{field_id, FormState};
use crate::app::lang;
use crate::i18n::{
    colon, container_format_help, disk_format_help, withheld_reason, FormatsMsg, Locale, Msg,
};

/// The two format selects. `schema_error`: why the image service's formats could not be read.
#[component]
pub fn FormatFields(
    state: FormState,
    prefix: String,
    #[prop(into)] schema_error: Signal<Option<ApiError>>,
) -> impl IntoView {
    let (form, offer) = (state.form, state.offer);
    let disk_id = field_id(&prefix, FormField::DiskFormat);
    let cont_id = field_id(&prefix, FormField::ContainerFormat);
    let notes_id = [&prefix, "-formats-note"].concat();
    // Memos, so typing the name does not rebuild the menus.
    let disk = Memo::new(move |_| form.with(|f| (f.dialect, f.disk_format.clone())));
    let cont = Memo::new(move |_| form.with(|f| f.container_format.clone()));
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
        cont.with(|c| c.parse::<ContainerFormat>().ok())
            .map_or("", |f| text_help(container_format_help(f), l))
    };
    let schema_failed = move || schema_error.with(Option::is_some);
    // What the offer says about this cloud and this disk.
    let note = move || {
        let lo = l.get();
        offer.with(|o| {
            let mut lines: Vec<&'static str> = Vec::new();
            if o.disk.is_empty() || o.container.is_empty() {
                lines.push(FormatsMsg::NoneOffered.get(lo));
            }
            if o.encrypted {
                lines.push(FormatsMsg::Encrypted.get(lo));
            } else if o.from_schema {
                lines.push(FormatsMsg::FromSchema.get(lo));
            }
            if schema_failed() {
                lines.push(FormatsMsg::SchemaFailed.get(lo));
            }
            lines
        })
    };
    let withheld = move || {
        let lo = l.get();
        offer.with(|o| withheld_lines(o, lo))
    };
    view! {
        <div class="evs-field">
            <label for=disk_id.clone()>{t(Msg::DiskFormat)}</label>
            <select id=disk_id.clone() aria-describedby=format!("{disk_id}-help {disk_id}-warn {notes_id} {disk_id}-err")
                aria-invalid=move || (!field_errors(state, FormField::DiskFormat).is_empty()).to_string()
                on:change=move |ev| form.update(|f| f.disk_format = event_target_value(&ev))>
                {move || {
                    let current = disk.with(|d| d.1.clone());
                    offer.with(|o| o.disk.iter().map(|d| {
                        view! { <option value=d.as_str() selected=current == d.as_str()>{d.as_str()}</option> }
                    }).collect_view())
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
            <select id=cont_id.clone() aria-describedby=format!("{cont_id}-help {notes_id} {cont_id}-err")
                aria-invalid=move || (!field_errors(state, FormField::ContainerFormat).is_empty()).to_string()
                on:change=move |ev| form.update(|f| f.container_format = event_target_value(&ev))>
                {move || {
                    let current = cont.get();
                    offer.with(|o| o.container.iter().map(|c| {
                        view! { <option value=c.as_str() selected=current == c.as_str()>{c.as_str()}</option> }
                    }).collect_view())
                }}
            </select>
            <p id=format!("{cont_id}-help") class="evs-help">{cont_help}</p>
            {error_list(format!("{cont_id}-err"), move || field_errors(state, FormField::ContainerFormat))}
        </div>
        <div id=notes_id class="evs-help evs-formats-note">
            {move || note().into_iter().map(|line| view! { <p>{line}</p> }).collect_view()}
            {move || {
                let lines = withheld();
                let sep = colon(l.get_untracked());
                (!lines.is_empty()).then(|| view! {
                    <details class="evs-why">
                        <summary>{t(FormatsMsg::WhyNot)}</summary>
                        <ul>{lines.into_iter().map(|(name, why)| view! {
                            <li><code>{name}</code>{sep}{why}</li>
                        }).collect_view()}</ul>
                    </details>
                })
            }}
        </div>
    }
}

/// Each format of the dialect that is not offered, with its reason.
fn withheld_lines(o: &FormatOffer, l: Locale) -> Vec<(&'static str, &'static str)> {
    o.withheld_disk
        .iter()
        .map(|(f, w)| (f.as_str(), withheld_reason(*w, l)))
        .chain(
            o.withheld_container
                .iter()
                .map(|(f, w)| (f.as_str(), withheld_reason(*w, l))),
        )
        .collect()
}

fn text_help(m: Msg, l: RwSignal<Locale>) -> &'static str {
    m.get(l.get())
}
