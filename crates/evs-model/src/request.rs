//! The export request: built from the form's raw values, validated per dialect, serialised to
//! exactly the wire body; and read back from a wire body by the simulator under the same rules.

use std::fmt;

use serde_json::{Map, Value};

use crate::formats::{ContainerFormat, DiskFormat, OsType, Visibility};
use crate::name::{ImageName, NameError};
use crate::{Dialect, OptionalField};

/// The action key of the request and response bodies.
pub const ACTION: &str = "os-volume_upload_image";

/// A valid export request for one dialect. Construct it with [`ExportForm::validate`]
/// (from a form) or [`ExportRequest::from_wire`] (from a body a client sent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportRequest {
    dialect: Dialect,
    image_name: ImageName,
    disk_format: DiskFormat,
    container_format: ContainerFormat,
    force: bool,
    os_type: Option<OsType>,
    visibility: Option<Visibility>,
    protected: Option<bool>,
}

/// The raw values of the export form, as typed or chosen. Strings stay strings until
/// [`ExportForm::validate`], so the form can keep whatever the operator typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportForm {
    pub dialect: Dialect,
    pub image_name: String,
    pub disk_format: String,
    pub container_format: String,
    pub force: bool,
    /// Huawei only; empty means "not sent" (the server's default, linux).
    pub os_type: String,
    /// Cinder only; empty means "not sent". Then no microversion header goes either, and a
    /// real Cinder 29 (at 3.0) leaves visibility to Glance, whose default is `shared`, not
    /// `private` (tests/cinder/recorded/upload_image_202.json). At 3.1+ Cinder's own
    /// default is `private`. [`ExportForm::new`] therefore starts the Cinder form at
    /// `private` (sent, with `OpenStack-API-Version: volume 3.1`).
    pub visibility: String,
    /// Cinder only; `None` means "not sent".
    pub protected: Option<bool>,
}

impl ExportForm {
    /// The form's starting values for a dialect (SPEC.md defaults; disk format always set).
    pub fn new(dialect: Dialect) -> Self {
        ExportForm {
            dialect,
            image_name: String::new(),
            disk_format: dialect.default_disk_format().as_str().to_string(),
            container_format: dialect.default_container_format().as_str().to_string(),
            force: false,
            os_type: if dialect.supports(OptionalField::OsType) {
                OsType::Linux.as_str().to_string()
            } else {
                String::new()
            },
            // The image is private, as promised, only if Cinder is told so (3.1).
            visibility: if dialect.supports(OptionalField::Visibility) {
                Visibility::Private.as_str().to_string()
            } else {
                String::new()
            },
            protected: None,
        }
    }

    /// [`ExportForm::validate`], and the format choices checked against what this cloud and
    /// this disk accept (`offer`).
    pub fn validate_with(&self, offer: &crate::FormatOffer) -> Result<ExportRequest, FormErrors> {
        let withheld = offer.check(self);
        match self.validate() {
            Ok(request) if withheld.is_empty() => Ok(request),
            Ok(_) => Err(FormErrors(withheld)),
            Err(FormErrors(mut errors)) => {
                for e in withheld {
                    if !errors.iter().any(|x| x.field() == e.field()) {
                        errors.push(e);
                    }
                }
                crate::sort_short_by_key(&mut errors, |e| e.field() as u8);
                Err(FormErrors(errors))
            }
        }
    }

