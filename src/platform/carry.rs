//! What the operator typed into the prerendered first screen before the wasm started, carried
//! into the live console that replaces it.
//!
//! The static screen (`index.html`, rendered at build time from the same components) has the
//! same controls with the same ids as the live one, but for the page-unique number in the id
//! prefix (`evs7-name`): a control is matched by the rest of its id (`-name`), its tag and its
//! `type`. Only controls the operator changed are carried (value or checked state different
//! from the markup's default), and each is handed to the live control as if typed: its value
//! set, then `input` and `change` dispatched, so the console's own handlers take it. Keyboard
//! focus and the caret follow.

use wasm_bindgen::JsCast;
use web_sys::{Element, Event, EventInit, HtmlElement, HtmlInputElement, HtmlSelectElement};

/// The controls a first screen can hold.
const CONTROLS: &str = "input, select";

/// One control the operator changed on the static screen.
#[derive(Debug, Clone, PartialEq)]
struct Field {
    key: String,
    tag: String,
    kind: String,
    value: Value,
}

#[derive(Debug, Clone, PartialEq)]
enum Value {
    Text(String),
    Checked(bool),
}

/// What to carry: the changed controls (in document order) and where focus was.
#[derive(Debug, Default)]
pub struct Carry {
    fields: Vec<Field>,
    focus: Option<(String, Option<u32>, Option<u32>)>,
}

impl Carry {
    /// Whether the operator changed nothing and focused nothing.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.focus.is_none()
    }
}

/// The part of an id after the page-unique prefix (`evs12-token` → `-token`); `None` for an
/// id not made by [`super::dom::id_prefix`].
pub fn key_of(id: &str) -> Option<&str> {
    let rest = id.strip_prefix("evs")?;
    let dash = rest.find('-')?;
    let (digits, key) = rest.split_at(dash);
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) && key.len() > 1)
        .then_some(key)
}

fn controls(root: &Element) -> Vec<Element> {
    let Ok(list) = root.query_selector_all(CONTROLS) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .collect()
}

fn kind(el: &Element) -> String {
    el.dyn_ref::<HtmlInputElement>()
        .map(HtmlInputElement::type_)
        .unwrap_or_default()
}

fn is_toggle(kind: &str) -> bool {
    matches!(kind, "checkbox" | "radio")
}

/// The value a `<select>` starts with: its option marked `selected`, else its first option.
fn default_option(select: &HtmlSelectElement) -> Option<String> {
    let option = select
        .query_selector("option[selected]")
        .ok()
        .flatten()
        .or_else(|| select.query_selector("option").ok().flatten())?;
    option
        .get_attribute("value")
        .or_else(|| option.text_content())
}

/// The control's current value when the operator changed it.
fn changed(el: &Element) -> Option<Value> {
    if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
        if is_toggle(&input.type_()) {
            return (input.checked() != input.default_checked())
                .then(|| Value::Checked(input.checked()));
        }
        let value = input.value();
        return (value != input.default_value()).then_some(Value::Text(value));
    }
    let select = el.dyn_ref::<HtmlSelectElement>()?;
    let value = select.value();
    (Some(&value) != default_option(select).as_ref()).then_some(Value::Text(value))
}

/// Reads what the operator changed in the static screen `root`.
pub fn collect(root: &Element) -> Carry {
    let all = controls(root);
    let keyed: Vec<(String, &Element)> = all
        .iter()
        .filter_map(|el| Some((key_of(&el.id())?.to_string(), el)))
        .collect();
    // A key that is not unique on the screen cannot be matched: not carried.
    let unique = |k: &str| keyed.iter().filter(|(other, _)| other == k).count() == 1;
    let fields = keyed
        .iter()
        .filter(|(k, _)| unique(k))
        .filter_map(|(key, el)| {
            Some(Field {
                key: key.clone(),
                tag: el.tag_name(),
                kind: kind(el),
                value: changed(el)?,
            })
        })
        .collect();
    let focus = super::dom::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .filter(|el| root.contains(Some(el)))
        .and_then(|el| {
            let key = key_of(&el.id())?.to_string();
            let input = el.dyn_ref::<HtmlInputElement>();
            let start = input.and_then(|i| i.selection_start().ok().flatten());
            let end = input.and_then(|i| i.selection_end().ok().flatten());
            Some((key, start, end))
        })
        .filter(|(k, _, _)| unique(k));
    Carry { fields, focus }
}

