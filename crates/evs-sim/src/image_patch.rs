//! Image metadata updates: Glance's `PATCH /v2/images/{id}` (a JSON patch,
//! `application/openstack-images-v2.1-json-patch`) and Huawei IMS's
//! `PATCH /v2/cloudimages/{id}` (the same operations, fewer attributes, active images only).
//!
//! The operations are checked as Glance checks them: `add` of a property that exists and
//! `replace`/`remove` of one that does not are conflicts (409); read-only attributes are
//! refused (403); `min_disk`/`min_ram` must be integers from 0 to 2^31 - 1 and tags
//! strings of at most 255 characters. The whole patch applies or nothing does.

use evs_model::{ImageStatus, GLANCE_PATCH_TYPE, MAX_METADATA_CHARS, MAX_MIN_VALUE, MAX_TAGS};
use serde_json::{json, Value};

use crate::state::ImageRec;

/// Glance's core attributes a client may not change.
const READ_ONLY: &[&str] = &[
    "id",
    "status",
    "checksum",
    "os_hash_algo",
    "os_hash_value",
    "size",
    "virtual_size",
    "owner",
    "created_at",
    "updated_at",
    "self",
    "file",
    "schema",
    "locations",
    "direct_url",
    "stores",
    "disk_format",
    "container_format",
];

/// Attributes IMS's update takes.
const IMS_PATHS: &[&str] = &["name", "__description", "min_ram", "max_ram"];

/// Why a patch was refused: HTTP status and the server's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub status: u16,
    pub message: String,
}

fn refuse(status: u16, message: impl Into<String>) -> Refusal {
    Refusal {
        status,
        message: message.into(),
    }
}

/// Which image service's rules apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    Glance,
    Ims,
}

/// Checks the request's content type (Glance requires its JSON-patch media type).
pub fn check_content_type(flavor: Flavor, content_type: &str) -> Result<(), Refusal> {
    let media = content_type.split(';').next().unwrap_or("").trim();
    match flavor {
        Flavor::Glance if media.eq_ignore_ascii_case(GLANCE_PATCH_TYPE) => Ok(()),
        Flavor::Glance => Err(refuse(
            415,
            format!(
                "Unsupported Content-Type: use {GLANCE_PATCH_TYPE} for PATCH /v2/images/{{id}}"
            ),
        )),
        Flavor::Ims if media.eq_ignore_ascii_case("application/json") || media.is_empty() => Ok(()),
        Flavor::Ims => Err(refuse(400, "Content-Type must be application/json")),
    }
}

