//! The standalone console page: configuration from the defaults and the query string.

use leptos::prelude::*;

use crate::app::config::{ConsoleConfig, TOKEN_PARAMS};
use crate::app::{browser_locale, Lang};
use crate::i18n::Msg;
use crate::platform::{carry, dom};
use crate::ui::{t, ExportConsole};

/// Whether the page asks for the standalone console (`<body data-evs-standalone>`).
pub fn requested() -> bool {
    dom::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
        .is_some_and(|b| b.has_attribute("data-evs-standalone"))
}

/// The id of the prerendered first screen in `index.html` (written by
/// `scripts/prerender.mjs` from [`prerender`]).
pub const STATIC_ID: &str = "evs-static";

/// Mounts the standalone console page on `<body>`. When `index.html` holds the prerendered
/// first screen, the live console replaces it in the same task (no frame shows neither), and
/// what the operator typed there meanwhile is carried over.
pub fn start() {
    let body = dom::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body());
    let prerendered = body
        .as_ref()
        .and_then(|b| b.owner_document())
        .and_then(|d| d.get_element_by_id(STATIC_ID));
    let carried = prerendered.as_ref().map(carry::collect);
    leptos::mount::mount_to_body(App);
    if let Some(old) = prerendered {
        old.remove();
    }
    if let (Some(body), Some(carried)) = (body, carried.filter(|c| !c.is_empty())) {
        let pending = carry::apply(&body, carried);
        // Once more after the console re-rendered for those values: a changed dialect, for
        // one, rebuilds the form's fields.
        leptos::task::spawn_local(async move {
            gloo_timers::future::TimeoutFuture::new(0).await;
            carry::apply_again(&body, pending);
        });
    }
}

/// The standalone page's first screen as HTML, from the same components, as a browser
/// without query, storage or language preference would show it first (English, the
/// defaults). Built natively at build time (`src/bin/prerender.rs`); nothing asynchronous
/// runs there (no requests, no effects). The markup is wrapped in `<div id="evs-static"
/// aria-busy="true">`; every button in it is disabled until the live console replaces it.
pub fn prerender() -> String {
    let owner = Owner::new();
    // Rendering reads every signal once, outside any reactive context, by design: no
    // "not tracked" warnings for that.
    let _zone = leptos::reactive::diagnostics::SpecialNonReactiveZone::enter();
    let html = owner.with(|| App().to_html());
    [
        "<div id=\"",
        STATIC_ID,
        "\" aria-busy=\"true\">",
        &inert_buttons(&html),
        "</div>",
    ]
    .concat()
}

/// `html` with every `<button>` disabled (the markup is ours: `<button` starts a tag).
fn inert_buttons(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    while let Some(i) = rest.find("<button") {
        let (head, tail) = rest.split_at(i + "<button".len());
        out.push_str(head);
        let tag_end = tail.find('>').unwrap_or(tail.len());
        if !tail[..tag_end]
            .split_ascii_whitespace()
            .any(|a| a == "disabled" || a.starts_with("disabled="))
        {
            out.push_str(" disabled");
        }
        rest = tail;
    }
    out.push_str(rest);
    out
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

#[cfg(test)]
mod tests {
    use super::inert_buttons;

    #[test]
    fn every_button_is_disabled_once() {
        assert_eq!(
            inert_buttons(
                r#"<p>a</p><button type="submit">Load</button><button disabled class="x">Export</button>"#
            ),
            r#"<p>a</p><button disabled type="submit">Load</button><button disabled class="x">Export</button>"#
        );
        assert_eq!(
            inert_buttons("<button>x</button>"),
            "<button disabled>x</button>"
        );
        assert_eq!(inert_buttons("no buttons"), "no buttons");
    }
}
