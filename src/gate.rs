//! Whether the Export button may send, and if not, the one thing the operator should do
//! next. The rules themselves come from evs-model (form validation, `export_check`); this
//! only orders them for the button.

use evs_model::ExportCheck;

/// The state of the Export button.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gate {
    /// Everything is in place: one click sends one request.
    Ready,
    /// A request is in flight.
    Busy,
    /// No disk is picked.
    NoDisk,
    /// The picked disk cannot be exported (see the disk's explanation).
    DiskBlocked,
    /// The picked disk is in use and force is not ticked.
    NeedsForce,
    /// A form field has an error.
    FormInvalid,
}

impl Gate {
    pub fn is_ready(self) -> bool {
        self == Gate::Ready
    }
}

/// Decides the button's state, most pressing reason first.
pub fn export_gate(busy: bool, check: Option<&ExportCheck>, force: bool, form_valid: bool) -> Gate {
    match check {
        _ if busy => Gate::Busy,
        None => Gate::NoDisk,
        Some(c) if !c.exportable() => Gate::DiskBlocked,
        _ if !form_valid => Gate::FormInvalid,
        Some(c) if !c.allows(force) => Gate::NeedsForce,
        Some(_) => Gate::Ready,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use evs_model::{export_check, parse_volume, Dialect};

    fn check(status: &str, size: u64) -> ExportCheck {
        let v = parse_volume(
            200,
            &format!(r#"{{"volume": {{"id": "v", "status": "{status}", "size": {size}}}}}"#),
        )
        .unwrap();
        export_check(&v, Dialect::HuaweiEvs)
    }

    #[test]
    fn ready_only_when_everything_is_in_place() {
        let ok = check("available", 40);
        assert_eq!(export_gate(false, Some(&ok), false, true), Gate::Ready);
        assert!(export_gate(false, Some(&ok), true, true).is_ready());
        assert_eq!(export_gate(true, Some(&ok), false, true), Gate::Busy);
        assert_eq!(export_gate(false, None, false, true), Gate::NoDisk);
        assert_eq!(
            export_gate(false, Some(&ok), false, false),
            Gate::FormInvalid
        );
    }

    #[test]
    fn disk_rules_come_from_export_check() {
        let in_use = check("in-use", 40);
        assert_eq!(
            export_gate(false, Some(&in_use), false, true),
            Gate::NeedsForce
        );
        assert_eq!(export_gate(false, Some(&in_use), true, true), Gate::Ready);
        for blocked in [
            check("error", 40),
            check("uploading", 40),
            check("available", 2048),
        ] {
            assert_eq!(
                export_gate(false, Some(&blocked), true, true),
                Gate::DiskBlocked
            );
        }
    }
}
