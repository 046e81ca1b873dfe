//! The EVS export console: a Leptos CSR app that exports an EVS / Cinder disk as an image.
//!
//! The layers, and the one direction imports may point (a test checks it, `tests/layers.rs`):
//!
//! ```text
//! shell  →  ui  →  app  →  platform          i18n, present: beside them, used by any;
//!                                             they use only evs-model
//! ```
//!
//! - [`platform`]: the browser and the network, no Leptos.
//! - [`app`]: reactive state and logic, no markup.
//! - [`ui`]: components, no logic of their own.
//! - [`shell`]: the standalone page and the embedding API.
//! - [`i18n`]: every user-visible word, English and Chinese side by side.
//! - [`present`]: sizes, times, curl, filters (the same in every language).
//!
//! The API's rules live in evs-model.
// The prerender binary builds the views natively without `--cfg erase_components` (that
// flag is set for wasm32 only), and the console's typed view tree nests deeper than rustc's
// default query depth of 128.
#![recursion_limit = "256"]

pub mod app;
pub mod i18n;
pub mod platform;
pub mod present;
pub mod shell;
pub mod ui;
