//! Embedding in an admin portal: the JS API `mount(element, options)` → [`MountHandle`]
//! (`unmount()`, `update(options)`, `mounted`). The `<evs-export-image>` custom element
//! (`embed/evs-export-image.js`) is a thin JS wrapper over `mount`; the events the host hears
//! are `app::events`.
//!
//! The options object is read by serde-wasm-bindgen into the same [`ConsoleConfig`] the
//! standalone page uses (camelCase keys, unknown keys ignored); a bad option becomes a thrown
//! JS `Error` naming it, never a panic. The console renders into an open shadow root of the
//! host element, so the portal's CSS cannot reach it and its own CSS cannot leak out.

use std::cell::RefCell;
use std::sync::atomic::{AtomicU32, Ordering};

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, ShadowRoot};

use crate::app::config::ConsoleConfig;
use crate::app::connection::Connection;
use crate::app::events::Host;
use crate::app::{browser_locale, Lang};
use crate::i18n::Locale;
use crate::platform::dom;
use crate::platform::token::js_message;
use crate::ui::ExportConsole;

fn bad(why: impl std::fmt::Display) -> JsError {
    JsError::new(&["evs-export-image: ", &why.to_string()].concat())
}

/// Reads and checks the options object.
fn check(options: &JsValue) -> Result<ConsoleConfig, JsError> {
    if !options.is_object() {
        return Err(bad("options must be an object"));
    }
    let config: ConsoleConfig = serde_wasm_bindgen::from_value(options.clone())
        .map_err(|e| bad(js_message(&JsValue::from(e))))?;
    let config = config.normalised();
    if config.project_id.is_none() {
        return Err(bad("projectId is required"));
    }
    Ok(config)
}

/// A mounted console: what `unmount()` removes and what `update()` can change in place.
struct Mounted {
    id: u32,
    root: ShadowRoot,
    /// The stylesheet `<link>` (if any) and the container, in the shadow root.
    link: Option<Element>,
    container: Element,
    config: ConsoleConfig,
    lang: RwSignal<Locale>,
    conn: Connection,
    /// The Leptos `UnmountHandle`: dropping it unmounts the view and runs its cleanups
    /// (aborts requests in flight, stops polling and timers).
    _view: Box<dyn std::any::Any>,
}

thread_local! {
    /// The mounted consoles. Kept here, not in the JS handle: a handle the host drops (and
    /// the garbage collector frees) must not make the console vanish.
    static MOUNTED: RefCell<Vec<Mounted>> = const { RefCell::new(Vec::new()) };
}

/// A mounted console. `unmount()` removes it and stops its polling and requests;
/// `update(options)` takes new options (checked first: a bad one throws and leaves the
/// console as it is). An update that keeps the cloud, project, dialect and disk changes the
/// language, timeout, token provider and stylesheet in place, keeping what the operator is
/// doing (a running export's progress included); any other rebuilds the console.
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
            gone.container.remove();
            if let Some(link) = &gone.link {
                link.remove();
            }
            dom::unregister_root(&gone.root);
            drop(gone);
        }
    }

    pub fn update(&self, options: JsValue) -> Result<(), JsError> {
        let next = check(&options)?;
        let id = self.id;
        let in_place = MOUNTED.with(|m| {
            let mut m = m.borrow_mut();
            let Some(mounted) = m.iter_mut().find(|x| x.id == id) else {
                return false;
            };
            if mounted.config.needs_remount(&next) {
                return false;
            }
            mounted.lang.set(next.locale.unwrap_or_else(browser_locale));
            mounted.conn.update_in_place(&next);
            if mounted.config.stylesheet != next.stylesheet {
                if let Some(link) = mounted.link.take() {
                    link.remove();
                }
                mounted.link = next
                    .stylesheet
                    .as_deref()
                    .and_then(|href| stylesheet(&self.root, href).ok());
                if let Some(link) = &mounted.link {
                    let _ = self.root.insert_before(link, Some(&mounted.container));
                }
            }
            mounted.config = next.clone();
            true
        });
        if in_place {
            return Ok(());
        }
        self.unmount();
        self.render(next)
    }

    /// Whether the console is mounted.
    #[wasm_bindgen(getter)]
    pub fn mounted(&self) -> bool {
        let id = self.id;
        MOUNTED.with(|m| m.borrow().iter().any(|x| x.id == id))
    }
}

/// A `<link rel="stylesheet">` for `href`, appended to `root`.
fn stylesheet(root: &ShadowRoot, href: &str) -> Result<Element, JsError> {
    let doc = root
        .owner_document()
        .ok_or_else(|| bad("the element has no document"))?;
    let link = doc
        .create_element("link")
        .map_err(|_| bad("cannot create <link>"))?;
    let _ = link.set_attribute("rel", "stylesheet");
    let _ = link.set_attribute("href", href);
    let _ = root.append_child(&link);
    Ok(link)
}

impl MountHandle {
    fn render(&self, config: ConsoleConfig) -> Result<(), JsError> {
        let link = config
            .stylesheet
            .as_deref()
            .map(|href| stylesheet(&self.root, href))
            .transpose()?;
        let doc = self
            .root
            .owner_document()
            .ok_or_else(|| bad("the element has no document"))?;
        let container = doc
            .create_element("div")
            .map_err(|_| bad("cannot create <div>"))?;
        let _ = container.set_attribute("class", "evs-embed");
        let _ = self.root.append_child(&container);
        let target: HtmlElement = container
            .clone()
            .dyn_into()
            .map_err(|_| bad("cannot create <div>"))?;
        dom::register_root(&self.root);
        let host = Host(SendWrapper::new(self.host.clone()));
        // The handles `update()` changes in place, made inside the view's owner.
        let made = std::rc::Rc::new(RefCell::new(None::<(RwSignal<Locale>, Connection)>));
        let view = {
            let (made, config) = (made.clone(), config.clone());
            leptos::mount::mount_to(target, move || {
                provide_context(host);
                let lang = RwSignal::new(config.locale.unwrap_or_else(browser_locale));
                provide_context(Lang(lang));
                let conn = Connection::new(&config);
                *made.borrow_mut() = Some((lang, conn));
                view! { <ExportConsole config conn /> }
            })
        };
        let Some((lang, conn)) = made.borrow_mut().take() else {
            return Err(bad("the console did not start"));
        };
        MOUNTED.with(|m| {
            m.borrow_mut().push(Mounted {
                id: self.id,
                root: self.root.clone(),
                link,
                container,
                config,
                lang,
                conn,
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
    let config = check(&options)?;
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
    handle.render(config)?;
    Ok(handle)
}
