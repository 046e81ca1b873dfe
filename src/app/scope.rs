//! The lifetime of a view, for its futures: [`Scope::run`] drops a future when the view that
//! started it is cleaned up, and dropping a request's future aborts the request
//! (`platform::http`). One mechanism instead of a cancel flag checked after every await.

use std::sync::{Arc, Mutex};

use futures::channel::oneshot;
use futures::future::{select, Either, FutureExt, LocalBoxFuture, Shared};
use leptos::prelude::{on_cleanup, Owner};

/// Created during a component's setup; ends when that component's owner is cleaned up.
#[derive(Clone)]
pub struct Scope {
    ended: Shared<oneshot::Receiver<()>>,
    /// Held here only when there is no owner to end it (a plain test): it ends with the
    /// last clone then.
    _end: Arc<Mutex<Option<oneshot::Sender<()>>>>,
}

impl Scope {
    /// A scope tied to the current owner.
    pub fn new() -> Scope {
        let (tx, rx) = oneshot::channel();
        let end = Arc::new(Mutex::new(Some(tx)));
        if Owner::current().is_some() {
            let end = end.clone();
            on_cleanup(move || {
                if let Ok(mut tx) = end.lock() {
                    tx.take();
                }
            });
        }
        Scope {
            ended: rx.shared(),
            _end: end,
        }
    }

    /// Runs `fut` to completion, or drops it when the scope ends (then `None`).
    pub async fn run<'a, T>(&self, fut: impl std::future::Future<Output = T> + 'a) -> Option<T> {
        // Boxed: one `select` per output type, not one per future.
        let fut: LocalBoxFuture<'a, T> = Box::pin(fut);
        match select(fut, self.ended.clone()).await {
            Either::Left((value, _)) => Some(value),
            Either::Right(_) => None,
        }
    }
}

impl Default for Scope {
    fn default() -> Self {
        Scope::new()
    }
}
