//! Signing in (Keystone v3 / Huawei IAM): the form's fields, the signed-in session, its
//! expiry, switching project and signing out, as reactive state. A session feeds the
//! connection: the token, the project id and the base URLs from the catalog (the operator can
//! still override the URLs in the connection settings afterwards).
//!
//! The password and the application-credential secret are taken out of their fields when the
//! request starts (the fields are cleared), live only in that request's body, and are never
//! stored. The token of a session is kept in memory only, never remembered for the tab.

use evs_model::{
    token_request_body, ApiError, AuthProject, Catalog, CatalogProblem, Credentials, IdentityError,
    ProjectId, ProjectScope, ServiceEndpoints, SignInField, SignedIn, Timestamp,
};
use gloo_timers::callback::Timeout;
use leptos::prelude::*;

use super::connection::Connection;
use crate::platform::dom;
use crate::platform::identity;

/// The identity URL when none is configured: a same-origin path (`make serve` proxies it).
pub const DEFAULT_IDENTITY_URL: &str = "/iam";
/// How long before expiry the console asks to sign in again.
pub const RENEW_BEFORE_MS: i64 = 5 * 60 * 1000;

/// How the operator signs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignInMode {
    Password,
    AppCredential,
}

/// Why signing in (or switching project) did not give a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionError {
    /// The identity service refused or failed (see the reason).
    Identity(IdentityError),
    /// A token, but its catalog has no usable endpoint.
    Catalog(CatalogProblem),
    /// Listing projects failed.
    Projects(ApiError),
}

/// The signed-in session: who, where, until when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signed {
    pub user: String,
    pub project_id: ProjectId,
    pub project_name: String,
    pub region: String,
    pub regions: Vec<String>,
    pub expires_at: Timestamp,
    pub catalog: Catalog,
}

/// Why the console asks to sign in again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Renew {
    /// The token expires within [`RENEW_BEFORE_MS`] (or has).
    Expiring,
    /// A call was refused with 401.
    Refused,
}

/// Whether the console around a component is signed in (provided by the console): after a
/// 401 the way out is then signing in again, not the token field of the connection settings.
#[derive(Clone, Copy)]
pub struct IsSignedIn(pub Signal<bool>);

/// Sign-in state of one console. `Copy`: every field is a reactive handle.
#[derive(Clone, Copy)]
pub struct Session {
    pub identity_url: RwSignal<String>,
    pub mode: RwSignal<SignInMode>,
    pub user: RwSignal<String>,
    pub domain: RwSignal<String>,
    pub project: RwSignal<String>,
    pub password: RwSignal<String>,
    pub credential_id: RwSignal<String>,
    pub credential_secret: RwSignal<String>,
    /// Fields the last attempt found empty.
    pub missing: RwSignal<Vec<SignInField>>,
    pub error: RwSignal<Option<SessionError>>,
    pub current: RwSignal<Option<Signed>>,
    pub renew: RwSignal<Option<Renew>>,
    /// Signed out, and whether the token could be revoked.
    pub signed_out: RwSignal<Option<Result<(), ApiError>>>,
    pub projects: RwSignal<Option<Vec<AuthProject>>>,
    sign_in: Action<(String, bool), ()>,
    list_projects: Action<(), ()>,
    sign_out: Action<(), ()>,
    conn: Connection,
    configured: StoredValue<(String, String)>,
}

