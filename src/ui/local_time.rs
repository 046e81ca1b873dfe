//! A server timestamp in the browser's local time, with the UTC time as a tooltip.

use evs_model::Timestamp;
use leptos::prelude::*;

use crate::app::lang;
use crate::i18n::NONE;
use crate::platform::dom;

/// Shows `ts` in local time (`title`: UTC). Without a parsable timestamp, `raw` as sent.
#[component]
pub fn LocalTime(ts: Option<Timestamp>, #[prop(optional)] raw: Option<String>) -> impl IntoView {
    match ts {
        Some(ts) => {
            let l = lang();
            let (ms, utc) = (ts.unix_millis(), ts.utc_string());
            view! {
                <time datetime=ts.raw().to_string() title=ts.utc_string()>{move || dom::local_time(ms, l.get().tag(), &utc)}</time>
            }
            .into_any()
        }
        None => view! { <span>{raw.unwrap_or_else(|| NONE.to_string())}</span> }.into_any(),
    }
}

/// A timestamp that arrived as text (e.g. a disk type's `created_at`).
pub fn local_time_of(raw: Option<String>) -> impl IntoView {
    let ts = raw.as_deref().and_then(Timestamp::parse);
    view! { <LocalTime ts raw=raw.unwrap_or_else(|| NONE.to_string()) /> }
}
