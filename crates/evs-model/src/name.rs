//! The image name: the one free-text field of the export.

use std::fmt;

use crate::Dialect;

/// A valid image name for a [`Dialect`]. The only way to get one is [`ImageName::parse`].
///
/// Rules (Huawei EVS): 1–128 characters (characters, not bytes); Unicode letters (Chinese
/// included), digits, `-`, `.`, `_` and spaces; no leading or trailing space.
/// OpenStack Cinder: 1–255 characters; any character but control characters; no leading or
/// trailing whitespace (Cinder itself only checks the length; the console refuses names that
/// are almost certainly a paste accident).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ImageName(String);

/// Why a text is not a valid image name. One variant per rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameError {
    /// The name is empty.
    Empty,
    /// More characters than the dialect allows.
    TooLong { limit: usize, actual: usize },
    /// Starts with a space (or other whitespace).
    LeadingSpace,
    /// Ends with a space (or other whitespace).
    TrailingSpace,
    /// A character `dialect` does not allow; `position` counts characters from 1. (What is
    /// allowed differs by dialect: Huawei EVS takes letters, digits, spaces, `-`, `.`, `_`;
    /// Cinder anything but control characters.)
    DisallowedChar {
        ch: char,
        position: usize,
        dialect: Dialect,
    },
}

impl ImageName {
    /// Parses `s` as an image name under `dialect`'s rules. Reports the first rule broken,
    /// in this order: empty, too long, leading space, trailing space, disallowed character.
    pub fn parse(s: &str, dialect: Dialect) -> Result<ImageName, NameError> {
        Self::check(s, dialect)?;
        Ok(ImageName(s.to_string()))
    }

    fn check(s: &str, dialect: Dialect) -> Result<(), NameError> {
        if s.is_empty() {
            return Err(NameError::Empty);
        }
        let limit = dialect.name_limit();
        let actual = s.chars().count();
        if actual > limit {
            return Err(NameError::TooLong { limit, actual });
        }
        if s.starts_with(char::is_whitespace) {
            return Err(NameError::LeadingSpace);
        }
        if s.ends_with(char::is_whitespace) {
            return Err(NameError::TrailingSpace);
        }
        let allowed: fn(char) -> bool = match dialect {
            Dialect::HuaweiEvs => huawei_allows,
            Dialect::OpenStackCinder => |c: char| !c.is_control(),
        };
        match s.chars().enumerate().find(|(_, c)| !allowed(*c)) {
            Some((i, ch)) => Err(NameError::DisallowedChar {
                ch,
                position: i + 1,
                dialect,
            }),
            None => Ok(()),
        }
    }

    /// The name as sent on the wire.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Its length in characters (what the limit counts).
    pub fn char_count(&self) -> usize {
        self.0.chars().count()
    }
}

fn huawei_allows(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '.' | '_' | ' ')
}

impl fmt::Display for ImageName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for ImageName {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<ImageName> for String {
    fn from(n: ImageName) -> String {
        n.0
    }
}

impl serde::Serialize for ImageName {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl NameError {
    /// A stable key for translations (`name.empty`, `name.too_long`, ...).
    pub fn key(&self) -> &'static str {
        match self {
            NameError::Empty => "name.empty",
            NameError::TooLong { .. } => "name.too_long",
            NameError::LeadingSpace => "name.leading_space",
            NameError::TrailingSpace => "name.trailing_space",
            NameError::DisallowedChar { .. } => "name.disallowed_char",
        }
    }
}

/// How a character is shown in a message: visible characters as themselves, invisible or
/// confusable ones by code point, so the operator can find them.
pub fn describe_char(ch: char) -> String {
    if ch.is_control() || ch.is_whitespace() || is_invisible(ch) {
        format!("U+{:04X}", ch as u32)
    } else {
        format!("\"{ch}\" (U+{:04X})", ch as u32)
    }
}

fn is_invisible(ch: char) -> bool {
    matches!(ch as u32,
        0x00AD | 0x034F | 0x061C | 0x115F | 0x1160 | 0x17B4 | 0x17B5 | 0x180E
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F
        | 0xFEFF | 0xFFA0 | 0xFFF0..=0xFFFB | 0xE0000..=0xE0FFF)
}

/// The wire's own words for the simulator's 400s (jsonschema's style, as Cinder answers),
/// not the console's: the console words every rule itself.
impl fmt::Display for NameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NameError::Empty => f.write_str("'' is too short"),
            NameError::TooLong { limit, actual } => {
                write!(f, "is too long ({actual} characters; at most {limit})")
            }
            NameError::LeadingSpace => f.write_str("must not start with whitespace"),
            NameError::TrailingSpace => f.write_str("must not end with whitespace"),
            NameError::DisallowedChar { ch, position, .. } => write!(
                f,
                "character {position} ({}) is not allowed",
                describe_char(*ch)
            ),
        }
    }
}

