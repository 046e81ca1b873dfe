//! The disk type (`volume_type`) with every extra spec, keys and values as text.

use evs_model::VolumeType;
use leptos::prelude::*;

use super::local_time::local_time_of;
use crate::text;

/// The disk type card; says so when the answer had none.
#[component]
pub fn VolumeTypeView(volume_type: Option<VolumeType>) -> impl IntoView {
    let body = match volume_type {
        None => view! { <p class="evs-help">{text::NO_TYPE}</p> }.into_any(),
        Some(t) => {
            let or_none = |s: Option<String>| s.unwrap_or_else(|| text::NONE.to_string());
            let public = match t.is_public {
                Some(true) => text::YES,
                Some(false) => text::NO,
                None => text::NONE,
            };
            let specs = if t.extra_specs.is_empty() {
                view! { <p class="evs-help">"No extra specs."</p> }.into_any()
            } else {
                view! {
                    <div class="evs-table-wrap">
                        <table class="evs-table evs-specs">
                            <caption>{text::EXTRA_SPECS}</caption>
                            <thead><tr><th scope="col">{text::KEY}</th><th scope="col">{text::VALUE}</th></tr></thead>
                            <tbody>
                                {t.extra_specs.into_iter().map(|(k, v)| view! {
                                    <tr><th scope="row" class="evs-mono">{k}</th><td class="evs-mono">{v}</td></tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
                .into_any()
            };
            view! {
                <dl class="evs-facts">
                    <dt>{text::COL_NAME}</dt><dd>{or_none(t.name)}</dd>
                    <dt>{text::TYPE_ID}</dt><dd class="evs-mono evs-id">{or_none(t.id)}</dd>
                    <dt>{text::PUBLIC}</dt><dd>{public}</dd>
                    <dt>{text::DESCRIPTION}</dt><dd>{or_none(t.description)}</dd>
                    <dt>{text::CREATED}</dt><dd>{local_time_of(t.created_at)}</dd>
                    <dt>{text::UPDATED}</dt><dd>{local_time_of(t.updated_at)}</dd>
                </dl>
                {specs}
            }
            .into_any()
        }
    };
    view! {
        <section class="evs-card evs-type">
            <h3>{text::DISK_TYPE}</h3>
            {body}
        </section>
    }
}
