use std::fmt;
use std::str::FromStr;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::formats::{ContainerFormat, DiskFormat};
use crate::{ImageId, ImageStatus, ProjectId, VolumeId};

/// Which API the console talks to. Both have the same action; they differ in path, formats,
/// limits and optional fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Dialect {
    /// Huawei Cloud EVS (`/v2/...`), the default.
    #[default]
    HuaweiEvs,
    /// OpenStack Cinder block storage API v3 (`/v3/...`).
    OpenStackCinder,
}

/// Optional fields of the export body; which exist depends on the dialect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionalField {
    /// `__os_type` (Huawei EVS only).
    OsType,
    /// `visibility` (Cinder, microversion 3.1+).
    Visibility,
    /// `protected` (Cinder, microversion 3.1+).
    Protected,
}

impl Dialect {
    pub const ALL: [Dialect; 2] = [Dialect::HuaweiEvs, Dialect::OpenStackCinder];

    /// The wire and configuration name: `huawei` or `cinder`.
    pub fn as_str(self) -> &'static str {
        match self {
            Dialect::HuaweiEvs => "huawei",
            Dialect::OpenStackCinder => "cinder",
        }
    }

    /// The API version segment of every block-storage path: `v2` or `v3`.
    pub fn path_prefix(self) -> &'static str {
        match self {
            Dialect::HuaweiEvs => "v2",
            Dialect::OpenStackCinder => "v3",
        }
    }

    /// Disk formats the export accepts, in the order a menu should show them.
    pub fn disk_formats(self) -> &'static [DiskFormat] {
        use DiskFormat::*;
        match self {
            Dialect::HuaweiEvs => &[Zvhd2, Zvhd, Vhd, Qcow2, Raw],
            Dialect::OpenStackCinder => &[Raw, Qcow2, Vmdk, Vdi, Vhd, Vhdx, Ploop],
        }
    }

    /// Container formats the export accepts, in menu order.
    pub fn container_formats(self) -> &'static [ContainerFormat] {
        use ContainerFormat::*;
        match self {
            Dialect::HuaweiEvs => &[Bare, Ovf, Ami, Ari, Aki],
            Dialect::OpenStackCinder => &[Bare, Ovf, Ova, Ami, Ari, Aki, Docker, Compressed],
        }
    }

    /// The disk format the form preselects (always sent explicitly).
    pub fn default_disk_format(self) -> DiskFormat {
        match self {
            Dialect::HuaweiEvs => DiskFormat::Zvhd2,
            Dialect::OpenStackCinder => DiskFormat::Raw,
        }
    }

    /// Whether exports in this disk format are known to fail on a stock server of this
    /// dialect although the API accepts them (202, then the image is deleted). Cinder 29
    /// converts to vhd with `qemu-img convert -O vpc`, then checks the result with
    /// `qemu-img info -f vhd`, which qemu does not know (tests/cinder/DIFFERENCES.md, §3).
    pub fn disk_format_known_to_fail(self, format: DiskFormat) -> bool {
        matches!((self, format), (Dialect::OpenStackCinder, DiskFormat::Vhd))
    }

    /// The container format the form preselects.
    pub fn default_container_format(self) -> ContainerFormat {
        ContainerFormat::Bare
    }

    /// The longest image name, in characters.
    pub fn name_limit(self) -> usize {
        match self {
            Dialect::HuaweiEvs => 128,
            Dialect::OpenStackCinder => 255,
        }
    }

    /// The largest disk (GB) the export accepts: 1 TiB on Huawei EVS, no limit on Cinder.
    pub fn max_export_size_gb(self) -> Option<u64> {
        match self {
            Dialect::HuaweiEvs => Some(crate::MAX_EXPORT_SIZE_GB),
            Dialect::OpenStackCinder => None,
        }
    }

    /// Whether the export body may carry this optional field.
    pub fn supports(self, field: OptionalField) -> bool {
        match (self, field) {
            (Dialect::HuaweiEvs, OptionalField::OsType) => true,
            (Dialect::HuaweiEvs, _) => false,
            (Dialect::OpenStackCinder, OptionalField::OsType) => false,
            (Dialect::OpenStackCinder, _) => true,
        }
    }

    /// The `OpenStack-API-Version` header value needed for `visibility`/`protected`.
    pub fn microversion_for_visibility(self) -> Option<&'static str> {
        match self {
            Dialect::HuaweiEvs => None,
            Dialect::OpenStackCinder => Some("volume 3.1"),
        }
    }

    /// `{prefix}/{project}/volumes/{volume}/action`, relative to the block-storage base URL.
    pub fn action_path(self, project_id: &ProjectId, volume_id: &VolumeId) -> String {
        format!(
            "/{}/{}/volumes/{}/action",
            self.path_prefix(),
            path_segment(project_id.as_str()),
            path_segment(volume_id.as_str())
        )
    }

    /// `{prefix}/{project}/volumes/{volume}`.
    pub fn volume_path(self, project_id: &ProjectId, volume_id: &VolumeId) -> String {
        format!(
            "/{}/{}/volumes/{}",
            self.path_prefix(),
            path_segment(project_id.as_str()),
            path_segment(volume_id.as_str())
        )
    }

    /// `{prefix}/{project}/volumes/detail`, the disk list (its query: [`Dialect::volume_list_query`]).
    pub fn volumes_detail_path(self, project_id: &ProjectId) -> String {
        format!(
            "/{}/{}/volumes/detail",
            self.path_prefix(),
            path_segment(project_id.as_str())
        )
    }

    /// The disk list's query parameters: `limit`, and `marker` after the first page.
    pub fn volume_list_query(limit: u32, marker: Option<&VolumeId>) -> Vec<(&'static str, String)> {
        let mut query = vec![("limit", limit.to_string())];
        if let Some(marker) = marker {
            query.push(("marker", marker.as_str().to_string()));
        }
        query
    }

    /// The query parameter that filters the disk list by name on the server: Huawei EVS's
    /// `name` (a fuzzy match) or Cinder's like-filter `name~` (microversion 3.34 and later,
    /// see [`Dialect::name_filter_microversion`]).
    pub fn name_filter_param(self) -> &'static str {
        match self {
            Dialect::HuaweiEvs => "name",
            Dialect::OpenStackCinder => "name~",
        }
    }

    /// The `OpenStack-API-Version` the name filter needs (Cinder: like-filters from 3.34).
    pub fn name_filter_microversion(self) -> Option<&'static str> {
        match self {
            Dialect::HuaweiEvs => None,
            Dialect::OpenStackCinder => Some("volume 3.34"),
        }
    }

    /// The `OpenStack-API-Version` a search for `name` needs: none when nothing is filtered
    /// (`name` blank: [`Dialect::volume_search_query`] sends no filter then).
    pub fn volume_search_microversion(self, name: &str) -> Option<&'static str> {
        self.name_filter_microversion()
            .filter(|_| !name.trim().is_empty())
    }

    /// [`Dialect::volume_list_query`] with the server-side name filter (`name` trimmed; an
    /// empty one is not sent).
    pub fn volume_search_query(
        self,
        limit: u32,
        marker: Option<&VolumeId>,
        name: &str,
    ) -> Vec<(&'static str, String)> {
        let mut query = Dialect::volume_list_query(limit, marker);
        let name = name.trim();
        if !name.is_empty() {
            query.push((self.name_filter_param(), name.to_string()));
        }
        query
    }

    /// Whether a failed search means the server cannot filter by name (then the console
    /// filters the page it has): a 400 (Cinder refuses a filter it does not allow for this
    /// user, "Invalid filters name~ are found in query options.") or a 406 (a cloud older
    /// than microversion 3.34).
    pub fn search_unsupported(self, status: u16) -> bool {
        matches!(status, 400 | 406)
    }

    /// `{prefix}/{project}/volumes/detail?limit=..[&marker=..]`, query percent-encoded.
    pub fn volume_list_path(
        self,
        project_id: &ProjectId,
        limit: u32,
        marker: Option<&VolumeId>,
    ) -> String {
        let query: Vec<String> = Dialect::volume_list_query(limit, marker)
            .into_iter()
            .map(|(k, v)| [k, "=", &path_segment(&v)].concat())
            .collect();
        [
            self.volumes_detail_path(project_id),
            "?".into(),
            query.join("&"),
        ]
        .concat()
    }

    /// `/v3/{project}/messages`, Cinder's user messages (why an export failed); `None` on
    /// Huawei EVS, which has no such API. Send [`crate::MESSAGES_MICROVERSION`] with it.
    pub fn messages_path(self, project_id: &ProjectId) -> Option<String> {
        match self {
            Dialect::HuaweiEvs => None,
            Dialect::OpenStackCinder => Some(format!(
                "/v3/{}/messages",
                path_segment(project_id.as_str())
            )),
        }
    }
    /// The image service's image schema (Glance: the deployed `disk_format` and
    /// `container_format` enums).
    pub const IMAGE_SCHEMA_PATH: &'static str = "/v2/schemas/image";

    /// `/v2/images` on the image service: the image list.
    pub const IMAGES_PATH: &'static str = "/v2/images";

    /// The query of one page of `owner`'s images in `status` (Glance's and IMS's filters),
    /// after `marker`.
    pub fn image_list_query(
        status: &ImageStatus,
        owner: &ProjectId,
        limit: u32,
        marker: Option<&str>,
    ) -> Vec<(&'static str, String)> {
        let mut query = vec![
            ("status", status.as_str().to_string()),
            ("owner", owner.as_str().to_string()),
            ("limit", limit.to_string()),
        ];
        if let Some(m) = marker {
            query.push(("marker", m.to_string()));
        }
        query
    }

    /// `/v2/images/{image}` on the image service (Glance v2 and Huawei IMS share it).
    pub fn image_path(image_id: &ImageId) -> String {
        format!("/v2/images/{}", path_segment(image_id.as_str()))
    }
}

