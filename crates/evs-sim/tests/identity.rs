//! The simulator's identity service over real HTTP, read with evs-model's own identity parsers
//! (the ones the console uses): sign-in, catalog back at the simulator, projects, rescope,
//! expiry, revoke, refusals, and the block-storage and image routes accepting issued tokens.

use std::net::SocketAddr;

use evs_model::{
    parse_auth_projects, parse_token_answer, parse_volume_list, token_request_body, Credentials,
    Dialect, IdentityProblem, ProjectId, ProjectScope, SignedIn,
};
use evs_sim::config::DEFAULT_PROJECT_ID as P;
use evs_sim::identity::*;
use hyper::http::Method;
use serde_json::json;

fn password(user: &str, pw: &str, project: &str) -> String {
    let creds = Credentials::Password {
        user: user.into(),
        domain: DOMAIN.into(),
        password: pw.into(),
    };
    let scope = ProjectScope::from_input(project, DOMAIN);
    token_request_body(&creds, scope.as_ref())
        .expect("complete")
        .to_string()
}

mod common;
use common::{call, sim_with};

async fn sign_in(
    addr: SocketAddr,
    path: &str,
    body: &str,
) -> Result<SignedIn, evs_model::IdentityError> {
    let r = call(
        addr,
        Method::POST,
        path,
        &[("content-type", "application/json")],
        Some(body),
    )
    .await;
    parse_token_answer(r.status, r.header("x-subject-token"), &r.text())
}

fn volumes_path(d: Dialect, project: &str) -> String {
    d.volumes_detail_path(&ProjectId::parse(project).unwrap())
}

#[tokio::test]
async fn password_sign_in_gives_a_token_whose_catalog_points_back_at_the_simulator() {
    let s = sim_with(|_| {}).await;
    let signed = sign_in(
        s.addr,
        "/iam/v3/auth/tokens",
        &password(USER, DEFAULT_PASSWORD, PROJECT_NAME),
    )
    .await
    .expect("signed in");
    assert_eq!(signed.info.user.name, USER);
    assert_eq!(signed.info.project.id, P);
    assert_eq!(signed.info.project.name, PROJECT_NAME);
    let ttl = signed.info.expires_at.unix_millis()
        - signed.info.issued_at.as_ref().unwrap().unix_millis();
    assert_eq!(ttl, 3_600_000);
    let eps = signed.info.catalog.service_endpoints(None).unwrap();
    assert_eq!(eps.block_storage, format!("{}/evs", s.url()));
    assert_eq!(eps.image, format!("{}/ims", s.url()));
    assert_eq!(eps.region, REGION);

    // The token works on both dialects' disk lists and the image service.
    let auth = [("x-auth-token", signed.token.as_str())];
    for d in [Dialect::HuaweiEvs, Dialect::OpenStackCinder] {
        let r = call(
            s.addr,
            Method::GET,
            &format!("/evs{}", volumes_path(d, P)),
            &auth,
            None,
        )
        .await;
        assert_eq!(r.status, 200, "{d:?}: {}", r.text());
        assert!(!parse_volume_list(r.status, &r.text())
            .unwrap()
            .volumes
            .is_empty());
    }
    let r = call(s.addr, Method::GET, "/ims/v2/images/nope", &auth, None).await;
    assert_eq!(r.status, 404, "the token passes; the image does not exist");
    // The fixed token still works (the existing tests and a pasted token).
    let r = call(
        s.addr,
        Method::GET,
        &volumes_path(Dialect::HuaweiEvs, P),
        &[("x-auth-token", "sim-token")],
        None,
    )
    .await;
    assert_eq!(r.status, 200);
    // The log never holds the token, the password or the body.
    let log = call(s.addr, Method::GET, "/__sim/log", &[], None)
        .await
        .text();
    assert!(!log.contains(&signed.token) && !log.contains(DEFAULT_PASSWORD));
    assert!(log.contains("/iam/v3/auth/tokens"));
}

