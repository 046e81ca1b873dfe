//! evs-sim: a local simulator of the Huawei EVS / OpenStack Cinder export API
//! (`os-volume_upload_image`), of the image service and of the identity service (Keystone v3 /
//! Huawei IAM sign-in), for the export console's development
//! and tests. The API's rules come from `evs-model`; this crate adds state, time, HTTP and
//! faults.
//!
//! Start it in-process with [`start`] (tests, the benchmark) or run the `evs-sim` binary.

pub mod api;
pub mod client;
pub mod config;
pub mod control;
pub mod fault;
pub mod identity;
pub mod image_patch;
pub mod seed;
pub mod state;
pub mod statics;
pub mod util;

use std::collections::VecDeque;
use std::net::{Ipv4Addr, SocketAddr};
use std::ops::Deref;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::routing::{get, post};
use axum::Router;
use serde::Serialize;

pub use config::{Command, Config, USAGE};
pub use fault::{Fault, Matcher, QueuedFault};
pub use state::State;

/// At most this many entries stay in the request log (`GET /__sim/log`); older ones go.
pub const LOG_CAPACITY: usize = 10_000;

/// One line of the request log. Never holds the token.
#[derive(Debug, Clone, Serialize)]
pub struct LogEntry {
    pub seq: u64,
    /// When the answer was sent (image-service format, UTC).
    pub time: String,
    pub method: String,
    /// Path and query as requested (the `/evs` / `/ims` prefix included).
    pub path: String,
    /// The HTTP status; 0 when no answer was sent (`drop`, `hang`).
    pub status: u16,
    pub latency_ms: u64,
    pub request_id: String,
    /// `huawei` (`/v2`) or `cinder` (`/v3`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dialect: Option<String>,
    /// For `POST .../volumes/{id}/action`: the disk id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub volume_id: Option<String>,
    /// For `POST .../action`: the action key of the body (`os-volume_upload_image`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fault: Option<String>,
}

/// The deployment's image-service settings the export depends on: Glance's `disk_formats`
/// and `container_formats` (its schema's enums) and Cinder's
/// `allow_compression_on_image_upload`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deployment {
    pub disk_formats: Vec<String>,
    pub container_formats: Vec<String>,
    pub compression: bool,
    /// Cinder allows the `name~` like-filter (3.34+) for this user; off, it refuses it (400),
    /// as some deployments do for non-admin members.
    pub like_filter: bool,
}

impl Deployment {
    pub fn from_config(config: &Config) -> Deployment {
        Deployment {
            disk_formats: config.image_disk_formats.clone(),
            container_formats: config.image_container_formats.clone(),
            compression: config.cinder_compression,
            like_filter: config.cinder_like_filter,
        }
    }
}

/// The shared server state. Cheap to clone.
#[derive(Clone)]
pub struct App(Arc<Inner>);

pub struct Inner {
    pub config: Config,
    /// The address the server listens on.
    pub addr: SocketAddr,
    /// `--static DIR`: the file service over DIR.
    pub statics: Option<statics::Statics>,
    state: Mutex<State>,
    log: Mutex<VecDeque<LogEntry>>,
    faults: Mutex<Vec<QueuedFault>>,
    deployment: Mutex<Deployment>,
    tokens: Mutex<identity::Tokens>,
    clock_offset_us: AtomicI64,
    /// The wall clock when the clock was frozen (`/__sim/clock`); `i64::MIN` while it runs.
    frozen_wall_us: AtomicI64,
    request_counter: AtomicU64,
    request_salt: u64,
    log_seq: AtomicU64,
    state_version: AtomicU64,
    saved_version: Mutex<u64>,
}

impl Deref for App {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

/// Locks a mutex; a poisoned one (impossible without a panic) is used as it is.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl App {
    pub fn new(config: Config, state: State, addr: SocketAddr) -> App {
        let statics = config.static_dir.as_deref().map(statics::service);
        let deployment = Mutex::new(Deployment::from_config(&config));
        App(Arc::new(Inner {
            config,
            addr,
            statics,
            state: Mutex::new(state),
            log: Mutex::new(VecDeque::new()),
            faults: Mutex::new(Vec::new()),
            deployment,
            tokens: Mutex::new(identity::Tokens::default()),
            clock_offset_us: AtomicI64::new(0),
            frozen_wall_us: AtomicI64::new(i64::MIN),
            request_counter: AtomicU64::new(0),
            request_salt: util::mix(util::wall_clock_micros() as u64 ^ u64::from(addr.port())),
            log_seq: AtomicU64::new(0),
            state_version: AtomicU64::new(0),
            saved_version: Mutex::new(0),
        }))
    }