/// The one control of `root` with this key, tag and type.
fn find(root: &Element, key: &str, tag: &str, kind_: &str) -> Option<Element> {
    let mut hits = controls(root)
        .into_iter()
        .filter(|el| key_of(&el.id()) == Some(key) && el.tag_name() == tag && kind(el) == kind_);
    let first = hits.next()?;
    hits.next().is_none().then_some(first)
}

fn fire(el: &Element, name: &str) {
    let init = EventInit::new();
    init.set_bubbles(true);
    if let Ok(ev) = Event::new_with_event_init_dict(name, &init) {
        let _ = el.dispatch_event(&ev);
    }
}

/// Hands the carried values to the live console under `root`, as if typed. Returns what is
/// left for [`apply_again`].
pub fn apply(root: &Element, carry: Carry) -> Pending {
    let fields = carry
        .fields
        .into_iter()
        .map(|f| {
            let el = find(root, &f.key, &f.tag, &f.kind);
            if let Some(el) = &el {
                put(el, &f.value);
            }
            (f, el)
        })
        .collect();
    Pending {
        fields,
        focus: carry.focus,
    }
}

/// The carried values and the live controls that took them, and where focus was.
pub struct Pending {
    fields: Vec<(Field, Option<Element>)>,
    focus: Option<(String, Option<u32>, Option<u32>)>,
}

/// Once the console has re-rendered for the carried values (a changed dialect, for one,
/// rebuilds the form's fields, and a field's own value is written back): hands each value
/// whose control was missing or has since been replaced to the control now there, then moves
/// focus and the caret where they were, unless the operator has focused something since. A
/// control that took its value keeps whatever the operator typed after.
pub fn apply_again(root: &Element, pending: Pending) {
    for (f, el) in pending.fields {
        if el.is_some_and(|e| e.is_connected()) {
            continue;
        }
        if let Some(el) = find(root, &f.key, &f.tag, &f.kind) {
            put(&el, &f.value);
        }
    }
    let Some((key, start, end)) = pending.focus else {
        return;
    };
    let document = super::dom::window().and_then(|w| w.document());
    let focus_free = document
        .as_ref()
        .and_then(|d| d.active_element())
        .is_none_or(|a| {
            document
                .and_then(|d| d.body())
                .is_some_and(|b| a.is_same_node(Some(b.as_ref())))
        });
    if !focus_free {
        return;
    }
    let el = controls(root)
        .into_iter()
        .find(|el| key_of(&el.id()) == Some(key.as_str()));
    if let Some(el) = el.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
        let _ = el.focus();
        if let (Some(input), Some(s), Some(e)) = (el.dyn_ref::<HtmlInputElement>(), start, end) {
            let _ = input.set_selection_range(s, e);
        }
    }
}

/// Sets the value and dispatches `input` and `change`, as typing would.
fn put(el: &Element, value: &Value) {
    match (value, el.dyn_ref::<HtmlInputElement>()) {
        (Value::Checked(on), Some(input)) => input.set_checked(*on),
        (Value::Text(v), Some(input)) => input.set_value(v),
        (Value::Text(v), None) => match el.dyn_ref::<HtmlSelectElement>() {
            Some(select) => select.set_value(v),
            None => return,
        },
        (Value::Checked(_), None) => return,
    }
    fire(el, "input");
    fire(el, "change");
}

#[cfg(test)]
mod tests {
    use super::key_of;

    #[test]
    fn keys_are_ids_without_the_page_unique_prefix() {
        assert_eq!(key_of("evs7-name"), Some("-name"));
        assert_eq!(key_of("evs12-disk-format"), Some("-disk-format"));
        assert_eq!(key_of("evs-name"), None);
        assert_eq!(key_of("evs7x-name"), None);
        assert_eq!(key_of("evs7-"), None);
        assert_eq!(key_of("other"), None);
        assert_eq!(key_of(""), None);
    }
}
