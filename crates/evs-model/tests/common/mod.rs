//! Reading the answers recorded from the real services (tests/cinder/recorded/*.json), shared
//! by the recorded_* tests.
#![allow(dead_code)] // each test file uses its own part

use std::path::PathBuf;

use serde_json::Value;

/// One recording, parsed.
pub fn load(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/cinder/recorded")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

pub fn status(rec: &Value) -> u16 {
    rec["status"].as_u64().unwrap() as u16
}

pub fn body(rec: &Value) -> &str {
    rec["body"].as_str().unwrap()
}

/// A recorded response header, by case-insensitive name.
pub fn header<'a>(rec: &'a Value, name: &str) -> Option<&'a str> {
    rec["headers"]
        .as_object()?
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .and_then(|(_, v)| v.as_str())
}
