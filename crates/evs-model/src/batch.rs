//! Several disks at once: the image name becomes a pattern (`{name}`, `{id}`, `{date}`),
//! expanded and validated for each disk, and each disk gets its own verdict — exportable,
//! needs force (skipped without it), or refused with its reasons. Disks that cannot be
//! exported are listed and never sent.

use std::fmt;

use crate::precondition::{export_check, BlockReason};
use crate::request::{ExportForm, ExportRequest, FieldError};
use crate::{FormatOffer, Volume};

/// The pattern a batch starts with.
pub const DEFAULT_PATTERN: &str = "{name}-{date}";

/// A name pattern: text with `{name}` (the disk's name, or its id when it has none), `{id}`
/// and `{date}` (UTC, `YYYYMMDD`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamePattern(Vec<Piece>);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    Name,
    Id,
    Date,
}

/// Why a pattern cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternError {
    /// Nothing typed.
    Empty,
    /// `{something}` that is not a placeholder.
    UnknownPlaceholder(String),
    /// A `{` without its `}`, or a `}` without its `{`.
    Unbalanced,
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PatternError::Empty => f.write_str("empty pattern"),
            PatternError::UnknownPlaceholder(p) => {
                write!(f, "unknown placeholder {{{}}}", crate::json::shorten(p, 20))
            }
            PatternError::Unbalanced => f.write_str("unbalanced braces"),
        }
    }
}

impl std::error::Error for PatternError {}

impl NamePattern {
    /// Reads a pattern; placeholders are exact (`{name}`, `{id}`, `{date}`).
    pub fn parse(s: &str) -> Result<NamePattern, PatternError> {
        if s.trim().is_empty() {
            return Err(PatternError::Empty);
        }
        let mut pieces = Vec::new();
        let mut rest = s;
        while !rest.is_empty() {
            match (rest.find('{'), rest.find('}')) {
                (None, None) => {
                    pieces.push(Piece::Text(rest.to_string()));
                    break;
                }
                (Some(open), close) if close.is_none_or(|c| c > open) => {
                    if open > 0 {
                        pieces.push(Piece::Text(rest[..open].to_string()));
                    }
                    let after = &rest[open + 1..];
                    let end = after.find('}').ok_or(PatternError::Unbalanced)?;
                    let inner = &after[..end];
                    if inner.contains('{') {
                        return Err(PatternError::Unbalanced);
                    }
                    pieces.push(match inner {
                        "name" => Piece::Name,
                        "id" => Piece::Id,
                        "date" => Piece::Date,
                        other => return Err(PatternError::UnknownPlaceholder(other.to_string())),
                    });
                    rest = &after[end + 1..];
                }
                _ => return Err(PatternError::Unbalanced),
            }
        }
        Ok(NamePattern(pieces))
    }

    /// The image name for `volume` on `date` (`YYYYMMDD`).
    pub fn expand(&self, volume: &Volume, date: &str) -> String {
        self.0
            .iter()
            .map(|p| match p {
                Piece::Text(t) => t.as_str(),
                Piece::Name => volume.display_name(),
                Piece::Id => volume.id.as_str(),
                Piece::Date => date,
            })
            .collect()
    }
}

/// What a batch does with one disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// One POST will be sent.
    Eligible,
    /// In use and Force is not ticked: skipped.
    NeedsForce,
    /// Cannot be exported: skipped, with every reason.
    Refused(Vec<Refusal>),
}

/// Why a disk of a batch is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The disk's state or size.
    Blocked(BlockReason),
    /// Its image name (from the pattern) or its formats break a rule.
    Field(FieldError),
}

/// One disk of a batch: the name it gets, its verdict, and the request to send when
/// eligible.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanItem {
    pub volume: Volume,
    pub image_name: String,
    pub verdict: Verdict,
    pub request: Option<ExportRequest>,
}

/// The plan for `volumes`: `form` gives the formats and options (its name is replaced by
/// the pattern's), `offer_for` the formats each disk accepts, `date` the `{date}`.
pub fn plan_batch(
    volumes: &[Volume],
    pattern: &NamePattern,
    form: &ExportForm,
    offer_for: impl Fn(&Volume) -> FormatOffer,
    date: &str,
) -> Vec<PlanItem> {
    volumes
        .iter()
        .map(|v| {
            let image_name = pattern.expand(v, date);
            let disk_form = ExportForm {
                image_name: image_name.clone(),
                ..form.clone()
            };
            let check = export_check(v, form.dialect);
            let mut refusals: Vec<Refusal> = check
                .blockers
                .iter()
                .cloned()
                .map(Refusal::Blocked)
                .collect();
            let request = match disk_form.validate_with(&offer_for(v)) {
                Ok(r) => Some(r),
                Err(errors) => {
                    refusals.extend(errors.0.into_iter().map(Refusal::Field));
                    None
                }
            };
            let verdict = if !refusals.is_empty() {
                Verdict::Refused(refusals)
            } else if !check.allows(form.force) {
                Verdict::NeedsForce
            } else {
                Verdict::Eligible
            };
            PlanItem {
                request: request.filter(|_| verdict == Verdict::Eligible),
                volume: v.clone(),
                image_name,
                verdict,
            }
        })
        .collect()
}

