//! The console's reactive logic, without markup: the connection, the disk list
//! (`LocalResource`), the export (`Action`), the progress of an export, the form and its
//! Export gate, the events an embedding host hears.
//!
//! Uses `platform` (network, browser), `i18n` and `present`; never `ui` or `shell`.

pub mod batch;
pub mod cancel;
pub mod config;
pub mod connection;
pub mod disks;
pub mod events;
pub mod export;
pub mod failure;
pub mod form;
pub mod formats;
pub mod leftovers;
pub mod metadata;
pub mod progress;
pub mod scope;
pub mod session;

use leptos::prelude::*;

use crate::i18n::Locale;
use crate::platform::dom;

/// The console's language, shared by its components through the reactive context.
#[derive(Debug, Clone, Copy)]
pub struct Lang(pub RwSignal<Locale>);

/// The current language signal (English when no console provided one, e.g. in a component
/// test).
pub fn lang() -> RwSignal<Locale> {
    use_context::<Lang>().map_or_else(|| RwSignal::new(Locale::En), |l| l.0)
}

/// The language the browser prefers, among ours (English when it prefers neither).
pub fn browser_locale() -> Locale {
    Locale::negotiate(dom::preferred_languages().iter().map(String::as_str))
}
