//! The EVS export console: a Leptos CSR app that exports an EVS / Cinder disk as an image.
//!
//! [`App`] is the standalone page; [`components::ExportConsole`] is the reusable component
//! (configured by [`config::ConsoleConfig`]). All I/O lives in [`api`]; the API's rules live
//! in evs-model.

pub mod api;
pub mod backoff;
pub mod browser;
pub mod components;
pub mod config;
pub mod curl;
pub mod embed;
pub mod format;
pub mod gate;
pub mod l10n;
pub mod listing;
pub mod state;
pub mod text;

use leptos::prelude::*;

use crate::components::ExportConsole;
use crate::config::ConsoleConfig;
use crate::text::{t, Msg};

/// Whether the page asks for the standalone console (`<body data-evs-standalone>`).
pub fn standalone_requested() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
        .is_some_and(|b| b.has_attribute("data-evs-standalone"))
}

/// Mounts the standalone console page on `<body>`.
pub fn start() {
    leptos::mount::mount_to_body(App);
}

/// The standalone page: configuration from the defaults and the query string.
#[component]
pub fn App() -> impl IntoView {
    let (config, notes) = ConsoleConfig::default().with_query(&browser::query_string());
    if notes.token_ignored {
        browser::strip_token_from_address();
    }
    // The page's language: `locale` (configuration or `?lang=`), else the browser's; the
    // console's language menu changes it, and `<html lang>` follows.
    let locale = RwSignal::new(
        config
            .locale
            .as_deref()
            .and_then(text::Locale::parse)
            .unwrap_or_else(browser::preferred_locale),
    );
    provide_context(text::Lang(locale));
    Effect::new(move |_| browser::set_document_lang(locale.get().tag()));
    view! {
        <main class="evs-page">
            <h1 class="evs-title">{t(Msg::Title)}</h1>
            <p class="evs-intro">{t(Msg::Intro)}</p>
            {notes.token_ignored.then(|| view! { <p class="evs-warning" role="alert">{t(Msg::TokenInUrl)}</p> })}
            <ExportConsole config=config />
        </main>
    }
}
