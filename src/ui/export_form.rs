//! The export form: every field validates as you type (evs-model's rules, worded by i18n),
//! and Export is enabled only when a request could be sent.

use evs_model::{ExportForm, ExportRequest, FormField, FormatOffer, Volume};
use leptos::prelude::*;

use super::{
    error_list, field_errors, gate_msg, t, DialectFields, FormatFields, MetadataFields, NameField,
};
use crate::app::form::{field_id, FormState};
use crate::app::lang;
use crate::app::metadata::{metadata_field_id, MetadataState};
use crate::i18n::{force_explanation, Msg};
use crate::platform::dom;

/// The form. `disk` is the picked disk; `busy` is true while a request is in flight;
/// `on_submit` gets a valid request, at most once per click.
#[component]
pub fn ExportFormView(
    form: RwSignal<ExportForm>,
    #[prop(into)] disk: Signal<Option<Volume>>,
    #[prop(into)] busy: Signal<bool>,
    on_submit: Callback<ExportRequest>,
    /// The formats this cloud accepts for the disk (default: the dialect's lists).
    #[prop(optional, into)]
    offer: Option<Signal<FormatOffer>>,
    /// Why the image service's formats could not be read, if so (the dialect's lists are
    /// offered then).
    #[prop(optional, into)]
    schema_error: Option<Signal<Option<evs_model::ApiError>>>,
    /// The image's optional details (not shown without).
    #[prop(optional)]
    metadata: Option<MetadataState>,
) -> impl IntoView {
    let p = dom::id_prefix();
    let offer =
        offer.unwrap_or_else(|| Signal::derive(move || FormatOffer::all(form.with(|f| f.dialect))));
    let metadata_ok = Signal::derive(move || metadata.is_none_or(|m| m.is_valid()));
    let state = FormState::new(form, disk, busy, offer, metadata_ok);
    let schema_error = schema_error.unwrap_or_else(|| Signal::derive(|| None));
    let (validation, check, gate) = (state.validation, state.check, state.gate);
    let l = lang();
    // A refused submit (Enter in a field while Export is disabled, or a submit that races a
    // change): show the errors, move focus to the first field to correct, and say why.
    let announce = RwSignal::new(String::new());
    let refuse = {
        let p = p.clone();
        move || {
            state.touched.set(true);
            let mut say = gate_msg(gate.get_untracked())
                .get(l.get_untracked())
                .to_string();
            if let Some(f) = state.field_to_correct() {
                if let Some(first) = field_errors(state, f).into_iter().next() {
                    say.push(' ');
                    say.push_str(&first);
                }
                dom::focus(&field_id(&p, f));
            } else if let Some(f) = metadata.and_then(|m| m.first_error()) {
                dom::focus(&metadata_field_id(&p, f));
            }
            announce.set(say);
        }
    };
    let on_enter = {
        let refuse = refuse.clone();
        move |ev: leptos::ev::KeyboardEvent| {
            use wasm_bindgen::JsCast;
            let in_text_field = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                .is_some_and(|i| !matches!(i.type_().as_str(), "checkbox" | "radio"));
            if ev.key() == "Enter" && in_text_field && !gate.get_untracked().is_ready() {
                ev.prevent_default();
                refuse();
            }
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        state.touched.set(true);
        if !gate.get_untracked().is_ready() {
            refuse();
            return;
        }
        announce.set(String::new());
        if let Ok(request) = validation.get_untracked() {
            on_submit.run(request);
        }
    };
    let force_id = field_id(&p, FormField::Force);
    let force_help = [&force_id, "-help"].concat();
    let force_err = [&force_id, "-err"].concat();
    let gate_id = [&p, "-gate"].concat();
    view! {
        <form class="evs-form" novalidate on:submit=submit on:keydown=on_enter>
            <NameField state prefix=p.clone() />
            <FormatFields state prefix=p.clone() schema_error />
            <DialectFields state disk prefix=p.clone() />
            <div class="evs-field evs-check">
                <input id=force_id.clone() type="checkbox"
                    aria-describedby=format!("{force_help} {force_err}")
                    prop:checked=move || form.with(|f| f.force)
                    on:change=move |ev| form.update(|f| f.force = event_target_checked(&ev)) />
                <label for=force_id>{t(Msg::Force)}</label>
                <p id=force_help class="evs-help" class:evs-warn-text=move || check.with(|c| c.as_ref().is_some_and(|c| c.force_required))>
                    {move || check.with(|c| c.as_ref().and_then(|c| force_explanation(c, l.get()))).unwrap_or_else(|| Msg::ForceGeneric.get(l.get()))}
                </p>
                {error_list(force_err, move || field_errors(state, FormField::Force))}
            </div>
            {metadata.map(|state| view! {
                <MetadataFields state dialect=Signal::derive(move || form.with(|f| f.dialect)) prefix=p.clone() />
            })}
            <div class="evs-actions">
                <button type="submit" class="evs-primary" aria-describedby=gate_id.clone()
                    disabled=move || !gate.get().is_ready()>{t(Msg::Export)}</button>
                <p id=gate_id class="evs-help evs-gate" class:evs-busy-text=move || busy.get()>{move || gate_msg(gate.get()).get(l.get())}</p>
                <p class="evs-sr" role="status">{move || announce.get()}</p>
            </div>
        </form>
    }
}
