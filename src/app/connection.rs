//! "Connection": where the console calls and as whom, as reactive state shared by its
//! components. Requests read it when they start (untracked): typing in a field changes the
//! next request, not the one in flight.

use evs_model::{ApiError, ClientProblem, Dialect, ProjectId};
use leptos::prelude::*;

use super::config::ConsoleConfig;
use crate::platform::http::{Client, Endpoints};
use crate::platform::storage::{self, TOKEN_KEY};
use crate::platform::token::{header_value_ok, HostTokenProvider, TokenSource};

/// The connection settings. `Copy`: every field is a reactive handle.
#[derive(Clone, Copy)]
pub struct Connection {
    pub evs_base_url: RwSignal<String>,
    pub ims_base_url: RwSignal<String>,
    /// As typed (the field); parsed into a [`ProjectId`] when a request starts.
    pub project_id: RwSignal<String>,
    pub dialect: RwSignal<Dialect>,
    /// In memory only (and in sessionStorage when `remember` is set).
    pub token: RwSignal<String>,
    pub remember: RwSignal<bool>,
    pub allow_remember: bool,
    pub timeout_ms: RwSignal<u32>,
    pub page_size: u32,
    /// The host page's token source (embedded); the token field is hidden then.
    pub provider: RwSignal<Option<HostTokenProvider>, LocalStorage>,
}

impl Connection {
    /// The settings of `config`, with the token remembered for this tab (if allowed).
    pub fn new(config: &ConsoleConfig) -> Connection {
        let remembered = config
            .allow_remember_token
            .then(|| storage::session_get(TOKEN_KEY))
            .flatten()
            .filter(|t| !t.is_empty());
        Connection {
            evs_base_url: RwSignal::new(config.evs_base_url.clone()),
            ims_base_url: RwSignal::new(config.ims_base_url.clone()),
            project_id: RwSignal::new(
                config
                    .project_id
                    .as_ref()
                    .map_or_else(String::new, ToString::to_string),
            ),
            dialect: RwSignal::new(config.dialect),
            remember: RwSignal::new(remembered.is_some()),
            token: RwSignal::new(remembered.unwrap_or_default()),
            allow_remember: config.allow_remember_token,
            timeout_ms: RwSignal::new(config.timeout_ms),
            page_size: config.page_size,
            provider: RwSignal::new_local(config.token_provider.clone()),
        }
    }

    /// Takes what an embedding host may change without rebuilding the console.
    pub fn update_in_place(&self, config: &ConsoleConfig) {
        self.timeout_ms.set(config.timeout_ms);
        self.provider.set(config.token_provider.clone());
    }

    /// A client for the current settings (read without tracking), or why there is none.
    pub fn client(&self) -> Result<Client, ApiError> {
        let project = self
            .project_id
            .with_untracked(|p| ProjectId::parse(p))
            .ok_or_else(|| ApiError::client(ClientProblem::NoProject, ""))?;
        let token = match self.provider.get_untracked() {
            Some(p) => TokenSource::Host(p),
            None => TokenSource::Typed(self.token.get_untracked()),
        };
        Ok(Client {
            endpoints: Endpoints::new(
                &self.evs_base_url.get_untracked(),
                &self.ims_base_url.get_untracked(),
            ),
            project,
            dialect: self.dialect.get_untracked(),
            token,
            timeout_ms: self.timeout_ms.get_untracked(),
        })
    }

    /// Whether the host page provides the token.
    pub fn host_token(&self) -> bool {
        self.provider.with(Option::is_some)
    }

    /// Whether the typed token can be sent (visible ASCII only).
    pub fn token_ok(&self) -> bool {
        self.token.with(|t| header_value_ok(t.trim()))
    }

    /// Whether there is enough to call the API: a project id and a token (or a provider).
    pub fn is_ready(&self) -> bool {
        self.project_id.with(|p| ProjectId::parse(p).is_some())
            && (self.host_token() || self.token.with(|t| !t.trim().is_empty()) && self.token_ok())
    }

    /// [`Connection::is_ready`], without tracking.
    pub fn is_ready_untracked(&self) -> bool {
        untrack(|| self.is_ready())
    }

    /// A new typed token (kept for the tab when the operator asked).
    pub fn set_token(&self, token: String) {
        self.token.set(token);
        self.store();
    }

    /// Remember the token for this tab, or forget it.
    pub fn set_remember(&self, on: bool) {
        self.remember.set(on);
        if on {
            self.store();
        } else {
            storage::session_remove(TOKEN_KEY);
        }
    }

    /// Forgets the token, here and in the tab's storage.
    pub fn sign_out(&self) {
        self.token.set(String::new());
        self.remember.set(false);
        storage::session_remove(TOKEN_KEY);
    }

    fn store(&self) {
        if self.remember.get_untracked() && self.allow_remember {
            storage::session_set(TOKEN_KEY, &self.token.get_untracked());
        }
    }
}
