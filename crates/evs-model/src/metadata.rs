//! The image's own metadata, set after the export: description, tags, `min_disk`/`min_ram`,
//! `os_distro`/`os_version`. The form's raw text is validated into an [`ImageMetadata`],
//! which becomes one JSON patch for the image service: Glance's `PATCH /v2/images/{id}`
//! (`application/openstack-images-v2.1-json-patch`) or Huawei IMS's
//! `PATCH /v2/cloudimages/{id}` (which takes the same array of operations, fewer fields).

use std::collections::BTreeSet;
use std::fmt;

use serde_json::{json, Value};

use crate::{path_segment, Dialect, ImageId};

/// The content type of Glance's JSON patch.
pub const GLANCE_PATCH_TYPE: &str = "application/openstack-images-v2.1-json-patch";
/// Huawei IMS's update takes plain JSON.
pub const IMS_PATCH_TYPE: &str = "application/json";

/// The longest text value (Glance's limit on a property value and on a tag).
pub const MAX_METADATA_CHARS: usize = 255;
/// The most tags (Glance's default `image_tag_quota`).
pub const MAX_TAGS: usize = 128;
/// The largest `min_disk` (GB) / `min_ram` (MB): Glance's schema maximum (2^31 - 1).
pub const MAX_MIN_VALUE: u64 = 2_147_483_647;

/// A field of the metadata form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MetadataField {
    Description,
    Tags,
    MinDisk,
    MinRam,
    OsDistro,
    OsVersion,
}

impl MetadataField {
    pub const ALL: [MetadataField; 6] = [
        MetadataField::Description,
        MetadataField::Tags,
        MetadataField::MinDisk,
        MetadataField::MinRam,
        MetadataField::OsDistro,
        MetadataField::OsVersion,
    ];

    /// The image attribute the field sets under `dialect` (`None`: the dialect's image
    /// service cannot set it after the export).
    pub fn attribute(self, dialect: Dialect) -> Option<&'static str> {
        match (dialect, self) {
            (Dialect::OpenStackCinder, MetadataField::Description) => Some("description"),
            (Dialect::OpenStackCinder, MetadataField::Tags) => Some("tags"),
            (Dialect::OpenStackCinder, MetadataField::MinDisk) => Some("min_disk"),
            (_, MetadataField::MinRam) => Some("min_ram"),
            (Dialect::OpenStackCinder, MetadataField::OsDistro) => Some("os_distro"),
            (Dialect::OpenStackCinder, MetadataField::OsVersion) => Some("os_version"),
            // IMS updates name, __description, min_ram, max_ram and a few __support_* flags.
            (Dialect::HuaweiEvs, MetadataField::Description) => Some("__description"),
            (Dialect::HuaweiEvs, _) => None,
        }
    }

    /// Whether `dialect` can set the field.
    pub fn supported(self, dialect: Dialect) -> bool {
        self.attribute(dialect).is_some()
    }

    /// Glance's core attributes always exist on an image: the patch replaces them.
    fn is_core(self) -> bool {
        matches!(
            self,
            MetadataField::Tags | MetadataField::MinDisk | MetadataField::MinRam
        )
    }
}

/// What the operator typed; empty fields are not set.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MetadataForm {
    pub description: String,
    /// Comma-separated.
    pub tags: String,
    pub min_disk: String,
    pub min_ram: String,
    pub os_distro: String,
    pub os_version: String,
}

/// Why a metadata field is not valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MetadataError {
    /// Longer than [`MAX_METADATA_CHARS`] characters (`chars` long).
    TooLong { field: MetadataField, chars: usize },
    /// A control character (line break, tab, …) at character `position` (from 1).
    ControlChar {
        field: MetadataField,
        position: usize,
    },
    /// Not a whole number from 0 to [`MAX_MIN_VALUE`].
    NotANumber { field: MetadataField, value: String },
    /// More than [`MAX_TAGS`] tags.
    TooManyTags { count: usize },
    /// The dialect's image service cannot set this field after the export.
    NotSupported {
        field: MetadataField,
        dialect: Dialect,
    },
}

impl MetadataError {
    pub fn field(&self) -> MetadataField {
        match self {
            MetadataError::TooLong { field, .. }
            | MetadataError::ControlChar { field, .. }
            | MetadataError::NotANumber { field, .. }
            | MetadataError::NotSupported { field, .. } => *field,
            MetadataError::TooManyTags { .. } => MetadataField::Tags,
        }
    }
}

