//! The Sign in form: user name and password (or an application credential), domain, project
//! and the identity URL. Shown before signing in, and again in place when the token expires
//! or is refused (the fields keep what was typed, except the secret).

use evs_model::SignInField;
use leptos::prelude::*;

use super::t;
use crate::app::lang;
use crate::app::session::{Renew, Session, SessionError, SignInMode};
use crate::i18n::{catalog_problem, colon, error_line, identity_problem, SignInMsg};

/// The sign-in form of `session`.
#[component]
pub fn SignIn(
    session: Session,
    /// The console's id prefix: the fields keep their ids when the form comes back (sign in
    /// again), so the console can move focus to them.
    prefix: String,
) -> impl IntoView {
    let id = move |suffix: &str| [prefix.as_str(), "-signin-", suffix].concat();
    let heading = id("h");
    let labelled_by = heading.clone();
    let mode_id = id("mode");
    let l = lang();
    let busy = session.busy();
    let renew = move || session.renew.get();
    let password_mode = move || session.mode.get() == SignInMode::Password;
    let fid = id.clone();
    view! {
        <section class="evs-section evs-signin" aria-labelledby=labelled_by>
            <h2 id=heading>{move || if renew().is_some() { t(SignInMsg::SignInAgain)() } else { t(SignInMsg::SignInHeading)() }}</h2>
            {move || match renew() {
                Some(Renew::Expiring) => view! { <p class="evs-notice" role="status">{t(SignInMsg::RenewExpiring)}</p> }.into_any(),
                Some(Renew::Refused) => view! { <p class="evs-notice" role="status">{t(SignInMsg::RenewRefused)}</p> }.into_any(),
                None => view! { <p class="evs-help">{t(SignInMsg::SignInIntro)}</p> }.into_any(),
            }}
            <form class="evs-grid" on:submit=move |ev| {
                ev.prevent_default();
                session.submit();
            }>
                <div class="evs-field">
                    <label for=mode_id.clone()>{t(SignInMsg::Method)}</label>
                    <select id=mode_id.clone() on:change=move |ev| {
                        let mode = if event_target_value(&ev) == "ac" { SignInMode::AppCredential } else { SignInMode::Password };
                        session.mode.set(mode);
                        session.missing.set(Vec::new());
                    }>
                        <option value="pw" selected=password_mode>{t(SignInMsg::MethodPassword)}</option>
                        <option value="ac" selected=move || !password_mode()>{t(SignInMsg::MethodAppCred)}</option>
                    </select>
                </div>
                {move || { let id = fid.clone(); if password_mode() {
                    view! {
                        {field(id("user"), SignInMsg::UserName, None, session.user, "text", "username", Some(SignInField::UserName), session)}
                        {field(id("password"), SignInMsg::Password, Some(SignInMsg::PasswordHelp), session.password, "password", "current-password", Some(SignInField::Password), session)}
                        {field(id("domain"), SignInMsg::Domain, Some(SignInMsg::DomainHelp), session.domain, "text", "off", Some(SignInField::Domain), session)}
                        {field(id("project"), SignInMsg::Project, Some(SignInMsg::ProjectHelp), session.project, "text", "off", Some(SignInField::Project), session)}
                    }.into_any()
                } else {
                    view! {
                        {field(id("cred-id"), SignInMsg::CredentialId, Some(SignInMsg::CredentialHelp), session.credential_id, "text", "off", Some(SignInField::CredentialId), session)}
                        {field(id("cred-secret"), SignInMsg::CredentialSecret, Some(SignInMsg::PasswordHelp), session.credential_secret, "password", "off", Some(SignInField::CredentialSecret), session)}
                    }.into_any()
                }}}
                {field(id("identity"), SignInMsg::IdentityUrl, Some(SignInMsg::IdentityUrlHelp), session.identity_url, "text", "off", None, session)}
                <div class="evs-actions">
                    <button type="submit" class="evs-primary" disabled=move || busy.get()>{t(SignInMsg::SignInHeading)}</button>
                    <p class="evs-help" role="status">{move || busy.get().then(|| SignInMsg::SigningIn.get(l.get()))}</p>
                </div>
            </form>
            {move || session.error.get().and_then(|e| {
                let lo = l.get();
                let (ours, detail) = match e {
                    SessionError::Identity(e) => (identity_problem(&e.problem, lo).to_string(), Some(error_line(&e.error, lo))),
                    SessionError::Catalog(p) => (catalog_problem(&p, lo), None),
                    // Shown by the signed-in line (its project menu).
                    SessionError::Projects(_) => return None,
                };
                Some(view! {
                    <div class="evs-error" role="alert">
                        <p class="evs-error-title"><strong>{SignInMsg::SignInFailed.get(lo)}</strong></p>
                        <p>{ours}</p>
                        {detail.map(|d| view! { <p class="evs-help">{d}</p> })}
                    </div>
                })
            })}
        </section>
    }
}

/// One labelled input; `name` is the field whose "Required." it shows (the identity URL has
/// none: `required` is false for it).
#[allow(clippy::too_many_arguments)]
fn field(
    id: String,
    label: SignInMsg,
    help: Option<SignInMsg>,
    value: RwSignal<String>,
    kind: &'static str,
    autocomplete: &'static str,
    // The sign-in field this is, when the sign-in needs it (the identity URL has a default).
    name: Option<SignInField>,
    session: Session,
) -> impl IntoView {
    let l = lang();
    let (help_id, err_id) = ([&id, "-help"].concat(), [&id, "-err"].concat());
    let missing = move || name.is_some_and(|n| session.missing.with(|m| m.contains(&n)));
    view! {
        <div class="evs-field">
            <label for=id.clone()>{t(label)}</label>
            <input id=id type=kind autocomplete=autocomplete spellcheck="false"
                aria-describedby=format!("{help_id} {err_id}")
                aria-invalid=move || missing().to_string()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev)) />
            {help.map(|h| view! { <p id=help_id.clone() class="evs-help">{t(h)}</p> })}
            <ul id=err_id class="evs-errors">
                {move || missing().then(|| view! { <li>{t(label)}{move || colon(l.get())}{t(SignInMsg::Required)}</li> })}
            </ul>
        </div>
    }
}
