//! The console's components, one per file: markup and wiring only. State and logic come
//! from `app`; every word from `i18n`; sizes and times from `present`.

mod batch_form;
mod batch_result;
mod cancel_export;
mod confirm_delete;
mod console;
mod copy_button;
mod dialect_fields;
mod disk_notice;
mod disk_picker;
mod disk_table;
mod disk_toolbar;
mod error_panel;
mod export_form;
mod failure_reason;
mod format_fields;
mod language_menu;
mod leftover_images;
mod local_time;
mod metadata_fields;
mod metadata_result;
mod name_field;
mod progress;
mod request_view;
mod result_section;
mod result_view;
mod session_bar;
mod settings;
mod sign_in;
mod stages;
mod volume_type_view;

pub use batch_form::BatchFormView;
pub use batch_result::BatchResult;
pub use cancel_export::CancelExport;
pub use confirm_delete::ConfirmDelete;
pub use console::ExportConsole;
pub use copy_button::CopyButton;
pub use dialect_fields::DialectFields;
pub use disk_notice::DiskNotice;
pub use disk_picker::DiskPicker;
pub use disk_table::DiskTable;
pub use disk_toolbar::DiskToolbar;
pub use error_panel::ErrorPanel;
pub use export_form::ExportFormView;
pub use failure_reason::FailureReason;
pub use format_fields::FormatFields;
pub use language_menu::LanguageMenu;
pub use leftover_images::LeftoverImages;
pub use local_time::LocalTime;
pub use metadata_fields::MetadataFields;
pub use metadata_result::MetadataResult;
pub use name_field::NameField;
pub use progress::Progress;
pub use request_view::RequestView;
pub use result_section::ResultSection;
pub use result_view::ResultView;
pub use session_bar::SessionBar;
pub use settings::Settings;
pub use sign_in::SignIn;
pub use stages::Stages;
pub use volume_type_view::VolumeTypeView;

use evs_model::FormField;
use leptos::prelude::*;

use crate::app::form::{FormState, Gate};
use crate::app::lang;
use crate::i18n::{Localize, Message, Msg};

/// A message that follows the language: `{t(Msg::Title)}` in a view (any message table).
pub fn t(m: impl Message) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let l = lang();
    move || m.get(l.get())
}

/// Why Export is disabled, or what it will do.
pub fn gate_msg(g: Gate) -> Msg {
    match g {
        Gate::Ready => Msg::GateReady,
        Gate::Busy => Msg::GateBusy,
        Gate::NoDisk => Msg::GateNoDisk,
        Gate::DiskBlocked => Msg::GateBlocked,
        Gate::NeedsForce => Msg::GateForce,
        Gate::FormInvalid => Msg::GateInvalid,
        Gate::MetadataInvalid => Msg::GateMetadata,
    }
}

/// The messages of one field, in the console's language.
pub(crate) fn field_errors(state: FormState, field: FormField) -> Vec<String> {
    let l = lang().get();
    state.errors(field).iter().map(|e| e.localize(l)).collect()
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
