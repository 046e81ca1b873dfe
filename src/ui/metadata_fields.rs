//! The image's optional details (description, tags, minimum disk and memory, OS): the
//! fields the dialect's image service can set after the export, validated as you type.

use evs_model::{Dialect, MetadataField};
use leptos::prelude::*;

use super::{error_list, t};
use crate::app::lang;
use crate::app::metadata::{metadata_field_id, MetadataState};
use crate::i18n::{metadata_label, Localize, MetaMsg};

/// The "Image details (optional)" group for `dialect`.
#[component]
pub fn MetadataFields(
    state: MetadataState,
    #[prop(into)] dialect: Signal<Dialect>,
    prefix: String,
) -> impl IntoView {
    let intro_id = [&prefix, "-meta-intro"].concat();
    let described_by = intro_id.clone();
    // The fields the dialect can set, and any other that holds text (after a dialect switch:
    // its error shows, and nothing typed is lost). A memo, so typing does not rebuild them.
    let shown = Memo::new(move |_| {
        let d = dialect.get();
        state.form.with(|m| {
            MetadataField::ALL
                .iter()
                .copied()
                .filter(|&f| f.supported(d) || !m.field(f).trim().is_empty())
                .collect::<Vec<_>>()
        })
    });
    let fields = move || {
        shown
            .get()
            .into_iter()
            .map(|f| field(state, f, &prefix))
            .collect_view()
    };
    view! {
        <fieldset class="evs-fieldset evs-metadata" aria-describedby=described_by>
            <legend>{t(MetaMsg::Legend)}</legend>
            <p id=intro_id class="evs-help">
                {t(MetaMsg::Intro)}
                {move || (dialect.get() == Dialect::HuaweiEvs).then(|| view! { " "{t(MetaMsg::HuaweiOnly)} })}
            </p>
            {fields}
        </fieldset>
    }
}

fn field(state: MetadataState, f: MetadataField, prefix: &str) -> impl IntoView {
    let form = state.form;
    let id = metadata_field_id(prefix, f);
    let err_id = [&id, "-err"].concat();
    let help = match f {
        MetadataField::Tags => Some(MetaMsg::TagsHelp),
        MetadataField::OsDistro => Some(MetaMsg::OsDistroHelp),
        _ => None,
    };
    let help_id = [&id, "-help"].concat();
    let described = match help {
        Some(_) => format!("{help_id} {err_id}"),
        None => err_id.clone(),
    };
    let l = lang();
    let errors = move || {
        state
            .errors(f)
            .iter()
            .map(|e| e.localize(l.get()))
            .collect::<Vec<_>>()
    };
    let numeric = matches!(f, MetadataField::MinDisk | MetadataField::MinRam);
    view! {
        <div class="evs-field">
            <label for=id.clone()>{t(metadata_label(f))}</label>
            <input id=id type="text" autocomplete="off" spellcheck="false"
                inputmode=numeric.then_some("numeric")
                aria-invalid=move || (!state.errors(f).is_empty()).to_string()
                aria-describedby=described
                prop:value=move || form.with(|m| m.field(f).to_string())
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    form.update(|m| *m.field_mut(f) = v);
                } />
            {help.map(|h| view! { <p id=help_id class="evs-help">{t(h)}</p> })}
            {error_list(err_id, errors)}
        </div>
    }
}
