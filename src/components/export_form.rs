//! The export form: every field validates as you type (evs-model's messages), and Export
//! is enabled only when a request could be sent.

use evs_model::{export_check, ExportForm, ExportRequest, FormField, Volume};
use leptos::prelude::*;

use super::{error_list, field_errors, DialectFields, FormatFields, NameField};
use crate::browser;
use crate::gate::export_gate;
use crate::text;

/// The form. `disk` is the picked disk; `busy` is true while a request is in flight;
/// `on_submit` gets a valid request, at most once per click.
#[component]
pub fn ExportFormView(
    form: RwSignal<ExportForm>,
    #[prop(into)] disk: Signal<Option<Volume>>,
    #[prop(into)] busy: Signal<bool>,
    on_submit: Callback<ExportRequest>,
) -> impl IntoView {
    let p = browser::id_prefix();
    let validation = Memo::new(move |_| form.with(ExportForm::validate));
    let check = Memo::new(move |_| {
        let dialect = form.with(|f| f.dialect);
        disk.with(|d| d.as_ref().map(|v| export_check(v, dialect)))
    });
    let gate = Memo::new(move |_| {
        check.with(|c| {
            export_gate(
                busy.get(),
                c.as_ref(),
                form.with(|f| f.force),
                validation.with(Result::is_ok),
            )
        })
    });
    let touched = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        touched.set(true);
        if !gate.get_untracked().is_ready() {
            return;
        }
        if let Ok(request) = validation.get_untracked() {
            on_submit.run(request);
        }
    };
    let force_id = format!("{p}-force");
    let force_help = format!("{p}-force-help");
    let force_err = format!("{p}-force-err");
    let gate_id = format!("{p}-gate");
    view! {
        <form class="evs-form" novalidate on:submit=submit>
            <NameField form validation touched prefix=p.clone() />
            <FormatFields form validation prefix=p.clone() />
            <DialectFields form validation disk prefix=p.clone() />
            <div class="evs-field evs-check">
                <input id=force_id.clone() type="checkbox"
                    aria-describedby=format!("{force_help} {force_err}")
                    prop:checked=move || form.with(|f| f.force)
                    on:change=move |ev| form.update(|f| f.force = event_target_checked(&ev)) />
                <label for=force_id>{text::FORCE}</label>
                <p id=force_help class="evs-help" class:evs-warn-text=move || check.with(|c| c.as_ref().is_some_and(|c| c.force_required))>
                    {move || check.with(|c| c.as_ref().and_then(|c| c.force_explanation())).unwrap_or("Only needed for a disk attached to a server (status in-use).")}
                </p>
                {error_list(force_err, move || field_errors(validation, FormField::Force))}
            </div>
            <div class="evs-actions">
                <button type="submit" class="evs-primary" aria-describedby=gate_id.clone()
                    disabled=move || !gate.get().is_ready()>{text::EXPORT}</button>
                <p id=gate_id class="evs-help evs-gate" class:evs-busy-text=move || busy.get()>{move || text::gate(gate.get())}</p>
            </div>
        </form>
    }
}
