//! A failed call, in full: title, message, status, code, request id and what to do.

use evs_model::ApiError;
use leptos::prelude::*;

use crate::text;

/// Shows `error` (nothing when `None`) in a `role="alert"` panel. After a 401 a button moves
/// focus to the token field (`on_settings`).
#[component]
pub fn ErrorPanel(
    #[prop(into)] error: Signal<Option<ApiError>>,
    on_settings: Callback<()>,
    /// A sentence that says what was being done.
    #[prop(optional)]
    context: Option<&'static str>,
) -> impl IntoView {
    move || {
        error.get().map(|e| {
            let status = if e.status() == 0 { text::NO_ANSWER.to_string() } else { e.status().to_string() };
            let auth = e.status() == 401;
            view! {
                <div class="evs-error" role="alert">
                    <p class="evs-error-title"><strong>{e.title()}</strong></p>
                    {context.map(|c| view! { <p>{c}</p> })}
                    <p class="evs-error-message">{e.message().to_string()}</p>
                    <dl class="evs-facts evs-error-facts">
                        <dt>{text::ERROR_STATUS}</dt>
                        <dd>{status}</dd>
                        {e.code().map(|c| view! { <dt>{text::ERROR_CODE}</dt><dd class="evs-mono">{c.to_string()}</dd> })}
                        {e.request_id().map(|r| view! { <dt>{text::ERROR_REQUEST_ID}</dt><dd class="evs-mono">{r.to_string()}</dd> })}
                    </dl>
                    <p class="evs-error-hint">{e.hint()}</p>
                    {auth.then(|| view! {
                        <button type="button" on:click=move |_| on_settings.run(())>{text::GO_TO_TOKEN}</button>
                    })}
                </div>
            }
        })
    }
}
