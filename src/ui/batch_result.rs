//! Several disks: one row per disk (stage, elapsed, image id, result), each accepted disk
//! followed by its own polling, then the summary and the failures' reasons.

use evs_model::{ImageStatus, Volume};
use leptos::prelude::*;

use super::t;
use crate::app::batch::{Batch, BatchRow, RowState};
use crate::app::connection::Connection;
use crate::app::lang;
use crate::app::progress::{follow, End};
use crate::i18n::{batch_summary, colon, error_line, verdict_text, BatchMsg, Localize, Msg, NONE};
use crate::present::format;

/// The run's progress; nothing before the first run.
#[component]
pub fn BatchResult(conn: Connection, batch: Batch) -> impl IntoView {
    let l = lang();
    let summary = move || batch.summary().map(|s| batch_summary(s, l.get()));
    let failures = move || {
        let lo = l.get();
        batch.rows.with(|rows| {
            rows.iter()
                .filter_map(|r| match (r.state.get(), r.end.get()) {
                    (RowState::Failed(e), _) => {
                        Some((r.item.image_name.clone(), error_line(&e, lo)))
                    }
                    (RowState::Skipped, _) => {
                        Some((r.item.image_name.clone(), verdict_text(&r.item.verdict, lo)))
                    }
                    // Accepted, then the image failed or went away (counted as failed by
                    // the summary too): the image's last status says how.
                    (RowState::Accepted(_), Some(End::Failed(s))) => {
                        Some((r.item.image_name.clone(), s.localize(lo)))
                    }
                    (RowState::Accepted(_), Some(End::Gone | End::Cancelled)) => {
                        Some((r.item.image_name.clone(), ImageStatus::Deleted.localize(lo)))
                    }
                    _ => None,
                })
                .collect::<Vec<_>>()
        })
    };
    move || {
        (!batch.rows.with(Vec::is_empty)).then(|| {
            let rows = batch.rows.get();
            view! {
                <section class="evs-section evs-batch-result" aria-label=t(BatchMsg::ResultTitle)>
                    <h2>{t(BatchMsg::ResultTitle)}</h2>
                    <div class="evs-table-wrap">
                        <table class="evs-table evs-batch-rows">
                            <thead><tr>
                                <th scope="col">{t(Msg::Disk)}</th>
                                <th scope="col">{t(Msg::NameLabel)}</th>
                                <th scope="col">{t(Msg::Progress)}</th>
                                <th scope="col">{t(Msg::Elapsed)}</th>
                                <th scope="col">{t(Msg::ImageId)}</th>
                                <th scope="col">{t(BatchMsg::ColResult)}</th>
                            </tr></thead>
                            <tbody>
                                {rows.into_iter().map(|row| view! { <RowView conn batch row /> }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <p class="evs-live" role="status" aria-live="polite">{summary}</p>
                    {move || {
                        let list = failures();
                        (!list.is_empty() && batch.summary().is_some()).then(|| view! {
                            <h3>{t(BatchMsg::Failures)}</h3>
                            <ul class="evs-failures">
                                {list.into_iter().map(|(name, why)| view! { <li><span class="evs-mono">{name}</span>{colon(l.get())}{why}</li> }).collect_view()}
                            </ul>
                        })
                    }}
                </section>
            }
        })
    }
}

/// One disk of the run; an accepted one is followed until its image is done.
#[component]
fn RowView(conn: Connection, batch: Batch, row: BatchRow) -> impl IntoView {
    let l = lang();
    let BatchRow { item, state, end } = row;
    let name = item.image_name.clone();
    let disk = item.volume.display_name().to_string();
    // Re-run only when the row's state changes (an accepted row's polling must not start
    // again, e.g. on a language change): the texts below follow the language themselves.
    move || match state.get() {
        RowState::Accepted(image) => {
            let volume_id = image
                .volume_id
                .clone()
                .unwrap_or_else(|| item.volume.id.clone());
            let f = follow(
                conn,
                image.image_id.clone(),
                volume_id,
                Callback::new(move |v: Volume| batch.refresh(v)),
            );
            Effect::new(move |_| {
                if let Some(e) = f.end.get() {
                    end.set(Some(e));
                }
            });
            let progress = move || {
                let lo = l.get();
                f.image_status
                    .get()
                    .map_or_else(|| NONE.to_string(), |s: ImageStatus| s.localize(lo))
            };
            let result = move || {
                let lo = l.get();
                match f.end.get() {
                    None => BatchMsg::RowFollowing.get(lo),
                    Some(End::Active) => BatchMsg::RowActive.get(lo),
                    Some(_) => BatchMsg::RowFailed.get(lo),
                }
            };
            view! {
                <tr>
                    <td>{disk.clone()}</td>
                    <td class="evs-mono">{name.clone()}</td>
                    <td>{progress}</td>
                    <td>{move || format::elapsed(f.elapsed.get())}</td>
                    <td class="evs-mono evs-id">{image.image_id.to_string()}</td>
                    <td>{result}</td>
                </tr>
            }
            .into_any()
        }
        other => {
            let verdict = item.verdict.clone();
            let progress = t(match &other {
                RowState::Sending => BatchMsg::RowSending,
                RowState::Skipped => BatchMsg::RowSkipped,
                RowState::Failed(_) => BatchMsg::RowFailed,
                _ => BatchMsg::RowWaiting,
            });
            // Why it was not sent, or why the service refused it.
            let result = move || match &other {
                RowState::Skipped => verdict_text(&verdict, l.get()),
                RowState::Failed(e) => error_line(e, l.get()),
                _ => String::new(),
            };
            view! {
                <tr>
                    <td>{disk.clone()}</td>
                    <td class="evs-mono">{name.clone()}</td>
                    <td>{progress}</td>
                    <td>{NONE}</td>
                    <td>{NONE}</td>
                    <td>{result}</td>
                </tr>
            }
            .into_any()
        }
    }
}
