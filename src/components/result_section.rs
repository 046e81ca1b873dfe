//! The result of an accepted export: progress first, then the answer's details.

use evs_model::{ExportedImage, ImageStatus, Volume};
use leptos::prelude::*;

use super::{Progress, ResultView};
use crate::browser;
use crate::state::Connection;
use crate::text::{t, Msg};

/// One accepted export: the answer, numbered so a new export replaces the old view.
#[derive(Clone, PartialEq)]
pub struct Outcome {
    pub seq: u32,
    pub image: ExportedImage,
}

/// The "Export accepted" section. Its heading takes focus when it appears.
#[component]
pub fn ResultSection(
    conn: Connection,
    outcome: Outcome,
    on_disk: Callback<Volume>,
) -> impl IntoView {
    let p = browser::id_prefix();
    let heading = NodeRef::<leptos::html::H2>::new();
    let image_status = RwSignal::new(None::<ImageStatus>);
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
    });
    let image = outcome.image;
    // The console fills in the disk id when the answer left it out.
    let progress = image.volume_id.clone().map(|volume_id| {
        view! { <Progress conn image_id=image.image_id.clone() volume_id image_status on_disk /> }
    });
    view! {
        <section class="evs-section evs-result" aria-labelledby=format!("{p}-result")>
            <h2 id=format!("{p}-result") tabindex="-1" node_ref=heading>{t(Msg::Accepted)}</h2>
            <p class="evs-help">{t(Msg::AcceptedWhere)}</p>
            {progress}
            <ResultView image image_status />
        </section>
    }
}
