//! The few browser facilities the components use (storage, clipboard, clock, focus), each
//! failing quietly: a locked-down browser degrades the console, it never breaks it.

use std::sync::atomic::{AtomicU32, Ordering};

use wasm_bindgen::JsCast;

/// The sessionStorage key of a remembered token.
pub const TOKEN_KEY: &str = "evs-console.token";

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

pub fn session_get(key: &str) -> Option<String> {
    session()?.get_item(key).ok().flatten()
}

pub fn session_set(key: &str, value: &str) {
    if let Some(s) = session() {
        let _ = s.set_item(key, value);
    }
}

pub fn session_remove(key: &str) {
    if let Some(s) = session() {
        let _ = s.remove_item(key);
    }
}

/// `location.search` of the page.
pub fn query_string() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// `location.origin` of the page.
pub fn origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// Removes the query string's `token` parameter from the address bar (without reloading).
pub fn strip_token_from_address() {
    let Some(w) = web_sys::window() else { return };
    let Ok(href) = w.location().href() else {
        return;
    };
    let Ok(url) = web_sys::Url::new(&href) else {
        return;
    };
    let params = url.search_params();
    for key in ["token", "auth_token", "x-auth-token"] {
        params.delete(key);
    }
    url.set_search(&params.to_string().as_string().unwrap_or_default());
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url.href()));
    }
}

/// Milliseconds since the epoch, from the browser clock.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// An instant in the browser's local time zone, in the language `locale` (a BCP 47 tag;
/// `Date.toLocaleString`, called so that a throwing engine gives the UTC text instead of
/// breaking the page).
pub fn local_time(unix_millis: i64, locale: &str, fallback: &str) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(unix_millis as f64));
    js_sys::Reflect::get(&date, &"toLocaleString".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| js_sys::Reflect::apply(&f, &date, &js_sys::Array::of1(&locale.into())).ok())
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| fallback.to_string())
}

/// The browser's preferred console language (`navigator.languages`, then
/// `navigator.language`); English when it prefers neither English nor Chinese.
pub fn preferred_locale() -> crate::text::Locale {
    let Some(nav) = web_sys::window().map(|w| w.navigator()) else {
        return crate::text::Locale::default();
    };
    let mut tags: Vec<String> = nav
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    tags.extend(nav.language());
    crate::text::Locale::negotiate(tags.iter().map(String::as_str))
}

/// Sets `<html lang>` (the standalone page only: an embedded console marks its own root).
pub fn set_document_lang(tag: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = el.set_attribute("lang", tag);
    }
}

/// Moves keyboard focus to the element with this id (in the page or in an embedded
/// console's shadow root).
pub fn focus(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .or_else(|| crate::embed::find_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Copies text to the clipboard; `false` when the browser refused.
pub async fn copy_text(text: &str) -> bool {
    let Some(w) = web_sys::window() else {
        return false;
    };
    // `navigator.clipboard` is missing outside secure contexts: check before calling.
    let nav = w.navigator();
    let clip = js_sys::Reflect::get(&nav, &"clipboard".into()).ok();
    let Some(clip) = clip.filter(|c| c.is_object()) else {
        return false;
    };
    let promise = clip.unchecked_into::<web_sys::Clipboard>().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// A page-unique prefix for element ids, so several consoles (or tests) can share a page.
pub fn id_prefix() -> String {
    static NEXT: AtomicU32 = AtomicU32::new(1);
    format!("evs{}", NEXT.fetch_add(1, Ordering::Relaxed))
}
