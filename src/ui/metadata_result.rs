//! How setting the image's details went: waiting for the image, sending, the values the
//! image service now holds, or why not (the image itself is fine either way).

use evs_model::{ImageMetadata, MetadataField};
use leptos::prelude::*;

use super::{t, ErrorPanel};
use crate::app::lang;
use crate::app::metadata::Applying;
use crate::i18n::{metadata_label, MetaMsg, NONE};

/// The "Image details" card of an export's result.
#[component]
pub fn MetadataResult(
    #[prop(into)] applying: Signal<Applying>,
    /// What was asked for.
    requested: ImageMetadata,
    /// Moves focus to the token field (after a 401).
    on_settings: Callback<()>,
) -> impl IntoView {
    let l = lang();
    let entries = requested.entries();
    let status = move || {
        match applying.get() {
            Applying::Waiting => MetaMsg::Waiting,
            Applying::Sending => MetaMsg::Sending,
            Applying::Applied(_) => MetaMsg::Applied,
            Applying::Failed(_) => MetaMsg::Failed,
            Applying::Skipped => MetaMsg::Skipped,
        }
        .get(l.get())
    };
    let error = Signal::derive(move || match applying.get() {
        Applying::Failed(e) => Some(e),
        _ => None,
    });
    // After the update: the values as the image service answered them.
    let shown = move |f: MetadataField, asked: String| match applying.get() {
        Applying::Applied(img) => ImageMetadata::of_image(&img)
            .text(f)
            .unwrap_or_else(|| NONE.to_string()),
        _ => asked,
    };
    view! {
        <section class="evs-card evs-metadata-result">
            <h3>{t(MetaMsg::ResultTitle)}</h3>
            <p class="evs-live" role="status" aria-live="polite"
                class:evs-verdict-ok=move || matches!(applying.get(), Applying::Applied(_))>{status}</p>
            <dl class="evs-facts">
                {entries.into_iter().map(|(f, asked)| view! {
                    <dt>{t(metadata_label(f))}</dt>
                    <dd>{move || shown(f, asked.clone())}</dd>
                }).collect_view()}
            </dl>
            <ErrorPanel error on_settings />
        </section>
    }
}
