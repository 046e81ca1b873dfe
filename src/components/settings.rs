//! "Connection": base URLs, project, dialect and the token (memory only unless remembered).

use evs_model::Dialect;
use leptos::prelude::*;

use crate::api::header_value_ok;
use crate::browser::{self, TOKEN_KEY};
use crate::state::Connection;
use crate::text::{t, Msg};

/// The connection settings form. Submitting it loads the disk list.
#[component]
pub fn Settings(
    conn: Connection,
    /// The token input's id (the error panel focuses it after a 401).
    token_id: String,
    on_load: Callback<()>,
    on_dialect: Callback<Dialect>,
    on_sign_out: Callback<()>,
) -> impl IntoView {
    let p = browser::id_prefix();
    let status = RwSignal::new(None::<Msg>);
    let store = move || {
        if conn.remember.get_untracked() {
            browser::session_set(TOKEN_KEY, &conn.token.get_untracked());
        }
    };
    let sign_out = move |_| {
        conn.token.set(String::new());
        conn.remember.set(false);
        browser::session_remove(TOKEN_KEY);
        status.set(Some(Msg::SignedOut));
        on_sign_out.run(());
    };
    let dialect_id = format!("{p}-dialect");
    let token_ok = move || conn.token.with(|t| header_value_ok(t.trim()));
    // With a host token provider, the host owns the token: no field, remember or sign out.
    let host_token = conn.token_provider.is_some();
    view! {
        <section class="evs-section evs-settings" aria-labelledby=format!("{p}-h")>
            <h2 id=format!("{p}-h")>{t(Msg::Settings)}</h2>
            <form class="evs-grid" on:submit=move |ev| {
                ev.prevent_default();
                status.set(None);
                on_load.run(());
            }>
                {text_field(format!("{p}-evs"), Msg::EvsUrl, conn.evs_base_url, Some(Msg::EvsUrlHelp))}
                {text_field(format!("{p}-ims"), Msg::ImsUrl, conn.ims_base_url, None)}
                {text_field(format!("{p}-project"), Msg::Project, conn.project_id, None)}
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
                            view! { <option value=d.as_str() selected=move || conn.dialect.get() == d>{d.label()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                {(!host_token).then(|| view! {
                <div class="evs-field">
                    <label for=token_id.clone()>{t(Msg::Token)}</label>
                    <input id=token_id.clone() type="password" autocomplete="off" spellcheck="false"
                        aria-describedby=format!("{p}-token-help {p}-token-err")
                        aria-invalid=move || (!token_ok()).to_string()
                        prop:value=move || conn.token.get()
                        on:input=move |ev| {
                            conn.token.set(event_target_value(&ev));
                            store();
                        } />
                    <p id=format!("{p}-token-help") class="evs-help">{t(Msg::TokenHelp)}</p>
                    <ul id=format!("{p}-token-err") class="evs-errors">
                        {move || (!token_ok()).then(|| view! { <li>{t(Msg::BadToken)}</li> })}
                    </ul>
                </div>
                })}
                {conn.allow_remember.then(|| view! {
                    <div class="evs-field evs-check">
                        <input id=format!("{p}-remember") type="checkbox" aria-describedby=format!("{p}-remember-help")
                            prop:checked=move || conn.remember.get()
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                conn.remember.set(on);
                                if on { store() } else { browser::session_remove(TOKEN_KEY) }
                            } />
                        <label for=format!("{p}-remember")>{t(Msg::Remember)}</label>
                        <p id=format!("{p}-remember-help") class="evs-help">{t(Msg::RememberHelp)}</p>
                    </div>
                })}
                <div class="evs-actions">
                    <button type="submit" class="evs-primary">{t(Msg::Load)}</button>
                    {(!host_token).then(|| view! { <button type="button" on:click=sign_out>{t(Msg::SignOut)}</button> })}
                    <p class="evs-help" role="status">{move || status.get().map(|m| t(m)())}</p>
                </div>
            </form>
        </section>
    }
}

fn text_field(id: String, label: Msg, value: RwSignal<String>, help: Option<Msg>) -> impl IntoView {
    let help_id = format!("{id}-help");
    view! {
        <div class="evs-field">
            <label for=id.clone()>{t(label)}</label>
            <input id=id type="text" autocomplete="off" spellcheck="false"
                aria-describedby=help.map(|_| help_id.clone())
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev)) />
            {help.map(|h| view! { <p id=help_id class="evs-help">{t(h)}</p> })}
        </div>
    }
}
