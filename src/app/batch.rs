//! Several disks at once: the picked disks, the name pattern, evs-model's plan (one verdict
//! per disk), and the run — one POST per eligible disk, one after another (never in
//! parallel, never retried), each row then followed by its own progress view.

use evs_model::{
    plan_batch, utc_date_compact, ApiError, BatchSummary, ExportForm, ExportedImage, NamePattern,
    PatternError, PlanItem, Verdict, Volume, VolumeStatus,
};
use leptos::prelude::*;

use super::connection::Connection;
use super::events::{BatchDisk, Events};
use super::formats::Formats;
use super::progress::End;
use super::scope::Scope;
use crate::platform::dom;

/// Where one disk of a run stands.
#[derive(Debug, Clone, PartialEq)]
pub enum RowState {
    /// Not sent: the plan refused it or it needs force.
    Skipped,
    /// Waiting for the disks before it.
    Waiting,
    /// Its POST is in flight.
    Sending,
    /// Accepted (202); the progress view follows it.
    Accepted(Box<ExportedImage>),
    /// The POST was refused or got no answer.
    Failed(ApiError),
}

/// One disk of a run.
#[derive(Clone)]
pub struct BatchRow {
    pub item: PlanItem,
    pub state: RwSignal<RowState>,
    /// How its image ended (set by the row's progress view).
    pub end: RwSignal<Option<End>>,
}

impl BatchRow {
    /// The row's result for the host (`evs-batch-finished`), once it has one.
    fn result(&self) -> BatchDisk {
        let (image_id, result) = match (self.state.get_untracked(), self.end.get_untracked()) {
            (RowState::Accepted(img), Some(End::Active)) => (Some(img.image_id), "done"),
            (RowState::Accepted(img), _) => (Some(img.image_id), "failed"),
            (RowState::Skipped, _) => (None, "refused"),
            _ => (None, "failed"),
        };
        BatchDisk {
            volume_id: self.item.volume.id.clone(),
            image_name: self.item.image_name.clone(),
            image_id,
            result,
        }
    }
}

/// Several disks of one console.
#[derive(Clone, Copy)]
pub struct Batch {
    /// "Export several disks" is ticked (set with [`Batch::set_on`]).
    on: RwSignal<bool>,
    /// The picked disks (kept across pages and searches).
    pub picked: RwSignal<Vec<Volume>>,
    /// The image name pattern, as typed.
    pub pattern: RwSignal<String>,
    /// The `{date}` (UTC), taken when the batch view opens and again at each run.
    pub date: RwSignal<String>,
    pub plan: Memo<Result<Vec<PlanItem>, PatternError>>,
    /// The last run's rows.
    pub rows: RwSignal<Vec<BatchRow>>,
    action: Action<Vec<BatchRow>, ()>,
}

impl Batch {
    pub fn new(conn: Connection, form: RwSignal<ExportForm>, formats: Formats) -> Batch {
        let picked = RwSignal::new(Vec::<Volume>::new());
        let pattern = RwSignal::new(evs_model::DEFAULT_PATTERN.to_string());
        // Taken when the batch view opens (not at construction: the first screen is also
        // rendered natively at build time, where there is no clock to ask).
        let date = RwSignal::new(String::new());
        let plan = Memo::new(move |_| {
            let pattern = pattern.with(|p| NamePattern::parse(p))?;
            let date = date.get();
            Ok(form.with(|f| {
                picked.with(|disks| plan_batch(disks, &pattern, f, |v| formats.offer_for(v), &date))
            }))
        });
        let (scope, events) = (Scope::new(), Events::from_context());
        let action = Action::new_local(move |rows: &Vec<BatchRow>| {
            let (rows, client, scope, events) =
                (rows.clone(), conn.client(), scope.clone(), events.clone());
            async move {
                let run = async {
                    for row in rows.iter() {
                        let Some(request) = &row.item.request else {
                            continue;
                        };
                        let client = match &client {
                            Ok(c) => c,
                            Err(e) => {
                                row.state.try_set(RowState::Failed(e.clone()));
                                continue;
                            }
                        };
                        row.state.try_set(RowState::Sending);
                        let mut call = client.export(&row.item.volume.id, request).await;
                        match &mut call.result {
                            Ok(image) => {
                                let volume_id = image
                                    .volume_id
                                    .get_or_insert_with(|| row.item.volume.id.clone());
                                events.submitted(volume_id, &image.image_id, &image.image_name);
                                // The service has set the disk to `uploading`: the plan says so
                                // at once, so the same disks are not sent again while they are.
                                refresh(
                                    picked,
                                    Volume {
                                        status: VolumeStatus::Uploading,
                                        ..row.item.volume.clone()
                                    },
                                );
                                row.state
                                    .try_set(RowState::Accepted(Box::new(image.clone())));
                            }
                            Err(e) => {
                                events.request_failed(e);
                                row.state.try_set(RowState::Failed(e.clone()));
                            }
                        }
                    }
                };
                scope.run(run).await;
            }
        });
        let on = RwSignal::new(false);
        let batch = Batch {
            on,
            picked,
            pattern,
            date,
            plan,
            rows: RwSignal::new(Vec::new()),
            action,
        };
        // `evs-batch-finished`, once per run, when every row has its result.
        let events = Events::from_context();
        let told = StoredValue::new(0usize);
        Effect::new(move |_| {
            let version = batch.action.version().get();
            if version == 0 || told.get_value() == version {
                return;
            }
            if let Some(summary) = batch.summary() {
                told.set_value(version);
                let disks: Vec<BatchDisk> = batch
                    .rows
                    .with_untracked(|rows| rows.iter().map(BatchRow::result).collect());
                events.batch_finished(summary, &disks);
            }
        });
        batch
    }

