//! evs-model's identity module against answers recorded from a REAL Keystone 30
//! (tests/cinder/recorded/keystone_*.json): the request bodies we build are the ones Keystone
//! accepted, the token answers parse into user, project, expiry and catalog, the catalog gives
//! Cinder's and Glance's base URLs, and every refusal is the same typed reason (Keystone
//! answers all of them with one 401, on purpose).

use evs_model::{
    parse_auth_projects, parse_token_answer, parse_token_body, token_request_body, Catalog,
    CatalogProblem, Credentials, ErrorKind, IdentityProblem, ProjectScope, ServiceKind,
};
use serde_json::Value;

mod common;
use common::{body, header, load, status};

/// The credentials and scope a recorded request sent, rebuilt from its body through our types.
fn rebuilt_request(rec: &Value) -> Value {
    let auth = &rec["request"]["body"]["auth"];
    let identity = &auth["identity"];
    let credentials = match identity["methods"][0].as_str().unwrap() {
        "password" => {
            let user = &identity["password"]["user"];
            Credentials::Password {
                user: user["name"].as_str().unwrap().into(),
                domain: user["domain"]["name"].as_str().unwrap().into(),
                password: user["password"].as_str().unwrap().into(),
            }
        }
        "application_credential" => Credentials::ApplicationCredential {
            id: identity["application_credential"]["id"]
                .as_str()
                .unwrap()
                .into(),
            secret: identity["application_credential"]["secret"]
                .as_str()
                .unwrap()
                .into(),
        },
        "token" => Credentials::Token(identity["token"]["id"].as_str().unwrap().into()),
        other => panic!("method {other}"),
    };
    let project = &auth["scope"]["project"];
    let scope = if let Some(id) = project["id"].as_str() {
        ProjectScope::from_input(id, "")
    } else if let Some(name) = project["name"].as_str() {
        ProjectScope::from_input(name, project["domain"]["name"].as_str().unwrap())
    } else {
        None
    };
    token_request_body(&credentials, scope.as_ref()).expect("complete credentials")
}

#[test]
fn our_request_bodies_are_the_ones_keystone_accepted_or_refused() {
    for name in [
        "keystone_auth_password_201.json",
        "keystone_auth_app_cred_201.json",
        "keystone_auth_rescope_201.json",
        "keystone_auth_wrong_password_401.json",
        "keystone_auth_unknown_domain_401.json",
        "keystone_auth_unknown_project_401.json",
        "keystone_auth_unknown_user_401.json",
        "keystone_auth_wrong_app_cred_secret_401.json",
    ] {
        let rec = load(name);
        assert_eq!(rebuilt_request(&rec), rec["request"]["body"], "{name}");
    }
}

#[test]
fn password_sign_in_gives_token_user_project_expiry_and_cinder_glance_endpoints() {
    let rec = load("keystone_auth_password_201.json");
    let signed = parse_token_answer(status(&rec), header(&rec, "X-Subject-Token"), body(&rec))
        .expect("a token");
    assert_eq!(Some(signed.token.as_str()), header(&rec, "x-subject-token"));
    let info = &signed.info;
    assert_eq!(info.user.name, "harness-user");
    assert_eq!(info.user_domain.name, "harness");
    assert_eq!(info.project.name, "harness-project");
    assert_eq!(info.project.id, "186d878f1ff941399cf1d066adbadd11");
    assert_eq!(info.project.domain.name, "harness");
    assert_eq!(info.expires_at.raw(), "2026-11-29T12:25:33.000000Z");
    let issued = info.issued_at.as_ref().expect("issued_at");
    assert_eq!(
        info.expires_at.unix_millis() - issued.unix_millis(),
        3_600_000
    );

    assert_eq!(info.catalog.regions(), vec!["RegionOne".to_string()]);
    let eps = info.catalog.service_endpoints(None).expect("endpoints");
    assert_eq!(eps.block_storage, "http://127.0.0.1:18776");
    assert_eq!(eps.image, "http://127.0.0.1:19292");
    assert_eq!(eps.region, "RegionOne");
    assert_eq!(
        info.catalog.service_endpoints(Some("RegionTwo")),
        Err(CatalogProblem::NoEndpointInRegion {
            kind: ServiceKind::BlockStorage,
            region: "RegionTwo".into()
        })
    );
}

#[test]
fn app_credential_and_rescope_answers() {
    let rec = load("keystone_auth_app_cred_201.json");
    let signed =
        parse_token_answer(status(&rec), header(&rec, "X-Subject-Token"), body(&rec)).unwrap();
    assert_eq!(signed.info.project.name, "harness-project");

    let rec = load("keystone_auth_rescope_201.json");
    let signed =
        parse_token_answer(status(&rec), header(&rec, "X-Subject-Token"), body(&rec)).unwrap();
    assert_eq!(signed.info.project.id, "fe1bf2593c494eccb85241e047297b5e");
    assert_eq!(signed.info.project.name, "harness-project-2");
    let eps = signed.info.catalog.service_endpoints(None).unwrap();
    assert_eq!(eps.block_storage, "http://127.0.0.1:18776");

    let rec = load("keystone_validate_200.json");
    let info = parse_token_body(status(&rec), body(&rec)).unwrap();
    assert_eq!(info.user.name, "harness-user");
}

#[test]
fn a_201_without_the_header_is_named_not_signed_in() {
    // What a browser sees when the service does not expose X-Subject-Token across origins.
    let rec = load("keystone_auth_password_201.json");
    let err = parse_token_answer(201, None, body(&rec)).unwrap_err();
    assert_eq!(err.problem, IdentityProblem::NoSubjectToken);
    let err = parse_token_answer(201, Some("  "), body(&rec)).unwrap_err();
    assert_eq!(err.problem, IdentityProblem::NoSubjectToken);
}

