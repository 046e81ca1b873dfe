//! The image's own metadata: the optional fields (validated with evs-model as you type), and
//! setting them on the image once it is active (an `Action`, dispatched once). The export
//! never waits on them: they are sent after the image exists and is usable.

use evs_model::{
    ApiError, Dialect, Image, ImageId, ImageMetadata, MetadataError, MetadataField, MetadataForm,
};
use leptos::prelude::*;

use super::connection::Connection;
use super::progress::{End, Follow};
use super::scope::Scope;

/// The metadata fields of one console.
#[derive(Clone, Copy)]
pub struct MetadataState {
    pub form: RwSignal<MetadataForm>,
    /// `Ok(None)`: nothing filled in.
    pub validation: Memo<Result<Option<ImageMetadata>, Vec<MetadataError>>>,
}

impl MetadataState {
    pub fn new(form: RwSignal<MetadataForm>, dialect: Signal<Dialect>) -> MetadataState {
        let validation = Memo::new(move |_| form.with(|f| f.validate(dialect.get())));
        MetadataState { form, validation }
    }

    /// The errors of one field.
    pub fn errors(&self, field: MetadataField) -> Vec<MetadataError> {
        self.validation.with(|v| match v {
            Err(errors) => errors
                .iter()
                .filter(|e| e.field() == field)
                .cloned()
                .collect(),
            Ok(_) => Vec::new(),
        })
    }

    /// The first field with an error (where focus goes when Export is refused).
    pub fn first_error(&self) -> Option<MetadataField> {
        self.validation.with_untracked(|v| {
            v.as_ref()
                .err()
                .and_then(|e| e.first().map(MetadataError::field))
        })
    }

    pub fn is_valid(&self) -> bool {
        self.validation.with(Result::is_ok)
    }
}

/// The id of a metadata field's control in the console whose ids start with `prefix`.
pub fn metadata_field_id(prefix: &str, field: MetadataField) -> String {
    let suffix = match field {
        MetadataField::Description => "meta-description",
        MetadataField::Tags => "meta-tags",
        MetadataField::MinDisk => "meta-min-disk",
        MetadataField::MinRam => "meta-min-ram",
        MetadataField::OsDistro => "meta-os-distro",
        MetadataField::OsVersion => "meta-os-version",
    };
    [prefix, "-", suffix].concat()
}

/// Where setting the metadata stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Applying {
    /// Waiting for the image to become active.
    Waiting,
    /// The PATCH is in flight.
    Sending,
    /// Set; the image as the image service answered.
    Applied(Box<Image>),
    /// Refused or failed (the image itself is fine).
    Failed(ApiError),
    /// Not sent: the export did not end with an active image.
    Skipped,
}

/// Sets `metadata` on `image_id` once `follow` says the image is active: one request (the
/// patch, built from the attributes of the reading that showed it active), never repeated.
/// Belongs to the calling owner (the result view).
pub fn apply_when_active(
    conn: Connection,
    image_id: ImageId,
    metadata: ImageMetadata,
    follow: Follow,
) -> Signal<Applying> {
    let end = follow.end;
    let scope = Scope::new();
    let action = Action::new_local(move |_: &()| {
        let (client, id, meta, scope) = (
            conn.client(),
            image_id.clone(),
            metadata.clone(),
            scope.clone(),
        );
        async move {
            let client = client?;
            let keys = follow.image_keys.get_value();
            scope
                .run(async move { client.set_image_metadata(&id, &meta, &keys).await })
                .await
                .unwrap_or_else(|| Err(ApiError::aborted()))
        }
    });
    let sent = StoredValue::new(false);
    Effect::new(move |_| {
        if end.with(|e| e == &Some(End::Active)) && !sent.get_value() {
            sent.set_value(true);
            action.dispatch_local(());
        }
    });
    Signal::derive(move || {
        if action.pending().get() {
            return Applying::Sending;
        }
        if let Some(result) = action.value().get() {
            return match result {
                Ok(image) => Applying::Applied(Box::new(image)),
                Err(e) => Applying::Failed(e),
            };
        }
        match end.get() {
            None | Some(End::Active) => Applying::Waiting,
            Some(_) => Applying::Skipped,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_ids_are_unique() {
        let mut ids: Vec<String> = MetadataField::ALL
            .iter()
            .map(|f| metadata_field_id("evs1", *f))
            .collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), MetadataField::ALL.len());
    }
}