/// The wire's own words (for the simulator's 400s).
impl fmt::Display for MetadataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MetadataError::TooLong { chars, .. } => {
                write!(f, "value is too long ({chars} > {MAX_METADATA_CHARS})")
            }
            MetadataError::ControlChar { position, .. } => {
                write!(f, "control character at position {position}")
            }
            MetadataError::NotANumber { value, .. } => write!(
                f,
                "'{}' is not an integer from 0 to {MAX_MIN_VALUE}",
                crate::json::shorten(value, 40)
            ),
            MetadataError::TooManyTags { count } => {
                write!(f, "Maximum number of tags exceeded ({count} > {MAX_TAGS})")
            }
            MetadataError::NotSupported { field, dialect } => {
                write!(f, "{field:?} cannot be set on a {} image", dialect.as_str())
            }
        }
    }
}

impl std::error::Error for MetadataError {}

/// Valid metadata: only the fields that were filled in.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImageMetadata {
    pub description: Option<String>,
    pub tags: Vec<String>,
    pub min_disk: Option<u64>,
    pub min_ram: Option<u64>,
    pub os_distro: Option<String>,
    pub os_version: Option<String>,
}

impl MetadataForm {
    /// What is typed into `field`.
    pub fn field(&self, field: MetadataField) -> &str {
        match field {
            MetadataField::Description => &self.description,
            MetadataField::Tags => &self.tags,
            MetadataField::MinDisk => &self.min_disk,
            MetadataField::MinRam => &self.min_ram,
            MetadataField::OsDistro => &self.os_distro,
            MetadataField::OsVersion => &self.os_version,
        }
    }

    /// What is typed into `field`, to change.
    pub fn field_mut(&mut self, field: MetadataField) -> &mut String {
        match field {
            MetadataField::Description => &mut self.description,
            MetadataField::Tags => &mut self.tags,
            MetadataField::MinDisk => &mut self.min_disk,
            MetadataField::MinRam => &mut self.min_ram,
            MetadataField::OsDistro => &mut self.os_distro,
            MetadataField::OsVersion => &mut self.os_version,
        }
    }

    /// Every field's errors at once, or the metadata (`None` when nothing was filled in).
    pub fn validate(&self, dialect: Dialect) -> Result<Option<ImageMetadata>, Vec<MetadataError>> {
        let mut errors = Vec::new();
        let mut check_supported = |field: MetadataField, raw: &str| {
            if !is_blank(field, raw) && !field.supported(dialect) {
                errors.push(MetadataError::NotSupported { field, dialect });
                false
            } else {
                true
            }
        };
        let text_ok = check_supported(MetadataField::Description, &self.description);
        let tags_ok = check_supported(MetadataField::Tags, &self.tags);
        let disk_ok = check_supported(MetadataField::MinDisk, &self.min_disk);
        let ram_ok = check_supported(MetadataField::MinRam, &self.min_ram);
        let distro_ok = check_supported(MetadataField::OsDistro, &self.os_distro);
        let version_ok = check_supported(MetadataField::OsVersion, &self.os_version);

        let mut meta = ImageMetadata::default();
        if text_ok {
            meta.description = text(MetadataField::Description, &self.description, &mut errors);
        }
        if tags_ok {
            meta.tags = tags(&self.tags, &mut errors);
        }
        if disk_ok {
            meta.min_disk = number(MetadataField::MinDisk, &self.min_disk, &mut errors);
        }
        if ram_ok {
            meta.min_ram = number(MetadataField::MinRam, &self.min_ram, &mut errors);
        }
        if distro_ok {
            meta.os_distro = text(MetadataField::OsDistro, &self.os_distro, &mut errors);
        }
        if version_ok {
            meta.os_version = text(MetadataField::OsVersion, &self.os_version, &mut errors);
        }
        if !errors.is_empty() {
            crate::sort_short_by_key(&mut errors, MetadataError::field);
            return Err(errors);
        }
        Ok((!meta.is_empty()).then_some(meta))
    }
}

/// Whether `raw` sets nothing (tags: only separators and spaces).
fn is_blank(field: MetadataField, raw: &str) -> bool {
    match field {
        MetadataField::Tags => raw.split(',').all(|t| t.trim().is_empty()),
        _ => raw.trim().is_empty(),
    }
}

fn check_text(field: MetadataField, s: &str, errors: &mut Vec<MetadataError>) -> bool {
    if let Some(position) = s.chars().position(char::is_control) {
        errors.push(MetadataError::ControlChar {
            field,
            position: position + 1,
        });
        return false;
    }
    let chars = s.chars().count();
    if chars > MAX_METADATA_CHARS {
        errors.push(MetadataError::TooLong { field, chars });
        return false;
    }
    true
}

fn text(field: MetadataField, raw: &str, errors: &mut Vec<MetadataError>) -> Option<String> {
    let s = raw.trim();
    (!s.is_empty() && check_text(field, s, errors)).then(|| s.to_string())
}

