//! The "show request" view's equivalent curl command. The token is never in it: the
//! `X-Auth-Token` header carries the shell variable `$OS_TOKEN` instead.

/// The placeholder that stands for the token.
pub const TOKEN_PLACEHOLDER: &str = "$OS_TOKEN";

/// A curl command line for `method url` with `headers`, the token header (as
/// [`TOKEN_PLACEHOLDER`]) and an optional body, one option per line. Everything but the
/// placeholder is single-quoted, so nothing in a name or URL is interpreted by the shell.
pub fn curl_command(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    token_header: &str,
    body: Option<&str>,
) -> String {
    let mut out = format!("curl -i -X {method} {}", quote(url));
    for (name, value) in headers {
        out.push_str(" \\\n  -H ");
        out.push_str(&quote(&format!("{name}: {value}")));
    }
    out.push_str(" \\\n  -H \"");
    out.push_str(token_header);
    out.push_str(": ");
    out.push_str(TOKEN_PLACEHOLDER);
    out.push('"');
    if let Some(body) = body {
        out.push_str(" \\\n  --data-raw ");
        out.push_str(&quote(body));
    }
    out
}

/// POSIX single quoting: `it's` → `'it'\''s'`.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        if c == '\'' {
            out.push_str("'\\''");
        } else {
            out.push(c);
        }
    }
    out.push('\'');
    out
}

/// `base` + `path` as an absolute URL: a base starting with `/` (or empty) is on `origin`.
pub fn absolute_url(origin: &str, base: &str, path: &str) -> String {
    let base = base.trim_end_matches('/');
    if base.starts_with("http://") || base.starts_with("https://") {
        format!("{base}{path}")
    } else if base.is_empty() || base.starts_with('/') {
        format!("{}{base}{path}", origin.trim_end_matches('/'))
    } else {
        format!("{}/{base}{path}", origin.trim_end_matches('/'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_with_headers_and_body() {
        let cmd = curl_command(
            "POST",
            "http://127.0.0.1:8080/evs/v2/p/volumes/v/action",
            &[
                ("Content-Type", "application/json"),
                ("OpenStack-API-Version", "volume 3.1"),
            ],
            "X-Auth-Token",
            Some(r#"{"os-volume_upload_image":{"image_name":"it's"}}"#),
        );
        assert_eq!(
            cmd,
            "curl -i -X POST 'http://127.0.0.1:8080/evs/v2/p/volumes/v/action' \\\n  -H 'Content-Type: application/json' \\\n  -H 'OpenStack-API-Version: volume 3.1' \\\n  -H \"X-Auth-Token: $OS_TOKEN\" \\\n  --data-raw '{\"os-volume_upload_image\":{\"image_name\":\"it'\\''s\"}}'"
        );
    }

    #[test]
    fn nothing_escapes_its_quotes() {
        assert_eq!(quote("$(rm -rf /)`x`"), "'$(rm -rf /)`x`'");
        assert_eq!(quote("'"), "''\\'''");
        let cmd = curl_command("GET", "/x", &[], "X-Auth-Token", None);
        assert_eq!(
            cmd,
            "curl -i -X GET '/x' \\\n  -H \"X-Auth-Token: $OS_TOKEN\""
        );
    }

    #[test]
    fn absolute_urls() {
        assert_eq!(
            absolute_url("http://h:1", "/evs/", "/v2/x"),
            "http://h:1/evs/v2/x"
        );
        assert_eq!(absolute_url("http://h:1/", "", "/v2/x"), "http://h:1/v2/x");
        assert_eq!(
            absolute_url("http://h", "https://gw.example/evs", "/v2/x"),
            "https://gw.example/evs/v2/x"
        );
        assert_eq!(absolute_url("http://h", "evs", "/v2"), "http://h/evs/v2");
    }
}
