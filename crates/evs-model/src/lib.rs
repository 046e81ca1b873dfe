//! The rules of the EVS / Cinder `os-volume_upload_image` API, in one place.
//!
//! Everything here is pure Rust (serde, serde_json): the browser app, the simulator and the
//! tests share it. Values are parsed, not validated: an [`ImageName`] or an [`ExportRequest`]
//! that exists is valid for its [`Dialect`], whichever way it was made (typed into the form or
//! deserialised by the simulator).
//!
//! Signing in (Keystone v3 and Huawei IAM): [`token_request_body`], [`parse_token_answer`],
//! [`Catalog::service_endpoints`], [`parse_auth_projects`] and [`IdentityError`].
//!
//! Parsers of server answers ([`parse_export_response`], [`parse_volume_list`],
//! [`parse_volume`], [`parse_image`], [`ApiError::from_response`]) are tolerant of what real
//! servers send and never panic: anything they cannot use becomes an [`ApiError`] with a
//! message an operator can act on.

mod batch;
mod dialect;
mod error;
mod formats;
mod identity;
mod ids;
mod image;
mod json;
mod messages;
mod metadata;
mod name;
mod offer;
mod order;
mod precondition;
mod request;
mod response;
mod time;
mod volume;

pub use batch::{
    plan_batch, BatchSummary, NamePattern, PatternError, PlanItem, Refusal, Verdict,
    DEFAULT_PATTERN,
};
pub use dialect::{path_segment, Dialect, DialectParseError, OptionalField};
pub use error::{ApiError, ClientProblem, ErrorKind};
pub use formats::{ContainerFormat, DiskFormat, OsType, UnknownValue, Visibility};
pub use identity::{
    parse_auth_projects, parse_token_answer, parse_token_body, strip_block_storage_tail,
    strip_version_tail, token_request_body, AuthProject, Catalog, CatalogEndpoint, CatalogProblem,
    CatalogService, Credentials, IdentityError, IdentityProblem, Named, ProjectScope,
    ServiceEndpoints, ServiceKind, SignInField, SignedIn, TokenInfo, TokenProject,
};
pub use ids::{ImageId, ProjectId, VolumeId};
pub use image::{
    cancellable, delete_refusal, leftover_age, parse_image, parse_image_delete, parse_image_list,
    DeleteRefusal, Image, ImageDeleted, ImagePage, ImageStatus, LEFTOVER_AFTER_MS,
};
pub use messages::{
    export_failure_messages, parse_messages, CinderEvent, EventAction, EventDetail, UserMessage,
    MESSAGES_MICROVERSION,
};
pub use metadata::{
    metadata_patch_target, ImageMetadata, MetadataError, MetadataField, MetadataForm,
    GLANCE_PATCH_TYPE, IMS_PATCH_TYPE, MAX_METADATA_CHARS, MAX_MIN_VALUE, MAX_TAGS,
};
pub use name::{describe_char, ImageName, NameError};
pub use offer::{
    needs_compression_consent, parse_image_schema, request_needs_compression_consent,
    DeployedFormats, FormatOffer, Withheld,
};
pub use order::sort_short_by_key;
pub use precondition::{
    export_check, os_type_effect, BlockReason, ExportCheck, OsTypeEffect, MAX_EXPORT_SIZE_GB,
};
pub use request::{ExportForm, ExportRequest, FieldError, FormErrors, FormField, RequestError};
pub use response::{parse_export_response, ExportedImage, VolumeType};
pub use time::{days_from_civil, format_evs_time, format_glance_time, utc_date_compact, Timestamp};
pub use volume::{parse_volume, parse_volume_list, Attachment, Volume, VolumePage, VolumeStatus};

/// The longest a piece of server text is kept in a message shown to an operator.
pub const MAX_MESSAGE_CHARS: usize = 600;
