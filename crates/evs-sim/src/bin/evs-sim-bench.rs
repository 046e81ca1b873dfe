//! `cargo run --release -p evs-sim --bin evs-sim-bench`: a bounded load test on loopback.
//!
//! Starts the simulator in-process on 127.0.0.1:0 with enough filler disks that every export
//! request hits a fresh disk, then for concurrency 1, 8 and 32 sends at most
//! [`REQUESTS_PER_LEVEL`] requests (or runs for at most [`MAX_SECONDS_PER_LEVEL`]) to the list
//! endpoint and to the export endpoint, over keep-alive connections (one per worker), and
//! prints a table. Stops by itself.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use evs_sim::client::Connection;
use evs_sim::config::{DEFAULT_PROJECT_ID, DEFAULT_TOKEN};
use evs_sim::seed::bulk_id;
use evs_sim::{start, Config};
use hyper::http::Method;

const LEVELS: [usize; 3] = [1, 8, 32];
const REQUESTS_PER_LEVEL: usize = 2000;
const MAX_SECONDS_PER_LEVEL: u64 = 5;

#[derive(Clone, Copy)]
enum Endpoint {
    List,
    Export,
}

impl Endpoint {
    fn label(self) -> &'static str {
        match self {
            Endpoint::List => "GET  /v2/{p}/volumes/detail (20/page)",
            Endpoint::Export => "POST /v2/{p}/volumes/{id}/action",
        }
    }
}

struct Row {
    requests: usize,
    errors: usize,
    seconds: f64,
    latencies_us: Vec<u64>,
}

async fn run_level(
    addr: std::net::SocketAddr,
    endpoint: Endpoint,
    concurrency: usize,
    disk_offset: usize,
) -> Row {
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let deadline = started + Duration::from_secs(MAX_SECONDS_PER_LEVEL);
    let mut workers = Vec::new();
    for _ in 0..concurrency {
        let next = next.clone();
        workers.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut errors = 0usize;
            let Ok(mut conn) = Connection::open(addr).await else {
                return (latencies, 1);
            };
            let auth = [("x-auth-token", DEFAULT_TOKEN)];
            let list = format!("/v2/{DEFAULT_PROJECT_ID}/volumes/detail");
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= REQUESTS_PER_LEVEL || Instant::now() >= deadline {
                    break;
                }
                let t = Instant::now();
                let (result, expected) = match endpoint {
                    Endpoint::List => (conn.send(Method::GET, &list, &auth, None).await, 200),
                    Endpoint::Export => {
                        let path = format!(
                            "/v2/{DEFAULT_PROJECT_ID}/volumes/{}/action",
                            bulk_id(disk_offset + i + 1)
                        );
                        let body = r#"{"os-volume_upload_image":{"image_name":"bench-image","force":false,"container_format":"bare","disk_format":"zvhd2","__os_type":"linux"}}"#;
                        (
                            conn.send(Method::POST, &path, &auth, Some(body)).await,
                            202,
                        )
                    }
                };
                latencies.push(t.elapsed().as_micros() as u64);
                match result {
                    Ok(r) if r.status == expected => {}
                    Ok(_) => errors += 1,
                    Err(_) => {
                        errors += 1;
                        match Connection::open(addr).await {
                            Ok(c) => conn = c,
                            Err(_) => break,
                        }
                    }
                }
            }
            (latencies, errors)
        }));
    }
    let mut latencies_us = Vec::new();
    let mut errors = 0;
    for w in workers {
        if let Ok((l, e)) = w.await {
            latencies_us.extend(l);
            errors += e;
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    latencies_us.sort_unstable();
    Row {
        requests: latencies_us.len(),
        errors,
        seconds,
        latencies_us,
    }
}

fn percentile_ms(sorted_us: &[u64], p: f64) -> f64 {
    if sorted_us.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted_us.len() as f64).ceil() as usize;
    sorted_us[rank.clamp(1, sorted_us.len()) - 1] as f64 / 1000.0
}

#[tokio::main]
async fn main() {
    let config = Config {
        port: 0,
        log_requests: false,
        bulk_disks: LEVELS.len() * REQUESTS_PER_LEVEL,
        export_seconds: 3600.0,
        ..Config::default()
    };
    let server = match start(config).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("evs-sim-bench: {e}");
            std::process::exit(1);
        }
    };
    println!(
        "evs-sim-bench: {} ({} disks), up to {REQUESTS_PER_LEVEL} requests or {MAX_SECONDS_PER_LEVEL} s per level, keep-alive, one connection per worker",
        server.url(),
        LEVELS.len() * REQUESTS_PER_LEVEL + 10,
    );
    println!();
    println!(
        "{:<40} {:>5} {:>9} {:>11} {:>9} {:>9} {:>7}",
        "endpoint", "conc", "requests", "requests/s", "p50 ms", "p99 ms", "errors"
    );
    for endpoint in [Endpoint::List, Endpoint::Export] {
        for (level, &concurrency) in LEVELS.iter().enumerate() {
            let row = run_level(
                server.addr,
                endpoint,
                concurrency,
                level * REQUESTS_PER_LEVEL,
            )
            .await;
            println!(
                "{:<40} {:>5} {:>9} {:>11.0} {:>9.3} {:>9.3} {:>7}",
                endpoint.label(),
                concurrency,
                row.requests,
                row.requests as f64 / row.seconds.max(1e-9),
                percentile_ms(&row.latencies_us, 50.0),
                percentile_ms(&row.latencies_us, 99.0),
                row.errors,
            );
        }
    }
    server.stop();
}
