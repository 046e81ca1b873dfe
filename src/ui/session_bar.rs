//! The signed-in line: user, project, region, expiry, switch project, sign out. One line, so
//! the disk list and the form come first.

use leptos::prelude::*;

use super::{t, LocalTime};
use crate::app::lang;
use crate::app::session::{Session, SessionError};
use crate::i18n::{colon, error_line, Msg, SignInMsg};
use crate::platform::dom;

/// The collapsed connection panel of a signed-in session (nothing when signed out, except the
/// sign-out notice).
#[component]
pub fn SessionBar(session: Session) -> impl IntoView {
    let p = dom::id_prefix();
    let (project_sel, region_sel) = (
        [&p, "-switch-project"].concat(),
        [&p, "-switch-region"].concat(),
    );
    let l = lang();
    let choosing = RwSignal::new(false);
    let picked = RwSignal::new(String::new());
    let busy = session.busy();
    let loading = session.projects_loading();
    let notice = move || {
        session.signed_out.get().map(|r| match r {
            Ok(()) => SignInMsg::SignedOutRevoked.get(l.get()),
            Err(_) => SignInMsg::SignedOutNotRevoked.get(l.get()),
        })
    };
    move || match session.current.get() {
        None => view! { <p class="evs-help" role="status">{notice}</p> }.into_any(),
        Some(s) => {
            let regions = s.regions.clone();
            let (project_sel, region_sel) = (project_sel.clone(), region_sel.clone());
            let current_project = s.project_id.to_string();
            view! {
            <section class="evs-session" aria-label=move || SignInMsg::SignedInAs.get(l.get())>
                <p class="evs-session-line">
                    <span>{t(SignInMsg::SignedInAs)}{" "}<strong>{s.user.clone()}</strong></span>
                    <span>{t(SignInMsg::Project)}{" "}<strong>{s.project_name.clone()}</strong></span>
                    {(regions.len() <= 1).then(|| view! { <span>{t(SignInMsg::Region)}{" "}<strong>{s.region.clone()}</strong></span> })}
                    {(regions.len() > 1).then(|| {
                        let current = s.region.clone();
                        view! {
                        <span>
                            <label for=region_sel.clone()>{t(SignInMsg::RegionToUse)}</label>{" "}
                            <select id=region_sel.clone() on:change=move |ev| session.switch_region(&event_target_value(&ev))>
                                {regions.iter().map(|r| view! { <option value=r.clone() selected=*r == current>{r.clone()}</option> }).collect_view()}
                            </select>
                        </span>
                    }})}
                    <span>{t(SignInMsg::Expires)}{" "}<LocalTime ts=Some(s.expires_at.clone()) /></span>
                    <button type="button" aria-expanded=move || choosing.get().to_string() on:click={
                        let current_project = current_project.clone();
                        move |_| {
                        let open = !choosing.get_untracked();
                        choosing.set(open);
                        // The menu starts on the project in use.
                        if open { picked.set(current_project.clone()); session.load_projects(); }
                    }}>{t(SignInMsg::SwitchProject)}</button>
                    <button type="button" disabled=move || busy.get() on:click=move |_| session.sign_out()>{t(Msg::SignOut)}</button>
                </p>
                {move || choosing.get().then(|| {
                    let current_project = current_project.clone();
                    let project_sel = project_sel.clone();
                    view! {
                    <form class="evs-session-switch" on:submit=move |ev| {
                        ev.prevent_default();
                        let to = picked.get_untracked();
                        if !to.is_empty() {
                            choosing.set(false);
                            session.switch_project(&to);
                        }
                    }>
                        {move || loading.get().then(|| view! { <p class="evs-help" role="status">{t(SignInMsg::ProjectsLoading)}</p> })}
                        {move || session.projects.get().map(|list| {
                            let current_project = current_project.clone();
                            view! {
                            <label for=project_sel.clone()>{t(SignInMsg::ProjectToUse)}</label>{" "}
                            <select id=project_sel.clone() on:change=move |ev| picked.set(event_target_value(&ev))>
                                {list.into_iter().map(|p| {
                                    let id = p.id.to_string();
                                    let label = if p.name.is_empty() { id.clone() } else { p.name.clone() };
                                    view! { <option value=id.clone() selected=id == current_project disabled=!p.enabled>{label}</option> }
                                }).collect_view()}
                            </select>{" "}
                            <button type="submit" disabled=move || busy.get()>{t(SignInMsg::Switch)}</button>
                        }})}
                        {move || session.error.get().and_then(|e| match e {
                            SessionError::Projects(e) => Some(view! {
                                <p class="evs-error" role="alert">{SignInMsg::ProjectsFailed.get(l.get())}{colon(l.get())}{error_line(&e, l.get())}</p>
                            }),
                            _ => None,
                        })}
                    </form>
                }})}
            </section>
            }.into_any()
        }
    }
}
