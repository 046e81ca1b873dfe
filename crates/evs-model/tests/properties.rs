//! Property tests: the name rules hold for generated input, and no parser panics on anything.

use evs_model::{
    parse_export_response, parse_image, parse_volume, parse_volume_list, ApiError, Dialect,
    ExportForm, ExportRequest, ImageName, NameError, Timestamp,
};
use proptest::prelude::*;

/// One allowed character of a Huawei name: Latin/Chinese/other letters, digits, `-._` and space.
fn allowed_char() -> impl Strategy<Value = char> {
    prop_oneof![
        prop::char::range('a', 'z'),
        prop::char::range('A', 'Z'),
        prop::char::range('0', '9'),
        prop::char::range('\u{4e00}', '\u{9fa5}'),
        prop::char::range('\u{0430}', '\u{044f}'),
        Just('-'),
        Just('.'),
        Just('_'),
        Just(' '),
        Just('é'),
    ]
}

fn non_space_allowed() -> impl Strategy<Value = char> {
    allowed_char().prop_filter("not a space", |c| *c != ' ')
}

/// A valid Huawei name of 1..=128 characters.
fn valid_name() -> impl Strategy<Value = String> {
    (
        non_space_allowed(),
        prop::collection::vec(allowed_char(), 0..=125),
        non_space_allowed(),
        any::<bool>(),
    )
        .prop_map(|(first, middle, last, single)| {
            if single {
                first.to_string()
            } else {
                let mut s = String::new();
                s.push(first);
                s.extend(middle);
                s.push(last);
                s
            }
        })
}

