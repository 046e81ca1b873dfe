//! This tab's sessionStorage, failing quietly: a locked-down browser degrades the console,
//! it never breaks it.

/// The sessionStorage key of a remembered token.
pub const TOKEN_KEY: &str = "evs-console.token";

fn session() -> Option<web_sys::Storage> {
    super::dom::window()?.session_storage().ok().flatten()
}

pub fn session_get(key: &str) -> Option<String> {
    session()?.get_item(key).ok().flatten()
}

pub fn session_set(key: &str, value: &str) {
    if let Some(s) = session() {
        let _ = s.set_item(key, value);
    }
}

pub fn session_remove(key: &str) {
    if let Some(s) = session() {
        let _ = s.remove_item(key);
    }
}
