//! The project's disks: one page at a time (a `LocalResource` keyed by the page's marker and
//! the search), the filter, and reading one disk again (an `Action`).
//!
//! The filter searches every disk of the project: typed text goes to the server (debounced)
//! as the dialect's name filter (Cinder's `name~` from microversion 3.34, Huawei's `name`);
//! a whole disk id is read directly. A cloud that refuses the filter (400, or 406: older
//! than 3.34) gets the page's own filter instead, and the page says so.

use std::time::Duration;

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
    /// The filter text, as typed.
    pub filter: RwSignal<String>,
    /// The search sent to the server: the filter text after [`SEARCH_DEBOUNCE_MS`] of quiet.
    pub search: RwSignal<String>,
    /// Whether the server filters, or why the page's own filter stands in.
    pub mode: RwSignal<SearchMode>,
    /// A page is loading (set by the view's `Transition`).
    pub loading: RwSignal<bool>,
}

/// How long typing must pause before the search goes to the server.
pub const SEARCH_DEBOUNCE_MS: u64 = 300;

/// Who filters the disk list.
#[derive(Debug, Clone, PartialEq)]
pub enum SearchMode {
    /// The server, over every disk of the project.
    Server,
    /// The page's own filter, over the page shown: the server refused the name filter.
    PageOnly(ApiError),
}

impl DiskList {
    /// The list of `conn`'s project; `enabled: false` (the portal picked the disk) loads
    /// nothing.
    pub fn new(conn: Connection, enabled: bool) -> DiskList {
        let scope = Scope::new();
        let markers = RwSignal::new(vec![None::<VolumeId>]);
        let search = RwSignal::new(String::new());
        let mode = RwSignal::new(SearchMode::Server);
        let page = LocalResource::new(move || {
            let marker = markers.with(|m| m.last().cloned().flatten());
            let text = search.get();
            let client = (enabled && conn.is_ready_untracked())
                .then(|| conn.client().ok())
                .flatten();
            let (scope, size) = (scope.clone(), conn.page_size);
            let server = mode.with_untracked(|m| m == &SearchMode::Server);
            async move {
                let client = client?;
                let load = async move {
                    if !server || text.trim().is_empty() {
                        return client.list_volumes(marker.as_ref(), size, "").await;
                    }
                    if let Some(id) = VolumeId::from_uuid_text(&text) {
                        // The name filters do not match ids: read that disk.
                        return match client.volume(&id).await {
                            Ok(v) => Ok(VolumePage {
                                volumes: vec![v],
                                ..VolumePage::default()
                            }),
                            Err(e) if e.status() == 404 => Ok(VolumePage::default()),
                            Err(e) => Err(e),
                        };
                    }
                    match client.list_volumes(marker.as_ref(), size, &text).await {
                        Err(e) if client.dialect.search_unsupported(e.status()) => {
                            mode.try_set(SearchMode::PageOnly(e));
                            client.list_volumes(marker.as_ref(), size, "").await
                        }
                        other => other,
                    }
                };
                scope.run(load).await
            }
        });
        let filter = RwSignal::new(String::new());
        // The search follows the filter once typing pauses; a new search starts at page 1.
        let timer = StoredValue::new(None::<TimeoutHandle>);
        Effect::new(move |_| {
            let text = filter.get();
            if let Some(t) = timer.get_value() {
                t.clear();
            }
            let handle = set_timeout_with_handle(
                move || {
                    if search.get_untracked() != text {
                        search.set(text);
                        markers.set(vec![None]);
                    }
                },
                Duration::from_millis(SEARCH_DEBOUNCE_MS),
            )
            .ok();
            timer.set_value(handle);
        });
        on_cleanup(move || {
            if let Some(Some(t)) = timer.try_get_value() {
                t.clear();
            }
        });
        DiskList {
            page,
            markers,
            filter,
            search,
            mode,
            loading: RwSignal::new(false),
        }
    }

    /// Back to the first page, filter cleared, the server asked to filter again (the
    /// connection changed).
    pub fn reload(&self) {
        self.filter.set(String::new());
        self.search.set(String::new());
        self.mode.set(SearchMode::Server);
        // Setting the markers always notifies: the first page is fetched again.
        self.markers.set(vec![None]);
    }

    /// Whether the server is searching for the filter text (every disk of the project).
    pub fn searching_server(&self) -> bool {
        self.mode.with(|m| m == &SearchMode::Server) && self.search.with(|s| !s.trim().is_empty())
    }

    /// Why the page's own filter stands in for the server's, if it does.
    pub fn fallback(&self) -> Option<ApiError> {
        self.mode.with(|m| match m {
            SearchMode::PageOnly(e) => Some(e.clone()),
            SearchMode::Server => None,
        })
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
