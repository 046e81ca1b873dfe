//! When to try again: retries of idempotent GETs, and the polling schedule of the progress
//! view. The export POST is never retried (it is not idempotent).

use evs_model::{ApiError, ErrorKind};

/// Retries of a GET after its first attempt.
pub const GET_RETRIES: u32 = 2;

/// Whether a failed GET is worth repeating: no answer at all, or a gateway/unavailable status.
pub fn is_transient(err: &ApiError) -> bool {
    matches!(err.kind(), ErrorKind::Network) || matches!(err.status(), 502..=504)
}

/// The wait before retry number `retry` (0 = the first retry) of a GET that failed with
/// `err`, or `None` when it must not be retried.
pub fn get_retry_delay_ms(retry: u32, err: &ApiError) -> Option<u32> {
    if retry >= GET_RETRIES || !is_transient(err) {
        return None;
    }
    Some(match retry {
        0 => 400,
        _ => 1_200,
    })
}

/// The wait before poll number `poll + 1` of an image that is still being made:
/// 1 s for the first three polls, 2 s for the next three, then 5 s.
pub fn poll_delay_ms(poll: u32) -> u32 {
    match poll {
        0..=2 => 1_000,
        3..=5 => 2_000,
        _ => 5_000,
    }
}

/// The wait after `failures` polls in a row that got no usable answer: 2 s, then 5 s.
pub fn poll_error_delay_ms(failures: u32) -> u32 {
    if failures <= 1 {
        2_000
    } else {
        5_000
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gets_retry_twice_on_transient_failures_only() {
        let net = ApiError::network("Failed to fetch");
        assert_eq!(get_retry_delay_ms(0, &net), Some(400));
        assert_eq!(get_retry_delay_ms(1, &net), Some(1_200));
        assert_eq!(get_retry_delay_ms(2, &net), None);
        for status in [502, 503, 504] {
            let e = ApiError::from_response(status, "");
            assert!(get_retry_delay_ms(0, &e).is_some(), "{status}");
        }
        for e in [
            ApiError::from_response(500, ""),
            ApiError::from_response(401, ""),
            ApiError::from_response(404, ""),
            ApiError::timeout(30),
            ApiError::aborted(),
        ] {
            assert_eq!(get_retry_delay_ms(0, &e), None, "{e}");
        }
    }

    #[test]
    fn polling_backs_off_to_five_seconds() {
        let delays: Vec<u32> = (0..9).map(poll_delay_ms).collect();
        assert_eq!(
            delays,
            [1000, 1000, 1000, 2000, 2000, 2000, 5000, 5000, 5000]
        );
        assert_eq!(poll_delay_ms(u32::MAX), 5_000);
        assert!(delays.windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(poll_error_delay_ms(1), 2_000);
        assert_eq!(poll_error_delay_ms(7), 5_000);
    }
}
