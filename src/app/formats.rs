//! The formats this cloud accepts: the image service's schema (a `LocalResource`, read once
//! per connection, Cinder only) and, with the picked disk, evs-model's [`FormatOffer`]. The
//! form's choices follow the offer: a withheld choice moves to the preselected one.

use evs_model::{ApiError, DeployedFormats, Dialect, ExportForm, FormatOffer, Volume};
use leptos::prelude::*;

use super::connection::Connection;
use super::scope::Scope;

/// What reading the schema gave: nothing while not connected or not Cinder, else the
/// deployed formats or why they could not be read.
pub type SchemaResult = Option<Result<DeployedFormats, ApiError>>;

/// The formats of one console.
#[derive(Clone, Copy)]
pub struct Formats {
    /// `GET {ims}/v2/schemas/image`, again when the connection changes.
    pub schema: LocalResource<SchemaResult>,
    /// The offer for the picked disk (the dialect's lists until the schema is read).
    pub offer: Memo<FormatOffer>,
    dialect: RwSignal<Dialect>,
}

impl Formats {
    /// The formats for `conn`, for the disk in `disk`; `reload` reads the schema again (the
    /// connection was applied).
    pub fn new(conn: Connection, disk: Signal<Option<Volume>>, reload: Trigger) -> Formats {
        let scope = Scope::new();
        let schema = LocalResource::new(move || {
            reload.track();
            let dialect = conn.dialect.get();
            let client = (dialect == Dialect::OpenStackCinder && conn.is_ready_untracked())
                .then(|| conn.client().ok())
                .flatten();
            let scope = scope.clone();
            async move {
                let client = client?;
                scope.run(client.image_schema()).await
            }
        });
        let offer = Memo::new(move |_| {
            let dialect = conn.dialect.get();
            let encrypted = disk.with(|d| d.as_ref().is_some_and(|v| v.encrypted));
            schema.with(|s| FormatOffer::new(dialect, deployed(s), encrypted))
        });
        Formats {
            schema,
            offer,
            dialect: conn.dialect,
        }
    }

    /// The offer for an unencrypted disk (a batch's menus; each disk is judged by its own).
    pub fn general(&self) -> FormatOffer {
        self.offer_with(false)
    }

    /// The offer for any disk (a batch judges each disk by its own).
    pub fn offer_for(&self, disk: &Volume) -> FormatOffer {
        self.offer_with(disk.encrypted)
    }

    /// The dialect's formats, narrowed by the deployed schema once read.
    fn offer_with(&self, encrypted: bool) -> FormatOffer {
        let dialect = self.dialect.get();
        self.schema
            .with(|s| FormatOffer::new(dialect, deployed(s), encrypted))
    }

    /// Why the schema could not be read (the lists are then the dialect's own).
    pub fn schema_error(&self) -> Option<ApiError> {
        self.schema.with(|s| {
            s.as_ref()
                .and_then(|s| s.as_ref())
                .and_then(|s| s.as_ref().err().cloned())
        })
    }

    /// Keeps `form`'s format choices on offered ones whenever the offer changes.
    pub fn keep_fitted(&self, form: RwSignal<ExportForm>) {
        let offer = self.offer;
        Effect::new(move |_| {
            offer.with(|o| {
                if form.with_untracked(|f| !o.check(f).is_empty()) {
                    form.update(|f| {
                        o.fit(f);
                    });
                }
            });
        });
    }
}

/// The deployed formats, once the schema was read (not before, not after a failure).
fn deployed(
    schema: &Option<Option<Result<DeployedFormats, ApiError>>>,
) -> Option<&DeployedFormats> {
    schema.as_ref()?.as_ref()?.as_ref().ok()
}
