#![cfg(target_arch = "wasm32")]
//! Components mounted in headless Chromium: the form's validation and Export button, the
//! result view's escaping, the error panel.

use evs_console::ui::{ErrorPanel, ExportFormView, ResultView};
use evs_model::{
    parse_export_response, parse_volume, ApiError, Dialect, ExportForm, ExportRequest, Volume,
};
use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, Event, EventInit, HtmlButtonElement, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh element to mount into.
fn container() -> HtmlElement {
    let div = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

/// Lets Leptos apply pending updates to the DOM.
async fn tick() {
    for _ in 0..2 {
        gloo_timers::future::TimeoutFuture::new(0).await;
    }
}

fn disk(status: &str, size: u64) -> Volume {
    parse_volume(200, &format!(r#"{{"volume": {{"id": "vol-1", "name": "data", "status": "{status}", "size": {size}}}}}"#)).unwrap()
}

/// The control labelled `label` inside `root`.
fn by_label(root: &Element, label: &str) -> Element {
    let labels = root.query_selector_all("label").unwrap();
    for i in 0..labels.length() {
        let l: Element = labels.item(i).unwrap().unchecked_into();
        if l.text_content().unwrap_or_default().trim() == label {
            let id = l.get_attribute("for").unwrap();
            return document().get_element_by_id(&id).unwrap();
        }
    }
    panic!("no label {label:?}");
}

fn export_button(root: &Element) -> HtmlButtonElement {
    root.query_selector("button[type=submit]")
        .unwrap()
        .unwrap()
        .unchecked_into()
}

fn fire(target: &Element, kind: &str) {
    let init = EventInit::new();
    init.set_bubbles(true);
    target
        .dispatch_event(&Event::new_with_event_init_dict(kind, &init).unwrap())
        .unwrap();
}

fn type_into(input: &Element, value: &str) {
    input.unchecked_ref::<HtmlInputElement>().set_value(value);
    fire(input, "input");
}

fn text(root: &Element) -> String {
    root.text_content().unwrap_or_default()
}

struct FormHarness {
    root: HtmlElement,
    disk: RwSignal<Option<Volume>>,
    busy: RwSignal<bool>,
    sent: RwSignal<Vec<ExportRequest>>,
}

fn mount_form(dialect: Dialect, picked: Option<Volume>) -> (FormHarness, impl Drop) {
    let root = container();
    let form = RwSignal::new(ExportForm::new(dialect));
    let disk = RwSignal::new(picked);
    let busy = RwSignal::new(false);
    let sent = RwSignal::new(Vec::new());
    // What the console does on submit: refuse while busy, then mark busy.
    let on_submit = Callback::new(move |r: ExportRequest| {
        if !busy.get_untracked() {
            busy.set(true);
            sent.update(|s| s.push(r));
        }
    });
    let handle = mount_to(
        root.clone(),
        move || view! { <ExportFormView form disk busy on_submit /> },
    );
    (
        FormHarness {
            root,
            disk,
            busy,
            sent,
        },
        handle,
    )
}

#[wasm_bindgen_test]
async fn invalid_name_shows_the_message_and_disables_export() {
    let (h, _mounted) = mount_form(Dialect::HuaweiEvs, Some(disk("available", 40)));
    let name = by_label(&h.root, "Image name");
    type_into(&name, "bad/name");
    tick().await;
    assert!(
        text(&h.root).contains("Character 4, \"/\" (U+002F), is not allowed."),
        "{}",
        text(&h.root)
    );
    assert_eq!(name.get_attribute("aria-invalid").as_deref(), Some("true"));
    let described = name.get_attribute("aria-describedby").unwrap();
    let err_id = described.split(' ').next().unwrap();
    assert!(text(&document().get_element_by_id(err_id).unwrap()).contains("is not allowed"));
    assert!(export_button(&h.root).disabled());
    assert!(text(&h.root).contains("8 / 128"));

    type_into(&name, " leading");
    tick().await;
    assert!(text(&h.root).contains("The name cannot start with a space."));
    assert!(export_button(&h.root).disabled());
}

#[wasm_bindgen_test]
async fn valid_name_and_exportable_disk_enable_export() {
    let (h, _mounted) = mount_form(Dialect::HuaweiEvs, Some(disk("available", 40)));
    let button = export_button(&h.root);
    assert!(button.disabled(), "empty name");
    assert_eq!(text(&button).trim(), "Export");
    let name = by_label(&h.root, "Image name");
    type_into(&name, "web-server 导出_v1.2");
    tick().await;
    assert_eq!(name.get_attribute("aria-invalid").as_deref(), Some("false"));
    assert!(!button.disabled());
    assert!(text(&h.root).contains("18 / 128"));

    // One click, one request, even when clicked again before the DOM updates.
    button.click();
    button.click();
    tick().await;
    assert_eq!(h.sent.with_untracked(Vec::len), 1);
    assert!(button.disabled(), "busy");
    let body = h.sent.with_untracked(|s| s[0].to_json());
    assert_eq!(
        body,
        r#"{"os-volume_upload_image":{"__os_type":"linux","container_format":"bare","disk_format":"zvhd2","force":false,"image_name":"web-server 导出_v1.2"}}"#
    );
    h.busy.set(false);
    tick().await;
    assert!(!button.disabled());
}

#[wasm_bindgen_test]
async fn export_needs_a_disk_that_can_be_exported() {
    let (h, _mounted) = mount_form(Dialect::HuaweiEvs, None);
    type_into(&by_label(&h.root, "Image name"), "img");
    tick().await;
    assert!(export_button(&h.root).disabled());
    assert!(text(&h.root).contains("Pick a disk first."));

    for blocked in [
        disk("error", 40),
        disk("uploading", 40),
        disk("available", 2048),
    ] {
        h.disk.set(Some(blocked));
        tick().await;
        assert!(export_button(&h.root).disabled());
    }

    h.disk.set(Some(disk("in-use", 40)));
    tick().await;
    assert!(export_button(&h.root).disabled());
    assert!(text(&h.root).contains("Stop the server"));
    let force = by_label(&h.root, "Force export of an in-use disk");
    force.unchecked_ref::<HtmlInputElement>().click();
    tick().await;
    assert!(!export_button(&h.root).disabled());
}

#[wasm_bindgen_test]
async fn os_type_explains_when_it_is_ignored_and_cinder_has_visibility() {
    let (h, _mounted) = mount_form(Dialect::HuaweiEvs, Some(disk("in-use", 40)));
    assert!(text(&h.root).contains("only takes effect when the disk is available"));
    drop(_mounted);

    let (h, _mounted) = mount_form(Dialect::OpenStackCinder, Some(disk("available", 40)));
    let root_text = text(&h.root);
    assert!(!root_text.contains("OS type"));
    assert!(root_text.contains("Visibility"));
    let name = by_label(&h.root, "Image name");
    type_into(&name, "backup/2026 (v1)");
    tick().await;
    assert!(text(&h.root).contains(" / 255"));
    assert!(!export_button(&h.root).disabled());
}

const HOSTILE: &str = r#"{"os-volume_upload_image": {"status": "uploading", "size": 40,
    "id": "vol-1", "image_id": "img-1", "image_name": "<b>name</b>",
    "volume_type": {"id": "t1", "name": "SAS", "description": "<script>alert(1)</script>",
      "is_public": true, "created_at": "2015-05-24T14:47:22.132268",
      "extra_specs": {"volume_backend_name": "<or> iaas blockstorage_SAS",
        "<img src=x onerror=alert(1)>": "<img src=x onerror=alert(2)>"}},
    "container_format": "bare", "disk_format": "vhd",
    "display_description": "<img src=x onerror=alert(3)>", "updated_at": "2018-01-11T01:50:25.800931"}}"#;

#[wasm_bindgen_test]
async fn result_view_shows_server_text_literally() {
    let image = parse_export_response(202, HOSTILE).unwrap();
    let root = container();
    let _mounted = mount_to(root.clone(), move || view! { <ResultView image /> });
    tick().await;
    let t = text(&root);
    assert!(t.contains("<or> iaas blockstorage_SAS"), "{t}");
    assert!(t.contains("<img src=x onerror=alert(1)>"));
    assert!(t.contains("<img src=x onerror=alert(2)>"));
    assert!(t.contains("<img src=x onerror=alert(3)>"));
    assert!(t.contains("<b>name</b>"));
    assert!(t.contains("<script>alert(1)</script>"));
    assert!(root.query_selector("img").unwrap().is_none());
    assert!(root.query_selector("b").unwrap().is_none());
    assert!(root.query_selector("script").unwrap().is_none());
    // Local time with the UTC time as a tooltip.
    let time = root.query_selector("time").unwrap().unwrap();
    assert_eq!(
        time.get_attribute("title").as_deref(),
        Some("2018-01-11 01:50:25 UTC")
    );
    assert!(root
        .query_selector("button[aria-label='Copy image ID']")
        .unwrap()
        .is_some());
}

#[wasm_bindgen_test]
async fn error_panel_shows_everything_and_points_401_at_the_token() {
    let root = container();
    let error = RwSignal::new(None::<ApiError>);
    let focused = RwSignal::new(0);
    let on_settings = Callback::new(move |_: ()| focused.update(|n| *n += 1));
    let _mounted = mount_to(
        root.clone(),
        move || view! { <ErrorPanel error on_settings /> },
    );
    tick().await;
    assert!(root.query_selector("[role=alert]").unwrap().is_none());

    error.set(Some(
        ApiError::from_response(
            401,
            r#"{"error_msg": "decrypt token fail", "error_code": "APIGW.0301"}"#,
        )
        .with_request_id(Some("req-1".into())),
    ));
    tick().await;
    let t = text(&root);
    for part in [
        "(401)",
        "decrypt token fail",
        "APIGW.0301",
        "req-1",
        "Check the token",
    ] {
        assert!(t.contains(part), "{part} in {t}");
    }
    let button: HtmlButtonElement = root
        .query_selector("[role=alert] button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    button.click();
    assert_eq!(focused.get_untracked(), 1);

    error.set(Some(ApiError::timeout(30)));
    tick().await;
    let t = text(&root);
    assert!(
        t.contains("did not answer in time") && t.contains("may still have been accepted"),
        "{t}"
    );
    assert!(root
        .query_selector("[role=alert] button")
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
async fn error_panel_and_name_errors_follow_the_language() {
    use evs_console::app::Lang;
    use evs_console::i18n::Locale;
    let root = container();
    let locale = RwSignal::new(Locale::Zh);
    let error = RwSignal::new(Some(
        ApiError::from_response(
            400,
            r#"{"badRequest": {"code": 400, "message": "Invalid volume: <b>x</b>"}}"#,
        )
        .with_request_id(Some("req-9".into())),
    ));
    let form = RwSignal::new(ExportForm::new(Dialect::HuaweiEvs));
    let on_submit = Callback::new(|_: ExportRequest| {});
    let _mounted = mount_to(root.clone(), move || {
        provide_context(Lang(locale));
        view! {
            <ErrorPanel error on_settings=Callback::new(|_: ()| {}) />
            <ExportFormView form disk=Signal::derive(move || Some(disk("available", 40))) busy=Signal::derive(|| false) on_submit />
        }
    });
    tick().await;
    type_into(&by_label(&root, "镜像名称"), "坏/名字");
    tick().await;
    let t = text(&root);
    for part in [
        "请求被拒绝 (400)",
        "Invalid volume: <b>x</b>",
        "请按消息所述更正后重试",
        "req-9",
        "第 2 个字符 \"/\" (U+002F) 不允许使用",
        "华为云最新格式",
    ] {
        assert!(t.contains(part), "{part} in {t}");
    }
    assert!(root.query_selector("b").unwrap().is_none());
    locale.set(Locale::En);
    tick().await;
    let t = text(&root);
    assert!(t.contains("The request was rejected (400)"), "{t}");
    assert!(
        t.contains("Character 2, \"/\" (U+002F), is not allowed."),
        "{t}"
    );
    assert!(!t.contains("请求被拒绝"), "{t}");
}

/// Markup in a fresh container (our own test markup).
fn markup(html: &str) -> HtmlElement {
    let root = container();
    root.set_inner_html(html);
    root
}

fn input(root: &Element, id: &str) -> HtmlInputElement {
    root.query_selector(&format!("#{id}"))
        .unwrap()
        .unwrap()
        .unchecked_into()
}

#[wasm_bindgen_test]
async fn carry_moves_what_was_changed_into_the_live_controls_as_if_typed() {
    use evs_console::platform::carry;
    let first = markup(concat!(
        r#"<input id="evs90-name" type="text" value="">"#,
        r#"<input id="evs90-url" type="text" value="/evs">"#,
        r#"<select id="evs90-fmt"><option value="zvhd2" selected>zvhd2</option><option value="qcow2">qcow2</option></select>"#,
        r#"<input id="evs90-force" type="checkbox">"#,
        r#"<input id="evs90-dup" type="text"><input id="evs91-dup" type="text">"#,
    ));
    input(&first, "evs90-name").set_value("typed early");
    input(&first, "evs90-force").set_checked(true);
    input(&first, "evs90-dup").set_value("ambiguous");
    let select: web_sys::HtmlSelectElement = first
        .query_selector("#evs90-fmt")
        .unwrap()
        .unwrap()
        .unchecked_into();
    select.set_value("qcow2");
    input(&first, "evs90-name").focus().unwrap();
    input(&first, "evs90-name")
        .set_selection_range(2, 4)
        .unwrap();
    let carried = carry::collect(&first);
    first.remove();

    // The live screen: other id numbers, and listeners that log what the console would hear.
    let live = markup(concat!(
        r#"<input id="evs7-name" type="text" value="">"#,
        r#"<input id="evs7-url" type="text" value="/evs">"#,
        r#"<select id="evs7-fmt"><option value="zvhd2" selected>zvhd2</option><option value="qcow2">qcow2</option></select>"#,
        r#"<input id="evs7-force" type="checkbox">"#,
        r#"<input id="evs7-dup" type="text">"#,
    ));
    let heard = std::rc::Rc::new(std::cell::RefCell::new(Vec::<String>::new()));
    for ev in ["input", "change"] {
        let heard = heard.clone();
        let log = wasm_bindgen::closure::Closure::<dyn FnMut(Event)>::new(move |e: Event| {
            let id = e.target().unwrap().unchecked_into::<Element>().id();
            heard.borrow_mut().push(format!("{} {id}", e.type_()));
        });
        live.add_event_listener_with_callback(ev, log.as_ref().unchecked_ref())
            .unwrap();
        log.forget();
    }
    let pending = carry::apply(&live, carried);
    assert_eq!(input(&live, "evs7-name").value(), "typed early");
    assert!(input(&live, "evs7-force").checked());
    let live_select: web_sys::HtmlSelectElement = live
        .query_selector("#evs7-fmt")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(live_select.value(), "qcow2");
    // Unchanged and ambiguous fields are left alone.
    assert_eq!(input(&live, "evs7-url").value(), "/evs");
    assert_eq!(input(&live, "evs7-dup").value(), "");
    assert_eq!(
        *heard.borrow(),
        [
            "input evs7-name",
            "change evs7-name",
            "input evs7-fmt",
            "change evs7-fmt",
            "input evs7-force",
            "change evs7-force"
        ]
    );
    // The second pass: the name was typed over meanwhile and stays; focus and caret return.
    input(&live, "evs7-name").set_value("typed later");
    carry::apply_again(&live, pending);
    assert_eq!(input(&live, "evs7-name").value(), "typed later");
    let name = input(&live, "evs7-name");
    assert_eq!(
        document().active_element().map(|a| a.id()),
        Some("evs7-name".to_string())
    );
    assert_eq!(
        (
            name.selection_start().unwrap(),
            name.selection_end().unwrap()
        ),
        (Some(2), Some(4))
    );
    live.remove();
}

#[wasm_bindgen_test]
fn local_time_reads_as_to_locale_string_does_in_both_languages() {
    use evs_console::platform::dom;
    for tag in ["en", "zh-CN"] {
        for ms in [0_i64, 1_515_635_425_800, 1_700_000_000_123] {
            let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
            let expected: String = date
                .to_locale_string(tag, &wasm_bindgen::JsValue::UNDEFINED)
                .into();
            // Twice: made once, then from the cache.
            assert_eq!(dom::local_time(ms, tag, "fallback"), expected, "{tag} {ms}");
            assert_eq!(dom::local_time(ms, tag, "fallback"), expected, "{tag} {ms}");
        }
    }
    // A tag the engine refuses gives the fallback, not a panic.
    assert_eq!(dom::local_time(0, "not a tag!", "UTC text"), "UTC text");
}

mod sign_in {
    use super::*;
    use evs_console::app::config::ConsoleConfig;
    use evs_console::app::connection::Connection;
    use evs_console::app::session::{Session, Signed};
    use evs_console::ui::{SessionBar, SignIn};
    use evs_model::parse_token_answer;

    fn session() -> Session {
        let conn = Connection::new(&ConsoleConfig::default());
        Session::new(conn, "", Callback::new(|_: ()| {}))
    }

    #[wasm_bindgen_test]
    async fn empty_fields_are_named_nothing_is_sent_and_nothing_typed_is_lost() {
        let root = container();
        let s = session();
        let _mounted = mount_to(
            root.clone(),
            move || view! { <SignIn session=s prefix="evs-t".to_string() /> },
        );
        tick().await;
        assert_eq!(s.identity_url.get_untracked(), "/iam");
        let submit: HtmlButtonElement = root
            .query_selector("button[type=submit]")
            .unwrap()
            .unwrap()
            .unchecked_into();
        assert_eq!(submit.text_content().unwrap(), "Sign in");
        submit.click();
        tick().await;
        for field in ["User name", "Password", "Domain", "Project"] {
            assert!(
                text(&root).contains(&format!("{field}: Required.")),
                "{field}: {}",
                text(&root)
            );
        }
        type_into(&by_label(&root, "User name"), "operator");
        type_into(&by_label(&root, "Domain"), "Default");
        type_into(&by_label(&root, "Project"), "sim-project");
        submit.click();
        tick().await;
        // Only the password is missing; what was typed stays; nothing was sent.
        assert!(text(&root).contains("Password: Required."));
        assert!(!text(&root).contains("User name: Required."));
        assert_eq!(s.user.get_untracked(), "operator");
        assert_eq!(
            by_label(&root, "Project")
                .unchecked_into::<HtmlInputElement>()
                .value(),
            "sim-project"
        );
        assert!(!s.busy().get_untracked());
        assert_eq!(
            by_label(&root, "Password").get_attribute("type").as_deref(),
            Some("password")
        );
        // The application-credential mode asks for its two fields only.
        let mode = by_label(&root, "Sign in with");
        mode.unchecked_ref::<web_sys::HtmlSelectElement>()
            .set_value("ac");
        fire(&mode, "change");
        tick().await;
        submit.click();
        tick().await;
        assert!(text(&root).contains("Application credential ID: Required."));
        assert!(!text(&root).contains("Project: Required."));
    }

    #[wasm_bindgen_test]
    async fn the_signed_in_line_shows_server_text_as_text() {
        let root = container();
        let s = session();
        let body = r#"{"token": {"expires_at": "2030-01-01T00:00:00.000000Z",
            "user": {"id": "u", "name": "<b>op</b>"},
            "project": {"id": "p1", "name": "proj <i>1</i>"},
            "catalog": [
              {"type": "block-storage", "endpoints": [{"interface": "public", "region_id": "r-1", "url": "http://x/v3/p1"},
                                                    {"interface": "public", "region_id": "r-2", "url": "http://y/v3/p1"}]},
              {"type": "image", "endpoints": [{"interface": "public", "region_id": "r-1", "url": "http://x:9292"},
                                            {"interface": "public", "region_id": "r-2", "url": "http://y:9292"}]}]}}"#;
        let info = parse_token_answer(201, Some("t"), body).unwrap().info;
        s.current.set(Some(Signed {
            user: info.user.name,
            project_id: info.project.id,
            project_name: info.project.name,
            region: "r-1".into(),
            regions: info.catalog.regions(),
            expires_at: info.expires_at,
            catalog: info.catalog,
        }));
        let _mounted = mount_to(root.clone(), move || view! { <SessionBar session=s /> });
        tick().await;
        let line = text(&root);
        assert!(line.contains("Signed in as <b>op</b>"), "{line}");
        assert!(line.contains("proj <i>1</i>"), "{line}");
        assert!(root.query_selector("b, i").unwrap().is_none());
        assert!(root.query_selector("time").unwrap().is_some());
        // Two regions: a menu, and picking one moves both endpoints.
        let region = by_label(&root, "Region to use");
        region
            .unchecked_ref::<web_sys::HtmlSelectElement>()
            .set_value("r-2");
        fire(&region, "change");
        tick().await;
        assert_eq!(s.current.get_untracked().unwrap().region, "r-2");
        let buttons: Vec<String> = (0..root.query_selector_all("button").unwrap().length())
            .map(|i| {
                root.query_selector_all("button")
                    .unwrap()
                    .item(i)
                    .unwrap()
                    .text_content()
                    .unwrap()
            })
            .collect();
        assert_eq!(buttons, ["Switch project", "Sign out"]);
    }
}