impl std::error::Error for NameError {}

#[cfg(test)]
mod tests {
    use super::*;
    use Dialect::*;

    #[test]
    fn accepts_the_documented_characters() {
        for ok in [
            "sxmatch2",
            "evs-ims-test1027",
            "a",
            "web server.v1_final",
            "导出镜像-01",
            "Ärger über Öl",
            "x y",
        ] {
            assert_eq!(ImageName::parse(ok, HuaweiEvs).unwrap().as_str(), ok);
            assert!(ImageName::parse(ok, OpenStackCinder).is_ok());
        }
    }

    #[test]
    fn each_rule_has_its_variant() {
        assert_eq!(ImageName::parse("", HuaweiEvs), Err(NameError::Empty));
        assert_eq!(
            ImageName::parse(" a", HuaweiEvs),
            Err(NameError::LeadingSpace)
        );
        assert_eq!(
            ImageName::parse("a ", HuaweiEvs),
            Err(NameError::TrailingSpace)
        );
        assert_eq!(
            ImageName::parse("ab/c", HuaweiEvs),
            Err(NameError::DisallowedChar {
                ch: '/',
                position: 3,
                dialect: HuaweiEvs
            })
        );
        assert_eq!(
            ImageName::parse("镜像@", HuaweiEvs),
            Err(NameError::DisallowedChar {
                ch: '@',
                position: 3,
                dialect: HuaweiEvs
            })
        );
        assert_eq!(
            ImageName::parse(&"a".repeat(129), HuaweiEvs),
            Err(NameError::TooLong {
                limit: 128,
                actual: 129
            })
        );
    }

    #[test]
    fn limits_count_characters_not_bytes() {
        let chinese = "镜".repeat(128);
        assert_eq!(chinese.len(), 384);
        assert!(ImageName::parse(&chinese, HuaweiEvs).is_ok());
        assert!(ImageName::parse(&"a".repeat(128), HuaweiEvs).is_ok());
        assert!(ImageName::parse(&"a".repeat(255), OpenStackCinder).is_ok());
        assert_eq!(
            ImageName::parse(&"a".repeat(256), OpenStackCinder),
            Err(NameError::TooLong {
                limit: 255,
                actual: 256
            })
        );
    }

    #[test]
    fn cinder_allows_punctuation_but_not_control_characters() {
        assert!(ImageName::parse("backup/2026 (v1)", OpenStackCinder).is_ok());
        assert_eq!(
            ImageName::parse("a\nb", OpenStackCinder),
            Err(NameError::DisallowedChar {
                ch: '\n',
                position: 2,
                dialect: OpenStackCinder
            })
        );
        assert_eq!(
            ImageName::parse("\u{3000}a", OpenStackCinder),
            Err(NameError::LeadingSpace)
        );
    }

    #[test]
    fn wire_words_name_the_character() {
        let zwsp = ImageName::parse("a\u{200B}b", HuaweiEvs).unwrap_err();
        assert_eq!(zwsp.to_string(), "character 2 (U+200B) is not allowed");
        let slash = ImageName::parse("a/b", HuaweiEvs).unwrap_err();
        assert!(slash.to_string().contains("\"/\" (U+002F)"), "{slash}");
        assert_eq!(NameError::Empty.key(), "name.empty");
    }
}
