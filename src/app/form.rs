//! The export form's state: the fields, their validation (evs-model's rules), what the
//! picked disk allows, and whether the Export button may send — and if not, the one thing
//! the operator should do next. Field ids are made here from [`FormField`].

use evs_model::{
    export_check, Dialect, ExportCheck, ExportForm, ExportRequest, FormErrors, FormField,
    FormatOffer, Volume,
};
use leptos::prelude::*;

/// The form's validation result, as every field reads it.
pub type Validation = Memo<Result<ExportRequest, FormErrors>>;

/// The form of one console.
#[derive(Clone, Copy)]
pub struct FormState {
    pub form: RwSignal<ExportForm>,
    /// The formats this cloud accepts for the picked disk (`app::formats`).
    pub offer: Signal<FormatOffer>,
    pub validation: Validation,
    /// What the picked disk allows (`None`: no disk picked).
    pub check: Memo<Option<ExportCheck>>,
    pub gate: Memo<Gate>,
    /// The name field was typed in, or Export was tried: show its errors.
    pub touched: RwSignal<bool>,
}

impl FormState {
    /// The form for `disk`; `busy` while an export is in flight; `offer` the formats this
    /// cloud accepts for the disk (validated against too).
    pub fn new(
        form: RwSignal<ExportForm>,
        disk: Signal<Option<Volume>>,
        busy: Signal<bool>,
        offer: Signal<FormatOffer>,
        metadata_ok: Signal<bool>,
    ) -> FormState {
        let validation = Memo::new(move |_| offer.with(|o| form.with(|f| f.validate_with(o))));
        let check = Memo::new(move |_| {
            let dialect = form.with(|f| f.dialect);
            disk.with(|d| d.as_ref().map(|v| export_check(v, dialect)))
        });
        let gate = Memo::new(move |_| {
            let gate = check.with(|c| {
                export_gate(
                    busy.get(),
                    c.as_ref(),
                    form.with(|f| f.force),
                    validation.with(Result::is_ok),
                )
            });
            if gate.is_ready() && !metadata_ok.get() {
                Gate::MetadataInvalid
            } else {
                gate
            }
        });
        FormState {
            form,
            offer,
            validation,
            check,
            gate,
            touched: RwSignal::new(false),
        }
    }

    /// The errors of one field (none while the form is valid).
    pub fn errors(&self, field: FormField) -> Vec<evs_model::FieldError> {
        self.validation.with(|v| match v {
            Err(errors) => errors.for_field(field).cloned().collect(),
            Ok(_) => Vec::new(),
        })
    }

    /// The field to move focus to when Export is refused, if one is to blame.
    pub fn field_to_correct(&self) -> Option<FormField> {
        match self.gate.get_untracked() {
            Gate::FormInvalid => self
                .validation
                .with_untracked(|v| v.as_ref().err().and_then(FormErrors::first_field)),
            Gate::NeedsForce => Some(FormField::Force),
            _ => None,
        }
    }
}

/// A fresh form for `dialect`, keeping the name already typed.
pub fn switch_dialect(form: &mut ExportForm, dialect: Dialect) {
    let name = std::mem::take(&mut form.image_name);
    *form = ExportForm {
        image_name: name,
        ..ExportForm::new(dialect)
    };
}

/// The id of a field's control in the console whose ids start with `prefix`.
pub fn field_id(prefix: &str, field: FormField) -> String {
    let suffix = match field {
        FormField::ImageName => "name",
        FormField::DiskFormat => "disk-format",
        FormField::ContainerFormat => "container-format",
        FormField::Force => "force",
        FormField::OsType => "os",
        FormField::Visibility => "vis",
        FormField::Protected => "protected",
    };
    [prefix, "-", suffix].concat()
}

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
    /// An image-metadata field has an error.
    MetadataInvalid,
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
    use evs_model::parse_volume;

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

    #[test]
    fn field_ids_are_unique() {
        let all = [
            FormField::ImageName,
            FormField::DiskFormat,
            FormField::ContainerFormat,
            FormField::Force,
            FormField::OsType,
            FormField::Visibility,
            FormField::Protected,
        ];
        let mut ids: Vec<String> = all.iter().map(|f| field_id("evs1", *f)).collect();
        assert_eq!(ids[0], "evs1-name");
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), all.len());
    }

    #[test]
    fn a_new_dialect_keeps_the_name() {
        let mut form = ExportForm::new(Dialect::HuaweiEvs);
        form.image_name = "keep".into();
        form.disk_format = "zvhd2".into();
        switch_dialect(&mut form, Dialect::OpenStackCinder);
        assert_eq!(form.image_name, "keep");
        assert_eq!(form.dialect, Dialect::OpenStackCinder);
        assert_eq!(form.disk_format, "raw");
    }
}
