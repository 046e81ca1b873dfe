//! The connection settings as reactive state, shared by the console's components.

use evs_model::Dialect;
use leptos::prelude::*;

use crate::api::Client;
use crate::config::ConsoleConfig;
use crate::embed::TokenProvider;

/// What the operator set in "Connection". `Copy`: every field is a reactive handle.
#[derive(Clone, Copy)]
pub struct Connection {
    pub evs_base_url: RwSignal<String>,
    pub ims_base_url: RwSignal<String>,
    pub project_id: RwSignal<String>,
    pub dialect: RwSignal<Dialect>,
    /// In memory only (and in sessionStorage when `remember` is set).
    pub token: RwSignal<String>,
    pub remember: RwSignal<bool>,
    pub allow_remember: bool,
    pub timeout_ms: u32,
    pub page_size: u32,
    /// The host page's token source (embedded mode); the token field is hidden then.
    pub token_provider: Option<StoredValue<TokenProvider>>,
}

impl Connection {
    pub fn new(config: &ConsoleConfig, token: String, remember: bool) -> Connection {
        Connection {
            evs_base_url: RwSignal::new(config.evs_base_url.clone()),
            ims_base_url: RwSignal::new(config.ims_base_url.clone()),
            project_id: RwSignal::new(config.project_id.clone()),
            dialect: RwSignal::new(config.dialect),
            token: RwSignal::new(token),
            remember: RwSignal::new(remember),
            allow_remember: config.allow_remember_token,
            timeout_ms: config.timeout_ms,
            page_size: config.page_size,
            token_provider: None,
        }
    }

    /// A client for the current settings (read without tracking).
    pub fn client(&self) -> Client {
        Client::new(
            &self.evs_base_url.get_untracked(),
            &self.ims_base_url.get_untracked(),
            &self.project_id.get_untracked(),
            self.dialect.get_untracked(),
            &self.token.get_untracked(),
            self.timeout_ms,
        )
        .with_token_provider(self.token_provider.map(|p| p.get_value()))
    }

    /// Whether there is enough to call the API: a project id and a token (or a provider).
    pub fn is_ready(&self) -> bool {
        !self.project_id.with_untracked(|p| p.trim().is_empty())
            && (self.token_provider.is_some()
                || self.token.with_untracked(|t| {
                    !t.trim().is_empty() && crate::api::header_value_ok(t.trim())
                }))
    }
}
