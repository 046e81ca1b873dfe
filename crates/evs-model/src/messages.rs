//! Why an export failed: Cinder's user messages (`GET /v3/{project}/messages`, microversion
//! 3.3 and later). Huawei EVS has no such API.
//!
//! A failed upload leaves `event_id` `VOLUME_VOLUME_003_004` ("copy volume to image" +
//! "Failed to upload volume to image at backend."): `VOLUME_{resource}_{action}_{detail}`,
//! the numbers from cinder/message/message_field.py. The console words the action and the
//! detail itself; `user_message` is Cinder's own text, shown as sent.

use serde_json::Value;

use crate::json::{non_empty_id, non_empty_text};
use crate::{ApiError, Timestamp, VolumeId};

/// The microversion that brought the messages API.
pub const MESSAGES_MICROVERSION: &str = "volume 3.3";

/// What Cinder was doing (`Action` in message_field.py).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventAction {
    ScheduleAllocateVolume,
    AttachVolume,
    /// `003`: the export (upload to image).
    CopyVolumeToImage,
    UpdateAttachment,
    CopyImageToVolume,
    UnmanageVolume,
    ExtendVolume,
    /// A number this console does not know.
    Other(String),
}

/// What went wrong (`Detail` in message_field.py).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventDetail {
    UnknownError,
    DriverNotInitialized,
    NoBackendAvailable,
    /// `004`: the backend could not upload the volume's data to the image service.
    FailedToUploadVolume,
    VolumeAttachModeInvalid,
    QuotaExceeded,
    NotEnoughSpaceForImage,
    UnmanageEncNotSupported,
    NotifyComputeServiceFailed,
    DriverFailedExtend,
    SignatureVerificationFailed,
    Other(String),
}

/// A parsed `event_id`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CinderEvent {
    pub action: EventAction,
    pub detail: EventDetail,
}

impl CinderEvent {
    /// `VOLUME_VOLUME_003_004` → copy volume to image, failed to upload. `None` for text of
    /// another shape (shown as sent).
    pub fn parse(event_id: &str) -> Option<CinderEvent> {
        let mut parts = event_id.trim().rsplitn(3, '_');
        let detail = parts.next()?;
        let action = parts.next()?;
        let head = parts.next()?;
        let numeric = |s: &str| s.len() == 3 && s.bytes().all(|b| b.is_ascii_digit());
        if !head.starts_with("VOLUME_") || !numeric(action) || !numeric(detail) {
            return None;
        }
        let action = match action {
            "001" => EventAction::ScheduleAllocateVolume,
            "002" => EventAction::AttachVolume,
            "003" => EventAction::CopyVolumeToImage,
            "004" => EventAction::UpdateAttachment,
            "005" => EventAction::CopyImageToVolume,
            "006" => EventAction::UnmanageVolume,
            "007" => EventAction::ExtendVolume,
            n => EventAction::Other(n.to_string()),
        };
        let detail = match detail {
            "001" => EventDetail::UnknownError,
            "002" => EventDetail::DriverNotInitialized,
            "003" => EventDetail::NoBackendAvailable,
            "004" => EventDetail::FailedToUploadVolume,
            "005" => EventDetail::VolumeAttachModeInvalid,
            "006" => EventDetail::QuotaExceeded,
            "007" => EventDetail::NotEnoughSpaceForImage,
            "008" => EventDetail::UnmanageEncNotSupported,
            "009" => EventDetail::NotifyComputeServiceFailed,
            "010" => EventDetail::DriverFailedExtend,
            "011" => EventDetail::SignatureVerificationFailed,
            n => EventDetail::Other(n.to_string()),
        };
        Some(CinderEvent { action, detail })
    }
}

/// One user message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserMessage {
    pub id: Option<String>,
    /// As sent (`VOLUME_VOLUME_003_004`).
    pub event_id: String,
    /// The parsed event, when `event_id` has Cinder's shape.
    pub event: Option<CinderEvent>,
    /// Cinder's own words, as sent (shortened, never markup).
    pub user_message: String,
    pub message_level: Option<String>,
    pub resource_uuid: Option<String>,
    pub request_id: Option<String>,
    pub created_at: Option<Timestamp>,
}

/// Parses `GET /v3/{project}/messages`: `{"messages": [...]}`, newest first (by
/// `created_at`; messages without one last). Entries without an `event_id` are skipped.
pub fn parse_messages(status: u16, body: &str) -> Result<Vec<UserMessage>, ApiError> {
    let value = crate::json::body_json(status, body)?;
    let Some(list) = value.get("messages").and_then(Value::as_array) else {
        return Err(ApiError::unexpected_shape(status, "messages"));
    };
    let mut messages: Vec<UserMessage> = list.iter().filter_map(message).collect();
    // Newest first, stable (Cinder already answers newest first: this rarely moves anything).
    crate::sort_short_by_key(&mut messages, |m| std::cmp::Reverse(created(m)));
    Ok(messages)
}

