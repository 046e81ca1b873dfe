//! The ids the API passes around, each its own type so a volume id cannot be sent where an
//! image id belongs. An id is opaque text: never empty, no surrounding whitespace. Paths
//! percent-encode it ([`crate::Dialect`]), so any id is safe in a URL.

use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            /// The id in `s` (trimmed), or `None` when nothing is left.
            pub fn parse(s: &str) -> Option<$name> {
                let s = s.trim();
                (!s.is_empty()).then(|| $name(s.to_string()))
            }

            /// The id as sent on the wire.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                &self.0 == other
            }
        }

        impl PartialEq<$name> for String {
            fn eq(&self, other: &$name) -> bool {
                self == &other.0
            }
        }

        impl PartialEq<$name> for &str {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                $name::parse(&s).ok_or_else(|| {
                    serde::de::Error::custom(concat!("an empty ", stringify!($name)))
                })
            }
        }
    };
}

id_type! {
    /// A disk (volume) id.
    VolumeId
}
id_type! {
    /// An image id (Glance / IMS).
    ImageId
}
id_type! {
    /// A project (tenant) id: the `{project_id}` of every block-storage path.
    ProjectId
}

impl VolumeId {
    /// The id in `text` when it looks like a whole UUID (36 characters, hex digits and
    /// hyphens in the 8-4-4-4-12 pattern): a search for it reads that disk directly, since
    /// the servers' name filters do not match ids.
    pub fn from_uuid_text(text: &str) -> Option<VolumeId> {
        let t = text.trim();
        let groups: Vec<&str> = t.split('-').collect();
        let shape = groups.iter().map(|g| g.len()).collect::<Vec<_>>() == [8, 4, 4, 4, 12];
        (shape
            && groups
                .iter()
                .all(|g| g.bytes().all(|b| b.is_ascii_hexdigit())))
        .then(|| VolumeId(t.to_ascii_lowercase()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_text() {
        assert_eq!(
            VolumeId::from_uuid_text(" A0000000-0000-4000-8000-000000000007 ").unwrap(),
            "a0000000-0000-4000-8000-000000000007"
        );
        for not in [
            "a0000000",
            "a0000000-0000-4000-8000-00000000000g",
            "data-disk-01",
            "",
        ] {
            assert_eq!(VolumeId::from_uuid_text(not), None, "{not}");
        }
    }

    #[test]
    fn ids_are_trimmed_and_never_empty() {
        assert_eq!(VolumeId::parse(" v-1\n").unwrap().as_str(), "v-1");
        assert_eq!(ImageId::parse("  "), None);
        assert_eq!(ProjectId::parse(""), None);
        let p = ProjectId::parse("p/1").unwrap();
        assert_eq!(p, "p/1");
        assert_eq!(p.to_string(), "p/1");
        assert_eq!(serde_json::to_string(&p).unwrap(), "\"p/1\"");
        assert_eq!(serde_json::from_str::<VolumeId>("\" v \"").unwrap(), "v");
        assert!(serde_json::from_str::<VolumeId>("\"\"").is_err());
    }
}