    /// Validates every field and returns the request, or every field error at once.
    pub fn validate(&self) -> Result<ExportRequest, FormErrors> {
        let d = self.dialect;
        let mut errors = Vec::new();

        let image_name = ImageName::parse(&self.image_name, d)
            .map_err(|e| errors.push(FieldError::Name(e)))
            .ok();
        let disk_format = parse_choice(&self.disk_format, d.disk_formats(), d)
            .map_err(|e| errors.push(e.into_field(FormField::DiskFormat)))
            .ok();
        let container_format = parse_choice(&self.container_format, d.container_formats(), d)
            .map_err(|e| errors.push(e.into_field(FormField::ContainerFormat)))
            .ok();
        let os_type = optional(&self.os_type, d, OptionalField::OsType, OsType::ALL)
            .map_err(|e| errors.push(e.into_field(FormField::OsType)))
            .ok()
            .flatten();
        let visibility = optional(
            &self.visibility,
            d,
            OptionalField::Visibility,
            Visibility::ALL,
        )
        .map_err(|e| errors.push(e.into_field(FormField::Visibility)))
        .ok()
        .flatten();
        if self.protected.is_some() && !d.supports(OptionalField::Protected) {
            errors.push(FieldError::NotSupported {
                field: FormField::Protected,
                dialect: d,
            });
        }

        match (image_name, disk_format, container_format) {
            (Some(image_name), Some(disk_format), Some(container_format)) if errors.is_empty() => {
                Ok(ExportRequest {
                    dialect: d,
                    image_name,
                    disk_format,
                    container_format,
                    force: self.force,
                    os_type,
                    visibility,
                    protected: self.protected,
                })
            }
            _ => Err(FormErrors(errors)),
        }
    }
}

enum ChoiceError {
    Empty,
    Unknown(String, Dialect),
    NotInDialect(String, Dialect),
    NotSupported(Dialect),
}

impl ChoiceError {
    fn into_field(self, field: FormField) -> FieldError {
        match self {
            ChoiceError::Empty => FieldError::Missing { field },
            ChoiceError::Unknown(value, dialect) => FieldError::Unknown {
                field,
                value,
                dialect,
            },
            ChoiceError::NotInDialect(value, dialect) => FieldError::NotAllowed {
                field,
                value,
                dialect,
            },
            ChoiceError::NotSupported(dialect) => FieldError::NotSupported { field, dialect },
        }
    }
}

fn parse_choice<T>(raw: &str, allowed: &[T], dialect: Dialect) -> Result<T, ChoiceError>
where
    T: std::str::FromStr + Copy + PartialEq,
{
    if raw.is_empty() {
        return Err(ChoiceError::Empty);
    }
    let value: T = raw
        .parse()
        .map_err(|_| ChoiceError::Unknown(raw.to_string(), dialect))?;
    if allowed.contains(&value) {
        Ok(value)
    } else {
        Err(ChoiceError::NotInDialect(raw.to_string(), dialect))
    }
}

fn optional<T>(
    raw: &str,
    dialect: Dialect,
    field: OptionalField,
    all: &[T],
) -> Result<Option<T>, ChoiceError>
where
    T: std::str::FromStr + Copy + PartialEq,
{
    if raw.is_empty() {
        return Ok(None);
    }
    if !dialect.supports(field) {
        return Err(ChoiceError::NotSupported(dialect));
    }
    parse_choice(raw, all, dialect).map(Some)
}

/// A field of the export form, for placing an error next to its control.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FormField {
    ImageName,
    DiskFormat,
    ContainerFormat,
    Force,
    OsType,
    Visibility,
    Protected,
}

impl FormField {
    /// The wire name of the field.
    pub fn wire_name(self) -> &'static str {
        match self {
            FormField::ImageName => "image_name",
            FormField::DiskFormat => "disk_format",
            FormField::ContainerFormat => "container_format",
            FormField::Force => "force",
            FormField::OsType => "__os_type",
            FormField::Visibility => "visibility",
            FormField::Protected => "protected",
        }
    }
}

impl FormField {
    /// The values the field takes under `dialect`, in menu order (none for the name and
    /// the booleans).
    pub fn choices(self, dialect: Dialect) -> Vec<&'static str> {
        match self {
            FormField::DiskFormat => dialect.disk_formats().iter().map(|f| f.as_str()).collect(),
            FormField::ContainerFormat => dialect
                .container_formats()
                .iter()
                .map(|f| f.as_str())
                .collect(),
            FormField::OsType => OsType::ALL.iter().map(|o| o.as_str()).collect(),
            FormField::Visibility => Visibility::ALL.iter().map(|v| v.as_str()).collect(),
            FormField::ImageName | FormField::Force | FormField::Protected => Vec::new(),
        }
    }
}