impl Session {
    /// A session for `conn`; `on_scope` runs after a sign-in that changed the project (the
    /// console reloads the disk list then) and after sign-out.
    pub fn new(conn: Connection, identity_url: &str, on_scope: Callback<()>) -> Session {
        let current = RwSignal::new(None::<Signed>);
        let error = RwSignal::new(None);
        let renew = RwSignal::new(None);
        let timer = StoredValue::new_local(None::<Timeout>);
        let identity_url = RwSignal::new(if identity_url.trim().is_empty() {
            DEFAULT_IDENTITY_URL.to_string()
        } else {
            identity_url.trim().to_string()
        });
        let signed_out = RwSignal::new(None);
        let projects = RwSignal::new(None);
        // The configured base URLs: kept behind a same-origin gateway (below).
        let configured = StoredValue::new((
            conn.evs_base_url.get_untracked(),
            conn.ims_base_url.get_untracked(),
        ));
        // (request body, whether it is a project switch)
        let sign_in = Action::new_local(move |(body, switch): &(String, bool)| {
            let (body, switch) = (body.clone(), *switch);
            let base = identity_url.get_untracked();
            let timeout = conn.timeout_ms.get_untracked();
            let configured = configured.get_value();
            async move {
                let answer = identity::request_token(&base, &body, timeout).await;
                drop(body);
                match answer.map_err(SessionError::Identity).and_then(|s| {
                    let region = current
                        .with_untracked(|c: &Option<Signed>| c.as_ref().map(|c| c.region.clone()))
                        .filter(|r| s.info.catalog.regions().contains(r));
                    apply_catalog(s, region)
                }) {
                    Ok((token, signed, endpoints)) => {
                        let changed = current.with_untracked(|c| {
                            c.as_ref().is_none_or(|c| c.project_id != signed.project_id)
                        });
                        conn.token.set(token);
                        conn.set_remember(false);
                        conn.project_id.set(signed.project_id.to_string());
                        point_at(conn, &base, &configured, &endpoints);
                        arm_timer(timer, renew, &signed.expires_at);
                        current.set(Some(signed));
                        error.set(None);
                        renew.set(None);
                        signed_out.set(None);
                        projects.set(None);
                        if changed || switch {
                            on_scope.run(());
                        }
                    }
                    Err(e) => error.set(Some(e)),
                }
            }
        });
        let list_projects = Action::new_local(move |_: &()| {
            let base = identity_url.get_untracked();
            let timeout = conn.timeout_ms.get_untracked();
            let token = conn.token.get_untracked();
            async move {
                match identity::projects(&base, &token, timeout).await {
                    Ok(list) => {
                        error.set(None);
                        projects.set(Some(list));
                    }
                    Err(e) => {
                        if e.status() == 401 {
                            renew.set(Some(Renew::Refused));
                        }
                        error.set(Some(SessionError::Projects(e)));
                    }
                }
            }
        });
        let sign_out = Action::new_local(move |_: &()| {
            let base = identity_url.get_untracked();
            let timeout = conn.timeout_ms.get_untracked();
            let token = conn.token.get_untracked();
            // Forgotten at once: nothing uses the token while it is being revoked.
            conn.sign_out();
            current.set(None);
            renew.set(None);
            projects.set(None);
            error.set(None);
            timer.update_value(|t| *t = None);
            on_scope.run(());
            async move {
                let revoked = if token.trim().is_empty() {
                    Ok(())
                } else {
                    identity::revoke(&base, &token, timeout).await
                };
                signed_out.set(Some(revoked));
            }
        });
        Session {
            identity_url,
            mode: RwSignal::new(SignInMode::Password),
            user: RwSignal::new(String::new()),
            domain: RwSignal::new(String::new()),
            project: RwSignal::new(String::new()),
            password: RwSignal::new(String::new()),
            credential_id: RwSignal::new(String::new()),
            credential_secret: RwSignal::new(String::new()),
            missing: RwSignal::new(Vec::new()),
            error,
            current,
            renew,
            signed_out,
            projects,
            sign_in,
            list_projects,
            sign_out,
            conn,
            configured,
        }
    }

    /// Signs in with the form's fields. Empty fields are named and nothing is sent (nothing
    /// typed is lost); otherwise the secret is taken out of its field and the request starts.
    pub fn submit(&self) {
        let credentials = match self.mode.get_untracked() {
            SignInMode::Password => Credentials::Password {
                user: self.user.get_untracked(),
                domain: self.domain.get_untracked(),
                password: self.password.get_untracked(),
            },
            SignInMode::AppCredential => Credentials::ApplicationCredential {
                id: self.credential_id.get_untracked(),
                secret: self.credential_secret.get_untracked(),
            },
        };
        let scope =
            ProjectScope::from_input(&self.project.get_untracked(), &self.domain.get_untracked());
        match token_request_body(&credentials, scope.as_ref()) {
            Err(missing) => self.missing.set(missing),
            Ok(body) => {
                self.missing.set(Vec::new());
                self.password.set(String::new());
                self.credential_secret.set(String::new());
                self.signed_out.set(None);
                self.sign_in.dispatch_local((body.to_string(), false));
            }
        }
    }

    /// Whether a sign-in or switch is running.
    pub fn busy(&self) -> Signal<bool> {
        let (a, b) = (self.sign_in.pending(), self.sign_out.pending());
        Signal::derive(move || a.get() || b.get())
    }

    /// Lists the user's projects (for the switch menu).
    pub fn load_projects(&self) {
        self.list_projects.dispatch_local(());
    }

    pub fn projects_loading(&self) -> Signal<bool> {
        self.list_projects.pending().into()
    }

