//! "Language / 语言": the console's language, by menu.

use leptos::prelude::*;

use super::t;
use crate::app::lang;
use crate::i18n::{Locale, Msg};
use crate::platform::dom;

/// The language menu; changing it changes the console's language at once.
#[component]
pub fn LanguageMenu() -> impl IntoView {
    let locale = lang();
    let id = [&dom::id_prefix(), "-lang"].concat();
    view! {
        <div class="evs-lang">
            <label for=id.clone()>{t(Msg::Language)}</label>
            <select id=id on:change=move |ev| {
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
    }
}
