//! Embedding in an admin portal: the JS API `mount(element, options)` → [`MountHandle`]
//! (`unmount()`, `update(options)`), the events the host can listen to, and the host's token
//! provider. The `<evs-export-image>` custom element (`embed/evs-export-image.js`) is a thin
//! JS wrapper over `mount`.
//!
//! The component renders into an open shadow root of the host element, so the portal's CSS
//! cannot reach it and its own CSS cannot leak out. Every option is checked before anything
//! is mounted: a wrong one becomes a thrown JS `Error`, never a panic.

use std::cell::RefCell;
use std::sync::atomic::{AtomicU32, Ordering};

use evs_model::{ApiError, Dialect};
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, ShadowRoot};

use crate::api::Cancel;
use crate::components::ExportConsole;
use crate::config::ConsoleConfig;

/// The event names, as the host listens for them.
pub const SUBMITTED: &str = "evs-export-submitted";
pub const ACTIVE: &str = "evs-image-active";
pub const FAILED: &str = "evs-export-failed";

/// What an embedding host provides to the component tree (as a Leptos context).
#[derive(Clone)]
pub struct Embed {
    host: SendWrapper<Element>,
    pub token_provider: Option<TokenProvider>,
}

/// The host page's token source: a JS function returning the token or a Promise of it.
/// Called before every request (so the host can refresh an expiring token) and once more
/// after a 401.
#[derive(Clone)]
pub struct TokenProvider(SendWrapper<js_sys::Function>);

impl TokenProvider {
    /// Asks the host for a token. A throw, a rejection or a non-string becomes an error.
    pub async fn token(&self, cancel: &Cancel) -> Result<String, ApiError> {
        let fail = |why: &str| ApiError::network(&format!("token provider: {why}"));
        let value = self
            .0
            .call0(&JsValue::UNDEFINED)
            .map_err(|e| fail(&js_message(&e)))?;
        let value = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&value))
            .await
            .map_err(|e| fail(&js_message(&e)))?;
        if cancel.is_cancelled() {
            return Err(ApiError::aborted());
        }
        value
            .as_string()
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .ok_or_else(|| fail("it gave no token"))
    }
}

/// The events of one mounted console (nothing happens on the standalone page).
#[derive(Clone, Default)]
pub struct Events(Option<SendWrapper<Element>>);

impl Events {
    /// The events of the console being built (call during component setup).
    pub fn from_context() -> Events {
        Events(use_context::<Embed>().map(|e| e.host))
    }

    /// `evs-export-submitted`: the export was accepted (202).
    pub fn submitted(&self, volume_id: &str, image_id: &str, image_name: &str) {
        self.emit(
            SUBMITTED,
            &[
                ("volumeId", volume_id.into()),
                ("imageId", image_id.into()),
                ("imageName", image_name.into()),
            ],
        );
    }

    /// `evs-image-active`: the new image is usable.
    pub fn active(&self, image_id: &str, volume_id: &str) {
        self.emit(
            ACTIVE,
            &[("imageId", image_id.into()), ("volumeId", volume_id.into())],
        );
    }

    /// `evs-export-failed`: the request was refused or got no answer (`stage` "request"), or
    /// the image failed or vanished afterwards (`stage` "progress").
    pub fn failed(&self, stage: &str, status: u16, code: Option<&str>, message: &str) {
        self.emit(
            FAILED,
            &[
                ("stage", stage.into()),
                ("status", status.into()),
                ("code", code.map_or(JsValue::NULL, JsValue::from)),
                ("message", message.into()),
            ],
        );
    }

    /// `evs-export-failed` at stage "progress": the image ended `status` (or is gone).
    pub fn image_failed(&self, image_id: &str, http_status: u16, status: &str) {
        let message = format!("image {image_id} is {status}");
        self.failed("progress", http_status, None, &message);
    }

    fn emit(&self, name: &str, detail: &[(&str, JsValue)]) {
        let Some(host) = &self.0 else { return };
        let obj = js_sys::Object::new();
        for (k, v) in detail {
            let _ = js_sys::Reflect::set(&obj, &JsValue::from_str(k), v);
        }
        let init = web_sys::CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(&obj);
        if let Ok(ev) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
            let _ = host.dispatch_event(&ev);
        }
    }
}

