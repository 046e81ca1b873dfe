//! What the picked disk allows: exportable, needs force, or blocked (from `export_check`).

use evs_model::{export_check, Volume};
use leptos::prelude::*;

use super::disk_table::badge_class;
use super::t;
use crate::app::connection::Connection;
use crate::app::disks::read_disk;
use crate::app::lang;
use crate::i18n::{error_line, force_explanation, Localize, Msg};
use crate::present::format;

/// Explains whether the selected disk can be exported, with a button to re-read its status.
#[component]
pub fn DiskNotice(conn: Connection, selected: RwSignal<Option<Volume>>) -> impl IntoView {
    let reread = read_disk(conn);
    // A fresh reading replaces the picked disk.
    Effect::new(move |_| {
        if let Some(Ok(v)) = reread.value().get() {
            selected.set(Some(v));
        }
    });
    let refresh_error = move || reread.value().get().and_then(Result::err);
    let l = lang();
    let refresh = move |_| {
        if let Some(id) = selected.with_untracked(|s| s.as_ref().map(|s| s.id.clone())) {
            reread.dispatch_local(id);
        }
    };
    view! {
        <div class="evs-notice" aria-live="polite">
            {move || match selected.get() {
                None => view! { <p class="evs-help">{t(Msg::PickADisk)}</p> }.into_any(),
                Some(v) => {
                    let check = export_check(&v, conn.dialect.get());
                    let lo = l.get();
                    let verdict = if !check.exportable() {
                        view! {
                            <div class="evs-verdict evs-verdict-bad">
                                <p><strong>{t(Msg::NotExportable)}</strong></p>
                                <ul>{check.blockers.iter().map(|b| view! { <li>{b.localize(lo)}</li> }).collect_view()}</ul>
                            </div>
                        }.into_any()
                    } else if let Some(why) = force_explanation(&check, lo) {
                        view! {
                            <div class="evs-verdict evs-verdict-warn">
                                <p>{why}</p>
                                <p><strong>{t(Msg::ForceHint)}</strong></p>
                            </div>
                        }.into_any()
                    } else {
                        view! { <div class="evs-verdict evs-verdict-ok"><p>{t(Msg::Exportable)}</p></div> }.into_any()
                    };
                    view! {
                        <p class="evs-selected">
                            <span class="evs-label">{t(Msg::Selected)}": "</span>
                            <strong>{v.display_name().to_string()}</strong>" "
                            <span class=badge_class(&v.status)>{v.status.localize(lo)}</span>" "
                            <span>{format::size_gb(v.size)}</span>
                        </p>
                        {verdict}
                    }.into_any()
                }
            }}
            {move || selected.with(Option::is_some).then(|| {
                view! { <button type="button" on:click=refresh disabled=move || reread.pending().get()>{t(Msg::CheckStatus)}</button> }
            })}
            {move || refresh_error().map(|e| view! { <p class="evs-error-inline" role="alert">{error_line(&e, l.get())}</p> })}
        </div>
    }
}
