//! The image name: counter against the dialect's limit, errors as you type.

use evs_model::{Dialect, FormField};
use leptos::prelude::*;

use super::{error_list, field_errors, t};
use crate::app::form::{field_id, FormState};
use crate::app::lang;
use crate::i18n::Msg;
use crate::present::format;

/// The "Image name" input. Errors show once the field was typed in (or Export tried).
#[component]
pub fn NameField(state: FormState, prefix: String) -> impl IntoView {
    let (form, touched) = (state.form, state.touched);
    let id = field_id(&prefix, FormField::ImageName);
    let err_id = format!("{prefix}-name-err");
    let count_id = format!("{prefix}-name-count");
    let help_id = format!("{prefix}-name-help");
    let errors = move || {
        if touched.get() {
            field_errors(state, FormField::ImageName)
        } else {
            Vec::new()
        }
    };
    let invalid = move || (!errors().is_empty()).to_string();
    let limit = move || form.with(|f| f.dialect.name_limit());
    let count = move || form.with(|f| f.image_name.chars().count());
    let over = Memo::new(move |_| count() > limit());
    let l = lang();
    view! {
        <div class="evs-field evs-name-field">
            <label for=id.clone()>{t(Msg::NameLabel)}</label>
            <input id=id type="text" autocomplete="off" spellcheck="false" required
                aria-invalid=invalid
                aria-describedby=format!("{err_id} {count_id} {help_id}")
                prop:value=move || form.with(|f| f.image_name.clone())
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    form.update(|f| f.image_name = v);
                    touched.set(true);
                } />
            <div class="evs-meta">
                <p id=help_id class="evs-help">
                    {move || match form.with(|f| f.dialect) {
                        Dialect::HuaweiEvs => Msg::NameHelpEvs,
                        Dialect::OpenStackCinder => Msg::NameHelpCinder,
                    }.get(l.get())}
                </p>
                <p id=count_id class="evs-count" class:evs-over=over>
                    <span class="evs-sr">{t(Msg::Characters)}</span>{move || format::counter(count(), limit())}
                </p>
            </div>
            {error_list(err_id, errors)}
        </div>
    }
}
