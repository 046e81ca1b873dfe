//! The "Leftover images" section: images exports left behind, with their age and a delete
//! button each (asked in the page first, like the cancel of an export).

use leptos::prelude::*;

use super::{t, ConfirmDelete, LocalTime};
use crate::app::connection::Connection;
use crate::app::lang;
use crate::app::leftovers::{Leftover, Leftovers};
use crate::i18n::{age_text, delete_label, error_line, refusal_text, CancelMsg, LeftoverMsg, Msg};
use crate::platform::dom;

/// The section; nothing is asked of the image service until the operator opens it.
#[component]
pub fn LeftoverImages(conn: Connection) -> impl IntoView {
    let leftovers = Leftovers::new(conn);
    let l = lang();
    let heading = [&dom::id_prefix(), "-leftovers"].concat();
    let labelled_by = heading.clone();
    let find_label = move || {
        if leftovers.opened.get() {
            Msg::Refresh.get(l.get())
        } else {
            LeftoverMsg::Find.get(l.get())
        }
    };
    view! {
        <section class="evs-section evs-leftovers" aria-labelledby=labelled_by>
            <h2 id=heading>{t(LeftoverMsg::Heading)}</h2>
            <p class="evs-help">{t(LeftoverMsg::Intro)}</p>
            <button type="button" on:click=move |_| leftovers.load() disabled=move || leftovers.loading()>{find_label}</button>
            {move || last_delete(leftovers)}
            {move || {
                if leftovers.loading() {
                    return view! { <p role="status">{t(LeftoverMsg::Loading)}</p> }.into_any();
                }
                match leftovers.list() {
                    None => ().into_any(),
                    Some(Err(e)) => view! {
                        <p class="evs-error" role="alert">{t(LeftoverMsg::CouldNotList)}" "{move || error_line(&e, l.get())}</p>
                    }
                    .into_any(),
                    Some(Ok(list)) => {
                        if list.is_empty() {
                            view! { <p role="status">{t(LeftoverMsg::NoneFound)}</p> }.into_any()
                        } else {
                            table(leftovers, list).into_any()
                        }
                    }
                }
            }}
        </section>
    }
}

fn table(leftovers: Leftovers, list: Vec<Leftover>) -> impl IntoView {
    view! {
        <div class="evs-table-wrap">
            <table class="evs-table">
                <caption class="evs-sr">{t(LeftoverMsg::Caption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t(Msg::ColName)}</th>
                        <th scope="col">{t(Msg::ColId)}</th>
                        <th scope="col">{t(LeftoverMsg::Age)}</th>
                        <th scope="col">{t(Msg::Created)}</th>
                        <th scope="col">{t(LeftoverMsg::Actions)}</th>
                    </tr>
                </thead>
                <tbody>
                    {list.into_iter().map(|x| row(leftovers, x)).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

fn row(leftovers: Leftovers, x: Leftover) -> impl IntoView {
    let l = lang();
    let id = x.image.id.clone();
    let name = x.image.name.clone().unwrap_or_else(|| id.to_string());
    let label = name.clone();
    let (ask_id, confirm_id, mine_id, busy_id) = (id.clone(), id.clone(), id.clone(), id.clone());
    let confirming = move || leftovers.confirming.with(|c| c.as_ref() == Some(&mine_id));
    let deleting = move || leftovers.deleting().as_ref() == Some(&busy_id);
    let on_confirm = Callback::new(move |_: ()| leftovers.delete(confirm_id.clone()));
    let on_keep = Callback::new(move |_: ()| leftovers.confirming.set(None));
    let age = x.age_ms;
    view! {
        <tr>
            <td>{name}</td>
            <td class="evs-mono evs-id">{id.to_string()}</td>
            <td>{move || age_text(age, l.get())}</td>
            <td><LocalTime ts=x.image.created_at /></td>
            <td>
                {move || if deleting() {
                    view! { <span role="status">{t(LeftoverMsg::Deleting)}</span> }.into_any()
                } else if confirming() {
                    view! {
                        <ConfirmDelete heading=CancelMsg::LeftoverHeading body=CancelMsg::LeftoverWhat
                            keep=CancelMsg::KeepLeftover on_confirm on_keep />
                    }
                    .into_any()
                } else {
                    let (ask, label) = (ask_id.clone(), label.clone());
                    view! {
                        <button type="button" aria-label=move || delete_label(&label, l.get())
                            on:click=move |_| leftovers.confirming.set(Some(ask.clone()))>{t(LeftoverMsg::Delete)}</button>
                    }
                    .into_any()
                }}
            </td>
        </tr>
    }
}

/// What the last delete did (a refusal says why; nothing else changed).
fn last_delete(leftovers: Leftovers) -> impl IntoView {
    let l = lang();
    leftovers.last().map(|(_, result)| match result {
        Ok(evs_model::ImageDeleted::Now) => {
            view! { <p role="status">{t(LeftoverMsg::Deleted)}</p> }.into_any()
        }
        Ok(evs_model::ImageDeleted::AlreadyGone) => {
            view! { <p role="status">{t(LeftoverMsg::AlreadyGone)}</p> }.into_any()
        }
        Err((why, e)) => view! {
            <div class="evs-error" role="alert">
                <p>{move || refusal_text(&why, l.get())}</p>
                <p class="evs-error-message">{move || error_line(&e, l.get())}</p>
            </div>
        }
        .into_any(),
    })
}
