//! The export's stages, queued → saving → active, with the current one marked.

use leptos::prelude::*;

use super::t;
use crate::i18n::STAGES;

/// The stage list. `stage` is the index of the current stage (0–2), if known.
#[component]
pub fn Stages(#[prop(into)] stage: Signal<Option<usize>>) -> impl IntoView {
    view! {
        <ol class="evs-stages" aria-label=t(crate::i18n::Msg::StagesLabel)>
            {STAGES
                .iter()
                .enumerate()
                .map(|(i, label)| {
                    let current = move || stage.get() == Some(i);
                    let done = move || stage.get().is_some_and(|s| s > i || s == STAGES.len() - 1);
                    view! {
                        <li class:evs-done=done class:evs-current=current aria-current=move || current().then_some("step")>
                            {t(*label)}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}
