//! What the simulator's HTTP tests share: a server on port 0 and one call over real HTTP.
#![allow(dead_code)] // each test file uses its own part

use std::net::SocketAddr;

use evs_model::{ProjectId, VolumeId};
use evs_sim::client::{request, HttpResponse};
use evs_sim::config::DEFAULT_PROJECT_ID;
use evs_sim::{start, Config, Server};
use hyper::http::Method;

/// A simulator in-process on 127.0.0.1, port 0, quiet, configured by `f`.
pub async fn sim_with(f: impl FnOnce(&mut Config)) -> Server {
    let mut c = Config {
        port: 0,
        log_requests: false,
        ..Config::default()
    };
    f(&mut c);
    start(c).await.expect("server starts")
}

/// One request; panics when no answer came.
pub async fn call(
    addr: SocketAddr,
    method: Method,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> HttpResponse {
    request(addr, method, path, headers, body)
        .await
        .expect("answer")
}

/// The seeded token, as the header that carries it.
pub const AUTH: (&str, &str) = ("x-auth-token", "sim-token");
/// Cinder microversion 3.1 (the export's `visibility` and `protected`).
pub const MV31: (&str, &str) = ("openstack-api-version", "volume 3.1");

/// The simulator's default project.
pub fn project() -> ProjectId {
    ProjectId::parse(DEFAULT_PROJECT_ID).expect("project id")
}

pub fn vid(id: &str) -> VolumeId {
    VolumeId::parse(id).expect("volume id")
}
