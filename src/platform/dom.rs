//! The few browser facilities the console uses (address, clock, languages, focus, clipboard,
//! events), each failing quietly.

use std::cell::RefCell;
use std::sync::atomic::{AtomicU32, Ordering};

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, ShadowRoot};

/// The browser window, or `None` outside a browser: the native build that prerenders the
/// first screen (`src/bin/prerender.rs`) renders the same components, and there every
/// facility here answers as in a locked-down browser (nothing there, nothing done).
pub fn window() -> Option<web_sys::Window> {
    if cfg!(target_arch = "wasm32") {
        web_sys::window()
    } else {
        None
    }
}

/// The page's query parameters (`location.search`), decoded by the browser's
/// `URLSearchParams`, names as sent.
pub fn query_pairs() -> Vec<(String, String)> {
    let Some(search) = window().and_then(|w| w.location().search().ok()) else {
        return Vec::new();
    };
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
        return Vec::new();
    };
    let mut pairs = Vec::new();
    // `URLSearchParams` is iterable as [name, value] pairs.
    if let Ok(Some(iter)) = js_sys::try_iter(&params) {
        for entry in iter.flatten() {
            let entry: js_sys::Array = entry.unchecked_into();
            if let (Some(k), Some(v)) = (entry.get(0).as_string(), entry.get(1).as_string()) {
                pairs.push((k, v));
            }
        }
    }
    pairs
}

/// `location.origin` of the page.
pub fn origin() -> String {
    window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// Removes these query parameters from the address bar (without reloading).
pub fn strip_from_address(keys: &[&str]) {
    let Some(w) = window() else { return };
    let Ok(href) = w.location().href() else {
        return;
    };
    let Ok(url) = web_sys::Url::new(&href) else {
        return;
    };
    let params = url.search_params();
    for key in keys {
        params.delete(key);
    }
    url.set_search(&params.to_string().as_string().unwrap_or_default());
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&url.href()));
    }
}

/// Milliseconds since the epoch, from the browser clock.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

thread_local! {
    /// One `Intl.DateTimeFormat(tag).format` per language tag. Making one is what costs (the
    /// first use in a page loads the locale's ICU data: about 20 ms, traced in bench/README.md);
    /// formatting with it is cheap. `Date.toLocaleString(tag)` made one on every call.
    static DATE_FORMATS: RefCell<Vec<(String, js_sys::Function)>> = const { RefCell::new(Vec::new()) };
}

/// The `format` function of an `Intl.DateTimeFormat` for `tag` with the fields
/// `toLocaleString` shows (numeric date and time), made once per tag; `None` when the engine
/// refuses.
fn date_format(tag: &str) -> Option<js_sys::Function> {
    if let Some(f) = DATE_FORMATS.with(|c| {
        c.borrow()
            .iter()
            .find(|(t, _)| t == tag)
            .map(|(_, f)| f.clone())
    }) {
        return Some(f);
    }
    let intl = js_sys::Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let ctor = js_sys::Reflect::get(&intl, &"DateTimeFormat".into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    let options = js_sys::Object::new();
    for field in ["year", "month", "day", "hour", "minute", "second"] {
        js_sys::Reflect::set(&options, &field.into(), &"numeric".into()).ok()?;
    }
    let args = js_sys::Array::of2(&tag.into(), &options);
    let formatter = js_sys::Reflect::construct(&ctor, &args).ok()?;
    let format = js_sys::Reflect::get(&formatter, &"format".into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    DATE_FORMATS.with(|c| c.borrow_mut().push((tag.to_string(), format.clone())));
    Some(format)
}

/// An instant in the browser's local time zone, in the language `tag` (BCP 47), as
/// `Date.toLocaleString(tag)` shows it; `fallback` when the engine refuses.
pub fn local_time(unix_millis: i64, tag: &str, fallback: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(unix_millis as f64));
    date_format(tag)
        .and_then(|f| f.call1(&JsValue::UNDEFINED, &date).ok())
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| fallback.to_string())
}

/// Makes [`local_time`]'s format for `tag` when the page is next idle, so that showing an
/// export's answer does not pay for it.
pub fn prepare_local_time(tag: &str) {
    let Some(w) = window() else { return };
    let tag = tag.to_string();
    let job = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = date_format(&tag);
    });
    let _ = w.request_idle_callback(job.unchecked_ref());
}

/// The browser's preferred languages (`navigator.languages`, then `navigator.language`).
pub fn preferred_languages() -> Vec<String> {
    let Some(nav) = window().map(|w| w.navigator()) else {
        return Vec::new();
    };
    let mut tags: Vec<String> = nav
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    tags.extend(nav.language());
    tags
}

/// Sets `<html lang>` (the standalone page only: an embedded console marks its own root).
pub fn set_document_lang(tag: &str) {
    if let Some(el) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = el.set_attribute("lang", tag);
    }
}

thread_local! {
    /// The shadow roots consoles are mounted in (elements there are not in `document`).
    static ROOTS: RefCell<Vec<ShadowRoot>> = const { RefCell::new(Vec::new()) };
}

/// Makes elements inside `root` findable by [`focus`].
pub fn register_root(root: &ShadowRoot) {
    ROOTS.with(|r| r.borrow_mut().push(root.clone()));
}

/// Forgets `root` (its console was unmounted).
pub fn unregister_root(root: &ShadowRoot) {
    ROOTS.with(|r| {
        let mut roots = r.borrow_mut();
        if let Some(i) = roots.iter().position(|x| x == root) {
            roots.swap_remove(i);
        }
    });
}

/// The element with this id, in the page or in a registered shadow root.
pub fn find_by_id(id: &str) -> Option<Element> {
    window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .or_else(|| ROOTS.with(|r| r.borrow().iter().find_map(|x| x.get_element_by_id(id))))
}

/// Moves keyboard focus to the element with this id; `false` when there is none (or it
/// cannot take focus).
pub fn focus(id: &str) -> bool {
    match find_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        Some(el) => el.focus().is_ok(),
        None => false,
    }
}

/// Copies text to the clipboard; `false` when the browser refused.
pub async fn copy_text(text: &str) -> bool {
    let Some(w) = window() else {
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

/// Dispatches `name` on `target` as a bubbling, composed `CustomEvent` with `detail`.
pub fn dispatch(target: &Element, name: &str, detail: &JsValue) {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(ev) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = target.dispatch_event(&ev);
    }
}

/// A page-unique prefix for element ids, so several consoles (or tests) can share a page.
pub fn id_prefix() -> String {
    static NEXT: AtomicU32 = AtomicU32::new(1);
    ["evs", &NEXT.fetch_add(1, Ordering::Relaxed).to_string()].concat()
}
