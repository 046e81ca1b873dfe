//! "Show request": the exact URL and body, the equivalent curl command (token as `$OS_TOKEN`),
//! and the raw answer of the last call.

use evs_model::{ExportForm, Volume};
use leptos::prelude::*;

use super::t;
use crate::app::connection::Connection;
use crate::app::lang;
use crate::i18n::Msg;
use crate::platform::dom;
use crate::platform::http::{export_headers, RawResponse};
use crate::platform::token::TOKEN_HEADER;
use crate::present::{curl, format};

/// A `<details>` view of the request the form would send and the last response.
#[component]
pub fn RequestView(
    conn: Connection,
    form: RwSignal<ExportForm>,
    #[prop(into)] disk: Signal<Option<Volume>>,
    #[prop(into)] response: Signal<Option<RawResponse>>,
) -> impl IntoView {
    let l = lang();
    let request = move || {
        let req = form.with(|f| f.validate().ok())?;
        let disk_id = disk.with(|d| d.as_ref().map(|d| d.id.clone()))?;
        // Track the settings the URL depends on.
        conn.evs_base_url.track();
        conn.project_id.track();
        let client = conn.client().ok()?;
        let url = curl::absolute_url(&dom::origin(), &client.action_url(&disk_id), "");
        let headers = export_headers(&req);
        let pairs: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let command = curl::curl_command("POST", &url, &pairs, TOKEN_HEADER, Some(&req.to_json()));
        Some((url, req.to_json_pretty(), command))
    };
    view! {
        <details class="evs-request">
            <summary>{t(Msg::ShowRequest)}</summary>
            {move || match request() {
                None => view! { <p class="evs-help">{t(Msg::NoRequest)}</p> }.into_any(),
                Some((url, body, command)) => view! {
                    <p class="evs-mono evs-wrap">"POST "{url}</p>
                    <h3 class="evs-h4">{t(Msg::RequestBody)}</h3>
                    <pre class="evs-code"><code>{body}</code></pre>
                    <h3 class="evs-h4">{t(Msg::Curl)}</h3>
                    <p class="evs-help">{t(Msg::CurlHelp)}</p>
                    <pre class="evs-code"><code>{command}</code></pre>
                }.into_any(),
            }}
            {move || response.get().map(|r| view! {
                <h3 class="evs-h4">{t(Msg::Response)}</h3>
                <p class="evs-mono">
                    "HTTP "{r.status}
                    {r.request_id.clone().map(|id| [" · ", Msg::ErrorRequestId.get(l.get()), ": ", &id].concat())}
                </p>
                <pre class="evs-code"><code>{format::pretty_body(&r.body)}</code></pre>
            })}
        </details>
    }
}
