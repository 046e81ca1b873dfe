//! The 202 answer: the new image and the disk it came from. Server text is text, always.

use evs_model::{ExportedImage, ImageStatus};
use leptos::prelude::*;

use super::{t, CopyButton, LocalTime, VolumeTypeView};
use crate::app::lang;
use crate::i18n::{Localize, Msg, NONE};
use crate::present::format;

/// The image, the disk and the disk type from the export's answer. `image_status` (from the
/// progress view) fills in the image's current status.
#[component]
pub fn ResultView(
    image: ExportedImage,
    #[prop(default = None)] image_status: Option<RwSignal<Option<ImageStatus>>>,
) -> impl IntoView {
    let ExportedImage {
        volume_id,
        image_id,
        image_name,
        status,
        size,
        disk_format,
        container_format,
        display_description,
        updated_at,
        updated_at_raw,
        volume_type,
        ..
    } = image;
    let formats = format!(
        "{} / {}",
        disk_format.as_deref().unwrap_or(NONE),
        container_format.as_deref().unwrap_or(NONE)
    );
    let l = lang();
    let status = move || status.localize(l.get());
    let live_status = move || {
        image_status
            .and_then(|s| s.get())
            .map_or_else(|| NONE.to_string(), |s| s.localize(l.get()))
    };
    view! {
        <div class="evs-result-grid">
            <section class="evs-card">
                <h3>{t(Msg::Image)}</h3>
                <dl class="evs-facts">
                    <dt>{t(Msg::ImageId)}</dt>
                    <dd><code class="evs-mono evs-id">{image_id.to_string()}</code>" "<CopyButton value=image_id.to_string() label=Msg::CopyId /></dd>
                    <dt>{t(Msg::ColName)}</dt>
                    <dd>{image_name}</dd>
                    <dt>{t(Msg::ImageStatus)}</dt>
                    <dd>{live_status}</dd>
                </dl>
            </section>
            <section class="evs-card">
                <h3>{t(Msg::Disk)}</h3>
                <dl class="evs-facts">
                    <dt>{t(Msg::DiskId)}</dt>
                    <dd class="evs-mono evs-id">{volume_id.map(String::from)}</dd>
                    <dt>{t(Msg::StatusAccepted)}</dt>
                    <dd>{status}</dd>
                    <dt>{t(Msg::ColSize)}</dt>
                    <dd>{size.map_or_else(|| NONE.to_string(), format::size_gb)}</dd>
                    <dt>{t(Msg::Formats)}</dt>
                    <dd>{formats}</dd>
                    <dt>{t(Msg::Description)}</dt>
                    <dd>{display_description.unwrap_or_else(|| NONE.to_string())}</dd>
                    <dt>{t(Msg::Updated)}</dt>
                    <dd><LocalTime ts=updated_at raw=updated_at_raw.unwrap_or_else(|| NONE.to_string()) /></dd>
                </dl>
            </section>
            <VolumeTypeView volume_type />
        </div>
    }
}
