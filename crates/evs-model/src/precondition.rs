//! Can this disk be exported, and how? The same answers drive the form (explanations,
//! whether force is needed) and the simulator (its 400s).

use crate::volume::{Volume, VolumeStatus};
use crate::{Dialect, VolumeId};

/// Huawei EVS cannot export disks larger than this (in GB, 1 TiB). Cinder has no such limit
/// (a real Cinder 29 exported a 1025 GB volume): see [`Dialect::max_export_size_gb`].
pub const MAX_EXPORT_SIZE_GB: u64 = 1024;

/// Why a disk cannot be exported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockReason {
    /// Over the 1 TiB limit.
    TooLarge { size_gb: u64 },
    /// An export of this disk is already running.
    AlreadyUploading,
    /// The disk is in an error state.
    ErrorState(String),
    /// Any other status that is neither `available` nor `in-use`.
    WrongStatus(String),
}

/// The answer for one disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportCheck {
    /// Every reason the disk cannot be exported (empty when it can).
    pub blockers: Vec<BlockReason>,
    /// The disk is in use: the export needs `force: true`.
    pub force_required: bool,
}

impl ExportCheck {
    pub fn exportable(&self) -> bool {
        self.blockers.is_empty()
    }

    /// Whether a request with this `force` value would be accepted.
    pub fn allows(&self, force: bool) -> bool {
        self.exportable() && (force || !self.force_required)
    }

    /// The reason a request with this `force` is refused, in the words Cinder uses, or
    /// `None` when it would be accepted. A real Cinder 29 (tests/cinder/recorded) names the
    /// statuses it wanted, not the one the disk is in: "status must be available", or
    /// "status must be available or in-use" when force counted. Pass `force: false` for a
    /// server that ignores force (Cinder with `enable_force_upload = false`).
    pub fn refusal(&self, volume_id: &VolumeId, force: bool) -> Option<String> {
        let must_be = |force: bool| {
            let statuses = if force {
                "available or in-use"
            } else {
                "available"
            };
            format!("Invalid volume: Volume {volume_id} status must be {statuses}")
        };
        if let Some(b) = self.blockers.first() {
            return Some(match b {
                BlockReason::TooLarge { size_gb } => format!(
                    "Invalid volume: Volume {volume_id} is {size_gb} GB; volumes larger than {MAX_EXPORT_SIZE_GB} GB cannot be uploaded to an image."
                ),
                BlockReason::AlreadyUploading
                | BlockReason::ErrorState(_)
                | BlockReason::WrongStatus(_) => must_be(force),
            });
        }
        if self.force_required && !force {
            return Some(must_be(false));
        }
        None
    }
}

/// Checks a disk against every precondition of the export under `dialect`'s rules.
pub fn export_check(volume: &Volume, dialect: Dialect) -> ExportCheck {
    let mut blockers = Vec::new();
    if dialect
        .max_export_size_gb()
        .is_some_and(|max| volume.size > max)
    {
        blockers.push(BlockReason::TooLarge {
            size_gb: volume.size,
        });
    }
    let mut force_required = false;
    match &volume.status {
        VolumeStatus::Available => {}
        VolumeStatus::InUse => force_required = true,
        VolumeStatus::Uploading => blockers.push(BlockReason::AlreadyUploading),
        s if s.is_error() => blockers.push(BlockReason::ErrorState(s.as_str().to_string())),
        s => blockers.push(BlockReason::WrongStatus(s.as_str().to_string())),
    }
    ExportCheck {
        blockers,
        force_required,
    }
}

/// Whether `__os_type` from the form will take effect for this disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OsTypeEffect {
    /// It will be used.
    Applies,
    /// Ignored: the disk's image metadata already says `__os_type` (the value given).
    IgnoredMetadata(String),
    /// Ignored: it only takes effect when the disk is `available`.
    IgnoredNotAvailable(String),
    /// The dialect has no `__os_type`.
    NotInDialect,
}

impl OsTypeEffect {
    pub fn applies(&self) -> bool {
        matches!(self, OsTypeEffect::Applies)
    }
}

