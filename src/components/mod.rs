//! The console's components, one per file.

mod console;
mod copy_button;
mod dialect_fields;
mod disk_notice;
mod disk_picker;
mod disk_table;
mod disk_toolbar;
mod error_panel;
mod export_form;
mod follow;
mod format_fields;
mod local_time;
mod name_field;
mod progress;
mod request_view;
mod result_section;
mod result_view;
mod settings;
mod stages;
mod volume_type_view;

pub use console::ExportConsole;
pub use copy_button::CopyButton;
pub use dialect_fields::DialectFields;
pub use disk_notice::DiskNotice;
pub use disk_picker::DiskPicker;
pub use disk_table::DiskTable;
pub use disk_toolbar::DiskToolbar;
pub use error_panel::ErrorPanel;
pub use export_form::ExportFormView;
pub use format_fields::FormatFields;
pub use local_time::LocalTime;
pub use name_field::NameField;
pub use progress::Progress;
pub use request_view::RequestView;
pub use result_view::ResultView;
pub use settings::Settings;
pub use stages::Stages;
pub use volume_type_view::VolumeTypeView;

use evs_model::{ExportRequest, FormErrors, FormField};
use leptos::prelude::*;

/// The form's validation result, as every field component reads it.
pub type Validation = Memo<Result<ExportRequest, FormErrors>>;

/// The messages of one field, from evs-model's validation, in the console's language.
pub(crate) fn field_errors(validation: Validation, field: FormField) -> Vec<String> {
    let l = crate::text::lang().get();
    validation.with(|v| match v {
        Err(errors) => errors
            .for_field(field)
            .map(|e| crate::l10n::field_error(e, l))
            .collect(),
        Ok(_) => Vec::new(),
    })
}

/// A field's error list (`id` is what `aria-describedby` points at).
pub(crate) fn error_list(
    id: String,
    errors: impl Fn() -> Vec<String> + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <ul id=id class="evs-errors">
            {move || errors().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}
        </ul>
    }
}