/// Everything but RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`).
const NOT_UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes everything but unreserved characters, so an id can never change the
/// shape of a path or query.
pub fn path_segment(s: &str) -> String {
    utf8_percent_encode(s, NOT_UNRESERVED).to_string()
}

/// The text was neither `huawei` nor `cinder` (nor an accepted alias).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DialectParseError(pub String);

impl fmt::Display for DialectParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown dialect \"{}\": use \"huawei\" (Huawei Cloud EVS) or \"cinder\" (OpenStack Cinder v3)",
            crate::json::shorten(&self.0, 40)
        )
    }
}

impl std::error::Error for DialectParseError {}

impl FromStr for Dialect {
    type Err = DialectParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "huawei" | "evs" | "huawei-evs" | "huaweievs" => Ok(Dialect::HuaweiEvs),
            "cinder" | "openstack" | "openstack-cinder" | "openstackcinder" => {
                Ok(Dialect::OpenStackCinder)
            }
            _ => Err(DialectParseError(s.to_string())),
        }
    }
}

crate::json::as_wire_text!(Dialect, str::parse::<Dialect>);

#[cfg(test)]
mod tests {
    use super::*;

    fn project(s: &str) -> ProjectId {
        ProjectId::parse(s).unwrap()
    }

    fn volume(s: &str) -> VolumeId {
        VolumeId::parse(s).unwrap()
    }

