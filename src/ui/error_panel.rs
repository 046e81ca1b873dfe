//! A failed call, in full: title, message, status, code, request id and what to do.

use evs_model::{ApiError, ClientProblem, ErrorKind};
use leptos::prelude::*;

use super::t;
use crate::app::lang;
use crate::app::session::IsSignedIn;
use crate::i18n::{error_hint, error_message, error_title, Locale, Msg, SignInMsg};

/// Shows `error` (nothing when `None`) in a `role="alert"` panel. After a 401 (or a token
/// that cannot be sent) a button moves focus to where a new token comes from (`on_settings`):
/// the token field, or, when the console is signed in ([`IsSignedIn`]), the Sign in again form.
#[component]
pub fn ErrorPanel(
    #[prop(into)] error: Signal<Option<ApiError>>,
    on_settings: Callback<()>,
    /// A sentence that says what was being done.
    #[prop(optional)]
    context: Option<Msg>,
    /// Move keyboard focus to the panel when it appears (after the operator's own action).
    #[prop(optional)]
    focus: bool,
    /// What this refusal most likely means, when the caller knows more than the answer says
    /// (shown before the generic hint).
    #[prop(optional, into)]
    note: Option<Signal<Option<&'static str>>>,
) -> impl IntoView {
    let l = lang();
    let signed_in = use_context::<IsSignedIn>().map(|s| s.0);
    let token_action = move |lo: Locale| {
        if signed_in.is_some_and(|s| s.get()) {
            SignInMsg::SignInAgain.get(lo)
        } else {
            Msg::GoToToken.get(lo)
        }
    };
    let panel = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(el) = panel.get() {
            if focus {
                let _ = el.focus();
            }
        }
    });
    move || {
        error.get().map(|e| {
            let lo = l.get();
            let token = e.status() == 401 || e.kind() == &ErrorKind::Client(ClientProblem::TokenCharacters);
            view! {
                <div class="evs-error" role="alert" tabindex="-1" node_ref=panel>
                    <p class="evs-error-title"><strong>{error_title(&e, lo)}</strong></p>
                    {context.map(|c| view! { <p>{c.get(lo)}</p> })}
                    <p class="evs-error-message">{error_message(&e, lo)}</p>
                    {error_facts(&e, lo)}
                    {note.and_then(|n| n.get()).map(|n| view! { <p class="evs-error-note">{n}</p> })}
                    <p class="evs-error-hint">{error_hint(&e, lo)}</p>
                    {token.then(|| view! {
                        <button type="button" on:click=move |_| on_settings.run(())>{move || token_action(l.get())}</button>
                    })}
                </div>
            }
        })
    }
}

/// The facts of a failed call: its HTTP status ("no answer" when nothing came back), the
/// service's error code and the request id.
pub(super) fn error_facts(e: &ApiError, lo: Locale) -> impl IntoView {
    let status = if e.no_answer() {
        Msg::NoAnswer.get(lo).to_string()
    } else {
        e.status().to_string()
    };
    view! {
        <dl class="evs-facts evs-error-facts">
            <dt>{t(Msg::ErrorStatus)}</dt>
            <dd>{status}</dd>
            {e.code().map(|c| view! { <dt>{t(Msg::ErrorCode)}</dt><dd class="evs-mono">{c.to_string()}</dd> })}
            {e.request_id().map(|r| view! { <dt>{t(Msg::ErrorRequestId)}</dt><dd class="evs-mono">{r.to_string()}</dd> })}
        </dl>
    }
}