    /// The disks the run will send.
    pub fn eligible(&self) -> usize {
        self.plan.with(|p| {
            p.as_ref().map_or(0, |p| {
                p.iter().filter(|i| i.verdict == Verdict::Eligible).count()
            })
        })
    }

    /// Whether `volume` is picked.
    pub fn is_picked(&self, volume: &Volume) -> bool {
        self.picked.with(|p| p.iter().any(|v| v.id == volume.id))
    }

    /// Picks or unpicks one disk.
    pub fn toggle(&self, volume: &Volume, on: bool) {
        self.picked.update(|p| {
            p.retain(|v| v.id != volume.id);
            if on {
                p.push(volume.clone());
            }
        });
    }

    /// Picks every disk of `page` (or unpicks them all when all are picked).
    pub fn toggle_page(&self, page: &[Volume]) {
        let all = page.iter().all(|v| self.is_picked(v));
        for v in page {
            self.toggle(v, !all);
        }
    }

    /// "Export several disks" is ticked.
    pub fn is_on(&self) -> bool {
        self.on.get()
    }

    /// Ticks or clears "Export several disks"; opening the view takes `{date}` anew.
    pub fn set_on(&self, on: bool) {
        if on {
            self.date.set(today());
        }
        self.on.set(on);
    }

    /// A fresh reading of a disk (each row's progress view reads its disk while it follows
    /// the image): the picked copy takes it, so the plan judges the disk as it is now.
    pub fn refresh(&self, disk: Volume) {
        refresh(self.picked, disk);
    }

    /// A disk of the last run was refused with 401 (the token expired or was revoked).
    pub fn unauthorized(&self) -> bool {
        self.rows.with(|rows| {
            rows.iter().any(|r| {
                r.state
                    .with(|s| matches!(s, RowState::Failed(e) if e.status() == 401))
            })
        })
    }

    /// A run is in flight.
    pub fn busy(&self) -> bool {
        self.action.pending().get()
    }

    /// Sends the plan: one POST per eligible disk, in order; the others are listed as
    /// skipped. Nothing happens while a run is in flight.
    pub fn send(&self) {
        if self.action.pending().get_untracked() {
            return;
        }
        self.date.set(today());
        let Some(Ok(plan)) = self.plan.try_get_untracked() else {
            return;
        };
        if !plan.iter().any(|i| i.verdict == Verdict::Eligible) {
            return;
        }
        let rows: Vec<BatchRow> = plan
            .into_iter()
            .map(|item| {
                let state = if item.request.is_some() {
                    RowState::Waiting
                } else {
                    RowState::Skipped
                };
                BatchRow {
                    item,
                    state: RwSignal::new(state),
                    end: RwSignal::new(None),
                }
            })
            .collect();
        self.rows.set(rows.clone());
        self.action.dispatch_local(rows);
    }

    /// The run's result once every row has one: done (image active), failed (refused, no
    /// answer, or the image failed), refused (skipped before sending).
    pub fn summary(&self) -> Option<BatchSummary> {
        if self.action.pending().get() {
            return None;
        }
        self.rows.with(|rows| {
            let mut s = BatchSummary::default();
            for row in rows {
                match (row.state.get(), row.end.get()) {
                    (RowState::Skipped, _) => s.refused += 1,
                    (RowState::Failed(_), _) => s.failed += 1,
                    (RowState::Accepted(_), Some(End::Active)) => s.done += 1,
                    (RowState::Accepted(_), Some(_)) => s.failed += 1,
                    _ => return None,
                }
            }
            (!rows.is_empty()).then_some(s)
        })
    }
}

/// Today's date (UTC) for `{date}`.
fn today() -> String {
    utc_date_compact(dom::now_ms() as i64)
}

/// Replaces the picked copy of `disk` (by id), if it is picked.
fn refresh(picked: RwSignal<Vec<Volume>>, disk: Volume) {
    picked.update(|list| {
        if let Some(v) = list.iter_mut().find(|v| v.id == disk.id) {
            *v = disk;
        }
    });
}