/// How a finished batch went: exported (image active), failed (refused by the server, no
/// answer, or the image failed), and skipped before sending (needs force or refused).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct BatchSummary {
    pub done: usize,
    pub failed: usize,
    pub refused: usize,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{parse_volume, Dialect, NameError};

    fn vol(id: &str, name: &str, status: &str, size: u64) -> Volume {
        parse_volume(
            200,
            &format!(
                r#"{{"volume": {{"id": "{id}", "name": "{name}", "status": "{status}", "size": {size}}}}}"#
            ),
        )
        .unwrap()
    }

    #[test]
    fn patterns_expand_per_disk() {
        let p = NamePattern::parse(DEFAULT_PATTERN).unwrap();
        assert_eq!(
            p.expand(&vol("v1", "data-01", "available", 1), "20261207"),
            "data-01-20261207"
        );
        assert_eq!(
            p.expand(&vol("v2", "", "available", 1), "20261207"),
            "v2-20261207"
        );
        let p = NamePattern::parse("bk {id} {name}{name}").unwrap();
        assert_eq!(
            p.expand(&vol("v1", "数据盘", "available", 1), "d"),
            "bk v1 数据盘数据盘"
        );
        assert_eq!(
            NamePattern::parse("plain")
                .unwrap()
                .expand(&vol("v", "n", "available", 1), "d"),
            "plain"
        );
    }

    #[test]
    fn bad_patterns_say_why() {
        assert_eq!(NamePattern::parse("  "), Err(PatternError::Empty));
        assert_eq!(
            NamePattern::parse("{name}-{Date}"),
            Err(PatternError::UnknownPlaceholder("Date".into()))
        );
        for bad in ["{name", "name}", "{{name}}", "}{"] {
            assert_eq!(
                NamePattern::parse(bad),
                Err(PatternError::Unbalanced),
                "{bad}"
            );
        }
        assert!(PatternError::UnknownPlaceholder("x".into())
            .to_string()
            .contains("{x}"));
    }

    #[test]
    fn a_mixed_selection_gets_one_verdict_per_disk() {
        let disks = [
            vol("a", "data-01", "available", 40),
            vol("b", "db", "in-use", 40),
            vol("c", "broken", "error", 20),
            vol("d", "big", "available", 2048),
            vol("e", "bad name!", "available", 1),
        ];
        let form = ExportForm::new(Dialect::HuaweiEvs);
        let pattern = NamePattern::parse("{name}-{date}").unwrap();
        let plan = plan_batch(
            &disks,
            &pattern,
            &form,
            |_| FormatOffer::all(Dialect::HuaweiEvs),
            "20261207",
        );
        assert_eq!(plan[0].verdict, Verdict::Eligible);
        assert_eq!(
            plan[0].request.as_ref().unwrap().image_name().as_str(),
            "data-01-20261207"
        );
        assert_eq!(plan[1].verdict, Verdict::NeedsForce);
        assert!(plan[1].request.is_none());
        assert!(
            matches!(&plan[2].verdict, Verdict::Refused(r) if matches!(r[..], [Refusal::Blocked(BlockReason::ErrorState(_))]))
        );
        assert!(
            matches!(&plan[3].verdict, Verdict::Refused(r) if matches!(r[..], [Refusal::Blocked(BlockReason::TooLarge { size_gb: 2048 })]))
        );
        assert!(matches!(
            &plan[4].verdict,
            Verdict::Refused(r) if matches!(&r[..], [Refusal::Field(FieldError::Name(NameError::DisallowedChar { ch: '!', .. }))])
        ));
        // Force makes the in-use disk eligible.
        let forced = ExportForm {
            force: true,
            ..form
        };
        let plan = plan_batch(
            &disks,
            &pattern,
            &forced,
            |_| FormatOffer::all(Dialect::HuaweiEvs),
            "d",
        );
        assert_eq!(plan[1].verdict, Verdict::Eligible);
        assert!(plan[1].request.as_ref().unwrap().force());
    }

    #[test]
    fn each_disk_is_judged_by_its_own_offer() {
        let mut enc = vol("e", "enc", "available", 1);
        enc.encrypted = true;
        let disks = [vol("a", "plain", "available", 1), enc];
        let form = ExportForm {
            disk_format: "qcow2".into(),
            ..ExportForm::new(Dialect::OpenStackCinder)
        };
        let pattern = NamePattern::parse("{name}").unwrap();
        let plan = plan_batch(
            &disks,
            &pattern,
            &form,
            |v| FormatOffer::new(Dialect::OpenStackCinder, None, v.encrypted),
            "d",
        );
        assert_eq!(plan[0].verdict, Verdict::Eligible);
        assert!(
            matches!(&plan[1].verdict, Verdict::Refused(r) if matches!(&r[..], [Refusal::Field(FieldError::Withheld { .. })]))
        );
    }
}
