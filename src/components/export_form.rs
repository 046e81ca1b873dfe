//! The export form: every field validates as you type (evs-model's messages), and Export
//! is enabled only when a request could be sent.

use evs_model::{export_check, ExportForm, ExportRequest, FormErrors, FormField, Volume};
use leptos::prelude::*;

use super::{error_list, field_errors, DialectFields, FormatFields, NameField};
use crate::browser;
use crate::gate::{export_gate, Gate};
use crate::l10n;
use crate::text::{self, lang, t, Msg};

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
    let l = lang();
    // A refused submit (Enter in a field while Export is disabled, or a submit that races a
    // change): show the errors, move focus to the first field to correct, and say why.
    let announce = RwSignal::new(String::new());
    let refuse = {
        let p = p.clone();
        move || {
            touched.set(true);
            let g = gate.get_untracked();
            let field = match g {
                Gate::FormInvalid => validation
                    .with_untracked(|v| v.as_ref().err().and_then(FormErrors::first_field)),
                Gate::NeedsForce => Some(FormField::Force),
                _ => None,
            };
            let mut say = text::gate(g).get(l.get_untracked()).to_string();
            if let Some(f) = field {
                if let Some(first) = field_errors(validation, f).into_iter().next() {
                    say.push(' ');
                    say.push_str(&first);
                }
                browser::focus(&format!("{p}-{}", field_suffix(f)));
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
        touched.set(true);
        if !gate.get_untracked().is_ready() {
            refuse();
            return;
        }
        announce.set(String::new());
        if let Ok(request) = validation.get_untracked() {
            on_submit.run(request);
        }
    };
    let force_id = format!("{p}-force");
    let force_help = format!("{p}-force-help");
    let force_err = format!("{p}-force-err");
    let gate_id = format!("{p}-gate");
    view! {
        <form class="evs-form" novalidate on:submit=submit on:keydown=on_enter>
            <NameField form validation touched prefix=p.clone() />
            <FormatFields form validation prefix=p.clone() />
            <DialectFields form validation disk prefix=p.clone() />
            <div class="evs-field evs-check">
                <input id=force_id.clone() type="checkbox"
                    aria-describedby=format!("{force_help} {force_err}")
                    prop:checked=move || form.with(|f| f.force)
                    on:change=move |ev| form.update(|f| f.force = event_target_checked(&ev)) />
                <label for=force_id>{t(Msg::Force)}</label>
                <p id=force_help class="evs-help" class:evs-warn-text=move || check.with(|c| c.as_ref().is_some_and(|c| c.force_required))>
                    {move || check.with(|c| c.as_ref().and_then(|c| l10n::force_explanation(c, l.get()))).unwrap_or_else(|| Msg::ForceGeneric.get(l.get()))}
                </p>
                {error_list(force_err, move || field_errors(validation, FormField::Force))}
            </div>
            <div class="evs-actions">
                <button type="submit" class="evs-primary" aria-describedby=gate_id.clone()
                    disabled=move || !gate.get().is_ready()>{t(Msg::Export)}</button>
                <p id=gate_id class="evs-help evs-gate" class:evs-busy-text=move || busy.get()>{move || text::gate(gate.get()).get(l.get())}</p>
                <p class="evs-sr" role="status">{move || announce.get()}</p>
            </div>
        </form>
    }
}

/// The id suffix of a field's control (ids are `{prefix}-{suffix}`).
fn field_suffix(f: FormField) -> &'static str {
    match f {
        FormField::ImageName => "name",
        FormField::DiskFormat => "disk-format",
        FormField::ContainerFormat => "container-format",
        FormField::Force => "force",
        FormField::OsType => "os",
        FormField::Visibility => "vis",
        FormField::Protected => "protected",
    }
}