/// Checked options: the console's configuration, the token provider and the stylesheet.
struct Checked {
    config: ConsoleConfig,
    provider: Option<TokenProvider>,
    stylesheet: Option<String>,
}

fn bad(why: impl std::fmt::Display) -> JsError {
    JsError::new(&format!("evs-export-image: {why}"))
}

/// Reads the options object (camelCase keys, unknown keys ignored). Read by hand through
/// `Reflect` rather than serde-wasm-bindgen: this keeps ~3 KB (brotli) out of the bundle.
fn check(options: &JsValue) -> Result<Checked, JsError> {
    if !options.is_object() {
        return Err(bad("options must be an object"));
    }
    let get = |key: &str| {
        js_sys::Reflect::get(options, &JsValue::from_str(key))
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())
    };
    let wrong = |key: &str, kind: &str| bad(format!("bad options: {key} must be {kind}"));
    let text = |key: &str| -> Result<Option<String>, JsError> {
        get(key)
            .map(|v| v.as_string().ok_or_else(|| wrong(key, "a string")))
            .transpose()
    };
    let number = |key: &str| -> Result<Option<u32>, JsError> {
        get(key)
            .map(|v| {
                v.as_f64()
                    .filter(|n| n.is_finite() && *n >= 0.0)
                    .map(|n| n.min(u32::MAX as f64) as u32)
                    .ok_or_else(|| wrong(key, "a number"))
            })
            .transpose()
    };
    let mut config = ConsoleConfig::default();
    if let Some(v) = text("evsBaseUrl")? {
        config.evs_base_url = v;
    }
    if let Some(v) = text("imsBaseUrl")? {
        config.ims_base_url = v;
    }
    config.project_id = text("projectId")?.unwrap_or_default().trim().to_string();
    if config.project_id.is_empty() {
        return Err(bad("projectId is required"));
    }
    if let Some(d) = text("dialect")? {
        config.dialect = d.parse::<Dialect>().map_err(bad)?;
    }
    config.volume_id = text("volumeId")?
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty());
    config.hide_picker = match get("hidePicker") {
        None => false,
        Some(v) => v
            .as_bool()
            .ok_or_else(|| wrong("hidePicker", "true or false"))?,
    };
    if let Some(l) = text("locale")?.filter(|l| !l.trim().is_empty()) {
        config.locale = Some(ConsoleConfig::check_locale(&l).map_err(bad)?.to_string());
    }
    if let Some(ms) = number("timeoutMs")? {
        config.timeout_ms = ms;
    }
    if let Some(n) = number("pageSize")? {
        config.page_size = n;
    }
    let stylesheet = text("stylesheet")?.filter(|s| !s.trim().is_empty());
    let provider = match get("tokenProvider") {
        None => None,
        Some(provider) => {
            let f = provider.dyn_into::<js_sys::Function>().map_err(|_| {
                bad("tokenProvider must be a function returning the token (or a Promise of it)")
            })?;
            // The token lives with the host: nothing to remember in this tab.
            config.allow_remember_token = false;
            Some(TokenProvider(SendWrapper::new(f)))
        }
    };
    Ok(Checked {
        config: config.normalised(),
        provider,
        stylesheet,
    })
}

/// A mounted console: what `unmount()` removes.
struct Mounted {
    id: u32,
    root: ShadowRoot,
    nodes: Vec<Element>,
    /// The Leptos `UnmountHandle`: dropping it unmounts the view and runs its cleanups
    /// (aborts requests in flight, stops polling and timers).
    _view: Box<dyn std::any::Any>,
}

thread_local! {
    /// The mounted consoles. Kept here, not in the JS handle: a handle the host drops (and
    /// the garbage collector frees) must not make the console vanish.
    static MOUNTED: RefCell<Vec<Mounted>> = const { RefCell::new(Vec::new()) };
}

