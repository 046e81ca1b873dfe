//! The reusable console: settings, disk picker, form, result. It builds the console's state
//! from `app` and lays out the components.

use evs_model::{Dialect, ExportForm, MetadataForm, Volume};
use leptos::prelude::*;

use super::{
    t, BatchFormView, BatchResult, DiskNotice, DiskPicker, ErrorPanel, ExportFormView,
    LanguageMenu, LeftoverImages, RequestView, ResultSection, SessionBar, Settings, SignIn,
};
use crate::app::batch::Batch;
use crate::app::config::ConsoleConfig;
use crate::app::connection::Connection;
use crate::app::disks::DiskList;
use crate::app::export::{Export, FormatRefusal};
use crate::app::form::switch_dialect;
use crate::app::formats::Formats;
use crate::app::metadata::MetadataState;
use crate::app::session::{IsSignedIn, Session};
use crate::app::{browser_locale, Lang};
use crate::i18n::{FormatsMsg, Msg, SignInMsg};
use crate::platform::dom;

/// The export console, configured by `config` (see [`ConsoleConfig`] for the defaults).
/// An embedding shell passes its own `conn` to change it in place later.
#[component]
pub fn ExportConsole(
    config: ConsoleConfig,
    #[prop(optional)] conn: Option<Connection>,
) -> impl IntoView {
    let p = dom::id_prefix();
    let id = |suffix: &str| [&p, "-", suffix].concat();
    let token_id = id("token");
    let conn = conn.unwrap_or_else(|| Connection::new(&config));
    // The language: the host's (the standalone page's, the shell's) when it set one, else the
    // configured `locale`, else the browser's.
    let locale = use_context::<Lang>().map(|l| l.0).unwrap_or_else(|| {
        let signal = RwSignal::new(config.locale.unwrap_or_else(browser_locale));
        provide_context(Lang(signal));
        signal
    });

    // The answer's times are shown in local time: make that format while the page is idle,
    // not when the answer arrives (and again after a language change).
    Effect::new(move |_| dom::prepare_local_time(locale.get().tag()));

    let selected = RwSignal::new(None::<Volume>);
    let form = RwSignal::new(ExportForm::new(config.dialect));
    let metadata = MetadataState::new(
        RwSignal::new(MetadataForm::default()),
        Signal::derive(move || form.with(|f| f.dialect)),
    );
    let hide_list = config.hide_picker && config.volume_id.is_some();
    let list = DiskList::new(conn, !hide_list);
    let export = Export::new(conn);
    let load_preset = Trigger::new();
    let load_schema = Trigger::new();
    let formats = Formats::new(conn, selected.into(), load_schema);
    formats.keep_fitted(form);
    let batch = Batch::new(conn, form, formats);
    let single = move || !batch.is_on();
    let reload = move || {
        list.reload();
        load_preset.notify();
        load_schema.notify();
    };

    let on_load = Callback::new(move |_: ()| reload());
    let on_sign_out = Callback::new(move |_: ()| {
        // Nothing keeps using the token: the result view (and its polling) goes too.
        export.clear();
        selected.set(None);
        reload();
    });
    // Signing in, switching project, signing out: a new scope, so the old disk and result go.
    let session = Session::new(conn, &config.identity_url, on_sign_out);
    let signed_in = Signal::derive(move || session.is_signed_in());
    provide_context(IsSignedIn(signed_in));
    // Where a new token comes from after a 401: the token field, or, signed in, the password
    // (or secret) of the Sign in again form that the 401 opened.
    let focus_token = Callback::new({
        let (token, password, secret) = (
            token_id.clone(),
            id("signin-password"),
            id("signin-cred-secret"),
        );
        move |_: ()| {
            if !signed_in.get_untracked() {
                dom::focus(&token);
            } else if !dom::focus(&password) {
                dom::focus(&secret);
            }
        }
    });
    // A 401 while signed in (a single export, the disk list, any disk of a batch): ask to sign
    // in again, in place (nothing is lost or re-sent).
    Effect::new(move |_| {
        let refused = export.error().is_some_and(|e| e.status() == 401)
            || list.error().is_some_and(|e| e.status() == 401)
            || batch.unauthorized();
        if refused {
            session.refused();
        }
    });
    let show_sign_in = move || {
        !conn.host_token() && (!session.is_signed_in() || session.renew.with(Option::is_some))
    };
    let on_dialect = Callback::new(move |d: Dialect| {
        form.update(|f| switch_dialect(f, d));
        reload();
    });
    // A fresh reading of the picked disk (the progress view's, or after a failed export).
    let on_disk = Callback::new(move |v: Volume| {
        if selected.with_untracked(|s| s.as_ref().is_some_and(|s| s.id == v.id)) {
            selected.set(Some(v));
        }
    });
    Effect::new(move |_| {
        if let Some(v) = export.disk_after() {
            on_disk.run(v);
        }
    });
    let on_submit = Callback::new(move |request| {
        if let Some(disk) = selected.get_untracked() {
            let details = metadata.validation.get_untracked().ok().flatten();
            export.send(disk, request, details);
        }
    });
    let result = Memo::new(move |_| export.outcome());

    let (disks_h, form_h) = (id("disks"), id("form"));
    let (disks_label, form_label) = (disks_h.clone(), form_h.clone());
    view! {
        <div class="evs-console" lang=move || locale.get().tag()>
            <LanguageMenu />
            {move || (!conn.host_token()).then(|| view! { <SessionBar session /> })}
            {move || show_sign_in().then(|| view! { <SignIn session prefix=p.clone() /> })}
            {move || {
                let token_id = token_id.clone();
                let settings = view! { <Settings conn token_id on_load on_dialect on_sign_out signed_in /> };
                if signed_in.get() {
                    view! {
                        <details class="evs-section evs-overrides">
                            <summary>{t(SignInMsg::Overrides)}</summary>
                            {settings}
                        </details>
                    }.into_any()
                } else {
                    settings.into_any()
                }
            }}
            <section class="evs-section" aria-labelledby=disks_label>
                <h2 id=disks_h>{t(Msg::Disks)}</h2>
                <DiskPicker conn list selected preset=config.volume_id.clone() load_preset
                    on_settings=focus_token hide_list batch />
                <Show when=single><DiskNotice conn selected /></Show>
            </section>
            <section class="evs-section" aria-labelledby=form_label>
                <h2 id=form_h>{t(Msg::Form)}</h2>
                <Show when=single fallback=move || view! { <BatchFormView batch form formats /> }>
                    <ExportFormView form disk=selected busy=export.busy() on_submit metadata
                        offer=formats.offer schema_error=Signal::derive(move || formats.schema_error()) />
                    <ErrorPanel error=Signal::derive(move || export.error()) on_settings=focus_token focus=true
                        note=Signal::derive(move || export.format_refusal().map(|r| match r {
                            FormatRefusal::Compression => FormatsMsg::CompressedRefused.get(locale.get()),
                        })) />
                    <RequestView conn form disk=selected response=Signal::derive(move || export.response()) />
                </Show>
            </section>
            <Show when=single fallback=move || view! { <BatchResult conn batch /> }>
                {move || result.get().map(|outcome| view! { <ResultSection conn outcome on_disk on_settings=focus_token /> })}
            </Show>
            <LeftoverImages conn />
        </div>
    }
}
