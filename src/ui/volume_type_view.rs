//! The disk type (`volume_type`) with every extra spec, keys and values as text.

use evs_model::VolumeType;
use leptos::prelude::*;

use super::local_time::local_time_of;
use super::t;
use crate::i18n::{Msg, NONE};

/// The disk type card; says so when the answer had none.
#[component]
pub fn VolumeTypeView(volume_type: Option<VolumeType>) -> impl IntoView {
    let body = match volume_type {
        None => view! { <p class="evs-help">{t(Msg::NoType)}</p> }.into_any(),
        Some(vt) => {
            let or_none = |s: Option<String>| s.unwrap_or_else(|| NONE.to_string());
            let public = match vt.is_public {
                Some(true) => Msg::Yes,
                Some(false) => Msg::No,
                None => Msg::None,
            };
            let specs = if vt.extra_specs.is_empty() {
                view! { <p class="evs-help">{t(Msg::NoSpecs)}</p> }.into_any()
            } else {
                view! {
                    <div class="evs-table-wrap">
                        <table class="evs-table evs-specs">
                            <caption>{t(Msg::ExtraSpecs)}</caption>
                            <thead><tr><th scope="col">{t(Msg::Key)}</th><th scope="col">{t(Msg::Value)}</th></tr></thead>
                            <tbody>
                                {vt.extra_specs.into_iter().map(|(k, v)| view! {
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
                    <dt>{t(Msg::ColName)}</dt><dd>{or_none(vt.name)}</dd>
                    <dt>{t(Msg::TypeId)}</dt><dd class="evs-mono evs-id">{or_none(vt.id)}</dd>
                    <dt>{t(Msg::Public)}</dt><dd>{t(public)}</dd>
                    <dt>{t(Msg::Description)}</dt><dd>{or_none(vt.description)}</dd>
                    <dt>{t(Msg::Created)}</dt><dd>{local_time_of(vt.created_at)}</dd>
                    <dt>{t(Msg::Updated)}</dt><dd>{local_time_of(vt.updated_at)}</dd>
                </dl>
                {specs}
            }
            .into_any()
        }
    };
    view! {
        <section class="evs-card evs-type">
            <h3>{t(Msg::DiskType)}</h3>
            {body}
        </section>
    }
}
