//! `--static DIR`: the built web page through tower-http's `ServeDir`, with the precompressed
//! `.br` / `.gz` siblings (sent when the browser accepts them), `index.html` for directories
//! and for page routes, `application/wasm` for `.wasm` (mime_guess), and two headers as layers:
//! `Cache-Control: no-cache` (always revalidate: the names of a `--filehash false` build never
//! change) and `Vary: Accept-Encoding`.

use std::convert::Infallible;
use std::path::Path;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use percent_encoding::percent_decode_str;
use tower::util::{BoxCloneSyncService, ServiceExt};
use tower::ServiceBuilder;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

/// The static file service (cheap to clone; one per server).
pub type Statics = BoxCloneSyncService<Request, Response, Infallible>;

/// Whether a missing `path` is a page route of the single-page app (it gets `index.html`):
/// its last segment has no file extension (a missing `.js` or `.wasm` stays a 404) and it
/// does not climb out with `..` (which `ServeDir` refuses; that stays a 404 too).
pub fn is_page_route(path: &str) -> bool {
    let decoded = percent_decode_str(path).decode_utf8_lossy();
    let last = decoded.rsplit('/').next().unwrap_or("");
    !last.contains('.') && !decoded.split(['/', '\\']).any(|s| s == "..")
}

/// `ServeDir` over `dir`; misses go to `index.html` (page routes) or 404.
pub fn service(dir: &Path) -> Statics {
    let index = ServeFile::new(dir.join("index.html"))
        .precompressed_br()
        .precompressed_gzip();
    let fallback = tower::service_fn(move |req: Request| {
        let index = index.clone();
        async move {
            if is_page_route(req.uri().path()) {
                let response = index.oneshot(req).await?;
                Ok::<_, Infallible>(response.map(Body::new))
            } else {
                Ok((StatusCode::NOT_FOUND, "not found\n").into_response())
            }
        }
    });
    let files = ServeDir::new(dir)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(fallback);
    let stack = ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::VARY,
            HeaderValue::from_static("Accept-Encoding"),
        ))
        .service(files)
        .map_response(|r: Response<_>| r.map(Body::new));
    BoxCloneSyncService::new(stack)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_routes_are_paths_without_an_extension_that_stay_inside() {
        assert!(is_page_route("/"));
        assert!(is_page_route("/disks/some-route"));
        assert!(!is_page_route("/pkg/missing.js"));
        assert!(!is_page_route("/../../etc/passwd"));
        assert!(!is_page_route("/%2e%2e/etc/passwd"));
        assert!(!is_page_route("/a%5c..%5cb"));
    }
}
