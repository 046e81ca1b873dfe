//! `--static DIR`: the built web page through tower-http's `ServeDir`, with the precompressed
//! `.br` / `.gz` siblings (sent when the browser accepts them), `index.html` for directories
//! and for page routes, `application/wasm` for `.wasm` (mime_guess), and two headers:
//! `Cache-Control: public, max-age=31536000, immutable` for a file whose name carries Trunk's
//! content hash (`main-<16 hex>.css`), `no-cache` for everything else (always revalidate:
//! `index.html`, and the names of a `--filehash false` build never change), and
//! `Vary: Accept-Encoding`.

use std::convert::Infallible;
use std::path::Path;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use percent_encoding::percent_decode_str;
use tower::util::{BoxCloneSyncService, ServiceExt};
use tower_http::services::{ServeDir, ServeFile};

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
    let stack = tower::service_fn(move |req: Request| {
        let fingerprinted = is_fingerprinted(req.uri().path());
        let files = files.clone();
        async move {
            let mut response = files.oneshot(req).await?.map(Body::new);
            let cache = if fingerprinted && response.status().is_success() {
                IMMUTABLE
            } else {
                "no-cache"
            };
            let headers = response.headers_mut();
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
            headers.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
            Ok::<_, Infallible>(response)
        }
    });
    BoxCloneSyncService::new(stack)
}

/// What a fingerprinted file gets: its content never changes under its name.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// Whether the file name carries a content hash as Trunk writes it (`name-<16 hex>.ext`,
/// `name-<16 hex>_bg.wasm`), so the name changes whenever the content does.
pub fn is_fingerprinted(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or("");
    let b = name.as_bytes();
    (0..b.len().saturating_sub(17)).any(|i| {
        b[i] == b'-'
            && b[i + 1..i + 17]
                .iter()
                .all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(c))
            && matches!(b.get(i + 17), Some(b'.' | b'_'))
    })
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

    #[test]
    fn only_content_hashed_names_are_fingerprinted() {
        assert!(is_fingerprinted("/evs-console-0123456789abcdef.js"));
        assert!(is_fingerprinted("/evs-console-0123456789abcdef_bg.wasm"));
        assert!(is_fingerprinted("/static/main-fedcba9876543210.css"));
        assert!(!is_fingerprinted("/"));
        assert!(!is_fingerprinted("/index.html"));
        assert!(!is_fingerprinted("/evs-console.js"));
        assert!(!is_fingerprinted("/evs-console_bg.wasm"));
        // 15 hex digits, upper case, or a hash in a directory name: not a content hash.
        assert!(!is_fingerprinted("/main-0123456789abcde.css"));
        assert!(!is_fingerprinted("/main-0123456789ABCDEF.css"));
        assert!(!is_fingerprinted("/v-0123456789abcdef.d/main.css"));
    }
}
