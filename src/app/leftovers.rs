//! Leftover images: the project's images that exports left behind, found through the image
//! service (`GET {ims}/v2/images?status=queued&owner={project}`, every page) and kept when
//! `evs_model::leftover_age` says so (queued, untouched for over an hour). Each can be
//! deleted (`DELETE {ims}/v2/images/{id}`).
//!
//! The list is a `LocalResource` that asks only once the view is opened (and again on
//! Refresh); the deletes are an `Action` per console, one image at a time.

use evs_model::{
    leftover_age, ApiError, DeleteRefusal, Image, ImageDeleted, ImageId, ImageStatus,
    LEFTOVER_AFTER_MS,
};
use leptos::prelude::*;

use super::connection::Connection;
use super::scope::Scope;
use crate::platform::dom;

/// One leftover image and its age.
#[derive(Debug, Clone, PartialEq)]
pub struct Leftover {
    pub image: Image,
    /// Milliseconds since the image was created.
    pub age_ms: i64,
}

/// Images per page, and the most pages read (a runaway `next` link cannot loop forever).
const PAGE: u32 = 100;
const MAX_PAGES: usize = 20;

/// `list` ordered by age, oldest first (stable).
fn oldest_first(mut list: Vec<Leftover>) -> Vec<Leftover> {
    evs_model::sort_short_by_key(&mut list, |l| std::cmp::Reverse(l.age_ms));
    list
}

/// The outcome of one delete: the image and what the service did.
pub type DeleteResult = (ImageId, Result<ImageDeleted, (DeleteRefusal, ApiError)>);

/// The leftover images of one console.
#[derive(Clone, Copy)]
pub struct Leftovers {
    /// The operator opened the view (nothing is asked before).
    pub opened: RwSignal<bool>,
    refresh: RwSignal<u32>,
    list: LocalResource<Option<Result<Vec<Leftover>, ApiError>>>,
    delete: Action<ImageId, DeleteResult>,
    /// The image whose delete is being confirmed.
    pub confirming: RwSignal<Option<ImageId>>,
    /// Images deleted (or found gone) since the list was read.
    gone: RwSignal<Vec<ImageId>>,
}

impl Leftovers {
    pub fn new(conn: Connection) -> Leftovers {
        let opened = RwSignal::new(false);
        let refresh = RwSignal::new(0u32);
        let scope = Scope::new();
        let list = LocalResource::new({
            let scope = scope.clone();
            move || {
                let open = opened.get();
                refresh.track();
                let (client, scope) = (conn.client(), scope.clone());
                async move {
                    if !open {
                        return None;
                    }
                    let read = async move {
                        let client = client?;
                        let mut found = Vec::new();
                        let mut marker: Option<String> = None;
                        for _ in 0..MAX_PAGES {
                            let page = client
                                .list_images(&ImageStatus::Queued, marker.as_deref(), PAGE)
                                .await?;
                            let now = dom::now_ms() as i64;
                            found.extend(page.images.into_iter().filter_map(|image| {
                                leftover_age(&image, &client.project, now, LEFTOVER_AFTER_MS)
                                    .map(|age_ms| Leftover { image, age_ms })
                            }));
                            marker = page.next_marker;
                            if marker.is_none() {
                                break;
                            }
                        }
                        Ok(oldest_first(found))
                    };
                    scope.run(read).await
                }
            }
        });
        let gone = RwSignal::new(Vec::<ImageId>::new());
        let delete = Action::new_local(move |id: &ImageId| {
            let (client, scope, id) = (conn.client(), scope.clone(), id.clone());
            async move {
                let run = async {
                    match client {
                        Ok(c) => c.delete_image(&id).await,
                        Err(e) => Err((DeleteRefusal::Failed, e)),
                    }
                };
                let result = scope
                    .run(run)
                    .await
                    .unwrap_or_else(|| Err((DeleteRefusal::Failed, ApiError::aborted())));
                if result.is_ok() {
                    gone.try_update(|g| g.push(id.clone()));
                }
                (id, result)
            }
        });
        Leftovers {
            opened,
            refresh,
            list,
            delete,
            confirming: RwSignal::new(None),
            gone,
        }
    }

    /// Opens the view (the first time) or reads the list again.
    pub fn load(&self) {
        if self.opened.get_untracked() {
            self.refresh.update(|n| *n += 1);
        } else {
            self.opened.set(true);
        }
    }

    /// The list, without the images deleted (or found gone) since it was read: `None` while
    /// it is read (or before the view was opened).
    pub fn list(&self) -> Option<Result<Vec<Leftover>, ApiError>> {
        let gone = self.gone;
        self.list.get().flatten().map(|found| {
            found.map(|list| {
                gone.with(|g| {
                    list.into_iter()
                        .filter(|x| !g.contains(&x.image.id))
                        .collect()
                })
            })
        })
    }

    /// The list is being read.
    pub fn loading(&self) -> bool {
        self.opened.get() && self.list.with(|l| l.as_ref().is_none_or(Option::is_none))
    }

    /// Deletes `id` (after the confirmation); one delete at a time.
    pub fn delete(&self, id: ImageId) {
        if self.delete.pending().get_untracked() {
            return;
        }
        self.confirming.set(None);
        self.delete.dispatch_local(id);
    }

    /// The image being deleted.
    pub fn deleting(&self) -> Option<ImageId> {
        self.delete.input().get()
    }

    /// The last delete's outcome.
    pub fn last(&self) -> Option<DeleteResult> {
        self.delete.value().get()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftover(id: &str, age_ms: i64) -> Leftover {
        let body = format!(r#"{{"id": "{id}", "status": "queued"}}"#);
        Leftover {
            image: evs_model::parse_image(200, &body).unwrap(),
            age_ms,
        }
    }

    #[test]
    fn oldest_first_and_ties_in_the_order_listed() {
        let list = vec![
            leftover("a", 5),
            leftover("b", 90),
            leftover("c", 5),
            leftover("d", 3_600_001),
        ];
        let ids: Vec<String> = oldest_first(list)
            .iter()
            .map(|l| l.image.id.to_string())
            .collect();
        assert_eq!(ids, ["d", "b", "a", "c"]);
    }
}
