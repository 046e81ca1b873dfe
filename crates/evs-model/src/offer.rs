//! The formats this cloud accepts for one disk: the image service's deployed lists (Glance's
//! `GET /v2/schemas/image`, the `disk_format`/`container_format` enums its operator
//! configured) intersected with the block-storage API's own lists ([`Dialect::disk_formats`]),
//! narrowed to `raw`/`bare` for an encrypted disk on Cinder. A format that is not offered
//! keeps its typed reason ([`Withheld`]), so the console can say why when asked.

use std::fmt;

use serde_json::Value;

use crate::formats::{ContainerFormat, DiskFormat};
use crate::request::{ExportForm, ExportRequest, FieldError, FormField};
use crate::{ApiError, Dialect};

/// The formats the image service lists in its schema, as sent (unknown names included: they
/// are simply never offered).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DeployedFormats {
    pub disk: Vec<String>,
    pub container: Vec<String>,
}

/// Reads `GET /v2/schemas/image`: `properties.disk_format.enum` and
/// `properties.container_format.enum` (Glance lists `null` among them: skipped).
pub fn parse_image_schema(status: u16, body: &str) -> Result<DeployedFormats, ApiError> {
    let value = crate::json::body_json(status, body)?;
    let list = |key: &'static str| -> Result<Vec<String>, ApiError> {
        value
            .get("properties")
            .and_then(|p| p.get(key))
            .and_then(|f| f.get("enum"))
            .and_then(Value::as_array)
            .map(|items| {
                items
                    .iter()
                    .filter_map(Value::as_str)
                    .map(|s| crate::json::shorten(s, 40))
                    .collect()
            })
            .ok_or_else(|| ApiError::unexpected_shape(status, key))
    };
    Ok(DeployedFormats {
        disk: list("disk_format")?,
        container: list("container_format")?,
    })
}

/// Why a format of the dialect's list is not offered for this disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Withheld {
    /// The image service of this deployment does not accept it (not in its schema).
    NotDeployed,
    /// The disk is encrypted: Cinder uploads encrypted disks only as `raw`/`bare`.
    Encrypted,
}

/// The formats to offer for one disk, and why the others are not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatOffer {
    pub dialect: Dialect,
    /// Offered disk formats, in the dialect's menu order.
    pub disk: Vec<DiskFormat>,
    /// Offered container formats, in menu order.
    pub container: Vec<ContainerFormat>,
    /// The dialect's other disk formats, each with its reason.
    pub withheld_disk: Vec<(DiskFormat, Withheld)>,
    /// The dialect's other container formats, each with its reason.
    pub withheld_container: Vec<(ContainerFormat, Withheld)>,
    /// The lists were narrowed by the deployment's schema (false: it was not read).
    pub from_schema: bool,
    /// The disk is encrypted and the dialect restricts such exports (Cinder).
    pub encrypted: bool,
}

impl FormatOffer {
    /// The dialect's full lists (no schema read, disk not encrypted).
    pub fn all(dialect: Dialect) -> FormatOffer {
        FormatOffer::new(dialect, None, false)
    }

    /// The offer for a disk under `dialect`. `deployed` is the image service's schema when it
    /// was read (Cinder only: Huawei's lists are the seed's, as documented); `encrypted` is
    /// the disk's `encrypted` flag (it narrows the offer on Cinder only).
    pub fn new(dialect: Dialect, deployed: Option<&DeployedFormats>, encrypted: bool) -> Self {
        let cinder = dialect == Dialect::OpenStackCinder;
        let deployed = deployed.filter(|_| cinder);
        let encrypted = encrypted && cinder;
        let reason = |wire: &str, listed: Option<&Vec<String>>, encrypted_ok: bool| {
            if listed.is_some_and(|l| !l.iter().any(|x| x == wire)) {
                Some(Withheld::NotDeployed)
            } else if encrypted && !encrypted_ok {
                Some(Withheld::Encrypted)
            } else {
                None
            }
        };
        let mut offer = FormatOffer {
            dialect,
            disk: Vec::new(),
            container: Vec::new(),
            withheld_disk: Vec::new(),
            withheld_container: Vec::new(),
            from_schema: deployed.is_some(),
            encrypted,
        };
        for &f in dialect.disk_formats() {
            match reason(f.as_str(), deployed.map(|d| &d.disk), f == DiskFormat::Raw) {
                None => offer.disk.push(f),
                Some(why) => offer.withheld_disk.push((f, why)),
            }
        }
        for &f in dialect.container_formats() {
            match reason(
                f.as_str(),
                deployed.map(|d| &d.container),
                f == ContainerFormat::Bare,
            ) {
                None => offer.container.push(f),
                Some(why) => offer.withheld_container.push((f, why)),
            }
        }
        offer
    }