fn tags(raw: &str, errors: &mut Vec<MetadataError>) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for tag in raw.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        if !check_text(MetadataField::Tags, tag, errors) {
            return Vec::new();
        }
        if seen.insert(tag) {
            out.push(tag.to_string());
        }
    }
    if out.len() > MAX_TAGS {
        errors.push(MetadataError::TooManyTags { count: out.len() });
        return Vec::new();
    }
    out
}

fn number(field: MetadataField, raw: &str, errors: &mut Vec<MetadataError>) -> Option<u64> {
    let s = raw.trim();
    if s.is_empty() {
        return None;
    }
    match s.parse::<u64>() {
        Ok(n) if n <= MAX_MIN_VALUE && s.bytes().all(|b| b.is_ascii_digit()) => Some(n),
        _ => {
            errors.push(MetadataError::NotANumber {
                field,
                value: s.to_string(),
            });
            None
        }
    }
}

impl ImageMetadata {
    pub fn is_empty(&self) -> bool {
        self == &ImageMetadata::default()
    }

    /// The fields that are set, with their values as text (for showing what was applied).
    pub fn entries(&self) -> Vec<(MetadataField, String)> {
        MetadataField::ALL
            .into_iter()
            .filter_map(|f| self.text(f).map(|v| (f, v)))
            .collect()
    }

    /// `field` as text (tags joined with ", "), `None` when not set.
    pub fn text(&self, field: MetadataField) -> Option<String> {
        match field {
            MetadataField::Description => self.description.clone(),
            MetadataField::Tags => (!self.tags.is_empty()).then(|| self.tags.join(", ")),
            MetadataField::MinDisk => self.min_disk.map(|n| n.to_string()),
            MetadataField::MinRam => self.min_ram.map(|n| n.to_string()),
            MetadataField::OsDistro => self.os_distro.clone(),
            MetadataField::OsVersion => self.os_version.clone(),
        }
    }

    /// The metadata an image holds (what the image service answered).
    pub fn of_image(image: &crate::Image) -> ImageMetadata {
        ImageMetadata {
            description: image.description.clone(),
            tags: image.tags.clone(),
            min_disk: image.min_disk,
            min_ram: image.min_ram,
            os_distro: image.os_distro.clone(),
            os_version: image.os_version.clone(),
        }
    }

    fn value(&self, field: MetadataField) -> Option<Value> {
        match field {
            MetadataField::Description => self.description.clone().map(Value::from),
            MetadataField::Tags => (!self.tags.is_empty()).then(|| json!(self.tags)),
            MetadataField::MinDisk => self.min_disk.map(Value::from),
            MetadataField::MinRam => self.min_ram.map(Value::from),
            MetadataField::OsDistro => self.os_distro.clone().map(Value::from),
            MetadataField::OsVersion => self.os_version.clone().map(Value::from),
        }
    }

    /// The JSON patch for `dialect`'s image service. `existing` holds the attribute names the
    /// image has now (from `GET /v2/images/{id}`): Glance refuses `add` for a property that
    /// exists (409) and `replace` for one that does not, so each operation follows what is
    /// there. Core attributes (`tags`, `min_disk`, `min_ram`) always exist and are replaced.
    pub fn patch(&self, dialect: Dialect, existing: &BTreeSet<String>) -> Value {
        let ops: Vec<Value> = MetadataField::ALL
            .iter()
            .filter_map(|&field| {
                let attribute = field.attribute(dialect)?;
                let value = self.value(field)?;
                let op = if field.is_core() || existing.contains(attribute) {
                    "replace"
                } else {
                    "add"
                };
                Some(json!({"op": op, "path": format!("/{attribute}"), "value": value}))
            })
            .collect();
        Value::Array(ops)
    }
}

