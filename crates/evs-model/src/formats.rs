//! The closed sets of the export body: disk format, container format, OS type, visibility.

use std::fmt;
use std::str::FromStr;

/// A value that is not one of the known wire strings of `what`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownValue {
    pub what: &'static str,
    pub value: String,
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown {} \"{}\"",
            self.what,
            crate::json::shorten(&self.value, 40)
        )
    }
}

impl std::error::Error for UnknownValue {}

macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident, $what:literal, { $($(#[$vmeta:meta])* $variant:ident => $wire:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The wire string.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $wire),+ }
            }
        }

        impl FromStr for $name {
            type Err = UnknownValue;
            /// Exact wire strings only (case-sensitive, like the server).
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($wire => Ok($name::$variant),)+
                    _ => Err(UnknownValue { what: $what, value: s.to_string() }),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

wire_enum!(
    /// Image disk formats across both dialects; [`crate::Dialect::disk_formats`] says which
    /// one accepts which.
    DiskFormat, "disk format", {
    /// Huawei's optimised format with zero-block compression (newest).
    Zvhd2 => "zvhd2",
    /// Huawei's compressed VHD.
    Zvhd => "zvhd",
    /// Microsoft Virtual Hard Disk.
    Vhd => "vhd",
    /// QEMU copy-on-write v2.
    Qcow2 => "qcow2",
    /// Raw disk image.
    Raw => "raw",
    /// VMware disk.
    Vmdk => "vmdk",
    /// VirtualBox disk.
    Vdi => "vdi",
    /// Hyper-V VHDX.
    Vhdx => "vhdx",
    /// Virtuozzo ploop.
    Ploop => "ploop",
});

wire_enum!(
    /// Image container formats across both dialects.
    ContainerFormat, "container format", {
    Bare => "bare",
    Ovf => "ovf",
    Ova => "ova",
    Ami => "ami",
    Ari => "ari",
    Aki => "aki",
    Docker => "docker",
    /// A compressed archive of the disk image (Cinder compresses it when the cloud sets
    /// `allow_compression_on_image_upload`; Glance knows the format since Rocky).
    Compressed => "compressed",
});

wire_enum!(
    /// The `__os_type` of a Huawei export.
    OsType, "OS type", {
    Linux => "linux",
    Windows => "windows",
});

wire_enum!(
    /// Image visibility (Cinder microversion 3.1+).
    Visibility, "visibility", {
    Private => "private",
    Shared => "shared",
    Community => "community",
    Public => "public",
});

#[allow(clippy::derivable_impls)] // the enums come from a macro that derives no Default
impl Default for OsType {
    fn default() -> Self {
        OsType::Linux
    }
}

#[allow(clippy::derivable_impls)]
impl Default for Visibility {
    fn default() -> Self {
        Visibility::Private
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_every_value() {
        for f in DiskFormat::ALL {
            assert_eq!(f.as_str().parse::<DiskFormat>(), Ok(*f));
            assert_eq!(
                serde_json::to_string(f).unwrap(),
                format!("\"{}\"", f.as_str())
            );
            assert_eq!(
                serde_json::from_str::<DiskFormat>(&format!("\"{f}\"")).unwrap(),
                *f
            );
        }
        for f in ContainerFormat::ALL {
            assert_eq!(f.as_str().parse::<ContainerFormat>(), Ok(*f));
        }
        for f in OsType::ALL {
            assert_eq!(f.as_str().parse::<OsType>(), Ok(*f));
        }
        for f in Visibility::ALL {
            assert_eq!(f.as_str().parse::<Visibility>(), Ok(*f));
        }
    }

    #[test]
    fn unknown_values_are_errors_with_a_message() {
        let err = "VHD".parse::<DiskFormat>().unwrap_err();
        assert_eq!(err.to_string(), "unknown disk format \"VHD\"");
        assert!(serde_json::from_str::<OsType>("\"macos\"").is_err());
        assert_eq!(OsType::default(), OsType::Linux);
        assert_eq!(Visibility::default(), Visibility::Private);
    }
}
