//! Several disks: the name pattern, the formats and options all the disks share, the preview
//! (each disk's image name and verdict) and "Export N disks".

use evs_model::{ExportForm, FormField, NamePattern, Verdict, Volume};
use leptos::prelude::*;

use super::{error_list, t, DialectFields, FormatFields};
use crate::app::batch::Batch;
use crate::app::form::{field_id, FormState};
use crate::app::formats::Formats;
use crate::app::lang;
use crate::i18n::{export_n, verdict_text, BatchMsg, Localize, Msg};
use crate::platform::dom;

/// The batch form. `form` holds the formats and options the disks share.
#[component]
pub fn BatchFormView(batch: Batch, form: RwSignal<ExportForm>, formats: Formats) -> impl IntoView {
    let p = dom::id_prefix();
    let l = lang();
    let busy = Signal::derive(move || batch.busy());
    let state = FormState::new(
        form,
        Signal::derive(|| None::<Volume>),
        busy,
        Signal::derive(move || formats.general()),
        Signal::derive(|| true),
    );
    let pattern_id = [&p, "-pattern"].concat();
    let pattern_help = [&pattern_id, "-help"].concat();
    let pattern_err = [&pattern_id, "-err"].concat();
    let pattern_errors = move || {
        batch
            .pattern
            .with(|s| NamePattern::parse(s).err())
            .map(|e| e.localize(l.get()))
            .into_iter()
            .collect::<Vec<_>>()
    };
    let force_id = field_id(&p, FormField::Force);
    let gate = move || {
        let lo = l.get();
        if batch.busy() {
            BatchMsg::Running.get(lo)
        } else if batch.picked.with(Vec::is_empty) {
            BatchMsg::NonePicked.get(lo)
        } else if batch.eligible() == 0 {
            BatchMsg::NoneEligible.get(lo)
        } else {
            ""
        }
    };
    let gate_id = [&p, "-batch-gate"].concat();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        batch.send();
    };
    let rows = move || {
        let lo = l.get();
        batch.plan.with(|plan| {
            plan.as_ref().ok().map(|plan| {
                plan.iter()
                    .map(|item| {
                        let class = match item.verdict {
                            Verdict::Eligible => "evs-ok-text",
                            Verdict::NeedsForce => "evs-warn-text",
                            Verdict::Refused(_) => "evs-bad-text",
                        };
                        view! {
                            <tr>
                                <td data-label=t(Msg::Disk)>{item.volume.display_name().to_string()}</td>
                                <td data-label=t(Msg::NameLabel) class="evs-mono">{item.image_name.clone()}</td>
                                <td data-label=t(BatchMsg::ColVerdict) class=class>{verdict_text(&item.verdict, lo)}</td>
                            </tr>
                        }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        <form class="evs-form evs-batch-form" novalidate on:submit=submit>
            <div class="evs-field">
                <label for=pattern_id.clone()>{t(BatchMsg::Pattern)}</label>
                <input id=pattern_id type="text" autocomplete="off" spellcheck="false"
                    aria-describedby=format!("{pattern_help} {pattern_err}")
                    aria-invalid=move || (!pattern_errors().is_empty()).to_string()
                    prop:value=move || batch.pattern.get()
                    on:input=move |ev| batch.pattern.set(event_target_value(&ev)) />
                <p id=pattern_help class="evs-help">{t(BatchMsg::PatternHelp)}</p>
                {error_list(pattern_err, pattern_errors)}
            </div>
            <FormatFields state prefix=p.clone() schema_error=Signal::derive(move || formats.schema_error()) />
            <DialectFields state disk=Signal::derive(|| None::<Volume>) prefix=p.clone() />
            <div class="evs-field evs-check">
                <input id=force_id.clone() type="checkbox"
                    prop:checked=move || form.with(|f| f.force)
                    on:change=move |ev| form.update(|f| f.force = event_target_checked(&ev)) />
                <label for=force_id>{t(Msg::Force)}</label>
            </div>
            <div class="evs-table-wrap">
                <table class="evs-table evs-preview">
                    <caption>{t(BatchMsg::Preview)}</caption>
                    <thead><tr>
                        <th scope="col">{t(Msg::Disk)}</th>
                        <th scope="col">{t(Msg::NameLabel)}</th>
                        <th scope="col">{t(BatchMsg::ColVerdict)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <div class="evs-actions">
                <button type="submit" class="evs-primary" aria-describedby=gate_id.clone()
                    disabled=move || batch.busy() || batch.eligible() == 0>
                    {move || export_n(batch.eligible(), l.get())}
                </button>
                <p id=gate_id class="evs-help evs-gate">{gate}</p>
            </div>
        </form>
    }
}
