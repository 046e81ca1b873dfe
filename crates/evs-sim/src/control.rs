//! Test and control endpoints under `/__sim/` (no token; not in the request log).

use axum::body::Bytes;
use axum::extract::State as AxState;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use evs_model::VolumeStatus;
use serde_json::{json, Value};

use crate::fault::{Fault, Matcher};
use crate::App;

fn json_response(status: StatusCode, value: Value) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        serde_json::to_vec(&value).unwrap_or_default(),
    )
        .into_response()
}

fn error(message: String) -> Response {
    json_response(StatusCode::BAD_REQUEST, json!({ "error": message }))
}

fn note(app: &App, method: &str, path: &str, status: StatusCode) {
    app.print(&crate::LogEntry {
        seq: 0,
        time: String::new(),
        method: method.into(),
        path: path.into(),
        status: status.as_u16(),
        latency_ms: 0,
        request_id: String::new(),
        dialect: None,
        volume_id: None,
        action: None,
        fault: None,
    });
}

/// `GET /__sim/health`.
pub async fn health(AxState(app): AxState<App>) -> Response {
    let (volumes, images, uploading) = app.with_state(|st, _| {
        let uploading = st
            .volumes
            .iter()
            .filter(|v| v.status == VolumeStatus::Uploading)
            .count();
        ((st.volumes.len(), st.images.len(), uploading), false)
    });
    json_response(
        StatusCode::OK,
        json!({
            "status": "ok",
            "project_id": app.config.project_id,
            "volumes": volumes,
            "images": images,
            "uploading": uploading,
            "export_seconds": app.config.export_seconds,
            "failure_rate": app.config.failure_rate,
            "fault": app.config.fault.map(|f| f.to_string()),
        }),
    )
}

/// `GET /__sim/log`: the API request log, oldest first.
pub async fn log(AxState(app): AxState<App>) -> Response {
    json_response(StatusCode::OK, json!(app.log_entries()))
}

/// `POST /__sim/reset`: the seeded state again; log, queued faults and clock offset cleared.
pub async fn reset(AxState(app): AxState<App>) -> Response {
    app.reset();
    note(&app, "POST", "/__sim/reset", StatusCode::OK);
    json_response(StatusCode::OK, json!({ "reset": true }))
}

/// `POST /__sim/faults` with `{"fault": "<kind>", "match": "<matcher>", "times": N}`
/// (`match` defaults to every API request, `times` to 1).
pub async fn add_fault(AxState(app): AxState<App>, body: Bytes) -> Response {
    let value: Value = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(e) => return error(format!("the body is not JSON: {e}")),
    };
    let Some(kind) = value.get("fault").and_then(Value::as_str) else {
        return error("\"fault\" (a string) is required".into());
    };
    let fault: Fault = match kind.parse() {
        Ok(f) => f,
        Err(e) => return error(e),
    };
    let matcher = Matcher::parse(value.get("match").and_then(Value::as_str));
    let times = match value.get("times") {
        None | Some(Value::Null) => 1,
        Some(v) => match v.as_u64().and_then(|n| u32::try_from(n).ok()) {
            Some(n) if n > 0 => n,
            _ => return error("\"times\" must be a positive integer".into()),
        },
    };
    app.queue_fault(fault, matcher.clone(), times);
    note(&app, "POST", "/__sim/faults", StatusCode::CREATED);
    json_response(
        StatusCode::CREATED,
        json!({ "queued": { "fault": fault.to_string(), "match": matcher.as_str(), "times": times } }),
    )
}

/// `GET /__sim/faults`: the queued faults.
pub async fn list_faults(AxState(app): AxState<App>) -> Response {
    let list: Vec<Value> = app
        .queued_faults()
        .iter()
        .map(|q| json!({"fault": q.fault.to_string(), "match": q.matcher.as_str(), "times": q.remaining}))
        .collect();
    json_response(StatusCode::OK, json!(list))
}

/// `DELETE /__sim/faults`: drops every queued fault.
pub async fn clear_faults(AxState(app): AxState<App>) -> Response {
    app.clear_faults();
    note(&app, "DELETE", "/__sim/faults", StatusCode::OK);
    json_response(StatusCode::OK, json!({ "cleared": true }))
}

/// `POST /__sim/advance` with `{"seconds": S}`: moves the simulator's clock forward, so
/// exports progress without waiting.
pub async fn advance(AxState(app): AxState<App>, body: Bytes) -> Response {
    let seconds = serde_json::from_slice::<Value>(&body)
        .ok()
        .and_then(|v| v.get("seconds").and_then(Value::as_f64));
    match seconds {
        Some(s) if s.is_finite() && (0.0..=1.0e7).contains(&s) => {
            let total = app.advance_clock((s * 1_000_000.0) as i64);
            note(&app, "POST", "/__sim/advance", StatusCode::OK);
            json_response(
                StatusCode::OK,
                json!({ "clock_offset_seconds": total as f64 / 1_000_000.0 }),
            )
        }
        _ => error("expected {\"seconds\": <0..10000000>}".into()),
    }
}

/// `POST /__sim/clock` with `{"frozen": true|false}`: stops the simulator's clock (exports
/// stay where they are until `/__sim/advance` moves it) or lets it run on from there. Reset
/// lets it run.
pub async fn clock(AxState(app): AxState<App>, body: Bytes) -> Response {
    let frozen = serde_json::from_slice::<Value>(&body)
        .ok()
        .and_then(|v| v.get("frozen").and_then(Value::as_bool));
    match frozen {
        Some(f) => {
            app.freeze_clock(f);
            note(&app, "POST", "/__sim/clock", StatusCode::OK);
            json_response(StatusCode::OK, json!({ "frozen": f }))
        }
        None => error("expected {\"frozen\": true|false}".into()),
    }
}

/// `GET /__sim/deployment`: the image service's formats and Cinder's compression switch.
pub async fn deployment(AxState(app): AxState<App>) -> Response {
    json_response(StatusCode::OK, json!(app.deployment()))
}

/// `POST /__sim/deployment` with any of `{"disk_formats": [..], "container_formats": [..],
/// "compression": bool}`: what `GET /v2/schemas/image` lists and `/v3` exports accept, until
/// the next reset.
pub async fn set_deployment(AxState(app): AxState<App>, body: Bytes) -> Response {
    let value: Value = match serde_json::from_slice(&body) {
        Ok(Value::Object(o)) => Value::Object(o),
        Ok(_) => return error("expected a JSON object".into()),
        Err(e) => return error(format!("the body is not JSON: {e}")),
    };
    let mut settings = app.deployment();
    for (key, target) in [
        ("disk_formats", &mut settings.disk_formats),
        ("container_formats", &mut settings.container_formats),
    ] {
        match value.get(key) {
            None => {}
            Some(Value::Array(items)) if items.iter().all(Value::is_string) => {
                *target = items
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect();
            }
            Some(_) => return error(format!("\"{key}\" must be an array of strings")),
        }
    }
    for (key, target) in [
        ("compression", &mut settings.compression),
        ("like_filter", &mut settings.like_filter),
    ] {
        match value.get(key) {
            None => {}
            Some(Value::Bool(b)) => *target = *b,
            Some(_) => return error(format!("\"{key}\" must be a boolean")),
        }
    }
    app.set_deployment(settings.clone());
    note(&app, "POST", "/__sim/deployment", StatusCode::OK);
    json_response(StatusCode::OK, json!(settings))
}
