//! The standalone console page: configuration from the defaults and the query string.

use leptos::prelude::*;

use crate::app::config::{ConsoleConfig, TOKEN_PARAMS};
use crate::app::{browser_locale, Lang};
use crate::i18n::Msg;
use crate::platform::dom;
use crate::ui::{t, ExportConsole};

/// Whether the page asks for the standalone console (`<body data-evs-standalone>`).
pub fn requested() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
        .is_some_and(|b| b.has_attribute("data-evs-standalone"))
}

/// Mounts the standalone console page on `<body>`.
pub fn start() {
    leptos::mount::mount_to_body(App);
}

/// The standalone page.
#[component]
pub fn App() -> impl IntoView {
    let (config, notes) = ConsoleConfig::default().with_query(&dom::query_pairs());
    if notes.token_ignored {
        dom::strip_from_address(&TOKEN_PARAMS);
    }
    // The page's language: `locale` (`?lang=`), else the browser's; the console's language
    // menu changes it, and `<html lang>` follows.
    let locale = RwSignal::new(config.locale.unwrap_or_else(browser_locale));
    provide_context(Lang(locale));
    Effect::new(move |_| dom::set_document_lang(locale.get().tag()));
    view! {
        <main class="evs-page">
            <h1 class="evs-title">{t(Msg::Title)}</h1>
            <p class="evs-intro">{t(Msg::Intro)}</p>
            {notes.token_ignored.then(|| view! { <p class="evs-warning" role="alert">{t(Msg::TokenInUrl)}</p> })}
            <ExportConsole config=config />
        </main>
    }
}