    /// The simulator's clock: the wall clock plus whatever `/__sim/advance` added.
    pub fn now_us(&self) -> i64 {
        let wall = match self.frozen_wall_us.load(Ordering::Relaxed) {
            i64::MIN => util::wall_clock_micros(),
            frozen => frozen,
        };
        wall.saturating_add(self.clock_offset_us.load(Ordering::Relaxed))
    }

    /// Stops the clock (only `/__sim/advance` moves it then), or lets it run again from where
    /// it stood. Returns whether it is frozen now.
    pub fn freeze_clock(&self, frozen: bool) -> bool {
        let wall = util::wall_clock_micros();
        if frozen {
            let _ = self.frozen_wall_us.compare_exchange(
                i64::MIN,
                wall,
                Ordering::Relaxed,
                Ordering::Relaxed,
            );
        } else {
            let at = self.frozen_wall_us.swap(i64::MIN, Ordering::Relaxed);
            if at != i64::MIN {
                self.clock_offset_us
                    .fetch_add(at.saturating_sub(wall), Ordering::Relaxed);
            }
        }
        frozen
    }

    /// Moves the clock forward (tests skip waiting this way).
    pub fn advance_clock(&self, us: i64) -> i64 {
        self.clock_offset_us.fetch_add(us, Ordering::Relaxed) + us
    }

    /// A fresh `req-<uuid>`.
    pub fn request_id(&self) -> String {
        let n = self.request_counter.fetch_add(1, Ordering::Relaxed);
        let hi = util::mix(self.request_salt ^ n);
        let lo = util::mix(hi ^ n.rotate_left(17) ^ 0x5151);
        format!("req-{}", util::uuid_from(hi, lo))
    }

    /// The export duration in microseconds.
    pub fn export_duration_us(&self) -> i64 {
        (self.config.export_seconds * 1_000_000.0) as i64
    }

    /// Runs `f` on the state (after finishing exports whose time is up) under the lock.
    /// `f` returns its result and whether it changed the state; changes are saved to the
    /// state file, if there is one.
    pub fn with_state<R>(&self, f: impl FnOnce(&mut State, i64) -> (R, bool)) -> R {
        let now = self.now_us();
        let (result, snapshot) = {
            let mut st = lock(&self.state);
            let advanced = st.advance(now);
            let (result, changed) = f(&mut st, now);
            let snapshot = if (advanced || changed) && self.config.state_file.is_some() {
                let version = self.state_version.fetch_add(1, Ordering::Relaxed) + 1;
                serde_json::to_string_pretty(&*st)
                    .ok()
                    .map(|text| (version, text))
            } else {
                None
            };
            (result, snapshot)
        };
        if let Some((version, text)) = snapshot {
            self.persist(version, &text);
        }
        result
    }

    fn persist(&self, version: u64, text: &str) {
        let Some(path) = &self.config.state_file else {
            return;
        };
        let mut saved = lock(&self.saved_version);
        if version <= *saved {
            return;
        }
        match State::save_text(path, text) {
            Ok(()) => *saved = version,
            Err(e) => eprintln!("evs-sim: {e}"),
        }
    }

    /// Back to the seeded state; clears the log, queued faults, issued tokens and the clock
    /// offset.
    pub fn reset(&self) {
        self.clock_offset_us.store(0, Ordering::Relaxed);
        self.frozen_wall_us.store(i64::MIN, Ordering::Relaxed);
        self.with_state(|st, now| {
            *st = seed::initial_state(&self.config, now);
            ((), true)
        });
        lock(&self.log).clear();
        lock(&self.faults).clear();
        *lock(&self.deployment) = Deployment::from_config(&self.config);
        lock(&self.tokens).clear();
    }

    /// What the image service accepts now (the flags, or `POST /__sim/deployment`).
    pub fn deployment(&self) -> Deployment {
        lock(&self.deployment).clone()
    }

    /// Changes what the image service accepts until the next reset.
    pub fn set_deployment(&self, settings: Deployment) {
        *lock(&self.deployment) = settings;
    }

    /// Runs `f` on the issued tokens (in memory only, never saved nor logged).
    pub fn with_tokens<R>(&self, f: impl FnOnce(&mut identity::Tokens) -> R) -> R {
        f(&mut lock(&self.tokens))
    }

    /// Queues a fault for the next `times` requests that `matcher` matches.
    pub fn queue_fault(&self, fault: Fault, matcher: Matcher, times: u32) {
        lock(&self.faults).push(QueuedFault {
            fault,
            matcher,
            remaining: times,
        });
    }

    pub fn queued_faults(&self) -> Vec<QueuedFault> {
        lock(&self.faults).clone()
    }

    pub fn clear_faults(&self) {
        lock(&self.faults).clear();
    }

