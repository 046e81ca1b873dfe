//! The browser and the network, without Leptos: HTTP over gloo-net (timeouts, abort on drop,
//! GET retries), where the token comes from, storage, clipboard and DOM helpers, and what
//! the operator typed into the prerendered first screen (`carry`).
//!
//! Imports nothing from the rest of the crate. Everything here fails quietly or returns a
//! typed error: a locked-down browser degrades the console, it never breaks it.

pub mod backoff;
pub mod carry;
pub mod dom;
pub mod http;
pub mod identity;
pub mod storage;
pub mod token;
