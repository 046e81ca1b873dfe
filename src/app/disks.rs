//! The project's disks: one page at a time (a `LocalResource` keyed by the page's marker),
//! the filter, and reading one disk again (an `Action`).

use evs_model::{ApiError, Volume, VolumeId, VolumePage};
use leptos::prelude::*;

use super::connection::Connection;
use super::scope::Scope;
use crate::present;

/// What loading a page gave: nothing while not connected, else the page or why not.
pub type PageResult = Option<Result<VolumePage, ApiError>>;

/// The disk list of one console.
#[derive(Clone, Copy)]
pub struct DiskList {
    /// The page shown (refetched when `markers` changes, or on [`DiskList::refresh`]).
    pub page: LocalResource<PageResult>,
    /// `markers[i]` loads page `i + 1`; the last one is the page shown.
    markers: RwSignal<Vec<Option<VolumeId>>>,
    /// The filter text (applied to the page shown).
    pub filter: RwSignal<String>,
    /// A page is loading (set by the view's `Transition`).
    pub loading: RwSignal<bool>,
}

impl DiskList {
    /// The list of `conn`'s project; `enabled: false` (the portal picked the disk) loads
    /// nothing.
    pub fn new(conn: Connection, enabled: bool) -> DiskList {
        let scope = Scope::new();
        let markers = RwSignal::new(vec![None::<VolumeId>]);
        let page = LocalResource::new(move || {
            let marker = markers.with(|m| m.last().cloned().flatten());
            let client = (enabled && conn.is_ready_untracked())
                .then(|| conn.client().ok())
                .flatten();
            let (scope, size) = (scope.clone(), conn.page_size);
            async move {
                let client = client?;
                scope.run(client.list_volumes(marker.as_ref(), size)).await
            }
        });
        DiskList {
            page,
            markers,
            filter: RwSignal::new(String::new()),
            loading: RwSignal::new(false),
        }
    }

    /// Back to the first page, filter cleared (the connection changed).
    pub fn reload(&self) {
        self.filter.set(String::new());
        // Setting the markers always notifies: the first page is fetched again.
        self.markers.set(vec![None]);
    }

    /// The page shown, again.
    pub fn refresh(&self) {
        self.page.refetch();
    }

    /// The next page, if there is one.
    pub fn next(&self) {
        let next = self.page.with_untracked(|p| {
            p.as_ref()
                .and_then(|p| p.as_ref())
                .and_then(|p| p.as_ref().ok())
                .and_then(|p| p.next_marker.clone())
        });
        if let Some(m) = next {
            self.markers.update(|ms| ms.push(Some(m)));
        }
    }

    /// The previous page.
    pub fn prev(&self) {
        if self.markers.with_untracked(Vec::len) > 1 {
            self.markers.update(|ms| {
                ms.pop();
            });
        }
    }

    /// The number of the page shown, from 1.
    pub fn page_no(&self) -> usize {
        self.markers.with(Vec::len)
    }

    pub fn can_prev(&self) -> bool {
        !self.loading.get() && self.markers.with(|m| m.len() > 1)
    }

    pub fn can_next(&self) -> bool {
        !self.loading.get() && self.with_page(|p| p.is_some_and(|p| p.next_marker.is_some()))
    }

    /// Reads the loaded page, if there is one.
    pub fn with_page<T>(&self, f: impl FnOnce(Option<&VolumePage>) -> T) -> T {
        self.page.with(|p| {
            f(p.as_ref()
                .and_then(|p| p.as_ref())
                .and_then(|p| p.as_ref().ok()))
        })
    }

    /// The error of the last load, if it failed.
    pub fn error(&self) -> Option<ApiError> {
        self.page.with(|p| {
            p.as_ref()
                .and_then(|p| p.as_ref())
                .and_then(|p| p.as_ref().err().cloned())
        })
    }

    /// The disks of the page that match the filter.
    pub fn shown(&self) -> Vec<Volume> {
        let needle = self.filter.get();
        self.with_page(|p| {
            p.map_or_else(Vec::new, |p| {
                p.volumes
                    .iter()
                    .filter(|v| present::matches(v, &needle))
                    .cloned()
                    .collect()
            })
        })
    }
}

/// Reads one disk (the preset one, or the picked one again): an `Action` whose value is the
/// last answer.
pub fn read_disk(conn: Connection) -> Action<VolumeId, Result<Volume, ApiError>> {
    let scope = Scope::new();
    Action::new_local(move |id: &VolumeId| {
        let (client, id, scope) = (conn.client(), id.clone(), scope.clone());
        async move {
            let client = client?;
            scope
                .run(async move { client.volume(&id).await })
                .await
                .unwrap_or_else(|| Err(ApiError::aborted()))
        }
    })
}