#[test]
fn every_refusal_is_the_same_reason_with_keystones_words_and_request_id() {
    for name in [
        "keystone_auth_wrong_password_401.json",
        "keystone_auth_unknown_domain_401.json",
        "keystone_auth_unknown_project_401.json",
        "keystone_auth_unknown_user_401.json",
        "keystone_auth_wrong_app_cred_secret_401.json",
    ] {
        let rec = load(name);
        let err = parse_token_answer(status(&rec), None, body(&rec)).unwrap_err();
        assert_eq!(err.problem, IdentityProblem::Refused, "{name}");
        assert_eq!(err.error.status(), 401);
        assert_eq!(err.error.code(), Some("401"));
        assert_eq!(err.error.kind(), &ErrorKind::Api("error".into()));
        assert_eq!(
            err.error.message(),
            "The request you have made requires authentication."
        );
    }
}

#[test]
fn the_projects_of_the_user() {
    let rec = load("keystone_auth_projects_200.json");
    let projects = parse_auth_projects(status(&rec), body(&rec)).unwrap();
    let names: Vec<&str> = projects.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["harness-project", "harness-project-2"]);
    assert!(projects.iter().all(|p| p.enabled));
    assert_eq!(projects[1].id, "fe1bf2593c494eccb85241e047297b5e");

    let rec = load("keystone_validate_revoked_404.json");
    let err = parse_auth_projects(status(&rec), body(&rec)).unwrap_err();
    assert_eq!(err.message(), "Failed to validate token");
    assert_eq!(
        parse_auth_projects(200, r#"{"links":{}}"#)
            .unwrap_err()
            .kind(),
        &ErrorKind::UnexpectedShape {
            missing: "projects"
        }
    );
}

/// Huawei IAM's shape of the same answer (its documentation's example, shortened): services
/// typed `evs` and `image`, one endpoint per region, a global service with region `*`.
#[test]
fn huawei_catalog_with_several_regions() {
    let catalog: Value = serde_json::json!([
        {"type": "iam", "name": "iam", "endpoints": [
            {"interface": "public", "region": "*", "region_id": "*", "url": "https://iam.myhuaweicloud.com/v3.0"}]},
        {"type": "evs", "name": "evs", "endpoints": [
            {"interface": "public", "region_id": "ap-southeast-1", "url": "https://evs.ap-southeast-1.myhuaweicloud.com/v2/0a1b2c"},
            {"interface": "public", "region_id": "cn-north-4", "url": "https://evs.cn-north-4.myhuaweicloud.com/v2/0a1b2c"}]},
        {"type": "image", "name": "ims", "endpoints": [
            {"interface": "public", "region_id": "cn-north-4", "url": "https://ims.cn-north-4.myhuaweicloud.com"},
            {"interface": "public", "region_id": "ap-southeast-1", "url": "https://ims.ap-southeast-1.myhuaweicloud.com/v2"}]},
        {"type": "bogus"}, 7
    ]);
    let catalog = Catalog::parse(Some(&catalog));
    assert_eq!(catalog.regions(), ["ap-southeast-1", "cn-north-4"]);
    let eps = catalog.service_endpoints(Some("cn-north-4")).unwrap();
    assert_eq!(
        eps.block_storage,
        "https://evs.cn-north-4.myhuaweicloud.com"
    );
    assert_eq!(eps.image, "https://ims.cn-north-4.myhuaweicloud.com");
    let eps = catalog.service_endpoints(None).unwrap();
    assert_eq!(eps.region, "ap-southeast-1");
    assert_eq!(eps.image, "https://ims.ap-southeast-1.myhuaweicloud.com");

    let no_image = Catalog::parse(Some(&serde_json::json!([
        {"type": "volumev2", "endpoints": [{"interface": "internal", "region_id": "r", "url": "http://x/v2/p"},
                                            {"interface": "public", "region_id": "r", "url": "http://y/v2/p"}]}
    ])));
    assert_eq!(
        no_image
            .endpoint(ServiceKind::BlockStorage, Some("r"))
            .unwrap(),
        "http://y/v2/p"
    );
    assert_eq!(
        no_image.service_endpoints(None),
        Err(CatalogProblem::NoService(ServiceKind::Image))
    );
}

#[test]
fn token_answers_of_the_wrong_shape_never_panic() {
    for (body, problem) in [
        ("{}", IdentityProblem::Service),
        (
            r#"{"token": {"expires_at": "soon"}}"#,
            IdentityProblem::Service,
        ),
        (
            r#"{"token": {"expires_at": "2026-11-29T12:25:33Z", "user": {"name": "u"}}}"#,
            IdentityProblem::NotProjectScoped,
        ),
        ("<html><h1>Portal</h1></html>", IdentityProblem::Service),
        ("", IdentityProblem::Service),
    ] {
        let err = parse_token_answer(201, Some("t"), body).unwrap_err();
        assert_eq!(err.problem, problem, "{body}");
    }
    let err = parse_token_answer(503, None, "").unwrap_err();
    assert_eq!(err.problem, IdentityProblem::Service);
    assert_eq!(err.error.kind(), &ErrorKind::EmptyBody);
    let err = parse_token_answer(
        404,
        None,
        r#"{"error":{"code":404,"message":"Not found","title":"Not Found"}}"#,
    )
    .unwrap_err();
    assert_eq!(err.problem, IdentityProblem::NotIdentityService);
}
