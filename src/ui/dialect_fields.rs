//! The dialect's optional fields: OS type (Huawei EVS) or visibility and protected (Cinder).

use evs_model::{os_type_effect, FormField, OptionalField, OsType, Visibility, Volume};
use leptos::prelude::*;

use super::{error_list, field_errors, t};
use crate::app::form::{field_id, FormState};
use crate::app::lang;
use crate::i18n::{Localize, Msg};

/// OS type with a note on whether it takes effect for the picked disk; or, for Cinder,
/// visibility and protected.
#[component]
pub fn DialectFields(
    state: FormState,
    #[prop(into)] disk: Signal<Option<Volume>>,
    prefix: String,
) -> impl IntoView {
    let dialect = Memo::new(move |_| state.form.with(|f| f.dialect));
    move || {
        if dialect.get().supports(OptionalField::OsType) {
            os_type(state, disk, &prefix).into_any()
        } else {
            visibility(state, &prefix).into_any()
        }
    }
}

fn os_type(state: FormState, disk: Signal<Option<Volume>>, prefix: &str) -> impl IntoView {
    let form = state.form;
    let id = field_id(prefix, FormField::OsType);
    let effect = move || {
        let d = form.with(|f| f.dialect);
        disk.with(|v| v.as_ref().map(|v| os_type_effect(v, d)))
    };
    let current = Memo::new(move |_| form.with(|f| f.os_type.clone()));
    let l = lang();
    view! {
        <div class="evs-field">
            <label for=id.clone()>{t(Msg::OsType)}</label>
            <select id=id.clone() aria-describedby=format!("{id}-help {id}-err")
                on:change=move |ev| form.update(|f| f.os_type = event_target_value(&ev))>
                {move || OsType::ALL.iter().map(|o| {
                    let label = match o { OsType::Linux => "Linux", OsType::Windows => "Windows" };
                    view! { <option value=o.as_str() selected=current.get() == o.as_str()>{label}</option> }
                }).collect_view()}
            </select>
            <p id=format!("{id}-help") class="evs-help"
                class:evs-warn-text=move || effect().is_some_and(|e| !e.applies())>
                {move || effect().map_or_else(|| Msg::OsTypeGeneric.get(l.get()).to_string(), |e| e.localize(l.get()))}
            </p>
            {error_list(format!("{id}-err"), move || field_errors(state, FormField::OsType))}
        </div>
    }
}

fn visibility(state: FormState, prefix: &str) -> impl IntoView {
    let form = state.form;
    let id = field_id(prefix, FormField::Visibility);
    let prot = field_id(prefix, FormField::Protected);
    let current = Memo::new(move |_| form.with(|f| f.visibility.clone()));
    view! {
        <div class="evs-field">
            <label for=id.clone()>{t(Msg::Visibility)}</label>
            <select id=id.clone() aria-describedby=format!("{prefix}-mv {id}-err")
                on:change=move |ev| form.update(|f| f.visibility = event_target_value(&ev))>
                <option value="" selected=move || current.with(String::is_empty)>{t(Msg::VisibilityDefault)}</option>
                {move || Visibility::ALL.iter().map(|v| {
                    view! { <option value=v.as_str() selected=current.get() == v.as_str()>{v.as_str()}</option> }
                }).collect_view()}
            </select>
            {error_list(format!("{id}-err"), move || field_errors(state, FormField::Visibility))}
        </div>
        <div class="evs-field evs-check">
            <input id=prot.clone() type="checkbox" aria-describedby=format!("{prefix}-mv")
                prop:checked=move || form.with(|f| f.protected == Some(true))
                on:change=move |ev| form.update(|f| f.protected = event_target_checked(&ev).then_some(true)) />
            <label for=prot>{t(Msg::Protected)}</label>
            {error_list(format!("{prefix}-protected-err"), move || field_errors(state, FormField::Protected))}
        </div>
        <p id=format!("{prefix}-mv") class="evs-help">{t(Msg::Microversion)}</p>
    }
}