    #[test]
    fn paths_per_dialect() {
        let (p1, v1) = (project("p1"), volume("v1"));
        assert_eq!(
            Dialect::HuaweiEvs.action_path(&p1, &v1),
            "/v2/p1/volumes/v1/action"
        );
        assert_eq!(
            Dialect::OpenStackCinder.action_path(&p1, &v1),
            "/v3/p1/volumes/v1/action"
        );
        assert_eq!(
            Dialect::HuaweiEvs.volume_list_path(&project("p"), 50, Some(&volume("a b"))),
            "/v2/p/volumes/detail?limit=50&marker=a%20b"
        );
        let image = ImageId::parse("../x").unwrap();
        assert_eq!(Dialect::image_path(&image), "/v2/images/..%2Fx");
    }

    #[test]
    fn ids_cannot_escape_their_segment() {
        assert_eq!(
            Dialect::HuaweiEvs.volume_path(&project("p/../../x"), &volume("?a=1#")),
            "/v2/p%2F..%2F..%2Fx/volumes/%3Fa%3D1%23"
        );
        assert_eq!(path_segment("镜~像 +"), "%E9%95%9C~%E5%83%8F%20%2B");
    }

    #[test]
    fn limits_and_fields() {
        assert_eq!(Dialect::HuaweiEvs.name_limit(), 128);
        assert_eq!(Dialect::OpenStackCinder.name_limit(), 255);
        assert!(Dialect::HuaweiEvs.supports(OptionalField::OsType));
        assert!(!Dialect::HuaweiEvs.supports(OptionalField::Visibility));
        assert!(!Dialect::OpenStackCinder.supports(OptionalField::OsType));
        assert!(Dialect::OpenStackCinder.supports(OptionalField::Protected));
        assert_eq!(Dialect::default(), Dialect::HuaweiEvs);
        assert_eq!(Dialect::HuaweiEvs.default_disk_format(), DiskFormat::Zvhd2);
        assert!(Dialect::OpenStackCinder.disk_format_known_to_fail(DiskFormat::Vhd));
        assert!(!Dialect::HuaweiEvs.disk_format_known_to_fail(DiskFormat::Vhd));
        let cinder = Dialect::OpenStackCinder;
        assert!(!cinder.disk_format_known_to_fail(cinder.default_disk_format()));
        assert!(!cinder.disk_format_known_to_fail(DiskFormat::Qcow2));
    }

