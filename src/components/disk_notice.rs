//! What the picked disk allows: exportable, needs force, or blocked (from `export_check`).

use evs_model::{export_check, ApiError, Volume};
use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;

use super::disk_table::badge_class;
use crate::api::Cancel;
use crate::format;
use crate::l10n;
use crate::state::Connection;
use crate::text::{lang, t, Msg};

/// Explains whether the selected disk can be exported, with a button to re-read its status.
#[component]
pub fn DiskNotice(conn: Connection, selected: RwSignal<Option<Volume>>) -> impl IntoView {
    let checking = RwSignal::new(false);
    let refresh_error = RwSignal::new(None::<ApiError>);
    let cancel = SendWrapper::new(Cancel::new());
    {
        let cancel = cancel.clone();
        on_cleanup(move || cancel.cancel());
    }
    let l = lang();
    let refresh = move |_| {
        let Some(id) = selected.with_untracked(|s| s.as_ref().map(|s| s.id.clone())) else {
            return;
        };
        checking.set(true);
        let (client, cancel) = (conn.client(), cancel.clone());
        spawn_local(async move {
            let result = client.volume(&id, &cancel).await;
            if cancel.is_cancelled() {
                return;
            }
            checking.set(false);
            match result {
                Ok(v) => {
                    refresh_error.set(None);
                    selected.set(Some(v));
                }
                Err(e) => refresh_error.set(Some(e)),
            }
        });
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
                                <ul>{check.blockers.iter().map(|b| view! { <li>{l10n::block_reason(b, lo)}</li> }).collect_view()}</ul>
                            </div>
                        }.into_any()
                    } else if let Some(why) = l10n::force_explanation(&check, lo) {
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
                            <span class=badge_class(&v.status)>{l10n::volume_status(&v.status, lo)}</span>" "
                            <span>{format::size_gb(v.size)}</span>
                        </p>
                        {verdict}
                    }.into_any()
                }
            }}
            {move || selected.with(Option::is_some).then(|| {
                view! { <button type="button" on:click=refresh.clone() disabled=move || checking.get()>{t(Msg::CheckStatus)}</button> }
            })}
            {move || refresh_error.get().map(|e| view! { <p class="evs-error-inline" role="alert">{l10n::error_line(&e, l.get())}</p> })}
        </div>
    }
}