/// The element with this id inside a mounted console's shadow root.
pub fn find_by_id(id: &str) -> Option<Element> {
    MOUNTED.with(|m| m.borrow().iter().find_map(|x| x.root.get_element_by_id(id)))
}

/// A mounted console. `unmount()` removes it and stops its polling and requests;
/// `update(options)` re-creates it with new options (checked first: a bad one throws and
/// leaves the current view as it is).
#[wasm_bindgen]
pub struct MountHandle {
    id: u32,
    host: Element,
    root: ShadowRoot,
}

#[wasm_bindgen]
impl MountHandle {
    pub fn unmount(&self) {
        let id = self.id;
        let gone = MOUNTED.with(|m| {
            let mut m = m.borrow_mut();
            m.iter().position(|x| x.id == id).map(|i| m.swap_remove(i))
        });
        // Dropped outside the borrow: the view's cleanups run here.
        if let Some(gone) = gone {
            for n in &gone.nodes {
                n.remove();
            }
            drop(gone);
        }
    }

    pub fn update(&self, options: JsValue) -> Result<(), JsError> {
        let checked = check(&options)?;
        self.unmount();
        self.render(checked)
    }

    /// Whether the console is mounted.
    #[wasm_bindgen(getter)]
    pub fn mounted(&self) -> bool {
        let id = self.id;
        MOUNTED.with(|m| m.borrow().iter().any(|x| x.id == id))
    }
}

impl MountHandle {
    fn render(&self, checked: Checked) -> Result<(), JsError> {
        let doc = self
            .host
            .owner_document()
            .ok_or_else(|| bad("the element has no document"))?;
        let mut nodes = Vec::new();
        if let Some(href) = &checked.stylesheet {
            let link = doc
                .create_element("link")
                .map_err(|_| bad("cannot create <link>"))?;
            let _ = link.set_attribute("rel", "stylesheet");
            let _ = link.set_attribute("href", href);
            let _ = self.root.append_child(&link);
            nodes.push(link);
        }
        let container = doc
            .create_element("div")
            .map_err(|_| bad("cannot create <div>"))?;
        let _ = container.set_attribute("class", "evs-embed");
        let _ = self.root.append_child(&container);
        nodes.push(container.clone());
        let container: HtmlElement = container
            .dyn_into()
            .map_err(|_| bad("cannot create <div>"))?;
        let embed = Embed {
            host: SendWrapper::new(self.host.clone()),
            token_provider: checked.provider,
        };
        let config = checked.config;
        let view = leptos::mount::mount_to(container, move || {
            provide_context(embed);
            view! { <ExportConsole config /> }
        });
        MOUNTED.with(|m| {
            m.borrow_mut().push(Mounted {
                id: self.id,
                root: self.root.clone(),
                nodes,
                _view: Box::new(view),
            })
        });
        Ok(())
    }
}

/// Mounts the console into `element`'s open shadow root (attached when missing).
///
/// Options (camelCase; unknown keys ignored): `projectId` (required), `evsBaseUrl`,
/// `imsBaseUrl`, `dialect` (`"huawei"` | `"cinder"`), `volumeId`, `hidePicker`, `locale`
/// (`"en"` | `"zh-CN"`), `timeoutMs`, `pageSize`, `stylesheet` (URL of the component's CSS),
/// `tokenProvider` (a function returning the token or a Promise of it).
#[wasm_bindgen]
pub fn mount(element: Element, options: JsValue) -> Result<MountHandle, JsError> {
    let checked = check(&options)?;
    let root = match element.shadow_root() {
        Some(root) => root,
        None => element
            .attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))
            .map_err(|e| {
                bad(format!(
                    "cannot attach a shadow root to <{}> ({})",
                    element.tag_name().to_ascii_lowercase(),
                    js_message(&e)
                ))
            })?,
    };
    static NEXT: AtomicU32 = AtomicU32::new(1);
    let handle = MountHandle {
        id: NEXT.fetch_add(1, Ordering::Relaxed),
        host: element,
        root,
    };
    handle.render(checked)?;
    Ok(handle)
}

/// The message of a thrown JS value (an `Error`'s message, or the value as text).
fn js_message(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "failed".to_string())
}