/// A character the Huawei rules reject (punctuation, symbols, controls, invisible).
fn disallowed_char() -> impl Strategy<Value = char> {
    prop_oneof![
        prop::sample::select(vec![
            '/', '\\', '@', '#', '<', '>', '"', '\'', '&', '!', '?', '*', ':', ';', ',', '+', '=',
            '(', ')', '[', ']', '{', '}', '|', '~', '`', '$', '%', '^', '\u{200B}', '\u{202E}',
            '\u{FEFF}', '😀', '\t', '\n', '\u{0}',
        ]),
        prop::char::range('\u{2000}', '\u{206F}').prop_filter("not alphanumeric", |c| {
            !c.is_alphanumeric() && !c.is_whitespace()
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn valid_names_parse_and_round_trip(name in valid_name()) {
        for dialect in Dialect::ALL {
            let parsed = ImageName::parse(&name, dialect).unwrap();
            prop_assert_eq!(parsed.as_str(), name.as_str());
            prop_assert_eq!(parsed.to_string(), name.clone());
            // Through the wire and back, under the simulator's reading.
            let form = ExportForm { image_name: name.clone(), ..ExportForm::new(dialect) };
            let request = form.validate().unwrap();
            let back = ExportRequest::from_wire(dialect, true, &request.to_json()).unwrap();
            prop_assert_eq!(back, request);
        }
    }

    #[test]
    fn a_disallowed_character_is_reported_where_it_is(
        prefix in valid_name(), bad in disallowed_char(), suffix in valid_name()
    ) {
        let name = format!("{prefix}{bad}{suffix}");
        prop_assume!(name.chars().count() <= 128);
        let position = prefix.chars().count() + 1;
        match ImageName::parse(&name, Dialect::HuaweiEvs) {
            Err(NameError::DisallowedChar { ch, position: p, .. }) => {
                prop_assert_eq!(ch, bad);
                prop_assert_eq!(p, position);
            }
            other => prop_assert!(false, "{:?} gave {:?}", name, other),
        }
    }

    #[test]
    fn too_long_names_give_the_counts(name in valid_name(), extra in 1usize..300) {
        let long: String = name.chars().chain(std::iter::repeat_n('x', 128 + extra)).collect();
        let actual = long.chars().count();
        prop_assert_eq!(
            ImageName::parse(&long, Dialect::HuaweiEvs),
            Err(NameError::TooLong { limit: 128, actual })
        );
        if actual > 255 {
            prop_assert_eq!(
                ImageName::parse(&long, Dialect::OpenStackCinder),
                Err(NameError::TooLong { limit: 255, actual })
            );
        }
    }

    #[test]
    fn edge_spaces_are_rejected(name in valid_name()) {
        prop_assert_eq!(
            ImageName::parse(&format!(" {name}"), Dialect::HuaweiEvs),
            Err(NameError::LeadingSpace)
        );
        if name.chars().count() < 128 {
            prop_assert_eq!(
                ImageName::parse(&format!("{name} "), Dialect::HuaweiEvs),
                Err(NameError::TrailingSpace)
            );
        }
    }

    #[test]
    fn parsers_never_panic_on_arbitrary_text(status in any::<u16>(), body in ".{0,400}") {
        let e = ApiError::from_response(status, &body);
        // The server's words, if any, are one line of bounded text (the console words the
        // rest: its own property test checks that every error reads as a sentence).
        prop_assert!(!e.message().chars().any(char::is_control));
        prop_assert!(e.message().chars().count() <= evs_model::MAX_MESSAGE_CHARS + 1);
        prop_assert_eq!(e.status(), status);
        let _ = e.to_string();
        let _ = parse_export_response(status, &body);
        let _ = parse_volume_list(status, &body);
        let _ = parse_volume(status, &body);
        let _ = parse_image(status, &body);
        let _ = Timestamp::parse(&body);
        for dialect in Dialect::ALL {
            let _ = ExportRequest::from_wire(dialect, true, &body);
            let _ = ImageName::parse(&body, dialect);
        }
    }

    #[test]
    fn parsers_never_panic_on_arbitrary_json(status in 200u16..600, json in arb_json()) {
        let body = json.to_string();
        let _ = ApiError::from_response(status, &body).to_string();
        let _ = parse_export_response(status, &body);
        let wrapped = serde_json::json!({ "os-volume_upload_image": json.clone() }).to_string();
        let _ = parse_export_response(202, &wrapped);
        let _ = parse_volume_list(200, &serde_json::json!({ "volumes": [json.clone()] }).to_string());
        let _ = parse_volume(200, &serde_json::json!({ "volume": json.clone() }).to_string());
        let _ = parse_image(200, &body);
        let _ = ExportRequest::from_wire(Dialect::HuaweiEvs, false, &wrapped);
        let _ = ApiError::from_response(status, &serde_json::json!({ "badRequest": json }).to_string());
    }

    #[test]
    fn truncating_a_valid_response_never_panics_and_is_an_error(cut in 0usize..600) {
        let body = SEED;
        let cut = body.char_indices().map(|(i, _)| i).find(|i| *i >= cut).unwrap_or(body.len());
        let result = parse_export_response(202, &body[..cut]);
        if cut < body.trim_end().len() {
            prop_assert!(result.is_err());
        }
    }
}

const SEED: &str = r#"{ "os-volume_upload_image": { "status": "uploading", "size": 40, "id": "16369c5d-384d-4e64-b37a-56d898769362", "image_id": "c5333daa-fbc8-4d1d-bf79-b0567bb45d15", "image_name": "evs-ims-test1027", "volume_type": { "description": "None", "deleted": false, "created_at": "2015-05-24T14:47:22.132268", "updated_at": "2017-07-29T11:29:33.730076", "extra_specs": { "volume_backend_name": "<or> iaas blockstorage_SAS", "XX:availability_zone": "az-dc-1" }, "is_public": true, "deleted_at": null, "id": "8247b6ed-37f0-4c48-8ef1-f0027fb332bc", "name": "SAS" }, "container_format": "bare", "disk_format": "vhd", "display_description": "", "updated_at": "2018-01-11T01:50:25.800931" } }"#;

fn arb_json() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        ".{0,20}".prop_map(Value::String),
        prop::sample::select(vec![
            "uploading",
            "active",
            "killed",
            "in-use",
            "available",
            "2018-01-11T01:50:25.800931",
            "true",
            "<or> iaas",
            "",
        ])
        .prop_map(|s| Value::String(s.to_string())),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        let key = prop::sample::select(vec![
            "id",
            "image_id",
            "image_name",
            "status",
            "size",
            "volume_type",
            "extra_specs",
            "extra_spec",
            "message",
            "code",
            "error",
            "badRequest",
            "attachments",
            "bootable",
            "volume_image_metadata",
            "updated_at",
            "name",
            "os-volume_upload_image",
            "volumes",
            "volumes_links",
            "href",
            "rel",
            "error_msg",
            "error_code",
            "request_id",
        ])
        .prop_map(str::to_string);
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(key, inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}