    /// The disk format to preselect: the dialect's default when offered, else the first.
    pub fn default_disk(&self) -> Option<DiskFormat> {
        let d = self.dialect.default_disk_format();
        self.disk
            .contains(&d)
            .then_some(d)
            .or_else(|| self.disk.first().copied())
    }

    /// The container format to preselect.
    pub fn default_container(&self) -> Option<ContainerFormat> {
        let c = self.dialect.default_container_format();
        self.container
            .contains(&c)
            .then_some(c)
            .or_else(|| self.container.first().copied())
    }

    /// Why `value` (a wire string) of `field` is not offered, if it is a withheld format.
    pub fn withheld(&self, field: FormField, value: &str) -> Option<Withheld> {
        match field {
            FormField::DiskFormat => self
                .withheld_disk
                .iter()
                .find(|(f, _)| f.as_str() == value)
                .map(|(_, w)| *w),
            FormField::ContainerFormat => self
                .withheld_container
                .iter()
                .find(|(f, _)| f.as_str() == value)
                .map(|(_, w)| *w),
            _ => None,
        }
    }

    /// The form's format choices this offer refuses (on top of [`ExportForm::validate`]).
    pub fn check(&self, form: &ExportForm) -> Vec<FieldError> {
        if form.dialect != self.dialect {
            return Vec::new();
        }
        self.check_formats(&form.disk_format, &form.container_format)
    }

    /// [`FormatOffer::check`] for a disk and container format as given (the simulator checks
    /// a request with it, as the console checks the form).
    pub fn check_formats(&self, disk_format: &str, container_format: &str) -> Vec<FieldError> {
        [
            (FormField::DiskFormat, disk_format),
            (FormField::ContainerFormat, container_format),
        ]
        .into_iter()
        .filter_map(|(field, value)| {
            self.withheld(field, value)
                .map(|reason| FieldError::Withheld {
                    field,
                    value: value.to_string(),
                    reason,
                })
        })
        .collect()
    }

    /// Moves withheld choices of `form` onto the preselected offered ones (an encrypted disk
    /// picked, or the schema arrived). Returns whether anything changed.
    pub fn fit(&self, form: &mut ExportForm) -> bool {
        if form.dialect != self.dialect {
            return false;
        }
        let mut changed = false;
        if self
            .withheld(FormField::DiskFormat, &form.disk_format)
            .is_some()
        {
            if let Some(d) = self.default_disk() {
                form.disk_format = d.as_str().to_string();
                changed = true;
            }
        }
        if self
            .withheld(FormField::ContainerFormat, &form.container_format)
            .is_some()
        {
            if let Some(c) = self.default_container() {
                form.container_format = c.as_str().to_string();
                changed = true;
            }
        }
        changed
    }
}

/// Whether `container` needs the cloud's consent (`compressed`: Cinder's
/// `allow_compression_on_image_upload`), so a 400 for it has that likely cause.
pub fn needs_compression_consent(container: ContainerFormat) -> bool {
    container == ContainerFormat::Compressed
}

/// Whether `request` needs the cloud's consent to compress: `compressed` in the Cinder
/// dialect (Huawei has no such container). A Cinder without the consent answers it with a 400.
pub fn request_needs_compression_consent(request: &ExportRequest) -> bool {
    request.dialect() == Dialect::OpenStackCinder
        && needs_compression_consent(request.container_format())
}

