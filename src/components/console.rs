//! The reusable console: settings, disk picker, form, result. Owns the export call.

use evs_model::{export_check, ApiError, Dialect, ExportForm, ExportRequest, Volume};
use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;

use super::result_section::{Outcome, ResultSection};
use super::{DiskNotice, DiskPicker, ErrorPanel, ExportFormView, RequestView, Settings};
use crate::api::{Cancel, RawResponse};
use crate::browser::{self, TOKEN_KEY};
use crate::config::ConsoleConfig;
use crate::embed::{Embed, Events};
use crate::state::Connection;
use crate::text::{t, Lang, Locale, Msg};

/// The export console, configured by `config` (see [`ConsoleConfig`] for the defaults).
#[component]
pub fn ExportConsole(config: ConsoleConfig) -> impl IntoView {
    let p = browser::id_prefix();
    let token_id = format!("{p}-token");
    let remembered = config
        .allow_remember_token
        .then(|| browser::session_get(TOKEN_KEY))
        .flatten()
        .filter(|t| !t.is_empty());
    let remember = remembered.is_some();
    let mut conn = Connection::new(&config, remembered.unwrap_or_default(), remember);
    // Embedded with a token provider: the host owns the token (no field, no remembering).
    conn.token_provider = use_context::<Embed>()
        .and_then(|e| e.token_provider)
        .map(StoredValue::new);
    let events = Events::from_context();
    // The language: the host's (the standalone page's) when it set one, else the
    // configured `locale`, else the browser's.
    let locale = use_context::<Lang>().map(|l| l.0).unwrap_or_else(|| {
        let l = config
            .locale
            .as_deref()
            .and_then(Locale::parse)
            .unwrap_or_else(browser::preferred_locale);
        let signal = RwSignal::new(l);
        provide_context(Lang(signal));
        signal
    });
    let lang_id = format!("{p}-lang");

    let reload = RwSignal::new(0u32);
    let selected = RwSignal::new(None::<Volume>);
    let form = RwSignal::new(ExportForm::new(config.dialect));
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let outcome = RwSignal::new(None::<Outcome>);
    let response = RwSignal::new(None::<RawResponse>);
    let cancel = SendWrapper::new(Cancel::new());
    {
        let cancel = cancel.clone();
        on_cleanup(move || cancel.cancel());
    }

    let focus_token = Callback::new({
        let id = token_id.clone();
        move |_: ()| browser::focus(&id)
    });
    let on_load = Callback::new(move |_: ()| reload.update(|n| *n += 1));
    let on_sign_out = Callback::new(move |_: ()| {
        // Nothing keeps using the token: the result view (and its polling) goes too.
        outcome.set(None);
        selected.set(None);
        reload.update(|n| *n += 1);
    });
    let on_dialect = Callback::new(move |d: Dialect| {
        form.update(|f| {
            let name = std::mem::take(&mut f.image_name);
            *f = ExportForm {
                image_name: name,
                ..ExportForm::new(d)
            };
        });
        reload.update(|n| *n += 1);
    });
    let on_disk = Callback::new(move |v: Volume| {
        if selected.with_untracked(|s| s.as_ref().is_some_and(|s| s.id == v.id)) {
            selected.set(Some(v));
        }
    });

    let on_submit = Callback::new(move |request: ExportRequest| {
        // One click, one request: the guard holds even if the button is still enabled.
        if busy.get_untracked() {
            return;
        }
        let Some(disk) = selected.get_untracked() else {
            return;
        };
        if !export_check(&disk, request.dialect()).allows(request.force()) {
            return;
        }
        busy.set(true);
        error.set(None);
        outcome.set(None);
        response.set(None);
        let client = conn.client();
        let cancel = cancel.clone();
        let events = events.clone();
        spawn_local(async move {
            let call = client.export(&disk.id, &request, &cancel).await;
            if cancel.is_cancelled() {
                return;
            }
            response.set(call.raw);
            match call.result {
                Ok(mut image) => {
                    let volume_id = image.volume_id.get_or_insert_with(|| disk.id.clone());
                    events.submitted(
                        volume_id.as_str(),
                        image.image_id.as_str(),
                        &image.image_name,
                    );
                    let seq = outcome.with_untracked(|o| o.as_ref().map_or(0, |o| o.seq)) + 1;
                    outcome.set(Some(Outcome { seq, image }));
                }
                Err(e) => {
                    events.failed("request", e.status(), e.code(), e.message());
                    let auth = matches!(e.status(), 401 | 403);
                    error.set(Some(e));
                    busy.set(false);
                    // The disk may have changed (or the export may have started anyway):
                    // re-read it so the disk panel shows its current status.
                    if !auth {
                        if let Ok(v) = client.volume(&disk.id, &cancel).await {
                            if !cancel.is_cancelled() {
                                on_disk.run(v);
                            }
                        }
                    }
                    return;
                }
            }
            busy.set(false);
        });
    });

    view! {
        <div class="evs-console" lang=move || locale.get().tag()>
            <div class="evs-lang">
                <label for=lang_id.clone()>{t(Msg::Language)}</label>
                <select id=lang_id on:change=move |ev| {
                    if let Some(l) = Locale::parse(&event_target_value(&ev)) {
                        locale.set(l);
                    }
                }>
                    {Locale::ALL.iter().map(|l| {
                        let l = *l;
                        view! { <option value=l.tag() lang=l.tag() selected=move || locale.get() == l>{l.native_name()}</option> }
                    }).collect_view()}
                </select>
            </div>
            <Settings conn token_id on_load on_dialect on_sign_out />
            <section class="evs-section" aria-labelledby=format!("{p}-disks")>
                <h2 id=format!("{p}-disks")>{t(Msg::Disks)}</h2>
                <DiskPicker conn reload selected preset=config.volume_id.clone() on_settings=focus_token
                    hide_list=config.hide_picker && config.volume_id.is_some() />
                <DiskNotice conn selected />
            </section>
            <section class="evs-section" aria-labelledby=format!("{p}-form")>
                <h2 id=format!("{p}-form")>{t(Msg::Form)}</h2>
                <ExportFormView form disk=selected busy on_submit />
                <ErrorPanel error on_settings=focus_token focus=true />
                <RequestView conn form disk=selected response />
            </section>
            {move || outcome.get().map(|o| view! { <ResultSection conn outcome=o on_disk /> })}
        </div>
    }
}
