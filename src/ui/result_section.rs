//! The result of an accepted export: progress first, then the answer's details.

use evs_model::Volume;
use leptos::prelude::*;

use super::{t, CancelExport, FailureReason, MetadataResult, Progress, ResultView};
use crate::app::connection::Connection;
use crate::app::export::Outcome;
use crate::app::metadata::apply_when_active;
use crate::app::progress::follow;
use crate::i18n::Msg;
use crate::platform::dom;

/// The "Export accepted" section. Its heading takes focus when it appears.
#[component]
pub fn ResultSection(
    conn: Connection,
    outcome: Outcome,
    /// Every fresh reading of the disk.
    on_disk: Callback<Volume>,
    /// Moves focus to the token field (a 401 while setting the image's details).
    on_settings: Callback<()>,
) -> impl IntoView {
    let p = dom::id_prefix();
    let heading = NodeRef::<leptos::html::H2>::new();
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
    });
    let image = outcome.image;
    // The console fills in the disk id when the answer left it out.
    let followed = image.volume_id.clone().map(|volume_id| {
        (
            follow(conn, image.image_id.clone(), volume_id.clone(), on_disk),
            volume_id,
        )
    });
    let since = image.updated_at.clone();
    let image_id = image.image_id.clone();
    let image_status = followed.as_ref().map(|f| f.0.image_status);
    // The image's details, set once it is active (never before: the export does not wait).
    let applying = match (followed.as_ref(), outcome.metadata) {
        (Some((f, _)), Some(meta)) => Some((
            apply_when_active(conn, image.image_id.clone(), meta.clone(), *f),
            meta,
        )),
        _ => None,
    };
    let heading_id = [&p, "-result"].concat();
    let labelled_by = heading_id.clone();
    view! {
        <section class="evs-section evs-result" aria-labelledby=labelled_by>
            <h2 id=heading_id tabindex="-1" node_ref=heading>{t(Msg::Accepted)}</h2>
            <p class="evs-help">{t(Msg::AcceptedWhere)}</p>
            {followed.map(|(state, volume_id)| view! {
                <Progress state />
                <CancelExport conn image_id volume_id=volume_id.clone() state />
                <FailureReason conn volume_id since state />
            })}
            {applying.map(|(applying, requested)| view! { <MetadataResult applying requested on_settings /> })}
            <ResultView image image_status=image_status />
        </section>
    }
}