/// One field's error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldError {
    /// The image name breaks a rule.
    Name(NameError),
    /// A required choice is empty.
    Missing { field: FormField },
    /// Not a value of the field's set at all (under any dialect; `dialect` is the one the
    /// form was for).
    Unknown {
        field: FormField,
        value: String,
        dialect: Dialect,
    },
    /// A known value the dialect does not accept (e.g. `zvhd2` for Cinder).
    NotAllowed {
        field: FormField,
        value: String,
        dialect: Dialect,
    },
    /// The dialect has no such field (e.g. `__os_type` for Cinder).
    NotSupported { field: FormField, dialect: Dialect },
    /// A format of the dialect this cloud or this disk does not take
    /// ([`crate::FormatOffer`]).
    Withheld {
        field: FormField,
        value: String,
        reason: crate::Withheld,
    },
}

impl FieldError {
    /// The field the error belongs to.
    pub fn field(&self) -> FormField {
        match self {
            FieldError::Name(_) => FormField::ImageName,
            FieldError::Missing { field }
            | FieldError::Unknown { field, .. }
            | FieldError::NotAllowed { field, .. }
            | FieldError::NotSupported { field, .. }
            | FieldError::Withheld { field, .. } => *field,
        }
    }
}

/// The wire's own words for the simulator's 400s (jsonschema's style, as Cinder answers:
/// `'zvhd2' is not one of [...]`), not the console's: the console words every error itself.
impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let one_of =
            |f: &mut fmt::Formatter<'_>, field: &FormField, value: &str, dialect: &Dialect| {
                write!(
                    f,
                    "'{}' is not one of [{}]",
                    crate::json::shorten(value, 40),
                    field.choices(*dialect).join(", ")
                )
            };
        match self {
            FieldError::Name(e) => e.fmt(f),
            FieldError::Missing { field } => {
                write!(f, "'{}' is a required property", field.wire_name())
            }
            FieldError::Unknown {
                field,
                value,
                dialect,
            }
            | FieldError::NotAllowed {
                field,
                value,
                dialect,
            } => one_of(f, field, value, dialect),
            FieldError::NotSupported { field, .. } => write!(
                f,
                "Additional properties are not allowed ('{}' was unexpected)",
                field.wire_name()
            ),
            FieldError::Withheld {
                reason: crate::Withheld::NotDeployed,
                field,
                value,
            } => {
                // Glance's words when Cinder passes its refusal on (tests/cinder/recorded).
                let value = crate::json::shorten(value, 40);
                write!(
                    f,
                    "Unable to set '{}' to '{value}'. Reason: '{value}' is not one of the image service's formats",
                    field.wire_name()
                )
            }
            FieldError::Withheld { reason, .. } => write!(f, "{reason}."),
        }
    }
}

impl std::error::Error for FieldError {}

/// Every error of a form, in field order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FormErrors(pub Vec<FieldError>);

impl FormErrors {
    /// The errors of one field.
    pub fn for_field(&self, field: FormField) -> impl Iterator<Item = &FieldError> {
        self.0.iter().filter(move |e| e.field() == field)
    }

    /// The first field with an error (where focus should go on submit).
    pub fn first_field(&self) -> Option<FormField> {
        self.0.first().map(FieldError::field)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Why a wire body is not a valid export request (what the simulator answers with 400).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestError {
    /// Not JSON at all.
    InvalidJson(String),
    /// JSON, but no `os-volume_upload_image` object.
    MissingAction,
    /// A field with the wrong JSON type.
    WrongType {
        field: &'static str,
        expected: &'static str,
    },
    /// A field the dialect (or microversion) does not accept.
    UnexpectedField(String),
    /// `image_name` missing.
    MissingImageName,
    /// A field value broke a rule.
    Field(FieldError),
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RequestError::InvalidJson(e) => write!(f, "Malformed request body: {e}"),
            RequestError::MissingAction => {
                write!(f, "Invalid request body: expected an \"{ACTION}\" object.")
            }
            RequestError::WrongType { field, expected } => {
                write!(
                    f,
                    "Invalid input for field/attribute {field}: expected {expected}."
                )
            }
            RequestError::UnexpectedField(name) => write!(
                f,
                "Additional properties are not allowed ('{}' was unexpected).",
                crate::json::shorten(name, 60)
            ),
            RequestError::MissingImageName => f.write_str("'image_name' is a required property."),
            RequestError::Field(e) => write!(
                f,
                "Invalid input for field/attribute {}: {e}",
                e.field().wire_name()
            ),
        }
    }
}