    #[test]
    fn name_filters_per_dialect() {
        let m = volume("m");
        assert_eq!(
            Dialect::OpenStackCinder.volume_search_query(20, Some(&m), " data "),
            [
                ("limit", "20".to_string()),
                ("marker", "m".to_string()),
                ("name~", "data".to_string())
            ]
        );
        assert_eq!(
            Dialect::HuaweiEvs.volume_search_query(5, None, "盘"),
            [("limit", "5".to_string()), ("name", "盘".to_string())]
        );
        assert_eq!(
            Dialect::HuaweiEvs.volume_search_query(5, None, "  ").len(),
            1
        );
        assert_eq!(
            Dialect::OpenStackCinder.name_filter_microversion(),
            Some("volume 3.34")
        );
        assert_eq!(Dialect::HuaweiEvs.name_filter_microversion(), None);
        assert_eq!(
            Dialect::OpenStackCinder.volume_search_microversion(" bulk "),
            Some("volume 3.34")
        );
        assert_eq!(
            Dialect::OpenStackCinder.volume_search_microversion("  "),
            None
        );
        assert_eq!(
            Dialect::image_list_query(
                &ImageStatus::Queued,
                &ProjectId::parse("p1").unwrap(),
                100,
                Some("m")
            ),
            [
                ("status", "queued".to_string()),
                ("owner", "p1".to_string()),
                ("limit", "100".to_string()),
                ("marker", "m".to_string()),
            ]
        );
        assert!(Dialect::OpenStackCinder.search_unsupported(400));
        assert!(Dialect::OpenStackCinder.search_unsupported(406));
        assert!(!Dialect::OpenStackCinder.search_unsupported(500));
        assert!(!Dialect::HuaweiEvs.search_unsupported(401));
    }

    #[test]
    fn parse_dialect() {
        assert_eq!("Cinder".parse::<Dialect>(), Ok(Dialect::OpenStackCinder));
        assert_eq!(" huawei ".parse::<Dialect>(), Ok(Dialect::HuaweiEvs));
        let err = "aws".parse::<Dialect>().unwrap_err();
        assert!(err.to_string().contains("\"aws\""));
        for d in Dialect::ALL {
            assert_eq!(d.as_str().parse::<Dialect>(), Ok(d));
        }
    }
}