/// The wire's own words for a withheld format (the simulator's 400s).
impl fmt::Display for Withheld {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Withheld::NotDeployed => "not accepted by the image service",
            Withheld::Encrypted => "An encrypted volume uploaded as an image must use 'raw' disk_format and 'bare' container_format",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCHEMA: &str = r#"{"name": "image", "properties": {
        "disk_format": {"type": ["null", "string"], "enum": [null, "ami", "ari", "aki", "vhd", "vhdx", "vmdk", "raw", "qcow2", "vdi", "iso", "ploop"]},
        "container_format": {"type": ["null", "string"], "enum": [null, "ami", "ari", "aki", "bare", "ovf", "ova", "docker", "compressed"]},
        "name": {"type": ["null", "string"]}}}"#;

    fn deployed(disk: &[&str], container: &[&str]) -> DeployedFormats {
        DeployedFormats {
            disk: disk.iter().map(|s| s.to_string()).collect(),
            container: container.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn reads_glances_schema() {
        let d = parse_image_schema(200, SCHEMA).unwrap();
        assert_eq!(d.disk.len(), 11);
        assert!(d.disk.iter().any(|f| f == "iso"));
        assert_eq!(d.container.last().map(String::as_str), Some("compressed"));
        let missing = parse_image_schema(200, r#"{"properties": {"disk_format": {"enum": []}}}"#);
        assert_eq!(
            missing.unwrap_err().kind(),
            &crate::ErrorKind::UnexpectedShape {
                missing: "container_format"
            }
        );
        assert_eq!(parse_image_schema(403, "").unwrap_err().status(), 403);
        assert!(parse_image_schema(200, "<html>").is_err());
    }

    #[test]
    fn stock_glance_offers_cinders_whole_list() {
        let d = parse_image_schema(200, SCHEMA).unwrap();
        let offer = FormatOffer::new(Dialect::OpenStackCinder, Some(&d), false);
        assert_eq!(offer.disk, Dialect::OpenStackCinder.disk_formats());
        assert_eq!(
            offer.container,
            Dialect::OpenStackCinder.container_formats()
        );
        assert!(offer.withheld_disk.is_empty() && offer.from_schema);
        assert!(offer.container.contains(&ContainerFormat::Compressed));
    }

    #[test]
    fn fewer_deployed_formats_offer_only_the_intersection() {
        let d = deployed(&["qcow2", "raw", "iso"], &["bare", "docker"]);
        let offer = FormatOffer::new(Dialect::OpenStackCinder, Some(&d), false);
        assert_eq!(offer.disk, [DiskFormat::Raw, DiskFormat::Qcow2]);
        assert_eq!(
            offer.container,
            [ContainerFormat::Bare, ContainerFormat::Docker]
        );
        assert_eq!(
            offer.withheld(FormField::DiskFormat, "vmdk"),
            Some(Withheld::NotDeployed)
        );
        assert_eq!(offer.withheld(FormField::DiskFormat, "raw"), None);
        // iso is deployed but not Cinder's: never offered, and no reason is needed for it.
        assert_eq!(offer.withheld(FormField::DiskFormat, "iso"), None);

        let mut form = ExportForm::new(Dialect::OpenStackCinder);
        form.disk_format = "vmdk".into();
        form.container_format = "ova".into();
        let errors = offer.check(&form);
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0].field(), FormField::DiskFormat);
        assert!(offer.fit(&mut form));
        assert_eq!(
            (form.disk_format.as_str(), form.container_format.as_str()),
            ("raw", "bare")
        );
        assert!(offer.check(&form).is_empty());
        assert!(!offer.fit(&mut form));
    }

    #[test]
    fn raw_not_deployed_falls_back_to_the_first_offered() {
        let d = deployed(&["qcow2"], &["ovf"]);
        let offer = FormatOffer::new(Dialect::OpenStackCinder, Some(&d), false);
        assert_eq!(offer.default_disk(), Some(DiskFormat::Qcow2));
        assert_eq!(offer.default_container(), Some(ContainerFormat::Ovf));
        let none = FormatOffer::new(
            Dialect::OpenStackCinder,
            Some(&deployed(&["iso"], &[])),
            false,
        );
        assert_eq!(none.default_disk(), None);
        let mut form = ExportForm::new(Dialect::OpenStackCinder);
        assert!(!none.fit(&mut form), "nothing to move to");
        assert_eq!(none.check(&form).len(), 2);
    }

    #[test]
    fn encrypted_cinder_disks_offer_raw_bare_only() {
        let offer = FormatOffer::new(Dialect::OpenStackCinder, None, true);
        assert_eq!(offer.disk, [DiskFormat::Raw]);
        assert_eq!(offer.container, [ContainerFormat::Bare]);
        assert!(offer.encrypted);
        assert_eq!(
            offer.withheld(FormField::DiskFormat, "qcow2"),
            Some(Withheld::Encrypted)
        );
        assert_eq!(
            offer.withheld(FormField::ContainerFormat, "compressed"),
            Some(Withheld::Encrypted)
        );
        // Not deployed wins: the deployment's list is the harder limit.
        let d = deployed(&["raw"], &["bare"]);
        let both = FormatOffer::new(Dialect::OpenStackCinder, Some(&d), true);
        assert_eq!(
            both.withheld(FormField::DiskFormat, "qcow2"),
            Some(Withheld::NotDeployed)
        );
        let mut form = ExportForm::new(Dialect::OpenStackCinder);
        form.disk_format = "qcow2".into();
        assert!(offer.fit(&mut form));
        assert_eq!(form.disk_format, "raw");
    }

    #[test]
    fn huawei_keeps_the_seeds_lists() {
        let d = deployed(&["raw"], &["bare"]);
        let offer = FormatOffer::new(Dialect::HuaweiEvs, Some(&d), true);
        assert_eq!(offer, FormatOffer::all(Dialect::HuaweiEvs));
        assert_eq!(offer.disk, Dialect::HuaweiEvs.disk_formats());
        assert!(!offer.encrypted && !offer.from_schema);
        assert!(!Dialect::HuaweiEvs
            .container_formats()
            .contains(&ContainerFormat::Compressed));
        // A form of another dialect is not judged by this offer.
        let form = ExportForm::new(Dialect::OpenStackCinder);
        assert!(FormatOffer::new(Dialect::HuaweiEvs, None, false)
            .check(&form)
            .is_empty());
        assert!(needs_compression_consent(ContainerFormat::Compressed));
        assert!(!needs_compression_consent(ContainerFormat::Bare));
    }
}
