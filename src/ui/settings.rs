//! "Connection": base URLs, project, dialect and the token (memory only unless remembered).

use evs_model::Dialect;
use leptos::prelude::*;

use super::t;
use crate::app::connection::Connection;
use crate::app::lang;
use crate::i18n::{dialect_name, Msg};
use crate::platform::dom;

/// The connection settings form. Submitting it loads the disk list.
#[component]
pub fn Settings(
    conn: Connection,
    /// The token input's id (the error panel focuses it after a 401).
    token_id: String,
    on_load: Callback<()>,
    on_dialect: Callback<Dialect>,
    on_sign_out: Callback<()>,
    /// Signed in through the Sign in form: the session owns the token (no field, remember or
    /// sign out here).
    #[prop(into)]
    signed_in: Signal<bool>,
) -> impl IntoView {
    let p = dom::id_prefix();
    let id = |suffix: &str| [&p, "-", suffix].concat();
    let status = RwSignal::new(None::<Msg>);
    let sign_out = move |_| {
        conn.sign_out();
        status.set(Some(Msg::SignedOut));
        on_sign_out.run(());
    };
    let dialect_id = id("dialect");
    let (token_help, token_err) = (id("token-help"), id("token-err"));
    let remember_id = id("remember");
    let remember_help = id("remember-help");
    let heading = id("h");
    let labelled_by = heading.clone();
    let l = lang();
    view! {
        <section class="evs-section evs-settings" aria-labelledby=labelled_by>
            <h2 id=heading>{t(Msg::Settings)}</h2>
            <form class="evs-grid" on:submit=move |ev| {
                ev.prevent_default();
                status.set(None);
                on_load.run(());
            }>
                {text_field(id("evs"), Msg::EvsUrl, conn.evs_base_url, Some(Msg::EvsUrlHelp))}
                {text_field(id("ims"), Msg::ImsUrl, conn.ims_base_url, None)}
                {text_field(id("project"), Msg::Project, conn.project_id, None)}
                <div class="evs-field">
                    <label for=dialect_id.clone()>{t(Msg::Dialect)}</label>
                    <select id=dialect_id on:change=move |ev| {
                        if let Ok(d) = event_target_value(&ev).parse::<Dialect>() {
                            conn.dialect.set(d);
                            on_dialect.run(d);
                        }
                    }>
                        {Dialect::ALL.iter().map(|d| {
                            let d = *d;
                            view! { <option value=d.as_str() selected=move || conn.dialect.get() == d>{move || dialect_name(d, l.get())}</option> }
                        }).collect_view()}
                    </select>
                </div>
                // With a host token provider, the host owns the token: no field, remember or
                // sign out.
                {move || (!conn.host_token() && !signed_in.get()).then(|| view! {
                <div class="evs-field">
                    <label for=token_id.clone()>{t(Msg::Token)}</label>
                    <input id=token_id.clone() type="password" autocomplete="off" spellcheck="false"
                        aria-describedby=format!("{token_help} {token_err}")
                        aria-invalid=move || (!conn.token_ok()).to_string()
                        prop:value=move || conn.token.get()
                        on:input=move |ev| conn.set_token(event_target_value(&ev)) />
                    <p id=token_help.clone() class="evs-help">{t(Msg::TokenHelp)}</p>
                    <ul id=token_err.clone() class="evs-errors">
                        {move || (!conn.token_ok()).then(|| view! { <li>{t(Msg::BadToken)}</li> })}
                    </ul>
                </div>
                })}
                {move || (conn.allow_remember && !signed_in.get()).then(|| {
                    let (remember_id, remember_help) = (remember_id.clone(), remember_help.clone());
                    view! {
                    <div class="evs-field evs-check">
                        <input id=remember_id.clone() type="checkbox" aria-describedby=remember_help.clone()
                            prop:checked=move || conn.remember.get()
                            on:change=move |ev| conn.set_remember(event_target_checked(&ev)) />
                        <label for=remember_id>{t(Msg::Remember)}</label>
                        <p id=remember_help class="evs-help">{t(Msg::RememberHelp)}</p>
                    </div>
                }})}
                <div class="evs-actions">
                    <button type="submit" class="evs-primary">{t(Msg::Load)}</button>
                    {move || (!conn.host_token() && !signed_in.get()).then(|| view! { <button type="button" on:click=sign_out>{t(Msg::SignOut)}</button> })}
                    <p class="evs-help" role="status">{move || status.get().map(|m| m.get(l.get()))}</p>
                </div>
            </form>
        </section>
    }
}

fn text_field(id: String, label: Msg, value: RwSignal<String>, help: Option<Msg>) -> impl IntoView {
    let help_id = [&id, "-help"].concat();
    view! {
        <div class="evs-field">
            <label for=id.clone()>{t(label)}</label>
            // `value`: the first value in the markup too (the prerendered first screen).
            <input id=id type="text" autocomplete="off" spellcheck="false"
                aria-describedby=help.map(|_| help_id.clone())
                value=value.get_untracked()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev)) />
            {help.map(|h| view! { <p id=help_id class="evs-help">{t(h)}</p> })}
        </div>
    }
}