/// Whether `__os_type` takes effect: only when the disk's `volume_image_metadata` has no
/// `__os_type` and the disk is `available` (the seed's note).
pub fn os_type_effect(volume: &Volume, dialect: Dialect) -> OsTypeEffect {
    if !dialect.supports(crate::OptionalField::OsType) {
        return OsTypeEffect::NotInDialect;
    }
    if let Some(os) = volume.metadata_os_type() {
        return OsTypeEffect::IgnoredMetadata(os.to_string());
    }
    if volume.status != VolumeStatus::Available {
        return OsTypeEffect::IgnoredNotAvailable(volume.status.as_str().to_string());
    }
    OsTypeEffect::Applies
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v_id() -> VolumeId {
        VolumeId::parse("v").unwrap()
    }
    use crate::parse_volume;

    fn vol(status: &str, size: u64, meta: &str) -> Volume {
        parse_volume(
            200,
            &format!(
                r#"{{"volume": {{"id": "v", "status": "{status}", "size": {size}, "volume_image_metadata": {meta}}}}}"#
            ),
        )
        .unwrap()
    }

    #[test]
    fn available_disk_is_ready() {
        let c = export_check(&vol("available", 40, "null"), Dialect::HuaweiEvs);
        assert!(c.exportable() && !c.force_required && c.allows(false));
        assert_eq!(c.refusal(&v_id(), false), None);
    }

    #[test]
    fn in_use_needs_force() {
        let c = export_check(&vol("in-use", 40, "{}"), Dialect::HuaweiEvs);
        assert!(c.exportable() && c.force_required);
        assert!(!c.allows(false) && c.allows(true));
        // A real Cinder 29 does not say why (tests/cinder/recorded/upload_image_inuse_noforce_400.json).
        assert_eq!(
            c.refusal(&v_id(), false).unwrap(),
            "Invalid volume: Volume v status must be available"
        );
    }

    #[test]
    fn blocked_disks_say_why() {
        let c = export_check(&vol("uploading", 40, "{}"), Dialect::HuaweiEvs);
        assert_eq!(c.blockers, [BlockReason::AlreadyUploading]);
        assert!(!c.allows(true));
        let c = export_check(&vol("error", 40, "{}"), Dialect::HuaweiEvs);
        assert_eq!(c.blockers, [BlockReason::ErrorState("error".into())]);
        assert!(export_check(&vol("available", 1025, "{}"), Dialect::OpenStackCinder).exportable());
        let c = export_check(&vol("available", 1025, "{}"), Dialect::HuaweiEvs);
        assert_eq!(c.blockers, [BlockReason::TooLarge { size_gb: 1025 }]);
        assert!(c.refusal(&v_id(), true).unwrap().contains("1024 GB"));
        assert!(export_check(&vol("available", 1024, "{}"), Dialect::HuaweiEvs).exportable());
        let c = export_check(&vol("extending", 40, "{}"), Dialect::OpenStackCinder);
        // Cinder's words (a real Cinder 29, tests/cinder/recorded): the statuses it wanted.
        assert_eq!(
            c.refusal(&v_id(), true).unwrap(),
            "Invalid volume: Volume v status must be available or in-use"
        );
        assert_eq!(
            c.refusal(&v_id(), false).unwrap(),
            "Invalid volume: Volume v status must be available"
        );
    }

    #[test]
    fn os_type_takes_effect_only_when_the_seed_says() {
        assert!(os_type_effect(&vol("available", 1, "null"), Dialect::HuaweiEvs).applies());
        assert_eq!(
            os_type_effect(
                &vol("in-use", 1, r#"{"__os_type": "windows"}"#),
                Dialect::HuaweiEvs
            ),
            OsTypeEffect::IgnoredMetadata("windows".into())
        );
        assert_eq!(
            os_type_effect(&vol("in-use", 1, "{}"), Dialect::HuaweiEvs),
            OsTypeEffect::IgnoredNotAvailable("in-use".into())
        );
        assert_eq!(
            os_type_effect(&vol("available", 1, "{}"), Dialect::OpenStackCinder),
            OsTypeEffect::NotInDialect
        );
    }
}