/// Applies `body` (a JSON array of operations) to a copy of `image` and returns the copy.
pub fn apply(
    flavor: Flavor,
    image: &ImageRec,
    status: &ImageStatus,
    body: &[u8],
) -> Result<ImageRec, Refusal> {
    if flavor == Flavor::Ims && !status.is_success() {
        return Err(refuse(
            400,
            format!(
                "The image status is {}; only active images can be updated.",
                status.as_str()
            ),
        ));
    }
    if status.is_failure() {
        return Err(refuse(
            403,
            format!(
                "Image status transition from {} is not allowed",
                status.as_str()
            ),
        ));
    }
    let ops: Vec<Value> = match serde_json::from_slice::<Value>(body) {
        Ok(Value::Array(ops)) => ops,
        Ok(_) => {
            return Err(refuse(
                400,
                "Request body must be a JSON array of operation objects.",
            ))
        }
        Err(e) => return Err(refuse(400, format!("Malformed JSON in request body: {e}"))),
    };
    let mut img = image.clone();
    for op in &ops {
        let name = op.get("op").and_then(Value::as_str).unwrap_or("");
        let path = op.get("path").and_then(Value::as_str).unwrap_or("");
        let Some(attr) = path.strip_prefix('/').filter(|a| valid_attribute(a)) else {
            return Err(refuse(
                400,
                format!("Invalid JSON pointer for this resource: '{path}'"),
            ));
        };
        if !matches!(name, "add" | "replace" | "remove") {
            return Err(refuse(400, format!("Operation objects must contain exactly one member named \"add\", \"remove\", or \"replace\"; got '{name}'.")));
        }
        if flavor == Flavor::Ims && !IMS_PATHS.contains(&attr) {
            return Err(refuse(
                400,
                format!("The attribute {attr} cannot be updated."),
            ));
        }
        if READ_ONLY.contains(&attr) {
            return Err(refuse(403, format!("Attribute '{attr}' is read-only.")));
        }
        let value = op.get("value");
        if name != "remove" && value.is_none() {
            return Err(refuse(
                400,
                format!("Operation \"{name}\" requires a member named \"value\"."),
            ));
        }
        match attr {
            "min_disk" | "min_ram" | "max_ram" => {
                if name == "remove" {
                    return Err(refuse(
                        403,
                        format!("Attribute '{attr}' cannot be removed."),
                    ));
                }
                let n = value
                    .and_then(Value::as_u64)
                    .filter(|n| *n <= MAX_MIN_VALUE)
                    .ok_or_else(|| {
                        refuse(
                            400,
                            format!(
                                "Invalid value for '{attr}': an integer from 0 to {MAX_MIN_VALUE}"
                            ),
                        )
                    })?;
                match attr {
                    "min_disk" => img.min_disk = n,
                    "min_ram" => img.min_ram = n,
                    _ => {
                        img.properties.insert(attr.into(), n.to_string());
                    }
                }
            }
            "tags" => {
                let tags = match (name, value) {
                    ("remove", _) => Vec::new(),
                    (_, Some(Value::Array(items))) => {
                        let tags: Option<Vec<String>> = items
                            .iter()
                            .map(|t| {
                                t.as_str()
                                    .filter(|s| s.chars().count() <= MAX_METADATA_CHARS)
                                    .map(str::to_string)
                            })
                            .collect();
                        tags.ok_or_else(|| {
                            refuse(
                                400,
                                "Invalid tags: each tag is a string of at most 255 characters.",
                            )
                        })?
                    }
                    _ => {
                        return Err(refuse(
                            400,
                            "Invalid value for 'tags': an array of strings.",
                        ))
                    }
                };
                if tags.len() > MAX_TAGS {
                    return Err(refuse(
                        413,
                        format!(
                            "Maximum number of tags exceeded ({} > {MAX_TAGS})",
                            tags.len()
                        ),
                    ));
                }
                img.tags = tags;
            }
            "name" => {
                let text = value
                    .and_then(Value::as_str)
                    .filter(|s| !s.is_empty() && s.chars().count() <= MAX_METADATA_CHARS);
                img.name = text
                    .ok_or_else(|| refuse(400, "Invalid value for 'name'."))?
                    .to_string();
            }
            _ => {
                let exists = img.properties.contains_key(attr);
                match name {
                    "add" if exists && flavor == Flavor::Glance => {
                        return Err(refuse(409, format!("Property {attr} already present.")));
                    }
                    "replace" | "remove" if !exists => {
                        return Err(refuse(409, format!("Property {attr} does not exist.")));
                    }
                    "remove" => {
                        img.properties.remove(attr);
                    }
                    _ => {
                        let text = value
                            .and_then(Value::as_str)
                            .filter(|s| s.chars().count() <= MAX_METADATA_CHARS)
                            .ok_or_else(|| refuse(400, format!("Invalid value for '{attr}': a string of at most 255 characters.")))?;
                        img.properties.insert(attr.to_string(), text.to_string());
                    }
                }
            }
        }
    }
    Ok(img)
}

/// A property name Glance would accept in a pointer: 1-255 characters, no `/` or `~`.
fn valid_attribute(a: &str) -> bool {
    !a.is_empty() && a.chars().count() <= 255 && !a.contains(['/', '~'])
}

/// A Glance-style error body (WebOb's JSON form).
pub fn glance_error(r: &Refusal) -> Value {
    let title = match r.status {
        400 => "Bad Request",
        403 => "Forbidden",
        409 => "Conflict",
        413 => "Request Entity Too Large",
        415 => "Unsupported Media Type",
        _ => "Error",
    };
    json!({"message": r.message, "code": format!("{} {title}", r.status), "title": title})
}
