//! The 202 answer: the new image and the disk it came from. Server text is text, always.

use evs_model::{ExportedImage, ImageStatus};
use leptos::prelude::*;

use super::{CopyButton, LocalTime, VolumeTypeView};
use crate::{format, text};

/// The image, the disk and the disk type from the export's answer. `image_status` (from the
/// progress view) fills in the image's current status.
#[component]
pub fn ResultView(
    image: ExportedImage,
    #[prop(optional)] image_status: Option<RwSignal<Option<ImageStatus>>>,
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
        disk_format.as_deref().unwrap_or(text::NONE),
        container_format.as_deref().unwrap_or(text::NONE)
    );
    let live_status = move || {
        image_status
            .and_then(|s| s.get())
            .map_or_else(|| text::NONE.to_string(), |s| s.as_str().to_string())
    };
    view! {
        <div class="evs-result-grid">
            <section class="evs-card">
                <h3>{text::IMAGE}</h3>
                <dl class="evs-facts">
                    <dt>{text::IMAGE_ID}</dt>
                    <dd><code class="evs-mono evs-id">{image_id.clone()}</code>" "<CopyButton value=image_id label=text::COPY_ID /></dd>
                    <dt>{text::COL_NAME}</dt>
                    <dd>{image_name}</dd>
                    <dt>{text::IMAGE_STATUS}</dt>
                    <dd>{live_status}</dd>
                </dl>
            </section>
            <section class="evs-card">
                <h3>{text::DISK}</h3>
                <dl class="evs-facts">
                    <dt>{text::DISK_ID}</dt>
                    <dd class="evs-mono evs-id">{volume_id}</dd>
                    <dt>{text::STATUS_ACCEPTED}</dt>
                    <dd>{status}</dd>
                    <dt>{text::COL_SIZE}</dt>
                    <dd>{size.map_or_else(|| text::NONE.to_string(), format::size_gb)}</dd>
                    <dt>{text::FORMATS}</dt>
                    <dd>{formats}</dd>
                    <dt>{text::DESCRIPTION}</dt>
                    <dd>{display_description.unwrap_or_else(|| text::NONE.to_string())}</dd>
                    <dt>{text::UPDATED}</dt>
                    <dd><LocalTime ts=updated_at raw=updated_at_raw.unwrap_or_else(|| text::NONE.to_string()) /></dd>
                </dl>
            </section>
            <VolumeTypeView volume_type />
        </div>
    }
}