    /// Gets a token for another project with the current one (no password again).
    pub fn switch_project(&self, project: &str) {
        let Some(scope) = ProjectId::parse(project).map(ProjectScope::Id) else {
            return;
        };
        let token = self.conn.token.get_untracked();
        if let Ok(body) = token_request_body(&Credentials::Token(token), Some(&scope)) {
            self.sign_in.dispatch_local((body.to_string(), true));
        }
    }

    /// Uses another region of the catalog.
    pub fn switch_region(&self, region: &str) {
        let Some(signed) = self.current.get_untracked() else {
            return;
        };
        match signed.catalog.service_endpoints(Some(region)) {
            Ok(eps) => {
                point_at(
                    self.conn,
                    &self.identity_url.get_untracked(),
                    &self.configured.get_value(),
                    &eps,
                );
                self.current.update(|c| {
                    if let Some(c) = c {
                        c.region = eps.region;
                    }
                });
                self.error.set(None);
            }
            Err(e) => self.error.set(Some(SessionError::Catalog(e))),
        }
    }

    /// Revokes the token and forgets it.
    pub fn sign_out(&self) {
        self.sign_out.dispatch_local(());
    }

    /// A call of the console was refused with 401 while signed in.
    pub fn refused(&self) {
        if self.current.with_untracked(Option::is_some) {
            self.renew.set(Some(Renew::Refused));
        }
    }

    pub fn is_signed_in(&self) -> bool {
        self.current.with(Option::is_some)
    }
}

/// Points `conn` at the catalog's block storage and image endpoints (`configured`: the
/// configured base URLs, kept behind a same-origin gateway, see [`pick_base`]).
fn point_at(
    conn: Connection,
    identity_url: &str,
    configured: &(String, String),
    endpoints: &ServiceEndpoints,
) {
    let gateway = gateway_mode(identity_url);
    let pick = |configured: &str, from_catalog: &str| {
        pick_base(gateway, configured, from_catalog.to_string())
    };
    conn.evs_base_url
        .set(pick(&configured.0, &endpoints.block_storage));
    conn.ims_base_url.set(pick(&configured.1, &endpoints.image));
}

/// Whether the identity service is reached through a same-origin path (`/iam`): a gateway
/// that forwards the other APIs under its own paths too.
fn gateway_mode(identity_url: &str) -> bool {
    identity_url.trim().starts_with('/') && !identity_url.trim().starts_with("//")
}

/// The catalog's URL, except behind a same-origin gateway when the catalog points at another
/// origin (the cloud's own endpoints, which the page cannot call across origins there): then
/// the configured same-origin base URL the gateway forwards.
pub fn pick_base(gateway: bool, configured: &str, from_catalog: String) -> String {
    let origin = dom::origin();
    let same_origin = from_catalog.starts_with('/')
        || from_catalog == origin
        || from_catalog.starts_with(&[origin.as_str(), "/"].concat());
    if gateway && !same_origin && !configured.is_empty() {
        configured.to_string()
    } else {
        from_catalog
    }
}

/// The token, the session and the endpoints of a token answer, or why the catalog is unusable.
fn apply_catalog(
    signed: SignedIn,
    region: Option<String>,
) -> Result<(String, Signed, ServiceEndpoints), SessionError> {
    let catalog = signed.info.catalog;
    let endpoints = catalog
        .service_endpoints(region.as_deref())
        .map_err(SessionError::Catalog)?;
    let session = Signed {
        user: signed.info.user.name,
        project_id: signed.info.project.id,
        project_name: signed.info.project.name,
        region: endpoints.region.clone(),
        regions: catalog.regions(),
        expires_at: signed.info.expires_at,
        catalog,
    };
    Ok((signed.token, session, endpoints))
}

/// Asks to sign in again [`RENEW_BEFORE_MS`] before `expires_at` (at once when that is past).
fn arm_timer(
    timer: StoredValue<Option<Timeout>, LocalStorage>,
    renew: RwSignal<Option<Renew>>,
    expires_at: &Timestamp,
) {
    let left = expires_at.unix_millis() - RENEW_BEFORE_MS - dom::now_ms() as i64;
    let wait = left.clamp(0, i64::from(i32::MAX)) as u32;
    let t = Timeout::new(wait, move || {
        if renew.try_get_untracked().flatten().is_none() {
            let _ = renew.try_set(Some(Renew::Expiring));
        }
    });
    timer.update_value(|slot| *slot = Some(t));
}
