//! Every parser of server answers, on arbitrary bytes with an arbitrary status.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    let status = u16::from_le_bytes([data[0], data[1]]) % 600;
    let body = String::from_utf8_lossy(&data[2..]);
    let e = evs_model::ApiError::from_response(status, &body);
    assert!(!e.message().chars().any(char::is_control));
    let _ = e.to_string();
    let _ = evs_model::parse_export_response(status, &body);
    let _ = evs_model::parse_export_response(202, &body);
    let _ = evs_model::parse_volume_list(200, &body);
    let _ = evs_model::parse_volume(200, &body);
    let _ = evs_model::parse_image(200, &body);
    let _ = evs_model::Timestamp::parse(&body);
});