fn created(m: &UserMessage) -> i64 {
    m.created_at
        .as_ref()
        .map_or(i64::MIN, Timestamp::unix_millis)
}

fn message(v: &Value) -> Option<UserMessage> {
    let o = v.as_object()?;
    let event_id = non_empty_text(o.get("event_id"))?;
    Some(UserMessage {
        id: non_empty_id(o.get("id")),
        event: CinderEvent::parse(&event_id),
        event_id,
        user_message: non_empty_text(o.get("user_message"))
            .map(|m| crate::json::shorten(&m, crate::MAX_MESSAGE_CHARS))
            .unwrap_or_default(),
        message_level: non_empty_text(o.get("message_level")),
        resource_uuid: non_empty_id(o.get("resource_uuid")),
        request_id: non_empty_text(o.get("request_id")),
        created_at: non_empty_text(o.get("created_at")).and_then(|s| Timestamp::parse(&s)),
    })
}

/// The messages that explain a failed export of `volume`: about that volume (below 3.5
/// Cinder ignores the `resource_uuid` filter, so the list may hold other volumes'), and not
/// older than `since` (the export's own time, on the server's clock), newest first.
pub fn export_failure_messages(
    messages: &[UserMessage],
    volume: &VolumeId,
    since: Option<&Timestamp>,
) -> Vec<UserMessage> {
    messages
        .iter()
        .filter(|m| {
            m.resource_uuid
                .as_deref()
                .is_none_or(|r| r == volume.as_str())
        })
        .filter(|m| match (since, &m.created_at) {
            // No slack: a message of an earlier export of this disk (a cancel, then a new
            // export within the second) is not about this one. Both times have microseconds.
            (Some(s), Some(c)) => c.unix_millis() >= s.unix_millis(),
            _ => true,
        })
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_ids() {
        let e = CinderEvent::parse("VOLUME_VOLUME_003_004").unwrap();
        assert_eq!(e.action, EventAction::CopyVolumeToImage);
        assert_eq!(e.detail, EventDetail::FailedToUploadVolume);
        let e = CinderEvent::parse("VOLUME_VOLUME_099_123").unwrap();
        assert_eq!(e.action, EventAction::Other("099".into()));
        assert_eq!(e.detail, EventDetail::Other("123".into()));
        for bad in [
            "",
            "VOLUME",
            "X_VOLUME_003_004",
            "VOLUME_VOLUME_3_4",
            "VOLUME_VOLUME_003_00a",
        ] {
            assert_eq!(CinderEvent::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn list_newest_first_and_filtered() {
        let body = r#"{"messages": [
            {"id": "m1", "event_id": "VOLUME_VOLUME_003_004", "user_message": "old",
             "resource_uuid": "v1", "created_at": "2026-12-07T10:00:00.000000"},
            {"id": "m2", "event_id": "VOLUME_VOLUME_003_004", "user_message": "<b>new</b>",
             "resource_uuid": "v1", "created_at": "2026-12-07T11:00:00.000000", "request_id": "req-2"},
            {"id": "m3", "event_id": "VOLUME_VOLUME_001_003", "resource_uuid": "v2",
             "created_at": "2026-12-07T12:00:00.000000"},
            {"id": "m4", "user_message": "no event id"},
            "junk"
        ]}"#;
        let all = parse_messages(200, body).unwrap();
        assert_eq!(
            all.iter()
                .map(|m| m.id.as_deref().unwrap())
                .collect::<Vec<_>>(),
            ["m3", "m2", "m1"]
        );
        assert_eq!(all[1].user_message, "<b>new</b>");
        let v1 = VolumeId::parse("v1").unwrap();
        let since = Timestamp::parse("2026-12-07T10:30:00").unwrap();
        let found = export_failure_messages(&all, &v1, Some(&since));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].request_id.as_deref(), Some("req-2"));
        assert_eq!(export_failure_messages(&all, &v1, None).len(), 2);
    }

    #[test]
    fn errors() {
        assert_eq!(parse_messages(404, "").unwrap_err().status(), 404);
        assert!(parse_messages(200, "{}").is_err());
        assert!(parse_messages(200, "nope").is_err());
        assert_eq!(parse_messages(200, r#"{"messages": []}"#).unwrap(), vec![]);
    }
}