/// The update's path on the image service and its content type: Glance's
/// `/v2/images/{id}` (JSON patch), Huawei IMS's `/v2/cloudimages/{id}`.
pub fn metadata_patch_target(dialect: Dialect, image_id: &ImageId) -> (String, &'static str) {
    match dialect {
        Dialect::OpenStackCinder => (Dialect::image_path(image_id), GLANCE_PATCH_TYPE),
        Dialect::HuaweiEvs => (
            format!("/v2/cloudimages/{}", path_segment(image_id.as_str())),
            IMS_PATCH_TYPE,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> MetadataForm {
        MetadataForm {
            description: "  nightly backup ".into(),
            tags: "backup, db ,backup,,".into(),
            min_disk: "40".into(),
            min_ram: " 2048".into(),
            os_distro: "ubuntu".into(),
            os_version: "24.04".into(),
        }
    }

    #[test]
    fn empty_form_sets_nothing() {
        for d in Dialect::ALL {
            assert_eq!(MetadataForm::default().validate(d), Ok(None));
            let blank = MetadataForm {
                tags: " , ".into(),
                description: "  ".into(),
                ..Default::default()
            };
            assert_eq!(blank.validate(d), Ok(None));
        }
    }

    #[test]
    fn a_full_form_for_glance() {
        let meta = form().validate(Dialect::OpenStackCinder).unwrap().unwrap();
        assert_eq!(meta.description.as_deref(), Some("nightly backup"));
        assert_eq!(meta.tags, ["backup", "db"]);
        assert_eq!((meta.min_disk, meta.min_ram), (Some(40), Some(2048)));
        let existing: BTreeSet<String> = ["os_distro".to_string()].into();
        let patch = meta.patch(Dialect::OpenStackCinder, &existing);
        assert_eq!(
            patch,
            json!([
                {"op": "add", "path": "/description", "value": "nightly backup"},
                {"op": "replace", "path": "/tags", "value": ["backup", "db"]},
                {"op": "replace", "path": "/min_disk", "value": 40},
                {"op": "replace", "path": "/min_ram", "value": 2048},
                {"op": "replace", "path": "/os_distro", "value": "ubuntu"},
                {"op": "add", "path": "/os_version", "value": "24.04"},
            ])
        );
        assert_eq!(meta.entries().len(), 6);
        assert_eq!(meta.entries()[1].1, "backup, db");
    }

    #[test]
    fn huawei_sets_description_and_min_ram_only() {
        assert_eq!(
            form().validate(Dialect::HuaweiEvs).unwrap_err(),
            vec![
                MetadataError::NotSupported {
                    field: MetadataField::Tags,
                    dialect: Dialect::HuaweiEvs
                },
                MetadataError::NotSupported {
                    field: MetadataField::MinDisk,
                    dialect: Dialect::HuaweiEvs
                },
                MetadataError::NotSupported {
                    field: MetadataField::OsDistro,
                    dialect: Dialect::HuaweiEvs
                },
                MetadataError::NotSupported {
                    field: MetadataField::OsVersion,
                    dialect: Dialect::HuaweiEvs
                },
            ]
        );
        let ok = MetadataForm {
            description: "系统盘备份".into(),
            min_ram: "1024".into(),
            ..Default::default()
        };
        let meta = ok.validate(Dialect::HuaweiEvs).unwrap().unwrap();
        assert_eq!(
            meta.patch(Dialect::HuaweiEvs, &BTreeSet::new()),
            json!([
                {"op": "add", "path": "/__description", "value": "系统盘备份"},
                {"op": "replace", "path": "/min_ram", "value": 1024},
            ])
        );
        let id = ImageId::parse("a/b").unwrap();
        assert_eq!(
            metadata_patch_target(Dialect::HuaweiEvs, &id),
            ("/v2/cloudimages/a%2Fb".to_string(), "application/json")
        );
        assert_eq!(
            metadata_patch_target(Dialect::OpenStackCinder, &id),
            (
                "/v2/images/a%2Fb".to_string(),
                "application/openstack-images-v2.1-json-patch"
            )
        );
    }

    #[test]
    fn bad_values_are_named_and_nothing_is_lost() {
        let bad = MetadataForm {
            description: "a\nb".into(),
            tags: format!("ok, {}", "x".repeat(256)),
            min_disk: "-1".into(),
            min_ram: "2147483648".into(),
            os_distro: "+5".into(),
            os_version: "é".repeat(255),
        };
        let errors = bad.validate(Dialect::OpenStackCinder).unwrap_err();
        assert_eq!(
            errors,
            vec![
                MetadataError::ControlChar {
                    field: MetadataField::Description,
                    position: 2
                },
                MetadataError::TooLong {
                    field: MetadataField::Tags,
                    chars: 256
                },
                MetadataError::NotANumber {
                    field: MetadataField::MinDisk,
                    value: "-1".into()
                },
                MetadataError::NotANumber {
                    field: MetadataField::MinRam,
                    value: "2147483648".into()
                },
            ]
        );
        // 255 characters (not bytes) are fine; "+5" is a valid os_distro text.
        assert_eq!(bad.os_version.chars().count(), 255);
        let many: Vec<String> = (0..129).map(|i| format!("t{i}")).collect();
        let errors = MetadataForm {
            tags: many.join(","),
            ..Default::default()
        }
        .validate(Dialect::OpenStackCinder)
        .unwrap_err();
        assert_eq!(errors, vec![MetadataError::TooManyTags { count: 129 }]);
        assert!(errors[0].to_string().contains("129"));
    }
}