#[tokio::test]
async fn refusals_are_keystones_401_and_locked_users_say_so() {
    let s = sim_with(|c| c.password = "pw-2".into()).await;
    for body in [
        password(USER, DEFAULT_PASSWORD, PROJECT_NAME),
        password("nobody", "pw-2", PROJECT_NAME),
        password(USER, "pw-2", "no-such-project"),
        json!({"auth": {"identity": {"methods": ["application_credential"],
            "application_credential": {"id": APP_CRED_ID, "secret": "wrong"}}}})
        .to_string(),
    ] {
        let r = call(
            s.addr,
            Method::POST,
            "/iam/v3/auth/tokens",
            &[],
            Some(&body),
        )
        .await;
        assert_eq!(r.status, 401, "{body}");
        assert!(r.header("x-subject-token").is_none());
        assert_eq!(
            r.json().unwrap(),
            json!({"error": {"code": 401, "message": "The request you have made requires authentication.", "title": "Unauthorized"}})
        );
        let err = parse_token_answer(r.status, None, &r.text()).unwrap_err();
        assert_eq!(err.problem, IdentityProblem::Refused);
    }
    assert!(sign_in(
        s.addr,
        "/iam/v3/auth/tokens",
        &password(USER, "pw-2", PROJECT_NAME)
    )
    .await
    .is_ok());
    let err = sign_in(
        s.addr,
        "/iam/v3/auth/tokens",
        &password(LOCKED_USER, "x", PROJECT_NAME),
    )
    .await
    .unwrap_err();
    assert_eq!(err.problem, IdentityProblem::Locked);
    let r = call(
        s.addr,
        Method::POST,
        "/iam/v3/auth/tokens",
        &[],
        Some("{nope"),
    )
    .await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json().unwrap()["error"]["title"], "Bad Request");
}

#[tokio::test]
async fn app_credential_projects_rescope_and_the_second_project() {
    let s = sim_with(|_| {}).await;
    let body = token_request_body(
        &Credentials::ApplicationCredential {
            id: APP_CRED_ID.into(),
            secret: APP_CRED_SECRET.into(),
        },
        None,
    )
    .unwrap()
    .to_string();
    let signed = sign_in(s.addr, "/v3/auth/tokens", &body)
        .await
        .expect("app cred");
    assert_eq!(signed.info.project.id, P);
    let auth = [("x-auth-token", signed.token.as_str())];

    let r = call(s.addr, Method::GET, "/iam/v3/auth/projects", &auth, None).await;
    let projects = parse_auth_projects(r.status, &r.text()).unwrap();
    let names: Vec<&str> = projects.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, [PROJECT_NAME, SECOND_PROJECT_NAME]);

    // Rescope with the current token, by id.
    let rescope = token_request_body(
        &Credentials::Token(signed.token.clone()),
        ProjectScope::from_input(SECOND_PROJECT_ID, "").as_ref(),
    )
    .unwrap()
    .to_string();
    let second = sign_in(s.addr, "/iam/v3/auth/tokens", &rescope)
        .await
        .unwrap();
    assert_eq!(second.info.project.name, SECOND_PROJECT_NAME);
    assert_ne!(second.token, signed.token);
    let auth2 = [("x-auth-token", second.token.as_str())];
    let r = call(
        s.addr,
        Method::GET,
        &volumes_path(Dialect::OpenStackCinder, SECOND_PROJECT_ID),
        &auth2,
        None,
    )
    .await;
    assert_eq!(r.status, 200);
    assert!(parse_volume_list(r.status, &r.text())
        .unwrap()
        .volumes
        .is_empty());
    // A token of one project is refused on another's path, as Cinder and EVS refuse it.
    let r = call(
        s.addr,
        Method::GET,
        &volumes_path(Dialect::OpenStackCinder, P),
        &auth2,
        None,
    )
    .await;
    assert_eq!(r.status, 400);
    assert_eq!(
        r.json().unwrap()["badRequest"]["message"],
        "Malformed request url"
    );
    let r = call(
        s.addr,
        Method::GET,
        &volumes_path(Dialect::HuaweiEvs, P),
        &auth2,
        None,
    )
    .await;
    assert_eq!(r.json().unwrap()["badRequest"]["code"], "EVS.0001");
}