    /// Takes the first queued fault matching `api_path` (one use of it).
    pub fn take_fault(&self, api_path: &str) -> Option<Fault> {
        let mut faults = lock(&self.faults);
        let i = faults
            .iter()
            .position(|q| q.remaining > 0 && q.matcher.matches(api_path))?;
        let fault = faults[i].fault;
        faults[i].remaining -= 1;
        if faults[i].remaining == 0 {
            faults.remove(i);
        }
        Some(fault)
    }

    /// Replaces every occurrence of the configured token (should a client ever put it in a
    /// URL) so it never reaches a log.
    pub fn redact(&self, text: &str) -> String {
        if !self.config.token.is_empty() && text.contains(self.config.token.as_str()) {
            text.replace(self.config.token.as_str(), "[redacted]")
        } else {
            text.to_string()
        }
    }

    /// Adds an API request to the log (and prints it).
    pub fn record(&self, mut entry: LogEntry) {
        entry.seq = self.log_seq.fetch_add(1, Ordering::Relaxed) + 1;
        entry.time = util::glance_time(util::wall_clock_micros());
        self.print(&entry);
        let mut log = lock(&self.log);
        if log.len() >= LOG_CAPACITY {
            log.pop_front();
        }
        log.push_back(entry);
    }

    /// One stderr line per request: method, path, status, latency (never the token).
    pub fn print(&self, e: &LogEntry) {
        if !self.config.log_requests {
            return;
        }
        let mut line = format!(
            "evs-sim: {} {} -> {} {}ms",
            e.method, e.path, e.status, e.latency_ms
        );
        if let Some(v) = &e.volume_id {
            line.push_str(&format!(" volume={v}"));
        }
        if let Some(f) = &e.fault {
            line.push_str(&format!(" fault={f}"));
        }
        if !e.request_id.is_empty() {
            line.push_str(&format!(" {}", e.request_id));
        }
        eprintln!("{line}");
    }

    pub fn log_entries(&self) -> Vec<LogEntry> {
        lock(&self.log).iter().cloned().collect()
    }
}

/// The whole HTTP surface: control endpoints, then the API and static files.
pub fn router(app: App) -> Router {
    Router::new()
        .route("/__sim/health", get(control::health))
        .route("/__sim/log", get(control::log))
        .route("/__sim/reset", post(control::reset))
        .route(
            "/__sim/faults",
            post(control::add_fault)
                .get(control::list_faults)
                .delete(control::clear_faults),
        )
        .route("/__sim/advance", post(control::advance))
        .route("/__sim/clock", post(control::clock))
        .route(
            "/__sim/deployment",
            post(control::set_deployment).get(control::deployment),
        )
        .fallback(api::entry)
        .with_state(app)
}

/// A running server.
pub struct Server {
    pub addr: SocketAddr,
    pub app: App,
    task: tokio::task::JoinHandle<()>,
}

impl Server {
    /// `http://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The line printed on start.
    pub fn start_line(&self) -> String {
        format!(
            "evs-sim listening on {} project_id={} token={} user={} password={}",
            self.url(),
            self.app.config.project_id,
            self.app.config.token,
            identity::USER,
            self.app.config.password
        )
    }

    /// Serves until the process ends.
    pub async fn wait(self) {
        let _ = self.task.await;
    }

    /// Stops accepting connections.
    pub fn stop(&self) {
        self.task.abort();
    }
}

/// Loads or seeds the state, binds 127.0.0.1:`config.port` and starts serving.
pub async fn start(config: Config) -> Result<Server, String> {
    let state = match &config.state_file {
        Some(path) => State::load(path)?,
        None => None,
    };
    let fresh = state.is_none();
    let state = state.unwrap_or_else(|| seed::initial_state(&config, util::wall_clock_micros()));
    if let Some(dir) = &config.static_dir {
        if !dir.is_dir() {
            return Err(format!("--static {}: not a directory", dir.display()));
        }
    }
    let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, config.port))
        .await
        .map_err(|e| format!("cannot listen on 127.0.0.1:{}: {e}", config.port))?;
    let addr = listener
        .local_addr()
        .map_err(|e| format!("cannot read the listening address: {e}"))?;
    let app = App::new(config, state, addr);
    if fresh && app.config.state_file.is_some() {
        app.with_state(|_, _| ((), true));
    }
    let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
        let _ = tcp.set_nodelay(true);
    });
    let router = router(app.clone());
    let task = tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, router).await {
            eprintln!("evs-sim: server stopped: {e}");
        }
    });
    Ok(Server { addr, app, task })
}

/// How long the `hang` fault keeps a request open.
pub const HANG: Duration = Duration::from_secs(3600);