impl std::error::Error for RequestError {}

impl ExportRequest {
    pub fn dialect(&self) -> Dialect {
        self.dialect
    }
    pub fn image_name(&self) -> &ImageName {
        &self.image_name
    }
    pub fn disk_format(&self) -> DiskFormat {
        self.disk_format
    }
    pub fn container_format(&self) -> ContainerFormat {
        self.container_format
    }
    pub fn force(&self) -> bool {
        self.force
    }
    pub fn os_type(&self) -> Option<OsType> {
        self.os_type
    }
    pub fn visibility(&self) -> Option<Visibility> {
        self.visibility
    }
    pub fn protected(&self) -> Option<bool> {
        self.protected
    }

    /// The `OpenStack-API-Version` header this request needs, if any (Cinder with
    /// visibility or protected set needs `volume 3.1`).
    pub fn microversion(&self) -> Option<&'static str> {
        if self.visibility.is_some() || self.protected.is_some() {
            self.dialect.microversion_for_visibility()
        } else {
            None
        }
    }

    /// The body as a JSON value: `{"os-volume_upload_image": {...}}`, `disk_format` always
    /// present, optional fields only when set and supported.
    pub fn to_json_value(&self) -> Value {
        let mut inner = Map::new();
        inner.insert("image_name".into(), self.image_name.as_str().into());
        inner.insert("force".into(), self.force.into());
        inner.insert(
            "container_format".into(),
            self.container_format.as_str().into(),
        );
        inner.insert("disk_format".into(), self.disk_format.as_str().into());
        if let Some(os) = self.os_type {
            inner.insert("__os_type".into(), os.as_str().into());
        }
        if let Some(v) = self.visibility {
            inner.insert("visibility".into(), v.as_str().into());
        }
        if let Some(p) = self.protected {
            inner.insert("protected".into(), p.into());
        }
        let mut outer = Map::new();
        outer.insert(ACTION.into(), Value::Object(inner));
        Value::Object(outer)
    }

    /// The exact wire body, compact.
    pub fn to_json(&self) -> String {
        self.to_json_value().to_string()
    }

    /// The wire body, indented for the "show request" view.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(&self.to_json_value()).unwrap_or_else(|_| self.to_json())
    }

    /// Reads a body a client sent, under `dialect`'s rules. `microversion_3_1` says whether
    /// the client asked for `OpenStack-API-Version: volume 3.1` (or later), which Cinder
    /// requires before it accepts `visibility` and `protected`.
    pub fn from_wire(
        dialect: Dialect,
        microversion_3_1: bool,
        body: &str,
    ) -> Result<ExportRequest, RequestError> {
        let value: Value = serde_json::from_str(body)
            .map_err(|e| RequestError::InvalidJson(crate::json::shorten(&e.to_string(), 120)))?;
        let inner = value
            .as_object()
            .and_then(|o| o.get(ACTION))
            .and_then(Value::as_object)
            .ok_or(RequestError::MissingAction)?;

        let allowed_fields: &[&str] = match dialect {
            Dialect::HuaweiEvs => &[
                "image_name",
                "force",
                "container_format",
                "disk_format",
                "__os_type",
            ],
            Dialect::OpenStackCinder if microversion_3_1 => &[
                "image_name",
                "force",
                "container_format",
                "disk_format",
                "visibility",
                "protected",
            ],
            Dialect::OpenStackCinder => &["image_name", "force", "container_format", "disk_format"],
        };
        if let Some(extra) = inner.keys().find(|k| !allowed_fields.contains(&k.as_str())) {
            return Err(RequestError::UnexpectedField(extra.clone()));
        }

        let string = |field: &'static str| -> Result<Option<&str>, RequestError> {
            match inner.get(field) {
                None => Ok(None),
                Some(Value::String(s)) => Ok(Some(s)),
                Some(_) => Err(RequestError::WrongType {
                    field,
                    expected: "a string",
                }),
            }
        };
        let boolean = |field: &'static str| -> Result<Option<bool>, RequestError> {
            match inner.get(field) {
                None => Ok(None),
                Some(Value::Bool(b)) => Ok(Some(*b)),
                // Cinder accepts the usual string spellings of booleans.
                Some(Value::String(s)) => match s.to_ascii_lowercase().as_str() {
                    "true" | "1" | "yes" | "on" | "t" | "y" => Ok(Some(true)),
                    "false" | "0" | "no" | "off" | "f" | "n" => Ok(Some(false)),
                    _ => Err(RequestError::WrongType {
                        field,
                        expected: "a boolean",
                    }),
                },
                Some(_) => Err(RequestError::WrongType {
                    field,
                    expected: "a boolean",
                }),
            }
        };

        let image_name = string("image_name")?.ok_or(RequestError::MissingImageName)?;
        let form = ExportForm {
            dialect,
            image_name: image_name.to_string(),
            // The server's default when omitted (the docs disagree; the console always sends it).
            disk_format: string("disk_format")?
                .unwrap_or(match dialect {
                    Dialect::HuaweiEvs => "vhd",
                    Dialect::OpenStackCinder => "raw",
                })
                .to_string(),
            container_format: string("container_format")?.unwrap_or("bare").to_string(),
            force: boolean("force")?.unwrap_or(false),
            os_type: string("__os_type")?.unwrap_or("").to_string(),
            visibility: string("visibility")?.unwrap_or("").to_string(),
            protected: boolean("protected")?,
        };
        form.validate().map_err(|errors| {
            RequestError::Field(errors.0.into_iter().next().unwrap_or(FieldError::Missing {
                field: FormField::ImageName,
            }))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn huawei_form(name: &str) -> ExportForm {
        ExportForm {
            image_name: name.into(),
            ..ExportForm::new(Dialect::HuaweiEvs)
        }
    }

    #[test]
    fn seed_example_round_trips() {
        let body = r#"{ "os-volume_upload_image": { "image_name": "sxmatch2", "force": true, "container_format": "bare", "disk_format": "vhd", "__os_type": "linux" } }"#;
        let req = ExportRequest::from_wire(Dialect::HuaweiEvs, false, body).unwrap();
        assert_eq!(req.image_name().as_str(), "sxmatch2");
        assert!(req.force());
        assert_eq!(req.disk_format(), DiskFormat::Vhd);
        assert_eq!(req.os_type(), Some(OsType::Linux));
        let expected: Value = serde_json::from_str(body).unwrap();
        assert_eq!(req.to_json_value(), expected);
    }

    #[test]
    fn defaults_match_the_spec_and_disk_format_is_always_sent() {
        let req = huawei_form("img").validate().unwrap();
        assert_eq!(
            req.to_json_value(),
            json!({"os-volume_upload_image": {"image_name": "img", "force": false,
                "container_format": "bare", "disk_format": "zvhd2", "__os_type": "linux"}})
        );
        assert_eq!(req.microversion(), None);
        let cinder = ExportForm {
            image_name: "img".into(),
            ..ExportForm::new(Dialect::OpenStackCinder)
        }
        .validate()
        .unwrap();
        // Private by default, so the 3.1 header goes too (at 3.0 Glance would make it shared).
        assert_eq!(
            cinder.to_json(),
            r#"{"os-volume_upload_image":{"container_format":"bare","disk_format":"raw","force":false,"image_name":"img","visibility":"private"}}"#
        );
        assert_eq!(cinder.microversion(), Some("volume 3.1"));
        let not_sent = ExportForm {
            image_name: "img".into(),
            visibility: String::new(),
            ..ExportForm::new(Dialect::OpenStackCinder)
        }
        .validate()
        .unwrap();
        assert_eq!(not_sent.microversion(), None);
        assert!(!not_sent.to_json().contains("visibility"));
    }

    #[test]
    fn every_error_at_once() {
        let form = ExportForm {
            dialect: Dialect::OpenStackCinder,
            image_name: " bad".into(),
            disk_format: "zvhd2".into(),
            container_format: "tar".into(),
            force: false,
            os_type: "windows".into(),
            visibility: "secret".into(),
            protected: None,
        };
        let errors = form.validate().unwrap_err();
        let fields: Vec<FormField> = errors.0.iter().map(FieldError::field).collect();
        assert_eq!(
            fields,
            [
                FormField::ImageName,
                FormField::DiskFormat,
                FormField::ContainerFormat,
                FormField::OsType,
                FormField::Visibility
            ]
        );
        assert_eq!(errors.first_field(), Some(FormField::ImageName));
        assert_eq!(
            errors.for_field(FormField::DiskFormat).next().unwrap(),
            &FieldError::NotAllowed {
                field: FormField::DiskFormat,
                value: "zvhd2".into(),
                dialect: Dialect::OpenStackCinder
            }
        );
        assert_eq!(
            errors.for_field(FormField::OsType).next().unwrap(),
            &FieldError::NotSupported {
                field: FormField::OsType,
                dialect: Dialect::OpenStackCinder
            }
        );
    }

    #[test]
    fn cinder_visibility_needs_microversion() {
        let form = ExportForm {
            image_name: "img".into(),
            visibility: "shared".into(),
            protected: Some(true),
            ..ExportForm::new(Dialect::OpenStackCinder)
        };
        let req = form.validate().unwrap();
        assert_eq!(req.microversion(), Some("volume 3.1"));
        let body = req.to_json();
        assert!(ExportRequest::from_wire(Dialect::OpenStackCinder, true, &body).is_ok());
        assert_eq!(
            ExportRequest::from_wire(Dialect::OpenStackCinder, false, &body),
            Err(RequestError::UnexpectedField("protected".into()))
        );
        let huawei_protected = ExportForm {
            protected: Some(true),
            ..huawei_form("img")
        };
        assert!(huawei_protected.validate().is_err());
    }

    #[test]
    fn wire_errors_are_exact() {
        let d = Dialect::HuaweiEvs;
        assert!(matches!(
            ExportRequest::from_wire(d, false, "{"),
            Err(RequestError::InvalidJson(_))
        ));
        assert_eq!(
            ExportRequest::from_wire(d, false, "{}"),
            Err(RequestError::MissingAction)
        );
        assert_eq!(
            ExportRequest::from_wire(d, false, r#"{"os-volume_upload_image":{}}"#),
            Err(RequestError::MissingImageName)
        );
        assert_eq!(
            ExportRequest::from_wire(d, false, r#"{"os-volume_upload_image":{"image_name":5}}"#),
            Err(RequestError::WrongType {
                field: "image_name",
                expected: "a string"
            })
        );
        let err = ExportRequest::from_wire(
            d,
            false,
            r#"{"os-volume_upload_image":{"image_name":"a","disk_format":"vmdk"}}"#,
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "Invalid input for field/attribute disk_format: 'vmdk' is not one of [zvhd2, zvhd, vhd, qcow2, raw]"
        );
        assert_eq!(
            ExportRequest::from_wire(
                Dialect::OpenStackCinder,
                false,
                r#"{"os-volume_upload_image":{"image_name":"a","__os_type":"linux"}}"#
            ),
            Err(RequestError::UnexpectedField("__os_type".into()))
        );
        let forced = ExportRequest::from_wire(
            d,
            false,
            r#"{"os-volume_upload_image":{"image_name":"a","force":"True"}}"#,
        )
        .unwrap();
        assert!(forced.force());
        assert_eq!(forced.disk_format(), DiskFormat::Vhd);
    }
}