#[tokio::test]
async fn tokens_expire_on_the_simulators_clock_and_revoke() {
    let s = sim_with(|c| c.token_ttl_seconds = 60).await;
    let signed = sign_in(
        s.addr,
        "/iam/v3/auth/tokens",
        &password(USER, DEFAULT_PASSWORD, PROJECT_NAME),
    )
    .await
    .unwrap();
    let auth = [("x-auth-token", signed.token.as_str())];
    let list = volumes_path(Dialect::HuaweiEvs, P);
    assert_eq!(
        call(s.addr, Method::GET, &list, &auth, None).await.status,
        200
    );
    let adv = call(
        s.addr,
        Method::POST,
        "/__sim/advance",
        &[],
        Some(r#"{"seconds": 61}"#),
    )
    .await;
    assert_eq!(adv.status, 200);
    let r = call(s.addr, Method::GET, &list, &auth, None).await;
    assert_eq!(r.status, 401);
    assert_eq!(r.json().unwrap()["error_code"], "APIGW.0301");

    // A fresh token, validated, revoked, then refused everywhere.
    let signed = sign_in(
        s.addr,
        "/iam/v3/auth/tokens",
        &password(USER, DEFAULT_PASSWORD, P),
    )
    .await
    .unwrap();
    let t = signed.token.as_str();
    let both = [("x-auth-token", t), ("x-subject-token", t)];
    let r = call(s.addr, Method::GET, "/iam/v3/auth/tokens", &both, None).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("x-subject-token"), Some(t));
    let r = call(s.addr, Method::DELETE, "/iam/v3/auth/tokens", &both, None).await;
    assert_eq!(r.status, 204);
    assert!(r.body.is_empty());
    let r = call(s.addr, Method::GET, &list, &[("x-auth-token", t)], None).await;
    assert_eq!(r.status, 401);
    let r = call(
        s.addr,
        Method::GET,
        "/iam/v3/auth/tokens",
        &[("x-auth-token", "sim-token"), ("x-subject-token", t)],
        None,
    )
    .await;
    assert_eq!(r.status, 404);
    assert_eq!(
        r.json().unwrap()["error"]["message"],
        "Failed to validate token"
    );
    let r = call(
        s.addr,
        Method::GET,
        "/iam/v3/auth/projects",
        &[("x-auth-token", t)],
        None,
    )
    .await;
    assert_eq!(r.status, 401);
}

#[tokio::test]
async fn huawei_shape_region_project_and_evs_catalog_types() {
    let s = sim_with(|c| {
        c.identity = IdentityShape::HuaweiIam;
        c.public_url = Some("http://127.0.0.1:8080".into());
    })
    .await;
    let signed = sign_in(
        s.addr,
        "/iam/v3/auth/tokens",
        &password(USER, DEFAULT_PASSWORD, HUAWEI_REGION),
    )
    .await
    .unwrap();
    assert_eq!(signed.info.project.name, HUAWEI_REGION);
    let cat = &signed.info.catalog;
    assert_eq!(cat.regions(), [HUAWEI_REGION]);
    assert!(cat.services.iter().any(|s| s.service_type == "evs"));
    let eps = cat.service_endpoints(None).unwrap();
    assert_eq!(eps.block_storage, "http://127.0.0.1:8080/evs");
    assert_eq!(eps.image, "http://127.0.0.1:8080/ims");
    let err = sign_in(
        s.addr,
        "/iam/v3/auth/tokens",
        &password(LOCKED_USER, "x", HUAWEI_REGION),
    )
    .await
    .unwrap_err();
    assert_eq!(err.problem, IdentityProblem::Locked);
    // Faults reach the identity service too: an HTML gateway page is a service problem.
    let r = call(
        s.addr,
        Method::POST,
        "/iam/v3/auth/tokens",
        &[("x-sim-fault", "502-html")],
        Some(&password(USER, DEFAULT_PASSWORD, HUAWEI_REGION)),
    )
    .await;
    let err = parse_token_answer(r.status, r.header("x-subject-token"), &r.text()).unwrap_err();
    assert_eq!(err.problem, IdentityProblem::Service);
    assert_eq!(err.error.status(), 502);
}
